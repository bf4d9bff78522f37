"""Reading batch input: CSV, CSV.gz, JSON lines and Parquet, a chunk at a time, with one policy for
byte-order marks, encodings, malformed lines and missing columns (also :func:`read_table`, the whole-table
reader of ``credscore train`` and ``evaluate``).

Before a CSV or JSON-lines file is decoded, its first bytes are sniffed (:func:`credscore.sniff.sniff`): a
gzip file is decompressed whatever its name, anything else that is not text (a PDF, an archive, a
Parquet file named .csv, binary data) stops the run with what it looks like and what to do."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pandas as pd

from ..batch import Unreadable, escape_raw
from ..errors import InputError, require_columns
from ..formats import DEFAULT_CHUNKSIZE, FORMATS, Format, ScoreFileError, detect_format, pyarrow_parquet
from ..sniff import SNIFF_BYTES, sniff

__all__ = ["COLUMN_PARAMS", "InputChunks", "check_columns", "file_error", "open_input", "read_table"]

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


#: What to do with a Parquet file read as CSV or JSON lines (the format comes from the extension).
_SNIFF_FIXES = {"a Parquet file": "name it .parquet, or pass input_format='parquet'"}


@dataclass
class InputChunks:
    """An input being read (:func:`open_input`): its chunks (read lazily: the file is opened when the first
    chunk is asked for), how far reading is, and the malformed lines skipped so far."""

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


def open_input(
    path: str,
    fmt: Format,
    *,
    text_col: str,
    id_cols: Sequence[str] = (),
    chunksize: int = DEFAULT_CHUNKSIZE,
    encoding: str = "utf-8",
    on_bad_lines: str = "error",
    encoding_errors: str = "error",
) -> InputChunks:
    """``path`` (``-``: standard input) in ``fmt``, a chunk of ``chunksize`` rows at a time: the one reader of
    :func:`credscore.files.score_file` and :func:`read_table`. The options are those of
    :class:`credscore.files.ScoreFileSettings`; ``text_col`` and ``id_cols`` are checked (:func:`check_columns`)
    as soon as the header is read. Raises :class:`ScoreFileError` for anything the user can fix."""
    bad: list[str] = []
    if fmt == "parquet":
        if path == "-":
            raise ScoreFileError("Parquet cannot be read from standard input; pass a file")
        pq = pyarrow_parquet()
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

        return InputChunks(parquet_chunks(), lambda: (state["rows"], total), bad)

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
        try:
            buffered = _sniffed(io.BufferedReader(counter, buffer_size=1 << 20), path, encoding)
        except BaseException:
            if path != "-":
                raw.close()
            raise
        # utf-8-sig drops a byte-order mark; surrogateescape keeps undecodable
        # bytes so that the row they are in can be named (or kept, or repaired).
        enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
        stream = io.TextIOWrapper(buffered, encoding=enc, errors="surrogateescape", newline="")
        records = _csv_records(stream) if fmt.startswith("csv") else _jsonl_records(stream)

        def good_rows() -> Iterator[dict[str, Any]]:
            """The rows to score, after ``on_bad_lines`` and ``encoding_errors``."""
            for line, row, problem, lines in records:
                problem = problem or _decoding_problem(row, line, encoding, encoding_errors, path)
                if problem:
                    if on_bad_lines == "error":
                        raise ScoreFileError(
                            f"{path}: {problem}. Fix it, or pass on_bad_lines='keep' (score the other rows and "
                            "give this one status 'unreadable'), 'warn' or 'skip'"
                        )
                    if on_bad_lines in ("warn", "skip"):
                        bad.append(problem)
                        if on_bad_lines == "warn":
                            print(f"credscore: skipped: {problem}", file=sys.stderr)
                        continue
                    row = dict(row or {})
                    row[text_col] = Unreadable(problem, escape_raw(_raw_text(lines)))
                elif encoding_errors == "replace":
                    row = _repaired(row, encoding)
                yield row

        try:
            header: list[str] = next(records)
            if fmt.startswith("csv"):
                # Before any row: a malformed row's placeholder must not pass for the column.
                check_columns(header, text_col, id_cols, path)
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
                f"{path}: not valid {encoding} near byte {exc.start}; pass the file's encoding, e.g. encoding='latin-1'"
            ) from None
        except EOFError as exc:  # gzip data that stops before its end
            raise ScoreFileError(f"{path}: the gzip data ends early ({exc}); the file is truncated") from None
        finally:
            if path != "-":
                raw.close()

    return InputChunks(text_chunks(), progress, bad)


def _sniffed(buffered: IO[bytes], path: str, encoding: str) -> IO[bytes]:
    """The input stream to decode: sniffed, not trusted to the extension. A gzip file is decompressed
    whatever its name (and a .gz that is not gzip read as it is); what is not text stops here, before a
    decoding error could suggest an encoding."""
    where = "standard input" if path == "-" else path
    head, buffered = _peek(buffered)
    if _sniff(head, where, encoding) == "gzip":
        try:
            head, buffered = _peek(gzip.GzipFile(fileobj=buffered, mode="rb"))  # type: ignore[arg-type]
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise ScoreFileError(f"{where} starts like a gzip file but is not a valid one ({exc}); check it") from None
        if _sniff(head, f"{where} (decompressed)", encoding) == "gzip":
            raise ScoreFileError(f"{where} is gzip-compressed twice; decompress it once first (gunzip -k)")
    return buffered


def _sniff(head: bytes, where: str, encoding: str) -> str:
    """:func:`credscore.sniff.sniff` with score-file's advice and error type."""
    try:
        return sniff(head, where=where, encoding=encoding, fixes=_SNIFF_FIXES)
    except InputError as exc:
        raise ScoreFileError(str(exc)) from None


