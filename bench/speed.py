"""Throughput of credscore.score() on real news: sentences per second, one process.

Scores every PolNeAR train article (840 US political news articles) with the
shipped model, one score() call per article as a user would, and reports
sentences/s and MB/s, best of --repeat runs. The stages are timed side by side
in the same run (splitting, cue detection, features, model) so the ratios say
where the time goes.

    CREDSCORE_DATA=../shared/data python bench/speed.py --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import credscore
from credscore import corpora
from credscore.cues import detect_cues
from credscore.features import cue_features
from credscore.sentences import split_sentences


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    texts = [a.text for a in corpora.read_polnear("train")]
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    model = credscore.default_model()
    credscore.score(texts[0])  # warm caches (lexicon, model)
    n_sent = sum(len(credscore.score(t)) for t in texts)

    sents = [split_sentences(t) for t in texts]
    cues = [detect_cues(t, s) for t, s in zip(texts, sents, strict=True)]
    feats = [cue_features(s, c) for s, c in zip(sents, cues, strict=True)]

    lex = credscore.cues._default_lexicon()
    lowered = [t.lower() for t in texts]
    # The same phrases as one flat alternation: what the trie layout is measured against.
    flat = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(lex._by_phrase, key=len, reverse=True)) + r")(?!\w)"
    )
    stages = {
        "score() end to end": lambda: [credscore.score(t) for t in texts],
        "split_sentences": lambda: [split_sentences(t) for t in texts],
        "detect_cues": lambda: [detect_cues(t, s) for t, s in zip(texts, sents, strict=True)],
        "cue_features": lambda: [cue_features(s, c) for s, c in zip(sents, cues, strict=True)],
        "model.predict_proba": lambda: [model.predict_proba(f) for f in feats],
        "lexicon scan, trie regex (inside detect_cues)": lambda: [sum(1 for _ in lex.finditer(t)) for t in lowered],
        "lexicon scan, flat alternation (for comparison)": lambda: [sum(1 for _ in flat.finditer(t)) for t in lowered],
    }
    results = {}
    for name, fn in stages.items():
        t = best_of(fn, args.repeat)
        results[name] = {
            "seconds": round(t, 4),
            "sentences_per_s": round(n_sent / t),
            "mb_per_s": round(n_bytes / t / 1e6, 2),
        }
    total = results["score() end to end"]["seconds"]
    print(f"PolNeAR train: {len(texts)} articles, {n_sent} sentences, {n_bytes / 1e6:.2f} MB; best of {args.repeat}")
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"lexicon: {len(lex)} phrases")
    print("\n| stage | seconds | sentences/s | MB/s | share of score() |")
    print("|---|---:|---:|---:|---:|")
    for name, r in results.items():
        share = r["seconds"] / total
        print(f"| {name} | {r['seconds']:.3f} | {r['sentences_per_s']:,} | {r['mb_per_s']:.2f} | {share:.0%} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"articles": len(texts), "sentences": n_sent, "bytes": n_bytes, "stages": results}, indent=2)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
