"""The errors credscore raises for its users, in one hierarchy.

Every error a user can cause — a file that cannot be read, a column that is not there, a model file that
is not a model, a text over the length limit, labels that cannot be trained on — is a
:class:`CredscoreError` whose message says what is wrong and how to fix it. The command line has one
boundary (:func:`credscore.cli.main`) that prints such a message as ``credscore: <message>`` and exits
with status 1; anything else is a bug and keeps its traceback.

    CredscoreError
    ├── InputError (ValueError)             a file, column, encoding, option or text that cannot be used
    │   ├── ColumnNotFoundError (KeyError)  a column the caller named is not in the table
    │   ├── ScoreFileError                  credscore.files / score-file: input or output files
    │   ├── DocumentTooLongError            a text over max_chars (credscore.scoring)
    │   └── ProfileError                    scored output a profile cannot be made from (credscore.profiles)
    ├── ModelError (ValueError)             a model file cannot be used (credscore.model)
    ├── LabelError (ValueError)             labels cannot be trained or evaluated on (credscore.training)
    ├── LexiconError (ValueError)           a lexicon file is malformed (credscore.lexicon)
    └── PlotDependencyError (ImportError)   a page's plots need matplotlib, not installed (credscore.profile_page)

Every one is defined here, at the bottom of the package (this module imports nothing of credscore), and
re-exported by the module that raises it.

A message names the parameter to pass, as a Python caller writes it (``encoding='latin-1'``), never a
flag of the command line: the command line shows each as its flag (:func:`credscore.cli.common.as_flags`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "ColumnNotFoundError",
    "CredscoreError",
    "DocumentTooLongError",
    "InputError",
    "LabelError",
    "LexiconError",
    "ModelError",
    "PlotDependencyError",
    "ProfileError",
    "ScoreFileError",
    "require_columns",
]


class CredscoreError(Exception):
    """An error for the user: the message says what is wrong and how to fix it."""


class InputError(CredscoreError, ValueError):
    """Input that cannot be used: a file, a column, an encoding, an option, a text."""


class ColumnNotFoundError(InputError, KeyError):
    """A column the caller named is not in the table (also a KeyError, as pandas raises)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ScoreFileError(InputError):
    """A file to score or to write cannot be used; the message says what is wrong and how to fix it."""


class DocumentTooLongError(InputError):
    """The text is longer than ``max_chars``; the message says how to proceed."""


class ProfileError(InputError):
    """Input a profile cannot be made from; the message says what is wrong and how to fix it."""


class PlotDependencyError(CredscoreError, ImportError):
    """A page's plots need matplotlib, an optional extra; the message says how to install it."""


class LexiconError(CredscoreError, ValueError):
    """A lexicon file is malformed; the message names the file and line."""


class ModelError(CredscoreError, ValueError):
    """A model file cannot be used; the message says why and what to do."""


class LabelError(CredscoreError, ValueError):
    """The labels cannot make a useful model; the message says why and what to do."""


def require_columns(
    columns: Iterable[Any],
    wanted: Sequence[tuple[str, str]],
    *,
    where: str = "",
    hints: dict[str, str] | None = None,
    error: type[Exception] = ColumnNotFoundError,
) -> None:
    """Raise ``error`` naming the first of ``wanted`` ((column, what it is) pairs) that is not in ``columns``.

    The one "column not found" check of every table reader (score_frame, Dask, score-file, train, evaluate):
    the message names the column, what it is for, the table, and the columns that exist.
    """
    have = list(columns)
    names = ", ".join(str(c) for c in have) or "(none)"
    for col, what in wanted:
        if col not in have:
            hint = (hints or {}).get(what, "")
            place = f" in {where}" if where else ""
            raise error(f"{what} {col!r} not found{place}; columns are: {names}{'; ' + hint if hint else ''}")
