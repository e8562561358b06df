"""Where extraction stands: the scorer's tables for the seeds and the real set, and a 5-fold estimate.

    python -m news.evaluate [--shared ../shared] [--check docs/accuracy.md]

The cross-validated figure is the honest one for text the extractor has never seen: the weights are
fitted on the seeds and four fifths of the real set, the held-out fifth is scored with the official
scorer, five times. `--check` fails when a figure falls more than 0.02 below the one written down.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from news.train import FLOORS, REGULARISATION, fit, load, load_genre, write

FOLDS = 5
TOLERANCE = 0.02
ROW = re.compile(r"^(\w+)\s+(\d+)/(\d+)\s+[\d.]+$")
OVERALL = re.compile(r"^overall ([\d.]+)")


def score(
    shared: Path, labels: Path, articles: Path, weights: Path | None = None, verbose: bool = False
) -> list[str]:
    """The official scorer's table for one labelled folder, run on `prachum extract --json`."""
    scorer = shared / "eval" / "score_extraction.py"
    prachum = Path(sys.executable).with_name("prachum")
    command = [sys.executable, str(scorer), "--labels", str(labels), "--articles", str(articles), "--",
               str(prachum), "extract", "--json"]  # fmt: skip
    if weights is not None:
        command += ["--weights", str(weights)]
    if verbose:
        command.insert(2, "--verbose")
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise SystemExit(f"scorer failed: {run.stdout[-500:]}{run.stderr[-500:]}")
    return run.stdout.strip().splitlines()


def fold_weights(
    shared: Path,
    folder: Path,
    floors: dict[str, float] | None = None,
    c: float = REGULARISATION,
    drop: Sequence[str] = (),
) -> list[tuple[set[str], Path]]:
    """For each fold, the real articles it holds out and the weights fitted without them."""
    seeds = (shared / "seeds" / "expected.json", shared / "seeds")
    real_labels = shared / "eval" / "real" / "labels.json"
    items = json.loads(real_labels.read_text(encoding="utf-8"))
    base = [*load_genre(), *load([seeds])]
    real = load([(real_labels, shared / "eval" / "real" / "articles")])
    folds = []
    for k in range(FOLDS):
        held = {item["file"] for i, item in enumerate(items) if i % FOLDS == k}
        weights = folder / f"weights{k}.json"
        write(fit([*base, *(a for a in real if a.name not in held)], c, drop), weights, ["cv"], floors)
        folds.append((held, weights))
    return folds


def cross_validate(
    shared: Path, folds: Sequence[tuple[set[str], Path]], verbose: bool = False
) -> tuple[dict[str, list[int]], str]:
    """Per-field hits and totals summed over the held-out folds, and the events line of each fold."""
    real_labels = shared / "eval" / "real" / "labels.json"
    real_dir = shared / "eval" / "real" / "articles"
    items = json.loads(real_labels.read_text(encoding="utf-8"))
    totals: dict[str, list[int]] = {}
    missed = rejected = negatives = 0
    for k, (held, weights) in enumerate(folds):
        labels = weights.with_name(f"held{k}.json")
        labels.write_text(json.dumps([i for i in items if i["file"] in held], ensure_ascii=False), "utf-8")
        for line in score(shared, labels, real_dir, weights, verbose):
            if verbose and ": want " in line:
                print(line)
            row = ROW.match(line)
            if row:
                hit, total = totals.setdefault(row[1], [0, 0]), (int(row[2]), int(row[3]))
                hit[0] += total[0]
                hit[1] += total[1]
            events = re.search(r"(\d+) missed.*rejected (\d+)/(\d+)", line)
            if events:
                missed += int(events[1])
                rejected += int(events[2])
                negatives += int(events[3])
    return totals, f"events missed over the folds: {missed}; negatives rejected {rejected}/{negatives}"


