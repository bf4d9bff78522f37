"""score(): the README's promise, monotonicity in sourcing, and invariants on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credscore
from credscore import SentenceScore, score
from credscore.errors import InputError
from credscore.scoring import DocumentTooLongError

# Claims as (plain clause, hedged clause). Written for these tests.
CLAIMS = [
    ("the talks will resume next week", "the talks may resume next week"),
    ("the factory will close in March", "the factory will reportedly close in March"),
    ("the minister plans to resign", "the minister allegedly plans to resign"),
    ("the company paid the fine", "the company appears to have paid the fine"),
    ("the army moved two brigades to the border", "the army may have moved two brigades to the border"),
    ("the budget deficit doubled last year", "the budget deficit apparently doubled last year"),
]
NAMED = "{c}, Foreign Minister Lee Jae-sung said on Monday."
ANONYMOUS = "{c}, a senior official said on condition of anonymity."
HEDGED_SECONDHAND = "{h}, a local newspaper reported, citing unnamed sources."


def rel(sentence: str) -> float:
    (s,) = score(sentence)
    return s.reliability


@pytest.mark.parametrize(("claim", "hedged"), CLAIMS, ids=[c for c, _ in CLAIMS])
def test_reliability_is_monotone_in_sourcing(claim: str, hedged: str) -> None:
    named = rel(NAMED.format(c=claim.capitalize()))
    anonymous = rel(ANONYMOUS.format(c=claim.capitalize()))
    weak = rel(HEDGED_SECONDHAND.format(h=hedged.capitalize()))
    assert named > anonymous > weak


@pytest.mark.parametrize(("claim", "hedged"), CLAIMS, ids=[c for c, _ in CLAIMS])
def test_a_hedge_lowers_reliability(claim: str, hedged: str) -> None:
    assert rel(hedged.capitalize() + ".") < rel(claim.capitalize() + ".")


def test_readme_wire_story(wire_story: str) -> None:
    scores = score(wire_story)
    by_start = {s.text[:30]: s for s in scores}
    background = next(s for s in scores if s.text.startswith("The two leaders met"))
    assert background.kinds == frozenset()
    resting_on_report = [s for s in scores if s.kind == "sentence" and "secondhand" in s.kinds]
    assert len(resting_on_report) >= 4, by_start
    for s in resting_on_report:
        assert "anonymous_source" in s.kinds, s.text
        assert s.reliability < background.reliability, s.text
        assert s.label == "weak"
    quote = next(s for s in scores if s.text.startswith('"We have nothing'))
    assert quote.label == "strong" and {"named_source", "direct_quote"} <= quote.kinds


def test_contract_fields(wire_story: str) -> None:
    scores = score(wire_story)
    assert [s.start for s in scores] == sorted(s.start for s in scores)
    for s in scores:
        assert isinstance(s, SentenceScore)
        assert wire_story[s.start : s.end] == s.text
        assert 0.0 <= s.reliability <= 1.0
        assert s.label in ("weak", "unattributed", "strong")
        assert abs(sum(s.probabilities.values()) - 1.0) < 1e-9
        for c in s.cues:
            assert wire_story[c.start : c.end] == c.text
        d = s.to_dict()
        assert d["start"] == s.start and len(d["cues"]) == len(s.cues)


def test_empty_text() -> None:
    assert score("") == []
    assert score("   \n\n ") == []


@pytest.mark.parametrize(("bad", "match"), [(b"bytes", "decode"), (None, "NoneType"), (["a"], "list")])
def test_non_text_is_rejected_with_a_fix(bad, match) -> None:
    with pytest.raises(TypeError, match=match):
        score(bad)  # type: ignore[arg-type]


def test_disabled_rule_changes_the_evidence() -> None:
    text = "The minister reportedly resigned."
    det = credscore.CueDetector(disabled_rules=["epistemic_cue"])
    assert "hedge" in score(text)[0].kinds
    assert "hedge" not in score(text, detector=det)[0].kinds


hostile = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.sampled_from(list("\"'\u201c\u201d\u2018\u2019.?!\n ,()")), max_size=200),
    st.lists(
        st.sampled_from(
            [
                "said",
                "Officials",
                "according to",
                "\u202e",
                "\x00",
                "<p>",
                "</p>",
                "may",
                "\U0001f4f0",
                "\u0645\u0635\u0627\u062f\u0631",
                "e\u0301",
                "\n\n",
                "citing",
                "\u2014",
            ]
        ),
        max_size=80,
    ).map(" ".join),
)


@settings(max_examples=200, deadline=None)
@given(hostile)
def test_any_text_scores_with_valid_spans(text: str) -> None:
    from credscore.sniff import text_problem

    if text_problem(text) is not None:  # mostly control characters: refused by name (tests/test_garbage_in.py)
        with pytest.raises(InputError, match="looks like binary data"):
            score(text)
        return
    scores = score(text)
    again = score(text)
    assert scores == again
    for s in scores:
        assert text[s.start : s.end] == s.text
        assert 0.0 <= s.reliability <= 1.0
        for c in s.cues:
            assert text[c.start : c.end] == c.text


def test_regression_negative_max_chars_is_a_value_error() -> None:
    # Was a TypeError ("must be a non-negative int") for an int of the right type but a wrong value.
    with pytest.raises(ValueError, match=r"max_chars must be a non-negative int or None \(no limit\), got -5"):
        score("Officials said so.", max_chars=-5)


@pytest.mark.parametrize("bad", ["10", 1.5, True])
def test_max_chars_of_the_wrong_type_is_a_type_error(bad) -> None:
    with pytest.raises(TypeError, match=rf"max_chars must be .* got {type(bad).__name__} {bad!r}"):
        score("Officials said so.", max_chars=bad)


def test_max_chars_zero_and_none() -> None:
    assert score("", max_chars=0) == []
    assert len(score("Officials said so.", max_chars=None)) == 1
    with pytest.raises(DocumentTooLongError, match="the limit is 0"):
        score("Officials said so.", max_chars=0)


def test_a_sentence_of_endless_cues_is_analysed_up_to_the_cap_and_says_so(wire_story: str) -> None:
    """Bounded work (issue 13): a 'sentence' of 1,000 cue words is analysed up to the cap, and the
    score says so in every output; ordinary sentences carry no note."""
    from credscore.cues.detector import MAX_HITS_PER_SENTENCE

    # 2,850 characters: one sentence (a longer stretch is cut into pieces: tests/test_garbage_in.py).
    (s,) = credscore.score("Officials said " * 190)
    assert len(s.notes) == 1 and "capped: 380 cue phrases" in s.notes[0]
    assert f"only the first {MAX_HITS_PER_SENTENCE}" in s.notes[0]
    assert s.to_dict()["notes"] == list(s.notes)
    assert all(c.end <= s.end for c in s.cues)
    for t in credscore.score(wire_story):
        assert t.notes == () and t.to_dict()["notes"] == []
    import pandas as pd

    out = credscore.score_frame(pd.DataFrame({"text": ["Officials said " * 190, wire_story]}), "text")
    assert out["notes"].notna().tolist()[0] and out["notes"].iloc[1:].isna().all()


def test_one_top_level() -> None:
    """The API has one obvious top level (issue 12): every entry point is in __all__ and dir(), and is
    a function even after its home module was imported."""
    import credscore.explanations  # a module of the same stem must not shadow the function
    import credscore.summary

    for name in ("score", "score_frame", "summarize", "explain", "train", "evaluate", "load_model"):
        assert name in credscore.__all__ and name in dir(credscore)
        assert callable(getattr(credscore, name)) and not isinstance(getattr(credscore, name), type(credscore))
