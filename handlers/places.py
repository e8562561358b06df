"""Reading the province a question asks about.

| typed                         | province                 | how                              |
|-------------------------------|--------------------------|----------------------------------|
| เชียงใหม่, จ.ร้อยเอ็ด, อุบล, โคราช | the official name        | names and aliases (news.places)  |
| อ.แม่สอด                        | ตาก                      | a district names its province    |
| หาดใหญ่                         | สงขลา                    | a district name no other has     |
| Buriram, Nong Khai            | บุรีรัมย์, หนองคาย          | English names, close spellings   |
| สุราษฏร์ธานี, สมุทสาคร             | สุราษฎร์ธานี, สมุทรสาคร       | a letter missing, added, swapped |
| นนท์, พิดโลก, Korat, Ayutthaya    | นนทบุรี, พิษณุโลก, …          | what people call them in chat    |
"""

from __future__ import annotations

import re
from functools import cache

from handlers.reading import Reading
from news.places import (
    ALIASES,
    COMMON_WORDS,
    PlaceMention,
    canonical_province,
    district_index,
    english_names,
    find_provinces,
    provinces,
)
from news.sound import thai_keys

# Names people use in chat that news does not (news.places.ALIASES holds those both use).
CHAT_NAMES = {"นนท์": "นนทบุรี", "เมืองนนท์": "นนทบุรี", "พิดโลก": "พิษณุโลก", "ปราจีน": "ปราจีนบุรี",
              "กาญ": "กาญจนบุรี", "โคราด": "นครราชสีมา", "เมืองคอน": "นครศรีธรรมราช", "พัทยา": "ชลบุรี",
              "บางแสน": "ชลบุรี"}  # fmt: skip
CHAT_NAME = re.compile(
    r"(?:(?<=ที่)|(?<=ใน)|(?<=ประชุม)|(?<=สัมมนา)|(?<=อบรม)|(?<![ก-๙]))(" + "|".join(CHAT_NAMES) + r")(?![ก-ฮ])"
)
ENGLISH_NAMES = {"korat": "นครราชสีมา", "ayutthaya": "พระนครศรีอยุธยา", "ayuthaya": "พระนครศรีอยุธยา",
                 "bkk": "กรุงเทพมหานคร", "ubon": "อุบลราชธานี", "udon": "อุดรธานี", "pattaya": "ชลบุรี",
                 "hatyai": "สงขลา", "maesot": "ตาก"}  # fmt: skip
COMMON_WORD = re.compile(
    r"(?:^|(?:ประชุม|สัมมนา|อบรม|งาน)\s?)(?P<name>" + "|".join(sorted(COMMON_WORDS)) + r")"
    r"(?=\s|มี|ปี|เดือน|ไหม|$)"
)
INSTITUTION_BEFORE = re.compile(r"(?:โรงเรียน|วิทยาลัย|สถาบัน|ศูนย์|รร\.?)\s?[ก-๙]*$")
# Question words around a name typed with a typo: "มีงานประชุมในขอนแกนไหมคะ" is asking about ขอนแกน
FUZZY_BEFORE = re.compile(
    r"^(?:มี|งาน|การ|ประชุม|สัมมนา|อบรม|ขอดู|ขอข้อมูล|ข้อมูล|ขอทราบ|อยากทราบ|อยากรู้|ทราบ|ช่วยหา|ค้นหา|ที่|ใน|แถว|"
    r"จังหวัด|จ\.)+"
)
FUZZY_AFTER = re.compile(r"(?:มี|ไหม|มั้ย|ครับ|คับ|คะ|ค่ะ|นะ|บ้าง|อะไร|งาน|ประชุม|หน่อย|ด้วย|ไหน|ที่)+$")


def read_places(r: Reading) -> None:
    mentions = [_ayutthaya(r.text, m) for m in (*find_provinces(r.text, strict=False), *_full_names(r.text))]
    mentions = [m for m in mentions if not _inside_prachum(r.text, m)]
    for mention in sorted(_longest(mentions), key=lambda m: -m.position):
        if mention.how == "district":
            r.district = r.district or _district_named(r.text[mention.position : mention.end])
        silent = re.match(r"[ก-ฮ]{1,2}์", r.text[mention.end :])  # "ลำปางค์": a silent letter typed after it
        r.provinces.append(mention.province)
        r.take(mention.position, _typed_on(r.text, mention) + (silent.end() if silent else 0), "provinces")
    for reader in (_common_word, _chat_names, _english, _district, _fuzzy):
        if r.provinces:
            break
        reader(r)
    for province in dict.fromkeys(r.provinces):
        r.described.append(f"จังหวัด{province}")


