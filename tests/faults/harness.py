"""The fault suite's measure: run a sweep with a fault, a sweep after it, and count what was lost or doubled.

Each case is compared with a control run of the same world without the fault: every item the control stored
must be stored (no cursor moved past unseen data), every finding the control alerted must have been alerted
(no alert lost), and no finding may be listed as new in more than one email (duplicates). Results are kept in
RESULTS; with SMM_FAULT_RESULTS=FILE set, tests/faults/conftest.py writes them there as JSON Lines.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, select

from monitor.store.models import Item
from tests.conftest import Monitor
from tests.fakes.smtp import SmtpServer

# The fakes' rate-limit resets are wall-clock epoch seconds: the simulated timeline starts at the wall clock's hour.
T = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
RECOVERY = T + timedelta(hours=2)


def iso(moment: datetime) -> str:
    """The --now form of a datetime."""
    return moment.isoformat().replace("+00:00", "Z")


@dataclass
class Measure:
    """One case of the fault suite: what it lost and doubled."""

    area: str
    case: str
    runs: int
    items_lost: int
    alerts_lost: int
    duplicates: int
    first_exit: int = 0


RESULTS: list[Measure] = []


def stored_ids(folder: Path, url: str | None = None) -> set[str]:
    """The external ids of the items in the folder's monitor.db (or the database at url)."""
    engine = create_engine(url or f"sqlite:///{folder / 'monitor.db'}")
    try:
        with engine.connect() as connection:
            return set(connection.execute(select(Item.external_id)).scalars())
    finally:
        engine.dispose()


def findings(monitor: Monitor) -> dict[int, tuple[str, tuple[str, ...]]]:
    """Every finding: id -> (rule, item ids)."""
    rows = json.loads(monitor("findings", "--format", "json", "--status", "all").output)
    return {r["id"]: (r["rule"], tuple(r["item_ids"])) for r in rows}


def listed(smtp: SmtpServer) -> tuple[set[tuple[str, int]], Counter[tuple[str, int]]]:
    """(recipient, finding id) pairs every email listed, and how often each was listed as new (not a repeat)."""
    seen: set[tuple[str, int]] = set()
    new: Counter[tuple[str, int]] = Counter()
    for message, (_, recipients) in zip(smtp.messages, smtp.recorder.envelopes, strict=True):
        body = message.get_body(("plain",))
        text = body.get_content() if body else ""
        for block in re.split(r"\n(?=\[(?:CRITICAL|WARNING|INFO)\])", text):
            match = re.search(r"Finding (\d+) · monitor ack", block)
            if not match:
                continue
            for recipient in recipients:
                seen.add((recipient, int(match.group(1))))
                if "· new" in block.split("\n", 1)[0]:
                    new[(recipient, int(match.group(1)))] += 1
    return seen, new


@dataclass
class Outcome:
    """What a world looked like after its sweeps: stored ids, findings by (rule, items), emails per finding."""

    items: set[str]
    alerted: set[tuple[str, str, tuple[str, ...]]]  # (recipient, rule, item ids)
    duplicates: int
    first_exit: int
    outputs: list[str]


def run(folder: Path, monitor: Monitor, smtp: SmtpServer, fault: Callable[[], None] | None = None,
        heal: Callable[[], None] | None = None, later: tuple[datetime, ...] = (), database: str | None = None) -> Outcome:
    """Sweep at T (with the fault applied), heal it, sweep again at RECOVERY (and `later`); what was stored and sent."""
    if fault:
        fault()
    outputs = [monitor("once", "--now", iso(T))]
    if heal:
        heal()
    for moment in (RECOVERY, *later):
        outputs.append(monitor("once", "--now", iso(moment)))
    found = findings(monitor)
    seen, new = listed(smtp)
    alerted = {(recipient, *found[i]) for recipient, i in seen if i in found}
    duplicates = sum(n - 1 for n in new.values() if n > 1)
    return Outcome(stored_ids(folder, database), alerted, duplicates, outputs[0].exit_code, [o.output for o in outputs])


def measure(area: str, case: str, control: Outcome, faulty: Outcome, exempt: set[str] = frozenset()) -> Measure:  # type: ignore[assignment]
    """Compare a faulty run with the control; `exempt` ids are items the fault made unreadable for good (counted skips)."""
    lost_items = len((control.items - exempt) - faulty.items)
    expected_alerts = {a for a in control.alerted if not set(a[2]) & exempt}
    lost_alerts = len(expected_alerts - faulty.alerted)
    result = Measure(area, case, 1, lost_items, lost_alerts, faulty.duplicates, faulty.first_exit)
    RESULTS.append(result)
    return result


def as_json(result: Measure) -> str:
    """One JSON line for the results file."""
    return json.dumps(asdict(result), ensure_ascii=False)
