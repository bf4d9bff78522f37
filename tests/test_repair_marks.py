"""The quotation-mark patterns of credscore.repair, written as one alternative per mark (so the regex engine can
skip to the next mark), find what the character-class form they replaced finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from credscore.repair import _DOUBLE_MARKS, _NOT_STRAIGHT

_CLASS_DOUBLE_MARKS = re.compile(r"``|''|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]")
_CLASS_NOT_STRAIGHT = re.compile(r"``|''|[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]")
_ALPHABET = "`'\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2018\u2019a ."


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=30))
def test_the_mark_patterns_find_what_the_class_patterns_found(text: str) -> None:
    assert [m.span() for m in _DOUBLE_MARKS.finditer(text)] == [m.span() for m in _CLASS_DOUBLE_MARKS.finditer(text)]
    assert [m.span() for m in _NOT_STRAIGHT.finditer(text)] == [m.span() for m in _CLASS_NOT_STRAIGHT.finditer(text)]
