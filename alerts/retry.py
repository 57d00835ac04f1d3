"""Retry policy: a few quick tries within a sweep, then exponential backoff with jitter across sweeps up to retry_for."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta


def jitter(seed: object, attempt: int) -> float:
    """A factor in [0.8, 1.2], the same for the same delivery and attempt (deterministic, yet spread out)."""
    return random.Random(f"{seed}:{attempt}").uniform(0.8, 1.2)  # noqa: S311 - a retry jitter, not a secret


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long a transient failure is retried; `sleep` is injected (tests pass a fake clock's)."""

    attempts: int = 3
    delay: timedelta = timedelta(seconds=2)
    backoff: timedelta = timedelta(minutes=1)
    max_backoff: timedelta = timedelta(hours=1)
    retry_for: timedelta = timedelta(hours=48)
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def pause(self, attempt: int, seed: object) -> float:
        """Seconds to wait before try attempt+2 within one sweep (attempt counts from 0)."""
        return self.delay.total_seconds() * (2 ** attempt) * jitter(seed, attempt)

    def next_attempt(self, now: datetime, failed_sweeps: int, seed: object) -> datetime:
        """When a delivery that failed in failed_sweeps sweeps is tried again."""
        wait = min(self.max_backoff, self.backoff * (2 ** max(failed_sweeps - 1, 0)))
        return now + wait * jitter(seed, failed_sweeps)
