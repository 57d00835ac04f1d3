"""Text from a post made safe for one line of a header, a message body or a terminal (no Jinja or Babel needed)."""

from __future__ import annotations

import unicodedata

SUBJECT_CHARS = 200


def clean_header(value: str, limit: int = SUBJECT_CHARS) -> str:
    """A single-line header value: control and format characters dropped, length capped."""
    value = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in value)
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def clean_text(value: str, limit: int) -> str:
    """Post text for a message body or a terminal: one line, control characters dropped, cut on a word."""
    value = clean_header(value, 10**9)
    if len(value) <= limit:
        return value
    return value[:limit].rsplit(" ", 1)[0] + "…"
