"""Step 0 of the pipeline: the text as the caller gave it -> the text credscore reads.

Scraped and exported news arrives with its quotation marks broken in two ways that change who a claim
is attributed to:

- **mojibake**: UTF-8 read as Windows-1252 (``â€œWe expect,â€ said``), often with the last byte of a
  closing quote lost on the way (``â€`` then a space);
- **mixed or foreign quotation marks**: an opening ``“`` closed by a straight ``"``, a closing ``”``
  used to open, TeX-style ``` `` ``` and ``''``, guillemets ``« »`` and low ``„``.

:func:`repair` returns a :class:`Repair`: the text with mojibake decoded and every double quotation
mark written as the curly mark of its direction (only when the text uses more than plain straight
``"`` marks, so plain straight-quoted copy is read exactly as before), and the map from its offsets back
to the caller's. credscore reads ``Repair.text`` and reports every span in the caller's text, so
``text[start:end]`` is still exactly what the caller wrote, mojibake and all.

Mojibake runs are decoded by ``ftfy`` (Speer, 2019), the library made for the job: it knows the
encodings and double encodings a run may have passed through and refuses to "fix" text that was
right. It is imported only when a text holds a candidate run.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["Repair", "repair"]

#: What Windows-1252 makes of a UTF-8 continuation byte (0x80-0xBF); the five bytes it leaves undefined
#: pass through as the C1 control of the same number, as browsers and ``ftfy``'s sloppy codec do.
_CONTINUATION = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xC0))
_CONT = "[" + re.escape(_CONTINUATION) + "]"
#: A run of characters that may be UTF-8 bytes read as Windows-1252: a lead byte (Â-ô) followed by the
#: continuation bytes it needs. ``â€`` at the end of a run is a closing quote that lost its last byte
#: (0x9D is undefined in Windows-1252 and is dropped by many pipelines).
_MOJIBAKE = re.compile(
    rf"(?:[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}|\u00e2\u20ac(?!{_CONT}))+"
)
#: Cheap test before the run pattern: a possible lead byte at all.
_MAYBE = re.compile(r"[\u00c2-\u00f4]")

#: Double quotation marks of every style: straight, curly, low, guillemets, TeX. Each mark is an alternative
#: of its own, not a character class: a pattern whose every alternative opens with a plain character lets
#: the regex engine skip to the next such character instead of trying the pattern at every position.
_DOUBLE_MARKS = re.compile("``|''|" + "|".join('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033'))
#: Any double quotation mark but the plain straight one: without one, the text's quotes are read as they are.
_NOT_STRAIGHT = re.compile("``|''|" + "|".join("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"))
#: Marks whose direction is fixed by the mark itself, whatever stands around them.
_OPENS = {"``": True, "\u00ab": True, "\u201e": True, "''": False, "\u00bb": False}
_OPEN, _CLOSE = "\u201c", "\u201d"


@dataclass(frozen=True, slots=True)
class Repair:
    """The text credscore reads, and the way back to the caller's offsets.

    Attributes
    ----------
    original : str
        The text as given.
    text : str
        What credscore reads: mojibake decoded, double quotation marks made curly by direction.
    edits : tuple of (int, int, str)
        ``(start, end, replacement)`` in ``original``, in order, not overlapping; empty when the text
        needed nothing.
    """

    original: str
    text: str
    edits: tuple[tuple[int, int, str], ...]
    _read_starts: tuple[int, ...] = ()
    _shifts: tuple[int, ...] = ()
    #: The edits' starts in ``original`` (what the bisections search).
    _starts: tuple[int, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.edits)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The caller's offsets of ``text[start:end]``: a span that touches part of a repaired run covers
        the whole run as written."""
        if not self.edits:
            return start, end
        return self._back(start, False), self._back(end, True) if end > start else self._back(end, False)

    def reading_offset(self, pos: int) -> int:
        """Where the caller's offset ``pos`` is in :attr:`text` (a position inside a repaired run maps to the
        run's start)."""
        k = bisect_right(self._starts, pos) - 1
        if k < 0:
            return pos
        a, b, _rep = self.edits[k]
        if pos < b and pos > a:
            return self._read_starts[k]
        if pos == a:
            return self._read_starts[k]
        return pos + self._shifts[k]

    def to_original(self, obj: T, _memo: dict[int, Any] | None = None) -> T:
        """``obj`` (a span-carrying record of the reading text: a sentence, a cue, a source with its
        ``cue``, ``anonymity_reason``, ``refers_to`` and ``via``, or a tuple or list of them) with every
        ``start``/``end`` moved to the caller's offsets and every ``text`` taken from the caller's text.
        Records shared between several places stay shared."""
        if not self.edits:
            return obj
        return self._move(obj, {} if _memo is None else _memo)

    def _move(self, obj: Any, memo: dict[int, Any]) -> Any:
        # to_original's work. A record no edit touches is kept as it is; any other is built once (per memo)
        # with its span mapped back (_span_back) and its nested records moved.
        if isinstance(obj, (tuple, list)):
            if not obj and type(obj) is tuple:
                return obj  # most sentences have no cues: the empty tuple is the only one
            move = self._move
            return type(obj)([move(x, memo) for x in obj])
        if obj is None:
            return obj
        layout = _record_layout(type(obj))
        if layout is None:
            return obj
        key = id(obj)
        done = memo.get(key)
        if done is not None:
            return done
        names, span_at, nested_at = layout
        values: list[Any] | None = None
        if span_at is not None:
            start, end = obj.start, obj.end
            # Most spans lie between two edits: one bisection gives the shift, and nothing is touched.
            rs = self._read_starts
            k = bisect_right(rs, start) - 1
            if (
                start <= end
                and (k < 0 or rs[k] + len(self.edits[k][2]) <= start)
                and (k + 1 == len(rs) or end <= rs[k + 1])
            ):
                shift = self._shifts[k] if k >= 0 else 0
                a, b, moved = start - shift, end - shift, shift != 0
            else:
                a, b = self._span_back(start, end)
                moved = a != start or b != end or self._touches(a, b)
            if moved:
                values = list(_getter(names)(obj))
                values[span_at[0]] = a
                values[span_at[1]] = b
                values[span_at[2]] = self.original[a:b]
        for i in nested_at:
            v = getattr(obj, names[i])
            if v is not None and _record_layout(type(v)) is not None:
                moved = self._move(v, memo)
                if moved is not v:
                    if values is None:
                        values = list(_getter(names)(obj))
                    values[i] = moved
        # The record's own constructor, as dataclasses.replace calls it, with every field in order.
        out = obj if values is None else type(obj)(*values)
        memo[key] = out
        return out

    def _span_back(self, start: int, end: int) -> tuple[int, int]:
        """:meth:`original_span` with the edits known to exist."""
        a = self._back(start, False)
        return a, self._back(end, True) if end > start else self._back(end, False)

    def _touches(self, a: int, b: int) -> bool:
        """Does an edit overlap the caller's ``a``-``b``? (Edits are sorted and do not overlap, so the last one
        that starts before ``b`` is the only candidate.)"""
        k = bisect_left(self._starts, b) - 1
        return k >= 0 and self.edits[k][1] > a

    def _back(self, pos: int, is_end: bool) -> int:
        # The last edit starting at or before pos (in reading offsets).
        k = bisect_right(self._read_starts, pos if not is_end else pos - 1) - 1
        if k < 0:
            return pos
        a, b, rep = self.edits[k]
        ra = self._read_starts[k]
        if ra + len(rep) > (pos - 1 if is_end else pos):
            # Inside the replacement: a start maps to the run's start, an end to its end.
            return b if is_end else a
        return pos - self._shifts[k]


