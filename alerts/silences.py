"""Silences: the config's [[silences]] and those added with `monitor silence add`, read on every sweep."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from monitor.store.models import SilenceRecord


@dataclass(frozen=True)
class Matcher:
    """What one silence covers, and until when."""

    account: str | None
    mistake: str | None
    rule: str | None
    finding: int | None
    until: datetime

    def matches(self, account: str, finding: Any, now: datetime) -> bool:
        """Whether finding (of account) is silenced at now."""
        return (
            now < self.until
            and self.account in (None, account)
            and self.mistake in (None, finding.mistake)
            and self.rule in (None, finding.rule)
            and self.finding in (None, finding.id)
        )


def from_config(silences: Iterable[Any]) -> list[Matcher]:
    """Matchers for the config file's [[silences]] entries."""
    return [Matcher(s.account, s.mistake, s.rule, getattr(s, "finding", None), s.until) for s in silences]


def active(session: Session, now: datetime) -> list[SilenceRecord]:
    """The stored silences in force at now."""
    query = select(SilenceRecord).where(
        SilenceRecord.starts_at <= now, SilenceRecord.ends_at > now,
        or_(SilenceRecord.expired_at.is_(None), SilenceRecord.expired_at > now),
    )
    return list(session.scalars(query.order_by(SilenceRecord.id)))


def matchers(session: Session, configured: Iterable[Matcher], now: datetime) -> list[Matcher]:
    """Every silence in force at now: the config's and the database's."""
    stored = [Matcher(s.account, s.mistake, s.rule, s.finding_id, s.ends_at) for s in active(session, now)]
    return [m for m in [*configured, *stored] if now < m.until]


def add(session: Session, now: datetime, duration: timedelta, reason: str, *, account: str | None = None,
        mistake: str | None = None, rule: str | None = None, finding: int | None = None) -> SilenceRecord:
    """Store a silence from now for duration; the caller commits."""
    if not (account or mistake or rule or finding):
        raise ValueError("a silence needs --account, --mistake, --rule or --finding to say what it silences")
    if duration <= timedelta(0):
        raise ValueError("--for must be a positive duration such as 2h or 3d")
    if not reason.strip():
        raise ValueError("--reason is required: say why, so the team knows when the silence can go")
    record = SilenceRecord(account=account, mistake=mistake, rule=rule, finding_id=finding, starts_at=now,
                           ends_at=now + duration, reason=reason.strip(), created_at=now)
    session.add(record)
    session.flush()
    return record


def expire(session: Session, silence_id: int, now: datetime) -> SilenceRecord:
    """End a stored silence at now; a ValueError when there is none with that id or it already ended."""
    record = session.get(SilenceRecord, silence_id)
    if record is None:
        raise ValueError(f"no silence with id {silence_id}; `monitor silence list` shows them")
    if record.ends_at <= now or (record.expired_at is not None and record.expired_at <= now):
        raise ValueError(f"silence {silence_id} has already ended")
    record.expired_at = now
    return record
