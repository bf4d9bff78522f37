"""Speed work must not change a single output: a digest of ``score()``'s JSON on the PolNeAR train texts.

The digest covers every field ``credscore score --json`` writes (scores rounded as written, cues,
sources) for the 840 PolNeAR train articles, in order. A change that is *meant* to change results (a
retrained model, a new rule) updates ``DIGEST`` in the same commit and says so; a change meant only to
make credscore faster must leave it alone. Regenerate with::

    CREDSCORE_DATA=../shared/data python tests/test_output_digest.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

#: SHA-256 of the JSON lines of score() over the PolNeAR train texts (see the module docstring).
DIGEST = "57213d9e7ea4b180233d904553830df9e2d22f00682888d302f248bc20f32373"
N_SENTENCES = 30738


def polnear_train_texts(root: Path) -> list[str]:
    folder = root / "polnear" / "data" / "train" / "text"
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]


def output_digest(texts: list[str]) -> tuple[str, int]:
    import credscore

    h = hashlib.sha256()
    n = 0
    for t in texts:
        for s in credscore.score(t):
            h.update(json.dumps(s.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8"))
            h.update(b"\n")
            n += 1
    return h.hexdigest(), n


def test_outputs_unchanged_on_polnear_train(corpora_dir: Path) -> None:
    texts = polnear_train_texts(corpora_dir)
    assert len(texts) == 840
    digest, n = output_digest(texts)
    assert n == N_SENTENCES
    assert digest == DIGEST, "score() output changed; if that is intended, regenerate DIGEST (see docstring)"


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tools import corpora

    d, n = output_digest(polnear_train_texts(corpora.data_dir()))
    print(f'DIGEST = "{d}"\nN_SENTENCES = {n}')
