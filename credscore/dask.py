"""Scoring a Dask DataFrame on a cluster (``pip install 'credscore[dask]'``).

>>> import dask.dataframe as dd                                  # doctest: +SKIP
>>> from credscore.dask import score_dask                        # doctest: +SKIP
>>> ddf = dd.read_parquet("s3://bucket/articles/")                # doctest: +SKIP
>>> scores = score_dask(ddf, "body", id_cols=["id"], level="document")  # doctest: +SKIP
>>> scores.to_parquet("s3://bucket/scores/")                      # doctest: +SKIP

Each partition is scored with :func:`credscore.batch.score_frame`, the same
code as on one machine, so results are identical. The output ``meta`` is
built from the same column schema, so Dask never has to guess it by running
the scorer on fake data. At document level the partitions keep their index
and divisions (one output row per input row); at sentence level the index is
a fresh per-partition range and ``row`` holds the input row's index label.

Workers load the default model once per process (it is cached at module
level); a custom model is shipped to the workers with the task graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .batch import Level, empty_output, score_frame
from .cues import CueDetector
from .errors import require_columns
from .model import Model

__all__ = ["score_dask"]


def score_dask(
    ddf: Any,
    text_col: str = "text",
    *,
    id_cols: Sequence[str] | None = None,
    level: Level = "sentence",
    model: Model | None = None,
    detector: CueDetector | None = None,
    html: bool = False,
) -> Any:
    """Lazily score a ``dask.dataframe.DataFrame``; returns a Dask DataFrame.

    Parameters are those of :func:`credscore.batch.score_frame` (without
    ``n_jobs``: Dask's scheduler decides where partitions run).
    """
    try:
        import dask.dataframe as dd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("credscore.dask needs Dask: pip install 'credscore[dask]'") from None
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"score_dask() expects a dask.dataframe.DataFrame, got {type(ddf).__name__}")
    id_cols = list(id_cols or [])
    require_columns(ddf.columns, [(text_col, "text column"), *((c, "id column") for c in id_cols)])
    meta = empty_output(ddf._meta, level, id_cols, model)
    kwargs = {"id_cols": id_cols, "level": level, "model": model, "detector": detector, "html": html}
    if level == "document":
        return ddf.map_partitions(score_frame, text_col, meta=meta, **kwargs)
    return ddf.map_partitions(score_frame, text_col, meta=meta, clear_divisions=True, **kwargs)
