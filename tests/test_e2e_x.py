"""End to end: fake X API + real SMTP server → `monitor once` → the email a user receives."""

from __future__ import annotations

from tests.conftest import BRAND_ID, NOW, at, iso


def seed(fake) -> None:
    """A mention with markup left unanswered, an answered one, and a repeated update."""
    fake.add_user("2001", "anna_k")
    fake.add_user("2003", "lena")
    fake.add_tweet("100", BRAND_ID, "Our Winter Blend is back! Dark chocolate and cherry. https://shop.example/w?utm_source=x", at(9, day=10))
    fake.add_tweet("110", BRAND_ID, "OUR WINTER BLEND IS BACK!!! Dark chocolate and cherry ☕ https://shop.example/w?utm_source=fb", at(9, day=18))
    fake.add_tweet("200", "2001", "@northwindcoffee where is my order? <script>alert(1)</script>", at(10), mentions=["northwindcoffee"])
    fake.add_tweet("210", "2003", "@northwindcoffee do you have decaf?", at(11), mentions=["northwindcoffee"])
    fake.add_tweet("211", BRAND_ID, "@lena yes, since Monday!", at(11, 30), in_reply_to_user_id="2003",
                   conversation_id="210", referenced_tweets=[{"type": "replied_to", "id": "210"}], mentions=["lena"])


def test_one_email_names_the_mention_and_the_repeat_then_nothing_more(monitor_x, fake_x, smtp):
    seed(fake_x)

    result = monitor_x("once", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    assert "3 new" in result.output  # the mention, the repeat, and the first audit's 8-day silence on 10-18 Nov
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message.get_content_type() == "multipart/alternative"
    assert "northwind-x" in message["Subject"] and "\n" not in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "@anna_k" in text and "where is my order?" in text
    assert "https://x.com/anna_k/status/200" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "posted the same update again" in text and "https://x.com/northwindcoffee/status/110" in text
    assert "@lena" not in text  # answered mention

    again = monitor_x("once", "--now", iso(NOW.replace(minute=15)))
    assert again.exit_code == 0, again.output
    assert len(smtp.messages) == 1


def test_reply_resolves_the_finding(monitor_x, fake_x, smtp):
    seed(fake_x)
    monitor_x("once", "--now", iso(NOW))
    fake_x.add_tweet("300", BRAND_ID, "@anna_k sorry! It ships today.", at(18, 10), in_reply_to_user_id="2001",
                     conversation_id="200", referenced_tweets=[{"type": "replied_to", "id": "200"}], mentions=["anna_k"])

    result = monitor_x("once", "--now", iso(at(18, 15)))

    assert "1 resolved" in result.output
    listing = monitor_x("findings", "--format", "json", "--status", "all")
    import json

    rows = {r["rule"]: r for r in json.loads(listing.output)}
    assert rows["unanswered_mention"]["status"] == "resolved"
    assert rows["unanswered_mention"]["item_ids"] == ["200"]
    assert rows["repeated_update"]["status"] == "open"
    assert len(smtp.messages) == 1


def test_smtp_451_is_retried_next_sweep_once(monitor_x, fake_x, smtp):
    seed(fake_x)
    smtp.refuse_next("451 4.3.0 Mailbox busy, try later", times=3)  # every quick try of the first sweep (retry_attempts)

    first = monitor_x("once", "--now", iso(NOW))
    assert "email: retrying" in first.output and "451" in first.output  # a transient failure: retried after a backoff
    assert smtp.messages == []

    second = monitor_x("once", "--now", iso(at(18, 15)))
    assert "email: sent (2 findings)" in second.output
    third = monitor_x("once", "--now", iso(at(18, 30)))
    assert "email: none" in third.output
    assert len(smtp.messages) == 1


def test_an_aged_out_or_switched_off_finding_expires_it_is_not_resolved(monitor_x, fake_x, smtp):
    import json

    seed(fake_x)
    monitor_x("once", "--now", iso(NOW))

    later = monitor_x("once", "--now", iso(NOW.replace(day=28)))  # the mention is past max_age (7 days)
    rows = {r["rule"]: r["status"] for r in json.loads(monitor_x("findings", "--format", "json", "--status", "all").output)}
    assert "expired" in later.output and rows["unanswered_mention"] == "expired"

    config = monitor_x.config
    config.write_text(config.read_text() + '\n[rules.spam]\ndisable = ["repeated_update"]\n')
    monitor_x("once", "--now", iso(NOW.replace(day=28, hour=19)))
    expired = json.loads(monitor_x("findings", "--format", "json", "--status", "expired").output)
    assert {r["rule"] for r in expired} >= {"unanswered_mention", "repeated_update"}
    assert json.loads(monitor_x("findings", "--format", "json", "--status", "resolved").output) == []


def test_a_finding_that_comes_back_soon_is_not_emailed_again_until_renotify_after(monitor_x, fake_x, smtp):
    from datetime import timedelta

    seed(fake_x)
    config = monitor_x.config
    original = config.read_text()
    monitor_x("once", "--now", iso(NOW))
    config.write_text(original + '\n[rules.spam]\ndisable = ["repeated_update"]\n')
    monitor_x("once", "--now", iso(NOW + timedelta(minutes=15)))
    config.write_text(original)

    back = monitor_x("once", "--now", iso(NOW + timedelta(minutes=30)))
    still_open = monitor_x("once", "--now", iso(NOW + timedelta(hours=25)))

    assert "1 new" in back.output and "email: none" in back.output
    assert "email: sent" in still_open.output  # with the repeat (and a posting gap that opened meanwhile)
    assert len(smtp.messages) == 2 and "posted the same update again" in smtp.messages[1].get_body(("plain",)).get_content()


def test_per_account_recipients_and_silences(monitor_x, fake_x, smtp):
    from datetime import timedelta

    seed(fake_x)
    config = monitor_x.config
    text = config.read_text().replace(
        'timezone = "Europe/Moscow"', 'timezone = "Europe/Moscow"\nemail_to = ["x-team@brand.example"]'
    )
    config.write_text(text + f'\n[[silences]]\nrule = "repeated_update"\nuntil = {iso(NOW + timedelta(days=1))}\nreason = "relaunch"\n')

    first = monitor_x("once", "--now", iso(NOW))
    after = monitor_x("once", "--now", iso(NOW + timedelta(days=1, minutes=5)))

    assert "email: sent (2 findings)" in first.output  # the mention and the audit's past silence; the repeat is silenced
    assert "email: sent" in after.output  # the silence is over and the repeat is still open
    assert [m["To"] for m in smtp.messages] == ["x-team@brand.example"] * 2
    assert smtp.recorder.envelopes[0][1] == ["x-team@brand.example"]
    assert "posted the same update again" in smtp.messages[1].get_body(("plain",)).get_content()
