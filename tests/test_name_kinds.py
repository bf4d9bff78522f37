"""Person or organisation, by what the article writes; agentless verb groups; described groups.

Issue 18: single-word organisations were typed as people ("Google said that profits fell" -> named_person)
because one capitalised word is read as a surname unless something says otherwise. What says otherwise is
the rest of the article: "Sony, which ...", "Yukos has said it intends ...", "a Sony spokesman", "shares in
Sony" (an organisation); "Lee, who ...", "Lee said he ..." (a person). Every mention of a word in one article
reads the same. Invented sentences throughout.
"""

from __future__ import annotations

import pytest
from conftest import own_sources

from credscore.cues import CueDetector
from credscore.cues.document import Document
from credscore.cues.names import known_org_names, person_surnames
from credscore.cues.source_types import name_evidence
from credscore.sentences import split_sentences


@pytest.fixture(scope="module")
def det() -> CueDetector:
    return CueDetector()


def _typed(det: CueDetector, text: str) -> list[tuple[str, str, bool]]:
    return own_sources(det, text)


# (text, source text, expected type): the sentence alone would not say; the article does.
BY_EVIDENCE = [
    (
        "Brightwell said sales fell. Brightwell, which employs 900 people, said it would cut costs.",
        "Brightwell",
        "named_organization",
    ),
    ("Korvex said the deal was off. Korvex has said it intends to appeal.", "Korvex", "named_organization"),
    ("Talvani said prices would rise. A Talvani spokesman declined to comment.", "Talvani", "named_organization"),
    ("Investors bought shares in Orvane on Monday. Orvane said profits doubled.", "Orvane", "named_organization"),
    ("Okafor said the bridge was safe. Okafor, who chairs the panel, said he was sure.", "Okafor", "named_person"),
    ("Brennick said the bridge was safe. Brennick said he had checked it twice.", "Brennick", "named_person"),
    ("The Academy has announced that the ceremony will go ahead.", "The Academy", "named_organization"),
    ("Harlow & Finch said it would pay the fine.", "Harlow & Finch", "named_organization"),
    ("Petrova said the deal was off.", "Petrova", "named_person"),  # nothing says otherwise: a surname
    # a person's statement is no firm's, and a long run still introduces the person
    (
        "FBI Director James B. Comey said the case was closed. Comey said it was over.",
        "Comey",
        "named_person",
    ),
    ("The Democratic presidential candidate said it.", "The Democratic presidential candidate", "named_person"),
]


@pytest.mark.parametrize(("text", "phrase", "expected"), BY_EVIDENCE)
def test_a_name_alone_is_typed_by_what_the_article_writes_of_it(det, text, phrase, expected):
    found = [(t, ty) for t, ty, _anon in _typed(det, text) if t == phrase]
    assert found, f"no source {phrase!r} in {_typed(det, text)}"
    assert {ty for _t, ty in found} == {expected}  # every mention reads the same


def test_a_first_name_beats_organisation_evidence(det):
    text = "Maria Okafor said the plan would fail. Okafor said its budget was too small."
    assert {ty for t, ty, _ in _typed(det, text) if "Okafor" in t} == {"named_person"}


def test_capital_us_is_the_country_not_the_pronoun(det):
    got = _typed(det, "US officials met on Monday. US said it would act.")
    assert ("US", "named_organization", False) in got
    assert not any(t == "US" and ty == "named_person" for t, ty, _ in got)


def test_known_names_are_mined_not_written_by_hand():
    names = known_org_names()
    assert "Microsoft" in names  # an organisation in many BBC and PolNeAR articles
    assert not any(n.lower() in ("january", "november", "internet") for n in names)


# (text, source text, type): a weasel plural is vague, with or without a modifier or a quantifier.
GROUPS = [
    ("Market analysts said the rally would fade.", "Market analysts", "vague"),
    ("Crime experts have concluded that the rate fell.", "Crime experts", "vague"),
    ("Analysts said the rally would fade.", "Analysts", "vague"),
    ("Some analysts said the rally would fade.", "Some analysts", "vague"),
    ("Critics say the rally will fade.", "Critics", "vague"),
]


@pytest.mark.parametrize(("text", "phrase", "expected"), GROUPS)
def test_a_weasel_plural_is_vague(det, text, phrase, expected):
    got = _typed(det, text)
    assert (phrase, expected, True) in got, got


def test_a_document_noun_before_about_heads_the_phrase(det):
    got = _typed(det, "A new book about the chancellor claims he wanted to quit.")
    assert got == [("A new book about the chancellor", "document", True)]


# A role written before or after a name makes it a person's, whatever the name's letters; a name in title case
# with a function word, or opened by another language's article, is an organisation's.
ROLES_AND_TITLE_CASE = [
    (
        "Profits fell last year, council member Ayşe Yılmaz told reporters.",
        "council member Ayşe Yılmaz",
        "named_person",
    ),
    (
        "Council member Kang Dong-hyun said in a statement that the bridge reopened.",
        "Council member Kang Dong-hyun",
        "named_person",
    ),
    (
        "The museum drew 80,000 visitors, Camille Dubois, the city's chief engineer, said.",
        "Camille Dubois, the city's chief engineer",
        "named_person",
    ),
    ("Zentrix Labs, a maker of tools, said sales fell.", "Zentrix Labs, a maker of tools", "named_organization"),
    (
        "The bank sold its stake, Reporters Without Borders told reporters.",
        "Reporters Without Borders",
        "named_organization",
    ),
    ("El Diario said the port handled a record number of ships.", "El Diario", "named_organization"),
    (
        "The world's biggest insurance broker Harlow & Finch said it would pay.",
        "The world's biggest insurance broker Harlow & Finch",
        "named_organization",
    ),
]


