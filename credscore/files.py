"""Scoring files: CSV, gzipped CSV, JSON lines and Parquet, streamed in chunks.

:func:`score_file` reads the input a chunk at a time, scores each chunk with
:func:`credscore.batch.score_frame` (on several cores with ``jobs``), and
writes each chunk's result to its own part file in ``OUT.parts/`` before it
moves on. Only when every chunk is done are the parts joined into a
temporary file that is then renamed to ``OUT``. So:

- memory stays flat: one chunk in, one chunk out, whatever the file size;
- an interrupted run never leaves an ``OUT`` that looks complete: ``OUT``
  appears only at the end, all at once;
- ``resume=True`` continues from the last finished chunk (a part file
  exists only once complete) and gives the same bytes as an uninterrupted
  run; the run's settings (and the SHA-256 of the model file) are recorded in
  ``OUT.parts/manifest.json`` and a resume with other settings, another input
  or another model is refused.

Writing to standard output (``"-"``) streams chunk by chunk instead.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import hashlib
import io
import json
import math
import os
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pandas as pd

from . import __version__
from .batch import Level, Unreadable, score_frame
from .errors import require_columns
from .formats import DEFAULT_CHUNKSIZE, FORMATS, Format, ScoreFileError, check_output_path, detect_format

# Cells as large as the text they hold: the csv module's default cap is 128 KB.
csv.field_size_limit(2**31 - 1)

__all__ = ["FORMATS", "ScoreFileError", "Summary", "detect_format", "read_table", "score_file"]

#: A JSON-lines file has no header: its columns are the keys seen so far. A
#: column asked for (the text column, an id column) must be a key of at least
#: one of the first this many records, whatever ``chunksize`` is, or the run
#: stops with an error that lists the keys seen; a later record that lacks it
#: gets NA there (status ``missing`` for the text), as a CSV cell left empty
#: would. A fixed number, not the first chunk, so that ``--chunksize`` never
#: decides between an error and a result.
_JSONL_LOOKAHEAD = DEFAULT_CHUNKSIZE
_MANIFEST_VERSION = 1


@dataclass
class Summary:
    """What a :func:`score_file` run did."""

    rows: int = 0
    output_rows: int = 0
    sentences: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    chunks: int = 0
    resumed_chunks: int = 0
    bad_lines: list[str] = field(default_factory=list)
    seconds: float = 0.0
    output: str = ""

    def text(self) -> str:
        problems = {k: v for k, v in self.statuses.items() if k != "ok" and v}
        details = ", ".join(f"{v:,} {k}" for k, v in sorted(problems.items()))
        line = (
            f"scored {self.rows:,} rows ({self.sentences:,} sentences"
            + (f"; {details}" if details else "")
            + f") in {self.seconds:.1f} s -> {self.output}"
        )
        if self.resumed_chunks:
            line += f"\n{self.resumed_chunks} of {self.chunks} chunks were already done and reused (--resume)"
        if self.bad_lines:
            shown = "; ".join(self.bad_lines[:5])
            more = f" (and {len(self.bad_lines) - 5} more)" if len(self.bad_lines) > 5 else ""
            line += f"\n{len(self.bad_lines)} unreadable line(s) skipped, not in the output: {shown}{more}"
        return line


# --- reading -----------------------------------------------------------------------


@dataclass
class _Source:
    chunks: Iterator[pd.DataFrame]
    progress: Callable[[], tuple[float, float] | None]  # (done, total) in bytes or rows
    bad_lines: list[str]


class _CountingReader(io.RawIOBase):
    """Wraps a binary file and counts the bytes read (for the progress bar)."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw  # set when the file is opened
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        n = self.raw.readinto(b)  # type: ignore[attr-defined]
        self.count += n or 0
        return n or 0


