"""Which segments are claims: page furniture, link boilerplate and questions are not.

A news page holds more than claims: the headline, the byline, the dateline,
"Read more" links, photo credits, "(Reporting by ...; Editing by ...)", and
questions, which ask rather than assert. credscore still scores every segment,
but summaries and document-level aggregates count claims only.
"""

from __future__ import annotations

import re

__all__ = ["BOILERPLATE", "is_question", "not_a_claim"]

#: Lines of page furniture, each a named pattern matched against the whole
#: segment (case-insensitive). Chosen from the wire and web copy in PolNeAR
#: train and common CMS templates. Each pattern pins down what follows its
#: keyword (a colon, a link word, a list of names, a year), so a claim that
#: merely starts with the word ("Copyright lawyers said ...", "Sign up rates
#: fell ...", "Reporting by the Times found ...") stays a claim.
# Possessive and atomic: with re.IGNORECASE "The" is both a name and a function
# word, and a free choice between the two is exponential on "The The The ... x".
_NAME = r"(?-i:[A-Z][\w.'\u2019-]*+)"
_NAMES = rf"{_NAME}(?:[\s,]++(?>{_NAME}|and|in|from|at|with|of|the|for)(?![\w.'\u2019-]))*+"
_CREDIT = r"(?:additional |contributing )?(?:reporting|writing|editing|research)(?: and (?:writing|editing))? by "
BOILERPLATE: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "link": r"(?:click|tap) here\b.*|"
        r"(?:read|see|watch) (?:more|also|next|the full story)\b"
        r"(?:\s*[:\u00bb\u203a>|-].*|\s+(?:at|on|about|here)\b.{0,80}|[.\u2026!]*)|"
        r"(?:related|more|watch|listen|see also):.*",
        "social": r"(?:follow|like) us\b.*|follow @\w+.*|share (?:this|on)\b.{0,60}|@\w+|#\w+",
        "newsletter": r"(?:sign up|subscribe)(?: (?:now|today|here))?(?: (?:for|to)\b.{0,80})?[.!:]?",
        "credit": rf"\(?{_CREDIT}{_NAMES}(?:\s*;\s*{_CREDIT}{_NAMES})*\.?\)?\.?|\(?photo(?:graph)?s?:.*|"
        r"(?:image|video|photo|graphic) (?:credit|courtesy|by)\b.{0,80}|.*\bcontributed (?:to )?(?:this )?report\.?\)?",
        # "Copyright" is also a word ("Copyright lawyers said"): after it a year or a name; the symbols say enough.
        "legal": r"(?:(?:copyright|\(c\)|\u00a9)\s*)+(?:\d{4}\b.{0,80}|[^.]{0,80}?\b\d{4}\.?|"
        rf"{_NAMES}\.?(?:\s*all rights reserved\.?)?)|(?:\(c\)|\u00a9)\s*[^.]{{1,80}}\.?"
        r"|.{0,80}\ball rights reserved\.?|advertisement",
        "url": r"(?:https?://|www\.)\S+",
        "correction": r"(?:this (?:story|article) has been (?:updated|corrected))\b.*|correction:.*",
        "timestamp": r"(?:updated|published|posted)?\s*\d{1,2}:\d{2}\s*(?:a\.m\.|p\.m\.|am|pm)?\.?"
        r"(?:\s*\w{2,4})?|___\.?",
    }.items()
}
#: What may close a sentence after its question mark.
_CLOSERS = " \t\n\r\f\v\"'\u201d\u2019\u00bb)]"


def is_question(text: str) -> bool:
    """Does the segment end with a question mark (before closing quotes and brackets)?"""
    # rstrip, not a regex anchored at the end: that is quadratic on long runs of blanks.
    return text.rstrip(_CLOSERS).endswith("?")


def not_a_claim(text: str, kind: str = "sentence") -> str | None:
    """Why a segment is not a claim (``"heading"``, ``"question"``, ``"boilerplate: link"``, ...), or None.

    Examples
    --------
    >>> not_a_claim("Officials said the talks failed.") is None
    True
    >>> not_a_claim("Could the deal collapse?")
    'question'
    >>> not_a_claim("(Reporting by Jane Roe; Editing by Sam Poe)")
    'boilerplate: credit'
    """
    if kind != "sentence":
        return kind
    stripped = text.strip()
    if is_question(stripped):
        return "question"
    for name, pattern in BOILERPLATE.items():
        if pattern.fullmatch(stripped):
            return f"boilerplate: {name}"
    return None
