"""Mistake 2, misleading: absolute claims in posts and follower counts that jump without a reason."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from monitor.detectors import Detected, TextHit, rule, text_rule
from monitor.detectors.claims import find_claims
from monitor.detectors.context import Context
from monitor.settings import RulesSettings
from monitor.text.plural import ru_plural
from monitor.store.models import Snapshot


@text_rule(
    "misleading",
    "absolute_claims",
    window=lambda r: r.misleading.lookback,
    why={
        "en": "Absolute promises (\"100% guaranteed\", \"#1 in the world\", \"cures\") cannot be proven; they invite complaints, "
        "platform penalties and regulator fines, and readers trust the brand less.",
        "ru": "Абсолютные обещания («гарантия 100%», «№1 в мире», «вылечит») нельзя доказать; за них жалуются, их штрафует ФАС "
        "и наказывают площадки, а читатели меньше доверяют бренду.",
    },
    todo={
        "en": "Edit the post: replace the absolute with a fact you can show (a test, an award, a customer quote) or remove it.",
        "ru": "Отредактируйте пост: замените абсолютное утверждение фактом, который можно показать (исследование, награда, отзыв), или уберите его.",
    },
)
def absolute_claims(text: str, rules: RulesSettings) -> list[TextHit]:
    """One hit listing every absolute claim in the text; health claims are critical."""
    claims = find_claims(text, rules.misleading.extra_claims)
    if not claims:
        return []
    quoted = ", ".join(f"“{fragment}”" for _, fragment in claims[:3])
    health = any(kind == "health" for kind, _ in claims)
    return [
        TextHit(
            severity="critical" if health else "warning",
            fragments=[fragment for _, fragment in claims],
            summary={
                "en": ("The post makes a health claim it cannot prove: " if health else "The post makes an absolute claim: ") + quoted,
                "ru": ("В посте обещание лечебного эффекта, которое нельзя доказать: " if health else "В посте абсолютное утверждение: ") + quoted,
            },
            details={"kinds": sorted({kind for kind, _ in claims})},
        )
    ]


# A day counts as "viral" when mentions and comments are well above their usual daily count.
ENGAGEMENT_RATIO = 3
ENGAGEMENT_MIN = 10


def daily_followers(snapshots: list[Snapshot], tz: ZoneInfo) -> list[tuple[date, int]]:
    """The last follower count of each local day, oldest first."""
    last: dict[date, int] = {}
    for snap in sorted(snapshots, key=lambda s: s.taken_at):
        if snap.followers is not None:
            last[snap.taken_at.astimezone(tz).date()] = snap.followers
    return sorted(last.items())


def _num(value: float, language: str) -> str:
    """A whole number with thousands separated as the language writes them."""
    text = f"{value:,.0f}"
    return text.replace(",", "\u00a0") if language == "ru" else text


@dataclass(frozen=True)
class Gain:
    """Followers gained by the end of `day` since the previous day with a count (a gap is spread evenly)."""

    since: date
    day: date
    before: int
    after: int

    @property
    def per_day(self) -> float:
        """Followers gained per day over the span."""
        return (self.after - self.before) / max((self.day - self.since).days, 1)  # a jump within one day is that day's

    def when(self, language: str) -> str:
        """The span as a phrase: on 2026-11-18, or between 2026-11-15 and 2026-11-18 after a gap in the counts."""
        gap = (self.day - self.since).days > 1
        if language == "ru":
            day = self.day.strftime("%d.%m.%Y")
            return f"за {self.since.strftime('%d.%m.%Y')}–{day}" if gap else f"за {day}"
        return f"between {self.since.isoformat()} and {self.day.isoformat()}" if gap else f"on {self.day.isoformat()}"


def daily_gains(days: list[tuple[date, int]]) -> list[Gain]:
    """The gain of every day with a count over the previous day with one."""
    return [Gain(since, day, before, after) for (since, before), (day, after) in zip(days, days[1:])]


def robust_z(value: float, baseline: list[float]) -> float:
    """Modified z-score (Iglewicz–Hoaglin) of value against the baseline's median and MAD."""
    median = statistics.median(baseline)
    mad = statistics.median(abs(b - median) for b in baseline)
    if mad:
        return 0.6745 * (value - median) / mad
    # Perfectly steady baselines have MAD 0: fall back to the mean absolute deviation.
    mean_ad = statistics.fmean(abs(b - median) for b in baseline)
    if mean_ad:
        return (value - median) / (1.253314 * mean_ad)
    return float("inf") if value > median else 0.0


def _engagement_by_day(ctx: Context, since: datetime, tz: ZoneInfo) -> Counter[date]:
    items = ctx.questions(("mention", "comment"), since)
    return Counter(i.created_at.astimezone(tz).date() for i in items)


