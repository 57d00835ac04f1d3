"""The trained register model shipped with the monitor (train/train_register.py makes it), loaded once."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from monitor.text.libraries import TextLibraryMissing
from monitor.text.register.features import BUCKETS, features

MODEL = Path(__file__).with_name("register.npz")


@lru_cache(maxsize=1)
def _load() -> dict[str, tuple[Any, float, float, float]]:
    """label → (weights per feature bucket, bias, threshold beside the rules, threshold alone)."""
    import numpy as np  # imported here: a sweep or check without a text to judge does not pay for it

    if not MODEL.is_file():
        raise TextLibraryMissing(f"the register model {MODEL} is missing: reinstall smm-monitor, or re-run "
                                 "train/train_register.py, or set register_model = false under [rules.tone] and "
                                 "[rules.self_promotion]")
    with np.load(MODEL) as data:
        labels = [str(label) for label in data["labels"]]
        weights = data["weights"].astype(np.float32)
        if weights.shape != (len(labels), BUCKETS):
            raise ValueError(f"{MODEL}: weights of shape {weights.shape}, expected ({len(labels)}, {BUCKETS}); re-run train/train_register.py")
        return {
            label: (weights[i], float(data["bias"][i]), float(data["threshold"][i]), float(data["threshold_alone"][i]))
            for i, label in enumerate(labels)
        }


def labels() -> list[str]:
    """The labels the model was trained for."""
    return list(_load())


def probability(text: str, label: str) -> float:
    """The model's probability that text has label."""
    weights, bias = _load()[label][:2]
    found = features(text)
    if not found:
        return 1 / (1 + math.exp(-bias))
    score = bias + float(weights[list(found)].sum()) / math.sqrt(len(found))
    return 1 / (1 + math.exp(-score))


def best_sentence(text: str, label: str, spans: list[tuple[int, int]]) -> str:
    """The sentence of text the model finds most like label (the evidence of a model-only finding)."""
    if not spans:
        return text.strip()
    start, end = max(spans, key=lambda span: probability(text[span[0] : span[1]], label))
    return text[start:end].strip()


def flags(text: str, label: str) -> bool:
    """Whether the model, beside the rules, flags text (its threshold chosen for that in training, by cross-validation)."""
    return probability(text, label) >= _load()[label][2]


def alone(label: str) -> Callable[[str], bool]:
    """The model as the only judge of label (its own cross-validated threshold), for comparing it with the rules."""
    threshold = _load()[label][3]
    return lambda text: probability(text, label) >= threshold
