"""Training the default model: labels in ``datasets/``, features from the cue detector.

One command rebuilds the standoff labels from the corpora, trains, evaluates
on held-out data and writes the model file with its metadata::

    CREDSCORE_DATA=../shared/data python -m tools.default_training all

Sub-commands: ``labels`` (write ``datasets/*.labels.tsv``), ``train`` (fit and
save ``models/default.credscore``), ``all`` (both).

Data and splits
---------------
- train: PolNeAR ``train`` articles and Szeged Wikipedia ``train`` documents
  (document-level hash split, see :func:`tools.corpora.szeged_split`);
- model selection (the regularisation ``C``): grouped 5-fold cross-validation
  on train, grouped by article/document;
- held out, reported: PolNeAR ``dev`` and Szeged ``test`` documents, never
  used for fitting or choosing anything.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from credscore import __version__
from credscore.cues import CueDetector
from credscore.evaluation import classification_report
from credscore.features import FEATURE_NAMES, FEATURE_SET, SOURCING_FEATURES
from credscore.model import Model
from credscore.parts import shipped_parts
from credscore.pipeline import Certainty, Pipeline, Reading
from credscore.training import SEED, fit_estimator, fit_lambda
from tools import corpora
from tools.labels import LABELS, LabeledSentence, label_polnear_article, label_szeged_document, typed_source_classes

__all__ = ["Example", "evaluate", "fit_combination", "main", "news_examples", "polnear_examples", "szeged_examples"]

FEATURE_NAMES_ALL = FEATURE_NAMES

REPO = Path(__file__).resolve().parents[1]  # the repository: tools/ is not shipped in the wheel
DATASETS = REPO / "datasets"
MODELS = REPO / "models"


@dataclass
class Example:
    """Labelled sentences of one corpus split, as features (and their certainty)."""

    X: np.ndarray
    y: np.ndarray
    groups: np.ndarray
    rows: list[LabeledSentence]
    split: str
    certainty: np.ndarray | None = None
    severity: np.ndarray | None = None
    belief: np.ndarray | None = None


def _featurize(pipe: Pipeline, reading: Reading) -> tuple[np.ndarray, np.ndarray]:
    """Features, and certainty with the severity and belief flag (as three columns), as scoring computes them."""
    cert = pipe.certainty(reading)
    extra = np.asarray([cert.values, cert.severity, [float(b) for b in cert.belief]]).T.reshape(-1, 3)
    return pipe.features(reading), extra


def _pipeline(det: CueDetector | None) -> Pipeline:
    """The pipeline the default model is trained through: the shipped parts, and ``det``'s rules."""
    return Pipeline.unfitted(shipped_parts(), detector=det)


def source_gold() -> dict[str, dict[tuple[int, int], dict[str, str]]]:
    """The source gold set (datasets/sources/gold.tsv) by article and span."""
    out: dict[str, dict[tuple[int, int], dict[str, str]]] = {}
    path = DATASETS / "sources" / "gold.tsv"
    for r in read_labels(path):
        a, b = int(r["start"].split(";")[0]), int(r["end"].split(";")[-1])
        out.setdefault(r["doc"], {})[(a, b)] = r
    return out


def polnear_examples(split: str, det: CueDetector | None = None, *, gold_only: bool = False) -> Example:
    """PolNeAR sentences (credscore's splitter) labelled from the human attributions.

    Source spans are PolNeAR's; their types come from the source gold set where it has them and from
    credscore's typer elsewhere (:func:`tools.labels.typed_source_classes`). ``gold_only`` keeps the
    articles of the gold set alone, every source typed by a person: the strictest held-out check.
    """
    det = det or CueDetector()
    pipe = _pipeline(det)
    gold = source_gold()
    xs, ys, gs, rows, cs = [], [], [], [], []
    for art in corpora.read_polnear(split):
        if gold_only and art.name not in gold:
            continue
        # Read as score() reads it (repaired, split, in context); labelled in the article's own offsets.
        reading = pipe.read(art.text)
        sents = reading.sentences
        spans = [reading.repair.original_span(s.start, s.end) for s in sents]
        X, cert = _featurize(pipe, reading)
        index = {span: i for i, span in enumerate(spans)}
        classes = typed_source_classes(art, gold.get(art.name), det)
        for lab in label_polnear_article(art, spans, classes):
            i = index[(lab.start, lab.end)]
            if sents[i].kind != "sentence":
                continue  # headings, bylines and datelines are not claims
            xs.append(X[i])
            cs.append(cert[i])
            ys.append(lab.label)
            gs.append(art.name)
            rows.append(lab)
    return _example(xs, ys, gs, rows, split, cs)


