"""The ``credscore`` command line.

Each sub-command is a parser function, a ``main`` that reads arguments and does
I/O, and a pure worker in the library:

    credscore score article.txt          # a readable table
    credscore score --json - < a.txt     # JSON lines, one per sentence
    credscore score --explain --summary a.txt
    credscore report a.txt -o a.html     # a self-contained page
    credscore score-file in.csv -o out.parquet --text-column body --level document --jobs -1
    credscore rules                      # the cue rules and what they match
    credscore train labels.csv --positive sourced --group-column article -o models/desk
    credscore evaluate models/desk.credscore heldout.csv --positive sourced
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import pandas as pd

    from .summary import ArticleSummary

from . import __version__
from .cues import RULES, CueDetector
from .model import ModelError, default_model, load_model
from .scoring import SentenceScore, score

__all__ = ["format_table", "main"]


def _read_text(path: str, encoding: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read()
        where = "standard input"
    else:
        p = Path(path)
        if p.is_dir():
            raise SystemExit(f"credscore: {path} is a folder; pass a text file (or - for standard input)")
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise SystemExit(f"credscore: no such file: {path}") from None
        where = path
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SystemExit(
            f"credscore: {where} is not valid {encoding} (byte {exc.start}); pass its encoding, e.g. --encoding latin-1"
        ) from None
    except LookupError:
        raise SystemExit(f"credscore: unknown encoding {encoding!r}") from None


def _html_arg(p: argparse.ArgumentParser, what: str = "the input") -> None:
    p.add_argument(
        "--html",
        action="store_true",
        help=f"{what} is HTML: score the text a reader sees (JSON adds page_start/page_end, offsets into the HTML)",
    )


def _plain_text(text: str, html: bool) -> tuple[str, Any]:
    """The text to score and, for HTML (when asked), the parsed page (:class:`credscore.markup.HtmlText`);
    a hint when plain input looks like HTML."""
    from .markup import looks_like_html, parse_html

    if html:
        page = parse_html(text)
        return page.text, page
    if looks_like_html(text):
        print("credscore: the input looks like HTML; pass --html to score its text, not its markup", file=sys.stderr)
    return text, None


def _check_output(path: Path, *, create_folders: bool = False, example: str = "out") -> None:
    """:func:`credscore.files.check_output_path` as a one-line CLI error."""
    from .formats import ScoreFileError, check_output_path

    try:
        check_output_path(path, create_folders=create_folders, example=example)
    except ScoreFileError as exc:
        raise SystemExit(f"credscore: {exc}") from None


def _os_error(exc: OSError) -> SystemExit:
    """A one-line error for a file that could not be read or written."""
    where = f"{exc.filename}: " if exc.filename else ""
    if isinstance(exc, FileNotFoundError):
        fix = "check the path (a missing folder must be created first)"
    elif isinstance(exc, (NotADirectoryError, FileExistsError)):
        fix = "a part of the path is a file, not a folder; choose another path"
    elif isinstance(exc, PermissionError):
        fix = "check its permissions or choose another path"
    else:
        fix = "check the path"
    return SystemExit(f"credscore: {where}{exc.strerror or exc}; {fix}")


#: Certainty at or above this is not worth a mention in the table (most plain sentences score ~0.97).
_CERTAIN = 0.9


def _snippet(text: str, width: int = 60) -> str:
    snippet = " ".join(text.split())
    return snippet if len(snippet) <= width else snippet[: width - 3] + "..."


def format_table(scores: Sequence[SentenceScore], width: int = 100, explanations: Sequence[Any] | None = None) -> str:
    """A human-readable rendering of :func:`credscore.score` output (and explanations)."""
    if not scores:
        return "(no sentences)\n"
    lines = []
    for i, s in enumerate(scores, 1):
        head = f"[{i}] {s.reliability:.2f} {s.label:<12} chars {s.start}-{s.end}"
        if s.certainty == s.certainty and s.certainty < _CERTAIN:  # not NaN, and doubted
            head += f"  sourcing={s.sourcing:.2f} certainty={s.certainty:.2f}"
        if s.kind != "sentence":
            head += f"  ({s.kind})"
        if s.hops > 1:
            head += f"  hops={s.hops}"
        lines.append(head)
        body = " ".join(s.text.split())
        lines.extend(textwrap.wrap(body, width=width, initial_indent="    ", subsequent_indent="    ") or ["    "])
        lines.extend(f"    note: {n}" for n in s.notes)
        sourced = {(x.start, x.end, x.inherited) for x in s.sources}
        for c in s.cues:
            if (c.start, c.end, c.inherited) in sourced and c.rule != "relay":
                continue  # shown below, as a source
            extra = []
            if c.category:
                extra.append(c.category if c.voice == "writer" else f"{c.category}, {c.voice}'s")
            if c.count:
                extra.append(f"n={c.count}")
            if c.inherited:
                extra.append("carried over")
            tail = f"  [{', '.join(extra)}]" if extra else ""
            lines.append(f"      {c.kind:<17} {_snippet(c.text)!r:<64} {c.rule}{tail}")
        for x in s.sources:
            lines.append(f"      {x.kind:<17} {_snippet(x.text)!r:<64} source: {x.describe()}")
        if explanations is not None:
            ex = explanations[i - 1]
            lines.append(f"      why (log-odds of {ex.contrast[0]} against {ex.contrast[1]}: {ex.log_odds:+.2f}):")
            lines.extend(f"        {c.reason}" for c in ex.top(4))
            if not ex.top(1):
                lines.append("        no evidence either way: scored as an average sentence")
        lines.append("")
    return "\n".join(lines)


def _score_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "score",
        help="score each sentence of a text",
        description="Score each sentence of a news text for how well it is sourced.",
    )
    p.add_argument("file", nargs="?", default="-", help="text file to score; - (default) reads standard input")
    p.add_argument("--json", action="store_true", help="print JSON lines, one object per sentence")
    p.add_argument(
        "--explain", action="store_true", help="also show the features that moved each score, with their cues"
    )
    p.add_argument("--summary", action="store_true", help="also print the article summary")
    _html_arg(p)
    _limit_args(p)
    p.add_argument("--model", help="a .credscore model file (default: the shipped model)")
    p.add_argument("--encoding", default="utf-8", help="encoding of the input (default: utf-8)")
    p.add_argument(
        "--disable-rule", action="append", default=[], metavar="RULE", help="switch a cue rule off (repeatable)"
    )
    p.set_defaults(func=_score_main)


def _char_count(value: str) -> int:
    """argparse type of --max-chars: a whole number of characters, 0 or more."""
    from .scoring import DEFAULT_MAX_CHARS

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


def _limit_args(p: argparse.ArgumentParser) -> None:
    from .scoring import DEFAULT_MAX_CHARS

    p.add_argument(
        "--max-chars", type=_char_count, default=None, metavar="N",
        help=f"longest text scored, in characters (default: {DEFAULT_MAX_CHARS:,})",
    )  # fmt: skip
    p.add_argument("--truncate", action="store_true", help="score the start of a longer text instead of refusing it")


def _score_main(args: argparse.Namespace, out: TextIO) -> int:
    text, page = _plain_text(_read_text(args.file, args.encoding), args.html)
    try:
        model = load_model(args.model) if args.model else default_model()
    except ModelError as exc:
        raise SystemExit(f"credscore: {exc}") from None
    try:
        detector = CueDetector(disabled_rules=args.disable_rule) if args.disable_rule else None
    except ValueError as exc:
        raise SystemExit(f"credscore: {exc}") from None
    from .scoring import DEFAULT_MAX_CHARS, DocumentTooLongError, TruncatedWarning

    limit = DEFAULT_MAX_CHARS if args.max_chars is None else args.max_chars
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TruncatedWarning)
            scores = score(text, model=model, detector=detector, max_chars=limit, truncate=args.truncate)
    except DocumentTooLongError as exc:
        raise SystemExit(
            f"credscore: {exc}".replace("max_chars=...", "--max-chars").replace("truncate=True", "--truncate")
        ) from None
    for w in caught:
        print(f"credscore: {w.message}", file=sys.stderr)
    text = text[:limit] if args.truncate else text
    explanations = None
    if args.explain:
        from .explanations import explain_scores

        explanations = explain_scores(text, scores, model=model)
    if args.json:
        for i, s in enumerate(scores):
            row = s.to_dict()
            if page is not None:
                _add_page_offsets(row, page)
            if explanations is not None:
                row["explanation"] = explanations[i].to_dict()
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        out.write(format_table(scores, explanations=explanations))
    if args.summary:
        from .summary import summarize

        summary = summarize(text, model=model, scores=scores)
        if args.json:
            out.write(json.dumps({"summary": summary.to_dict()}, ensure_ascii=False) + "\n")
        else:
            out.write("\n" + format_summary(summary))
    return 0


def _add_page_offsets(row: dict[str, Any], page: Any) -> None:
    """Where a sentence, its cues and sources are in the HTML page (``--html``)."""
    for d in (row, *row["cues"], *row["sources"]):
        d["page_start"], d["page_end"] = page.page_span(d["start"], d["end"])


def format_summary(summary: ArticleSummary) -> str:
    """The article summary as text."""
    lines = [summary.headline, ""]
    lines.append(f"{summary.n_claims} claims in {summary.n_segments} segments")
    for name, share in summary.shares.items():
        lines.append(f"  {name:<11} {round(share * summary.n_claims):>3} of {summary.n_claims} claims ({share:.0%})")
    if summary.sources:
        lines.append("sources:")
        for src in summary.sources:
            cites = f", citing {src.cites}" if src.cites else ""
            lines.append(f"  {src.claims:>3} claim(s)  {src.kind:<17} {src.name}{cites}")
    return "\n".join(lines) + "\n"


def _score_file_parser(sub: argparse._SubParsersAction) -> None:
    from .formats import DEFAULT_CHUNKSIZE

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
    p.add_argument("--text-column", default="text", help="column with the text (default: text)")
    p.add_argument(
        "--id-column", action="append", default=[], metavar="NAME", help="column copied to the output (repeatable)"
    )
    p.add_argument(
        "--level",
        choices=("sentence", "document"),
        default="sentence",
        help="one output row per sentence (default) or exactly one per input row",
    )
    p.add_argument("--jobs", type=int, default=1, help="worker processes; -1 = every core (default: 1)")
    p.add_argument("--chunksize", type=int, default=DEFAULT_CHUNKSIZE, help="rows read and scored at a time")
    p.add_argument("--input-format", choices=("csv", "csv.gz", "jsonl", "jsonl.gz", "parquet"))
    p.add_argument("--output-format", choices=("csv", "csv.gz", "jsonl", "jsonl.gz", "parquet"))
    p.add_argument("--encoding", default="utf-8", help="encoding of a CSV/JSON lines input (default: utf-8)")
    p.add_argument(
        "--on-bad-lines",
        choices=("keep", "error", "warn", "skip"),
        default="keep",
        help="a malformed line (wrong number of CSV fields, invalid JSON): keep its row with status 'unreadable' "
        "(default), stop, or leave it out and list it in the summary (warn also reports each)",
    )
    p.add_argument(
        "--encoding-errors",
        choices=("error", "keep", "replace"),
        default="error",
        help="bytes that are not valid in --encoding: stop and name the line (default), keep the row with status "
        "'unreadable', or replace them with U+FFFD and score",
    )
    p.add_argument("--resume", action="store_true", help="continue an interrupted run from its last finished chunk")
    _html_arg(p, "the text column")
    _limit_args(p)
    p.add_argument("--model", help="a .credscore model file (default: the shipped model)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.set_defaults(func=_score_file_main)


def _score_file_main(args: argparse.Namespace, out: TextIO) -> int:
    from .files import ScoreFileError, score_file

    try:
        summary = score_file(
            args.input,
            args.output,
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
    except (ScoreFileError, ModelError, ValueError) as exc:
        raise SystemExit(f"credscore: {exc}") from None
    except KeyError as exc:
        raise SystemExit(f"credscore: {exc.args[0] if exc.args else exc}") from None
    except BrokenPipeError:  # `credscore score-file in.csv -o - | head`: main() handles it
        raise
    except OSError as exc:
        raise _os_error(exc) from None
    except KeyboardInterrupt:
        if args.output != "-":
            print(
                f"\ncredscore: interrupted; {args.output} was not written. Finished chunks are kept in "
                f"{args.output}.parts: run the same command with --resume to continue",
                file=sys.stderr,
            )
        return 130
    if not args.quiet:
        print(summary.text(), file=sys.stderr)
    return 0


def _read_table(path: str, encoding: str) -> pd.DataFrame:
    import codecs

    import pandas as pd

    from .formats import FORMATS, ScoreFileError, detect_format

    try:
        fmt = detect_format(path)
    except ScoreFileError:
        raise SystemExit(
            f"credscore: cannot tell the format of {path!r} from its extension; name the file with one of "
            f"{', '.join(sorted(FORMATS))} (CSV, JSON lines or Parquet), e.g. {Path(path).stem}.csv for CSV"
        ) from None
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise SystemExit(
            f"credscore: unknown encoding {encoding!r}; pass one Python knows, e.g. --encoding latin-1"
        ) from None
    try:
        if fmt == "parquet":
            return pd.read_parquet(path)
        if fmt.startswith("jsonl"):
            return pd.read_json(path, lines=True, dtype=False)
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding=encoding)
    except FileNotFoundError:
        raise SystemExit(f"credscore: no such file: {path}") from None
    except UnicodeDecodeError:
        raise SystemExit(
            f"credscore: {path} is not valid {encoding}; pass its encoding, e.g. --encoding latin-1"
        ) from None
    except (ValueError, pd.errors.ParserError) as exc:
        raise SystemExit(f"credscore: cannot read {path}: {str(exc).strip()}") from None


def _label_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--text-column", default="text", help="column with the sentence (default: text)")
    p.add_argument("--label-column", default="label", help="column with the label (default: label)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--positive", help="binary labels: the value that means well sourced")
    g.add_argument("--classes", help="ordered classes, least reliable first, e.g. weak,unattributed,strong")
    p.add_argument("--encoding", default="utf-8", help="encoding of a CSV file (default: utf-8)")


def _train_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "train",
        help="train a model on your own labelled sentences",
        description=(
            "Train a model on labelled sentences (CSV, JSON lines or Parquet) and write it with its report: "
            "OUT.credscore, OUT.report.json, OUT.report.md (the model card) and OUT.calibration.svg."
        ),
    )
    p.add_argument("labels", help="labelled file: one sentence per row")
    p.add_argument("-o", "--output", required=True, help="output name, e.g. models/desk (.credscore is added)")
    _label_args(p)
    p.add_argument("--group-column", help="e.g. the article id: cross-validation keeps each group on one side")
    p.add_argument("--cv", type=int, default=5, help="cross-validation folds (default: 5)")
    p.add_argument("--lexical", action="store_true", help="also learn from the words (hashed unigrams and bigrams)")
    p.add_argument("--name", help="model name in its metadata (default: the output name)")
    p.set_defaults(func=_train_main)


def _train_main(args: argparse.Namespace, out: TextIO) -> int:
    from .evaluation import report_markdown, write_report
    from .training import LabelError, train

    df = _read_table(args.labels, args.encoding)
    prefix = Path(args.output[: -len(".credscore")] if args.output.endswith(".credscore") else args.output)
    # Checked before training, which can take minutes; missing folders are made (-o models/desk).
    _check_output(prefix.with_name(prefix.name + ".credscore"), create_folders=True)
    classes = [c.strip() for c in args.classes.split(",")] if args.classes else None
    try:
        model = train(
            df, args.text_column, args.label_column, group_col=args.group_column, classes=classes,
            positive=args.positive, cv=args.cv, lexical=args.lexical, name=args.name or prefix.name,
            source=Path(args.labels).name,
        )  # fmt: skip
    except (LabelError, KeyError) as exc:
        raise SystemExit(f"credscore: {exc.args[0] if exc.args else exc}") from None
    try:
        path = model.save(prefix.with_name(prefix.name + ".credscore"))
        written = write_report(model.metadata["report"], prefix)
    except OSError as exc:
        raise _os_error(exc) from None
    out.write(report_markdown(model.metadata["report"]))
    print(f"wrote {path} and {', '.join(str(w) for w in written)}", file=sys.stderr)
    return 0


def _evaluate_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help="evaluate a model on labelled sentences",
        description="Evaluate a model (a .credscore file, or 'default') on labelled sentences; print the report.",
    )
    p.add_argument("model", help="a .credscore file, or 'default' for the shipped model")
    p.add_argument("labels", help="labelled file: one sentence per row")
    _label_args(p)
    p.add_argument("-o", "--output", help="also write OUT.report.json, OUT.report.md and OUT.calibration.svg")
    p.set_defaults(func=_evaluate_main)


def _evaluate_main(args: argparse.Namespace, out: TextIO) -> int:
    from .evaluation import report_markdown, write_report
    from .training import LabelError, evaluate

    try:
        model = load_model(args.model)
    except ModelError as exc:
        raise SystemExit(f"credscore: {exc}") from None
    df = _read_table(args.labels, args.encoding)
    if args.output:
        _check_output(Path(args.output + ".report.json"), create_folders=True)
    classes = [c.strip() for c in args.classes.split(",")] if args.classes else None
    try:
        report = evaluate(
            model, df, args.text_column, args.label_column, classes=classes, positive=args.positive,
            source=Path(args.labels).name,
        )  # fmt: skip
    except (LabelError, KeyError) as exc:
        raise SystemExit(f"credscore: {exc.args[0] if exc.args else exc}") from None
    if args.output:
        try:
            write_report(report, args.output)
        except OSError as exc:
            raise _os_error(exc) from None
    out.write(report_markdown(report))
    return 0


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
    _html_arg(p)
    _limit_args(p)
    p.add_argument("--model", help="a .credscore model file (default: the shipped model)")
    p.add_argument("--encoding", default="utf-8", help="encoding of the input (default: utf-8)")
    p.set_defaults(func=_report_main)


def _report_main(args: argparse.Namespace, out: TextIO) -> int:
    import os

    from .report import render_html
    from .scoring import DEFAULT_MAX_CHARS

    target = Path(args.output)
    _check_output(target, example="report.html")
    text, page = _plain_text(_read_text(args.file, args.encoding), args.html)
    limit = DEFAULT_MAX_CHARS if args.max_chars is None else args.max_chars
    if len(text) > limit:
        if not args.truncate:
            raise SystemExit(
                f"credscore: the text is {len(text):,} characters; the limit is {limit:,} (--max-chars). Split it "
                "into documents, raise the limit with --max-chars, or pass --truncate to report on the start"
            )
        print(
            f"credscore: the text is {len(text):,} characters; only the first {limit:,} are in the report (--truncate)",
            file=sys.stderr,
        )
        text = text[:limit]
    try:
        model = load_model(args.model) if args.model else default_model()
    except ModelError as exc:
        raise SystemExit(f"credscore: {exc}") from None
    title = args.title or (page.title if page is not None else None)
    report = render_html(text, model=model, title=title, max_chars=None)  # the limit is applied above
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(report, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _os_error(exc) from None
    print(f"wrote {target}", file=sys.stderr)
    return 0


def _rules_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="list the cue rules", description="List the cue rules and what they match.")
    p.set_defaults(func=_rules_main)


def _rules_main(args: argparse.Namespace, out: TextIO) -> int:
    rows = []
    for r in sorted(RULES.values(), key=lambda r: (r.kind, r.name)):
        # Uncertainty rules make "quoted_hedge" cues too: in a quotation or reported speech.
        kinds = f"{r.kind}, quoted_{r.kind}" if r.kind == "hedge" else r.kind
        rows.append((kinds, r.name, r.description))
    wk = max(len(k) for k, _, _ in rows)
    wr = max(len(n) for _, n, _ in rows)
    out.write(f"{'kind':<{wk}}  {'rule':<{wr}}  what it finds\n")
    for kinds, name, desc in rows:
        out.write(f"{kinds:<{wk}}  {name:<{wr}}  {desc}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="credscore",
        description="Sentence-level sourcing reliability for news text.",
    )
    parser.add_argument("--version", action="version", version=f"credscore {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _score_parser(sub)
    _score_file_parser(sub)
    _train_parser(sub)
    _evaluate_parser(sub)
    _report_parser(sub)
    _rules_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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


if __name__ == "__main__":
    raise SystemExit(main())
