"""One pipeline (issue 19): training reads what scoring reads; one model bundle holds every trained part."""

from __future__ import annotations

import io
import itertools
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import credscore
from credscore import Pipeline
from credscore.certainty import CertaintyModel
from credscore.cues import CueDetector
from credscore.cues.typer import SourceTyper
from credscore.model import ModelError, load_model
from credscore.parts import PART_FILES, digest, shipped_parts
from credscore.sentences import PARAGRAPH_GAP
from credscore.training import train

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "wire-story.txt"

ARTICLES = [
    EXAMPLE.read_text(encoding="utf-8"),
    # A quotation over two paragraphs, a pronoun, an "according to" carried over, mixed quote marks.
    "Mayor Linda Park defended the budget on Monday.\n\n“We have cut what we could,” she said. “The rest "
    "is the state's to fix.\n\n“Nobody wants higher fees.” According to the city's finance office, the gap is "
    '$4 million. It will grow next year, the office said.\n\n"We are not going anywhere," said council member '
    "Janet Brooks. Critics say the plan is too late.",
    # Anonymous sources, a relay, a named outlet, a heading and a dateline.
    "Talks stall\n\nSEOUL (Reuters) - North Korea sent a letter, a South Korean newspaper reported, citing "
    "unidentified diplomatic sources. Two people briefed on the talks said the summit may slip. The Guardian "
    "reported that the plant would close. A spokeswoman said nothing had been decided.",
]


def _rows_of(text: str) -> tuple[list[str], list[int]]:
    """The sentences credscore.score finds in ``text``, and a paragraph id for each (a blank line between)."""
    scores = credscore.score(text)
    rows, paragraphs, para = [], [], 0
    for k, s in enumerate(scores):
        if k and PARAGRAPH_GAP.search(text, scores[k - 1].end, s.start):
            para += 1
        rows.append(s.text)
        paragraphs.append(para)
    return rows, paragraphs


def _scoring_features(text: str) -> np.ndarray:
    p = Pipeline()
    return p.features(p.read(text))


@pytest.mark.parametrize("k", range(len(ARTICLES)))
def test_training_reads_rows_as_scoring_reads_the_article(k: int) -> None:
    text = ARTICLES[k]
    rows, paragraphs = _rows_of(text)
    table = Pipeline.unfitted().table(rows, groups=["a"] * len(rows), paragraphs=paragraphs)
    assert table.in_context
    np.testing.assert_array_equal(table.X, _scoring_features(text))
    # Read alone, the rows lose their context: the continued quotation, the pronoun, the carried source.
    alone = Pipeline.unfitted().table(rows)
    assert not alone.in_context
    if k == 1:
        assert not np.array_equal(alone.X, table.X)


def test_train_fits_on_the_features_scoring_computes(monkeypatch: pytest.MonkeyPatch) -> None:
    """credscore.train with a group column fits on exactly the feature rows score() computes for the same
    sentences of the same articles (the sourcing columns the model reads)."""
    seen = {}
    real = credscore.training.fit_estimator

    def spy(X, y, splits, **kw):  # type: ignore[no-untyped-def]
        seen["X"] = np.asarray(X)
        return real(X, y, splits, **kw)

    monkeypatch.setattr(credscore.training, "fit_estimator", spy)
    frames = []
    for copy in range(4):  # four copies of each article, so that grouped folds have every class
        for k, text in enumerate(ARTICLES):
            rows, paragraphs = _rows_of(text)
            labels = [("strong", "weak", "unattributed")[i % 3] for i in range(len(rows))]
            frames.append(pd.DataFrame({"text": rows, "label": labels, "article": f"{k}-{copy}", "para": paragraphs}))
    df = pd.concat(frames, ignore_index=True)
    model = train(df, group_col="article", paragraph_col="para", cv=3, C=1.0)
    want = np.vstack([_scoring_features(text) for _copy in range(4) for text in ARTICLES])
    np.testing.assert_array_equal(seen["X"], model.select_features(want))
    assert model.metadata["reading"].startswith("in context")
    assert "read together as one article" in " ".join(model.metadata["report"]["limitations"])


CLAIMS = ["the budget is balanced", "the bridge will reopen in May", "the plant made a profit", "the strike is over",
          "the school will not close", "the tax cut is paid for", "the river is safe again", "the deal is done",
          "the audit found no fraud", "the line will run all night", "the mill hires again",
          "the dam holds"]  # fmt: skip
FOLLOW = ["We checked every figure.", "Nothing has changed since then.", "You can quote me on that.",
          "The work is finished."]  # fmt: skip
