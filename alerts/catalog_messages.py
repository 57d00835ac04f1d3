"""The messages alerts/ asks the catalogs for, extracted with Babel from render.py and the templates."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_file

HERE = Path(__file__).resolve().parent
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "t": None, "_N": None, "_Np": (1, 2)}


def used_messages() -> dict[str, str | None]:
    """msgid -> msgid_plural (None for a message without plural forms), as the code and templates use them."""
    found: dict[str, str | None] = {}
    sources = [("python", HERE / "render.py")] + [("jinja2.ext.babel_extract", p) for p in sorted((HERE / "templates").glob("*.j2"))]
    options = {"trim_blocks": "true", "lstrip_blocks": "true"}
    for method, path in sources:
        for _line, message, _comments, _context in extract_from_file(method, str(path), keywords=KEYWORDS, options=options):
            if isinstance(message, tuple):
                singular, plural = message[0], message[1] if len(message) > 1 and message[1] else None
            else:
                singular, plural = message, None
            found[singular] = plural
    return found
