"""Holder recall on MPQA 2.0 world press: does credscore find the source of each speech event?

MPQA 2.0 (mostly 2001-02 wire stories and translated foreign press, ``mpqa/SOURCE.txt``) marks every private state
and speech event with its expression ("said", "called", "expressing concern") and its holder, a span or
implicit (the writer). ``tools.corpora.read_mpqa`` reads Marasovic & Frank's processed folds, whose events
are MPQA's direct-subjective annotations, aligned to the raw text. This script measures:

* **Events.** An event has an *explicit holder* when it is not implicit and has at least one holder span.
  It is a **speech event** when its expression contains a word form of a verb of saying or reporting
  from the shared reference lists in ``lexicons/attribution/`` -- Gender Gap Tracker
  (``ggt_quote_verbs_en.txt``), JournalismAI (``journalismai_quote_verbs.txt``) and NewsQuote
  (``newsquote_trigger_verbs.csv``) as the forms they give, Krestel et al. (``krestel_reporting_verbs.txt``)
  as lemmas inflected simply (say/says/said/saying, :func:`inflect`) -- matched as lower-cased words, or
  contains "according to". The selection never uses credscore's own lexicons: it must not depend on the
  system measured. The lists are those of their authors: nouns count when they share a listed form
  ("claims", "report", "comment"), and verbs of believing in the lists ("believe", "think", "feel",
  "fear") make some private states speech events too.
* **Found.** credscore analyses each document once (``CueDetector().analyze(text, split_sentences(text))``).
  A holder is *found* when an own source (not inherited) of a credscore sentence overlapping the event's
  sentence span shares at least one character with a holder span. *Found with type*: the type of the
  found source overlapping the holder most (credscore's types; a pronoun takes its antecedent's type).
* **Relative pronouns.** Where MPQA marks the antecedent of a relative clause as the holder ("[[rural voters]],
  who said"), credscore's source is the relative pronoun (*who*, as PolNeAR marks it), resolved to that
  antecedent (``Source.refers_to``). Such a holder counts as found when the antecedent overlaps it; the tables
  say how many holders were found only so (*via a relative pronoun*), so that the strict count can be read off.
* **Pronoun holders.** The holder text (every holder span) is a personal, possessive, reflexive or relative
  pronoun (:data:`PRONOUNS`: "he", "they", "its", "who"); credscore reports a pronoun source at the
  pronoun, so its span overlaps. The other holders are *non-pronoun* holders.

Tables: per fold and overall (and the held-out folds together), the number of speech events with an
explicit holder, how many credscore found, recall; the same for pronoun and non-pronoun holders; the same
for all explicit-holder events (speech events and private states); then the types of the found holders;
then speech events per MPQA subset (the folds mix FBIS world press with WSJ, ``xbank``, and letters and
spoken transcripts, ``ula``), with the misses whose sentence had some other own source (the speaker of a
quotation whose "I" or "we" MPQA names as the holder, the outer speaker of a nested event, or noise).
``--json`` adds the git revision measured, the commonest trigger words and the documents the reader
aligned in part.

**Folds.** ``dev`` is for error analysis: ``--show-misses N`` prints N missed speech-event holders of the
dev fold only (a seeded sample), in their sentence with the holder ``[[...]]`` and the expression
``{{...}}`` marked and the sources credscore found there. ``fold_0``-``fold_2`` are the held-out
measurement: never look at their misses, never tune on them.

    CREDSCORE_DATA=../shared/data python bench/eval_mpqa.py
    CREDSCORE_DATA=../shared/data python bench/eval_mpqa.py --folds dev --show-misses 30
    CREDSCORE_DATA=../shared/data python bench/eval_mpqa.py --json mpqa.json
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from _revision import git_revision, measure_baseline_if_asked  # noqa: E402  (bench/_revision.py)

measure_baseline_if_asked()

from credscore.cues import CueDetector  # noqa: E402
from credscore.sentences import split_sentences  # noqa: E402
from tools import corpora  # noqa: E402

Span = tuple[int, int]

#: The reference lists (``lexicons/attribution/``) and whether each lists lemmas to inflect.
SPEECH_LISTS = {
    "ggt_quote_verbs_en.txt": False,
    "journalismai_quote_verbs.txt": False,
    "newsquote_trigger_verbs.csv": False,
    "krestel_reporting_verbs.txt": True,
}
_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "think": ("thought",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "find": ("found",),
    "feel": ("felt",),
}
PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself "
    "she her hers herself it its itself they them their theirs themselves who whom whose which that".split()
)
#: Relative pronouns, whose resolved antecedent may be the holder MPQA marks ("[[voters]], who said").
RELATIVE_PRONOUNS = frozenset(["who", "whom", "which", "that"])
_WORD = re.compile(r"[a-z]+")
FOLD_ORDER = (*corpora.MPQA_FOLDS, "held-out", "overall")
HELD_OUT = ("fold_0", "fold_1", "fold_2")


def inflect(lemma: str) -> set[str]:
    """Simple English forms of a verb lemma: lemma, -s, -ed, -ing (and the irregular past of a few).

    Over-generation is harmless (a non-word never occurs); for a final consonant-vowel-consonant both the
    plain and the doubled past and -ing forms are made ("admited", "admitted").
    """
    w = lemma.lower()
    out = {w, *_IRREGULAR.get(w, ())}
    if re.search(r"(s|sh|ch|x|z|o)$", w):
        out.add(w + "es")
    elif re.search(r"[^aeiou]y$", w):
        out.add(w[:-1] + "ies")
    else:
        out.add(w + "s")
    if w.endswith("e"):
        out |= {w + "d", (w if w.endswith("ee") else w[:-1]) + "ing"}
    elif re.search(r"[^aeiou]y$", w):
        out |= {w[:-1] + "ied", w + "ing"}
    else:
        out |= {w + "ed", w + "ing"}
        if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", w):
            out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return out


def speech_forms(base: Path | None = None) -> frozenset[str]:
    """The lower-cased word forms of the reference verbs of saying and reporting."""
    base = base or corpora.data_dir("lexicons", "attribution")
    forms: set[str] = set()
    for name, lemmas in SPEECH_LISTS.items():
        with open(base / name, encoding="utf-8") as fh:
            if name.endswith(".csv"):
                words = [row[0] for row in csv.reader(fh) if row and row[0] != "Verb"]
            else:
                words = [line.strip() for line in fh]
        for w in words:
            if not w or w.startswith("#"):
                continue
            forms |= inflect(w) if lemmas else {w.lower()}
    return frozenset(forms)


def speech_trigger(expression: str, forms: frozenset[str]) -> str | None:
    """The word that makes an expression a speech event ("according to" or a listed form), else None."""
    low = expression.lower()
    if re.search(r"\baccording\s+to\b", low):
        return "according to"
    for w in _WORD.findall(low):
        if w in forms:
            return w
    return None


def is_pronoun(text: str) -> bool:
    """A holder that is one pronoun ("he", "its", "who"; "I'm" as "I")."""
    w = re.sub(r"['\u2019](s|m|re|ve|ll|d)$", "", text.strip(" \t\n,.;:\"'").lower())
    return w in PRONOUNS


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(frozen=True, slots=True)
class Scored:
    """One explicit-holder event and what credscore made of its holder."""

    fold: str
    doc: str
    speech: bool
    trigger: str | None  # the listed word that made it a speech event
    pronoun: bool
    found: bool
    type: str | None  # the type of the found source overlapping the holder most
    anonymous: bool | None
    sentence: Span
    holders: tuple[Span, ...]
    expression: Span | None
    sources: tuple[tuple[int, int, str], ...]  # credscore's own sources in the event's sentence(s)
    via_relative: bool = False  # found only through a relative pronoun's antecedent ("voters, who said")


def score_document(det: CueDetector, doc: corpora.MpqaDocument, forms: frozenset[str]) -> list[Scored]:
    """Analyse one document once and score every explicit-holder event in it."""
    text = doc.text
    sents = split_sentences(text)
    _, srcs = det.analyze(text, sents)
    own = [((s.start, s.end), [x for x in row if not x.inherited]) for s, row in zip(sents, srcs, strict=True)]
    out = []
    for ev in doc.events:
        if ev.implicit or not ev.holders:
            continue
        expr = text[ev.expression[0] : ev.expression[1]] if ev.expression else ""
        trigger = speech_trigger(expr, forms) if expr else None
        cands = [x for span, row in own if overlaps(span, ev.sentence) for x in row]
        best, best_ov = None, 0
        for x in cands:
            ov = max((min(x.end, b) - max(x.start, a) for a, b in ev.holders), default=0)
            if ov > best_ov:
                best, best_ov = x, ov
        via_relative = False
        if best is None:
            for x in cands:
                ante = x.refers_to if x.text.lower() in RELATIVE_PRONOUNS else None
                if ante is None:
                    continue
                ov = max((min(ante.end, b) - max(ante.start, a) for a, b in ev.holders), default=0)
                if ov > best_ov:
                    best, best_ov, via_relative = x, ov, True
        out.append(
            Scored(
                fold=doc.fold,
                doc=doc.name,
                speech=trigger is not None,
                trigger=trigger,
                pronoun=all(is_pronoun(text[a:b]) for a, b in ev.holders),
                found=best is not None,
                type=best.type if best is not None else None,
                anonymous=best.anonymous if best is not None else None,
                sentence=ev.sentence,
                holders=ev.holders,
                expression=ev.expression,
                sources=tuple((x.start, x.end, x.type) for x in cands),
                via_relative=via_relative,
            )
        )
    return out


def _recall(rows: list[Scored]) -> dict[str, float | int]:
    n, f = len(rows), sum(r.found for r in rows)
    rel = sum(r.found and r.via_relative for r in rows)
    return {"n": n, "found": f, "recall": round(f / n, 3) if n else 0.0, "via_relative": rel}


def summarise(rows: list[Scored], folds: tuple[str, ...]) -> dict[str, dict]:
    """Per fold (and held-out, overall): recall of speech and of all explicit-holder events, by holder kind."""
    groups = {f: [r for r in rows if r.fold == f] for f in folds}
    if set(HELD_OUT) <= set(folds):
        groups["held-out"] = [r for r in rows if r.fold in HELD_OUT]
    groups["overall"] = rows
    out: dict[str, dict] = {}
    for name, rs in groups.items():
        out[name] = {}
        for scope, sel in (("speech", [r for r in rs if r.speech]), ("explicit", rs)):
            out[name][scope] = {
                "all": _recall(sel),
                "pronoun": _recall([r for r in sel if r.pronoun]),
                "non_pronoun": _recall([r for r in sel if not r.pronoun]),
            }
    return out


#: MPQA 2.0's subsets, by the first folder of a document name.
SUBSETS = {
    "fbis": "FBIS world press (dated folders)",
    "non_fbis": "non_fbis folder",
    "temp_fbis": "temp_fbis folder",
    "xbank": "WSJ (xbank)",
    "ula": "ULA: letters, essays, spoken transcripts",
}


def subset(name: str) -> str:
    head = name.split("/", 1)[0]
    return "fbis" if head[:1].isdigit() else head


def by_subset(rows: list[Scored]) -> dict[str, dict]:
    """Speech events per MPQA subset; a miss *with another source* had some other own source in its sentence."""
    out = {}
    for sub in SUBSETS:
        sel = [r for r in rows if r.speech and subset(r.doc) == sub]
        if sel:
            out[sub] = {**_recall(sel), "missed_other_source": sum(not r.found and bool(r.sources) for r in sel)}
    return out


def type_breakdown(rows: list[Scored]) -> dict[str, dict]:
    """The types credscore gave the found holders: speech events (all, pronoun, non-pronoun), all events."""
    sel = {
        "speech": [r for r in rows if r.speech],
        "speech_pronoun": [r for r in rows if r.speech and r.pronoun],
        "speech_non_pronoun": [r for r in rows if r.speech and not r.pronoun],
        "explicit": rows,
    }
    out = {}
    for k, rs in sel.items():
        found = [r for r in rs if r.found]
        out[k] = {
            "found": len(found),
            "types": dict(Counter(r.type for r in found).most_common()),
            "anonymous": sum(bool(r.anonymous) for r in found),
        }
    return out


def markdown(summary: dict[str, dict], types: dict[str, dict], docs: Counter, subsets: dict[str, dict]) -> str:
    def cell(m: dict) -> str:
        return f"{m['n']} | {m['found']} | {m['recall']:.3f}"

    lines = []
    for scope, title in (
        ("speech", "Speech events with an explicit holder"),
        ("explicit", "All explicit-holder events (speech events and private states)"),
    ):
        lines += [
            f"**{title}**",
            "",
            "| fold | docs | events | found | recall | pronoun | found | recall | non-pronoun | found | recall |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for f in FOLD_ORDER:
            if f not in summary:
                continue
            m = summary[f][scope]
            nd = docs[f] if f in docs else sum(docs.values()) if f == "overall" else sum(docs[h] for h in HELD_OUT)
            lines.append(f"| {f} | {nd} | {cell(m['all'])} | {cell(m['pronoun'])} | {cell(m['non_pronoun'])} |")
        rel = {f: summary[f][scope]["all"]["via_relative"] for f in FOLD_ORDER if f in summary}
        lines += ["", "Found via a relative pronoun's antecedent: " + ", ".join(f"{f} {n}" for f, n in rel.items())]
        lines.append("")
    names = sorted({t for v in types.values() for t in v["types"]}, key=lambda t: -types["explicit"]["types"][t])
    cols = list(types)
    lines += [
        "**Found with type** (all selected folds; the source overlapping the holder most)",
        "",
        "| type | " + " | ".join(c.replace("_", " ") for c in cols) + " |",
        "|---" + "|---:" * len(cols) + "|",
    ]
    for t in names:
        lines.append(
            f"| {t} | "
            + " | ".join(
                f"{types[c]['types'].get(t, 0)} ({types[c]['types'].get(t, 0) / max(1, types[c]['found']):.0%})"
                for c in cols
            )
            + " |"
        )
    lines.append("| *found* | " + " | ".join(str(types[c]["found"]) for c in cols) + " |")
    lines.append("| *flagged anonymous* | " + " | ".join(str(types[c]["anonymous"]) for c in cols) + " |")
    lines += [
        "",
        "**Speech events by MPQA subset** (all selected folds)",
        "",
        "| subset | events | found | recall | missed, another source in the sentence |",
        "|---|---:|---:|---:|---:|",
    ]
    for sub, m in subsets.items():
        lines.append(f"| {sub}: {SUBSETS[sub]} | {cell(m)} | {m['missed_other_source']} |")
    return "\n".join(lines)


#: A sentence longer than this is shown from CONTEXT characters before the marks to CONTEXT after them
#: (MPQA's transcribed speech, ``ula/sw*``, comes as one unpunctuated "sentence" of thousands of characters).
MAX_SHOWN, CONTEXT = 600, 200


def show_miss(doc: corpora.MpqaDocument, r: Scored) -> str:
    """The event's sentence with the holder [[...]] and the expression {{...}} marked, and credscore's sources."""
    marks = [m for h0, h1 in r.holders for m in ((h0, "[["), (h1, "]]"))]
    if r.expression:
        marks += [(r.expression[0], "{{"), (r.expression[1], "}}")]
    a = min([r.sentence[0], *(p for p, _ in marks)])
    b = max([r.sentence[1], *(p for p, _ in marks)])
    if b - a > MAX_SHOWN:
        a = max(a, min(p for p, _ in marks) - CONTEXT)
        b = min(b, max(p for p, _ in marks) + CONTEXT)
    out, pos = ["…" if a > r.sentence[0] else ""], a
    for p, m in sorted(marks, key=lambda x: (x[0], x[1] not in ("]]", "}}"))):
        out += [doc.text[pos:p], m]
        pos = p
    out += [doc.text[pos:b], "…" if b < r.sentence[1] else ""]
    sent = re.sub(r"\s+", " ", "".join(out)).strip()
    near = [(s, e, t) for s, e, t in r.sources if s < b and a < e]
    srcs = "; ".join(f"{doc.text[s:e]!r} ({t})" for s, e, t in near) or "none"
    if len(near) < len(r.sources):
        srcs += f" (+{len(r.sources) - len(near)} elsewhere in the sentence)"
    kind = "pronoun" if r.pronoun else "holder"
    return f"- {doc.name} [{kind}, trigger {r.trigger!r}]: {sent}\n  credscore: {srcs}"


def blind_documents() -> frozenset[str]:
    """The MPQA documents of the out-of-domain source gold's blind test part, which no error listing shows."""
    from tools.gold import ood

    return frozenset(r["doc"] for r in ood.read_gold("test") if r["corpus"] == "mpqa")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", nargs="+", choices=corpora.MPQA_FOLDS, default=list(corpora.MPQA_FOLDS))
    ap.add_argument("--json", type=Path, help="write the numbers here")
    ap.add_argument(
        "--show-misses",
        type=int,
        default=0,
        metavar="N",
        help="print N missed speech-event holders of the dev fold (never of the held-out folds, nor of a document"
        " in the out-of-domain blind test part)",
    )
    ap.add_argument("--seed", type=int, default=0, help="of the --show-misses sample")
    ap.add_argument("--against", type=Path, help="a folder holding a baseline `credscore` package to measure")
    args = ap.parse_args(argv)
    folds = tuple(f for f in corpora.MPQA_FOLDS if f in args.folds)
    forms = speech_forms()
    det = CueDetector()
    documents = corpora.read_mpqa(folds)
    rows: list[Scored] = []
    by_name = {}
    for doc in documents:
        by_name[doc.fold, doc.name] = doc
        rows.extend(score_document(det, doc, forms))
    docs = Counter(d.fold for d in documents)
    summary = summarise(rows, folds)
    types = type_breakdown(rows)
    subsets = by_subset(rows)
    print(markdown(summary, types, docs, subsets))
    if args.show_misses:
        # The out-of-domain blind test part draws MPQA documents from every fold, the dev fold too: its
        # articles are never shown (tools/gold/ood.py, datasets/sources/ood-test.tsv).
        blind = blind_documents()
        misses = [r for r in rows if r.fold == "dev" and r.speech and not r.found and r.doc not in blind]
        if "dev" not in folds:
            print("\n--show-misses reads the dev fold only; add dev to --folds.")
        else:
            sample = random.Random(args.seed).sample(misses, min(args.show_misses, len(misses)))
            sample.sort(key=lambda r: (r.doc, r.sentence))
            print(f"\n**{len(sample)} of {len(misses)} missed speech-event holders (dev)**\n")
            for r in sample:
                print(show_miss(by_name[r.fold, r.doc], r))
    if args.json:
        payload = {
            "corpus": "MPQA 2.0 (Marasovic & Frank folds), tools.corpora.read_mpqa",
            "git": git_revision(),
            "folds": list(folds),
            "documents": dict(docs),
            "speech_forms": len(forms),
            "recall": summary,
            "found_types": types,
            "speech_by_subset": subsets,
            "speech_triggers": dict(Counter(r.trigger for r in rows if r.speech).most_common(40)),
            "alignment": {d.fold + "/" + d.name: round(d.aligned, 3) for d in documents if d.aligned < 0.99},
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
