"""Step 3 of the pipeline: cues -> features, one numeric row per sentence.

:func:`cue_features` turns a sentence, its cues and its sources into the row
the model reads: counts per cue kind and per rule, the sentence's own sources
by type (named person or organisation, identified or unidentified document,
unnamed person or group, vague, news outlet) with their count, anonymity
reason, resolution and hops, what it inherits from earlier sentences, and a
few shape features (question, heading, length). :class:`CredibilityFeatures` wraps the same
computation as a scikit-learn transformer from raw sentences, so credscore's
features can sit inside any scikit-learn pipeline.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from .certainty import CERTAINTY_FEATURES, certainty_features
from .claims import is_question
from .cues import RULES, UNCERTAINTY_CATEGORIES, Cue, CueDetector, Source
from .lexicon import Lexicon
from .sentences import Sentence

__all__ = [
    "DOUBT_LEVELS",
    "FEATURE_NAMES",
    "FEATURE_SET",
    "LEXICAL_DEFAULTS",
    "SOURCING_FEATURES",
    "UNCERTAINTY_FEATURES",
    "CredibilityFeatures",
    "cue_features",
    "lexical_features",
]

#: Version of the feature set. A model file records the names of the features it reads; a later
#: version may add features (a model that does not read them ignores them) but never changes what
#: an existing name means. Version 2 (credscore 0.2): features from typed sources replace the
#: word-level source rules of version 1.
FEATURE_SET = 2

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
)
_COL = {name: i for i, name in enumerate(FEATURE_NAMES)}
_KIND_COL = {k: _COL[f"n_{k}"] for k in _COUNTED_KINDS}
_RULE_COL = {r: _COL[f"rule_{r}"] for r in _CUE_RULES}
_SHAPE0 = _COL["is_question"]
_CERT_COL = {n: i for i, n in enumerate(CERTAINTY_FEATURES)}
_DIGIT = re.compile(r"\d")
_QUOTE_MARK = re.compile('["\u201c\u201d]')


def cue_features(
    sentences: Sequence[Sentence],
    cues: Sequence[Sequence[Cue]],
    sources: Sequence[Sequence[Source]] | None = None,
    lexicon: Lexicon | None = None,
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
    """
    if len(sentences) != len(cues):
        raise ValueError(f"got {len(sentences)} sentences but {len(cues)} cue lists; pass one cue list per sentence")
    if sources is not None and len(sources) != len(sentences):
        raise ValueError(f"got {len(sentences)} sentences but {len(sources)} source lists; pass one per sentence")
    lex = lexicon if lexicon is not None else _lexicon()
    n_feat = len(FEATURE_NAMES)
    X = np.zeros((len(sentences), n_feat))
    for i, (s, cs) in enumerate(zip(sentences, cues, strict=True)):
        row = X[i]
        strength = 0.0
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
        if sources is not None:
            _source_row(row, sources[i])
        unsourced = sum(1 for c in cs if c.rule == "unsourced_attribution" and not c.inherited)
        if unsourced:
            # No source found: the bottom of the hierarchy, below vague (fail toward doubt).
            row[_COL["src_doubt"]] = DOUBT_LEVELS["unsourced"]
        row[_COL["hedge_strength"]] = strength
        unc = certainty_features([s], [cs])[0]
        for name in UNCERTAINTY_FEATURES:
            row[_COL[name]] = unc[_CERT_COL[name]]
        text = s.text
        row[_SHAPE0] = 1.0 if is_question(text) else 0.0
        row[_SHAPE0 + 1] = 0.0 if s.kind == "sentence" else 1.0
        row[_SHAPE0 + 2] = math.log1p(text.count(" ") + 1)
        row[_SHAPE0 + 3] = 1.0 if _DIGIT.search(text) else 0.0
        row[_SHAPE0 + 4] = 1.0 if _QUOTE_MARK.search(text) else 0.0
    return X


def _source_row(row: np.ndarray, srcs: Sequence[Source]) -> None:
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


_LEXICON: Lexicon | None = None


def _lexicon() -> Lexicon:
    global _LEXICON
    if _LEXICON is None:
        from .cues.detector import _default_lexicon

        _LEXICON = _default_lexicon()
    return _LEXICON


