"""What is never a source: a phrase made only of a date or a time; and a number alone counts people.

Issue 18 found spans "that are only a date, a percentage or an adjective, taken as sources" in held-out
news. A date names no one, so the attribution stays unsourced (and weak) rather than passing for a named
person. A number alone ("Two said") is people not named; a month alone may be a name ("May said"); a share of
respondents ("53% said") is the poll-share rule's.
"""

from __future__ import annotations

import pytest

from credscore.cues import CueDetector
from credscore.cues.resolution import is_time_or_number


@pytest.fixture(scope="module")
def det() -> CueDetector:
    return CueDetector()


def _sources(det: CueDetector, text: str) -> list[tuple[str, str, bool, int | None]]:
    _cues, sources = det.analyze(text)
    out = []
    for row in sources:
        for x in row:
            assert text[x.start : x.end] == x.text  # spans point at the caller's characters
            out.append((x.text, x.type, x.anonymous, x.count))
    return out


NOT_A_SOURCE = [
    '"The plan is dead," said Monday.',
    '"It is over," said Tuesday morning.',
    "The plant will close, 2019 said.",
    "The vote failed, last week said.",
    '"We were never told," said March 3.',
]


@pytest.mark.parametrize("text", NOT_A_SOURCE)
def test_a_date_is_no_source(det: CueDetector, text: str) -> None:
    assert _sources(det, text) == []
    cues = [c.rule for row in det.detect(text) for c in row]
    assert "unsourced_attribution" in cues  # the verb of saying still says "sourced by no one found"


NUMBERS = [
    ("Two said they would stay.", ("Two", "unnamed_group", True, 2)),
    ("Of the 12 residents interviewed, three said they would leave.", ("three", "unnamed_group", True, 3)),
    ("One said he would leave.", ("One", "unnamed_person", True, 1)),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_a_number_alone_counts_people(det: CueDetector, text: str, expected: tuple) -> None:
    assert expected in _sources(det, text)


NAMES = [
    ("Theresa May said the deal was done.", "Theresa May"),
    ('"We will stay," said May.', "May"),
    ("Monday Properties said it would sell the tower.", "Monday Properties"),
]


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_a_name_with_a_date_word_stays_named(det: CueDetector, text: str, name: str) -> None:
    found = {x[0]: x for x in _sources(det, text)}
    assert name in found
    assert found[name][1].startswith("named_") and not found[name][2]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["monday"], True),
        (["last", "week"], True),
        (["tuesday", "morning"], True),
        (["march", "3"], True),
        (["2019"], True),
        (["two", "years", "ago"], True),
        (["may"], False),
        (["two"], False),
        (["12"], False),
        (["53%"], False),
        (["last", "resident"], False),
        (["the", "week"], False),
    ],
)
def test_is_time_or_number(words: list[str], expected: bool) -> None:
    assert is_time_or_number(words) is expected
