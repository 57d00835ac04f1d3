"""Offline connector: reads an account's items from a JSON Lines export (demo data, audits)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from connectors.base import ITEM_KINDS, Batch, FetchedItem, PermanentError, ProfileSnapshot, plausible_time


class ArchiveFormatError(PermanentError):
    """A line of the archive is not in the documented format."""


def _text(obj: Mapping[str, Any], key: str, where: str, required: bool = False) -> str | None:
    value = obj.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool) or value == "":
        raise ArchiveFormatError(f"{where}: {key!r} must be a non-empty string")
    return str(value)


def _time(obj: Mapping[str, Any], where: str) -> datetime:
    value = _text(obj, "created_at", where, required=True)
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        raise ArchiveFormatError(f"{where}: created_at {value!r} is not an ISO 8601 time such as 2026-11-20T10:00:00Z") from None
    if parsed.tzinfo is None:
        raise ArchiveFormatError(f"{where}: created_at {value!r} has no time zone; add Z or +03:00")
    if plausible_time(parsed) is None:
        raise ArchiveFormatError(f"{where}: created_at {value!r} is outside 1970–2099: write the post's real time")
    return parsed


def _flag(obj: Mapping[str, Any], key: str, where: str) -> bool:
    value = obj.get(key, False)
    if not isinstance(value, bool):  # "false" is a non-empty string, and bool("false") is True
        raise ArchiveFormatError(f"{where}: {key!r} must be true or false (JSON, unquoted), not {value!r:.40}")
    return value


def parse_line(obj: Any, where: str) -> FetchedItem | ProfileSnapshot:
    """One JSON Lines record: {"type": "profile", ...} or an item (the default type)."""
    if not isinstance(obj, dict):
        raise ArchiveFormatError(f"{where}: each line must be a JSON object")
    kind_of_line = obj.get("type", "item")
    if kind_of_line == "profile":
        counts = {k: obj.get(k) for k in ("followers", "following", "posts")}
        for key, value in counts.items():
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                raise ArchiveFormatError(f"{where}: {key!r} must be a whole number")
        return ProfileSnapshot(external_id=str(_text(obj, "id", where, True)), handle=_text(obj, "handle", where), raw=obj, **counts)
    if kind_of_line != "item":
        raise ArchiveFormatError(f"{where}: type must be \"item\" or \"profile\", not {kind_of_line!r}")
    kind = obj.get("kind")
    if kind not in ITEM_KINDS:
        raise ArchiveFormatError(f"{where}: kind must be one of {', '.join(ITEM_KINDS)}, not {kind!r}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ArchiveFormatError(f"{where}: 'text' must be a string")
    return FetchedItem(
        external_id=str(_text(obj, "id", where, True)),
        kind=kind,
        author_id=_text(obj, "author_id", where),
        author_handle=_text(obj, "author", where),
        created_at=_time(obj, where),
        text=text,
        url=_text(obj, "url", where),
        reply_to_id=_text(obj, "reply_to_id", where),
        reply_to_author_id=_text(obj, "reply_to_author_id", where),
        conversation_id=_text(obj, "conversation_id", where),
        is_share=_flag(obj, "is_share", where),
        raw=obj,
    )


def read_jsonl(path: Path, require_profile: bool = True) -> Batch:
    """Every record of a JSON Lines archive; any bad line raises with its line number, returning nothing."""
    batch = Batch()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise PermanentError(f"archive {path} does not exist: check archive = ... in the account's config") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PermanentError(f"archive {path} cannot be read: {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        where = f"{path}, line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ArchiveFormatError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
        record = parse_line(obj, where)
        if isinstance(record, ProfileSnapshot):
            batch.snapshot = record
        else:
            batch.items.append(record)
    if batch.snapshot is None and require_profile:
        raise ArchiveFormatError(f"{path}: no profile line; add {{\"type\": \"profile\", \"id\": \"<account id>\"}}")
    return batch


class ArchiveConnector:
    """Serves one archive file as if it were the platform; no network, no credentials."""

    def __init__(self, platform: str, path: Path):
        self.platform = platform
        self.path = path

    def fetch(self, cursors: Mapping[str, str], now: datetime, watch: Sequence[str] = ()) -> Batch:
        """Everything in the file; a watched item no longer in it is gone (the export is the whole account)."""
        batch = read_jsonl(self.path)
        present = {item.external_id for item in batch.items}
        batch.deletions = [external_id for external_id in watch if external_id not in present]
        return batch


def build(platform: str, path: Path) -> ArchiveConnector:
    """An ArchiveConnector serving one file as the platform's data."""
    return ArchiveConnector(platform, path)
