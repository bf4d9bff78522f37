"""Behavioural tests of credscore's sourcing, in the CheckList way (Ribeiro et al. 2020).

Cases are generated from templates x fillers x frames; nothing here reads credscore's lexicons, so
the suite does not test the lexicons against themselves. Three test types:

- **MFT** (minimum functionality): on the sentence that carries the attribution, credscore finds a
  source overlapping the target mention (the filler, or the pronoun, or the spokesperson) with the
  type and anonymity the annotation guide (Part 2) gives it. ``mft_type`` checks the type alone.
  In a continued quotation the rest of the quotation must carry the same source too (guide: "the
  rest of a quotation ... is strong when its speaker is named").
- **INV** (invariance): a base case and variants that change only the surface (quotation marks,
  mojibake, an adverb before the verb, the person's name swapped for another culture's). A family
  passes when every variant reads as the base does: the same label and the same sources (type,
  anonymous, in order) on the attribution sentence.
- **DIR** (directional, the doubt order): in one family (same frame, template and content), the
  attribution sentence's reliability holds named > described anonymous > vague, strictly, for every
  pair of cases across levels.

Every case belongs to a *family* (``frame/index``: one template, one content, one filler of each
kind); INV families and DIR pairs never cross a family. A family goes to the ``dev`` or the
``blind`` half by a SHA-256 of its id, so the split is the same in every run and on every machine.

Generation is pure (no credscore import); :func:`run` scores the cases.

    >>> s = generate()
    >>> len(s.mft) >= 2000
    True
    >>> c = s.mft[0]
    >>> c.text[c.start:c.end] == c.target
    True
"""

from __future__ import annotations

import hashlib
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

#: The seed of every draw. Changing it (or any filler list) changes the cases: floors measured on
#: one draw hold for that draw only.
SEED = "credscore-behaviour-1"

TEST_TYPES = ("mft_type", "mft", "inv", "dir")
PARTS = ("dev", "blind", "all")

# --- fillers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    culture: str
    pronoun: str  # "she" or "he": what the profile frame refers back with


def _people(culture: str, women: str, men: str) -> list[Person]:
    return [Person(n.strip(), culture, "she") for n in women.split(",")] + [
        Person(n.strip(), culture, "he") for n in men.split(",")
    ]


#: Names from many cultures, written as newspapers in English write them (family name first where
#: that is the custom). None is also a common English word or modal ("May", "Will", "Hope").
PEOPLE: tuple[Person, ...] = tuple(
    _people(
        "anglo",
        "Janet Brooks, Emily Carter, Sarah Mitchell, Karen Whitfield",
        "David Harper, Tom Reynolds, Peter Walsh, Graham Fletcher",
    )
    + _people(
        "hispanic",
        "María López, Lucía Fernández, Carmen Ruiz, Valeria Ortega",
        "José Martínez, Diego Herrera, Alejandro Vargas, Luis Castillo",
    )
    + _people("chinese", "Wang Fang, Chen Jing, Zhao Min, Liu Xiaoling", "Li Wei, Zhang Wei, Huang Jun, Xu Ming")
    + _people(
        "korean",
        "Kim Min-ji, Park Ji-yeon, Lee Soo-jin, Choi Yu-na",
        "Kang Dong-hyun, Yoon Sung-ho, Jung Tae-woo, Han Jae-won",
    )
    + _people(
        "indian",
        "Priya Sharma, Ananya Iyer, Deepika Nair, Kavita Reddy",
        "Rajesh Kumar, Arjun Mehta, Vikram Singh, Sanjay Patel",
    )
    + _people(
        "arabic",
        "Fatima Al-Sayed, Layla Haddad, Noor Abdullah, Amira Mansour",
        "Omar Khalil, Ahmed Hassan, Youssef Nasser, Khalid Al-Rashid",
    )
    + _people(
        "west_african",
        "Amara Okafor, Ngozi Adeyemi, Abena Mensah, Chiamaka Eze",
        "Kwame Asante, Oluwaseun Balogun, Emeka Nwosu, Kofi Boateng",
    )
    + _people(
        "east_african",
        "Wanjiru Kamau, Achieng Otieno, Tigist Bekele, Halima Abdi",
        "Tesfaye Girma, Juma Mwangi, Baraka Njoroge, Abebe Tadesse",
    )
    + _people(
        "slavic",
        "Anna Kowalska, Olga Petrova, Katarzyna Nowak, Milena Horvat",
        "Dmitri Volkov, Piotr Zieliński, Ivan Sokolov, Tomasz Wiśniewski",
    )
    + _people(
        "japanese",
        "Yuki Tanaka, Haruka Sato, Aiko Nakamura, Emi Watanabe",
        "Kenji Yamamoto, Hiroshi Suzuki, Takeshi Kobayashi, Daisuke Ito",
    )
    + _people("vietnamese", "Nguyễn Thị Lan, Trần Thu Hà", "Phạm Văn Minh, Lê Quang Huy")
    + _people("turkish", "Ayşe Yılmaz, Elif Demir", "Mehmet Kaya, Emre Çelik")
    + _people("persian", "Shirin Rahimi, Maryam Hosseini", "Reza Tehrani, Dariush Karimi")
    + _people("nordic_german", "Ingrid Johansson, Sabine Müller", "Søren Nielsen, Jürgen Becker")
    + _people("lusophone", "Ana Souza, Beatriz Gonçalves", "João Silva, Thiago Rocha")
    + _people("indonesian", "Siti Rahayu, Dewi Lestari", "Budi Santoso, Agus Wijaya")
    + _people("french", "Camille Dubois, Élodie Martin", "Jean-Luc Moreau, François Lefèvre")
)
CULTURES: tuple[str, ...] = tuple(dict.fromkeys(p.culture for p in PEOPLE))

