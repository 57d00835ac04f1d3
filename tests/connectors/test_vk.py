"""The VK connector against the fake VK API: the real vk_api client over real HTTP on 127.0.0.1.

Nothing of ours is mocked. VkClient gets a FakeTime whose sleep() records the delay instantly, and no
pacing, so retries and rate-limit waits are asserted, never waited for.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
import vk_api

from connectors.base import AuthError, Batch, ConnectorError, FetchedItem, PermanentError, RateLimited, TransientError
from connectors.http import RoutingAdapter
from connectors.vk import VkConnector, VkSettings, VkTarget
from connectors.vk_client import VkClient
from tests.conftest import NOW, at
from tests.fakes.smtp import free_port
from tests.fakes.vk_api import ABSENT, FakeVkApi

GROUP = 3003
OWN = "-3003"
SERVICE_KEY = "test-vk-service-key-0123456789"
COMMUNITY_KEY = "test-vk-community-key-0123456789"
SOURCES = {"service_token": "the environment variable VK_SERVICE_TOKEN", "community_token": "the environment variable VK_TOKEN"}
POST_1, POST_2, OLD_POST, REPOST = f"{OWN}_5001", f"{OWN}_5002", f"{OWN}_4001", f"{OWN}_5003"
SEEDED = {POST_1, f"{POST_1}_7001", f"{POST_1}_7002", f"{POST_1}_7003", POST_2, f"{POST_2}_7004", OLD_POST, f"{OLD_POST}_4100",
          REPOST, "msg-3003_2001_1", "msg-3003_2001_2", "msg-3003_2002_1", "msg-3003_2002_2"}
FIRST_SWEEP = ["groups.getById", "wall.get", "wall.getComments", "wall.getComments", "wall.getComments",
               "messages.getConversations", "messages.getHistory", "messages.getHistory"]
QUIET = ["groups.getById", "wall.get", "messages.getConversations"]


class FakeTime:
    """VkClient's sleep: it records the delay and returns at once."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        """Record the delay."""
        self.sleeps.append(seconds)


@pytest.fixture
def fake_vk() -> Iterator[FakeVkApi]:
    """A fake VK API with the community «Северный ветер» (3003) and three people."""
    with FakeVkApi(SERVICE_KEY, COMMUNITY_KEY) as fake:
        fake.add_group(GROUP, "Северный ветер", screen_name="severnyveter", members=4210)
        fake.add_user(2001, "Анна", "Смирнова")
        fake.add_user(2002, "Олег", "Петров")
        fake.add_user(2003, "Мария", "Иванова")
        yield fake


def client(fake: FakeVkApi, fake_time: FakeTime | None = None, *, service: str = SERVICE_KEY, community: str | None = COMMUNITY_KEY,
           base_url: str | None = None, **options: object) -> VkClient:
    """A VkClient on the fake, unpaced, sleeping on fake time."""
    tokens = {"service_token": service, **({"community_token": community} if community else {})}
    return VkClient(tokens, SOURCES, api_base_url=base_url or fake.base_url, min_interval=0,
                    sleep=(fake_time or FakeTime()).sleep, **options)  # type: ignore[arg-type]


def connector(fake: FakeVkApi, fake_time: FakeTime | None = None, *, max_pages: int = 10, page_size: int = 100,
              max_comment_pages: int = 10, full_recheck: timedelta = timedelta(hours=6), **options: object) -> VkConnector:
    """A VkConnector for community 3003 on the fake: comments re-read for 7 days, history of 30."""
    return VkConnector(client(fake, fake_time, **options), str(GROUP), recheck=timedelta(days=7), history=timedelta(days=30),
                       page_size=page_size, max_pages=max_pages, max_comment_pages=max_comment_pages, full_recheck=full_recheck)


def stored(*batches: Batch) -> dict[str, str]:
    """The cursors the store holds after these batches (each sweep writes only the streams it moved)."""
    return {stream: value for batch in batches for stream, value in batch.cursors.items()}


def by_id(batch: Batch) -> dict[str, FetchedItem]:
    """The batch's items by external id."""
    return {item.external_id: item for item in batch.items}


def methods(fake: FakeVkApi) -> list[str]:
    """The methods the fake was asked for, in order."""
    return [r["method"] for r in fake.requests]


def seed(fake: FakeVkApi) -> None:
    """Posts with an answered and an unanswered comment, an older post, a repost, two conversations."""
    fake.add_post(GROUP, 5001, "Зимняя коллекция уже в магазинах!", at(9, day=18))
    fake.add_comment(GROUP, 5001, 7001, 2001, "Когда привезут размер M?", at(10))
    fake.add_comment(GROUP, 5001, 7002, -GROUP, "Анна, в пятницу!", at(10, 30), reply_to=7001)
    fake.add_comment(GROUP, 5001, 7003, 2002, "А доставка в Казань есть?", at(11))
    fake.add_post(GROUP, 5002, "Открываем магазин на Невском", at(12, day=19))
    fake.add_comment(GROUP, 5002, 7004, 2003, "Ура!", at(13, day=19))
    fake.add_post(GROUP, 4001, "Ноябрьские скидки до 30%", at(9, day=2))
    fake.add_comment(GROUP, 4001, 4100, 2001, "А на пуховики?", at(10, day=3))
    fake.add_post(GROUP, 5003, "", at(8), copy_of=(-GROUP, 4001))
    fake.add_message(GROUP, 2001, 2001, "Здравствуйте! Где мой заказ?", at(8))
    fake.add_message(GROUP, 2001, 2001, "Алло?", at(9))
    fake.add_message(GROUP, 2002, 2002, "Вы работаете в воскресенье?", at(7))
    fake.add_message(GROUP, 2002, -GROUP, "Да, с 10 до 18", at(7, 20))


