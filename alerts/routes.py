"""Routes: which findings go where (channel, recipients), in what language, when, and how often again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from alerts.quiet import QuietHours

SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class AccountInfo:
    """What an alert shows about the account: its name, where it lives, its time zone and language."""

    id: int
    name: str
    platform: str  # the registry's id ("x")
    platform_title: str  # as people name it ("X", "VK")
    described: str  # the account on its platform ("@northwindcoffee", "page 2002")
    timezone: str = "UTC"
    language: str | None = None


@dataclass(frozen=True)
class Route:
    """A resolved route: matchers, one channel with its recipients, language, quiet hours and repeat policy."""

    name: str
    channel: str = "email"  # email | apprise
    recipients: tuple[str, ...] = ()
    urls: tuple[str, ...] = field(default=(), repr=False)  # Apprise URLs: may hold tokens, never printed
    language: str | None = None
    quiet_hours: QuietHours | None = None
    repeat_interval: timedelta = timedelta(hours=24)
    renotify_after: timedelta = timedelta(hours=24)
    send_resolved: bool = False
    max_findings: int = 50
    accounts: frozenset[str] | None = None
    mistakes: frozenset[str] | None = None
    rules: frozenset[str] | None = None
    severities: frozenset[str] | None = None
    proceed: bool = False  # Alertmanager's `continue`: later routes are tried too

    def matches(self, account: str, finding: Any) -> bool:
        """Whether this route takes a finding of account."""
        return all(
            allowed is None or value in allowed
            for allowed, value in ((self.accounts, account), (self.mistakes, finding.mistake),
                                   (self.rules, finding.rule), (self.severities, finding.severity))
        )

    def language_for(self, account: AccountInfo, default: str) -> str:
        """The route's language, else the account's, else [email] language."""
        return self.language or account.language or default


def route_findings(routes: Iterable[Route], default: Route, account: str, findings: Iterable[Any]) -> dict[str, list[Any]]:
    """Route name -> its findings: each finding goes to the matching routes up to one without `continue`;
    a finding that no route takes goes to the default route (Alertmanager's routing tree, one level deep)."""
    routes = list(routes)
    routed: dict[str, list[Any]] = {r.name: [] for r in [*routes, default]}
    for finding in findings:
        taken = False
        for route in routes:
            if route.matches(account, finding):
                routed[route.name].append(finding)
                taken = True
                if not route.proceed:
                    break
        if not taken:
            routed[default.name].append(finding)
    return routed


def by_severity(findings: Iterable[Any]) -> list[Any]:
    """Critical first, then warnings, then info; the oldest first within a severity."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.first_seen, f.id or 0))