class _Prefixed(io.RawIOBase):
    """``head`` (bytes already read from ``rest``), then the rest of ``rest``."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self.head = memoryview(head)
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self.head:
            n = min(len(b), len(self.head))
            b[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        return self.rest.readinto(b) or 0  # type: ignore[attr-defined]


def _peek(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """The first :data:`~credscore.sniff.SNIFF_BYTES` of ``stream`` (fewer at its end), and a stream that
    still starts at its start: a pipe cannot seek back."""
    parts: list[bytes] = []
    n = 0
    while n < SNIFF_BYTES:
        part = stream.read(SNIFF_BYTES - n)
        if not part:
            break
        parts.append(part)
        n += len(part)
    head = b"".join(parts)
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 20)


def _raw_text(lines: Sequence[str]) -> str:
    """A record's physical lines as they are in the file, without the final line break."""
    text = "".join(lines)
    return text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith(("\n", "\r")) else text


_SURROGATE = re.compile("[\udc80-\udcff]")


def _decoding_problem(row: dict[str, Any] | None, line: int, encoding: str, errors: str, path: str) -> str | None:
    if not row or errors == "replace":
        return None
    for value in row.values():
        if isinstance(value, str) and _SURROGATE.search(value):
            if errors == "error":
                raise ScoreFileError(
                    f"{path}: line {line:,} is not valid {encoding}; pass the file's encoding, e.g. "
                    "encoding='latin-1', or encoding_errors='keep' (give such rows status 'unreadable') or 'replace'"
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
        check_columns(header, wanted[0], wanted[1:], path, f" ({seen})")
    yield from ahead
    yield from rows


class _Lines:
    """The lines of a stream, as :func:`csv.reader` reads them, counted, with the lines of the record being
    read kept (``record``, a new list per record) for its raw text and the quote check."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.count = 0
        self.record: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        text = next(self.stream)
        self.count += 1
        self.record.append(text)
        return text


def _csv_records(stream: IO[str]) -> Iterator[Any]:
    """The header, then (line number, row as dict, problem or None, the record's lines) per record."""
    lines = _Lines(stream)
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        return
    header = [h.strip() for h in header]
    yield header
    while True:
        lines.record = []
        line = lines.count + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        if not fields:
            continue  # a blank line is not a row
        record = lines.record
        problem = _quote_problem(record, line, lines.count) if len(record) > 1 else None
        if problem:
            yield line, dict(zip(header, fields, strict=False)), problem, record
        elif len(fields) != len(header):
            row = dict(zip(header, fields, strict=False))
            yield line, row, f"line {line:,}: expected {len(header)} fields, saw {len(fields)}", record
        else:
            yield line, dict(zip(header, fields, strict=True)), None, record


def _quote_problem(record: list[str], first: int, last: int) -> str | None:
    """Why a CSV record that runs over several lines (``first`` to ``last``) is not a row, or None.

    A quoted field may hold line breaks; but a quotation mark that opens a field and is never closed
    swallows the lines after it, as many as it takes to reach the next quotation mark or the end of the
    file, and the rows on them vanish into one cell (the csv module, like pandas' Python engine, reads
    on without a word; pandas' C engine stops only at the end of the file: "EOF inside string"). Such
    a record is told from a real multi-line field by reading it again strictly: a field that is closed
    by a quotation mark in the middle of a field (``"...\n2,"fine"``), or not closed by the end of the
    file, is not one the writer of the file quoted.
    """
    text = "".join(record)
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), strict=True):
            pass
        return None
    except csv.Error as exc:
        at_end = "unexpected end of data" in str(exc)
    opened = first + _open_quote_line(record)
    fix = (
        f'close the quotation mark on line {opened:,} (a quotation mark inside a quoted field is written twice: ""), '
        "or remove it"
    )
    if at_end:
        return (
            f"line {opened:,}: a quoted field opens here and is never closed, so lines {opened + 1:,}-{last:,} "
            f"(to the end of the file) would be read into this row; {fix}"
        )
    return (
        f"line {opened:,}: a quoted field opens here and runs on to line {last:,}, where a quotation mark closes "
        f"it in the middle of a field, so the rows on lines {opened + 1:,}-{last:,} would be read into this row; {fix}"
    )