# --------------------------------------------------------------------------- mapping, cursors, request counts


def test_first_fetch_maps_the_community_posts_comments_replies_and_messages(fake_vk):
    seed(fake_vk)

    batch = connector(fake_vk).fetch({}, NOW)

    snap = batch.snapshot
    assert (snap.external_id, snap.handle, snap.followers, snap.raw["name"]) == (OWN, "severnyveter", 4210, "Северный ветер")
    items = by_id(batch)
    assert set(items) == SEEDED
    assert {i: item.kind for i, item in items.items()} == {
        POST_1: "post", POST_2: "post", OLD_POST: "post", REPOST: "post", f"{POST_1}_7001": "comment",
        f"{POST_1}_7002": "reply", f"{POST_1}_7003": "comment", f"{POST_2}_7004": "comment", f"{OLD_POST}_4100": "comment",
        "msg-3003_2001_1": "message", "msg-3003_2001_2": "message", "msg-3003_2002_1": "message", "msg-3003_2002_2": "message",
    }
    question, reply = items[f"{POST_1}_7001"], items[f"{POST_1}_7002"]
    assert (question.author_id, question.author_handle, question.text, question.created_at) == ("2001", "Анна Смирнова",
                                                                                              "Когда привезут размер M?", at(10))
    assert question.url == "https://vk.com/wall-3003_5001?reply=7001" and question.conversation_id == POST_1
    assert (reply.author_id, reply.reply_to_id, reply.reply_to_author_id) == (OWN, f"{POST_1}_7001", "2001")
    assert reply.url == "https://vk.com/wall-3003_5001?reply=7002&thread=7001"
    post = items[POST_1]
    assert (post.author_id, post.url, post.is_share, post.conversation_id) == (OWN, "https://vk.com/wall-3003_5001", False, POST_1)
    assert items[REPOST].is_share and items[REPOST].text == "Ноябрьские скидки до 30%"  # the reposted text
    message, answer = items["msg-3003_2001_2"], items["msg-3003_2002_2"]
    assert (message.author_id, message.author_handle, message.conversation_id, message.text) == ("2001", "Анна Смирнова", "2001", "Алло?")
    assert message.url == "https://vk.com/gim3003?sel=2001" and message.raw["messages_allowed"] == 1
    assert answer.author_id == OWN  # the community's own messages carry the same id as its posts and the snapshot
    assert batch.cursors == {"posts": "5003", "posts_at": at(8).isoformat(), "comments": "7004",
                             "counts": "5003:0,5002:1,5001:3", "comments_full_at": NOW.isoformat(), "messages": "104"}
    assert batch.notices == [] and methods(fake_vk) == FIRST_SWEEP and batch.requests == 8
    assert [r["params"]["post_id"] for r in fake_vk.calls("wall.getComments")] == ["5002", "5001", "4001"]  # 5003 has none


def test_every_request_is_a_post_with_the_version_and_the_right_key(fake_vk):
    seed(fake_vk)

    connector(fake_vk).fetch({}, NOW)

    assert {r["http"] for r in fake_vk.requests} == {"POST"} and {r["params"]["v"] for r in fake_vk.requests} == {"5.199"}
    kinds = {r["method"]: r["token"] for r in fake_vk.requests}
    assert kinds == {"groups.getById": "service", "wall.get": "service", "wall.getComments": "service",
                     "messages.getConversations": "community", "messages.getHistory": "community"}
    comments = fake_vk.calls("wall.getComments")[0]["params"]
    assert (comments["owner_id"], comments["thread_items_count"], comments["need_likes"], comments["extended"]) == ("-3003", "10", "0", "1")


def test_a_quiet_sweep_makes_three_requests_and_reads_no_comments(fake_vk):
    seed(fake_vk)
    first = connector(fake_vk).fetch({}, NOW)
    fake_vk.clear_requests()

    quiet = connector(fake_vk).fetch(first.cursors, NOW + timedelta(minutes=15))

    assert methods(fake_vk) == QUIET and quiet.requests == 3
    assert {i.kind for i in quiet.items} == {"post"}  # the older post where the listing stopped is read, not its comments
    assert quiet.cursors["comments"] == "7004" and quiet.cursors["messages"] == first.cursors["messages"]


@pytest.mark.parametrize(("version", "shape"), [("5.199", dict), ("5.131", list)])
def test_groups_get_by_id_is_read_in_both_shapes(fake_vk, version, shape):
    api = client(fake_vk, api_version=version)
    answer = api.call("service_token", "groups.getById", "reading", group_id=GROUP, fields="members_count")

    batch = VkConnector(api, str(GROUP), recheck=timedelta(days=7), history=timedelta(days=7)).fetch({}, NOW)

    assert isinstance(answer, shape) and batch.snapshot.followers == 4210
    assert {r["params"]["v"] for r in fake_vk.requests} == {version}


