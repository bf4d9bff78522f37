"""Uncertainty cues: words that make a claim uncertain, with their category and whose they are.

Candidates are the phrases of ``credscore/lexicons/en/uncertainty.tsv`` (what the Szeged Uncertainty
Corpus's annotators marked in its train documents, and news additions). A trained classifier
(:class:`UncertaintyTagger`, multinomial logistic regression over the words around the candidate,
weights in ``credscore/data/uncertainty_tagger.npz``, trained by ``python -m tools.train_uncertainty``)
decides, from context, whether each candidate is a cue here and of which category (annotation guide,
Part 3): *epistemic* (may, likely, unclear), *doxastic* (believe, expect, alleged), *condition* (if,
unless, a hypothetical would) or *investigation* (whether, examine). "May" the month, "will" the noun,
"could not", "as expected", "whether or not" as "regardless", "would" as the past of "will" in reported
speech are not cues, and the classifier has learned so from the annotation, not from a rule.

Every cue has a *voice*: ``writer`` (the writer's own hedge: kind ``hedge``), ``speaker`` (inside a
quotation, or after "X said (that)": kind ``quoted_hedge``) or ``belief`` (a belief attributed to a
source, "officials believe": kind ``quoted_hedge``).
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from importlib import resources
from typing import Any

from ..claims import is_question
from ..lexicon import word_list
from ..sentences import Sentence
from .base import Cue, Rule, register
from .document import Document, Hit

__all__ = ["UNCERTAINTY_CATEGORIES", "SentenceView", "UncertaintyTagger", "candidate_features", "find_uncertainty"]

#: The categories, after the Szeged Uncertainty Corpus's semantic uncertainty types.
UNCERTAINTY_CATEGORIES = ("epistemic", "doxastic", "condition", "investigation")
#: Whose uncertainty a cue is.
VOICES = ("writer", "speaker", "belief")

register(
    Rule("uncertainty_cue", "hedge", "a candidate uncertainty cue; the classifier decides in context", "uncertainty"),
    Rule("epistemic_cue", "hedge", "possible or probable, not known: may, likely, apparently, unclear", "uncertainty"),
    Rule("doxastic_cue", "hedge", "a belief, expectation or accusation: believe, expect, alleged", "uncertainty"),
    Rule("condition_cue", "hedge", "true under a condition or in a hypothetical: if, unless, would", "uncertainty"),
    Rule("investigation_cue", "hedge", "under examination: whether, examine, investigate", "uncertainty"),
)

_NEG = word_list("negations")
_PRON = word_list("tagger_pronouns")
_DET = word_list("tagger_determiners")
_SAY_RULES = frozenset(("speech_verb", "report_verb", "stance_verb", "according_to"))


class UncertaintyTagger:
    """Multinomial logistic regression over sparse string features, stored as plain numbers.

    Parameters
    ----------
    classes : sequence of str
        ``"none"`` and the categories, in the order of the weight vectors.
    bias : sequence of float
    weights : dict of str to sequence of float
        One weight per class for each feature string; absent features weigh nothing.
    """

    def __init__(
        self,
        classes: tuple[str, ...],
        bias: list[float],
        weights: dict[str, list[float]],
        meta: dict | None = None,
        none_threshold: float = 0.5,
    ):
        self.classes = tuple(classes)
        #: A candidate is a cue when P(none) is below this (set on news, see tools/train_uncertainty.py).
        self.none_threshold = float(none_threshold)
        self.bias = list(bias)
        self.weights = {k: list(v) for k, v in weights.items()}
        self.meta = dict(meta or {})
        unknown = set(self.classes) - set(UNCERTAINTY_CATEGORIES) - {"none"}
        if unknown or "none" not in self.classes:
            raise ValueError(f"uncertainty tagger classes {self.classes} must be 'none' and {UNCERTAINTY_CATEGORIES}")
        if len(self.bias) != len(self.classes) or any(len(v) != len(self.classes) for v in self.weights.values()):
            raise ValueError("uncertainty tagger weights do not match its classes; retrain it")

    @classmethod
    def load(cls, path: str | None = None) -> UncertaintyTagger:
        """The shipped tagger (``credscore/data/uncertainty_tagger.npz``), or one from ``path`` (``.npz`` as
        :meth:`save` writes it, or the ``.json`` of :meth:`to_json`). An ``.npz`` is read with
        ``allow_pickle=False``: numbers and UTF-8 bytes only, so loading runs no code."""
        import numpy as np

        if path is None:
            source = resources.files("credscore").joinpath("data", "uncertainty_tagger.npz")
            with source.open("rb") as fh:
                return cls.from_npz(np.load(fh, allow_pickle=False))
        if str(path).endswith(".npz"):
            with open(path, "rb") as fh:
                return cls.from_npz(np.load(fh, allow_pickle=False))
        with open(path, encoding="utf-8") as fh:
            data = json.loads(fh.read())
        return cls(tuple(data["classes"]), data["bias"], data["weights"], data.get("meta"),
                   data.get("none_threshold", 0.5))  # fmt: skip

    @classmethod
    def from_npz(cls, z: Any) -> UncertaintyTagger:
        """A tagger from the arrays of an ``.npz`` as :meth:`save` writes it (read with ``allow_pickle=False``)."""

        def text(name: str) -> str:
            return bytes(z[name].tobytes()).decode("utf-8")

        features = text("features").split("\n") if z["features"].size else []
        matrix = z["weights"]
        rows = matrix.tolist()
        weights = dict(zip(features, rows, strict=True))
        classes = tuple(text("classes").split("\n"))
        # The weights are checked as the constructor checks them, but as one matrix: its 68,000 rows are the
        # fresh lists tolist() made, kept rather than copied again.
        tagger = cls(classes, z["bias"].tolist(), {}, json.loads(text("meta")), float(z["none_threshold"]))
        if rows and (matrix.ndim != 2 or matrix.shape[1] != len(tagger.classes)):
            raise ValueError("uncertainty tagger weights do not match its classes; retrain it")
        tagger.weights = weights
        return tagger

    def save(self, path: str | Any) -> None:
        """Write the tagger as ``.npz``: feature strings as one UTF-8 text, weights as a float64 matrix
        (loads in tens of milliseconds; the JSON form took a quarter of a second)."""
        if not str(path).endswith(".npz"):
            raise ValueError(f"a tagger is saved as .npz; got {str(path)!r} (numpy would add the suffix silently)")
        with open(path, "wb") as fh:
            fh.write(self.to_npz_bytes())

    def to_npz_bytes(self) -> bytes:
        """The ``.npz`` :meth:`save` writes, as bytes (a model bundle stores the tagger so)."""
        import io

        import numpy as np

        buf = io.BytesIO()
        names = sorted(self.weights)
        if not names:
            raise ValueError("this tagger has no feature weights; there is nothing to save")
        if any("\n" in f for f in names):
            raise ValueError("a tagger feature holds a line break; features are single tokens")

        def utf8(s: str) -> Any:
            return np.frombuffer(s.encode("utf-8"), dtype=np.uint8)

        np.savez_compressed(
            buf, features=utf8("\n".join(names)), classes=utf8("\n".join(self.classes)),
            weights=np.asarray([self.weights[f] for f in names], dtype=np.float64).reshape(len(names), -1),
            bias=np.asarray(self.bias, dtype=np.float64), none_threshold=np.float64(self.none_threshold),
            meta=utf8(json.dumps(self.meta)),
        )  # fmt: skip
        return buf.getvalue()

    def to_json(self) -> str:
        return json.dumps(
            {"classes": list(self.classes), "bias": [round(b, 6) for b in self.bias],
             "none_threshold": self.none_threshold,
             "weights": {k: [round(w, 5) for w in v] for k, v in sorted(self.weights.items())}, "meta": self.meta},
            indent=0, ensure_ascii=False,
        )  # fmt: skip

    def proba(self, features: list[str]) -> list[float]:
        """Class probabilities for one candidate's features."""
        # Every weight row is a non-empty list, so filter(None, ...) drops exactly the unknown features.
        found = list(filter(None, map(self.weights.get, features)))
        # Column sums in C; the order of the additions is the bias, then each feature's weight in turn.
        z = list(map(sum, zip(self.bias, *found, strict=True))) if found else list(self.bias)
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]

    def predict(self, features: list[str]) -> tuple[str, float]:
        """The category, or "none" unless P(none) is below :attr:`none_threshold`; and its probability."""
        p = self.proba(features)
        none = self.classes.index("none")
        if p[none] >= self.none_threshold:
            return "none", p[none]
        k = max((i for i in range(len(p)) if i != none), key=p.__getitem__)
        return self.classes[k], p[k]


