"""Source spans: where the source of an attribution is written, relative to its cue.

Given an attribution cue, find the stretch of text that names its source:

- the subject before the verb ("Three people who worked on the merger said",
  "John Lee, a spokesman for the ministry, said", "officials at the agency
  say") — :func:`subject_before`;
- a postposed speaker ('"...," said Ms. Lee, a Democrat') and the object of
  "according to" or "citing" (``according to the fire chief, Tom Reyes,``) —
  :func:`phrase_after`;
- the subject of the sentence for a participle ("Rubio endorsed Cruz,
  saying ...") — :func:`sentence_subject`.

Spans follow PolNeAR's convention (Newell et al. 2018): determiners,
quantifiers, adjectives and the modifiers and clauses that identify the source
belong to it ("a person familiar with the matter", "an aide who asked not to
be named"); a participle clause between subject and verb ("Trump, speaking in
Iowa, said") does not. Every finder is linear in the window it reads.

Why this module is long (~580 lines): finding the source phrase of a verb of saying is one walk through
the words around it (subject before, phrase after, appositives, relative clauses, parentheticals,
interjections, time phrases), and each step needs the same token window; kept together so the order
of the checks is visible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..lexicon import word_list, word_table
from ..sentences import Sentence
from .document import Document
from .names import PERSON_TITLES, first_names, is_person_noun, lower_org_words, place_words
from .text import CLAUSE_WORDS, DETERMINERS, NP_STOP, NUMBER_WORDS, PRONOUNS, QUOTE_CHARS, Token, is_name_token

__all__ = [
    "DASHES",
    "MAX_SOURCE_TOKENS",
    "WINDOW",
    "abbreviation_period",
    "clause_subject",
    "np_left_edge",
    "phrase_after",
    "relative_antecedent",
    "relative_that",
    "sentence_subject",
    "skip_back",
    "stray_comma_after_subject",
    "stray_comma_after_tag",
    "subject_before",
]

#: Longest source phrase considered, in tokens (PolNeAR train: 97% of source spans are shorter).
MAX_SOURCE_TOKENS = 24
#: Characters read around a cue for its source.
WINDOW = 220

#: Between a source and its verb: "Trump also said", "officials have long argued".
SKIP_BEFORE_VERB = word_list("skip_before_verb")
_MODALS = word_list("modals")
WEEKDAYS_DATES = word_list("weekdays_dates")
_DATE_WORDS = word_list("months") | word_list("weekdays")
#: Words that end a subject when walking back from the verb: a new clause begins after them.
SUBORDINATORS = word_list("subordinators")
#: Prepositions a source phrase may hold ("a spokeswoman for Delta", "officials at the agency").
PREPOSITIONS = word_list("prepositions")
#: Adjectives and participles that take a preposition inside a source phrase.
POST_MODIFIERS = word_list("post_modifiers")
#: Sentence adverbs dropped from the front of a subject ("Now officials say").
_FRONT_ADVERBS = word_list("front_adverbs")
#: Words that open an appositive or relative clause describing the source.
_APPOSITIVE_OPENERS = word_list("appositive_openers")
#: Words that open a participle or adverbial clause that is not part of the source.
_NOT_APPOSITIVE = word_list("not_appositive")


#: Participles between a document and its verb ("a poll released Tuesday shows").
_DOC_PARTICIPLES = word_list("document_participles")
_TIME_UNITS = word_list("time_units")


#: Interjections between commas that are not part of the source ("Will Rogers, for example, said").
_INTERJECTIONS = tuple(tuple(p.split()) for p in word_table("interjections"))
_AGO = word_list("ago_words")


def skip_interjection(toks: list[Token], j: int) -> int:
    """'X, for example, said': the index of the last token before ', for example,'; else ``j``."""
    if j < 2 or toks[j][2] != ",":
        return j
    for k in _phrase_starts(toks, j - 1, _INTERJECTIONS_BY_LAST):
        if toks[k - 1][2] == ",":
            return k - 2
    return j


def _by_last_word(phrases: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases (as word tuples) by their last word: one dictionary look-up per token instead of a loop over all."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for words in phrases:
        table.setdefault(words[-1], []).append(words)
    return table


def _phrase_starts(toks: list[Token], j: int, table: dict[str, list[tuple[str, ...]]]) -> Iterator[int]:
    """The indices (1 or more) where a phrase of ``table`` (:func:`_by_last_word`) that ends at ``toks[j]`` starts."""
    for words in table.get(toks[j][2], ()):
        k = j - len(words) + 1
        if k >= 1 and tuple(t[2] for t in toks[k : j + 1]) == words:
            yield k


#: :data:`_INTERJECTIONS` by their last word.
_INTERJECTIONS_BY_LAST = _by_last_word(_INTERJECTIONS)
#: Phrases of time or manner that may stand between a subject and its verb ("at first", "in turn"), by last word.
_ADVERBIAL_PHRASES = _by_last_word(tuple(p.split()) for p in word_table("adverbial_phrases"))


def _adverbial_phrase_before(toks: list[Token], j: int) -> int | None:
    """When the tokens up to ``j`` end in an adverbial phrase ("at first", "in a statement"), the index before
    it, if a word stands there (the phrase is not the sentence's opening)."""
    return next((k - 1 for k in _phrase_starts(toks, j, _ADVERBIAL_PHRASES)), None)


def skip_back(doc: Document, toks: list[Token], j: int) -> int:
    """Index of the last token before the verb that is not an adverb, auxiliary or time phrase
    ("Trump also said", "Bill Clinton disingenuously claimed", "the committee this week said")."""
    text = doc.text
    while j >= 0:
        tok = toks[j][2]
        k = _adverbial_phrase_before(toks, j)
        if k is not None:
            j = k  # "Conte at first told her", "the minister in a statement said"
            continue
        if tok in SKIP_BEFORE_VERB and not (tok in _MODALS and text[toks[j][0]].isupper()):
            j -= 1  # ("Theresa May said": a capitalised "May" is a name, not a modal)
            continue
        if tok.endswith(("n't", "n\u2019t")) and len(tok) > 3:
            j -= 1  # "Democrats don't think"
            continue
        if tok in _FLOATING and j >= 1 and _floats_after(doc, toks[j - 1]):
            j -= 1  # "They all said", "the parties have both agreed": the quantifier floats after its subject
            continue
        if tok.endswith("ly") and len(tok) > 4 and not text[toks[j][0]].isupper() and tok not in _NOT_ADVERBS:
            j -= 1  # "he actually thinks", "she flatly denied"
            continue
        if tok in WEEKDAYS_DATES:
            j -= 2 if j >= 1 and toks[j - 1][2] in ("on", "last", "this", "late", "early") else 1
            continue
        if tok == "ago":
            k = j - 1  # "less than two weeks ago"
            while k >= 0 and (toks[k][2] in _AGO or toks[k][2].isdigit() or toks[k][2].rstrip("s") in _TIME_UNITS):
                k -= 1
            j = k
            continue
        if tok in _DOC_PARTICIPLES and j >= 1:
            j -= 1
            continue
        if tok in _TIME_UNITS and j >= 1 and toks[j - 1][2] in ("this", "last", "next", "earlier", "later"):
            j -= 2  # "this week", "last year"
            if j >= 0 and toks[j][2] in ("earlier", "later", "early", "late"):
                j -= 1
            continue
        break
    return j


#: Quantifiers that float after their subject ("they all said"); opening it they are the subject ("Both said").
_FLOATING = word_list("floating_quantifiers")


def _floats_after(doc: Document, tok: Token) -> bool:
    """Can a quantifier float after ``tok``: a pronoun, an auxiliary ("have both agreed"), a copula ("are all
    believed") or a noun, not "not"?"""
    w = tok[2]
    return w in PRONOUNS or w in _AUXILIARIES or w in _COPULAS or (w not in SKIP_BEFORE_VERB and _noun_like(doc, tok))


#: Words ending in -ly that are not adverbs (a source may end with them).
_NOT_ADVERBS = word_list("not_adverbs")


#: Endings of a word a preposition may attach to ("officials AT", "spokeswoman FOR").
_NOUN_ENDINGS = tuple(word_table("noun_endings"))
#: Endings of a lower-case role after a postposed speaker ("said Monte Shaw, executive director of ...").
_ROLE_ENDINGS = tuple(word_table("role_endings"))


def _noun_like(doc: Document, tok: Token) -> bool:
    """Could this token end a noun phrase a preposition attaches to ("officials AT", "spokeswoman FOR")?"""
    w = tok[2]
    if w in POST_MODIFIERS or doc.text[tok[0]].isupper():
        return True
    if w in SUBORDINATORS or w in PREPOSITIONS or w in _FRONT_ADVERBS or w in PRONOUNS:
        return False
    for h in doc.hits_in(tok[0] - 30, tok[1]):
        if h.end == tok[1] and h.entry.kind in ("anonymous_source", "vague_source", "named_source", "secondhand"):
            return True
    # a plural noun for people ("Somali nationals in Kuwait", "nurses at the hospital"); singulars are left
    # out, as WordNet's persons hold words that are mostly verbs or adjectives ("have", "major", "native")
    return w.endswith(_NOUN_ENDINGS) or (w.endswith("s") and is_person_noun(w))


def subject_before(doc: Document, s: Sentence, toks: list[Token], j: int) -> tuple[int, int] | None:
    """The source phrase that ends at token ``j`` (the last word before the verb).

    ``toks[j]`` may be the comma that closes an appositive or relative clause
    ("John Lee, a spokesman for the ministry, said"; "The woman, who asked that
    her name not be used, said"): the phrase then spans the head and the
    clause. A relative clause without commas is part of the subject too
    ("Three people who worked on the merger said"). Otherwise the walk goes
    back over the noun phrase and its prepositional modifiers and stops at the
    start of the clause.
    """
    if j < 0:
        return None
    if toks[j][2] in DASHES:
        return _dash_parenthetical(doc, s, toks, j)
    end_tok = j
    if toks[j][2] == ",":
        head_end = _appositive_start(doc, toks, j)
        if head_end is None:
            head_end = _relative_across_commas(doc, toks, j)
        if head_end is None:
            # "Trump, speaking in Iowa, said": a participle clause between subject and verb is not
            # part of the source; the source is the phrase before it.
            k = _clause_opening_comma(doc, toks, j)
            if k is None:
                return None
            return subject_before(doc, s, toks, k - 1)
        end_tok = j - 1
        if _incidental_relative(doc, toks, head_end):
            end_tok = head_end  # "Mrs. Clinton, who stayed in the race until June, said": the name alone
        j = head_end
    if toks[j][2] == ")":
        k = _paren_open(toks, j)
        if k is None or k == 0:
            return None
        j = k - 1  # "Sen. Chuck Grassley (R-Iowa) said": the party tag belongs to the name
    tok = toks[j][2]
    if (tok in NP_STOP and not abbreviation_period(doc, toks, j)) or tok in SUBORDINATORS or tok in PREPOSITIONS:
        return None
    if tok == ",":
        return None
    if tok in PRONOUNS and end_tok == j:
        return toks[j][0], toks[j][1]  # "what he said", "by the time they say": the pronoun alone
    # A relative clause between the clause start and the verb: "people who worked on the merger said".
    rel = _relative_before(doc, toks, j)
    if rel is not None:
        j = rel - 1
    k = j
    n = 0
    while k >= 0 and n < MAX_SOURCE_TOKENS:
        tok = toks[k][2]
        if tok in NP_STOP and not abbreviation_period(doc, toks, k) and not possessive_mark(toks, k):
            break
        if tok == "," and k < j:
            m = _CITY_STATE.search(doc.text, max(0, toks[k][0] - 60), toks[k][1])
            at = next((i for i in range(k - 1, -1, -1) if toks[i][0] == m.start()), None) if m else None
            if at is not None:
                # "The Portland, Ore., thrift said": a city and its state modify the noun; go on from the article
                n += k - at
                k = at
                continue
        if tok == "," or tok in _STOP_WORDS:
            break  # a comma inside the walk ends the subject ("..., Doggett said"); appositives close
            # right before the verb and are taken above
        if tok in SUBORDINATORS or tok in _COPULAS:
            break
        if tok == ")":
            p = _paren_open(toks, k)
            if p is None:
                break
            k = p - 1
            n += 1
            continue
        if tok == "at" and k < j and toks[k + 1][2] in ("least", "most"):
            k -= 1  # "At least one Democrat said": a quantifier, not a preposition
            n += 1
            continue
        if tok in PREPOSITIONS:
            if k >= 2 and toks[k - 1][2] in _DOC_PARTICIPLES and _noun_like(doc, toks[k - 2]):
                k -= 2  # "A study published in The Lancet found": the participle describes the document
                n += 2
                continue
            if not (k > 0 and _noun_like(doc, toks[k - 1])):
                break
        elif tok in ("and", "or", "&"):
            if not (k > 0 and k < j and _noun_like(doc, toks[k - 1]) and _np_opener(doc, toks[k + 1])):
                break
        elif tok in PRONOUNS and k < j:
            break  # "what he told them said": a pronoun inside is its own phrase
        elif k < j and _verb_like(doc, toks, k):
            break
        k -= 1
        n += 1
    start_tok = k + 1
    if k >= 1 and toks[k][2] in ("and", "&"):
        # "Brent Bozell, PTC president and conservative activist said": two roles of one person, the
        # appositive's closing comma left out; the walk stopped at "and", the comma before the first role
        c = k - 1
        while c > 0 and k - c <= 6 and toks[c][2] != "," and toks[c][2] not in NP_STOP:
            c -= 1
        if c >= 1 and toks[c][2] == "," and _one_persons_role(doc, toks, c + 1):
            k = c
    if k >= 1 and toks[k][2] == "," and _one_persons_role(doc, toks, k + 1):
        # "Patricia Sanders, spokeswoman for the committee said": the appositive's closing comma left out
        named = _name_opening_clause(doc, toks, k - 1)
        if named is not None:
            start_tok = named
    while start_tok <= end_tok and (toks[start_tok][2] in _FRONT_ADVERBS or toks[start_tok][2] in ("of", ",")):
        start_tok += 1
    if start_tok > end_tok:
        return None
    return toks[start_tok][0], toks[end_tok][1]


#: A city and its state or country between commas after an article: "the Portland, Ore., thrift".
_CITY_STATE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?,\s+[A-Z][\w]*\.?(?:\s+[A-Z]\w*)?,$"
)
#: Words that end a subject when walking back: coordinators of clauses and stray symbols.
_STOP_WORDS = word_list("subject_stops")
#: Copulas and auxiliaries: "Scarborough Shoal is now the place Pentagon officials say" stops at "is".
_COPULAS = word_list("copulas")

