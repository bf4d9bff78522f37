"""Names in news text: given names (with their usual gender), organisation words, places, and the
surnames an article introduces ("Donald Trump" ... "Trump said"), for typing sources."""

from __future__ import annotations

import re
from importlib import resources

from .document import Document

__all__ = ["first_name_gender", "person_surnames"]

_FIRST_NAMES: frozenset[str] | None = None
_GENDER: dict[str, str] | None = None
_ORG_WORDS: frozenset[str] | None = None
_PLACES: frozenset[str] | None = None
_PERSON_TITLES = frozenset(
    "mr mrs ms dr sen rep gov gen lt col sgt capt prof rev president senator governor mayor judge".split()
)


def _word_list(name: str) -> frozenset[str]:
    raw = resources.files("credscore").joinpath("lexicons", "en", name).read_text(encoding="utf-8")
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    return frozenset(lines[1:])  # the first line is the header


_MEMBER_NOUNS: frozenset[str] | None = None


def _member_nouns() -> frozenset[str]:
    """Lower-cased singular nouns for members of a party, nation or faith ('republican', 'mexican')."""
    global _MEMBER_NOUNS
    if _MEMBER_NOUNS is None:
        _MEMBER_NOUNS = frozenset(w.lower() for w in _word_list("member_nouns.tsv"))
    return _MEMBER_NOUNS


def _org_words() -> frozenset[str]:
    global _ORG_WORDS
    if _ORG_WORDS is None:
        _ORG_WORDS = _word_list("org_words.tsv")
    return _ORG_WORDS


_LOWER_ORGS: frozenset[str] | None = None


def _lower_org_words() -> frozenset[str]:
    global _LOWER_ORGS
    if _LOWER_ORGS is None:
        _LOWER_ORGS = frozenset(w.lower().rstrip(".") for w in _org_words())
    return _LOWER_ORGS


def _places() -> frozenset[str]:
    global _PLACES
    if _PLACES is None:
        _PLACES = _word_list("places.tsv")
    return _PLACES


#: Two to four capitalised words in a row ("Mayor Ann Roe", "Mr. Lee", "Donald J. Trump").
_PERSON_NAME = re.compile(r"\b[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){1,3}")


def person_surnames(doc: Document) -> dict[str, str | None]:
    """Last names of people the article introduces with a first name or a title ("Donald Trump", "Mr. Lee"),
    with the gender the first name or title gives ('f', 'm' or None): later, "Trump said" is a person,
    "Google said" is not. One regex pass per document, on first use."""
    cached = doc.surnames
    if cached is not None:
        return cached
    names = _first_names()
    out: dict[str, str | None] = {}
    for m in _PERSON_NAME.finditer(doc.text):
        words = [
            w.rstrip(".,").rstrip("'\u2019s") if w.endswith(("'s", "\u2019s")) else w.rstrip(".,")
            for w in m.group().split()
        ]
        k = 0
        g = None
        while k < len(words) - 1 and words[k].lower() in _PERSON_TITLES:
            g = g or {"mr": "m", "mrs": "f", "ms": "f"}.get(words[k].lower())
            k += 1
        if k >= len(words) - 1 and not (k > 0 and k == len(words) - 1):
            continue
        if k < len(words) - 1 and words[k].lower() in names:
            g = g or first_name_gender(words[k])
        elif k == 0:
            continue  # no title, no known first name: not known to be a person
        last = words[-1]
        prev = out.get(last, "?")
        out[last] = g if prev in ("?", g) else None  # two people, two genders: unknown
    doc.surnames = out
    return out


def _load_names() -> None:
    global _FIRST_NAMES, _GENDER
    raw = resources.files("credscore").joinpath("lexicons", "en", "first_names.tsv").read_text(encoding="utf-8")
    g = {}
    for line in raw.splitlines():
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, gender = line.split("\t")[:2]
        g[name.lower()] = gender
    _GENDER = g
    _FIRST_NAMES = frozenset(g)


def _first_names() -> frozenset[str]:
    if _FIRST_NAMES is None:
        _load_names()
    return _FIRST_NAMES  # type: ignore[return-value]


def first_name_gender(word: str) -> str | None:
    """'f', 'm' for a common first name, else None."""
    if _GENDER is None:
        _load_names()
    return _GENDER.get(word.lower())  # type: ignore[union-attr]
