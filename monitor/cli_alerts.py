"""Commands for the people who read the alerts: status, preview, test-email, silence, ack, findings show."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from sqlalchemy import select

from alerts.sanitize import clean_text
from monitor.cli import CONFIG, _fail, _open, _parse_now, finding_json, findings, main
from monitor.durations import parse_duration
from monitor.settings import MISTAKE_IDS, check_rule_name, load_settings
from monitor.text.plural import counted

NOW = click.option("--now", "now_text", help="As of this time (ISO 8601); default now.")


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


@main.command()
@CONFIG
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status(config_path: str, as_json: bool) -> None:
    """Per account its last sweep, next slot and open findings by severity; the outbox's pending, retrying and dead."""
    from sqlalchemy import func

    from alerts.outbox import outbox_counts
    from monitor.settings import SEVERITIES
    from monitor.store.models import Account, Finding, SweepRun

    settings = load_settings(config_path)
    sessions = _open(settings)
    accounts = []
    with sessions() as session:
        stored = {a.name: a for a in session.scalars(select(Account))}
        for config in settings.accounts:
            row = stored.get(config.name)
            last, by_severity = None, {}
            if row is not None:
                last = session.scalars(select(SweepRun).where(SweepRun.account_id == row.id).order_by(SweepRun.id.desc()).limit(1)).first()
                by_severity = dict(session.execute(select(Finding.severity, func.count()).where(
                    Finding.account_id == row.id, Finding.status == "open").group_by(Finding.severity)).all())
            accounts.append({
                "name": config.name, "platform": config.platform, "enabled": config.enabled,
                "last_sweep": {"started_at": _iso(last.started_at), "finished_at": _iso(last.finished_at), "status": last.status,
                               "error": last.error, "worker": last.worker} if last else None,
                "next_sweep_at": _iso(row.next_sweep_at) if row is not None else None,
                "lease": {"owner": row.lease_owner, "expires_at": _iso(row.lease_expires_at)} if row is not None and row.lease_owner else None,
                "open_findings": sum(by_severity.values()),
                "open_by_severity": {severity: by_severity.get(severity, 0) for severity in SEVERITIES},
            })
        outbox = outbox_counts(session)
    if as_json:
        click.echo(json.dumps({"accounts": accounts, "outbox": outbox}, ensure_ascii=False, indent=2))
        return
    if not any(a["last_sweep"] for a in accounts):
        click.echo(f"no sweep has run yet: run `monitor once --config {settings.path}` or start `monitor run`")
    for a in accounts:
        sweep = a["last_sweep"]
        when = (f"last sweep {sweep['started_at']} {sweep['status']}" + (f" ({clean_text(sweep['error'], 200)})" if sweep["error"] else "")
                if sweep else "never swept")
        nxt = f"; next {a['next_sweep_at']}" if a["next_sweep_at"] else ""
        busy = f"; being swept by {a['lease']['owner']}" if a["lease"] else ""
        severities = ", ".join(f"{n} {s}" for s, n in a["open_by_severity"].items() if n)
        click.echo(f"{a['name']} ({a['platform']}{'' if a['enabled'] else ', disabled'}): {when}{nxt}{busy}; "
                   f"{counted(a['open_findings'], 'open finding')}" + (f" ({severities})" if severities else ""))
    click.echo(f"outbox: {outbox['pending']} pending, {outbox['retrying']} retrying, {outbox['dead']} dead")


@main.command()
@CONFIG
@click.option("--account", "account_name", required=True, help="The account whose next digest to show.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder for NAME.html and NAME.txt.")
@NOW
def preview(config_path: str, account_name: str, out_dir: Path, now_text: str | None) -> None:
    """Write the account's next digest as NAME.html and NAME.txt; nothing is sent or marked sent."""
    from alerts.channels import EmailChannel
    from alerts.outbox import compose
    from alerts.plan import plan
    from alerts.transports import DryRun
    from monitor import alerting
    from monitor.store.models import Account

    settings = load_settings(config_path)
    config = settings.account(account_name)
    now = _parse_now(now_text)
    sessions = _open(settings)
    with sessions() as session:
        stored = session.scalar(select(Account).where(Account.name == config.name))
        if stored is None:
            _fail(f"{config.name} has not been swept yet: run `monitor once --config {settings.path} --account {config.name}` first", 1)
        info = alerting.account_info(settings, config, stored)
        pipeline = alerting.pipeline(settings, DryRun())
        entries = plan(session, info, alerting.routes(settings, config), alerting.default_route(settings, config),
                       alerting.silences(settings), now, quiet=False)
        due = [e for e in entries if not e.empty]
        if not due:
            click.echo(f"{config.name}: nothing is due now; the next digest would be empty")
            return
        out_dir.mkdir(parents=True, exist_ok=True)
        for entry in due:
            digest = compose(session, info, entry, pipeline, EmailChannel(DryRun()), now)
            stem = config.name if entry is due[0] else f"{config.name}.{entry.route.name}"
            (out_dir / f"{stem}.html").write_text(digest.html, encoding="utf-8")
            (out_dir / f"{stem}.txt").write_text(digest.text, encoding="utf-8")
            held = f" (held by quiet hours until {entry.route.quiet_hours.ends_after(now):%H:%M} UTC)" if (
                entry.route.quiet_hours and entry.route.quiet_hours.contains(now)) else ""
            click.echo(f"route {entry.route.name}: {clean_text(digest.subject, 200)}{held} → {out_dir / stem}.html, .txt")
        session.rollback()  # a preview changes nothing


