"""Step 1 of the pipeline: text -> sentences, with exact character offsets.

A news-aware, rule-based splitter. It is tuned for wire and web news: titles
(``Mr.``, ``Sen.``), initials (``J.P. Morgan``, ``George W. Bush``), month
abbreviations before a day (``Jan. 5``), decimals, a quote that closes after
the full stop, datelines (``SEOUL (Reuters) -``), headline and byline lines
without a full stop, and paragraphs.

Every :class:`Sentence` carries ``start``/``end`` offsets into the string that
was passed in, so ``text[s.start:s.end] == s.text`` always holds. Leading and
trailing white space is never part of a sentence; nothing else is dropped.

Why not an existing splitter: ``bench/segmentation.py`` compares this one with
pySBD, syntok and BlingFire on the Szeged and UW/MEANTIME sentence-split
corpora; ``docs/benchmarks.md`` has the numbers and the reasoning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = ["MAX_SENTENCE_CHARS", "Sentence", "SentenceKind", "split_sentences"]

#: What a segment is. ``sentence`` is running text; the others are the
#: furniture of a news page that is not a claim.
SentenceKind = Literal["sentence", "heading", "byline", "dateline"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One segment of the input, with offsets into the original text.

    Attributes
    ----------
    text : str
        The segment, exactly ``original[start:end]``.
    start, end : int
        Character offsets into the text given to :func:`split_sentences`.
    kind : {"sentence", "heading", "byline", "dateline"}
        ``heading`` is a line that ends without sentence punctuation (a title
        or a cross-head); ``byline`` is a "By ..." line; ``dateline`` is the
        place/agency prefix of a wire story ("SEOUL (Reuters) -").
    cut : bool
        True for a piece of a stretch of text that ran more than :data:`MAX_SENTENCE_CHARS`
        characters without a sentence boundary (text without punctuation, a table flattened into
        one line): the splitter cut it into pieces of at most that length, at white space where
        possible. Such a piece is a ``"sentence"``, never a heading, and its score says so in
        ``SentenceScore.notes``.
    """

    text: str
    start: int
    end: int
    kind: SentenceKind = "sentence"
    cut: bool = False


# --- Abbreviations --------------------------------------------------------
# Lower-cased, without the final period. Three behaviours:

#: Never end a sentence: they always introduce a name or a number.
_TITLES = frozenset(
    """mr mrs ms dr gen sen rep reps gov lt col sgt capt prof rev st adm maj cmdr
    pres atty supt det insp hon amb messrs mt ft brig cpl pvt sens gens rt""".split()
)
#: Abbreviations before a number ("No. 3", "Vol. 2"); a plain word otherwise ("said no.").
_BEFORE_NUMBER = frozenset("no nos vol art fig op pp".split())
#: Month abbreviations: no boundary before a day number ("Jan. 5").
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
#: May end a sentence, and usually do not: a boundary only if the next word is a
#: common sentence opener ("... in the U.S. The ...").
_USUALLY_INSIDE = frozenset(
    """inc corp co ltd llc plc jr sr etc vs v al approx est dept univ assn bros
    a.m p.m u.s u.k u.n e.u d.c l.a n.y i.e e.g u.s.a""".split()
)
#: Abbreviations that end company names and times, after which a sentence
#: often starts with a noun ("Inc. Shares rose"); and the words that follow a
#: time without starting a sentence.
_ENDS_NAMES_OR_TIMES = frozenset("inc corp co ltd llc plc a.m p.m".split())
_TIME_ZONES = frozenset("Eastern Pacific Central Mountain ET PT CT MT EST EDT PST PDT GMT UTC BST CET".split())
#: Words that commonly open a sentence; used to break after an ambiguous
#: abbreviation. Hand-picked from the most frequent sentence-initial words of
#: PolNeAR train (capitalised function words and pronouns).
_OPENERS = frozenset(
    """The A An He She It They We I You His Her Its Their Our This That These Those
    But And Or So Yet Still In On At For With By From After Before When While
    If As Although Though Because Since Meanwhile However Now Then There Here
    What Who Why How Where Some Many Most Other Others Both Each Every One Two
    Three No Not Only Even Also Last Next""".split()
)

