"""The base of every config table: unknown keys are errors; *_env keys name environment variables."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class StrictModel(BaseModel):
    """A config section: unknown keys are errors; *_env keys must name environment variables."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _env_names(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key, value in data.items():
                if isinstance(key, str) and key.endswith("_env") and value is not None:
                    if not isinstance(value, str) or not _ENV_NAME.match(value):
                        # The value is not repeated: it may be the secret itself, pasted by mistake.
                        raise ValueError(
                            f"{key} must be the name of an environment variable (e.g. X_BEARER_TOKEN), "
                            "not the secret itself"
                        )
        return data