def _open_input(path: str, fmt: Format, text_col: str, id_cols: Sequence[str], chunksize: int, encoding: str,
                on_bad_lines: str, encoding_errors: str) -> _Source:  # fmt: skip
    bad: list[str] = []
    if fmt == "parquet":
        if path == "-":
            raise ScoreFileError("Parquet cannot be read from standard input; pass a file")
        pq = _pyarrow_parquet()
        try:
            pf = pq.ParquetFile(path)
        except Exception as exc:
            raise ScoreFileError(f"{path} is not a readable Parquet file ({exc})") from None
        total = pf.metadata.num_rows
        state = {"rows": 0}

        def parquet_chunks() -> Iterator[pd.DataFrame]:
            for batch in pf.iter_batches(batch_size=chunksize):
                # An int column with a null in this batch stays ints (not 1.0,
                # 2.0), as in a batch without one: integer_object_nulls for a file
                # without pandas' metadata; object dtype for pandas' nullable Int64
                # and boolean, whose to_numpy() turns ints into floats around an NA.
                df = batch.to_pandas(integer_object_nulls=True)
                for c in id_cols:
                    dtype = df[c].dtype if c in df.columns else None
                    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and (
                        pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)
                    ):
                        df[c] = df[c].astype(object)
                state["rows"] += len(df)
                yield df

        return _Source(parquet_chunks(), lambda: (state["rows"], total), bad)

    size = None
    if path != "-":
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise ScoreFileError(f"no such file: {path}") from None
        if not os.path.isfile(path):
            raise ScoreFileError(f"{path} is not a file; pass a file")
        size = st.st_size
    counter = _CountingReader(io.BytesIO())

    def progress() -> tuple[float, float] | None:
        return (counter.count, size) if size else None

    def text_chunks() -> Iterator[pd.DataFrame]:
        # The file is opened only when reading starts, so an error before
        # that (a bad option, a refused resume) leaves nothing open.
        raw: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")
        counter.raw = raw
        buffered: IO[bytes] = io.BufferedReader(counter, buffer_size=1 << 20)
        if fmt.endswith(".gz"):
            buffered = gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[assignment]
        # utf-8-sig drops a byte-order mark; surrogateescape keeps undecodable
        # bytes so that the row they are in can be named (or kept, or repaired).
        enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
        stream = io.TextIOWrapper(buffered, encoding=enc, errors="surrogateescape", newline="")
        records = _csv_records(stream) if fmt.startswith("csv") else _jsonl_records(stream)

        def good_rows() -> Iterator[dict[str, Any]]:
            """The rows to score, after --on-bad-lines and --encoding-errors."""
            for line, row, problem in records:
                problem = problem or _decoding_problem(row, line, encoding, encoding_errors, path)
                if problem:
                    if on_bad_lines == "error":
                        raise ScoreFileError(
                            f"{path}: {problem}. Fix it, or pass --on-bad-lines keep (score the other rows and "
                            "give this one status 'unreadable'), warn or skip"
                        )
                    if on_bad_lines in ("warn", "skip"):
                        bad.append(problem)
                        if on_bad_lines == "warn":
                            print(f"credscore: skipped: {problem}", file=sys.stderr)
                        continue
                    row = dict(row or {})
                    row[text_col] = Unreadable(problem)
                elif encoding_errors == "replace":
                    row = _repaired(row, encoding)
                yield row

        try:
            header: list[str] = next(records)
            if fmt.startswith("csv"):
                # Before any row: a malformed row's placeholder must not pass for the column.
                _check_columns(header, text_col, id_cols, path)
            rows = good_rows()
            if not fmt.startswith("csv"):
                rows = _jsonl_look_ahead(rows, header, [text_col, *id_cols], path)
            chunk: list[dict[str, Any]] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) >= chunksize:
                    yield _frame(header, chunk)
                    chunk = []
            if chunk:
                yield _frame(header, chunk)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:  # only from a codec that cannot escape (e.g. utf-16)
            raise ScoreFileError(
                f"{path}: not valid {encoding} near byte {exc.start}; pass the file's encoding, e.g. --encoding latin-1"
            ) from None
        finally:
            if path != "-":
                raw.close()

    return _Source(text_chunks(), progress, bad)


_SURROGATE = re.compile("[\udc80-\udcff]")


def _decoding_problem(row: dict[str, Any] | None, line: int, encoding: str, errors: str, path: str) -> str | None:
    if not row or errors == "replace":
        return None
    for value in row.values():
        if isinstance(value, str) and _SURROGATE.search(value):
            if errors == "error":
                raise ScoreFileError(
                    f"{path}: line {line:,} is not valid {encoding}; pass the file's encoding, e.g. "
                    "--encoding latin-1, or --encoding-errors keep (give such rows status 'unreadable') or replace"
                )
            return f"line {line:,} is not valid {encoding}"
    return None


def _repaired(row: dict[str, Any], encoding: str) -> dict[str, Any]:
    return {
        k: v.encode(encoding, "surrogateescape").decode(encoding, "replace") if isinstance(v, str) else v
        for k, v in row.items()
    }


def _columns(header: list[str], rows: list[dict[str, Any]]) -> list[str]:
    extra = [k for r in rows for k in r if k not in header]
    return header + list(dict.fromkeys(extra))


