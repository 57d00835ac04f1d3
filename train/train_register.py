"""Train the register model (monitor/text/register/register.npz) on train/register.jsonl.

A logistic regression per label on the hashed features of monitor.text.register.features; its regularisation and its
threshold (the lowest that keeps out-of-fold precision at PRECISION or better) are chosen by 5-fold cross-validation
on the training set alone: held-out sets are never read here.
Run: .venv/bin/python train/train_register.py [--out FILE]
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.text.register.features import BUCKETS, features
from monitor.text.register.model import MODEL

DATA = ROOT / "train" / "register.jsonl"
LABELS = ["insult", "attacks_competitor", "promo"]
PRECISION = 0.95
# What the model adds to the rules must be right this often (out of fold): it speaks only where no rule does.
ADDED_PRECISION = 0.9
C_GRID = [4.0, 16.0, 64.0]


def matrix(texts: list[str]) -> csr_matrix:
    """Rows of binary features scaled to unit length, as the model scores them."""
    rows, cols, vals = [], [], []
    for row, text in enumerate(texts):
        found = features(text)
        rows += [row] * len(found)
        cols += found
        vals += [1 / math.sqrt(len(found))] * len(found) if found else []
    return csr_matrix((vals, (rows, cols)), shape=(len(texts), BUCKETS), dtype=np.float32)


def out_of_fold(x: csr_matrix, y: np.ndarray, c: float) -> np.ndarray:
    """Each text's probability from a model trained without its fold."""
    scores = np.zeros(len(y))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=7).split(x, y):
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x[train], y[train])
        scores[test] = model.predict_proba(x[test])[:, 1]
    return scores


def pick_threshold(scores: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """(threshold, precision, recall) of the model alone: the lowest threshold with precision ≥ PRECISION."""
    for t in sorted(set(np.round(scores, 3))):
        flagged = scores >= t
        tp = int((flagged & (y == 1)).sum())
        if tp and tp / int(flagged.sum()) >= PRECISION:
            return float(t), tp / int(flagged.sum()), tp / int(y.sum())
    return 1.0, 0.0, 0.0


def pick_added_threshold(scores: np.ndarray, y: np.ndarray, rules: np.ndarray) -> tuple[float, float, int]:
    """(threshold, precision, count) of what the model adds beside the rules: the lowest threshold at which the texts
    it flags and the rules do not are right at least ADDED_PRECISION of the time."""
    for t in sorted(set(np.round(scores, 3))):
        added = (scores >= t) & ~rules
        tp = int((added & (y == 1)).sum())
        if tp and tp / int(added.sum()) >= ADDED_PRECISION:
            return float(t), tp / int(added.sum()), int(added.sum())
    return 1.0, 0.0, 0


def _figures(flagged: np.ndarray, y: np.ndarray) -> str:
    tp = int((flagged & (y == 1)).sum())
    return f"{tp / max(int(flagged.sum()), 1):.2f} / {tp / max(int(y.sum()), 1):.2f}"


def main() -> None:
    """Train every label, print its cross-validated figures next to the rules', write the model file.

    The model ships beside the rules (a text is flagged when either says so), with the threshold at which what it adds
    is right ADDED_PRECISION of the time; the model alone is reported for comparison."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_corpus import RULES_ONLY, predictions

    out = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else MODEL
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows]
    x = matrix(texts)
    rule_flags = predictions(RULES_ONLY)
    weights, biases, thresholds, alone_thresholds = [], [], [], []
    print(f"{DATA.relative_to(ROOT)}: {len(rows)} texts; precision / recall, model figures out of fold (5-fold CV)\n")
    print("| label | positives | C | rules | model alone | threshold | rules or model | threshold |")
    print("|---|---|---|---|---|---|---|---|")
    for label in LABELS:
        y = np.array([label in r["labels"] for r in rows], dtype=int)
        rules = np.array([rule_flags[label](t) for t in texts])
        picked = []
        for c in C_GRID:
            scores = out_of_fold(x, y, c)
            t, _, added = pick_added_threshold(scores, y, rules)
            picked.append((added, c, t, scores))
        _, c, t, scores = max(picked, key=lambda p: p[:3])
        alone = pick_threshold(scores, y)
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x, y)
        weights.append(model.coef_[0].astype(np.float16))
        biases.append(float(model.intercept_[0]))
        thresholds.append(t)
        alone_thresholds.append(alone[0])
        print(f"| {label} | {int(y.sum())} | {c:g} | {_figures(rules, y)} | {_figures(scores >= alone[0], y)} | {alone[0]:.3f} "
              f"| {_figures((scores >= t) | rules, y)} | {t:.3f} |")
    np.savez_compressed(out, labels=np.array(LABELS), weights=np.stack(weights), bias=np.array(biases), threshold=np.array(thresholds),
                        threshold_alone=np.array(alone_thresholds))
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
