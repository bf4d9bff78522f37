"""Agentless attribution by a noun or a participle: "There was speculation that ...", "amid fears that ...",
"an election widely expected in May".

A noun of attribution (:data:`AGENTLESS_NOUNS`: speculation, fears, concerns, reports, ...) in a frame that
leaves no room for a holder, or a participle of saying or believing after "widely" (:data:`AGENTLESS_PARTICIPLES`),
is a claim no one in particular is said to hold: a ``vague``, anonymous source of rule ``agentless`` whose span is
the construction (docs/annotation-guide.md, Part 2), as for "it is widely believed". Each frame is a named
:class:`Frame`; a noun with a holder is never vague here: a possessive or a name before it ("Trump's claims
that", "Democratic fears"), or a holder after it ("fears among investors", "concerns by residents", "claims
from the company", "reports in the Times that").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..lexicon import LexiconError, PhraseScan, word_list, word_pattern
from ..sentences import Sentence
from .base import Source, Span
from .document import Document, Hit
from .names import place_words
from .resolution import build_source
from .sources import phrase_after

__all__ = [
    "AGENTLESS_NOUNS",
    "AGENTLESS_PARTICIPLES",
    "FRAMES",
    "Frame",
    "candidate_words",
    "expresses_a_stance",
    "find_agentless",
    "find_noun_holders",
]

#: Nouns of attribution, singular (attribution_nouns.tsv; plurals are matched by :func:`_noun_forms`).
AGENTLESS_NOUNS = word_list("agentless_nouns")
#: Participles of saying or believing that are agentless after "widely" ("widely expected to").
AGENTLESS_PARTICIPLES = word_list("agentless_participles")
#: Verbs of voicing that attribute with a stance noun as object ("expressed concern").
VOICING_VERBS = word_list("voicing_verbs")


def _noun_forms(nouns: frozenset[str]) -> set[str]:
    """The nouns and their plurals ("fear", "fears"; "worry", "worries")."""
    forms = set(nouns)
    for n in nouns:
        forms.add(n[:-1] + "ies" if n.endswith("y") and n[-2] not in "aeiou" else n + "s")
    return forms


def _alternatives(words: set[str] | frozenset[str]) -> str:
    """A regex for any of ``words`` as a whole word, factored as a trie (a flat alternation is tried word by
    word at every position: several times slower)."""
    return word_pattern(words).pattern


_NOUN = r"(?P<noun>" + _alternatives(_noun_forms(AGENTLESS_NOUNS)) + r")"
#: Up to three words between the frame and the noun ("fresh", "a widespread", "growing public"); which words
#: may stand there is checked by :func:`_free_modifiers` (no possessive, no name, no holder).
_MODS = r"(?P<mods>(?:(?!(?:on|in|at|of|amid|with|over|for|after)\s)[a-z][a-z-]*\s+){0,3}?)"
#: What follows the noun in a frame: a clause or topic of the claim ("that", "of", "about", "over"), or a clause
#: without "that" ("amid speculation he will be offered the job", "on speculation it is to receive a bid").
_COMPLEMENT = (
    r"(?=\s+(?:that|of|about|over)\b"
    r"|\s+(?:he|she|it|they|we|[a-z][\w'\u2019-]*\s+[a-z][\w'\u2019-]*)\s+"
    r"(?:will|would|is|was|are|were|had|has|have|could|may|might|should|must)\b)"
)
_BE = r"(?:is|was|are|were|has\s+been|have\s+been|had\s+been|will\s+be|would\s+be|remains?|seems?\s+to\s+be)"
_PREPOSITIONS = r"(?:amid|amidst|on|over|despite|with|following|after|because\s+of|due\s+to|given|fuel(?:l?ed)?|at)"


@dataclass(frozen=True, slots=True)
class Frame:
    """One frame: its name, what it matches (on the lower-cased text; a named group is the attribution word:
    ``noun`` or ``part`` here, ``adj`` in :mod:`credscore.cues.beliefs`) and an example."""

    name: str
    pattern: re.Pattern[str]
    example: str


#: The frames, tried in order; an earlier frame's span wins where two overlap.
FRAMES: tuple[Frame, ...] = (
    Frame(
        "there_be_noun",
        re.compile(r"\bthere\s+" + _BE + r"\s+" + _MODS + _NOUN + r"\b"),
        "There was speculation the pair were rivals; there is a widespread belief that ...",
    ),
    Frame(
        "abuzz_with_noun",
        re.compile(r"\b(?:abuzz|rife|awash|buzzing|alive)\s+with\s+" + _MODS + _NOUN + r"\b"),
        "The market is abuzz with speculation that ...",
    ),
    Frame(
        "preposition_noun",
        re.compile(r"\b" + _PREPOSITIONS + r"\s+" + _MODS + _NOUN + _COMPLEMENT),
        "Shares fell amid fears that ...; the dollar dropped on concerns that ...",
    ),
    Frame(
        "verb_noun",
        re.compile(
            r"\b(?:prompted|prompting|sparked|sparking|fuel(?:l?ed|l?ing)|stoked|stoking|triggered|fanned|quash(?:ed|es)"
            r"|dismiss(?:ed|es)|denied|denies|ended|dampened|fed|feeding)\s+" + _MODS + _NOUN + _COMPLEMENT
        ),
        "The move prompted speculation that other firms would follow; Wenger ended speculation about his future",
    ),
    Frame(
        "noun_grows",
        re.compile(
            r"\b(?P<mods>(?:(?:recent|fresh|new|growing|renewed|intense|the\s+latest)\s+)?)"
            + _NOUN
            + r"(?=\s+(?:is|are|was|were|has\s+been|had\s+been|have\s+been)\s+"
            r"(?:mounting|growing|rife|rampant|intensifying|swirling|widespread|increasing)\b)"
        ),
        "Speculation is mounting that the bid will rise; speculation has been rife over who will play him",
    ),
    Frame(
        "noun_clause",
        re.compile(r"\b(?P<mods>)" + _NOUN + r"(?=\s+(?:in\s+(?:the\s+)?[\w-]+\s+)?that\b)"),
        "Fears that donors buy favours have grown; the perception in Germany that copying is harmless",
    ),
    Frame(
        "widely_participle",
        re.compile(
            r"(?:\b" + _BE.replace("remains?|", "") + r"\s+|\bbeen\s+|\bbe\s+)?"
            r"\b(?P<adv>widely|generally|commonly|broadly|universally)\s+(?P<part>"
            + _alternatives(AGENTLESS_PARTICIPLES)
            + r")(?!\s+by\b)"
        ),
        "an election widely expected in May; the film has been widely acclaimed",
    ),
)

#: Words that may not stand between a frame and its noun: a possessive or a determiner of a holder.
_NOT_MODIFIERS = frozenset(word_list("possessive_pronouns")) | {"my", "our", "your", "whose"}
#: What follows a participle without "be" that makes it passive ("a poll widely expected to", "widely seen as").
_REDUCED_RELATIVE = re.compile(r"\s*(?:[,.;:)]|$)|\s+(?:to|as|for|that|in|on|among|across)\b")
#: Words that end a noun phrase before the noun: prepositions and clause words ("with the former with hopes").
_NOT_INSIDE = word_list("prepositions") | word_list("clause_words") | word_list("determiners")
#: Determiners that may open the noun phrase ("amid the fears that", "there is a belief that").
_OPENERS = word_list("noun_frame_openers")
#: A holder after the noun: "fears among investors", "concerns by residents", "claims from the company".
_HOLDER_AFTER = re.compile(r"\s+(?:among|by|from|within|inside|voiced\s+by|expressed\s+by|raised\s+by)\b")
#: "of" or "in" before a holder: "fears of investors", "reports in the Times" (a capitalised word or a source word).
_OF_IN = re.compile(r"\s+(?:of|in|on\s+the\s+part\s+of)\s+(?:the\s+|many\s+|some\s+)?")
#: A relative clause about the noun ("the concerns that residents raised"): its holder is the clause's subject.
_RELATIVE = re.compile(
    r"\s+that\s+(?:[\w'\u2019-]+\s+){1,3}?(?:raised|voiced|expressed|made|aired|heard|shared|had|have)"
    r"(?!\s+(?:a|an|the|that|it|this|been|to|no|not|[a-z]+ed)\b)\b"
)
#: Cue kinds of the source lexicon: a word of these after "of" names a holder.
_SOURCE_KINDS = ("anonymous_source", "vague_source", "named_source", "secondhand")


def _free_modifiers(doc: Document, a: int, b: int) -> bool:
    """Are the words between frame and noun free of a holder (no possessive, no name, no source word)?"""
    for k, (word, m) in enumerate(zip(doc.low[a:b].split(), re.finditer(r"\S+", doc.text[a:b]), strict=True)):
        if word in _NOT_MODIFIERS or word.endswith(("'s", "\u2019s", "s'")) or m.group()[0].isupper():
            return False
        if (word in _NOT_INSIDE and not (k == 0 and word in _OPENERS)) or word in ("and", "or", "but"):
            return False  # "went with the former with hopes": a new phrase, not a modifier
    return not any(h.entry.kind in _SOURCE_KINDS for h in doc.hits_in(a, b))


def _holder_after(doc: Document, s: Sentence, end: int) -> bool:
    """Does a holder follow the noun ("fears among investors", "fears of investors", "reports in the Times")?"""
    low = doc.low
    if _HOLDER_AFTER.match(low, end, s.end) or _RELATIVE.match(low, end, s.end):
        return True
    m = _OF_IN.match(low, end, s.end)
    if m is None:
        return False
    nxt = m.end()
    if nxt < s.end and doc.text[nxt].isupper():
        if doc.low[m.start() : m.start() + 4] == " in " and _place_at(doc, nxt):
            return False  # "the perception in Germany that": where the view is held, not who holds it
        return True  # "fears of Germany", "reports in the Times"
    return any(h.start == nxt and h.entry.kind in _SOURCE_KINDS for h in doc.hits_in(nxt, s.end))


def _place_at(doc: Document, pos: int) -> bool:
    """Is the capitalised word at ``pos`` a place ("Germany", "Asia"; places.tsv)?"""
    m = _WORD.match(doc.text, pos)
    return m is not None and m.group().rstrip(".") in place_words()


def _span(doc: Document, s: Sentence, frame: Frame, m: re.Match[str]) -> tuple[int, int]:
    """The source span of a frame match: the construction ("There was speculation", "amid fears", "widely
    expected"); for "X is abuzz with N", X with it (X is the crowd that speculates)."""
    a, b = m.start(), m.end()
    if frame.name in ("preposition_noun", "verb_noun", "noun_grows"):
        a = m.start("mods")  # "amid fears" -> "fears": the preposition (or verb) is not the claim's
    elif frame.name == "noun_clause":
        a = m.start("mods")
        if a >= 4 and doc.low[a - 4 : a] == "the ":
            a -= 4
    elif frame.name == "abuzz_with_noun":
        before = re.search(r"([^,;:()]*?)\s+(?:is|was|are|were)\s+$", doc.text[s.start : a])
        if before and before.group(1).strip():
            lead = len(before.group(1)) - len(before.group(1).lstrip())
            a = s.start + before.start(1) + lead
    return a, b


def find_agentless(doc: Document, idx: int, s: Sentence, hits: list[Hit]) -> None:
    """Vague sources of sentence ``idx`` for agentless attribution nouns and participles (rule ``agentless``)."""
    if doc.det.disabled_rules and "agentless" in doc.det.disabled_rules:
        return
    _hearsay(doc, idx, hits)
    words = _candidates(doc, s)
    if not words:
        return
    noun, participle = _frames_that_can_match(doc, s, words)
    row = doc.sources[idx]
    taken = [(x.start, x.end) for x in row if not x.inherited]
    text = doc.text
    for frame in FRAMES:
        if not (participle if frame.name == "widely_participle" else noun):
            continue  # its noun or participle is not in the sentence
        for m in frame.pattern.finditer(doc.low, s.start, s.end):
            if frame.name == "noun_clause" and not _clause_start(doc, s, m.start("mods")):
                continue
            word = "part" if frame.name == "widely_participle" else "noun"
            if doc.in_quote(m.start(word)):
                continue  # a speaker's words: the speaker's own claim, not the writer's vague one
            if word == "part" and m.start() == m.start("adv") and not _REDUCED_RELATIVE.match(doc.low, m.end(), s.end):
                continue  # "experts widely praised the plan": an active verb with its own subject
            if word == "noun":
                if not _free_modifiers(doc, m.start("mods"), m.end("mods")) or _holder_after(doc, s, m.end(word)):
                    continue
            a, b = _span(doc, s, frame, m)
            if word == "noun" and _drop_verb_reading(doc, idx, m.start(word), m.end(word)):
                taken = [(x.start, x.end) for x in row if not x.inherited]
            inside = [
                x for x in row if x.rule == "agentless" and a <= x.start and x.end <= b and b - a > x.end - x.start
            ]
            if inside:
                # "abuzz with rumours": the construction replaces the bare lexicon phrase inside it
                row[:] = [x for x in row if all(x is not y for y in inside)]
                taken = [(x.start, x.end) for x in row if not x.inherited]
            if any(p < b and a < q for p, q in taken):
                continue  # a source already found here ("there are reports", "is widely believed")
            taken.append((a, b))
            cue = Span(m.start(word), m.end(word), text[m.start(word) : m.end(word)])
            row.append(Source(text[a:b], a, b, "vague", True, None, cue=cue, rule="agentless"))


#: Adverbs of hearsay that stand for the whole attribution ("officials have reportedly disappeared").
HEARSAY_ADVERBS = word_list("hearsay_adverbs")
#: Adjectives of hearsay before a noun ("the alleged plot", "a suspected broken ankle", "the reported rivalry").
HEARSAY_ADJECTIVES = word_list("hearsay_adjectives")
_ATTRIBUTIVE_BEFORE = re.compile(r"(?:\b(?:the|a|an|his|her|its|their|this|that|these|those|two|three|several)\s+)$")
_NOUN_AFTER = re.compile(r"\s+(?!(?:that|by|to|in|on|at|as|for|with|from|of|and|or|but)\b)[a-z][a-z-]+\b")


def _attributive(doc: Document, h: Hit) -> bool:
    """Is the adjective of hearsay at ``h`` before a noun, after a determiner ("the alleged plot", "a suspected
    broken ankle")? Not a verb ("officials alleged that") nor a predicate ("the plot was alleged by")."""
    return bool(
        _ATTRIBUTIVE_BEFORE.search(doc.low, max(0, h.start - 12), h.start) and _NOUN_AFTER.match(doc.low, h.end)
    )


def _hearsay(doc: Document, idx: int, hits: list[Hit]) -> None:
    """An adverb of hearsay in the writer's voice, or an adjective of hearsay before a noun, in a sentence with no
    source of its own, is the agentless attribution itself: "Two senior officials have reportedly disappeared",
    "a candidate suspended for allegedly suggesting ...", "the alleged plot" rest on no one in particular
    (``vague``; the guide's span for an agentless attribution is its construction, here the word). Inside a
    quotation it is the speaker's; beside a source the sentence already names, that source carries the claim."""
    for h in hits:
        if not doc.in_quote(h.start) and (
            h.entry.phrase in HEARSAY_ADVERBS or (h.entry.phrase in HEARSAY_ADJECTIVES and _attributive(doc, h))
        ):
            break
    else:
        return  # most sentences: no word of hearsay
    row = doc.sources[idx]
    if any(not x.inherited for x in row):
        return
    cue = Span(h.start, h.end, doc.text[h.start : h.end])
    row.append(Source(cue.text, h.start, h.end, "vague", True, None, cue=cue, rule="agentless"))


#: The nouns of :data:`AGENTLESS_NOUNS` with their plurals (the words every frame but ``widely_participle`` needs).
_NOUN_FORMS = frozenset(_noun_forms(AGENTLESS_NOUNS))
#: Any word a frame turns on, to skip the sentences without one (most).
_AGENTLESS_WORDS = _NOUN_FORMS | AGENTLESS_PARTICIPLES | VOICING_VERBS
#: The words the belief frames turn on (credscore.cues.beliefs: its BELIEF_ADJECTIVES and the nouns of "under the
#: assumption"), read here so that one scan per document finds both families' words.
_BELIEF_WORDS = word_list("belief_adjectives") | word_list("belief_under_nouns")
#: Both families' words in one scan. Every word is a run of word characters (checked below), so each match is
#: the whole word at its start and one scan of the union finds each family's words as a scan of its own would.
_CANDIDATE = PhraseScan.of(dict.fromkeys(_AGENTLESS_WORDS | _BELIEF_WORDS, ()))
_WORD_CHARS = re.compile(r"\w+")
if not all(_WORD_CHARS.fullmatch(w) for w in _AGENTLESS_WORDS | _BELIEF_WORDS) or _CANDIDATE.lead != 1:
    raise LexiconError("the agentless and belief words must be single words of letters (attribution_nouns.tsv)")


def candidate_words(doc: Document) -> tuple[list[int], list[int]]:
    """Where the words of agentless attribution and of belief adjectives start in the document (its
    ``agentless_words`` and ``belief_words``), found on first use in one scan of both."""
    if doc.agentless_words is not None and doc.belief_words is not None:
        return doc.agentless_words, doc.belief_words
    agentless: list[int] = []
    belief: list[int] = []
    low = doc.low
    # each match takes in the character before its word, so it starts where the word starts in doc.low
    for m in _CANDIDATE.pattern.finditer(_CANDIDATE.scanned(low)):
        i = m.start()
        word = low[i : m.end() - 1]
        if word in _AGENTLESS_WORDS:
            agentless.append(i)
        if word in _BELIEF_WORDS:
            belief.append(i)
    doc.agentless_words = agentless
    doc.belief_words = belief
    return agentless, belief


def _candidates(doc: Document, s: Sentence) -> list[str]:
    """The words of :data:`AGENTLESS_NOUNS` (and plurals), :data:`AGENTLESS_PARTICIPLES` and :data:`VOICING_VERBS`
    in sentence ``s``."""
    starts = candidate_words(doc)[0]
    i = bisect_left(starts, s.start)
    j = bisect_left(starts, s.end, i)
    if i == j:
        return []
    low = doc.low
    return [m.group() for p in starts[i:j] if (m := _WORD_CHARS.match(low, p))]


def _frames_that_can_match(doc: Document, s: Sentence, words: list[str]) -> tuple[bool, bool]:
    """(may a frame of a noun match in ``s``, may ``widely_participle``), for a sentence with the candidate
    words ``words`` (:func:`_candidates`).

    A frame's noun or participle is a whole word in the sentence, so one of the sentence's candidate words;
    except when the sentence ends inside a word (a piece cut from an over-long sentence), where the frame,
    reading the sentence alone, may take a word's first letters for a noun: then both are tried.
    """
    if _WORD_CHARS.match(doc.low, s.end):
        return True, True
    return any(w in _NOUN_FORMS for w in words), any(w in AGENTLESS_PARTICIPLES for w in words)


def _drop_verb_reading(doc: Document, idx: int, a: int, b: int) -> bool:
    """The frame shows the word at ``a``-``b`` is a noun: drop an attribution that read it as a verb ("amid
    growing fears that ..." is no attribution to "amid growing")."""
    atts = doc.attributions[idx]
    wrong = [att for att in atts if att.verb.start == a and att.verb.end == b]
    for att in wrong:
        gone = {id(x) for x in att.sources}
        atts.remove(att)
        doc.cues[idx][:] = [c for c in doc.cues[idx] if c is not att.verb]
        doc.sources[idx][:] = [x for x in doc.sources[idx] if id(x) not in gone]
        doc.history = [(j, x) for j, x in doc.history if id(x) not in gone]
    return bool(wrong)


#: Tokens after which a noun opens its clause ("Fears that ...", "But concerns that ...", "and the suspicion that").
_CLAUSE_OPENERS = word_list("clause_openers")
#: Words that end a capitalised possessor walked back from an attribution noun.
_NOT_IN_POSSESSOR = _CLAUSE_OPENERS | _NOT_INSIDE
#: Verbs of rejecting or raising a claim: their object is the claim, not its holder ("refuted suggestions that").
_CLAIM_VERBS = re.compile(
    r"(?:refuted|rejected|dismissed|denied|downplayed|played\s+down|fuelled|fueled|sparked|raised|addressed|"
    r"quashed|dispelled|rebuffed|brushed\s+aside|heightened|eased|allayed)\s+(?:the\s+)?$"
)


def _clause_start(doc: Document, s: Sentence, a: int) -> bool:
    """Does the noun phrase at ``a`` open a clause or stand as the object of a verb of rejecting or raising?"""
    start = a - 4 if a >= 4 and doc.low[a - 4 : a] == "the " else a
    before = doc.low[s.start : start].rstrip()
    if not before or before[-1] in "\"\u201c\u2018'(":
        return True
    if doc.low[a:].split(None, 1)[0].endswith("ing") and start == a:
        return False  # ", warning that ...", "and hoping that ...": a participle, not a noun
    if before.split()[-1] in _CLAUSE_OPENERS:
        return True
    return _CLAIM_VERBS.search(doc.low, max(s.start, start - 30), start) is not None


#: A possessor holding the claim the noun names: "Trump's claims that", "the agency's fears that", "his
#: allegations that" (a possessive pronoun is resolved like the pronoun). The clause after the noun says it is a
#: claim held, not a thing owned ("his report on the budget" is left alone).
_POSSESSOR = re.compile(
    r"(?P<poss>['\u2019]s|\b(?:his|her|their|its))\s+" + _MODS + _NOUN + r"(?=\s+(?:that|about|over)\b)"
)
#: An agent after the noun: "criticism by the coach", "fears among investors that", "claims from the company".
_AGENT = re.compile(r"\b" + _NOUN + r"\s+(?:by|from|among)\s+(?=\S)")


def find_noun_holders(doc: Document, idx: int, s: Sentence, hits: list[Hit]) -> None:
    """Sources of sentence ``idx`` that hold a claim a noun of attribution names: the possessor ("Trump's
    claims that", "his allegations that") or the agent after it ("criticism by the coach", "fears among
    investors that"). The counterpart of :func:`find_agentless`: a noun with a holder is the holder's claim."""
    words = _candidates(doc, s)
    if not words or not _frames_that_can_match(doc, s, words)[0]:
        return  # both patterns read a noun of attribution
    row = doc.sources[idx]
    text = doc.text
    found: list[tuple[int, int, Span]] = []
    for m in _POSSESSOR.finditer(doc.low, s.start, s.end):
        if not _free_modifiers(doc, m.start("mods"), m.end("mods")):
            continue
        cue = Span(m.start("noun"), m.end("noun"), text[m.start("noun") : m.end("noun")])
        if m.group("poss")[0] in "'\u2019":
            b = m.start("poss")
            found.append((_possessor_start(doc, s, b), b, cue))
        else:
            found.append((m.start("poss"), m.end("poss"), cue))
    for m in _AGENT.finditer(doc.low, s.start, s.end):
        span = phrase_after(doc, s, m.end() - 1)
        if span is not None:
            found.append((*span, Span(m.start("noun"), m.end("noun"), text[m.start("noun") : m.end("noun")])))
    for a, b, cue in found:
        if a >= b or doc.in_quote(cue.start) or any(x.start < b and a < x.end for x in row if not x.inherited):
            continue
        src = build_source(doc, idx, a, b, cue)
        if src is None or (src.type == "vague" and src.rule == "agentless"):
            continue
        row.append(src)
        doc.history.append((idx, src))


#: Determiners that open a possessor ("the Bush administration's claims").
_POSSESSOR_OPENERS = word_list("possessor_openers")


def _possessor_start(doc: Document, s: Sentence, b: int) -> int:
    """Where the possessor ending at ``b`` (before "'s") starts: back to a determiner within four words ("the Bush
    administration"), else over the capitalised words ("Acme Corp", "Trump"), else the one word ("the agency")."""
    toks = doc.tokens(max(s.start, b - 80), min(s.end, b + 2))  # the last token is the possessor with its "'s"
    if not toks:
        return b
    words = toks[-5:]
    for k in range(len(words) - 2, -1, -1):
        tok = words[k][2]
        if tok in _POSSESSOR_OPENERS:
            if all(_WORD.fullmatch(w[2]) for w in words[k + 1 :]):
                return words[k][0]
            break
        if not _WORD.fullmatch(tok):
            break
    k = len(toks) - 1
    while (
        k > 0
        and doc.text[toks[k - 1][0]].isupper()
        and _WORD.fullmatch(toks[k - 1][2])
        and toks[k - 1][2] not in _NOT_IN_POSSESSOR
    ):
        k -= 1
    return toks[k][0]


_WORD = re.compile(r"[\w.-]+(?:['\u2019]s)?")


#: The stance nouns that make a verb of voicing an attribution ("expressed concern that").
_STANCE_OBJECT = re.compile(r"\s+(?:[a-z-]+\s+){0,2}?" + _alternatives(_noun_forms(word_list("stance_object_nouns"))))


def expresses_a_stance(doc: Document, h: Hit) -> bool:
    """Is the verb of voicing at ``h`` followed by a stance noun ("expressed concern that", "expressed their
    support for", "expressed grave doubts")? Then it attributes that stance to its subject."""
    return h.entry.phrase in VOICING_VERBS and _STANCE_OBJECT.match(doc.low, h.end) is not None
