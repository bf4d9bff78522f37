"""Build the uncertainty-cue candidate lexicon (credscore/lexicons/en/uncertainty.tsv).

Candidates are every cue string the Szeged Uncertainty Corpus's annotators marked in its **train**
documents (Wikipedia and the three biology parts; documents split by ``corpora.szeged_split``), kept
when marked at least :data:`MIN_CUES` times in at least :data:`MIN_RATE` of their occurrences, plus a
short list of news additions (:data:`NEWS`: the annotation guide's Part 3 words, wire-style hedges, and
cues of the news gold set's ``tune`` part). Each row records how often the phrase was a cue and of
which category: the classifier (``python -m tools.train_uncertainty``) decides in context.

    CREDSCORE_DATA=../shared/data python -m tools.build_uncertainty_lexicon
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from tools import corpora

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "credscore" / "lexicons" / "en" / "uncertainty.tsv"
PARTS = ("wiki", "bio_bmc", "bio_fly", "bio_hbc")
MIN_CUES = 2
MIN_RATE = 0.06
#: Longest candidate phrase, in words.
MAX_WORDS = 5
#: News additions: (phrase, category, why).
NEWS = [
    ("reportedly", "epistemic", "wire style: unverified by the writer"),
    ("allegedly", "doxastic", "wire style"),
    ("alleged", "doxastic", "wire style"),
    ("purportedly", "epistemic", "wire style"),
    ("unconfirmed", "epistemic", "wire style"),
    ("could not be independently verified", "epistemic", "wire style"),
    ("could not be verified", "epistemic", "wire style"),
    ("it remains to be seen", "epistemic", "guide, Part 3"),
    ("remains to be seen", "epistemic", "guide, Part 3"),
    ("in all likelihood", "epistemic", "guide, Part 3"),
    ("no evidence", "epistemic", "guide, Part 3"),
    ("it is unclear", "epistemic", "guide, Part 3"),
    ("is unclear", "epistemic", "guide, Part 3"),
    ("unclear", "epistemic", "guide, Part 3"),
    ("uncertain", "epistemic", "guide, Part 3"),
    ("possibility", "epistemic", "guide, Part 3"),
    ("potential", "epistemic", "guide, Part 3"),
    ("likelihood", "epistemic", "guide, Part 3"),
    ("is expected to", "doxastic", "guide, Part 3"),
    ("are expected to", "doxastic", "guide, Part 3"),
    ("expected", "doxastic", "guide, Part 3"),
    ("expects", "doxastic", "guide, Part 3"),
    ("expect", "doxastic", "guide, Part 3"),
    ("thinks", "doxastic", "guide, Part 3"),
    ("believes", "doxastic", "guide, Part 3"),
    ("fears", "epistemic", "guide, Part 3"),
    ("accusation", "doxastic", "guide, Part 3"),
    ("accusations", "doxastic", "guide, Part 3"),
    ("accused", "doxastic", "guide, Part 3"),
    ("accuses", "doxastic", "guide, Part 3"),
    ("allegation", "doxastic", "guide, Part 3"),
    ("allegations", "doxastic", "guide, Part 3"),
    ("suspected", "doxastic", "guide, Part 3"),
    ("unless", "condition", "guide, Part 3"),
    ("provided that", "condition", "guide, Part 3"),
    ("as long as", "condition", "guide, Part 3"),
    ("in case", "condition", "guide, Part 3"),
    ("whether", "investigation", "guide, Part 3"),
    ("investigating", "investigation", "guide, Part 3"),
    ("investigate", "investigation", "guide, Part 3"),
    ("investigation", "investigation", "guide, Part 3"),
    ("examine", "investigation", "guide, Part 3"),
    ("examining", "investigation", "guide, Part 3"),
    ("weighing", "investigation", "guide, Part 3"),
    ("considering", "investigation", "guide, Part 3"),
    ("looking into", "investigation", "guide, Part 3"),
    ("probe", "investigation", "news: 'a probe into'"),
    ("questions about", "investigation", "news gold tune"),
    ("maybe", "epistemic", "news gold tune"),
    ("prospect", "epistemic", "news gold tune"),
    ("concerned", "epistemic", "news gold tune: 'concerned that ...'"),
    ("worried", "epistemic", "news gold tune"),
    ("worry", "epistemic", "news"),
    ("hope", "doxastic", "news gold tune"),
    ("hoped", "doxastic", "news gold tune"),
    ("hopes", "doxastic", "news gold tune"),
    ("convinced", "doxastic", "news gold tune"),
    ("see", "doxastic", "news gold tune: 'see X as'"),
    ("saw", "doxastic", "news gold tune: 'saw X as'"),
    ("sees", "doxastic", "news gold tune"),
    ("charged", "doxastic", "news gold tune: 'charged with' (accused)"),
    ("wouldn't", "condition", "news gold tune"),
    ("we'd", "condition", "news gold tune: a hypothetical 'would'"),
    ("or", "epistemic", "Szeged: a disjunction of possibilities (5% of train occurrences; most in biology)"),
]


def _words(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def collect() -> tuple[Counter, dict[str, Counter], Counter]:
    cue_n: Counter = Counter()
    cats: dict[str, Counter] = defaultdict(Counter)
    texts: list[str] = []
    for part in PARTS:
        for doc in corpora.read_szeged(part):
            if corpora.szeged_split(doc.doc_id) != "train":
                continue
            for s in doc.sentences:
                texts.append(s.text.lower().replace("\u2019", "'"))
                for a, b, t in s.cues:
                    phrase = _words(s.text[a:b])
                    if phrase and len(phrase.split()) <= MAX_WORDS and re.search(r"\w", phrase):
                        cue_n[phrase] += 1
                        cats[phrase][t] += 1
    occ: Counter = Counter()
    blob = "\n".join(texts)
    for phrase in cue_n:
        pat = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?!\w)"
        occ[phrase] = len(re.findall(pat, blob))
    return cue_n, cats, occ


def main() -> int:
    cue_n, cats, occ = collect()
    rows = []
    for phrase, n in cue_n.items():
        rate = n / max(occ[phrase], n)
        if n >= MIN_CUES and rate >= MIN_RATE:
            dist = ", ".join(f"{c} {k}" for c, k in cats[phrase].most_common())
            rows.append((phrase, round(rate, 3), "SZ-train", f"{n} of {max(occ[phrase], n)} occurrences a cue: {dist}"))
    have = {r[0] for r in rows}
    for phrase, cat, why in NEWS:
        if phrase not in have:
            rows.append((phrase, 0.5, "NEWS", f"{cat}; {why}"))
            have.add(phrase)
    rows.sort()
    head = [
        "# Uncertainty cue candidates (annotation guide, Part 3). Every row is a phrase the classifier looks at in",
        "# context (credscore/cues/uncertainty.py): whether it is an uncertainty cue there, and of which category",
        "# (epistemic, doxastic, condition, investigation). Built by `python -m tools.build_uncertainty_lexicon`:",
        f"# SZ-train = marked as a cue >= {MIN_CUES} times, in >= {MIN_RATE:.0%} of its occurrences, in the Szeged",
        "# Uncertainty Corpus's train documents (wiki + bio; Szarvas et al. 2012, CC BY-SA); NEWS = the guide's words",
        "# and wire-style hedges. weight = the share of its train occurrences that were cues (0.5 for NEWS rows).",
        "phrase\tkind\trule\tweight\tsource\tnote",
    ]
    body = [f"{p}\thedge\tuncertainty_cue\t{w}\t{src}\t{note}" for p, w, src, note in rows]
    OUT.write_text("\n".join(head + body) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(rows)} phrases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
