"""Sources found, typed and resolved: credscore against PolNeAR's source spans and the source gold set.

1. **Spans** (PolNeAR, all annotated attributions of a split, and statement attributions only): every
   own source credscore finds against PolNeAR's human Source spans. *Exact* = same span after
   trimming white space and outer punctuation on both sides (PolNeAR spans sometimes keep a trailing
   comma); *overlap* = any shared character.
2. **Types** (the source gold set, ``datasets/sources/gold.tsv``, one split): (a) *given the gold
   span*: credscore types each gold source phrase, pronouns resolved against the gold sources before
   them — the typer and resolver alone; (b) *end to end*: the source credscore found that overlaps
   the gold span most — coverage and accuracy; (c) the same for the gold sources of *statement*
   attributions only (PolNeAR cue a verb of saying, reporting, writing, believing). Per-type
   precision/recall, the confusion matrix, anonymous-source recall and the share of named sources
   flagged anonymous.

The same script measures credscore 0.1 (cue kinds, no sources) when run in an older checkout: its
cues are then mapped to types (the mapping is :data:`LEGACY_TYPE`).

    CREDSCORE_DATA=../shared/data python bench/eval_sources.py --split dev
    CREDSCORE_DATA=../shared/data python bench/eval_sources.py --split test   # the test part: never tuned on
    CREDSCORE_DATA=../shared/data python bench/eval_sources.py --ood test     # BBC + MPQA test part: never tuned on
    CREDSCORE_DATA=../shared/data python bench/eval_sources.py --ood test --against DIR  # DIR: a baseline credscore/
    CREDSCORE_DATA=../shared/data python bench/eval_sources.py --split dev --disable span_ranker  # the rules' spans
    CREDSCORE_DATA=../shared/data python bench/eval_sources.py --split dev --disable RULE  # a rule switched off

``--split test`` reads ``datasets/sources/test.tsv``: PolNeAR dev articles outside the gold dev part,
annotated after the dev part had been used to diagnose errors. Its span comparison covers those articles.
"""

from __future__ import annotations

import argparse
import json
import sys
from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _revision import measure_baseline_if_asked  # noqa: E402  (bench/_revision.py)

measure_baseline_if_asked()

from credscore.cues import CueDetector  # noqa: E402
from credscore.sentences import split_sentences  # noqa: E402
from tools import corpora  # noqa: E402
from tools.gold import ood  # noqa: E402
from tools.gold.sources import read_gold as gold_rows  # noqa: E402
from tools.labels import _STATEMENT_CUE  # noqa: E402

TYPES = ("named_person", "named_organization", "document", "unnamed_person", "unnamed_group", "vague")
#: credscore 0.1 had cue rules, not source types: the type each rule most often meant.
LEGACY_TYPE = {
    "named_entity": "named_person",
    "definite_role": "named_person",
    "organization": "named_organization",
    "named_document": "document",
    "public_record": "document",
    "unnamed_document": "document",
    "unnamed_person": "unnamed_person",
    "vague_group": "vague",
    "agentless": "vague",
    "generic_group": "vague",
    "media_outlet": "named_organization",
    "news_report": "document",
}


def prf(tp: int, n_pred: int, n_gold: int, tp_gold: int | None = None) -> dict[str, float]:
    tp_gold = tp if tp_gold is None else tp_gold
    p = tp / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "predicted": n_pred,
        "gold": n_gold,
    }


class Predictor:
    """Own sources of every sentence, as (start, end, type, anonymous), from this checkout's credscore."""

    def __init__(self, disable: list[str] | None = None) -> None:
        self.det = CueDetector(disabled_rules=disable or ())
        self.new = hasattr(self.det, "analyze")

    def sources(self, text: str) -> list[tuple[int, int, str, bool]]:
        sents = split_sentences(text)
        out = []
        if self.new:
            _, srcs = self.det.analyze(text, sents)
            for row in srcs:
                out.extend((x.start, x.end, x.type, x.anonymous) for x in row if not x.inherited)
            return out
        for row in self.det.detect(text, sents):
            for c in row:
                if c.inherited or c.rule in ("relay", "anonymity_marker", "anonymity_reason"):
                    continue
                if c.kind not in ("named_source", "anonymous_source", "vague_source", "secondhand"):
                    continue
                if c.rule == "pronoun_source" or c.rule == "unnamed_role":
                    t = {
                        "named_source": "named_person",
                        "vague_source": "vague",
                        "secondhand": "named_organization",
                    }.get(c.kind, "unnamed_group" if c.count > 1 else "unnamed_person")
                else:
                    t = LEGACY_TYPE.get(c.rule, "named_person")
                out.append((c.start, c.end, t, c.kind in ("anonymous_source", "vague_source")))
        return out


