"""Mistake 4, spamming: the same update again and again, floods of posts, messages after "stop"."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from monitor.detectors import Detected, TextHit, excerpt, rule
from monitor.detectors.context import Context
from monitor.store.models import Item
from monitor.text.ages import human_age
from monitor.text.normalize import normalize_post
from monitor.text.opt_out import is_opt_out
from monitor.text.plural import posts_ru, ru_plural

FLOOD_EVIDENCE = 10


def find_repeats(posts: list[Any], window_seconds: float, similarity: float, min_length: int,
                 wanted: Callable[[Any], bool] | None = None,
                 normalized: Callable[[Any], str] | None = None) -> list[tuple[Any, Any, float]]:
    """(original, repeat, score) for every post (of those `wanted`) that repeats an earlier one within the window.

    posts must be oldest first. Each post is compared with the earlier posts still inside the
    window through a lossless q-gram index (monitor/text/near_duplicates.py): the same answer
    as rapidfuzz's exact scan, the earliest post winning ties, exact repeats by dictionary.
    """
    from monitor.text.near_duplicates import NearDuplicateIndex  # numpy: only when something is compared

    normalize = normalized or (lambda post: normalize_post(post.text))
    index = NearDuplicateIndex(similarity, min_length)
    inside: deque[tuple[int, Any]] = deque()  # the earlier posts still inside the window, oldest first
    repeats = []
    for slot, post in enumerate(posts):
        while inside and (post.created_at - inside[0][1].created_at).total_seconds() > window_seconds:
            index.remove(inside.popleft()[0])
        norm = normalize(post)
        if wanted is None or wanted(post):
            match = index.best(norm)
            if match is not None:
                repeats.append((posts[match[0]], post, match[1]))
        index.add(slot, norm)
        inside.append((slot, post))
    return repeats


def _normalized(ctx: Context, post: Any) -> str:
    """A stored post's normalised text, made once and kept with its analysis."""
    return ctx.analysed(post, "normalized", lambda: normalize_post(post.text))


@dataclass
class _Draft:
    """A draft shaped like a stored post for find_repeats."""

    text: str
    created_at: datetime
    external_id: str = "draft"


def _draft_repeats(ctx: Context, text: str) -> list[tuple[TextHit, list[dict[str, Any]]]]:
    """Whether the draft, posted now, would repeat a post within the window."""
    settings = ctx.rules.spam
    draft = _Draft(text, ctx.now)
    found = []
    recent = ctx.own_posts(ctx.now - settings.window)

    def normalized(post: Any) -> str:
        return normalize_post(text) if post is draft else _normalized(ctx, post)

    for original, _, score in find_repeats([*recent, draft], settings.window.total_seconds(), settings.similarity,
                                           settings.min_length, lambda post: post is draft, normalized):
        hit = TextHit(
            severity="warning",
            fragments=[],
            summary={
                "en": f"the draft repeats a post from {original.created_at:%Y-%m-%d} ({score:.0%} similar)",
                "ru": f"черновик повторяет публикацию от {original.created_at:%Y-%m-%d} (сходство {score:.0%})",
            },
        )
        found.append((hit, [{"item_id": original.external_id, "url": original.url, "excerpt": excerpt(original.text)}]))
    return found


@rule(
    "spam",
    "repeated_update",
    window=lambda r: max(r.audit_window, r.spam.window),
    reach=lambda r: max(r.audit_window, r.spam.window) + r.spam.window,
    reads=("post",),
    draft=_draft_repeats,
    expires=False,
    content=True,
    steady=lambda r: r.spam.window,
    why={
        "en": "Followers see the same update twice and tune out; platforms also rank repeated content lower and may flag it as spam.",
        "ru": "Подписчики видят одно и то же дважды и перестают читать; площадки понижают повторы в ленте и могут счесть их спамом.",
    },
    todo={
        "en": "Delete or rewrite the repeat; if the news matters again, give it a new angle, a new image or new facts.",
        "ru": "Удалите или перепишите повтор; если новость снова важна, подайте её иначе: новый угол, картинка или факты.",
    },
)
def repeated_update(ctx: Context) -> list[Detected]:
    """Own posts (not replies) that repeat an earlier own post within the window."""
    settings = ctx.rules.spam
    if not ctx.own_id:
        return []
    since = ctx.now - max(ctx.rules.audit_window, settings.window)  # repeats are content: they stand while public
    window = settings.window.total_seconds()
    if ctx.incremental:
        # Only a new post can be a new repeat, or make a later post one: compare around the new ones only.
        fresh = [p for p in ctx.fresh_items(since, ("post",)) if not p.is_share]
        first = min((p.created_at for p in fresh), default=ctx.now)
        posts = ctx.own_posts(first - settings.window)
        last = max((p.created_at for p in fresh), default=ctx.now) + settings.window
        recent = [p for p in posts if p.created_at >= max(since, first) and p.created_at <= last] if fresh else []
    else:
        posts = ctx.own_posts(since - settings.window)
        recent = [p for p in posts if p.created_at >= since]
    found = []
    for original, repeat, score in _repeats(ctx, posts, window, recent):
        exact = score >= 1.0
        days = max((repeat.created_at - original.created_at).days, 0)
        found.append(
            Detected(
                key=repeat.external_id,
                severity="warning",
                summary={
                    "en": f"{ctx.account.name} posted the same update again after {days} day{'s' if days != 1 else ''}"
                    + ("" if exact else f" (near-duplicate, {score:.0%} similar)"),
                    "ru": f"Аккаунт {ctx.account.name} повторил ту же публикацию через {days} {ru_plural(days, 'день', 'дня', 'дней')}"
                    + ("" if exact else f" (почти дубликат, сходство {score:.0%})"),
                },
                item_ids=[original.external_id, repeat.external_id],
                evidence=[ctx.evidence(original), ctx.evidence(repeat)],
                details={"similarity": round(score, 3), "exact": exact},
            )
        )
    return found


