"""Plural agreement for counts: Russian by Babel's CLDR plural rules, English "1 item", "2 items"."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _russian():
    from babel import Locale

    return Locale("ru")


def ru_plural(count: int, one: str, few: str, many: str) -> str:
    """The Russian form agreeing with count: 1 пост, 2 поста, 5 постов (11–14 take many)."""
    form = _russian().plural_form(abs(count))
    return {"one": one, "few": few}.get(form, many)


def posts_ru(count: int) -> str:
    """The Russian for "post(s)" agreeing with count."""
    return ru_plural(count, "пост", "поста", "постов")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """An English count with its noun: "1 item", "2 items" (plural when it is not the noun plus "s")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
