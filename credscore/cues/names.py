"""Names in news text: given names (with their usual gender), organisation words, places, and the
surnames an article introduces ("Donald Trump" ... "Trump said"), for typing sources."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

from ..lexicon import word_list, word_table
from .document import Document
from .text import UPPER

__all__ = ["first_name_gender", "is_person_noun", "person_surnames", "run_words", "tail_first_name"]

PERSON_TITLES = word_list("person_titles")

#: Titles that give a gender ("Mrs. Roe"): 'f' or 'm'.
_TITLE_GENDER = word_table("title_gender")


def _word_list(name: str) -> frozenset[str]:
    """The first column of a name-list file, its header line and comments left out."""
    raw = resources.files("credscore").joinpath("lexicons", "en", name).read_text(encoding="utf-8")
    lines = [ln.split("\t")[0].strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    return frozenset(lines[1:])  # the first line is the header


@cache
def claim_nouns() -> frozenset[str]:
    """Lower-cased nouns that name a claim or belief held by no one in particular ('speculation', 'concern')."""
    return _word_list("claim_nouns.tsv")


@cache
def member_nouns() -> frozenset[str]:
    """Lower-cased singular nouns for members of a party, nation or faith ('republican', 'mexican')."""
    return frozenset(w.lower() for w in _word_list("member_nouns.tsv"))


@cache
def org_words() -> frozenset[str]:
    return _word_list("org_words.tsv")


@cache
def org_openers() -> frozenset[str]:
    """Words that open an organisation's name where the head comes first ('Banco', 'Groupe', 'Deutsche')."""
    return _word_list("org_openers.tsv")


@cache
def lower_org_words() -> frozenset[str]:
    return frozenset(w.lower().rstrip(".") for w in org_words())


@cache
def person_nouns() -> frozenset[str]:
    """Lower-case nouns for a person ('engineer', 'economist', 'nurse'): WordNet's hyponyms of person
    (``person_nouns.tsv``), for a role written before or after a name."""
    return _word_list("person_nouns.tsv")


def is_person_noun(word: str) -> bool:
    """Is the lower-case ``word`` a noun for a person or for people, singular or plural ("nurse", "investors",
    "witnesses", "nannies"; :func:`person_nouns`)? A source the lexicon of roles does not list is still someone."""
    nouns = person_nouns()
    if word in nouns:
        return True
    if not word.endswith("s"):
        return False
    return (
        word[:-1] in nouns
        or (word.endswith("es") and word[:-2] in nouns)
        or (word.endswith("ies") and word[:-3] + "y" in nouns)
    )


@cache
def known_org_names() -> frozenset[str]:
    """Names the news writes as organisations' and never as people's ("Microsoft", "Gazprom", "Home
    Office"), mined from unlabelled news by ``tools/mine_org_names.py`` (see the file's header)."""
    return _word_list("org_names.tsv")


@cache
def common_words() -> frozenset[str]:
    """The words news writes in lower case (``common_words.tsv``, by ``tools/build_common_words.py``): a
    capitalised word opening a sentence whose lower case is not among them is a name ("Maersk held ..."),
    not a common word capitalised by its position ("Prices rose")."""
    return _word_list("common_words.tsv")


@cache
def place_words() -> frozenset[str]:
    return _word_list("places.tsv")


#: Two or more capitalised words in a row ("Mayor Ann Roe", "Mr. Lee", "Donald J. Trump", 'John "Tig" Roe'), cut by
#: :func:`run_words` where a sentence or a paragraph ends inside the run. The capital comes first and the
#: word boundary after it (``\b[A-Z]`` in effect): a pattern that starts with a character class lets the
#: regex engine skip to the next capital, twice as fast as trying every position.
_PERSON_NAME = re.compile(
    rf"[{UPPER}](?<!\w[{UPPER}])[\w.'\u2019-]*(?:\s+(?:[\"\u201c][{UPPER}][\w.'\u2019-]*[\"\u201d]\s+)?[{UPPER}][\w.'\u2019-]*)+"
)
#: Capitalised words that may stand before a first name in one run ("FBI Director James B. Comey").
_BEFORE_FIRST_NAME = 2
#: A blank line: a headline or a paragraph ends there, and so does any name.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = ".!?:"
_NICKNAME_QUOTES = '"\u201c'
#: What may cut a run or leave a word out of it: a line break, a sentence end before a space, a quotation mark.
_MAY_CUT = re.compile(r"\n|[.!?:][\"'\u201d\u2019]*\s|[\"\u201c]")


