"""Step 3 of the pipeline: cues -> features, one numeric row per sentence.

:func:`cue_features` turns a sentence and its cues into the row the model
reads: counts per cue kind and per rule, what carries over from earlier
sentences, the length of the attribution chain, and a few shape features
(question, heading, length). :class:`CredibilityFeatures` wraps the same
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

from .claims import is_question
from .cues import KINDS, RULES, SOURCE_KINDS, Cue, CueDetector, chain_length
from .lexicon import Lexicon
from .sentences import Sentence

__all__ = ["FEATURE_NAMES", "LEXICAL_DEFAULTS", "CredibilityFeatures", "cue_features", "lexical_features"]

# pronoun_source has no column: a pronoun counts under the rule of what it refers to.
_RULE_NAMES = tuple(sorted(r for r in RULES if r != "pronoun_source"))
_SHAPE = ("is_question", "is_heading", "log_words", "has_digit", "has_quote_mark")

#: Column names of the feature matrix, in order.
FEATURE_NAMES: tuple[str, ...] = (
    *(f"n_{k}" for k in KINDS),
    *(f"inherited_{k}" for k in SOURCE_KINDS),
    *(f"rule_{r}" for r in _RULE_NAMES),
    "hops",
    "log_source_count",
    "hedge_strength",
    *_SHAPE,
)
_KIND_COL = {k: i for i, k in enumerate(KINDS)}
_INH_COL = {k: len(KINDS) + i for i, k in enumerate(SOURCE_KINDS)}
_RULE_COL = {r: len(KINDS) + len(SOURCE_KINDS) + i for i, r in enumerate(_RULE_NAMES)}
_HOPS = FEATURE_NAMES.index("hops")
_COUNT = FEATURE_NAMES.index("log_source_count")
_HEDGE_STRENGTH = FEATURE_NAMES.index("hedge_strength")
_SHAPE0 = FEATURE_NAMES.index("is_question")
_PRONOUN_AS = {
    "anonymous_source": "unnamed_role",
    "vague_source": "vague_group",
    "secondhand": "media_outlet",
    "named_source": "named_entity",
}
_DIGIT = re.compile(r"\d")
_QUOTE_MARK = re.compile('["\u201c\u201d]')


def cue_features(
    sentences: Sequence[Sentence], cues: Sequence[Sequence[Cue]], lexicon: Lexicon | None = None
) -> np.ndarray:
    """Feature matrix (n_sentences, len(FEATURE_NAMES)) for sentences and their cues.

    Parameters
    ----------
    sentences : sequence of Sentence
    cues : sequence of sequences of Cue
        As returned by :meth:`credscore.cues.CueDetector.detect` for those sentences.
    lexicon : Lexicon, optional
        Where hedge weights are looked up; default: the shipped lexicons.
    """
    if len(sentences) != len(cues):
        raise ValueError(f"got {len(sentences)} sentences but {len(cues)} cue lists; pass one cue list per sentence")
    lex = lexicon if lexicon is not None else _lexicon()
    n_feat = len(FEATURE_NAMES)
    rows = []
    for s, cs in zip(sentences, cues, strict=True):
        row = [0.0] * n_feat
        max_count = 0
        strength = 0.0
        for c in cs:
            if c.inherited:
                if c.kind in _INH_COL:
                    row[_INH_COL[c.kind]] = 1.0
                continue
            row[_KIND_COL[c.kind]] += 1.0
            # A pronoun counts as the kind of source it refers back to ("he" after
            # "a senior official" weighs like the official), not as a rule of its own.
            row[_RULE_COL[_PRONOUN_AS.get(c.kind, c.rule) if c.rule == "pronoun_source" else c.rule]] += 1.0
            if c.kind in ("anonymous_source", "vague_source") and c.count > max_count:
                max_count = c.count
            elif c.kind == "hedge":
                for e in lex.lookup(c.text):
                    if e.kind == "hedge" and e.weight > strength:
                        strength = e.weight
        row[_HOPS] = float(chain_length(cs))
        row[_COUNT] = math.log1p(max_count)
        row[_HEDGE_STRENGTH] = strength
        text = s.text
        row[_SHAPE0] = 1.0 if is_question(text) else 0.0
        row[_SHAPE0 + 1] = 0.0 if s.kind == "sentence" else 1.0
        row[_SHAPE0 + 2] = math.log1p(text.count(" ") + 1)
        row[_SHAPE0 + 3] = 1.0 if _DIGIT.search(text) else 0.0
        row[_SHAPE0 + 4] = 1.0 if _QUOTE_MARK.search(text) else 0.0
        rows.append(row)
    if not rows:
        return np.zeros((0, n_feat))
    return np.asarray(rows, dtype=np.float64)


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
        from .cues import _default_lexicon

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
        det = self._detector_
        for t in texts:
            s = Sentence(t, 0, len(t))
            sentences.append(s)
            cues.append(det.detect(t, [s])[0] if t.strip() else ())
        return cue_features(sentences, cues, det.lexicon)

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
