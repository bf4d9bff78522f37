"""Readers for the public corpora credscore is built and evaluated on.

The corpora are not part of credscore: they live in a folder given by the
``CREDSCORE_DATA`` environment variable (default ``../shared/data``, relative
to the working directory) with the layout described in that folder's
README. Nothing here copies their text anywhere; the project's own labels are
standoff (file, offsets, label), see ``datasets/``.

Readers return plain dataclasses with character offsets into the corpus text,
so the same span logic that serves users serves evaluation.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Attribution",
    "BbcArticle",
    "DataNotFoundError",
    "FactualitySentence",
    "MpqaDocument",
    "MpqaEvent",
    "PolnearArticle",
    "Span",
    "SzegedDocument",
    "SzegedSentence",
    "data_dir",
    "detokenize",
    "read_bbc",
    "read_bbc_text",
    "read_claimbuster",
    "read_conll2010_sample",
    "read_factuality",
    "read_mpqa",
    "read_mpqa_raw",
    "read_polnear",
    "read_szeged",
    "szeged_split",
    "trim_span",
]

ENV_VAR = "CREDSCORE_DATA"
DEFAULT_DATA_DIR = Path("..") / "shared" / "data"


class DataNotFoundError(FileNotFoundError):
    """The corpora folder, or a corpus in it, is missing."""


#: Punctuation and white space around an annotated span that PolNeAR's annotators and credscore place
#: differently: compared spans are trimmed of it on both sides.
_TRIM = ".,;:!?\"'\u201c\u201d\u2018\u2019 \n\t-\u2014\u2013("


def trim_span(text: str, a: int, b: int) -> tuple[int, int]:
    """``a``-``b`` without the punctuation and white space at its ends (for comparing source spans)."""
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return a, b


def data_dir(*parts: str) -> Path:
    """Return the corpora folder (or a path inside it), checking that it exists.

    Parameters
    ----------
    *parts : str
        Path components inside the corpora folder, e.g. ``"polnear", "data"``.

    Raises
    ------
    DataNotFoundError
        If the folder is missing; the message says how to point at it.
    """
    root = Path(os.environ.get(ENV_VAR) or DEFAULT_DATA_DIR)
    path = root.joinpath(*parts)
    if not path.exists():
        raise DataNotFoundError(
            f"corpus path {str(path)!r} does not exist; set {ENV_VAR} to the folder that "
            f"holds the shared corpora (now {str(root)!r})"
        )
    return path


Span = tuple[int, int]


# --- Szeged Uncertainty Corpus --------------------------------------------


@dataclass(frozen=True, slots=True)
class SzegedSentence:
    """A sentence and its uncertainty cues (offsets into ``text``)."""

    sid: str
    part: str  # "Title" or "Text"
    text: str
    cues: tuple[tuple[int, int, str], ...]  # (start, end, cue type)

    @property
    def uncertain(self) -> bool:
        """The corpus convention: a sentence is uncertain iff it holds a cue."""
        return bool(self.cues)


@dataclass(frozen=True, slots=True)
class SzegedDocument:
    doc_id: str
    sentences: tuple[SzegedSentence, ...]

    def joined(self) -> tuple[str, list[Span]]:
        """The document as running text and the gold sentence spans in it.

        Sentences of one part are joined by a space; the title and the body by
        a blank line, as a news page would separate them.
        """
        pieces: list[str] = []
        spans: list[Span] = []
        pos = 0
        prev_part = None
        for s in self.sentences:
            if pieces:
                sep = " " if s.part == prev_part else "\n\n"
                pieces.append(sep)
                pos += len(sep)
            spans.append((pos, pos + len(s.text)))
            pieces.append(s.text)
            pos += len(s.text)
            prev_part = s.part
        return "".join(pieces), spans


def _cue_type(raw: str) -> str:
    # "speculation_modal_probable_" -> "epistemic", following the corpus paper.
    raw = raw.strip()
    if "modal" in raw:
        return "epistemic"
    if "doxastic" in raw:
        return "doxastic"
    if "condition" in raw:
        return "condition"
    if "investigation" in raw:
        return "investigation"
    return raw


def read_szeged(name: str = "wiki") -> list[SzegedDocument]:
    """Read one part of the Szeged Uncertainty Corpus (``wiki``, ``bio_bmc``, ...)."""
    path = data_dir("szeged-uncertainty", f"{name}.xml")
    # The corpus is a trusted local file; ElementTree does not fetch the DTD.
    root = ET.parse(path).getroot()
    docs = []
    for doc in root.iter("Document"):
        doc_id_el = doc.find("DocID")
        doc_id = (doc_id_el.text or "").strip() if doc_id_el is not None else ""
        sentences = []
        for part in doc.iter("DocumentPart"):
            part_type = part.get("type", "Text")
            for sent in part.iter("Sentence"):
                text, cues = _flatten(sent)
                stripped = text.strip()
                if not stripped:
                    continue
                lead = len(text) - len(text.lstrip())
                cues = tuple((max(0, a - lead), min(len(stripped), b - lead), t) for a, b, t in cues)
                sentences.append(SzegedSentence(sent.get("id", ""), part_type, stripped, cues))
        docs.append(SzegedDocument(doc_id, tuple(sentences)))
    return docs


def _flatten(el: ET.Element) -> tuple[str, list[tuple[int, int, str]]]:
    """Text of ``el`` with inline ``<ccue>`` markup removed, and the cue offsets."""
    buf = [el.text or ""]
    pos = len(buf[0])
    cues = []
    for child in el:
        inner, inner_cues = _flatten(child)
        if child.tag == "ccue":
            cues.append((pos, pos + len(inner), _cue_type(child.get("type", ""))))
        cues.extend((pos + a, pos + b, t) for a, b, t in inner_cues)
        buf.append(inner)
        pos += len(inner)
        tail = child.tail or ""
        buf.append(tail)
        pos += len(tail)
    return "".join(buf), cues


def szeged_split(doc_id: str, test_share: int = 20) -> str:
    """Deterministic document-level split: ``"test"`` for ``test_share``% of documents.

    The corpus has no official split. Hashing the document id keeps every
    sentence of a document on one side and never changes between runs.
    """
    h = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "test" if h < test_share else "train"


# --- UW / MEANTIME factuality ---------------------------------------------


@dataclass(frozen=True, slots=True)
class FactualitySentence:
    tokens: tuple[str, ...]
    values: tuple[float | None, ...]  # factuality in [-3, 3] on event heads

    @property
    def min_value(self) -> float | None:
        vals = [v for v in self.values if v is not None]
        return min(vals) if vals else None


def read_factuality(corpus: str = "uw", split: str = "train") -> list[FactualitySentence]:
    """Read UW or MEANTIME factuality sentences (``corpus`` in {"uw", "meantime"})."""
    path = data_dir("factuality-uw-meantime", corpus, f"{split}.conll")
    out: list[FactualitySentence] = []
    toks: list[str] = []
    vals: list[float | None] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    out.append(FactualitySentence(tuple(toks), tuple(vals)))
                    toks, vals = [], []
                continue
            cols = line.split("\t")
            toks.append(cols[1])
            vals.append(None if cols[2] == "_" else float(cols[2]))
    if toks:
        out.append(FactualitySentence(tuple(toks), tuple(vals)))
    return out


_NO_SPACE_BEFORE = frozenset(
    {",", ".", ":", ";", "%", ")", "]", "}", "''", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "?", "!", "'S"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "#", "C$", "US$"})
_PTB = {"``": "\u201c", "''": "\u201d", "-LRB-": "(", "-RRB-": ")", "-LCB-": "{", "-RCB-": "}"}


def detokenize(tokens: tuple[str, ...] | list[str]) -> tuple[str, list[Span]]:
    """Join PTB-style tokens into readable text; return it and each token's span."""
    buf: list[str] = []
    spans: list[Span] = []
    pos = 0
    glue = True
    in_quote = False
    for tok in tokens:
        surface = _PTB.get(tok, tok)
        if tok == '"':
            # Straight quotes alternate between opening and closing.
            attach_left = in_quote
            in_quote = not in_quote
            opens = in_quote
        else:
            attach_left = tok in _NO_SPACE_BEFORE
            opens = tok in _NO_SPACE_AFTER
        if buf and not glue and not attach_left:
            buf.append(" ")
            pos += 1
        spans.append((pos, pos + len(surface)))
        buf.append(surface)
        pos += len(surface)
        glue = opens
    return "".join(buf), spans