def _repeats(ctx: Context, posts: list[Any], window: float, recent: list[Any]) -> list[tuple[Any, Any, float]]:
    """The repeats among the `recent` posts, and older ones still open: each post's answer is stored with its analysis.

    A post is compared again only when it has no stored answer, its original is gone, or a post
    new to the store lies within the window before it (an import of older history can add one).
    """
    settings = ctx.rules.spam
    by_id = {p.external_id: p for p in posts}
    unseen = [p for p in posts if ctx.stored_analysis(p, "normalized") is None]  # new to the store since the last sweep
    fresh = [p.created_at for p in unseen]
    stale = set()
    for post in recent:
        answer = ctx.stored_analysis(post, "repeat_of")
        affected = any(0 <= (post.created_at - t).total_seconds() <= window for t in fresh)
        if answer is None or affected or (answer and answer[0] not in by_id):
            stale.add(post.external_id)
    if stale:
        # Only posts within the window before the earliest post to compare can be its original.
        first = min(p.created_at for p in recent if p.external_id in stale)
        candidates = [p for p in posts if (first - p.created_at).total_seconds() <= window]
        found = {repeat.external_id: [original.external_id, score] for original, repeat, score in find_repeats(
            candidates, window, settings.similarity, settings.min_length, lambda p: p.external_id in stale,
            lambda p: _normalized(ctx, p))}
        for post in recent:
            if post.external_id in stale:
                answer = found.get(post.external_id, [])
                ctx.analysed(post, "repeat_of", lambda answer=answer: answer, again=True)
    for post in unseen:  # seen now: an older post stays unseen only until the sweep after it arrives
        _normalized(ctx, post)
    standing = ctx.standing("spam", "repeated_update")  # repeats still open and their originals, while public
    by_id.update((p.external_id, p) for p in standing)
    repeats = []
    for post in {p.external_id: p for p in [*standing, *recent]}.values():
        answer = ctx.stored_analysis(post, "repeat_of")
        if answer and answer[0] in by_id:
            repeats.append((by_id[answer[0]], post, answer[1]))
    return repeats


def find_floods(posts: list[Item], window: timedelta, max_posts: int) -> list[list[Item]]:
    """Runs of posts (oldest first) where some span of `window` holds more than max_posts of them."""
    floods: list[list[Item]] = []
    current: list[Item] = []
    covered_until, end = -1, 0
    for start, post in enumerate(posts):
        end = max(end, start)
        while end + 1 < len(posts) and posts[end + 1].created_at - post.created_at <= window:
            end += 1
        if end - start + 1 > max_posts:
            covered_until = max(covered_until, end)
        # A flood ends at a post outside every over-full window, or at a pause longer than the window.
        if current and (start > covered_until or post.created_at - current[-1].created_at > window):
            floods.append(current)
            current = []
        if start <= covered_until:
            current.append(post)
    if current:
        floods.append(current)
    return floods


