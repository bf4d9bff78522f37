"""Carry-over: sentences that rest on an attribution made in an earlier sentence.

The rest of a paragraph that opens "According to X, ..." still rests on X,
until a sentence brings a source of its own (an attribution, a quotation with
its speaker), its own content ("A spokeswoman for Acme declined to comment"),
or the paragraph ends. Carried sources are copies marked ``inherited=True``
with the spans where they were found. (Quotations carry their speaker's
sources themselves: :func:`credscore.cues.quotes.assign_speakers`.)
"""

from __future__ import annotations

from dataclasses import replace

from .base import Source
from .document import Document

__all__ = ["carry_according_to"]


def carry_according_to(doc: Document) -> None:
    carry: list[Source] | None = None
    carry_para = -1
    for i, s in enumerate(doc.sentences):
        own = [x for x in doc.sources[i] if not x.inherited]
        if doc.para[i] != carry_para:
            carry = None
        if own or _own_content(doc, i):
            acc = [x for a in doc.attributions[i] if a.according_to for x in a.sources]
            carry = acc or None
            carry_para = doc.para[i]
            continue
        if carry and s.kind == "sentence" and not any(x.inherited for x in doc.sources[i]):
            doc.sources[i].extend(replace(x, inherited=True) for x in carry)


def _own_content(doc: Document, i: int) -> bool:
    """The sentence speaks for itself: a non-answer, or any attribution cue of its own."""
    return any(c.kind == "attribution" for c in doc.cues[i])
