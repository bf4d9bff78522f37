"""Scores for many documents at once: DataFrames in, DataFrames out.

:func:`score_frame` is :func:`credscore.score` over a column of texts, with
the guarantees batch users need:

- nothing is lost: every input row is accounted for. At document level the
  output has exactly one row per input row, same order, same index; at
  sentence level a row whose text yields no sentence still appears once;
- nothing crashes the batch: a missing, empty or non-text value, or a text
  that fails to score, or one longer than ``max_chars``, gets a ``status``
  (``ok``, ``truncated``, ``empty``, ``missing``, ``not_text``, ``too_long``,
  ``unreadable``, ``error``) and an ``error`` message instead;
- stable columns and dtypes, whatever the data (:func:`output_columns`), so
  chunks can be appended to one file and Dask gets a correct ``meta``.

The same chunk scorer runs in-process, in joblib workers (``n_jobs``) and
in Dask workers (:mod:`credscore.dask`).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from .cues import KINDS, SOURCE_TYPES, CueDetector
from .errors import InputError, require_columns
from .markup import HtmlText, parse_html
from .model import LABELS, Model, default_model
from .scoring import DEFAULT_MAX_CHARS, DocumentTooLongError, SentenceScore, limit_text, score
from .sniff import text_problem

__all__ = [
    "STATUSES",
    "Level",
    "Unreadable",
    "empty_output",
    "escape_raw",
    "model_labels",
    "output_columns",
    "score_frame",
    "spark_ddl",
]

Level = Literal["sentence", "document"]
#: Values of the ``status`` column.
STATUSES = ("ok", "truncated", "empty", "missing", "not_text", "too_long", "unreadable", "error")
_SOURCE_SHARES = (("share_anonymous", "anonymous_source"), ("share_vague", "vague_source"),
                  ("share_secondhand", "secondhand"), ("share_hedged", "hedge"))  # fmt: skip
_STR = "string"  # pandas' nullable string dtype: same dtype whether or not a chunk has values


def output_columns(level: Level, labels: Sequence[str] = LABELS) -> dict[str, str]:
    """Columns (after the id columns) that :func:`score_frame` returns, with dtypes.

    ``labels`` are the model's classes: a ``p_<label>`` column each at sentence
    level, an ``n_<label>`` count each at document level.
    """
    counts = {f"n_{k}": "int64" for k in KINDS}
    if level == "sentence":
        return {
            "row": "int64",
            "sentence": "Int64",
            "start": "Int64",
            "end": "Int64",
            "page_start": "Int64",
            "page_end": "Int64",
            "kind": _STR,
            "text": _STR,
            "reliability": "float64",
            "label": _STR,
            "sourcing": "float64",
            "certainty": "float64",
            **{f"p_{lab}": "float64" for lab in labels},
            "hops": "Int64",
            **counts,
            "cues": _STR,
            "sources": _STR,
            "notes": _STR,
            "status": _STR,
            "error": _STR,
            "raw": _STR,
        }
    if level == "document":
        return {
            "status": _STR,
            "error": _STR,
            "raw": _STR,
            "n_sentences": "int64",
            "n_claims": "int64",
            "mean_reliability": "float64",
            "min_reliability": "float64",
            "mean_certainty": "float64",
            **{f"n_{lab}": "int64" for lab in labels},
            **{name: "float64" for name, _ in _SOURCE_SHARES},
            "max_hops": "int64",
            **counts,
            **{f"n_source_{t}": "int64" for t in SOURCE_TYPES},
        }
    raise ValueError(f"level must be 'sentence' or 'document', got {level!r}")


def model_labels(model: Model | None) -> tuple[str, ...]:
    """The model's classes (the default model's for None), checked to make usable column names."""
    labels = (model if model is not None else default_model()).labels
    taken = set(output_columns("sentence", ())) | set(output_columns("document", ()))
    for lab in labels:
        if not re.fullmatch(r"[A-Za-z0-9_]+", lab) or f"p_{lab}" in taken or f"n_{lab}" in taken:
            raise ValueError(
                f"the model's label {lab!r} cannot name an output column (p_{lab}, n_{lab}); "
                "retrain it with labels made of letters, digits and _ that are not cue kinds"
            )
    return labels


_SPARK_TYPES = {"int64": "bigint", "Int64": "bigint", "float64": "double", _STR: "string"}


def spark_ddl(level: Level, labels: Sequence[str] = LABELS) -> str:
    """The score columns as a Spark DDL schema string, for ``mapInPandas``.

    Prepend the id columns' own types (see ``docs/batch.md``). At sentence
    level ``row`` is declared ``bigint``: pass a frame with an integer index.
    """
    return ", ".join(f"`{name}` {_SPARK_TYPES[dtype]}" for name, dtype in output_columns(level, labels).items())


def empty_output(
    df: pd.DataFrame, level: Level, id_cols: Sequence[str] = (), model: Model | None = None
) -> pd.DataFrame:
    """An empty frame with exactly the columns and dtypes :func:`score_frame` returns for ``df``."""
    cols: dict[str, pd.Series] = {c: df[c].iloc[:0] for c in id_cols}
    for name, dtype in output_columns(level, model_labels(model)).items():
        cols[name] = pd.Series([], dtype=df.index.dtype if name == "row" else dtype)
    out = pd.DataFrame({k: v.reset_index(drop=True) for k, v in cols.items()})
    if level == "document":
        out.index = df.index[:0]
    return out


def score_frame(
    df: pd.DataFrame,
    text_col: str = "text",
    *,
    id_cols: Sequence[str] | None = None,
    level: Level = "sentence",
    n_jobs: int = 1,
    model: Model | None = None,
    detector: CueDetector | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    truncate: bool = False,
    html: bool = False,
) -> pd.DataFrame:
    """Score a column of texts; one row per sentence or one per document.

    Parameters
    ----------
    df : pandas.DataFrame
        One document per row.
    text_col : str, default "text"
        The column holding the text.
    id_cols : sequence of str, optional
        Columns copied to the output (e.g. an article id). At document level
        the output also keeps ``df``'s index, so ``df.join(result)`` works.
    level : {"sentence", "document"}, default "sentence"
        ``sentence``: one row per sentence with its offsets, reliability,
        label, class probabilities (``p_<label>`` for each of the model's
        labels), counts per cue kind and the cues as JSON;
        ``row`` is the input row's index label (its dtype follows the index). ``document``: exactly one row
        per input row with aggregates over its claims (headings, bylines,
        datelines, link boilerplate and questions are not claims; see
        :mod:`credscore.claims`): mean and min reliability, label
        counts, the share of claims with anonymous, vague or second-hand
        sourcing and with hedges, counts per cue kind.
    n_jobs : int, default 1
        Worker processes (joblib); -1 uses every core. Each worker loads the
        model once.
    model, detector : optional
        As in :func:`credscore.score`.
    max_chars, truncate :
        As in :func:`credscore.score`: a longer text gets status ``too_long``
        (not scored), or with ``truncate=True`` its start is scored and the
        status is ``truncated``.
    html : bool, default False
        The texts are HTML: each is read with :func:`credscore.markup.parse_html` and its clean text
        scored; at sentence level ``start``/``end`` and ``text`` are those of the clean text and
        ``page_start``/``page_end`` where the sentence is in the HTML (empty for plain text).

    Returns
    -------
    pandas.DataFrame
        Columns: ``id_cols`` then :func:`output_columns`.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [7, 8], "text": ["Officials said it failed. It rained.", None]})
    >>> out = score_frame(df, "text", id_cols=["id"], level="document")
    >>> out[["id", "status", "n_claims"]].to_dict("records")
    [{'id': 7, 'status': 'ok', 'n_claims': 2}, {'id': 8, 'status': 'missing', 'n_claims': 0}]
    """
    id_cols = list(id_cols or [])
    _check_frame(df, text_col, id_cols)
    if level not in ("sentence", "document"):
        raise ValueError(f"level must be 'sentence' or 'document', got {level!r}")
    resolve_jobs(n_jobs)
    labels = model_labels(model)
    texts = df[text_col].tolist()
    positions = list(range(len(texts)))
    workers = _effective_jobs(n_jobs, len(texts))
    if workers == 1:
        columns = score_texts(texts, positions, level, model=model, detector=detector, max_chars=max_chars,
                              truncate=truncate, html=html)  # fmt: skip
    else:
        from joblib import Parallel, delayed

        bounds = np.linspace(0, len(texts), workers * 4 + 1).astype(int)
        pieces = [(a, b) for a, b in itertools.pairwise(bounds) if b > a]
        parts = Parallel(n_jobs=workers)(
            delayed(score_texts)(
                texts[a:b],
                positions[a:b],
                level,
                model=model,
                detector=detector,
                max_chars=max_chars,
                truncate=truncate,
                html=html,
            )
            for a, b in pieces
        )
        columns = {k: [v for p in parts for v in p[k]] for k in parts[0]}
    return _assemble(df, id_cols, level, columns, labels)


def _check_frame(df: object, text_col: str, id_cols: list[str]) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"score_frame() expects a pandas DataFrame, got {type(df).__name__}")
    require_columns(df.columns, [(text_col, "text column"), *((c, "id column") for c in id_cols)])
    clash = [c for c in id_cols if c in output_columns("sentence") or c in output_columns("document")]
    if clash:
        new = {c: f"{c}_id" for c in clash}
        raise ValueError(
            f"id column(s) {clash} clash with output column names; rename them first (in a DataFrame, "
            f"df.rename(columns={new}); in a file, in its header) and pass id_cols={list(new.values())}"
        )


def resolve_jobs(n_jobs: object, name: str = "n_jobs") -> int:
    """The number of worker processes ``n_jobs`` asks for, as joblib reads it: a positive count, or -1 for
    every core, -2 for all but one, ...; the one place this policy is written (score_frame, score-file).

    Raises :class:`~credscore.errors.InputError` for 0, a non-integer, or a negative number below -cores.
    """
    import os

    cores = os.cpu_count() or 1
    if not isinstance(n_jobs, int) or isinstance(n_jobs, bool) or n_jobs == 0 or n_jobs < -cores:
        raise InputError(
            f"{name} must be a positive number of worker processes, or -1 for every core ({cores} here), "
            f"-2 for all but one, ...; got {n_jobs!r}"
        )
    return n_jobs if n_jobs > 0 else cores + 1 + n_jobs


def _effective_jobs(n_jobs: int, n_rows: int) -> int:
    if n_rows < 2:
        return 1
    return max(1, min(resolve_jobs(n_jobs), n_rows))


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A cell that could not be read (a malformed or undecodable line); ``reason`` says why, ``raw`` holds
    the line(s) as they are in the file, escaped (:func:`escape_raw`), for the ``raw`` output column."""

    reason: str
    raw: str | None = None


