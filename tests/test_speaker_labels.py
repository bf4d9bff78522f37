"""Speaker labels: "Name: claim" opening a headline or a transcript line attributes the claim to the name.

PolNeAR marks these (a headline "Bernie Sanders: 'Of Course' ..." has the source Bernie Sanders and the cue
":"); credscore found none of them before issue 18's fourth session. Invented sentences throughout.
"""

from __future__ import annotations

import pytest
from conftest import own_sources

from credscore.cues import CueDetector

DET = CueDetector()


def _sources(text: str) -> list[tuple[str, str, bool]]:
    return own_sources(DET, text)


LABELS = [
    (
        "Mara Quill: \u2018The Budget Will Balance.\u2019\n\nThe senator spoke on Monday.",
        ("Mara Quill", "named_person"),
    ),
    ("Gov. Ann Roe: Schools Must Reopen by May.\n\nThe governor said so on Monday.", ("Gov. Ann Roe", "named_person")),
    ("Harlow Daily News: Bridge Repairs Will Take Two Years.", ("Harlow Daily News", "named_organization")),
    (
        "Mary Fallin spoke to the host.\n\nFALLIN: Well, I think the whole nation needs to work together.",
        ("FALLIN", "named_person"),
    ),
    # a known miss of tests/test_sources.py until this stage
    ("Bolton: \u2018Her campaign is a failure.\u2019", ("Bolton", "named_person")),
]


@pytest.mark.parametrize(("text", "want"), LABELS, ids=[x[0][:30] for x in LABELS])
def test_a_label_opening_its_line_is_the_source(text: str, want: tuple[str, str]) -> None:
    got = _sources(text)
    assert (*want, False) in got, got


NOT_LABELS = [
    "WASHINGTON: The talks ended without a deal.",  # a dateline
    "Update: The story was corrected on Tuesday.",
    "Editor's note: The story was corrected on Tuesday.",
    "Q: What happens now?\nA: We wait for the vote.",
    "The plan had one goal: Lower taxes for everyone.",  # not at a line's start
    "Monday: The talks resume.",
]


@pytest.mark.parametrize("text", NOT_LABELS)
def test_a_label_that_names_no_speaker_is_no_source(text: str) -> None:
    assert _sources(text) == []


def test_switched_off_the_labels_are_not_read() -> None:
    det = CueDetector(disabled_rules=["speaker_label"])
    _, rows = det.analyze("Mara Quill: \u2018The Budget Will Balance.\u2019")
    assert [x for row in rows for x in row] == []


INTERVIEW = (
    "Maria Lopez fled Honduras at 14. Lopez now runs a shelter in Texas.\n\n"
    "Q: What did you find when you came home?\n\n"
    "A: My parents were gone, and a neighbor took me in.\n\n"
    "Q: Will you say so to the committee?\n\n"
    "A: I will tell them what I told you."
)


def test_the_answers_of_an_interview_are_the_person_interviewed() -> None:
    """'A:' in a question-and-answer interview is the person the article is about (named most often before
    it), on the record; so is the "you" its questions are put to. With no person named, "A:" is no one."""
    _, rows = DET.analyze(INTERVIEW)
    answers = [x for row in rows for x in row if x.text == "A"]
    assert len(answers) == 2
    assert all(x.type == "named_person" and not x.anonymous and x.refers_to.text == "Maria Lopez" for x in answers)
    you = [x for row in rows for x in row if x.text == "you" and x.rule == "pronoun_source"]
    assert you and all(x.type == "named_person" and x.refers_to.text == "Maria Lopez" for x in you)
