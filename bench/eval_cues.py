"""Precision and recall of credscore's cue detectors against human annotation.

- Sources and attribution cues against PolNeAR (political news attribution),
  over all its attributions and over statement attributions only (PolNeAR also
  annotates actions and states of mind: "endorsed", "wants", "mocked"):
  every annotated Source span gets a class from its words
  (``tools.labels.classify_source_text``; pronouns resolved to the source
  they refer to), mapped to a cue kind (named/document -> named_source,
  anonymous -> anonymous_source, vague -> vague_source, secondhand ->
  secondhand). A predicted cue is correct when it overlaps a gold span of the
  matching class; a gold span is found when a predicted cue of its kind
  overlaps it. Attribution cues are compared with the annotated Cue spans,
  direct quotes with Content spans that open with a quotation mark.
- Hedges against the Szeged Uncertainty Corpus (Wikipedia), epistemic and
  doxastic cues (the corpus's "condition" and "investigation" cues are not
  hedges of a claim's sourcing): cue level (overlap) and sentence level.

The lexicons were tuned on PolNeAR ``train`` and the Szeged ``train``
documents; report ``--polnear-split dev --szeged-split test``.

    CREDSCORE_DATA=../shared/data python bench/eval_cues.py --polnear-split dev --szeged-split test
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from credscore.cues import CueDetector
from credscore.sentences import split_sentences
from tools import corpora
from tools.labels import _STATEMENT_CUE, polnear_source_classes

CLASS_TO_KIND = {
    "named": "named_source",
    "document": "named_source",
    "anonymous": "anonymous_source",
    "vague": "vague_source",
    "secondhand": "secondhand",
}
SOURCE_KINDS = ("named_source", "anonymous_source", "vague_source", "secondhand")
HEDGE_TYPES = {"epistemic", "doxastic"}
QUOTE_OPENERS = "\"\u201c\u2018'"


def overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < y and x < a[1] for x, y in spans)


def prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict[str, float | int]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "predicted": n_p, "gold": n_r}


def eval_polnear(split: str, det: CueDetector, errors: int = 0, statements_only: bool = False) -> dict[str, dict]:
    arts = corpora.read_polnear(split)
    pred_ok: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    gold_ok: Counter[str] = Counter()
    gold_n: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for art in arts:
        text = art.text
        sents = split_sentences(text)
        cues = [c for cs in det.detect(text, sents) for c in cs if not c.inherited]
        classes = polnear_source_classes(art)
        gold_src: dict[str, list[tuple[int, int]]] = defaultdict(list)
        all_src: list[tuple[int, int]] = []
        gold_cue: list[tuple[int, int]] = []
        gold_quote: list[tuple[int, int]] = []
        for att, cls in zip(art.attributions, classes, strict=True):
            if statements_only and not _STATEMENT_CUE.search(" ".join(text[a:b] for a, b in att.cue)):
                continue
            gold_cue.extend(att.cue)
            for a, b in att.content:
                body = text[a:b].lstrip()
                if body[:1] in QUOTE_OPENERS and len(body.split()) >= 4:
                    gold_quote.append((a, b))
            if not att.source:
                continue
            all_src.extend(att.source)
            kind = CLASS_TO_KIND.get(cls)
            if kind:
                gold_src[kind].extend(att.source)
        pred: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for c in cues:
            if c.rule == "relay":
                continue
            pred[c.kind].append((c.start, c.end))
        for kind in SOURCE_KINDS:
            for sp in pred[kind]:
                pred_n[kind] += 1
                if overlaps(sp, gold_src[kind]):
                    pred_ok[kind] += 1
                elif errors and len(examples["fp " + kind]) < errors:
                    examples["fp " + kind].append(text[max(0, sp[0] - 60) : sp[1] + 40].replace("\n", " "))
            for sp in gold_src[kind]:
                gold_n[kind] += 1
                if overlaps(sp, pred[kind]):
                    gold_ok[kind] += 1
                elif errors and len(examples["fn " + kind]) < errors:
                    examples["fn " + kind].append(text[max(0, sp[0] - 60) : sp[1] + 40].replace("\n", " "))
        any_pred = [sp for k in SOURCE_KINDS for sp in pred[k]]
        pred_n["any_source"] += len(any_pred)
        pred_ok["any_source"] += sum(overlaps(sp, all_src) for sp in any_pred)
        gold_n["any_source"] += len(all_src)
        gold_ok["any_source"] += sum(overlaps(sp, any_pred) for sp in all_src)
        for kind, gold in (("attribution", gold_cue), ("direct_quote", gold_quote)):
            pred_n[kind] += len(pred[kind])
            pred_ok[kind] += sum(overlaps(sp, gold) for sp in pred[kind])
            gold_n[kind] += len(gold)
            gold_ok[kind] += sum(overlaps(sp, pred[kind]) for sp in gold)
    out = {
        k: prf(pred_ok[k], pred_n[k], gold_ok[k], gold_n[k])
        for k in (*SOURCE_KINDS, "any_source", "attribution", "direct_quote")
    }
    if errors:
        out["_examples"] = dict(examples)  # type: ignore[assignment]
    return out


def eval_szeged(split: str, det: CueDetector, errors: int = 0) -> dict[str, dict]:
    docs = [d for d in corpora.read_szeged("wiki") if corpora.szeged_split(d.doc_id) == split]
    cue_pred = cue_pred_ok = cue_gold = cue_gold_ok = 0
    tp = fp = fn = tn = 0
    examples: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        text, spans = doc.joined()
        sents = split_sentences(text)
        per_sent = det.detect(text, sents)
        pred = [(c.start, c.end) for cs in per_sent for c in cs if c.kind == "hedge" or c.rule == "agentless"]
        for s, (a, b) in zip(doc.sentences, spans, strict=True):
            gold = [(a + x, a + y) for x, y, t in s.cues if t in HEDGE_TYPES]
            mine = [sp for sp in pred if a <= sp[0] < b]
            cue_pred += len(mine)
            cue_pred_ok += sum(overlaps(sp, gold) for sp in mine)
            cue_gold += len(gold)
            cue_gold_ok += sum(overlaps(sp, mine) for sp in gold)
            g, p = bool(gold), bool(mine)
            tp += g and p
            fp += p and not g
            fn += g and not p
            tn += not g and not p
            if errors:
                for sp in mine:
                    if not overlaps(sp, gold) and len(examples["fp"]) < errors:
                        examples["fp"].append(f"[{text[sp[0] : sp[1]]}] {s.text[:140]}")
                for sp in gold:
                    if not overlaps(sp, mine) and len(examples["fn"]) < errors:
                        examples["fn"].append(f"[{text[sp[0] : sp[1]]}] {s.text[:140]}")
    out = {
        "hedge_cue": prf(cue_pred_ok, cue_pred, cue_gold_ok, cue_gold),
        "hedge_sentence": prf(tp, tp + fp, tp, tp + fn),
        "documents": {"n": len(docs), "sentences": tp + fp + fn + tn},
    }
    if errors:
        out["_examples"] = dict(examples)
    return out


def markdown(res: dict[str, dict]) -> str:
    rows = ["| cue | precision | recall | F1 | predicted | gold |", "|---|---:|---:|---:|---:|---:|"]
    for k, v in res.items():
        if k.startswith("_") or "precision" not in v:
            continue
        rows.append(
            f"| {k} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['predicted']} | {v['gold']} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--polnear-split", default="dev", help="PolNeAR compartment to score (tuned on: train)")
    ap.add_argument("--szeged-split", default="test", choices=("train", "test"), help="Szeged document split")
    ap.add_argument("--errors", type=int, default=0, help="print this many error examples per category")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)
    det = CueDetector()
    res_p = eval_polnear(args.polnear_split, det, args.errors)
    res_st = eval_polnear(args.polnear_split, det, 0, statements_only=True)
    res_s = eval_szeged(args.szeged_split, det, args.errors)
    print(f"## PolNeAR {args.polnear_split}: sources, attribution cues, direct quotes (all attributions)\n")
    print(markdown(res_p))
    print(f"\n## PolNeAR {args.polnear_split}: statement attributions only (say, tell, report, according to, ...)\n")
    print(markdown(res_st))
    print(f"\n## Szeged Wikipedia, {args.szeged_split} documents ({res_s['documents']['n']}): hedges\n")
    print(markdown(res_s))
    for name, res in (("polnear", res_p), ("szeged", res_s)):
        for cat, exs in res.get("_examples", {}).items():
            print(f"\n### {name} {cat}")
            for e in exs:
                print("  -", e)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        clean = {
            "polnear": {k: v for k, v in res_p.items() if not k.startswith("_")},
            "polnear_statements": res_st,
            "szeged": {k: v for k, v in res_s.items() if not k.startswith("_")},
            "splits": {"polnear": args.polnear_split, "szeged": args.szeged_split},
        }
        args.json.write_text(json.dumps(clean, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
