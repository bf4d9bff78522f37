"""HTML in, plain text out, with every offset kept: the step before sentences.

Crawlers and CMS exports hand over article bodies as HTML. Scoring the raw
markup would split sentences on tags and read attribute values as prose;
stripping it with a parser would lose the character offsets that every
credscore span promises. :func:`html_to_text` does neither: it returns a
string **of exactly the same length** as the HTML, in which

- tags are blanked to spaces; block tags (``<p>``, ``<div>``, ``<h1>``,
  ``<li>``, ``<td>``, ...) start a paragraph (two line breaks) and ``<br>`` a line,
  so headlines and paragraphs reach the sentence splitter as they were laid out;
- the contents of ``<script>``, ``<style>``, ``<noscript>``, ``<template>``
  and comments are blanked to spaces (their line breaks too: a blank line in
  a comment must not split the sentence around it);
- character references (``&amp;``, ``&ldquo;``, ``&#8217;``, ``&#x201C;``)
  become their character, padded with spaces to the reference's length.

So ``score(html_to_text(page))`` gives sentence and cue offsets that are
offsets into ``page`` itself: ``page[c.start:c.end]`` is the cue's stretch of
the original HTML (with any markup inside it).

The scan is one left-to-right pass (no backtracking regex over unbounded
markup), so hostile input such as ``"<" * 10**6`` or an unclosed comment
costs linear time. It is not an HTML parser: it does not build a tree, fix
broken nesting or honour ``>`` inside a quoted attribute value (rare in
article bodies). A reference between two letters ("don&rsquo;t") leaves the
padding inside the word ("don’      t").

>>> html_to_text("<p>Officials <b>said</b> it&rsquo;s done.</p>")
'\\n\\n Officials    said     it’      s done.\\n\\n  '
>>> page = "<h1>Talks stall</h1><p>Sources said so.</p>"
>>> len(html_to_text(page)) == len(page)
True
"""

from __future__ import annotations

import html
import re

__all__ = ["html_to_text", "looks_like_html"]

#: Elements whose start or end is a paragraph break (HTML's block-level and
#: table elements, plus title and the sectioning elements of article pages).
BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li main menu nav ol p pre section
    summary table tbody td tfoot th thead title tr ul""".split()
)

#: Elements whose whole content is not article text (scripts, styles, fallbacks, templates).
HIDDEN_TAGS = frozenset(["script", "style", "noscript", "template"])

# One alternative per construct, each bounded by characters it cannot contain,
# so a failed attempt never rescans more than the stretch up to the next "<":
# a comment opener; a tag (name, then anything but angle brackets, then ">");
# a declaration or processing instruction; a character reference.
_MARKUP = re.compile(
    r"<!--"
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*+)[^<>]*>"
    r"|<[!?][^<>]*>"
    r"|&(?:#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)"
)

# The end tag of each hidden element, in any case. ASCII-only case folding:
# str.lower() would change the length ("İ"), and Unicode folding would take
# "</ſcript" (long s) for "</script", which no browser does.
_CLOSING = {name: re.compile("</" + name, re.IGNORECASE | re.ASCII) for name in HIDDEN_TAGS}

#: A start that says "this is HTML": a tag of a known element or a doctype.
_HTML_HINT = re.compile(r"<(?:!doctype\s+html|html|body|p|div|br|span|a\s|h[1-6]|article)\b", re.IGNORECASE)


def html_to_text(markup: str) -> str:
    """The text of an HTML page or fragment, the same length as ``markup``.

    Parameters
    ----------
    markup : str
        HTML: a whole page or a fragment such as an article body.

    Returns
    -------
    str
        ``len(result) == len(markup)``; every character that is not markup is
        at the same position, so offsets into the result (sentences, cues) are
        offsets into ``markup``.

    Raises
    ------
    TypeError
        If ``markup`` is not a ``str`` (decode bytes first).
    """
    if not isinstance(markup, str):
        raise TypeError(f"html_to_text() expects str, got {type(markup).__name__}; decode bytes first")
    if "<" not in markup and "&" not in markup:
        return markup
    out: list[str] = []
    pos = 0
    n = len(markup)
    while pos < n:
        m = _MARKUP.search(markup, pos)
        if m is None:
            break
        a, b = m.span()
        out.append(markup[pos:a])
        tok = m.group()
        if tok == "<!--":
            end = markup.find("-->", b)
            b = n if end < 0 else end + 3  # an unclosed comment runs to the end, as in a browser
            out.append(" " * (b - a))
        elif tok[0] == "&":
            out.append(_reference(tok))
        elif m.group(2) is not None:
            name = m.group(2).lower()
            if name in HIDDEN_TAGS and not m.group(1) and not tok.endswith("/>"):
                close = _CLOSING[name].search(markup, b)
                if close is None:
                    b = n
                else:
                    gt = markup.find(">", close.end())
                    b = n if gt < 0 else gt + 1
                out.append(" " * (b - a))
            elif name in BLOCK_TAGS:
                out.append(_break(b - a, "\n\n"))
            elif name == "br":
                out.append(_break(b - a, "\n"))
            else:
                out.append(" " * (b - a))
        else:  # <!DOCTYPE ...>, <?xml ...?>, <![CDATA[ ... (the first ">")
            out.append(" " * (b - a))
        pos = b
    out.append(markup[pos:])
    text = "".join(out)
    assert len(text) == n, "html_to_text must keep every offset"
    return text


def looks_like_html(text: str) -> bool:
    """Does ``text`` start (within its first 2,000 characters) with HTML markup?

    For a hint to the user ("pass --html"), not a decision: plain text that
    mentions ``<p>`` would also say yes.
    """
    return _HTML_HINT.search(text, 0, 2000) is not None


def _break(length: int, brk: str) -> str:
    return brk + " " * (length - len(brk)) if length >= len(brk) else " " * length


def _reference(ref: str) -> str:
    """A character reference as its character(s), padded with spaces to its length."""
    char = html.unescape(ref)
    if char == ref or len(char) > len(ref):  # not a reference html knows: leave it as written
        return ref
    if char == "\u00a0":  # &nbsp;: a space to the sentence splitter
        char = " "
    return char + " " * (len(ref) - len(char))
