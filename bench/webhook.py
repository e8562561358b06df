"""Signed webhooks at a steady rate to `prachum serve` plus `prachum worker`s, on PostgreSQL when it is up.

Two phases. First, events stored while one warmed-up worker is stopped (SIGSTOP), then continued:
events a second one worker answers (from the answered rows' timestamps) and the CPU it spends on
each, start-up excluded. Then
the load (bench/loadgen.py, a process of its own): RATE webhooks a second for SECONDS (every tenth
a redelivery of the one before) with WORKERS workers: time to the 200, how many were answered
once, how long the queue took to drain after the load, and the CPU each part used: web
process(es), workers, the load generator, LINE's stand-in (bench/lean_line.py, which only counts:
the tests' spec-checking fake would take a quarter of a core that LINE's own machines spend in
production) and this process.
Usage: python -m bench webhook [RATE SECONDS WORKERS [WEB_PROCESSES]]; WORKERS=0 times the web alone.
"""

from __future__ import annotations

import json
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

from fakeline.server import free_port
from store.db import make_engine
from store.models import InboxEvent, ProcessedEvent

SECRET = "bench-secret-" + "s" * 20
TOKEN = "bench-token-" + "t" * 20
POSTGRES_ADMIN = os.environ.get("BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PRACHUM = [sys.executable, "-m", "bot.cli"]
TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """User and system CPU of a process and its live children (uvicorn's web processes)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def _load(port: int, rate: int, seconds: float, duplicate_every: int) -> dict[str, Any]:
    arguments = [str(port), str(rate), str(seconds), str(duplicate_every), SECRET]
    command = [sys.executable, "-m", "bench.loadgen", *arguments]
    done = subprocess.run(command, capture_output=True, check=True, cwd=Path(__file__).resolve().parents[1])
    return dict(json.loads(done.stdout))


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


def _one_worker_rate(engine: Any, port: int, processes: _Processes, events: int) -> tuple[float, float]:
    """Events a second one worker answers from a full queue, and its CPU milliseconds per event.

    The worker is started and warmed up (a few events: imports, word lists) first, then stopped
    (SIGSTOP) while the queue fills and continued: its CPU from there on is the events' alone.
    """
    worker = processes.start("worker", "--nice", "10")
    _load(port, rate=20, seconds=1, duplicate_every=0)
    _wait_drained(engine, 600)
    time.sleep(0.5)  # the last claim's transaction and the log lines are over
    with engine.connect() as connection:
        warm = int(connection.execute(select(func.max(InboxEvent.id))).scalar() or 0)  # type: ignore[arg-type]
    worker.send_signal(signal.SIGSTOP)
    loaded = _load(port, rate=250, seconds=events / 250, duplicate_every=0)
    cpu = _cpu_seconds(worker.pid)
    worker.send_signal(signal.SIGCONT)
    _wait_drained(engine, 600)
    cpu = _cpu_seconds(worker.pid) - cpu
    worker.send_signal(signal.SIGTERM)
    worker.wait(30)
    with engine.connect() as connection:
        first, last, count = connection.execute(
            select(func.min(InboxEvent.done_at), func.max(InboxEvent.done_at), func.count()).where(  # type: ignore[arg-type]
                InboxEvent.id > warm
            )  # type: ignore[arg-type,operator]
        ).one()
    if count < 2:
        raise RuntimeError(f"{count} event(s) stored while the worker was stopped: {loaded['outcomes']}")
    return round((count - 1) / (last - first).total_seconds(), 1), round(cpu * 1000 / count, 2)


class LeanLine:
    """bench/lean_line.py in a process of its own: LINE's endpoints, counting what they were sent."""

    def __init__(self) -> None:
        command = [sys.executable, "-m", "bench.lean_line"]
        root = Path(__file__).resolve().parents[1]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=root)
        assert self.process.stdout is not None
        self.base_url = f"http://127.0.0.1:{int(self.process.stdout.readline())}"

    def counts(self) -> tuple[Counter[str], int]:
        """How many replies each reply token got, and how many pushes there were."""
        data = httpx.get(f"{self.base_url}/counts", timeout=30).json()
        return Counter(data["replies"]), int(data["pushes"])

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(10)


