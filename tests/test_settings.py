"""Settings: every bad config is a ConfigError naming the file, the key path and the fix; good ones load."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import BaseModel

from monitor.config_errors import ConfigError
from monitor.settings import Settings, load_settings, resolve_secret

REPO = Path(__file__).resolve().parents[1]
ACCOUNT = """
[[accounts]]
name = "northwind-x"
platform = "x"
handle = "northwindcoffee"
"""
FB_ACCOUNT = """
[[accounts]]
name = "northwind-fb"
platform = "facebook"
page_id = "2002"
"""
# Shaped like a real X app bearer token: what a user pastes by mistake.
PASTED_TOKEN = "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F"


def write_config(tmp_path: Path, text: str, name: str = "monitor.toml") -> Path:
    """Write a config file into tmp_path and return its path."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def config_error(path: Path) -> str:
    """The message of the ConfigError that loading path raises."""
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    return str(caught.value)


BAD_CONFIGS = [
    # id, config text, key path the message must point at, the fix it must give
    ("misspelt-port", '[email.smtp]\nprot = 25\n' + ACCOUNT, "email.smtp.prot", "did you mean 'port'?"),
    ("misspelt-platform", ACCOUNT.replace("platform", "platfrom"), "accounts[0].platfrom", "did you mean 'platform'?"),
    ("misspelt-from", '[email]\nform = "monitor@brand.example"\n' + ACCOUNT, "email.form", "did you mean 'from'?"),
    ("misspelt-section", '[emial]\nto = []\n' + ACCOUNT, "emial", "did you mean 'email'?"),
    ("security-tls", '[email.smtp]\nsecurity = "tls"\n' + ACCOUNT, "email.smtp.security", "'starttls'"),
    ("transport-sendmail", '[email]\ntransport = "sendmail"\n' + ACCOUNT, "email.transport", "'smtp'"),
    ("language-de", '[email]\nlanguage = "de"\n' + ACCOUNT, "email.language", "'ru'"),
    ("platform-instagram", ACCOUNT.replace('"x"', '"instagram"'), "accounts[0].platform", "'facebook'"),
    ("duration-words", ACCOUNT + '[rules.ignoring]\nreply_within = "2 hours"\n', "rules.ignoring.reply_within", '"2h"'),
    ("duration-bare-number", ACCOUNT + '[rules.ignoring]\nreply_within = 7200\n', "rules.ignoring.reply_within", '"2h"'),
    ("duration-negative", ACCOUNT + '[rules.ignoring]\nreply_within = "-1h"\n', "rules.ignoring.reply_within", '"2h"'),
    ("duration-connector", '[connectors.x]\ntimeout = "5 sec"\n' + ACCOUNT, "connectors.x.timeout", '"90s"'),
    ("timezone", ACCOUNT + 'timezone = "Moscow"\n', "accounts[0].timezone", '"Europe/Moscow"'),
    ("x-without-handle", ACCOUNT.replace('handle = "northwindcoffee"\n', ""), "accounts[0]", 'handle = "'),
    ("facebook-without-page-id", FB_ACCOUNT.replace('page_id = "2002"\n', ""), "accounts[0]", 'page_id = "'),
    ("archive-without-path", ACCOUNT + 'source = "archive"\n', "accounts[0]", 'archive = "'),
    ("duplicate-account-names", ACCOUNT + ACCOUNT, "accounts", "unique"),
    ("smtp-without-recipients", '[email]\ntransport = "smtp"\n' + ACCOUNT, "email", 'to = ["'),
    ("bad-recipient", '[email]\nto = ["smm at brand.example"]\n' + ACCOUNT, "email.to", "name@example.com"),
    ("bad-sender", '[email]\nfrom = "monitor"\n' + ACCOUNT, "email.from", "name@example.com"),
    ("override-misspelt-key", ACCOUNT + '[accounts.rules.ignoring]\nreply_wihtin = "1h"\n',
     "accounts[0].rules.ignoring.reply_wihtin", "did you mean 'reply_within'?"),
    ("override-misspelt-section", ACCOUNT + '[accounts.rules.ignorng]\nreply_within = "1h"\n',
     "accounts[0].rules.ignorng", "did you mean 'ignoring'?"),
    ("override-bad-value-second-account", FB_ACCOUNT + ACCOUNT + '[accounts.rules.ignoring]\nreply_within = "soon"\n',
     "accounts[1].rules.ignoring.reply_within", '"2h"'),
]


