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
  run; the run's settings are recorded in ``OUT.parts/manifest.json`` and a
  resume with other settings or another input is refused.

Writing to standard output (``"-"``) streams chunk by chunk instead.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

import pandas as pd

from . import __version__
from .batch import Level, Unreadable, score_frame

# Cells as large as the text they hold: the csv module's default cap is 128 KB.
csv.field_size_limit(2**31 - 1)

__all__ = ["FORMATS", "ScoreFileError", "Summary", "detect_format", "score_file"]

Format = Literal["csv", "csv.gz", "jsonl", "jsonl.gz", "parquet"]
#: Formats by file extension.
FORMATS: dict[str, Format] = {
    ".csv": "csv",
    ".csv.gz": "csv.gz",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl.gz",
    ".parquet": "parquet",
    ".pq": "parquet",
}
#: Rows per chunk: large enough that per-chunk overhead vanishes, small enough
#: that memory stays in the tens of megabytes for news articles.
DEFAULT_CHUNKSIZE = 2_000
_MANIFEST_VERSION = 1


class ScoreFileError(Exception):
    """A user-facing error: the message says what is wrong and how to fix it."""


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


def detect_format(path: str, given: str | None = None) -> Format:
    """The format of ``path`` from its extension (or ``given``, needed for ``-``)."""
    if given:
        if given not in FORMATS.values():
            raise ScoreFileError(f"unknown format {given!r}; use one of: {', '.join(sorted(set(FORMATS.values())))}")
        return given  # type: ignore[return-value]
    if path == "-":
        return "csv"
    name = path.lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ext):
            return FORMATS[ext]
    raise ScoreFileError(
        f"cannot tell the format of {path!r} from its extension; use one of "
        f"{', '.join(sorted(FORMATS))} or pass --input-format/--output-format"
    )


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


def _open_input(path: str, fmt: Format, text_col: str, chunksize: int, encoding: str,
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
                df = batch.to_pandas()
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
        try:
            header: list[str] = next(records)  # type: ignore[assignment]
            rows: list[dict[str, Any]] = []
            for line, row, problem in records:  # type: ignore[misc]
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
                rows.append(row)
                if len(rows) >= chunksize:
                    yield pd.DataFrame(rows, columns=_columns(header, rows))
                    rows = []
            if rows:
                yield pd.DataFrame(rows, columns=_columns(header, rows))
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
        df.to_parquet(tmp, index=False)
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
    if fmt == "parquet":
        pq = _pyarrow_parquet()
        writer = None
        try:
            for p in parts:
                table = pq.read_table(p)
                if writer is None:
                    writer = pq.ParquetWriter(tmp, table.schema)
                writer.write_table(table.cast(writer.schema))
            if writer is None:  # no rows at all: an empty file with the right columns
                pd.DataFrame(columns=header).to_parquet(tmp, index=False)
        finally:
            if writer is not None:
                writer.close()
    else:
        opener = gzip.open if fmt.endswith(".gz") else open
        with opener(tmp, "wb") as out:  # type: ignore[operator]
            if fmt.startswith("csv"):
                out.write((pd.DataFrame(columns=header).to_csv(index=False, lineterminator="\n")).encode("utf-8"))
            for p in parts:
                with open(p, "rb") as fh:
                    shutil.copyfileobj(fh, out, 1 << 20)
    os.replace(tmp, target)


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
        resume that does not match the interrupted run.
    """
    from .model import ModelError, load_model

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
    try:
        model = load_model(model_path) if model_path else None
    except ModelError as exc:
        raise ScoreFileError(str(exc)) from None
    source = _open_input(src, in_fmt, text_col, chunksize, encoding, on_bad_lines, encoding_errors)
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
            _check_columns(df, text_col, id_cols, src)
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
            yield _score_chunk, (i, df, text_col, list(id_cols), level, model_path, limit, truncate, html, model)

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
    except (ScoreFileError, ValueError, OSError):
        # A run that fails before finishing any chunk leaves nothing to resume.
        _discard_if_empty(dst, created_parts)
        raise
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
    """Arguments as sent to a worker process: the model by path, not by value."""
    if fn is _score_chunk:
        return (*args[:-1], None)
    return args


def _score_chunk(
    i: int, df: pd.DataFrame, text_col: str, id_cols: list[str], level: Level, model_path: str | None,
    max_chars: int | None, truncate: bool, html: bool = False, model: Any = None,
) -> tuple[str, int, Any]:  # fmt: skip
    """Score one chunk (in this process or a worker); a worker loads a model file once."""
    if model is None and model_path:
        model = _WORKER_MODELS.get(model_path)
        if model is None:
            from .model import load_model

            model = _WORKER_MODELS[model_path] = load_model(model_path)
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


def _discard_if_empty(dst: str, created: bool) -> None:
    parts_dir = Path(dst + ".parts")
    if created and parts_dir.exists() and not any(parts_dir.glob("chunk-*.json")):
        shutil.rmtree(parts_dir, ignore_errors=True)


def _empty_header(level: Level, model: Any) -> list[str]:
    from .batch import _model_labels, output_columns

    return list(output_columns(level, _model_labels(model)))


def _part_ext(fmt: Format) -> str:
    return {"csv": "csv", "csv.gz": "csv", "jsonl": "jsonl", "jsonl.gz": "jsonl", "parquet": "parquet"}[fmt]


def _check_columns(df: pd.DataFrame, text_col: str, id_cols: Sequence[str], src: str) -> None:
    have = [str(c) for c in df.columns]
    for col, what in [(text_col, "text column"), *((c, "id column") for c in id_cols)]:
        if col not in df.columns:
            raise ScoreFileError(
                f"{what} {col!r} not found in {src}; columns are: {', '.join(have) or '(none)'}"
                + ("; pass --text-column NAME" if what == "text column" else "")
            )


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
                changed = [k for k in manifest["options"] if old.get("options", {}).get(k) != manifest["options"][k]]
                details += f" ({', '.join(changed)})"
            raise ScoreFileError(f"cannot resume {dst}: {details}. Use the same settings, or delete {parts_dir}")
        return
    parts_dir.mkdir(parents=True)
    tmp = path.with_name("manifest.json.tmp")
    tmp.write_text(json.dumps(manifest, indent=2))
    os.replace(tmp, path)
