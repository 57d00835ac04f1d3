"""Security tests (issue 12): no token in DEBUG logs of any connector run for real, hostile markup and Jinja in posts
and names inert in every rendering, secrets masked by `config check` and repr."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FB_TOKEN, TOKEN
from tests.connectors.test_vk import COMMUNITY_KEY, SERVICE_KEY
from tests.faults.harness import T, iso
from tests.faults.test_api_suite import WORLDS
from tests.fakes.smtp import SmtpServer

REPO = Path(__file__).resolve().parents[1]
TOKENS = {"x": [TOKEN], "facebook": [FB_TOKEN], "vk": [SERVICE_KEY, COMMUNITY_KEY]}
HOSTILE = ('<script>alert(1)</script> <a href="javascript:alert(2)">win</a> <img src=x onerror=alert(3)> '
           "{{ 6*111111 }} {% for i in range(3) %}LOOP{% endfor %} {{ ''.__class__.__mro__ }}")


@pytest.mark.parametrize("platform", sorted(WORLDS))
def test_no_token_in_debug_logs_output_email_or_database(tmp_path: Path, smtp: SmtpServer, platform: str) -> None:
    world = next(WORLDS[platform](tmp_path, smtp))
    command = [sys.executable, "-m", "monitor.cli", "--log-level", "DEBUG", "once", "--config", str(world.monitor.config),
               "--now", iso(T)]
    done = subprocess.run(command, cwd=REPO, env={**os.environ, **world.monitor.env}, capture_output=True, text=True,
                          timeout=120)

    assert done.returncode == 0, done.stderr[-2000:]
    assert "DEBUG" in done.stderr  # the debug lines were there to leak
    database = (tmp_path / "monitor.db").read_bytes()
    emails = "".join(m.as_string() for m in smtp.messages)
    for token in TOKENS[platform]:
        assert token not in done.stdout and token not in done.stderr
        assert token not in emails and token.encode() not in database


@pytest.mark.parametrize("platform", sorted(WORLDS))
def test_markup_and_jinja_in_posts_and_names_are_inert_in_every_part_of_the_email(tmp_path: Path, smtp: SmtpServer,
                                                                                 platform: str) -> None:
    world = next(WORLDS[platform](tmp_path, smtp))
    _hostile(world.fake, platform)

    result = world.monitor("once", "--now", iso(T))

    assert result.exit_code == 0, result.output
    assert smtp.messages
    for message in smtp.messages:
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        assert "<script" not in html and "<img src=x" not in html and "onerror=alert" not in html.replace("onerror=alert(3)&gt;", "")
        assert not re.search(r"href=[\"']?\s*javascript:", html, re.IGNORECASE)
        for part in (text, html):
            assert "666666" not in part and "LOOPLOOP" not in part and "class 'object'" not in part and "class &#39;object" not in part
        assert "{{ 6*111111 }}" in text  # shown as written, not run
        assert "\n" not in message["Subject"] and "<script" not in message["Subject"]


def _hostile(fake: object, platform: str) -> None:
    """A mention, comment or message whose author name and text are markup and template code."""
    from datetime import timedelta

    when = T - timedelta(hours=6)
    if platform == "x":
        fake.add_user("2666", "evil")  # type: ignore[attr-defined]
        fake.add_tweet("666", "2666", f"@northwindcoffee {HOSTILE}", when, mentions=["northwindcoffee"])  # type: ignore[attr-defined]
        fake.serve_user("2666", {"name": '<img src=x onerror=alert(3)>{{ 6*111111 }}'})  # type: ignore[attr-defined]
    elif platform == "facebook":
        fake.add_comment("2002_5001", "5001_7666", "66", '<img src=x onerror=alert(3)>{{ 6*111111 }}', HOSTILE, when)  # type: ignore[attr-defined]
    else:
        fake.add_user(2666, "<img src=x onerror=alert(3)>", "{{ 6*111111 }}")  # type: ignore[attr-defined]
        fake.add_comment(3003, 5001, 7666, 2666, HOSTILE, when)  # type: ignore[attr-defined]


def test_config_check_and_repr_mask_every_secret(tmp_path: Path, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from monitor.settings import load_settings, resolve_secret

    world = next(WORLDS["x"](tmp_path, smtp))
    checked = world.monitor("config check")
    settings = load_settings(world.monitor.config)
    monkeypatch.setenv("X_BEARER_TOKEN", TOKEN)
    secret = resolve_secret(settings, "connectors.x", "X_BEARER_TOKEN", None, "bearer_token")

    assert checked.exit_code == 0, checked.output
    assert TOKEN not in checked.output and f"({len(TOKEN)} chars)" in checked.output
    assert TOKEN not in repr(secret) and TOKEN not in str(secret) and TOKEN not in repr(settings)
