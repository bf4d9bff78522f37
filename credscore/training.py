"""Training a model on your own labels, and evaluating any model on labelled data.

>>> import credscore                                                     # doctest: +SKIP
>>> model = credscore.train(df, "sentence", "verdict", group_col="article", positive="sourced")  # doctest: +SKIP
>>> print(model.metadata["report"]["metrics"]["roc_auc"])                 # doctest: +SKIP
>>> model.save("models/desk.credscore")                                   # doctest: +SKIP
>>> credscore.score(text, model=credscore.load_model("models/desk.credscore"))  # doctest: +SKIP

Labels are either binary (two values; say which one is the well-sourced,
``positive``, class unless they are 0/1 or False/True) or ordered classes
(``classes=["weak", "unattributed", "strong"]``, least reliable first). A
model's reliability is the expected value of its class on an even scale from
0 (first class) to 1 (last class), so a binary model's reliability is
P(positive).

The estimator is the one the default model uses: a logistic regression over
the cue features, with temperature-scaled probabilities. ``C`` is chosen by
cross-validated log loss; the report comes from out-of-fold predictions of
the same cross-validation, grouped by ``group_col`` (no article on both sides
of a split) when given, so it never scores a row the model was fitted on.

Why this module is long (~590 lines): label resolution (binary or ordered classes, with the errors a
user meets first), grouped cross-validation and model selection, calibration and the training report
are one procedure that ``credscore train`` runs top to bottom; each part is a function of its own.
"""

from __future__ import annotations

import hashlib
import math
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .batch import output_columns
from .certainty import CertaintyModel
from .errors import LabelError, require_columns
from .evaluation import classification_report, reliability_ranking
from .features import FEATURE_NAMES, FEATURE_SET, LEXICAL_DEFAULTS, SOURCING_FEATURES, with_lexical
from .model import LABELS, Model, combine, default_model
from .parts import Parts, shipped_parts
from .pipeline import Certainty, Pipeline, Table
from .version import __version__

__all__ = ["C_GRID", "LabelError", "evaluate", "fit_estimator", "resolve_labels", "train"]

#: Values of C tried in cross-validation (inverse L2 strength of the logistic
#: regression), from strong to weak regularisation.
C_GRID = (0.01, 0.1, 1.0, 10.0)
SEED = 20261129
#: Fewest rows we train on at all, and fewest per class (each class must reach
#: every fold of the cross-validation).
MIN_ROWS = 20
_BINARY_PAIRS = ({"0", "1"}, {"False", "True"}, {"false", "true"}, {"no", "yes"})


def _label_text(v: object) -> str | None:
    """A label as text; None when missing. 1.0 -> "1" (pandas reads 0/1 columns with gaps as float)."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    s = str(v).strip()
    return s or None


def resolve_labels(
    values: Sequence[object],
    *,
    classes: Sequence[str] | None = None,
    positive: str | None = None,
    min_per_class: int = 5,
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Check labels and put their classes in order, least reliable first.

    Returns the labels as strings and the ordered classes.

    Raises
    ------
    LabelError
        Missing labels, a single class, unknown classes, classes with too few
        rows, or labels whose order cannot be known without ``classes`` or
        ``positive``.
    """
    texts = [_label_text(v) for v in values]
    missing = [i for i, t in enumerate(texts) if t is None]
    if missing:
        raise LabelError(
            f"{len(missing)} row(s) have no label (first at row {missing[0]}, counting the first data row as 0); "
            "fill in or delete those rows in the file, or in Python drop them, e.g. df.dropna(subset=[LABEL_COLUMN])"
        )
    if len(texts) < MIN_ROWS:
        raise LabelError(f"only {len(texts)} labelled rows; at least {MIN_ROWS} are needed to train and evaluate")
    counts = Counter(texts)
    found = set(counts)
    if classes is not None and positive is not None:
        raise LabelError("give either classes (ordered classes) or positive (binary labels), not both")
    if classes is not None:
        order = tuple(str(c) for c in classes)
        if len(set(order)) != len(order):
            raise LabelError(f"classes {list(order)} repeat a class")
        unknown = sorted(found - set(order))
        if unknown:
            raise LabelError(
                f"labels {unknown} are not among the classes {list(order)} "
                f"({sum(counts[u] for u in unknown)} rows); fix the labels or add the classes in order"
            )
    elif positive is not None:
        positive = str(positive)
        if positive not in found:
            raise LabelError(f"positive class {positive!r} does not occur; labels are {sorted(found)}")
        if len(found) != 2:
            raise LabelError(
                f"positive={positive!r} is for two classes, but the labels have {len(found)}: {sorted(found)}; "
                "for more classes give their order with classes=[...]"
            )
        order = (next(c for c in sorted(found) if c != positive), positive)
    else:
        order = _infer_order(found)
    if len(found) < 2:
        raise LabelError(f"all {len(texts)} rows have the label {texts[0]!r}; a model needs at least two classes")
    absent = [c for c in order if c not in found]
    if absent:
        raise LabelError(f"classes {absent} have no rows; remove them from classes or label some examples")
    small = {c: counts[c] for c in order if counts[c] < min_per_class}
    if small:
        raise LabelError(
            f"too few rows for {small}: each class needs at least {min_per_class} rows "
            "(one per cross-validation fold); label more examples or merge classes"
        )
    return np.asarray(texts, dtype=object), order


