"""What every connector's payload models share: strict parts, aware times, counters, and counted skips of malformed items."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError, ValidationInfo, WrapValidator
from pydantic_core import PydanticCustomError

SKIP_DETAIL = 10  # past this many malformed items of one kind in one stream, a single notice sums them up
T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class Payload(BaseModel):
    """A part of a platform's JSON: the fields we read are strictly typed, the others ignored."""

    # defer_build: a process that never reads this platform's answers (`monitor check`) does not build its schemas.
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True, populate_by_name=True, defer_build=True)


def _aware_time(value: Any) -> datetime:
    if not isinstance(value, str):
        raise PydanticCustomError("time_type", "Input should be a time as a string")
    try:
        moment = datetime.fromisoformat(value)  # since Python 3.11 also X's "...00.000Z" and Graph's "...00+0000"
    except ValueError:
        raise PydanticCustomError("time_parsing", "Input should be an ISO 8601 time") from None
    if moment.utcoffset() is None:
        raise PydanticCustomError("time_naive", "Input should be a time with a timezone")
    from connectors.base import plausible_time

    if plausible_time(moment) is None:
        raise PydanticCustomError("time_range", "Input should be a time between 1970 and 2099")
    return moment


def _drop_invalid(value: Any, handler: Any, info: ValidationInfo) -> Any:
    try:
        return handler(value)
    except ValidationError as exc:
        if isinstance(info.context, dict) and info.field_name:
            info.context.setdefault("dropped", {})[info.field_name] = problem(exc, info.field_name)
        return None


AwareTime = Annotated[datetime, PlainValidator(_aware_time)]
Count = Annotated[int, Field(ge=0)]  # strict: "lots", 3.0 and true are errors too
# An optional part that, when malformed, is left None (and reported by parse()) instead of failing its container.
Droppable = Annotated[T | None, WrapValidator(_drop_invalid)]


def problem(exc: ValidationError, prefix: str = "") -> str:
    """The first error pydantic found, as "where: what" ("entities: Input should be a valid dictionary")."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = ".".join(str(part) for part in (prefix, *first["loc"]) if part != "")
    message = first["msg"].split(" or instance of ")[0]  # "a valid dictionary", not "... or instance of Entities"
    text = f"{where}: {message}" if where else message
    if isinstance(first.get("input"), (str, int, float, bool)):
        text += f" (got {first['input']!r:.40})"
    return text + (f" and {len(errors) - 1} more problem(s)" if len(errors) > 1 else "")


def parse(model: type[M], raw: Any) -> tuple[M, dict[str, str]]:
    """raw as model (ValidationError when it cannot be), and the Droppable fields left None, with their problems."""
    context: dict[str, Any] = {}
    return model.model_validate(raw, context=context), context.get("dropped", {})


def shown_id(raw: Any) -> str:
    """An item's id for a notice: "?" when it has none readable."""
    value = raw.get("id") if isinstance(raw, dict) else None
    return f"{value}"[:40] if isinstance(value, (str, int)) and not isinstance(value, bool) else "?"


class Skips:
    """The malformed items skipped in one stream: a notice each, or one per kind past SKIP_DETAIL of that kind."""

    def __init__(self, where: str = ""):
        self.where = where
        self.skipped: dict[tuple[str, str, str, int], str] = {}  # (noun, id, place, n) -> reason
        self.broken: Counter[tuple[str, str]] = Counter()  # (noun, problem) of containers read in part

    def add(self, noun: str, raw: Any, reason: str, place: str | None = None) -> None:
        """Count one skipped item; the same item seen twice (on two pages) once."""
        item_id = shown_id(raw)
        key = (noun, item_id, self.where if place is None else place, len(self.skipped) if item_id == "?" else 0)
        self.skipped.setdefault(key, reason)

    def partly(self, noun: str, reason: str) -> None:
        """Count a container (a page) whose malformed part was dropped and the rest read."""
        self.broken[(noun, reason)] += 1

    def notices(self) -> list[str]:
        """The notices: one line per item, or a summary per kind when there are more than SKIP_DETAIL."""
        where = f" {self.where}" if self.where else ""
        lines = [f"{f'a {noun}' if n == 1 else f'{n} {noun}s'}{where} partly unreadable ({why}); the rest is used"
                 for (noun, why), n in self.broken.items()]
        for noun in dict.fromkeys(key[0] for key in self.skipped):
            entries = [(key[1], key[2], why) for key, why in self.skipped.items() if key[0] == noun]
            if len(entries) <= SKIP_DETAIL:
                lines += [f"skipped a malformed {noun}{f' {place}' if place else ''} (id {i}): {why}" for i, place, why in entries]
                continue
            places = {place for _, place, _ in entries}
            common = f" {places.pop()}" if len(places) == 1 and "" not in places else ""
            ids = ", ".join(i for i, _, _ in entries[:3])
            reasons = "; ".join(f"{n} × {why}" for why, n in Counter(why for _, _, why in entries).most_common(3))
            lines.append(f"skipped {len(entries)} malformed {noun}s{common} (ids {ids} and {len(entries) - 3} more): {reasons}")
        return lines

    def report(self, notices: list[str], logger: logging.Logger) -> None:
        """Add the notices to a batch's and log them."""
        for line in self.notices():
            notices.append(line)
            logger.warning(line)