_AUXILIARIES = word_list("auxiliaries")
_NOT = ("n't", "n\u2019t")

#: Longest parenthetical kept inside a source ("(D-Md.)", "(R-Iowa)"), in tokens.
_MAX_PAREN = 8


_RELATIVE_PRONOUNS = word_list("relative_pronouns")


#: Dashes that set off a parenthetical ("Mr Hawkins - a paraplegic himself - says"); a hyphen inside a word is
#: no token of its own, and "--" is two.
DASHES = frozenset(["-", "\u2013", "\u2014"])
#: Words that open a dashed parenthetical describing the head before it, which the source then includes.
_DESCRIBING_OPENERS = frozenset(["a", "an", "the", "his", "her", "its", "their", "one"])


def _dash_open(doc: Document, toks: list[Token], j: int) -> int | None:
    """For a dash at ``j`` that closes a parenthetical, the index of the dash that opens it (None: no opening
    dash in the clause, or a clause boundary in between)."""
    k = j - 1
    if toks[j][2] == "-" and k >= 0 and toks[k][2] == "-" and toks[k][1] == toks[j][0]:
        k -= 1  # the closing "--"
    n = 0
    while k >= 1 and n < MAX_SOURCE_TOKENS:
        w = toks[k][2]
        if w in DASHES:
            if w == "-" and toks[k - 1][2] == "-" and toks[k - 1][1] == toks[k][0]:
                k -= 1  # the opening "--"
            return k
        if w == ")":
            p = _paren_open(toks, k)  # "- Consumers Against ... Numbering (Caspian) -": an acronym inside
            if p is None:
                return None
            n += k - p
            k = p - 1
            continue
        if w in NP_STOP and w not in QUOTE_CHARS and not abbreviation_period(doc, toks, k):
            return None
        k -= 1
        n += 1
    return None


