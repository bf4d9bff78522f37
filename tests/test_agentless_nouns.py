"""Agentless attribution by a noun or a participle (credscore/cues/agentless.py): a golden table.

Sentences written for these tests (none copied from a corpus). Each row: the text, and its own sources as (text,
type, anonymous, rule). The guide (docs/annotation-guide.md, Part 2) types agentless attribution ``vague``, the
source span the construction; a noun with a holder ("Trump's claims", "fears among investors") is never vague.
"""

from __future__ import annotations

import pytest

from credscore.cues import CueDetector
from credscore.cues.agentless import FRAMES

DET = CueDetector()

GOLDEN = [
    # there + be + noun
    (
        "There was speculation the two ministers were trying to outdo each other.",
        [("There was speculation", "vague", True, "agentless")],
    ),
    (
        "There has been renewed speculation of a split inside the cabinet.",
        [("There has been renewed speculation", "vague", True, "agentless")],
    ),
    (
        "There is a widespread belief that the tax will be raised.",
        [("There is a widespread belief", "vague", True, "agentless")],
    ),
    # a preposition + noun + that/of
    (
        "The pound slipped on concerns that the central bank may cut rates.",
        [("concerns", "vague", True, "agentless")],
    ),
    ("Shares fell amid growing fears that the merger will collapse.", [("growing fears", "vague", True, "agentless")]),
    (
        "Oil rose, with predictions of a cold winter in Europe.",
        [("predictions", "vague", True, "agentless")],
    ),
    # the noun opening its clause, or the object of a verb of rejecting
    (
        "Fears that the bridge may close have grown since the storm.",
        [("Fears", "vague", True, "agentless")],
    ),
    (
        "The minister dismissed suggestions that the plan was dead.",
        # the minister's dismissal is a statement of hers; the suggestions are no one's
        [("The minister", "named_person", False, "definite_role"), ("suggestions", "vague", True, "agentless")],
    ),
    # abuzz with: the crowd that speculates is part of the construction
    (
        "The harbour town is abuzz with rumours that the shipyard will reopen.",
        [("The harbour town is abuzz with rumours", "vague", True, "agentless")],
    ),
    # widely + participle: passive, or a reduced relative
    (
        "The vote, widely expected to be close, takes place on Sunday.",
        [("widely expected", "vague", True, "agentless")],
    ),
    (
        "Her first novel has been widely acclaimed as a masterpiece.",
        [("has been widely acclaimed", "vague", True, "agentless")],
    ),
    # eighth session, from unlabelled BBC News: a clause without "that" after the noun, a verb before it, the
    # noun as the subject of "is mounting", and a date between two prepositions
    (
        "Shares fell sharply, amid speculation the firm will be sold.",
        [("speculation", "vague", True, "agentless")],
    ),
    (
        "Shares in the carrier rose 9% on Tuesday on speculation it is to receive a bid.",
        [("speculation", "vague", True, "agentless")],
    ),
    (
        "The cut has prompted speculation other airlines will match the fares.",
        [("speculation", "vague", True, "agentless")],
    ),
    ("Speculation is mounting that the bidders may raise their offer.", [("Speculation", "vague", True, "agentless")]),
    (
        "It is the 21st film, and speculation has been rife over who will play the lead.",
        [("speculation", "vague", True, "agentless")],
    ),
]

#: A holder is named, the noun is the object of a relative clause, or the participle is an active verb: no
#: vague source.
NOT_VAGUE = [
    "Trump's claims that the vote was rigged were false.",
    "Shares fell amid fears among investors that rates will rise.",
    "Prices rose on concerns from farmers that the harvest will fail.",
    "There were complaints by residents that the water smelled.",
    "The concerns that residents raised were ignored by the council.",
    "Experts widely praised the plan for its ambition.",
    "The drug is widely used to treat malaria.",
    "He left the party, warning that the coalition would fall.",
    'The mayor said: "There is speculation that we will close the pool, and it is wrong."',
    "The minister spoke amid speculation in the markets.",
]


@pytest.mark.parametrize(("text", "want"), GOLDEN, ids=[g[0][:45] for g in GOLDEN])
def test_golden_agentless_nouns(text: str, want: list[tuple]) -> None:
    _, srcs = DET.analyze(text)
    got = [(x.text, x.type, x.anonymous, x.rule) for row in srcs for x in row if not x.inherited]
    assert got == want
    for row in srcs:
        for x in row:
            assert text[x.start : x.end] == x.text


@pytest.mark.parametrize("text", NOT_VAGUE)
def test_a_holder_or_another_sense_makes_no_vague_source(text: str) -> None:
    _, srcs = DET.analyze(text)
    # No agentless source; "Experts widely praised the plan" has its subject as a (vague) source of its own since
    # verbs of judging attribute with an object (tests/test_stance_and_belief_frames.py).
    assert [x.text for row in srcs for x in row if x.rule == "agentless" and not x.inherited] == []


def test_switching_agentless_off_drops_the_noun_sources() -> None:
    det = CueDetector(disabled_rules=["agentless"])
    _, srcs = det.analyze("There was speculation the two ministers were trying to outdo each other.")
    assert [x for row in srcs for x in row] == []


def test_every_frame_has_a_name_and_example() -> None:
    assert len({f.name for f in FRAMES}) == len(FRAMES)
    assert all(f.example for f in FRAMES)


#: A noun of attribution with a holder: the holder is the source (the possessor, or the agent after "by",
#: "from", "among").
HOLDERS = [
    # "dismissed the agency's fears": a verb of judging with an object, its subject a source too
    (
        "Officials dismissed the agency's fears that the dam would fail.",
        [("Officials", "unnamed_group"), ("the agency", "named_organization")],
    ),
    ("Trump's claims that the vote was rigged were false.", [("Trump", "named_person")]),
    # "defended the referee": a verb of judging with an object, its subject a source too
    (
        "The coach defended the referee after criticism by Matt Lee.",
        [("The coach", "named_person"), ("Matt Lee", "named_person")],
    ),
    ("Shares fell amid fears among investors that rates will rise.", [("investors", "unnamed_group")]),
    ("But Acme Corp's concerns about the merger remain.", [("Acme Corp", "named_organization")]),
]


@pytest.mark.parametrize(("text", "want"), HOLDERS, ids=[h[0][:45] for h in HOLDERS])
def test_the_holder_of_an_attribution_noun_is_its_source(text: str, want: list[tuple]) -> None:
    _, srcs = DET.analyze(text)
    assert [(x.text, x.type) for row in srcs for x in row if not x.inherited] == want


def test_a_noun_without_a_claim_clause_has_no_holder() -> None:
    _, srcs = DET.analyze("His report on the budget was late.")
    assert [x for row in srcs for x in row] == []


#: "expressed" with a stance noun as its object attributes the stance to its subject; without one it is no
#: attribution.
VOICING = [
    ("The mayor expressed grave concerns about the budget.", [("The mayor", "named_person")]),
    ("Senator Ann Roe expressed confidence that the bill will pass.", [("Senator Ann Roe", "named_person")]),
    ("The courier expressed the parcel overnight.", []),
]


@pytest.mark.parametrize(("text", "want"), VOICING, ids=[v[0][:45] for v in VOICING])
def test_a_verb_of_voicing_attributes_with_a_stance_noun(text: str, want: list[tuple]) -> None:
    _, srcs = DET.analyze(text)
    assert [(x.text, x.type) for row in srcs for x in row if not x.inherited] == want
