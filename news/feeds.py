"""The items a news source lists: RSS/Atom entries, or a listing page's article links (pure, no I/O).

A listing page links to everything (menus, categories, other sites); its articles are the links that
share the page's own pattern: same site, a long slug or a number in the last path segment, and the
path prefix most of those links have.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser
import lxml.etree
import lxml.html

Kind = Literal["feed", "listing"]
TRACKING = re.compile(r"^(utm_\w*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|yclid)$", re.IGNORECASE)
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
ARTICLE_SEGMENT = re.compile(r"\d{2,}|[^/]{16,}")  # an id, or a long slug
SKIPPED_EXTENSIONS = (
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".zip",
    ".css",
    ".js",
)


@dataclass(frozen=True)
class Item:
    """One article a source lists, newest first; `fingerprint` changes when the source shows it changed."""

    url: str
    title: str
    fingerprint: str


def canonical_url(url: str) -> str:
    """One spelling per address: scheme and host lower-cased, no default port, tracking or fragment."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def looks_like_feed(body: bytes, content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    if kind in FEED_TYPES:
        return True
    head = body[:1024].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf"))


def source_items(body: bytes, content_type: str, base_url: str) -> tuple[Kind, list[Item]]:
    """What kind of source this is, and its items newest first (each address once)."""
    if looks_like_feed(body, content_type):
        return "feed", feed_items(body, base_url)
    return "listing", listing_items(body, base_url)


def feed_items(body: bytes, base_url: str) -> list[Item]:
    """Entries of an RSS 2.0, RSS 1.0 or Atom feed; relative links are read against the feed's address."""
    parsed: Any = feedparser.parse(body, response_headers={"content-location": base_url})
    entries = list(parsed.entries)
    if any(_when(e) for e in entries):
        entries.sort(key=lambda e: _when(e) or (), reverse=True)
    items = []
    for entry in entries:
        link = entry.get("link") or ""
        if not link:
            continue
        title = html.unescape(str(entry.get("title") or "")).strip()  # many feeds escape their titles twice
        stamp = "|".join(str(dict.get(entry, k) or "") for k in ("title", "published", "updated", "summary"))
        items.append(Item(canonical_url(urljoin(base_url, link)), title, _hash(stamp)))
    return _unique(items)


def _when(entry: Any) -> tuple[int, ...] | None:
    stamp = dict.get(entry, "published_parsed") or dict.get(
        entry, "updated_parsed"
    )  # no feedparser fallback warning
    return tuple(stamp[:6]) if stamp else None


def listing_items(body: bytes, base_url: str) -> list[Item]:
    """The article links of a news listing page, in page order."""
    try:
        root = lxml.html.fromstring(decode_page(body), base_url=base_url)
    except (ValueError, lxml.etree.ParserError):
        return []
    site = urlsplit(base_url).hostname or ""
    candidates: list[tuple[str, str, str]] = []  # url, title, prefix
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urljoin(base_url, href)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or (parts.hostname or "") != site:
            continue
        segments = [s for s in parts.path.split("/") if s]
        last = segments[-1] if segments else ""
        ids_in_query = any(v.isdigit() and len(v) >= 2 for _k, v in parse_qsl(parts.query))
        if last.lower().endswith(SKIPPED_EXTENSIONS):
            continue
        if not (ARTICLE_SEGMENT.search(last) or ids_in_query):
            continue
        prefix = "/".join(segments[:-1]) if segments else ""
        if ids_in_query:
            prefix = parts.path + "?" + ",".join(sorted(k for k, _v in parse_qsl(parts.query)))
        title = " ".join(anchor.text_content().split())
        candidates.append((canonical_url(url), title, prefix))
    if not candidates:
        return []
    pattern, _count = Counter(prefix for _u, _t, prefix in candidates).most_common(1)[0]
    items = [Item(url, title, _hash(title)) for url, title, prefix in candidates if prefix == pattern]
    return _unique(items)


def decode_page(body: bytes) -> str:
    """A page's text: its declared charset, else UTF-8, else the Thai Windows code page most old sites use."""
    declared = CHARSET.search(body[:4096])
    if declared:
        try:
            return body.decode(declared[1].decode("ascii").lower(), errors="replace")
        except LookupError:
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp874", errors="replace")


def _unique(items: list[Item]) -> list[Item]:
    seen: dict[str, Item] = {}
    for item in items:
        if item.url not in seen or (not seen[item.url].title and item.title):
            seen[item.url] = item
    return list(seen.values())


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