def cross_validated_questions(
    shared: Path, folds: Sequence[tuple[set[str], Path]], verbose: bool = False
) -> list[str]:
    """The real questions asked of the real set stored as unseen text: each article's meetings are
    extracted with the weights of the fold that held it out, so the answers inherit the extraction
    errors of text the extractor never saw, as the questions kept outside the team do."""
    by_file = {name: str(weights) for held, weights in folds for name in held}
    plan = folds[0][1].with_name("folds.json")
    plan.write_text(json.dumps(by_file), "utf-8")
    prachum = Path(sys.executable).with_name("prachum")
    command = [sys.executable, str(shared / "eval" / "score_queries.py"),
               "--cases", str(shared / "eval" / "real" / "questions.json"),
               "--articles", str(shared / "eval" / "real" / "articles"),
               "--add", f"{sys.executable} -m news.fold_add {plan}",
               "--ask", f"{prachum} ask --json"]  # fmt: skip
    if verbose:
        command.append("--verbose")
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise SystemExit(f"scorer failed: {run.stdout[-500:]}{run.stderr[-500:]}")
    return [line for line in run.stdout.strip().splitlines() if verbose or not line.startswith("ok ")]


def overall(totals: dict[str, list[int]]) -> float:
    hits = sum(h for h, _ in totals.values())
    return hits / max(1, sum(t for _, t in totals.values()))


def written_figures(path: Path) -> dict[str, float]:
    """The figures docs/accuracy.md holds, from its lines "- seeds: 1.000" and the like."""
    found = {}
    for match in re.finditer(r"^- (seeds|real|cross-validated): ([\d.]+)", path.read_text("utf-8"), re.M):
        found[match[1]] = float(match[2])
    return found


def report(totals: dict[str, list[int]], events: str, now: dict[str, float]) -> None:
    for field, (hit, total) in totals.items():
        print(f"{field:15s} {hit:4d}/{total:<4d} {hit / total:.2f}")
    print(events)
    now["cross-validated"] = overall(totals)
    print(f"overall {now['cross-validated']:.3f} (cross-validated)")


def _floors(pairs: Sequence[str]) -> dict[str, float]:
    return {field: float(value) for field, value in (pair.split("=", 1) for pair in pairs)}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--check", type=Path, help="fail when a figure drops below the one in this file")
    parser.add_argument(
        "--floor", action="append", default=[], metavar="FIELD=P", help="cross-validate a floor"
    )
    parser.add_argument("--verbose", action="store_true", help="print each held-out field that is wrong")
    parser.add_argument("--drop", action="append", default=[], help="ablation: leave out features named so")
    parser.add_argument(
        "--questions", action="store_true", help="also ask the real questions of the real set stored unseen"
    )
    parser.add_argument(
        "--c", type=float, default=REGULARISATION, help="cross-validate another regularisation"
    )
    args = parser.parse_args(argv)
    if not (args.shared / "eval" / "score_extraction.py").exists():
        raise SystemExit(
            f"{args.shared}/eval not found: the evaluation needs the shared data beside the project"
        )
    now: dict[str, float] = {}
    for name, labels, articles in (
        ("seeds", args.shared / "seeds" / "expected.json", args.shared / "seeds"),
        ("real", args.shared / "eval" / "real" / "labels.json", args.shared / "eval" / "real" / "articles"),
    ):
        print(f"== {name} (committed weights)")
        lines = score(args.shared, labels, articles)
        print("\n".join(lines))
        now[name] = float(OVERALL.match(lines[-1])[1])  # type: ignore[index]
    print(f"== real, {FOLDS}-fold cross-validated (fitted on seeds + 4/5, scored on the held-out 1/5)")
    with tempfile.TemporaryDirectory() as tmp:
        floors = {**FLOORS, **_floors(args.floor)}
        folds = fold_weights(args.shared, Path(tmp), floors, args.c, args.drop)
        totals, events = cross_validate(args.shared, folds, args.verbose)
        report(totals, events, now)
        if args.questions:
            print(f"== real questions over the real set stored with the {FOLDS} folds' weights (unseen text)")
            print("\n".join(cross_validated_questions(args.shared, folds, args.verbose)))
    if args.check:
        written = written_figures(args.check)
        worse = [
            f"{k} {now[k]:.3f} < {v:.3f} - {TOLERANCE}" for k, v in written.items() if now[k] < v - TOLERANCE
        ]
        if worse:
            raise SystemExit("accuracy dropped: " + "; ".join(worse))
        print(f"within {TOLERANCE} of {args.check}: " + ", ".join(f"{k} {v:.3f}" for k, v in written.items()))


if __name__ == "__main__":
    main()
