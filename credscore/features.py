"""Step 3 of the pipeline: cues -> features, one numeric row per sentence.

:func:`cue_features` turns a sentence, its cues and its sources into the row
the model reads: counts per cue kind and per rule, the sentence's own sources
by type (named person or organisation, identified or unidentified document,
unnamed person or group, vague, news outlet) with their count, anonymity
reason, resolution and hops, what it inherits from earlier sentences, and a
few shape features (question, heading, length). :class:`credscore.transformer.CredibilityFeatures`
wraps the same computation as a scikit-learn transformer from raw sentences, so credscore's
features can sit inside any scikit-learn pipeline.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from .certainty import CERTAINTY_FEATURES, certainty_matrix
from .claims import is_question
from .cues import RULES, UNCERTAINTY_CATEGORIES, Cue, Source
from .lexicon import Lexicon, default_lexicon
from .sentences import Sentence

__all__ = [
    "CHANGED_IN",
    "DOUBT_LEVELS",
    "FEATURE_NAMES",
    "FEATURE_SET",
    "LEXICAL_DEFAULTS",
    "SOURCING_FEATURES",
    "UNCERTAINTY_FEATURES",
    "cue_features",
    "lexical_features",
]

#: Version of the feature set. A model file records the names of the features it reads; a later
#: version may add features (a model that does not read them ignores them) but never changes what
#: an existing name means. Version 2 (credscore 0.2): features from typed sources replace the
#: word-level source rules of version 1. Version 3: ``rule_<verb>`` (``rule_speech_verb``,
#: ``rule_report_verb``, ...) counts every attribution verb of that kind, also one whose source could not
#: be found (in version 2 such a verb counted under ``rule_unsourced_attribution`` only; it still does).
FEATURE_SET = 3
#: Attribution verbs by kind: since feature set 3 an unsourced one also counts under its verb's kind.
_VERB_RULES = ("rule_speech_verb", "rule_according_to", "rule_report_verb", "rule_belief_verb", "rule_stance_verb")
#: The features whose meaning changed in a version, for models trained before it (credscore.model warns).
CHANGED_IN = {3: _VERB_RULES}

#: Rules that are not about who the source is (those are the source features below).
_CUE_RULES = tuple(
    r for r in (
        "speech_verb", "according_to", "report_verb", "belief_verb", "stance_verb", "no_comment",
        "unsourced_attribution",
        "anonymity_marker", "anonymity_reason", "relay", "quote_with_speaker",
        "epistemic_cue", "doxastic_cue", "condition_cue", "investigation_cue",
    ) if r in RULES
)  # fmt: skip
#: Own sources by what they are (annotation guide, Part 2). Who stands behind the weakest of a
#: sentence's own sources is one ordinal feature, ``src_doubt`` (:data:`DOUBT_LEVELS`): 0 when every
#: source is named (or there is none), 1 for a source described but not identified (or an
#: unidentified document), 2 for a vague one, 3 for an attribution whose source could not be found.
#: One weight on one scale keeps the hierarchy named > described anonymous > vague > none in every
#: model trained on it: a linear score cannot rank a vague source above a described one. The order is
#: the annotation guide's, not learned: the derived labels call all three "weak" and cannot order them
#: (a model given one feature per kind ranked them differently in each retraining; see docs/benchmarks.md).
SOURCE_FEATURES = (
    "src_named", "src_named_organization", "src_document_identified", "src_doubt",
    "src_outlet", "src_back_reference", "src_anonymity_reason", "src_hops",
    "inh_named", "inh_anonymous", "inh_vague", "inh_outlet",
)  # fmt: skip
#: Levels of ``src_doubt``.
DOUBT_LEVELS = {"named": 0, "described": 1, "vague": 2, "unsourced": 3}
_SHAPE = ("is_question", "is_heading", "log_words", "has_digit", "has_quote_mark")

#: Cue kinds counted as features. The source kinds are not: who the sources are is in the source
#: features, on one scale (see ``src_doubt``), which a second count of the same cues would undo; nor are
#: quotes and anonymity reasons, whose per-rule counts are the same numbers.
_COUNTED_KINDS = ("hedge", "quoted_hedge", "attribution")

#: Uncertainty cues by category and voice (the certainty model's own inputs, credscore.certainty).
UNCERTAINTY_FEATURES = tuple(n for n in CERTAINTY_FEATURES if n.startswith("unc_"))

#: Column names of the feature matrix, in order.
FEATURE_NAMES: tuple[str, ...] = (
    *(f"n_{k}" for k in _COUNTED_KINDS),
    *(f"rule_{r}" for r in _CUE_RULES),
    *SOURCE_FEATURES,
    "hedge_strength",
    *UNCERTAINTY_FEATURES,
    *_SHAPE,
)
#: The features of *sourcing* (who a claim comes from): everything but the uncertainty cues. The
#: default model reads these; certainty is scored apart (credscore.certainty) and combined after.
SOURCING_FEATURES: tuple[str, ...] = tuple(
    n
    for n in FEATURE_NAMES
    if n not in UNCERTAINTY_FEATURES
    and n not in ("n_hedge", "n_quoted_hedge", "hedge_strength")
    and n not in {f"rule_{c}_cue" for c in UNCERTAINTY_CATEGORIES}
    # An attribution whose source could not be found is src_doubt's top level; a weight of its own let a
    # model learn it toward strong (credscore often misses sources PolNeAR has) and rank "no source
    # found" above a vague source, against the guide's order.
    and n != "rule_unsourced_attribution"
)
_COL = {name: i for i, name in enumerate(FEATURE_NAMES)}
_KIND_COL = {k: _COL[f"n_{k}"] for k in _COUNTED_KINDS}
_RULE_COL = {r: _COL[f"rule_{r}"] for r in _CUE_RULES}
_SHAPE0 = _COL["is_question"]
_CERT_COL = {n: i for i, n in enumerate(CERTAINTY_FEATURES)}
#: Where the uncertainty features come from in the certainty matrix, and go to here.
_UNC_COLS = np.asarray([_COL[n] for n in UNCERTAINTY_FEATURES], dtype=np.intp)
_UNC_FROM = np.asarray([_CERT_COL[n] for n in UNCERTAINTY_FEATURES], dtype=np.intp)
_STRENGTH = _COL["hedge_strength"]
_VERB_COL = {r[len("rule_") :]: _COL[r] for r in _VERB_RULES if r in _COL}
_DIGIT = re.compile(r"\d")
_QUOTE_MARK = re.compile('["\u201c\u201d]')


def cue_features(
    sentences: Sequence[Sentence],
    cues: Sequence[Sequence[Cue]],
    sources: Sequence[Sequence[Source]] | None = None,
    lexicon: Lexicon | None = None,
    *,
    certainty: np.ndarray | None = None,
) -> np.ndarray:
    """Feature matrix (n_sentences, len(FEATURE_NAMES)) for sentences, their cues and sources.

    Parameters
    ----------
    sentences : sequence of Sentence
    cues : sequence of sequences of Cue
        As returned by :meth:`credscore.cues.CueDetector.detect` for those sentences.
    sources : sequence of sequences of Source, optional
        As returned by :meth:`credscore.cues.CueDetector.analyze`; without them the
        source features are zero.
    lexicon : Lexicon, optional
        Where hedge weights are looked up; default: the shipped lexicons.
    certainty : ndarray, optional
        The sentences' :func:`credscore.certainty.certainty_matrix`, if the caller has it (scoring
        computes it once for the features and the certainty model).
    """
    if len(sentences) != len(cues):
        raise ValueError(f"got {len(sentences)} sentences but {len(cues)} cue lists; pass one cue list per sentence")
    if sources is not None and len(sources) != len(sentences):
        raise ValueError(f"got {len(sentences)} sentences but {len(sources)} source lists; pass one per sentence")
    lex = lexicon if lexicon is not None else default_lexicon()
    X = np.zeros((len(sentences), len(FEATURE_NAMES)))
    if not len(sentences):
        return X
    texts = [s.text for s in sentences]
    questions = [is_question(t) for t in texts]
    if certainty is None:
        certainty = certainty_matrix(sentences, cues, questions)
    doubt = _COL["src_doubt"]
    width = len(FEATURE_NAMES)
    # The cue and source columns of the sentences that have any, counted in Python lists (a numpy element
    # update costs more than the count itself) and written into X in one assignment. They share no column
    # with the uncertainty block, which comes after.
    rows: list[list[float]] = []
    at: list[int] = []
    for i, cs in enumerate(cues):
        srcs = sources[i] if sources is not None else ()
        if not cs and not srcs:
            continue
        row = [0.0] * width
        rows.append(row)
        at.append(i)
        strength = 0.0
        unsourced = False
        for c in cs:
            if c.inherited:
                continue
            kcol = _KIND_COL.get(c.kind)
            if kcol is not None:
                row[kcol] += 1.0
            col = _RULE_COL.get(c.rule)
            if col is not None:
                row[col] += 1.0
            if c.kind == "hedge":
                for e in lex.lookup(c.text):
                    if e.kind == "hedge" and e.weight > strength:
                        strength = e.weight
            if c.rule == "unsourced_attribution":
                unsourced = True
                # "The plan will fail, said.": still a verb of saying; only src_doubt says no source was found.
                verb = next((e.rule for e in lex.lookup(c.text) if e.rule in _VERB_COL), None)
                if verb is not None:
                    row[_VERB_COL[verb]] += 1.0
        if srcs:
            _source_row(row, srcs)
        if unsourced:
            # No source found: the bottom of the hierarchy, below vague (fail toward doubt).
            row[doubt] = DOUBT_LEVELS["unsourced"]
        row[_STRENGTH] = strength
    if rows:
        X[at] = rows
    X[:, _UNC_COLS] = certainty[:, _UNC_FROM]
    X[:, _SHAPE0] = questions
    X[:, _SHAPE0 + 1] = [s.kind != "sentence" for s in sentences]
    X[:, _SHAPE0 + 2] = [math.log1p(t.count(" ") + 1) for t in texts]
    X[:, _SHAPE0 + 3] = [_DIGIT.search(t) is not None for t in texts]
    X[:, _SHAPE0 + 4] = [_QUOTE_MARK.search(t) is not None for t in texts]
    return X


def _source_row(row: list[float], srcs: Sequence[Source]) -> None:
    hops = 0
    doubt = 0
    for x in srcs:
        hops = max(hops, x.hops)
        if x.inherited:
            if x.outlet:
                row[_COL["inh_outlet"]] = 1.0
            elif x.type == "vague":
                row[_COL["inh_vague"]] = 1.0
            elif x.anonymous:
                row[_COL["inh_anonymous"]] = 1.0
            else:
                row[_COL["inh_named"]] = 1.0
            continue
        if x.outlet:
            row[_COL["src_outlet"]] += 1.0
        if x.type == "vague":
            doubt = max(doubt, DOUBT_LEVELS["vague"])
        elif x.anonymous:
            doubt = max(doubt, DOUBT_LEVELS["described"])
        elif not x.outlet:
            row[_COL["src_named"]] += 1.0
            if x.type == "named_organization":
                row[_COL["src_named_organization"]] += 1.0
            elif x.type == "document":
                row[_COL["src_document_identified"]] += 1.0
        if x.refers_to is not None:
            row[_COL["src_back_reference"]] += 1.0
        if x.anonymity_reason is not None:
            row[_COL["src_anonymity_reason"]] = 1.0
    row[_COL["src_doubt"]] = max(row[_COL["src_doubt"]], doubt)
    row[_COL["src_hops"]] = float(hops)


#: Hashed word n-grams, the optional lexical block of a model's features
#: (``train(..., lexical=True)``): binary presence of lower-cased unigrams and
#: bigrams in 2**18 buckets. Hashing keeps no vocabulary, so nothing is learned
#: here and a model file stores only these two numbers.
LEXICAL_DEFAULTS = {"n_features": 2**18, "ngram_range": (1, 2)}


def lexical_features(texts: Sequence[str], n_features: int, ngram_range: Sequence[int]) -> Any:
    """Hashed n-gram presence features (scipy sparse CSR, one row per text)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    vec = HashingVectorizer(
        n_features=int(n_features), ngram_range=tuple(ngram_range), alternate_sign=False, binary=True, norm=None
    )
    return vec.transform(texts)
