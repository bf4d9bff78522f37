"""Sourcing profiles of a corpus: how each outlet, author or desk sources its claims, period by period.

:func:`profile` reads scored output at sentence level (:func:`credscore.score_frame`, ``credscore
score-file``; a DataFrame or a CSV, JSON-lines or Parquet file) and returns one row per group (and per
period): how many articles, sentences and claims; what share of the claims rests on each source type, on
anonymous sources (and of those, with a stated reason), comes second-hand, is uncertain, is labelled
strong, weak or unattributed — each share with its count and a 95% Wilson interval; and the anonymous
source phrases and named sources the group's claims rest on most. :func:`credscore.profile_page.render_profile_html`
draws it on one self-contained page (``credscore profile``; needs matplotlib: ``pip install "credscore[plot]"``).
docs/profiles.md explains every column with a worked example.

Definitions (the same words as :func:`credscore.summarize`):

- **claim**: a sentence row that :func:`credscore.claims.not_a_claim` passes, the test behind
  :attr:`credscore.SentenceScore.is_claim` — not a heading, byline, dateline, question or boilerplate.
- **the source type of a claim**: the type of the *least reliable* source it rests on, in the order the
  model's doubt bands keep (:data:`credscore.model.DOUBT_BANDS`): vague < described anonymous (any
  anonymous source, an unnamed outlet included) < relayed (a named outlet, or a named source reached
  through one) < named. Its own sources decide; a claim with none takes the weakest source it carries over
  from an earlier sentence (as the model's ``_level_of`` does); ties go to the first in text order. A claim
  with no source is ``unattributed`` — the outlet's own voice, or an attribution whose source credscore
  could not find (those are labelled weak; see the label shares).
- **anonymous**: the claim rests on (has among its own or carried-over sources) a source of kind
  ``anonymous_source`` (:attr:`credscore.Source.kind`: anonymous, neither vague nor a news outlet);
  **with a stated reason**: one of those sources carries an ``anonymity_reason``.
- **relayed**: the claim came through at least one relay (``hops`` >= 2); ``mean_hops_relayed`` is the
  mean of ``hops`` over those claims.
- **uncertain**: ``certainty`` below :data:`credscore.summary.UNCERTAIN_BELOW` (0.5).
- **articles** are counted by their first row (``sentence`` 0, or the one row of an article that has no
  sentence), so pass the whole scored output; ``n_articles_unscored`` are those without any sentence
  (status missing, empty, too long, error).

Memory does not grow with the corpus: the input is read a chunk at a time (Parquet a row group at a time,
only the columns needed; CSV and JSON lines in chunks of rows), and each chunk adds its sums and counts into
one row of numbers per group. The phrase lists are mergeable Misra–Gries summaries: each group keeps at
most ``2 * phrase_capacity`` phrases per list; when it holds more, every count is lowered by the
``phrase_capacity + 1``-th largest and those at zero are dropped. A count is then at most
``phrase_count_error`` below the truth (0: exact, the usual case), and that bound is at most
(claims in the group) / (``phrase_capacity`` + 1).
"""

from __future__ import annotations

import functools
import json
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from .claims import not_a_claim
from .cues import SOURCE_TYPES, Source
from .errors import PlotDependencyError, ProfileError, require_columns
from .formats import detect_format, pyarrow_parquet
from .model import LABELS
from .summary import UNCERTAIN_BELOW

__all__ = [
    "CLAIM_TYPES",
    "DEFAULT_MIN_CLAIMS",
    "MISSING_GROUP",
    "PERIODS",
    "REQUIRED_COLUMNS",
    "SHARES",
    "UNKNOWN_PERIOD",
    "PlotDependencyError",
    "ProfileError",
    "ProfileWarning",
    "Profiler",
    "aggregate",
    "profile",
    "profile_columns",
    "wilson_interval",
]

