"""Instructions one part of ``credscore.score`` executes, counted by callgrind: for a change to one step, a
figure that a whole-pipeline count (``bench/instructions.py``) or a noisy clock would blur.

Reads every 8th PolNeAR train text (105 texts), repairs, splits and builds each one's ``Document`` (the set-up,
with ftfy imported and the wire story scored so every lazily loaded part is in), then runs the part named on
the command line; the instructions of a run that stops after the set-up are subtracted. Hash randomisation
is switched off (``PYTHONHASHSEED=0``) so that two runs of one revision count the same.

    CREDSCORE_DATA=../shared/data python bench/instructions_part.py registry [--against /tmp/wt-base]   # ~1 min each

Parts: ``score`` (``credscore.score`` of the texts), ``registry`` (the entity registry of each, its surnames
included), ``runs`` (the capitalised runs found, each read once, uncached), ``hits`` (the lexicon scan), ``tokens``
(every sentence tokenized), ``split`` (the splitter).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_SETUP = """
import glob, os, sys
sys.path.insert(0, {path!r})
import ftfy  # imported by the first text with mojibake: start-up, not the part measured
import credscore
from credscore.cues import entities
from credscore.cues.detector import default_detector
from credscore.cues.document import Document, _find_hits
from credscore.repair import repair
from credscore.sentences import split_sentences
credscore.score(open({example!r}, encoding="utf-8").read())
texts = [open(p, encoding="utf-8").read()
         for p in sorted(glob.glob(os.path.join({data!r}, "polnear", "data", "train", "text", "*.txt")))[::8]]
det = default_detector()
readings = [repair(t) for t in texts]
docs = [Document(det, r.text, split_sentences(r.text)) for r in readings]
"""
PARTS = {
    "score": "for t in texts:\n    credscore.score(t)",
    "registry": "for d in docs:\n    d.surnames = None\n    entities._build(d)",
    "runs": (
        "runs = dict.fromkeys(m.group() for d in docs for m in entities._RUN.finditer(d.text))\n"
        "for r in runs:\n    entities._read_run.__wrapped__(r)"
    ),
    "hits": "for d in docs:\n    _find_hits(d)",
    "tokens": "for d in docs:\n    for i in range(len(d.sentences)):\n        d._sentence_tokens(i)",
    "split": "for r in readings:\n    split_sentences(r.text)",
}


def instructions(path: Path, body: str) -> int:
    data = os.environ.get("CREDSCORE_DATA", str(REPO.parent / "shared" / "data"))
    setup = _SETUP.format(
        path=str(path), data=str(Path(data).resolve()), example=str(REPO / "examples" / "wire-story.txt")
    )
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "worker.py"
        script.write_text(setup + body + "\n")
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, str(script)],
            check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "0"},
        )  # fmt: skip
        m = re.search(r"^summary:\s+(\d+)", out.read_text(), re.M)
        if m is None:
            raise SystemExit(f"no summary line in {out}")
        return int(m.group(1))


def measure(path: Path, part: str) -> float:
    """Millions of instructions of ``part`` in the credscore at ``path``."""
    return round((instructions(path, PARTS[part]) - instructions(path, "")) / 1e6, 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("part", choices=sorted(PARTS))
    ap.add_argument("--against", type=Path, help="another credscore checkout to measure in the same run")
    args = ap.parse_args()
    out: dict[str, object] = {"part": args.part, "this_M": measure(REPO, args.part)}
    if args.against:
        out["against_M"] = measure(args.against.resolve(), args.part)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