def _dash_parenthetical(doc: Document, s: Sentence, toks: list[Token], j: int) -> tuple[int, int] | None:
    """The subject before a dashed parenthetical that ends at ``j``, right before the verb: the head, with the
    parenthetical when it describes the head ("Fund manager Florian Hamm - Borussia Dortmund's largest investor -
    said"), without it when it is a clause or an aside ("B&B - which has a 22% share of the market - said",
    "Mr Yushchenko - keen to reassure investors - had said")."""
    k0 = _dash_open(doc, toks, j)
    if k0 is None or k0 == 0:
        return None
    head = subject_before(doc, s, toks, k0 - 1)
    if head is None:
        return None
    first = k0 + 1 if toks[k0][2] != "-" or toks[k0 + 1][2] != "-" else k0 + 2
    last = j - 1 if toks[j - 1][2] != "-" or toks[j - 1][1] != toks[j][0] else j - 2
    if first > last:
        return head
    opener = toks[first]
    if opener[2] in _DESCRIBING_OPENERS or (doc.text[opener[0]].isupper() and opener[2] not in PRONOUNS):
        if not _has_a_verb(doc, toks, first, last + 1):
            return head[0], toks[last][1]
    return head


def _has_a_verb(doc: Document, toks: list[Token], m: int, q: int) -> bool:
    """Does the chunk ``toks[m:q]`` hold a verb: a past form anywhere, or an auxiliary or a copula before any
    relative pronoun ("the plant will close" does; "a union leader who is retiring" does not)?"""
    if any(_verb_like(doc, toks, t) for t in range(m, q)):
        return True
    for t in range(m, q):
        w = toks[t][2]
        if w in _RELATIVE_PRONOUNS:
            return False
        if w in _AUXILIARIES or w in _COPULAS or w.endswith(_NOT):
            return True
    return False


def _paren_open(toks: list[Token], close: int) -> int | None:
    k = close - 1
    while k >= 0 and close - k <= _MAX_PAREN:
        if toks[k][2] == "(":
            return k
        if toks[k][2] in (")", ";"):
            return None
        k -= 1
    return None


def _paren_close(toks: list[Token], open_: int) -> int | None:
    k = open_ + 1
    while k < len(toks) and k - open_ <= _MAX_PAREN:
        if toks[k][2] == ")":
            return k
        if toks[k][2] in ("(", ";"):
            return None
        k += 1
    return None


def _clause_opening_comma(doc: Document, toks: list[Token], comma: int) -> int | None:
    """For ``HEAD, PARTICIPLE CLAUSE, verb``: the index of the comma that opens the clause."""
    k = comma - 1
    while k >= 0 and toks[k][2] != "," and toks[k][2] not in NP_STOP and comma - k <= MAX_SOURCE_TOKENS:
        k -= 1
    if k < 1 or toks[k][2] != ",":
        return None
    first = toks[k + 1][2]
    if first in _NOT_APPOSITIVE or first.endswith("ing") or first.endswith("ed"):
        return k
    return None


def _incidental_relative(doc: Document, toks: list[Token], head_end: int) -> bool:
    """Is the clause after HEAD's comma a relative clause about a named person ("Warren, who has not endorsed")?
    PolNeAR keeps such clauses out of the source; a clause about a role ("an aide, who asked not to be
    named") identifies the source and stays in."""
    if head_end + 2 >= len(toks):
        return False
    if toks[head_end + 1][2] != "," or toks[head_end + 2][2] not in ("who", "which", "whose"):
        return False
    return is_name_token(doc.text[toks[head_end][0] : toks[head_end][1]])


def _relative_before(doc: Document, toks: list[Token], j: int) -> int | None:
    """Index of a relative pronoun ("who", "whom", "whose") that opens a clause ending at ``j``.

    Looks back to the start of the clause (punctuation or the sentence start),
    at most :data:`MAX_SOURCE_TOKENS` tokens; the pronoun must follow a noun.
    """
    k = j - 1
    lo = max(0, j - MAX_SOURCE_TOKENS)
    while k > lo:
        tok = toks[k][2]
        if tok in NP_STOP or tok == ",":
            return None
        if tok in ("who", "whom", "whose") and _noun_like(doc, toks[k - 1]):
            return k
        k -= 1
    return None


def _np_opener(doc: Document, tok: Token) -> bool:
    w = tok[2]
    return w in (
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "other",
        "two",
        "three",
        "several",
        "some",
        "many",
    ) or (doc.text[tok[0]].isupper() or _noun_like(doc, tok))


#: Past-tense and present verbs that end a subject ("The plan failed, and officials ..."); kept short:
#: a false stop only shortens a span, a missed one makes it run into the previous clause.
_VERB_SUFFIXES = ("ed",)


#: Irregular simple past forms that are rarely adjectives: a finite verb wherever they stand.
_IRREGULAR_PAST = word_list("irregular_past")


