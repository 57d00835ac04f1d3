"""The shipped systemd unit: what an install needs, and the hardening `systemd-analyze security` rates."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

UNIT = Path(__file__).resolve().parent.parent / "config" / "smm-monitor.service"


def _directives() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith(("#", "[")):
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_the_unit_keeps_its_state_in_a_state_directory_and_does_not_restart_on_a_config_error():
    unit = _directives()
    assert unit["StateDirectory"] == ["smm-monitor"] and unit["WorkingDirectory"] == ["/var/lib/smm-monitor"]
    assert unit["RestartPreventExitStatus"] == ["2"] and unit["UMask"] == ["0077"]
    assert unit["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
    assert unit["ProtectSystem"] == ["strict"]  # writable: the state directory only


def test_systemd_analyze_rates_the_unit_ok_at_exposure_4_or_less():
    done = subprocess.run(["systemd-analyze", "security", "--offline=true", str(UNIT)], capture_output=True, text=True, timeout=120)
    match = re.search(r"Overall exposure level for smm-monitor\.service: (\d+\.\d+) (\w+)", done.stdout)
    assert match, done.stdout + done.stderr
    assert float(match.group(1)) <= 4.0 and match.group(2) == "OK", match.group(0)
