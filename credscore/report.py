"""A report people can read: one self-contained HTML page per article.

:func:`render_html` lays out the article summary on top, then the article with
each sentence shaded by its reliability and every cue highlighted by kind,
with a legend. Every colour is paired with a text label (a sentence's class
and score, a cue's kind), so nothing depends on seeing colour. Details of a
sentence (its cues, rules and the contributions behind its score) appear when
it is hovered or focused (click or Tab), and all of them are also listed in
a plain section at the end, so the page reads fully without JavaScript. It
has no script and makes no network request: styles are inline.

Highlights carry their offsets (``data-start``/``data-end`` into the text
given) so a test can check, in a real browser, that each one sits where the
cue says.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence

from .cues import Cue
from .explanations import Contribution, Explanation, explain_scores
from .model import Model, default_model
from .scoring import DEFAULT_MAX_CHARS, SentenceScore, limit_text, score
from .sentences import PARAGRAPH_GAP
from .summary import ArticleSummary, summarize
from .version import __version__

__all__ = ["KIND_LABELS", "headline", "render_html"]

#: Short text label and colour of each cue kind. The colours are the Okabe–Ito palette's seven hues plus
#: black and a pale grey: nine colours a reader with any common colour-vision deficiency still tells apart
#: (tests/test_report_browser.py checks their distance in CIELAB, also under simulated protanopia,
#: deuteranopia and tritanopia). Every colour is shown with its label as text, never alone.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "anonymous_source": ("anonymous", "#d55e00"),  # vermillion
    "vague_source": ("vague", "#e69f00"),  # orange
    "secondhand": ("second-hand", "#cc79a7"),  # reddish purple
    "anonymity_reason": ("reason", "#0072b2"),  # blue
    "hedge": ("hedge", "#f0e442"),  # yellow
    "quoted_hedge": ("speaker's hedge", "#000000"),  # black
    "named_source": ("named", "#009e73"),  # bluish green
    "direct_quote": ("quote", "#56b4e9"),  # sky blue
    "attribution": ("attribution", "#dddddd"),  # pale grey: the commonest cue, drawn the quietest
}
#: Kinds drawn as an underline only, not a filled highlight: they are long (a quote) or common ("said").
_UNDERLINED = frozenset(["direct_quote", "attribution"])
#: A highlight is its kind's colour mixed with this share of white, so that the article's text stays
#: readable on it (contrast >= 4.5, WCAG AA); a colour already light (relative luminance above
#: _LIGHT) is used as it is.
_FILL_WHITE = 0.6
_LIGHT = 0.7
_LABEL_COLOURS = {"weak": "#fbe3d6", "unattributed": "#f2f2f2", "strong": "#d7f0e6"}
#: Longest page title made from the article's first sentence, in characters.
_TITLE_CHARS = 80


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""
    lin = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _fill(colour: str) -> str:
    """The highlight colour of a kind (see _FILL_WHITE)."""
    if _luminance(colour) > _LIGHT:
        return colour
    return "#" + "".join(f"{round(c + (255 - c) * _FILL_WHITE):02x}" for c in _rgb(colour))


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (the higher WCAG contrast)."""
    lum = _luminance(colour)
    return "#000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#fff"


def _chip(label: str, colour: str) -> str:
    """A kind's label as text on its colour: the colour is never shown without its name."""
    return f'<span class="chip" style="background:{colour};color:{_ink(colour)}">{_e(label)}</span>'