def _verb_like(doc: Document, toks: list[Token], k: int) -> bool:
    """A finite verb inside the walk-back ends the subject ("The plan collapsed after officials ...")."""
    tok = toks[k]
    w = tok[2]
    if doc.text[tok[0]].isupper() or w in POST_MODIFIERS:
        return False
    if w in _IRREGULAR_PAST:
        return not (k > 0 and toks[k - 1][2] in _ADJECTIVE_BEFORE)  # "two paid consultants", "the lost files"
    if k > 0 and toks[k - 1][2].endswith(("'s", "\u2019s")):
        return False  # "his lawyer's notes": a noun after a possessive
    if w.endswith(("'s", "\u2019s")):
        return False  # "The show's producers": a possessive is a noun, whatever verb it looks like
    saying = noun = False
    for h in doc.hits_in(tok[0], tok[1]):
        if h.start == tok[0]:
            kind = h.entry.kind
            saying = saying or kind == "attribution"
            noun = noun or kind == "secondhand"
    if saying and not noun:
        # another verb of saying: "Mr. King and Mr. Schultz say RT management told ..."; a word that is also a
        # noun of report is no verb by itself ("said the reports", "media reports")
        return True
    if len(w) < 4:
        return False
    if w.endswith(_VERB_SUFFIXES) and not w.endswith(("eed", "ied")):
        # "-ed" after a determiner or number is an adjective ("a retired general", "two unnamed aides").
        return not (k > 0 and toks[k - 1][2] in _ADJECTIVE_BEFORE)
    return False


def ends_in_a_verb(doc: Document, toks: list[Token], end: int) -> bool:
    """Does the phrase that ends at ``end`` end in a finite verb ("Cabinet allies intervened")?"""
    k = next((i for i in range(len(toks) - 1, -1, -1) if toks[i][1] == end), None)
    return k is not None and _verb_like(doc, toks, k)


#: Words after which a past form is an adjective, not a verb ("a retired general", "two paid consultants").
_ADJECTIVE_BEFORE = word_list("adjective_before")


def relative_that(doc: Document, toks: list[Token], j: int) -> bool:
    """Is the "that" at ``j``, right before a verb, a relative pronoun after a noun ("the forum that said",
    "reports that claimed")? A "that" that opens a clause is never followed at once by its verb; a date
    before it is when, not who ("one in September that said")."""
    if toks[j][2] != "that" or j < 1 or toks[j - 1][2] in QUOTE_CHARS:
        return False
    before = toks[j - 1][2]
    if before in _DATE_WORDS or before in WEEKDAYS_DATES or before.isdigit():
        return False
    return _noun_like(doc, toks[j - 1]) or before in lower_org_words()  # "the forum", "the panel"


#: Most words of the noun phrase a relative "that" follows ("the SADC parliamentary forum").
_MAX_ANTECEDENT = 6


def relative_antecedent(doc: Document, toks: list[Token], j: int) -> tuple[int, int] | None:
    """The noun phrase before the relative "that" at ``j``: back over its adjectives and nouns to its
    determiner ("reprint a withering Washington Post editorial that accuses" is the editorial), stopping at a
    verb, a preposition or a clause word. None when no determiner, capital or plural opens a phrase there."""
    k = j - 1
    while k >= 0 and j - k <= _MAX_ANTECEDENT:
        tok = toks[k][2]
        if tok in DETERMINERS or tok in NUMBER_WORDS:
            return toks[k][0], toks[j - 1][1]
        if (
            tok in NP_STOP
            or tok == ","
            or tok in SUBORDINATORS
            or tok in PREPOSITIONS
            or tok in CLAUSE_WORDS
            or tok in PRONOUNS
            or (k < j - 1 and _verb_like(doc, toks, k))
        ):
            break
        k -= 1
    first = toks[k + 1]
    if k + 1 < j and (doc.text[first[0]].isupper() or toks[j - 1][2].endswith("s")):
        return first[0], toks[j - 1][1]  # "NLD officials that said", "lawmakers that voted"
    return None


#: Most tokens of a speaker's name and description before a stray comma ("Kirsten Pfeifer from the Consumer
#: Electronics Association, told").
_MAX_STRAY_SUBJECT = 10


def stray_comma_after_subject(doc: Document, toks: list[Token], j: int) -> bool:
    """Is the comma at ``j``, right before a verb of saying, a slip between a speaker and the verb: the phrase
    before it opens the clause (after a quotation or at the sentence start), begins with a first name or a
    title and holds no comma or verb ('"...," Kirsten Pfeifer from the Consumer Electronics Association, told
    the BBC')? "In Paris, officials said" opens with no name, "Last week, officials said" with no person's."""
    if j < 2 or toks[j][2] != ",":
        return False
    k = j - 1
    while k >= 0 and j - k <= _MAX_STRAY_SUBJECT:
        tok = toks[k][2]
        if tok == "," or tok in SUBORDINATORS or (tok in NP_STOP and not abbreviation_period(doc, toks, k)):
            break
        k -= 1
    if j - k > _MAX_STRAY_SUBJECT or (k >= 0 and toks[k][2] not in QUOTE_CHARS):
        return False  # too long, or a comma or clause word before it: an appositive or an opening phrase
    first = toks[k + 1]
    word = doc.low[first[0] : first[1]].rstrip(".")
    if not doc.text[first[0]].isupper():
        return False
    if k < 0:  # at the sentence start a person's first name or title must open it, or a role before the name
        named = (
            word in first_names()
            or word in PERSON_TITLES
            # "Chairman of the Environmental Audit Committee Peter Ainsworth MP, said", "The men's solicitor
            # Matthew Knight, said"
            or (_role_before_name(doc, toks, k + 1, j - 1) and _ends_in_persons_name(doc, toks, k + 1, j - 1))
        )
    else:  # after a quotation, a capitalised word that opens no adverbial phrase
        named = word not in _NOT_A_SPEAKER_START
    return named and not any(_verb_like(doc, toks, i) for i in range(k + 2, j))


#: Capitalised first words after a quotation that open an adverbial phrase, not a speaker ('"...," In Paris, ...').
_NOT_A_SPEAKER_START = PREPOSITIONS | SUBORDINATORS | DETERMINERS | _FRONT_ADVERBS | _DATE_WORDS | WEEKDAYS_DATES


def stray_comma_after_tag(doc: Document, toks: list[Token], j: int) -> bool:
    """Is the comma at ``j`` a stray one after a parenthetical tag ("Gov. John Kasich (R-OH), said"), not the
    comma that closes an appositive holding one ("Jane Smith, a lawyer (a Democrat), said")?"""
    return j >= 1 and toks[j][2] == "," and toks[j - 1][2] == ")" and _appositive_start(doc, toks, j) is None


