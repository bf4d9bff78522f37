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
from .explanations import Explanation, explain_scores
from .model import Model, default_model
from .scoring import DEFAULT_MAX_CHARS, SentenceScore, limit_text, score
from .sentences import PARAGRAPH_GAP
from .summary import ArticleSummary, summarize
from .version import __version__

__all__ = ["KIND_LABELS", "render_html"]

#: Short text label and colour of each cue kind (colours from a colour-blind-safe palette).
KIND_LABELS: dict[str, tuple[str, str]] = {
    "anonymous_source": ("anonymous", "#d55e00"),
    "vague_source": ("vague", "#e69f00"),
    "secondhand": ("second-hand", "#cc79a7"),
    "hedge": ("hedge", "#f0e442"),
    "named_source": ("named", "#009e73"),
    "direct_quote": ("quote", "#56b4e9"),
    "attribution": ("attribution", "#999999"),
    "anonymity_reason": ("reason", "#d55e00"),
    "quoted_hedge": ("speaker's hedge", "#f0e442"),
}
_LABEL_COLOURS = {"weak": "#fbe3d6", "unattributed": "#f2f2f2", "strong": "#d7f0e6"}

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
.swatch{
  display:inline-block;width:.9rem;height:.9rem;border-radius:2px;vertical-align:middle;
  margin-right:.25rem;border:1px solid #888}
.sent{position:relative;border-radius:3px;padding:1px 0;outline:none}
.sent:focus,.sent:hover{box-shadow:0 0 0 2px #333}
.badge{
  font:600 11px system-ui,sans-serif;border:1px solid #666;border-radius:3px;padding:0 3px;
  margin:0 2px;white-space:nowrap;background:#fff}
mark{background:none;color:inherit;border-bottom:3px solid var(--c);padding:0 1px}
mark.hl{background:color-mix(in srgb,var(--c) 35%,transparent)}
mark sup{font:600 9px system-ui,sans-serif;color:#333;margin-left:1px}
.tip{
  display:none;position:absolute;left:0;top:100%;z-index:5;width:26rem;max-width:90vw;
  background:#fff;border:1px solid #333;border-radius:4px;padding:.5rem .7rem;
  font:13px/1.4 system-ui,sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.2)}
.sent:hover>.tip,.sent:focus>.tip,.sent:focus-within>.tip{display:block}
.tip .li{display:block;padding-left:.6rem}
.para{margin:0 0 1rem}
.details{font:13px/1.45 system-ui,sans-serif}
.details li{margin-bottom:.5rem}
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
    max_chars: int | None = DEFAULT_MAX_CHARS,
    truncate: bool = False,
) -> str:
    """The report for one article as a complete HTML document (a string).

    ``max_chars`` and ``truncate`` are :func:`credscore.score`'s limit (a longer text raises
    :class:`~credscore.scoring.DocumentTooLongError`, or with ``truncate`` the report covers its start and
    says so).

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
    title = title or next((s.text for s in scores if s.kind == "heading"), None) or "Article"
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
        f"<p>{s.n_claims} claims in {s.n_segments} segments; mean reliability {mean}, lowest {low}.</p>"
        f"<table>{''.join(rows)}</table>"
        + (f"<p><strong>Sources</strong></p><ul>{srcs}</ul>" if srcs else "<p>No attributed sources.</p>")
        + "</section>"
    )


def _legend_html() -> str:
    items = "".join(
        f'<span><span class="swatch" style="background:{colour}"></span>{_e(label)}</span>'
        for label, colour in KIND_LABELS.values()
    )
    classes = "".join(
        f'<span><span class="swatch" style="background:{colour}"></span>{lab} sentence</span>'
        for lab, colour in _LABEL_COLOURS.items()
    )
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


def _highlighted(i: int, s: SentenceScore) -> str:
    """The sentence text with its own cues marked; overlapping cues are split into pieces."""
    cues = [(n, c) for n, c in enumerate(s.cues) if not c.inherited and s.start <= c.start < c.end <= s.end]
    bounds = sorted({s.start, s.end, *(c.start for _, c in cues), *(c.end for _, c in cues)})
    pieces = []
    for a, b in itertools.pairwise(bounds):
        seg = s.text[a - s.start : b - s.start]
        covering = [(n, c) for n, c in cues if c.start <= a and b <= c.end]
        if not covering:
            pieces.append(_e(seg))
            continue
        # The innermost (shortest) cue gives the colour; all covering cues are listed.
        _n, inner = min(covering, key=lambda nc: nc[1].end - nc[1].start)
        label, colour = KIND_LABELS.get(inner.kind, (inner.kind, "#999"))
        fill = " hl" if inner.kind not in ("direct_quote", "attribution") else ""
        ends = [c for _, c in covering if c.end == b]
        tags = "".join(f"<sup>{_e(KIND_LABELS.get(c.kind, (c.kind,))[0])}</sup>" for c in ends)
        ids = " ".join(f"s{i}c{n2}" for n2, _ in covering)
        pieces.append(
            f'<mark class="cue{fill}" style="--c:{colour}" data-kind="{inner.kind}" data-rule="{inner.rule}" '
            f'data-cues="{ids}" data-start="{a}" data-end="{b}" title="{_e(label)}: {_e(inner.rule)}">'
            f"{_e(seg)}{tags}</mark>"
        )
    return "".join(pieces)


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


def _tip_html(s: SentenceScore, ex: Explanation) -> str:
    # Only inline elements: the tip sits inside the sentence's <span>.
    probs = ", ".join(f"{k} {v:.2f}" for k, v in s.probabilities.items())
    cues = "".join(f'<span class="li">{_cue_text(c)}</span>' for c in s.cues) or '<span class="li">no cues</span>'
    top = "".join(
        f'<span class="li">{_e(c.feature)}: {"+" if c.contribution >= 0 else "−"}{abs(c.contribution):.2f}</span>'
        for c in ex.top(4)
    )
    moved = f'<span class="li">What moved the score (log-odds {ex.contrast[0]} vs {ex.contrast[1]}):</span>{top}'
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
        contrib = "".join(
            f"<li>{_e(c.feature)} = {c.value:g}: {'+' if c.contribution >= 0 else '−'}{abs(c.contribution):.2f}"
            + (f" ← “{_e(c.cues[0].text)}”" if c.cues else "")
            + "</li>"
            for c in ex.top(6)
        )
        items.append(
            f'<li id="d{i}"><a href="#s{i}">Sentence {i + 1}</a>: {_e(head)}<br>“{_e(s.text)}”'
            + (f"<ul>{cues}</ul>" if cues else "")
            + (f"<div>Contributions:</div><ul>{contrib}</ul>" if contrib and not reason else "")
            + "</li>"
        )
    return f'<ol class="details">{"".join(items)}</ol>'
