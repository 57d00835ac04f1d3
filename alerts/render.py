"""Render alerts with Jinja2 and the message catalogs: the digest (HTML, text, chat), failures and notices."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
import email.policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from jinja2 import PackageLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from alerts.i18n import CatalogError, Texts
from alerts.sanitize import clean_header, clean_text
from alerts.routes import SEVERITY_ORDER, by_severity

EXCERPT_CHARS = 280
EVIDENCE_SHOWN = 3  # per finding; the rest is in `monitor findings show`


def _N(message: str) -> str:  # noqa: N802 - gettext's marker for "extract now, translate where it is used"
    """Marks a catalog message for the extractor."""
    return message


def _Np(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Marks a catalog message with plural forms for the extractor."""
    return singular, plural


# The seven mistakes in their canonical order; the English titles are the catalogs' msgids.
MISTAKE_TITLES = {
    "planning": _N("Skipping planning"),
    "misleading": _N("Lying or misleading"),
    "ignoring": _N("Ignoring everyone else"),
    "spam": _N("Spamming"),
    "tone": _N("Vulgar, nasty or confrontational"),
    "oversharing": _N("Oversharing"),
    "self_promotion": _N("Constant self-promotion"),
}
# Per-platform link texts where a language needs its own case («во ВКонтакте»); others use "Open on %(platform)s".
LINKS = (_N("Open on X"), _N("Open on Facebook"), _N("Open on VK"))
# Badge colours (background, text): strong enough to read on light and dark backgrounds alike.
BADGES = {"critical": ("#cf222e", "#ffffff"), "warning": ("#d4a72c", "#1f2328"), "info": ("#0969da", "#ffffff")}
SEVERITY_NAMES = {"critical": _N("critical"), "warning": _N("warning"), "info": _N("info")}
SEVERITY_COUNTS = {"critical": _Np("%(num)d critical", "%(num)d critical"), "warning": _Np("%(num)d warning", "%(num)d warnings"),
                   "info": _Np("%(num)d info", "%(num)d info")}


class RenderError(Exception):
    """A template or catalog failed, or a finding cannot be shown: a permanent delivery error."""


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


def safe_url(url: Any) -> str | None:
    """Only http(s) links reach an alert."""
    if isinstance(url, str) and url.lower().startswith(("https://", "http://")) and not any(c.isspace() for c in url):
        return url
    return None


@dataclass
class Digest:
    """A rendered alert: subject, text and HTML bodies, and the compact chat text."""

    subject: str
    text: str
    html: str
    chat: str = ""
    listed: int = 0  # findings listed (the rest counted as "+N more")


@dataclass
class Held:
    """Findings a digest did not list and why: silenced, acknowledged; or the whole digest held by quiet hours."""

    silenced: int = 0
    acknowledged: int = 0
    quiet_until: datetime | None = None


@dataclass
class DigestRequest:
    """Everything one digest shows: the account, its findings (new and repeated), resolved ones, what was held back."""

    account: Any  # AccountInfo (or anything with name, platform, ...)
    findings: list[Any]
    language: str
    prefix: str
    now: datetime
    audit: timedelta | None = None
    repeated: set[int] = field(default_factory=set)  # ids of the findings sent before (still open)
    resolved: list[Any] = field(default_factory=list)
    held: Held = field(default_factory=Held)
    limit: int = 50
    more_command: str = ""
    repeat_interval: timedelta = timedelta(hours=24)
    thread_subject: str | None = None  # a digest that only repeats replies under the first message's subject


def _account_facts(account: Any) -> dict[str, str]:
    title = getattr(account, "platform_title", None) or str(account.platform).upper()
    described = getattr(account, "described", None) or (f"@{account.handle}" if getattr(account, "handle", None) else account.name)
    return {"name": account.name, "platform": title, "described": described,
            "timezone": getattr(account, "timezone", None) or "UTC"}


