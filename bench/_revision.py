"""Which code and machine a benchmark measured: the repository's HEAD (with "+dirty"), the machine."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path


def git_revision() -> str:
    """The repository's short HEAD, with "+dirty" when tracked files have changes."""
    root = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "-uno"], cwd=root, capture_output=True, text=True)
    except OSError:
        return "unknown"
    if head.returncode != 0:
        return "unknown (not a git checkout)"
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def machine(**extra: object) -> dict[str, object]:
    """The machine a benchmark ran on, for its JSON output."""
    return {"machine": platform.machine(), "cores": os.cpu_count(), "python": platform.python_version(), **extra}
