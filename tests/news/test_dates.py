"""Thai dates and times as news writes them."""

from __future__ import annotations

from datetime import date

import pytest

from news.dates import find_dates, find_times, thai_date, thai_date_range, year_to_ce


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("วันที่ 15 มีนาคม 2567", date(2024, 3, 15), None),
        ("เมื่อวันที่ ๑๕ มีนาคม ๒๕๖๗", date(2024, 3, 15), None),
        ("วันศุกร์ที่ 15 มี.ค. 67", date(2024, 3, 15), None),
        ("วันจันทร์ที่ 2 ก.ย. 2567", date(2024, 9, 2), None),
        ("วันพฤหัสบดีที่ 5 ธันวาคม 2567", date(2024, 12, 5), None),
        ("ระหว่างวันที่ 15-17 มีนาคม 2567", date(2024, 3, 15), date(2024, 3, 17)),
        ("ระหว่างวันที่ 15 - 17 มี.ค. 67", date(2024, 3, 15), date(2024, 3, 17)),
        ("ระหว่างวันที่ 15 ถึง 17 มีนาคม 2567", date(2024, 3, 15), date(2024, 3, 17)),
        ("วันที่ 5 – 7 พฤศจิกายน พ.ศ. 2566", date(2023, 11, 5), date(2023, 11, 7)),
        ("31 มีนาคม – 1 เมษายน 2564", date(2021, 3, 31), date(2021, 4, 1)),
        ("30 ธ.ค. 66 - 2 ม.ค. 67", date(2023, 12, 30), date(2024, 1, 2)),
        ("29 ธันวาคม 2566 – 3 มกราคม 2567", date(2023, 12, 29), date(2024, 1, 3)),
        ("วันที่ 1 ต.ค.2566", date(2023, 10, 1), None),
        ("วันที่ 9 มิ.ย. 2565", date(2022, 6, 9), None),
        ("วันที่ 28 กุมภาพันธ์ 2567", date(2024, 2, 28), None),
        ("วันที่ 29 กุมภาพันธ์ 2567", date(2024, 2, 29), None),
        ("วันที่ 4 เม.ย. 2568", date(2025, 4, 4), None),
        ("15/3/2567", date(2024, 3, 15), None),
        ("15/03/67", date(2024, 3, 15), None),
        ("วันที่ 20 พฤษภาคม ค.ศ. 2024", date(2024, 5, 20), None),
        ("วันที่ 8 สิงหา 2566", date(2023, 8, 8), None),
        ("วันที่ 7 ก.ค. พ.ศ.2567", date(2024, 7, 7), None),
    ],
)
def test_thai_date_forms(text: str, start: date, end: date | None) -> None:
    """Full and short months, 2- and 4-digit Buddhist years, Thai digits, weekdays and ranges."""
    [mention] = find_dates(text)
    assert (mention.start, mention.end) == (start, end)


@pytest.mark.parametrize("text", ["วันที่ 31 กุมภาพันธ์ 2567", "เลขที่ 12 คน", "ห้อง 301", "ครั้งที่ 1/2562"])
def test_impossible_or_non_dates_are_ignored(text: str) -> None:
    """A day that does not exist, or a number that is not a date, gives no date."""
    assert find_dates(text) == []


def test_missing_year_comes_from_the_article() -> None:
    """ "วันที่ 15 มีนาคม" takes its year from the rest of the text."""
    [first, _second] = find_dates("วันที่ 15 มีนาคม ณ โรงแรม ... ปิดรับวันที่ 1 เมษายน 2567")
    assert first.start == date(2024, 3, 15)
    assert not first.has_year


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("เวลา 09.00 น.", "09:00"),
        ("เวลา9.00น.", "09:00"),
        ("เวลา 13.30 - 16.30 น.", "13:30"),
        ("เวลา 08:30 น.", "08:30"),
        ("ตั้งแต่ 8.30 นาฬิกา", "08:30"),
        ("เวลา ๐๙.๐๐ น.", "09:00"),
        ("9 โมงเช้า", "09:00"),
        ("บ่ายโมง", "13:00"),
        ("บ่ายสองโมง", "14:00"),
        ("บ่าย 3 โมงครึ่ง", "15:30"),
        ("1 ทุ่ม", "19:00"),
        ("เที่ยงตรง", "12:00"),
        ("จำนวน 2.50 น", None),
        ("เมื่อ 09.00 น วันที่ 5 สิงหาคม", "09:00"),
    ],
)
def test_clock_times(text: str, clock: str | None) -> None:
    """Times written with น. or spoken forms; numbers that are not times give none."""
    found = find_times(text)
    assert (found[0][1] if found else None) == clock


@pytest.mark.parametrize(
    ("written", "year"),
    [("2567", 2024), ("พ.ศ. 2562", 2019), ("67", 2024), ("2024", 2024), ("ค.ศ. 2023", 2023), ("99999", None)],
)
def test_years_in_either_era(written: str, year: int | None) -> None:
    assert year_to_ce(written) == year


def test_thai_date_shows_buddhist_year() -> None:
    """Replies show dates the way Thai officials read them."""
    assert thai_date(date(2024, 3, 15)) == "15 มีนาคม 2567"
    assert thai_date(date(2024, 3, 15), short=True) == "15 มี.ค. 67"
    assert thai_date_range(date(2021, 3, 31), date(2021, 4, 1)) == "31 มีนาคม – 1 เมษายน 2564"
    assert thai_date_range(date(2024, 3, 15), date(2024, 3, 17)) == "15–17 มีนาคม 2567"
