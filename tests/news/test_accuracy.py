"""Extraction accuracy stays within 0.02 of what docs/accuracy.md records."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import SHARED, require_shared

ROOT = Path(__file__).resolve().parents[2]


def test_accuracy_holds_against_docs() -> None:
    require_shared(SHARED / "eval" / "real" / "labels.json")
    run = subprocess.run(
        [sys.executable, "-m", "news.evaluate", "--shared", str(SHARED), "--check", "docs/accuracy.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-1500:] + run.stderr[-1500:]
    assert "within 0.02 of docs/accuracy.md" in run.stdout
