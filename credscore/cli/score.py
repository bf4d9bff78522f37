"""``credscore score``: a readable table, or JSON lines, of one text's sentences."""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from ..cues import CueDetector
from ..errors import InputError
from ..model import default_model, load_model
from ..scoring import SentenceScore, score
from .common import html_arg, limit_args, limited, plain_text, read_text, snippet

if TYPE_CHECKING:
    from ..summary import ArticleSummary

#: What the table shows for a value that does not apply: the parts of a non-claim's score (a heading, a
#: byline, a question), or the certainty of a model without one.
PLACEHOLDER = "—"


def _value(x: float, applies: bool = True) -> str:
    return f"{x:.2f}" if applies and x == x else f"{PLACEHOLDER:^4}"  # x == x: not NaN


def format_table(scores: Sequence[SentenceScore], width: int = 100, explanations: Sequence[Any] | None = None) -> str:
    """A human-readable rendering of :func:`credscore.score` output (and explanations).

    Every sentence's first line has the same fields in the same places: number, reliability, label,
    characters, sourcing, certainty and hops, with :data:`PLACEHOLDER` where one does not apply.
    """
    if not scores:
        return "(no sentences)\n"
    lines = []
    chars_width = max(len(f"chars {s.start}-{s.end}") for s in scores)
    num_width = len(f"[{len(scores)}]")
    for i, s in enumerate(scores, 1):
        claim = s.not_a_claim is None
        head = (
            f"{f'[{i}]':<{num_width}} {s.reliability:.2f} {s.label:<12} {f'chars {s.start}-{s.end}':<{chars_width}}"
            f"  sourcing {_value(s.sourcing, claim)}  certainty {_value(s.certainty, claim)}"
            f"  hops {s.hops if claim else PLACEHOLDER}"
        )
        if not claim:
            head += f"  (not a claim: {s.not_a_claim})"
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
            lines.append(f"      {c.kind:<17} {snippet(c.text)!r:<64} {c.rule}{tail}")
        for x in s.sources:
            lines.append(f"      {x.kind:<17} {snippet(x.text)!r:<64} source: {x.describe()}")
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
        description=(
            "Score each sentence of a news text for how well it is sourced. Prints a table: for every sentence its "
            "reliability, class, characters, sourcing, certainty and hops (a dash where one does not apply, as for a "
            "heading), its text, cues and sources. --json prints JSON lines instead."
        ),
    )
    p.add_argument("file", nargs="?", default="-", help="text file to score; - (default) reads standard input")
    p.add_argument("--json", action="store_true", help="print JSON lines, one object per sentence (docs/schema.md)")
    p.add_argument(
        "--explain",
        action="store_true",
        help="also show what moved each score, in plain words, with the cues behind it (with --json: an "
        "'explanation' object in each sentence's line)",
    )
    p.add_argument(
        "--summary",
        action="store_true",
        help='also print the article summary (with --json: one more line, {"summary": ...})',
    )
    html_arg(p)
    limit_args(p)
    p.add_argument("--model", help="a .credscore model file (default: the shipped model)")
    p.add_argument("--encoding", default="utf-8", help="encoding of the input (default: %(default)s)")
    p.add_argument(
        "--disable-rule", action="append", default=[], metavar="RULE", help="switch a cue rule off (repeatable)"
    )
    p.set_defaults(func=_score_main)


def _score_main(args: argparse.Namespace, out: TextIO) -> int:
    text, page = plain_text(read_text(args.file, args.encoding), args.html)
    model = load_model(args.model) if args.model else default_model()
    try:
        detector = CueDetector(disabled_rules=args.disable_rule) if args.disable_rule else None
    except ValueError as exc:
        raise InputError(str(exc)) from None
    text = limited(text, args)
    scores = score(text, model=model, detector=detector, max_chars=None)
    explanations = None
    if args.explain:
        from ..explanations import explain_scores

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
        from ..summary import summarize

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
    lines.append(summary.counts)
    for name, share in summary.shares.items():
        lines.append(f"  {name:<11} {round(share * summary.n_claims):>3} of {summary.n_claims} claims ({share:.0%})")
    if summary.sources:
        lines.append("sources:")
        for src in summary.sources:
            cites = f", citing {src.cites}" if src.cites else ""
            lines.append(f"  {src.claims:>3} claim(s)  {src.kind:<17} {src.name}{cites}")
    return "\n".join(lines) + "\n"
