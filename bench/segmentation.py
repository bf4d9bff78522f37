"""Sentence segmentation: credscore's splitter against splitters from PyPI.

What it measures, for every splitter on the same texts in one run:

- Accuracy against gold sentence boundaries (micro-averaged over documents):
  boundary precision, recall and F1, and the share of gold sentences
  reproduced exactly. A boundary is the end of every sentence but a
  document's last; it is compared after mapping the offset to the next
  non-white-space character, so white space around a boundary does not
  matter. A sentence is reproduced exactly when its span, trimmed of white
  space, equals a predicted span trimmed the same way.
- Speed: sentences per second and MB (10^6 bytes of UTF-8) per second, one
  call per document, single process, best of ``--repeat`` passes, the
  splitters interleaved within each pass. Sentences per second uses the same
  reference count for every splitter (the gold sentences, or on PolNeAR,
  which has no gold, the sentences credscore finds), so it is proportional
  to MB/s.

Gold corpora (read with ``tools.corpora``; the text never leaves memory):

- Szeged Uncertainty Corpus, Wikipedia part: the documents that
  ``corpora.szeged_split`` puts in ``test``. credscore's rules may have been
  tuned on the ``train`` documents, which are only reported with
  ``--include-train`` and then labelled as such.
- Szeged biomedical parts (bmc, fly, hbc, together), test documents: an
  out-of-domain check.
- UW and MEANTIME factuality, ``dev`` and ``test``: the sentences carry no
  document boundaries, so pseudo-documents of 10 consecutive sentences
  (``corpora.detokenize``d, joined by one space) stand in for documents.
- PolNeAR ``train`` article texts: speed only (no gold boundaries).

Splitters that return strings (pySBD, BlingFire) are mapped back to offsets
by searching each sentence in the text from where the previous one ended
(``text.find``); a sentence whose white space the splitter changed is then
matched with a white-space-tolerant pattern, and one that still cannot be
found is counted as unrecoverable (its boundary is a miss). Splitters that
give offsets (credscore, syntok, spaCy, NLTK, the regex baseline) are used as
they are.

Also prints the most frequent kinds of credscore errors on the held-out
Szeged test and UW dev sets, with a little context each, to guide rule work.
Context is printed only; ``bench/out/segmentation.json`` holds numbers and
category counts, never corpus text.

Run from the repository root:

    CREDSCORE_DATA=../shared/data python bench/segmentation.py

Options: ``--repeat N`` timing passes (default 3), ``--limit N`` documents per
corpus (for a quick run), ``--include-train`` to add the tuning splits,
``--errors N`` error categories to print, ``--out PATH`` for the JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import credscore  # noqa: E402
from credscore import sentences as cs_sentences  # noqa: E402
from credscore.sentences import split_sentences  # noqa: E402
from tools import corpora  # noqa: E402

Span = tuple[int, int]
PSEUDO_DOC_SENTENCES = 10
_NON_SPACE = re.compile(r"\S")
_CLOSERS = "\"'\u201d\u2019\u00bb)]"  # may follow a sentence's final punctuation
_OPENERS = "\"'\u201c\u2018\u00ab(["  # may precede a sentence's first word


# --- corpora -----------------------------------------------------------------------


@dataclass
class Doc:
    text: str
    gold: list[Span] | None  # None: no gold boundaries (speed only)


@dataclass
class Corpus:
    name: str
    note: str  # what kind of number this is: held-out, tuning data, out-of-domain ...
    docs: list[Doc]

    @property
    def has_gold(self) -> bool:
        return all(d.gold is not None for d in self.docs)

    @property
    def n_bytes(self) -> int:
        return sum(len(d.text.encode("utf-8")) for d in self.docs)

    @property
    def n_gold_sentences(self) -> int:
        return sum(len(d.gold or ()) for d in self.docs)


def szeged_corpus(parts: Iterable[str], split: str, name: str, note: str, limit: int | None) -> Corpus:
    """Szeged documents of one split, each as running text with gold spans."""
    docs = []
    for part in parts:
        for doc in corpora.read_szeged(part):
            if corpora.szeged_split(doc.doc_id) == split and doc.sentences:
                text, spans = doc.joined()
                docs.append(Doc(text, spans))
    return Corpus(name, note, docs[:limit])


def factuality_corpus(corpus: str, split: str, note: str, limit: int | None) -> Corpus:
    """UW/MEANTIME sentences grouped into pseudo-documents of consecutive sentences."""
    texts = [corpora.detokenize(s.tokens)[0].strip() for s in corpora.read_factuality(corpus, split)]
    texts = [t for t in texts if t]
    docs = []
    for i in range(0, len(texts), PSEUDO_DOC_SENTENCES):
        chunk = texts[i : i + PSEUDO_DOC_SENTENCES]
        spans, pos = [], 0
        for t in chunk:
            spans.append((pos, pos + len(t)))
            pos += len(t) + 1
        docs.append(Doc(" ".join(chunk), spans))
    return Corpus(f"{corpus}-{split}", note, docs[:limit])


def polnear_corpus(limit: int | None) -> Corpus:
    docs = [Doc(a.text, None) for a in corpora.read_polnear("train")]
    return Corpus("polnear-train", "speed only, no gold", docs[:limit])


def load_corpora(include_train: bool, limit: int | None) -> list[Corpus]:
    bio = ("bio_bmc", "bio_fly", "bio_hbc")
    out = [szeged_corpus(["wiki"], "test", "szeged-wiki-test", "held-out (headline)", limit)]
    if include_train:
        out.append(szeged_corpus(["wiki"], "train", "szeged-wiki-train", "TRAIN: may be tuning data", limit))
    out.append(szeged_corpus(bio, "test", "szeged-bio-test", "held-out, out-of-domain", limit))
    if include_train:
        out.append(szeged_corpus(bio, "train", "szeged-bio-train", "TRAIN split, out-of-domain", limit))
    for corpus in ("uw", "meantime"):
        splits = (["train"] if include_train else []) + ["dev", "test"]
        for split in splits:
            note = "TRAIN: may be tuning data" if split == "train" else "held-out"
            out.append(factuality_corpus(corpus, split, note, limit))
    out.append(polnear_corpus(limit))
    return out


# --- splitters ---------------------------------------------------------------------


@dataclass
class Recovery:
    """How string output was mapped back to offsets."""

    exact: int = 0  # found verbatim
    whitespace: int = 0  # found after allowing for changed white space
    after_gap: int = 0  # found verbatim, but further on than expected (text skipped)
    lost: int = 0  # not found at all: counted as misses

    def add(self, other: Recovery) -> None:
        self.exact += other.exact
        self.whitespace += other.whitespace
        self.after_gap += other.after_gap
        self.lost += other.lost


@dataclass
class Splitter:
    """A splitter: ``segment`` is the timed call, ``spans`` turns its output into offsets."""

    name: str
    version: str
    offsets: str  # "native" or "string search"
    segment: Callable[[str], Any]
    spans: Callable[[str, Any], tuple[list[Span], Recovery]]
    notes: str = ""


def recover_spans(text: str, pieces: Iterable[str]) -> tuple[list[Span], Recovery]:
    """Offsets of each returned sentence string, searched left to right."""
    spans: list[Span] = []
    rec = Recovery()
    pos = 0
    for piece in pieces:
        s = piece.strip()
        if not s:
            continue
        i = text.find(s, pos)
        if i >= 0 and not text[pos:i].strip():  # only white space skipped: the normal case
            spans.append((i, i + len(s)))
            rec.exact += 1
            pos = i + len(s)
            continue
        # The splitter may have changed white space ("\n" -> " "); match it loosely,
        # anchored where the next sentence must start.
        loose = re.compile(r"\s*".join(re.escape(w) for w in s.split()))
        m = loose.match(text, next_non_space(text, pos))
        if m:
            spans.append((m.start(), m.end()))
            rec.whitespace += 1
            pos = m.end()
        elif i >= 0:  # found further on: the splitter dropped some text in between
            spans.append((i, i + len(s)))
            rec.after_gap += 1
            pos = i + len(s)
        else:
            rec.lost += 1
    return spans, rec


def _native(spans: Callable[[str, Any], list[Span]]) -> Callable[[str, Any], tuple[list[Span], Recovery]]:
    return lambda text, out: (spans(text, out), Recovery())


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def credscore_splitter() -> Splitter:
    return Splitter(
        "credscore",
        credscore.__version__,
        "native",
        split_sentences,
        _native(lambda text, out: [(s.start, s.end) for s in out]),
    )


def pysbd_splitter() -> Splitter:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    return Splitter("pysbd", _version("pysbd"), "string search", seg.segment, recover_spans)


def syntok_splitter() -> Splitter:
    import syntok.segmenter as syntok_segmenter

    def segment(text: str) -> list[list[Any]]:
        # analyze(), unlike process(), keeps token offsets into the whole document
        # (process() restarts them in every paragraph) and leaves tokens verbatim.
        return [sentence for paragraph in syntok_segmenter.analyze(text) for sentence in paragraph]

    def spans(text: str, out: list[list[Any]]) -> list[Span]:
        return [(s[0].offset, s[-1].offset + len(s[-1].value)) for s in out if s]

    return Splitter(
        "syntok", _version("syntok"), "native", segment, _native(spans), "segmenter.analyze(), token offsets"
    )


def blingfire_splitter() -> Splitter:
    import blingfire

    def segment(text: str) -> list[str]:
        return blingfire.text_to_sentences(text).split("\n")

    return Splitter("blingfire", _version("blingfire"), "string search", segment, recover_spans)


def spacy_splitter() -> Splitter:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000

    def segment(text: str) -> list[Any]:
        return list(nlp(text).sents)

    return Splitter(
        "spacy-sentencizer",
        _version("spacy"),
        "native",
        segment,
        _native(lambda text, out: [(s.start_char, s.end_char) for s in out]),
        'spacy.blank("en") + rule-based sentencizer; time includes spaCy tokenisation',
    )


def nltk_splitters(train_texts: list[str]) -> list[Splitter]:
    """Punkt untrained, and Punkt trained (unsupervised) on PolNeAR train text."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

    def make(name: str, tok: PunktSentenceTokenizer, notes: str) -> Splitter:
        return Splitter(
            name,
            _version("nltk"),
            "native",
            lambda text: list(tok.span_tokenize(text)),
            _native(lambda text, out: out),
            notes,
        )

    out = [make("nltk-punkt-untrained", PunktSentenceTokenizer(), "PunktSentenceTokenizer() without parameters")]
    if train_texts:
        t0 = time.perf_counter()
        trainer = PunktTrainer()
        for text in train_texts:
            trainer.train(text, finalize=False)
        trainer.finalize_training()
        secs = time.perf_counter() - t0
        tok = PunktSentenceTokenizer(trainer.get_params())
        notes = f"Punkt trained without labels on PolNeAR train text ({secs:.1f} s, not timed below)"
        out.append(make("nltk-punkt-polnear", tok, notes))
    return out


