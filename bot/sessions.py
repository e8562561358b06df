"""The database session a request works in, from one FastAPI dependency that tests can override.

The session commits when the route returns and rolls back when it raises (an HTTPException
included), before the response is sent: a client that reads after a 2xx sees the write.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from store.db import session_scope


def get_session(request: Request) -> Iterator[Session]:
    with session_scope(request.app.state.engine) as session:
        yield session


DbSession = Annotated[Session, Depends(get_session, scope="function")]
