"""What the sub-commands share: the library's parameters as flags, reading a text, HTML, output paths, the
length-limit options."""

from __future__ import annotations

import argparse
import ast
import re
import shlex
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError

#: The library's parameters and the flag of each: the library's messages name the parameter to pass, as a
#: Python caller writes it (``encoding='latin-1'``); :func:`as_flags` turns them into the command line's.
PARAM_FLAGS = {
    "text_col": "--text-column",
    "id_cols": "--id-column",
    "label_col": "--label-column",
    "group_col": "--group-column",
    "paragraph_col": "--paragraph-column",
    "context": "--no-context",  # only ever passed as context=False
    "level": "--level",
    "jobs": "--jobs",
    "n_jobs": "--jobs",
    "chunksize": "--chunksize",
    "input_format": "--input-format",
    "output_format": "--output-format",
    "encoding": "--encoding",
    "encoding_errors": "--encoding-errors",
    "on_bad_lines": "--on-bad-lines",
    "resume": "--resume",
    "model_path": "--model",
    "max_chars": "--max-chars",
    "truncate": "--truncate",
    "html": "--html",
    "positive": "--positive",
    "classes": "--classes",
    "cv": "--cv",
    "sourcing_only": "--sourcing-only",
    "by": "--by",
    "period": "--period",
    "date_column": "--date-column",
    "date_format": "--date-format",
    "min_claims": "--min-claims",
    "top": "--top",
}
#: Parameters whose list is one flag with the values joined by commas (the others repeat the flag).
_COMMA_LISTS = frozenset({"classes"})
_NAMES = "|".join(sorted(PARAM_FLAGS, key=len, reverse=True))
# name=value: a quoted string, a list, ..., or a word (a number, True, False, None, a bare value)
_ASSIGNED = re.compile(rf"""(?<![\w.'"-])({_NAMES})=(\.\.\.|'[^']*'|"[^"]*"|\[[^\]]*\]|[\w.+-]+)""")
# "name must be ...", and "(name)"
_SUBJECT = re.compile(rf"""(?<![\w.'"-])({_NAMES})(?= must\b)""")
_ASIDE = re.compile(rf"\(({_NAMES})\)")


def _flag_with(name: str, value: str) -> str:
    flag = PARAM_FLAGS[name]
    if value in ("...", "True", "[...]") or name == "context":
        return flag
    if value in ("None", "False"):
        return f"no {flag}"
    if value[:1] in "'\"[":
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return flag
        if isinstance(parsed, list):
            items = [str(v) for v in parsed]
            if name in _COMMA_LISTS:
                return f"{flag} {shlex.quote(','.join(items))}"
            return " ".join(f"{flag} {shlex.quote(v)}" for v in items) or flag
        return f"{flag} {shlex.quote(str(parsed))}"
    return f"{flag} {value}"


def as_flags(message: str) -> str:
    """A library message as the command line says it: each parameter it names, as a Python caller passes it,
    becomes the command's flag (:data:`PARAM_FLAGS`). The library never names a flag; this is the one place
    that does it for every command.

    >>> as_flags("line 3 is not valid utf-8; pass encoding='latin-1', or encoding_errors='keep'")
    'line 3 is not valid utf-8; pass --encoding latin-1, or --encoding-errors keep'
    >>> as_flags("the limit is 31 (max_chars); raise it with max_chars=..., or pass truncate=True")
    'the limit is 31 (--max-chars); raise it with --max-chars, or pass --truncate'
    >>> as_flags("chunksize must be at least 1; pass id_cols=['a', 'b'] or classes=['x', 'y']")
    '--chunksize must be at least 1; pass --id-column a --id-column b or --classes x,y'
    """
    message = _ASSIGNED.sub(lambda m: _flag_with(m.group(1), m.group(2)), message)
    message = _SUBJECT.sub(lambda m: PARAM_FLAGS[m.group(1)], message)
    return _ASIDE.sub(lambda m: f"({PARAM_FLAGS[m.group(1)]})", message)


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
    return read_text_bytes(data, where=where, encoding=encoding, fixes={"a Parquet file": _PARQUET_FIX})


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
    applied): with ``--truncate`` its start, with a line on standard error; else an error naming the options
    (as flags: :func:`credscore.cli.main` shows every library error through :func:`as_flags`)."""
    from ..scoring import DEFAULT_MAX_CHARS, limit_text

    limit = DEFAULT_MAX_CHARS if args.max_chars is None else args.max_chars
    text, note = limit_text(text, limit, args.truncate)
    if note is not None:
        print(f"credscore: {note} (--truncate)", file=sys.stderr)
    return text