_REGEX_BOUNDARY = re.compile(r"""[.!?]+["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[A-Z0-9])|\n\s*\n""")


def regex_splitter() -> Splitter:
    """A floor: split after . ! ? (and closing quotes) before an upper-case letter or digit."""

    def segment(text: str) -> list[Span]:
        spans, start = [], 0
        for m in _REGEX_BOUNDARY.finditer(text):
            end = m.end() if m.group()[0] != "\n" else m.start()
            spans.append((start, end))
            start = m.end()
        spans.append((start, len(text)))
        return [trim(text, s) for s in spans if text[s[0] : s[1]].strip()]

    return Splitter("regex-baseline", "-", "native", segment, _native(lambda text, out: out), "see _REGEX_BOUNDARY")


def build_splitters(train_texts: list[str]) -> list[Splitter]:
    """All splitters; one whose package is not installed is left out with a note."""
    out = [credscore_splitter()]
    makers: list[Callable[[], list[Splitter]]] = [
        lambda: [pysbd_splitter()],
        lambda: [syntok_splitter()],
        lambda: [blingfire_splitter()],
        lambda: [spacy_splitter()],
        lambda: nltk_splitters(train_texts),
    ]
    for make in makers:
        try:
            out.extend(make())
        except ImportError as exc:
            print(f"skipping a splitter: {exc} (pip install it to compare)", file=sys.stderr)
    out.append(regex_splitter())
    return out


