"""The source gold set: PolNeAR source spans typed under docs/annotation-guide.md, Part 2.

PolNeAR's annotators marked every attribution's source span; this gold set adds what PolNeAR does
not have: the source's type, whether it is anonymous, how many people it names, what a pronoun refers
to and what the source was relayed through. Only standoff is kept in the repository
(``datasets/sources/gold.tsv``: article, offsets, fields); the text stays in ``$CREDSCORE_DATA``.

    python -m tools.gold.sources export OUTDIR   # annotation batches (corpus text: keep them outside the repo)
    python -m tools.gold.sources import OUTDIR   # OUTDIR/*.tsv -> datasets/sources/gold.tsv (+ doubles)
    python -m tools.gold.sources agreement       # Cohen's kappa per field on the doubly annotated items
    python -m tools.gold.sources export --test OUTDIR   # the test part's batches
    python -m tools.gold.sources import --test OUTDIR   # -> datasets/sources/test.tsv (+ double-test.tsv)
    python -m tools.gold.sources agreement --test

Article selection is fixed by a seed: articles are drawn at random from PolNeAR ``train`` until at
least :data:`TRAIN_TARGET` sourced attributions are covered, and from ``dev`` until
:data:`DEV_TARGET`; the gold set's own train/dev split follows PolNeAR's (split by article).

The **test** part (``datasets/sources/test.tsv``, split ``test``) was annotated later, when the dev part
had been used to diagnose errors: PolNeAR ``dev`` articles that are not in the gold dev part, drawn the
same way until :data:`TEST_TARGET` sources are covered. Nothing in credscore was built, trained or tuned
on it; it is kept in its own file so that no training path reads it by accident.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools import corpora

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "datasets" / "sources"
SEED = 20261201
TRAIN_TARGET = 1000
DEV_TARGET = 620
TEST_TARGET = 620
#: Articles with more sourced attributions than this are skipped (one sitting each).
MAX_PER_ARTICLE = 45
#: Batches per split (one annotator each).
BATCHES = {"train": 3, "dev": 2, "test": 4}
#: The doubly annotated items: the first articles of these batches, up to this many attributions each.
DOUBLE_FROM = {"train-1": 110, "dev-1": 110}
DOUBLE_FROM_TEST = {"test-1": 55, "test-3": 55}

TYPES = ("named_person", "named_organization", "document", "unnamed_person", "unnamed_group", "vague")
FIELDS = ("id", "type", "anonymous", "count", "refers_to", "via", "outlet", "reason", "note")
GOLD_COLUMNS = (
    "split",
    "doc",
    "sid",
    "start",
    "end",
    "type",
    "anonymous",
    "count",
    "refers_to",
    "via",
    "outlet",
    "reason_start",
    "reason_end",
    "annotator",
)


def _draw(arts: list[corpora.PolnearArticle], key: str, target: int) -> list[corpora.PolnearArticle]:
    """Articles with 4-MAX_PER_ARTICLE sourced attributions, shuffled by ``key``, taken in order until
    ``target`` sources are covered."""
    arts = [a for a in arts if 4 <= _n_sourced(a) <= MAX_PER_ARTICLE]
    random.Random(f"{SEED}-{key}").shuffle(arts)
    chosen, n = [], 0
    for a in arts:
        if n >= target:
            break
        chosen.append(a)
        n += _n_sourced(a)
    return chosen


def select() -> dict[str, list[corpora.PolnearArticle]]:
    """The gold articles of each split, in annotation order."""
    return {
        split: _draw(corpora.read_polnear(split), split, target)
        for split, target in (("train", TRAIN_TARGET), ("dev", DEV_TARGET))
    }


def select_test() -> list[corpora.PolnearArticle]:
    """The test part's articles, in annotation order: PolNeAR dev articles outside the gold dev part."""
    taken = {a.name for a in select()["dev"]}
    return _draw([a for a in corpora.read_polnear("dev") if a.name not in taken], "test", TEST_TARGET)


def _n_sourced(art: corpora.PolnearArticle) -> int:
    return sum(1 for a in art.attributions if a.source)


def sourced(art: corpora.PolnearArticle) -> list[tuple[str, corpora.Attribution]]:
    """(sid, attribution) for every attribution with a source, in text order of the source."""
    atts = sorted((a for a in art.attributions if a.source), key=lambda a: (a.source[0][0], a.cue[:1]))
    return [(f"S{i + 1}", a) for i, a in enumerate(atts)]


