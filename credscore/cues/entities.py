"""The article's people and organisations: a registry that back-references resolve against.

A pronoun or a spokesperson may mean someone the article mentioned without making them a source: a profile
lead ("Maria Lopez has run the bakery for 20 years. She said ...") or an organisation's news ("Huawei
released its figures on Thursday. ..., a spokeswoman said"). The registry lists every capitalised name
the article writes, each mention with its position, what kind of entity it is (a person, an organisation,
or a name whose kind the text does not give) and the gender its words give (a title, a first name);
genders the resolver learns later (a "she" resolved to the person) are kept per entity.

It is built once per :class:`~credscore.cues.document.Document`, on first use, from one regex pass over
the text (the runs of capitalised words) and the lexicon hits the document already holds; nothing here
loops over tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..lexicon import word_list, word_table
from .document import Document
from .names import PERSON_TITLES, first_name_gender, org_words, person_nouns, person_surnames, place_words
from .text import DETERMINERS, PRONOUNS, UPPER, is_name_token

__all__ = ["Mention", "Registry", "registry"]

#: One to four capitalised words in a row ("Maria Lopez", "Mr. Lee", "Huawei", "Delta Air Lines"); the
#: capital first and a word boundary before it (see names._PERSON_NAME for why the pattern starts so).
_RUN = re.compile(rf"[{UPPER}](?<!\w[{UPPER}])[\w.'\u2019&-]*(?:[ \t]+[{UPPER}][\w.'\u2019&-]*){{0,3}}")
_TITLE_GENDER = word_table("title_gender")
FUNCTION_WORDS = word_list("no_source_words")
#: Lexicon classes that make a capitalised phrase an organisation ("the Labor Department", "Reuters").
_ORG_CLASSES = frozenset({"organization", "media_outlet"})
#: Lexicon classes that say a capitalised phrase is no one's name ("Officials", "Critics", "Police").
_NOT_A_NAME = frozenset(
    {"generic_group", "vague_group", "unnamed_role", "definite_role", "agentless", "named_document", "public_record"}
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity: ``text[start:end]``."""

    start: int
    end: int
    #: The entity it names: a person's last name ("Lopez"), an organisation's capitalised words.
    key: str
    #: "person", "organization", "name" (capitalised, but the text does not say which), or "opener": one
    #: capitalised word opening a sentence and never capitalised elsewhere ("Huawei", but also "Prices").
    kind: str
    #: 'f' or 'm' from the mention's own words (a title, a first name), else None.
    gender: str | None
    #: Does it open its sentence (the subject, in news prose)?
    subject: bool


@dataclass(slots=True)
class Registry:
    """The mentions of one article in text order, and what was learnt of each entity's gender."""

    mentions: list[Mention]
    starts: list[int]
    #: Gender per entity key: from its mentions' words, then from the pronouns resolved to it.
    genders: dict[str, str | None] = field(default_factory=dict)

    def between(self, a: int, b: int) -> list[Mention]:
        """Mentions that start at or after ``a`` and end by ``b`` (binary search)."""
        lo = bisect_left(self.starts, a)
        hi = bisect_left(self.starts, b, lo)
        return [m for m in self.mentions[lo:hi] if m.end <= b]

    def gender(self, m: Mention) -> str | None:
        return m.gender or self.genders.get(m.key)

    def learn_gender(self, key: str, g: str) -> None:
        """A pronoun was resolved to the entity ``key``: keep its gender unless its names said otherwise
        (two people of one surname: unknown)."""
        prev = self.genders.get(key, g)
        self.genders[key] = g if prev == g else None


def registry(doc: Document) -> Registry:
    """The article's :class:`Registry`, built on first use and kept on the document."""
    reg = doc.entities
    if reg is None:
        reg = doc.entities = _build(doc)
    return reg


#: One-word runs that are never a name, skipped first (most runs in news prose are a sentence's first word).
_STOP = frozenset(w[:1].upper() + w[1:] for w in (*DETERMINERS, *PRONOUNS, *FUNCTION_WORDS))


_WORD_BEFORE = re.compile(r"([a-z][a-z-]*)[ \t]+$")


def _role_before(text: str, a: int) -> bool:
    """Is the name at ``a`` written after a lower-case noun for a person ("economist", "council member")?"""
    m = _WORD_BEFORE.search(text, max(0, a - 30), a)
    return m is not None and m.group(1) in person_nouns()


def _strip(word: str) -> str:
    w = word.rstrip(".,")
    if w.endswith(("'s", "\u2019s")):
        w = w[:-2]
    return w.rstrip(".,")


