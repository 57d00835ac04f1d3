"""Print the fault suite's measures (SMM_FAULT_RESULTS=FILE pytest tests/faults) as docs/RELIABILITY.md's table."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path


def table(path: Path) -> str:
    """The Markdown table: one row per (area, case), runs summed, losses and duplicates summed."""
    rows: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        row = rows[(entry["area"], entry["case"])]
        for index, key in enumerate(("runs", "items_lost", "alerts_lost", "duplicates")):
            row[index] += entry[key]
    lines = ["| area | case | runs | items lost | alerts lost | duplicates |", "|---|---|---|---|---|---|"]
    lines += [f"| {area} | {case} | {r[0]} | {r[1]} | {r[2]} | {r[3]} |" for (area, case), r in sorted(rows.items())]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(Path(sys.argv[1])))
