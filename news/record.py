"""The meeting record: what extraction produces, the store keeps and the bot shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from news.kinds import KINDS

__all__ = ["FIELDS", "KINDS", "MeetingRecord"]
FIELDS = (
    "title", "kind", "start_date", "end_date", "time", "province", "venue",
    "chair", "chair_position", "organizer", "attendees", "summary",
)  # fmt: skip


@dataclass(frozen=True)
class MeetingRecord:
    title: str
    kind: str = "other"
    start_date: date | None = None
    end_date: date | None = None
    time: str | None = None
    province: str | None = None
    venue: str | None = None
    chair: str | None = None
    chair_position: str | None = None
    organizer: str | None = None
    attendees: int | None = None
    summary: str = ""
    participant_provinces: list[str] = field(default_factory=list)
    province_inferred: bool = False  # read from a body, university or venue, not named in the text
    # Where each field was read ([start, end) in the cleaned text) and how sure the choice was (0–1).
    evidence: dict[str, list[int]] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The contract of `prachum extract --json`: ISO dates, every field present."""
        data = asdict(self)
        for key in ("start_date", "end_date"):
            data[key] = data[key].isoformat() if data[key] else None
        return data
