"""Verbs of saying credscore leaves without a source, in the BBC News articles that no gold part holds: a pool of
misses that needs no labels (issue 18, seventh session).

A verb of saying whose source credscore cannot find becomes an ``unsourced_attribution`` cue. Some are right
(an imperative, a verb whose subject is out of the sentence), most are a source phrase the rules do not read:
a parenthetical between dashes, an appositive, a postposed role and name. The articles drawn for any
out-of-domain gold part (test, dev, dev2, dev3) are left out, so the blind part is never read this way.

    CREDSCORE_DATA=../shared/data python bench/unsourced_bbc.py [--show N] [--seed S] [--against DIR]

Prints the number of articles read, of unsourced verbs of saying and of the sources found in them, and with
``--show`` a seeded sample of the unsourced verbs in their sentences.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _revision import measure_baseline_if_asked  # noqa: E402  (bench/_revision.py)

measure_baseline_if_asked()

from credscore.cues import CueDetector  # noqa: E402
from credscore.sentences import split_sentences  # noqa: E402
from tools import corpora  # noqa: E402
from tools.mine_org_names import gold_articles  # noqa: E402  (the articles the miners leave out too)


def count(det: CueDetector) -> tuple[int, list[tuple[str, str, str]], int]:
    """(articles read, the unsourced verbs as (article, verb, sentence), sources found)."""
    held_out = gold_articles()
    unsourced: list[tuple[str, str, str]] = []
    n_sources = n_articles = 0
    for art in corpora.read_bbc():
        if art.name in held_out:
            continue
        n_articles += 1
        text = art.text
        sents = split_sentences(text)
        cues, sources = det.analyze(text, sents)
        for s, row_c, row_s in zip(sents, cues, sources, strict=True):
            n_sources += sum(not x.inherited for x in row_s)
            for c in row_c:
                if c.rule == "unsourced_attribution":
                    unsourced.append((art.name, c.text, " ".join(text[s.start : s.end].split())))
    return n_articles, unsourced, n_sources


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N unsourced verbs in their sentences")
    ap.add_argument("--seed", type=int, default=0, help="of the --show sample")
    ap.add_argument("--against", type=Path, help="a folder holding a baseline `credscore` package to measure")
    args = ap.parse_args(argv)
    n_articles, unsourced, n_sources = count(CueDetector())
    print(
        f"{n_articles} BBC articles (no gold part's): {len(unsourced)} unsourced verbs of saying, {n_sources} sources"
    )
    if args.show:
        sample = random.Random(args.seed).sample(unsourced, min(args.show, len(unsourced)))
        for name, verb, sentence in sorted(sample):
            print(f"- {name} [{verb}] {sentence[:240]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