_RAW_ESCAPES = re.compile("[\\\\\udc80-\udcff\x00-\x1f\x7f]")
_NAMED_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_raw(text: str) -> str:
    r"""``text`` (a line or lines of a file, decoded with ``errors="surrogateescape"``) as the ``raw`` column
    holds it, on one line: a backslash as ``\\``, a line break as ``\n`` or ``\r``, a tab as ``\t``, a byte
    that is not valid in the file's encoding as ``\xNN`` (the byte), any other control character as
    ``\xNN`` (its code); everything else as it is.

    >>> print(escape_raw('1,"caf\udce9\r\n2,\\ \x00'))
    1,"caf\xe9\r\n2,\\ \x00
    """

    def one(m: re.Match[str]) -> str:
        c = m.group()
        named = _NAMED_ESCAPES.get(c)
        if named is not None:
            return named
        code = ord(c) - 0xDC00 if c >= "\udc80" else ord(c)  # an escaped byte, or a control character
        return f"\\x{code:02x}"

    return _RAW_ESCAPES.sub(one, text)


def _status(value: object) -> tuple[str, str | None]:
    if isinstance(value, Unreadable):
        return "unreadable", value.reason
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "missing", "the text is missing"
    if not isinstance(value, str):
        return "not_text", f"the value is {type(value).__name__}, not text"
    if not value.strip():
        return "empty", None
    problem = text_problem(value)
    if problem is not None:
        return "not_text", problem
    return "ok", None