# "ประชุมพระ…", "ประชุมพร้อม", "ประชุมพรุ่งนี้": ชุมพร read across ประชุม and the next word
_NOT_CHUMPHON = re.compile(r"[\u0e30-\u0e3a\u0e47-\u0e4eร]")
# "พระนครศรีอยุทธยา": the rest of อยุธยา as typed (to its first า), after พระนครศรี
_AYUTTHAYA_REST = re.compile(r"\s?อ[ก-๙]{1,6}?า")


def _inside_prachum(text: str, mention: PlaceMention) -> bool:
    after = text[mention.end : mention.end + 1]
    return (
        mention.province == "ชุมพร"
        and text[: mention.position].endswith("ประ")
        and bool(_NOT_CHUMPHON.match(after))
    )


def _ayutthaya(text: str, mention: PlaceMention) -> PlaceMention:
    """ "นครศรี" after พระ is พระนครศรีอยุธยา with อยุธยา misspelt ("พระนครศรีอยุทธยา"), not นครศรีธรรมราช."""
    if mention.province != "นครศรีธรรมราช" or not text[: mention.position].endswith("พระ"):
        return mention
    if text[mention.position : mention.end] != "นครศรี":
        return mention
    rest = _AYUTTHAYA_REST.match(text, mention.end)
    end = rest.end() if rest else mention.end
    return PlaceMention("พระนครศรีอยุธยา", mention.position - len("พระ"), end, mention.how, mention.glued)


def _full_names(text: str) -> list[PlaceMention]:
    """Official names wherever they stand: a scan from the left may read "ประชุมพระนคร…" as ชุมพร first."""
    found = []
    for name in provinces():
        at = text.find(name)
        if at != -1 and name not in COMMON_WORDS:
            found.append(PlaceMention(name, at, at + len(name), "name", glued=True))
    return found


def _typed_on(text: str, mention: PlaceMention) -> int:
    """Where a province's name ends when a short name begins it and the rest is typed as it sounds
    ("นครศรีธรรมราด", "อุบลราดธานี"): the rest is part of the name, not a word of its own."""
    run = re.match(r"[ก-๙]+", text[mention.end :])
    if not run or text[mention.position : mention.end] == mention.province:
        return mention.end
    official = set(thai_keys(mention.province))
    for size in range(min(len(run.group()), len(mention.province)), 0, -1):
        if official & set(thai_keys(text[mention.position : mention.end + size])):
            return mention.end + size
    return mention.end


