"""`prachum add` for cross-validation: each article is added with the weights of the fold that held it out.

    python -m news.fold_add FOLDS.json PATH [PATH ...]

FOLDS.json maps an article's file name to a weights file (news.evaluate writes it); articles it does not
name are added with the committed weights.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path


def main(argv: list[str]) -> int:
    plan, *paths = argv
    by_file: dict[str, str] = json.loads(Path(plan).read_text(encoding="utf-8"))
    groups: dict[str | None, list[str]] = defaultdict(list)
    for path in paths:
        groups[by_file.get(Path(path).name)].append(path)
    prachum = str(Path(sys.executable).with_name("prachum"))
    for weights, group in groups.items():
        command = [prachum, "add", *(["--weights", weights] if weights else []), *group]
        if subprocess.run(command, check=False).returncode != 0:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
