"""The libraries the text rules stand on, checked at start-up so a missing one is an error, never weaker rules."""

from __future__ import annotations

import importlib.util


class TextLibraryMissing(RuntimeError):
    """A library (or the shipped model) the text rules need could not be loaded."""


# Module → the package a user installs to get it.
REQUIRED = {
    "pymorphy3": "pymorphy3",
    "pymorphy3_dicts_ru": "pymorphy3-dicts-ru",
    "lingua": "lingua-language-detector",
    "detect_secrets": "detect-secrets",
    "profanity_check": "alt-profanity-check",
}


def missing() -> list[str]:
    """The packages of REQUIRED that cannot be imported (found without importing them: no start-up cost)."""
    return [package for module, package in REQUIRED.items() if importlib.util.find_spec(module) is None]


def problem() -> str | None:
    """A message naming the missing packages and how to install them, or None."""
    absent = missing()
    if not absent:
        return None
    return (
        f"the text rules need {', '.join(absent)}, which {'is' if len(absent) == 1 else 'are'} not installed: "
        f"pip install {' '.join(absent)} (or re-run scripts/setup.sh)"
    )
