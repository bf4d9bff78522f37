"""Text repair (credscore.repair): broken quotation marks and mojibake read as the clean text, spans in the
caller's text.

Specification: the same sentence written with matched curly quotes, mixed marks, TeX marks, guillemets or
mojibake (with or without the lost last byte of a closing quote) gets the same sentences, sources, types and
labels as the clean one; every span still points at the caller's characters, on any input.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import credscore
from credscore.repair import Repair, repair

CLEAN = "\u201cWe are not going anywhere,\u201d said council member Janet Brooks."


def _mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252, as browsers do: the five undefined bytes pass as C1 controls."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


SURFACES = {
    "mixed: curly open, straight close": '\u201cWe are not going anywhere," said council member Janet Brooks.',
    "straight": '"We are not going anywhere," said council member Janet Brooks.',
    "closing mark used to open": "\u201dWe are not going anywhere,\u201d said council member Janet Brooks.",
    "TeX": "``We are not going anywhere,'' said council member Janet Brooks.",
    "guillemets": "\u00abWe are not going anywhere,\u00bb said council member Janet Brooks.",
    "mojibake": _mojibake(CLEAN),
    "mojibake, closing quote lost its last byte": _mojibake(CLEAN).replace("\u00e2\u20ac\x9d", "\u00e2\u20ac"),
}


def reading(text: str) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
    return [(s.label, s.kind, [(x.text, x.type, x.anonymous) for x in s.sources]) for s in credscore.score(text)]


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_every_surface_reads_as_the_clean_text(surface: str) -> None:
    assert (
        reading(SURFACES[surface])
        == reading(CLEAN)
        == [("strong", "sentence", [("council member Janet Brooks", "named_person", False)])]
    )


def test_spans_point_at_the_callers_characters() -> None:
    text = SURFACES["mojibake"] + " " + SURFACES["TeX"]
    for s in credscore.score(text):
        assert text[s.start : s.end] == s.text
        for c in s.cues:
            assert text[c.start : c.end] == c.text
        for x in s.sources:
            assert text[x.start : x.end] == x.text
            if x.cue is not None:
                assert text[x.cue.start : x.cue.end] == x.cue.text
    quote = next(c for s in credscore.score(text) for c in s.cues if c.kind == "direct_quote")
    assert quote.text.startswith("\u00e2\u20ac\u0153We")  # the mojibake as written, not the repaired mark


def test_regression_mojibake_sentence_was_read_as_a_heading() -> None:
    text = _mojibake("The bakery \u201cmay never reopen.\u201d The owner said so on Monday.")
    assert [s.kind for s in credscore.score(text)] == ["sentence", "sentence"]


@pytest.mark.parametrize("name", ["Nguy\u1ec5n Th\u1ecb Lan", "\u0110\u1eb7ng V\u0103n Minh", "Ay\u015fe Y\u0131lmaz"])
def test_mojibake_of_letters_ftfy_leaves_alone_is_repaired(name: str) -> None:
    # "ễ" read as Windows-1252 is "á»…": ftfy keeps it (an ellipsis is common on its own), the run still
    # decodes as UTF-8 into letters; the guillemet inside it is no quotation mark.
    clean = f"{name}, a professor of economics, said that the fund paid farmers."
    assert repair(_mojibake(clean)).text == clean

    def types(text: str) -> list:  # the sources' texts are the caller's characters, mojibake as written
        return [(label, kind, [(t, anon) for _x, t, anon in srcs]) for label, kind, srcs in reading(text)]

    assert types(_mojibake(clean)) == types(clean)


def test_clean_and_plain_straight_text_is_not_touched() -> None:
    for text in ('"Plain," she said.', "No quotes at all.", "Caf\u00e9 owners said the r\u00e9sum\u00e9 was fine."):
        r = repair(text)
        assert not r.changed and r.text == text


def test_a_shared_source_stays_shared_after_the_remap() -> None:
    text = _mojibake("\u201cIt failed,\u201d a newspaper reported, citing two officials.")
    [s] = credscore.score(text)
    paper, officials = [x for x in s.sources if not x.inherited]
    assert officials.via is paper


pieces = st.sampled_from(
    [
        "\u201c", "\u201d", '"', "``", "''", "\u00ab", "\u00bb", "\u201e", "\u00e2\u20ac\u0153", "\u00e2\u20ac",
        "\u00e2\u20ac\x9d", "\u00e2\u20ac\u2122", "\u00c3\u00a9", "\u00c3", "\u00e2", " ", "\n\n", ".", ",",
        "said Ann Lee", "We expect a full recovery", "a spokeswoman said", "according to officials",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pieces, max_size=60).map("".join))
def test_any_mix_of_marks_keeps_every_span(text: str) -> None:
    r = repair(text)
    for a in range(len(r.text) + 1):
        x, y = r.original_span(a, a)
        assert 0 <= x <= y <= len(text)
    for s in credscore.score(text):
        assert text[s.start : s.end] == s.text
        for c in s.cues:
            assert text[c.start : c.end] == c.text
        for src in s.sources:
            assert text[src.start : src.end] == src.text


def _reference_to_original(r: Repair, obj: object, memo: dict) -> object:
    """Repair.to_original as it was up to 3941fa5, written out plainly: one dataclasses.replace
    per record that moves, fields found by is_dataclass. The mapping must stay exactly this."""
    from dataclasses import fields, is_dataclass, replace

    if isinstance(obj, (tuple, list)):
        return type(obj)(_reference_to_original(r, x, memo) for x in obj)
    if obj is None or not is_dataclass(obj) or isinstance(obj, type):
        return obj
    done = memo.get(id(obj))
    if done is not None:
        return done
    names = {f.name for f in fields(obj)}
    changes = {}
    if {"start", "end", "text"} <= names:
        a, b = r.original_span(obj.start, obj.end)
        touched = any(x < b and a < y for x, y, _ in r.edits)  # an edit overlaps the caller's a-b
        if a != obj.start or b != obj.end or touched:
            changes.update(start=a, end=b, text=r.original[a:b])
    for f in fields(obj):
        v = getattr(obj, f.name)
        if f.name not in ("start", "end", "text") and v is not None and is_dataclass(v):
            moved = _reference_to_original(r, v, memo)
            if moved is not v:
                changes[f.name] = moved
    out = replace(obj, **changes) if changes else obj
    memo[id(obj)] = out
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(pieces, max_size=40).map("".join),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 40)), max_size=12),
)
def test_records_map_back_as_the_reference_mapping(text: str, spans: list[tuple[int, int]]) -> None:
    from credscore.cues import Cue, Source
    from credscore.cues.base import Span
    from credscore.sentences import Sentence

    r = repair(text)
    n = len(r.text)
    spans = [(min(a, n), min(a + w, n)) for a, w in spans]
    records: list[object] = []
    earlier = None
    for i, (a, b) in enumerate(spans):
        t = r.text[a:b]
        kind = i % 4
        if kind == 0:
            records.append(Sentence(t, a, b))
        elif kind == 1:
            records.append((Cue("hedge", "rule", a, b, t),))
        else:
            src = Source(
                t, a, b, "vague", False, cue=Span(a, b, t), refers_to=earlier, via=earlier if kind == 3 else None
            )
            records.append(src)
            earlier = src
    got = r.to_original(records, {})
    want = _reference_to_original(r, records, {}) if r.changed else records
    assert got == want
    # Shared records stay shared, as in the reference.
    for g, w in zip(got, want, strict=True):
        if isinstance(w, Source) and w.refers_to is not None:
            assert (g.refers_to is g.via) == (w.refers_to is w.via)
            assert any(g.refers_to is x for x in got)


# Straight double quotation marks, paired by what flanks each mark: a quotation left open ends at its line's
# end, or where the next quotation opens (a paragraph break between two quoted paragraphs was lost).
STRAIGHT = [
    ('"Plain," she said.', ['"Plain,"']),
    (
        'He said: "We will fight on. "I do not agree," he added, calling it "partly lost".',
        ['"We will fight on.', '"I do not agree,"', '"partly lost"'],
    ),
    ('"Open at a line start\nThe next line has "a closed one" in it.', ['"Open at a line start', '"a closed one"']),
    ('She is 5\'10" tall and said "yes, indeed".', ['"yes, indeed"']),  # an inch mark opens nothing
]


@pytest.mark.parametrize(("text", "want"), STRAIGHT)
def test_straight_quotations_pair_by_their_flanks(text: str, want: list[str]) -> None:
    from credscore.cues.quotes import straight_quotations

    assert [text[a:b] for a, b in straight_quotations(text)] == want


def test_a_quotation_left_open_does_not_swallow_the_attributions_after_it() -> None:
    # Two quoted paragraphs run together: each opening mark with no close before the next. Read pairwise, the
    # marks turned "she argued" into quoted words, and its attribution was lost.
    text = (
        'Ann Lee spoke on Monday. "We have a problem with piracy. "I do not agree that the market is lost," she '
        'argued. "We were first. "It is hard to compete with free." Tom Vasko said the plan was a "big mistake".'
    )
    sources = [x.text for s in credscore.score(text) for x in s.sources if not x.inherited]
    assert sources == ["she", "Tom Vasko"], sources
