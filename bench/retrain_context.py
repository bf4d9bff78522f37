"""Document-aware retraining on a public corpus: PolNeAR articles, read in context vs each sentence alone.

The labels are credscore's sentence labels of PolNeAR (``datasets/polnear.labels.tsv``: weak, unattributed,
strong, derived from PolNeAR's human attributions; see datasets/README.md), one row per sentence with its
article and paragraph, the way a desk's labelled table looks. Two models are trained on the PolNeAR
``train`` articles with ``credscore.train``:

- **in context**: ``group_col="article", paragraph_col="paragraph"``: each article's rows read together, as
  ``credscore.score`` reads the article;
- **alone**: the same table with ``context=False``: each row read on its own (what ``train`` did before).

Both are evaluated on the held-out PolNeAR ``dev`` articles (never used for fitting or choosing anything),
read as ``credscore.score`` reads them (in context), and read the way each was trained. Reported apart: the
dev sentences whose sourcing comes from context (they inherit a source: a continued quotation, an
"according to" carried over), where reading in context should matter most.

    CREDSCORE_DATA=../shared/data python bench/retrain_context.py     # ~4 minutes on 2 cores
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from credscore import Pipeline
from credscore.evaluation import classification_report
from credscore.features import FEATURE_NAMES
from credscore.sentences import PARAGRAPH_GAP
from credscore.training import evaluate, train
from tools import corpora

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
CLASSES = ["weak", "unattributed", "strong"]
_INHERITS = [FEATURE_NAMES.index(n) for n in ("inh_named", "inh_anonymous", "inh_vague", "inh_outlet")]


def labelled(split: str) -> pd.DataFrame:
    """One row per labelled sentence of the split's articles, in article order, with its paragraph."""
    texts = {a.name: a.text for a in corpora.read_polnear(split)}
    by_doc: dict[str, list[tuple[int, int, str]]] = {}
    with open(REPO / "datasets" / "polnear.labels.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["split"] == split:
                by_doc.setdefault(r["doc"], []).append((int(r["start"]), int(r["end"]), r["label"]))
    rows = []
    for doc, spans in by_doc.items():
        text = texts[doc]
        para = 0
        prev_end = None
        for a, b, label in sorted(spans):
            if prev_end is not None and PARAGRAPH_GAP.search(text, prev_end, a):
                para += 1
            rows.append({"text": text[a:b], "label": label, "article": doc, "paragraph": para})
            prev_end = b
    return pd.DataFrame(rows)


def main() -> int:
    t0 = time.perf_counter()
    tr, dev = labelled("train"), labelled("dev")
    print(f"train: {len(tr)} sentences of {tr['article'].nunique()} articles; "
          f"dev: {len(dev)} of {dev['article'].nunique()}", file=sys.stderr)  # fmt: skip
    models = {
        "in context": train(tr, group_col="article", paragraph_col="paragraph", classes=CLASSES, name="in-context",
                            source="PolNeAR train"),
        "alone": train(tr, group_col="article", context=False, classes=CLASSES, name="alone", source="PolNeAR train"),
    }  # fmt: skip
    # Which dev sentences rest on context: they inherit a source when read in context.
    table = Pipeline.unfitted().table(dev["text"].tolist(), dev["article"].tolist(), dev["paragraph"].tolist())
    inherits = table.X[:, _INHERITS].any(axis=1)
    y = dev["label"].to_numpy()
    results: dict[str, object] = {"dev_sentences": len(dev), "dev_inheriting": int(inherits.sum())}
    for name, model in models.items():
        as_scored = evaluate(model, dev, group_col="article", paragraph_col="paragraph", source="PolNeAR dev")
        as_trained = as_scored if name == "in context" else evaluate(
            model, dev, group_col="article", context=False, source="PolNeAR dev"
        )  # fmt: skip
        cert = table.certainty
        proba = model.combine(model.predict_proba(model.select_features(table.X)), cert.values, cert.severity,
                              cert.belief)  # fmt: skip
        sub = classification_report(y[inherits], proba[inherits], list(model.labels))
        results[name] = {
            "lambda": model.metadata["combine"]["lambda"],
            "cross_validated_on_train": _pick(model.metadata["report"]["metrics"]),
            "dev_read_in_context": _pick(as_scored["metrics"]),
            "dev_read_as_trained": _pick(as_trained["metrics"]),
            "dev_inheriting_read_in_context": _pick(sub),
        }
    results["seconds"] = round(time.perf_counter() - t0, 1)
    OUT.mkdir(exist_ok=True)
    (OUT / "retrain_context.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    print(_markdown(results))
    return 0


def _pick(m: dict) -> dict:
    return {k: round(float(m[k]), 4) for k in ("accuracy", "macro_f1", "roc_auc", "log_loss") if k in m}


def _markdown(r: dict) -> str:
    head = (
        "| model | read as | sentences | accuracy | macro F1 | ROC AUC | log loss |\n|---|---|---:|---:|---:|---:|---:|"
    )
    lines = [head]
    for name in ("in context", "alone"):
        for key, what, n in (
            ("cross_validated_on_train", "trained (5-fold CV on train)", "train"),
            ("dev_read_as_trained", "trained", r["dev_sentences"]),
            ("dev_read_in_context", "scored (in context)", r["dev_sentences"]),
            ("dev_inheriting_read_in_context", "scored, sentences that inherit a source", r["dev_inheriting"]),
        ):
            m = r[name][key]
            lines.append(f"| {name} | {what} | {n} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} | "
                         f"{m.get('roc_auc', float('nan')):.3f} | {m['log_loss']:.3f} |")  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    np.seterr(all="ignore")
    raise SystemExit(main())
