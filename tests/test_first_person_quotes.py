"""First-person holders inside quotations (credscore/cues/first_person.py): a golden table.

Sentences written for these tests. "I" / "we" before a verb of saying or believing inside a quotation, and "my" /
"our" before a noun of attribution, are the quotation's speaker when credscore knows it; outside quotations a
bare "I think" stays the writer's own view (no source).
"""

from __future__ import annotations

import pytest

from credscore.cues import CueDetector

DET = CueDetector()

GOLDEN = [
    (
        '"We also hope that the inspectors can return next month," the minister added.',
        [("We", "named_person", False, "pronoun_source", "the minister"), ("the minister", "named_person", False)],
    ),
    (
        '"I think the bridge will be closed for a year, and my fear is that it will cost more," said Ann Roe.',
        [
            ("I", "named_person", False, "pronoun_source", "Ann Roe"),
            ("my", "named_person", False, "pronoun_source", "Ann Roe"),
            ("Ann Roe", "named_person", False),
        ],
    ),
    (
        '"I don\'t believe the plan will survive the winter," a senior official said.',
        [
            ("I", "unnamed_person", True, "pronoun_source", "a senior official"),
            ("a senior official", "unnamed_person", True),
        ],
    ),
]

#: No speaker known, or no quotation: the first person gives no source.
NO_SOURCE = [
    "I think the bridge will close before the winter.",
    '"I think the bridge will close for good this time."',
]


def _own(text: str) -> list[tuple]:
    _, srcs = DET.analyze(text)
    out = []
    for row in srcs:
        for x in row:
            if x.inherited:
                continue
            if x.rule == "pronoun_source" and x.text in ("I", "We", "we", "my", "our"):
                out.append((x.text, x.type, x.anonymous, x.rule, x.refers_to.text if x.refers_to else None))
            else:
                out.append((x.text, x.type, x.anonymous))
    return out


@pytest.mark.parametrize(("text", "want"), GOLDEN, ids=[g[0][:45] for g in GOLDEN])
def test_first_person_in_a_quotation_is_its_speaker(text: str, want: list[tuple]) -> None:
    assert _own(text) == want


@pytest.mark.parametrize("text", NO_SOURCE)
def test_first_person_without_a_known_speaker_gives_no_source(text: str) -> None:
    assert _own(text) == []
