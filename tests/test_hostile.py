"""Hostile input and faults: nothing crashes, nothing is lost, nothing runs that should not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import credscore_exe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import credscore
from credscore.errors import InputError
from credscore.scoring import DocumentTooLongError, TruncatedWarning

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from adversarial import cases  # noqa: E402

pieces = st.sampled_from(
    [
        "Officials said", "according to the newspaper, which cited", "reportedly", "May", "may", "\u201c", "\u201d",
        "\u2018", "\u2019", '"', "'", "(", ")", ".", "?", "!", "...", "\n", "\n\n", " ", "\t", "\r\n",
        "\u0645\u0635\u0627\u062f\u0631 \u0645\u0637\u0644\u0639\u0629", "\u05d3\u05d5\u05d1\u05e8", "\u202e", "\u200f",
        "e\u0301\u0302\u0303", "\U0001f4f0\U0001f525", "\x00", "\x07", "\x1b[31m", "<p>", "</p>", "<a href='x'>",
        "&amp;", "SEOUL (Reuters) -", "By Jane Roe", "Mr.", "U.S.", "İ", "ß", "\ufeff", "\u2028", "\u00a0",
        "a senior official who asked not to be named", "sources familiar with the matter", "citing",
    ]
)  # fmt: skip
hostile = st.one_of(
    st.text(max_size=500),
    st.lists(pieces, max_size=120).map(" ".join),
    st.lists(pieces, max_size=120).map("".join),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
def test_any_text_scores_explains_and_summarizes(text: str) -> None:
    from credscore.explanations import explain_scores
    from credscore.sniff import text_problem
    from credscore.summary import summarize

    problem = text_problem(text)
    if problem is not None:  # mostly control characters: binary data, refused by name (tests/test_garbage_in.py)
        with pytest.raises(InputError, match="looks like binary data"):
            credscore.score(text)
        return
    scores = credscore.score(text)
    assert scores == credscore.score(text)
    prev = 0
    for s in scores:
        assert text[s.start : s.end] == s.text and prev <= s.start
        prev = s.end
        assert 0.0 <= s.reliability <= 1.0
        for c in s.cues:
            assert text[c.start : c.end] == c.text
    for e in explain_scores(text, scores):
        assert abs(sum(c.contribution for c in e.contributions) - e.log_odds) < 1e-6
    summary = summarize(text, scores=scores)
    assert summary.n_claims <= len(scores)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), hostile), min_size=1, max_size=12))
def test_batch_keeps_every_row_of_anything(values: list) -> None:
    df = pd.DataFrame({"text": pd.Series(values, dtype=object)})
    out = credscore.score_frame(df, level="document")
    assert len(out) == len(df) and out.index.equals(df.index)
    assert set(out["status"]) <= {"ok", "empty", "missing", "not_text"}
    sent = credscore.score_frame(df)
    assert sent["row"].drop_duplicates().tolist() == df.index.tolist()


def test_a_megabyte_of_text_without_punctuation() -> None:
    # Cut into pieces of at most MAX_SENTENCE_CHARS that cover it all (tests/test_garbage_in.py has the rest).
    from credscore.sentences import MAX_SENTENCE_CHARS

    text = "word " * 200_000
    scores = credscore.score(text)
    assert scores[0].start == 0 and scores[-1].end == len(text.rstrip())
    assert all(len(s.text) <= MAX_SENTENCE_CHARS and s.kind == "sentence" for s in scores)


def _timed(text: str) -> float:
    t0 = time.perf_counter()
    credscore.score(text)
    return time.perf_counter() - t0


@pytest.mark.perf
def test_adversarial_inputs_take_linear_time() -> None:
    """Every adversarial text (bench/adversarial.py) scales linearly: four times the
    length takes well under the 16 times a quadratic pattern would (bound: 10x,
    with 5 ms of slack for timer noise), and stays within 60x of news prose."""
    credscore.score("warm up.")
    small, big = cases(25_000), cases(100_000)
    story = (ROOT / "examples" / "wire-story.txt").read_text(encoding="utf-8") + "\n\n"
    prose = (story * (100_000 // len(story) + 1))[:100_000]
    base = max(_timed(prose), 0.01)
    bad = {}
    for name in small:
        t_small, t_big = _timed(small[name]), _timed(big[name])
        if t_big > 10 * max(t_small, 0.005) or t_big > 60 * base:
            # Once more, in case the machine was busy.
            t_small, t_big = _timed(small[name]), _timed(big[name])
            if t_big > 10 * max(t_small, 0.005) or t_big > 60 * base:
                bad[name] = (round(t_small, 3), round(t_big, 3), round(base, 3))
    assert bad == {}


def test_maximum_length() -> None:
    text = "Officials said it failed. " * 10
    with pytest.raises(DocumentTooLongError, match=r"260 characters; the limit is 100.*truncate=True"):
        credscore.score(text, max_chars=100)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scores = credscore.score(text, max_chars=100, truncate=True)
    assert any(issubclass(w.category, TruncatedWarning) for w in caught)
    assert scores and scores[-1].end <= 100 and all(text[s.start : s.end] == s.text for s in scores)
    assert len(credscore.score(text, max_chars=None)) == 10
    df = pd.DataFrame({"text": [text, "Short."]})
    out = credscore.score_frame(df, level="document", max_chars=100)
    assert out["status"].tolist() == ["too_long", "ok"] and "260 characters" in out["error"].iloc[0]
    out = credscore.score_frame(df, level="document", max_chars=100, truncate=True)
    assert out["status"].tolist() == ["truncated", "ok"] and out["n_sentences"].iloc[0] == 4


def test_malformed_csvs_keep_every_row(tmp_path: Path) -> None:
    from credscore.files import ScoreFileSettings, score_file

    huge = "Officials said it failed. " * 20_000  # a 520 KB cell
    raw = (
        (
            "\ufeffid,text\n"  # byte-order mark
            '1,"Officials said the plan failed."\n'
            '2,"A quote with an\nembedded newline, and ""quotes"" inside."\n'
            "3,ragged,extra,fields\n"
            '4,"' + huge + '"\n'
            "5,\n"
        ).encode("utf-8")
        + b'6,"caf\xe9 au lait, a latin-1 line"\n'
    )
    src = tmp_path / "messy.csv"
    src.write_bytes(raw)
    summary = score_file(str(src), str(tmp_path / "out.csv"), ScoreFileSettings(id_cols=["id"], level="document",
                         encoding_errors="keep", max_chars=100_000))  # fmt: skip
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert out["id"].tolist() == ["1", "2", "3", "4", "5", "6"]
    assert out["status"].tolist() == ["ok", "ok", "unreadable", "too_long", "empty", "unreadable"]
    assert "line 5" in out["error"].iloc[2] and "line 8" in out["error"].iloc[5]  # row 2 spans lines 3-4
    assert summary.rows == 6


@pytest.mark.slow
def test_killed_run_leaves_no_output_and_resume_matches(tmp_path: Path) -> None:
    story = (ROOT / "examples" / "wire-story.txt").read_text(encoding="utf-8")
    df = pd.DataFrame({"id": range(3000), "text": [story] * 3000})
    src = tmp_path / "in.csv"
    df.to_csv(src, index=False)
    ref, dst = tmp_path / "ref.csv", tmp_path / "out.csv"
    args = ["score-file", str(src), "--id-column", "id", "--chunksize", "10", "--quiet"]
    subprocess.run([credscore_exe(), *args, "-o", str(ref)], check=True, timeout=600)
    proc = subprocess.Popen([credscore_exe(), *args, "-o", str(dst)])
    parts = Path(str(dst) + ".parts")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(parts.glob("chunk-*.csv"))) < 3:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)  # no chance to clean up
    proc.wait()
    assert not dst.exists()
    done = len(list(parts.glob("chunk-*.csv")))
    assert done >= 3  # killed mid-run: some chunks done, no output (the run has 300 chunks)
    res = subprocess.run([credscore_exe(), *args, "-o", str(dst), "--resume"], capture_output=True, timeout=600)
    assert res.returncode == 0, res.stderr.decode()
    assert dst.read_bytes() == ref.read_bytes()
    assert not parts.exists()


@pytest.mark.perf
@pytest.mark.parametrize(
    "unit", ["<", "<a", "<a ", "<a b='", "<!--", "&", "&#", "&amp", "<script>", "</p>", "a<b>c", "<p>x</p>"]
)
def test_html_reading_takes_linear_time(unit: str) -> None:
    """Four times the markup takes well under the 16 times a quadratic reader would (bench/adversarial.py
    measures the seconds)."""
    from credscore.markup import parse_html

    def timed(markup: str) -> float:
        t0 = time.perf_counter()
        parse_html(markup)
        return time.perf_counter() - t0

    small, big = unit * (50_000 // len(unit)), unit * (200_000 // len(unit))
    t_small, t_big = timed(small), timed(big)
    if t_big > 10 * max(t_small, 0.005):
        t_small, t_big = timed(small), timed(big)  # once more, in case the machine was busy
    assert t_big <= 10 * max(t_small, 0.005), (t_small, t_big)
