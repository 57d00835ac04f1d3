"""Typed, strict settings read from the TOML config file."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, PrivateAttr, SecretStr, ValidationError, create_model, field_validator, model_validator

from monitor.config_errors import ConfigError, describe_validation_error
from monitor.config_model import StrictModel, looks_like_secret
from monitor.durations import Duration, Interval, Timeout, bounded, format_duration

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+$")


MISTAKE_IDS = ("planning", "misleading", "ignoring", "spam", "tone", "oversharing", "self_promotion")
SEVERITIES = ("critical", "warning", "info")


def _did_you_mean(value: str, known: list[str] | tuple[str, ...], what: str) -> str:
    """The error text for an unknown name: a close match when there is one, else the list."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else f"use one of: {', '.join(repr(k) for k in known)}"
    return f"{value!r} is not {what}; {hint}"


def _check_language(value: str | None) -> str | None:
    from alerts.catalogs import languages

    if value is not None and value not in languages():
        raise ValueError(_did_you_mean(value, languages(), "a language the alerts have a catalog for (alerts/locales/)"))
    return value


def _check_mistake(value: str | None) -> str | None:
    if value is not None and value not in MISTAKE_IDS:
        raise ValueError(_did_you_mean(value, MISTAKE_IDS, "a mistake"))
    return value


def _check_quiet_hours(value: str | None) -> str | None:
    if value is not None:
        from alerts.quiet import parse_quiet_hours

        parse_quiet_hours(value)
    return value


def _check_timezone_name(value: str | None) -> str | None:
    if value is not None:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone (e.g. \"Europe/Moscow\", \"UTC\")") from None
    return value


def rule_names() -> dict[str, list[str]]:
    """mistake -> its rule names, from the rule registry (imported only when a config names rules)."""
    from monitor.detectors.registry import registry

    names: dict[str, list[str]] = {}
    for mistake, name in registry().rules:
        names.setdefault(mistake, []).append(name)
    return names


def check_rule_name(rule: str, mistake: str | None = None) -> None:
    """A ValueError with a "did you mean" when no rule (of that mistake) is called `rule`."""
    names = rule_names()
    known = names.get(mistake, []) if mistake else sorted({n for ns in names.values() for n in ns})
    if rule not in known:
        raise ValueError(_did_you_mean(rule, known, f"a rule of {mistake!r}" if mistake else "a rule"))


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an email address (write it as name@example.com)")
    return value


class DatabaseSettings(StrictModel):
    url: str = "sqlite:///monitor.db"
    lock_wait: Duration = timedelta(seconds=10)  # SQLite: how long a second writer waits for the first before exit 1


class SmtpSettings(StrictModel):
    host: str = "localhost"
    port: int = Field(587, ge=1, le=65535)
    security: Literal["none", "starttls", "ssl"] = "starttls"
    username_env: str | None = None
    username_file: str | None = None
    password_env: str | None = None
    password_file: str | None = None
    timeout: Timeout = timedelta(seconds=30)


class FileTransportSettings(StrictModel):
    dir: str = "outbox"