@pytest.mark.parametrize(("text", "where", "fix"), [c[1:] for c in BAD_CONFIGS], ids=[c[0] for c in BAD_CONFIGS])
def test_bad_config_names_file_key_and_fix(tmp_path: Path, text: str, where: str, fix: str) -> None:
    path = write_config(tmp_path, text)

    message = config_error(path)

    assert str(path) in message
    # The problem line starts with the key path, so the user knows which line of the file to edit.
    assert re.search(rf"^\s*{re.escape(where)}[\[.:]", message, re.MULTILINE), message
    assert fix in message


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[email]\nto = ["smm@brand.example"]\ntransport = smtp\n' + ACCOUNT)

    message = config_error(path)

    assert str(path) in message and "invalid TOML" in message
    assert "line 3" in message


def test_missing_file_says_how_to_point_at_one(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"

    message = config_error(path)

    assert str(path) in message and "not found" in message and "--config" in message


@pytest.mark.parametrize(("text", "expected"), [("90s", timedelta(seconds=90)), ("15m", timedelta(minutes=15)),
                                                ("2h", timedelta(hours=2)), ("3d", timedelta(days=3))])
def test_durations_in_the_documented_forms(tmp_path: Path, text: str, expected: timedelta) -> None:
    path = write_config(tmp_path, ACCOUNT + f'[rules.ignoring]\nreply_within = "{text}"\n[daemon]\ninterval = "{text}"\n')

    settings = load_settings(path)

    assert settings.rules.ignoring.reply_within == expected
    assert settings.accounts[0].effective_rules.ignoring.reply_within == expected
    assert settings.daemon.interval == expected


def test_account_override_merges_with_global_rules(tmp_path: Path) -> None:
    text = (
        '[rules.ignoring]\nreply_within = "2h"\nmax_age = "3d"\n[rules.spam]\nsimilarity = 0.8\n'
        + FB_ACCOUNT
        + ACCOUNT + '[accounts.rules.ignoring]\nreply_within = "30m"\n'
    )
    settings = load_settings(write_config(tmp_path, text))

    fb, x = settings.account("northwind-fb"), settings.account("northwind-x")

    assert x.effective_rules.ignoring.reply_within == timedelta(minutes=30)
    assert x.effective_rules.ignoring.max_age == timedelta(days=3)  # global key kept beside the override
    assert x.effective_rules.spam.similarity == 0.8  # other sections untouched
    assert fb.effective_rules.ignoring.reply_within == timedelta(hours=2)  # the other account keeps the global value
    assert settings.rules.ignoring.reply_within == timedelta(hours=2)


def test_relative_paths_are_taken_from_the_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '[database]\nurl = "sqlite:///data/monitor.db"\n[email]\ntransport = "file"\n[email.file]\ndir = "outbox"\n' + ACCOUNT
    write_config(tmp_path, text, name="etc/monitor.toml")
    monkeypatch.chdir(tmp_path)  # the config given as a relative path, as `--config etc/monitor.toml` does

    settings = load_settings("etc/monitor.toml")

    assert settings.database_url() == f"sqlite:///{tmp_path / 'etc' / 'data' / 'monitor.db'}"
    assert settings.resolve_path(settings.email.file.dir).resolve() == tmp_path / "etc" / "outbox"


def test_absolute_sqlite_path_is_kept(tmp_path: Path) -> None:
    settings = load_settings(write_config(tmp_path, f'[database]\nurl = "sqlite:///{tmp_path}/db/m.db"\n' + ACCOUNT))

    assert settings.database_url() == f"sqlite:///{tmp_path}/db/m.db"


def secrets_config(tmp_path: Path, env: str | None = None, file: str | None = None) -> Settings:
    """Settings whose [connectors.x] names the bearer token by env var or file."""
    lines = ["[connectors.x]"]
    if env is not None:
        lines.append(f'bearer_token_env = "{env}"')
    if file is not None:
        lines.append(f'bearer_token_file = "{file}"')
    return load_settings(write_config(tmp_path, "\n".join(lines) + "\n" + ACCOUNT))


def x_secret(settings: Settings) -> str:
    """The X bearer token as resolve_secret reads it."""
    x = settings.connectors.x
    return resolve_secret(settings, "connectors.x", x.bearer_token_env, x.bearer_token_file, "bearer_token").get_secret_value()


def test_secret_from_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMM_TEST_TOKEN", "env-token-value-42\n")

    assert x_secret(secrets_config(tmp_path, env="SMM_TEST_TOKEN")) == "env-token-value-42"


def test_secret_from_file_relative_to_config(tmp_path: Path) -> None:
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "x.token").write_text("file-token-value-42\n", encoding="utf-8")

    assert x_secret(secrets_config(tmp_path, file="secrets/x.token")) == "file-token-value-42"


