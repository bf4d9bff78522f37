"""Step 3's scikit-learn face: :class:`CredibilityFeatures`, raw sentences -> the feature matrix.

The same computation as :func:`credscore.features.cue_features`, as a transformer that fits in any
scikit-learn pipeline, ``ColumnTransformer`` or grid search. It lives apart from
:mod:`credscore.features` so that scoring (which needs only numpy) never imports scikit-learn.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from .cues import CueDetector
from .features import FEATURE_NAMES
from .pipeline import Pipeline

__all__ = ["CredibilityFeatures"]


class CredibilityFeatures(TransformerMixin, BaseEstimator):
    """scikit-learn transformer: sentences (strings) -> sourcing features.

    Each input string is read as one sentence on its own, by the same pipeline as scoring
    (:meth:`credscore.Pipeline.table`), with no context from neighbouring sentences; for features
    in context, use ``Pipeline().table(rows, groups=...)`` or ``credscore.train(..., group_col=...)``.

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
        # Each text read alone, as a document of one sentence, by the pipeline scoring uses.
        return Pipeline.unfitted(detector=self._detector_).table(texts).X

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
