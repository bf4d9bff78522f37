"""Cue lexicons: the documented word lists the cue rules run on.

Lexicons are data, not code. They live as TSV files in ``credscore/lexicons/<language>/``
(English: ``credscore/lexicons/en/``; one file per family: hedges, attribution, sources, outlets, documents), each
row a phrase with the cue ``kind`` it can produce, the ``rule`` that decides in
context whether it does, a prior ``weight`` and where the entry came from. The
file headers say how the entries were chosen. Beside them, the word-list files (:data:`WORD_LIST_FILES`:
function words, verb forms, roles, titles) hold the closed word lists the rules test tokens
against, one named list per ``list`` value, read by :func:`word_list` and :func:`word_table`.

All phrases are compiled into one regular expression shaped as a trie, run once
over the lower-cased document: Python's ``re`` tries alternatives one by one,
so a flat alternation of 500 phrases runs at ~2 MB/s, the trie at ~40 MB/s
(measured on PolNeAR train, see docs/benchmarks.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from itertools import pairwise
from pathlib import Path

from .errors import LexiconError

__all__ = [
    "DEFAULT_FILES",
    "WORD_LIST_FILES",
    "Entry",
    "Lexicon",
    "LexiconError",
    "PhraseScan",
    "default_lexicon",
    "lower_same_length",
    "word_list",
    "word_pattern",
    "word_table",
]

#: The lexicon files shipped with credscore, in ``credscore/lexicons/en/``.
DEFAULT_FILES = ("uncertainty.tsv", "attribution.tsv", "sources.tsv", "outlets.tsv", "documents.tsv")
#: The language folder of the shipped lexicons (one folder per language under ``credscore/lexicons``).
LANGUAGE = "en"
_COLUMNS = ("phrase", "kind", "rule", "weight", "source", "note")
#: The word-list files, also in ``credscore/lexicons/en/``: the closed lists of words the cue rules test
#: single tokens against (determiners, verb forms, role nouns, titles), one named list per ``list`` value.
WORD_LIST_FILES = ("function_words.tsv", "verbs.tsv", "roles.tsv", "titles.tsv", "attribution_nouns.tsv")
_WORD_LIST_COLUMNS = ("list", "word", "value")


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row."""

    phrase: str
    kind: str
    rule: str
    weight: float
    source: str
    note: str
    origin: str  # "file.tsv:line"
    #: An entry written with capitals ("AP", "the Post") matches only so written.
    case_sensitive: bool = False

    def matches_case(self, surface: str) -> bool:
        """Does ``surface`` (the text matched, any white space) have this entry's capitals?"""
        if not self.case_sensitive:
            return True
        words = surface.split()
        want = self.phrase.split()
        if len(words) != len(want):
            return False
        for w, p in zip(words, want, strict=True):
            for a, b in zip(w, p, strict=False):
                if b.isupper() and not a.isupper():
                    return False
        return True


