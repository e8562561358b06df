"""Reading kinds, head-counts and the free words of a question.

| typed                                   | filter                                   |
|-----------------------------------------|------------------------------------------|
| ประชุม, งาน, การประชุม, meeting            | nothing: every kind is a meeting         |
| อบรม, ฝึกอบรม, training                   | training and workshops (อบรมเชิงปฏิบัติการ) |
| ประชุม/อบรมเชิงปฏิบัติการ, workshop          | workshop                                 |
| สัมมนา (สัมนา), seminar                    | seminar (and สัมมนาเชิงปฏิบัติการ)          |
| สัมมนาเชิงปฏิบัติการ                        | seminar, narrowed by the word เชิงปฏิบัติการ |
| ประชุมชี้แจง, ชี้แจง                         | briefing                                 |
| เกิน 100 คน, 50-200 คน, ไม่เกิน 30 คน      | head-count                               |
| ใคร ข่าว ไหม ครับ 🙏 ? …                   | nothing: never a search word             |
| anything else                           | free words: narrow when some meeting has them |
"""

from __future__ import annotations

import re

from handlers.reading import Reading
from news.clean import fold
from news.text import split_words

# Typed as people type them: ปฎิบัติ (ฎ for ฏ) and no การ, สัมมณา, สำมะนา, เวิร์คชอป, work shop
PRACTICE_WORD = "เชิงปฏิบัติการ"
_PRACTICE = r"เชิง\s?ป[ฏฎ]ิบัติ(?:\s?การ)?"
_SEMINAR = r"ส[ัำ]ม\s?ม?[ะา]?[นณ]า"
KINDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (rf"{_SEMINAR}\s?{_PRACTICE}", ("seminar",), "สัมมนาเชิงปฏิบัติการ"),
    (rf"(?:ฝึก)?อบรม\s?{_PRACTICE}", ("workshop", "training"), "อบรมเชิงปฏิบัติการ"),
    (rf"(?:ประชุม\s?)?{_PRACTICE}|ประชุม\s?ป[ฏฎ]ิบัติการ|เวิ(?:ร์|ร)?[กค]\s?ช็?อ[ปบพ]|work\s?shop", ("workshop",),
     "ประชุมเชิงปฏิบัติการ"),
    (rf"{_SEMINAR}|seminar", ("seminar",), "สัมมนา"),
    (r"(?:ประชุม\s?)?ชี้แจ[ง้]+|briefing", ("briefing",), "ประชุมชี้แจง"),
    (r"ฝึกอบรม|อบรม|training", ("training", "workshop"), "อบรม"),
)  # fmt: skip
MEETING_WORDS = re.compile(
    r"(?:การ)?(?:ประชุม|ประชุ่ม|ปะชุม|meeting|meetings|งานประชุม|กิจกรรม|"
    r"(?<!สำนัก)(?<!ทำ)(?<!พนัก)(?<!ผล)(?<!ดำเนิน)งาน|event|events)(?:อะไร)?",  # not สำนักงาน, คณะทำงาน, ผลงาน
    re.I,
)
FILLER_WORDS = frozenset(
    """
    ขอ ดู ขอดู ทราบ ขอทราบ ข้อมูล อยาก อยากทราบ อยากรู้ รู้ ได้ อยากได้ ช่วย หา ค้นหา ให้ แสดง บอก หน่อย ด้วย
    ครับ ครับผม คับ ค่ะ คะ ค่า จ้า จ้ะ นะ เลย อะไร บ้าง อะไรบ้าง ไหม มั้ย มั๊ย หรือไม่ หรือเปล่า รึเปล่า เปล่า ป่าว
    ที่ไหน ไหน เมื่อไร เมื่อไหร่ ทั้งหมด รายการ เกี่ยวกับ เรื่อง มี การ มีการ จัด ขึ้น ที่ ใน ของ จาก โดย ช่วง
    เดือน ปี วัน วันที่ ณ จังหวัด จ. และ กับ หรือ ๆ ฯ บ้างไหม please any show list me the a of in at on about
    ไป มา อยู่ คือ เป็น ว่า ก็ แล้ว นี้ นั้น ครั้ง ผม ดิฉัน หนู เรา ท่าน
    ใคร ใครบ้าง เมื่อ ข่าว ข่าวสาร งานไหน ไหนบ้าง ระหว่าง ตั้งแต่ ถึง ช่วงนี้ คน ผู้ ผู้เข้าร่วม เข้าร่วม ร่วม จำนวน
    เป็นประธาน ประธาน เปิด เปิดงาน ทำ หรือยัง ยัง บ้างคะ บ้างครับ ค่ะ นะคะ นะครับ ด้วยครับ ด้วยค่ะ ไหมคะ ไหมครับ
    ขอบคุณ สวัสดี สวัสดีครับ สวัสดีค่ะ หวัดดี เขต ในเขต แถว แถบ ละแวก ต้น ปลาย กลาง ช่วงต้น ช่วงปลาย
    ก่อน หลัง สำนักงาน พิธี ผ่าน ผ่านระบบ น้อง บอท ที่ผ่านมา ผ่านมา
    อีก อื่น ๆ มีไหม มีมั้ย รบกวน สอบถาม ถาม ต้องการ หาข้อมูล ค้น ช่วยหา ช่วยค้น จัดขึ้น จัดที่
    ไม่ ไม่มี เหรอ หรอ ล่ะ จะ ยังไง อย่างไร เคย ตอนไหน ช่วงไหน กี่ แค่ บ้างเหรอ บ้างคับ ครับบ คร้าบ ค่าา น้า นะคับ
    what where when who which is are there any was were do does did i want to find for meeting meetings
    chaired chair held organized organised by has have
    """.split()  # noqa: SIM905  (a word list reads best as words)
)
ATTENDEE_QUERY = re.compile(
    r"(?P<op>เกิน|มากกว่า|กว่า|ไม่ต่ำกว่า|อย่างน้อย|ตั้งแต่|ขึ้นไป|ไม่ถึง|น้อยกว่า|ไม่เกิน|ต่ำกว่า)?\s?"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\s?(?:-|ถึง)\s?(?P<n2>\d{1,3}(?:,\d{3})+|\d+))?\s?(?:คน|ท่าน|ราย)"
    r"(?P<up>\s?ขึ้นไป)?"
)
MAX_ATTENDEES = 1_000_000  # more people than any meeting: a typo or a test, not a filter
SESSION = re.compile(r"ครั้งที่\s?\d{1,3}\s?/\s?(?:25|20)?\d{2}(?!\d)")
# An abbreviation no table knows ("ศอ.บต.") is one word, as the articles' folded text holds it: "ศอบต"
DOTTED = re.compile(r"(?:(?<![ก-๙])|(?<=ของ)|(?<=ที่)|(?<=ใน)|(?<=จาก)|(?<=โดย)|(?<=งาน))(?:[ก-ฮ]{1,4}\.){2,}")
MOU = re.compile(
    r"(?:พิธี\s?)?(?:ลงนาม\s?(?:ใน\s?)?(?:บันทึก\s?)?(?:ข้อตกลง\s?)?(?:ความ\s?)?ร่วมมือ|(?:ลงนาม\s?)?(?:mou|m\.o\.u\.?)"
    r"|บันทึกข้อตกลง(?:\s?ความร่วมมือ)?)",
    re.I,
)
NOT_A_WORD = re.compile(r"[^\u0e01-\u0e4e\u0e50-\u0e59a-zA-Z0-9\s]")  # emoji, symbols, punctuation, ฯ ๆ


