"""Signed webhooks at a steady rate to `prachum serve` plus `prachum worker`s, on PostgreSQL when it is up.

Two phases. First, events stored with no worker running, then one worker started alone: events a
second one worker answers (from the answered rows' timestamps). Then the load: RATE webhooks a second
for SECONDS (every tenth a redelivery of the one before) with WORKERS workers: time to the 200, how
many were answered once, and how long the queue took to drain after the load.
Usage: python -m bench webhook [RATE SECONDS WORKERS]; WORKERS=0 times the web process alone.
"""

from __future__ import annotations

import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, func, select, text

from fakeline.server import FakeLine, free_port, running_fake_line
from fakeline.webhooks import body_of, sign
from store.db import make_engine
from store.models import InboxEvent, ProcessedEvent

SECRET = "bench-secret-" + "s" * 20
TOKEN = "bench-token-" + "t" * 20
QUESTIONS = ["ประชุมที่เชียงใหม่", "สัมมนา ก.พ. 68", "ประชุมล่าสุด", "อบรมที่สงขลา", "สวัสดีครับ", "ประชุมที่ตรัง"]
POSTGRES_ADMIN = os.environ.get("BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PRACHUM = [sys.executable, "-m", "bot.cli"]


def _event(text: str, event_id: str, chat: int) -> dict[str, Any]:
    return {
        "type": "message", "mode": "active", "timestamp": 1700000000000, "webhookEventId": event_id,
        "deliveryContext": {"isRedelivery": False}, "replyToken": uuid.uuid4().hex,
        "source": {"type": "user", "userId": f"U{chat:032x}"},
        "message": {"type": "text", "id": "1", "text": text, "quoteToken": "q"},
    }  # fmt: skip


def _requests(count: int, duplicate_every: int) -> tuple[list[bytes], set[str]]:
    """Every request of a load, built and signed before it starts; every n-th repeats the one before."""
    requests: list[bytes] = []
    ids: set[str] = set()
    for n in range(count):
        if duplicate_every and n % duplicate_every == duplicate_every - 1 and requests:
            requests.append(requests[-1])  # LINE redelivering the event just sent
            continue
        event = _event(QUESTIONS[n % len(QUESTIONS)], uuid.uuid4().hex.upper()[:26], n % 1000)
        ids.add(event["webhookEventId"])
        text = body_of(event)
        body = text.encode()
        head = (f"POST /callback HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                f"x-line-signature: {sign(text, SECRET)}\r\ncontent-length: {len(body)}\r\n\r\n")  # fmt: skip
        requests.append(head.encode() + body)
    return requests, ids


class _Connections:
    """Keep-alive HTTP/1.1 connections written by hand: a client that costs microseconds a request, so
    the figures are the server's, not the load generator's (httpx spends about a millisecond)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def post(self, request: bytes) -> int:
        reader, writer = (
            self.idle.pop() if self.idle else await asyncio.open_connection("127.0.0.1", self.port)
        )
        writer.write(request)
        status = int((await reader.readline()).split()[1])
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await reader.readexactly(length)
        self.idle.append((reader, writer))
        return status

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


async def _load(
    url: str, rate: int, seconds: float, duplicate_every: int
) -> tuple[list[float], int, set[str]]:
    """Open-loop load: a request every 1/rate s whatever the answers do."""
    requests, ids = _requests(int(rate * seconds), duplicate_every)
    connections = _Connections(int(url.rsplit(":", 1)[1].split("/")[0]))
    timings: list[float] = []
    errors = 0

    async def post(request: bytes) -> None:
        nonlocal errors
        t0 = time.perf_counter()
        try:
            ok = await asyncio.wait_for(connections.post(request), 10) == 200
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError, TimeoutError):
            ok = False
        timings.append((time.perf_counter() - t0) * 1000)
        errors += not ok

    tasks = []
    start = time.perf_counter()
    for n, request in enumerate(requests):
        tasks.append(asyncio.create_task(post(request)))
        await asyncio.sleep(max(0.0, start + (n + 1) / rate - time.perf_counter()))
    await asyncio.gather(*tasks)
    connections.close()
    return timings, errors, ids


def _database(stack: ExitStack, folder: str) -> str:
    """A fresh PostgreSQL database, dropped afterwards; SQLite when the server is not reachable."""
    try:
        admin = create_engine(
            POSTGRES_ADMIN, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
        )
        name = f"prachum_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception:
        return f"sqlite:///{folder}/webhook.db"

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    stack.callback(drop)
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name


class _Processes:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen([*PRACHUM, *args], env=self.env, stdout=subprocess.DEVNULL)
        self.running.append(process)
        return process

    def stop(self) -> None:
        for process in self.running:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


def _pending(engine: Any) -> int:
    with engine.connect() as connection:
        statement = select(func.count()).select_from(InboxEvent).where(InboxEvent.status == "pending")  # type: ignore[arg-type]
        return int(connection.execute(statement).scalar() or 0)


def _wait_drained(engine: Any, limit_s: float) -> float | None:
    start = time.monotonic()
    while _pending(engine):
        if time.monotonic() - start > limit_s:
            return None
        time.sleep(0.1)
    return round(time.monotonic() - start, 2)


def _one_worker_rate(engine: Any, url: str, processes: _Processes, events: int) -> float:
    asyncio.run(_load(url, rate=250, seconds=events / 250, duplicate_every=0))
    worker = processes.start("worker", "--nice", "10")
    _wait_drained(engine, 600)
    worker.send_signal(signal.SIGTERM)
    worker.wait(30)
    with engine.connect() as connection:
        first, last, count = connection.execute(
            select(func.min(InboxEvent.done_at), func.max(InboxEvent.done_at), func.count())  # type: ignore[arg-type]
        ).one()
    return round((count - 1) / (last - first).total_seconds(), 1)


def _replies_per_event(fake: FakeLine) -> Counter[int]:
    return Counter(Counter(body["replyToken"] for body in fake.all_replies()).values())


def run(rate: int = 500, seconds: float = 20.0, workers: int = 2) -> dict[str, Any]:
    if len(sys.argv) > 2 and sys.argv[1] == "webhook":
        rate, seconds, workers = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    port = free_port()
    with ExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory())
        fake = stack.enter_context(running_fake_line(TOKEN, validating=False))
        database = _database(stack, folder)
        env = {**os.environ, "DATABASE_URL": database, "LINE_CHANNEL_SECRET": SECRET,
               "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_HOST": fake.base_url, "DIGEST_ENABLED": "false",
               "EVENT_WORKER": "none", "LOG_LEVEL": "WARNING"}  # fmt: skip
        samples = Path(__file__).resolve().parents[1] / "samples"
        subprocess.run([*PRACHUM, "add", str(samples)], env=env, check=True, capture_output=True)
        processes = _Processes(env)
        stack.callback(processes.stop)
        processes.start("serve", "--port", str(port))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        url = f"http://127.0.0.1:{port}/callback"
        engine = make_engine(database)
        stack.callback(engine.dispose)
        one_worker = _one_worker_rate(engine, url, processes, events=1000)
        for _ in range(workers):
            processes.start("worker", "--nice", "10")
        asyncio.run(_load(url, rate=20, seconds=1, duplicate_every=0))  # warm-up: the workers are up
        _wait_drained(engine, 120)
        before, pushed_before = len(fake.all_replies()), len(fake.sends())
        timings, errors, ids = asyncio.run(_load(url, rate=rate, seconds=seconds, duplicate_every=10))
        left_at_end = _pending(engine)
        drained = _wait_drained(engine, 300) if workers else None  # 0 workers: the web process alone
        with engine.connect() as connection:
            handled = int(connection.execute(select(func.count()).select_from(ProcessedEvent)).scalar() or 0)
    timings.sort()
    return {
        "database": database.split(":", 1)[0], "workers": workers, "rate_rps": rate, "seconds": seconds,
        "requests": len(timings), "distinct_events": len(ids), "errors": errors,
        "p50_ms": round(statistics.median(timings), 1),
        "p99_ms": round(timings[int(len(timings) * 0.99) - 1], 1),
        "pending_when_load_ended": left_at_end, "drain_after_load_s": drained,
        "replies_in_load": len(fake.all_replies()) - before,
        "late_pushes_in_load": len(fake.sends()) - pushed_before, "answered_ids_in_store": handled - 1020,
        "replies_per_event": dict(_replies_per_event(fake)), "one_worker_events_per_s": one_worker,
    }  # fmt: skip
