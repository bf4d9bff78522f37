"""Verbs of judging aloud, beliefs stated with an adjective, and attribution nouns with a place: golden tables.

Sentences written for these tests (none copied from a corpus). Each row: the text, and its own sources as (text,
type, anonymous). What they specify:

- a verb of judging aloud (object_stance_verbs in verbs.tsv: "criticised", "thanked", "blamed", "singled out")
  attributes a judgment to its subject when an object follows, or in the passive with its agent; "the criticised
  policy", "was criticised" (no agent) and the verb with no object are no attribution
  (credscore/cues/attribution.py);
- a belief stated with a predicate adjective or "under the assumption" (credscore/cues/beliefs.py) makes its
  holder a source, typed by the typer; no holder for "it", the writer, a hypothetical ("can be convinced"), an
  adjective of a thing ("a confident smile");
- an attribution noun in an agentless frame ("there was a sentiment in the market that", "the perception in
  Germany that") is a vague source; a place after "in" is where the view is held, not who holds it
  (credscore/cues/agentless.py).
"""

from __future__ import annotations

import pytest

from credscore.cues import CueDetector
from credscore.cues.beliefs import BELIEF_FRAMES

DET = CueDetector()


def _sources(text: str) -> list[tuple[str, str, bool]]:
    _, srcs = DET.analyze(text)
    for row in srcs:
        for x in row:
            assert text[x.start : x.end] == x.text  # spans are sacred
    return [(x.text, x.type, x.anonymous) for row in srcs for x in row if not x.inherited]


JUDGING = [
    (
        "Union leader Sam Okafor has criticised the regulator's new rules.",
        [("Union leader Sam Okafor", "named_person", False)],
    ),
    ("Coach Mia Torres thanked fans for their support all season.", [("Coach Mia Torres", "named_person", False)]),
    ("Dr Amina Yusuf blamed the outbreak on crowded housing.", [("Dr Amina Yusuf", "named_person", False)]),
    ("Kessler also singled out two young defenders for praise.", [("Kessler", "named_person", False)]),
    ("Some economists, however, pointed to weak wage growth.", [("Some economists", "vague", True)]),
    ("The referee has defended his handling of the final.", [("The referee", "named_person", False)]),
    ("The new bridge was hailed as a triumph of design by many critics.", [("many critics", "vague", True)]),
    ("Others continued to warn that the rally would not last.", [("Others", "vague", True)]),
    ("Mayor Lena Park voiced concern that the clinic would close.", [("Mayor Lena Park", "named_person", False)]),
    ("Coach Dan Ruiz felt the result showed how far the team had come.", [("Coach Dan Ruiz", "named_person", False)]),
    # a definite title with its "of" phrase (was a known miss: the walk back stopped at "of")
    ("The head of the union has criticised the new rules.", [("The head of the union", "named_person", False)]),
    # a bare plural opening a sentence is no name (was a known miss: read as a surname); vague, as PolNeAR reads it
    ("Investors remain concerned about the debt.", [("Investors", "vague", True)]),
    # a participle of saying hangs on the main clause; a court's decision; dismissing and rejecting aloud
    (
        "The Harlow Trust froze its grants, accusing the council of wasting money.",
        [("The Harlow Trust", "named_organization", False)],
    ),
    ("The appeals court ruled that the new law was invalid.", [("The appeals court", "named_organization", False)]),
    ("Mayor Lena Park dismissed the offer as an insult.", [("Mayor Lena Park", "named_person", False)]),
]

#: Another sense of the verb, or no agent: no source.
NOT_JUDGING = [
    "The criticised policy was dropped last week.",
    "The plan was criticised at the meeting.",
    "The price rose on Tuesday.",
    "The home side defended well in the second half.",
    "She felt the cold wind on her face.",
    "They felt the effects of the cuts for years.",
    "He ruled the country for thirty years.",
    "The side was dismissed for 120 runs.",
]


@pytest.mark.parametrize(("text", "want"), JUDGING, ids=[j[0][:45] for j in JUDGING])
def test_a_verb_of_judging_with_an_object_attributes(text: str, want: list[tuple]) -> None:
    assert _sources(text) == want


@pytest.mark.parametrize("text", NOT_JUDGING)
def test_a_verb_of_judging_without_object_or_agent_is_no_attribution(text: str) -> None:
    assert _sources(text) == []