def szeged_examples(split: str, det: CueDetector | None = None) -> Example:
    """Szeged Wikipedia sentences (gold sentence split) labelled hedged / unattributed."""
    det = det or CueDetector()
    pipe = _pipeline(det)
    xs, ys, gs, rows, cs = [], [], [], [], []
    for doc in corpora.read_szeged("wiki"):
        if corpora.szeged_split(doc.doc_id) != split:
            continue
        # The corpus's own sentences, read in context as rows of one document, a paragraph per part.
        text, spans = doc.joined()
        reading = pipe.read_rows([text[a:b] for a, b in spans], [s.part for s in doc.sentences])
        X, cert = _featurize(pipe, reading)
        for i, lab in label_szeged_document(doc):
            xs.append(X[i])
            cs.append(cert[i])
            ys.append(lab.label)
            gs.append(doc.doc_id)
            rows.append(
                LabeledSentence(
                    lab.corpus, f"{doc.doc_id}#{doc.sentences[i].sid}", lab.start, lab.end, lab.label, lab.evidence
                )
            )
    return _example(xs, ys, gs, rows, split, cs)


def _example(xs: list, ys: list, gs: list, rows: list, split: str, cs: list) -> Example:
    extra = np.asarray(cs).reshape(-1, 3)
    return Example(
        np.asarray(xs), np.asarray(ys), np.asarray(gs), rows, split, extra[:, 0], extra[:, 1], extra[:, 2] > 0
    )


def news_examples(split: str, det: CueDetector, pol_dev: Example) -> tuple[Example, np.ndarray]:
    """The news gold set's sentences (PolNeAR dev) with combined labels, and whether each is uncertain.

    Combined label (annotation guide, Parts 1 and 3): ``weak`` if the sourcing label is weak or the
    sentence holds an uncertainty cue (annotated by a person), else the sourcing label. Sentences whose
    sourcing label is unknown (touched only by unclassifiable sources) are left out.
    """
    from tools.gold.uncertainty import read as read_uncertainty  # tooling beside the package

    cues_by_sent: dict[tuple[str, int, int], bool] = {}
    for r in read_uncertainty():
        if r["split"] == split:
            key = (r["doc"], int(r["sent_start"]), int(r["sent_end"]))
            cues_by_sent[key] = cues_by_sent.get(key, False) or bool(r["cue_start"])
    keep = [i for i, r in enumerate(pol_dev.rows) if (r.doc, r.start, r.end) in cues_by_sent]
    uncertain = np.asarray([cues_by_sent[(pol_dev.rows[i].doc, pol_dev.rows[i].start, pol_dev.rows[i].end)]
                            for i in keep])  # fmt: skip
    y = np.asarray(["weak" if u else pol_dev.y[i] for i, u in zip(keep, uncertain, strict=True)])
    ex = Example(
        pol_dev.X[keep], y, pol_dev.groups[keep], [pol_dev.rows[i] for i in keep], f"news-{split}",
        pol_dev.certainty[keep], pol_dev.severity[keep], pol_dev.belief[keep],
    )  # fmt: skip
    return ex, uncertain


def fit_combination(model: Model, tune: Example) -> dict[str, object]:
    """The weight of uncertainty in reliability: lambda in [0, 1], by likelihood on the news tune sentences
    (:func:`credscore.training.fit_lambda`, a belief attributed to a source lowering its claim a class).

    A sentence is *weak* when its sourcing is weak or its claim is uncertain; with ``c`` its certainty,
    uncertainty counts with weight lambda: P(weak) = P_s(weak) + lambda * (1 - c) * (P_s(unattributed) +
    P_s(strong)), the rest scaled by 1 - lambda * (1 - c). lambda = 0 ignores certainty, 1 takes it at its
    word. The combined labels of the tune sentences say how much (see :func:`news_examples`).
    """
    proba = model.predict_proba(model.select_features(tune.X))
    cert = Certainty(tune.certainty.tolist(), tune.severity.tolist(), tune.belief.tolist())
    fit = fit_lambda(proba, tune.y, cert, model.labels, model.metadata["reliability"], model.parts, beliefs=(True,))
    return {**fit, "fitted_on": f"datasets/uncertainty/news.tsv tune ({len(tune.y)} sentences)"}


def concat(*examples: Example) -> Example:
    return Example(
        np.vstack([e.X for e in examples]),
        np.concatenate([e.y for e in examples]),
        np.concatenate([e.groups for e in examples]),
        [r for e in examples for r in e.rows],
        "+".join(e.split for e in examples),
    )


