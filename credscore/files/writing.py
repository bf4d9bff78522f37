"""Writing batch output: one part file per finished chunk, streamed chunks for standard output, and the
parts joined into the output at the end (Parquet parts agreeing on one schema)."""

from __future__ import annotations

import contextlib
import gzip
import json
import math
import os
import shutil
from pathlib import Path
from typing import IO, Any

import pandas as pd

from ..formats import Format, pyarrow_parquet

__all__ = ["join_parts", "stream_chunk", "write_part"]


def write_part(df: pd.DataFrame, fmt: Format, path: Path) -> None:
    """One chunk's output, written completely or not at all (to a temporary name, then moved into place); CSV
    parts have no header (:func:`join_parts` writes one)."""
    tmp = path.with_name(path.name + ".tmp")
    if fmt == "parquet":
        _parquet_ready(df).to_parquet(tmp, index=False)
    elif fmt.startswith("csv"):
        df.to_csv(tmp, index=False, header=False, lineterminator="\n")
    else:
        df.to_json(tmp, orient="records", lines=True, force_ascii=False)
    os.replace(tmp, path)


def stream_chunk(df: pd.DataFrame, fmt: Format, out: IO[str], first: bool) -> None:
    """One chunk's output written to ``out`` (standard output) as CSV (with the header on the ``first``) or
    JSON lines, and flushed: a reader downstream sees each chunk as soon as it is scored."""
    if fmt.startswith("csv"):
        df.to_csv(out, index=False, header=first, lineterminator="\n")
    else:
        text = df.to_json(orient="records", lines=True, force_ascii=False)
        out.write(text if text.endswith("\n") or not text else text + "\n")
    out.flush()


def join_parts(parts: list[Path], fmt: Format, header: list[str], target: Path) -> None:
    """Concatenate part files into ``target`` (written to a temp name, then renamed): CSV under one
    ``header``, gzip without a name or time (the same parts give the same bytes), Parquet under one schema
    that every part fits."""
    tmp = target.with_name(target.name + ".tmp")
    try:
        if fmt == "parquet":
            _join_parquet(parts, header, tmp)
        else:
            # A gzip header holds a file name and a time; with neither, the same
            # parts give the same bytes whenever they are joined (a resumed run).
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
        tmp.unlink(missing_ok=True)  # the parts stay, for a resume
        raise


def _join_parquet(parts: list[Path], header: list[str], tmp: Path) -> None:
    pq = pyarrow_parquet()
    if not parts:  # no rows at all: an empty file with the right columns
        pd.DataFrame(columns=header).to_parquet(tmp, index=False)
        return
    schema = _unified_schema(parts)
    with pq.ParquetWriter(tmp, schema) as writer:
        for p in parts:
            writer.write_table(_conform(pq.read_table(p), schema))


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

    pq = pyarrow_parquet()
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
