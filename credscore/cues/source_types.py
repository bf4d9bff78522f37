"""Source types: named person or organisation, document, unnamed person or group, vague.

A source phrase is typed in two steps (annotation guide, Part 2):

1. **Sure rules**, in the order of :data:`TYPE_RULES`: an agentless
   construction is vague; a phrase that carries an anonymity marker ("who asked
   not to be named") is an unnamed person or group; a news outlet or report is
   an outlet; a spokesperson of a named organisation speaks for it.
2. Otherwise a **trained classifier** (:mod:`credscore.cues.typer`: multinomial logistic regression over
   the features of :func:`~credscore.cues.typer.span_features`, weights in
   ``credscore/data/source_typer.json``, trained on the train part of the
   source gold set by ``python -m tools.train_source_typer``) decides from the
   words: capitals inside the phrase and not only at its start, a title before
   a name, lexicon classes (roles, groups, organisations, documents, outlets),
   determiners and numbers, the head noun and its number, relative clauses.

Pronouns and descriptions that point back ("he", "the official", "one of
them") are resolved first, by :mod:`credscore.cues.resolution`.

Why this module is long (~600 lines): it is one ordered table of sure rules (:data:`TYPE_RULES`), each
a short function with the examples that motivated it, and the order matters (the first rule that
decides wins); read together they are the annotation guide's Part 2 in code. The classifier's features
and weights are in :mod:`credscore.cues.typer`, name lists in :mod:`credscore.cues.names`.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..lexicon import word_list, word_table
from .base import Rule, Span, register
from .document import Document, is_publisher
from .names import (
    PERSON_TITLES,
    claim_nouns,
    common_words,
    first_names,
    is_person_noun,
    known_org_names,
    lower_org_words,
    member_nouns,
    org_openers,
    org_words,
    person_nouns,
    person_surnames,
    place_words,
    run_words,
    tail_first_name,
)
from .text import (
    CLAUSE_WORDS,
    DETERMINERS,
    EXACT_NUMBERS,
    NUMBER_WORDS,
    PRONOUNS,
    UPPER,
    count_from,
    is_name_token,
)
from .typer import (
    DOCUMENT_NAME_HEADS,
    FEATURES,
    HEAD_STOPS,
    SPOKESPERSON_WORDS,
    SourceTyper,
    TypeDecision,
    Words,
    span_features,
    words_of,
)
from .typer import (
    FEATURE_INDEX as _F,
)

__all__ = [
    "FEATURES",
    "TYPE_RULES",
    "SourceTyper",
    "TypeDecision",
    "TypeRule",
    "mention_evidence",
    "name_evidence",
    "organisation_in_focus",
    "span_features",
    "type_span",
]

register(
    Rule("agentless", "vague_source", "attribution without a source: 'it is widely reported'", "source_types"),
    Rule(
        "anonymity_marker", "anonymous_source", "says the source is hidden: 'on condition of anonymity'", "source_types"
    ),
    Rule(
        "anonymity_reason",
        "anonymity_reason",
        "why the source is not named: 'because she feared retaliation'",
        "source_types",
    ),
    Rule("media_outlet", "secondhand", "another news outlet as source: 'the newspaper reported'", "source_types"),
    Rule("news_report", "secondhand", "a news report as source: 'according to media reports'", "source_types"),
    Rule(
        "spokesperson",
        "named_source",
        "a spokesperson of a named organisation: 'a spokeswoman for Delta'",
        "source_types",
    ),
    Rule("named_entity", "named_source", "a named person or organisation: 'Foreign Minister Lee said'", "source_types"),
    Rule("definite_role", "named_source", "a title that picks out one person: 'the governor said'", "source_types"),
    Rule("organization", "named_source", "a definite organisation on the record: 'the ministry said'", "source_types"),
    Rule(
        "named_document",
        "named_source",
        "an identified document: 'a Quinnipiac poll', 'the CBO report'",
        "source_types",
    ),
    Rule("public_record", "named_source", "a public record as source: 'court records'", "source_types"),
    Rule("unnamed_document", "anonymous_source", "an unidentified document: 'a letter', 'documents'", "source_types"),
    Rule("unnamed_role", "anonymous_source", "a person or group by role, no name: 'a senior official'", "source_types"),
    Rule(
        "unnamed_person",
        "anonymous_source",
        "one unnamed individual: 'a man who lives nearby', 'someone'",
        "source_types",
    ),
    Rule(
        "generic_group",
        "anonymous_source",
        "a group described, not identified: 'bakery owners', 'residents'",
        "source_types",
    ),
    Rule(
        "vague_group", "vague_source", "no one in particular: 'critics', 'some analysts', 'many people'", "source_types"
    ),
)

# --- the sure rules ---------------------------------------------------------------------


#: A group named as the holder of a claim noun ("concerns by residents", "fears of investors"): not agentless.
_GROUP_AGENT = re.compile(r"\b(?:by|from|of)\s+(?:the\s+)?[a-z]+(?:s|ers|ists)\b")


def _rule_agentless(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    if w.classes.get("agentless") and not any(is_name_token(r[2]) for r in w.raw[1:]):
        return TypeDecision("vague", True, None, "agentless")
    if not w.raw[-1][2][:1].isupper() and _verb_group(w.lows):
        # "is expected", "have been told", "widely tipped", "reported": a passive with no one in it is the
        # agentless construction itself (the guide's span for it), not a group.
        return TypeDecision("vague", True, None, "agentless")
    head = w.lows[w.head]
    if (
        (head in claim_nouns() or (head.endswith("s") and head[:-1] in claim_nouns()))
        and not any(is_name_token(r[2]) for r in w.raw[1:])
        and not _GROUP_AGENT.search(doc.low, a, b)
    ):
        # "There was speculation", "concerns", "the perception in Germany": a claim no one in particular holds.
        return TypeDecision("vague", True, None, "agentless")
    return None


#: Words of a verb group besides adverbs in -ly: copulas, auxiliaries, a floating quantifier ("are all
#: believed"), the expletive of an inverted question ("is it expected"), "stands accused".
_VERB_GROUP_WORDS = (
    word_list("copulas")
    | word_list("auxiliaries")
    | word_list("floating_quantifiers")
    | frozenset(["not", "also", "now", "still", "it", "there", "stand", "stands", "stood"])
)
#: Adverbs of hearsay that stand for the whole attribution ("a plan that is supposedly an alternative").
_HEARSAY_ADVERBS = word_list("hearsay_adverbs")


def _verb_group(words: list[str]) -> bool:
    """Is a phrase only a passive verb group: auxiliaries and adverbs, then a past participle ('are being
    told', 'is widely expected', 'are all believed', 'reported'), or one adverb of hearsay ('supposedly')?"""
    last = words[-1]
    if len(words) == 1 and last in _HEARSAY_ADVERBS:
        return True
    if not (last.endswith(("ed", "en")) or last in _IRREGULAR_PARTICIPLES) or len(last) < 4:
        return False
    return all(x in _VERB_GROUP_WORDS or (x.endswith("ly") and len(x) > 3) for x in words[:-1])


_IRREGULAR_PARTICIPLES = word_list("irregular_participles")


def _rule_marker(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'an aide who asked not to be named', 'two people familiar with the talks', 'unidentified sources'."""
    markers = w.classes.get("anonymity_marker")
    if not markers:
        return None
    words = w.lows
    head = words[w.head]
    # A name next to the role word wins ("spokesman John Lee, who asked ..." is named).
    if any(is_name_token(r[2]) and not any(p <= r[0] < q for p, q in markers) for r in w.raw[1 : w.head + 1]):
        return None
    if w.classes.get("vague_group") and not w.classes.get("unnamed_role"):
        return None  # "critics familiar with ..." stays what the model says
    cnt, _exact = count_from(words, head)
    plural = cnt > 1
    numbered = any(wd in NUMBER_WORDS or wd.isdigit() for wd in words[:2])
    return TypeDecision(
        "unnamed_group" if plural else "unnamed_person", True, cnt if (numbered or not plural) else None, "unnamed_role"
    )


_COLLECTIVE_OUTLETS = word_list("collective_outlets")


def _rule_outlet(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """A news outlet or a news report is the head of the phrase ("the Daehan Ilbo newspaper", "Reuters")."""
    outlets = w.classes.get("media_outlet", []) + w.classes.get("news_report", [])
    if not outlets:
        if w.head > 0 and w.raw[w.head][2] in _COLLECTIVE_OUTLETS and w.lows[0] in DETERMINERS:
            # "the Hong Kong press": the outlets of a place as a whole (a bare "press" is no lexicon entry: a verb too)
            return TypeDecision("unnamed_group", True, None, "media_outlet", outlet=True)
        return None
    hs = w.raw[w.head][0]
    he = w.raw[w.head][1]
    if not any(p <= hs < q or p < he <= q for p, q in outlets):
        return None  # "The Post's editor Steven Ginsberg": the outlet is not the head
    text = doc.text
    if doc.publisher and any(is_publisher(doc, h) for h in doc.hits_in(a, b) if h.entry.rule == "media_outlet"):
        # "Reuters reported" in a Reuters story: the outlet's own, first-hand reporting.
        return TypeDecision("named_organization", False, None, "named_entity")
    report = any(p <= hs < q or p < he <= q for p, q in w.classes.get("news_report", []))
    if (
        report
        and not w.classes.get("media_outlet")
        and not any(
            doc.low[p:q].split()[0] in ("media", "news", "press", "local", "newspaper")
            for p, q in w.classes.get("news_report", [])
        )
    ):
        return None  # "a report by the Congressional Budget Office": a document, not the news
    head_word = w.raw[w.head][2]
    if head_word in _COLLECTIVE_OUTLETS and not any(text[p].isupper() for p, _ in w.classes.get("media_outlet", [])):
        # "the US media", "the Hong Kong press": outlets as a whole; the capitals say where they are, not which
        return TypeDecision("unnamed_group", True, None, "media_outlet", outlet=True)
    named = any(text[p].isupper() for p, _ in w.classes.get("media_outlet", [])) or any(
        is_name_token(r[2]) for r in w.raw[1:]
    )
    if report:
        return TypeDecision("document", not named, None, "news_report", outlet=True)
    first = doc.low[w.raw[0][0] : w.raw[0][1]]
    if first in ("a", "an", "one", "another") and not any(
        text[p].isupper() for p, _ in w.classes.get("media_outlet", [])
    ):
        named = False  # "a South Korean newspaper": the capitals say where it is from, not which one it is
    definite = first in ("the", "this", "that")
    if named or (definite and _named_outlet_before(doc, a)):
        # "the newspaper" after "the Daehan Ilbo reported": one outlet the reader can tell from context.
        return TypeDecision("named_organization", False, None, "media_outlet", outlet=True)
    return TypeDecision("unnamed_group", True, None, "media_outlet", outlet=True)


def _named_outlet_before(doc: Document, a: int) -> bool:
    """Does the article name a news outlet before ``a`` ("the Daehan Ilbo newspaper", "Reuters")? Then "the
    newspaper" is that one; otherwise ("a South Korean newspaper ... the newspaper") the reader cannot tell
    which outlet it is. A name is a capitalised word of the outlet's phrase other than its first word
    (which may open a sentence) or the first word itself when it is not "the"."""
    text = doc.text
    for h in doc.hits[: bisect_left(doc.hit_starts, a)]:
        if h.entry.rule != "media_outlet":
            continue
        words = text[h.start : h.end].split()
        if (words[0][0].isupper() and words[0].lower() not in ("the", "a", "an", "this")) or any(
            wd[0].isupper() for wd in words[1:]
        ):
            return True
    return False


#: How far back (characters) a spokesperson with no organisation looks for the organisation in focus.
_FOCUS_REACH = 600
_ORG_MENTION = re.compile(r"\b(?:[A-Z][\w&'’.-]*\s+){0,4}[A-Z][\w&'’.-]*")


def organisation_in_focus(doc: Document, a: int) -> bool:
    """Is there exactly one named organisation the article spoke of just before ``a`` (within
    :data:`_FOCUS_REACH`)? Candidates: earlier named organisation sources, capitalised names that end in an
    organisation word ("Delta Air Lines", "Acme Corp.") or that the lexicon knows as one; a shorter name
    inside a longer one ("Delta" in "Delta Air Lines") is the same organisation. With two or more, a
    spokesperson's employer cannot be told, and the spokesperson stays unnamed (fail toward doubt)."""
    lo = max(0, a - _FOCUS_REACH)
    text = doc.text
    names = [src.text for _i, src in doc.history if src.type == "named_organization" and not src.outlet
             and lo <= src.start < a]  # fmt: skip
    before = doc.hits[bisect_left(doc.hit_starts, lo) : bisect_left(doc.hit_starts, a)]
    names += [text[h.start : h.end] for h in before if h.entry.rule == "organization" and text[h.start].isupper()]
    orgs = org_words()
    for m in _ORG_MENTION.finditer(text, lo, a):
        words = m.group().split()
        if len(words) >= 2 and re.sub(r"['’]s$", "", words[-1]).rstrip(".,") in orgs:
            names.append(m.group())
    starts = doc.sentence_starts
    for s in starts[bisect_left(starts, lo) : bisect_left(starts, a)]:
        # The subject of an earlier sentence that names a body ("Infosys opened an office.", "NATO moved.")
        m = _ORG_MENTION.match(text, s)
        while m and m.end() <= a and m.group() not in ("The", "A", "An"):
            d = type_span(doc, m.start(), m.end())
            if d is not None and d.type == "named_organization" and not d.outlet:
                names.append(m.group())
            joined = _AND.match(text, m.end())  # "Veltrix and Orvane opened ...": two subjects
            m = _ORG_MENTION.match(text, joined.end()) if joined else None
    return len(_distinct_names(names)) == 1


_AND = re.compile(r",?\s+(?:and|&)\s+(?:the\s+)?")


def _distinct_names(names: list[str]) -> list[frozenset[str]]:
    """Names as sets of their capitalised words ("The" and possessives dropped), a name whose words all stand
    in another's left out."""
    sets = {
        frozenset(w for w in (re.sub(r"['’]s$", "", x).rstrip(".,") for x in n.split()) if w[:1].isupper()) - {"The"}
        for n in names
    }
    sets.discard(frozenset())
    return [x for x in sets if not any(x < y for y in sets)]


def _rule_spokesperson(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'a spokeswoman for Delta Air Lines', 'an Acme spokesman', 'the company's spokesman'."""
    words = w.lows
    if words[w.head] not in SPOKESPERSON_WORDS:
        return None
    h = w.head
    raw = w.raw
    # A personal name with the title makes it a named person (the model decides those).
    if any(is_name_token(raw[i][2]) for i in range(h + 1, len(raw))) and not any(
        words[i] in ("for", "of", "at", "with") for i in range(h + 1, min(h + 2, len(raw)))
    ):
        return None
    org_after = any(
        words[i] in ("for", "of", "at", "with")
        and i + 1 < len(raw)
        and (
            raw[i + 1][2][0].isupper() or (words[i + 1] in ("the",) and i + 2 < len(raw) and raw[i + 2][2][0].isupper())
        )
        for i in range(h + 1, len(raw) - 1)
    )
    org_before = any(
        raw[i][2][0].isupper() and not (i == 0 and raw[0][0] == _sentence_start_of(doc, a)) for i in range(0, h)
    ) or any(words[i].endswith(("'s", "\u2019s")) for i in range(0, h))
    org_lex = any(p > raw[h][0] or q <= raw[h][0] for p, q in w.classes.get("organization", ()))
    if org_after or org_before or org_lex:
        return TypeDecision("named_organization", False, None, "spokesperson")
    if words[0] in ("a", "an", "the") and h == len(raw) - 1 and organisation_in_focus(doc, a):
        # "Delta Air Lines canceled 300 flights. ..., a spokeswoman said.": she speaks for the airline in focus.
        return TypeDecision("named_organization", False, None, "spokesperson")
    return None


def _sentence_start_of(doc: Document, pos: int) -> int:
    starts = doc.sentence_starts
    i = bisect_right(starts, pos) - 1
    return starts[i] if i >= 0 else 0


_SOMEONE = word_list("someone")
_ANYONE = word_list("anyone")
#: Endings of nouns for people ("organizer", "resident", "activist", "spokeswoman").
_PERSON_SUFFIXES = tuple(word_table("person_suffixes"))
_GROUP_HEADS = word_list("group_heads")
_SHARE = re.compile(
    r"^(?:about |nearly |almost |roughly |more than |less than |over |some |just |only )?"
    r"(?:\d[\d.,]*\s*(?:%|percent|per cent)|(?:one|two|three|four|a) in (?:\w+)|half|a third|"
    r"two-thirds|a quarter|a majority|the majority|a plurality|most respondents)(?!\w)"
)


def _rule_indefinite(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'a senior official', 'an Israeli official', 'a top adviser for President Obama', 'one BLM activist':
    an indefinite role is one unnamed person, whatever names its modifiers carry; an appositive name
    ('a spokesman, John Lee') or a personal name in the head position is left to the classifier."""
    raw = w.raw
    low = doc.low
    first = low[raw[0][0] : raw[0][1]]
    if first not in ("a", "an", "one", "another") or len(raw) < 2:
        return None
    h = w.head
    head = low[raw[h][0] : raw[h][1]]
    if raw[h][2][0].isupper() or h == 0:
        return None
    if "," in doc.text[a:b] and any(is_name_token(r[2]) for r in raw[h + 1 :]):
        return None  # "a spokesman, John Lee,": named
    if head in SPOKESPERSON_WORDS:
        return None  # the spokesperson rule decides
    if any(
        low[r[0] : r[1]] in ("newspaper", "report", "poll", "survey", "study", "letter", "memo") for r in raw[: h + 1]
    ):
        return None  # outlets and documents have rules and features of their own
    if w.classes.get("named_document") or w.classes.get("public_record") or w.classes.get("media_outlet"):
        if any(
            p <= raw[h][0] < q
            for c in ("named_document", "public_record", "media_outlet", "news_report")
            for p, q in w.classes.get(c, ())
        ):
            return None
    if head in _GROUP_HEADS:
        return TypeDecision("unnamed_group", True, None, "generic_group")
    if head in ORGANISATION_KINDS and not is_person_noun(head) and not any(r[2][:1].isupper() for r in raw[h + 1 :]):
        # "an energy market watchdog", "a London-based charity": a body described, not identified
        return TypeDecision("unnamed_group", True, None, "generic_group")
    if head.endswith("s") and not head.endswith("ss") and first != "one":
        return None
    if not (
        w.classes.get("unnamed_role")
        or w.classes.get("definite_role")
        or head.endswith(_PERSON_SUFFIXES)
        or _plural_is_people(doc, head)
    ):
        return None  # "a large body of work", "a daylong simulation": not a person
    rule = "unnamed_role" if w.classes.get("unnamed_role") else "unnamed_person"
    return TypeDecision("unnamed_person", True, 1, rule)


def _plural_is_people(doc: Document, head: str) -> bool:
    """Is ``head`` one of a group of people the lexicon knows only in the plural ("a witness": "witnesses",
    "a neighbor": "neighbors")? Then it is one such person."""
    for plural in (head + "s", head + "es"):
        if any(e.rule == "generic_group" for e in doc.lexicon.lookup(plural)):
            return True
    return False


_ACRONYM = re.compile(r"^[A-Z][A-Z&.-]*[A-Z]\.?$|^[\w-]+\.(?:com|org|net|gov)$")
#: The plural of an acronym for people ("MPs", "MEPs", "CEOs", "NGOs"): several of a kind, none named.
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")


def _rule_place_or_acronym(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'Israel said', 'Texas sued', 'the FBI', 'AFL-CIO', 'GunBroker.com': a named body, not a person."""
    raw = w.raw
    low = doc.low
    rest = raw[1:] if low[raw[0][0] : raw[0][1]] == "the" and len(raw) > 1 else raw
    if len(rest) != 1:
        name = " ".join(x[2] for x in rest).removesuffix("'s").removesuffix("\u2019s")
        if name in known_org_names():
            return TypeDecision("named_organization", False, None, "named_entity")  # "Deutsche Boerse"
        if (
            len(rest) <= 3
            and all(x[2][:1].isupper() for x in rest)
            and rest[0][2].lower() not in first_names()
            and not w.classes
            and (rest[-1][2].rstrip(".,") in place_words() or name_evidence(doc, name) == "organization")
        ):
            return TypeDecision("named_organization", False, None, "named_entity")  # "South Korea, which"
        if rest is not raw and _no_ones_name(w, rest):
            return TypeDecision("named_organization", False, None, "named_entity")  # "the Red Cross"
        comma = doc.text.find(",", a, b)
        return _ampersand_name(doc, w, comma if comma >= 0 else b)
    word = rest[0][2].rstrip(".,")
    if _PLURAL_ACRONYM.match(word):
        return TypeDecision("unnamed_group", True, None, "generic_group")  # "MPs have warned", "NGOs say"
    if word.isupper() and len(word) >= 3 and (word.title() in person_surnames(doc) or word.lower() in first_names()):
        # "BENENSON: Well, ...", "CLINTON said": a name in capitals that the article writes elsewhere as a
        # person's ("Joel Benenson"), or a first name ("HILLARY"): no acronym
        return TypeDecision("named_person", False, 1, "named_entity")
    if word in place_words() or (_ACRONYM.match(word) and word not in ("I", "A") and len(word) >= 2):
        return TypeDecision("named_organization", False, None, "named_entity")
    if (
        rest is not raw
        and word[:1].isupper()
        and word.isalpha()
        and not w.classes
        and word.lower() not in PERSON_TITLES
        and word.lower() not in member_nouns()
        and word.lower() not in person_nouns()  # "the Chancellor", "the Pope": a role, one known person
        and not word.lower().endswith(_ADJECTIVE_ENDINGS)
    ):
        return TypeDecision("named_organization", False, None, "named_entity")  # "the Academy": no one's name
    return None


#: Endings of adjectives of parties and nations ("the Democratic", "the British"): no organisation's name.
_ADJECTIVE_ENDINGS = ("ic", "an", "ish", "ese", "ian", "al")


def _no_ones_name(w: Words, rest: list) -> bool:
    """Do the capitalised words after "the" name a body and not a person: "the Red Cross", "the White House",
    "the Los Angeles Lakers"? A person's name takes no article; a title or a role does ("the Rev. Al Roe",
    "the Prime Minister", "the Foreign Secretary"), and so does a party's or a nation's people ("the Young
    Republicans")."""
    if not 2 <= len(rest) <= 4 or w.classes or not all(x[2][:1].isupper() for x in rest):
        return False
    words = [x[2].rstrip(".,").lower().removesuffix("'s").removesuffix("\u2019s") for x in rest]
    people = person_nouns()
    names = first_names()
    last = words[-1]
    return not (
        any(x in names or x in PERSON_TITLES or x in people for x in words)  # "the Foreign Secretary Jack Roe"
        or last.removesuffix("s") in people
        or last.removesuffix("s") in member_nouns()
        or last.endswith(_ADJECTIVE_ENDINGS)
    )


def _ampersand_name(doc: Document, w: Words, head_end: int) -> TypeDecision | None:
    """'Marsh & McLennan', 'Procter & Gamble': capitalised words joined by an ampersand name a firm, in the
    phrase's head (before ``head_end``, its first comma: "Ann Roe, a consultant for Booz-Allen & Hamilton" is
    the consultant)."""
    raw = w.raw
    text = doc.text
    for (_s1, e1, w1), (s2, _e2, w2) in itertools.pairwise(raw):
        if s2 >= head_end:
            break
        if w1[:1].isupper() and w2[:1].isupper() and text[e1:s2].strip() == "&":
            return TypeDecision("named_organization", False, None, "named_entity")
    return None


_INNER_CAPITAL = re.compile(r"^[A-Za-z][a-z]+[A-Z][A-Za-z]*$")
_CAPITAL_RUN = re.compile(rf"[{UPPER}][\w'’-]*(?:\s+[{UPPER}][\w'’.-]*)+")


def _capital_runs(doc: Document) -> list[list[str]]:
    """The article's runs of two or more capitalised words, each as its words without trailing punctuation or
    possessive; one regex pass per document, on first use."""
    if doc.capital_runs is None:
        doc.capital_runs = [
            [w.rstrip(".,").removesuffix("'s").removesuffix("’s").rstrip(".,") for w in run]
            for m in _CAPITAL_RUN.finditer(doc.text)
            for run in run_words(m.group())
        ]
    return doc.capital_runs


def _in_personal_name(doc: Document, word: str) -> bool:
    """Is ``word`` part of a personal name elsewhere in the article: a run of capitalised words with no
    organisation word, no place ("Amara Okafor", "Tang Jiaxuan"), or a long run ending in a first name and a
    surname ("Israeli Prime Minister Benjamin Netanyahu")? A word before the run's first name modifies the
    name and is not in it ("Labour MP John Smith")."""
    orgs = org_words()
    places = place_words()
    names = first_names()
    for words in _capital_runs(doc):
        if word not in words:
            continue
        if len(words) > 4:
            j = tail_first_name(words, names)
            if j is not None and word in words[j:]:
                return True
            continue
        if any(w in orgs or w in places or w.lower() in PRONOUNS or w.lower() in DETERMINERS for w in words):
            continue
        j = next((i for i, w in enumerate(words[:-1]) if w.lower() in names), None)
        if j is not None and words.index(word) < j:
            continue
        return True
    return False


#: Attribution cues an organisation makes and a person rarely does ("said in a statement", "announced").
_ORG_CUE = re.compile(r"\s*(?:\w+\s+)?(?:said\s+in\s+a\s+(?:statement|filing|release)|announced|disclosed\s+in)\b")
#: The same cue opening the clause: "In a statement, Acme said", "In a filing on Monday, Acme disclosed".
_ORG_CUE_BEFORE = re.compile(
    r"\b(?:[Ii]n|[Tt]hrough)\s+an?\s+(?:\w+\s+)?(?:statement|filing|release)(?:\s+[\w-]+){0,3},\s+$"
)


def _rule_single_name(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'Acme said in a statement', 'YouGov found', 'Verizon ... Verizon Communications': one capitalised word is
    a named organisation when the article gives evidence of it and none of a person: a capital inside the
    word, the same word with an organisation word elsewhere ("Acme Corp."), or an organisation's cue right
    after it ("said in a statement", "announced"). A surname alone ("Trump said", "said Lee") is common in
    news, so without such evidence the word is left to the person rule and the classifier."""
    raw = w.raw
    if len(raw) != 1:
        return None
    word = raw[0][2].rstrip(".,")
    if not (word[:1].isupper() and word.isalpha()) or len(word) < 2 or w.classes:
        return None
    low = word.lower()
    if low in PRONOUNS or low in first_names() or word in person_surnames(doc):
        return None
    said = name_evidence(doc, word)
    if said == "organization":
        return TypeDecision("named_organization", False, None, "named_entity")  # "Poughkeepsie said it is"
    if _in_personal_name(doc, word):
        return None
    if (
        _INNER_CAPITAL.match(word)
        or _with_org_word(doc, word)
        # an organisation's cue, unless the article writes the word as a person's ("Smith said he")
        or (said is None and (_ORG_CUE.match(doc.text, b) or _ORG_CUE_BEFORE.search(doc.text, max(0, a - 60), a)))
    ):
        return TypeDecision("named_organization", False, None, "named_entity")
    if said is None and word in known_org_names():
        # The article writes it as an organisation's, or says nothing and the news writes it so ("Gazprom").
        return TypeDecision("named_organization", False, None, "named_entity")
    if said is None and word.endswith("s") and raw[0][0] == _sentence_start_of(doc, a) and is_person_noun(low):
        # "Investors said", "Proponents argue": a plural noun for people the lexicon does not list as a role,
        # bare (no one in particular), capitalised only because it opens the sentence: vague, as PolNeAR
        # and the guide read a bare plural with nothing to identify the group
        return TypeDecision("vague", True, None, "vague_group")
    return None


#: After a mention, what the article writes of an organisation and rarely of a person: "Sony, which ...",
#: "Acme said its ...", "Yukos has said it intends ...", "Sony's shares".
_ORG_AFTER = re.compile(
    r"(?:,\s+which\b"
    r"|(?:\s+(?:has|had|have|also|earlier|later|then|previously))*\s+(?:said|says|announced|added|stated|confirmed|"
    r"denied|insisted|argued|warned|explained|reported)\s+(?:(?:on|last|this)\s+\w+\s+)?(?:that\s+)?"
    r"(?:its\b|it\b(?!['\u2019]s|\s+(?:is|was|were|would\s+be|will\s+be|has\s+been|had\s+been|seems|seemed)\b))"
    r"|['\u2019]s\s+(?:shares|stock|profits?|revenues?|sales|earnings|customers|employees|headquarters|"
    r"subsidiary|products?|spokes(?:man|woman|person))\b"
    r"|\s+(?:boss|chief\s+executive|shares|shareholders|stock\s+price)\b)"
)
#: Before a mention: an article or a preposition, then the name modifies an organisation's person or paper
#: ("a Sony representative", "the Acme statement").
_ORG_BEFORE = re.compile(r"(?:\b(?:[Aa]n?|[Tt]he)\s+)$")
#: Before a mention, what only an organisation has: "shares in Sony", "a stake in Yukos".
_ORG_OWNED = re.compile(r"(?:\b(?:shares|stake|stakes|investment|investors)\s+in\s+)$")
_ORG_MODIFIED = re.compile(
    r"\s+(?:spokes(?:man|woman|person)|representative|statement|filing|subsidiary|unit|shareholders|executive|"
    r"employees?|staff|headquarters|shares)\b"
)
#: After a mention, what the article writes of a person: "Lee, who ...", "Lee said he ...", "Lee's wife".
_PERSON_AFTER = re.compile(
    r"(?:,\s+(?:who|whose)\b"
    r"|(?:\s+(?:has|had|have|also|earlier|later|then|previously))*\s+(?:said|says|added|told\s+\w+|insisted|"
    r"argued|warned|explained)\s+(?:(?:on|last|this)\s+\w+\s+)?(?:that\s+)?(?:he|she|his|her)\b"
    r"|['\u2019]s\s+(?:wife|husband|son|daughter|mother|father|brother|sister|family|lawyer|attorney)\b)"
)
_BEFORE_REACH = 12
#: The lower-case word right before a mention ("the charity Oxfam", "carmaker Toyota").
_WORD_BEFORE = re.compile(r"\b([a-z]+) $")
#: Lower-case nouns for a kind of organisation that news writes right before its name (see roles.tsv).
ORGANISATION_KINDS = word_list("organisation_kinds") | word_list("company_agent_nouns")


def mention_evidence(text: str, a: int, b: int) -> str | None:
    """What the words around the name ``text[a:b]`` say it is: "organization" ("Sony, which", "Acme said its
    profits", "Yukos has said it intends", "a Sony spokesman", "the charity Oxfam"), "person" ("Lee, who", "Lee
    said he", "Lee's wife") or None."""
    if _ORG_AFTER.match(text, b):
        return "organization"
    if _PERSON_AFTER.match(text, b):
        return "person"
    before = max(0, a - _BEFORE_REACH - 8)
    if _ORG_BEFORE.search(text, before, a) and _ORG_MODIFIED.match(text, b):
        return "organization"
    if _ORG_OWNED.search(text, before, a):
        return "organization"
    m = _WORD_BEFORE.search(text, before, a)
    if m is not None and m.group(1) in ORGANISATION_KINDS:
        return "organization"  # "the charity Oxfam", "carmaker Toyota": the kind of body, then its name
    return None


_INSIDE_NAME = "_.'\u2019-"


def name_evidence(doc: Document, word: str) -> str | None:
    """What the article says one capitalised word names, from every place it writes it: "organization" when
    it is written as an organisation's ("Sony, which", "Acme said its profits", "a Sony spokesman") more often
    than as a person's ("Lee, who", "Lee said he", "Lee's wife"), "person" the other way round, else None
    (the text does not say). Decided once per article and word, so every mention of it reads the same."""
    cache = doc.name_kinds
    if word in cache:
        return cache[word]
    text = doc.text
    org = person = 0
    n = len(word)
    a = text.find(word)
    while a >= 0:
        # whole words only (no pattern compiled per word): not inside "Sonya" or "J.Sony"
        b = a + n
        if (a == 0 or not (text[a - 1].isalnum() or text[a - 1] in _INSIDE_NAME)) and (
            b == len(text) or not (text[b].isalnum() or text[b] in "_&-")
        ):
            said = mention_evidence(text, a, b)
            org += said == "organization"
            person += said == "person"
        a = text.find(word, b)
    kind = "organization" if org > person else "person" if person > org else None
    cache[word] = kind
    return kind


def _with_org_word(doc: Document, word: str) -> bool:
    """Does the article write ``word`` in a run of capitalised words that ends in an organisation word
    ("Acme Corp.", "Verizon Communications")?"""
    orgs = org_words()
    for words in _capital_runs(doc):
        if word in words[:-1] and words[-1] in orgs:
            return True
    return False


_VAGUE_FIRST = word_list("vague_first")


def _rule_vague(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'Critics say', 'some analysts believe', 'many people think', 'others': no one in particular
    (annotation guide, Part 2). A name, a definite article or a possessive makes it someone's ("his
    critics", "the analysts at Moody's"): the classifier decides those."""
    raw = w.raw
    words = w.lows
    if words[0] in ("those", "people", "anyone", "everyone") and len(words) > 1 and words[1] == "who":
        return TypeDecision("vague", True, None, "vague_group")  # "those who were there"
    if any(wd in ("the", "his", "her", "their", "its", "our", "these", "those") for wd in words[:2]):
        return None
    if any(is_name_token(x[2]) and not (i == 0 and x[0] == _sentence_start_of(doc, a)) for i, x in enumerate(raw)):
        return None
    first = words[0]
    if words[:3] in (["a", "lot", "of"], ["a", "number", "of"]):
        words = words[2:]  # "a lot of people", "a number of analysts": an open quantity, as "lots of"
        first = "lots"
    if first in _VAGUE_FIRST and (len(words) == 1 or words[1] != "of" or _bare_after_of(words)):
        return TypeDecision("vague", True, None, "vague_group")
    h = w.head
    hs = raw[h][0]
    if any(p <= hs < q for p, q in w.classes.get("vague_group", ())) and not any(
        wd in NUMBER_WORDS and wd not in _VAGUE_FIRST for wd in words[:h]
    ):
        return TypeDecision("vague", True, None, "vague_group")
    return None


def _bare_after_of(words: list[str]) -> bool:
    """'lots of teachers', 'plenty of experts': "of" before a bare plural is a quantity, not a part of a group
    ("some of the analysts", "most of them" are parts: the classifier decides those)."""
    return (
        len(words) > 2
        and words[2] not in DETERMINERS
        and words[2] not in PRONOUNS
        and words[2] not in ("them", "us", "those", "these")
    )


#: Words that may stand before a counted group: 'at least one', 'more than 30', 'only two'.
_COUNT_QUALIFIERS = word_list("count_qualifiers")


def _rule_member_group(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'One Republican', 'at least one Democrat', '31 Latinos', 'Mexicans often say': members of a party,
    nation or faith (``lexicons/en/member_nouns.tsv``), at most counted and described, not identified
    (annotation guide, Part 2); with an open quantifier ('many Republicans', 'some Americans'): vague.
    A capitalised head is not a name here. A determiner, a name or anything after the head ('Republicans
    on the committee') leaves the phrase to the rules below and the classifier."""
    raw = w.raw
    if len(raw) > 5:
        return None
    last = raw[-1][2].rstrip(".,")
    if not last[:1].isupper():
        return None
    key = last.lower()
    members = member_nouns()
    if key in members:
        plural = None if key.endswith("ese") else False  # "Chinese": either number
    elif key.endswith("s") and key[:-1] in members:
        plural = True
    else:
        return None
    low = doc.low
    if plural and len(raw) >= 2 and low[raw[0][0] : raw[0][1]] == "the" and all(x[2][0].isupper() for x in raw[1:]):
        # "The Liberal Democrats say", "the Republicans": the party (or nation) speaking as itself, as "the
        # Republican Party said" is (annotation guide, Part 2); without the article, members of it
        return TypeDecision("named_organization", False, None, "named_entity")
    qty = None
    qualified = False
    for x in raw[:-1]:
        wd = low[x[0] : x[1]]
        if wd in _VAGUE_FIRST and not (wd == "most" and qualified):
            return TypeDecision("vague", True, None, "vague_group")  # "many Republicans", "some Americans"
        if wd in _COUNT_QUALIFIERS and qty is None:
            qualified = True  # "at least one", "at most three"
            continue
        if qty is None and wd in NUMBER_WORDS:
            qty = NUMBER_WORDS[wd]
            continue
        if qty is None and wd.isascii() and wd.isdigit() and not (len(wd) == 4 and wd[:2] in ("19", "20")):
            qty = min(int(wd), 10_000)  # a number of people, not a year ("2020 Democrats")
            continue
        if x[2][0].islower() and wd not in DETERMINERS and wd not in CLAUSE_WORDS:
            continue  # an adjective: "one senior Republican", "31 young Latinos"
        return None
    if qty == 1 and plural is not True:
        return TypeDecision("unnamed_person", True, 1, "unnamed_person")
    if plural is False:
        return None  # a bare singular ("Cuban said") may be a surname
    return TypeDecision("unnamed_group", True, qty if qty and qty > 1 else None, "generic_group")


#: Lexicon classes that say a phrase names no person (see _rule_person_name).
_NOT_A_PERSON = frozenset(["organization", "named_document", "generic_group", "vague_group", "unnamed_role"])
_PARTICLES = word_list("name_particles")


def _rule_person_name(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'Trump', 'Hillary Clinton', 'Sen. Ann Roe', 'Mr. Lee', 'Donald J. Trump': a personal name, sure when
    the article introduces the last name with a first name or title, or the phrase has one itself.
    (The commonest source in news; the classifier is not needed for it.)"""
    raw = w.raw
    if len(raw) > 5:
        return None
    names = first_names()
    orgs = org_words()
    places = place_words()
    low = doc.low
    k = 0
    titled = False
    while k < len(raw) - 1 and low[raw[k][0] : raw[k][1]].rstrip(".") in PERSON_TITLES:
        titled = True
        k += 1
    rest = raw[k:]
    for x in rest:
        word = x[2]
        if not (word[0].isupper() or low[x[0] : x[1]] in _PARTICLES):
            return None
        bare = word.rstrip(".,")
        if (
            bare in orgs
            or bare in places
            or bare in org_openers()
            or (len(bare) > 1 and bare.isupper() and not bare.endswith("."))
        ):
            return None
    last = rest[-1][2].rstrip(".,")
    first_known = len(rest) >= 2 and low[rest[0][0] : rest[0][1]] in names
    if not (titled or first_known or last in person_surnames(doc)):
        return None
    if any(h.entry.kind in ("secondhand", "vague_source") or h.entry.rule in _NOT_A_PERSON
           for h in doc.hits_in(a, b)):  # fmt: skip
        # "Fox News", "the Associated Press": an outlet; "Republicans", "Democrats", "Officials": a group
        # or a role (a title-case headline such as "President Obama Blasts Republicans" makes the last
        # word look like a surname), which the rules below and the classifier type.
        return None
    return TypeDecision("named_person", False, 1, "named_entity")


def _rule_document_name(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'the Kyoto Protocol', "the Treasury's Barker Review", "MSPs' Code of Conduct": a capitalised name
    whose head (or the word before its inner "of") is a document noun names a document, and so identifies it.
    A name the lexicon reads as a news outlet stays an outlet ("the Drudge Report")."""
    raw = w.raw
    h = w.head
    k = h
    for i in range(1, h + 1):
        if w.lows[i] == "of" and raw[i - 1][2][:1].isupper():
            k = i - 1  # "Code of Conduct": the document noun before the name's "of"
            break
    head = raw[k][2].rstrip(".,")
    if not head[:1].isupper() or k == 0:
        return None
    low = head.lower()
    two = f"{w.lows[k - 1]} {low}"
    if low not in DOCUMENT_NAME_HEADS and two not in DOCUMENT_NAME_HEADS:
        return None
    before = raw[k - 1][2]
    if not before[:1].isupper() and not before.endswith(("'s", "\u2019s", "s'", "s\u2019")):
        return None  # "a new Review": no name before the noun
    if before.lower() in DETERMINERS:
        return None  # "The Report found": a capitalised common noun after "The"
    hs = raw[k][0]
    if any(p <= hs < q for p, q in w.classes.get("media_outlet", [])):
        return None
    return TypeDecision("document", False, None, "named_document")


def _rule_document_head(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'Court records show', 'the CBO's report found', 'a memo seen by Reuters': a document noun heads it."""
    raw = w.raw
    h = w.head
    hs = raw[h][0]
    if not any(p <= hs < q for c in ("named_document", "public_record") for p, q in w.classes.get(c, ())):
        return None
    if raw[h][2][0].isupper() and not (h == 0 and hs == _sentence_start_of(doc, a)):
        return None  # "Ballot Initiative Strategy Center": a capitalised name, not a document noun
    words = w.lows
    x = span_features(doc, a, b, _sentence_start_of(doc, a), w)
    identified = _document_identified(doc, w, words, x)
    return TypeDecision("document", not identified, None, "named_document" if identified else "unnamed_document")


def _rule_org_name(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'Acme Corp.', 'the Labor Department', 'the Trayvon Martin Foundation': a capitalised name whose last
    word names a kind of organisation; 'Banco Santander', 'Groupe Renault': one opened by a word that heads
    an organisation's name where the head comes first."""
    raw = w.raw
    rest = raw[1:] if doc.low[raw[0][0] : raw[0][1]] == "the" else raw
    if len(rest) >= 2 and rest[0][2] in org_openers() and all(x[2][:1].isupper() for x in rest):
        return TypeDecision("named_organization", False, None, "named_entity")
    last = raw[-1][2].rstrip(".,")
    if (
        len(rest) >= 3
        and all(x[2][:1].isupper() or doc.low[x[0] : x[1]] in ("of", "for", "and") for x in rest)
        and any(
            doc.low[rest[i + 1][0] : rest[i + 1][1]] == "of" and rest[i][2] in org_words() for i in range(len(rest) - 2)
        )
    ):
        # "the Institute of Radiation Protection": an organisation word heads the name, before its "of"
        return TypeDecision("named_organization", False, None, "named_entity")
    if not raw[-1][2][0].isupper() or last not in org_words() or w.head != len(raw) - 1:
        return None
    if len(raw) == 1 and raw[0][0] == _sentence_start_of(doc, a):
        return None  # one capitalised word opening a sentence may be a common noun ("Police", "Congress")
    if any(doc.low[x[0] : x[1]] in ("of", "for", "at") for x in raw[:-1]) and not raw[0][2][0].isupper():
        return None  # "a spokesman for the Labor Department": the head is the person
    return TypeDecision("named_organization", False, None, "named_entity")


_GROUP_QUANTIFIERS = word_list("group_quantifiers")


def _rule_role_group(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'two aides', 'three diplomatic sources', 'officials', 'dozens of staffers': people by role, several,
    not identified. A name in the phrase ("two aides to Sen. Roe") leaves it to the classifier."""
    raw = w.raw
    h = w.head
    hs = raw[h][0]
    if not any(p <= hs < q for p, q in w.classes.get("unnamed_role", ())):
        return None
    low = doc.low
    words = w.lows
    head = words[h]
    if head in SPOKESPERSON_WORDS or not (head.endswith("s") or head in ("people", "staff")):
        return None
    first = words[0]
    numbered = first in _GROUP_QUANTIFIERS or first.isdigit()
    bare = h == 0 or all(not x[2][0].isupper() and low[x[0] : x[1]] not in DETERMINERS for x in raw[:h])
    if not (numbered or bare):
        return None
    start = 0 if raw[0][0] != _sentence_start_of(doc, a) else 1
    if any(is_name_token(x[2]) for x in raw[start:]):
        return None
    cnt, _exact = count_from(words, head)
    return TypeDecision("unnamed_group", True, cnt if numbered and cnt > 1 else None, "unnamed_role")


def _rule_share(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'53%', 'About one in five', 'a majority of voters': poll respondents, a group not identified."""
    if _SHARE.match(" ".join(doc.low[a:b].split())):
        return TypeDecision("unnamed_group", True, None, "generic_group")
    return None


def _rule_number(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'Two said they would stay', 'Of the ten, three disagreed': a number alone counts people not named."""
    if len(w.raw) != 1:
        return None
    word = doc.low[w.raw[0][0] : w.raw[0][1]]
    n = NUMBER_WORDS[word] if word in EXACT_NUMBERS else int(word) if word.isdigit() and len(word) <= 3 else None
    if n is None or n < 1:  # "some", "several", "many" are not counts: the vague and group rules read them
        return None
    if n == 1:
        return TypeDecision("unnamed_person", True, 1, "unnamed_role")
    return TypeDecision("unnamed_group", True, n, "generic_group")


def _rule_someone(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'someone at the company', 'somebody close to him': one person, not identified."""
    first = doc.low[w.raw[0][0] : w.raw[0][1]]
    if first in _SOMEONE:
        return TypeDecision("unnamed_person", True, 1, "unnamed_person")
    if first in _ANYONE:
        return TypeDecision("vague", True, None, "vague_group")  # no one in particular
    return None


def _rule_named_head(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'Acme Corp., a maker of tools', 'Mary Lee, 42, a nurse from Dayton', 'A woman, 34, of Flint, Mich.': a
    phrase whose head, before its first comma, a sure rule types is typed as its head; what follows the comma
    describes it. (The classifier, given the whole description, took "A woman, 34, of Flint, Mich." for an
    identified document.) A head no sure rule decides ("A spokesman, John Lee") is left to the classifier."""
    comma = doc.text.find(",", a, b)
    if comma < 0:
        return None
    head = words_of(doc, a, comma)
    if not head.raw:
        return None
    named_after = (
        is_name_token(doc.text[comma + 1 : b].split(maxsplit=1)[0]) if doc.text[comma + 1 : b].split() else False
    )
    for rule in doc.det.type_rules:
        if rule.find is not _rule_named_head:
            decision = rule.find(doc, head, a, comma)
            if decision is not None:
                if decision.anonymous and named_after:
                    return None  # "Henry Clay's biographers, David and Jeanne Heidler": the names identify them
                return decision
    return None


def _rule_name_then_description(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'Franson Reneus, 18, from Lee County', 'Will Doyle, a professor of ...': a person; 'Teck, the Canadian
    mining company': an organisation. A name no sure rule knows, then a description that says which it is,
    whatever the name alone would read as (after "a named head, then its description")."""
    comma = doc.text.find(",", a, b)
    if comma < 0 or not _is_a_name(words_of(doc, a, comma)):
        return None
    kind = _description_kind(doc, comma + 1, b)
    if kind is None:
        return None
    return TypeDecision(kind, False, 1 if kind == "named_person" else None, "named_entity")


def _description_kind(doc: Document, a: int, b: int) -> str | None:
    """What a description after a name says it names: "named_person" for an age ("18") or a head noun for a
    person ("a professor of ...", "a senior security official during ..."), "named_organization" for a kind of
    organisation ("the Canadian mining company", "a political action committee"); None when it says neither.
    A head that may be either ("publisher", "broker") takes the side of another noun before it ("the president
    and publisher of ..."), else an organisation's."""
    words = doc.text[a:b].split()
    if not words:
        return None
    if words[0].rstrip(",").isdigit():
        return "named_person"
    nouns: list[str] = []
    for word in words:
        low = word.lower().strip(",.;")
        if low in _PREPOSITIONS_IN_KIND or low in _DESCRIPTION_STOPS:
            break
        if low not in DETERMINERS and not word[:1].isupper():  # "the UK's premium rate services watchdog"
            nouns.append(low)
        if word.endswith(","):
            break
    if not nouns:
        return None
    head = nouns[-1]
    org_kinds = _org_kinds()
    if head in org_kinds:
        if is_person_noun(head) and any(is_person_noun(x) and x not in org_kinds for x in nouns[:-1]):
            return "named_person"
        return "named_organization"
    if is_person_noun(head):
        return "named_person"
    return None


def is_organisation_kind(word: str) -> bool:
    """Is the lower-case ``word`` a noun for a kind of organisation, singular or plural ("company", "firms",
    "the NGOs", "magazine")? The organisation kinds and words, the media outlets' kinds, and their plurals."""
    if word in _COLLECTIVE_OUTLETS:
        return False  # "the media", "the press": the media as a whole, no one body
    kinds = _body_kinds()
    if word in kinds:
        return True
    return any(word.endswith(cut) and word[: -len(cut)] + add in kinds for cut, add in _PLURAL_ENDINGS)


_PLURAL_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""))


#: Nouns for a kind of news outlet ("the newspaper", "the magazine", "the broadcaster").
_OUTLET_KINDS = frozenset(["newspaper", "paper", "magazine", "broadcaster", "daily", "weekly", "tabloid"])


def is_outlet_kind(word: str) -> bool:
    """Is the lower-case ``word`` a noun for a kind of news outlet ("newspaper", "magazines")?"""
    return word in _OUTLET_KINDS or word.removesuffix("s") in _OUTLET_KINDS


@cache
def _org_kinds() -> frozenset[str]:
    """Nouns for a kind of organisation and organisation words, lower case ("company", "committee", "bank")."""
    return ORGANISATION_KINDS | lower_org_words()


@cache
def _body_kinds() -> frozenset[str]:
    """:func:`_org_kinds` with the outlets' kinds and "ngo": what :func:`is_organisation_kind` reads."""
    return _org_kinds() | _OUTLET_KINDS | {"ngo"}


#: Words that end the head of a description after a name, besides the prepositions ("... official during ...").
_DESCRIPTION_STOPS = frozenset(
    ["who", "which", "that", "whose", "during", "since", "until", "under", "between", "after", "before", "following"]
)


def _rule_name_then_place(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'Lecaros, from the foreign ministry', 'Acme, of Ohio': one capitalised word no rule knows, then where it
    works or lives: named, and a person's shape of news."""
    comma = doc.text.find(",", a, b)
    if comma < 0:
        return None
    head = words_of(doc, a, comma)
    desc = doc.low[comma + 1 : b].split(maxsplit=1)
    if len(head.raw) == 1 and is_name_token(head.raw[0][2]) and desc and desc[0] in ("from", "of", "at"):
        return TypeDecision("named_person", False, 1, "named_entity")
    return None


def _rule_name_then_role(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'Baraka Njoroge, head of the local farmers' union': a name no sure rule knows, then a person's role;
    the organisation in the description is where the person works, not the source."""
    comma = doc.text.find(",", a, b)
    if comma < 0 or not _name_then_role(doc, words_of(doc, a, comma), comma, b):
        return None
    return TypeDecision("named_person", False, None, "named_entity")


#: Words that begin a person's role after a name's comma ("founder of", "head of", "a professor of").
_PERSON_ROLE_WORDS = frozenset(word_table("role_endings"))


def _name_then_role(doc: Document, head: Words, comma: int, b: int) -> bool:
    """Is the head two to four capitalised name words (no organisation or place word) and the description
    after the comma a person's role, with or without an article ("founder of ...", "a professor of ...")?"""
    raw = head.raw
    if not 2 <= len(raw) <= 4 or not all(is_name_token(x[2]) for x in raw):
        return False
    orgs, places = org_words(), place_words()
    if any(x[2].rstrip(".") in orgs or x[2] in places for x in raw):
        return False
    words = doc.low[comma + 1 : b].split()
    if words and words[0] in ("a", "an", "the"):
        words = words[1:]
    if not words:
        return False
    if words[0].strip(",.") in _PERSON_ROLE_WORDS:
        return True
    # "the city's chief engineer", "a nurse from Dayton": the description's head is a noun for a person
    # (not a firm's agent noun: "a maker of tools")
    role: list[str] = []
    for x in words:
        x = x.strip(",.")
        if x in HEAD_STOPS:
            break
        role.append(x)
    return bool(role) and role[-1] in person_nouns() and role[-1] not in _COMPANY_AGENTS


_COMPANY_AGENTS = word_list("company_agent_nouns")


_KIND_OPENERS = word_list("organisation_kind_openers")
_PREPOSITIONS_IN_KIND = word_list("prepositions")


def _rule_kind_then_name(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'leading charity Oxfam', 'the carmaker Toyota', 'Japanese insurer Tokio Marine': a lower-case noun for a
    kind of organisation, then a name of one to three capitalised words with no first name or title: the
    organisation itself."""
    raw = w.raw
    k = len(raw)
    while k > 0 and raw[k - 1][2][:1].isupper():
        k -= 1
    if k == 0 or not 1 <= len(raw) - k <= 3 or w.lows[k - 1] not in ORGANISATION_KINDS:
        return None
    # "Company Smith" is part of a name; "Stephen Baker, an analyst with firm NPD" a description
    if doc.text[raw[k - 1][0]].isupper() or "," in doc.text[a:b]:
        return None
    places = place_words()
    for x, low in zip(raw[: k - 1], w.lows[: k - 1], strict=True):
        if (
            low in _KIND_OPENERS
            # "Financial newspaper Nihon Keizai Shimbun": a capital that only opens the sentence
            or ((x[2][0].islower() or x[0] in doc.sentence_start_set) and low not in _PREPOSITIONS_IN_KIND)
            or x[2] in places
            or low in member_nouns()  # "Japanese insurer Tokio Marine"
        ):
            continue  # "the", "leading", "Japanese": the kind's determiner and adjectives
        return None  # "Director of the Tajik anti-drug agency Rustam Nazarov": the kind is not the head
    names = first_names()
    if w.lows[k].rstrip(".,") in names or any(x.rstrip(".,") in PERSON_TITLES for x in w.lows[k:]):
        return None  # "the company John Smith founded": a person's name opens with a first name or a title
    if len(raw) - k == 1 and w.lows[k].removesuffix("s") in member_nouns():
        return None  # "the party Republicans": members, the member rule reads them
    return TypeDecision("named_organization", False, None, "named_entity")


def _rule_possessed_people(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'the bank's economists', "Obama's aides", "the show's producers": people described by whose they are, a
    group not identified (annotation guide, Part 2: "tied to a place or body it describes a group"), however
    named the owner. Only lower-case adjectives may stand between the possessive and the plural head."""
    raw, lows = w.raw, w.lows
    own = next((i for i, x in enumerate(lows[:-1]) if x.endswith(_POSSESSIVE_ENDINGS)), None)
    if own is None:
        return None
    head = raw[-1][2]
    if "," in doc.text[a:b] or head[0].isupper():
        return None  # "China and the United States, the world's two biggest polluters": a description
    if not head.endswith("s") or lows[-1] in person_nouns() or not is_person_noun(lows[-1]):
        return None  # a plural for people ("economists"), not a singular in -s ("boss")
    if any(x[2][0].isupper() or not x[2].isalpha() or x[2] in NUMBER_WORDS for x in raw[own + 1 : -1]):
        return None  # "Obama's two aides", "the firm's Paris lawyers": the other rules and the classifier
    return TypeDecision("unnamed_group", True, None, "generic_group")


_POSSESSIVE_ENDINGS = ("'s", "\u2019s", "s'", "s\u2019")


def _rule_role_then_name(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'council member Ayse Yilmaz', 'economist David Harper', 'police chief Le Quang Huy': a lower-case role
    ending in a noun for a person, then a name of two to four capitalised words, is that person."""
    raw = w.raw
    # A capital that only opens the sentence ("Council member Kang Dong-hyun said") is not a name's.
    k = 1 if len(raw) > 1 and raw[0][0] in doc.sentence_start_set and raw[1][2][:1].islower() else 0
    while k < len(raw) and not raw[k][2][:1].isupper():
        k += 1
    if k == 0 or not 2 <= len(raw) - k <= 4:
        return None
    role = w.lows[k - 1]
    if (role not in person_nouns() and role not in _PERSON_ROLE_WORDS) or role in _COMPANY_AGENTS:
        return None  # "the world's biggest insurance broker Marsh & McLennan": a firm
    if any(x in DETERMINERS for x in w.lows[:k]) and w.lows[0] not in ("the",):
        return None  # "a spokesman John Lee" reads the same, but "some critics Ann Lee" is no shape of news
    orgs, places = org_words(), place_words()
    if not all(is_name_token(x[2]) and x[2].rstrip(".,") not in orgs and x[2] not in places for x in raw[k:]):
        return None
    return TypeDecision("named_person", False, 1, "named_entity")


#: Capitalised function words inside a name in title case ("Doctors Without Borders", "Friends Of The Earth").
_TITLE_CASE_JOINERS = word_list("title_case_joiners")
#: Definite articles of other languages that open the name of a paper or a body ("El País", "Le Monde").
_FOREIGN_ARTICLES = word_list("foreign_articles")


def _rule_title_case_name(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'Doctors Without Borders', 'El Pais': a run of capitalised words joined by a capitalised function word,
    or opened by another language's article, names an organisation, not people or a person."""
    raw = w.raw
    if not 2 <= len(raw) <= 6 or not all(x[2][:1].isupper() for x in raw):
        return None
    inner = [x[2] for x in raw[1:-1]]
    if any(x in _TITLE_CASE_JOINERS for x in inner) or raw[0][2] in _FOREIGN_ARTICLES:
        return TypeDecision("named_organization", False, None, "named_entity")
    return None


def _rule_the_name(doc: Document, w: Words, a: int, b: int) -> TypeDecision | None:
    """'the Red Cross', 'The Hindu', 'the Kremlin': a definite article, then a name in capitals, names a body,
    not a person (English writes no article before a person's name). Not a role in capitals ('the Prime
    Minister', 'the Pope'), a member of a nation, party or faith ('the Australian', 'the Democrats': the
    member-group rule's), a title with a name ('the Rev. Al Sharpton') or a family ('the Clintons')."""
    raw = w.raw
    if not 2 <= len(raw) <= 5 or w.lows[0] != "the":
        return None
    rest = raw[1:]
    if not (rest[0][2][:1].isupper() and rest[-1][2][:1].isupper()):
        return None
    if any(not (x[2][:1].isupper() or x[2] in ("of", "for", "and", "&")) for x in rest):
        return None
    if any(len(x[2]) > 1 and x[2].isupper() for x in rest):
        return None  # "the Labour MP for Birkenhead": an acronym may be a role ("the IMF" is the acronym rule's)
    span = doc.text[a:b].rstrip("'\u2019s")
    if "'s " in span or "\u2019s " in span:
        return None  # "the Washington Post's Ishaan Tharoor": the paper's writer
    lows = w.lows[1:]
    last = lows[-1].rstrip(".,")
    members = member_nouns()
    if any(x in members or (x.endswith("s") and x[:-1] in members) for x in lows):
        return None  # "the Australian", "the Armenians of Israel"
    k = next((i for i, x in enumerate(lows) if x in ("of", "for")), len(lows))
    head = rest[k - 1][2].rstrip(".,") if k else ""
    if is_person_noun(head.lower()) and head not in org_words():
        return None  # "The Pope", "the Duke of Edinburgh", "The Speaker" (not "the Center for ...")
    names = first_names()
    if any(x.rstrip(".") in PERSON_TITLES or x in names for x in lows):
        return None
    if last.endswith("s") and rest[-1][2].rstrip(".,")[:-1] in person_surnames(doc):
        return None
    if any(h.entry.rule in ("definite_role", "unnamed_role") for h in doc.hits_in(a, b)):
        return None
    return TypeDecision("named_organization", False, None, "named_entity")


@dataclass(frozen=True, slots=True)
class TypeRule:
    """A sure typing rule: its name, its test (``find``: the decision, or None to pass the phrase on) and
    the registered rules (:data:`~credscore.cues.base.RULES`) its decisions carry.

    A detector whose ``disabled_rules`` hold every one of ``rules`` never calls ``find``: the phrase goes on
    to the next sure rule and the classifier, as if the rule did not exist. A rule with no ``rules`` (one that
    types a phrase as its head, whatever rule that takes) is never switched off on its own.
    """

    name: str
    find: Callable[[Document, Words, int, int], TypeDecision | None]
    rules: frozenset[str] = frozenset()

    def runs_with(self, disabled: frozenset[str]) -> bool:
        """Does this rule run in a detector with these rules switched off?"""
        return not (self.rules and self.rules <= disabled)


def _type_rule(name: str, find: Callable[[Document, Words, int, int], TypeDecision | None], *rules: str) -> TypeRule:
    return TypeRule(name, find, frozenset(rules))


#: The sure rules, in the order they are tried; the classifier types what none of them decides.
TYPE_RULES: tuple[TypeRule, ...] = (
    _type_rule("person name", _rule_person_name, "named_entity"),
    _type_rule("a role, then a name", _rule_role_then_name, "named_entity"),
    _type_rule("a name in title case", _rule_title_case_name, "named_entity"),
    _type_rule("agentless", _rule_agentless, "agentless"),
    _type_rule("someone", _rule_someone, "unnamed_person", "vague_group"),
    _type_rule("poll share", _rule_share, "generic_group"),
    _type_rule("a number of people", _rule_number, "generic_group", "unnamed_role"),
    _type_rule("vague group", _rule_vague, "vague_group"),
    _type_rule(
        "members of a party, nation or faith",
        _rule_member_group,
        "unnamed_person",
        "generic_group",
        "vague_group",
        "named_entity",
    ),
    _type_rule("a document's name", _rule_document_name, "named_document"),
    _type_rule("place or acronym", _rule_place_or_acronym, "named_entity", "generic_group"),
    _type_rule("one capitalised word, no person's name", _rule_single_name, "named_entity", "vague_group"),
    _type_rule("anonymity_marker", _rule_marker, "unnamed_role"),
    _type_rule("media_outlet", _rule_outlet, "named_entity", "media_outlet", "news_report"),
    _type_rule("document head", _rule_document_head, "named_document", "unnamed_document"),
    _type_rule("a kind of organisation, then its name", _rule_kind_then_name, "named_entity"),
    _type_rule("people by whose they are", _rule_possessed_people, "generic_group"),
    _type_rule("organisation name", _rule_org_name, "named_entity"),
    _type_rule("a named head, then its description", _rule_named_head),  # its head's rule, whichever that is
    _type_rule("a name, then what it is", _rule_name_then_description, "named_entity"),
    _type_rule("a name, then a person's role", _rule_name_then_role, "named_entity"),
    _type_rule("a name, then where it works", _rule_name_then_place, "named_entity"),
    _type_rule("spokesperson", _rule_spokesperson, "spokesperson"),
    _type_rule("indefinite role", _rule_indefinite, "generic_group", "unnamed_role", "unnamed_person"),
    _type_rule("people by role", _rule_role_group, "unnamed_role"),
    _type_rule("the, then a name", _rule_the_name, "named_entity"),
)


def type_span(doc: Document, a: int, b: int, typer: SourceTyper | None = None) -> TypeDecision | None:
    """Type the source phrase ``text[a:b]``; None when it holds no word.

    Decisions are cached per document by the phrase and the two facts of its context the features read
    (does it open the sentence, is it in a quotation): "Trump said" is typed once per article.
    """
    key = (doc.text[a:b], a in doc.sentence_start_set, doc.in_quote(a))
    cache = doc.type_cache
    if key in cache and typer is None:
        return cache[key]
    d = _type_span(doc, a, b, typer)
    if typer is None:
        cache[key] = d
    return d


#: A parenthesised acronym at the end of a phrase: "the National Institute of Radiation Protection (SSI)".
_TRAILING_ACRONYM = re.compile(r"\s*\([A-Z][A-Z&.]{1,9}\)$")


def _type_span(doc: Document, a: int, b: int, typer: SourceTyper | None) -> TypeDecision | None:
    m = _TRAILING_ACRONYM.search(doc.text, a, b) if doc.text[b - 1 : b] == ")" else None
    if m is not None and m.start() > a:
        b = m.start()  # the acronym repeats the name before it: type the name
    w = words_of(doc, a, b)
    if not w.raw:
        return None
    for rule in doc.det.type_rules:
        d = rule.find(doc, w, a, b)
        if d is not None:
            return d
    typer = typer or doc.det.typer
    x = span_features(doc, a, b, _sentence_start_of(doc, a), w)
    t = typer.predict(x)
    if t in _NAMED_TYPES and not _named_evidence(w, x):
        # "The leaflet said", "the plan", "the community": named without a name is the error the guide forbids
        # most; "the businessman", "the 46-year-old" after a named person are that person (a definite
        # description of someone), whichever named type the classifier chose
        head = w.lows[w.head]
        if is_organisation_kind(head) and w.lows[0] in ("the", "this", "that"):
            t = "named_organization"  # "the watchdog", "the regulator": the body in context, as "the ministry"
        elif _describes_a_person(w):
            t = "named_person"
        else:
            t = typer.predict_excluding(x, _NAMED_TYPES)
    d = _decide(doc, w, t, x)
    if d.anonymous:
        comma = doc.text.find(",", a, b)
        if comma > a and _is_a_name(words_of(doc, a, comma)):
            # "Winn-Dixie, once among the most profitable of US grocers": the description's words cannot make
            # a name anonymous ("most", "grocers" read as vague); the name is typed alone
            return _type_span(doc, a, comma, typer)
    return d


_NAMED_TYPES = frozenset(["named_person", "named_organization"])
#: What can make a phrase named (the typer's features): a name, a title, a role that identifies its holder
#: ("the president"), an organisation's word or a place, an outlet.
_NAME_EVIDENCE = tuple(
    _F[k]
    for k in (
        "names_inner",
        "known_first_name",
        "lex_definite_role",
        "head_is_role",
        "head_spokes",
        "title_then_name",
        "all_caps_token",
        "possessive_s_capital",
        "head_is_name",
        "single_capital_token",
        "org_word",
        "place_name",
        "head_org_any",
        "lex_organization",
        "surname_in_doc",
        "person_pattern",
        "lex_media_outlet",
        "head_is_outlet",
    )
)


def _named_evidence(w: Words, x: np.ndarray) -> bool:
    """May the classifier call the phrase named? Only with something that names: a name, a role, an
    organisation's word (:data:`_NAME_EVIDENCE`), or a pronoun (resolved elsewhere)."""
    if any(x[i] for i in _NAME_EVIDENCE):
        return True
    return any(wd in PRONOUNS or wd in _REL_WORDS for wd in w.lows)


def _describes_a_person(w: Words) -> bool:
    """Is the phrase's head a noun for a person ("the businessman", "the actress") or an age ("the
    46-year-old")?"""
    head = w.lows[w.head]
    return is_person_noun(head) or head.endswith("-year-old")


_REL_WORDS = frozenset(["that", "which", "who", "whom"])


def _is_a_name(w: Words) -> bool:
    """Is the phrase only capitalised words, no pronoun or determiner ("Winn-Dixie", "Acme Foods")?"""
    return bool(w.raw) and all(
        is_name_token(x[2]) and x[2].lower() not in PRONOUNS and x[2].lower() not in DETERMINERS for x in w.raw
    )


_ISSUER = re.compile(r"\b(?:from|by|of|issued by|released by)\s+(?:the|its|his|her|their)\b")
_UNPUBLISHED = re.compile(
    r"\b(?:not (?:been |yet )?(?:made public|released|published|disclosed)|unpublished|confidential|internal|"
    r"leaked|private|secret|seen by|obtained by|reviewed by|viewed by)\b"
)
#: How far back (characters) a definite document looks for the indefinite mention it repeats.
_BACK_REACH = 1200
_INDEFINITE_DOC = word_list("indefinite_document")
#: An author, publisher or venue named after a document noun.
_VENUE = re.compile(
    r"\b(?:published|released|issued|conducted|commissioned|compiled|prepared|produced|written|funded|presented)"
    r"\s+(?:\w+\s+){0,2}?(?:in|by|for|at)\s+(?:the\s+)?[A-Z]|\b(?:by|from)\s+(?:the\s+)?[A-Z][a-z]"
)
_AGENT = re.compile(r"\b(?:by|from|of|released|published|issued|filed|obtained)\b")


#: An author right after a document noun: "a letter from the ministry", "a statement by its lawyers".
_FROM_ITS_AUTHOR = re.compile(r"\s+(?:from|by)\s+(?:the|its|his|her|their)\s+\w")


def _author_given_at(doc: Document, a: int, b: int) -> bool:
    """Does the sentence that first mentions a document as ``text[a:b]`` ("a statement", "a letter") give its
    author: a named source of its own ("The Ministry of Foreign Affairs said in a statement", "In a new
    report, the Electoral Commission says"), an issuer after it ("a statement from the ministry")? Not when the
    document is one an outlet saw ("a letter seen by Reuters")."""
    i = bisect_right(doc.sentence_starts, a) - 1
    if i < 0:
        return False
    end = doc.sentences[i].end
    if _UNPUBLISHED.search(doc.low, b, end):
        return False
    if _VENUE.search(doc.text, b, min(end, b + 60)) or _FROM_ITS_AUTHOR.match(doc.low, b, end):
        return True
    return any(
        src.type in ("named_person", "named_organization") and not src.anonymous and not src.inherited
        for src in doc.sources[i]
    )


#: Adjectives of the kind of body a document comes from ("federal data", "official figures").
_ISSUER_ADJECTIVES = word_list("issuer_adjectives")
#: Capitalised words of a people, not of an author ("a Dutch report", "a Chinese study").
_PEOPLE_ADJECTIVES = frozenset(x.lower() for x in word_list("people_adjectives"))


def _names_more_than_a_people(doc: Document, w: Words) -> bool:
    """Does a capitalised word of the phrase name more than a nation or a faith? "a Dutch report", "a Chinese
    study" say where a document comes from, not who wrote it; "a Pentagon report", "Crowdpac data", "F.A.A.
    records" do. A capital that only opens the sentence ("Exit polling shows") names nothing."""
    start = _sentence_start_of(doc, w.raw[0][0])
    for i, (s, _e, word) in enumerate(w.raw):
        if not word[:1].isupper():
            continue
        low = word.lower().rstrip(".,")
        if i == 0 and s == start and low in common_words():
            continue
        if low not in _PEOPLE_ADJECTIVES and low not in member_nouns():
            return True
    return False


def _document_identified(doc: Document, w: Words, words: list[str], x: np.ndarray) -> bool:
    """Can the reader tell which document it is? A name, a public record, an owner ("her medical records",
    "Trump's tweet"), an issuer ("a report by the CBO"), or a definite article ("the column", "the poll":
    one the article has spoken of) identify it; "a letter", "documents", "internal emails" do not."""
    if x[_F["names_inner"]] and _names_more_than_a_people(doc, w):
        return True
    if x[_F["lex_public_record"]] or x[_F["possessive_s"]] or x[_F["all_caps_token"]]:
        return True
    if any(wd.endswith(("s'", "s\u2019")) for wd in words[: w.head]):
        return True  # "Sanders' fundraising email": a plural or a name's possessive owner
    if x[_F["prep_then_capital"]] or x[_F["first_possessive"]]:
        return True
    if _ISSUER.search(" ".join(words)) and (x[_F["lex_organization"]] or x[_F["lex_definite_role"]]):
        return True  # "a statement from the ministry", "a letter from the governor"
    if _UNPUBLISHED.search(doc.low, w.raw[0][0], w.raw[-1][1]):
        return False  # "a memo seen by Reuters", "internal emails"
    if _VENUE.search(doc.text, w.raw[0][0], w.raw[-1][1]):
        return True  # "a study published in The Lancet", "an analysis by the Financial Times"
    lower_orgs = lower_org_words()
    if any(wd in lower_orgs for wd in words[: w.head]):
        return True  # "a city estimate", "government data", "international law": its author is given
    if len(w.raw) >= 2 and w.raw[0][2][:1].isupper() and w.raw[1][2][:1].isdigit():
        return True  # "Section 5 of the order", "Resolution 1441", "Isaiah 45:1": a numbered part of a text
    first = words[0]
    if first in _INDEFINITE_DOC:
        return False
    if _UNPUBLISHED.search(doc.low, w.raw[0][0], w.raw[-1][1]):
        return False  # "the letter, which has not been made public", "internal emails", "a memo seen by Reuters"
    if first in ("the", "this", "that", "these", "those"):
        # "The letter" after "a personal letter": known to the reader only as "a letter", unless the
        # article gave its author there ("The ministry said in a statement ...", "a letter from the ministry").
        head = words[w.head]
        lo = max(0, w.raw[0][0] - _BACK_REACH)
        before = doc.low[lo : w.raw[0][0]]
        mentions = list(re.finditer(rf"\b(?:a|an|one)\s+(?:[\w-]+\s+){{0,3}}{re.escape(head)}\b", before))
        if not mentions:
            return True
        last = mentions[-1]
        return _author_given_at(doc, lo + last.start(), lo + last.end())
    if _names_more_than_a_people(doc, w):  # "Ipsos poll shows": a name opening the sentence too
        return True
    if len(words) == 1:
        return False  # "according to data": a bare noun says nothing of whose (fail toward doubt)
    head = words[w.head]
    plural = head.endswith("s") and not head.endswith("ss")
    if plural:
        return False  # "documents", "emails"
    # "federal data", "official guidance": the kind of body it comes from; "new research", "early ratings data",
    # "video of the incident": a word of when, what or how much says nothing of whose (fail toward doubt)
    return any(wd in _ISSUER_ADJECTIVES for wd in words[: w.head])


def _decide(doc: Document, w: Words, t: str, x: np.ndarray) -> TypeDecision:
    words = w.lows
    head = words[w.head]
    cnt, _exact = count_from(words, head)
    if t == "named_person":
        n_named = 2 if x[_F["compound_and"]] and x[_F["names_inner"]] >= 2 else 1
        rule = "definite_role" if x[_F["names_inner"]] == 0 and (x[_F["lex_definite_role"]]) else "named_entity"
        return TypeDecision(t, False, n_named, rule)
    if t == "named_organization":
        rule = "organization" if x[_F["names_inner"]] == 0 and x[_F["lex_organization"]] else "named_entity"
        return TypeDecision(t, False, None, rule)
    if t == "document":
        identified = _document_identified(doc, w, words, x)
        return TypeDecision(t, not identified, None, "named_document" if identified else "unnamed_document")
    if t == "unnamed_person":
        rule = "unnamed_role" if x[_F["head_is_role"]] else "unnamed_person"
        return TypeDecision(t, True, 1, rule)
    if t == "unnamed_group":
        rule = "unnamed_role" if x[_F["head_is_role"]] else "generic_group"
        numbered = words[0] in NUMBER_WORDS or words[0].isdigit()
        return TypeDecision(t, True, cnt if numbered and cnt > 1 else None, rule)
    return TypeDecision("vague", True, None, "vague_group")


def anonymity_reason_span(doc: Document, a: int, b: int) -> Span | None:
    """The stated reason for anonymity in ``text[a:b]`` ('because they were not authorized to speak')."""
    text = doc.text
    low = doc.low
    reasons = [h for h in doc.hits_in(a, b) if h.entry.rule == "anonymity_reason"]
    if not reasons:
        # "who asked not to be named because she feared retaliation": a because-clause after a marker.
        for h in doc.hits_in(a, b):
            if h.entry.rule == "anonymity_marker":
                m = _BECAUSE.match(low, h.end)
                if m:
                    start = m.start(1)
                    e = re.compile(r"[,.;:!?\u2014\u2013\"\u201c\u201d()]").search(text, start, b)
                    end = _trim_clause(doc, start, e.start() if e else b)
                    return Span(start, end, text[start:end])
        return None
    h = reasons[0]
    # Start at the conjunction that opens the reason clause, if it is close before the phrase.
    start = h.start
    m = re.search(
        r"(?:because|since|as|for fear|fearing|to avoid|so as not to)\b[^,.;]{0,40}$",
        low[max(a, h.start - 48) : h.start],
    )
    if m:
        start = max(a, h.start - 48) + m.start()
    # End at the end of the clause.
    stop = re.compile(r"[,.;:!?\u2014\u2013\"\u201c\u201d()]")
    e = stop.search(text, h.end, b)
    end = e.start() if e else b
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


_BECAUSE = re.compile(
    r"\s*,?\s*((?:because|since|for fear|fearing|to avoid|so as not to|as (?:he|she|they) (?:was|were))\b)"
)
#: A reason clause ends before the verb of the attribution it sits in ("... because she feared retaliation said").
_CLAUSE_END_VERBS = re.compile(r"\s+(?:" + "|".join(map(re.escape, word_table("clause_end_verbs"))) + r")\b")


def _trim_clause(doc: Document, start: int, end: int) -> int:
    m = _CLAUSE_END_VERBS.search(doc.low, start, end)
    if m:
        end = m.start()
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return end


def determiner_of(word: str) -> str | None:
    return word if word in DETERMINERS else None
