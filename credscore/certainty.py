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
and needs nothing but the standard library to run.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from importlib import resources
from typing import Any

from .claims import is_question
from .cues import UNCERTAINTY_CATEGORIES, Cue
from .sentences import Sentence

__all__ = [
    "CERTAINTY_FEATURES",
    "SEVERITY",
    "CertaintyModel",
    "certainty_features",
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
_COL = {n: i for i, n in enumerate(CERTAINTY_FEATURES)}


def certainty_features(sentences: Sequence[Sentence], cues: Sequence[Sequence[Cue]]) -> list[list[float]]:
    """One row of :data:`CERTAINTY_FEATURES` per sentence."""
    rows = []
    for s, cs in zip(sentences, cues, strict=True):
        row = [0.0] * len(CERTAINTY_FEATURES)
        kinds = set()
        for c in cs:
            if c.inherited:
                continue
            if c.category is not None:
                v = "writer" if c.voice == "writer" else "other"
                row[_COL[f"unc_{c.category}_{v}"]] += 1.0
                row[_COL[f"unc_any_{v}"]] = 1.0
                kinds.add(c.category)
            elif c.kind == "attribution":
                row[_COL["attributed"]] = 1.0
        row[_COL["unc_kinds"]] = float(len(kinds))
        row[_COL["is_question"]] = 1.0 if is_question(s.text) else 0.0
        row[_COL["log_words"]] = math.log1p(s.text.count(" ") + 1)
        rows.append(row)
    return rows


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
        if path is None:
            raw = resources.files("credscore").joinpath("data", "certainty.json").read_text(encoding="utf-8")
        else:
            with open(path, encoding="utf-8") as fh:
                raw = fh.read()
        data = json.loads(raw)
        if list(data.get("features", [])) != list(CERTAINTY_FEATURES):
            raise ValueError(
                "the certainty model was trained on other features than this credscore computes; "
                "retrain it with python -m tools.train_uncertainty"
            )
        return cls(data["coef"], data["intercept"], data.get("meta"))

    def to_json(self) -> str:
        return json.dumps(
            {"features": list(CERTAINTY_FEATURES), "coef": [round(w, 6) for w in self.coef],
             "intercept": round(self.intercept, 6), "meta": self.meta}, indent=1,
        )  # fmt: skip

    def predict(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """P(certain) for each row of features."""
        out = []
        for row in rows:
            z = self.intercept + sum(w * x for w, x in zip(self.coef, row, strict=True))
            out.append(1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z)))
        return out

    def certainty(self, sentences: Sequence[Sentence], cues: Sequence[Sequence[Cue]]) -> list[float]:
        """P(certain) of each sentence, from its cues."""
        return self.predict(certainty_features(sentences, cues))


_MODEL: CertaintyModel | None = None


def default_certainty_model() -> CertaintyModel:
    global _MODEL
    if _MODEL is None:
        _MODEL = CertaintyModel.load()
    return _MODEL