def score_texts(
    texts: Sequence[object],
    positions: Sequence[int],
    level: Level,
    *,
    model: Model | None = None,
    detector: CueDetector | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    truncate: bool = False,
    html: bool = False,
) -> dict[str, list[Any]]:
    """Score ``texts`` and return the output columns as lists (the chunk worker).

    Runs in the calling process or in a worker; never raises for a bad row.
    """
    labels = model_labels(model)
    cols: dict[str, list[Any]] = {name: [] for name in output_columns(level, labels)}
    for label, value in zip(positions, texts, strict=True):
        status, error = _status(value)
        raw = value.raw if isinstance(value, Unreadable) else None
        scores: list[SentenceScore] = []
        page: HtmlText | None = None
        if html and status == "ok":
            page = parse_html(value)  # type: ignore[arg-type]
            value = page.text
            if not value.strip():
                status = "empty"
        if status == "ok":
            try:
                value, note = limit_text(value, max_chars, truncate)  # type: ignore[arg-type]
            except DocumentTooLongError as exc:
                status, error = "too_long", str(exc)
            else:
                if note is not None:
                    status, error = "truncated", note
        if status in ("ok", "truncated"):
            try:
                scores = score(value, model=model, detector=detector, max_chars=None)  # type: ignore[arg-type]
            except Exception as exc:  # a bad row must not stop the batch
                status, error = "error", f"{type(exc).__name__}: {exc}"
            if status == "ok" and not scores:
                status = "empty"
        if level == "sentence":
            _sentence_rows(cols, label, scores, status, error, labels, page, raw)
        else:
            _document_row(cols, scores, status, error, labels, raw)
    return cols


