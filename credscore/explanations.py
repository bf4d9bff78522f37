"""Why a sentence scored as it did: signed feature contributions tied to their cues.

For credscore's linear models the explanation is exact. The model's class
scores are affine in the features, ``z = x @ W + b``, so the *log-odds of
the most reliable class against the least reliable one* (strong vs weak for
the default model; positive vs negative for a binary model) splits into one
term per feature around a baseline ``m``, the mean training sentence:

    z_top - z_bottom = sum_j (x_j - m_j) * d_j  +  baseline,   d = W[:, top] - W[:, bottom]

where ``baseline`` is the log-odds of that average sentence. Each
:class:`Contribution` is one term ``(x_j - m_j) * d_j``: positive pushes the
sentence towards reliable, negative towards weak; a feature at its average
contributes nothing. (This is SHAP's exact value for a linear model.) A
feature the sentence does not have (value 0, no cue) is not shown as a reason:
its term joins the baseline, which is then "everything else". Each term has a
plain-language :attr:`Contribution.reason`. Models
with hashed n-grams use the empty sentence (``m = 0``) as baseline for the
n-gram columns. Terms
are tied to the cues that produced the feature (``n_anonymous_source`` to the
anonymous-source cues, ``rule_relay`` to the relay cues, ...), and for models
with hashed n-grams to the words in the sentence.

Models that are not linear in their features are explained by occlusion
(the change in that log-odds when a feature is set to zero), which is exact
for linear models and a faithful local measure otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .certainty import CERTAINTY_WORDS
from .cues import Cue
from .features import FEATURE_BY_NAME, FEATURES, lexical_features
from .lexicon import lower_same_length
from .model import Model, default_model
from .pipeline import Pipeline, reading_of_scores
from .scoring import SentenceScore, score

__all__ = ["Contribution", "Explanation", "explain", "explain_scores"]


@dataclass(frozen=True, slots=True)
class Contribution:
    """One feature's share of a sentence's score.

    Attributes
    ----------
    feature : str
        A name from :data:`credscore.FEATURE_NAMES`, ``"baseline"`` (the
        log-odds of an average training sentence), or
        ``"words: <n-gram>"`` for a lexical model.
    value : float
        The feature's value for this sentence.
    contribution : float
        Its term in the log-odds of the most vs the least reliable class.
    cues : tuple of Cue
        The cues behind the feature (for words: pseudo-cues of kind ``"words"``
        with the span of the n-gram in the text).
    """

    feature: str
    value: float
    contribution: float
    cues: tuple[Cue, ...] = ()

    @property
    def words(self) -> str:
        """The feature and its value in plain words (:data:`FEATURE_WORDS`), without cues or numbers.

        >>> Contribution("src_named", 1.0, 3.3).words
        'a named, on-the-record source'
        """
        return _plain_feature(self.feature, self.value)

    @property
    def reason(self) -> str:
        """The contribution in plain words: what was found, and which way it pushed.

        >>> from credscore import Cue
        >>> Contribution("src_doubt", 1.0, -0.9, (Cue("anonymous_source", "unnamed_role", 0, 21,
        ...     "Two unnamed officials", 2),)).reason
        "'Two unnamed officials': an anonymous source (-0.90, toward weak)"
        """
        what = self.words
        texts = list(dict.fromkeys(q.text for q in self.cues if q.kind != "words"))
        if texts:
            shown = ", ".join(repr(" ".join(t.split())[:40]) for t in texts[:3]) + (", ..." if len(texts) > 3 else "")
            what = f"{shown}: {what}"
        way = "toward strong" if self.contribution >= 0 else "toward weak"
        return f"{what} ({self.contribution:+.2f}, {way})"


@dataclass(frozen=True, slots=True)
class Explanation:
    """A sentence's score and the contributions that make it up."""

    score: SentenceScore
    log_odds: float  # log P(top) / P(bottom)
    contrast: tuple[str, str]  # (top class, bottom class)
    contributions: tuple[Contribution, ...]  # largest |contribution| first; the baseline last
    exact: bool

    def top(self, n: int = 5) -> tuple[Contribution, ...]:
        """The ``n`` largest contributions (the baseline excluded)."""
        return tuple(c for c in self.contributions if c.feature != "baseline")[:n]

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.score.start,
            "end": self.score.end,
            "reliability": round(self.score.reliability, 4),
            "log_odds": round(self.log_odds, 4),
            "contrast": list(self.contrast),
            "exact": self.exact,
            "contributions": [
                {"feature": c.feature, "reason": c.reason, "value": round(c.value, 4),
                 "contribution": round(c.contribution, 4), "cues": [q.to_dict() for q in c.cues]}
                for c in self.contributions
            ],
        }  # fmt: skip


