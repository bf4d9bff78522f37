"""Train the uncertainty-cue tagger and the certainty model (credscore.cues.uncertainty, credscore.certainty).

1. **Tagger**: every candidate phrase (credscore/lexicons/en/uncertainty.tsv) in the Szeged Uncertainty
   Corpus's train documents (Wikipedia and biology; documents split by ``corpora.szeged_split``) is an
   example: ``none`` or the category of the annotated cue it overlaps. Multinomial logistic regression
   over ``uncertainty.candidate_features``; C chosen by grouped 5-fold cross-validation (by document) on
   train. News annotators mark more cues than Szeged's (a claim in the news is more often hedged in
   passing), so one number is set on news: the probability of ``none`` below which a candidate is a cue,
   chosen for the best cue F1 on the news gold set's ``tune`` sentences (datasets/uncertainty/news.tsv),
   which the weights never saw. Written to ``credscore/data/uncertainty_tagger.npz`` (feature strings
   and weights; loading runs no code).
2. **Certainty model** (with the new tagger's cues): a logistic regression over
   ``credscore.certainty.CERTAINTY_FEATURES``, one example per sentence, *certain* = no annotated cue. Data:
   Szeged train sentences (wiki and bio), the news gold tune sentences, UW and MEANTIME **train**
   (certain = every annotated event has factuality of absolute value 2.5 or more) and CommitmentBank
   (certain = mean author commitment of absolute value 2.5 or more) are read; CommitmentBank is left out
   of the fit (every item embeds its clause under an operator - a question, a modal, a conditional, a
   negation - so 90% are "uncertain", unlike any news text), and reported with the rest. Its log-odds are
   then recalibrated (Platt) on the news gold **tune** sentences. Written to ``credscore/data/certainty.json``.

    CREDSCORE_DATA=../shared/data python -m tools.train_uncertainty
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from credscore.certainty import CERTAINTY_FEATURES, CertaintyModel, certainty_features
from credscore.cues import CueDetector
from credscore.cues.document import Document
from credscore.cues.quotes import find_quotations
from credscore.cues.uncertainty import UNCERTAINTY_CATEGORIES, SentenceView, UncertaintyTagger, candidate_features
from credscore.sentences import Sentence, split_sentences
from tools import corpora

REPO = Path(__file__).resolve().parents[1]
TAGGER_OUT = REPO / "credscore" / "data" / "uncertainty_tagger.npz"
CERTAINTY_OUT = REPO / "credscore" / "data" / "certainty.json"
#: Sentence weight of each corpus in the certainty model (Szeged is the reference scheme).
CORPUS_WEIGHT = {"szeged": 1.0, "news": 5.0, "uw": 1.0, "meantime": 1.0, "cb": 1.0}
NEWS_GOLD = REPO / "datasets" / "uncertainty" / "news.tsv"
PARTS = ("wiki", "bio_bmc", "bio_fly", "bio_hbc")
SEED = 11
#: Weights smaller than this are dropped from the shipped file (they change no decision).
PRUNE = 1e-3
_SAY = frozenset(("speech_verb", "report_verb", "stance_verb", "according_to"))


def _document(det: CueDetector, text: str, sents: list[Sentence]) -> Document:
    doc = Document(det, text, sents)
    find_quotations(doc)
    return doc


def _examples_in(doc: Document, gold: dict[int, list[tuple[int, int, str]]]):
    """(features, label, sentence index) for every candidate of the sentences in ``gold`` (by index)."""
    for i, cues in gold.items():
        s = doc.sentences[i]
        hits = doc.sentence_hits(s)
        says = [h.start for h in hits if h.entry.rule in _SAY and not doc.in_quote(h.start)]
        view = SentenceView(doc, s)
        for h in hits:
            if h.entry.rule != "uncertainty_cue":
                continue
            label = next((t for a, b, t in cues if a < h.end and h.start < b), "none")
            yield candidate_features(doc, view, h, any(p < h.start for p in says)), label, i


def szeged_examples(split: str, det: CueDetector, parts: tuple[str, ...] = PARTS):
    """Candidates of the Szeged documents of ``split``: (features, label, group, part)."""
    out = []
    for part in parts:
        for d in corpora.read_szeged(part):
            if corpora.szeged_split(d.doc_id) != split:
                continue
            text, spans = d.joined()
            sents = [Sentence(text[a:b], a, b, "heading" if s.part == "Title" else "sentence")
                     for s, (a, b) in zip(d.sentences, spans, strict=True)]  # fmt: skip
            doc = _document(det, text, sents)
            gold = {i: [(a + x, a + y, t) for x, y, t in s.cues] for i, (s, (a, _b)) in
                    enumerate(zip(d.sentences, spans, strict=True))}  # fmt: skip
            for f, lab, _i in _examples_in(doc, gold):
                out.append((f, lab, f"{part}:{d.doc_id}", part))
    return out


def read_news_gold(split: str) -> dict[str, dict[tuple[int, int], list[tuple[int, int, str]]]]:
    """{article: {(sentence start, end): [(cue start, end, category), ...]}} for a split of the news gold set."""
    out: dict[str, dict[tuple[int, int], list[tuple[int, int, str]]]] = defaultdict(dict)
    with open(NEWS_GOLD, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["split"] != split:
                continue
            key = (int(r["sent_start"]), int(r["sent_end"]))
            cues = out[r["doc"]].setdefault(key, [])
            if r["cue_start"]:
                cues.append((int(r["cue_start"]), int(r["cue_end"]), r["category"]))
    return out


def news_examples(split: str, det: CueDetector):
    out = []
    gold = read_news_gold(split)
    arts = {a.name: a for a in corpora.read_polnear("dev")}
    for name, sents_gold in gold.items():
        text = arts[name].text
        sents = split_sentences(text)
        doc = _document(det, text, sents)
        index = {(s.start, s.end): i for i, s in enumerate(sents)}
        g = {index[k]: v for k, v in sents_gold.items()}
        for f, lab, _i in _examples_in(doc, g):
            out.append((f, lab, f"news:{name}", "news"))
    return out


#: Thresholds on P(none) tried on the news tune sentences.
_THRESHOLDS = tuple(round(0.5 + 0.05 * k, 2) for k in range(10))


def choose_threshold(tagger: UncertaintyTagger, tune) -> tuple[float, dict[str, float]]:
    """The P(none) threshold with the best category-blind cue F1 on the news tune candidates."""
    scores = {}
    golds = sum(1 for _, lab, _, _ in tune if lab != "none")
    for t in _THRESHOLDS:
        tp = fp = 0
        for f, lab, _, _ in tune:
            p = tagger.proba(f)
            is_cue = p[tagger.classes.index("none")] < t
            if is_cue:
                tp += lab != "none"
                fp += lab == "none"
        prec = tp / max(1, tp + fp)
        rec = tp / max(1, golds)
        scores[str(t)] = round(2 * prec * rec / max(1e-9, prec + rec), 4)
    best = max(_THRESHOLDS, key=lambda t: (scores[str(t)], -t))
    return best, scores


def fit_tagger(examples) -> tuple[UncertaintyTagger, dict]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_score

    feats = [dict.fromkeys(f, 1) for f, _, _, _ in examples]
    y = np.asarray([lab for _, lab, _, _ in examples])
    groups = np.asarray([g for _, _, g, _ in examples])
    w = np.ones(len(y))
    vec = DictVectorizer()
    X = vec.fit_transform(feats)
    cv = GroupKFold(n_splits=5, shuffle=True, random_state=SEED)
    scores = {}
    for C in (0.3, 1.0, 3.0):
        lr = LogisticRegression(C=C, max_iter=3000)
        scores[C] = float(np.mean(cross_val_score(lr, X, y, groups=groups, cv=cv, scoring="f1_macro",
                                                  params={"sample_weight": w})))  # fmt: skip
        print(f"  C={C}: cross-validated macro F1 {scores[C]:.4f}", file=sys.stderr)
    best = max(scores, key=lambda c: scores[c])
    lr = LogisticRegression(C=best, max_iter=3000).fit(X, y, sample_weight=w)
    classes = tuple(str(c) for c in lr.classes_)
    names = vec.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        col = lr.coef_[:, j]
        if np.abs(col).max() >= PRUNE:
            weights[str(name)] = col.tolist()
    meta = {
        "trained_on": "Szeged Uncertainty Corpus train documents (wiki, bio)",
        "n": len(y), "label_counts": dict(Counter(y.tolist())), "C": best,
        "cv_macro_f1": {str(k): round(v, 4) for k, v in scores.items()},
    }  # fmt: skip
    return UncertaintyTagger(classes, lr.intercept_.tolist(), weights, meta), meta


# --- 2. the certainty model -------------------------------------------------------------------


def certainty_rows(det: CueDetector):
    """{corpus: (X, y_certain)} with features from this credscore's cues."""
    out: dict[str, tuple[list, list]] = {}
    X, y = [], []
    for part in PARTS:
        for d in corpora.read_szeged(part):
            if corpora.szeged_split(d.doc_id) != "train":
                continue
            text, spans = d.joined()
            sents = [Sentence(text[a:b], a, b, "heading" if s.part == "Title" else "sentence")
                     for s, (a, b) in zip(d.sentences, spans, strict=True)]  # fmt: skip
            cues = det.detect(text, sents)
            keep = [i for i, s in enumerate(sents) if s.kind == "sentence"]
            rows = certainty_features([sents[i] for i in keep], [cues[i] for i in keep])
            X += rows
            y += [0 if d.sentences[i].cues else 1 for i in keep]
    out["szeged"] = (X, y)
    out["news"] = _news_certainty(det, "tune")
    for corp in ("uw", "meantime"):
        X, y = [], []
        for fs in corpora.read_factuality(corp, "train"):
            vals = [v for v in fs.values if v is not None]
            if not vals:
                continue
            text, _ = corpora.detokenize(fs.tokens)
            sents = [Sentence(text, 0, len(text))]
            X += certainty_features(sents, det.detect(text, sents))
            y.append(1 if min(abs(v) for v in vals) >= 2.5 else 0)
        out[corp] = (X, y)
    X, y = [], []
    with open(corpora.data_dir("commitmentbank", "CommitmentBank-items.csv"), encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            text = " ".join(r["Target"].split())
            sents = [Sentence(text, 0, len(text))]
            X += certainty_features(sents, det.detect(text, sents))
            y.append(1 if abs(float(r["Mean"])) >= 2.5 else 0)
    out["cb"] = (X, y)
    return out


def _news_certainty(det: CueDetector, split: str) -> tuple[list, list]:
    X, y = [], []
    gold = read_news_gold(split)
    arts = {a.name: a for a in corpora.read_polnear("dev")}
    for name, g in gold.items():
        text = arts[name].text
        sents = split_sentences(text)
        cues = det.detect(text, sents)
        keep = [i for i, s in enumerate(sents) if (s.start, s.end) in g]
        X += certainty_features([sents[i] for i in keep], [cues[i] for i in keep])
        y += [0 if g[(sents[i].start, sents[i].end)] else 1 for i in keep]
    return X, y


def _fit_certainty(data: dict[str, tuple[list, list]], corpora_used: tuple[str, ...]):
    from sklearn.linear_model import LogisticRegression

    X = [row for c in corpora_used for row in data[c][0]]
    y = [lab for c in corpora_used for lab in data[c][1]]
    w = [CORPUS_WEIGHT[c] for c in corpora_used for _ in data[c][1]]
    return LogisticRegression(C=1.0, max_iter=2000).fit(np.asarray(X), np.asarray(y), sample_weight=np.asarray(w))


#: The corpora the certainty model is fitted on (see the module docstring for CommitmentBank).
CERTAINTY_CORPORA = ("szeged", "uw", "meantime", "news")


def fit_certainty(det: CueDetector) -> tuple[CertaintyModel, dict]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    data = certainty_rows(det)
    lr = _fit_certainty(data, CERTAINTY_CORPORA)
    # Recalibrate on news (the target domain; Szeged's share of certain sentences is not news's): one
    # logistic (Platt) fit of the model's own log-odds on the tune sentences.
    Xt, yt = data["news"]
    z = lr.decision_function(np.asarray(Xt))
    platt = LogisticRegression(C=1e6, max_iter=1000).fit(z.reshape(-1, 1), np.asarray(yt))
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    fit_auc = {c: round(float(roc_auc_score(data[c][1], lr.decision_function(np.asarray(data[c][0])))), 4)
               for c in data if len(set(data[c][1])) == 2}  # fmt: skip
    meta = {
        "trained_on": CERTAINTY_CORPORA, "corpus_weight": {c: CORPUS_WEIGHT[c] for c in CERTAINTY_CORPORA},
        "n": {c: len(data[c][1]) for c in data},
        "certain_share": {c: round(sum(data[c][1]) / max(1, len(data[c][1])), 3) for c in data},
        "roc_auc_on_training_data": fit_auc,
        "platt_on_news_tune": {"a": round(a, 4), "b": round(b, 4)},
    }  # fmt: skip
    coef = (a * lr.coef_[0]).tolist()
    return CertaintyModel(coef, a * float(lr.intercept_[0]) + b, meta), meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.train_uncertainty", description=__doc__.split("\n")[0])
    ap.add_argument("--tagger-out", type=Path, default=TAGGER_OUT)
    ap.add_argument("--certainty-out", type=Path, default=CERTAINTY_OUT)
    ap.add_argument("--only", choices=("tagger", "certainty"), help="train one of the two")
    args = ap.parse_args(argv)
    det = CueDetector()
    if args.only != "certainty":
        print("collecting candidates (Szeged train, news tune) ...", file=sys.stderr)
        ex = szeged_examples("train", det)
        print(f"{len(ex)} candidates: {dict(Counter(lab for _, lab, _, _ in ex))}", file=sys.stderr)
        tagger, meta = fit_tagger(ex)
        tune = news_examples("tune", det)
        t, scores = choose_threshold(tagger, tune)
        tagger.none_threshold = t
        tagger.meta.update({"none_threshold": t, "threshold_f1_on_news_tune": scores})
        print(f"  P(none) threshold {t} (cue F1 on news tune: {scores})", file=sys.stderr)
        tagger.save(args.tagger_out)
        print(f"wrote {args.tagger_out} ({len(tagger.weights)} features): {meta}", file=sys.stderr)
        assert set(UNCERTAINTY_CATEGORIES) <= set(tagger.classes)
        from credscore.cues import uncertainty

        uncertainty._TAGGER = None  # the certainty model reads the new tagger's cues
    if args.only != "tagger":
        model, meta = fit_certainty(det)
        args.certainty_out.write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"wrote {args.certainty_out}: {meta}", file=sys.stderr)
        assert len(model.coef) == len(CERTAINTY_FEATURES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
