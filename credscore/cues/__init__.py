"""Step 2 of the pipeline: sentences -> cues and sources, the evidence behind a score.

A :class:`Cue` is one piece of evidence about how a sentence is sourced, with
the name of the rule that found it and its character span in the caller's
text; a :class:`Source` says who a claim is attributed to: its span, type,
count, anonymity and why, what it was relayed through and what it refers back
to. :class:`CueDetector` finds both for a whole document at once, because
sourcing runs across sentences: a quote's speaker is named after the quote
ends, "he added" points back to a source named earlier, and the rest of a
paragraph that opens "According to the newspaper, ..." still rests on the
newspaper.

One module per family, in the order the detector runs them:

- :mod:`~credscore.cues.document` — the lexicon pass and the per-document state;
- :mod:`~credscore.cues.attribution` — verbs of saying, "according to", and their sources;
- :mod:`~credscore.cues.sources` — where a source phrase begins and ends;
- :mod:`~credscore.cues.source_types` — its type (sure rules, then a trained classifier);
- :mod:`~credscore.cues.resolution` — pronouns and descriptions resolved to earlier sources;
- :mod:`~credscore.cues.relays` — hops: "citing", "told the newspaper", "seen by";
- :mod:`~credscore.cues.anonymity` — anonymity markers and reasons;
- :mod:`~credscore.cues.uncertainty` — uncertainty cues, their category and voice (a trained classifier);
- :mod:`~credscore.cues.quotes` — quotations and their speakers;
- :mod:`~credscore.cues.carryover` — "according to" paragraphs;
- :mod:`~credscore.cues.detector` — :class:`CueDetector`, the stage table.

Rules are named objects (:data:`RULES`); every cue and source carries its
rule's name, and ``CueDetector(disabled_rules=...)`` switches rules off.
"""

from __future__ import annotations

from .base import KINDS, RULES, SOURCE_KINDS, SOURCE_TYPES, Cue, Rule, Source, Span
from .detector import CueDetector, chain_length, default_detector, detect_cues
from .uncertainty import UNCERTAINTY_CATEGORIES

__all__ = [
    "KINDS",
    "RULES",
    "SOURCE_KINDS",
    "SOURCE_TYPES",
    "UNCERTAINTY_CATEGORIES",
    "Cue",
    "CueDetector",
    "Rule",
    "Source",
    "Span",
    "chain_length",
    "default_detector",
    "detect_cues",
]
