"""The libraries under the text rules: a missing one stops the monitor at start-up with the package to install."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from monitor.text.lang import detect_language
from monitor.text.lemmas import lemmas

ROOT = Path(__file__).resolve().parents[2]


def test_lemmas_and_language_come_from_the_real_libraries() -> None:
    assert lemmas("дураками") == {"дурак"} and lemmas("мразей") == {"мразь"}
    assert detect_language("Cupping session прошёл отлично, спасибо всем!") == "mixed"


@pytest.mark.parametrize(("hidden", "package"), [("lingua", "lingua-language-detector"), ("pymorphy3_dicts_ru", "pymorphy3-dicts-ru")])
@pytest.mark.parametrize("command", [["once", "--dry-run"], ["check", "--account", "northwind-x", "hello"], ["config", "check"]])
def test_a_missing_library_is_a_start_up_error_naming_the_package(tmp_path: Path, hidden: str, package: str, command: list[str]) -> None:
    """The installed packages minus one, as on a machine where it failed to install: exit 2 and the pip command."""
    site = tmp_path / "site"
    site.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.startswith(hidden) and not entry.name.endswith(".pth"):
            (site / entry.name).symlink_to(entry)
    shutil.copytree(ROOT / "config", tmp_path / "config")
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{site}"}
    code = f"import sys; from monitor.cli import main; sys.argv = ['monitor', *{command!r}, '--config', {str(tmp_path / 'config' / 'demo.toml')!r}]; main()"
    result = subprocess.run([sys.executable, "-S", "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False)

    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert f"pip install {package}" in output and "Traceback" not in output