Period = Literal["month", "week", "year"]
#: The periods a profile can be cut into, from the date column.
PERIODS: tuple[str, ...] = ("month", "week", "year")
#: The columns of credscore's sentence-level output that a profile reads.
REQUIRED_COLUMNS = ("sentence", "kind", "text", "label", "certainty", "hops", "sources")
#: Source types of a claim: :data:`credscore.SOURCE_TYPES`, then no source at all.
CLAIM_TYPES: tuple[str, ...] = (*SOURCE_TYPES, "unattributed")
#: A group with fewer claims is kept but marked ``too_small``: below 30, a share's 95% interval is wider
#: than ±0.15 around 0.5 (Wilson), too wide to compare outlets on.
DEFAULT_MIN_CLAIMS = 30
#: The group value of rows whose group column is empty, and the period of rows with no readable date.
MISSING_GROUP = "(missing)"
UNKNOWN_PERIOD = "unknown"
#: 95% two-sided normal quantile, for the Wilson intervals.
_Z95 = 1.959963984540054
#: Bins of the certainty histogram (``certainty_hist``): [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0].
CERTAINTY_BINS = 10
#: Rows read at a time from a file (and per step over a DataFrame): ~100 MB of scored CSV holds ~120,000.
DEFAULT_CHUNKSIZE = 50_000
#: Phrases kept per group and list before a Misra–Gries reduction (see the module docstring).
DEFAULT_PHRASE_CAPACITY = 1_000
_LABELS = tuple(LABELS)

#: Every share: its name -> (the count column, the denominator column). A share ``share_<name>`` comes with
#: ``n_<name>`` and its 95% Wilson interval ``share_<name>_lo`` .. ``share_<name>_hi``.
SHARES: dict[str, tuple[str, str]] = {
    **{f"type_{t}": (f"n_type_{t}", "n_claims") for t in CLAIM_TYPES},
    "anonymous": ("n_anonymous", "n_claims"),
    "anonymous_with_reason": ("n_anonymous_with_reason", "n_anonymous"),
    "relayed": ("n_relayed", "n_claims"),
    "uncertain": ("n_uncertain", "n_claims"),
    **{f"label_{lab}": (f"n_label_{lab}", "n_claims") for lab in _LABELS},
}
# The sums kept per group, in this order (float64; counts stay exact below 2**53).
_SUMS = (
    "n_articles",
    "n_articles_unscored",
    "n_sentences",
    "n_claims",
    *(f"n_type_{t}" for t in CLAIM_TYPES),
    "n_anonymous",
    "n_anonymous_with_reason",
    "n_relayed",
    "hops_relayed",
    "certainty_sum",
    "n_uncertain",
    *(f"n_label_{lab}" for lab in _LABELS),
    *(f"certainty_bin_{i}" for i in range(CERTAINTY_BINS)),
)
_AT = {name: i for i, name in enumerate(_SUMS)}


class ProfileWarning(UserWarning):
    """Rows were counted somewhere the caller may not expect (dates that could not be read)."""


def profile_columns(by: Sequence[str] = (), period: str | None = None) -> list[str]:
    """The columns :func:`profile` returns, in order."""
    cols = [*by, *(["period"] if period else [])]
    cols += ["n_articles", "n_articles_unscored", "n_sentences", "n_claims", "too_small"]
    for name, (count, _) in SHARES.items():
        cols += [count, f"share_{name}", f"share_{name}_lo", f"share_{name}_hi"]
        if name == "relayed":
            cols.append("mean_hops_relayed")
        if name == "uncertain":
            cols += ["mean_certainty", "certainty_hist"]
    return [*cols, "top_anonymous", "top_named", "phrase_count_error"]


