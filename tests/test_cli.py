"""The installed `credscore` console script, called as a user calls it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def credscore_exe() -> str:
    here = Path(sys.executable).parent / "credscore"
    exe = str(here) if here.exists() else shutil.which("credscore")
    if exe is None:
        pytest.fail("the credscore console script is not installed; run: pip install -e '.[test]'")
    return exe


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([credscore_exe(), *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


def test_score_file_prints_a_table(tmp_path: Path) -> None:
    # Run from another folder: the default model must be found wherever the user is.
    res = run("score", str(ROOT / "examples" / "wire-story.txt"), cwd=tmp_path)
    assert res.returncode == 0, res.stderr.decode()
    out = res.stdout.decode()
    assert "secondhand" in out and "anonymous_source" in out and "weak" in out
    assert "[8]" in out and "The two leaders met three times in 2018." in out


def test_score_json_lines_from_stdin() -> None:
    text = b"Officials said the plan failed. The minister reportedly resigned."
    res = run("score", "--json", "-", stdin=text)
    assert res.returncode == 0, res.stderr.decode()
    rows = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert [r["text"] for r in rows] == ["Officials said the plan failed.", "The minister reportedly resigned."]
    assert {c["kind"] for c in rows[1]["cues"]} == {"hedge"}
    assert all(0 <= r["reliability"] <= 1 for r in rows)


def test_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    res = run("score", str(tmp_path / "nope.txt"))
    assert res.returncode != 0 and b"no such file" in res.stderr
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Caf\xe9 officials said so.".encode("latin-1"))
    res = run("score", str(bad))
    assert res.returncode != 0 and b"--encoding latin-1" in res.stderr
    res = run("score", "--encoding", "latin-1", str(bad))
    assert res.returncode == 0 and "Café".encode() in res.stdout


def test_unknown_rule_and_bad_model(tmp_path: Path) -> None:
    res = run("score", "--disable-rule", "nope", "-", stdin=b"x")
    assert res.returncode != 0 and b"known rules are" in res.stderr
    fake = tmp_path / "m.credscore"
    fake.write_bytes(b"not a model")
    res = run("score", "--model", str(fake), "-", stdin=b"x")
    assert res.returncode != 0 and b"not a credscore model file" in res.stderr


def test_rules_and_version() -> None:
    res = run("rules")
    assert res.returncode == 0 and b"hedge_adverb" in res.stdout
    res = run("--version")
    assert res.returncode == 0 and res.stdout.startswith(b"credscore ")


def test_empty_input() -> None:
    res = run("score", "-", stdin=b"")
    assert res.returncode == 0 and b"(no sentences)" in res.stdout


def test_python_dash_m() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "credscore", "score", "-"],
        input=b"Critics say so.",
        capture_output=True,
        timeout=120,
        env={**os.environ},
    )
    assert res.returncode == 0 and b"vague_source" in res.stdout
