"""Phrase patterns that run only where a literal word they need occurs, compiled when first needed.

What each pattern needs is read from the pattern itself by the regex parser. Parsing hundreds of patterns at every
start-up costs as much as compiling them, so the answers are shipped in phrase_needs.json, keyed by the pattern's
own text: an entry can only be missing (a new or edited pattern is then parsed), never wrong for its pattern.
Refresh the file after editing the word lists: python -m monitor.text.phrases
"""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

try:
    from re import (
        _parser as _sre_parser,  # the regex parser, to read the literal words a phrase pattern needs
    )
except ImportError:  # pragma: no cover - a Python without it runs every pattern
    _sre_parser = None

TABLE = Path(__file__).with_name("phrase_needs.json")
MIN_NEED = 3  # a shorter needed word ("в", "on") would let nearly every text through
_ALL: weakref.WeakSet[Phrases] = weakref.WeakSet()  # every Phrases alive, for the table's refresh


def _needs(items: list) -> set[str] | None:
    """Strings one of which every match of a parsed pattern contains, or None when the parse shows none."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        if run:
            options.append({"".join(run)})
            run = []
        need = None
        if name == "SUBPATTERN":
            need = _needs(list(av[3]))
        elif name == "ATOMIC_GROUP":
            need = _needs(list(av))
        elif name == "BRANCH":
            branches = [_needs(list(b)) for b in av[1]]
            need = set().union(*branches) if all(branches) else None
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            need = _needs(list(av[2]))
        if need:
            options.append(need)
    return max(options, key=lambda o: (min(map(len, o)), -len(o))) if options else None


def parsed_needs(pattern: str) -> frozenset[str] | None:
    """The words one of which every match of pattern contains, read by parsing it; None when any text may match."""
    if _sre_parser is None:
        return None
    try:
        need = _needs(list(_sre_parser.parse(pattern)))
    except Exception:  # noqa: BLE001 - a pattern the parser reads differently simply always runs
        return None
    return frozenset(need) if need else None


@lru_cache(maxsize=1)
def _table() -> dict[str, list[str] | None]:
    try:
        return json.loads(TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # no table: every pattern is parsed, as before there was one
        return {}


def needed_words(pattern: str) -> frozenset[str] | None:
    """What pattern needs, from the shipped table when it lists the pattern, else parsed."""
    table = _table()
    if pattern in table:
        listed = table[pattern]
        return None if listed is None else frozenset(listed)
    return parsed_needs(pattern)


class _Lazy:
    """A pattern compiled when first used: a draft check reaches few of the hundreds of phrase patterns."""

    def __init__(self, pattern: str) -> None:
        self.source = pattern
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled


class Phrases:
    """Phrase patterns searched in lower-cased text; each runs only where a literal word it needs occurs.

    The needed words are read from the pattern itself (so a new pattern needs no list of its own): a text without
    "rocket", "door" or «нравится» skips the patterns that spell them, which is most texts and most patterns."""

    def __init__(self, patterns: list[str]) -> None:
        self.patterns: list[tuple[_Lazy, frozenset[str] | None]] = []
        for pattern in patterns:
            need = needed_words(pattern)
            self.patterns.append((_Lazy(pattern), need if need and min(map(len, need)) >= MIN_NEED else None))
        self._words = sorted({w for _, need in self.patterns if need for w in need})
        _ALL.add(self)

    @property
    def sources(self) -> list[str]:
        """The patterns as written."""
        return [pattern.source for pattern, _ in self.patterns]

    def _candidates(self, lower: str) -> list[re.Pattern[str]]:
        # Plain substring tests: three times faster than one regex scan for all the words, and nothing to compile.
        present = {word for word in self._words if word in lower}
        return [pattern.compiled for pattern, need in self.patterns if need is None or not need.isdisjoint(present)]

    def finditer(self, lower: str) -> Iterator[re.Match[str]]:
        """Every match of every pattern, pattern by pattern in their order."""
        for pattern in self._candidates(lower):
            yield from pattern.finditer(lower)

    def search(self, lower: str) -> re.Match[str] | None:
        """The first pattern's first match."""
        return next(self.finditer(lower), None)


def fresh_table() -> dict[str, list[str] | None]:
    """The needs of every phrase pattern the rules use, parsed anew."""
    from monitor.detectors.registry import registry

    registry()  # imports every rule module, and with them every Phrases
    return {p: (None if (n := parsed_needs(p)) is None else sorted(n)) for phrases in _ALL for p in phrases.sources}


if __name__ == "__main__":
    from monitor.text import phrases as module  # the rules' Phrases live in the imported module, not in __main__

    table = module.fresh_table()
    lines = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(table.items())]
    TABLE.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")  # one pattern a line: readable diffs
    print(f"wrote {TABLE} ({len(table)} patterns)")