def batches(test: bool = False) -> dict[str, list[corpora.PolnearArticle]]:
    out = {}
    for split, arts in ({"test": select_test()} if test else select()).items():
        k = BATCHES[split]
        total = sum(_n_sourced(a) for a in arts)
        per = total / k
        cur, n, b = [], 0, 1
        for a in arts:
            cur.append(a)
            n += _n_sourced(a)
            if n >= per * b and b < k:
                out[f"{split}-{b}"] = cur
                cur, b = [], b + 1
        out[f"{split}-{b}"] = cur
    return out


def doubles(all_batches: dict[str, list[corpora.PolnearArticle]], test: bool = False) -> list[corpora.PolnearArticle]:
    out = []
    for name, limit in (DOUBLE_FROM_TEST if test else DOUBLE_FROM).items():
        n = 0
        for a in all_batches[name]:
            if n >= limit:
                break
            out.append(a)
            n += _n_sourced(a)
    return out


def render(art: corpora.PolnearArticle, label: str) -> str:
    """The article with every source marked ⟦S3 ... ⟧ and its cue ⟨S3 ... ⟩, then a list of the sources."""
    text = art.text
    marks: list[tuple[int, int, str]] = []  # (pos, order, string); closing marks sort before opening ones
    rows = []
    for sid, att in sourced(art):
        for a, b in att.source:
            marks.append((a, 1, f"⟦{sid} "))
            marks.append((b, 0, "⟧"))
        for a, b in att.cue:
            marks.append((a, 1, f"⟨{sid} "))
            marks.append((b, 0, "⟩"))
        src = " … ".join(text[a:b] for a, b in att.source)
        cue = " … ".join(text[a:b] for a, b in att.cue)
        rows.append(f"{sid}\t{src}\t(cue: {cue})")
    marks.sort()
    out, prev = [], 0
    for pos, _, s in marks:
        out.append(text[prev:pos])
        out.append(s)
        prev = pos
    out.append(text[prev:])
    body = "".join(out)
    return (
        f"=== ARTICLE {label} | {art.split} | {art.name} ===\n\n{body}\n\n--- sources of {label} ---\n"
        + "\n".join(rows)
        + "\n"
    )


def export(outdir: Path, test: bool = False) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    all_b = batches(test)
    for name, arts in all_b.items():
        parts = [render(a, f"{name}/{i + 1}") for i, a in enumerate(arts)]
        (outdir / f"{name}.txt").write_text("\n\n".join(parts), encoding="utf-8")
        print(f"{name}: {len(arts)} articles, {sum(_n_sourced(a) for a in arts)} sources", file=sys.stderr)
    dbl = doubles(all_b, test)
    label = {a.name: f"{n}/{i + 1}" for n, arts in all_b.items() for i, a in enumerate(arts)}
    (outdir / ("double-test.txt" if test else "double.txt")).write_text(
        "\n\n".join(render(a, label[a.name]) for a in dbl), encoding="utf-8"
    )
    print(f"double: {len(dbl)} articles, {sum(_n_sourced(a) for a in dbl)} sources", file=sys.stderr)


def _read_annotations(path: Path) -> dict[str, dict[str, dict[str, str]]]:
    """Annotator TSV -> {article label: {sid: fields}}. Lines: ``label<TAB>id<TAB>type...``."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t"), 1):
            if not row or row[0].startswith("#") or row[0] == "article":
                continue
            if len(row) < 4:
                raise SystemExit(f"{path}:{n}: expected article, id, type, anonymous, ...; got {row!r}")
            label, rest = row[0], row[1:]
            rec = dict(zip(FIELDS, rest + [""] * (len(FIELDS) - len(rest)), strict=False))
            if rec["type"] not in TYPES:
                raise SystemExit(f"{path}:{n}: type {rec['type']!r} is not one of {', '.join(TYPES)}")
            out.setdefault(label, {})[rec["id"]] = rec
    return out


def to_rows(ann: dict[str, dict[str, dict[str, str]]], annotator: str, test: bool = False) -> list[dict[str, str]]:
    """Annotations -> standoff rows (offsets into the PolNeAR text; no text)."""
    all_b = batches(test)
    by_label = {f"{n}/{i + 1}": a for n, arts in all_b.items() for i, a in enumerate(arts)}
    rows = []
    for label, recs in ann.items():
        art = by_label.get(label)
        if art is None:
            raise SystemExit(f"unknown article label {label!r}")
        spans = {sid: att for sid, att in sourced(art)}
        missing = set(spans) - set(recs)
        if missing:
            raise SystemExit(f"{label}: no annotation for {sorted(missing, key=lambda s: int(s[1:]))}")
        for sid, att in spans.items():
            r = recs[sid]
            reason = _find_reason(art.text, att, r["reason"])
            rows.append(
                {
                    "split": "test" if test else art.split,
                    "doc": art.name,
                    "sid": sid,
                    "start": ";".join(str(a) for a, _ in att.source),
                    "end": ";".join(str(b) for _, b in att.source),
                    "type": r["type"],
                    "anonymous": yes_no(r["anonymous"], f"{label} {sid}"),
                    "count": r["count"].strip(),
                    "refers_to": r["refers_to"].strip(),
                    "via": r["via"].strip(),
                    "outlet": yes_no(r["outlet"] or "0", f"{label} {sid}"),
                    "reason_start": str(reason[0]) if reason else "",
                    "reason_end": str(reason[1]) if reason else "",
                    "annotator": annotator,
                }
            )
    return rows


def yes_no(v: str, where: str) -> str:
    """An annotator's yes/no value as "1" or "0" (empty is no); ``where`` names the row in the error."""
    v = v.strip().lower()
    if v in ("1", "true", "yes", "y"):
        return "1"
    if v in ("0", "false", "no", "n", ""):
        return "0"
    raise SystemExit(f"{where}: {v!r} is not a yes/no value")


