"""Anonymity markers and reasons, and sources that only an anonymity marker reveals.

After attributions are found, the words that say a source is hidden ("on
condition of anonymity", "unidentified", "familiar with") become
``anonymous_source`` cues of rule ``anonymity_marker``, and the stated reason
("because they were not authorized to speak") an ``anonymity_reason`` cue. A
role word that no attribution claimed but that a marker follows ("The sources
spoke on condition of anonymity") is a source of its own, without a cue.
Agentless constructions outside any attribution ("the painting is widely
considered a forgery") are vague sources.
"""

from __future__ import annotations

from bisect import bisect_left

from ..lexicon import word_list
from ..sentences import Sentence
from .base import Cue, Source, Span
from .document import Document, Hit
from .resolution import build_source
from .sources import np_left_edge

__all__ = ["POST_MODIFIER_MARKERS", "find_anonymity"]

#: Anonymity markers that modify a source word right before them.
POST_MODIFIER_MARKERS = word_list("post_modifier_markers")
#: Most characters between the source word and such a marker ("officials directly familiar with").
POST_MODIFIER_GAP = 30
#: Most characters between a role word and the marker that makes it a source ("sources ... on condition of").
MARKER_REACH = 40


def _marker_applies(doc: Document, h: Hit, hits: list[Hit], s: Sentence) -> bool:
    """Is this anonymity marker about a source?

    Post-modifiers ("familiar with", "briefed on", "close to") count only right
    after a source word ("people familiar with"), not in "he is not familiar
    with the details"; a capitalised "Anonymous" inside a sentence is a name
    ("Alcoholics Anonymous").
    """
    if h.entry.phrase in POST_MODIFIER_MARKERS:
        i = bisect_left(hits, h.start, key=_start)
        prev = hits[i - 1] if i > 0 else None
        return (
            prev is not None
            and prev.entry.rule in ("unnamed_role", "vague_group")
            and h.start - prev.end <= POST_MODIFIER_GAP
        )
    return not (doc.text[h.start].isupper() and h.start != s.start)


def _start(h: Hit) -> int:
    return h.start


def find_anonymity(doc: Document, idx: int, s: Sentence, hits: list[Hit]) -> None:
    out = doc.cues[idx]
    text = doc.text
    has_anonymity = any(src.anonymous and src.type != "vague" for src in doc.sources[idx])
    reasons: list[Hit] = []
    for n, h in enumerate(hits):
        if h.used:
            continue
        rule = h.entry.rule
        if rule == "agentless":
            if not doc.in_quote(h.start):
                h.used = True
                src = Source(
                    text[h.start : h.end],
                    h.start,
                    h.end,
                    "vague",
                    True,
                    None,
                    cue=Span(h.start, h.end, text[h.start : h.end]),
                    rule="agentless",
                )
                doc.sources[idx].append(src)
        elif rule == "anonymity_marker":
            if not doc.in_quote(h.start) and _marker_applies(doc, h, hits, s):
                h.used = True
                out.append(Cue("anonymous_source", "anonymity_marker", h.start, h.end, text[h.start : h.end]))
                has_anonymity = True
        elif rule == "anonymity_reason":
            reasons.append(h)
        elif rule == "unnamed_role":
            # A source word that no attribution claimed: a source only when an
            # anonymity marker follows it ("sources familiar with the talks").
            nxt = hits[n + 1] if n + 1 < len(hits) else None
            if nxt is not None and nxt.entry.rule == "anonymity_marker" and nxt.start - h.end <= MARKER_REACH:
                if not doc.in_quote(h.start):
                    a = np_left_edge(doc, s, h.start)
                    built = build_source(doc, idx, a, h.end, None)
                    if built is not None and built.anonymous:
                        h.used = True
                        doc.sources[idx].append(built)
                        doc.history.append((idx, built))
                        has_anonymity = True
    if has_anonymity:
        for h in reasons:
            h.used = True
            out.append(Cue("anonymity_reason", "anonymity_reason", h.start, h.end, text[h.start : h.end]))
