"""Finding gazetteer names in text: education offices, universities, venues and bodies, with their provinces.

The facts live in `news/data/*.csv`, each naming its sources, and `news.gazetteer_data` reads them; this
module compiles one pattern per kind of name, once. News writes the same office many ways
("สพป.ชลบุรี เขต 1", "สพป. ชลบุรี เขต1", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชลบุรี เขต ๑"), so dots and spaces
are optional and Thai digits count. The 77 provincial offices (ศธจ.) need no data file: there is one per
province, named from `news.places`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from news.gazetteer_data import (
    PRIMARY,
    PROVINCIAL,
    RAJABHAT,
    RAJAMANGALA,
    SECONDARY,
    UNIVERSITY,
    AreaOffice,
    Body,
    Place,
    area_offices,
    bodies,
    province_codes,
    regional_offices,
    universities,
    venues,
)
from news.places import ALIASES, BANGKOK, canonical_province, provinces

__all__ = [
    "PRIMARY",
    "SECONDARY",
    "Body",
    "Hit",
    "area_offices",
    "bodies",
    "expand",
    "find",
    "province_codes",
    "regional_offices",
    "universities",
    "venues",
]

_PROVINCE_OFFICES = {  # how a provincial office is written, to its canonical name before the province
    "ศธจ": PROVINCIAL,
    "กศน": "สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัยจังหวัด",
    "สกร": "สำนักงานส่งเสริมการเรียนรู้ประจำจังหวัด",
    "กศจ": "คณะกรรมการศึกษาธิการจังหวัด",
}
# How news writes the part before a province or number, to what that part means.
_AREA_HEADS = {
    **dict.fromkeys(("สำนักงานเขตพื้นที่การศึกษาประถมศึกษา", "เขตพื้นที่การศึกษาประถมศึกษา", "สพป.", "ส.พ.ป."), "สพป"),
    **dict.fromkeys(("สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา", "เขตพื้นที่การศึกษามัธยมศึกษา", "สพม.", "ส.พ.ม."), "สพม"),
}
_REGIONAL_HEADS = ("สำนักงานศึกษาธิการภาค", "ศึกษาธิการภาค", "ศธภ.", "ศ.ธ.ภ.")
_PROVINCE_HEADS = {
    **dict.fromkeys(
        ("สำนักงานศึกษาธิการ จังหวัด", "ศึกษาธิการ จังหวัด", "ศึกษาธิการ จ.", "สำนักงานศึกษาธิการ", "ศึกษาธิการ", "ศธจ."),
        "ศธจ",
    ),
    **dict.fromkeys(
        (
            "สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัยจังหวัด",
            "ส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัยจังหวัด",
            "สำนักงาน กศน.จังหวัด",
            "สำนักงาน กศน.จ.",
            "สำนักงาน กศน.",
            "กศน.จังหวัด",
            "กศน.จ.",
            "กศน.",
        ),
        "กศน",
    ),
    **dict.fromkeys(
        (
            "สำนักงานส่งเสริมการเรียนรู้ประจำจังหวัด",
            "สำนักงานส่งเสริมการเรียนรู้จังหวัด",
            "ส่งเสริมการเรียนรู้ประจำจังหวัด",
            "สกร.จังหวัด",
            "สกร.จ.",
            "สกร.",
        ),
        "สกร",
    ),
    **dict.fromkeys(("คณะกรรมการศึกษาธิการ จังหวัด", "กศจ."), "กศจ"),
}
# ราชภัฎ (with ฎ) is a common misspelling of ราชภัฏ
_RAJABHAT_HEADS = ("มหาวิทยาลัยราชภัฏ", "ม.ราชภัฏ", "มรภ.", "ราชภัฏ", "มหาวิทยาลัยราชภัฎ", "ม.ราชภัฎ", "ราชภัฎ")
_RAJAMANGALA_HEADS = ("มหาวิทยาลัยเทคโนโลยีราชมงคล", "ม.เทคโนโลยีราชมงคล", "มทร.", "ราชมงคล")
_UNSPACED = str.maketrans("", "", ". \t\n\u00a0")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THAI = re.compile(r"[ก-๙]")
_T = TypeVar("_T")
_WORDS = re.compile(r"[.\s]")  # what separates the words of a name
_GAP = r"[^\S\n]*"  # spaces news leaves, sometimes several, within a name


def _number(group: str) -> str:
    return rf"(?P<{group}>[0-9๐-๙]{{1,2}})(?![0-9๐-๙])"


_NUMBER = _number("num")


@dataclass(frozen=True)
class Hit:
    """A gazetteer name found in a text: where, as written, what it is, and the provinces it implies."""

    start: int
    end: int
    text: str
    # "area_office" | "regional_office" | "province_office" | "university" | "venue" | "body" | "position"
    kind: str
    name: str  # the canonical full name
    provinces: tuple[str, ...]


def _key(form: str) -> str:
    return form.translate(_UNSPACED)


@cache
def _bodies_by_form() -> dict[str, Body]:
    by_full = {_key(body.full): body for body in bodies()}
    return {**by_full, **{_key(body.abbr): body for body in bodies()}}


def expand(abbr: str) -> str | None:
    """The full name of a body's or position's abbreviation, written with or without dots; None if unknown."""
    body = _bodies_by_form().get(_key(abbr))
    return body.full if body and _key(abbr) == _key(body.abbr) else None


def _loose_char(form: str, index: int) -> str:
    """The pattern for one character of a name: its dots and spaces may be left out ("ก.ค.ศ." as "กคศ")."""
    char = form[index]
    before, after = _WORDS.split(form[:index])[-1], _WORDS.split(form[index + 1 :])[0]
    if char == "." and len(before) == 1 and len(after) >= 3:
        return r"\." + _GAP  # "ม.ขอนแก่น" keeps its dot: without it ม is any word's last letter
    if char == ".":
        return r"\.?" if index == len(form) - 1 else r"\.?" + _GAP
    return _GAP if char == " " else re.escape(char)


def _alternation(forms: Iterable[str]) -> str:
    """One pattern for many names, as a trie so that a failed try costs a character, not a try per name.

    At each node going on is tried before stopping, so of names sharing a start the longest that fits wins.
    """
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for index in range(len(form)):
            node = node.setdefault(_loose_char(form, index), {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [step + _trie_pattern(child) for step, child in node.items() if step]
    if not branches:
        return ""
    pattern = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{pattern})?" if "" in node else pattern


def _stands_alone(text: str, start: int, end: int) -> bool:
    """An abbreviation is a word of its own: "สช." and "สช ก็" count, the สช inside a longer word does not."""
    opens_short, closes_short = _short_edges(text[start:end])
    if opens_short and start > 0 and _THAI.match(text, start - 1):
        return False
    return not closes_short or text[end - 1] == "." or not _THAI.match(text, end)


def _standing(table: Mapping[str, _T], text: str) -> Callable[[re.Match[str]], _T | None]:
    """A judge for `_scan`: what a matched name stands for, if it stands alone in the text."""
    return lambda match: table[_key(match.group())] if _stands_alone(text, *match.span()) else None


@cache
def _short_edges(written: str) -> tuple[bool, bool]:
    """Whether a name starts and ends with an abbreviation-like word (at most four letters)."""
    tokens = [token for token in _WORDS.split(written) if token]
    return len(tokens[0]) <= 4, len(tokens[-1]) <= 4


@cache
def _meanings(heads: str) -> dict[str, str]:
    written = {
        "area": _AREA_HEADS,
        "regional": dict.fromkeys(_REGIONAL_HEADS, "ศธภ"),
        "province": _PROVINCE_HEADS,
    }[heads]
    return {_key(form): meaning for form, meaning in written.items()}


def _head(text: str, match: re.Match[str], heads: str) -> str | None:
    """What the written head of an office's name means, unless it is a word's tail ("กระทรวงศึกษาธิการ").

    An abbreviated head may be glued to the word before ("สังกัดสพป.ชลบุรี"): the province or number that
    must follow it is what makes it an office.
    """
    if text.endswith("กระทรวง", 0, match.start("head")):
        return None
    return _meanings(heads)[_key(match["head"])]


def _scan(
    pattern: re.Pattern[str], text: str, judge: Callable[[re.Match[str]], _T | None]
) -> Iterator[tuple[re.Match[str], _T]]:
    """Matches the judge accepts, with its verdict; after a rejected one ("มร" in "หอประชุมราชภัฏ") the search
    goes on from the next character, so a name starting inside it is still found."""
    position = 0
    while match := pattern.search(text, position):
        verdict = judge(match)
        if verdict is None:
            position = match.start() + 1
        else:
            yield match, verdict
            position = match.end()


@cache
def _province_alternation() -> str:
    return _alternation({*provinces(), *ALIASES})


@cache
def _university_forms() -> dict[str, Place]:
    """Every way news writes a university's name: Rajabhat and Rajamangala ones after each of their prefixes
    ("มรภ.นครสวรรค์", "ราชภัฏนครสวรรค์"), the others as listed and as ม.X for มหาวิทยาลัยX."""
    forms: dict[str, Place] = {}
    for place in universities():
        for form in (place.name, *place.aliases):
            for prefix, heads in ((RAJABHAT, _RAJABHAT_HEADS), (RAJAMANGALA, _RAJAMANGALA_HEADS)):
                if form.startswith(prefix):
                    forms.update(
                        dict.fromkeys((head + " " + form.removeprefix(prefix) for head in heads), place)
                    )
                    break
            else:
                forms[form] = place
                if form.startswith(UNIVERSITY):
                    forms["ม." + form.removeprefix(UNIVERSITY)] = place
    return forms


def university_forms() -> dict[str, str]:
    """Every way news writes a university's name, to its official name."""
    return {form: place.name for form, place in _university_forms().items()}