#: Field types that never hold a span-carrying record (nothing to move inside them).
_PLAIN_TYPES = frozenset(
    ["str", "int", "bool", "float", "str | None", "int | None", "bool | None", "float | None", "SentenceKind"]
)


@cache
def _record_layout(cls: type) -> tuple[tuple[str, ...], tuple[int, int, int] | None, tuple[int, ...]] | None:
    """How :meth:`Repair.to_original` reads a record type: its field names in order, the indices of ``start``,
    ``end`` and ``text`` when it carries a span (else None), and the indices of the other fields that may hold
    records; None for a type that is no dataclass (nothing to move)."""
    if not is_dataclass(cls):
        return None
    fs = fields(cls)
    if not all(f.init for f in fs):
        raise TypeError(f"{cls.__name__} has a field its constructor does not take; to_original rebuilds records")
    names = tuple(f.name for f in fs)
    has_span = {"start", "end", "text"} <= set(names)
    span_at = (names.index("start"), names.index("end"), names.index("text")) if has_span else None
    nested = tuple(
        i for i, f in enumerate(fs) if f.name not in ("start", "end", "text") and str(f.type) not in _PLAIN_TYPES
    )
    return names, span_at, nested


@cache
def _getter(names: tuple[str, ...]) -> Any:
    """Every field of a record, in order, in one call."""
    return attrgetter(*names) if len(names) > 1 else lambda obj: (getattr(obj, names[0]),)


