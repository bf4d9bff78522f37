"""The page of a sourcing profile (``credscore profile``): charts as inline SVG drawn with matplotlib, a
sortable table and the sources each group's claims rest on most, in one self-contained HTML file that reads
the same without JavaScript.

:func:`render_profile_html` draws a table made by :func:`credscore.profile`; :func:`profile_charts` gives its
charts alone. matplotlib is an optional extra (``pip install "credscore[plot]"``), imported only here and
only when a page is drawn: :func:`require_matplotlib` raises :class:`~credscore.errors.PlotDependencyError`
without it.
"""

from __future__ import annotations

import html
import io
import json
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import PlotDependencyError
from .profiles import CLAIM_TYPES, SHARES, UNKNOWN_PERIOD
from .summary import UNCERTAIN_BELOW
from .version import __version__

__all__ = [
    "CHART_TITLES",
    "MAX_PANELS",
    "TYPE_COLOURS",
    "PlotDependencyError",
    "profile_charts",
    "render_profile_html",
    "require_matplotlib",
]

#: Colours of the claim source types, from least to most doubt (Okabe–Ito, colour-blind safe); each bar
#: also carries its type's name on the axis, so nothing depends on seeing colour.
TYPE_COLOURS = {
    "named_person": "#009e73",
    "named_organization": "#56b4e9",
    "document": "#0072b2",
    "unnamed_person": "#e69f00",
    "unnamed_group": "#d55e00",
    "vague": "#cc79a7",
    "unattributed": "#999999",
}
#: Most groups drawn in a small-multiples chart (the largest by claims); the table lists every group.
MAX_PANELS = 24


def require_matplotlib() -> tuple[Any, Any]:
    """The module :mod:`matplotlib` and its ``Figure`` class, imported when a page is drawn (an optional extra,
    and a heavy import); :class:`PlotDependencyError` with the command that installs it when it is missing.
    A caller about to read a large file calls it first, so that a missing extra fails at once."""
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:
        raise PlotDependencyError('the profile page\'s plots need matplotlib: pip install "credscore[plot]"') from None
    return matplotlib, Figure


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buf.getvalue()
    return text[text.index("<svg") :]  # drop the XML prolog and doctype: the SVG sits inside HTML


def _group_name(row: pd.Series, by: Sequence[str]) -> str:
    return " / ".join(str(row[c]) for c in by) if by else "all"


def render_profile_html(
    table: pd.DataFrame,
    by: Sequence[str] | str = (),
    period: str | None = None,
    *,
    overall: pd.DataFrame | None = None,
    title: str = "Sourcing profile",
    source: str = "",
    notes: Sequence[str] = (),
) -> str:
    """The page for a :func:`credscore.profile` table: charts (inline SVG, drawn with matplotlib), a sortable table and
    the top anonymous phrases per group; one self-contained file, readable without JavaScript.

    With a ``period``, pass ``overall``, the profile of the same groups without a period
    (``profile(scored, by)``), for the per-group charts and phrase lists. Raises
    :class:`PlotDependencyError` when matplotlib is not installed.
    """
    by = [by] if isinstance(by, str) else list(by)
    groups = _groups(table, by, period, overall)
    shown = groups.head(MAX_PANELS)
    more = len(groups) - len(shown)
    charts = profile_charts(table, by, period, overall=overall)
    e = html.escape
    cut = f" The {len(shown)} largest of {len(groups)} groups are drawn; the table lists all." if more else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>credscore: {e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="lead">{_lead(table, groups, by, period, source)}{e(cut)}</p>',
    ]
    parts += [f'<p class="note">{e(n)}</p>' for n in notes]
    parts.append(_DEFINITIONS)
    for ident, svg in charts.items():
        heading = CHART_TITLES[ident]
        parts.append(f'<figure id="{ident}" class="chart"><figcaption>{e(heading)}</figcaption>{svg}</figure>')
    if not period:
        parts.append(
            '<p class="muted">Profile by period (month, week or year, from a date column) to see each group '
            "over time.</p>"
        )
    parts.append(_table_html(table, by, period))
    parts.append(_phrases_html(groups))
    parts.append(f"<footer>credscore {e(__version__)} · profile of {e(source or 'scored output')}</footer>")
    parts.append(f"<script>{_SORT_SCRIPT}</script></body></html>")
    return "\n".join(parts)


