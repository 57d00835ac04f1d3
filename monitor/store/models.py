"""SQLAlchemy models: accounts, items, snapshots, cursors, findings, sweep runs, and the alert pipeline's tables."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every backend (SQLite keeps no time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware UTC datetime")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}


class Account(Base):
    """A watched account, by its config name; external_id is the platform's user or page id."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    platform: Mapped[str] = mapped_column(String(16))
    handle: Mapped[str | None] = mapped_column(String(255))
    external_id: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime]
    lease_owner: Mapped[str | None] = mapped_column(String(128))  # the worker sweeping it now (host:pid)
    lease_expires_at: Mapped[datetime | None]  # wall clock; renewed while the sweep runs, taken over after
    next_sweep_at: Mapped[datetime | None]  # the daemons' next interval slot; None: due now


class Item(Base):
    """A post, reply, mention, comment or message, keyed by (platform, external_id)."""

    __tablename__ = "items"
    __table_args__ = (UniqueConstraint("platform", "external_id", name="uq_items_platform_external_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(255))
    author_id: Mapped[str | None] = mapped_column(String(255), index=True)
    author_handle: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(index=True)
    text: Mapped[str] = mapped_column(Text)
    reply_to_id: Mapped[str | None] = mapped_column(String(255), index=True)
    reply_to_author_id: Mapped[str | None] = mapped_column(String(255))
    conversation_id: Mapped[str | None] = mapped_column(String(255), index=True)
    is_share: Mapped[bool] = mapped_column(Boolean, default=False)
    url: Mapped[str | None] = mapped_column(Text)
    raw: Mapped[dict[str, Any]] = mapped_column(default=dict)
    fetched_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]  # when the platform stopped showing it (deleted or hidden); None while public


class AccountItem(Base):
    """An item as one watched account sees it: one tweet can be brand A's post and brand B's mention."""

    __tablename__ = "account_items"
    __table_args__ = (Index("ix_account_items_account_kind_time", "account_id", "kind", "created_at", "item_id"),)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]  # the item's own time, copied here so an account's window is one index range
    item: Mapped[Item] = relationship(lazy="joined")


class Snapshot(Base):
    """Follower counts of an account at one moment."""

    __tablename__ = "snapshots"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    taken_at: Mapped[datetime]
    followers: Mapped[int | None] = mapped_column(BigInteger)
    following: Mapped[int | None] = mapped_column(BigInteger)
    posts: Mapped[int | None] = mapped_column(BigInteger)
    raw: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Cursor(Base):
    """Where the next fetch of one stream of an account starts."""

    __tablename__ = "cursors"
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    stream: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))
    updated_at: Mapped[datetime]


class Finding(Base):
    """One occurrence of a mistake; at most one open finding per fingerprint."""

    __tablename__ = "findings"
    __table_args__ = (
        Index(
            "uq_findings_open_fingerprint",
            "fingerprint",
            unique=True,
            # An acknowledged finding is still the live one for its fingerprint (it resolves by itself).
            sqlite_where=text("status IN ('open', 'acknowledged')"),
            postgresql_where=text("status IN ('open', 'acknowledged')"),
        ),
        Index("ix_findings_account_status", "account_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    mistake: Mapped[str] = mapped_column(String(32))
    rule: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="open")
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    notified_at: Mapped[datetime | None]  # the first successful alert on any route (what each route was sent: notification_log)
    acknowledged_at: Mapped[datetime | None]
    ack_reason: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    item_ids: Mapped[list[Any]] = mapped_column(default=list)
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class SweepRun(Base):
    """One sweep of one account: when, what it fetched and found, and what went wrong."""

    __tablename__ = "sweep_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="running")
    items_fetched: Mapped[int] = mapped_column(Integer, default=0)
    items_new: Mapped[int] = mapped_column(Integer, default=0)
    findings_opened: Mapped[int] = mapped_column(Integer, default=0)
    findings_resolved: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    retry_after: Mapped[datetime | None]
    notices: Mapped[list[Any]] = mapped_column(default=list)
    worker: Mapped[str | None] = mapped_column(String(128))  # host:pid of the process that swept


class Delivery(Base):
    """One notification of one finding group on one route (the outbox); each try is a DeliveryAttempt."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_account_route_status", "account_id", "route", "status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    sweep_run_id: Mapped[int | None] = mapped_column(ForeignKey("sweep_runs.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(32), default="digest")  # digest | account_failure | dead_letter | test
    route: Mapped[str] = mapped_column(String(64), default="default")
    transport: Mapped[str] = mapped_column(String(16))  # the channel: smtp, file, console, apprise
    recipients: Mapped[list[Any]] = mapped_column(default=list)
    subject: Mapped[str] = mapped_column(Text)
    # sending (an attempt is under way) | retrying (transient failure, next_attempt_at) | sent | dead (given up)
    # | superseded (retrying, but nothing it held is still due) | failed (recorded before the pipeline; planned again)
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    message_id: Mapped[str | None] = mapped_column(String(255))
    in_reply_to: Mapped[str | None] = mapped_column(String(255))
    finding_ids: Mapped[list[Any]] = mapped_column(default=list)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]  # transient failures are retried until then (retry_for), then dead-lettered
    lease_owner: Mapped[str | None] = mapped_column(String(128))  # the worker sending it now (status sending)
    lease_expires_at: Mapped[datetime | None]  # after this a "sending" row is a dead worker's: it is sent again


class DeliveryAttempt(Base):
    """One try to send a delivery: when, how it ended and what the server answered."""

    __tablename__ = "delivery_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"), index=True)
    attempted_at: Mapped[datetime]
    outcome: Mapped[str] = mapped_column(String(16))  # sent | transient | permanent
    answer: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)


class Notified(Base):
    """The notification log: what one route was told about one fingerprint, written only after a send succeeded."""

    __tablename__ = "notification_log"
    __table_args__ = (UniqueConstraint("route", "account_id", "fingerprint", name="uq_notification_log_route_account_fingerprint"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    route: Mapped[str] = mapped_column(String(64))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id", ondelete="SET NULL"))  # the finding last told
    first_message_id: Mapped[str | None] = mapped_column(String(255))  # the thread's first message about it
    first_sent_at: Mapped[datetime]
    last_sent_at: Mapped[datetime]
    outcome: Mapped[str] = mapped_column(String(16), default="sent")  # sent | dead (given up: waits repeat_interval)
    resolved_sent_at: Mapped[datetime | None]


class SilenceRecord(Base):
    """A silence added with `monitor silence add`: matching findings are not alerted until ends_at."""

    __tablename__ = "silences"
    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str | None] = mapped_column(String(64))
    mistake: Mapped[str | None] = mapped_column(String(32))
    rule: Mapped[str | None] = mapped_column(String(64))
    finding_id: Mapped[int | None] = mapped_column(Integer)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    expired_at: Mapped[datetime | None]  # `monitor silence expire` ended it early
