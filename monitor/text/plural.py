"""Russian plural agreement for counts in summaries."""

from __future__ import annotations


def ru_plural(count: int, one: str, few: str, many: str) -> str:
    """The Russian form agreeing with count: 1 пост, 2 поста, 5 постов (11–14 take many)."""
    if count % 10 == 1 and count % 100 != 11:
        return one
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return few
    return many


def posts_ru(count: int) -> str:
    """The Russian for "post(s)" agreeing with count."""
    return ru_plural(count, "пост", "поста", "постов")
