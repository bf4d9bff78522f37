"""The out-of-domain source gold set: BBC News and MPQA world press, typed under docs/annotation-guide.md, Part 2.

PolNeAR gave the first gold set its source spans; BBC News (British register, five sections) and MPQA
(wire and translated foreign press, 2001-02) give none that fit the guide, so here the annotators mark the
source span themselves, as the exact words of a numbered paragraph, with its cue and the guide's fields.
Only standoff is kept (``datasets/sources/ood-*.tsv``: corpus, article, offsets, fields); the text stays
in ``$CREDSCORE_DATA``.

    python -m tools.gold.ood export OUTDIR      # annotation batches (corpus text: keep them outside the repo)
    python -m tools.gold.ood import OUTDIR      # OUTDIR/{dev,test}-*.tsv -> datasets/sources/ood-{dev,test}.tsv
    python -m tools.gold.ood agreement          # per-field agreement on the doubly annotated articles
    python -m tools.gold.ood check FILE         # validate one annotator file (for the annotators)

Selection is fixed by a seed. Candidate articles are those whose text has between
:data:`MIN_SIGNALS` and :data:`MAX_SIGNALS` attribution signals (a fixed, neutral pattern of reporting
words and quotation marks, :data:`SIGNALS`; credscore's own reading plays no part in the choice). BBC
articles are drawn round-robin over the sections, MPQA documents from the processed folds; both are
taken until each part's estimated source count is covered. The **test** part is drawn first and frozen
before any change is made with the set in existence; the **dev** part is for development and error
analysis.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tools import corpora
from tools.gold import sources
from tools.gold.sources import GOLD_DIR, TYPES, kappa, yes_no

SEED = 20261207
#: Estimated sources to cover per part (estimate = the signal count of the article).
TARGETS = {"test": 420, "dev": 300}
#: A top-up of the dev part, drawn after the two parts from the candidates left (BBC only), annotated as
#: its own batch ``dev-3`` when the first annotation came out just short of 600 sources; drawing it
#: afterwards leaves every earlier article and batch label as it was.
TOP_UP = 60
#: A second development part (``dev2``), drawn after everything above from the candidates left, the same way
#: (MPQA share, BBC round-robin), so no earlier article or label moves. Made in the sixth session of issue 18
#: because the first dev part had stopped telling (dev +2.4 points, blind +0.9 in the fifth session): its
#: baseline was measured before any change was made with it in existence (docs/benchmarks.md §2d).
DEV2 = 300
#: A third development part (``dev3``), drawn after ``dev2`` the same way, in the seventh session of issue 18:
#: the blind test had stopped moving with changes read off ``dev2`` (dev2 +3.3 points end to end, blind 0), so
#: the next changes are read off articles no change has seen yet.
DEV3 = 300
#: Share of each part's target drawn from MPQA (the rest from BBC).
MPQA_SHARE = 0.35
MIN_SIGNALS, MAX_SIGNALS = 5, 30
#: MPQA documents longer than this are skipped (one sitting each).
MAX_CHARS = 7000
BATCHES = {"test": 3, "dev": 2, "dev2": 2, "dev3": 2}
#: The doubly annotated articles: the first articles of these batches, up to this many signals each.
DOUBLE_FROM = {"test-1": 40, "dev-1": 30}
#: The doubly annotated articles of ``dev2`` (their own file, ``ood-double2.tsv``, so the first double stays as
#: it was imported).
DOUBLE2_FROM = {"dev2-1": 30}
#: The doubly annotated articles of ``dev3`` (``ood-double3.tsv``).
DOUBLE3_FROM = {"dev3-1": 45}
#: Every double: its file stem and the batches it is drawn from.
DOUBLES = {"double": DOUBLE_FROM, "double2": DOUBLE2_FROM, "double3": DOUBLE3_FROM}
#: A neutral estimate of how many attributions an article holds: reporting words and opening quotes.
SIGNALS = re.compile(
    r"\b(?:said|says|say|told|tells|according to|added|claimed|claims|reported|reports|warned|argued|insisted|"
    r"announced|stated|believes?|believed|thinks?|thought|estimated|found|showed|shows|wrote|quoted)\b",
    re.I,
)
ANN_FIELDS = (
    "id",
    "para",
    "source",
    "occurrence",
    "cue",
    "kind",
    "type",
    "anonymous",
    "count",
    "refers_to",
    "via",
    "outlet",
    "reason",
    "note",
)
#: The PolNeAR gold set's columns with the corpus, the attribution's kind and its cue.
GOLD_COLUMNS = (
    "split",
    "corpus",
    *sources.GOLD_COLUMNS[1:-1],
    "kind",
    "cue_start",
    "cue_end",
    "annotator",
)
KINDS = ("statement", "belief")
#: The parts, in the order they were drawn after ``test``: ``dev`` (with its top-up), ``dev2``, then ``dev3``.
PARTS = ("test", "dev", "dev2", "dev3")


@dataclass(frozen=True, slots=True)
class Article:
    corpus: str  # "bbc" or "mpqa"
    name: str  # bbc: section/NNN; mpqa: date/id
    text: str

    @property
    def key(self) -> str:
        return f"{self.corpus}:{self.name}"

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of every paragraph (blocks between blank lines), outer white space trimmed."""
        out = []
        for m in re.finditer(r"\S(?:.|\n(?![ \t\r]*\n))*", self.text):
            a, b = m.start(), m.end()
            while b > a and self.text[b - 1].isspace():
                b -= 1
            out.append((a, b))
        return out