class _Run(NamedTuple):
    """What a run of capitalised words says by its words alone (the same wherever the article writes it)."""

    #: Its words without trailing "." / "," / "'s".
    words: tuple[str, ...]
    #: Does a title open it ("Mr. Lee")?
    titled: bool
    #: The gender its titles give.
    title_gender: str | None
    #: The name after the titles and an article.
    name: tuple[str, ...]
    #: A person's last name, the key of the entity unless it is an organisation.
    key: str
    #: The organisation key: the name's capitalised words.
    org_key: str
    #: Its last word is an organisation word ("Department", "Inc").
    org_word: bool
    #: A title, or two words the first of which is a first name: a person by its words.
    person: bool
    #: The gender of a person by its words: the titles', else the first name's.
    person_gender: str | None
    #: The gender of a one-word run that is a first name ("Andre").
    first_gender: str | None
    #: Does one of its words name a place?
    place: bool
    #: Is there a space in it (else one word, or words a tab apart)?
    spaced: bool


@lru_cache(maxsize=8192)
def _read_run(run: str) -> _Run | None:
    """:class:`_Run` of a capitalised run as written, or None when it is no name ("The", "He", "In")."""
    raw = run.split()
    if len(raw) == 1 and raw[0] in _STOP:
        return None  # "The", "He", "In": the commonest runs, dropped before any other work
    words = [_strip(w) if w[-1] in ".,s" else w for w in raw]  # most words end in none: nothing to strip
    # Titles first ("Mr. Lee", "Sen. Ann Roe"): a person, with the title's gender if it has one.
    k = 0
    g = None
    while k < len(words) - 1 and words[k].lower() in PERSON_TITLES:
        g = g or _TITLE_GENDER.get(words[k].lower())
        k += 1
    titled = k > 0
    first = words[k]
    if first.lower() in DETERMINERS and k + 1 < len(words):
        k += 1  # "The Labor Department": the article is not a name
        first = words[k]
    name = words[k:]
    if not name or not is_name_token(name[0]) or name[0].lower() in PRONOUNS:
        return None
    person = titled or (len(name) >= 2 and first_name_gender(name[0]) is not None)
    person_gender = g
    if person:
        for w in name[:-1]:
            person_gender = person_gender or first_name_gender(w)
    return _Run(
        words=tuple(words),
        titled=titled,
        title_gender=g,
        name=tuple(name),
        key=name[-1],
        org_key=" ".join([w for w in name if w[:1].isupper()]),
        org_word=name[-1] in org_words(),
        person=person,
        person_gender=person_gender,
        first_gender=first_name_gender(first) if len(name) == 1 else None,
        place=not place_words().isdisjoint(name),
        spaced=" " in run,
    )


def _build(doc: Document) -> Registry:
    text = doc.text
    surnames = person_surnames(doc)
    starts = doc.sentence_start_set
    hit_starts = doc.hit_starts
    n_hits = len(hit_starts)
    # Each name found, as (start, end, key, kind, gender, subject, run): its Mention is made once the whole
    # article is read, when it is known which sentence openers are names (below).
    found: list[tuple[int, int, str, str, str | None, bool, _Run]] = []
    genders: dict[str, str | None] = {}
    for m in _RUN.finditer(text):
        run = _read_run(m.group())
        if run is None:
            continue
        a, b = m.span()
        key = run.key
        g = run.title_gender
        # The lexicon hits inside the run (Document.hits_in); most names hold none, and then neither test runs.
        lo = bisect_left(hit_starts, a)
        if lo < n_hits and hit_starts[lo] < b:
            hits = [h for h in doc.hits[lo : bisect_left(hit_starts, b, lo)] if h.end <= b]
            if hits and not run.titled and any(h.entry.rule in _NOT_A_NAME for h in hits):
                continue  # "Officials", "Critics say", "Court records"
        else:
            hits = None
        subject = a in starts or (a > 0 and text[a - 1] in "\"'\u201c\u2018" and a - 1 in starts)
        if run.org_word or (hits and any(h.entry.rule in _ORG_CLASSES and text[h.start].isupper() for h in hits)):
            kind = "organization"
            key = run.org_key
        elif run.person:
            kind, g = "person", run.person_gender
        elif key in surnames:
            kind, g = "person", g or surnames[key]
        elif len(run.name) >= 2 and _role_before(text, a):
            kind = "person"  # "economist Oluwaseun Balogun", "council member Ayse Yilmaz"
        elif run.first_gender is not None and subject:
            kind, g = "person", run.first_gender  # "Andre thanked fans": a first name alone
        elif run.place:
            continue  # "New Delhi", "Texas": a place
        else:
            kind = "name"
        found.append((a, b, key, kind, g, subject, run))
        if g is not None and kind == "person":
            prev = genders.get(key, g)
            genders[key] = g if prev == g else None
    # One capitalised word opening a sentence ("If", "Missing", "Prices") is a name only if the article
    # also writes it capitalised where a sentence does not start ("Huawei ... at Huawei").
    inner = {w for *_, subject, run in found for w in run.words[0 if not subject else 1 :]}
    mentions = [
        Mention(a, b, key, "opener" if kind == "name" and subject and not run.spaced and key not in inner else kind,
                g, subject)
        for a, b, key, kind, g, subject, run in found
    ]  # fmt: skip
    return Registry(mentions, [x.start for x in mentions], genders)
