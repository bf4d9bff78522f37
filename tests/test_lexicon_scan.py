"""The document scan's fast pattern (lexicon.PhraseScan) finds exactly the phrases the plain trie pattern finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credscore.lexicon import Lexicon, PhraseScan, _trie_pattern, default_lexicon

# Phrases that share prefixes, end in punctuation, hold a space or an apostrophe, and follow each other.
_PHRASES = ["said", "say", "says", "u.s.", "u.s. officials", "officials", "it's", "according to", "to", "a"]
_ALPHABET = "sayidu.ofcl't \n\u2019-_9\u00e9,"


def _spans(scan: PhraseScan, low: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end() - scan.lead) for m in scan.pattern.finditer(scan.scanned(low))]


def _plain(by_phrase: dict, low: str) -> list[tuple[int, int]]:
    return [m.span() for m in _trie_pattern(by_phrase).finditer(low)]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_the_fast_scan_finds_what_the_trie_pattern_finds(text: str) -> None:
    by_phrase = dict.fromkeys(_PHRASES, ())
    scan = PhraseScan.of(by_phrase)
    assert scan.lead == 1
    assert _spans(scan, text) == _plain(by_phrase, text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_the_shipped_groups_scan_any_text_as_their_trie_patterns(text: str) -> None:
    lex = default_lexicon()
    low = text.lower()
    for (hedge, scan), (same, pattern) in zip(lex.group_scans, lex.group_patterns, strict=True):
        assert hedge is same and scan.lead == 1
        assert _spans(scan, low) == [m.span() for m in pattern.finditer(low)]


@pytest.mark.parametrize(
    "text",
    ["'tis said", "x'tis said", "said -- 'tis", "'tis'tis"],
)
def test_a_phrase_opening_with_punctuation_keeps_the_plain_pattern(text: str) -> None:
    by_phrase = dict.fromkeys(["'tis", "said"], ())
    scan = PhraseScan.of(by_phrase)
    assert scan.lead == 0
    assert _spans(scan, text) == _plain(by_phrase, text)


def test_the_lexicon_compiles_its_whole_pattern_only_when_asked() -> None:
    lex = Lexicon.load()
    assert "pattern" not in vars(lex) and "group_patterns" not in vars(lex)
    assert [m.group() for m in lex.finditer("it was reportedly sent")] == ["reportedly"]
