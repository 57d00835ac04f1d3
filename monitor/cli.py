"""The `monitor` command line."""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click

from monitor.config_errors import ConfigError
from monitor.durations import format_duration
from monitor.redact import mask
from monitor.text.plural import counted
from monitor.settings import Settings, load_settings, resolve_secret

CONFIG = click.option(
    "--config", "config_path", envvar="MONITOR_CONFIG", default="monitor.toml", show_default=True,
    type=click.Path(dir_okay=False), help="The TOML config file (or set MONITOR_CONFIG).",
)


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _open(settings: Settings):  # type: ignore[no-untyped-def]
    from monitor.store import open_database

    try:
        return open_database(settings.database_url())
    except ConfigError as exc:
        raise ConfigError(f"{settings.path}: {exc}") from None


def _require_text_libraries() -> None:
    """Exit 2 naming the package when a library the text rules need is missing."""
    from monitor.text.libraries import problem

    message = problem()
    if message:
        _fail(message)


def _parse_now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(timezone.utc)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time such as 2026-11-20T18:00:00Z") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


class _Cli(click.Group):
    """Turns a ConfigError anywhere below into exit code 2 with its message."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            _fail(str(exc))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("smm-monitor")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "--version", prog_name="monitor", message="%(prog)s %(version)s")
@click.option("--log-level", default=None,
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
              help="Default: INFO for `run`, WARNING for the other commands.")
@click.pass_context
def main(ctx: click.Context, log_level: str | None) -> None:
    """Watch brand social accounts for the seven mistakes SMM managers must never make."""
    from monitor.logs import setup_logging

    ctx.obj = {"log_level": log_level}
    setup_logging(log_level or ("INFO" if ctx.invoked_subcommand == "run" else "WARNING"))


def _log_format(settings: Settings) -> None:
    """Switch to [daemon] log_format once the config is read (the level stays what --log-level said)."""
    from monitor.logs import setup_logging

    if settings.daemon.log_format != "text":
        setup_logging(logging.getLevelName(logging.getLogger().level), settings.daemon.log_format)


def _writer(settings: Settings, command: str):  # type: ignore[no-untyped-def]
    """The SQLite writer lock for this command (exit 1 naming the other writer); the leases to take."""
    from monitor.leases import Leases
    from monitor.writer_lock import WriterBusy, hold_writer

    try:
        lock = hold_writer(settings.database_url(), settings.database.lock_wait, command)
    except WriterBusy as exc:
        _fail(str(exc), 1)
    if lock is not None:
        click.get_current_context().call_on_close(lock.release)
    return Leases(duration=settings.daemon.lease, exclusive=lock is not None)


def _refuse_time_travel(sessions, accounts, now: datetime) -> None:  # type: ignore[no-untyped-def]
    """Exit 2 before anything changes when --now is earlier than an account's last sweep."""
    from sqlalchemy import select

    from monitor.store.models import Account
    from monitor.sweep import last_started

    with sessions() as session:
        for account in accounts:
            stored = session.scalar(select(Account).where(Account.name == account.name))
            last = last_started(session, stored.id) if stored is not None else None
            if last is not None and last > now:
                _fail(f"--now {now.isoformat()} is earlier than {account.name}'s last sweep at {last.isoformat()}: "
                      "time only moves forward (omit --now, or pass a later time)")


