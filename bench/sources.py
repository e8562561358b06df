"""Polling 200 local news sources of 20 generated articles each: a first poll, then a second (all 304).

Each source is its own host (127.0.0.2, 127.0.0.3, …: loopback, so the per-host gate lets them run side by
side) and the pause between two requests to one host is 0, so the figure is the poller's own cost:
fetching, extraction and storage. `python -m bench sources [SOURCES [ITEMS]]`.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.settings import Settings
from bot.sources import poll_sources
from store.db import make_engine, session_scope
from store.migrate import upgrade
from store.sources import add_source


def run(sources: int = 200, items: int = 20) -> dict[str, Any]:
    from tests.fakes.genre import article_page, article_text, rfc822, rss
    from tests.fakes.news_site import Route, Site, serving_site

    if len(sys.argv) > 2 and sys.argv[1] == "sources":
        sources = int(sys.argv[2])
        items = int(sys.argv[3]) if len(sys.argv) > 3 else items
    results: dict[str, Any] = {"sources": sources, "items_per_source": items}
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        engine = make_engine(f"sqlite:///{folder}/sources.db")
        upgrade(engine)
        sites = []
        for s in range(sources):
            site = stack.enter_context(serving_site(Site(), host=f"127.0.{(s + 2) // 256}.{(s + 2) % 256}"))
            entries = []
            for i in range(items):
                n = s * items + i
                site.routes[f"/news/{n}"] = Route(article_page(f"ข่าว {n}", article_text(n)))
                entries.append((f"{site.base}/news/{n}", f"ข่าว {n}", rfc822(i)))
            site.routes["/feed"] = Route(rss(f"แหล่งข่าว {s}", entries), "application/rss+xml", etag=f'"{s}"')
            sites.append(site)
        with session_scope(engine) as session:
            for site in sites:
                add_source(session, site.base + "/feed")
        settings = Settings(database_url=f"sqlite:///{folder}/sources.db", allow_private_urls=True,  # type: ignore[arg-type]
                            source_host_pause=0, source_first_items=items)  # fmt: skip
        now = datetime.now(UTC)
        for label, moment in (("first", now), ("second", now + timedelta(hours=1))):
            before = [len(site.requests) for site in sites]
            t0 = time.perf_counter()
            report = poll_sources(engine, settings, now=moment)
            wall = round(time.perf_counter() - t0, 2)
            served = [
                path for site, skip in zip(sites, before, strict=True) for path, _h in site.requests[skip:]
            ]
            fetched = sum(path.startswith("/news/") for path in served)
            results[label] = {
                "wall_s": wall, "requests": report.requests, "articles_fetched": fetched,
                "added": report.added, "failed": sum(r.status == "failed" for r in report.sources),
                "not_modified": sum(r.status == "unchanged" and r.listed == 0 for r in report.sources),
            }  # fmt: skip
        engine.dispose()
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results