#: Titles and roles written before a name; "" (a bare name) is drawn as often as all titles together.
TITLES = (
    "Dr.", "council member", "Finance Minister", "Mayor", "Sen.", "Professor", "economist", "lawyer",
    "union leader", "Health Minister", "Gov.", "Rep.", "police chief", "Judge", "Ambassador",
    "Deputy Mayor", "engineer", "Chief Executive",
)  # fmt: skip
_TITLE_DRAW = TITLES + ("",) * len(TITLES)

#: Appositives that identify a named person ("Lena Park, founder of the Eastside Food Bank, said").
ROLES = (
    "founder of the Eastside Food Bank", "director of the Riverside Clinic",
    "chief executive of Harbor Freight Lines", "a professor of economics at the University of Lagos",
    "head of the local farmers' union", "president of the Kowloon Traders Association",
    "a researcher at the Karolinska Institute", "the city's chief engineer",
    "chair of the parents' association", "a lawyer for the families", "the principal of Westfield High School",
    "manager of the Northgate shopping center",
)  # fmt: skip

#: What a profile says about a person before the pronoun that refers back to them.
PROFILE_LEADS = (
    "has run the shelter for ten years", "has taught at the village school since 2009",
    "grew up on a farm outside the city", "opened a bakery on Main Street in 2015",
    "has worked at the port for two decades", "moved to the city in 1998",
    "has coached the youth team since 2012", "spent 15 years as a nurse before entering politics",
    "has led the tenants' association since 2017", "started the cooperative with six neighbors",
)  # fmt: skip

ORGANIZATIONS = (
    # one word
    "Acme", "Google", "Unilever", "Siemens", "Toyota", "Nestlé", "Samsung", "Pfizer", "Maersk",
    "Infosys", "Safaricom", "Embraer", "Huawei",
    # acronyms
    "NATO", "the FDA", "UNICEF", "the IMF", "NASA", "the EPA", "FIFA", "OPEC", "the ECB",
    # several words
    "Delta Air Lines", "the World Bank", "the Red Cross", "Tata Motors", "the Ministry of Health",
    "the Federal Reserve", "Doctors Without Borders", "the European Commission", "Amnesty International",
    "Banco Santander", "the University of Nairobi", "Kenya Airways", "Deutsche Bahn", "the city council",
)  # fmt: skip

OUTLETS = (
    "The Guardian", "Reuters", "the Daily Mail", "The New York Times", "the Associated Press",
    "Al Jazeera", "Le Monde", "Der Spiegel", "the BBC", "The Washington Post", "the Financial Times",
    "NHK", "The Hindu", "the South China Morning Post", "Bloomberg News", "Agence France-Presse",
    "El País", "Yonhap",
)  # fmt: skip

DOCUMENTS_IDENTIFIED = (
    "a study published in The Lancet", "a report by the Congressional Budget Office", "the city's annual budget",
    "a YouGov poll", "a Pew Research Center survey", "the 2020 census", "data from the Labor Department",
    "the company's annual report", "a report by the International Energy Agency",
    "an audit by the National Audit Office", "a Gallup poll released on Tuesday",
    "the central bank's quarterly bulletin", "a filing with the Securities and Exchange Commission",
    "court records in the Harlow case",
)  # fmt: skip

DOCUMENTS_UNIDENTIFIED = (
    "a letter", "internal documents", "a memo", "internal emails", "a draft report", "a leaked memo",
    "an internal presentation", "confidential documents", "a document", "notes from the meeting",
)  # fmt: skip

UNNAMED_PERSONS = (
    "a senior official", "a person familiar with the matter", "a former employee",
    "a diplomat who asked not to be named", "an official who spoke on condition of anonymity",
    "a person close to the company", "a senior executive", "an aide who was not authorized to speak publicly",
    "a source close to the negotiations", "a witness",
)  # fmt: skip

UNNAMED_GROUPS = (
    "two people briefed on the talks", "officials who spoke on condition of anonymity",
    "three people familiar with the plan", "several employees", "officials at the agency",
    "people close to the negotiations", "two senior diplomats", "investigators", "unidentified sources",
    "four current and former employees",
)  # fmt: skip

