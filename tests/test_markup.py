"""HTML input: the text a reader sees, a map back to the page, and the same reading as plain text."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import run  # tests/ is on sys.path (pytest rootdir-relative imports)
from hypothesis import given, settings
from hypothesis import strategies as st

import credscore
from credscore.markup import html_to_text, looks_like_html, parse_html
from credscore.sniff import text_problem

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
    # (html, clean text)
    ("plain text, no markup", "plain text, no markup"),
    ("<p>Hi.</p>", "Hi."),
    ("Line one<br>Line two", "Line one\nLine two"),
    ("One.<br><br>Two.", "One.\n\nTwo."),  # a blank line is a paragraph break
    ("<b>Officials</b> said", "Officials said"),
    # the cases of issue 12: references decoded in place, nothing padded
    ("didn&rsquo;t", "didn\u2019t"),
    ("the mayor&#8217;s office", "the mayor\u2019s office"),
    ("$40&nbsp;million", "$40 million"),
    ("did<b>n't</b> <i>un</i>derstand", "didn't understand"),  # inline tags inside a word join it
    ('<p title="Council > June">The council met.</p>', "The council met."),  # ">" in a quoted attribute
    ("<a href='/x?a=1&b=2' data-x=\"<p>\">link</a> text", "link text"),
    ("AT&T &amp; &#8220;x&#x201D; &bogus; a < b", "AT&T & \u201cx\u201d &bogus; a < b"),  # unknown stays
    ("x<!-- said -->y", "xy"),
    ("x<!-- never closed", "x"),
    ("<script>said()</script>ok", "ok"),
    ("<SCRIPT type=x>a\nb</Script >ok", "ok"),
    ("<style>p{}</style>text", "text"),
    ("<script src=x />text", "text"),  # self-closing: nothing to hide
    ("<p>Kept.</p><div hidden>Officials said <div>nested</div> it.</div><p>Also kept.</p>", "Kept.\n\nAlso kept."),
    ('<p style="display: none">Hidden.</p><p>Shown.</p>', "Shown."),
    ("<noscript>Enable JS.</noscript><template><p>t</p></template>Body", "Body"),
    ("<?xml version='1.0'?><!DOCTYPE html>t", "t"),
    ("<h2>Head</h2>Body", "Head\n\nBody"),
    ("<td>a</td><td>b</td>", "a\n\nb"),
    ("<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>", "a\n\nb"),
    ("1 <2 and 3> 1", "1 <2 and 3> 1"),
    ("a  \n\t b", "a b"),  # white space collapses, as a browser renders it
    ("<pre>a\n  b</pre>", "a\n  b"),  # but not in <pre>
    ("<p>Ends here. </p>", "Ends here."),
    ("<a b='unterminated", ""),  # a tag the page ends inside is dropped, as a browser drops it
]


@pytest.mark.parametrize(("markup", "expected"), GOLDEN)
def test_golden(markup: str, expected: str) -> None:
    assert html_to_text(markup) == expected
    assert parse_html(markup).text == expected


def test_the_title_is_clean_and_apart() -> None:
    page = (
        "<html><head><title>Harbor town weighs new sea wall &ndash;\n      The Coast Ledger</title></head>"
        "<body><h1>Harbor town weighs new sea wall</h1><p>The council voted 7-5.</p></body></html>"
    )
    doc = parse_html(page)
    assert doc.title == "Harbor town weighs new sea wall \u2013 The Coast Ledger"
    assert doc.text == "Harbor town weighs new sea wall\n\nThe council voted 7-5."


def test_page_spans_point_at_the_source_of_each_character() -> None:
    page = "<p>Officials <b>said</b> it didn&rsquo;t&nbsp;fail.</p>"
    doc = parse_html(page)
    assert doc.text == "Officials said it didn\u2019t fail."
    assert page[slice(*doc.page_span(10, 14))] == "said"
    i = doc.text.index("\u2019")
    assert page[slice(*doc.page_span(i, i + 1))] == "&rsquo;"
    a, b = doc.page_span(0, len(doc.text))
    assert page[a:b] == "Officials <b>said</b> it didn&rsquo;t&nbsp;fail."
    with pytest.raises(ValueError, match="not inside the text"):
        doc.page_span(0, len(doc.text) + 1)


# --- the same article as HTML and as plain text reads alike ---------------------------------

PAGES = {
    "cms article": (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Port deal &ndash; The Ledger</title>"
        "<link rel='stylesheet' href='/s.css'><script>window.dataLayer=[];</script></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
        "<article class='story'><header><h1 class='headline'>Port deal stalls over dredging costs</h1>"
        "<p class='byline'>By Dana Ortiz</p></header>"
        "<div class='body'><p>The port authority&rsquo;s board delayed a vote on the $40&nbsp;million dredging "
        "contract on Tuesday, according to <a href='https://example.org/minutes'>minutes of the meeting</a>.</p>"
        "<p>&ldquo;We are not going to rush this,&rdquo; board chair <strong>Ellen Marsh</strong> told "
        "reporters.</p>"
        "<p>Two people familiar with the talks, who asked not to be named, said the contractor may withdraw.</p>"
        "<aside class='ad' hidden><p>Officials said you should subscribe.</p></aside>"
        "<p>The port handled 1.2 million containers last year.</p></div></article>"
        "<footer><p style='display:none'>Critics say this footer is hidden.</p></footer></body></html>"
    ),
    "wire with inline markup": (
        "<div><p>SEOUL (Reuters) - North Korea&#8217;s leader sent a letter to the South, a newspaper "
        "<em>reported</em> on Tuesday, citing <span class='anon'>unidentified</span> diplomatic sources.</p>"
        "<p>The letter <i>reportedly</i> proposes a new summit.</p>"
        "<p title='Source > Reuters'>It is unclear whether the South will respond.</p></div>"
    ),
    "blog post with line breaks": (
        "<p>Critics say the plan is too costly.<br>\n"
        "Some analysts believe it could still pass.</p>\n"
        "<blockquote><p>&quot;The numbers do not add up,&quot; said Sen. Ann Roe.</p></blockquote>\n"
        "<p>The bill is expected to reach the floor in May.</p>"
    ),
}

PLAIN = {
    "cms article": (
        "Home\n\nNews\n\nPort deal stalls over dredging costs\n\nBy Dana Ortiz\n\n"
        "The port authority\u2019s board delayed a vote on the $40 million dredging contract on Tuesday, "
        "according to minutes of the meeting.\n\n"
        "\u201cWe are not going to rush this,\u201d board chair Ellen Marsh told reporters.\n\n"
        "Two people familiar with the talks, who asked not to be named, said the contractor may withdraw.\n\n"
        "The port handled 1.2 million containers last year."
    ),
    "wire with inline markup": (
        "SEOUL (Reuters) - North Korea\u2019s leader sent a letter to the South, a newspaper reported on "
        "Tuesday, citing unidentified diplomatic sources.\n\n"
        "The letter reportedly proposes a new summit.\n\n"
        "It is unclear whether the South will respond."
    ),
    "blog post with line breaks": (
        "Critics say the plan is too costly.\nSome analysts believe it could still pass.\n\n"
        '"The numbers do not add up," said Sen. Ann Roe.\n\n'
        "The bill is expected to reach the floor in May."
    ),
}


def _reading(scores: list[credscore.SentenceScore]) -> list[tuple]:
    return [
        (s.start, s.end, s.text, s.kind, s.label, round(s.reliability, 6),
         tuple((c.kind, c.rule, c.start, c.end, c.text) for c in s.cues),
         tuple((x.type, x.anonymous, x.text) for x in s.sources))
        for s in scores
    ]  # fmt: skip


@pytest.mark.parametrize("name", sorted(PAGES))
def test_html_and_plain_text_read_alike(name: str) -> None:
    page, plain = PAGES[name], PLAIN[name]
    doc = parse_html(page)
    assert doc.text == plain
    html_scores, plain_scores = credscore.score(doc.text), credscore.score(plain)
    assert _reading(html_scores) == _reading(plain_scores)
    assert html_scores  # and they found something to compare
    for s in html_scores:
        a, b = doc.page_span(s.start, s.end)
        assert 0 <= a < b <= len(page)
        for c in s.cues:
            ca, cb = doc.page_span(c.start, c.end)
            assert a <= ca < cb <= b


def test_a_wire_story_page() -> None:
    doc = parse_html(WIRE_PAGE)
    assert doc.title == "North Korea letter"
    scores = credscore.score(doc.text)
    joined = " ".join(s.text for s in scores)
    assert "officials said it may fail" not in joined and "this comment" not in joined and "color" not in joined
    by_text = {s.text: s for s in scores}
    (report,) = [s for t, s in by_text.items() if t.startswith("North Korean leader")]
    assert {"secondhand", "anonymous_source"} <= {c.kind for c in report.cues}
    cue = next(c for c in report.cues if c.text == "unidentified diplomatic sources")
    assert WIRE_PAGE[slice(*doc.page_span(cue.start, cue.end))] == "unidentified diplomatic sources"
    assert "The two leaders met three times in 2018." in by_text and "The talks stalled in 2019." in by_text
    assert by_text["The two leaders met three times in 2018."].reliability > report.reliability
    assert any(s.kind == "heading" and s.text.startswith("North Korea\u2019s leader") for s in scores)


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_regression_a_blank_line_inside_a_comment_or_script_does_not_split_the_sentence(newline: str) -> None:
    for hidden in (f"<!-- note{newline}{newline}fix -->", f"<script>x(){newline}{newline}y()</script>"):
        page = f"<p>Officials {hidden} said the plan failed.</p>"
        (s,) = credscore.score(html_to_text(page))
        assert s.text == "Officials said the plan failed."


def test_rejects_bytes_with_the_fix() -> None:
    with pytest.raises(TypeError, match="expects str, got bytes; decode bytes first"):
        html_to_text(b"<p>x</p>")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expects str, got bytes; decode bytes first"):
        parse_html(b"<p>x</p>")  # type: ignore[arg-type]


def test_looks_like_html() -> None:
    assert looks_like_html(WIRE_PAGE) and looks_like_html("<p>Officials said so.</p>")
    assert not looks_like_html("Officials said 3 < 4 and x > y.") and not looks_like_html("")


# --- invariants over any input --------------------------------------------------

markup_pieces = st.sampled_from(
    [
        "<p>", "</p>", "<br>", "<br/>", "<b>", "</b>", "<a href='x'>", "<a title=\"a>b\">", "<!--", "-->", "<script>",
        "</script>", "<style>", "</style", "<?x?>", "<!DOCTYPE html>", "&amp;", "&rsquo;", "&#8220;", "&#x201D;",
        "&#0;", "&#99999999;", "&bogus;", "&", "<", ">", "<<", "Officials said", " it may fail.", "\n", "\u00e9",
        "\U0001f4f0", "\x00", "&nbsp;", "&NotEqualTilde;", "<div hidden>", "</div>", "<pre>", "</pre>", "<title>",
        "</title>", "<a b='", "'", '"', " ", "\u00a0",
    ]
)  # fmt: skip
any_markup = st.one_of(st.text(max_size=300), st.lists(markup_pieces, max_size=80).map("".join))


@settings(max_examples=300, deadline=None)
@given(any_markup)
def test_any_input_maps_back_into_the_page(markup: str) -> None:
    doc = parse_html(markup)
    text = doc.text
    assert parse_html(markup).text == text and text == text.strip()
    prev = 0
    for i, ch in enumerate(text):
        a, b = doc.page_span(i, i + 1)
        assert 0 <= a < b <= len(markup) and a >= prev  # in the page, in page order
        prev = a
        if b - a == 1 and ch not in " \n":
            assert markup[a] == ch  # a character of the page, where it was
    if text_problem(text) is not None:
        return  # mostly control characters: binary data, refused by name (tests/test_garbage_in.py)
    for s in credscore.score(text):
        assert text[s.start : s.end] == s.text
        assert all(text[c.start : c.end] == c.text for c in s.cues)


# --- batch and CLI ----------------------------------------------------------------


def test_score_frame_html() -> None:
    df = pd.DataFrame({"id": [1, 2, 3], "body": [WIRE_PAGE, "<p></p><script>x()</script>", None]})
    doc = credscore.score_frame(df, "body", id_cols=["id"], level="document", html=True)
    assert doc["status"].tolist() == ["ok", "empty", "missing"]
    sent = credscore.score_frame(df, "body", id_cols=["id"], html=True)
    rows = sent[sent["id"] == 1]
    clean = parse_html(WIRE_PAGE)
    for r in rows.itertuples():
        assert clean.text[r.start : r.end] == r.text
        assert (r.page_start, r.page_end) == clean.page_span(r.start, r.end)
    plain = credscore.score_frame(pd.DataFrame({"body": ["Officials said so."]}), "body")
    assert plain["page_start"].isna().all() and plain["text"].tolist() == ["Officials said so."]


def test_cli_score_html(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(WIRE_PAGE, encoding="utf-8")
    res = run("score", "--html", "--json", str(page))
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert rows and not res.stderr
    for r in rows:
        assert 0 <= r["page_start"] < r["page_end"] <= len(WIRE_PAGE)
        for c in r["cues"]:
            if c["text"] == "unidentified diplomatic sources":
                assert WIRE_PAGE[c["page_start"] : c["page_end"]] == c["text"]
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
    assert "<title>credscore: North Korea letter</title>" in report
