"""Sources in shapes the out-of-domain development parts and the behavioural suite's development half showed
missed or mistyped (issue 18, seventh session), each fixed by a mechanism, with the sentences that must not
change:

- an appositive that is a role and the person's name ("The star witness, former Acme finance chief Dana
  Ortiz, said") closes the subject like any other appositive, so the verb has its source;
- at the start of a sentence, a stray comma between a speaker that opens with a role and ends in a name and
  the verb ("Chairman of the Harbour Committee Peter Lang MP, said:") is a slip, not the end of a phrase;
- a definite article before a name in capitals names a body, not a person ("The Red Cross said"), unless the
  name is a role ("The Pope", "the Duke of Kent"), a member of a nation, party or faith ("The Australian"), a
  title with a name, or a paper's writer ("the Daily Post's Ann Lee");
- one capitalised word after "In a statement," is an organisation as it is before "said in a statement",
  unless the article writes it as a person's ("Smith said he");
- the agent of a passive past a complement ("declared illegal by the courts", "criticised for "sleaze" by
  campaigners") is the source; the phrase after "by" ends at an infinitive or a gerund's clause;
- "X issued a statement saying ..." rests on X, who issued it, not on an unidentified statement;
- a verb the writer quotes ('A spokesman "totally refuted" the claims') keeps its subject outside the marks;
- an ambiguous verb of saying is one when where or when it was said comes before "that" ("alleged in an
  interview that", "alleged on Monday that"), not when any phrase does ("continued in the hope that");
- a city and its state between commas after an article modify the noun ("The Portland, Ore., thrift said");
- a quantifier floats after a copula as after an auxiliary ("They are all believed to", "were both said");
- a phrasal verb of saying has its reduced passive ("the first problem pointed out by critics");
- a clause without "that" may open with a quantity ("reports indicated at least two boats had sunk").

The sentences are written for these tests (no corpus text).
"""

from __future__ import annotations

import pytest
from conftest import own_sources

from credscore.cues import CueDetector


@pytest.fixture(scope="module")
def det() -> CueDetector:
    return CueDetector()


