"""Help examples that work, and "not found" answers that show a way on, on the shipped samples."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from handlers.dispatch import answer_text
from handlers.geography import CENTROIDS, nearest
from handlers.help import HELP
from handlers.replies import EXAMPLES, to_json
from news.extract import extract_meetings
from news.places import provinces
from store.articles import add_article
from store.db import make_engine, session_scope
from store.migrate import upgrade
from tests.conftest import SAMPLES
from tests.helpers import said

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Asia/Bangkok"))
SAMPLES_MONTH = datetime(2025, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Bangkok"))  # a month the samples have
CHAT_PAGE = Path(__file__).resolve().parents[2] / "bot" / "static" / "chat.html"


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('samples')}/prachum.db")
    upgrade(engine)
    with session_scope(engine) as session:
        for path in sorted(SAMPLES.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            add_article(session, source=path.name, raw_text=text, records=extract_meetings(text))
    yield engine
    engine.dispose()


def ask(engine: Engine, text: str, now: datetime = NOW) -> tuple[list[str], dict[str, Any]]:
    with session_scope(engine) as session:
        reply = answer_text(text, session=session, now=now)
    return [source for _, source in reply.meetings], to_json(reply.messages)[0]


def help_examples() -> list[str]:
    lines = [line.removeprefix("• ") for line in HELP.splitlines() if line.startswith("• ")]
    return [part.strip() for line in lines for part in line.split(" / ")]


def placeholder() -> str:
    match = re.search(r'id="text"[^>]*placeholder="เช่น ([^"]+)"', CHAT_PAGE.read_text(encoding="utf-8"))
    assert match is not None
    return match.group(1)


def test_help_lists_six_examples() -> None:
    assert len(help_examples()) == 6


@pytest.mark.parametrize("question", [*help_examples(), *EXAMPLES, placeholder()])
def test_every_example_finds_a_sample_meeting(samples: Engine, question: str) -> None:
    """What the help text, the quick replies and the chat page suggest must find something on samples/."""
    sources, _ = ask(samples, question, now=SAMPLES_MONTH)
    assert sources, question


def test_not_found_names_the_month_searched(samples: Engine) -> None:
    sources, message = ask(samples, "ประชุมเดือนหน้า")
    assert sources == []
    assert "ธันวาคม 2569" in said(message)
    assert "ช่วงวันที่ค้น: 1–31 ธันวาคม 2569" in said(message)


def test_not_found_offers_neighbours_by_distance_with_meetings_only(samples: Engine) -> None:
    """สมุทรสาคร has none: Bangkok next door comes first; provinces without meetings are not offered."""
    sources, message = ask(samples, "ประชุมที่สมุทรสาคร")
    assert sources == []
    line = next(line for line in said(message).splitlines() if line.startswith("จังหวัดใกล้เคียง"))
    assert line == "จังหวัดใกล้เคียงที่มีข้อมูลการประชุม: กรุงเทพมหานคร, นครราชสีมา, เชียงใหม่"
    buttons = [(item["action"]["label"], item["action"]["text"]) for item in message["quickReply"]["items"]]
    assert buttons[:3] == [
        ("กรุงเทพมหานคร", "ประชุมที่กรุงเทพมหานคร"),  # "ประชุมที่กรุงเทพมหานคร" is past LINE's 20 letters
        ("ประชุมที่นครราชสีมา", "ประชุมที่นครราชสีมา"),
        ("ประชุมที่เชียงใหม่", "ประชุมที่เชียงใหม่"),
    ]


def test_not_found_never_suggests_the_question_that_failed(samples: Engine) -> None:
    question = "สัมมนา มี.ค. 67"
    _, message = ask(samples, question)
    suggested = [item["action"].get("text") for item in message["quickReply"]["items"]]
    assert question not in suggested
    assert f"“{question}”" not in said(message).split("\n", 1)[1]


def test_not_found_offers_one_relaxed_search_that_finds(samples: Engine) -> None:
    """A seminar in เชียงใหม่ in 2566 is not there; the same without the year is, and is offered."""
    _, message = ask(samples, "สัมมนาที่เชียงใหม่ปี 2566")
    assert "ถ้าค้น “สัมมนาที่เชียงใหม่” จะพบ 1 รายการ (พ.ศ. 2568)" in said(message)
    offered = [item["action"].get("text") for item in message["quickReply"]["items"]]
    assert "สัมมนาที่เชียงใหม่" in offered
    sources, _ = ask(samples, "สัมมนาที่เชียงใหม่")
    assert sources == ["01_chiangmai_seminar.txt"]


@pytest.mark.parametrize(
    "question",
    [
        "ประชุมเกิน 9223372036854775807 คน",
        "ประชุม 99999999999999999999 คน",
        "ประชุมปี 99999999",
        "ประชุม 45/13/2567",
    ],
)
def test_numbers_out_of_range_are_no_filter_and_said_so(samples: Engine, question: str) -> None:
    sources, message = ask(samples, question)
    assert len(sources) == 4  # every sample meeting: the number filtered nothing
    assert "ไม่" in (message.get("altText") or message.get("text") or "")


def test_free_words_no_meeting_has_are_set_aside_and_named(samples: Engine) -> None:
    sources, message = ask(samples, "สัมมนาเรื่องดาราศาสตร์")
    assert sources == ["01_chiangmai_seminar.txt"]
    assert "ไม่พบคำว่า “ดาราศาสตร์” ในการประชุมใด" in message["altText"]


def test_every_province_has_a_centroid_and_neighbours_are_close() -> None:
    assert set(CENTROIDS) == set(provinces())
    assert nearest("สมุทรสาคร", CENTROIDS, limit=2) == ["สมุทรสงคราม", "กรุงเทพมหานคร"]
    assert nearest("ยะลา", CENTROIDS, limit=2) == ["ปัตตานี", "นราธิวาส"]
    assert nearest("ไม่มีจังหวัดนี้", CENTROIDS) == []
