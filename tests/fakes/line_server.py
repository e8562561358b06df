"""The fake LINE API (fakeline/server.py), started only after the spec check a test needs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fakeline import server
from fakeline.server import FakeLine, free_port
from tests.fakes.line_spec import require_spec

__all__ = ["FakeLine", "free_port", "running_fake_line"]
_free_port = free_port


@contextmanager
def running_fake_line(token: str, *, validating: bool = True) -> Iterator[FakeLine]:
    if validating:
        require_spec()  # skip or fail here, in the test, rather than as a 500 inside the server thread
    with server.running_fake_line(token, validating=validating) as fake:
        yield fake
