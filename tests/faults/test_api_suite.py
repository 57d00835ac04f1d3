"""The API fault suite: every platform's connector, behind `monitor once`, through faults a real API shows.

Each case sweeps with the fault at T and again at T+2h with the fault gone (or, for malformed items, still there),
then counts against a control run of the same world: items lost, alerts lost, duplicate alerts (harness.py).
Nothing may be lost; a malformed item is a counted skip named in the sweep's notes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BRAND_ID, FB_TOKEN, PAGE_ID, TOKEN, Monitor, x_config
from tests.connectors.test_vk import COMMUNITY_KEY, GROUP, SERVICE_KEY
from tests.faults.harness import T, Outcome, measure, run
from tests.fakes.graph_api import FakeGraphApi
from tests.fakes.smtp import SmtpServer
from tests.fakes.vk_api import FakeVkApi
from tests.fakes.x_api import ABSENT, FakeXApi
from tests.test_e2e_facebook import fb_config
from tests.test_e2e_vk import vk_config

LONG = ("Our new roastery opens on Monday. " * 300)[:10_000]  # a 10,000-character post
UNICODE = "@northwindcoffee مرحبا 👋🏽 where\u200b is my re\u202efund? ☕ Привет"
MENTIONS, TWEETS = f"/2/users/{BRAND_ID}/mentions", f"/2/users/{BRAND_ID}/tweets"


@dataclass
class World:
    """A platform's fake, seeded, a real SMTP server and the CLI on a config watching the fake."""

    folder: Path
    fake: Any
    smtp: SmtpServer
    monitor: Monitor

    database: str | None = None  # None: monitor.db in folder

    def run(self, fault: Callable[[Any], None] | None = None, heal: Callable[[Any], None] | None = None) -> Outcome:
        heal = heal or (lambda fake: fake.clear_failures())  # the outage is over; malformed items stay malformed
        return run(self.folder, self.monitor, self.smtp, (lambda: fault(self.fake)) if fault else None,
                   lambda: heal(self.fake), database=self.database)


def x_world(folder: Path, smtp: SmtpServer) -> Iterator[World]:
    fake = FakeXApi(bearer_token=TOKEN).start()
    fake.add_user(BRAND_ID, "northwindcoffee", "Northwind Coffee", followers=18420)
    for user, handle in (("2001", "anna_k"), ("2003", "lena"), ("2004", "rtl_user")):
        fake.add_user(user, handle)
    fake.add_tweet("100", BRAND_ID, "Our Winter Blend is back! Dark chocolate and cherry.", T - timedelta(days=3))
    fake.add_tweet("110", BRAND_ID, "OUR WINTER BLEND IS BACK!!! Dark chocolate and cherry ☕", T - timedelta(days=1))
    fake.add_tweet("120", BRAND_ID, LONG, T - timedelta(days=2))
    fake.add_tweet("200", "2001", "@northwindcoffee where is my order?", T - timedelta(hours=5), mentions=["northwindcoffee"])
    fake.add_tweet("210", "2003", "@northwindcoffee do you have decaf?", T - timedelta(hours=4), mentions=["northwindcoffee"])
    fake.add_tweet("211", BRAND_ID, "@lena yes, since Monday!", T - timedelta(hours=3, minutes=30), in_reply_to_user_id="2003",
                   conversation_id="210", referenced_tweets=[{"type": "replied_to", "id": "210"}], mentions=["lena"])
    fake.add_tweet("220", "2004", UNICODE, T - timedelta(hours=3), mentions=["northwindcoffee"])
    config = x_config(folder, fake, smtp)
    yield World(folder, fake, smtp, Monitor(config, {"X_BEARER_TOKEN": TOKEN}))
    fake.stop()


def fb_world(folder: Path, smtp: SmtpServer) -> Iterator[World]:
    fake = FakeGraphApi(access_token=FB_TOKEN).start()
    fake.add_page(PAGE_ID, "Northwind Coffee", username="northwindcoffee", followers=5120, fans=4980)
    fake.add_post(PAGE_ID, "2002_5001", "Our Winter Blend is back!", T - timedelta(days=1))
    fake.add_post(PAGE_ID, "2002_5002", LONG, T - timedelta(days=2))
    fake.add_comment("2002_5001", "5001_7001", "42", "Anna K", "where is my order?", T - timedelta(hours=5))
    fake.add_comment("2002_5001", "5001_7003", "43", "Lena", "do you have decaf?", T - timedelta(hours=4))
    fake.add_comment("2002_5001", "5001_7004", PAGE_ID, "Northwind Coffee", "Lena, yes!", T - timedelta(hours=3), parent_id="5001_7003")
    fake.add_comment("2002_5001", "5001_7005", "44", "مرحبا 👋🏽", UNICODE, T - timedelta(hours=3))
    config = fb_config(folder, fake, smtp)
    yield World(folder, fake, smtp, Monitor(config, {"FB_PAGE_TOKEN": FB_TOKEN}))
    fake.stop()