VAGUE = (
    "critics", "some analysts", "many observers", "some economists", "skeptics", "many residents",
    "some experts", "some lawmakers", "many investors", "others",
)  # fmt: skip

#: Plain claims with no hedge, condition or modal, so that certainty does not confound the sourcing.
#: Past tense, so they read the same after "said" and inside a quotation.
CONTENTS = (
    "the plant closed in March", "profits fell by 4 percent last year", "the company hired 200 workers in 2023",
    "the bridge reopened to traffic on Monday", "the school district cut its budget by 6 percent",
    "the new line carried 40,000 passengers a day in its first month",
    "the hospital treated 312 patients over the weekend",
    "exports to Kenya rose by 12 percent in the first quarter", "the council approved the housing plan in a 7-2 vote",
    "the factory produced 1.2 million phones last year", "the museum received 80,000 visitors in June",
    "the train service between the two cities ended in 2019", "rents in the district rose by 9 percent",
    "the agency processed 5,000 applications in January", "water levels in the reservoir dropped by two meters",
    "the fund paid 3 million dollars to farmers", "the ministry hired 40 new inspectors",
    "the airline opened six routes to Asia", "the port handled a record number of containers in August",
    "unemployment in the region fell to 5 percent", "the project cost twice its original budget",
    "the shelter served 1,400 meals in December", "the mine employed 900 people", "the library closed two branches",
    "the software update reached 10 million phones", "wheat prices rose sharply after the harvest",
    "the company moved its headquarters to Lisbon", "the police station opened in 2011",
    "construction of the stadium finished ahead of schedule", "the government sold its stake in the bank",
    "the city planted 5,000 trees along the river", "the clinic doubled its number of beds",
    "the talks ended without an agreement", "the merger created the country's largest grocery chain",
    "average wages grew by 3 percent", "the drought destroyed half of the maize crop",
    "the storm cut power to 20,000 homes", "the ferry carried 600 passengers on each trip",
    "the union signed a new contract in April", "the court fined the company 2 million euros",
)  # fmt: skip

#: What an organisation did, before a spokesperson speaks for it in the next sentence.
ORG_LEADS = (
    "held a news conference on Monday", "opened a new office in Nairobi last year",
    "released its annual figures on Thursday", "named a new director in January",
    "closed its offices on Friday because of the storm", "moved into a new building in 2021",
    "cut 300 jobs on Sunday", "froze hiring last week",
)  # fmt: skip
SPOKESPEOPLE = ("a spokeswoman", "a spokesman", "a spokesperson")

#: Adverbs of the adverb frame, and those the INV test inserts before the verb.
ADVERBS = ("also", "recently", "again", "previously", "later", "repeatedly", "first", "publicly")
INV_ADVERBS = ("also", "recently", "again")

#: Verbs by filler kind: the ones a newspaper would use for that kind of source.
VERBS = {
    "person": ("said", "told reporters", "said on Monday"),
    "organization": ("said", "told reporters", "said on Monday"),
    "unnamed_person": ("said", "told reporters", "said on Monday"),
    "unnamed_group": ("said", "told reporters", "said on Monday"),
    "vague": ("said", "say"),
    "outlet": ("reported", "said"),
    "document_identified": ("found", "showed", "said"),
    "document_unidentified": ("said", "showed", "stated"),
    "pronoun": ("said",),
    "spokesperson": ("said",),
}

#: Kind -> (expected type, expected anonymous, level in the doubt order or None).
EXPECTED = {
    "person": ("named_person", False, "named"),
    "organization": ("named_organization", False, "named"),
    "outlet": ("named_organization", False, "named"),
    "document_identified": ("document", False, "named"),
    "document_unidentified": ("document", True, None),
    "unnamed_person": ("unnamed_person", True, "described"),
    "unnamed_group": ("unnamed_group", True, "described"),
    "vague": ("vague", True, "vague"),
    "pronoun": ("named_person", False, None),  # a pronoun takes the type of the named person before it
    "spokesperson": ("named_organization", False, None),  # a named organisation's spokesperson (guide)
}
LEVEL_RANK = {"named": 3, "described": 2, "vague": 1}

FILLERS: dict[str, tuple[str, ...]] = {
    "organization": ORGANIZATIONS,
    "outlet": OUTLETS,
    "document_identified": DOCUMENTS_IDENTIFIED,
    "document_unidentified": DOCUMENTS_UNIDENTIFIED,
    "unnamed_person": UNNAMED_PERSONS,
    "unnamed_group": UNNAMED_GROUPS,
    "vague": VAGUE,
}

QUOTES = {
    "straight": ('"', '"'),
    "curly": ("\u201c", "\u201d"),
    "mixed": ("\u201c", '"'),
    "backticks": ("``", "''"),
    "single_curly": ("\u2018", "\u2019"),
    "guillemets": ("\u00ab", "\u00bb"),
}

