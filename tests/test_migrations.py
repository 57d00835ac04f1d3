"""Migrations on data: a database written at 0001 upgraded to 0002 and to head, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from connectors.base import Batch, FetchedItem
from monitor.store.database import _alembic_config, current_revision, make_engine
from monitor.store.models import AccountItem, Base, Item
from monitor.store.repo import account_items, ensure_account, save_batch

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
# (id, external_id, created_at) of the items written at 0001; items 1 and 2 are linked to both accounts.
ITEMS = [(1, "3001", NOW - timedelta(days=400)), (2, "3002", NOW - timedelta(hours=5)), (3, "3003", NOW - timedelta(minutes=10))]
LINKS = [(1, 1, "mention"), (1, 2, "post"), (1, 3, "reply"), (2, 1, "mention"), (2, 2, "mention")]


def stored_time(engine: Engine, moment: datetime) -> object:
    """A time as 0001's UTCDateTime column holds it: naive UTC text on SQLite, timestamptz on PostgreSQL."""
    return moment.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds") if engine.dialect.name == "sqlite" else moment


def write_at_0001(engine: Engine) -> None:
    """Accounts, items, links and findings with raw SQL, in 0001's columns (links have no time yet)."""
    with engine.begin() as connection:
        for account_id, name in ((1, "northwind-x"), (2, "northwind-tea")):
            connection.execute(
                text("INSERT INTO accounts (id, name, platform, handle, created_at) VALUES (:id, :name, 'x', :name, :at)"),
                {"id": account_id, "name": name, "at": stored_time(engine, NOW - timedelta(days=500))},
            )
        for item_id, external_id, created_at in ITEMS:
            connection.execute(
                text(
                    "INSERT INTO items (id, platform, external_id, author_id, created_at, text, is_share, raw, fetched_at)"
                    " VALUES (:id, 'x', :ext, '2001', :created, :text, false, '{\"lang\": \"en\"}', :fetched)"
                ),
                {"id": item_id, "ext": external_id, "created": stored_time(engine, created_at), "text": f"@northwindcoffee {external_id}",
                 "fetched": stored_time(engine, NOW - timedelta(minutes=5))},
            )
        for account_id, item_id, kind in LINKS:
            connection.execute(
                text("INSERT INTO account_items (account_id, item_id, kind) VALUES (:account, :item, :kind)"),
                {"account": account_id, "item": item_id, "kind": kind},
            )
        connection.execute(
            text(
                "INSERT INTO findings (fingerprint, account_id, mistake, rule, severity, status, first_seen, last_seen, summary,"
                " item_ids, evidence, details) VALUES ('f', 1, 'ignoring', 'unanswered_mention', 'warning', 'open', :at, :at,"
                " 'no reply', '[\"3001\"]', '[]', '{}')"
            ),
            {"at": stored_time(engine, NOW)},
        )
        if engine.dialect.name == "postgresql":  # the ids were given: move the sequences past them
            for table in ("accounts", "items"):
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))


def only_tables(*names: str):  # type: ignore[no-untyped-def]
    """An include_object for compare_metadata: just these tables (later revisions add others)."""
    return lambda _object, name, type_, _reflected, _compare_to: type_ != "table" or name in names


def check_upgrade_from_0001(engine: Engine) -> None:
    """Build at 0001, write rows, upgrade to 0002; the links carry their item's time, NOT NULL, indexed; down and up to head."""
    config = _alembic_config(engine)
    command.upgrade(config, "0001")
    assert current_revision(engine) == "0001"
    write_at_0001(engine)

    command.upgrade(config, "0002")

    assert current_revision(engine) == "0002"
    with engine.connect() as connection:
        # findings gains columns again in 0005: here only the links are compared with the models
        context = MigrationContext.configure(connection, opts={"include_object": only_tables("account_items")})
        assert compare_metadata(context, Base.metadata) == []  # exactly the models' table
    schema = inspect(engine)
    created_at = next(c for c in schema.get_columns("account_items") if c["name"] == "created_at")
    assert created_at["nullable"] is False
    indexes = {i["name"]: i["column_names"] for i in schema.get_indexes("account_items")}
    assert indexes["ix_account_items_account_kind_time"] == ["account_id", "kind", "created_at", "item_id"]
    assert {i["name"]: i["column_names"] for i in schema.get_indexes("findings")}["ix_findings_account_status"] == ["account_id", "status"]
    times = dict((external_id, created) for _, external_id, created in ITEMS)
    with Session(engine) as session:
        rows = session.execute(select(AccountItem.account_id, AccountItem.kind, AccountItem.created_at, Item.external_id).join(AccountItem.item))
        assert sorted((a, k, ext, at) for a, k, at, ext in rows) == sorted(
            (account_id, kind, ITEMS[item_id - 1][1], times[ITEMS[item_id - 1][1]]) for account_id, item_id, kind in LINKS
        )
        with pytest.raises(IntegrityError, match="(?i)not null|null value"):
            with session.begin_nested():
                session.execute(text("INSERT INTO account_items (account_id, item_id, kind) VALUES (2, 3, 'mention')"))

    command.downgrade(config, "0001")
    assert current_revision(engine) == "0001"
    schema = inspect(engine)
    assert "created_at" not in {c["name"] for c in schema.get_columns("account_items")}
    assert "ix_account_items_account_kind_time" not in {i["name"] for i in schema.get_indexes("account_items")}
    assert "ix_findings_account_status" not in {i["name"] for i in schema.get_indexes("findings")}
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM account_items")).scalar() == len(LINKS)

    command.upgrade(config, "head")

    assert current_revision(engine) == ScriptDirectory.from_config(config).get_current_head()
    with Session(engine) as session:
        # The rows of 0001 read through the new queries.
        assert [i.external_id for i in account_items(session, 1, since=NOW - timedelta(days=1))] == ["3002", "3003"]
    check_store_on_migrated_schema(engine)


