"""HTML in, clean text out, with a map back to the page: the step before sentences.

Crawlers and CMS exports hand over article bodies as HTML. :func:`parse_html` reads the page with a
tokenizer that follows the HTML standard's rules for what a tag, an attribute (quoted values may hold
``>``), a comment, a character reference and a raw-text element (``<script>``, ``<style>``) are, and
returns the text a reader sees, as plain text would have it:

- character references decoded (``didn&rsquo;t`` -> ``didn’t``, ``$40&nbsp;million`` -> ``$40 million``);
- inline tags joined into the words around them (``did<b>n't</b>`` -> ``didn't``) and runs of white space
  collapsed to one space, as a browser renders them (``<pre>`` keeps its white space);
- block tags (``<p>``, ``<div>``, ``<h1>``, ``<li>``, ``<td>``, ...) as paragraph breaks and ``<br>`` as a
  line break, so headlines and paragraphs reach the sentence splitter as they were laid out;
- scripts, styles, ``<noscript>``, ``<template>``, comments, the ``<head>`` and every element marked
  ``hidden`` (or styled ``display: none``) dropped;
- the page ``<title>`` kept apart, clean (:attr:`HtmlText.title`), not in the text: the article's own
  headline is in its body.

The result keeps, for every character, the stretch of the page it came from, so a sentence or a cue
found in the clean text can be shown in the page: :meth:`HtmlText.page_span`. The same article as HTML
and as plain text reads alike: the same sentences, cues and scores (``tests/test_markup.py``).

Why not :mod:`html.parser`: it reads the same constructs, but some malformed input makes it backtrack
over the rest of the page at every ``<`` (``"<a" * 200_000`` took 116 s for 400 KB in our measurement,
see docs/benchmarks.md); this tokenizer never reads a character twice, as the standard's state machine
does not, so any page costs linear time. It builds no tree: nesting is only tracked to know what is hidden.

>>> doc = parse_html("<p>Officials <b>said</b> it didn&rsquo;t fail.</p>")
>>> doc.text
'Officials said it didn’t fail.'
>>> page = "<p>Officials <b>said</b> it didn&rsquo;t fail.</p>"
>>> a, b = doc.page_span(10, 14)  # "said"
>>> page[a:b]
'said'
"""

from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass, field

__all__ = ["BLOCK_TAGS", "HIDDEN_TAGS", "HtmlText", "html_to_text", "looks_like_html", "parse_html"]

#: Elements whose start or end is a paragraph break (HTML's block-level and table elements, plus the
#: sectioning elements of article pages).
BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre section
    summary table tbody td tfoot th thead tr ul""".split()
)

#: Elements whose whole content is not article text.
HIDDEN_TAGS = frozenset(["script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe"])

#: Elements that have no content and no end tag.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())

_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_SPACE_OR_WORD = re.compile(r"[^\S\u00a0]+|\u00a0+|[^\s\u00a0]+")

#: A start that says "this is HTML": a tag of a known element or a doctype.
_HTML_HINT = re.compile(r"<(?:!doctype\s+html|html|body|p|div|br|span|a\s|h[1-6]|article)\b", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlText:
    """The text of an HTML page, and where each of its characters came from.

    Attributes
    ----------
    text : str
        What a reader sees, as plain text (see the module docstring). Score this.
    title : str or None
        The page's ``<title>``, white space collapsed and references decoded.
    """

    text: str
    title: str | None
    _starts: array = field(repr=False)
    _ends: array = field(repr=False)
    _page_length: int = field(repr=False, default=0)

    def page_span(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of the page that ``text[start:end]`` came from (markup inside it included).

        ``start`` and ``end`` are offsets into :attr:`text`, as a sentence or cue gives them.
        """
        n = len(self.text)
        if not (0 <= start <= end <= n):
            raise ValueError(f"span {start}-{end} is not inside the text (length {n})")
        if start == end:
            at = self._starts[start] if start < n else self._page_length
            return at, at
        return self._starts[start], self._ends[end - 1]


