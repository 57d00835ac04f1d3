"""Text normalisation for comparing posts: case, URLs, tracking parameters, emoji, punctuation."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit

# Only characters a link may hold, so an emoji or "…" right after a link is not part of it.
_URL = re.compile(r"(?:https?://|www\.)[\w\-.~:/?#\[\]@!$&'()*+,;=%]+", re.IGNORECASE | re.ASCII)
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|yclid|mc_cid|mc_eid|igshid|ref|ref_src|s|t)$", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """A URL without scheme, www., tracking parameters, fragment or trailing slash."""
    url = url.rstrip(".,!?;:)»\"'")
    parts = urlsplit(url if "://" in url else "http://" + url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return host + path + (("?" + urlencode(query)) if query else "")


def _keep(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


def normalize_post(text: str) -> str:
    """Lower-case words and canonical URLs; emoji, punctuation and extra spaces removed."""
    urls = [canonical_url(u) for u in _URL.findall(text)]
    text = unicodedata.normalize("NFKC", _URL.sub(" ", text)).casefold().replace("ё", "е")
    words = "".join(c if _keep(c) else " " for c in text).split()
    return " ".join(words + urls)
