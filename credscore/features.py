"""Step 3 of the pipeline: cues -> features, one numeric row per sentence.

Every feature is one :class:`Feature` in :data:`FEATURES`, the table that holds how it is computed, what
it means in plain words (what an explanation or a report shows a reader) and which cues stand behind it.
:func:`cue_features`, :mod:`credscore.model`, :mod:`credscore.explanations` and the report read that
table, so adding a feature is a change here alone.

The families, in column order: counts of cues by kind, counts of cues by rule, the sentence's own sources
by what they are (named person or organisation, identified document, how anonymous the weakest is, news
outlet, back reference, anonymity reason, hops), the sources it inherits from earlier sentences, the
strength of its hedges, its uncertainty cues by category and voice (from the certainty matrix,
:mod:`credscore.certainty`), and its shape (question, heading, length, digits, quotation marks).
:class:`credscore.transformer.CredibilityFeatures` wraps the same computation as a scikit-learn
transformer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from .certainty import CERTAINTY_FEATURES, certainty_matrix
from .claims import is_question
from .cues import RULES, Cue, Source
from .lexicon import Lexicon, default_lexicon
from .sentences import Sentence

__all__ = [
    "CHANGED_IN",
    "DOUBT_LEVELS",
    "FEATURES",
    "FEATURE_BY_NAME",
    "FEATURE_NAMES",
    "FEATURE_SET",
    "LEXICAL_DEFAULTS",
    "SOURCE_FEATURES",
    "SOURCING_FEATURES",
    "UNCERTAINTY_FEATURES",
    "Feature",
    "cue_features",
    "lexical_features",
    "with_lexical",
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
#: Levels of ``src_doubt``: who stands behind the weakest of a sentence's own sources. 0 when every source
#: is named (or there is none), 1 for a source described but not identified (or an unidentified document),
#: 2 for a vague one, 3 for an attribution whose source could not be found. One weight on one scale keeps the
#: hierarchy named > described anonymous > vague > none in every model trained on it: a linear score cannot
#: rank a vague source above a described one. The order is the annotation guide's, not learned: the derived
#: labels call all three "weak" and cannot order them (a model given one feature per kind ranked them
#: differently in each retraining; see docs/benchmarks.md).
DOUBT_LEVELS = {"named": 0, "described": 1, "vague": 2, "unsourced": 3}

How = Literal["kind", "rule", "source", "inherited", "strength", "uncertainty", "shape"]


@dataclass(frozen=True, eq=False)
class Feature:
    """One column of the feature matrix.

    Attributes
    ----------
    name : str
        Its name in :data:`FEATURE_NAMES` and in model files (never changes meaning; see :data:`FEATURE_SET`).
    words : str
        What it means, in plain words, for a reader (explanations, the report): never a feature's name.
    how : str
        How it is computed: ``kind`` (own cues of the kind ``of``), ``rule`` (own cues of the rule ``of``),
        ``source`` (over the sentence's own sources, by ``value``; ``all_sources`` adds inherited ones),
        ``inherited`` (over the sources it inherits, by ``value``), ``strength`` (the strongest hedge's lexicon
        weight), ``uncertainty`` (the certainty matrix's column of the same name) or ``shape`` (``shape`` of
        the sentence's text).
    of : str, optional
        The cue kind or rule counted.
    value : callable, optional
        For source features: what one source adds (0 when it does not count).
    combine : str
        How a source feature joins its sources' values: ``sum`` or ``max``.
    all_sources : bool
        A source feature that also reads the sources a sentence inherits.
    ties : callable, optional
        For source features: does a source stand behind the value (its cue is the evidence an explanation
        shows)? Default: its value is not 0.
    kinds : tuple of str
        For inherited-source features: the kinds of inherited cues that stand behind it.
    shape : callable, optional
        For shape features: ``shape(text, kind, is_question) -> float``.
    sourcing : bool
        Is it about who the claim comes from (:data:`SOURCING_FEATURES`)? The uncertainty features are the
        certainty model's, joined after (:func:`credscore.model.combine`).
    by_value : mapping, optional
        Plain words for particular values, when the value says more than the words (``src_doubt``'s levels).
    counted : bool
        Show the value with the words ("steps between the claim and its source (2)").
    """

    name: str
    words: str
    how: How
    of: str | None = None
    value: Callable[[Source], float] | None = None
    combine: Literal["sum", "max"] = "sum"
    all_sources: bool = False
    ties: Callable[[Source], bool] | None = None
    kinds: tuple[str, ...] = ()
    shape: Callable[[str, str, bool], float] | None = None
    sourcing: bool = True
    by_value: Mapping[float, str] = field(default_factory=dict)
    counted: bool = False

    def describe(self, value: float) -> str:
        """The feature and its value in plain words (never its name, never an unrounded number)."""
        if value in self.by_value:
            return self.by_value[value]
        if self.counted:
            return f"{self.words} ({value:.0f})" if float(value).is_integer() else f"{self.words} ({value:.2f})"
        return self.words

    def evidence(self, cues: Sequence[Cue], sources: Sequence[Source] = ()) -> tuple[Cue, ...]:
        """The cues of one sentence that stand behind this feature's value."""
        if self.how == "kind":
            return tuple(c for c in cues if c.kind == self.of and not c.inherited)
        if self.how == "rule":
            return tuple(c for c in cues if c.rule == self.of and not c.inherited)
        if self.how == "strength":
            return tuple(c for c in cues if c.kind == "hedge")
        if self.how == "inherited":
            return tuple(c for c in cues if c.inherited and c.kind in self.kinds)
        if self.how == "source":
            ties = self.ties or (lambda x: self.value(x) != 0)  # type: ignore[misc]
            # A feature over all sources (src_hops) shows the inherited ones it read too.
            read = [x for x in sources if (self.all_sources or not x.inherited) and ties(x)]
            spans = {(x.start, x.end, x.inherited) for x in read}
            found = tuple(c for c in cues if (c.start, c.end, c.inherited) in spans and c.kind != "attribution")
            if self.name == "src_doubt":  # an attribution whose source could not be found is its top level
                found += tuple(c for c in cues if c.rule == "unsourced_attribution" and not c.inherited)
            return found
        return ()


# --- what one source adds to each source feature ------------------------------------------------------
def _named(x: Source) -> float:
    return float(not x.outlet and x.type != "vague" and not x.anonymous)


def _named_organization(x: Source) -> float:
    return float(_named(x) and x.type == "named_organization")


def _document_identified(x: Source) -> float:
    return float(_named(x) and x.type == "document")


def _doubt(x: Source) -> float:
    if x.type == "vague":
        return float(DOUBT_LEVELS["vague"])
    return float(DOUBT_LEVELS["described"]) if x.anonymous else 0.0


def _outlet(x: Source) -> float:
    return float(x.outlet)


def _back_reference(x: Source) -> float:
    return float(x.refers_to is not None)


def _anonymity_reason(x: Source) -> float:
    return float(x.anonymity_reason is not None)


def _hops(x: Source) -> float:
    return float(x.hops)


def _relayed(x: Source) -> bool:
    return x.via is not None


def _inh_named(x: Source) -> float:
    return float(not x.outlet and x.type != "vague" and not x.anonymous)


def _inh_anonymous(x: Source) -> float:
    return float(not x.outlet and x.type != "vague" and x.anonymous)


def _inh_vague(x: Source) -> float:
    return float(not x.outlet and x.type == "vague")


# --- shape -------------------------------------------------------------------------------------------
_DIGIT = re.compile(r"\d")
#: The characters ``\d`` matches in ASCII text.
_ASCII_DIGITS = b"0123456789"
_QUOTE_MARK = re.compile('["\u201c\u201d]')


def _question(text: str, kind: str, question: bool) -> float:
    return float(question)


def _heading(text: str, kind: str, question: bool) -> float:
    return float(kind != "sentence")


def _log_words(text: str, kind: str, question: bool) -> float:
    return math.log1p(text.count(" ") + 1)


def _has_digit(text: str, kind: str, question: bool) -> float:
    if text.isascii():  # most sentences: deleting the digits in C is cheaper than a regex tried at each character
        raw = text.encode("ascii")
        return float(len(raw.translate(None, _ASCII_DIGITS)) != len(raw))
    return float(_DIGIT.search(text) is not None)


def _has_quote_mark(text: str, kind: str, question: bool) -> float:
    if text.isascii():  # the curly marks are not ASCII
        return float('"' in text)
    return float(_QUOTE_MARK.search(text) is not None)


def _rule(rule: str, words: str, *, sourcing: bool = True) -> Feature:
    return Feature(f"rule_{rule}", words, "rule", of=rule, sourcing=sourcing)


_UNCERTAINTY_WORDS = {
    "unc_epistemic_writer": "hedged in the writer's voice",
    "unc_epistemic_other": "hedged in a speaker's words",
    "unc_doxastic_writer": "a belief or expectation in the writer's voice",
    "unc_doxastic_other": "a belief or expectation of a speaker or source",
    "unc_condition_writer": "a condition in the writer's voice",
    "unc_condition_other": "a condition in a speaker's words",
    "unc_investigation_writer": "an open question in the writer's voice",
    "unc_investigation_other": "an open question in a speaker's words",
    "unc_any_writer": "any uncertainty in the writer's voice",
    "unc_any_other": "any uncertainty in a speaker's words",
    "unc_kinds": "several kinds of uncertainty",
}

#: Every feature, in column order (see :class:`Feature`).
FEATURES: tuple[Feature, ...] = (
    # counts of cues by kind
    Feature("n_hedge", "how many uncertainty cues in the writer's voice", "kind", of="hedge", sourcing=False),
    Feature("n_quoted_hedge", "how many uncertainty cues in a speaker's words", "kind", of="quoted_hedge",
            sourcing=False),
    Feature("n_attribution", "how many attributions ('said', 'according to')", "kind", of="attribution"),
    # counts of cues by rule (the rules that are not about who the source is: those are the source features)
    _rule("speech_verb", "a verb of saying"),
    _rule("according_to", "'according to'"),
    _rule("report_verb", "a verb of reporting"),
    _rule("belief_verb", "a belief attributed to a source"),
    _rule("stance_verb", "a verb of stance"),
    _rule("no_comment", "a source's non-answer"),
    # An attribution whose source could not be found is src_doubt's top level; a weight of its own let a model
    # learn it toward strong (credscore often misses sources PolNeAR has) and rank "no source found" above a
    # vague source, against the guide's order: counted, but not read by the sourcing model.
    _rule("unsourced_attribution", "an attribution whose source could not be found", sourcing=False),
    _rule("anonymity_marker", "a word that hides the source"),
    _rule("anonymity_reason", "a reason for anonymity"),
    _rule("relay", "relayed through another report"),
    _rule("quote_with_speaker", "a direct quote with its speaker"),
    _rule("epistemic_cue", "a hedge such as 'may' or 'reportedly'", sourcing=False),
    _rule("doxastic_cue", "a belief or expectation ('believe', 'is expected to')", sourcing=False),
    _rule("condition_cue", "a condition ('if', 'unless')", sourcing=False),
    _rule("investigation_cue", "an open question ('whether')", sourcing=False),
    # the sentence's own sources
    Feature("src_named", "a named, on-the-record source", "source", value=_named),
    Feature("src_named_organization", "a named organisation", "source", value=_named_organization),
    Feature("src_document_identified", "an identified document", "source", value=_document_identified),
    Feature("src_doubt", "a source that is not named", "source", value=_doubt, combine="max",
            by_value={1.0: "an anonymous source", 2.0: "a vague source", 3.0: "no source found"}),
    Feature("src_outlet", "another news outlet", "source", value=_outlet),
    Feature("src_back_reference", "refers back to an earlier source", "source", value=_back_reference),
    Feature("src_anonymity_reason", "the reason the source is not named", "source", value=_anonymity_reason,
            combine="max"),
    Feature("src_hops", "steps between the claim and its source", "source", value=_hops, combine="max",
            all_sources=True, ties=_relayed, counted=True),
    # sources carried over from an earlier sentence
    Feature("inh_named", "carried over: a named source", "inherited", value=_inh_named, combine="max",
            kinds=("named_source",)),
    Feature("inh_anonymous", "carried over: an anonymous source", "inherited", value=_inh_anonymous, combine="max",
            kinds=("anonymous_source",)),
    Feature("inh_vague", "carried over: a vague source", "inherited", value=_inh_vague, combine="max",
            kinds=("vague_source",)),
    Feature("inh_outlet", "carried over: a news outlet", "inherited", value=_outlet, combine="max",
            kinds=("secondhand",)),
    # uncertainty, by category and voice ("other": a speaker's words or a belief attributed to a source)
    Feature("hedge_strength", "how strongly it is hedged", "strength", sourcing=False),
    *(Feature(n, _UNCERTAINTY_WORDS[n], "uncertainty", sourcing=False) for n in CERTAINTY_FEATURES
      if n.startswith("unc_")),
    # the sentence's shape
    Feature("is_question", "a question", "shape", shape=_question),
    Feature("is_heading", "a heading", "shape", shape=_heading),
    Feature("log_words", "the sentence's length", "shape", shape=_log_words),
    Feature("has_digit", "numbers", "shape", shape=_has_digit),
    Feature("has_quote_mark", "quotation marks", "shape", shape=_has_quote_mark),
)  # fmt: skip

#: Each feature by name.
FEATURE_BY_NAME: dict[str, Feature] = {f.name: f for f in FEATURES}
#: Column names of the feature matrix, in order.
FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
#: The features of *sourcing* (who a claim comes from). The default model reads these; certainty is scored
#: apart (credscore.certainty) and combined after.
SOURCING_FEATURES: tuple[str, ...] = tuple(f.name for f in FEATURES if f.sourcing)
#: The features of the sentence's sources, own and inherited.
SOURCE_FEATURES: tuple[str, ...] = tuple(f.name for f in FEATURES if f.how in ("source", "inherited"))
#: Uncertainty cues by category and voice (the certainty model's own inputs, credscore.certainty).
UNCERTAINTY_FEATURES: tuple[str, ...] = tuple(f.name for f in FEATURES if f.how == "uncertainty")

_COL = {name: i for i, name in enumerate(FEATURE_NAMES)}
_KIND_COL = {f.of: _COL[f.name] for f in FEATURES if f.how == "kind"}
_RULE_COL = {f.of: _COL[f.name] for f in FEATURES if f.how == "rule" and f.of in RULES}
_OWN = tuple((_COL[f.name], f.value, f.combine == "max") for f in FEATURES if f.how == "source" and not f.all_sources)
_INHERITED = tuple((_COL[f.name], f.value, f.combine == "max") for f in FEATURES if f.how == "inherited")
_ALL = tuple((_COL[f.name], f.value, f.combine == "max") for f in FEATURES if f.how == "source" and f.all_sources)
_SHAPES = tuple((_COL[f.name], f.shape) for f in FEATURES if f.how == "shape")
_CERT_COL = {n: i for i, n in enumerate(CERTAINTY_FEATURES)}
#: Where the uncertainty features come from in the certainty matrix, and go to here.
_UNC_COLS = np.asarray([_COL[n] for n in UNCERTAINTY_FEATURES], dtype=np.intp)
_UNC_FROM = np.asarray([_CERT_COL[n] for n in UNCERTAINTY_FEATURES], dtype=np.intp)
_STRENGTH = _COL["hedge_strength"]
_DOUBT_COL = _COL["src_doubt"]
_VERB_COL = {r[len("rule_") :]: _COL[r] for r in _VERB_RULES if r in _COL}


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
            row[_DOUBT_COL] = DOUBT_LEVELS["unsourced"]
        row[_STRENGTH] = strength
    if rows:
        X[at] = rows
    X[:, _UNC_COLS] = certainty[:, _UNC_FROM]
    for col, shape in _SHAPES:
        X[:, col] = [shape(t, s.kind, q) for t, s, q in zip(texts, sentences, questions, strict=True)]  # type: ignore[misc]
    return X


def _source_row(row: list[float], srcs: Sequence[Source]) -> None:
    """The source features of one sentence: each source adds its value to the features of its scope."""
    for x in srcs:
        for col, value, is_max in _INHERITED if x.inherited else _OWN:
            v = value(x)  # type: ignore[misc]
            if v:
                row[col] = max(row[col], v) if is_max else row[col] + v
        for col, value, is_max in _ALL:
            v = value(x)  # type: ignore[misc]
            if v:
                row[col] = max(row[col], v) if is_max else row[col] + v


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


def with_lexical(X: Any, texts: Sequence[str], lexical: Mapping[str, Any] | None) -> Any:
    """``X`` followed by the hashed n-grams of ``texts`` when ``lexical`` (a model's n-gram settings) is given:
    a model's input, the one place the two blocks are joined (scoring, training, evaluation)."""
    if not lexical:
        return X
    import scipy.sparse as sp

    grams = lexical_features(texts, lexical["n_features"], lexical["ngram_range"])
    return sp.hstack([sp.csr_matrix(X), grams], format="csr")
