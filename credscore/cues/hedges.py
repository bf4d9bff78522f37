"""Hedges: words by which the writer (or a quoted speaker) marks a claim as uncertain.

Each hedge rule is a :class:`~credscore.cues.base.Rule` whose ``check`` says,
for one lexicon hit in its context, whether it is a hedge here ("May" the
month is not; "could not" is not; "as soon as possible" is not). A hedge
inside a quotation, or after "X said (that)", is the speaker's: kind
``quoted_hedge``. In a question the writer asserts nothing, so the writer's
hedges there do not count.
"""

from __future__ import annotations

import re

from ..claims import is_question
from ..sentences import Sentence
from .base import Cue, Rule, register
from .document import Document, Hit

__all__ = ["find_hedges"]

_POLL_NOUN = re.compile(
    r"\s+(?:republican\s+|democratic\s+|general[- ]election\s+)?(?:voters|caucusgoers|electorate)\b"
)


def _always(doc: Document, h: Hit) -> bool:
    return True


def _modal(doc: Document, h: Hit) -> bool:
    """Epistemic may/might/could: not 'May' the month, not 'could not'."""
    surface = doc.text[h.start : h.end]
    e = h.entry
    if surface[0] == "M" and e.phrase.startswith("may"):
        return False  # "May" capitalised is the month (or a name): a sentence rarely opens with the modal
    after = doc.low[h.end : h.end + 12]
    if e.phrase == "could" and re.match(r"(?:\s+not\b|n['\u2019]t|\s+(?:be\s+)?never\b)", after):
        return False
    return True


def _adjective(doc: Document, h: Hit) -> bool:
    """'as soon as possible', 'the most likely', 'likely voters' are idioms, not doubt."""
    if h.entry.phrase not in ("likely", "unlikely", "possible"):
        return True
    before = doc.low[max(0, h.start - 12) : h.start]
    if re.search(r"(?:as|if)\s+$", before) or re.search(r"\bmost\s+$", before):
        return False
    return not _POLL_NOUN.match(doc.low, h.end)


register(
    Rule(
        "hedge_adverb",
        "hedge",
        "adverbs that disclaim the writer's knowledge: reportedly, allegedly, perhaps",
        "hedges",
        _always,
    ),
    Rule("hedge_modal", "hedge", "epistemic may/might/could; not 'May' the month, not 'could not'", "hedges", _modal),
    Rule("hedge_raising", "hedge", "appears to, seems to, it seems", "hedges", _always),
    Rule("hedge_expected", "hedge", "forecasts stated as such: is expected to, is likely to", "hedges", _always),
    Rule("hedge_adjective", "hedge", "alleged, unconfirmed, possible, unclear", "hedges", _adjective),
    Rule(
        "hedge_phrase",
        "hedge",
        "multi-word hedges: it is possible, could not be independently verified",
        "hedges",
        _always,
    ),
    Rule("hedge_verb", "hedge", "inference verbs: suggests, indicates, speculated", "hedges", _always),
    Rule(
        "quoted_hedge",
        "quoted_hedge",
        "a hedge inside a quotation or reported speech: the speaker's, not the writer's",
        "hedges",
    ),
)


def find_hedges(doc: Document, idx: int, s: Sentence, hits: list[Hit]) -> None:
    from .base import RULES

    question = None
    reported = doc.reported_from[idx]
    out = doc.cues[idx]
    for h in hits:
        if h.used or h.entry.kind != "hedge":
            continue
        rule = RULES.get(h.entry.rule)
        if rule is None or rule.check is None or not rule.check(doc, h):
            continue
        surface = doc.text[h.start : h.end]
        if doc.in_quote(h.start) or h.start >= reported:
            # Inside a quotation, or after "X said (that) ...": the speaker's hedge.
            h.used = True
            out.append(Cue("quoted_hedge", h.entry.rule, h.start, h.end, surface))
            continue
        if question is None:
            question = is_question(s.text)
        if question:
            continue
        h.used = True
        out.append(Cue("hedge", h.entry.rule, h.start, h.end, surface))
