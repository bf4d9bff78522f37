"""Sentence labels: the label set, and how labels are derived from corpus annotations.

credscore's default model predicts one of three ordered classes per sentence,
defined in ``docs/annotation-guide.md``:

``weak``
    the claim rests on an anonymous or vague source, comes second-hand through
    another outlet or report, or is hedged by the writer;
``unattributed``
    the writer states it in the outlet's own voice, with no attribution;
``strong``
    the claim is attributed on the record to a named person, organisation or
    identified document, or quoted with its named speaker.

Reliability is the expected value of the class on the scale
``weak = 0 < unattributed = 0.5 < strong = 1``.

The derivation functions turn the corpora's *human* annotations into these
labels (they never look at credscore's own cue detector):

- PolNeAR: every attribution's annotated Source span is classified from its
  words (named / anonymous / vague / second-hand / document), pronouns take the
  class of the source they refer back to, and a sentence takes the weakest
  class among the statement attributions that touch it;
- Szeged: a sentence with an epistemic or doxastic cue is hedged (``weak``),
  one without is ``unattributed``; sentences that mention an attribution verb
  are left out, because the corpus does not annotate attribution.

``datasets/datasheet.md`` describes the result and a hand check of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from credscore.model import LABELS, RELIABILITY

from .corpora import Attribution, PolnearArticle, SzegedDocument

__all__ = [
    "LABELS",
    "RELIABILITY",
    "LabeledSentence",
    "SourceClass",
    "classify_source_text",
    "gold_source_class",
    "label_polnear_article",
    "label_szeged_document",
    "polnear_source_classes",
    "source_class",
    "typed_source_classes",
]

#: The label set, ordered from least to most reliable.

SourceClass = str  # "named", "document", "anonymous", "vague", "secondhand", "pronoun", "other"

# --- classifying an annotated Source span from its words --------------------
# These lists are deliberately separate from the cue lexicons: they label the
# *gold* source phrases a human marked, they do not look for sources in text.

_ANON_MARK = re.compile(
    r"\b(?:anonymous|anonymity|unnamed|unidentified|familiar with|briefed|close to|with (?:direct )?knowledge|"
    r"not authori[sz]ed|declined to be|asked not to be)\b",
    re.I,
)
_ROLE = re.compile(
    r"\b(?:officials?|sources?|aides?|advis[eo]rs?|insiders?|staffers?|strategists?|operatives?|diplomats?|"
    r"persons?|spokes(?:man|woman|person)|allies|ally|confidants?|associates?|employees?|executives?|"
    r"lawmakers?|officers?|investigators?|negotiators?|representatives?)\b",
    re.I,
)
_VAGUE = re.compile(
    r"^(?:some|many|most|others?|several|critics|experts|analysts|observers|commentators|pundits|skeptics|"
    r"opponents|supporters|detractors|people|voters|residents|americans|republicans|democrats|conservatives|"
    r"liberals|progressives|activists|protesters|witnesses|organizers|neighbors|residents|students|parents|"
    r"workers|demonstrators|economists|scientists|researchers|doctors|a lot of|a number of|lots of|plenty of|"
    r"few|those)\b",
    re.I,
)
_OUTLET = re.compile(
    r"(?i:\b(?:newspapers?|paper|tabloid|magazine|broadcaster|network|news|media|outlets?|reporting|"
    r"reporters?|journalists?|columnists?|editorial)\b)|\b(?:Reuters|AP|Associated Press|AFP|Bloomberg|CNN|BBC|"
    r"Fox|NBC|ABC|CBS|MSNBC|NPR|PBS|Times|Post|Journal|Politico|POLITICO|Axios|Guardian|Breitbart|"
    r"HuffPost|Huffington|BuzzFeed|The Hill|Vox|Newsweek|Atlantic|Yorker|Globe|Tribune|Examiner|Caller|"
    r"Yahoo|Drudge|Beast|Intercept|ProPublica)\b"
)
_DOCUMENT = re.compile(
    r"\b(?:polls?|surveys?|study|studies|letter|memo|memorandum|statement|filings?|complaint|indictment|"
    r"lawsuit|ruling|transcripts?|records|documents?|data|figures|e-?mails?|audit|analysis|census|budget|"
    r"testimony|affidavit|release|website|ad|ads|advertisement|book|speech|platform|bill|tweets?|video|"
    r"results|reports?)\b",
    re.I,
)
_PRONOUN = re.compile(
    r"^(?:he|she|they|it|i|we|you|his|her|their|its|my|our|your|him|them|who|which|that|whom|"
    r"himself|herself|themselves)$",
    re.I,
)
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|these|those|his|her|their|its|one|two|three)$", re.I)
_CAPITAL_WORD = re.compile(r"\b[A-Z][\w'\u2019.-]*")
_NOT_NAMES = frozenset(
    """The A An This That These Those His Her Their Its One Two Three Some Many Most Several Both Each I
    Senior Former Top Current Chief Deputy Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday""".split()
)


_DEFINITE_ROLE = re.compile(
    r"^(?:the |his |her |their |its )?(?:president|senator|governor|candidate|mayor|secretary|chairman|"
    r"chairwoman|congressman|congresswoman|nominee|speaker|minister|ministry|police|campaign|committee|"
    r"department|office|company|administration|government|court|judge|prosecutors?|agency|white house)$",
    re.I,
)
_PUBLIC_RECORD = re.compile(
    r"\b(?:court|public|federal|police|election|tax|campaign finance|official)\s+\w+"
    r"|\b(?:lawsuit|indictment|complaint|ruling|filing)s?\b",
    re.I,
)
_JOURNALIST_NAME = re.compile(
    r"['\u2019]s\s+(?:[a-z]+\s+){0,4}[A-Z][a-z]+\s+[A-Z]|\b(?:editor|reporter|columnist|correspondent|anchor|host|"
    r"writer|contributor)\s+[A-Z][a-z]+\s+[A-Z]"
)
_DEFINITE_ORG = re.compile(
    r"^the (?:[a-z]+ )?(?:office|department|ministry|committee|commission|agency|bureau|council|board|court|"
    r"administration|government|campaign|company|police|military|army|party)$",
    re.I,
)
_HEAD_END = re.compile(r",| who | which | that | of | with | in | from | at | for | on ", re.I)


def _head(s: str) -> str:
    """The phrase up to its first post-modifier: 'supporters of the bill' -> 'supporters'."""
    m = _HEAD_END.search(s)
    return s[: m.start()] if m else s


def classify_source_text(source: str) -> SourceClass:
    """Class of a gold Source phrase, from its words alone.

    Examples
    --------
    >>> classify_source_text("three people briefed on the talks")
    'anonymous'
    >>> classify_source_text("Trump campaign manager Corey Lewandowski")
    'named'
    >>> classify_source_text("The Washington Post")
    'secondhand'
    """
    s = " ".join(source.split())
    if not s:
        return "other"
    words = s.split()
    if len(words) == 1 and _PRONOUN.match(words[0].strip(".,'\u2019")):
        return "pronoun"
    names = [w for w in _CAPITAL_WORD.findall(s) if w.rstrip(".") not in _NOT_NAMES]
    first_chunk = s.split(",")[0].split()
    if (
        "," in s
        and len(first_chunk) >= 2
        and all(w[0].isupper() for w in first_chunk)
        and not _OUTLET.search(s.split(",")[0])
        and not _ROLE.search(s.split(",")[0])
    ):
        return "named"  # "Jon Alterman, a Middle East analyst with ...", "Steve Roe, a lobbyist close to ..."
    if _ANON_MARK.search(s):
        return "anonymous"
    head = _head(s)
    if _OUTLET.search(s) and not _ROLE.search(s):
        if _DOCUMENT.search(head) and names:
            return "document"  # "a CBS News poll": the outlet's own poll is a named document
        if _JOURNALIST_NAME.search(s):
            return "named"  # "the Post's editor Steven Ginsberg", "Fox's Chris Wallace": a named journalist
        return "secondhand"
    if re.search(r"\breports?\b", head, re.I) and not names:
        return "secondhand"  # "media reports", "a report": an unidentified report
    role = _ROLE.search(s)
    if role:
        # A name after the role word ("spokesman John Lee") or before a comma
        # ("John Lee, a spokesman") makes it named.
        after = s[role.end() :]
        before = s[: role.start()]
        if any(w.rstrip(".") not in _NOT_NAMES for w in _CAPITAL_WORD.findall(after)) or (
            "," in before and any(w[0].isupper() for w in before.split(",")[0].split())
        ):
            return "named"
        return "anonymous"
    if _VAGUE.match(s) or _VAGUE.match(head.split()[-1] if head.split() else ""):
        return "vague"
    if _DEFINITE_ORG.match(head):
        return "named"  # "the budget office", "the state department": identified in context
    if _DOCUMENT.search(head):
        return "document" if names or _PUBLIC_RECORD.search(head) else "vague"
    if names:
        return "named"
    if _DEFINITE_ROLE.match(s):
        return "named"  # "the president", "police", "the company": identified in context
    if words[-1].lower().endswith("s") and not _DETERMINER.match(words[0]):
        return "vague"
    return "other"


#: Which classes make a sentence weak, and which make it strong.
_WEAK_CLASSES = frozenset({"anonymous", "vague", "secondhand"})
_STRONG_CLASSES = frozenset({"named", "document"})


def polnear_source_classes(article: PolnearArticle) -> list[SourceClass]:
    """Class of each attribution's source, with pronouns resolved.

    A pronoun ("he", "they", "who") takes the class of the nearest preceding
    non-pronoun source in the article; with none before it, it is ``named``
    (news introduces a person by name before "he said").
    """
    text = article.text
    order = sorted(range(len(article.attributions)), key=lambda i: _first(article.attributions[i]))
    classes: list[SourceClass] = ["other"] * len(article.attributions)
    # Recent sources as (position, class): a pronoun refers back only a short way.
    last_one: tuple[int, SourceClass] | None = None  # one person or body
    last_many: tuple[int, SourceClass] | None = None  # a plural source
    for i in order:
        att = article.attributions[i]
        if not att.source:
            classes[i] = "none"
            continue
        pos = _first(att)
        src = att.source_text(text)
        cls = classify_source_text(src)
        pron = src.strip().lower()
        if cls == "pronoun" and pron in ("i", "we", "my", "our", "me", "us"):
            cls = "named"  # the writer, or the speaker of a quote: on the record
        elif cls == "pronoun" and pron in ("they", "their", "them", "themselves"):
            near = last_many is not None and pos - last_many[0] <= _PRONOUN_REACH
            cls = last_many[1] if near else "vague"  # type: ignore[index]
        elif cls == "pronoun":
            # he, she, it, who, which: one person or body. News names people
            # before "he said", so a pronoun is named unless the last source
            # close before it was an anonymous one ("a senior official ... he added").
            near = last_one is not None and pos - last_one[0] <= _PRONOUN_REACH
            cls = last_one[1] if near and last_one[1] in ("anonymous", "named", "document") else "named"  # type: ignore[index]
        elif cls != "other":
            if _plural(src):
                last_many = (pos, cls)
            else:
                last_one = (pos, cls)
        classes[i] = cls
    return classes


#: How far back (characters) a pronoun source looks for the source it refers to:
#: about two sentences of news prose.
_PRONOUN_REACH = 300


def _plural(source: str) -> bool:
    head = _head(" ".join(source.split())).split()
    return bool(head) and head[-1].lower().endswith("s") and not head[-1][0].isupper()


def _first(att: Attribution) -> int:
    spans = att.source or att.cue or att.content
    return min(a for a, _ in spans) if spans else 0


# --- sentence labels ----------------------------------------------------------

#: Attribution cues that report a statement (as opposed to an action or a
#: wish): the stems a PolNeAR Cue span must contain to count for the label.
_STATEMENT_CUE = re.compile(
    r"\b(?:sa(?:y|ys|id|ying)|t[oe]ld|tell(?:s|ing)?|according|report\w*|wr(?:ote|ites?|iting)|tweet\w*|"
    r"announc\w*|add(?:s|ed|ing)?|not(?:e|es|ed|ing)|claim\w*|argu\w*|insist\w*|warn\w*|confirm\w*|"
    r"den(?:y|ies|ied)|acknowledg\w*|admit\w*|assert\w*|explain\w*|stat(?:e|es|ed)|declar\w*|predict\w*|"
    r"recall\w*|testif\w*|respond\w*|repl(?:y|ies|ied)|stress\w*|emphasi[sz]\w*|conced\w*|reiterat\w*|"
    r"caution\w*|observ\w*|remark\w*|suggest\w*|reveal\w*|disclos\w*|alleg\w*|accus\w*|cit\w*|quot\w*|"
    r"show\w*|found|find\w*|estimat\w*|describ\w*|call(?:ed|s)?|ask\w*|believ\w*|think\w*|thought|"
    r"expect\w*|fear\w*|vow\w*|pledg\w*|promis\w*|conclud\w*)\b|:",
    re.I,
)


@dataclass(frozen=True, slots=True)
class LabeledSentence:
    """A sentence of a corpus document with its derived label (standoff)."""

    corpus: str
    doc: str
    start: int
    end: int
    label: str
    evidence: str  # why: the source classes or cue types behind the label


def source_class(src: object) -> SourceClass:
    """The label class of a typed :class:`credscore.Source` (annotation guide, Part 2, last section)."""
    if getattr(src, "outlet", False):
        return "secondhand"
    typ = getattr(src, "type", "")
    if typ == "vague":
        return "vague"
    if getattr(src, "anonymous", False):
        return "anonymous"
    return "document" if typ == "document" else "named"


def gold_source_class(row: dict[str, str]) -> SourceClass:
    """The label class of a row of the source gold set (``datasets/sources/gold.tsv``)."""
    if row["outlet"] == "1":
        return "secondhand"
    if row["type"] == "vague":
        return "vague"
    if row["anonymous"] == "1":
        return "anonymous"
    return "document" if row["type"] == "document" else "named"


def typed_source_classes(
    article: PolnearArticle, gold: dict[tuple[int, int], dict[str, str]] | None = None, detector: object = None
) -> list[SourceClass]:
    """Class of each attribution's source: PolNeAR's human span, typed under the annotation guide.

    Where the source gold set has the span (``gold``: {(start, end): row}), the human type decides;
    elsewhere credscore's source typer and resolver type the human span, pronouns resolved against the
    human spans before them (:func:`credscore.cues.resolution.build_source`). On the gold set's
    held-out (dev) part the typer agrees with the human weak-vs-strong call on 0.89 of sources, the
    word rules of :func:`classify_source_text` on 0.82 (``tools/gold``, datasets/sources/README).
    """
    from bisect import bisect_right

    from credscore.cues import CueDetector
    from credscore.cues.document import Document, find_publisher
    from credscore.cues.quotes import find_quotations
    from credscore.cues.resolution import build_source
    from credscore.sentences import split_sentences

    det = detector if detector is not None else CueDetector()
    text = article.text
    doc = Document(det, text, split_sentences(text))  # type: ignore[arg-type]
    find_quotations(doc)
    find_publisher(doc)
    gold = gold or {}
    order = sorted(range(len(article.attributions)), key=lambda i: _first(article.attributions[i]))
    classes: list[SourceClass] = ["none"] * len(article.attributions)
    for i in order:
        att = article.attributions[i]
        if not att.source:
            continue
        a, b = min(x for x, _ in att.source), max(y for _, y in att.source)
        row = gold.get((a, b))
        idx = max(0, bisect_right(doc.sentence_starts, a) - 1)
        src = build_source(doc, idx, a, b, None)
        if src is not None:
            doc.history.append((idx, src))
        if row is not None:
            classes[i] = gold_source_class(row)
        else:
            classes[i] = source_class(src) if src is not None else "other"
    return classes


def label_polnear_article(
    article: PolnearArticle,
    sentences: Sequence[tuple[int, int]],
    classes: Sequence[SourceClass] | None = None,
) -> Iterator[LabeledSentence]:
    """Label each sentence span of a PolNeAR article from its gold attributions.

    A statement attribution touches a sentence if its cue or source lies in
    it, or its content covers at least half of it (multi-sentence quotes and
    paraphrases). The sentence is ``weak`` if any touching source is anonymous,
    vague or second-hand, ``strong`` if touching sources are named people,
    organisations or documents, ``unattributed`` if nothing touches it.
    Sentences touched only by unclassifiable sources are skipped. ``classes``
    (one per attribution) default to :func:`polnear_source_classes`; the
    default model's labels use :func:`typed_source_classes`.
    """
    text = article.text
    if classes is None:
        classes = polnear_source_classes(article)
    atts = []
    for att, cls in zip(article.attributions, classes, strict=True):
        cue_text = " ".join(text[a:b] for a, b in att.cue)
        if not _STATEMENT_CUE.search(cue_text):
            continue
        atts.append((att, cls))
    for a, b in sentences:
        touching = []
        length = max(1, b - a)
        for att, cls in atts:
            anchor = any(a <= x < b for x, _ in att.cue + att.source)
            covered = sum(max(0, min(b, y) - max(a, x)) for x, y in att.content)
            if anchor or covered * 2 >= length:
                touching.append(cls)
        if not touching:
            yield LabeledSentence("polnear", article.name, a, b, "unattributed", "no attribution")
            continue
        known = [c for c in touching if c in _WEAK_CLASSES or c in _STRONG_CLASSES]
        if not known:
            continue
        label = "weak" if any(c in _WEAK_CLASSES for c in known) else "strong"
        yield LabeledSentence("polnear", article.name, a, b, label, "+".join(sorted(set(known))))


_ATTRIBUTION_WORD = re.compile(
    r"\b(?:sa(?:y|ys|id)|told|according to|report(?:s|ed)|wrote|claim(?:s|ed)|argue[sd]?|stated)\b", re.I
)
_HEDGE_TYPES = frozenset({"epistemic", "doxastic"})


def label_szeged_document(doc: SzegedDocument) -> Iterator[tuple[int, LabeledSentence]]:
    """Label sentences of a Szeged document: hedged (``weak``) or ``unattributed``.

    Yields ``(sentence index, label)``; offsets are into the sentence itself.
    Titles and sentences that mention attribution are skipped (the corpus
    does not annotate who says what).
    """
    for i, s in enumerate(doc.sentences):
        if s.part == "Title" or _ATTRIBUTION_WORD.search(s.text):
            continue
        types = {t for _, _, t in s.cues}
        hedged = bool(types & _HEDGE_TYPES)
        label = "weak" if hedged else "unattributed"
        evidence = "+".join(sorted(types)) if types else "no cue"
        yield i, LabeledSentence("szeged-wiki", doc.doc_id, 0, len(s.text), label, evidence)
