"""Holders of beliefs stated with an adjective: "Investors are optimistic that ...", "many teachers now worried
about ...", "..., confident that the boom will last", "A lot of people are under the assumption that ...".

A verb of belief ("investors believe") is an attribution of rule ``belief_verb``
(:mod:`credscore.cues.attribution`). The same state of mind is as often stated with a predicate adjective
(:data:`BELIEF_ADJECTIVES`: optimistic, confident, worried, convinced, ...) or with "under the assumption": its
holder is a source of the claim the clause after it states, as the holder of "believes" is (the out-of-domain
gold marks it, kind ``belief``; docs/annotation-guide.md, Part 2: "a verb of saying, writing, reporting,
believing"). Each frame is a named :class:`~credscore.cues.agentless.Frame` (its pattern's group ``adj`` is
the belief word, the cue):

- ``holder_adjective``: a holder, a form of "be" (or "remain", "seem", "feel", ...) or none, adverbs, the
  adjective and its complement ("that", "about", "of", "over"). Without a copula the holder must name people
  (a word of the source lexicon: "with many investors optimistic that"), so that "a confident smile" or "the
  worried look" are not read.
- ``comma_adjective``: ", ADJ that" after a clause: its holder is the sentence's subject ("Jubilant investors
  danced in the streets, confident that the boom will continue").
- ``under_the_noun``: "be under the assumption/impression that".

The holder is typed by the source typer (:func:`credscore.cues.resolution.build_source`) as any other source. An
adjective with no holder ("It is certain that", "I am sure that" outside a quotation: the writer) is no attribution.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicon import word_list, word_pattern
from ..sentences import Sentence
from .agentless import Frame, candidate_words
from .base import Source, Span
from .document import Document, Hit
from .names import is_person_noun
from .resolution import build_source
from .sources import WINDOW, sentence_subject, skip_back, subject_before

__all__ = ["BELIEF_ADJECTIVES", "BELIEF_FRAMES", "find_belief_holders"]

#: Adjectives of a state of mind about a proposition (attribution_nouns.tsv, list ``belief_adjectives``).
BELIEF_ADJECTIVES = word_list("belief_adjectives")
#: Nouns of "under the assumption that" (list ``belief_under_nouns``).
_UNDER_NOUNS = word_list("belief_under_nouns")
#: What follows the adjective: the claim ("that"), or its topic ("about", "over", "of").
_COMPLEMENT = r"(?=\s+(?:that|about|over|of)\b)"
_ADJ = r"(?P<adj>" + word_pattern(BELIEF_ADJECTIVES).pattern + r")"


BELIEF_FRAMES: tuple[Frame, ...] = (
    Frame(
        "comma_adjective",
        re.compile(r",\s+(?:(?:still|also|now|increasingly|quietly|fairly|very|more|less)\s+)?" + _ADJ + r"\s+that\b"),
        "Jubilant investors danced in the streets, confident that the boom would last",
    ),
    Frame(
        "under_the_noun",
        re.compile(
            r"\bunder\s+the\s+(?:(?:mistaken|false|clear|firm)\s+)?(?P<adj>"
            + word_pattern(_UNDER_NOUNS).pattern
            + r")\s+that\b"
        ),
        "A lot of people are under the assumption that it is easy",
    ),
    Frame(
        "holder_adjective",
        re.compile(r"\b" + _ADJ + _COMPLEMENT),
        "Investors were optimistic that rates would fall; many teachers now worried about being sued",
    ),
)

#: Verbs before a belief adjective that make it predicated of the subject ("investors remain confident").
_COPULAS = word_list("belief_copulas")
#: Words that cannot be the holder: the expletive subject ("it is certain that") and clause words.
_NOT_HOLDERS = word_list("not_holders")
#: Modals before the adjective that make the belief hypothetical ("if he can be convinced that", "he wouldn't be
#: worried about re-election"): no one is said to hold it.
_HYPOTHETICAL = word_list("modals") | word_list("hypothetical_negations")
#: Belief adjectives read only before "that": "aware of the risk", "sure of himself" are no belief about a claim.
_ONLY_BEFORE_THAT = word_list("belief_adjectives_before_that")
#: Cue kinds of the source lexicon: a holder without a copula must hold one of them ("many investors").
_SOURCE_KINDS = ("anonymous_source", "vague_source", "named_source", "secondhand")


def _holder_before(doc: Document, s: Sentence, pos: int) -> tuple[int, int] | None:
    """The holder whose belief word starts at ``pos``: the subject before a copula and adverbs ("investors were
    also optimistic"), or a noun phrase of people right before the adjective ("many investors optimistic")."""
    toks = doc.tokens(max(s.start, pos - WINDOW), pos)
    j = skip_back(doc, toks, len(toks) - 1)  # "now", "also", "still", "not"
    copula = False
    while j >= 0 and toks[j][2] in _COPULAS:
        copula = True
        j = skip_back(doc, toks, j - 1)  # "have been", "were also"
    if j < 0 or toks[j][2] in _NOT_HOLDERS:
        return None
    if any(t[2] in _HYPOTHETICAL for t in toks[j + 1 :]):
        return None  # "he can be convinced that", "could not be sure that": a belief supposed, not held
    span = subject_before(doc, s, toks, j)
    if span is None:
        return None
    if not copula and not (
        any(h.entry.kind in _SOURCE_KINDS for h in doc.hits_in(*span))
        or _ends_in_person_noun(doc.low[span[1] - 30 : span[1]])
    ):
        return None  # "a confident smile", "the worried look": an adjective of a thing, not a holder's belief
    return span


def _ends_in_person_noun(text: str) -> bool:
    """Does ``text`` end with a noun for people ("investors", "many teachers")?"""
    words = text.split()
    return bool(words) and is_person_noun(words[-1])


#: First words of a sentence that open an adverbial, not the subject ("Despite ...", "After ...").
_NOT_SUBJECT_STARTS = (
    word_list("prepositions") | word_list("clause_words") | word_list("subordinators") | word_list("not_a_verb_after")
)
#: The most lower-case words after a sentence's capitalised first word that may still be its subject.
_MAX_HEAD_WORDS = 3


def _with_head_noun(doc: Document, s: Sentence, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A sentence subject that stops at its first word ("Jubilant" in "Jubilant investors danced"), extended over
    up to three lower-case words to a noun for people ("Jubilant investors")."""
    if span is None:
        return None
    first = doc.low[span[0] : span[1]].split(None, 1)[0]
    if doc.text[span[1] : span[1] + 1] == "," or first in _NOT_SUBJECT_STARTS:
        return None  # "Disillusioned, Mr. Mitchell resigned, ...", "Despite her hurdles, ...": no subject found
    toks = doc.tokens(span[1], min(s.end, span[1] + 60))
    for tok in toks[:_MAX_HEAD_WORDS]:
        if not tok[2].isalpha():
            break
        if is_person_noun(tok[2]):
            return span[0], tok[1]
    return span


def find_belief_holders(doc: Document, idx: int, s: Sentence, hits: list[Hit]) -> None:
    """Sources of sentence ``idx`` that hold a belief stated with an adjective or "under the assumption"."""
    if doc.det.disabled_rules and "belief_verb" in doc.det.disabled_rules:
        return
    low = doc.low
    words = candidate_words(doc)[1]  # one scan per document, with the agentless words
    i = bisect_left(words, s.start)
    if i == len(words) or words[i] >= s.end:
        return
    row = doc.sources[idx]
    text = doc.text
    seen: set[int] = set()
    for frame in BELIEF_FRAMES:
        for m in frame.pattern.finditer(low, s.start, s.end):
            c = m.start("adj")
            if c in seen or doc.in_quote(c):
                continue  # a quoted speaker's words are the speaker's claim
            seen.add(c)
            if m.group("adj") in _ONLY_BEFORE_THAT and not low.startswith("that", m.end("adj") + 1):
                continue
            if frame.name == "comma_adjective":
                span = _with_head_noun(doc, s, sentence_subject(doc, s))
                if span is not None and span[1] > m.start():
                    span = None
            elif frame.name == "under_the_noun":
                span = _holder_before(doc, s, m.start())
            else:
                span = _holder_before(doc, s, c)
            if span is None:
                continue
            a, b = span
            if any(x.start < b and a < x.end for x in row if not x.inherited):
                continue  # the holder is a source already ("analysts said investors were confident")
            cue = Span(c, m.end("adj"), text[c : m.end("adj")])
            src = build_source(doc, idx, a, b, cue)
            if src is None or _writer(src) or src.rule == "agentless":
                continue
            row.append(src)
            doc.history.append((idx, src))


def _writer(src: Source) -> bool:
    """ "I am confident that" outside quotes: the writer's own view, no attribution."""
    return src.rule == "pronoun_source" and src.text.lower() in ("i", "we") and src.refers_to is None
