"""The base of every config table: unknown keys are errors; *_env keys name environment variables."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def looks_like_secret(value: str) -> bool:
    """Whether a value meant as a variable name or a file path is more likely a token or password pasted there."""
    if re.fullmatch(r"[A-Z][A-Z0-9_]*", value):  # how variable names are written, however long
        return False
    if len(value) >= 40:
        return True
    mixed = any(c.islower() for c in value) and any(c.isupper() for c in value) and any(c.isdigit() for c in value)
    return len(value) >= 16 and mixed and "_" not in value and "/" not in value


class StrictModel(BaseModel):
    """A config section: unknown keys are errors; *_env keys must name environment variables."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _env_names(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key, value in data.items():
                if isinstance(key, str) and key.endswith("_env") and value is not None:
                    if not isinstance(value, str) or not _ENV_NAME.match(value) or looks_like_secret(value):
                        # The value is not repeated: it may be the secret itself, pasted by mistake.
                        raise ValueError(
                            f"{key} must be the name of an environment variable (e.g. X_BEARER_TOKEN), "
                            "not the secret itself"
                        )
        return data
