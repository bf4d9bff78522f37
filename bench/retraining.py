"""Retraining on public corpora: what credscore.train gives on hedge / uncertainty labels.

Experiments (results go into docs/retraining.md):

1. Szeged Wikipedia: train on the train documents, report uncertain-sentence
   precision / recall / F1 on the held-out test documents.
2. CoNLL-2010 Wikipedia balanced sample: 5-fold cross-validated (credscore.train's own report).
3. Across domains: train on one of Wikipedia (Szeged train docs), biomedical
   (Szeged bio, train docs) or news (UW train + MEANTIME train factuality
   sentences) and evaluate on the held-out part of the others; and a learning
   curve: Wikipedia plus a few hundred in-domain news labels, scored on news.
4. Check-worthiness: train on ClaimBuster train (debate sentences, 1 =
   check-worthy factual claim), score its test set.

Labels: a Szeged sentence is uncertain iff it holds an epistemic or doxastic
cue (the corpus's condition and investigation cues are not counted); a
UW/MEANTIME sentence is uncertain iff one of its predicates has a factuality
value strictly between -2.5 and 2.5 (neither certainly happened nor certainly
did not). Every model is trained with ``positive="certain"``; F1 is that of
the *uncertain* class, as in CoNLL-2010.

    CREDSCORE_DATA=../shared/data python bench/retraining.py            # ~8 minutes on 2 cores
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from credscore.evaluation import _esc
from credscore.training import evaluate, train
from tools import corpora

HEDGE_TYPES = {"epistemic", "doxastic"}
OUT = Path(__file__).resolve().parent / "out"
SEED = 7


def szeged(name: str, split: str) -> pd.DataFrame:
    rows = []
    for doc in corpora.read_szeged(name):
        if corpora.szeged_split(doc.doc_id) != split:
            continue
        for s in doc.sentences:
            if s.part == "Title":
                continue
            uncertain = any(t in HEDGE_TYPES for _, _, t in s.cues)
            rows.append({"text": s.text, "label": "uncertain" if uncertain else "certain", "group": doc.doc_id})
    return pd.DataFrame(rows)


def szeged_bio(split: str) -> pd.DataFrame:
    return pd.concat([szeged(n, split) for n in ("bio_bmc", "bio_fly", "bio_hbc")], ignore_index=True)


def news(split: str) -> pd.DataFrame:
    rows = []
    for corpus in ("uw", "meantime"):
        for i, s in enumerate(corpora.read_factuality(corpus, split)):
            text, _ = corpora.detokenize(s.tokens)
            vals = [v for v in s.values if v is not None]
            uncertain = any(-2.5 < v < 2.5 for v in vals)
            rows.append(
                {"text": text, "label": "uncertain" if uncertain else "certain", "group": f"{corpus}-{i // 10}"}
            )
    return pd.DataFrame(rows)


def conll_sample() -> pd.DataFrame:
    rows = corpora.read_conll2010_sample()
    return pd.DataFrame(
        {"text": [t for _, t in rows], "label": ["certain" if lab == 1 else "uncertain" for lab, _ in rows]}
    )


def uncertain_prf(report: dict) -> dict[str, float]:
    m = report["metrics"]["per_class"]["uncertain"]
    return {
        "precision": m["precision"],
        "recall": m["recall"],
        "f1": m["f1"],
        "roc_auc": report["metrics"].get("roc_auc"),
    }


def fit(df: pd.DataFrame, lexical: bool, name: str, **kw) -> object:
    return train(df, "text", "label", group_col="group" if "group" in df else None, positive="certain",
                 lexical=lexical, name=name, **kw)  # fmt: skip


def experiment_in_domain(results: dict) -> None:
    tr, te = szeged("wiki", "train"), szeged("wiki", "test")
    for lexical in (False, True):
        t0 = time.time()
        m = fit(tr, lexical, "szeged-wiki")
        rep = evaluate(m, te, "text", "label", positive="certain")
        key = "lexical" if lexical else "cues"
        results["szeged_wiki"][key] = {
            "train": {"rows": len(tr), **tr["label"].value_counts().to_dict()},
            "test": {"rows": len(te), **te["label"].value_counts().to_dict()},
            "heldout": uncertain_prf(rep),
            "cv": uncertain_prf(m.metadata["report"]),
            "seconds": round(time.time() - t0, 1),
        }
        print("szeged wiki", key, results["szeged_wiki"][key], flush=True)


def experiment_conll(results: dict) -> None:
    df = conll_sample()
    for lexical in (False, True):
        m = fit(df, lexical, "conll2010-sample")
        results["conll_sample"]["lexical" if lexical else "cues"] = {
            "rows": len(df),
            **uncertain_prf(m.metadata["report"]),
            "accuracy": m.metadata["report"]["metrics"]["accuracy"],
        }
        print("conll", results["conll_sample"], flush=True)


def experiment_domains(results: dict) -> None:
    domains = {
        "wikipedia": (szeged("wiki", "train"), szeged("wiki", "test")),
        "biomedical": (szeged_bio("train"), szeged_bio("test")),
        "news": (
            pd.concat([news("train")], ignore_index=True),
            pd.concat([news("dev"), news("test")], ignore_index=True),
        ),
    }
    for name, (tr, te) in domains.items():
        results["domains"]["sizes"][name] = {
            "train": {"rows": len(tr), "uncertain": int((tr["label"] == "uncertain").sum())},
            "heldout": {"rows": len(te), "uncertain": int((te["label"] == "uncertain").sum())},
        }
    for src, (tr, _) in domains.items():
        m = fit(tr, True, f"trained-on-{src}", C=0.1, cv=3)
        for dst, (_, te) in domains.items():
            rep = evaluate(m, te, "text", "label", positive="certain")
            results["domains"]["matrix"][f"{src} -> {dst}"] = uncertain_prf(rep)
            print("domains", src, "->", dst, uncertain_prf(rep), flush=True)


def experiment_learning_curve(results: dict) -> None:
    wiki = szeged("wiki", "train")
    news_tr, news_te = news("train"), pd.concat([news("dev"), news("test")], ignore_index=True)
    rng = random.Random(SEED)
    groups = sorted(set(news_tr["group"]))
    rng.shuffle(groups)
    for n in (0, 100, 200, 400, 800, 1600):
        # Whole groups of 10 consecutive news sentences, never sentences of the held-out files.
        take = news_tr[news_tr["group"].isin(groups[: n // 10])]
        df = pd.concat([wiki, take], ignore_index=True)
        m = fit(df, True, f"wiki+{n}-news", C=0.1, cv=3)
        rep = evaluate(m, news_te, "text", "label", positive="certain")
        only = None
        if n:
            m2 = fit(take, True, f"{n}-news-only", C=0.1, cv=3)
            only = uncertain_prf(evaluate(m2, news_te, "text", "label", positive="certain"))
        results["learning_curve"].append(
            {"news_labels": len(take), "wiki_plus_news": uncertain_prf(rep), "news_only": only}
        )
        print("curve", results["learning_curve"][-1], flush=True)


def curve_svg(points: list[dict], path: Path) -> None:
    w, h, m = 480, 320, 56
    xs = [p["news_labels"] for p in points]
    xmax = max(xs) or 1
    ys = [p["wiki_plus_news"]["f1"] for p in points] + [p["news_only"]["f1"] for p in points if p["news_only"]]
    ymin, ymax = max(0.0, min(ys) - 0.05), min(1.0, max(ys) + 0.05)

    def xy(x: float, y: float) -> tuple[float, float]:
        return m + x / xmax * (w - 2 * m), h - m - (y - ymin) / (ymax - ymin) * (h - 2 * m)

    def line(vals: list[tuple[float, float]], color: str, label: str, dy: int) -> list[str]:
        pts = " ".join(f"{a:.1f},{b:.1f}" for a, b in (xy(x, y) for x, y in vals))
        out = [f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"/>']
        out += [f'<circle cx="{xy(x, y)[0]:.1f}" cy="{xy(x, y)[1]:.1f}" r="3.5" fill="{color}"><title>{x} news labels: '
                f"F1 {y:.3f}</title></circle>" for x, y in vals]  # fmt: skip
        out.append(f'<text x="{w - m + 4}" y="{m + dy}" fill="{color}">{_esc(label)}</text>')
        return out

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w + 150}" height="{h}" font-family="sans-serif" '
             'font-size="11">', "<title>Learning curve: news labels added to Wikipedia training</title>",
             f'<rect x="{m}" y="{m}" width="{w - 2 * m}" height="{h - 2 * m}" fill="#fff" stroke="#999"/>']  # fmt: skip
    parts += line([(p["news_labels"], p["wiki_plus_news"]["f1"]) for p in points], "#1f5fa8", "Wikipedia + news", 10)
    parts += line(
        [(p["news_labels"], p["news_only"]["f1"]) for p in points if p["news_only"]], "#c0392b", "news only", 26
    )
    for x in xs:
        parts.append(f'<text x="{xy(x, ymin)[0]:.1f}" y="{h - m + 14}" text-anchor="middle">{x}</text>')
    for frac in (0, 0.5, 1):
        y = ymin + frac * (ymax - ymin)
        parts.append(f'<text x="{m - 6}" y="{xy(0, y)[1] + 4:.1f}" text-anchor="end">{y:.2f}</text>')
    parts += [f'<text x="{w / 2}" y="{h - 14}" text-anchor="middle">in-domain news labels added</text>',
              f'<text x="14" y="{h / 2}" transform="rotate(-90 14 {h / 2})" text-anchor="middle">'
              "uncertain-sentence F1 on held-out news</text>", "</svg>"]  # fmt: skip
    path.write_text("\n".join(parts) + "\n")


def experiment_claimbuster(results: dict) -> None:
    def frame(split: str) -> pd.DataFrame:
        return pd.DataFrame(corpora.read_claimbuster(split), columns=["label", "text"])

    tr, te = frame("train"), frame("test")
    for lexical in (False, True):
        m = train(tr, "text", "label", lexical=lexical, name="claimbuster")
        met = evaluate(m, te, "text", "label")["metrics"]
        worthy = met["per_class"]["1"]
        results["claimbuster"]["lexical" if lexical else "cues"] = {
            "train": {"rows": len(tr), "check_worthy": int(tr["label"].sum())},
            "test": {"rows": len(te), "check_worthy": int(te["label"].sum())},
            "accuracy": met["accuracy"],
            "macro_f1": met["macro_f1"],
            "roc_auc": met.get("roc_auc"),
            "check_worthy": {"precision": worthy["precision"], "recall": worthy["recall"], "f1": worthy["f1"]},
        }
        print("claimbuster", results["claimbuster"], flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", choices=("in-domain", "conll", "domains", "curve", "claimbuster"), action="append")
    ap.add_argument(
        "--svg", type=Path, default=Path(__file__).resolve().parents[1] / "docs" / "img" / "learning-curve.svg"
    )
    args = ap.parse_args(argv)
    todo = args.only or ["in-domain", "conll", "domains", "curve", "claimbuster"]
    results: dict = {
        "szeged_wiki": {},
        "conll_sample": {},
        "domains": {"sizes": {}, "matrix": {}},
        "learning_curve": [],
        "claimbuster": {},
    }
    if "in-domain" in todo:
        experiment_in_domain(results)
    if "conll" in todo:
        experiment_conll(results)
    if "domains" in todo:
        experiment_domains(results)
    if "curve" in todo:
        experiment_learning_curve(results)
        args.svg.parent.mkdir(parents=True, exist_ok=True)
        curve_svg(results["learning_curve"], args.svg)
    if "claimbuster" in todo:
        experiment_claimbuster(results)
    OUT.mkdir(exist_ok=True)
    (OUT / "retraining.json").write_text(json.dumps(results, indent=2, default=float) + "\n")
    print(json.dumps(results, indent=2, default=float))
    return 0


if __name__ == "__main__":
    np.seterr(all="ignore")
    raise SystemExit(main())