def _find_reason(text: str, att: corpora.Attribution, reason: str) -> tuple[int, int] | None:
    """Offsets of the reason phrase the annotator copied, searched near the source."""
    reason = reason.strip()
    if not reason:
        return None
    a = att.source[0][0]
    lo = max(0, a - 400)
    i = text.find(reason, lo, a + 600)
    if i < 0:
        raise SystemExit(f"reason {reason!r} not found near {text[a : a + 40]!r}")
    return i, i + len(reason)


def write_gold(
    rows: list[dict[str, str]],
    path: Path,
    columns: tuple[str, ...] = GOLD_COLUMNS,
    key: Callable[[dict[str, str]], Any] | None = None,
) -> None:
    """Standoff rows -> a TSV gold file, sorted by ``key`` (default: split, article, start)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted(rows, key=key or (lambda r: (r["split"], r["doc"], int(r["start"].split(";")[0]))))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, columns, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def import_(indir: Path, test: bool = False) -> None:
    """``indir/<batch>.tsv`` (one annotator each) and ``indir/double.tsv`` (the second annotator); with
    ``test``, ``indir/test-*.tsv`` and ``indir/double-test.tsv``."""
    main_rows: list[dict[str, str]] = []
    double = "double-test" if test else "double"
    for p in sorted(indir.glob("test-*.tsv" if test else "*.tsv")):
        if p.stem.startswith("double"):
            continue
        main_rows.extend(to_rows(_read_annotations(p), annotator=f"A-{p.stem}", test=test))
    write_gold(main_rows, GOLD_DIR / ("test.tsv" if test else "gold.tsv"))
    dbl = indir / f"{double}.tsv"
    if dbl.exists():
        write_gold(
            to_rows(_read_annotations(dbl), annotator="B-test" if test else "B-double", test=test),
            GOLD_DIR / f"{double}.tsv",
        )
    c = Counter((r["split"], r["type"]) for r in main_rows)
    print(sorted(c.items()), file=sys.stderr)


def read_gold(path: Path | None = None) -> list[dict[str, str]]:
    with open(path or GOLD_DIR / "gold.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two annotators' labels."""
    n = len(pairs)
    if not n:
        return float("nan")
    po = sum(a == b for a, b in pairs) / n
    ca = Counter(a for a, _ in pairs)
    cb = Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def agreement(test: bool = False) -> dict[str, dict[str, float]]:
    first = {(r["doc"], r["sid"]): r for r in read_gold(GOLD_DIR / ("test.tsv" if test else "gold.tsv"))}
    second = {(r["doc"], r["sid"]): r for r in read_gold(GOLD_DIR / ("double-test.tsv" if test else "double.tsv"))}
    keys = sorted(set(first) & set(second))
    out = {}
    for f in ("type", "anonymous", "count", "refers_to", "outlet"):
        pairs = [(first[k][f], second[k][f]) for k in keys]
        out[f] = {
            "n": len(pairs),
            "agreement": round(sum(a == b for a, b in pairs) / len(pairs), 3),
            "kappa": round(kappa(pairs), 3),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.gold.sources", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name, arg in (("export", "outdir"), ("import", "indir"), ("agreement", None)):
        p = sub.add_parser(name)
        if arg:
            p.add_argument(arg, type=Path)
        p.add_argument(
            "--test", action="store_true", help="the test part (PolNeAR dev articles outside the gold dev part)"
        )
    args = ap.parse_args(argv)
    if args.cmd == "export":
        export(args.outdir, args.test)
    elif args.cmd == "import":
        import_(args.indir, args.test)
    else:
        import json

        print(json.dumps(agreement(args.test), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