def test_a_new_comment_costs_one_request_on_its_post_only(fake_vk):
    seed(fake_vk)
    first = connector(fake_vk).fetch({}, NOW)
    fake_vk.add_comment(GROUP, 5002, 7005, 2002, "А парковка есть?", at(18, 5))
    fake_vk.add_comment(GROUP, 4001, 4101, 2003, "Скидки ещё действуют?", at(18, 6))  # an old post: not re-read
    fake_vk.clear_requests()

    second = connector(fake_vk).fetch(first.cursors, at(18, 15))

    assert methods(fake_vk) == ["groups.getById", "wall.get", "wall.getComments", "messages.getConversations"]
    assert fake_vk.calls("wall.getComments")[0]["params"]["post_id"] == "5002"
    new = by_id(second)[f"{POST_2}_7005"]
    assert (new.kind, new.author_handle, new.url) == ("comment", "Олег Петров", "https://vk.com/wall-3003_5002?reply=7005")
    assert f"{OLD_POST}_4101" not in by_id(second)
    assert second.cursors["comments"] == "7005" and "5002:2" in second.cursors["counts"]


def test_a_new_comment_on_a_pinned_old_post_is_read(fake_vk):
    fake_vk.add_post(GROUP, 3001, "Правила сообщества", at(9, day=1), pinned=True)
    fake_vk.add_post(GROUP, 5001, "Новости", at(9))
    first = connector(fake_vk).fetch({}, NOW)
    fake_vk.add_comment(GROUP, 3001, 7100, 2001, "Где адреса магазинов?", at(18, 1))

    second = connector(fake_vk).fetch(first.cursors, at(18, 15))

    assert first.cursors["posts"] == "5001"  # the pinned post comes first but is not the newest
    assert by_id(second)[f"{OWN}_3001_7100"].kind == "comment"


def test_a_thread_deeper_than_its_inline_replies_is_read_whole_then_only_as_far_as_the_new_replies(fake_vk):
    fake_vk.add_post(GROUP, 5001, "Конкурс!", at(9))
    fake_vk.add_comment(GROUP, 5001, 7000, 2001, "Участвую", at(10))
    for n in range(1, 16):
        fake_vk.add_comment(GROUP, 5001, 7000 + n, 2002 if n % 2 else -GROUP, f"ответ {n}", at(10, n), reply_to=7000)
    first = connector(fake_vk).fetch({}, NOW)
    fake_vk.add_comment(GROUP, 5001, 7016, 2003, "А итоги когда?", at(18, 2), thread=7000)
    fake_vk.clear_requests()

    second = connector(fake_vk).fetch(first.cursors, at(18, 15))

    assert {f"{OWN}_5001_{7000 + n}" for n in range(16)} <= set(by_id(first))
    assert [c["params"].get("comment_id") for c in fake_vk.calls("wall.getComments")] == [None, "7000"]
    late = by_id(second)[f"{OWN}_5001_7016"]
    assert (late.reply_to_id, late.reply_to_author_id, late.url) == (f"{OWN}_5001_7000", "2001",
                                                                     "https://vk.com/wall-3003_5001?reply=7016&thread=7000")
    reply = by_id(first)[f"{OWN}_5001_7002"]
    assert (reply.kind, reply.reply_to_id, reply.reply_to_author_id) == ("reply", f"{OWN}_5001_7000", "2001")


def test_a_busy_post_is_paged_only_as_far_as_its_new_comments(fake_vk):
    fake_vk.add_post(GROUP, 5001, "Розыгрыш!", at(9, day=19))
    for n in range(250):
        fake_vk.add_comment(GROUP, 5001, 10_000 + n, 2001, f"я {n}", at(10, day=19) + timedelta(minutes=n))
    first = connector(fake_vk).fetch({}, NOW)
    for n in range(250, 253):
        fake_vk.add_comment(GROUP, 5001, 10_000 + n, 2002, f"и я {n}", at(18, 1))
    fake_vk.clear_requests()

    second = connector(fake_vk).fetch(first.cursors, at(18, 15))

    assert len(fake_vk.calls("wall.getComments")) == 1 and first.requests == 2 + 3 + 1
    assert {f"{OWN}_5001_{10_000 + n}" for n in range(250, 253)} <= set(by_id(second))


def test_a_comment_deleted_and_another_added_is_caught_by_the_full_recheck(fake_vk):
    seed(fake_vk)
    first = connector(fake_vk).fetch({}, NOW)
    fake_vk.remove_comment(GROUP, 7003)
    fake_vk.add_comment(GROUP, 5001, 7010, 2003, "Есть ли размер S?", at(18, 5))  # the count stays 3

    unchanged = connector(fake_vk).fetch(first.cursors, at(18, 15))
    rechecked = connector(fake_vk).fetch(stored(first, unchanged), NOW + timedelta(hours=6))

    assert f"{POST_1}_7010" not in by_id(unchanged)
    assert f"{POST_1}_7010" in by_id(rechecked) and f"{POST_1}_7003" not in by_id(rechecked)
    assert rechecked.cursors["comments_full_at"] == (NOW + timedelta(hours=6)).isoformat()


def test_a_comment_deleted_between_two_sweeps_leaves_its_replies_and_no_error(fake_vk):
    seed(fake_vk)
    fake_vk.add_comment(GROUP, 5001, 7005, 2003, "И мне интересно", at(11, 10), reply_to=7003)
    first = connector(fake_vk).fetch({}, NOW)
    fake_vk.remove_comment(GROUP, 7003)  # it has a reply: VK keeps a deleted placeholder
    fake_vk.remove_comment(GROUP, 7002)  # no replies: gone

    second = connector(fake_vk).fetch(first.cursors, at(18, 15))

    items = by_id(second)
    assert f"{POST_1}_7003" not in items and f"{POST_1}_7002" not in items and f"{POST_1}_7001" in items
    assert items[f"{POST_1}_7005"].reply_to_id == f"{POST_1}_7003" and second.notices == []
    assert "5001:2" in second.cursors["counts"]