_CSS = """
body{
  font:16px/1.6 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;
  background:#fff}
h1{font:700 1.5rem/1.3 system-ui,sans-serif}
h2{font:700 1.1rem system-ui,sans-serif;margin-top:2rem}
.summary{
  font:15px/1.5 system-ui,sans-serif;border:1px solid #ccc;border-radius:6px;padding:1rem 1.2rem;
  background:#fafafa}
.summary .headline{font-size:1.1rem;font-weight:600;margin:0 0 .6rem}
.summary table{border-collapse:collapse;margin:.4rem 0}
.summary td,.summary th{padding:.15rem .6rem .15rem 0;text-align:left}
.bar{display:inline-block;height:.7rem;background:#555;vertical-align:middle;margin-right:.4rem}
.legend{font:13px system-ui,sans-serif;margin:1rem 0}
.legend span{display:inline-block;margin:0 .8rem .3rem 0}
.sent{position:relative;border-radius:3px;padding:1px 0;outline:none}
.sent:focus,.sent:hover{box-shadow:0 0 0 2px #333}
.badge{
  font:600 11px system-ui,sans-serif;border:1px solid #666;border-radius:3px;padding:0 3px;
  margin:0 2px;white-space:nowrap;background:#fff}
mark{background:none;color:inherit}
.chip{font:600 11px/1.4 system-ui,sans-serif;border-radius:2px;padding:0 3px;white-space:nowrap}
.legend .chip{display:inline-block;border:1px solid #888;font-size:12px}
mark sup.tag{font:600 9px system-ui,sans-serif;color:#333;margin-left:2px;white-space:nowrap}
mark sup.tag .chip{font-size:9px;padding:0 2px}
.tip{
  display:none;position:absolute;left:0;top:100%;z-index:5;width:26rem;max-width:90vw;
  background:#fff;border:1px solid #333;border-radius:4px;padding:.5rem .7rem;
  font:13px/1.4 system-ui,sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.2)}
.sent:hover>.tip,.sent:focus>.tip,.sent:focus-within>.tip{display:block}
.tip .li{display:block;padding-left:.6rem}
.para{margin:0 0 1rem}
.details{font:13px/1.45 system-ui,sans-serif}
.details li{margin-bottom:.5rem}
.details details{color:#444}
.details summary{cursor:pointer}
.nonclaim{color:#666}
.muted{color:#666}
footer{font:12px system-ui,sans-serif;color:#666;margin-top:2rem}
"""


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def render_html(
    text: str,
    *,
    model: Model | None = None,
    title: str | None = None,
    fallback_title: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    truncate: bool = False,
) -> str:
    """The report for one article as a complete HTML document (a string).

    ``title`` is the page's title; without it, the article's headline (its first heading), else its first
    claim, shortened; for a text with neither, ``fallback_title`` (the command line passes the file's
    name), else "Article". ``max_chars`` and ``truncate`` are :func:`credscore.score`'s limit (a longer
    text raises :class:`~credscore.scoring.DocumentTooLongError`, or with ``truncate`` the report covers
    its start and says so).

    Examples
    --------
    >>> page = render_html("Officials said the plan failed.")
    >>> page.startswith("<!DOCTYPE html>") and "<script" not in page
    True
    """
    model = model if model is not None else default_model()
    text, note = limit_text(text, max_chars, truncate)
    scores = score(text, model=model, max_chars=None)
    summary = summarize(text, model=model, scores=scores)
    explanations = explain_scores(text, scores, model=model)
    title = title or headline(scores) or fallback_title or "Article"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>credscore: {_e(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="note">{_e(note[0].upper() + note[1:])} (truncate).</p>' if note else "",
        _summary_html(summary),
        _legend_html(),
        '<h2 id="article">The article</h2>',
        '<main class="article">',
        _article_html(text, scores, explanations),
        "</main>",
        '<h2 id="details">Sentence by sentence</h2>',
        _details_html(scores, explanations),
        f"<footer>Scored by credscore {__version__}, model "
        f"{_e(model.metadata.get('name', 'custom'))}. Reliability scores sourcing (weak 0, unattributed 0.5, "
        "strong 1), and certainty; not truth.</footer>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def headline(scores: Sequence[SentenceScore], limit: int = _TITLE_CHARS) -> str | None:
    """The article's headline: its first heading, else its first claim shortened to ``limit`` characters
    (at a word, with an ellipsis); ``None`` when it has neither.

    >>> headline(score("Talks stall\\n\\nOfficials said the talks failed."))
    'Talks stall'
    >>> headline(score("Officials said the talks on the new port failed after a long night."), limit=30)
    'Officials said the talks on…'
    """
    first = next((s for s in scores if s.kind == "heading"), None) or next((s for s in scores if s.is_claim), None)
    if first is None:
        return None
    text = " ".join(first.text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:-–—") + "…"


def _summary_html(s: ArticleSummary) -> str:
    rows = []
    for name, label in (("anonymous", "anonymous sources"), ("vague", "vague attribution"),
                        ("secondhand", "second-hand"), ("hedged", "hedged by the writer"),
                        ("uncertain", "uncertain, in any voice"),
                        ("named", "named sources")):  # fmt: skip
        share = s.shares.get(name, 0.0)
        k = round(share * s.n_claims)
        rows.append(
            f'<tr><th scope="row">{label}</th><td><span class="bar" style="width:{share * 8:.2f}rem"></span>'
            f"{k} of {s.n_claims} claims ({share:.0%})</td></tr>"
        )
    srcs = "".join(
        f'<li>{_e(src.name)} <span class="muted">({KIND_LABELS[src.kind][0]}'
        + (f", {_e(src.type.replace('_', ' '))}" if src.type else "")
        + (f", citing {_e(src.cites)}" if src.cites else "")
        + (f"; also {_e(', '.join(m for m in src.mentions if m != src.name))}" if len(src.mentions) > 1 else "")
        + f")</span>: {src.claims} claim{'s' if src.claims != 1 else ''}</li>"
        for src in s.sources
    )
    mean = "—" if s.mean_reliability is None else f"{s.mean_reliability:.2f}"
    low = "—" if s.min_reliability is None else f"{s.min_reliability:.2f}"
    return (
        '<section class="summary" aria-label="Summary">'
        f'<p class="headline">{_e(s.headline)}</p>'
        f"<p>{_e(s.counts)}; mean reliability of the claims {mean}, lowest {low}.</p>"
        f"<table>{''.join(rows)}</table>"
        + (f"<p><strong>Sources</strong></p><ul>{srcs}</ul>" if srcs else "<p>No attributed sources.</p>")
        + "</section>"
    )


def _legend_html() -> str:
    items = " ".join(_chip(label, colour) for label, colour in KIND_LABELS.values())
    classes = " ".join(_chip(f"{lab} sentence", colour) for lab, colour in _LABEL_COLOURS.items())
    return (
        f'<section class="legend" aria-label="Legend"><div><strong>Cues:</strong> {items}</div>'
        f"<div><strong>Sentences:</strong> {classes} <span>(badge: class and reliability 0–1)</span></div>"
        "<div>Hover over or click a sentence for its evidence.</div></section>"
    )


def _article_html(text: str, scores: Sequence[SentenceScore], explanations: Sequence[Explanation]) -> str:
    out = ['<div class="para">']
    prev = 0
    for i, (s, ex) in enumerate(zip(scores, explanations, strict=True)):
        gap = text[prev : s.start]
        if PARAGRAPH_GAP.search(gap):
            out.append('</div>\n<div class="para">')
        elif i:
            out.append(" ")
        out.append(_sentence_html(i, s, ex))
        prev = s.end
    out.append("</div>")
    return "".join(out)


def _sentence_html(i: int, s: SentenceScore, ex: Explanation) -> str:
    reason = s.not_a_claim
    colour = _LABEL_COLOURS.get(s.label, "#f2f2f2")
    badge = f"not a claim: {reason}" if reason else f"{s.label} {s.reliability:.2f}"
    cls = "sent nonclaim" if reason else "sent"
    style = "" if reason else f' style="background:{colour}"'
    return (
        f'<span class="{cls}" id="s{i}" tabindex="0" data-start="{s.start}" data-end="{s.end}" '
        f'data-label="{_e(s.label)}" data-reliability="{s.reliability:.4f}"{style}>'
        f"{_highlighted(i, s)}"
        f'<span class="badge">{_e(badge)}</span>'
        f'<span class="tip" role="tooltip">{_tip_html(s, ex)}</span>'
        "</span>"
    )


def _regions(cues: list[tuple[int, Cue]]) -> list[list[tuple[int, Cue]]]:
    """Cues grouped into regions: cues that overlap or nest, directly or through another, share one.
    Cues that only touch ("said" right after a source) stay apart."""
    regions: list[list[tuple[int, Cue]]] = []
    end = -1
    for n, c in sorted(cues, key=lambda nc: (nc[1].start, -nc[1].end)):
        if regions and c.start < end:
            regions[-1].append((n, c))
            end = max(end, c.end)
        else:
            regions.append([(n, c)])
            end = c.end
    return regions


_KIND_ORDER = {k: i for i, k in enumerate(KIND_LABELS)}


def _highlighted(i: int, s: SentenceScore) -> str:
    """The sentence text with its own cues marked: one ``<mark>`` and one label per region of
    overlapping cues (:func:`_regions`), naming each kind once ("anonymous · reason"). Inside a region
    each stretch is painted as the innermost cue over it: a hedge inside a quote stays a hedge's colour
    on the quote's underline."""
    cues = [(n, c) for n, c in enumerate(s.cues) if not c.inherited and s.start <= c.start < c.end <= s.end]
    pieces = []
    at = s.start
    for region in _regions(cues):
        a, b = region[0][1].start, max(c.end for _, c in region)
        pieces.append(_e(s.text[at - s.start : a - s.start]))
        kinds = sorted({c.kind for _, c in region}, key=lambda k: (_KIND_ORDER.get(k, len(_KIND_ORDER)), k))
        tag = " · ".join(_chip(*KIND_LABELS.get(k, (k, _OTHER))) for k in kinds)
        ids = " ".join(f"s{i}c{n}" for n, _ in region)
        spans = " ".join(f"{c.start}-{c.end}" for _, c in region)
        why = "; ".join(f"{KIND_LABELS.get(c.kind, (c.kind,))[0]}: {c.rule}" for _, c in region)
        pieces.append(
            f'<mark class="cue" data-kinds="{_e(" ".join(kinds))}" data-cues="{ids}" data-spans="{spans}" '
            f'data-start="{a}" data-end="{b}" title="{_e(why)}"><span class="txt">{_painted(s, region, a, b)}'
            f'</span><sup class="tag">{tag}</sup></mark>'
        )
        at = b
    pieces.append(_e(s.text[at - s.start :]))
    return "".join(pieces)


_OTHER = "#999999"  # a kind this report does not know (a custom rule's)


def _painted(s: SentenceScore, region: list[tuple[int, Cue]], a: int, b: int) -> str:
    """``text[a:b]`` in stretches, each filled by the innermost filled cue over it and underlined by the
    innermost underlined one."""
    bounds = sorted({a, b, *(c.start for _, c in region), *(c.end for _, c in region)})
    out = []
    for x, y in itertools.pairwise(bounds):
        over = sorted((c for _, c in region if c.start <= x and y <= c.end), key=lambda c: c.end - c.start)
        filled = next((c for c in over if c.kind not in _UNDERLINED), None)
        lined = next((c for c in over if c.kind in _UNDERLINED), None)
        style = []
        if filled is not None:
            style.append(f"background:{_fill(KIND_LABELS.get(filled.kind, ('', _OTHER))[1])}")
        if lined is not None:
            style.append(f"border-bottom:3px solid {KIND_LABELS.get(lined.kind, ('', _OTHER))[1]}")
        kind = (filled or lined or over[0]).kind
        piece = _e(s.text[x - s.start : y - s.start])
        out.append(f'<span class="p" data-kind="{_e(kind)}" style="{";".join(style)}">{piece}</span>')
    return "".join(out)


def _cue_text(c: Cue) -> str:
    label = KIND_LABELS.get(c.kind, (c.kind,))[0]
    extra = []
    if c.category:
        extra.append(c.category if c.voice == "writer" else f"{c.category}, the {c.voice}'s")
    if c.count:
        extra.append(f"{c.count} source{'s' if c.count > 1 else ''}")
    if c.inherited:
        extra.append("carried over from earlier")
    tail = f" ({', '.join(extra)})" if extra else ""
    return f'<strong>{_e(label)}</strong> “{_e(c.text)}” <span class="muted">{_e(c.rule)}{tail}</span>'


def _cue_line(c: Cue) -> str:
    return f"<li>{_cue_text(c)}</li>"


def _signed(x: float) -> str:
    return f"{'+' if x >= 0 else '−'}{abs(x):.2f}"


def _moved(c: Contribution) -> str:
    """One contribution in plain words, with the cue it came from and its rounded size."""
    cue = f" “{_e(' '.join(c.cues[0].text.split()))}”" if c.cues and c.cues[0].kind != "words" else ""
    return f"{_e(c.words)}{cue}: {_signed(c.contribution)}"


_MOVED_HEAD = "What moved the score (+ toward strong, − toward weak):"


def _tip_html(s: SentenceScore, ex: Explanation) -> str:
    # Only inline elements: the tip sits inside the sentence's <span>.
    probs = ", ".join(f"{k} {v:.2f}" for k, v in s.probabilities.items())
    cues = "".join(f'<span class="li">{_cue_text(c)}</span>' for c in s.cues) or '<span class="li">no cues</span>'
    top = "".join(f'<span class="li">{_moved(c)}</span>' for c in ex.top(4))
    moved = f'<span class="li">{_MOVED_HEAD}</span>{top}'
    certainty = f", sourcing {s.sourcing:.2f}, certainty {s.certainty:.2f}" if s.certainty == s.certainty else ""
    return f"<strong>{_e(s.label)}</strong>, reliability {s.reliability:.2f}{certainty} ({_e(probs)}){cues}" + (
        moved if top else ""
    )


def _details_html(scores: Sequence[SentenceScore], explanations: Sequence[Explanation]) -> str:
    items = []
    for i, (s, ex) in enumerate(zip(scores, explanations, strict=True)):
        reason = s.not_a_claim
        head = f"not a claim ({reason})" if reason else f"{s.label}, reliability {s.reliability:.2f}"
        cues = "".join(_cue_line(c) for c in s.cues) + "".join(
            f'<li><strong>source</strong> “{_e(x.text)}” <span class="muted">{_e(x.describe())}</span></li>'
            for x in s.sources
        )
        top = ex.top(6)
        moved = "".join(f"<li>{_moved(c)}</li>" for c in top)
        # The model's own names and unrounded numbers, for whoever wants to check the arithmetic.
        raw = "".join(
            f"<li><code>{_e(c.feature)}</code> = {c.value:g}: {c.contribution:+.4f}</li>" for c in ex.contributions
        )
        contrib = (
            f"<div>{_MOVED_HEAD}</div><ul>{moved}</ul>"
            f"<details><summary>Model features (log-odds of {_e(ex.contrast[0])} against {_e(ex.contrast[1])}: "
            f"{ex.log_odds:+.4f})</summary><ul>{raw}</ul></details>"
        )
        items.append(
            f'<li id="d{i}"><a href="#s{i}">Sentence {i + 1}</a>: {_e(head)}<br>“{_e(s.text)}”'
            + (f"<ul>{cues}</ul>" if cues else "")
            + (contrib if top and not reason else "")
            + "</li>"
        )
    return f'<ol class="details">{"".join(items)}</ol>'
