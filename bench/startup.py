"""`prachum ask` as a fresh process against `prachum --help`: every evaluation run starts 50 of them.

The two commands run in turn (so a busy machine slows both alike) on a SQLite file holding the
sample articles; the medians of wall time and of CPU time (user + system, which other processes on
a shared machine disturb less) and their ratios are reported. The target is a ratio of 4 at most.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "ประชุมที่สมุทรสาคร"  # not found: the nearby provinces and the examples
FOUND = "ประชุมที่เชียงใหม่"  # found: a carousel, its alt text cut between words (pythainlp loads)
TARGET_RATIO = 4.0


def command() -> list[str]:
    """The installed `prachum` script beside this interpreter, else the module."""
    script = Path(sys.executable).with_name("prachum")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def timed(args: list[str], *, env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(args, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(rounds: int = 15, prachum: list[str] | None = None) -> dict[str, object]:
    prachum = prachum or command()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/startup.db", "PYTHAINLP_OFFLINE": "1"}
        env.pop("LINE_CHANNEL_ACCESS_TOKEN", None)
        shutil.copytree(ROOT / "samples", Path(folder) / "samples")
        add = [*prachum, "add", "samples"]
        subprocess.run(add, env=env, cwd=folder, check=True, stdout=subprocess.DEVNULL)
        commands = {
            "help": ["--help"],
            "ask": ["ask", QUESTION],
            "ask_json": ["ask", "--json", QUESTION],
            "ask_found": ["ask", "--json", FOUND],
        }
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, args in commands.items():
                runs[name].append(timed([*prachum, *args], env=env, cwd=folder))
    wall = {name: statistics.median(w for w, _ in times) * 1000 for name, times in runs.items()}
    cpu = {name: statistics.median(c for _, c in times) * 1000 for name, times in runs.items()}
    return {
        "rounds": rounds,
        "help_ms": round(wall["help"]),
        "ask_ms": round(wall["ask"]),
        "ask_json_ms": round(wall["ask_json"]),
        "ask_found_ms": round(wall["ask_found"]),
        "ratio": round(wall["ask"] / wall["help"], 2),
        "found_ratio": round(wall["ask_found"] / wall["help"], 2),
        "help_cpu_ms": round(cpu["help"]),
        "ask_cpu_ms": round(cpu["ask"]),
        "cpu_ratio": round(cpu["ask"] / cpu["help"], 2),
        "found_cpu_ratio": round(cpu["ask_found"] / cpu["help"], 2),
        "target_ratio": TARGET_RATIO,
    }
