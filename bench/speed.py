"""Throughput of credscore.score() on real news, and where the time goes: one process.

Scores every PolNeAR train article (840 US political news articles, 3.8 MB) with the shipped model,
one score() call per article as a user would, and reports sentences/s and MB/s, best of --repeat runs.
The steps of the pipeline are timed side by side in the same run (splitting, cue and source
analysis stage by stage, features, the sourcing model, certainty, building the results), so the
shares say where the time goes; --profile adds the functions with the most own time (cProfile).

    CREDSCORE_DATA=../shared/data python bench/speed.py --repeat 3 [--profile 25] [--json out.json]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import credscore
from credscore.certainty import default_certainty_model, doubt_of
from credscore.cues import detector as det_mod
from credscore.cues.detector import default_detector
from credscore.sentences import split_sentences
from tools import corpora


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def stage_times(texts: list[str], sents: list) -> dict[str, float]:
    """Seconds spent in each analysis stage over all texts (one instrumented run)."""
    spent: dict[str, float] = defaultdict(float)
    saved = det_mod.STAGES, det_mod.DOCUMENT_STAGES

    def timed(name, fn):
        def run(*a):
            t0 = time.perf_counter()
            fn(*a)
            spent[name] += time.perf_counter() - t0

        return run

    det_mod.STAGES = tuple(replace(st, run=timed(st.name, st.run)) for st in saved[0])
    det_mod.DOCUMENT_STAGES = tuple(replace(st, run=timed(st.name, st.run)) for st in saved[1])
    try:
        det = default_detector()
        for t, s in zip(texts, sents, strict=True):
            det.analyze(t, s)
    finally:
        det_mod.STAGES, det_mod.DOCUMENT_STAGES = saved
    return dict(spent)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print the N functions with most own time")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    texts = [a.text for a in corpora.read_polnear("train")]
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    model = credscore.default_model()
    det = default_detector()
    cert = default_certainty_model()
    credscore.score(texts[0])  # warm caches (lexicon, models)
    n_sent = sum(len(credscore.score(t)) for t in texts)

    sents = [split_sentences(t) for t in texts]
    analyzed = [det.analyze(t, s) for t, s in zip(texts, sents, strict=True)]
    feats = [model.featurize(s, c, src, det.lexicon) for s, (c, src) in zip(sents, analyzed, strict=True)]
    probas = [model.predict_proba(f) for f in feats]

    def combine_all():
        for s, (c, _), p in zip(sents, analyzed, probas, strict=True):
            ce = cert.certainty(s, c)
            d = [doubt_of(cs) for cs in c]
            model.combine(p, ce, [x[0] for x in d], [x[1] for x in d])

    steps = {
        "score() end to end": lambda: [credscore.score(t) for t in texts],
        "split_sentences": lambda: [split_sentences(t) for t in texts],
        "analyze (cues and sources)": lambda: [det.analyze(t, s) for t, s in zip(texts, sents, strict=True)],
        "features": lambda: [
            model.featurize(s, c, src, det.lexicon) for s, (c, src) in zip(sents, analyzed, strict=True)
        ],
        "sourcing model": lambda: [model.predict_proba(f) for f in feats],
        "certainty and combine": combine_all,
    }
    results = {}
    for name, fn in steps.items():
        t = best_of(fn, args.repeat)
        results[name] = {
            "seconds": round(t, 4),
            "sentences_per_s": round(n_sent / t),
            "mb_per_s": round(n_bytes / t / 1e6, 3),
        }
    total = results["score() end to end"]["seconds"]
    rest = total - sum(r["seconds"] for n, r in results.items() if n != "score() end to end")
    results["results and the rest (by difference)"] = {"seconds": round(rest, 4)}
    stages = stage_times(texts, sents)

    print(f"PolNeAR train: {len(texts)} articles, {n_sent} sentences, {n_bytes / 1e6:.2f} MB; best of {args.repeat}")
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("\n| step | seconds | sentences/s | MB/s | share of score() |")
    print("|---|---:|---:|---:|---:|")
    for name, r in results.items():
        share = r["seconds"] / total
        sps = f"{r['sentences_per_s']:,}" if "sentences_per_s" in r else ""
        mbs = f"{r['mb_per_s']:.2f}" if "mb_per_s" in r else ""
        print(f"| {name} | {r['seconds']:.3f} | {sps} | {mbs} | {share:.0%} |")
    print("\nanalysis stages (one instrumented run; the lexicon scan and quotations are the rest of analyze):\n")
    print("| stage | seconds |")
    print("|---|---:|")
    for name, t in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {t:.3f} |")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for t in texts:
            credscore.score(t)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(args.profile)
        print("\nprofile (cProfile, own time, all texts once):\n")
        print("\n".join(line[:160] for line in out.getvalue().splitlines() if line.strip()))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {"articles": len(texts), "sentences": n_sent, "bytes": n_bytes, "steps": results, "stages": stages},
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
