"""Signed LINE webhooks at a steady rate, from a process of its own (`python -m bench.loadgen`).

A process of its own so that its timings do not include waiting for the benchmark's fake LINE API,
which shares the benchmark's interpreter lock; it reports the CPU it spent itself, so the cost of
generating the load is known. Connections are keep-alive HTTP/1.1 written by hand: a request costs
microseconds here (httpx spends about a millisecond).
Usage: python -m bench.loadgen PORT RATE SECONDS DUPLICATE_EVERY SECRET  (JSON on standard output)
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid
from collections import Counter
from typing import Any

from fakeline.webhooks import body_of, sign

QUESTIONS = ["ประชุมที่เชียงใหม่", "สัมมนา ก.พ. 68", "ประชุมล่าสุด", "อบรมที่สงขลา", "สวัสดีครับ", "ประชุมที่ตรัง"]


def event(text: str, event_id: str, chat: int) -> dict[str, Any]:
    return {
        "type": "message", "mode": "active", "timestamp": 1700000000000, "webhookEventId": event_id,
        "deliveryContext": {"isRedelivery": False}, "replyToken": uuid.uuid4().hex,
        "source": {"type": "user", "userId": f"U{chat:032x}"},
        "message": {"type": "text", "id": "1", "text": text, "quoteToken": "q"},
    }  # fmt: skip


def requests(count: int, duplicate_every: int, secret: str) -> tuple[list[bytes], list[str]]:
    """Every request of a load, built and signed before it starts; every n-th repeats the one before."""
    built: list[bytes] = []
    ids: list[str] = []
    for n in range(count):
        if duplicate_every and n % duplicate_every == duplicate_every - 1 and built:
            built.append(built[-1])  # LINE redelivering the event just sent
            continue
        one = event(QUESTIONS[n % len(QUESTIONS)], uuid.uuid4().hex.upper()[:26], n % 1000)
        ids.append(one["webhookEventId"])
        text = body_of(one)
        body = text.encode()
        head = (f"POST /callback HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                f"x-line-signature: {sign(text, secret)}\r\ncontent-length: {len(body)}\r\n\r\n")  # fmt: skip
        built.append(head.encode() + body)
    return built, ids


class Connections:
    """Idle keep-alive connections; one the server closed while idle is replaced and the request resent
    (the server had not read it), as HTTP clients do."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def post(self, request: bytes) -> int:
        while self.idle:
            reader, writer = self.idle.pop()
            status = await self._exchange(reader, writer, request)
            if status:
                return status
            writer.close()
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        status = await self._exchange(reader, writer, request)
        if not status:
            raise ConnectionError("the server closed a new connection")
        return status

    async def _exchange(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
    ) -> int:
        """The status, or 0 when the connection was closed before an answer began."""
        writer.write(request)
        first = await reader.readline()
        if not first:
            return 0
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await reader.readexactly(length)
        self.idle.append((reader, writer))
        return int(first.split()[1])

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


async def load(port: int, rate: int, seconds: float, duplicate_every: int, secret: str) -> dict[str, Any]:
    """Open loop: a request every 1/rate s whatever the answers do; each given up after 10 s."""
    built, ids = requests(int(rate * seconds), duplicate_every, secret)
    connections = Connections(port)
    timings: list[float] = []
    outcomes: Counter[str] = Counter()
    slow: Counter[int] = Counter()  # requests over 50 ms, by the second of the load they were sent in

    async def post(request: bytes) -> None:
        t0 = time.perf_counter()
        try:
            outcomes[str(await asyncio.wait_for(connections.post(request), 10))] += 1
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError, TimeoutError) as err:
            outcomes[type(err).__name__] += 1
        timings.append((time.perf_counter() - t0) * 1000)
        if timings[-1] > 50:
            slow[int(t0 - start)] += 1

    cpu = time.process_time()
    tasks = []
    start = time.perf_counter()
    for n, request in enumerate(built):
        tasks.append(asyncio.create_task(post(request)))
        await asyncio.sleep(max(0.0, start + (n + 1) / rate - time.perf_counter()))
    await asyncio.gather(*tasks)
    connections.close()
    return {"timings_ms": timings, "outcomes": dict(outcomes), "ids": ids, "slow_by_second": dict(slow),
            "sending_s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu}  # fmt: skip


def main() -> None:
    port, rate, seconds, duplicate_every, secret = sys.argv[1:6]
    result = asyncio.run(load(int(port), int(rate), float(seconds), int(duplicate_every), secret))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
