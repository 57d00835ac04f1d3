"""kill -9 at 20 random moments of a real `monitor once` process, then a restart: nothing lost, at most one duplicate.

Each trial sweeps a fresh X world (tests/faults/test_api_suite.py's) in a child process that is killed with
SIGKILL at a seeded random moment of its run, from start-up to the last email; then `monitor once` runs again at
the same `now` and must finish the work: every item the control run stored is stored, every finding it alerted
is alerted, a finding is listed as new at most twice (the documented at-least-once window: a crash between
the SMTP server's 250 and the record), and no sweep run is left "running" nor a delivery "sending".
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TOKEN
from tests.faults.harness import RESULTS, T, Measure, findings, iso, listed, stored_ids
from tests.faults.test_api_suite import World, x_world
from tests.fakes.smtp import SmtpServer

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20


def _world(folder: Path) -> Iterator[World]:
    smtp = SmtpServer().start()
    try:
        yield from x_world(folder, smtp)
    finally:
        smtp.stop()


def _child(world: World) -> subprocess.Popen[bytes]:
    """`monitor once` as its own process, as cron or a user runs it."""
    env = {**os.environ, "X_BEARER_TOKEN": TOKEN, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "monitor.cli", "once", "--config", str(world.monitor.config), "--now", iso(T)],
                            env=env, cwd=world.folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _rows(folder: Path, query: str) -> list[tuple]:
    with sqlite3.connect(folder / "monitor.db") as db:
        try:
            return db.execute(query).fetchall()
        except sqlite3.OperationalError:
            return []  # killed before the schema existed


def _alerted(world: World) -> set[tuple[str, str, tuple[str, ...]]]:
    found = findings(world.monitor)
    seen, _ = listed(world.smtp)
    return {(recipient, *found[i]) for recipient, i in seen if i in found}


@pytest.fixture(scope="module")
def control(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], set, float]:
    """What an uninterrupted run stores and alerts, and how long its process lives."""
    gen = _world(tmp_path_factory.mktemp("control"))
    world = next(gen)
    started = time.monotonic()
    child = _child(world)
    assert child.wait(120) == 0, child.stderr.read().decode() if child.stderr else ""
    elapsed = time.monotonic() - started
    outcome = (stored_ids(world.folder), _alerted(world), elapsed)
    gen.close()
    return outcome


def test_the_control_run_stores_and_alerts_something(control) -> None:
    items, alerted, _ = control
    assert len(items) >= 5 and len(alerted) >= 2


@pytest.mark.parametrize("trial", range(KILLS))
def test_kill_9_at_a_random_moment_then_a_restart_loses_nothing(tmp_path: Path, control, trial: int) -> None:
    items, alerted, lifetime = control
    moment = random.Random(trial).uniform(0.05, 1.0) * lifetime  # seeded: the same 20 moments every run
    gen = _world(tmp_path)
    world = next(gen)
    try:
        child = _child(world)
        try:
            child.wait(moment)  # the process runs on until the kill moment, unless it finished first
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait(30)
        stage = _rows(tmp_path, "SELECT status FROM sweep_runs") or [("before the first sweep row",)]

        again = world.monitor("once", "--now", iso(T))

        assert again.exit_code == 0, (stage, again.output)
        assert _rows(tmp_path, "SELECT count(*) FROM sweep_runs WHERE status = 'running'") == [(0,)]
        assert _rows(tmp_path, "SELECT count(*) FROM deliveries WHERE status = 'sending'") == [(0,)]
        lost_items = len(items - stored_ids(tmp_path))
        lost_alerts = len(alerted - _alerted(world))
        _, new = listed(world.smtp)
        duplicates = sum(n - 1 for n in new.values() if n > 1)
        RESULTS.append(Measure("process", f"kill -9 at {moment:.2f}s of {lifetime:.2f}s (trial {trial})", 1, lost_items,
                               lost_alerts, duplicates))
        assert (lost_items, lost_alerts) == (0, 0), stage
        assert max(new.values(), default=1) <= 2, (stage, new)  # at most one duplicate per crash
    finally:
        gen.close()
