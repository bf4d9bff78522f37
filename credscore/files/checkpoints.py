"""Checkpoints of a batch run: the parts folder, its manifest (what run it belongs to) and resuming."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from ..batch import Level
from ..formats import Format, ScoreFileError

__all__ = [
    "MANIFEST_VERSION",
    "chunk_stats",
    "discard_if_empty",
    "input_fingerprint",
    "part_paths",
    "prepare_parts",
]

#: Bumped when the parts of a run change shape, so that a resume never joins parts of two shapes:
#: 2 added the ``raw`` column (the line(s) of an unreadable row).
MANIFEST_VERSION = 2


def input_fingerprint(src: str, resume: bool) -> dict[str, Any]:
    """What identifies the input file of a run in its manifest (its path, size and modification time), so
    that a resume of a run on a file that changed since is refused."""
    if src == "-":
        if resume:
            raise ScoreFileError("standard input cannot be resumed; write the input to a file first")
        return {"path": "-"}
    st = os.stat(src)
    return {"path": str(Path(src).resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def prepare_parts(parts_dir: Path, manifest: dict[str, Any], resume: bool, dst: str) -> None:
    """Make the parts folder of a run with its ``manifest`` (the run's version, input and options); or, with
    ``resume``, check that the folder there holds a run with the same manifest. Raises :class:`ScoreFileError`
    that says what differs (and, for a model file, that its digest changed), or that there is nothing to
    resume."""
    path = parts_dir / "manifest.json"
    if parts_dir.exists():
        if not resume:
            raise ScoreFileError(
                f"{parts_dir} holds an interrupted run for {dst}; continue it with resume=True, "
                "or delete that folder to start over"
            )
        try:
            old = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            raise ScoreFileError(f"{path} is missing or unreadable; delete {parts_dir} to start over") from None
        diffs = [k for k in ("version", "input", "options") if old.get(k) != manifest.get(k)]
        if diffs:
            what = {
                "input": "the input file changed (path, size or time)",
                "options": "the options differ",
                "version": "it was written by another credscore version",
            }
            details = "; ".join(what[d] for d in diffs)
            if "options" in diffs:
                before = old.get("options", {})
                changed = [k for k in manifest["options"] if before.get(k) != manifest["options"][k]]
                details += f" ({', '.join(changed)})"
                was, now = before.get("model_sha256"), manifest["options"]["model_sha256"]
                if was and "model_sha256" in changed and "model" not in changed:
                    path = manifest["options"]["model"]
                    which = "the default model" if path == "default" else f"the model file {path}"
                    details += (
                        f"; {which} is not the one the interrupted run used (SHA-256 {was[:12]}... then, "
                        f"{now[:12]}... now): resuming would mix two models' scores"
                    )
            raise ScoreFileError(f"cannot resume {dst}: {details}. Use the same settings, or delete {parts_dir}")
        return
    if resume and Path(dst).exists():
        # The run finished: scoring everything again without a word would be a
        # surprise (and slow), so say so; without resume the output is rewritten.
        raise ScoreFileError(
            f"nothing to resume: {dst} is complete (there is no {parts_dir}); run without resume=True to score again"
        )
    parts_dir.mkdir(parents=True)
    tmp = path.with_name("manifest.json.tmp")
    tmp.write_text(json.dumps(manifest, indent=2))
    os.replace(tmp, path)


#: The extension of a part file: parts are never compressed (the output is, when its format says so).
_PART_EXTENSIONS = {"csv": "csv", "csv.gz": "csv", "jsonl": "jsonl", "jsonl.gz": "jsonl", "parquet": "parquet"}


def part_paths(parts_dir: Path, i: int, fmt: Format) -> tuple[Path, Path]:
    """The part file of chunk ``i`` and the file of its statistics (:func:`chunk_stats`). The statistics are
    written first, the part last: a chunk whose part exists is finished."""
    return parts_dir / f"chunk-{i:06d}.{_PART_EXTENSIONS[fmt]}", parts_dir / f"chunk-{i:06d}.json"


def chunk_stats(n_in: int, out: pd.DataFrame, level: Level) -> dict[str, Any]:
    """What the summary of a run needs from one scored chunk (rows in and out, sentences, statuses, the
    header), kept beside its part so that a resumed run accounts for it without reading it again."""
    if level == "sentence":
        sentences = int(out["sentence"].notna().sum())
        statuses = Counter(out.drop_duplicates("row")["status"].tolist())
    else:
        sentences = int(out["n_sentences"].sum())
        statuses = Counter(out["status"].tolist())
    return {"input_rows": n_in, "output_rows": len(out), "sentences": sentences, "statuses": dict(statuses),
            "header": list(out.columns)}  # fmt: skip


def discard_if_empty(dst: str, created: bool) -> None:
    """Remove the parts folder of ``dst`` if this run ``created`` it and finished no chunk: a run that fails at
    once leaves nothing that looks like an interrupted run."""
    parts_dir = Path(dst + ".parts")
    if created and parts_dir.exists() and not any(parts_dir.glob("chunk-*.json")):
        shutil.rmtree(parts_dir, ignore_errors=True)
