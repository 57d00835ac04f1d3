"""Render a digest email (HTML and plain text) from findings with Jinja2."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from jinja2 import PackageLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from alerts.i18n import FAILURE, LABELS, MISTAKE_TITLES
from monitor.text.excerpt import excerpt
from monitor.text.ages import human_age

SUBJECT_CHARS = 200


class RenderError(Exception):
    """A template failed to render; a permanent delivery error."""


def _environment(autoescape: bool) -> SandboxedEnvironment:
    # Autoescape is decided here, never by file extension: every HTML template is escaped.
    return SandboxedEnvironment(
        loader=PackageLoader("alerts", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


HTML = _environment(autoescape=True)
TEXT = _environment(autoescape=False)


def clean_header(value: str, limit: int = SUBJECT_CHARS) -> str:
    """A single-line header value: control and format characters dropped, length capped."""
    value = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in value)
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def safe_url(url: Any) -> str | None:
    """Only http(s) links reach an email."""
    if isinstance(url, str) and url.lower().startswith(("https://", "http://")) and not any(c.isspace() for c in url):
        return url
    return None


@dataclass
class Digest:
    """A rendered digest: subject, text and HTML bodies."""

    subject: str
    text: str
    html: str


def _render(name: str, subject: str, context: dict[str, Any]) -> Digest:
    """Both parts of an email from templates/<name>.html.j2 and <name>.txt.j2."""
    try:
        html = HTML.get_template(f"{name}.html.j2").render(context)
        text = TEXT.get_template(f"{name}.txt.j2").render(context)
    except TemplateError as exc:
        raise RenderError(f"the {name} template failed: {exc}") from exc
    return Digest(subject=subject, text=text, html=html)


def _finding_view(finding: Any, language: str, now: datetime) -> dict[str, Any]:
    summaries = (finding.details or {}).get("summary") or {}
    evidence = []
    for ev in finding.evidence or []:
        try:
            age = human_age(now - datetime.fromisoformat(ev.get("created_at")), language)
        except (TypeError, ValueError):
            age = "?"
        evidence.append(
            {
                "excerpt": excerpt(str(ev.get("excerpt") or "")),
                "author": excerpt(str(ev.get("author") or "?"), 80),
                "age": age,
                "url": safe_url(ev.get("url")),
            }
        )
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "summary": summaries.get(language) or finding.summary,
        "evidence": evidence,
    }


def _rule_views(findings: list[Any], language: str, now: datetime) -> list[dict[str, Any]]:
    """Findings of one mistake grouped by rule, with the rule's why and what-to-do once."""
    views = []
    for name in dict.fromkeys(f.rule for f in findings):
        # Each finding carries its rule's why and what-to-do (en, ru), stamped by the rule registry.
        first = next(f for f in findings if f.rule == name).details or {}
        views.append(
            {
                "rule": name,
                "why": (first.get("why") or {}).get(language, ""),
                "todo": (first.get("todo") or {}).get(language, ""),
                "findings": [_finding_view(f, language, now) for f in findings if f.rule == name],
            }
        )
    return views


def render_digest(account: Any, findings: list[Any], language: str, prefix: str, now: datetime,
                  audit: timedelta | None = None) -> Digest:
    """The digest of one account's new findings, grouped by mistake in the canonical order; `audit`: the first sweep's."""
    labels = LABELS[language]
    titles = MISTAKE_TITLES[language]
    groups = []
    for mistake in titles:  # the canonical order of the seven mistakes
        members = [f for f in findings if f.mistake == mistake]
        if members:
            groups.append({"mistake": mistake, "title": titles[mistake], "count": len(members),
                           "rules": _rule_views(members, language, now)})
    names = ", ".join(g["title"] for g in groups)
    facts = {"account": account.name, "platform": account.platform, "count": len(findings), "mistakes": names,
             "when": f"{now:%Y-%m-%d %H:%M} UTC", "window": human_age(audit, language) if audit else ""}
    subject = clean_header(f"{prefix} " + labels["audit_subject" if audit else "subject"].format(**facts))
    context = {
        "language": language,
        "labels": labels,
        "subject": subject,
        "groups": groups,
        "intro": labels["audit_intro" if audit else "intro"].format(**facts),
    }
    return _render("digest", subject, context)


def render_failure(account: Any, error: str, language: str, prefix: str, now: datetime) -> Digest:
    """The one-time email saying an account can no longer be read (credentials refused)."""
    labels = FAILURE[language]
    subject = clean_header(f"{prefix} " + labels["subject"].format(account=account.name))
    context = {
        "language": language,
        "labels": labels,
        "subject": subject,
        "error": excerpt(error, 500),
        "intro": labels["intro"].format(account=account.name, platform=account.platform, when=f"{now:%Y-%m-%d %H:%M} UTC"),
    }
    return _render("failure", subject, context)


def build_message(digest: Digest, sender: str, recipients: list[str], now: datetime, account_name: str) -> EmailMessage:
    """A multipart/alternative message (plain text first, then HTML)."""
    message = EmailMessage()
    message["Subject"] = digest.subject
    message["From"] = sender
    message["To"] = ", ".join(recipients) if recipients else sender
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1])
    message["X-SMM-Monitor-Account"] = clean_header(account_name, 64)
    message.set_content(digest.text)
    message.add_alternative(digest.html, subtype="html")
    return message
