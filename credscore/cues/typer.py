"""The source typer: what the classifier reads about a source phrase (:func:`span_features`) and the
classifier itself (:class:`SourceTyper`, a multinomial logistic regression stored as plain numbers in
``credscore/data/source_typer.json``; trained by ``python -m tools.train_source_typer``). The sure rules
that come first, and the decision from the classifier's type, are in :mod:`credscore.cues.source_types`.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

import numpy as np

from ..lexicon import word_list
from ..shipped import check_weights, read_weights
from .base import SOURCE_TYPES
from .document import Document
from .names import PERSON_TITLES, first_names, lower_org_words, org_words, person_surnames, place_words
from .text import NUMBER_WORDS, count_from, is_name_token

__all__ = ["FEATURES", "SourceTyper", "TypeDecision", "default_typer", "span_features"]

SPOKESPERSON_WORDS = word_list("spokesperson_words")
_INDEF_PRONOUNS = word_list("indefinite_pronouns")
_VAGUE_QUANT = word_list("vague_quantifiers")
_INDEF_DET = word_list("indefinite_determiners")
_DEF_DET = word_list("definite_determiners")
_POSSESSIVE = word_list("possessive_determiners")
_REL = word_list("relative_pronouns")
_MARKER_WORDS = word_list("marker_words")
_SOURCE_CLASSES = (
    "unnamed_role",
    "vague_group",
    "generic_group",
    "organization",
    "definite_role",
    "named_document",
    "public_record",
    "media_outlet",
    "news_report",
    "anonymity_marker",
    "agentless",
)
#: The head of a phrase is the word before the first of these ("officials familiar with", "a memo seen by").
#: Words after a source phrase's head (a preposition, a relative pronoun, a post-modifier; head_stops).
HEAD_STOPS = word_list("head_stops")
_WORD = re.compile(r"[\w][\w.'\u2019&-]*")

#: Feature names of :func:`span_features`, in order (the typer's weights follow this order).
FEATURES: tuple[str, ...] = (
    "bias",
    "n_tokens_log",
    "first_indef",
    "first_def",
    "first_possessive",
    "first_vague_quant",
    "first_number",
    "first_indef_pronoun",
    "first_capital",
    "first_capital_at_sentence_start",
    "names_inner",
    "names_inner_2plus",
    "title_then_name",
    "known_first_name",
    "all_caps_token",
    "possessive_s",
    "possessive_s_capital",
    *(f"lex_{c}" for c in _SOURCE_CLASSES),
    "lex_outlet_named",
    "head_plural",
    "head_is_role",
    "head_is_group",
    "head_is_generic_group",
    "head_is_org",
    "head_is_doc",
    "head_is_outlet",
    "head_capital",
    "head_spokes",
    "prep_then_capital",
    "relative_clause",
    "marker_word",
    "compound_and",
    "digit",
    "org_word",
    "place_name",
    "person_pattern",
    "surname_in_doc",
    "single_capital_token",
    "names_only_after_prep",
    "head_is_name",
    "compound_other",
    "unknown_single_name",
    "head_org_any",
    "quantity_exact",
    "quantity_floor",
    "sentence_initial",
    "in_quote",
)
FEATURE_INDEX = {name: i for i, name in enumerate(FEATURES)}


@dataclass(frozen=True, slots=True)
class TypeDecision:
    """A typed source phrase, before it becomes a :class:`~credscore.cues.base.Source`."""

    type: str
    anonymous: bool
    count: int | None
    rule: str
    outlet: bool = False


@dataclass(frozen=True, slots=True)
class Words:
    """The words of a phrase and what the lexicon says about them."""

    raw: list[tuple[int, int, str]]  # (start, end, word as written)
    classes: dict[str, list[tuple[int, int]]]  # lexicon class -> spans inside the phrase
    head: int  # index of the head word in raw
    lows: list[str]  # the words in lower case, as in raw (read them; do not change them)


#: The last words of a capitalised name that names a document ("the Kyoto Protocol", "the Code of Conduct").
DOCUMENT_NAME_HEADS = word_list("document_name_heads")


def _inside_a_name(raw: list[tuple[int, int, str]], i: int) -> bool:
    """Is the word ``raw[i]`` inside the name of a body or a document whose head comes first ("the House of
    Lords ruling", "the Institute of Radiation Protection", "the Code of Conduct")? Then it stops no head. A
    person "of" a body ("Meenakshi Ganguly of Human Rights Watch", "Friends of Mr. Clinton's") keeps its head."""
    if not (0 < i < len(raw) - 1 and raw[i - 1][2][:1].isupper() and raw[i + 1][2][:1].isupper()):
        return False
    before = raw[i - 1][2].rstrip(".,")
    return before in org_words() or before.lower() in DOCUMENT_NAME_HEADS


def words_of(doc: Document, a: int, b: int) -> Words:
    raw = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(doc.text, a, b)]
    classes: dict[str, list[tuple[int, int]]] = {}
    for h in doc.hits_in(a, b):
        classes.setdefault(h.entry.rule, []).append((h.start, h.end))
    # The head: the last word before a preposition, relative pronoun or comma that follows a noun.
    head = len(raw) - 1
    low = doc.low
    for i, (s, e, _w) in enumerate(raw):
        if i == 0:
            continue
        w = low[s:e]
        if w in HEAD_STOPS and not (w == "of" and _inside_a_name(raw, i)):  # "House of Lords": one name
            head = i - 1
            break
        if doc.text[raw[i - 1][1] : s].strip() == ",":
            head = i - 1
            break
    return Words(raw, classes, max(0, head), [low[s:e] for s, e, _ in raw])


_TITLES = word_list("typer_titles")


def span_features(doc: Document, a: int, b: int, sentence_start: int, parsed: Words | None = None) -> np.ndarray:
    """The typer's input for the phrase ``text[a:b]`` (see :data:`FEATURES`; ``parsed``: its
    :func:`words_of`, if the caller has them)."""
    # Filled as a list (a numpy element write costs several times a list's), one array at the end.
    x: list = [0.0] * len(FEATURES)
    x[0] = 1.0
    w = parsed if parsed is not None else words_of(doc, a, b)
    raw = w.raw
    if not raw:
        return np.asarray(x, dtype=np.float64)
    text = doc.text
    words = w.lows
    n = len(raw)
    x[FEATURE_INDEX["n_tokens_log"]] = math.log1p(n)
    first = words[0]
    x[FEATURE_INDEX["first_indef"]] = first in _INDEF_DET
    x[FEATURE_INDEX["first_def"]] = first in _DEF_DET
    x[FEATURE_INDEX["first_possessive"]] = first in _POSSESSIVE
    x[FEATURE_INDEX["first_vague_quant"]] = first in _VAGUE_QUANT
    x[FEATURE_INDEX["first_number"]] = (
        first in NUMBER_WORDS and first not in _INDEF_DET and first not in _VAGUE_QUANT
    ) or first.isdigit()
    x[FEATURE_INDEX["first_indef_pronoun"]] = first in _INDEF_PRONOUNS
    first_cap = raw[0][2][0].isupper()
    x[FEATURE_INDEX["first_capital"]] = first_cap
    x[FEATURE_INDEX["first_capital_at_sentence_start"]] = first_cap and raw[0][0] == sentence_start
    lex_spans = [sp for c in _SOURCE_CLASSES for sp in w.classes.get(c, ())]

    def covered(s: int) -> bool:
        return any(p <= s < q for p, q in lex_spans)

    inner_names = [i for i in range(1, n) if is_name_token(raw[i][2]) and not covered(raw[i][0])]
    if first_cap and raw[0][0] != sentence_start and is_name_token(raw[0][2]) and not covered(raw[0][0]):
        inner_names.insert(0, 0)
    x[FEATURE_INDEX["names_inner"]] = min(3, len(inner_names))
    x[FEATURE_INDEX["names_inner_2plus"]] = len(inner_names) >= 2
    x[FEATURE_INDEX["title_then_name"]] = any(
        words[i].rstrip(".") in _TITLES and is_name_token(raw[i + 1][2]) for i in range(n - 1)
    )
    names = first_names()
    x[FEATURE_INDEX["known_first_name"]] = any(words[i] in names and is_name_token(raw[i][2]) for i in range(n))
    x[FEATURE_INDEX["all_caps_token"]] = any(
        len(r[2]) >= 2 and r[2].isupper() and r[2].replace("-", "").replace("&", "").isalpha() for r in raw
    )
    poss = [i for i in range(n) if words[i].endswith(("'s", "\u2019s"))]
    x[FEATURE_INDEX["possessive_s"]] = bool(poss)
    x[FEATURE_INDEX["possessive_s_capital"]] = any(raw[i][2][0].isupper() for i in poss)
    for c in _SOURCE_CLASSES:
        x[FEATURE_INDEX[f"lex_{c}"]] = bool(w.classes.get(c))
    x[FEATURE_INDEX["lex_outlet_named"]] = any(text[p].isupper() for p, _ in w.classes.get("media_outlet", ()))
    h = w.head
    hs, he = raw[h][0], raw[h][1]
    hw = words[h]
    x[FEATURE_INDEX["head_plural"]] = (hw.endswith("s") and not hw.endswith(("ss", "'s", "\u2019s"))) or hw in (
        "people",
        "police",
        "staff",
        "media",
        "personnel",
    )

    def head_in(cls: str) -> bool:
        return any(p <= hs < q or p < he <= q for p, q in w.classes.get(cls, ()))

    x[FEATURE_INDEX["head_is_role"]] = head_in("unnamed_role")
    x[FEATURE_INDEX["head_is_group"]] = head_in("vague_group")
    x[FEATURE_INDEX["head_is_generic_group"]] = head_in("generic_group")
    x[FEATURE_INDEX["head_is_org"]] = head_in("organization")
    x[FEATURE_INDEX["head_is_doc"]] = head_in("named_document") or head_in("public_record")
    x[FEATURE_INDEX["head_is_outlet"]] = head_in("media_outlet") or head_in("news_report")
    x[FEATURE_INDEX["head_capital"]] = raw[h][2][0].isupper() and not (h == 0 and raw[0][0] == sentence_start)
    x[FEATURE_INDEX["head_spokes"]] = hw in SPOKESPERSON_WORDS
    x[FEATURE_INDEX["prep_then_capital"]] = any(
        words[i] in ("for", "of", "at", "with", "from") and raw[i + 1][2][0].isupper() for i in range(n - 1)
    )
    x[FEATURE_INDEX["relative_clause"]] = any(wd in _REL for wd in words[1:])
    x[FEATURE_INDEX["marker_word"]] = any(wd in _MARKER_WORDS for wd in words)
    x[FEATURE_INDEX["compound_and"]] = "and" in words[1:] or "&" in words
    x[FEATURE_INDEX["digit"]] = any(wd.isdigit() for wd in words)
    cnt, exact = count_from(words, hw)
    x[FEATURE_INDEX["quantity_exact"]] = exact and (first in NUMBER_WORDS or first.isdigit()) and cnt > 1
    x[FEATURE_INDEX["quantity_floor"]] = not exact and (first in NUMBER_WORDS)
    x[FEATURE_INDEX["sentence_initial"]] = raw[0][0] == sentence_start
    x[FEATURE_INDEX["in_quote"]] = doc.in_quote(a)
    orgs, places = org_words(), place_words()
    caps = [i for i in range(n) if raw[i][2][0].isupper() and not (i == 0 and raw[0][0] == sentence_start)]
    x[FEATURE_INDEX["org_word"]] = any(raw[i][2].rstrip(".,") in orgs for i in caps) or any(
        raw[i][2].rstrip(".,") in orgs and raw[i][2][0].isupper() for i in range(1, n)
    )
    x[FEATURE_INDEX["place_name"]] = any(raw[i][2] in places for i in range(n))
    x[FEATURE_INDEX["person_pattern"]] = any(
        (words[i] in names or words[i].rstrip(".") in PERSON_TITLES)
        and raw[i][2][0].isupper()
        and raw[i + 1][2][0].isupper()
        for i in range(n - 1)
    )
    sur = person_surnames(doc)
    x[FEATURE_INDEX["surname_in_doc"]] = any(raw[i][2] in sur for i in range(n) if raw[i][2][0].isupper())
    x[FEATURE_INDEX["single_capital_token"]] = n == 1 and raw[0][2][0].isupper()
    preps = [i for i in range(n) if words[i] in ("for", "of", "at", "with", "from", "by", "in")]
    x[FEATURE_INDEX["names_only_after_prep"]] = (
        bool(inner_names) and bool(preps) and all(i > preps[0] for i in inner_names)
    )
    x[FEATURE_INDEX["head_is_name"]] = is_name_token(raw[h][2]) and not covered(raw[h][0])
    x[FEATURE_INDEX["compound_other"]] = "and" in words and any(
        wd in ("other", "others", "his", "her", "their") for wd in words
    )
    x[FEATURE_INDEX["unknown_single_name"]] = (
        x[FEATURE_INDEX["single_capital_token"]] and not x[FEATURE_INDEX["surname_in_doc"]] and words[0] not in names
    )
    lower_orgs = lower_org_words()
    x[FEATURE_INDEX["head_org_any"]] = head_in("organization") or hw in lower_orgs
    return np.asarray(x, dtype=np.float64)


# --- the trained classifier ---------------------------------------------------------


class SourceTyper:
    """Multinomial logistic regression over :data:`FEATURES`, stored as plain numbers.

    Parameters
    ----------
    weights : ndarray, shape (n_features, n_types)
    classes : sequence of str
        The types, in the order of the weight columns.
    """

    def __init__(self, weights: np.ndarray, classes: tuple[str, ...], meta: dict | None = None):
        self.weights = np.asarray(weights, dtype=np.float64)
        self.classes = tuple(classes)
        self.meta = dict(meta or {})
        if self.weights.shape != (len(FEATURES), len(self.classes)):
            raise ValueError(
                f"source typer weights have shape {self.weights.shape}; expected "
                f"({len(FEATURES)}, {len(self.classes)}) "
                "for the features of this credscore version; retrain with python -m tools.train_source_typer"
            )
        unknown = set(self.classes) - set(SOURCE_TYPES)
        if unknown:
            raise ValueError(f"source typer predicts unknown types {sorted(unknown)}; types are {SOURCE_TYPES}")

    @classmethod
    def load(cls, path: str | None = None) -> SourceTyper:
        """The shipped typer (``credscore/data/source_typer.json``), or one from ``path``."""
        data = read_weights("source_typer.json", path, FEATURES, "the source typer",
                            "python -m tools.train_source_typer")  # fmt: skip
        return cls(np.asarray(data["weights"]), tuple(data["classes"]), data.get("meta"))

    @classmethod
    def from_json(cls, text: str) -> SourceTyper:
        """A typer from the JSON :meth:`to_json` writes (as a model bundle stores it)."""
        data = check_weights(json.loads(text), FEATURES, "the source typer", "python -m tools.train_source_typer")
        return cls(np.asarray(data["weights"]), tuple(data["classes"]), data.get("meta"))

    def to_json(self) -> str:
        return json.dumps(
            {
                "features": list(FEATURES),
                "classes": list(self.classes),
                "weights": self.weights.round(6).tolist(),
                "meta": self.meta,
            },
            indent=1,
        )

    def proba(self, X: np.ndarray) -> np.ndarray:
        z = np.atleast_2d(X) @ self.weights
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        return z

    def predict(self, x: np.ndarray) -> str:
        return self.classes[int(np.argmax(x @ self.weights))]

    def predict_excluding(self, x: np.ndarray, excluded: frozenset[str]) -> str:
        """The most likely type of ``x`` that is not in ``excluded``."""
        z = x @ self.weights
        order = np.argsort(-z)
        return next(self.classes[int(i)] for i in order if self.classes[int(i)] not in excluded)


_TYPER: SourceTyper | None = None


def default_typer() -> SourceTyper:
    global _TYPER
    if _TYPER is None:
        _TYPER = SourceTyper.load()
    return _TYPER
