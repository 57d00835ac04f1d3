"""Engines and Alembic migrations (SQLite with WAL by default, PostgreSQL by URL)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import sessionmaker

from monitor.config_errors import ConfigError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# The newest migration: a database already there is opened without importing Alembic
# (tests/test_migrations.py checks this is Alembic's head).
SCHEMA_HEAD = "0006"
SCHEMA_LOCK = 0x534D4D30  # "SMM0": the advisory lock key that serialises schema upgrades on PostgreSQL
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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None when empty)."""
    try:
        connection = engine.connect()
    except OperationalError as exc:
        raise ConfigError(f"[database] url: cannot connect to the database: {exc.orig}") from None
    with connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:
            return None  # no schema yet


def upgrade_database(engine: Engine) -> bool:
    """Bring the schema up to date; True when a migration ran."""
    before = current_revision(engine)
    if before == SCHEMA_HEAD:
        return False
    from alembic import command

    # Two processes starting on an empty database at once (two daemons, cron overlapping a manual run) would both
    # create the tables: the second waits here, then finds the schema done.
    with _schema_lock(engine):
        before = current_revision(engine)
        if before == SCHEMA_HEAD:
            return False
        log.info("migrating database schema from %s to %s", before or "empty", SCHEMA_HEAD)
        migrating = _transactional_sqlite(engine) if engine.dialect.name == "sqlite" else engine
        try:
            command.upgrade(_alembic_config(migrating), "head")
        finally:
            if migrating is not engine:
                migrating.dispose()
        return True


def _transactional_sqlite(engine: Engine) -> Engine:
    """An engine on the same SQLite file whose DDL runs inside the migration's transaction.

    Python's sqlite3 driver commits before every CREATE or ALTER on its own, so a process killed in the middle
    of a migration left half a schema that no later start could upgrade ("table accounts already exists").
    Here the driver's own transaction handling is off and the transaction is SQLAlchemy's: all or nothing."""
    migrating = make_engine(engine.url.render_as_string(hide_password=False))

    @event.listens_for(migrating, "connect")
    def _driver_autocommit(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
        dbapi_connection.isolation_level = None

    @event.listens_for(migrating, "begin")
    def _begin(connection) -> None:  # noqa: ANN001
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return migrating


@contextmanager
def _schema_lock(engine: Engine) -> Iterator[None]:
    """One schema upgrade at a time: an advisory lock on PostgreSQL, a lock file beside a SQLite database."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as lock:
            lock.execute(text("SELECT pg_advisory_lock(:key)"), {"key": SCHEMA_LOCK})
            try:
                yield
            finally:
                lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": SCHEMA_LOCK})
                lock.commit()
    elif engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        import fcntl

        with open(f"{engine.url.database}.upgrade-lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
    else:
        yield


def open_database(url: str) -> sessionmaker:
    """Open the database at url, bring its schema up to date, and return a session factory."""
    engine = make_engine(url)
    upgrade_database(engine)
    return sessionmaker(engine, expire_on_commit=False)
