"""Rules as objects, lexicons as data (issue 18 item 8): the word lists the cue rules read come from the
documented TSV files, and a rule switched off does not run where it is a unit of work."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

from credscore.cues import CueDetector, attribution, detector, source_types
from credscore.cues.base import RULES
from credscore.lexicon import WORD_LIST_FILES, LexiconError, word_list, word_table

PACKAGE = Path(__file__).resolve().parents[1] / "credscore"


def _lists_in(name: str) -> list[str]:
    raw = resources.files("credscore").joinpath("lexicons", "en", name).read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")][1:]
    return sorted({r[0] for r in rows})


@pytest.mark.parametrize("name", WORD_LIST_FILES)
def test_every_word_list_is_documented_and_read_by_the_code(name: str) -> None:
    """A list no code reads is dead data; a list without its comment is undocumented."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    raw = resources.files("credscore").joinpath("lexicons", "en", name).read_text(encoding="utf-8")
    for lst in _lists_in(name):
        assert re.search(rf"word_(?:list|table)\(\"{lst}\"\)", code), f"{name}: list {lst!r} is read by no code"
        assert f"# {lst}: " in raw, f"{name}: list {lst!r} has no comment saying what it is"


def test_word_lists_keep_case_apostrophes_multi_word_entries_and_values() -> None:
    assert "he\u2019s" in word_list("copulas") and "he's" in word_list("copulas")
    assert "The" in word_list("name_stop") and "the" not in word_list("name_stop")
    assert "with direct knowledge of" in word_list("post_modifier_markers")
    assert word_table("number_words")["dozens"] == "24"
    assert list(word_table("abbreviations"))[:3] == ["Mr", "Mrs", "Ms"]  # file order: regex alternations


def test_an_unknown_word_list_names_the_lists() -> None:
    with pytest.raises(LexiconError, match=r"no word list 'pronoun'; the lists are: .*pronouns"):
        word_list("pronoun")


def test_type_rules_declare_the_rules_their_decisions_carry() -> None:
    """TYPE_RULES says which registered rules each sure rule decides; its code must agree (a rule switched
    off skips exactly the typing rules whose decisions it would drop)."""
    tree = ast.parse((PACKAGE / "cues" / "source_types.py").read_text(encoding="utf-8"))
    funcs = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    for rule in source_types.TYPE_RULES:
        assert rule.rules <= RULES.keys(), rule.name
        made: set[str] = set()
        for n in ast.walk(funcs[rule.find.__name__]):
            if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "TypeDecision":
                made |= {c.value for c in ast.walk(n.args[3]) if isinstance(c, ast.Constant)}
            elif isinstance(n, ast.Assign) and any(getattr(t, "id", None) == "rule" for t in n.targets):
                made |= {c.value for c in ast.walk(n.value) if isinstance(c, ast.Constant)}  # rule = "a" if ..
        assert made == set(rule.rules), f"{rule.name}: decides {sorted(made)}, declares {sorted(rule.rules)}"


SPOKESWOMAN = "Delta Air Lines canceled 300 flights on Monday, a spokeswoman for Delta Air Lines said."


def _counting(monkeypatch: pytest.MonkeyPatch, calls: list[str], name: str) -> None:
    """Replace the sure typing rule ``name`` by one that counts its calls."""

    rules = list(source_types.TYPE_RULES)
    k = next(i for i, r in enumerate(rules) if r.name == name)
    inner = rules[k].find

    def find(*a):  # type: ignore[no-untyped-def]
        calls.append(name)
        return inner(*a)

    find.__name__ = inner.__name__
    rules[k] = replace(rules[k], find=find)
    monkeypatch.setattr(source_types, "TYPE_RULES", tuple(rules))


def test_a_disabled_type_rule_is_never_called(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    _counting(monkeypatch, calls, "spokesperson")
    on = CueDetector().analyze(SPOKESWOMAN)[1][0]
    assert calls and any(s.rule == "spokesperson" for s in on)
    calls.clear()
    off = CueDetector(disabled_rules=["spokesperson"]).analyze(SPOKESWOMAN)[1][0]
    assert calls == []
    assert off and not any(s.rule == "spokesperson" for s in off)  # typed by the next rules instead


def test_a_type_rule_runs_while_one_of_its_rules_is_on() -> None:
    rules = {r.name: r for r in source_types.TYPE_RULES}
    assert rules["someone"].runs_with(frozenset({"unnamed_person"}))
    assert not rules["someone"].runs_with(frozenset({"unnamed_person", "vague_group"}))
    assert rules["a named head, then its description"].runs_with(frozenset(RULES))  # decides any rule


RELAYED = (
    "The ministry is weighing the plan, the Daehan Ilbo reported, citing unnamed officials.\n\n"
    '"We will not give in to pressure from anyone," Mayor Ann Lee said.'
)


@pytest.mark.parametrize(
    ("stages", "stage", "rules"),
    [
        ("STAGES", "relays", ["relay"]),
        ("DOCUMENT_STAGES", "quotation speakers", ["quote_with_speaker"]),
        ("STAGES", "uncertainty", ["epistemic_cue", "doxastic_cue", "condition_cue", "investigation_cue"]),
    ],
)
def test_a_stage_whose_rules_are_all_off_does_not_run(
    monkeypatch: pytest.MonkeyPatch, stages: str, stage: str, rules: list[str]
) -> None:
    calls: list[str] = []
    table = list(getattr(detector, stages))
    k = next(i for i, st in enumerate(table) if st.name == stage)
    inner = table[k].run

    def run(*a):  # type: ignore[no-untyped-def]
        calls.append(stage)
        return inner(*a)

    table[k] = replace(table[k], run=run)
    monkeypatch.setattr(detector, stages, tuple(table))
    text = RELAYED + " Officials said the plan may be delayed."
    cues = [c for row in CueDetector().detect(text) for c in row]
    assert calls and any(c.rule in rules for c in cues)
    calls.clear()
    cues = [c for row in CueDetector(disabled_rules=rules[:-1]).detect(text) for c in row]
    assert calls, "one of its rules is still on: the stage runs"
    calls.clear()
    cues = [c for row in CueDetector(disabled_rules=rules).detect(text) for c in row]
    assert calls == []
    assert not any(c.rule in rules for c in cues)


def test_a_disabled_attribution_rule_is_never_called(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    inner = attribution.ATTRIBUTION_RULES["according_to"]

    def according_to(*a):  # type: ignore[no-untyped-def]
        calls.append("according_to")
        return inner(*a)

    monkeypatch.setitem(attribution.ATTRIBUTION_RULES, "according_to", according_to)
    text = "According to the mayor, the dam will hold. Officials said it was safe."
    assert any(c.rule == "according_to" for c in CueDetector().detect(text)[0])
    assert calls
    calls.clear()
    cues = [c for row in CueDetector(disabled_rules=["according_to"]).detect(text) for c in row]
    assert calls == []
    assert not any(c.rule == "according_to" for c in cues)
    assert any(c.rule == "speech_verb" for c in cues)  # the other attribution rules still run


def test_attribution_rules_carry_their_find_function() -> None:
    for name, fn in attribution.ATTRIBUTION_RULES.items():
        assert RULES[name].find is fn
