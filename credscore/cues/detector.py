"""The cue detector: the stages of step 2, in the order of :data:`STAGES`.

One pass over the document finds every lexicon phrase (a trie regex); then,
sentence by sentence, attributions and their sources, relays, anonymity
markers and hedges; then, across sentences, quotation speakers and the
carry-over of "according to" paragraphs. Finally every source becomes the cue
of its kind, so the cue kinds always agree with the sources.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter

from ..lexicon import Lexicon, default_lexicon
from ..sentences import Sentence, split_sentences
from . import (
    agentless,
    anonymity,
    attribution,
    beliefs,
    carryover,
    first_person,
    headlines,
    quotes,
    relays,
    source_types,
    uncertainty,
)
from .base import RULES, Cue, Source
from .document import Document, Hit, find_publisher
from .span_ranker import SpanRanker, default_ranker
from .typer import SourceTyper, default_typer

__all__ = [
    "DOCUMENT_STAGES",
    "MAX_HITS_PER_SENTENCE",
    "STAGES",
    "Analysis",
    "CueDetector",
    "Stage",
    "chain_length",
    "detect_cues",
]

#: The most lexicon phrases analysed in one sentence. Real sentences hold far fewer (at most 18 in the
#: 34,224 PolNeAR sentences); a "sentence" of thousands ("said said said ...", a page of links run
#: together) is analysed up to here and marked (:attr:`Document.capped`), so that no input can make
#: the work per sentence grow without bound.
MAX_HITS_PER_SENTENCE = 100

SentenceStage = Callable[[Document, int, Sentence, list[Hit]], None]


@dataclass(frozen=True, slots=True)
class Analysis:
    """What :meth:`CueDetector.analyze_document` found in a document, sentence by sentence."""

    cues: list[tuple[Cue, ...]]
    sources: list[tuple[Source, ...]]
    #: Sentences analysed only in part: index -> number of lexicon phrases in it.
    capped: dict[int, int]


def _relays_through_outlets(doc: Document, idx: int, s: Sentence, hits: list[Hit]) -> None:
    for att in doc.attributions[idx]:
        relays.relay_through_outlet(doc, idx, s, att, hits)


def _seen_by(doc: Document, idx: int, s: Sentence, hits: list[Hit]) -> None:
    row = doc.sources[idx]
    for k, src in enumerate(row):
        if src.type == "document" and src.via is None:
            new = relays.seen_by(doc, idx, src)
            if new is not src:
                row[k] = new
                relays._swap(doc, idx, src, new)
                for att in doc.attributions[idx]:
                    att.sources[:] = [new if x is src else x for x in att.sources]


def _reported_speech(doc: Document, idx: int, s: Sentence, hits: list[Hit]) -> None:
    """Text after a sourced verb of saying ("Smith said she might reconsider") is the speaker's."""
    said = [
        a.verb.end
        for a in doc.attributions[idx]
        if a.sources and not a.according_to and a.verb.rule in ("speech_verb", "stance_verb")
    ]
    if said:
        doc.reported_from[idx] = min(said)


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the detector's work: its name, its function and the rules (keys of :data:`RULES`) whose
    cues and sources it makes. A detector whose ``disabled_rules`` hold all of ``rules`` does not run it."""

    name: str
    run: Callable[..., None]
    rules: frozenset[str]
    #: Does it also run on a sentence with no lexicon phrase ("Oil rose, with predictions of ...")?
    without_hits: bool = False

    def runs_with(self, disabled: frozenset[str]) -> bool:
        """Does this stage run in a detector with these rules switched off?"""
        return not self.rules <= disabled


def _stage(name: str, run: Callable[..., None], *rules: str, without_hits: bool = False) -> Stage:
    return Stage(name, run, frozenset(rules), without_hits)


_UNCERTAINTY_RULES = ("epistemic_cue", "doxastic_cue", "condition_cue", "investigation_cue")
#: The per-sentence stages, in order. Each reads the document and appends to its results. Every source
#: a stage finds is typed by the rules of :data:`credscore.cues.source_types.TYPE_RULES` (each switched off
#: on its own); "reported speech" only tells the uncertainty stage whose hedges follow "X said".
STAGES: tuple[Stage, ...] = (
    _stage("attributions", attribution.find_attributions, *attribution.ATTRIBUTION_RULES),
    _stage("relays through outlets", _relays_through_outlets, "relay"),
    _stage("relays", relays.find_relays, "relay"),
    _stage("documents seen by an outlet", _seen_by, "relay"),
    _stage("anonymity", anonymity.find_anonymity, "agentless", "anonymity_marker", "anonymity_reason"),
    _stage("agentless attribution nouns", agentless.find_agentless, "agentless", without_hits=True),
    _stage(
        "holders of attribution nouns", agentless.find_noun_holders, *attribution.ATTRIBUTION_RULES, without_hits=True
    ),
    _stage(
        "holders of belief adjectives", beliefs.find_belief_holders, *attribution.ATTRIBUTION_RULES, without_hits=True
    ),
    _stage("speaker labels", headlines.find_speaker_labels, "speaker_label", without_hits=True),
    _stage("reported speech", _reported_speech, *_UNCERTAINTY_RULES),
    _stage("uncertainty", uncertainty.find_uncertainty, *_UNCERTAINTY_RULES),
)
#: The document stages that run after every sentence's stages.
DOCUMENT_STAGES: tuple[Stage, ...] = (
    _stage("quotation speakers", quotes.assign_speakers, "quote_with_speaker"),
    _stage("first person in quotations", first_person.find_first_person_holders, "pronoun_source"),
    _stage("according-to carry-over", carryover.carry_according_to, "according_to"),
)


class CueDetector:
    """Find sourcing cues and sources in a document.

    Parameters
    ----------
    lexicon : Lexicon, optional
        Defaults to the shipped lexicons (:meth:`Lexicon.load`).
    disabled_rules : iterable of str, optional
        Names of rules (keys of :data:`RULES`) switched off: they do not run where a rule is a unit of work
        (a stage of :data:`STAGES` whose rules are all off, a sure typing rule of
        :data:`~credscore.cues.source_types.TYPE_RULES`, an attribution rule's test of its lexicon hits), and
        their cues and sources are dropped where a shared step makes them (docs/lexicons.md).
    span_ranker : bool or SpanRanker, default=True
        Let a learned ranker review the source span of a verb of saying the rules found when it carries no mark
        of a source (:mod:`credscore.cues.span_ranker`; the rule ``span_ranker``): True for the shipped ranker,
        or a :class:`~credscore.cues.span_ranker.SpanRanker`. False (or ``disabled_rules=["span_ranker"]``)
        keeps the rules' span, as before the ranker existed.
    typer, tagger : optional
        The trained source typer and uncertainty tagger; default: the shipped ones. A model bundle
        carries its own (:attr:`credscore.Model.parts`), and :class:`credscore.Pipeline` builds the
        detector from them.

    Examples
    --------
    >>> det = CueDetector()
    >>> text = "The letter was sent in May, a newspaper reported, citing unnamed sources."
    >>> [(c.kind, c.text) for c in det.detect(text)[0]]  # doctest: +NORMALIZE_WHITESPACE
    [('secondhand', 'a newspaper'), ('attribution', 'reported'), ('secondhand', 'citing'),
     ('anonymous_source', 'unnamed'), ('anonymous_source', 'unnamed sources')]
    """

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        *,
        disabled_rules: Iterable[str] = (),
        typer: SourceTyper | None = None,
        tagger: uncertainty.UncertaintyTagger | None = None,
        span_ranker: bool | SpanRanker = True,
    ):
        self.lexicon = lexicon if lexicon is not None else default_lexicon()
        self._typer = typer
        self._tagger = tagger
        if isinstance(disabled_rules, str):
            disabled_rules = [disabled_rules]  # one rule name, not its letters
        disabled = frozenset(disabled_rules)
        unknown = sorted(disabled.difference(RULES))
        if unknown:
            raise ValueError(f"unknown rule(s) {unknown}; known rules are: {', '.join(sorted(RULES))}")
        self.disabled_rules = disabled
        #: Does the learned span ranker choose the source spans of verbs of saying (span_ranker.py)?
        self.ranks_spans = bool(span_ranker) and "span_ranker" not in disabled
        self._span_ranker = span_ranker if isinstance(span_ranker, SpanRanker) else None
        #: The sure typing rules this detector runs, in order (those of TYPE_RULES not switched off).
        self.type_rules = tuple(r for r in source_types.TYPE_RULES if r.runs_with(disabled))
        for e in self.lexicon.entries:
            rule = RULES.get(e.rule)
            if rule is None:
                raise ValueError(
                    f"{e.origin}: rule {e.rule!r} is not a known rule; use one of {', '.join(sorted(RULES))}"
                )
            if rule.kind != e.kind:
                raise ValueError(f"{e.origin}: rule {e.rule!r} makes {rule.kind!r} cues, but the entry says {e.kind!r}")

    @property
    def tagger(self) -> uncertainty.UncertaintyTagger:
        """The classifier that decides which uncertainty candidates are cues (:mod:`credscore.cues.uncertainty`):
        the one given, or the shipped one."""
        return self._tagger if self._tagger is not None else uncertainty.default_tagger()

    @property
    def span_ranker(self) -> SpanRanker:
        """The ranker that chooses a verb's source span when :attr:`ranks_spans`: the one given, or the shipped
        one (:mod:`credscore.cues.span_ranker`)."""
        if self._span_ranker is None:
            self._span_ranker = default_ranker()
        return self._span_ranker

    @property
    def typer(self) -> SourceTyper:
        """The classifier that types a source phrase no typing rule decides (:mod:`credscore.cues.typer`): the one
        given, or the shipped one."""
        return self._typer if self._typer is not None else default_typer()

    def detect(self, text: str, sentences: Sequence[Sentence] | None = None) -> list[tuple[Cue, ...]]:
        """Cues of each sentence of ``text`` (see :meth:`analyze` for the sources too)."""
        return self.analyze(text, sentences)[0]

    def analyze(
        self, text: str, sentences: Sequence[Sentence] | None = None
    ) -> tuple[list[tuple[Cue, ...]], list[tuple[Source, ...]]]:
        """Cues and sources of each sentence of ``text`` (:meth:`analyze_document` without the notes)."""
        a = self.analyze_document(text, sentences)
        return a.cues, a.sources

    def analyze_document(self, text: str, sentences: Sequence[Sentence] | None = None) -> Analysis:
        """Cues, sources and what was left unanalysed, for each sentence of ``text``.

        Parameters
        ----------
        text : str
            The document.
        sentences : sequence of Sentence, optional
            Its sentences (default: :func:`split_sentences`), in order, with
            offsets into ``text``.

        Returns
        -------
        Analysis
            ``cues``: one tuple per sentence, ordered by position (inherited cues last); ``sources``: one
            tuple per sentence, its own sources in text order, then those it inherits; ``capped``: the
            sentences analysed only in part (index -> cue phrases found; see :data:`MAX_HITS_PER_SENTENCE`).
        """
        if not isinstance(text, str):
            raise TypeError(f"detect() expects the text as a str, got {type(text).__name__}")
        if sentences is None:
            sentences = split_sentences(text)
        if not sentences:
            return Analysis([], [], {})
        prev = 0
        for s in sentences:
            if not (prev <= s.start <= s.end <= len(text)) or text[s.start : s.end] != s.text:
                raise ValueError(
                    f"sentence {s.text[:40]!r} at {s.start}-{s.end} is not a span of this text (or is out of order); "
                    "pass the sentences split_sentences(text) returned for this very text"
                )
            prev = s.end
        disabled = self.disabled_rules
        stages = [st for st in STAGES if not disabled or st.runs_with(disabled)]
        hitless = [st for st in stages if st.without_hits]
        doc = Document(self, text, sentences)
        quotes.find_quotations(doc)
        find_publisher(doc)
        for i, s in enumerate(sentences):
            if s.kind in ("byline", "dateline"):
                continue
            hits = doc.sentence_hits(s)
            if not hits:
                for stage in hitless:  # "Oil rose, with predictions of ...", "after criticism by Matt Lee"
                    stage.run(doc, i, s, hits)
                continue
            if len(hits) > MAX_HITS_PER_SENTENCE:
                doc.capped[i] = len(hits)
                hits = hits[:MAX_HITS_PER_SENTENCE]
            for stage in stages:
                stage.run(doc, i, s, hits)
        for dstage in DOCUMENT_STAGES:
            if not disabled or dstage.runs_with(disabled):
                dstage.run(doc)
        cues, sources = self._results(doc)
        return Analysis(cues, sources, doc.capped)

    def _results(self, doc: Document) -> tuple[list[tuple[Cue, ...]], list[tuple[Source, ...]]]:
        disabled = self.disabled_rules
        all_cues: list[tuple[Cue, ...]] = []
        all_sources: list[tuple[Source, ...]] = []
        for i in range(len(doc.sentences)):
            srcs = doc.sources[i]
            if not srcs and not doc.cues[i]:
                all_cues.append(())  # most sentences of a long text: nothing to sort
                all_sources.append(())
                continue
            if disabled:
                srcs = [x for x in srcs if x.rule not in disabled]
            srcs = _unique(sorted(srcs, key=_source_order))
            cues = [c for c in doc.cues[i] if c.rule not in disabled] if disabled else list(doc.cues[i])
            cues.extend(source_cue(x) for x in srcs)
            cues.sort(key=_cue_order)
            all_cues.append(tuple(cues))
            all_sources.append(tuple(srcs))
        return all_cues, all_sources


def _unique(srcs: list[Source]) -> list[Source]:
    """One source per span and inheritance ('Anderson said, adding ...' names Anderson once)."""
    seen: set[tuple[int, int, bool]] = set()
    out = []
    for x in srcs:
        key = (x.start, x.end, x.inherited)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def source_cue(src: Source) -> Cue:
    """The cue a source makes (its kind follows its type, anonymity and outlet)."""
    count = src.count if src.count is not None else (2 if src.type in ("unnamed_group", "vague") else 0)
    return Cue(src.kind, src.rule, src.start, src.end, src.text, count, src.inherited)


#: Sources and cues in text order, inherited ones last: (inherited, start, end).
_source_order = _cue_order = attrgetter("inherited", "start", "end")


_DEFAULT_DETECTOR: CueDetector | None = None


def default_detector() -> CueDetector:
    global _DEFAULT_DETECTOR
    if _DEFAULT_DETECTOR is None:
        _DEFAULT_DETECTOR = CueDetector()
    return _DEFAULT_DETECTOR


def detect_cues(text: str, sentences: Sequence[Sentence] | None = None) -> list[tuple[Cue, ...]]:
    """:meth:`CueDetector.detect` with the shipped lexicons and all rules on."""
    return default_detector().detect(text, sentences)


def chain_length(cues: Iterable[Cue]) -> int:
    """Number of hops between the writer and the original source.

    0 without attribution; 1 for a direct attribution ("officials said");
    each relay adds one: "the agency said, citing a newspaper report that
    quoted unnamed officials" is 3.
    """
    attributed = False
    relays_n = 0
    for c in cues:
        if c.rule == "relay":
            relays_n += 1
        elif c.kind in ("named_source", "anonymous_source", "vague_source", "secondhand") or c.kind == "attribution":
            attributed = True
    return (1 if attributed or relays_n else 0) + relays_n


def inherited(src: Source) -> Source:
    return replace(src, inherited=True)
