"""Polling news sources on a local site: each new article stored once, its meetings in the digest once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import Engine
from sqlmodel import col, func, select

from bot.digest import run_digest
from bot.line import LineClient, make_line_client
from bot.settings import Settings
from bot.sources import poll_sources
from handlers.dispatch import answer_postback
from handlers.replies import to_json
from handlers.sources import answer_source
from news.feeds import canonical_url
from store.db import session_scope
from store.models import Article, Meeting, SeenItem, Source
from store.sources import LINK_ATTEMPTS, add_source, list_sources
from tests.bot.digest_world import EVERYTHING, meeting_bubbles, subscribe
from tests.fakes.genre import TOPICS, article_page, article_text, atom, rfc822, rss
from tests.fakes.line_server import FakeLine, running_fake_line
from tests.fakes.news_site import Route, Site, serving_site

NOW = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
TOKEN = "sources-token-" + "x" * 20
RSS_TYPE = "application/rss+xml; charset=utf-8"


def settings_for(engine: Engine, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": str(engine.url.render_as_string(hide_password=False)),
        "allow_private_urls": True,
        "source_host_pause": 0.0,
        "source_timeout": 1.0,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def site() -> Iterator[Site]:
    with serving_site(Site()) as served:
        yield served


def publish(site: Site, numbers: range | list[int], prefix: str = "/news/view") -> list[tuple[str, str]]:
    """Article pages n on the site; returns (path, title) for each."""
    out = []
    for n in numbers:
        path = f"{prefix}/{1000 + n}"
        title = f"ข่าวที่ {n + 1}"
        site.routes[path] = Route(article_page(title, article_text(n)))
        out.append((path, title))
    return out


def source(engine: Engine, url: str) -> int:
    with session_scope(engine) as session:
        added, _new = add_source(session, canonical_url(url))
        return added.id or 0


def counts(engine: Engine) -> tuple[int, int, int]:
    with session_scope(engine) as session:
        articles = session.exec(select(func.count()).select_from(Article)).one()
        meetings = session.exec(select(func.count()).select_from(Meeting)).one()
        seen = session.exec(select(func.count()).select_from(SeenItem)).one()
    return int(articles), int(meetings), int(seen)


@pytest.fixture
def line() -> Iterator[tuple[FakeLine, LineClient]]:
    """A spec-checking fake LINE API of the test's own (it remembers retry keys, as LINE does)."""
    with running_fake_line(TOKEN) as fake:
        client = make_line_client(Settings(line_channel_access_token=TOKEN, line_api_host=fake.base_url))  # type: ignore[arg-type]
        assert client is not None
        yield fake, client
        client.close()


@dataclass
class Reader:
    """A subscriber following everything; digests reach them through the real client and the fake LINE API."""

    engine: Engine
    fake: FakeLine
    client: LineClient
    line_id: str

    def digest(self) -> list[str]:
        """Run the morning digest now: the meeting titles this reader got (sorted, repeats kept), tapping
        "ดูเพิ่ม" (the postback the digest carries) for the pages after the first."""
        before = len(self.fake.sends())
        run_digest(self.engine, self.client, now=datetime.now(UTC), sleep=lambda _s: None)
        assert self.fake.problems == []
        sent = [body for _path, body in self.fake.sends()[before:] if self.line_id in recipients(body)]
        titles, more = read_digest([message for body in sent for message in body["messages"]])
        while more:
            with session_scope(self.engine) as session:
                reply = answer_postback(more, session=session, now=datetime.now(UTC))
            page, more = read_digest(to_json(reply.messages))
            titles += page
        return sorted(titles)

    def gets_once(self, titles: list[str]) -> None:
        """The next digest carries exactly these meetings, each once; the one after carries none of them."""
        assert self.digest() == sorted(titles)
        assert self.digest() == []


def recipients(body: dict[str, Any]) -> list[str]:
    return body["to"] if isinstance(body["to"], list) else [body["to"]]


def read_digest(messages: list[dict[str, Any]]) -> tuple[list[str], str | None]:
    """The meeting titles on a digest's cards, and the postback of its "ดูเพิ่ม" button if it has one."""
    titles = [
        bubble["body"]["contents"][1]["text"]
        for message in messages
        if message["type"] == "flex"
        for bubble in meeting_bubbles(message)
    ]
    buttons = [item["action"] for m in messages for item in (m.get("quickReply") or {}).get("items", [])]
    more = [b["data"] for b in buttons if b["type"] == "postback" and b["data"].startswith("action=digest")]
    return titles, more[0] if more else None


