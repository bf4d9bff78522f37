"""Explanations add up exactly; claims are told from page furniture; summaries say what the evidence says."""

from __future__ import annotations

import re

import numpy as np
import pytest

import credscore
from credscore.claims import not_a_claim
from credscore.explanations import explain
from credscore.summary import summarize


def test_contributions_sum_to_the_log_odds(wire_story: str) -> None:
    for e in explain(wire_story):
        p = e.score.probabilities
        assert e.exact
        assert sum(c.contribution for c in e.contributions) == pytest.approx(e.log_odds, abs=1e-9)
        assert e.log_odds == pytest.approx(np.log(p["strong"] / p["weak"]), abs=1e-6)


def test_contributions_point_at_their_cues(wire_story: str) -> None:
    ex = explain(wire_story)
    first = next(e for e in ex if "secondhand" in e.score.kinds)
    negative = [c for c in first.top(5) if c.contribution < 0 and c.cues]
    assert negative, first.top(5)
    for c in first.contributions:
        for q in c.cues:
            assert wire_story[q.start : q.end] == q.text
    named = next(e for e in ex if "named_source" in e.score.kinds and not any(q.inherited for q in e.score.cues))
    assert any(c.contribution > 0 and any(q.kind == "named_source" for q in c.cues) for c in named.top(5))


def test_explanations_of_a_lexical_model_reach_the_words() -> None:
    import pandas as pd

    rows = [("Officials said it failed.", "weak"), ("The minister said it failed.", "strong")] * 15
    m = credscore.train(pd.DataFrame(rows, columns=["text", "label"]), positive="strong", lexical=True, cv=3, C=1.0)
    [e] = explain("Officials said it failed.", model=m)
    words = [c for c in e.contributions if c.feature.startswith("words: ")]
    assert words and all(q.kind == "words" for c in words for q in c.cues)
    assert sum(c.contribution for c in e.contributions) == pytest.approx(e.log_odds, abs=1e-9)
    # Regression: "İ".lower() is two characters; word spans once pointed at 'icials sa'.
    text = "\u0130\u0130\u0130 Officials said it failed."
    [e] = explain(text, model=m)
    spans = {q.text.lower(): text[q.start : q.end] for c in e.contributions if c.feature.startswith("words: ")
             for q in c.cues}  # fmt: skip
    assert spans.get("officials") == "Officials" and spans.get("officials said") == "Officials said"


def test_explained_values_are_the_features_the_model_read(wire_story: str) -> None:
    from credscore.features import FEATURE_NAMES, cue_features
    from credscore.sentences import Sentence

    for e in explain(wire_story):
        s = e.score
        row = cue_features([Sentence(s.text, s.start, s.end, s.kind)], [s.cues], [s.sources])[0]
        for c in e.contributions:
            if c.feature in FEATURE_NAMES:
                assert c.value == row[FEATURE_NAMES.index(c.feature)]


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("Officials said the talks failed.", "sentence", None),
        ("Could the deal collapse?", "sentence", "question"),
        ('"Why now?" she asked?', "sentence", "question"),
        ("(Reporting by Jane Roe; Editing by Sam Poe)", "sentence", "boilerplate: credit"),
        ("Click here to read more.", "sentence", "boilerplate: link"),
        ("Sign up for our daily newsletter.", "sentence", "boilerplate: newsletter"),
        ("Follow us on Twitter.", "sentence", "boilerplate: social"),
        ("https://example.com/story", "sentence", "boilerplate: url"),
        ("Copyright 2026 The Daily.", "sentence", "boilerplate: legal"),
        ("(c) Copyright Thomson Reuters 2019.", "sentence", "boilerplate: legal"),
        (
            "Reporting by Jane Roe in Seoul; Additional reporting by Kim Lee; Editing by Sam Poe and Mark Heinrich",
            "sentence",
            "boilerplate: credit",
        ),
        ("Read more: How the talks failed", "sentence", "boilerplate: link"),
        ("Subscribe now for $1 a week.", "sentence", "boilerplate: newsletter"),
        ("\u00a9 Reuters", "sentence", "boilerplate: legal"),
        ("(c) The Associated Press", "sentence", "boilerplate: legal"),
        ("Copyright Reuters", "sentence", "boilerplate: legal"),
        # Regressions: claims that merely start with a furniture word (found by review).
        ("Copyright lawyers said the ruling would be appealed.", "sentence", None),
        ("Reporting by The New York Times found that the agency hid the data.", "sentence", None),
        ("Sign up rates for the program fell 40 percent, officials said.", "sentence", None),
        ("Like him, many Republicans opposed the bill.", "sentence", None),
        ("Read more than 500 pages of testimony, the senators said.", "sentence", None),
        ("Talks Stall Over Aid", "heading", "heading"),
        ("By Jane Roe", "byline", "byline"),
    ],
)
def test_claims_and_non_claims(text: str, kind: str, reason: str | None) -> None:
    assert not_a_claim(text, kind) == reason


@pytest.mark.perf
@pytest.mark.parametrize(
    "start", ["Reporting by ", "(Reporting by Jane Roe; Editing by ", "Copyright ", "\u00a9 ", "Read more ", "Sign up "]
)
@pytest.mark.parametrize("unit", ["The ", "And ", "The, ", "Of the ", "A. "])
def test_boilerplate_patterns_take_linear_time(start: str, unit: str) -> None:
    # Found by review: "Reporting by The The ... desk staff." was exponential (20 s at 26 words).
    import time

    times = []
    for n in (2_000, 8_000):
        t0 = time.perf_counter()
        not_a_claim(start + unit * n + "desk staff.")
        times.append(time.perf_counter() - t0)
    assert times[1] < 10 * max(times[0], 0.005) and times[1] < 1.0, times


