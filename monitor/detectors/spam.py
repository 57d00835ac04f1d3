"""Mistake 4, spamming: the same update again and again."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from monitor.detectors import Context, Detected, evidence_of, rule
from monitor.store.models import Item
from monitor.store.repo import account_items
from monitor.text.normalize import normalize_post


def find_repeats(posts: list[Item], window_seconds: float, similarity: float, min_length: int) -> list[tuple[Item, Item, float]]:
    """(original, repeat, score) for every post that repeats an earlier one within the window.

    posts must be oldest first. Exact repeats (after normalisation) are found by
    dictionary; near-duplicates by rapidfuzz against the earlier posts in the window.
    """
    repeats = []
    earlier: list[tuple[Item, str]] = []
    first_by_text: dict[str, Item] = {}
    for post in posts:
        norm = normalize_post(post.text)
        earlier = [(p, n) for p, n in earlier if (post.created_at - p.created_at).total_seconds() <= window_seconds]
        if len(norm) >= min_length and earlier:
            original = first_by_text.get(norm)
            if original is not None and any(p is original for p, _ in earlier):
                repeats.append((original, post, 1.0))
            else:
                match = process.extractOne(
                    norm, [n for _, n in earlier], scorer=fuzz.ratio, score_cutoff=similarity * 100
                )
                if match is not None:
                    repeats.append((earlier[match[2]][0], post, match[1] / 100))
        first_by_text.setdefault(norm, post)
        earlier.append((post, norm))
    return repeats


@rule(
    "spam",
    "repeated_update",
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
    own_id = ctx.account.external_id
    if not own_id:
        return []
    posts = [
        p
        for p in account_items(ctx.session, ctx.account.id, since=ctx.now - 2 * settings.window, kinds=["post"])
        if p.author_id == own_id and not p.is_share
    ]
    window = settings.window.total_seconds()
    found = []
    for original, repeat, score in find_repeats(posts, window, settings.similarity, settings.min_length):
        if (ctx.now - repeat.created_at).total_seconds() > window:
            continue
        exact = score >= 1.0
        days = max((repeat.created_at - original.created_at).days, 0)
        found.append(
            Detected(
                mistake="spam",
                rule="repeated_update",
                key=repeat.external_id,
                severity="warning",
                summary={
                    "en": f"{ctx.account.name} posted the same update again after {days} day(s)"
                    + ("" if exact else f" (near-duplicate, {score:.0%} similar)"),
                    "ru": f"{ctx.account.name} повторил(а) ту же публикацию через {days} дн."
                    + ("" if exact else f" (почти дубликат, сходство {score:.0%})"),
                },
                item_ids=[original.external_id, repeat.external_id],
                evidence=[evidence_of(original), evidence_of(repeat)],
                details={"similarity": round(score, 3), "exact": exact},
            )
        )
    return found