def check_store_on_migrated_schema(engine: Engine) -> None:
    """save_batch on the upgraded rows: an unchanged item (same JSON raw) is not rewritten, a changed one is."""

    def save(items: list[FetchedItem], now: datetime) -> tuple[int, int]:
        with Session(engine) as session, session.begin():
            account = ensure_account(session, "northwind-tea", "x", "northwind-tea", now)
            result = save_batch(session, account, "x", Batch(items=items), now)
            return result.new, result.changed

    same = FetchedItem("3001", "mention", "2001", None, ITEMS[0][2], "@northwindcoffee 3001", raw={"lang": "en"})
    assert save([same], NOW) == (0, 0)
    assert save([same, FetchedItem("3004", "mention", "2001", None, NOW, "new", raw={"lang": "en", "n": [1, 2]})], NOW) == (1, 0)
    assert save([FetchedItem("3004", "mention", "2001", None, NOW, "new", raw={"lang": "en", "n": [1, 2]})], NOW) == (0, 0)
    assert save([FetchedItem("3001", "mention", "2001", None, ITEMS[0][2], "@northwindcoffee 3001", raw={"lang": "ru"})], NOW) == (0, 1)
    with Session(engine) as session:
        fetched = dict(session.execute(select(Item.external_id, Item.fetched_at)).all())
        assert fetched["3002"] == NOW - timedelta(minutes=5) and fetched["3001"] == NOW
        assert [i.external_id for i in account_items(session, 2)] == ["3001", "3002", "3004"]


def test_upgrade_from_0001_on_sqlite(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'monitor.db'}")
    try:
        check_upgrade_from_0001(engine)
    finally:
        engine.dispose()


@pytest.fixture
def fresh_postgres(postgres_url: str) -> Iterator[str]:
    """A database of its own in the session's PostgreSQL server, dropped afterwards."""
    name = f"smm_migrations_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def test_upgrade_from_0001_on_postgresql(fresh_postgres: str) -> None:
    engine = make_engine(fresh_postgres)
    try:
        check_upgrade_from_0001(engine)
    finally:
        engine.dispose()


