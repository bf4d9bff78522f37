"""credscore: sentence-level sourcing reliability for news text.

>>> import credscore
>>> [round(s.reliability, 2) >= 0 for s in credscore.score("Officials said so.")]
[True]

The pipeline, one module per step: :mod:`credscore.markup` (HTML -> text,
same offsets; optional), :mod:`credscore.sentences` (text ->
sentences), :mod:`credscore.cues` (-> cues), :mod:`credscore.features`
(-> features), :mod:`credscore.model` (-> probabilities) and
:mod:`credscore.scoring` (-> scores); :mod:`credscore.batch` and
:mod:`credscore.files` score DataFrames and files, :mod:`credscore.dask` a
Dask cluster; :mod:`credscore.profiles` profiles scored output per outlet and period.
"""

from .cues import KINDS, RULES, SOURCE_TYPES, UNCERTAINTY_CATEGORIES, Cue, CueDetector, Source, Span, detect_cues
from .features import FEATURE_NAMES
from .markup import html_to_text, parse_html
from .model import Model, ModelError, default_model, load_model
from .pipeline import Pipeline
from .scoring import SentenceScore, score
from .sentences import Sentence, split_sentences
from .version import __version__

__all__ = [
    "FEATURE_NAMES",
    "KINDS",
    "RULES",
    "SOURCE_TYPES",
    "UNCERTAINTY_CATEGORIES",
    "CredibilityFeatures",
    "Cue",
    "CueDetector",
    "Model",
    "ModelError",
    "Pipeline",
    "Sentence",
    "SentenceScore",
    "Source",
    "Span",
    "__version__",
    "default_model",
    "detect_cues",
    "evaluate",
    "explain",
    "html_to_text",
    "load_model",
    "parse_html",
    "profile",
    "score",
    "score_frame",
    "split_sentences",
    "summarize",
    "train",
]


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    # score_frame needs pandas; import it on first use so `import credscore`
    # (and the `credscore score` command) stays quick.
    if name == "CredibilityFeatures":  # scikit-learn: imported on first use, never by score()
        from .transformer import CredibilityFeatures

        return CredibilityFeatures
    if name == "score_frame":
        from .batch import score_frame

        return score_frame
    if name == "profile":
        from .profiles import profile

        return profile
    if name == "summarize":
        from .summary import summarize

        return summarize
    if name == "explain":
        from .explanations import explain

        return explain
    if name in ("train", "evaluate"):
        from . import training

        return getattr(training, name)
    raise AttributeError(f"module 'credscore' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
