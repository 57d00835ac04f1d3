"""Leases for scale-out: who sweeps an account and until when, when it is next due; who sends a delivery

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Existing rows have no lease: every account is due at once and every delivery free, as before.
"""

import sqlalchemy as sa
from alembic import op

import monitor.store.models

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UTC = monitor.store.models.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_owner", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("lease_expires_at", UTC, nullable=True))
        batch_op.add_column(sa.Column("next_sweep_at", UTC, nullable=True))
    with op.batch_alter_table("sweep_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("worker", sa.String(length=128), nullable=True))
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_owner", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("lease_expires_at", UTC, nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy of `accounts` would cascade-delete every account's rows.
    for table, columns in (("deliveries", ("lease_expires_at", "lease_owner")), ("sweep_runs", ("worker",)),
                           ("accounts", ("next_sweep_at", "lease_expires_at", "lease_owner"))):
        for column in columns:
            op.drop_column(table, column)
