"""The delivery fault suite: SMTP and chat failures while a digest goes out, measured against a control run.

Sweeps at T (the fault), T+2h (healed) and T+25h (after the repeat interval, when a dead letter's findings are
due again). Per recipient: no alert lost, none listed as new twice. A permanent failure is dead-lettered and the
admin told; its findings reach the team after the repeat interval, as documented.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import Monitor
from tests.faults.harness import T, Outcome, measure, run
from tests.faults.test_api_suite import x_world
from tests.fakes.smtp import SmtpServer, free_port
from tests.fakes.smtp_drop import DroppingSmtp

LATER = (T + timedelta(hours=25),)
TEAM = 'to = ["smm@brand.example", "lead@brand.example"]'


def _world(folder: Path, smtp: SmtpServer) -> Iterator[tuple[Monitor, Path]]:
    world = x_world(folder, smtp)
    built = next(world)
    config = built.monitor.config
    config.write_text(config.read_text().replace('to = ["smm@brand.example"]', TEAM, 1))
    yield built.monitor, config
    next(world, None)


def _sweeps(folder: Path, smtp: SmtpServer, fault: Callable[[Path], None] | None, heal: Callable[[Path], None] | None) -> Outcome:
    world = _world(folder, smtp)
    monitor, config = next(world)
    try:
        return run(folder, monitor, smtp, (lambda: fault(config)) if fault else None,
                   (lambda: heal(config)) if heal else None, later=LATER)
    finally:
        next(world, None)


@pytest.fixture(scope="module")
def control(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    smtp = SmtpServer().start()
    try:
        return _sweeps(tmp_path_factory.mktemp("control-smtp"), smtp, None, None)
    finally:
        smtp.stop()


def _port(config: Path, port: int) -> None:
    config.write_text(re.sub(r"(?m)^port = \d+$", f"port = {port}", config.read_text()))


def _security(config: Path, value: str) -> None:
    config.write_text(config.read_text().replace('security = "none"', f'security = "{value}"').replace(
        'security = "starttls"', f'security = "{value}"'))


_dropping: list[DroppingSmtp] = []


def dropping() -> DroppingSmtp:
    """The one server of this module that hangs up in the middle of DATA, started when a case first needs it."""
    if not _dropping:
        _dropping.append(DroppingSmtp().start())
    return _dropping[0]


def _untrusted_tls() -> SmtpServer:
    """An SMTP server requiring STARTTLS with a certificate from a CA this machine does not trust."""
    import ssl

    import trustme

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trustme.CA().issue_cert("127.0.0.1").configure_cert(context)
    server = SmtpServer(tls_context=context, require_starttls=True).start()
    _servers.append(server)
    return server


_servers: list[SmtpServer] = []


def _to_untrusted(config: Path) -> None:
    _port(config, _untrusted_tls().port)
    _security(config, "starttls")


def _back_to(config: Path, smtp: SmtpServer) -> None:
    _port(config, smtp.port)
    _security(config, "none")
    while _servers:
        _servers.pop().stop()


CASES: dict[str, Callable[[SmtpServer], tuple[Callable | None, Callable | None]]] = {
    "451 on DATA": lambda s: (lambda c: s.refuse_next("451 4.3.0 Try again later", times=3), None),
    "550 on DATA": lambda s: (lambda c: s.refuse_next("550 5.7.1 Rejected", times=1), None),
    "QUIT refused after 250": lambda s: (lambda c: s.refuse_quit("421 4.4.2 Closing"), lambda c: s.refuse_quit(None)),
    "one recipient refused 451": lambda s: (lambda c: s.refuse_recipient("lead@brand.example", "451 4.2.1 Busy"),
                                            lambda c: s.refuse_recipient("lead@brand.example", None)),
    "one recipient refused 550": lambda s: (lambda c: s.refuse_recipient("lead@brand.example", "550 5.1.1 No such user"),
                                            lambda c: s.refuse_recipient("lead@brand.example", None)),
    "server down": lambda s: (lambda c: _port(c, free_port()), lambda c: _port(c, s.port)),
    "disconnect in DATA": lambda s: (lambda c: _port(c, dropping().port), lambda c: _port(c, s.port)),
    "TLS failure (untrusted certificate)": lambda s: (_to_untrusted, lambda c: _back_to(c, s)),
    "TLS failure (no STARTTLS)": lambda s: (lambda c: _security(c, "starttls"), lambda c: _security(c, "none")),
}
EXPECTED_LOSS = {"one recipient refused 550": {"lead@brand.example"}}  # a bad address stays bad: dead letter


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_delivery_fault_loses_no_alert_and_doubles_none(tmp_path: Path, smtp: SmtpServer, control: Outcome,
                                                          case: str) -> None:
    fault, heal = CASES[case](smtp)

    outcome = _sweeps(tmp_path, smtp, fault, heal)
    gone = EXPECTED_LOSS.get(case, set())
    expected = Outcome(control.items, {a for a in control.alerted if a[0] not in gone}, 0, 0, [])
    result = measure("SMTP", case, expected, outcome)

    assert (result.items_lost, result.alerts_lost, result.duplicates) == (0, 0, 0), outcome.outputs
    assert "Traceback" not in "".join(outcome.outputs) and "internal error" not in "".join(outcome.outputs)
    if case not in ("QUIT refused after 250",):
        assert outcome.first_exit == 1, outcome.outputs[0]  # cron and systemd see that an email did not go out
    if case == "disconnect in DATA":
        assert dropping().drops >= 1  # the line really went dead in the middle of the message
    if gone:  # the refused address is named to the admin
        assert any("No such user" in m.get_body(("plain",)).get_content() for m in smtp.messages)


def test_the_smtp_control_alerts_both_recipients(control: Outcome) -> None:
    recipients = {a[0] for a in control.alerted}
    assert recipients == {"smm@brand.example", "lead@brand.example"} and len(control.alerted) >= 4
    assert control.duplicates == 0


# ---------------------------------------------------------------- chat (Apprise to a local webhook)

def _chat_sweeps(folder: Path, smtp: SmtpServer, status: int | None, later: bool = False) -> tuple[list[str], list[dict], int]:
    """Every finding routed to a chat webhook; the first sweep meets `status` (None: the webhook is down)."""
    from tests.faults.harness import RECOVERY, iso
    from tests.fakes.webhook import WebhookServer

    webhook = WebhookServer().start()
    world = x_world(folder, smtp)
    built = next(world)
    config = built.monitor.config
    hook = webhook.url.replace("http://", "json://")
    config.write_text(config.read_text() + f'\n[[routes]]\nname = "team-chat"\napprise = ["{hook}"]\n')
    try:
        if status is None:
            config.write_text(config.read_text().replace(hook, f"json://127.0.0.1:{free_port()}/down"))
        else:
            webhook.status = status
        first = built.monitor("once", "--now", iso(T))
        if status is None:
            import re as _re

            config.write_text(_re.sub(r'json://127\.0\.0\.1:\d+/down', hook, config.read_text()))
        webhook.status = 200
        outputs = [first.output, built.monitor("once", "--now", iso(RECOVERY)).output]
        if later:
            outputs.append(built.monitor("once", "--now", iso(LATER[0])).output)
        return outputs, list(webhook.received), first.exit_code
    finally:
        webhook.stop()
        next(world, None)


def _bullets(posts: list[dict]) -> list[str]:
    """Each finding a chat post listed, by its evidence link (its wording says how long ago, which moves on)."""
    lines = [line for post in posts for line in str(post.get("message", "")).splitlines() if line.startswith("•")]
    return [line.rsplit(" — ", 1)[-1] if " — http" in line else re.sub(r"\d+", "#", line) for line in lines]


@pytest.fixture(scope="module")
def chat_control(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    smtp = SmtpServer().start()
    try:
        _, posts, _ = _chat_sweeps(tmp_path_factory.mktemp("control-chat"), smtp, 200)
    finally:
        smtp.stop()
    assert len(_bullets(posts)) >= 2
    return _bullets(posts)


@pytest.mark.parametrize(("case", "status"), [("webhook 503", 503), ("webhook 429", 429), ("webhook down", None)])
def test_a_chat_fault_loses_no_alert_and_doubles_none(tmp_path: Path, smtp: SmtpServer, chat_control: list[str],
                                                      case: str, status: int | None) -> None:
    from tests.faults.harness import RESULTS, Measure

    outputs, posts, first_exit = _chat_sweeps(tmp_path, smtp, status)
    bullets = _bullets(posts)
    lost = len(set(chat_control) - set(bullets))
    duplicates = len(bullets) - len(set(bullets))
    RESULTS.append(Measure("chat", case, 1, 0, lost, duplicates, first_exit))

    assert (lost, duplicates) == (0, 0), (outputs, posts)
    assert first_exit == 1, outputs[0]
    assert "Traceback" not in "".join(outputs)
