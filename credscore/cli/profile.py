"""``credscore profile``: a corpus's sourcing profile per group and period, as a table and a page.

    credscore profile scores.parquet --by outlet --period month --date-column date -o profiles/outlets

writes ``profiles/outlets.csv`` (or ``.parquet``) and ``profiles/outlets.html``; see docs/profiles.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from ..errors import InputError, PlotDependencyError
from .common import as_flags, check_output

_TABLE_FORMATS = ("csv", "parquet")


def _profile_parser(sub: argparse._SubParsersAction) -> None:
    from ..profiles import DEFAULT_CHUNKSIZE, DEFAULT_MIN_CLAIMS, PERIODS

    p = sub.add_parser(
        "profile",
        help="sourcing profile of scored output per group (outlet, author, ...) and period",
        description=(
            "Read sentence-level output of score-file (CSV, JSON lines or Parquet, a chunk at a time) and write "
            "one row per group and period: counts of articles, sentences and claims; shares of claims by source "
            "type, on anonymous sources (and with a stated reason), relayed, uncertain, by label, each with its "
            "count and 95% interval; the most frequent anonymous and named sources. Writes OUT.csv (or "
            ".parquet) and OUT.html, a self-contained page with charts (needs matplotlib: "
            'pip install "credscore[plot]"). See docs/profiles.md.'
        ),
    )
    p.add_argument("input", help="sentence-level output of credscore score-file (.csv, .csv.gz, .jsonl, .parquet)")
    p.add_argument(
        "-o", "--output", required=True, help="OUT: writes OUT.csv (or OUT.parquet) and OUT.html; a suffix picks"
    )
    p.add_argument(
        "--by", action="append", default=[], metavar="COLUMN", help="a column to group by (repeatable), e.g. outlet"
    )
    p.add_argument(
        "--period",
        choices=PERIODS,
        help="also cut by the date: month, week (ISO) or year (default: none, one row per group)",
    )
    p.add_argument("--date-column", default="date", help="the column with each article's date (default: date)")
    p.add_argument("--date-format", help="strftime format of the dates, e.g. %%d/%%m/%%Y (default: read each value)")
    p.add_argument(
        "--min-claims",
        type=int,
        default=DEFAULT_MIN_CLAIMS,
        help=f"groups with fewer claims are marked too_small (default: {DEFAULT_MIN_CLAIMS})",
    )
    p.add_argument("--top", type=int, default=10, help="anonymous and named sources listed per group (default: 10)")
    p.add_argument("--format", choices=_TABLE_FORMATS, help="the table's format (default: from OUT's suffix, else csv)")
    p.add_argument(
        "--input-format",
        choices=("csv", "csv.gz", "jsonl", "jsonl.gz", "parquet"),
        help="format of the input (default: from its extension)",
    )
    p.add_argument(
        "--chunksize", type=int, default=DEFAULT_CHUNKSIZE, help="rows read at a time (default: %(default)s)"
    )
    p.add_argument("--title", help="the page's title (default: Sourcing profile by COLUMNS)")
    p.add_argument("--no-html", action="store_true", help="write the table only (no page, no matplotlib needed)")
    p.set_defaults(func=_profile_main)


def outputs(output: str, fmt: str | None) -> tuple[Path, Path]:
    """The table's and the page's paths from ``-o`` (``OUT``, ``OUT.csv``, ``OUT.parquet`` or ``OUT.html``)."""
    out = Path(output)
    suffix = out.suffix.lower()
    if suffix in (".csv", ".parquet", ".html"):
        stem = out.with_suffix("")
        if fmt is None and suffix != ".html":
            fmt = suffix[1:]
        elif fmt is not None and suffix != ".html" and suffix[1:] != fmt:
            raise InputError(f"-o {output} says {suffix[1:]} but --format says {fmt}; drop one of them")
    else:
        stem = out
    fmt = fmt or "csv"
    return stem.with_name(stem.name + f".{fmt}"), stem.with_name(stem.name + ".html")


def _write(path: Path, write: object) -> None:
    """Write to a temporary name, then move it into place: a file there is always complete."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        write(tmp)  # type: ignore[operator]
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _profile_main(args: argparse.Namespace, out: TextIO) -> int:
    from ..formats import pyarrow_parquet
    from ..profile_page import render_profile_html, require_matplotlib
    from ..profiles import ProfileError, aggregate

    table_path, page_path = outputs(args.output, args.format)
    if table_path.suffix == ".parquet":
        pyarrow_parquet()
    if not args.no_html:
        try:
            require_matplotlib()  # before reading a large file: a missing extra fails at once
        except PlotDependencyError as exc:
            raise PlotDependencyError(f"{exc} (or pass --no-html to write only the table)") from None
    check_output(table_path, example="profile.csv")
    if args.period is None and args.date_format:
        raise ProfileError("--date-format reads dates for --period; pass --period month, week or year too")
    prof = aggregate(
        args.input,
        args.by,
        args.period,
        date_column=args.date_column,
        date_format=args.date_format,
        chunksize=args.chunksize,
        input_format=args.input_format,
        min_claims=args.min_claims,
        top=args.top,
    )
    table = prof.table(args.min_claims, args.top)
    if table.empty:
        raise ProfileError(f"{args.input} has no rows: nothing to profile")
    notes = [n for n in (prof.date_note(),) if n]
    for note in notes:
        print(f"credscore: {as_flags(note)}", file=sys.stderr)
    if table_path.suffix == ".parquet":
        _write(table_path, lambda p: table.to_parquet(p, index=False))
    else:
        _write(table_path, lambda p: table.to_csv(p, index=False, lineterminator="\n"))
    print(f"wrote {table_path} ({len(table):,} rows)", file=sys.stderr)
    if not args.no_html:
        overall = prof.overall().table(args.min_claims, args.top) if args.period else None
        title = args.title or ("Sourcing profile" + (f" by {', '.join(args.by)}" if args.by else ""))
        page = render_profile_html(
            table, args.by, args.period, overall=overall, title=title, source=Path(args.input).name, notes=notes
        )
        _write(page_path, lambda p: p.write_text(page, encoding="utf-8"))
        print(f"wrote {page_path}", file=sys.stderr)
    return 0
