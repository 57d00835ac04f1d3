"""The PostgreSQL paths: migrations, upserts, the open-finding index and a whole sweep."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from monitor.store.database import SCHEMA_HEAD

from tests.conftest import NOW, Monitor, iso, x_config
from tests.test_e2e_x import seed


def test_sweep_on_postgresql_emails_once_and_keeps_one_open_finding(tmp_path, fake_x, smtp, pg_url):
    seed(fake_x)
    config = x_config(tmp_path, fake_x, smtp)
    config.write_text(config.read_text().replace('url = "sqlite:///monitor.db"', f'url = "{pg_url}"'))
    monitor = Monitor(config, {"X_BEARER_TOKEN": "test-bearer-token-0123456789"})

    first = monitor("once", "--now", iso(NOW))
    second = monitor("once", "--now", iso(NOW.replace(minute=20)))

    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert len(smtp.messages) == 1
    engine = create_engine(pg_url)
    with engine.connect() as connection:
        items = connection.execute(text("SELECT count(*) FROM items")).scalar()
        fingerprints = connection.execute(text("SELECT fingerprint FROM findings WHERE status = 'open'")).scalars().all()
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert items == 5
    assert len(fingerprints) == 2 and len(set(fingerprints)) == 2
    assert version == SCHEMA_HEAD
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO findings (fingerprint, account_id, mistake, rule, severity, status, first_seen, last_seen,"
                " summary, item_ids, evidence, details) SELECT fingerprint, account_id, mistake, rule, severity, status,"
                " first_seen, last_seen, summary, item_ids, evidence, details FROM findings WHERE status = 'open' LIMIT 1"
            )
        )
    engine.dispose()


def test_long_platform_ids_fit_on_postgresql(tmp_path, pg_url):
    from datetime import timedelta

    from connectors.base import Batch, FetchedItem, ProfileSnapshot
    from monitor.store import open_database
    from monitor.store.repo import account_items, ensure_account, save_batch

    # Real Messenger ids are about 90 characters; SQLite would not notice a too-short column.
    message_id = "m_" + "AG5Hz2Uq7kQbVx3-" * 5 + "Zq9"
    conversation_id = "t_" + "10" * 40
    sessions = open_database(pg_url)
    item = FetchedItem(message_id, "message", "3001", "Elena", NOW - timedelta(hours=3), "Hello?", conversation_id=conversation_id)
    with sessions() as session, session.begin():
        account = ensure_account(session, "northwind-fb", "facebook", None, NOW)
        save_batch(session, account, "facebook", Batch(items=[item], snapshot=ProfileSnapshot("2002", "Northwind")), NOW)
    with sessions() as session:
        stored = account_items(session, account.id)
    assert [(i.external_id, i.conversation_id) for i in stored] == [(message_id, conversation_id)]
