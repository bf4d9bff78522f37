"""The behavioural suite (tests/behaviour/suite.py), as tables: MFT, INV and DIR rates per test type,
per frame and per filler kind, the INV rates per kind of surface change, the DIR rates per pair of
levels, and the most common failures with an example each.

    python bench/behaviour.py                         # the dev and blind halves and all, failures from all
    python bench/behaviour.py --part dev --show-failures 10
    python bench/behaviour.py --json behaviour.json   # everything run() returns, failures included

Tune on ``--part dev``; report ``blind`` (or ``all``) only once a change is done. The floors the
tests hold these rates to are in tests/test_behaviour.py.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from _revision import git_revision  # noqa: E402
from behaviour import suite  # noqa: E402

_NAMES = {"mft_type": "MFT type", "mft": "MFT", "inv": "INV", "dir": "DIR"}


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(" ---: " if i else " --- " for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def overall_table(result: dict[str, Any]) -> str:
    rows = []
    for t in suite.TEST_TYPES:
        size_key = "mft" if t == "mft_type" else t
        rows.append(
            [_NAMES[t]] + [f"{_pct(result['rates'][p][t])} ({result['sizes'][p][size_key]})" for p in suite.PARTS]
        )
    return _table(["test", "dev", "blind", "all"], rows)


def breakdown_table(result: dict[str, Any], key: str, part: str) -> str:
    rows = []
    for name, entry in result[key].items():
        r, n = entry["rates"][part], entry["sizes"][part]
        rows.append([name] + [_pct(r[t]) for t in suite.TEST_TYPES] + [str(n["mft"]), str(n["inv"]), str(n["dir"])])
    label = "frame" if key == "by_frame" else "kind"
    return _table([label, "MFT type", "MFT", "INV", "DIR", "n MFT", "n INV", "n DIR"], rows)


def rate_table(rates: dict[str, dict[str, float | None]], label: str) -> str:
    return _table([label, "dev", "blind", "all"], [[k] + [_pct(v[p]) for p in suite.PARTS] for k, v in rates.items()])


def _example_mft(f: dict[str, Any]) -> str:
    got = "; ".join(f"{t!r} {ty}{' anon' if a else ''}" for t, ty, a in f["got"]) or "no source"
    exp = f"{f['expected'][0]}{' anon' if f['expected'][1] else ''}"
    return f"{f['text']}  [target {f['target']!r}: expected {exp}, got {got}; {f['label']}]"


def _example_inv(f: dict[str, Any]) -> str:
    v = f["variants"][0]

    def show(r: dict[str, Any]) -> str:
        return f"{r['label']} {[s[0] + (' anon' if s[1] else '') for s in r['sources']]}"

    return f"{f['text']}  [{show(f['reading'])}]  vs {v['variant']}: {v['text']}  [{show(v['reading'])}]"


def _example_dir(f: dict[str, Any]) -> str:
    h, lo = f["higher"], f["lower"]
    return f"{h['text']} ({h['reliability']:.3f})  <=  {lo['text']} ({lo['reliability']:.3f})"


def failures_report(result: dict[str, Any], part: str, n: int) -> str:
    patterns = suite.failure_patterns(result, part)
    keep = (lambda x: True) if part == "all" else (lambda x: x["part"] == part)
    out = []
    for t, example in (("mft", _example_mft), ("inv", _example_inv), ("dir", _example_dir)):
        failures = [f for f in result["failures"][t] if keep(f)]
        out.append(f"\n### {_NAMES[t]} failures ({part}): {len(failures)}\n")
        for pattern, count in patterns[t].most_common(n):
            first = next(f for f in failures if pattern in _patterns(t, f))
            out.append(f"- **{pattern}** ({count}): {example(first)}")
    return "\n".join(out)


def _patterns(test_type: str, f: dict[str, Any]) -> set[str]:
    """The patterns of suite.failure_patterns that one failure counts in."""
    if test_type == "mft":
        return {f"{f['kind']}: {f['why']}"}
    if test_type == "dir":
        return {f"{f['higher']['kind']} <= {f['lower']['kind']}"}
    return {f"{f['kind']} in {f['frame']}: changed by {suite.variant_group(v['variant'])}" for v in f["variants"]}


def report(result: dict[str, Any], part: str, show: int) -> str:
    c = result["counts"]
    parts = [
        f"## Behavioural suite at {git_revision()}\n",
        f"{c['mft']} MFT cases, {c['inv_families']} INV families ({c['inv_variants']} variants), "
        f"{c['dir_pairs']} DIR pairs; {c['texts']} texts scored in {result['seconds']} s. "
        f"Seed {result['seed']!r}, suite digest {result['digest'][:12]}.\n",
        overall_table(result),
        f"\n### Per frame ({part})\n",
        breakdown_table(result, "by_frame", part),
        f"\n### Per filler kind ({part})\n",
        breakdown_table(result, "by_kind", part),
        "\n### INV per kind of surface change (share of variants reading as their base)\n",
        rate_table(result["inv_by_variant"], "change"),
        "\n### DIR per pair of levels\n",
        rate_table(result["dir_by_levels"], "levels"),
    ]
    if show > 0:
        parts.append(failures_report(result, part, show))
    return "\n".join(parts)


def write_json(result: dict[str, Any], path: Path) -> None:
    """Write to a temporary file beside the target, then move it into place."""
    path = path.resolve()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, path)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="The behavioural suite's rates (MFT, INV, DIR) and its failures.")
    p.add_argument("--json", type=Path, metavar="OUT", help="write everything run() returns to OUT")
    p.add_argument("--part", choices=suite.PARTS, default="all", help="the half the breakdowns and failures show")
    p.add_argument(
        "--show-failures", type=int, default=5, metavar="N", help="the N most common failure patterns per test"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result = suite.run()
    if args.json is not None:
        write_json(result, args.json)
    print(report(result, args.part, args.show_failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
