"""Which documents are identified, where a source phrase's head is, and adverbs after "be" (issue 18, eighth
session).

The annotation guide (Part 2) makes a document anonymous unless its author, publisher, venue or name is given.
The mechanisms, each read off the out-of-domain dev parts and the guide, with the sentences that must not
change:

- a word of a nation or a faith is no author ("a Dutch report", "a Chinese study"; "a Pentagon report" is), and a
  word of when or how much is none ("new research", "early ratings data"; "federal data" names its kind);
- "the statement", "the letter" after "a statement", "a letter" is identified when the sentence that brought it
  in gave its author ("The ministry said in a statement ...", "a letter from the ministry"), and not when an
  outlet only saw it ("a letter seen by Reuters");
- a source phrase's head stops at any preposition, "within" and "inside" too ("sources within the ministry" is
  sources, not the ministry);
- an adverb after a form of "be" inside a lexicon phrase leaves it the same construction ("is still regarded
  as", "is also said to"): the reading must not change when only an adverb is added (the issue's invariance);
- the classifier may call a phrase named only with something that names (a name, a role, an organisation's
  word, a pronoun): "The leaflet said" is not a person; "the businessman" after a named person is that person.

The sentences are written for these tests (no corpus text).
"""

from __future__ import annotations

import pytest
from conftest import own_sources

from credscore.cues import CueDetector


@pytest.fixture(scope="module")
def det() -> CueDetector:
    return CueDetector()


TYPED = [
    # a people's adjective or a word of time is no author
    ("The cost will fall by half, a Dutch report released this week said.", ("a Dutch report", "document", True)),
    ("A Chinese study found that the dams had failed.", ("A Chinese study", "document", True)),
    ("Readers spend an hour a day on blogs, according to new research.", ("new research", "document", True)),
    ("Viewers preferred the debate, according to early ratings data.", ("early ratings data", "document", True)),
    # an author, a venue or a kind of issuer identifies it
    ("The cost will fall by half, a Pentagon report said.", ("a Pentagon report", "document", False)),
    ("Prices rose in March, according to federal data.", ("federal data", "document", False)),
    ("The dams had failed, a government report found.", ("a government report", "document", False)),
    ("Cases fell, according to a study published in The Lancet.", None),
    # the head stops at "within" / "inside"
    (
        "The leaders discussed the debt, according to sources within the Spanish foreign ministry.",
        ("sources within the Spanish foreign ministry", "unnamed_group", True),
    ),
    (
        "The talks had stalled, according to sources inside the ministry.",
        ("sources inside the ministry", "unnamed_group", True),
    ),
]


@pytest.mark.parametrize("text,expected", TYPED)
def test_a_document_is_identified_by_its_author_not_its_nation_or_date(
    det: CueDetector, text: str, expected: tuple[str, str, bool] | None
) -> None:
    found = own_sources(det, text)
    if expected is None:  # the whole phrase with its venue, identified
        assert [f for f in found if f[1] == "document"] and all(not f[2] for f in found), found
    else:
        assert expected in found, found


BACK = [
    # the author given where the document came in
    (
        'The Ministry of Trade said in a statement that talks would resume. "We welcome the plan," the statement said.',
        False,
    ),
    ('Reuters saw a letter from the ministry on Friday. "We object to the ruling," the letter said.', False),
    # only seen, or no author at all
    ('A letter seen by Reuters was sent on Monday. "We object to the ruling," the letter said.', True),
    ('She found a letter in the drawer on Monday. "We object to the ruling," the letter said.', True),
]


@pytest.mark.parametrize("text,anonymous", BACK)
def test_the_document_again_keeps_the_author_given_at_its_first_mention(
    det: CueDetector, text: str, anonymous: bool
) -> None:
    found = [f for f in own_sources(det, text) if f[0] in ("the statement", "the letter")]
    assert found and all(f[1] == "document" and f[2] is anonymous for f in found), own_sources(det, text)


ADVERB_SLOTS = [
    # an adverb after "be" leaves a lexicon phrase the same construction
    ("More than 40 years on, his 1962 album is still regarded as a classic.", "is still regarded as"),
    ("The minister is also said to have offered his resignation.", "is also said to"),
    ("The two men are now understood to be in custody.", "are now understood to"),
    ("The minister is said to have offered his resignation.", "is said to"),
]


@pytest.mark.parametrize("text,span", ADVERB_SLOTS)
def test_an_adverb_after_be_keeps_the_agentless_attribution(det: CueDetector, text: str, span: str) -> None:
    assert (span, "vague", True) in own_sources(det, text)


def test_an_adverb_slot_reads_the_same_as_the_phrase_without_it() -> None:
    from credscore.lexicon import default_lexicon

    lex = default_lexicon()
    for plain, with_adverb in [
        ("is regarded as", "is still regarded as"),
        ("it was reported", "it was also reported"),
        ("is expected to", "is widely expected to"),
    ]:
        (m,) = list(lex.finditer(with_adverb))
        assert m.group() == with_adverb
        assert {e.rule for e in lex.lookup_lowered(m.group())} >= {e.rule for e in lex.lookup_lowered(plain)}
    # no slot outside a form of "be", and no slot at a phrase's end
    assert [m.group() for m in lex.finditer("critics still say")] != ["critics still say"]


NOT_NAMED_WITHOUT_A_NAME = [
    # a common noun names no one: the classifier's next type holds
    ("The leaflet said the police had a duty to investigate.", "The leaflet"),
    ("The guidance published on Tuesday said the police had a duty.", "The guidance"),
]


@pytest.mark.parametrize("text,span", NOT_NAMED_WITHOUT_A_NAME)
def test_a_phrase_without_a_name_is_never_typed_as_named(det: CueDetector, text: str, span: str) -> None:
    found = [f for f in own_sources(det, text) if f[0] == span]
    assert found and all(f[1] not in ("named_person", "named_organization") for f in found), own_sources(det, text)


def test_a_definite_description_of_a_person_stays_a_person(det: CueDetector) -> None:
    text = (
        "\u201cShould there be a database?\u201d a reporter asked Mr. Trump after an event in Iowa.\n\n"
        "\u201cThere should be a lot of systems,\u201d the businessman replied."
    )
    assert ("the businessman", "named_person", False) in own_sources(det, text)


def test_a_definite_kind_of_body_stays_an_organisation(det: CueDetector) -> None:
    text = (
        "A cap on donations should not be introduced yet, the elections watchdog has said. "
        "In a new report, the watchdog says it is worth debating a cap."
    )
    found = own_sources(det, text)
    assert ("the elections watchdog", "named_organization", False) in found
    assert ("the watchdog", "named_organization", False) in found
