"""The steps of credscore, in order, written once.

    text -> repair -> sentences -> cues and sources -> certainty -> sourcing features -> sourcing model
         -> combined with certainty -> SentenceScore

:class:`Pipeline` owns that order. :func:`credscore.score` (and through it batch scoring, reports and
summaries), :func:`credscore.explain`, :func:`credscore.train`, :func:`credscore.evaluate` and the
training of the default model all read text through one, so a model is trained on exactly the features
it is scored with.

A pipeline reads text in one of two ways:

- :meth:`Pipeline.read`: a whole document, as :func:`credscore.score` does: repaired
  (:mod:`credscore.repair`), split into sentences, then read in context (a quotation's speaker, an
  "according to" carried over, a pronoun resolved to an earlier source);
- :meth:`Pipeline.read_rows`: sentences already split, one article's in order (a table of labelled
  sentences, grouped by article): the same reading of the same context, with the rows as the sentences.
  A single row is a document of one sentence: what training without a group column does.

Both give a :class:`Reading`; :meth:`Pipeline.features`, :meth:`Pipeline.certainty` and
:meth:`Pipeline.scores` take it on through the remaining steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .certainty import certainty_matrix, doubt_of
from .cues import Cue, CueDetector, Source, default_detector
from .cues.detector import MAX_HITS_PER_SENTENCE
from .features import FEATURE_NAMES, cue_features
from .model import Model, ModelError, default_model
from .parts import Parts, shipped_parts
from .repair import Repair, repair
from .results import SentenceScore
from .sentences import MAX_SENTENCE_CHARS, Sentence, SentenceKind, split_sentences

__all__ = ["Certainty", "Pipeline", "Reading", "Table", "reading_of_scores"]


@dataclass(frozen=True, slots=True)
class Reading:
    """One document read up to the model's input: its sentences, cues and sources, in the offsets of
    :attr:`text` (the repaired text credscore reads), and what :attr:`repair` needs to map them back."""

    #: The text as read (mojibake decoded, quotation marks made curly by direction).
    text: str
    #: The way back to the caller's offsets.
    repair: Repair
    sentences: list[Sentence]
    cues: list[tuple[Cue, ...]]
    sources: list[tuple[Source, ...]]
    #: Sentences analysed only in part: index -> cue phrases found (MAX_HITS_PER_SENTENCE).
    capped: dict[int, int]
    #: :func:`credscore.certainty.certainty_matrix` of the sentences.
    certainty_matrix: np.ndarray


def reading_of_scores(text: str, scores: Sequence[SentenceScore]) -> Reading:
    """The :class:`Reading` behind scores :func:`credscore.score` returned for ``text`` (their sentences, cues
    and sources, in the caller's offsets): what an explanation recomputes the model's input from."""
    sentences = [Sentence(s.text, s.start, s.end, s.kind) for s in scores]
    cues = [s.cues for s in scores]
    return Reading(
        text, repair(""), sentences, cues, [s.sources for s in scores], {}, certainty_matrix(sentences, cues)
    )


@dataclass(frozen=True, slots=True)
class Certainty:
    """How firmly each sentence asserts its claim, and what :func:`credscore.model.combine` needs of it."""

    #: P(certain) of each sentence (the bundle's certainty model).
    values: list[float]
    #: Severity of each sentence's strongest uncertainty (credscore.certainty.SEVERITY; 1 without one).
    severity: list[float]
    #: Is the sentence's uncertainty a belief attributed to a source?
    belief: list[bool]


@dataclass(frozen=True, slots=True)
class Table:
    """:meth:`Pipeline.table`'s result: a row of every cue feature and the certainty of each row."""

    #: Every cue feature (:data:`credscore.FEATURE_NAMES`) of each row.
    X: np.ndarray
    certainty: Certainty
    #: Were the rows read in context (grouped into articles) or each alone?
    in_context: bool


class Pipeline:
    """The steps of credscore with one model bundle (see the module docstring).

    Parameters
    ----------
    model : Model, optional
        The sourcing model and its parts (:attr:`Model.parts`); default: the shipped model.
    detector : CueDetector, optional
        To switch rules off (``CueDetector(disabled_rules=[...])``). Its source typer and uncertainty tagger
        must be the bundle's: a detector built with other parts is refused. Default: the bundle's own.

    Examples
    --------
    >>> from credscore import Pipeline
    >>> p = Pipeline()
    >>> [s.label for s in p.score("Officials said the plan failed. The plan was announced in 2019.")]
    ['weak', 'unattributed']
    >>> r = p.read_rows(["“The plan failed,” said Mayor Ann Lee.", "“It will not return.”"])
    >>> [x.text for x in r.sources[1]]  # the continued quotation keeps its speaker
    ['Mayor Ann Lee']
    """

    def __init__(self, model: Model | None = None, *, detector: CueDetector | None = None):
        if model is not None and not isinstance(model, Model):
            raise TypeError(
                f"model must be a Model, e.g. credscore.load_model(path); got {type(model).__name__} {model!r:.60}"
            )
        self._model = model
        self._setup(model.parts if model is not None else None, detector)

    @classmethod
    def unfitted(cls, parts: Parts | None = None, *, detector: CueDetector | None = None) -> Pipeline:
        """A pipeline with parts but no sourcing model yet: it reads text and computes features and certainty,
        which is what training needs (:func:`credscore.train`). Default parts: the shipped ones."""
        self = cls.__new__(cls)
        self._model = None
        self._setup(parts if parts is not None else shipped_parts(), detector)
        self._unfitted = True
        return self

    def _setup(self, parts: Parts | None, detector: CueDetector | None) -> None:
        self._unfitted = False
        self._parts = parts
        if detector is not None and not isinstance(detector, CueDetector):
            raise TypeError(f"detector must be a CueDetector, got {type(detector).__name__}")
        self._given_detector = detector
        self._detector: CueDetector | None = None

    @property
    def model(self) -> Model:
        """The sourcing model (the shipped one unless another was given)."""
        if self._model is None:
            if self._unfitted:
                raise ValueError("this pipeline has no sourcing model yet (Pipeline.unfitted); train one first")
            self._model = default_model()
        return self._model

    @property
    def parts(self) -> Parts:
        """The certainty model, source typer and uncertainty tagger this pipeline runs."""
        if self._parts is None:
            self._parts = self.model.parts
        return self._parts

    @property
    def detector(self) -> CueDetector:
        """The cue detector: the one given (checked once against the bundle's parts), or the bundle's own."""
        if self._detector is None:
            det = self._given_detector
            if det is None:
                det = self.model.detector() if not self._unfitted else _detector_for(self.parts)
            elif det.typer is not self.parts.typer or det.tagger is not self.parts.tagger:
                _check_detector(det, self.parts, self._model)
            self._detector = det
        return self._detector

    # -- reading --------------------------------------------------------------------------------------

    def read(self, text: str) -> Reading:
        """Read one document: repair, split into sentences, find cues and sources in context."""
        reading = repair(text)
        return self._analyze(reading, split_sentences(reading.text))

    def read_rows(self, rows: Sequence[str], paragraphs: Sequence[object] | None = None) -> Reading:
        """Read sentences already split, one document's in order, in context (as :meth:`read` reads them).

        The rows are joined into one text, a space apart, or a blank line apart where ``paragraphs`` (one
        paragraph id per row) changes value; that text is repaired as a whole, and each row is one sentence
        of it (its kind, heading, byline, dateline or sentence, as the splitter would call the row alone).
        The reading's :attr:`Reading.sentences` are the rows, stripped of surrounding white space, in order;
        an empty row is an empty sentence.
        """
        if paragraphs is not None and len(paragraphs) != len(rows):
            raise ValueError(f"got {len(rows)} rows but {len(paragraphs)} paragraph ids; pass one per row")
        pieces: list[str] = []
        spans: list[tuple[int, int]] = []
        pos = 0
        for i, row in enumerate(rows):
            if not isinstance(row, str):
                raise TypeError(f"row {i} is {type(row).__name__} {row!r:.40}, not text")
            if i:
                new_paragraph = paragraphs is not None and paragraphs[i] != paragraphs[i - 1]
                gap = "\n\n" if new_paragraph else " "
                pieces.append(gap)
                pos += len(gap)
            body = row.strip()
            lead = len(row) - len(row.lstrip())
            pieces.append(row)
            spans.append((pos + lead, pos + lead + len(body)))
            pos += len(row)
        reading = repair("".join(pieces))
        text = reading.text
        sentences = []
        for a, b in spans:
            ra, rb = reading.reading_offset(a), reading.reading_offset(b)
            sentences.append(Sentence(text[ra:rb], ra, rb, _row_kind(text[ra:rb])))
        return self._analyze(reading, sentences)

    def _analyze(self, reading: Repair, sentences: list[Sentence]) -> Reading:
        if not sentences:
            return Reading(reading.text, reading, [], [], [], {}, np.zeros((0, 0)))
        analysis = self.detector.analyze_document(reading.text, sentences)
        cm = certainty_matrix(sentences, analysis.cues)
        return Reading(reading.text, reading, sentences, analysis.cues, analysis.sources, analysis.capped, cm)

    # -- the steps after reading ----------------------------------------------------------------------

    def features(self, reading: Reading) -> np.ndarray:
        """Every cue feature (:data:`credscore.FEATURE_NAMES`) of each sentence: what a model is trained on."""
        return cue_features(
            reading.sentences, reading.cues, reading.sources, self.detector.lexicon,
            certainty=reading.certainty_matrix,
        )  # fmt: skip

    def model_input(self, reading: Reading) -> object:
        """The sourcing model's input: the cue features it reads, and its hashed n-grams if it has them."""
        return self.model.featurize(
            reading.sentences, reading.cues, reading.sources, self.detector.lexicon,
            certainty=reading.certainty_matrix,
        )  # fmt: skip

    def certainty(self, reading: Reading) -> Certainty:
        """How firmly each sentence asserts its claim (the bundle's certainty model)."""
        values = self.parts.certainty.certainty(reading.sentences, reading.cues, reading.certainty_matrix)
        doubt = [doubt_of(cs) for cs in reading.cues]
        return Certainty(values, [d[0] for d in doubt], [d[1] for d in doubt])

    def scores(self, reading: Reading) -> list[SentenceScore]:
        """The scores of a reading's sentences, in the caller's offsets."""
        if not reading.sentences:
            return []
        model = self.model
        sourced = model.predict_proba(self.model_input(reading))
        sourcing = model.reliability(sourced).tolist()
        cert = self.certainty(reading)
        proba = model.combine(sourced, cert.values, cert.severity, cert.belief)
        rel = model.reliability(proba).tolist()
        labels = model.labels
        best = proba.argmax(axis=1).tolist()
        rows = proba.tolist()
        sentences, cues, sources = reading.sentences, reading.cues, reading.sources
        if reading.repair.changed:
            memo: dict = {}
            back = reading.repair.to_original
            sentences = back(sentences, memo)
            cues = back(cues, memo)  # a list of tuples: each tuple, each record in it
            sources = back(sources, memo)
        return [
            SentenceScore(
                s.text,
                s.start,
                s.end,
                rel[i],
                labels[best[i]],
                cues[i],
                s.kind,
                dict(zip(labels, rows[i], strict=True)),
                sources[i],
                sourcing[i],
                cert.values[i],
                _notes(reading.capped.get(i), s.cut),
            )
            for i, s in enumerate(sentences)
        ]

    def score(self, text: str) -> list[SentenceScore]:
        """:meth:`read` then :meth:`scores` (:func:`credscore.score` checks the input and the length first)."""
        return self.scores(self.read(text))

    def table(
        self, rows: Sequence[str], groups: Sequence[object] | None = None, paragraphs: Sequence[object] | None = None
    ) -> Table:
        """Features and certainty of a table of sentences, one row each, in the rows' order.

        With ``groups`` (an article id per row), the rows of each group are one article's sentences in
        order, read together by :meth:`read_rows` (``paragraphs``: a paragraph id per row, optional): each
        row gets exactly the features :func:`credscore.score` gives that sentence in that article. Without,
        each row is read alone, as a document of one sentence.
        """
        n = len(rows)
        for name, col in (("groups", groups), ("paragraphs", paragraphs)):
            if col is not None and len(col) != n:
                raise ValueError(f"got {n} rows but {len(col)} {name}; pass one per row")
        members: dict[object, list[int]] = {}
        if groups is None:
            for i in range(n):
                members[i] = [i]
        else:
            for i, g in enumerate(groups):
                members.setdefault(g, []).append(i)
        X = np.zeros((n, len(FEATURE_NAMES)))
        values = np.ones(n)
        severity = np.ones(n)
        belief = np.zeros(n, dtype=bool)
        for idx in members.values():
            para = None if paragraphs is None or groups is None else [paragraphs[i] for i in idx]
            reading = self.read_rows([rows[i] for i in idx], para)
            X[idx] = self.features(reading)
            cert = self.certainty(reading)
            values[idx] = cert.values
            severity[idx] = cert.severity
            belief[idx] = cert.belief
        return Table(X, Certainty(values.tolist(), severity.tolist(), belief.tolist()), groups is not None)

    def __repr__(self) -> str:
        model = "unfitted" if self._unfitted else repr(self._model or "default model")
        return f"Pipeline({model})"


def _row_kind(row: str) -> SentenceKind:
    """What the splitter calls a row read alone, when it reads it as one segment; else a sentence."""
    if not row:
        return "sentence"
    segments = split_sentences(row)
    return segments[0].kind if len(segments) == 1 else "sentence"


def _detector_for(parts: Parts) -> CueDetector:
    if parts is shipped_parts() or parts.is_shipped:
        return default_detector()
    return CueDetector(typer=parts.typer, tagger=parts.tagger)


def _check_detector(det: CueDetector, parts: Parts, model: Model | None) -> None:
    """Refuse a detector whose trained parts are not the bundle's (compared by content when not the same)."""
    same_typer = det.typer is parts.typer or (
        det.typer.classes == parts.typer.classes and np.array_equal(det.typer.weights, parts.typer.weights)
    )
    same_tagger = det.tagger is parts.tagger or (
        det.tagger.classes == parts.tagger.classes
        and det.tagger.bias == parts.tagger.bias
        and det.tagger.weights == parts.tagger.weights
    )
    if same_typer and same_tagger:
        return
    which = "source typer" if not same_typer else "uncertainty tagger"
    bundle = f"model {model.metadata.get('name', 'unnamed')!r}" if model is not None else "the pipeline's parts"
    raise ModelError(
        f"the detector's {which} is not the one of {bundle}'s bundle: a model is scored with the parts it was "
        f"trained with. Build the detector from the bundle, CueDetector(disabled_rules=..., "
        f"typer=model.parts.typer, tagger=model.parts.tagger), or pass no detector"
    )


def _notes(capped: int | None, cut: bool = False) -> tuple[str, ...]:
    notes: tuple[str, ...] = ()
    if cut:
        notes += (
            f"cut: the text runs more than {MAX_SENTENCE_CHARS:,} characters here without a sentence boundary, "
            f"so it was cut into pieces of at most {MAX_SENTENCE_CHARS:,} characters (at white space where "
            "possible); this piece is not a sentence the writer ended",
        )
    if capped is not None:
        notes += (
            f"capped: {capped:,} cue phrases in this sentence; only the first {MAX_HITS_PER_SENTENCE} were "
            "analysed (real sentences hold fewer than 20; is this text split into sentences?)",
        )
    return notes
