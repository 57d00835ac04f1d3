"""End to end: a config file, the fake VK API (and fake X API), a real SMTP server → `monitor once` → what a user sees."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from monitor.connect import build_connector
from monitor.settings import load_settings
from tests.conftest import NOW, TOKEN, Monitor, at, iso
from tests.connectors.test_vk import COMMUNITY_KEY, GROUP, SERVICE_KEY
from tests.fakes.smtp import SmtpServer
from tests.fakes.vk_api import FakeVkApi

ENV = {"VK_SERVICE_TOKEN": SERVICE_KEY, "VK_TOKEN": COMMUNITY_KEY}
STOPPED = "monitoring stopped"


def vk_config(tmp_path: Path, fake: FakeVkApi, smtp: SmtpServer | None, x_base_url: str | None = None) -> Path:
    """A config for the community 3003 on the fake VK API (and @northwindcoffee on a fake X API when given)."""
    email = (f'transport = "smtp"\n[email.smtp]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\ntimeout = "5s"\n'
             if smtp else '[email.file]\ndir = "outbox"\n')
    x = (f'[connectors.x]\nbearer_token_env = "X_BEARER_TOKEN"\napi_base_url = "{x_base_url}"\ntimeout = "5s"\n'
         'retry_backoff = "0s"\nmax_rate_limit_wait = "0s"\n\n[[accounts]]\nname = "northwind-x"\nplatform = "x"\n'
         'handle = "northwindcoffee"\n' if x_base_url else "")
    text = f"""[database]
url = "sqlite:///monitor.db"

[email]
from = "monitor@brand.example"
to = ["smm@brand.example"]
{email}
[connectors.vk]
service_token_env = "VK_SERVICE_TOKEN"
community_token_env = "VK_TOKEN"
api_base_url = "{fake.base_url}"
timeout = "5s"
retry_backoff = "0s"
max_rate_limit_wait = "0s"
requests_per_second = 1000

{x}
[[accounts]]
name = "severny-veter-vk"
platform = "vk"
group_id = "club{GROUP}"
timezone = "Europe/Moscow"