def _longest(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Of names that overlap, the longest: "ประชุมพระนครศรีอยุธยา" holds no ชุมพร and no นครศรี(ธรรมราช)."""
    kept: list[PlaceMention] = []
    for mention in sorted(mentions, key=lambda m: m.position - m.end):
        if all(mention.end <= other.position or other.end <= mention.position for other in kept):
            kept.append(mention)
    return kept


def _common_word(r: Reading) -> None:
    """ "ประชุมตาก", "น่านมีอบรมไหม": a province that is also a word, right after a meeting word or first
    in the message (news.places wants ที่/ใน/จังหวัด before it, which chat often leaves out)."""
    match = COMMON_WORD.search(r.text)
    if (
        match
        and match["name"] == "เลย"
        and not r.text[match.end() :].strip()
        and r.text[: match.start()].strip()
    ):
        return  # "ขอดูประชุมเลย" ends with the particle เลย; "ประชุมเลย" alone asks about the province
    if match:
        r.provinces.append(match["name"])
        r.take(match.start("name"), match.end("name"), "provinces")


def _chat_names(r: Reading) -> None:
    match = CHAT_NAME.search(r.text)
    if match:
        r.provinces.append(CHAT_NAMES[match[1]])
        r.take(match.start(1), match.end(1), "provinces")


@cache
def _compact_english() -> dict[str, str]:
    return {**{k.replace(" ", "").replace("-", ""): v for k, v in english_names().items()}, **ENGLISH_NAMES}


def _english(r: Reading) -> None:
    words = list(re.finditer(r"[A-Za-z]+", r.text))
    if not words:
        return
    from rapidfuzz import fuzz, process  # only for Latin words in a question that names no province

    compact = _compact_english()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            first, last = words[i], words[i + size - 1]
            word = "".join(w.group().lower() for w in words[i : i + size])
            if len(word) < 4:
                continue
            hit = compact.get(word)
            if hit is None:
                best = process.extractOne(word, list(compact), scorer=fuzz.ratio, score_cutoff=85)
                hit = compact[best[0]] if best else None
            if hit:
                r.provinces.append(hit)
                r.take(first.start(), last.end(), "provinces")
                return


def _district(r: Reading) -> None:
    """ "ประชุมที่หาดใหญ่": a district named alone, when exactly one province has it; not inside the name
    of a school or college ("โรงเรียนสำโรงทาบวิทยาคม" may stand anywhere), nor after ของ (a person's)."""
    index = district_index()
    meeting = [m.span() for m in re.finditer(r"ประชุม|สัมมนา|อบรม", r.text)]  # not ชุมแพ in "ประชุมแพทย์"
    for run in re.finditer(r"[ก-๙]{3,}", r.text):
        word = run.group()
        for start in range(len(word)):
            at = run.start() + start
            if INSTITUTION_BEFORE.search(r.text[:at]) or any(a <= at < b for a, b in meeting):
                continue
            if r.text[:at].rstrip().endswith("ของ"):
                break  # "ประชุมของศรีบุญเรือง": a surname that is also a district's name
            for name in _district_names_from(word[start:], index):
                provinces_here = index[name]
                if len(provinces_here) == 1:
                    r.district = name
                    r.provinces.append(next(iter(provinces_here)))
                    r.take(run.start() + start, run.start() + start + len(name), "provinces")
                    return


def _district_named(mention: str) -> str:
    """The district's own name in "อ.บ้านแพงมีประชุม" (a district mention runs into the next word)."""
    word = re.sub(r"^(?:อำเภอ|อ\.|เขต)\s?", "", mention)
    index = district_index()
    return next((word[:size] for size in range(len(word), 1, -1) if word[:size] in index), "")


def _district_names_from(text: str, index: dict[str, frozenset[str]]) -> list[str]:
    return [text[:size] for size in range(min(len(text), 20), 3, -1) if text[:size] in index]


@cache
def _fuzzy_names() -> tuple[str, ...]:
    """Provinces and their short names ("สุราษฏร์" is สุราษฎร์ with a typo)."""
    names = (*provinces(), *(alias for alias in ALIASES if len(alias) >= 5 and "ฯ" not in alias))
    return tuple(name for name in names if len(name) >= 4)


def _fuzzy(r: Reading) -> None:
    """A province typed with a letter missing, added or swapped ("สมุทสาคร", "ชุมพอน")."""
    runs = [
        (run, FUZZY_AFTER.sub("", FUZZY_BEFORE.sub("", run.group())))
        for run in re.finditer(r"[ก-๙]{4,}", r.text)
    ]
    runs = [(run, word) for run, word in runs if len(word) >= 4]
    if not runs:
        return
    from rapidfuzz import fuzz, process  # only for a word that may be a misspelt province

    candidates = _fuzzy_names()
    for run, word in runs:
        best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=80)
        if best is None:
            best = process.extractOne(word, candidates, scorer=fuzz.partial_ratio, score_cutoff=88)
            if best is not None and not 0.6 * len(word) <= len(best[0]) <= len(word) / 0.7:
                best = None  # "ภูมิ" is a part of ชัยภูมิ, not a typo of it
        province = canonical_province(best[0]) if best is not None else _sounds_like(word)
        if province:
            r.provinces.append(province)
            r.take(run.start(), run.end(), "provinces")
            return


def _sounds_like(word: str) -> str | None:
    """A province spelt as it sounds ("สุราดธานี", "เพรชบูรณ์"): the word's sound keys (news.sound) meet
    one province's and no other's."""
    if len(word) < 5:
        return None
    found = {_province_sounds().get(key) for key in thai_keys(word) if len(key) >= 4}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


@cache
def _province_sounds() -> dict[str, str | None]:
    """Each sound key of a province's name (and of its short names) to that province; None for a key
    two provinces share."""
    index: dict[str, str | None] = {}
    for name in _fuzzy_names():
        province = canonical_province(name)
        for key in thai_keys(name):
            index[key] = province if index.get(key, province) == province else None
    return index