#: What each feature means, for the reader of an explanation: the words of each :data:`credscore.features.FEATURES`
#: entry (where they are written), of the certainty model's own features
#: (:data:`credscore.certainty.CERTAINTY_WORDS`), and of the two terms every explanation may have, ``certainty``
#: (the certainty model's whole effect on the score) and ``baseline``. Plain words only: a reader of the report
#: or of ``--explain`` never sees a feature's name.
FEATURE_WORDS: dict[str, str] = {
    **{f.name: f.words for f in FEATURES},
    **CERTAINTY_WORDS,
    "certainty": "how firmly it is said",
    "baseline": "everything else (an average sentence, without the evidence above)",
}


def _plain_feature(feature: str, value: float) -> str:
    """A feature and its value in plain words (never the feature's name, never an unrounded number)."""
    known = FEATURE_BY_NAME.get(feature)
    if known is not None:
        return known.describe(value)
    if feature == "certainty":
        return f"{FEATURE_WORDS[feature]} (certainty {value:.2f})"
    if feature.startswith("words: "):
        return f"the words {feature[7:]!r}"
    # A model made with features this credscore does not know: its name, spaced, is all there is.
    return FEATURE_WORDS.get(feature, feature.replace("_", " "))


def explain(text: str, *, model: Model | None = None) -> list[Explanation]:
    """Score ``text`` and explain every sentence (see the module docstring).

    Examples
    --------
    >>> [e] = explain("A senior official said the plan failed.")
    >>> [c.reason for c in e.contributions if c.feature == "src_doubt"]
    ["'A senior official': an anonymous source (-0.22, toward weak)"]
    """
    model = model if model is not None else default_model()
    return explain_scores(text, score(text, model=model), model=model)


def explain_scores(text: str, scores: Sequence[SentenceScore], *, model: Model | None = None) -> list[Explanation]:
    """Explanations for scores already computed by :func:`credscore.score` on ``text``."""
    model = model if model is not None else default_model()
    if not scores:
        return []
    X = Pipeline(model).model_input(reading_of_scores(text, scores))
    X = X.tocsr() if hasattr(X, "tocsr") else np.asarray(X)
    top, bottom = model.labels[-1], model.labels[0]
    linear = model._linear
    out = []
    for i, s in enumerate(scores):
        row = X[i]
        if linear is not None:
            terms, intercept = _linear_terms(model, row, top, bottom)
            exact = True
        else:
            terms, intercept = _occlusion_terms(model, row, top, bottom)
            exact = False
        contribs = _tie_to_cues(model, s, terms, row)
        linear_total = intercept + sum(c.contribution for c in contribs)
        final = _log_odds(s.probabilities, top, bottom)
        if final is not None and abs(final - linear_total) > 1e-9:
            # The part of the score the sourcing model does not decide: certainty joined to it
            # (credscore.model.combine) and the fail-toward-doubt policy. Exact, as the rest.
            cues = tuple(c for c in s.cues if (c.category is not None or c.rule == "unsourced_attribution")
                         and not c.inherited)  # fmt: skip
            contribs.append(Contribution("certainty", float(s.certainty), final - linear_total, cues))
        # A feature this sentence does not have (value 0, no cue) is no reason for its score: its term (the
        # average sentence's share of it) goes into the baseline. The terms still add up to the log-odds.
        shown = [c for c in contribs if c.cues or c.value != 0]
        hidden = [c for c in contribs if not (c.cues or c.value != 0)]
        contribs = sorted(shown, key=lambda c: -abs(c.contribution))
        contribs.append(Contribution("baseline", 1.0, intercept + sum(c.contribution for c in hidden)))
        total = sum(c.contribution for c in contribs)
        out.append(Explanation(s, total, (top, bottom), tuple(contribs), exact))
    return out


def _log_odds(probabilities: dict[str, float], top: str, bottom: str) -> float | None:
    p, q = probabilities.get(top), probabilities.get(bottom)
    if p is None or q is None:
        return None
    # A policy may set a class to 0 ("never strong"); the log-odds then stop at a floor, not at infinity.
    return float(np.log(max(p, _FLOOR)) - np.log(max(q, _FLOOR)))


