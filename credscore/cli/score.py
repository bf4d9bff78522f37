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

#: Certainty at or above this is not worth a mention in the table (most plain sentences score ~0.97).
_CERTAIN = 0.9


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
        description="Score each sentence of a news text for how well it is sourced.",
    )
    p.add_argument("file", nargs="?", default="-", help="text file to score; - (default) reads standard input")
    p.add_argument("--json", action="store_true", help="print JSON lines, one object per sentence")
    p.add_argument(
        "--explain", action="store_true", help="also show the features that moved each score, with their cues"
    )
    p.add_argument("--summary", action="store_true", help="also print the article summary")
    html_arg(p)
    limit_args(p)
    p.add_argument("--model", help="a .credscore model file (default: the shipped model)")
    p.add_argument("--encoding", default="utf-8", help="encoding of the input (default: utf-8)")
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
    lines.append(f"{summary.n_claims} claims in {summary.n_segments} segments")
    for name, share in summary.shares.items():
        lines.append(f"  {name:<11} {round(share * summary.n_claims):>3} of {summary.n_claims} claims ({share:.0%})")
    if summary.sources:
        lines.append("sources:")
        for src in summary.sources:
            cites = f", citing {src.cites}" if src.cites else ""
            lines.append(f"  {src.claims:>3} claim(s)  {src.kind:<17} {src.name}{cites}")
    return "\n".join(lines) + "\n"
