"""Uncertainty cues, their category and voice, and certainty (annotation guide, Part 3).

Golden tables of sentences written for these tests (none copied from a corpus): each category, each
disambiguation the guide lists (what is never a cue), whose uncertainty a cue is, and the minimal pairs
of the certainty-weighted score.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credscore
from credscore import UNCERTAINTY_CATEGORIES
from credscore.cues import CueDetector

DET = CueDetector()


def uncertainty_cues(text: str) -> list[tuple[str, str, str, str]]:
    """(text, category, voice, kind) of every uncertainty cue, in order."""
    return [(c.text, c.category, c.voice, c.kind) for cs in DET.detect(text) for c in cs
            if c.category is not None and not c.inherited]  # fmt: skip


# (sentence, [(cue text, category)])
GOLDEN = [
    # epistemic
    ("The factory may close next spring.", [("may", "epistemic")]),
    ("Prices are likely to rise.", [("likely", "epistemic")]),
    ("It is unclear whether the South will respond.", [("It is unclear", "epistemic"), ("whether", "investigation")]),
    ("The minister reportedly resigned on Friday.", [("reportedly", "epistemic")]),
    ("There is a possibility that the vote will be delayed.", [("possibility", "epistemic")]),
    ("The claim could not be independently verified.", [("could not be independently verified", "epistemic")]),
    # doxastic
    ("The suspect was accused of fraud.", [("accused", "doxastic")]),
    ("The mayor allegedly took bribes.", [("allegedly", "doxastic")]),
    ("The bill is expected to pass.", [("is expected to", "doxastic")]),
    # condition
    ("If the levee breaks, the town will flood.", [("If", "condition"), ("will", "condition")]),
    ("The senator would support the bill if it were amended.", [("would", "condition"), ("if", "condition")]),
    # the guide marks the consequent's "will" too (Part 3, conditionals)
    ("The strike will continue unless the company raises wages.", [("will", "condition"), ("unless", "condition")]),
    # investigation
    (
        "Investigators are examining whether the fire was set.",
        [("examining", "investigation"), ("whether", "investigation")],
    ),
    # never cues (guide, Part 3, "What is not a cue")
    ("The law took effect in May.", []),
    ("May was the hottest month on record.", []),
    ("The council will meet on Tuesday.", []),
    ("He could not attend the meeting.", []),
    ("Likely voters favour the plan.", []),
    ("As expected, the bill passed.", []),
    ("The vote will go ahead whether or not he attends.", []),
    ("The suspect fled on foot.", []),
    ("She said the store would open in May.", []),
]


@pytest.mark.parametrize(("text", "want"), GOLDEN, ids=[g[0][:45] for g in GOLDEN])
def test_golden_uncertainty(text: str, want: list[tuple[str, str]]) -> None:
    assert [(t, c) for t, c, _, _ in uncertainty_cues(text)] == want


def test_categories_are_the_szeged_types() -> None:
    assert UNCERTAINTY_CATEGORIES == ("epistemic", "doxastic", "condition", "investigation")
    for text, _ in GOLDEN:
        for c in (c for cs in DET.detect(text) for c in cs):
            if c.kind in ("hedge", "quoted_hedge"):
                assert c.category in UNCERTAINTY_CATEGORIES and c.voice in ("writer", "speaker", "belief")
                assert c.rule == f"{c.category}_cue"
            else:
                assert c.category is None and c.voice is None


@pytest.mark.parametrize(
    ("text", "cue", "voice", "kind"),
    [
        ("The plant may close, officials said.", "may", "writer", "hedge"),
        ("Officials said the plant may close.", "may", "speaker", "quoted_hedge"),
        ('"The plant may close," Ms. Lee said.', "may", "speaker", "quoted_hedge"),
        ("Officials believe the plant will close.", "believe", "belief", "quoted_hedge"),
        ("The mayor thinks the tax will pass.", "thinks", "belief", "quoted_hedge"),
    ],
)
def test_whose_uncertainty(text: str, cue: str, voice: str, kind: str) -> None:
    got = {t: (v, k) for t, _, v, k in uncertainty_cues(text)}
    assert got[cue] == (voice, kind)


def test_a_disabled_category_is_not_found() -> None:
    det = CueDetector(disabled_rules=["condition_cue"])
    cues = [c for cs in det.detect("If the levee breaks, the town may flood.") for c in cs if c.category]
    assert [c.category for c in cues] == ["epistemic"]


@pytest.mark.parametrize(
    "claims",
    [
        (
            "The tax will pass.",
            "The tax may pass.",
            "The tax will pass if the council agrees.",
            "The mayor thinks the tax will pass.",
        ),
        (
            "Prices will rise.",
            "Prices are likely to rise.",
            "Prices would rise if the tariff passed.",
            "The company expects prices to rise.",
        ),
        (
            "The factory will close next spring.",
            "The factory may close next spring.",
            "If sales fall, the factory will close next spring.",
            "Officials believe the factory will close next spring.",
        ),
    ],
)
def test_minimal_pairs_stated_hedged_conditional_belief(claims: tuple[str, ...]) -> None:
    """The same claim stated, hedged, conditional, attributed as a belief: scored in that order."""
    scores = [credscore.score(t)[0] for t in claims]
    rel = [s.reliability for s in scores]
    assert rel == sorted(rel, reverse=True) and len(set(rel)) == len(rel), rel
    cert = [s.certainty for s in scores]
    assert cert[0] > 0.9 and max(cert[1:]) < 0.5, cert
    assert all(s.label != "strong" for s in scores[1:])


def test_a_belief_attributed_to_a_named_source_is_not_strong() -> None:
    s = credscore.score("The company expects profits to rise.")[0]
    assert s.sourcing > 0.7  # the company is on the record ...
    assert s.label != "strong" and s.reliability < 0.3  # ... about its belief, not a fact


def test_reliability_is_certainty_weighted_sourcing() -> None:
    model = credscore.default_model()
    lam = model.metadata["combine"]["lambda"]
    for s in credscore.score("Officials said the plant will close. The plant may close. Police said it closed."):
        if not any(c.voice == "belief" for c in s.cues):
            sev = max([credscore.certainty.SEVERITY[c.category] for c in s.cues if c.category] or [1.0])
            assert s.reliability == pytest.approx(s.sourcing * (1 - lam * sev * (1 - s.certainty)), abs=1e-9)


@settings(max_examples=120, deadline=None)
@given(st.text(max_size=300) | st.lists(st.sampled_from("may if would whether believe May likely the will said "
                                                         "not could , . \n\n \u201c \u201d".split(" ")),
                                        max_size=50).map(" ".join))  # fmt: skip
def test_any_input(text: str) -> None:
    from credscore.sniff import text_problem

    if text_problem(text) is not None:
        return  # mostly control characters: binary data, refused by name (tests/test_garbage_in.py)
    for s in credscore.score(text):
        assert 0.0 <= s.certainty <= 1.0 and 0.0 <= s.sourcing <= 1.0 and 0.0 <= s.reliability <= 1.0
        for c in s.cues:
            assert text[c.start : c.end] == c.text


def test_the_tagger_file_round_trips_without_pickle(tmp_path) -> None:
    """The shipped tagger is .npz read with allow_pickle=False: saving and loading it gives the same weights
    and the same decisions; a path without .npz is refused rather than silently renamed by numpy."""
    import numpy as np

    from credscore.cues.uncertainty import UncertaintyTagger, default_tagger

    tagger = default_tagger()
    path = tmp_path / "tagger.npz"
    tagger.save(path)
    again = UncertaintyTagger.load(str(path))
    assert again.classes == tagger.classes and again.none_threshold == tagger.none_threshold
    assert again.weights.keys() == tagger.weights.keys()
    some = sorted(tagger.weights)[:: max(1, len(tagger.weights) // 500)]
    assert all(again.weights[f] == tagger.weights[f] for f in some)
    feats = some[:20]
    assert again.predict(feats) == tagger.predict(feats)
    with np.load(path, allow_pickle=False) as z:  # numbers and bytes only
        assert all(z[k].dtype != object for k in z.files)
    with pytest.raises(ValueError, match=r"\.npz"):
        tagger.save(tmp_path / "tagger")