def _appositive_start(doc: Document, toks: list[Token], comma: int) -> int | None:
    """For ``HEAD, INNER, verb``: the index of the token before HEAD's comma, or None when the
    comma at ``comma`` (the one before the verb) does not close an appositive describing HEAD."""
    k = comma - 1
    marks = 0
    while k >= 0 and toks[k][2] != ",":
        if toks[k][2] == ")":
            p = _paren_open(toks, k)  # "a lawyer at Dewey (London) LLP": a short parenthetical inside
            if p is None:
                return None
            k = p - 1
            continue
        if toks[k][2] in QUOTE_CHARS and not possessive_mark(toks, k):
            marks += 1  # 'Mr Blair, who has described Africa as a "scar" on ..., said': a quoted word inside
            k -= 1
            continue
        if toks[k][2] in NP_STOP and toks[k][2] != "." and not possessive_mark(toks, k):
            break
        k -= 1  # a period inside a sentence ends an abbreviation ("Md.", "Inc.")
    if marks and (marks % 2 or toks[k + 1][2] not in ("who", "which", "whose")):
        return None  # quoted speech, not a quoted word inside a relative clause about the head
    if k < 1 or toks[k][2] != ",":
        return None
    inner = toks[k + 1 : comma]
    if not inner:
        return None
    first = inner[0][2]
    text = doc.text
    orgs = lower_org_words()
    if (
        first in ("of", "from", "at", "with", "for", "by")
        and len(inner) > 1
        and (
            text[inner[1][0]].isupper()
            or any(t[2] in orgs for t in inner[1:])
            # "Andrew Beh, of brokers ING, said", "Mark Oaten, for the Liberal Democrats, said": a name soon after
            or any(text[t[0]].isupper() for t in inner[2:4])
        )
    ):
        # "Mr. Mahaney, of RBC Capital Markets, said", "Lecaros, from the foreign ministry, said", "Mark Oaten, for
        # the Liberal Democrats, said" (speaking for them), "Brown's Britain, by Robert Peston, says" (its author)
        return _descriptor_chain(doc, toks, k - 1)
    if (
        first in _NOT_APPOSITIVE
        or first.endswith("ing")
        or (first in SUBORDINATORS and first not in _APPOSITIVE_SUBORDINATORS)
    ):
        return None  # "..., after Cabinet allies intervened, writes": a clause, no description of a head
    if (first == "such" and len(inner) > 1 and inner[1][2] == "as") or first in _EXAMPLE_OPENERS:
        # "Other agencies, such as the Asian Development Bank, have said": the examples name the group
        return _descriptor_chain(doc, toks, k - 1)
    if first in PREPOSITIONS and len(inner) > 1 and inner[1][2] in ("whom", "which"):
        # "Anti-hunt organisations, for whom the ban is the culmination of years of campaigning, say"
        return _descriptor_chain(doc, toks, k - 1)
    for n, t in enumerate(inner):
        if t[2] in ("who", "whom", "whose", "which", "that"):
            break
        if text[t[0]].isupper() or (n > 0 and inner[n - 1][2] == "to"):
            continue  # "a spokeswoman for Theresa May", "the first woman to be elected": no finite verb
        if t[2] in _AUXILIARIES or t[2] in _COPULAS or t[2].endswith(_NOT):
            return None  # "for some, the losses would outstrip the gains, said X": a clause, not a description
    describes = (
        first in _APPOSITIVE_OPENERS
        or first in NUMBER_WORDS  # "Heineken and Carlsberg, two of the world's largest brewers, have reported"
        or (first == "known" and len(inner) > 1 and inner[1][2] in ("as", "for"))  # "Mr Spector, known for"
        or text[inner[0][0]].isupper()
        or any(
            h.entry.rule in ("unnamed_role", "anonymity_marker", "definite_role")
            for h in doc.hits_in(inner[0][0], inner[-1][1])
        )
        or first.isdigit()  # "Ann Roe, 64, of Ohio"
        # "Corbett, soon to reunite with Barker, criticised", "Labour, needless to say, claim", "MPs from the
        # committee, responsible for housing, said": an infinitive or an adjective's complement describes the head
        or (
            len(inner) > 1
            and inner[1][2] in _COMPLEMENT_OPENERS
            and text[inner[0][0]].islower()
            and not _verb_like(doc, inner, 0)
            and _is_name_or_noun(doc, toks[k - 1])
        )
        # "Lena Park, founder of the Eastside Food Bank, wrote", "David Prior, assistant clerk of the archives,
        # says": a bare role after a name
        or (
            (_role_phrase(doc, toks, k + 1) or _person_noun_head(doc, toks, k + 1, comma))
            and is_name_token(text[toks[k - 1][0] : toks[k - 1][1]])
        )
        # "The star witness, former WorldCom financial chief Scott Sullivan, said": a role and the person's name
        or (_role_before_name(doc, toks, k + 1, comma - 1) and _ends_in_persons_name(doc, toks, k + 1, comma - 1))
    )
    if not describes:
        return None
    head = toks[k - 1]
    if (head[2] in NP_STOP and head[2] != ")" and not _place_chunk(doc, toks[k - 2 : k])) or head[2] in SUBORDINATORS:
        return None
    return _descriptor_chain(doc, toks, k - 1)


#: Subordinators that may open an appositive ("Winn-Dixie, once among ...", "Lee, as chairman, said", "X, who ...").
_APPOSITIVE_SUBORDINATORS = frozenset(["once", "as", "that", "whom"])
#: Words that open examples of the head between commas ("Some, particularly the UK's CBI, warned").
_EXAMPLE_OPENERS = frozenset(["including", "particularly", "especially", "notably", "chiefly", "mainly", "mostly"])
#: What follows the first word of an appositive that is an infinitive or an adjective's complement ("soon to",
#: "needless to say", "responsible for", "keen on").
_COMPLEMENT_OPENERS = frozenset(["to", "for", "with", "about", "on", "of", "in"])


def _is_name_or_noun(doc: Document, tok: Token) -> bool:
    """Is the token a name or a noun that can head a subject ("Corbett", "MPs", "the minister")?"""
    return is_name_token(doc.text[tok[0] : tok[1]]) or _noun_like(doc, tok)


#: How many commas a relative clause between a subject and its verb may hold ("Mr Wilson, who worked with New
#: Order, as well as the Happy Mondays, said").
_MAX_RELATIVE_COMMAS = 3


def _relative_across_commas(doc: Document, toks: list[Token], comma: int) -> int | None:
    """For ``HEAD, who/whose/which ..., ..., verb``, a relative clause with commas of its own ("The actor, whose
    films include Schindler's List, Michael Collins and Star Wars: The Phantom Menace, said"): the index of HEAD's
    last token (as :func:`_appositive_start` gives it), or None. A colon before a capital is a title's, not the
    sentence's."""
    commas = 0
    k = comma - 1
    while k >= 1:
        t = toks[k][2]
        if t == ",":
            commas += 1
            if commas > _MAX_RELATIVE_COMMAS:
                return None
            if toks[k + 1][2] in ("who", "whose", "which") and _is_name_or_noun(doc, toks[k - 1]):
                head = toks[k - 1]
                if head[2] in NP_STOP or head[2] in SUBORDINATORS or head[2] in PREPOSITIONS:
                    return None
                return _descriptor_chain(doc, toks, k - 1)
        elif t == ":" and k + 1 < len(toks) and doc.text[toks[k + 1][0]].isupper():
            pass  # "Star Wars: The Phantom Menace"
        elif t in NP_STOP and t != "." and not possessive_mark(toks, k):
            return None
        k -= 1
    return None


def possessive_mark(toks: list[Token], k: int) -> bool:
    """The apostrophe of a plural possessive ("Yukos' lawyers", "the farmers' union"): right after a word in
    -s and before another word, inside a phrase; not a closing quotation mark, which ends a phrase."""
    return (
        toks[k][2] in ("'", "\u2019")
        and 0 < k < len(toks) - 1
        and toks[k - 1][1] == toks[k][0]
        and toks[k - 1][2].endswith("s")
        and toks[k + 1][0] > toks[k][1]
        and toks[k + 1][2][0].isalnum()
    )


