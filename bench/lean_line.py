"""LINE's reply and push endpoints at the least CPU, in a process of its own, for the webhook benchmark.

In production LINE answers from its own machines; here its stand-in shares the two cores with the
web process and the workers being measured. The tests' fake (fakeline/) checks every body against
LINE's OpenAPI spec and cost 0.68 ms of CPU a reply (a quarter of a core at 500 a second); this one
only counts what it was sent: the reply tokens (each must be answered once) and the pushes.
Usage: python -m bench.lean_line  (prints its port; GET /counts answers the counts as JSON)
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections import Counter

SENT = b'{"sentMessages":[{"id":"1","quoteToken":"q"}]}'
replies: Counter[str] = Counter()
pushes = 0


def _answer(status: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
    return head.encode() + body


def _respond(method: bytes, path: bytes, body: bytes) -> bytes:
    global pushes
    if path.endswith(b"/message/reply"):
        replies[json.loads(body)["replyToken"]] += 1
        return _answer("200 OK", SENT)
    if path.endswith((b"/message/push", b"/message/multicast")):
        pushes += 1
        return _answer("200 OK", SENT)
    if method == b"GET" and path == b"/counts":
        return _answer("200 OK", json.dumps({"replies": replies, "pushes": pushes}).encode())
    return _answer("200 OK", b"{}")


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while first := await reader.readline():
            method, path, _ = first.split(b" ", 2)
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            writer.write(_respond(method, path, await reader.readexactly(length)))
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main() -> None:
    server = await asyncio.start_server(_serve, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
