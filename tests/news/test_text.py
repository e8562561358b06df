"""Shortened Thai text ends at a whole word, never inside a syllable."""

from __future__ import annotations

import pytest

from news.text import shorten


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("ประชุมผู้บริหาร", 40, "ประชุมผู้บริหาร"),
        ("ประชุมเชิงปฏิบัติการพัฒนาครูวิทยาศาสตร์", 10, "ประชุม…"),
        ("ประชุมเชิงปฏิบัติการพัฒนาครูวิทยาศาสตร์", 24, "ประชุมเชิงปฏิบัติการ…"),
        ("อบรมครูแกนนำ วิทยาการคำนวณ ภาคใต้", 30, "อบรมครูแกนนำ วิทยาการคำนวณ…"),
        ("สัมมนาผู้บริหาร", 1, "…"),
    ],
)
def test_shorten_keeps_whole_words(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit
