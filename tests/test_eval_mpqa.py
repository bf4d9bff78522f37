"""bench/eval_mpqa.py: the speech-event selection, the pronoun test and the holder match."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import eval_mpqa as E  # noqa: E402

from credscore.cues import CueDetector  # noqa: E402
from tools.corpora import MpqaDocument, MpqaEvent  # noqa: E402


def test_inflect() -> None:
    assert {"say", "says", "said", "saying"} <= E.inflect("say")
    assert {"admit", "admits", "admitted", "admitting"} <= E.inflect("admit")
    assert {"note", "notes", "noted", "noting"} <= E.inflect("note")
    assert {"worry", "worries", "worried", "worrying"} <= E.inflect("worry")
    assert {"agree", "agreed", "agreeing"} <= E.inflect("agree")
    assert {"write", "wrote", "written", "writing"} <= E.inflect("write")


def test_is_pronoun() -> None:
    assert E.is_pronoun("He")
    assert E.is_pronoun("I'm")
    assert E.is_pronoun("its")
    assert not E.is_pronoun("Bush")
    assert not E.is_pronoun("the minister")


def test_speech_trigger(corpora_dir: Path) -> None:
    forms = E.speech_forms()
    assert E.speech_trigger("said", forms) == "said"
    assert E.speech_trigger("have also said", forms) == "said"
    assert E.speech_trigger("According to", forms) == "according to"
    assert E.speech_trigger("Stressed", forms) == "stressed"
    assert E.speech_trigger("want", forms) is None
    assert E.speech_trigger("condemned", forms) is None


def _doc(text: str, holder: str, expression: str) -> MpqaDocument:
    h = text.index(holder)
    x = text.index(expression)
    ev = MpqaEvent((x, x + len(expression)), ((h, h + len(holder)),), False, (0, len(text)))
    return MpqaDocument("20010101/00.00.00-1", "dev", text, (ev,), 1.0)


def test_score_document_finds_a_named_holder() -> None:
    doc = _doc("The economy will grow, Finance Minister Jane Doe said on Monday.", "Finance Minister Jane Doe", "said")
    (r,) = E.score_document(CueDetector(), doc, frozenset({"said"}))
    assert r.speech and not r.pronoun
    assert r.found and r.type is not None


def test_score_document_misses_a_holder_credscore_does_not_report() -> None:
    doc = _doc("The woman was admitted after complaining of pains.", "The woman", "complaining")
    (r,) = E.score_document(CueDetector(), doc, frozenset({"complaining"}))
    assert r.speech and not r.found and r.type is None
    shown = E.show_miss(doc, r)
    assert "[[The woman]]" in shown and "{{complaining}}" in shown


def test_a_relative_pronoun_finds_the_antecedent_mpqa_marks_and_says_so() -> None:
    doc = _doc("Their views were echoed by rural voters, who said the land was theirs.", "rural voters", "said")
    (r,) = E.score_document(CueDetector(), doc, frozenset({"said"}))
    assert r.found and r.via_relative and r.type == "unnamed_group"
    assert E._recall([r]) == {"n": 1, "found": 1, "recall": 1.0, "via_relative": 1}
    named = _doc("The economy will grow, Finance Minister Jane Doe said.", "Finance Minister Jane Doe", "said")
    (r,) = E.score_document(CueDetector(), named, frozenset({"said"}))
    assert r.found and not r.via_relative


def test_show_misses_needs_dev(capsys: pytest.CaptureFixture[str], corpora_dir: Path) -> None:
    assert E.main(["--folds", "fold_0", "--show-misses", "1"]) == 0
    out = capsys.readouterr().out
    assert "dev fold only" in out
    assert "| fold_0 |" in out


def test_show_misses_never_shows_a_document_of_the_blind_test_part(
    capsys: pytest.CaptureFixture[str], corpora_dir: Path
) -> None:
    # The out-of-domain blind test part draws MPQA documents from every fold, the dev fold too.
    blind = E.blind_documents()
    assert blind  # the blind part holds MPQA documents
    assert E.main(["--folds", "dev", "--show-misses", "1000"]) == 0
    out = capsys.readouterr().out
    shown = {line.split()[1] for line in out.splitlines() if line.startswith("- ")}
    assert shown and not shown & blind
