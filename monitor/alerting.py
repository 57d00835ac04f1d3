"""From Settings to what alerts/ needs: the account as alerts show it, its routes, the channels and the retry policy.

alerts/ never sees the Settings object: this is the one place that reads [email], [[routes]] and [[silences]].
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from alerts.channels import AppriseChannel, Channel, DryRunChannel, EmailChannel
from alerts.outbox import Pipeline
from alerts.quiet import parse_quiet_hours
from alerts.retry import RetryPolicy
from alerts.routes import AccountInfo, Route
from alerts.silences import Matcher, from_config
from alerts.transports import Transport
from monitor.leases import Leases
from monitor.settings import AccountSettings, RouteSettings, Settings, resolve_secret
from monitor.store.models import Account


def account_info(settings: Settings, config: AccountSettings, stored: Account) -> AccountInfo:
    """The account as its alerts show it."""
    from connectors.base import platform

    return AccountInfo(id=stored.id, name=config.name, platform=config.platform, platform_title=platform(config.platform).title,
                       described=config.described, timezone=config.timezone, language=config.language)


def default_route(settings: Settings, config: AccountSettings) -> Route:
    """The [email] route: every finding no [[routes]] entry takes, to the account's email_to or [email] to."""
    email = settings.email
    return Route(
        name="default", channel="email", recipients=tuple(config.email_to or email.to), language=None,
        quiet_hours=parse_quiet_hours(email.quiet_hours, email.timezone or config.timezone) if email.quiet_hours else None,
        repeat_interval=email.repeat_interval, renotify_after=email.renotify_after, send_resolved=email.send_resolved,
        max_findings=email.max_findings_per_email,
    )


def _apprise_urls(settings: Settings, index: int, route: RouteSettings) -> tuple[str, ...]:
    urls = list(route.apprise)
    if route.apprise_env:
        value = resolve_secret(settings, f"routes[{index}]", route.apprise_env, None, "apprise").get_secret_value()
        urls += [u for u in value.replace(",", " ").split() if u]
    return tuple(urls)


def routes(settings: Settings, config: AccountSettings) -> list[Route]:
    """The [[routes]] that may take this account's findings, in the config's order."""
    email = settings.email
    found = []
    for index, entry in enumerate(settings.routes):
        if entry.accounts is not None and config.name not in entry.accounts:
            continue
        zone = entry.timezone or email.timezone or config.timezone
        found.append(Route(
            name=entry.name, channel=entry.channel,
            recipients=tuple(entry.to or (email.to if entry.channel == "email" else ())),
            urls=_apprise_urls(settings, index, entry) if entry.channel == "apprise" else (),
            language=entry.language,
            quiet_hours=parse_quiet_hours(entry.quiet_hours, zone) if entry.quiet_hours else None,
            repeat_interval=entry.repeat_interval or email.repeat_interval, renotify_after=email.renotify_after,
            send_resolved=email.send_resolved if entry.send_resolved is None else entry.send_resolved,
            max_findings=entry.max_findings_per_email or email.max_findings_per_email,
            accounts=frozenset(entry.accounts) if entry.accounts is not None else None,
            mistakes=frozenset(entry.mistakes) if entry.mistakes is not None else None,
            rules=frozenset(entry.rules) if entry.rules is not None else None,
            severities=frozenset(entry.severities) if entry.severities is not None else None,
            proceed=entry.continue_,
        ))
    return found


def admin_route(settings: Settings) -> Route | None:
    """Where dead letters and credential failures go: [email] admin, else [email] to (None when neither is set)."""
    recipients = settings.email.admin_to
    if not recipients and settings.email.transport == "smtp":
        return None
    return Route(name="admin", channel="email", recipients=tuple(recipients))


def silences(settings: Settings) -> list[Matcher]:
    """The config file's [[silences]]; the database's are read by the plan on every sweep."""
    return from_config(settings.silences)


def retry_policy(settings: Settings) -> RetryPolicy:
    """[email] retry_* as a policy."""
    email = settings.email
    return RetryPolicy(attempts=email.retry_attempts, delay=email.retry_delay, backoff=email.retry_backoff,
                       max_backoff=email.retry_max_backoff, retry_for=email.retry_for)


def channel_factory(transport: Transport) -> Callable[[Route], Channel]:
    """Route -> channel: email through the transport, chat through Apprise; in a dry run every route prints."""
    email = EmailChannel(transport)

    def channel(route: Route) -> Channel:
        if not transport.records:
            return DryRunChannel(route.name, getattr(transport, "stream", None))
        if route.channel == "apprise":
            return AppriseChannel(list(route.urls), route.name)
        return email

    return channel


def pipeline(settings: Settings, transport: Transport, policy: RetryPolicy | None = None, leases: Leases | None = None) -> Pipeline:
    """The delivery pipeline [email] configures, sending email through transport."""
    email = settings.email
    config = shlex.quote(str(settings.path))
    return Pipeline(
        channel=channel_factory(transport), policy=policy or retry_policy(settings), sender=email.from_,
        prefix=email.subject_prefix, language=email.language, admin=admin_route(settings),
        more_command=lambda account: f"monitor findings --config {config} --account {shlex.quote(account)}",
        leases=leases or Leases(),
    )


def check_routes(settings: Settings) -> None:
    """Resolve every route's secrets now, so that a missing one is a ConfigError before anything is fetched."""
    for config in settings.accounts:
        routes(settings, config)