def read_counts(r: Reading) -> None:
    for match in list(ATTENDEE_QUERY.finditer(r.text))[:1]:
        r.take(match.start(), match.end(), "counts")
        n = int(match["n"].replace(",", ""))
        n2 = int(match["n2"].replace(",", "")) if match["n2"] else None
        if max(n, n2 or 0) > MAX_ATTENDEES:
            r.notes.append(f"จำนวน {match.group().strip()[:30]} มากเกินกว่าการประชุมใด ๆ จึงไม่ได้ใช้กรอง")
            return
        op = match["op"] or ""
        if n2 is not None:
            r.min_attendees, r.max_attendees = min(n, n2), max(n, n2)
            r.described.append(f"ผู้เข้าร่วม {r.min_attendees:,}–{r.max_attendees:,} คน")
        elif op in ("ไม่ถึง", "น้อยกว่า", "ต่ำกว่า"):
            r.max_attendees = max(0, n - 1)
            r.described.append(f"ผู้เข้าร่วมน้อยกว่า {n:,} คน")
        elif op == "ไม่เกิน":
            r.max_attendees = n
            r.described.append(f"ผู้เข้าร่วมไม่เกิน {n:,} คน")
        elif op in ("เกิน", "มากกว่า", "กว่า"):
            r.min_attendees = n + 1
            r.described.append(f"ผู้เข้าร่วมมากกว่า {n:,} คน")
        else:
            r.min_attendees = n
            r.described.append(f"ผู้เข้าร่วมตั้งแต่ {n:,} คน")