def link_text(texts: Texts, platform: str) -> str:
    """"Open on X", «Открыть во ВКонтакте»: a platform's own phrase when the catalog has one."""
    own = f"Open on {platform}"
    return texts.gettext(own) if texts.has(own) else texts.gettext("Open on %(platform)s", platform=platform)


def _evidence_view(ev: dict[str, Any], texts: Texts, zone: str, now: datetime, platform: str) -> dict[str, Any]:
    try:
        created = datetime.fromisoformat(ev.get("created_at"))  # type: ignore[arg-type]
        when, ago = texts.when(created, zone), texts.ago(now - created)
    except (TypeError, ValueError):
        when, ago = "", ""
    url = safe_url(ev.get("url"))
    return {
        "excerpt": clean_text(str(ev.get("excerpt") or ""), EXCERPT_CHARS),
        "author": clean_text(str(ev.get("author") or "?"), 80),
        "when": when,
        "ago": ago,
        "url": url,
        "link": link_text(texts, platform) if url else "",
    }


def _finding_view(finding: Any, request: DigestRequest, texts: Texts, facts: dict[str, str], advised: set[str]) -> dict[str, Any]:
    if finding.severity not in SEVERITY_ORDER:
        raise RenderError(f"finding {finding.id} has severity {finding.severity!r}, which this version cannot show "
                          f"(known: {', '.join(SEVERITY_ORDER)}); upgrade smm-monitor")
    details = finding.details or {}
    language = texts.language
    evidence = list(finding.evidence or [])
    first_rule = finding.rule not in advised
    advised.add(finding.rule)
    background, colour = BADGES[finding.severity]
    repeated = finding.id in request.repeated
    since = texts.ago(request.now - finding.first_seen) if getattr(finding, "first_seen", None) else ""
    return {
        "id": finding.id,
        "severity": finding.severity,
        "badge": texts.gettext(SEVERITY_NAMES[finding.severity]).upper(),
        "badge_bg": background,
        "badge_fg": colour,
        "mistake": texts.gettext(MISTAKE_TITLES.get(finding.mistake, finding.mistake)),
        "rule": finding.rule,
        "summary": clean_text((details.get("summary") or {}).get(language) or finding.summary, 600),
        "status": texts.gettext("still open, first seen %(ago)s", ago=since) if repeated else texts.gettext("new"),
        "repeated": repeated,
        "evidence": [_evidence_view(ev, texts, facts["timezone"], request.now, facts["platform"]) for ev in evidence[:EVIDENCE_SHOWN]],
        "more_evidence": max(len(evidence) - EVIDENCE_SHOWN, 0),
        "why": clean_text((details.get("why") or {}).get(language, ""), 800) if first_rule else "",
        "todo": clean_text((details.get("todo") or {}).get(language, ""), 800) if first_rule else "",
    }


def _summary(findings: list[Any], texts: Texts) -> dict[str, Any]:
    severities = Counter(f.severity for f in findings)
    mistakes = Counter(f.mistake for f in findings)
    return {
        "severities": [
            {"label": texts.ngettext(*SEVERITY_COUNTS[name], severities[name]), "bg": BADGES[name][0], "fg": BADGES[name][1]}
            for name in SEVERITY_ORDER if severities.get(name)
        ],
        "mistakes": [{"title": texts.gettext(MISTAKE_TITLES[m]), "count": mistakes[m]} for m in MISTAKE_TITLES if mistakes.get(m)],
    }


