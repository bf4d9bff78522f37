"""Train the span ranker (credscore.cues.span_ranker): which proposed span is a verb of saying's source.

Input: PolNeAR **train** attributions (``$CREDSCORE_DATA/polnear/data/train``) to fit, PolNeAR **dev** to
choose the regularisation; the test part is never read. The detector runs over each article with the
ranker recording (:func:`credscore.cues.span_ranker.recording`: the cascade decides, so the candidates
are those of today's pipeline), and each verb's candidates are labelled against the gold attribution
whose cue overlaps the verb:

- no gold attribution at the verb, or one without a source: "none of these" is right;
- otherwise the candidate whose span equals the gold source span (both trimmed of white space and outer
  punctuation, as ``bench/eval_sources.py`` compares them); failing that, the candidate that overlaps
  the gold span best if their token Jaccard is at least :data:`MIN_JACCARD` (a near miss still points at
  the right phrase and its type); failing that the verb is left out (no candidate is right).

Model: a conditional logit (softmax over the candidates of one verb), fitted with numpy and scipy's
L-BFGS on the mean negative log-likelihood plus ``l2 * |coef|^2``. scikit-learn's LogisticRegression
would treat each candidate as an independent yes/no, which neither normalises within a verb nor lets
"none of these" compete with the spans; the conditional logit is ten lines of numpy. ``l2`` is the
value of :data:`L2_GRID` with the best choice accuracy on dev. Output: ``credscore/data/span_ranker.json``
(plain numbers; loading it runs no code).

    CREDSCORE_DATA=../shared/data python -m tools.train_span_ranker
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from credscore.cues import CueDetector
from credscore.cues.span_ranker import FEATURES, SpanRanker, recording
from credscore.sentences import split_sentences
from tools import corpora

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "credscore" / "data" / "span_ranker.json"
#: Regularisation strengths tried (chosen on PolNeAR dev by choice accuracy).
L2_GRID = (1e-6, 1e-5, 1e-4, 1e-3, 1e-2)
#: A near-miss candidate is the positive when its token Jaccard with the gold span reaches this.
MIN_JACCARD = 0.5


def _jaccard(text: str, x: tuple[int, int], y: tuple[int, int]) -> float:
    wx = {(m, w) for m, w in _word_spans(text, *x)}
    wy = {(m, w) for m, w in _word_spans(text, *y)}
    return len(wx & wy) / len(wx | wy) if wx | wy else 0.0


def _word_spans(text: str, a: int, b: int) -> list[tuple[int, str]]:
    out, pos = [], a
    for w in text[a:b].split():
        i = text.index(w, pos)
        out.append((i, w))
        pos = i + len(w)
    return out


def groups(split: str, det: CueDetector) -> tuple[list[np.ndarray], list[int], Counter]:
    """Feature matrices and the index of the right candidate, one per verb with a labelled choice."""
    Xs: list[np.ndarray] = []
    ys: list[int] = []
    n: Counter = Counter()
    for art in corpora.read_polnear(split):
        t = art.text
        with recording() as rows:
            det.analyze(t, split_sentences(t))
        for (va, vb), cands, X in rows:
            gold = next((g for g in art.attributions if any(a < vb and va < b for a, b in g.cue)), None)
            if gold is None or not gold.source:
                y = 0
                n["none"] += 1
            else:
                g = corpora.trim_span(t, min(a for a, _ in gold.source), max(b for _, b in gold.source))
                spans = [None if c.span is None else corpora.trim_span(t, *c.span) for c in cands]
                y = next((k for k, sp in enumerate(spans) if sp == g), -1)
                if y > 0:
                    n["exact"] += 1
                else:
                    best = max(range(1, len(spans)), key=lambda k: _jaccard(t, spans[k], g), default=-1)
                    if best > 0 and _jaccard(t, spans[best], g) >= MIN_JACCARD:
                        y = best
                        n["overlap"] += 1
                    else:
                        n["no candidate right"] += 1
                        continue
            Xs.append(X)
            ys.append(y)
    return Xs, ys, n


def fit(Xs: list[np.ndarray], ys: list[int], l2: float) -> np.ndarray:
    """The conditional logit's coefficients: mean NLL of the right candidate + ``l2 * |w|^2``."""
    X = np.vstack(Xs)
    sizes = np.array([len(x) for x in Xs])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    pos = starts + np.asarray(ys)
    group = np.repeat(np.arange(len(Xs)), sizes)
    m = len(Xs)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = X @ w
        zmax = np.maximum.reduceat(z, starts)
        e = np.exp(z - zmax[group])
        tot = np.add.reduceat(e, starts)
        lse = np.log(tot) + zmax
        nll = (lse.sum() - z[pos].sum()) / m
        p = e / tot[group]
        grad = X.T @ p
        grad -= X[pos].sum(axis=0)
        grad /= m
        return nll + l2 * w @ w, grad + 2 * l2 * w

    res = minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return res.x


def accuracy(w: np.ndarray, Xs: list[np.ndarray], ys: list[int]) -> float:
    return float(np.mean([int(np.argmax(X @ w)) == y for X, y in zip(Xs, ys, strict=True)])) if Xs else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", default="train", help="PolNeAR compartment to fit on (default train)")
    ap.add_argument("--dev", default="dev", help="PolNeAR compartment to choose l2 on (default dev)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    det = CueDetector(span_ranker=True)  # recording: the walkers propose, the cascade decides
    Xtr, ytr, ntr = groups(args.train, det)
    Xdv, ydv, ndv = groups(args.dev, det)
    print(f"train verbs: {dict(ntr)}; dev verbs: {dict(ndv)}")
    cascade = np.zeros(len(FEATURES))
    cascade[FEATURES.index("by_cascade")] = 1.0
    cascade[FEATURES.index("none_x_cascade_none")] = 0.5  # "none" wins exactly when the cascade found nothing
    print(f"cascade alone: train {accuracy(cascade, Xtr, ytr):.3f}, dev {accuracy(cascade, Xdv, ydv):.3f}")
    best = None
    for l2 in L2_GRID:
        w = fit(Xtr, ytr, l2)
        acc_tr, acc_dv = accuracy(w, Xtr, ytr), accuracy(w, Xdv, ydv)
        print(f"l2={l2:g}: train {acc_tr:.3f}, dev {acc_dv:.3f}")
        if best is None or acc_dv > best[0]:
            best = (acc_dv, l2, w, acc_tr)
    assert best is not None
    acc_dv, l2, w, acc_tr = best
    meta = {
        "trained_on": f"PolNeAR {args.train} ({len(ytr)} verbs: {dict(ntr)})",
        "l2": l2,
        "l2_chosen_on": f"PolNeAR {args.dev} choice accuracy ({len(ydv)} verbs)",
        "choice_accuracy": {"train": round(acc_tr, 4), "dev": round(acc_dv, 4)},
        "cascade_choice_accuracy": {
            "train": round(accuracy(cascade, Xtr, ytr), 4),
            "dev": round(accuracy(cascade, Xdv, ydv), 4),
        },
        "positive": f"exact trimmed span, else best token Jaccard >= {MIN_JACCARD}",
    }
    text = SpanRanker(w, meta).to_json() + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=args.out.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, args.out)
    print(f"l2={l2:g} chosen; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