def abbreviation_period(doc: Document, toks: list[Token], k: int) -> bool:
    """The period of "Corp.", "Inc.", "Md." (inside a sentence, right after a short capitalised word)."""
    return (
        toks[k][2] == "."
        and k > 0
        and toks[k - 1][1] == toks[k][0]
        and doc.text[toks[k - 1][0]].isupper()
        and len(toks[k - 1][2]) <= 5
    )


def _place_chunk(doc: Document, chunk: list[Token]) -> bool:
    """'Md.', 'Va.', 'N.Y.', 'Ohio', 'New York': a place after a comma, as in "of Ashton, Md.,"."""
    if not chunk or len(chunk) > 3:
        return False
    words = [t for t in chunk if t[2] != "."]
    if not words or not all(doc.text[t[0]].isupper() for t in words):
        return False
    return chunk[-1][2] == "." or chunk[-1][2].endswith(".") or " ".join(t[2] for t in words).title() in place_words()


def _chunk_before(doc: Document, toks: list[Token], end: int) -> tuple[int, list[Token]] | None:
    """The tokens between the comma before ``toks[end]`` and ``toks[end]`` (inclusive), with the index of
    that comma; None when no comma opens them inside the sentence (periods of abbreviations are inside)."""
    k = end
    while k >= 0 and toks[k][2] != "," and not (toks[k][2] in NP_STOP and toks[k][2] != "."):
        k -= 1
    if k < 1 or toks[k][2] != ",":
        return None
    return k, toks[k + 1 : end + 1]


def _descriptor_kind(doc: Document, chunk: list[Token]) -> str | None:
    """What one comma-separated chunk of a person's description is: an age ("42"), an origin ("of
    Ashton", "from Dayton"), a place ("Md.", "Ohio") or a role ("a nurse", "a nurse from Dayton");
    None for anything else."""
    words = [t[2] for t in chunk]
    if len(words) == 1 and words[0].isdigit() and len(words[0]) <= 3:
        return "age"
    if len(words) >= 2 and words[0] in ("of", "from") and doc.text[chunk[1][0]].isupper():
        return "origin"
    if _place_chunk(doc, chunk):
        return "place"
    if 2 <= len(words) <= 8 and words[0] in ("a", "an", "the") and not doc.text[chunk[1][0]].isupper():
        if not any(w in _AUXILIARIES or w in _COPULAS for w in words):
            return "role"
    return None


def _descriptor_chain(doc: Document, toks: list[Token], head_end: int) -> int:
    """Walk back over the commas of a person's description: "Donna Rawlings, 59, of Ashton, Md., who ...,
    said", "Ann Roe, 34, a nurse, of Dayton, Ohio, said" describe the name before the first comma. Each step
    takes one chunk between commas: an age or an origin; a place only right after an origin or another place
    ("of Ashton, Md."), so that "Like Mexico, Canada, ..." keeps Canada; a role only right after a name
    ("Ann Roe, a nurse"), so that "In the end, the mayor, ..." keeps the mayor. The head is what precedes the
    last chunk taken."""
    while head_end >= 2:
        found = _chunk_before(doc, toks, head_end)
        if found is None:
            break
        k, chunk = found
        kind = _descriptor_kind(doc, chunk)
        if kind in ("place", "role"):
            before = _chunk_before(doc, toks, k - 1)
            prev_kind = _descriptor_kind(doc, before[1]) if before else None
            if kind == "place" and prev_kind not in ("origin", "place"):
                break
            name = doc.text[toks[k - 1][0] : toks[k - 1][1]]
            if kind == "role" and not (is_name_token(name) or prev_kind in ("age", "origin", "place")):
                break
        elif kind is None:
            break
        head_end = k - 1
    return head_end


def _venue_follows(doc: Document, toks: list[Token], k: int) -> bool:
    """After the document participle at ``k``: "by" and an author or issuer, or "in" and a capitalised name
    that is not a date ("in The Lancet", not "in March")."""
    if k + 2 >= len(toks):
        return False
    prep, nxt = toks[k + 1][2], toks[k + 2]
    if prep == "by":
        return True
    word = doc.text[nxt[0] : nxt[1]]
    return prep == "in" and word[:1].isupper() and nxt[2] not in _DATE_WORDS


def phrase_after(
    doc: Document, s: Sentence, pos: int, *, inverted: bool = False, limit: int | None = None
) -> tuple[int, int] | None:
    """The source phrase that starts after ``pos`` ("according to X", "citing X", '" said X').

    Takes the noun phrase with its prepositional modifiers; then an appositive
    that names or describes it (", Tom Reyes,", ", a Democrat from Ohio") and
    a relative clause that says who it is (", who asked not to be named").
    """
    end = min(s.end, pos + WINDOW) if limit is None else min(limit, s.end)
    toks = doc.tokens(pos, end)
    if not toks:
        return None
    k = 0
    n = len(toks)
    while k < n and k < MAX_SOURCE_TOKENS:
        tok = toks[k][2]
        if (tok in NP_STOP and not (k + 1 < n and abbreviation_period(doc, toks, k))) or tok == ",":
            break  # the period of "Acme Corp. officials" is inside the phrase; one that ends the sentence is not
        if tok in ("that", "which", "who", "as", "because", "when", "while", "but", "after", "before", "if", "and"):
            if not (tok == "and" and k > 0 and _np_opener(doc, toks[k + 1]) if k + 1 < n else False):
                break
        if tok == "-" and doc.text[toks[k][0] - 1 : toks[k][0]].isspace():
            break  # '..., says the party - and insulation could ...': a spaced hyphen is a dash
        if k > 0 and tok in _DOC_PARTICIPLES and _venue_follows(doc, toks, k) and _noun_like(doc, toks[k - 1]):
            # "according to a study published in The Lancet", "a report released by the comptroller": who
            # published it is part of the source (a document whose venue or author is given is identified,
            # annotation guide Part 2); "data published in March" gives no venue and stops before it.
            k += 2
            continue
        if (
            k > 0
            and tok in PREPOSITIONS
            and not (_noun_like(doc, toks[k - 1]) or (inverted and _of_people(doc, toks, k)))
        ):
            break
        if (
            k > 0
            and tok in PREPOSITIONS
            and k + 2 < n
            and toks[k + 1][2].endswith("ing")
            and doc.text[toks[k + 1][0]].islower()
            and (toks[k + 2][2] in DETERMINERS or toks[k + 2][2] in QUOTE_CHARS)
        ):
            break  # "called a charlatan by fellow physicians for promoting the pills": a gerund's clause
        if k > 0 and tok == "to" and k + 1 < n and toks[k + 1][2] in _TO_VERBS:
            break  # "was said by officials to be dead": an infinitive, not "adviser to the president"
        if inverted and k > 0 and tok in ("on", "in", "at", "during", "told", "to", "last", "this"):
            break  # '"...," said Lee on Monday.'
        if k > 0 and (_verb_like(doc, toks, k) or tok in _COPULAS or tok in _AUXILIARIES or tok.endswith(_NOT)):
            break  # "said he hadn't thought": the source ends where a verb begins
        k += 1
    if k == 0:
        return None
    a, b = toks[0][0], toks[k - 1][1]
    if k < n and toks[k][2] == "(":
        c = _paren_close(toks, k)
        if c is not None:
            b = toks[c][1]  # "Sen. Chuck Grassley (R-Iowa)"
            k = c + 1
    # Appositives and identifying relative clauses after a comma.
    named_head = is_name_token(doc.text[toks[k - 1][0] : toks[k - 1][1]]) if k > 0 else False
    while k < n and toks[k][2] == "," and k + 1 < n:
        m = k + 1
        first = toks[m][2]
        if first in _NOT_APPOSITIVE or first.endswith("ing") or first in QUOTE_CHARS:
            break
        if first in ("which", "that") and any(
            h.entry.rule == "relay" and h.start == toks[m][0] for h in doc.hits_in(toks[m][0], toks[m][0] + 20)
        ):
            break  # ", which cited ...": a relay, a cue of its own
        if first in ("who", "which", "whose") and named_head:
            break  # "Mrs. Clinton, who ...": an incidental clause about a named person
        describes = (
            first in _APPOSITIVE_OPENERS
            or doc.text[toks[m][0]].isupper()
            or first.isdigit()  # "Nicky Driscoll, 24, from Manchester"
            or (inverted and _role_phrase(doc, toks, m))  # '" said Monte Shaw, executive director of ...'
        )
        if not describes:
            break
        q = m
        while q < n and toks[q][2] not in NP_STOP and toks[q][2] != "," and q - m < MAX_SOURCE_TOKENS:
            q += 1
        if q == m:
            break
        closes = (q < n and toks[q][2] == ",") or (
            inverted and (q >= n or toks[q][2] in (".", "?", "!") or toks[q][2] in QUOTE_CHARS)
        )
        if not closes or (first not in ("who", "whom", "whose") and _has_a_verb(doc, toks, m + 1, q)):
            break  # "According to the ministry, the plant will close, Lee said": a clause, not a description
        if (
            first not in ("who", "whom", "whose", "a", "an", "the", "one")
            and not first.isdigit()
            and not (inverted and _role_phrase(doc, toks, m))
            and not all(
                doc.text[t[0]].isupper() or t[2] in ("of", "the", "and", "de", "van", "von", "'s", "\u2019s")
                for t in toks[m:q]
            )
        ):
            break
        b = toks[q - 1][1]
        k = q
    return a, b