NAMED = ["Mayor Ann Lee", "Finance Minister Omar Haddad", "Police Chief Maria Gomez", "Senator Tom Reilly",
         "Judge Priya Nair", "Governor Lena Park"]  # fmt: skip
ANONYMOUS = ["a senior official who asked not to be named", "an aide who spoke on condition of anonymity",
             "a person familiar with the matter", "an official who was not authorized to speak",
             "a source close to the talks", "a diplomat who declined to be identified"]  # fmt: skip


def _quotation_articles(seed: int) -> pd.DataFrame:
    """Articles of two sentences: a quotation with its speaker, then the quotation continued. The label of
    both is the speaker's: strong when named, weak when anonymous; the continuation alone cannot tell."""
    rng = np.random.default_rng(seed)
    rows = []
    for a, (claim, speaker) in enumerate(itertools.product(CLAIMS, NAMED + ANONYMOUS)):
        label = "strong" if speaker in NAMED else "weak"
        follow = FOLLOW[int(rng.integers(len(FOLLOW)))]
        rows.append({"text": f"“{claim.capitalize()},” said {speaker}.", "label": label, "article": f"{seed}-{a}"})
        rows.append({"text": f"“{follow}”", "label": label, "article": f"{seed}-{a}", "continued": True})
    return pd.DataFrame(rows).fillna({"continued": False})


@pytest.fixture(scope="module")
def quotation_models() -> tuple[credscore.Model, credscore.Model]:
    df = _quotation_articles(1)
    in_context = train(df, group_col="article", classes=["weak", "strong"], cv=3, C=1.0, name="in-context")
    alone = train(df, group_col="article", context=False, classes=["weak", "strong"], cv=3, C=1.0, name="alone")
    return in_context, alone


def test_labels_that_depend_on_context_are_learned_in_context_only(quotation_models) -> None:  # type: ignore[no-untyped-def]
    in_context, alone = quotation_models
    test = _quotation_articles(2)
    cont = test["continued"].to_numpy(dtype=bool)
    y = test["label"].to_numpy()[cont]
    for model, grouped in ((in_context, True), (alone, False)):
        # Each model reads held-out articles the way it was trained to read them.
        table = Pipeline(model).table(test["text"].tolist(), test["article"].tolist() if grouped else None)
        proba = model.predict_proba(model.select_features(table.X))[cont]
        guess = np.asarray(model.labels)[proba.argmax(axis=1)]
        accuracy = float((guess == y).mean())
        if grouped:
            assert accuracy == 1.0
        else:
            # Read alone, a continuation is the same row whoever spoke: the same words get the same reading
            # for a named and an anonymous speaker, so it is right about half the time.
            texts = test["text"].to_numpy()[cont]
            for t in set(texts.tolist()):
                assert np.ptp(proba[texts == t, 0]) < 1e-9
            assert 0.3 < accuracy < 0.7
    # Scored in context, the continuation inherits its speaker. The in-context model learned what that is
    # worth: its named continuations sit inside the named band, not pinned to its floor (credscore.model.
    # DOUBT_BANDS, which keep the order by construction whatever a model learned).
    named_floor = credscore.model.DOUBT_BANDS["named"][0]
    for _, art in itertools.islice(test.groupby("article", sort=False), 0, None, 7):
        s = credscore.score(" ".join(art["text"]), model=in_context)[1]
        if art["label"].iloc[0] == "strong":
            assert s.sourcing > named_floor + 0.1
        else:
            assert s.sourcing < credscore.model.DOUBT_BANDS["described"][1]
    assert in_context.metadata["report"]["metrics"]["accuracy"] > alone.metadata["report"]["metrics"]["accuracy"]


def test_a_users_model_is_combined_with_certainty_as_the_default_is(quotation_models) -> None:  # type: ignore[no-untyped-def]
    model, _ = quotation_models
    meta = model.metadata
    assert model.combines and 0.0 <= meta["combine"]["lambda"] <= 1.0
    assert meta["combine"]["certainty_sha256"] == digest(shipped_parts().blobs["certainty"])
    assert meta["feature_names"] == list(credscore.features.SOURCING_FEATURES)
    firm = credscore.score("“The dam holds,” said Mayor Ann Lee.", model=model)[0]
    hedged = credscore.score("“The dam may hold,” said Mayor Ann Lee.", model=model)[0]
    assert hedged.sourcing == pytest.approx(firm.sourcing, abs=0.02)
    assert hedged.certainty < firm.certainty
    if meta["combine"]["lambda"] > 0:
        assert hedged.reliability < firm.reliability