class EmailSettings(StrictModel):
    transport: Literal["smtp", "file", "console"] = "console"
    from_: str = Field("monitor@localhost", alias="from")
    to: list[str] = []
    language: str = "en"  # any language with a catalog in alerts/locales/ (en, ru)
    subject_prefix: str = "[smm-monitor]"
    renotify_after: Duration = timedelta(hours=24)  # a finding that reopens sooner is not emailed again yet
    repeat_interval: Duration = timedelta(hours=24)  # a finding still open is sent again, in the same thread, after this
    max_findings_per_email: int = Field(50, ge=1, le=500)
    send_resolved: bool = False  # a notice when a finding that was alerted resolves
    admin: list[str] = []  # dead letters and credential failures go here; default: `to`
    quiet_hours: str | None = None  # the default route's, e.g. "22:00-08:00", in `timezone` (default: the account's)
    timezone: str | None = None
    retry_attempts: int = Field(3, ge=1, le=10)  # tries within one sweep for a transient failure
    retry_delay: Annotated[Duration, bounded("0s", "5m", "a sweep waits this long between tries")] = timedelta(seconds=2)  # ...waiting this long before the second, doubling, with jitter
    retry_backoff: Duration = timedelta(minutes=1)  # across sweeps: the first wait, doubling up to retry_max_backoff
    retry_max_backoff: Duration = timedelta(hours=1)
    retry_for: Duration = timedelta(hours=48)  # then the delivery is dead-lettered and the admin told once
    smtp: SmtpSettings = SmtpSettings()
    file: FileTransportSettings = FileTransportSettings()

    _check_from = field_validator("from_")(_check_email)
    _language = field_validator("language")(_check_language)
    _quiet = field_validator("quiet_hours")(_check_quiet_hours)
    _zone = field_validator("timezone")(_check_timezone_name)

    @field_validator("to", "admin")
    @classmethod
    def _check_to(cls, value: list[str]) -> list[str]:
        return [_check_email(v) for v in value]

    @property
    def admin_to(self) -> list[str]:
        """Where dead letters and credential failures go."""
        return self.admin or self.to

    @model_validator(mode="after")
    def _recipients_for_smtp(self) -> "EmailSettings":
        if self.transport == "smtp" and not self.to:
            raise ValueError('transport "smtp" needs recipients: set to = ["smm@brand.example"]')
        return self


def _connectors_model() -> type[StrictModel]:
    """[connectors]: one table per registered platform, each its connector module's settings model."""
    from connectors.base import platforms

    fields: dict[str, Any] = {name: (p.settings, p.settings()) for name, p in platforms().items()}
    return create_model("ConnectorsSettings", __base__=StrictModel, **fields)


ConnectorsSettings = _connectors_model()


class MistakeRules(StrictModel):
    """Keys every [rules.<mistake>] table has: switch the mistake or single rules off."""

    enabled: bool = True
    disable: list[str] = []


class PlanningRules(MistakeRules):
    max_gap: Duration | None = None  # None: the platform's default (X 3d, Facebook 7d)
    cadence_window: Duration = timedelta(days=30)
    min_posts: int = Field(6, ge=3)
    max_burstiness: float = Field(0.5, gt=-1, le=1)  # Goh-Barabási burstiness, corrected for short series (Kim & Jo)
    posts_per_week: float | None = Field(None, gt=0)
    plan_tolerance: float = Field(0.3, ge=0, le=1)


class MisleadingRules(MistakeRules):
    spike_z: float = Field(3.5, gt=0)
    spike_min_gain: int = Field(500, ge=0)
    spike_min_baseline: int = Field(7, ge=3)
    spike_window: Duration = timedelta(days=30)
    # Without a baseline, a jump between two consecutive snapshots counts when both large relatively and absolutely:
    # organic growth between two sweeps is a few percent, a viral day rarely adds half an account at once, while
    # follower packages sell in thousands (a small account's +1,000 is bought more often than earned).
    jump_ratio: float = Field(1.5, gt=1)
    jump_min_gain: int = Field(1000, ge=1)
    lookback: Duration = timedelta(days=7)
    extra_claims: list[str] = []  # added to the built-in en/ru claims

    @field_validator("extra_claims")
    @classmethod
    def _check_claims(cls, value: list[str]) -> list[str]:
        for phrase in value:
            if not any(ch.isalnum() for ch in phrase):
                raise ValueError(f"{phrase!r} has no words: write a phrase such as \"works instantly\"")
        return value


