"""Step 5 of the pipeline: text -> per-sentence reliability scores, with evidence.

:func:`score` is the one call most users need. It checks its input, then runs the whole pipeline
(:class:`credscore.Pipeline`: sentences -> cues -> features -> model) over one document and returns a
:class:`SentenceScore` per sentence, in text order.
"""

from __future__ import annotations

import warnings

from .cues import CueDetector
from .errors import DocumentTooLongError, InputError
from .model import Model
from .pipeline import Pipeline
from .results import SentenceScore
from .sniff import text_problem

__all__ = ["DEFAULT_MAX_CHARS", "DocumentTooLongError", "SentenceScore", "TruncatedWarning", "score"]

#: Longest text score() accepts by default (characters). Scoring is linear in
#: the length, about 3 MB/s, but one document this long is almost always a
#: mistake (a whole file passed as one article); pass ``max_chars`` to change it.
DEFAULT_MAX_CHARS = 10_000_000


class TruncatedWarning(UserWarning):
    """score(..., truncate=True) scored only the first ``max_chars`` characters."""


def limit_text(text: str, max_chars: int | None, truncate: bool) -> tuple[str, str | None]:
    """The length limit, the one place it is applied (score, score_frame, score-file, report).

    Returns the text to score and, when it was cut (``truncate``), a note saying so; raises
    :class:`DocumentTooLongError` for a longer text without ``truncate``.
    """
    if max_chars is not None and (not isinstance(max_chars, int) or isinstance(max_chars, bool)):
        raise TypeError(
            f"max_chars must be a non-negative int or None (no limit), got {type(max_chars).__name__} {max_chars!r}"
        )
    if max_chars is not None and max_chars < 0:
        raise ValueError(
            f"max_chars must be a non-negative int or None (no limit), got {max_chars}; "
            f"pass e.g. max_chars={DEFAULT_MAX_CHARS} (the default)"
        )
    if max_chars is None or len(text) <= max_chars:
        return text, None
    if not truncate:
        raise DocumentTooLongError(
            f"the text is {len(text):,} characters; the limit is {max_chars:,} (max_chars). Split it into "
            "documents, raise the limit with max_chars=..., or pass truncate=True to score the start"
        )
    return text[:max_chars], f"the text is {len(text):,} characters; only the first {max_chars:,} were scored"


def score(
    text: str,
    *,
    model: Model | None = None,
    detector: CueDetector | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    truncate: bool = False,
) -> list[SentenceScore]:
    """Score every sentence of a news text for how well it is sourced.

    Parameters
    ----------
    text : str
        One document (an article, a press release, a post). Paragraphs are
        separated by blank lines.
    model : Model, optional
        Default: the shipped model (:func:`credscore.default_model`); or one from
        :func:`credscore.load_model`.
    detector : CueDetector, optional
        Default: the shipped lexicons with every rule on. Pass
        ``CueDetector(disabled_rules=[...])`` to switch rules off.
    max_chars : int or None, default :data:`DEFAULT_MAX_CHARS`
        Longest text accepted, in characters (0 or more); None for no limit.
    truncate : bool, default False
        For a longer text: score its first ``max_chars`` characters and warn
        (:class:`TruncatedWarning`) instead of raising
        :class:`DocumentTooLongError`. Offsets still point into ``text``.

    Returns
    -------
    list of SentenceScore
        In text order; ``[]`` for empty or white-space text.

    Raises
    ------
    DocumentTooLongError
        The text is longer than ``max_chars`` and ``truncate`` is False.
    InputError
        The text is mostly NUL and other control characters: binary data, not text
        (:func:`credscore.sniff.text_problem`).
    TypeError, ValueError
        ``text`` is not a str, ``model`` not a Model, or ``max_chars`` not None or an int of 0 or more.

    Examples
    --------
    >>> import credscore
    >>> scores = credscore.score("Officials said the plan failed. The plan was announced in 2019.")
    >>> [s.text for s in scores]
    ['Officials said the plan failed.', 'The plan was announced in 2019.']
    >>> scores[0].reliability < scores[1].reliability
    True
    """
    if not isinstance(text, str):
        hint = " decode it first, e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else ""
        raise TypeError(f"score() expects the text as a str, got {type(text).__name__};{hint or ' pass one document'}")
    if model is not None and not isinstance(model, Model):
        raise TypeError(
            f"model must be a Model, e.g. credscore.load_model(path); got {type(model).__name__} {model!r:.60}"
        )
    text, note = limit_text(text, max_chars, truncate)
    if note is not None:
        warnings.warn(note, TruncatedWarning, stacklevel=2)
    problem = text_problem(text)
    if problem is not None:
        raise InputError(problem)
    return Pipeline(model, detector=detector).score(text)
