"""Instructions ``credscore.score`` executes on PolNeAR text, counted by callgrind: a speed figure a shared, noisy
machine cannot move (the race's wall-clock ratio moved by 0.15 between runs of one revision).

Scores every 10th PolNeAR train article (84 texts) under ``valgrind --tool=callgrind`` and subtracts a run
that imports credscore, loads the model and scores the example wire story (start-up, with every part
loaded). ``--against DIR`` measures a second credscore (a checkout or worktree of another revision, put first
on ``sys.path``) in the same run.

    CREDSCORE_DATA=../shared/data python bench/instructions.py [--against /tmp/wt-base]   # ~5 minutes per revision
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
_WORKER = """
import sys, glob, os
sys.path.insert(0, {path!r})
import credscore
# Start-up: import, the model and every lazily loaded part (the wire story reaches the typer and the tagger).
credscore.score(open({example!r}, encoding="utf-8").read())
texts = sorted(glob.glob(os.path.join({data!r}, "polnear", "data", "train", "text", "*.txt")))[::10]
if {score!r}:
    for p in texts:
        credscore.score(open(p, encoding="utf-8").read())
"""


def instructions(path: Path, score: bool) -> int:
    data = os.environ.get("CREDSCORE_DATA", str(REPO.parent / "shared" / "data"))
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "worker.py"
        example = REPO / "examples" / "wire-story.txt"
        script.write_text(
            _WORKER.format(path=str(path), data=str(Path(data).resolve()), score=score, example=str(example))
        )
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, str(script)],
            check=True, capture_output=True,
        )  # fmt: skip
        m = re.search(r"^summary:\s+(\d+)", out.read_text(), re.M)
        if m is None:
            raise SystemExit(f"no summary line in {out}")
        return int(m.group(1))


def measure(path: Path) -> dict[str, float]:
    start = instructions(path, False)
    total = instructions(path, True)
    return {"startup": start, "scoring": total - start, "scoring_G": round((total - start) / 1e9, 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--against", type=Path, help="another credscore checkout to measure in the same run")
    args = ap.parse_args()
    out = {"this": measure(REPO)}
    if args.against:
        out["against"] = measure(args.against.resolve())
        out["ratio"] = round(out["this"]["scoring"] / out["against"]["scoring"], 4)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