_FLOOR = 1e-6


def _column(model: Model, label: str) -> int:
    return model._classes.index(label)


def _linear_terms(model: Model, row: Any, top: str, bottom: str) -> tuple[dict[int, float], float]:
    W, b = model._linear  # type: ignore[misc]
    t, u = _column(model, top), _column(model, bottom)
    diff = W[:, t] - W[:, u]
    if hasattr(row, "indices"):
        idx, vals = row.indices, row.data
    else:
        vec = np.asarray(row).ravel()
        idx = np.flatnonzero(vec)
        vals = vec[idx]
    x = dict(zip(idx.tolist(), vals.tolist(), strict=True))
    mean = model.feature_means
    terms: dict[int, float] = {}
    baseline = float(b[t] - b[u])
    for j in set(x) | set(np.flatnonzero(mean).tolist()):
        m = float(mean[j]) if j < len(mean) else 0.0
        term = (x.get(j, 0.0) - m) * float(diff[j])
        baseline += m * float(diff[j])
        if term:
            terms[int(j)] = term
    return terms, baseline


def _occlusion_terms(model: Model, row: Any, top: str, bottom: str) -> tuple[dict[int, float], float]:
    dense = row.toarray().ravel() if hasattr(row, "toarray") else np.asarray(row, dtype=float).ravel()

    def log_odds(v: np.ndarray) -> float:
        p = model.predict_proba(v[None, :])[0]
        return float(np.log(max(p[-1], 1e-12)) - np.log(max(p[0], 1e-12)))

    full = log_odds(dense)
    terms = {}
    for j in np.flatnonzero(dense):
        v = dense.copy()
        v[j] = 0.0
        terms[int(j)] = full - log_odds(v)
    return terms, full - sum(terms.values())


_WORD = re.compile(r"(?u)\b\w\w+\b")


def _tie_to_cues(model: Model, s: SentenceScore, terms: dict[int, float], row: Any) -> list[Contribution]:
    """Contributions with the feature values the model read (``row``) and the cues behind them."""
    names = model.feature_names
    n_cue = len(names)
    values = row[:, :n_cue].toarray().ravel() if hasattr(row, "toarray") else np.asarray(row).ravel()[:n_cue]
    out = []
    gram_terms = {j: v for j, v in terms.items() if j >= n_cue}
    for j, v in terms.items():
        if j < n_cue:
            name = names[j]
            feature = FEATURE_BY_NAME.get(name)
            evidence = feature.evidence(s.cues, s.sources) if feature is not None else ()
            out.append(Contribution(name, float(values[j]), v, evidence))
    if gram_terms:
        out.extend(_word_contributions(model, s, gram_terms))
    return out


def _word_contributions(model: Model, s: SentenceScore, gram_terms: dict[int, float]) -> list[Contribution]:
    """Map hashed n-gram columns back to the words of the sentence."""

    lex = model.lexical or {}
    n_cue = len(model.feature_names)
    # Offsets from a same-length lower-casing ("İ".lower() is two characters);
    # the hasher lower-cases the words itself, as it did in training.
    toks = [(m.start(), m.end()) for m in _WORD.finditer(lower_same_length(s.text))]
    lo, hi = lex.get("ngram_range", (1, 1))
    grams: dict[int, list[tuple[int, int, str]]] = {}
    for n in range(lo, hi + 1):
        spans = [(toks[k][0], toks[k + n - 1][1]) for k in range(len(toks) - n + 1)]
        if not spans:
            continue
        words = [" ".join(s.text[a:b] for a, b in toks[k : k + n]) for k in range(len(spans))]
        hashed = lexical_features(words, lex["n_features"], (n, n))  # one call per n, not one per n-gram
        for r, (a, b) in enumerate(spans):
            cols = hashed.indices[hashed.indptr[r] : hashed.indptr[r + 1]]
            if len(cols) == 1 and n_cue + int(cols[0]) in gram_terms:
                grams.setdefault(n_cue + int(cols[0]), []).append((a, b, words[r].lower()))
    out = []
    for col, spans in grams.items():
        cues = tuple(Cue("words", "lexical", s.start + a, s.start + b, s.text[a:b]) for a, b, _ in spans)
        out.append(Contribution(f"words: {spans[0][2]}", 1.0, gram_terms[col], cues))
    return out