class IgnoringRules(MistakeRules):
    reply_within: Duration = timedelta(hours=2)
    max_age: Duration = timedelta(days=7)
    business_hours: str | None = None  # e.g. "Mon-Fri 09:00-18:00; Sat 10:00-14:00" in the account's timezone
    response_target: float = Field(0.9, gt=0, le=1)
    response_window: Duration = timedelta(days=7)
    response_min_questions: int = Field(5, ge=1)

    @field_validator("business_hours")
    @classmethod
    def _check_hours(cls, value: str | None) -> str | None:
        if value:
            from monitor.text.hours import parse_business_hours

            parse_business_hours(value)
        return value


class SpamRules(MistakeRules):
    window: Duration = timedelta(days=30)
    similarity: float = Field(0.9, gt=0, le=1)
    min_length: int = Field(20, ge=1)
    flood_max_posts: int = Field(5, ge=1)
    flood_window: Duration = timedelta(hours=1)
    flood_lookback: Duration = timedelta(days=1)  # a flood stays an open finding this long after its last post
    opt_out_phrases: list[str] = []  # added to the built-in en/ru stop phrases
    opt_out_grace: Duration = timedelta(hours=1)  # one acknowledgement this soon after an opt-out is fine; "0s": none

    @field_validator("opt_out_phrases")
    @classmethod
    def _check_phrases(cls, value: list[str]) -> list[str]:
        for phrase in value:
            if not any(ch.isalnum() for ch in phrase):
                raise ValueError(f"{phrase!r} has no words: write a phrase such as \"stop sending me offers\"")
        return value


class ToneRules(MistakeRules):
    lookback: Duration = timedelta(days=7)
    competitors: list[str] = []  # names or @handles; Russian names also match their case forms
    # Names nobody configured count too when written like a business (an @handle, a quoted «Name», BeanBarn) or standing
    # where a business does ("unlike Costa", "Greggs' sausage rolls") next to a run-down; false: only `competitors`.
    guess_competitors: bool = True
    own_names: list[str] = []  # the brand's own names and handles: never taken for a competitor
    register_model: bool = True  # the trained register model may also flag (as a warning) what no word list names
    allow_words: list[str] = []  # words never reported as profanity (a product or place name)
    # The model only judges words obscene by context ("ass", "tits"); on the corpus innocent uses
    # score up to 0.65 and vulgar ones mostly 0.7 and above.
    profanity_threshold: float = Field(0.7, gt=0, le=1)


class OversharingRules(MistakeRules):
    lookback: Duration = timedelta(days=7)
    phone_regions: list[str] = ["RU", "US", "GB"]
    # The brand's own public contacts: phones, emails ("@brand.example": the whole domain). Role mailboxes (info@, press@,
    # hr@, support@, hello@ …) pass at the domain of any address listed here, without being listed themselves.
    allow: list[str] = []
    internal_terms: list[str] = []  # added to the built-in list

    @field_validator("phone_regions")
    @classmethod
    def _check_regions(cls, value: list[str]) -> list[str]:
        import phonenumbers

        regions = [region.strip().upper() for region in value]
        for region in regions:
            if region not in phonenumbers.SUPPORTED_REGIONS:
                raise ValueError(f"{region!r} is not a two-letter region code (e.g. \"RU\", \"US\", \"GB\", \"DE\")")
        return regions

    @field_validator("allow")
    @classmethod
    def _check_allow(cls, value: list[str]) -> list[str]:
        for entry in value:
            if "@" not in entry and sum(ch.isdigit() for ch in entry) < 5:
                raise ValueError(
                    f"{entry!r} is neither an e-mail address nor a phone number: "
                    "write contacts such as \"+7 800 555-35-35\" or \"hello@brand.example\""
                )
        return value

    @field_validator("internal_terms")
    @classmethod
    def _check_terms(cls, value: list[str]) -> list[str]:
        for term in value:
            if not any(ch.isalnum() for ch in term):
                raise ValueError(f"{term!r} has no words: write a marker such as \"internal use only\"")
        return value