def wilson_interval(k: Any, n: Any, z: float = _Z95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of ``k`` successes in ``n`` trials (NaN where ``n`` is 0).

    Examples
    --------
    >>> lo, hi = wilson_interval(0, 10)
    >>> round(float(lo), 4), round(float(hi), 4)
    (0.0, 0.2775)
    """
    k = np.asarray(k, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
        lo, hi = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    return np.where(n > 0, lo, np.nan), np.where(n > 0, hi, np.nan)


# --- reading ---------------------------------------------------------------------------------------------


def _source_name(scored: Any) -> str:
    return "the DataFrame" if isinstance(scored, pd.DataFrame) else str(scored)


def _check_columns(columns: Sequence[Any], by: Sequence[str], date_column: str | None, where: str) -> None:
    have = list(columns)
    if "n_claims" in have and "sources" not in have:
        raise ProfileError(
            f"{where} is document-level output (one row per article); a profile needs sentence-level output: "
            "score at level='sentence' (the default) with credscore.score_frame(df) or credscore score-file"
        )
    require_columns(
        have,
        [(c, "scored column") for c in REQUIRED_COLUMNS],
        where=where,
        error=ProfileError,
        hints={
            "scored column": "is it credscore's sentence-level output? make it with credscore score-file IN -o "
            "OUT (sentence level, the default) or credscore.score_frame(df)"
        },
    )
    wanted = [(c, "group column") for c in by]
    if date_column is not None:
        wanted.append((date_column, "date column"))
    require_columns(
        have,
        wanted,
        where=where,
        error=ProfileError,
        hints={
            "group column": "pass by=['NAME'] with a column of the scored output, e.g. an id column given to "
            "score_frame or score-file",
            "date column": "pass date_column='NAME'",
        },
    )


def _chunks(
    scored: Any,
    columns: list[str],
    by: Sequence[str],
    date_column: str | None,
    chunksize: int,
    input_format: str | None,
) -> Iterator[pd.DataFrame]:
    """The needed ``columns`` of ``scored``, ``chunksize`` rows at a time, after the column checks."""
    if isinstance(scored, pd.DataFrame):
        _check_columns(scored.columns, by, date_column, "the DataFrame")
        for start in range(0, len(scored), chunksize):
            yield scored.iloc[start : start + chunksize][columns]
        return
    if not isinstance(scored, (str, Path)):
        raise TypeError(f"profile() expects a DataFrame or a path to a scored file, got {type(scored).__name__}")
    path = str(scored)
    fmt = detect_format(path, input_format)
    if not Path(path).is_file():
        raise ProfileError(f"no such file: {path}" if not Path(path).exists() else f"{path} is not a file")
    strings = {c: object for c in (*by, *([date_column] if date_column else []))}
    if fmt == "parquet":
        # A row group at a time, the needed columns only (the cue JSON, usually the largest column, is never
        # read), in slices of chunksize rows. Not ParquetFile.iter_batches: its Arrow memory grew by ~5 MB a
        # batch on a 1 GB file (pyarrow 26), where reading row groups stays flat (docs/benchmarks.md §9).
        pq = pyarrow_parquet()
        try:
            pf = pq.ParquetFile(path)
        except Exception as exc:
            raise ProfileError(f"{path} is not a readable Parquet file ({exc})") from None
        _check_columns(pf.schema_arrow.names, by, date_column, path)
        for i in range(pf.metadata.num_row_groups):
            group = pf.read_row_group(i, columns=columns)
            for batch in group.to_batches(max_chunksize=chunksize):
                yield batch.to_pandas()
            del group
    elif fmt.startswith("csv"):
        # pandas' C parser with the columns named: the score-file reader (credscore.files) builds a dict per row
        # and reads every column, several times slower on a file this shape (docs/benchmarks.md §9).
        header = pd.read_csv(path, nrows=0).columns
        _check_columns(header, by, date_column, path)
        dtypes = {"kind": object, "text": object, "label": object, "sources": object, **strings}
        with pd.read_csv(
            path, usecols=columns, dtype=dtypes, chunksize=chunksize, keep_default_na=False, na_values=[""]
        ) as reader:
            yield from reader
    else:
        # A JSON-lines file names its columns in each record: the first chunk is checked.
        with pd.read_json(path, lines=True, chunksize=chunksize, dtype=False) as reader:
            first = True
            for chunk in reader:
                if first:
                    _check_columns(chunk.columns, by, date_column, path)
                    first = False
                yield chunk.reindex(columns=columns)


# --- one chunk -------------------------------------------------------------------------------------------


def _doubt_rank(x: dict[str, Any]) -> int:
    """Doubt of one source, the order of credscore.features._source_row and the model's doubt bands:
    vague 3 > described anonymous 2 > relayed (an outlet, or a source reached through one) 1 > named 0."""
    if x.get("type") == "vague":
        return 3
    if x.get("anonymous"):
        return 2
    if x.get("outlet") or x.get("via"):
        return 1
    return 0


@functools.cache
def _kind_of(type_: str, anonymous: bool, outlet: bool) -> str:
    # Source.kind depends on these three fields only; cached, one Source is built per combination.
    return Source("", 0, 0, type_, anonymous, outlet=outlet).kind


def _kind(x: dict[str, Any]) -> str:
    """The cue kind of a source read from JSON (:attr:`credscore.Source.kind`, the one definition)."""
    return _kind_of(x.get("type") or "", bool(x.get("anonymous")), bool(x.get("outlet")))


def _phrase(x: dict[str, Any]) -> str:
    """What a source is called: a pronoun or description by the mention it refers to, spaces collapsed."""
    ref = x.get("refers_to")
    text = ref.get("text") if isinstance(ref, dict) and ref.get("text") else x.get("text") or ""
    return " ".join(str(text).split())


#: What a claim rests on: (source type, anonymous, with a stated reason, anonymous phrases, named sources).
_Claim = tuple[str, bool, bool, tuple[str, ...], tuple[str, ...]]
_NO_SOURCE: _Claim = ("unattributed", False, False, (), ())
_TYPE_AT = {t: i for i, t in enumerate(CLAIM_TYPES)}


def _read_sources(sources: list[dict[str, Any]]) -> _Claim:
    """What a claim rests on, from its ``sources`` JSON (the rules of the module docstring)."""
    if not sources:
        return _NO_SOURCE
    own = [x for x in sources if not x.get("inherited")]
    best, rank = sources[0], -1
    for x in own or sources:
        r = _doubt_rank(x)
        if r > rank:
            best, rank = x, r
    anon = [x for x in sources if _kind(x) == "anonymous_source"]
    named = [x for x in sources if not x.get("anonymous")]
    kind = best.get("type")
    return (
        kind if kind in _TYPE_AT else "unattributed",
        bool(anon),
        any(x.get("anonymity_reason") for x in anon),
        # Each phrase once per claim: the counts are claims resting on a source so called.
        tuple(dict.fromkeys(_phrase(x).lower() for x in anon)),
        tuple(dict.fromkeys(_phrase(x) for x in named)),
    )


def _first_bad_json(texts: Sequence[Any]) -> str:
    for x in texts:
        try:
            _read_sources(json.loads(x))
        except (json.JSONDecodeError, TypeError, KeyError, AttributeError):
            return str(x)[:60]
    return ""


def _numbers(values: pd.Series, name: str, where: str) -> np.ndarray:
    try:
        out = pd.to_numeric(values, errors="raise")
    except (ValueError, TypeError):
        bad = next(v for v in values if not _is_number_or_missing(v))
        raise ProfileError(
            f"column {name!r} of {where} holds {bad!r}, not a number; is it credscore's sentence-level output?"
        ) from None
    return out.to_numpy(dtype=np.float64, na_value=np.nan)


def _is_number_or_missing(v: Any) -> bool:
    try:
        float(v)
    except (TypeError, ValueError):
        return v is None or v is pd.NA
    return True


def _missing(values: pd.Series) -> np.ndarray:
    return np.asarray(values.isna(), dtype=bool)


def _period_labels(values: pd.Series, period: str, date_format: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Period of each row ("2016-03", "2016-W10", "2016"; :data:`UNKNOWN_PERIOD` without a date) and which
    rows had a date that could not be read."""
    # Each distinct value is classified once (an article's date repeats on each of its sentences), and parsed
    # element by element ("mixed"), so that a chunk's first value never decides how the others are read.
    codes, uniq = pd.factorize(values.astype(object), use_na_sentinel=True)
    label_of = np.full(len(uniq) + 1, UNKNOWN_PERIOD, dtype=object)  # the last slot: missing (code -1)
    bad_of = np.zeros(len(uniq) + 1, dtype=bool)
    blank = np.array([isinstance(u, str) and not u.strip() for u in uniq], dtype=bool)
    todo = np.flatnonzero(~blank)
    if todo.size:
        given = [uniq[i] if hasattr(uniq[i], "year") else str(uniq[i]) for i in todo]
        parsed = pd.to_datetime(
            pd.Series(given, dtype=object), errors="coerce", utc=True, format=date_format or "mixed"
        )
        if period == "month":
            names = parsed.dt.strftime("%Y-%m")
        elif period == "year":
            names = parsed.dt.strftime("%Y")
        else:
            iso = parsed.dt.isocalendar()
            names = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
        ok = np.asarray(parsed.notna(), dtype=bool)
        label_of[todo[ok]] = np.asarray(names[ok], dtype=object)
        bad_of[todo[~ok]] = True
    return label_of[codes], bad_of[codes]


@dataclass
class Profiler:
    """Sums and phrase counters per group, added to a chunk at a time (:func:`aggregate`): :meth:`table` is
    the profile, :meth:`overall` the same with the periods merged, :meth:`date_note` what became of dates
    that could not be read."""

    by: tuple[str, ...]
    period: str | None
    date_column: str | None
    date_format: str | None
    where: str
    phrase_capacity: int
    sums: dict[tuple[Any, ...], np.ndarray] = field(default_factory=dict)
    anonymous: dict[tuple[Any, ...], Counter[str]] = field(default_factory=dict)
    named: dict[tuple[Any, ...], Counter[str]] = field(default_factory=dict)
    error: dict[tuple[Any, ...], int] = field(default_factory=dict)
    dates: dict[str, Any] = field(
        default_factory=lambda: {
            "missing_rows": 0,
            "missing_articles": 0,
            "bad_rows": 0,
            "bad_articles": 0,
            "examples": [],
        }
    )

    def add(self, df: pd.DataFrame) -> None:
        n = len(df)
        if not n:
            return
        sentence = _numbers(df["sentence"], "sentence", self.where)
        is_sentence = ~np.isnan(sentence)
        first = ~is_sentence | (sentence == 0)
        keys = [self._group_values(df[c]) for c in self.by]
        if self.period:
            labels, bad = _period_labels(df[self.date_column], self.period, self.date_format)
            self._note_dates(df[self.date_column], labels, bad, first)
            keys.append(labels)
        texts = df["text"].to_numpy(dtype=object)
        kinds = df["kind"].to_numpy(dtype=object)
        at = np.flatnonzero(is_sentence)
        try:
            # The claim test of SentenceScore.is_claim and summarize(): one definition (credscore.claims).
            is_claim = [not_a_claim(t, k) is None for t, k in zip(texts[at], kinds[at], strict=True)]
        except (AttributeError, TypeError):
            i = next(i for i in at if not isinstance(texts[i], str) or not isinstance(kinds[i], str))
            what = "text" if not isinstance(texts[i], str) else "kind"
            raise ProfileError(
                f"a sentence row of {self.where} has no {what} (sentence {int(sentence[i])}, {what} "
                f"{(texts if what == 'text' else kinds)[i]!r}); is it credscore's sentence-level output?"
            ) from None
        rows = at[np.asarray(is_claim, dtype=bool)] if len(at) else at
        M = np.zeros((n, len(_SUMS)))
        M[:, _AT["n_articles"]] = first
        M[:, _AT["n_articles_unscored"]] = ~is_sentence
        M[:, _AT["n_sentences"]] = is_sentence
        M[rows, _AT["n_claims"]] = 1
        certainty = _numbers(df["certainty"], "certainty", self.where)[rows]
        hops = _numbers(df["hops"], "hops", self.where)[rows]
        hops = np.where(np.isnan(hops), 1, hops)
        M[rows, _AT["certainty_sum"]] = certainty
        M[rows, _AT["n_uncertain"]] = certainty < UNCERTAIN_BELOW
        bins = np.clip(np.floor(np.nan_to_num(certainty) * CERTAINTY_BINS), 0, CERTAINTY_BINS - 1).astype(int)
        M[rows, _AT["certainty_bin_0"] + bins] = 1
        relayed = hops >= 2
        M[rows, _AT["n_relayed"]] = relayed
        M[rows, _AT["hops_relayed"]] = np.where(relayed, hops, 0)
        label = df["label"].to_numpy(dtype=object)[rows]
        for lab in _LABELS:
            M[rows, _AT[f"n_label_{lab}"]] = label == lab
        # Only claims with a source are parsed: most are "[]" (the outlet's own voice).
        raw = df["sources"].to_numpy(dtype=object)[rows]
        has = np.array([isinstance(x, str) and x != "[]" for x in raw], dtype=bool)
        M[rows[~has], _AT["n_type_unattributed"]] = 1
        with_sources, texts_json = rows[has], raw[has]
        loads = json.loads
        try:
            parsed = [_read_sources(loads(x)) for x in texts_json]
        except (json.JSONDecodeError, TypeError, KeyError, AttributeError):
            raise ProfileError(
                f"the sources of a sentence in {self.where} are not credscore's source JSON "
                f"({_first_bad_json(texts_json)!r}); is it credscore's sentence-level output?"
            ) from None
        if parsed:
            codes = np.fromiter((_TYPE_AT[c[0]] for c in parsed), dtype=np.int64, count=len(parsed))
            M[with_sources, _AT[f"n_type_{CLAIM_TYPES[0]}"] + codes] = 1
            M[with_sources, _AT["n_anonymous"]] = [c[1] for c in parsed]
            M[with_sources, _AT["n_anonymous_with_reason"]] = [c[2] for c in parsed]
            key_rows = list(zip(*(k[with_sources] for k in keys), strict=True)) if keys else [()] * len(parsed)
            anonymous: dict[tuple[Any, ...], list[str]] = {}
            named: dict[tuple[Any, ...], list[str]] = {}
            for key, c in zip(key_rows, parsed, strict=True):
                if c[3]:
                    anonymous.setdefault(key, []).extend(c[3])
                if c[4]:
                    named.setdefault(key, []).extend(c[4])
            for found, counters in ((anonymous, self.anonymous), (named, self.named)):
                for key, phrases in found.items():
                    counters.setdefault(key, Counter()).update(phrases)
        self._add_sums(keys, M, n)
        for counters in (self.anonymous, self.named):
            for key, counter in counters.items():
                if len(counter) > 2 * self.phrase_capacity:
                    self.error[key] = self.error.get(key, 0) + _reduce(counter, self.phrase_capacity)

    def _group_values(self, values: pd.Series) -> np.ndarray:
        out = values.to_numpy(dtype=object).copy()
        out[_missing(values)] = MISSING_GROUP
        return out

    def _note_dates(self, values: pd.Series, labels: np.ndarray, bad: np.ndarray, first: np.ndarray) -> None:
        unknown = labels == UNKNOWN_PERIOD
        missing = unknown & ~bad
        d = self.dates
        d["missing_rows"] += int(missing.sum())
        d["missing_articles"] += int((missing & first).sum())
        d["bad_rows"] += int(bad.sum())
        d["bad_articles"] += int((bad & first).sum())
        if bad.any() and len(d["examples"]) < 3:
            for v in pd.unique(values[bad].astype(object)):
                if len(d["examples"]) < 3 and v not in d["examples"]:
                    d["examples"].append(v)

    def _add_sums(self, keys: list[np.ndarray], M: np.ndarray, n: int) -> None:
        if not keys:
            self._add((), M.sum(axis=0))
            return
        frame = pd.DataFrame({f"k{i}": k for i, k in enumerate(keys)})
        codes = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
        totals = np.zeros((codes.max() + 1, M.shape[1]))
        np.add.at(totals, codes, M)
        first_row = np.unique(codes, return_index=True)[1]
        for code, i in enumerate(first_row):
            self._add(tuple(k[i] for k in keys), totals[code])

    def _add(self, key: tuple[Any, ...], row: np.ndarray) -> None:
        acc = self.sums.get(key)
        if acc is None:
            self.sums[key] = row.copy()
        else:
            acc += row

    def table(self, min_claims: int, top: int) -> pd.DataFrame:
        """The profile: one row per group (and period), :func:`profile_columns`, sorted by group."""
        cols = profile_columns(self.by, self.period)
        keys = sorted(self.sums, key=_sort_key)
        if not keys:
            return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
        S = np.array([self.sums[k] for k in keys])
        col = {name: S[:, i] for name, i in _AT.items()}
        data: dict[str, Any] = {}
        for j, c in enumerate([*self.by, *(["period"] if self.period else [])]):
            data[c] = [k[j] for k in keys]
        for name in ("n_articles", "n_articles_unscored", "n_sentences", "n_claims"):
            data[name] = col[name].astype(np.int64)
        data["too_small"] = col["n_claims"] < min_claims
        with np.errstate(invalid="ignore", divide="ignore"):
            for name, (count, denom) in SHARES.items():
                k, n = col[count], col[denom]
                lo, hi = wilson_interval(k, n)
                data[count] = k.astype(np.int64)
                data[f"share_{name}"] = np.where(n > 0, k / n, np.nan)
                data[f"share_{name}_lo"], data[f"share_{name}_hi"] = lo, hi
            data["mean_hops_relayed"] = np.where(col["n_relayed"] > 0, col["hops_relayed"] / col["n_relayed"], np.nan)
            data["mean_certainty"] = np.where(col["n_claims"] > 0, col["certainty_sum"] / col["n_claims"], np.nan)
        hist = S[:, _AT["certainty_bin_0"] : _AT["certainty_bin_0"] + CERTAINTY_BINS].astype(np.int64)
        data["certainty_hist"] = [json.dumps(h.tolist()) for h in hist]
        data["top_anonymous"] = [_top(self.anonymous.get(k), top) for k in keys]
        data["top_named"] = [_top(self.named.get(k), top) for k in keys]
        data["phrase_count_error"] = np.array([self.error.get(k, 0) for k in keys], dtype=np.int64)
        return pd.DataFrame(data)[cols]

    def overall(self) -> Profiler:
        """The same profile with the periods merged: one row per group (the page's per-group charts)."""
        n = len(self.by)
        out = Profiler(self.by, None, None, None, self.where, self.phrase_capacity)
        for key, row in self.sums.items():
            out._add(key[:n], row)
        for mine, theirs in ((self.anonymous, out.anonymous), (self.named, out.named)):
            for key, counter in mine.items():
                theirs.setdefault(key[:n], Counter()).update(counter)
        for key, err in self.error.items():
            out.error[key[:n]] = out.error.get(key[:n], 0) + err
        for counters in (out.anonymous, out.named):
            for key, counter in counters.items():
                if len(counter) > 2 * self.phrase_capacity:
                    out.error[key] = out.error.get(key, 0) + _reduce(counter, self.phrase_capacity)
        return out

    def date_note(self) -> str | None:
        """What :func:`profile` warns (:class:`ProfileWarning`): rows with no date or one that could not be
        read, counted in period :data:`UNKNOWN_PERIOD`; None when every row had a readable date."""
        d = self.dates
        if not (d["missing_rows"] or d["bad_rows"]):
            return None
        parts = []
        if d["missing_rows"]:
            parts.append(f"{d['missing_articles']:,} article(s) ({d['missing_rows']:,} rows) have no date")
        if d["bad_rows"]:
            eg = ", ".join(repr(v) for v in d["examples"])
            parts.append(
                f"{d['bad_articles']:,} article(s) ({d['bad_rows']:,} rows) have a date that could not be read "
                f"(e.g. {eg}); pass its format, e.g. date_format='%d/%m/%Y'"
            )
        return (
            f"in date column {self.date_column!r} of {self.where}, " + "; ".join(parts) + f": they are counted in "
            f"period {UNKNOWN_PERIOD!r}"
        )


def _reduce(counter: Counter[str], capacity: int) -> int:
    """One Misra–Gries reduction: lower every count by the (capacity+1)-th largest; drop those at zero."""
    cut = sorted(counter.values(), reverse=True)[capacity]
    for phrase in list(counter):
        left = counter[phrase] - cut
        if left > 0:
            counter[phrase] = left
        else:
            del counter[phrase]
    return cut


def _top(counter: Counter[str] | None, top: int) -> str:
    """The ``top`` most frequent phrases as JSON ``[[phrase, count], ...]``, ties in alphabetical order."""
    if not counter:
        return "[]"
    best = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return json.dumps([[p, c] for p, c in best], ensure_ascii=False)


def _sort_key(key: tuple[Any, ...]) -> tuple[Any, ...]:
    # Groups in order of their values as text (a missing group, then the periods in time order, "unknown" last).
    return tuple((v == MISSING_GROUP, str(v)) for v in key)


def _check_options(
    by: Sequence[str], period: str | None, min_claims: Any, top: Any, chunksize: Any, phrase_capacity: Any
) -> None:
    if len(set(by)) != len(by):
        raise ProfileError(f"by names a column twice: {list(by)}; name each group column once")
    if period is not None and period not in PERIODS:
        raise ProfileError(f"period must be one of {', '.join(PERIODS)} (or None), got {period!r}")
    for name, value, least in (
        ("min_claims", min_claims, 0),
        ("top", top, 0),
        ("chunksize", chunksize, 1),
        ("phrase_capacity", phrase_capacity, 1),
    ):
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise ProfileError(f"{name} must be a whole number of at least {least}, got {value!r}")


def aggregate(
    scored: Any,
    by: Sequence[str] | str,
    period: str | None,
    *,
    date_column: str = "date",
    date_format: str | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    input_format: str | None = None,
    phrase_capacity: int = DEFAULT_PHRASE_CAPACITY,
    min_claims: int = 0,
    top: int = 0,
) -> Profiler:
    """The sums behind :func:`profile`, a chunk of ``scored`` at a time (the parameters are its): a
    :class:`Profiler`, whose :meth:`~Profiler.table` is the profile. The command line draws the page from it
    (also the profile without periods) and shows its :meth:`~Profiler.date_note` as a line, not a warning."""
    by = (by,) if isinstance(by, str) else tuple(by)
    _check_options(by, period, min_claims, top, chunksize, phrase_capacity)
    date_col = date_column if period else None
    columns = list(dict.fromkeys([*by, *([date_col] if date_col else []), *REQUIRED_COLUMNS]))
    prof = Profiler(by, period, date_col, date_format, _source_name(scored), phrase_capacity)
    for chunk in _chunks(scored, columns, by, date_col, chunksize, input_format):
        prof.add(chunk)
    return prof


def profile(
    scored: pd.DataFrame | str | Path,
    by: Sequence[str] | str = (),
    period: str | None = None,
    *,
    date_column: str = "date",
    date_format: str | None = None,
    min_claims: int = DEFAULT_MIN_CLAIMS,
    top: int = 10,
    chunksize: int = DEFAULT_CHUNKSIZE,
    input_format: str | None = None,
    phrase_capacity: int = DEFAULT_PHRASE_CAPACITY,
) -> pd.DataFrame:
    """How a corpus sources its claims, one row per group (× period).

    Parameters
    ----------
    scored : pandas.DataFrame or path
        Sentence-level output of :func:`credscore.score_frame` or ``credscore score-file`` (a CSV, CSV.gz,
        JSON-lines or Parquet file, read a chunk at a time). Needs :data:`REQUIRED_COLUMNS` and the
        ``by`` (and date) columns, e.g. id columns passed to score-file.
    by : str or sequence of str
        Columns to group by (outlet, author, section, ...); none for one row for the whole corpus. A row
        with no value is in the group :data:`MISSING_GROUP`.
    period : {"month", "week", "year"}, optional
        Also cut by the date in ``date_column``: "2016-03", "2016-W10" (ISO week) or "2016". Dates are read
        value by value (ISO 8601 and the common written forms, month first; timestamps with an offset are
        taken in UTC), or with ``date_format`` (a strftime format). Rows with no date, or one that cannot be
        read, are counted in the period :data:`UNKNOWN_PERIOD`, and a :class:`ProfileWarning` says how
        many.
    min_claims : int, default 30
        Groups with fewer claims are kept, with ``too_small`` True.
    top : int, default 10
        Phrases listed in ``top_anonymous`` and ``top_named``.
    chunksize : int
        Rows read and aggregated at a time; the result does not depend on it.
    input_format : str, optional
        The file's format when its extension does not say (csv, csv.gz, jsonl, jsonl.gz, parquet).
    phrase_capacity : int
        Phrases kept per group and list (see the module docstring); bounds memory.

    Returns
    -------
    pandas.DataFrame
        Columns :func:`profile_columns`; each share in :data:`SHARES` with its count and 95% Wilson interval.
        Sorted by group, then period.

    Examples
    --------
    >>> import pandas as pd, credscore
    >>> docs = pd.DataFrame({"outlet": ["A", "B"], "text": ["Officials said the plan failed. It rained.",
    ...                                                        "Mayor Linda Park said the plan failed."]})
    >>> p = credscore.profile(credscore.score_frame(docs, id_cols=["outlet"]), by="outlet", min_claims=1)
    >>> p[["outlet", "n_claims", "n_anonymous", "share_anonymous", "n_type_named_person"]].to_dict("records")
    [{'outlet': 'A', 'n_claims': 2, 'n_anonymous': 1, 'share_anonymous': 0.5, 'n_type_named_person': 0}, \
{'outlet': 'B', 'n_claims': 1, 'n_anonymous': 0, 'share_anonymous': 0.0, 'n_type_named_person': 1}]
    """
    prof = aggregate(
        scored,
        by,
        period,
        date_column=date_column,
        date_format=date_format,
        chunksize=chunksize,
        input_format=input_format,
        phrase_capacity=phrase_capacity,
        min_claims=min_claims,
        top=top,
    )
    note = prof.date_note()
    if note is not None:
        warnings.warn(note, ProfileWarning, stacklevel=2)
    return prof.table(min_claims, top)
