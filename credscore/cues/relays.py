"""Relays: a claim that reached the writer through someone else, hop by hop.

- "X reported, citing Y" and "according to X, which cited Y": Y came through X
  (``Y.via is X``), and the relay word is a ``secondhand`` cue of its own;
- "Y told the newspaper": Y came through the newspaper;
- "a memo seen by Reuters", "documents obtained by The Times": the document
  came through the outlet.

Each ``via`` is one hop; :attr:`credscore.Source.hops` counts them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from ..lexicon import word_list
from ..sentences import Sentence
from .base import Cue, Rule, Source, Span, register
from .document import Attribution, Document, Hit, is_publisher
from .resolution import build_source, root
from .sources import phrase_after, skip_back, subject_before

__all__ = ["find_relays", "relay_through_outlet", "seen_by"]

register(
    Rule("relay", "secondhand", "one more hop in the chain: 'citing', 'which quoted', 'told the newspaper'", "relays"),
)

_TOLD = word_list("told_forms")
_SEEN_BY = re.compile(r"\b(?:seen|obtained|reviewed|viewed|acquired|published|leaked to|first reported)\s+by\s+", re.I)


def find_relays(doc: Document, idx: int, s: Sentence, hits: list[Hit]) -> None:
    """Relay cues of sentence ``idx`` and the sources they relay, with ``via`` set."""
    atts = doc.attributions[idx]
    for h in hits:
        if h.used or h.entry.rule != "relay" or doc.in_quote(h.start):
            continue
        h.used = True
        relay = Cue("secondhand", "relay", h.start, h.end, doc.text[h.start : h.end])
        doc.cues[idx].append(relay)
        att = _nearest(atts, h.start)
        if att is None and h.entry.phrase in _FINITE_RELAYS:
            att = _relay_as_attribution(doc, idx, s, h, relay)  # "He cited reports of ...": he is the source
            if att is not None:
                atts.append(att)
        carrier = _carrier(att)
        span = phrase_after(doc, s, h.end)
        if span is None:
            if att is not None:
                att.relays.append(relay)
            continue
        src = build_source(doc, idx, *span, Span(relay.start, relay.end, relay.text))
        if src is None:
            continue
        src = replace(src, via=carrier)
        for x in doc.hits_in(src.start, src.end):
            if x.entry.rule not in ("anonymity_marker", "relay"):
                x.used = True
        doc.sources[idx].append(src)
        doc.history.append((idx, src))
        if att is not None:
            att.relays.append(relay)
            att.sources.append(src)


#: Relay verbs that can be the main verb of a clause, with a subject of their own.
_FINITE_RELAYS = word_list("finite_relays")


def _relay_as_attribution(doc: Document, idx: int, s: Sentence, h: Hit, relay: Cue) -> Attribution | None:
    """'Mr. Peck and Mr. Mahaney cited Alphabet': the subject of a finite relay verb attributes."""

    toks = doc.tokens(max(s.start, h.start - 220), h.start)
    j = skip_back(doc, toks, len(toks) - 1)
    if j < 0 or toks[j][2] in (",", "which", "that", "who") or doc.in_quote(h.start):
        return None
    span = subject_before(doc, s, toks, j)
    if span is None:
        return None
    src = build_source(doc, idx, *span, Span(relay.start, relay.end, relay.text))
    if src is None:
        return None
    doc.sources[idx].append(src)
    doc.history.append((idx, src))
    verb = Cue("attribution", "speech_verb", h.start, h.end, relay.text)
    doc.cues[idx].append(verb)
    return Attribution(verb, [src], False)


def _nearest(atts: list[Attribution], pos: int) -> Attribution | None:
    """The attribution a relay belongs to: the last before it, else the first after it."""
    i = bisect_left(atts, pos, key=_verb_start)  # attributions are in text order
    if i > 0:
        return atts[i - 1]
    return atts[0] if atts else None


def _verb_start(att: Attribution) -> int:
    return att.verb.start


def _carrier(att: Attribution | None) -> Source | None:
    if att is None or not att.sources:
        return None
    # The outlet (or the last source) of the attribution carries what is cited.
    outlets = [x for x in att.sources if root(x).outlet]
    return outlets[-1] if outlets else att.sources[-1]


def relay_through_outlet(doc: Document, idx: int, s: Sentence, att: Attribution, hits: list[Hit]) -> None:
    """'sources told the newspaper': the sources came through the newspaper (one more hop)."""
    v = att.verb
    if v.text.lower().split()[0] not in _TOLD or not att.sources:
        return
    nxt = next((h for h in hits if h.start >= v.end), None)
    if (
        nxt is None
        or nxt.entry.rule != "media_outlet"
        or nxt.used
        or not re.fullmatch(r"\s+(?:the\s+)?", doc.low[v.end : nxt.start])
        or is_publisher(doc, nxt)
    ):
        return
    span = phrase_after(doc, s, v.end)
    if span is None:
        return
    outlet = build_source(doc, idx, *span, Span(v.start, v.end, v.text))
    if outlet is None or not outlet.outlet:
        return
    nxt.used = True
    doc.cues[idx].append(Cue("secondhand", "relay", outlet.start, outlet.end, outlet.text))
    for i, src in enumerate(att.sources):
        if src.via is None:
            new = replace(src, via=outlet)
            att.sources[i] = new
            _swap(doc, idx, src, new)
    doc.sources[idx].append(outlet)
    doc.history.append((idx, outlet))


def seen_by(doc: Document, idx: int, src: Source) -> Source:
    """'a memo seen by Reuters': the memo comes through Reuters (a ``via`` of its own)."""
    m = _SEEN_BY.search(doc.text, src.start, src.end)
    if m is None:
        return src
    s = doc.sentences[idx]
    span = phrase_after(doc, s, m.end() - 1, limit=src.end + 80)
    if span is None:
        return src
    outlet = build_source(doc, idx, *span, None)
    if outlet is None:
        return src
    return replace(src, via=outlet)


def _swap(doc: Document, idx: int, old: Source, new: Source) -> None:
    row = doc.sources[idx]
    for i, x in enumerate(row):
        if x is old:
            row[i] = new
    for i, (j, x) in enumerate(doc.history):
        if x is old:
            doc.history[i] = (j, new)
