"""`monitor import`: store an account's export (X tweets.js or our JSON Lines) and check it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from connectors.archive import read_jsonl
from connectors.base import Batch, ExportRequest, platform, platforms
from monitor.config_errors import ConfigError
from monitor.detectors.context import Context
from monitor.detectors.registry import registry
from monitor.reconcile import reconcile
from monitor.settings import AccountSettings, Settings
from monitor.store.repo import ensure_account, open_findings, save_batch


@dataclass
class ImportReport:
    """What an import stored and found."""

    items: int
    new: int
    opened: int
    open_total: int


def read_export(path: Path, account: AccountSettings, stored_id: str | None, user_id: str | None) -> tuple[Batch, str | None]:
    """The parsed file and the account's platform id; any error is raised before anything is stored."""
    if not path.is_file():
        raise ConfigError(f"{path}: no such file")
    for name, other in platforms().items():
        if other.read_export is None:
            continue
        target = account.target if name == account.platform else None
        read = other.read_export(ExportRequest(path, target, stored_id if target is not None else None, user_id))
        if read is not None and name != account.platform:
            raise ConfigError(f"{path} is an {other.title} archive but account {account.name!r} is a "
                              f"{platform(account.platform).title} account")
        if read is not None:
            return read
    batch = read_jsonl(path, require_profile=False)
    uid = (batch.snapshot.external_id if batch.snapshot else None) or user_id or stored_id
    if stored_id and uid != stored_id:
        raise ConfigError(f"{path}: the export belongs to id {uid}, but {account.name!r} is id {stored_id}")
    batch.snapshot = None  # an export is history, not today's follower count
    return batch, uid


def import_archive(settings: Settings, account: AccountSettings, sessions: sessionmaker[Session], path: Path,
                   now: datetime, user_id: str | None = None) -> ImportReport:
    """Store the export in one transaction, then run the detectors on the account's history."""
    with sessions() as session:
        with session.begin():
            stored = ensure_account(session, account.name, account.platform, None, now)
            stored_id = stored.external_id
        batch, uid = read_export(path, account, stored_id, user_id)
        if uid is None:
            raise ConfigError(f"{path}: the account's id is unknown: add a line {{\"type\": \"profile\", \"id\": \"...\"}} or pass --user-id")
        with session.begin():
            stored.external_id = stored.external_id or uid
            saved = save_batch(session, stored, account.platform, batch, now)
        with session.begin():
            detected, _ = registry().run(Context(session, stored, account, now))
            # An import only adds history: it opens and refreshes findings, it never resolves live ones.
            changes = reconcile(session, stored, detected, set(), now, settings.email.language)
            open_total = len(open_findings(session, stored.id))
    return ImportReport(items=saved.fetched, new=saved.new, opened=len(changes.opened), open_total=open_total)
