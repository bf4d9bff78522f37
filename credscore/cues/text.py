"""Word-level helpers shared by the cue families: tokens, names, numbers.

Nothing here knows about rules; these are the small, fast tests every family
needs (is this token a name? how many people does "three aides" name?).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lexicon import word_list, word_table

__all__ = [
    "CLAUSE_WORDS",
    "DETERMINERS",
    "MONTHS",
    "NP_STOP",
    "NUMBER_WORDS",
    "PRONOUNS",
    "QUOTE_CHARS",
    "UPPER",
    "WEEKDAYS",
    "Token",
    "count_from",
    "has_name",
    "is_name_token",
    "tokens",
]

#: A token: (start, end, lower-cased text).
Token = tuple[int, int, str]

# Words (with inner periods, apostrophes, hyphens), numbers with thousands separators ("2,000", "1,250,000"),
# titles and initials with their period ("Sen.", "U.S.", "W."), or single punctuation marks. Titles and
# initials are tried only at a capital (one look instead of two dozen).
# The titles: credscore/lexicons/en/titles.tsv, list "abbreviations".
_TOKEN = re.compile(
    r"""(?=[A-Z])(?:(?:"""
    + "|".join(map(re.escape, word_table("abbreviations")))
    + r""")\.
                   | (?:[A-Z]\.){1,4}(?![\w]))
      | \d{1,3}(?:,\d{3})+(?![\d,]\d) | [\w][\w.'\u2019&-]*[\w] | [\w] | [^\w\s]""",
    re.VERBOSE,
)

WEEKDAYS = word_list("weekdays")
MONTHS = word_list("months")
#: Words that end a source phrase when walking back from the verb.
CLAUSE_WORDS = word_list("clause_words")
DETERMINERS = word_list("determiners")
#: Pronouns that can be a source, with the number of people they stand for (0: relative).
PRONOUNS = {w: int(n) for w, n in word_table("pronouns").items()}
QUOTE_CHARS = "\"\u201c\u201d\u2018\u2019'\u00ab\u00bb\u2039\u203a"  # guillemets too: «Text,» a spokesperson said
#: Boundary punctuation for a source phrase.
NP_STOP = frozenset(list(".;:!?()[]{}\u2014\u2013") + list(QUOTE_CHARS))
#: Number words and the count of people they name at least.
NUMBER_WORDS = {w: int(n) for w, n in word_table("number_words").items()}
#: Number words that give an exact count ("two officials" -> 2); the rest give a floor.
EXACT_NUMBERS = word_list("exact_numbers")
#: Words before the number that counting skips ("at least two", "the other three").
_COUNT_PREFIXES = word_list("count_prefixes")
_PLURAL_HEADS = word_list("plural_heads")

_NAME_STOP = word_list("name_stop")


def tokens(text: str, low: str, a: int, b: int) -> list[Token]:
    """Tokens of ``text[a:b]`` as (start, end, lower-cased text)."""
    out: list[Token] = []
    append = out.append
    for m in _TOKEN.finditer(text, a, b):
        i, j = m.span()
        append((i, j, low[i:j]))
    return out


#: Capital letters for a regex character class: ASCII and the Latin capitals of other languages ("Çelik",
#: "Élodie", "Øyvind", "Đặng"), so a name's second word is read as a name whatever its first letter.
UPPER = "A-Z" + "".join(c for c in map(chr, [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]) if c.isupper())


def is_name_token(tok: str) -> bool:
    """A capitalised word that is not a determiner, title, weekday or month."""
    if not tok[0].isupper():
        return False
    if tok in _NAME_STOP or tok.rstrip(".") in _NAME_STOP:
        return False
    low = tok.lower()
    return low not in WEEKDAYS and low not in MONTHS


def has_name(text: str, a: int, b: int, *, skip_first: bool, exclude: Sequence[tuple[int, int]] = ()) -> bool:
    """Does ``text[a:b]`` hold a capitalised name?

    ``skip_first`` ignores a capitalised first word ("A report by ..."); tokens
    inside ``exclude`` spans (lexicon words such as "Critics") do not count.
    """
    for i, m in enumerate(_TOKEN.finditer(text, a, b)):
        if (i == 0 and skip_first) or not is_name_token(m.group()):
            continue
        if not exclude or not any(x <= m.start() < y for x, y in exclude):
            return True
    return False


def count_from(words: Sequence[str], head_low: str) -> tuple[int, bool]:
    """How many people a phrase names: (at least this many, exact?).

    ``words`` are the phrase's lower-cased words; "two people" -> (2, True),
    "several aides" -> (3, False), "officials" -> (2, False), "an aide" -> (1, True).
    """
    for w in words:
        if w in NUMBER_WORDS:
            return NUMBER_WORDS[w], w in EXACT_NUMBERS
        if w.isascii() and w.isdigit():  # "²" and "①" are digits to str.isdigit, not to int()
            return min(int(w), 10_000), True
        if w not in _COUNT_PREFIXES:
            break
    plural = (
        head_low.endswith("s") and not head_low.endswith("ss") and head_low != "press"
    ) or head_low in _PLURAL_HEADS
    return (2, False) if plural else (1, True)