@main.command("test-email")
@CONFIG
@click.option("--to", "to", multiple=True, help="Send to this address instead of [email] to (repeatable).")
def test_email(config_path: str, to: tuple[str, ...]) -> None:
    """Send one [TEST] message through [email] and print the server's answer. Exit 0 accepted, 1 refused."""
    from datetime import datetime, timezone

    from alerts.render import build_message, render_notice
    from alerts.transports import DeliveryError, make_transport
    from monitor.settings import _check_email

    settings = load_settings(config_path)
    try:
        recipients = [_check_email(a) for a in to] or list(settings.email.to)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--to") from None
    if not recipients and settings.email.transport == "smtp":
        raise click.UsageError("no recipient: pass --to ADDR or set [email] to")
    now = datetime.now(timezone.utc)
    digest = render_notice("test", settings.email.language, settings.email.subject_prefix, {"when": f"{now:%Y-%m-%d %H:%M} UTC"})
    transport = make_transport(settings)
    message = build_message(digest, settings.email.from_, recipients, now, "test")
    try:
        send = getattr(transport, "send_with_answer", transport.send)
        answer = send(message)
    except DeliveryError as exc:
        click.echo(f"refused: {exc}")
        sys.exit(1)
    click.echo(f"accepted: {clean_text(answer, 500)}")


@main.group()
def silence() -> None:
    """Silence findings for a while (stored in the database; the daemon honours them at its next sweep)."""


@silence.command("add")
@CONFIG
@click.option("--account", "account_name", help="Silence this account's findings.")
@click.option("--mistake", help="...of this mistake.")
@click.option("--rule", help="...of this rule.")
@click.option("--finding", "finding_id", type=int, help="...this one finding.")
@click.option("--for", "duration", required=True, help='How long: "2h", "3d", "1w".')
@click.option("--reason", required=True, help="Why (shown in `silence list`).")
@NOW
def silence_add(config_path: str, account_name: str | None, mistake: str | None, rule: str | None, finding_id: int | None,
                duration: str, reason: str, now_text: str | None) -> None:
    """Add a silence; prints its id."""
    from alerts import silences
    from monitor.store.models import Finding

    settings = load_settings(config_path)
    if account_name:
        settings.account(account_name)
    try:
        span = parse_duration(duration)
        if mistake and mistake not in MISTAKE_IDS:
            from monitor.settings import _check_mistake

            _check_mistake(mistake)
        if rule:
            check_rule_name(rule, mistake)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    sessions = _open(settings)
    with sessions() as session:
        if finding_id is not None and session.get(Finding, finding_id) is None:
            _fail(f"no finding with id {finding_id}; `monitor findings` lists them", 1)
        try:
            record = silences.add(session, _parse_now(now_text), span, reason, account=account_name, mistake=mistake,
                                  rule=rule, finding=finding_id)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        session.commit()
        click.echo(record.id)


@silence.command("list")
@CONFIG
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--all", "show_all", is_flag=True, help="Also the silences that have ended.")
@NOW
def silence_list(config_path: str, as_json: bool, show_all: bool, now_text: str | None) -> None:
    """The silences in force (the database's and the config file's)."""
    from monitor.store.models import SilenceRecord

    settings = load_settings(config_path)
    now = _parse_now(now_text)
    sessions = _open(settings)
    rows = []
    with sessions() as session:
        for s in session.scalars(select(SilenceRecord).order_by(SilenceRecord.id)):
            ended = s.expired_at if s.expired_at and s.expired_at < s.ends_at else s.ends_at
            if show_all or ended > now:
                rows.append({"id": s.id, "source": "database", "account": s.account, "mistake": s.mistake, "rule": s.rule,
                             "finding": s.finding_id, "starts_at": _iso(s.starts_at), "ends_at": _iso(ended), "reason": s.reason,
                             "active": s.starts_at <= now < ended})
    for index, s in enumerate(settings.silences):
        if show_all or s.until > now:
            rows.append({"id": f"config:{index}", "source": "config", "account": s.account, "mistake": s.mistake, "rule": s.rule,
                         "finding": s.finding, "starts_at": None, "ends_at": _iso(s.until), "reason": s.reason,
                         "active": now < s.until})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no silences in force")
    for r in rows:
        what = " ".join(f"{k}={r[k]}" for k in ("account", "mistake", "rule", "finding") if r[k] is not None)
        click.echo(f"{r['id']}: {what} until {r['ends_at']}" + (f" — {clean_text(r['reason'], 200)}" if r["reason"] else "")
                   + ("" if r["active"] else " (ended)"))


