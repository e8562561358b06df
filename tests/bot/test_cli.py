"""The `prachum` command line as a user runs it: real processes, real files, real database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from news.choose import WEIGHTS_FILE
from tests.conftest import SAMPLES, SEEDS

PRACHUM = [sys.executable, "-c", "from bot.cli import main; main()"]


def run(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(env or {})
    return subprocess.run(
        [*PRACHUM, *args], capture_output=True, text=True, env=environment, input=stdin, timeout=120
    )


@pytest.fixture
def db(tmp_path: Path) -> dict[str, str]:
    return {"DATABASE_URL": f"sqlite:///{tmp_path}/cli.db"}


def test_add_same_file_twice_stores_one_article(db: dict[str, str]) -> None:
    """Re-adding an article reports it as known and keeps one copy of it and its meeting."""
    seed = str(SAMPLES / "01_chiangmai_seminar.txt")
    first = run("add", seed, env=db)
    second = run("add", seed, env=db)
    assert first.returncode == 0, first.stderr
    assert "added 1" in first.stdout
    assert "already known 1" in second.stdout
    listed = json.loads(run("list", "--json", env=db).stdout)
    assert listed["articles"] == 1
    assert len(listed["meetings"]) == 1


def test_add_folder_reports_each_outcome(db: dict[str, str]) -> None:
    """A folder adds every article; a news item with no meeting is stored and counted as such."""
    result = run("add", str(SAMPLES), env=db)
    assert result.returncode == 0, result.stderr
    assert "added 5" in result.stdout
    assert "no meeting 1" in result.stdout


def test_add_missing_file_is_one_clear_line(db: dict[str, str]) -> None:
    """A missing file names itself, exits non-zero, and shows no traceback."""
    result = run("add", "missing.txt", env=db)
    assert result.returncode != 0
    assert "missing.txt: no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_one_bad_file_does_not_stop_the_others(db: dict[str, str], tmp_path: Path) -> None:
    """Binary junk and empty files are refused by name while good articles are still added."""
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    good = str(SAMPLES / "02_korat_workshop.txt")
    result = run("add", str(tmp_path / "junk.txt"), str(tmp_path / "empty.txt"), good, env=db)
    assert result.returncode == 1
    assert "junk.txt: binary data" in result.stderr
    assert "empty.txt: empty" in result.stderr
    assert "added 1" in result.stdout


def test_add_with_other_weights_extracts_with_them(db: dict[str, str], tmp_path: Path) -> None:
    """`add --weights` stores what those weights find (cross-validation stores unseen text so): weights
    whose event floor no phrase can reach store the article with no meeting; a bad file is one clear line."""
    weights = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    weights["floor"] = {**weights.get("floor", {}), "title": 1.5}
    strict = tmp_path / "strict.json"
    strict.write_text(json.dumps(weights), encoding="utf-8")
    seed = str(SAMPLES / "01_chiangmai_seminar.txt")
    result = run("add", "--weights", str(strict), seed, env=db)
    assert result.returncode == 0, result.stderr
    assert "added 1, updated 0, already known 0, no meeting 1, failed 0" in result.stdout
    broken = run("add", "--weights", str(tmp_path / "none.json"), seed, env=db)
    assert broken.returncode != 0
    assert "--weights" in broken.stderr and "none.json" in broken.stderr
    assert "Traceback" not in broken.stderr


@pytest.mark.parametrize("url", ["mysql://nowhere/db", "postgresql://nobody@127.0.0.1:1/none"])
def test_bad_database_url_is_one_clear_line(url: str) -> None:
    """A wrong DATABASE_URL says so in one line and exits non-zero."""
    result = run("list", env={"DATABASE_URL": url})
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_json_contract_reads_standard_input() -> None:
    """`extract -` reads standard input and prints one object per input with every field."""
    text = (SAMPLES / "04_songkhla_training.txt").read_text(encoding="utf-8")
    result = run("extract", "-", "--json", stdin=text)
    assert result.returncode == 0, result.stderr
    [item] = json.loads(result.stdout)
    assert item["source"] == "-"
    [meeting] = item["meetings"]
    assert meeting["start_date"] == "2024-10-31"
    assert meeting["end_date"] == "2024-11-02"
    assert meeting["province"] == "สงขลา"
    assert set(meeting) >= {"title", "kind", "time", "venue", "chair", "chair_position", "organizer",
                            "attendees", "summary"}  # fmt: skip


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside the project")
def test_ask_json_contract(db: dict[str, str]) -> None:
    """`ask --json` shows the filters it understood, the meetings in order and the LINE messages."""
    assert run("add", str(SEEDS), env=db).returncode == 0
    result = run("ask", "ประชุมที่กาญจนบุรี", "--json", "--now", "2026-11-23T09:00", env=db)
    answer = json.loads(result.stdout)
    assert answer["filters"]["provinces"] == ["กาญจนบุรี"]
    assert [Path(m["source"]).name for m in answer["meetings"]] == ["004_d665a054509bc8c6.txt"]
    assert answer["meetings"][0]["id"] >= 1
    assert answer["messages"][0]["type"] == "flex"


def ask_reporting(report: str, db: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`prachum ask --json` a found question in a fresh process that prints `report` (Python
    expressions, `sys` imported) on stderr as it exits."""
    probe = (
        f"import atexit, sys; atexit.register(lambda: print({report}, file=sys.stderr)); "
        "from bot.cli import main; main()"
    )
    environment = {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, **db}
    result = subprocess.run(
        [sys.executable, "-c", probe, "ask", "--json", "ประชุมที่เชียงใหม่"],
        capture_output=True, text=True, env=environment, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result


def test_a_question_loads_neither_line_bot_sdk_nor_icalendar(db: dict[str, str]) -> None:
    """Cards are LINE's JSON built as plain dicts, their Google Calendar link is a plain URL: answering
    imports neither the SDK's models (most of a second) nor icalendar, which only sending or writing a
    calendar file needs, nor pythainlp's tokenizer for cutting the card's long title (news.wordcut), nor
    the twelve tables and the command handlers a question does not read (store.models)."""
    assert run("add", str(SAMPLES / "01_chiangmai_seminar.txt"), env=db).returncode == 0
    heavy = ("linebot.v3.messaging", "icalendar", "pythainlp.tokenize", "store.models", "handlers.subscribe",
             "handlers.admin", "handlers.reminders")  # fmt: skip
    result = ask_reporting(f"'loaded:', [m for m in {heavy!r} if m in sys.modules]", db)
    [message] = json.loads(result.stdout)["messages"]
    labels = [b["action"]["label"] for b in message["contents"]["contents"][0]["footer"]["contents"]]
    assert labels == ["Google Calendar", "เตือนฉัน"]  # a sample file: no news link; no PUBLIC_BASE_URL: no .ics
    assert result.stderr.strip().splitlines()[-1] == "loaded: []"


def test_a_question_compiles_none_of_the_extractions_big_patterns(db: dict[str, str]) -> None:
    """Honorifics, abbreviations, organisation heads, spoken times and page chrome are the extractor's
    readers: a question found on a card, answered by a fresh process, never compiles them."""
    assert run("add", str(SAMPLES / "01_chiangmai_seminar.txt"), env=db).returncode == 0
    lazy = [("news.people", "PERSON"), ("news.orgs", "ABBREVIATION"), ("news.dates", "SPOKEN_TIME"),
            ("news.clean", "CHROME_LINE")]  # fmt: skip
    result = ask_reporting(
        f"'compiled:', [n for m, n in {lazy!r} if 'compiled' in vars(getattr(sys.modules[m], n))] + "
        "(['org_name'] if 'news.orgs' in sys.modules and sys.modules['news.orgs'].org_name.cache_info()"
        ".currsize else [])",
        db,
    )
    assert json.loads(result.stdout)["meetings"]
    assert result.stderr.strip().splitlines()[-1] == "compiled: []"


def test_ask_bad_now_is_one_clear_line(db: dict[str, str]) -> None:
    """A malformed --now names the option."""
    result = run("ask", "ประชุม", "--now", "yesterday", env=db)
    assert result.returncode != 0
    assert "--now" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_command_has_help() -> None:
    """Each command explains itself with --help."""
    for command in ("migrate", "add", "list", "serve", "extract", "ask"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert "Usage" in result.stdout


def test_remind_dry_run_reports_and_without_line_it_says_what_is_missing(db: dict[str, str]) -> None:
    """`prachum remind` prints the digest's report shape; without a LINE token it names the variable."""
    dry = run("remind", "--dry-run", "--now", "2026-11-30T16:00", env=db)
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert (report["status"], report["dry_run"], report["recipients"], report["meetings"]) == (
        "dry-run",
        True,
        0,
        0,
    )
    assert set(report) == {"run", "status", "dry_run", "subscribers", "recipients", "meetings", "messages",
                           "web_messages", "requests", "failures", "finished_earlier"}  # fmt: skip
    refused = run("remind", env=db)
    assert refused.returncode != 0 and "LINE_CHANNEL_ACCESS_TOKEN is not set" in refused.stderr
    assert "Traceback" not in refused.stderr
