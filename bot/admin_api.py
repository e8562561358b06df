"""The admin API: add articles, list, correct and delete meetings, behind a bearer token."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Coroutine
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi import Path as FastApiPath
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.fetch import check_form, fetch_article
from bot.inputs import InputError, PlainText, decode_article
from bot.sessions import DbSession
from bot.sources import poll_sources
from handlers.admin import add_text
from handlers.follows import read_follows
from handlers.intent import parse_query
from news.feeds import canonical_url
from news.places import provinces
from store.admin import MAX_ID, correct_meeting, delete_meeting, live_meeting, meetings_to_review
from store.digests import recent_runs
from store.meetings import MeetingFilter, find_meetings
from store.models import Article, Delivery, DigestRun, Meeting, Subscriber
from store.sources import SourceRow, add_source, get_source, list_sources, remove_source

MeetingId = Annotated[int, FastApiPath(ge=1, le=MAX_ID)]
ArticleId = Annotated[int, FastApiPath(ge=1, le=MAX_ID)]
Kind = Literal["workshop", "seminar", "training", "briefing", "meeting", "other"]
bearer = HTTPBearer(auto_error=False, description="ADMIN_TOKEN")


def require_admin(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """The admin token, compared in constant time; without ADMIN_TOKEN the API does not exist."""
    token = request.app.state.settings.admin_token
    if token is None:
        raise HTTPException(404, "the admin API is off: ADMIN_TOKEN is not set")
    given = credentials.credentials if credentials else ""
    if not secrets.compare_digest(given.encode(), token.get_secret_value().encode()):
        raise HTTPException(401, "a valid admin token is required", headers={"WWW-Authenticate": "Bearer"})


class AdminRoute(APIRoute):
    """The token is checked before the path, the query or the body is read: a stranger learns nothing."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            require_admin(request, await bearer(request))
            return await handler(request)

        return guarded


router = APIRouter(
    prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)], route_class=AdminRoute
)


class ArticleIn(BaseModel):
    """Either the article's text or its URL."""

    model_config = ConfigDict(extra="forbid")
    text: PlainText | None = Field(default=None, min_length=1, max_length=1_000_000)
    url: PlainText | None = Field(default=None, min_length=8, max_length=2048, pattern=r"^https?://\S+$")
    source: str | None = Field(
        default=None, min_length=1, max_length=2048, description="A name for pasted text"
    )

    @model_validator(mode="after")
    def _one_of(self) -> ArticleIn:
        if (self.text is None) == (self.url is None):
            raise ValueError("give either text or url, not both")
        return self


class MeetingOut(BaseModel):
    id: int
    article_id: int
    source: str
    title: str
    kind: str
    start_date: date | None
    end_date: date | None
    time: str | None
    province: str | None
    venue: str | None
    chair: str | None
    chair_position: str | None
    organizer: str | None
    attendees: int | None
    summary: str
    corrections: dict[str, Any]
    created_at: datetime
    evidence: dict[str, list[int]] = Field(
        description="[start, end) in the article's clean text, per field read"
    )
    confidence: dict[str, float] = Field(description="How sure the extractor was of each field (0–1)")
    least_confidence: float

    @classmethod
    def of(cls, meeting: Meeting, source: str) -> MeetingOut:
        data = meeting.model_dump(include=set(cls.model_fields) - {"source"})
        return cls(source=source, **data)


class ArticleOut(BaseModel):
    article_id: int
    status: Literal["added", "updated", "known"]
    meetings: list[MeetingOut]


class MeetingPage(BaseModel):
    total: int
    meetings: list[MeetingOut]
    review_below: float = Field(description="A field less sure than this is one to check")


