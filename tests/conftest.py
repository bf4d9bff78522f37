"""Shared fixtures.

Tests that read the public corpora use the ``corpora`` fixture: they are
skipped on a user's machine without the data, and fail in CI, which sets
``CREDSCORE_REQUIRE_DATA=1`` so that a missing folder can never pass silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from credscore import corpora as _corpora

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    try:
        return _corpora.data_dir()
    except _corpora.DataNotFoundError as exc:
        if os.environ.get("CREDSCORE_REQUIRE_DATA") == "1":
            pytest.fail(f"CREDSCORE_REQUIRE_DATA=1 but the corpora are missing: {exc}")
        pytest.skip(f"public corpora not available: {exc}")


@pytest.fixture(scope="session")
def wire_story() -> str:
    return (ROOT / "examples" / "wire-story.txt").read_text(encoding="utf-8")
