"""``credscore train`` and ``credscore evaluate``: models on your own labelled sentences."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..certainty import CertaintyModel
from ..errors import ModelError
from ..model import load_model
from .common import check_output


def _table(args: argparse.Namespace) -> object:
    """The labelled file, read as score-file reads its input (one reader for every command)."""
    from ..files import read_table

    wanted = [(args.text_column, "text column"), (args.label_column, "label column")]
    if args.group_column:
        wanted.append((args.group_column, "group column"))
    if args.paragraph_column:
        wanted.append((args.paragraph_column, "paragraph column"))
    return read_table(args.labels, wanted, encoding=args.encoding)


def reading_args(p: argparse.ArgumentParser) -> None:
    """How the rows are read: in context (grouped into articles) or each alone."""
    p.add_argument(
        "--group-column",
        help="the article each row belongs to, its rows in article order: the rows of one article are read "
        "together, as `credscore score` reads the article (a continued quotation keeps its speaker), and "
        "cross-validation keeps each article on one side (default: none; each row is read alone)",
    )
    p.add_argument(
        "--paragraph-column",
        help="a paragraph id per row, read with --group-column: where it changes a new paragraph starts "
        "(default: none; each article is one paragraph)",
    )
    p.add_argument(
        "--no-context",
        dest="context",
        action="store_const",
        const=False,
        default=None,
        help="with --group-column, read each row alone anyway, for groups that are not articles in order "
        "(default: read in context when --group-column is given)",
    )


def label_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--text-column", default="text", help="column with the sentence (default: %(default)s)")
    p.add_argument("--label-column", default="label", help="column with the label (default: %(default)s)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--positive", help="binary labels: the value that means well sourced")
    g.add_argument("--classes", help="ordered classes, least reliable first, e.g. weak,unattributed,strong")
    p.add_argument("--encoding", default="utf-8", help="encoding of a CSV file (default: %(default)s)")


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
    label_args(p)
    reading_args(p)
    p.add_argument("--cv", type=int, default=5, help="cross-validation folds (default: %(default)s)")
    p.add_argument("--lexical", action="store_true", help="also learn from the words (hashed unigrams and bigrams)")
    p.add_argument("--name", help="model name in its metadata (default: the output name)")
    p.add_argument(
        "--certainty",
        metavar="FILE",
        help="a certainty model of your own to join the sourcing model with (the JSON "
        "python -m tools.train_uncertainty writes; default: the shipped one, which the bundle then carries)",
    )
    p.set_defaults(func=_train_main)


def _train_main(args: argparse.Namespace, out: TextIO) -> int:
    from ..evaluation import report_markdown, write_report
    from ..training import train

    prefix = Path(args.output[: -len(".credscore")] if args.output.endswith(".credscore") else args.output)
    # Checked before training, which can take minutes.
    check_output(prefix.with_name(prefix.name + ".credscore"), example="models/desk")
    certainty = _certainty(args.certainty) if args.certainty else None
    df = _table(args)
    classes = [c.strip() for c in args.classes.split(",")] if args.classes else None
    model = train(
        df, args.text_column, args.label_column, group_col=args.group_column, paragraph_col=args.paragraph_column,
        context=args.context, classes=classes, positive=args.positive, cv=args.cv,
        lexical=args.lexical, certainty=certainty, name=args.name or prefix.name, source=Path(args.labels).name,
    )  # fmt: skip
    path = model.save(prefix.with_name(prefix.name + ".credscore"))
    written = write_report(model.metadata["report"], prefix)
    out.write(report_markdown(model.metadata["report"]))
    print(f"wrote {path} and {', '.join(str(w) for w in written)}", file=sys.stderr)
    return 0


def _certainty(path: str) -> CertaintyModel:
    """The certainty model in ``path``, or a ModelError that says why it is not one."""
    try:
        return CertaintyModel.load(path)
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelError(
            f"{path} is not a certainty model ({exc}); pass the JSON python -m tools.train_uncertainty writes"
        ) from None


def _evaluate_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help="evaluate a model on labelled sentences",
        description="Evaluate a model (a .credscore file, or 'default') on labelled sentences; print the report.",
    )
    p.add_argument("model", help="a .credscore file, or 'default' for the shipped model")
    p.add_argument("labels", help="labelled file: one sentence per row")
    label_args(p)
    reading_args(p)
    p.add_argument(
        "--sourcing-only",
        action="store_true",
        help="score the sourcing model alone, before certainty is joined, for labels that say who a claim rests "
        "on and nothing of how firmly it is made (default: score as credscore score does)",
    )
    p.add_argument("-o", "--output", help="also write OUT.report.json, OUT.report.md and OUT.calibration.svg")
    p.set_defaults(func=_evaluate_main)


def _evaluate_main(args: argparse.Namespace, out: TextIO) -> int:
    from ..evaluation import report_markdown, write_report
    from ..training import evaluate

    model = load_model(args.model)
    if args.output:
        check_output(Path(args.output + ".report.json"), example="reports/desk")
    df = _table(args)
    classes = [c.strip() for c in args.classes.split(",")] if args.classes else None
    report = evaluate(
        model, df, args.text_column, args.label_column, group_col=args.group_column,
        paragraph_col=args.paragraph_column, context=args.context, classes=classes,
        positive=args.positive, sourcing_only=args.sourcing_only, source=Path(args.labels).name,
    )  # fmt: skip
    if args.output:
        written = write_report(report, args.output)
        print(f"wrote {', '.join(str(w) for w in written)}", file=sys.stderr)
    out.write(report_markdown(report))
    return 0
