"""A learned span ranker: the walkers propose source spans for a verb of saying, a linear model chooses.

For a verb of saying (not a passive, not "according to"), the walkers of :mod:`credscore.cues.sources`
each propose a source phrase: the subject before the verb (:func:`subject_before`), the phrase after it
(:func:`phrase_after`, an inverted speaker '"...," said Ms. Lee'), the sentence's subject
(:func:`sentence_subject`, "Rubio endorsed Cruz, saying ..."), and the span the rule cascade of
:func:`credscore.cues.attribution._verb` picked. Two cheap candidates more: each of the first two cut at
its first comma (the head without its appositive). A candidate remembers which walkers proposed it.

The ranker is a conditional logit (a softmax within the candidates of one verb, plus a "none of these"
option so that it can say the verb has no source it can see): each candidate gets the score
``x @ coef`` over :data:`FEATURES` and the highest wins. The features are cheap, from the tokens the
document already has: the proposing walkers, the position and token distance to the verb, a quotation
mark or a comma crossed on the way, the length, capitals and names, the source lexicon's words inside
(roles, organisations, documents, groups), a pronoun, a date or number alone; for "none", the verb's
rule and context. Trained on PolNeAR train by ``python -m tools.train_span_ranker`` (regularisation
chosen on PolNeAR dev) and shipped as JSON in ``credscore/data/span_ranker.json``; loading reads numbers
only, never code.

Only a doubtful span is ranked: one the cascade found that carries no mark of a source (:func:`_has_mark`:
no name, capital, pronoun, number, determiner phrase, noun-like head or source-lexicon word). A marked
span stays, and where the cascade found nothing the verb stays unsourced; so in practice the ranker is a
learned filter of junk spans ("manipulating his loyal fans into"), and most verbs are never ranked. When
it drops the only span, the verb makes no attribution (PolNeAR's "none", which it learnt, is "no
attribution annotated here").

It is the rule ``span_ranker``, on by default (PolNeAR dev: exact span precision 0.738 -> 0.761, sourcing
model log loss 0.445 -> 0.436, the other dev measures unchanged; docs/retraining.md):
``CueDetector(span_ranker=False)`` or ``disabled_rules=["span_ranker"]`` switches it off, and the cascade's
span is then the source, exactly as before the ranker existed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from ..errors import ModelError
from ..lexicon import word_list, word_table
from ..sentences import Sentence
from .base import Rule, register
from .document import Document, Hit
from .names import first_name_gender, is_person_noun
from .sources import phrase_after, sentence_subject, subject_before
from .text import DETERMINERS, NUMBER_WORDS, PRONOUNS, QUOTE_CHARS, Token, is_name_token

__all__ = ["FEATURES", "FORMAT", "VERSION", "Candidate", "SpanRanker", "default_ranker", "rank_spans", "recording"]

register(
    Rule(
        "span_ranker",
        "attribution",
        "a learned ranker chooses the source span of a verb of saying among the walkers' proposals",
        "attribution",
    )
)

#: The file format's name and version, written into every ranker file and checked on load.
FORMAT = "credscore-span-ranker"
VERSION = 1

#: The walkers that propose a candidate (one bit each in :attr:`Candidate.walkers`).
WALKERS = ("before", "after", "subject", "cascade", "before_head", "after_head")
_BIT = {w: 1 << i for i, w in enumerate(WALKERS)}

_RULES = ("speech_verb", "report_verb", "belief_verb", "stance_verb", "no_comment")

#: The features of a candidate, in the order of the coefficients. The "none" option has only the
#: ``none*`` features; a span candidate only the others.
FEATURES: tuple[str, ...] = (
    "none",
    "none_x_verb_first",
    "none_x_prev_comma",
    "none_x_prev_quote",
    "none_x_cascade_none",
    "none_x_one_candidate",
    *(f"none_x_{r}" for r in _RULES[1:]),
    *(f"by_{w}" for w in WALKERS),
    "n_walkers",
    "before_x_prev_comma",
    "before_x_prev_quote",
    "after_x_prev_comma",
    "after_x_prev_quote",
    "after_x_verb_first",
    "after_x_ends_clause",
    "subject_x_prev_and",
    "gap_log",
    "adjacent",
    "cross_quote",
    "cross_comma",
    "len_log",
    "one_token",
    "first_upper",
    "capital_inside_sentence",
    "sentence_adverb",
    "starts_number",
    "has_name",
    "starts_determiner",
    "determiner_phrase",
    "role_word",
    "organisation_or_document_word",
    "group_word",
    "pronoun",
    "time_or_number",
    "lower_only",
    "inner_comma",
    "relative_clause",
    "head_noun",
    "after_in_quote_sentence",
)
_INDEX = {f: i for i, f in enumerate(FEATURES)}
_RULE_COLUMN = {r: _INDEX[f"none_x_{r}"] for r in _RULES[1:]}
#: Marks of a source: "none of these" never beats a span that has one (a capital inside the sentence, a name,
#: a pronoun, a number, a determiner phrase, a word of the source lexicon, a last word with the ending of a
#: noun that heads sources ("producers", "commission"); or a capitalised first word in a
#: phrase of several words without a comma, :func:`_has_mark`). The ranker drops only spans with no mark of
#: anyone ("manipulating his loyal fans into"): PolNeAR leaves many real attributions unannotated, so its
#: "none" is learnt too eagerly to overrule a name.
_MARK_FEATURES = (
    "capital_inside_sentence",
    "has_name",
    "pronoun",
    "starts_number",
    "determiner_phrase",
    "head_noun",
    "role_word",
    "organisation_or_document_word",
    "group_word",
)
_MARKS = [_INDEX[f] for f in _MARK_FEATURES]
_FIRST_UPPER, _SINGLE, _COMMA = _INDEX["first_upper"], _INDEX["one_token"], _INDEX["inner_comma"]
_N = len(FEATURES)

_ROLE_RULES = frozenset(("unnamed_role", "definite_role"))
_ORG_DOC_RULES = frozenset(("organization", "media_outlet", "named_document", "public_record", "news_report"))
_GROUP_RULES = frozenset(("generic_group", "vague_group", "agentless"))
_AFTER_SPEAKER = word_list("after_speaker")
#: Endings of a word that can head a source phrase ("producers", "commission", "staff"; roles.tsv).
_NOUN_ENDINGS = tuple(word_table("noun_endings"))
_TIME_WORDS = word_list("weekdays_dates")
_QUOTES = frozenset(QUOTE_CHARS)
_FRONT_ADVERBS = word_list("front_adverbs")
_NOT_ADVERBS = word_list("not_adverbs")


@dataclass(slots=True)
class Candidate:
    """A proposed source span (``None`` for the "none of these" option) and the walkers that proposed it."""

    span: tuple[int, int] | None
    walkers: int = 0


class SpanRanker:
    """A conditional-logit ranker over :data:`FEATURES`, stored as plain numbers.

    Parameters
    ----------
    coef : array of shape (len(FEATURES),)
    meta : dict, optional
        Training data, regularisation, dev numbers (written by ``tools.train_span_ranker``).
    """

    def __init__(self, coef: np.ndarray, meta: dict[str, Any] | None = None):
        self.coef = np.asarray(coef, dtype=np.float64)
        self.meta = dict(meta or {})
        if self.coef.shape != (_N,):
            raise ModelError(
                f"span ranker coefficients have shape {self.coef.shape}; expected ({_N},) for the features of "
                "this credscore version; retrain it with python -m tools.train_span_ranker"
            )

    @classmethod
    def from_json(cls, text: str) -> SpanRanker:
        """A ranker from the JSON :meth:`to_json` writes. Only numbers and names are read."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelError(f"not a span ranker file: expected a JSON object with format {FORMAT!r}")
        if data.get("version") != VERSION:
            raise ModelError(
                f"span ranker file version {data.get('version')!r} is not supported (this credscore reads version "
                f"{VERSION}); retrain it with python -m tools.train_span_ranker"
            )
        if list(data.get("features", [])) != list(FEATURES):
            raise ModelError(
                "the span ranker was trained on other features than this credscore version computes; "
                "retrain it with python -m tools.train_span_ranker"
            )
        coef = data.get("coef")
        if not isinstance(coef, list) or not all(isinstance(c, (int, float)) for c in coef):
            raise ModelError("span ranker 'coef' must be a list of numbers")
        return cls(np.asarray(coef, dtype=np.float64), data.get("meta"))

    @classmethod
    def load(cls, path: str | None = None) -> SpanRanker:
        """The shipped ranker (``credscore/data/span_ranker.json``), or one from ``path``."""
        if path is None:
            raw = resources.files("credscore").joinpath("data", "span_ranker.json").read_text(encoding="utf-8")
        else:
            with open(path, encoding="utf-8") as fh:
                raw = fh.read()
        return cls.from_json(raw)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "features": list(FEATURES),
                "coef": [round(float(c), 6) for c in self.coef],
                "meta": self.meta,
            },
            indent=1,
        )

    def scores(self, X: np.ndarray) -> np.ndarray:
        return X @ self.coef


