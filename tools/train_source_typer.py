"""Train the source typer: the classifier that types source phrases (credscore.cues.source_types).

Input: the train and dev parts of the source gold set (``datasets/sources/gold.tsv``: 84 PolNeAR train
and dev articles; ``--splits train`` for the train part alone, as shipped before the test part existed),
the PolNeAR texts in ``$CREDSCORE_DATA``. The test part (``datasets/sources/test.tsv``) is never read
here. Pronouns and phrases that a sure rule types are left out
(the classifier never sees them at run time). Model: multinomial logistic regression over
``source_types.FEATURES``; the regularisation C is chosen by 5-fold cross-validation grouped by
article, on the training rows only. Output: ``credscore/data/source_typer.json`` (plain numbers; loading it
runs no code).

    CREDSCORE_DATA=../shared/data python -m tools.train_source_typer
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from credscore.cues import CueDetector
from credscore.cues.document import Document, find_publisher
from credscore.cues.quotes import find_quotations
from credscore.cues.source_types import TYPE_RULES
from credscore.cues.typer import SourceTyper, span_features, words_of
from credscore.sentences import split_sentences
from tools import corpora

from .gold.sources import read_gold

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "credscore" / "data" / "source_typer.json"
PRONOUNS = frozenset("he she they it i we who which you him her them his their its".split())
SEED = 7


def document(det: CueDetector, text: str) -> Document:
    sents = split_sentences(text)
    doc = Document(det, text, sents)
    find_quotations(doc)
    find_publisher(doc)
    return doc


def examples(split: str, det: CueDetector | None = None, *, skip_rules: bool = True):
    """(X, y, groups, rows) for the gold rows of a split that the classifier would type."""
    det = det or CueDetector()
    if split not in ("train", "dev"):
        raise ValueError(f"the typer trains on the gold train and dev parts, not {split!r}")
    rows = [r for r in read_gold() if r["split"] == split]
    arts = {a.name: a for a in corpora.read_polnear(split)}
    docs: dict[str, Document] = {}
    X, y, g, kept = [], [], [], []
    for r in rows:
        art = arts[r["doc"]]
        doc = docs.get(art.name) or docs.setdefault(art.name, document(det, art.text))
        a, b = int(r["start"].split(";")[0]), int(r["end"].split(";")[-1])
        words = doc.low[a:b].split()
        if len(words) == 1 and words[0].strip(".,") in PRONOUNS:
            continue
        if skip_rules:
            w = words_of(doc, a, b)
            if not w.raw or any(r.find(doc, w, a, b) is not None for r in TYPE_RULES):
                continue
        from bisect import bisect_right

        si = bisect_right(doc.sentence_starts, a) - 1
        X.append(span_features(doc, a, b, doc.sentence_starts[max(0, si)]))
        y.append(r["type"])
        g.append(r["doc"])
        kept.append(r)
    return np.asarray(X), np.asarray(y), np.asarray(g), kept


def fit(
    X: np.ndarray, y: np.ndarray, groups: np.ndarray, splits: tuple[str, ...] = ("train",)
) -> tuple[SourceTyper, dict]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_score

    cv = GroupKFold(n_splits=5, shuffle=True, random_state=SEED)
    scores = {}
    for C in (0.1, 0.3, 1.0, 3.0, 10.0):
        lr = LogisticRegression(C=C, max_iter=5000, fit_intercept=False, class_weight=None)
        scores[C] = float(np.mean(cross_val_score(lr, X, y, groups=groups, cv=cv, scoring="accuracy")))
    best = max(scores, key=lambda c: scores[c])
    lr = LogisticRegression(C=best, max_iter=5000, fit_intercept=False).fit(X, y)
    W = lr.coef_.T  # (n_features, n_classes)
    meta = {
        "trained_on": f"datasets/sources/gold.tsv, split={'+'.join(splits)} (PolNeAR {' and '.join(splits)} articles)",
        "n": len(y),
        "label_counts": dict(Counter(y.tolist())),
        "C": best,
        "cv_accuracy": {str(k): round(v, 4) for k, v in scores.items()},
        "model": "LogisticRegression(multinomial, L2, no intercept: the bias feature is a column)",
    }
    return SourceTyper(W, tuple(str(c) for c in lr.classes_), meta), meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.train_source_typer", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--splits", default="train,dev", help="gold parts to train on (default: train,dev)")
    args = ap.parse_args(argv)
    splits = tuple(args.splits.split(","))
    parts = [examples(sp) for sp in splits]
    X = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    g = np.concatenate([p[2] for p in parts])
    print(f"{len(y)} training phrases: {dict(Counter(y.tolist()))}", file=sys.stderr)
    typer, meta = fit(X, y, g, splits)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(typer.to_json() + "\n", encoding="utf-8")
    print(meta, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
