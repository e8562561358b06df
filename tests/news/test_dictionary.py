"""The set-backed dictionary splits Thai exactly as pythainlp's own trie does."""

from __future__ import annotations

from pathlib import Path

import pytest
from pythainlp.tokenize import word_tokenize

from news.dictionary import word_set
from news.text import split_words

SAMPLES = Path(__file__).parents[2] / "samples"
QUESTIONS = [
    "ใครเป็นประธานประชุมชี้แจงวิทยฐานะ", "ประชุมที่กรุงเทพมหานคร", "กศน.จัดอบรมที่หาดใหญ่",
    "นายสมชายเป็นประธานอะไรบ้าง", "ประชุมเรื่องดาราศาสตร์", "สวนพฤกษศาสตร์โรงเรียน", "ข่าวประชุมสพฐ",
    "อบรมเชิงปฏิบัติการ Innovative School 2567", "ผอ.สพป.ลพบุรีเขต1", "ประชุมเมื่อ 31/3/2564 🙏",
]  # fmt: skip


def _pieces() -> list[str]:
    """Every sample article cut into short pieces (what split_words is given: labels and questions)."""
    pieces = list(QUESTIONS)
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pieces.extend(text[i : i + 120] for i in range(0, len(text), 41))
    return pieces


@pytest.mark.parametrize("keep_whitespace", [True, False])
def test_same_words_as_pythainlps_trie(keep_whitespace: bool) -> None:
    pieces = _pieces()
    assert len(pieces) > 70
    expected = [word_tokenize(p, engine="newmm", keep_whitespace=keep_whitespace) for p in pieces]
    assert [split_words(p, keep_whitespace=keep_whitespace) for p in pieces] == expected


def test_prefixes_are_the_words_that_start_there_shortest_first() -> None:
    words = word_set()
    assert words.prefixes("ประชุมที่ตรัง") == ["ปร", "ประ", "ประชุม"]
    assert words.prefixes("xประชุม", 1) == ["ปร", "ประ", "ประชุม"]
    assert words.prefixes("ประชุม", 6) == []
    assert "ประชุม" in words and "ประชุมที่" not in words
