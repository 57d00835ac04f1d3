"""The database fault suite: a locked SQLite file, PostgreSQL restarted in the middle of a sweep, and a schema
created by two processes at once. Measured like the API suite: items lost, alerts lost, duplicates."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.harness import Outcome, measure
from tests.faults.test_api_suite import MENTIONS, World, controls, x_world  # noqa: F401 - the fixture
from tests.fakes.smtp import SmtpServer

REPO = Path(__file__).resolve().parents[2]


def test_a_locked_sqlite_file_is_waited_for_and_nothing_is_lost(tmp_path: Path, smtp: SmtpServer,
                                                              controls: dict[str, Outcome]) -> None:  # noqa: F811
    world: World = next(x_world(tmp_path, smtp))
    assert world.monitor("db upgrade").exit_code == 0
    holder = sqlite3.connect(tmp_path / "monitor.db", check_same_thread=False)
    released = threading.Event()

    def lock_for_two_seconds() -> None:
        holder.execute("BEGIN EXCLUSIVE")  # another writer (a backup, an sqlite3 shell) holds the file
        released.wait(2)
        holder.commit()

    locker = threading.Thread(target=lock_for_two_seconds)
    outcome = world.run(lambda fake: locker.start())
    released.set()
    locker.join()
    holder.close()
    result = measure("database", "SQLite locked by another writer for 2 s", controls["x"], outcome)

    assert (result.items_lost, result.alerts_lost, result.duplicates) == (0, 0, 0), outcome.outputs
    assert outcome.first_exit == 0, outcome.outputs[0]


@pytest.fixture
def postgres() -> Iterator[object]:
    from tests.fakes.postgres import PostgresServer

    server = PostgresServer().start()
    yield server
    server.stop()


def _use(world: World, url: str) -> None:
    config = world.monitor.config
    config.write_text(config.read_text().replace('url = "sqlite:///monitor.db"', f'url = "{url}"'))
    world.database = url


def test_postgresql_restarted_in_the_middle_of_a_sweep_loses_nothing(tmp_path: Path, smtp: SmtpServer, postgres,
                                                                     controls: dict[str, Outcome]) -> None:  # noqa: F811
    world: World = next(x_world(tmp_path, smtp))
    _use(world, postgres.url)
    restarted = []
    original = world.fake._handle

    def restart_on_mentions(method, raw_path, authorization):  # type: ignore[no-untyped-def]
        if MENTIONS in raw_path and not restarted:  # the sweep has opened its run and is fetching
            restarted.append(True)
            postgres.restart()
        return original(method, raw_path, authorization)

    world.fake._handle = restart_on_mentions
    outcome = world.run()
    result = measure("database", "PostgreSQL restarted mid-sweep", controls["x"], outcome)

    assert restarted
    assert (result.items_lost, result.alerts_lost, result.duplicates) == (0, 0, 0), outcome.outputs
    assert "Traceback" not in "".join(outcome.outputs)


def _two_at_once(config: Path, env: dict[str, str]) -> list[subprocess.CompletedProcess]:
    command = [sys.executable, "-m", "monitor.cli", "db", "upgrade", "--config", str(config)]
    procs = [subprocess.Popen(command, cwd=REPO, env={**os.environ, **env}, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=120), *p.communicate()) for p in procs]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_schema_created_by_two_processes_at_once(tmp_path: Path, smtp: SmtpServer, backend: str,
                                                   controls: dict[str, Outcome], request) -> None:  # noqa: F811
    world: World = next(x_world(tmp_path, smtp))
    if backend == "postgresql":
        _use(world, request.getfixturevalue("postgres").url)

    results = _two_at_once(world.monitor.config, world.monitor.env)

    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    outcome = world.run()
    result = measure("database", f"schema created by two processes at once ({backend})", controls["x"], outcome)
    assert (result.items_lost, result.alerts_lost, result.duplicates) == (0, 0, 0), outcome.outputs
