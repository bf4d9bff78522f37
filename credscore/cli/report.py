"""``credscore report``: one self-contained HTML page for an article."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..model import default_model, load_model
from .common import check_output, html_arg, limit_args, limited, plain_text, read_text


def _report_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write a readable HTML report of an article",
        description=(
            "Write one self-contained HTML page (no scripts, no network requests): the article summary, then "
            "the article with sentences shaded by reliability and cues highlighted by kind."
        ),
    )
    p.add_argument("file", help="article text file, or - for standard input")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.add_argument("--title", help="page title (default: the article's headline)")
    html_arg(p)
    limit_args(p)
    p.add_argument("--model", help="a .credscore model file (default: the shipped model)")
    p.add_argument("--encoding", default="utf-8", help="encoding of the input (default: utf-8)")
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
    report = render_html(text, model=model, title=title, max_chars=None)  # limited() applied the limit
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(report, encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    print(f"wrote {target}", file=sys.stderr)
    return 0