# --- frames ---------------------------------------------------------------------------------------
#
# A template is text with slots: {S} the source phrase, {C} the content, {D} a second content,
# {V} the verb, {A} an adverb (" also" or nothing), {O} {E} the opening and closing quotation marks,
# {P} the pronoun, {L} a lead, {G} an organisation, {R} a role; a trailing ^ capitalises the first
# letter. {@} marks a place in a sentence that must carry the attribution too (the rest of a quotation).

_ALL = ("person", "organization", "outlet", "document_identified", "document_unidentified",
        "unnamed_person", "unnamed_group", "vague")  # fmt: skip
_SPEAKERS = ("person", "organization", "unnamed_person", "unnamed_group", "vague")


@dataclass(frozen=True)
class Frame:
    name: str
    templates: tuple[str, ...]
    kinds: tuple[str, ...]
    families: int  # how many families (template x content x one filler per kind) to draw
    target: str = "S"  # the slot whose mention the source must overlap


FRAMES: tuple[Frame, ...] = (
    Frame("pre_verb", ("{S^}{A} {V} that {C}.", "{S^}{A} {V} {C}."), _ALL, 40),
    Frame("postposed", ("{C^}, {S}{A} {V}.",), _ALL, 40),
    Frame("according_to", ("According to {S}, {C}.", "{C^}, according to {S}."), _ALL, 40),
    Frame(
        "statement",
        (
            "{S^}{A} said in a statement that {C}.",
            "In a statement, {S}{A} said that {C}.",
            "{S^}{A} said in a statement on Tuesday that {C}.",
        ),
        ("person", "organization", "outlet"),
        40,
    ),
    Frame(
        "email",
        (
            "{S^}{A} wrote in an email that {C}.",
            "In an email, {S}{A} wrote that {C}.",
            "{S^}{A} said in an email that {C}.",
        ),
        ("person", "organization", "unnamed_person", "unnamed_group"),
        40,
    ),
    Frame(
        "appositive",
        ("{S}, {R},{A} said {C}.", "{S}, {R},{A} said that {C}.", "{C^}, {S}, {R},{A} said."),
        ("person",),
        90,
    ),
    Frame("adverb", ("{S^}{A} {V} that {C}.", "{S^}{A} {V} {C}."), _ALL, 40),
    Frame("quote", ("{O}{C^},{E} {S}{A} {V}.", "{S^}{A} {V}: {O}{C^}.{E}"), _SPEAKERS, 40),
    Frame("quote_continued", ("{O}{C^},{E} {S}{A} {V}. {O}{@}{D^}.{E}",), _SPEAKERS, 40),
    Frame("quote_spanning", ("{O}{@}{C^}. {D^},{E} {S}{A} {V}.",), _SPEAKERS, 40),
    Frame(
        "profile",
        (
            "{S} {L}. {P^}{A} said {C}.",
            "{S} {L}. {P^}{A} told reporters that {C}.",
            "{S} {L}. {O}{C^},{E} {P}{A} said.",
        ),
        ("pronoun",),
        90,
        target="P",
    ),
    Frame(
        "spokesperson",
        ("{S^}{A} said {C}.", "{C^}, {S}{A} said.", "{S^}{A} said in a statement that {C}."),
        ("spokesperson",),
        60,
    ),
    Frame(
        "spokesperson_context",
        ("{G^} {L}. {C^}, {S}{A} said.", "{G^} {L}. {S^}{A} said that {C}.", "{G^} {L}. {O}{C^},{E} {S}{A} said."),
        ("spokesperson",),
        90,
    ),
)
FRAME_NAMES = tuple(f.name for f in FRAMES)
_FRAMES = {f.name: f for f in FRAMES}


@dataclass(frozen=True)
class Fill:
    """What goes into a template's slots."""

    source: str = ""  # {S} unless person is set
    person: Person | None = None
    title: str = ""
    content: str = ""
    content2: str = ""
    verb: str = "said"
    adverb: str = ""
    quotes: str = "straight"
    lead: str = ""
    org: str = ""
    role: str = ""

    @property
    def source_text(self) -> str:
        if self.person is None:
            return self.source
        return f"{self.title} {self.person.name}" if self.title else self.person.name


@dataclass(frozen=True)
class Case:
    """One text, the mention the attribution must be found on, and what the guide expects."""

    id: str
    family: str  # the split unit: frame/index
    part: str  # "dev" or "blind"
    frame: str
    kind: str
    level: str | None
    text: str
    start: int  # the target mention: text[start:end] == target
    end: int
    target: str
    carry: tuple[int, ...]  # offsets in other sentences that must carry the same source
    expected_type: str
    expected_anonymous: bool
    template: int = 0
    fill: Fill = field(default_factory=Fill, repr=False, compare=True)


@dataclass(frozen=True)
class InvFamily:
    id: str
    family: str
    part: str
    frame: str
    kind: str
    base: Case
    variants: tuple[tuple[str, Case], ...]  # (what changed, the case)


