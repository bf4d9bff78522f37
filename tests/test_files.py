"""score_file() and `credscore score-file`: formats, streaming, safe output, resume, clear errors."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import run, run_exe

from credscore.files import ScoreFileError, ScoreFileSettings, score_file
from credscore.files import reading as file_reading
from credscore.files import run as file_run

TEXTS = [
    "Officials said the plan failed. The plan was announced in 2019.",
    "",
    "NA",
    "The minister reportedly resigned.\n\nCritics say the move was overdue.",
    '"We will win," Sen. Ann Roe said.',
    "Héllo, wörld — the ministry said in a statement.",
    "A senior official, who asked not to be named, said talks had stalled.",
]


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame({"id": [f"{i:03d}" for i in range(len(TEXTS))], "body": TEXTS})


def write(df: pd.DataFrame, path: Path) -> Path:
    name = path.name
    if name.endswith(".parquet"):
        df.to_parquet(path, index=False)
    elif name.endswith(".jsonl"):
        df.to_json(path, orient="records", lines=True, force_ascii=False)
    elif name.endswith(".csv.gz"):
        with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
            df.to_csv(fh, index=False)
    else:
        df.to_csv(path, index=False)
    return path


def read(path: Path) -> pd.DataFrame:
    name = path.name
    if name.endswith(".parquet"):
        return pd.read_parquet(path)
    if name.endswith(".jsonl"):
        return pd.read_json(path, lines=True, dtype=False)
    return pd.read_csv(path, dtype={"id": str}, keep_default_na=False, na_values=[""])


@pytest.mark.parametrize("ext", [".csv", ".csv.gz", ".jsonl", ".parquet"])
def test_formats_round_trip_at_document_level(tmp_path: Path, table: pd.DataFrame, ext: str) -> None:
    src = write(table, tmp_path / f"in{ext}")
    dst = tmp_path / f"out{ext}"
    summary = score_file(
        str(src), str(dst), ScoreFileSettings(text_col="body", id_cols=["id"], level="document", chunksize=3)
    )
    out = read(dst)
    assert len(out) == len(table) == summary.rows
    assert out["id"].astype(str).str.zfill(3).tolist() == table["id"].tolist()
    assert out["status"].tolist()[:3] == ["ok", "empty", "ok"]
    assert summary.chunks == 3
    assert not (tmp_path / f"out{ext}.parts").exists()


def test_sentence_level_matches_score_frame(tmp_path: Path, table: pd.DataFrame) -> None:
    from credscore.batch import score_frame

    src = write(table, tmp_path / "in.parquet")
    dst = tmp_path / "out.parquet"
    score_file(str(src), str(dst), ScoreFileSettings(text_col="body", id_cols=["id"], chunksize=2))
    expected = score_frame(table, "body", id_cols=["id"])
    got = pd.read_parquet(dst)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)


def test_interrupted_run_leaves_no_output_and_resume_gives_identical_bytes(tmp_path: Path, table, monkeypatch) -> None:
    big = pd.concat([table] * 5, ignore_index=True)
    src = write(big, tmp_path / "in.csv")
    reference = tmp_path / "reference.csv"
    score_file(str(src), str(reference), ScoreFileSettings(text_col="body", id_cols=["id"], chunksize=4))

    dst = tmp_path / "out.csv"
    real = file_run.score_frame
    calls = {"n": 0}

    def dies_on_third_chunk(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(file_run, "score_frame", dies_on_third_chunk)
    with pytest.raises(KeyboardInterrupt):
        score_file(str(src), str(dst), ScoreFileSettings(text_col="body", id_cols=["id"], chunksize=4))
    assert not dst.exists()  # nothing that looks complete
    assert len(list((tmp_path / "out.csv.parts").glob("chunk-*.csv"))) == 2

    with pytest.raises(ScoreFileError, match=r"continue it with resume=True"):
        score_file(str(src), str(dst), ScoreFileSettings(text_col="body", id_cols=["id"], chunksize=4))
    with pytest.raises(ScoreFileError, match=r"options differ.*chunksize"):
        score_file(str(src), str(dst), ScoreFileSettings(text_col="body", id_cols=["id"], chunksize=5, resume=True))

    monkeypatch.setattr(file_run, "score_frame", real)
    summary = score_file(
        str(src), str(dst), ScoreFileSettings(text_col="body", id_cols=["id"], chunksize=4, resume=True)
    )
    assert summary.resumed_chunks == 2
    assert dst.read_bytes() == reference.read_bytes()
    assert summary.rows == len(big)
    assert not (tmp_path / "out.csv.parts").exists()


def test_missing_column_lists_the_columns(tmp_path: Path, table: pd.DataFrame) -> None:
    src = write(table, tmp_path / "in.csv")
    with pytest.raises(
        ScoreFileError, match=r"text column 'text' not found in .*columns are: id, body.*text_col='NAME'"
    ):
        score_file(str(src), str(tmp_path / "o.csv"))


def test_undecodable_file_names_the_line_and_suggests_encoding(tmp_path: Path) -> None:
    src = tmp_path / "latin.csv"
    src.write_bytes("id,text\n1,fine\n2,caf\xe9 society\n".encode("latin-1"))
    with pytest.raises(ScoreFileError, match=r"line 3 is not valid utf-8.*encoding='latin-1'"):
        score_file(str(src), str(tmp_path / "o.csv"))
    assert not (tmp_path / "o.csv.parts").exists()  # nothing to resume from a run that did no chunk
    summary = score_file(str(src), str(tmp_path / "o.csv"), ScoreFileSettings(encoding="latin-1", level="document"))
    assert summary.statuses["ok"] == 2
    summary = score_file(str(src), str(tmp_path / "k.csv"), ScoreFileSettings(encoding_errors="keep", level="document"))
    out = pd.read_csv(tmp_path / "k.csv")
    assert out["status"].tolist() == ["ok", "unreadable"] and "line 3" in out["error"].iloc[1]
    summary = score_file(
        str(src), str(tmp_path / "r.csv"), ScoreFileSettings(encoding_errors="replace", level="document")
    )
    assert summary.statuses["ok"] == 2


def test_malformed_csv_lines(tmp_path: Path) -> None:
    src = tmp_path / "ragged.csv"
    src.write_text('id,text\n1,"Officials said so."\n2,"x",extra\n3,"It rained."\n', encoding="utf-8")
    # Default: every row comes out, the malformed one with status 'unreadable' and its line number.
    summary = score_file(str(src), str(tmp_path / "o.csv"), ScoreFileSettings(level="document", id_cols=["id"]))
    out = pd.read_csv(tmp_path / "o.csv", dtype=str)
    assert summary.rows == 3 and out["id"].tolist() == ["1", "2", "3"]
    assert out["status"].tolist() == ["ok", "unreadable", "ok"] and "line 3" in out["error"].iloc[1]
    with pytest.raises(ScoreFileError, match=r"line 3: expected 2 fields, saw 3.*on_bad_lines='keep'"):
        score_file(str(src), str(tmp_path / "o2.csv"), ScoreFileSettings(on_bad_lines="error"))
    summary = score_file(str(src), str(tmp_path / "o3.csv"), ScoreFileSettings(on_bad_lines="skip", level="document"))
    assert summary.rows == 2 and len(summary.bad_lines) == 1 and "line 3" in summary.bad_lines[0]
    assert "unreadable line" in summary.text()


def test_bad_arguments(tmp_path: Path, table: pd.DataFrame) -> None:
    src = write(table, tmp_path / "in.csv")
    with pytest.raises(ScoreFileError, match="format"):
        score_file(str(src), str(tmp_path / "out.xlsx"), ScoreFileSettings(text_col="body"))
    with pytest.raises(ScoreFileError, match="no such file"):
        score_file(str(tmp_path / "nope.csv"), str(tmp_path / "o.csv"))
    with pytest.raises(ScoreFileError, match="is the input"):
        score_file(str(src), str(src), ScoreFileSettings(text_col="body"))
    with pytest.raises(ScoreFileError, match="Parquet cannot be written to standard output"):
        score_file(str(src), "-", ScoreFileSettings(text_col="body", output_format="parquet"))


def test_empty_input_writes_a_valid_empty_output(tmp_path: Path) -> None:
    src = tmp_path / "empty.csv"
    src.write_text("id,text\n", encoding="utf-8")
    summary = score_file(str(src), str(tmp_path / "o.csv"), ScoreFileSettings(level="document", id_cols=["id"]))
    out = pd.read_csv(tmp_path / "o.csv")
    assert summary.rows == 0 and len(out) == 0 and list(out.columns)[:2] == ["id", "status"]


def test_cli_stdin_to_stdout_and_summary(tmp_path: Path, table: pd.DataFrame) -> None:
    csv = table.to_csv(index=False).encode()
    res = run_exe("score-file", "-", "-o", "-", "--text-column", "body", "--id-column", "id", "--level", "document",
                  stdin=csv)  # fmt: skip
    assert res.returncode == 0, res.stderr.decode()
    out = pd.read_csv(__import__("io").BytesIO(res.stdout), dtype={"id": str})
    assert out["id"].tolist() == table["id"].tolist()
    assert b"scored 7 rows" in res.stderr
    assert b"\r" not in res.stderr  # no progress bar when stderr is not a terminal


def test_cli_file_jobs_and_quiet(tmp_path: Path, table: pd.DataFrame) -> None:
    src = write(pd.concat([table] * 3, ignore_index=True), tmp_path / "in.jsonl")
    dst = tmp_path / "out.csv"
    res = run("score-file", str(src), "-o", str(dst), "--text-column", "body", "--jobs", "2", "--quiet")
    assert res.returncode == 0 and res.stderr == b"", res.stderr.decode()
    out = pd.read_csv(dst)
    assert out["row"].drop_duplicates().tolist() == list(range(21))


def test_cli_error_exit_code(tmp_path: Path) -> None:
    res = run("score-file", str(tmp_path / "x.csv"), "-o", str(tmp_path / "o.csv"))
    assert res.returncode == 1 and b"no such file" in res.stderr


def test_progress_bar_on_a_terminal(tmp_path: Path, table: pd.DataFrame, capsys) -> None:
    src = write(table, tmp_path / "in.csv")
    score_file(str(src), str(tmp_path / "o.csv"), ScoreFileSettings(text_col="body", progress=True, chunksize=2))
    err = capsys.readouterr().err
    assert "rows/s" in err and "%" in err and "ETA" in err


def test_manifest_records_the_run(tmp_path: Path, table: pd.DataFrame, monkeypatch) -> None:
    src = write(table, tmp_path / "in.csv")
    monkeypatch.setattr(file_run, "score_frame", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        score_file(str(src), str(tmp_path / "o.csv"), ScoreFileSettings(text_col="body"))
    manifest = json.loads((tmp_path / "o.csv.parts" / "manifest.json").read_text())
    assert manifest["options"]["text_column"] == "body" and manifest["input"]["size"] == src.stat().st_size


# --- regressions -------------------------------------------------------------------


def _interrupted(src: Path, dst: Path, monkeypatch, **kwargs) -> None:
    """A run of ``src`` that dies after its first chunk, as a killed run would."""
    real = file_run.score_frame
    calls = {"n": 0}

    def dies_on_second_chunk(*args, **kw):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(*args, **kw)

    monkeypatch.setattr(file_run, "score_frame", dies_on_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        score_file(str(src), str(dst), ScoreFileSettings(**kwargs))
    monkeypatch.setattr(file_run, "score_frame", real)
    assert not dst.exists() and len(list(Path(f"{dst}.parts").glob("chunk-*.json"))) == 1


def _model_named(name: str, path: Path) -> Path:
    from credscore.model import Model, default_model

    base = default_model()
    return Model(base.estimator, {**base.metadata, "name": name}).save(path)


def test_resume_refuses_a_model_file_replaced_at_the_same_path(tmp_path: Path, table, monkeypatch) -> None:
    src = write(table, tmp_path / "in.csv")
    model = _model_named("a", tmp_path / "m.credscore")
    reference = tmp_path / "reference.csv"
    kwargs = {"text_col": "body", "id_cols": ["id"], "chunksize": 3, "model_path": str(model)}
    score_file(str(src), str(reference), ScoreFileSettings(**kwargs))
    dst = tmp_path / "out.csv"
    _interrupted(src, dst, monkeypatch, **kwargs)
    first = model.read_bytes()

    _model_named("b", model)  # another model, same path
    with pytest.raises(ScoreFileError, match=r"options differ \(model_sha256\).*m\.credscore.*mix two models"):
        score_file(str(src), str(dst), ScoreFileSettings(resume=True, **kwargs))

    model.write_bytes(first)  # the model of the interrupted run: resuming is fine again
    summary = score_file(str(src), str(dst), ScoreFileSettings(resume=True, **kwargs))
    assert summary.resumed_chunks == 1 and dst.read_bytes() == reference.read_bytes()


def test_a_worker_refuses_a_model_file_replaced_during_the_run(tmp_path: Path) -> None:
    model = _model_named("a", tmp_path / "m.credscore")
    df = pd.DataFrame({"text": ["Officials said it failed."]})
    from credscore.files.run import ChunkTask, ScoringSettings, _model_and_digest

    def task(digest: str) -> ChunkTask:
        return ChunkTask(0, df, ScoringSettings("text", [], "document", str(model), digest, None, False, False))

    assert task(_model_and_digest(str(model))[1]).run()[0] == "scored"
    with pytest.raises(ScoreFileError, match="was replaced while the run was going on"):
        task("0" * 64).run()


IDS_WITH_A_NULL = "".join(
    json.dumps({"id": i, "text": t}) + "\n"
    for i, t in [(1, "Officials said it failed."), (2, "It rained."), (3, "Critics say so."), (None, "No.")]
)


@pytest.mark.parametrize("out_ext", [".csv", ".jsonl"])
def test_output_does_not_depend_on_chunksize(tmp_path: Path, out_ext: str) -> None:
    # Was: ids 1,2,3,null came out as 1,2,3.0, with chunksize 2 and 1.0,2.0,3.0, with 4.
    src = tmp_path / "in.jsonl"
    src.write_text(IDS_WITH_A_NULL, encoding="utf-8")
    outs = []
    for size in (1, 2, 4):
        dst = tmp_path / f"out{size}{out_ext}"
        score_file(str(src), str(dst), ScoreFileSettings(id_cols=["id"], level="document", chunksize=size))
        outs.append(dst.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    if out_ext == ".csv":
        assert [line.split(",")[0] for line in outs[0].decode().splitlines()] == ["id", "1", "2", "3", ""]
    else:
        assert [json.loads(line)["id"] for line in outs[0].decode().splitlines()] == [1, 2, 3, None]


def test_csv_cells_stay_text_whatever_the_chunksize(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text('id,text\n007,"Officials said it failed."\n,"It rained."\n8,"Critics say so."\n', encoding="utf-8")
    outs = []
    for size in (1, 2, 3):
        dst = tmp_path / f"out{size}.jsonl"
        score_file(str(src), str(dst), ScoreFileSettings(id_cols=["id"], level="document", chunksize=size))
        outs.append(dst.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    assert [json.loads(line)["id"] for line in outs[0].decode().splitlines()] == ["007", "", "8"]


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        ([1, "x7", None, 3], ["1", "x7", None, "3"]),  # int64 and string parts: text, as it was written
        ([1, 2.5, 3, None], [1.0, 2.5, 3.0, None]),  # int64 and double parts: double holds both exactly
        ([2**60 + 1, 2.5, 3, 4], [str(2**60 + 1), "2.5", "3", "4"]),  # not exact as a double: text
        ([{"a": 1}, {"b": "z"}, None, [1]], ['{"a": 1}', '{"b": "z"}', None, "[1]"]),  # JSON values: their text
    ],
)
def test_parquet_output_with_ids_of_mixed_types(tmp_path: Path, ids: list, expected: list) -> None:
    # Was: ArrowInvalid in _join_parts after all the scoring, .parts and .tmp left behind.
    texts = ["Officials said it failed.", "It rained.", None, "Critics say so."]  # None: an all-null error column
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in zip(ids, texts, strict=True)))
    frames = []
    for size in (1, 2, 4):
        dst = tmp_path / f"out{size}.parquet"
        summary = score_file(str(src), str(dst), ScoreFileSettings(id_cols=["id"], level="document", chunksize=size))
        assert summary.rows == 4 and not (tmp_path / f"out{size}.parquet.parts").exists()
        assert not (tmp_path / f"out{size}.parquet.tmp").exists()
        frames.append(pd.read_parquet(dst))
    got = frames[0]["id"].tolist()
    assert [None if pd.isna(v) else v for v in got] == expected
    assert frames[0]["status"].tolist() == ["ok", "ok", "missing", "ok"]
    for other in frames[1:]:
        pd.testing.assert_frame_equal(other, frames[0])


@pytest.mark.parametrize("size", [1, 2, 4])
def test_a_jsonl_record_without_the_text_key_is_missing_whatever_the_chunksize(tmp_path: Path, size: int) -> None:
    # Was: alone in its chunk (chunksize 1), it stopped the run with "text column 'text' not found".
    src = tmp_path / "in.jsonl"
    src.write_text('{"id":1}\n{"id":2,"text":"It rained."}\n{"text":"Critics say so."}\n{"id":4}\n', encoding="utf-8")
    dst = tmp_path / "out.csv"
    score_file(str(src), str(dst), ScoreFileSettings(id_cols=["id"], level="document", chunksize=size))
    out = pd.read_csv(dst, dtype=str, keep_default_na=False)
    assert out["status"].tolist() == ["missing", "ok", "ok", "missing"]
    assert out["id"].tolist() == ["1", "2", "", "4"]
    # A column no record has is still a clear error, at once.
    with pytest.raises(ScoreFileError, match=r"text column 'body' not found .*no record has that key.*columns are: id"):
        score_file(str(src), str(tmp_path / "o2.csv"), ScoreFileSettings(text_col="body", chunksize=size))
    with pytest.raises(ScoreFileError, match=r"id column 'key' not found"):
        score_file(str(src), str(tmp_path / "o3.csv"), ScoreFileSettings(id_cols=["key"], chunksize=size))


def test_a_jsonl_column_must_appear_in_the_first_records(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(file_reading, "_JSONL_LOOKAHEAD", 3)
    src = tmp_path / "in.jsonl"
    src.write_text('{"id":1}\n{"id":2}\n{"id":3}\n{"id":4,"text":"It rained."}\n', encoding="utf-8")
    for size in (1, 10):
        with pytest.raises(ScoreFileError, match=r"none of its first 3 records has that key"):
            score_file(str(src), str(tmp_path / "o.csv"), ScoreFileSettings(chunksize=size))


@pytest.mark.parametrize("ext", [".csv.gz", ".jsonl.gz"])
def test_gzip_output_is_the_same_bytes_every_run(tmp_path: Path, table: pd.DataFrame, ext: str) -> None:
    # Was: the gzip header held the temp file's name and the time.
    src = write(table, tmp_path / "in.csv")
    one, two = tmp_path / f"one{ext}", tmp_path / "sub" / f"two{ext}"
    two.parent.mkdir()
    score_file(str(src), str(one), ScoreFileSettings(text_col="body", chunksize=3))
    score_file(str(src), str(two), ScoreFileSettings(text_col="body", chunksize=3))
    assert one.read_bytes() == two.read_bytes()
    with gzip.open(one) as fh:
        assert fh.read().startswith(b"row,sentence," if ext == ".csv.gz" else b'{"row":0,"sentence":0,')


def test_output_in_a_folder_that_is_not_there(tmp_path: Path, table: pd.DataFrame) -> None:
    # Was: NotADirectoryError (under a file) or a folder made without asking (a missing one).
    src = write(table, tmp_path / "in.csv")
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(ScoreFileError, match=r"cannot write .*x\.csv: .*a\.txt is a file, not a folder"):
        score_file(str(src), str(tmp_path / "a.txt" / "x.csv"), ScoreFileSettings(text_col="body"))
    with pytest.raises(ScoreFileError, match=r"folder .*nodir does not exist; create it first"):
        score_file(str(src), str(tmp_path / "nodir" / "x.csv"), ScoreFileSettings(text_col="body"))
    assert not (tmp_path / "nodir").exists()
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(ScoreFileError, match=r"cannot write .*dir\.csv: it is a folder; pass a file name"):
        score_file(str(src), str(tmp_path / "dir.csv"), ScoreFileSettings(text_col="body"))


def test_a_write_error_names_the_path_and_the_reason(tmp_path: Path, table: pd.DataFrame, monkeypatch) -> None:
    import errno

    def full_disk(df, fmt, path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(file_run, "write_part", full_disk)  # where the run calls it
    src = write(table, tmp_path / "in.csv")
    dst = tmp_path / "out.csv"
    with pytest.raises(ScoreFileError, match=r"cannot write .*out\.csv: No space left on device \(.*chunk-000000"):
        score_file(str(src), str(dst), ScoreFileSettings(text_col="body"))
    assert not dst.exists()


@pytest.mark.parametrize("pandas_metadata", [True, False])
def test_parquet_int_ids_with_a_null_stay_ints_whatever_the_chunksize(tmp_path: Path, pandas_metadata: bool) -> None:
    # Was: 1,2 in a batch without a null, 1.0,2.0 in a batch with one.
    import pyarrow as pa
    import pyarrow.parquet as pq

    ids = pa.array([1, 2, None, 4], pa.int64())
    table = pa.table({"id": ids, "text": ["Officials said it failed.", "It rained.", "Critics say so.", "No."]})
    src = tmp_path / "in.parquet"
    if pandas_metadata:  # pandas' nullable Int64
        table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get).to_parquet(src, index=False)
    else:  # as written by another tool
        pq.write_table(table, src)
    for ext in (".csv", ".jsonl", ".parquet"):
        outs = []
        for size in (1, 2, 4):
            dst = tmp_path / f"out{size}{ext}"
            score_file(str(src), str(dst), ScoreFileSettings(id_cols=["id"], level="document", chunksize=size))
            outs.append(pd.read_parquet(dst) if ext == ".parquet" else dst.read_bytes())
        if ext == ".parquet":
            for other in outs[1:]:
                pd.testing.assert_frame_equal(other, outs[0])
            assert [None if pd.isna(v) else v for v in outs[0]["id"]] == [1, 2, None, 4]
        else:
            assert outs[0] == outs[1] == outs[2]
    assert [line.split(",")[0] for line in (tmp_path / "out1.csv").read_text().splitlines()] == [
        "id",
        "1",
        "2",
        "",
        "4",
    ]


# --- found by a new-user walkthrough ----------------------------------------------


def test_regression_a_wrong_text_column_is_an_error_even_with_a_malformed_line(tmp_path: Path) -> None:
    # The placeholder of a malformed line once made the missing column look present: every row 'missing'.
    src = tmp_path / "a.csv"
    src.write_text("id,body\n1,hello there.\n9\n", encoding="utf-8")
    with pytest.raises(
        ScoreFileError, match=r"text column 'text' not found in .*columns are: id, body; pass text_col='NAME'"
    ):
        score_file(str(src), str(tmp_path / "out.csv"))
    with pytest.raises(ScoreFileError, match=r"id column 'ID' not found .*; pass id_cols=\['NAME'\]"):
        score_file(str(src), str(tmp_path / "out.csv"), ScoreFileSettings(text_col="body", id_cols=["ID"]))
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.csv.parts").exists()


def test_resume_of_a_finished_output_says_there_is_nothing_to_resume(tmp_path: Path, table: pd.DataFrame) -> None:
    src, dst = write(table, tmp_path / "in.csv"), tmp_path / "out.csv"
    score_file(
        str(src), str(dst), ScoreFileSettings(text_col="body", resume=True)
    )  # nothing interrupted, no output yet: a plain run
    before = dst.read_bytes()
    with pytest.raises(ScoreFileError, match=r"nothing to resume: .*out.csv is complete.*run without resume=True"):
        score_file(str(src), str(dst), ScoreFileSettings(text_col="body", resume=True))
    assert dst.read_bytes() == before


def test_parquet_without_pyarrow_is_a_clear_error_before_any_work(
    tmp_path: Path, table: pd.DataFrame, monkeypatch
) -> None:
    src = write(table, tmp_path / "in.csv")
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if pyarrow were not installed
    with pytest.raises(ScoreFileError, match=r"Parquet needs pyarrow: pip install 'credscore\[parquet\]'"):
        score_file(str(src), str(tmp_path / "out.parquet"), ScoreFileSettings(text_col="body"))
    assert list(tmp_path.iterdir()) == [src]  # no parts folder that would look like an interrupted run