_TAGGER: UncertaintyTagger | None = None


def default_tagger() -> UncertaintyTagger:
    global _TAGGER
    if _TAGGER is None:
        _TAGGER = UncertaintyTagger.load()
    return _TAGGER


def _lemma(word: str) -> str:
    """A crude stem that puts "considered", "considers", "considering" together."""
    stem = _LEMMAS.get(word)
    if stem is None:
        stem = word
        for suffix in ("ing", "ed", "es", "s", "d"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: -len(suffix)]
                break
        if len(_LEMMAS) >= 50_000:
            _LEMMAS.clear()  # bounded: a text of endless new words cannot grow it
        _LEMMAS[word] = stem
    return stem


_LEMMAS: dict[str, str] = {}


_BE = word_list("be_forms")


#: The only words of the whole sentence that the features and the tests of :data:`NOT_CUES` read.
CONDITION_WORDS = frozenset(("if", "unless", "whether"))


class SentenceView:
    """What every candidate of one sentence shares, computed once (a sentence may hold thousands).

    ``words``: the sentence's words among :data:`CONDITION_WORDS` (built from the tokens only when the
    text holds one of them at all).
    """

    __slots__ = ("question", "s", "starts", "toks", "words")

    def __init__(self, doc: Document, s: Sentence):
        self.s = s
        self.toks, self.starts = doc.sentence_tokens(s)
        low, a, b = doc.low, s.start, s.end
        if low.find("if", a, b) >= 0 or low.find("unless", a, b) >= 0 or low.find("whether", a, b) >= 0:
            self.words = {t[2] for t in self.toks} & CONDITION_WORDS
        else:
            self.words = set()
        self.question = is_question(s.text)