def test_a_repost_is_a_share_and_someone_elses_wall_post_a_mention_answered_by_a_community_comment(fake_vk):
    fake_vk.add_post(GROUP, 5001, "Новая коллекция", at(9))
    fake_vk.add_post(GROUP, 5002, "Новая коллекция", at(10), copy_of=(-GROUP, 5001))
    fake_vk.add_post(GROUP, 5003, "Подскажите, где забрать заказ?", at(11), from_id=2001)
    fake_vk.add_comment(GROUP, 5003, 7001, -GROUP, "На Невском, 10", at(11, 30))

    items = by_id(connector(fake_vk).fetch({}, NOW))

    assert items[f"{OWN}_5002"].is_share and not items[f"{OWN}_5001"].is_share
    wall_post, answer = items[f"{OWN}_5003"], items[f"{OWN}_5003_7001"]
    assert (wall_post.kind, wall_post.author_id, wall_post.author_handle) == ("mention", "2001", "Анна Смирнова")
    assert (answer.kind, answer.reply_to_id, answer.reply_to_author_id) == ("reply", f"{OWN}_5003", "2001")


def test_wall_paging_stops_at_max_pages_with_a_notice(fake_vk):
    for n in range(12):
        fake_vk.add_post(GROUP, 5000 + n, f"пост {n}", NOW - timedelta(hours=n + 1))

    batch = connector(fake_vk, page_size=5, max_pages=2).fetch({}, NOW)

    assert {i.external_id for i in batch.items if i.kind == "post"} == {f"{OWN}_{5011 - n}" for n in range(10)}
    assert len(fake_vk.calls("wall.get")) == 2
    assert "reading the wall of community 3003: stopped after 2 page(s) (max_pages); older posts were not read" in batch.notices


def test_comment_requests_per_post_stop_at_max_comment_pages_with_a_notice(fake_vk):
    fake_vk.add_post(GROUP, 5001, "Розыгрыш!", at(9))
    for n in range(350):
        fake_vk.add_comment(GROUP, 5001, 10_000 + n, 2001, f"я {n}", at(10) + timedelta(seconds=n))

    batch = connector(fake_vk, max_comment_pages=2).fetch({}, NOW)

    assert len([i for i in batch.items if i.kind == "comment"]) == 200  # the newest 200
    assert f"post {OWN}_5001: stopped after 2 comment request(s) (max_comment_pages); older comments were not read" in batch.notices


# --------------------------------------------------------------------------- community messages


def test_without_a_community_key_one_notice_and_the_wall_is_read(fake_vk):
    seed(fake_vk)

    batch = connector(fake_vk, community=None).fetch({}, NOW)

    assert {i.kind for i in batch.items} == {"post", "comment", "reply"} and "messages.getConversations" not in methods(fake_vk)
    assert batch.notices == ["community messages are not checked: no community key is configured (set community_token_env "
                             "to the community's key with access to messages)"]


@pytest.mark.parametrize(
    ("setup", "says"),
    [
        (lambda fake: fake.community_scopes.clear(), "error 15: Access denied: no access to call this method); give the "
                                                     "community's key access to messages"),
        (lambda fake: setattr(fake, "community_token", "x"), None),  # a service key where the community key goes
        (lambda fake: fake.api_error("messages.getConversations", 917), "error 917"),
    ],
    ids=["no-messages-scope", "service-key-given", "917"],
)
def test_a_community_key_that_cannot_read_messages_is_one_notice(fake_vk, setup, says):
    seed(fake_vk)
    setup(fake_vk)
    community = SERVICE_KEY if says is None else COMMUNITY_KEY

    batch = connector(fake_vk, community=community).fetch({}, NOW)

    assert {i.kind for i in batch.items} == {"post", "comment", "reply"}
    [notice] = batch.notices
    assert notice.startswith("community messages are not checked: ")
    assert (says or "messages.getConversations needs the community's key in community_token_env; an app service key was "
                    "given (in the environment variable VK_TOKEN, error 28") in notice


def test_only_conversations_with_new_messages_are_read_and_only_as_far_as_the_new_ones(fake_vk):
    seed(fake_vk)
    first = connector(fake_vk).fetch({}, NOW)
    fake_vk.add_message(GROUP, 2002, 2002, "А в праздники?", at(18, 3))
    fake_vk.add_message(GROUP, 2001, -GROUP, "Анна, заказ в пути", at(18, 4))
    fake_vk.add_message(GROUP, 2001, 2001, "Спасибо!", at(18, 5))
    fake_vk.add_message(GROUP, 2003, 2003, "Добрый вечер, есть ли подарочные карты?", at(18, 6))  # a new conversation
    fake_vk.clear_requests()

    second = connector(fake_vk).fetch(first.cursors, at(18, 15))

    assert [r["params"].get("peer_id") for r in fake_vk.requests if r["method"].startswith("messages")] == [None, "2001", "2002"]
    assert {i.external_id for i in second.items if i.kind == "message"} == {"msg-3003_2002_3", "msg-3003_2001_3", "msg-3003_2001_4",
                                                                             "msg-3003_2003_1"}
    assert by_id(second)["msg-3003_2001_3"].author_id == OWN and by_id(second)["msg-3003_2003_1"].author_handle == "Мария Иванова"
    assert second.cursors["messages"] == "108"


