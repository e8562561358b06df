"""An article cut once into what every proposer needs: headline, lines, and where each sits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from news.dates import YEAR_HINT, DateMention, find_dates, year_to_ce
from news.gazetteer import Hit, find
from news.places import PlaceMention, find_provinces

# A headline is the first line when a body follows it and it is short enough to be one.
HEADLINE_MAX = 220


@dataclass(frozen=True)
class Article:
    """Cleaned text of one article (or one listed item of it) and the year it is set in."""

    text: str
    year: int | None = None

    @cached_property
    def headline_end(self) -> int:
        """End of the headline; 0 when the text starts straight with its body."""
        first = self.text.find("\n")
        if first == -1 or first > HEADLINE_MAX:
            return 0
        return first

    @cached_property
    def has_latin(self) -> bool:
        """English passages need their own readers; most articles have no capital letter at all."""
        return re.search("[A-Z]", self.text) is not None

    @cached_property
    def dates(self) -> list[DateMention]:
        return find_dates(self.text, default_year=self.year)

    @cached_property
    def places(self) -> list[PlaceMention]:
        """Every province named or implied, glued ones included (their `glued` says so)."""
        return find_provinces(self.text, strict=False)

    @cached_property
    def gazetteer(self) -> list[Hit]:
        """Offices, universities, venues and bodies named, each with the provinces it implies."""
        return find(self.text)

    def dates_between(self, start: int, end: int) -> bool:
        return any(start <= mention.position < end for mention in self.dates)

    def in_headline(self, position: int) -> bool:
        return position < self.headline_end

    def line_of(self, position: int) -> str:
        start = self.text.rfind("\n", 0, position) + 1
        end = self.text.find("\n", position)
        return self.text[start : end if end != -1 else len(self.text)]

    def before(self, position: int, size: int) -> str:
        return self.text[max(0, position - size) : position]

    def after(self, position: int, size: int) -> str:
        return self.text[position : position + size]


def article_year(text: str) -> int | None:
    """The Common Era year written most often (พ.ศ. 2567, ปีงบประมาณ 2567, …/2567)."""
    years = [year_to_ce(m[1]) for m in YEAR_HINT.finditer(text)]
    known = [y for y in years if y]
    return max(set(known), key=known.count) if known else None


def distance_bucket(distance: int) -> str:
    """Distances in characters, in the steps a reader feels: same clause, sentence, paragraph, beyond."""
    distance = abs(distance)
    if distance < 40:
        return "clause"
    if distance < 150:
        return "sentence"
    if distance < 450:
        return "paragraph"
    return "far"


def rank_bucket(rank: int) -> str:
    return str(rank) if rank < 2 else "2+"


SPACE_RUN = re.compile(r"\s+")
