"""Where the message catalogs live and which languages have one (no Babel: the settings check languages)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"


def catalog_path(language: str) -> Path:
    """Where the catalog of a language lives."""
    return LOCALES / language / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """The languages that have a catalog: adding a language is adding one .po file."""
    return tuple(sorted(p.name for p in LOCALES.iterdir() if catalog_path(p.name).is_file()))