_NEGATIONS = ("un", "non", "non-", "non_", "not", "not_", "not-", "not ", "no", "no_", "no-", "in", "il", "ir")
_GOOD_WORDS = frozenset("good strong reliable credible sourced attributed verified yes true ok trustworthy".split())
_BAD_WORDS = frozenset("bad weak unreliable dubious no false fake".split())


def _well_sourced_guess(a: str, b: str) -> str | None:
    """Which of two labels means "well sourced", when the words say so ("sourced" vs "unsourced"); else None.
    (Sorting alone would suggest "unsourced" over "sourced", which inverts the model.)"""
    la, lb = a.lower().strip(), b.lower().strip()
    for x, lx, l_other in ((a, la, lb), (b, lb, la)):
        if any(l_other == pre + lx for pre in _NEGATIONS):
            return x  # the other label is this one negated
    for x, lx in ((a, la), (b, lb)):
        if lx in _GOOD_WORDS:
            return x
    for lx, other in ((la, b), (lb, a)):
        if lx in _BAD_WORDS:
            return other
    return None


def _infer_order(found: set[str]) -> tuple[str, ...]:
    if found == set(LABELS) or (found < set(LABELS) and len(found) >= 2):
        return tuple(lab for lab in LABELS if lab in found)
    for pair in _BINARY_PAIRS:
        if found == pair:
            return tuple(sorted(pair, key=lambda v: v.lower() in ("1", "true", "yes")))
    if len(found) == 2:
        a, b = sorted(found)
        good = _well_sourced_guess(a, b)
        if good is None:
            raise LabelError(
                f"labels are {a!r} and {b!r}; say which one means well sourced: positive={a!r} or positive={b!r}"
            )
        raise LabelError(f"labels are {a!r} and {b!r}; say which one means well sourced, probably positive={good!r}")
    raise LabelError(
        f"{len(found)} label values {sorted(found)[:8]}; give their order from least to most reliable, e.g. "
        f"classes={sorted(found)[:3]}"
    )


