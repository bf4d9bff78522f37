"""Step 4 of the pipeline: features -> class probabilities, and the model file format.

A :class:`Model` is a fitted scikit-learn classifier over :data:`FEATURE_NAMES`
plus the metadata that travels with it: format version, credscore and
scikit-learn versions, feature names, label set, training data and its hash,
held-out metrics.

On disk a model is one zip file (``.credscore``), a *bundle* of every trained part scoring runs:
``metadata.json`` (the manifest), ``estimator.skops`` and, for the linear models credscore trains
(format 2), ``linear.json``: the whole model folded into one affine map (weights, biases,
class order, feature means) as plain numbers. Since format 3 it also holds, under ``parts/``, the
certainty model, the source typer and the uncertainty tagger (:mod:`credscore.parts`), each with its
SHA-256 in the manifest, and the manifest's ``combine`` records which certainty model the weight of
uncertainty was fitted against. A part that does not match its manifest is refused, naming both.
Files of formats 1 and 2 keep loading, with the shipped parts. Scoring reads only that, with
numpy: loading a model and scoring with it imports neither scikit-learn nor
skops, and is quick. The estimator itself is read only when something asks for
it (retraining, evaluation, :attr:`Model.estimator`).

Loading never unpickles. The estimator is read with `skops
<https://skops.readthedocs.io>`_, which only rebuilds the scikit-learn types
listed in :data:`TRUSTED_TYPES` and refuses anything else, so an untrusted model
file cannot run code; its type list is screened when the file is loaded (without
importing skops), and a file that names any other type is refused then. The
metadata records the SHA-256 of the estimator and of the linear map; a file that
does not match is refused as corrupt.

Why this module is long (~650 lines): a model and its file are one contract — what the estimator
predicts, which features it reads by name, how certainty is joined (:func:`combine`), the folded linear
map scoring uses, and the loader that checks every one of these before anything runs. Splitting the
loader from the class would put the checks away from what they protect.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .cues import CueDetector, default_detector
from .errors import ModelError
from .features import CHANGED_IN, DOUBT_LEVELS, FEATURE_NAMES, FEATURE_SET, cue_features, with_lexical
from .parts import PART_FILES, Parts, PartsError, digest, shipped_parts, shipped_parts_of
from .sentences import Sentence
from .version import __version__

__all__ = [
    "FORMAT_VERSION",
    "LABELS",
    "RELIABILITY",
    "TRUSTED_TYPES",
    "FeatureSetWarning",
    "Model",
    "ModelError",
    "ModelVersionWarning",
    "combine",
    "default_model",
    "load_model",
    "load_model_bytes",
]

#: The default model's classes, least reliable first (annotation guide, Part 1).
LABELS = ("weak", "unattributed", "strong")
#: Where each class sits on the reliability scale.
RELIABILITY = {"weak": 0.0, "unattributed": 0.5, "strong": 1.0}
#: Version of the file layout written by :meth:`Model.save`. Bump it when metadata or estimator
#: layout change incompatibly, and keep a loader for the old one. 2 (credscore 0.2): adds
#: ``linear.json``, the folded linear map scoring reads without scikit-learn. 3 (issue 19): a bundle;
#: adds ``parts/`` (certainty model, source typer, uncertainty tagger) with their digests in the manifest.
FORMAT_VERSION = 3
#: Versions :func:`load_model` reads (1: estimator only, scored through scikit-learn; 1 and 2 are scored
#: with the shipped parts).
READABLE_FORMATS = (1, 2, 3)
#: The only types skops may rebuild from a model file.
TRUSTED_TYPES = (
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._TemperatureScaling",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._data.StandardScaler",
    "sklearn.preprocessing._data.MaxAbsScaler",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.model_selection._split.GroupKFold",
    "sklearn.model_selection._split.StratifiedKFold",
    "sklearn.model_selection._split.KFold",
    "sklearn.model_selection._split.StratifiedGroupKFold",
    "sklearn.utils._metadata_requests.MetadataRequest",
    "sklearn.utils._metadata_requests.MethodMetadataRequest",
    "builtins.slice",
)
_DEFAULT_NAME = "default.credscore"
_FEATURE_INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}
#: The feature that counts attributions whose source could not be found (see Model.predict_proba).
DOUBT_FEATURE = "src_doubt"
#: Its value for an attribution whose source could not be found.
DOUBT_UNSOURCED = DOUBT_LEVELS["unsourced"]
#: The probability of ``strong`` such a sentence keeps: small enough that it is never the most probable
#: class (the others share at least 0.98), not zero, so that a wrong call costs a bounded log loss
#: (-log 0.01 = 4.6) in the held-out metrics instead of an infinite one.
DOUBT_FLOOR = 0.01
#: The doubt order by construction (annotation guide, Part 2): the sourcing reliability of a sentence lies in
#: the band of the weakest source it rests on, and the bands do not overlap, so that named > relayed through
#: a named outlet > described anonymous > vague > an attribution with no source found holds on every frame
#: for any weights a model learns. Inside its band a sentence keeps the model's reading (a monotone map, see
#: Model._doubt_order). "relayed": a named outlet's own report, or a named source reached through one (a
#: hop costs less than anonymity does). The widths are set by hand, not fitted: disjoint and in the guide's
#: order, the named band above the unattributed midpoint (0.5) and the anonymous ones below it, the gaps
#: keeping the order strict (docs/benchmarks.md §2d). A sentence with no attribution (the outlet's own voice)
#: has no band.
DOUBT_BANDS = {
    "named": (0.62, 1.0),
    "relayed": (0.40, 0.60),
    "described": (0.15, 0.38),
    "vague": (0.06, 0.145),
    "unsourced": (0.0, 0.055),
}
#: The features that tell a sentence's level; a model that reads them all gets the bands.
_BAND_FEATURES = (
    "src_doubt",
    "src_named",
    "src_outlet",
    "src_hops",
    "inh_named",
    "inh_anonymous",
    "inh_vague",
    "inh_outlet",
)


def _level_of(
    doubt: float,
    named: float,
    outlet: float,
    hops: float,
    inh_named: float,
    inh_anon: float,
    inh_vague: float,
    inh_outlet: float,
) -> str | None:
    """The :data:`DOUBT_BANDS` level of one sentence from its :data:`_BAND_FEATURES`: the weakest own source
    decides; a sentence with none takes the weakest source it inherits; None without any."""
    if doubt >= DOUBT_LEVELS["unsourced"]:
        return "unsourced"
    if doubt >= DOUBT_LEVELS["vague"]:
        return "vague"
    if doubt >= DOUBT_LEVELS["described"]:
        return "described"
    if outlet > 0 or (named > 0 and hops > 1):
        return "relayed"
    if named > 0:
        return "named"
    if inh_vague:
        return "vague"
    if inh_anon:
        return "described"
    if inh_outlet:
        return "relayed"
    if inh_named:
        return "named"
    return None


class Model:
    """A trained reliability model.

    Parameters
    ----------
    estimator : fitted scikit-learn classifier
        Predicts the labels in ``metadata["labels"]`` from :data:`FEATURE_NAMES`.
    metadata : mapping
        At least ``labels`` and ``feature_names``; :func:`load_model` fills in
        the rest from the file.
    parts : Parts, optional
        The certainty model, source typer and uncertainty tagger scored with it (default: the shipped
        ones, :func:`credscore.parts.shipped_parts`).
    """

    def __init__(self, estimator: Any, metadata: Mapping[str, Any], *, parts: Parts | None = None):
        self._parts = parts
        self._detector: CueDetector | None = None
        self._estimator = estimator
        self._load_estimator: Any = None
        classes = [str(c) for c in getattr(estimator, "classes_", metadata.get("labels", LABELS))]
        self._setup(metadata, classes)
        linear = _linear_form(estimator)
        self._linear = linear
        self._means: np.ndarray | None = None

    @classmethod
    def _from_linear(
        cls, metadata: Mapping[str, Any], linear: Mapping[str, Any], load_estimator: Any, parts: Parts | None = None
    ) -> Model:
        """A model scored by its folded linear map; ``load_estimator()`` reads the estimator when asked for."""
        self = cls.__new__(cls)
        self._parts = parts
        self._detector = None
        self._estimator = None
        self._load_estimator = load_estimator
        self._setup(metadata, [str(c) for c in linear["classes"]])
        W = np.asarray(linear["coef"], dtype=np.float64)
        b = np.asarray(linear["intercept"], dtype=np.float64)
        means = np.asarray(linear["feature_means"], dtype=np.float64)
        n, k = len(self.metadata["feature_names"]), len(self._classes)
        if W.shape != (n, k) or b.shape != (k,) or means.shape != (n,):
            raise ValueError(
                f"linear.json has weights {W.shape}, biases {b.shape}, means {means.shape}; "
                f"expected ({n}, {k}), ({k},), ({n},) for {n} features and {k} classes"
            )
        self._linear = (W, b)
        self._means = means
        return self

    @property
    def parts(self) -> Parts:
        """The certainty model, source typer and uncertainty tagger this model is scored with."""
        if self._parts is None:
            self._parts = shipped_parts()
        return self._parts

    def with_parts(self, parts: Parts) -> Model:
        """This model with other parts. Its weight of uncertainty was fitted against one certainty model:
        a different one is refused (retrain, which fits lambda again, instead)."""
        _check_combined_with(self.metadata, parts, f"model {self.metadata.get('name', 'unnamed')!r}")
        other = Model.__new__(Model)
        other.__dict__.update(self.__dict__)
        other._parts = parts
        other._detector = None
        return other

    def detector(self) -> CueDetector:
        """The cue detector with this bundle's source typer and uncertainty tagger (built once)."""
        if self._detector is None:
            p = self.parts
            shipped = p is shipped_parts() or p.is_shipped
            self._detector = default_detector() if shipped else CueDetector(typer=p.typer, tagger=p.tagger)
        return self._detector

    @property
    def estimator(self) -> Any:
        """The fitted scikit-learn estimator (read from the file on first use; scoring does not need it)."""
        if self._estimator is None and self._load_estimator is not None:
            self._estimator = self._load_estimator()
            self._load_estimator = None
        return self._estimator

    def _setup(self, metadata: Mapping[str, Any], est_classes: list[str]) -> None:
        self.metadata: dict[str, Any] = dict(metadata)
        self.metadata.setdefault("feature_names", list(FEATURE_NAMES))
        self.metadata.setdefault("labels", list(LABELS))
        self.labels: tuple[str, ...] = tuple(self.metadata["labels"])
        # The model reads its own feature names, by name, out of everything this version computes:
        # features added later are ignored; a feature it needs that is not computed is an error.
        lacking = [f for f in self.metadata["feature_names"] if f not in _FEATURE_INDEX]
        if lacking:
            raise ModelError(
                f"the model reads feature(s) {lacking[:8]} that this credscore ({__version__}, feature set "
                f"{FEATURE_SET}) does not compute; it was trained with feature set "
                f"{self.metadata.get('feature_set', 1)} (credscore {self.metadata.get('credscore_version', '?')}). "
                "Retrain it with this version (credscore train) or use the version that wrote it"
            )
        self._cols = np.asarray([_FEATURE_INDEX[f] for f in self.metadata["feature_names"]], dtype=np.intp)
        self._all_features = len(self._cols) == len(FEATURE_NAMES) and bool(
            np.array_equal(self._cols, np.arange(len(FEATURE_NAMES)))
        )
        values = self.metadata.get("reliability") or {k: RELIABILITY[k] for k in self.labels}
        self.metadata["reliability"] = dict(values)
        self._classes = est_classes
        missing = set(self.labels) - set(est_classes)
        if missing:
            raise ModelError(
                f"the estimator does not predict the label(s) {sorted(missing)}; it predicts {est_classes}"
            )
        # Column order of predict_proba -> order of self.labels.
        self._order = np.asarray([est_classes.index(lab) for lab in self.labels])
        self._values = np.asarray([values[lab] for lab in self.labels], dtype=np.float64)
        # Fail toward doubt (see predict_proba): which column counts attributions without a source.
        names = list(self.metadata["feature_names"])
        self._doubt = (
            names.index(DOUBT_FEATURE) if DOUBT_FEATURE in names and {"strong", "weak"} <= set(self.labels) else None
        )
        self._band_cols = (
            [names.index(f) for f in _BAND_FEATURES]
            if self._doubt is not None and all(f in names for f in _BAND_FEATURES)
            else None
        )

    @property
    def feature_names(self) -> tuple[str, ...]:
        """The cue features the model reads (:data:`credscore.FEATURE_NAMES`)."""
        return tuple(self.metadata["feature_names"])

    @property
    def lexical(self) -> dict[str, Any] | None:
        """Settings of the hashed n-gram block, or None for a cue-only model."""
        return self.metadata.get("lexical")

    @property
    def feature_means(self) -> np.ndarray:
        """Mean of each cue feature over the training data (zeros if the scaler did not centre)."""
        if self._means is None:
            self._means = _feature_means(self.estimator, len(self.feature_names))
        return self._means

    @property
    def n_features(self) -> int:
        lex = self.lexical
        return len(self.feature_names) + (int(lex["n_features"]) if lex else 0)

    def featurize(
        self,
        sentences: Sequence[Sentence],
        cues: Sequence[Sequence[Any]],
        sources: Sequence[Sequence[Any]] | None = None,
        lexicon: Any = None,
        *,
        certainty: Any = None,
    ) -> Any:
        """The model's input for sentences, their cues and sources: the cue features it reads, plus
        hashed n-grams if it uses them (``certainty``: the sentences' certainty matrix, if known)."""
        X = self.select_features(cue_features(sentences, cues, sources, lexicon, certainty=certainty))
        return with_lexical(X, [s.text for s in sentences], self.lexical) if self.lexical else X

    def select_features(self, X: Any) -> Any:
        """The columns this model reads, from a matrix of every feature (:data:`FEATURE_NAMES`)."""
        return X if self._all_features else X[:, self._cols]

    def _select_full(self, X: Any) -> Any:
        """:meth:`select_features` for a matrix of every cue feature followed by the model's n-gram block."""
        n = len(FEATURE_NAMES)
        if X.shape[1] == n:
            return X[:, self._cols]
        import scipy.sparse as sp

        return sp.hstack([X[:, :n][:, self._cols], X[:, n:]], format="csr")

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities, columns in the order of :attr:`labels`, with the fail-toward-doubt policy
        applied (see :meth:`_fail_toward_doubt`).

        ``X`` as made by :meth:`featurize` (a dense array for cue-only models,
        a sparse matrix with the n-gram block otherwise).
        """
        if not hasattr(X, "tocsr"):
            X = np.asarray(X, dtype=np.float64)
        if (
            X.ndim == 2
            and not self._all_features
            and X.shape[1] == self.n_features - len(self._cols) + len(FEATURE_NAMES)
        ):
            X = self._select_full(X)  # every feature given: take this model's own
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ValueError(
                f"X has shape {X.shape}; this model reads {self.n_features} features "
                "(credscore.features.FEATURE_NAMES" + (" and hashed n-grams)" if self.lexical else ")")
            )
        if X.shape[0] == 0:
            return np.zeros((0, len(self.labels)))
        proba = self._proba(X)
        if self._doubt is not None:
            self._fail_toward_doubt(X, proba)
        if self._band_cols is not None:
            self._doubt_order(X, proba)
        return proba

    def levels(self, X: Any) -> list[str | None]:
        """The level of :data:`DOUBT_BANDS` each row of ``X`` rests on (None: no attribution, or a model
        that does not read the source features)."""
        if self._band_cols is None:
            return [None] * X.shape[0]
        return [_level_of(*row) for row in self._band_features(X).tolist()]

    def _band_features(self, X: Any) -> np.ndarray:
        F = X[:, self._band_cols]
        return np.asarray(F.toarray() if hasattr(F, "toarray") else F)

    def _doubt_order(self, X: Any, proba: np.ndarray) -> None:
        """Move each row's reliability into its level's band (:data:`DOUBT_BANDS`), monotonically: above the
        band, probability moves to the least reliable class; below it, to the most reliable one, each in
        proportion, so the order of two rows of one level is kept and rows of different levels are ordered
        by level whatever the weights. Only rows with source evidence are read (most sentences have none)."""
        F = self._band_features(X)
        rows = np.flatnonzero(F.any(axis=1))
        if not rows.size:
            return
        lo_c, hi_c = int(np.argmin(self._values)), int(np.argmax(self._values))
        v_lo, v_hi = float(self._values[lo_c]), float(self._values[hi_c])
        rel = (proba[rows] @ self._values).tolist()
        for i, feats, r in zip(rows.tolist(), F[rows].tolist(), rel, strict=True):
            level = _level_of(*feats)
            if level is None:
                continue
            lo, hi = DOUBT_BANDS[level]
            if r > hi and r > v_lo:
                t = (r - hi) / (r - v_lo)
                proba[i] *= 1.0 - t
                proba[i, lo_c] += t
            elif r < lo and r < v_hi:
                t = (lo - r) / (v_hi - r)
                proba[i] *= 1.0 - t
                proba[i, hi_c] += t

    def _proba(self, X: Any) -> np.ndarray:
        """The estimator's probabilities (by the folded linear form when there is one), in label order."""
        if self._linear is not None:
            W, b = self._linear
            z = np.asarray(X @ W) + b
            z -= z.max(axis=1, keepdims=True)
            np.exp(z, out=z)
            z /= z.sum(axis=1, keepdims=True)
            proba = z
        else:
            proba = self.estimator.predict_proba(X)
        return proba[:, self._order]

    def _fail_toward_doubt(self, X: Any, proba: np.ndarray) -> None:
        """A sentence with an attribution whose source could not be found is never ``strong``: its
        probability of ``strong`` moves to ``weak`` (all but :data:`DOUBT_FLOOR`). Not knowing who said it
        is the bottom of the source hierarchy, below a vague source (annotation guide, Part 2)."""
        col = X[:, self._doubt]
        unsure = np.flatnonzero(
            np.asarray(col.toarray() if hasattr(col, "toarray") else col).ravel() >= DOUBT_UNSOURCED
        )
        if unsure.size:
            s, w = self.labels.index("strong"), self.labels.index("weak")
            keep = np.minimum(proba[unsure, s], DOUBT_FLOOR)
            proba[unsure, w] += proba[unsure, s] - keep
            proba[unsure, s] = keep

    @property
    def combines(self) -> bool:
        """Does the model join certainty to its sourcing probabilities (the default model and, since format 3,
        every model ``credscore.train`` fits)?"""
        return "combine" in self.metadata and len(self.labels) >= 2

    def combine(self, proba: np.ndarray, certainty: Any, severity: Any = None, belief: Any = None) -> np.ndarray:
        """Sourcing probabilities joined with certainty (:func:`combine`); unchanged for a model that does not."""
        if not self.combines:
            return proba
        settings = self.metadata["combine"]
        lam = float(settings["lambda"])
        # A model fitted since format 3 records whether its labels lower a belief attributed to a source.
        belief = belief if settings.get("belief", True) else None
        return combine(proba, np.asarray(certainty, dtype=np.float64), lam, self.labels, severity, belief,
                       values=self._values)  # fmt: skip

    def reliability(self, proba: np.ndarray) -> np.ndarray:
        """Expected reliability: the class probabilities weighted by each class's value."""
        return np.clip(proba @ self._values, 0.0, 1.0)

    def save(self, path: str | Path) -> Path:
        """Write the model to ``path`` (a ``.credscore`` zip); returns the path."""
        import skops.io as sio

        path = Path(path)
        blob = sio.dumps(self.estimator)
        meta = dict(self.metadata)
        meta["format"] = FORMAT_VERSION
        meta.setdefault("credscore_version", __version__)
        meta["estimator_sha256"] = hashlib.sha256(blob).hexdigest()
        linear = None
        if self._linear is not None:
            W, b = self._linear
            linear = json.dumps({"classes": list(self._classes), "coef": W.tolist(), "intercept": b.tolist(),
                                 "feature_means": self.feature_means.tolist()}).encode("utf-8")  # fmt: skip
            meta["linear_sha256"] = hashlib.sha256(linear).hexdigest()
        else:
            meta.pop("linear_sha256", None)
        parts = self.parts
        _check_combined_with(meta, parts, str(path))
        meta["parts"] = {name: {"file": f"parts/{PART_FILES[name]}", "sha256": parts.digests[name]}
                         for name in parts.blobs}  # fmt: skip
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("metadata.json", json.dumps(meta, indent=2, sort_keys=True))
            zf.writestr("estimator.skops", blob)
            if linear is not None:
                zf.writestr("linear.json", linear)
            for name, data in parts.blobs.items():
                # The tagger is compressed already; deflating it again only costs time.
                kind = zipfile.ZIP_STORED if PART_FILES[name].endswith(".npz") else zipfile.ZIP_DEFLATED
                zf.writestr(f"parts/{PART_FILES[name]}", data, compress_type=kind)
        tmp.replace(path)
        return path

    def __repr__(self) -> str:
        name = self.metadata.get("name", "unnamed")
        return f"Model({name!r}, labels={list(self.labels)}, credscore={self.metadata.get('credscore_version')})"


