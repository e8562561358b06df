"""The `prachum` command line. Every failure is one line on stderr and a non-zero exit."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from news.choose import Weights

app = typer.Typer(
    help="Prachum: Thai education meetings from news, for LINE.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class CliError(Exception):
    """A problem the user can fix; printed as one line."""


def _settings() -> Any:
    from bot.logs import setup_logging
    from bot.settings import SettingsError, load_settings

    try:
        settings = load_settings()
    except SettingsError as err:
        raise CliError(f"bad setting {err}") from None
    setup_logging(settings)
    return settings


def _engine(settings: Any) -> Any:
    from sqlalchemy.exc import SQLAlchemyError

    from store.db import DatabaseError, make_engine
    from store.migrate import ensure_schema

    try:
        engine = make_engine(settings.database_url)
        ensure_schema(engine)
    except DatabaseError as err:
        raise CliError(str(err)) from None
    except (SQLAlchemyError, OSError) as err:
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        raise CliError(f"cannot open the database in DATABASE_URL: {reason}") from None
    return engine


def _now(value: str | None, settings: Any) -> datetime:
    if value is None:
        return datetime.now(settings.tz)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CliError(f"--now: {value!r} is not an ISO date or date-time such as 2024-03-15T09:00") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=settings.tz)


@app.command()
def migrate() -> None:
    """Create or update the database schema (Alembic migrations)."""
    from store.migrate import current_revision

    engine = _engine(_settings())
    typer.echo(f"database at revision {current_revision(engine)}")


@app.command()
def add(
    paths: Annotated[list[str], typer.Argument(help="Article files, folders, or - for standard input")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON")] = False,
    weights: Annotated[
        Path | None, typer.Option("--weights", help="Fitted weights to use instead of news/weights.json")
    ] = None,
) -> None:
    """Store articles and the meetings extracted from them; the same article twice is stored once."""
    from bot.inputs import InputError, expand_paths, read_article
    from handlers.admin import add_text
    from store.db import refresh_statistics, session_scope

    model = _weights(weights)
    settings = _settings()
    engine = _engine(settings)
    results: list[dict[str, Any]] = []
    sources = expand_paths(paths)
    with _progress(len(sources)) as advance:
        for source in sources:
            try:
                item = read_article(
                    source,
                    max_chars=settings.max_article_chars,
                    allow_private_urls=settings.allow_private_urls,
                )
                with session_scope(engine) as session:
                    added = add_text(session, source=source, text=item.text, added_by="cli", weights=model)
                    results.append({"source": source, "status": added.status, "article_id": added.article.id,
                                    "meetings": [m.id for m in added.meetings]})  # fmt: skip
            except InputError as err:
                results.append({"source": source, "status": "failed", "reason": str(err)})
            advance(source)
    if any(result.get("status") in ("added", "updated") for result in results):
        refresh_statistics(engine)
    _report_added(results, as_json=as_json)
    if any(r["status"] == "failed" for r in results):
        raise typer.Exit(1)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None]]:
    """A progress bar on standard error for many inputs at a terminal; silent otherwise."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if total < 2 or not console.is_terminal:
        yield lambda _source: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("adding", total=total)
        yield lambda source: progress.update(task, advance=1, description=Path(source).name[:30])


def _report_added(results: list[dict[str, Any]], *, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(results, ensure_ascii=False, indent=1))
        return
    for result in results:
        if result["status"] == "failed":
            typer.echo(f"failed: {result['reason']}", err=True)
    count = {s: sum(r["status"] == s for r in results) for s in ("added", "updated", "known", "failed")}
    no_meeting = sum(1 for r in results if r["status"] != "failed" and not r["meetings"])
    typer.echo(
        f"added {count['added']}, updated {count['updated']}, already known {count['known']}, "
        f"no meeting {no_meeting}, failed {count['failed']}"
    )