class Lexicon:
    """A set of entries and the compiled matcher over them.

    Parameters
    ----------
    entries : iterable of Entry
        Usually from :meth:`load`.

    Examples
    --------
    >>> lex = Lexicon.load()
    >>> [(m.start(), lex.lookup(m.group())[0].rule) for m in lex.finditer("it was reportedly sent")]
    [(7, 'uncertainty_cue')]
    """

    def __init__(self, entries: Iterable[Entry]):
        self.entries: tuple[Entry, ...] = tuple(entries)
        by_phrase: dict[str, list[Entry]] = {}
        seen: dict[tuple[str, str], Entry] = {}
        for e in self.entries:
            # A phrase may be in several families ("believe": an attribution verb and an uncertainty cue),
            # but only once in each.
            if (e.phrase, e.kind) in seen:
                raise LexiconError(
                    f"{e.origin}: phrase {e.phrase!r} is already defined at {seen[(e.phrase, e.kind)].origin}; "
                    f"keep one {e.kind} entry per phrase"
                )
            seen[(e.phrase, e.kind)] = e
            by_phrase.setdefault(_key(e.phrase), []).append(e)
        self._by_phrase = {k: tuple(v) for k, v in by_phrase.items()}
        #: Per group (is it the uncertainty group?): matched phrase -> the hits a match makes
        #: (credscore.cues.document._plan), filled as phrases are met.
        self.hit_plans: dict[bool, dict[str, tuple]] = {False: {}, True: {}}
        # Uncertainty cues are matched on their own, so that they may overlap other families' phrases:
        # "believed" is a candidate inside "is believed to" (an agentless attribution).
        groups: dict[bool, dict[str, tuple[Entry, ...]]] = {True: {}, False: {}}
        for k, v in self._by_phrase.items():
            for hedge in (True, False):
                sub = tuple(e for e in v if (e.kind == "hedge") is hedge)
                if sub:
                    groups[hedge][k] = sub
        self._groups = {hedge: phrases for hedge, phrases in groups.items() if phrases}
        #: (is the uncertainty group, its scan), for each group that has phrases: what the document scan
        #: (credscore.cues.document._find_hits) runs. The patterns below are compiled only when asked for.
        self.group_scans: tuple[tuple[bool, PhraseScan], ...] = tuple(
            (hedge, PhraseScan.of(self._groups[hedge])) for hedge in (False, True) if hedge in self._groups
        )

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Every phrase in one trie regex (:meth:`finditer`)."""
        return _trie_pattern(self._by_phrase, adverb_slots=True)

    @cached_property
    def group_patterns(self) -> tuple[tuple[bool, re.Pattern[str]], ...]:
        """(is the uncertainty group, its trie regex), for each group that has phrases (:meth:`finditer_all`)."""
        return tuple((hedge, _trie_pattern(self._groups[hedge])) for hedge in (False, True) if hedge in self._groups)

    @classmethod
    def load(cls, paths: str | Path | Iterable[str | Path] | None = None) -> Lexicon:
        """Load lexicon files; the shipped ones when ``paths`` is None."""
        entries: list[Entry] = []
        if isinstance(paths, (str, Path)):
            paths = [paths]  # one file, not the characters of its name
        if paths is None:
            root = resources.files("credscore") / "lexicons" / LANGUAGE
            for name in DEFAULT_FILES:
                entries.extend(_parse(root.joinpath(name).read_text(encoding="utf-8"), name))
        else:
            for p in paths:
                p = Path(p)
                try:
                    raw = p.read_text(encoding="utf-8")
                except FileNotFoundError:
                    raise LexiconError(f"lexicon file {str(p)!r} does not exist") from None
                entries.extend(_parse(raw, p.name))
        return cls(entries)

    def finditer_all(self, lowered: str) -> Iterator[re.Match[str]]:
        """Matches of every phrase, each family group on its own (so groups may overlap), group by group."""
        for _hedge, pat in self.group_patterns:
            yield from pat.finditer(lowered)

    def lookup(self, surface: str) -> tuple[Entry, ...]:
        """Entries for a matched phrase (any case, any white space between words)."""
        return self._by_phrase.get(_key(surface), ())

    def lookup_lowered(self, lowered: str) -> tuple[Entry, ...]:
        """:meth:`lookup` for a match from :meth:`finditer` (already lower case)."""
        found = self._by_phrase.get(lowered)
        if found is None:
            found = self._by_phrase.get(_key(lowered))
        if found is None:  # an adverb in a slot after "be": "is still regarded as"
            found = self._by_phrase.get(_key(without_adverb_after_be(lowered)), ())
        return found

    def finditer(self, lowered: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """Matches of any phrase in ``lowered`` (already lower-cased text)."""
        if endpos is None:
            endpos = len(lowered)
        return self.pattern.finditer(lowered, pos, endpos)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Lexicon({len(self.entries)} entries)"


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().replace("\u2019", "'").split())


def _parse(raw: str, name: str) -> Iterator[Entry]:
    lines = [(i, line) for i, line in enumerate(raw.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        raise LexiconError(f"{name}: no entries; expected a tab-separated header with {list(_COLUMNS)!r} and rows")
    header_no, header = lines[0]
    cols = header.split("\t")
    if tuple(cols) != _COLUMNS:
        raise LexiconError(f"{name}:{header_no}: header is {cols!r}; expected the columns {list(_COLUMNS)!r}")
    for lineno, line in lines[1:]:
        row = line.split("\t")
        if len(row) != len(_COLUMNS):
            raise LexiconError(
                f"{name}:{lineno}: {len(row)} columns, expected {len(_COLUMNS)} ({', '.join(_COLUMNS)}); "
                "separate columns with one tab and leave empty columns empty"
            )
        phrase, kind, rule, weight, source, note = row
        if not phrase.strip() or phrase != phrase.strip():
            raise LexiconError(f"{name}:{lineno}: phrase {phrase!r} is empty or has surrounding spaces")
        try:
            w = float(weight)
        except ValueError:
            raise LexiconError(f"{name}:{lineno}: weight {weight!r} is not a number; use a value in [0, 1]") from None
        if not 0.0 <= w <= 1.0:
            raise LexiconError(f"{name}:{lineno}: weight {w} is outside [0, 1]")
        yield Entry(phrase, kind, rule, w, source, note, f"{name}:{lineno}", phrase != phrase.lower())


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of ``words`` as a whole word, factored as a trie like the lexicon's (a flat
    alternation of many words is an order of magnitude slower over a whole document)."""
    return _trie_pattern(dict.fromkeys(words, ()))


