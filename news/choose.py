"""Weigh candidates with the fitted weights (`news/weights.json`) and keep the best, or none.

A candidate's probability is the logistic of its weighted features; the best candidate is kept when that
probability reaches one half, so "no value" is learned from the labels like every other choice.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from news.candidates import Candidate

WEIGHTS_FILE = Path(__file__).with_name("weights.json")
Weights = Mapping[str, Mapping[str, float]]


@dataclass(frozen=True)
class Choice:
    candidate: Candidate | None
    confidence: float


@cache
def fitted_weights() -> Weights:
    return read_weights(WEIGHTS_FILE)


def read_weights(path: Path) -> Weights:
    """Weights per field, and under "floor" the probability each field's best candidate needs."""
    data = json.loads(path.read_text(encoding="utf-8"))
    weights: dict[str, dict[str, float]] = dict(data["weights"])
    weights["floor"] = dict(data.get("floor", {}))
    return weights


def probability(weights: Mapping[str, float], candidate: Candidate) -> float:
    score = sum(weights.get(name, 0.0) * value for name, value in candidate.features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def choose(
    field: str, candidates: Sequence[Candidate], weights: Weights, floor: float | None = None
) -> Choice:
    """The most probable candidate when it reaches the field's floor (one half unless fitted otherwise)."""
    field_weights = weights.get(field, {})
    if floor is None:
        floor = weights.get("floor", {}).get(field, 0.5)
    best, best_p = None, 0.0
    for candidate in candidates:
        p = probability(field_weights, candidate)
        if p > best_p:
            best, best_p = candidate, p
    if best is None or best_p < floor:
        return Choice(None, round(1.0 - best_p, 3))
    return Choice(best, round(best_p, 3))