def _of_people(doc: Document, toks: list[Token], k: int) -> bool:
    """After a postposed verb of saying, does "of" at ``k`` join a group to the people or the body it is made of
    ("said a panel of experts", "said a group of Democrats"), not a quantity to a thing ("a little more of his")?"""
    if toks[k][2] != "of" or k + 1 >= len(toks):
        return False
    nxt = toks[k + 1]
    return (
        is_person_noun(nxt[2])
        or (k + 2 < len(toks) and is_person_noun(toks[k + 2][2]))  # "a panel of industry experts"
        or doc.text[nxt[0]].isupper()
        or nxt[2] in NUMBER_WORDS  # "said one of two witnesses"
        or any(is_person_noun(t[2]) for t in toks[:k])  # "said one person with knowledge of the talks"
    )


#: Verbs after "to" that open an infinitive, not a prepositional phrase.
_TO_VERBS = frozenset(["be", "have", "do", "get", "make", "take", "go", "come", "say", "give", "keep", "become"])


def _one_persons_role(doc: Document, toks: list[Token], m: int) -> bool:
    """Does a description of one person's role begin at ``m`` ("spokeswoman for the committee", "the President
    of ...")? Not a group that speaks for itself ("Mr. Obama, officials said, has ...": a parenthetical)."""
    if m >= len(toks):
        return False
    first = toks[m][2]
    if first not in ("the", "a", "an") and (first.endswith("s") or not first.isalpha() or first in DETERMINERS):
        return False
    return _role_phrase(doc, toks, m)


def _name_opening_clause(doc: Document, toks: list[Token], e: int) -> int | None:
    """The index of the first word of a person's name that ends at ``e`` and opens its clause (at the sentence
    start, or after a quotation or a colon): one to four capitalised words, the first a first name or a title."""
    k = e
    while k >= 0 and e - k < 4 and doc.text[toks[k][0]].isupper() and toks[k][2] not in NP_STOP:
        k -= 1
    if k == e or (k >= 0 and toks[k][2] not in QUOTE_CHARS and toks[k][2] not in (":", ".", "-", "--", "\u2014")):
        return None
    word = toks[k + 1][2].rstrip(".")
    if word in first_names() or word in PERSON_TITLES:
        return k + 1
    # two or more capitalised words that name no place or body ("Rauf Denktas, the President of ... said")
    run = [doc.text[t[0] : t[1]] for t in toks[k + 1 : e + 1]]
    places = place_words()
    if len(run) >= 2 and all(is_name_token(x) and x not in places and x.lower() not in lower_org_words() for x in run):
        return k + 1
    return None


def _ends_in_persons_name(doc: Document, toks: list[Token], m: int, e: int) -> bool:
    """Does the phrase ``toks[m:e + 1]`` end in a person's name: in its closing run of capitalised words, a first
    name followed by at least one more ("... Audit Committee Peter Ainsworth MP"), or a run of two or more that
    names no place or body ("... chief Scott Sullivan")?"""
    k = e
    while k >= m and doc.text[toks[k][0]].isupper() and toks[k][2] not in NP_STOP:
        k -= 1
    run = toks[k + 1 : e + 1]
    if any(t[2].rstrip(".") in first_names() for t in run[:-1]):
        return True
    # the words after the body or place that the run may open with ("... Food Bank Amara Okafor")
    words = [doc.text[t[0] : t[1]] for t in run]
    places, orgs = place_words(), lower_org_words()
    i = len(words)
    while i > 0 and words[i - 1] not in places and words[i - 1].lower() not in orgs:
        i -= 1
    tail = words[i:]
    return len(tail) >= 2 and (i > 0 or k >= m) and all(is_name_token(x) for x in tail)


def _person_noun_head(doc: Document, toks: list[Token], m: int, e: int) -> bool:
    """Does the lower-case phrase ``toks[m:e]`` open with a noun for a person, before any preposition ("assistant
    clerk of the archives", "a paraplegic himself")?"""
    for i in range(m, min(e, m + 6)):
        t = toks[i]
        if t[2] in PREPOSITIONS or not doc.text[t[0]].islower() or _verb_like(doc, toks, i):
            return False  # "..., referenced his own connections to ...": a clause, not a role
        if is_person_noun(t[2].removesuffix("'s").removesuffix("\u2019s")):
            return True
    return False


def _role_before_name(doc: Document, toks: list[Token], m: int, e: int) -> bool:
    """Is there a role in ``toks[m:e + 1]`` before its closing run of capitalised words: a description of a role
    (:func:`_role_phrase`), or a lower-case noun for a person right before the run ("veteran organiser Tomas
    Vega")?"""
    if _role_phrase(doc, toks, m):
        return True
    k = e
    while k >= m and doc.text[toks[k][0]].isupper():
        k -= 1
    return k >= m and k < e and is_person_noun(toks[k][2])


def _role_phrase(doc: Document, toks: list[Token], m: int) -> bool:
    """A lower-case description of a person's role: 'executive director of the ...', 'senior strategist for'."""
    for t in toks[m : m + 6]:
        if t[2] in NP_STOP or t[2] == ",":
            return False
        for h in doc.hits_in(t[0], t[1] + 20):
            if h.start == t[0] and h.entry.rule in ("unnamed_role", "definite_role"):
                return True
        if t[2].endswith(_ROLE_ENDINGS):
            return True
    return False