def fit_estimator(
    X: Any, y: np.ndarray, splits: list[tuple[np.ndarray, np.ndarray]], *, C: float | None = None
) -> tuple[Any, dict[str, Any]]:
    """Fit the calibrated classifier, choosing ``C`` on ``splits`` when not given.

    Returns the fitted estimator and the cross-validated log loss per ``C``.
    The folds are passed to calibration as index lists: with ``ensemble=False``
    scikit-learn 1.9 does not route ``groups`` to a splitter.
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.metrics import log_loss, make_scorer
    from sklearn.model_selection import cross_val_score

    sparse = hasattr(X, "tocsr")
    binary = len(set(np.asarray(y).tolist())) == 2
    # The classes named, so that a validation fold without one of them (a class in
    # fewer groups than folds) is still scored instead of failing with a warning.
    scoring = make_scorer(log_loss, greater_is_better=False, response_method="predict_proba", labels=np.unique(y))
    scores: dict[float, float] = {}
    if C is None:
        for c in C_GRID:
            s = cross_val_score(_base(c, sparse, binary), X, y, cv=splits, scoring=scoring)
            scores[c] = float(-s.mean())
        C = min(scores, key=scores.__getitem__)
    est = CalibratedClassifierCV(_base(C, sparse, binary), method="temperature", cv=splits, ensemble=False)
    est.fit(X, y)
    return est, {"C": C, "cv_log_loss": {str(k): round(v, 5) for k, v in scores.items()}}


def _base(c: float, sparse: bool = False, binary: bool = False) -> Any:
    """Scaler + logistic regression. With hashed n-grams (sparse input) the
    scaler divides by each column's largest value, so binary n-gram columns stay
    0/1 and the cue counts land in [0, 1] (centring would densify the matrix).
    Two classes over 2**18 n-gram columns fit twice as fast with liblinear
    as with lbfgs, to the same log loss (measured on the CoNLL-2010 sample)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import MaxAbsScaler, StandardScaler

    scaler = MaxAbsScaler() if sparse else StandardScaler()
    solver = "liblinear" if sparse and binary else "lbfgs"
    return Pipeline([("scale", scaler), ("clf", LogisticRegression(C=c, solver=solver, max_iter=3000))])


def cv_splits(y: np.ndarray, groups: np.ndarray | None, n_splits: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Folds stratified by label, and grouped (no group on both sides) when ``groups`` is given."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    if groups is not None:
        n_groups = len(set(groups.tolist()))
        if n_groups < 2:
            raise LabelError(
                f"group column has {n_groups} distinct value(s); grouped cross-validation needs at least 2"
            )
        k = min(n_splits, n_groups)
        with warnings.catch_warnings():
            # Few groups of one class make uneven folds; that is expected, not an error.
            warnings.simplefilter("ignore", UserWarning)
            return list(StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=SEED).split(y, y, groups))
    return list(StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=SEED).split(y, y))


def _check_label_names(order: Sequence[str], label_col: str) -> None:
    """A model's classes name its output columns (``p_<label>``, ``n_<label>``) in batch scoring: refuse, at
    train time, a label that cannot. Renaming it here instead would give the model labels that differ from the
    user's data (and from what :func:`evaluate` then reads), so the user renames it."""
    taken = set(output_columns("sentence", ())) | set(output_columns("document", ()))
    for lab in order:
        if not re.fullmatch(r"[A-Za-z0-9_]+", lab):
            fix = re.sub(r"[^A-Za-z0-9_]+", "_", lab).strip("_") or "class"
            if lab.startswith("-"):
                fix = "minus_" + fix  # "-1" -> "minus_1", not "1", which may be the other label
            while fix in order:  # never suggest merging two classes
                fix += "_label"
            raise LabelError(
                f"the label {lab!r} cannot name the model's output columns ('p_{lab}', 'n_{lab}'): labels must be "
                f"letters, digits and _; rename it in the label column {label_col!r} first, e.g. to {fix!r} "
                f"(df[{label_col!r}].replace({{{lab!r}: {fix!r}}}))"
            )
        clash = [c for c in (f"p_{lab}", f"n_{lab}") if c in taken]
        if clash:
            raise LabelError(
                f"the label {lab!r} would make the output column {clash[0]!r}, which credscore already uses; "
                f"rename it in the label column {label_col!r} first, e.g. to {lab + '_label'!r}"
            )


#: Fewest rows of each class in the training part of every fold: the out-of-fold
#: report calibrates each fold's model with an inner 3-fold split, which needs a
#: class in at least two of its folds.
MIN_TRAIN_ROWS_PER_CLASS = 2