def test_a_person_who_has_not_allowed_messages_is_marked_on_their_messages(fake_vk):
    seed(fake_vk)
    fake_vk.set_messages_allowed(GROUP, 2001, False)

    items = by_id(connector(fake_vk).fetch({}, NOW))

    assert items["msg-3003_2001_2"].raw["messages_allowed"] == 0 and items["msg-3003_2002_1"].raw["messages_allowed"] == 1


def test_without_can_write_one_question_per_conversation_with_new_messages(fake_vk):
    seed(fake_vk)
    fake_vk.can_write_in_conversations = False
    fake_vk.set_messages_allowed(GROUP, 2002, False)
    first = connector(fake_vk).fetch({}, NOW)
    asked = [r["params"]["user_id"] for r in fake_vk.calls("messages.isMessagesFromGroupAllowed")]
    fake_vk.clear_requests()
    connector(fake_vk).fetch(first.cursors, at(18, 15))

    assert asked == ["2001", "2002"] and fake_vk.calls("messages.isMessagesFromGroupAllowed") == []  # nothing new since
    assert by_id(first)["msg-3003_2002_1"].raw["messages_allowed"] == 0 and by_id(first)["msg-3003_2001_1"].raw["messages_allowed"] == 1


def test_a_conversation_that_cannot_be_read_is_skipped_with_a_notice(fake_vk):
    seed(fake_vk)
    fake_vk.api_error("messages.getHistory", 917)

    batch = connector(fake_vk).fetch({}, NOW)

    assert any(n.startswith("conversation 2001 is not readable: VK error while reading the conversation with 2001 (error 917")
               for n in batch.notices)
    assert "msg-3003_2002_1" in by_id(batch) and "msg-3003_2001_1" not in by_id(batch)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("method", "key", "env", "how"),
    [("groups.getById", "service_token_env", "VK_SERVICE_TOKEN", "Сервисный ключ"),
     ("wall.getComments", "service_token_env", "VK_SERVICE_TOKEN", "Сервисный ключ"),
     ("messages.getConversations", "community_token_env", "VK_TOKEN", "Работа с API")],
)
def test_error_5_is_an_auth_error_naming_the_key_that_made_the_call(fake_vk, method, key, env, how):
    seed(fake_vk)
    fake_vk.api_error(method, 5)

    with pytest.raises(AuthError) as caught:
        connector(fake_vk).fetch({}, NOW)

    text = str(caught.value)
    assert "error 5: User authorization failed: invalid access_token (4).)" in text and not caught.value.retryable
    assert f"the environment variable {env} ([connectors.vk] {key})" in text and how in text
    assert len(fake_vk.calls(method)) == 1


@pytest.mark.parametrize(("code", "pause"), [(6, timedelta(minutes=1)), (9, timedelta(minutes=15)), (29, timedelta(hours=1)),
                                             (14, timedelta(minutes=15))])
def test_rate_limits_are_waited_out_within_bounds_then_defer_the_account(fake_vk, monkeypatch, code, pause):
    def never(seconds: float) -> None:
        raise AssertionError(f"vk_api slept {seconds}s by itself")

    monkeypatch.setattr(vk_api.vk_api.time, "sleep", never)  # vk_api's own handler for error 6 sleeps 0.5 s and retries
    seed(fake_vk)
    fake_time = FakeTime()
    fake_vk.api_error("wall.get", code, times=99)

    with pytest.raises(RateLimited) as caught:
        connector(fake_vk, fake_time, max_rate_limit_wait=10.0).fetch({}, NOW)

    assert fake_time.sleeps == [1.0, 2.0, 4.0] and len(fake_vk.calls("wall.get")) == 4
    assert caught.value.retry_at == NOW + pause and f"(error {code}: " in str(caught.value)
    assert f"the account waits until {(NOW + pause):%Y-%m-%d %H:%M} UTC" in str(caught.value)


def test_a_short_rate_limit_is_waited_out_and_the_sweep_goes_on(fake_vk):
    seed(fake_vk)
    fake_time = FakeTime()
    fake_vk.api_error("wall.getComments", 6, times=2)

    batch = connector(fake_vk, fake_time, max_rate_limit_wait=10.0).fetch({}, NOW)

    assert fake_time.sleeps == [1.0, 2.0] and set(by_id(batch)) == SEEDED


def test_no_rate_limit_wait_when_max_rate_limit_wait_is_zero(fake_vk):
    fake_time = FakeTime()
    fake_vk.api_error("groups.getById", 6)

    with pytest.raises(RateLimited):
        connector(fake_vk, fake_time, max_rate_limit_wait=0.0).fetch({}, NOW)

    assert fake_time.sleeps == []


@pytest.mark.parametrize(
    ("closed", "error", "says"),
    [(1, None, "(error 15: Access denied: this wall available only for community members): community 3003 is closed, and the app's "
               "service key reads only open communities"),
     (2, None, "(error 30: This profile is private): community 3003 is private"),
     (0, 18, "(error 18: User was deleted or banned): community 3003 is deleted or banned; check group_id")],
    ids=["closed-15", "private-30", "deleted-18"],
)
def test_access_errors_are_permanent_and_say_why(fake_vk, closed, error, says):
    seed(fake_vk)
    fake_vk.set_closed(GROUP, closed)
    if error:
        fake_vk.api_error("wall.get", error)

    with pytest.raises(PermanentError) as caught:
        connector(fake_vk).fetch({}, NOW)

    assert says in str(caught.value) and not caught.value.retryable and len(fake_vk.calls("wall.get")) == 1


