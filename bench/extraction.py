"""Extraction speed: median milliseconds per article after start-up, and the start-up cost."""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
REAL = ROOT.parent / "shared" / "eval" / "real" / "articles"
TOKENISE = (
    "import sys; from pythainlp.tokenize import word_tokenize; "
    "[word_tokenize(open(p).read()) for p in sys.argv[1:]]"
)
NOISE = ["\nแชร์\n", "\nเข้าชม 1,024 ครั้ง\n", "\u200b", "  ", "\nข่าวที่เกี่ยวข้อง\nสพป.ตาก จัดอบรม วันที่ 1 มี.ค. 67\n"]


def articles(count: int) -> list[str]:
    """Variations of the seed articles (or our samples): shuffled paragraphs, noise, other digits."""
    folder = SEEDS if SEEDS.exists() else ROOT / "samples"
    bases = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    rng = random.Random(7)
    out = []
    for index in range(count):
        paragraphs = rng.choice(bases).split("\n\n")
        head, rest = paragraphs[:1], paragraphs[1:]
        rng.shuffle(rest)
        text = "\n\n".join(head + rest) + rng.choice(NOISE)
        if index % 3 == 0:
            text = text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        out.append(text)
    return out


def run() -> dict[str, float]:
    texts = articles(500)
    first = "import sys; from news.extract import extract_meetings; extract_meetings(sys.stdin.read())"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", first], input=texts[0], text=True, check=True, cwd=ROOT)
    startup = time.perf_counter() - started
    from news.extract import extract_meetings

    extract_meetings(texts[0])  # warm the gazetteer caches, as a running bot has
    timings = []
    for text in texts:
        t0 = time.perf_counter()
        extract_meetings(text)
        timings.append((time.perf_counter() - t0) * 1000)
    return {
        "articles": len(texts),
        "median_ms": statistics.median(timings),
        "p95_ms": sorted(timings)[int(len(timings) * 0.95)],
        "startup_s": startup,
        **whole_run(),
    }


def whole_run(repeats: int = 3) -> dict[str, float]:
    """`prachum extract` over the real articles beside pythainlp's newmm merely tokenising them, each in a
    fresh process, alternating; medians of `repeats` runs and their ratio."""
    paths = sorted(str(p) for p in REAL.glob("*.txt")) if REAL.exists() else []
    if not paths:
        return {}
    prachum = Path(sys.executable).with_name("prachum")
    ours, newmm = [], []
    for _ in range(repeats):
        for command, into in (([str(prachum), "extract", "--json", *paths], ours),
                              ([sys.executable, "-c", TOKENISE, *paths], newmm)):  # fmt: skip
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
            into.append(time.perf_counter() - started)
    extract_s, newmm_s = statistics.median(ours), statistics.median(newmm)
    return {"real_articles": len(paths), "extract_all_s": extract_s, "newmm_tokenise_all_s": newmm_s,
            "extract_to_newmm": extract_s / newmm_s}  # fmt: skip