def _answered(engine: Any, ids: list[str]) -> int:
    with engine.connect() as connection:
        statement = select(func.count()).select_from(ProcessedEvent).where(ProcessedEvent.event_id.in_(ids))  # type: ignore[attr-defined]
        return int(connection.execute(statement).scalar() or 0)


def run(rate: int = 500, seconds: float = 20.0, workers: int = 2, web_processes: int = 1) -> dict[str, Any]:
    if len(sys.argv) > 2 and sys.argv[1] == "webhook":
        rate, seconds, workers = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
        web_processes = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    port = free_port()
    with ExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory())
        fake = LeanLine()
        stack.callback(fake.stop)
        database = _database(stack, folder)
        env = {**os.environ, "DATABASE_URL": database, "LINE_CHANNEL_SECRET": SECRET,
               "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_HOST": fake.base_url, "DIGEST_ENABLED": "false",
               "SOURCE_POLL_MINUTES": "0", "EVENT_WORKER": "none", "LOG_LEVEL": "WARNING"}  # fmt: skip
        samples = Path(__file__).resolve().parents[1] / "samples"
        subprocess.run([*PRACHUM, "add", str(samples)], env=env, check=True, capture_output=True)
        processes = _Processes(env)
        stack.callback(processes.stop)
        web = processes.start("serve", "--port", str(port), "--workers", str(web_processes))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        engine = make_engine(database)
        stack.callback(engine.dispose)
        one_worker, one_worker_cpu_ms = _one_worker_rate(engine, port, processes, events=1000)
        pool = [processes.start("worker", "--nice", "10") for _ in range(workers)]
        _load(port, rate=20, seconds=1, duplicate_every=0)  # warm-up: the workers are up
        _wait_drained(engine, 120)
        replied_before, pushed_before = fake.counts()
        load_before = os.getloadavg()[0]
        web_cpu, worker_cpu, own_cpu, line_cpu = (
            _cpu_seconds(web.pid),
            sum(_cpu_seconds(w.pid) for w in pool),
            time.process_time(),
            _cpu_seconds(fake.process.pid),
        )
        result = _load(port, rate=rate, seconds=seconds, duplicate_every=10)
        web_cpu = _cpu_seconds(web.pid) - web_cpu
        left_at_end = _pending(engine)
        drained = _wait_drained(engine, 300) if workers else None  # 0 workers: the web process alone
        worker_cpu = sum(_cpu_seconds(w.pid) for w in pool) - worker_cpu
        own_cpu = time.process_time() - own_cpu
        line_cpu = _cpu_seconds(fake.process.pid) - line_cpu
        answered = _answered(engine, result["ids"]) if workers else 0
        replied, pushed = fake.counts()
    timings = sorted(result["timings_ms"])
    requests, ok = len(timings), result["outcomes"].get("200", 0)
    return {
        "database": database.split(":", 1)[0], "workers": workers, "web_processes": web_processes,
        "rate_rps": rate, "seconds": seconds, "requests": requests,
        "sent_in_s": round(result["sending_s"], 2),
        "distinct_events": len(result["ids"]), "outcomes": result["outcomes"], "errors": requests - ok,
        "p50_ms": round(statistics.median(timings), 1), "p90_ms": round(timings[int(requests * 0.9) - 1], 1),
        "p99_ms": round(timings[int(requests * 0.99) - 1], 1), "max_ms": round(timings[-1], 1),
        "over_50_ms_by_second": dict(sorted((int(k), v) for k, v in result["slow_by_second"].items())),
        "pending_when_load_ended": left_at_end, "drain_after_load_s": drained,
        "distinct_events_answered": answered,
        "replies_in_load": replied.total() - replied_before.total(),
        "late_pushes_in_load": pushed - pushed_before,
        "replies_per_event": dict(Counter((replied - replied_before).values())),
        "one_worker_events_per_s": one_worker, "one_worker_cpu_ms_per_event": one_worker_cpu_ms,
        "web_cpu_ms_per_webhook": round(web_cpu * 1000 / requests, 3),
        "workers_cpu_ms_per_event": round(worker_cpu * 1000 / max(answered, 1), 2) if workers else None,
        "loadgen_cpu_ms_per_request": round(result["cpu_s"] * 1000 / requests, 3),
        "bench_process_cpu_s": round(own_cpu, 1),  # the queue checks
        "lean_line_cpu_s": round(line_cpu, 1),  # LINE's stand-in
        "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }  # fmt: skip
