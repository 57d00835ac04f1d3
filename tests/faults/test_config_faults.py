"""Config values that `config check` used to pass and every sweep then failed on: each is refused up front.

Issue 12's failure table, config rows: durations that overflow a date, timeouts and intervals of zero,
unusable API base URLs, and secrets pasted where a variable name or a file path belongs (never echoed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main

ACCOUNT = """
[[accounts]]
name = "northwind-x"
platform = "x"
handle = "northwindcoffee"
"""
X = '[connectors.x]\nbearer_token_env = "X_BEARER_TOKEN"\n'
SMTP = '[email]\ntransport = "smtp"\nto = ["smm@brand.example"]\n[email.smtp]\nhost = "127.0.0.1"\nsecurity = "none"\n'


def config_check(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Exit code and all output of `monitor config check` on a config written from text."""
    path = tmp_path / "monitor.toml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["config", "check", "--config", str(path)],
                                env={"X_BEARER_TOKEN": "test-bearer-token-0123456789", **(env or {})})
    return result.exit_code, result.output


OUT_OF_RANGE = [
    # id, config text, the key named, the range it must give
    ("reply-within-overflow", ACCOUNT + '[rules.ignoring]\nreply_within = "9999999999d"\n',
     "rules.ignoring.reply_within", '"0s" to "3650d"'),
    ("max-age-overflow", ACCOUNT + '[rules.ignoring]\nmax_age = "99999999w"\n', "rules.ignoring.max_age", '"0s" to "3650d"'),
    ("spam-window-overflow", ACCOUNT + '[rules.spam]\nwindow = "999999999d"\n', "rules.spam.window", '"0s" to "3650d"'),
    ("override-overflow", ACCOUNT + '[accounts.rules.ignoring]\nreply_within = "99999999w"\n',
     "accounts[0].rules.ignoring.reply_within", '"0s" to "3650d"'),
    ("x-timeout-zero", X + 'timeout = "0s"\n' + ACCOUNT, "connectors.x.timeout", '"1s" to "5m"'),
    ("x-timeout-huge", X + 'timeout = "2h"\n' + ACCOUNT, "connectors.x.timeout", '"1s" to "5m"'),
    ("smtp-timeout-zero", SMTP + 'timeout = "0s"\n' + ACCOUNT, "email.smtp.timeout", '"1s" to "5m"'),
    ("daemon-interval-zero", '[daemon]\ninterval = "0s"\n' + ACCOUNT, "daemon.interval", '"5s" to "7d"'),
    ("account-interval-zero", ACCOUNT + 'interval = "0s"\n', "accounts[0].interval", '"5s" to "7d"'),
    ("base-url-empty", X + 'api_base_url = ""\n' + ACCOUNT, "connectors.x.api_base_url", '"https://api.twitter.com"'),
    ("base-url-garbage", X + 'api_base_url = "not a url"\n' + ACCOUNT, "connectors.x.api_base_url", "http:// or https://"),
    ("base-url-no-host", X + 'api_base_url = "https://"\n' + ACCOUNT, "connectors.x.api_base_url", "http:// or https://"),
    ("base-url-ftp", '[connectors.facebook]\napi_base_url = "ftp://graph.facebook.com"\n' + ACCOUNT,
     "connectors.facebook.api_base_url", '"https://graph.facebook.com"'),
]


@pytest.mark.parametrize(("text", "key", "fix"), [c[1:] for c in OUT_OF_RANGE], ids=[c[0] for c in OUT_OF_RANGE])
def test_config_check_refuses_what_every_sweep_would_fail_on(tmp_path: Path, text: str, key: str, fix: str) -> None:
    code, output = config_check(tmp_path, text)

    assert code == 2, output
    assert key in output and fix in output, output
    assert "Traceback" not in output and "OverflowError" not in output


def test_the_bounds_keep_every_documented_value(tmp_path: Path) -> None:
    example = (Path(__file__).resolve().parents[2] / "config" / "example.toml").read_text(encoding="utf-8")

    code, output = config_check(tmp_path, example, env={"FB_PAGE_TOKEN": "x" * 40, "VK_SERVICE_TOKEN": "y" * 40,
                                                       "VK_TOKEN": "z" * 40, "SMTP_USER": "u", "SMTP_PASSWORD": "p" * 12})

    assert "is not a duration" not in output and "write a duration from" not in output, output


FB_TOKEN = "EAABsbCS1iHgBAKZCZBqS3ZCgZDZD0rY7xN2aQ9ZC1pL"  # letters and digits only: a valid variable name
X_TOKEN = "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0uSeidULvsea4JtiGRiSDSJSIEUifiRBkKG5E2X"


@pytest.mark.parametrize("token", [FB_TOKEN, X_TOKEN], ids=["facebook-token", "x-token"])
def test_a_token_pasted_into_an_env_key_is_refused_and_never_echoed(tmp_path: Path, token: str) -> None:
    text = f'[connectors.facebook]\naccess_token_env = "{token}"\n' + ACCOUNT.replace('"x"', '"facebook"').replace(
        'handle = "northwindcoffee"', 'page_id = "2002"')

    code, output = config_check(tmp_path, text)

    assert code == 2, output
    assert "connectors.facebook" in output and "access_token_env" in output and "not the secret itself" in output
    assert token not in output and token[:12] not in output


@pytest.mark.parametrize("secret", ["hunter2", "Pa55w0rd!", "s3cr3t-Passw0rd-2026"])
def test_a_secret_pasted_into_a_file_key_is_never_echoed(tmp_path: Path, secret: str) -> None:
    code, output = config_check(tmp_path, SMTP + f'password_file = "{secret}"\n' + ACCOUNT)

    assert code == 2, output
    assert "email.smtp" in output and "password_file" in output and "cannot read" in output
    assert secret not in output


def test_a_long_variable_name_is_still_a_variable_name(tmp_path: Path) -> None:
    name = "SMM_MONITOR_NORTHWIND_FACEBOOK_PAGE_ACCESS_TOKEN_2026"
    text = f'[connectors.facebook]\naccess_token_env = "{name}"\n' + ACCOUNT.replace('"x"', '"facebook"').replace(
        'handle = "northwindcoffee"', 'page_id = "2002"')

    code, output = config_check(tmp_path, text, env={name: "a-page-token-0123456789abcdef"})

    assert code == 0, output
    assert "not the secret itself" not in output
