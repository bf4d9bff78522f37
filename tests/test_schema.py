"""One output schema (credscore/schema/output.schema.json), checked against every output path."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

jsonschema = pytest.importorskip("jsonschema")

import credscore  # noqa: E402
from credscore import KINDS, SOURCE_TYPES, UNCERTAINTY_CATEGORIES  # noqa: E402
from credscore.batch import output_columns  # noqa: E402
from credscore.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads(resources.files("credscore").joinpath("schema", "output.schema.json").read_text(encoding="utf-8"))
WIRE = (ROOT / "examples" / "wire-story.txt").read_text(encoding="utf-8")


def validator(ref: str | None = None) -> jsonschema.Draft202012Validator:
    schema = SCHEMA if ref is None else {**SCHEMA, "$ref": f"#/$defs/{ref}"}
    if ref is not None:
        schema.pop("oneOf")
    return jsonschema.Draft202012Validator(schema)


def check(obj: object, ref: str | None = None) -> None:
    errors = sorted(validator(ref).iter_errors(obj), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_the_schema_is_valid_and_names_what_the_code_makes() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    d = SCHEMA["$defs"]
    assert d["cue"]["properties"]["kind"]["enum"] == list(KINDS)
    assert d["source"]["properties"]["type"]["enum"] == list(SOURCE_TYPES)
    assert d["cue"]["properties"]["category"]["enum"] == [*UNCERTAINTY_CATEGORIES, None]
    for level, ref in (("sentence", "sentence_row"), ("document", "document_row")):
        named = set(d[ref]["properties"])
        for col in output_columns(level):
            assert col in named or col.startswith(("p_", "n_")), f"{level} column {col} is not in the schema"


def _cli_lines(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    assert main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_score_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _cli_lines(capsys, "score", "--json", "--explain", "--summary", str(ROOT / "examples" / "wire-story.txt"))
    assert "summary" in lines[-1] and len(lines) > 5
    for line in lines:
        check(line)
    assert lines[0]["not_a_claim"] == "dateline" and lines[1]["not_a_claim"] is None


def test_score_json_html_adds_page_offsets(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<p>Officials said the plan <em>may</em> fail.</p><p>It rained.</p>", encoding="utf-8")
    lines = _cli_lines(capsys, "score", "--json", "--html", str(page))
    for line in lines:
        check(line)
        assert "page_start" in line and all("page_start" in c for c in line["cues"])


def test_python_to_dict_is_the_same_shape() -> None:
    for s in credscore.score(WIRE + "\n\nOfficials said " * 200):
        check(s.to_dict(), "sentence")
    check(credscore.summarize(WIRE).to_dict(), "summary")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_valid_output(text: str) -> None:
    from credscore.sniff import text_problem

    if text_problem(text) is not None:
        return  # mostly control characters: an InputError, no output (tests/test_garbage_in.py)
    for s in credscore.score(text):
        check(s.to_dict(), "sentence")


def _rows(df: pd.DataFrame) -> list[dict]:
    """The rows as a JSON writer gives them (NA as null), as a user reading the output gets them."""
    return json.loads(df.to_json(orient="records"))


def test_the_checks_can_fail() -> None:
    with pytest.raises(AssertionError, match="kind"):
        check({"kind": "rumour", "rule": "x", "start": 0, "end": 1, "text": "x", "count": 0, "inherited": False,
               "category": None, "voice": None}, "cue")  # fmt: skip
    row = _rows(credscore.score_frame(pd.DataFrame({"t": ["Officials said so."]}), "t"))[0]
    del row["notes"]
    with pytest.raises(AssertionError, match="notes"):
        check(row, "sentence_row")


def test_batch_rows_and_their_json_columns() -> None:
    df = pd.DataFrame({"id": [1, 2, 3, 4], "body": [WIRE, "", None, "<p>Critics say it may fail.</p>"]})
    sent = credscore.score_frame(df, "body", id_cols=["id"])
    for row in _rows(sent):
        check(row, "sentence_row")
        for c in json.loads(row["cues"]) if row["cues"] else []:
            check(c, "cue")
        for x in json.loads(row["sources"]) if row["sources"] else []:
            check(x, "source")
    for row in _rows(credscore.score_frame(df, "body", id_cols=["id"], level="document")):
        check(row, "document_row")


def test_score_file_jsonl_output(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    pd.DataFrame({"id": [1, 2], "text": [WIRE, "It rained."]}).to_csv(src, index=False)
    out = tmp_path / "out.jsonl"
    assert main(["score-file", str(src), "-o", str(out), "--text-column", "text", "--id-column", "id", "--quiet"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 5
    for row in rows:
        check(row, "sentence_row")
        for c in json.loads(row["cues"]):
            check(c, "cue")
