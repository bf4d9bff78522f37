"""Throughput and peak memory of the file path: ``credscore score-file`` on 10 MB to 1 GB of CSV.

Builds CSV inputs (columns ``id``, ``text``) by repeating the PolNeAR train
articles (840 US political news articles, 3.86 MB) until each file reaches
its size (written streaming, never held in memory), then runs the console
script ``credscore score-file IN -o OUT.parquet --text-column text
--id-column id --level document --quiet --jobs N`` on each, one run after
another, and records wall time, rows/s, sentences/s (the sum of
``n_sentences`` in the output), MB/s (input file bytes) and the peak resident
memory of the whole process tree: the ``credscore`` process and every
descendant (joblib/loky workers), found with psutil every 0.2 s and their RSS
summed (shared library pages are counted once per process, so the sum
overstates what the tree needs). The largest single-process peak RSS, from
the kernel (``/usr/bin/time -f %M``, which covers waited-for children too),
is given beside it. For comparison, ``credscore.score()``
in-process over the PolNeAR train texts (best of 3).

    CREDSCORE_DATA=../shared/data python bench/throughput.py --data-dir ../bench-data \\
        --json bench/out/throughput.json

``--runs 10:1,10:2,100:1,100:2,1000:2`` chooses the runs (size in MB : jobs); the
default starts with a 10 kB file (a few rows), which shows the fixed cost of a
run: start-up, imports, model loading, worker processes.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil
from _revision import git_revision, machine  # bench/_revision.py (scripts run as `python bench/throughput.py`)

import credscore
from tools import corpora

DEFAULT_RUNS = "0.01:1,0.01:2,10:1,10:2,100:1,100:2,1000:1,1000:2"


def build_csv(path: Path, texts: list[tuple[str, str]], target_bytes: int) -> dict:
    """Write ``id,text`` rows, cycling over the articles, until the file has ``target_bytes``."""
    if path.exists() and path.with_suffix(".meta.json").exists():
        meta = json.loads(path.with_suffix(".meta.json").read_text())
        if meta.get("target_bytes") == target_bytes and path.stat().st_size == meta["bytes"]:
            return meta
    t0 = time.perf_counter()
    rows = n_bytes = 0
    buf = io.StringIO()
    w = csv.writer(buf)
    with path.open("wb") as fh:
        w.writerow(["id", "text"])
        while n_bytes < target_bytes:
            if rows:
                name, text = texts[(rows - 1) % len(texts)]
                w.writerow([f"{(rows - 1) // len(texts)}:{name}", text])
            chunk = buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
            fh.write(chunk)
            n_bytes += len(chunk)
            rows += 1
    rows -= 1  # the header
    meta = {
        "path": str(path),
        "target_bytes": target_bytes,
        "bytes": path.stat().st_size,
        "rows": rows,
        "repetitions": round(rows / len(texts), 2),
        "build_seconds": round(time.perf_counter() - t0, 2),
    }
    path.with_suffix(".meta.json").write_text(json.dumps(meta))
    return meta


def tree_rss(proc: psutil.Process, cpu: dict[int, float] | None = None) -> tuple[int, int, int]:
    """(summed RSS of proc and its descendants, RSS of proc, number of processes).

    ``cpu`` collects each process's latest user + system CPU seconds, by pid."""
    total = main = n = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0, 0
    for p in procs:
        try:
            rss = p.memory_info().rss
            if cpu is not None:
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system
        except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
            continue
        total += rss
        n += 1
        if p.pid == proc.pid:
            main = rss
    return total, main, n


