"""What :func:`credscore.score` returns for each sentence: :class:`SentenceScore`, its score and evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .claims import not_a_claim
from .cues import Cue, Source, chain_length
from .sentences import SentenceKind

__all__ = ["SentenceScore"]


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
