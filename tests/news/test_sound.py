"""Thai names and their English spellings meet on one sound key (news.sound)."""

from __future__ import annotations

import pytest

from news.sound import latin_key, latin_marks, thai_keys, thai_marks

# (Thai spelling, English spelling as releases write it); public figures' names and made-up ones
PAIRS = [
    ("ตรีนุช", "Treenuch"), ("เทียนทอง", "Thienthong"), ("ณัฏฐพล", "Nataphol"), ("ทีปสุวรรณ", "Teepsuwan"),
    ("อังคสกุลเกียรติ", "Angkasakulkiat"), ("ชาญวีรกูล", "Charnvirakul"), ("กนกวรรณ", "Kanokwan"),
    ("แพทองธาร", "Paetongtarn"), ("ชินวัตร", "Shinawatra"), ("ชัชชาติ", "Chadchart"),
    ("สิทธิพันธุ์", "Sittipunt"), ("จำปาทอง", "Champatong"), ("สิริพงศ์", "Siripong"),
    ("ธีระเกียรติ", "Teerakiat"), ("เจริญวงศ์ศักดิ์", "Charoenwongsak"), ("สมเกียรติ", "Somkiat"),
    ("จันทวงศ์", "Chanthawong"), ("ศรีสมบัติ", "Srisombat"),
]  # fmt: skip


@pytest.mark.parametrize(("thai", "english"), PAIRS)
def test_a_thai_name_sounds_like_its_english_spelling(thai: str, english: str) -> None:
    assert latin_key(english) in thai_keys(thai)


def test_keys_are_the_consonants_heard() -> None:
    assert latin_key("Treenuch") == "trnt"
    assert latin_key("Champatong") == "cmptn"
    assert thai_keys("ตรีนุช") == ("trnt",)


@pytest.mark.parametrize(
    ("thai", "english"), [("ตรีนุช", "Thienthong"), ("จำปาทอง", "Kanokwan"), ("สมเกียรติ", "Srisombat")]
)
def test_different_names_do_not_meet(thai: str, english: str) -> None:
    assert latin_key(english) not in thai_keys(thai)


def test_short_names_have_no_key() -> None:
    """Three consonants or fewer are shared by too many words to tell a name."""
    assert latin_key("Udom") == ""
    assert thai_keys("อุดม") == ()
    assert thai_marks("อุดม") == ()


def test_marks_cover_each_word_and_the_full_name() -> None:
    """A question may type the given name, the surname, or both glued together."""
    marks = latin_marks("Assoc. Prof. Somkiat Chanthawong").split()
    assert {"~smkt~", "~cntn~", "~smktcntn~"} <= set(marks)
    assert "~smktcntn~" in thai_marks("สมเกียรติจันทวงศ์")
    assert thai_marks("Somkiat") == ()  # only Thai words are heard