def test_he_criticised_without_an_object_is_not_read_as_one() -> None:
    # "He criticised." has no object: the object frame does not fire (speech context would still make it one).
    assert _sources("He criticised.") == []


BELIEFS = [
    (
        "Shares climbed all morning, with many traders optimistic that the merger will go ahead.",
        [("many traders", "vague", True)],
    ),
    (
        "Delighted farmers cheered as the rain began, confident that the harvest was saved.",
        [("Delighted farmers", "unnamed_group", True)],
    ),
    ("Industry analysts were also excited about the new battery chemistry.", [("Industry analysts", "vague", True)]),
    ("Many parents now worried about the longer school day.", [("Many parents", "vague", True)]),
    ("A lot of voters are under the impression that the tax was scrapped.", [("voters", "unnamed_group", True)]),
    ("The airline was confident that the strike would end soon.", [("The airline", "named_organization", False)]),
    # a participle of belief after the clause hangs on its subject, as a participle of saying does ("the minister
    # resigned, saying that ..."); until the seventh session of issue 18 the fronted "Disillusioned," hid it
    (
        "Disillusioned, the minister resigned, convinced that the talks had failed.",
        [("the minister", "named_person", False)],
    ),
]

#: No holder: the expletive "it", the writer, a hypothetical, an adjective of a thing, no clause or topic.
NOT_BELIEFS = [
    "It is certain that prices will rise again.",
    "Make sure that the doors are locked.",
    "I am confident that the bridge will open on time.",
    "She gave a confident smile and left the room.",
    "If the mayor can be convinced that the plan works, it will pass.",
    "The worried look on her face was plain.",
]


@pytest.mark.parametrize(("text", "want"), BELIEFS, ids=[b[0][:45] for b in BELIEFS])
def test_the_holder_of_a_belief_adjective_is_a_source(text: str, want: list[tuple]) -> None:
    assert _sources(text) == want


@pytest.mark.parametrize("text", NOT_BELIEFS)
def test_a_belief_word_without_a_holder_is_no_source(text: str) -> None:
    assert _sources(text) == []


def test_a_quoted_belief_is_the_speakers_not_a_new_source() -> None:
    got = _sources('"Many fans are worried about the new stadium," the club chairman said.')
    assert got == [("the club chairman", "named_person", False)]


def test_switching_belief_verbs_off_drops_the_adjective_holders() -> None:
    det = CueDetector(disabled_rules=["belief_verb"])
    _, srcs = det.analyze("Industry analysts were also excited about the new battery chemistry.")
    assert [x for row in srcs for x in row] == []


def test_every_belief_frame_has_a_name_and_example() -> None:
    assert len({f.name for f in BELIEF_FRAMES}) == len(BELIEF_FRAMES)
    assert all(f.example for f in BELIEF_FRAMES)


NOUNS = [
    (
        "Currency traders said there was a sentiment in the market that the euro had peaked.",
        [("Currency traders", "unnamed_group", True), ("there was a sentiment", "vague", True)],
    ),
    ("The perception in France that wine prices are too high persists.", [("The perception", "vague", True)]),
    ("There is a widespread attitude that rules are for others.", [("There is a widespread attitude", "vague", True)]),
]


@pytest.mark.parametrize(("text", "want"), NOUNS, ids=[n[0][:45] for n in NOUNS])
def test_an_attribution_noun_without_a_holder_is_vague(text: str, want: list[tuple]) -> None:
    assert _sources(text) == want


def test_an_outlet_after_in_is_still_a_holder() -> None:
    # "reports in the Times that": the Times holds the report; only a place after "in" is no holder.
    assert [x for x in _sources("Reports in the Times that the minister quit were denied.") if x[1] == "vague"] == []


#: Known misses of the typer and the subject walker (source_types.py, sources.py), found writing these rows: the
#: frames find the source, its span or type is wrong.
KNOWN_MISSES = [
    # a definite role ("the health officer") is typed a group
    ("The health officer blamed the outbreak on crowded housing.", [("The health officer", "named_person", False)]),
]


@pytest.mark.xfail(reason="typer / subject walker, not the frames (see KNOWN_MISSES)", strict=True)
@pytest.mark.parametrize(("text", "want"), KNOWN_MISSES, ids=[k[0][:45] for k in KNOWN_MISSES])
def test_known_misses(text: str, want: list[tuple]) -> None:
    assert _sources(text) == want
