"""Scoring files: CSV, gzipped CSV, JSON lines and Parquet, streamed in chunks.

:func:`score_file` (how: :class:`ScoreFileSettings`) reads the input a chunk at a time, scores each chunk with
:func:`credscore.batch.score_frame` (on several cores with ``jobs``), and
writes each chunk's result to its own part file in ``OUT.parts/`` before it
moves on. Only when every chunk is done are the parts joined into a
temporary file that is then renamed to ``OUT``. So:

- memory stays flat: one chunk in, one chunk out, whatever the file size;
- an interrupted run never leaves an ``OUT`` that looks complete: ``OUT``
  appears only at the end, all at once;
- ``ScoreFileSettings(resume=True)`` continues from the last finished chunk (a part file
  exists only once complete) and gives the same bytes as an uninterrupted
  run; the run's settings (and the SHA-256 of the model file) are recorded in
  ``OUT.parts/manifest.json`` and a resume with other settings, another input
  or another model is refused.

Writing to standard output (``"-"``) streams chunk by chunk instead.
"""

from ..formats import DEFAULT_CHUNKSIZE, FORMATS, ScoreFileError, check_output_path, detect_format
from .reading import read_table
from .run import ScoreFileSettings, Summary, score_file

__all__ = [
    "DEFAULT_CHUNKSIZE",
    "FORMATS",
    "ScoreFileError",
    "ScoreFileSettings",
    "Summary",
    "check_output_path",
    "detect_format",
    "read_table",
    "score_file",
]