@dataclass(frozen=True)
class DirPair:
    family: str
    part: str
    frame: str
    levels: str  # "named>described", "described>vague", "named>vague"
    higher: Case
    lower: Case


@dataclass(frozen=True)
class Suite:
    mft: tuple[Case, ...]
    inv: tuple[InvFamily, ...]
    dir: tuple[DirPair, ...]


def part_of(family: str) -> str:
    """``dev`` or ``blind``, from a SHA-256 of the family id (stable across runs, unlike ``hash``).

    >>> part_of("pre_verb/000") in ("dev", "blind")
    True
    """
    return "dev" if hashlib.sha256(family.encode("utf-8")).digest()[0] % 2 == 0 else "blind"


# --- rendering ------------------------------------------------------------------------------------

_SLOT = re.compile(r"\{(@|[A-Z])(\^?)\}")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _render(template: str, fill: Fill, target: str) -> tuple[str, int, int, tuple[int, ...]]:
    """The text, the target mention's span and the carry offsets."""
    opening, closing = QUOTES[fill.quotes]
    person = fill.person
    values = {
        "S": fill.source_text,
        "C": fill.content,
        "D": fill.content2,
        "V": fill.verb,
        "A": f" {fill.adverb}" if fill.adverb else "",
        "O": opening,
        "E": closing,
        "P": person.pronoun if person is not None else "",
        "L": fill.lead,
        "G": fill.org,
        "R": fill.role,
    }
    out: list[str] = []
    n = 0
    span: tuple[int, int] | None = None
    carry: list[int] = []
    pos = 0
    for m in _SLOT.finditer(template):
        out.append(template[pos : m.start()])
        n += m.start() - pos
        pos = m.end()
        slot, up = m.group(1), m.group(2)
        if slot == "@":
            carry.append(n)
            continue
        value = _cap(values[slot]) if up else values[slot]
        if slot == target and span is None:
            span = (n, n + len(value))
        out.append(value)
        n += len(value)
    out.append(template[pos:])
    if span is None:  # a frame whose templates lack their target slot: a bug in FRAMES
        raise ValueError(f"template {template!r} has no {{{target}}} slot")
    return "".join(out), span[0], span[1], tuple(carry)


def _case(frame: Frame, family: str, kind: str, template: int, fill: Fill, suffix: str = "") -> Case:
    text, start, end, carry = _render(frame.templates[template], fill, frame.target)
    etype, anonymous, level = EXPECTED[kind]
    return Case(
        id=f"{family}/{kind}{suffix}",
        family=family,
        part=part_of(family),
        frame=frame.name,
        kind=kind,
        level=level,
        text=text,
        start=start,
        end=end,
        target=text[start:end],
        carry=carry,
        expected_type=etype,
        expected_anonymous=anonymous,
        template=template,
        fill=fill,
    )


def _cycle(items: Sequence[Any], key: str) -> Callable[[int], Any]:
    """Item i of a fixed shuffle of items (a new shuffle per key), cycling."""
    order = list(items)
    random.Random(f"{SEED}/{key}").shuffle(order)
    return lambda i: order[i % len(order)]


