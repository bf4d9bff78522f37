"""An article in a few numbers and one plain sentence.

:func:`summarize` scores a text and says how its claims are sourced: how many
claims there are (headings, bylines, datelines, boilerplate and questions are
not claims), what share rests on anonymous sources, on vague attribution, on
second-hand reports, and is hedged; which distinct sources the claims rest
on, named and anonymous, with how many claims each; and one sentence a
reader can take in at a glance, such as *"6 of 8 claims trace back to one
newspaper report citing unidentified sources."*

Sources are grouped by whom they mean: a pronoun or description goes with the
source it refers to ("he" with "a senior official"; "the sources" with "three
diplomatic sources"), a source carried over from an earlier sentence with
itself, and named people and organisations by their names ("Hillary Clinton"
and "Clinton"); the remaining anonymous and vague sources by what they are
called (the head word: two unrelated mentions of "officials" are one group).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .cues import Source as _Found
from .cues.resolution import root
from .model import Model
from .scoring import SentenceScore, score

__all__ = ["ArticleSummary", "SourceGroup", "summarize"]

_SHARES = (("anonymous", "anonymous_source"), ("vague", "vague_source"), ("secondhand", "secondhand"),
           ("hedged", "hedge"), ("named", "named_source"))  # fmt: skip
#: A claim counts as uncertain in the summary when its certainty is below this.
UNCERTAIN_BELOW = 0.5
_DET = re.compile(r"^(?:the|a|an|one|two|three|four|five|several|some|many|its|his|her|their)\s+", re.I)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_MARKED = re.compile(r"\b(?:unidentified|unnamed|anonymous|familiar with|close to|briefed)\b", re.I)


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """A source the article's claims rest on, with every mention that means it."""

    kind: str  # named_source, anonymous_source, vague_source, secondhand
    name: str  # the fullest way the article refers to it
    claims: int  # how many claims rest on it
    sentences: tuple[int, ...]  # indices into ArticleSummary.scores
    cites: str | None = None  # for a report: what it cites ("unidentified diplomatic sources")
    type: str | None = None  # its source type (credscore.SOURCE_TYPES)
    mentions: tuple[str, ...] = ()  # how the article refers to it: "Mayor Linda Park", "she", "the mayor"


#: What each reason a sentence is not a claim (:func:`credscore.claims.not_a_claim`) is called in a count.
_NOT_CLAIMS = {"boilerplate": "boilerplate line"}
_NOT_CLAIMS_PLURAL = {"heading": "headings", "byline": "bylines", "dateline": "datelines", "question": "questions",
                      "boilerplate": "boilerplate lines"}  # fmt: skip


#: The name used before 0.2.
Source = SourceGroup


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """How an article's claims are sourced (see the module docstring)."""

    n_segments: int
    n_claims: int
    shares: dict[str, float]  # anonymous, vague, secondhand, hedged (the writer's), uncertain (any voice), named
    mean_reliability: float | None
    min_reliability: float | None
    sources: tuple[SourceGroup, ...]  # most claims first
    headline: str  # the plain sentence
    scores: tuple[SentenceScore, ...]

    @property
    def counts(self) -> str:
        """How many sentences the article has and how many make claims, in words.

        >>> summarize("Talks stall\\n\\nOfficials said the talks failed. Could they resume?").counts
        '1 of 3 sentences makes a claim (1 heading, 1 question)'
        >>> summarize("Officials said the talks failed. It rained.").counts
        '2 sentences, all of them claims'
        """
        n, k = self.n_segments, self.n_claims
        if n == 0:
            return "No sentences"
        reasons: dict[str, int] = {}
        for s in self.scores:
            reason = s.not_a_claim
            if reason:
                what = reason.split(":")[0]  # "boilerplate: link" -> "boilerplate"
                reasons[what] = reasons.get(what, 0) + 1
        others = ", ".join(f"{m} {_NOT_CLAIMS.get(r, r) if m == 1 else _NOT_CLAIMS_PLURAL.get(r, r)}"
                           for r, m in reasons.items())  # fmt: skip
        if k == n:
            return "1 sentence, a claim" if n == 1 else f"{n} sentences, all of them claims"
        if k == 0:
            return f"{'1 sentence' if n == 1 else f'{n} sentences'}, no claim ({others})"
        return f"{k} of {n} sentences make{'s a claim' if k == 1 else ' claims'} ({others})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_segments": self.n_segments,
            "n_claims": self.n_claims,
            "shares": {k: round(v, 4) for k, v in self.shares.items()},
            "mean_reliability": None if self.mean_reliability is None else round(self.mean_reliability, 4),
            "min_reliability": None if self.min_reliability is None else round(self.min_reliability, 4),
            "sources": [
                {
                    "kind": s.kind,
                    "type": s.type,
                    "name": s.name,
                    "claims": s.claims,
                    "sentences": list(s.sentences),
                    "cites": s.cites,
                    "mentions": list(s.mentions),
                }
                for s in self.sources
            ],
            "headline": self.headline,
        }