def _check_folds(
    y: np.ndarray, groups: np.ndarray | None, splits: list[tuple[np.ndarray, np.ndarray]], order: Sequence[str],
    group_col: str | None,
) -> None:  # fmt: skip
    """Every class must be learnt in every fold: refuse folds whose training part lacks one (scikit-learn would
    fail with "Only 2 class/es in training fold")."""
    for i, (tr, _) in enumerate(splits, 1):
        have = Counter(y[tr].tolist())
        for c in order:
            if have[c] >= MIN_TRAIN_ROWS_PER_CLASS:
                continue
            rows = int((y == c).sum())
            k = len(splits)
            fewer = "use fewer folds (cv=2), " if k > 2 else ""
            need = f"fold {i} of the {'grouped ' if groups is not None else ''}{k}-fold cross-validation trains on "
            need += f"{have[c]} row(s) of it (it needs {MIN_TRAIN_ROWS_PER_CLASS})"
            if groups is None:
                raise LabelError(
                    f"class {c!r} has only {rows} rows, so {need}; label more {c!r} examples"
                    + (f" or {fewer.removesuffix(', ')}" if fewer else "")
                )
            n_groups = len(set(groups[y == c].tolist()))
            raise LabelError(
                f"class {c!r} is in only {n_groups} of the {len(set(groups.tolist()))} groups of {group_col!r} "
                f"({rows} rows), so {need}; label {c!r} examples in more groups, "
                f"{fewer if n_groups > 1 else ''}or do not group the folds (group_col=None)"
            )


def data_sha256(texts: Sequence[str], labels: Sequence[str], groups: Sequence[Any] | None = None) -> str:
    """A fingerprint of the training table (text, label, group), in row order."""
    h = hashlib.sha256()
    for i, (t, lab) in enumerate(zip(texts, labels, strict=True)):
        g = "" if groups is None else str(groups[i])
        h.update(f"{len(t)}:{t}\x1f{lab}\x1f{g}\x1e".encode())
    return h.hexdigest()


def _texts(df: pd.DataFrame, text_col: str) -> list[str]:
    col = df[text_col]
    bad = [i for i, v in enumerate(col.tolist()) if not isinstance(v, str) or not v.strip()]
    if bad:
        raise LabelError(
            f"{len(bad)} row(s) have no text in {text_col!r} (first at row {bad[0]}, counting the first data row "
            f"as 0); fill in or delete those rows in the file, or in Python drop them, e.g. "
            f"df[df[{text_col!r}].str.strip().astype(bool)]"
        )
    return col.tolist()


def _check_columns(df: object, cols: Sequence[tuple[str, str]]) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(df).__name__}")
    require_columns(df.columns, cols)