@rule(
    "spam",
    "flooding",
    window=lambda r: r.spam.flood_lookback,
    reach=lambda r: 2 * r.spam.flood_lookback + r.spam.flood_window,
    reads=("post",),
    why={
        "en": "A pile of posts within an hour floods followers' feeds; people mute or unfollow accounts that do it, and the algorithm shows each post to fewer of them.",
        "ru": "Пачка постов за час забивает ленту подписчиков; такие аккаунты отключают и отписываются от них, а алгоритм показывает каждый пост меньшему числу людей.",
    },
    todo={
        "en": "Spread the posts out with a scheduler (a few hours apart), or merge them into one post or a thread.",
        "ru": "Разнесите публикации по времени через отложенный постинг (с интервалом в несколько часов) или объедините их в один пост или тред.",
    },
)
def flooding(ctx: Context) -> list[Detected]:
    """More than flood_max_posts own posts within any flood_window, the flood's last post within flood_lookback."""
    settings = ctx.rules.spam
    own_id = ctx.account.external_id
    if not own_id:
        return []
    # Shares count too: a burst of retweets floods the feed just the same. Twice the lookback is
    # loaded so that a flood keeps its first post (its key) while it ages out of the lookback.
    since = ctx.since(2 * settings.flood_lookback) - settings.flood_window
    posts = ctx.own_posts(since, shares=True)
    zone = ZoneInfo(ctx.settings.timezone)
    found = []
    for flood in find_floods(posts, settings.flood_window, settings.flood_max_posts):
        if flood[-1].created_at < ctx.since(settings.flood_lookback):
            continue
        first, count = flood[0], len(flood)
        span = flood[-1].created_at - first.created_at
        local = first.created_at.astimezone(zone)
        shown = flood[:FLOOD_EVIDENCE]
        window_en, window_ru = human_age(settings.flood_window, "en"), human_age(settings.flood_window, "ru")
        found.append(
            Detected(
                key=first.external_id,
                severity="warning",
                summary={
                    "en": f"{ctx.account.name} published {count} posts in {human_age(span, 'en')} "
                    f"(from {local:%d %b %H:%M}, {ctx.settings.timezone}); the limit is {settings.flood_max_posts} per {window_en}",
                    "ru": f"Аккаунт {ctx.account.name} опубликовал {count} {posts_ru(count)} за {human_age(span, 'ru')} "
                    f"(с {local:%d.%m %H:%M}, {ctx.settings.timezone}); допустимо не больше {settings.flood_max_posts} за {window_ru}",
                },
                item_ids=[p.external_id for p in shown],
                evidence=[ctx.evidence(p) for p in shown],
                details={"posts": count, "span_seconds": int(span.total_seconds()), "max_posts": settings.flood_max_posts,
                         **({"audit": True} if ctx.audited(flood[-1].created_at, settings.flood_lookback) else {})},
            )
        )
    return found


@rule(
    "spam",
    "message_after_opt_out",
    window=lambda r: r.spam.window,
    reads=("message",),
    why={
        "en": "Writing again to someone who asked you to stop is spam by any definition: it gets the account reported and blocked, and in many countries it breaks the law.",
        "ru": "Писать человеку, который попросил больше не писать, — спам по любому определению: на страницу жалуются и блокируют её, а во многих странах это ещё и нарушение закона.",
    },
    todo={
        "en": "Stop messaging this person, take them off every broadcast and automation list, and apologise only if they write to you again.",
        "ru": "Больше не пишите этому человеку, уберите его из всех рассылок и автоматических цепочек; извинитесь, только если он сам напишет снова.",
    },
)
def message_after_opt_out(ctx: Context) -> list[Detected]:
    """An account message in a conversation after the person asked to stop, and before they wrote again."""
    settings = ctx.rules.spam
    own_id = ctx.account.external_id
    if not own_id:
        return []
    # An opt-out does not expire; only the person writing again lifts it. So each conversation's state
    # when the window opens is its last message by the person before then, read by one grouped query.
    report_since = ctx.now - settings.window
    conversations = ctx.conversations(report_since)
    before = ctx.last_from_others(conversations, report_since)
    conversations = {c: ([before[c]] if c in before else []) + messages for c, messages in conversations.items()}
    found = []
    for messages in conversations.values():
        opt_out: Item | None = None
        acknowledged = False
        for message in messages:
            if message.author_id != own_id:
                opt_out = message if is_opt_out(message.text, settings.opt_out_phrases) else None
                acknowledged = False
                continue
            if opt_out is None:
                continue
            after = message.created_at - opt_out.created_at
            if not acknowledged and after < settings.opt_out_grace:
                acknowledged = True  # one "you are unsubscribed" right after the request is good manners
                continue
            if message.created_at < report_since:
                continue
            person = ctx.author(opt_out)
            found.append(
                Detected(
                    key=message.external_id,
                    severity="critical",
                    summary={
                        "en": f"{ctx.account.name} messaged {person} {human_age(after, 'en')} after they asked to stop",
                        "ru": f"Аккаунт {ctx.account.name} написал {person} через {human_age(after, 'ru')} после просьбы больше не писать",
                    },
                    item_ids=[opt_out.external_id, message.external_id],
                    evidence=[ctx.evidence(opt_out), ctx.evidence(message)],
                    details={"conversation_id": message.conversation_id, "after_seconds": int(after.total_seconds())},
                )
            )
    return found