def test_a_community_key_in_service_token_env_says_which_key_wall_get_needs(fake_vk):
    seed(fake_vk)

    with pytest.raises(PermanentError) as caught:
        connector(fake_vk, service=COMMUNITY_KEY).fetch({}, NOW)

    assert str(caught.value).startswith("wall.get needs the app's service key in service_token_env; a community key was given "
                                        "(in the environment variable VK_SERVICE_TOKEN, error 27")


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [(502, "<html><body>502 Bad Gateway</body></html>", "text/html"), (500, None, "application/json"),
     (200, "<html>captive portal</html>", "text/html"), (200, {"neither": "response nor error"}, "application/json"),
     (200, {"error": {"error_code": 10, "error_msg": "Internal server error"}}, "application/json"),
     (200, {"error": {"error_code": 1, "error_msg": "Unknown error occurred"}}, "application/json")],
    ids=["502-html", "500-empty", "200-html", "200-neither", "error-10", "error-1"],
)
def test_transient_failures_are_retried_with_backoff_then_a_transient_error(fake_vk, status, body, content_type):
    seed(fake_vk)
    fake_time = FakeTime()
    fake_vk.fail_next("wall.get", status, times=2, body=body, content_type=content_type)
    assert set(by_id(connector(fake_vk, fake_time, retry_backoff=1.0).fetch({}, NOW))) == SEEDED
    assert fake_time.sleeps == [1.0, 2.0] and len(fake_vk.calls("wall.get")) == 3
    fake_vk.fail_next("wall.get", status, times=9, body=body, content_type=content_type)

    with pytest.raises(TransientError) as caught:
        connector(fake_vk, max_retries=2, retry_backoff=0.0).fetch({}, NOW)

    assert "VK reading the wall of community 3003 failed after 3 attempt(s)" in str(caught.value)


def test_an_unknown_community_says_to_check_group_id(fake_vk):
    api = client(fake_vk)

    with pytest.raises(PermanentError) as caught:
        VkConnector(api, "9999", recheck=timedelta(days=7), history=timedelta(days=7)).fetch({}, NOW)

    assert "(error 100: Invalid group id): check group_id" in str(caught.value)


def test_a_deactivated_community_is_a_permanent_error(fake_vk):
    fake_vk.serve("group", GROUP, {"deactivated": "banned"})

    with pytest.raises(PermanentError) as caught:
        connector(fake_vk).fetch({}, NOW)

    assert "VK community 3003 is banned: check group_id" in str(caught.value)


# --------------------------------------------------------------------------- malformed payloads


@pytest.mark.parametrize(
    ("what", "object_id", "fields", "missing", "says"),
    [
        ("post", (GROUP, 5002), {"date": "2026-11-19T12:00:00Z"}, {POST_2},
         "skipped a malformed post (id 5002): date: Input should be a unix time as a whole number (got '2026-11-19T12:00:00Z')"),
        ("post", (GROUP, 5002), {"id": "5002"}, {POST_2}, "skipped a malformed post (id 5002): id: Input should be a valid integer"),
        ("comment", (GROUP, 7003), {"from_id": "2002"}, {f"{POST_1}_7003"},
         f"skipped a malformed comment on post {POST_1} (id 7003): from_id: Input should be a valid integer (got '2002')"),
        ("comment", (GROUP, 7003), {"text": None}, {f"{POST_1}_7003"},
         f"skipped a malformed comment on post {POST_1} (id 7003): text: Input should be a valid string"),
        ("comment", (GROUP, 7004), {"date": -5}, {f"{POST_2}_7004"},
         f"skipped a malformed comment on post {POST_2} (id 7004): date: Input should be a unix time after 1970 (got -5)"),
        ("message", (GROUP, 2001, 1), {"from_id": ABSENT}, {"msg-3003_2001_1"},
         "skipped a malformed message in conversation 2001 (id 101): from_id: Field required"),
    ],
    ids=["post-iso-date", "post-id-str", "comment-from-str", "comment-text-null", "comment-negative-date", "message-no-from"],
)
def test_a_malformed_item_is_skipped_with_a_notice_and_the_rest_is_read(fake_vk, what, object_id, fields, missing, says):
    seed(fake_vk)
    fake_vk.serve(what, object_id, fields)

    batch = connector(fake_vk).fetch({}, NOW)

    lost = {f"{POST_2}_7004"} if POST_2 in missing else set()  # a skipped post's comments are not read
    assert set(by_id(batch)) == SEEDED - missing - lost
    assert batch.notices == [says] or (len(batch.notices) == 1 and batch.notices[0].startswith(says))


@pytest.mark.parametrize("value", ["lots", -5, True, 4210.0])
def test_a_wrong_typed_members_count_is_dropped_never_stored(fake_vk, value):
    seed(fake_vk)
    fake_vk.serve("group", GROUP, {"members_count": value})

    batch = connector(fake_vk).fetch({}, NOW)

    assert batch.snapshot.followers is None and "members_count" not in batch.snapshot.raw
    assert len(batch.notices) == 1 and batch.notices[0].startswith("profile of community 3003: members_count: ")
    assert set(by_id(batch)) == SEEDED


