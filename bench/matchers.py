"""The lexicon scan: credscore's trie regexes against multi-pattern matchers built for the job (issue 13).

credscore finds every lexicon phrase of a document in one pass per phrase group: each group is one
compiled regex, the phrases factored as a trie, bounded by ``(?<!\\w)`` and ``(?!\\w)``, the longest
phrase at a position first (``credscore/lexicon.py``). This script measures, on the same texts in one
run, what the compiled multi-pattern matchers would give instead, each made to return the same thing
(non-overlapping phrase spans, leftmost, longest first, on word boundaries):

- ``pyahocorasick``: an Aho-Corasick automaton over the phrases; every occurrence is reported, the
  word-boundary test and the leftmost-longest choice are done in Python;
- ``google-re2``: the same trie pattern, lookarounds replaced by ``\\b`` (RE2 has no lookaround);
- ``hyperscan``: one expression per phrase, start of match on (``HS_FLAG_SOM_LEFTMOST``), UTF-8, ASCII word
  boundaries; every match goes through a Python callback, then the same choice as Aho-Corasick.

"matcher alone" is the compiled matcher with nothing done per match but counting it (for the trie and
RE2, ``findall``; for Aho-Corasick every occurrence, overlapping; for hyperscan a callback that counts),
the floor each could reach. Agreement is the share of the trie's spans each matcher finds exactly,
and the spans it finds that the trie does not. A matcher that is not installed is skipped
(``pip install pyahocorasick google-re2 hyperscan``; hyperscan has wheels for x86-64 Linux and macOS
only). The share of ``score()`` is from the same run.

    CREDSCORE_DATA=../shared/data python bench/matchers.py --repeat 3 [--json out.json]
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

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import credscore
from credscore.cues.detector import default_detector
from credscore.lexicon import lower_same_length

Span = tuple[int, int]


def _texts() -> list[str]:
    root = Path(os.environ.get("CREDSCORE_DATA", "../shared/data")) / "polnear" / "data" / "train" / "text"
    paths = sorted(root.glob("*.txt"))
    if not paths:
        sys.exit(f"no PolNeAR train texts under {root} (set CREDSCORE_DATA)")
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _leftmost_longest(cands: list[Span], text: str) -> list[Span]:
    """Of every occurrence, those on word boundaries, non-overlapping, leftmost first and longest at a
    position: what ``finditer`` over the trie regex returns."""
    n = len(text)
    out: list[Span] = []
    last = -1
    for a, b in sorted(cands, key=lambda s: (s[0], -s[1])):
        if a < last:
            continue
        if (a > 0 and _is_word(text[a - 1]) and _is_word(text[a])) or (
            b < n and _is_word(text[b]) and _is_word(text[b - 1])
        ):
            continue
        out.append((a, b))
        last = b
    return out


class Trie:
    name = "trie regex (credscore)"

    def __init__(self, groups: list[tuple[bool, re.Pattern[str], list[str]]]):
        self.patterns = [p for _, p, _ in groups]

    def find(self, low: str) -> list[list[Span]]:
        return [[m.span() for m in p.finditer(low)] for p in self.patterns]

    def raw(self, low: str) -> int:
        return sum(len(p.findall(low)) for p in self.patterns)


class AhoCorasick:
    name = "pyahocorasick"
    # Same length: every white space character a space, the typographic apostrophe a straight one.
    _fold = str.maketrans({"\u2019": "'", "\t": " ", "\n": " ", "\r": " ", "\f": " ", "\v": " ", "\xa0": " "})

    def __init__(self, groups: list[tuple[bool, re.Pattern[str], list[str]]]):
        import ahocorasick

        self.automata = []
        for _, _, phrases in groups:
            a = ahocorasick.Automaton()
            for ph in phrases:
                a.add_word(ph, len(ph))
            a.make_automaton()
            self.automata.append(a)

    def find(self, low: str) -> list[list[Span]]:
        text = low.translate(self._fold)
        out = []
        for a in self.automata:
            cands = [(end + 1 - n, end + 1) for end, n in a.iter(text)]
            out.append(_leftmost_longest(cands, text))
        return out

    def raw(self, low: str) -> int:
        text = low.translate(self._fold)
        return sum(sum(1 for _ in a.iter(text)) for a in self.automata)


class RE2(Trie):
    """The trie's pattern compiled by RE2; ``find`` and ``raw`` as the trie's."""

    name = "google-re2"

    def __init__(self, groups: list[tuple[bool, re.Pattern[str], list[str]]]):
        import re2

        self.patterns = []
        for _, p, _ in groups:
            src = p.pattern
            assert src.startswith(r"(?<!\w)(?:") and src.endswith(r")(?!\w)")
            self.patterns.append(re2.compile(r"\b(?:" + src[len(r"(?<!\w)(?:") : -len(r")(?!\w)")] + r")\b"))


class Hyperscan:
    name = "hyperscan"

    def __init__(self, groups: list[tuple[bool, re.Pattern[str], list[str]]]):
        import hyperscan as hs

        self.dbs = []
        # \b is not supported with Unicode classes (HS_FLAG_UCP): ASCII word boundaries in the expressions,
        # the Unicode test again in _leftmost_longest.
        flags = hs.HS_FLAG_SOM_LEFTMOST | hs.HS_FLAG_UTF8
        for _, _, phrases in groups:
            exprs = []
            for ph in phrases:
                body = r"\s+".join(re.escape(w).replace("'", "['\u2019]") for w in ph.split(" "))
                # Word boundaries in the expression, so that "may" in "mayor" is never reported.
                lead = r"\b" if _is_word(ph[0]) else ""
                trail = r"\b" if _is_word(ph[-1]) else ""
                exprs.append(f"{lead}{body}{trail}".encode())
            db = hs.Database(mode=hs.HS_MODE_BLOCK)
            db.compile(expressions=exprs, ids=list(range(len(exprs))), flags=[flags] * len(exprs))
            self.dbs.append(db)

    def find(self, low: str) -> list[list[Span]]:
        data = low.encode("utf-8")
        # Byte offsets -> character offsets: the index of the character each byte belongs to.
        char_of = None
        if len(data) != len(low):
            lead = (np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80
            char_of = np.cumsum(lead) - 1
        out = []
        for db in self.dbs:
            cands: list[Span] = []

            def on_match(_id: int, a: int, b: int, _flags: int, found: list[Span]) -> None:
                found.append((a, b))

            db.scan(data, match_event_handler=on_match, context=cands)
            if char_of is not None and cands:
                ab = np.asarray(cands)
                cands = list(zip(char_of[ab[:, 0]].tolist(), (char_of[ab[:, 1] - 1] + 1).tolist(), strict=True))
            out.append(_leftmost_longest(cands, low))
        return out

    def raw(self, low: str) -> int:
        data = low.encode("utf-8")
        n = [0]

        def on_match(*_args: object) -> None:
            n[0] += 1

        for db in self.dbs:
            db.scan(data, match_event_handler=on_match)
        return n[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="write the results here too")
    args = ap.parse_args()

    texts = _texts()
    lows = [lower_same_length(t) for t in texts]
    mb = sum(map(len, texts)) / 1e6
    lex = default_detector().lexicon
    phrases = {True: set(), False: set()}
    for key, entries in lex._by_phrase.items():
        for e in entries:
            phrases[e.kind == "hedge"].add(key)
    groups = [(hedge, pat, sorted(phrases[hedge])) for hedge, pat in lex.group_patterns]

    matchers = [Trie(groups)]
    for cls in (AhoCorasick, RE2, Hyperscan):
        try:
            t0 = time.perf_counter()
            m = cls(groups)
            m.build_s = time.perf_counter() - t0
            matchers.append(m)
        except ImportError as exc:
            print(f"skipped {cls.name}: {exc}", file=sys.stderr)
    matchers[0].build_s = 0.0

    credscore.score(texts[0])
    score_s = min(_timed(lambda: [credscore.score(t) for t in texts]) for _ in range(args.repeat))

    reference = [matchers[0].find(low) for low in lows]
    n_ref = sum(len(g) for doc in reference for g in doc)
    rows = []
    for m in matchers:
        secs = min(_timed(lambda m=m: [m.find(low) for low in lows]) for _ in range(args.repeat))
        raw_s = min(_timed(lambda m=m: [m.raw(low) for low in lows]) for _ in range(args.repeat))
        found = [m.find(low) for low in lows]
        same = extra = 0
        for ref_doc, doc in zip(reference, found, strict=True):
            for ref_g, g in zip(ref_doc, doc, strict=True):
                r, s = set(ref_g), set(g)
                same += len(r & s)
                extra += len(s - r)
        rows.append(
            {
                "matcher": m.name,
                "seconds": round(secs, 4),
                "raw_seconds": round(raw_s, 4),
                "mb_per_s": round(mb / secs, 2),
                "build_s": round(m.build_s, 3),
                "agree": round(same / n_ref, 5),
                "extra": extra,
                "share_of_score": round(secs / score_s, 4),
            }
        )

    print(f"PolNeAR train: {len(texts)} articles, {mb:.2f} MB; {n_ref:,} phrase spans (trie); best of {args.repeat}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"credscore.score() over the same texts: {score_s:.3f} s ({mb / score_s:.2f} MB/s)\n")
    print(
        "| matcher | scan s | MB/s | matcher alone s | build s | trie spans found | spans not in trie "
        "| scan / score() |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['matcher']} | {r['seconds']:.3f} | {r['mb_per_s']:.1f} | {r['raw_seconds']:.3f} | "
            f"{r['build_s']:.2f} | "
            f"{r['agree']:.2%} | {r['extra']:,} | {r['share_of_score']:.1%} |"
        )
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"mb": mb, "score_s": score_s, "rows": rows}, indent=1))


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
