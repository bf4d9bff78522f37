"""The news uncertainty gold set: PolNeAR dev sentences with uncertainty cues (annotation guide, Part 3).

Cue spans and their category (epistemic, doxastic, condition, investigation) under the Szeged
Uncertainty Corpus's scheme, on news: the set tells whether a detector trained on Wikipedia and
biology works on news. Standoff only (``datasets/uncertainty/news.tsv``: article, sentence offsets,
cue offsets, category); the text stays in ``$CREDSCORE_DATA``.

    python -m tools.gold.uncertainty export OUTDIR   # annotation batches (corpus text: keep them outside the repo)
    python -m tools.gold.uncertainty import OUTDIR   # OUTDIR/*.tsv -> datasets/uncertainty/news.tsv (+ double.tsv)
    python -m tools.gold.uncertainty agreement       # agreement on the doubly annotated sentences

Articles are drawn at random (fixed seed) from PolNeAR ``dev`` until :data:`TARGET` sentences are
covered. The set's own split is by article: the first :data:`TUNE_SHARE` of the sentences (in
selection order) are ``tune`` (looked at while building the detector), the rest ``test`` (only
measured).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from pathlib import Path

from credscore import split_sentences
from tools import corpora

from .sources import kappa

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "datasets" / "uncertainty"
SEED = 20261202
TARGET = 820
TUNE_SHARE = 0.3
BATCHES = 2
DOUBLE = 120
CATEGORIES = ("epistemic", "doxastic", "condition", "investigation")
COLUMNS = ("split", "doc", "uid", "sent_start", "sent_end", "cue_start", "cue_end", "category", "annotator")


def select() -> list[tuple[corpora.PolnearArticle, list[tuple[str, int, int]]]]:
    """[(article, [(uid, start, end), ...]), ...] in selection order."""
    arts = [a for a in corpora.read_polnear("dev")]
    random.Random(SEED).shuffle(arts)
    out, n = [], 0
    for a in arts:
        if n >= TARGET:
            break
        sents = [s for s in split_sentences(a.text) if s.kind == "sentence"]
        if not 8 <= len(sents) <= 60:
            continue
        rows = [(f"U{n + i + 1}", s.start, s.end) for i, s in enumerate(sents)]
        n += len(rows)
        out.append((a, rows))
    return out


def split_of(uid: str) -> str:
    return "tune" if int(uid[1:]) <= TARGET * TUNE_SHARE else "test"


def render(art: corpora.PolnearArticle, rows: list[tuple[str, int, int]]) -> str:
    lines = [f"=== ARTICLE {art.name} ==="]
    for uid, a, b in rows:
        lines.append(f"{uid}\t{' '.join(art.text[a:b].split())}")
    return "\n".join(lines) + "\n"


def export(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    chosen = select()
    total = sum(len(r) for _, r in chosen)
    per = total / BATCHES
    batches: list[list[str]] = [[] for _ in range(BATCHES)]
    n = 0
    for art, rows in chosen:
        batches[min(BATCHES - 1, int(n // per))].append(render(art, rows))
        n += len(rows)
    for i, parts in enumerate(batches, 1):
        (outdir / f"news-{i}.txt").write_text("\n".join(parts), encoding="utf-8")
    dbl, n = [], 0
    for art, rows in chosen:
        if n >= DOUBLE:
            break
        dbl.append(render(art, rows))
        n += len(rows)
    (outdir / "double.txt").write_text("\n".join(dbl), encoding="utf-8")
    print(f"{len(chosen)} articles, {total} sentences; double: {n}", file=sys.stderr)


def _locate(sentence: str, cue: str, occurrence: int, where: str) -> tuple[int, int]:
    """Offsets of the occurrence-th ``cue`` (white space normalised) inside ``sentence``."""
    norm, back = [], []
    prev_space = False
    for i, ch in enumerate(sentence):
        if ch.isspace():
            if prev_space:
                continue
            norm.append(" ")
            prev_space = True
        else:
            norm.append(ch)
            prev_space = False
        back.append(i)
    flat = "".join(norm)
    want = " ".join(cue.split())
    pos = -1
    for _ in range(max(1, occurrence)):
        pos = flat.find(want, pos + 1)
        while pos >= 0 and not _word_edges(flat, pos, pos + len(want)):
            pos = flat.find(want, pos + 1)
        if pos < 0:
            raise SystemExit(f"{where}: cue {cue!r} (occurrence {occurrence}) not found in {flat!r}")
    return back[pos], back[pos + len(want) - 1] + 1


def _word_edges(s: str, a: int, b: int) -> bool:
    return (a == 0 or not s[a - 1].isalnum()) and (b == len(s) or not s[b].isalnum())


def to_rows(path: Path, annotator: str) -> list[dict[str, str]]:
    chosen = select()
    where = {uid: (art, a, b) for art, rows in chosen for uid, a, b in rows}
    seen: set[str] = set()
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t"), 1):
            if not row or row[0].startswith("#") or row[0] == "id":
                continue
            uid, cue, occ, cat = [*row, "", "", ""][:4]
            if uid not in where:
                raise SystemExit(f"{path}:{n}: unknown sentence id {uid!r}")
            art, a, b = where[uid]
            seen.add(uid)
            base = {
                "split": split_of(uid),
                "doc": art.name,
                "uid": uid,
                "sent_start": str(a),
                "sent_end": str(b),
                "annotator": annotator,
            }
            if cat.strip() == "none":
                out.append({**base, "cue_start": "", "cue_end": "", "category": "none"})
                continue
            if cat not in CATEGORIES:
                raise SystemExit(f"{path}:{n}: category {cat!r} is not one of {', '.join(CATEGORIES)} or none")
            x, y = _locate(art.text[a:b], cue, int(occ or 1), f"{path}:{n}")
            out.append({**base, "cue_start": str(a + x), "cue_end": str(a + y), "category": cat})
    return out, seen


def write(rows: list[dict[str, str]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows.sort(key=lambda r: (int(r["uid"][1:]), int(r["cue_start"] or -1)))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def import_(indir: Path) -> None:
    chosen = select()
    all_ids = {uid for _, rows in chosen for uid, _, _ in rows}
    rows, seen = [], set()
    for p in sorted(indir.glob("news-*.tsv")):
        r, s = to_rows(p, f"A-{p.stem}")
        rows += r
        seen |= s
    missing = all_ids - seen
    if missing:
        raise SystemExit(f"{len(missing)} sentences have no annotation, e.g. {sorted(missing)[:5]}")
    write(rows, GOLD_DIR / "news.tsv")
    dbl = indir / "double.tsv"
    if dbl.exists():
        r, _ = to_rows(dbl, "B-double")
        write(r, GOLD_DIR / "double.tsv")
    print(Counter((r["split"], r["category"]) for r in rows), file=sys.stderr)


def read(path: Path | None = None) -> list[dict[str, str]]:
    with open(path or GOLD_DIR / "news.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def agreement() -> dict[str, object]:
    """Sentence-level kappa (uncertain or not), cue-level F1 between annotators, category kappa on shared cues."""
    a_rows, b_rows = read(), read(GOLD_DIR / "double.tsv")
    ids = sorted({r["uid"] for r in b_rows}, key=lambda u: int(u[1:]))
    cues_a = {(r["uid"], int(r["cue_start"]), int(r["cue_end"])): r["category"] for r in a_rows if r["cue_start"]}
    cues_b = {(r["uid"], int(r["cue_start"]), int(r["cue_end"])): r["category"] for r in b_rows if r["cue_start"]}
    cues_a = {k: v for k, v in cues_a.items() if k[0] in set(ids)}
    sent_pairs = [(str(any(k[0] == u for k in cues_a)), str(any(k[0] == u for k in cues_b))) for u in ids]

    def overlap(k, pool):
        return next((p for p in pool if p[0] == k[0] and p[1] < k[2] and k[1] < p[2]), None)

    matched = [(cues_a[k], cues_b[m]) for k in cues_a if (m := overlap(k, cues_b))]
    p = sum(overlap(k, cues_a) is not None for k in cues_b) / max(1, len(cues_b))
    r = len(matched) / max(1, len(cues_a))
    return {
        "sentences": len(ids),
        "sentence_kappa": round(kappa(sent_pairs), 3),
        "sentence_agreement": round(sum(a == b for a, b in sent_pairs) / max(1, len(ids)), 3),
        "cues_a": len(cues_a),
        "cues_b": len(cues_b),
        "cue_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "category_kappa_on_matched": round(kappa(matched), 3),
        "category_agreement_on_matched": round(sum(a == b for a, b in matched) / max(1, len(matched)), 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.gold.uncertainty", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("export").add_argument("outdir", type=Path)
    sub.add_parser("import").add_argument("indir", type=Path)
    sub.add_parser("agreement")
    args = ap.parse_args(argv)
    if args.cmd == "export":
        export(args.outdir)
    elif args.cmd == "import":
        import_(args.indir)
    else:
        print(json.dumps(agreement(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
