"""The repository's datasets are standoff: offsets, ids and closed vocabularies, never corpus text.

Runs without the corpora (it reads only the committed files), so a row carrying copied text fails on any
machine. Every cell of every row is checked against what its column may hold.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from credscore import SOURCE_TYPES, UNCERTAINTY_CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
DOC = re.compile(r"[a-z0-9][a-z0-9_.-]{2,80}")  # a PolNeAR file name without .txt
SZEGED_DOC = re.compile(r"[^\t\n]{1,120}#S\d+(\.\d+)*")  # DocID#sentence id (an article title and a number)
OFFSETS = re.compile(r"\d+(;\d+)*")
INT = re.compile(r"\d+")
CLASSES = {"named", "document", "anonymous", "vague", "secondhand"}
EVIDENCE = re.compile(
    r"no attribution|no cue|(?:(?:" + "|".join(sorted(CLASSES | set(UNCERTAINTY_CATEGORIES))) + r")\+?)+"
)
ANNOTATOR = re.compile(r"[A-Z]-[a-z]+(-\d+)?")


def rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        return list(reader.fieldnames or []), list(reader)


def check(value: str, allowed: re.Pattern[str] | set[str] | None, where: str) -> None:
    if allowed is None:
        assert value == "", where
    elif isinstance(allowed, set):
        assert value in allowed, f"{where}: {value!r}"
    else:
        assert allowed.fullmatch(value), f"{where}: {value[:60]!r}"


SCHEMAS = {
    "datasets/polnear.labels.tsv": {
        "corpus": {"polnear"}, "split": {"train", "dev"}, "doc": DOC, "start": INT, "end": INT,
        "label": {"weak", "unattributed", "strong"}, "evidence": EVIDENCE,
    },
    "datasets/szeged-wiki.labels.tsv": {
        "corpus": {"szeged-wiki"}, "split": {"train", "test"}, "doc": SZEGED_DOC, "start": INT, "end": INT,
        "label": {"weak", "unattributed"}, "evidence": EVIDENCE,
    },
    "datasets/sources/gold.tsv": {
        "split": {"train", "dev"}, "doc": DOC, "sid": re.compile(r"S\d+"), "start": OFFSETS, "end": OFFSETS,
        "type": set(SOURCE_TYPES), "anonymous": {"0", "1"}, "count": re.compile(r"\d*"),
        "refers_to": re.compile(r"(S\d+)?"), "via": re.compile(r"(S\d+)?"), "outlet": {"0", "1"},
        "reason_start": re.compile(r"\d*"), "reason_end": re.compile(r"\d*"), "annotator": ANNOTATOR,
    },
    "datasets/uncertainty/news.tsv": {
        "split": {"tune", "test"}, "doc": DOC, "uid": re.compile(r"U\d+"), "sent_start": INT, "sent_end": INT,
        "cue_start": re.compile(r"\d*"), "cue_end": re.compile(r"\d*"),
        "category": {*UNCERTAINTY_CATEGORIES, "none"}, "annotator": ANNOTATOR,
    },
}  # fmt: skip
SCHEMAS["datasets/sources/double.tsv"] = SCHEMAS["datasets/sources/gold.tsv"]
SCHEMAS["datasets/sources/test.tsv"] = {**SCHEMAS["datasets/sources/gold.tsv"], "split": {"test"}}
SCHEMAS["datasets/sources/double-test.tsv"] = SCHEMAS["datasets/sources/test.tsv"]
SCHEMAS["datasets/uncertainty/double.tsv"] = SCHEMAS["datasets/uncertainty/news.tsv"]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_cell_is_standoff(name: str) -> None:
    header, data = rows(ROOT / name)
    schema = SCHEMAS[name]
    assert header == list(schema), f"{name}: columns {header}"
    assert data, f"{name} is empty"
    for n, row in enumerate(data, 2):
        for col, allowed in schema.items():
            check(row[col], allowed, f"{name} line {n}, {col}")
        if "start" in row and ";" not in row["start"]:
            assert int(row["start"]) < int(row["end"]), f"{name} line {n}: empty span"


def test_the_checks_can_fail() -> None:
    """A row with copied text in any column is refused."""
    schema = SCHEMAS["datasets/polnear.labels.tsv"]
    for col in ("doc", "evidence", "label"):
        with pytest.raises(AssertionError):
            check("Officials said the plan failed, according to the Post.", schema[col], col)
