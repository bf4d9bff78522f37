"""The trained parts that ship as plain numbers in ``credscore/data/`` (the source typer, the certainty
model): reading one, the shipped file or a user's, and refusing one trained on other features."""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

__all__ = ["check_weights", "read_weights"]


def read_weights(name: str, path: str | None, features: Sequence[str], what: str, retrain: str) -> dict[str, Any]:
    """The JSON of ``credscore/data/<name>`` (``path`` None) or of ``path``, checked to list ``features``.

    ``what`` names the part in the error ("the source typer"); ``retrain`` is the command that rebuilds it.
    """
    if path is None:
        raw = resources.files("credscore").joinpath("data", name).read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    return check_weights(json.loads(raw), features, what, retrain)


def check_weights(data: Any, features: Sequence[str], what: str, retrain: str) -> dict[str, Any]:
    """``data`` (a part's parsed JSON), checked to be an object that lists ``features``."""
    if not isinstance(data, dict):
        raise ValueError(f"{what} must be a JSON object, got {type(data).__name__}")
    if list(data.get("features", [])) != list(features):
        raise ValueError(
            f"{what} was trained on other features than this credscore version computes; retrain it with {retrain}"
        )
    return data