# --- PolNeAR --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation; spans may be discontinuous (several pieces)."""

    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]

    def source_text(self, text: str) -> str:
        return " ".join(text[a:b] for a, b in self.source)


@dataclass(frozen=True, slots=True)
class PolnearArticle:
    name: str
    split: str
    text: str
    attributions: tuple[Attribution, ...]
    annotator: str
    metadata: dict[str, str] = field(default_factory=dict)


def read_polnear(split: str = "train") -> list[PolnearArticle]:
    """Read one PolNeAR compartment (``train``, ``dev``, ``annotator-training``).

    Articles annotated by several annotators are read once, with the
    alphabetically first annotator's file, so no text is counted twice.
    """
    base = data_dir("polnear", "data", split)
    meta = _polnear_metadata()
    ann_dir = base / "attributions"
    by_article: dict[str, list[Path]] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        stem, _, annotator = p.stem.rpartition("_")
        by_article.setdefault(stem, []).append(p)
    out = []
    for txt in sorted((base / "text").glob("*.txt")):
        name = txt.stem
        text = txt.read_text(encoding="utf-8")
        files = by_article.get(name, [])
        attributions: tuple[Attribution, ...] = ()
        annotator = ""
        if files:
            annotator = files[0].stem.rpartition("_")[2]
            attributions = tuple(_parse_ann(files[0].read_text(encoding="utf-8")))
        out.append(PolnearArticle(name, split, text, attributions, annotator, meta.get(name, {})))
    return out


