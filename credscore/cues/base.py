"""The vocabulary of step 2: :class:`Cue`, :class:`Source`, :class:`Span`, and the rule registry.

Every family module (``hedges``, ``attribution``, ``sources``, ``relays``, ...)
registers its rules here with :func:`register`; :data:`RULES` is the table a
user reads (``credscore rules``) and switches rules off by.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "KINDS",
    "RULES",
    "SOURCE_KINDS",
    "SOURCE_TYPES",
    "Cue",
    "Rule",
    "Source",
    "Span",
    "register",
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
#: What a source is (docs/annotation-guide.md, Part 2): named when a reader can tell who is
#: accountable, unnamed when a person or group is described but not identified, vague when no one
#: in particular is meant.
SOURCE_TYPES = ("named_person", "named_organization", "document", "unnamed_person", "unnamed_group", "vague")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the caller's text: ``text[start:end] == span.text``."""

    start: int
    end: int
    text: str


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
        For source cues, how many people the phrase names at least ("two
        people" -> 2, "officials" -> 2, "a senior official" -> 1); else 0.
    inherited : bool
        True when the cue was found in an earlier sentence and carries over to
        this one (the rest of a quotation, the rest of an "according to"
        paragraph); its span then lies outside the sentence.
    category : str or None
        For uncertainty cues (``hedge``, ``quoted_hedge``), one of
        :data:`credscore.UNCERTAINTY_CATEGORIES`; None for every other cue.
    voice : str or None
        For uncertainty cues, whose uncertainty it is: ``"writer"`` (kind ``hedge``),
        ``"speaker"`` (inside a quotation or reported speech) or ``"belief"`` (a
        belief attributed to a source, "officials believe"); None otherwise.
    """

    kind: str
    rule: str
    start: int
    end: int
    text: str
    count: int = 0
    inherited: bool = False
    category: str | None = None
    voice: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the one shape of a cue in every output (``credscore/schema/output.schema.json``)."""
        return {
            "kind": self.kind,
            "rule": self.rule,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "count": self.count,
            "inherited": self.inherited,
            "category": self.category,
            "voice": self.voice,
        }


@dataclass(frozen=True, slots=True)
class Source:
    """Who a claim is attributed to.

    Attributes
    ----------
    text : str
        The source phrase as written (``document[start:end]``); for a pronoun
        or a short description, that mention.
    start, end : int
        Offsets into the text given to :func:`credscore.score`.
    type : str
        One of :data:`SOURCE_TYPES`; a pronoun takes its antecedent's type.
    anonymous : bool
        The reader cannot tell who is accountable.
    count : int or None
        People named or implied ("two officials" -> 2, "Mayor Park" -> 1);
        None when unknown (a bare plural, an organisation, a document).
    anonymity_reason : Span or None
        The stated reason the source is not named ("because she feared
        retaliation"), or None.
    refers_to : Source or None
        The earlier source a pronoun or description resolves to.
    via : Source or None
        The source this one was relayed through (the newspaper that cited
        it); each ``via`` is one hop.
    inherited : bool
        Found in an earlier sentence and carried over to this one (the rest
        of a quotation or of an "according to" paragraph).
    cue : Span or None
        The attribution cue ("said", "according to", "told reporters", "in a
        statement"); None for a source that only carries an anonymity marker.
    rule : str
        The rule that found or typed it (a key of :data:`RULES`).
    outlet : bool
        A news outlet or news report: what it says reaches the reader
        second-hand.
    """

    text: str
    start: int
    end: int
    type: str
    anonymous: bool
    count: int | None = None
    anonymity_reason: Span | None = None
    refers_to: Source | None = field(default=None, repr=False)
    via: Source | None = field(default=None, repr=False)
    inherited: bool = False
    cue: Span | None = None
    rule: str = ""
    outlet: bool = False

    @property
    def kind(self) -> str:
        """The cue kind this source makes (annotation guide, Part 2, last section)."""
        if self.outlet:
            return "secondhand"
        if self.type == "vague":
            return "vague_source"
        if self.anonymous:
            return "anonymous_source"
        return "named_source"

    @property
    def hops(self) -> int:
        """1 for a direct attribution, plus one per relay in ``via``."""
        n, v = 1, self.via
        while v is not None and n < 16:
            n, v = n + 1, v.via
        return n

    def describe(self) -> str:
        """One line for people: "unnamed_group, anonymous, n=3, via 'the newspaper'"."""
        parts = [self.type, "anonymous" if self.anonymous else "on the record"]
        if self.outlet:
            parts.append("news outlet")
        if self.count:
            parts.append(f"n={self.count}")
        if self.refers_to is not None:
            parts.append(f"= {_short(self.refers_to.text, 40)!r}")
        if self.via is not None:
            parts.append(f"via {_short(self.via.text, 40)!r}")
        if self.anonymity_reason is not None:
            parts.append(f"why unnamed: {_short(self.anonymity_reason.text, 50)!r}")
        if self.inherited:
            parts.append("carried over")
        return ", ".join(parts)

    def ref(self) -> dict[str, Any]:
        """A short reference (text and offsets) for JSON output."""
        return {"text": self.text, "start": self.start, "end": self.end}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``refers_to`` and ``via`` as short references."""
        reason = self.anonymity_reason
        cue = self.cue
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "anonymous": self.anonymous,
            "count": self.count,
            "anonymity_reason": None
            if reason is None
            else {"text": reason.text, "start": reason.start, "end": reason.end},
            "refers_to": None if self.refers_to is None else self.refers_to.ref(),
            "via": None if self.via is None else self.via.ref(),
            "inherited": self.inherited,
            "cue": None if cue is None else {"text": cue.text, "start": cue.start, "end": cue.end},
            "rule": self.rule,
            "outlet": self.outlet,
        }


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


@dataclass(frozen=True, slots=True)
class Rule:
    """A named detection rule: what it finds, and the family module it lives in.

    ``find`` is the rule's own function where the rule is a unit of work (an attribution rule's test of
    one lexicon hit, :data:`credscore.cues.attribution.ATTRIBUTION_RULES`); a detector with the rule
    switched off never calls it. None where the rule names cues that a shared step makes: a detector
    stage (:data:`credscore.cues.detector.STAGES`, skipped when all its rules are off) or a sure typing
    rule (:data:`credscore.cues.source_types.TYPE_RULES`, each skipped when all the rules it decides are
    off); there the rule's cues and sources are dropped from the results.
    """

    name: str
    kind: str
    description: str
    family: str = ""
    find: Callable[..., Any] | None = field(default=None, compare=False, repr=False)


#: Every rule by name, in registration order (family modules register theirs on import).
RULES: dict[str, Rule] = {}


def register(*rules: Rule) -> None:
    for r in rules:
        if r.name in RULES:
            raise ValueError(f"rule {r.name!r} is registered twice")
        RULES[r.name] = r