@pytest.fixture
def reader(sqlite_engine: Engine, line: tuple[FakeLine, LineClient]) -> Reader:
    fake, client = line
    line_id = "U" + "1" * 32
    subscribe(sqlite_engine, line_id, EVERYTHING, since=NOW - timedelta(days=1))
    return Reader(sqlite_engine, fake, client, line_id)


def meeting(n: int) -> str:
    """The title of the meeting in the n-th made-up article (tests/fakes/genre.py writes it so)."""
    return f"{TOPICS[n % len(TOPICS)]} ครั้งที่ {n + 1}"


def test_rss_feed_articles_are_stored_once_and_reach_the_digest_once(
    sqlite_engine: Engine, site: Site, reader: Reader
) -> None:
    """Three items: three articles with their meetings; the second poll (304) fetches nothing more."""
    pages = publish(site, range(3))
    feed = rss("ข่าวเขตพื้นที่", [(site.base + p, t, rfc822(i)) for i, (p, t) in enumerate(pages)])
    site.routes["/rss.xml"] = Route(feed, RSS_TYPE, etag='"v1"')
    sid = source(sqlite_engine, site.base + "/rss.xml")
    settings = settings_for(sqlite_engine)

    first = poll_sources(sqlite_engine, settings, now=NOW)
    assert first.sources[0].kind == "feed" and len(first.sources[0].added) == 3
    assert first.requests == 4
    assert counts(sqlite_engine) == (3, 3, 3)
    site.requests.clear()
    second = poll_sources(sqlite_engine, settings, now=NOW + timedelta(hours=1))
    assert second.sources[0].status == "unchanged" and second.requests == 1
    assert site.paths() == ["/rss.xml"]
    assert site.requests[0][1]["if-none-match"] == '"v1"'
    assert counts(sqlite_engine) == (3, 3, 3)

    reader.gets_once([
        "ประชุมเชิงปฏิบัติการพัฒนาหลักสูตรสถานศึกษา ครั้งที่ 1", "สัมมนาการนิเทศภายในโรงเรียน ครั้งที่ 2",
        "ประชุมชี้แจงแนวทางการประเมินคุณภาพภายนอก ครั้งที่ 3",
    ])  # fmt: skip
    with session_scope(sqlite_engine) as session:
        linked = session.exec(select(func.count()).where(col(Article.source_id) == sid)).one()
        row = list_sources(session)[0]
    assert linked == 3 and (row.articles, row.meetings) == (3, 3)


def test_atom_feed(sqlite_engine: Engine, site: Site, reader: Reader) -> None:
    pages = publish(site, range(2), prefix="/atom/items")
    entries = [(site.base + p, t, f"2026-01-0{i + 1}T08:00:00Z") for i, (p, t) in enumerate(pages)]
    site.routes["/atom/feed"] = Route(atom("ข่าวประชาสัมพันธ์ สพป.", entries), "application/atom+xml")
    source(sqlite_engine, site.base + "/atom/feed")
    result = poll_sources(sqlite_engine, settings_for(sqlite_engine), now=NOW).sources[0]
    assert result.kind == "feed"
    assert result.added == [site.base + "/atom/items/1001", site.base + "/atom/items/1000"]  # newest first
    assert counts(sqlite_engine) == (2, 2, 2)
    reader.gets_once([meeting(0), meeting(1)])


