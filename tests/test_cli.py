"""The installed `credscore` console script, called as a user calls it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run, run_exe

from credscore import RULES
from credscore.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_smoke_the_console_script_scores_a_file(tmp_path: Path) -> None:
    # The installed script, run from another folder: the default model must be found wherever the user is.
    res = run_exe("score", str(ROOT / "examples" / "wire-story.txt"), cwd=tmp_path)
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
    # "reportedly" hedges the claim and, in a sentence with no source of its own, is its agentless (vague) source
    assert {c["kind"] for c in rows[1]["cues"]} == {"hedge", "vague_source"}
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
    assert res.returncode == 0 and b"epistemic_cue" in res.stdout
    # Regression (issue 12): every row aligned, however long a rule's name, and quoted_hedge listed.
    lines = res.stdout.decode().splitlines()
    assert len(lines) == 1 + len(RULES)
    cols = [re.match(r"(\S.*?) {2,}(\S+) {2,}(\S.*)$", line) for line in lines]
    assert all(cols), lines
    assert len({m.start(2) for m in cols}) == 1 and len({m.start(3) for m in cols}) == 1  # aligned
    assert any(line.startswith("hedge, quoted_hedge") for line in lines)
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


def assert_one_line_error(res: subprocess.CompletedProcess[bytes], *needles: str) -> str:
    """A CLI error as the style asks: non-zero exit, one line `credscore: ...` on stderr, no traceback."""
    err = res.stderr.decode()
    assert res.returncode != 0, err
    assert "Traceback" not in err and err.startswith("credscore: ") and len(err.strip().splitlines()) == 1, err
    for needle in needles:
        assert needle in err, err
    return err


def assert_usage_error(res: subprocess.CompletedProcess[bytes], *needles: str) -> None:
    err = res.stderr.decode()
    assert res.returncode == 2 and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err


CLAIMS = ["the talks will resume", "the factory will close", "the minister will resign", "the port will reopen",
          "the vote was postponed", "the deficit doubled", "the army moved north", "the fine was paid"]  # fmt: skip


def labels_csv(path: Path, weak: str = "poorly sourced", strong: str = "well sourced") -> Path:
    rows = ["text,label,article"]
    for i, c in enumerate(CLAIMS * 2):
        rows.append(f'"{c.capitalize()}, Foreign Minister Lee Jae-sung said.",{strong},a{i % 4}')
        rows.append(f'"Critics say {c}, reportedly.",{weak},a{i % 4}')
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def input_csv(path: Path) -> Path:
    path.write_text("id,status,text\n1,new,Officials said the plan failed.\n", encoding="utf-8")
    return path


def test_regression_train_refuses_a_label_that_cannot_name_a_column(tmp_path: Path) -> None:
    res = run("train", str(labels_csv(tmp_path / "l.csv")), "--positive", "well sourced", "-o", str(tmp_path / "m"))
    assert_one_line_error(res, "'poorly sourced' cannot name", "'poorly_sourced'")
    assert not (tmp_path / "m.credscore").exists()


def test_regression_score_file_with_an_old_model_whose_label_cannot_name_a_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A model made before train() refused such labels: score-file died with a ValueError traceback.
    import pandas as pd

    from credscore import training

    monkeypatch.setattr(training, "_check_label_names", lambda *args: None)
    df = pd.read_csv(labels_csv(tmp_path / "l.csv"))
    path = training.train(df, positive="well sourced", cv=2, C=1.0).save(tmp_path / "old.credscore")
    res = run("score-file", str(input_csv(tmp_path / "in.csv")), "-o", str(tmp_path / "out.csv"), "--model", str(path))
    assert_one_line_error(res, "label 'poorly sourced' cannot name an output column")


def test_regression_id_column_clashing_with_an_output_column(tmp_path: Path) -> None:
    res = run("score-file", str(input_csv(tmp_path / "in.csv")), "-o", str(tmp_path / "o.csv"), "--id-column", "status")
    assert_one_line_error(res, "['status'] clash", "--id-column status_id", "header")


@pytest.mark.parametrize("command", ["score", "score-file", "report"])
def test_regression_negative_max_chars_is_refused(tmp_path: Path, command: str) -> None:
    # `score` ended in a TypeError traceback; `score-file` marked every row too_long.
    args = {"score": ["-"], "score-file": [str(input_csv(tmp_path / "in.csv")), "-o", str(tmp_path / "o.csv")],
            "report": ["-", "-o", str(tmp_path / "r.html")]}[command]  # fmt: skip
    res = run(command, *args, "--max-chars", "-5", stdin=b"Officials said so.")
    assert_usage_error(res, "--max-chars: -5 is negative; pass 0 or more")
    assert not list(tmp_path.glob("o.csv*")) and not (tmp_path / "r.html").exists()
    res = run(command, *args, "--max-chars", "many", stdin=b"Officials said so.")
    assert_usage_error(res, "'many' is not a whole number of characters")


def test_regression_report_over_the_limit_names_the_cli_flags(tmp_path: Path) -> None:
    # Was a DocumentTooLongError traceback recommending max_chars=... / truncate=True, which report did not have.
    from credscore.scoring import DEFAULT_MAX_CHARS

    big = tmp_path / "big.txt"
    big.write_bytes(b"Officials said so. " * (DEFAULT_MAX_CHARS // 19 + 1))
    err = assert_one_line_error(run("report", str(big), "-o", str(tmp_path / "r.html")), "--max-chars", "--truncate")
    assert "max_chars=" not in err and "truncate=True" not in err
    text = b"Officials said the plan failed. The plan was announced in 2019."
    res = run("report", "-", "-o", str(tmp_path / "r.html"), "--max-chars", "31", stdin=text)
    assert_one_line_error(res, "the limit is 31 (--max-chars)", "--truncate")
    res = run("report", "-", "-o", str(tmp_path / "r.html"), "--max-chars", "31", "--truncate", stdin=text)
    assert res.returncode == 0, res.stderr.decode()
    assert b"only the first 31" in res.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "the plan failed" in page and "announced in 2019" not in page


@pytest.mark.parametrize("where", ["file.txt/r.html", "."])
def test_regression_report_output_that_cannot_be_written(tmp_path: Path, where: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    res = run("report", "-", "-o", where, stdin=b"Officials said so.", cwd=tmp_path)
    assert_one_line_error(res, {"file.txt/r.html": "file.txt is a file", ".": "is a folder"}[where])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


@pytest.mark.parametrize("command", ["report", "score-file", "train", "evaluate"])
def test_regression_every_command_makes_missing_output_folders(tmp_path: Path, command: str) -> None:
    """One rule for output folders (issue 12): `train -o nodir/x` made the folder, score-file and report
    refused; now every command makes them, and refuses only a path under a file or a folder itself."""
    src = labels_csv(tmp_path / "l.csv", "weak", "strong")
    out = tmp_path / "new" / "deeper" / "out"
    argv = {
        "report": ["report", str(src), "-o", f"{out}.html"],
        "score-file": ["score-file", str(src), "-o", f"{out}.csv", "--quiet"],
        "train": ["train", str(src), "--cv", "2", "-o", str(out)],
        "evaluate": ["evaluate", "default", str(src), "--classes", "weak,strong", "-o", str(out)],
    }[command]
    assert main(argv) == 0
    assert out.parent.is_dir() and any(out.parent.iterdir())


def test_regression_train_and_evaluate_output_under_a_file(tmp_path: Path) -> None:
    src = labels_csv(tmp_path / "l.csv", "weak", "strong")
    res = run("train", str(src), "-o", str(src / "desk"))
    assert_one_line_error(res, "l.csv is a file, not a folder")
    res = run("evaluate", "default", str(src), "-o", str(src / "desk"))
    assert_one_line_error(res, "l.csv is a file, not a folder")


def test_regression_train_encoding_and_extension_errors(tmp_path: Path) -> None:
    src = labels_csv(tmp_path / "l.csv", "weak", "strong")
    assert_one_line_error(run("train", str(src), "--encoding", "nope", "-o", "m"), "unknown encoding 'nope'")
    txt = tmp_path / "labels.txt"
    txt.write_bytes(src.read_bytes())
    for command in (["train", str(txt), "-o", "m"], ["evaluate", "default", str(txt)]):
        err = assert_one_line_error(run(*command), ".csv,", ".jsonl", ".parquet", "labels.csv")
        assert "--input-format" not in err


def test_regression_evaluate_with_the_shipped_model_writes_its_calibration_plot(tmp_path: Path) -> None:
    """`evaluate default labels.csv -o X` wrote no calibration plot though --help said it would (issue 12)."""
    src = labels_csv(tmp_path / "l.csv", "weak", "strong")
    assert main(["evaluate", "default", str(src), "-o", str(tmp_path / "rep")]) == 0
    assert (tmp_path / "rep.calibration.svg").read_text(encoding="utf-8").startswith("<svg")
    assert (tmp_path / "rep.report.json").exists() and (tmp_path / "rep.report.md").exists()


_HEAD = re.compile(
    r"^\[(\d+)\] +(\d\.\d\d) (weak|unattributed|strong) +chars \d+-\d+ +"
    r"sourcing (\d\.\d\d| — ) +certainty (\d\.\d\d| — ) +hops (\d+|—)(  \(not a claim: [a-z :]+\))?$"
)


def test_regression_the_table_shows_the_same_fields_on_every_line(tmp_path: Path) -> None:
    """Regression (issue 19): `sourcing=`/`certainty=` were on some lines and not on others."""
    import credscore

    text = "Talks stall\n\nBy Jane Roe\n\n" + (ROOT / "examples" / "wire-story.txt").read_text(encoding="utf-8")
    res = run("score", "-", stdin=text.encode())
    assert res.returncode == 0, res.stderr.decode()
    heads = [line for line in res.stdout.decode().splitlines() if line.startswith("[")]
    scores = credscore.score(text)
    assert len(heads) == len(scores)
    for line, s in zip(heads, scores, strict=True):
        m = _HEAD.match(line)
        assert m, line
        if s.is_claim:
            assert (m[4], m[5], m[6]) == (f"{s.sourcing:.2f}", f"{s.certainty:.2f}", str(s.hops)), line
            assert m[7] is None
        else:  # a heading's sourcing, certainty and hops do not apply
            assert (m[4], m[5], m[6]) == (" — ", " — ", "—") and s.not_a_claim in m[7], line
    assert len({line.index("sourcing") for line in heads}) == 1  # in the same place on every line
    assert len({line.index("hops") for line in heads}) == 1


def test_regression_summary_counts_in_plain_words() -> None:
    res = run("score", "--summary", str(ROOT / "examples" / "wire-story.txt"))
    out = res.stdout.decode()
    assert "7 of 8 sentences make claims (1 dateline)" in out and "segments" not in out


def _options(parser):
    """(command, option) for every option of every sub-command."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                for opt in sub._actions:
                    if not isinstance(opt, argparse._HelpAction):
                        yield name, sub, opt