def signals(text: str) -> int:
    return len(SIGNALS.findall(text)) + text.count('"') // 2 + text.count("\u201c")


def text_of(corpus: str, name: str) -> str:
    """The corpus text an ``ood-*.tsv`` row points into."""
    if corpus == "bbc":
        return corpora.read_bbc_text(name)
    if corpus == "mpqa":
        return corpora.read_mpqa_raw(name)
    raise ValueError(f"unknown corpus {corpus!r}; expected 'bbc' or 'mpqa'")


def _candidates() -> tuple[dict[str, list[Article]], list[Article]]:
    bbc: dict[str, list[Article]] = {}
    for a in corpora.read_bbc():
        if MIN_SIGNALS <= signals(a.text) <= MAX_SIGNALS:
            bbc.setdefault(a.section, []).append(Article("bbc", a.name, a.text))
    mpqa = [
        Article("mpqa", d.name, d.text)
        for d in corpora.read_mpqa()
        if len(d.text) <= MAX_CHARS and MIN_SIGNALS <= signals(d.text) <= MAX_SIGNALS
    ]
    rng = random.Random(SEED)
    for sec in sorted(bbc):
        rng.shuffle(bbc[sec])
    rng.shuffle(mpqa)
    return bbc, mpqa


def select() -> dict[str, list[Article]]:
    """The articles of each part, in annotation order (test drawn first, then dev, its top-up, dev2 and dev3)."""
    bbc, mpqa = _candidates()
    out: dict[str, list[Article]] = {}
    for part in ("test", "dev"):
        out[part] = _draw_part(bbc, mpqa, TARGETS[part], part)
    top: list[Article] = []
    _draw_bbc(bbc, top, TOP_UP)
    out["top-up"] = top
    out["dev2"] = _draw_part(bbc, mpqa, DEV2, "dev2")
    out["dev3"] = _draw_part(bbc, mpqa, DEV3, "dev3")
    return out


def _draw_part(bbc: dict[str, list[Article]], mpqa: list[Article], target: float, part: str) -> list[Article]:
    """MPQA documents from the front of the shuffled list up to the part's MPQA share of ``target``, then BBC
    articles round-robin for the rest; shuffled with the part's own seed."""
    chosen: list[Article] = []
    n = 0
    while mpqa and n < target * MPQA_SHARE:
        a = mpqa.pop(0)
        chosen.append(a)
        n += signals(a.text)
    _draw_bbc(bbc, chosen, target - n)
    random.Random(f"{SEED}-{part}").shuffle(chosen)
    return chosen


