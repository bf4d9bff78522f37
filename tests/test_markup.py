"""HTML input: markup blanked, every offset kept (credscore.markup)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_cli import run  # tests/ is on sys.path (pytest rootdir-relative imports)

import credscore
from credscore.markup import html_to_text, looks_like_html

ROOT = Path(__file__).resolve().parents[1]

WIRE_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>North Korea letter</title>\n"
    "<style>p { color: red; } /* sources said */</style>\n"
    '<script>var s = "officials said it may fail";</script></head>\n'
    "<body><h1>North Korea&rsquo;s leader wrote to Seoul, paper says</h1>"
    '<p class="dateline">SEOUL (Reuters) - North Korean leader Kim Jong Un sent a letter to President Moon, '
    "according to the JoongAng Ilbo newspaper, which cited unidentified diplomatic sources.</p>\n"
    "<!-- <p>Officials said this comment is not the article.</p> -->\n"
    "<p>The letter <em>reportedly</em> proposed a summit, the newspaper said.</p>"
    "<p>The two leaders met three times in 2018.<br>The talks stalled in 2019.</p></body></html>"
)


# --- golden table: what each construct becomes ----------------------------------

GOLDEN = [
    # (html, text) - same length, markup blanked, paragraphs and lines kept
    ("plain text, no markup", "plain text, no markup"),
    ("<p>Hi.</p>", "\n\n Hi.\n\n  "),
    ("Line one<br>Line two", "Line one\n   Line two"),
    ("<b>Officials</b> said", "   Officials     said"),
    ("it&rsquo;s &ldquo;done&rdquo;", "it\u2019      s \u201c      done\u201d      "),
    (
        "AT&T &amp; &#8220;x&#x201D; &bogus; a < b",  # unknown references stay as written
        "AT&T &" + " " * 5 + "\u201c" + " " * 6 + "x\u201d" + " " * 8 + "&bogus; a < b",
    ),
    ("a&nbsp;b", "a      b"),
    ("x<!-- said -->y", "x             y"),
    ("x<!-- never closed", "x" + " " * 17),
    ("<script>said()</script>ok", "                       ok"),
    ("<SCRIPT type=x>a\nb</Script >ok", " " * 28 + "ok"),
    ("<style>p{}</style>", "                  "),
    ("<script src=x />text", " " * 16 + "text"),  # self-closing: no content to hide
    ("<script>no end", "              "),
    ("\u0130\u0130<script>x</script>ok", "\u0130\u0130" + " " * 18 + "ok"),  # "İ".lower() is two characters
    ("<script>x</\u017fcript>ok", " " * 20),  # a long s is no "s": the script runs on
    ("<?xml version='1.0'?><!DOCTYPE html>t", " " * 36 + "t"),
    ("<h2>Head</h2>Body", "\n\n  Head\n\n   Body"),
    ("<td>a</td><td>b</td>", "\n\n  a\n\n   \n\n  b\n\n   "),
    ("1 <2 and 3> 1", "1 <2 and 3> 1"),
]


@pytest.mark.parametrize(("markup", "expected"), GOLDEN)
def test_golden(markup: str, expected: str) -> None:
    assert len(expected) == len(markup)  # the table itself keeps the contract
    assert html_to_text(markup) == expected


def test_a_wire_story_page_scores_with_offsets_into_the_html() -> None:
    text = html_to_text(WIRE_PAGE)
    assert len(text) == len(WIRE_PAGE)
    scores = credscore.score(text)
    # Nothing from the script, the style or the comment is scored.
    joined = " ".join(s.text for s in scores)
    assert "officials said it may fail" not in joined and "this comment" not in joined and "color" not in joined
    for s in scores:
        for c in s.cues:
            assert text[c.start : c.end] == c.text
            if "<" not in WIRE_PAGE[c.start : c.end] and "&" not in WIRE_PAGE[c.start : c.end]:
                assert WIRE_PAGE[c.start : c.end] == c.text  # the cue's own characters, in the HTML
    by_text = {s.text: s for s in scores}
    (report,) = [s for t, s in by_text.items() if t.startswith("North Korean leader")]
    kinds = {c.kind for c in report.cues}
    assert {"secondhand", "anonymous_source"} <= kinds
    cue = next(c for c in report.cues if c.kind == "anonymous_source" and c.rule == "unnamed_role")
    assert WIRE_PAGE[cue.start : cue.end] == "unidentified diplomatic sources"
    # Paragraphs and the <br> survive: the two background sentences are separate and not weak.
    assert "The two leaders met three times in 2018." in by_text and "The talks stalled in 2019." in by_text
    assert by_text["The two leaders met three times in 2018."].reliability > report.reliability
    # The heading is a heading, not glued to the dateline.
    assert any(s.kind == "heading" and s.text.startswith("North Korea\u2019") for s in scores)


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_regression_a_blank_line_inside_a_comment_or_script_does_not_split_the_sentence(newline: str) -> None:
    for hidden in (f"<!-- note{newline}{newline}fix -->", f"<script>x(){newline}{newline}y()</script>"):
        page = f"<p>Officials {hidden} said the plan failed.</p>"
        (s,) = credscore.score(html_to_text(page))
        assert s.text.startswith("Officials") and s.text.endswith("said the plan failed.")


def test_rejects_bytes_with_the_fix() -> None:
    with pytest.raises(TypeError, match="expects str, got bytes; decode bytes first"):
        html_to_text(b"<p>x</p>")  # type: ignore[arg-type]


def test_looks_like_html() -> None:
    assert looks_like_html(WIRE_PAGE) and looks_like_html("<p>Officials said so.</p>")
    assert not looks_like_html("Officials said 3 < 4 and x > y.") and not looks_like_html("")


# --- invariants over any input --------------------------------------------------

markup_pieces = st.sampled_from(
    [
        "<p>", "</p>", "<br>", "<br/>", "<b>", "</b>", "<a href='x'>", "<a title=\"a>b\">", "<!--", "-->", "<script>",
        "</script>", "<style>", "</style", "<?x?>", "<!DOCTYPE html>", "&amp;", "&rsquo;", "&#8220;", "&#x201D;",
        "&#0;", "&#99999999;", "&bogus;", "&", "<", ">", "<<", "Officials said", " it may fail.", "\n", "\u00e9",
        "\U0001f4f0", "\x00", "&nbsp;", "&NotEqualTilde;",
    ]
)  # fmt: skip
any_markup = st.one_of(st.text(max_size=300), st.lists(markup_pieces, max_size=80).map("".join))


@settings(max_examples=300, deadline=None)
@given(any_markup)
def test_same_length_and_text_characters_in_place(markup: str) -> None:
    text = html_to_text(markup)
    assert len(text) == len(markup)
    assert html_to_text(markup) == text
    for i, (a, b) in enumerate(zip(markup, text, strict=True)):
        # Each character is kept, blanked, or part of a decoded reference (one or two characters).
        assert b == a or b in " \n" or "&" in markup[max(0, i - 1) : i + 1], (i, a, b)
    for s in credscore.score(text):
        assert text[s.start : s.end] == s.text
        assert all(text[c.start : c.end] == c.text for c in s.cues)


def _timed(markup: str) -> float:
    t0 = time.perf_counter()
    html_to_text(markup)
    return time.perf_counter() - t0


@pytest.mark.parametrize(
    "unit", ["<", "<a", "<a ", "<!--", "&#", "&amp", "<script>", "</p>", "<a b='", "&#x1F4F0;", "a<b>c"]
)
def test_linear_time_on_runs_of_markup(unit: str) -> None:
    """Four times the input takes well under the 16 times a quadratic scan would."""
    small, big = unit * (50_000 // len(unit)), unit * (200_000 // len(unit))
    t_small, t_big = _timed(small), _timed(big)
    if t_big > 10 * max(t_small, 0.005):
        t_small, t_big = _timed(small), _timed(big)  # once more, in case the machine was busy
    assert t_big <= 10 * max(t_small, 0.005), (t_small, t_big)


# --- batch and CLI ----------------------------------------------------------------


def test_score_frame_html() -> None:
    df = pd.DataFrame({"id": [1, 2, 3], "body": [WIRE_PAGE, "<p></p><script>x()</script>", None]})
    doc = credscore.score_frame(df, "body", id_cols=["id"], level="document", html=True)
    assert doc["status"].tolist() == ["ok", "empty", "missing"]
    sent = credscore.score_frame(df, "body", id_cols=["id"], html=True)
    rows = sent[sent["id"] == 1]
    plain = html_to_text(WIRE_PAGE)
    assert all(plain[a:b].strip() for a, b in zip(rows["start"], rows["end"], strict=True))
    assert not any("<" in WIRE_PAGE[a:b] for a, b in zip(rows["start"], rows["end"], strict=True) if b - a < 30)
    raw = credscore.score_frame(df, "body", id_cols=["id"], level="document")
    assert doc["n_sentences"].iloc[0] != raw["n_sentences"].iloc[0]  # markup changes the split without html=True


def test_cli_score_html(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(WIRE_PAGE, encoding="utf-8")
    res = run("score", "--html", "--json", str(page))
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert rows and not res.stderr
    for r in rows:
        for c in r["cues"]:
            if "<" not in WIRE_PAGE[c["start"] : c["end"]] and "&" not in WIRE_PAGE[c["start"] : c["end"]]:
                assert WIRE_PAGE[c["start"] : c["end"]] == c["text"]
    # Without --html: scored as it is, with a hint on standard error.
    res = run("score", str(page))
    assert res.returncode == 0 and b"pass --html" in res.stderr


def test_cli_score_file_and_report_html(tmp_path: Path) -> None:
    src = tmp_path / "pages.jsonl"
    src.write_text(
        "\n".join(json.dumps({"id": i, "html": h}) for i, h in enumerate([WIRE_PAGE, "<p>It rained.</p>", ""])) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    res = run("score-file", str(src), "-o", str(out), "--text-column", "html", "--id-column", "id",
              "--level", "document", "--html", "--quiet")  # fmt: skip
    assert res.returncode == 0, res.stderr
    doc = pd.read_csv(out)
    assert doc["id"].tolist() == [0, 1, 2] and doc["status"].tolist() == ["ok", "ok", "empty"]
    page = tmp_path / "page.html"
    page.write_text(WIRE_PAGE, encoding="utf-8")
    res = run("report", "--html", str(page), "-o", str(tmp_path / "report.html"))
    assert res.returncode == 0, res.stderr
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "unidentified diplomatic sources" in report and "officials said it may fail" not in report