def vk_world(folder: Path, smtp: SmtpServer) -> Iterator[World]:
    fake = FakeVkApi(SERVICE_KEY, COMMUNITY_KEY).start()
    fake.add_group(GROUP, "Северный ветер", screen_name="severnyveter", members=4210)
    for user, first, last in ((2001, "Анна", "Смирнова"), (2002, "Олег", "Петров"), (2004, "مرحبا", "👋🏽")):
        fake.add_user(user, first, last)
    fake.add_post(GROUP, 5001, "Зимняя коллекция уже в магазинах! Приходите примерить.", T - timedelta(days=1))
    fake.add_post(GROUP, 5002, LONG, T - timedelta(days=2))
    fake.add_comment(GROUP, 5001, 7001, 2001, "Когда привезут размер M?", T - timedelta(hours=5))
    fake.add_comment(GROUP, 5001, 7002, 2002, "А доставка в Казань есть?", T - timedelta(hours=4))
    fake.add_comment(GROUP, 5001, 7003, -GROUP, "Олег, да, за два дня!", T - timedelta(hours=3), reply_to=7002)
    fake.add_comment(GROUP, 5001, 7004, 2004, UNICODE, T - timedelta(hours=3))
    config = vk_config(folder, fake, smtp)
    yield World(folder, fake, smtp, Monitor(config, {"VK_SERVICE_TOKEN": SERVICE_KEY, "VK_TOKEN": COMMUNITY_KEY}))
    fake.stop()


WORLDS = {"x": x_world, "facebook": fb_world, "vk": vk_world}


@pytest.fixture(scope="module")
def controls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Each platform's world swept at T and T+2h without a fault: what a faulty run must match."""
    out = {}
    for name, build in WORLDS.items():
        smtp = SmtpServer().start()
        world = build(tmp_path_factory.mktemp(f"control-{name}"), smtp)
        out[name] = next(world).run()
        next(world, None)
        smtp.stop()
    return out


@pytest.fixture
def world(request: pytest.FixtureRequest, tmp_path: Path, smtp: SmtpServer) -> Iterator[World]:
    builder = WORLDS[request.param]
    yield from builder(tmp_path, smtp)


def _wall_reset(seconds: int) -> str:
    import time

    return str(int(time.time()) + seconds)


# case id -> per platform: (fault, heal, ids made unreadable for good)
X_CASES: dict[str, tuple] = {
    "429 with reset": (lambda f: f.fail_next(MENTIONS, 429, headers={"x-rate-limit-reset": _wall_reset(60)}), None, set()),
    "429 without reset": (lambda f: f.fail_next(MENTIONS, 429, headers={"x-rate-limit-reset": ""}), None, set()),
    "429 garbage reset": (lambda f: f.fail_next(MENTIONS, 429, headers={"x-rate-limit-reset": "soon"}), None, set()),
    "5xx burst": (lambda f: f.fail_next(TWEETS, 503, times=12), None, set()),
    "truncated JSON": (lambda f: f.fail_next(MENTIONS, 200, times=6, body='{"data": [{"id": "20'), None, set()),
    "wrong types": (lambda f: (f.serve_tweet("200", {"text": 42}), f.serve_tweet("110", {"created_at": 5})), None, {"200", "110"}),
    "item without text": (lambda f: f.serve_tweet("210", {"text": ABSENT}), None, {"210"}),
}
FB_CASES: dict[str, tuple] = {
    "rate limit (code 32)": (lambda f: f.graph_error("/posts", 32, times=3), None, set()),
    "5xx burst": (lambda f: f.fail_next("/posts", 500, times=12), None, set()),
    "truncated JSON": (lambda f: f.fail_next("/posts", 200, times=6, body='{"data": [{"id": "2002_'), None, set()),
    "wrong types": (lambda f: f.serve("5001_7001", {"message": 42}), None, {"5001_7001"}),
}
VK_CASES: dict[str, tuple] = {
    "rate limit (error 6)": (lambda f: f.api_error("wall.get", 6, times=12), None, set()),
    "5xx burst": (lambda f: f.fail_next("wall.get", 502, times=12), None, set()),
    "truncated JSON": (lambda f: f.fail_next("wall.get", 200, times=6, body='{"response": {"count": 2, "items": [{"id"'),
                       None, set()),
    "wrong types": (lambda f: f.serve("comment", (GROUP, 7001), {"text": 42}), None, {"-3003_5001_7001"}),
}
class Trickle:
    """Point the account at a server trickling a byte every 0.1 s (timeout 1s), then back at the fake."""

    def __init__(self) -> None:
        from tests.fakes.trickle import TrickleServer

        self.server = TrickleServer(pause=0.1)
        self.config: Path | None = None
        self.text = ""

    def fault(self, world: "World") -> None:
        self.server.start()
        self.config = world.monitor.config
        self.text = self.config.read_text()
        self.config.write_text(self.text.replace(world.fake.base_url, self.server.base_url).replace('timeout = "5s"', 'timeout = "1s"'))

    def heal(self) -> None:
        assert self.config is not None and self.server.sent < 100  # cut off, not read whole
        self.config.write_text(self.text)
        self.server.stop()


