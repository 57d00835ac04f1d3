"""What in a text is internal: document markers, business figures, and internal news a secrecy cue gives away."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.text.confidential import KINDS as NEWS_KINDS
from monitor.text.confidential import find_internal_news, find_secrecy_cues
from monitor.text.figures import KINDS as FIGURE_KINDS
from monitor.text.figures import find_figures
from monitor.text.folding import clean, fold
from monitor.text.internal_markers import find_internal_markers

KINDS = {**FIGURE_KINDS, **NEWS_KINDS}


@dataclass(frozen=True)
class Internal:
    """The internal information in one text, each piece as written there."""

    markers: list[str]  # "internal only", «ДСП», configured terms
    cues: list[str]  # "between us", «по секрету», "oops, wrong chat"
    figures: list[tuple[str, str]]  # (kind, fragment): a margin, revenue, a purchase price …
    news: list[tuple[str, str]]  # (kind, fragment): a closure, layoffs … (reported only with a cue or a marker)

    @property
    def found(self) -> bool:
        """Anything to report: a marker, a figure, or internal news with a cue or a marker."""
        return bool(self.markers or self.figures or (self.news and self.cues))

    @property
    def secret(self) -> bool:
        """The text itself says it was not meant for the public."""
        return bool(self.markers or self.cues)


def find_internal(text: str, extra_markers: list[str]) -> Internal:
    """Markers, secrecy cues, business figures and internal news in text (on what a reader sees)."""
    text = clean(text)
    folded = fold(text)
    markers = find_internal_markers(text, folded, extra_markers)
    cues = [c for c in find_secrecy_cues(text, folded) if not any(s < c.end and c.start < e for s, e in markers)]
    figures = find_figures(text, folded)
    taken = [(f.start, f.end) for f in figures] + markers
    news = []
    if markers or cues:
        news = [n for n in find_internal_news(text, folded) if not any(s < n.end and n.start < e for s, e in taken)]
    return Internal(
        markers=[text[s:e].strip(" \t\n:—–-") for s, e in markers],
        cues=[c.raw.strip() for c in cues],
        figures=[(f.kind, f.raw) for f in figures],
        news=[(n.kind, n.raw) for n in news],
    )
