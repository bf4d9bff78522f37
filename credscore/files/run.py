"""The run: :func:`score_file` reads chunks, scores each (here or in worker processes), writes its part,
and joins the parts at the end; :class:`ScoreFileSettings` is how, :class:`ChunkTask` what one chunk's
scoring needs."""

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
from typing import IO, Any, Literal

import pandas as pd

from ..batch import Level, model_labels, output_columns, resolve_jobs, score_frame
from ..formats import (
    DEFAULT_CHUNKSIZE,
    FORMATS,
    Format,
    ScoreFileError,
    check_output_path,
    detect_format,
    pyarrow_parquet,
)
from ..model import ModelError, default_model_path, load_model, load_model_bytes, model_file
from ..scoring import DEFAULT_MAX_CHARS
from ..version import __version__
from .checkpoints import (
    MANIFEST_VERSION,
    chunk_stats,
    discard_if_empty,
    input_fingerprint,
    part_paths,
    prepare_parts,
)
from .reading import check_columns, file_error, open_input
from .writing import join_parts, stream_chunk, write_part

__all__ = ["ChunkTask", "ResumedChunk", "ScoreFileSettings", "ScoringSettings", "Summary", "score_file"]

OnBadLines = Literal["keep", "error", "warn", "skip"]
EncodingErrors = Literal["error", "keep", "replace"]
#: The values of :attr:`ScoreFileSettings.on_bad_lines` and :attr:`ScoreFileSettings.encoding_errors`.
ON_BAD_LINES: tuple[str, ...] = ("keep", "error", "warn", "skip")
ENCODING_ERRORS: tuple[str, ...] = ("error", "keep", "replace")
LEVELS: tuple[str, ...] = ("sentence", "document")


