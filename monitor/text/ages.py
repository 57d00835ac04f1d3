"""Ages such as "5h 10m" / "5 ч 10 мин" for summaries and emails."""

from __future__ import annotations

from datetime import timedelta

_UNITS = {
    "en": (("d", 86400), ("h", 3600), ("m", 60)),
    "ru": ((" д", 86400), (" ч", 3600), (" мин", 60)),
}


def human_age(age: timedelta, language: str = "en") -> str:
    """The two largest units of a non-negative duration, in en or ru."""
    seconds = max(int(age.total_seconds()), 0)
    parts = []
    for unit, size in _UNITS.get(language, _UNITS["en"]):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
        if len(parts) == 2:
            break
    if not parts:
        return "<1m" if language != "ru" else "<1 мин"
    return " ".join(parts)
