"""Shared fixtures.

Tests that read the public corpora use the ``corpora`` fixture: they are
skipped on a user's machine without the data, and fail in CI, which sets
``CREDSCORE_REQUIRE_DATA=1`` so that a missing folder can never pass silently.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools import corpora as _corpora

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


# --- the command line, as tests call it -----------------------------------------------------------


def credscore_exe() -> str:
    """The installed console script (for the few tests that check it as a user runs it)."""
    here = Path(sys.executable).parent / "credscore"
    exe = str(here) if here.exists() else shutil.which("credscore")
    if exe is None:
        pytest.fail("the credscore console script is not installed; run: pip install -e '.[test]'")
    return exe


class _Stdin(io.TextIOWrapper):
    """Standard input with bytes behind it, as the command line reads it (``sys.stdin.buffer``)."""


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """``credscore ARGS``, run in this process through :func:`credscore.cli.main` (fast; the few tests
    marked as smoke tests run the console script with :func:`run_exe`). Returns what a subprocess would:
    the exit status and the bytes written to standard output and error."""
    from credscore.cli import main

    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", newline="", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", newline="", write_through=True)
    inp = _Stdin(io.BytesIO(stdin or b""), encoding="utf-8")
    old = sys.stdin, sys.stdout, sys.stderr, os.getcwd()
    sys.stdin, sys.stdout, sys.stderr = inp, out, err
    try:
        if cwd is not None:
            os.chdir(cwd)
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if isinstance(exc.code, str):
                err.write(exc.code + "\n")
        with contextlib.suppress(ValueError):  # a stream main() closed (a broken pipe)
            out.flush()
            err.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = old[:3]
        os.chdir(old[3])
    return subprocess.CompletedProcess(["credscore", *args], code, out_bytes.getvalue(), err_bytes.getvalue())


def run_exe(*args: str, stdin: bytes | None = None, cwd: Path | None = None, timeout: float = 300):
    """``credscore ARGS`` through the installed console script, in a new process."""
    return subprocess.run([credscore_exe(), *args], input=stdin, capture_output=True, cwd=cwd, timeout=timeout)


# --- a real browser, for the HTML pages ------------------------------------------------------------------
def headless_chromium(width: int, *, requests: bool = False):  # type: ignore[no-untyped-def]
    """Yield a headless Chromium (Debian's chromium and chromedriver, driven by selenium) ``width`` pixels wide,
    logging the browser console and, with ``requests``, every request the page makes; quit it afterwards.

    Skips when chromium, chromedriver or selenium are missing, unless CREDSCORE_REQUIRE_BROWSER=1 (set by
    .ci/run), where it fails instead. Use it in a module-scoped fixture: ``yield from headless_chromium(1000)``.
    """
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        why = "selenium is not installed"
    else:
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        driver = shutil.which("chromedriver")
        why = (
            ""
            if chromium and driver
            else ("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
        )
    if why:
        if os.environ.get("CREDSCORE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"CREDSCORE_REQUIRE_BROWSER=1 but {why}")
        pytest.skip(why)
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
    for flag in [*flags, f"--window-size={width},1400"]:
        opts.add_argument(flag)
    # The performance log holds every request the page makes (Network.requestWillBeSent).
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", **({"performance": "ALL"} if requests else {})})
    drv = webdriver.Chrome(service=Service(executable_path=driver), options=opts)
    yield drv
    drv.quit()


# --- sources as the golden tables compare them ------------------------------------------------------


def own_sources(det, text: str) -> list[tuple[str, str, bool]]:
    """(text, type, anonymous) of every source ``det`` finds in ``text`` that is no sentence's inherited one,
    each checked to point at its own characters."""
    _cues, rows = det.analyze(text)
    out = []
    for row in rows:
        for x in row:
            assert text[x.start : x.end] == x.text
            if not x.inherited:
                out.append((x.text, x.type, x.anonymous))
    return out


def own_spans(det, text: str) -> list[str]:
    """The texts of :func:`own_sources`."""
    return [span for span, _type, _anonymous in own_sources(det, text)]


def unsourced(det, text: str) -> list[str]:
    """The verbs of saying ``det`` could give no source in ``text`` (``unsourced_attribution`` cues)."""
    cues, _rows = det.analyze(text)
    return [c.text for row in cues for c in row if c.rule == "unsourced_attribution"]
