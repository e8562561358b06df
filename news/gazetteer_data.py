"""The gazetteers in news/data/*.csv as typed records, read once from the installed package.

Each file names its sources in its header. `news.gazetteer` finds these names in text.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

PRIMARY = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา"
SECONDARY = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา"
REGIONAL = "สำนักงานศึกษาธิการภาค"
PROVINCIAL = "สำนักงานศึกษาธิการจังหวัด"
RAJABHAT = "มหาวิทยาลัยราชภัฏ"
RAJAMANGALA = "มหาวิทยาลัยเทคโนโลยีราชมงคล"
UNIVERSITY = "มหาวิทยาลัย"


@dataclass(frozen=True)
class Body:
    abbr: str  # with dots, as news usually writes it ("ก.ค.ศ.")
    full: str
    kind: str  # "body" | "position"


@dataclass(frozen=True)
class AreaOffice:
    level: str  # "สพป" | "สพม"
    name: str  # what follows the abbreviation: a province ("ชลบุรี"), provinces ("ชลบุรี ระยอง") or "" (old สพม.)
    area: int | None
    provinces: tuple[str, ...]
    era: str  # "current" | "old" (the numbered สพม. เขต 1-42 of 2010-2021)

    @property
    def full_name(self) -> str:
        head = PRIMARY if self.level == "สพป" else SECONDARY
        number = f" เขต {self.area}" if self.area is not None else ""
        return f"{head}{self.name}{number}"


@dataclass(frozen=True)
class RegionalOffice:
    number: int
    seat: str | None  # None where the sources disagreed
    provinces: tuple[str, ...]

    @property
    def full_name(self) -> str:
        return f"{REGIONAL} {self.number}"


@dataclass(frozen=True)
class Place:
    """A university or venue: its official name, other written forms, and the province(s) it implies."""

    name: str
    aliases: tuple[str, ...]
    provinces: tuple[str, ...]


def _rows(name: str) -> list[dict[str, str]]:
    text = files("news").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


@cache
def area_offices() -> tuple[AreaOffice, ...]:
    return tuple(
        AreaOffice(
            row["abbr"],
            row["name"],
            int(row["area"]) if row["area"] else None,
            _split(row["provinces"]),
            row["era"],
        )
        for row in _rows("area_offices.csv")
    )


@cache
def regional_offices() -> tuple[RegionalOffice, ...]:
    return tuple(
        RegionalOffice(int(row["number"]), row["seat"] or None, _split(row["provinces"]))
        for row in _rows("regional_offices.csv")
    )


def _places(name: str) -> tuple[Place, ...]:
    return tuple(Place(row["name"], _split(row["aliases"]), _split(row["provinces"])) for row in _rows(name))


@cache
def universities() -> tuple[Place, ...]:
    return _places("universities.csv")


@cache
def venues() -> tuple[Place, ...]:
    return _places("venues.csv")


@cache
def bodies() -> tuple[Body, ...]:
    return tuple(Body(row["abbr"], row["full"], row["kind"]) for row in _rows("bodies.csv"))


@cache
def province_codes() -> dict[str, str]:
    """Each province's two-letter abbreviation (อักษรย่อจังหวัด, "นศ") to the province."""
    return {row["code"]: row["province"] for row in _rows("province_codes.csv")}