def _subject(request: DigestRequest, texts: Texts, facts: dict[str, str], new: int, repeats: int, mistakes: str) -> str:
    name = facts["name"]
    if request.audit:
        body = texts.ngettext("%(account)s: first audit — %(num)d finding in the last %(window)s",
                              "%(account)s: first audit — %(num)d findings in the last %(window)s", new + repeats,
                              account=name, window=texts.duration(request.audit))
    elif new:
        body = texts.ngettext("%(account)s: %(num)d new finding", "%(account)s: %(num)d new findings", new, account=name)
        if repeats:
            body += ", " + texts.ngettext("%(num)d still open", "%(num)d still open", repeats)
    elif repeats:
        if request.thread_subject:  # the thread's first subject, so that mail clients keep one thread
            return clean_header(request.thread_subject if request.thread_subject.startswith("Re: ") else f"Re: {request.thread_subject}")
        body = texts.ngettext("%(account)s: %(num)d finding still open", "%(account)s: %(num)d findings still open", repeats, account=name)
    else:
        body = texts.ngettext("%(account)s: %(num)d finding resolved", "%(account)s: %(num)d findings resolved",
                              len(request.resolved), account=name)
    return clean_header(f"{request.prefix} {body}" + (f" — {mistakes}" if mistakes else ""))


def _render(name: str, context: dict[str, Any]) -> tuple[str, str]:
    """The HTML and text of templates/<name>.html.j2 and <name>.txt.j2."""
    try:
        return HTML.get_template(f"{name}.html.j2").render(context), TEXT.get_template(f"{name}.txt.j2").render(context)
    except TemplateError as exc:
        raise RenderError(f"the {name} template failed: {exc}") from exc


def render_digest(account: Any, findings: list[Any], language: str, prefix: str, now: datetime,
                  audit: timedelta | None = None, **options: Any) -> Digest:
    """One account's digest: critical first, at most `limit` findings listed and the rest counted."""
    return render_request(DigestRequest(account, list(findings), language, prefix, now, audit, **options))


def render_request(request: DigestRequest) -> Digest:
    """Render a DigestRequest (HTML, text and chat)."""
    try:
        texts = Texts(request.language)
        texts.gettext("new")  # loads the catalog: a broken one is a RenderError, not a crash
    except CatalogError as exc:
        raise RenderError(str(exc)) from None
    facts = _account_facts(request.account)
    ordered = by_severity(request.findings)
    listed, rest = ordered[: request.limit], ordered[request.limit:]
    repeats = sum(1 for f in ordered if f.id in request.repeated)
    new = len(ordered) - repeats
    advised: set[str] = set()
    cards = [_finding_view(f, request, texts, facts, advised) for f in listed]
    summary = _summary(ordered, texts)
    mistakes = ", ".join(m["title"] for m in summary["mistakes"])
    subject = _subject(request, texts, facts, new, repeats, mistakes)
    zone = facts["timezone"]
    if request.audit:
        intro = texts.gettext(
            "First audit of %(account)s: the monitor read the last %(window)s of its history and lists what is still there "
            "or happened in that time. From now on you get what is new, and a reminder of what stays open.",
            account=facts["name"], window=texts.duration(request.audit))
    else:
        intro = texts.gettext("Sweep of %(when)s (%(zone)s).", when=texts.when(request.now, zone), zone=zone)
    counts = []
    if new:
        counts.append(texts.ngettext("%(num)d new finding", "%(num)d new findings", new))
    if repeats:
        counts.append(texts.ngettext("%(num)d finding still open", "%(num)d findings still open", repeats))
    if request.resolved:
        counts.append(texts.ngettext("%(num)d finding resolved", "%(num)d findings resolved", len(request.resolved)))
    held = []
    if request.held.silenced:
        held.append(texts.ngettext("%(num)d finding held back by a silence", "%(num)d findings held back by silences", request.held.silenced))
    if request.held.acknowledged:
        held.append(texts.ngettext("%(num)d acknowledged finding not repeated", "%(num)d acknowledged findings not repeated",
                                   request.held.acknowledged))
    context = {
        "lang": texts.language,
        "subject": subject,
        "heading": facts["name"],
        "where": texts.gettext("%(described)s on %(platform)s", described=facts["described"], platform=facts["platform"]),
        "intro": intro,
        "counts": " · ".join(counts),
        "summary": summary,
        "held": held,
        "findings": cards,
        "more": texts.ngettext("+%(num)d more finding is not listed here.", "+%(num)d more findings are not listed here.", len(rest))
        if rest else "",
        "more_command": request.more_command,
        "resolved": [{"summary": clean_text(((f.details or {}).get("summary") or {}).get(texts.language) or f.summary, 300),
                      "when": texts.ago(request.now - f.resolved_at) if getattr(f, "resolved_at", None) else ""}
                     for f in request.resolved[: request.limit]],
        "t": texts.gettext,
        "footer": texts.gettext(
            "A finding still open is sent again after %(interval)s, in this thread. Acknowledge one with `monitor ack ID`, "
            "or pause alerts with `monitor silence add`. Findings resolve by themselves when the problem is fixed.",
            interval=texts.duration(request.repeat_interval)),
    }
    html, text = _render("digest", context)
    try:
        chat = TEXT.get_template("digest.chat.j2").render(context)
    except TemplateError as exc:
        raise RenderError(f"the digest.chat template failed: {exc}") from exc
    return Digest(subject=subject, text=text, html=html, chat=chat, listed=len(cards))