[rules.ignoring]
reply_within = "2h"
"""
    path = tmp_path / "monitor.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def fake_vk() -> Iterator[FakeVkApi]:
    """The fake VK API with «Северный ветер» (3003) and its regulars."""
    with FakeVkApi(SERVICE_KEY, COMMUNITY_KEY) as fake:
        fake.add_group(GROUP, "Северный ветер", screen_name="severnyveter", members=4210)
        fake.add_user(2001, "Анна", "Смирнова")
        fake.add_user(2002, "Олег", "Петров")
        fake.add_user(2003, "Мария", "Иванова")
        yield fake


@pytest.fixture
def monitor_vk(tmp_path: Path, fake_vk: FakeVkApi, smtp: SmtpServer) -> Monitor:
    """The CLI on a config that watches the fake community and emails through the SMTP fixture."""
    return Monitor(vk_config(tmp_path, fake_vk, smtp), ENV)


def seed(fake: FakeVkApi) -> None:
    """An unanswered Russian comment, an answered one, and a conversation waiting for the community."""
    fake.add_post(GROUP, 5001, "Зимняя коллекция уже в магазинах! Приходите примерить.", at(9, day=19))
    fake.add_comment(GROUP, 5001, 7001, 2001, "Когда привезут размер M? <script>alert(1)</script>", at(10))
    fake.add_comment(GROUP, 5001, 7002, 2002, "А доставка в Казань есть?", at(11))
    fake.add_comment(GROUP, 5001, 7003, -GROUP, "Олег, да, за два дня!", at(11, 20), reply_to=7002)
    fake.add_message(GROUP, 2003, 2003, "Здравствуйте! Можно вернуть куртку без чека?", at(9))


def texts(smtp: SmtpServer) -> list[tuple[str, str, str]]:
    """(subject, plain text, html) of every received message."""
    out = []
    for message in smtp.messages:
        html = message.get_body(("html",))
        out.append((message["Subject"], message.get_body(("plain",)).get_content(), html.get_content() if html else ""))
    return out


def findings(monitor: Monitor, status: str = "open") -> list[dict]:
    """`monitor findings --format json` as objects."""
    return json.loads(monitor("findings", "--format", "json", "--status", status).output)


def test_an_unanswered_russian_comment_is_emailed_with_its_vk_link(monitor_vk, fake_vk, smtp):
    seed(fake_vk)

    result = monitor_vk("once", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    assert "severny-veter-vk: ok" in result.output
    [(subject, text, html)] = texts(smtp)
    assert "severny-veter-vk" in subject and "\n" not in subject
    assert "Анна Смирнова" in text and "Когда привезут размер M?" in text and "unanswered_comment" in text
    assert "https://vk.com/wall-3003_5001?reply=7001" in text
    assert 'href="https://vk.com/wall-3003_5001?reply=7001"' in html and "&lt;script&gt;" in html and "<script>" not in html
    assert "Мария Иванова" in text and "unanswered_message" in text and "https://vk.com/gim3003?sel=2003" in text
    assert "Олег Петров" not in text  # the community answered him in his thread
    for secret in (SERVICE_KEY, COMMUNITY_KEY):
        assert secret not in result.output and secret not in smtp.messages[0].as_string()
    rules = {(r["rule"], tuple(r["item_ids"])) for r in findings(monitor_vk)}
    assert ("unanswered_comment", ("-3003_5001_7001",)) in rules and {r["platform"] for r in findings(monitor_vk)} == {"vk"}

    again = monitor_vk("once", "--now", iso(NOW + timedelta(minutes=15)))
    assert again.exit_code == 0 and "email: none" in again.output and len(smtp.messages) == 1


def test_a_community_reply_and_answer_resolve_the_findings(monitor_vk, fake_vk, smtp):
    seed(fake_vk)
    monitor_vk("once", "--now", iso(NOW))
    fake_vk.add_comment(GROUP, 5001, 7009, -GROUP, "Анна, размер M будет в пятницу", at(18, 5), reply_to=7001)
    fake_vk.add_message(GROUP, 2003, -GROUP, "Мария, да, с паспортом", at(18, 6))

    result = monitor_vk("once", "--now", iso(at(18, 15)))

    assert result.exit_code == 0, result.output
    assert "0 new, 2 resolved" in result.output
    resolved = {(r["rule"], tuple(r["item_ids"])) for r in findings(monitor_vk, "resolved")}
    assert resolved == {("unanswered_comment", ("-3003_5001_7001",)), ("unanswered_message", ("msg-3003_2003_1",))}


def test_a_message_after_do_not_write_to_me_is_a_finding(monitor_vk, fake_vk, smtp):
    fake_vk.add_post(GROUP, 5001, "Скидки на пуховики до воскресенья", at(9, day=19))
    fake_vk.add_message(GROUP, 2002, -GROUP, "Олег, у нас распродажа!", at(9, day=19))
    fake_vk.add_message(GROUP, 2002, 2002, "Не пишите мне больше, пожалуйста", at(10, day=19))
    fake_vk.add_message(GROUP, 2002, -GROUP, "Олег, последний день скидок!", at(12))

    result = monitor_vk("once", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    [row] = [r for r in findings(monitor_vk) if r["rule"] == "message_after_opt_out"]
    assert row["item_ids"] == ["msg-3003_2002_2", "msg-3003_2002_3"] and row["severity"] == "critical"
    assert "unanswered_message" not in {r["rule"] for r in findings(monitor_vk)}
    assert "message_after_opt_out" in texts(smtp)[0][1]


def test_a_repost_of_the_communitys_own_post_is_not_a_repeat_but_the_same_post_again_is(monitor_vk, fake_vk, smtp):
    news = "Зимняя коллекция уже в магазинах! Пуховики, шапки и варежки — приходите примерить."
    fake_vk.add_post(GROUP, 5001, news, at(9, day=18))
    fake_vk.add_post(GROUP, 5002, "", at(9, day=19), copy_of=(-GROUP, 5001))
    fake_vk.add_post(GROUP, 5003, "Открываем магазин на Невском в субботу!", at(10, day=19))
    fake_vk.add_post(GROUP, 5004, news.upper(), at(12))

    result = monitor_vk("once", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    repeats = [r["item_ids"] for r in findings(monitor_vk) if r["rule"] == "repeated_update"]
    assert repeats == [["-3003_5001", "-3003_5004"]]  # the repost 5002 is a share, not a repeat
    assert "https://vk.com/wall-3003_5004" in texts(smtp)[0][1]


def test_config_check_shows_the_vk_account_and_masks_its_keys(monitor_vk):
    result = monitor_vk("config check")

    assert result.exit_code == 0, result.output
    assert "account severny-veter-vk: vk community 3003, source api" in result.output
    assert f"secret connectors.vk.service_token: ****** ({len(SERVICE_KEY)} chars) from $VK_SERVICE_TOKEN" in result.output
    assert f"secret connectors.vk.community_token: ****** ({len(COMMUNITY_KEY)} chars) from $VK_TOKEN" in result.output
    assert SERVICE_KEY not in result.output and COMMUNITY_KEY not in result.output


def test_without_the_community_key_the_wall_is_watched_and_one_notice_says_why(tmp_path, fake_vk, smtp):
    seed(fake_vk)
    path = vk_config(tmp_path, fake_vk, smtp)
    path.write_text(path.read_text().replace('community_token_env = "VK_TOKEN"\n', ""))

    result = Monitor(path, {"VK_SERVICE_TOKEN": SERVICE_KEY})("once", "--now", iso(NOW))

    assert result.exit_code == 0, result.output
    assert result.output.count("community messages are not checked") == 1
    [(_, text, _)] = texts(smtp)
    assert "unanswered_comment" in text and "unanswered_message" not in text


def test_a_refused_key_fails_only_the_vk_account_and_emails_monitoring_stopped_once(tmp_path, fake_vk, fake_x, smtp):
    fake_x.add_user("2001", "anna_k")
    fake_x.add_tweet("200", "2001", "@northwindcoffee where is my order?", at(10), mentions=["northwindcoffee"])
    seed(fake_vk)
    monitor = Monitor(vk_config(tmp_path, fake_vk, smtp, x_base_url=fake_x.base_url), {**ENV, "X_BEARER_TOKEN": TOKEN})
    outputs = []
    for minutes in (0, 15):
        fake_vk.api_error("groups.getById", 5)
        result = monitor("once", "--now", iso(NOW + timedelta(minutes=minutes)))
        assert result.exit_code == 1, result.output
        outputs.append(result.output)

    assert "northwind-x: ok" in outputs[0] and "northwind-x: ok" in outputs[1]
    assert "severny-veter-vk: FAILED — VK refused the app's service key while reading community 3003 (error 5" in outputs[0]
    assert "VK_SERVICE_TOKEN ([connectors.vk] service_token_env)" in outputs[0]
    stopped = [(s, t) for s, t, _ in texts(smtp) if STOPPED in s]
    assert len(stopped) == 1 and "severny-veter-vk" in stopped[0][0] and "VK_SERVICE_TOKEN" in stopped[0][1]
    assert SERVICE_KEY not in "".join(outputs) and all(SERVICE_KEY not in m.as_string() for m in smtp.messages)
    assert len([s for s, _, _ in texts(smtp) if "northwind-x" in s]) == 1


def test_the_registry_builds_the_vk_connector_from_the_config(tmp_path, fake_vk, monkeypatch):
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    settings = load_settings(vk_config(tmp_path, fake_vk, None))

    connector = build_connector(settings, settings.account("severny-veter-vk"))

    assert connector.platform == "vk" and connector.own == "-3003"
    assert connector.api.api_version == "5.199" and connector.api.has("community_token")
    adapter = connector.api.session.get_adapter("https://api.vk.ru/method/wall.get")
    assert adapter.base_url == fake_vk.base_url and adapter.timeout == 5.0
    assert connector.fetch({}, NOW).snapshot.followers == 4210
