"""X data archives: data/tweets.js and account.js as the account's own posts and replies."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from connectors.archive import ArchiveFormatError
from connectors.base import Batch, FetchedItem, PermanentError, ProfileSnapshot, plausible_time

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
        if plausible_time(created_at) is None:
            raise ArchiveFormatError(f"{where}: tweet {tweet_id} has created_at {tweet.get('created_at')!r}, outside 1970–2099")
        entities = tweet.get("entities") or {}
        if not isinstance(entities, dict):
            raise ArchiveFormatError(f"{where}: tweet {tweet_id}: 'entities' must be an object, not {entities!r:.40}")
        urls = entities.get("urls") or []
        if not isinstance(urls, list):
            raise ArchiveFormatError(f"{where}: tweet {tweet_id}: 'entities.urls' must be a list, not {urls!r:.40}")
        for key in ("in_reply_to_status_id_str", "in_reply_to_user_id_str"):
            if tweet.get(key) is not None and not isinstance(tweet.get(key), str):
                raise ArchiveFormatError(f"{where}: tweet {tweet_id}: {key!r} must be a string of digits, not {tweet.get(key)!r:.40}")
        for url in urls:
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


def is_x_archive(path: Path) -> bool:
    """Whether the file starts like an X archive's `window.YTD.<kind>.part0 = [`."""
    with path.open("rb") as handle:
        return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"window.YTD.")
