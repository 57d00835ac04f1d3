"""Mistake 1, posting without a plan: long silences, erratic cadence, too few or too many posts for the plan."""

from __future__ import annotations

import math
import statistics
from datetime import timedelta
from typing import Any

from monitor.detectors import Detected, rule
from monitor.detectors.context import Context
from monitor.text.ages import human_age
from monitor.text.plural import posts_ru

WEEK = timedelta(days=7)
EVIDENCE_LIMIT = 10


def burstiness(gaps: list[float]) -> float:
    """Goh & Barabási's B = (σ − μ)/(σ + μ) of the gaps, with Kim & Jo's (2016) correction for short series."""
    # Uncorrected, n gaps cannot exceed B = (√(n−1) − 1)/(√(n−1) + 1): six posts could never pass 0.5,
    # however bursty. Corrected, a regular series scores −1, a random one 0 and the burstiest possible 1, whatever n.
    n = len(gaps)
    if n < 2:
        return 0.0
    mean = statistics.fmean(gaps)
    if mean == 0:
        return 1.0  # every post in the same second
    r = statistics.pstdev(gaps) / mean
    a, b = math.sqrt(n + 1), math.sqrt(n - 1)
    return max(-1.0, min(1.0, (a * r - b) / ((a - 2) * r + b)))


@rule(
    "planning",
    "posting_gap",
    window=lambda r: r.planning.max_gap or WEEK,
    reads=("post",),
    expires=False,
    why={
        "en": "An account that goes quiet looks abandoned: followers forget it, the algorithm stops showing it, and a customer checking the page wonders if the business still exists.",
        "ru": "Замолчавший аккаунт выглядит заброшенным: подписчики о нём забывают, алгоритм перестаёт его показывать, а клиент, зашедший на страницу, сомневается, работает ли компания.",
    },
    todo={
        "en": "Publish something today, and keep a content plan with a few posts scheduled ahead so that one busy week does not silence the account.",
        "ru": "Опубликуйте что-нибудь сегодня и ведите контент-план с несколькими постами в отложенных, чтобы одна загруженная неделя не оставляла аккаунт без публикаций.",
    },
)
def posting_gap(ctx: Context) -> list[Detected]:
    """No own post for longer than max_gap (by default the platform's own: X 3 days, Facebook 7 days).

    The first sweep also reports the longest past silence of the audit window, once.
    """
    settings = ctx.rules.planning
    if not ctx.account.external_id:
        return []
    max_gap = settings.max_gap or ctx.platform.max_gap
    last = ctx.last_post_before(ctx.now)
    if last is None:
        return []  # never posted as far as the store knows: maybe just not synced yet
    found = []
    if ctx.first:
        found += _past_gap(ctx, max_gap, last)
    gap = ctx.now - last.created_at
    if gap > max_gap:
        found.append(_gap(ctx, last, gap, max_gap, ongoing=True))
    return found


def _past_gap(ctx: Context, max_gap: timedelta, last: Any) -> list[Detected]:
    """The longest silence between two posts of the audit window, when longer than max_gap."""
    posts = ctx.own_posts(ctx.since(ctx.rules.audit_window))
    gaps = [(later.created_at - earlier.created_at, earlier, later) for earlier, later in zip(posts, posts[1:])]
    if not gaps:
        return []
    gap, before, after = max(gaps, key=lambda g: g[0])
    if gap <= max_gap:
        return []
    return [_gap(ctx, before, gap, max_gap, ongoing=False, ended=after)]


def _gap(ctx: Context, last: Any, gap: timedelta, max_gap: timedelta, *, ongoing: bool, ended: Any = None) -> Detected:
    """A silence after `last`: the one going on now, or (`ended`) a past one the first audit found."""
    platform = ctx.platform.title
    name = ctx.account.name
    if ongoing:
        summary = {
            "en": f"{name} has published nothing for {human_age(gap, 'en')}; on {platform} the limit is {human_age(max_gap, 'en')}",
            "ru": f"{name} ничего не публикует уже {human_age(gap, 'ru')}; для {platform} допустимо не больше {human_age(max_gap, 'ru')}",
        }
    else:
        summary = {
            "en": f"{name} published nothing for {human_age(gap, 'en')} from {last.created_at:%Y-%m-%d} to "
            f"{ended.created_at:%Y-%m-%d}; on {platform} the limit is {human_age(max_gap, 'en')}",
            "ru": f"Аккаунт {name} ничего не публиковал {human_age(gap, 'ru')} с {last.created_at:%d.%m.%Y} по "
            f"{ended.created_at:%d.%m.%Y}; для {platform} допустимо не больше {human_age(max_gap, 'ru')}",
        }
    shown = [last] if ongoing else [last, ended]
    return Detected(
        key=last.external_id,
        severity="critical" if ongoing and gap >= 2 * max_gap else "warning",
        summary=summary,
        item_ids=[p.external_id for p in shown],
        evidence=[ctx.evidence(p) for p in shown],
        details={"gap_seconds": int(gap.total_seconds()), "max_gap_seconds": int(max_gap.total_seconds()),
                 **({} if ongoing else {"audit": True})},
    )