class _Reader:
    """What the tokenizer finds, written out: text pieces and, per character, its span in the page."""

    def __init__(self, page: str):
        self.page = page
        self.out: list[str] = []
        self.starts = array("q")
        self.ends = array("q")
        self.pending: tuple[int, int] | None = None  # white space seen since the last text: its span
        self.trailing_newlines = 0  # line breaks at the end of the text so far
        self.empty = True
        self.hidden: list[list] = []  # [tag, depth] of the hidden elements open
        self.pre = 0
        self.title: list[str] | None = None
        self.in_title = 0

    # -- writing -------------------------------------------------------------------------

    def _emit(self, s: str, a: int, b: int) -> None:
        """Text ``s`` that came from ``page[a:b]`` (one character each when ``b - a == len(s)``)."""
        if not s:
            return
        if self.pending is not None:
            pa, pb = self.pending
            self.pending = None
            if not self.empty and not self.trailing_newlines:
                self.out.append(" ")
                self.starts.append(pa)
                self.ends.append(pb)
        self.out.append(s)
        if b - a == len(s):
            self.starts.extend(range(a, b))
            self.ends.extend(range(a + 1, b + 1))
        else:
            self.starts.extend([a] * len(s))
            self.ends.extend([b] * len(s))
        self.empty = False
        self.trailing_newlines = len(s) - len(s.rstrip("\n")) if s.endswith("\n") else 0

    def _space(self, a: int, b: int) -> None:
        if self.pending is None:
            self.pending = (a, b)

    def _break(self, n: int, a: int, b: int) -> None:
        """A line break (n=1) or a paragraph break (n=2) made by the tag at ``page[a:b]``."""
        self.pending = None
        if self.empty or self.trailing_newlines >= n:
            return
        # No space before a break: "said. </p>" ends at the period.
        while self.out and self.out[-1].endswith(" ") and not self.trailing_newlines:
            last = self.out.pop()
            kept = last.rstrip(" ")
            drop = len(last) - len(kept)
            del self.starts[-drop:]
            del self.ends[-drop:]
            if kept:
                self.out.append(kept)
                break
        need = n - self.trailing_newlines
        self.out.append("\n" * need)
        self.starts.extend([a] * need)
        self.ends.extend([b] * need)
        self.trailing_newlines = n

    def text(self, data: str, a: int) -> None:
        if self.in_title and self.title is not None:
            self.title.append(data)
        if self.hidden:
            return
        if self.pre:
            self._emit(data.replace("\u00a0", " "), a, a + len(data))
            return
        for m in _SPACE_OR_WORD.finditer(data):
            s = m.group()
            i, j = m.span()
            if s[0].isspace() or s[0] == "\u00a0":
                self._space(a + i, a + j)
            else:
                self._emit(s, a + i, a + j)

    # -- what the tokenizer calls --------------------------------------------------------------

    def reference(self, raw: str, a: int) -> None:
        char = html.unescape(raw)
        if char == raw:  # not a reference HTML knows: it stays as written
            self.text(raw, a)
            return
        if self.in_title and self.title is not None:
            self.title.append(char)
        if self.hidden:
            return
        if char == "\u00a0" and not self.pre:
            self._space(a, a + len(raw))
            return
        self._emit(char, a, a + len(raw))

    def start_tag(self, tag: str, attrs: list[tuple[str, str]], a: int, b: int, self_closing: bool) -> None:
        void = tag in _VOID or self_closing
        if tag == "title" and not void:  # inside <head>, which is hidden: kept apart
            self.title = [] if self.title is None else self.title
            self.in_title += 1
        if self.hidden:
            if tag == self.hidden[-1][0] and not void:
                self.hidden[-1][1] += 1
            return
        hide = tag in HIDDEN_TAGS or any(
            k == "hidden" or (k == "style" and v and _DISPLAY_NONE.search(v)) for k, v in attrs
        )
        if hide and not void:
            self.hidden.append([tag, 1])
            return
        if tag in BLOCK_TAGS:
            self._break(2, a, b)
            if tag == "pre":
                self.pre += 1
        elif tag == "br":  # two in a row make a blank line: a paragraph break
            self._break(min(2, self.trailing_newlines + 1), a, b)

    def end_tag(self, tag: str, a: int, b: int) -> None:
        if tag == "title" and self.in_title:
            self.in_title -= 1
        if self.hidden:
            top = self.hidden[-1]
            if tag == top[0]:
                top[1] -= 1
                if top[1] == 0:
                    self.hidden.pop()
            return
        if tag in BLOCK_TAGS:
            if tag == "pre" and self.pre:
                self.pre -= 1
            self._break(2, a, b)
        elif tag == "br":  # "</br>" is a line break in every browser
            self._break(1, a, b)


