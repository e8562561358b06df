"""Polling news sources on a local site: each new article stored once, its meetings in the digest once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import col, func, select

from bot.digest import run_digest
from bot.line import LineClient, make_line_client
from bot.settings import Settings
from bot.sources import poll_sources
from news.feeds import canonical_url
from store.db import session_scope
from store.models import Article, Meeting, SeenItem, Source
from store.sources import add_source, list_sources
from tests.bot.digest_world import EVERYTHING, delivered, subscribe
from tests.fakes.genre import article_page, article_text, atom, rfc822, rss
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
    with running_fake_line(TOKEN) as fake:
        client = make_line_client(Settings(line_channel_access_token=TOKEN, line_api_host=fake.base_url))  # type: ignore[arg-type]
        assert client is not None
        yield fake, client
        client.close()


def test_rss_feed_articles_are_stored_once_and_reach_the_digest_once(
    sqlite_engine: Engine, site: Site, line: tuple[FakeLine, LineClient]
) -> None:
    """Three items: three articles with their meetings; the second poll (304) fetches nothing more."""
    fake, client = line
    pages = publish(site, range(3))
    feed = rss("ข่าวเขตพื้นที่", [(site.base + p, t, rfc822(i)) for i, (p, t) in enumerate(pages)])
    site.routes["/rss.xml"] = Route(feed, RSS_TYPE, etag='"v1"')
    sid = source(sqlite_engine, site.base + "/rss.xml")
    subscribe(sqlite_engine, "U" + "1" * 32, EVERYTHING, since=NOW - timedelta(days=1))
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

    run_digest(sqlite_engine, client, now=datetime.now(UTC) + timedelta(minutes=1), sleep=lambda _s: None)
    titles = {title for (_to, title), count in delivered(fake.sends()).items() if count == 1}
    assert titles == {
        "ประชุมเชิงปฏิบัติการพัฒนาหลักสูตรสถานศึกษา ครั้งที่ 1", "สัมมนาการนิเทศภายในโรงเรียน ครั้งที่ 2",
        "ประชุมชี้แจงแนวทางการประเมินคุณภาพภายนอก ครั้งที่ 3",
    }  # fmt: skip
    assert sum(delivered(fake.sends()).values()) == 3
    with session_scope(sqlite_engine) as session:
        linked = session.exec(select(func.count()).where(col(Article.source_id) == sid)).one()
        row = list_sources(session)[0]
    assert linked == 3 and (row.articles, row.meetings) == (3, 3)


def test_atom_feed_with_relative_links_entities_and_a_thai_title(sqlite_engine: Engine, site: Site) -> None:
    pages = publish(site, range(2), prefix="/atom/items")
    entries = [
        (p.removeprefix("/atom/"), "ประชุม &amp; สัมมนา", f"2026-01-0{i + 1}T08:00:00Z")
        for i, (p, _t) in enumerate(pages)
    ]
    site.routes["/atom/feed"] = Route(atom("ข่าวประชาสัมพันธ์ สพป.", entries), "application/atom+xml")
    source(sqlite_engine, site.base + "/atom/feed")
    report = poll_sources(sqlite_engine, settings_for(sqlite_engine), now=NOW)
    result = report.sources[0]
    assert result.kind == "feed"
    assert result.added == [site.base + "/atom/items/1001", site.base + "/atom/items/1000"]  # newest first
    assert counts(sqlite_engine) == (2, 2, 2)


def test_listing_page_takes_its_article_links_not_every_link(sqlite_engine: Engine, site: Site) -> None:
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


def test_first_poll_of_a_large_archive_takes_only_the_latest(sqlite_engine: Engine, site: Site) -> None:
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


def test_a_failing_source_backs_off_then_recovers(sqlite_engine: Engine, site: Site) -> None:
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
    recovered = poll_sources(sqlite_engine, settings, now=moment)
    assert recovered.sources[0].status == "new" and counts(sqlite_engine) == (1, 1, 1)
    with session_scope(sqlite_engine) as session:
        row = session.get(Source, sid)
        assert row is not None and row.failures_in_row == 0 and row.healthy


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


def test_a_source_that_times_out_fails_without_storing(sqlite_engine: Engine, site: Site) -> None:
    site.routes["/slow.rss"] = Route(rss("ช้า", []), RSS_TYPE, delay=2.0)
    source(sqlite_engine, site.base + "/slow.rss")
    report = poll_sources(sqlite_engine, settings_for(sqlite_engine, source_timeout=0.5), now=NOW)
    assert report.sources[0].status == "failed"
    assert report.sources[0].errors == [f"{site.base}/slow.rss: no answer in time"]
    assert counts(sqlite_engine) == (0, 0, 0)


def test_a_redirected_source_is_followed(sqlite_engine: Engine, site: Site) -> None:
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


def test_a_changed_item_updates_its_meeting_without_resending(
    sqlite_engine: Engine, site: Site, line: tuple[FakeLine, LineClient]
) -> None:
    fake, client = line
    pages = publish(site, range(2))
    site.routes["/c.rss"] = Route(
        rss("ข่าว", [(site.base + p, t, rfc822(i)) for i, (p, t) in enumerate(pages)]), RSS_TYPE
    )
    source(sqlite_engine, site.base + "/c.rss")
    subscribe(sqlite_engine, "U" + "2" * 32, EVERYTHING, since=NOW - timedelta(days=1))
    settings = settings_for(sqlite_engine)
    poll_sources(sqlite_engine, settings, now=NOW)
    run_digest(sqlite_engine, client, now=datetime.now(UTC) + timedelta(minutes=1), sleep=lambda _s: None)
    assert sum(delivered(fake.sends()).values()) == 2

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
    run_digest(sqlite_engine, client, now=datetime.now(UTC) + timedelta(minutes=2), sleep=lambda _s: None)
    assert sum(delivered(fake.sends()).values()) == 2


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