def _frame(header: list[str], rows: list[dict[str, Any]]) -> pd.DataFrame:
    """One chunk of a CSV or JSON-lines file. Object dtype keeps every value as
    it was read, so a chunk's dtypes do not depend on its neighbours: a JSON id
    1 stays 1 (not 1.0 because another id in the chunk is null), a CSV "007"
    stays "007", and a key a record lacks is NA."""
    return pd.DataFrame(rows, columns=_columns(header, rows), dtype=object)


def _jsonl_look_ahead(
    rows: Iterator[dict[str, Any]], header: list[str], wanted: list[str], path: str
) -> Iterator[dict[str, Any]]:
    """``rows`` unchanged, after checking that each ``wanted`` column is a key of
    one of the first :data:`_JSONL_LOOKAHEAD` records (``header`` grows with the
    keys read). Rows are held back only while a wanted key is still unseen."""
    ahead: list[dict[str, Any]] = []
    for row in rows:
        ahead.append(row)
        if all(c in header for c in wanted) or len(ahead) >= _JSONL_LOOKAHEAD:
            break
    # No key at all (every line unreadable, or no line): each row gets its own status instead.
    if header:
        seen = (
            "no record has that key"
            if len(ahead) < _JSONL_LOOKAHEAD
            else f"none of its first {len(ahead):,} records has that key"
        )
        _check_columns(header, wanted[0], wanted[1:], path, f" ({seen})")
    yield from ahead
    yield from rows


def _csv_records(stream: IO[str]) -> Iterator[Any]:
    """The header, then (line number, row as dict, problem or None) per record."""
    reader = csv.reader(stream)
    try:
        header = next(reader)
    except StopIteration:
        return
    header = [h.strip() for h in header]
    yield header
    start = reader.line_num + 1
    for fields in reader:
        line, start = start, reader.line_num + 1
        if not fields:
            continue  # a blank line is not a row
        if len(fields) != len(header):
            row = dict(zip(header, fields, strict=False))
            yield line, row, f"line {line:,}: expected {len(header)} fields, saw {len(fields)}"
            continue
        yield line, dict(zip(header, fields, strict=True)), None


def _jsonl_records(stream: IO[str]) -> Iterator[Any]:
    """Like :func:`_csv_records` for JSON lines. The header is a list that grows
    with the keys seen so far (it is yielded first and filled in as reading goes)."""
    header: list[str] = []
    yield header
    for n, text in enumerate(stream, 1):
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield n, None, f"line {n:,}: not valid JSON ({exc.msg})"
            continue
        if not isinstance(obj, dict):
            yield n, None, f"line {n:,}: a JSON {type(obj).__name__}, not an object"
            continue
        header.extend(k for k in obj if k not in header)
        yield n, obj, None


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ScoreFileError("Parquet needs pyarrow: pip install 'credscore[parquet]'") from None
    return pq


# --- writing -------------------------------------------------------------------------


def _write_part(df: pd.DataFrame, fmt: Format, path: Path) -> None:
    """One chunk's output, written completely or not at all."""
    tmp = path.with_name(path.name + ".tmp")
    if fmt == "parquet":
        _parquet_ready(df).to_parquet(tmp, index=False)
    elif fmt.startswith("csv"):
        df.to_csv(tmp, index=False, header=False, lineterminator="\n")
    else:
        df.to_json(tmp, orient="records", lines=True, force_ascii=False)
    os.replace(tmp, path)


def _stream_chunk(df: pd.DataFrame, fmt: Format, out: IO[str], first: bool) -> None:
    if fmt.startswith("csv"):
        df.to_csv(out, index=False, header=first, lineterminator="\n")
    else:
        text = df.to_json(orient="records", lines=True, force_ascii=False)
        out.write(text if text.endswith("\n") or not text else text + "\n")
    out.flush()


def _join_parts(parts: list[Path], fmt: Format, header: list[str], target: Path) -> None:
    """Concatenate part files into ``target`` (written to a temp name, then renamed)."""
    tmp = target.with_name(target.name + ".tmp")
    try:
        if fmt == "parquet":
            _join_parquet(parts, header, tmp)
        else:
            # A gzip header holds a file name and a time; with neither, the same
            # parts give the same bytes whenever they are joined (--resume).
            gz = fmt.endswith(".gz")
            with (
                open(tmp, "wb") as raw,
                (
                    gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) if gz else contextlib.nullcontext(raw)
                ) as out,
            ):
                if fmt.startswith("csv"):
                    out.write(pd.DataFrame(columns=header).to_csv(index=False, lineterminator="\n").encode("utf-8"))
                for p in parts:
                    with open(p, "rb") as fh:
                        shutil.copyfileobj(fh, out, 1 << 20)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)  # the parts stay, for --resume
        raise


