"""The ``credscore`` command line: one module per sub-command, one error boundary (:func:`main`).

    credscore score article.txt          # a readable table
    credscore score --json - < a.txt     # JSON lines, one per sentence
    credscore score --explain --summary a.txt
    credscore report a.txt -o a.html     # a self-contained page
    credscore score-file in.csv -o out.parquet --text-column body --level document --jobs -1
    credscore rules                      # the cue rules and what they match
    credscore profile scores.parquet --by outlet --period month -o outlets   # per outlet and month (docs/profiles.md)
    credscore train labels.csv --positive sourced --group-column article -o models/desk
    credscore evaluate models/desk heldout.csv --positive sourced

Each sub-command module has a parser function and a ``main`` that reads arguments and does I/O; the work
is the library's. Errors a user can cause are :class:`credscore.errors.CredscoreError`: :func:`main` prints
them as one line, ``credscore: <what is wrong and how to fix it>``, and returns 1. The library's messages
name the parameter to pass (``encoding='latin-1'``); :func:`~credscore.cli.common.as_flags` turns each
into its flag (``--encoding latin-1``) here, at the one boundary.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..errors import CredscoreError
from ..version import __version__
from . import profile, report, rules, score, score_file, train
from .common import as_flags, os_error_message
from .score import format_summary, format_table

__all__ = ["build_parser", "format_summary", "format_table", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="credscore",
        description="Sentence-level sourcing reliability for news text.",
    )
    parser.add_argument("--version", action="version", version=f"credscore {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    score._score_parser(sub)
    score_file._score_file_parser(sub)
    train._train_parser(sub)
    train._evaluate_parser(sub)
    report._report_parser(sub)
    profile._profile_parser(sub)
    rules._rules_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 done, 1 a user's error, 2 a usage error, 130 interrupted)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.func(args, sys.stdout)
    except BrokenPipeError:  # `credscore score a.txt | head`
        sys.stderr.close()
        return 0
    except CredscoreError as exc:
        print(f"credscore: {as_flags(str(exc))}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"credscore: {os_error_message(exc)}", file=sys.stderr)
        return 1
