"""Step 2 of the pipeline: sentences -> cues, the evidence behind a score.

A :class:`Cue` is one piece of evidence about how a sentence is sourced, with
the name of the rule that found it and its character span in the caller's
text. :class:`CueDetector` finds them for a whole document at once, because
sourcing runs across sentences: a quote's speaker is named after the quote
ends, "he added" points back to a source named earlier, and the rest of a
paragraph that opens "According to the newspaper, ..." still rests on the
newspaper.

How it works, in one pass over the document:

1. one trie regex finds every lexicon phrase (``credscore/lexicons/*.tsv``);
2. per sentence, each attribution cue ("said", "according to", "citing")
   looks for its source phrase before or after it, and the source phrase is
   classified as named, anonymous, vague or second-hand (an outlet or report);
3. hedges are kept when they are the writer's: not "May" the month, not
   "could not", not in a question; inside a quotation they belong to the
   speaker (kind ``quoted_hedge``);
4. quotations get their speaker, and sentences that carry on an attribution
   (the rest of a quote, the rest of an "according to" paragraph) inherit its
   source cues, marked ``inherited=True`` with the spans where they were found.

Rules are named objects (:data:`RULES`); every cue carries its rule's name, and
``CueDetector(disabled_rules=...)`` switches rules off.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .claims import is_question
from .lexicon import Entry, Lexicon, lower_same_length
from .sentences import PARAGRAPH_GAP, Sentence, split_sentences

__all__ = [
    "KINDS",
    "RULES",
    "SOURCE_KINDS",
    "Cue",
    "CueDetector",
    "Rule",
    "chain_length",
    "detect_cues",
]

#: Every cue kind, in the order features and reports list them.
KINDS = (
    "anonymous_source",
    "vague_source",
    "hedge",
    "secondhand",
    "named_source",
    "direct_quote",
    "attribution",
    "anonymity_reason",
    "quoted_hedge",
)
#: Kinds that say who a claim comes from.
SOURCE_KINDS = ("named_source", "anonymous_source", "vague_source", "secondhand")


@dataclass(frozen=True, slots=True)
class Cue:
    """One piece of sourcing evidence.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    rule : str
        Name of the rule that produced it (a key of :data:`RULES`).
    start, end : int
        Offsets into the text given to :func:`credscore.score` /
        :meth:`CueDetector.detect`; ``text[start:end] == cue.text``.
    text : str
        The cue as written.
    count : int
        For source cues, how many sources the phrase names at least ("two
        people" -> 2, "officials" -> 2, "a senior official" -> 1); else 0.
    inherited : bool
        True when the cue was found in an earlier sentence and carries over to
        this one (the rest of a quotation, the rest of an "according to"
        paragraph); its span then lies outside the sentence.
    """

    kind: str
    rule: str
    start: int
    end: int
    text: str
    count: int = 0
    inherited: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """A named detection rule and what it matches."""

    name: str
    kind: str
    description: str


RULES: dict[str, Rule] = {
    r.name: r
    for r in (
        # hedges (lexicon: hedges.tsv)
        Rule("hedge_adverb", "hedge", "adverbs that disclaim the writer's knowledge: reportedly, allegedly, perhaps"),
        Rule("hedge_modal", "hedge", "epistemic may/might/could; not 'May' the month, not 'could not'"),
        Rule("hedge_raising", "hedge", "appears to, seems to, it seems"),
        Rule("hedge_expected", "hedge", "forecasts stated as such: is expected to, is likely to"),
        Rule("hedge_adjective", "hedge", "alleged, unconfirmed, possible, unclear"),
        Rule("hedge_phrase", "hedge", "multi-word hedges: it is possible, could not be independently verified"),
        Rule("hedge_verb", "hedge", "inference verbs: suggests, indicates, speculated"),
        # attribution (attribution.tsv)
        Rule("speech_verb", "attribution", "a verb of saying; its source is found before or after it"),
        Rule("according_to", "attribution", "'according to X'; X is the source"),
        Rule("report_verb", "attribution", "reported/reports; second-hand when the reporter is an outlet"),
        Rule("belief_verb", "attribution", "believes, thinks, fears: a state of mind attributed to a source"),
        Rule("unsourced_attribution", "attribution", "a verb of saying whose source could not be identified"),
        # sources (sources.tsv, outlets.tsv, documents.tsv) and how they were classified
        Rule("unnamed_role", "anonymous_source", "a source described by role without a name: 'a senior official'"),
        Rule("anonymity_marker", "anonymous_source", "says the source is hidden: 'on condition of anonymity'"),
        Rule("unnamed_person", "anonymous_source", "an unnamed individual as source: 'a man who lives nearby'"),
        Rule("anonymity_reason", "anonymity_reason", "why the source is not named: 'not authorized to speak'"),
        Rule("vague_group", "vague_source", "an unspecified group as source: 'critics', 'some analysts'"),
        Rule("agentless", "vague_source", "attribution without a source: 'it is widely reported'"),
        Rule("generic_group", "vague_source", "an unnamed plural as source: 'residents said'"),
        Rule("unnamed_document", "vague_source", "an unidentified document as source: 'a letter'"),
        Rule("media_outlet", "secondhand", "another news outlet as source: 'the newspaper reported'"),
        Rule("news_report", "secondhand", "a report as source: 'according to media reports'"),
        Rule("relay", "secondhand", "one more hop in the chain: 'citing', 'which quoted'"),
        Rule("named_entity", "named_source", "a named person or organisation as source: 'Foreign Minister Lee said'"),
        Rule("organization", "named_source", "a definite organisation on the record: 'the ministry said'"),
        Rule("definite_role", "named_source", "a definite title naming one person in context: 'the governor said'"),
        Rule("named_document", "named_source", "an identified document: 'a Quinnipiac poll', 'the CBO report'"),
        Rule("public_record", "named_source", "a public record as source: 'court records'"),
        Rule("pronoun_source", "named_source", "he/she/they as source: the kind of the source it refers back to"),
        # quotations
        Rule("quote_with_speaker", "direct_quote", "a quotation whose speaker is attributed next to it"),
    )
}

#: The kinds a pronoun source can take, by what it refers back to.
_PRONOUN_RULE = "pronoun_source"

# --- word classes used by the source finder ---------------------------------

# Words (with inner periods, apostrophes, hyphens), titles and initials with
# their period ("Sen.", "U.S.", "W."), or single punctuation marks.
_TOKEN = re.compile(
    r"""(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|St|Jr|Sr|Adm|Maj|Amb|Atty)\.
      | (?:[A-Z]\.){1,4}(?![\w])
      | [\w][\w.'\u2019&-]*[\w] | [\w] | [^\w\s]""",
    re.VERBOSE,
)
#: Between a source and its verb: "Trump also said", "officials have long argued".
_SKIP_BEFORE_VERB = frozenset(
    """also has have had later earlier previously repeatedly then recently once often publicly privately
    separately reportedly would will did does do still already again initially first further long
    never not n't just now had since quickly flatly angrily may might could should must can""".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MODALS = frozenset("may might could should must can would will".split())
_POLL_NOUN = re.compile(
    r"\s+(?:republican\s+|democratic\s+|general[- ]election\s+)?(?:voters|caucusgoers|electorate)\b"
)
_MONTHS = frozenset("january february march april may june july august september october november december".split())
#: Prepositions that attach a place or affiliation to a source word ("a source at the ministry").
_PP_PREPOSITIONS = frozenset("at in with from for on inside within near".split())
_LONGEST_HEAD = 30  # characters: longer than any source word in the lexicons
#: Words that end a source phrase when walking back from the verb.
_CLAUSE_WORDS = frozenset(
    """that but because while when as if so though although after before since where than whether
    until unless whom what how why and or nor yet to for in on at with from by into about over""".split()
)
_DETERMINERS = frozenset("the a an his her their its our my your this that these those whose".split())
_PRONOUNS = {
    "he": 1, "she": 1, "they": 2, "it": 1, "i": 1, "we": 2, "who": 0, "which": 0, "you": 1,
}  # fmt: skip
_BE = frozenset("is are was were be been being".split())
#: Anonymity markers that modify a source word right before them.
_POST_MODIFIER_MARKERS = frozenset(
    ["familiar with", "briefed on", "close to", "with knowledge of", "with direct knowledge of", "knowledgeable about"]
)
#: Most characters between the source word and such a marker ("officials directly familiar with").
_POST_MODIFIER_GAP = 30
#: Verbs of reporting whose agentless passive attributes without a source ("it was reported").
_AGENTLESS_PASSIVE = frozenset(
    "said told reported alleged claimed believed thought rumored rumoured understood described quoted".split()
)
_REQUEST_VERBS = frozenset("asked asks ask urged called calls calling".split())
#: "-ing" forms that hang on the main clause: "X endorsed Y, saying ...".
_PARTICIPLES = frozenset(
    "saying telling adding noting arguing writing explaining calling claiming insisting warning".split()
)
#: Verbs that attribute only when a document is the subject ("the poll shows").
_DOCUMENT_VERBS = frozenset("show shows showed showing found finds".split())
_DOCUMENT_RULES = frozenset({"named_document", "unnamed_document", "public_record", "news_report", "media_outlet"})
_NOT_SPEECH_AFTER = re.compile(r"\s+(?:for|to|about|him|her|them|me|us)\b")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "another": 1, "single": 1, "two": 2, "both": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "several": 3, "multiple": 3, "few": 3, "various": 3, "some": 3, "numerous": 5, "many": 5,
    "dozen": 12, "dozens": 24, "scores": 24, "hundreds": 100,
}  # fmt: skip
_QUOTE_CHARS = "\"\u201c\u201d\u2018\u2019'"
_OPEN_QUOTES = "\u201c\u2018"
#: Boundary punctuation for a source phrase.
_NP_STOP = frozenset(list(".;:!?()[]{}\u2014\u2013") + list(_QUOTE_CHARS))
#: Longest source phrase considered, in tokens; attributions in PolNeAR train
#: have source phrases of at most 8 tokens in 95% of cases.
_MAX_NP_TOKENS = 12
_WINDOW = 120  # characters searched around a cue for its source (enough for 12 tokens)
#: A quotation shorter than this many words is a scare quote, not speech.
_MIN_QUOTE_WORDS = 4
#: How far (characters) a verb may sit from a quotation to be its speaker.
_SPEAKER_REACH = 80
#: How many sentences back a pronoun looks for the source it refers to.
_PRONOUN_REACH = 3
#: How many sentences back "the official" looks for "a senior official".
_ANAPHORA_REACH = 12

# Quotation spans. Every alternative starts with its quotation mark, so the
# regex engine can skip ahead to the next mark (3x faster than lookbehinds first).
_QUOTE_SPANS = re.compile(
    r"""\u201c[^\u201c\u201d]*(?:\u201d|(?="""
    + PARAGRAPH_GAP.pattern
    + r""")|\Z)                 # curly double, to paragraph end
      | "(?:(?<!\w")[^"\r\n]*"                                        # straight double, closed in its line,
           |(?<![^\r\n]")[^"\r\n]*(?=[\r\n]|\Z))                       # or open at a line start (AP style)
      | \u2018(?<!\w\u2018)[^\u2018\u2019\r\n]*?\u2019(?!\w)         # curly single
      | '(?<![\w']')(?=[A-Z])[^'\r\n]{0,300}?'(?![\w])              # straight single, in headlines (bounded)
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    entry: Entry
    used: bool = False


@dataclass(slots=True)
class _Attribution:
    """A verb cue with the source cues (and relays) that hang on it."""

    verb: Cue
    sources: list[Cue]
    according_to: bool


class CueDetector:
    """Find sourcing cues in a document.

    Parameters
    ----------
    lexicon : Lexicon, optional
        Defaults to the shipped lexicons (:meth:`Lexicon.load`).
    disabled_rules : iterable of str, optional
        Names of rules (keys of :data:`RULES`) whose cues are dropped.

    Examples
    --------
    >>> det = CueDetector()
    >>> text = "The letter was sent in May, a newspaper reported, citing unnamed sources."
    >>> [(c.kind, c.text) for c in det.detect(text)[0]]  # doctest: +NORMALIZE_WHITESPACE
    [('secondhand', 'a newspaper'), ('attribution', 'reported'), ('secondhand', 'citing'),
     ('anonymous_source', 'unnamed'), ('anonymous_source', 'unnamed sources')]
    """

    def __init__(self, lexicon: Lexicon | None = None, *, disabled_rules: Iterable[str] = ()):
        self.lexicon = lexicon if lexicon is not None else _default_lexicon()
        if isinstance(disabled_rules, str):
            disabled_rules = [disabled_rules]  # one rule name, not its letters
        disabled = frozenset(disabled_rules)
        unknown = sorted(disabled - RULES.keys())
        if unknown:
            raise ValueError(f"unknown rule(s) {unknown}; known rules are: {', '.join(sorted(RULES))}")
        self.disabled_rules = disabled
        for e in self.lexicon.entries:
            rule = RULES.get(e.rule)
            if rule is None:
                raise ValueError(
                    f"{e.origin}: rule {e.rule!r} is not a known rule; use one of {', '.join(sorted(RULES))}"
                )
            if rule.kind != e.kind:
                raise ValueError(f"{e.origin}: rule {e.rule!r} makes {rule.kind!r} cues, but the entry says {e.kind!r}")

    # -- public ---------------------------------------------------------------

    def detect(self, text: str, sentences: Sequence[Sentence] | None = None) -> list[tuple[Cue, ...]]:
        """Cues of each sentence of ``text``.

        Parameters
        ----------
        text : str
            The document.
        sentences : sequence of Sentence, optional
            Its sentences (default: :func:`split_sentences`), in order, with
            offsets into ``text``.

        Returns
        -------
        list of tuple of Cue
            One tuple per sentence, cues ordered by position (inherited cues
            last).
        """
        if not isinstance(text, str):
            raise TypeError(f"detect() expects the text as a str, got {type(text).__name__}")
        if sentences is None:
            sentences = split_sentences(text)
        if not sentences:
            return []
        prev = 0
        for s in sentences:
            if not (prev <= s.start <= s.end <= len(text)) or text[s.start : s.end] != s.text:
                raise ValueError(
                    f"sentence {s.text[:40]!r} at {s.start}-{s.end} is not a span of this text (or is out of order); "
                    "pass the sentences split_sentences(text) returned for this very text"
                )
            prev = s.end
        doc = _Document(self, text, sentences)
        return doc.run()


_DEFAULT_LEXICON: Lexicon | None = None


def _default_lexicon() -> Lexicon:
    global _DEFAULT_LEXICON
    if _DEFAULT_LEXICON is None:
        _DEFAULT_LEXICON = Lexicon.load()
    return _DEFAULT_LEXICON


_DEFAULT_DETECTOR: CueDetector | None = None


def detect_cues(text: str, sentences: Sequence[Sentence] | None = None) -> list[tuple[Cue, ...]]:
    """:meth:`CueDetector.detect` with the shipped lexicons and all rules on."""
    global _DEFAULT_DETECTOR
    if _DEFAULT_DETECTOR is None:
        _DEFAULT_DETECTOR = CueDetector()
    return _DEFAULT_DETECTOR.detect(text, sentences)


def chain_length(cues: Iterable[Cue]) -> int:
    """Number of hops between the writer and the original source.

    0 without attribution; 1 for a direct attribution ("officials said");
    each relay adds one: "the agency said, citing a newspaper report that
    quoted unnamed officials" is 3.
    """
    attributed = False
    relays = 0
    for c in cues:
        if c.rule == "relay":
            relays += 1
        elif c.kind in SOURCE_KINDS or c.kind == "attribution":
            attributed = True
    return (1 if attributed or relays else 0) + relays


# --- the per-document pass ---------------------------------------------------


class _Document:
    """State for one call of :meth:`CueDetector.detect`."""

    def __init__(self, det: CueDetector, text: str, sentences: Sequence[Sentence]):
        self.det = det
        self.text = text
        self.sentences = sentences
        self.low = lower_same_length(text)
        self.quotes = [(m.start(), m.end()) for m in _QUOTE_SPANS.finditer(text)]
        self.quote_starts = [q[0] for q in self.quotes]
        self.hits = self._find_hits()
        self.hit_starts = [h.start for h in self.hits]
        self.publisher = self._publisher()
        self.verb_rule = "speech_verb"
        self.reported_speech = _After(len(text) + 1)
        # Running memory for pronouns: (sentence index, source cue).
        self.recent_sources: list[tuple[int, Cue]] = []

    def _find_hits(self) -> list[_Hit]:
        lex = self.det.lexicon
        text = self.text
        hits = []
        append = hits.append
        lookup = lex.lookup_lowered
        for m in lex.finditer(self.low):
            i, j = m.span()
            for e in lookup(m.group()):
                if not e.case_sensitive or e.matches_case(text[i:j]):
                    append(_Hit(i, j, e))
                    break
        return hits

    def _publisher(self) -> str | None:
        """The agency named in a dateline ("SEOUL (Reuters) -"): reporting by it is first-hand."""
        for s in self.sentences[:4]:
            if s.kind == "dateline":
                m = re.search(r"\(([^()]+)\)", s.text)
                if m:
                    return m.group(1).strip().lower()
        return None

    def _is_publisher(self, h: _Hit) -> bool:
        pub = self.publisher
        if not pub:
            return False
        return _outlet_key(self.low[h.start : h.end]) == _outlet_key(pub)

    def in_quote(self, pos: int) -> bool:
        i = bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and self.quotes[i][0] < pos < self.quotes[i][1]

    def run(self) -> list[tuple[Cue, ...]]:
        sents = self.sentences
        out: list[list[Cue]] = []
        attributions: list[list[_Attribution]] = []
        para = self._paragraph_ids()
        for i, s in enumerate(sents):
            if s.kind in ("byline", "dateline"):
                out.append([])
                attributions.append([])
                continue
            cues, atts = self._sentence(i, s)
            out.append(cues)
            attributions.append(atts)
        self._quotes(out, attributions, para)
        self._carry_according_to(out, attributions, para)
        disabled = self.det.disabled_rules
        result = []
        for cues in out:
            if disabled:
                cues = [c for c in cues if c.rule not in disabled]
            cues.sort(key=lambda c: (c.inherited, c.start, c.end))
            result.append(tuple(cues))
        return result

    def _paragraph_ids(self) -> list[int]:
        ids = []
        pid = 0
        prev_end = None
        for s in self.sentences:
            # Most gaps are one space; only a gap with two line breaks starts a paragraph.
            if prev_end is not None and s.start - prev_end > 1 and PARAGRAPH_GAP.search(self.text, prev_end, s.start):
                pid += 1
            ids.append(pid)
            prev_end = s.end
        return ids

    # -- one sentence ---------------------------------------------------------

    def _sentence(self, idx: int, s: Sentence) -> tuple[list[Cue], list[_Attribution]]:
        lo = bisect_left(self.hit_starts, s.start)
        hi = bisect_left(self.hit_starts, s.end, lo)
        hits = [h for h in self.hits[lo:hi] if h.end <= s.end]
        cues: list[Cue] = []
        atts: list[_Attribution] = []
        if not hits:
            return cues, atts
        question = is_question(s.text)
        # Pass 1: attributions and relays, with their sources.
        for h in hits:
            if h.used:
                continue
            rule = h.entry.rule
            if rule in ("speech_verb", "report_verb", "belief_verb", "according_to"):
                if self.in_quote(h.start):
                    continue
                att = self._attribution(idx, s, h, hits)
                if att is not None:
                    atts.append(att)
                    cues.append(att.verb)
                    cues.extend(att.sources)
            elif rule == "relay":
                if self.in_quote(h.start):
                    continue
                h.used = True
                relay = self._cue(h, "secondhand")
                cues.append(relay)
                src = self._source_after(idx, s, h.end, hits, relay=True)
                if src is not None:
                    cues.append(src)
                    self._remember(idx, src)
                if atts:
                    atts[-1].sources.append(relay)
                    if src is not None:
                        atts[-1].sources.append(src)
        # Pass 2: everything else. Text after a sourced verb of saying ("Smith
        # said she might reconsider") is reported speech: its hedges are the speaker's.
        said = [a.verb.end for a in atts if a.sources and not a.according_to and a.verb.rule == "speech_verb"]
        self.reported_speech = _After(min(said)) if said else _After(s.end + 1)
        has_anonymity = any(c.kind == "anonymous_source" for c in cues)
        reasons = []
        for h in hits:
            if h.used:
                continue
            e = h.entry
            kind = e.kind
            if kind == "hedge":
                c = self._hedge(h, s, question)
                if c is not None:
                    cues.append(c)
            elif e.rule == "agentless":
                if not self.in_quote(h.start):
                    cues.append(self._cue(h))
            elif e.rule == "anonymity_marker":
                if not self.in_quote(h.start) and self._marker_applies(h, hits, s):
                    cues.append(self._cue(h))
                    has_anonymity = True
            elif e.rule == "anonymity_reason":
                reasons.append(h)
            elif e.rule == "unnamed_role":
                # A source word that no attribution claimed: a source only when an
                # anonymity marker follows it ("sources familiar with the talks").
                nxt = self._next_hit(hits, h)
                if nxt is not None and nxt.entry.rule == "anonymity_marker" and nxt.start - h.end <= 40:
                    if not self.in_quote(h.start):
                        np_start = self._np_left_edge(s, h.start)
                        count = _count_from(self.low[np_start : h.end], self.low[h.start : h.end])
                        cues.append(self._span_cue("anonymous_source", "unnamed_role", np_start, h.end, count))
                        has_anonymity = True
        if has_anonymity:
            for h in reasons:
                cues.append(self._cue(h))
        return cues, atts

    def _cue(self, h: _Hit, kind: str | None = None, rule: str | None = None) -> Cue:
        h.used = True
        return Cue(kind or h.entry.kind, rule or h.entry.rule, h.start, h.end, self.text[h.start : h.end])

    def _span_cue(self, kind: str, rule: str, start: int, end: int, count: int = 0) -> Cue:
        return Cue(kind, rule, start, end, self.text[start:end], count)

    def _next_hit(self, hits: list[_Hit], h: _Hit) -> _Hit | None:
        i = _index_of(hits, h)
        return hits[i + 1] if i + 1 < len(hits) else None

    def _marker_applies(self, h: _Hit, hits: list[_Hit], s: Sentence) -> bool:
        """Is this anonymity marker about a source?

        Post-modifiers ("familiar with", "briefed on", "close to") count only
        right after a source word ("people familiar with"), not in "he is not
        familiar with the details"; a capitalised "Anonymous" inside a sentence
        is a name ("Alcoholics Anonymous").
        """
        if h.entry.phrase in _POST_MODIFIER_MARKERS:
            i = _index_of(hits, h)
            prev = hits[i - 1] if i > 0 else None
            return (
                prev is not None
                and prev.entry.rule in ("unnamed_role", "vague_group")
                and h.start - prev.end <= _POST_MODIFIER_GAP
            )
        return not (self.text[h.start].isupper() and h.start != s.start)

    # -- hedges ---------------------------------------------------------------

    def _hedge(self, h: _Hit, s: Sentence, question: bool) -> Cue | None:
        text = self.text
        e = h.entry
        surface = text[h.start : h.end]
        if e.rule == "hedge_modal":
            word = surface.split()[0]
            if word[0] == "M" and e.phrase.startswith("may"):
                # "May" capitalised is the month (or a name): a sentence rarely opens with the modal.
                return None
            after = self.low[h.end : h.end + 12]
            if e.phrase in ("could",) and re.match(r"(?:\s+not\b|n['\u2019]t)", after):
                return None
            if e.phrase == "could" and re.match(r"\s+(?:be\s+)?(?:not|never)\b", after):
                return None
        elif e.rule == "hedge_adjective" and e.phrase in ("likely", "unlikely", "possible"):
            # "as soon as possible", "the most likely", "likely voters" are idioms, not doubt.
            before = self.low[max(0, h.start - 12) : h.start]
            if re.search(r"(?:as|if)\s+$", before) or re.search(r"\bmost\s+$", before):
                return None
            if _POLL_NOUN.match(self.low, h.end):
                return None
        if self.in_quote(h.start) or h.start in self.reported_speech:
            # Inside a quotation, or after "X said (that) ...": the speaker's hedge.
            h.used = True
            return Cue("quoted_hedge", e.rule, h.start, h.end, surface)
        if question:
            return None
        return self._cue(h)

    # -- attribution and sources ----------------------------------------------

    def _attribution(self, idx: int, s: Sentence, h: _Hit, hits: list[_Hit]) -> _Attribution | None:
        rule = h.entry.rule
        self.verb_rule = rule  # read by _classify for first-person sources
        low = self.low
        text = self.text
        if rule == "according_to":
            verb = self._cue(h)
            src = self._source_after(idx, s, h.end, hits)
            srcs = [src] if src is not None else []
            for c in srcs:
                self._remember(idx, c)
            if not srcs:
                verb = replace(verb, rule="unsourced_attribution")  # "according to his lawyer"
            return _Attribution(verb, srcs, True)
        if _NOT_SPEECH_AFTER.match(low, h.end) and h.entry.phrase in _REQUEST_VERBS:
            return None  # "asked for aid", "asked to leave": a request, not a statement
        # A verb: make sure it is one ("his claims", "to say" are not attributions).
        before = _tokens_before(text, low, max(s.start, h.start - _WINDOW), h.start)
        j = len(before) - 1
        # Skip adverbs and auxiliaries between source and verb.
        passive = False
        while j >= 0:
            tok = before[j][2]
            if tok in _SKIP_BEFORE_VERB and not (tok in _MODALS and text[before[j][0]].isupper()):
                j -= 1  # ("Theresa May said": a capitalised "May" is a name, not a modal)
                continue
            if tok in _WEEKDAYS and j >= 1 and before[j - 1][2] in ("on", "last", "this"):
                j -= 2
                continue
            if tok in _WEEKDAYS:
                j -= 1
                continue
            break
        if j >= 0:
            tok = before[j][2]
            if tok in _DETERMINERS or tok == "to":
                return None  # a noun ("the report") or an infinitive ("declined to say")
            if tok in _BE:
                passive = True
        sources: list[Cue] = []
        if passive:
            # "was told by aides": the source follows "by". Without one, a verb of
            # reporting is agentless attribution ("reporters were told"), any
            # other verb just an event ("the envoy had been recalled").
            m = re.match(r"\s+by\s", low[h.end : h.end + 5])
            src = self._source_after(idx, s, h.end + m.end() - 1, hits) if m else None
            if src is None:
                if h.entry.phrase in _AGENTLESS_PASSIVE:
                    be = before[j]
                    h.used = True
                    return _Attribution(self._span_cue("vague_source", "agentless", be[0], h.end), [], False)
                return None
            sources.append(src)
            verb = self._cue(h)
        else:
            verb = self._cue(h)
        if not passive:
            src = None
            marked = self._marked_subject(s, h.start, before, j, hits)
            if marked is not None:
                src = self._classify(idx, s, marked[0], marked[1], hits)
            elif j >= 0 and before[j][2] not in (",",) and before[j][2] not in _NP_STOP:
                src = self._source_before(idx, s, before, j, hits)
            elif j >= 0 and before[j][2] == "," and h.entry.phrase in _PARTICIPLES:
                # "Rubio endorsed Cruz, saying ...": the sentence's subject speaks.
                src = self._sentence_subject(idx, s, hits)
            elif j >= 0 and before[j][2] in ("and", "but") and h.entry.phrase not in _PARTICIPLES:
                # "The senator survived the vote and says ...": same subject.
                src = self._sentence_subject(idx, s, hits)
            elif j >= 0 and before[j][2] == "," and not (j >= 1 and before[j - 1][2] in _QUOTE_CHARS):
                src = self._source_before_comma(idx, s, before, j, hits)
            else:
                # '"...," said Ms. Lee', '..." said the official' or a sentence
                # that opens with the verb: the source follows it.
                src = self._source_after(idx, s, h.end, hits, inverted=True)
            if src is not None:
                sources.append(src)
        if h.entry.phrase in ("told", "tells", "tell", "telling"):
            # "sources told the newspaper": the claim reached us through that outlet,
            # one more hop in the chain.
            nxt = self._next_hit(hits, h)
            if (
                nxt is not None
                and nxt.entry.rule == "media_outlet"
                and not nxt.used
                and re.fullmatch(r"\s+(?:the\s+)?", low[h.end : nxt.start])
                and not self._is_publisher(nxt)
            ):
                sources.append(self._cue(nxt, "secondhand", "relay"))
        if h.entry.phrase in _DOCUMENT_VERBS and not any(c.rule in _DOCUMENT_RULES for c in sources):
            # "police found a body" is no attribution; "the poll found ..." is.
            h.used = False
            return None
        for c in sources:
            self._remember(idx, c)
        if rule == "belief_verb" and not sources:
            # "I think", "we hope" outside quotes, or a noun: not an attribution.
            h.used = False
            return None
        if not any(c.rule != "relay" for c in sources):
            # A verb of saying whose source credscore could not identify ("his
            # lawyer said"): say so, rather than let it pass for sourced.
            verb = replace(verb, rule="unsourced_attribution")
        return _Attribution(verb, sources, False)

    def _source_before(
        self, idx: int, s: Sentence, toks: list[tuple[int, int, str]], j: int, hits: list[_Hit]
    ) -> Cue | None:
        """The source phrase ending at token ``j`` (walking back from the verb)."""
        end_tok = j
        k = j
        n = 0
        while k >= 0 and n < _MAX_NP_TOKENS:
            tok = toks[k][2]
            if tok in _NP_STOP or tok == ",":
                break
            if tok in _PP_PREPOSITIONS and k > 0 and self._head_ends_at(hits, toks[k - 1]):
                pass  # "a source at the ministry", "officials with the State Department": one phrase
            elif tok in _CLAUSE_WORDS and not (tok in ("of", "and") and k > 0):
                break
            elif tok == "who" and k < end_tok and k > 0:
                pass  # "a man who lives nearby said": the relative clause is part of the source
            elif tok in _PRONOUNS:
                if k == end_tok:
                    k -= 1  # "by the time he said": the pronoun alone is the source
                break  # "what he said", "it is what they say": the pronoun is its own phrase
            k -= 1
            n += 1
        start_tok = k + 1
        if start_tok > end_tok:
            return None
        # "of" or "and" left dangling at the front is not part of the phrase.
        while start_tok <= end_tok and toks[start_tok][2] in ("of", "and"):
            start_tok += 1
        if start_tok > end_tok:
            return None
        a, b = toks[start_tok][0], toks[end_tok][1]
        return self._classify(idx, s, a, b, hits)

    def _head_ends_at(self, hits: list[_Hit], tok: tuple[int, int, str]) -> bool:
        """Does a source word ('source', 'officials', 'critics') end with this token?"""
        return any(
            h.end == tok[1] and h.entry.rule in ("unnamed_role", "vague_group")
            for h in self._hits_in(hits, tok[0] - _LONGEST_HEAD, tok[1])
        )

    def _marked_subject(
        self, s: Sentence, verb_start: int, toks: list[tuple[int, int, str]], j: int, hits: list[_Hit]
    ) -> tuple[int, int] | None:
        """'people briefed on the talks said', 'officials who spoke on condition of anonymity said'.

        A source word followed by an anonymity marker in the same clause as the
        verb: the whole stretch from the source word to the verb is the source.
        """
        if j < 0:
            return None
        # The clause starts at the last boundary before the verb, at most at the
        # start of the token window (never the sentence start: in a long
        # sentence that would make every verb look at every earlier cue).
        clause_start = toks[0][0]
        for k in range(j, -1, -1):
            tok = toks[k][2]
            if tok in _NP_STOP or (tok == "," and not self._inside_marked_clause(toks, k, hits)):
                clause_start = toks[k][1]
                break
        # Only the hits between the clause start and the verb (binary search: a
        # scan of the whole sentence per verb is quadratic in a long sentence).
        cands = self._hits_in(hits, clause_start, verb_start)
        for n, x in enumerate(cands[:-1]):
            if x.entry.rule != "unnamed_role":
                continue
            m = cands[n + 1]
            if m.entry.rule == "anonymity_marker" and m.start - x.end <= 40:
                a = self._np_left_edge(s, x.start)
                return a, toks[j][1]
        return None

    def _inside_marked_clause(self, toks: list[tuple[int, int, str]], k: int, hits: list[_Hit]) -> bool:
        """Is the comma at token ``k`` the end of ', who asked not to be named,'?"""
        pos = toks[k][0]
        return any(x.entry.rule == "anonymity_marker" and x.end <= pos for x in self._hits_in(hits, pos - 80, pos))

    def _source_before_comma(
        self, idx: int, s: Sentence, toks: list[tuple[int, int, str]], j: int, hits: list[_Hit]
    ) -> Cue | None:
        """'X, who spoke on condition of anonymity, said' and 'Lee, a spokesman, said'."""
        k = j - 1
        while k >= 0 and toks[k][2] != "," and toks[k][2] not in _NP_STOP:
            k -= 1
        if k < 1 or toks[k][2] != ",":
            return None
        inner = toks[k + 1 : j]
        if not inner:
            return None
        first = inner[0][2]
        inner_hits = self._hits_in(hits, inner[0][0], inner[-1][1])
        relay = bool(inner_hits) and inner_hits[0].start == inner[0][0] and inner_hits[0].entry.rule == "relay"
        # Only appositives, relative clauses and relays ("The newspaper, citing a
        # memo, said"): the part between the commas must describe the source.
        if (
            not relay
            and first not in ("who", "which", "a", "an", "the", "one", "whose", "published", "dated")
            and not self.text[inner[0][0]].isupper()
            and not any(h.entry.rule in ("unnamed_role", "anonymity_marker") for h in inner_hits)
        ):
            return None
        head = self._source_before(idx, s, toks, k - 1, hits)
        if relay:
            return head  # the relay and what it cites are cues of their own
        if head is None:
            # "The whistleblower's lawyer, Mark Zaid, said": the appositive names the source.
            if self.text[inner[0][0]].isupper() and _has_name(self.text, inner[0][0], inner[-1][1], skip_first=False):
                return self._span_cue("named_source", "named_entity", inner[0][0], inner[-1][1], 1)
            return None
        # The source phrase spans the head and the parenthetical.
        return self._classify(idx, s, head.start, toks[j - 1][1], hits, head_end=head.end)

    def _source_after(
        self, idx: int, s: Sentence, pos: int, hits: list[_Hit], *, inverted: bool = False, relay: bool = False
    ) -> Cue | None:
        """The source phrase starting after ``pos`` ("according to X", "citing X", "said X")."""
        text = self.text
        end = min(s.end, pos + _WINDOW)
        toks = _tokens_after(text, self.low, pos, end)
        if not toks:
            return None
        k = 0
        n = 0
        while k < len(toks) and n < _MAX_NP_TOKENS:
            tok = toks[k][2]
            if tok in _NP_STOP or tok == ",":
                break
            if tok in ("that", "which", "who", "as", "because", "when", "while", "but", "after", "before", "if"):
                break
            if inverted and k > 0 and tok in ("on", "in", "at", "during", "told", "to"):
                break  # '"...," said Lee on Monday.'
            k += 1
            n += 1
        if k == 0:
            return None
        a, b = toks[0][0], toks[k - 1][1]
        # A relative clause right after the phrase may hold an anonymity marker:
        # "sources, who asked not to be named," - the marker is picked up by pass 2.
        return self._classify(idx, s, a, b, hits)

    def _np_left_edge(self, s: Sentence, pos: int) -> int:
        toks = _tokens_before(self.text, self.low, max(s.start, pos - 60), pos)
        k = len(toks) - 1
        while k >= 0:
            tok = toks[k][2]
            if tok in _NP_STOP or tok == "," or (tok in _CLAUSE_WORDS and tok != "of"):
                break
            k -= 1
        return toks[k + 1][0] if k + 1 < len(toks) else pos

    def _hits_in(self, hits: list[_Hit], a: int, b: int) -> list[_Hit]:
        # hits are sorted by start: binary search instead of a scan, which would
        # be quadratic in a long sentence full of cues.
        lo = bisect_left(hits, a, key=_start)
        hi = bisect_left(hits, b, lo, key=_start)
        return [h for h in hits[lo:hi] if h.end <= b]

    def _remember(self, idx: int, c: Cue) -> None:
        if c.kind in SOURCE_KINDS and c.rule != "relay":
            self.recent_sources.append((idx, c))

    def _classify(
        self, idx: int, s: Sentence, a: int, b: int, hits: list[_Hit], head_end: int | None = None
    ) -> Cue | None:
        """Classify the source phrase ``text[a:b]`` and return its cue (or None)."""
        text = self.text
        low = self.low
        inside = self._hits_in(hits, a, b)
        for h in inside:
            # Markers stay unused: pass 2 reports them as cues of their own.
            if h.entry.kind in SOURCE_KINDS and h.entry.rule != "anonymity_marker":
                h.used = True
        rules = {h.entry.rule for h in inside}
        covered = [(h.start, h.end) for h in inside]
        phrase_low = low[a:b]
        words = phrase_low.split()
        if not words:
            return None
        # The cue span covers the head phrase (for "X, a spokesman," the whole).
        if "anonymity_marker" in rules:
            head = next((h for h in inside if h.entry.rule == "unnamed_role"), None)
            if head is None or not _named_after(text, head.end, b):
                return self._span_cue(
                    "anonymous_source",
                    "unnamed_role" if head else "anonymity_marker",
                    a,
                    b,
                    _count_from(phrase_low, low[head.start : head.end] if head else ""),
                )
        if "media_outlet" in rules and any(self._is_publisher(h) for h in inside if h.entry.rule == "media_outlet"):
            return self._span_cue("named_source", "named_entity", a, b, 1)
        if "media_outlet" in rules and "named_document" in rules:
            return self._span_cue("named_source", "named_document", a, b)  # "a CNN poll": the outlet's own data
        if rules & {"media_outlet", "news_report"}:
            named_doc = (
                "news_report" in rules and "media_outlet" not in rules and _has_name(text, a, b, skip_first=True)
            )
            if named_doc and not any(
                h.entry.rule == "news_report"
                and low[h.start : h.end] in ("reports", "media reports", "news reports", "press reports")
                for h in inside
            ):
                return self._span_cue("named_source", "named_document", a, b)
            rule = "media_outlet" if "media_outlet" in rules else "news_report"
            return self._span_cue("secondhand", rule, a, b)
        role = next((h for h in inside if h.entry.rule == "unnamed_role"), None)
        doc = next((h for h in inside if h.entry.rule in ("named_document", "public_record")), None)
        if role is not None and doc is not None and role.start < doc.start:
            # "a source who has seen the document": the person is the source, not the document.
            rules = rules - {"named_document", "public_record"}
        if "public_record" in rules:
            return self._span_cue("named_source", "public_record", a, b)
        if "named_document" in rules:
            # Named by a proper name ("a Quinnipiac poll") or by the body that
            # issued it ("a statement from the ministry").
            if _has_name(text, a, b, skip_first=True) or "organization" in rules:
                return self._span_cue("named_source", "named_document", a, b)
            return self._span_cue("vague_source", "unnamed_document", a, b)
        if "unnamed_role" in rules:
            head = next(h for h in inside if h.entry.rule == "unnamed_role")
            if _named_after(text, head.end, b) or _name_before_comma(text, a, head.start):
                return self._span_cue("named_source", "named_entity", a, b, 1)
            head_low = low[head.start : head.end]
            count = _count_from(phrase_low, head_low)
            if "the" in words[: words.index(head_low.split()[0]) if head_low.split()[0] in words else 0]:
                # "the official added", "two of the people said": refers back to a
                # source named before; take its kind.
                ante = self._antecedent(idx, head_low)
                if ante is not None:
                    return self._span_cue(
                        ante.kind, ante.rule, a, b, count if count != 2 or ante.count < 2 else ante.count
                    )
            if head_low == "people":
                return self._span_cue("vague_source", "vague_group", a, b, count)
            return self._span_cue("anonymous_source", "unnamed_role", a, b, count)
        if "vague_group" in rules:
            if _has_name(text, a, b, skip_first=False, exclude=covered) and words[0] not in _NUMBER_WORDS:
                pass  # "Republican leader Paul Ryan": a name wins
            else:
                return self._span_cue("vague_source", "vague_group", a, b, _count_from(phrase_low, words[-1]))
        if len(words) == 1 and words[0] in _PRONOUNS:
            return self._pronoun(idx, a, b, words[0], self.verb_rule)
        if _has_name(text, a, b, skip_first=False, exclude=covered):
            return self._span_cue("named_source", "named_entity", a, b, 1)
        for r in ("definite_role", "organization"):
            if r in rules and len(words) <= 5 and (words[0] in ("the", "its", "his", "her", "their") or (
                r == "organization" and len(words) == 1
            )):  # fmt: skip
                return self._span_cue("named_source", r, a, b, 1)  # "the ministry", "Police"
        if (
            len(words) <= 4
            and words[-1].endswith("s")
            and not words[-1].endswith("ss")
            and words[0] not in _DETERMINERS
        ):
            return self._span_cue("vague_source", "generic_group", a, b, _count_from(phrase_low, words[-1]))
        if words[0] in ("a", "an", "one") and (len(words) <= 4 or "who" in words):
            return self._span_cue("anonymous_source", "unnamed_person", a, b, 1)  # "a man who lives nearby"
        return None

    def _sentence_subject(self, idx: int, s: Sentence, hits: list[_Hit]) -> Cue | None:
        """The noun phrase a sentence opens with ("Sen. Ann Roe, 64, of Ohio endorsed ...")."""
        toks = _tokens_after(self.text, self.low, s.start, min(s.end, s.start + _WINDOW))
        k = 0
        while k < len(toks) and k < _MAX_NP_TOKENS:
            tok = toks[k][2]
            raw = self.text[toks[k][0]]
            if tok in _NP_STOP or tok == ",":
                break
            if k > 0 and raw.islower() and tok not in ("of", "the", "'s", "\u2019s", "and", "de", "van", "von"):
                if not any(x.start == toks[k][0] and x.entry.kind in SOURCE_KINDS for x in hits):
                    break
            k += 1
        if k == 0:
            return None
        return self._classify(idx, s, toks[0][0], toks[k - 1][1], hits)

    def _antecedent(self, idx: int, head_low: str) -> Cue | None:
        """The most recent source cue with the same head word ("officials" ~ "official")."""
        stem = head_low.rstrip("s")
        for j in range(len(self.recent_sources) - 1, -1, -1):
            sidx, c = self.recent_sources[j]
            if idx - sidx > _ANAPHORA_REACH:
                break
            if c.kind in ("anonymous_source", "vague_source") and stem in c.text.lower():
                return c
        return None

    def _pronoun(self, idx: int, a: int, b: int, word: str, verb_rule: str = "speech_verb") -> Cue | None:
        if word in ("i", "we"):
            if verb_rule == "belief_verb":
                return None  # "I think": the writer's opinion, not a source
            return Cue("named_source", _PRONOUN_RULE, a, b, self.text[a:b], 1)  # the writer, on the record
        if word in ("you", "who", "which"):
            return None  # the reader, or a relative pronoun: no source of its own
        plural = _PRONOUNS[word] > 1
        for j in range(len(self.recent_sources) - 1, -1, -1):
            sidx, c = self.recent_sources[j]
            if idx - sidx > _PRONOUN_REACH:
                break
            if word == "it" and c.kind not in ("secondhand", "named_source"):
                continue
            if word in ("he", "she") and c.count > 1:
                continue
            if plural and c.count == 1 and c.kind != "vague_source":
                continue
            return Cue(c.kind, _PRONOUN_RULE, a, b, self.text[a:b], c.count)
        return Cue("named_source", _PRONOUN_RULE, a, b, self.text[a:b], 2 if plural else 1)

    # -- across sentences -----------------------------------------------------

    def _quotes(self, out: list[list[Cue]], atts: list[list[_Attribution]], para: list[int]) -> None:
        """Give each quotation its speaker, and its sentences the speaker's source."""
        if not self.quotes:
            return
        sents = self.sentences
        starts = [s.start for s in sents]
        for qs, qe in self.quotes:
            body = self.text[qs + 1 : qe - 1]
            if len(body.split()) < _MIN_QUOTE_WORDS:
                continue
            first = bisect_right(starts, qs) - 1
            last = bisect_left(starts, qe) - 1
            if first < 0:
                first = 0
            speaker = self._speaker(qs, qe, first, last, atts, para)
            if speaker is None:
                continue
            for i in range(first, min(last, len(sents) - 1) + 1):
                s = sents[i]
                a, b = max(qs, s.start), min(qe, s.end)
                if a >= b:
                    continue
                out[i].append(Cue("direct_quote", "quote_with_speaker", a, b, self.text[a:b]))
                own_sources = any(c.kind in SOURCE_KINDS and not c.inherited for c in out[i])
                if not own_sources:
                    for c in speaker.sources:
                        out[i].append(replace(c, inherited=True))

    def _speaker(
        self, qs: int, qe: int, first: int, last: int, atts: list[list[_Attribution]], para: list[int]
    ) -> _Attribution | None:
        best = None
        best_gap = _SPEAKER_REACH + 1
        lo = max(0, first - 1)
        hi = min(len(atts) - 1, last + 1)
        for i in range(lo, hi + 1):
            if para[i] != para[first]:
                continue
            row = atts[i]
            # Attributions are in text order: only those near the quote can be its speaker.
            lo_att = bisect_left(row, qs - _SPEAKER_REACH - 200, key=_verb_start)
            for att in row[lo_att:]:
                if att.verb.start > qe + _SPEAKER_REACH:
                    break
                if not att.sources or att.according_to:
                    continue
                v = att.verb
                if v.start >= qe:
                    gap = v.start - qe
                elif v.end <= qs:
                    gap = qs - v.end
                else:
                    continue
                if gap < best_gap:
                    best, best_gap = att, gap
        return best

    def _carry_according_to(self, out: list[list[Cue]], atts: list[list[_Attribution]], para: list[int]) -> None:
        """The rest of a paragraph after 'According to X, ...' still rests on X."""
        carry: list[Cue] | None = None
        carry_para = -1
        for i, s in enumerate(self.sentences):
            own = [c for c in out[i] if c.kind in SOURCE_KINDS and not c.inherited]
            if para[i] != carry_para:
                carry = None
            if own:
                acc = [a for a in atts[i] if a.according_to and a.sources]
                carry = [c for a in acc for c in a.sources] or None
                carry_para = para[i]
                continue
            if carry and s.kind == "sentence" and not any(c.inherited for c in out[i]):
                out[i].extend(replace(c, inherited=True) for c in carry)


# --- helpers -----------------------------------------------------------------


class _After:
    """``pos in _After(x)`` is true for every position at or after ``x``."""

    __slots__ = ("x",)

    def __init__(self, x: int):
        self.x = x

    def __contains__(self, pos: int) -> bool:
        return pos >= self.x


def _start(h: _Hit) -> int:
    return h.start


def _verb_start(att: _Attribution) -> int:
    return att.verb.start


def _index_of(hits: list[_Hit], h: _Hit) -> int:
    """Position of ``h`` in the start-sorted ``hits`` (binary search, then identity)."""
    i = bisect_left(hits, h.start, key=_start)
    while hits[i] is not h:
        i += 1
    return i


#: Short and long names of the same agency, for comparing an outlet with the dateline's.
_OUTLET_ALIASES = {
    "ap": "associated press", "the associated press": "associated press", "afp": "agence france-presse",
    "reuters": "reuters", "upi": "united press international", "dpa": "deutsche presse-agentur",
}  # fmt: skip


def _outlet_key(name: str) -> str:
    name = " ".join(name.lower().split())
    name = _OUTLET_ALIASES.get(name, name)
    return name[4:] if name.startswith("the ") else name


def _tokens_before(text: str, low: str, a: int, b: int) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(text, a, b):
        i, j = m.span()
        out.append((i, j, low[i:j]))
    return out


_tokens_after = _tokens_before


_NAME_STOP = frozenset(
    """The A An This That These Those His Her Their Its Our My Your Some Many Most Other Others One Two
    Three Several Both Each Every Senior Former Top Current Chief Deputy Mr Mrs Ms Dr I Sen Rep Gov Gen
    President Secretary Minister""".split()
)


def _is_name_token(tok: str) -> bool:
    if not tok[0].isupper():
        return False
    if tok in _NAME_STOP or tok.rstrip(".") in _NAME_STOP:
        return False
    low = tok.lower()
    return low not in _WEEKDAYS and low not in _MONTHS


def _has_name(text: str, a: int, b: int, *, skip_first: bool, exclude: Sequence[tuple[int, int]] = ()) -> bool:
    """Does ``text[a:b]`` hold a capitalised name?

    ``skip_first`` ignores a capitalised first word ("A report by ..."); tokens
    inside ``exclude`` spans (lexicon words such as "Critics") do not count.
    """
    for i, m in enumerate(_TOKEN.finditer(text, a, b)):
        if (i == 0 and skip_first) or not _is_name_token(m.group()):
            continue
        if not exclude or not any(x <= m.start() < y for x, y in exclude):
            return True
    return False


def _named_after(text: str, pos: int, end: int) -> bool:
    """A name right after a role word: 'spokesman John Lee', 'adviser, Jane Roe,'."""
    m = re.match(r"[\s,]*([A-Z][\w.'\u2019-]+)", text[pos:end])
    return bool(m) and _is_name_token(m.group(1))


def _name_before_comma(text: str, a: int, head_start: int) -> bool:
    """'John Lee, a spokesman for ...': a name, a comma, then the role."""
    seg = text[a:head_start]
    if "," not in seg:
        return False
    first = seg.split(",", 1)[0]
    toks = first.split()
    return bool(toks) and all(t[0].isupper() for t in toks) and any(_is_name_token(t) for t in toks)


def _count_from(phrase_low: str, head_low: str) -> int:
    """How many sources a phrase names at least: 'two people' -> 2, 'officials' -> 2."""
    for w in phrase_low.split():
        if w in _NUMBER_WORDS:
            return _NUMBER_WORDS[w]
        if w.isascii() and w.isdigit():  # "²" and "①" are digits to str.isdigit, not to int()
            return min(int(w), 10_000)
        if w not in ("senior", "former", "top", "current", "of", "the"):
            break
    return 2 if (head_low.endswith("s") and head_low not in ("press",)) or head_low in _PLURAL_HEADS else 1


_PLURAL_HEADS = frozenset(["people", "police", "staff", "media", "personnel"])