#: The PolNeAR folder of each gold split.
POLNEAR_FOLDER = {"train": "train", "dev": "dev", "test": "dev"}


def _articles(split: str, only: set[str] | None = None) -> list:
    return [a for a in corpora.read_polnear(POLNEAR_FOLDER[split]) if only is None or a.name in only]


def eval_spans(split: str, pred: Predictor, only: set[str] | None = None) -> dict[str, dict]:
    res: dict[str, Counter] = defaultdict(Counter)
    for art in _articles(split, only):
        t = art.text
        mine = {corpora.trim_span(t, a, b) for a, b, _, _ in pred.sources(t)}
        for scope in ("all", "statements"):
            gold = set()
            for att in art.attributions:
                if not att.source:
                    continue
                if scope == "statements" and not _STATEMENT_CUE.search(" ".join(t[a:b] for a, b in att.cue)):
                    continue
                gold.add(corpora.trim_span(t, min(a for a, _ in att.source), max(b for _, b in att.source)))
            c = res[scope]
            c["pred"] += len(mine)
            c["gold"] += len(gold)
            c["exact"] += len(mine & gold)
            c["ov_pred"] += sum(any(p[0] < g[1] and g[0] < p[1] for g in gold) for p in mine)
            c["ov_gold"] += sum(any(p[0] < g[1] and g[0] < p[1] for p in mine) for g in gold)
    out = {}
    for scope, c in res.items():
        out[f"{scope}: exact"] = prf(c["exact"], c["pred"], c["gold"])
        out[f"{scope}: overlap"] = prf(c["ov_pred"], c["pred"], c["gold"], c["ov_gold"])
    out["statements: exact"]["note"] = (
        "precision counts every predicted source (statement or not) and is not meaningful"
    )
    return out


def read_gold(path: Path, split: str) -> list[dict[str, str]]:
    return [r for r in gold_rows(path) if r["split"] == split]


def eval_types(split: str, gold_path: Path, pred: Predictor) -> dict[str, object]:
    rows = read_gold(gold_path, split)
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append(r)
    arts = {a.name: a for a in _articles(split, set(by_doc))}
    given: list[tuple[dict[str, str], tuple[str, bool, str]]] = []
    e2e: list[tuple[dict[str, str], tuple[str, bool] | None]] = []
    statement: list[bool] = []  # is the gold source's PolNeAR cue a verb of saying, reporting, believing?
    for name, rs in by_doc.items():
        art = arts[name]
        t = art.text
        rs.sort(key=lambda r: int(r["start"].split(";")[0]))
        if pred.new:
            given.extend(zip(rs, _typed_given_spans(pred.det, t, rs), strict=True))
        found = pred.sources(t)
        cue_of = {
            (att.source[0][0], att.source[-1][1]): " ".join(t[p:q] for p, q in att.cue)
            for att in art.attributions
            if att.source
        }
        for r in rs:
            a, b = int(r["start"].split(";")[0]), int(r["end"].split(";")[-1])
            statement.append(bool(_STATEMENT_CUE.search(cue_of.get((a, b), ""))))
            best = _best_overlap(found, a, b)
            e2e.append((r, None if best is None else (best[2], best[3])))
    out: dict[str, object] = {"split": split, "gold_sources": len(rows)}
    if given:
        out["given_gold_spans"] = _type_metrics([(r, (p[0], p[1])) for r, p in given], [p[2] for _, p in given])
    out["end_to_end"] = _type_metrics(e2e)
    # PolNeAR also marks the agents of actions and feelings ("Republicans were incensed", "opponents try
    # to convince"), which are not sourcing and which credscore does not look for.
    out["end_to_end_statements"] = _type_metrics([p for p, st in zip(e2e, statement, strict=True) if st])
    return out


