"""Kinds of meeting and the Thai words that name them."""

from __future__ import annotations

import re

# Most specific first: "ประชุมเชิงปฏิบัติการ" is a workshop, not a meeting.
KIND_WORDS: tuple[tuple[str, str], ...] = (
    (r"(?:ประชุม|อบรม|สัมมนา)\s?เชิง\s?ปฏิบัติการ|เวิร์[กค]\s?ช็อ[ปป]|workshop", "workshop"),
    (r"สัมมนา", "seminar"),
    (r"ประชุม\s?ชี้แจง|ชี้แจง", "briefing"),
    (r"ฝึกอบรม|อบรม|training", "training"),
    (r"ประชุม|meeting", "meeting"),
)
_KIND_PATTERNS = [(re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in KIND_WORDS]
MEETING_NOUN = (
    r"(?:ประชุม\s?(?:เชิง\s?ปฏิบัติการ|สัมมนา|ชี้แจง|ระดมความคิด(?:เห็น)?|คณะกรรมการ|หารือ|ปฏิบัติการ|วิชาการ)?"
    r"|สัมมนา(?:เชิง\s?ปฏิบัติการ|วิชาการ)?|ฝึกอบรม|อบรม(?:เชิง\s?ปฏิบัติการ)?|เสวนา(?:วิชาการ)?"
    r"|เวิร์[กค]\s?ช็อป|workshop)"
)


def kind_of(phrase: str) -> str:
    """The kind a meeting phrase names; "other" when it names none."""
    for pattern, kind in _KIND_PATTERNS:
        if pattern.search(phrase):
            return kind
    return "other"