def _draw_bbc(bbc: dict[str, list[Article]], into: list[Article], target: float) -> int:
    """Take BBC articles round-robin over the sections (from the front of each section's shuffled list) until
    ``target`` estimated sources are covered; returns the estimate taken."""
    secs = sorted(bbc)
    n = i = 0
    while n < target and any(bbc.values()):
        sec = secs[i % len(secs)]
        i += 1
        if bbc[sec]:
            a = bbc[sec].pop(0)
            into.append(a)
            n += signals(a.text)
    return n


def batches() -> dict[str, list[Article]]:
    out = {}
    for part, arts in select().items():
        if part == "top-up":
            out["dev-3"] = arts
            continue
        k = BATCHES[part]
        per = sum(signals(a.text) for a in arts) / k
        cur: list[Article] = []
        n, b = 0, 1
        for a in arts:
            cur.append(a)
            n += signals(a.text)
            if n >= per * b and b < k:
                out[f"{part}-{b}"] = cur
                cur, b = [], b + 1
        out[f"{part}-{b}"] = cur
    return out


def doubles(all_batches: dict[str, list[Article]], which: dict[str, int] = DOUBLE_FROM) -> list[tuple[str, Article]]:
    out = []
    for name, limit in which.items():
        n = 0
        for i, a in enumerate(all_batches[name]):
            if n >= limit:
                break
            out.append((f"{name}/{i + 1}", a))
            n += signals(a.text)
    return out


def render(art: Article, label: str) -> str:
    paras = art.paragraphs()
    # Hard-wrapped lines (MPQA) are shown joined; the import matches any white space between words.
    body = "\n\n".join(f"[P{i + 1}] {' '.join(art.text[a:b].split())}" for i, (a, b) in enumerate(paras))
    return f"=== ARTICLE {label} | {art.corpus} | {art.name} ===\n\n{body}\n"


