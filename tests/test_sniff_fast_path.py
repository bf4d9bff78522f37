"""``sniff.text_problem`` takes a byte path for ASCII text (``bytes.translate`` in C instead of a regex tried at
every character); it must say what the regex says, on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from credscore import sniff

_CHARS = st.sampled_from(["a", " ", "\n", "\t", "\x00", "\x01", "\x1f", "\x7f", "é", "\u201c", ".", "\x0b"])


def _slow(text: str) -> str | None:
    odd = len(text) - len(sniff._ODD.sub("", text))
    if not odd or odd <= sniff.ODD_SHARE * len(text):
        return None
    return "problem"


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, max_size=60).map("".join))
def test_the_fast_path_agrees_with_the_regex(text: str) -> None:
    got = sniff.text_problem(text)
    assert (got is None) == (_slow(text) is None), repr(text)


def test_a_long_ascii_text_of_control_characters_is_no_text() -> None:
    assert sniff.text_problem("\x00\x01" * 50_000) is not None
    assert sniff.text_problem("Officials said so. " * 50_000) is None
    assert sniff.text_problem("Officials said so.\x00" * 10) is None  # a few stray NULs are no problem