def test_secret_is_typed_so_it_cannot_be_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMM_TEST_TOKEN", "env-token-value-42")
    settings = secrets_config(tmp_path, env="SMM_TEST_TOKEN")
    x = settings.connectors.x

    secret = resolve_secret(settings, "connectors.x", x.bearer_token_env, None, "bearer_token")

    assert "env-token-value-42" not in f"{secret} {secret!r}"


@pytest.mark.parametrize(
    ("env_value", "file", "file_text", "expected"),
    [
        (None, None, None, ["SMM_TEST_TOKEN", "not set", "export SMM_TEST_TOKEN="]),
        ("", None, None, ["SMM_TEST_TOKEN", "export SMM_TEST_TOKEN="]),
        ("   \n", None, None, ["SMM_TEST_TOKEN", "export SMM_TEST_TOKEN="]),  # blank is as good as unset
        ("skip-env", "missing.token", None, ["missing.token", "create it"]),
        ("skip-env", "empty.token", "\n", ["empty.token", "empty"]),
    ],
    ids=["env-unset", "env-empty", "env-blank", "file-missing", "file-empty"],
)
def test_secret_errors_say_how_to_provide_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env_value: str | None, file: str | None,
    file_text: str | None, expected: list[str],
) -> None:
    if file_text is not None:
        (tmp_path / file).write_text(file_text, encoding="utf-8")
    if env_value is None:
        monkeypatch.delenv("SMM_TEST_TOKEN", raising=False)
    elif env_value != "skip-env":
        monkeypatch.setenv("SMM_TEST_TOKEN", env_value)
    settings = secrets_config(tmp_path, env=None if env_value == "skip-env" else "SMM_TEST_TOKEN", file=file)

    with pytest.raises(ConfigError) as caught:
        x_secret(settings)

    message = str(caught.value)
    assert str(settings.path) in message and "connectors.x" in message
    for part in expected:
        assert part in message


def test_secret_section_without_env_or_file_says_which_keys(tmp_path: Path) -> None:
    settings = secrets_config(tmp_path)

    with pytest.raises(ConfigError, match="bearer_token_env .*bearer_token_file"):
        x_secret(settings)


SECRET = "s3cret-Value-That-Must-Not-Leak-9f8e7d"


@pytest.mark.parametrize(
    "text",
    [
        f'[connectors.x]\nbearer_token = "{SECRET}"\n' + ACCOUNT,  # secret under an unknown key
        f'[email.smtp]\npassword = "{SECRET}"\n' + ACCOUNT,
        f'[email.smtp]\npassword_env = 12\npassword = "{SECRET}"\n' + ACCOUNT,
        f'[connectors.x]\nbearer_token_env = "{SECRET}\n' + ACCOUNT,  # unterminated string: invalid TOML
        f'[connectors.x]\nbearer_token_env = "{PASTED_TOKEN}"\n' + ACCOUNT,  # the token pasted where its variable's name goes
    ],
    ids=["unknown-key", "smtp-password-key", "with-type-error", "invalid-toml", "token-pasted-into-env-key"],
)
def test_secret_value_never_appears_in_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.delenv(PASTED_TOKEN, raising=False)
    path = write_config(tmp_path, text)

    with pytest.raises(ConfigError) as caught:
        settings = load_settings(path)  # the error may come at load time or when the secret is read
        x_secret(settings)

    message = str(caught.value)
    assert str(path) in message
    assert SECRET not in message and PASTED_TOKEN not in message
    assert "Must-Not-Leak" not in message and "EUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F" not in message


def test_demo_config_loads() -> None:
    settings = load_settings(REPO / "config" / "demo.toml")

    assert [a.name for a in settings.accounts] == ["northwind-x", "northwind-fb", "severny-veter-vk"]
    for account in settings.accounts:
        assert account.source == "archive" and settings.resolve_path(account.archive).is_file()
    assert settings.database_url() == f"sqlite:///{(REPO / 'demo-output' / 'monitor.db').resolve()}"


def test_example_config_exists_and_loads() -> None:
    """config/example.toml is promised by DESIGN.md; this fails until it is written."""
    path = REPO / "config" / "example.toml"
    assert path.is_file(), "config/example.toml is missing (DESIGN.md: every option, commented)"

    settings = load_settings(path)

    assert settings.accounts
    assert {a.platform for a in settings.accounts} == {"x", "facebook", "vk"}


