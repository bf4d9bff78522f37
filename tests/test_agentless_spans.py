"""A source phrase that is only a verb group or an adverb of hearsay is the agentless attribution itself
(annotation guide, Part 2: "the source span is the construction itself"), typed `vague` wherever it comes from
(a rule's span or a gold span given to the typer)."""

from __future__ import annotations

import pytest

from credscore.cues import CueDetector
from credscore.cues.document import Document
from credscore.cues.source_types import type_span
from credscore.sentences import split_sentences


@pytest.fixture(scope="module")
def det() -> CueDetector:
    return CueDetector()


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("They are all believed to be considering their positions.", "are all believed"),
        ("The plan, supposedly an alternative to the treaty, was shelved.", "supposedly"),
        ("In the US is it expected to cost $250.", "is it expected"),
        ("He stands accused of breaching the code.", "stands accused"),
    ],
)
def test_a_verb_group_alone_is_vague(det: CueDetector, text: str, phrase: str) -> None:
    doc = Document(det, text, split_sentences(text))
    a = text.index(phrase)
    got = type_span(doc, a, a + len(phrase))
    assert got is not None and (got.type, got.anonymous) == ("vague", True), got


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Senior officials are said to be divided.", "Senior officials", "unnamed_group"),
        ("Anna Berg, a reportedly close aide, said no.", "Anna Berg", "named_person"),
    ],
)
def test_a_phrase_with_a_noun_is_typed_by_its_noun(det: CueDetector, text: str, phrase: str, expected: str) -> None:
    doc = Document(det, text, split_sentences(text))
    a = text.index(phrase)
    got = type_span(doc, a, a + len(phrase))
    assert got is not None and got.type == expected, got