def candidate_features(doc: Document, view: SentenceView, h: Hit, said_before: bool) -> list[str]:
    """What the tagger reads about one candidate: the phrase, the words around it, and its setting.

    ``said_before``: a verb of saying comes earlier in the sentence (reported speech).
    """
    low = doc.low
    toks = view.toks
    s = view.s
    i = bisect_left(view.starts, h.start)
    j = bisect_left(view.starts, h.end, i)
    phrase = " ".join(low[h.start : h.end].split())
    p1 = toks[i - 1][2] if i >= 1 else "<s>"
    p2 = toks[i - 2][2] if i >= 2 else "<s>"
    n1 = toks[j][2] if j < len(toks) else "</s>"
    n2 = toks[j + 1][2] if j + 1 < len(toks) else "</s>"
    parts = phrase.split()
    first_word = parts[0] if parts else phrase
    last_word = parts[-1] if parts else phrase
    lemma = _LEMMAS.get  # the cache first: a call of _lemma for every word costs more than the lookup
    lem_first = lemma(first_word) or _lemma(first_word)
    lem_last = lemma(last_word) or _lemma(last_word)
    f = [
        "w=" + phrase,
        "p1=" + p1,
        "p2=" + p2,
        "n1=" + n1,
        "n2=" + n2,
        "p1w=" + p1 + "|" + phrase,
        "wn1=" + phrase + "|" + n1,
        "p2p1w=" + p2 + "|" + p1 + "|" + phrase,
        "wn1n2=" + phrase + "|" + n1 + "|" + n2,
        "lem=" + lem_first,
        "lemp1=" + (lemma(p1) or _lemma(p1)) + "|" + lem_first,
        "lemn1=" + lem_last + "|" + (lemma(n1) or _lemma(n1)),
    ]
    if p1 in _BE or p2 in _BE:
        f.append("be_before")
        f.append("be_w=" + phrase)
    first = doc.text[h.start]
    if first.isupper():
        f.append("cap_start" if h.start == s.start else "cap_inside")
        f.append("capw=" + phrase)
    if n1[:1].isdigit():
        f.append("digit_after")
    if p1 in _NEG or p2 in _NEG or p1.endswith("n't"):
        f.append("neg_before")
        f.append("negw=" + phrase)
    if n1 in _NEG or n1.endswith("n't"):
        f.append("neg_after")
    if p1 in _DET:
        f.append("det_before")
    if p1 in _PRON:
        f.append("pron_before")
    if doc.in_quote(h.start):
        f.append("in_quote")
    if said_before:
        f.append("after_said")
        f.append("after_said_w=" + phrase)
    if view.question:
        f.append("question")
    if phrase not in ("if", "unless") and ("if" in view.words or "unless" in view.words):
        f.append("if_in_sentence")
        f.append("if_w=" + phrase)
    return f


# --- what is never a cue, whatever the classifier says (annotation guide, Part 3, "What is not a cue") --


def _past_future(doc: Document, s: Sentence, h: Hit, words: set[str], p1: str, said_before: bool) -> bool:
    """'She said the store would open in May': the past of "will" in reported speech, no condition in sight."""
    return (
        said_before
        and doc.low[h.start : h.end] in ("would", "'d", "\u2019d", "wouldn't", "would not")
        and not doc.in_quote(h.start)
        and not words & {"if", "unless", "whether"}
    )