@dataclass(frozen=True, kw_only=True)
class ScoreFileSettings:
    """How :func:`score_file` reads, scores and writes a file: the options of ``credscore score-file``, each
    with its default. Checked when made: a value that cannot work raises :class:`ScoreFileError` (or, for
    ``jobs``, :class:`~credscore.errors.InputError`) that names the value and what to pass instead.

    Parameters
    ----------
    text_col : str, default "text"
        The column with the text to score.
    id_cols : sequence of str, default ()
        Columns copied to every output row (an article id, the outlet, the date); kept as a tuple.
    level : {"sentence", "document"}, default "sentence"
        One output row per sentence, or exactly one per input row with the article's counts and shares.
    jobs : int, default 1
        Worker processes; -1 for every core, -2 for all but one (:func:`credscore.batch.resolve_jobs`).
    chunksize : int, default :data:`~credscore.formats.DEFAULT_CHUNKSIZE`
        Input rows read and scored at a time; each finished chunk is kept for ``resume``.
    input_format, output_format : str, optional
        csv, csv.gz, jsonl, jsonl.gz or parquet; by default from the file's extension (csv for ``-``).
    encoding : str, default "utf-8"
        The encoding of a CSV or JSON-lines input.
    encoding_errors : {"error", "keep", "replace"}, default "error"
        Bytes not valid in ``encoding``: stop and name the line; keep the row with status ``unreadable``;
        or replace them with U+FFFD and score.
    on_bad_lines : {"keep", "error", "warn", "skip"}, default "keep"
        A malformed line (wrong number of CSV fields, invalid JSON): keep its row with status
        ``unreadable``; stop; skip it and list it in the summary; or skip it and also report it.
    resume : bool, default False
        Continue an interrupted run from its last finished chunk (with the same settings, input and model).
    progress : bool, optional
        Show a progress line on standard error; by default only on a terminal.
    model_path : str, optional
        A ``.credscore`` model file; by default the shipped model.
    max_chars : int, optional
        Longest text scored, in characters; by default :data:`credscore.scoring.DEFAULT_MAX_CHARS`.
    truncate : bool, default False
        Score the start of a longer text (status ``truncated``) instead of refusing it (status
        ``too_long``).
    html : bool, default False
        The text column is HTML: score the text a reader sees; at sentence level, ``page_start`` and
        ``page_end`` are each sentence's offsets into the HTML.

    Examples
    --------
    >>> settings = ScoreFileSettings(text_col="body", id_cols=["id"], level="document")
    >>> settings.id_cols
    ('id',)
    >>> ScoreFileSettings(chunksize=0)
    Traceback (most recent call last):
    ...
    credscore.errors.ScoreFileError: chunksize must be at least 1, got 0
    """

    text_col: str = "text"
    id_cols: Sequence[str] = ()
    level: Level = "sentence"
    jobs: int = 1
    chunksize: int = DEFAULT_CHUNKSIZE
    input_format: Format | None = None
    output_format: Format | None = None
    encoding: str = "utf-8"
    encoding_errors: EncodingErrors = "error"
    on_bad_lines: OnBadLines = "keep"
    resume: bool = False
    progress: bool | None = None
    model_path: str | None = None
    max_chars: int | None = None
    truncate: bool = False
    html: bool = False

    def __post_init__(self) -> None:
        # The one place the settings are checked, before any file is touched.
        if not isinstance(self.text_col, str):
            raise ScoreFileError(f"text_col must be a column name (a str), got {self.text_col!r}")
        if isinstance(self.id_cols, str) or not all(isinstance(c, str) for c in self.id_cols):
            hint = f"; pass id_cols=[{self.id_cols!r}]" if isinstance(self.id_cols, str) else ""
            raise ScoreFileError(f"id_cols must be a list of column names, got {self.id_cols!r}{hint}")
        object.__setattr__(self, "id_cols", tuple(self.id_cols))
        if self.level not in LEVELS:
            raise ScoreFileError(f"level must be 'sentence' or 'document', got {self.level!r}")
        resolve_jobs(self.jobs, "jobs")
        if not isinstance(self.chunksize, int) or isinstance(self.chunksize, bool) or self.chunksize < 1:
            raise ScoreFileError(f"chunksize must be at least 1, got {self.chunksize}")
        formats = ", ".join(sorted(set(FORMATS.values())))
        for name in ("input_format", "output_format"):
            value = getattr(self, name)
            if value is not None and value not in FORMATS.values():
                raise ScoreFileError(f"unknown format {value!r} ({name}); use one of: {formats}")
        if self.on_bad_lines not in ON_BAD_LINES:
            raise ScoreFileError(f"on_bad_lines must be keep, error, warn or skip, got {self.on_bad_lines!r}")
        if self.encoding_errors not in ENCODING_ERRORS:
            raise ScoreFileError(f"encoding_errors must be error, keep or replace, got {self.encoding_errors!r}")
        try:
            "".encode(self.encoding)
        except (LookupError, TypeError):
            raise ScoreFileError(f"unknown encoding {self.encoding!r}") from None
        if self.max_chars is not None and (
            not isinstance(self.max_chars, int) or isinstance(self.max_chars, bool) or self.max_chars < 0
        ):
            raise ScoreFileError(
                f"max_chars must be a whole number of characters, 0 or more, or None for the default "
                f"({DEFAULT_MAX_CHARS:,}); got {self.max_chars!r}"
            )

    def manifest_options(self, input_format: Format, output_format: Format, model_sha256: str) -> dict[str, Any]:
        """What a run's parts folder records of its settings (``manifest.json``): a resume with any of them
        different is refused. The formats are those the run resolved; ``jobs``, ``resume`` and ``progress``
        are left out, as they do not change a byte of the output."""
        return {
            "text_column": self.text_col,
            "id_columns": list(self.id_cols),
            "level": self.level,
            "chunksize": self.chunksize,
            "input_format": input_format,
            "output_format": output_format,
            "encoding": self.encoding,
            "on_bad_lines": self.on_bad_lines,
            "encoding_errors": self.encoding_errors,
            "model": str(Path(self.model_path).resolve()) if self.model_path else "default",
            # The path alone would let a resume mix two models when the file was replaced.
            "model_sha256": model_sha256,
            "max_chars": self.max_chars,
            "truncate": self.truncate,
            "html": self.html,
            "credscore_version": __version__,
        }


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
            line += f"\n{self.resumed_chunks} of {self.chunks} chunks were already done and reused (resume=True)"
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


