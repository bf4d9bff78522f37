"""First-person holders inside quotations: the speaker's "I think", "we said", "my fear is".

Outside a quotation, "I" and "we" are the writer (a bare "I think" is the writer's own view and no attribution).
Inside one they are the quotation's speaker: '"We also hope that the inspectors return," the minister added'.
After the quotation speakers are found (:func:`credscore.cues.quotes.assign_speakers`), each "I" / "we" right
before a verb of saying, reporting or believing inside a quotation with a known speaker, and each "my" / "our"
before a noun of attribution ("my fear is", "our hope"), becomes a pronoun source of its sentence (rule
``pronoun_source``) that refers to the speaker's source and takes its type. A quotation whose speaker credscore
does not know gives nothing: the pronoun is left unresolved, as before.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .agentless import AGENTLESS_NOUNS
from .base import Source, Span
from .document import Document
from .resolution import root
from .sources import skip_back

__all__ = ["SAY_RULES", "find_first_person_holders"]

#: Attribution rules whose verb takes the speaker's "I" / "we" as its holder ("I think", "we said").
SAY_RULES = frozenset({"speech_verb", "belief_verb", "report_verb"})
_SUBJECT = frozenset({"i", "we"})
#: "my fear", "our hope": a possessive before a noun of attribution.
_POSSESSIVE_NOUN = re.compile(
    r"\b(?:my|our)\s+(?:own\s+)?(?:" + "|".join(sorted(AGENTLESS_NOUNS, key=len, reverse=True)) + r")s?\b"
)


def find_first_person_holders(doc: Document) -> None:
    """Pronoun sources for the speaker's first person inside each quotation whose speaker is known."""
    if not doc.quote_speakers:
        return
    starts = doc.sentence_starts
    for (qs, qe), att in doc.quote_speakers.items():
        speaker = next((x for x in att.sources if not x.inherited), None)
        if speaker is None:
            continue
        for a, b, verb in _first_person(doc, qs, qe):
            i = bisect_right(starts, a) - 1
            if i < 0 or any(x.start == a and not x.inherited for x in doc.sources[i]):
                continue
            r = root(speaker)
            word = doc.low[a:b]
            src = Source(
                doc.text[a:b],
                a,
                b,
                r.type,
                r.anonymous,
                1 if word in ("i", "my") and r.type in ("named_person", "unnamed_person") else r.count,
                refers_to=speaker,
                cue=verb,
                rule="pronoun_source",
                outlet=r.outlet,
            )
            doc.sources[i].append(src)


def _first_person(doc: Document, qs: int, qe: int) -> list[tuple[int, int, Span]]:
    """(start, end, verb) of each first-person holder inside the quotation ``qs``-``qe``."""
    out = []
    text = doc.text
    for h in doc.hits_in(qs, qe):
        if h.entry.rule not in SAY_RULES:
            continue
        toks = doc.tokens(max(qs, h.start - 60), h.start)
        j = skip_back(doc, toks, len(toks) - 1)
        if j >= 0 and toks[j][2] in _SUBJECT:
            a, b = toks[j][0], toks[j][1]
            out.append((a, b, Span(h.start, h.end, text[h.start : h.end])))
    for m in _POSSESSIVE_NOUN.finditer(doc.low, qs, qe):
        a = m.start()
        b = a + len(m.group().split()[0])
        out.append((a, b, Span(a, m.end(), text[a : m.end()])))
    return out
