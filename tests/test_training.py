"""credscore.train / evaluate and `credscore train|evaluate`: labels checked, honest reports, usable models."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import run

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
    texts = df["text"].tolist()[:20]
    X = credscore.training._model_matrix(credscore.Pipeline.unfitted().table(texts).X, texts, m.lexical)
    fast = m.predict_proba(X)
    slow = m.estimator.predict_proba(X)[:, m._order]
    np.testing.assert_allclose(fast, slow, rtol=1e-9, atol=1e-12)
    assert "roc_auc" in m.metadata["report"]["baselines"]["shipped default model"]


@pytest.mark.parametrize(
    ("labels", "kwargs", "match"),
    [
        (["a", None] * 15, {}, r"2?\d* row\(s\) have no label \(first at row 1, counting the first data row as 0\)"),
        (["x"] * 30, {"positive": "x"}, "two classes"),
        # Regression (issue 12): the suggestion was the alphabetically last label, "unsourced", which inverts.
        (
            ["sourced", "unsourced"] * 15,
            {},
            r"say which one means well sourced, probably positive='sourced'$",
        ),
        (["A", "B"] * 15, {}, r"positive='A' or positive='B'"),
        (["a", "b", "c"] * 10, {}, r"give their order.*classes=\['a', 'b', 'c'\]"),
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


@pytest.mark.slow
def test_cli_train_and_evaluate(tmp_path: Path, data: pd.DataFrame) -> None:
    src = tmp_path / "labels.csv"
    data.to_csv(src, index=False)
    res = run("train", str(src), "--group-column", "article", "--classes", "weak,unattributed,strong",
              "-o", str(tmp_path / "desk"))  # fmt: skip
    assert res.returncode == 0, res.stderr.decode()
    assert b"## Results" in res.stdout
    for name in ("desk.credscore", "desk.report.json", "desk.report.md", "desk.calibration.svg"):
        assert (tmp_path / name).exists(), name
    assert json.loads((tmp_path / "desk.report.json").read_text())["metrics"]["n"] == len(data)
    assert (tmp_path / "desk.calibration.svg").read_text().startswith("<svg")
    res = run("evaluate", str(tmp_path / "desk"), str(src))  # the name train was given finds the file
    assert res.returncode == 0 and b"accuracy" in res.stdout, res.stderr.decode()
    res = run("train", str(src), "--label-column", "nope", "-o", str(tmp_path / "x"))
    assert res.returncode == 1 and b"label column 'nope' not found in " in res.stderr
    assert b"columns are: text, label, article; pass --label-column NAME" in res.stderr


@pytest.mark.parametrize(
    ("label", "match"),
    [
        ("poorly sourced", r"label 'poorly sourced' cannot name.*rename it in the label column 'ok'.*'poorly_sourced'"),
        ("sentences", r"label 'sentences' would make the output column 'n_sentences'.*'sentences_label'"),
        ("hedge", r"label 'hedge' would make the output column 'n_hedge'"),
        ("-well_sourced", r"label '-well_sourced' cannot name.*'minus_well_sourced'"),  # never the other label
    ],
)
def test_regression_label_that_cannot_name_a_column_is_refused_at_train_time(
    data: pd.DataFrame, label: str, match: str
) -> None:
    # Such a model trained fine, then `credscore score-file --model` died: p_<label> is not a column name.
    df = data.assign(ok=(data["label"] == "strong").map({True: "well_sourced", False: label}))
    with pytest.raises(LabelError, match=match):
        train(df, "text", "ok", positive="well_sourced", cv=2, C=1.0)


def test_regression_class_in_one_group_gets_a_label_error(data: pd.DataFrame) -> None:
    # Every 'weak' row in one article: scikit-learn failed with "Only 2 class/es in training fold".
    one = data.copy()
    one.loc[one["label"] == "weak", "article"] = "solo"
    with pytest.raises(LabelError, match=r"class 'weak' is in only 1 of the 9 groups of 'article' \(24 rows\)") as e:
        train(one, "text", "label", group_col="article", classes=["weak", "unattributed", "strong"])
    assert "more groups" in str(e.value) and "(group_col=None)" in str(e.value)
    assert "fewer folds" not in str(e.value)  # with one group, fewer folds cannot help
    two = data.copy()
    weak = two["label"] == "weak"
    two.loc[weak, "article"] = ["g1"] * 23 + ["g2"]  # two groups, but one of them holds a single row
    with pytest.raises(LabelError, match=r"class 'weak' is in only 2 of .* trains on [01] row\(s\) of it"):
        train(two, "text", "label", group_col="article", classes=["weak", "unattributed", "strong"], cv=3)


def test_regression_class_too_small_for_the_folds_gets_a_label_error(data: pd.DataFrame) -> None:
    # Two 'weak' rows in 2 folds: each fold trained on one, and the inner calibration split failed in scikit-learn.
    df = pd.concat([data[data["label"] != "weak"], data[data["label"] == "weak"].head(2)], ignore_index=True)
    with pytest.raises(LabelError, match=r"class 'weak' has only 2 rows, so fold \d of the 2-fold .* more 'weak'"):
        train(df, "text", "label", classes=["weak", "unattributed", "strong"], cv=2)


def test_regression_cli_train_class_in_one_group_is_one_line(tmp_path: Path, data: pd.DataFrame) -> None:
    src = tmp_path / "labels.csv"
    one = data.copy()
    one.loc[one["label"] == "weak", "article"] = "solo"
    one.to_csv(src, index=False)
    res = run("train", str(src), "--group-column", "article", "--classes", "weak,unattributed,strong",
              "-o", str(tmp_path / "desk"))  # fmt: skip
    err = res.stderr.decode()
    assert res.returncode == 1 and "Traceback" not in err, err
    assert err.startswith("credscore: class 'weak' is in only 1 of the 9 groups") and len(err.splitlines()) == 1
    assert not (tmp_path / "desk.credscore").exists()


def test_a_class_in_fewer_groups_than_folds_trains_without_warnings(data: pd.DataFrame) -> None:
    # Found by a new user: a class in 3 of 8 groups left some validation folds without it, and model
    # selection printed scikit-learn's "Scoring failed" tracebacks as warnings.
    import warnings

    df = data.copy()
    plain = df["label"] == "unattributed"
    df.loc[plain, "article"] = [f"a{i % 3}" for i in range(int(plain.sum()))]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = train(df, "text", "label", group_col="article", classes=["weak", "unattributed", "strong"], cv=5)
    assert all(np.isfinite(v) for v in m.metadata["model_selection"]["cv_log_loss"].values())


def test_the_default_training_keeps_the_guides_doubt_order() -> None:
    """tools.default_training.constrain_doubt: whatever the data says, each src_doubt level moves a sentence
    toward weak by at least the margin; a weight that already does is kept."""
    from credscore.training import fit_estimator
    from tools.default_training import constrain_doubt

    rng = np.random.default_rng(0)
    n = 600
    doubt = rng.integers(0, 4, n).astype(float)
    other = rng.normal(size=n)
    # Labels that make more doubt look *stronger*: the order the guide forbids.
    y = np.where(doubt + rng.normal(scale=0.5, size=n) > 1.5, "strong", np.where(other > 0, "unattributed", "weak"))
    X = np.column_stack([doubt, other])
    splits = cv_splits(y, np.arange(n) % 30, 3)
    est, _ = fit_estimator(X, y, splits, C=1.0)
    report = constrain_doubt(est, ["src_doubt", "other"], margin=0.25)
    assert report["learned"]["strong"] < 0.25  # the data ordered them the other way
    assert all(v >= 0.25 - 1e-9 for v in report["set"].values())
    lr, sd = (
        est.calibrated_classifiers_[0].estimator["clf"],
        est.calibrated_classifiers_[0].estimator["scale"].scale_[0],
    )
    classes = list(est.classes_)
    w = classes.index("weak")
    for c in range(len(classes)):
        if c != w:
            assert (lr.coef_[w, 0] - lr.coef_[c, 0]) / sd >= 0.25 - 1e-9
    again = constrain_doubt(est, ["src_doubt", "other"], margin=0.25)
    assert again["learned"] == again["set"]  # already in order: left as it is
