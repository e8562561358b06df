"""One holder at a time for a job, across processes and machines: a database lock, never a file."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import Engine, delete, text, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from store.db import session_scope
from store.models import Lease, utcnow

FOREIGN_LEASE = timedelta(hours=6)  # a holder on another host is trusted this long


@contextmanager
def exclusive(engine: Engine, name: str) -> Iterator[bool]:
    """Yields whether this process holds `name`; the holder lets go on exit, and on death.

    PostgreSQL: a session advisory lock, which the server drops with the connection. SQLite: a
    lease row naming host and pid, taken over when that process no longer exists.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            held = bool(
                connection.execute(text("SELECT pg_try_advisory_lock(hashtext(:n))"), {"n": name}).scalar()
            )
            connection.commit()
            try:
                yield held
            finally:
                if held:
                    connection.execute(text("SELECT pg_advisory_unlock(hashtext(:n))"), {"n": name})
                    connection.commit()
        return
    me = f"{socket.gethostname()}:{os.getpid()}"
    held = _take_lease(engine, name, me)
    try:
        yield held
    finally:
        if held:
            with session_scope(engine) as session:
                session.execute(delete(Lease).where(col(Lease.name) == name, col(Lease.holder) == me))


def lease_holder(engine: Engine, name: str) -> str | None:
    """Who holds `name` on SQLite ("host:pid"), for a message; None when nobody does."""
    with session_scope(engine) as session:
        lease = session.get(Lease, name)
        return (
            f"pid {lease.holder.rpartition(':')[2]} on {lease.holder.rpartition(':')[0]}" if lease else None
        )


def _take_lease(engine: Engine, name: str, me: str) -> bool:
    try:
        with session_scope(engine) as session:
            lease = session.get(Lease, name)
            if lease is None:
                session.add(Lease(name=name, holder=me))
                return True
            if lease.holder != me and _alive(lease.holder, lease.acquired_at):
                return False
            taken = session.execute(
                update(Lease)
                .where(col(Lease.name) == name, col(Lease.holder) == lease.holder)
                .values(holder=me, acquired_at=utcnow())
            )
            return bool(taken.rowcount == 1)  # type: ignore[attr-defined]
    except IntegrityError:
        return False


def _alive(holder: str, since: object) -> bool:
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname():
        return bool(since and utcnow() - since < FOREIGN_LEASE)  # type: ignore[operator]
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, ValueError):
        return True
    return True
