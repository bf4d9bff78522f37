"""Which code and machine a benchmark measured: the repository's HEAD (with "+dirty"), the machine."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
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


def measure_baseline_if_asked(argv: list[str] = sys.argv) -> None:
    """With ``--against DIR`` on the command line, put DIR first on ``sys.path``, so that ``import credscore``
    takes the baseline package DIR holds (e.g. a link to an old worktree's ``credscore/``) while the gold,
    the tools and the script stay this checkout's. Call it before credscore is imported."""
    if "--against" in argv:
        sys.path.insert(0, str(Path(argv[argv.index("--against") + 1]).resolve()))