def run_score_file(cmd: list[str], interval: float) -> dict:
    """Run ``cmd`` under ``/usr/bin/time``, polling the RSS of its process tree; wall time and peaks.

    ``/usr/bin/time`` (a small process) starts the command, so the kernel's
    max-RSS of the command is its own: a process forked from this (large)
    Python would inherit this one's high-water mark through exec.
    """
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        load_before = os.getloadavg()[0]
        t0 = time.perf_counter()
        popen = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", "-o", tf.name, *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        timer = psutil.Process(popen.pid)
        peak_tree = peak_main = peak_n = samples = 0
        cpu_seen: dict[int, float] = {}
        while True:
            pid, status, ru = os.wait4(popen.pid, os.WNOHANG)
            if pid:
                break
            try:
                kids = timer.children()
            except psutil.NoSuchProcess:
                kids = []
            if kids:  # the command itself, and its descendants
                total, main, n = tree_rss(kids[0], cpu_seen)
                samples += 1
                peak_tree = max(peak_tree, total)
                peak_main = max(peak_main, main)
                peak_n = max(peak_n, n)
            time.sleep(interval)
        wall = time.perf_counter() - t0
        popen.returncode = os.waitstatus_to_exitcode(status)
        err = popen.stderr.read().decode(errors="replace") if popen.stderr else ""
        lines = [x for x in tf.read().splitlines() if x.strip()]
    maxrss_kb = int(lines[-1]) if lines and lines[-1].strip().isdigit() else 0
    # CPU seconds: the command and its waited-for children (rusage), or, where more, the sum of each
    # process's last sampled CPU time (joblib's workers are not waited for, so rusage misses them)
    cpu = max(ru.ru_utime + ru.ru_stime, sum(cpu_seen.values()))
    return {
        "wall_seconds": round(wall, 2),
        "returncode": popen.returncode,
        "stderr": err[-2000:],
        "peak_tree_rss_mb": round(peak_tree / 2**20, 1),
        "peak_main_rss_mb": round(peak_main / 2**20, 1),
        "max_processes": peak_n,
        "rss_samples": samples,
        # /usr/bin/time %M: the kernel's max RSS of the command (Linux: the larger of its own and its
        # waited-for children's), i.e. the largest single process, not a sum
        "largest_process_maxrss_mb": round(maxrss_kb / 1024, 1),
        # CPU seconds of the command and its waited-for children; / wall = cores kept busy
        "cpu_seconds": round(cpu, 1),
        "cores_busy": round(cpu / wall, 2),
        "loadavg_1min_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def in_process(texts: list[str], repeat: int) -> dict:
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    credscore.score(texts[0])
    best = float("inf")
    n_sent = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n_sent = sum(len(credscore.score(t)) for t in texts)
        best = min(best, time.perf_counter() - t0)
    return {
        "seconds": round(best, 3),
        "rows": len(texts),
        "sentences": n_sent,
        "bytes": n_bytes,
        "rows_per_s": round(len(texts) / best, 1),
        "sentences_per_s": round(n_sent / best),
        "mb_per_s": round(n_bytes / best / 1e6, 3),
        "timing": f"best of {repeat}",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", type=Path, default=Path("../bench-data"), help="where the big files go")
    ap.add_argument("--runs", default=DEFAULT_RUNS, help="comma-separated SIZE_MB:JOBS (default %(default)s)")
    ap.add_argument("--credscore", default=None, help="the console script (default: next to this Python)")
    ap.add_argument("--interval", type=float, default=0.2, help="seconds between RSS samples")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of the in-process measurement")
    ap.add_argument("--delete-inputs", action="store_true", help="delete the generated inputs and outputs at the end")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    git_at_start = git_revision()  # the work tree may change during a long run

    exe = args.credscore or str(Path(sys.executable).with_name("credscore"))
    if not Path(exe).exists():
        exe = shutil.which("credscore") or exe
    runs = [(float(a), int(b)) for a, b in (r.split(":") for r in args.runs.split(","))]
    args.data_dir.mkdir(parents=True, exist_ok=True)
    arts = corpora.read_polnear("train")
    texts = [(a.name, a.text) for a in arts]
    print(f"disk free in {args.data_dir}: {shutil.disk_usage(args.data_dir).free / 1e9:.1f} GB", flush=True)

    inputs = {}
    for size in sorted({s for s, _ in runs}):
        path = args.data_dir / f"polnear_x_{size:g}MB.csv"
        inputs[size] = build_csv(path, texts, int(size * 1_000_000))
        m = inputs[size]
        print(
            f"input {path.name}: {m['bytes'] / 1e6:.1f} MB, {m['rows']:,} rows, built in {m['build_seconds']}s",
            flush=True,
        )

    print("in-process credscore.score() over PolNeAR train ...", flush=True)
    inproc = in_process([t for _, t in texts], args.repeat)

    results = []
    for size, jobs in runs:
        m = inputs[size]
        out = args.data_dir / f"out_{size:g}MB_jobs{jobs}.parquet"
        out.unlink(missing_ok=True)
        cmd = [
            exe, "score-file", m["path"], "-o", str(out), "--text-column", "text", "--id-column", "id",
            "--level", "document", "--jobs", str(jobs), "--quiet",
        ]  # fmt: skip
        print(f"run {size:g} MB, jobs {jobs} ...", flush=True)
        r = run_score_file(cmd, args.interval)
        r.update({"size_mb": size, "jobs": jobs, "input_bytes": m["bytes"], "rows": m["rows"], "cmd": cmd})
        if r["returncode"] == 0:
            import pyarrow.parquet as pq

            tab = pq.read_table(out, columns=["n_sentences", "status"])
            r["output_rows"] = tab.num_rows
            r["sentences"] = int(tab.column("n_sentences").to_numpy().sum())
            r["rows_not_ok"] = int(sum(1 for s in tab.column("status").to_pylist() if s != "ok"))
            w = r["wall_seconds"]
            r["rows_per_s"] = round(m["rows"] / w, 1)
            r["sentences_per_s"] = round(r["sentences"] / w)
            r["mb_per_s"] = round(m["bytes"] / w / 1e6, 3)
        print(
            f"  {r['wall_seconds']}s, rc {r['returncode']}, {r.get('mb_per_s')} MB/s, "
            f"peak tree RSS {r['peak_tree_rss_mb']} MB ({r['max_processes']} processes)",
            flush=True,
        )
        if r["returncode"] != 0:
            print(r["stderr"], file=sys.stderr)
        results.append(r)

    print(
        f"\ncredscore at {git_at_start} (start), {git_revision()} (end); "
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; "
        f"command: {Path(exe).name} score-file IN -o OUT.parquet --text-column text --id-column id "
        "--level document --quiet --jobs N"
    )
    print(
        "peak RSS: psutil, every "
        f"{args.interval}s, summed over the credscore process and all its descendants; largest single process: "
        "/usr/bin/time %M"
    )
    print(
        "\n| input | rows | jobs | wall s | rows/s | sentences/s | MB/s | peak RSS, tree (MB) "
        "| peak RSS, main (MB) | largest process (MB) | processes | CPU s / wall | load before, after |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        if r["returncode"] != 0:
            print(f"| {r['input_bytes'] / 1e6:,.0f} MB | {r['rows']:,} | {r['jobs']} | failed (rc {r['returncode']}) |")
            continue
        print(
            f"| {r['input_bytes'] / 1e6:,.2f} MB | {r['rows']:,} | {r['jobs']} | {r['wall_seconds']:,.1f} "
            f"| {r['rows_per_s']:,.0f} | {r['sentences_per_s']:,} | {r['mb_per_s']:.2f} "
            f"| {r['peak_tree_rss_mb']:,.0f} | {r['peak_main_rss_mb']:,.0f} | {r['largest_process_maxrss_mb']:,.0f} "
            f"| {r['max_processes']} | {r['cores_busy']:.2f} "
            f"| {r['loadavg_1min_before_after'][0]:.2f}, {r['loadavg_1min_before_after'][1]:.2f} |"
        )
    ip = inproc
    print(
        f"| in-process score(), PolNeAR train ({ip['bytes'] / 1e6:.2f} MB) | {ip['rows']} | 1 | {ip['seconds']:.2f} "
        f"| {ip['rows_per_s']:,.0f} | {ip['sentences_per_s']:,} | {ip['mb_per_s']:.2f} | — | — | — | 1 | — | — |"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "git": {"start": git_at_start, "end": git_revision()},
                    "machine": machine(),
                    "memory_method": (
                        f"psutil every {args.interval}s: RSS summed over the credscore process and all descendants; "
                        "largest_process_maxrss_mb from /usr/bin/time -f %M"
                    ),
                    "inputs": inputs,
                    "runs": results,
                    "in_process": inproc,
                },
                indent=2,
            )
        )
    if args.delete_inputs:
        for m in inputs.values():
            Path(m["path"]).unlink(missing_ok=True)
            Path(m["path"]).with_suffix(".meta.json").unlink(missing_ok=True)
        for size, jobs in runs:
            (args.data_dir / f"out_{size:g}MB_jobs{jobs}.parquet").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
