"""Reading positions, bodies and people out of a question.

| typed                               | filter                                         |
|-------------------------------------|------------------------------------------------|
| รมว.ศธ. / รัฐมนตรีว่าการกระทรวงศึกษาธิการ | position: the chair's position starts with it  |
| รัฐมนตรี                             | position: รัฐมนตรีว่าการ… or รัฐมนตรีช่วยว่าการ…   |
| องคมนตรี, ศึกษาธิการภาค, อธิการบดี        | position                                       |
| เลขาธิการ กพฐ., ผอ.สพป.ชลบุรี เขต 1     | position, its body written out                 |
| ศึกษาธิการจังหวัดลพบุรี, ผู้ว่าฯ เชียงราย   | position with its province                     |
| สพฐ, สพฐ., กศน., ก.ค.ศ., อาชีวะ, ม.ราชภัฏ | body: organiser, chair's position or the text  |
| ศธจ.ลพบุรี, สพป.ชลบุรี เขต1              | body of a province (and area)                  |
| นายสมชาย, สมชายเป็นประธาน               | person named in the meeting                    |

A position is compared as the start of the stored one, both folded by `store.search.chair_key`,
so "รมว.ศธ." finds the minister but not "เลขานุการรัฐมนตรีว่าการ…" (the minister's secretary).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from handlers.reading import Reading
from news.clean import fold
from news.gazetteer import expand as gazetteer_expand
from news.gazetteer import university_forms
from news.orgs import ABBREVIATIONS, AREA_OFFICES, area_pattern, dotted, expand
from news.people import HONORIFIC
from news.places import canonical_province, find_provinces
from store.search import chair_key

# Bodies typed as people type them, beyond news.orgs' abbreviations: what to look for (folded).
# One function (`body_names`) reads this table; other abbreviations are written out by news.gazetteer.
VOCATIONAL = ("อาชีว", "วิทยาลัยเทคนิค", "วิทยาลัยการอาชีพ", "วิทยาลัยสารพัดช่าง", "วิทยาลัยเกษตรและเทคโนโลยี")
# กศน. and the กรมส่งเสริมการเรียนรู้ (สกร.) it became under the 2566 act: either name finds both
LEARNING = ("กศน", "สำนักงานส่งเสริมการเรียนรู้", "การศึกษานอกระบบ", "ศูนย์ส่งเสริมการเรียนรู้", "สกร",
            "กรมส่งเสริมการเรียนรู้")  # fmt: skip
EXTRA_BODIES: dict[str, tuple[str, ...]] = {
    # วิทยาลัยเทคนิค, การอาชีพ, สารพัดช่าง, เกษตรและเทคโนโลยี: the colleges of สอศ., rarely called อาชีว… in news
    "อาชีวะ": VOCATIONAL, "อาชีวศึกษา": VOCATIONAL,
    "ราชภัฏ": ("ราชภัฏ", "ราชภัฎ", "rajabhat"), "มรภ": ("ราชภัฏ", "ราชภัฎ", "rajabhat"),  # ฎ: a common slip
    "กช": ("คณะกรรมการส่งเสริมการศึกษาเอกชน", "กช"),
    "กคศ": ("กคศ", "คณะกรรมการข้าราชการครูและบุคลากรทางการศึกษา"),
    # ศูนย์ส่งเสริมการเรียนรู้อำเภอX and สกร.: กศน.อำเภอX under the names of the 2566 act
    "กศน": LEARNING, "สกร": LEARNING, "กรมส่งเสริมการเรียนรู้": LEARNING,
    "สพฐ": ("สพฐ", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"),
}  # fmt: skip
BODY_WORDS = re.compile(r"(?:ม\.|มหาวิทยาลัย)?\s?ราชภั[ฏฎ]|อาชีวศึกษา|อาชีวะ|มรภ\.?")
POSITION_HEADS = (
    r"รองเลขาธิการ|เลขาธิการ|รอง\s?ผู้อำนวยการ|รอง\s?ผอ\.|ผู้อำนวยการ|ผอ\.|"
    r"รัฐมนตรีว่าการ|รัฐมนตรีช่วยว่าการ|รัฐมนตรีช่วย|รมว\.?|รมช\.?|รัฐมนตรี|"
    r"ปลัดกระทรวงศึกษาธิการ|ปลัดกระทรวง|รองปลัดกระทรวง|รองปลัด|ปลัด|องคมนตรี|ศึกษาธิการภาค|ศึกษาธิการจังหวัด|"
    r"เลขา(?!ธิการ|นุการ)|รมต\.?|"
    r"รองผู้ว่าราชการจังหวัด|รองผู้ว่าฯ|รองผู้ว่า|ผู้ว่าราชการจังหวัด|ผู้ว่าฯ|ผู้ว่า|ผวจ\.|"
    r"นายกรัฐมนตรี|นายกฯ|อธิการบดี|นายกเทศมนตรี"
)
_BODY_TAIL = (
    r"(?:\s?(?P<body>กระทรวง(?:ศึกษาธิการ|มหาดไทย|การอุดมศึกษา)|"
    # an abbreviation's letters never end before a vowel: "สพป.ตราด" is สพป. + ตราด, not สพป.ตร + าด
    r"(?:[ก-ฮ]\.?){2,5}(?![ะ-ฺ็-๎])(?:\s?[ก-๙]{3,}(?:\s?เขต\s?\d{1,2})?)?|(?:ภาค)?\s?\d{1,2}|[ก-๙]{3,}))?"
)
# "ที่ปรึกษารัฐมนตรี…" is the minister's adviser, not the minister: the prefix is part of the position.
POSITION = re.compile(rf"(?P<head>(?:รอง\s?|ที่ปรึกษา\s?|ผู้ช่วย\s?|เลขานุการ\s?)?(?:{POSITION_HEADS})){_BODY_TAIL}")
# A body written out after a position ("ผู้อำนวยการวิทยาลัยเทคนิค…", "นายกเทศมนตรีนครแม่สอด").
INSTITUTION = re.compile(
    r"สำนักงาน|สถาบัน|วิทยาลัย|มหาวิทยาลัย|โรงเรียน|ศูนย์|กรม|เทศบาล|นคร|เมือง|องค์การ|คณะ|สภา|สมาคม|มูลนิธิ"
)
STOP = re.compile(
    r"เป็นประธาน|ประธาน|เป็น|เปิด|มี|ประชุม|สัมมนา|อบรม|(?<!สำนัก)งาน|อะไร|ไหน|บ้าง|(?<!พื้น)ที่|ใน|ครับ|ค่ะ|ปี"
)
PERSON_QUERY = re.compile(rf"(?:{HONORIFIC})\s?(?P<name>[ก-๙]{{2,}}(?:\s[ก-๙]{{2,}})?)")
CHAIR_QUERY = re.compile(r"(?P<name>[ก-๙]{2,}(?:\s[ก-๙]{2,})?)\s?(?:เป็นประธาน|ประธาน)")
NAME_END = re.compile(
    r"เป็นประธาน|ประธาน|เป็น|อะไร|บ้าง|ไหม|มั้ย|ครับ|ค่ะ|เข้าร่วม|ร่วม|จัด|ที่ไหน|ประชุม|สัมมนา|อบรม|ขอบคุณ|"
    r"(?:คะ|คับ|นะ|จ้า|จ้ะ)(?![ก-๙])|"
    # "สมชายไปประชุม", "สมชายเปิดงาน": a verb between the name and the meeting word; มา only apart from
    # the name, as many names end with it (บุญมา, ทองมา, แก้วมา)
    r"(?:ไป|(?<=\s)มา|ได้|จะ|เคย|เปิด|กล่าว|บรรยาย)(?=ประชุม|ร่วม|เป็น|เปิด|งาน|การ|ที่|ไหน|อบรม|สัมมนา|บรรยาย|พูด)"
)
LEADING_MEETING = re.compile(r"^(?:การ)?(?:ประชุม|งาน|สัมมนา|อบรม)(?:ที่|ซึ่ง)\s?")
CHAIRED = re.compile(r"ประธาน|เปิด")
# Words of a request, never of a name: "ช่วยหาให้หน่อย สมชายเป็นประธาน" names สมชาย
REQUEST = re.compile(r"ช่วย|หน่อย|ขอ|อยาก|ทราบ|สอบถาม|รบกวน|ครับ|ค่ะ|คะ|ว่า$")
NOT_NAMES = frozenset({"ใคร", "ท่านใด", "ผู้ใด", "คนไหน", "ใครบ้าง", "ผู้ใดบ้าง", "ท่านไหน"})


def read_people(r: Reading, filler: frozenset[str]) -> None:
    coded = {_area_by_code(m): fold(m.group()) for m in AREA_CODE.finditer(r.text)}
    r.text = AREA_CODE.sub(_area_by_code, r.text)
    for written, abbreviation in OFFICES_WRITTEN_OUT:
        r.text = written.sub(abbreviation, r.text)
    _positions(r)
    _bodies(r, coded)
    _person(r, filler)


# The same posts as English-language releases name them (folded), for a position asked with no more after it.
ENGLISH_POSITIONS = {
    "รัฐมนตรีว่าการกระทรวงศึกษาธิการ": "ministerofeducation",
    "รัฐมนตรีช่วยว่าการกระทรวงศึกษาธิการ": "deputyministerofeducation",
    "ปลัดกระทรวงศึกษาธิการ": "permanentsecretary",
    "ผู้ว่าราชการจังหวัด": "governor",
    "รองผู้ว่าราชการจังหวัด": "deputygovernor",
}  # fmt: skip


# "ผอ.เขตลำปาง 2": the head of an area office, primary (สพป.) or secondary (สพม.), as officials call it
AREA_HEAD = re.compile(
    r"(?<!รอง)(?<!รอง\s)(?:ผอ\.?|ผู้อำนวยการ)\s?เขต(?:พื้นที่(?:การศึกษา)?)?\s?(?P<place>[ก-๙]{3,}?)"
    r"(?:\s?เขต)?\s?(?P<n>\d{1,2})?(?![\d])(?=\s|เป็น|ประธาน|เปิด|มี|จัด|ไป|$|[^ก-๙])"
)


# "ผอ.เขตเป็นประธานอะไรบ้าง": the head of any area office
ANY_AREA_HEAD = re.compile(
    r"(?<!รอง)(?<!รอง\s)(?:ผอ\.?|ผู้อำนวยการ)\s?เขต(?:พื้นที่(?:การศึกษา)?)?"
    r"(?=\s|เป็น|ประธาน|เปิด|มี|จัด|ไป|ประชุม|สัมมนา|อบรม|$|[^ก-๙])"
)


def _area_head(r: Reading) -> None:
    """The area office head by province (and number): either office of the province, as the question
    does not say which; with no province, the head of any area office."""
    for match in AREA_HEAD.finditer(r.text):
        province = canonical_province(match["place"])
        if province is not None:
            number = f" เขต {match['n']}" if match["n"] else ""
            _area_heads(r, match, (f"ผอ.{office}{province}{number}" for office in ("สพป.", "สพม.")))
            return
    alone = ANY_AREA_HEAD.search(r.text)
    if alone:
        _area_heads(r, alone, ("ผอ.สพป.", "ผอ.สพม."))


def _area_heads(r: Reading, match: re.Match[str], positions: Iterable[str]) -> None:
    keys = [k for position in positions for k in position_keys(chair_key(position))]
    r.positions.append(tuple(dict.fromkeys(keys)))
    r.described.append(f"ตำแหน่ง “{match.group().strip()}”")
    r.take(match.start(), match.end(), "positions")
    r.meeting_word = True


def _positions(r: Reading) -> None:
    _area_head(r)
    for match in list(POSITION.finditer(r.text))[:2]:
        before = r.text[: match.start()]
        if before.endswith(("สำนักงาน", "คณะกรรมการ")):
            continue  # "สำนักงานศึกษาธิการภาค 2", "คณะกรรมการศึกษาธิการจังหวัด": a body, not its head
        if before.endswith("ประชุม") and not CHAIRED.search(r.text):
            continue  # "ประชุมผู้อำนวยการสถานศึกษา" is a meeting of directors, not one they chaired
        head = match["head"]
        raw, at = match["body"] or "", match.start("body")
        if head.endswith(PROVINCE_HEADS):  # a province's name, whatever letters it starts with (สกลนคร)
            run = re.match(r"\s?([ก-๙]+)", r.text[match.end("head") :])
            raw, at = (run[1], match.end("head") + run.start(1)) if run else ("", at)
        written = re.split(STOP, raw)[0].rstrip()
        body = _body_part(head, written)
        if head in ("รัฐมนตรี", "รมต.", "รมต"):  # either minister of the ministry named, if any
            ministry = chair_key(f"ปลัด {body}").removeprefix("ปลัด") if body else ""
            keys: tuple[str, ...] = (f"รัฐมนตรีว่าการ{ministry}", f"รัฐมนตรีช่วยว่าการ{ministry}")
        else:
            key = chair_key(f"{HEAD_FORMS.get(head, head)} {body}".strip())
            keys = position_keys(key.replace("กระทรวงกระทรวง", "กระทรวง"))  # "ปลัด ศธ." is ปลัดกระทรวง…
        end = at + (len(body) if written.startswith(body) else len(written)) if body else match.end("head")
        shown = r.text[match.start() : end].strip()
        r.positions.append(keys)
        r.described.append(f"ตำแหน่ง “{shown}”")
        r.take(match.start(), end, "positions")
        r.meeting_word = True


HEAD_FORMS = {"เลขา": "เลขาธิการ", "ปลัด": "ปลัดกระทรวง", "รองปลัด": "รองปลัดกระทรวง"}  # as typed in chat


def position_keys(key: str) -> tuple[str, ...]:
    """A position's key and the ways news also writes it: without "สำนักงาน" after the post
    ("เลขาธิการ สช." is "เลขาธิการคณะกรรมการส่งเสริม…", "เลขาธิการ สกศ." is "เลขาธิการสภาการศึกษา"),
    with "คณะกรรมการการ" as "คณะกรรมการ", and in English."""
    keys = [key]
    plain = re.sub(r"^((?:รอง)?(?:เลขาธิการ|ผู้อำนวยการ))สำนักงาน(?:เลขาธิการ)?", r"\1", key)
    keys += [plain, plain.replace("คณะกรรมการการ", "คณะกรรมการ")]
    if key in ENGLISH_POSITIONS:
        keys.append(ENGLISH_POSITIONS[key])
    return tuple(dict.fromkeys(keys))


PROVINCE_HEADS = ("จังหวัด", "ผู้ว่าฯ", "ผู้ว่า", "ผวจ.", "ผวจ")


def _body_part(head: str, tail: str) -> str:
    """The part after a position word that names its body, or "" when it names none."""
    tail = re.split(STOP, tail)[0].strip() if tail else ""
    if not tail:
        return ""
    if head.endswith(PROVINCE_HEADS):
        return canonical_province(tail) or ""
    if tail == "ศึกษาธิการ" and re.match(r"รัฐมนตรี|รม[วชต]|ปลัด|รองปลัด", head):
        return "กระทรวงศึกษาธิการ"  # "รัฐมนตรีศึกษาธิการ", as people say it
    if tail.startswith("กระทรวง") or re.fullmatch(r"(?:ภาค)?\s?\d{1,2}", tail) or INSTITUTION.match(tail):
        return tail
    if re.match(r"(?:[ก-ฮ]\.?){2,5}", tail) and (expand(tail) != tail or "." in tail or _known(tail)):
        return _abbreviation_only(tail)
    return ""


def _abbreviation_only(tail: str) -> str:
    """A body's abbreviation and, for an area or provincial office only, its province and area:
    "กพฐ. หน่อย" is กพฐ., "สพป. ลำปาง เขต 1" stays whole."""
    if any(re.match(dotted(office), tail) for office in (*AREA_OFFICES, "กศน")):
        return tail
    match = re.match(r"(?:[ก-ฮ]\.?){2,5}(?![ะ-ฺ็-๎])\.?", tail)
    return match.group() if match else tail


def _known(abbreviation: str) -> bool:
    key = abbreviation.replace(".", "").split()[0]
    return key in ABBREVIATIONS or key in AREA_OFFICES or key in EXTRA_BODIES


def body_names(abbreviation_or_name: str) -> tuple[str, ...]:
    """What to look for (folded) when a question names a body: its full name, how it is abbreviated, and
    the name without "สำนักงาน" (its head's post: "เลขาธิการคณะกรรมการการอาชีวศึกษา" for สอศ.)."""
    key = abbreviation_or_name.replace(".", "").replace(" ", "")
    if key in EXTRA_BODIES:
        return EXTRA_BODIES[key]
    full = gazetteer_expand(key) or ABBREVIATIONS.get(key)
    if not full:
        return (fold(abbreviation_or_name),)
    board = full.removeprefix("สำนักงาน")
    forms = (full, key) if board == full else (full, key, board, board.replace("คณะกรรมการการ", "คณะกรรมการ"))
    return tuple(dict.fromkeys(fold(form) for form in forms))


@cache
def _university_abbreviations() -> dict[str, str]:
    """Universities' abbreviations ("มข.", "ม.อ.", "มศว") without dots, to the university's name."""
    from news.gazetteer_data import universities

    short = re.compile(r"(?:[ก-ฮ]\.?){2,4}")
    return {
        alias.replace(".", ""): place.name
        for place in universities()
        for alias in place.aliases
        if short.fullmatch(alias)
    }


@cache
def _universities() -> re.Pattern[str]:
    names = sorted(_university_abbreviations(), key=len, reverse=True)
    letters = "|".join(r"\.?".join(re.escape(ch) for ch in name) for name in names)
    # standing alone, glued to the word before but ending with its dot ("งานของมข."), or after ของ/จาก/โดย
    return re.compile(
        rf"(?<![ก-๙])(?P<abbr>(?:{letters})\.?)(?![ก-๙])|(?P<closed>(?:{letters})\.)(?![ก-๙])|"
        rf"(?:(?<=ของ)|(?<=จาก)|(?<=โดย))(?P<after>{letters})(?![ก-๙])"
    )


# What a three-letter body glued to the next word may be followed by ("กศนจัดอบรม", "สพฐมีประชุมไหม")
_GLUED_AFTER = r"(?=จัด|ประชุม|สัมมนา|อบรม|มี|เป็น|อำเภอ|จังหวัด|เขต|ภาค|ปี|ที่|ใน|ไหม|ครับ|ค่ะ|คะ|บ้าง|ร่วม|ทำ|หารือ)"
_GLUED_VERB = r"(?=จัด|ประชุม|สัมมนา|อบรม|มี(?:ประชุม|งาน|การ|อบรม|สัมมนา)|เป็นเจ้าภาพ)"


@cache
def _abbreviation_names() -> tuple[str, ...]:
    """Bodies' abbreviations without dots, longest first."""
    from news.gazetteer_data import bodies

    words = {"อาชีวะ", "อาชีวศึกษา", "ราชภัฏ", "มรภ"}
    listed = {b.abbr.replace(".", "") for b in bodies() if b.kind == "body" and " " not in b.abbr}
    return tuple(sorted({*ABBREVIATIONS, *EXTRA_BODIES, *listed} - words, key=len, reverse=True))


UNIVERSITY_WORDS = ("มหาวิทยาลัย", "ม.", "ราชภัฏ", "ราชภัฎ", "มรภ", "ราชมงคล", "มทร")


def _university_names(r: Reading) -> None:
    """ "มหาวิทยาลัยขอนแก่น", "ม.ราชภัฏเชียงราย", "มทร.ล้านนา": a university by name is a body (found in
    organiser, position and text, wherever its meeting was held), not its province and a word."""
    if not any(word in r.text for word in UNIVERSITY_WORDS):
        return
    forms = _universities_by_form()
    compact = r.text.replace(" ", "")
    for form in forms:  # longest first
        at = compact.find(form)
        if at == -1:
            continue
        name = forms[form]
        start, end = _span_in(r.text, at, len(form))
        r.organizations.append(_university_alternatives(name))
        r.described.append(name)
        r.take(start, end, "organizations")
        return


@cache
def _universities_by_form() -> dict[str, str]:
    """Universities' names as news writes them, spaces dropped, to the official name, longest first
    (ราชภัฏเชียงราย before ราชภัฏเชียง…); not the short abbreviations, which have their own reader."""
    forms = {form.replace(" ", ""): name for form, name in university_forms().items()}
    return dict(sorted(((f, n) for f, n in forms.items() if len(f) >= 6), key=lambda fn: -len(fn[0])))


def _university_alternatives(name: str) -> tuple[str, ...]:
    """The folded forms a university's meeting may name it by: its name and its other forms. Not a
    two-letter abbreviation: undotted, "มข" is inside "อบรมขยายผล"."""
    forms = [form for form, official in _universities_by_form().items() if official == name]
    abbreviations = [a for a, official in _university_abbreviations().items() if official == name]
    folded = (fold(form) for form in (name, *forms, *abbreviations))
    return tuple(dict.fromkeys(form for form in folded if len(form) >= 3))


def _span_in(text: str, at: int, size: int) -> tuple[int, int]:
    """The span of `text` that holds the `size` letters starting at the `at`-th non-space letter."""
    positions = [i for i, ch in enumerate(text) if ch != " "]
    return positions[at], positions[at + size - 1] + 1


def _ends_a_body(before: str, abbr: str) -> bool:
    """Whether the letters just before `abbr` make it the end of a body's abbreviation."""
    bodies = set(_abbreviation_names())
    return any(before[-n:] + abbr in bodies for n in (1, 2, 3) if len(before) >= n)


def _may_name(text: str, names: Iterable[str]) -> bool:
    """Whether some name's letters stand together in `text` once dots are dropped: only then can the
    pattern built from the names match, so it is compiled (tens of milliseconds, once a process) only
    for a question that may need it."""
    undotted = text.replace(".", "")
    return any(name in undotted for name in names)


@cache
def _abbreviations() -> re.Pattern[str]:
    """Abbreviations with or without dots; three letters or more may be glued to the word before."""
    alternatives = []
    for name in _abbreviation_names():
        dotted = r"\.?".join(re.escape(ch) for ch in name) + r"\.?"
        if len(name) >= 3:  # undotted and glued to a word after it, only to what it did ("สมศรี" is no สมศ.)
            closed = r"\.?".join(re.escape(ch) for ch in name) + r"\."
            bare = r"\.?".join(re.escape(ch) for ch in name) + rf"(?:(?![ก-๙])|{_GLUED_AFTER})"
            alternatives.append(closed + "|" + bare)
        else:  # two letters stand alone, end with their dot ("งานของสช."), or glue to what they did ("สชจัด")
            closed = r"\.?".join(re.escape(ch) for ch in name) + r"\.(?![ก-๙])"
            acting = r"(?<![ก-๙])" + dotted + _GLUED_VERB
            alternatives.append(r"(?<![ก-๙])" + dotted + "(?![ก-๙])|" + closed + "|" + acting)
    return re.compile(r"(?P<abbr>" + "|".join(alternatives) + ")")


# An area office by its province's two-letter code, as offices sign themselves ("สพป.ปจ.2" is ปราจีนบุรี เขต 2)
AREA_CODE = re.compile(r"(?P<head>สพ[ปม]\.?\s?)(?P<code>[ก-ฮ]\.?[ก-ฮ])\.?\s?(?:เขต\s?)?(?P<n>\d{1,2})(?!\d)")
# A regional office by its number ("ศธภ.15", "สำนักงานศึกษาธิการภาค 2"): one office, not all eighteen
REGIONAL = re.compile(r"(?:ศ\.?ธ\.?ภ\.?|(?:สำนักงาน)?ศึกษาธิการภาค(?:ที่)?)\s?(?P<n>\d{1,2})(?!\d)")


def _area_by_code(match: re.Match[str]) -> str:
    from news.gazetteer_data import province_codes

    province = province_codes().get(match["code"].replace(".", ""))
    return f"{match['head']}{province} เขต {match['n']}" if province else match.group()


GLUED_OFFICE = re.compile(r"(?<=[ก-๙])(?=(?:สพ[ปม]|ศธจ)\.\s?[ก-๙])")
# Area and provincial offices written out, as their abbreviation: the same body either way.
OFFICES_WRITTEN_OUT = (
    (re.compile(r"(?:สำนักงาน)?เขตพื้นที่การศึกษาประถมศึกษา\s?"), " สพป."),
    (re.compile(r"(?:สำนักงาน)?เขตพื้นที่การศึกษามัธยมศึกษา\s?"), " สพม."),
    (re.compile(r"สำนักงานศึกษาธิการจังหวัด\s?"), " ศธจ."),
)


def _areas(text: str) -> list[re.Match[str]]:
    """Area and provincial offices with their province, also glued to what follows ("ศธจ.ลพบุรีเป็นประธาน")."""
    found = []
    for match in area_pattern().finditer(text):
        place = match["place"] or ""
        if canonical_province(place):
            found.append(match)
            continue
        prefix = next((p for p in _provinces_longest_first() if place.startswith(p)), None)
        if prefix:
            again = area_pattern().match(text[: match.start("place") + len(prefix)], match.start())
            if again:
                found.append(again)
    return found


@cache
def _provinces_longest_first() -> tuple[str, ...]:
    from news.places import ALIASES, provinces

    return tuple(sorted({*provinces(), *ALIASES}, key=len, reverse=True))


def _second_province(after: str) -> int:
    """How much of `after` is the second province of a secondary area office ("สพม.ลำปาง ลำพูน"): it
    is a part of the body's name, not a province asked about."""
    run = re.match(r"\s?([ก-๙]+)", after)
    prefix = next((p for p in _provinces_longest_first() if run and run[1].startswith(p)), None)
    return run.start(1) + len(prefix) if run and prefix and canonical_province(prefix) else 0


def _bodies(r: Reading, coded: dict[str, str]) -> None:
    """Bodies named in the question; `coded` holds the area offices the question wrote by their
    province's code, as the articles may write them too ("สพปนศ2")."""
    r.text = GLUED_OFFICE.sub(" ", r.text)  # "ขอข้อมูลสพป.ชลบุรี": the office starts a word
    _university_names(r)
    for match in list(REGIONAL.finditer(r.text))[:1]:
        n = match["n"]
        r.organizations.append((fold(f"สำนักงานศึกษาธิการภาค {n}"), f"ศธภ{n}", fold(f"ศึกษาธิการภาค {n}")))
        r.described.append(f"สำนักงานศึกษาธิการภาค {n}")
        r.take(match.start(), match.end(), "organizations")
    for match in _areas(r.text)[:1]:
        full = expand(match.group().strip())
        abbr = fold(match.group())
        head = re.sub(r"^สำนักงาน\s?", "", full)  # "ศึกษาธิการจังหวัดลพบุรี" is also the chair's position
        r.organizations.append(
            tuple(dict.fromkeys((fold(head), abbr, coded.get(match.group().strip(), abbr))))
        )
        end = match.end() + _second_province(r.text[match.end() :]) if "มัธยม" in full else match.end()
        r.described.append(full + r.text[match.end() : end])
        r.take(match.start(), end, "organizations")
    for match in list(BODY_WORDS.finditer(r.text))[:1]:
        word = match.group()
        key = "อาชีวะ" if "อาชีว" in word else "ราชภัฏ"
        r.organizations.append(EXTRA_BODIES[key])
        r.described.append(word)
        r.take(match.start(), match.end(), "organizations")
    names = sorted({*ABBREVIATIONS.values(), *AREA_OFFICES.values()}, key=len, reverse=True)
    for name in names:
        at = r.text.find(name)
        if at != -1:
            r.organizations.append((fold(name),))
            r.described.append(name)
            r.take(at, at + len(name), "organizations")
    universities = _universities().finditer(r.text) if _may_name(r.text, _university_abbreviations()) else ()
    for found in reversed(list(universities)):
        abbr = (found["abbr"] or found["closed"] or found["after"]).replace(".", "")
        if found["closed"] and _ends_a_body(r.text[: found.start()], abbr):
            continue  # "กมธ.": a committee of parliament, not มธ. glued to a word
        r.organizations.append(_university_alternatives(_university_abbreviations()[abbr]))
        r.described.append(_university_abbreviations()[abbr])
        r.take(found.start(), found.end(), "organizations")
    abbreviations = _abbreviations().finditer(r.text) if _may_name(r.text, _abbreviation_names()) else ()
    for found in reversed(list(abbreviations)):
        abbr = found["abbr"].replace(".", "")
        r.organizations.append(body_names(abbr))
        r.described.append(found["abbr"] if found["abbr"].endswith(".") else f"{found['abbr']}.")
        r.take(found.start(), found.end(), "organizations")


def _honorific(text: str) -> re.Match[str] | None:
    """A name after an honorific, but not "นาย" inside a province's name (นครนายก) nor "คุณ" of ขอบคุณ."""
    places: list[tuple[int, int]] | None = None
    for match in PERSON_QUERY.finditer(text):
        if text[: match.start()].endswith("ขอบ"):
            continue
        if places is None:
            places = [(m.position, m.end) for m in find_provinces(text, strict=False)]
        if not any(start <= match.start() < end for start, end in places):
            return match
    return None


def _name(written: str, filler: frozenset[str]) -> str:
    """The name in what was matched: without the meeting words before it, the words after it, and a
    first word that is a request ("ช่วยหาให้หน่อย") or an honorific's second half (คุณ|หญิง)."""
    name = re.split(NAME_END, LEADING_MEETING.sub("", written))[0].strip()
    words = [w for w in name.split() if w not in filler]
    if len(words) > 1 and REQUEST.search(words[0]):
        words = words[1:]
    return re.sub(r"^หญิง(?=[ก-๙]{3})", "", " ".join(words))


def _person(r: Reading, filler: frozenset[str]) -> None:
    match = _honorific(r.text) or CHAIR_QUERY.search(r.text)
    if match is None:
        return
    name = _name(match["name"], filler)
    chair_words = re.sub(r"เป็นประธาน|ประธาน", " ", r.text[match.start() : match.end()])
    if len(name) < 3 or name in filler or name in NOT_NAMES or re.match(r"(?:การ)?(?:ประชุม|งาน)", name):
        r.text = r.text[: match.start()] + chair_words + r.text[match.end() :]
        return
    r.people.append(fold(name))
    r.described.append(f"ผู้เกี่ยวข้อง “{name}”")
    r.take(match.start(), match.end(), "people")
    r.text = re.sub(r"เป็นประธาน|ประธาน", " ", r.text)
    r.meeting_word = True
