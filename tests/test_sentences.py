"""Sentence splitting: golden cases, regressions and invariants over arbitrary text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credscore.sentences import Sentence, _prev_word, split_sentences

# (input, expected sentence texts). Each row is a news convention the splitter must respect.
GOLDEN = [
    ("Mr. Smith arrived at 3 p.m. on Jan. 5. He left.", ["Mr. Smith arrived at 3 p.m. on Jan. 5.", "He left."]),
    (
        "Sen. Bernie Sanders (I-Vt.) spoke. Gov. Jerry Brown listened.",
        ["Sen. Bernie Sanders (I-Vt.) spoke.", "Gov. Jerry Brown listened."],
    ),
    ("He lives in the U.S. The rest is history.", ["He lives in the U.S.", "The rest is history."]),
    ("The U.S. Army said so.", ["The U.S. Army said so."]),
    (
        "J.P. Morgan rose 3.5 percent. George W. Bush smiled.",
        ["J.P. Morgan rose 3.5 percent.", "George W. Bush smiled."],
    ),
    ('"We will win." The crowd cheered.', ['"We will win."', "The crowd cheered."]),
    ("\u201cWe will win.\u201d The crowd cheered.", ["\u201cWe will win.\u201d", "The crowd cheered."]),
    ('"Why?" he asked. Nobody knew.', ['"Why?" he asked.', "Nobody knew."]),
    (
        "It grew 2.5%. Then it fell... and rose again! Really?",
        ["It grew 2.5%.", "Then it fell... and rose again!", "Really?"],
    ),
    ("Shares of Acme Inc. rose. Acme Inc. The End.", ["Shares of Acme Inc. rose.", "Acme Inc.", "The End."]),
    ("The vote is on Nov. 8 in No. 3 district.", ["The vote is on Nov. 8 in No. 3 district."]),
    ("Talks ended (see below.) Then what?", ["Talks ended (see below.)", "Then what?"]),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN, ids=[g[0][:30] for g in GOLDEN])
def test_golden(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_news_page_structure() -> None:
    text = (
        "Talks Stall Over Aid\n\nBy Jane Roe\nSEOUL (Reuters) - North Korea said no. Talks ended.\n\nA new paragraph."
    )
    got = [(s.kind, s.text) for s in split_sentences(text)]
    assert got == [
        ("heading", "Talks Stall Over Aid"),
        ("byline", "By Jane Roe"),
        ("dateline", "SEOUL (Reuters) -"),
        ("sentence", "North Korea said no."),
        ("sentence", "Talks ended."),
        ("sentence", "A new paragraph."),
    ]


@pytest.mark.parametrize(
    "dateline",
    ["WASHINGTON \u2014", "NEW YORK, Jan. 5 (AP) --", "DES MOINES, Iowa (Reuters) -", "BEIJING \u2013"],
)
def test_datelines(dateline: str) -> None:
    text = f"{dateline} Officials met on Monday."
    got = split_sentences(text)
    assert got[0].kind == "dateline" and got[0].text == dateline
    assert got[1].text == "Officials met on Monday."


def test_regression_hyphenated_call_sign_is_not_a_dateline() -> None:
    # Found by bench/segmentation.py: "WKMG-TV" was cut into a dateline "WKMG-" and a heading "TV".
    assert [(s.kind, s.text) for s in split_sentences("WKMG-TV\n\nToday it rained.")] == [
        ("heading", "WKMG-TV"),
        ("sentence", "Today it rained."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "NATO \u2014 the alliance\u2019s top body \u2014 said on Monday it would meet.",
        "NATO - the alliance's top body - said it would meet.",
        "The FBI -- and \u201cthe agency\u201d -- declined to comment.",
    ],
)
def test_regression_acronym_then_a_dash_and_lower_case_is_no_dateline(text: str) -> None:
    # Found by review: "NATO \u2014" was cut off as a dateline, leaving a sentence without its subject.
    assert [(s.kind, s.text) for s in split_sentences(text)] == [("sentence", text)]


def test_regression_ap_underscore_dateline() -> None:
    got = split_sentences("WASHINGTON _ The bombings began.")
    assert [(s.kind, s.text) for s in got] == [("dateline", "WASHINGTON _"), ("sentence", "The bombings began.")]


def test_wrapped_lines_are_one_sentence() -> None:
    text = "The committee voted on the measure late on\nTuesday after a long debate.\n"
    assert [s.text for s in split_sentences(text)] == [
        "The committee voted on the measure late on\nTuesday after a long debate."
    ]


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t \n") == []


def test_rejects_bytes_with_a_fix() -> None:
    with pytest.raises(TypeError, match="decode"):
        split_sentences(b"text")  # type: ignore[arg-type]


def test_sentence_is_a_value() -> None:
    assert split_sentences("A b.")[0] == Sentence("A b.", 0, 4, "sentence")


# --- invariants over arbitrary text -----------------------------------------------

news_alphabet = st.sampled_from(
    [
        *"abcXYZ .,!?;:\"'()-\n\t0123456789",
        "Mr.",
        "U.S.",
        "\u201c",
        "\u201d",
        "\u2014",
        " said ",
        "\n\n",
        "...",
        "Jan. 5",
    ]
)
texts = st.one_of(st.text(), st.lists(news_alphabet, max_size=80).map("".join))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_spans_are_exact_ordered_and_lose_nothing(text: str) -> None:
    sents = split_sentences(text)
    prev_end = 0
    for s in sents:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert prev_end <= s.start < s.end
        # Only white space lies between sentences.
        assert text[prev_end : s.start].strip() == ""
        prev_end = s.end
    assert text[prev_end:].strip() == ""


@settings(max_examples=200, deadline=None)
@given(texts)
def test_a_text_splits_alike_whatever_follows_it(text: str) -> None:
    """No state between calls, and no look-ahead past a paragraph: the sentences of a text are the
    same when another paragraph follows it."""
    alone = split_sentences(text)
    more = split_sentences(text + "\n\nAnother paragraph follows.")
    assert alone == more[: len(alone)]


# The look-back for the word before a period was this regex, searched between the mark and 40 characters
# before it; the splitter now reads backwards from the mark (sentences._prev_word) and must find the same.
_PREV_WORD_REGEX = re.compile(r"""(?:^|(?<=[\s("'\u201c\u2018\u2014\u2013-]))([\w.&'\u2019-]+)$""")
_LOOKBACK_ALPHABET = "aZ9_.&'\u2019-( \n\t\"\u201c\u2018\u2014\u2013,/\u00e9\u00b2\u0661\u2003"


def _regex_prev_word(text: str, punct_start: int) -> str | None:
    m = _PREV_WORD_REGEX.search(text, max(0, punct_start - 40), punct_start)
    return m.group(1) if m else None


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_LOOKBACK_ALPHABET, max_size=60), st.integers(min_value=0, max_value=60))
def test_prev_word_finds_what_the_regex_found(text: str, at: int) -> None:
    at = min(at, len(text))
    assert _prev_word(text, at) == _regex_prev_word(text, at)


@pytest.mark.parametrize(
    ("text", "at", "word"),
    [
        ("He lives in the U.S. Next", 19, "U.S"),
        ("Sen. Lee", 3, "Sen"),
        ("(Gov. Roe", 4, "Gov"),
        ("x" * 50 + " end", 54, "end"),
        ("x" * 50, 50, None),  # a run longer than the look-back: no word starts inside it
        ("word\n.", 5, "word"),  # a line break before the mark
        ("a/b", 3, None),  # "/" is neither a word character nor an opener
    ],
)
def test_prev_word_cases(text: str, at: int, word: str | None) -> None:
    assert _prev_word(text, at) == word == _regex_prev_word(text, at)