def train(
    df: pd.DataFrame,
    text_col: str = "text",
    label_col: str = "label",
    *,
    group_col: str | None = None,
    paragraph_col: str | None = None,
    context: bool | None = None,
    classes: Sequence[str] | None = None,
    positive: str | None = None,
    cv: int = 5,
    C: float | None = None,
    lexical: bool = False,
    certainty: CertaintyModel | None = None,
    name: str = "custom",
    source: str | None = None,
) -> Model:
    """Train a model on labelled sentences; its cross-validated report is in ``model.metadata["report"]``.

    The sentences are read through the same :class:`credscore.Pipeline` as :func:`credscore.score` reads
    articles, and the model is joined to certainty the way the default model is: a sourcing model over
    :data:`credscore.features.SOURCING_FEATURES`, combined with the certainty model's reading of each
    sentence (:func:`credscore.model.combine`) with a weight of uncertainty, lambda, fitted on the
    out-of-fold predictions of the training rows. The model file carries the certainty model, the source
    typer and the uncertainty tagger it was trained with (a bundle, :mod:`credscore.parts`).

    Parameters
    ----------
    df : pandas.DataFrame
        One labelled sentence (or short passage) per row.
    text_col, label_col : str
        Columns with the text and the label.
    group_col : str, optional
        An article id. The rows of one group are that article's sentences **in order**: they are read in
        context (``context``), and cross-validation keeps each group on one side.
    paragraph_col : str, optional
        A paragraph id per row (read in context only): where it changes, a new paragraph starts (a
        quotation or an "according to" does not carry over a paragraph break the way it does inside one).
    context : bool, optional
        Read each group's rows together, as :func:`credscore.score` reads the article: a continued
        quotation keeps its speaker, "according to" carries over, a pronoun resolves to an earlier source.
        Default: True when ``group_col`` is given. False reads each row alone (the only reading without a
        group column), for tables whose groups are not articles.
    classes : sequence of str, optional
        Ordered classes, least reliable first (e.g. ``["weak", "unattributed", "strong"]``).
    positive : str, optional
        For two label values: the well-sourced one.
    cv : int, default 5
        Cross-validation folds, for choosing ``C``, for calibration, for lambda and for the report.
    C : float, optional
        Fix the regularisation instead of choosing it from :data:`C_GRID`.
    lexical : bool, default False
        Also learn from the words themselves (hashed unigrams and bigrams,
        :data:`credscore.features.LEXICAL_DEFAULTS`), on top of the cue
        features. Worth it when the labels follow wording the cue lexicons do
        not cover (compare both reports); scoring is then about half as fast.
    certainty : CertaintyModel, optional
        A certainty model of your own (``python -m tools.train_uncertainty`` writes one); default: the shipped one.
    name, source : str
        Recorded in the model's metadata and report.

    Returns
    -------
    Model
        Fitted on all rows; ``save()`` it to share it.

    Raises
    ------
    LabelError
        Labels that cannot make a useful model (see :func:`resolve_labels`), a label that cannot name an output
        column of batch scoring (letters, digits and _ only), folds where a class is missing from the training
        part (e.g. all its rows in one group), or ``context`` without a group column.
    """
    rows = _labelled_rows(df, text_col, label_col, group_col, paragraph_col, context)
    if cv < 2:
        raise LabelError(f"cv must be at least 2, got {cv}")
    texts, groups, in_context = rows.texts, rows.groups, rows.in_context
    y, order = resolve_labels(df[label_col].tolist(), classes=classes, positive=positive, min_per_class=cv)
    _check_label_names(order, label_col)
    splits = cv_splits(y, groups, cv)
    _check_folds(y, groups, splits, order, group_col)
    parts = shipped_parts() if certainty is None else shipped_parts().replace(certainty=certainty)
    table = rows.read(Pipeline.unfitted(parts))
    lex = _lexical_meta(lexical)
    X = _model_matrix(table.X, texts, lex)
    est, selection = fit_estimator(X, y, splits, C=C)
    reliability = {c: (i / (len(order) - 1)) for i, c in enumerate(order)}
    meta: dict[str, Any] = {
        "name": name,
        "credscore_version": __version__,
        "sklearn_version": _sklearn_version(),
        "feature_names": list(SOURCING_FEATURES),
        "feature_set": FEATURE_SET,
        "lexical": lex,
        "labels": list(order),
        "reliability": reliability,
        "estimator": "CalibratedClassifierCV(Pipeline(StandardScaler, LogisticRegression), method='temperature')",
        "model_selection": selection,
        "reading": _reading_note(in_context, paragraph_col),
        "training_data": {
            "source": source or "a DataFrame",
            "rows": len(texts),
            "label_counts": {c: int((y == c).sum()) for c in order},
            "groups": None if groups is None else len(set(groups.tolist())),
            "sha256": data_sha256(texts, y.tolist(), None if groups is None else groups.tolist()),
        },
    }
    sourced = _out_of_fold(X, y, splits, selection["C"], meta, parts)
    meta["combine"] = fit_lambda(sourced, y, table.certainty, order, reliability, parts)
    model = Model(est, meta, parts=parts)
    cert = table.certainty
    combined = model.combine(sourced, cert.values, cert.severity, cert.belief)
    report = _report(model, y, combined, sourced, table, order, meta, groups is not None, cv)
    model.metadata["report"] = report
    model.metadata["heldout_metrics"] = {"cross_validated": report["metrics"]}
    return model


@dataclass(frozen=True)
class _Rows:
    """A labelled table's texts, groups and paragraphs, checked, and how they are to be read."""

    texts: list[str]
    groups: np.ndarray | None
    paragraphs: list[Any] | None
    in_context: bool

    def read(self, pipeline: Pipeline) -> Table:
        """Features and certainty of every row, read by ``pipeline`` in context or each alone."""
        return pipeline.table(self.texts, self.groups if self.in_context else None, self.paragraphs)


