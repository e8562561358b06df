"""Polling news sources: fetch each due feed or listing page, store each new article once.

Every request goes through a per-host gate, so one host sees one request at a time with a pause
between; different hosts are polled side by side. An article is stored through the same path as
`/add` (extraction, dedup by content, admin corrections kept), and its address is recorded as
seen in the same transaction, so two pollers at once store it once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import Engine

from bot.fetch import Page, fetch_article, fetch_page
from bot.inputs import InputError
from bot.settings import Settings
from handlers.admin import add_text
from news.feeds import Item, source_items
from store.db import session_scope
from store.locks import exclusive
from store.models import SeenItem, Source
from store.sources import (
    clear_link_failure,
    due_sources,
    get_source,
    mark_failure,
    mark_success,
    record_link_failure,
    seen_item,
    seen_urls,
)

log = logging.getLogger("prachum.sources")
MAX_WORKERS = 8


@dataclass
class SourceResult:
    id: int
    url: str
    status: str = "unchanged"  # unchanged (304 or nothing new), new, failed
    kind: str | None = None
    requests: int = 0
    listed: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    would_fetch: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class PollReport:
    dry_run: bool = False
    sources: list[SourceResult] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(s.requests for s in self.sources)

    @property
    def added(self) -> int:
        return sum(len(s.added) for s in self.sources)

    def to_json(self) -> dict[str, object]:
        return {
            "dry_run": self.dry_run,
            "requests": self.requests,
            "added": self.added,
            "updated": sum(len(s.updated) for s in self.sources),
            "failed": sum(s.status == "failed" for s in self.sources),
            "sources": [asdict(s) for s in self.sources],
        }


class HostGate:
    """One request per host at a time, and at least `pause` seconds from the end of one to the next."""

    def __init__(self, pause: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self.pause, self.sleep = pause, sleep
        self.locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self.last: dict[str, float] = {}
        self.guard = threading.Lock()

    @contextmanager
    def turn(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self.guard:
            lock = self.locks[host]
        with lock:
            waited = time.monotonic() - self.last.get(host, float("-inf"))
            if waited < self.pause:
                self.sleep(self.pause - waited)
            try:
                yield
            finally:
                self.last[host] = time.monotonic()


@dataclass(frozen=True)
class Snapshot:
    """What a poll needs of a source, read before any request (no session is held across the network)."""

    id: int
    url: str
    etag: str | None
    last_modified: str | None
    first_poll: bool


def poll_sources(
    engine: Engine,
    settings: Settings,
    *,
    now: datetime | None = None,
    source_id: int | None = None,
    dry_run: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> PollReport:
    """Poll the due sources (or the one named, due or not) and store what is new."""
    moment = now or datetime.now(UTC)
    with session_scope(engine) as session:
        if source_id is not None:
            found = get_source(session, source_id)
            sources = [found] if found is not None else []
        else:
            sources = due_sources(session, moment)
        snapshots = [
            Snapshot(s.id or 0, s.url, s.etag, s.last_modified, first_poll=s.kind is None) for s in sources
        ]
    poller = _Poller(engine, settings, moment, dry_run, HostGate(settings.source_host_pause, sleep))
    by_host: dict[str, list[Snapshot]] = defaultdict(list)
    for snapshot in snapshots:
        by_host[(urlsplit(snapshot.url).hostname or "").lower()].append(snapshot)
    report = PollReport(dry_run=dry_run)
    if not by_host:
        return report
    with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(by_host))) as pool:
        for results in pool.map(lambda group: [poller.poll(s) for s in group], by_host.values()):
            report.sources.extend(results)
    report.sources.sort(key=lambda r: r.id)
    return report


def scheduled_poll(engine: Engine, settings: Settings) -> None:
    """The scheduler's job: one poller at a time across processes; a failure waits for the next run."""
    try:
        with exclusive(engine, "sources") as held:
            if not held:
                log.info("sources: another process is polling")
                return
            report = poll_sources(engine, settings)
        log.info("sources: %s", {k: v for k, v in report.to_json().items() if k != "sources"})
    except Exception:
        log.exception("polling the sources failed; the next run tries again")


