"""Provinces named, abbreviated or implied by a district, in article text."""

from __future__ import annotations

import pytest

from news.places import canonical_province, find_provinces, provinces


def test_there_are_77_provinces() -> None:
    assert len(provinces()) == 77


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("ณ โรงแรมมรกต จังหวัดชุมพร", "ชุมพร"),
        ("ณ ห้องประชุม จ.สงขลา", "สงขลา"),
        ("ณ ห้องประชุม จ. ตรัง", "ตรัง"),
        ("ณ ศาลากลาง กทม.", "กรุงเทพมหานคร"),
        ("ณ โรงแรมแห่งหนึ่ง กรุงเทพฯ", "กรุงเทพมหานคร"),
        ("ตำบลโคกขาม อำเภอเมืองสมุทรสาคร", "สมุทรสาคร"),
        ("อ.หาดใหญ่", "สงขลา"),
        ("อำเภอปากช่อง", "นครราชสีมา"),
        ("เขตบางกะปิ", "กรุงเทพมหานคร"),
        ("แขวงทุ่งพญาไท", "กรุงเทพมหานคร"),
        ("สพป.กาญจนบุรี เขต 1", "กาญจนบุรี"),
        ("ที่จังหวัดเลย", "เลย"),
        ("จ.แพร่", "แพร่"),
        ("สำนักงานศึกษาธิการจังหวัดน่าน", "น่าน"),
        ("ณ อำเภอเมือง จังหวัดพระนครศรีอยุธยา", "พระนครศรีอยุธยา"),
    ],
)
def test_province_found(text: str, province: str) -> None:
    assert province in {m.province for m in find_provinces(text)}


@pytest.mark.parametrize(
    "text",
    [
        "ณ มหาวิทยาลัยนอร์ทกรุงเทพ",  # a name inside another name
        "ก็เลยไม่ได้ไป",  # เลย the word
        "เผยแพร่ข่าว",  # แพร่ the word
        "ตากแดด",  # ตาก the word
        "เขตพื้นที่การศึกษา",  # not a district
    ],
)
def test_no_province_in_other_words(text: str) -> None:
    assert find_provinces(text) == []


@pytest.mark.parametrize(
    ("name", "province"),
    [("กทม", "กรุงเทพมหานคร"), ("โคราช", "นครราชสีมา"), ("Samut Sakhon", "สมุทรสาคร"),
     ("chiang mai", "เชียงใหม่"), ("อยุธยา", "พระนครศรีอยุธยา"), ("ไม่มีจังหวัดนี้", None)],
)  # fmt: skip
def test_canonical_province(name: str, province: str | None) -> None:
    assert canonical_province(name) == province