@main.command()
@CONFIG
@click.option("--dry-run", is_flag=True, help="Fetch and detect, print the emails instead of sending them.")
@click.option("--account", "account_name", help="Sweep only this account.")
@click.option("--now", "now_text", help="Pretend it is this time (ISO 8601); for replays, audits and the demo.")
def once(config_path: str, dry_run: bool, account_name: str | None, now_text: str | None) -> None:
    """One sweep of every (or one) account. Exit 0 all swept and alerted, 1 an account or an email failed, 2 config error."""
    from alerts.transports import DryRun, make_transport
    from monitor.connect import build_connector
    from monitor.sweep import sweep_account

    settings = load_settings(config_path)
    _require_text_libraries()
    now = _parse_now(now_text)
    for warning in settings.warnings(now):
        click.echo(f"warning: {warning}", err=True)
    accounts = [settings.account(account_name)] if account_name else [a for a in settings.accounts if a.enabled]
    _log_format(settings)
    leases = _writer(settings, "monitor once")
    sessions = _open(settings)
    if now_text is not None:
        _refuse_time_travel(sessions, accounts, now)
    # Missing tokens are configuration errors (exit 2), found before anything is fetched.
    connectors = {account.name: build_connector(settings, account) for account in accounts}
    from monitor.alerting import check_routes

    check_routes(settings)  # a route's missing chat secret is a configuration error too
    channel = DryRun() if dry_run else make_transport(settings)
    from monitor.terminal import progress

    failed = 0
    undelivered: list[str] = []
    sent: list[str] = []
    with progress(len(accounts), "sweeping") as step:
        for account in accounts:
            step(f"{account.name} ({account.platform})")
            report = sweep_account(settings, account, sessions, channel, now, connector=connectors[account.name], leases=leases)
            failed += _print_report(report)
            sent.append(report.email)
            undelivered += [f"{report.account}: email not delivered ({what})" for what in report.undelivered]
    if settings.email.transport == "file" and any(r.startswith("sent") for r in sent):
        click.echo(f"alert emails (.eml) are in {settings.resolve_path(settings.email.file.dir).resolve()}")
    for line in undelivered:  # on stderr too, so that cron mails it and the journal keeps it
        click.echo(f"error: {line}", err=True)
    if failed:
        click.echo(f"error: {counted(failed, 'account')} failed to sweep (see above)", err=True)
    sys.exit(1 if failed or undelivered else 0)


def _print_report(report: Any) -> int:
    """One account's result line and notes; 1 when it counts as failed (a refused --now exits 2 here)."""
    from monitor.terminal import say

    failed = 0
    if report.status == "ok":
        say(
            f"{report.account}: ok — {counted(report.fetched, 'item')} fetched, {report.new} new"
            + (f", {report.changed} changed" if report.changed else "") + "; findings: "
            f"{report.opened} new, {report.resolved} resolved, "
            + (f"{report.expired} expired, " if report.expired else "")
            + f"{report.open_total} open; email: {report.email}", "ok"
        )
    elif report.status == "deferred":
        say(f"{report.account}: deferred (rate limited); email: {report.email}", "deferred")
    elif report.status == "refused":
        say(f"{report.account}: NOT SWEPT — {report.error}", "NOT SWEPT")
        sys.exit(2)
    elif report.status == "busy":
        failed += 1
        say(f"{report.account}: SKIPPED — {report.error}; try again when it is done", "SKIPPED")
    else:
        failed += 1
        say(f"{report.account}: FAILED — {report.error}; email: {report.email}", "FAILED")
    for notice in report.notices:
        click.echo(f"  note: {notice}")
    return failed


@main.command()
@CONFIG
def run(config_path: str) -> None:
    """Run the daemon: sweep every account at its interval until SIGTERM/SIGINT."""
    from alerts.transports import make_transport
    from monitor.connect import build_connector
    from monitor.daemon import run_daemon

    import signal

    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # a reload asked for during start-up must not kill it; run_daemon handles it

    def load() -> tuple[Settings, Any]:
        from monitor.alerting import check_routes

        settings = load_settings(config_path)
        for account in settings.accounts:
            if account.enabled:
                build_connector(settings, account)  # missing tokens stop the start (exit 2), not every sweep
        check_routes(settings)
        return settings, make_transport(settings)

    settings, transport = load()
    _require_text_libraries()
    _log_format(settings)
    leases = _writer(settings, "monitor run")
    sessions = _open(settings)
    run_daemon(settings, sessions, transport, load=load, leases=leases)


def finding_json(finding: Any, account: Any, language: str | None = None) -> dict[str, Any]:
    """A finding as DESIGN.md's JSON contract describes it; the summary in `language` when it was stored in it."""
    summaries = (finding.details or {}).get("summary")
    summary = summaries.get(language) if isinstance(summaries, dict) and language else None
    return {
        "id": finding.id,
        "mistake": finding.mistake,
        "rule": finding.rule,
        "account": account.name,
        "platform": account.platform,
        "item_ids": [str(i) for i in finding.item_ids],
        "severity": finding.severity,
        "status": finding.status,
        "first_seen": finding.first_seen.isoformat(),
        "last_seen": finding.last_seen.isoformat(),
        "resolved_at": finding.resolved_at.isoformat() if finding.resolved_at else None,
        "notified_at": finding.notified_at.isoformat() if finding.notified_at else None,
        "acknowledged_at": finding.acknowledged_at.isoformat() if finding.acknowledged_at else None,
        "summary": summary or finding.summary,
        "evidence": [
            {"item_id": None if e.get("item_id") is None else str(e.get("item_id")), "url": e.get("url"), "excerpt": e.get("excerpt")}
            for e in finding.evidence
        ],
    }