class CredibilityFeatures(TransformerMixin, BaseEstimator):
    """scikit-learn transformer: sentences (strings) -> sourcing features.

    Each input string is taken as one sentence on its own (no context from
    neighbouring sentences; :func:`credscore.score` adds that context when it
    scores whole documents).

    Parameters
    ----------
    disabled_rules : tuple of str, default=()
        Cue rules to switch off (names from :data:`credscore.cues.RULES`).

    Attributes
    ----------
    n_features_in_ : int
        Number of text columns, when fitted on a two-dimensional input.
    feature_names_in_ : ndarray of str
        The text column's name, when fitted on a DataFrame.

    Examples
    --------
    >>> from credscore import CredibilityFeatures
    >>> X = CredibilityFeatures().fit_transform(["Officials said it reportedly failed."])
    >>> X.shape[1] == len(CredibilityFeatures().fit(["x"]).get_feature_names_out())
    True
    """

    def __init__(self, *, disabled_rules: tuple[str, ...] = ()):
        self.disabled_rules = disabled_rules

    def fit(self, X: Iterable[str], y: object = None) -> CredibilityFeatures:
        """Check the input and the parameters; there is nothing to learn."""
        self._texts(X, reset=True)
        self._detector_ = CueDetector(disabled_rules=self.disabled_rules)
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """Features of each text, shape (n_texts, n_features)."""
        check_is_fitted(self, "_detector_")
        texts = self._texts(X, reset=False)
        sentences = []
        cues = []
        sources = []
        det = self._detector_
        for t in texts:
            s = Sentence(t, 0, len(t))
            sentences.append(s)
            if t.strip():
                c, src = det.analyze(t, [s])
                cues.append(c[0])
                sources.append(src[0])
            else:
                cues.append(())
                sources.append(())
        return cue_features(sentences, cues, sources, det.lexicon)

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """Names of the output columns (:data:`FEATURE_NAMES`)."""
        return np.asarray(FEATURE_NAMES, dtype=object)

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = True
        tags.requires_fit = True
        return tags

    def _texts(self, X: object, *, reset: bool) -> list[str]:
        """Validate ``X`` into one string per row.

        - 1-D (list, array or Series): each element a sentence (str);
        - 2-D (array or DataFrame, n_rows x k): k text columns; a row's cells are
          joined with a line break (e.g. title and body). Table cells that a
          reader parsed as numbers are read as their text.

        Missing values (None, NaN) are an error that says how to fill them.
        """
        if isinstance(X, str):
            raise TypeError(
                "X is a single string; pass a list of sentences, e.g. transform([text]) instead of transform(text)"
            )
        if not hasattr(X, "ndim") and hasattr(X, "__array__") and not isinstance(X, (list, tuple)):
            X = np.asarray(X)
        if _is_two_d(X):
            # Missing and infinite cells are checked below, with a message that names the cell.
            arr = validate_data(self, X, reset=reset, dtype=None, ensure_min_samples=1, ensure_all_finite=False)
            rows = ["\n".join(_cell_text(v, f"X[{i}, {j}]") for j, v in enumerate(row)) for i, row in enumerate(arr)]
            return rows
        values = X if isinstance(X, (list, tuple)) else list(X)  # type: ignore[call-overload]
        if reset:
            for attr in ("n_features_in_", "feature_names_in_"):
                if hasattr(self, attr):
                    delattr(self, attr)
        elif hasattr(self, "n_features_in_"):
            raise ValueError(
                f"X is 1-D, but this CredibilityFeatures was fitted on {self.n_features_in_} column(s). "
                "Reshape your data to the shape used in fit, e.g. X.reshape(-1, 1) for one text column"
            )
        if len(values) == 0 and reset:
            raise ValueError("X is empty: found 0 sentences, while a minimum of 1 is required")
        out = []
        for i, v in enumerate(values):
            if not isinstance(v, str):
                raise ValueError(
                    f"X[{i}] is {v!r} of type {type(v).__name__}, not text; a 1-D X must hold sentences (str). "
                    "For a table with a text column pass it 2-D, e.g. df[['text']]"
                )
            out.append(v)
        return out


def _is_two_d(X: object) -> bool:
    ndim = getattr(X, "ndim", None)
    if ndim is not None:
        if ndim == 1:
            return False
        return True
    if isinstance(X, (list, tuple)) and X and not isinstance(X[0], str) and hasattr(X[0], "__len__"):
        return True
    if hasattr(X, "shape") or hasattr(X, "tocsr"):
        return True  # sparse input: validate_data rejects it with a clear message
    return False


def _cell_text(v: object, where: str) -> str:
    if isinstance(v, str):
        return v
    if v is None or (isinstance(v, (float, np.floating)) and math.isnan(v)):
        what = "None" if v is None else "NaN"
        raise ValueError(f"{where} is missing ({what}); fill missing text first, e.g. df['text'].fillna('')")
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)):
        if not math.isfinite(v):
            raise ValueError(f"{where} is {v!r} (inf), not text")
        return str(v)
    if isinstance(v, bytes):
        raise TypeError(f"{where} is bytes; decode it first, e.g. value.decode('utf-8')")
    raise TypeError(f"{where} has unsupported type {type(v).__name__}; expected text")