class SelfPromotionRules(MistakeRules):
    last_posts: int = Field(30, ge=5)
    warn_share: float = Field(0.2, gt=0, le=1)
    alert_share: float = Field(0.33, gt=0, le=1)
    promo_threshold: float = Field(0.5, gt=0, le=1)
    shop_domains: list[str] = []  # the brand's own shop, e.g. "shop.brand.example"
    min_posts: int = Field(10, ge=1)  # fewer posts than this (or than last_posts) say nothing about a share
    register_model: bool = True  # the trained register model may also count a post as promotional

    @model_validator(mode="after")
    def _shares_in_order(self) -> "SelfPromotionRules":
        if self.alert_share < self.warn_share:
            raise ValueError(f"alert_share ({self.alert_share}) must not be below warn_share ({self.warn_share})")
        return self


class RulesSettings(StrictModel):
    """[rules]: the first sweep's audit window, and one table per mistake."""

    # The first sweep of an account audits this much of its history; content findings then stand while the post is public.
    audit_window: Duration = timedelta(days=90)
    planning: PlanningRules = PlanningRules()
    misleading: MisleadingRules = MisleadingRules()
    ignoring: IgnoringRules = IgnoringRules()
    spam: SpamRules = SpamRules()
    tone: ToneRules = ToneRules()
    oversharing: OversharingRules = OversharingRules()
    self_promotion: SelfPromotionRules = SelfPromotionRules()

    @model_validator(mode="after")
    def _known_disabled_rules(self) -> "RulesSettings":
        for mistake in MISTAKE_IDS:
            for index, name in enumerate(getattr(self, mistake).disable):
                try:
                    check_rule_name(name, mistake)
                except ValueError as exc:
                    raise ValueError(f"[rules.{mistake}] disable[{index}]: {exc}") from None
        return self


class RouteSettings(StrictModel):
    """One [[routes]] entry: which findings (accounts, mistakes, rules, severities) go where, when and how."""

    name: str
    accounts: list[str] | None = None  # None: every account
    mistakes: list[str] | None = None
    rules: list[str] | None = None
    severities: list[Literal["critical", "warning", "info"]] | None = None
    to: list[str] | None = None  # email recipients (through [email] transport); default [email] to
    apprise_env: str | None = None  # an environment variable holding Apprise URLs (Telegram, Slack, a webhook)
    apprise: list[str] = []  # Apprise URLs without secrets (e.g. a local webhook); secrets belong in apprise_env
    language: str | None = None
    timezone: str | None = None
    quiet_hours: str | None = None
    repeat_interval: Duration | None = None
    send_resolved: bool | None = None
    max_findings_per_email: int | None = Field(None, ge=1, le=500)
    continue_: bool = Field(False, alias="continue")  # also try the routes after this one

    _language = field_validator("language")(_check_language)
    _quiet = field_validator("quiet_hours")(_check_quiet_hours)
    _zone = field_validator("timezone")(_check_timezone_name)

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        if not _NAME.match(value) or value in ("default", "admin"):
            raise ValueError(f"{value!r}: name the route with letters, digits, '.', '_' or '-' (not default or admin)")
        return value

    @field_validator("to")
    @classmethod
    def _check_to(cls, value: list[str] | None) -> list[str] | None:
        return [_check_email(v) for v in value] if value is not None else None

    @field_validator("mistakes")
    @classmethod
    def _check_mistakes(cls, value: list[str] | None) -> list[str] | None:
        for mistake in value or []:
            _check_mistake(mistake)
        return value

    @field_validator("apprise")
    @classmethod
    def _check_urls(cls, value: list[str]) -> list[str]:
        for url in value:
            if "://" not in url:
                raise ValueError(f"{url!r} is not an Apprise URL (e.g. \"json://127.0.0.1:8080/hook\")")
        return value

    @model_validator(mode="after")
    def _one_channel(self) -> "RouteSettings":
        if (self.apprise or self.apprise_env) and self.to:
            raise ValueError("a route delivers to one channel: give either `to` (email) or apprise/apprise_env; split it in two routes")
        return self

    @property
    def channel(self) -> str:
        """email or apprise."""
        return "apprise" if self.apprise or self.apprise_env else "email"