def _polnear_metadata() -> dict[str, dict[str, str]]:
    path = data_dir("polnear", "data", "metadata.tsv")
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = {}
    for line in lines[1:]:
        cols = line.split("\t")
        row = dict(zip(header, cols, strict=False))
        rows[row.get("filename", "")] = row
    return rows


_SPANS = re.compile(r"(\d+) (\d+)")


def _parse_ann(raw: str) -> Iterator[Attribution]:
    """Parse brat standoff into attributions (source, cue and content spans)."""
    spans: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events: list[str] = []
    for line in raw.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            label, _, offsets = cols[1].partition(" ")
            pieces = tuple((int(a), int(b)) for a, b in _SPANS.findall(offsets))
            spans[cols[0]] = (label, pieces)
        elif cols[0].startswith("E"):
            events.append(cols[1])
    for ev in events:
        roles: dict[str, tuple[Span, ...]] = {"Source": (), "Cue": (), "Content": ()}
        for arg in ev.split():
            role, _, tid = arg.partition(":")
            role = role.rstrip("0123456789")
            if role in roles and tid in spans:
                roles[role] = roles[role] + spans[tid][1]
        yield Attribution(roles["Source"], roles["Cue"], roles["Content"])


# --- sentence-labelled corpora --------------------------------------------


def read_conll2010_sample() -> list[tuple[int, str]]:
    """CoNLL-2010 Wikipedia sample: ``(label, sentence)`` with 1 certain, -1 uncertain."""
    import csv

    path = data_dir("conll2010-wiki-sample", "uncertainty-conll2010.csv")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [(int(row[0]), row[1]) for row in csv.reader(fh) if len(row) >= 2]


def read_claimbuster(split: str = "test") -> list[tuple[int, str]]:
    """ClaimBuster sentences: ``(label, text)``, 1 check-worthy factual claim, 0 not."""
    path = data_dir("claimbuster", f"{split}.json")
    with open(path, encoding="utf-8") as fh:
        return [(int(r["label"]), r["text"]) for r in json.load(fh)]


# --- BBC News (raw, no annotation) ------------------------------------------


BBC_SECTIONS = ("business", "entertainment", "politics", "sport", "tech")


@dataclass(frozen=True, slots=True)
class BbcArticle:
    """One BBC News article (2004-05): ``name`` is ``section/NNN``; the text as stored (headline first)."""

    name: str
    section: str
    text: str


def read_bbc(sections: tuple[str, ...] = BBC_SECTIONS) -> list[BbcArticle]:
    """Read the raw BBC News articles of the given sections, in file order.

    One file (``sport/199.txt``) holds a stray byte that is not UTF-8; it is read with
    ``errors="replace"`` (one character, so offsets into the decoded text stay stable).
    """
    base = data_dir("bbc-news", "articles")
    return [
        BbcArticle(f"{section}/{p.stem}", section, _read_replacing(p))
        for section in sections
        for p in sorted((base / section).glob("*.txt"))
    ]


def read_bbc_text(name: str) -> str:
    """The text of one BBC News article, ``section/NNN``."""
    section, _, stem = name.partition("/")
    return _read_replacing(data_dir("bbc-news", "articles", section, f"{stem}.txt"))


def _read_replacing(path: Path) -> str:
    """A corpus file as UTF-8, a stray byte read as U+FFFD (one character: offsets stay stable)."""
    return path.read_bytes().decode("utf-8", errors="replace")


# --- MPQA 2.0 (world press, speech events and their holders) ----------------


