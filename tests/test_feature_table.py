"""The feature table (issue 19): one Feature per column holds its computation, its plain words and its cues."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import credscore
from credscore import Pipeline
from credscore.explanations import FEATURE_WORDS, explain
from credscore.features import FEATURE_BY_NAME, FEATURE_NAMES, FEATURES, SOURCING_FEATURES, Feature

EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "wire-story.txt").read_text(encoding="utf-8")
TEXTS = [
    EXAMPLE,
    "Mayor Linda Park defended the budget on Monday. “We have cut what we could,” she said. “The rest is the "
    "state's to fix.” According to the city's finance office, the gap is $4 million. It may grow next year, "
    "the office said. Critics say the plan is too late. Officials believe it will pass if the council agrees. "
    "A spokesman for the Treasury declined to comment. Investigators are examining whether the audit was "
    "leaked. The report, which was seen by Reuters, was written by the ministry. Is the deal done?",
]


def test_the_matrix_columns_are_the_table() -> None:
    assert FEATURE_NAMES == tuple(f.name for f in FEATURES)
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert set(SOURCING_FEATURES) <= set(FEATURE_NAMES)
    assert all(isinstance(f, Feature) and FEATURE_BY_NAME[f.name] is f for f in FEATURES)
    assert all(FEATURE_WORDS[f.name] == f.words for f in FEATURES)


def test_every_feature_says_how_it_is_computed() -> None:
    for f in FEATURES:
        if f.how in ("kind", "rule"):
            assert f.of, f.name
        if f.how in ("source", "inherited"):
            assert callable(f.value), f.name
        if f.how == "inherited":
            assert f.kinds, f.name
        if f.how == "shape":
            assert callable(f.shape), f.name


@pytest.mark.parametrize("text", TEXTS, ids=["wire story", "budget"])
def test_a_cue_feature_that_has_a_value_shows_the_cues_behind_it(text: str) -> None:
    """Every feature computed from cues or sources that is not 0 in a sentence names at least one of that
    sentence's cues as its evidence (the report highlights them)."""
    p = Pipeline()
    reading = p.read(text)
    X = p.features(reading)
    scores = p.scores(reading)
    lit = 0
    for i, s in enumerate(scores):
        for j, f in enumerate(FEATURES):
            if X[i, j] == 0 or f.how in ("uncertainty", "shape"):
                continue
            if f.name == "src_hops" and X[i, j] <= 1:
                continue  # one hop is the source itself: nothing relayed to show
            lit += 1
            assert f.evidence(s.cues, s.sources), (f.name, X[i, j], s.text)
    assert lit >= 8


def test_explanations_read_words_and_evidence_from_the_table() -> None:
    ex = explain(TEXTS[1])
    seen = set()
    for e in ex:
        for c in e.contributions:
            f = FEATURE_BY_NAME.get(c.feature)
            if f is None:
                continue
            seen.add(f.name)
            assert c.words == f.describe(c.value)
            assert c.cues == f.evidence(e.score.cues, e.score.sources)
    assert {"src_named", "src_doubt"} <= seen


def test_src_doubt_reads_its_level_in_words() -> None:
    f = FEATURE_BY_NAME["src_doubt"]
    assert [f.describe(v) for v in (1.0, 2.0, 3.0)] == ["an anonymous source", "a vague source", "no source found"]
    assert FEATURE_BY_NAME["src_hops"].describe(2.0) == "steps between the claim and its source (2)"


def test_features_match_the_scores_the_model_reads() -> None:
    """The default model reads its columns of the table by name, in the table's order."""
    model = credscore.default_model()
    cols = [FEATURE_NAMES.index(n) for n in model.feature_names]
    assert cols == sorted(cols)
    p = Pipeline()
    reading = p.read(TEXTS[1])
    np.testing.assert_array_equal(p.model_input(reading), p.features(reading)[:, cols])
