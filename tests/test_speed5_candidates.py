"""The words the agentless and belief frames turn on, found in one scan per document (speed5): the same
positions as a scan per family, and no frame skipped that could have matched."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credscore.cues import agentless, beliefs
from credscore.cues.detector import default_detector
from credscore.cues.document import Document
from credscore.lexicon import word_pattern
from credscore.sentences import Sentence, split_sentences

_NOUNS = ["fears", "fear", "concerns", "speculation", "reports", "claims"]
_PARTICIPLES = ["expected", "believed", "voiced", "reported"]
_BELIEF = ["worried", "confident", "concerned", "assumption"]
# Words of both families, frame words, their prefixes and suffixes, and characters around words.
_WORDS = [*_NOUNS, *_PARTICIPLES, *_BELIEF, "amid", "widely", "that", "there", "was", "by", "his", "'s", "the"]
_WORDS += ["fearsome", "reportsx", "xfears", "_fears", "fears_", "fear9", "é"]
_SEPARATORS = [" ", "  ", "\n", "\n\n", ", ", ". ", "-", "'", "\u2019", "\u00e9", "\u00a0", "\t", "  " * 20]


def _doc(text: str) -> Document:
    return Document(default_detector(), text, split_sentences(text))


def _plain(words: frozenset[str], low: str) -> list[int]:
    """Each family's words as a scan of its own: the trie pattern with word boundaries."""
    return [m.start() for m in word_pattern(words).finditer(low)]


_texts = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), max_size=30).map(
    lambda pairs: "".join(w + sep for w, sep in pairs)
)


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", "...", "!?,;", "\u00e9\u00e8", " " * 5000, "fears", "Fears that", "x" * 3000 + " fears"],
)
def test_hostile_input_finds_what_a_scan_per_family_finds(text: str) -> None:
    doc = _doc(text)
    assert agentless.candidate_words(doc) == (
        _plain(agentless._AGENTLESS_WORDS, doc.low),
        _plain(agentless._BELIEF_WORDS, doc.low),
    )


@settings(max_examples=1000, deadline=None)
@given(_texts)
def test_one_scan_finds_what_a_scan_per_family_finds(text: str) -> None:
    doc = _doc(text)
    assert agentless.candidate_words(doc) == (
        _plain(agentless._AGENTLESS_WORDS, doc.low),
        _plain(agentless._BELIEF_WORDS, doc.low),
    )


def test_the_belief_words_are_the_belief_modules_words() -> None:
    assert agentless._BELIEF_WORDS == beliefs.BELIEF_ADJECTIVES | beliefs._UNDER_NOUNS


def _can_match(doc: Document, s: Sentence) -> tuple[bool, bool]:
    """What the frames find when every one is tried: (a frame of a noun matched, a participle frame matched)."""
    noun = any(
        next(f.pattern.finditer(doc.low, s.start, s.end), None) is not None
        for f in agentless.FRAMES
        if f.name != "widely_participle"
    ) or any(
        next(p.finditer(doc.low, s.start, s.end), None) is not None for p in (agentless._POSSESSOR, agentless._AGENT)
    )
    (widely,) = (f for f in agentless.FRAMES if f.name == "widely_participle")
    return noun, next(widely.pattern.finditer(doc.low, s.start, s.end), None) is not None


_FRAME_WORDS = [*_NOUNS, *_PARTICIPLES, "amid", "widely", "that", "there", "was", "rife", "with", "by", "his"]
_frame_texts = st.lists(st.sampled_from([*_FRAME_WORDS, "trump's", "x", "fearsome", "reportsx"]), max_size=12).map(
    " ".join
)


@settings(max_examples=1000, deadline=None)
@given(_frame_texts, st.integers(min_value=0, max_value=80))
def test_a_frame_is_skipped_only_when_it_cannot_match(text: str, cut: int) -> None:
    doc = _doc(text)
    # the sentences as split, and a piece that may end inside a word (as an over-long sentence's pieces do)
    sentences = [*doc.sentences, Sentence(text[: min(cut, len(text))], 0, min(cut, len(text)), "sentence", True)]
    for s in sentences:
        if s.start >= s.end:
            continue
        if not agentless._candidates(doc, s):
            continue  # no frame is tried (as before this change)
        noun, participle = _can_match(doc, s)
        may_noun, may_participle = agentless._frames_that_can_match(doc, s, agentless._candidates(doc, s))
        assert may_noun or not noun
        assert may_participle or not participle


def test_a_piece_that_ends_inside_a_word_tries_every_frame() -> None:
    # "fear" is a noun to a frame that reads the piece alone, though the document's word is "fearsome"
    text = "It was expected: there was fearsome noise"
    doc = _doc(text)
    end = text.index("some")
    piece = Sentence(text[:end], 0, end, "sentence", True)
    assert agentless._candidates(doc, piece) == ["expected"]
    assert _can_match(doc, piece) == (True, False)
    assert agentless._frames_that_can_match(doc, piece, agentless._candidates(doc, piece)) == (True, True)


def test_a_long_document_is_scanned_in_linear_time() -> None:
    text = ("There were fears that it was widely expected, and investors were worried about it. " + " " * 50) * 8000
    doc = _doc(text)
    nouns, belief = agentless.candidate_words(doc)
    assert len(nouns) == 2 * 8000 and len(belief) == 8000