# --- metrics -----------------------------------------------------------------------


def next_non_space(text: str, i: int) -> int:
    m = _NON_SPACE.search(text, i)
    return m.start() if m else len(text)


def trim(text: str, span: Span) -> Span:
    a, b = span
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def boundaries(text: str, spans: Iterable[Span]) -> set[int]:
    """Boundary positions: where the next sentence starts, document end excluded."""
    out = {next_non_space(text, end) for _, end in spans}
    out.discard(len(text))
    return out


def gap_before(text: str, b: int) -> str:
    """The white space in front of position ``b``."""
    end = b
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[end:b]


def at_blank_line(text: str, b: int) -> bool:
    """Is boundary ``b`` a paragraph break (a blank line in front of it)?"""
    return gap_before(text, b).count("\n") >= 2


def unpunctuated(text: str, b: int) -> bool:
    """A boundary without a blank line and without . ! ? before it (closing quotes and
    brackets aside): a headline, date, dateline or list lead-in run into the next
    sentence, which splitters that look for sentence punctuation cannot find."""
    end = b - len(gap_before(text, b))
    bare = text[max(0, end - 10) : end].rstrip(_CLOSERS)
    return not at_blank_line(text, b) and not bare.endswith((".", "!", "?", "\u2026"))


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    # the same, leaving out boundaries at blank lines (paragraph breaks)
    tp_in_paragraph: int = 0
    predicted_in_paragraph: int = 0
    gold_in_paragraph: int = 0
    gold_at_blank_line: int = 0
    gold_unpunctuated: int = 0
    gold_sentences: int = 0
    exact_sentences: int = 0
    predicted_sentences: int = 0
    recovery: Recovery = field(default_factory=Recovery)

    def add_doc(self, text: str, gold: list[Span], pred: list[Span]) -> tuple[set[int], set[int]]:
        g, p = boundaries(text, gold), boundaries(text, pred)
        self.tp += len(g & p)
        self.predicted += len(p)
        self.gold += len(g)
        g_in = {b for b in g if not at_blank_line(text, b)}
        p_in = {b for b in p if not at_blank_line(text, b)}
        self.tp_in_paragraph += len(g_in & p_in)
        self.predicted_in_paragraph += len(p_in)
        self.gold_in_paragraph += len(g_in)
        self.gold_at_blank_line += len(g) - len(g_in)
        self.gold_unpunctuated += sum(unpunctuated(text, b) for b in g)
        gold_trim = {trim(text, s) for s in gold}
        self.gold_sentences += len(gold_trim)
        self.predicted_sentences += len(pred)
        self.exact_sentences += len(gold_trim & {trim(text, s) for s in pred})
        return p - g, g - p  # false splits, missed splits

    def as_dict(self) -> dict[str, Any]:
        p, r, f = prf(self.tp, self.predicted, self.gold)
        p_in, r_in, f_in = prf(self.tp_in_paragraph, self.predicted_in_paragraph, self.gold_in_paragraph)
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "exact": round(self.exact_sentences / self.gold_sentences, 4) if self.gold_sentences else 0.0,
            "true_boundaries": self.tp,
            "predicted_boundaries": self.predicted,
            "gold_boundaries": self.gold,
            "in_paragraph": {
                "precision": round(p_in, 4),
                "recall": round(r_in, 4),
                "f1": round(f_in, 4),
                "true_boundaries": self.tp_in_paragraph,
                "predicted_boundaries": self.predicted_in_paragraph,
                "gold_boundaries": self.gold_in_paragraph,
            },
            "gold_boundaries_at_blank_line": self.gold_at_blank_line,
            "gold_boundaries_unpunctuated": self.gold_unpunctuated,
            "gold_sentences": self.gold_sentences,
            "predicted_sentences": self.predicted_sentences,
            "exact_sentences": self.exact_sentences,
            "strings_found_exact": self.recovery.exact,
            "strings_found_whitespace_changed": self.recovery.whitespace,
            "strings_found_after_gap": self.recovery.after_gap,
            "strings_unrecoverable": self.recovery.lost,
        }


