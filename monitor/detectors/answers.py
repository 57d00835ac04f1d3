"""What answers a question, and the reply clock that runs only in the account's business hours."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.detectors.context import Context
from monitor.store.models import Item
from monitor.text.ages import human_age
from monitor.text.hours import Hours, parse_business_hours, working_time


class Answers:
    """The account's own items indexed by what they answer, so each question is looked up, not scanned."""

    def __init__(self, own_items: list[Item]):
        self.direct: dict[str, Item] = {}
        self.threads: dict[tuple[str, str], list[Item]] = {}
        for item in own_items:  # oldest first
            if item.reply_to_id:
                self.direct.setdefault(item.reply_to_id, item)
            if item.conversation_id and item.reply_to_author_id:
                self.threads.setdefault((item.conversation_id, item.reply_to_author_id), []).append(item)

    def first(self, question: Item) -> Item | None:
        """The earliest own item answering question: a direct reply, or a later reply to its author in the thread."""
        candidates = []
        direct = self.direct.get(question.external_id)
        if direct is not None:
            candidates.append(direct)
        if question.conversation_id and question.author_id:
            thread = self.threads.get((question.conversation_id, question.author_id), [])
            later = bisect.bisect_right([r.created_at for r in thread], question.created_at)
            if later < len(thread):
                candidates.append(thread[later])
        return min(candidates, key=lambda r: r.created_at, default=None)


@dataclass(frozen=True)
class ReplyClock:
    """The time that counts against reply_within: business hours in the account's zone, or all of it."""

    hours: Hours | None
    timezone: str

    @property
    def business_hours(self) -> bool:
        """Whether the clock stops outside business hours."""
        return bool(self.hours)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """The reply time that has run between start and end."""
        return working_time(start, end, self.hours, self.timezone)

    def note(self, start: datetime, end: datetime) -> dict[str, str]:
        """A summary suffix saying how much of the wait fell in business hours ("" around the clock)."""
        if not self.business_hours:
            return {"en": "", "ru": ""}
        worked = self.elapsed(start, end)
        return {
            "en": f" ({human_age(worked, 'en')} of it in business hours)",
            "ru": f" (из них {human_age(worked, 'ru')} в рабочее время)",
        }


def reply_clock(ctx: Context) -> ReplyClock:
    """The account's reply clock: rules.ignoring.business_hours in its timezone, when set."""
    text = ctx.rules.ignoring.business_hours
    return ReplyClock(parse_business_hours(text) if text else None, ctx.settings.timezone)
