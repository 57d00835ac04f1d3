"""VK requests per sweep of one community through `monitor once`, against the fake VK API: quiet, and with new comments."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from click.testing import CliRunner  # noqa: E402

from monitor.cli import main  # noqa: E402
from tests.fakes.vk_api import FakeVkApi  # noqa: E402

NOW = datetime(2026, 11, 20, 18, tzinfo=timezone.utc)
GROUP = 3003
SERVICE, COMMUNITY = "bench-vk-service-key-0123456789", "bench-vk-community-key-0123456789"
CONFIG = """
[database]
url = "sqlite:///monitor.db"
[email]
transport = "file"
from = "monitor@brand.example"
to = ["smm@brand.example"]
[email.file]
dir = "outbox"
[connectors.vk]
service_token_env = "VK_SERVICE_TOKEN"
community_token_env = "VK_TOKEN"
api_base_url = "{base}"
retry_backoff = "0s"
requests_per_second = 1000
[[accounts]]
name = "community"
platform = "vk"
group_id = "{group}"
"""


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


class Community:
    """A community on the fake: `posts` recent posts (the last 7 days) with 5 comments each, one thread, conversations."""

    def __init__(self, fake: FakeVkApi, posts: int, conversations: int):
        self.fake, self.posts, self.next_id = fake, posts, 100_000
        fake.add_group(GROUP, "Северный ветер", members=4210)
        for person in range(2001, 2051):
            fake.add_user(person, "Имя", f"Фамилия{person}")
        for n in range(posts):
            post = 5000 + n
            fake.add_post(GROUP, post, f"Пост номер {n} о нашем зимнем бленде", NOW - timedelta(hours=8 * n + 2))
            first = self.comment(post, NOW - timedelta(hours=8 * n + 1))
            for _ in range(4):
                self.comment(post, NOW - timedelta(hours=8 * n), reply_to=first)
        for peer in range(2001, 2001 + conversations):
            fake.add_message(GROUP, peer, peer, "Здравствуйте!", NOW - timedelta(hours=peer - 2000))
            fake.add_message(GROUP, peer, -GROUP, "Добрый день!", NOW - timedelta(hours=peer - 2000, minutes=-10))

    def comment(self, post: int, when: datetime, reply_to: int | None = None) -> int:
        self.next_id += 1
        author = 2001 + self.next_id % 50
        self.fake.add_comment(GROUP, post, self.next_id, author, f"комментарий {self.next_id}", when, reply_to=reply_to)
        return self.next_id

    def add(self, count: int, posts: int, when: datetime) -> None:
        """count new comments over the newest `posts` posts; every fifth a reply in a thread of an earlier comment."""
        threads: dict[int, int] = {}
        for n in range(count):
            post = 5000 + n % posts
            parent = threads.get(post) if n % 5 == 4 else None
            made = self.comment(post, when + timedelta(seconds=n), reply_to=parent)
            threads.setdefault(post, made)


def sweep(folder: Path, fake: FakeVkApi, moment: datetime) -> Counter[str]:
    """One `monitor once` in this process; the VK methods it called."""
    fake.clear_requests()
    result = CliRunner().invoke(main, ["once", "--config", str(folder / "monitor.toml"), "--now", iso(moment)],
                                env={"VK_SERVICE_TOKEN": SERVICE, "VK_TOKEN": COMMUNITY}, catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(result.output)
    return Counter(r["method"] for r in fake.requests)


def scenario(name: str, count: int, on_posts: int, args: argparse.Namespace, *, messages: int = 0,
             later: timedelta = timedelta(minutes=30)) -> tuple[str, Counter[str], Counter[str]]:
    """A fresh community: the first sweep, a quiet one, then `count` new comments on `on_posts` posts and a sweep."""
    with FakeVkApi(SERVICE, COMMUNITY) as fake:
        community = Community(fake, args.posts, args.conversations)
        folder = Path(tempfile.mkdtemp())
        (folder / "monitor.toml").write_text(CONFIG.format(base=fake.base_url, group=GROUP))
        first = sweep(folder, fake, NOW)
        quiet = sweep(folder, fake, NOW + timedelta(minutes=15))
        if count:
            community.add(count, on_posts, NOW + timedelta(minutes=20))
        for peer in range(2001, 2001 + messages):
            fake.add_message(GROUP, peer, peer, "А когда доставка?", NOW + timedelta(minutes=20))
        if count or messages or later != timedelta(minutes=30):
            return name, first, sweep(folder, fake, NOW + later)
        return name, first, quiet


def main_() -> None:
    """Print the figures as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=21, help="recent posts (7 days, 3 a day)")
    parser.add_argument("--conversations", type=int, default=20)
    args = parser.parse_args()
    rows = [
        scenario("quiet", 0, 1, args),
        scenario("1 new comment", 1, 1, args),
        scenario("150 new comments on one post", 150, 1, args),
        scenario(f"150 new comments over {min(15, args.posts)} posts", 150, min(15, args.posts), args),
        scenario("1,000 new comments on one post", 1000, 1, args),
        scenario(f"1,000 new comments over {args.posts} posts", 1000, args.posts, args),
        scenario("quiet, 6 h later (full_recheck: every recent post re-read)", 0, 1, args, later=timedelta(hours=6)),
        scenario("1 new message in each of 3 conversations", 0, 1, args, messages=3),
    ]
    bound = 1 + 1 + args.posts + 1  # profile, one wall.get, every recent post's comments, one conversations call
    print(f"{args.posts} recent posts with 5 comments each (one thread of 4), {args.conversations} conversations\n")
    print("| sweep | VK requests | of them wall.getComments | lower bound of the brief | first sweep |")
    print("|---|---|---|---|---|")
    for name, first, counted in rows:
        print(f"| {name} | {sum(counted.values())} | {counted['wall.getComments']} | {bound} | {sum(first.values())} |")


if __name__ == "__main__":
    main_()