def test_feed_with_relative_links_entities_and_a_thai_title(
    sqlite_engine: Engine, site: Site, reader: Reader
) -> None:
    """Links relative to a Thai folder, with &amp; in them; entities and Thai in titles: each read once."""
    folder = "/" + quote("ข่าว")  # as the request line carries it
    for n in range(3):
        site.routes[f"{folder}/view.php?id={2000 + n}&cat=7"] = Route(
            article_page(f"ข่าว {n}", article_text(n))
        )
    entries = "".join(
        f"<item><title>ประชุม &amp;amp; สัมมนา &#3648;&#3586;&#3605; {n}</title><pubDate>{rfc822(n)}</pubDate>"
        f"<link>view.php?id={2000 + n}&amp;cat=7&amp;utm_source=rss</link></item>"
        for n in range(3)
    )
    feed = (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        "<title>ข่าว สพป.ตรัง &amp; กระบี่</title><link>/</link><description>ข่าว</description>"
        f"{entries}</channel></rss>"
    ).encode()
    site.routes[f"{folder}/feed.xml"] = Route(feed, RSS_TYPE)
    source(sqlite_engine, site.base + "/ข่าว/feed.xml")
    result = poll_sources(sqlite_engine, settings_for(sqlite_engine), now=NOW).sources[0]
    # read against the feed's address; &amp; is "&", the tracking parameter is dropped
    assert result.added == [f"{site.base}/ข่าว/view.php?id={2000 + n}&cat=7" for n in (2, 1, 0)]
    assert result.errors == []
    assert counts(sqlite_engine) == (3, 3, 3)
    reader.gets_once([meeting(0), meeting(1), meeting(2)])


def test_listing_page_takes_its_article_links_not_every_link(
    sqlite_engine: Engine, site: Site, reader: Reader
) -> None:
    pages = publish(site, range(4), prefix="/content/news")
    links = "".join(f"<li><a href='{p}?utm_source=line#top'>{t}</a></li>" for p, t in pages)
    listing = (
        "<html><body><nav><a href='/'>หน้าแรก</a><a href='/about-the-office-history'>ประวัติสำนักงาน</a>"
        "<a href='/download/forms-2569'>แบบฟอร์ม</a><a href='https://other.example/news/view/12345'>ลิงก์นอก</a>"
        f"</nav><ul>{links}</ul><a href='/content/news'>ข่าวทั้งหมด</a></body></html>"
    ).encode()
    site.routes["/content/news"] = Route(listing)
    source(sqlite_engine, site.base + "/content/news")
    report = poll_sources(sqlite_engine, settings_for(sqlite_engine), now=NOW)
    assert report.sources[0].kind == "listing"
    assert report.sources[0].added == [site.base + p for p, _t in pages]
    assert site.paths() == ["/content/news", *(p for p, _t in pages)]  # canonical: no tracking parameter
    assert counts(sqlite_engine) == (4, 4, 4)
    reader.gets_once([meeting(n) for n in range(4)])


def test_first_poll_of_a_large_archive_takes_only_the_latest(
    sqlite_engine: Engine, site: Site, reader: Reader
) -> None:
    """500 items: the newest 20 are stored, the rest are not even fetched."""
    items = [(f"{site.base}/archive/{1000 + n}", f"ข่าวเก่า {n}", rfc822(n)) for n in range(500)]
    for n in range(480, 500):
        site.routes[f"/archive/{1000 + n}"] = Route(article_page(f"ข่าว {n}", article_text(n)))
    site.routes["/archive.rss"] = Route(rss("คลังข่าว", items), RSS_TYPE)
    source(sqlite_engine, site.base + "/archive.rss")
    report = poll_sources(sqlite_engine, settings_for(sqlite_engine), now=NOW)
    assert report.sources[0].listed == 20 and len(report.sources[0].added) == 20
    assert report.requests == 21
    assert counts(sqlite_engine) == (20, 20, 20)
    assert all(int(p.rsplit("/", 1)[1]) >= 1480 for p in site.paths() if p.startswith("/archive/"))
    reader.gets_once([meeting(n) for n in range(480, 500)])


def test_a_failing_source_backs_off_then_recovers(sqlite_engine: Engine, site: Site, reader: Reader) -> None:
    """500 three times: failures count up and the next try moves further away; then it is read."""
    pages = publish(site, range(1))
    site.routes["/flaky.rss"] = Route(rss("ข่าว", [(site.base + pages[0][0], "ข่าว", rfc822(1))]), RSS_TYPE,
                                      statuses=[500, 500, 500])  # fmt: skip
    sid = source(sqlite_engine, site.base + "/flaky.rss")
    settings = settings_for(sqlite_engine, source_poll_minutes=30, source_fail_days=1)
    moment, waits = NOW, []
    for _ in range(3):
        report = poll_sources(sqlite_engine, settings, now=moment)
        assert report.sources[0].status == "failed" and "answered 500" in report.sources[0].errors[0]
        with session_scope(sqlite_engine) as session:
            row = session.get(Source, sid)
            assert row is not None and row.healthy
            waits.append((row.failures_in_row, row.next_try_at - moment))  # type: ignore[operator]
        assert poll_sources(sqlite_engine, settings, now=moment + timedelta(minutes=1)).sources == []
        moment = row.next_try_at  # type: ignore[assignment]
    assert waits == [(1, timedelta(minutes=30)), (2, timedelta(minutes=60)), (3, timedelta(minutes=120))]
    assert reader.digest() == []
    recovered = poll_sources(sqlite_engine, settings, now=moment)
    assert recovered.sources[0].status == "new" and counts(sqlite_engine) == (1, 1, 1)
    with session_scope(sqlite_engine) as session:
        row = session.get(Source, sid)
        assert row is not None and row.failures_in_row == 0 and row.healthy
    reader.gets_once([meeting(0)])