def _labelled_rows(
    df: pd.DataFrame, text_col: str, label_col: str, group_col: str | None, paragraph_col: str | None,
    context: bool | None,
) -> _Rows:  # fmt: skip
    """The columns train and evaluate read, checked (the label column is read by each on its own terms)."""
    cols = [(text_col, "text column"), (label_col, "label column")]
    if group_col:
        cols.append((group_col, "group column"))
    if paragraph_col:
        cols.append((paragraph_col, "paragraph column"))
    _check_columns(df, cols)
    in_context = _in_context(context, group_col, paragraph_col)
    paragraphs = df[paragraph_col].tolist() if paragraph_col else None
    return _Rows(_texts(df, text_col), _groups(df, group_col), paragraphs, in_context)


def _in_context(context: bool | None, group_col: str | None, paragraph_col: str | None) -> bool:
    if context is None:
        context = bool(group_col)
    if context and not group_col:
        raise LabelError(
            "reading in context needs a group column: the article each row belongs to, its rows in order "
            "(group_col=...); or read each row alone (context=False)"
        )
    if paragraph_col and not context:
        raise LabelError("a paragraph column is read only in context; pass group_col=... too, or paragraph_col=None")
    return context


def _groups(df: pd.DataFrame, group_col: str | None) -> np.ndarray | None:
    if not group_col:
        return None
    g = df[group_col]
    if g.isna().any():
        raise LabelError(f"{int(g.isna().sum())} row(s) have no {group_col!r}; fill or drop them")
    return g.astype(str).to_numpy()


def _reading_note(in_context: bool, paragraph_col: str | None) -> str:
    if not in_context:
        return "per sentence: each row read alone, without the sentences around it"
    return (
        "in context: the rows of each group read together as one article, in order"
        + (", paragraphs from the paragraph column" if paragraph_col else ", as one paragraph")
        + " (the same reading as credscore.score)"
    )


def _model_matrix(X_full: np.ndarray, texts: Sequence[str], lexical: dict[str, Any] | None) -> Any:
    """The sourcing model's input from every cue feature: the sourcing features, then the n-grams if any."""
    return with_lexical(X_full[:, _SOURCING_COLS], texts, lexical)


_SOURCING_COLS = [FEATURE_NAMES.index(n) for n in SOURCING_FEATURES]
#: Values of the weight of uncertainty tried when fitting it (as for the default model).
LAMBDAS = tuple(round(0.05 * k, 2) for k in range(21))


def fit_lambda(
    sourced: np.ndarray, y: np.ndarray, cert: Certainty, order: Sequence[str], reliability: dict[str, float],
    parts: Parts, *, beliefs: Sequence[bool] = (False, True),
) -> dict[str, Any]:  # fmt: skip
    """The weight of uncertainty, lambda in :data:`LAMBDAS`, that gives sourcing probabilities ``sourced``
    (out of fold, or of held-out rows) joined with certainty (:func:`credscore.model.combine`) the highest
    likelihood of the labels ``y``; and whether a belief attributed to a source lowers its claim a class
    (``belief``, tried as ``beliefs`` says: some labels say so, the default model's news labels do; others,
    PolNeAR's sourcing labels, ignore it). Ties go to the first tried: the smaller lambda, no belief."""
    idx = np.asarray([list(order).index(v) for v in y.tolist()])
    values = [reliability[c] for c in order]
    best, best_ll, lls = (0.0, beliefs[0]), -np.inf, {}
    for belief in beliefs:
        for lam in LAMBDAS:
            p = combine(sourced, np.asarray(cert.values), lam, order, cert.severity, cert.belief if belief else None,
                        values=values)  # fmt: skip
            ll = float(np.log(np.clip(p[np.arange(len(idx)), idx], 1e-6, 1.0)).mean())
            lls[f"{lam}{', belief' if belief and len(beliefs) > 1 else ''}"] = round(ll, 4)
            if ll > best_ll:
                best, best_ll = (lam, belief), ll
    return {
        "lambda": best[0],
        "belief": best[1],
        "fitted_on": f"out-of-fold predictions of the {len(idx)} training rows",
        "mean_log_likelihood": lls,
        "certainty_sha256": parts.digests["certainty"],
    }