def _spike_summary(name: str, gain: Gain, usual: float | None, engaged: tuple[int, float] | None) -> dict[str, str]:
    """What the spike was and against what; `usual` None: a jump with no history to compare with."""
    total, gap = gain.after - gain.before, (gain.day - gain.since).days > 1
    en = f"{name} gained {_num(total, 'en')} followers {gain.when('en')}"
    ru = f"Аккаунт {name} получил {_num(total, 'ru')} {ru_plural(total, 'подписчика', 'подписчика', 'подписчиков')} {gain.when('ru')}"
    if usual is None:
        en += f" ({gain.after / max(gain.before, 1):.1f}× between two checks, from {_num(gain.before, 'en')} to {_num(gain.after, 'en')})"
        ru += f" (в {gain.after / max(gain.before, 1):.1f} раза между двумя проверками: с {_num(gain.before, 'ru')} до {_num(gain.after, 'ru')})"
    else:
        en += (f" ({_num(gain.per_day, 'en')} a day)" if gap else "") + f", against a usual {_num(usual, 'en')} a day"
        ru += (f" ({_num(gain.per_day, 'ru')} в день)" if gap else "") + f" при обычных {_num(usual, 'ru')} в день"
    if engaged:
        count, median = engaged
        en += (f"; mentions and comments rose the same day ({count} against a usual {median:g}), "
               "so it may be a viral post rather than bought followers")
        ru += (f"; в тот же день выросло число упоминаний и комментариев ({count} при обычных {median:g}), "
               "так что это может быть вирусный пост, а не купленные подписчики")
    else:
        en += ", with no rise in mentions or comments: followers may have been bought"
        ru += ", а упоминаний и комментариев больше не стало: подписчиков могли купить"
    return {"en": en, "ru": ru}


def jumps(snapshots: list[Snapshot], tz: ZoneInfo, ratio: float, min_gain: int) -> dict[date, Gain]:
    """Per local day, the largest jump between two consecutive counts that is at least ratio-fold and min_gain."""
    counts = [(s.taken_at.astimezone(tz).date(), s.followers) for s in sorted(snapshots, key=lambda s: s.taken_at)
              if s.followers is not None]
    found: dict[date, Gain] = {}
    for (since, before), (day, after) in zip(counts, counts[1:]):
        if after - before >= min_gain and after >= ratio * max(before, 1):
            if day not in found or after - before > found[day].after - found[day].before:
                found[day] = Gain(since, day, before, after)
    return found


@rule(
    "misleading",
    "follower_spike",
    window=lambda r: r.misleading.lookback,
    reach=lambda r: r.misleading.spike_window,
    reads=("snapshot", "mention", "comment"),
    why={
        "en": "A jump in followers that nothing explains looks like bought followers: platforms purge them, "
        "engagement rates collapse, and partners who notice stop trusting the numbers.",
        "ru": "Резкий прирост подписчиков без видимой причины похож на накрутку: площадки чистят ботов, "
        "вовлечённость падает, а партнёры перестают верить цифрам.",
    },
    todo={
        "en": "Check what happened that day (a giveaway, a paid campaign, a mention by a big account); "
        "if nobody on the team knows, ask the platform support and stop any follower-buying service.",
        "ru": "Выясните, что было в тот день (розыгрыш, платная кампания, упоминание крупным аккаунтом); "
        "если никто в команде не знает, обратитесь в поддержку площадки и отключите сервисы накрутки.",
    },
)
def follower_spike(ctx: Context) -> list[Detected]:
    """Days in lookback whose follower gain is a robust outlier against the days before them, or a jump without a baseline."""
    settings = ctx.rules.misleading
    tz = ZoneInfo(ctx.settings.timezone)
    since = ctx.now - settings.spike_window
    snapshots = ctx.snapshots(since)
    gains = daily_gains(daily_followers(snapshots, tz))
    engagement = _engagement_by_day(ctx, since, tz)
    first_day = (ctx.now - settings.lookback).astimezone(tz).date()
    sudden = jumps(snapshots, tz, settings.jump_ratio, settings.jump_min_gain)
    by_day = {g.day: g for g in gains}
    found = []
    for index, gain in enumerate([*gains, *(g for d, g in sudden.items() if d not in by_day)]):
        day, baseline = gain.day, [g.per_day for g in gains[:index] if g.day < gain.day]
        if day < first_day:
            continue
        if len(baseline) >= settings.spike_min_baseline and gain.per_day >= settings.spike_min_gain:
            z = robust_z(gain.per_day, baseline)
        elif day in sudden:
            gain, z = sudden[day], float("inf")  # no baseline to compare with, but a jump no growth explains
        else:
            continue
        if z < settings.spike_z:
            continue
        usual = statistics.median([engagement.get(g.day, 0) for g in gains if g.day < day] or [0])
        count = engagement.get(day, 0)
        engaged = count >= ENGAGEMENT_MIN and count >= ENGAGEMENT_RATIO * max(usual, 1)
        median = statistics.median(baseline) if baseline else 0
        found.append(
            Detected(
                key=day.isoformat(),
                severity="info" if engaged else "warning",
                summary=_spike_summary(ctx.account.name, gain, median if baseline else None, (count, usual) if engaged else None),
                item_ids=[],
                evidence=[
                    {
                        "item_id": None,
                        "url": None,
                        "excerpt": f"{gain.before:,} → {gain.after:,} followers {gain.when('en')}",
                        "author": ctx.account.name,
                        "created_at": datetime.combine(day, datetime.min.time(), tz).isoformat(),
                    }
                ],
                details={
                    "day": day.isoformat(),
                    "gain": gain.after - gain.before,
                    "gain_per_day": round(gain.per_day),
                    "baseline_median": median,
                    "baseline_days": len(baseline),
                    "z": round(z, 2) if z != float("inf") else None,
                    "mentions_and_comments": count,
                    "usual_mentions_and_comments": usual,
                    "viral": engaged,
                },
            )
        )
    return found
