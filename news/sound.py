"""Sound keys: a Thai name and its English spelling reduced to the same consonants.

English releases write "Treenuch Thienthong" where a Thai question types "ตรีนุช เทียนทอง". Both are
brought down to the consonants a reader hears, in broad classes (ป/พ/บ and p/ph/b are one; a final
ด/ต/ช/ส and a final d/t/ch/s are one; vowels, ย, ว, อ and h are dropped), so the two spellings meet
without a transliteration model. A Thai word can be read more than one way (a ร that is sounded,
final or silent; ส that ends a syllable or starts one), so it gives a few keys; a Latin word gives one.

| Thai        | Latin        | key   |
|-------------|--------------|-------|
| ตรีนุช        | Treenuch     | trnt  |
| ณัฏฐพล       | Nataphol     | ntpn  |
| จำปาทอง     | Champatong   | cmptn |
| ยิ่งลักษณ์      | Yingluck     | nlk   |
"""

from __future__ import annotations

import re
from itertools import pairwise, product

MIN_KEY = 4  # shorter keys are shared by too many unrelated words
MAX_KEYS = 32
MARK = "~"  # keys stored in a search text are written ~key~, which no folded word contains

_INITIAL = {
    **dict.fromkeys("กขฃคฅฆ", "k"), "ง": "n", **dict.fromkeys("จฉชฌ", "c"), **dict.fromkeys("ซศษส", "s"),
    **dict.fromkeys("ญณน", "n"), **dict.fromkeys("ฎฏฐฑฒดตถทธ", "t"), **dict.fromkeys("บปผพภฝฟ", "p"),
    "ม": "m", "ร": "r", **dict.fromkeys("ลฬ", "l"), "ฤ": "r",
}  # fmt: skip
_FINAL = {
    **dict.fromkeys("กขฃคฅฆ", "k"), "ง": "n", **dict.fromkeys("จฉชฌซศษสฎฏฐฑฒดตถทธ", "t"),
    **dict.fromkeys("บปผพภฝฟ", "p"), **dict.fromkeys("ญณนรลฬ", "n"), "ม": "m",
}  # fmt: skip
_AFTER = set("ะัาำิีึืุู็่้๊๋")  # marks written after a consonant: it starts a syllable
_VOWEL_BEFORE = set("ะัาำิีึืุู็")
_TONES = set("่้๊๋")
_KARAN = "์"


def _thai_letters(word: str) -> str:
    """The word without silent letters: a letter (and a vowel on it) under ์, and a consonant that
    closed a syllable just before one ("จันทร์" sounds "จัน", "ลักษณ์" "ลัก")."""
    word = re.sub(r"(?<=[ัา][ก-ฮ])[ก-ฮ](?=[ก-ฮ][ิุ]?" + _KARAN + ")", "", word)
    word = re.sub(r"[ก-ฮ][ิุ]?" + _KARAN, "", word)
    return word.replace("รร", "ั")  # "วรรณ" sounds "วัน"


def thai_keys(word: str) -> tuple[str, ...]:
    """The keys a Thai word may sound as (at most MAX_KEYS), or () for a word too short to tell."""
    keys: list[str] = []
    for letters in dict.fromkeys((_thai_letters(word), _thai_letters(word.replace(_KARAN, "")))):
        for key in _keys(letters):  # English may spell the silent letter ("Sittipunt")
            if key not in keys and len(keys) < MAX_KEYS:
                keys.append(key)
    return tuple(keys)