def test_a_source_failing_for_days_is_unhealthy(sqlite_engine: Engine, site: Site) -> None:
    site.routes["/gone.rss"] = Route(b"", RSS_TYPE, statuses=[503] * 20)
    sid = source(sqlite_engine, site.base + "/gone.rss")
    settings = settings_for(sqlite_engine, source_fail_days=1)
    poll_sources(sqlite_engine, settings, now=NOW)
    poll_sources(sqlite_engine, settings, source_id=sid, now=NOW + timedelta(hours=23))
    with session_scope(sqlite_engine) as session:
        assert session.get(Source, sid).healthy  # type: ignore[union-attr]
    poll_sources(sqlite_engine, settings, source_id=sid, now=NOW + timedelta(hours=25))
    with session_scope(sqlite_engine) as session:
        row = session.get(Source, sid)
        assert row is not None and not row.healthy and row.failures_in_row == 3


def test_a_source_that_times_out_fails_without_storing(
    sqlite_engine: Engine, site: Site, reader: Reader
) -> None:
    """No answer in time: nothing stored, nothing sent; once it answers, its articles come in once."""
    pages = publish(site, range(2))
    feed = rss("ช้า", [(site.base + p, t, rfc822(i)) for i, (p, t) in enumerate(pages)])
    site.routes["/slow.rss"] = Route(feed, RSS_TYPE, delay=1.0)
    source(sqlite_engine, site.base + "/slow.rss")
    settings = settings_for(sqlite_engine, source_timeout=0.3)
    report = poll_sources(sqlite_engine, settings, now=NOW)
    assert report.sources[0].status == "failed"
    assert report.sources[0].errors == [f"{site.base}/slow.rss: no answer in time"]
    assert counts(sqlite_engine) == (0, 0, 0)
    assert reader.digest() == []
    site.routes["/slow.rss"].delay = 0.0
    later = poll_sources(sqlite_engine, settings, now=NOW + timedelta(minutes=30))
    assert later.sources[0].status == "new" and counts(sqlite_engine) == (2, 2, 2)
    reader.gets_once([meeting(0), meeting(1)])


def test_a_redirected_source_is_followed(sqlite_engine: Engine, site: Site, reader: Reader) -> None:
    pages = publish(site, range(2))
    site.routes["/new-feed.xml"] = Route(
        rss("ข่าว", [(p, t, rfc822(i)) for i, (p, t) in enumerate(pages)]), RSS_TYPE
    )
    site.routes["/old-feed"] = Route(b"", location="/new-feed.xml")
    source(sqlite_engine, site.base + "/old-feed")
    report = poll_sources(sqlite_engine, settings_for(sqlite_engine), now=NOW)
    # relative links resolve against where the feed was found
    assert sorted(report.sources[0].added) == sorted(site.base + p for p, _t in pages)
    assert counts(sqlite_engine) == (2, 2, 2)
    reader.gets_once([meeting(0), meeting(1)])