# --- the tokenizer -------------------------------------------------------------------------------

_INTERESTING = re.compile(r"[<&]")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_TAG_NAME = re.compile(r"[A-Za-z][^\s/>]*+")
_ATTR_SEP = re.compile(r"[\s/]*+")
_ATTR_NAME = re.compile(r"[^\s/>][^\s/>=]*+")
_EQUALS = re.compile(r"\s*+=\s*+")
_UNQUOTED = re.compile(r"[^\s>]*+")
#: Elements whose content is raw text up to their end tag (no tags, no references inside).
_RAW_TEXT = frozenset(["script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"])
_RAW_END = {name: re.compile("</" + name + r"(?=[\s/>])", re.IGNORECASE | re.ASCII) for name in _RAW_TEXT}


def _tokenize(page: str, r: _Reader) -> None:
    """One left-to-right pass: every character is read once (no backtracking), as in the HTML standard's
    tokenizer. A construct left open at the end of the page (a comment, a tag, a quoted value) runs to
    the end and is dropped, as a browser drops it."""
    n = len(page)
    pos = 0
    run = 0  # start of the text not yet written (a "<" or "&" that starts nothing is text)
    while pos < n:
        m = _INTERESTING.search(page, pos)
        if m is None:
            break
        i = m.start()
        if page[i] == "&":
            ref = _REFERENCE.match(page, i)
            if ref is None:
                pos = i + 1
                continue
            if i > run:
                r.text(page[run:i], run)
            r.reference(ref.group(), i)
            pos = run = ref.end()
            continue
        nxt = page[i + 1 : i + 2]
        if page.startswith("<!--", i):
            end = page.find("-->", i + 4)
            after = n if end < 0 else end + 3
        elif nxt == "/" and _TAG_NAME.match(page, i + 2):
            name = _TAG_NAME.match(page, i + 2)
            after, _attrs, _closing = _attributes(page, name.end())  # type: ignore[union-attr]
            if after >= 0:
                if i > run:
                    r.text(page[run:i], run)
                r.end_tag(name.group().lower(), i, after)  # type: ignore[union-attr]
                pos = run = after
                continue
        elif nxt.isascii() and nxt.isalpha():
            if i > run:
                r.text(page[run:i], run)
                run = i
            after = _start_tag(page, i, r)
            if after >= 0:
                pos = run = after
                continue
        elif nxt in ("!", "?", "/"):
            end = page.find(">", i + 1)  # a declaration, processing instruction or bogus comment
            after = n if end < 0 else end + 1
        else:
            pos = i + 1  # "<" then a space or a digit: text
            continue
        if i > run:
            r.text(page[run:i], run)
        if after < 0:
            return  # a tag the page ends inside
        pos = run = after
    if run < n:
        r.text(page[run:], run)


