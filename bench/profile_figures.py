"""The figures and numbers of docs/profiles.md: the PolNeAR articles profiled by outlet and month.

Scores PolNeAR train + dev (924 articles of seven US outlets, 2015-16) with :func:`credscore.score_frame`,
keeping each article's outlet and date from ``metadata.tsv``, profiles them with :func:`credscore.profile`
(by outlet, and by outlet and month) and writes the page's three charts, as the page draws them, to
``docs/img/profile-polnear-*.svg``, and the per-outlet numbers the document quotes to standard output. No
corpus text goes into the repository: the charts hold outlet names, months and numbers only.

    CREDSCORE_DATA=../shared/data python bench/profile_figures.py   # ~30 s (scoring), or less with the cache
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd
from profile_large import scored_polnear  # bench/profile_large.py: the same scored output, cached

import credscore
from credscore.profile_page import profile_charts
from credscore.profiles import aggregate

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default="/tmp/credscore-profile-bench", help="folder of the cached scored output")
    ap.add_argument("--out", default=str(ROOT / "docs" / "img"), help="where the SVG files go")
    args = ap.parse_args()
    Path(args.cache).mkdir(parents=True, exist_ok=True)
    scored = scored_polnear(Path(args.cache))
    prof = aggregate(scored, ["outlet"], "month")
    table, overall = prof.table(30, 10), prof.overall().table(30, 10)
    # The page's per-outlet rows are profile()'s (up to the order of floating-point sums).
    pd.testing.assert_frame_equal(overall, credscore.profile(scored, by="outlet"))
    for name, svg in profile_charts(table, ["outlet"], "month", overall=overall).items():
        path = Path(args.out) / f"profile-polnear-{name}.svg"
        path.write_text(svg + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    cols = ["outlet", "n_articles", "n_claims", "share_anonymous", "share_anonymous_lo", "share_anonymous_hi",
            "n_anonymous_with_reason", "share_type_named_person", "share_type_unattributed", "share_relayed",
            "mean_certainty", "share_uncertain", "share_label_strong"]  # fmt: skip
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.precision", 3):
        print(overall[cols].to_string(index=False))
        months = table[table["outlet"] == "nyt"][["period", "n_claims", "share_anonymous", "too_small"]]
        print(months.to_string(index=False))
        print("too small (outlet x month):", int(table["too_small"].sum()), "of", len(table))


if __name__ == "__main__":
    main()
