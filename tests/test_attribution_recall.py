"""Attributions found in more of their shapes (issue 18, recall on news outside PolNeAR).

A verb of saying or believing attributes in every tense: "is saying", "have been warning", "are hoping".

Before, a form of "be" before the verb made it a passive ("was told by aides"), so a progressive ("Trump is
saying that ...", "Pakistanis are now hoping that ...") found no source, and the claim read as the outlet's
own. The lexicon also lacked forms whose other forms it held ("reckons", "hoped", "responds").

A sentence adverb before the verb is no one: in "Locally, too, say analysts," the speaker follows the verb.
"""

from __future__ import annotations

import pytest

from credscore.cues import CueDetector


@pytest.fixture(scope="module")
def det() -> CueDetector:
    return CueDetector()


def _sources(det: CueDetector, text: str) -> list[tuple[str, str]]:
    _cues, sources = det.analyze(text)
    out = []
    for row in sources:
        for x in row:
            assert text[x.start : x.end] == x.text
            out.append((x.text, x.type))
    return out


PROGRESSIVE = [
    ("Trump is saying that the deal is dead.", ("Trump", "named_person")),
    ("Residents are now hoping that the plant reopens.", ("Residents", "unnamed_group")),
    ("Officials have been warning that the dam could fail.", ("Officials", "unnamed_group")),
    ("Mayor Linda Park will be telling the council that the budget is short.", ("Mayor Linda Park", "named_person")),
    ("What Lena Park is saying is that the plan failed.", ("Lena Park", "named_person")),
    ("Delta Air Lines was warning customers that flights would be delayed.", ("Delta Air Lines", "named_organization")),
]


@pytest.mark.parametrize(("text", "expected"), PROGRESSIVE)
def test_progressive_verbs_find_their_source(det: CueDetector, text: str, expected: tuple[str, str]) -> None:
    assert expected in _sources(det, text)


OTHER_FORMS = [
    ("Analysts reckon that other nations may follow suit.", "Analysts"),
    ("Lee hoped that the plant would reopen.", "Lee"),
    ("The ministry responds that the figures are wrong.", "The ministry"),
    ("The audit reveals that the agency overspent.", "The audit"),
    ("Ms. Brooks concedes that the vote was close.", "Ms. Brooks"),
]


@pytest.mark.parametrize(("text", "source"), OTHER_FORMS)
def test_other_forms_of_known_verbs(det: CueDetector, text: str, source: str) -> None:
    assert source in [t for t, _ in _sources(det, text)]


STANCE_FORMS = [
    ("The minister assured reporters that the bank was safe.", "The minister"),
    ("He reminded voters that taxes had fallen.", "He"),
    ("Lee informed the city council that the budget was short.", "Lee"),
    ("Lee disputed that the figures were wrong.", "Lee"),
    ('"It is over!" exclaimed Ms. Lee.', "Ms. Lee"),
]


@pytest.mark.parametrize(("text", "source"), STANCE_FORMS)
def test_verbs_of_informing_and_stance_in_speech_context(det: CueDetector, text: str, source: str) -> None:
    assert source in [t for t, _ in _sources(det, text)]


NOT_ATTRIBUTIONS = [
    "She was reminded of her youth.",
    "The disputed territory was quiet.",
    "Informed voters chose wisely.",
    "The win assured the team a place in the final that season.",
    "The envoy had been recalled.",  # a passive of an event verb: no source, no cue
    "The team, hoping to win, trained all week.",  # a belief verb without a source is dropped
    "The stresses of the job were obvious.",  # a noun: speech context only
    "Remarks at the dinner were brief.",
]


@pytest.mark.parametrize("text", NOT_ATTRIBUTIONS)
def test_not_attributions(det: CueDetector, text: str) -> None:
    cues = [c for row in det.detect(text) for c in row]
    assert not [c for c in cues if c.kind == "attribution"], cues


FRONTED_ADVERB = [
    ("Locally, too, say analysts, recent political developments have helped the market.", ("analysts", True)),
    ("Separately, said Ms. Lee, the board met on Monday.", ("Ms. Lee", False)),
    # A name in -ly keeps its place when no speaker follows the verb.
    ("Connolly, too, said that the plan failed.", ("Connolly", False)),
    ("Kelly, too, said the plan failed.", ("Kelly", False)),
]


@pytest.mark.parametrize(("text", "expected"), FRONTED_ADVERB)
def test_a_fronted_adverb_is_no_one(det: CueDetector, text: str, expected: tuple[str, bool]) -> None:
    _cues, sources = det.analyze(text)
    found = [(x.text, x.anonymous) for row in sources for x in row]
    assert found == [expected]