def score_file(src: str, dst: str, settings: ScoreFileSettings | None = None) -> Summary:
    """Score every row of ``src`` and write the result to ``dst`` (``-``: standard input or output).

    ``settings`` (:class:`ScoreFileSettings`; by default every default) say how: the text and id columns,
    the level, worker processes, chunks, formats, encoding, malformed lines, resume, the model and the
    length limit, as ``credscore score-file`` has them (``credscore score-file --help``).

    Examples
    --------
    >>> from credscore.files import ScoreFileSettings, score_file
    >>> settings = ScoreFileSettings(text_col="body", id_cols=["id"], level="document", jobs=-1)
    >>> summary = score_file("articles.csv", "scores.parquet", settings)  # doctest: +SKIP
    >>> print(summary.text())  # doctest: +SKIP

    Raises
    ------
    ScoreFileError
        For anything the user can fix: a missing column (the message lists the
        columns that exist), an undecodable line, a malformed CSV line, a
        resume that does not match the interrupted run (other settings, another
        input, a model file that changed), an output that cannot be written.
    """
    t0 = time.monotonic()
    cfg = ScoreFileSettings() if settings is None else settings
    if not isinstance(cfg, ScoreFileSettings):
        raise TypeError(
            f"settings must be a ScoreFileSettings, got {type(cfg).__name__}; "
            "e.g. score_file(src, dst, ScoreFileSettings(text_col='body'))"
        )
    jobs = resolve_jobs(cfg.jobs, "jobs")
    in_fmt = detect_format(src, cfg.input_format)
    out_fmt = detect_format(dst, cfg.output_format)
    if dst == "-" and out_fmt == "parquet":
        raise ScoreFileError("Parquet cannot be written to standard output; pass a file name")
    if dst == "-" and cfg.resume:
        raise ScoreFileError("resume=True needs an output file; standard output cannot be resumed")
    if dst != "-" and src != "-" and Path(dst).resolve() == Path(src).resolve():
        raise ScoreFileError("the output file is the input file; choose another output name")
    if dst != "-":
        check_output_path(dst)
    if "parquet" in (in_fmt, out_fmt):
        pyarrow_parquet()  # before any work (and before a parts folder that looks like an interrupted run)
    model, model_sha256 = _model_and_digest(cfg.model_path)
    text_col, id_cols, level = cfg.text_col, list(cfg.id_cols), cfg.level
    source = open_input(src, in_fmt, text_col=text_col, id_cols=id_cols, chunksize=cfg.chunksize,
                        encoding=cfg.encoding, on_bad_lines=cfg.on_bad_lines,
                        encoding_errors=cfg.encoding_errors)  # fmt: skip
    show = sys.stderr.isatty() if cfg.progress is None else cfg.progress
    bar = _Progress(show, sys.stderr)
    summary = Summary(output=dst)
    options = cfg.manifest_options(in_fmt, out_fmt, model_sha256)
    header: list[str] | None = None
    offset = 0
    created_parts = False
    limit = DEFAULT_MAX_CHARS if cfg.max_chars is None else cfg.max_chars

    parts_dir = None if dst == "-" else Path(dst + ".parts")

    chunk_settings = ScoringSettings(text_col, id_cols, level, cfg.model_path, model_sha256, limit, cfg.truncate,
                                     cfg.html)  # fmt: skip

    def tasks() -> Iterator[ChunkTask | ResumedChunk]:
        """One task per chunk, read lazily: a finished chunk of an interrupted
        run (resume) is not scored again, only accounted for."""
        nonlocal offset
        for i, df in enumerate(source.chunks):
            check_columns(list(df.columns), text_col, id_cols, src)
            df.index = pd.RangeIndex(offset, offset + len(df))
            offset += len(df)
            if parts_dir is not None:
                part, stats_path = part_paths(parts_dir, i, out_fmt)
                if part.exists() and stats_path.exists():
                    stats = json.loads(stats_path.read_text())
                    if stats["input_rows"] != len(df):
                        raise ScoreFileError(
                            f"{parts_dir}: chunk {i} was {stats['input_rows']} rows and is now {len(df)}; "
                            "the input changed since the interrupted run; delete the folder and start again"
                        )
                    yield ResumedChunk(i, stats)
                    continue
            yield ChunkTask(i, df, chunk_settings)

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
            manifest = {"version": MANIFEST_VERSION, "input": input_fingerprint(src, cfg.resume), "options": options}
            created_parts = not parts_dir.exists()
            prepare_parts(parts_dir, manifest, cfg.resume, dst)
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
                stats = chunk_stats(n_in, out, level)
                if stream is not None:
                    stream_chunk(out, out_fmt, stream, first=i == 0)
                else:
                    part, stats_path = part_paths(parts_dir, i, out_fmt)  # type: ignore[arg-type]
                    stats_path.write_text(json.dumps(stats))
                    write_part(out, out_fmt, part)  # the part exists only once complete
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
            parts = [part_paths(parts_dir, i, out_fmt)[0] for i in range(n_chunks)]  # type: ignore[arg-type]
            join_parts(parts, out_fmt, header, Path(dst))
            shutil.rmtree(parts_dir, ignore_errors=True)  # type: ignore[arg-type]
    except KeyError as exc:
        discard_if_empty(dst, created_parts)
        raise ScoreFileError(str(exc.args[0]) if exc.args else str(exc)) from None
    except BrokenPipeError:  # a closed standard output (`| head`): the CLI ends quietly
        raise
    except (ScoreFileError, ValueError):
        # A run that fails before finishing any chunk leaves nothing to resume.
        discard_if_empty(dst, created_parts)
        raise
    except OSError as exc:
        discard_if_empty(dst, created_parts)
        raise file_error(exc, src, dst) from None
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
    """A chunk an interrupted run already finished (resume): only accounted for."""

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
                        "once it stays put (finished chunks are kept: add resume=True)"
                    )
                _WORKER_MODELS[key] = model
        out = score_frame(self.rows, cfg.text_col, id_cols=cfg.id_cols, level=cfg.level, model=model,
                          max_chars=cfg.max_chars, truncate=cfg.truncate, html=cfg.html)  # fmt: skip
        return "scored", self.index, (len(self.rows), out)


def _model_and_digest(model_path: str | None) -> tuple[Any, str]:
    """The model to score with (None: the default) and the SHA-256 of its file.
    The digest is of the very bytes loaded, so it names the model that scores."""
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
    return list(output_columns(level, model_labels(model)))