_RANKER: SpanRanker | None = None


def default_ranker() -> SpanRanker:
    """The shipped ranker, loaded once."""
    global _RANKER
    if _RANKER is None:
        _RANKER = SpanRanker.load()
    return _RANKER


# --- candidates and their features -------------------------------------------------------------


def _head(doc: Document, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The span cut at its first comma ("John Lee, a spokesman, ..." -> "John Lee"); None when it has none."""
    if span is None:
        return None
    a, b = span
    c = doc.text.find(",", a, b)
    if c <= a:
        return None
    while c > a and doc.text[c - 1].isspace():
        c -= 1
    return (a, c) if c > a else None


def gather(
    doc: Document, s: Sentence, h: Hit, toks: list[Token], j: int, cascade: tuple[int, int] | None
) -> list[Candidate]:
    """The candidates for the verb ``h``: the "none" option first, then every distinct span proposed."""
    found: dict[tuple[int, int], int] = {}

    def add(span: tuple[int, int] | None, walker: str) -> None:
        if span is not None and span[0] < span[1] and doc.low[span[0] : span[1]] not in DETERMINERS:
            found[span] = found.get(span, 0) | _BIT[walker]

    before = subject_before(doc, s, toks, j) if j >= 0 else None
    after = phrase_after(doc, s, h.end, inverted=True)
    subject = sentence_subject(doc, s)
    if subject is not None and subject[1] > h.start:
        subject = None  # a sentence subject is before its verb
    add(before, "before")
    add(after, "after")
    add(subject, "subject")
    add(cascade, "cascade")
    add(_head(doc, before), "before_head")
    add(_head(doc, after), "after_head")
    return [Candidate(None), *(Candidate(span, bits) for span, bits in found.items())]


_WALKER_COLUMNS = tuple((bit, _INDEX[f"by_{w}"]) for w, bit in _BIT.items())
_SUBJECT = _BIT["subject"]


def _phrase(doc: Document, s: Sentence, a: int, b: int) -> dict[int, float]:
    """The features of the phrase ``text[a:b]`` itself (by column), the marks of a source among them."""
    text = doc.text
    phrase = text[a:b]
    words = phrase.split()
    while words and not any(ch.isalnum() for ch in words[0]):
        words.pop(0)  # '» a witness' (a quotation mark the cascade took in): punctuation is no word
    if len(words) < len(phrase.split()):
        phrase = " ".join(words)
        a = b - len(phrase) if phrase else b  # the start moves past the punctuation (for the sentence tests)
    low = [w.lower().strip(".,;:()") for w in words]
    n = len(words)
    first = low[0] if low else ""
    upper = phrase[:1].isupper()
    adverb = (
        a == s.start
        and n == 1
        and text[b : b + 1] == ","
        and (first in _FRONT_ADVERBS or (first.endswith("ly") and first not in _NOT_ADVERBS))
        and first_name_gender(phrase) is None  # "Kelly, too, said": a name in -ly
    )  # "Locally, too, say analysts": the adverb is no one
    on = [
        ("len_log", math.log1p(n)),
        ("one_token", n == 1),
        ("first_upper", upper),
        ("capital_inside_sentence", upper and a > s.start),
        ("sentence_adverb", adverb),
        ("starts_number", first[:1].isdigit() or first in NUMBER_WORDS),
        (
            "has_name",
            any(is_name_token(w) for w in words[1:])
            or (n == 1 and is_name_token(words[0]) and first not in PRONOUNS),  # "Connolly, too, said"
        ),
        ("starts_determiner", first in DETERMINERS),
        ("determiner_phrase", n >= 2 and first in DETERMINERS),
        ("pronoun", n == 1 and first in PRONOUNS),
        ("time_or_number", n > 0 and all(w.isdigit() or w in _TIME_WORDS for w in low)),
        ("lower_only", phrase.islower()),
        ("inner_comma", "," in phrase),
        ("relative_clause", any(w in ("who", "whom", "whose", "which") for w in low)),
        ("head_noun", n > 0 and low[-1].endswith(_NOUN_ENDINGS)),
    ]
    for hit in doc.hits_in(a, b):
        r = hit.entry.rule
        if r in _ROLE_RULES:
            on.append(("role_word", True))
        elif r in _ORG_DOC_RULES:
            on.append(("organisation_or_document_word", True))
        elif r in _GROUP_RULES:
            on.append(("group_word", True))
    return {_INDEX[f]: float(v) for f, v in on if v}


def _marked(doc: Document, s: Sentence, a: int, b: int) -> bool:
    """``_has_mark(_phrase(doc, s, a, b))`` without computing the other features: the gate every verb passes."""
    text = doc.text
    phrase = text[a:b]
    words = phrase.split()
    n0 = len(words)
    while words and not any(ch.isalnum() for ch in words[0]):
        words.pop(0)
    if len(words) < n0:
        phrase = " ".join(words)
        a = b - len(phrase) if phrase else b
    n = len(words)
    if not n:
        return False
    upper = phrase[:1].isupper()
    if upper and (a > s.start or (n > 1 and "," not in phrase)):
        return True  # a capital inside the sentence; a capitalised phrase of several words without a comma
    first = words[0].lower().strip(".,;:()")
    last = words[-1].lower().strip(".,;:()")
    if (
        (n == 1 and first in PRONOUNS)
        or first[:1].isdigit()
        or first in NUMBER_WORDS
        or (n >= 2 and first in DETERMINERS)
        or last.endswith(_NOUN_ENDINGS)
        or any(is_name_token(w) for w in words[1:])
        or (n == 1 and is_name_token(words[0]) and first not in PRONOUNS)
        or is_person_noun(last)
    ):
        return True
    return any(
        h.entry.rule in _ROLE_RULES or h.entry.rule in _ORG_DOC_RULES or h.entry.rule in _GROUP_RULES
        for h in doc.hits_in(a, b)
    )


def _has_mark(props: dict[int, float]) -> bool:
    """Does a phrase (its :func:`_phrase` features) carry a mark of a source? A capitalised first word counts
    in a phrase of several words without a comma ("Pakistani investors" at the start of a sentence)."""
    if any(c in props for c in _MARKS):
        return True
    return _FIRST_UPPER in props and not (_SINGLE in props or _COMMA in props)


def features(
    doc: Document, s: Sentence, h: Hit, toks: list[Token], j: int, cands: list[Candidate], cascade_none: bool
) -> np.ndarray:
    """The feature matrix of ``cands`` (one row each, the columns of :data:`FEATURES`)."""
    text = doc.text
    prev = toks[j][2] if j >= 0 else None
    prev_comma = prev == ","
    prev_quote = prev in _QUOTES or (prev_comma and j >= 1 and toks[j - 1][2] in _QUOTES)
    verb_first = j < 0
    ix = _INDEX
    none = [0.0] * _N
    none[ix["none"]] = 1.0
    none[ix["none_x_verb_first"]] = verb_first
    none[ix["none_x_prev_comma"]] = prev_comma
    none[ix["none_x_prev_quote"]] = prev_quote
    none[ix["none_x_cascade_none"]] = cascade_none
    none[ix["none_x_one_candidate"]] = len(cands) == 2
    col = _RULE_COLUMN.get(h.entry.rule)
    if col is not None:
        none[col] = 1.0
    rows = [none]
    quoted_sentence = any(ch in _QUOTES for ch in text[s.start : h.start])
    for c in cands[1:]:
        a, b = c.span  # type: ignore[misc]
        row = [0.0] * _N
        bits = c.walkers
        n = 0
        for bit, k in _WALKER_COLUMNS:
            if bits & bit:
                row[k] = 1.0
                n += 1
        row[ix["n_walkers"]] = n
        is_before = b <= h.start
        gap = text[b : h.start] if is_before else text[h.end : a]
        if is_before:
            row[ix["before_x_prev_comma"]] = prev_comma
            row[ix["before_x_prev_quote"]] = prev_quote
        else:
            row[ix["after_x_prev_comma"]] = prev_comma
            row[ix["after_x_prev_quote"]] = prev_quote
            row[ix["after_x_verb_first"]] = verb_first
            row[ix["after_x_ends_clause"]] = _ends_clause(text, b, s.end)
            row[ix["after_in_quote_sentence"]] = quoted_sentence
        if bits & _SUBJECT and prev in ("and", "but"):
            row[ix["subject_x_prev_and"]] = 1.0
        gap_words = gap.split()
        row[ix["gap_log"]] = math.log1p(len(gap_words))
        row[ix["adjacent"]] = not gap_words
        row[ix["cross_quote"]] = any(ch in _QUOTES for ch in gap)
        row[ix["cross_comma"]] = "," in gap
        for k, v in _phrase(doc, s, a, b).items():
            row[k] = v
        rows.append(row)
    return np.array(rows)


def _ends_clause(text: str, end: int, s_end: int) -> bool:
    """Does what follows a postposed candidate close the clause ('..., said Lee.', '..., said Lee on Monday')?"""
    rest = text[end : min(s_end, end + 40)].lstrip()
    if not rest or not rest[0].isalnum():
        return True
    return rest.split(None, 1)[0].lower().strip(".,;:") in _AFTER_SPEAKER


#: While set (by :func:`recording`), each ranking appends (verb span, candidates, features) here and the
#: cascade's span is kept: the training tool reads the candidates of today's pipeline.
_RECORD: list[tuple[tuple[int, int], list[Candidate], np.ndarray]] | None = None


@contextmanager
def recording() -> Iterator[list[tuple[tuple[int, int], list[Candidate], np.ndarray]]]:
    """``with recording() as rows:`` every ranking in the block is recorded into ``rows`` and the cascade
    decides (for ``tools.train_span_ranker``)."""
    global _RECORD
    _RECORD = []
    try:
        yield _RECORD
    finally:
        _RECORD = None


def rank_spans(
    doc: Document, s: Sentence, h: Hit, toks: list[Token], j: int, cascade: tuple[int, int] | None
) -> list[tuple[int, int]]:
    """The candidate spans the ranker scores above "none of these", best first (empty: no source)."""
    if _RECORD is None and (cascade is None or _marked(doc, s, *cascade)):
        # Rank only a doubtful span: one with no mark of a source. "None of these" may not drop a span that
        # names someone (see _MARKS), another candidate rarely beats it (PolNeAR dev: the cascade is right for
        # 1,015 of the 1,021 verbs where a candidate is), and where the rules found no source the verb stays
        # unsourced (toward doubt; PolNeAR dev/OOD dev lose as much as they gain when the ranker may add one).
        # This also keeps the ranker cheap: most verbs are never ranked.
        return [] if cascade is None else [cascade]
    cands = gather(doc, s, h, toks, j, cascade)
    X = features(doc, s, h, toks, j, cands, cascade is None)
    if _RECORD is not None:
        _RECORD.append(((h.start, h.end), cands, X))
        return [cascade] if cascade is not None else []
    z = X @ doc.det.span_ranker.coef
    floor = z[0]
    order = np.argsort(-z[1:], kind="stable")
    return [cands[k + 1].span for k in order if z[k + 1] > floor]  # type: ignore[misc]
