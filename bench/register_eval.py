"""The register model next to the rules on a held-out corpus: rules alone, model alone, rules or model.

The model and its thresholds come from train/train_register.py (chosen by cross-validation on the training set);
nothing here is tuned. Run: .venv/bin/python bench/register_eval.py bench/heldout4/corpus.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from heldout_eval import load
from test_corpus import RULES_ONLY, predictions

from monitor.text.register import model


def _cell(rows: list[dict], label: str, flag) -> str:  # type: ignore[no-untyped-def]
    tp = fp = fn = 0
    for row in rows:
        predicted, expected = flag(row["text"]), label in row["labels"]
        tp, fp, fn = tp + (predicted and expected), fp + (predicted and not expected), fn + (expected and not predicted)
    precision = f"{tp / (tp + fp):.2f}" if tp + fp else "n/a"
    recall = f"{tp / (tp + fn):.2f}" if tp + fn else "n/a"
    return f"{precision} / {recall} ({tp}/{fp}/{fn})"


def main() -> None:
    """One row per label the model knows: precision / recall (tp/fp/fn) of each way of flagging."""
    rows = load(Path(sys.argv[1]))
    rules = predictions(RULES_ONLY)
    print(f"{sys.argv[1]}: {len(rows)} texts\n")
    print("| label | rules | model alone | rules or model |")
    print("|---|---|---|---|")
    for label in model.labels():
        alone = model.alone(label)
        both = lambda text, label=label: rules[label](text) or model.flags(text, label)
        print(f"| {label} | {_cell(rows, label, rules[label])} | {_cell(rows, label, alone)} | {_cell(rows, label, both)} |")


if __name__ == "__main__":
    main()
