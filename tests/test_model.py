"""Model files: round trip, fast path, and refusal of foreign, corrupt and malicious files."""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest

from credscore import FEATURE_NAMES, CredibilityFeatures, ModelError, default_model, load_model
from credscore.features import SOURCING_FEATURES
from credscore.model import FORMAT_VERSION, Model, default_model_path


@pytest.fixture(scope="module")
def model() -> Model:
    return default_model()


def test_default_model_has_its_metadata(model: Model) -> None:
    meta = model.metadata
    assert meta["format"] == FORMAT_VERSION
    assert meta["feature_names"] == list(SOURCING_FEATURES)
    assert meta["labels"] == ["weak", "unattributed", "strong"]
    assert meta["credscore_version"]
    assert set(meta["training_data"]["labels"]) == {"polnear.labels.tsv"}
    assert {"polnear_dev_sourcing", "news_test_combined", "news_test_certainty"} <= set(meta["heldout_metrics"])
    assert 0.0 <= meta["combine"]["lambda"] <= 1.0


def test_fast_linear_path_equals_scikit_learn(model: Model) -> None:
    rng = np.random.default_rng(0)
    X = rng.poisson(0.7, size=(200, len(FEATURE_NAMES))).astype(float)
    real = CredibilityFeatures().fit_transform(
        ["Officials said it reportedly failed.", "The minister said so.", "Critics say it may fail.", "It rained."]
    )
    X = np.vstack([X, real])
    assert model._linear is not None
    X = model.select_features(X)
    fast = model._proba(X)
    slow = model.estimator.predict_proba(X)[:, model._order]
    np.testing.assert_allclose(fast, slow, rtol=1e-9, atol=1e-12)
    assert np.allclose(fast.sum(axis=1), 1.0)


def test_round_trip(model: Model, tmp_path: Path) -> None:
    path = model.save(tmp_path / "copy.credscore")
    again = load_model(path)
    X = CredibilityFeatures().fit_transform(["Officials said it failed.", "It rained."])
    np.testing.assert_allclose(again.predict_proba(X), model.predict_proba(X))
    assert again.metadata["heldout_metrics"] == model.metadata["heldout_metrics"]


def _rewrite(src: Path, dst: Path, *, meta_update: dict | None = None, blob: bytes | None = None) -> Path:
    with zipfile.ZipFile(src) as zf:
        meta = json.loads(zf.read("metadata.json"))
        est = zf.read("estimator.skops")
    if blob is not None:
        est = blob
        meta["estimator_sha256"] = hashlib.sha256(est).hexdigest()
    meta.update(meta_update or {})
    with zipfile.ZipFile(dst, "w") as zf:
        zf.writestr("metadata.json", json.dumps(meta))
        zf.writestr("estimator.skops", est)
    return dst


class Planted:
    """Would leave a marker file if any code of it ran while loading."""

    marker: Path | None = None

    def __setstate__(self, state: dict) -> None:  # pragma: no cover - must never run
        Path(state["marker"]).write_text("pwned")

    def __reduce__(self):  # pragma: no cover - pickle payload
        return (Path.write_text, (self.marker, "pwned"))


def test_planted_skops_payload_is_refused_without_running(tmp_path: Path) -> None:
    import skops.io as sio

    marker = tmp_path / "marker"
    evil = Planted()
    evil.marker = marker  # type: ignore[assignment]
    evil.__dict__["marker"] = str(marker)
    blob = sio.dumps(evil)
    path = _rewrite(default_model_path(), tmp_path / "evil.credscore", blob=blob)
    with pytest.raises(ModelError, match="does not trust"):
        load_model(path)
    assert not marker.exists()


def test_pickle_file_is_refused_without_running(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    evil = Planted()
    evil.marker = marker  # type: ignore[assignment]
    path = tmp_path / "model.credscore"
    path.write_bytes(pickle.dumps(evil))
    with pytest.raises(ModelError, match=r"not a zip archive.*Pickle"):
        load_model(path)
    assert not marker.exists()


def test_truncated_file(tmp_path: Path) -> None:
    data = default_model_path().read_bytes()
    path = tmp_path / "cut.credscore"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError):
        load_model(path)


def test_corrupt_estimator_fails_the_checksum(tmp_path: Path) -> None:
    src = default_model_path()
    with zipfile.ZipFile(src) as zf:
        est = bytearray(zf.read("estimator.skops"))
        meta = json.loads(zf.read("metadata.json"))
    est[-10] ^= 0xFF
    path = tmp_path / "corrupt.credscore"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("metadata.json", json.dumps(meta))
        zf.writestr("estimator.skops", bytes(est))
    with pytest.raises(ModelError, match="corrupt"):
        load_model(path)


def test_other_format_version_names_both_versions(tmp_path: Path) -> None:
    path = _rewrite(
        default_model_path(), tmp_path / "old.credscore", meta_update={"format": 0, "credscore_version": "0.0.1"}
    )
    with pytest.raises(ModelError, match=r"format 0.*reads formats 1, 2.*0\.0\.1"):
        load_model(path)


def test_format_1_files_still_load_and_score_alike(model: Model, tmp_path: Path) -> None:
    """A model written before linear.json existed is read through scikit-learn, with the same result."""
    path = _rewrite(default_model_path(), tmp_path / "v1.credscore", meta_update={"format": 1})
    old = load_model(path)
    assert old.metadata["format"] == 1 and old._estimator is not None
    X = CredibilityFeatures().fit_transform(["Officials said it failed.", "Ann Roe said it may fail.", "It rained."])
    np.testing.assert_allclose(old.predict_proba(X), model.predict_proba(X), rtol=1e-12, atol=1e-15)