@main.group(invoke_without_command=True)
@CONFIG
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
@click.option("--status", type=click.Choice(["open", "resolved", "expired", "acknowledged", "all"]), default="open",
              show_default=True,
              help="expired: no longer checked (aged out of the rule's window, or the rule was switched off).")
@click.option("--account", "account_name", help="Only this account's findings.")
@click.pass_context
def findings(ctx: click.Context, config_path: str, fmt: str, status: str, account_name: str | None) -> None:
    """List findings from the store (`monitor findings show ID` for one with its delivery history)."""
    if ctx.invoked_subcommand is not None:
        return
    from sqlalchemy import select

    from alerts.sanitize import clean_text

    from monitor.store.models import Account, Finding, SweepRun

    settings = load_settings(config_path)
    if account_name:
        settings.account(account_name)
    # The summary in the language of the config that asks (the account's, else [email]'s), not the one that stored it.
    languages = {a.name: a.language or settings.email.language for a in settings.accounts}
    sessions = _open(settings)
    with sessions() as session:
        query = select(Finding, Account).join(Account, Account.id == Finding.account_id)
        if status != "all":
            query = query.where(Finding.status == status)
        if account_name:
            query = query.where(Account.name == account_name)
        rows = [finding_json(f, a, languages.get(a.name, settings.email.language)) for f, a in session.execute(query.order_by(Finding.id))]
        swept = rows or session.scalar(select(SweepRun.id).limit(1)) is not None
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not swept:
        click.echo(f"no sweep has run yet: run `monitor once --config {settings.path}` (or start `monitor run`) first")
        return
    if not rows:
        click.echo(f"no {status if status != 'all' else ''} findings".replace("  ", " "))
        return
    click.echo(f"{'ID':>5}  {'STATUS':12}  {'SEVERITY':8}  {'FIRST SEEN':16}  {'ACCOUNT':16}  {'MISTAKE/RULE':32}  SUMMARY")
    for row in rows:
        rule = f"{row['mistake']}/{row['rule']}"
        first_seen = row["first_seen"][:16].replace("T", " ")
        click.echo(f"{row['id']:>5}  {row['status']:12}  {row['severity']:8}  {first_seen:16}  {row['account'][:16]:16}  {rule[:32]:32}  "
                   f"{clean_text(row['summary'], 300)}")


@main.command("check", context_settings={"ignore_unknown_options": True})
@CONFIG
@click.option("--account", "account_name", required=True, help="The account the draft is for.")
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON (the findings format).")
@click.option("--now", "now_text", help="Check as of this time (ISO 8601); default now.")
@click.argument("words", nargs=-1, required=True)
def check(config_path: str, account_name: str, as_json: bool, now_text: str | None, words: tuple[str, ...]) -> None:
    """Check a draft (TEXT, or - for stdin) before posting. Exit 0 clean, 3 problems found."""
    from monitor.draft import check_draft

    text = " ".join(words)  # unquoted words and texts starting with "-" ("-50% today") are taken whole
    settings = load_settings(config_path)
    _require_text_libraries()
    account = settings.account(account_name)
    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        raise click.UsageError("the draft is empty: pass the text, or - to read it from stdin")
    results = check_draft(settings, account, _open(settings), text, _parse_now(now_text))
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    elif not results:
        click.echo(f"{account.name}: the draft looks fine")
    else:
        click.echo(f"{account.name}: {counted(len(results), 'problem')} in the draft")
        for result in results:
            click.echo(f"- [{result['severity']}] {result['mistake']}/{result['rule']}: {result['summary']}")
            for ev in result["evidence"]:
                click.echo(f"    {ev['excerpt']}" + (f" — {ev['url']}" if ev.get("url") else ""))
            if result["todo"]:
                click.echo(f"    → {result['todo']}")
    sys.exit(3 if results else 0)


@main.command("import")
@CONFIG
@click.option("--account", "account_name", required=True, help="The account the export belongs to.")
@click.option("--user-id", help="The account's numeric platform id, when the export does not say it.")
@click.option("--now", "now_text", help="Check the history as of this time (ISO 8601); default now.")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def import_(config_path: str, account_name: str, user_id: str | None, now_text: str | None, path: Path) -> None:
    """Store an export (X archive data/tweets.js, or JSON Lines) and run the detectors on it."""
    from connectors.base import ConnectorError
    from monitor.importer import import_archive

    settings = load_settings(config_path)
    account = settings.account(account_name)
    _writer(settings, "monitor import")
    sessions = _open(settings)
    from monitor.terminal import progress

    try:
        with progress(1, "importing") as step:
            step(path.name)
            report = import_archive(settings, account, sessions, path, _parse_now(now_text), user_id)
    except ConnectorError as exc:
        _fail(f"nothing was imported: {exc}")
    click.echo(
        f"{account.name}: imported {counted(report.items, 'item')}, {report.new} new; findings: {report.opened} new, "
        f"{report.open_total} open (see `monitor findings`; the next sweep emails those still open then)"
    )


