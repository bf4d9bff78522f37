"""The trained parts a model bundle carries besides its sourcing model, and their digests.

Scoring runs four trained parts: the sourcing model (:class:`credscore.Model`), the certainty model
(:class:`credscore.certainty.CertaintyModel`), the source typer (:class:`credscore.cues.typer.SourceTyper`)
and the uncertainty tagger (:class:`credscore.cues.uncertainty.UncertaintyTagger`). A model file of
format 3 holds all four, with a SHA-256 digest of each part in its manifest, so that a model is always
scored with the parts it was trained and combined with (its weight of uncertainty, lambda, is fitted
against one certainty model). :class:`Parts` is the three besides the sourcing model, with the bytes they
are stored as; :func:`shipped_parts` those in ``credscore/data/``.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

import numpy as np

from .certainty import CertaintyModel, default_certainty_model
from .cues.typer import SourceTyper, default_typer
from .cues.uncertainty import UncertaintyTagger, default_tagger

__all__ = ["PART_FILES", "Parts", "PartsError", "digest", "shipped_blobs", "shipped_digests", "shipped_parts"]

#: Each part's file name, in ``credscore/data/`` and under ``parts/`` in a model bundle.
PART_FILES = {
    "certainty": "certainty.json",
    "source_typer": "source_typer.json",
    "uncertainty_tagger": "uncertainty_tagger.npz",
}


class PartsError(ValueError):
    """A part's bytes cannot be read as that part (credscore.model turns it into a ModelError naming the file)."""


def digest(data: bytes) -> str:
    """The SHA-256 of a part's bytes, as hex."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, eq=False)
class Parts:
    """The certainty model, source typer and uncertainty tagger of one bundle, with their stored bytes.

    Build one with :meth:`from_objects` (parts trained in this process), :meth:`from_bytes` (read from a
    bundle) or :func:`shipped_parts`.
    """

    certainty: CertaintyModel
    typer: SourceTyper
    tagger: UncertaintyTagger
    #: The bytes each part is stored as, by name (:data:`PART_FILES`).
    blobs: Mapping[str, bytes]

    @cached_property
    def digests(self) -> dict[str, str]:
        """SHA-256 of each part's bytes, by name (computed once: the tagger alone is 1.4 MB)."""
        return {name: digest(b) for name, b in self.blobs.items()}

    @property
    def is_shipped(self) -> bool:
        """Are these the parts in ``credscore/data/``?"""
        return self is _SHIPPED or self.digests == shipped_digests()

    def replace(
        self,
        *,
        certainty: CertaintyModel | None = None,
        typer: SourceTyper | None = None,
        tagger: UncertaintyTagger | None = None,
    ) -> Parts:
        """These parts with some replaced (e.g. a certainty model a user trained)."""
        return Parts.from_objects(
            certainty if certainty is not None else self.certainty,
            typer if typer is not None else self.typer,
            tagger if tagger is not None else self.tagger,
            keep=self,
        )

    @classmethod
    def from_objects(
        cls, certainty: CertaintyModel, typer: SourceTyper, tagger: UncertaintyTagger, *, keep: Parts | None = None
    ) -> Parts:
        """Parts from trained objects; the bytes of those that are ``keep``'s own are kept as they were."""
        blobs = {}
        for name, obj in (("certainty", certainty), ("source_typer", typer), ("uncertainty_tagger", tagger)):
            old = keep is not None and getattr(keep, _ATTR[name]) is obj
            blobs[name] = keep.blobs[name] if old else _to_bytes(name, obj)  # type: ignore[union-attr]
        return cls(certainty, typer, tagger, blobs)

    @classmethod
    def from_bytes(cls, blobs: Mapping[str, bytes]) -> Parts:
        """Parts read from their stored bytes (no code runs: JSON and ``allow_pickle=False`` npz only).

        Raises :class:`PartsError` naming the part that cannot be read.
        """
        missing = sorted(set(PART_FILES) - set(blobs))
        if missing:
            raise PartsError(f"part(s) {missing} are missing")
        try:
            certainty = CertaintyModel.from_json(blobs["certainty"].decode("utf-8"))
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise PartsError(f"the certainty model cannot be read ({exc})") from None
        try:
            typer = SourceTyper.from_json(blobs["source_typer"].decode("utf-8"))
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise PartsError(f"the source typer cannot be read ({exc})") from None
        try:
            tagger = UncertaintyTagger.from_npz(np.load(io.BytesIO(blobs["uncertainty_tagger"]), allow_pickle=False))
        except (ValueError, KeyError, TypeError, OSError, UnicodeDecodeError) as exc:
            raise PartsError(f"the uncertainty tagger cannot be read ({exc})") from None
        return cls(certainty, typer, tagger, dict(blobs))


_ATTR = {"certainty": "certainty", "source_typer": "typer", "uncertainty_tagger": "tagger"}


def _to_bytes(name: str, obj: object) -> bytes:
    if name == "uncertainty_tagger":
        return obj.to_npz_bytes()  # type: ignore[attr-defined]
    return obj.to_json().encode("utf-8")  # type: ignore[attr-defined]


_SHIPPED: Parts | None = None
_SHIPPED_DIGESTS: dict[str, str] | None = None
_SHIPPED_BLOBS: dict[str, bytes] | None = None


def shipped_digests() -> dict[str, str]:
    """SHA-256 of each shipped part's bytes (read, not parsed: cheap)."""
    global _SHIPPED_DIGESTS
    if _SHIPPED_DIGESTS is None:
        _SHIPPED_DIGESTS = {name: digest(b) for name, b in shipped_blobs().items()}
    return _SHIPPED_DIGESTS


def shipped_blobs() -> Mapping[str, bytes]:
    """The bytes of each shipped part, by name (:data:`PART_FILES`), read once per process."""
    global _SHIPPED_BLOBS
    if _SHIPPED_BLOBS is None:
        data = resources.files("credscore").joinpath("data")
        _SHIPPED_BLOBS = {name: data.joinpath(f).read_bytes() for name, f in PART_FILES.items()}
    return _SHIPPED_BLOBS


def shipped_parts_of(blobs: Mapping[str, bytes], digests: Mapping[str, str]) -> Parts | None:
    """The shipped parts, when ``blobs`` are byte for byte the shipped ones (``digests``: their SHA-256, which
    the caller has checked against its manifest), else None. Comparing the bytes spares hashing the shipped
    files again; the digests already computed are kept for :attr:`Parts.digests`."""
    shipped = shipped_blobs()
    if set(blobs) != set(shipped) or any(blobs[name] != b for name, b in shipped.items()):
        return None
    global _SHIPPED_DIGESTS
    if _SHIPPED_DIGESTS is None:
        _SHIPPED_DIGESTS = dict(digests)
    parts = shipped_parts()
    if "digests" not in parts.__dict__:
        parts.__dict__["digests"] = dict(digests)  # the cached_property, filled with the same values
    return parts


def shipped_parts() -> Parts:
    """The parts in ``credscore/data/`` (the objects scoring already uses, read once per process)."""
    global _SHIPPED
    if _SHIPPED is None:
        _SHIPPED = Parts(default_certainty_model(), default_typer(), default_tagger(), dict(shipped_blobs()))
    return _SHIPPED