@dataclass(frozen=True)
class _Patterns:
    area: re.Pattern[str]
    regional: re.Pattern[str]
    provincial: re.Pattern[str]
    university: re.Pattern[str]
    venue: re.Pattern[str]
    body: re.Pattern[str]
    province: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    prov = _province_alternation()
    area = (
        rf"(?P<head>{_alternation(_AREA_HEADS)}){_GAP}(?:"
        rf"(?P<names>(?:{prov})(?:{_GAP}-?{_GAP}(?:{prov})){{0,2}}){_GAP}(?:(?:เขต|ข\.){_GAP}(?:ที่{_GAP})?{_NUMBER})?"
        rf"|(?P<code>{_alternation(province_codes())})(?![ก-๎])\.?{_GAP}(?:เขต{_GAP})?{_number('cnum')}"
        rf"|(?:เขต|ข\.){_GAP}(?:ที่{_GAP})?{_number('onum')})?"
    )
    regional = rf"(?P<head>{_alternation(_REGIONAL_HEADS)}){_GAP}(?:ที่{_GAP})?{_NUMBER}"
    provincial = rf"(?P<head>{_alternation(_PROVINCE_HEADS)}){_GAP}(?P<name>{prov})"
    university = _alternation(_university_forms())
    venue = _alternation(form for place in venues() for form in (place.name, *place.aliases))
    body = _alternation(form for body in bodies() for form in (body.abbr, body.full))
    return _Patterns(*(re.compile(p) for p in (area, regional, provincial, university, venue, body, prov)))


