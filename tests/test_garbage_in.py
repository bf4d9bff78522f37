"""Garbage in (issue 19): binary files, gzip, text without sentence boundaries, broken CSV quoting and the
raw text of unreadable rows. Each case as a new user met it, with the exact behaviour now."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from unittest import mock

import pandas as pd
import pytest
from conftest import run, run_exe
from hypothesis import given, settings
from hypothesis import strategies as st

import credscore
from credscore import sentences
from credscore.errors import InputError, ScoreFileError
from credscore.files import ScoreFileSettings, score_file
from credscore.sentences import MAX_SENTENCE_CHARS, split_sentences
from credscore.sniff import sniff, text_problem

ROOT = Path(__file__).resolve().parents[1]

CUT_NOTE = (
    "cut: the text runs more than 3,000 characters here without a sentence boundary, so it was cut into pieces "
    "of at most 3,000 characters (at white space where possible); this piece is not a sentence the writer ended"
)


# --- text without sentence boundaries ----------------------------------------------------------------------


def test_regression_5_mb_without_punctuation_was_one_heading() -> None:
    text = "word " * 1_000_000  # 5 MB, no punctuation, no line break: was one 5 MB "heading" at 0.12
    scores = credscore.score(text)
    assert len(scores) > 1_000
    assert {s.kind for s in scores} == {"sentence"}
    assert {s.notes for s in scores} == {(CUT_NOTE,)}
    assert max(len(s.text) for s in scores) <= MAX_SENTENCE_CHARS
    assert scores[0].start == 0 and scores[-1].end == len(text) - 1
    prev = 0
    for s in scores:
        assert text[s.start : s.end] == s.text and text[prev : s.start].strip() == ""
        assert s.text.endswith("word")  # cut at white space, never inside a word
        prev = s.end


def test_real_sentences_are_never_cut() -> None:
    long_sentence = "Officials said " + "the plan, " * 280 + "would fail."  # 2,826 characters, one sentence
    text = "Talks Stall\n\n" + long_sentence + " It rained."
    got = [(s.kind, s.text, s.notes) for s in credscore.score(text)]
    assert got == [("heading", "Talks Stall", ()), ("sentence", long_sentence, ()), ("sentence", "It rained.", ())]


def test_a_stretch_without_white_space_is_cut_at_the_limit() -> None:
    text = "x" * 7_000
    assert [(s.start, s.end, s.kind, s.cut) for s in split_sentences(text)] == [
        (0, 3_000, "sentence", True),
        (3_000, 6_000, "sentence", True),
        (6_000, 7_000, "sentence", True),
    ]


@pytest.mark.parametrize(
    ("unit", "what"),
    [
        ("e\u0301", "a combining accent"),
        ("\ud83d\udcf0", "a surrogate pair"),
        ("\U0001f469\u200d", "a zero-width joiner"),
    ],
)
def test_a_hard_cut_never_splits_a_character(unit: str, what: str) -> None:
    text = "a" + unit * 4_000  # no white space; index 3,000 falls inside a unit
    pieces = split_sentences(text)
    assert "".join(p.text for p in pieces) == text
    for p in pieces[:-1]:
        assert not sentences._inside_character(text, p.end), what
        assert MAX_SENTENCE_CHARS - 2 <= len(p.text) <= MAX_SENTENCE_CHARS


_words = st.lists(
    st.sampled_from(["word", "Word", "x" * 30, "e\u0301", " ", "  ", "\n", "\t", "\u00a0", ".", "said", "\u201c"]),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_words, st.integers(min_value=8, max_value=60))
def test_bounded_split_property(text: str, limit: int) -> None:
    """With any limit: a segment within it is what the splitter made without a limit; a longer one is cut
    into pieces within it that cover it, at white space when the second half of the window has some, and
    never inside a character. Spans stay exact."""
    with mock.patch.object(sentences, "MAX_SENTENCE_CHARS", 10**9):
        whole = split_sentences(text)
    with mock.patch.object(sentences, "MAX_SENTENCE_CHARS", limit):
        cut = split_sentences(text)
    i = 0
    for s in whole:
        if len(s.text) <= limit:
            assert cut[i] == s
            i += 1
            continue
        pos = s.start
        while pos < s.end:
            p = cut[i]
            i += 1
            assert text[p.start : p.end] == p.text and p.kind == "sentence" and p.cut
            assert len(p.text) <= limit and text[pos : p.start].strip() == ""
            if p.end < s.end and not text[p.end].isspace():  # a hard cut: no white space to cut at
                assert not re.search(r"[ \n\t\r\u00a0]", text[p.start + limit // 2 : p.start + limit])
                assert not sentences._inside_character(text, p.end)
            pos = p.end
        assert pos == s.end
    assert i == len(cut)


# --- binary files: named, never "try latin-1" --------------------------------------------------------------

PDF_MESSAGE = "looks like a PDF file; credscore reads text: extract its text first, e.g. pdftotext"


def test_regression_a_binary_file_got_a_latin_1_hint_and_was_scored_with_it(tmp_path: Path) -> None:
    blob = tmp_path / "photo.bin"
    blob.write_bytes(bytes(range(256)) * 20)  # no known signature; NUL at byte 0
    expected = f"credscore: {blob} looks like binary data, not text (a NUL byte at byte 0); credscore reads text"
    for args in (("score", str(blob)), ("score", "--encoding", "latin-1", str(blob)), ("report", str(blob))):
        res = run(*args, *(["-o", str(tmp_path / "r.html")] if args[0] == "report" else []))
        err = res.stderr.decode()
        assert res.returncode == 1 and err.startswith(expected), err
        assert "latin-1" not in err and res.stdout == b""


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF file"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml...word/document.xml", "a Word document (.docx)"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml...xl/workbook.xml", "an Excel workbook (.xlsx)"),
        (
            b"PK\x03\x04\x14\x00\x00\x00notes.txt",
            "a zip archive (or a document stored as one: .docx, .xlsx, .odt, .epub)",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00", "a GIF image"),
        (b"\x7fELF\x02\x01\x01\x00", "an ELF program"),
        (b"BZh91AY&SY\x00", "a bzip2-compressed file"),
        (b"\xfd7zXZ\x00\x00", "an xz-compressed file"),
        (b"\x28\xb5\x2f\xfd\x00", "a zstd-compressed file"),
        (b"SQLite format 3\x00\x10\x00", "a SQLite database"),
        (b"PAR1\x15\x04", "a Parquet file"),
        (b"report.txt".ljust(257, b"\x00") + b"ustar\x0000", "a tar archive"),
    ],
)
def test_known_file_types_are_named(head: bytes, what: str) -> None:
    with pytest.raises(InputError, match=f"^a.bin looks like {re.escape(what)}; credscore reads text: "):
        sniff(head + b"\x00" * 64, where="a.bin")


def test_text_that_starts_like_a_signature_is_text() -> None:
    assert sniff(b"BZh, said the minister. PK is a party.", where="a.txt") == "text"
    assert sniff(b"", where="empty.txt") == "text"
    assert sniff("Caf\u00e9 \x1b[31mred\x1b[0m\ttab\f".encode(), where="a.txt") == "text"


def test_pdf_on_the_command_line(tmp_path: Path) -> None:
    pdf = tmp_path / "story.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")  # no NUL: would decode as utf-8
    res = run_exe("score", str(pdf))
    assert res.returncode == 1
    assert res.stderr.decode() == f"credscore: {pdf} {PDF_MESSAGE} {pdf} out.txt\n"


def test_utf16_is_named_with_its_encoding() -> None:
    with pytest.raises(InputError, match=r"is UTF-16 text \(it starts with a UTF-16 byte-order mark\), not utf-8; "
                       "pass its encoding, encoding='utf-16'"):  # fmt: skip
        sniff("Officials said so.".encode("utf-16"), where="a.txt")
    with pytest.raises(InputError, match=r"looks like UTF-16-LE text without a byte-order mark .*encoding='utf-16-le'"):
        sniff("Officials said so.".encode("utf-16-le"), where="a.txt")
    assert sniff("Officials said so.".encode("utf-16"), where="a.txt", encoding="utf-16") == "text"
    res = run("score", "-", stdin="Officials said so.".encode("utf-16"))  # the command line names the flag
    assert res.returncode == 1 and res.stderr.decode().endswith("pass its encoding, --encoding utf-16\n")
    res = run("score", "--encoding", "utf-16", "-", stdin="Officials said so.".encode("utf-16"))
    assert res.returncode == 0 and b"Officials said so." in res.stdout


def test_mostly_control_characters_are_binary_not_text() -> None:
    head = (b"\x01\x02\x03abcdef\x04\x05\x06") * 100  # half control characters, no NUL
    with pytest.raises(InputError, match=r"looks like binary data, not text \(600 of its first 1,200 bytes"):
        sniff(head, where="a.dat")


# --- NUL and control characters as a str -----------------------------------------------------------------


def test_regression_5000_nuls_were_a_heading_at_0_55(tmp_path: Path) -> None:
    nuls = "\x00" * 5000
    message = (
        "the text looks like binary data, not text: 5,000 of its 5,000 characters are NUL or other control "
        "characters; decode the right file, or extract its text first"
    )
    with pytest.raises(InputError) as info:
        credscore.score(nuls)
    assert str(info.value) == message
    out = credscore.score_frame(pd.DataFrame({"text": [nuls, "It rained."]}), level="document")
    assert out["status"].tolist() == ["not_text", "ok"] and out["error"].iloc[0] == message
    f = tmp_path / "nuls.txt"
    f.write_bytes(b"\x00" * 5000)
    res = run_exe("score", str(f))
    assert res.returncode == 1
    assert res.stderr.decode().startswith(f"credscore: {f} looks like binary data, not text (a NUL byte at byte 0)")


def test_a_few_control_characters_in_an_article_are_fine() -> None:
    text = "Officials said the plan failed.\x00 It rained.\x07 Critics say it may fail."
    assert text_problem(text) is None
    assert [(s.text, s.kind) for s in credscore.score(text)] == [(text, "sentence")]
    assert text_problem("\x00\x00 ab") is not None  # 2 of 5 characters: over a third
    assert text_problem("\x00 abc") is None  # 1 of 5


# --- gzip -------------------------------------------------------------------------------------------------


def test_regression_gzip_got_an_encoding_hint(tmp_path: Path) -> None:
    story = (ROOT / "examples" / "wire-story.txt").read_bytes()
    plain = run("score", "--json", str(ROOT / "examples" / "wire-story.txt"))
    for name in ("story.txt.gz", "story.txt"):  # by its first bytes, whatever its name
        gz = tmp_path / name
        gz.write_bytes(gzip.compress(story))
        res = run("score", "--json", str(gz))
        assert res.returncode == 0 and res.stdout == plain.stdout, res.stderr
    res = run_exe("score", "--json", "-", stdin=gzip.compress(story))
    assert res.returncode == 0 and res.stdout == plain.stdout, res.stderr
    res = run("report", str(tmp_path / "story.txt.gz"), "-o", str(tmp_path / "r.html"))
    assert res.returncode == 0 and "The two leaders met three times in 2018." in (tmp_path / "r.html").read_text()


def test_gzip_of_a_pdf_and_gzip_twice(tmp_path: Path) -> None:
    f = tmp_path / "a.pdf.gz"
    f.write_bytes(gzip.compress(b"%PDF-1.4\n"))
    res = run("score", str(f))
    assert res.returncode == 1 and res.stderr.decode().startswith(f"credscore: {f} (decompressed) {PDF_MESSAGE}")
    f.write_bytes(gzip.compress(gzip.compress(b"It rained.")))
    res = run("score", str(f))
    assert (
        res.stderr.decode()
        == f"credscore: {f} is gzip-compressed twice; decompress it once first, e.g. gunzip -k {f}\n"
    )


def test_score_file_reads_gzip_by_its_first_bytes_and_resumes(tmp_path: Path, monkeypatch) -> None:
    from credscore.files import run as file_run

    rows = pd.DataFrame({"id": range(12), "text": [f"Officials said plan {i} failed." for i in range(12)]})
    plain = tmp_path / "in.csv"
    rows.to_csv(plain, index=False)
    reference = tmp_path / "reference.csv"
    score_file(str(plain), str(reference), ScoreFileSettings(id_cols=["id"], chunksize=4))
    src = tmp_path / "in-gzipped.csv"  # gzip under a .csv name
    src.write_bytes(gzip.compress(plain.read_bytes()))
    dst = tmp_path / "out.csv"
    real = file_run.score_frame
    calls = {"n": 0}

    def dies_on_second_chunk(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(file_run, "score_frame", dies_on_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        score_file(str(src), str(dst), ScoreFileSettings(id_cols=["id"], chunksize=4))
    monkeypatch.setattr(file_run, "score_frame", real)
    summary = score_file(str(src), str(dst), ScoreFileSettings(id_cols=["id"], chunksize=4, resume=True))
    assert summary.resumed_chunks == 1 and summary.rows == 12
    assert dst.read_bytes() == reference.read_bytes()
    res = run_exe("score-file", "-", "-o", "-", "--id-column", "id", "--chunksize", "4", "--quiet",
                  stdin=src.read_bytes())  # fmt: skip
    assert res.returncode == 0 and res.stdout == reference.read_bytes(), res.stderr


def test_score_file_names_binary_input(tmp_path: Path) -> None:
    src = tmp_path / "table.csv"
    src.write_bytes(b"PAR1" + b"\x00" * 100)
    res = run("score-file", str(src), "-o", str(tmp_path / "o.csv"))
    assert res.returncode == 1
    assert res.stderr.decode() == (
        f"credscore: {src} looks like a Parquet file; credscore reads text: name it .parquet, or pass "
        "--input-format parquet\n"
    )
    src.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(ScoreFileError, match=f"table.csv {PDF_MESSAGE}"):
        score_file(str(src), str(tmp_path / "o.csv"))
    assert not (tmp_path / "o.csv.parts").exists()


# --- CSV: a quoted field that runs over the following lines ---------------------------------------------

BROKEN = (
    "id,text\n"
    '1,"Officials said the plan failed."\n'
    '2,"He said ""no""\nand left."\n'  # a real multi-line field, lines 3-4
    '3,"The quote opens and is not closed\n'  # line 5
    "4,Critics say it may fail.\n"
    '5,"fine"\n'  # line 7: its opening quote closes line 5's field in the middle of a field
    "6,It rained.\n"
)
BROKEN_PROBLEM = (
    "line 5: a quoted field opens here and runs on to line 7, where a quotation mark closes it in the middle of "
    "a field, so the rows on lines 6-7 would be read into this row; close the quotation mark on line 5 (a "
    'quotation mark inside a quoted field is written twice: ""), or remove it'
)


def test_regression_an_unclosed_quote_swallowed_the_following_rows(tmp_path: Path) -> None:
    src = tmp_path / "broken.csv"
    src.write_text(BROKEN, encoding="utf-8")
    dst = tmp_path / "out.csv"
    summary = score_file(str(src), str(dst), ScoreFileSettings(id_cols=["id"], level="document"))
    out = pd.read_csv(dst, dtype=str, keep_default_na=False)
    assert out["id"].tolist() == ["1", "2", "3", "6"]
    assert out["status"].tolist() == ["ok", "ok", "unreadable", "ok"]
    assert out["error"].iloc[2] == BROKEN_PROBLEM
    assert out["raw"].iloc[2] == '3,"The quote opens and is not closed\\n4,Critics say it may fail.\\n5,"fine"'
    assert out["raw"].iloc[[0, 1, 3]].tolist() == ["", "", ""]
    assert summary.statuses["unreadable"] == 1
    res = run_exe("score-file", str(src), "-o", str(tmp_path / "e.csv"), "--on-bad-lines", "error")
    assert res.returncode == 1
    assert res.stderr.decode() == f"credscore: {src}: {BROKEN_PROBLEM}. Fix it, or pass --on-bad-lines keep " \
        "(score the other rows and give this one status 'unreadable'), 'warn' or 'skip'\n"  # fmt: skip


def test_an_unclosed_quote_that_runs_to_the_end_of_the_file(tmp_path: Path) -> None:
    src = tmp_path / "eof.csv"
    src.write_text('id,text\n1,It rained.\n2,"never closed\n3,x\n4,y\n', encoding="utf-8")
    with pytest.raises(ScoreFileError, match=re.escape(
        "line 3: a quoted field opens here and is never closed, so lines 4-5 (to the end of the file) would be "
        "read into this row; close the quotation mark on line 3")):  # fmt: skip
        score_file(str(src), str(tmp_path / "o.csv"), ScoreFileSettings(on_bad_lines="error"))


def test_the_open_quote_is_found_after_a_real_multi_line_field(tmp_path: Path) -> None:
    src = tmp_path / "two.csv"
    src.write_text('id,a,text\n1,"line one\nline two","opens here\n2,x,"y"\n', encoding="utf-8")
    with pytest.raises(ScoreFileError, match=r"line 3: a quoted field opens here and runs on to line 4"):
        score_file(str(src), str(tmp_path / "o.csv"), ScoreFileSettings(on_bad_lines="error"))


def test_real_multi_line_fields_keep_working(tmp_path: Path) -> None:
    rows = pd.DataFrame({"id": [1, 2, 3], "text": ['He said "no"\nand left.', "A\r\n\r\nB.", "It rained."]})
    src = tmp_path / "ok.csv"
    rows.to_csv(src, index=False)
    out = tmp_path / "out.csv"
    score_file(str(src), str(out), ScoreFileSettings(id_cols=["id"], level="document"))
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert got["status"].tolist() == ["ok", "ok", "ok"] and got["id"].tolist() == ["1", "2", "3"]


# --- unreadable rows keep their raw text ---------------------------------------------------------------


def test_regression_unreadable_rows_lost_their_raw_text(tmp_path: Path) -> None:
    src = tmp_path / "messy.csv"
    src.write_bytes(b'id,text\n1,ragged,extra\n2,"caf\xe9 \\ \x01"\n3,It rained.\n')
    dst = tmp_path / "out.jsonl"
    score_file(str(src), str(dst), ScoreFileSettings(id_cols=["id"], encoding_errors="keep"))
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["status"], r["raw"]) for r in rows] == [
        ("1", "unreadable", "1,ragged,extra"),
        ("2", "unreadable", '2,"caf\\xe9 \\\\ \\x01"'),
        ("3", "ok", None),
    ]
    src = tmp_path / "messy.jsonl"
    src.write_bytes(b'{"id": 1, "text": "It rained."}\n{"id": 2, "text": \n')
    score_file(str(src), str(dst), ScoreFileSettings(id_cols=["id"], level="document"))
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [(r["status"], r["raw"]) for r in rows] == [("ok", None), ("unreadable", '{"id": 2, "text": ')]
