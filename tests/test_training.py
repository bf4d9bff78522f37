"""credscore.train / evaluate and `credscore train|evaluate`: labels checked, honest reports, usable models."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import credscore
from credscore.training import LabelError, cv_splits, evaluate, resolve_labels, train

CLAIMS = ["the talks will resume next week", "the factory will close in March", "the minister plans to resign",
          "the company paid the fine", "the army moved two brigades", "the deficit doubled last year",
          "the port will reopen on Friday", "the vote was postponed"]  # fmt: skip
STRONG = ["{c}, Foreign Minister Lee Jae-sung said.", "{c}, the ministry said in a statement.",
          '"{C}," Mayor Ann Roe told reporters.']  # fmt: skip
WEAK = ["{c}, a senior official said on condition of anonymity.", "{C} reportedly, according to local media.",
        "Critics say {c}."]  # fmt: skip
PLAIN = ["{C}.", "{C} after a long debate.", "On Monday {c}."]


def labelled(n_articles: int = 8) -> pd.DataFrame:
    rows = []
    for a, (claim, frames) in enumerate(
        itertools.product(CLAIMS, [("strong", STRONG), ("weak", WEAK), ("unattributed", PLAIN)])
    ):
        label, templates = frames
        for t in templates:
            rows.append(
                {"text": t.format(c=claim, C=claim.capitalize()), "label": label, "article": f"a{a % n_articles}"}
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return labelled()


@pytest.fixture(scope="module")
def model(data: pd.DataFrame) -> credscore.Model:
    return train(data, "text", "label", group_col="article", classes=["weak", "unattributed", "strong"], name="t")


def test_report_is_cross_validated_and_complete(model: credscore.Model, data: pd.DataFrame) -> None:
    rep = model.metadata["report"]
    assert "grouped" in rep["evaluation"] and "out-of-fold" in rep["evaluation"]
    m = rep["metrics"]
    for key in ("accuracy", "macro_f1", "roc_auc", "brier", "log_loss", "confusion_matrix", "calibration", "per_class"):
        assert key in m
    assert sum(map(sum, m["confusion_matrix"]["rows_true_columns_predicted"])) == len(data)
    assert rep["data"]["rows"] == len(data) and len(rep["data"]["sha256"]) == 64
    assert rep["data"]["label_counts"] == {"weak": 24, "unattributed": 24, "strong": 24}
    assert m["accuracy"] > 0.8  # these frames are easy: the cue features separate them
    assert "shipped default model" in rep["baselines"]


def test_grouped_folds_keep_groups_apart(data: pd.DataFrame) -> None:
    y = data["label"].to_numpy()
    groups = data["article"].to_numpy()
    for tr, te in cv_splits(y, groups, 5):
        assert not set(groups[tr]) & set(groups[te])


def test_model_round_trip_and_scoring(model: credscore.Model, tmp_path: Path) -> None:
    path = model.save(tmp_path / "desk.credscore")
    again = credscore.load_model(path)
    assert again.labels == ("weak", "unattributed", "strong")
    a = credscore.score("A senior official said the port will close, reportedly.", model=again)[0]
    b = credscore.score("Foreign Minister Lee Jae-sung said the port will close.", model=again)[0]
    assert a.reliability < b.reliability
    assert again.metadata["report"] == model.metadata["report"]


def test_binary_labels_and_lexical_features(data: pd.DataFrame) -> None:
    df = data.assign(ok=(data["label"] == "strong").map({True: "sourced", False: "not"}))
    m = train(df, "text", "ok", positive="sourced", lexical=True, cv=3, C=1.0)
    assert m.labels == ("not", "sourced") and m.lexical is not None
    assert m.metadata["reliability"] == {"not": 0.0, "sourced": 1.0}
    X = credscore.training._features(df["text"].tolist()[:20], m.lexical)
    fast = m.predict_proba(X)
    slow = m.estimator.predict_proba(X)[:, m._order]
    np.testing.assert_allclose(fast, slow, rtol=1e-9, atol=1e-12)
    assert "roc_auc" in m.metadata["report"]["baselines"]["shipped default model"]


@pytest.mark.parametrize(
    ("labels", "kwargs", "match"),
    [
        (["a", None] * 15, {}, r"2?\d* row\(s\) have no label \(first at row 1\)"),
        (["x"] * 30, {"positive": "x"}, "two classes"),
        (["sourced", "unsourced"] * 15, {}, "say which is the well-sourced class.*--positive"),
        (["a", "b", "c"] * 10, {}, "give their order.*--classes"),
        (["weak", "strong", "meh"] * 10, {"classes": ["weak", "strong"]}, r"labels \['meh'\] are not among"),
        (["weak", "strong"] * 5, {}, "at least 20"),
        (["weak"] * 27 + ["strong"] * 3, {}, "too few rows.*strong"),
        (["a"] * 30, {"classes": ["a"]}, "at least two classes"),
        (["0", "1"] * 15, {"classes": ["0", "1", "2"]}, r"classes \['2'\] have no rows"),
    ],
)
def test_bad_labels_get_clear_errors(labels, kwargs, match) -> None:
    with pytest.raises(LabelError, match=match):
        resolve_labels(labels, **kwargs)


def test_label_inference() -> None:
    _, order = resolve_labels([0, 1] * 15)
    assert order == ("0", "1")
    _, order = resolve_labels([1.0, 0.0] * 15)  # pandas reads 0/1 with gaps as float
    assert order == ("0", "1")
    _, order = resolve_labels([True, False] * 15)
    assert order == ("False", "True")
    _, order = resolve_labels(["strong", "weak", "unattributed"] * 10)
    assert order == ("weak", "unattributed", "strong")


def test_data_errors(data: pd.DataFrame) -> None:
    with pytest.raises(KeyError, match="label column 'verdict' not found; columns are: text, label, article"):
        train(data, "text", "verdict")
    bad = data.copy()
    bad.loc[3, "text"] = None
    with pytest.raises(LabelError, match=r"1 row\(s\) have no text.*first at row 3"):
        train(bad, "text", "label")
    with pytest.raises(LabelError, match="group column has 1"):
        train(data.assign(article="one"), "text", "label", group_col="article")


def test_evaluate_default_model(data: pd.DataFrame) -> None:
    rep = evaluate(credscore.default_model(), data, "text", "label")
    assert rep["metrics"]["n"] == len(data) and "baselines" not in rep
    binary = data.assign(ok=(data["label"] == "strong").astype(int))
    rep = evaluate(credscore.default_model(), binary, "text", "ok")
    assert "ranking" in rep and "metrics" not in rep
    assert rep["ranking"]["roc_auc_1_vs_rest"] > 0.8


def _exe() -> str:
    return str(Path(sys.executable).parent / "credscore")


@pytest.mark.slow
def test_cli_train_and_evaluate(tmp_path: Path, data: pd.DataFrame) -> None:
    src = tmp_path / "labels.csv"
    data.to_csv(src, index=False)
    res = subprocess.run(
        [_exe(), "train", str(src), "--group-column", "article", "--classes", "weak,unattributed,strong",
         "-o", str(tmp_path / "desk")], capture_output=True, timeout=300,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr.decode()
    assert b"## Results" in res.stdout
    for name in ("desk.credscore", "desk.report.json", "desk.report.md", "desk.calibration.svg"):
        assert (tmp_path / name).exists(), name
    assert json.loads((tmp_path / "desk.report.json").read_text())["metrics"]["n"] == len(data)
    assert (tmp_path / "desk.calibration.svg").read_text().startswith("<svg")
    res = subprocess.run(
        [_exe(), "evaluate", str(tmp_path / "desk.credscore"), str(src)], capture_output=True, timeout=300
    )
    assert res.returncode == 0 and b"accuracy" in res.stdout, res.stderr.decode()
    res = subprocess.run([_exe(), "train", str(src), "--label-column", "nope", "-o", str(tmp_path / "x")],
                         capture_output=True, timeout=300)  # fmt: skip
    assert res.returncode == 1 and b"label column 'nope' not found; columns are: text, label, article" in res.stderr
