"""Whole-text searches that take a cheaper path when the text allows it (speed5): each path gives what the
general search gives, on hostile input too."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credscore import features, repair, sentences
from credscore.cues import quotes

# Line breaks of every kind, blanks, marks of every style, digits of other scripts, letters around them.
_ALPHABET = "ab A.?!\n\r\t\f\v\u00a0\u2028\u0085\x1c\"'`" + "\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2033"
_ALPHABET += "0\u0663\u00c3\u00a9\u00e2\u20ac"
_texts = st.text(alphabet=_ALPHABET, max_size=80)
_HOSTILE = ["", " ", "\n", "\n\n", "\r\n\r\n", " " * 3000, "\n" * 3000, "\n \n \n" * 500, "''" * 500, "'A" * 500]


def _reference_split(text: str) -> list[sentences.Sentence]:
    """split_sentences with the patterns for any line break, whatever the text holds."""
    out: list[sentences.Sentence] = []
    pos = 0
    for brk in sentences._PARAGRAPH_BREAK.finditer(text):
        sentences._split_paragraph(text, pos, brk.start(), out, sentences._NEWLINE)
        pos = brk.end()
    sentences._split_paragraph(text, pos, len(text), out, sentences._NEWLINE)
    return out


@settings(max_examples=2000, deadline=None)
@given(_texts)
def test_the_splitter_without_carriage_returns_splits_as_with_them(text: str) -> None:
    assert sentences.split_sentences(text) == _reference_split(text)
    lf = text.replace("\r", "")
    assert sentences.split_sentences(lf) == _reference_split(lf)


@pytest.mark.parametrize("text", _HOSTILE)
def test_the_splitter_paths_agree_on_hostile_input(text: str) -> None:
    assert sentences.split_sentences(text) == _reference_split(text)


def test_the_line_break_patterns_for_text_without_carriage_returns_find_the_same_spans() -> None:
    text = "a\n\nb\n \t\f\v\nc\n\u2028\n\n d\n"
    for general, lf in (
        (sentences._PARAGRAPH_BREAK, sentences._PARAGRAPH_BREAK_LF),
        (sentences._NEWLINE, sentences._NEWLINE_LF),
    ):
        assert [m.span() for m in general.finditer(text)] == [m.span() for m in lf.finditer(text)]


@settings(max_examples=2000, deadline=None)
@given(_texts)
def test_the_repair_shortcuts_for_ascii_text_change_nothing(text: str) -> None:
    reference_quotes = []
    if repair._NOT_STRAIGHT.search(text):
        for m in repair._DOUBLE_MARKS.finditer(text):
            d = repair.mark_direction(text, m.start(), m.end(), m.group())
            want = repair._OPEN if d else repair._CLOSE
            if d is not None and m.group() != want:
                reference_quotes.append((m.start(), m.end(), want))
    assert repair._quote_edits(text) == reference_quotes
    if not repair._MAYBE.search(text):
        assert repair._mojibake_edits(text) == []


@settings(max_examples=2000, deadline=None)
@given(_texts)
def test_the_shape_features_for_ascii_text_are_the_regex_answers(text: str) -> None:
    assert features._has_digit(text, "sentence", False) == float(features._DIGIT.search(text) is not None)
    assert features._has_quote_mark(text, "sentence", False) == float(features._QUOTE_MARK.search(text) is not None)


@settings(max_examples=2000, deadline=None)
@given(_texts)
def test_quotations_in_text_without_an_opening_curly_mark_are_the_straight_single_ones(text: str) -> None:
    if "\u201c" in text or "\u2018" in text:
        text = text.replace("\u201c", '"').replace("\u2018", "'")
    spans = [m.span() for m in quotes._QUOTE_SPANS.finditer(text)]
    assert [m.span() for m in quotes._STRAIGHT_SINGLE_SPANS.finditer(text)] == spans


@pytest.mark.parametrize("text", _HOSTILE)
def test_quotation_paths_agree_on_hostile_input(text: str) -> None:
    spans = [m.span() for m in quotes._QUOTE_SPANS.finditer(text)]
    assert [m.span() for m in quotes._STRAIGHT_SINGLE_SPANS.finditer(text)] == spans


def test_long_runs_of_blanks_and_line_breaks_split_in_linear_time() -> None:
    text = ("Officials said so.\n" + " " * 200 + "\n" * 3 + "\t" * 100) * 2000
    out = sentences.split_sentences(text)
    assert len(out) == 2000 and out == _reference_split(text)
