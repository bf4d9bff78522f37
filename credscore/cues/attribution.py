"""Attribution cues: the verbs and phrases that attribute a claim to a source, and their sources.

For each lexicon hit of an attribution rule (a verb of saying or reporting, a
verb of belief, "according to"), outside a quotation:

1. check it is an attribution here: not a noun ("his claims"), not an
   infinitive ("declined to say"), not a request ("asked for aid"), not a
   document verb without a document ("police found a body");
2. find its source phrase (:mod:`credscore.cues.sources`): after "according
   to" and after "by" in a passive, before the verb for a subject, after it for
   an inverted speaker, the sentence's subject for a participle;
3. build the :class:`~credscore.cues.base.Source` (resolved or typed,
   :mod:`credscore.cues.resolution`).

A verb of saying whose source cannot be found becomes an
``unsourced_attribution`` cue: it never passes for a sourced claim.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace

from ..lexicon import word_list, word_table
from ..sentences import Sentence
from .agentless import expresses_a_stance
from .base import SOURCE_KINDS, Cue, Rule, Source, Span, register
from .document import Attribution, Document, Hit
from .names import first_name_gender, is_person_noun
from .resolution import build_source, is_time_or_number
from .sources import (
    DASHES,
    WINDOW,
    abbreviation_period,
    ends_in_a_verb,
    phrase_after,
    relative_antecedent,
    relative_that,
    sentence_subject,
    skip_back,
    skip_interjection,
    stray_comma_after_subject,
    stray_comma_after_tag,
    subject_before,
)
from .span_ranker import rank_spans
from .text import DETERMINERS, NP_STOP, QUOTE_CHARS, Token, is_name_token

__all__ = ["ATTRIBUTION_RULES", "find_attributions"]

#: Verbs of reporting whose agentless passive attributes without a source ("it was reported").
AGENTLESS_PASSIVE = word_list("agentless_passive")
_REQUEST_VERBS = word_list("request_verbs")
#: Auxiliaries before the "be" of a passive ("have been warned", "will be told", "had been expected").
_PASSIVE_AUXILIARIES = frozenset(
    ["have", "has", "had", "will", "would", "shall", "should", "may", "might", "can", "could", "must"]
)
#: "-ing" forms that hang on the main clause: "X endorsed Y, saying ..." (with every "-ing" verb of saying the
#: lexicon holds: :func:`_hangs_on_a_clause`).
PARTICIPLES = word_list("participles")
#: Verbs that attribute only when a document is the subject ("the poll shows").
DOCUMENT_VERBS = word_list("document_verbs")
_NOT_SPEECH_AFTER = re.compile(r"\s+(?:" + "|".join(map(re.escape, word_table("request_objects"))) + r")\b")
_BE = word_list("be_passive")
#: A word before which a verb form is a noun or gerund, not an attribution ("after saying", "with promises").
_NOT_A_VERB_AFTER = word_list("not_a_verb_after")
_BY = re.compile(r"\s+by\s")
#: Verbs of beginning or going on, before "to" and a verb of saying ("continued to warn", "began to argue").
_ASPECTUAL = word_list("aspectual_verbs")
#: Verbs that lend their subject to the verb after "to" ("Israel seems to think that").
_RAISING = word_list("raising_verbs")
_IRREGULAR_PARTICIPLES = word_list("irregular_participles")
#: A passive's agent after an "as" phrase: "was hailed as the album of the year by many critics".
_AS_BY = re.compile(r"\s+as\s+(?:[\w'\u2019-]+\s+){1,6}?by\s")
#: A passive's agent after a short prepositional phrase: "has been criticised for incessant sleaze by campaigners".
_PP_BY = re.compile(r"\s+(?:for|over|in|on|at|after)\s+(?:[\w'\u2018\u2019\u201c\u201d\"-]+\s+){1,4}?by\s")
#: A word of a complement: no "to", no form of "be" or "have" (a verb group, not a complement), no past form;
#: ``{not_also}`` adds words it may not be either.
_COMPLEMENT_WORD = (
    r"(?!(?:to|is|are|was|were|be|been|being|has|have|had){not_also}\s)(?![\w'\u2019-]+ed\s)[\w'\u2019-]+\s+"
)
#: A passive's agent after a complement of one or two words: "several times declared illegal by the courts",
#: "was branded a liar by his rivals".
_COMPLEMENT_BY = re.compile(r"\s+(?:" + _COMPLEMENT_WORD.format(not_also="") + r"){1,2}?by\s")
#: With no "be" before the verb, only a one-word complement that is no determiner or pronoun: "several times
#: declared illegal by the courts", not "said the decision by the leaders" (an object: the verb is active).
_ADJECTIVE_BY = re.compile(
    r"\s+"
    + _COMPLEMENT_WORD.format(
        not_also="|the|a|an|his|her|its|their|this|that|these|those|our|my|your|some|any|no|all|it|them|him|us|me"
    )
    + r"by\s"
)
#: After "by", a means or a time, not an agent: "told by phone", "announced by Friday", "by the end of",
#: "responded by using the example of Chicago".
_BY_NO_ONE = re.compile(
    r"(?:the\s+)?(?:phone|telephone|email|e-mail|text|letter|video|videolink|satellite|mail|fax|post|radio|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today|now|then|end|time|far|"
    r"midnight|noon|january|february|march|april|june|july|august|september|october|november|december|\d+|"
    r"(?:[a-z]+ly\s+|first\s+|then\s+|also\s+)?[a-z]+ing)\b"
)


def _by_agent(low: str, m: re.Match[str] | None) -> re.Match[str] | None:
    """``m``, a match that ends right after "by", when an agent follows it and not a means or a time."""
    return m if m is not None and not _BY_NO_ONE.match(low, m.end()) else None


#: Particles of phrasal verbs of saying ("pointed out", "spelled out", "played down").
_PARTICLES = frozenset(["out", "up", "down", "off"])


def _reduced_passive(doc: Document, h: Hit) -> bool:
    """Is the verb a past participle with its agent right after it and no "be" before it, a reduced passive
    ("Housing plans criticised by MPs", "the problem pointed out by critics")? Then the agent is the source,
    not the noun before it (what was criticised)."""
    phrase = h.entry.phrase
    words = phrase.split()
    # the participle of a phrasal verb is its first word ("the problem pointed out by critics")
    last = words[0] if len(words) == 2 and words[1] in _PARTICLES else words[-1]
    if not (last.endswith("ed") or last in _IRREGULAR_PARTICIPLES) or last.endswith("eed"):
        return False
    if h.entry.rule == "stance_verb" and phrase not in _OBJECT_STANCE and len(words) == 1 and phrase != "described":
        # "a monitor maintained by the embassy": an ambiguous verb, here no saying; "an objective described by
        # the administration as ...": described by someone is said by them
        return False
    low = doc.low
    return _by_agent(low, _BY.match(low, h.end, h.end + 5) or _ADJECTIVE_BY.match(low, h.end, h.end + 40)) is not None


def _according_to(doc: Document, idx: int, s: Sentence, h: Hit, verb: Cue) -> Attribution:
    span = phrase_after(doc, s, h.end)
    src = build_source(doc, idx, *span, _span(verb)) if span else None
    if src is None:
        return Attribution(replace(verb, rule="unsourced_attribution"), [], True)  # "according to his lawyer"
    return Attribution(verb, [src], True)


#: What follows a verb of saying in speech context: "that", a colon, a quotation mark.
_SPEECH_AFTER = re.compile(r"""\s*(?:that\b|:|["\u201c\u2018]|,\s*["\u201c])""")
#: Where or when something was said, between the verb and "that": "alleged in an interview that", "claimed on
#: Monday that", "insisted to reporters that".
_SETTING_THEN_THAT = re.compile(
    r"\s+(?:(?:in|during)\s+(?:an?|the|his|her|its|their)\s+(?:[\w-]+\s+)?(?:interview|statement|letter|e-?mail|"
    r"speech|filing|post|tweet|briefing|conference|hearing|testimony|broadcast|op-ed|column|memo)s?"
    r"(?:\s+(?:with|to|on)\s+[\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]*){0,3})?"
    r"|on\s+(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|last\s+(?:week|month|year|night)|"
    r"yesterday|today|earlier|later|again|repeatedly|publicly|privately|to\s+(?:reporters|journalists)|"
    r"for\s+(?:his|her|its|their|our|my)\s+part)"
    r",?\s+that\b"
    # "considered, moreover, that", "affirmed, however, that": an aside between commas
    r"|,\s*(?:[\w'\u2019-]+\s+){0,2}[\w'\u2019-]+\s*,\s*that\b"
)
_INFORMING = word_list("informing_verbs")
#: A person object of one to three words, then "that" ("voters that", "the city council that").
_OBJECT_THEN_THAT = re.compile(r"\s+(?:[\w'\u2019.-]+\s+){1,3}?that\b")
#: How far back a closing quotation mark makes a verb a speech verb ('..." he continued').
_QUOTE_BEFORE = 40
#: A closing quotation mark: a double one, or a single one after punctuation or before it (",' he continued",
#: "a real surprise for us', he said"); an apostrophe inside or after a word ("the regulator's new rules",
#: "the players' union") is none.
_CLOSING_QUOTE = re.compile(r"[\"\u201d]|[,.!?]['\u2019]|['\u2019][,.;:!?]")
#: A reporting clause after the content: a comma, then up to six words of a subject, right before the verb
#: ("..., the report concluded.", "..., senior aides conceded."), and nothing after the verb but the sentence's
#: end (:data:`_SENTENCE_END_AFTER`).
_POSTPOSED_FRAME = re.compile(r",\s+(?:[\w.'\u2019&-]+\s+){0,5}[\w.'\u2019&-]+\s*$")
_COMMA_BEFORE = re.compile(r",\s*$")
_SENTENCE_END_AFTER = re.compile(r"\s*[.!?]?[\"\u201d\u2019']?\s*$")
#: Verbs of judging aloud ("criticised", "thanked", "blamed"): an attribution when an object follows.
_OBJECT_STANCE = word_list("object_stance_verbs")
#: Words after a verb of judging that are not its object: "defended well", "criticised by", "praised as".
_NOT_AN_OBJECT = word_list("prepositions") | word_list("clause_words") | word_list("not_an_object_adverbs")
#: The word after a verb, past the closing mark of a quoted verb ('"totally refuted" any wrongdoing').
_NEXT_WORD = re.compile(r"[\"\u201d\u2019']?\s+([\w'\u2019-]+)")


#: Verbs of feeling that take a bare clause of belief ("the coach felt the result exposed ...").
_FEELING_VERBS = word_list("feeling_verbs")
#: A bare clause after a verb of feeling: a subject of one to four words, then a finite verb ("the result
#: exposed", "the Iraq war had undermined", "he was"). "felt the pain", "felt the effects of the cuts" are not.
_BARE_CLAUSE = re.compile(
    r"\s+(?:the|his|her|their|its|this|it|he|she|they|we|i|there|at\s+least|some|many|most|several|a|an|\d+)\b"
    r"((?:\s+[\w'\u2019-]+){0,3}?)"
    # an aside about the subject between commas ("the plan, nominally launched to resettle families, is")
    r"(?:\s*,[^,.;:!?\"\u201c\u201d]{1,100},)?\s+"
    r"(?:had|has|have|was|were|is|are|would|could|will|should|might|must|did|[a-z]{3,}ed)\b"
)
#: Words that end a subject before the clause's verb: a preposition or an article means a noun phrase went on
#: ("felt the effects of a weakened economy").
_NOT_IN_BARE_SUBJECT = word_list("prepositions") | word_list("bare_subject_stops")


def _bare_clause_at(doc: Document, pos: int) -> bool:
    """Does a clause with its subject and finite verb, and no "that", begin at ``pos``?"""
    m = _BARE_CLAUSE.match(doc.low, pos)
    return m is not None and not any(w in _NOT_IN_BARE_SUBJECT for w in m.group(1).split())


def _states_a_feeling(doc: Document, h: Hit) -> bool:
    """Does a verb of feeling take a bare clause of belief ("Gold felt the result exposed his side's lack")?"""
    return h.entry.phrase in _FEELING_VERBS and _bare_clause_at(doc, h.end)


#: Ambiguous verbs of saying that take a clause without "that" ("alleged the plan is", "agreed, the vote was").
_CLAUSE_STANCE = word_list("clause_stance_verbs")


def _states_a_clause(doc: Document, h: Hit) -> bool:
    """Does an ambiguous verb of saying take a clause whose "that" is left out or is a comma ("Mr. Tsvangirai
    alleged, the land-reform plan is ...")? Its adjective or noun reading ("the alleged plot") takes none."""
    if h.entry.phrase not in _CLAUSE_STANCE or not doc.text[h.start].islower():
        return False  # "the United States, the voters were ...": a capital makes it a name
    pos = h.end + 1 if doc.low.startswith(",", h.end) else h.end
    return _bare_clause_at(doc, pos)


def _agent_follows(doc: Document, s: Sentence, h: Hit) -> bool:
    """Does "by" and an agent follow the verb at ``h``, at once or after an "as" phrase or a short prepositional
    phrase ("was criticised by the coach", "was hailed as the album of the year by many critics", "has been
    criticised for incessant sleaze by campaigners")?"""
    low = doc.low
    return any(
        _by_agent(low, m) is not None
        for m in (
            _BY.match(low, h.end, h.end + 5),
            _AS_BY.match(low, h.end, s.end),
            _PP_BY.match(low, h.end, s.end),
            _ADJECTIVE_BY.match(low, h.end, min(s.end, h.end + 40)),
        )
    )


def _judges_an_object(doc: Document, h: Hit) -> bool:
    """Is the verb of judging at ``h`` followed by its object ("criticised the plan", "thanked fans", "chides
    FSA")? Then its subject states a judgment: an attribution, as a verb of saying is."""
    if h.entry.phrase not in _OBJECT_STANCE:
        return False
    m = _NEXT_WORD.match(doc.low, h.end)
    return m is not None and m.group(1) not in _NOT_AN_OBJECT


def _speech_context(doc: Document, s: Sentence, h: Hit) -> bool:
    """Does an ambiguous verb ("continued", "described") attribute speech here?"""
    if _SPEECH_AFTER.match(doc.low, h.end) or _SETTING_THEN_THAT.match(doc.text, h.end):
        return True
    if h.entry.phrase in _INFORMING and _OBJECT_THEN_THAT.match(doc.low, h.end):
        return True  # "reminded voters that", "assured the council that"
    if expresses_a_stance(doc, h):
        return True  # "expressed concern that", "expressed confidence" (credscore/cues/agentless.py)
    if _judges_an_object(doc, h):
        return True  # "Lee criticised the plan", "the coach thanked fans", "the medic blamed the outbreak on ..."
    if (h.entry.phrase in _OBJECT_STANCE or " " in h.entry.phrase) and _agent_follows(doc, s, h):
        return True  # "was criticised by the coach", "was hailed as the album of the year by many critics"
    if _states_a_feeling(doc, h):
        return True  # "Gold felt the result exposed his side's lack of consistency": a belief
    if _states_a_clause(doc, h):
        return True  # "Tsvangirai alleged the plan is ...", "the panel concluded, the vote was ..."
    back = doc.text[max(s.start, h.start - _QUOTE_BEFORE) : h.start]
    if _CLOSING_QUOTE.search(back) and not doc.in_quote(h.start):
        return True
    if _COMMA_BEFORE.search(doc.text, max(s.start, h.start - 4), h.start) and _speaker_after(doc, s, h) is not None:
        return True  # "..., reports Toby Harnden in Washington.": a speaker after the verb closes the clause
    if (
        _SENTENCE_END_AFTER.match(doc.text, h.end, s.end)
        and h.entry.phrase not in _ASPECTUAL  # "After the rain stopped, the fighting continued.": no one speaks
        and _POSTPOSED_FRAME.search(doc.text, s.start, h.start)
    ):
        return True  # "..., the gap is closing, the report concluded.": the reporting clause closes the sentence
    # "described the ground as 'Swiss cheese'", "described him as a liar"
    return h.entry.phrase.startswith("describ") and " as " in doc.low[h.end : min(s.end, h.end + 80)]


def _verb(doc: Document, idx: int, s: Sentence, h: Hit, verb: Cue) -> Attribution | None:
    text, low = doc.text, doc.low
    phrase = h.entry.phrase
    if h.entry.rule == "stance_verb" and not _speech_context(doc, s, h):
        return None  # an ambiguous verb outside speech context: "the fighting continued"
    if phrase in _REQUEST_VERBS and _NOT_SPEECH_AFTER.match(low, h.end):
        return None  # "asked for aid", "asked to leave": a request, not a statement
    toks = doc.tokens(max(s.start, h.start - WINDOW), h.start)
    j = skip_back(doc, toks, skip_interjection(toks, len(toks) - 1))
    if j >= 0 and toks[j][2] in QUOTE_CHARS and doc.in_quote(h.start):
        j = skip_back(doc, toks, j - 1)  # 'A spokesman "totally refuted" it': the writer quotes the verb
    if phrase.endswith("ing") and j >= 0 and toks[j][2] in _BE:
        j = _before_progressive(doc, toks, j)  # "Trump is saying", "officials have been warning": not a passive
    passive = False
    if j >= 1 and toks[j][2] == "to" and (toks[j - 1][2] in _ASPECTUAL or toks[j - 1][2] in _RAISING):
        # "Others continued to warn", "Israel seems to think": the subject speaks, or holds the view
        j = skip_back(doc, toks, j - 2)
    if j >= 0:
        tok = toks[j][2]
        if (tok in DETERMINERS and not relative_that(doc, toks, j)) or tok == "to" or tok.endswith(("'s", "\u2019s")):
            return None  # a noun ("the report", "Trump's claim") or an infinitive ("declined to say")
        if tok in _NOT_A_VERB_AFTER:
            return None  # "for telling the truth", "with promises to", "than say", "<tweet>": not a finite verb
        if tok in ("when", "if", "while", "as", "since", "although", "though", "before", "after") and (
            phrase in ("asked", "pressed", "questioned") or phrase.endswith("ing")
        ):
            return None  # "when asked if ...", "while saying that ...": a clause whose subject speaks elsewhere
        if tok in _BE:
            passive = True
        elif _reduced_passive(doc, h):
            passive = True  # "Housing plans criticised by MPs", "a report later denied by the companies"
    elif phrase in ("asked", "pressed", "questioned"):
        return None  # "Asked if he was bullied, the candidate said no": the main verb carries the source
    cue = _span(verb)
    participle = _hangs_on_a_clause(h)
    sources: list[Source] = []
    if passive:
        # "was told by aides": the source follows "by". Without one, a verb of
        # reporting is agentless attribution ("reporters were told"), any
        # other verb just an event ("the envoy had been recalled").
        # "was told by phone", "was announced by Friday": how or when, not who
        m = _by_agent(
            low,
            _BY.match(low, h.end, h.end + 5)
            or _PP_BY.match(low, h.end, s.end)
            or _COMPLEMENT_BY.match(low, h.end, min(s.end, h.end + 40)),
        )
        if m is None and (phrase in _OBJECT_STANCE or phrase.startswith("describ")):
            m = _AS_BY.match(low, h.end, s.end)  # "was hailed as the album of 2003 by many critics"
        span = phrase_after(doc, s, h.end + m.end() - h.end - 1) if m else None
        src = build_source(doc, idx, *span, cue) if span else None
        if src is None:
            if phrase in AGENTLESS_PASSIVE:
                k = j
                while k >= 1 and toks[k - 1][2] in _PASSIVE_AUXILIARIES:
                    k -= 1  # "have been warned", "will be told": the whole verb group
                a = toks[k][0]
                if k >= 1 and toks[k - 1][2] in ("it", "there"):
                    a = toks[k - 1][0]
                vague = Source(text[a : h.end], a, h.end, "vague", True, None, cue=cue, rule="agentless")
                return Attribution(verb, [vague], False)
            return None
        sources.append(src)
    else:
        span = None
        if stray_comma_after_tag(doc, toks, j) or stray_comma_after_subject(doc, toks, j):
            j -= 1  # "Gov. John Kasich (R-OH), said", "Kirsten Pfeifer from the CEA, told": a stray comma
        prev = toks[j][2] if j >= 0 else None
        if prev == "." and abbreviation_period(doc, toks, j):
            prev = toks[j - 1][2]  # "Acme Corp. said": the period ends an abbreviation, not a sentence
        if participle and prev in ("\u201d", '"', "\u2019", "'"):
            prev = ","  # '..., it is "the one," adding that ...': the participle follows the quotation
        titled = _titled_subject(doc, s, toks, j) if prev in ("\u201d", '"') else None
        if titled is not None:
            span = titled  # 'the FAO report on the "State of Agricultural Commodity Markets 2004" said'
        elif prev == "so" and (j == 0 or toks[j - 1][2] in ("or", "and", ",", "but")):
            span = _speaker_after(doc, s, h)  # "Or so says Home Secretary Charles Clarke": inverted after "so"
        elif prev == "that" and relative_that(doc, toks, j):
            span = relative_antecedent(doc, toks, j)  # "the forum that said": what the relative pronoun follows
        elif prev is not None and (prev not in NP_STOP or prev == ")" or prev in DASHES) and prev != ",":
            span = subject_before(doc, s, toks, j)
            if span is not None and participle:
                span = _issuer(doc, s, toks, span) or span
            if span is not None and _sentence_adverb(doc, s, *span):
                # "Locally, too, say analysts, ...": the adverb is no one, the speaker follows ("Connolly, too,
                # said that ...": no speaker follows, the name stays)
                span = _speaker_after(doc, s, h) or span
            if span is None and prev in ("and", "but"):
                earlier = _earlier_speaker(doc, idx, toks, j)
                if earlier is not None:
                    # '"...," he said, but added that ...': the same speaker goes on
                    sources.extend(replace(x, cue=cue) for x in earlier.sources[:1])
                else:
                    span = sentence_subject(doc, s)  # "The senator survived the vote and says ..."
            elif span is None and prev in DASHES and participle:
                span = sentence_subject(doc, s, before=h.start)  # "The government refused - saying ..."
        elif prev == "," and participle:
            earlier = next((a for a in doc.attributions[idx] if a.sources and not a.according_to), None)
            if earlier is not None:
                # '"...," Anderson said, adding that ...': the same speaker goes on.
                sources.extend(replace(x, cue=cue) for x in earlier.sources[:1])
            else:
                # "Rubio endorsed Cruz, saying ...": the subject of the clause before speaks
                span = sentence_subject(doc, s, before=h.start)
        elif prev == "," and not (j >= 1 and toks[j - 1][2] in QUOTE_CHARS):
            span = subject_before(doc, s, toks, j)  # "X, who spoke on condition of anonymity, said"
            if span is not None and (
                # a verb at the end of a phrase with no clause of its own ("X, who asked not to be named, said"
                # ends in a participle of its relative clause)
                ("," not in doc.text[span[0] : span[1]] and ends_in_a_verb(doc, toks, span[1]))
                or is_time_or_number(doc.low[span[0] : span[1]].split())
            ):
                # "..., after Cabinet allies intervened, writes Mr Peston", "... in June 2004, ..., writes": a clause
                # or a date, not a subject
                span = None
            if span is None:
                # "The plan is dead, said Ms. Lee": the speaker follows, if what follows looks like one.
                span = _speaker_after(doc, s, h)
        else:
            # '"...," said Ms. Lee', '..." said the official' or a sentence that
            # opens with the verb: the source follows it.
            span = phrase_after(doc, s, h.end, inverted=True)
        if not sources and doc.det.ranks_spans:
            spans = rank_spans(doc, s, h, toks, j, span)  # the walkers propose, the learned ranker chooses
            if span is not None and not spans:
                # The ranker dropped the rules' only span as no one's: as in PolNeAR, where it learnt "none",
                # no attribution ("for making dubious claims", "manipulating his fans into believing").
                return None
        else:
            spans = [span] if span is not None else []
        for span in spans:
            src = build_source(doc, idx, *span, cue)
            if src is not None:
                sources.append(src)
                break
    if phrase in DOCUMENT_VERBS and not any(x.type == "document" or x.outlet for x in sources):
        return None  # "police found a body" is no attribution; "the poll found ..." is
    if h.entry.rule == "belief_verb" and (not sources or _writer(sources[0])):
        return None  # "I think", "we hope" outside quotes (the writer's own view), or a noun: not an attribution
    if not sources:
        # A verb of saying whose source credscore could not identify: say so,
        # rather than let it pass for sourced.
        verb = replace(verb, rule="unsourced_attribution")
    return Attribution(verb, sources, False)


#: Words before a title in quotation marks inside a subject ('the report on the "State of ..."', 'a study called
#: "Digital Lives"').
_BEFORE_TITLE = frozenset(["on", "of", "about", "into", "called", "titled", "entitled", "named"])
#: How many words a quoted title may hold.
_MAX_TITLE = 10


def _titled_subject(doc: Document, s: Sentence, toks: list[Token], j: int) -> tuple[int, int] | None:
    """For a verb right after a closing quotation mark ('... the FAO report on the "State of Agricultural
    Commodity Markets 2004" said'): when the quotation is a title (short, capitalised words) inside a noun
    phrase, the subject is that phrase with the title. A quotation of speech ('"...," said Lee') is none."""
    o = next((k for k in range(j - 1, max(-1, j - _MAX_TITLE - 2), -1) if toks[k][2] in ('"', "\u201c")), None)
    if o is None or o < 2 or o == j - 1:
        return None
    words = [t for t in toks[o + 1 : j] if t[2][0].isalnum()]
    if not words or not doc.text[words[0][0]].isupper() or any(t[2] in (",", ".", "!", "?") for t in toks[o + 1 : j]):
        return None  # a clause of speech, not a title
    k = o - 1
    if toks[k][2] in ("the", "a", "an"):
        k -= 1
    if toks[k][2] not in _BEFORE_TITLE or k < 1:
        return None
    head = subject_before(doc, s, toks, k - 1)
    if head is None:
        return None
    return head[0], toks[j][1]


def _hangs_on_a_clause(h: Hit) -> bool:
    """Is the verb an "-ing" form that hangs on the clause before it ("..., saying", "..., confirming that")?
    The listed participles, and any "-ing" verb of saying in the lexicon."""
    phrase = h.entry.phrase
    return phrase in PARTICIPLES or (
        h.entry.rule in ("speech_verb", "stance_verb") and phrase.endswith("ing") and " " not in phrase
    )


def _earlier_speaker(doc: Document, idx: int, toks: list[Token], j: int) -> Attribution | None:
    """For a verb after "and" / "but" right after a comma ('"...," he said, but added that ...'): the attribution
    of the sentence before the comma that has a source, if the comma follows its verb or its speaker."""
    if j < 1 or toks[j - 1][2] != ",":
        return None
    comma = toks[j - 1][0]
    for a in reversed(doc.attributions[idx]):
        if a.sources and not a.according_to and max(a.verb.end, a.sources[0].end) <= comma:
            return a
    return None


#: A statement that someone issues, right before a participle of saying ("issued a statement Tuesday saying").
_ISSUED = re.compile(
    r"\b(?:issued|issues|released|releases|put\s+out|puts\s+out|sent\s+out|posted|published|read\s+out)\s+"
    r"(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+)?(?:statement|memo|letter|release|communiqu[eé]|note)\b"
    r"(?:\s+[\w-]+)?\s*$"
)


def _issuer(doc: Document, s: Sentence, toks: list[Token], span: tuple[int, int]) -> tuple[int, int] | None:
    """For "X issued a statement saying ...", whose subject walk stops at "a statement" (or runs on over the
    verb: "His office put out a statement"): the one who issued it, X, is the source (as PolNeAR and the guide
    read it), not an unidentified document."""
    a, b = span
    m = _ISSUED.search(doc.low, max(s.start, a - 16), b)
    if m is None:
        return None
    k = next((i for i, t in enumerate(toks) if t[0] == m.start()), None)
    if k is None or k == 0:
        return None
    return subject_before(doc, s, toks, skip_back(doc, toks, k - 1))


def _speaker_after(doc: Document, s: Sentence, h: Hit) -> tuple[int, int] | None:
    """The speaker after the verb, if what follows it looks like one and ends the clause ("..., said Ms. Lee";
    not "..., said the event brought back memories")."""
    after = phrase_after(doc, s, h.end, inverted=True)
    if after is not None and _looks_like_source(doc, *after) and _ends_clause(doc, s, after[1]):
        return after
    return None


def _sentence_adverb(doc: Document, s: Sentence, a: int, b: int) -> bool:
    """Is the subject the rules found one adverb opening the sentence before a comma ("Locally, too, say
    analysts")? A name in -ly ("Kelly, too, said") is kept: only an inverted speaker after the verb replaces it."""
    word = doc.low[a:b]
    return (
        a == s.start
        and " " not in word
        and (word in _FRONT_ADVERBS or (word.endswith("ly") and len(word) > 4 and word not in _NAMES_IN_LY))
        and doc.text[b : b + 1] == ","
        and first_name_gender(doc.text[a:b]) is None
    )


_FRONT_ADVERBS = word_list("front_adverbs")
#: Words in -ly that are names or nouns, not adverbs (the lexicon's own list).
_NAMES_IN_LY = word_list("not_adverbs")


def _before_progressive(doc: Document, toks: list[Token], j: int) -> int:
    """For a verb in -ing after a form of "be" at ``j`` ("is saying", "are now hoping", "have been warning",
    "will be telling"): the last token before the auxiliaries, where the subject ends."""
    while j >= 0 and toks[j][2] in _BE:
        j = skip_back(doc, toks, j - 1)  # "have been", "will be", "are now"
    return j


#: Words that may follow a postposed speaker: "..., said Lee on Monday", "..., said Lee in a statement",
#: "..., said Lee after the meeting", "..., said Lee, who ...".
_AFTER_SPEAKER = word_list("after_speaker")
#: After a postposed speaker: a participle with its agent ("published jointly by"), or "and that".
_AFTER_SPEAKER_CLAUSE = re.compile(r"\s*(?:[a-z]+ed\s+(?:[a-z]+ly\s+)?by\b|and\s+that\b)")


def _ends_clause(doc: Document, s: Sentence, end: int) -> bool:
    """Does a postposed speaker end at ``end``? What follows must close the clause (punctuation, the
    sentence's end) or add when or how it was said: in "..., said the event brought back memories" the
    phrase after "said" is the subject of what was said, not its speaker."""
    rest = doc.text[end : s.end].lstrip()
    if not rest or not (rest[0].isalnum()):
        return True
    if rest.split(None, 1)[0].lower().strip(".,;:") in _AFTER_SPEAKER:
        return True
    # "..., said the leaflet published jointly by the police", "..., said Mr Lee and that it was likely": a
    # participle with its agent, or a second "that" clause of the same verb
    return bool(_AFTER_SPEAKER_CLAUSE.match(doc.low, end, s.end))


def _looks_like_source(doc: Document, a: int, b: int) -> bool:
    """A capitalised name or a determiner with a role: what an inverted speaker looks like."""
    words = doc.text[a:b].split()
    if not words:
        return False
    first = words[0].lower()
    if words[0][0].isupper() and first not in ("he", "she", "it", "they", "we", "i", "his", "her", "their", "its"):
        return True
    if first in ("the", "a", "an", "one", "two", "three", "several", "some") and len(words) >= 2:
        return True
    if first in ("our", "its", "their") and len(words) >= 2:
        return True  # "..., said our correspondent": the outlet's own reporter; "..., said its chairman"
    if len(words) <= 6 and is_name_token(words[-1].rstrip(".,")):
        return True  # "..., argues analyst Bill Thompson", "..., said market analyst Datamonitor"
    # "Then, say analysts, there is ...", "..., say reports": a word of the source lexicon, or a noun for people
    # heading the phrase ("..., say web analysts")
    return any(h.start == a and h.entry.kind in SOURCE_KINDS for h in doc.hits_in(a, b)) or (
        len(words) <= 3 and all(w.islower() for w in words) and is_person_noun(words[-1].strip(".,"))
    )


def _writer(src: Source) -> bool:
    return src.rule == "pronoun_source" and src.text.lower() in ("i", "we") and src.refers_to is None


def _span(c: Cue) -> Span:
    return Span(c.start, c.end, c.text)


_ATTRIBUTION_RULES = (
    Rule(
        "speech_verb",
        "attribution",
        "a verb of saying; its source is found before or after it",
        "attribution",
        find=_verb,
    ),
    Rule("according_to", "attribution", "'according to X'; X is the source", "attribution", find=_according_to),
    Rule(
        "report_verb",
        "attribution",
        "reported/shows/found: second-hand when the reporter is an outlet",
        "attribution",
        find=_verb,
    ),
    Rule(
        "belief_verb",
        "attribution",
        "believes, thinks, fears: a state of mind attributed to a source",
        "attribution",
        find=_verb,
    ),
    Rule(
        "stance_verb",
        "attribution",
        "criticized, described, continued: an attribution only in speech context",
        "attribution",
        find=_verb,
    ),
    Rule(
        "no_comment",
        "attribution",
        "'declined to comment', 'did not respond': the source's own non-answer",
        "attribution",
        find=_verb,
    ),
)
register(
    *_ATTRIBUTION_RULES,
    # Not a rule of its own: what a verb of saying becomes when its rule finds no source.
    Rule(
        "unsourced_attribution", "attribution", "a verb of saying whose source could not be identified", "attribution"
    ),
)
#: What each attribution rule does with its lexicon hit (the rule's ``find``), in one table.
ATTRIBUTION_RULES: dict[str, Callable[[Document, int, Sentence, Hit, Cue], Attribution | None]] = {
    r.name: r.find for r in _ATTRIBUTION_RULES if r.find is not None
}


#: Longest quotation (characters, marks included) read as the writer quoting a verb, not a speaker's words.
_SCARE_QUOTE = 40
_WORD_THEN_SPACE = re.compile(r"[\w)]\s+$")


def _scare_quoted(doc: Document, h: Hit) -> bool:
    """Is the verb at ``h`` inside a short quotation that opens at the verb (or an adverb before it) right after
    a word, the writer quoting how someone put it ('A Tory spokesman "totally refuted" any wrongdoing')? Then its
    subject outside the quotation is the source, as for the verb unquoted."""
    q = doc.quote_at(h.start)
    if q is None or q[1] - q[0] > _SCARE_QUOTE:
        return False
    qs, qe = q
    inside = doc.text[qs + 1 : qe]
    if any(c in inside for c in ".!?;:,"):
        return False
    before = doc.low[qs + 1 : h.start].split()
    if len(before) > 1 or (before and not before[0].endswith("ly")):
        return False
    return _WORD_THEN_SPACE.search(doc.text, max(0, qs - 30), qs) is not None


def find_attributions(doc: Document, idx: int, s: Sentence, hits: list[Hit]) -> None:
    """Attributions of sentence ``idx``: cues, sources and the history back-references read."""
    atts = doc.attributions[idx]
    disabled = doc.det.disabled_rules
    for h in hits:
        if h.used:
            continue
        fn = ATTRIBUTION_RULES.get(h.entry.rule)
        if fn is None or (disabled and h.entry.rule in disabled):
            continue  # not an attribution phrase, or its rule is switched off
        if doc.in_quote(h.start) and not _scare_quoted(doc, h):
            continue  # quoted: the speaker's words
        verb = Cue("attribution", h.entry.rule, h.start, h.end, doc.text[h.start : h.end])
        att = fn(doc, idx, s, h, verb)
        if att is None:
            continue
        h.used = True
        _drop_nested(doc, idx, att)
        atts.append(att)
        doc.cues[idx].append(att.verb)
        for src in att.sources:
            _claim_hits(doc, src)
            remember(doc, idx, src)
            doc.sources[idx].append(src)


def _drop_nested(doc: Document, idx: int, att: Attribution) -> None:
    """An earlier attribution whose verb lies inside this one's source phrase belongs to that phrase:
    "A neighbor who asked not to be named because she feared retaliation said ..." is one attribution."""
    spans = [(x.start, x.end) for x in att.sources if not x.inherited]
    if not spans:
        return
    atts = doc.attributions[idx]
    lo = min(a for a, _ in spans)
    first = bisect_left(atts, lo, key=_verb_start)  # attributions are in text order: look only at those inside
    if first == len(atts):
        return
    keep = atts[:first]
    for old in atts[first:]:
        if any(a <= old.verb.start < b for a, b in spans):
            gone = {id(x) for x in old.sources}
            doc.cues[idx] = [c for c in doc.cues[idx] if c is not old.verb]
            doc.sources[idx] = [x for x in doc.sources[idx] if id(x) not in gone]
            doc.history = [(j, x) for j, x in doc.history if id(x) not in gone]
        else:
            keep.append(old)
    atts[:] = keep


def _verb_start(att: Attribution) -> int:
    return att.verb.start


def remember(doc: Document, idx: int, src: Source) -> None:
    """Add an own source to the article's history (what later back-references resolve to)."""
    doc.history.append((idx, src))


def _claim_hits(doc: Document, src: Source) -> None:
    """Lexicon words inside a source phrase belong to it (markers and reasons stay: cues of their own)."""
    for h in doc.hits_in(src.start, src.end):
        if h.entry.kind in ("anonymous_source", "vague_source", "named_source", "secondhand") and h.entry.rule not in (
            "anonymity_marker",
            "relay",
        ):
            h.used = True
