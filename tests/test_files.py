"""score_file() and `credscore score-file`: formats, streaming, safe output, resume, clear errors."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import credscore.files as files
from credscore.files import ScoreFileError, score_file

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
    summary = score_file(str(src), str(dst), text_col="body", id_cols=["id"], level="document", chunksize=3)
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
    score_file(str(src), str(dst), text_col="body", id_cols=["id"], chunksize=2)
    expected = score_frame(table, "body", id_cols=["id"])
    got = pd.read_parquet(dst)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)


def test_interrupted_run_leaves_no_output_and_resume_gives_identical_bytes(tmp_path: Path, table, monkeypatch) -> None:
    big = pd.concat([table] * 5, ignore_index=True)
    src = write(big, tmp_path / "in.csv")
    reference = tmp_path / "reference.csv"
    score_file(str(src), str(reference), text_col="body", id_cols=["id"], chunksize=4)

    dst = tmp_path / "out.csv"
    real = files.score_frame
    calls = {"n": 0}

    def dies_on_third_chunk(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(files, "score_frame", dies_on_third_chunk)
    with pytest.raises(KeyboardInterrupt):
        score_file(str(src), str(dst), text_col="body", id_cols=["id"], chunksize=4)
    assert not dst.exists()  # nothing that looks complete
    assert len(list((tmp_path / "out.csv.parts").glob("chunk-*.csv"))) == 2

    with pytest.raises(ScoreFileError, match="--resume"):
        score_file(str(src), str(dst), text_col="body", id_cols=["id"], chunksize=4)
    with pytest.raises(ScoreFileError, match=r"options differ.*chunksize"):
        score_file(str(src), str(dst), text_col="body", id_cols=["id"], chunksize=5, resume=True)

    monkeypatch.setattr(files, "score_frame", real)
    summary = score_file(str(src), str(dst), text_col="body", id_cols=["id"], chunksize=4, resume=True)
    assert summary.resumed_chunks == 2
    assert dst.read_bytes() == reference.read_bytes()
    assert summary.rows == len(big)
    assert not (tmp_path / "out.csv.parts").exists()


def test_missing_column_lists_the_columns(tmp_path: Path, table: pd.DataFrame) -> None:
    src = write(table, tmp_path / "in.csv")
    with pytest.raises(ScoreFileError, match=r"text column 'text' not found in .*columns are: id, body.*--text-column"):
        score_file(str(src), str(tmp_path / "o.csv"))


def test_undecodable_file_names_the_line_and_suggests_encoding(tmp_path: Path) -> None:
    src = tmp_path / "latin.csv"
    src.write_bytes("id,text\n1,fine\n2,caf\xe9 society\n".encode("latin-1"))
    with pytest.raises(ScoreFileError, match=r"line 3 is not valid utf-8.*--encoding latin-1"):
        score_file(str(src), str(tmp_path / "o.csv"))
    assert not (tmp_path / "o.csv.parts").exists()  # nothing to resume from a run that did no chunk
    summary = score_file(str(src), str(tmp_path / "o.csv"), encoding="latin-1", level="document")
    assert summary.statuses["ok"] == 2
    summary = score_file(str(src), str(tmp_path / "k.csv"), encoding_errors="keep", level="document")
    out = pd.read_csv(tmp_path / "k.csv")
    assert out["status"].tolist() == ["ok", "unreadable"] and "line 3" in out["error"].iloc[1]
    summary = score_file(str(src), str(tmp_path / "r.csv"), encoding_errors="replace", level="document")
    assert summary.statuses["ok"] == 2


def test_malformed_csv_lines(tmp_path: Path) -> None:
    src = tmp_path / "ragged.csv"
    src.write_text('id,text\n1,"Officials said so."\n2,"x",extra\n3,"It rained."\n', encoding="utf-8")
    # Default: every row comes out, the malformed one with status 'unreadable' and its line number.
    summary = score_file(str(src), str(tmp_path / "o.csv"), level="document", id_cols=["id"])
    out = pd.read_csv(tmp_path / "o.csv", dtype=str)
    assert summary.rows == 3 and out["id"].tolist() == ["1", "2", "3"]
    assert out["status"].tolist() == ["ok", "unreadable", "ok"] and "line 3" in out["error"].iloc[1]
    with pytest.raises(ScoreFileError, match=r"line 3: expected 2 fields, saw 3.*--on-bad-lines"):
        score_file(str(src), str(tmp_path / "o2.csv"), on_bad_lines="error")
    summary = score_file(str(src), str(tmp_path / "o3.csv"), on_bad_lines="skip", level="document")
    assert summary.rows == 2 and len(summary.bad_lines) == 1 and "line 3" in summary.bad_lines[0]
    assert "unreadable line" in summary.text()


def test_bad_arguments(tmp_path: Path, table: pd.DataFrame) -> None:
    src = write(table, tmp_path / "in.csv")
    with pytest.raises(ScoreFileError, match="format"):
        score_file(str(src), str(tmp_path / "out.xlsx"), text_col="body")
    with pytest.raises(ScoreFileError, match="no such file"):
        score_file(str(tmp_path / "nope.csv"), str(tmp_path / "o.csv"))
    with pytest.raises(ScoreFileError, match="is the input"):
        score_file(str(src), str(src), text_col="body")
    with pytest.raises(ScoreFileError, match="Parquet cannot be written to standard output"):
        score_file(str(src), "-", text_col="body", output_format="parquet")


def test_empty_input_writes_a_valid_empty_output(tmp_path: Path) -> None:
    src = tmp_path / "empty.csv"
    src.write_text("id,text\n", encoding="utf-8")
    summary = score_file(str(src), str(tmp_path / "o.csv"), level="document", id_cols=["id"])
    out = pd.read_csv(tmp_path / "o.csv")
    assert summary.rows == 0 and len(out) == 0 and list(out.columns)[:2] == ["id", "status"]


def _exe() -> str:
    return str(Path(sys.executable).parent / "credscore")


def test_cli_stdin_to_stdout_and_summary(tmp_path: Path, table: pd.DataFrame) -> None:
    csv = table.to_csv(index=False).encode()
    res = subprocess.run(
        [_exe(), "score-file", "-", "-o", "-", "--text-column", "body", "--id-column", "id", "--level", "document"],
        input=csv, capture_output=True, timeout=120,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr.decode()
    out = pd.read_csv(__import__("io").BytesIO(res.stdout), dtype={"id": str})
    assert out["id"].tolist() == table["id"].tolist()
    assert b"scored 7 rows" in res.stderr
    assert b"\r" not in res.stderr  # no progress bar when stderr is not a terminal


def test_cli_file_jobs_and_quiet(tmp_path: Path, table: pd.DataFrame) -> None:
    src = write(pd.concat([table] * 3, ignore_index=True), tmp_path / "in.jsonl")
    dst = tmp_path / "out.csv"
    res = subprocess.run(
        [_exe(), "score-file", str(src), "-o", str(dst), "--text-column", "body", "--jobs", "2", "--quiet"],
        capture_output=True, timeout=180,
    )  # fmt: skip
    assert res.returncode == 0 and res.stderr == b"", res.stderr.decode()
    out = pd.read_csv(dst)
    assert out["row"].drop_duplicates().tolist() == list(range(21))


def test_cli_error_exit_code(tmp_path: Path) -> None:
    res = subprocess.run([_exe(), "score-file", str(tmp_path / "x.csv"), "-o", str(tmp_path / "o.csv")],
                         capture_output=True, timeout=60)  # fmt: skip
    assert res.returncode == 1 and b"no such file" in res.stderr


def test_progress_bar_on_a_terminal(tmp_path: Path, table: pd.DataFrame, capsys) -> None:
    src = write(table, tmp_path / "in.csv")
    score_file(str(src), str(tmp_path / "o.csv"), text_col="body", progress=True, chunksize=2)
    err = capsys.readouterr().err
    assert "rows/s" in err and "%" in err and "ETA" in err


def test_manifest_records_the_run(tmp_path: Path, table: pd.DataFrame, monkeypatch) -> None:
    src = write(table, tmp_path / "in.csv")
    monkeypatch.setattr(files, "score_frame", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        score_file(str(src), str(tmp_path / "o.csv"), text_col="body")
    manifest = json.loads((tmp_path / "o.csv.parts" / "manifest.json").read_text())
    assert manifest["options"]["text_column"] == "body" and manifest["input"]["size"] == src.stat().st_size
