"""Fit `news/weights.json` from hand-labelled articles.

    python -m news.train [--out news/weights.json] LABELS.json ARTICLES_DIR [LABELS.json ARTICLES_DIR ...]

Every article is read exactly as `prachum extract` reads it; each field's candidates are labelled right
or wrong against the hand labels (the scorer's rules: exact dates, times, provinces and counts; fuzzy
titles, venues, people and bodies), and one logistic regression per field is fitted on them. The
regression is deterministic, so the same labels always give the same weights file.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from news.candidates import Candidate
from news.choose import Choice
from news.clean import clean_article, posted_year
from news.dates import THAI_DIGITS
from news.extract import parts_of, walk
from news.orgs import expand_in_text
from news.segment import article_year

FIELDS = ("title", "date", "time", "venue", "chair", "organizer", "attendees", "province")
REGULARISATION = 1.0  # sklearn's C; chosen by cross-validation (docs/accuracy.md)
# The probability an article's best event phrase needs to make it a meeting, and the best person to be
# its chair (one half for the other fields); chosen by cross-validation.
FLOORS: dict[str, float] = {"title": 0.35}  # every other field: 0.5
HONORIFICS = re.compile(
    r"^(?:นางสาว|นาง|นาย|ดร\.|ว่าที่ร้อยตรี|พลเอก|พล\.อ\.|ผศ\.|รศ\.|ศ\.|Mr\.|Mrs\.|Ms\.|Dr\.)\s*"
)


@dataclass(frozen=True)
class Labelled:
    name: str
    text: str
    events: list[dict[str, Any]]


def load(pairs: Sequence[tuple[Path, Path]]) -> list[Labelled]:
    """Labelled articles from (labels file, articles folder) pairs; negatives have no events."""
    found = []
    for labels_path, folder in pairs:
        for item in json.loads(labels_path.read_text(encoding="utf-8")):
            events = item.get("meetings", item.get("events", [])) if item.get("is_meeting", True) else []
            text = (folder / item["file"]).read_text(encoding="utf-8")
            found.append(Labelled(item["file"], text, events))
    return found


GENRE_SET = Path(__file__).with_name("data") / "genre_train.json"


def load_genre(path: Path = GENRE_SET) -> list[Labelled]:
    """The team's own labelled articles in the genre, always part of the training data."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Labelled(item["file"], item["text"], item["events"]) for item in data["articles"]]


def fold(text: str | None) -> str:
    """What two spellings of a name share: no spaces, quotes, honorifics, Thai digits or abbreviations."""
    if not text:
        return ""
    text = re.sub(r"[\s\u200b\xa0\"'“”‘’()]+", "", str(text)).translate(THAI_DIGITS)
    for _ in range(3):
        text = HONORIFICS.sub("", text)
    return expand_in_text(text).replace(" ", "").lower()


def similar(want: str | None, got: str | None) -> bool:
    a, b = fold(want), fold(got)
    if not a or not b:
        return False
    if a in b or b in a:
        return min(len(a), len(b)) / max(len(a), len(b)) >= 0.3
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def is_right(field: str, candidate: Candidate, events: Sequence[dict[str, Any]]) -> bool:
    """Whether the candidate's value is the labelled value of this field in any of the article's events."""
    value = candidate.value
    for event in events:
        if field == "title" and similar(event["title"], value[0]):
            return True
        if field == "date" and event.get("start_date") == value[0].isoformat():
            return True
        if field == "chair" and similar(event.get("chair"), value[0]):
            return True
        unnamed = field == "chair" and value[0] is None and not event.get("chair")
        if unnamed and similar(event.get("chair_position"), value[1]):
            return True  # a chair the article gives only by position
        if field in ("venue", "organizer") and similar(event.get(field), value):
            return True
        if field in ("time", "province", "attendees") and event.get(field) == value:
            return True
    return False


Rows = dict[str, list[tuple[dict[str, float], int]]]


def collect(articles: Sequence[Labelled]) -> Rows:
    """Every candidate of every field with its label, walking each article as extraction does.

    The walk follows the labels: the event, date and other fields that later features are read from
    are the right candidates where one exists, so each field learns from the context it should have.
    """
    rows: Rows = {name: [] for name in FIELDS}
    for item in articles:

        def pick(
            field: str,
            candidates: Sequence[Candidate],
            floor: float | None = None,
            events: list[dict[str, Any]] = item.events,
        ) -> Choice:
            right = []
            for candidate in candidates:
                label = is_right(field, candidate, events)
                rows[field].append((candidate.features, int(label)))
                if label:
                    right.append(candidate)
            if right:
                return Choice(right[0], 1.0)
            if field == "title" and events and candidates:
                return Choice(candidates[0], 0.0)  # read the other fields around the first event phrase
            return Choice(None, 0.0)

        cleaned = clean_article(item.text)
        for part in parts_of(cleaned, article_year(cleaned) or posted_year(item.text)):
            walk(part.article, pick)
    return rows


def fit(
    articles: Sequence[Labelled], c: float = REGULARISATION, drop: Sequence[str] = ()
) -> dict[str, dict[str, float]]:
    """One L2-regularised logistic regression per field; weights keyed by feature name.

    Features whose names start with one of `drop` are left out (an ablation: what they were worth).
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    weights: dict[str, dict[str, float]] = {}
    for field, data in collect(articles).items():
        labels = [label for _, label in data]
        if len(set(labels)) < 2:
            weights[field] = {"bias": -5.0 if not any(labels) else 5.0}
            continue
        vectorizer = DictVectorizer(sparse=True)
        kept = [{k: v for k, v in features.items() if not k.startswith(tuple(drop))} for features, _ in data]
        matrix = vectorizer.fit_transform(kept)
        model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000, solver="lbfgs")
        model.fit(matrix, labels)
        weights[field] = {
            name: round(float(weight), 4)
            for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
            if abs(weight) >= 1e-4
        }
    return weights


def write(
    weights: dict[str, dict[str, float]],
    path: Path,
    sources: Sequence[str],
    floors: dict[str, float] | None = None,
) -> None:
    floor = FLOORS if floors is None else floors
    data = {"fitted_on": list(sources), "regularisation": REGULARISATION, "floor": floor,
            "weights": weights}  # fmt: skip
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("weights.json"))
    parser.add_argument("--c", type=float, default=REGULARISATION)
    parser.add_argument("pairs", nargs="+", help="LABELS.json ARTICLES_DIR, repeated")
    args = parser.parse_args(argv)
    if len(args.pairs) % 2:
        parser.error("give labels files and article folders in pairs")
    pairs = [(Path(a), Path(b)) for a, b in zip(args.pairs[::2], args.pairs[1::2], strict=True)]
    articles = [*load_genre(), *load(pairs)]
    sources = [f"news/data/{GENRE_SET.name}", *(f"{a.parent.name}/{a.name}" for a, _ in pairs)]
    write(fit(articles, args.c), args.out, sources)
    print(f"fitted on {len(articles)} articles -> {args.out}")


if __name__ == "__main__":
    main()
