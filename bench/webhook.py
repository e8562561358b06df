"""Signed webhooks at a steady rate from this process to `prachum serve` in another; time to the 200."""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func
from sqlmodel import select

from store.db import make_engine, session_scope
from store.models import ProcessedEvent

SECRET = "bench-secret-" + "s" * 20
TOKEN = "bench-token-" + "t" * 20
QUESTIONS = ["ประชุมที่เชียงใหม่", "สัมมนา ก.พ. 68", "ประชุมล่าสุด", "อบรมที่สงขลา", "สวัสดีครับ", "ประชุมที่ตรัง"]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _event(text: str, event_id: str) -> dict[str, Any]:
    return {
        "type": "message", "mode": "active", "timestamp": 1700000000000, "webhookEventId": event_id,
        "deliveryContext": {"isRedelivery": False}, "replyToken": uuid.uuid4().hex,
        "source": {"type": "user", "userId": "U" + "b" * 32},
        "message": {"type": "text", "id": "1", "text": text, "quoteToken": "q"},
    }  # fmt: skip


def _signed(events: list[dict[str, Any]]) -> tuple[bytes, str]:
    from fakeline.webhooks import body_of, sign

    body = body_of(*events)
    return body.encode("utf-8"), sign(body, SECRET)


async def _load(
    url: str, rate: int, seconds: float, duplicate_every: int
) -> tuple[list[float], int, set[str]]:
    """Open-loop load: a request every 1/rate s whatever the answers do; every n-th repeats an event."""
    timings: list[float] = []
    errors = 0
    ids: set[str] = set()
    sent: list[dict[str, Any]] = []
    async with httpx.AsyncClient(timeout=10, limits=httpx.Limits(max_connections=200)) as client:

        async def post(event: dict[str, Any]) -> None:
            nonlocal errors
            body, signature = _signed([event])
            t0 = time.perf_counter()
            try:
                headers = {"x-line-signature": signature, "content-type": "application/json"}
                response = await client.post(url, content=body, headers=headers)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            timings.append((time.perf_counter() - t0) * 1000)
            errors += not ok

        tasks = []
        start = time.perf_counter()
        for n in range(int(rate * seconds)):
            if duplicate_every and n % duplicate_every == duplicate_every - 1 and sent:
                event = sent[-1]  # LINE redelivering the event just sent
            else:
                event = _event(QUESTIONS[n % len(QUESTIONS)], uuid.uuid4().hex.upper()[:26])
                sent.append(event)
                ids.add(event["webhookEventId"])
            tasks.append(asyncio.create_task(post(event)))
            await asyncio.sleep(max(0.0, start + (n + 1) / rate - time.perf_counter()))
        await asyncio.gather(*tasks)
    return timings, errors, ids


def run(rate: int = 200, seconds: float = 10.0) -> dict[str, Any]:
    from fakeline.server import running_fake_line

    port = _port()
    with tempfile.TemporaryDirectory() as folder, running_fake_line(TOKEN, validating=False) as fake:
        database = f"sqlite:///{folder}/webhook.db"
        env = {**os.environ, "DATABASE_URL": database, "LINE_CHANNEL_SECRET": SECRET,
               "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_HOST": fake.base_url,
               "DIGEST_ENABLED": "false"}  # fmt: skip
        prachum = [sys.executable, "-c", "from bot.cli import main; main()"]
        samples = Path(__file__).resolve().parents[1] / "samples"
        subprocess.run([*prachum, "add", str(samples)], env=env, check=True, capture_output=True)
        server = subprocess.Popen([*prachum, "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            url = f"http://127.0.0.1:{port}/callback"
            asyncio.run(_load(url, rate=20, seconds=1, duplicate_every=0))  # warm-up: the worker starts
            while fake.requests < 20 and time.monotonic() < deadline + 30:
                time.sleep(0.1)
            before = fake.requests
            timings, errors, ids = asyncio.run(_load(url, rate=rate, seconds=seconds, duplicate_every=10))
            settle = time.monotonic() + 60
            while fake.requests - before < len(ids) and time.monotonic() < settle:
                time.sleep(0.2)
            drained_s = round(time.monotonic() - (settle - 60), 1)
        finally:
            server.terminate()
            server.wait(timeout=10)
        engine = make_engine(database)
        with session_scope(engine) as session:
            handled = int(session.exec(select(func.count()).select_from(ProcessedEvent)).one())
        engine.dispose()
    timings.sort()
    return {
        "rate_rps": rate, "requests": len(timings), "distinct_events": len(ids), "errors": errors,
        "p50_ms": round(statistics.median(timings), 1),
        "p99_ms": round(timings[int(len(timings) * 0.99) - 1], 1),
        "replies_sent": fake.requests - before, "events_handled_in_store": handled - 20,
        "drain_after_load_s": drained_s,
    }  # fmt: skip
