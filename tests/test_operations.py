"""Operating the monitor: the --now guard, one writer on SQLite, status, metrics and health, logs, SIGHUP."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.conftest import BRAND_ID, NOW, TOKEN, Monitor, iso, x_config
from tests.fakes.smtp import free_port
from tests.test_daemon import wait_for
from tests.test_e2e_x import seed

ROOT = Path(__file__).resolve().parent.parent


def _rows(db: Path, sql: str) -> list[tuple]:
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        rows = [tuple(r) for r in connection.execute(text(sql))]
    engine.dispose()
    return rows


class Daemon:
    """A real `monitor run` process whose stderr goes to a file the test reads."""

    def __init__(self, config: Path, *options: str, env: dict[str, str] | None = None):
        self.log = config.parent / f"daemon-{len(list(config.parent.glob('daemon-*.log')))}.log"
        full_env = {**os.environ, "X_BEARER_TOKEN": TOKEN, "PYTHONPATH": str(ROOT), **(env or {})}
        self.process = subprocess.Popen([sys.executable, "-m", "monitor.cli", *options, "run", "--config", str(config)],
                                        env=full_env, stdout=subprocess.DEVNULL, stderr=self.log.open("w"))

    @property
    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(60)
        finally:
            if self.process.poll() is None:
                self.process.kill()


def _live_config(tmp_path: Path, fake_x, smtp, daemon: str = "", extra: str = "") -> Path:
    """A config for the daemon, which reads the wall clock: one mention left unanswered five hours ago."""
    now = datetime.now(timezone.utc)
    fake_x.add_user("2001", "anna_k")
    fake_x.add_tweet("200", "2001", "@northwindcoffee where is my order?", now - timedelta(hours=5), mentions=["northwindcoffee"])
    fake_x.add_tweet("100", BRAND_ID, "Winter Blend is back", now - timedelta(days=2))
    config = x_config(tmp_path, fake_x, smtp, extra=extra)
    config.write_text(config.read_text().replace("[rules.ignoring]", f'[daemon]\ninterval = "1h"\njitter = "0s"\n{daemon}\n[rules.ignoring]'))
    return config


def test_a_now_before_the_last_sweep_is_refused_and_changes_nothing(monitor_x, fake_x, smtp, tmp_path):
    seed(fake_x)
    assert monitor_x("once", "--now", iso(NOW)).exit_code == 0
    before = _rows(tmp_path / "monitor.db", "SELECT id, status, resolved_at FROM findings ORDER BY id")
    runs = _rows(tmp_path / "monitor.db", "SELECT count(*) FROM sweep_runs")

    back = monitor_x("once", "--now", iso(NOW - timedelta(days=1)))

    assert back.exit_code == 2
    assert "earlier than northwind-x's last sweep" in back.output and "time only moves forward" in back.output
    assert _rows(tmp_path / "monitor.db", "SELECT id, status, resolved_at FROM findings ORDER BY id") == before
    assert _rows(tmp_path / "monitor.db", "SELECT count(*) FROM sweep_runs") == runs
    assert len(smtp.messages) == 1  # the first sweep's digest only
    assert monitor_x("once", "--now", iso(NOW + timedelta(minutes=15))).exit_code == 0  # forward is fine


def test_status_on_a_new_database_says_no_sweep_has_run_then_shows_the_sweep(monitor_x, fake_x, smtp):
    empty = monitor_x("status")
    seed(fake_x)
    monitor_x("once", "--now", iso(NOW))
    shown = monitor_x("status")
    data = json.loads(monitor_x("status", "--json").output)

    assert empty.exit_code == 0 and "no sweep has run yet" in empty.output
    assert "northwind-x (x): never swept" in empty.output
    assert "no sweep has run yet" not in shown.output
    assert f"last sweep {NOW.isoformat()} ok" in shown.output and "3 open findings (" in shown.output
    [account] = data["accounts"]
    assert account["last_sweep"]["status"] == "ok" and account["last_sweep"]["worker"].endswith(f":{os.getpid()}")
    assert account["open_findings"] == 3 == sum(account["open_by_severity"].values())
    assert account["lease"] is None and data["outbox"] == {"pending": 0, "retrying": 0, "dead": 0}


def test_a_second_writer_on_sqlite_waits_then_exits_1_naming_the_daemon(tmp_path, fake_x, smtp):
    config = _live_config(tmp_path, fake_x, smtp)
    config.write_text(config.read_text().replace('url = "sqlite:///monitor.db"', 'url = "sqlite:///monitor.db"\nlock_wait = "0.5s"'))
    daemon = Daemon(config)
    try:
        assert wait_for(lambda: len(smtp.messages) == 1), daemon.stderr
        once = Monitor(config, {"X_BEARER_TOKEN": TOKEN})("once")
        second = Daemon(config)
        assert second.process.wait(60) == 1
    finally:
        assert daemon.stop() == 0
    assert once.exit_code == 1
    assert "is in use by `monitor run`" in once.output and f"pid {daemon.process.pid}" in once.output
    assert f"pid {daemon.process.pid}" in second.stderr
    assert len(smtp.messages) == 1  # nothing was swept twice
    after = Monitor(config, {"X_BEARER_TOKEN": TOKEN})("once")  # the daemon is gone: the lock is free
    assert after.exit_code == 0, after.output


def test_a_sweep_killed_mid_fetch_on_sqlite_is_recovered_by_the_next_sweep(tmp_path, fake_x, smtp):
    config = _live_config(tmp_path, fake_x, smtp)
    held = fake_x.hold("/mentions")
    daemon = Daemon(config)
    try:
        assert held.arrived.wait(60), daemon.stderr
        daemon.process.send_signal(signal.SIGKILL)
        daemon.process.wait(30)
    finally:
        held.release()
        daemon.stop()
    db = tmp_path / "monitor.db"
    assert _rows(db, "SELECT status FROM sweep_runs") == [("running",)]
    assert _rows(db, "SELECT lease_owner FROM accounts") == [(f"{os.uname().nodename}:{daemon.process.pid}",)]

    result = Monitor(config, {"X_BEARER_TOKEN": TOKEN})("once")

    assert result.exit_code == 0, result.output
    runs = _rows(db, "SELECT status, error FROM sweep_runs ORDER BY id")
    assert [r[0] for r in runs] == ["abandoned", "ok"]
    assert f"{daemon.process.pid} stopped before the sweep finished" in runs[0][1]
    assert _rows(db, "SELECT lease_owner FROM accounts") == [(None,)]
    assert len(smtp.messages) == 1  # the digest the killed sweep never sent


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_metrics_health_and_sighup_reload(tmp_path, fake_x, smtp):
    port = free_port()
    config = _live_config(tmp_path, fake_x, smtp, daemon=f"metrics_port = {port}")
    good = config.read_text()
    daemon = Daemon(config)
    try:
        assert wait_for(lambda: len(smtp.messages) == 1), daemon.stderr
        assert wait_for(lambda: 'sweeps_total{account="northwind-x",status="ok"} 1.0' in _get(f"http://127.0.0.1:{port}/metrics")[1])
        _, metrics = _get(f"http://127.0.0.1:{port}/metrics")
        health = _get(f"http://127.0.0.1:{port}/healthz")

        config.write_text(good.replace('platform = "x"', 'platform = "myspace"'))  # invalid
        daemon.process.send_signal(signal.SIGHUP)
        assert wait_for(lambda: "new config is invalid, keeping the running one" in daemon.stderr), daemon.stderr
        alive = daemon.process.poll() is None and _get(f"http://127.0.0.1:{port}/healthz")[0] == 200

        fake_x.add_user("1002", "southwind")
        fake_x.add_tweet("300", "2001", "@southwind hello? anyone?", datetime.now(timezone.utc) - timedelta(hours=4), mentions=["southwind"])
        config.write_text(good + '\n[[accounts]]\nname = "southwind-x"\nplatform = "x"\nhandle = "southwind"\n')
        daemon.process.send_signal(signal.SIGHUP)
        assert wait_for(lambda: len(smtp.messages) == 2), daemon.stderr  # the new account was swept without a restart
    finally:
        code = daemon.stop()
    assert code == 0, daemon.stderr
    assert health == (200, "ok\n")
    assert alive
    assert "config reloaded: northwind-x, southwind-x" in daemon.stderr
    for line in ('smm_monitor_items_fetched_total{account="northwind-x"} 2.0',
                 'smm_monitor_findings_open{account="northwind-x",mistake="ignoring"} 1.0',
                 'smm_monitor_deliveries_total{status="sent"} 1.0',
                 'smm_monitor_api_requests_total{platform="x"}',
                 'smm_monitor_last_success_timestamp_seconds{account="northwind-x"}'):
        assert line in metrics, line
    assert _rows(tmp_path / "monitor.db", "SELECT count(*) FROM sweep_runs WHERE status = 'running'") == [(0,)]
    assert "southwind-x" in smtp.messages[1]["Subject"]


def test_log_level_error_keeps_the_daemon_quiet_but_for_errors(tmp_path, fake_x, smtp):
    config = _live_config(tmp_path, fake_x, smtp, extra='[[accounts]]\nname = "gone-x"\nplatform = "x"\nhandle = "nobody_here"\n')
    daemon = Daemon(config, "--log-level", "error")
    try:
        assert wait_for(lambda: len(smtp.messages) == 1 and "gone-x" in daemon.stderr), daemon.stderr
    finally:
        assert daemon.stop() == 0
    lines = daemon.stderr.splitlines()
    assert lines and all(" ERROR " in line or line.startswith(("Traceback", " ")) for line in lines), lines
    assert any("gone-x: sweep failed" in line for line in lines)


def test_json_logs_one_object_per_line_with_account_and_sweep_id_and_no_secret(tmp_path, fake_x, smtp):
    config = _live_config(tmp_path, fake_x, smtp, daemon='log_format = "json"')
    env = {**os.environ, "X_BEARER_TOKEN": TOKEN, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "monitor.cli", "--log-level", "debug", "once", "--config", str(config)],
                          env=env, capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr
    entries = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    assert len(entries) > 10 and {"time", "level", "logger", "message", "account", "sweep_id"} <= set(entries[0])
    in_sweep = [e for e in entries if e["account"] == "northwind-x"]
    assert in_sweep and all(isinstance(e["sweep_id"], int) for e in in_sweep)
    assert any(e["logger"].startswith("urllib3") for e in entries)  # DEBUG lets the libraries through
    assert TOKEN not in done.stderr
    other = [line for line in done.stderr.splitlines() if line.strip() and not line.startswith("{")]
    assert all(line.startswith("sweeping ") for line in other), other  # the progress line; every log record is JSON


def test_a_secret_in_a_log_record_is_redacted_in_json_and_text(capsys):
    import logging

    from monitor.logs import setup_logging, sweep_context
    from monitor.redact import register_secret

    secret = "sk-live-0123456789abcdef"
    register_secret(secret)
    try:
        for fmt in ("json", "text"):
            setup_logging("INFO", fmt)
            with sweep_context("northwind-x", 42):
                try:
                    raise RuntimeError(f"upstream refused Bearer {secret}")
                except RuntimeError:
                    logging.getLogger("monitor.sweep").exception("token %s leaked?", secret)
        err = capsys.readouterr().err
    finally:
        setup_logging("WARNING")
    first, *rest = err.splitlines()
    entry = json.loads(first)
    assert (entry["account"], entry["sweep_id"], entry["level"]) == ("northwind-x", 42, "ERROR")
    assert entry["message"] == "token *** leaked?" and "RuntimeError: upstream refused Bearer ***" in entry["exception"]
    assert secret not in err and "ERROR monitor.sweep: token *** leaked?" in err


def _run_in(tty: bool, config: Path, *args: str) -> str:
    """`monitor ARGS` with stdout on a pseudo-terminal (tty) or a pipe; what a person would see."""
    import pty

    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLUMNS": "120"}
    argv = [sys.executable, "-m", "monitor.cli", *args, "--config", str(config)]
    if not tty:
        return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120).stdout
    master, slave = pty.openpty()
    process = subprocess.Popen(argv, env=env, stdout=slave, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_plain_text_in_a_pipe(tmp_path):
    from tests.test_cli import archive_config

    config = archive_config(tmp_path)
    on_terminal = _run_in(True, config, "once", "--now", iso(NOW))
    piped = _run_in(False, config, "once", "--now", iso(NOW + timedelta(minutes=15)))

    assert "northwind-x: " in on_terminal and "\x1b[32mok\x1b[0m" in on_terminal  # the status word in green
    assert "northwind-x: ok — " in piped and "\x1b[" not in piped


def test_a_digest_left_sending_by_a_killed_daemon_is_sent_by_the_next_sweep(tmp_path, fake_x, smtp):
    config = _live_config(tmp_path, fake_x, smtp)
    arrived, released = smtp.hold_next()
    daemon = Daemon(config)
    try:
        assert arrived.wait(60), daemon.stderr
        daemon.process.send_signal(signal.SIGKILL)
        daemon.process.wait(30)
    finally:
        released.set()
        daemon.stop()
    db = tmp_path / "monitor.db"
    dead = f"{os.uname().nodename}:{daemon.process.pid}"
    assert _rows(db, "SELECT status, lease_owner FROM deliveries") == [("sending", dead)]

    result = Monitor(config, {"X_BEARER_TOKEN": TOKEN})("once")

    assert result.exit_code == 0, result.output
    assert len(smtp.messages) == 1 and "northwind-x" in smtp.messages[0]["Subject"]
    assert _rows(db, "SELECT status, lease_owner FROM deliveries") == [("sent", None)]  # the same row, sent at last
    assert [r[0] for r in _rows(db, "SELECT status FROM sweep_runs ORDER BY id")] == ["abandoned", "ok"]


def test_version_and_dash_h_on_every_command():
    import click
    from click.testing import CliRunner

    from monitor.cli import main

    runner = CliRunner()
    version = runner.invoke(main, ["--version"])
    assert version.exit_code == 0 and version.output.startswith("monitor ") and version.output.strip() != "monitor"

    def commands(group: click.Group, prefix: list[str]):  # type: ignore[no-untyped-def]
        for name, command in group.commands.items():
            yield [*prefix, name]
            if isinstance(command, click.Group):
                yield from commands(command, [*prefix, name])

    paths = list(commands(main, []))
    assert ["once"] in paths and ["silence", "add"] in paths and ["findings", "show"] in paths
    for path in paths:
        shown = runner.invoke(main, [*path, "-h"], prog_name="monitor")
        assert shown.exit_code == 0 and shown.output.startswith(f"Usage: monitor {' '.join(path)}"), (path, shown.output)