class DaemonSettings(StrictModel):
    interval: Interval = timedelta(minutes=15)
    jitter: Annotated[Duration, bounded("0s", "1h")] = timedelta(seconds=30)
    misfire_grace: Annotated[Duration, bounded("0s", "1d")] = timedelta(minutes=5)
    workers: int = Field(2, ge=1, le=32)
    poll: Annotated[Duration, bounded("0.1s", "1h", "how often the daemon checks which accounts are due")] = timedelta(seconds=30)  # how often each account's slot is checked (never less often than its interval)
    lease: Annotated[Duration, bounded("1s", "1h", "how long a worker holds an account it sweeps")] = timedelta(minutes=2)  # a dead worker's account is taken over after this (renewed every third of it)
    metrics_port: int | None = Field(None, ge=1, le=65535)  # serve /metrics and /healthz on this port (off when unset)
    metrics_address: str = "127.0.0.1"
    log_format: Literal["text", "json"] = "text"

    @field_validator("poll", "lease")
    @classmethod
    def _positive(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError("must be longer than 0s (e.g. \"30s\", \"2m\")")
        return value


class AccountSettings(StrictModel):
    """One [[accounts]] entry; the keys that name it on its platform are that platform's `target` model."""

    name: str
    platform: str
    target: Any = Field(None, exclude=True)  # the platform's keys (handle, page_id, ...), validated by its model
    timezone: str = "UTC"
    enabled: bool = True
    interval: Interval | None = None
    source: Literal["api", "archive"] = "api"
    archive: str | None = None
    email_to: list[str] | None = None  # this account's digests go here instead of [email] to
    language: str | None = None  # this account's alerts in this language instead of [email] language
    rules: dict[str, Any] = {}

    _language = field_validator("language")(_check_language)

    _effective_rules: RulesSettings = PrivateAttr(default_factory=RulesSettings)

    @classmethod
    def extra_keys(cls) -> list[str]:
        """The keys any platform's accounts take besides these fields (for "did you mean")."""
        from connectors.base import platforms

        return sorted({key for p in platforms().values() for key in p.target.model_fields})

    @model_validator(mode="before")
    @classmethod
    def _platform_keys(cls, data: Any) -> Any:
        """Move the platform's own keys into `target`, validated by the platform's model."""
        from connectors.base import platforms

        if not isinstance(data, dict) or "target" in data:
            return data
        platform = platforms().get(data.get("platform"))  # type: ignore[arg-type]
        targets = set(cls.extra_keys())
        if platform is None:  # the platform field reports it; the other platforms' keys are no news then
            return {k: v for k, v in data.items() if k not in targets}
        own = set(platform.target.model_fields)
        keys = {k: v for k, v in data.items() if k in own}
        try:
            target = platform.target.model_validate(keys)
        except ValidationError as exc:
            problem = exc.errors()[0]
            key = ".".join(str(p) for p in problem["loc"])
            if problem["type"] == "missing":
                example = ", ".join(f'{k} = "..."' for k in sorted(own))
                raise ValueError(f"a {platform.title} account needs {key}: add {example}") from None
            raise ValueError(f"{key}: {problem['msg'].removeprefix('Value error, ')}") from None
        # Keys of other platforms (page_id on an X account) stay and are reported as unknown here.
        return {**{k: v for k, v in data.items() if k not in own}, "target": target}

    @field_validator("platform")
    @classmethod
    def _known_platform(cls, value: str) -> str:
        from connectors.base import platforms

        if value not in platforms():
            close = difflib.get_close_matches(value, platforms(), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ValueError(f"{value!r} is not supported; {hint}use one of: {', '.join(repr(n) for n in platforms())}")
        return value

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(f"{value!r}: use letters, digits, '.', '_' or '-' (e.g. \"northwind-x\")")
        return value

    @field_validator("email_to")
    @classmethod
    def _check_email_to(cls, value: list[str] | None) -> list[str] | None:
        return [_check_email(v) for v in value] if value is not None else None

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone (e.g. \"Europe/Moscow\", \"UTC\")") from None
        return value

    @model_validator(mode="after")
    def _archive_path(self) -> "AccountSettings":
        if self.source == "archive" and not self.archive:
            raise ValueError('source = "archive" needs archive = "path/to/export.jsonl"')
        return self

    @property
    def effective_rules(self) -> RulesSettings:
        """Global rules with this account's overrides applied."""
        return self._effective_rules

    @property
    def described(self) -> str:
        """The account on its platform as people read it: "@brand", "page 2002"."""
        from connectors.base import platform

        return platform(self.platform).describe(self.target)


class Silence(StrictModel):
    """Findings that match are not emailed until `until` (they are still detected and listed)."""

    account: str | None = None
    mistake: str | None = None
    rule: str | None = None
    finding: int | None = None
    until: datetime
    reason: str = ""

    _mistake = field_validator("mistake")(_check_mistake)

    @field_validator("until")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("write the time with its offset, e.g. 2026-12-31T00:00:00Z or 2026-12-31T03:00:00+03:00")
        return value

    @model_validator(mode="after")
    def _matches_something(self) -> "Silence":
        if not (self.account or self.mistake or self.rule or self.finding):
            raise ValueError("a silence needs account, mistake, rule or finding (or several) to say what it silences")
        if self.rule:
            check_rule_name(self.rule, self.mistake)
        return self

    def matches(self, account: str, mistake: str, rule: str, now: datetime, finding: int | None = None) -> bool:
        """Whether a finding of account/mistake/rule is silenced at now."""
        return (
            now < self.until
            and self.account in (None, account)
            and self.mistake in (None, mistake)
            and self.rule in (None, rule)
            and self.finding in (None, finding)
        )


class Settings(StrictModel):
    database: DatabaseSettings = DatabaseSettings()
    email: EmailSettings = EmailSettings()
    connectors: ConnectorsSettings = ConnectorsSettings()
    rules: RulesSettings = RulesSettings()
    daemon: DaemonSettings = DaemonSettings()
    accounts: list[AccountSettings] = Field(min_length=1)
    routes: list[RouteSettings] = []
    silences: list[Silence] = []

    _path: Path = PrivateAttr(default=Path("monitor.toml"))

    @field_validator("accounts")
    @classmethod
    def _unique_names(cls, accounts: list[AccountSettings]) -> list[AccountSettings]:
        seen: dict[str, int] = {}
        for index, account in enumerate(accounts):
            if account.name in seen:
                raise ValueError(
                    f"accounts[{index}].name {account.name!r} is already used by accounts[{seen[account.name]}]: "
                    "account names must be unique: give this one another name"
                )
            seen[account.name] = index
        return accounts

    @model_validator(mode="after")
    def _silenced_accounts_exist(self) -> "Settings":
        names = {a.name for a in self.accounts}
        for index, silence in enumerate(self.silences):
            if silence.account and silence.account not in names:
                raise ValueError(f"silences[{index}].account {silence.account!r} is not an account here; use one of: {', '.join(sorted(names))}")
        seen: set[str] = set()
        for index, route in enumerate(self.routes):
            if route.name in seen:
                raise ValueError(f"routes[{index}].name {route.name!r} is used twice: give each route its own name")
            seen.add(route.name)
            for account in route.accounts or []:
                if account not in names:
                    raise ValueError(f"routes[{index}].accounts: {_did_you_mean(account, sorted(names), 'an account here')}")
            for rule in route.rules or []:
                try:
                    check_rule_name(rule)
                except ValueError as exc:
                    raise ValueError(f"routes[{index}].rules: {exc}") from None
        return self

    def warnings(self, now: datetime) -> list[str]:
        """Things that are valid but probably not meant: silences that have already ended, sweeps more often than
        a minute."""
        found = [
            f"{self.path}: silences[{index}] ended at {silence.until.isoformat()}: it silences nothing; remove it"
            for index, silence in enumerate(self.silences) if silence.until <= now
        ]
        intervals = [("daemon.interval", self.daemon.interval)] + [
            (f"accounts[{i}].interval", a.interval) for i, a in enumerate(self.accounts) if a.interval is not None
        ]
        found += [
            f"{self.path}: {key} = {format_duration(value)}: sweeping more often than every minute spends the API's "
            "rate limit; meant for tests and demos"
            for key, value in intervals if value < timedelta(minutes=1)
        ]
        return found

    @property
    def path(self) -> Path:
        """The config file these settings came from."""
        return self._path

    def resolve_path(self, value: str) -> Path:
        """A path from the config, relative paths taken from the config file's folder."""
        path = Path(value).expanduser()
        return path if path.is_absolute() else (self._path.parent / path)

    def database_url(self) -> str:
        """The database URL, a relative SQLite path taken from the config file's folder."""
        url = self.database.url
        prefix = "sqlite:///"
        if url.startswith(prefix) and url != "sqlite:///:memory:" and not url.startswith("sqlite:////"):
            return prefix + str(self.resolve_path(url[len(prefix):]).resolve())
        return url

    def account(self, name: str) -> AccountSettings:
        """The account called name, or a ConfigError listing the names there are."""
        for account in self.accounts:
            if account.name == name:
                return account
        names = ", ".join(a.name for a in self.accounts)
        raise ConfigError(f"{self._path}: no account named {name!r}; the accounts are: {names}")


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_settings(path: str | os.PathLike[str]) -> Settings:
    """Read and validate the config file; every problem is a ConfigError naming file, key and fix."""
    path = Path(path).absolute()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found (pass --config PATH; see config/example.toml)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(path, exc, Settings)) from None
    settings._path = path
    global_rules = raw.get("rules", {})
    for index, account in enumerate(settings.accounts):
        try:
            account._effective_rules = RulesSettings.model_validate(_deep_merge(global_rules, account.rules))
        except ValidationError as exc:
            raise ConfigError(
                describe_validation_error(path, exc, RulesSettings, prefix=("accounts", index, "rules"))
            ) from None
    return settings


def resolve_secret(settings: Settings, section: str, env_name: str | None, file_name: str | None, key: str) -> SecretStr:
    """Read a secret named by `<key>_env` or `<key>_file`; a ConfigError says how to provide it."""
    if env_name:
        value = os.environ.get(env_name, "").strip()
        if not value:
            raise ConfigError(
                f"{settings.path}: [{section}] {key}_env names the environment variable {env_name}, "
                f"which is not set: export {env_name}=... before starting the monitor (or use {key}_file)"
            )
        return SecretStr(value)
    if file_name:
        secret_path = settings.resolve_path(file_name)
        try:
            value = secret_path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            # A value without / or . (a bare word such as "hunter2") may be the secret pasted by mistake: never echo it.
            looks_like_path = ("/" in file_name or "." in file_name) and not looks_like_secret(file_name)
            shown = str(secret_path) if looks_like_path else (
                f"the file it names in {secret_path.parent} (its name is not shown: it has no folder or extension and "
                "may be the secret itself pasted there by mistake)")
            raise ConfigError(
                f"{settings.path}: [{section}] {key}_file: cannot read {shown} ({exc.strerror}); "
                "create it with the secret on one line, readable by the monitor's user"
            ) from None
        if not value:
            raise ConfigError(f"{settings.path}: [{section}] {key}_file: {secret_path} is empty")
        return SecretStr(value)
    raise ConfigError(
        f"{settings.path}: [{section}] needs {key}_env (the name of an environment variable holding "
        f"the secret) or {key}_file (a file holding it)"
    )
