"""The learned span ranker (credscore.cues.span_ranker): golden rows, the switch, loading, the training tool.

Every sentence is written for these tests (none is copied from a corpus).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from credscore.cues import CueDetector
from credscore.cues.span_ranker import FEATURES, FORMAT, VERSION, SpanRanker, default_ranker
from credscore.errors import ModelError

OFF = CueDetector(disabled_rules=["span_ranker"])
ON = CueDetector()


def own(det: CueDetector, text: str) -> list[tuple[str, str]]:
    _, srcs = det.analyze(text)
    return [(x.text, x.type) for row in srcs for x in row if not x.inherited]


# (text, the cascade's sources (ranker off), the ranker's sources): the cascade takes a junk span (no mark of
# anyone), the ranker prefers "none of these": no attribution there (as PolNeAR annotates none), no false source.
GOLDEN = [
    (
        "He knows how he is manipulating his loyal fans into believing the story.",
        [("He", "unnamed_person"), ("manipulating his loyal fans into", "unnamed_group")],
        [("He", "unnamed_person")],
    ),
    (
        "The senator sent a string of posts late Friday saying that her rival had lied.",
        [("posts", "unnamed_group")],
        [],
    ),
]

# Sentences the ranker must read as the cascade does (a named or described speaker, before or after).
SAME = [
    '"We will rebuild," said Maria Lopez, a shop owner on Main Street.',
    "The storm knocked out power to 40,000 homes, officials said.",
    "Tom Reilly, her neighbor, said he had called the city twice.",
    "The plant will close next year, according to a union official.",
    "Prices have risen, economists warn, and wages have not kept up.",
    "In a statement, the company said profits fell.",
    # a noun for people the lexicon does not list is still someone (WordNet's nouns for a person)
    "At the mall, where authorities reported at least 20 victims, the doors stayed shut.",
    "In the village, where residents complained about the noise, the plant stayed open.",
]


@pytest.mark.parametrize(("text", "cascade", "ranked"), GOLDEN)
def test_ranker_drops_a_junk_span_the_cascade_takes(text: str, cascade: list, ranked: list) -> None:
    assert own(OFF, text) == cascade
    assert own(ON, text) == ranked


@pytest.mark.parametrize("text", SAME)
def test_ranker_keeps_clear_speakers(text: str) -> None:
    assert own(ON, text) == own(OFF, text) != []


def test_ranker_is_on_by_default_and_switches_off_like_a_rule() -> None:
    assert CueDetector().ranks_spans and CueDetector(span_ranker=True).ranks_spans
    assert not OFF.ranks_spans and not CueDetector(span_ranker=False).ranks_spans
    text = " ".join([g[0] for g in GOLDEN] + SAME)
    assert CueDetector(span_ranker=False).analyze(text) == OFF.analyze(text)
    assert CueDetector(span_ranker=True, disabled_rules=["span_ranker"]).analyze(text) == OFF.analyze(text)
    assert ON.analyze(text) != OFF.analyze(text)


def test_a_dropped_junk_span_leaves_no_attribution() -> None:
    text = GOLDEN[1][0]  # "... a string of posts late Friday saying that ...": 'posts' is no one's
    off = [c.rule for row in OFF.detect(text) for c in row if c.kind == "attribution"]
    on = [c.rule for row in ON.detect(text) for c in row if c.kind == "attribution"]
    assert "stance_verb" in off or "speech_verb" in off
    assert on == []


def test_a_ranker_given_is_used() -> None:
    # A ranker that always takes the cascade's span: the junk span is back.
    coef = np.zeros(len(FEATURES))
    coef[FEATURES.index("by_cascade")] = 100.0
    det = CueDetector(span_ranker=SpanRanker(coef))
    text, cascade, ranked = GOLDEN[1]
    assert own(det, text) == cascade != ranked == own(ON, text)
    assert det.span_ranker is not default_ranker()


def test_the_ranker_adds_no_source_where_the_rules_found_none() -> None:
    for text in ["The budget was balanced, said.", "The ceremony ended, said the event brought back memories."]:
        assert own(ON, text) == own(OFF, text) == []


def test_none_of_these_never_drops_a_span_with_a_mark_of_a_source() -> None:
    # A ranker that always prefers "none of these" drops a span with no mark of anyone, never a name or a role.
    coef = np.zeros(len(FEATURES))
    coef[FEATURES.index("none")] = 100.0
    det = CueDetector(span_ranker=SpanRanker(coef))
    assert own(det, "The storm knocked out power to 40,000 homes, officials said.") == [("officials", "unnamed_group")]
    found = own(det, "He knows how he is manipulating his loyal fans into believing the story.")
    assert ("He", "unnamed_person") in found
    assert all(t != "manipulating his loyal fans into" for t, _ in found)


def test_shipped_ranker_loads_and_round_trips() -> None:
    r = default_ranker()
    assert r.coef.shape == (len(FEATURES),)
    again = SpanRanker.from_json(r.to_json())
    np.testing.assert_allclose(again.coef, r.coef, atol=1e-6)
    assert "PolNeAR train" in r.meta["trained_on"] and "dev" in r.meta["l2_chosen_on"]


def _file(**change: object) -> str:
    data = {"format": FORMAT, "version": VERSION, "features": list(FEATURES), "coef": [0.0] * len(FEATURES)}
    data.update(change)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_file(version=VERSION + 1), "version"),
        (_file(format="something-else"), "not a span ranker file"),
        (json.dumps([1, 2, 3]), "not a span ranker file"),
        (_file(features=["none"]), "other features"),
        (_file(coef=["__import__('os')"] * len(FEATURES)), "list of numbers"),
        (_file(coef=[0.0, 1.0]), "shape"),
    ],
)
def test_loading_a_wrong_file_is_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        SpanRanker.from_json(text)


def test_loading_from_a_path(tmp_path: Path) -> None:
    p = tmp_path / "r.json"
    p.write_text(_file(version=0), encoding="utf-8")
    with pytest.raises(ModelError, match=r"retrain it with python -m tools\.train_span_ranker"):
        SpanRanker.load(str(p))


# --- the training tool on a tiny PolNeAR-shaped fixture ----------------------------------------

_ARTICLES = {
    "train": [
        "The storm closed the port, officials said. Ann Lee, a harbor pilot, said ships waited. "
        "He knows how he is steering his loyal fans into believing the story.",
        '"We will reopen," said Tom Reyes, the port director. Critics say the repairs came late.',
    ],
    "dev": ["The mayor said the bridge would reopen. Residents said Thursday the water had receded."],
}
# (article, source, cue) per attribution, as substrings of the article text
_GOLD = {
    ("train", 0): [("officials", "said"), ("Ann Lee, a harbor pilot", "said ships")],
    ("train", 1): [("Tom Reyes, the port director", "said Tom"), ("Critics", "say")],
    ("dev", 0): [("The mayor", "said the"), ("Residents", "said Thursday")],
}


def _polnear_fixture(root: Path) -> None:
    base = root / "polnear" / "data"
    rows = ["compartment\tfilename"]
    for split, texts in _ARTICLES.items():
        (base / split / "text").mkdir(parents=True)
        (base / split / "attributions").mkdir(parents=True)
        for i, text in enumerate(texts):
            name = f"fixture_{split}_{i}"
            rows.append(f"{split}\t{name}")
            (base / split / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
            lines = []
            for k, (src, cue) in enumerate(_GOLD[(split, i)]):
                a = text.index(src)
                c = text.index(cue, a + len(src) if cue.startswith("said ships") else 0)
                verb = cue.split()[0]
                lines += [
                    f"T{2 * k + 1}\tSource {a} {a + len(src)}\t{src}",
                    f"T{2 * k + 2}\tCue {c} {c + len(verb)}\t{verb}",
                    f"E{k + 1}\tAttribution:T{2 * k + 2} Source:T{2 * k + 1} Cue:T{2 * k + 2}",
                ]
            (base / split / "attributions" / f"{name}_ann1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (base / "metadata.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_training_tool_runs_on_a_tiny_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tools import train_span_ranker

    _polnear_fixture(tmp_path / "data")
    monkeypatch.setenv("CREDSCORE_DATA", str(tmp_path / "data"))
    out = tmp_path / "span_ranker.json"
    assert train_span_ranker.main(["--out", str(out)]) == 0
    r = SpanRanker.load(str(out))
    assert r.coef.shape == (len(FEATURES),) and np.isfinite(r.coef).all()
    assert "PolNeAR train" in r.meta["trained_on"]