def combine(
    proba: np.ndarray,
    certainty: np.ndarray,
    lam: float,
    labels: Sequence[str],
    severity: Any = None,
    belief: Any = None,
    *,
    values: Any = None,
) -> np.ndarray:
    """Join sourcing and certainty: a claim is weak when its sourcing is weak *or* it is uncertain.

    With ``c`` the certainty, ``lam`` the weight of uncertainty (fitted, see the model's metadata
    ``combine``) and ``sev`` the severity of the sentence's uncertainty (:data:`credscore.certainty.SEVERITY`;
    1 by default), ``c' = 1 - lam * sev * (1 - c)`` is the chance uncertainty leaves the claim as firm as
    its sourcing: P(strong) = c' P_s(strong), P(unattributed) = c' P_s(unattributed), P(weak) = the rest.
    The reliability (the expected class value) is then ``c'`` times the sourcing reliability. Where a
    belief is attributed to a source (``belief``: "the mayor thinks ..."), the source stands behind the
    belief, not the claim: its ``strong`` probability counts as ``unattributed`` first.

    Any other ordered classes (a model trained on a user's labels) are joined the same way: ``values``
    gives each class's place on the reliability scale (default :data:`RELIABILITY`); every class but the
    least reliable keeps ``c'`` of its probability and the least reliable takes the rest; a belief moves
    the most reliable class's probability to the next one down (with two classes there is none below but
    the least reliable, and a belief changes nothing).
    """
    out = np.array(proba, dtype=np.float64, copy=True)
    vals = np.asarray([RELIABILITY[lab] for lab in labels] if values is None else values, dtype=np.float64)
    rank = np.argsort(vals, kind="stable")
    w, s = int(rank[0]), int(rank[-1])
    sev = np.ones(len(out)) if severity is None else np.asarray(severity, dtype=np.float64)
    if belief is not None and len(rank) >= 3:
        u = int(rank[-2])
        b = np.asarray(belief, dtype=bool)
        out[b, u] += out[b, s]
        out[b, s] = 0.0
    keep = 1.0 - lam * sev * (1.0 - np.clip(certainty, 0.0, 1.0))
    rest = [int(k) for k in rank[1:]]
    out[:, rest] *= keep[:, None]
    out[:, w] = 1.0 - out[:, rest].sum(axis=1)
    return out