def eval_types_ood(part: str, pred: Predictor) -> dict[str, object]:
    """Types on the out-of-domain gold set (``datasets/sources/ood-<part>.tsv``: BBC News and MPQA), the same
    three settings as :func:`eval_types`; statements are the rows the annotators marked ``statement``."""
    rows = ood.read_gold(part)
    by_doc: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_doc[(r["corpus"], r["doc"])].append(r)
    given: list[tuple[dict[str, str], tuple[str, bool, str]]] = []
    e2e: list[tuple[dict[str, str], tuple[str, bool] | None]] = []
    for (corpus, name), rs in sorted(by_doc.items()):
        t = ood.text_of(corpus, name)
        rs.sort(key=lambda r: int(r["start"]))
        if pred.new:
            given.extend(zip(rs, _typed_given_spans(pred.det, t, rs), strict=True))
        found = pred.sources(t)
        for r in rs:
            a, b = int(r["start"]), int(r["end"])
            best = _best_overlap(found, a, b)
            e2e.append((r, None if best is None else (best[2], best[3])))
    out: dict[str, object] = {"split": f"ood-{part}", "gold_sources": len(rows), "articles": len(by_doc)}
    if given:
        out["given_gold_spans"] = _type_metrics([(r, (p[0], p[1])) for r, p in given], [p[2] for _, p in given])
    out["end_to_end"] = _type_metrics(e2e)
    out["end_to_end_statements"] = _type_metrics([p for p in e2e if p[0]["kind"] == "statement"])
    return out


def _best_overlap(found: list[tuple[int, int, str, bool]], a: int, b: int) -> tuple[int, int, str, bool] | None:
    """The found source that shares the most characters with the gold span ``a``-``b`` (None: none shares any)."""
    best, best_ov = None, 0
    for x in found:
        ov = min(b, x[1]) - max(a, x[0])
        if ov > best_ov:
            best, best_ov = x, ov
    return best


#: First-person pronouns: inside a quotation, its speaker (see :func:`_typed_given_spans`).
_FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us"})


def _typed_given_spans(det: CueDetector, text: str, rows: list[dict[str, str]]) -> list[tuple[str, bool, str]]:
    from credscore.cues.document import Document, find_publisher
    from credscore.cues.quotes import find_quotations
    from credscore.cues.resolution import build_source

    sents = split_sentences(text)
    doc = Document(det, text, sents)
    find_quotations(doc)
    find_publisher(doc)
    out = []
    read: dict[tuple[int, int], tuple[str, bool, str]] | None = None
    for r in rows:
        a, b = int(r["start"].split(";")[0]), int(r["end"].split(";")[-1])
        idx = max(0, bisect_right(doc.sentence_starts, a) - 1)
        src = build_source(doc, idx, a, b, None)
        if src is None and text[a:b].lower() in _FIRST_PERSON:
            # The speaker's "I" / "we" inside a quotation: typed by the quotation's speaker, whom only the whole
            # reading finds (credscore.cues.first_person); take credscore's own source at this very span.
            if read is None:
                read = {(x.start, x.end): (x.type, x.anonymous, x.rule) for ss in det.analyze(text)[1] for x in ss}
            if (a, b) in read:
                out.append(read[(a, b)])
                continue
        if src is None:
            out.append(("none", False, ""))
            continue
        doc.history.append((idx, src))
        out.append((src.type, src.anonymous, src.rule))
    return out


