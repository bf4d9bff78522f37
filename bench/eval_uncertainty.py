"""Uncertainty cues and certainty: credscore against the Szeged Uncertainty Corpus and the news gold set.

1. **Cues, per category** (epistemic, doxastic, condition, investigation): a predicted cue is right
   when it overlaps an annotated cue of its category; precision, recall, F1 per category, their macro
   average, and category-blind F1. On the Szeged **test** documents (Wikipedia and biology apart; the
   tagger was trained on the train documents) and on the news gold set's **test** sentences
   (datasets/uncertainty/news.tsv; its tune sentences helped train the tagger).
2. **Sentences**: uncertain = holds a cue. F1 of "uncertain" on the same sets and on the CoNLL-2010
   Wikipedia sample (balanced 1,500 / 1,500; the original weasel annotation, not Szeged's).
3. **Certainty** (when this credscore has it): ROC AUC of ``1 - certainty`` for uncertain sentences,
   and calibration, on the news gold test, Szeged test, and UW / MEANTIME test (uncertain = an event
   with factuality below 2.5 in absolute value).

Run in an older checkout, it measures credscore 0.1's hedge detector (category-blind only).

    CREDSCORE_DATA=../shared/data python bench/eval_uncertainty.py
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from credscore.cues import CueDetector  # noqa: E402
from credscore.sentences import Sentence, split_sentences  # noqa: E402
from tools import corpora  # noqa: E402

CATS = ("epistemic", "doxastic", "condition", "investigation")
UNCERTAINTY_KINDS = ("hedge", "quoted_hedge")


def prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "predicted": n_p, "gold": n_r}  # fmt: skip


class Scorer:
    def __init__(self) -> None:
        self.det = CueDetector()
        self.new = hasattr(self.det, "analyze")
        #: (sentence certain?, predicted certainty) pairs for part 3.
        self.cert: list[tuple[int, float]] = []
        self.pred: Counter = Counter()
        self.pred_ok: Counter = Counter()
        self.gold: Counter = Counter()
        self.gold_ok: Counter = Counter()
        self.sent: Counter = Counter()

    def certainty(self, sents: list[Sentence], cues: list) -> list[float]:
        """This credscore's certainty; credscore 0.1 had none, so its reliability stands in."""
        if self.new:
            from credscore.certainty import default_certainty_model

            return default_certainty_model().certainty(sents, cues)
        from credscore.model import default_model

        m = default_model()
        return [float(r) for r in m.reliability(m.predict_proba(m.featurize(sents, cues)))]

    def add(self, text: str, sents: list[Sentence], gold: list[list[tuple[int, int, str]]]) -> list[tuple]:
        cues = self.det.detect(text, sents)
        rows = []
        for s, cs, g in zip(sents, cues, gold, strict=True):
            self.count(cs, g)
            rows.append((s, bool(g)))
        self.cert += zip([0 if g else 1 for g in gold], self.certainty(sents, cues), strict=True)
        return rows

    def count(self, cues: list, gold: list[tuple[int, int, str]]) -> None:
        """One sentence: its uncertainty cues against the gold ones, per category and for any category
        (overlap matches), and whether each side calls the sentence uncertain."""
        mine = [(c.start, c.end, getattr(c, "category", None) or "any") for c in cues
                if c.kind in UNCERTAINTY_KINDS and not c.inherited]  # fmt: skip
        for cat in (*CATS, "any"):
            p = [m for m in mine if cat == "any" or m[2] == cat]
            gg = [x for x in gold if cat == "any" or x[2] == cat]
            self.pred[cat] += len(p)
            self.gold[cat] += len(gg)
            self.pred_ok[cat] += sum(any(a < y and x < b for x, y, _ in gg) for a, b, _ in p)
            self.gold_ok[cat] += sum(any(a < y and x < b for x, y, _ in p) for a, b, _ in gg)
        self.sent[(bool(gold), bool(mine))] += 1

    def report(self) -> dict[str, object]:
        out = {cat: prf(self.pred_ok[cat], self.pred[cat], self.gold_ok[cat], self.gold[cat]) for cat in (*CATS, "any")}
        if self.new:
            out["macro_f1"] = round(sum(out[c]["f1"] for c in CATS) / len(CATS), 3)
        tp, fp, fn = self.sent[(True, True)], self.sent[(False, True)], self.sent[(True, False)]
        out["sentence_uncertain"] = prf(tp, tp + fp, tp, tp + fn)
        if self.cert:
            out["certainty"] = calibration(self.cert)
        return out


def calibration(pairs: list[tuple[int, float]]) -> dict[str, object]:
    """ROC AUC of 1 - certainty for uncertain sentences, Brier score and expected calibration error."""
    import numpy as np
    from sklearn.metrics import brier_score_loss, roc_auc_score

    y = np.array([p[0] for p in pairs])
    c = np.clip(np.array([p[1] for p in pairs]), 0.0, 1.0)
    bins = np.minimum((c * 10).astype(int), 9)
    ece = sum(
        abs(c[bins == b].mean() - y[bins == b].mean()) * (bins == b).sum() for b in range(10) if (bins == b).any()
    )
    return {"n": len(y), "uncertain": int((y == 0).sum()),
            "roc_auc": round(float(roc_auc_score(1 - y, 1 - c)), 3) if 0 < y.sum() < len(y) else None,
            "brier": round(float(brier_score_loss(y, c)), 3), "ece": round(float(ece / len(y)), 3)}  # fmt: skip


