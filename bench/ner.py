"""Our extraction beside what pythainlp ships offline: its CRF named-entity model (thainer 1.5.1).

The model file is in pythainlp's wheel, but `ThaiNameTagger("1.5")` asks for a download and the
part-of-speech tagger it was trained with (blackboard) is not shipped; here the model is opened
directly and fed the shipped orchid_ud tags, which is the best pythainlp can do offline, one
sentence at a time (lines cut by pythainlp's shipped CRF sentence splitter). For each
labelled field we count a hit when some entity of the matching type equals the label, or nearly
(a name without its honorific, a place without "จังหวัด"); NER does not say which of its entities is
the chair or the organiser, so this counts only that the right one is among them. Our side is scored
the strict way: the field must equal the label. Labels: ../shared/seeds/expected.json.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path
from typing import Any

from news.extract import extract_meetings

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FIELDS = {"chair": "PERSON", "province": "LOCATION", "organizer": "ORGANIZATION", "start_date": "DATE"}


def _tagger() -> Any:
    import pycrfsuite
    import pythainlp
    from pythainlp.tag.thainer import ThaiNameTagger

    tagger = object.__new__(ThaiNameTagger)
    tagger.crf = pycrfsuite.Tagger()
    tagger.crf.open(str(Path(pythainlp.__file__).parent / "corpus" / "thainer_crf_1_5_1.model"))
    tagger.pos_tag_name = "orchid_ud"
    return tagger


def _entities(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IOB tags joined into (type, text) spans."""
    spans: list[tuple[str, str]] = []
    for word, tag in tagged:
        if tag.startswith("B-") or (tag.startswith("I-") and (not spans or spans[-1][0] != tag[2:])):
            spans.append((tag[2:], word))
        elif tag.startswith("I-"):
            spans[-1] = (spans[-1][0], spans[-1][1] + word)
    return spans


def _sentences(text: str) -> list[str]:
    """NER is trained on sentences: lines, cut further by pythainlp's shipped CRF sentence splitter."""
    from pythainlp.tokenize import sent_tokenize

    return [
        s for line in text.splitlines() if line.strip() for s in sent_tokenize(line.strip(), engine="crfcut")
    ]


def _key(text: str) -> str:
    return re.sub(r"\s+|^จังหวัด|^จ\.", "", text)


def _holds(entity: str, label: str) -> bool:
    """Equal, or nearly: a name without its honorific, a label inside a slightly longer span."""
    a, b = _key(entity), _key(label)
    if not a or not b:
        return False
    return a == b or (a in b and len(a) >= 0.6 * len(b)) or (b in a and len(a) <= 1.3 * len(b) + 6)


def run() -> dict[str, Any]:
    labels_file = SEEDS / "expected.json"
    if not labels_file.exists():
        return {"skipped": f"no labels at {labels_file}"}
    labels = json.loads(labels_file.read_text(encoding="utf-8"))
    tagger = _tagger()
    ours = {f: [0, 0] for f in FIELDS}
    ner = {f: [0, 0] for f in FIELDS}
    ner_ms, our_ms = [], []
    per_article: dict[str, list[int]] = {kind: [] for kind in FIELDS.values()}
    for item in labels:
        text = (SEEDS / item["file"]).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        found = extract_meetings(text)
        our_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        entities = [
            e for sentence in _sentences(text) for e in _entities(tagger.get_ner(sentence, pos=False))
        ]
        ner_ms.append((time.perf_counter() - t0) * 1000)
        for kind in per_article:
            per_article[kind].append(sum(k == kind for k, _ in entities))
        for expected in item["meetings"][:1]:
            mine = found[0].to_json() if found else {}
            for field, kind in FIELDS.items():
                label = expected.get(field)
                if not label:
                    continue
                ours[field][1] += 1
                ner[field][1] += 1
                ours[field][0] += mine.get(field) == label
                if field == "start_date":  # a DATE entity at all; turning it into ISO is our work anyway
                    ner[field][0] += any(k == kind for k, _ in entities)
                else:
                    ner[field][0] += any(k == kind and _holds(e, str(label)) for k, e in entities)
    return {
        "articles": len(labels),
        "ours_exact": {f: f"{a}/{n}" for f, (a, n) in ours.items()},
        "pythainlp_ner_found": {f: f"{a}/{n}" for f, (a, n) in ner.items()},
        "ner_entities_per_article": {k: round(statistics.mean(v), 1) for k, v in per_article.items()},
        "ours_ms_median": round(statistics.median(our_ms), 1),
        "ner_ms_median": round(statistics.median(ner_ms), 1),
    }
