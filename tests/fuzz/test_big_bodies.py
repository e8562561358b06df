"""A real server under 1 GB uploads: each is refused at the limit, and the server stays under 300 MB."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.bot.conftest import SECRET, TOKEN
from tests.fuzz.conftest import ADMIN_TOKEN

GB = 1024**3
MB = 1024**2
CHUNK = 256 * 1024
RSS_CAP = 300 * MB
ROUTES = ["/callback", "/callback", "/callback", "/chat", "/chat", "/chat", "/admin/articles"]

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads memory from /proc")


@dataclass
class Upload:
    route: str
    sent: int = 0
    answer: bytes = b""
    ended_by: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[bytes], Path]]:
    """`uvicorn bot.app:create_app` on 127.0.0.1, as deployed (one process; events in a thread)."""
    port = free_port()
    log = tmp_path / "server.log"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'big.db'}", "LINE_CHANNEL_SECRET": SECRET,
           "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_HOST": "http://127.0.0.1:9",
           "EVENT_WORKER": "thread", "DIGEST_ENABLED": "false", "ADMIN_TOKEN": ADMIN_TOKEN,
           "PYTHAINLP_OFFLINE": "1"}  # fmt: skip
    command = [sys.executable, "-m", "uvicorn", "bot.app:create_app", "--factory", "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "info"]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            else:
                pytest.fail(f"the server did not start: {log.read_text()[-2000:]}")
            yield port, process, log
        finally:
            process.terminate()
            process.wait(10)


def upload(port: int, item: Upload, *, total: int = GB) -> None:
    """Stream a chunked body of `total` bytes until the server answers or closes the connection."""
    frame = b"%x\r\n" % CHUNK + b"[" * CHUNK + b"\r\n"
    head = (f"POST {item.route} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {ADMIN_TOKEN}\r\nTransfer-Encoding: chunked\r\n\r\n")  # fmt: skip
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode())
        try:
            while item.sent < total:
                readable, _, _ = select.select([sock], [], [], 0)
                if readable:
                    item.ended_by = "answer"
                    break
                sock.sendall(frame)
                item.sent += CHUNK
            else:
                item.ended_by = "sent all"
        except OSError as err:  # the server closed the connection: broken pipe, reset or timeout
            item.ended_by = type(err).__name__
        try:
            item.answer = sock.recv(4096)
        except OSError:
            item.answer = b""


def peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc status")


def test_one_gigabyte_uploads_are_refused_and_the_server_stays_small(
    server: tuple[int, subprocess.Popen[bytes], Path],
) -> None:
    """Seven parallel 1 GB chunked uploads (unsigned /callback, /chat, admin articles): 413 at the limit."""
    port, process, log = server
    uploads = [Upload(route) for route in ROUTES]
    threads = [threading.Thread(target=upload, args=(port, item)) for item in uploads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    peak = peak_rss(process.pid)
    print(f"server peak RSS {peak / MB:.0f} MB; sent before refusal (MB):",
          [(u.route, round(u.sent / MB, 1), u.ended_by, u.answer[:12]) for u in uploads])  # fmt: skip
    for item in uploads:
        assert item.ended_by != "sent all", item
        assert item.sent < 64 * MB, (
            item
        )  # refused near the limit (1 MB, 8 MB for articles) plus socket buffers
        assert item.answer == b"" or item.answer.startswith(b"HTTP/1.1 413 "), item
    assert any(item.answer.startswith(b"HTTP/1.1 413 ") for item in uploads)
    assert peak < RSS_CAP
    assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200
    assert "Traceback" not in log.read_text(errors="replace")
