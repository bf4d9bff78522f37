"""Training the default model: labels in ``datasets/``, features from the cue detector.

One command rebuilds the standoff labels from the corpora, trains, evaluates
on held-out data and writes the model file with its metadata::

    CREDSCORE_DATA=../shared/data python -m credscore.default_training all

Sub-commands: ``labels`` (write ``datasets/*.labels.tsv``), ``train`` (fit and
save ``models/default.credscore``), ``all`` (both).

Data and splits
---------------
- train: PolNeAR ``train`` articles and Szeged Wikipedia ``train`` documents
  (document-level hash split, see :func:`credscore.corpora.szeged_split`);
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

import numpy as np

from . import __version__, corpora
from .cues import CueDetector
from .evaluation import classification_report
from .features import FEATURE_NAMES, FEATURE_SET, cue_features
from .labels import LABELS, LabeledSentence, label_polnear_article, label_szeged_document, typed_source_classes
from .model import Model
from .sentences import Sentence, split_sentences
from .training import SEED, fit_estimator

__all__ = ["Example", "evaluate", "main", "polnear_examples", "szeged_examples"]

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO / "datasets"
MODELS = REPO / "models"


@dataclass
class Example:
    """Labelled sentences of one corpus split, as features."""

    X: np.ndarray
    y: np.ndarray
    groups: np.ndarray
    rows: list[LabeledSentence]
    split: str


def _featurize(det: CueDetector, text: str, sentences: Sequence[Sentence]) -> np.ndarray:
    cues, sources = det.analyze(text, sentences)
    return cue_features(sentences, cues, sources, det.lexicon)


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
    credscore's typer elsewhere (:func:`credscore.labels.typed_source_classes`). ``gold_only`` keeps the
    articles of the gold set alone, every source typed by a person: the strictest held-out check.
    """
    det = det or CueDetector()
    gold = source_gold()
    xs, ys, gs, rows = [], [], [], []
    for art in corpora.read_polnear(split):
        if gold_only and art.name not in gold:
            continue
        sents = split_sentences(art.text)
        X = _featurize(det, art.text, sents)
        index = {(s.start, s.end): i for i, s in enumerate(sents)}
        classes = typed_source_classes(art, gold.get(art.name), det)
        for lab in label_polnear_article(art, [(s.start, s.end) for s in sents], classes):
            i = index[(lab.start, lab.end)]
            if sents[i].kind != "sentence":
                continue  # headings, bylines and datelines are not claims
            xs.append(X[i])
            ys.append(lab.label)
            gs.append(art.name)
            rows.append(lab)
    return Example(np.asarray(xs), np.asarray(ys), np.asarray(gs), rows, split)


def szeged_examples(split: str, det: CueDetector | None = None) -> Example:
    """Szeged Wikipedia sentences (gold sentence split) labelled hedged / unattributed."""
    det = det or CueDetector()
    xs, ys, gs, rows = [], [], [], []
    for doc in corpora.read_szeged("wiki"):
        if corpora.szeged_split(doc.doc_id) != split:
            continue
        text, spans = doc.joined()
        sents = [
            Sentence(text[a:b], a, b, "heading" if s.part == "Title" else "sentence")
            for s, (a, b) in zip(doc.sentences, spans, strict=True)
        ]
        X = _featurize(det, text, sents)
        for i, lab in label_szeged_document(doc):
            xs.append(X[i])
            ys.append(lab.label)
            gs.append(doc.doc_id)
            rows.append(
                LabeledSentence(
                    lab.corpus, f"{doc.doc_id}#{doc.sentences[i].sid}", lab.start, lab.end, lab.label, lab.evidence
                )
            )
    return Example(np.asarray(xs), np.asarray(ys), np.asarray(gs), rows, split)


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


def evaluate(model: Model, X: np.ndarray, y: np.ndarray) -> dict[str, object]:
    """Held-out metrics of the default model (see :func:`credscore.evaluation.classification_report`)."""
    proba = model.predict_proba(X)
    return classification_report(y, proba, model.labels, reliability=model.reliability(proba))


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
            "run `python -m credscore.default_training labels` and commit the result"
        )


# --- command line ----------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m credscore.default_training", description=__doc__.split("\n")[0])
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
    train = concat(pol_train, sz_train)
    print(f"training on {len(train.y)} sentences: {dict(Counter(train.y.tolist()))}", file=sys.stderr)
    est, selection = fit_estimator(train.X, train.y, grouped_splits(train.y, train.groups))
    meta = {
        "name": "credscore-default",
        "credscore_version": __version__,
        "sklearn_version": _sklearn_version(),
        "feature_names": list(FEATURE_NAMES),
        "feature_set": FEATURE_SET,
        "labels": list(LABELS),
        "estimator": "CalibratedClassifierCV(Pipeline(StandardScaler, LogisticRegression), method='temperature')",
        "model_selection": selection,
        "training_data": {
            "corpora": ["PolNeAR v1.0.0 train (Newell et al. 2018)", "Szeged Uncertainty Corpus wiki, train documents"],
            "labels": {p.name: sha256_file(p) for p in (pol_path, sz_path)},
            "n": len(train.y),
            "label_counts": {k: int(v) for k, v in Counter(train.y.tolist()).items()},
        },
    }
    model = Model(est, meta)
    pol_gold_dev = polnear_examples("dev", det, gold_only=True)
    metrics = {
        "polnear_dev": evaluate(model, pol_dev.X, pol_dev.y),
        "polnear_dev_gold_typed": evaluate(model, pol_gold_dev.X, pol_gold_dev.y),
        "szeged_test": evaluate(model, sz_test.X, sz_test.y),
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
