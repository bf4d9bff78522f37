"""The library's errors name the parameter to pass, never a flag of the command line (issue 19, item 6); the
command line shows each parameter as its flag, in one place (:func:`credscore.cli.common.as_flags`).

Read from the source with :mod:`ast`: every string in the library but docstrings (an example of a command
in a docstring is documentation, not a message).
"""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import run

from credscore.cli import build_parser
from credscore.cli.common import PARAM_FLAGS, as_flags

PACKAGE = Path(__file__).resolve().parents[1] / "credscore"
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
#: Flags of other programs that a message may tell the user to run.
FOREIGN = {"pip install --force-reinstall credscore"}


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _library_strings() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "cli" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                out.append((str(path.relative_to(PACKAGE.parent)), node.lineno, node.value))
    return out


def test_library_strings_name_no_flags() -> None:
    found = [
        f"{where}:{line}: {text!r}"
        for where, line, text in _library_strings()
        if FLAG.search(text) and not any(f in text for f in FOREIGN)
    ]
    assert not found, "library strings that name a command-line flag (name the parameter, e.g. encoding=...):\n" + (
        "\n".join(found)
    )


def test_the_flag_test_sees_a_flag() -> None:
    # The pattern the test above applies finds what it is for, and lets a parameter pass.
    assert FLAG.search("pass --encoding latin-1") and FLAG.search("(--max-chars)")
    assert not FLAG.search("pass encoding='latin-1'") and not FLAG.search("a well-sourced claim; 2--3 rows")


def _flags(parser: argparse.ArgumentParser) -> set[str]:
    flags = set()
    for action in parser._actions:
        flags.update(s for s in action.option_strings if s.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                flags |= _flags(sub)
    return flags


def test_every_parameter_becomes_a_flag_the_command_line_has() -> None:
    missing = {p: f for p, f in PARAM_FLAGS.items() if f not in _flags(build_parser())}
    assert not missing


@pytest.mark.parametrize(
    ("library", "cli"),
    [
        (
            "x.csv: line 3 is not valid utf-8; pass the file's encoding, e.g. encoding='latin-1', or "
            "encoding_errors='keep' (give such rows status 'unreadable') or 'replace'",
            "x.csv: line 3 is not valid utf-8; pass the file's encoding, e.g. --encoding latin-1, or "
            "--encoding-errors keep (give such rows status 'unreadable') or 'replace'",
        ),
        (
            "the text is 40 characters; the limit is 31 (max_chars). Split it into documents, raise the limit with "
            "max_chars=..., or pass truncate=True to score the start",
            "the text is 40 characters; the limit is 31 (--max-chars). Split it into documents, raise the limit "
            "with --max-chars, or pass --truncate to score the start",
        ),
        ("chunksize must be at least 1, got 0", "--chunksize must be at least 1, got 0"),
        ("jobs must be a positive number", "--jobs must be a positive number"),
        ("n_jobs must be a positive number", "--jobs must be a positive number"),
        ("say which: positive='sourced'", "say which: --positive sourced"),
        ("positive='well sourced'", "--positive 'well sourced'"),
        ("e.g. classes=['a', 'b', 'c']", "e.g. --classes a,b,c"),
        ("pass id_cols=['status_id', 'label_id']", "pass --id-column status_id --id-column label_id"),
        ("pass text_col='NAME'", "pass --text-column NAME"),
        ("pass by=['NAME'] with a column", "pass --by NAME with a column"),
        ("or do not group the folds (group_col=None)", "or do not group the folds (no --group-column)"),
        ("or read each row alone (context=False)", "or read each row alone (--no-context)"),
        ("run without resume=True to score again", "run without --resume to score again"),
        ("e.g. date_format='%d/%m/%Y'", "e.g. --date-format %d/%m/%Y"),
        ("pass input_format=... or output_format=...", "pass --input-format or --output-format"),
        ("score at level='sentence' (the default)", "score at --level sentence (the default)"),
        # Not a parameter: left alone.
        ("df.rename(columns={'a': 'b'}); the encoding is wrong; 'encoding' must be", None),
        ("score(text, model=load_model(path)); text must be a str", None),
    ],
)
def test_as_flags(library: str, cli: str | None) -> None:
    assert as_flags(library) == (library if cli is None else cli)


# --- each path says it its way -------------------------------------------------------------------------------


def test_an_encoding_error_names_the_parameter_in_python_and_the_flag_on_the_command_line(tmp_path: Path) -> None:
    from credscore.files import ScoreFileError, ScoreFileSettings, score_file

    src = tmp_path / "in.csv"
    src.write_bytes("id,text\n1,It rained.\n2,Caf\xe9 owners said so.\n".encode("latin-1"))
    with pytest.raises(ScoreFileError, match=r"encoding='latin-1', or encoding_errors='keep'") as e:
        score_file(str(src), str(tmp_path / "o.csv"), ScoreFileSettings())
    assert "--" not in str(e.value)
    res = run("score-file", str(src), "-o", str(tmp_path / "o.csv"))
    assert res.returncode == 1
    assert b"--encoding latin-1, or --encoding-errors keep" in res.stderr and b"encoding=" not in res.stderr


def test_a_label_error_names_the_parameter_in_python_and_the_flag_on_the_command_line(tmp_path: Path) -> None:
    from credscore.errors import LabelError
    from credscore.training import resolve_labels

    labels = ["sourced", "unsourced"] * 15
    with pytest.raises(LabelError, match=r"probably positive='sourced'$"):
        resolve_labels(labels)
    src = tmp_path / "labels.csv"
    pd.DataFrame({"text": [f"Officials said {i}." for i in range(30)], "label": labels}).to_csv(src, index=False)
    res = run("train", str(src), "-o", str(tmp_path / "m"))
    assert res.returncode == 1
    assert res.stderr.decode().rstrip().endswith("probably --positive sourced")


def test_a_profile_warning_names_the_parameter_in_python_and_the_flag_on_the_command_line(tmp_path: Path) -> None:
    import warnings

    import credscore
    from credscore.profiles import ProfileWarning

    docs = pd.DataFrame({"id": ["a", "b"], "date": ["2024-01-15", "15/01/2024 x"], "text": ["Officials said so."] * 2})
    scored = credscore.score_frame(docs, id_cols=["id", "date"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        credscore.profile(scored, period="month")
    (w,) = [w for w in caught if issubclass(w.category, ProfileWarning)]
    assert "date_format='%d/%m/%Y'" in str(w.message) and "--" not in str(w.message)
    path = tmp_path / "scored.csv"
    scored.to_csv(path, index=False)
    res = run("profile", str(path), "--period", "month", "-o", str(tmp_path / "p"), "--no-html")
    assert res.returncode == 0 and b"--date-format %d/%m/%Y" in res.stderr
