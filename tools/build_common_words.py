"""Build ``credscore/lexicons/en/common_words.tsv``: the words news writes in lower case.

A capitalised word that opens a sentence is a name or a common word capitalised by its position ("Maersk held
a news conference" against "Prices rose"), and one sentence does not say which. A reader knows the common
words of English: here, the words that unlabelled news writes in lower case, in at least :data:`MIN_ARTICLES`
articles (so a name lower-cased by one typo does not count). Only the words are written, never text.

Corpora (``$CREDSCORE_DATA``): BBC News 2004-05 without any article drawn for the out-of-domain gold set
(``tools.gold.ood.select``), and PolNeAR train. MPQA is not read (its folds are evaluation data)::

    CREDSCORE_DATA=../shared/data python -m tools.build_common_words
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from tools.mine_org_names import unlabelled_news

OUT = Path(__file__).resolve().parents[1] / "credscore" / "lexicons" / "en" / "common_words.tsv"
#: A word must be written in lower case in this many articles.
MIN_ARTICLES = 3
#: A lower-case word (letters, inner apostrophes and hyphens), not right after a letter, digit or period.
_LOWER = re.compile(r"(?<![\w.'\u2019-])[a-z][a-z'\u2019-]*[a-z]|(?<![\w.'\u2019-])[a-z](?![\w'\u2019-])")


def common_words(texts: list[str]) -> list[tuple[str, int]]:
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update(set(_LOWER.findall(text)))
    return sorted(((w, n) for w, n in seen.items() if n >= MIN_ARTICLES), key=lambda r: (-r[1], r[0]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    texts, n_bbc, _n_held_out = unlabelled_news()
    rows = common_words(texts)
    header = (
        "# The words news writes in lower case, by tools/build_common_words.py (see its docstring): BBC News\n"
        f"# 2004-05 ({n_bbc} articles; every article drawn for the out-of-domain gold set left out) and PolNeAR\n"
        f"# train ({len(texts) - n_bbc} articles); a word is kept when at least {MIN_ARTICLES} articles write it in\n"
        "# lower case. A capitalised word opening a sentence whose lower case is here may be a common word\n"
        "# ('Prices rose'); one not here is read as a name ('Maersk held a news conference').\n"
        "# Columns: the word, articles that write it in lower case.\n"
        "# Regenerate: CREDSCORE_DATA=../shared/data python -m tools.build_common_words\n"
        "word\tarticles\n"
    )
    args.out.write_text(header + "".join(f"{w}\t{n}\n" for w, n in rows), encoding="utf-8")
    print(f"{len(rows)} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
