"""``credscore rules``: every cue rule and what it finds."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..cues import RULES


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