def summarize(text: str, *, model: Model | None = None, scores: list[SentenceScore] | None = None) -> ArticleSummary:
    """Summarize how ``text``'s claims are sourced.

    Examples
    --------
    >>> s = summarize("Officials said the plan failed. Officials said talks would go on. It rained.")
    >>> s.n_claims, round(s.shares["anonymous"], 2)
    (3, 0.67)
    >>> s.headline
    '2 of 3 claims rest on anonymous officials.'
    """
    scores = score(text, model=model) if scores is None else scores
    claims = [(i, s) for i, s in enumerate(scores) if s.is_claim]
    n = len(claims)
    shares = {name: (sum(1 for _, s in claims if kind in s.kinds) / n if n else 0.0) for name, kind in _SHARES}
    shares["uncertain"] = sum(1 for _, s in claims if s.certainty < UNCERTAIN_BELOW) / n if n else 0.0
    rel = [s.reliability for _, s in claims]
    sources = _sources(claims)
    return ArticleSummary(
        n_segments=len(scores),
        n_claims=n,
        shares=shares,
        mean_reliability=sum(rel) / n if n else None,
        min_reliability=min(rel) if n else None,
        sources=sources,
        headline=_headline(n, sources, shares),
        scores=tuple(scores),
    )


_TITLES = frozenset(
    """mr mrs ms dr sen rep gov gen president prime foreign finance defense minister secretary spokesman
    spokeswoman spokesperson presidential senator governor mayor chairman chief deputy former senior the""".split()
)


def _name_tokens(text: str) -> set[str]:
    toks = [w.strip(".,'’") for w in text.split(",")[0].split()]
    return {w.lower() for w in toks if w[:1].isupper() and w.lower().rstrip(".") not in _TITLES}


_HEADS = frozenset(
    """source official person people aide adviser advisor insider staffer diplomat strategist operative
    spokesman spokeswoman spokesperson employee executive investigator negotiator ally associate lawmaker
    officer newspaper paper daily agency broadcaster network magazine website outlet media report
    critic observer expert analyst""".split()
)


def _head(text: str) -> str:
    words = _DET.sub("", text.strip()).split(",")[0].split()
    if not words:
        return text.lower()
    head = next((w for w in words if w.lower().rstrip("s") in _HEADS), words[-1])
    return head.lower().rstrip("s")


def _sources(claims: list[tuple[int, SentenceScore]]) -> tuple[SourceGroup, ...]:
    groups: list[dict[str, Any]] = []
    by_root: dict[tuple[int, int], dict[str, Any]] = {}
    for i, s in claims:
        if not s.sources:
            continue
        outlets = [x for x in s.sources if root(x).outlet]
        # A claim rests on the first report it came through, or else on its own source(s).
        roots = outlets[:1] if outlets else list(s.sources)
        seen: set[int] = set()
        for x in roots:
            g = _group_for(groups, by_root, x)
            if id(g) in seen:
                continue
            seen.add(id(g))
            g["names"].append(root(x).text)
            g["mentions"].append(x.text)
            if i not in g["sentences"]:
                g["sentences"].append(i)
            if root(x).outlet:
                g["cites"] += [y.text for y in s.sources if y.via is not None and y.anonymous]
    out = []
    for g in groups:
        if not g["sentences"]:
            continue
        name = max(g["names"], key=len)
        # The first mention that says the sources are hidden ("unidentified ..."), else the first.
        marked = [t for t in g["cites"] if _MARKED.search(t)]
        cites = (marked or g["cites"] or [None])[0]
        mentions = tuple(dict.fromkeys(" ".join(m.split()) for m in g["mentions"]))
        out.append(SourceGroup(g["kind"], name, len(g["sentences"]), tuple(g["sentences"]), cites, g["type"], mentions))
    out.sort(key=lambda s: (-s.claims, s.sentences[0]))
    return tuple(out)