def _mojibake_edits(text: str) -> list[tuple[int, int, str]]:
    if text.isascii() or not _MAYBE.search(text):  # isascii() is free: a str knows its widest character
        return []
    runs = list(_MOJIBAKE.finditer(text))
    if not runs:
        return []
    import ftfy  # only for a text that holds a candidate run

    out = []
    for m in runs:
        run = m.group()
        probe = run + "\x9d" if run.endswith("\u00e2\u20ac") else run
        fixed = ftfy.fix_encoding(probe)
        if fixed == probe or fixed == run:
            fixed = _decode_run(run)  # ftfy keeps 'á»…' (Vietnamese 'ễ'): '…' is common on its own
        if fixed is not None and fixed != probe and fixed != run:
            out.append((m.start(), m.end(), fixed))
    return out


def _decode_run(run: str) -> str | None:
    """A run of lead and continuation bytes read as Windows-1252 that decodes as strict UTF-8 into letters is
    mojibake of those letters; None when it does not decode (then it was meant as written)."""
    try:
        fixed = run.encode("sloppy-windows-1252").decode("utf-8")
    except (UnicodeError, LookupError):
        return None
    return fixed if all(c.isalpha() or c.isspace() for c in fixed) else None


def mark_direction(text: str, a: int, b: int, mark: str) -> bool | None:
    """True for an opening mark, False for a closing one, None when the context does not tell."""
    fixed = _OPENS.get(mark)
    if fixed is not None:
        return fixed
    before = text[a - 1] if a > 0 else " "
    after = text[b] if b < len(text) else " "
    space_before = before.isspace() or before in "([{\u2014\u2013-/"
    space_after = after.isspace() or after in ".,;:!?)]}"
    if space_before and not space_after:
        return True
    if space_after and not space_before:
        return False
    if not space_before and not space_after:
        # Between two words or marks: a close after punctuation ('said,"He'), else ambiguous.
        return False if before in ".,;:!?" else None
    return None


def _quote_edits(text: str) -> list[tuple[int, int, str]]:
    if text.isascii() and "``" not in text and "''" not in text:
        return []  # the curly marks are not ASCII: two searches in C, not a regex tried at every character
    if not _NOT_STRAIGHT.search(text):
        return []  # plain straight quotes (or none): read as they are
    out = []
    for m in _DOUBLE_MARKS.finditer(text):
        a, b, g = m.start(), m.end(), m.group()
        d = mark_direction(text, a, b, g)
        if d is None:
            continue
        want = _OPEN if d else _CLOSE
        if g != want:
            out.append((a, b, want))
    return out


def repair(text: str) -> Repair:
    """The text credscore reads, with the map back to ``text``'s offsets.

    Examples
    --------
    >>> r = repair("\\u00e2\\u20ac\\u0153We are staying,\\u00e2\\u20ac said Ann Lee.")
    >>> r.text
    '“We are staying,” said Ann Lee.'
    >>> r.original[slice(*r.original_span(r.text.index("Ann"), len(r.text) - 1))]
    'Ann Lee'
    >>> repair('“We are staying," said Ann Lee.').text
    '“We are staying,” said Ann Lee.'
    >>> repair('"Plain," she said.').changed
    False
    """
    edits = _mojibake_edits(text)
    if edits:
        # Quote directions are judged on the decoded text, then mapped back.
        first = _build(text, edits)
        qs = [(*first.original_span(a, b), rep) for a, b, rep in _quote_edits(first.text)]
        # A mark inside a decoded run is already what the run decoded to.
        edits = sorted(edits + [q for q in qs if not any(x < q[1] and q[0] < y for x, y, _ in edits)])
    else:
        edits = _quote_edits(text)
    return _build(text, edits)


def _build(text: str, edits: list[tuple[int, int, str]]) -> Repair:
    if not edits:
        return Repair(text, text, ())
    parts = []
    read_starts = []
    shifts = []
    prev = 0
    shift = 0  # original offset - reading offset, after the edits so far
    for a, b, rep in edits:
        parts.append(text[prev:a])
        read_starts.append(a - shift)
        parts.append(rep)
        shift += (b - a) - len(rep)
        shifts.append(-shift)
        prev = b
    parts.append(text[prev:])
    # _shifts[k]: reading offset - original offset after edit k (negative when the text shrank)
    starts = tuple(a for a, _b, _rep in edits)
    return Repair(text, "".join(parts), tuple(edits), tuple(read_starts), tuple(shifts), starts)