def option_names(model: type[BaseModel]) -> set[str]:
    """Every config key name a model and its sub-models accept."""
    from monitor.config_errors import _model_in

    names = set(getattr(model, "extra_keys", list)())  # an account's platform keys (handle, page_id, ...)
    for name, field in model.model_fields.items():
        if name == "target":
            continue
        names.add(field.alias or name)
        sub = _model_in(field.annotation)
        if sub is not None:
            names |= option_names(sub)
    return names


def test_example_config_documents_every_option() -> None:
    """DESIGN.md: example.toml shows every option (set or commented out)."""
    path = REPO / "config" / "example.toml"
    assert path.is_file(), "config/example.toml is missing"
    text = path.read_text(encoding="utf-8")

    missing = sorted(n for n in option_names(Settings) if not re.search(rf"(^|[\s#\[.]){re.escape(n)}\b", text, re.MULTILINE))

    assert missing == []


def test_a_token_pasted_into_a_file_key_is_never_echoed(tmp_path: Path) -> None:
    token = "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F"
    config = tmp_path / "monitor.toml"
    config.write_text(f'[connectors.x]\nbearer_token_file = "{token}"\n[[accounts]]\nname = "a"\nplatform = "x"\nhandle = "a"\n')
    settings = load_settings(config)

    with pytest.raises(ConfigError) as caught:
        resolve_secret(settings, "connectors.x", None, settings.connectors.x.bearer_token_file, "bearer_token")

    assert token not in str(caught.value) and "pasted" in str(caught.value)


@pytest.mark.parametrize(
    ("silence", "says"),
    [
        ('until = 2026-12-31T00:00:00Z\nreason = "x"', "needs account, mistake, rule or finding"),
        ('rule = "promo_share"\nuntil = 2026-12-31T00:00:00', "with its offset"),
        ('account = "nosuch"\nuntil = 2026-12-31T00:00:00Z', "is not an account here"),
        ('mistake = "rudeness"\nuntil = 2026-12-31T00:00:00Z', "silences[0].mistake"),
    ],
    ids=["matches-nothing", "no-offset", "unknown-account", "unknown-mistake"],
)
def test_bad_silences_are_config_errors(tmp_path: Path, silence: str, says: str) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(f'[[accounts]]\nname = "a"\nplatform = "x"\nhandle = "a"\n\n[[silences]]\n{silence}\n')

    with pytest.raises(ConfigError) as caught:
        load_settings(config)

    assert says in str(caught.value) and str(config) in str(caught.value)


def test_the_minimal_configuration_of_the_design_loads_as_written(tmp_path: Path, monkeypatch) -> None:
    """README's minimal configuration (DESIGN.md's, which every version accepts) loads and keeps its meaning."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"### Minimal configuration\n\n```toml\n(.*?)```", text, re.S).group(1)
    path = tmp_path / "monitor.toml"
    path.write_text(block, encoding="utf-8")

    settings = load_settings(path)

    assert [(a.name, a.platform, a.described) for a in settings.accounts] == [
        ("northwind-x", "x", "@northwindcoffee"), ("northwind-fb", "facebook", "page 2002"), ("northwind-vk", "vk", "community 3003"),
    ]
    assert settings.connectors.facebook.graph_version == "v25.0" and settings.connectors.vk.api_version == "5.199"
    assert settings.connectors.vk.api_base_url == "https://api.vk.ru" and settings.email.file.dir == "outbox"
    assert settings.accounts[0].effective_rules.ignoring.reply_within.total_seconds() == 7200


def test_a_sweep_more_often_than_a_minute_is_valid_but_warned_about(tmp_path: Path) -> None:
    """Seconds are for tests and demos; on a real account they spend the API's rate limit."""
    settings = load_settings(write_config(tmp_path, '[daemon]\ninterval = "30s"\n' + ACCOUNT))

    [warning] = settings.warnings(datetime(2026, 12, 1, tzinfo=timezone.utc))

    assert "daemon.interval = 30s" in warning and "rate limit" in warning
    assert load_settings(write_config(tmp_path, ACCOUNT, "quiet.toml")).warnings(datetime(2026, 12, 1, tzinfo=timezone.utc)) == []


@pytest.mark.parametrize(("text", "expected"), [("1h30m", timedelta(minutes=90)), ("1d 3h", timedelta(hours=27)), ("90s", timedelta(seconds=90))])
def test_durations_may_be_sums_as_design_md_writes_them(text: str, expected: timedelta) -> None:
    """DESIGN.md's minimal configuration documents "1h30m"; format_duration writes "1d 3h": both read back."""
    from monitor.durations import format_duration, parse_duration

    assert parse_duration(text) == expected and parse_duration(format_duration(expected)) == expected
