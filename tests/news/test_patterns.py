"""A pattern compiled on first use matches exactly as the compiled one does."""

from __future__ import annotations

import re

from news.patterns import Lazy

TEXT = "สพฐ. จัดประชุม วันที่ 5 มี.ค. 2567 และ สพป.ตรัง เขต 1 จัดอบรม วันที่ 12 มี.ค. 2567"


def test_lazy_pattern_finds_what_re_finds() -> None:
    source, flags = r"(?P<body>สพ[ฐป]\.?)(?P<place>[ก-๙]*)|วันที่ (?P<day>\d+)", re.IGNORECASE
    lazy, eager = Lazy(source, flags), re.compile(source, flags)
    assert "compiled" not in vars(lazy)
    assert [m.group(0) for m in lazy.finditer(TEXT)] == ["สพฐ.", "วันที่ 5", "สพป.ตรัง", "วันที่ 12"]
    assert [m.span() for m in lazy.finditer(TEXT, 10)] == [m.span() for m in eager.finditer(TEXT, 10)]
    found = lazy.search(TEXT, TEXT.index("และ"))
    assert found is not None and (found["body"], found["place"]) == ("สพป.", "ตรัง")
    assert lazy.match(TEXT) is not None and lazy.match(TEXT, 1) is None
    assert lazy.fullmatch("สพป.ตรัง") is not None and lazy.fullmatch(TEXT) is None
    assert lazy.sub(lambda m: m["day"] or "X", TEXT, count=2) == eager.sub(
        lambda m: m["day"] or "X", TEXT, count=2
    )
    assert lazy.pattern == source and lazy.compiled.flags == eager.flags
