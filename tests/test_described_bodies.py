"""A definite description of organisations points back to the bodies the article named (issue 18, eighth session).

The issue's registry principle: a description ("the company", "the newspaper") resolves to the most salient
compatible entity of the article, not only to earlier sources. Read off the out-of-domain dev parts, where
named bodies had come out anonymous groups:

- "the firms", "the NGOs", "both companies" after "X and Y" (two or more names joined by "and", "&" or commas,
  none a person's) are those bodies: named organisations;
- "the company" after one body named in the sentences before is that body; after two, it stays as it reads;
- "the newspaper", "the magazine" point back only to an outlet, never to a company; "the media" is the media as
  a whole, no one body;
- outlets whose names end in a document word or a foreign word for newspaper are outlets ("U.S. News & World
  Report", "Nihon Keizai Shimbun").

The sentences are written for these tests (no corpus text).
"""

from __future__ import annotations

import pytest
from conftest import own_sources

from credscore.cues import CueDetector


@pytest.fixture(scope="module")
def det() -> CueDetector:
    return CueDetector()


def _typed(det: CueDetector, text: str, span: str) -> tuple[str, bool]:
    found = [(t, a) for s, t, a in own_sources(det, text) if s == span]
    assert found, own_sources(det, text)
    return found[0]


POINTS_BACK = [
    ("A paper said Mizuho and SMFG will merge next year. The firms denied that they would link up.", "The firms"),
    ("Kiko Network and Peace Boat handed a letter to the guard. In it, the NGOs said they were dismayed.", "the NGOs"),
    (
        "Orvex, Tallin & Brook and Medra signed the pact on Monday. The companies said prices would fall.",
        "The companies",
    ),
]


@pytest.mark.parametrize(("text", "span"), POINTS_BACK)
def test_a_plural_description_names_the_bodies_the_article_joined(det: CueDetector, text: str, span: str) -> None:
    assert _typed(det, text, span) == ("named_organization", False)


STAYS = [
    # people, not bodies
    ("John Smith and Mary Jones met on Monday. The firms said sales fell.", "The firms"),
    # no paper named: the newspaper stays unnamed
    ("Orvex reported a loss on Monday. The newspaper said sales fell.", "The newspaper"),
]


@pytest.mark.parametrize(("text", "span"), STAYS)
def test_a_description_with_nothing_compatible_before_stays_unnamed(det: CueDetector, text: str, span: str) -> None:
    assert _typed(det, text, span)[1] is True


def test_the_media_is_no_one_body(det: CueDetector) -> None:
    text = "Orvex and Medra merged on Monday. The media reported that 120 staff would go."
    assert _typed(det, text, "The media") == ("unnamed_group", True)


OUTLETS = [
    ("U.S. News & World Report called the charity one of the best.", "U.S. News & World Report"),
    ("Nihon Keizai Shimbun claimed that the banks will merge.", "Nihon Keizai Shimbun"),
]


@pytest.mark.parametrize(("text", "span"), OUTLETS)
def test_an_outlet_named_with_a_document_or_foreign_word_is_an_organisation(
    det: CueDetector, text: str, span: str
) -> None:
    assert _typed(det, text, span) == ("named_organization", False)