def sentence_subject(doc: Document, s: Sentence, before: int | None = None) -> tuple[int, int] | None:
    """The noun phrase a sentence opens with ("Sen. Ann Roe, 64, of Ohio endorsed ..."). With ``before`` (the
    position of a participle that hangs on the clause before it), the subject of the last clause a comma and
    a coordinator open before that position, if one has a subject of its own ("The EU imposed sanctions,
    while the United States took the same step, accusing ..."); else the sentence's."""
    if before is not None:
        late = _last_clause_start(doc, s, before)
        if late is not None:
            found = _subject_from(doc, s, late, s.end)
            if found is not None:
                return found
    return _subject_from(doc, s, s.start, s.end)


def clause_subject(doc: Document, s: Sentence) -> tuple[int, int] | None:
    """The noun phrase before the first finite verb of the sentence, when it opens the sentence ("The ministers
    met on Monday", "These Republicans don't revile ..."): what a later "they" may mean. None when the sentence
    opens otherwise (a fronted phrase, a verb)."""
    toks = doc.tokens(s.start, min(s.end, s.start + WINDOW))
    k = _first_verb(doc, toks, past_commas=False)
    if k is None:
        return None
    span = subject_before(doc, s, toks, k - 1)
    if span is None or span[0] != toks[0][0]:
        return None
    return span


def _first_verb(doc: Document, toks: list[Token], *, past_commas: bool) -> int | None:
    """The index of the first finite verb after the first token (a copula, an auxiliary or a verb form), or None
    when punctuation comes first. With ``past_commas``, a comma or an abbreviation's period does not stop the
    search ("Acme Corp., the toolmaker, said")."""
    for k in range(1, min(len(toks), MAX_SOURCE_TOKENS + 1)):
        w = toks[k][2]
        if w in _COPULAS or w in _AUXILIARIES or _verb_like(doc, toks, k):
            return k
        if past_commas:
            if w in NP_STOP and not abbreviation_period(doc, toks, k):
                return None
        elif w in NP_STOP or w == ",":
            return None
    return None


def _subject_from(doc: Document, s: Sentence, start: int, end: int) -> tuple[int, int] | None:
    toks = doc.tokens(start, min(end, start + WINDOW))
    k = 0
    n = len(toks)
    text = doc.text
    if n > 2 and toks[1][2] == "," and toks[0][2] in _FRONT_ADVERBS:
        toks = toks[2:]  # "However, DEC has no connection ... and says": the subject follows the adverb
        n -= 2
    if n > 1 and toks[0][2] in _OPENING_COORDINATORS:
        toks = toks[1:]  # "But he rejected the call, saying ...": the subject follows the coordinator
        n -= 1
    if n > 2 and toks[0][2] in SUBORDINATORS:
        # "As he arrived at the court, Mr Botin greeted the media, saying ...": past the opening clause
        c = next((i for i in range(1, min(n, MAX_SOURCE_TOKENS)) if toks[i][2] == ","), None)
        if c is None or c + 1 >= n:
            return None
        toks = toks[c + 1 :]
        n = len(toks)
    if n > 2 and toks[0][2] in _OPENING_PREPOSITIONS:
        # "In a statement released through her lawyer, Jones repeated ... and vowed ...": past the fronted phrase
        c = next((i for i in range(1, min(n, MAX_SOURCE_TOKENS)) if toks[i][2] == ","), None)
        if c is not None and c + 1 < n:
            toks = toks[c + 1 :]
            n = len(toks)
    if n > 1 and toks[0][2] in ("even", "only", "also") and (text[toks[1][0]].isupper() or toks[1][2] in PRONOUNS):
        toks = toks[1:]  # "And even Obama tried to help, noting ...": the focus adverb is not the subject's
        n -= 1
    if toks and toks[0][2].endswith("ing") and text[toks[0][0]].islower():
        return None  # "But expecting Trump to change is like ...": a gerund's clause, no one's name
    if toks and toks[0][2] in _SUBJECT_PRONOUNS:
        return toks[0][0], toks[0][1]  # "he rejected ..., saying": the pronoun alone
    # The noun phrase before the clause's first verb ("The shadow chancellor said ... and said ...", "The games
    # industry welcomed the report, saying ..."), when it opens the clause or follows a fronted phrase and a comma
    # ("a few days later, Trump reversed himself, telling ...").
    v = _first_verb(doc, toks, past_commas=True)
    if v is not None:
        span = subject_before(doc, s, toks, skip_back(doc, toks, v - 1))  # "Clinton immediately said"
        if span is not None and (span[0] == toks[0][0] or text[: span[0]].rstrip().endswith(",")):
            return span
    while k < n and k < MAX_SOURCE_TOKENS:
        tok = toks[k][2]
        raw = text[toks[k][0]]
        if tok in NP_STOP or tok == ",":
            break
        if k > 0 and raw.islower() and tok not in ("of", "the", "'s", "\u2019s", "and", "de", "van", "von"):
            if not any(
                x.start == toks[k][0]
                and x.entry.kind in ("anonymous_source", "vague_source", "named_source", "secondhand")
                for x in doc.hits_in(toks[k][0], toks[k][1] + 30)
            ):
                break
        k += 1
    if k == 0:
        return None
    return toks[0][0], toks[k - 1][1]


#: Prepositions that open a fronted phrase before the subject ("In a statement, ...", "During the hearing, ...").
_OPENING_PREPOSITIONS = PREPOSITIONS | frozenset(["during", "after", "before", "despite", "following", "since"])
#: Coordinators that may open a sentence before its subject ("But he said ...").
_OPENING_COORDINATORS = frozenset(["but", "and", "yet", "so", "or"])
_SUBJECT_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
#: Words that open a coordinated clause after a comma (", while the United States took ...").
_CLAUSE_COORDINATORS = word_list("clause_coordinators")


def _last_clause_start(doc: Document, s: Sentence, before: int) -> int | None:
    """Where the last clause opened by a comma and a coordinator before ``before`` begins, after the coordinator."""
    toks = doc.tokens(s.start, before)
    for k in range(len(toks) - 2, 0, -1):
        if toks[k][2] in _CLAUSE_COORDINATORS and toks[k - 1][2] == ",":
            first = toks[k + 1]
            # a subject opens the clause: a name, a determiner or a pronoun ("and then took ..." has none)
            if doc.text[first[0]].isupper() or first[2] in DETERMINERS or first[2] in PRONOUNS:
                return first[0]
            return None
    return None


def is_name_start(doc: Document, tok: Token) -> bool:
    return is_name_token(doc.text[tok[0] : tok[1]])


def np_left_edge(doc: Document, s: Sentence, pos: int) -> int:
    """Where the noun phrase that ends at ``pos`` starts: back over its words to a clause word, a comma or a
    word that stops a noun phrase (within 60 characters and the sentence)."""
    toks = doc.tokens(max(s.start, pos - 60), pos)
    k = len(toks) - 1
    while k >= 0:
        tok = toks[k][2]
        if tok in NP_STOP or tok == "," or (tok in CLAUSE_WORDS and tok != "of"):
            break
        k -= 1
    return toks[k + 1][0] if k + 1 < len(toks) else pos
