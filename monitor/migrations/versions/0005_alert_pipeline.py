"""The alert pipeline: deliveries per route with attempts, a notification log, silences, acknowledgements

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10

Existing deliveries become the default route's, each with one attempt; every finding already
emailed (findings.notified_at) gets its notification-log row, so it is repeated, not re-sent as new.
"""

import json

import sqlalchemy as sa
from alembic import op

import monitor.store.models

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

UTC = monitor.store.models.UTCDateTime(timezone=True)
LIVE = "status IN ('open', 'acknowledged')"


def _json(value):  # type: ignore[no-untyped-def]
    """A JSON column's value as read by a plain connection (text on SQLite, decoded on PostgreSQL)."""
    return json.loads(value) if isinstance(value, str) else (value or [])


def upgrade() -> None:
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("acknowledged_at", UTC, nullable=True))
        batch_op.add_column(sa.Column("ack_reason", sa.Text(), nullable=True))
        batch_op.drop_index("uq_findings_open_fingerprint")
        batch_op.create_index("uq_findings_open_fingerprint", ["fingerprint"], unique=True,
                              sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("route", sa.String(length=64), nullable=False, server_default="default"))
        batch_op.add_column(sa.Column("in_reply_to", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("next_attempt_at", UTC, nullable=True))
        batch_op.add_column(sa.Column("expires_at", UTC, nullable=True))
        batch_op.create_index("ix_deliveries_account_route_status", ["account_id", "route", "status"], unique=False)
    op.create_table(
        "delivery_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("attempted_at", UTC, nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["delivery_id"], ["deliveries.id"], name=op.f("fk_delivery_attempts_delivery_id_deliveries"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_attempts")),
    )
    op.create_index(op.f("ix_delivery_attempts_delivery_id"), "delivery_attempts", ["delivery_id"], unique=False)
    op.create_table(
        "notification_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=True),
        sa.Column("first_message_id", sa.String(length=255), nullable=True),
        sa.Column("first_sent_at", UTC, nullable=False),
        sa.Column("last_sent_at", UTC, nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("resolved_sent_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_notification_log_account_id_accounts"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["finding_id"], ["findings.id"], name=op.f("fk_notification_log_finding_id_findings"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_log")),
        sa.UniqueConstraint("route", "account_id", "fingerprint", name="uq_notification_log_route_account_fingerprint"),
    )
    op.create_index(op.f("ix_notification_log_account_id"), "notification_log", ["account_id"], unique=False)
    op.create_table(
        "silences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=64), nullable=True),
        sa.Column("mistake", sa.String(length=32), nullable=True),
        sa.Column("rule", sa.String(length=64), nullable=True),
        sa.Column("finding_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", UTC, nullable=False),
        sa.Column("ends_at", UTC, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("expired_at", UTC, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_silences")),
    )
    _backfill()


def _backfill() -> None:
    """Old deliveries get their one attempt; findings already emailed get their notification-log rows."""
    bind = op.get_bind()
    deliveries = bind.execute(sa.text("SELECT id, status, error, created_at, sent_at, message_id, finding_ids FROM deliveries ORDER BY id")).all()
    first_message: dict[int, str] = {}
    for row in deliveries:
        outcome = "sent" if row.status == "sent" else "transient"
        bind.execute(
            sa.text("INSERT INTO delivery_attempts (delivery_id, attempted_at, outcome, error) VALUES (:d, :at, :o, :e)"),
            {"d": row.id, "at": row.sent_at or row.created_at, "o": outcome, "e": row.error},
        )
        if row.status == "sent" and row.message_id:
            for finding_id in _json(row.finding_ids):
                first_message.setdefault(int(finding_id), row.message_id)
    bind.execute(sa.text("UPDATE deliveries SET attempts = 1"))
    findings = bind.execute(
        sa.text("SELECT id, account_id, fingerprint, notified_at FROM findings WHERE notified_at IS NOT NULL ORDER BY notified_at, id")
    ).all()
    latest: dict[tuple[int, str], object] = {}
    for row in findings:  # one row per fingerprint: its latest finding, its thread's first message
        key = (row.account_id, row.fingerprint)
        first = latest.get(key)
        latest[key] = (row, first[1] if first else row.notified_at, first[2] if first and first[2] else first_message.get(row.id))
    for row, first_at, message_id in latest.values():  # type: ignore[misc]
        bind.execute(
            sa.text(
                "INSERT INTO notification_log (route, account_id, fingerprint, finding_id, first_message_id, first_sent_at,"
                " last_sent_at, outcome) VALUES ('default', :a, :fp, :f, :m, :first, :last, 'sent')"
            ),
            {"a": row.account_id, "fp": row.fingerprint, "f": row.id, "m": message_id, "first": first_at, "last": row.notified_at},
        )


def downgrade() -> None:
    op.drop_table("silences")
    op.drop_index(op.f("ix_notification_log_account_id"), table_name="notification_log")
    op.drop_table("notification_log")
    op.drop_index(op.f("ix_delivery_attempts_delivery_id"), table_name="delivery_attempts")
    op.drop_table("delivery_attempts")
    op.execute("UPDATE findings SET status = 'open' WHERE status = 'acknowledged'")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_account_route_status")
        for column in ("expires_at", "next_attempt_at", "attempts", "in_reply_to", "route"):
            batch_op.drop_column(column)
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index("uq_findings_open_fingerprint")
        batch_op.create_index("uq_findings_open_fingerprint", ["fingerprint"], unique=True,
                              sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
        batch_op.drop_column("ack_reason")
        batch_op.drop_column("acknowledged_at")