def _kind_counts(s: SentenceScore) -> dict[str, int]:
    counts = dict.fromkeys(KINDS, 0)
    for c in s.cues:
        if not c.inherited:
            counts[c.kind] += 1
    return counts


def _sentence_rows(
    cols: dict[str, list[Any]], label: Any, scores: list[SentenceScore], status: str, error: str | None,
    labels: Sequence[str], page: HtmlText | None = None, raw: str | None = None,
) -> None:  # fmt: skip
    if not scores:
        row = {name: None for name in cols}
        row.update(row=label, status=status, error=error, raw=raw, **{f"n_{k}": 0 for k in KINDS})
        for name, value in row.items():
            cols[name].append(value)
        return
    for i, s in enumerate(scores):
        counts = _kind_counts(s)
        cols["row"].append(label)
        cols["sentence"].append(i)
        cols["start"].append(s.start)
        cols["end"].append(s.end)
        a, b = page.page_span(s.start, s.end) if page is not None else (None, None)
        cols["page_start"].append(a)
        cols["page_end"].append(b)
        cols["kind"].append(s.kind)
        cols["text"].append(s.text)
        cols["reliability"].append(s.reliability)
        cols["label"].append(s.label)
        cols["sourcing"].append(s.sourcing)
        cols["certainty"].append(s.certainty)
        for lab in labels:
            cols[f"p_{lab}"].append(s.probabilities.get(lab))
        cols["hops"].append(s.hops)
        for k in KINDS:
            cols[f"n_{k}"].append(counts[k])
        cols["cues"].append(json.dumps([c.to_dict() for c in s.cues], ensure_ascii=False))
        cols["sources"].append(json.dumps([x.to_dict() for x in s.sources], ensure_ascii=False))
        cols["notes"].append("; ".join(s.notes) if s.notes else None)
        cols["status"].append(status)
        cols["error"].append(error)
        cols["raw"].append(raw)


def _document_row(
    cols: dict[str, list[Any]], scores: list[SentenceScore], status: str, error: str | None, labels: Sequence[str],
    raw: str | None = None,
) -> None:  # fmt: skip
    claims = [s for s in scores if s.is_claim]
    totals = dict.fromkeys(KINDS, 0)
    for s in scores:
        for k, n in _kind_counts(s).items():
            totals[k] += n
    rel = [s.reliability for s in claims]
    n = len(claims)
    cols["status"].append(status)
    cols["error"].append(error)
    cols["raw"].append(raw)
    cols["n_sentences"].append(len(scores))
    cols["n_claims"].append(n)
    cols["mean_reliability"].append(sum(rel) / n if n else math.nan)
    cols["min_reliability"].append(min(rel) if n else math.nan)
    cols["mean_certainty"].append(sum(s.certainty for s in claims) / n if n else math.nan)
    for lab in labels:
        cols[f"n_{lab}"].append(sum(1 for s in claims if s.label == lab))
    for name, kind in _SOURCE_SHARES:
        cols[name].append(sum(1 for s in claims if kind in s.kinds) / n if n else math.nan)
    cols["max_hops"].append(max((s.hops for s in scores), default=0))
    for k in KINDS:
        cols[f"n_{k}"].append(totals[k])
    types = dict.fromkeys(SOURCE_TYPES, 0)
    for s in scores:
        for x in s.sources:
            if not x.inherited:
                types[x.type] += 1
    for t in SOURCE_TYPES:
        cols[f"n_source_{t}"].append(types[t])


def _assemble(
    df: pd.DataFrame, id_cols: list[str], level: Level, columns: dict[str, list[Any]], labels: Sequence[str]
) -> pd.DataFrame:
    schema = output_columns(level, labels)
    data: dict[str, Any] = {}
    if level == "document":
        for c in id_cols:
            data[c] = df[c].to_numpy()
        for name, dtype in schema.items():
            data[name] = pd.array(columns[name], dtype=dtype)
        return pd.DataFrame(data, index=df.index)
    # Sentence level: "row" holds input positions here; repeat each input row's
    # id values once per output row and report the row's index label.
    take = np.asarray(columns["row"], dtype=np.int64)
    for c in id_cols:
        data[c] = df[c].to_numpy()[take]
    for name, dtype in schema.items():
        if name == "row":
            data[name] = df.index.to_numpy()[take]
        else:
            data[name] = pd.array(columns[name], dtype=dtype)
    return pd.DataFrame(data)
