"""Reading what a source lists: canonical addresses, feed entries, a listing page's own article links."""

from __future__ import annotations

import pytest

from news.feeds import canonical_url, feed_items, listing_items, source_items
from tests.fakes.genre import atom, rfc822, rss

BASE = "https://www.example-area.go.th/news/index.php"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTPS://WWW.Example.GO.th/News/1?utm_source=line&id=5#top",
            "https://www.example.go.th/News/1?id=5",
        ),
        ("http://example.go.th:80/a?fbclid=x&gclid=y", "http://example.go.th/a"),
        ("https://example.go.th:8443", "https://example.go.th:8443/"),
        ("https://example.go.th/a?b=1&utm_campaign=z&c=%E0%B8%81", "https://example.go.th/a?b=1&c=%E0%B8%81"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_rss_items_newest_first_with_entities_and_relative_links() -> None:
    feed = rss("ข่าว สพป.", [
        ("/news/11", "ประชุม &amp; สัมมนา ครู", rfc822(1)),
        ("news/12?utm_medium=rss", "อบรม “วิทยาการคำนวณ”", rfc822(3)),
        ("https://www.example-area.go.th/news/11", "ซ้ำ", rfc822(0)),
    ])  # fmt: skip
    items = feed_items(feed, BASE)
    assert [(i.url, i.title) for i in items] == [
        ("https://www.example-area.go.th/news/news/12", "อบรม “วิทยาการคำนวณ”"),
        ("https://www.example-area.go.th/news/11", "ประชุม & สัมมนา ครู"),
    ]


def test_atom_entries_and_what_kind_a_source_is() -> None:
    body = atom("ประชาสัมพันธ์", [("https://www.example-area.go.th/e/1", "ชี้แจง", "2026-01-02T00:00:00Z")])
    kind, items = source_items(body, "application/xml", BASE)
    assert kind == "feed" and [i.url for i in items] == ["https://www.example-area.go.th/e/1"]
    kind, items = source_items(b"<html><body><a href='/x'>x</a></body></html>", "text/html", BASE)
    assert (kind, items) == ("listing", [])


def test_a_changed_entry_has_another_fingerprint() -> None:
    before = feed_items(rss("ข่าว", [("/n/1", "ประชุม", rfc822(1))]), BASE)[0]
    same = feed_items(rss("ข่าว", [("/n/1", "ประชุม", rfc822(1))]), BASE)[0]
    after = feed_items(rss("ข่าว", [("/n/1", "ประชุม (แก้ไข)", rfc822(2))]), BASE)[0]
    assert before.fingerprint == same.fingerprint != after.fingerprint


def test_listing_takes_the_pages_own_article_pattern() -> None:
    page = """<html><body>
      <nav><a href="/">หน้าแรก</a><a href="/about/history-of-the-office">ประวัติ</a>
      <a href="/news/category/2">หมวดข่าว</a><a href="https://facebook.com/obec/posts/123456">เฟซบุ๊ก</a>
      <a href="/files/report-2569-annual.pdf">รายงาน</a></nav>
      <div class="news"><a href="/news/view/5501">ประชุมผู้บริหาร &amp; ครู</a>
      <a href="/news/view/5500?utm_source=x">อบรมครู</a><a href="/news/view/5501">อ่านต่อ</a>
      <a href="/news/view/5499">สัมมนา</a></div>
      <a href="/gallery/album/8812">ภาพกิจกรรม</a></body></html>""".encode()
    items = listing_items(page, BASE)
    assert [(i.url, i.title) for i in items] == [
        ("https://www.example-area.go.th/news/view/5501", "ประชุมผู้บริหาร & ครู"),
        ("https://www.example-area.go.th/news/view/5500", "อบรมครู"),
        ("https://www.example-area.go.th/news/view/5499", "สัมมนา"),
    ]


def test_listing_with_ids_in_the_query() -> None:
    page = b"""<html><body><a href="index.php?page=2">next</a>
      <a href="view.php?id=101">a</a><a href="view.php?id=102">b</a>
      <a href="/contact.php">c</a></body></html>"""
    assert [i.url for i in listing_items(page, BASE)] == [
        "https://www.example-area.go.th/news/view.php?id=101",
        "https://www.example-area.go.th/news/view.php?id=102",
    ]


def test_garbage_lists_nothing() -> None:
    assert listing_items(b"", BASE) == []
    assert feed_items(b"<rss><channel><item><title>x</title></item>", BASE) == []


def test_listing_in_the_thai_code_page_keeps_its_titles() -> None:
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=tis-620'></head><body>"
        "<a href='/n/detail/7001'>ประชุมครูแนะแนว</a><a href='/n/detail/7002'>อบรมลูกเสือ</a>"
        "</body></html>"
    ).encode("cp874")
    assert [i.title for i in listing_items(page, BASE)] == ["ประชุมครูแนะแนว", "อบรมลูกเสือ"]
    no_charset = "<a href='/n/detail/7003'>สัมมนาผู้บริหาร</a><a href='/n/detail/7004'>ชี้แจง</a>".encode("cp874")
    assert [i.title for i in listing_items(no_charset, BASE)] == ["สัมมนาผู้บริหาร", "ชี้แจง"]
