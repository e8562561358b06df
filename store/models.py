"""Every table of the store. Alembic's env.py reads `SQLModel.metadata` from here; the two a question
reads (articles and meetings) are defined in `store.records`."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Column, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.records import DEFERRED
from store.records import Article as Article  # every table (and utcnow) is importable from here
from store.records import Meeting as Meeting
from store.records import utcnow as utcnow


class Source(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    """A news feed or listing page an admin named; polled on a schedule, backing off while it fails."""

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2048, unique=True)
    name: str = Field(default="", max_length=256)
    kind: str | None = Field(default=None, max_length=8)  # feed or listing, known after the first poll
    etag: str | None = Field(default=None, max_length=512)
    last_modified: str | None = Field(default=None, max_length=128)
    last_checked: datetime | None = None
    last_new_article: datetime | None = None
    failures_in_row: int = 0
    failing_since: datetime | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    next_try_at: datetime | None = Field(default=None, index=True)
    healthy: bool = True
    added_at: datetime = Field(default_factory=utcnow)


class SeenItem(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    """An item some source listed, by canonical address: fetched once, again only when it changed."""

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2048, unique=True)
    fingerprint: str = Field(max_length=64)
    content_hash: str | None = Field(default=None, max_length=64, index=True)
    source_id: int | None = Field(default=None, foreign_key="source.id", index=True, ondelete="SET NULL")
    article_id: int | None = Field(default=None, foreign_key="article.id", ondelete="SET NULL")
    seen_at: datetime = Field(default_factory=utcnow)
    # A link that would not open: failed fetches in a row, when to try it again (none: given up), why.
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    next_try_at: datetime | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))


class Subscriber(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    """A LINE user, group or room that follows meetings; `filters` holds what it follows (none: nothing)."""

    id: int | None = Field(default=None, primary_key=True)
    line_id: str = Field(max_length=64, unique=True)
    chat_type: str = Field(default="user", max_length=8)
    active: bool = Field(default=True, index=True)
    filters: list[dict[str, object]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    subscribed_at: datetime = Field(default_factory=utcnow)
    last_digest_at: datetime | None = None
    # The secret part of the chat's calendar feed address (`/calendar/{token}.ics`); a new one revokes it.
    calendar_token: str | None = Field(default=None, max_length=64, unique=True, index=True)


class DigestRun(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    """One daily digest (or reminder run): the meetings up to `cutoff` go to whoever has not had them yet."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True)
    kind: str = Field(default="digest", max_length=16, sa_column_kwargs={"server_default": "digest"})
    cutoff: datetime = Field(default_factory=utcnow)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = Field(default=None, index=True)
    status: str = Field(default="running", max_length=16)
    report: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class DigestBatch(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    """One request to LINE: the same digest for up to 500 chats, with the retry key a resend repeats."""

    __table_args__ = (UniqueConstraint("run_id", "number", name="uq_digestbatch_run_number"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="digestrun.id", index=True, ondelete="CASCADE")
    number: int
    retry_key: str = Field(max_length=36)
    meeting_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="pending", max_length=16, index=True)
    attempts: int = 0
    error: str | None = Field(default=None, sa_column=Column(Text))
    updated_at: datetime = Field(default_factory=utcnow)


class Delivery(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    """A chat's place in a run: written before the send, marked after it."""

    __table_args__ = (UniqueConstraint("run_id", "subscriber_id", name="uq_delivery_run_subscriber"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="digestrun.id", index=True, ondelete="CASCADE")
    subscriber_id: int = Field(foreign_key="subscriber.id", index=True, ondelete="CASCADE")
    batch_id: int | None = Field(default=None, foreign_key="digestbatch.id", index=True, ondelete="CASCADE")
    status: str = Field(default="pending", max_length=16)
    meeting_count: int = 0


class Reminder(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    """ "เตือนฉัน" on a meeting: a push the day before `day`; deleting or moving the meeting cancels it."""

    __table_args__ = (UniqueConstraint("subscriber_id", "meeting_id", name="uq_reminder_subscriber_meeting"),)

    id: int | None = Field(default=None, primary_key=True)
    subscriber_id: int = Field(foreign_key="subscriber.id", index=True, ondelete="CASCADE")
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    day: date = Field(index=True)
    created_at: datetime = Field(default_factory=utcnow)


class WebMessage(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    """A push for a browser on the chat page (chat type web): stored here instead of sent to LINE, and
    shown by the page once (`read_at` set when it is fetched)."""

    id: int | None = Field(default=None, primary_key=True)
    chat_id: str = Field(max_length=64, index=True)  # the Subscriber.line_id, "web-" and the cookie id
    kind: str = Field(max_length=16)  # the run that stored it: digest or reminder
    message: dict[str, object] = Field(sa_column=Column(JSON, nullable=False))  # a LINE message object
    created_at: datetime = Field(default_factory=utcnow)
    read_at: datetime | None = Field(default=None, index=True)


class Lease(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    """Who runs a job right now, so two processes on one SQLite file do not both send."""

    name: str = Field(primary_key=True, max_length=64)
    holder: str = Field(max_length=128)
    acquired_at: datetime = Field(default_factory=utcnow)


class ProcessedEvent(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    """An event id that was answered: LINE's redelivery of it is not answered again."""

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(max_length=64, unique=True)
    received_at: datetime = Field(default_factory=utcnow, index=True)


class InboxEvent(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    """A webhook event LINE got a 200 for: stored before that answer, pending until it is answered.

    A worker holds one by `locked_by` and `locked_until` (a lease); one that dies lets it go when
    the lease ends. `chat` orders the events of one chat: none is taken while an older one waits.
    """

    __table_args__ = (
        Index("ix_inboxevent_status_id", "status", "id"),
        Index("ix_inboxevent_chat_status_id", "chat", "status", "id"),
    )

    id: int | None = Field(
        default=None,
        sa_column=Column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    )
    event_id: str = Field(default="", max_length=64)
    chat: str = Field(max_length=80)
    chat_type: str = Field(default="", max_length=8)
    payload: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default="pending", max_length=8)
    attempts: int = 0
    locked_by: str | None = Field(default=None, max_length=128)
    locked_until: datetime | None = None
    received_at: datetime = Field(default_factory=utcnow)
    done_at: datetime | None = Field(default=None, index=True)
    error: str | None = Field(default=None, sa_column=Column(Text))


class DataRevision(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    """One row whose `value` every write to `article` or `meeting` bumps (database triggers, migration
    0013): an answer made at one value holds while the value is unchanged."""

    id: int = Field(primary_key=True)
    value: int = Field(sa_column=Column(BigInteger, nullable=False))
