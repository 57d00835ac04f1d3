"""Shared fixtures: a fake X API, a real SMTP server, config files and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from monitor.cli import main
from tests.fakes.smtp import SmtpServer
from tests.fakes.graph_api import FakeGraphApi
from tests.fakes.x_api import FakeXApi

TOKEN = "test-bearer-token-0123456789"
FB_TOKEN = "test-page-token-0123456789abcdef"
PAGE_ID = "2002"
BRAND_ID = "1001"
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)


def at(hour: int, minute: int = 0, day: int = 20) -> datetime:
    """A time on 2026-11-<day> in UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=timezone.utc)


def iso(moment: datetime) -> str:
    """The --now form of a datetime."""
    return moment.isoformat().replace("+00:00", "Z")


@pytest.fixture
def fake_x() -> Iterator[FakeXApi]:
    """A fake X API v2 with the brand @northwindcoffee (id 1001) registered."""
    fake = FakeXApi(bearer_token=TOKEN).start()
    fake.add_user(BRAND_ID, "northwindcoffee", "Northwind Coffee", followers=18420)
    yield fake
    fake.stop()


@pytest.fixture
def fake_graph() -> Iterator[FakeGraphApi]:
    """A fake Graph API with the Page "Northwind Coffee" (id 2002) and the token FB_TOKEN."""
    fake = FakeGraphApi(access_token=FB_TOKEN).start()
    fake.add_page(PAGE_ID, "Northwind Coffee", username="northwindcoffee", followers=5120, fans=4980)
    yield fake
    fake.stop()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A real aiosmtpd server on 127.0.0.1."""
    server = SmtpServer().start()
    yield server
    server.stop()


@dataclass
class Monitor:
    """Runs the real `monitor` CLI against one config file."""

    config: Path
    env: dict[str, str]

    def __call__(self, *args: str) -> Result:
        runner = CliRunner()
        command, *rest = args
        argv = [*command.split(), "--config", str(self.config), *rest]
        return runner.invoke(main, argv, env=self.env, catch_exceptions=False)


def x_config(tmp_path: Path, fake: FakeXApi, smtp: SmtpServer | None, extra: str = "") -> Path:
    """A config for one X account on the fake API, emailing through smtp (or to a folder)."""
    if smtp is not None:
        email = f"""
[email]
transport = "smtp"
from = "monitor@brand.example"
to = ["smm@brand.example"]
language = "en"
retry_delay = "0s"
[email.smtp]
host = "127.0.0.1"
port = {smtp.port}
security = "none"
timeout = "5s"
"""
    else:
        email = """
[email]
transport = "file"
from = "monitor@brand.example"
to = ["smm@brand.example"]
[email.file]
dir = "outbox"
"""
    text = f"""
[database]
url = "sqlite:///monitor.db"
{email}
[connectors.x]
bearer_token_env = "X_BEARER_TOKEN"
api_base_url = "{fake.base_url}"
timeout = "5s"
retry_backoff = "0s"
max_rate_limit_wait = "0s"

[[accounts]]
name = "northwind-x"
platform = "x"
handle = "northwindcoffee"
timezone = "Europe/Moscow"

[rules.ignoring]
reply_within = "2h"
{extra}
"""
    path = tmp_path / "monitor.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def monitor_x(tmp_path: Path, fake_x: FakeXApi, smtp: SmtpServer) -> Monitor:
    """The CLI on a config that watches the fake X account and emails through the SMTP fixture."""
    return Monitor(x_config(tmp_path, fake_x, smtp), {"X_BEARER_TOKEN": TOKEN})


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for the session (scripts/test.sh installs it where missing)."""
    from tests.fakes.postgres import PostgresServer

    server = PostgresServer().start()
    yield server.url
    server.stop()


@pytest.fixture
def pg_url(postgres_url: str) -> str:
    """The session's PostgreSQL with an empty schema for each test."""
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return postgres_url