def find(text: str) -> list[Hit]:
    """Every gazetteer name in the text, sorted by position.

    Of two names that overlap, an office, university or venue outranks a body or position, and otherwise the
    longer wins. A hit's provinces are implied by the name, never written in the text: callers mark them
    as inferred.
    """
    candidates = [
        *_find_area_offices(text),
        *_find_regional_offices(text),
        *_find_province_offices(text),
        *_find_universities(text),
        *_find_venues(text),
        *_find_bodies(text),
    ]
    chosen: list[Hit] = []
    dropped: list[Hit] = []
    for hit in sorted(candidates, key=lambda h: (h.kind in ("body", "position"), h.start - h.end, h.start)):
        (dropped if any(_overlap(hit, other) for other in chosen) else chosen).append(hit)
    chosen.extend(_cut_short(text, dropped, chosen))
    return sorted(chosen, key=lambda h: h.start)


def _overlap(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


def _cut_short(text: str, dropped: list[Hit], chosen: list[Hit]) -> Iterator[Hit]:
    """A position run into a longer name ("ผอ." of "ผอ.สพป.ชลบุรี เขต 1") counts up to where that starts."""
    taken = list(chosen)
    for hit in dropped:
        if hit.kind not in ("body", "position"):
            continue
        cut = min(
            (other.start for other in taken if _overlap(hit, other) and other.start > hit.start), default=0
        )
        trimmed = _body_hit(text, hit.start, cut) if cut else None
        if trimmed and not any(_overlap(trimmed, other) for other in taken):
            taken.append(trimmed)
            yield trimmed


def _hit(text: str, start: int, end: int, kind: str, name: str, covered: tuple[str, ...]) -> Hit:
    written = text[start:end].rstrip()
    return Hit(start, start + len(written), written, kind, name, covered)


def _body_hit(text: str, start: int, end: int) -> Hit | None:
    written = text[start:end].rstrip()
    if not _patterns().body.fullmatch(written) or not _stands_alone(text, start, start + len(written)):
        return None
    body = _bodies_by_form()[_key(written)]
    return _hit(text, start, end, "position" if body.kind == "position" else "body", body.full, ())


def _find_bodies(text: str) -> Iterator[Hit]:
    for match, body in _scan(_patterns().body, text, _standing(_bodies_by_form(), text)):
        kind = "position" if body.kind == "position" else "body"
        yield Hit(match.start(), match.end(), match.group(), kind, body.full, ())


@cache
def _venues_by_form() -> dict[str, Place]:
    return {_key(form): place for place in venues() for form in (place.name, *place.aliases)}


def _find_venues(text: str) -> Iterator[Hit]:
    for match in _patterns().venue.finditer(text):
        place = _venues_by_form()[_key(match.group())]
        yield _hit(text, match.start(), match.end(), "venue", place.name, place.provinces)


@cache
def _universities_by_form() -> dict[str, Place]:
    return {_key(form): place for form, place in _university_forms().items()}


def _find_universities(text: str) -> Iterator[Hit]:
    for match, place in _scan(_patterns().university, text, _standing(_universities_by_form(), text)):
        yield Hit(match.start(), match.end(), match.group(), "university", place.name, place.provinces)


def _find_regional_offices(text: str) -> Iterator[Hit]:
    by_number = {office.number: office for office in regional_offices()}
    for match, _ in _scan(_patterns().regional, text, lambda match: _head(text, match, "regional")):
        office = by_number.get(int(match["num"].translate(_THAI_DIGITS)))
        if office:
            yield _hit(text, *match.span(), "regional_office", office.full_name, office.provinces)


def _find_province_offices(text: str) -> Iterator[Hit]:
    for match, kind in _scan(_patterns().provincial, text, lambda match: _head(text, match, "province")):
        province = canonical_province(match["name"])
        if not province:
            continue
        head = _PROVINCE_OFFICES[kind]
        if province == BANGKOK:  # Bangkok is no จังหวัด
            head = head.removesuffix("จังหวัด").removesuffix("ประจำ")
        yield _hit(text, *match.span(), "province_office", head + province, (province,))


@cache
def _current_offices() -> dict[tuple[str, tuple[str, ...], int | None], AreaOffice]:
    return {(o.level, o.provinces, o.area): o for o in area_offices() if o.era == "current"}


@cache
def _old_secondary_offices() -> dict[int | None, AreaOffice]:
    return {o.area: o for o in area_offices() if o.era == "old"}


def _find_area_offices(text: str) -> Iterator[Hit]:
    for match, level in _scan(_patterns().area, text, lambda match: _head(text, match, "area")):
        written = match["num"] or match["cnum"] or match["onum"]
        number = int(written.translate(_THAI_DIGITS)) if written else None
        named = _named_provinces(text, match)
        found, end = _area_office(level, [p for p, _ in named], number), match.end()
        if found is None and number is not None and named:  # an area number that province has not: drop it
            found, end = _area_office(level, [p for p, _ in named], None), named[-1][1]
        while found is None and len(named) > 1:  # a province written after the office's own name
            named = named[:-1]
            found, end = _area_office(level, [p for p, _ in named], None), named[-1][1]
        if found:
            yield _hit(text, match.start(), end, "area_office", *found)


def _named_provinces(text: str, match: re.Match[str]) -> list[tuple[str, int]]:
    """The provinces written in an office's name, each with where its name ends in the text."""
    if match["code"]:
        return [(province_codes()[match["code"]], match.end("code"))]
    if not match["names"]:
        return []
    found = []
    for name in _patterns().province.finditer(text, *match.span("names")):
        province = canonical_province(name.group())
        if province:
            found.append((province, name.end()))
    return found


def _area_office(level: str, named: list[str], number: int | None) -> tuple[str, tuple[str, ...]] | None:
    """The name and provinces of the office an abbreviation, the provinces after it and a number point to.

    A province with several offices and no number still names a place ("สพป.ชลบุรี"): the answer is then
    the office written out without a number. A secondary office may be named by one of its provinces
    ("สพม.ชลบุรี" for สพม.ชลบุรี ระยอง); with no province, a number is one of the old สพม. เขต 1-42.
    """
    if not named:
        old = _old_secondary_offices().get(number) if level == "สพม" and number else None
        return (old.full_name, old.provinces) if old else None
    exact = _current_offices().get((level, tuple(named), number))
    if exact or number is not None:
        return (exact.full_name, exact.provinces) if exact else None
    containing = [
        office
        for (office_level, covered, _), office in _current_offices().items()
        if office_level == level and set(named) <= set(covered)
    ]
    if len(containing) == 1:
        return containing[0].full_name, containing[0].provinces
    if len(named) == 1 and containing:
        return (PRIMARY if level == "สพป" else SECONDARY) + named[0], (named[0],)
    return None