def _group_for(
    groups: list[dict[str, Any]], by_root: dict[tuple[int, int], dict[str, Any]], x: _Found
) -> dict[str, Any]:
    """The group of the source ``x`` means: by the span of what it refers to, then by name or head word."""
    r = root(x)
    span = (r.start, r.end)
    g = by_root.get(span)
    if g is not None:
        return g
    kind = r.kind
    named = kind == "named_source" and r.type in ("named_person", "named_organization")
    names = _name_tokens(r.text) if named else set()
    key = (kind, min(names) if names else _head(r.text))
    for g in groups:
        if g["key"] == key or (names and g["kind"] == kind and g["tokens"] & names):
            g["tokens"] |= names
            by_root[span] = g
            return g
    g = {"key": key, "kind": kind, "type": r.type, "tokens": set(names), "names": [], "mentions": [],
         "sentences": [], "cites": []}  # fmt: skip
    groups.append(g)
    by_root[span] = g
    return g


#: A single source is named in the headline when it carries at least this
#: share of the claims; otherwise the headline speaks of the kind of sourcing.
_DOMINANT_SHARE = 0.5


def _headline(n: int, sources: tuple[SourceGroup, ...], shares: dict[str, float]) -> str:
    if n == 0:
        return "No claims: only headings, bylines, boilerplate or questions."
    hedged = round(shares["hedged"] * n)
    if not sources:
        return f"None of the {n} claims is attributed to a source" + (
            f"; {hedged} {'is' if hedged == 1 else 'are'} hedged." if hedged else "."
        )
    top = sources[0]
    if top.claims >= 2 and top.claims >= _DOMINANT_SHARE * n:
        lead, verb = _lead(top.claims, n)
        if top.kind == "secondhand":
            return f"{lead} trace{'s' if verb == 'is' else ''} back to {_report_phrase(top)}."
        if top.kind == "anonymous_source":
            return f"{lead} rest{'s' if verb == 'is' else ''} on anonymous {_plain(top.name)}."
        if top.kind == "vague_source":
            return f"{lead} rest{'s' if verb == 'is' else ''} on vague attribution ({_plain(top.name)})."
        return f"{lead} {verb} attributed to {top.name} on the record."
    kinds = (
        ("secondhand", "come second-hand, through other outlets or reports"),
        ("anonymous", "rest on anonymous sources"),
        ("vague", "rest on vague attribution"),
    )
    for name, phrase in kinds:
        k = round(shares[name] * n)
        if k:
            lead, verb = _lead(k, n)
            if verb == "is":
                phrase = phrase.replace("come ", "comes ").replace("rest ", "rests ")
            return f"{lead} {phrase}" + (f"; {hedged} hedged." if hedged else ".")
    k = round(shares["named"] * n)
    lead, verb = _lead(k, n)
    return f"{lead} {verb} attributed to named sources on the record ({len(sources)} distinct)."


def _lead(k: int, n: int) -> tuple[str, str]:
    if k == n:
        if n == 1:
            return "The one claim", "is"
        return ("Both claims" if n == 2 else f"All {n} claims"), "are"
    return f"{k} of {n} claims", "is" if k == 1 else "are"


def _plain(name: str, keep_count: bool = False) -> str:
    """A source's name for a sentence: no leading article, no apposition, lower-case common nouns."""
    words = (_ARTICLE if keep_count else _DET).sub("", name).split(",")[0].split()[:6]
    if words and words[0][:1].isupper() and words[0].lower().rstrip("s") in _HEADS | _COMMON_OPENERS:
        words[0] = words[0].lower()
    return " ".join(words)


_COMMON_OPENERS = frozenset("unidentified unnamed anonymous senior top critic some many".split())


def _report_phrase(src: SourceGroup) -> str:
    outlet = _plain(src.name)
    head = outlet.split()[-1].lower() if outlet else "report"
    thing = "report" if head in ("report", "reports") else f"{head} report" if head.islower() else f"{outlet} report"
    phrase = f"one {thing}"
    if src.cites:
        cites = _plain(src.cites, keep_count=True)
        phrase += f" citing {cites}"
    return phrase