def _type_metrics(pairs: list[tuple[dict[str, str], tuple[str, bool] | None]], rules: list[str] | None = None) -> dict:
    n = len(pairs)
    matched = [(r, p) for r, p in pairs if p is not None]
    correct = sum(r["type"] == p[0] for r, p in matched)
    conf: dict[str, Counter] = {t: Counter() for t in TYPES}
    for r, p in pairs:
        conf[r["type"]][p[0] if p else "not found"] += 1
    per_type = {}
    for t in TYPES:
        tp = sum(1 for r, p in matched if r["type"] == t and p[0] == t)
        n_pred = sum(1 for _, p in matched if p[0] == t)
        n_gold = sum(1 for r, _ in pairs if r["type"] == t)
        per_type[t] = prf(tp, n_pred, n_gold)
    anon_gold = [(r, p) for r, p in pairs if r["anonymous"] == "1"]
    named_gold = [(r, p) for r, p in pairs if r["type"] in ("named_person", "named_organization")]
    pron = [(r, p) for r, p in pairs if r["refers_to"]]
    out = {
        "n": n,
        "found": len(matched),
        "type_accuracy_of_found": round(correct / len(matched), 3) if matched else 0.0,
        "type_accuracy_of_all": round(correct / n, 3) if n else 0.0,
        "anonymous_recall": round(sum(p is not None and p[1] for _, p in anon_gold) / max(1, len(anon_gold)), 3),
        "anonymous_gold": len(anon_gold),
        "named_flagged_anonymous": round(
            sum(p is not None and p[1] for _, p in named_gold) / max(1, len(named_gold)), 3
        ),
        "named_gold": len(named_gold),
        "anonymous_accuracy_of_found": round(
            sum((r["anonymous"] == "1") == p[1] for r, p in matched) / max(1, len(matched)), 3
        ),
        "back_references": len(pron),
        "back_reference_type_accuracy": round(
            sum(p is not None and p[0] == r["type"] for r, p in pron) / max(1, len(pron)), 3
        ),
        "per_type": per_type,
        "confusion": {t: dict(conf[t]) for t in TYPES},
    }
    return out


def markdown(spans: dict, types: dict) -> str:
    lines = ["| spans | precision | recall | F1 | predicted | gold |", "|---|---:|---:|---:|---:|---:|"]
    for k, v in spans.items():
        lines.append(
            f"| {k} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['predicted']} | {v['gold']} |"
        )
    for setting in ("given_gold_spans", "end_to_end", "end_to_end_statements"):
        m = types.get(setting)
        if not m:
            continue
        lines += [
            "",
            f"**Types, {setting.replace('_', ' ')}** ({types['split']}, n={m['n']}, found {m['found']}): "
            f"accuracy {m['type_accuracy_of_found']:.3f} of found, {m['type_accuracy_of_all']:.3f} of all; "
            f"anonymous recall {m['anonymous_recall']:.3f} (n={m['anonymous_gold']}); named flagged anonymous "
            f"{m['named_flagged_anonymous']:.3f} (n={m['named_gold']}); back-references typed right "
            f"{m['back_reference_type_accuracy']:.3f} (n={m['back_references']})",
            "",
            "| type | precision | recall | F1 | gold |",
            "|---|---:|---:|---:|---:|",
        ]
        for t, v in m["per_type"].items():
            lines.append(f"| {t} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['gold']} |")
        cols = [*TYPES, "not found"]
        lines += ["", "| gold \\ predicted | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
        for t in TYPES:
            lines.append(f"| {t} | " + " | ".join(str(m["confusion"][t].get(c, 0)) for c in cols) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--split",
        default="test",
        choices=("train", "dev", "test"),
        help="gold split (default test: never trained or tuned on; train and dev train the typer)",
    )
    ap.add_argument("--gold", type=Path, help="default: datasets/sources/gold.tsv (test.tsv for --split test)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--no-spans", action="store_true", help="skip the PolNeAR span comparison")
    ap.add_argument(
        "--ood",
        choices=("test", "dev", "dev2", "dev3"),
        help="measure on the out-of-domain gold set (BBC News + MPQA, datasets/sources/ood-*.tsv) instead",
    )
    ap.add_argument("--against", type=Path, help="a folder holding a baseline `credscore` package to measure")
    ap.add_argument("--disable", action="append", default=[], metavar="RULE", help="switch a rule off (repeatable)")
    args = ap.parse_args(argv)
    if args.ood:
        types = eval_types_ood(args.ood, Predictor(args.disable))
        print(markdown({}, types))
        if args.json:
            args.json.write_text(json.dumps({"types": types}, indent=2) + "\n")
        return 0
    gold = args.gold or ROOT / "datasets" / "sources" / ("test.tsv" if args.split == "test" else "gold.tsv")
    pred = Predictor(args.disable)
    only = {r["doc"] for r in read_gold(gold, "test")} if args.split == "test" else None
    spans = {} if args.no_spans else eval_spans(args.split, pred, only)
    types = eval_types(args.split, gold, pred)
    print(markdown(spans, types))
    if args.json:
        args.json.write_text(json.dumps({"spans": spans, "types": types}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
