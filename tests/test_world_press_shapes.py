"""Attributions in shapes the third out-of-domain dev part (BBC News and MPQA world press) showed missed (issue
18, eighth session), each fixed by a mechanism, with the sentences that must not change:

- a reporting clause that closes the sentence after a comma is a speech context for an ambiguous verb ("..., the
  gap is closing, the report concluded."), but not a verb of going on ("..., the fighting continued.");
- an aside between commas may stand between the verb and "that" ("considered, moreover, that") or between the
  subject and the verb ("did, nevertheless, affirm"), and "for his part" before "that";
- a verb of hurrying or seeking before "to" lets its subject speak as "began to" does ("The White House hastened
  to describe");
- "described by X as" is said by X, wherever the participle stands;
- a clause without "that" after an ambiguous verb may have an aside about its subject ("alleged, the plan,
  nominally launched to ..., is");
- a number with thousands separators is one token ("The poll of 20,000 people found"), so no comma cuts a phrase;
- "reports" is a verb of reporting before "that" or a speaker who closes the clause ("..., reports Toby Harnden in
  Washington"), and a noun otherwise ("said the reports"); "agreeing that" hangs on the clause before it;
- a verb of warning, accusing or urging in the passive with no agent is an agentless (vague) attribution, its span
  the whole verb group ("have been warned").

The sentences are written for these tests (no corpus text).
"""

from __future__ import annotations

import pytest
from conftest import own_sources, own_spans, unsourced

from credscore.cues import CueDetector
from credscore.cues.text import tokens


@pytest.fixture(scope="module")
def det() -> CueDetector:
    return CueDetector()


FOUND = [
    ("Although rates differ between nations, the gap is closing, the report concluded.", "the report"),
    ("President Ana Ruiz considered, moreover, that it would be irresponsible to wait.", "President Ana Ruiz"),
    ("Mr. Ortiz did, nevertheless, affirm that the country will not interfere.", "Mr. Ortiz"),
    ("Dana Lowe, the director of the trust, considers for her part that the plan is wrong.", None),
    ('The ministry hastened to describe the plan as "the boldest in our history".', "The ministry"),
    (
        'The cut is 18%, an objective described by the administration as "comparable" to the treaty.',
        "the administration",
    ),
    ("The poll of 20,000 people in 20 countries found that 59% wanted more technology.", None),
    # a clause without "that" whose subject has an aside between commas
    (
        "Meanwhile, Mr. Ortiz alleged, the land plan, nominally launched to resettle families, is enriching cronies.",
        "Mr. Ortiz",
    ),
]


@pytest.mark.parametrize(("text", "span"), FOUND)
def test_the_source_of_each_world_press_shape_is_found(det: CueDetector, text: str, span: str | None) -> None:
    found = own_spans(det, text)
    assert found, text
    if span is not None:
        assert found == [span]
    assert not unsourced(det, text)


NONE = [
    "After the rain stopped, the fighting continued.",
    "The bill was considered by the Senate on Monday.",
    "The committee considered the bill for an hour.",
]


@pytest.mark.parametrize("text", NONE)
def test_what_is_no_attribution_stays_none(det: CueDetector, text: str) -> None:
    cues, rows = det.analyze(text)
    assert not [c for row in cues for c in row if c.kind == "attribution"] and not any(rows), text


def test_a_number_with_thousands_separators_is_one_token() -> None:
    text = "Of 2,000 people, 1,250,000 dollars; 1,2,3."
    assert [t[2] for t in tokens(text, text.lower(), 0, len(text))] == [
        "of",
        "2,000",
        "people",
        ",",
        "1,250,000",
        "dollars",
        ";",
        "1",
        ",",
        "2",
        ",",
        "3",
        ".",
    ]


AGENTLESS_PASSIVES = [
    # a verb of warning, accusing or urging in the passive with no agent: no one in particular warned
    ("Merchant ships have been warned to sail several miles off the coast.", ("have been warned", "vague", True)),
    ("The mayor was accused of taking bribes from developers.", ("was accused", "vague", True)),
    ("Residents were urged to stay indoors until the smoke cleared.", ("were urged", "vague", True)),
    # the auxiliaries before "be" belong to the construction
    ("It has been reported that the talks failed.", ("It has been reported", "vague", True)),
]


@pytest.mark.parametrize(("text", "expected"), AGENTLESS_PASSIVES)
def test_an_agentless_passive_of_warning_or_accusing_is_a_vague_source(
    det: CueDetector, text: str, expected: tuple[str, str, bool]
) -> None:
    assert own_sources(det, text) == [expected]


def test_a_passive_with_its_agent_rests_on_the_agent(det: CueDetector) -> None:
    assert own_spans(det, "The mayor was warned by two former aides that the deal was illegal.") == ["two former aides"]


REPORTS = [
    # "reports" is a verb of reporting before "that" or before a speaker who closes the clause ...
    ("Toby Harnden reports that the prisoners are treated well.", ["Toby Harnden"]),
    ("The prisoners are treated well, reports Toby Harnden in Washington.", ["Toby Harnden"]),
    # ... and a noun of report otherwise, which never ends a phrase as a verb would
    ("Growth slowed, said the reports.", ["the reports"]),
    ("Media reports said the deal was off.", ["Media reports"]),
    # the participle of a verb of judging hangs on the clause before it too
    ("Prescott came to Anderson's support on Friday, agreeing that the deal was vital.", ["Prescott"]),
]


@pytest.mark.parametrize(("text", "spans"), REPORTS)
def test_reports_is_a_verb_or_a_noun_by_its_context(det: CueDetector, text: str, spans: list[str]) -> None:
    assert own_spans(det, text) == spans


PARTICIPLES = [
    ("The ministry issued a memo on Monday, stating that the talks had failed.", ["The ministry"]),
    ("She wrote to the council, suggesting that it reconsider the plan.", ["She"]),
]


@pytest.mark.parametrize(("text", "spans"), PARTICIPLES)
def test_a_participle_of_saying_from_the_reference_lists_hangs_on_its_clause(
    det: CueDetector, text: str, spans: list[str]
) -> None:
    assert own_spans(det, text) == spans
