"""Turn a pasted or scraped article into plain, normalised Thai text.

Real pages carry share buttons, view counters, bylines, "อ่านต่อ" links, zero-width characters,
Thai digits and, often, the next article pasted after this one. Extraction only sees what survives.
"""

from __future__ import annotations

import re
import unicodedata

from news.dates import arabic_digits, find_dates
from news.patterns import Lazy

INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# A line that is exactly one of these is page chrome, not article text.
CHROME_LINE = Lazy(
    r"^(?:image|img|photo|ภาพ|รูปภาพ|ช่วยแชร์|แชร์|share|tweet|print|พิมพ์|administrator|admin|"
    r"อ่านต่อ|อ่านเพิ่มเติม|ดูทั้งหมด|ดูภาพทั้งหมด|คลิก|คลิกที่นี่|facebook|twitter|line|"
    r"หน้าแรก|home|เมนู|menu|ค้นหา|search|ข้ามไปยังเนื้อหา|ข้ามไปยังทูลบาร์|top|กลับด้านบน|"
    r"\W*|\d+|[\d,.]+\s*(?:views?|ครั้ง|วิว)|(?:source|ที่มา|url)\s*:?\s*https?://\S+|https?://\S+)$",
    re.IGNORECASE,
)
POSTED = Lazy(r"(?:โพสต์|เผยแพร่|อัปเดต|อัพเดต|ปรับปรุง)(?:เมื่อ|ล่าสุด)?\s*[:：]?\s*\S.{0,40}$")
CHROME_PATTERNS = [
    Lazy(r"(?:เข้าชม|อ่าน|ผู้เข้าชม|views?|จำนวนผู้อ่าน)\s*[:：]?\s*[\d,]+\s*(?:ครั้ง|คน|views?)?", re.I),
    POSTED,
    Lazy(r"\s*ดูภาพทั้งหมด\s*$"),
    Lazy(r"\s*อ่านต่อ(?:ที่)?\s*(?:\.{2,}|…)?\s*$"),
]
# Where the article ends and the site's other material (or a second article) begins.
END_MARKERS = Lazy(
    r"^(?:related articles?|ข่าวที่เกี่ยวข้อง|ข่าวอื่น ?ๆ|ข่าวล่าสุด|บทความที่เกี่ยวข้อง|บทความล่าสุด|"
    r"ข่าวถัดไป|ข่าวก่อนหน้า|ข่าวยอดนิยม|เรื่องที่เกี่ยวข้อง|อ่านข่าวอื่น|แท็ก|tags?\s*:|"
    r"ความคิดเห็น|แสดงความคิดเห็น|comments?|previous post|next post|"
    r"ภารกิจ\s*ผู้บริหาร|ข่าว\s*\S+\.?\s*ดูทั้งหมด)",
    re.IGNORECASE,
)
# Emoji that decorate a post ("✨✨ โรงเรียน… ✨✨", "📣", "🙏"); 📍 and 📅/📆/🗓 stay: they say where and when.
DECORATION = Lazy(
    "[\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f000-\U0001f4c4\U0001f4c7-\U0001f4cc"
    "\U0001f4ce-\U0001f5d2\U0001f5d4-\U0001faff]+"
)
BYLINE = Lazy(
    r"^(?:ข่าว|ภาพ|ภาพ\s*/\s*ข่าว|ข่าว\s*/\s*ภาพ|ภาพและข่าว|ที่มา|แหล่งข่าว|เรียบเรียง|ผู้เขียน|"
    r"by|written by|credit)\s*[:：]?\s*\S.{0,60}$",
    re.IGNORECASE,
)


def normalize(text: str) -> str:
    """NFC, no invisible characters, Arabic digits, single spaces, one blank line at most."""
    text = unicodedata.normalize("NFC", text)
    text = arabic_digits(INVISIBLE.sub("", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("ํา", "ำ")  # sara am typed as nikhahit + sara aa
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


def clean_article(text: str) -> str:
    """The article's own text: chrome and bylines dropped, pasted follow-on material cut off."""
    kept: list[str] = []
    seen: set[str] = set()
    for line in normalize(text).split("\n"):
        if END_MARKERS.match(line) and kept:
            break
        line = SPACES.sub(" ", DECORATION.sub(" ", line)).strip() if DECORATION.search(line) else line
        for pattern in CHROME_PATTERNS:
            line = pattern.sub("", line).strip()
        if not line or CHROME_LINE.match(line):
            continue
        if BYLINE.match(line) and len(line) < 60 and kept:
            continue
        key = re.sub(r"\s+", "", line)
        if key in seen:
            continue
        seen.add(key)
        kept.append(line)
    return "\n".join(kept)


def posted_year(text: str) -> int | None:
    """The year of the page's "โพสต์เมื่อ …" stamp, which cleaning drops: "เมื่อวันที่ 4 มีนาคม ที่ผ่านมา" is in it."""
    for line in normalize(text).split("\n"):
        stamp = POSTED.search(line)
        dated = find_dates(stamp.group()) if stamp else []
        if dated and dated[0].has_year:
            return dated[0].start.year
    return None


def fold(text: str) -> str:
    """A search key: lower case, no spaces or punctuation that people type inconsistently."""
    text = normalize(text).lower()
    return re.sub(r"[\s\"'“”‘’().,:;!?\-–—/]+", "", text)
