"""A news site on 127.0.0.1 whose pages a test changes as it goes: feeds, listings, articles, failures."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What a path answers; `statuses` are answered first, one per request, before the page itself."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    statuses: list[int] = field(default_factory=list)
    delay: float = 0.0
    location: str | None = None


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""

    def paths(self) -> list[str]:
        return [path for path, _headers in self.requests]


@contextmanager
def serving_site(site: Site, host: str = "127.0.0.1") -> Iterator[Site]:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            with lock:
                site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(self.path)
                status = route.statuses.pop(0) if route and route.statuses else None
            if route is None:
                return self._send(404, "text/plain", b"not found")
            if route.delay:
                time.sleep(route.delay)
            if status is not None:
                return self._send(status, "text/plain", b"server error")
            if route.location:
                return self._send(301, "text/plain", b"", {"location": route.location})
            if route.etag and self.headers.get("if-none-match") == route.etag:
                return self._send(304, None, b"", {"etag": route.etag})
            extra = {"etag": route.etag} if route.etag else {}
            return self._send(200, route.content_type, route.body, extra)

        def _send(
            self, status: int, kind: str | None, body: bytes, headers: dict[str, str] | None = None
        ) -> None:
            try:
                self.send_response(status)
                if kind:
                    self.send_header("content-type", kind)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (a timeout test)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)  # quick to stop
    thread.start()
    site.base = f"http://{host}:{server.server_address[1]}"
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
