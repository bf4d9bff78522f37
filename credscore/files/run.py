"""The run: :func:`score_file` reads chunks, scores each (here or in worker processes), writes its part,
and joins the parts at the end; :class:`ChunkTask` is what one chunk's scoring needs."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pandas as pd

from ..batch import Level, resolve_jobs, score_frame
from ..formats import DEFAULT_CHUNKSIZE, ScoreFileError, check_output_path, detect_format
from ..version import __version__
from .checkpoints import _MANIFEST_VERSION, _chunk_stats, _discard_if_empty, _fingerprint, _part_paths, _prepare_parts
from .reading import _check_columns, _open_input, _os_error, _pyarrow_parquet
from .writing import _join_parts, _stream_chunk, _write_part


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
    jobs = resolve_jobs(jobs, "--jobs")
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
    from ..scoring import DEFAULT_MAX_CHARS

    limit = DEFAULT_MAX_CHARS if max_chars is None else max_chars

    parts_dir = None if dst == "-" else Path(dst + ".parts")

    settings = ScoringSettings(text_col, list(id_cols), level, model_path, model_sha256, limit, truncate, html)

    def tasks() -> Iterator[ChunkTask | ResumedChunk]:
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
                    yield ResumedChunk(i, stats)
                    continue
            yield ChunkTask(i, df, settings)

    def results() -> Iterator[tuple[str, int, Any]]:
        if jobs == 1:
            for task in tasks():
                yield task.run(model)
            return
        from joblib import Parallel, delayed

        # Chunks go to worker processes as they are read, at most two per worker
        # in flight (memory stays flat); results come back in input order. A worker
        # loads the model file once (the task carries its path and digest, not the model).
        with Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs") as parallel:
            yield from parallel(delayed(task.run)(None) for task in tasks())

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


@dataclass(frozen=True)
class ScoringSettings:
    """What every chunk of a run is scored with (sent once per chunk to a worker: small, picklable)."""

    text_col: str
    id_cols: list[str]
    level: Level
    model_path: str | None  # None: the default model
    model_sha256: str | None  # the digest of the model file the run started with
    max_chars: int | None
    truncate: bool
    html: bool


@dataclass(frozen=True)
class ResumedChunk:
    """A chunk an interrupted run already finished (--resume): only accounted for."""

    index: int
    stats: dict[str, Any]

    def run(self, model: Any = None) -> tuple[str, int, Any]:
        return "resumed", self.index, self.stats


#: Models loaded by this (worker) process, by path and digest: a worker loads a model file once.
_WORKER_MODELS: dict[str, Any] = {}


@dataclass(frozen=True)
class ChunkTask:
    """One chunk to score, in this process or a worker."""

    index: int
    rows: pd.DataFrame
    settings: ScoringSettings

    def run(self, model: Any = None) -> tuple[str, int, Any]:
        """Score the chunk with ``model`` or, when it is None (in a worker), the run's model file, loaded
        once per process and only if it is still the file the run started with."""
        cfg = self.settings
        if model is None and cfg.model_path:
            key = f"{cfg.model_path}#{cfg.model_sha256}"  # workers outlive a run: a replaced file is not cached
            model = _WORKER_MODELS.get(key)
            if model is None:
                model, digest = _model_and_digest(cfg.model_path)
                if cfg.model_sha256 is not None and digest != cfg.model_sha256:
                    raise ScoreFileError(
                        f"the model file {cfg.model_path} was replaced while the run was going on; run again "
                        "once it stays put (finished chunks are kept: add --resume)"
                    )
                _WORKER_MODELS[key] = model
        out = score_frame(self.rows, cfg.text_col, id_cols=cfg.id_cols, level=cfg.level, model=model,
                          max_chars=cfg.max_chars, truncate=cfg.truncate, html=cfg.html)  # fmt: skip
        return "scored", self.index, (len(self.rows), out)


def _model_and_digest(model_path: str | None) -> tuple[Any, str]:
    """The model to score with (None: the default) and the SHA-256 of its file.
    The digest is of the very bytes loaded, so it names the model that scores."""
    from ..model import ModelError, default_model_path, load_model, load_model_bytes, model_file

    try:
        if not model_path or model_path == "default":
            with open(default_model_path(), "rb") as fh:
                return None, hashlib.file_digest(fh, "sha256").hexdigest()
        path = model_file(model_path)
        if not path.is_file():
            load_model(path)  # raises the ModelError that says what is there instead
        data = path.read_bytes()
        return load_model_bytes(data, str(path)), hashlib.sha256(data).hexdigest()
    except ModelError as exc:
        raise ScoreFileError(str(exc)) from None
    except OSError as exc:
        raise ScoreFileError(f"cannot read the model file {model_path}: {exc.strerror or exc}") from None


def _empty_header(level: Level, model: Any) -> list[str]:
    from ..batch import model_labels, output_columns

    return list(output_columns(level, model_labels(model)))
