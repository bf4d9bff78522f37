"""``credscore score-file``: every row of a CSV, JSON lines or Parquet file, streamed in chunks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..errors import CredscoreError, InputError
from .common import as_flags, check_output, limit_args

if TYPE_CHECKING:
    from ..files import ScoreFileSettings


def _score_file_parser(sub: argparse._SubParsersAction) -> None:
    from ..formats import DEFAULT_CHUNKSIZE

    p = sub.add_parser(
        "score-file",
        help="score every row of a CSV, JSON lines or Parquet file",
        description=(
            "Score every row of a file, streamed in chunks. Formats by extension: .csv, .csv.gz, .jsonl, "
            ".jsonl.gz, .parquet; - is standard input/output (CSV unless --input-format/--output-format). "
            "The output appears only when every row is done; an interrupted run continues with --resume."
        ),
    )
    p.add_argument("input", help="input file, or - for standard input")
    p.add_argument("-o", "--output", required=True, help="output file, or - for standard output")
    p.add_argument("--text-column", default="text", help="column with the text (default: %(default)s)")
    p.add_argument(
        "--id-column", action="append", default=[], metavar="NAME", help="column copied to the output (repeatable)"
    )
    p.add_argument(
        "--level",
        choices=("sentence", "document"),
        default="sentence",
        help="one output row per sentence, or exactly one per input row with the article's counts and shares "
        "(default: %(default)s)",
    )
    p.add_argument("--jobs", type=int, default=1, help="worker processes; -1 = every core (default: %(default)s)")
    p.add_argument(
        "--chunksize",
        type=int,
        default=DEFAULT_CHUNKSIZE,
        help="input rows read and scored at a time; each finished chunk is kept for --resume (default: %(default)s)",
    )
    formats = ("csv", "csv.gz", "jsonl", "jsonl.gz", "parquet")
    p.add_argument(
        "--input-format",
        choices=formats,
        help="format of the input (default: from its extension; csv for standard input)",
    )
    p.add_argument(
        "--output-format",
        choices=formats,
        help="format of the output (default: from its extension; csv for standard output)",
    )
    p.add_argument("--encoding", default="utf-8", help="encoding of a CSV/JSON lines input (default: %(default)s)")
    p.add_argument(
        "--on-bad-lines",
        choices=("keep", "error", "warn", "skip"),
        default="keep",
        help="a malformed line (wrong number of CSV fields, invalid JSON): keep: keep its row with status "
        "'unreadable'; "
        "error: stop; skip: leave it out and list it in the summary; warn: skip and also report each line "
        "(default: %(default)s)",
    )
    p.add_argument(
        "--encoding-errors",
        choices=("error", "keep", "replace"),
        default="error",
        help="bytes that are not valid in --encoding: error: stop and name the line; keep: keep the row with status "
        "'unreadable'; replace: replace them with U+FFFD and score (default: %(default)s)",
    )
    p.add_argument("--resume", action="store_true", help="continue an interrupted run from its last finished chunk")
    # Not common.html_arg: score-file writes offsets into the HTML as columns, at sentence level only.
    p.add_argument(
        "--html",
        action="store_true",
        help="the text column is HTML: score the text a reader sees; at --level sentence, page_start and page_end "
        "are each sentence's offsets into the HTML",
    )
    limit_args(p)
    p.add_argument("--model", help="a .credscore model file (default: the shipped model)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.set_defaults(func=_score_file_main)


def settings_from_args(args: argparse.Namespace) -> ScoreFileSettings:
    """The :class:`~credscore.files.ScoreFileSettings` of a ``score-file`` command line."""
    from ..files import ScoreFileSettings

    return ScoreFileSettings(
        text_col=args.text_column,
        id_cols=args.id_column,
        level=args.level,
        jobs=args.jobs,
        chunksize=args.chunksize,
        input_format=args.input_format,
        output_format=args.output_format,
        encoding=args.encoding,
        encoding_errors=args.encoding_errors,
        on_bad_lines=args.on_bad_lines,
        resume=args.resume,
        progress=False if args.quiet else None,
        model_path=args.model,
        max_chars=args.max_chars,
        truncate=args.truncate,
        html=args.html,
    )


def _score_file_main(args: argparse.Namespace, out: TextIO) -> int:
    from ..files import score_file

    if args.output != "-":
        check_output(Path(args.output), example="scores.csv")
    try:
        summary = score_file(args.input, args.output, settings_from_args(args))
    except CredscoreError:
        raise
    except ValueError as exc:  # an option value score_file() refuses
        raise InputError(str(exc)) from None
    except KeyboardInterrupt:
        if args.output != "-":
            print(
                f"\ncredscore: interrupted; {args.output} was not written. Finished chunks are kept in "
                f"{args.output}.parts: run the same command with --resume to continue",
                file=sys.stderr,
            )
        return 130
    if not args.quiet:
        print(as_flags(summary.text()), file=sys.stderr)
    return 0
