"""Business hours ("Mon-Fri 09:00-18:00; Sat 10:00-14:00") and a reply clock that runs only inside them."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_PART = re.compile(r"^\s*([A-Za-z]{3})(?:\s*-\s*([A-Za-z]{3}))?\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")

Hours = dict[int, list[tuple[time, time]]]


def parse_business_hours(text: str) -> Hours:
    """Weekday → [(start, end)] from "Mon-Fri 09:00-18:00; Sat 10:00-14:00"; ValueError says how to write it."""
    hours: Hours = {}
    for part in text.split(";"):
        match = _PART.match(part)
        if not match:
            raise ValueError(f'{part.strip()!r}: write business hours as "Mon-Fri 09:00-18:00; Sat 10:00-14:00"')
        first, last = match.group(1).lower(), (match.group(2) or match.group(1)).lower()
        if first not in DAYS or last not in DAYS:
            raise ValueError(f"{part.strip()!r}: days are Mon Tue Wed Thu Fri Sat Sun")
        h1, m1, h2, m2 = (int(match.group(i)) for i in range(3, 7))
        if not (h1 < 24 and h2 <= 24 and m1 < 60 and m2 < 60) or (h1, m1) >= (h2, m2):
            raise ValueError(f"{part.strip()!r}: the end must come after the start, within one day (00:00-24:00)")
        start, end = time(h1, m1), (time(23, 59, 59, 999999) if h2 == 24 else time(h2, m2))
        first_i, last_i = DAYS.index(first), DAYS.index(last)
        days = range(first_i, last_i + 1) if first_i <= last_i else [*range(first_i, 7), *range(0, last_i + 1)]
        for day in days:
            hours.setdefault(day, []).append((start, end))
    return hours


def working_time(start: datetime, end: datetime, hours: Hours | None, timezone: str) -> timedelta:
    """How much of [start, end) falls inside business hours (all of it when hours is None)."""
    if end <= start:
        return timedelta(0)
    if not hours:
        return end - start
    zone = ZoneInfo(timezone)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    total = timedelta(0)
    day = local_start.date()
    while day <= local_end.date():
        for open_at, close_at in hours.get(day.weekday(), []):
            window_start = datetime.combine(day, open_at, zone)
            window_end = datetime.combine(day, close_at, zone)
            overlap = min(window_end, local_end) - max(window_start, local_start)
            if overlap > timedelta(0):
                total += overlap
        day += timedelta(days=1)
    return total