def fit(request: DigestRequest, size: Callable[[Digest], int], budget: int) -> Digest:
    """The digest with as many findings listed as fit in budget bytes (as `size` measures the sent message)."""
    digest = render_request(request)
    while size(digest) > budget and request.limit > 1:
        request.limit = max(1, min(request.limit - 1, int(request.limit * 0.7)))
        digest = render_request(request)
    return digest


def render_notice(kind: str, language: str, prefix: str, values: dict[str, Any]) -> Digest:
    """A short notice to the admin or a tester: `failure` (credentials refused), `dead_letter`, `test`."""
    try:
        texts = Texts(language)
        subjects = {
            "failure": _N("%(account)s: monitoring stopped — the platform refused the credentials"),
            "dead_letter": _N("%(account)s: an alert could not be delivered on route %(route)s"),
            "test": _N("test message from smm-monitor"),
        }
        title = texts.gettext(subjects[kind], **values)
    except (CatalogError, KeyError) as exc:
        raise RenderError(f"the {kind} notice cannot be worded: {exc}") from None
    subject = clean_header(f"[TEST] {prefix} {title}" if kind == "test" else f"{prefix} {title}")
    shown = {k: clean_text(str(v), 1000) for k, v in values.items()}
    if "attempts" in values:
        shown["attempts"] = texts.ngettext("%(num)d attempt", "%(num)d attempts", int(values["attempts"]))
    context = {"lang": language, "subject": subject, "t": texts.gettext, "values": shown}
    html, text = _render(kind, context)
    return Digest(subject=subject, text=text, html=html, chat=text)


def build_message(digest: Digest, sender: str, recipients: Iterable[str], now: datetime, account_name: str, *,
                  message_id: str | None = None, in_reply_to: str | None = None, references: Iterable[str] = ()) -> EmailMessage:
    """A multipart/alternative message (plain text first, then HTML), threaded by In-Reply-To/References."""
    recipients = list(recipients)
    # Folded at 78 columns, Python's header folder can put a space between two encoded-words, where readers drop it
    # ("90 дней" became "90дней"); RFC 5322's 998 keeps a non-ASCII subject in one encoded-word.
    message = EmailMessage(policy=email.policy.default.clone(max_line_length=998))
    message["Subject"] = digest.subject
    message["From"] = sender
    message["To"] = ", ".join(recipients) if recipients else sender
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id or make_msgid(domain=sender.rsplit("@", 1)[-1])
    references = [r for r in dict.fromkeys(references) if r]
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = " ".join(references[-20:])
    message["X-SMM-Monitor-Account"] = clean_header(account_name, 64)
    message.set_content(digest.text)
    message.add_alternative(digest.html, subtype="html")
    return message
