"""Offline connector: reads an account's items from a JSON Lines export (demo data, audits)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from connectors.base import ITEM_KINDS, Batch, FetchedItem, PermanentError, ProfileSnapshot


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
    return parsed


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
        is_share=bool(obj.get("is_share", False)),
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


_YTD = re.compile(r"^\s*window\.YTD\.(\w+)\.part\d+\s*=\s*")
X_TIME = "%a %b %d %H:%M:%S %z %Y"


def _ytd(path: Path, kind: str) -> tuple[str, Any]:
    """The text and parsed value of an X archive file `window.YTD.<kind>.partN = [...]`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PermanentError(f"{path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PermanentError(f"{path} cannot be read: {exc}") from None
    match = _YTD.match(text)
    if not match or match.group(1) != kind:
        raise ArchiveFormatError(f"{path}, line 1: expected 'window.YTD.{kind}.part0 = [' (an X data archive's data/{kind}.js)")
    # Blank out the prefix instead of cutting it so JSON errors keep their line and column.
    body = " " * match.end() + text[match.end():]
    try:
        return text, json.loads(body)
    except json.JSONDecodeError as exc:
        raise ArchiveFormatError(f"{path}, line {exc.lineno}: not valid JSON ({exc.msg} at column {exc.colno})") from None


def read_x_account(tweets_js: Path) -> ProfileSnapshot | None:
    """The account id and handle from account.js beside tweets.js, when it is there."""
    account_js = tweets_js.with_name("account.js")
    if not account_js.exists():
        return None
    _, value = _ytd(account_js, "account")
    try:
        account = value[0]["account"]
        return ProfileSnapshot(external_id=str(account["accountId"]), handle=account.get("username"), raw=account)
    except (LookupError, TypeError):
        raise ArchiveFormatError(f"{account_js}: expected [{{\"account\": {{\"accountId\": ...}}}}]") from None


def read_tweets_js(path: Path, user_id: str, handle: str | None) -> Batch:
    """The tweets of an X data archive (data/tweets.js) as the account's own posts and replies."""
    text, value = _ytd(path, "tweets")
    if not isinstance(value, list):
        raise ArchiveFormatError(f"{path}: expected a list of {{\"tweet\": ...}} entries")
    batch = Batch()
    for index, entry in enumerate(value):
        tweet = entry.get("tweet") if isinstance(entry, dict) else None
        tweet_id = tweet.get("id_str") if isinstance(tweet, dict) else None
        position = text.find(f'"{tweet_id}"') if isinstance(tweet_id, str) else -1
        where = f"{path}, line {text.count(chr(10), 0, position) + 1}" if position >= 0 else f"{path}, entry {index + 1}"
        if not isinstance(tweet, dict) or not isinstance(tweet_id, str):
            raise ArchiveFormatError(f"{where}: each entry must be {{\"tweet\": {{\"id_str\": ..., \"full_text\": ...}}}}")
        full_text = tweet.get("full_text", tweet.get("text"))
        if not isinstance(full_text, str):
            raise ArchiveFormatError(f"{where}: tweet {tweet_id} has no full_text")
        try:
            created_at = datetime.strptime(str(tweet.get("created_at")), X_TIME)
        except ValueError:
            raise ArchiveFormatError(
                f"{where}: tweet {tweet_id} has created_at {tweet.get('created_at')!r}, expected e.g. 'Wed Nov 20 10:00:00 +0000 2026'"
            ) from None
        for url in (tweet.get("entities") or {}).get("urls") or []:
            if isinstance(url, dict) and isinstance(url.get("url"), str) and isinstance(url.get("expanded_url"), str):
                full_text = full_text.replace(url["url"], url["expanded_url"])
        reply_to = tweet.get("in_reply_to_status_id_str")
        batch.items.append(
            FetchedItem(
                external_id=tweet_id,
                kind="reply" if reply_to else "post",
                author_id=user_id,
                author_handle=handle,
                created_at=created_at,
                text=full_text,
                url=f"https://x.com/{handle or 'i/web'}/status/{tweet_id}",
                reply_to_id=reply_to,
                reply_to_author_id=tweet.get("in_reply_to_user_id_str"),
                is_share=full_text.startswith("RT @"),
                raw=tweet,
            )
        )
    return batch


class ArchiveConnector:
    """Serves one archive file as if it were the platform; no network, no credentials."""

    def __init__(self, platform: str, path: Path):
        self.platform = platform
        self.path = path

    def fetch(self, cursors: Mapping[str, str], now: datetime) -> Batch:
        """Everything in the file; the store's upserts keep repeated reads harmless."""
        return read_jsonl(self.path)


def build(settings: Any, account: Any) -> ArchiveConnector:
    """An ArchiveConnector for an account with source = "archive"."""
    return ArchiveConnector(account.platform, settings.resolve_path(account.archive))
