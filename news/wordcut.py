"""Where a Thai text may be cut: the word boundaries of its best reading by the dictionary.

Labels, alt texts and calendar titles are shortened in every answer with results, and a fresh
`prachum ask` should not pay for importing pythainlp's tokenizer (a seventh of its run) to place one
cut. This reads pythainlp's own word list straight from its file and segments only the short start
of the text: the reading with the fewest letters outside dictionary words, then the fewest words.
Letters no word covers stay one piece up to the next place a word may start, and no cut leaves a
vowel or mark without its consonant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib.util import find_spec
from pathlib import Path

# No boundary before these (vowels and marks written after or over a consonant) ...
_FOLLOWERS = frozenset("ะัาำิีึืฺุู็่้๊๋์ํ๎ๅ")
# ... nor after these (vowels written before their consonant).
_LEADERS = frozenset("เแโใไ")
_SILENT = "์"
_ABBREVIATION = re.compile(r"(?:[ก-ฮ]{1,5}\.)+")  # "สพม.", "ผอ.สพป." are read as one piece
_NOT_THAI = re.compile(r"\s+|[0-9๐-๙]+(?:[.,:][0-9๐-๙]+)*|[^\u0E00-\u0E7F\s]+")


@cache
def words() -> tuple[frozenset[str], tuple[int, ...]]:
    """pythainlp's Thai word list (as its `thai_words()` reads it) and the lengths its words have."""
    spec = find_spec("pythainlp")
    folder = Path(next(iter(spec.submodule_search_locations or ()))) if spec else None
    if folder is None:
        return frozenset(), ()
    lines = (folder / "corpus" / "words_th.txt").read_text(encoding="utf-8-sig").splitlines()
    entries = frozenset(filter(None, lines))
    return entries, tuple(sorted(set(map(len, entries))))


def _may_break(text: str, at: int) -> bool:
    """A cut at `at` leaves no mark without its consonant and no consonant without its silent mark."""
    if at <= 0 or at >= len(text):
        return True
    if text[at] in _FOLLOWERS or text[at - 1] in _LEADERS:
        return False
    if text[at] == "." and "ก" <= text[at - 1] <= "ฮ":  # an abbreviation keeps its dot ("กสศ.")
        return False
    after = text[at + 1 : at + 3]
    return not (after[:1] == _SILENT or (len(after) == 2 and after[1] == _SILENT and "ก" <= after[0] <= "ฮ"))


def boundaries(text: str) -> list[int]:
    """The positions between words of `text`'s best reading, its end included."""
    size = len(text)
    worst = (size + 1, size + 1)
    best: list[tuple[int, int]] = [(0, 0), *([worst] * size)]  # (letters outside words, words) so far
    came_from = [0] * (size + 1)

    def reach(end: int, start: int, cost: tuple[int, int]) -> None:
        if cost < best[end]:
            best[end], came_from[end] = cost, start

    for start in range(size):
        unknown, count = best[start]
        if (unknown, count) == worst:
            continue
        run = _NOT_THAI.match(text, start)
        if run:
            reach(run.end(), start, (unknown, count + 1))
            continue
        found = False
        abbreviation = _ABBREVIATION.match(text, start)
        if abbreviation:
            reach(abbreviation.end(), start, (unknown, count + 1))
            found = True
        for end in _word_ends(text, start):
            reach(end, start, (unknown, count + 1))
            found = True
        if not found:
            end = _next_start(text, start)
            reach(end, start, (unknown + end - start, count + 1))
    cuts, at = [], size
    while at > 0:
        cuts.append(at)
        at = came_from[at]
    return cuts[::-1]


def _word_ends(text: str, start: int, shortest: int = 1) -> Iterator[int]:
    """Where the dictionary words of `shortest` letters or more that start at `start` end, when a cut
    may go there."""
    entries, lengths = words()
    for length in lengths:
        end = start + length
        if end > len(text):
            return
        if length >= shortest and text[start:end] in entries and _may_break(text, end):
            yield end


def _next_start(text: str, start: int) -> int:
    """Where letters no word covers end: the next place a word of three letters or more, or a
    non-Thai run, may begin."""
    for at in range(start + 1, len(text)):
        if not _may_break(text, at):
            continue
        if _NOT_THAI.match(text, at) or next(_word_ends(text, at, shortest=3), None) is not None:
            return at
    return len(text)
