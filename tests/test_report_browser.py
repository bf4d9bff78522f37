"""The HTML report in a real headless browser (Debian's chromium driven by selenium).

Skipped when chromium, chromedriver or selenium are missing, unless
CREDSCORE_REQUIRE_BROWSER=1 (set by .ci/run), where it fails instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import credscore
from credscore.report import render_html


def _browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None, "selenium is not installed"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        return None, "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1000,1400"]  # fmt: skip
    for flag in flags:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver), options=opts), None


@pytest.fixture(scope="module")
def browser():
    drv, why = _browser()
    if drv is None:
        if os.environ.get("CREDSCORE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"CREDSCORE_REQUIRE_BROWSER=1 but {why}")
        pytest.skip(why)
    yield drv
    drv.quit()


@pytest.fixture(scope="module")
def page(tmp_path_factory, wire_story: str) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(wire_story, title="A letter nobody has seen"), encoding="utf-8")
    return path


def test_page_renders_without_errors(browser, page: Path) -> None:
    browser.get(page.as_uri())
    assert browser.title == "credscore: A letter nobody has seen"
    assert "4 of 7 claims trace back" in browser.find_element("css selector", ".summary .headline").text
    severe = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert severe == []


def test_highlights_sit_where_the_spans_say(browser, page: Path, wire_story: str) -> None:
    browser.get(page.as_uri())
    marks = browser.execute_script(
        "return [...document.querySelectorAll('mark.cue')].map(m => "
        "[+m.dataset.start, +m.dataset.end, m.childNodes[0].textContent, m.dataset.kind,"
        " m.getBoundingClientRect().width > 0])"
    )
    assert len(marks) > 20
    for start, end, shown, kind, visible in marks:
        assert wire_story[start:end] == shown, (kind, start, end)
        assert visible
    sents = browser.execute_script(
        "return [...document.querySelectorAll('.sent')].map(s => { const c = s.cloneNode(true);"
        " c.querySelectorAll('.badge,.tip,sup').forEach(x => x.remove());"
        " return [+s.dataset.start, +s.dataset.end, c.textContent]; })"
    )
    assert len(sents) == 8
    for start, end, shown in sents:
        assert wire_story[start:end] == shown


def test_details_on_hover_and_labels_beside_colours(browser, page: Path, wire_story: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(page.as_uri())
    sent = browser.find_element("id", "s1")
    tip = sent.find_element("css selector", ".tip")
    assert not tip.is_displayed()
    ActionChains(browser).move_to_element(sent).perform()
    assert tip.is_displayed() and "reliability" in tip.text
    badges = [b.text for b in browser.find_elements("css selector", ".badge")]
    second = credscore.score(wire_story)[1]  # the newspaper citing unidentified diplomatic sources
    assert f"weak {second.reliability:.2f}" in badges and any(b.startswith("strong") for b in badges)
    assert browser.find_elements("css selector", "mark sup")  # every highlight carries its kind as text


def test_self_contained(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert 'src="' not in html and "@import" not in html


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_paragraphs_with_any_line_break_convention(newline: str) -> None:
    text = newline.join(["Talks stall", "", "Officials said the talks failed.", "", "It rained in Seoul."])
    html = render_html(text)
    assert html.count('<div class="para">') == 3
