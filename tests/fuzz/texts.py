"""Hostile chat texts: the numbers, dates and commands people (and attackers) type, at their extremes."""

from __future__ import annotations

from hypothesis import strategies as st

NUMBERS = (
    st.sampled_from(
        ["9223372036854775807", "9223372036854775808", "-9223372036854775809", "1" + "0" * 40, "0", "-1",
         "๙" * 25, "1e309", "99999999", "2147483648", "00000000000000000000001", "1,000,000,000,000,000,000"]
    )
    | st.integers(-(10**30), 10**30).map(str)
)  # fmt: skip
TEMPLATES = st.sampled_from(
    [
        "เกิน {n} คน", "มากกว่า {n} คน", "ไม่เกิน {n} คน", "ผู้เข้าร่วม {n} คนขึ้นไป", "ประชุมวันที่ {n}",
        "ประชุม {n}/{n}/{n}", "สัมมนาปี {n}", "ประชุมปี พ.ศ. {n}", "อบรมอีก {n} วัน", "ประชุม {n} วันที่แล้ว",
        "ประชุม {n} มี.ค. {n}", "ประชุมเดือนที่ {n}", "ประชุมที่ {t}", "{t}", "ติดตาม {t}", "เลิกติดตาม {n}",
        "ประชุมล่าสุด หน้า {n}", "สัมมนา {n} คน ที่ตรัง", "ประชุม {n} ถึง {n}", "{n}", "ประชุมครั้งที่ {n}",
        "/del {n}", "/add {t}", "ประชุมสัปดาห์หน้า {t}", "ประชุมวันที่ {n} ถึง {n} {t}",
    ]
)  # fmt: skip


def hostile_texts() -> st.SearchStrategy[str]:
    return st.builds(
        lambda template, n, t: template.format(n=n, t=t), TEMPLATES, NUMBERS, st.text(max_size=30)
    )


def postbacks() -> st.SearchStrategy[str]:
    """What the bot's own buttons send, with every field out of range or malformed."""
    forms = st.sampled_from(
        ["action=more&page={n}&q={t}", "action=digest&batch={n}&page={n}", "action=follow&q={t}",
         "action=unfollow&q={t}", "action={t}", "{t}", "action=more&page={n}&page={n}&q={t}&q={t}"]
    )  # fmt: skip
    return st.builds(lambda form, n, t: form.format(n=n, t=t)[:300], forms, NUMBERS, hostile_texts())