@dataclass(frozen=True, slots=True)
class MpqaEvent:
    """One direct-subjective or speech event: its expression and its holder spans in the raw text.

    ``implicit`` is MPQA's ``ds_implicit`` (the writer holds it; no holder span). ``holders`` is empty
    when the holder could not be aligned to the raw text or was not annotated.
    """

    expression: Span | None
    holders: tuple[Span, ...]
    implicit: bool
    sentence: Span


@dataclass(frozen=True, slots=True)
class MpqaDocument:
    name: str  # "<date>/<id>", the raw file under mpqa/raw
    fold: str  # "dev", "fold_0", "fold_1", "fold_2"
    text: str
    events: tuple[MpqaEvent, ...]
    aligned: float  # share of the processed tokens found in the raw text


MPQA_FOLDS = ("dev", "fold_0", "fold_1", "fold_2")
_MPQA_SURFACE = {
    "``": ('"', "``", "\u201c", "'"),
    "''": ('"', "''", "\u201d", "'"),
    "-LRB-": ("(",),
    "-RRB-": (")",),
    "-LSB-": ("[",),
    "-RSB-": ("]",),
    "-LCB-": ("{",),
    "-RCB-": ("}",),
    "`": ("'", "`", "\u2018"),
}


def read_mpqa_raw(name: str) -> str:
    """The raw text of one MPQA document (``<date>/<id>``)."""
    return _read_replacing(data_dir("mpqa", "raw", name))


def _align_tokens(text: str, tokens: list[str], pos: int) -> tuple[list[Span | None], int]:
    """Find each PTB token in ``text`` from ``pos`` on, in order; a token not found within a short window
    is left unaligned (None) and the cursor stays."""
    spans: list[Span | None] = []
    prev = ""
    for tok in tokens:
        if tok == "." and prev.endswith(".") and pos > 0 and text[pos - 1] == ".":
            spans.append((pos - 1, pos))  # PTB repeats a sentence-final abbreviation's period ("Inc. .")
            prev = tok
            continue
        prev = tok
        cands = _MPQA_SURFACE.get(tok, (tok, tok.replace("\\/", "/").replace("\\*", "*"), tok.replace("\xa0", " ")))
        best: Span | None = None
        for c in cands:
            i = text.find(c, pos, pos + 80 + len(c))
            if i >= 0 and (best is None or i < best[0]):
                best = (i, i + len(c))
        spans.append(best)
        if best is not None:
            pos = best[1]
    return spans, pos


def _hull(spans: list[Span | None], idx: list[int]) -> Span | None:
    got = [spans[i] for i in idx if 0 <= i < len(spans) and spans[i] is not None]
    if not got:
        return None
    return min(a for a, _ in got), max(b for _, b in got)  # type: ignore[index]


def read_mpqa(folds: tuple[str, ...] = MPQA_FOLDS) -> list[MpqaDocument]:
    """The processed MPQA 2.0 documents (Marasovic & Frank's folds) aligned to their raw text.

    Each sentence's PTB tokens are found in order in the raw document; expression and holder token
    indices become character spans into the raw text (the hull of their tokens).
    """
    out = []
    for fold in folds:
        with open(data_dir("mpqa", "processed", f"{fold}.json"), encoding="utf-8") as fh:
            docs = json.load(fh)
        keys = [k for k in docs if re.fullmatch(r"document\d+", k)]
        for key in sorted(keys, key=lambda k: int(k.removeprefix("document"))):
            doc = docs[key]
            name = doc["document_path"].split("/docs/", 1)[1]
            try:
                text = read_mpqa_raw(name)
            except DataNotFoundError:
                continue
            pos, found, total = 0, 0, 0
            events = []
            sids = sorted(
                (k for k in doc if re.fullmatch(r"sentence\d+", k)), key=lambda k: int(k.removeprefix("sentence"))
            )
            for sid in sids:
                sent = doc[sid]
                toks = sent["sentence_tokenized"]
                spans, pos = _align_tokens(text, toks, pos)
                total += len(toks)
                found += sum(s is not None for s in spans)
                sent_span = _hull(spans, list(range(len(toks)))) or (pos, pos)
                for dkey, ds in sent.items():
                    if not re.fullmatch(r"ds\d+", dkey) or not isinstance(ds, dict):
                        continue
                    holders = tuple(h for h in (_hull(spans, idx) for idx in ds.get("holders_indices") or []) if h)
                    events.append(
                        MpqaEvent(
                            _hull(spans, ds.get("ds_indices") or []),
                            holders,
                            bool(ds.get("ds_implicit")),
                            sent_span,
                        )
                    )
            out.append(MpqaDocument(name, fold, text, tuple(events), found / total if total else 0.0))
    return out