@app.command(name="list")
def list_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")] = False,
    limit: Annotated[int, typer.Option(min=1, max=10000, help="At most this many meetings")] = 200,
) -> None:
    """Show the stored meetings, newest first."""
    from rich.console import Console
    from rich.table import Table

    from news.text import shorten
    from store.articles import count_articles
    from store.db import session_scope
    from store.meetings import list_meetings

    engine = _engine(_settings())
    with session_scope(engine) as session:
        rows = list_meetings(session=session, limit=limit)
        articles = count_articles(session)
    if as_json:
        typer.echo(json.dumps({"articles": articles, "meetings": [_meeting_json(m, s) for m, s in rows]},
                              ensure_ascii=False, indent=1))  # fmt: skip
        return
    table = Table(title=f"{articles} articles, {len(rows)} meetings")
    for column in ("id", "date", "kind", "province", "title", "source"):
        table.add_column(column, overflow="fold")
    for meeting, source in rows:
        table.add_row(str(meeting.id), str(meeting.start_date or ""), meeting.kind, meeting.province or "",
                      shorten(meeting.title, 60), source[-40:])  # fmt: skip
    Console().print(table)


def _meeting_json(meeting: Any, source: str) -> dict[str, Any]:
    from news.record import FIELDS

    data: dict[str, Any] = {"id": meeting.id}
    for name in FIELDS:
        value = getattr(meeting, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["participant_provinces"] = meeting.participant_provinces
    data["source"] = source
    return data


def _weights(path: Path | None) -> Weights | None:
    """Fitted weights from a file (`--weights`), or None for the committed ones."""
    from news.choose import read_weights

    try:
        return read_weights(path) if path else None
    except (OSError, ValueError, KeyError) as err:
        raise CliError(f"--weights {path}: {err}") from None


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files, or - for standard input")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON contract")] = False,
    weights: Annotated[
        Path | None, typer.Option("--weights", help="Fitted weights to use instead of news/weights.json")
    ] = None,
) -> None:
    """Extract meeting records from articles without storing anything."""
    from bot.inputs import InputError, read_article
    from news.extract import extract_meetings

    model = _weights(weights)
    max_chars = _settings().max_article_chars
    output: list[dict[str, Any]] = []
    failed = False
    for source in paths:
        try:
            item = read_article(source, max_chars=max_chars)
            meetings = [m.to_json() for m in extract_meetings(item.text, model)]
            output.append({"source": source, "meetings": meetings})
        except InputError as err:
            typer.echo(f"failed: {err}", err=True)
            output.append({"source": source, "meetings": [], "error": str(err)})
            failed = True
    if as_json:
        typer.echo(json.dumps(output, ensure_ascii=False, indent=1))
    else:
        for item_out in output:
            typer.echo(f"{item_out['source']}: {len(item_out['meetings'])} meeting(s)")
            for meeting in item_out["meetings"]:
                typer.echo(f"  {meeting['start_date']} {meeting['title']}")
    if failed:
        raise typer.Exit(1)


@app.command()
def ask(
    query: Annotated[str, typer.Argument(help="A question in Thai, as typed in LINE")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON contract")] = False,
    now: Annotated[str | None, typer.Option(help="Answer as at this ISO date-time (Asia/Bangkok)")] = None,
    page: Annotated[int, typer.Option(min=1, help="Page of results")] = 1,
) -> None:
    """Answer a chat question from the meeting table, as the bot would."""
    from handlers.dispatch import answer_text
    from handlers.replies import meeting_list_text, to_json
    from store.db import session_scope

    settings = _settings()
    moment = _now(now, settings)
    engine = _engine(settings)
    with session_scope(engine) as session:
        reply = answer_text(query, session=session, now=moment, page=page)
    if as_json:
        payload = {
            "query": query,
            "filters": reply.parsed.to_json() if reply.parsed else {},
            "meetings": [_meeting_json(m, s) for m, s in reply.meetings],
            "messages": to_json(reply.messages),
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=1, default=str))
        return
    if reply.meetings:
        typer.echo(
            meeting_list_text(reply.meetings, f"ค้นหา: {reply.parsed.description() if reply.parsed else ''}")
        )
    else:
        for message in to_json(reply.messages):
            typer.echo(message.get("text") or message.get("altText"))


@app.command()
def digest(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Plan only: send nothing, change nothing")
    ] = False,
    now: Annotated[str | None, typer.Option(help="Run as at this ISO date-time (Asia/Bangkok)")] = None,
) -> None:
    """Send the daily digest now (or finish one that was cut off) and print its report as JSON."""
    from bot.digest import run_digest

    _run_daily(run_digest, dry_run=dry_run, now=now)


@app.command()
def remind(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Plan only: send nothing, change nothing")
    ] = False,
    now: Annotated[str | None, typer.Option(help="Run as at this ISO date-time (Asia/Bangkok)")] = None,
) -> None:
    """Send today's reminders of tomorrow's meetings (once a day) and print the report as JSON."""
    from bot.reminders import run_reminders

    _run_daily(run_reminders, dry_run=dry_run, now=now)