def _attributes(page: str, pos: int) -> tuple[int, list[tuple[str, str]], bool]:
    """(past the closing ">", the attributes, whether the tag ends "/>"); -1 when the page ends first."""
    n = len(page)
    attrs: list[tuple[str, str]] = []
    while True:
        pos = _ATTR_SEP.match(page, pos).end()  # type: ignore[union-attr]
        if pos >= n:
            return -1, attrs, False
        if page[pos] == ">":
            return pos + 1, attrs, page[pos - 1] == "/"
        name_m = _ATTR_NAME.match(page, pos)
        name = name_m.group().lower()  # type: ignore[union-attr]
        pos = name_m.end()  # type: ignore[union-attr]
        eq = _EQUALS.match(page, pos)
        value = ""
        if eq is not None:
            pos = eq.end()
            if pos < n and page[pos] in "\"'":
                close = page.find(page[pos], pos + 1)
                if close < 0:
                    return -1, attrs, False
                value = page[pos + 1 : close]
                pos = close + 1
            else:
                v = _UNQUOTED.match(page, pos)
                value = v.group()  # type: ignore[union-attr]
                pos = v.end()  # type: ignore[union-attr]
        attrs.append((name, html.unescape(value)))


def _start_tag(page: str, i: int, r: _Reader) -> int:
    """Read the start tag at ``page[i]`` (and a raw-text element's content); where to go on, or -1."""
    name_m = _TAG_NAME.match(page, i + 1)
    tag = name_m.group().lower()  # type: ignore[union-attr]
    end, attrs, self_closing = _attributes(page, name_m.end())  # type: ignore[union-attr]
    if end < 0:
        return -1
    r.start_tag(tag, attrs, i, end, self_closing)
    if tag in _RAW_TEXT and not self_closing:
        close = _RAW_END[tag].search(page, end)
        if close is None:
            if tag == "title":
                r.text(page[end:], end)
            return len(page)
        if tag == "title":
            r.text(page[end : close.start()], end)
        gt = _attributes(page, close.end())[0]
        r.end_tag(tag, close.start(), gt if gt >= 0 else len(page))
        return gt if gt >= 0 else len(page)
    return end


def parse_html(markup: str) -> HtmlText:
    """The text of an HTML page or fragment, with a map back to the page.

    Parameters
    ----------
    markup : str
        HTML: a whole page or a fragment such as an article body.

    Returns
    -------
    HtmlText
        ``.text`` to score; ``.page_span(start, end)`` for where a stretch of it is in ``markup``;
        ``.title``.

    Raises
    ------
    TypeError
        If ``markup`` is not a ``str`` (decode bytes first).
    """
    if not isinstance(markup, str):
        raise TypeError(f"parse_html() expects str, got {type(markup).__name__}; decode bytes first")
    r = _Reader(markup)
    _tokenize(markup, r)
    text = "".join(r.out)
    # No break or space at either end: the text runs from its first word to its last.
    end = len(text.rstrip())
    begin = end - len(text[:end].lstrip())
    text = text[begin:end]
    del r.starts[end:]
    del r.ends[end:]
    del r.starts[:begin]
    del r.ends[:begin]
    title = " ".join(html.unescape("".join(r.title)).split()) if r.title is not None else None
    return HtmlText(text, title or None, r.starts, r.ends, len(markup))


def html_to_text(markup: str) -> str:
    """The text of an HTML page or fragment (:func:`parse_html`'s ``.text``).

    >>> html_to_text("<h1>Talks stall</h1><p>Sources said so.</p>")
    'Talks stall\\n\\nSources said so.'
    """
    if not isinstance(markup, str):
        raise TypeError(f"html_to_text() expects str, got {type(markup).__name__}; decode bytes first")
    return parse_html(markup).text


def looks_like_html(text: str) -> bool:
    """Does ``text`` start (within its first 2,000 characters) with HTML markup?

    For a hint to the user ("pass --html"), not a decision: plain text that
    mentions ``<p>`` would also say yes.
    """
    return _HTML_HINT.search(text, 0, 2000) is not None
