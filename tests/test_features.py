"""CredibilityFeatures: scikit-learn's common estimator checks and the feature contract."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.utils.estimator_checks import parametrize_with_checks

from credscore import FEATURE_NAMES, CredibilityFeatures


@parametrize_with_checks([CredibilityFeatures(), CredibilityFeatures(disabled_rules=("epistemic_cue",))])
def test_sklearn_common_checks(estimator, check) -> None:
    check(estimator)


def column(X: np.ndarray, name: str) -> np.ndarray:
    return X[:, FEATURE_NAMES.index(name)]


def test_feature_names_match_the_matrix() -> None:
    f = CredibilityFeatures().fit(["x"])
    X = f.transform(["A senior official reportedly said it failed.", "The sky is blue."])
    assert X.shape == (2, len(FEATURE_NAMES))
    assert list(f.get_feature_names_out()) == list(FEATURE_NAMES)
    assert column(X, "src_doubt")[0] == 1 and column(X, "n_hedge")[0] == 1
    assert column(X, "src_doubt")[1] == 0 and column(X, "src_hops")[1] == 0
    assert column(X, "src_doubt")[0] == 1 and column(X, "src_named")[0] == 0


def test_pandas_output_and_column_transformer() -> None:
    df = pd.DataFrame({"text": ["Critics say it failed.", "It rained."], "n": [1, 2]})
    ct = ColumnTransformer([("cred", CredibilityFeatures(), ["text"])]).set_output(transform="pandas")
    out = ct.fit_transform(df)
    assert list(out.columns) == [f"cred__{n}" for n in FEATURE_NAMES]
    assert out["cred__src_doubt"].tolist() == [2.0, 0.0]  # "critics": a vague source


def test_in_a_pipeline_with_a_classifier() -> None:
    X = ["Officials said it failed.", "Critics say so.", "The minister said so.", "It rained on Monday."] * 5
    y = [0, 0, 1, 1] * 5
    pipe = make_pipeline(CredibilityFeatures(), LogisticRegression()).fit(X, y)
    assert pipe.predict_proba(X).shape == (20, 2)


def test_disabled_rules_change_the_features() -> None:
    text = ["Prices may rise."]
    on = CredibilityFeatures().fit_transform(text)
    off = CredibilityFeatures(disabled_rules=("epistemic_cue",)).fit_transform(text)
    assert column(on, "n_hedge")[0] == 1 and column(off, "n_hedge")[0] == 0


@pytest.mark.parametrize(
    ("X", "error", "match"),
    [
        ("one string", TypeError, "single string"),
        (["ok", None], ValueError, r"X\[1\] is None"),
        (["ok", 3.5], ValueError, r"X\[1\] is 3.5 of type float, not text"),
        (pd.DataFrame({"t": ["ok", None]}), ValueError, r"X\[1, 0\] is missing.*fillna"),
        (pd.DataFrame({"t": [b"raw"]}), TypeError, "decode"),
    ],
)
def test_bad_input_errors_name_the_value_and_the_fix(X, error, match) -> None:
    fit_on = pd.DataFrame({"t": ["x"]}) if isinstance(X, pd.DataFrame) else ["x"]
    with pytest.raises(error, match=match):
        CredibilityFeatures().fit(fit_on).transform(X)


def test_input_is_not_mutated() -> None:
    X = ["Officials said so.", "It rained."]
    before = list(X)
    CredibilityFeatures().fit_transform(X)
    assert X == before
