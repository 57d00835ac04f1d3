"""Human durations ("90s", "15m", "2h", "3d", "1h30m") for the config file, each kind within a range."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, PlainSerializer

_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_PART = r"(\d+(?:\.\d+)?)\s*([smhdw])"
_PATTERN = re.compile(rf"^\s*(?:{_PART}\s*)+$")
# Windows and ages are subtracted from today's date: ten years back stays a date; 9999999999d does not.
LONGEST = timedelta(days=3650)


def parse_duration(value: object) -> timedelta:
    """Parse "90s", "15m", "2h", "3d", "1w" or a sum such as "1h30m" or "1d 3h" (or a timedelta) into a timedelta of
    at most LONGEST."""
    if isinstance(value, timedelta):
        parsed = value
    elif isinstance(value, str) and _PATTERN.match(value):
        try:
            parsed = sum((timedelta(**{_UNITS[unit]: float(number)}) for number, unit in re.findall(_PART, value)), timedelta())
        except OverflowError:
            parsed = timedelta.max
    else:
        raise ValueError(
            f'{value!r} is not a duration: write a number and a unit, e.g. "90s", "15m", "2h", "3d"'
        )
    return _within(timedelta(0), LONGEST)(parsed)


def format_duration(value: timedelta) -> str:
    """Render a timedelta the way the config file writes it ("2h", "90s", "1d 3h")."""
    seconds = int(value.total_seconds())
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return " ".join(parts) or "0s"


def _within(low: timedelta, high: timedelta, why: str = ""):  # type: ignore[no-untyped-def]
    """A check that a duration lies in [low, high], its message giving the range in the config's own form."""

    def check(value: timedelta) -> timedelta:
        if not low <= value <= high:
            raise ValueError(f'write a duration from "{format_duration(low)}" to "{format_duration(high).replace(" ", "")}"'
                             + (f": {why}" if why else ""))
        return value

    return check


def bounded(low: str, high: str, why: str = "") -> AfterValidator:
    """An AfterValidator keeping a Duration field between two durations written as in the config ("1s", "5m")."""
    return AfterValidator(_within(parse_duration(low), parse_duration(high), why))


Duration = Annotated[
    timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
]
# A network timeout: zero would fail every call, hours would hang a sweep.
Timeout = Annotated[Duration, bounded("1s", "5m", "each network call waits at most this long")]
# How often an account is swept: zero would sweep without pause; under a minute is for tests and demos and
# spends the API's rate limit (config check warns).
Interval = Annotated[Duration, bounded("5s", "7d", "how often each account is swept")]