def _trie_pattern(by_phrase: dict[str, tuple[Entry, ...]], adverb_slots: bool = False) -> re.Pattern[str]:
    """One regex matching every phrase, factored as a trie (longest match first)."""
    # Word boundaries that also work for phrases ending in punctuation.
    return re.compile(r"(?<!\w)" + _trie_body(by_phrase, adverb_slots) + r"(?!\w)")


#: The forms of "be" after which a phrase lets an adverb stand ("is still regarded as", "are also said to",
#: "it was widely reported"): the same construction, and so the same cue, with or without it.
_BE_FORMS = frozenset(["is", "are", "was", "were", "be", "been"])
#: Stands in a trie for the space after a form of "be": ``\s+``, then an optional adverb (:data:`_ADVERB`).
_ADVERB_SLOT = "\x01"
#: An adverb that may stand between "be" and the rest of a phrase: a word in -ly or one of a few others.
_ADVERB = r"(?:[a-z]+ly|also|still|now|already|long|often|even|not|once|always|never|all|both|thus|therefore)"
_ADVERB_AFTER_BE = re.compile(r"\b(is|are|was|were|be|been)\s+" + _ADVERB + r"(?=\s)")


def _with_adverb_slots(phrase: str) -> str:
    """``phrase`` with the space after each form of "be" that another word follows made an adverb slot."""
    words = phrase.split(" ")
    if len(words) < 2 or not _BE_FORMS.intersection(words[:-1]):
        return phrase
    out = words[0]
    for prev, word in pairwise(words):
        out += (_ADVERB_SLOT if prev in _BE_FORMS else " ") + word
    return out


def without_adverb_after_be(lowered: str) -> str:
    """A matched phrase without the adverbs its adverb slots took in ("is still regarded as" -> "is regarded
    as"), to look its entries up by."""
    return _ADVERB_AFTER_BE.sub(r"\1", lowered)


def _trie_body(by_phrase: dict[str, tuple[Entry, ...]], adverb_slots: bool = False) -> str:
    """The trie of every phrase as one non-capturing group, without word boundaries; with ``adverb_slots``,
    an adverb may stand after each form of "be" inside a phrase (:func:`_with_adverb_slots`)."""
    trie: dict[str, dict] = {}
    for phrase in by_phrase:
        node = trie
        for ch in _with_adverb_slots(phrase) if adverb_slots else phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    body = _trie_regex(trie) if trie else "(?!)"
    return "(?:" + body + ")"