@silence.command("expire")
@CONFIG
@click.argument("silence_id", type=int)
@NOW
def silence_expire(config_path: str, silence_id: int, now_text: str | None) -> None:
    """End a silence now."""
    from alerts import silences

    settings = load_settings(config_path)
    sessions = _open(settings)
    with sessions() as session:
        try:
            silences.expire(session, silence_id, _parse_now(now_text))
        except ValueError as exc:
            _fail(str(exc), 1)
        session.commit()
    click.echo(f"silence {silence_id} expired")


@main.command()
@CONFIG
@click.argument("finding_id", type=int)
@click.option("--reason", default="", help="Why (shown in `findings show`).")
@NOW
def ack(config_path: str, finding_id: int, reason: str, now_text: str | None) -> None:
    """Acknowledge a finding: it is not repeated, and still resolves by itself when the problem is fixed."""
    settings = load_settings(config_path)
    sessions = _open(settings)
    with sessions() as session:
        finding = _finding(session, finding_id)
        if finding.status != "open":
            _fail(f"finding {finding_id} is {finding.status}; only an open finding can be acknowledged", 1)
        finding.status, finding.acknowledged_at, finding.ack_reason = "acknowledged", _parse_now(now_text), reason or None
        session.commit()
    click.echo(f"finding {finding_id} acknowledged: it is not repeated and resolves by itself")


def _finding(session: Any, finding_id: int) -> Any:
    """The stored finding with this id; exit 1 naming the command that lists them when there is none."""
    from monitor.store.models import Finding

    finding = session.get(Finding, finding_id)
    if finding is None:
        _fail(f"no finding with id {finding_id}; `monitor findings` lists them", 1)
    return finding


@findings.command("show")
@CONFIG
@click.argument("finding_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def findings_show(config_path: str, finding_id: int, as_json: bool) -> None:
    """One finding with its evidence and its delivery history (per route, every attempt)."""
    from monitor.store.models import Account, Delivery, DeliveryAttempt, Notified

    settings = load_settings(config_path)
    sessions = _open(settings)
    with sessions() as session:
        finding = _finding(session, finding_id)
        account = session.get(Account, finding.account_id)
        shown = finding_json(finding, account)
        shown["evidence"] = [{**e, "excerpt": e.get("excerpt"), "author": e.get("author"), "created_at": e.get("created_at")}
                             for e in finding.evidence or []]
        shown["ack_reason"] = finding.ack_reason
        shown["routes"] = [
            {"route": n.route, "first_sent_at": _iso(n.first_sent_at), "last_sent_at": _iso(n.last_sent_at), "outcome": n.outcome,
             "thread": n.first_message_id, "resolved_sent_at": _iso(n.resolved_sent_at)}
            for n in session.scalars(select(Notified).where(Notified.account_id == finding.account_id,
                                                            Notified.fingerprint == finding.fingerprint).order_by(Notified.route))
        ]
        deliveries = [d for d in session.scalars(select(Delivery).where(Delivery.account_id == finding.account_id).order_by(Delivery.id))
                      if finding.id in (d.finding_ids or [])]
        shown["deliveries"] = [
            {"id": d.id, "route": d.route, "channel": d.transport, "status": d.status, "subject": d.subject, "message_id": d.message_id,
             "created_at": _iso(d.created_at), "sent_at": _iso(d.sent_at),
             "attempts": [{"at": _iso(a.attempted_at), "outcome": a.outcome, "answer": a.answer, "error": a.error}
                          for a in session.scalars(select(DeliveryAttempt).where(DeliveryAttempt.delivery_id == d.id).order_by(DeliveryAttempt.id))]}
            for d in deliveries
        ]
    if as_json:
        click.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    click.echo(f"finding {shown['id']}: [{shown['severity']}] {shown['mistake']}/{shown['rule']} on {shown['account']} ({shown['platform']})")
    acked = f"; acknowledged {shown['acknowledged_at']}" if shown["acknowledged_at"] else ""
    click.echo(f"  status {shown['status']}; first seen {shown['first_seen']}, last seen {shown['last_seen']}{acked}")
    click.echo(f"  {clean_text(shown['summary'], 500)}")
    click.echo("evidence:")
    for e in shown["evidence"]:
        click.echo(f"  - {clean_text(str(e.get('excerpt') or ''), 300)}")
        click.echo(f"    {clean_text(str(e.get('author') or '?'), 80)}, {e.get('created_at') or '?'}" + (f", {e['url']}" if e.get("url") else ""))
    click.echo("routes:" if shown["routes"] else "routes: never alerted")
    for r in shown["routes"]:
        click.echo(f"  {r['route']}: {r['outcome']}, first {r['first_sent_at']}, last {r['last_sent_at']}"
                   + (f", resolved notice {r['resolved_sent_at']}" if r["resolved_sent_at"] else ""))
    click.echo("deliveries:" if shown["deliveries"] else "deliveries: none")
    for d in shown["deliveries"]:
        click.echo(f"  #{d['id']} {d['route']} via {d['channel']}: {d['status']} — {clean_text(d['subject'], 200)}")
        for a in d["attempts"]:
            click.echo(f"    {a['at']} {a['outcome']}: {clean_text(a['answer'] or a['error'] or '', 300)}")
