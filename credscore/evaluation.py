"""How good is a model on labelled data: metrics, calibration, and readable reports.

:func:`classification_report` computes everything a reviewer asks for from
true labels and predicted class probabilities: precision, recall and F1 per
class, accuracy, macro F1, ROC AUC, Brier score, log loss, the confusion
matrix and a calibration table. :func:`write_report` saves it as JSON, as
Markdown (which doubles as the model card) and as a self-contained SVG
calibration plot (no plotting library needed).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["calibration_svg", "classification_report", "report_markdown", "write_report"]

#: Bins of the calibration table and plot (equal width over [0, 1]).
CALIBRATION_BINS = 10


def classification_report(
    y: Sequence[str], proba: np.ndarray, labels: Sequence[str], *, reliability: np.ndarray | None = None
) -> dict[str, Any]:
    """Metrics for predicted probabilities ``proba`` (columns in ``labels`` order).

    For two classes the second label is the positive (well-sourced) one: ROC
    AUC and the calibration table are about it. For more classes ROC AUC is
    the macro average of one-vs-rest, and calibration is about the top label.
    """
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support, roc_auc_score

    y = np.asarray([str(v) for v in y])
    labels = [str(v) for v in labels]
    proba = np.asarray(proba, dtype=np.float64)
    pred = np.asarray(labels)[proba.argmax(axis=1)]
    present = [lab for lab in labels if (y == lab).any()]
    p, r, f, n = precision_recall_fscore_support(y, pred, labels=labels, zero_division=0)
    onehot = (y[:, None] == np.asarray(labels)[None, :]).astype(float)
    p_true = np.clip((proba * onehot).sum(axis=1), 1e-15, 1.0)
    out: dict[str, Any] = {
        "n": len(y),
        "label_counts": {lab: int(c) for lab, c in sorted(Counter(y.tolist()).items())},
        "accuracy": _r(float((pred == y).mean())),
        "majority_class_accuracy": _r(Counter(y.tolist()).most_common(1)[0][1] / len(y)),
        "macro_f1": _r(float(np.mean([f[labels.index(lab)] for lab in present]))),
        "per_class": {
            lab: {"precision": _r(p[i]), "recall": _r(r[i]), "f1": _r(f[i]), "support": int(n[i])}
            for i, lab in enumerate(labels)
        },
        "log_loss": _r(float(-np.log(p_true).mean()) + 0.0),  # + 0.0: never "-0.000"
        "brier": _r(float(((proba - onehot) ** 2).sum(axis=1).mean())),
        "confusion_matrix": {
            "labels": labels,
            "rows_true_columns_predicted": confusion_matrix(y, pred, labels=labels).tolist(),
        },
    }
    if len(present) >= 2:
        if len(labels) == 2:
            out["roc_auc"] = _r(float(roc_auc_score(y == labels[1], proba[:, 1])))
        else:
            aucs = [float(roc_auc_score(y == lab, proba[:, labels.index(lab)])) for lab in present]
            out["roc_auc"] = _r(float(np.mean(aucs)))
            out["roc_auc_per_class"] = {lab: _r(a) for lab, a in zip(present, aucs, strict=True)}
    if len(labels) == 2:
        conf, hit, what = proba[:, 1], (y == labels[1]).astype(float), f"P({labels[1]})"
    else:
        conf, hit, what = proba.max(axis=1), (pred == y).astype(float), "top-label confidence"
    out["calibration"] = _calibration(conf, hit, what)
    if reliability is not None:
        out["reliability"] = reliability_ranking(y, labels, np.asarray(reliability, dtype=float))
    return out


def _r(x: float) -> float:
    return round(float(x), 4)


def _calibration(conf: np.ndarray, hit: np.ndarray, what: str) -> dict[str, Any]:
    bins = np.minimum((conf * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    rows = []
    ece = 0.0
    for b in range(CALIBRATION_BINS):
        mask = bins == b
        if not mask.any():
            continue
        mean_conf, frac = float(conf[mask].mean()), float(hit[mask].mean())
        ece += abs(frac - mean_conf) * mask.mean()
        rows.append({"bin": [b / CALIBRATION_BINS, (b + 1) / CALIBRATION_BINS], "n": int(mask.sum()),
                     "mean_predicted": _r(mean_conf), "observed": _r(frac)})  # fmt: skip
    return {"of": what, "ece": _r(ece), "bins": rows}


def reliability_ranking(y: np.ndarray, labels: list[str], rel: np.ndarray) -> dict[str, Any]:
    """How well a reliability score orders the labels (the classes are ordered, least reliable first)."""
    from scipy.stats import spearmanr
    from sklearn.metrics import roc_auc_score

    rank = np.asarray([labels.index(v) for v in y], dtype=float)
    out: dict[str, Any] = {"mean_by_label": {lab: _r(rel[y == lab].mean()) for lab in labels if (y == lab).any()}}
    if len(set(rank.tolist())) > 1:
        out["spearman"] = _r(float(spearmanr(rel, rank).statistic))
        top, bottom = labels[-1], labels[0]
        if 0 < (y == top).sum() < len(y):
            out[f"roc_auc_{top}_vs_rest"] = _r(float(roc_auc_score(y == top, rel)))
        if 0 < (y == bottom).sum() < len(y):
            out[f"roc_auc_{bottom}_vs_rest"] = _r(float(roc_auc_score(y == bottom, -rel)))
    return out


def calibration_svg(calibration: Mapping[str, Any], title: str = "Calibration") -> str:
    """A small self-contained SVG reliability diagram (predicted vs observed per bin)."""
    w, h, m = 360, 360, 48
    size = w - 2 * m

    def xy(px: float, py: float) -> tuple[float, float]:
        return m + px * size, h - m - py * size

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        'font-family="sans-serif" font-size="11">',
        f"<title>{_esc(title)}</title>",
        f'<rect x="{m}" y="{m}" width="{size}" height="{size}" fill="#fff" stroke="#999"/>',
    ]
    for t in (0.25, 0.5, 0.75):
        x0, _ = xy(t, 0)
        _, y1 = xy(0, t)
        parts.append(f'<line x1="{x0}" y1="{m}" x2="{x0}" y2="{h - m}" stroke="#eee"/>')
        parts.append(f'<line x1="{m}" y1="{y1}" x2="{w - m}" y2="{y1}" stroke="#eee"/>')
    a, b = xy(0, 0), xy(1, 1)
    parts.append(f'<line x1="{a[0]}" y1="{a[1]}" x2="{b[0]}" y2="{b[1]}" stroke="#888" stroke-dasharray="4 3"/>')
    pts = [(row["mean_predicted"], row["observed"], row["n"]) for row in calibration.get("bins", [])]
    total = sum(n for _, _, n in pts) or 1
    if pts:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(px, py) for px, py, _ in pts))
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1f5fa8" stroke-width="2"/>')
        for px, py, n in pts:
            x, y = xy(px, py)
            r = 2.5 + 6 * math.sqrt(n / total)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#1f5fa8"><title>'
                         f"predicted {px:.2f}, observed {py:.2f}, n={n}</title></circle>")  # fmt: skip
    parts += [
        f'<text x="{w / 2}" y="{h - 12}" text-anchor="middle">mean predicted {_esc(calibration.get("of", ""))}</text>',
        f'<text x="14" y="{h / 2}" text-anchor="middle" transform="rotate(-90 14 {h / 2})">observed frequency</text>',
        f'<text x="{w / 2}" y="24" text-anchor="middle" font-size="13">{_esc(title)} '
        f"(ECE {calibration.get('ece', float('nan')):.3f})</text>",
        f'<text x="{m}" y="{h - m + 14}" text-anchor="middle">0</text>',
        f'<text x="{w / 2}" y="{h - m + 14}" text-anchor="middle">0.5</text>',
        f'<text x="{w - m}" y="{h - m + 14}" text-anchor="middle">1</text>',
        f'<text x="{m - 4}" y="{h - m + 4}" text-anchor="end">0</text>',
        f'<text x="{m - 4}" y="{h / 2 + 4}" text-anchor="end">0.5</text>',
        f'<text x="{m - 4}" y="{m + 4}" text-anchor="end">1</text>',
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _metrics_table(rep: Mapping[str, Any]) -> list[str]:
    lines = ["| class | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for lab, m in rep["per_class"].items():
        lines.append(f"| {lab} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
    return lines


def _num(x: Any) -> str:
    """A metric cell: three decimals, or a dash when the metric does not apply."""
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.3f}"


def _summary_row(name: str, rep: Mapping[str, Any]) -> str:
    cells = [rep.get("accuracy"), rep.get("macro_f1"), rep.get("roc_auc"), rep.get("brier")]
    cells.append(rep.get("reliability", {}).get("spearman"))
    return f"| {name} | " + " | ".join(_num(c) for c in cells) + " |"


def _ranking_lines(ranking: Mapping[str, Any]) -> list[str]:
    """How a reliability score orders labelled classes (when the model's classes are not the labels)."""
    lines = ["| label | mean reliability |", "|---|---:|"]
    lines += [f"| {lab} | {_num(v)} |" for lab, v in ranking.get("mean_by_label", {}).items()]
    lines.append("")
    lines.append(f"- Spearman correlation of reliability with the label order: {_num(ranking.get('spearman'))}")
    for key, value in ranking.items():
        if key.startswith("roc_auc_"):
            what = key[len("roc_auc_") :].replace("_vs_rest", " vs rest")
            lines.append(f"- ROC AUC of reliability, {what}: {_num(value)}")
    return [*lines, ""]


def report_markdown(report: Mapping[str, Any]) -> str:
    """The report as Markdown: a model card when it describes a training run."""
    lines = [f"# {report.get('title', 'credscore evaluation')}", ""]
    data = report.get("data", {})
    if data:
        lines += ["## Data", ""]
        for key in ("source", "rows", "rows_used", "groups", "sha256"):
            if key in data:
                lines.append(f"- **{key}**: {data[key]}")
        if "label_counts" in data:
            counts = ", ".join(f"{k}: {v}" for k, v in data["label_counts"].items())
            lines.append(f"- **labels** (least to most reliable): {counts}")
        if "reading" in report:
            lines.append(f"- **read**: {report['reading']}")
        for note in data.get("notes", []):
            lines.append(f"- {note}")
        lines.append("")
    if "model" in report:
        lines += ["## Model", ""]
        for key, value in report["model"].items():
            lines.append(f"- **{key}**: {value}")
        lines.append("")
    main = report.get("metrics")
    if main:
        lines += [f"## Results: {report.get('evaluation', 'held-out data')}", ""]
        lines += [
            "| model | accuracy | macro F1 | ROC AUC | Brier | reliability Spearman |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        lines.append(_summary_row(report.get("model_name", "this model"), main))
        for name, rep in report.get("baselines", {}).items():
            lines.append(_summary_row(name, rep))
        lines += ["", *_metrics_table(main), ""]
        cm = main["confusion_matrix"]
        labs = cm["labels"]
        lines += ["Confusion matrix (rows: true, columns: predicted):", "",
                  "| | " + " | ".join(labs) + " |", "|---|" + "---:|" * len(labs)]  # fmt: skip
        for lab, row in zip(labs, cm["rows_true_columns_predicted"], strict=True):
            lines.append(f"| {lab} | " + " | ".join(str(v) for v in row) + " |")
        cal = main["calibration"]
        plot = f" (plot: `{report['calibration_plot']}`)" if report.get("calibration_plot") else ""
        lines += ["", f"Calibration of {cal['of']}: expected calibration error {cal['ece']:.3f}{plot}.", ""]
        lines += [
            f"Log loss {main['log_loss']:.3f}; majority-class accuracy {main['majority_class_accuracy']:.3f}.",
            "",
        ]
        alone = report.get("sourcing_only")
        if alone:
            shown = "; ".join(f"{k.replace('_', ' ')} {v:.3f}" for k, v in alone.items() if isinstance(v, float))
            lines += [f"The sourcing model alone, before certainty is joined: {shown}.", ""]
    ranking = report.get("ranking")
    if ranking and not main:
        lines += [f"## Results: {report.get('evaluation', 'held-out data')}", "", *_ranking_lines(ranking)]
    for name, rep in report.get("baselines", {}).items():
        note = rep.get("note")
        if note:
            lines += [f"*{name}*: {note}", ""]
    lims = report.get("limitations", [])
    if lims:
        lines += ["## Limitations", "", *[f"- {x}" for x in lims], ""]
    return "\n".join(lines)


def write_report(report: dict[str, Any], prefix: str | Path) -> list[Path]:
    """Write ``PREFIX.report.json``, ``PREFIX.report.md`` and ``PREFIX.calibration.svg``."""
    prefix = Path(prefix)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    svg = prefix.with_name(prefix.name + ".calibration.svg")
    report = dict(report)
    if report.get("metrics"):
        report["calibration_plot"] = svg.name
        svg.write_text(calibration_svg(report["metrics"]["calibration"], report.get("title", "Calibration")))
    js = prefix.with_name(prefix.name + ".report.json")
    md = prefix.with_name(prefix.name + ".report.md")
    js.write_text(json.dumps(report, indent=2, default=_json_default) + "\n")
    md.write_text(report_markdown(report))
    return [js, md, *([svg] if report.get("metrics") else [])]


def _json_default(o: object) -> Any:
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        return float(o)
    raise TypeError(f"cannot write {type(o).__name__} to JSON")