@dataclass(frozen=True, slots=True)
class PhraseScan:
    r"""The phrases of a trie in a lower-cased text, as :func:`_trie_pattern`'s matches, found faster.

    ``_trie_pattern`` opens with a lookbehind, so ``re`` tries the whole pattern at every character of
    the text. When every phrase starts with a word character, the scan pattern instead takes in the
    character before the phrase (``\W``): a pattern that opens with a character class lets the regex engine
    skip the letters inside words without trying it there (a quarter fewer instructions on news). The
    text is then scanned with a space before it (:meth:`scanned`), so that a phrase at its very start
    also follows a non-word character, and each match ``m`` is the phrase ``text[m.start() : m.end() -
    lead]``. The matches are those of ``_trie_pattern``: phrases that cannot start right after another
    phrase's end (a word character there would break the first one's ``(?!\w)``) never compete for the
    character taken in.
    """

    pattern: re.Pattern[str]
    #: 1 when each match takes in the character before the phrase (the fast form), else 0.
    lead: int

    @classmethod
    def of(cls, by_phrase: dict[str, tuple[Entry, ...]]) -> PhraseScan:
        if all(_WORD_START.match(phrase) for phrase in by_phrase):
            return cls(re.compile(r"\W" + _trie_body(by_phrase, adverb_slots=True) + r"(?!\w)"), 1)
        return cls(_trie_pattern(by_phrase, adverb_slots=True), 0)  # a phrase opens with punctuation

    def scanned(self, lowered: str) -> str:
        """The string to run :attr:`pattern` over: ``lowered``, after a space in the fast form."""
        return " " + lowered if self.lead else lowered


_WORD_START = re.compile(r"\w")


def _atom(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == _ADVERB_SLOT:
        return r"\s+(?:" + _ADVERB + r"\s+)?"
    if ch == "'":
        return "['\u2019]"
    return re.escape(ch)


def _trie_regex(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = [_atom(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        # Greedy optional: the longer phrase is tried first, the shorter on failure.
        return "(?:" + body + ")?"
    return body


def lower_same_length(text: str) -> str:
    """``text.lower()``, but never changing the length, so offsets stay valid.

    A handful of characters lower-case to two (``"İ".lower()`` is two code
    points); those are kept as they are.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_DEFAULT: Lexicon | None = None


def default_lexicon() -> Lexicon:
    """The shipped lexicons (:meth:`Lexicon.load`), read once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Lexicon.load()
    return _DEFAULT


@cache
def _word_lists() -> dict[str, dict[str, str]]:
    """Every named word list of :data:`WORD_LIST_FILES`: list -> {word: value}, words in file order."""
    root = resources.files("credscore") / "lexicons" / LANGUAGE
    lists: dict[str, dict[str, str]] = {}
    where: dict[str, str] = {}
    for name in WORD_LIST_FILES:
        raw = root.joinpath(name).read_text(encoding="utf-8")
        rows = [(i, ln) for i, ln in enumerate(raw.splitlines(), 1) if ln.strip() and not ln.startswith("#")]
        if not rows or tuple(rows[0][1].split("\t")) != _WORD_LIST_COLUMNS:
            raise LexiconError(
                f"{name}: the first line that is not a comment must be the header {list(_WORD_LIST_COLUMNS)!r}"
            )
        for lineno, line in rows[1:]:
            row = line.split("\t")
            if len(row) == 2:
                row.append("")  # no value: the usual case
            if len(row) != len(_WORD_LIST_COLUMNS):
                raise LexiconError(
                    f"{name}:{lineno}: {len(row)} columns, expected list, word and, if it has one, value; "
                    "separate columns with one tab"
                )
            lst, word, value = row
            if not word or word != word.strip() or not lst:
                raise LexiconError(f"{name}:{lineno}: word {word!r} of list {lst!r} is empty or has surrounding spaces")
            if where.setdefault(lst, name) != name:
                raise LexiconError(f"{name}:{lineno}: list {lst!r} is already defined in {where[lst]}")
            words = lists.setdefault(lst, {})
            if word in words:
                raise LexiconError(f"{name}:{lineno}: {word!r} is already in the list {lst!r}")
            words[word] = value
    return lists


def word_table(name: str) -> dict[str, str]:
    """The named word list of the word-list files (:data:`WORD_LIST_FILES`) as {word: value}, in file order.

    Examples
    --------
    >>> word_table("number_words")["dozen"]
    '12'
    """
    lists = _word_lists()
    if name not in lists:
        raise LexiconError(f"no word list {name!r}; the lists are: {', '.join(sorted(lists))}")
    return dict(lists[name])


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of a named word list (:data:`WORD_LIST_FILES`), as written (case and apostrophes kept).

    Examples
    --------
    >>> sorted(word_list("modals"))[:3]
    ['can', 'could', 'may']
    """
    return frozenset(word_table(name))