def test_linear_map_is_checksummed(tmp_path: Path) -> None:
    src = default_model_path()
    with zipfile.ZipFile(src) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    linear = json.loads(parts["linear.json"])
    linear["intercept"][0] += 1.0
    path = tmp_path / "tampered.credscore"
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in parts.items():
            zf.writestr(n, json.dumps(linear) if n == "linear.json" else data)
    with pytest.raises(ModelError, match=r"linear\.json does not match the checksum"):
        load_model(path)


def test_scoring_imports_neither_scikit_learn_nor_pandas() -> None:
    """Quick start: the shipped model scores with numpy alone; scikit-learn is read only to retrain."""
    import subprocess
    import sys

    code = (
        "import sys, credscore; credscore.score('Officials said the plan may fail.'); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'skops', 'pandas', 'scipy'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_estimator_is_read_only_when_asked_for(tmp_path: Path) -> None:
    m = load_model(default_model_path())
    assert m._estimator is None
    assert list(m.estimator.classes_) == list(m._classes)


def test_feature_mismatch_says_what_differs(tmp_path: Path) -> None:
    names = [*FEATURE_NAMES[:-1], "n_emoji"]
    path = _rewrite(default_model_path(), tmp_path / "feat.credscore", meta_update={"feature_names": names})
    with pytest.raises(ModelError, match="n_emoji"):
        load_model(path)


def test_foreign_zip_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(ModelError, match="not a credscore model"):
        load_model(path)
    with pytest.raises(ModelError, match="does not exist"):
        load_model(tmp_path / "nope.credscore")
    with pytest.raises(ModelError, match="folder"):
        load_model(tmp_path)


def test_a_model_named_without_its_extension_is_found(model: Model, tmp_path: Path) -> None:
    # Found by a new user: `train -o models/desk` writes models/desk.credscore; `--model models/desk` was
    # refused with a "did you mean". The name the user gave now finds the file.
    model.save(tmp_path / "desk.credscore")
    again = load_model(tmp_path / "desk")
    assert again.metadata["heldout_metrics"] == model.metadata["heldout_metrics"]
    assert load_model("default") is default_model()
    with pytest.raises(ModelError, match=r"does not exist; pass a \.credscore file or 'default'"):
        load_model(tmp_path / "nothing")


def test_wrong_shape_is_explained(model: Model) -> None:
    with pytest.raises(ValueError, match="features"):
        model.predict_proba(np.zeros((2, 3)))
    assert model.predict_proba(np.zeros((0, len(FEATURE_NAMES)))).shape == (0, 3)


def test_save_is_atomic_and_leaves_no_temp_file(model: Model, tmp_path: Path) -> None:
    model.save(tmp_path / "m.credscore")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.credscore"]
    buf = io.BytesIO((tmp_path / "m.credscore").read_bytes())
    assert zipfile.is_zipfile(buf)


def test_a_model_reads_its_own_features_by_name(model: Model, tmp_path: Path) -> None:
    """A rule added after a model was trained adds a feature it does not read: the model still loads and
    scores the same (issue 12: a new rule is not a model-format change)."""
    from credscore.features import FEATURE_NAMES

    assert set(model.feature_names) < set(FEATURE_NAMES)  # the shipped model already ignores some
    X = CredibilityFeatures().fit_transform(["Officials said it failed.", "Ann Roe said it may fail."])
    assert X.shape[1] == len(FEATURE_NAMES)
    np.testing.assert_allclose(model.predict_proba(X), model.predict_proba(model.select_features(X)))


def test_a_model_of_an_older_feature_set_is_warned_about_what_changed() -> None:
    from credscore.model import FeatureSetWarning, _warn_feature_set

    with pytest.warns(FeatureSetWarning, match="rule_speech_verb"):
        _warn_feature_set({"feature_set": 2, "feature_names": ["n_attribution", "rule_speech_verb"]}, "old.credscore")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _warn_feature_set({"feature_set": 2, "feature_names": ["n_attribution", "src_doubt"]}, "old.credscore")
        _warn_feature_set({"feature_set": 3, "feature_names": ["rule_speech_verb"]}, "new.credscore")
        _warn_feature_set({"feature_set": None, "feature_names": ["rule_speech_verb"]}, "odd.credscore")


def test_a_verb_whose_source_was_not_found_is_still_counted_by_its_kind() -> None:
    """Feature set 3: 'said' without a source counts as a verb of saying, and src_doubt alone says that
    its source was not found (a verb-kind weight that differed by source outcome let the model rank "no
    source found" above a vague source)."""
    from credscore.cues.detector import default_detector
    from credscore.features import cue_features
    from credscore.sentences import split_sentences

    det = default_detector()
    rows = {}
    for text in ("Critics say the plant will close.", "The plant will close, said."):
        sents = split_sentences(text)
        cues, sources = det.analyze(text, sents)
        x = cue_features(sents, cues, sources, det.lexicon)[0]
        rows[text] = {n: x[i] for i, n in enumerate(FEATURE_NAMES)}
    vague, none = rows.values()
    assert vague["rule_speech_verb"] == none["rule_speech_verb"] == 1
    assert none["rule_unsourced_attribution"] == 1 and vague["rule_unsourced_attribution"] == 0
    assert (vague["src_doubt"], none["src_doubt"]) == (2, 3)