#: The page's charts, by their element id, with their captions.
CHART_TITLES = {
    "types": "Source types of the claims",
    "anonymous-over-time": "Claims on anonymous sources, period by period",
    "certainty": "Certainty of the claims",
}


def _groups(table: pd.DataFrame, by: list[str], period: str | None, overall: pd.DataFrame | None) -> pd.DataFrame:
    """One row per group (``overall`` for a period profile), largest first, with its display name."""
    if period and overall is None:
        raise TypeError("a profile with a period needs overall=, the profile of the same groups without a period")
    groups = (overall if period else table).copy()
    groups["_name"] = [_group_name(r, by) for _, r in groups.iterrows()]
    return groups.sort_values(["n_claims", "_name"], ascending=[False, True], kind="stable")


def profile_charts(
    table: pd.DataFrame, by: Sequence[str] | str = (), period: str | None = None, *, overall: pd.DataFrame | None = None
) -> dict[str, str]:
    """The page's charts as SVG documents, by id (:data:`CHART_TITLES`): the source-type mix per group (small
    multiples), with a ``period`` the anonymous share per period with its interval band, and certainty per
    group. At most :data:`MAX_PANELS` groups, the largest. Raises :class:`PlotDependencyError` without
    matplotlib."""
    matplotlib, Figure = require_matplotlib()
    by = [by] if isinstance(by, str) else list(by)
    shown = _groups(table, by, period, overall).head(MAX_PANELS)
    rc = {"svg.fonttype": "none", "svg.hashsalt": "credscore-profile", "font.size": 9, "font.family": "sans-serif"}
    with matplotlib.rc_context(rc):
        charts = {"types": _types_chart(Figure, shown)}
        if period:
            charts["anonymous-over-time"] = _time_chart(Figure, table, by, list(shown["_name"]))
        charts["certainty"] = _certainty_chart(Figure, shown)
    return charts


def _lead(table: pd.DataFrame, groups: pd.DataFrame, by: Sequence[str], period: str | None, source: str) -> str:
    n_claims = int(table["n_claims"].sum())
    n_articles = int(table["n_articles"].sum())
    what = f"{len(groups):,} group{'s' if len(groups) != 1 else ''}" + (f" by {', '.join(by)}" if by else "")
    per = f", by {period}" if period else ""
    return html.escape(f"{n_articles:,} articles, {n_claims:,} claims; {what}{per}.")


def _panel_grid(n: int, cols: int = 4) -> tuple[int, int]:
    cols = min(cols, max(n, 1))
    return math.ceil(max(n, 1) / cols), cols


def _types_chart(Figure: Any, groups: pd.DataFrame) -> str:
    """Small multiples: one panel per group, a bar per source type with its 95% interval."""
    rows, cols = _panel_grid(len(groups))
    fig = Figure(figsize=(2.6 * cols, 2.1 * rows + 0.3))
    axes = fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False)
    ys = np.arange(len(CLAIM_TYPES))[::-1]
    for ax, (_, g) in zip(axes.flat, groups.iterrows(), strict=False):
        share = np.array([g[f"share_type_{t}"] for t in CLAIM_TYPES], dtype=float)
        lo = np.array([g[f"share_type_{t}_lo"] for t in CLAIM_TYPES], dtype=float)
        hi = np.array([g[f"share_type_{t}_hi"] for t in CLAIM_TYPES], dtype=float)
        small = bool(g["too_small"])
        ax.barh(ys, np.nan_to_num(share), color=[TYPE_COLOURS[t] for t in CLAIM_TYPES], alpha=0.45 if small else 1)
        ax.errorbar(
            np.nan_to_num(share),
            ys,
            xerr=_error_bars(share, lo, hi),
            fmt="none",
            ecolor="#333",
            elinewidth=0.8,
            capsize=1.5,
        )
        ax.set_title(f"{g['_name']}\n{int(g['n_claims']):,} claims" + (" (too few)" if small else ""), fontsize=8)
        ax.set_xlim(0, 1)
    for ax in axes.flat[len(groups) :]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_yticks(ys, [t.replace("_", " ") for t in CLAIM_TYPES])
    for ax in axes[-1, :]:
        ax.set_xlabel("share of claims")
    fig.tight_layout()
    return _svg(fig)


