"""Quotations: where they are, who speaks them, and what their sentences inherit.

A quotation of four words or more whose speaker is attributed next to it (in
the same paragraph, within :data:`SPEAKER_REACH` characters of its verb) is a
``direct_quote`` cue; every sentence the quotation covers that has no source
of its own inherits the speaker's sources.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from ..repair import mark_direction
from ..sentences import PARAGRAPH_GAP
from .base import Cue, Rule, register
from .document import Attribution, Document
from .text import QUOTE_CHARS

__all__ = ["MIN_QUOTE_WORDS", "SPEAKER_REACH", "assign_speakers", "find_quotations", "straight_quotations"]

register(
    Rule("quote_with_speaker", "direct_quote", "a quotation whose speaker is attributed next to it", "quotes"),
)

#: A quotation shorter than this many words is a scare quote, not speech.
MIN_QUOTE_WORDS = 4
#: How far (characters) a verb may sit from a quotation to be its speaker.
SPEAKER_REACH = 80

#: A straight single quotation, in headlines (bounded).
_STRAIGHT_SINGLE = r"""'(?<![\w']')(?=[A-Z])[^'\r\n]{0,300}?'(?![\w])"""
# Quotation spans. Every alternative starts with its quotation mark, so the
# regex engine can skip ahead to the next mark (3x faster than lookbehinds first).
_QUOTE_SPANS = re.compile(
    r"""\u201c[^\u201c\u201d]*?(?:\u201d|(?="""
    + PARAGRAPH_GAP.pattern
    + r""")|\Z)                # curly double, to its close or the first paragraph end (lazy: a greedy
                                  # run went on to the last paragraph end before the next curly mark)
      | \u2018(?<!\w\u2018)[^\u2018\u2019\r\n]*?\u2019(?!\w)         # curly single
      | """
    + _STRAIGHT_SINGLE,
    re.VERBOSE,
)
#: The quotation spans of a text without an opening curly mark, where the first two alternatives cannot match:
#: the last alone, which opens with one plain character (the regex engine looks for it as ``str.find`` would,
#: instead of testing a set of three marks at every character).
_STRAIGHT_SINGLE_SPANS = re.compile(_STRAIGHT_SINGLE)


#: A straight double mark, or the end of a line (where a quotation left open ends, AP style).
_STRAIGHT_OR_LINE_END = re.compile(r'"|\r\n?|\n')


def straight_quotations(text: str) -> list[tuple[int, int]]:
    """The spans of straight double quotations, each mark read by what flanks it (:func:`mark_direction`): a
    mark after a space and before a word opens, one after a word or punctuation closes. A quotation still
    open at the end of its line ends there (a paragraph that the next continues, AP style); one still open
    when another mark opens ends before it ('... private copying. "I do not agree ...': the paragraph break
    between the two was lost, and with it the convention's signal), so that one missing mark does not turn
    every later quotation inside out."""
    out: list[tuple[int, int]] = []
    start = -1
    for m in _STRAIGHT_OR_LINE_END.finditer(text):
        i = m.start()
        if text[i] != '"':
            if start >= 0:
                out.append((start, i))
                start = -1
            continue
        opens = mark_direction(text, i, i + 1, '"')
        if start < 0:
            if opens is not False:
                start = i  # an opening mark, or one the context does not tell (then it opens)
        elif opens is True:
            end = i
            while end > start + 1 and text[end - 1].isspace():
                end -= 1
            out.append((start, end))
            start = i
        else:
            out.append((start, i + 1))
            start = -1
    if start >= 0:
        out.append((start, len(text)))
    return out


def find_quotations(doc: Document) -> None:
    curly = "\u201c" in doc.text or "\u2018" in doc.text
    spans = [(m.start(), m.end()) for m in (_QUOTE_SPANS if curly else _STRAIGHT_SINGLE_SPANS).finditer(doc.text)]
    if '"' in doc.text:
        # One list, in order; a straight quotation inside a curly one is part of it ('“He said "no" ...”').
        merged: list[tuple[int, int]] = []
        for q in sorted(spans + straight_quotations(doc.text)):
            if not merged or q[0] >= merged[-1][1]:
                merged.append(q)
        spans = merged
    doc.quotes = [_close_open_quotation(doc, q) for q in spans]
    doc.quote_starts = [q[0] for q in doc.quotes]