def _run_daily(run: Callable[..., Any], *, dry_run: bool, now: str | None) -> None:
    """A digest or reminder run from the command line: its report as JSON, exit 1 when a push failed."""
    from bot.digest import DigestError
    from bot.line import make_sender
    from bot.scheduler import policy_of

    settings = _settings()
    moment = _now(now, settings)
    engine = _engine(settings)
    line = None if dry_run else make_sender(settings)
    try:
        report = run(engine, line, now=moment, dry_run=dry_run, policy=policy_of(settings))
    except DigestError as err:
        raise CliError(str(err)) from None
    finally:
        if line is not None:
            line.close()
    typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    if report.failures:
        raise typer.Exit(1)


sources_app = typer.Typer(help="News feeds and listing pages polled for new articles.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")


@sources_app.command("add")
def sources_add(
    url: Annotated[str, typer.Argument(help="An RSS or Atom feed, or a news listing page (http/https)")],
    name: Annotated[str, typer.Option("--name", help="What admins call it")] = "",
) -> None:
    """Follow a source; it is polled every SOURCE_POLL_MINUTES (or now with `sources check ID`)."""
    from bot.fetch import check_form
    from bot.inputs import InputError
    from news.feeds import canonical_url
    from store.db import session_scope
    from store.sources import add_source

    try:
        check_form(url)
    except InputError as err:
        raise CliError(str(err)) from None
    if len(url) > 2048 or len(name) > 256:
        raise CliError("the address may hold 2048 characters and the name 256")
    engine = _engine(_settings())
    with session_scope(engine) as session:
        source, created = add_source(session, canonical_url(url), name.strip())
    said = "added" if created else "already followed as"
    typer.echo(f"{said} source #{source.id}: {source.url}")


@sources_app.command("list")
def sources_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")] = False,
) -> None:
    """The sources with their health: last check, last new article, failures in a row, articles found."""
    from rich.console import Console
    from rich.table import Table

    from store.db import session_scope
    from store.sources import list_sources

    engine = _engine(_settings())
    with session_scope(engine) as session:
        rows = [_source_json(row) for row in list_sources(session)]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    table = Table(title=f"{len(rows)} sources")
    for column in ("id", "name", "kind", "health", "last check", "last new", "articles", "meetings", "url"):
        table.add_column(column, overflow="fold")
    for row in rows:
        when = _short_time(row["last_checked"]), _short_time(row["last_new_article"])
        cells = [row["id"], row["name"], row["kind"] or "", row["health"], *when, row["articles"],
                 row["meetings"], row["url"]]  # fmt: skip
        table.add_row(*(str(cell) for cell in cells))
    Console().print(table)


def _source_json(row: Any) -> dict[str, Any]:
    source = row.source
    health = "ok" if source.failures_in_row == 0 else f"failing ({source.failures_in_row} in a row)"
    if not source.healthy:
        health = f"unhealthy ({source.failures_in_row} failures in a row)"
    if row.retrying_links or row.dropped_links:
        health += f", links failing: {row.retrying_links} retrying, {row.dropped_links} given up"
    return {
        "id": source.id, "url": source.url, "name": source.name, "kind": source.kind, "health": health,
        "healthy": source.healthy, "failures_in_row": source.failures_in_row, "last_error": source.last_error,
        "last_checked": _iso(source.last_checked), "last_new_article": _iso(source.last_new_article),
        "next_try_at": _iso(source.next_try_at), "articles": row.articles, "meetings": row.meetings,
        "links_retrying": row.retrying_links, "links_given_up": row.dropped_links,
    }  # fmt: skip


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _short_time(value: str | None) -> str:
    return value[:16].replace("T", " ") if value else "never"


@sources_app.command("remove")
def sources_remove(source_id: Annotated[int, typer.Argument(help="The source's id (sources list)")]) -> None:
    """Stop following a source; the articles it brought stay."""
    from store.db import session_scope
    from store.sources import remove_source

    engine = _engine(_settings())
    with session_scope(engine) as session:
        removed = remove_source(session, source_id)
    if removed is None:
        raise CliError(f"no source #{source_id} (see prachum sources list)")
    typer.echo(f"removed source #{source_id}: {removed.url}")


