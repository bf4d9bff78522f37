"""What the sub-commands share: reading a text, HTML, output paths, the length-limit options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError

#: What to do with a Parquet file given to ``score`` or ``report`` (they read one text).
_PARQUET_FIX = "to score a column of texts in it, use credscore score-file {file} -o out.csv --text-column NAME"


def read_text(path: str, encoding: str) -> str:
    """The text of a file (or ``-``, standard input) for ``score`` and ``report``: sniffed before it is decoded
    (:func:`credscore.sniff.read_text_bytes`: binary files refused with what they look like, gzip read)."""
    from ..sniff import read_text_bytes

    if path == "-":
        data = sys.stdin.buffer.read()
        where = "standard input"
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError(f"{path} is a folder; pass a text file (or - for standard input)")
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise InputError(f"no such file: {path}") from None
        where = path
    return read_text_bytes(data, where=where, encoding=encoding, option="--encoding ",
                           fixes={"a Parquet file": _PARQUET_FIX})  # fmt: skip


def html_arg(p: argparse.ArgumentParser, what: str = "the input") -> None:
    p.add_argument(
        "--html",
        action="store_true",
        help=f"{what} is HTML: score the text a reader sees (JSON adds page_start/page_end, offsets into the HTML)",
    )


def plain_text(text: str, html: bool) -> tuple[str, Any]:
    """The text to score and, for HTML (when asked), the parsed page (:class:`credscore.markup.HtmlText`);
    a hint when plain input looks like HTML."""
    from ..markup import looks_like_html, parse_html

    if html:
        page = parse_html(text)
        return page.text, page
    if looks_like_html(text):
        print("credscore: the input looks like HTML; pass --html to score its text, not its markup", file=sys.stderr)
    return text, None


def check_output(path: Path, *, example: str = "out") -> None:
    """Before any work, the one rule for every command's output: refuse a path that is a folder or lies
    under a file; create missing folders (``-o reports/2026/a.html`` works like ``mkdir -p``)."""
    from ..formats import check_output_path

    check_output_path(path, create_folders=True, example=example)
    Path(path).parent.mkdir(parents=True, exist_ok=True)


def os_error_message(exc: OSError) -> str:
    """A one-line message for a file that could not be read or written."""
    where = f"{exc.filename}: " if exc.filename else ""
    if isinstance(exc, FileNotFoundError):
        fix = "check the path (a missing folder must be created first)"
    elif isinstance(exc, (NotADirectoryError, FileExistsError)):
        fix = "a part of the path is a file, not a folder; choose another path"
    elif isinstance(exc, PermissionError):
        fix = "check its permissions or choose another path"
    else:
        fix = "check the path"
    return f"{where}{exc.strerror or exc}; {fix}"


def snippet(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def char_count(value: str) -> int:
    """argparse type of --max-chars: a whole number of characters, 0 or more."""
    from ..scoring import DEFAULT_MAX_CHARS

    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a whole number of characters; pass e.g. --max-chars {DEFAULT_MAX_CHARS}"
        ) from None
    if n < 0:
        raise argparse.ArgumentTypeError(
            f"{value} is negative; pass 0 or more characters, or leave it out for the default ({DEFAULT_MAX_CHARS})"
        )
    return n


def limit_args(p: argparse.ArgumentParser) -> None:
    from ..scoring import DEFAULT_MAX_CHARS

    p.add_argument(
        "--max-chars", type=char_count, default=None, metavar="N",
        help=f"longest text scored, in characters (default: {DEFAULT_MAX_CHARS:,})",
    )  # fmt: skip
    p.add_argument("--truncate", action="store_true", help="score the start of a longer text instead of refusing it")


def limited(text: str, args: argparse.Namespace) -> str:
    """The text within ``--max-chars`` (:func:`credscore.scoring.limit_text`, the one place the limit is
    applied): with ``--truncate`` its start, with a line on standard error; else an error naming the options."""
    from ..scoring import DEFAULT_MAX_CHARS, DocumentTooLongError, limit_text

    limit = DEFAULT_MAX_CHARS if args.max_chars is None else args.max_chars
    try:
        text, note = limit_text(text, limit, args.truncate)
    except DocumentTooLongError as exc:
        raise DocumentTooLongError(
            str(exc)
            .replace("(max_chars)", "(--max-chars)")
            .replace("max_chars=...", "--max-chars")
            .replace("truncate=True", "--truncate")
        ) from None
    if note is not None:
        print(f"credscore: {note} (--truncate)", file=sys.stderr)
    return text