FOUND = [
    (
        "The star witness, former Acme finance chief Dana Ortiz, has said that the board knew of the losses.",
        ("The star witness, former Acme finance chief Dana Ortiz", "named_person", False),
    ),
    (
        "The union's lead negotiator, veteran organiser Tomas Vega, said the offer was too low.",
        ("The union's lead negotiator, veteran organiser Tomas Vega", "named_person", False),
    ),
    (
        'Chairman of the Harbour Safety Committee Peter Lang MP, said: "The ferries are not safe."',
        ("Chairman of the Harbour Safety Committee Peter Lang MP", "named_person", False),
    ),
    (
        "Director of the Northfield Food Bank Amara Okafor, said demand had doubled.",
        ("Director of the Northfield Food Bank Amara Okafor", "named_person", False),
    ),
    ("The Red Cross said that aid convoys were blocked.", ("The Red Cross", "named_organization", False)),
    ("Aid was blocked, the Red Crescent said on Monday.", ("the Red Crescent", "named_organization", False)),
    (
        "According to the Center for Coastal Studies, the reef is shrinking.",
        ("the Center for Coastal Studies", "named_organization", False),
    ),
    (
        "In a statement, Brightwell said that profits fell by a third.",
        ("Brightwell", "named_organization", False),
    ),
    (
        "In a filing on Monday, Brightwell said that profits fell by a third.",
        ("Brightwell", "named_organization", False),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_the_source_of_each_shape_is_found(det: CueDetector, text: str, expected: tuple[str, str, bool]) -> None:
    assert expected in own_sources(det, text)


PERSONS = [
    ("The Pope said that peace was possible.", "The Pope"),
    ("The Duke of Kent said the visit had been a success.", "The Duke of Kent"),
    ("The Australian said he would be fit for the final.", "The Australian"),
    ("The Rev. Ann Marsh said the shelter was full.", "The Rev. Ann Marsh"),
    ("The Daily Post's Ann Lee said the figures were wrong.", "The Daily Post's Ann Lee"),
    ("In a statement on Monday, Smith said he would resign.", "Smith"),
    ('"It is over," the Labour MP for Hartley said.', "the Labour MP for Hartley"),
]


@pytest.mark.parametrize(("text", "span"), PERSONS)
def test_a_role_a_member_or_a_person_after_the_is_no_body(det: CueDetector, text: str, span: str) -> None:
    found = {s: t for s, t, _ in own_sources(det, text)}
    assert found.get(span) == "named_person", found


def test_a_clause_before_a_stray_comma_is_still_no_speaker(det: CueDetector) -> None:
    # no role and no name before the comma: a time phrase, not a speaker
    text = "Last week in the committee, officials said the ferries were safe."
    assert ("officials", "unnamed_group", True) in own_sources(det, text)


PASSIVE_AGENTS = [
    (
        "The land seizures, several times declared illegal by the Supreme Court, went on.",
        "the Supreme Court",
    ),
    ("The plan was said by officials to be dead.", "officials"),
    ("He has been called a fraud by fellow surgeons for promoting the pills.", "fellow surgeons"),
]


@pytest.mark.parametrize(("text", "span"), PASSIVE_AGENTS)
def test_the_agent_after_a_complement_is_the_whole_source(det: CueDetector, text: str, span: str) -> None:
    # the agent after "by", past a complement ("illegal", "a fraud"); the phrase stops before an infinitive
    # ("to be dead") or a gerund's clause ("for promoting the pills")
    assert span in [s for s, _, _ in own_sources(det, text)]


def test_an_object_before_by_keeps_the_verb_active(det: CueDetector) -> None:
    # "said the decision by X": "the decision" is the object of an active verb, X no agent of it
    text = "Union officials said the decision by the two leaders to close the plant was a mistake."
    assert [s for s, _, _ in own_sources(det, text)] == ["Union officials"]


def test_a_number_or_a_verb_before_by_is_no_agent(det: CueDetector) -> None:
    found = own_sources(det, "Sales of the phones are predicted to grow by 11% next year.")
    assert [s for s, _, _ in found] == ["are predicted"]
    found = own_sources(det, "Ann Roe attacked the donations, which she said were accompanied by favours.")
    assert "she" in [s for s, _, _ in found]


ISSUERS = [
    ("The council released a statement on Wednesday saying the claims were false.", "The council"),
    ("Amnesty International issued a statement today saying that the detainees were abused.", "Amnesty International"),
    ("His office put out a statement saying the senator was safe.", "His office"),
    ("The minister read out a statement saying he would resign.", "The minister"),
]


@pytest.mark.parametrize(("text", "span"), ISSUERS)
def test_who_issued_the_statement_is_the_source(det: CueDetector, text: str, span: str) -> None:
    found = own_sources(det, text)
    assert span in [s for s, _, _ in found], found
    assert not any(t == "document" and anon for _, t, anon in found)  # no unidentified statement


@pytest.mark.parametrize("mark", ['"', "\u201c"])
def test_a_verb_the_writer_quotes_keeps_its_subject(det: CueDetector, mark: str) -> None:
    close = {'"': '"', "\u201c": "\u201d"}[mark]
    text = f"The minister {mark}categorically denied{close} the claims."
    assert ("The minister", "named_person", False) in own_sources(det, text)
    text = f"A spokesman for the party {mark}refuted{close} any wrongdoing."
    assert "A spokesman for the party" in [s for s, _, _ in own_sources(det, text)]


def test_a_quoted_sentence_is_still_the_speakers_words(det: CueDetector) -> None:
    # a long quotation, or one with its own punctuation, is speech: its verbs are the speaker's content
    text = 'Lee said: "I denied it."'
    assert [s for s, _, _ in own_sources(det, text)] == ["Lee"]
    text = 'The report called it "a plan that warned nobody about the flooding in the valley at all".'
    assert all(s != "a plan" for s, _, _ in own_sources(det, text))


def test_a_quoted_phrase_before_by_does_not_hide_the_agent(det: CueDetector) -> None:
    text = "The channel has been criticised for \u201cincessant sleaze\u201d by campaigners in Ohio."
    assert "campaigners in Ohio" in [s for s, _, _ in own_sources(det, text)]


SETTINGS = [
    "Ms. Okafor alleged in an interview that the tests were rigged.",
    "Ms. Okafor alleged in a letter to Governor Ann Roe that the tests were rigged.",
    "Ms. Okafor alleged on Monday that the tests were rigged.",
    "Ms. Okafor alleged again that the tests were rigged.",
]


@pytest.mark.parametrize("text", SETTINGS)
def test_where_or_when_it_was_said_may_come_before_that(det: CueDetector, text: str) -> None:
    assert ("Ms. Okafor", "named_person", False) in own_sources(det, text)


def test_any_phrase_before_that_does_not_make_a_verb_of_saying(det: CueDetector) -> None:
    assert own_sources(det, "The fighting continued in the hope that talks would resume.") == []


CITY_STATE = [
    ("The Portland, Ore., thrift said the restructuring would help it.", "The Portland, Ore., thrift"),
    ("A spokesman for the Dallas, Texas, company said sales fell.", "A spokesman for the Dallas, Texas, company"),
]


@pytest.mark.parametrize(("text", "span"), CITY_STATE)
def test_a_city_and_its_state_stay_inside_the_source(det: CueDetector, text: str, span: str) -> None:
    assert span in [s for s, _, _ in own_sources(det, text)]


def test_a_city_and_its_state_opening_the_clause_are_no_source(det: CueDetector) -> None:
    found = own_sources(det, "In Dallas, Texas, officials said sales fell.")
    assert [s for s, _, _ in found] == ["officials"]


MORE = [
    ("They are all believed to be weighing their positions.", ("are all believed to", "vague", True)),
    ("The rebels were both said to be armed.", ("were both said to", "vague", True)),
    ("The first flaw pointed out by critics is that the plan has no budget.", ("critics", "vague", True)),
    (
        "Early reports indicated at least two boats had sunk in the storm.",
        ("Early reports", "unnamed_group", True),
    ),
    ("Ms. Lee alleged some officials had lied about the tests.", ("Ms. Lee", "named_person", False)),
]


@pytest.mark.parametrize(("text", "expected"), MORE)
def test_quantifiers_particles_and_quantities(det: CueDetector, text: str, expected: tuple[str, str, bool]) -> None:
    assert expected in own_sources(det, text)


def test_a_noun_object_is_no_clause(det: CueDetector) -> None:
    # "indicated a willingness to negotiate": an object, no clause, so no attribution
    assert own_sources(det, "The data indicated a willingness to negotiate.") == []