def grouped_splits(y: np.ndarray, groups: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Five folds grouped by article/document (every sentence of one on the same side)."""
    from sklearn.model_selection import GroupKFold

    return list(GroupKFold(n_splits=5, shuffle=True, random_state=SEED).split(y, y, groups))


def evaluate(
    model: Model,
    X: np.ndarray,
    y: np.ndarray,
    ex: Example | None = None,
    *,
    combined: bool = True,
) -> dict[str, object]:
    """Held-out metrics (:func:`credscore.evaluation.classification_report`): of the sourcing model alone
    (``combined=False``), or of the final scores, sourcing combined with the certainty of ``ex``."""
    proba = model.predict_proba(model.select_features(X))
    if combined and ex is not None and ex.certainty is not None:
        proba = model.combine(proba, ex.certainty, ex.severity, ex.belief)
    return classification_report(y, proba, model.labels, reliability=model.reliability(proba))


def certainty_report(certainty: np.ndarray, certain: np.ndarray) -> dict[str, object]:
    """How well ``certainty`` separates certain from uncertain sentences: ROC AUC, Brier, calibration."""
    from sklearn.metrics import brier_score_loss, roc_auc_score

    y = certain.astype(int)
    bins = []
    for lo in np.arange(0.0, 1.0, 0.1):
        m = (certainty >= lo) & (certainty < lo + 0.1 + (1e-9 if lo >= 0.9 else 0))
        if m.any():
            bins.append({"bin": [round(float(lo), 1), round(float(lo) + 0.1, 1)], "n": int(m.sum()),
                         "mean_predicted": round(float(certainty[m].mean()), 4),
                         "observed": round(float(y[m].mean()), 4)})  # fmt: skip
    ece = sum(b["n"] * abs(b["mean_predicted"] - b["observed"]) for b in bins) / max(1, len(y))
    return {"n": len(y), "uncertain": int((y == 0).sum()),
            "roc_auc_uncertain": round(float(roc_auc_score(1 - y, 1 - certainty)), 4),
            "brier": round(float(brier_score_loss(y, certainty)), 4), "ece": round(float(ece), 4),
            "bins": bins}  # fmt: skip


# --- standoff labels -----------------------------------------------------------

LABEL_COLUMNS = ("corpus", "split", "doc", "start", "end", "label", "evidence")


def write_labels(examples: Sequence[Example], path: Path) -> str:
    """Write standoff labels (no corpus text) and return their SHA-256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = []
    for ex in examples:
        for r in ex.rows:
            buf.append((r.corpus, ex.split, r.doc, str(r.start), str(r.end), r.label, r.evidence))
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(LABEL_COLUMNS)
        w.writerows(buf)
    tmp.replace(path)
    return sha256_file(path)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_labels(path: Path) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


def _check_labels_match(ex: Example, path: Path) -> None:
    """The features must be computed for exactly the committed labels."""
    committed = [
        (r["corpus"], r["doc"], int(r["start"]), int(r["end"]), r["label"])
        for r in read_labels(path)
        if r["split"] == ex.split and r["corpus"] == (ex.rows[0].corpus if ex.rows else "")
    ]
    derived = [(r.corpus, r.doc, r.start, r.end, r.label) for r in ex.rows]
    if committed != derived:
        raise SystemExit(
            f"{path} does not match the labels derived now for {ex.split}; "
            "run `python -m tools.default_training labels` and commit the result"
        )


# --- command line ----------------------------------------------------------------


#: Least log-odds (the logistic regression's, before temperature) by which each level of ``src_doubt``
#: moves a sentence toward weak against each other class (see :func:`constrain_doubt`).
DOUBT_MARGIN = 0.25


def constrain_doubt(est: Any, feature_names: list[str], margin: float = DOUBT_MARGIN) -> dict[str, object]:
    """Keep the annotation guide's order named > described anonymous > vague > no source found in the
    fitted model: each level of ``src_doubt`` must move the log-odds of weak against every other class
    up by at least ``margin``. The derived labels call all three lower levels weak, so the data cannot
    order them and the learned weight is noise around zero (its sign changed between retrainings); where
    it falls short, the other classes' weights are lowered to the margin. Returns what was learned and
    what was set, for the model's metadata."""
    j = feature_names.index("src_doubt")
    classes = [str(c) for c in est.classes_]
    weak = classes.index("weak")
    out: dict[str, object] = {"margin": margin, "learned": {}, "set": {}}
    for cal in est.calibrated_classifiers_:
        pipe = cal.estimator
        lr, sd = pipe["clf"], float(pipe["scale"].scale_[j])
        coef = lr.coef_
        if coef.shape[0] != len(classes):
            raise ValueError(f"expected one row of weights per class {classes}, got {coef.shape}")
        for c, name in enumerate(classes):
            if c == weak:
                continue
            per_level = (coef[weak, j] - coef[c, j]) / sd  # log-odds of weak against `name`, per level
            out["learned"][name] = round(float(per_level), 4)  # type: ignore[index]
            if per_level < margin:
                coef[c, j] = coef[weak, j] - margin * sd
            out["set"][name] = round(float((coef[weak, j] - coef[c, j]) / sd), 4)  # type: ignore[index]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.default_training", description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=("labels", "train", "all"))
    ap.add_argument("--out", type=Path, default=MODELS / "default.credscore")
    ap.add_argument("--report", type=Path, default=MODELS / "default.metrics.json")
    args = ap.parse_args(argv)
    det = CueDetector()
    print("featurizing PolNeAR train/dev and Szeged train/test ...", file=sys.stderr)
    pol_train = polnear_examples("train", det)
    pol_dev = polnear_examples("dev", det)
    sz_train = szeged_examples("train", det)
    sz_test = szeged_examples("test", det)
    pol_path = DATASETS / "polnear.labels.tsv"
    sz_path = DATASETS / "szeged-wiki.labels.tsv"
    if args.command in ("labels", "all"):
        write_labels([pol_train, pol_dev], pol_path)
        write_labels([sz_train, sz_test], sz_path)
        print(f"wrote {pol_path} and {sz_path}", file=sys.stderr)
    if args.command == "labels":
        return 0
    for ex, path in ((pol_train, pol_path), (pol_dev, pol_path), (sz_train, sz_path), (sz_test, sz_path)):
        _check_labels_match(ex, path)
    # Sourcing: who the claims come from, learned from PolNeAR (its labels say nothing of hedges).
    train = pol_train
    cols = [list(FEATURE_NAMES_ALL).index(n) for n in SOURCING_FEATURES]
    print(f"training on {len(train.y)} sentences: {dict(Counter(train.y.tolist()))}", file=sys.stderr)
    est, selection = fit_estimator(train.X[:, cols], train.y, grouped_splits(train.y, train.groups))
    selection["doubt_order"] = constrain_doubt(est, list(SOURCING_FEATURES))
    meta = {
        "name": "credscore-default",
        "credscore_version": __version__,
        "sklearn_version": _sklearn_version(),
        "feature_names": list(SOURCING_FEATURES),
        "feature_set": FEATURE_SET,
        "labels": list(LABELS),
        "estimator": "CalibratedClassifierCV(Pipeline(StandardScaler, LogisticRegression), method='temperature')",
        "model_selection": selection,
        "training_data": {
            "corpora": ["PolNeAR v1.0.0 train (Newell et al. 2018)"],
            "labels": {pol_path.name: sha256_file(pol_path)},
            "n": len(train.y),
            "label_counts": {k: int(v) for k, v in Counter(train.y.tolist()).items()},
        },
    }
    model = Model(est, meta)
    # Certainty joins sourcing with one weight, fitted on the news gold set's tune sentences.
    news_tune, _ = news_examples("tune", det, pol_dev)
    model.metadata["combine"] = fit_combination(model, news_tune)
    model = Model(est, model.metadata)
    news_test, news_uncertain = news_examples("test", det, pol_dev)
    pol_gold_dev = polnear_examples("dev", det, gold_only=True)
    metrics = {
        "polnear_dev_sourcing": evaluate(model, pol_dev.X, pol_dev.y, combined=False),
        "polnear_dev_gold_typed_sourcing": evaluate(model, pol_gold_dev.X, pol_gold_dev.y, combined=False),
        "news_test_combined": evaluate(model, news_test.X, news_test.y, news_test),
        "news_test_certainty": certainty_report(news_test.certainty, ~news_uncertain),
        "szeged_test": evaluate(model, sz_test.X, sz_test.y, sz_test),
        "szeged_test_certainty": certainty_report(sz_test.certainty, sz_test.y != "weak"),
    }
    model.metadata["heldout_metrics"] = metrics
    model.save(args.out)
    args.report.write_text(json.dumps({"model_selection": selection, "heldout": metrics}, indent=2) + "\n")
    print(json.dumps({"model_selection": selection, "heldout": metrics}, indent=2))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _sklearn_version() -> str:
    import sklearn

    return sklearn.__version__


if __name__ == "__main__":
    raise SystemExit(main())
