"""Step 5 of the pipeline: text -> per-sentence reliability scores, with evidence.

:func:`score` is the one call most users need. It runs the whole pipeline
(sentences -> cues -> features -> model) over one document and returns a
:class:`SentenceScore` per sentence, in text order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .certainty import certainty_matrix, default_certainty_model, doubt_of
from .claims import not_a_claim
from .cues import Cue, CueDetector, Source, chain_length, default_detector
from .cues.detector import MAX_HITS_PER_SENTENCE
from .errors import InputError
from .model import Model, default_model
from .repair import repair
from .sentences import MAX_SENTENCE_CHARS, SentenceKind, split_sentences
from .sniff import text_problem

__all__ = ["DEFAULT_MAX_CHARS", "DocumentTooLongError", "SentenceScore", "TruncatedWarning", "score"]

#: Longest text score() accepts by default (characters). Scoring is linear in
#: the length, about 3 MB/s, but one document this long is almost always a
#: mistake (a whole file passed as one article); pass ``max_chars`` to change it.
DEFAULT_MAX_CHARS = 10_000_000


class DocumentTooLongError(InputError):
    """The text is longer than ``max_chars``; the message says how to proceed."""


class TruncatedWarning(UserWarning):
    """score(..., truncate=True) scored only the first ``max_chars`` characters."""


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """The score of one sentence and the evidence behind it.

    Attributes
    ----------
    text : str
        The sentence, exactly ``document[start:end]``.
    start, end : int
        Character offsets into the text given to :func:`score`.
    reliability : float
        In [0, 1]; higher means better backed: the expected value of the class
        (weak 0, unattributed 0.5, strong 1), sourcing and certainty combined
        (a claim is weak when its source is weak *or* it is uncertain; see
        :func:`credscore.model.combine`).
    label : str
        The most probable class: ``"weak"``, ``"unattributed"`` or ``"strong"``.
    sourcing : float
        In [0, 1]: how well the claim is sourced, whoever says it how firmly
        (the same scale as reliability, from the sources alone).
    certainty : float
        In [0, 1]: how firmly the sentence asserts its claim, whoever says it
        (the probability that it holds no uncertainty cue; credscore.certainty).
    cues : tuple of Cue
        The evidence, with offsets into the document (see :class:`credscore.Cue`).
    sources : tuple of Source
        Who the sentence's claims are attributed to: its own sources in text
        order, then those it inherits (see :class:`credscore.Source`).
    kind : str
        ``"sentence"``, or ``"heading"``, ``"byline"``, ``"dateline"``.
    probabilities : dict
        Probability of each class.
    notes : tuple of str
        What the reader of this score should know about how it was made, each starting with its name:
        ``cut:`` the text ran more than :data:`credscore.sentences.MAX_SENTENCE_CHARS` characters without a
        sentence boundary, so this is a piece of it (:attr:`credscore.Sentence.cut`); ``capped:`` the
        sentence held more lexicon phrases than credscore analyses in one sentence
        (:data:`credscore.cues.detector.MAX_HITS_PER_SENTENCE`), so the cues past that point were
        not analysed. Empty for every ordinary sentence.
    """

    text: str
    start: int
    end: int
    reliability: float
    label: str
    cues: tuple[Cue, ...]
    kind: SentenceKind = "sentence"
    probabilities: dict[str, float] = field(default_factory=dict, compare=False)
    sources: tuple[Source, ...] = ()
    sourcing: float = float("nan")
    certainty: float = float("nan")
    notes: tuple[str, ...] = ()

    @property
    def hops(self) -> int:
        """Length of the attribution chain: the most hops of any source (1 + its ``via`` chain), or
        from the cues for a caller-built score without sources (:func:`credscore.cues.chain_length`)."""
        if self.sources:
            return max(x.hops for x in self.sources)
        return chain_length(self.cues)

    @property
    def not_a_claim(self) -> str | None:
        """Why this segment is not a claim (heading, byline, dateline, question,
        boilerplate), or None for a claim; see :mod:`credscore.claims`."""
        return not_a_claim(self.text, self.kind)

    @property
    def is_claim(self) -> bool:
        return self.not_a_claim is None

    @property
    def kinds(self) -> frozenset[str]:
        """The cue kinds present, own and inherited."""
        return frozenset(c.kind for c in self.cues)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (used by ``credscore score --json``)."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "reliability": round(self.reliability, 4),
            "label": self.label,
            "sourcing": round(self.sourcing, 4),
            "certainty": round(self.certainty, 4),
            "probabilities": {k: round(v, 4) for k, v in self.probabilities.items()},
            "notes": list(self.notes),
            "hops": self.hops,
            "claim": self.is_claim,
            "not_a_claim": self.not_a_claim,
            "sources": [x.to_dict() for x in self.sources],
            "cues": [c.to_dict() for c in self.cues],
        }


def limit_text(text: str, max_chars: int | None, truncate: bool) -> tuple[str, str | None]:
    """The length limit, the one place it is applied (score, score_frame, score-file, report).

    Returns the text to score and, when it was cut (``truncate``), a note saying so; raises
    :class:`DocumentTooLongError` for a longer text without ``truncate``.
    """
    if max_chars is not None and (not isinstance(max_chars, int) or isinstance(max_chars, bool)):
        raise TypeError(
            f"max_chars must be a non-negative int or None (no limit), got {type(max_chars).__name__} {max_chars!r}"
        )
    if max_chars is not None and max_chars < 0:
        raise ValueError(
            f"max_chars must be a non-negative int or None (no limit), got {max_chars}; "
            f"pass e.g. max_chars={DEFAULT_MAX_CHARS} (the default)"
        )
    if max_chars is None or len(text) <= max_chars:
        return text, None
    if not truncate:
        raise DocumentTooLongError(
            f"the text is {len(text):,} characters; the limit is {max_chars:,} (max_chars). Split it into "
            "documents, raise the limit with max_chars=..., or pass truncate=True to score the start"
        )
    return text[:max_chars], f"the text is {len(text):,} characters; only the first {max_chars:,} were scored"


def score(
    text: str,
    *,
    model: Model | None = None,
    detector: CueDetector | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    truncate: bool = False,
) -> list[SentenceScore]:
    """Score every sentence of a news text for how well it is sourced.

    Parameters
    ----------
    text : str
        One document (an article, a press release, a post). Paragraphs are
        separated by blank lines.
    model : Model, optional
        Default: the shipped model (:func:`credscore.default_model`); or one from
        :func:`credscore.load_model`.
    detector : CueDetector, optional
        Default: the shipped lexicons with every rule on. Pass
        ``CueDetector(disabled_rules=[...])`` to switch rules off.
    max_chars : int or None, default :data:`DEFAULT_MAX_CHARS`
        Longest text accepted, in characters (0 or more); None for no limit.
    truncate : bool, default False
        For a longer text: score its first ``max_chars`` characters and warn
        (:class:`TruncatedWarning`) instead of raising
        :class:`DocumentTooLongError`. Offsets still point into ``text``.

    Returns
    -------
    list of SentenceScore
        In text order; ``[]`` for empty or white-space text.

    Raises
    ------
    DocumentTooLongError
        The text is longer than ``max_chars`` and ``truncate`` is False.
    InputError
        The text is mostly NUL and other control characters: binary data, not text
        (:func:`credscore.sniff.text_problem`).
    TypeError, ValueError
        ``text`` is not a str, ``model`` not a Model, or ``max_chars`` not None or an int of 0 or more.

    Examples
    --------
    >>> import credscore
    >>> scores = credscore.score("Officials said the plan failed. The plan was announced in 2019.")
    >>> [s.text for s in scores]
    ['Officials said the plan failed.', 'The plan was announced in 2019.']
    >>> scores[0].reliability < scores[1].reliability
    True
    """
    if not isinstance(text, str):
        hint = " decode it first, e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else ""
        raise TypeError(f"score() expects the text as a str, got {type(text).__name__};{hint or ' pass one document'}")
    if model is not None and not isinstance(model, Model):
        raise TypeError(
            f"model must be a Model, e.g. credscore.load_model(path); got {type(model).__name__} {model!r:.60}"
        )
    text, note = limit_text(text, max_chars, truncate)
    if note is not None:
        import warnings

        warnings.warn(note, TruncatedWarning, stacklevel=2)
    problem = text_problem(text)
    if problem is not None:
        raise InputError(problem)
    model = model if model is not None else default_model()
    # Step 0: read mojibake and mixed quotation marks as the writer meant them; report in the caller's offsets.
    reading = repair(text)
    sentences = split_sentences(reading.text)
    if not sentences:
        return []
    det = detector if detector is not None else default_detector()
    analysis = det.analyze_document(reading.text, sentences)
    cues, sources = analysis.cues, analysis.sources
    cm = certainty_matrix(sentences, cues)
    X = model.featurize(sentences, cues, sources, det.lexicon, certainty=cm)
    sourced = model.predict_proba(X)
    sourcing = model.reliability(sourced).tolist()
    certainty = default_certainty_model().certainty(sentences, cues, cm)
    doubt = [doubt_of(cs) for cs in cues]
    proba = model.combine(sourced, certainty, [d[0] for d in doubt], [d[1] for d in doubt])
    rel = model.reliability(proba).tolist()
    labels = model.labels
    best = proba.argmax(axis=1).tolist()
    rows = proba.tolist()
    if reading.changed:
        memo: dict = {}
        sentences = reading.to_original(sentences, memo)
        cues = [reading.to_original(c, memo) for c in cues]
        sources = [reading.to_original(x, memo) for x in sources]
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
            certainty[i],
            _notes(analysis.capped.get(i), s.cut),
        )
        for i, s in enumerate(sentences)
    ]


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