def test_summary_of_the_wire_story(wire_story: str) -> None:
    s = summarize(wire_story)
    assert s.n_claims == 7 and s.n_segments == 8  # the dateline is not a claim
    assert s.counts == "7 of 8 sentences make claims (1 dateline)"
    assert s.headline == "4 of 7 claims trace back to one newspaper report citing unidentified diplomatic sources."
    top = s.sources[0]
    assert top.kind == "secondhand" and top.claims == 4 and "newspaper" in top.name
    assert s.shares["anonymous"] > s.shares["named"]
    assert {src.kind for src in s.sources} >= {"secondhand", "named_source"}


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Officials said the plan failed. Officials said talks would go on. It rained.",
         "2 of 3 claims rest on anonymous officials."),
        ("Foreign Minister Kang Min-ji said the talks would resume. Kang added that a date was set. It rained.",
         "2 of 3 claims are attributed to Foreign Minister Kang Min-ji on the record."),
        ("The sky is blue. Prices may rise.", "None of the 2 claims is attributed to a source; 1 is hedged."),
        ("Critics say the law is too broad. Many believe it will fail.", "Both claims rest on vague attribution."),
        ("Talks Stall\n\nBy Jane Roe", "No claims: only headings, bylines, boilerplate or questions."),
    ],
)  # fmt: skip
def test_headlines(text: str, headline: str) -> None:
    assert summarize(text).headline == headline


def test_document_level_batch_counts_claims_only() -> None:
    import pandas as pd

    df = pd.DataFrame({"text": ["Could it fail?\n\nOfficials said it failed. Click here to read more."]})
    out = credscore.score_frame(df, level="document")
    assert out["n_sentences"].iloc[0] == 3 and out["n_claims"].iloc[0] == 1


def test_explanations_speak_plainly_and_give_no_absent_feature_as_a_reason() -> None:
    """Regression (issue 12): --explain printed raw feature names ('log_source_count = 1.386') and listed
    features a sentence did not have as reasons."""
    text = "Two unnamed officials said the plan may fail.\n\nThe council met on Tuesday."
    for e in explain(text):
        assert sum(c.contribution for c in e.contributions) == pytest.approx(e.log_odds, abs=1e-9)
        for c in e.contributions:
            if c.feature != "baseline":
                assert c.value != 0 or c.cues, c
            assert "_" not in c.reason.split(":")[-1], c.reason  # words, not feature names
    first = explain(text)[0]
    reasons = [c.reason for c in first.top(6)]
    every = [c.reason for c in first.contributions]
    # The anonymous source is a reason toward weak, and anonymity is among the main ones (the source, or
    # the word that hides it: how the weight splits between the two is the model's).
    assert any(r.startswith("'Two unnamed officials': an anonymous source") and "toward weak" in r for r in every)
    assert any(("an anonymous source" in r or "hides the source" in r) and "toward weak" in r for r in reasons)
    assert any(r.startswith("'may': how firmly it is said") for r in reasons)


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Officials said the plan failed. It rained.", "2 sentences, all of them claims"),
        ("Officials said the plan failed.", "1 sentence, a claim"),
        ("Talks stall\n\nTalks resume\n\nOfficials said the plan failed. It rained.",
         "2 of 4 sentences make claims (2 headings)"),
        ("Talks stall\n\nBy Jane Roe\n\nOfficials said the plan failed. Could it fail? Click here to read more.",
         "1 of 5 sentences makes a claim (1 heading, 1 byline, 1 question, 1 boilerplate line)"),
        ("Talks stall\n\nBy Jane Roe", "2 sentences, no claim (1 heading, 1 byline)"),
        ("", "No sentences"),
    ],
)  # fmt: skip
def test_regression_counts_in_plain_words(text: str, counts: str) -> None:
    """Regression (issue 19): "7 claims in 8 segments" was jargon."""
    s = summarize(text)
    assert s.counts == counts
    assert "segment" not in s.counts


def test_every_feature_has_plain_words() -> None:
    """Regression (issue 19): the report printed `log_words = 3.3322`, `src_doubt`, `src_hops`. Every feature of
    the sourcing and the certainty side has its own words, and they are words, not names."""
    from credscore.certainty import CERTAINTY_FEATURES
    from credscore.explanations import FEATURE_WORDS, Contribution
    from credscore.features import FEATURE_NAMES

    features = {*FEATURE_NAMES, *CERTAINTY_FEATURES, *credscore.model.default_model().feature_names}
    assert features | {"certainty", "baseline"} == set(FEATURE_WORDS)
    assert len(set(FEATURE_WORDS.values())) == len(FEATURE_WORDS)  # no two features read alike
    for name, words in FEATURE_WORDS.items():
        assert words and "_" not in words, (name, words)
    for name in features:
        for value in (0.0, 1.0, 2.0, 3.0, 0.0711872, 3.3322):
            words = Contribution(name, value, 0.5).words
            assert "_" not in words and not re.search(r"\d\.\d{3}", words), (name, value, words)