def test_more_than_ten_malformed_comments_are_summed_up_in_one_notice(fake_vk):
    fake_vk.add_post(GROUP, 5001, "Розыгрыш!", at(9))
    for n in range(25):
        fake_vk.add_comment(GROUP, 5001, 8000 + n, 2001, f"я {n}", at(10, n))
        fake_vk.serve("comment", (GROUP, 8000 + n), {"date": "вчера"})

    batch = connector(fake_vk).fetch({}, NOW)

    assert [i.external_id for i in batch.items] == [f"{OWN}_5001"]
    assert batch.notices == [f"skipped 25 malformed comments on post {OWN}_5001 (ids 8024, 8023, 8022 and 22 more): 25 × date: "
                             "Input should be a unix time as a whole number (got 'вчера')"]


def test_an_unreadable_page_is_a_notice_not_data(fake_vk):
    seed(fake_vk)
    fake_vk.fail_next("wall.get", 200, body={"response": {"count": 3, "items": "none"}})

    batch = connector(fake_vk).fetch({}, NOW)

    assert [i.kind for i in batch.items if i.kind != "message"] == []
    assert batch.notices == ["a page of posts partly unreadable (items: Input should be a valid list (got 'none'); its items are not "
                             "read); the rest is used"]


# --------------------------------------------------------------------------- secrets stay out of logs and errors; routing


def test_the_keys_never_reach_a_log_line_or_an_error_at_debug(fake_vk, caplog):
    service, community = f"vk1.a.{uuid.uuid4().hex}", f"vk1.a.{uuid.uuid4().hex}"  # not registered as secrets anywhere
    fake_vk.service_token, fake_vk.community_token, fake_vk.echo_token_in_errors = service, community, True
    caplog.set_level(logging.DEBUG)
    seed(fake_vk)
    fake_vk.fail_next("wall.get", 502, body="<html>502</html>", content_type="text/html")
    fake_vk.api_error("messages.getConversations", 5)
    errors: list[Exception] = []
    with pytest.raises(AuthError) as caught:
        connector(fake_vk, service=service, community=community, retry_backoff=0.0).fetch({}, NOW)
    errors.append(caught.value)
    fake_vk.api_error("wall.get", 100)
    with pytest.raises(PermanentError) as caught:
        connector(fake_vk, service=service, community=community).fetch({}, NOW)
    errors.append(caught.value)
    with pytest.raises(TransientError) as caught:
        connector(fake_vk, service=service, base_url=f"http://127.0.0.1:{free_port()}", max_retries=1).fetch({}, NOW)
    errors.append(caught.value)

    assert "POST /method/wall.get" in caplog.text  # urllib3 did log the requests
    assert "Connection refused" in str(errors[2]) or "Max retries" in str(errors[2])
    for token in (service, community):
        assert token not in caplog.text and all(token not in r.getMessage() for r in caplog.records)
        assert all(token not in str(e) and token not in repr(e.args) for e in errors)
        assert all(e.__cause__ is None and e.__suppress_context__ for e in errors[:2])


@pytest.mark.parametrize("official", ["https://api.vk.ru", "https://api.vk.com"])
def test_requests_for_both_vk_hosts_go_to_api_base_url(fake_vk, official):
    api = client(fake_vk, timeout=5.0)

    answer = api.session.post(f"{official}/method/groups.getById",
                              {"group_id": GROUP, "v": "5.199", "access_token": SERVICE_KEY}).json()

    by_get = api.session.get(f"{official}/method/groups.getById", params={"group_ids": GROUP, "v": "5.131",
                                                                          "access_token": SERVICE_KEY}).json()

    adapter = api.session.get_adapter(f"{official}/method/wall.get")
    assert isinstance(adapter, RoutingAdapter) and adapter.base_url == fake_vk.base_url and adapter.timeout == 5.0
    assert answer["response"]["groups"][0]["id"] == GROUP and by_get["response"][0]["id"] == GROUP
    assert [(r["method"], r["http"]) for r in fake_vk.requests] == [("groups.getById", "POST"), ("groups.getById", "GET")]


