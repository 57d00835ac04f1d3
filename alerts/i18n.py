"""Message catalogs (gettext .po files read by Babel) and Babel's plurals, dates and time deltas."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, format_timedelta
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations
from babel.units import format_unit

from alerts.catalogs import catalog_path


class CatalogError(Exception):
    """A message catalog cannot be read; the message names the file and the line."""


@lru_cache(maxsize=None)
def translations(language: str) -> Translations:
    """The compiled catalog of a language (compiled in memory: no .mo build step)."""
    return compile_catalog(catalog_path(language), language)


def compile_catalog(path: Path, language: str) -> Translations:
    """Read a .po file and compile it; a CatalogError names the file and what is wrong."""
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, abort_invalid=True)
    except (OSError, PoFileError) as exc:
        raise CatalogError(f"{path}: cannot read the message catalog: {exc}; fix the .po file (msgfmt --check shows where)") from None
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


@dataclass(frozen=True)
class Texts:
    """One language's texts and formats: gettext, plural forms, local times and relative ages."""

    language: str

    def gettext(self, message: str, **values: object) -> str:
        """The translation of message, with %(name)s values filled in."""
        text = translations(self.language).gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        """The plural form agreeing with count (Russian has three), with %(num)d and other values filled in."""
        text = translations(self.language).ngettext(singular, plural, count)
        return text % {"num": count, **values}

    def has(self, message: str) -> bool:
        """Whether the catalog translates message (a per-platform link text, say)."""
        return message in translations(self.language)._catalog  # noqa: SLF001 - gettext's own mapping

    def when(self, moment: datetime, timezone: str) -> str:
        """A time as people of this language write it, in the given time zone: "Nov 20, 2026, 21:00"."""
        local = moment.astimezone(ZoneInfo(timezone))
        return f"{format_date(local, 'medium', locale=self.language)}, {format_time(local, 'short', locale=self.language)}"

    def ago(self, age: timedelta) -> str:
        """A relative age: "8 hours ago", «8 часов назад»."""
        return format_timedelta(-max(age, timedelta(0)), add_direction=True, locale=self.language)

    def duration(self, span: timedelta) -> str:
        """A span in the unit it was most likely written in: "24 hours", "90 days", «2 дня»."""
        seconds = int(span.total_seconds())
        for unit, size, least in (("day", 86400, 2), ("hour", 3600, 1), ("minute", 60, 1)):
            if seconds % size == 0 and seconds // size >= least:
                return format_unit(seconds // size, f"duration-{unit}", length="long", locale=self.language)
        return format_timedelta(span, threshold=1.0, locale=self.language)