def _join_parquet(parts: list[Path], header: list[str], tmp: Path) -> None:
    pq = _pyarrow_parquet()
    if not parts:  # no rows at all: an empty file with the right columns
        pd.DataFrame(columns=header).to_parquet(tmp, index=False)
        return
    schema = _unified_schema(parts)
    with pq.ParquetWriter(tmp, schema) as writer:
        for p in parts:
            writer.write_table(_conform(pq.read_table(p), schema))


# Parquet columns hold one type; the parts of one output may not agree. Each part
# is written from a chunk whose types pyarrow inferred: an id column may be int64
# in one part and string in another (JSON ids 1 and "x7"), double in one and
# int64 in another, or null-typed where every value of the chunk was missing.
# The joined file takes, per column, the one type that holds every part's values
# unchanged; a chunk that mixes kinds (:func:`_parquet_ready`) follows the same
# rule, so the output does not depend on where chunks happen to start.


def _value_kind(v: Any) -> str | None:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    return "str" if isinstance(v, str) else type(v).__name__


def _as_text(v: Any) -> str | None:
    """A value as text for a column that mixes kinds: ``1`` -> ``"1"``, a JSON
    object or list -> its JSON text."""
    if _value_kind(v) is None:
        return None
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    return v if isinstance(v, str) else str(v)


#: Integers up to this size are exact as float64 (2**53).
_EXACT_FLOAT_INT = 2**53


