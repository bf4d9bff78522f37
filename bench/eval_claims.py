"""How credscore's claim filter (credscore.claims.not_a_claim) fares on ClaimBuster.

ClaimBuster labels US presidential debate sentences as check-worthy factual
claims (1) or not (0: opinions, small talk, questions, ...). credscore's
filter only removes page furniture, link boilerplate and questions; it does not
judge check-worthiness. This measures how much of ClaimBuster's "not a
claim" that removes, and how many check-worthy claims it wrongly removes.

    CREDSCORE_DATA=../shared/data python bench/eval_claims.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from credscore.claims import not_a_claim
from tools import corpora


def main() -> int:
    for split in ("test", "train"):
        rows = corpora.read_claimbuster(split)
        reasons: dict[int, Counter[str]] = {0: Counter(), 1: Counter()}
        for label, text in rows:
            reasons[label][not_a_claim(text) or "claim"] += 1
        n0, n1 = sum(reasons[0].values()), sum(reasons[1].values())
        removed0 = n0 - reasons[0]["claim"]
        removed1 = n1 - reasons[1]["claim"]
        print(f"## ClaimBuster {split}: {n1} check-worthy, {n0} not\n")
        print("| | check-worthy (1) | not check-worthy (0) |")
        print("|---|---:|---:|")
        print(f"| kept as claims | {reasons[1]['claim']} | {reasons[0]['claim']} |")
        print(f"| removed as non-claims | {removed1} ({removed1 / n1:.1%}) | {removed0} ({removed0 / n0:.1%}) |")
        print(f"\nremoval reasons, not check-worthy: {dict(reasons[0] - Counter(claim=reasons[0]['claim']))}")
        print(f"removal reasons, check-worthy: {dict(reasons[1] - Counter(claim=reasons[1]['claim']))}")
        precision = removed0 / (removed0 + removed1) if removed0 + removed1 else float("nan")
        print(f"precision of removal (removed that are not check-worthy): {precision:.3f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
