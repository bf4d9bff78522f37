"""credscore.evaluation: the numbers of a report and how the model card prints them."""

from __future__ import annotations

import numpy as np
import pandas as pd

import credscore
from credscore.evaluation import classification_report, report_markdown
from credscore.training import evaluate


def test_perfect_predictions_have_log_loss_zero_not_minus_zero() -> None:
    rep = classification_report(np.array(["a", "b"]), np.array([[1.0, 0.0], [0.0, 1.0]]), ["a", "b"])
    assert rep["log_loss"] == 0.0 and str(rep["log_loss"]) == "0.0"
    assert "Log loss 0.000" in report_markdown({"metrics": rep})


def test_a_model_with_other_classes_is_reported_by_how_it_orders_the_labels() -> None:
    # Found by a new user: `credscore evaluate default labels.csv --positive sourced` printed no numbers.
    df = pd.DataFrame(
        {
            "text": ["Foreign Minister Lee Jae-sung said the talks failed.", "Critics say the talks failed."] * 10,
            "verdict": ["sourced", "unsourced"] * 10,
        }
    )
    rep = evaluate(credscore.default_model(), df, "text", "verdict", positive="sourced")
    md = report_markdown(rep)
    assert "## Results" in md and "| unsourced |" in md and "| sourced |" in md
    assert "Spearman correlation of reliability with the label order: 1.000" in md
    assert "ROC AUC of reliability, sourced vs rest: 1.000" in md
    assert "nan" not in md


def test_baseline_rows_show_dashes_for_metrics_that_do_not_apply() -> None:
    main = classification_report(np.array(["a", "b"]), np.array([[0.8, 0.2], [0.3, 0.7]]), ["a", "b"])
    shipped = {"reliability": {"spearman": 0.5}, "roc_auc": 0.9}
    md = report_markdown({"metrics": main, "baselines": {"shipped": shipped}})
    assert "| shipped | — | — | 0.900 | — | 0.500 |" in md and "nan" not in md
