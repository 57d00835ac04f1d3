"""The store: engine, schema migrations and the queries the sweep needs."""

from monitor.store.database import open_database, upgrade_database

__all__ = ["open_database", "upgrade_database"]