def _lexical_meta(lexical: bool) -> dict[str, Any] | None:
    if not lexical:
        return None
    return {"n_features": LEXICAL_DEFAULTS["n_features"], "ngram_range": list(LEXICAL_DEFAULTS["ngram_range"])}


def _out_of_fold(X: Any, y: np.ndarray, splits: list, C: float, meta: dict[str, Any], parts: Parts) -> np.ndarray:
    """Sourcing probabilities for each row from a model that never saw it (same folds, same C), with the
    model's own policies (fail toward doubt, the doubt bands) as scoring applies them."""
    from sklearn.calibration import CalibratedClassifierCV

    order = tuple(meta["labels"])
    proba = np.zeros((len(y), len(order)))
    for train_idx, test_idx in splits:
        inner = cv_splits(y[train_idx], None, 3) if len(set(y[train_idx].tolist())) == len(order) else 3
        base = _base(C, hasattr(X, "tocsr"), len(order) == 2)
        est = CalibratedClassifierCV(base, method="temperature", cv=inner, ensemble=False)
        est.fit(X[train_idx], y[train_idx])
        proba[test_idx] = Model(est, meta, parts=parts).predict_proba(X[test_idx])
    return proba


def _report(
    model: Model, y: np.ndarray, proba: np.ndarray, sourced: np.ndarray, table: Table, order: tuple[str, ...],
    meta: dict[str, Any], grouped: bool, cv: int,
) -> dict[str, Any]:  # fmt: skip
    metrics = classification_report(y, proba, order, reliability=model.reliability(proba))
    sourcing = classification_report(y, sourced, order, reliability=model.reliability(sourced))
    data = meta["training_data"]
    lam = meta["combine"]["lambda"]
    rep: dict[str, Any] = {
        "title": f"credscore model card: {meta['name']}",
        "model_name": meta["name"],
        "evaluation": f"{cv}-fold cross-validation" + (", grouped" if grouped else "") + ", out-of-fold predictions",
        "reading": meta["reading"],
        "data": {
            "source": data["source"],
            "rows": data["rows"],
            "groups": data["groups"] if data["groups"] is not None else "none (rows split at random)",
            "sha256": data["sha256"],
            "label_counts": data["label_counts"],
        },
        "model": {
            "estimator": meta["estimator"],
            "C": meta["model_selection"]["C"],
            "features": f"{len(SOURCING_FEATURES)} sourcing features (credscore.features.SOURCING_FEATURES)"
            + (" + hashed word unigrams and bigrams" if meta.get("lexical") else ""),
            "certainty": f"joined with the bundle's certainty model, weight of uncertainty lambda = {lam:g} "
            "(fitted on the out-of-fold predictions)",
            "reliability": ", ".join(f"{k} = {v:g}" for k, v in meta["reliability"].items()),
            "credscore": __version__,
        },
        "metrics": metrics,
        "sourcing_only": {k: sourcing[k] for k in ("accuracy", "log_loss", "roc_auc") if k in sourcing},
        "baselines": {"shipped default model": _default_baseline(table, y, order)},
        "limitations": [
            "Scores sourcing as the labels define it, not truth.",
            "Measured by cross-validation on the training file: a different desk, beat or period can differ.",
            "Features are credscore's cues and sources: "
            + (
                "each group's rows were read together as one article, as scoring reads it."
                if table.in_context
                else "each row was read alone; context across sentences (a continued quotation, an 'according to' "
                "carried over, a pronoun) was not used. Give the article id as group column to read in context."
            ),
        ],
    }
    if not grouped:
        rep["limitations"].append(
            "No group column: sentences of one article may sit on both sides of a split, which flatters the scores."
        )
    return rep


def _default_baseline(table: Table, y: np.ndarray, order: tuple[str, ...]) -> dict[str, Any]:
    """The shipped default model on the same rows (it never saw them), read the same way."""
    base = default_model()
    cert = table.certainty
    proba = base.combine(base.predict_proba(base.select_features(table.X)), cert.values, cert.severity, cert.belief)
    rel = base.reliability(proba)
    if tuple(order) == base.labels:
        rep = classification_report(y, proba, base.labels, reliability=rel)
    else:
        ranking = reliability_ranking(np.asarray(y, dtype=str), list(order), rel)
        rep = {"reliability": ranking}
        if len(order) == 2 and f"roc_auc_{order[1]}_vs_rest" in ranking:
            rep["roc_auc"] = ranking[f"roc_auc_{order[1]}_vs_rest"]
        rep["note"] = (
            "its classes (weak, unattributed, strong) differ from these labels, so it is compared by how its "
            "reliability orders them (ROC AUC, Spearman), not by accuracy"
        )
    return rep


