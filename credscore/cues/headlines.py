"""Speaker labels: a line that opens with a name and a colon attributes what follows to the name.

Two conventions of news put the source before a colon with no verb at all:

- a headline ("Bernie Sanders: 'Of Course' Hillary Clinton Is Qualified", "Gingrich: Trump Must Decide ...",
  "NY Daily News: Paris Terror Attacks Highlight Threat");
- a transcript's speaker ("TAPPER: Do you think ...", "FALLIN: Well, I think ...").

The label must open its line, be one to four capitalised words (or one word in capitals), and be followed by a
colon, a space and a capitalised word or a quotation mark. Labels that name no speaker are left out: a place
(a dateline, "WASHINGTON:"), a word of the page ("Update:", "Editor's note:", "Photo:", "Q:"; the list
``label_words``), a time or a single letter. The "A:" of a question-and-answer interview (its questions open
their lines with "Q") is the person interviewed, the one the article names most often before it
(:func:`credscore.cues.resolution.build_source`); the "you" of its questions is that person too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import word_list
from ..sentences import Sentence
from .base import Rule, Span, register
from .document import Document, Hit
from .names import person_surnames, place_words
from .resolution import build_source, is_time_or_number
from .text import UPPER

__all__ = ["find_speaker_labels"]

register(
    Rule(
        "speaker_label",
        "attribution",
        "'Name: claim' opening a headline or a transcript line: the name is the source",
        "headlines",
    ),
)

#: Words that open a line before a colon and name no speaker ("Update:", "Photo:", "Editor's note:").
_LABEL_WORDS = word_list("label_words")
#: One to four capitalised words (a title with its period, initials, a possessive), then a colon, a space and a
#: capitalised word or a quotation mark.
_LABEL = re.compile(
    rf"(?P<name>[{UPPER}][\w.'\u2019&-]*(?:[ \t]+[{UPPER}][\w.'\u2019&-]*){{0,3}})[ \t]*:[ \t]+"
    rf"(?=[{UPPER}\"'\u201c\u2018])"
)


def _line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in "\r\n"


def find_speaker_labels(doc: Document, idx: int, s: Sentence, hits: list[Hit]) -> None:
    """The source of sentence ``idx`` when it opens its line with a speaker label."""
    text = doc.text
    if not _line_start(text, s.start) or text.find(":", s.start, s.end) < 0:
        return  # a label ends with a colon (most lines hold none: one search in C, not a regex)
    m = _LABEL.match(text, s.start, s.end)
    if m is None:
        return
    a, b = m.span("name")
    words = m.group("name").split()
    lows = [w.lower().rstrip(".").removesuffix("'s").removesuffix("\u2019s") for w in words]
    if len(words) == 1 and len(words[0]) == 1 and words[0] != "A":
        return  # "Q:": a question; "A:" is the answer of the person interviewed (resolution._interviewee), or no one
    if any(w in _LABEL_WORDS for w in lows) or is_time_or_number(lows):
        return  # "Update:", "Editor's note:", "Photo:", "Monday:"
    if all(w in place_words() or w.capitalize() in place_words() for w in words):
        return  # "WASHINGTON:", "New Delhi:": a dateline
    row = doc.sources[idx]
    if any(x.start < b and a < x.end for x in row):
        return
    colon = text.index(":", b)
    src = build_source(doc, idx, a, b, Span(colon, colon + 1, ":"))
    if src is None or src.type == "vague" or src.rule == "agentless":
        return
    if src.type != "named_person" and m.group("name").isupper() and words[-1].capitalize() in person_surnames(doc):
        # "TAPPER:", "FALLIN:": a transcript writes its speakers in capitals; the article names the person
        src = replace(src, type="named_person", anonymous=False, count=1)
    row.append(src)
    doc.history.append((idx, src))
