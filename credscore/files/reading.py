"""Reading batch input: CSV, CSV.gz, JSON lines and Parquet, a chunk at a time, with one policy for
byte-order marks, encodings, malformed lines and missing columns (also :func:`read_table`, the whole-table
reader of ``credscore train`` and ``evaluate``)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pandas as pd

from ..batch import Unreadable
from ..errors import require_columns
from ..formats import DEFAULT_CHUNKSIZE, FORMATS, Format, ScoreFileError, detect_format

# Cells as large as the text they hold: the csv module's default cap is 128 KB.
csv.field_size_limit(2**31 - 1)


#: A JSON-lines file has no header: its columns are the keys seen so far. A
#: column asked for (the text column, an id column) must be a key of at least
#: one of the first this many records, whatever ``chunksize`` is, or the run
#: stops with an error that lists the keys seen; a later record that lacks it
#: gets NA there (status ``missing`` for the text), as a CSV cell left empty
#: would. A fixed number, not the first chunk, so that ``--chunksize`` never
#: decides between an error and a result.
_JSONL_LOOKAHEAD = 2_000


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


def _check_columns(columns: Sequence[Any], text_col: str, id_cols: Sequence[str], src: str, note: str = "") -> None:
    require_columns(
        columns, [(text_col, "text column"), *((c, "id column") for c in id_cols)], where=f"{src}{note}",
        hints={"text column": "pass --text-column NAME", "id column": "pass --id-column NAME"}, error=ScoreFileError,
    )  # fmt: skip


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ScoreFileError("Parquet needs pyarrow: pip install 'credscore[parquet]'") from None
    return pq


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
