"""Cut points for shortened labels: between words of the dictionary's best reading, never inside one."""

from __future__ import annotations

from itertools import pairwise

import pytest
from pythainlp.corpus.common import thai_words

from news.wordcut import boundaries, words


def pieces(text: str) -> list[str]:
    cuts = [0, *boundaries(text)]
    return [text[a:b] for a, b in pairwise(cuts)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ประชุมเชิงปฏิบัติการพัฒนาครูวิทยาศาสตร์", ["ประชุม", "เชิงปฏิบัติการ", "พัฒนา", "ครู", "วิทยาศาสตร์"]),
        ("ครูสพป.ตรังเขต1", ["ครู", "สพป.", "ตรัง", "เขต", "1"]),  # an abbreviation keeps its dot
        ("ผอ.สพม.ตรัง เป็นประธาน", ["ผอ.สพม.", "ตรัง", " ", "เป็น", "ประธาน"]),
        ("เวลา ๐๙.๓๐ น.", ["เวลา", " ", "๐๙.๓๐", " ", "น."]),  # a clock in Thai digits is one piece
        ("อบรม Innovative School 2567", ["อบรม", " ", "Innovative", " ", "School", " ", "2567"]),
        ("ประชุมกับนายกรรณิการ์", ["ประชุม", "กับ", "นาย", "กรรณิการ์"]),  # the silent mark stays on its letter
    ],
)
def test_words_of_the_best_reading(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


def test_letters_no_word_covers_are_cut_only_where_a_syllable_ends() -> None:
    assert pieces("คุณพรรณวลีย์ขวัญใจ") == ["คุณ", "พรรณ", "วลีย์", "ขวัญใจ"]


def test_the_word_list_is_pythainlps_own() -> None:
    entries, lengths = words()
    assert entries == thai_words()
    assert lengths[0] == 1 and lengths == tuple(sorted(set(lengths)))
