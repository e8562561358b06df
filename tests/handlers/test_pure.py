"""Handlers are pure: they build LINE's JSON and never load line-bot-sdk, which only bot/ talks to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import handlers

MODULES = sorted(f"handlers.{path.stem}" for path in Path(handlers.__file__).parent.glob("*.py"))


def test_importing_every_handler_loads_no_line_bot_sdk_module() -> None:
    """The rich menu included: its object is plain JSON, and bot/richmenu.py makes the SDK's request."""
    assert "handlers.richmenu" in MODULES and "handlers.replies" in MODULES
    probe = (
        "import importlib, sys\n"
        f"for name in {MODULES!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'linebot'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"
