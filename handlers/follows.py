"""What a chat follows: filters read by the query parser, matched against new meetings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from handlers.intent import ParsedQuery
from store.records import Meeting

MAX_FOLLOWS = 10


@dataclass(frozen=True)
class Follow:
    """One followed filter; all parts that are set must hold, and an empty one follows everything."""

    provinces: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    organizations: tuple[tuple[str, ...], ...] = ()
    keywords: tuple[str, ...] = ()
    label: str = "ทุกการประชุม"
    remind: bool = False  # "ติดตาม … เตือน": its meetings are also reminded the day before

    @property
    def everything(self) -> bool:
        return not (self.provinces or self.kinds or self.people or self.organizations or self.keywords)

    def key(self) -> tuple[object, ...]:
        return (self.provinces, self.kinds, self.people, self.organizations, self.keywords)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Follow:
        def strings(name: str) -> tuple[str, ...]:
            value = data.get(name) or []
            return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()

        organizations = data.get("organizations") or []
        return cls(
            provinces=strings("provinces"),
            kinds=strings("kinds"),
            people=strings("people"),
            organizations=tuple(
                tuple(str(a) for a in alternatives)
                for alternatives in (organizations if isinstance(organizations, list | tuple) else [])
                if isinstance(alternatives, list | tuple)
            ),
            keywords=strings("keywords"),
            label=str(data.get("label") or "ทุกการประชุม"),
            remind=data.get("remind") is True,
        )


def follow_from(parsed: ParsedQuery) -> Follow:
    """The followable part of a parsed message; dates and counts mean nothing for future meetings."""
    f = parsed.filter
    follow = Follow(f.provinces, f.kinds, f.people, f.organizations, f.keywords)
    if follow.everything:
        return follow
    return replace(follow, label=parsed.description())


def matches(meeting: Meeting, follow: Follow) -> bool:
    """The same test the search runs in the database, on one meeting in memory."""
    text = meeting.search_text
    return (
        (not follow.provinces or meeting.province in follow.provinces)
        and (not follow.kinds or meeting.kind in follow.kinds)
        and all(person in text for person in follow.people)
        and all(any(a in text for a in alternatives) for alternatives in follow.organizations)
        and all(keyword in text for keyword in follow.keywords)
    )


def reminded(meetings: Iterable[Meeting], follows: Iterable[Follow]) -> list[Meeting]:
    """The meetings that a follow asking for reminders wants."""
    return followed(meetings, [f for f in follows if f.remind])


def followed(meetings: Iterable[Meeting], follows: Iterable[Follow]) -> list[Meeting]:
    """The meetings that any of the follows wants, in the order given."""
    wanted = list(follows)
    return [m for m in meetings if not m.deleted and any(matches(m, f) for f in wanted)]


def read_follows(raw: list[dict[str, object]]) -> list[Follow]:
    return [Follow.from_dict(item) for item in raw if isinstance(item, dict)]
