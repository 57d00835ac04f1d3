"""Alembic environment: runs on the engine the monitor passes in."""

from alembic import context

import monitor.store.analysis  # noqa: F401 - its table is part of the schema too
from monitor.store.models import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