@sources_app.command("check")
def sources_check(
    source_id: Annotated[int | None, typer.Argument(help="Only this source, due or not")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Fetch the sources only: store nothing")] = False,
) -> None:
    """Poll the due sources (or one) now and print the report as JSON."""
    from bot.sources import poll_sources
    from store.db import refresh_statistics, session_scope
    from store.sources import get_source

    settings = _settings()
    engine = _engine(settings)
    if source_id is not None:
        with session_scope(engine) as session:
            if get_source(session, source_id) is None:
                raise CliError(f"no source #{source_id} (see prachum sources list)")
    report = poll_sources(engine, settings, source_id=source_id, dry_run=dry_run)
    if report.added:
        refresh_statistics(engine)
    typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    if any(s.status == "failed" for s in report.sources):
        raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Web processes sharing the port (each with its EVENT_WORKER)")
    ] = 1,
    access_log: Annotated[
        bool, typer.Option(help="Log every request (off: the webhook's 200 costs less)")
    ] = False,
) -> None:
    """Serve the bot: the LINE webhook, the local chat page and the admin API."""
    import uvicorn

    from bot.app import create_app

    settings = _settings()
    _engine(settings)
    typer.echo(f"Prachum is serving on http://{host}:{port}  (chat page: /, health: /healthz)")
    options: dict[str, Any] = {"host": host, "port": port, "log_config": None, "access_log": access_log,
                               "log_level": settings.log_level.lower()}  # fmt: skip
    if workers > 1:  # each process builds its app from the environment, as `uvicorn --factory` does
        uvicorn.run("bot.app:create_supervised_app", factory=True, workers=workers, **options)
    else:
        uvicorn.run(create_app(settings), **options)


@app.command()
def richmenu(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only write richmenu.png and richmenu.json to --out")
    ] = False,
    out: Annotated[Path, typer.Option(help="Folder for --dry-run's files")] = Path(),
) -> None:
    """Draw the six-button rich menu and make it the bot's default on LINE, replacing the one made before."""
    from bot.line import make_line_client
    from bot.richmenu import RichMenuError, publish, write_files
    from handlers.richmenu import rich_menu
    from handlers.richmenu_art import draw_menu

    settings = _settings()
    line = None if dry_run else make_line_client(settings)
    if line is None and not dry_run:
        raise CliError("LINE_CHANNEL_ACCESS_TOKEN is not set: there is no LINE channel to give a menu to")
    menu, image = rich_menu(), draw_menu()
    if line is None:
        try:
            picture, document = write_files(menu, image, out)
        except OSError as err:
            raise CliError(f"--out: cannot write to {out}: {err.strerror or err}") from None
        typer.echo(f"wrote {picture} and {document} (nothing sent to LINE)")
        return
    try:
        published = publish(line, menu, image)
    except RichMenuError as err:
        raise CliError(str(err)) from None
    finally:
        line.close()
    removed = f"; removed the earlier {', '.join(published.removed)}" if published.removed else ""
    typer.echo(f"rich menu {published.menu_id} is now the default{removed}")


@app.command()
def worker(
    concurrency: Annotated[
        int | None, typer.Option(min=1, max=64, help="Events handled at once (default EVENT_CONCURRENCY)")
    ] = None,
    nice: Annotated[
        int, typer.Option(min=0, max=19, help="Lower the worker's priority (beside a web server: 10)")
    ] = 0,
    parent_pid: Annotated[int | None, typer.Option(hidden=True, help="Exit when this process exits")] = None,
) -> None:
    """Answer stored webhook events until SIGTERM; run as many as you like on PostgreSQL (one on SQLite)."""
    from bot.line import make_line_client
    from bot.worker import WorkerRefusedError, run_worker

    settings = _settings()
    engine = _engine(settings)
    line = make_line_client(settings)
    if line is None:
        raise CliError("LINE_CHANNEL_ACCESS_TOKEN is not set: a worker has nowhere to send answers")
    try:
        run_worker(settings, engine, line, concurrency=concurrency or settings.event_concurrency,
                   parent_pid=parent_pid, nice=nice)  # fmt: skip
    except WorkerRefusedError as err:
        raise CliError(str(err)) from None
    finally:
        line.close()
        engine.dispose()


def main() -> None:
    # The store's models look pydantic plugins up among every installed package on first use;
    # the project installs none, and a fresh `prachum ask` would spend the lookup on each question.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except CliError as err:
        print(f"prachum: {err}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
