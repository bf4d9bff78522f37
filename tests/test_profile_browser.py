"""The profile page (``credscore profile``) in a real headless browser (Debian's chromium driven by selenium):
it renders without errors, its charts are there, the table sorts, and it asks the network for nothing.

Skipped when chromium, chromedriver or selenium are missing, unless CREDSCORE_REQUIRE_BROWSER=1, where it
fails instead (as tests/test_report_browser.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import headless_chromium, run
from test_profile import ARTICLES

import credscore


@pytest.fixture(scope="module")
def browser():
    yield from headless_chromium(1300, requests=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """The page the command line writes for the hand-written articles, by outlet and month."""
    folder = tmp_path_factory.mktemp("profile")
    docs = pd.DataFrame(ARTICLES, columns=["id", "outlet", "author", "date", "text"])
    scored = credscore.score_frame(docs, "text", id_cols=["id", "outlet", "author", "date"])
    scored.to_csv(folder / "scored.csv", index=False)
    r = run("profile", str(folder / "scored.csv"), "--by", "outlet", "--period", "month", "--min-claims", "5",
            "--title", "Ledger and Post", "-o", str(folder / "outlets"))  # fmt: skip
    assert r.returncode == 0, r.stderr
    table = pd.read_csv(folder / "outlets.csv", keep_default_na=False, na_values=[""])
    return folder / "outlets.html", table


def test_page_renders_with_its_charts(browser, page) -> None:
    path, table = page
    browser.get(path.as_uri())
    assert browser.title == "credscore: Ledger and Post"
    figures = browser.find_elements("css selector", "figure.chart")
    assert [f.get_attribute("id") for f in figures] == ["types", "anonymous-over-time", "certainty"]
    for fig in figures:
        svg = fig.find_element("css selector", "svg")
        box = svg.rect
        assert box["width"] > 200 and box["height"] > 100, fig.get_attribute("id")
        assert len(svg.find_elements("css selector", "path")) > 10
    # The source-type panels are labelled with each group's name and claims, as real text.
    types = browser.find_element("id", "types").text
    for outlet, claims in zip(*_overall(table), strict=True):
        assert outlet in types and f"{claims:,} claims" in types
    assert browser.find_element("css selector", "#profile tbody").find_elements("tag name", "tr")
    severe = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert severe == []


def _overall(table: pd.DataFrame) -> tuple[list[str], list[int]]:
    claims = table.groupby("outlet")["n_claims"].sum()
    return list(claims.index), [int(v) for v in claims]


def _column(browser, index: int) -> list[str]:
    return browser.execute_script(
        "return [...document.querySelectorAll('#profile tbody tr')].map(r => r.cells[arguments[0]].dataset.v)", index
    )


def test_table_sorts_on_click(browser, page) -> None:
    path, table = page
    browser.get(path.as_uri())
    headers = browser.find_elements("css selector", "#profile thead th")
    names = [h.text.strip() for h in headers]
    claims, outlet = names.index("claims"), names.index("outlet")
    anonymous = names.index("anonymous")
    # Without a click: the file's order, by group then period.
    assert len(_column(browser, claims)) == len(table)
    assert _column(browser, outlet) == [str(v) for v in table["outlet"]]
    headers[claims].find_element("tag name", "button").click()
    values = [int(v) for v in _column(browser, claims)]
    assert values == sorted(table["n_claims"], reverse=True)
    assert headers[claims].get_attribute("aria-sort") == "descending"
    headers[claims].find_element("tag name", "button").click()
    assert [int(v) for v in _column(browser, claims)] == sorted(table["n_claims"])
    assert headers[claims].get_attribute("aria-sort") == "ascending"
    # A share: by value, rows without a share (no claims) last.
    headers[anonymous].find_element("tag name", "button").click()
    shares = _column(browser, anonymous)
    present = [float(v) for v in shares if v != ""]
    assert present == sorted(table["share_anonymous"].dropna(), reverse=True)
    assert shares[len(present) :] == [""] * (len(shares) - len(present))
    headers[outlet].find_element("tag name", "button").click()
    assert _column(browser, outlet) == sorted(_column(browser, outlet))


def test_no_network_request(browser, page) -> None:
    path, _ = page
    browser.get_log("performance")  # drop what earlier pages logged
    browser.get(path.as_uri())
    browser.find_elements("css selector", "#profile thead th button")[1].click()
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    assert urls and all(u.startswith(("file:", "data:")) for u in urls), urls


def test_self_contained_and_readable_without_script(page) -> None:
    path, table = page
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@import" not in html and not re.search(r"url\((?!#)", html)  # only the SVGs' own clip paths
    assert html.count("<script") == 1 and "<script src" not in html
    # The table and the phrase lists are in the markup itself, not built by the script.
    assert html.count("<tr") == len(table) + 1
    assert html.count('<section class="group">') == table["outlet"].nunique()
