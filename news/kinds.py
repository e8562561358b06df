"""Kinds of education event: the one vocabulary of codes, Thai labels and the words that name them."""

from __future__ import annotations

import re

KINDS = ("workshop", "seminar", "training", "briefing", "meeting", "other")
# How the bot names each kind to an official (cards, filters, digests).
KIND_LABELS: dict[str, str] = {
    "workshop": "ประชุมเชิงปฏิบัติการ",
    "seminar": "สัมมนา",
    "training": "อบรม",
    "briefing": "ประชุมชี้แจง",
    "meeting": "ประชุม",
    "other": "กิจกรรม",
}
# The noun a summary uses for "held a …".
KIND_NOUNS: dict[str, str] = {
    "workshop": "การประชุมเชิงปฏิบัติการ",
    "seminar": "การสัมมนา",
    "training": "การอบรม",
    "briefing": "การประชุมชี้แจง",
    "meeting": "การประชุม",
    "other": "กิจกรรม",
}

# Most specific first. A workshop is a ประชุม held as practice; อบรม and สัมมนา keep their own kind
# even when they are เชิงปฏิบัติการ ("อบรมเชิงปฏิบัติการ" is training).
KIND_WORDS: tuple[tuple[str, str], ...] = (
    (r"(?:ประชุม\s?)?สัมมนา|seminar", "seminar"),
    (r"(?:ประชุม\s?)?(?:ฝึก)?อบรม|พัฒนาบุคลากร|training|course", "training"),
    (r"ประชุม\s?(?:เชิง\s?)?ปฏิบัติการ|เวิร์[กค]\s?ช็อ[ปบ]|workshop", "workshop"),
    (r"ประชุม\s?(?:ทางไกล\S*\s?(?:เพื่อ)?)?ชี้แจง|^ชี้แจง", "briefing"),
    (r"ประชุม|meeting|summit|conference|symposium", "meeting"),
)
_KIND_PATTERNS = [(re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in KIND_WORDS]

MEETING_NOUN = (
    r"(?:ประชุม\s?(?:เชิง\s?ปฏิบัติการ|สัมมนา|ชี้แจง|ระดมความคิด(?:เห็น)?|คณะกรรมการ|หารือ|ปฏิบัติการ|วิชาการ)?"
    r"|สัมมนา(?:เชิง\s?ปฏิบัติการ|วิชาการ)?|ฝึกอบรม|อบรม(?:เชิง\s?ปฏิบัติการ)?|เสวนา(?:วิชาการ)?"
    r"|เวิร์[กค]\s?ช็อป|workshop|(?:Workshop|WORKSHOP)(?=\s?[ก-๙\"“]))"  # "จัด Workshop การ…" in Thai text
)
# Events that are not meetings by name but are labelled as the article's event when they are its subject.
OTHER_EVENT_NOUN = (
    r"(?:ลงนาม\s?(?:บันทึก)?\s?(?:ข้อตกลง|ความร่วมมือ|ความเข้าใจ|MOU)|พิธีลงนาม|แถลงข่าว|แถลงผลงาน|"
    r"รับฟังความคิดเห็น|เวทีเสวนา|เวที|งาน(?:วัน|มหกรรม|สัปดาห์))"
)


def kind_of(phrase: str) -> str:
    """The kind named by the phrase's leading noun ("ประชุมผู้บริหาร … อบรม" is a meeting); "other" if none."""
    best: tuple[int, int, str] | None = None
    for order, (pattern, kind) in enumerate(_KIND_PATTERNS):
        match = pattern.search(phrase)
        if match and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, kind)
    return best[2] if best else "other"
