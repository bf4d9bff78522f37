"""score_frame(): nothing lost, nothing reordered, stable schema, parallel == serial."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import credscore.batch as batch
from credscore.batch import empty_output, output_columns, score_frame

TEXTS = [
    "Officials said the plan failed. The plan was announced in 2019.",
    None,
    "",
    "   \n ",
    42,
    "The minister reportedly resigned.\n\nCritics say the move was overdue.",
    float("nan"),
    '"We will win," Sen. Ann Roe said.',
]
STATUS = ["ok", "missing", "empty", "empty", "not_text", "ok", "missing", "ok"]


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({"id": [f"a{i}" for i in range(len(TEXTS))], "text": TEXTS}, index=range(100, 100 + len(TEXTS)))


def test_document_level_is_one_row_per_input_row_in_order(frame: pd.DataFrame) -> None:
    out = score_frame(frame, "text", id_cols=["id"], level="document")
    assert len(out) == len(frame)
    assert out.index.equals(frame.index)
    assert out["id"].tolist() == frame["id"].tolist()
    assert out["status"].tolist() == STATUS
    first = out.iloc[0]
    assert first["n_claims"] == 2 and first["share_anonymous"] == 0.5
    assert first["min_reliability"] <= first["mean_reliability"]
    assert np.isnan(out.iloc[1]["mean_reliability"]) and out.iloc[1]["n_sentences"] == 0
    # "The minister reportedly resigned." is hedged and, with no source of its own, rests on no one in particular
    # (an agentless attribution, vague); "Critics say ..." is vague
    assert out.iloc[5]["share_hedged"] == 0.5 and out.iloc[5]["share_vague"] == 1.0


def test_sentence_level_keeps_every_row(frame: pd.DataFrame) -> None:
    out = score_frame(frame, "text", id_cols=["id"])
    assert out["row"].drop_duplicates().tolist() == frame.index.tolist()
    per_row = out.groupby("row", sort=False)["status"].first().tolist()
    assert per_row == STATUS
    ok = out[out["status"] == "ok"]
    assert ok["sentence"].notna().all()
    for _, r in ok.iterrows():
        text = frame.loc[r["row"], "text"]
        assert text[r["start"] : r["end"]] and 0 <= r["reliability"] <= 1
    assert out[out["status"] != "ok"]["sentence"].isna().all()


def test_schema_is_stable_and_matches_meta(frame: pd.DataFrame) -> None:
    for level in ("sentence", "document"):
        out = score_frame(frame, "text", id_cols=["id"], level=level)
        meta = empty_output(frame, level, ["id"])
        assert list(out.columns) == ["id", *output_columns(level)]
        assert list(meta.columns) == list(out.columns)
        assert (meta.dtypes == out.dtypes).all()
        # A chunk with no usable text has the same dtypes.
        bad = score_frame(frame.iloc[[1, 2]], "text", id_cols=["id"], level=level)
        assert (bad.dtypes == out.dtypes).all()


def test_parallel_equals_serial(frame: pd.DataFrame) -> None:
    big = pd.concat([frame] * 6, ignore_index=True)
    for level in ("sentence", "document"):
        serial = score_frame(big, "text", id_cols=["id"], level=level)
        parallel = score_frame(big, "text", id_cols=["id"], level=level, n_jobs=2)
        pd.testing.assert_frame_equal(serial, parallel)


def test_a_row_that_fails_to_score_gets_an_error_status(frame: pd.DataFrame, monkeypatch) -> None:
    real = batch.score

    def flaky(text, **kw):
        if "Sen. Ann Roe" in text:
            raise RuntimeError("boom")
        return real(text, **kw)

    monkeypatch.setattr(batch, "score", flaky)
    out = score_frame(frame, "text", level="document")
    assert out["status"].iloc[-1] == "error" and "RuntimeError: boom" in out["error"].iloc[-1]
    assert out["status"].iloc[0] == "ok"


def test_errors_name_the_columns_and_values() -> None:
    df = pd.DataFrame({"id": [1], "title": ["x"], "content": ["y"]})
    with pytest.raises(KeyError, match="text column 'body' not found; columns are: id, title, content"):
        score_frame(df, "body")
    with pytest.raises(KeyError, match="id column 'uid' not found"):
        score_frame(df, "content", id_cols=["uid"])
    with pytest.raises(ValueError, match="level must be"):
        score_frame(df, "content", level="paragraph")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="DataFrame"):
        score_frame(["a"], "text")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="clash"):
        score_frame(pd.DataFrame({"status": [1], "text": ["a"]}), id_cols=["status"])


def test_empty_frame() -> None:
    df = pd.DataFrame({"text": pd.Series([], dtype=object)})
    assert len(score_frame(df, level="document")) == 0
    assert len(score_frame(df)) == 0


def test_regression_label_columns_follow_the_model() -> None:
    # Review 2026-11-29: a custom binary model gave NaN p_weak/p_strong columns and zero counts.
    import credscore

    rows = [("Officials said it failed.", "weak"), ("The minister said it failed.", "sourced")] * 15
    model = credscore.train(pd.DataFrame(rows, columns=["text", "label"]), positive="sourced", cv=3, C=1.0)
    df = pd.DataFrame({"text": ["Officials said it failed. The minister said so.", None]})
    sent = score_frame(df, model=model)
    assert {"p_weak", "p_sourced"} <= set(sent.columns) and "p_strong" not in sent.columns
    assert sent["p_sourced"].iloc[:2].notna().all()
    doc = score_frame(df, level="document", model=model)
    assert doc["n_weak"].iloc[0] + doc["n_sourced"].iloc[0] == 2
    assert list(empty_output(df, "document", model=model).columns) == list(doc.columns)


@pytest.mark.parametrize("bad", [0, 1.5, "2", True, -10_000])
def test_one_jobs_policy_for_score_frame_and_score_file(bad: object, tmp_path) -> None:
    """n_jobs is read one way everywhere (joblib's: -1 every core, -2 all but one), with one message."""
    import os

    from credscore.batch import resolve_jobs
    from credscore.errors import InputError
    from credscore.files import ScoreFileSettings, score_file

    cores = os.cpu_count() or 1
    assert (resolve_jobs(2) == 2 and resolve_jobs(-1) == cores and resolve_jobs(-2) == max(1, cores - 1)) or cores == 1
    df = pd.DataFrame({"text": ["Officials said so.", "It rained."]})
    with pytest.raises(InputError, match=r"n_jobs must be a positive number of worker processes, or -1"):
        score_frame(df, n_jobs=bad)  # type: ignore[arg-type]
    src = tmp_path / "in.csv"
    df.to_csv(src, index=False)
    with pytest.raises(InputError, match=r"^jobs must be a positive number"):
        score_file(str(src), str(tmp_path / "out.csv"), ScoreFileSettings(jobs=bad))  # type: ignore[arg-type]