def _keys(letters: str) -> list[str]:
    choices: list[tuple[str, ...]] = []
    for i, ch in enumerate(letters):
        if ch == "ำ":
            choices.append(("m",))
            continue
        if ch not in _INITIAL and ch not in _FINAL:  # ย ว อ ห ฮ: spelled too freely in English to count
            continue
        after = letters[i + 1] if i + 1 < len(letters) else ""
        before = _previous_sound(letters, i)
        starts = before == "" or after in _AFTER or after == "อ"
        if starts:
            choices.append((_INITIAL.get(ch, ""),))
        elif before == "vowel" and (not after or re.search("[ั็][่้๊๋]?$", letters[:i])):
            choices.append(_final_choices(ch))  # a word's end, or after ั/็, which always close
        else:  # a syllable's end or the start of the next ("ศรีสมบัติ": sri-som or srit-om)
            choices.append(tuple(dict.fromkeys((*_final_choices(ch), _INITIAL.get(ch, "")))))
    keys: list[str] = []
    for parts in product(*choices):
        key = _collapse("".join(parts))
        if len(key) >= MIN_KEY and key not in keys:
            keys.append(key)
        if len(keys) >= MAX_KEYS:
            break
    return keys


def _previous_sound(letters: str, i: int) -> str:
    """'vowel' when a vowel sign (or a tone on one) comes just before, 'consonant', or '' at the start."""
    j = i - 1
    while j >= 0 and letters[j] in _TONES:
        j -= 1
    if j < 0 or letters[j] in "เแโใไ":
        return ""
    if letters[j] in _VOWEL_BEFORE or (letters[j] in "อย" and j > 0):
        return "vowel"
    return "consonant"


def _final_choices(ch: str) -> tuple[str, ...]:
    if ch == "ร":
        return ("n", "", "r")  # sounded n ("พร"), silent ("เกียรติ", "ภัทร") or a ra before the next
    return (_FINAL.get(ch, ""),)


_DIGRAPHS = (("tch", "c"), ("ph", "p"), ("th", "t"), ("kh", "k"), ("ch", "c"), ("sh", "c"), ("ng", "n"),
             ("ck", "k"))  # fmt: skip
_LATIN = {"b": "p", "d": "t", "g": "k", "j": "c", "q": "k", "x": "s", "z": "s", "f": "p", "c": "k"}
_LATIN_FINAL = {"c": "t", "s": "t", "l": "n", "r": ""}


def latin_key(word: str) -> str:
    """The key of an English spelling ("Chidchob" and "Chitchop" alike), or "" when too short."""
    key = _latin_sounds(word)
    return key if len(key) >= MIN_KEY else ""


def _latin_sounds(word: str) -> str:
    text = re.sub(r"[^a-z]", "", word.lower())
    for digraph, sound in _DIGRAPHS:
        text = text.replace(digraph, sound.upper())  # upper case: already a sound, not a letter
    out = []
    for i, ch in enumerate(text):
        if ch in "aeiouywvh":
            continue
        sound = ch.lower() if ch.isupper() else _LATIN.get(ch, ch)
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        closes = before in "aeiouy" and before != "" and (after == "" or after not in "aeiouy")
        if closes:
            sound = _LATIN_FINAL.get(sound, sound)
        out.append(sound)
    return _collapse("".join(out))


def _collapse(key: str) -> str:
    return re.sub(r"(.)\1+", r"\1", key)


def latin_marks(text: str) -> str:
    """The sound keys of a text's English words, and of each two together ("Chidchob" alone and in
    "Permpoon Chidchob"), written ~key~ to be stored beside the text it came from."""
    words = re.findall(r"[A-Za-z]{3,}", text)
    keys = [latin_key(w) for w in words]
    pairs = [_collapse(_latin_sounds(a) + _latin_sounds(b)) for a, b in pairwise(words)]
    keys += [key for key in pairs if len(key) >= MIN_KEY]
    return " ".join(f"{MARK}{k}{MARK}" for k in dict.fromkeys(keys) if k)


def thai_marks(word: str) -> tuple[str, ...]:
    """The ~key~ forms a Thai word of a question is looked for as, among stored English words."""
    if not re.fullmatch(r"[ก-๙]+", word):
        return ()
    return tuple(f"{MARK}{k}{MARK}" for k in thai_keys(word))
