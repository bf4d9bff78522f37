"""credscore: sentence-level sourcing reliability for news text."""

__version__ = "0.1.0"

from .sentences import Sentence, split_sentences  # noqa: E402

__all__ = ["__version__", "Sentence", "split_sentences"]
