"""The state of reading one chat message: the text still to read and what has been read out of it.

Each reader (handlers/dates.py, places.py, people.py, words.py) takes what it understands out of
`text`, so what is left at the end is free words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from store.meetings import Order


@dataclass
class Reading:
    text: str
    today: date
    provinces: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    people: list[str] = field(default_factory=list)
    positions: list[tuple[str, ...]] = field(default_factory=list)
    organizations: list[tuple[str, ...]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    min_attendees: int | None = None
    max_attendees: int | None = None
    order: Order = "relevance"
    described: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    meeting_word: bool = False
    region: str = ""
    year_part: tuple[int, int, str] = (0, 0, "")  # (first month from the year's start, months, label)
    district: str = ""  # a district the province was read from ("หาดใหญ่"): its meetings come first
    asked: str = ""  # the text as it came, before any reader took from it

    def __post_init__(self) -> None:
        self.asked = self.asked or self.text

    taken: list[tuple[str, str]] = field(default_factory=list)

    def take(self, start: int, end: int, part: str) -> None:
        """Blank out what was understood, so later readers and the free words do not see it again;
        `taken` keeps which part of the filter each piece of the text became."""
        self.taken.append((part, self.text[start:end]))
        self.text = self.text[:start] + " " + self.text[end:]

    def set_span(self, start: date | None, end: date | None, label: str) -> None:
        """Narrow the dates to `start`..`end`, either open (several date words in one question all hold)."""
        if start is not None:
            self.date_from = max(self.date_from, start) if self.date_from else start
        if end is not None:
            self.date_to = min(self.date_to, end) if self.date_to else end
        self.described.append(label.strip())
