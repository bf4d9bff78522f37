"""Would compiling credscore's own Python make it fast? `score()` pure against the same source compiled.

Issue 13, item 5 asks whether a compiled core pays. The cheapest compiled core is the Python we have,
compiled as it is: this script copies the package to a scratch folder, compiles the analysis modules
there (the cue families, the splitter and the lexicon: ~80% of `score()`'s time) with

- **mypyc** (compiles type-annotated Python to C extensions; the modules type-check clean for it), and/or
- **Cython** (the same .py files compiled as they are, no type declarations),

then times `score()` over the PolNeAR train texts in separate processes, pure and compiled in alternation
(best of --repeat each), and checks that every build gives the same output (a hash of every sentence's
score, cues and sources).

    pip install mypy cython setuptools          # or: pip install -e ".[bench]"
    CREDSCORE_DATA=../shared/data python bench/compiled.py --repeat 3 [--builds mypyc cython]

Needs a C compiler. Nothing here is used by credscore itself.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The analysis modules compiled: what score() spends its time in (docs/benchmarks.md §4).
MODULES = [
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "credscore" / "cues").glob("*.py") if p.name != "__init__.py"),
    "credscore/sentences.py",
    "credscore/lexicon.py",
]

_TIMER = r"""
import glob, hashlib, sys, time
texts = [open(p, encoding="utf-8", errors="replace").read() for p in sorted(glob.glob(sys.argv[1]))]
import credscore
assert credscore.__file__.startswith(sys.argv[3]), credscore.__file__
credscore.score(texts[0])
best = float("inf")
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter()
    out = [credscore.score(t) for t in texts]
    best = min(best, time.perf_counter() - t0)
h = hashlib.sha256()
for doc in out:
    for s in doc:
        h.update(repr((s.start, s.end, s.reliability, s.label, s.cues, s.sources, s.sourcing, s.certainty)).encode())
print(best, h.hexdigest()[:16], sum(map(len, texts)))
"""


def build(kind: str, scratch: Path) -> Path:
    """A copy of the package with the analysis modules compiled by ``kind``; returns the folder to import from."""
    home = scratch / kind
    shutil.copytree(ROOT / "credscore", home / "credscore", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    (home / "models").mkdir()
    shutil.copy2(ROOT / "models" / "default.credscore", home / "models")  # where a checkout keeps the model
    if kind == "mypyc":
        cmd = [sys.executable, "-m", "mypyc", "--ignore-missing-imports", "--follow-imports=silent", *MODULES]
    elif kind == "cython":
        setup = (
            "from setuptools import setup\nfrom Cython.Build import cythonize\n"
            f"setup(ext_modules=cythonize({MODULES!r}, compiler_directives={{'language_level': 3}}, quiet=True),"
            " script_args=['build_ext', '--inplace'])\n"
        )
        (home / "setup_compiled.py").write_text(setup)
        cmd = [sys.executable, "setup_compiled.py"]
    else:
        raise SystemExit(f"unknown build {kind!r}; choose mypyc or cython")
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=home, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{kind} build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    compiled = list((home / "credscore").rglob("*.so")) + list((home / "credscore").rglob("*.pyd"))
    print(f"{kind}: {len(compiled)} extension modules in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return home


def timed(home: Path, texts: str, repeat: int) -> tuple[float, str, int]:
    env = {**os.environ, "PYTHONPATH": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", _TIMER, texts, str(repeat), str(home)], cwd=home, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"scoring with the build in {home} failed:\n{done.stderr[-3000:]}")
    best, digest, chars = done.stdout.split()
    return float(best), digest, int(chars)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    data = Path(os.environ.get("CREDSCORE_DATA", ROOT.parent / "shared" / "data"))
    ap.add_argument("--texts", default=str(data / "polnear" / "data" / "train" / "text" / "*.txt"))
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per process (best is kept)")
    ap.add_argument("--rounds", type=int, default=2, help="processes per build, in alternation")
    ap.add_argument("--builds", nargs="+", default=["mypyc", "cython"])
    a = ap.parse_args(argv)
    a.texts = os.path.abspath(a.texts)  # the timing processes run in the build folders
    with tempfile.TemporaryDirectory(prefix="credscore-compiled-") as tmp:
        homes = {"pure": ROOT}
        for kind in a.builds:
            homes[kind] = build(kind, Path(tmp))
        best: dict[str, float] = {}
        digests: dict[str, str] = {}
        chars = 0
        for _ in range(a.rounds):
            for name, home in homes.items():
                t, digest, chars = timed(home, a.texts, a.repeat)
                best[name] = min(best.get(name, float("inf")), t)
                digests[name] = digest
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {chars / 1e6:.2f} MB")
    print("| build | score() s | MB/s | speed-up | output |")
    print("|---|---:|---:|---:|---|")
    for name in homes:
        same = "same" if digests[name] == digests["pure"] else f"DIFFERENT ({digests[name]})"
        mb_s = chars / 1e6 / best[name]
        print(f"| {name} | {best[name]:.3f} | {mb_s:.2f} | {best['pure'] / best[name]:.2f}x | {same} |")
    return 0 if len(set(digests.values())) == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
