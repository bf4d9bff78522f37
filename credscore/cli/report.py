"""``credscore report``: one self-contained HTML page for an article."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..model import default_model, load_model
from .common import check_output, limit_args, limited, plain_text, read_text


def _report_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write a readable HTML report of an article",
        description=(
            "Write one self-contained HTML page (no scripts, no network requests): a summary of how the "
            "article's claims are sourced, a legend, the article with each sentence shaded by its reliability and "
            "every cue highlighted and labelled by kind, and sentence by sentence the cues, sources and what moved "
            "each score. Missing folders of the output path are made."
        ),
    )
    p.add_argument("file", help="article text file, or - for standard input")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.add_argument(
        "--title",
        help="page title (default: the HTML page's <title> with --html, else the article's first heading, else its "
        "first claim shortened, else the file's name)",
    )
    # Not common.html_arg: its help speaks of the JSON offsets `score --json` writes; a report writes none.
    p.add_argument(
        "--html",
        action="store_true",
        help="the input is HTML: report on the text a reader sees (scripts, styles and hidden elements left out)",
    )
    limit_args(p)
    p.add_argument("--model", help="a .credscore model file (default: the shipped model)")
    p.add_argument("--encoding", default="utf-8", help="encoding of the input (default: %(default)s)")
    p.set_defaults(func=_report_main)


def _report_main(args: argparse.Namespace, out: TextIO) -> int:
    import os

    from ..report import render_html

    target = Path(args.output)
    check_output(target, example="report.html")
    text, page = plain_text(read_text(args.file, args.encoding), args.html)
    text = limited(text, args)
    model = load_model(args.model) if args.model else default_model()
    title = args.title or (page.title if page is not None else None)
    name = None if args.file == "-" else Path(args.file).name
    # limited() applied the length limit.
    report = render_html(text, model=model, title=title, fallback_title=name, max_chars=None)
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(report, encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    print(f"wrote {target}", file=sys.stderr)
    return 0