@dataclass
class ErrorCase:
    kind: str  # "false split" or "missed split"
    category: str
    context: str


def evaluate(corpus: Corpus, splitter: Splitter, collect_errors: bool) -> tuple[Score, list[ErrorCase]]:
    score = Score()
    errors: list[ErrorCase] = []
    for doc in corpus.docs:
        assert doc.gold is not None
        pred, rec = splitter.spans(doc.text, splitter.segment(doc.text))
        score.recovery.add(rec)
        false, missed = score.add_doc(doc.text, doc.gold, pred)
        if collect_errors:
            for kind, positions in (("false split", false), ("missed split", missed)):
                for b in sorted(positions):
                    errors.append(ErrorCase(kind, categorise(doc.text, b), context(doc.text, b)))
    return score, errors


# --- error analysis ----------------------------------------------------------------

_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\.?")


def _abbreviation_lists() -> dict[str, frozenset[str]]:
    # credscore's own lists, so a category says whether a listed word misfired.
    names = {
        "title": "_TITLES",
        "month": "_MONTHS",
        "before-number": "_BEFORE_NUMBER",
        "usually-inside": "_USUALLY_INSIDE",
    }
    return {k: getattr(cs_sentences, v, frozenset()) for k, v in names.items()}


_ABBREV = _abbreviation_lists()


