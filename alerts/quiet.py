"""Quiet hours ("22:00-08:00", across midnight allowed) in a route's time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class QuietHours:
    """A daily span in which a route sends nothing; what comes due is held until it ends."""

    start: time
    end: time
    timezone: str

    def contains(self, moment: datetime) -> bool:
        """Whether moment falls inside the quiet span."""
        local = moment.astimezone(ZoneInfo(self.timezone)).time()
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def ends_after(self, moment: datetime) -> datetime:
        """When the quiet span that holds moment ends (moment itself when it is not quiet)."""
        if not self.contains(moment):
            return moment
        zone = ZoneInfo(self.timezone)
        local = moment.astimezone(zone)
        end = datetime.combine(local.date(), self.end, zone)
        if end <= local:
            end = datetime.combine(local.date() + timedelta(days=1), self.end, zone)
        return end.astimezone(moment.tzinfo)


def parse_quiet_hours(text: str, timezone: str = "UTC") -> QuietHours:
    """QuietHours from "22:00-08:00"; a ValueError says how to write it."""
    match = _SPAN.match(text)
    if not match:
        raise ValueError(f'{text!r}: write quiet hours as "22:00-08:00" (start-end, local time; may cross midnight)')
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if not (h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60) or (h1, m1) == (h2, m2):
        raise ValueError(f'{text!r}: hours 00-23, minutes 00-59, and the end differs from the start (e.g. "22:00-08:00")')
    return QuietHours(time(h1, m1), time(h2, m2), timezone)
