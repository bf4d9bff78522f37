"""Fuzzing at scale with hypothesis: score, explain and summarize on many generated texts.

Runs the same strategies as tests/test_hostile.py (any Unicode; pieces of news
text, quotes, right-to-left text, combining marks, emoji, control characters,
HTML; sentence punctuation) for a time budget, checking every invariant, and
reports how many inputs were tried and what failed. Failures are printed with
the shrunk input so they can become regression tests.

    python bench/fuzz.py --minutes 10
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from test_hostile import hostile  # noqa: E402

import credscore  # noqa: E402
from credscore.explanations import explain_scores  # noqa: E402
from credscore.summary import summarize  # noqa: E402


def check(text: str) -> None:
    scores = credscore.score(text)
    assert scores == credscore.score(text), "not deterministic"
    prev = 0
    for s in scores:
        assert text[s.start : s.end] == s.text, "sentence span"
        assert prev <= s.start, "order"
        prev = s.end
        assert 0.0 <= s.reliability <= 1.0, "reliability range"
        for c in s.cues:
            assert text[c.start : c.end] == c.text, "cue span"
    for e in explain_scores(text, scores):
        assert abs(sum(c.contribution for c in e.contributions) - e.log_odds) < 1e-6, "explanation sum"
    summarize(text, scores=scores)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "fuzz.json")
    args = ap.parse_args(argv)
    stats = {"inputs": 0, "characters": 0, "failures": []}
    deadline = time.monotonic() + args.minutes * 60
    credscore.score("warm up.")
    rounds = 0
    while time.monotonic() < deadline:
        rounds += 1

        @settings(max_examples=2000, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(hostile)
        def run(text: str) -> None:
            stats["inputs"] += 1
            stats["characters"] += len(text)
            check(text)

        try:
            run()
        except Exception as exc:
            stats["failures"].append({"error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()[-2000:]})
            print("FAILURE:", type(exc).__name__, exc, flush=True)
    stats["rounds"] = rounds
    stats["minutes"] = args.minutes
    print(json.dumps({k: v for k, v in stats.items() if k != "failures"}), f"failures: {len(stats['failures'])}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(stats, indent=2))
    return 1 if stats["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
