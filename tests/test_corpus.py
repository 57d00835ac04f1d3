"""Precision and recall of every text rule on the labelled corpus (tests/data/corpus_*.jsonl)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from monitor.detectors.registry import registry
from monitor.settings import RulesSettings

DATA = Path(__file__).resolve().parent / "data"
MIN_PRECISION, MIN_RECALL = 0.9, 0.85
# The brand context the corpus is labelled for: its competitors, its own public contacts and shop.
RULES = RulesSettings.model_validate(
    {
        "tone": {"competitors": ["Starbucks", "Costa Coffee", "@coffeehouse_ru", "Шоколадница"]},
        "oversharing": {"allow": ["+7 800 555-35-35", "hello@northwind.example"]},
        "self_promotion": {"shop_domains": ["shop.northwind.example"]},
    }
)
# The same context with the word rules alone, without the trained register model beside them: this corpus pins the
# rules (they were written against it); the model is measured on held-out sets only (bench/README.md).
RULES_ONLY = RULES.model_copy(
    update={
        "tone": RULES.tone.model_copy(update={"register_model": False}),
        "self_promotion": RULES.self_promotion.model_copy(update={"register_model": False}),
    }
)
PROMO = "promo"  # the corpus label of a promotional post (self_promotion's per-post score)


def corpus() -> list[dict]:
    """Every labelled text: {"text", "lang", "labels": [rule, ...], "note"}."""
    rows = []
    for path in sorted(DATA.glob("corpus_*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                row = json.loads(line)
                row["where"] = f"{path.name}:{number}"
                rows.append(row)
    return rows


def predictions(rules: RulesSettings = RULES) -> dict[str, callable]:
    """rule name → does the rule flag this text."""
    from monitor.detectors.self_promotion import promo_score

    checks = {r.name: r.check for r in registry().rules.values() if r.check}
    flags = {name: (lambda text, c=check: bool(c(text, rules))) for name, check in checks.items()}
    flags[PROMO] = lambda text: promo_score(text, rules.self_promotion) >= rules.self_promotion.promo_threshold
    return flags


def score(rows: list[dict], flag: Callable[[str], bool], rule: str) -> tuple[int, list[dict], list[dict]]:
    """True positives, false alarms and misses of one rule over labelled rows."""
    tp, false_alarms, misses = 0, [], []
    for row in rows:
        predicted, expected = flag(row["text"]), rule in row["labels"]
        tp += predicted and expected
        if predicted and not expected:
            false_alarms.append(row)
        if expected and not predicted:
            misses.append(row)
    return tp, false_alarms, misses


def test_corpus_is_big_and_bilingual():
    rows = corpus()
    languages = {row["lang"] for row in rows}
    assert len(rows) >= 200 and {"en", "ru"} <= languages
    assert sum(1 for row in rows if not row["labels"]) >= 60, "too few clean texts (traps) in the corpus"


@pytest.mark.parametrize(
    "rule", ["profanity", "insult", "attacks_competitor", "absolute_claims", "personal_data", "secrets", "internal_terms", PROMO]
)
def test_rule_precision_and_recall(rule):
    rows = corpus()
    tp, false_alarms, misses = score(rows, predictions(RULES_ONLY)[rule], rule)
    fp, fn = len(false_alarms), len(misses)
    false_alarms = [f"{row['where']}: {row['text']}" for row in false_alarms]
    misses = [f"{row['where']}: {row['text']}" for row in misses]
    assert tp + fn >= 10, f"{rule}: fewer than 10 positive examples in the corpus"
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn)
    print(f"{rule}: precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn}, texts {len(rows)})")
    assert precision >= MIN_PRECISION, f"{rule} precision {precision:.2f}; false alarms:\n" + "\n".join(false_alarms)
    assert recall >= MIN_RECALL, f"{rule} recall {recall:.2f}; missed:\n" + "\n".join(misses)
