"""`monitor check` on the demo accounts after the demo sweep: wall time of the whole process, per kind of draft.

Run: .venv/bin/python bench/bench_check.py [--runs 9]
The demo is copied to a temporary folder and swept once (as `./scripts/demo.sh` does), so each check compares its
draft with the demo's stored posts. Python may cache compiled modules (PYTHONDONTWRITEBYTECODE is unset for the runs,
as on a server; a warm-up check writes the cache). Beside the checks, the same number of runs of the interpreter alone and of the
libraries every check needs (SQLAlchemy's ORM, pydantic, numpy) give the floor the figures stand on.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
MONITOR = str(Path(sys.executable).with_name("monitor"))
NOW = "2026-11-20T18:00:00Z"
DRAFTS = [
    ("northwind-x", "English, clean", "New single origin from Ethiopia is in, come try it this weekend"),
    ("northwind-x", "English, rude reply", "@sergey_m It's not rocket science, folks. If you don't like it, shop elsewhere"),
    ("severny-veter-vk", "Russian, claim and phone", "Лучший кофе в городе — гарантия 100%! Звоните +7 916 123-45-67"),
    ("northwind-fb", "mixed", "Новый blend уже в продаже, limited edition — только до пятницы!"),
]


def wall(command: list[str]) -> float:
    """Wall seconds of one process."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=ENV)
    if done.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr}")
    return time.perf_counter() - started


def main() -> None:
    """Print one Markdown table row per draft and per baseline."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    try:
        shutil.copytree(ROOT / "config" / "demo", folder / "config" / "demo")
        shutil.copy(ROOT / "config" / "demo.toml", folder / "config" / "demo.toml")
        config = str(folder / "config" / "demo.toml")
        wall([MONITOR, "once", "--config", config, "--now", NOW])
        commands = {
            "interpreter alone (`python -c pass`)": [sys.executable, "-c", "pass"],
            "libraries alone (`import sqlalchemy.orm, pydantic, numpy`)": [sys.executable, "-c", "import sqlalchemy.orm, pydantic, numpy"],
        }
        for account, kind, text in DRAFTS:
            commands[f"`monitor check`, {account}, {kind}"] = [MONITOR, "check", "--config", config, "--account", account,
                                                               "--now", NOW, text]
        wall(commands[next(reversed(commands))])  # warm-up: the module cache, the disk cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved: a busy moment of the machine slows every row alike
            for name, command in commands.items():
                times[name].append(wall(command))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("| process | median | slowest | runs |")
    print("|---|---|---|---|")
    for name, measured in times.items():
        print(f"| {name} | {statistics.median(measured):.2f} s | {max(measured):.2f} s | {args.runs} |")


if __name__ == "__main__":
    main()