def factuality(corpus: str, sc: Scorer) -> None:
    """UW / MEANTIME test sentences: certain = every annotated event has |factuality| >= 2.5."""
    for fs in corpora.read_factuality(corpus, "test"):
        vals = [v for v in fs.values if v is not None]
        if not vals:
            continue
        text, _ = corpora.detokenize(fs.tokens)
        sents = [Sentence(text, 0, len(text))]
        sc.cert.append(
            (1 if min(abs(v) for v in vals) >= 2.5 else 0, sc.certainty(sents, sc.det.detect(text, sents))[0])
        )


def szeged(part: str, sc: Scorer) -> None:
    for d in corpora.read_szeged(part):
        if corpora.szeged_split(d.doc_id) != "test":
            continue
        text, spans = d.joined()
        sents = [Sentence(text[a:b], a, b, "heading" if s.part == "Title" else "sentence")
                 for s, (a, b) in zip(d.sentences, spans, strict=True)]  # fmt: skip
        gold = [[(a + x, a + y, t) for x, y, t in s.cues] for s, (a, _b) in zip(d.sentences, spans, strict=True)]
        sc.add(text, sents, gold)


def news(split: str, sc: Scorer) -> None:
    rows: dict[str, dict[tuple[int, int], list]] = defaultdict(dict)
    with open(ROOT / "datasets" / "uncertainty" / "news.tsv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["split"] == split:
                cues = rows[r["doc"]].setdefault((int(r["sent_start"]), int(r["sent_end"])), [])
                if r["cue_start"]:
                    cues.append((int(r["cue_start"]), int(r["cue_end"]), r["category"]))
    arts = {a.name: a for a in corpora.read_polnear("dev")}
    for name, g in rows.items():
        text = arts[name].text
        sents = split_sentences(text)
        keep = [s for s in sents if (s.start, s.end) in g]
        cues_all = sc.det.detect(text, sents)
        idx = {(s.start, s.end): i for i, s in enumerate(sents)}
        for s in keep:
            sc.count(cues_all[idx[(s.start, s.end)]], g[(s.start, s.end)])
        sc.cert += zip([0 if g[(s.start, s.end)] else 1 for s in keep],
                       sc.certainty(keep, [cues_all[idx[(s.start, s.end)]] for s in keep]), strict=True)  # fmt: skip


def conll(sc: Scorer) -> dict[str, float]:
    c: Counter = Counter()
    for label, text in corpora.read_conll2010_sample():
        sents = [Sentence(text, 0, len(text))]
        cs = sc.det.detect(text, sents)[0]
        c[(label == -1, any(x.kind in UNCERTAINTY_KINDS for x in cs))] += 1
    tp, fp, fn = c[(True, True)], c[(False, True)], c[(True, False)]
    return prf(tp, tp + fp, tp, tp + fn)


def markdown(results: dict[str, dict]) -> str:
    lines = []
    for name, res in results.items():
        if "precision" in res:
            lines += [f"**{name}**: P {res['precision']:.3f} R {res['recall']:.3f} F1 {res['f1']:.3f}", ""]
            continue
        if set(res) == {"certainty"}:
            c = res["certainty"]
            lines += [f"**{name}**: certainty ROC AUC {c['roc_auc']}, Brier {c['brier']}, ECE {c['ece']} "
                      f"(n {c['n']}, uncertain {c['uncertain']})", ""]  # fmt: skip
            continue
        macro = f" — macro F1 over categories {res['macro_f1']:.3f}" if "macro_f1" in res else ""
        lines += [f"**{name}**" + macro, "",
                  "| cue | precision | recall | F1 | predicted | gold |", "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
        for k, v in res.items():
            if isinstance(v, dict) and "precision" in v:
                p, r, f = v["precision"], v["recall"], v["f1"]
                lines.append(f"| {k} | {p:.3f} | {r:.3f} | {f:.3f} | {v['predicted']} | {v['gold']} |")
        if "certainty" in res:
            c = res["certainty"]
            lines.append(f"\ncertainty: ROC AUC {c['roc_auc']}, Brier {c['brier']}, ECE {c['ece']} (n {c['n']})")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--news-split", default="test", choices=("tune", "test"))
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    results: dict[str, dict] = {}
    for label, parts in (("Szeged wiki test", ("wiki",)), ("Szeged bio test", ("bio_bmc", "bio_fly", "bio_hbc"))):
        sc = Scorer()
        for p in parts:
            szeged(p, sc)
        results[label] = sc.report()
    sc = Scorer()
    news(args.news_split, sc)
    results[f"News gold {args.news_split}"] = sc.report()
    results["CoNLL-2010 wiki sample (sentence, uncertain)"] = conll(Scorer())
    for corp in ("uw", "meantime"):
        sc = Scorer()
        factuality(corp, sc)
        results[f"{corp.upper()} test (certainty only)"] = {"certainty": calibration(sc.cert)}
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