def test_evaluate_reads_in_context_too(quotation_models) -> None:  # type: ignore[no-untyped-def]
    in_context, _ = quotation_models
    test = _quotation_articles(3)
    rep = credscore.evaluate(in_context, test, group_col="article")
    alone = credscore.evaluate(in_context, test, group_col="article", context=False)
    assert rep["reading"].startswith("in context") and alone["reading"].startswith("per sentence")
    assert rep["metrics"]["accuracy"] > alone["metrics"]["accuracy"]


def test_context_needs_a_group_column() -> None:
    df = _quotation_articles(1)
    with pytest.raises(credscore.training.LabelError, match="reading in context needs a group column"):
        train(df, context=True)
    with pytest.raises(credscore.training.LabelError, match="paragraph column is read only in context"):
        train(df.assign(p=1), group_col="article", context=False, paragraph_col="p")


# --- the model bundle --------------------------------------------------------------------------------


def test_bundle_round_trip_keeps_every_part(quotation_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    model, _ = quotation_models
    path = model.save(tmp_path / "desk.credscore")
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        meta = json.loads(zf.read("metadata.json"))
        assert {f"parts/{f}" for f in PART_FILES.values()} <= names
        for name, entry in meta["parts"].items():
            assert digest(zf.read(entry["file"])) == entry["sha256"] == model.parts.digests[name]
    again = load_model(path)
    assert meta["format"] == 3 and again.parts.digests == model.parts.digests
    assert again.metadata["combine"] == model.metadata["combine"]
    text = ARTICLES[1]
    a = [s.reliability for s in credscore.score(text, model=model)]
    b = [s.reliability for s in credscore.score(text, model=again)]
    assert a == b


def _rewrite(path: Path, out: Path, *, meta_update=None, replace=None, drop=()) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    meta = json.loads(files["metadata.json"])
    if meta_update:
        meta_update(meta)
    files["metadata.json"] = json.dumps(meta).encode()
    files.update(replace or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, b in files.items():
            if n not in drop:
                zf.writestr(n, b)
    out.write_bytes(buf.getvalue())
    return out


def test_a_part_that_does_not_match_its_bundle_is_refused(quotation_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    model, _ = quotation_models
    path = model.save(tmp_path / "desk.credscore")
    other = CertaintyModel([w * 0.5 for w in shipped_parts().certainty.coef], 0.1).to_json().encode()
    bad = _rewrite(path, tmp_path / "bad.credscore", replace={"parts/certainty.json": other})
    with pytest.raises(ModelError, match=r"bad\.credscore: part parts/certainty\.json \(sha256 \w+\) does not match"):
        load_model(bad)
    gone = _rewrite(path, tmp_path / "gone.credscore", drop={"parts/source_typer.json"})
    with pytest.raises(ModelError, match=r"lacks its part parts/source_typer\.json"):
        load_model(gone)


def test_a_certainty_model_lambda_was_not_fitted_against_is_refused(quotation_models) -> None:  # type: ignore[no-untyped-def]
    model, _ = quotation_models
    other = CertaintyModel([w * 0.5 for w in shipped_parts().certainty.coef], 0.1)
    with pytest.raises(ModelError, match=r"weight of uncertainty \(combine\.lambda\) was fitted against"):
        model.with_parts(model.parts.replace(certainty=other))


def test_a_detector_with_other_parts_is_refused() -> None:
    typer = shipped_parts().typer
    odd = CueDetector(typer=SourceTyper(typer.weights * 0.5, typer.classes))
    with pytest.raises(ModelError, match=r"detector's source typer is not the one of model 'credscore-default'"):
        credscore.score("Officials said so.", detector=odd)
    # The same parts, another object (e.g. a detector built from the bundle): accepted.
    same = CueDetector(typer=SourceTyper(typer.weights.copy(), typer.classes), disabled_rules=["relay"])
    assert credscore.score("Officials said so.", detector=same)


def test_a_model_trained_with_its_own_certainty_model_carries_it(tmp_path: Path) -> None:
    mine = CertaintyModel([w * 0.5 for w in shipped_parts().certainty.coef], 0.3, {"by": "a desk"})
    df = _quotation_articles(4)
    model = train(df, group_col="article", classes=["weak", "strong"], cv=3, C=1.0, certainty=mine)
    assert model.parts.certainty is mine
    again = load_model(model.save(tmp_path / "own.credscore"))
    assert again.parts.certainty.meta == {"by": "a desk"}
    assert again.metadata["combine"]["certainty_sha256"] == digest(mine.to_json().encode())
    s = credscore.score("“The dam may hold,” said Mayor Ann Lee.", model=again)[0]
    assert s.certainty == pytest.approx(mine.certainty([credscore.Sentence(s.text, 0, len(s.text))], [s.cues])[0])


def test_older_model_files_load_with_the_shipped_parts(quotation_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    model, _ = quotation_models
    path = model.save(tmp_path / "new.credscore")

    def to_format_2(meta: dict) -> None:
        meta["format"] = 2
        meta.pop("parts")
        meta["combine"].pop("certainty_sha256")

    old = _rewrite(
        path, tmp_path / "old.credscore", meta_update=to_format_2, drop={f"parts/{f}" for f in PART_FILES.values()}
    )
    loaded = load_model(old)
    assert loaded.parts.is_shipped
    assert [s.reliability for s in credscore.score(ARTICLES[2], model=loaded)] == [
        s.reliability for s in credscore.score(ARTICLES[2], model=model)
    ]

    def to_format_9(meta: dict) -> None:
        meta["format"] = 9

    future = _rewrite(path, tmp_path / "future.credscore", meta_update=to_format_9)
    with pytest.raises(ModelError, match=re.escape("has model format 9; this credscore (0.1.0) reads formats 1, 2, 3")):
        load_model(future)


def test_the_shipped_model_is_a_bundle_of_the_shipped_parts() -> None:
    model = credscore.default_model()
    assert model.metadata["format"] == 3
    assert model.parts.is_shipped
    assert model.metadata["combine"]["certainty_sha256"] == model.parts.digests["certainty"]


@pytest.mark.corpora
def test_polnear_articles_read_as_rows_give_the_scoring_features(corpora_dir: Path) -> None:
    from tools import corpora

    checked = 0
    for art in itertools.islice(corpora.read_polnear("dev"), 12):
        rows, paragraphs = _rows_of(art.text)
        table = Pipeline.unfitted().table(rows, groups=["a"] * len(rows), paragraphs=paragraphs)
        np.testing.assert_array_equal(table.X, _scoring_features(art.text), err_msg=art.name)
        checked += 1
    assert checked == 12


def test_cli_train_joins_a_certainty_model_of_ones_own(tmp_path: Path) -> None:
    from conftest import run

    src = tmp_path / "labels.csv"
    _quotation_articles(5).to_csv(src, index=False)
    mine = tmp_path / "certainty.json"
    mine.write_text(CertaintyModel([w * 0.5 for w in shipped_parts().certainty.coef], 0.2, {"by": "cli"}).to_json())
    res = run("train", str(src), "--group-column", "article", "--classes", "weak,strong", "--cv", "3",
              "--certainty", str(mine), "-o", str(tmp_path / "desk"))  # fmt: skip
    assert res.returncode == 0, res.stderr.decode()
    model = load_model(tmp_path / "desk.credscore")
    assert model.parts.certainty.meta == {"by": "cli"}
    assert model.metadata["combine"]["certainty_sha256"] == digest(mine.read_bytes())
    assert b"**read**: in context" in res.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"features": ["x"], "coef": [1], "intercept": 0}')
    res = run("train", str(src), "--group-column", "article", "--certainty", str(bad), "-o", str(tmp_path / "x"))
    assert res.returncode == 1
    assert b"bad.json is not a certainty model (the certainty model was trained on other features" in res.stderr


def test_evaluate_can_score_the_sourcing_model_alone() -> None:
    """Labels that say who a claim rests on and nothing of how firmly it is made: a named speaker's hedged claim
    is strong for them. Scored as score() scores it, certainty pulls it toward weak; sourcing_only does not."""
    rows = [f"“{claim.capitalize()} may change,” said {who}." for claim in CLAIMS for who in NAMED[:3]]
    plain = [f"{claim.capitalize()}." for claim in CLAIMS]
    anonymous = [f"{claim.capitalize()}, said {who}." for claim in CLAIMS for who in ANONYMOUS[:2]]
    df = pd.DataFrame(
        {
            "text": rows + plain + anonymous,
            "label": ["strong"] * len(rows) + ["unattributed"] * len(plain) + ["weak"] * len(anonymous),
        }
    )
    model = credscore.default_model()
    joined = credscore.evaluate(model, df)
    alone = credscore.evaluate(model, df, sourcing_only=True)
    assert alone["reading"].endswith("the sourcing model alone, certainty not joined")
    assert alone["metrics"]["log_loss"] < joined["metrics"]["log_loss"]
