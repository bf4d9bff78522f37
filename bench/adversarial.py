"""Linear time on adversarial input: score() on texts built to make regexes backtrack.

Each text repeats what one of credscore's patterns repeats (runs of sentence
punctuation, open quotes, blank runs, cue words, capitals, "By" lines, ...);
each is timed beside ordinary news prose of the same length, in the same run.
A pattern that backtracks shows as a ratio that grows with the length.

    python bench/adversarial.py --chars 200000 1000000 --repeat 2
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import credscore  # noqa: E402


def cases(n: int) -> dict[str, str]:
    """Adversarial texts of about ``n`` characters, by what they stress."""

    def rep(unit: str) -> str:
        return (unit * (n // len(unit) + 1))[:n]

    return {
        "run of full stops": rep("."),
        "full stops then a letter": rep("." * 1000 + "a"),
        "?! run": rep("!?"),
        "headline single quotes": rep("'A"),
        "lines of 'A": rep("'A" * 1000 + "\n"),
        "open curly quotes": rep("\u201c"),
        "open quote then spaces": rep("\u201c" + " " * 1000),
        "straight quotes": rep("\"\u201c'\u2018"),
        "blank runs": rep("\n "),
        "'said' then spaces": rep("said" + " " * 1000),
        "capitals": rep("A"),
        "capital words": rep("AAA "),
        "dashes": rep("- "),
        "'officials' repeated": rep("officials "),
        "'according to' repeated": rep("according to "),
        "words, no punctuation": rep("word "),
        "'a.' repeated": rep("a. "),
        "initials": rep("A. "),
        "open parentheses": rep("("),
        "'By A' lines": rep("By A\n"),
        "wrapped lines ending 'the'": rep("word " * 12 + "the\n"),
        "HTML": rep("<p class='x'>Officials said <b>it</b> may fail.</p>\n"),
        # Dense attribution in one endless sentence (found by review: quadratic before).
        "'said' repeated": rep("said "),
        "'Sources said' repeated": rep("Sources said "),
        "anonymous clauses repeated": rep("officials, who spoke on condition of anonymity, said "),
        "quotes with speakers": rep('"we will do this now" Lee said, '),
    }


def timed(text: str, *, html: bool = False) -> float:
    t0 = time.perf_counter()
    credscore.score(credscore.html_to_text(text) if html else text, max_chars=None)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chars", type=int, nargs="+", default=[200_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=2, help="runs per text; the best is reported (default 2)")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "adversarial.json")
    args = ap.parse_args(argv)
    credscore.score("Warm up.")
    story = (ROOT / "examples" / "wire-story.txt").read_text(encoding="utf-8") + "\n\n"
    results: dict[str, dict[str, float]] = {}
    for n in args.chars:
        prose = (story * (n // len(story) + 1))[:n]
        base = min(timed(prose) for _ in range(max(2, args.repeat)))
        row = {"news prose": round(base, 4)}
        for name, text in cases(n).items():
            row[name] = round(min(timed(text) for _ in range(args.repeat)), 4)
        # The same HTML as a user with --html scores it: markup blanked, then scored.
        row["HTML, with html_to_text"] = round(min(timed(cases(n)["HTML"], html=True) for _ in range(args.repeat)), 4)
        results[str(n)] = row
        print(f"\n{n:,} characters: news prose {base:.3f} s", flush=True)
    names = list(next(iter(results.values())))
    print("\n| input | " + " | ".join(f"{int(n):,} chars: s (x prose)" for n in results) + " |")
    print("|---|" + "---:|" * len(results))
    for name in names:
        cells = [f"{r[name]:.3f} ({r[name] / r['news prose']:.1f}x)" for r in results.values()]
        print(f"| {name} | " + " | ".join(cells) + " |")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