def check_upgrade_0004_to_0005(engine: Engine) -> None:
    """A database at 0004 with an emailed finding and its delivery: 0005 keeps both and logs the finding as sent."""
    config = _alembic_config(engine)
    command.upgrade(config, "0004")
    sent_at, message_id = NOW - timedelta(hours=3), "<20261120150000.1.abc@brand.example>"
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO accounts (id, name, platform, handle, created_at) VALUES (1, 'northwind-x', 'x', 'n', :at)"),
                           {"at": stored_time(engine, NOW - timedelta(days=5))})
        for finding_id, status, notified in ((1, "open", sent_at), (2, "open", None)):
            connection.execute(
                text("INSERT INTO findings (id, fingerprint, account_id, mistake, rule, severity, status, first_seen, last_seen, notified_at,"
                     " summary, item_ids, evidence, details) VALUES (:id, :fp, 1, 'ignoring', 'unanswered_mention', 'warning', :status,"
                     " :at, :at, :notified, 'no reply', '[]', '[]', '{}')"),
                {"id": finding_id, "fp": f"fp{finding_id}", "status": status, "at": stored_time(engine, sent_at),
                 "notified": stored_time(engine, notified) if notified else None},
            )
        connection.execute(
            text("INSERT INTO deliveries (id, account_id, kind, transport, recipients, subject, status, created_at, sent_at, message_id,"
                 " finding_ids) VALUES (1, 1, 'digest', 'smtp', '[\"smm@brand.example\"]', 'digest', 'sent', :at, :at, :mid, '[1]')"),
            {"at": stored_time(engine, sent_at), "mid": message_id},
        )
        if engine.dialect.name == "postgresql":
            for table in ("accounts", "findings", "deliveries"):
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))

    command.upgrade(config, "head")

    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []  # exactly the models
    from monitor.store.models import Delivery, DeliveryAttempt, Finding, Notified

    with Session(engine) as session:
        [logged] = session.scalars(select(Notified)).all()
        assert (logged.route, logged.finding_id, logged.first_message_id, logged.last_sent_at) == ("default", 1, message_id, sent_at)
        delivery = session.get(Delivery, 1)
        assert (delivery.route, delivery.attempts, delivery.status) == ("default", 1, "sent")
        assert [(a.outcome, a.attempted_at) for a in session.scalars(select(DeliveryAttempt))] == [("sent", sent_at)]
        assert {f.id: f.notified_at for f in session.scalars(select(Finding))} == {1: sent_at, 2: None}
        session.get(Finding, 2).status = "acknowledged"
        session.commit()
        # An acknowledged finding is still the live one of its fingerprint.
        with pytest.raises(IntegrityError):
            with session.begin_nested():
                session.execute(text("INSERT INTO findings (fingerprint, account_id, mistake, rule, severity, status, first_seen,"
                                     " last_seen, summary, item_ids, evidence, details) SELECT fingerprint, account_id, mistake, rule,"
                                     " severity, 'open', first_seen, last_seen, summary, item_ids, evidence, details FROM findings WHERE id = 2"))

    command.downgrade(config, "0004")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT status FROM findings WHERE id = 2")).scalar() == "open"
        assert connection.execute(text("SELECT count(*) FROM deliveries")).scalar() == 1
    command.upgrade(config, "head")


def test_upgrade_0004_to_0005_on_sqlite(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'monitor.db'}")
    try:
        check_upgrade_0004_to_0005(engine)
    finally:
        engine.dispose()


def test_upgrade_0004_to_0005_on_postgresql(fresh_postgres: str) -> None:
    engine = make_engine(fresh_postgres)
    try:
        check_upgrade_0004_to_0005(engine)
    finally:
        engine.dispose()


def check_upgrade_0005_to_0006(engine: Engine) -> None:
    """A database at 0005 with an account, its sweep and a delivery: 0006 adds free leases and keeps every row."""
    config = _alembic_config(engine)
    command.upgrade(config, "0005")
    at = stored_time(engine, NOW)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO accounts (id, name, platform, handle, created_at) VALUES (1, 'northwind-x', 'x', 'n', :at)"),
                           {"at": at})
        connection.execute(text("INSERT INTO sweep_runs (id, account_id, started_at, status, items_fetched, items_new, findings_opened,"
                                " findings_resolved, notices) VALUES (1, 1, :at, 'ok', 5, 5, 1, 0, '[]')"), {"at": at})
        connection.execute(text("INSERT INTO deliveries (id, account_id, kind, route, transport, recipients, subject, status, created_at,"
                                " finding_ids, attempts) VALUES (1, 1, 'digest', 'default', 'smtp', '[]', 's', 'retrying', :at, '[]', 1)"),
                           {"at": at})
        if engine.dialect.name == "postgresql":
            for table in ("accounts", "sweep_runs", "deliveries"):
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))

    command.upgrade(config, "head")

    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert connection.execute(text("SELECT name, lease_owner, lease_expires_at, next_sweep_at FROM accounts")).all() == [
            ("northwind-x", None, None, None)]  # free, and due at once
        assert connection.execute(text("SELECT status, items_fetched, worker FROM sweep_runs")).all() == [("ok", 5, None)]
        assert connection.execute(text("SELECT status, attempts, lease_owner FROM deliveries")).all() == [("retrying", 1, None)]
    command.downgrade(config, "0005")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM sweep_runs")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM deliveries")).scalar() == 1
        assert "lease_owner" not in {c["name"] for c in inspect(connection).get_columns("accounts")}
    command.upgrade(config, "head")


def test_upgrade_0005_to_0006_on_sqlite(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'monitor.db'}")
    try:
        check_upgrade_0005_to_0006(engine)
    finally:
        engine.dispose()


def test_upgrade_0005_to_0006_on_postgresql(fresh_postgres: str) -> None:
    engine = make_engine(fresh_postgres)
    try:
        check_upgrade_0005_to_0006(engine)
    finally:
        engine.dispose()
