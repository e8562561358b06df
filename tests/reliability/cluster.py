"""Real processes on loopback: `prachum serve`, `prachum worker`s, a fake LINE, signed webhooks from here."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from fakeline.server import FakeLine, free_port
from fakeline.webhooks import body_of, sign
from tests.helpers import text_event, user_source

SECRET = "r" * 32
TOKEN = "reliability-token-" + "x" * 20
PRACHUM = [sys.executable, "-m", "bot.cli"]


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its reaper counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_gone(pids: list[int], timeout: float = 10.0) -> list[int]:
    """The pids still alive after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


@dataclass
class Sent:
    event_id: str
    reply_token: str
    acknowledged: bool
    chat: int


@dataclass
class Cluster:
    """One database, one web server, any number of workers; everything started is stopped at the end."""

    line: FakeLine
    database_url: str
    folder: Path
    port: int = field(default_factory=free_port)
    web: subprocess.Popen[bytes] | None = None
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    started: list[int] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        return {
            **{k: v for k, v in os.environ.items() if k not in ("CI",)},
            "DATABASE_URL": self.database_url, "LINE_CHANNEL_SECRET": SECRET,
            "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_HOST": self.line.base_url,
            "DIGEST_ENABLED": "false", "EVENT_LEASE_SECONDS": "1", "EVENT_POLL_SECONDS": "0.05",
            "LOG_LEVEL": "WARNING", "PYTHAINLP_OFFLINE": "1", **self.settings,
        }  # fmt: skip

    def _spawn(self, *args: str, name: str) -> subprocess.Popen[bytes]:
        with (self.folder / f"{name}-{len(self.started)}.log").open("wb") as log:
            command = [*PRACHUM, *args]
            process = subprocess.Popen(command, env=self.env(), stdout=log, stderr=subprocess.STDOUT)
        self.started.append(process.pid)
        return process

    def start_web(self, *, event_worker: str = "none", processes: int = 1) -> None:
        self.settings["EVENT_WORKER"] = event_worker
        self.web = self._spawn("serve", "--port", str(self.port), "--workers", str(processes), name="web")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.web.poll() is None, "the web server exited at start-up"
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise AssertionError("the web server did not start in 60 s")

    def start_worker(self, concurrency: int = 4) -> subprocess.Popen[bytes]:
        worker = self._spawn("worker", "--concurrency", str(concurrency), name="worker")
        self.workers.append(worker)
        return worker

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        process.send_signal(signal.SIGKILL)
        process.wait(10)

    def post(self, client: httpx.Client, chat: int) -> None:
        event = text_event(f"ประชุมที่ตรัง {len(self.sent)}", source=user_source(f"U{chat:032x}"))
        body = body_of(event)
        headers = {"x-line-signature": sign(body, SECRET), "content-type": "application/json"}
        try:
            ok = client.post(f"http://127.0.0.1:{self.port}/callback", content=body.encode(), headers=headers)
            acknowledged = ok.status_code == 200
        except httpx.HTTPError:
            acknowledged = False
        self.sent.append(Sent(event["webhookEventId"], event["replyToken"], acknowledged, chat))

    def stream(self, count: int, *, chats: int = 10, pause: float = 0.01) -> threading.Thread:
        """Send `count` webhooks from a thread, one chat after another, whatever happens to the server."""

        def send() -> None:
            with httpx.Client(timeout=5) as client:
                for n in range(count):
                    self.post(client, n % chats)
                    time.sleep(pause)

        thread = threading.Thread(target=send, daemon=True)
        thread.start()
        return thread

    def replies(self) -> Counter[str]:
        return Counter(body["replyToken"] for body in self.line.all_replies())

    def wait_answered(self, timeout: float = 60.0) -> None:
        wanted = {s.reply_token for s in self.sent if s.acknowledged}
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not wanted <= set(self.replies()):
            time.sleep(0.1)

    def unanswered(self) -> list[str]:
        replies = self.replies()
        return [s.event_id for s in self.sent if s.acknowledged and replies[s.reply_token] != 1]

    def out_of_order(self) -> list[int]:
        """Chats whose acknowledged events were answered in another order than they were sent."""
        position = {body["replyToken"]: n for n, body in enumerate(self.line.all_replies())}
        chats = {s.chat for s in self.sent}
        wrong = []
        for chat in sorted(chats):
            tokens = [s.reply_token for s in self.sent if s.chat == chat and s.acknowledged]
            if sorted(tokens, key=lambda t: position.get(t, -1)) != tokens:
                wrong.append(chat)
        return wrong

    def stop_all(self) -> None:
        for process in [*self.workers, *([self.web] if self.web else [])]:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [*self.workers, *([self.web] if self.web else [])]:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def logs(folder: Path) -> str:
    return "\n".join(
        f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in sorted(folder.glob("*.log"))
    )


def summary(cluster: Cluster) -> dict[str, Any]:
    replies = cluster.replies()
    return {
        "sent": len(cluster.sent),
        "acknowledged": sum(s.acknowledged for s in cluster.sent),
        "answered_twice": sum(1 for n in replies.values() if n > 1),
    }
