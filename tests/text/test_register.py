"""The trained register model beside the word rules: what it adds, how it speaks, and that it can be switched off."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from monitor.detectors.registry import registry
from monitor.detectors.self_promotion import promo_score
from monitor.settings import RulesSettings
from monitor.text.register import model

ROOT = Path(__file__).resolve().parents[2]
OFF = RulesSettings.model_validate({"tone": {"register_model": False}, "self_promotion": {"register_model": False}})


def check(rule: str, text: str, rules: RulesSettings | None = None) -> list:
    return registry().get("tone", rule).check(text, rules or RulesSettings())


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("insult", "Interesting theory. Maybe read the menu next time before writing an essay about it."),
        ("insult", "@ivan Ну раз вам всё не так, может, вам просто не стоит к нам ходить."),
        ("attacks_competitor", "Only amateurs buy their beans at Bean There. Real coffee lovers know better."),
    ],
)
def test_the_model_warns_where_no_word_list_names_the_register(rule: str, text: str) -> None:
    assert check(rule, text, OFF) == []

    [hit] = check(rule, text)

    assert hit.severity == "warning" and "tone model" in hit.summary["en"] and "модели тона" in hit.summary["ru"]
    assert hit.fragments and 0.5 < hit.details["model"] < 1


def test_a_post_the_model_reads_as_an_advert_counts_as_promotional_unless_switched_off() -> None:
    text = "Last chance! Grab two bags for the price of one before midnight 🔥"
    rules = RulesSettings().self_promotion

    assert promo_score(text, rules) >= rules.promo_threshold > promo_score(text, OFF.self_promotion)


@pytest.mark.parametrize("text", ["", "   ", "😀" * 50, "x" * 10_000, "\u200b\u200d", "שלום עולם", "Zа\u0301пад ▲" * 300])
def test_odd_texts_never_crash_the_model(text: str) -> None:
    for label in model.labels():
        assert 0.0 <= model.probability(text, label) <= 1.0
    for rule in ("insult", "attacks_competitor"):
        assert isinstance(check(rule, text), list)


def test_the_shipped_model_is_what_the_training_script_makes(tmp_path: Path) -> None:
    """The model file is reproducible from train/register.jsonl: retrained into tmp_path, the weights are the same
    (to float16 rounding)."""
    out = tmp_path / "register.npz"
    subprocess.run([sys.executable, str(ROOT / "train" / "train_register.py"), "--out", str(out)], check=True, capture_output=True, timeout=300)
    with np.load(model.MODEL) as shipped, np.load(out) as fresh:
        assert list(shipped["labels"]) == list(fresh["labels"])
        # Within one float16 step: another numpy or scikit-learn release may round a weight's last bit the other way.
        np.testing.assert_allclose(shipped["weights"].astype(np.float32), fresh["weights"].astype(np.float32),
                                   rtol=2**-9, atol=2**-10)
        assert np.allclose(shipped["threshold"], fresh["threshold"])
