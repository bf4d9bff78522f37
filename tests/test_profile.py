"""credscore.profile and ``credscore profile``: shares checked by hand, chunked equals whole, bad input.

The scored frame is real output: :func:`credscore.score_frame` over a few hand-written articles. The
expected numbers are computed here from :func:`credscore.score`'s objects (``SentenceScore.is_claim``,
``Source``), not from the JSON the profile parses, so the two paths check each other.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from conftest import run

import credscore
from credscore.profiles import (
    CLAIM_TYPES,
    MISSING_GROUP,
    SHARES,
    UNKNOWN_PERIOD,
    ProfileError,
    ProfileWarning,
    profile_columns,
    wilson_interval,
)

# id, outlet, author, date, text: anonymous sources with and without a stated reason, named people and
# organisations, documents, vague sources, a relay, a heading, questions, a credit line, an empty article,
# a missing outlet, a missing date and one that cannot be read.
ARTICLES = [
    ("a1", "Daily Ledger", "Ann Roe", "2024-01-15",
     "Port deal stalls\n\nThe port deal stalled on Monday, two officials familiar with the talks said. "
     "They spoke on condition of anonymity because they were not authorized to discuss the matter. "
     "\"We remain committed to the deal,\" Mayor Linda Park told reporters. Will the deal survive? "
     "Critics say the plan was rushed. The port opened in 1921."),
    ("a2", "Daily Ledger", "Ann Roe", "2024-01-30",
     "A senior administration official said the tariffs would rise. The Guardian reported that the "
     "ministry had drafted a letter, citing unnamed diplomats. According to the report, the letter was sent "
     "in March. Finance Minister Omar Said said the budget was balanced."),
    ("a3", "Daily Ledger", "Ben Cho", "2024-02-03",
     "Officials said the bridge would close. The bridge carries 40,000 cars a day. "
     "Some analysts believe traffic may double. The company said in a statement that repairs would start soon. "
     "(Reporting by Ben Cho; Editing by Sam Poe)"),
    ("a4", "Harbor Post", "Cy Diaz", "2024-02-20",
     "People briefed on the matter said the merger was off. A person close to the company, who asked not to be "
     "named because the talks were private, said the board had voted. Acme Corp. declined to comment. "
     "The shares fell 4 percent."),
    ("a5", "Harbor Post", None, "not a date",
     "Governor Maria Lopez said the budget would pass. It may pass next week, she said. "
     "Lawmakers are divided. Sources said the vote could slip."),
    ("a6", None, "Dee Eng", None,
     "The city council approved the plan. Council member Raj Patel said it was overdue. "
     "Residents have complained for years, according to a report by the city auditor."),
    ("a7", "Harbor Post", "Cy Diaz", "2024-03-02", ""),
    ("a8", "Daily Ledger", "Ben Cho", "2024-03-09",
     "Two people familiar with the investigation said prosecutors had a witness. Prosecutors declined to "
     "comment. The trial starts in May, court records show. Is the witness credible?"),
]  # fmt: skip
_RANK = {"vague": 3, "anonymous": 2, "relayed": 1, "named": 0}


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return pd.DataFrame(ARTICLES, columns=["id", "outlet", "author", "date", "text"])


@pytest.fixture(scope="module")
def scored(articles: pd.DataFrame) -> pd.DataFrame:
    return credscore.score_frame(articles, "text", id_cols=["id", "outlet", "author", "date"])


def _rank(x: credscore.Source) -> int:
    if x.type == "vague":
        return _RANK["vague"]
    if x.anonymous:
        return _RANK["anonymous"]
    if x.outlet or x.via is not None:
        return _RANK["relayed"]
    return _RANK["named"]


def _by_hand(group_of) -> dict:
    """Counts per group from score()'s objects, by the definitions in credscore/profiles.py's docstring."""
    groups: dict = {}
    for row in ARTICLES:
        g = groups.setdefault(group_of(row), Counter())
        scores = credscore.score(row[4])
        g["n_articles"] += 1
        g["n_articles_unscored"] += not scores
        g["n_sentences"] += len(scores)
        g.setdefault("anon", Counter())
        for s in scores:
            if not s.is_claim:
                continue
            g["n_claims"] += 1
            pool = [x for x in s.sources if not x.inherited] or list(s.sources)
            g[f"n_type_{max(pool, key=_rank).type if pool else 'unattributed'}"] += 1  # max: the first of ties
            anon = [x for x in s.sources if x.kind == "anonymous_source"]
            g["n_anonymous"] += bool(anon)
            g["n_anonymous_with_reason"] += any(x.anonymity_reason is not None for x in anon)
            g["n_relayed"] += s.hops >= 2
            g["hops_relayed"] += s.hops if s.hops >= 2 else 0
            g["n_uncertain"] += s.certainty < 0.5
            g["certainty"] += s.certainty
            g[f"n_label_{s.label}"] += 1
            names = {" ".join((x.refers_to or x).text.split()).lower() for x in anon}
            g["anon"].update(names)
    return groups


def test_shares_match_a_count_by_hand(scored: pd.DataFrame) -> None:
    prof = credscore.profile(scored, by="outlet", min_claims=5)
    want = _by_hand(lambda row: row[1] if row[1] is not None else MISSING_GROUP)
    assert list(prof["outlet"]) == ["Daily Ledger", "Harbor Post", MISSING_GROUP]
    assert list(prof.columns) == profile_columns(["outlet"])
    for _, row in prof.iterrows():
        g = want[row["outlet"]]
        for col in ("n_articles", "n_articles_unscored", "n_sentences", "n_claims", *(c for c, _ in SHARES.values())):
            assert row[col] == g[col], (row["outlet"], col)
        for name, (count, denom) in SHARES.items():
            n = g[denom]
            if n == 0:
                assert np.isnan(row[f"share_{name}"]) and np.isnan(row[f"share_{name}_lo"])
                continue
            assert row[f"share_{name}"] == g[count] / n, name
            from scipy.stats import binomtest

            ci = binomtest(g[count], n).proportion_ci(method="wilson")
            assert row[f"share_{name}_lo"] == pytest.approx(ci.low, abs=1e-12)
            assert row[f"share_{name}_hi"] == pytest.approx(ci.high, abs=1e-12)
        assert row["mean_certainty"] == pytest.approx(g["certainty"] / g["n_claims"], rel=1e-12)
        relayed = g["n_relayed"]
        assert (np.isnan(row["mean_hops_relayed"]) and not relayed) or row["mean_hops_relayed"] == g[
            "hops_relayed"
        ] / relayed
        assert row["too_small"] == (g["n_claims"] < 5)
        assert sum(json.loads(row["certainty_hist"])) == g["n_claims"]
        assert dict(json.loads(row["top_anonymous"])) == dict(g["anon"].most_common(10))
        assert row["phrase_count_error"] == 0
    # The hand-written articles do exercise every rule.
    ledger = want["Daily Ledger"]
    assert ledger["n_anonymous"] >= 3 and want["Harbor Post"]["n_anonymous_with_reason"] == 1
    assert ledger["n_relayed"] == 1 and ledger["n_type_vague"] == 2 and ledger["n_type_named_person"] >= 2
    assert want["Harbor Post"]["n_articles_unscored"] == 1


def test_claims_are_counted_as_summarize_counts_them(scored: pd.DataFrame) -> None:
    prof = credscore.profile(scored, by="id", min_claims=0)
    for row in ARTICLES:
        n = int(prof.loc[prof["id"] == row[0], "n_claims"].iloc[0])
        assert n == credscore.summarize(row[4]).n_claims, row[0]


def test_totals_without_groups(scored: pd.DataFrame) -> None:
    prof = credscore.profile(scored)
    assert len(prof) == 1
    assert prof["n_articles"].iloc[0] == len(ARTICLES)
    assert prof["n_sentences"].iloc[0] == scored["sentence"].notna().sum()
    assert prof[[f"n_type_{t}" for t in CLAIM_TYPES]].sum(axis=1).iloc[0] == prof["n_claims"].iloc[0]
    assert (
        prof[[f"n_label_{lab}" for lab in ("weak", "unattributed", "strong")]].sum(axis=1).iloc[0]
        == prof["n_claims"].iloc[0]
    )


def _whole(scored: pd.DataFrame, **kw) -> pd.DataFrame:
    with pytest.warns(ProfileWarning):
        return credscore.profile(scored, by=["outlet", "author"], period="month", chunksize=10**6, **kw)


def test_chunks_of_seven_rows_give_the_whole_frame_result(scored: pd.DataFrame) -> None:
    whole = _whole(scored)
    with pytest.warns(ProfileWarning):
        chunked = credscore.profile(scored, by=["outlet", "author"], period="month", chunksize=7)
    pd.testing.assert_frame_equal(chunked, whole)
    assert whole["n_articles"].sum() == len(ARTICLES)


@pytest.mark.parametrize("ext", ["csv", "csv.gz", "jsonl", "parquet"])
def test_files_read_in_chunks_give_the_frame_result(scored: pd.DataFrame, tmp_path, ext: str) -> None:
    path = tmp_path / f"scored.{ext}"
    if ext.startswith("csv"):
        scored.to_csv(path, index=False)
    elif ext == "jsonl":
        scored.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        scored.to_parquet(path, index=False)
    with pytest.warns(ProfileWarning):
        got = credscore.profile(path, by=["outlet", "author"], period="month", chunksize=7)
    pd.testing.assert_frame_equal(got, _whole(scored), check_dtype=False)


def test_periods_unknown_dates_and_missing_groups(scored: pd.DataFrame) -> None:
    with pytest.warns(ProfileWarning, match=r"1 article\(s\) \(\d+ rows\) have no date.*1 article\(s\).*'not a date'"):
        prof = credscore.profile(scored, by="outlet", period="month")
    assert set(prof["period"]) == {"2024-01", "2024-02", "2024-03", UNKNOWN_PERIOD}
    unknown = prof[prof["period"] == UNKNOWN_PERIOD]
    assert set(unknown["outlet"]) == {"Harbor Post", MISSING_GROUP}  # a5 (unreadable date), a6 (none)
    assert prof["n_articles"].sum() == len(ARTICLES)  # nothing dropped
    weekly = credscore.profile(scored[scored["id"].isin(["a1", "a2"])], by="outlet", period="week")
    assert list(weekly["period"]) == ["2024-W03", "2024-W05"]
    yearly = credscore.profile(scored[scored["id"] == "a1"], period="year")
    assert list(yearly["period"]) == ["2024"]


def test_date_format(scored: pd.DataFrame) -> None:
    df = scored[scored["id"] == "a1"].assign(date="15/01/2024")
    assert list(credscore.profile(df, period="month", date_format="%d/%m/%Y")["period"]) == ["2024-01"]


def test_an_empty_group_is_kept_and_marked(scored: pd.DataFrame) -> None:
    prof = credscore.profile(scored, by="id")
    empty = prof[prof["id"] == "a7"].iloc[0]
    assert empty["n_articles"] == 1 and empty["n_articles_unscored"] == 1 and empty["n_claims"] == 0
    assert empty["too_small"] and np.isnan(empty["share_anonymous"]) and empty["top_anonymous"] == "[]"


def test_empty_input_gives_an_empty_table(scored: pd.DataFrame) -> None:
    prof = credscore.profile(scored.iloc[:0], by="outlet")
    assert prof.empty and list(prof.columns) == profile_columns(["outlet"])


def test_phrase_lists_stay_bounded_and_say_by_how_much(scored: pd.DataFrame) -> None:
    # "officials" (article a3) eight times over, every other anonymous phrase once.
    many = pd.concat([scored, *[scored[scored["id"] == "a3"]] * 7], ignore_index=True)
    exact = credscore.profile(many, top=50)
    small = credscore.profile(many, chunksize=5, phrase_capacity=1, top=50)
    truth = dict(json.loads(exact["top_anonymous"].iloc[0]))
    kept = dict(json.loads(small["top_anonymous"].iloc[0]))
    err = int(small["phrase_count_error"].iloc[0])
    assert truth["officials"] == 8 and len(truth) > 5 and exact["phrase_count_error"].iloc[0] == 0
    assert "officials" in kept and len(kept) <= 2 and err > 0
    for phrase, count in kept.items():
        assert truth[phrase] - err <= count <= truth[phrase]
    assert err <= exact["n_claims"].iloc[0] / 2  # Misra-Gries: at most claims / (capacity + 1)


def test_wilson_interval_known_values() -> None:
    lo, hi = wilson_interval([0, 10, 0], [10, 10, 0])
    assert lo[0] == 0 and hi[0] == pytest.approx(0.2775, abs=1e-4)
    assert lo[1] == pytest.approx(0.7225, abs=1e-4) and hi[1] == pytest.approx(1)
    assert np.isnan(lo[2]) and np.isnan(hi[2])


# --- bad input -------------------------------------------------------------------------------------------


def test_missing_group_column_names_it_and_the_columns(scored: pd.DataFrame) -> None:
    with pytest.raises(ProfileError, match=r"group column 'desk' not found in the DataFrame; columns are: id, outlet"):
        credscore.profile(scored, by="desk")


def test_missing_date_column(scored: pd.DataFrame) -> None:
    with pytest.raises(ProfileError, match=r"date column 'published' not found.*date_column='NAME'"):
        credscore.profile(scored, period="month", date_column="published")


def test_not_scored_output(articles: pd.DataFrame) -> None:
    with pytest.raises(ProfileError, match=r"scored column 'sentence' not found.*score-file"):
        credscore.profile(articles, by="outlet")


def test_document_level_output(articles: pd.DataFrame) -> None:
    docs = credscore.score_frame(articles, "text", id_cols=["outlet"], level="document")
    with pytest.raises(ProfileError, match=r"document-level output.*level='sentence'"):
        credscore.profile(docs, by="outlet")


def test_broken_sources_json(scored: pd.DataFrame) -> None:
    bad = scored.copy()
    bad.loc[bad["sources"] != "[]", "sources"] = "{not json"
    with pytest.raises(ProfileError, match=r"not credscore's source JSON \('\{not json'\)"):
        credscore.profile(bad)


def test_text_that_is_not_numbers(scored: pd.DataFrame) -> None:
    bad = scored.astype({"certainty": object})
    bad.loc[bad.index[1], "certainty"] = "high"
    with pytest.raises(ProfileError, match=r"column 'certainty' of the DataFrame holds 'high', not a number"):
        credscore.profile(bad)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"period": "day"}, r"period must be one of month, week, year"),
        ({"by": ["outlet", "outlet"]}, r"names a column twice"),
        ({"min_claims": -1}, r"min_claims must be a whole number of at least 0"),
        ({"chunksize": 0}, r"chunksize must be a whole number of at least 1"),
    ],
)
def test_bad_options(scored: pd.DataFrame, kwargs: dict, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        credscore.profile(scored, **kwargs)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(ProfileError, match=r"no such file: .*nope\.csv"):
        credscore.profile(tmp_path / "nope.csv")


# --- the command line ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scored_file(scored: pd.DataFrame, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("scored") / "scored.parquet"
    scored.to_parquet(path, index=False)
    return str(path)


def test_cli_writes_table_and_page(scored: pd.DataFrame, scored_file: str, tmp_path) -> None:
    out = tmp_path / "reports" / "outlets"
    r = run("profile", scored_file, "--by", "outlet", "--period", "month", "--min-claims", "5", "-o", str(out))
    assert r.returncode == 0, r.stderr
    err = r.stderr.decode()
    assert "counted in period 'unknown'" in err and "outlets.csv" in err and "outlets.html" in err
    table = pd.read_csv(tmp_path / "reports" / "outlets.csv", keep_default_na=False, na_values=[""])
    with pytest.warns(ProfileWarning):
        want = credscore.profile(scored, by="outlet", period="month", min_claims=5)
    pd.testing.assert_frame_equal(table, want, check_dtype=False)
    page = (tmp_path / "reports" / "outlets.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 3 and "counted in period" in page


def test_cli_parquet_by_suffix_and_by_flag(scored_file: str, tmp_path) -> None:
    assert run("profile", scored_file, "--by", "outlet", "-o", str(tmp_path / "a.parquet"), "--no-html").returncode == 0
    assert (
        run("profile", scored_file, "--by", "outlet", "-o", str(tmp_path / "b"), "--format", "parquet").returncode == 0
    )
    a, b = pd.read_parquet(tmp_path / "a.parquet"), pd.read_parquet(tmp_path / "b.parquet")
    pd.testing.assert_frame_equal(a, b)
    assert not (tmp_path / "a.html").exists() and (tmp_path / "b.html").exists()
    r = run("profile", scored_file, "-o", str(tmp_path / "c.csv"), "--format", "parquet")
    assert r.returncode == 1 and b"says csv but --format says parquet" in r.stderr


def test_cli_missing_by_column(scored_file: str, tmp_path) -> None:
    r = run("profile", scored_file, "--by", "desk", "-o", str(tmp_path / "p"))
    assert r.returncode == 1
    assert b"credscore: group column 'desk' not found in" in r.stderr and b"pass --by NAME" in r.stderr
    assert not (tmp_path / "p.csv").exists()


@pytest.fixture
def no_matplotlib(monkeypatch):
    """matplotlib as if it were not installed: importing it fails."""
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)


def test_cli_without_matplotlib_says_what_to_install(no_matplotlib, scored_file: str, tmp_path) -> None:
    r = run("profile", scored_file, "--by", "outlet", "-o", str(tmp_path / "p"))
    assert r.returncode == 1
    assert b'matplotlib: pip install "credscore[plot]"' in r.stderr and b"--no-html" in r.stderr
    assert not (tmp_path / "p.csv").exists()  # refused before reading the input
    ok = run("profile", scored_file, "--by", "outlet", "-o", str(tmp_path / "p"), "--no-html")
    assert ok.returncode == 0 and (tmp_path / "p.csv").exists()


def test_render_without_matplotlib_raises_a_credscore_error(no_matplotlib, scored: pd.DataFrame) -> None:
    from credscore.errors import CredscoreError
    from credscore.profile_page import render_profile_html

    with pytest.raises(CredscoreError, match=r'pip install "credscore\[plot\]"'):
        render_profile_html(credscore.profile(scored, by="outlet"), ["outlet"])


# --- a public corpus -------------------------------------------------------------------------------------


@pytest.mark.corpora
@pytest.mark.slow
def test_polnear_by_outlet(corpora_dir) -> None:
    from tools import corpora

    arts = corpora.read_polnear("dev")
    df = pd.DataFrame({"outlet": [a.metadata.get("publisher") for a in arts], "text": [a.text for a in arts]})
    prof = credscore.profile(credscore.score_frame(df, "text", id_cols=["outlet"]), by="outlet")
    assert dict(zip(prof["outlet"], prof["n_articles"], strict=True)) == dict(Counter(df["outlet"]))
    assert (prof["n_claims"] > 0).all()
    shares = prof[[f"share_type_{t}" for t in CLAIM_TYPES]].sum(axis=1)
    assert np.allclose(shares, 1.0)