class _Poller:
    def __init__(
        self, engine: Engine, settings: Settings, now: datetime, dry_run: bool, gate: HostGate
    ) -> None:
        self.engine, self.settings, self.now, self.dry_run, self.gate = engine, settings, now, dry_run, gate
        self.timeout = httpx.Timeout(settings.source_timeout, connect=min(settings.source_timeout, 5.0))
        self.poll_every = timedelta(minutes=settings.source_poll_minutes or 30)
        self.fail_after = timedelta(days=settings.source_fail_days)

    def poll(self, snapshot: Snapshot) -> SourceResult:
        result = SourceResult(snapshot.id, snapshot.url)
        try:
            page = self._page(snapshot, result)
        except InputError as err:
            result.status, result.errors = "failed", [str(err)]
            self._record(snapshot, result, page=None)
            return result
        if page.status == 200:
            result.kind, items = source_items(page.body, page.content_type, page.url)
            if snapshot.first_poll:
                items = items[: self.settings.source_first_items]
            result.listed = len(items)
            for item in self._fresh(items):
                self._take(snapshot, item, result)
        if result.added or result.updated:
            result.status = "new"
        self._record(snapshot, result, page=page)
        return result

    def _page(self, snapshot: Snapshot, result: SourceResult) -> Page:
        with self.gate.turn(snapshot.url):
            result.requests += 1
            return fetch_page(
                snapshot.url,
                etag=snapshot.etag,
                last_modified=snapshot.last_modified,
                allow_private=self.settings.allow_private_urls,
                timeout=self.timeout,
            )

    def _fresh(self, items: list[Item]) -> list[Item]:
        """Items never seen, whose entry changed since (title, date or summary), or whose retry is due."""
        with session_scope(self.engine) as session:
            seen = seen_urls(session, [i.url for i in items])
        return [i for i in items if i.url not in seen or seen[i.url].due(i.fingerprint, self.now)]

    def _take(self, snapshot: Snapshot, item: Item, result: SourceResult) -> None:
        if self.dry_run:
            result.would_fetch.append(item.url)
            return
        try:
            with self.gate.turn(item.url):
                result.requests += 1
                text = fetch_article(
                    item.url,
                    max_chars=self.settings.max_article_chars,
                    allow_private=self.settings.allow_private_urls,
                    timeout=self.timeout,
                )
        except InputError as err:
            result.errors.append(str(err))
            with session_scope(self.engine) as session:
                record_link_failure(session, url=item.url, fingerprint=item.fingerprint,
                                    source_id=snapshot.id, error=str(err), now=self.now,
                                    poll_every=self.poll_every)  # fmt: skip
            return
        with session_scope(self.engine) as session:
            added = add_text(session, source=item.url, text=text, added_by=f"source:{snapshot.id}")
            if added.article.source_id is None and added.created:
                added.article.source_id = snapshot.id
                session.add(added.article)
            seen = seen_item(session, item.url)  # read under add_text's write lock: one poller records it
            if seen is None:
                seen = SeenItem(url=item.url, fingerprint=item.fingerprint, source_id=snapshot.id)
                seen.article_id, seen.content_hash = added.article.id, added.article.content_hash
                session.add(seen)
            else:
                seen.fingerprint, seen.content_hash = item.fingerprint, added.article.content_hash
                seen.article_id = added.article.id
                clear_link_failure(seen)
                session.add(seen)
        if added.created:
            result.added.append(item.url)
        elif added.updated:
            result.updated.append(item.url)

    def _record(self, snapshot: Snapshot, result: SourceResult, *, page: Page | None) -> None:
        if self.dry_run:
            return
        with session_scope(self.engine) as session:
            source = session.get(Source, snapshot.id)
            if source is None:  # removed while it was polled
                return
            if page is None:
                mark_failure(source, result.errors[0], now=self.now, poll_every=self.poll_every,
                             fail_after=self.fail_after)  # fmt: skip
            else:
                mark_success(source, now=self.now, poll_every=self.poll_every)
                if page.status == 200:
                    source.etag, source.last_modified = page.etag, page.last_modified
                    source.kind = result.kind
                if result.added:
                    source.last_new_article = self.now
            session.add(source)