_INVESTIGATE = word_list("investigation_words")


def _regardless(doc: Document, s: Sentence, h: Hit, words: set[str], p1: str, said_before: bool) -> bool:
    """'The vote will go ahead whether or not he attends': "regardless", nothing under investigation."""
    return doc.low[h.start : h.end].startswith("whether or not") and p1 not in _INVESTIGATE


def _noun_use(doc: Document, s: Sentence, h: Hit, words: set[str], p1: str, said_before: bool) -> bool:
    """'The suspect fled', 'the will of the people': a noun, after a determiner."""
    return doc.low[h.start : h.end] in ("suspect", "suspects", "will", "may") and p1 in _DET


def _month(doc: Document, s: Sentence, h: Hit, words: set[str], p1: str, said_before: bool) -> bool:
    """'May was the hottest month', 'in May': the month (a modal "May" opens only a question or a wish)."""
    return doc.text[h.start : h.start + 3] == "May" and doc.low[h.end : h.end + 4].strip()[:2] not in ("i ", "we", "yo")


_POLL = word_list("poll_respondents")


def _poll_category(doc: Document, s: Sentence, h: Hit, words: set[str], p1: str, said_before: bool) -> bool:
    """'Likely voters favour the plan': a poll's category of respondents, not a forecast."""
    if doc.low[h.start : h.end] not in ("likely", "unlikely"):
        return False
    nxt = doc.low[h.end : h.end + 16].split()
    return bool(nxt) and nxt[0] in _POLL


#: Wire-style hedges that are cues wherever they stand (AP style on attribution; the guide's Part 3):
#: the classifier is not asked. Their category is the Szeged corpus's for the word.
SURE_CUES = {
    "reportedly": "epistemic", "allegedly": "doxastic", "alleged": "doxastic", "purportedly": "epistemic",
    "reputedly": "epistemic", "supposedly": "doxastic", "unconfirmed": "epistemic", "rumored": "epistemic",
    "could not be independently verified": "epistemic", "could not be verified": "epistemic",
    "it remains to be seen": "epistemic", "remains to be seen": "epistemic", "in all likelihood": "epistemic",
}  # fmt: skip

#: Uses of a candidate that are never uncertainty cues, each a named test.
NOT_CUES: tuple[tuple[str, str, object], ...] = (
    ("past future", "'would' as the past of 'will' in reported speech", _past_future),
    ("regardless", "'whether or not' meaning 'regardless'", _regardless),
    ("noun use", "'the suspect', 'the will': a noun after a determiner", _noun_use),
    ("month", "'May' the month", _month),
    ("poll category", "'likely voters'", _poll_category),
)


def find_uncertainty(doc: Document, idx: int, s: Sentence, hits: list[Hit]) -> None:
    """Uncertainty cues of sentence ``idx``, with category and voice."""
    cands = [h for h in hits if h.entry.rule == "uncertainty_cue" and not h.used]
    if not cands:
        return
    tagger = doc.det.tagger
    disabled = doc.det.disabled_rules
    reported = doc.reported_from[idx]
    first_say = min((h.start for h in hits if h.entry.rule in _SAY_RULES and not doc.in_quote(h.start)), default=None)
    beliefs = {a.verb.start: a for a in doc.attributions[idx] if a.verb.rule == "belief_verb" and a.sources}
    out = doc.cues[idx]
    text = doc.text
    view = SentenceView(doc, s)
    toks, words, starts = view.toks, view.words, view.starts
    for h in cands:
        said_before = first_say is not None and first_say < h.start
        phrase = " ".join(doc.low[h.start : h.end].split())
        cat = SURE_CUES.get(phrase) or tagger.predict(candidate_features(doc, view, h, said_before))[0]
        if cat == "none" or f"{cat}_cue" in disabled:
            continue
        i = bisect_left(starts, h.start)
        p1 = toks[i - 1][2] if i >= 1 else ""
        if any(test(doc, s, h, words, p1, said_before) for _n, _d, test in NOT_CUES):  # type: ignore[operator]
            continue
        h.used = True
        if h.start in beliefs:
            voice = "belief"  # "officials believe": the officials' uncertainty, not the writer's
        elif doc.in_quote(h.start) or h.start >= reported:
            voice = "speaker"
        else:
            voice = "writer"
        kind = "hedge" if voice == "writer" else "quoted_hedge"
        out.append(Cue(kind, f"{cat}_cue", h.start, h.end, text[h.start : h.end], category=cat, voice=voice))