def _linear_form(est: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """Fold a temperature-calibrated scaler + logistic regression into one affine map.

    ``softmax(beta * logits((x / scale - mean / scale) @ coef.T + intercept))``
    equals ``softmax(x @ W + b)``, so scoring costs one matrix product. For two
    classes scikit-learn's logits are ``(-d, d)`` of the one decision value
    ``d``. Returns None for any other estimator, which is then called as it is.
    ``tests/test_model.py`` checks both paths give the same probabilities.
    """
    try:
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import MaxAbsScaler, StandardScaler
    except ImportError:  # pragma: no cover
        return None
    if not isinstance(est, CalibratedClassifierCV) or est.method != "temperature":
        return None
    if len(est.calibrated_classifiers_) != 1:
        return None
    cc = est.calibrated_classifiers_[0]
    pipe = cc.estimator
    if not isinstance(pipe, Pipeline) or len(pipe.steps) != 2:
        return None
    scaler, lr = pipe.steps[0][1], pipe.steps[1][1]
    if not isinstance(lr, LogisticRegression):
        return None
    coef = np.asarray(lr.coef_, dtype=np.float64)
    intercept = np.asarray(lr.intercept_, dtype=np.float64)
    n_in = coef.shape[1]
    if isinstance(scaler, StandardScaler):
        mean = scaler.mean_ if scaler.with_mean else np.zeros(n_in)
        scale = scaler.scale_ if scaler.with_std else np.ones(n_in)
    elif isinstance(scaler, MaxAbsScaler):
        mean, scale = np.zeros(n_in), scaler.scale_
    else:
        return None
    beta = float(cc.calibrators[0].beta_)
    if coef.shape[0] == 1 and len(est.classes_) == 2:
        coef = np.vstack([-coef[0], coef[0]])  # logits (-d, d)
        intercept = np.asarray([-intercept[0], intercept[0]])
    if coef.shape[0] != len(est.classes_):
        return None
    W = (coef / scale).T * beta
    b = beta * (intercept - (mean / scale) @ coef.T)
    # The columns follow est.classes_; Model reorders them to its labels.
    return W, b


def _feature_means(est: Any, n: int) -> np.ndarray:
    try:
        scaler = est.calibrated_classifiers_[0].estimator.steps[0][1]
        mean = getattr(scaler, "mean_", None)
        if mean is not None and getattr(scaler, "with_mean", False):
            return np.asarray(mean[:n], dtype=np.float64)
    except (AttributeError, IndexError):
        pass
    return np.zeros(n)


def model_file(path: str | Path) -> Path:
    """The model file a user means by ``path``: the path itself, or, when it does not exist, the same
    name with ``.credscore`` added, if that exists."""
    path = Path(path)
    if not path.exists() and path.suffix != ".credscore" and path.with_name(path.name + ".credscore").is_file():
        return path.with_name(path.name + ".credscore")
    return path


def load_model(path: str | Path) -> Model:
    """Load a model without executing any code from its file.

    Parameters
    ----------
    path : str or Path
        ``"default"`` for the shipped model, or a ``.credscore`` file. A name without the suffix finds
        the file with it (``credscore train -o models/desk`` writes ``models/desk.credscore``, and
        ``load_model("models/desk")`` reads it).

    Raises
    ------
    ModelError
        The file is not a credscore model, is corrupt, has an unsupported
        format version, holds types that are not trusted, or was trained on
        features this version of credscore does not compute.
    """
    if str(path) == "default":
        return default_model()
    path = model_file(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ModelError(
            f"model file {str(path)!r} does not exist; pass a .credscore file or 'default' for the shipped model"
        ) from None
    except IsADirectoryError:
        raise ModelError(f"{str(path)!r} is a folder; pass the .credscore file inside it") from None
    return load_model_bytes(data, str(path))


def load_model_bytes(data: bytes, where: str) -> Model:
    """:func:`load_model` for a model file's bytes already read (``where`` names it in errors), e.g. to load
    exactly the bytes whose digest a resumable job records."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if not {"metadata.json", "estimator.skops"} <= names:
                raise ModelError(
                    f"{where} is a zip file but not a credscore model (it holds {sorted(names)[:5]}); "
                    "expected metadata.json and estimator.skops"
                )
            meta = json.loads(zf.read("metadata.json").decode("utf-8"))
            blob = zf.read("estimator.skops")
            linear_bytes = zf.read("linear.json") if "linear.json" in names else None
            part_bytes = {n: zf.read(f"parts/{f}") for n, f in PART_FILES.items() if f"parts/{f}" in names}
    except zipfile.BadZipFile:
        raise ModelError(
            f"{where} is not a credscore model file (not a zip archive; truncated or another format?). "
            "Pickle/joblib files are not loaded, because loading them can run code"
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{where}: metadata.json is not valid JSON ({exc})") from None
    except (zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise ModelError(f"{where}: cannot read the archive ({exc}); the file may be truncated") from None
    if not isinstance(meta, dict):
        raise ModelError(f"{where}: metadata.json must hold an object")
    fmt = meta.get("format")
    if fmt not in READABLE_FORMATS:
        raise ModelError(
            f"{where} has model format {fmt!r}; this credscore ({__version__}) reads formats "
            f"{', '.join(map(str, READABLE_FORMATS))}. It was written by credscore "
            f"{meta.get('credscore_version', '?')}; retrain it or use that version"
        )
    if hashlib.sha256(blob).hexdigest() != meta.get("estimator_sha256"):
        raise ModelError(f"{where}: the estimator does not match the checksum in its metadata; the file is corrupt")
    names = meta.get("feature_names")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ModelError(f"{where}: metadata 'feature_names' must be a list of feature names")
    lacking = [n for n in names if n not in _FEATURE_INDEX]
    if lacking:
        raise ModelError(
            f"{where} reads feature(s) {lacking[:8]} that this credscore ({__version__}, feature set {FEATURE_SET}) "
            f"does not compute; it was trained with feature set {meta.get('feature_set', 1)} by credscore "
            f"{meta.get('credscore_version', '?')}. Retrain it with this version (credscore train) or use the "
            "version that wrote it"
        )
    lex = meta.get("lexical")
    if lex is not None and not _valid_lexical(lex):
        raise ModelError(f"{where}: metadata 'lexical' is {lex!r}; expected n_features <= 2**22 and an n-gram range")
    untrusted = _untrusted_types(blob, where)
    if untrusted:
        raise ModelError(
            f"{where} contains types that credscore does not trust and will not load: {untrusted[:6]}. "
            "A credscore model holds only scikit-learn calibration, scaling and linear-model types"
        )

    def read_estimator() -> Any:
        import skops.io as sio

        _warn_sklearn_version(meta, where)
        try:
            untrusted = [t for t in sio.get_untrusted_types(data=blob) if t not in TRUSTED_TYPES]
        except Exception as exc:  # skops raises several types on malformed input
            raise ModelError(f"{where}: the estimator cannot be read ({type(exc).__name__}: {exc})") from None
        if untrusted:
            raise ModelError(
                f"{where} contains types that credscore does not trust and will not load: {untrusted[:6]}. "
                "A credscore model holds only scikit-learn calibration, scaling and linear-model types"
            )
        try:
            return sio.loads(blob, trusted=list(TRUSTED_TYPES))
        except Exception as exc:
            raise ModelError(f"{where}: the estimator cannot be read ({type(exc).__name__}: {exc})") from None

    _warn_feature_set(meta, where)
    parts = _read_parts(meta, part_bytes, where) if fmt >= 3 else None
    if linear_bytes is not None:
        if hashlib.sha256(linear_bytes).hexdigest() != meta.get("linear_sha256"):
            raise ModelError(f"{where}: linear.json does not match the checksum in its metadata; the file is corrupt")
        try:
            linear = json.loads(linear_bytes.decode("utf-8"))
            return Model._from_linear(meta, linear, read_estimator, parts)
        except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{where}: linear.json does not fit the metadata ({exc})") from None
    estimator = read_estimator()
    try:
        return Model(estimator, meta, parts=parts)
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{where}: the metadata does not fit the estimator ({exc})") from None


def _read_parts(meta: Mapping[str, Any], found: Mapping[str, bytes], where: str) -> Parts:
    """The parts of a format-3 bundle, each checked against the digest its manifest records."""
    manifest = meta.get("parts")
    if not isinstance(manifest, dict) or set(manifest) != set(PART_FILES):
        raise ModelError(
            f"{where}: metadata 'parts' must list {sorted(PART_FILES)} with their sha256; the file is corrupt"
        )
    digests = {}
    for name, file in PART_FILES.items():
        if name not in found:
            raise ModelError(f"{where} lacks its part parts/{file} (its {name.replace('_', ' ')}); the file is corrupt")
        want = manifest[name].get("sha256") if isinstance(manifest[name], dict) else None
        have = digests[name] = digest(found[name])
        if have != want:
            raise ModelError(
                f"{where}: part parts/{file} (sha256 {have[:12]}) does not match its bundle, whose manifest "
                f"records sha256 {str(want)[:12]}; the part was replaced or the file is corrupt. Save the model "
                "again with the parts it was trained with (Model.save), or retrain it"
            )
    # The shipped parts (the default model's, and most retrained models'): the objects scoring already
    # uses, not a second copy of each (the tagger alone is 68,000 weights). Told by their bytes, which
    # the digests above have checked: the shipped files are not hashed again.
    shipped = shipped_parts_of(found, digests)
    if shipped is not None:
        parts = shipped
    else:
        try:
            parts = Parts.from_bytes(found)
        except PartsError as exc:
            raise ModelError(f"{where}: {exc}") from None
    _check_combined_with(meta, parts, where)
    return parts


def _check_combined_with(meta: Mapping[str, Any], parts: Parts, where: str) -> None:
    """Refuse parts whose certainty model is not the one the weight of uncertainty was fitted against."""
    fitted = (meta.get("combine") or {}).get("certainty_sha256")
    have = parts.digests["certainty"]
    if fitted is not None and fitted != have:
        raise ModelError(
            f"{where}: its weight of uncertainty (combine.lambda) was fitted against the certainty model with "
            f"sha256 {fitted[:12]}, but the certainty model given is sha256 {have[:12]}. Retrain the model with "
            "this certainty model (credscore.train(..., certainty=...)), or keep the one it was fitted with"
        )


#: Types a skops file may hold besides :data:`TRUSTED_TYPES`: containers, strings and numpy arrays.
_PLAIN_NODES = frozenset({"DictNode", "ListNode", "TupleNode", "JsonNode", "NdArrayNode"})
_PLAIN_TYPES = frozenset(
    f"{m}.{c}" for m, c in (("builtins", t) for t in ("dict", "list", "tuple", "str", "int", "float", "bool",
                                                       "NoneType", "slice"))
)  # fmt: skip


def _untrusted_types(blob: bytes, where: str) -> list[str]:
    """Every type the skops file names that is not plainly data or in :data:`TRUSTED_TYPES`.

    Read from its ``schema.json`` without importing skops (which is slow to import): a screen at load
    time, so that a planted type is refused at once. skops repeats the check when it reads the estimator.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            schema = json.loads(zf.read("schema.json").decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, UnicodeDecodeError, OSError, EOFError) as exc:
        raise ModelError(f"{where}: the estimator cannot be read ({type(exc).__name__}: {exc})") from None
    found: list[str] = []
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "__class__" in node or "__loader__" in node:
                name = f"{node.get('__module__')}.{node.get('__class__')}"
                plain = node.get("__loader__") in _PLAIN_NODES and str(node.get("__module__")) in ("builtins", "numpy")
                if not plain and name not in TRUSTED_TYPES and name not in _PLAIN_TYPES and name not in found:
                    found.append(name)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


class ModelVersionWarning(UserWarning):
    """The model was trained with another scikit-learn version than the one installed."""


class FeatureSetWarning(UserWarning):
    """The model was trained with an older feature set, in which some of the features it reads meant
    something slightly different."""


def _warn_feature_set(meta: Mapping[str, Any], where: str) -> None:

    trained = meta.get("feature_set", 1)
    if not isinstance(trained, int) or isinstance(trained, bool):
        return  # not a number: nothing to compare (the feature names are checked on their own)
    changed = sorted(
        {f for version, names in CHANGED_IN.items() if trained < version for f in names}
        & set(meta.get("feature_names") or ())
    )
    if changed:
        import warnings

        warnings.warn(
            f"{where} was trained with feature set {trained}; in this credscore (feature set {FEATURE_SET}) "
            f"{', '.join(changed)} also count attribution verbs whose source could not be found. Sentences "
            "with such verbs may score differently; retrain it with this version (credscore train) to be sure",
            FeatureSetWarning,
            stacklevel=4,  # the caller of load_model
        )


def _warn_sklearn_version(meta: dict[str, Any], where: str) -> None:
    trained = meta.get("sklearn_version")
    if not trained:
        return
    try:
        from importlib.metadata import version

        installed = version("scikit-learn")
    except Exception:  # pragma: no cover - scikit-learn is a dependency
        return
    if installed.split(".")[:2] != str(trained).split(".")[:2]:
        import warnings

        warnings.warn(
            f"{where} was trained with scikit-learn {trained}; this is scikit-learn {installed}. Its scores may "
            "differ slightly; retrain it with this version (credscore train) to be sure",
            ModelVersionWarning,
            stacklevel=3,
        )


def _valid_lexical(lex: object) -> bool:
    if not isinstance(lex, dict):
        return False
    n, rng = lex.get("n_features"), lex.get("ngram_range")
    return (
        isinstance(n, int) and 1 <= n <= 2**22
        and isinstance(rng, list) and len(rng) == 2 and all(isinstance(v, int) for v in rng)
        and 1 <= rng[0] <= rng[1] <= 3
    )  # fmt: skip


_DEFAULT: Model | None = None


def default_model_path() -> Path:
    """Where the shipped default model is: inside the installed package, or in
    the source tree's ``models/`` when running from a checkout."""
    packaged = resources.files("credscore").joinpath("_models", _DEFAULT_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[1] / "models" / _DEFAULT_NAME
    if checkout.is_file():
        return checkout
    raise ModelError(
        "the default model is missing from this installation; reinstall credscore "
        "(pip install --force-reinstall credscore) or pass a model file: score(text, model=load_model(path))"
    )


def default_model() -> Model:
    """The shipped default model, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_model(default_model_path())
    return _DEFAULT
