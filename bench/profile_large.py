"""Speed and peak memory of ``credscore profile`` on a large scored file (docs/benchmarks.md §9).

Scores the PolNeAR train and dev articles once with :func:`credscore.score_frame` (sentence level, with
their outlet and date), then tiles that real output into files of the sizes asked for: each copy gets new
article ids (``<name>~<copy>``) and its dates moved on by one week per copy, so that months and groups
fill as in a larger corpus. The CSV files are the sizes named; the Parquet file of the same rows is
smaller (its size is printed). The generated files stay in ``--data-dir`` (default /tmp), never in the
repository. Each run is the console script as a user calls it, in its own process:

    credscore profile FILE --by outlet --period month -o OUT

with wall and CPU time and the peak resident memory of that process (GNU ``/usr/bin/time``). Two side
measurements say where the time goes: reading the 28 MB base CSV with score-file's reader
(:mod:`credscore.files`) against pandas' C parser with only the needed columns, and the ways of parsing the
``sources`` JSON of the claims.

    CREDSCORE_DATA=../shared/data python bench/profile_large.py --sizes 100,1000 --json bench/out/profile.json
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
from _revision import git_revision, machine  # bench/_revision.py

import credscore
from tools import corpora


def scored_polnear(folder: Path) -> pd.DataFrame:
    """Sentence-level output for PolNeAR train + dev (924 articles), cached in ``folder``."""
    path = folder / "polnear-scored.parquet"
    if path.exists():
        return pd.read_parquet(path)
    arts = corpora.read_polnear("train") + corpora.read_polnear("dev")
    docs = pd.DataFrame(
        {
            "id": [a.name for a in arts],
            "outlet": [a.metadata.get("publisher") or None for a in arts],
            "author": [a.metadata.get("author") or None for a in arts],
            "date": [a.metadata.get("publication_date") or None for a in arts],
            "text": [a.text for a in arts],
        }
    )
    t0 = time.perf_counter()
    out = credscore.score_frame(docs, "text", id_cols=["id", "outlet", "author", "date"])
    print(f"scored {len(docs)} articles, {len(out):,} rows in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    out.to_parquet(path, index=False)
    return out


def tile(base: pd.DataFrame, copy: int) -> pd.DataFrame:
    t = base.copy()
    t["id"] = t["id"] + f"~{copy}"
    dates = pd.to_datetime(t["date"], errors="coerce") + pd.Timedelta(weeks=copy)
    t["date"] = dates.dt.strftime("%Y-%m-%d")
    return t


def build(base: pd.DataFrame, folder: Path, megabytes: int) -> tuple[Path, Path, int]:
    """A CSV of ``megabytes`` MB (whole copies of the base) and a Parquet file of the same rows."""
    csv, pq = folder / f"scored-{megabytes}mb.csv", folder / f"scored-{megabytes}mb.parquet"
    meta = folder / f"scored-{megabytes}mb.json"
    if meta.exists() and csv.exists() and pq.exists():
        return csv, pq, json.loads(meta.read_text())["rows"]
    import pyarrow as pa
    import pyarrow.parquet as papq

    target = megabytes * 1_000_000
    rows = copy = 0
    writer = None
    with csv.open("w", encoding="utf-8", newline="") as fh:
        while fh.tell() < target:
            t = tile(base, copy)
            t.to_csv(fh, index=False, header=copy == 0, lineterminator="\n")
            table = pa.Table.from_pandas(t, preserve_index=False)
            writer = writer or papq.ParquetWriter(pq, table.schema)
            writer.write_table(table, row_group_size=100_000)
            rows += len(t)
            copy += 1
    assert writer is not None
    writer.close()
    meta.write_text(json.dumps({"rows": rows, "copies": copy}))
    return csv, pq, rows


def run_profile(path: Path, out: Path, extra: list[str]) -> dict:
    """``credscore profile`` in its own process, under GNU time: wall and CPU seconds, peak RSS (MB).

    Through /usr/bin/time, not os.wait4 here: a child forked from this process would count this process's
    memory (the scored base frame) in its peak."""
    exe = Path(sys.executable).parent / "credscore"
    cmd = [str(exe), "profile", str(path), "--by", "outlet", "--period", "month", "-o", str(out), *extra]
    stats = out.with_name(out.name + ".time")
    proc = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(stats), *cmd], capture_output=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode()}")
    wall, user, system, kb = stats.read_text().split()[-4:]
    return {
        "command": " ".join(["credscore", *cmd[1:]]),
        "wall_s": float(wall),
        "cpu_s": round(float(user) + float(system), 2),
        "peak_rss_mb": round(int(kb) / 1024, 1),
    }


def side_measurements(base: pd.DataFrame, folder: Path) -> dict:
    """Readers and JSON parsing on the base output (34,094 rows, 28 MB of CSV)."""
    from credscore.claims import not_a_claim
    from credscore.files.reading import open_input
    from credscore.profiles import REQUIRED_COLUMNS

    path = folder / "polnear-scored.csv"
    base.to_csv(path, index=False)
    res: dict = {"base_rows": len(base), "base_csv_mb": round(path.stat().st_size / 1e6, 1)}
    t0 = time.perf_counter()
    src = open_input(str(path), "csv", text_col="text", id_cols=["outlet", "date"], chunksize=50_000)
    n = sum(len(c) for c in src.chunks)
    res["read_csv_score_file_reader_s"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    cols = ["outlet", "date", *REQUIRED_COLUMNS]
    with pd.read_csv(path, usecols=cols, chunksize=50_000, dtype=str, keep_default_na=False, na_values=[""]) as r:
        m = sum(len(c) for c in r)
    res["read_csv_pandas_usecols_s"] = round(time.perf_counter() - t0, 2)
    assert n == m == len(base)
    texts, kinds = base["text"].tolist(), base["kind"].tolist()
    pairs = [(t, k) for t, k in zip(texts, kinds, strict=True) if isinstance(t, str)]
    t0 = time.perf_counter()
    claims = [not_a_claim(t, k) is None for t, k in pairs]
    res["not_a_claim_us_per_sentence"] = round((time.perf_counter() - t0) / len(pairs) * 1e6, 2)
    raw = [s for s, c in zip(base["sources"][base["text"].notna()], claims, strict=True) if c and s != "[]"]
    t0 = time.perf_counter()
    _ = [json.loads(s) for s in raw]
    res["json_loads_each_us_per_claim"] = round((time.perf_counter() - t0) / len(raw) * 1e6, 2)
    t0 = time.perf_counter()
    _ = json.loads("[" + ",".join(raw) + "]")
    res["json_loads_joined_us_per_claim"] = round((time.perf_counter() - t0) / len(raw) * 1e6, 2)
    res["claims_with_sources"] = len(raw)
    res["sentences"] = len(pairs)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000", help="CSV sizes in MB, comma-separated (default: 100,1000)")
    ap.add_argument("--data-dir", default="/tmp/credscore-profile-bench", help="where the generated files go")
    ap.add_argument("--json", help="write the results here too")
    args = ap.parse_args()
    folder = Path(args.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    base = scored_polnear(folder)
    results: dict = {"revision": git_revision(), **machine(cpu=platform.processor() or None), "runs": []}
    results["side"] = side_measurements(base, folder)
    print(json.dumps(results["side"], indent=1))
    for mb in (int(x) for x in args.sizes.split(",")):
        csv, pq, rows = build(base, folder, mb)
        for path in (csv, pq):
            for extra in ([], ["--no-html"]):
                r = run_profile(path, folder / f"profile-{path.suffix[1:]}-{mb}", extra)
                r.update(input=path.name, input_mb=round(path.stat().st_size / 1e6, 1), rows=rows,
                         rows_per_s=round(rows / r["wall_s"]))  # fmt: skip
                results["runs"].append(r)
                print(json.dumps(r), flush=True)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