def evaluate(
    model: Model,
    df: pd.DataFrame,
    text_col: str = "text",
    label_col: str = "label",
    *,
    group_col: str | None = None,
    paragraph_col: str | None = None,
    context: bool | None = None,
    classes: Sequence[str] | None = None,
    positive: str | None = None,
    sourcing_only: bool = False,
    source: str | None = None,
) -> dict[str, Any]:
    """The same report as :func:`train` writes, for any model on any labelled data.

    The rows are read and scored as :func:`credscore.score` scores them (certainty joined, for a model
    that combines); in context when a group column is given (see :func:`train`). When the labels' classes
    are the model's, the report has accuracy, F1, ROC AUC, Brier score, calibration; otherwise it says how
    well the model's reliability orders the labels. The shipped default model is the baseline.
    ``sourcing_only=True`` scores the sourcing model alone, before certainty is joined: for labels that say
    who a claim rests on and nothing of how firmly it is made (PolNeAR's, say).
    """
    rows = _labelled_rows(df, text_col, label_col, group_col, paragraph_col, context)
    texts, in_context = rows.texts, rows.in_context
    if classes is None and positive is None:
        found = {_label_text(v) for v in df[label_col].tolist()}
        if found <= set(model.labels):
            classes = [lab for lab in model.labels if lab in found]
    y, order = resolve_labels(df[label_col].tolist(), classes=classes, positive=positive, min_per_class=1)
    table = rows.read(Pipeline(model))
    X = with_lexical(model.select_features(table.X), texts, model.lexical)
    cert = table.certainty
    proba = model.predict_proba(X)
    if not sourcing_only:
        proba = model.combine(proba, cert.values, cert.severity, cert.belief)
    rel = model.reliability(proba)
    name = model.metadata.get("name", "model")
    rep: dict[str, Any] = {
        "title": f"credscore evaluation: {name}",
        "model_name": name,
        "evaluation": f"{source or 'the given data'} ({len(texts)} rows)",
        "reading": _reading_note(in_context, paragraph_col)
        + ("; the sourcing model alone, certainty not joined" if sourcing_only else ""),
        "data": {
            "source": source or "a DataFrame",
            "rows": len(texts),
            "sha256": data_sha256(texts, y.tolist()),
            "label_counts": {c: int((y == c).sum()) for c in order},
        },
    }
    if tuple(order) == tuple(model.labels):
        rep["metrics"] = classification_report(y, proba, model.labels, reliability=rel)
    else:
        rep["ranking"] = reliability_ranking(np.asarray(y, dtype=str), list(order), rel)
        rep["data"]["notes"] = [
            f"the model's classes {list(model.labels)} differ from these labels {list(order)}: "
            "reported is how its reliability orders the labels"
        ]
        cols_ = [model.labels.index(c) for c in order] if set(order) <= set(model.labels) else None
        if cols_ is not None and cols_ == sorted(cols_) and len(cols_) >= 2:
            # Labels that are some of the model's classes, in its order (weak and strong, say): the metrics
            # and the calibration plot of its probabilities restricted to those classes and renormalized.
            sub = proba[:, cols_]
            sub = sub / np.maximum(sub.sum(axis=1, keepdims=True), 1e-12)
            rep["metrics"] = classification_report(y, sub, list(order), reliability=rel)
            rep["data"]["notes"].append(
                f"metrics and calibration use the model's probabilities of {list(order)} only, renormalized "
                "to sum to 1 (what the model says, given that the sentence is one of these)"
            )
    if model.metadata.get("name") != "credscore-default":
        rep["baselines"] = {"shipped default model": _default_baseline(table, y, order)}
    return rep


def _sklearn_version() -> str:
    import sklearn

    return sklearn.__version__
