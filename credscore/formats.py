"""File formats and output paths for batch scoring: what ``credscore score-file`` accepts, decided
without reading a row (and without importing pandas, so the command line starts quickly).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from .errors import ScoreFileError

__all__ = [
    "DEFAULT_CHUNKSIZE",
    "FORMATS",
    "Format",
    "ScoreFileError",
    "check_output_path",
    "detect_format",
    "pyarrow_parquet",
]

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
#: Rows per chunk: large enough that per-chunk overhead vanishes (measured: the same speed on one job as
#: 2,000 rows), small enough that a file of a few thousand news articles still gives two workers several
#: chunks each and memory stays low (docs/benchmarks.md §5b: 10 MB on two jobs 9.7 s at 2,000, 6.1 s at 500).
DEFAULT_CHUNKSIZE = 500


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
        f"{', '.join(sorted(FORMATS))} or pass input_format=... or output_format=..."
    )


def check_output_path(dst: str | Path, *, create_folders: bool = False, example: str = "scores.csv") -> None:
    """Refuse, before any work, an output that cannot be written: a folder itself,
    under a file, or in a missing folder (unless the caller creates folders)."""
    out = Path(dst)
    if out.is_dir():
        raise ScoreFileError(f"cannot write {dst}: it is a folder; pass a file name, e.g. {out / example}")
    folder = out.parent
    if folder.is_dir():
        return
    existing = next((p for p in folder.parents if p.exists()), None) if not folder.exists() else folder
    if existing is not None and not existing.is_dir():
        raise ScoreFileError(f"cannot write {dst}: {existing} is a file, not a folder; choose another output path")
    if not create_folders:
        raise ScoreFileError(f"cannot write {dst}: folder {folder} does not exist; create it first (mkdir -p {folder})")


def pyarrow_parquet() -> Any:
    """The module :mod:`pyarrow.parquet`, imported when a Parquet file is read or written (pyarrow is an optional
    extra, and a heavy import); :class:`ScoreFileError` with the command that installs it when it is missing.
    Called before any work by whoever will need it, so that a missing extra fails at once."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ScoreFileError("Parquet needs pyarrow: pip install 'credscore[parquet]'") from None
    return pq