def _period_word(word: str) -> str:
    """Classify the word that carries a sentence-final-looking period."""
    core = word.rstrip(_CLOSERS).rstrip(".").lstrip(_OPENERS)
    low = core.lower()
    if word.rstrip(_CLOSERS).endswith("..") or word.rstrip(_CLOSERS).endswith("\u2026"):
        return "ellipsis"
    for label, words in _ABBREV.items():
        if low in words:
            return f"listed abbrev ({label})"
    if len(core) == 1 and core.isupper():
        return "single capital (initial?)"
    if _INITIALISM.fullmatch(core + "."):
        return "initialism (X.Y.)"
    if core[-1:].isdigit():
        return "number"
    if core[:1].isupper():
        return "Capitalised word"
    return "lower-case word"


def _end_class(word: str) -> str:
    if not word:
        return "nothing"
    bare = word.rstrip(_CLOSERS)
    closer = " + closing quote/bracket" if len(bare) < len(word) else ""
    last = bare[-1:] if bare else word[-1]
    if last == ".":
        return f"'.' after {_period_word(word)}{closer}"
    if last in "!?":
        return f"'{last}'{closer}"
    if last == "\u2026":
        return "ellipsis"
    if last in ":;":
        return f"'{last}'"
    if last in "-\u2013\u2014":
        return "dash (dateline?)"
    if not bare:
        return "quote/bracket only"
    return "no end punctuation"


def _next_class(word: str) -> str:
    ch = word.lstrip(_OPENERS)[:1]
    opener = "quote/bracket + " if len(word.lstrip(_OPENERS)) < len(word) else ""
    if not ch:
        return "quote/bracket"
    if ch.isupper():
        return opener + "Upper"
    if ch.islower():
        return opener + "lower"
    if ch.isdigit():
        return opener + "digit"
    return opener + "other"


def categorise(text: str, b: int) -> str:
    """A coarse category for a boundary error at ``b`` (start of the next sentence)."""
    end = b - len(gap_before(text, b))
    left = text[max(0, end - 60) : end].split()
    right = text[b : b + 60].split()
    prev_word = left[-1] if left else ""
    next_word = right[0] if right else ""
    line = ", at a line break" if "\n" in text[end:b] else ""
    return f"{_end_class(prev_word)} -> next {_next_class(next_word)}{line}"


