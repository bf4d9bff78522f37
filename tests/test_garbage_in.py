"""Garbage in (issue 19): binary files, gzip, text without sentence boundaries, broken CSV quoting and the
raw text of unreadable rows. Each case as a new user met it, with the exact behaviour now."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credscore
from credscore import sentences
from credscore.sentences import MAX_SENTENCE_CHARS, split_sentences

CUT_NOTE = (
    "cut: the text runs more than 3,000 characters here without a sentence boundary, so it was cut into pieces "
    "of at most 3,000 characters (at white space where possible); this piece is not a sentence the writer ended"
)


# --- text without sentence boundaries ----------------------------------------------------------------------


def test_regression_5_mb_without_punctuation_was_one_heading() -> None:
    text = "word " * 1_000_000  # 5 MB, no punctuation, no line break: was one 5 MB "heading" at 0.12
    scores = credscore.score(text)
    assert len(scores) > 1_000
    assert {s.kind for s in scores} == {"sentence"}
    assert {s.notes for s in scores} == {(CUT_NOTE,)}
    assert max(len(s.text) for s in scores) <= MAX_SENTENCE_CHARS
    assert scores[0].start == 0 and scores[-1].end == len(text) - 1
    prev = 0
    for s in scores:
        assert text[s.start : s.end] == s.text and text[prev : s.start].strip() == ""
        assert s.text.endswith("word")  # cut at white space, never inside a word
        prev = s.end


def test_real_sentences_are_never_cut() -> None:
    long_sentence = "Officials said " + "the plan, " * 280 + "would fail."  # 2,826 characters, one sentence
    text = "Talks Stall\n\n" + long_sentence + " It rained."
    got = [(s.kind, s.text, s.notes) for s in credscore.score(text)]
    assert got == [("heading", "Talks Stall", ()), ("sentence", long_sentence, ()), ("sentence", "It rained.", ())]


def test_a_stretch_without_white_space_is_cut_at_the_limit() -> None:
    text = "x" * 7_000
    assert [(s.start, s.end, s.kind, s.cut) for s in split_sentences(text)] == [
        (0, 3_000, "sentence", True),
        (3_000, 6_000, "sentence", True),
        (6_000, 7_000, "sentence", True),
    ]


@pytest.mark.parametrize(
    ("unit", "what"),
    [
        ("e\u0301", "a combining accent"),
        ("\ud83d\udcf0", "a surrogate pair"),
        ("\U0001f469\u200d", "a zero-width joiner"),
    ],
)
def test_a_hard_cut_never_splits_a_character(unit: str, what: str) -> None:
    text = "a" + unit * 4_000  # no white space; index 3,000 falls inside a unit
    pieces = split_sentences(text)
    assert "".join(p.text for p in pieces) == text
    for p in pieces[:-1]:
        assert not sentences._inside_character(text, p.end), what
        assert MAX_SENTENCE_CHARS - 2 <= len(p.text) <= MAX_SENTENCE_CHARS


_words = st.lists(
    st.sampled_from(["word", "Word", "x" * 30, "e\u0301", " ", "  ", "\n", "\t", "\u00a0", ".", "said", "\u201c"]),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_words, st.integers(min_value=8, max_value=60))
def test_bounded_split_property(text: str, limit: int) -> None:
    """With any limit: a segment within it is what the splitter made without a limit; a longer one is cut
    into pieces within it that cover it, at white space when the second half of the window has some, and
    never inside a character. Spans stay exact."""
    with mock.patch.object(sentences, "MAX_SENTENCE_CHARS", 10**9):
        whole = split_sentences(text)
    with mock.patch.object(sentences, "MAX_SENTENCE_CHARS", limit):
        cut = split_sentences(text)
    i = 0
    for s in whole:
        if len(s.text) <= limit:
            assert cut[i] == s
            i += 1
            continue
        pos = s.start
        while pos < s.end:
            p = cut[i]
            i += 1
            assert text[p.start : p.end] == p.text and p.kind == "sentence" and p.cut
            assert len(p.text) <= limit and text[pos : p.start].strip() == ""
            if p.end < s.end and not text[p.end].isspace():  # a hard cut: no white space to cut at
                assert not re.search(r"[ \n\t\r\u00a0]", text[p.start + limit // 2 : p.start + limit])
                assert not sentences._inside_character(text, p.end)
            pos = p.end
        assert pos == s.end
    assert i == len(cut)