def test_a_changed_item_updates_its_meeting_without_resending(
    sqlite_engine: Engine, site: Site, reader: Reader
) -> None:
    pages = publish(site, range(2))
    site.routes["/c.rss"] = Route(
        rss("ข่าว", [(site.base + p, t, rfc822(i)) for i, (p, t) in enumerate(pages)]), RSS_TYPE
    )
    source(sqlite_engine, site.base + "/c.rss")
    settings = settings_for(sqlite_engine)
    poll_sources(sqlite_engine, settings, now=NOW)
    reader.gets_once([meeting(0), meeting(1)])

    changed_path, _title = pages[0]
    site.routes[changed_path] = Route(article_page("ข่าวที่ 1 (แก้ไข)", article_text(0, attendees=350)))
    items = [
        (site.base + changed_path, "ข่าวที่ 1 (แก้ไข)", rfc822(5)),
        (site.base + pages[1][0], pages[1][1], rfc822(1)),
    ]
    site.routes["/c.rss"] = Route(rss("ข่าว", items), RSS_TYPE)
    report = poll_sources(sqlite_engine, settings, now=NOW + timedelta(hours=1))
    assert report.sources[0].updated == [site.base + changed_path] and report.sources[0].added == []
    with session_scope(sqlite_engine) as session:
        attendees = sorted(m.attendees or 0 for m in session.exec(select(Meeting)).all())
    assert attendees == [41, 350]
    assert counts(sqlite_engine) == (2, 2, 2)
    assert reader.digest() == []


def test_an_article_link_that_fails_backs_off_on_its_own_and_is_given_up(
    sqlite_engine: Engine, site: Site, reader: Reader
) -> None:
    """A link failing twice is retried after 30 then 60 minutes and read; one that never opens is given up."""
    pages = publish(site, range(2))
    site.routes[pages[0][0]].statuses = [500, 500]
    gone = "/news/view/1999"  # listed, never there: 404
    items = [(site.base + gone, "ข่าวที่หายไป", rfc822(9))]
    items += [(site.base + p, t, rfc822(i)) for i, (p, t) in enumerate(pages)]
    site.routes["/r.rss"] = Route(rss("ข่าว", items), RSS_TYPE)
    sid = source(sqlite_engine, site.base + "/r.rss")
    settings = settings_for(sqlite_engine, source_poll_minutes=30)

    def poll(minutes: int) -> list[str]:
        """The articles requested by a poll `minutes` after the first."""
        site.requests.clear()
        poll_sources(sqlite_engine, settings, now=NOW + timedelta(minutes=minutes))
        return [p for p in site.paths() if p != "/r.rss"]

    def health() -> str:
        with session_scope(sqlite_engine) as session:
            return str(answer_source("list", session=session)["text"])

    assert poll(0) == [gone, pages[1][0], pages[0][0]]  # newest first; 404, stored, 500
    assert poll(30) == [gone, pages[0][0]]  # both due again after 30 minutes; 500 again
    assert poll(60) == []  # the second failures wait 60 minutes
    assert health().endswith("ข่าว 1 การประชุม 1, ลิงก์ข่าวเปิดไม่ได้ 2 (จะลองใหม่)")
    assert poll(90) == [gone, pages[0][0]]  # the flaky one opens now
    assert counts(sqlite_engine) == (2, 2, 3)
    assert poll(150) == []  # the third failure waits 120 minutes
    assert poll(210) == [gone]  # the fourth: given up
    assert poll(24 * 60) == []
    assert health().endswith("ข่าว 2 การประชุม 2, ลิงก์ข่าวเปิดไม่ได้ 1 (เลิกลองแล้ว)")
    with session_scope(sqlite_engine) as session:
        row = list_sources(session)[0]
        failed = session.exec(select(SeenItem).where(SeenItem.url == site.base + gone)).one()
    assert (row.source.id, row.retrying_links, row.dropped_links) == (sid, 0, 1)
    assert (failed.attempts, failed.next_try_at, failed.article_id) == (LINK_ATTEMPTS, None, None)
    assert failed.last_error == f"{site.base}{gone}: the server answered 404"
    reader.gets_once([meeting(0), meeting(1)])


def test_dry_run_changes_nothing(sqlite_engine: Engine, site: Site) -> None:
    pages = publish(site, range(2))
    site.routes["/d.rss"] = Route(
        rss("ข่าว", [(site.base + p, t, rfc822(i)) for i, (p, t) in enumerate(pages)]), RSS_TYPE
    )
    sid = source(sqlite_engine, site.base + "/d.rss")
    report = poll_sources(sqlite_engine, settings_for(sqlite_engine), now=NOW, dry_run=True)
    assert sorted(report.sources[0].would_fetch) == sorted(site.base + p for p, _t in pages)
    assert counts(sqlite_engine) == (0, 0, 0)
    with session_scope(sqlite_engine) as session:
        assert session.get(Source, sid).last_checked is None  # type: ignore[union-attr]
