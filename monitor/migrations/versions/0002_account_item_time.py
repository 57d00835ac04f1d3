"""account_items.created_at and the windowed-history indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Every windowed query of an account's history used to join all of the account's
links to items to filter on items.created_at. The link now carries the item's
time, and (account_id, kind, created_at, item_id) makes a window one index range.
"""

from alembic import op
import sqlalchemy as sa
import monitor.store.models


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('account_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_at', monitor.store.models.UTCDateTime(timezone=True), nullable=True))

    op.execute(
        'UPDATE account_items SET created_at = '
        '(SELECT items.created_at FROM items WHERE items.id = account_items.item_id)'
    )
    # A link to a missing item (possible only where foreign keys were off) is invisible to every query, and would fail NOT NULL.
    op.execute('DELETE FROM account_items WHERE created_at IS NULL')

    # SQLite cannot add NOT NULL to a column: batch mode copies the table once, then indexes the copy.
    with op.batch_alter_table('account_items', schema=None) as batch_op:
        batch_op.alter_column('created_at', existing_type=monitor.store.models.UTCDateTime(timezone=True), nullable=False)
        batch_op.create_index('ix_account_items_account_kind_time', ['account_id', 'kind', 'created_at', 'item_id'], unique=False)

    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index('ix_findings_account_status', ['account_id', 'status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index('ix_findings_account_status')

    with op.batch_alter_table('account_items', schema=None) as batch_op:
        batch_op.drop_index('ix_account_items_account_kind_time')
        batch_op.drop_column('created_at')