#: First- and second-person words: what speech has and narrative rarely does.
_SPEECH_PERSON = re.compile(
    r"\b(?:I|I'm|I've|I'd|I'll|me|my|we|we're|we've|our|us|you|your)\b|\bI\u2019", re.IGNORECASE
)
_CLOSING_MARKS = "\"\u201d\u2019'"


def _close_open_quotation(doc: Document, q: tuple[int, int]) -> tuple[int, int]:
    """A quotation with no closing mark that runs on over several sentences ends before the first one that reads
    as narrative, with no first or second person in it nor in the next ('Moya confirmed: "I'm donating my prize
    money ... lives. His contribution follows pledges by four other players ... Scrichapan said ...': the
    paragraph break that closed the quotation was lost). Speech goes on in the first or second person; two
    sentences the speaker says without one are read as the writer's (fail toward doubt: unattributed, not put
    in the speaker's mouth)."""
    a, b = q
    text = doc.text
    if b - a < 80 or text[b - 1] in _CLOSING_MARKS:
        return q
    i = bisect_right(doc.sentence_starts, a)
    starts = doc.sentence_starts
    while i < len(starts) and starts[i] < b:
        s = doc.sentences[i]
        nxt = doc.sentences[i + 1] if i + 1 < len(starts) and starts[i + 1] < b else None
        if not _SPEECH_PERSON.search(text, s.start, min(s.end, b)) and (
            nxt is None or not _SPEECH_PERSON.search(text, nxt.start, min(nxt.end, b))
        ):
            # two sentences running without a first or second person (or the last one): narrative
            end = s.start
            while end > a + 1 and text[end - 1].isspace():
                end -= 1
            return a, end
        i += 1
    return q


def _verb_start(att: Attribution) -> int:
    return att.verb.start


def assign_speakers(doc: Document) -> None:
    """Give each quotation its speaker, and its sentences the speaker's sources."""
    if not doc.quotes:
        return
    sents = doc.sentences
    starts = [s.start for s in sents]
    text = doc.text
    prev: tuple[int, Attribution] | None = None  # the end and speaker of the last quotation left open
    for qs, qe in doc.quotes:
        if len(text[qs + 1 : qe - 1].split()) < MIN_QUOTE_WORDS:
            prev = None
            continue
        first = max(0, bisect_right(starts, qs) - 1)
        last = bisect_left(starts, qe) - 1
        speaker = _speaker(doc, qs, qe, first, last)
        if speaker is None and prev is not None and not text[prev[0] : qs].strip():
            # The quotation before this one was left open and only white space lies between: the same speaker
            # goes on, as news writes a quotation of several sentences or paragraphs ('... suspicion. "The
            # current system ...', or a paragraph with no closing mark before the next one's opening mark).
            speaker = prev[1]
        prev = None
        if speaker is None:
            continue
        if text[qe - 1] not in QUOTE_CHARS:
            prev = (qe, speaker)
        doc.quote_speakers[(qs, qe)] = speaker
        for i in range(first, min(last, len(sents) - 1) + 1):
            s = sents[i]
            a, b = max(qs, s.start), min(qe, s.end)
            if a >= b:
                continue
            doc.cues[i].append(Cue("direct_quote", "quote_with_speaker", a, b, text[a:b]))
            if not any(not src.inherited for src in doc.sources[i]):
                for src in speaker.sources:
                    if not src.inherited:
                        doc.sources[i].append(replace(src, inherited=True))


def _speaker(doc: Document, qs: int, qe: int, first: int, last: int) -> Attribution | None:
    best = None
    best_gap = SPEAKER_REACH + 1
    atts = doc.attributions
    para = doc.para
    lo = max(0, first - 1)
    hi = min(len(atts) - 1, last + 1)
    for i in range(lo, hi + 1):
        if para[i] != para[first]:
            continue
        row = atts[i]
        # Attributions are in text order: only those near the quote can be its speaker.
        lo_att = bisect_left(row, qs - SPEAKER_REACH - 200, key=_verb_start)
        for att in row[lo_att:]:
            if att.verb.start > qe + SPEAKER_REACH:
                break
            if not att.sources or att.according_to:
                continue
            v = att.verb
            if v.start >= qe:
                gap = v.start - qe
            elif v.end <= qs:
                gap = qs - v.end
            else:
                continue
            if gap < best_gap:
                best, best_gap = att, gap
    return best