@pytest.mark.parametrize(("text", "phrase", "expected"), ROLES_AND_TITLE_CASE)
def test_roles_and_title_case_names(det, text, phrase, expected):
    got = [(t, ty) for t, ty, _anon in _typed(det, text)]
    assert (phrase, expected) in got, got


@pytest.mark.parametrize("name", ["Emre Çelik", "Élodie Martin", "Øyvind Berg", "Đặng Văn Minh"])
def test_a_pronoun_after_a_profile_lead_finds_a_name_in_any_latin_letters(det, name):
    text = f"police chief {name} has run the shelter since 2009. He told reporters that it served 1,400 meals."
    got = [(t, ty, anon) for t, ty, anon in _typed(det, text) if t == "He"]
    assert got == [("He", "named_person", False)]


@pytest.mark.parametrize(
    "text",
    [
        "Brennick said the plan was sound. Brennick said it's unclear how the vote will go.",
        "Brennick said the plan was sound. Brennick said it is not surprising that agents want to talk.",
    ],
)
def test_an_expletive_it_is_no_evidence_of_a_firm(det, text):
    doc = Document(det, text, split_sentences(text))
    assert name_evidence(doc, "Brennick") is None


def test_the_chancellor_is_a_role_not_an_organisation(det):
    got = _typed(det, "The Chancellor said the budget would balance.")
    assert got and got[0][1] != "named_organization", got


# Names that say an organisation by their words, and a plural noun for people that only opens its sentence.
# Invented names throughout.
LONE_WORDS = [
    ("Investors said the rally would fade.", "Investors", "vague"),  # a bare plural opening a sentence
    ("The Blue Lantern said the budget would balance.", "The Blue Lantern", "named_organization"),
    ("Banco Vireo said profits rose.", "Banco Vireo", "named_organization"),  # the head first
    ("Groupe Talmont told reporters that profits rose.", "Groupe Talmont", "named_organization"),
    ("Talmont International said on Monday that profits rose.", "Talmont International", "named_organization"),
    ("The Foreign Secretary Jack Talmont said so.", "The Foreign Secretary Jack Talmont", "named_person"),
]


@pytest.mark.parametrize(("text", "phrase", "expected"), LONE_WORDS)
def test_names_that_say_what_they_name(det, text, phrase, expected):
    got = [(t, ty) for t, ty, _anon in _typed(det, text) if t == phrase]
    assert got and {ty for _t, ty in got} == {expected}, _typed(det, text)


# Where a person is introduced: across a run of capitals, a sentence or a headline ends; a long run ends in
# the name; a capitalised role opens it.
INTRODUCTIONS = [
    ("Budget Talks Stall Again. Says A LOT.\n\nMaria Brel spoke on Monday.", "Brel"),
    ("It went well, said adviser Tom Vasko.\n\nThe talks ended.", "Vasko"),
    ("Israeli Prime Minister Benjamin Arlen spoke on Monday.", "Arlen"),
    ("New York Attorney General Eric S. Delmont filed suit.", "Delmont"),
    ("Health Minister Ananya Ridhi visited the clinic.", "Ridhi"),
]


@pytest.mark.parametrize(("text", "surname"), INTRODUCTIONS)
def test_where_a_person_is_introduced(det, text, surname):
    doc = Document(det, text, split_sentences(text))
    assert surname in person_surnames(doc)


def test_the_words_before_a_name_are_no_part_of_it(det):
    text = "Says A LOT.\n\nHillary Vance spoke."
    doc = Document(det, text, split_sentences(text))
    assert "LOT" not in person_surnames(doc) and "Vance" in person_surnames(doc)


def test_a_pronoun_after_a_capitalised_role_and_an_unlisted_first_name(det):
    text = "Health Minister Ananya Ridhi has run the clinic since 2012. She said the court fined the firm."
    assert [(t, ty, anon) for t, ty, anon in _typed(det, text) if t == "She"] == [("She", "named_person", False)]


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Doctors Without Borders opened a new office in Lagos.", "named_organization"),
        ("Banco Vireo opened a new office in Lagos last year.", "named_organization"),
        ("Banco Vireo opened an office in Lagos. Groupe Talmont opened one in Accra.", "unnamed_person"),  # whose?
    ],
)
def test_a_spokesperson_speaks_for_the_organisation_an_earlier_sentence_is_about(det, lead, expected):
    text = f"{lead} A spokesman said that the office would hire 40 people."
    got = [(t, ty) for t, ty, _anon in _typed(det, text) if t == "A spokesman"]
    assert got == [("A spokesman", expected)], _typed(det, text)


# A definite title names one person in context, in sport, business and schools as in politics.
DEFINITE_ROLES = [
    ("The head of the Harlow Trust has criticised the plan.", "The head of the Harlow Trust"),
    ("The Scotland coach said his side were robbed.", "The Scotland coach"),
    ("The club owner said the team would stay.", "The club owner"),
]


@pytest.mark.parametrize(("text", "phrase"), DEFINITE_ROLES)
def test_a_definite_title_is_one_named_person(det, text, phrase):
    assert (phrase, "named_person", False) in _typed(det, text), _typed(det, text)