def test_vk_api_is_built_without_its_own_handlers_pacing_or_config_file(fake_vk, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    api = client(fake_vk)

    connector(fake_vk).fetch({}, NOW)

    assert all(v.error_handlers == {} and v.RPS_DELAY == 0 for v in api.apis.values())
    assert list(tmp_path.iterdir()) == []  # no vk_config.v2.json read or written


def test_requests_are_paced_with_the_injected_sleep(fake_vk):
    fake_time = FakeTime()
    ticks = iter([0.0, 0.0, 0.1, 0.1, 0.5, 0.5, 0.9, 0.9] + [10.0] * 20)
    api = VkClient({"service_token": SERVICE_KEY}, SOURCES, api_base_url=fake_vk.base_url, min_interval=1 / 3,
                   sleep=fake_time.sleep, monotonic=lambda: next(ticks))

    for _ in range(3):
        api.call("service_token", "groups.getById", "reading", group_id=GROUP)

    assert [round(s, 2) for s in fake_time.sleeps] == [0.23]


# --------------------------------------------------------------------------- settings and target


@pytest.mark.parametrize(("value", "expected"), [("3003", "3003"), ("club3003", "3003"), ("public3003", "3003"),
                                                 (3003, "3003"), ("-3003", "3003"), (" Club3003 ", "3003")])
def test_group_id_is_the_communitys_number_in_the_forms_people_copy(value, expected):
    assert VkTarget(group_id=value).group_id == expected


@pytest.mark.parametrize("value", ["severnyveter", "", "club", "0", True, "3003.5"])
def test_a_group_id_that_is_not_a_number_is_refused_with_a_clear_error(value):
    with pytest.raises(ValueError) as caught:
        VkTarget(group_id=value)

    assert "is not a community id: write its number" in str(caught.value) and "vk.com/club3003" in str(caught.value)


@pytest.mark.parametrize(("version", "ok"), [("5.199", True), ("5.131", True), ("v5.199", False), ("6.0", False), ("5", False)])
def test_api_version_is_a_5_x_version(version, ok):
    if ok:
        assert VkSettings(api_version=version).api_version == version
    else:
        with pytest.raises(ValueError):
            VkSettings(api_version=version)


def test_defaults_match_the_design():
    settings = VkSettings()

    assert (settings.api_base_url, settings.api_version, settings.page_size) == ("https://api.vk.ru", "5.199", 100)


def test_a_connector_error_never_carries_the_request_values(fake_vk):
    fake_vk.api_error("groups.getById", 113, message="Invalid user id")

    with pytest.raises(ConnectorError) as caught:
        connector(fake_vk).fetch({}, NOW)

    assert str(caught.value) == "VK error while reading community 3003 (error 113: Invalid user id)"
    assert caught.value.__context__ is None or caught.value.__suppress_context__



# --------------------------------------------------------------------------- watched items (open content findings): deletions


def test_a_watched_post_missing_from_the_wall_is_a_deletion_without_a_request(fake_vk):
    seed(fake_vk)
    first = connector(fake_vk).fetch({}, NOW)
    fake_vk.remove_post(GROUP, 5002)
    fake_vk.clear_requests()

    second = connector(fake_vk).fetch(first.cursors, at(18, 15), watch=[POST_2, f"{POST_2}_7004", POST_1, "msg-3003_2001_1"])

    assert second.deletions == [POST_2, f"{POST_2}_7004"] and methods(fake_vk) == QUIET


def test_a_watched_reply_is_judged_by_a_whole_read_of_its_post_at_most_once_per_interval(fake_vk):
    seed(fake_vk)
    first = connector(fake_vk).fetch({}, NOW)
    fake_vk.remove_comment(GROUP, 7002)
    fake_vk.add_comment(GROUP, 5001, 7010, 2003, "И мне ответьте", at(18, 5))  # the count stays 3: not re-read for itself
    fake_vk.clear_requests()

    second = connector(fake_vk).fetch(first.cursors, at(18, 15), watch=[f"{POST_1}_7002", f"{POST_1}_7001"])
    fake_vk.clear_requests()
    third = connector(fake_vk).fetch(stored(first, second), at(18, 30), watch=[f"{POST_1}_7001"])

    assert second.deletions == [f"{POST_1}_7002"] and f"{POST_1}_7010" in by_id(second)
    assert second.cursors["watch_checked_at"] == at(18, 15).isoformat()
    assert third.deletions == [] and methods(fake_vk) == QUIET  # not due again for 6 hours


def test_a_watched_old_post_is_looked_up_by_id_edited_or_gone(fake_vk):
    seed(fake_vk)
    fake_vk.add_post(GROUP, 3001, "Звоните менеджеру Даше: +7 916 123-45-67", at(9, day=1))
    fake_vk.add_post(GROUP, 2001, "Пишите Даше на dasha@gmail.com", at(9, day=25) - timedelta(days=31))
    first = connector(fake_vk).fetch({}, NOW, watch=[f"{OWN}_3001"])
    fake_vk.add_post(GROUP, 3001, "Звоните нам: +7 800 555-35-35", at(9, day=1))  # edited
    fake_vk.add_post(GROUP, 2001, "Пишите нам", at(9, day=25) - timedelta(days=31))  # edited
    fake_vk.remove_post(GROUP, 4001)
    fake_vk.clear_requests()

    second = connector(fake_vk).fetch(stored(first), at(18, 15), watch=[f"{OWN}_3001", f"{OWN}_2001", OLD_POST])

    items = by_id(second)
    assert second.deletions == [OLD_POST]  # newer than the last post listed: gone, no request
    assert items[f"{OWN}_3001"].text == "Звоните нам: +7 800 555-35-35"  # where the listing stopped: read as it is now
    assert items[f"{OWN}_2001"].text == "Пишите нам"  # further back: looked up
    [lookup] = fake_vk.calls("wall.getById")
    assert lookup["params"]["posts"] == "-3003_2001" and lookup["token"] == "service"


def test_a_failed_check_of_watched_items_is_a_notice_and_the_sweep_goes_on(fake_vk):
    seed(fake_vk)
    first = connector(fake_vk).fetch({}, NOW)
    fake_vk.api_error("wall.getById", 29)

    fake_vk.add_post(GROUP, 2001, "Старый пост", at(9, day=1) - timedelta(days=31))

    second = connector(fake_vk, max_rate_limit_wait=0.0).fetch(first.cursors, at(18, 15), watch=[f"{OWN}_2001"])

    assert second.deletions == [] and "watch_checked_at" not in second.cursors
    assert second.notices[0].startswith("watched items not checked for deletion (VK rate limit (error 29: Rate limit reached)")
    assert second.defer_until == at(18, 15) + timedelta(hours=1) and POST_1 in by_id(second)