def _parquet_ready(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with each object column that mixes kinds of values made uniform,
    as :func:`_unified_schema` would across parts: ints and floats -> floats
    when every int is exact as a float, anything else -> text."""
    out = df
    for col in df.columns:
        if df[col].dtype != object:
            continue
        values = df[col].tolist()
        kinds = {_value_kind(v) for v in values} - {None}
        if len(kinds) < 2 and not kinds & {"dict", "list"}:
            continue  # (JSON objects and lists are always text: pyarrow would merge a chunk's objects)
        if kinds == {"int", "float"} and all(
            abs(v) <= _EXACT_FLOAT_INT for v in values if _value_kind(v) == "int"
        ):  # fmt: skip
            fixed = [None if _value_kind(v) is None else float(v) for v in values]
        else:
            fixed = [_as_text(v) for v in values]
        if out is df:
            out = df.copy()
        out[col] = pd.Series(fixed, index=df.index, dtype=object)
    return out


def _unified_schema(parts: list[Path]) -> Any:
    import pyarrow as pa

    pq = _pyarrow_parquet()
    schemas = [pq.read_schema(p) for p in parts]
    fields = []
    for f in schemas[0]:
        types = [s.field(f.name).type for s in schemas]
        known = list(dict.fromkeys(t for t in types if not pa.types.is_null(t)))
        if len(known) <= 1:
            target = known[0] if known else f.type
        elif all(pa.types.is_integer(t) or pa.types.is_floating(t) for t in known):
            # float64 holds ints exactly up to 2**53; beyond that only text does.
            fits = all(
                _exact_as_float(pq.read_table(p, columns=[f.name]).column(0))
                for p, t in zip(parts, types, strict=True)
                if pa.types.is_integer(t)
            )
            target = pa.float64() if fits else pa.string()
        else:
            target = pa.string()
        fields.append(pa.field(f.name, target))
    return pa.schema(fields, metadata=_pandas_metadata(schemas, fields))


#: pandas' description of a column that a join turned into text or floats, as
#: pandas writes it for an object column of str, or a float64 column.
_PANDAS_COLUMN = {"string": ("unicode", "object"), "double": ("float64", "float64")}


def _pandas_metadata(schemas: list[Any], fields: list[Any]) -> dict[bytes, bytes] | None:
    """The first part's schema metadata, with pandas' entry for each column whose
    type the join changed taken from a part of that type: pandas reads a file
    back by it (str columns, for one), so it must describe the joined file."""
    first = schemas[0].metadata
    if not first or b"pandas" not in first:
        return first
    described = [json.loads(s.metadata[b"pandas"]) if s.metadata and b"pandas" in s.metadata else None for s in schemas]
    meta = described[0]
    for f in fields:
        if schemas[0].field(f.name).type == f.type:
            continue
        entry = next(
            (e for s, d in zip(schemas, described, strict=True) if d and s.field(f.name).type == f.type
             for e in d["columns"] if e.get("field_name") == f.name),
            None,
        )  # fmt: skip
        for i, e in enumerate(meta["columns"]):
            if e.get("field_name") == f.name:
                if entry is None:
                    pandas_type, numpy_type = _PANDAS_COLUMN[str(f.type)]
                    entry = {**e, "pandas_type": pandas_type, "numpy_type": numpy_type, "metadata": None}
                meta["columns"][i] = entry
    return {**first, b"pandas": json.dumps(meta).encode("utf-8")}


def _exact_as_float(column: Any) -> bool:
    import pyarrow.compute as pc

    bounds = pc.min_max(column)
    return all(abs(bounds[k].as_py() or 0) <= _EXACT_FLOAT_INT for k in ("min", "max"))


def _conform(table: Any, schema: Any) -> Any:
    import pyarrow as pa

    columns = []
    for f in schema:
        col = table.column(f.name)
        if col.type == f.type:
            columns.append(col)
        elif pa.types.is_null(col.type):
            columns.append(pa.nulls(len(col), f.type))
        elif pa.types.is_string(f.type) and not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
            columns.append(pa.array([_as_text(v) for v in col.to_pylist()], pa.string()))
        else:
            columns.append(col.cast(f.type))  # safe: fails rather than change a value
    return pa.Table.from_arrays(columns, schema=schema)


# --- progress --------------------------------------------------------------------------


class _Progress:
    """A one-line progress display on a terminal; silent otherwise."""

    def __init__(self, enabled: bool, stream: IO[str]):
        self.enabled = enabled
        self.stream = stream
        self.t0 = time.monotonic()
        self.last = 0.0

    def update(self, rows: int, progress: tuple[float, float] | None, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.25:
            return
        self.last = now
        elapsed = max(now - self.t0, 1e-9)
        line = f"\r{rows:,} rows  {rows / elapsed:,.0f} rows/s"
        if progress and progress[1]:
            done, total = progress
            frac = min(done / total, 1.0)
            left = elapsed * (1 - frac) / frac if frac > 0 else 0
            line += f"  {frac:.0%}  ETA {int(left // 60)}:{int(left % 60):02d}"
        self.stream.write(line.ljust(60))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


# --- the run ---------------------------------------------------------------------------


def read_table(
    path: str, columns: Sequence[tuple[str, str]], *, encoding: str = "utf-8", input_format: str | None = None
) -> pd.DataFrame:
    """A whole table (CSV, CSV.gz, JSON lines, Parquet), read as :func:`score_file` reads its input — the
    same byte-order marks, encodings, malformed-line errors and column checks — for ``credscore train`` and
    ``evaluate``. ``columns``: (name, role) of the ones the caller needs, the text first ("text column",
    "label column", "group column"; a missing one is named with its ``--<role>`` option); an empty CSV cell
    is a missing value. Raises :class:`ScoreFileError` with what is wrong and how to fix it."""
    import codecs

    try:
        fmt = detect_format(path, input_format)
    except ScoreFileError:
        raise ScoreFileError(
            f"cannot tell the format of {path!r} from its extension; name the file with one of "
            f"{', '.join(sorted(FORMATS))} (CSV, JSON lines or Parquet), e.g. {Path(path).stem}.csv for CSV"
        ) from None
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ScoreFileError(f"unknown encoding {encoding!r}; pass one Python knows, e.g. --encoding latin-1") from None
    try:
        src = _open_input(path, fmt, columns[0][0], [], DEFAULT_CHUNKSIZE, encoding, "error", "error")
        chunks = list(src.chunks)
    except OSError as exc:
        raise _os_error(exc, path, "") from None
    df = pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame(columns=[c for c, _ in columns])
    if fmt.startswith("csv"):
        df = df.mask(df == "")
    hints = {what: f"pass --{what.replace(' column', '')}-column NAME" for _, what in columns}
    require_columns(df.columns, columns, where=path, hints=hints, error=ScoreFileError)
    return df


def score_file(
    src: str,
    dst: str,
    *,
    text_col: str = "text",
    id_cols: Sequence[str] = (),
    level: Level = "sentence",
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
    input_format: str | None = None,
    output_format: str | None = None,
    encoding: str = "utf-8",
    encoding_errors: str = "error",
    on_bad_lines: str = "keep",
    resume: bool = False,
    progress: bool | None = None,
    model_path: str | None = None,
    max_chars: int | None = None,
    truncate: bool = False,
    html: bool = False,
) -> Summary:
    """Score every row of ``src`` and write the result to ``dst``.

    Parameters mirror ``credscore score-file`` (see ``credscore score-file
    --help``); ``progress=None`` shows a progress bar only on a terminal.

    Raises
    ------
    ScoreFileError
        For anything the user can fix: a missing column (the message lists the
        columns that exist), an undecodable line, a malformed CSV line, a
        resume that does not match the interrupted run (other settings, another
        input, a model file that changed), an output that cannot be written.
    """
    t0 = time.monotonic()
    if chunksize < 1:
        raise ScoreFileError(f"--chunksize must be at least 1, got {chunksize}")
    if jobs == 0 or jobs < -1:
        raise ScoreFileError(f"--jobs must be a positive number, or -1 for every core; got {jobs}")
    if jobs == -1:
        jobs = os.cpu_count() or 1
    if on_bad_lines not in ("keep", "error", "warn", "skip"):
        raise ScoreFileError(f"--on-bad-lines must be keep, error, warn or skip, got {on_bad_lines!r}")
    if encoding_errors not in ("error", "keep", "replace"):
        raise ScoreFileError(f"--encoding-errors must be error, keep or replace, got {encoding_errors!r}")
    try:
        "".encode(encoding)
    except LookupError:
        raise ScoreFileError(f"unknown encoding {encoding!r}") from None
    in_fmt = detect_format(src, input_format)
    out_fmt = detect_format(dst, output_format)
    if dst == "-" and out_fmt == "parquet":
        raise ScoreFileError("Parquet cannot be written to standard output; pass a file name")
    if dst == "-" and resume:
        raise ScoreFileError("--resume needs an output file; standard output cannot be resumed")
    if dst != "-" and src != "-" and Path(dst).resolve() == Path(src).resolve():
        raise ScoreFileError("the output file is the input file; choose another output name")
    if dst != "-":
        check_output_path(dst)
    if "parquet" in (in_fmt, out_fmt):
        _pyarrow_parquet()  # before any work (and before a parts folder that looks like an interrupted run)
    model, model_sha256 = _model_and_digest(model_path)
    source = _open_input(src, in_fmt, text_col, id_cols, chunksize, encoding, on_bad_lines, encoding_errors)
    show = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(show, sys.stderr)
    summary = Summary(output=dst)
    options = {
        "text_column": text_col,
        "id_columns": list(id_cols),
        "level": level,
        "chunksize": chunksize,
        "input_format": in_fmt,
        "output_format": out_fmt,
        "encoding": encoding,
        "on_bad_lines": on_bad_lines,
        "encoding_errors": encoding_errors,
        "model": str(Path(model_path).resolve()) if model_path else "default",
        # The path alone would let a resume mix two models when the file was replaced.
        "model_sha256": model_sha256,
        "max_chars": max_chars,
        "truncate": truncate,
        "html": html,
        "credscore_version": __version__,
    }
    header: list[str] | None = None
    offset = 0
    created_parts = False
    from .scoring import DEFAULT_MAX_CHARS

    limit = DEFAULT_MAX_CHARS if max_chars is None else max_chars

    parts_dir = None if dst == "-" else Path(dst + ".parts")

    def tasks() -> Iterator[tuple[Any, tuple[Any, ...]]]:
        """One task per chunk, read lazily: a finished chunk of an interrupted
        run (--resume) is not scored again, only accounted for."""
        nonlocal offset
        for i, df in enumerate(source.chunks):
            _check_columns(list(df.columns), text_col, id_cols, src)
            df.index = pd.RangeIndex(offset, offset + len(df))
            offset += len(df)
            if parts_dir is not None:
                part, stats_path = _part_paths(parts_dir, i, out_fmt)
                if part.exists() and stats_path.exists():
                    stats = json.loads(stats_path.read_text())
                    if stats["input_rows"] != len(df):
                        raise ScoreFileError(
                            f"{parts_dir}: chunk {i} was {stats['input_rows']} rows and is now {len(df)}; "
                            "the input changed since the interrupted run; delete the folder and start again"
                        )
                    yield _resumed, (i, stats)
                    continue
            yield _score_chunk, (i, df, text_col, list(id_cols), level, model_path, limit, truncate, html, model,
                                 model_sha256)  # fmt: skip

    def results() -> Iterator[tuple[str, int, Any]]:
        if jobs == 1:
            for fn, args in tasks():
                yield fn(*args)
            return
        from joblib import Parallel, delayed

        # Chunks go to worker processes as they are read, at most two per worker
        # in flight (memory stays flat); results come back in input order. Each
        # worker loads the model once.
        with Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs") as parallel:
            yield from parallel(delayed(fn)(*_for_worker(fn, args)) for fn, args in tasks())

    try:
        stream = None
        if parts_dir is None:
            stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
        else:
            manifest = {"version": _MANIFEST_VERSION, "input": _fingerprint(src, resume), "options": options}
            created_parts = not parts_dir.exists()
            _prepare_parts(parts_dir, manifest, resume, dst)
        n_chunks = 0
        for kind, i, payload in results():
            n_chunks = max(n_chunks, i + 1)
            summary.chunks += 1
            if kind == "resumed":
                stats = payload
                summary.resumed_chunks += 1
            else:
                n_in, out = payload
                if level == "document" and len(out) != n_in:  # pragma: no cover - the batch contract
                    raise RuntimeError(f"document-level output has {len(out)} rows for {n_in} input rows")
                stats = _chunk_stats(n_in, out, level)
                if stream is not None:
                    _stream_chunk(out, out_fmt, stream, first=i == 0)
                else:
                    part, stats_path = _part_paths(parts_dir, i, out_fmt)  # type: ignore[arg-type]
                    stats_path.write_text(json.dumps(stats))
                    _write_part(out, out_fmt, part)  # the part exists only once complete
            header = stats["header"]
            summary.rows += stats["input_rows"]
            summary.output_rows += stats["output_rows"]
            summary.sentences += stats["sentences"]
            summary.statuses.update(stats["statuses"])
            bar.update(summary.rows, source.progress())
        if stream is not None:
            stream.detach()
        else:
            if header is None:  # an input with no rows: still write a valid, empty output
                header = [*id_cols, *_empty_header(level, model)]
            parts = [_part_paths(parts_dir, i, out_fmt)[0] for i in range(n_chunks)]  # type: ignore[arg-type]
            _join_parts(parts, out_fmt, header, Path(dst))
            shutil.rmtree(parts_dir, ignore_errors=True)  # type: ignore[arg-type]
    except KeyError as exc:
        _discard_if_empty(dst, created_parts)
        raise ScoreFileError(str(exc.args[0]) if exc.args else str(exc)) from None
    except BrokenPipeError:  # a closed standard output (`| head`): the CLI ends quietly
        raise
    except (ScoreFileError, ValueError):
        # A run that fails before finishing any chunk leaves nothing to resume.
        _discard_if_empty(dst, created_parts)
        raise
    except OSError as exc:
        _discard_if_empty(dst, created_parts)
        raise _os_error(exc, src, dst) from None
    finally:
        bar.update(summary.rows, source.progress(), force=True)
        bar.close()
    summary.bad_lines = list(source.bad_lines)
    summary.seconds = time.monotonic() - t0
    return summary


def _part_paths(parts_dir: Path, i: int, fmt: Format) -> tuple[Path, Path]:
    return parts_dir / f"chunk-{i:06d}.{_part_ext(fmt)}", parts_dir / f"chunk-{i:06d}.json"


def _resumed(i: int, stats: dict[str, Any]) -> tuple[str, int, Any]:
    return "resumed", i, stats


_WORKER_MODELS: dict[str, Any] = {}


def _for_worker(fn: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Arguments as sent to a worker process: the model by path (and digest), not by value."""
    if fn is _score_chunk:
        return (*args[:9], None, *args[10:])
    return args


def _score_chunk(
    i: int, df: pd.DataFrame, text_col: str, id_cols: list[str], level: Level, model_path: str | None,
    max_chars: int | None, truncate: bool, html: bool = False, model: Any = None, model_sha256: str | None = None,
) -> tuple[str, int, Any]:  # fmt: skip
    """Score one chunk (in this process or a worker); a worker loads a model file
    once, and only if it is still the file the run started with."""
    if model is None and model_path:
        key = f"{model_path}#{model_sha256}"  # workers outlive a run: a replaced file is not the cached model
        model = _WORKER_MODELS.get(key)
        if model is None:
            model, digest = _model_and_digest(model_path)
            if model_sha256 is not None and digest != model_sha256:
                raise ScoreFileError(
                    f"the model file {model_path} was replaced while the run was going on; run again "
                    "once it stays put (finished chunks are kept: add --resume)"
                )
            _WORKER_MODELS[key] = model
    out = score_frame(
        df, text_col, id_cols=id_cols, level=level, model=model, max_chars=max_chars, truncate=truncate, html=html
    )
    return "scored", i, (len(df), out)


def _chunk_stats(n_in: int, out: pd.DataFrame, level: Level) -> dict[str, Any]:
    if level == "sentence":
        sentences = int(out["sentence"].notna().sum())
        statuses = Counter(out.drop_duplicates("row")["status"].tolist())
    else:
        sentences = int(out["n_sentences"].sum())
        statuses = Counter(out["status"].tolist())
    return {"input_rows": n_in, "output_rows": len(out), "sentences": sentences, "statuses": dict(statuses),
            "header": list(out.columns)}  # fmt: skip


def _model_and_digest(model_path: str | None) -> tuple[Any, str]:
    """The model to score with (None: the default) and the SHA-256 of its file.
    The digest is of the very bytes loaded, so it names the model that scores."""
    from .model import ModelError, _load_bytes, default_model_path, load_model, model_file

    try:
        if not model_path or model_path == "default":
            with open(default_model_path(), "rb") as fh:
                return None, hashlib.file_digest(fh, "sha256").hexdigest()
        path = model_file(model_path)
        if not path.is_file():
            load_model(path)  # raises the ModelError that says what is there instead
        data = path.read_bytes()
        return _load_bytes(data, str(path)), hashlib.sha256(data).hexdigest()
    except ModelError as exc:
        raise ScoreFileError(str(exc)) from None
    except OSError as exc:
        raise ScoreFileError(f"cannot read the model file {model_path}: {exc.strerror or exc}") from None


def _os_error(exc: OSError, src: str, dst: str) -> ScoreFileError:
    """An OSError while reading or writing, as a message with the path and the reason."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, gzip.BadGzipFile):
        return ScoreFileError(f"{src} is not a valid gzip file ({exc}); check the file, or its extension")
    name = str(exc.filename) if exc.filename else None
    if name is not None and (name == src or not name.startswith(dst)):
        return ScoreFileError(f"cannot read {name}: {reason}")
    where = f" ({name})" if name and name != dst else ""
    return ScoreFileError(
        f"cannot write {dst}: {reason}{where}; check the folder's permissions and free space, then run again "
        "(with --resume if some chunks were finished)"
    )


def _discard_if_empty(dst: str, created: bool) -> None:
    parts_dir = Path(dst + ".parts")
    if created and parts_dir.exists() and not any(parts_dir.glob("chunk-*.json")):
        shutil.rmtree(parts_dir, ignore_errors=True)


def _empty_header(level: Level, model: Any) -> list[str]:
    from .batch import _model_labels, output_columns

    return list(output_columns(level, _model_labels(model)))


def _part_ext(fmt: Format) -> str:
    return {"csv": "csv", "csv.gz": "csv", "jsonl": "jsonl", "jsonl.gz": "jsonl", "parquet": "parquet"}[fmt]


def _check_columns(columns: Sequence[Any], text_col: str, id_cols: Sequence[str], src: str, note: str = "") -> None:
    require_columns(
        columns, [(text_col, "text column"), *((c, "id column") for c in id_cols)], where=f"{src}{note}",
        hints={"text column": "pass --text-column NAME", "id column": "pass --id-column NAME"}, error=ScoreFileError,
    )  # fmt: skip


def _fingerprint(src: str, resume: bool) -> dict[str, Any]:
    if src == "-":
        if resume:
            raise ScoreFileError("standard input cannot be resumed; write the input to a file first")
        return {"path": "-"}
    st = os.stat(src)
    return {"path": str(Path(src).resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _prepare_parts(parts_dir: Path, manifest: dict[str, Any], resume: bool, dst: str) -> None:
    path = parts_dir / "manifest.json"
    if parts_dir.exists():
        if not resume:
            raise ScoreFileError(
                f"{parts_dir} holds an interrupted run for {dst}; continue it with --resume, "
                "or delete that folder to start over"
            )
        try:
            old = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            raise ScoreFileError(f"{path} is missing or unreadable; delete {parts_dir} to start over") from None
        diffs = [k for k in ("version", "input", "options") if old.get(k) != manifest.get(k)]
        if diffs:
            what = {
                "input": "the input file changed (path, size or time)",
                "options": "the options differ",
                "version": "it was written by another credscore version",
            }
            details = "; ".join(what[d] for d in diffs)
            if "options" in diffs:
                before = old.get("options", {})
                changed = [k for k in manifest["options"] if before.get(k) != manifest["options"][k]]
                details += f" ({', '.join(changed)})"
                was, now = before.get("model_sha256"), manifest["options"]["model_sha256"]
                if was and "model_sha256" in changed and "model" not in changed:
                    path = manifest["options"]["model"]
                    which = "the default model" if path == "default" else f"the model file {path}"
                    details += (
                        f"; {which} is not the one the interrupted run used (SHA-256 {was[:12]}... then, "
                        f"{now[:12]}... now): resuming would mix two models' scores"
                    )
            raise ScoreFileError(f"cannot resume {dst}: {details}. Use the same settings, or delete {parts_dir}")
        return
    if resume and Path(dst).exists():
        # The run finished: scoring everything again without a word would be a
        # surprise (and slow), so say so; without --resume the output is rewritten.
        raise ScoreFileError(
            f"nothing to resume: {dst} is complete (there is no {parts_dir}); run without --resume to score again"
        )
    parts_dir.mkdir(parents=True)
    tmp = path.with_name("manifest.json.tmp")
    tmp.write_text(json.dumps(manifest, indent=2))
    os.replace(tmp, path)
