"""`monitor run`: sweeps at start, survives a failing account, stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from datetime import datetime, timedelta, timezone

from tests.conftest import BRAND_ID, TOKEN, x_config

ROOT = Path(__file__).resolve().parent.parent


def wait_for(condition, timeout: float = 30.0) -> bool:
    """Poll condition until it holds or timeout passes (waits for an event, not for a time)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_daemon_sweeps_emails_and_stops_on_sigterm(tmp_path, fake_x, smtp):
    # The daemon reads the wall clock, so the data is placed relative to it.
    now = datetime.now(timezone.utc)
    fake_x.add_user("2001", "anna_k")
    fake_x.add_tweet("200", "2001", "@northwindcoffee where is my order?", now - timedelta(hours=5), mentions=["northwindcoffee"])
    fake_x.add_tweet("100", BRAND_ID, "Winter Blend is back, order now at our shop", now - timedelta(days=2))
    fake_x.add_user("1002", "southwind")
    fake_x.fail_next("/2/users/by/username/southwind", 401, times=100)
    extra = """
[[accounts]]
name = "southwind-x"
platform = "x"
handle = "southwind"
"""
    config = x_config(tmp_path, fake_x, smtp, extra=extra)
    config.write_text(config.read_text().replace("[rules.ignoring]", '[daemon]\ninterval = "1h"\njitter = "0s"\n\n[rules.ignoring]'))
    env = {**os.environ, "X_BEARER_TOKEN": TOKEN, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor.cli", "run", "--config", str(config)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert wait_for(lambda: len(smtp.messages) == 2), "no sweep happened"
        assert process.poll() is None, "the daemon died after a failing account"
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "monitor daemon started" in stderr
    assert "southwind-x: sweep failed" in stderr and "X_BEARER_TOKEN" in stderr
    assert "monitor daemon stopped" in stderr
    assert TOKEN not in stderr
    subjects = sorted(m["Subject"] for m in smtp.messages)
    assert "northwind-x: first audit — 1 finding in the last 90 days" in subjects[0]
    assert "southwind-x: monitoring stopped" in subjects[1]
    assert TOKEN not in smtp.messages[1].get_body(("plain",)).get_content()