def _error_bars(share: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> list[np.ndarray]:
    # Distances from the share to its interval's ends; none (0) where there is no share; never below 0 (an end
    # may sit a rounding error inside the share at 0 or 1).
    return [np.clip(np.nan_to_num(share - lo), 0, None), np.clip(np.nan_to_num(hi - share), 0, None)]


def _time_chart(Figure: Any, table: pd.DataFrame, by: Sequence[str], names: list[str]) -> str:
    """Small multiples: per group, the anonymous share per period with its 95% interval as a band."""
    t = table.copy()
    t["_name"] = [_group_name(r, by) for _, r in t.iterrows()]
    periods = sorted(p for p in t["period"].unique() if p != UNKNOWN_PERIOD)
    at = {p: i for i, p in enumerate(periods)}
    rows, cols = _panel_grid(len(names), 3)
    fig = Figure(figsize=(3.4 * cols, 2.2 * rows + 0.3))
    axes = fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False)
    for ax, name in zip(axes.flat, names, strict=False):
        g = t[(t["_name"] == name) & (t["period"] != UNKNOWN_PERIOD)].sort_values("period")
        x = np.array([at[p] for p in g["period"]], dtype=float)
        ax.fill_between(
            x,
            g["share_anonymous_lo"].astype(float),
            g["share_anonymous_hi"].astype(float),
            color="#d55e00",
            alpha=0.2,
            linewidth=0,
            label="95% interval",
        )
        ax.plot(
            x,
            g["share_anonymous"].astype(float),
            color="#d55e00",
            marker="o",
            markersize=2.5,
            linewidth=1.2,
            label="share of claims",
        )
        small = g["too_small"].astype(bool).to_numpy()
        if small.any():  # periods with too few claims: hollow points
            ax.plot(
                x[small],
                g["share_anonymous"].astype(float).to_numpy()[small],
                linestyle="none",
                marker="o",
                markersize=4,
                markerfacecolor="white",
                markeredgecolor="#d55e00",
                label="too few claims",
            )
        ax.set_title(name, fontsize=8)
        ax.set_ylim(0, max(0.05, float(np.nanmax(t["share_anonymous_hi"].astype(float), initial=0.05))))
    for ax in axes.flat[len(names) :]:
        ax.set_visible(False)
    step = max(1, len(periods) // 6)
    for col in range(cols):  # the periods under the lowest drawn panel of each column
        low = max((r for r in range(rows) if r * cols + col < len(names)), default=rows - 1)
        axes[low, col].set_xticks(range(0, len(periods), step), periods[::step], rotation=45, ha="right")
        axes[low, col].tick_params(labelbottom=True)
    for ax in axes[:, 0]:
        ax.set_ylabel("anonymous share")
    if names:
        axes.flat[0].legend(loc="upper left", fontsize=7, frameon=False)
    fig.tight_layout()
    return _svg(fig)


def _certainty_chart(Figure: Any, groups: pd.DataFrame) -> str:
    """Per group: mean certainty, and the share of claims below 0.5 with its 95% interval."""
    n = len(groups)
    fig = Figure(figsize=(8, 0.32 * n + 1.2))
    left, right = fig.subplots(1, 2, sharey=True)
    ys = np.arange(n)[::-1]
    names = list(groups["_name"])
    mean = groups["mean_certainty"].astype(float).to_numpy()
    left.scatter(mean, ys, color="#0072b2", s=14)
    left.set_xlim(0, 1)
    left.set_xlabel("mean certainty")
    left.set_yticks(ys, names)
    share = groups["share_uncertain"].astype(float).to_numpy()
    lo, hi = (
        groups["share_uncertain_lo"].astype(float).to_numpy(),
        groups["share_uncertain_hi"].astype(float).to_numpy(),
    )
    right.errorbar(
        np.nan_to_num(share),
        ys,
        xerr=_error_bars(share, lo, hi),
        fmt="o",
        color="#d55e00",
        markersize=3.5,
        elinewidth=1,
        capsize=2,
    )
    right.set_xlim(0, 1)
    right.set_xlabel(f"share of claims with certainty < {UNCERTAIN_BELOW} (95% interval)")
    fig.tight_layout()
    return _svg(fig)


_DEFINITIONS = (
    '<details class="defs" open><summary>What the numbers mean</summary><ul>'
    "<li><b>Claim</b>: a sentence that is not a heading, byline, dateline, question or boilerplate "
    "(as <code>credscore.summarize</code> counts them).</li>"
    "<li><b>Source type of a claim</b>: the type of the least reliable source it rests on "
    "(vague &lt; anonymous &lt; relayed &lt; named); its own sources first, else those carried over; "
    "<i>unattributed</i>: no source found.</li>"
    "<li><b>Anonymous</b>: rests on an anonymous source that is neither vague nor a news outlet; "
    "<b>with reason</b>: the text says why it is not named.</li>"
    "<li><b>Relayed</b>: reached the writer through at least one relay (hops &ge; 2).</li>"
    "<li>Every share has its count beside it and a 95% Wilson interval in brackets. Groups with too few claims "
    "are marked and drawn pale.</li></ul></details>"
)

# The table's columns on the page: (header, column, how to show it). The CSV/Parquet file holds them all.
_TABLE: tuple[tuple[str, str, str], ...] = (
    ("articles", "n_articles", "int"),
    ("claims", "n_claims", "int"),
    ("anonymous", "anonymous", "share"),
    ("with reason", "anonymous_with_reason", "share"),
    ("named person", "type_named_person", "share"),
    ("named org.", "type_named_organization", "share"),
    ("document", "type_document", "share"),
    ("unnamed person", "type_unnamed_person", "share"),
    ("unnamed group", "type_unnamed_group", "share"),
    ("vague", "type_vague", "share"),
    ("unattributed", "type_unattributed", "share"),
    ("relayed", "relayed", "share"),
    ("mean hops (relayed)", "mean_hops_relayed", "float"),
    ("mean certainty", "mean_certainty", "float"),
    ("certainty < 0.5", "uncertain", "share"),
    ("strong", "label_strong", "share"),
    ("weak", "label_weak", "share"),
    ("unattributed label", "label_unattributed", "share"),
)


def _cell(row: pd.Series, col: str, how: str) -> tuple[str, str]:
    """(sort value, text) of one cell."""
    if how == "int":
        v = int(row[col])
        return str(v), f"{v:,}"
    if how == "float":
        v = row[col]
        return ("" if pd.isna(v) else repr(float(v))), ("–" if pd.isna(v) else f"{float(v):.2f}")
    share, n = row[f"share_{col}"], row[SHARES[col][0]]
    if pd.isna(share):
        return "", "–"
    lo, hi = row[f"share_{col}_lo"], row[f"share_{col}_hi"]
    return repr(float(share)), f"{100 * share:.1f}% <small>({int(n):,}; {100 * lo:.1f}–{100 * hi:.1f})</small>"


def _table_html(table: pd.DataFrame, by: Sequence[str], period: str | None) -> str:
    e = html.escape
    keys = [*by, *(["period"] if period else [])]
    head = "".join(
        f'<th scope="col" data-type="text"><button type="button">{e(k)}</button></th>' for k in keys
    ) + "".join(f'<th scope="col" data-type="num"><button type="button">{e(h)}</button></th>' for h, _, _ in _TABLE)
    body = []
    for _, row in table.iterrows():
        cls = ' class="small"' if bool(row["too_small"]) else ""
        cells = "".join(f'<th scope="row" data-v="{e(str(row[k]))}">{e(str(row[k]))}</th>' for k in keys)
        for _, col, how in _TABLE:
            v, text = _cell(row, col, how)
            cells += f'<td data-v="{e(v)}">{text}</td>'
        body.append(f"<tr{cls}>{cells}</tr>")
    return (
        '<h2 id="table-heading">Every group</h2><p class="muted">Each share: percent of claims (count; 95% interval).'
        " Pale rows have too few claims to compare. Click a column heading to sort (the page reads the same "
        "without JavaScript).</p>"
        f'<div class="scroll"><table id="profile" aria-labelledby="table-heading"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _phrases_html(groups: pd.DataFrame) -> str:
    e = html.escape
    out = ['<h2 id="phrases">Anonymous sources and named sources, per group</h2><div class="phrases">']
    for _, g in groups.iterrows():
        anon, named = json.loads(g["top_anonymous"]), json.loads(g["top_named"])
        items = "".join(f"<li>{e(p)} <small>({c:,})</small></li>" for p, c in anon) or "<li><i>none</i></li>"
        names = "".join(f"<li>{e(p)} <small>({c:,})</small></li>" for p, c in named) or "<li><i>none</i></li>"
        out.append(
            f'<section class="group"><h3>{e(g["_name"])}</h3><h4>anonymous (claims)</h4><ol class="anon">{items}</ol>'
            f'<h4>named (claims)</h4><ol class="named">{names}</ol></section>'
        )
    out.append("</div>")
    return "".join(out)


_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:78rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.5rem;margin-bottom:.3rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem;margin:.2rem 0}
h4{font-size:.8rem;margin:.4rem 0 .1rem;color:#555}
.lead{font-size:1.05rem}.note{background:#fff4e5;border-left:4px solid #e69f00;padding:.4rem .7rem}
.muted,footer{color:#666;font-size:.85rem}.defs{font-size:.9rem;margin:1rem 0}
figure.chart{margin:1.5rem 0}figure.chart figcaption{font-weight:700;margin-bottom:.3rem}
figure.chart svg{max-width:100%;height:auto}
.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.8rem}
th,td{padding:.2rem .45rem;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}
tbody th{text-align:left;font-weight:600}thead th{vertical-align:bottom}
th button{font:inherit;font-weight:700;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
tr.small{color:#888}small{color:#666}
.phrases{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem}
.group{border:1px solid #ddd;border-radius:6px;padding:.5rem .8rem;font-size:.85rem}
.group ol{margin:0;padding-left:1.3rem}
"""

# Sort the table by a clicked column: numbers by value (empty cells last), text alphabetically; a second click
# reverses. Without JavaScript the table stays in the file's order (by group, then period).
_SORT_SCRIPT = """
document.querySelectorAll('#profile thead th').forEach(function (th, col) {
  th.querySelector('button').addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0];
    var dir = th.getAttribute('aria-sort') === 'descending' ? 'ascending' : 'descending';
    if (th.dataset.type === 'text' && !th.hasAttribute('aria-sort')) dir = 'ascending';
    table.querySelectorAll('thead th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir);
    var sign = dir === 'ascending' ? 1 : -1, num = th.dataset.type === 'num';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
      if (num) {
        if (x === '' || y === '') return (x === '') - (y === '');
        return sign * (parseFloat(x) - parseFloat(y));
      }
      return sign * x.localeCompare(y);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""