# A run of sentence-final punctuation, optional closing quotes/brackets, then
# white space or the end of the block. Decimals ("3.5") and inner periods of
# "U.S." never match because no white space follows them.
# The lookbehind (after the first mark, so the regex engine can still skip
# ahead to the next mark) starts a match only at the first mark of a run: a
# long run of dots followed by a letter costs linear time, not quadratic.
_END = re.compile(r"""[.!?\u2026](?<![.!?\u2026]{2})[.!?\u2026]*["'\u201d\u2019\u00bb)\]]*(?=\s|$)""")
# The word right before a candidate period: see _prev_word.
_WORD_PUNCT = frozenset(".&'\u2019-")
_BEFORE_WORD = frozenset("(\"'\u201c\u2018\u2014\u2013-")
# Where the next sentence starts: first non-space character.
_NEXT_CHAR = re.compile(r"\s*(\S)")
_NEXT_WORD = re.compile(r"""\s*["'\u201c\u2018(\[]*([\w]+)""")
# Blank lines separate paragraphs.
# Line breaks may be \n, \r\n or a lone \r (old Mac files).
#: A blank line between two paragraphs: the one definition of a paragraph gap
#: (cue carry-over and the HTML report use it too).
PARAGRAPH_GAP = re.compile(r"(?:\r\n?|\n)[ \t\f\v]*(?:\r\n?|\n)")
_PARAGRAPH_BREAK = re.compile(PARAGRAPH_GAP.pattern + r"\s*")
_NEWLINE = re.compile(r"\r\n?|\n")
# The same two for a text without "\r" (most): a pattern that opens with one plain character is looked for as
# ``str.find`` would, where a choice of two is tested at every character.
_PARAGRAPH_BREAK_LF = re.compile(r"\n[ \t\f\v]*\n\s*")
_NEWLINE_LF = re.compile(r"\n")
_BLANKS = " \t\f\v"
# "SEOUL (Reuters) - ", "WASHINGTON —", "NEW YORK, Jan. 5 (AP) --": an
# upper-case place, optional date and agency, then a dash. Letters only upper
# case so that a sentence starting with a name and a dash is not taken.
# Upper-case letters of any alphabet, for datelines like "İSTANBUL" or "SÃO PAULO".
_UP = "".join(ch for ch in map(chr, range(0x41, 0x2000)) if unicodedata.category(ch) == "Lu")
_DATELINE = re.compile(
    r"""[UP][UP.'\u2019-]*[UP.](?:[ ][UP][UP.'\u2019-]*[UP.]){0,3}   # place
        (?:,[ ][A-Z][\w.]*(?:[ ][A-Z][\w.]*){0,2})?              # , State
        (?:,?[ ][A-Z][a-z]{2,8}\.?[ ]\d{1,2})?                   # , Jan. 5
        (?:[ ]?\([^()\n]{1,40}\))?                               # (Reuters)
        (?:[ ]+(?:--?|_)[ ]++|[ ]*[\u2014\u2013][ ]*+)            # " - ", " -- ", AP's " _ ", or a dash,
        (?!["'\u201c\u2018(\[]*[a-z])      # then a sentence: not "NATO - the alliance's top body - said" """.replace(
        "UP", _UP
    ),
    re.VERBOSE,
)
_BYLINE = re.compile(r"By[ ]+[A-Z][^\n]{0,100}$")
#: A line longer than this is taken as part of wrapped prose rather than a
#: heading when it ends without punctuation. Headlines in PolNeAR train are
#: 40-70 characters; hard-wrapped text is usually 70-80 characters a line.
_MAX_HEADING_CHARS = 100
#: The longest sentence: a stretch of text longer than this without a sentence boundary is cut into
#: pieces (``Sentence.cut``), at white space where possible, so that 5 MB without punctuation is not one
#: 5 MB "sentence". Nearly three times the longest sentence of the bundled news corpora (PolNeAR 1,094
#: characters, BBC News 1,063, of 88,707 sentences of every corpus in $CREDSCORE_DATA), so real
#: sentences are never cut.
MAX_SENTENCE_CHARS = 3_000
# Where a piece may end: the white space characters looked for, last one first, in the second half of
# the window (so a piece is at least half the limit long and the cost stays linear).
_CUT_AT = " \n\t\r\u00a0\u3000\u2028\u2029\f\v"
#: How far a cut without white space may move back so as not to split a character from the marks
#: that follow it (combining accents, a variation selector, the second half of a surrogate pair).
_MAX_CLUSTER_BACKTRACK = 32
# A line that ends with one of these continues on the next line.
# (Lower case only: a capital "A" at the end of a line is an initial or a name.)
_CONTINUES = re.compile(
    r"""(?:[,;:(\u2014\u2013-]|\b(?:the|a|an|of|and|or|to|in|on|for|with|by|at|from|that|who|which|as|is|was|are|were)
    )$""",
    re.VERBOSE,
)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with exact character offsets.

    Parameters
    ----------
    text : str
        Any text. Paragraphs are separated by blank lines; a single line break
        ends a sentence when the line before it looks like a heading or byline.

    Returns
    -------
    list of Sentence
        In text order, non-overlapping, each stripped of surrounding white space.
        ``""`` and white space give ``[]``.

    Examples
    --------
    >>> [s.text for s in split_sentences('Mr. Smith arrived at 3 p.m. on Jan. 5. He left.')]
    ['Mr. Smith arrived at 3 p.m. on Jan. 5.', 'He left.']
    >>> s = split_sentences('SEOUL (Reuters) - Talks resumed.')
    >>> [(x.kind, x.text) for x in s]
    [('dateline', 'SEOUL (Reuters) -'), ('sentence', 'Talks resumed.')]
    """
    if not isinstance(text, str):
        hint = "decode bytes first, e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else "pass text"
        raise TypeError(f"split_sentences() expects a str, got {type(text).__name__}; {hint}")
    out: list[Sentence] = []
    pos = 0
    breaks, newline = (_PARAGRAPH_BREAK, _NEWLINE) if "\r" in text else (_PARAGRAPH_BREAK_LF, _NEWLINE_LF)
    for brk in breaks.finditer(text):
        _split_paragraph(text, pos, brk.start(), out, newline)
        pos = brk.end()
    _split_paragraph(text, pos, len(text), out, newline)
    return out


def _split_paragraph(text: str, start: int, end: int, out: list[Sentence], newline: re.Pattern[str] = _NEWLINE) -> None:
    """Split one paragraph: first into lines that stand alone, then into sentences."""
    block_start = start
    line_start = start
    first = True
    for nl in newline.finditer(text, start, end):
        # Only the last line decides (never the whole block so far: that would
        # make a long run of wrapped lines quadratic). Blanks around the line
        # break are trimmed by hand: a regex for them backtracks on long runs.
        line = text[line_start : nl.start()].rstrip(_BLANKS)
        after = nl.end()
        while after < end and text[after] in _BLANKS:
            after += 1
        if _line_stands_alone(line, text[after : after + 1]):
            _split_block(text, block_start, line_start + len(line), out, first)
            block_start = after
            first = True
        line_start = after
    _split_block(text, block_start, end, out, first)


def _line_stands_alone(line: str, next_char: str) -> bool:
    """Is a single line break after ``line`` a sentence boundary?"""
    stripped = line.rstrip()
    if not stripped:
        return False
    if stripped[-1] in ".!?\u2026\"'\u201d\u2019":
        # Sentence punctuation at the end of a line: a boundary unless the next
        # line obviously continues (lower case). _split_block decides the rest.
        return not next_char.islower()
    if next_char.islower() or _CONTINUES.search(stripped):
        return False
    return len(stripped) <= _MAX_HEADING_CHARS


def _split_block(text: str, start: int, end: int, out: list[Sentence], line_start: bool) -> None:
    """Split ``text[start:end]`` (one paragraph or stand-alone line) into sentences."""
    # Trim white space; sentences never include it.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    if line_start:
        m = _BYLINE.match(text, start, end)
        if m and "\n" not in text[start:end] and text[end - 1] not in ".!?":
            out.append(Sentence(text[start:end], start, end, "byline"))
            return
        m = _DATELINE.match(text, start, end)
        if m and m.end() < end:
            d_end = m.end()
            while text[d_end - 1].isspace():
                d_end -= 1
            out.append(Sentence(text[start:d_end], start, d_end, "dateline"))
            start = m.end()
            while start < end and text[start].isspace():
                start += 1
    sent_start = start
    for m in _END.finditer(text, start, end):
        stop = m.end()
        if stop >= end:
            break
        if _is_boundary(text, m.start(), m.group(), stop, end):
            _add(text, sent_start, stop, "sentence", out)
            nxt = _NEXT_CHAR.match(text, stop, end)
            sent_start = nxt.start(1) if nxt else end
    if sent_start < end:
        kind: SentenceKind = "sentence"
        if text[end - 1] not in ".!?\u2026\"'\u201d\u2019)" and "\n" not in text[sent_start:end]:
            kind = "heading"
        _add(text, sent_start, end, kind, out)


def _add(text: str, start: int, end: int, kind: SentenceKind, out: list[Sentence]) -> None:
    """Append ``text[start:end]`` (no white space at either end) as a sentence, or, when it is longer than
    :data:`MAX_SENTENCE_CHARS`, as pieces of at most that length (``cut=True``, kind ``sentence``)."""
    limit = MAX_SENTENCE_CHARS
    if end - start <= limit:
        out.append(Sentence(text[start:end], start, end, kind))
        return
    while end - start > limit:
        cut = _cut_point(text, start, start + limit)
        stop = cut
        while text[stop - 1].isspace():
            stop -= 1
        out.append(Sentence(text[start:stop], start, stop, "sentence", True))
        start = cut
        while text[start].isspace():
            start += 1
    out.append(Sentence(text[start:end], start, end, "sentence", True))


def _cut_point(text: str, start: int, hi: int) -> int:
    """Where a piece that starts at ``start`` (not white space) ends, at most at ``hi``: at the last white
    space in the second half of the window; else at ``hi``, moved back to the start of a character (never
    between a character and its combining marks, after a zero-width joiner, or inside a surrogate pair)."""
    lo = start + (hi - start) // 2
    space = max(text.rfind(c, lo, hi) for c in _CUT_AT)
    if space > start:
        return space
    cut = hi
    while cut > hi - _MAX_CLUSTER_BACKTRACK and cut > start + 1 and _inside_character(text, cut):
        cut -= 1
    return cut if not _inside_character(text, cut) else hi


def _inside_character(text: str, i: int) -> bool:
    """Would a cut before ``text[i]`` split what a reader sees as one character?"""
    c, prev = text[i], text[i - 1]
    return (
        unicodedata.category(c) in ("Mn", "Me", "Mc")
        or prev == "\u200d"  # a zero-width joiner binds the next character
        or ("\udc00" <= c <= "\udfff" and "\ud800" <= prev <= "\udbff")
    )


def _is_boundary(text: str, punct_start: int, punct: str, stop: int, end: int) -> bool:
    """Decide whether the punctuation ``punct`` at ``punct_start`` ends a sentence."""
    nxt = _NEXT_CHAR.match(text, stop, end)
    if nxt is None:
        return True
    first = nxt.group(1)
    if first.islower() or first in ",;:)]}":
        # "Why?" he asked. / "... Inc. said" / an ellipsis inside a sentence.
        return False
    if punct != ".":
        # "!", "?", "...", or a period closed by a quote or bracket.
        return not (punct[0] == "." and punct[-1] in ")]" and _is_abbreviation_at(text, punct_start))
    word = _prev_word(text, punct_start)
    if word is None:
        return True
    low = word.lower()
    if low in _TITLES:
        return False
    if low in _MONTHS or low in _BEFORE_NUMBER:
        return not first.isdigit()
    if len(word) == 1 and word.isupper():
        # An initial: "George W. Bush", "Plan B." is rare enough to accept.
        return False
    if low in _USUALLY_INSIDE or _INITIALISM.fullmatch(word):
        nw = _NEXT_WORD.match(text, stop, end)
        if not nw:
            return False
        if nw.group(1) in _OPENERS:
            return True
        if low in _ENDS_NAMES_OR_TIMES and nw.group(1) not in _TIME_ZONES:
            # "Apple Inc. Shares rose", "at 10 a.m. Officials said": a capitalised
            # word followed by a lower-case one starts a sentence (a name would
            # go on capitalised: "Acme Inc. Chief Executive ...").
            after = _NEXT_WORD.match(text, nw.end(), end)
            return after is not None and after.group(1)[:1].islower()
        return False
    return True


_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def _is_abbreviation_at(text: str, punct_start: int) -> bool:
    word = _prev_word(text, punct_start)
    return word is not None and word.lower() in _TITLES


def _prev_word(text: str, punct_start: int) -> str | None:
    r"""The word right before a candidate period, with its inner periods ("U.S"), if it starts within 40
    characters: a run of word characters, ``.``, ``&``, apostrophes and hyphens that ends at the mark (or at
    a line break right before it) and starts at the text's start or after white space, an opening bracket or
    quotation mark, or a dash; the leftmost such start.

    This is what ``re.search(r"(?:^|(?<=[\s("'\u201c\u2018\u2014\u2013-]))([\w.&'\u2019-]+)$", ...)`` finds
    between ``punct_start - 40`` and ``punct_start`` (tests/test_sentences.py holds the two to the same
    answers), read backwards from the mark: the regex tried each of the 40 starts in turn, a third of the time
    of a text of initials ("A. A. A. ...").
    """
    lo = max(0, punct_start - 40)
    end = punct_start
    if end > lo and text[end - 1] == "\n":
        end -= 1  # "$" also matches before a final line break
    r = end
    while r > lo and ((c := text[r - 1]).isalnum() or c == "_" or c in _WORD_PUNCT):
        r -= 1
    for p in range(r, end):
        if p == 0 or (c := text[p - 1]).isspace() or c in _BEFORE_WORD:
            return text[p:end]
    return None