@rule(
    "planning",
    "irregular_cadence",
    window=lambda r: r.planning.cadence_window,
    reads=("post",),
    expires=False,
    why={
        "en": "Bursts of posts after long silences are the signature of posting without a plan: the silence loses the audience, the burst floods it, and neither builds a habit of reading the brand.",
        "ru": "Рывки публикаций после долгого молчания — верный признак работы без плана: в паузу аудитория уходит, рывок заваливает её постами, и ни то ни другое не приучает читать бренд.",
    },
    todo={
        "en": "Agree a steady rhythm (for example one post every weekday), keep a backlog of ready posts and schedule them instead of publishing everything at once.",
        "ru": "Договоритесь о ровном ритме (например, пост каждый будний день), держите запас готовых постов и ставьте их в отложенные, а не публикуйте всё разом.",
    },
)
def irregular_cadence(ctx: Context) -> list[Detected]:
    """Bursty gaps between own posts over cadence_window: burstiness above max_burstiness with min_posts posts."""
    settings = ctx.rules.planning
    if not ctx.account.external_id:
        return []
    start = ctx.now - settings.cadence_window
    posts = ctx.own_posts(start)
    if len(posts) < settings.min_posts:
        return []
    count = len(posts)
    points = [p.created_at for p in posts]
    before = ctx.last_post_before(start)
    if before is not None and before.created_at < posts[0].created_at:
        # The silence leading into the window counts, cut at the window's start: a burst after a
        # month of nothing is the classic case, but a silence long gone should not count forever.
        posts = [before, *posts]
        points.insert(0, max(before.created_at, start))
    gaps = [later - earlier for earlier, later in zip(points, points[1:])]
    score = burstiness([g.total_seconds() for g in gaps])
    if score <= settings.max_burstiness:
        return []
    longest = max(range(len(gaps)), key=lambda i: gaps[i])
    shown = posts[longest : longest + 6]  # the post before the longest silence, then what came after it
    name = ctx.account.name
    shortest = min(gaps)
    window = settings.cadence_window
    return [
        Detected(
            key="cadence",
            severity="warning",
            summary={
                "en": f"{name} posts in bursts and silences: {count} posts in the last {human_age(window, 'en')}, "
                f"gaps from {human_age(shortest, 'en')} to {human_age(gaps[longest], 'en')} "
                f"(burstiness {score:.2f}, the limit is {settings.max_burstiness:.2f})",
                "ru": f"{name} публикует рывками: {count} {posts_ru(count)} за последние {human_age(window, 'ru')}, "
                f"перерывы от {human_age(shortest, 'ru')} до {human_age(gaps[longest], 'ru')} "
                f"(неравномерность {score:.2f}, порог {settings.max_burstiness:.2f})",
            },
            item_ids=[p.external_id for p in shown],
            evidence=[ctx.evidence(p) for p in shown],
            details={
                "burstiness": round(score, 3),
                "posts": count,
                "longest_gap_seconds": int(gaps[longest].total_seconds()),
                "shortest_gap_seconds": int(shortest.total_seconds()),
            },
        )
    ]


@rule(
    "planning",
    "posting_plan",
    window=lambda r: WEEK,
    reads=("post",),
    expires=False,
    why={
        "en": "The content plan is the promise to the audience and to the business; falling short starves the account, overshooting floods followers and burns content meant for later.",
        "ru": "Контент-план — обещание аудитории и бизнесу: недобор оставляет аккаунт без публикаций, перебор заваливает подписчиков и сжигает материалы, запланированные на потом.",
    },
    todo={
        "en": "Compare this week with the plan: schedule the missing posts, or move the extra ones to next week.",
        "ru": "Сверьте неделю с планом: поставьте недостающие посты в отложенные или перенесите лишние на следующую неделю.",
    },
)
def posting_plan(ctx: Context) -> list[Detected]:
    """Own posts in the last 7 days outside posts_per_week ± plan_tolerance (only when posts_per_week is set)."""
    settings = ctx.rules.planning
    plan = settings.posts_per_week
    if plan is None or not ctx.account.external_id:
        return []
    posts = ctx.own_posts(ctx.now - WEEK)
    # Rounded so that 0.7 × 10 is 7, not 7.000000000000001.
    low, high = round((1 - settings.plan_tolerance) * plan, 9), round((1 + settings.plan_tolerance) * plan, 9)
    count = len(posts)
    if low <= count <= high:
        return []
    if count < low:
        last = posts[-1:] or [p for p in [ctx.last_post_before(ctx.now)] if p is not None]
        if not last:
            return []  # never posted as far as the store knows: maybe just not synced yet
        key, bound = "under", math.ceil(low)
        limit = {"en": f"at least {bound}", "ru": f"не меньше {bound}"}
    else:
        key, bound = "over", math.floor(high)
        limit = {"en": f"at most {bound}", "ru": f"не больше {bound}"}
    shown = posts[-EVIDENCE_LIMIT:] if posts else last
    tolerance = f"{settings.plan_tolerance:.0%}"
    plan_text = f"{plan:g}"
    name = ctx.account.name
    return [
        Detected(
            key=key,
            severity="warning",
            summary={
                "en": f"{name} published {count} post{'s' if count != 1 else ''} in the last 7 days; "
                f"the plan is {plan_text} a week ({limit['en']} with the {tolerance} tolerance)",
                "ru": f"Аккаунт {name} опубликовал {count} {posts_ru(count)} за последние 7 дней; "
                f"по плану {plan_text} в неделю ({limit['ru']} с учётом допуска {tolerance})",
            },
            item_ids=[p.external_id for p in shown],
            evidence=[ctx.evidence(p) for p in shown],
            details={"posts": count, "plan": plan, "low": low, "high": high},
        )
    ]
