"""The blind test parts, held to floors in CI: the out-of-domain source gold (BBC News + MPQA) and PolNeAR's.

Both parts were frozen before the work they measure, and nothing is tuned on them: development reads the dev
parts only (``bench/eval_sources.py --ood dev``, ``--split dev``). Each change set is measured on them once,
by hand, and the result goes into docs/benchmarks.md §2d. CI holds the figures to floors a little under the
last measured ones, so a change that loses ground on news credscore was not built on fails here, whoever makes
it. A failure prints the rate, not the misses (read the misses on dev).

The floors sit two to three points under the figures measured on the blind parts at the stop of 2026-12-07
(third session, raised at the fourth, the fifth and the sixth; benchmarks §2d): noise of a few sources is not a
regression, a lost mechanism is. The sixth session's harness fix (a quotation's "I" typed by its speaker) moved
the given-spans figures by itself: 0.833 -> 0.858 on the OOD test at 33ba7a3.
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: (part, setting, measure) -> floor. Rates are shares in [0, 1]; "named flagged anonymous" is a ceiling.
FLOORS = {
    ("ood-test", "given_gold_spans", "type_accuracy_of_all"): 0.85,
    ("ood-test", "given_gold_spans", "anonymous_recall"): 0.88,
    ("ood-test", "end_to_end", "type_accuracy_of_found"): 0.85,
    ("ood-test", "end_to_end", "found_share"): 0.75,
    ("polnear-test", "given_gold_spans", "type_accuracy_of_all"): 0.86,
    ("polnear-test", "end_to_end", "type_accuracy_of_found"): 0.93,
    # seventh session of issue 18: 0.872 measured (named parentheticals, appositives, subjects of participles)
    ("polnear-test", "given_gold_spans", "anonymous_recall"): 0.86,
}
CEILINGS = {
    ("ood-test", "end_to_end", "named_flagged_anonymous"): 0.04,
    ("ood-test", "given_gold_spans", "named_flagged_anonymous"): 0.04,
    ("polnear-test", "given_gold_spans", "named_flagged_anonymous"): 0.045,
}


def _eval_sources():
    path = ROOT / "bench" / "eval_sources.py"
    spec = importlib.util.spec_from_file_location("credscore_bench_eval_sources", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    argv, sys.argv = sys.argv, [str(path)]  # the module reads --against at import: none here
    try:
        spec.loader.exec_module(module)
    finally:
        sys.argv = argv
    return module


@pytest.fixture(scope="module")
def measured(corpora_dir: Path) -> dict[str, dict]:
    ev = _eval_sources()
    pred = ev.Predictor()
    out = {"ood-test": ev.eval_types_ood("test", pred)}
    out["polnear-test"] = ev.eval_types("test", ROOT / "datasets" / "sources" / "test.tsv", pred)
    for part in out.values():
        e2e = part["end_to_end"]
        e2e["found_share"] = e2e["found"] / e2e["n"]
    return out


@pytest.mark.parametrize(("key", "floor"), sorted(FLOORS.items()))
def test_blind_rate_is_at_least_its_floor(measured, key, floor):
    part, setting, measure = key
    rate = measured[part][setting][measure]
    assert rate >= floor, f"{part} {setting} {measure}: {rate:.3f} < floor {floor}"


@pytest.mark.parametrize(("key", "ceiling"), sorted(CEILINGS.items()))
def test_blind_error_rate_is_at_most_its_ceiling(measured, key, ceiling):
    part, setting, measure = key
    rate = measured[part][setting][measure]
    assert rate <= ceiling, f"{part} {setting} {measure}: {rate:.3f} > ceiling {ceiling}"


def test_the_out_of_domain_parts_are_standoff_and_point_at_their_corpus(corpora_dir: Path) -> None:
    from tools.gold import ood

    for part, size in (("dev", 300), ("test", 300), ("dev2", 250), ("dev3", 250)):
        rows = ood.read_gold(part)
        assert len(rows) >= size
        texts: dict[tuple[str, str], str] = {}
        for r in rows:
            key = (r["corpus"], r["doc"])
            if key not in texts:
                texts[key] = ood.text_of(*key)
            text = texts[key]
            for a, b in zip(r["start"].split(";"), r["end"].split(";"), strict=True):
                assert 0 <= int(a) < int(b) <= len(text), (part, r["doc"], a, b)
                assert text[int(a) : int(b)].strip(), (part, r["doc"], a, b)


def test_drawing_a_new_part_moves_no_article_of_an_earlier_one(corpora_dir: Path) -> None:
    # Each part is drawn after the ones before it from the candidates left: every annotated article of an
    # earlier part is drawn again into that same part (the dev part's top-up is batch dev-3).
    from tools.gold import ood

    drawn = ood.select()
    drawn["dev"] = drawn["dev"] + drawn.pop("top-up")
    keys = {part: {a.key for a in arts} for part, arts in drawn.items()}
    for part in ood.PARTS:
        if not (ood.GOLD_DIR / f"ood-{part}.tsv").exists():
            continue  # drawn, not yet annotated
        gold = {f"{r['corpus']}:{r['doc']}" for r in ood.read_gold(part)}
        assert gold <= keys[part], (part, sorted(gold - keys[part])[:5])
    for a, b in itertools.combinations(keys, 2):
        assert not keys[a] & keys[b], (a, b)
