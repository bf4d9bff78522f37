"""The HTML report in a real headless browser (Debian's chromium driven by selenium).

Skipped when chromium, chromedriver or selenium are missing, unless
CREDSCORE_REQUIRE_BROWSER=1 (set by .ci/run), where it fails instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import headless_chromium

import credscore
from credscore.certainty import CERTAINTY_FEATURES
from credscore.features import FEATURE_NAMES
from credscore.report import KIND_LABELS, render_html


@pytest.fixture(scope="module")
def browser():
    yield from headless_chromium(1000)


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
    # Every highlight carries its kinds as text, one label each.
    assert browser.execute_script(
        "return [...document.querySelectorAll('mark.cue')].every(m => m.querySelectorAll('sup.tag').length === 1)"
    )


def test_self_contained(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert 'src="' not in html and "@import" not in html


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_paragraphs_with_any_line_break_convention(newline: str) -> None:
    text = newline.join(["Talks stall", "", "Officials said the talks failed.", "", "It rained in Seoul."])
    html = render_html(text)
    assert html.count('<div class="para">') == 3


# --- issue 19: a report for readers ------------------------------------------------------------------

_MARKS = (
    "return [...document.querySelectorAll('mark.cue')].map(m => [+m.dataset.start, +m.dataset.end,"
    " m.dataset.spans, m.querySelector('.txt').textContent, m.querySelector('sup.tag').textContent])"
)


def test_overlapping_cues_make_one_highlight_with_one_label(browser, page: Path, wire_story: str) -> None:
    """Regression (issue 19): overlapping spans piled up labels ("with^anonymous the matter^anonymous")."""
    browser.get(page.as_uri())
    marks = browser.execute_script(_MARKS)
    labels = {label for label, _ in KIND_LABELS.values()}
    prev_end = -1
    for start, end, spans, shown, tag in marks:
        assert wire_story[start:end] == shown
        assert start >= prev_end  # regions never overlap one another
        prev_end = end
        parts = tag.split(" · ")
        assert len(parts) == len(set(parts)) and set(parts) <= labels, tag  # each kind named once
        for span in spans.split():
            a, b = map(int, span.split("-"))
            assert start <= a < b <= end
    # Every cue of a sentence's own is inside exactly one highlight.
    own = sorted(f"{c.start}-{c.end}" for s in credscore.score(wire_story) for c in s.cues if not c.inherited)
    assert sorted(sp for m in marks for sp in m[2].split()) == own
    by_text = {m[3]: m[4] for m in marks}
    assert by_text["three diplomatic sources familiar with the matter"] == "anonymous"
    assert by_text["unidentified diplomatic sources"] == "anonymous"


def test_two_kinds_in_one_region_get_one_combined_label(browser, tmp_path: Path) -> None:
    text = "Two officials who were not authorized to speak publicly said the talks failed."
    path = tmp_path / "merged.html"
    path.write_text(render_html(text), encoding="utf-8")
    browser.get(path.as_uri())
    marks = browser.execute_script(_MARKS)
    [region] = [m for m in marks if m[0] == 0]
    assert region[1] == len("Two officials who were not authorized to speak")
    assert region[4] == "anonymous · reason"
    # Inside it, the reason is painted in its own colour, the rest in the source's.
    pieces = browser.execute_script(
        "return [...document.querySelectorAll('mark.cue')[0].querySelectorAll('.p')].map(p =>"
        " [p.textContent, p.dataset.kind, getComputedStyle(p).backgroundColor])"
    )
    kinds = {t: k for t, k, _ in pieces}
    assert kinds["not authorized to"] == "anonymity_reason" and kinds["Two officials who were "] == "anonymous_source"
    assert len({bg for _, _, bg in pieces}) == 2


def test_title_from_the_headline(browser, tmp_path: Path, wire_story: str) -> None:
    pages = {
        "wire": (wire_story, "The leader of North Korea sent a personal letter to the South Korean president…"),
        "heading": ("Talks stall over aid\n\nOfficials said the talks failed.", "Talks stall over aid"),
        "none": ("By Jane Roe", "Article"),
    }
    for name, (text, title) in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(render_html(text), encoding="utf-8")
        browser.get(path.as_uri())
        assert browser.title == f"credscore: {title}"
        assert browser.find_element("css selector", "h1").text == title
    path.write_text(render_html("By Jane Roe", fallback_title="byline.txt"), encoding="utf-8")
    browser.get(path.as_uri())
    assert browser.title == "credscore: byline.txt"


#: The feature names a reader must not meet: every name of the sourcing and certainty features that is not
#: also a plain word ("attributed" is both).
_RAW_NAMES = sorted({n for n in (*FEATURE_NAMES, *CERTAINTY_FEATURES) if "_" in n})


def test_contributions_in_plain_words_and_raw_names_only_behind_the_toggle(browser, page: Path) -> None:
    import re

    browser.get(page.as_uri())
    # What a reader can see: the page without the <details> toggles (tooltips included: they show on hover).
    visible = browser.execute_script(
        "const b = document.body.cloneNode(true); b.querySelectorAll('details').forEach(d => d.remove());"
        " return b.textContent"
    )
    toggles = browser.find_elements("css selector", ".details details")
    hidden = " ".join(d.get_attribute("textContent") for d in toggles)
    found = [n for n in _RAW_NAMES if re.search(rf"\b{n}\b", visible)]
    assert found == []
    assert "src_named" in hidden and "src_hops" in hidden and "log_words" in hidden  # they are there, behind it
    assert not re.search(r"\d\.\d{3,}", visible)  # every number rounded
    assert "a named, on-the-record source “presidential spokeswoman Han Soo-jin”: +" in visible
    assert "how firmly it is said (certainty 0.07)" in visible
    # The toggles are closed: their raw lines are not displayed until opened.
    assert toggles and all(d.get_attribute("open") is None for d in toggles)
    raw = toggles[0].find_element("css selector", "li")
    assert not raw.is_displayed()
    toggles[0].find_element("css selector", "summary").click()
    assert raw.is_displayed()


def _rgba(css: str) -> tuple[float, float, float, float]:
    import re

    nums = [float(x) for x in re.findall(r"[\d.]+", css)]
    return (nums[0], nums[1], nums[2], nums[3] if len(nums) > 3 else 1.0)


def _relative_luminance(rgb: tuple[float, ...]) -> float:
    """WCAG 2.x relative luminance (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance)."""
    lin = [(c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    la, lb = sorted((_relative_luminance(a), _relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_text_contrast_on_every_colour(browser, page: Path, tmp_path: Path) -> None:
    """Every label on its swatch, every highlighted stretch and sentence, every badge: WCAG AA for text
    (contrast >= 4.5), with the colours the browser computed."""
    # Also a page where every kind of cue, quoted hedges among them, is highlighted.
    extra = tmp_path / "kinds.html"
    extra.write_text(
        render_html(
            '"We may not be able to pay," the minister said. Critics say the plan may fail. Two officials who were '
            "not authorized to speak said it would. It is unclear, a newspaper reported, citing sources."
        ),
        encoding="utf-8",
    )
    seen_kinds: set[str] = set()
    for url in (page.as_uri(), extra.as_uri()):
        browser.get(url)
        rows = browser.execute_script(
            "function bg(e) { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;"
            " if (!/^rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; }"
            " return [...document.querySelectorAll('.chip, mark .p, .badge, .sent, .summary, .details li')]"
            ".filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))"
            ".map(e => [e.className, e.dataset.kind || '', e.textContent.slice(0, 30), getComputedStyle(e).color,"
            " bg(e)])"
        )
        assert len(rows) > 30
        for cls, kind, text, fg, back in rows:
            fg_c, bg_c = _rgba(fg), _rgba(back)
            assert fg_c[3] == 1 and bg_c[3] == 1, (cls, text, fg, back)  # opaque: the ratio is what is seen
            assert _contrast(fg_c, bg_c) >= 4.5, (cls, kind, text, fg, back)
            seen_kinds.add(kind)
        legend = browser.find_elements("css selector", ".legend .chip")
        assert [c.text for c in legend][: len(KIND_LABELS)] == [label for label, _ in KIND_LABELS.values()]
    assert seen_kinds >= {"anonymous_source", "vague_source", "secondhand", "anonymity_reason", "hedge",
                          "quoted_hedge", "named_source", "direct_quote", "attribution"}  # fmt: skip


# Colour-vision deficiency simulation, Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
_CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _lab(colour: str, cvd: str | None = None) -> tuple[float, float, float]:
    """CIELAB (D65) of a #rrggbb colour, as seen with the given colour-vision deficiency."""
    srgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]
    if cvd is not None:
        lin = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, lin, strict=True)))) for row in _CVD[cvd]]
    m = ((0.4124, 0.3576, 0.1805), (0.2126, 0.7152, 0.0722), (0.0193, 0.1192, 0.9505))
    white = (0.95047, 1.0, 1.08883)
    x, y, z = (sum(a * c for a, c in zip(row, lin, strict=True)) / w for row, w in zip(m, white, strict=True))

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@pytest.mark.parametrize("cvd", [None, *_CVD])
def test_every_kind_has_its_own_colour(cvd: str | None) -> None:
    """Regression (issue 19): "anonymous" and "reason" had the same orange. Every pair of kind colours
    is at least ΔE*ab 20 apart (15 under a simulated colour-vision deficiency; 2.3 is a just noticeable
    difference), and every kind has its own label."""
    import itertools
    import math

    assert len({label for label, _ in KIND_LABELS.values()}) == len(KIND_LABELS)
    least = 20.0 if cvd is None else 15.0
    for (ka, (_, a)), (kb, (_, b)) in itertools.combinations(KIND_LABELS.items(), 2):
        assert math.dist(_lab(a, cvd), _lab(b, cvd)) >= least, (ka, a, kb, b, cvd)
