"""The fault suite writes its measures to $SMM_FAULT_RESULTS (JSON Lines) when that is set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.harness import RESULTS, as_json


@pytest.fixture(scope="session", autouse=True)
def _fault_results() -> Iterator[None]:
    yield
    target = os.environ.get("SMM_FAULT_RESULTS")
    if target and RESULTS:
        Path(target).write_text("".join(as_json(r) + "\n" for r in RESULTS), encoding="utf-8")