@main.group()
def config() -> None:
    """Inspect the configuration."""


@config.command("check")
@CONFIG
def config_check(config_path: str) -> None:
    """Validate the config and its secrets without fetching or sending anything."""
    settings = load_settings(config_path)
    problems = []
    secrets: list[tuple[str, str]] = []
    from connectors.base import platforms
    from monitor.connect import secret_keys
    from monitor.text.libraries import problem

    if missing_library := problem():
        problems.append(missing_library)
    used = {a.platform for a in settings.accounts if a.source == "api"}
    smtp = settings.email.smtp
    wanted = [key for name, platform in platforms().items() if name in used for key in secret_keys(settings, platform)]
    if settings.email.transport == "smtp":
        wanted.append(("email.smtp", smtp.username_env, smtp.username_file, "username", False))
        wanted.append(("email.smtp", smtp.password_env, smtp.password_file, "password", False))
    for section, env, file, key, required in wanted:
        if not (env or file or required):
            continue
        try:
            value = resolve_secret(settings, section, env, file, key).get_secret_value()
            source = f"${env}" if env else file
            secrets.append((f"{section}.{key}", f"{mask(value)} from {source}"))
        except ConfigError as exc:
            problems.append(str(exc))
    click.echo(f"config: {settings.path} — {'valid' if not problems else 'INVALID (see below)'}")
    click.echo(f"database: {settings.database_url().split('@')[-1]}")
    click.echo(f"email: {settings.email.transport} → {', '.join(settings.email.to) or '(console)'} ({settings.email.language})")
    for name, shown in secrets:
        click.echo(f"secret {name}: {shown}")
    for account in settings.accounts:
        rules = account.effective_rules
        click.echo(
            f"account {account.name}: {account.platform} {account.described}, source {account.source}, "
            f"every {format_duration(account.interval or settings.daemon.interval)}, tz {account.timezone}, "
            f"reply_within {format_duration(rules.ignoring.reply_within)}, {'enabled' if account.enabled else 'disabled'}"
            + (f", emails to {', '.join(account.email_to)}" if account.email_to else "")
        )
    for route in settings.routes:
        if route.apprise_env:
            try:
                value = resolve_secret(settings, f"routes.{route.name}", route.apprise_env, None, "apprise").get_secret_value()
                click.echo(f"secret routes.{route.name}.apprise: {mask(value)} from ${route.apprise_env}")
            except ConfigError as exc:
                problems.append(str(exc))
        where = ", ".join(route.to or []) if route.channel == "email" else "apprise"
        click.echo(f"route {route.name}: {route.channel} → {where or ', '.join(settings.email.to)}"
                   + (f", quiet {route.quiet_hours}" if route.quiet_hours else ""))
    for silence in settings.silences:
        what = "/".join(str(p) for p in (silence.account, silence.mistake, silence.rule, silence.finding) if p)
        click.echo(f"silence {what} until {silence.until.isoformat()}" + (f" ({silence.reason})" if silence.reason else ""))
    for warning in settings.warnings(datetime.now(timezone.utc)):
        click.echo(f"warning: {warning}", err=True)
    if problems:
        for problem in problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(2)


@main.group()
def db() -> None:
    """Manage the database schema."""


@db.command("upgrade")
@CONFIG
def db_upgrade(config_path: str) -> None:
    """Create or migrate the database schema to the current version."""
    from monitor.store.database import current_revision, make_engine, upgrade_database

    settings = load_settings(config_path)
    try:
        engine = make_engine(settings.database_url())
        changed = upgrade_database(engine)
    except ConfigError as exc:
        raise ConfigError(f"{settings.path}: {exc}") from None
    click.echo(f"database schema {'upgraded to' if changed else 'already at'} revision {current_revision(engine)}")


from monitor import cli_alerts  # noqa: E402,F401 - registers status, preview, test-email, silence, ack, findings show

if __name__ == "__main__":
    main()
