"""The behavioural suite (tests/behaviour/suite.py): its generator, exactly, and credscore's rates on it.

The rates are held to floors, not to exact values: the suite measures how often credscore reads a
source the way the annotation guide does, and a change to credscore may trade one case for another.
A rate below its floor is a regression; ``python bench/behaviour.py --show-failures 20`` shows which
cases broke.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from behaviour import suite

#: The lowest rate each test type may have on the whole suite (``run()["rates"]["all"]``).
#: Floors are the rates measured at the commit they were set, rounded down to 2 decimals, and are
#: only ever raised. Before issue 18's changes (20df88d; suite digest 5920e3efccd9): mft_type 0.8145,
#: mft 0.8133, inv 0.6851, dir 0.8336. Set with those changes (text repair, typing by evidence, the
#: doubt bands): 0.8265, 0.8253, 0.9628, 0.9905. Raised with the entity registry and attribution recall
#: (67519c9, then 28cc064 and a person of a plural group): 0.8807, 0.8807, 0.9711, 0.9917 (docs/benchmarks.md §2d).
#: Raised at the fourth session's stop of 2026-12-07 (typing by the name's words, documents): 0.924, 0.924,
#: 0.996, 1.0 measured; floors set under them. Fifth session (guillemets bound a source phrase): INV 1.0 measured.
#: Sixth session (re-mined organisation names, spokespeople in focus): MFT 0.945 measured (all), floor 0.935.
#: Seventh session ("the" before a name, "In a statement, X said"): MFT 0.951 measured (all), floor 0.95.
FLOORS = {
    "mft_type": 0.95,  # MFT, the source's type alone
    "mft": 0.95,  # MFT, type and anonymity
    "inv": 0.995,  # INV, share of families whose every variant reads as the base
    "dir": 0.995,  # DIR, share of ordered pairs (named > described > vague) holding strictly
}

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def generated() -> suite.Suite:
    return suite.generate()


@pytest.fixture(scope="module")
def result(generated: suite.Suite) -> dict:
    return suite.run(suite=generated)


def _all_cases(s: suite.Suite):
    yield from s.mft
    for f in s.inv:
        for _, v in f.variants:
            yield v


# --- the generator ---------------------------------------------------------------------------------


def test_case_counts(generated):
    assert len(generated.mft) >= 2000
    assert len(generated.inv) >= 1000
    assert len(generated.dir) >= 1000
    frames = Counter(c.frame for c in generated.mft)
    assert set(frames) == set(suite.FRAME_NAMES)
    assert set(Counter(c.kind for c in generated.mft)) == set(suite.EXPECTED)
    groups = Counter(suite.variant_group(what) for f in generated.inv for what, _ in f.variants)
    assert set(groups) == {"quotes", "mojibake", "adverb", "name"}


def test_ids_are_unique(generated):
    ids = [c.id for c in _all_cases(generated)]
    assert len(ids) == len(set(ids))


def test_generation_is_deterministic(generated):
    again = suite.generate()
    assert again == generated
    assert suite.digest(again) == suite.digest(generated)


def test_generation_is_the_same_in_another_process(generated):
    """No dependence on PYTHONHASHSEED or set order: the split is stable across runs."""
    code = "from behaviour import suite; print(suite.digest(suite.generate()))"
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(TESTS)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == suite.digest(generated)


def test_every_target_span_is_inside_its_text(generated):
    for c in _all_cases(generated):
        assert 0 <= c.start < c.end <= len(c.text), c.id
        assert c.text[c.start : c.end] == c.target, c.id
        assert c.target.strip(" ") == c.target, c.id  # (mojibake may end a name in U+00A0: "à" -> "Ã\xa0")
        for offset in c.carry:
            assert c.end < offset < len(c.text) or offset < c.start, c.id


def test_targets_are_the_fillers(generated):
    """The target is the filler as written (capitalised at a sentence start), or the pronoun."""
    for c in generated.mft:
        if c.kind == "pronoun":
            assert c.target.lower() == c.fill.person.pronoun
        else:
            assert c.target[:1].lower() + c.target[1:] == c.fill.source_text[:1].lower() + c.fill.source_text[1:]


def test_mojibake_round_trips(generated):
    n = 0
    for f in generated.inv:
        for what, v in f.variants:
            if what.startswith("mojibake("):
                n += 1
                assert v.text.encode("cp1252").decode("utf-8") != v.text
                assert "\ufffd" not in v.text
    assert n >= 500


def test_split_halves(generated):
    parts = Counter(c.part for c in generated.mft)
    assert 0.4 < parts["dev"] / len(generated.mft) < 0.6
    for c in _all_cases(generated):
        assert c.part == suite.part_of(c.family)
    for f in generated.inv:
        assert {v.part for _, v in f.variants} == {f.base.part} == {f.part}
    for p in generated.dir:
        assert p.higher.family == p.lower.family == p.family
        assert p.higher.fill.content == p.lower.fill.content and p.higher.template == p.lower.template
        assert suite.LEVEL_RANK[p.higher.level] > suite.LEVEL_RANK[p.lower.level]


def test_variants_change_only_the_surface(generated):
    for f in generated.inv:
        for what, v in f.variants:
            assert (v.frame, v.kind, v.expected_type, v.expected_anonymous) == (
                f.base.frame, f.base.kind, f.base.expected_type, f.base.expected_anonymous
            )  # fmt: skip
            if what.startswith("adverb:"):
                assert v.text.replace(f" {what.split(':')[1]}", "", 1) == f.base.text


def test_a_scorer_that_finds_nothing_fails_every_mft_case(generated):
    out = suite.run(lambda text: [], suite=generated)
    assert out["rates"]["all"]["mft"] == 0.0
    assert len(out["failures"]["mft"]) == len(generated.mft)
    assert {f["why"] for f in out["failures"]["mft"]} == {"no source"}


# --- credscore's rates -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("test_type", sorted(FLOORS))
def test_rate_is_at_least_its_floor(result, test_type):
    rate = result["rates"]["all"][test_type]
    patterns = suite.failure_patterns(result)[test_type.removesuffix("_type")].most_common(3)
    assert rate >= FLOORS[test_type], f"{test_type} {rate:.4f} < floor {FLOORS[test_type]}; most common: {patterns}"


@pytest.mark.slow
def test_rates_are_reported_on_both_halves(result):
    for part in suite.PARTS:
        assert set(result["rates"][part]) == set(suite.TEST_TYPES)
        assert all(0.0 <= r <= 1.0 for r in result["rates"][part].values())
