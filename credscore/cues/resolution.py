"""Back-references: pronouns and short descriptions resolved to the source they mean.

"He said" after "a senior official said" is the official, unnamed; after
"Mayor Linda Park said" it is not Linda Park (a woman) but whoever the text
named last that "he" fits. A pronoun or description takes the type and
anonymity of the source it resolves to and keeps it as ``refers_to``.

Resolution looks back through the sources already found in the article
(nearest first, at most :data:`PRONOUN_REACH` sentences for a pronoun and
:data:`DESCRIPTION_REACH` for a description), checking number (he/she one
person, they a group), person versus organisation (it), and gender (first
names, titles, gendered role words, and pronouns already resolved to the
source). With no source to resolve to, "he"/"she" look for a named person
mentioned in the sentences before; failing that, the mention is typed by its
own words, toward doubt: "he" alone is an unnamed person.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..lexicon import word_list, word_table
from .base import Rule, Source, Span, register
from .document import Document
from .entities import Mention, Registry, registry
from .names import common_words, first_name_gender, person_surnames
from .source_types import (
    anonymity_reason_span,
    is_organisation_kind,
    is_outlet_kind,
    organisation_in_focus,
    type_span,
)
from .sources import DASHES, PREPOSITIONS, clause_subject, np_left_edge, subject_before
from .text import DETERMINERS, NUMBER_WORDS, PRONOUNS, count_from, is_name_token
from .typer import TypeDecision

__all__ = ["DESCRIPTION_REACH", "PRONOUN_REACH", "build_source", "root"]

register(
    Rule(
        "pronoun_source",
        "named_source",
        "he/she/they/it as source: the type of the source it refers back to",
        "resolution",
    ),
    Rule("back_reference", "named_source", "'the official', 'one of them': the source it points back to", "resolution"),
)

#: How many sentences back a pronoun looks for the source it refers to.
PRONOUN_REACH = 4
#: How many sentences back "the official" looks for "a senior official".
DESCRIPTION_REACH = 12
#: How far after a source (characters) its stated reason for anonymity may end.
REASON_REACH = 240
#: Most earlier sources a back-reference looks at (bounded work in a pathological sentence).
MAX_CANDIDATES = 40
#: How many sentences back "he"/"she" look for a named person who is not a source.
MENTION_REACH = 5

_FEMALE = word_list("female_words")
_MALE = word_list("male_words")
_PARTITIVE = re.compile(
    r"(" + "|".join(map(re.escape, word_table("partitive_quantifiers"))) + r")"
    r"\s+of\s+(them|those|these|us|you|the\s.+|its\s.+|their\s.+|his\s.+|her\s.+|\w+['\u2019]s\s.+)$"
)
#: Head nouns of a description that can point back ("the official", "the newspaper", "the source").
_DESCRIPTION_HEADS = word_list("description_heads")
#: Possessive and object pronouns as sources, and the pronoun they resolve like.
_POSSESSIVE_PRONOUNS = word_table("possessive_pronouns")
_SYNONYMS: dict[str, str] = word_table("description_synonyms")
_WORD = re.compile(r"[\w][\w.'\u2019&-]*")


def _stems() -> frozenset[str]:
    return frozenset(_stem(h) for h in _DESCRIPTION_HEADS)


def root(src: Source) -> Source:
    """The source a chain of back-references ends at."""
    n = 0
    while src.refers_to is not None and n < 32:
        src, n = src.refers_to, n + 1
    return src


def _stem(word: str) -> str:
    w = _SYNONYMS.get(word, word)
    if w.endswith("people"):
        return "person"
    return _SYNONYMS.get(w.rstrip("s"), w.rstrip("s"))


def _gender(doc: Document, src: Source) -> str | None:
    g = doc.gender_of.get(id(src))
    if g:
        return g
    words = _WORD.findall(src.text)
    for i, w in enumerate(words):
        lw = w.lower().rstrip(".")
        if lw in DETERMINERS:
            continue  # "Her neighbor, Tom Reilly": "her" is someone else
        if lw in _FEMALE:
            return "f"
        if lw in _MALE:
            return "m"
        if i + 1 < len(words) and is_name_token(w):
            g = first_name_gender(w)
            if g and is_name_token(words[i + 1]):
                return g
    caps = _CAP_WORD.findall(src.text)
    if caps and src.type == "named_person":
        return registry(doc).genders.get(caps[-1].rstrip(".").removesuffix("'s").removesuffix("\u2019s"))
    return None


def _is_plural(src: Source) -> bool:
    if src.count is not None:
        return src.count > 1
    return src.type in ("unnamed_group", "vague") or (src.type == "named_organization" and not src.outlet)


def _fits(doc: Document, word: str, src: Source) -> bool:
    r = root(src)
    if word in ("he", "she"):
        if r.type not in ("named_person", "unnamed_person") or (r.count or 1) > 1:
            return False
        g = _gender(doc, r)
        return g is None or g == ("m" if word == "he" else "f")
    if word == "they":
        return (_is_plural(r) and r.type != "document") or r.type == "named_organization"
    if word == "it":
        return r.type in ("named_organization", "document") or (r.outlet and not _is_plural(r))
    return False


def _candidates(doc: Document, idx: int, reach: int):
    for j in range(len(doc.history) - 1, max(-1, len(doc.history) - 1 - MAX_CANDIDATES), -1):
        sidx, src = doc.history[j]
        if idx - sidx > reach:
            return
        yield src


def _from_antecedent(src: Source, ante: Source, rule: str, count: int | None = None) -> Source:
    r = root(ante)
    typ = r.type
    if count == 1 and typ == "unnamed_group" and not r.outlet:
        typ = "unnamed_person"  # "the official" out of "two people familiar with the plan"
    return replace(
        src,
        type=typ,
        anonymous=r.anonymous,
        count=r.count if count is None else count,
        refers_to=ante,
        rule=rule,
        outlet=r.outlet,
    )


_FULL_NAME = re.compile(
    r"(?:(?:" + "|".join(map(re.escape, word_table("full_name_abbreviations"))) + r")\.\s+"
    r"|(?:" + "|".join(map(re.escape, word_table("full_name_titles"))) + r")\s+)?"
    r"[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'\u2019-]+)+"
)
_CAP_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[\w-]+")  # \b[A-Z][\w-]+, capital first (see names._PERSON_NAME)
_TITLE_GENDER = word_table("title_gender")
_NEUTRAL_TITLES = word_list("neutral_titles")


def _mention(doc: Document, idx: int, pos: int, word: str) -> Source | None:
    """A named person written in the sentences before (or earlier in this one) that 'he'/'she' fits:
    a full name ("Linda Park", "Mr. Lee") or a last name the article gave with a first name before."""

    lo = doc.sentences[max(0, idx - MENTION_REACH)].start
    want = "m" if word == "he" else "f"
    window = doc.text[lo:pos]
    best: tuple[int, int] | None = None
    for m in _FULL_NAME.finditer(window):
        words = m.group().split()
        first = words[0].rstrip(".").lower()
        g = _TITLE_GENDER.get(first)
        for w in words[:-1]:
            g = g or first_name_gender(w)
        if g == want or (g is None and (first in _NEUTRAL_TITLES or first_name_gender(words[0]) is None)):
            if g is not None or first in _NEUTRAL_TITLES or _known_person(words):
                best = (m.start(), m.end())
    surnames = dict(person_surnames(doc))
    for _, src in doc.history:
        r = root(src)
        if r.type == "named_person":
            for w in _CAP_WORD.findall(r.text)[-1:]:
                surnames.setdefault(w, _gender(doc, r))
    if surnames:
        for m in _CAP_WORD.finditer(window):
            if best is not None and best[0] <= m.start() < best[1]:
                continue  # inside the full name already found: keep the full name
            if m.group() in surnames and (best is None or m.start() > best[0]):
                g = surnames[m.group()]
                if g is None or g == want:
                    best = (m.start(), m.end())
    if best is None:
        return None
    a, b = lo + best[0], lo + best[1]
    return Source(doc.text[a:b], a, b, "named_person", False, 1, rule="named_entity")


def _known_person(words: list[str]) -> bool:
    return first_name_gender(words[0]) is not None


#: Words that cannot make a source on their own (prepositions and conjunctions).
_FUNCTION_WORDS = word_list("no_source_words")
#: Words that date a phrase on their own ('Monday', 'yesterday', 'week', 'mornings').
_DATE_WORDS = word_list("weekdays") | word_list("weekdays_dates") | word_list("time_units")
_DATE_WORDS |= {w + "s" for w in _DATE_WORDS}
_MONTHS = word_list("months")
#: Words that only join a date's words ('last', 'on', 'ago', 'p.m.').
_TIME_JOINERS = word_list("time_joiners")


def is_time_or_number(words: list[str]) -> bool:
    """Is a phrase (lower-case words) only a date or a time ("Monday", "last week", "Tuesday morning",
    "March 3", "2019", "two years ago")? Such a phrase names no one. A month alone may be a name ("May
    said"), a number alone may count people ("Two said they would stay"), and a share of respondents ("53%")
    is left to the poll-share rule."""
    clean = [c for c in (w.strip(".,;:()") for w in words) if c]
    dated = False
    month = number = False
    for w in clean:
        if w in _DATE_WORDS:
            dated = True
        elif w in _MONTHS:
            month = True
        elif w.isdigit():
            number = True
            dated = dated or (len(w) == 4 and w[:2] in ("19", "20"))  # a year
        elif w in NUMBER_WORDS:
            number = True
        elif w not in _TIME_JOINERS:
            return False
    return dated or (month and number)


def build_source(doc: Document, idx: int, a: int, b: int, cue: Span | None) -> Source | None:
    """The :class:`Source` for the phrase ``text[a:b]`` of sentence ``idx``: resolved or typed, with the
    stated reason for its anonymity when the sentence gives one."""
    src = _build(doc, idx, a, b, cue)
    if src is not None and src.anonymous and src.type != "vague" and src.anonymity_reason is None:
        s = doc.sentences[idx]
        reason = anonymity_reason_span(doc, src.start, min(s.end, src.end + REASON_REACH))
        if reason is not None:
            src = replace(src, anonymity_reason=reason)
    return src


def _build(doc: Document, idx: int, a: int, b: int, cue: Span | None) -> Source | None:
    text = doc.text
    low = doc.low
    phrase = " ".join(low[a:b].split())
    words = phrase.split()
    if text[a:b] == "A" and _answer_label(doc, a, b):
        who = _interviewee(doc, a)  # "A: I came home from school ...": the person the interview is with
        if who is None:
            return None
        return Source(text[a:b], a, b, "named_person", False, 1, refers_to=who, cue=cue, rule="speaker_label")
    if not words or all(w in _FUNCTION_WORDS for w in words):
        return None  # "Said to be close, ...": "to" is no one
    if is_time_or_number(words):
        return None  # '"...," said Monday', "20 said": a date or a number is no one
    base = Source(text[a:b], a, b, "vague", True, None, None, None, None, False, cue, "")
    pronoun = len(words) == 1 and not _capitals_not_pronoun(doc, idx, text[a:b])
    if pronoun and words[0] in PRONOUNS:
        return _pronoun(doc, idx, base, words[0])
    if pronoun and words[0] in _POSSESSIVE_PRONOUNS:
        return _pronoun(doc, idx, base, _POSSESSIVE_PRONOUNS[words[0]])  # "His advice:", "whose lawyers"
    m = _PARTITIVE.match(phrase)
    if m:
        return _partitive(doc, idx, base, m)
    if (
        len(words) <= 4
        and words[0] in ("the", "that", "this", "these", "those")
        and (_stem(words[-1]) in _DESCRIPTION_STEMS)
        and not any(w[:1].isupper() for w in text[a:b].split()[1:])
    ):  # "the Daehan Ilbo newspaper" names one
        ante = _description_antecedent(doc, idx, words)
        if ante is not None:
            plural = words[-1].endswith("s") or words[-1] in ("people", "staff")
            count = None if plural else 1
            return _from_antecedent(base, ante, "back_reference", count)
    if (
        2 <= len(words) <= 3
        and words[0] in ("the", "both")
        and is_organisation_kind(words[-1])
        and not any(w[:1].isupper() for w in text[a:b].split()[1:-1])  # "the Daehan Ilbo newspaper" names one
    ):
        ref = _organisations_mentioned(doc, idx, a, plural=words[-1].endswith("s") or words[0] == "both")
        d = type_span(doc, ref.start, ref.end) if ref is not None else None
        if ref is not None and bool(d and d.outlet) == is_outlet_kind(words[-1]):
            # "Mizuho and SMFG ... The firms denied ...", "U.S. News & World Report ... The magazine said": the
            # bodies the article named, though neither was a source before; "the newspaper" only a paper
            return replace(base, type="named_organization", anonymous=False, count=None, refers_to=ref,
                           rule="back_reference", outlet=bool(d and d.outlet))  # fmt: skip
    if len(words) <= 3 and words[-1] in _SPOKES and words[0] in ("a", "an", "the", "one"):
        return _spokesperson(doc, idx, base)
    d = type_span(doc, a, b)
    if d is None:
        return None
    return _typed(doc, idx, base, d)


_SPOKES = word_list("spokesperson_heads")


def _spokesperson(doc: Document, idx: int, base: Source) -> Source:
    """'A spokesman said' with no organisation named: the organisation the article just spoke of, if a
    named one is among the sources before; otherwise one unnamed person (fail toward doubt)."""
    for cand in _candidates(doc, idx, PRONOUN_REACH):
        r = root(cand)
        if r.type == "named_organization" and not r.anonymous:
            return replace(
                base,
                type="named_organization",
                anonymous=False,
                count=None,
                refers_to=cand,
                rule="spokesperson",
                outlet=r.outlet,
            )
    org = _organisation_mentioned(doc, idx, base.start)
    if org is not None:
        # "Huawei released its figures on Thursday. ..., a spokeswoman said.": a name the article opened a
        # sentence with, no person's, is the one body in focus.
        ref = Source(doc.text[org.start : org.end], org.start, org.end, "named_organization", False, None,
                     rule="named_entity")  # fmt: skip
        return replace(base, type="named_organization", anonymous=False, count=None, refers_to=ref,
                       rule="spokesperson")  # fmt: skip
    if organisation_in_focus(doc, base.start):
        # "Delta Air Lines canceled 300 flights. ..., a spokeswoman said.": the airline in focus, though it
        # was not a source before.
        return replace(base, type="named_organization", anonymous=False, count=None, rule="spokesperson")
    return replace(base, type="unnamed_person", anonymous=True, count=1, rule="unnamed_role")


def _organisations_mentioned(doc: Document, idx: int, pos: int, *, plural: bool) -> Source | None:
    """The bodies a definite description of organisations points back to, from the article's registry, within
    :data:`MENTION_REACH` sentences: for "the firms" the two or more organisations of the latest sentence that
    names several ("Mizuho and SMFG"), for "the company" the one organisation named there. None when the text
    leaves it open (two bodies for "the company", none): the phrase is typed as it reads (fail toward doubt)."""
    reg = registry(doc)
    lo = doc.sentence_starts[max(0, idx - MENTION_REACH)]
    by_sentence: dict[int, dict[str, Mention]] = {}
    for m in reg.between(lo, pos):
        if m.kind == "person" or reg.genders.get(m.key) or first_name_gender(m.key) is not None:
            continue
        if m.kind == "opener" and doc.low[m.start : m.end] in common_words():
            continue  # "Prices rose": a capital that only opens the sentence
        if m.kind != "organization":
            d = type_span(doc, m.start, m.end)
            # for "the firms", a name no person's is one of them ("Mizuho and SMFG"): the description says what
            # they are; for "the company", the name must read as an organisation's itself
            if d is None or d.anonymous or d.type not in (("named_organization", "named_person") if plural else
                                                          ("named_organization",)):  # fmt: skip
                continue
        j = bisect_right(doc.sentence_starts, m.start) - 1
        by_sentence.setdefault(j, {}).setdefault(m.key, m)
    for j in sorted(by_sentence, reverse=True):
        found = list(by_sentence[j].values())
        if plural:
            run = _last_coordinated(doc, sorted(found, key=lambda m: m.start))
            if len(run) >= 2:
                a, b = run[0].start, run[-1].end
                return Source(doc.text[a:b], a, b, "named_organization", False, len(run), rule="named_entity")
            continue  # no bodies joined here: look further back
        if len(found) == 1:
            m = found[0]
            return Source(doc.text[m.start : m.end], m.start, m.end, "named_organization", False, None,
                          rule="named_entity")  # fmt: skip
        return None  # the latest sentence that names bodies names two for "the company": whose cannot be told
    return None


_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)$")


def _last_coordinated(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """The last run of two or more mentions joined by "and", "&" or commas ("Kiko Network, Peace Boat and FoE
    Japan"), or an empty list."""
    best: list[Mention] = []
    run: list[Mention] = []
    for m in mentions:
        run = [*run, m] if run and _COORDINATION.match(doc.text, run[-1].end, m.start) else [m]
        if len(run) >= 2:
            best = run
    return best


#: How many sentences back (this one and the one before) a spokesperson looks for the body in focus.
SPOKESPERSON_FOCUS = 1


_ITS = re.compile(r"\bits\b")


def _sentence_end(doc: Document, pos: int) -> int:
    return doc.sentences[bisect_right(doc.sentence_starts, pos) - 1].end


def _organisation_mentioned(doc: Document, idx: int, pos: int) -> Mention | None:
    """The one organisation, or name no person's, that the registry has in the sentence of ``pos`` or the
    one before (:data:`SPOKESPERSON_FOCUS`), as the subject of its sentence; the typer must read it as a
    named person or organisation (not "Officials"), and a word that is capitalised only because it opens
    the sentence needs an "its" used of it ("Huawei released its figures"; not "Prices rose"). Two or more:
    None (whose spokesperson it is cannot be told; fail toward doubt)."""
    reg = registry(doc)
    lo = doc.sentence_starts[max(0, idx - SPOKESPERSON_FOCUS)]
    found: dict[str, Mention] = {}
    for m in reg.between(lo, pos):
        if m.kind == "person" or reg.genders.get(m.key) or first_name_gender(m.key) is not None:
            continue
        if (
            m.kind == "opener"
            and doc.low[m.start : m.end] in common_words()
            and not _ITS.search(doc.low, m.end, _sentence_end(doc, m.start))
        ):
            # "Prices rose": a word news writes in lower case, no evidence of a name; "Huawei released its
            # figures": "its" is the body; "Maersk held a news conference": no common word, a name
            continue
        if m.kind in ("name", "opener"):
            if not m.subject:
                continue
            d = type_span(doc, m.start, m.end)
            if d is None or d.anonymous or d.type not in ("named_organization", "named_person"):
                continue
        found.setdefault(m.key, m)
    return next(iter(found.values())) if len(found) == 1 else None


#: Salience of an antecedent for "he"/"she" (centering, in its simplest form): each sentence nearer the
#: pronoun counts one, being a source of the article one more and opening its sentence (its subject) one
#: more; ties go to the later mention. So a source or subject one sentence further back still beats an
#: object mention nearer ("A senior official said ... He met Tom Jones. He said": the official). Set by
#: hand from the annotation guide's examples, not fitted.
SOURCE_SALIENCE = 1
SUBJECT_SALIENCE = 1


def _salient_person(doc: Document, idx: int, pos: int, word: str) -> Source | Mention | None:
    """The most salient person "he"/"she" can mean (:data:`SOURCE_SALIENCE`, :data:`SUBJECT_SALIENCE`):
    an earlier source (within :data:`PRONOUN_REACH` sentences) or a person the article mentioned (within
    :data:`MENTION_REACH`: "Maria Lopez has run the bakery for 20 years. She said ..."), never one of the
    other gender. The gender is learnt for the entity chosen. None: nobody fits, the older rules decide."""
    want = "m" if word == "he" else "f"
    reg = registry(doc)
    starts = doc.sentence_start_set
    best: tuple[int, int] | None = None
    chosen: Source | None = None
    mention: Mention | None = None
    covered: list[tuple[int, int]] = []
    person_keys = set()
    for cand in _candidates(doc, idx, PRONOUN_REACH):
        r = root(cand)
        covered.append((cand.start, cand.end))
        if r.type == "named_person":
            person_keys.update(w for w in _CAP_WORD.findall(r.text)[-1:])
        if not _fits(doc, word, cand):
            continue
        j = bisect_right(doc.sentence_starts, cand.start) - 1
        score = (j + SOURCE_SALIENCE + SUBJECT_SALIENCE * (cand.start in starts), cand.start)
        if best is None or score > best:
            best, chosen, mention = score, cand, None
    lo = doc.sentence_starts[max(0, idx - MENTION_REACH)]
    for m in reg.between(lo, pos):
        if any(a <= m.start < b for a, b in covered):
            continue  # the source itself is a candidate already
        if not _person_fits(reg, m, want, person_keys):
            continue
        j = bisect_right(doc.sentence_starts, m.start) - 1
        score = (j + SUBJECT_SALIENCE * m.subject, m.start)
        if best is None or score > best:
            best, chosen, mention = score, None, m
    if best is None:
        return None
    if chosen is not None:
        doc.gender_of.setdefault(id(root(chosen)), want)
        caps = _CAP_WORD.findall(root(chosen).text)
        if root(chosen).type == "named_person" and caps and _gender(doc, root(chosen)) in (None, want):
            reg.learn_gender(caps[-1], want)
        return chosen
    if mention is not None:
        reg.learn_gender(mention.key, want)
    return mention


def _person_fits(reg: Registry, m: Mention, want: str, person_keys: set[str]) -> bool:
    """Can "he"/"she" (gender ``want``) mean the entity of mention ``m``? A person of that gender or of
    none known; a capitalised name the text does not type only when it opens its sentence (a profile's
    lead) or an earlier source was that person."""
    if m.kind in ("organization", "opener"):
        return False
    if m.kind == "name" and not (m.subject or m.key in person_keys):
        return False
    g = reg.gender(m)
    return g is None or g == want


def _typed(doc: Document, idx: int, base: Source, d: TypeDecision) -> Source:
    return replace(base, type=d.type, anonymous=d.anonymous, count=d.count, rule=d.rule, outlet=d.outlet)


def _pronoun(doc: Document, idx: int, base: Source, word: str) -> Source | None:
    if word in ("i", "we"):
        if doc.in_quote(base.start):
            return None  # the speaker of the quotation: its attribution says who
        return replace(
            base, type="named_person", anonymous=False, count=1 if word == "i" else None, rule="pronoun_source"
        )  # the writer, on the record
    if word == "you":
        if doc.in_quote(base.start):
            return None
        if _in_question(doc, base.start):
            who = _interviewee(doc, base.start)  # "Q: Will you vote for him?": the person interviewed
            if who is not None:
                return replace(
                    base, type="named_person", anonymous=False, count=1, refers_to=who, rule="pronoun_source"
                )
        return replace(base, type="vague", anonymous=True, count=None, rule="pronoun_source")  # generic "you"
    if word in ("who", "which"):
        ante = _relative_antecedent(doc, idx, base.start)
        if ante is None:
            return None
        return _from_antecedent(base, ante, "pronoun_source")
    if word in ("he", "she"):
        found = _salient_person(doc, idx, base.start, word)
        if isinstance(found, Mention):
            m = found  # a person the article mentioned, not a source: the pronoun makes them one
            ment = Source(doc.text[m.start : m.end], m.start, m.end, "named_person", False, 1, rule="named_entity")
            return replace(base, type="named_person", anonymous=False, count=1, refers_to=ment, rule="pronoun_source")
        if found is not None:
            return _from_antecedent(base, found, "pronoun_source")
    for cand in _candidates(doc, idx, PRONOUN_REACH):
        if _fits(doc, word, cand):
            return _from_antecedent(base, cand, "pronoun_source")
    if word in ("he", "she"):
        ment = _mention(doc, idx, base.start, word)
        if ment is None:
            # A profile: the person it is about was named further back.
            for cand in _candidates(doc, idx, DESCRIPTION_REACH):
                if root(cand).type == "named_person" and _fits(doc, word, cand):
                    return _from_antecedent(base, cand, "pronoun_source")
        if ment is not None:
            return replace(base, type="named_person", anonymous=False, count=1, refers_to=ment, rule="pronoun_source")
        return replace(base, type="unnamed_person", anonymous=True, count=1, rule="pronoun_source")
    ment = _group_mention(doc, idx, base.start, word)
    if ment is not None:
        return _from_antecedent(base, ment, "pronoun_source")
    return replace(base, type="vague", anonymous=True, count=None, rule="pronoun_source")  # nobody before it


#: Lexicon classes whose phrase a "they" or "it" may point back to when it is not a source itself.
_THEY_CLASSES = frozenset({"generic_group", "vague_group", "unnamed_role", "organization", "media_outlet"})
_IT_CLASSES = frozenset({"named_document", "public_record", "news_report", "organization", "media_outlet"})


def _group_mention(doc: Document, idx: int, pos: int, word: str) -> Source | None:
    """'As Republicans scrambled ..., they said': the group or body a 'they'/'it' means, typed by its words."""
    classes = _THEY_CLASSES if word == "they" else _IT_CLASSES if word == "it" else None
    if classes is None:
        return None
    lo = doc.sentences[max(0, idx - 2)].start
    fronted = _fronted_phrase_end(doc, idx, pos)
    cands = [
        h
        for h in doc.hits_in(lo, pos)
        if h.entry.rule in classes and not doc.in_quote(h.start) and not (doc.sentences[idx].start <= h.start < fronted)
    ]
    for h in reversed(cands):
        hw = doc.low[h.start : h.end]
        plural = hw.endswith("s") or hw in ("police", "people", "staff")
        if word == "they" and not plural:
            continue
        if word == "it" and plural and h.entry.rule != "public_record":
            continue

        s = doc.sentences[max(0, bisect_right(doc.sentence_starts, h.start) - 1)]
        a = np_left_edge(doc, s, h.start)
        d = type_span(doc, a, h.end)
        if d is None:
            continue
        return Source(doc.text[a : h.end], a, h.end, d.type, d.anonymous, d.count, rule=d.rule, outlet=d.outlet)
    if word == "they":
        return _plural_subject(doc, idx, pos)
    return None


def _plural_subject(doc: Document, idx: int, pos: int) -> Source | None:
    """'The Brujas have found a support system in their group. Riding alone ..., they said': the plural noun
    phrase that opens this sentence (before the pronoun) or one of the two before it, when no source and no
    lexicon group fits; typed by its words. A pronoun, a quotation or a phrase that is no plural is none."""
    fronted = _fronted_phrase_end(doc, idx, pos)
    for j in range(idx, max(-1, idx - 3), -1):
        span = clause_subject(doc, doc.sentences[j])
        if span is None:
            continue
        a, b = span
        if b > pos or (j == idx and a < fronted) or doc.in_quote(a):
            continue
        words = doc.low[a:b].split()
        head = words[-1].strip(".,;:")
        if head in PRONOUNS or not (head.endswith("s") and not head.endswith(("ss", "'s", "\u2019s"))):
            continue
        d = type_span(doc, a, b)
        if d is None or d.type == "document":
            continue
        return Source(doc.text[a:b], a, b, d.type, d.anonymous, d.count, rule=d.rule, outlet=d.outlet)
    return None


#: A line that asks a question of a question-and-answer interview: "Q:", "Q." or a "Q" run into the question.
_QUESTION_LINE = re.compile(r"[ \t]*Q(?:[ \t]*[:.]|(?=[A-Z\"\u201c]))")
#: The same, searched for anywhere before a position: a line that opens with it.
_ANY_QUESTION_LINE = re.compile(r"(?m)^" + _QUESTION_LINE.pattern)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _in_question(doc: Document, pos: int) -> bool:
    """Is ``pos`` on a line that asks an interview's question ("Q: Will you vote for him?")?"""
    return _QUESTION_LINE.match(doc.text, _line_start(doc.text, pos)) is not None


def _answer_label(doc: Document, a: int, b: int) -> bool:
    """Is ``text[a:b]`` ("A") the label of an answer, opening its line in an interview whose questions open
    theirs with "Q" ("A: I came home from school ...")?"""
    text = doc.text
    if text[b : b + 1] not in (":", ".") or text[_line_start(text, a) : a].strip():
        return False
    return _ANY_QUESTION_LINE.search(text, 0, a) is not None


def _interviewee(doc: Document, pos: int) -> Source | None:
    """The person a question-and-answer interview is with: the person the article names most often before
    ``pos`` (the earliest of equals), as first named."""
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for m in registry(doc).between(0, pos):
        if m.kind == "person":
            counts[m.key] = counts.get(m.key, 0) + 1
            first.setdefault(m.key, m)
    if not counts:
        return None
    m = first[max(counts, key=lambda k: (counts[k], -first[k].start))]
    return Source(doc.text[m.start : m.end], m.start, m.end, "named_person", False, 1, rule="named_entity")


def _fronted_phrase_end(doc: Document, idx: int, pos: int) -> int:
    """Where a phrase that opens sentence ``idx`` with a preposition ends, at its comma before ``pos`` ("In a
    court filing on Tuesday, it said": the filing is where "it" spoke, not who); else the sentence start."""
    s = doc.sentences[idx]
    first = doc.low[s.start : s.start + 12].split(maxsplit=1)
    if not first or first[0] not in PREPOSITIONS:
        return s.start
    comma = doc.text.find(",", s.start, pos)
    return comma if comma >= 0 else s.start


def _relative_antecedent(doc: Document, idx: int, pos: int) -> Source | None:
    """'Barkley, who said ...': the phrase a relative pronoun hangs on, typed (or resolved) itself."""

    s = doc.sentences[idx]
    toks = doc.tokens(max(s.start, pos - 200), pos)
    j = len(toks) - 1
    if j >= 0 and (toks[j][2] == "," or (toks[j][2] in DASHES and doc.text[toks[j][0] - 1 : toks[j][0]].isspace())):
        j -= 1  # "Barkley, who said ...", "The IAAF - which said ... -"
    if j < 0:
        return None
    span = subject_before(doc, s, toks, j)
    if span is None:
        return None
    a, b = span
    words = doc.low[a:b].split()
    if len(words) > 1 and (words[0] in PREPOSITIONS or words[0] == "by"):
        a += _FIRST_WORD.match(doc.low, a, b).end() - a  # "echoed by rural voters, who said": after the preposition
        words = words[1:]
    if len(words) == 1 and words[0] in PRONOUNS:
        return None
    if len(words) == 1 and words[0] in _DEMONSTRATIVES:
        b = pos + len(doc.low[pos : pos + 8].split()[0])  # "those who ...": the pronoun is the whole phrase's
    return build_source(doc, idx, a, b, None)


_FIRST_WORD = re.compile(r"\S+\s+")
#: Pronouns a relative clause completes ("those who thought", "anyone who"): typed with the relative pronoun.
_DEMONSTRATIVES = word_list("relative_heads")


def _capitals_not_pronoun(doc: Document, idx: int, raw: str) -> bool:
    """'US fears', 'IT said': a pronoun's letters in capitals, in a sentence that is not all capitals, are an
    acronym (the United States), not the pronoun."""
    raw = raw.strip(".,;:")
    if len(raw) < 2 or not raw.isupper():
        return False
    s = doc.sentences[idx]
    return any(c.islower() for c in doc.text[s.start : s.end])


def _partitive(doc: Document, idx: int, base: Source, m: re.Match[str]) -> Source:
    """'one of them', 'two of the officials', 'several of its members'."""
    q, group = m.group(1), m.group(2)
    n, _exact = count_from([q], "x")
    one = q in ("one", "another", "either", "neither", "each")
    ante = None
    if group in ("them", "those", "these"):
        # An outlet that reported it is not the group "them" points to ("Four aides resigned, the newspaper said.").
        ante = next(
            (c for c in _candidates(doc, idx, PRONOUN_REACH) if _is_plural(root(c)) and not root(c).outlet), None
        )
        if ante is None:
            ante = _group_mention(doc, idx, base.start, "they")  # "Four aides resigned. One of them said"
    else:
        gw = group.split()
        head = next((w for w in gw if w in ("for", "of", "at", "in", "who", "that")), None)
        ante = _description_antecedent(doc, idx, gw[: gw.index(head)] if head else gw)
    r = root(ante) if ante is not None else None
    if ante is not None and r is not None and q in ("all", "both", "each"):
        return _from_antecedent(base, ante, "back_reference")  # the whole group: as named as it is
    if r is not None and r.type == "vague":
        typ = "vague"
    else:
        typ = "unnamed_person" if one else "unnamed_group"
    count = 1 if one else (n if n > 1 and q not in ("all", "most", "many") else None)
    return replace(
        base,
        type=typ,
        anonymous=True,
        count=count,
        refers_to=ante,
        rule="back_reference",
        outlet=bool(r is not None and r.outlet),
    )


#: Descriptions that may point back to any earlier unnamed source ("the official" after "two people
#: familiar with the plan"): the words reporters use for an anonymous source.
_ANONYMOUS_HEADS = word_list("anonymous_heads")


def _description_antecedent(doc: Document, idx: int, words: list[str]) -> Source | None:
    head = _stem(words[-1])
    cands = list(_candidates(doc, idx, DESCRIPTION_REACH))
    for cand in cands:
        r = root(cand)
        cw = _WORD.findall(r.text.lower())
        if any(_stem(w) == head for w in cw):
            return cand
    if head in _ANONYMOUS_HEADS:
        for cand in cands:
            r = root(cand)
            if r.anonymous and r.type in ("unnamed_person", "unnamed_group") and not r.outlet:
                return cand
    return None


#: Stems of the description heads, computed once (``_stem`` needs the synonym table above).
_DESCRIPTION_STEMS = _stems()