def _open_quote_line(record: list[str]) -> int:
    """The index in ``record`` of the line where the broken quoted field opens: the first one that is not
    closed, or is closed by a quotation mark followed by something other than a comma or a line break."""
    text = "".join(record)
    i, n, opened = 0, len(text), 0
    while i < n:
        if text[i] == '"' and (i == 0 or text[i - 1] in ",\r\n"):
            opened = i
            j = i + 1
            while j < n and not (text[j] == '"' and text[j + 1 : j + 2] != '"'):
                j += 2 if text[j] == '"' else 1  # "" is a quotation mark inside the field
            if j >= n or text[j + 1 : j + 2] not in ("", ",", "\r", "\n"):
                break
            i = j + 1
            continue
        i += 1
    seen = 0
    for k, line in enumerate(record):  # the line that holds character ``opened``
        seen += len(line)
        if opened < seen:
            return k
    return len(record) - 1


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
            yield n, None, f"line {n:,}: not valid JSON ({exc.msg})", [text]
            continue
        if not isinstance(obj, dict):
            yield n, None, f"line {n:,}: a JSON {type(obj).__name__}, not an object", [text]
            continue
        header.extend(k for k in obj if k not in header)
        yield n, obj, None, [text]


#: The parameter that names a column of each role, for the hint of a column that is not there.
COLUMN_PARAMS = {
    "text column": "text_col='NAME'",
    "id column": "id_cols=['NAME']",
    "label column": "label_col='NAME'",
    "group column": "group_col='NAME'",
    "paragraph column": "paragraph_col='NAME'",
}


def check_columns(columns: Sequence[Any], text_col: str, id_cols: Sequence[str], src: str, note: str = "") -> None:
    """The text column and id columns of a file being scored are among ``columns`` (the header), or a
    :class:`ScoreFileError` names the missing one, the columns there are, and the parameter to pass."""
    require_columns(
        columns, [(text_col, "text column"), *((c, "id column") for c in id_cols)], where=f"{src}{note}",
        hints={what: f"pass {COLUMN_PARAMS[what]}" for what in ("text column", "id column")}, error=ScoreFileError,
    )  # fmt: skip


def read_table(
    path: str, columns: Sequence[tuple[str, str]], *, encoding: str = "utf-8", input_format: str | None = None
) -> pd.DataFrame:
    """A whole table (CSV, CSV.gz, JSON lines, Parquet), read as :func:`score_file` reads its input — the
    same byte-order marks, encodings, malformed-line errors and column checks — for ``credscore train`` and
    ``evaluate``. ``columns``: (name, role) of the ones the caller needs, the text first ("text column",
    "label column", "group column", "paragraph column"); an empty CSV cell
    is a missing value. Raises :class:`ScoreFileError` with what is wrong and how to fix it.

    A missing column's message names the parameter for its role (:data:`COLUMN_PARAMS`, e.g.
    ``label_col='NAME'``), as :func:`credscore.train` calls it."""
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
        raise ScoreFileError(f"unknown encoding {encoding!r}; pass one Python knows, e.g. encoding='latin-1'") from None
    try:
        src = open_input(path, fmt, text_col=columns[0][0])
        chunks = list(src.chunks)
    except OSError as exc:
        raise file_error(exc, path, "") from None
    df = pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame(columns=[c for c, _ in columns])
    if fmt.startswith("csv"):
        df = df.mask(df == "")
    hints = {what: f"pass {COLUMN_PARAMS[what]}" for _, what in columns if what in COLUMN_PARAMS}
    require_columns(df.columns, columns, where=path, hints=hints, error=ScoreFileError)
    return df


def file_error(exc: OSError, src: str, dst: str) -> ScoreFileError:
    """An OSError while reading ``src`` or writing ``dst``, as a :class:`ScoreFileError` with the path and the
    reason (and, for a write, what to check)."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, gzip.BadGzipFile):
        return ScoreFileError(f"{src} is not a valid gzip file ({exc}); check the file, or its extension")
    name = str(exc.filename) if exc.filename else None
    if name is not None and (name == src or not name.startswith(dst)):
        return ScoreFileError(f"cannot read {name}: {reason}")
    where = f" ({name})" if name and name != dst else ""
    return ScoreFileError(
        f"cannot write {dst}: {reason}{where}; check the folder's permissions and free space, then run again "
        "(with resume=True if some chunks were finished)"
    )
