"""Configuration errors that name the file, the key and the fix."""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from monitor.text.plural import counted


class ConfigError(Exception):
    """The configuration is wrong; the message says where and how to fix it (exit code 2)."""


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as `Model`, `list[Model]` or `Model | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None


def _known_keys(root: type[BaseModel], loc: tuple) -> list[str]:
    """The keys a config table at loc accepts."""
    model: type[BaseModel] | None = root
    for part in loc:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        field = next(
            (f for name, f in model.model_fields.items() if part in (name, f.alias)),
            None,
        )
        model = _model_in(field.annotation) if field else None
    if model is None:
        return []
    extra = getattr(model, "extra_keys", None)  # keys a model takes on behalf of others (an account's platform keys)
    return [f.alias or name for name, f in model.model_fields.items() if name != "target"] + (extra() if extra else [])


def key_path(loc: tuple) -> str:
    """Render a pydantic location as a config key path: accounts[0].handle."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def describe_validation_error(path: Path, exc: ValidationError, root: type[BaseModel], prefix: tuple = ()) -> str:
    """One line per problem: file, key, what is wrong and how to fix it."""
    lines = [f"{path}: the configuration has {counted(exc.error_count(), 'problem')}:"]
    for error in exc.errors():
        loc = tuple(error["loc"])
        # Validators after the model report their own location as the model.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        where = key_path(prefix + loc)
        if error["type"] == "extra_forbidden":
            keys = _known_keys(root, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), keys, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys here: {', '.join(keys)}"
            lines.append(f"  {where}: unknown key; {hint}")
        elif error["type"] == "missing":
            lines.append(f"  {where}: required key is missing; add it")
        else:
            message = error["msg"].removeprefix("Value error, ")
            lines.append(f"  {where}: {message}")
    return "\n".join(lines)