def context(text: str, b: int, width: int = 60) -> str:
    end = b - len(gap_before(text, b))
    left = text[max(0, end - width * 3 // 5) : end]
    right = text[b : b + width * 2 // 5]
    return f"{left} \u2016 {right}".replace("\n", "\u23ce")


def summarise_errors(errors: list[ErrorCase], top: int) -> list[tuple[str, int, list[str]]]:
    counts = Counter((e.kind, e.category) for e in errors)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in errors:
        examples[(e.kind, e.category)].append(e.context)
    return [(f"{kind}: {cat}", n, examples[(kind, cat)]) for (kind, cat), n in counts.most_common(top)]


# --- speed -------------------------------------------------------------------------


def time_pass(splitter: Splitter, texts: list[str]) -> float:
    """Seconds for one call per text, with the garbage collector off (as timeit does)."""
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        for text in texts:
            splitter.segment(text)
        return time.perf_counter() - t0
    finally:
        gc.enable()


def measure_speed(corpus: Corpus, splitters: list[Splitter], repeat: int, ref_sentences: int) -> dict[str, dict]:
    texts = [d.text for d in corpus.docs]
    times: dict[str, list[float]] = {s.name: [] for s in splitters}
    for _ in range(repeat):
        for s in splitters:  # interleaved, so drift in machine load hits all alike
            times[s.name].append(time_pass(s, texts))
    mb = corpus.n_bytes / 1e6
    out = {}
    for name, ts in times.items():
        best = min(ts)
        out[name] = {
            "best_seconds": round(best, 4),
            "all_seconds": [round(t, 4) for t in ts],
            "mb_per_s": round(mb / best, 3) if best else None,
            "sentences_per_s": round(ref_sentences / best) if best else None,
        }
    return out


# --- output ------------------------------------------------------------------------


def pct(x: float) -> str:
    return f"{100 * x:.1f}"


def accuracy_table(results: dict[str, dict[str, dict]], corpora_: list[Corpus], splitters: list[Splitter]) -> str:
    gold = [c for c in corpora_ if c.has_gold]
    head = "| splitter | " + " | ".join(f"{c.name} P / R / F1 / exact%" for c in gold) + " |"
    lines = [head, "|" + "---|" * (len(gold) + 1)]
    for s in splitters:
        cells = []
        for c in gold:
            r = results[c.name][s.name]
            cells.append(f"{pct(r['precision'])} / {pct(r['recall'])} / **{pct(r['f1'])}** / {pct(r['exact'])}")
        lines.append(f"| {s.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def in_paragraph_table(results: dict[str, dict[str, dict]], splitters: list[Splitter]) -> str:
    names = [c for c, r in results.items() if next(iter(r.values()))["gold_boundaries_at_blank_line"]]
    head = "| splitter | " + " | ".join(f"{c} P / R / F1" for c in names) + " |"
    lines = [head, "|" + "---|" * (len(names) + 1)]
    for s in splitters:
        cells = []
        for c in names:
            r = results[c][s.name]["in_paragraph"]
            cells.append(f"{pct(r['precision'])} / {pct(r['recall'])} / **{pct(r['f1'])}**")
        lines.append(f"| {s.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def speed_table(speed: dict[str, dict[str, dict]], corpora_: list[Corpus], splitters: list[Splitter]) -> str:
    head = "| splitter | " + " | ".join(f"{c.name} sent/s · MB/s" for c in corpora_) + " |"
    lines = [head, "|" + "---|" * (len(corpora_) + 1)]
    for s in splitters:
        cells = []
        for c in corpora_:
            r = speed[c.name][s.name]
            cells.append(f"{r['sentences_per_s']:,} · {r['mb_per_s']:.2f}")
        lines.append(f"| {s.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def corpus_table(corpora_: list[Corpus], ref: dict[str, int], results: dict[str, dict[str, dict]]) -> str:
    lines = [
        "| corpus | what | docs | MB | sentences | gold boundaries | at a blank line | no end punctuation |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in corpora_:
        if not c.has_gold:
            lines.append(
                f"| {c.name} | {c.note} | {len(c.docs):,} | {c.n_bytes / 1e6:.3f} | "
                f"{ref[c.name]:,} (credscore's count) | - | - | - |"
            )
            continue
        g = next(iter(results[c.name].values()))  # gold-side counts, the same for every splitter
        n = g["gold_boundaries"]
        lines.append(
            f"| {c.name} | {c.note} | {len(c.docs):,} | {c.n_bytes / 1e6:.3f} | {c.n_gold_sentences:,} | {n:,} | "
            f"{g['gold_boundaries_at_blank_line']:,} | {g['gold_boundaries_unpunctuated']:,} "
            f"({pct(g['gold_boundaries_unpunctuated'] / n if n else 0)}%) |"
        )
    return "\n".join(lines)


def machine_info() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
    }


# --- main --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="timing passes; the best is reported (default 3)")
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per corpus (quick runs)")
    ap.add_argument("--include-train", action="store_true", help="also report train splits (possible tuning data)")
    ap.add_argument("--errors", type=int, default=15, help="credscore error categories to print per set (default 15)")
    ap.add_argument("--examples", type=int, default=2, help="examples per error category (default 2)")
    ap.add_argument("--no-speed", action="store_true", help="skip timing")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "segmentation.json")
    args = ap.parse_args(argv)

    print("loading corpora ...", file=sys.stderr)
    corpora_ = load_corpora(args.include_train, args.limit)
    polnear = next(c for c in corpora_ if c.name == "polnear-train")
    splitters = build_splitters([d.text for d in polnear.docs])

    error_sets = {"szeged-wiki-test", "uw-dev"}
    results: dict[str, dict[str, dict]] = {}
    errors: dict[str, list[ErrorCase]] = {}
    for c in corpora_:
        if not c.has_gold:
            continue
        print(f"accuracy: {c.name} ({len(c.docs)} docs)", file=sys.stderr)
        results[c.name] = {}
        for s in splitters:
            collect = s.name == "credscore" and c.name in error_sets
            score, errs = evaluate(c, s, collect)
            results[c.name][s.name] = score.as_dict()
            if collect:
                errors[c.name] = errs

    ref = {c.name: c.n_gold_sentences for c in corpora_ if c.has_gold}
    ref[polnear.name] = sum(len(split_sentences(d.text)) for d in polnear.docs)
    speed: dict[str, dict[str, dict]] = {}
    if not args.no_speed:
        for c in corpora_:
            print(f"speed: {c.name} ({len(c.docs)} docs, {args.repeat} passes)", file=sys.stderr)
            speed[c.name] = measure_speed(c, splitters, args.repeat, ref[c.name])

    versions = {s.name: s.version for s in splitters}
    print("## Sentence segmentation benchmark\n")
    print(f"Machine: {machine_info()}\n")
    print("Splitters: " + ", ".join(f"{s.name} {s.version} (offsets: {s.offsets})" for s in splitters) + "\n")
    for s in splitters:
        if s.notes:
            print(f"- {s.name}: {s.notes}")
    print("\n### Corpora\n")
    print(corpus_table(corpora_, ref, results))
    print("\n'No end punctuation': gold boundaries with no . ! ? (closing quotes aside) and no blank")
    print("line before them: headlines, dates, datelines or list lead-ins run into the next sentence")
    print("(by the pseudo-document join on UW/MEANTIME). Splitters that look for sentence punctuation")
    print("cannot find them, so they cap recall.")
    print("\n### Accuracy (boundary precision / recall / F1, % of gold sentences reproduced exactly)\n")
    print(accuracy_table(results, corpora_, splitters))
    print("\n### Within paragraphs (boundaries at blank lines left out of gold and prediction)\n")
    print(in_paragraph_table(results, splitters))
    lost = [
        f"{s.name} on {c}: {r[s.name]['strings_unrecoverable']} unrecoverable, "
        f"{r[s.name]['strings_found_whitespace_changed']} found after white-space changes, "
        f"{r[s.name]['strings_found_after_gap']} found after skipping text"
        for c, r in results.items()
        for s in splitters
        if s.offsets == "string search"
    ]
    print("\nOffset recovery for string-returning splitters:\n" + "\n".join(f"- {x}" for x in lost))
    if speed:
        print(f"\n### Speed (one call per document, best of {args.repeat}, single process)\n")
        print("Sentences/s uses one reference count per corpus for all splitters (gold; PolNeAR: credscore's).\n")
        print(speed_table(speed, corpora_, splitters))

    error_summary = {}
    for name, errs in errors.items():
        kinds = Counter(e.kind for e in errs)
        summary = summarise_errors(errs, args.errors)
        error_summary[name] = {"counts": dict(kinds), "top_categories": {cat: n for cat, n, _ in summary}}
        n_false, n_missed = kinds["false split"], kinds["missed split"]
        print(f"\n### credscore errors on {name}: {n_false} false splits, {n_missed} missed splits\n")
        print("Context: about 60 characters, \u2016 marks the boundary, \u23ce a line break.\n")
        for cat, n, examples in summary:
            print(f"- {n:4d}  {cat}")
            for ex in examples[: args.examples]:
                print(f"          {ex!r}")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "command": " ".join(["python", "bench/segmentation.py", *(sys.argv[1:] if argv is None else argv)]),
        "settings": {
            "repeat": args.repeat,
            "limit": args.limit,
            "include_train": args.include_train,
            "pseudo_doc_sentences": PSEUDO_DOC_SENTENCES,
        },
        "machine": machine_info(),
        "versions": versions,
        "splitter_notes": {s.name: {"offsets": s.offsets, "notes": s.notes} for s in splitters},
        "corpora": {
            c.name: {"note": c.note, "docs": len(c.docs), "bytes": c.n_bytes, "reference_sentences": ref[c.name]}
            for c in corpora_
        },
        "accuracy": results,
        "speed": speed,
        "credscore_error_categories": error_summary,  # counts only: no corpus text
    }
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
