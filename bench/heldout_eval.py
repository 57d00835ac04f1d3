"""Precision and recall of every text rule on a held-out corpus (bench/heldout*/corpus.jsonl).

Each corpus was written independently of the rules and of tests/data; the rules are
evaluated exactly as tests/test_corpus.py does (same RULES settings, same prediction
logic, imported from it).
Run: .venv/bin/python bench/heldout_eval.py [bench/heldout2/corpus.jsonl]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_corpus import PROMO, predictions, score  # noqa: E402

DEFAULT = Path(__file__).resolve().parent / "heldout" / "corpus.jsonl"
RULE_NAMES = ["profanity", "insult", "attacks_competitor", "absolute_claims", "personal_data", "secrets", "internal_terms", PROMO]
MISTAKES = {
    "tone": ("profanity", "insult", "attacks_competitor"),
    "misleading": ("absolute_claims",),
    "oversharing": ("personal_data", "secrets", "internal_terms"),
    "self_promotion": (PROMO,),
}


def _ratio(tp: int, fp: int, fn: int) -> str:
    precision = f"{tp / (tp + fp):.2f}" if tp + fp else "n/a"
    recall = f"{tp / (tp + fn):.2f}" if tp + fn else "n/a"
    return f"{precision} / {recall} ({tp}/{fp}/{fn})"


def by_mistake(rows: list[dict], flags: dict) -> None:
    """Precision / recall per mistake (a text is positive when it has any of the mistake's labels), per language."""
    print("| mistake | all | en | ru | mixed |")
    print("|---|---|---|---|---|")
    for mistake, rules in MISTAKES.items():
        cells = []
        for lang in (None, "en", "ru", "mixed"):
            tp = fp = fn = 0
            for row in rows:
                if lang and row["lang"] != lang:
                    continue
                expected = any(r in row["labels"] for r in rules)
                predicted = any(flags[r](row["text"]) for r in rules if r in flags)
                tp, fp, fn = tp + (expected and predicted), fp + (predicted and not expected), fn + (expected and not predicted)
            cells.append(_ratio(tp, fp, fn))
        print(f"| {mistake} | " + " | ".join(cells) + " |")
    print()


def load(corpus: Path) -> list[dict]:
    """The labelled rows of a corpus file, each with its file:line."""
    rows = []
    for number, line in enumerate(corpus.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            row = json.loads(line)
            row["where"] = f"{corpus.parent.name}/{corpus.name}:{number}"
            rows.append(row)
    return rows


def main() -> None:
    """Print the per-rule table, the labels per language, then every error with its text."""
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    rows = load(corpus)
    flags = predictions()
    flags.setdefault("secrets", lambda text: False)  # no such rule before set 3 (it then scores recall 0)
    print(f"{corpus}: {len(rows)} texts, {sum(1 for r in rows if not r['labels'])} clean\n")
    by_mistake(rows, flags)
    print("| rule | precision | recall | tp/fp/fn |")
    print("|---|---|---|---|")
    errors = {}
    for rule in RULE_NAMES:
        tp, fps, fns = score(rows, flags[rule], rule)
        fp, fn = len(fps), len(fns)
        precision = f"{tp / (tp + fp):.2f}" if tp + fp else "n/a"
        recall = f"{tp / (tp + fn):.2f}" if tp + fn else "n/a"
        print(f"| {rule} | {precision} | {recall} | {tp}/{fp}/{fn} |")
        errors[rule] = (fps, fns)
    print()
    print("| label | en | ru | mixed | all |")
    print("|---|---|---|---|---|")
    for label in RULE_NAMES + ["(clean)"]:
        counts = {
            lang: sum(1 for r in rows if r["lang"] == lang and (label in r["labels"] if label != "(clean)" else not r["labels"]))
            for lang in ("en", "ru", "mixed")
        }
        print(f"| {label} | {counts['en']} | {counts['ru']} | {counts['mixed']} | {sum(counts.values())} |")
    print()
    for rule, (fps, fns) in errors.items():
        if not fps and not fns:
            continue
        print(f"### {rule}")
        for kind, items in (("FP", fps), ("FN", fns)):
            for row in items:
                print(f"- {kind} {row['where']}: {row['text']}")
        print()


if __name__ == "__main__":
    main()