def _mft() -> list[Case]:
    cases: list[Case] = []
    for frame in FRAMES:
        content = _cycle(CONTENTS, f"{frame.name}/content")
        content2 = _cycle(CONTENTS, f"{frame.name}/content2")
        person = _cycle(PEOPLE, f"{frame.name}/person")
        title = _cycle(_TITLE_DRAW, f"{frame.name}/title")
        adverb = _cycle(ADVERBS, f"{frame.name}/adverb")
        role = _cycle(ROLES, f"{frame.name}/role")
        lead = _cycle(PROFILE_LEADS if frame.name == "profile" else ORG_LEADS, f"{frame.name}/lead")
        org = _cycle(ORGANIZATIONS, f"{frame.name}/org")
        spokes = _cycle(SPOKESPEOPLE, f"{frame.name}/spokes")
        fillers = {kind: _cycle(items, f"{frame.name}/{kind}") for kind, items in FILLERS.items()}
        n_templates = len(frame.templates)
        for i in range(frame.families):
            family = f"{frame.name}/{i:03d}"
            template = i % n_templates
            c1 = content(i)
            c2 = content2(i)
            if c2 == c1:
                c2 = content2(i + 1)
            base = Fill(content=c1, content2=c2, adverb=adverb(i) if frame.name == "adverb" else "")
            for kind in frame.kinds:
                verbs = VERBS[kind]
                fill = replace(base, verb=verbs[(i // n_templates) % len(verbs)])
                if kind == "person":
                    no_title = frame.name == "appositive"
                    fill = replace(fill, person=person(i), title="" if no_title else title(i), role=role(i))
                elif kind == "pronoun":
                    fill = replace(fill, person=person(i), title=title(i), lead=lead(i))
                elif kind == "spokesperson":
                    o = org(i)
                    if frame.name == "spokesperson":
                        fill = replace(fill, source=f"{spokes(i)} for {o}")
                    else:
                        fill = replace(fill, source=spokes(i), org=o, lead=lead(i))
                else:
                    fill = replace(fill, source=fillers[kind](i))
                cases.append(_case(frame, family, kind, template, fill))
    return cases


# --- invariance: the same reading under surface changes --------------------------------------------


def mojibake(text: str) -> str | None:
    """The text as UTF-8 bytes read as cp1252 (“ -> â€œ), or None when that does not round-trip
    (a byte cp1252 leaves undefined, as in ” = E2 80 9D, or an ASCII text that would not change).

    >>> mojibake("\u201cYes\u201c")
    'â€œYesâ€œ'
    >>> mojibake("\u201cYes\u201d") is None
    True
    """
    if text.isascii():
        return None
    try:
        out = text.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return None
    return out if out.encode("cp1252").decode("utf-8") == text else None


def _mojibake_case(case: Case, moj: str) -> Case:
    def at(i: int) -> int:
        return len(case.text[:i].encode("utf-8"))

    start, end = at(case.start), at(case.end)
    return replace(case, text=moj, start=start, end=end, target=moj[start:end], carry=tuple(at(c) for c in case.carry))


def _swaps(person: Person, n: int, salt: str) -> list[Person]:
    """n people of n other cultures, with the same pronoun; which cultures depends on salt (a case id),
    so that across the suite every culture is swapped for every other."""
    k = CULTURES.index(person.culture)
    draw = int.from_bytes(hashlib.sha256(salt.encode("utf-8")).digest()[:4], "big")
    out: list[Person] = []
    for step in range(len(CULTURES) - 1):
        culture = CULTURES[(k + 1 + (draw + step) % (len(CULTURES) - 1)) % len(CULTURES)]
        same = [p for p in PEOPLE if p.culture == culture and p.pronoun == person.pronoun]
        if same:
            out.append(same[draw % len(same)])
        if len(out) == n:
            break
    return out


def _inv_family(case: Case) -> InvFamily | None:
    frame = _FRAMES[case.frame]
    template = frame.templates[case.template]
    variants: list[tuple[str, Case]] = []

    def variant(what: str, fill: Fill) -> None:
        v = _case(frame, case.family, case.kind, case.template, fill, suffix=f"~{what}")
        variants.append((what, v))

    if "{O}" in template:
        for style in QUOTES:
            if style != case.fill.quotes:
                variant(f"quotes:{style}", replace(case.fill, quotes=style))
    if "{A}" in template and not case.fill.adverb:
        for adv in INV_ADVERBS:
            variant(f"adverb:{adv}", replace(case.fill, adverb=adv))
    if case.fill.person is not None:
        for other in _swaps(case.fill.person, 2, case.id):
            variant(f"name:{other.culture}", replace(case.fill, person=other))
    # Mojibake of the base and of each quotation style only: a variant changes one thing, or the
    # one thing that mojibake does to text in the wild (“ -> â€œ).
    for what, v in [("base", case), *(x for x in variants if x[0].startswith("quotes:"))]:
        moj = mojibake(v.text)
        if moj is not None:
            m = _mojibake_case(v, moj)
            variants.append((f"mojibake({what})", replace(m, id=f"{case.id}~mojibake({what})")))
    if not variants:
        return None
    return InvFamily(id=case.id, family=case.family, part=case.part, frame=case.frame, kind=case.kind,
                     base=case, variants=tuple(variants))  # fmt: skip


def variant_group(what: str) -> str:
    """'quotes:curly' -> 'quotes'; 'mojibake(quotes:mixed)' -> 'mojibake'."""
    return what.split("(")[0].split(":")[0]


# --- direction: the doubt order ------------------------------------------------------------------


def _dir_pairs(cases: Iterable[Case]) -> list[DirPair]:
    by_family: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        if c.level is not None:
            by_family[c.family].append(c)
    pairs: list[DirPair] = []
    for family, members in by_family.items():
        for hi in members:
            for lo in members:
                if LEVEL_RANK[hi.level] > LEVEL_RANK[lo.level]:  # type: ignore[index]
                    pairs.append(DirPair(family=family, part=hi.part, frame=hi.frame,
                                         levels=f"{hi.level}>{lo.level}", higher=hi, lower=lo))  # fmt: skip
    return pairs


def generate() -> Suite:
    """Every case of the suite, the same on every call and every machine."""
    mft = _mft()
    inv = [f for f in map(_inv_family, mft) if f is not None]
    return Suite(mft=tuple(mft), inv=tuple(inv), dir=tuple(_dir_pairs(mft)))


def digest(suite: Suite) -> str:
    """A SHA-256 over every generated text, target and part: equal digests mean equal suites."""
    h = hashlib.sha256()
    for c in suite.mft:
        h.update(f"{c.id}\0{c.part}\0{c.text}\0{c.start}:{c.end}\0".encode())
    for f in suite.inv:
        for what, v in f.variants:
            h.update(f"{f.id}\0{what}\0{v.text}\0{v.start}:{v.end}\0".encode())
    for p in suite.dir:
        h.update(f"{p.higher.id}>{p.lower.id}\0".encode())
    return h.hexdigest()


# --- scoring --------------------------------------------------------------------------------------


def _sentence_at(sentences: Sequence[Any], offset: int) -> Any | None:
    for s in sentences:
        if s.start <= offset < s.end:
            return s
    return None


def _overlaps(src: Any, start: int, end: int) -> bool:
    return src.start < end and start < src.end


def _describe(sentence: Any) -> list[list[Any]]:
    if sentence is None:
        return []
    return [[x.text, x.type, x.anonymous] for x in sentence.sources]


def _reading(sentence: Any) -> tuple[Any, ...]:
    if sentence is None:
        return (None, ())
    return (sentence.label, tuple((x.type, bool(x.anonymous)) for x in sentence.sources))


def _check(case: Case, sentences: Sequence[Any]) -> tuple[bool, bool, str]:
    """(type right, type and anonymity right, why not) on the attribution sentence and every carry."""
    type_ok = full_ok = True
    why = ""
    for offset in (case.start, *case.carry):
        s = _sentence_at(sentences, offset)
        where = "" if offset == case.start else "rest of quotation: "
        on_target = [x for x in s.sources if _overlaps(x, case.start, case.end)] if s is not None else []
        typed = [x for x in on_target if x.type == case.expected_type]
        full = [x for x in typed if bool(x.anonymous) == case.expected_anonymous]
        if not typed:
            type_ok = False
        if not full:
            full_ok = False
            if why:
                continue
            if s is None or not s.sources:
                why = f"{where}no source"
            elif not on_target:
                why = f"{where}no source on the target"
            elif not typed:
                why = f"{where}typed {'/'.join(sorted({x.type for x in on_target}))}"
            else:
                why = f"{where}anonymous={not case.expected_anonymous}"
    return type_ok, full_ok, why


def _rate(hits: Sequence[bool]) -> float | None:
    return round(sum(hits) / len(hits), 4) if hits else None


def _rates_by_part(rows: Sequence[tuple[str, bool]]) -> dict[str, float | None]:
    """rows of (part, passed) -> rate per part and overall."""
    return {
        "dev": _rate([ok for part, ok in rows if part == "dev"]),
        "blind": _rate([ok for part, ok in rows if part == "blind"]),
        "all": _rate([ok for _, ok in rows]),
    }


def run(score_fn: Callable[[str], Sequence[Any]] | None = None, suite: Suite | None = None) -> dict[str, Any]:
    """Score every case and return the rates (per part, frame, kind) and the failing cases.

    ``score_fn`` is ``credscore.score`` unless given: any function from a text to sentences with
    ``start``, ``end``, ``label``, ``reliability`` and ``sources`` (each with ``start``, ``end``,
    ``type``, ``anonymous``). Each distinct text is scored once.
    """
    if score_fn is None:
        import credscore

        score_fn = credscore.score
    suite = suite if suite is not None else generate()
    t0 = time.perf_counter()
    cache: dict[str, Sequence[Any]] = {}

    def scored(text: str) -> Sequence[Any]:
        if text not in cache:
            cache[text] = score_fn(text)
        return cache[text]

    # MFT
    mft_rows: list[tuple[Case, bool, bool]] = []
    mft_failures: list[dict[str, Any]] = []
    for c in suite.mft:
        sents = scored(c.text)
        type_ok, full_ok, why = _check(c, sents)
        mft_rows.append((c, type_ok, full_ok))
        if not full_ok:
            s = _sentence_at(sents, c.start)
            mft_failures.append({
                "id": c.id, "part": c.part, "frame": c.frame, "kind": c.kind, "text": c.text, "target": c.target,
                "expected": [c.expected_type, c.expected_anonymous], "why": why, "type_ok": type_ok,
                "label": s.label if s is not None else None, "got": _describe(s),
            })  # fmt: skip

    # INV
    inv_rows: list[tuple[InvFamily, bool]] = []
    inv_variant_rows: list[tuple[str, str, bool]] = []  # (group, part, same)
    inv_failures: list[dict[str, Any]] = []
    for f in suite.inv:
        base = _reading(_sentence_at(scored(f.base.text), f.base.start))
        bad = []
        for what, v in f.variants:
            got = _reading(_sentence_at(scored(v.text), v.start))
            inv_variant_rows.append((variant_group(what), f.part, got == base))
            if got != base:
                bad.append({"variant": what, "text": v.text, "reading": _jsonable(got)})
        inv_rows.append((f, not bad))
        if bad:
            inv_failures.append({"id": f.id, "part": f.part, "frame": f.frame, "kind": f.kind,
                                 "text": f.base.text, "reading": _jsonable(base), "variants": bad})  # fmt: skip

    # DIR
    dir_rows: list[tuple[DirPair, bool]] = []
    dir_failures: list[dict[str, Any]] = []
    for p in suite.dir:
        hs = _sentence_at(scored(p.higher.text), p.higher.start)
        ls = _sentence_at(scored(p.lower.text), p.lower.start)
        rh = hs.reliability if hs is not None else float("nan")
        rl = ls.reliability if ls is not None else float("nan")
        ok = rh > rl
        dir_rows.append((p, ok))
        if not ok:
            dir_failures.append({
                "family": p.family, "part": p.part, "frame": p.frame, "levels": p.levels,
                "higher": {"id": p.higher.id, "kind": p.higher.kind, "text": p.higher.text,
                           "reliability": round(rh, 4), "label": hs.label if hs is not None else None},
                "lower": {"id": p.lower.id, "kind": p.lower.kind, "text": p.lower.text,
                          "reliability": round(rl, 4), "label": ls.label if ls is not None else None},
            })  # fmt: skip

    def rates(frame: str | None = None, kind: str | None = None) -> dict[str, dict[str, float | None]]:
        def keep(fr: str, k: str | None) -> bool:
            return (frame is None or fr == frame) and (kind is None or k == kind)

        by_type = {
            "mft_type": _rates_by_part([(c.part, t) for c, t, _ in mft_rows if keep(c.frame, c.kind)]),
            "mft": _rates_by_part([(c.part, ok) for c, _, ok in mft_rows if keep(c.frame, c.kind)]),
            "inv": _rates_by_part([(f.part, ok) for f, ok in inv_rows if keep(f.frame, f.kind)]),
            # a DIR pair has two kinds: no rate per kind
            "dir": _rates_by_part([(p.part, ok) for p, ok in dir_rows if keep(p.frame, None)])
            if kind is None
            else dict.fromkeys(PARTS),
        }
        return {part: {t: by_type[t][part] for t in TEST_TYPES} for part in PARTS}

    def sizes(frame: str | None = None, kind: str | None = None) -> dict[str, dict[str, int]]:
        def n(rows: Iterable[Any], part: str) -> int:
            return sum(1 for r in rows if part in ("all", r.part))

        def keep(x: Any) -> bool:
            return (frame is None or x.frame == frame) and (kind is None or getattr(x, "kind", None) == kind)

        return {
            part: {
                "mft": n((c for c, _, _ in mft_rows if keep(c)), part),
                "inv": n((f for f, _ in inv_rows if keep(f)), part),
                "dir": n((p for p, _ in dir_rows if keep(p)), part) if kind is None else 0,
            }
            for part in PARTS
        }

    inv_groups = sorted({g for g, _, _ in inv_variant_rows})
    dir_levels = sorted({p.levels for p, _ in dir_rows})
    kinds = list(dict.fromkeys(c.kind for c in suite.mft))
    return {
        "seed": SEED,
        "digest": digest(suite),
        "counts": {
            "mft": len(suite.mft),
            "inv_families": len(suite.inv),
            "inv_variants": sum(len(f.variants) for f in suite.inv),
            "dir_pairs": len(suite.dir),
            "texts": len(cache),
        },
        "sizes": sizes(),
        "rates": rates(),
        "by_frame": {fr: {"rates": rates(frame=fr), "sizes": sizes(frame=fr)} for fr in FRAME_NAMES},
        "by_kind": {k: {"rates": rates(kind=k), "sizes": sizes(kind=k)} for k in kinds},
        "inv_by_variant": {
            g: _rates_by_part([(p, ok) for gg, p, ok in inv_variant_rows if gg == g]) for g in inv_groups
        },
        "dir_by_levels": {
            lv: _rates_by_part([(p.part, ok) for p, ok in dir_rows if p.levels == lv]) for lv in dir_levels
        },
        "failures": {"mft": mft_failures, "inv": inv_failures, "dir": dir_failures},
        "seconds": round(time.perf_counter() - t0, 2),
    }


def _jsonable(reading: tuple[Any, ...]) -> dict[str, Any]:
    label, sources = reading
    return {"label": label, "sources": [list(s) for s in sources]}


def failure_patterns(result: dict[str, Any], part: str = "all") -> dict[str, Counter[str]]:
    """Failures grouped by what went wrong, per test type: a key names the pattern, its count how often."""
    keep = (lambda x: True) if part == "all" else (lambda x: x["part"] == part)
    mft: Counter[str] = Counter(f"{f['kind']}: {f['why']}" for f in result["failures"]["mft"] if keep(f))
    inv: Counter[str] = Counter()
    for f in result["failures"]["inv"]:
        if keep(f):
            for g in sorted({variant_group(v["variant"]) for v in f["variants"]}):
                inv[f"{f['kind']} in {f['frame']}: changed by {g}"] += 1
    dirs: Counter[str] = Counter(
        f"{f['higher']['kind']} <= {f['lower']['kind']}" for f in result["failures"]["dir"] if keep(f)
    )
    return {"mft": mft, "inv": inv, "dir": dirs}
