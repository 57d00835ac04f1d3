"""Engines and Alembic migrations (SQLite with WAL by default, PostgreSQL by URL)."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import sessionmaker

from monitor.config_errors import ConfigError

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
log = logging.getLogger(__name__)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for url; a bad URL or missing driver is a ConfigError."""
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise ConfigError(
            f"[database] url is not usable ({exc}); write sqlite:///monitor.db or "
            "postgresql+psycopg://user@host/dbname (install smm-monitor[postgres] for PostgreSQL)"
        ) from None
    except ImportError as exc:
        raise ConfigError(f"[database] url needs a driver that is not installed: {exc.name}; pip install 'smm-monitor[postgres]'") from None
    if engine.dialect.name == "sqlite":
        if engine.url.database and engine.url.database != ":memory:":
            Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None when empty)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_database(engine: Engine) -> bool:
    """Bring the schema up to date; True when a migration ran."""
    head = ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()
    try:
        before = current_revision(engine)
    except OperationalError as exc:
        raise ConfigError(f"[database] url: cannot connect to the database: {exc.orig}") from None
    if before == head:
        return False
    log.info("migrating database schema from %s to %s", before or "empty", head)
    command.upgrade(_alembic_config(engine), "head")
    return True


def open_database(url: str) -> sessionmaker:
    """Open the database at url, bring its schema up to date, and return a session factory."""
    engine = make_engine(url)
    upgrade_database(engine)
    return sessionmaker(engine, expire_on_commit=False)
