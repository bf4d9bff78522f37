"""The state of one :meth:`CueDetector.detect` call: the text, its sentences, lexicon hits, quotations.

Every family module reads and writes a :class:`Document`; none keeps state of
its own, so one detector serves any number of documents and threads.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

from ..lexicon import Entry, Lexicon, lower_same_length
from ..sentences import PARAGRAPH_GAP, Sentence
from .base import Cue, Source
from .text import Token, tokens

if TYPE_CHECKING:
    from .detector import CueDetector
    from .entities import Registry
    from .typer import TypeDecision

__all__ = ["Attribution", "Document", "Hit", "find_publisher", "is_publisher"]

_DATELINE_AGENCY = re.compile(r"\(([^()]+)\)")


@dataclass(slots=True)
class Hit:
    """A lexicon phrase found in the text; ``used`` once a rule has claimed it."""

    start: int
    end: int
    entry: Entry
    used: bool = False


@dataclass(slots=True)
class Attribution:
    """An attribution cue with the sources that hang on it, in the order found."""

    verb: Cue
    sources: list[Source]
    according_to: bool
    #: Relay cues ("citing", "which quoted") on this attribution's chain.
    relays: list[Cue] = field(default_factory=list)


class Document:
    """One document under analysis."""

    def __init__(self, det: CueDetector, text: str, sentences: Sequence[Sentence]):
        self.det = det
        self.lexicon = det.lexicon
        self.text = text
        self.sentences = sentences
        self.low = lower_same_length(text)
        self.para = _paragraph_ids(text, sentences)
        self.sentence_starts = [s.start for s in sentences]
        self.sentence_start_set = frozenset(self.sentence_starts)
        #: Source typing decisions by phrase and context (source_types.type_span).
        self.type_cache: dict[tuple[str, bool, bool], TypeDecision | None] = {}
        self.hits = _find_hits(self)
        self.hit_starts = [h.start for h in self.hits]
        #: Quotation spans (start, end), from quotes.find_quotations.
        self.quotes: list[tuple[int, int]] = []
        self.quote_starts: list[int] = []
        self.publisher: str | None = None
        # Results, one list per sentence.
        n = len(sentences)
        self.cues: list[list[Cue]] = [[] for _ in range(n)]
        self.sources: list[list[Source]] = [[] for _ in range(n)]
        self.attributions: list[list[Attribution]] = [[] for _ in range(n)]
        #: Every own source found so far, with its sentence index, in text order (for back-references).
        self.history: list[tuple[int, Source]] = []
        #: Per sentence: a reported-speech boundary (hedges after "X said" are the speaker's).
        self.reported_from: list[int] = [s.end + 1 for s in sentences]
        #: Gender a pronoun gave a source ("Ann Roe ... she said"), by id of the source.
        self.gender_of: dict[int, str] = {}
        self._tokens: dict[int, tuple[list[Token], list[int], list[int]]] = {}
        #: Last names of people introduced with a first name or title (source_types.person_surnames).
        self.surnames: dict[str, str | None] | None = None
        #: Runs of capitalised words, each as its words (credscore.cues.source_types), read once on first use.
        self.capital_runs: list[list[str]] | None = None
        #: What one capitalised word names by the article's evidence (source_types.name_evidence), per word.
        self.name_kinds: dict[str, str | None] = {}
        #: The people and organisations the article mentions (credscore.cues.entities), built on first use.
        self.entities: Registry | None = None
        #: Sentences with more lexicon phrases than the detector analyses: index -> how many there were.
        self.capped: dict[int, int] = {}
        #: Where the words of agentless attribution stand (credscore.cues.agentless; found on first use).
        self.agentless_words: list[int] | None = None
        #: Where the words of a belief stated with an adjective stand (credscore.cues.beliefs; found on first use).
        self.belief_words: list[int] | None = None
        #: Each quotation's speaker (credscore.cues.quotes.assign_speakers): (start, end) -> its attribution.
        self.quote_speakers: dict[tuple[int, int], Attribution] = {}

    # -- positions ----------------------------------------------------------

    def hits_in(self, a: int, b: int) -> list[Hit]:
        """Hits that start at or after ``a`` and end by ``b`` (binary search: never a scan)."""
        starts = self.hit_starts
        lo = bisect_left(starts, a)
        hi = bisect_left(starts, b, lo)
        return [h for h in self.hits[lo:hi] if h.end <= b]

    def sentence_hits(self, s: Sentence) -> list[Hit]:
        return self.hits_in(s.start, s.end)

    def in_quote(self, pos: int) -> bool:
        i = bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and self.quotes[i][0] < pos < self.quotes[i][1]

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and self.quotes[i][0] < pos < self.quotes[i][1]:
            return self.quotes[i]
        return None

    def sentence_tokens(self, s: Sentence) -> tuple[list[Token], list[int]]:
        """The tokens of sentence ``s`` and their start offsets (cached; do not modify them)."""
        i = bisect_right(self.sentence_starts, s.start) - 1
        if i < 0 or self.sentences[i].start != s.start or self.sentences[i].end != s.end:
            toks = tokens(self.text, self.low, s.start, s.end)
            return toks, [t[0] for t in toks]
        cached = self._sentence_tokens(i)
        return cached[0], cached[1]

    def _sentence_tokens(self, i: int) -> tuple[list[Token], list[int], list[int]]:
        cached = self._tokens.get(i)
        if cached is None:
            s = self.sentences[i]
            toks = tokens(self.text, self.low, s.start, s.end)
            cached = (toks, [t[0] for t in toks], [t[1] for t in toks])
            self._tokens[i] = cached
        return cached

    def tokens(self, a: int, b: int) -> list[Token]:
        """Tokens that lie wholly inside ``text[a:b]``.

        Each sentence is tokenized once, on first use; the windows the rules read around each cue are
        slices of that (many cues per sentence read overlapping windows).
        """
        i = bisect_right(self.sentence_starts, a) - 1
        if i < 0 or b > self.sentences[i].end:
            return tokens(self.text, self.low, a, b)  # a window across sentences: tokenize it alone
        toks, starts, ends = self._sentence_tokens(i)
        lo = bisect_left(starts, a)
        hi = bisect_right(ends, b, lo)
        return toks[lo:hi]

    def span_text(self, a: int, b: int) -> str:
        return self.text[a:b]


def _find_hits(doc: Document) -> list[Hit]:
    """Every lexicon phrase in the document, in one pass of the compiled trie per group.

    Each group's matches come in text order; the groups are then merged by start (stable: at the same
    start, the first group's hits come first).
    """
    lex = doc.lexicon
    text = doc.text
    low = doc.low
    hits: list[Hit] = []
    append = hits.append
    for hedge_group, scan in lex.group_scans:
        plans = lex.hit_plans[hedge_group]
        get = plans.get
        lead = scan.lead
        for m in scan.pattern.finditer(scan.scanned(low)):
            i = m.start()
            j = m.end() - lead  # the match may take in the character before the phrase (PhraseScan)
            if low.startswith("-", j) and low[j + 1 : j + 2].isalpha():
                continue  # the first part of a compound: "think-tank", "say-so", "tell-all"
            phrase = low[i:j]
            plan = get(phrase)
            if plan is None:
                plan = plans[phrase] = _plan(lex, hedge_group, phrase)
            fixed, entries = plan
            if fixed is not None:
                for e in fixed:
                    append(Hit(i, j, e))
                continue
            kinds = set()
            for e in entries:
                # One hit per family ("believe" is an attribution verb and an uncertainty candidate).
                if e.kind not in kinds and (not e.case_sensitive or e.matches_case(text[i:j])):
                    kinds.add(e.kind)
                    append(Hit(i, j, e))
    hits.sort(key=_HIT_START)  # two sorted runs: the sort merges them in linear time
    return hits


_HIT_START = attrgetter("start")


def _plan(lex: Lexicon, hedge_group: bool, phrase: str) -> tuple[tuple[Entry, ...] | None, tuple[Entry, ...]]:
    """The entries a match of ``phrase`` by ``hedge_group``'s pattern can make, in lexicon order (the other
    group's pattern finds the other families); and, when none depends on letter case, the hits it makes:
    the first entry of each family."""
    entries = tuple(e for e in lex.lookup_lowered(phrase) if (e.kind == "hedge") is hedge_group)
    if any(e.case_sensitive for e in entries):
        return None, entries
    kinds: set[str] = set()
    fixed = []
    for e in entries:
        if e.kind not in kinds:
            kinds.add(e.kind)
            fixed.append(e)
    return tuple(fixed), entries


def _paragraph_ids(text: str, sentences: Sequence[Sentence]) -> list[int]:
    ids = []
    pid = 0
    prev_end = None
    for s in sentences:
        # Most gaps are one space; only a gap with two line breaks starts a paragraph.
        if prev_end is not None and s.start - prev_end > 1 and PARAGRAPH_GAP.search(text, prev_end, s.start):
            pid += 1
        ids.append(pid)
        prev_end = s.end
    return ids


def is_publisher(doc: Document, h: Hit) -> bool:
    """The agency of the dateline ("SEOUL (Reuters) -"): its own reporting is first-hand."""
    pub = doc.publisher
    if not pub:
        return False
    return _outlet_key(doc.low[h.start : h.end]) == _outlet_key(pub)


#: Short and long names of the same agency, for comparing an outlet with the dateline's.
_OUTLET_ALIASES = {
    "ap": "associated press",
    "the associated press": "associated press",
    "afp": "agence france-presse",
    "reuters": "reuters",
    "upi": "united press international",
    "dpa": "deutsche presse-agentur",
}


def _outlet_key(name: str) -> str:
    name = " ".join(name.lower().split())
    name = _OUTLET_ALIASES.get(name, name)
    return name[4:] if name.startswith("the ") else name


def find_publisher(doc: Document) -> None:
    """The agency named in a dateline ("SEOUL (Reuters) -"): reporting by it is first-hand."""
    for s in doc.sentences[:4]:
        if s.kind == "dateline":
            m = _DATELINE_AGENCY.search(s.text)
            if m:
                doc.publisher = m.group(1).strip().lower()
                return
