"""Hostile names and texts (issue 12's injection rows): line breaks in a display name never add lines to an email,
and terminal control codes in a post never reach a terminal through --dry-run or the console transport."""

from __future__ import annotations

import re

from tests.conftest import FB_TOKEN, NOW, PAGE_ID, Monitor, at, iso
from tests.test_e2e_facebook import fb_config
from tests.test_e2e_x import seed

FORGED = "Anna\r\nBcc: everyone@evil.example\r\n\r\nYour account is suspended, log in at https://evil.example"
ESCAPES = "\x1b[2J\x1b[31mHACKED\x1b]0;owned\x07\x1b[0m\x08\x08 \x9b6n"


def test_line_breaks_in_a_facebook_display_name_add_no_line_to_the_email(tmp_path, fake_graph, smtp) -> None:
    fake_graph.add_post(PAGE_ID, "2002_5001", "Our Winter Blend is back!", at(9, day=18))
    fake_graph.add_comment("2002_5001", "5001_7001", "42", FORGED, "where is my order?", at(10))
    monitor = Monitor(fb_config(tmp_path, fake_graph, smtp), {"FB_PAGE_TOKEN": FB_TOKEN})

    result = monitor("once", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    [message] = smtp.messages
    assert message["Bcc"] is None
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    lines = text.splitlines()
    assert not any(line.strip().startswith(("Bcc:", "Your account is suspended")) for line in lines), text
    assert any("Anna Bcc: " in line and "Your account is suspended" in line for line in lines), text  # shown, on one line
    assert not re.search(r"Anna\s*<br", html) and "\r\nBcc" not in html


def test_terminal_control_codes_in_a_post_never_reach_the_terminal(monitor_x, fake_x) -> None:
    seed(fake_x)
    fake_x.add_tweet("220", "2001", f"@northwindcoffee {ESCAPES} where is my refund?", at(12), mentions=["northwindcoffee"])

    dry = monitor_x("once", "--dry-run", "--now", iso(NOW))

    assert dry.exit_code == 0, dry.output
    assert "HACKED" in dry.output and "where is my refund?" in dry.output  # the text is shown...
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", dry.output), repr(dry.output)  # ...without its escapes


def test_the_console_transport_prints_no_control_codes(tmp_path, fake_x) -> None:
    from tests.conftest import TOKEN, x_config

    config = x_config(tmp_path, fake_x, None)
    config.write_text(config.read_text().replace('transport = "file"', 'transport = "console"'))
    seed(fake_x)
    fake_x.add_tweet("220", "2001", f"@northwindcoffee {ESCAPES} where is my refund?", at(12), mentions=["northwindcoffee"])

    result = Monitor(config, {"X_BEARER_TOKEN": TOKEN})("once", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    assert "HACKED" in result.output and "where is my refund?" in result.output
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.output), repr(result.output)


def test_findings_listings_print_no_control_codes_or_extra_lines(monitor_x, fake_x) -> None:
    seed(fake_x)
    fake_x.add_user("2009", "mallory", name=FORGED)
    fake_x.add_tweet("220", "2009", f"@northwindcoffee {ESCAPES} where is\r\nmy refund?", at(12), mentions=["northwindcoffee"])
    monitor_x("once", "--now", iso(NOW))

    table = monitor_x("findings", "--format", "table")
    shown = monitor_x("findings show", "1")

    for result in (table, shown):
        assert result.exit_code == 0, result.output
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.output), repr(result.output)
        assert not any(line.startswith(("Bcc:", "my refund?")) for line in result.output.splitlines()), result.output