def read_kinds(r: Reading) -> None:
    for pattern, kinds, label in KINDS:
        match = re.search(pattern, r.text, re.IGNORECASE)
        if match:
            r.kinds.extend(kinds)
            r.described.insert(0, label)
            r.take(match.start(), match.end(), "kinds")
            if label == "สัมมนาเชิงปฏิบัติการ":  # a seminar, as the news names it; those that say so first
                r.keywords.append(fold(PRACTICE_WORD))
            r.meeting_word = True
            return


def read_meeting_words(r: Reading) -> None:
    if MEETING_WORDS.search(r.text):
        r.meeting_word = True
        r.text = MEETING_WORDS.sub(" ", r.text)


def read_free_words(r: Reading) -> None:
    """What is left, less filler, emoji and punctuation: each word folded ("O-NET" = "onet"); a
    session number ("ครั้งที่ 2/2567") is one word, as the article's folded text holds it, and so is
    the signing of an agreement, however it is written ("ลงนามความร่วมมือ" = MOU = บันทึกข้อตกลง)."""
    for match in reversed(list(MOU.finditer(r.text))):
        r.take(match.start(), match.end(), "keywords")
    if any(part == "keywords" and MOU.fullmatch(piece) for part, piece in r.taken):
        r.keywords.insert(0, "mou")
    for match in reversed(list(SESSION.finditer(r.text))):
        r.keywords.insert(0, fold(match.group()))
        r.take(match.start(), match.end(), "keywords")
    rest = NOT_A_WORD.sub(" ", DOTTED.sub(lambda m: m.group().replace(".", ""), r.text.replace("-", "")))
    for word in _words(rest):
        key = fold(word)
        if len(key) < 2 or key.isdigit() or word in FILLER_WORDS or key in FILLER_WORDS:
            continue
        if not re.search(r"[ก-๙a-z]", key):
            continue
        if key not in r.keywords:
            r.keywords.append(key)


MAX_NAME_CHARS = 12


def _words(text: str) -> list[str]:
    """Words of what is left; Thai runs are cut by pythainlp's dictionary tokenizer (shipped in its wheel).

    A short run the dictionary does not know, typed on its own ("จำปาทอง"), is most likely a name
    and stays whole: cut into "จำปา" and "ทอง" it would match any text about flowers or gold.
    """
    words: list[str] = []
    for chunk in text.split():
        if re.search(r"[ก-๙]", chunk) and chunk not in FILLER_WORDS:
            tokens = [t for t in _tokenize(chunk) if t.strip()]
            for particle in PARTICLES:  # "ของมขาย" cut as ขอ|งม|ขาย: the particle is a word of its own
                if chunk.startswith(particle) and len(tokens[0]) < len(particle) < len(chunk):
                    tokens = [particle, *(t for t in _tokenize(chunk[len(particle) :]) if t.strip())]
                    break
            core = _core(tokens)
            joined = "".join(core)
            short = 1 < len(core) <= 4 and len(joined) <= MAX_NAME_CHARS
            if short and joined in chunk and not _known(joined):
                words.append(joined)
            else:
                words.extend(tokens)
        else:
            words.append(chunk)
    return words


PARTICLES = ("ของ", "จาก", "โดย")
NAME_ENDS = frozenset({"มา"})  # บุญมา, ทองมา: a filler word that also ends names


def _core(tokens: list[str]) -> list[str]:
    """The tokens from the first to the last that is no filler word, with a name's ending after them."""
    kept = [i for i, t in enumerate(tokens) if t not in FILLER_WORDS]
    if not kept:
        return []
    last = kept[-1] + 1
    if last < len(tokens) and tokens[last] in NAME_ENDS:
        last += 1
    return tokens[kept[0] : last]


def _known(word: str) -> bool:
    from news.wordcut import words

    return word in words()[0]


def _tokenize(text: str) -> list[str]:
    return split_words(text, keep_whitespace=False)
