"""How firmly a sentence asserts its claim, whoever says it: the certainty model.

``certainty`` in [0, 1] is the calibrated probability that a sentence is *certain* — that it holds no
uncertainty cue in the sense of the annotation guide, Part 3 (the Szeged Uncertainty Corpus's scheme):
nothing epistemic ("may", "likely"), doxastic ("believes", "expects", "alleged"), conditional ("if",
a hypothetical "would") or under investigation ("whether"), in the writer's voice, a speaker's or a
belief attributed to a source.

The model is a logistic regression over the uncertainty cues credscore found in the sentence, counted
by category and by voice (:data:`CERTAINTY_FEATURES`), trained by ``python -m tools.train_uncertainty``
on the Szeged corpus's train documents, the news gold set's tune sentences and the UW / MEANTIME news
factuality corpora (see ``credscore/data/certainty.json``'s ``meta``). It is stored as plain numbers
and needs nothing but numpy to run.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .claims import is_question
from .cues import UNCERTAINTY_CATEGORIES, Cue
from .sentences import Sentence
from .shipped import check_weights, read_weights

__all__ = [
    "CERTAINTY_FEATURES",
    "CERTAINTY_WORDS",
    "SEVERITY",
    "CertaintyModel",
    "certainty_features",
    "certainty_matrix",
    "default_certainty_model",
    "doubt_of",
]

#: How much each category of uncertainty weakens a claim, relative to a belief (annotation guide, Part 3):
#: a claim stated firmly > hedged (epistemic) > conditional or under investigation > held as someone's
#: belief. The order is the guide's and is not learned (the labels call every uncertain claim weak and
#: cannot order them); the sizes only keep the steps apart. The overall weight of uncertainty, lambda, is
#: fitted (see credscore.model.combine).
SEVERITY = {"epistemic": 0.8, "investigation": 0.9, "condition": 0.9, "doxastic": 1.0}


def doubt_of(cues: Sequence[Cue]) -> tuple[float, bool]:
    """(the severity of the sentence's most severe uncertainty cue, 1.0 without one; whether a belief is
    attributed to a source: "officials believe", which puts the source behind the belief, not the claim)."""
    sev = 0.0
    belief = False
    for c in cues:
        if c.category is not None and not c.inherited:
            sev = max(sev, SEVERITY[c.category])
            belief = belief or c.voice == "belief"
    return (sev or 1.0), belief


_VOICE_GROUPS = ("writer", "other")
#: The certainty model's inputs, in order.
CERTAINTY_FEATURES: tuple[str, ...] = (
    *(f"unc_{c}_{v}" for c in UNCERTAINTY_CATEGORIES for v in _VOICE_GROUPS),
    "unc_any_writer",
    "unc_any_other",
    "unc_kinds",
    "is_question",
    "log_words",
    "attributed",
)
#: Plain words of the certainty model's features that are not also cue features (those have theirs in
#: :data:`credscore.features.FEATURES`), for explanations.
CERTAINTY_WORDS = {"attributed": "attributed to a source"}
_COL = {n: i for i, n in enumerate(CERTAINTY_FEATURES)}


#: Column of each (category, voice group) and of the other cue-dependent features.
_CUE_COL = {(c, v): _COL[f"unc_{c}_{v}"] for c in UNCERTAINTY_CATEGORIES for v in _VOICE_GROUPS}
_ANY_COL = {v: _COL[f"unc_any_{v}"] for v in _VOICE_GROUPS}
_KINDS_COL, _ATTR_COL = _COL["unc_kinds"], _COL["attributed"]
_QUESTION_COL, _WORDS_COL = _COL["is_question"], _COL["log_words"]


def certainty_matrix(
    sentences: Sequence[Sentence], cues: Sequence[Sequence[Cue]], questions: Sequence[bool] | None = None
) -> np.ndarray:
    """:data:`CERTAINTY_FEATURES` of each sentence, one row per sentence (shape (n, k)).

    ``questions``: whether each sentence is a question, if the caller has it already.
    """
    X = np.zeros((len(sentences), len(CERTAINTY_FEATURES)))
    if not len(sentences):
        return X
    for i, cs in enumerate(cues):
        if not cs:
            continue
        row = X[i]
        kinds = set()
        for c in cs:
            if c.inherited:
                continue
            if c.category is not None:
                v = "writer" if c.voice == "writer" else "other"
                row[_CUE_COL[c.category, v]] += 1.0
                row[_ANY_COL[v]] = 1.0
                kinds.add(c.category)
            elif c.kind == "attribution":
                row[_ATTR_COL] = 1.0
        row[_KINDS_COL] = float(len(kinds))
    if questions is None:
        questions = [is_question(s.text) for s in sentences]
    X[:, _QUESTION_COL] = questions
    X[:, _WORDS_COL] = [math.log1p(s.text.count(" ") + 1) for s in sentences]
    return X


def certainty_features(sentences: Sequence[Sentence], cues: Sequence[Sequence[Cue]]) -> list[list[float]]:
    """:func:`certainty_matrix` as lists (for the training tools)."""
    return certainty_matrix(sentences, cues).tolist()


class CertaintyModel:
    """A logistic regression (with its temperature) over :data:`CERTAINTY_FEATURES`.

    Parameters
    ----------
    coef : sequence of float
        One weight per feature, toward *certain*.
    intercept : float
    meta : dict, optional
        Where it was trained and how it scored (written by the training tool).
    """

    def __init__(self, coef: Sequence[float], intercept: float, meta: dict[str, Any] | None = None):
        if len(coef) != len(CERTAINTY_FEATURES):
            raise ValueError(
                f"the certainty model has {len(coef)} weights; this credscore computes {len(CERTAINTY_FEATURES)} "
                "certainty features. Retrain it with python -m tools.train_uncertainty"
            )
        self.coef = [float(w) for w in coef]
        self.intercept = float(intercept)
        self.meta = dict(meta or {})

    @classmethod
    def load(cls, path: str | None = None) -> CertaintyModel:
        """The shipped model (``credscore/data/certainty.json``), or one from ``path``."""
        data = read_weights("certainty.json", path, CERTAINTY_FEATURES, "the certainty model",
                            "python -m tools.train_uncertainty")  # fmt: skip
        return cls(data["coef"], data["intercept"], data.get("meta"))

    @classmethod
    def from_json(cls, text: str) -> CertaintyModel:
        """A model from the JSON :meth:`to_json` writes (as a model bundle stores it)."""
        data = check_weights(json.loads(text), CERTAINTY_FEATURES, "the certainty model",
                             "python -m tools.train_uncertainty")  # fmt: skip
        return cls(data["coef"], data["intercept"], data.get("meta"))

    def to_json(self) -> str:
        return json.dumps(
            {"features": list(CERTAINTY_FEATURES), "coef": [round(w, 6) for w in self.coef],
             "intercept": round(self.intercept, 6), "meta": self.meta}, indent=1,
        )  # fmt: skip

    def predict(self, rows: Any) -> list[float]:
        """P(certain) for each row of features (a matrix or a list of rows)."""
        X = np.asarray(rows, dtype=np.float64)
        if X.size == 0:
            return []
        z = X @ np.asarray(self.coef) + self.intercept
        return (0.5 * (1.0 + np.tanh(0.5 * z))).tolist()  # the logistic function, without overflow

    def certainty(
        self, sentences: Sequence[Sentence], cues: Sequence[Sequence[Cue]], matrix: np.ndarray | None = None
    ) -> list[float]:
        """P(certain) of each sentence, from its cues (``matrix``: their :func:`certainty_matrix`, if known)."""
        return self.predict(certainty_matrix(sentences, cues) if matrix is None else matrix)


_MODEL: CertaintyModel | None = None


def default_certainty_model() -> CertaintyModel:
    global _MODEL
    if _MODEL is None:
        _MODEL = CertaintyModel.load()
    return _MODEL
