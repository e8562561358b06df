"""GET /meetings/{id}.ics and GET /calendar/{token}.ics: meetings for calendar apps."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from handlers.calendar import calendar_of
from handlers.follows import followed, read_follows
from store.calendars import FEED_LIMIT, meeting_with_source, subscriber_by_token, upcoming_meetings
from store.db import session_scope
from store.models import utcnow

router = APIRouter()
ICS = "text/calendar; charset=utf-8"
FEED_NAME = "ประชุมที่ติดตาม (Prachum)"


def _error(status: int, reason: str) -> JSONResponse:
    return JSONResponse({"error": reason}, status_code=status)


@router.get("/meetings/{meeting_id}.ics", response_class=Response, responses={200: {"content": {ICS: {}}}})
def meeting_ics(meeting_id: str, request: Request) -> Response:
    """One meeting as an event; importing it again updates the same event (a stable UID)."""
    if not (meeting_id.isascii() and meeting_id.isdigit() and len(meeting_id) <= 18):
        return _error(404, "no such meeting: the id is a number")
    state = request.app.state
    with session_scope(state.engine) as session:
        found = meeting_with_source(session, int(meeting_id))
        if found is None:
            return _error(404, "no such meeting (it may have been deleted)")
        if found[0].start_date is None:
            return _error(404, "this meeting has no date, so it cannot go in a calendar")
        body = calendar_of([found], tz=state.settings.tz, stamp=utcnow())
    headers = {"content-disposition": f'attachment; filename="prachum-meeting-{int(meeting_id)}.ics"'}
    return Response(body, media_type=ICS, headers=headers)


@router.get("/calendar/{token}.ics", response_class=Response, responses={200: {"content": {ICS: {}}}})
async def feed_ics(token: str, request: Request) -> Response:
    """A chat's feed: the upcoming meetings matching what it follows. An unknown or revoked token: 404."""
    state = request.app.state
    now = datetime.now(state.settings.tz)
    body = await run_in_threadpool(_feed, state, token, now)
    if body is None:
        return _error(404, "no such calendar: the link is wrong or was replaced (ปฏิทินใหม่)")
    return Response(body, media_type=ICS, headers={"cache-control": "private, max-age=900"})


def _feed(state: object, token: str, now: datetime) -> bytes | None:
    settings, engine = state.settings, state.engine  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        subscriber = subscriber_by_token(session, token)
        if subscriber is None:
            return None
        follows = read_follows(subscriber.filters) if subscriber.active else []
        rows = upcoming_meetings(session, today=now.date()) if follows else []
        wanted = {id(m) for m in followed([m for m, _ in rows], follows)}
        chosen = [(m, s) for m, s in rows if id(m) in wanted][:FEED_LIMIT]
        return calendar_of(chosen, tz=settings.tz, stamp=utcnow(), name=FEED_NAME)