def run_words(run: str) -> list[list[str]]:
    """The words of a run of capitalised words, cut where a paragraph or a sentence ends inside it: "Says A
    LOT.\n\nHillary Clinton" is two runs, "David Axelrod. The" two, "FBI Director James B. Comey" and "U.S.
    Attorney General Loretta Lynch" one (an initial, an abbreviation or a title ends no sentence)."""
    if not _MAY_CUT.search(run):
        words = run.split()  # the common run: no line break, no sentence end, no nickname inside
        return [words] if len(words) > 1 else []
    out = []
    for part in _PARAGRAPH_BREAK.split(run):
        words: list[str] = []
        for w in part.split():
            if w[0] in _NICKNAME_QUOTES:
                continue  # a nickname in quotation marks: 'John "Tig" Tiegen'
            words.append(w)
            stem = w.rstrip(_SENTENCE_END + "\"'\u201d\u2019")
            if len(stem) < len(w) and w[len(stem)] in _SENTENCE_END and len(stem) > 2 and "." not in stem:
                if stem.lower() not in PERSON_TITLES:
                    out.append(words)
                    words = []
        if words:
            out.append(words)
    return [ws for ws in out if len(ws) > 1]


def _name_after_role(words: list[str]) -> int | None:
    """Where a run is a capitalised role, then a two- or three-word name, the name's first word: "Health
    Minister Ananya Iyer", "Chief Executive Kavita Reddy" (a first name the list may not know)."""
    people = person_nouns()
    for j in range(len(words) - 3, max(-1, len(words) - 5), -1):
        if words[j].lower() in people and not any(w.lower() in people for w in words[j + 1 :]):
            return j + 1
    return None


def tail_first_name(words: list[str], names: frozenset[str]) -> int | None:
    """Where a long run ends in a personal name, the first name's index: "Israeli Prime Minister Benjamin
    Netanyahu", "New York Attorney General Eric S. Schneiderman" (a first name, a middle initial at most,
    then the last word)."""
    n = len(words)
    for j in (n - 2, n - 3):
        if j > 0 and words[j].lower() in names and (j == n - 2 or len(words[j + 1].rstrip(".")) == 1):
            return j
    return None


def person_surnames(doc: Document) -> dict[str, str | None]:
    """Last names of people the article introduces with a first name or a title ("Donald Trump", "Mr. Lee"),
    with the gender the first name or title gives ('f', 'm' or None): later, "Trump said" is a person,
    "Google said" is not. One regex pass per document, on first use."""
    cached = doc.surnames
    if cached is not None:
        return cached
    out: dict[str, str | None] = {}
    for m in _PERSON_NAME.finditer(doc.text):
        for last, g in _surnames_in(m.group()):
            prev = out.get(last, "?")
            out[last] = g if prev in ("?", g) else None  # two people, two genders: unknown
    doc.surnames = out
    return out


@lru_cache(maxsize=8192)
def _surnames_in(run: str) -> tuple[tuple[str, str | None], ...]:
    """The (last name, gender) of each person a run of capitalised words introduces, as written: the same
    wherever an article writes it (a name is written again and again; read each once per process)."""
    names = first_names()
    found = []
    for raw in run_words(run):
        words = [w.rstrip(".,").rstrip("'\u2019s") if w.endswith(("'s", "\u2019s")) else w.rstrip(".,") for w in raw]
        k = 0
        g = None
        while k < len(words) - 1 and words[k].lower() in PERSON_TITLES:
            g = g or _TITLE_GENDER.get(words[k].lower())
            k += 1
        if k >= len(words) - 1 and not (k > 0 and k == len(words) - 1):
            continue
        first = next(
            (j for j in range(k, min(k + _BEFORE_FIRST_NAME + 1, len(words) - 1)) if words[j].lower() in names), None
        )
        if first is None:
            first = tail_first_name(words, names)
        if first is None:
            first = _name_after_role(words)
        last = words[-1] if len(words) <= 4 else None
        if first is not None:
            g = g or first_name_gender(words[first])  # "Ann Roe", "FBI Director James B. Comey"
            if len(words) > 4:
                # A long run: the surname follows the first name, after a middle initial at most (a title-case
                # headline, "Donald Trump Says Mexico Will Pay", names no "Pay").
                j = first + 1
                if j < len(words) - 1 and len(words[j]) <= 2:
                    j += 1
                last = words[j]
        elif k == 0:
            continue  # no title, no known first name: not known to be a person
        if last is None:
            continue
        found.append((last, g))
    return tuple(found)


@cache
def _genders() -> dict[str, str]:
    """Common first names (lower case) and their usual gender, 'f' or 'm'."""
    raw = resources.files("credscore").joinpath("lexicons", "en", "first_names.tsv").read_text(encoding="utf-8")
    g = {}
    for line in raw.splitlines():
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, gender = line.split("\t")[:2]
        g[name.lower()] = gender
    return g


@cache
def first_names() -> frozenset[str]:
    return frozenset(_genders())


def first_name_gender(word: str) -> str | None:
    """'f', 'm' for a common first name, else None."""
    return _genders().get(word.lower())
