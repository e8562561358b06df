"""`prachum sources` as an admin runs it, and two pollers at once on PostgreSQL storing each article once."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import func, select

from store.db import make_engine, session_scope
from store.models import Article, Meeting, SeenItem
from tests.bot.test_cli import PRACHUM, run
from tests.fakes.genre import article_page, article_text, rfc822, rss
from tests.fakes.news_site import Route, Site, serving_site

POLLING = {"ALLOW_PRIVATE_URLS": "true", "SOURCE_HOST_PAUSE": "0", "SOURCE_TIMEOUT": "5"}


@pytest.fixture
def site() -> Iterator[Site]:
    with serving_site(Site()) as served:
        items = []
        for n in range(6):
            path = f"/news/{2000 + n}"
            served.routes[path] = Route(article_page(f"ข่าว {n}", article_text(n + 10)))
            items.append((served.base + path, f"ข่าว {n}", rfc822(n)))
        served.routes["/feed"] = Route(rss("ข่าว ศธจ.", items), "application/rss+xml", etag='"a"')
        yield served


def test_add_list_check_remove(tmp_path: Path, site: Site) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/cli.db", **POLLING}
    added = run("sources", "add", site.base.upper().replace("HTTP", "http") + "/feed?utm_source=x", "--name",
                "ศธจ.ตัวอย่าง", env=env)  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == f"added source #1: {site.base}/feed"
    again = run("sources", "add", site.base + "/feed", env=env)
    assert again.stdout.strip() == f"already followed as source #1: {site.base}/feed"

    checked = run("sources", "check", "1", env=env)
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert (report["added"], report["requests"], report["failed"]) == (6, 7, 0)
    listed = json.loads(run("sources", "list", "--json", env=env).stdout)
    assert [(s["id"], s["name"], s["kind"], s["health"], s["articles"], s["meetings"]) for s in listed] == [
        (1, "ศธจ.ตัวอย่าง", "feed", "ok", 6, 6)
    ]
    second = json.loads(run("sources", "check", env=env).stdout)  # not due yet: nothing is asked
    assert second["requests"] == 0 and second["sources"] == []

    removed = run("sources", "remove", "1", env=env)
    assert removed.stdout.strip() == f"removed source #1: {site.base}/feed"
    assert json.loads(run("list", "--json", env=env).stdout)["articles"] == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sources", "add", "ftp://example.com/feed"), "only http and https addresses can be fetched"),
        (("sources", "remove", "7"), "no source #7 (see prachum sources list)"),
        (("sources", "check", "7"), "no source #7 (see prachum sources list)"),
    ],
)
def test_mistakes_are_one_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run(*args, env={"DATABASE_URL": f"sqlite:///{tmp_path}/cli.db"})
    assert result.returncode == 2
    assert result.stderr.strip().endswith(message)
    assert "Traceback" not in result.stderr


@pytest.mark.postgres
def test_two_pollers_at_once_store_each_article_once(postgres_url: str, site: Site) -> None:
    env = {"DATABASE_URL": postgres_url, **POLLING}
    assert run("sources", "add", site.base + "/feed", env=env).returncode == 0
    environment = {**os.environ, **env}
    pollers = [
        subprocess.Popen(
            [*PRACHUM, "sources", "check", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for _ in range(2)
    ]
    reports = []
    for poller in pollers:
        out, err = poller.communicate(timeout=120)
        assert poller.returncode == 0, err
        reports.append(json.loads(out))
    assert sum(r["added"] for r in reports) == 6
    engine = make_engine(postgres_url)
    with session_scope(engine) as session:
        numbers = [
            session.exec(select(func.count()).select_from(t)).one() for t in (Article, Meeting, SeenItem)
        ]
    engine.dispose()
    assert numbers == [6, 6, 6]