def test_regression_every_option_has_help_with_its_default() -> None:
    """Regression (issue 19): score-file's --input-format, --output-format and --chunksize had no help or
    default. Every option of every sub-command says what it does; one with a default or a choice of
    values says what happens without it."""
    from credscore.cli import build_parser

    seen = set()
    for command, sub, opt in _options(build_parser()):
        seen.add(command)
        name = opt.option_strings[-1] if opt.option_strings else opt.dest
        assert opt.help and len(opt.help) > 10, (command, name)
        has_default = opt.default not in (None, False, [], "==SUPPRESS==")
        if (has_default or opt.choices) and opt.required is False and opt.option_strings:
            assert "default" in opt.help, (command, name, opt.help)
        if has_default and "%(default)s" not in opt.help:  # a default written out must be the real one
            assert str(opt.default) in opt.help, (command, name, opt.help)
        assert "%(" not in sub.format_help(), command  # every %(default)s filled in
    assert seen == {"score", "score-file", "report", "train", "evaluate", "profile"}  # `rules` has no options


def test_regression_report_help_mentions_only_what_a_report_writes(capsys: pytest.CaptureFixture[str]) -> None:
    """Regression (issue 19): `report --help` spoke of the JSON page_start/page_end a report never writes."""
    schema = json.loads((ROOT / "credscore" / "schema" / "output.schema.json").read_text(encoding="utf-8"))
    fields = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            fields.update(k for k in node.get("properties", {}) if "_" in k)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    assert {"page_start", "page_end", "n_claims"} <= fields
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    text = capsys.readouterr().out
    assert "HTML" in text and "--title" in text
    assert "JSON" not in text and "json" not in text
    assert [f for f in sorted(fields) if f in text] == []


def test_report_title_falls_back_to_the_file_name(tmp_path: Path) -> None:
    src = tmp_path / "byline-only.txt"
    src.write_text("By Jane Roe", encoding="utf-8")
    assert main(["report", str(src), "-o", str(tmp_path / "r.html")]) == 0
    assert "<title>credscore: byline-only.txt</title>" in (tmp_path / "r.html").read_text(encoding="utf-8")
    src.write_text("Talks stall\n\nOfficials said the talks failed.", encoding="utf-8")
    assert main(["report", str(src), "-o", str(tmp_path / "r.html")]) == 0
    assert "<title>credscore: Talks stall</title>" in (tmp_path / "r.html").read_text(encoding="utf-8")