class MeetingPatch(BaseModel):
    """The fields to correct; what is left out stays as it is."""

    model_config = ConfigDict(extra="forbid")
    title: PlainText | None = Field(default=None, min_length=1, max_length=1000)
    kind: Kind | None = None
    start_date: date | None = None
    end_date: date | None = None
    time: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    province: PlainText | None = Field(default=None, max_length=64)
    venue: PlainText | None = Field(default=None, max_length=1000)
    chair: PlainText | None = Field(default=None, max_length=256)
    chair_position: PlainText | None = Field(default=None, max_length=1000)
    organizer: PlainText | None = Field(default=None, max_length=1000)
    attendees: int | None = Field(default=None, ge=0, le=10_000_000)
    summary: PlainText | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _known_province(self) -> MeetingPatch:
        if self.province is not None and self.province not in provinces():
            raise ValueError(f"province {self.province!r} is not one of the 77 provinces")
        for name in ("title", "kind"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be removed")
        if "summary" in self.model_fields_set and self.summary is None:
            self.summary = ""
        return self


@router.post("/articles", status_code=201)
def add_article(article: ArticleIn, request: Request, response: Response, session: DbSession) -> ArticleOut:
    """Store an article (text or URL) and its meetings; the same article again is stored once."""
    settings = request.app.state.settings
    try:
        if article.url is not None:
            source = article.url
            text = fetch_article(
                source, max_chars=settings.max_article_chars, allow_private=settings.allow_private_urls
            )
        else:
            source = article.source or "-"
            text = decode_article(
                (article.text or "").encode("utf-8"), source="text", max_chars=settings.max_article_chars
            )
    except InputError as err:
        raise HTTPException(422, str(err)) from None
    result = add_text(session, source=source, text=text, added_by="api")
    meetings = [MeetingOut.of(m, result.article.source) for m in result.meetings if not m.deleted]
    if result.status == "known":
        response.status_code = 200
    return ArticleOut(article_id=result.article.id or 0, status=result.status, meetings=meetings)


@router.get("/meetings")
def list_meetings(
    request: Request,
    session: DbSession,
    q: Annotated[PlainText, Query(max_length=500, description="A question, as typed in chat")] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    review: Annotated[bool, Query(description="Only meetings with a field to check (ต้องตรวจ)")] = False,
) -> MeetingPage:
    """Meetings, newest first, or those a chat question would find, or those to review, least sure first."""
    settings = request.app.state.settings
    if review:
        rows, total = meetings_to_review(session, below=settings.review_below, limit=limit, offset=offset)
        meetings = [MeetingOut.of(m, s) for m, s in rows]
        return MeetingPage(total=total, meetings=meetings, review_below=settings.review_below)
    now = datetime.now(settings.tz)
    query = parse_query(q, now=now).filter if q.strip() else MeetingFilter()
    query = MeetingFilter(**{**query.__dict__, "order": "latest"})
    rows, total = find_meetings(session=session, query=query, today=now.date(), limit=limit, offset=offset)
    meetings = [MeetingOut.of(m, s) for m, s in rows]
    return MeetingPage(total=total, meetings=meetings, review_below=settings.review_below)


@router.patch("/meetings/{meeting_id}", responses={404: {"description": "No such meeting"}})
def correct(meeting_id: MeetingId, patch: MeetingPatch, session: DbSession) -> MeetingOut:
    """Correct fields of a meeting; the correction stays when its article is added again."""
    changes = patch.model_dump(exclude_unset=True)
    meeting = live_meeting(session, meeting_id, for_update=True)
    if meeting is None:
        raise HTTPException(404, f"no meeting {meeting_id}")
    start = changes.get("start_date", meeting.start_date)
    end = changes.get("end_date", meeting.end_date)
    if start and end and end < start:
        raise HTTPException(422, "end_date is before start_date")
    correct_meeting(session, meeting, changes)
    return MeetingOut.of(meeting, session.get_one(Article, meeting.article_id).source)


@router.delete("/meetings/{meeting_id}", status_code=204, responses={404: {"description": "No such meeting"}})
def delete(meeting_id: MeetingId, session: DbSession) -> Response:
    """Remove a meeting from answers and digests, for good."""
    if delete_meeting(session, meeting_id) is None:
        raise HTTPException(404, f"no meeting {meeting_id}")
    return Response(status_code=204)


class ArticleText(BaseModel):
    id: int
    source: str
    added_at: datetime
    text: str
    meetings: list[MeetingOut]


@router.get("/articles/{article_id}", responses={404: {"description": "No such article"}})
def article(article_id: ArticleId, session: DbSession) -> ArticleText:
    """An article's cleaned text beside the meetings taken from it (the console highlights their words)."""
    stored = session.get(Article, article_id)
    if stored is None:
        raise HTTPException(404, f"no article {article_id}")
    meetings = session.exec(select(Meeting).where(Meeting.article_id == article_id)).all()
    return ArticleText(
        id=article_id, source=stored.source, added_at=stored.added_at, text=stored.clean_text,
        meetings=[MeetingOut.of(m, stored.source) for m in meetings if not m.deleted],
    )  # fmt: skip


class SubscriberOut(BaseModel):
    line_id: str
    chat_type: str
    active: bool
    follows: list[str]
    subscribed_at: datetime
    last_digest_at: datetime | None


class DigestRunOut(BaseModel):
    key: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    delivered: int
    pending: int
    failed: int
    report: dict[str, Any]


class Overview(BaseModel):
    subscribers: list[SubscriberOut]
    active_subscribers: int
    digests: list[DigestRunOut]


@router.get("/overview")
def overview(session: DbSession, limit: Annotated[int, Query(ge=1, le=500)] = 100) -> Overview:
    """Subscribers (newest first) and the recent digest runs with their delivery counts and failures."""
    newest = session.exec(select(Subscriber).order_by(col(Subscriber.id).desc()).limit(limit)).all()
    active = select(func.count()).select_from(Subscriber).where(col(Subscriber.active).is_(True))
    return Overview(
        subscribers=[_subscriber_out(s) for s in newest],
        active_subscribers=int(session.exec(active).one()),
        digests=[_run_out(session, run) for run in recent_runs(session)],
    )


def _subscriber_out(subscriber: Subscriber) -> SubscriberOut:
    return SubscriberOut(
        line_id=subscriber.line_id,
        chat_type=subscriber.chat_type,
        active=subscriber.active,
        follows=[f.label for f in read_follows(subscriber.filters)],
        subscribed_at=subscriber.subscribed_at,
        last_digest_at=subscriber.last_digest_at,
    )


def _run_out(session: Session, run: DigestRun) -> DigestRunOut:
    by_status = (
        select(Delivery.status, func.count()).where(Delivery.run_id == run.id).group_by(Delivery.status)
    )
    counts = {status: int(count) for status, count in session.exec(by_status).all()}
    return DigestRunOut(
        key=run.key,
        status=run.status,
        started_at=run.started_at,
        finished_at=run.finished_at,
        delivered=counts.get("sent", 0),
        pending=counts.get("pending", 0),
        failed=counts.get("failed", 0),
        report=run.report,
    )


SourceId = Annotated[int, FastApiPath(ge=1, le=MAX_ID)]


class SourceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: PlainText = Field(min_length=8, max_length=2048, pattern=r"^https?://\S+$")
    name: PlainText = Field(default="", max_length=256)


class SourceOut(BaseModel):
    id: int
    url: str
    name: str
    kind: str | None
    healthy: bool
    failures_in_row: int
    last_error: str | None
    last_checked: datetime | None
    last_new_article: datetime | None
    next_try_at: datetime | None
    articles: int
    meetings: int
    links_retrying: int  # article links that would not open, to be tried again
    links_given_up: int  # article links given up after repeated failures

    @classmethod
    def of(cls, row: SourceRow) -> SourceOut:
        counts = {"articles", "meetings", "links_retrying", "links_given_up"}
        data = row.source.model_dump(include=set(cls.model_fields) - counts)
        return cls(articles=row.articles, meetings=row.meetings, links_retrying=row.retrying_links,
                   links_given_up=row.dropped_links, **data)  # fmt: skip


@router.get("/sources")
def sources(session: DbSession) -> list[SourceOut]:
    """The news sources with their health and the articles and meetings each brought."""
    return [SourceOut.of(row) for row in list_sources(session)]


@router.post("/sources", status_code=201)
def follow_source(source: SourceIn, response: Response, session: DbSession) -> SourceOut:
    """Follow a feed or listing page; the same address again answers 200 with the source it already is."""
    try:
        check_form(source.url)
    except InputError as err:
        raise HTTPException(422, str(err)) from None
    stored, created = add_source(session, canonical_url(source.url), source.name.strip())
    row = next(r for r in list_sources(session) if r.source.id == stored.id)
    if not created:
        response.status_code = 200
    return SourceOut.of(row)


@router.delete("/sources/{source_id}", status_code=204, responses={404: {"description": "No such source"}})
def drop_source(source_id: SourceId, session: DbSession) -> Response:
    """Stop following a source; the articles it brought stay."""
    if remove_source(session, source_id) is None:
        raise HTTPException(404, f"no source {source_id}")
    return Response(status_code=204)


@router.post("/sources/{source_id}/check", responses={404: {"description": "No such source"}})
def check_source(
    source_id: SourceId, request: Request, session: DbSession, dry_run: Annotated[bool, Query()] = False
) -> dict[str, Any]:
    """Poll one source now, due or not, and answer the poll's report (the poller opens its own sessions)."""
    if get_source(session, source_id) is None:
        raise HTTPException(404, f"no source {source_id}")
    session.rollback()  # nothing to keep: let go of the connection before a poll that can take seconds
    return poll_sources(request.app.state.engine, request.app.state.settings, source_id=source_id,
                        dry_run=dry_run).to_json()  # fmt: skip
