"""Mine the names of organisations from unlabelled news: ``credscore/lexicons/en/org_names.tsv``.

One capitalised word alone ("Sony said", "Nestlé said") is a person's surname or an organisation's name, and a
single sentence rarely says which; a reader knows it from having read the news. This tool reads news the way
credscore's typer reads one article (``source_types.mention_evidence``: "Sony, which", "Sony said its",
"a Sony spokesman"; "Lee, who", "Lee said he") plus the surest signs of a name's kind — an organisation word
after it ("Sony Corp", "Infosys Technologies") for an organisation, a title or a known first name before it for
a person — and keeps the names with organisation evidence in at least ``MIN_ARTICLES`` articles and none of a
person anywhere.

Corpora read (``$CREDSCORE_DATA``): BBC News 2004–05 (all five sections) **except every article of the
out-of-domain gold set** (every article ``tools.gold.ood`` draws: the blind test, dev and dev2), and PolNeAR
train. MPQA is not read (its folds are evaluation data). Only the names and their counts are written, never text::

    CREDSCORE_DATA=../shared/data python -m tools.mine_org_names
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

from credscore.cues.names import first_names, place_words
from credscore.cues.resolution import is_time_or_number
from credscore.cues.source_types import mention_evidence
from credscore.cues.text import DETERMINERS, PRONOUNS
from credscore.lexicon import word_list
from tools import corpora
from tools.gold import ood

OUT = Path(__file__).resolve().parents[1] / "credscore" / "lexicons" / "en" / "org_names.tsv"
#: The legal forms of companies: "Sony Corp", "Infosys Ltd", "Siemens AG" name Sony, Infosys and Siemens.
LEGAL_FORMS = frozenset(
    "inc corp corporation co plc ltd limited llc lp ag sa nv bv gmbh spa ab asa holdings group".split()
)
#: A name needs organisation evidence in this many articles.
MIN_ARTICLES = 2
#: One to three capitalised words (an ampersand or "of" may join them), not preceded by a capitalised word.
_NAME = re.compile(
    r"(?<![\w.'\u2019&-])[A-Z][\w'\u2019.-]*[\w](?:(?:\s+(?:&|of|de|der|du|van|von)\s+|\s+)[A-Z][\w'\u2019.-]*[\w]){0,2}"
)
_TITLES = frozenset(w.lower().rstrip(".") for w in word_list("typer_titles")) | frozenset(
    w.lower().rstrip(".") for w in word_list("person_titles")
)
_AFTER_TITLE = re.compile(
    r"(?:\b(" + "|".join(sorted(map(re.escape, _TITLES), key=len, reverse=True)) + r")(\.?)[ \t]+)$", re.I
)


def _after_title(text: str, a: int) -> bool:
    """A title just before ``a`` on the same line ("Mr Lee", "Gov. Lee"); a dot after it only for an
    abbreviation, so a sentence that ends in a role ("... bid manager.  Google") gives no title."""
    m = _AFTER_TITLE.search(text, max(0, a - 12), a)
    return m is not None and (not m.group(2) or len(m.group(1)) <= 4)


#: Words that open a capitalised run without being part of the name ("Former Worldcom boss").
_MONTHS = word_list("months")
_NOT_A_NAME_START = frozenset(["former", "ex", "new", "old", "rival", "troubled"])
_LOWER_WORD = re.compile(r"(?<![\w.'\u2019-])[a-z][\w'\u2019-]*")


def _candidate(name: str) -> bool:
    words = name.split()
    first = words[0].lower()
    if first in DETERMINERS or first in PRONOUNS or first in _TITLES or first in _NOT_A_NAME_START:
        return False
    lows = [w.lower() for w in words]
    if is_time_or_number(lows) or any(w in _MONTHS for w in lows):
        return False  # "January", "November 2004"
    return not any(w in place_words() for w in words) and len(name) >= 3


def mine(texts: list[str]) -> list[tuple[str, int, int]]:
    """(name, articles with organisation evidence, articles with person evidence), kept names only."""
    org: Counter[str] = Counter()
    person: Counter[str] = Counter()
    names = first_names()
    for text in texts:
        seen: dict[str, set[str]] = defaultdict(set)
        for m in _NAME.finditer(text):
            words = m.group().split()
            words[-1] = words[-1].removesuffix("'s").removesuffix("\u2019s")
            a = m.start()
            # A run that ends in a company's legal form names the company without it too ("Sony Corp").
            if len(words) >= 2 and words[-1].rstrip(".,").lower() in LEGAL_FORMS:
                seen[" ".join(words[:-1])].add("organization")
                continue
            if len(words) >= 2 and words[0].lower() in names:
                seen[words[-1]].add("person")  # "Ann Lee": Lee is a person's name
                continue
            name = " ".join(words)
            if _after_title(text, a):
                seen[name].add("person")
                continue
            said = mention_evidence(text, a, m.end())
            if said is not None:
                seen[name].add(said)
        for name, kinds in seen.items():
            if "organization" in kinds:
                org[name] += 1
            if "person" in kinds:
                person[name] += 1
    lower: Counter[str] = Counter()
    for text in texts:
        lower.update(_LOWER_WORD.findall(text))
    kept = [
        (name, n, person[name])
        for name, n in org.items()
        if n >= MIN_ARTICLES
        and person[name] == 0
        and _candidate(name)
        and name.lower() not in names
        and lower[name.lower()] == 0  # "Internet", "Act", "Analysts": a common noun capitalised
    ]
    return sorted(kept, key=lambda r: (-r[1], r[0]))


def gold_articles() -> set[str]:
    """Every BBC article drawn for a part of the out-of-domain gold set (``ood.select``: test, dev, its top-up,
    dev2 and dev3), annotated or not."""
    return {a.name for arts in ood.select().values() for a in arts if a.corpus == "bbc"}


def unlabelled_news() -> tuple[list[str], int, int]:
    """The texts the miners read: BBC News without any article drawn for the out-of-domain gold set, then
    PolNeAR train; with the number of BBC texts and of BBC articles left out."""
    held_out = gold_articles()
    texts = [a.text for a in corpora.read_bbc() if a.name not in held_out]
    n_bbc = len(texts)
    return texts + [a.text for a in corpora.read_polnear("train")], n_bbc, len(held_out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    texts, n_bbc, n_held_out = unlabelled_news()
    rows = mine(texts)
    header = (
        "# Names of organisations, mined from unlabelled news by tools/mine_org_names.py (see its docstring):\n"
        f"# BBC News 2004-05 ({n_bbc} articles; the {n_held_out} BBC articles of the out-of-domain gold set\n"
        f"# left out) and PolNeAR train ({len(texts) - n_bbc} articles). A name is kept when at least\n"
        f"# {MIN_ARTICLES} articles write it as an organisation's ('X, which', 'X said its', 'a X spokesman',\n"
        "# 'X Corp', 'X plc') and none as a person's ('X, who', 'X said he', a title or a first name before it).\n"
        "# Columns: the name, articles with organisation evidence, articles with person evidence (always 0).\n"
        "# Regenerate: CREDSCORE_DATA=../shared/data python -m tools.mine_org_names\n"
    )
    body = "".join(f"{name}\t{n}\t{p}\n" for name, n, p in rows)
    args.out.write_text(header + "name\torg_articles\tperson_articles\n" + body, encoding="utf-8")
    print(f"{len(rows)} names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