CASES = [(p, c) for p, cases in (("x", X_CASES), ("facebook", FB_CASES), ("vk", VK_CASES)) for c in cases]


@pytest.mark.parametrize(("world", "case"), CASES, ids=[f"{p}-{c}" for p, c in CASES], indirect=["world"])
def test_an_api_fault_loses_nothing_and_doubles_nothing(world: World, case: str, controls: dict[str, Outcome],
                                                        request: pytest.FixtureRequest) -> None:
    platform = request.node.callspec.params["world"]
    fault, heal, unreadable = {"x": X_CASES, "facebook": FB_CASES, "vk": VK_CASES}[platform][case]

    outcome = world.run(fault, heal)
    result = measure(f"API {platform}", case, controls[platform], outcome, exempt=unreadable)

    assert (result.items_lost, result.alerts_lost, result.duplicates) == (0, 0, 0), outcome.outputs
    assert "Traceback" not in "".join(outcome.outputs) and "internal error" not in "".join(outcome.outputs), outcome.outputs
    if unreadable:  # a counted skip, said in the sweep's notes
        assert "skipped" in "".join(outcome.outputs) or "malformed" in "".join(outcome.outputs), outcome.outputs


@pytest.mark.parametrize("world", sorted(WORLDS), indirect=True)
def test_a_trickling_api_is_cut_off_and_the_next_sweep_reads_everything(world: World, controls: dict[str, Outcome],
                                                                        request: pytest.FixtureRequest) -> None:
    trickle = Trickle()

    outcome = run(world.folder, world.monitor, world.smtp, lambda: trickle.fault(world), trickle.heal)
    platform = request.node.callspec.params["world"]
    result = measure(f"API {platform}", "trickling answer (timeout 1s)", controls[platform], outcome)

    assert outcome.first_exit == 1 and "within 1s" in outcome.outputs[0], outcome.outputs[0]
    assert (result.items_lost, result.alerts_lost, result.duplicates) == (0, 0, 0), outcome.outputs


@pytest.mark.parametrize("world", sorted(WORLDS), indirect=True)
def test_unicode_and_10000_character_posts_are_stored_whole_and_alerted(world: World, controls: dict[str, Outcome]) -> None:
    from sqlalchemy import create_engine, select

    from monitor.store.models import Item

    outcome = world.run()
    engine = create_engine(f"sqlite:///{world.folder / 'monitor.db'}")
    with engine.connect() as connection:
        texts = set(connection.execute(select(Item.text)).scalars())
    engine.dispose()

    assert UNICODE in texts and LONG in texts  # byte for byte: emoji, RTL override, zero-width space
    assert all(len(m.as_bytes()) < 100_000 for m in world.smtp.messages)
    assert any("👋🏽" in m.get_body(("plain",)).get_content() for m in world.smtp.messages)
    platform = next(p for p, b in WORLDS.items() if world.monitor.config.read_text().count(f"[connectors.{p}]"))
    measure(f"API {platform}", "unicode, 10,000-character post", controls[platform], outcome)
    assert outcome.duplicates == 0 and outcome.first_exit == 0


def test_the_control_worlds_store_and_alert_something(controls: dict[str, Outcome]) -> None:
    """The measure means something only when the control run stored items and alerted findings."""
    for name, control in controls.items():
        assert len(control.items) >= 5 and len(control.alerted) >= 2, (name, control)
        assert control.duplicates == 0 and control.first_exit == 0, (name, control.outputs)