def export(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    all_b = batches()
    for name, arts in all_b.items():
        parts = [render(a, f"{name}/{i + 1}") for i, a in enumerate(arts)]
        (outdir / f"{name}.txt").write_text("\n\n".join(parts), encoding="utf-8")
        print(f"{name}: {len(arts)} articles, ~{sum(signals(a.text) for a in arts)} signals", file=sys.stderr)
    for stem, which in DOUBLES.items():
        dbl = doubles(all_b, which)
        (outdir / f"{stem}.txt").write_text("\n\n".join(render(a, lab) for lab, a in dbl), encoding="utf-8")
        print(f"{stem}: {len(dbl)} articles", file=sys.stderr)


def _read_annotations(path: Path) -> dict[str, list[dict[str, str]]]:
    """Annotator TSV -> {article label: [fields, ...]} in file order."""
    out: dict[str, list[dict[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row or not row[0].strip() or row[0].startswith("#") or row[0] == "article":
                continue
            if len(row) < 9:
                raise SystemExit(f"{path}:{n}: expected article, id, para, source, occurrence, cue, kind, type, ...")
            label, rest = row[0].strip(), row[1:]
            rec = dict(zip(ANN_FIELDS, rest + [""] * (len(ANN_FIELDS) - len(rest)), strict=False))
            rec = {k: v.strip() for k, v in rec.items()}
            rec["_line"] = f"{path.name}:{n}"
            if rec["type"] not in TYPES:
                raise SystemExit(f"{path}:{n}: type {rec['type']!r} is not one of {', '.join(TYPES)}")
            if rec["kind"] not in KINDS:
                raise SystemExit(f"{path}:{n}: kind {rec['kind']!r} is not one of {', '.join(KINDS)}")
            out.setdefault(label, []).append(rec)
    return out


def _hits(text: str, para: tuple[int, int], phrase: str, whole_word: bool) -> list[tuple[int, int]]:
    a, b = para
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    if not pattern:
        return []
    if whole_word:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    return [(a + m.start(), a + m.end()) for m in re.finditer(pattern, text[a:b])]


def _locate(
    text: str, para: tuple[int, int], phrase: str, occurrence: int, where: str, near: str = ""
) -> tuple[int, int]:
    """The ``occurrence``-th place of ``phrase`` in the paragraph.

    Annotators counted occurrences in one of two ways (whole words, as a reader would, or every substring,
    as the checker's message suggested: "he" inside "the"). Where the two readings point at different
    places, the one with the cue (``near``) closest after or before it wins; the whole-word reading
    otherwise.
    """
    sub = _hits(text, para, phrase, False)
    if not sub:
        raise SystemExit(f"{where}: {phrase!r} not found in its paragraph {text[para[0] : para[0] + 60]!r}...")
    word = _hits(text, para, phrase, True)
    cands = [h[occurrence - 1] for h in (word, sub) if occurrence <= len(h)]
    if not cands:
        raise SystemExit(f"{where}: {phrase!r} occurs {len(sub)} times in its paragraph, not {occurrence}")
    if len(cands) == 2 and cands[0] != cands[1] and near:
        cues = _hits(text, para, near, True) or _hits(text, para, near, False)
        if cues:

            def dist(h: tuple[int, int]) -> int:
                return min(max(c[0] - h[1], h[0] - c[1], 0) for c in cues)

            return min(cands, key=dist)
    return cands[0]


def to_rows(ann: dict[str, list[dict[str, str]]], annotator: str) -> list[dict[str, str]]:
    """Annotations -> standoff rows (offsets into the corpus text; no text)."""
    by_label = {f"{n}/{i + 1}": a for n, arts in batches().items() for i, a in enumerate(arts)}
    rows = []
    for label, recs in ann.items():
        art = by_label.get(label)
        if art is None:
            raise SystemExit(f"unknown article label {label!r}")
        paras = art.paragraphs()
        ids = {r["id"] for r in recs}
        for r in recs:
            where = f"{r['_line']} {label} {r['id']}"
            try:
                p = int(r["para"].lstrip("Pp")) - 1
                para = paras[p]
            except (ValueError, IndexError):
                raise SystemExit(f"{where}: paragraph {r['para']!r} does not exist") from None
            occ = int(r["occurrence"] or 1)
            s, e = _locate(art.text, para, r["source"], occ, where, near=r["cue"])
            cs = ce = ""
            if r["cue"]:
                try:
                    c0, c1 = _locate(art.text, para, r["cue"], 1, where)
                    cs, ce = str(c0), str(c1)
                except SystemExit:
                    # A cue may sit in the next paragraph or be split ("said ... in a statement"): keep
                    # the source, leave the cue offsets empty.
                    pass
            reason = ("", "")
            if r["reason"]:
                ra, rb = _locate(art.text, para, r["reason"], 1, where)
                reason = (str(ra), str(rb))
            for ref in ("refers_to", "via"):
                if r[ref] and r[ref] not in ids:
                    raise SystemExit(f"{where}: {ref} {r[ref]!r} is not an id of this article")
            rows.append(
                {
                    "split": label.split("-", 1)[0],
                    "corpus": art.corpus,
                    "doc": art.name,
                    "sid": r["id"],
                    "start": str(s),
                    "end": str(e),
                    "type": r["type"],
                    "anonymous": yes_no(r["anonymous"], where),
                    "count": r["count"],
                    "refers_to": r["refers_to"],
                    "via": r["via"],
                    "outlet": yes_no(r["outlet"] or "0", where),
                    "reason_start": reason[0],
                    "reason_end": reason[1],
                    "kind": r["kind"],
                    "cue_start": cs,
                    "cue_end": ce,
                    "annotator": annotator,
                }
            )
    return rows


def write_gold(rows: list[dict[str, str]], path: Path) -> None:
    sources.write_gold(
        rows, path, GOLD_COLUMNS, key=lambda r: (r["split"], r["corpus"], r["doc"], int(r["start"]), int(r["end"]))
    )


def import_(indir: Path) -> None:
    """``indir/{test,dev,dev2,dev3}-N.tsv`` (one annotator each) and ``indir/double*.tsv`` (a second annotator)."""
    for part in PARTS:
        rows: list[dict[str, str]] = []
        for p in sorted(indir.glob(f"{part}-*.tsv")):
            rows.extend(to_rows(_read_annotations(p), annotator=f"A-{p.stem}"))
        if rows:
            write_gold(rows, GOLD_DIR / f"ood-{part}.tsv")
            print(part, len(rows), sorted(Counter(r["type"] for r in rows).items()), file=sys.stderr)
    for stem in DOUBLES:
        dbl = indir / f"{stem}.tsv"
        if dbl.exists():
            write_gold(to_rows(_read_annotations(dbl), annotator=f"B-{stem}"), GOLD_DIR / f"ood-{stem}.tsv")


def read_gold(part: str) -> list[dict[str, str]]:
    """The rows of ``datasets/sources/ood-<part>.tsv`` (``test``, ``dev`` or ``double``)."""
    return sources.read_gold(GOLD_DIR / f"ood-{part}.tsv")


def agreement(stems: tuple[str, ...] = tuple(DOUBLES)) -> dict[str, object]:
    """Span agreement (exact, overlapping) and per-field agreement on sources both annotators marked.

    The second annotator's sources are matched to the first's in the same article by the largest
    character overlap.
    """
    first: dict[str, list[dict[str, str]]] = {}
    for part in PARTS:
        if (GOLD_DIR / f"ood-{part}.tsv").exists():
            for r in read_gold(part):
                first.setdefault(f"{r['corpus']}:{r['doc']}", []).append(r)
    second: dict[str, list[dict[str, str]]] = {}
    for stem in stems:
        if (GOLD_DIR / f"ood-{stem}.tsv").exists():
            for r in read_gold(stem):
                second.setdefault(f"{r['corpus']}:{r['doc']}", []).append(r)
    pairs: list[tuple[dict[str, str], dict[str, str]]] = []
    n_first = n_second = exact = 0
    for key, rs in second.items():
        fs = first.get(key, [])
        n_first += len(fs)
        n_second += len(rs)
        for r in rs:
            a, b = int(r["start"]), int(r["end"])
            best, ov = None, 0
            for f in fs:
                o = min(b, int(f["end"])) - max(a, int(f["start"]))
                if o > ov:
                    best, ov = f, o
            if best is not None:
                pairs.append((best, r))
                exact += (best["start"], best["end"]) == (r["start"], r["end"])
    out: dict[str, object] = {
        "articles": len(second),
        "sources_first": n_first,
        "sources_second": n_second,
        "matched": len(pairs),
        "span_exact": exact,
        "span_f1_overlap": round(2 * len(pairs) / (n_first + n_second), 3) if n_first + n_second else 0.0,
    }
    for f in ("type", "anonymous", "count", "outlet", "kind"):
        ps = [(x[f], y[f]) for x, y in pairs]
        out[f] = {
            "n": len(ps),
            "agreement": round(sum(p == q for p, q in ps) / max(1, len(ps)), 3),
            "kappa": round(kappa(ps), 3),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.gold.ood", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("export").add_argument("outdir", type=Path)
    sub.add_parser("import").add_argument("indir", type=Path)
    sub.add_parser("agreement").add_argument(
        "--double",
        choices=tuple(DOUBLES),
        help="only one double: the first (test-1, dev-1), the second (dev2-1) or the third (dev3-1); default all",
    )
    sub.add_parser("check", help="validate one annotator file (every phrase found, ids consistent)").add_argument(
        "file", type=Path
    )
    args = ap.parse_args(argv)
    if args.cmd == "export":
        export(args.outdir)
    elif args.cmd == "import":
        import_(args.indir)
    elif args.cmd == "check":
        rows = to_rows(_read_annotations(args.file), annotator="check")
        print(f"OK: {len(rows)} rows, {len({r['doc'] for r in rows})} articles", file=sys.stderr)
    else:
        print(json.dumps(agreement((args.double,) if args.double else tuple(DOUBLES)), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
