"""bench/unsourced_bbc.py: the pool of unlabelled misses never reads an article of a gold part."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import unsourced_bbc as U  # noqa: E402

from credscore.cues import CueDetector  # noqa: E402


def test_an_article_of_a_gold_part_is_never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    arts = [
        SimpleNamespace(name="business/001", text="Prices fell, said analyst Ann Roe. The deal, he said, was off."),
        SimpleNamespace(name="politics/002", text="Fund manager Tom Hale - the club's largest investor - said no."),
    ]
    monkeypatch.setattr(U.corpora, "read_bbc", lambda: arts)
    monkeypatch.setattr(U, "gold_articles", lambda: {"politics/002"})
    n_articles, unsourced, n_sources = U.count(CueDetector())
    assert n_articles == 1
    assert all(name == "business/001" for name, _, _ in unsourced)
    assert n_sources == 2  # "analyst Ann Roe" and "he"
