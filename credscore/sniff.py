"""Before decoding: is this text? One policy for every reader of files and of strings.

credscore reads text. A file that is something else — a PDF, a zip archive or a .docx, an image, a
program, a database, a compressed file, or plain binary data — gets an error that says what it looks like
and what to do, instead of a decoding error whose usual fix (another encoding) would score the bytes as
text. A gzip file is the one exception: it is decompressed and read (:func:`sniff` returns ``"gzip"``).

- :func:`sniff` looks at the first bytes of a file (:data:`SNIFF_BYTES`); ``credscore score`` and
  ``report`` (:func:`read_text_bytes`) and ``score-file``, ``train`` and ``evaluate``
  (:mod:`credscore.files.reading`) all call it before they decode anything.
- :func:`text_problem` is the same rule for a ``str`` handed to :func:`credscore.score` or
  :func:`credscore.score_frame`: a text that is mostly NUL and other control characters is refused
  (an :class:`~credscore.errors.InputError` from ``score``, status ``not_text`` in batch output).

The rule is that of Perl's ``-T``/``-B`` file tests and git's binary check: a known file signature
(:data:`MAGIC`); else a NUL byte in the first :data:`SNIFF_BYTES` bytes (text files have none; binary
formats nearly always do), unless the NULs are those of UTF-16 text; else more than
:data:`ODD_SHARE` control characters.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .errors import InputError

__all__ = ["MAGIC", "ODD_SHARE", "SNIFF_BYTES", "Magic", "read_text_bytes", "sniff", "text_problem"]

#: How much of a file is looked at: git's ``FIRST_FEW_BYTES`` (xdiff-interface.c, ``buffer_is_binary``),
#: the amount git reads to decide whether a file is binary.
SNIFF_BYTES = 8_000
#: More than this share of control characters makes a text binary: Perl's ``-B`` file test ("if more than a
#: third of the characters are strange, it's a -B file", perlfunc). Control characters are those below
#: U+0020 other than white space (tab, line feed, vertical tab, form feed, carriage return), backspace and
#: escape, which Perl's test also counts as text.
ODD_SHARE = 1 / 3
_ODD_CHARS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\v\f\r\b\x1b")
_ODD_BYTES = _ODD_CHARS.encode("ascii")
_ODD = re.compile(f"[{re.escape(_ODD_CHARS)}]")


@dataclass(frozen=True)
class Magic:
    """A file signature: what a file that starts with ``signatures`` (at ``offset``) is, and what to do."""

    name: str  # what the file looks like, as the error says it: "a PDF file"
    signatures: tuple[bytes, ...]
    fix: str  # what to do; "{file}" is the file's name
    offset: int = 0

    def matches(self, head: bytes) -> bool:
        return any(head.startswith(sig, self.offset) for sig in self.signatures)


_OFFICE = "save it as plain text (.txt) or, for a spreadsheet, export the table as CSV first"
_IMAGE = "an image holds no text to read; run OCR on it first (e.g. tesseract)"
_PROGRAM = "pass the text file to score, not a program"
_COMPRESSED = "decompress it first, e.g. {tool} {{file}} (only gzip is read as it is)"
#: Known signatures, each with what to do (the first that matches names the file). From each format's
#: specification (RFC 1952 for gzip, PKWARE's APPNOTE for zip, ISO 32000 for PDF, ...), as file(1) knows them.
MAGIC: tuple[Magic, ...] = (
    Magic("a gzip file", (b"\x1f\x8b",), _COMPRESSED.format(tool="gunzip -k")),
    # The two zip archives named by what is inside them (found in the zip entry below, so no signature).
    Magic("a Word document (.docx)", (), "save it as plain text (.txt) first, e.g. pandoc {file} -t plain -o out.txt"),
    Magic("an Excel workbook (.xlsx)", (), "export the sheet as CSV first"),
    Magic("a zip archive (or a document stored as one: .docx, .xlsx, .odt, .epub)", (b"PK\x03\x04", b"PK\x05\x06"),
          "unzip it first, or " + _OFFICE),
    Magic("a PDF file", (b"%PDF-",), "extract its text first, e.g. pdftotext {file} out.txt"),
    Magic("an old Microsoft Office document (.doc, .xls)", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",), _OFFICE),
    Magic("a PNG image", (b"\x89PNG\r\n\x1a\n",), _IMAGE),
    Magic("a JPEG image", (b"\xff\xd8\xff",), _IMAGE),
    Magic("a GIF image", (b"GIF87a", b"GIF89a"), _IMAGE),
    Magic("a TIFF image", (b"II*\x00", b"MM\x00*"), _IMAGE),
    Magic("an ELF program", (b"\x7fELF",), _PROGRAM),
    Magic("a Mach-O program", (b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xfe\xed\xfa\xcf"), _PROGRAM),
    Magic("a bzip2-compressed file", (b"BZh",), _COMPRESSED.format(tool="bunzip2 -k")),
    Magic("an xz-compressed file", (b"\xfd7zXZ\x00",), _COMPRESSED.format(tool="xz -dk")),
    Magic("a zstd-compressed file", (b"\x28\xb5\x2f\xfd",), _COMPRESSED.format(tool="zstd -d")),
    Magic("a 7-Zip archive", (b"7z\xbc\xaf\x27\x1c",), "extract it first, e.g. 7z x {file}"),
    Magic("a tar archive", (b"ustar",), "extract it first, e.g. tar -xf {file}, and score the text files in it", 257),
    Magic("a SQLite database", (b"SQLite format 3\x00",),
          "export the table of texts as CSV first, e.g. sqlite3 -csv -header {file} 'select * from t' > out.csv"),
    Magic("a Parquet file", (b"PAR1",), "read it as a table: pandas.read_parquet, then credscore.score_frame"),
)  # fmt: skip
_BY_NAME = {m.name: m for m in MAGIC}
# "BZh" alone could open a line of text: a bzip2 stream goes on with a block size digit and the block magic.
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")


def _magic(head: bytes) -> Magic | None:
    for m in MAGIC:
        if not m.signatures or not m.matches(head):
            continue
        if m.name.startswith("a bzip2") and not _BZIP2.match(head):
            continue
        if m.name.startswith("a zip archive"):
            # The first member of an Office file is [Content_Types].xml or a folder named after the program.
            if b"word/" in head:
                return _BY_NAME["a Word document (.docx)"]
            if b"xl/" in head:
                return _BY_NAME["an Excel workbook (.xlsx)"]
        return m
    return None


def _is_utf16_or_32(encoding: str) -> bool:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False  # the decoder names the unknown encoding
    return name.startswith(("utf-16", "utf-32"))


def sniff(
    head: bytes,
    *,
    where: str,
    encoding: str = "utf-8",
    fixes: Mapping[str, str] | None = None,
) -> Literal["text", "gzip"]:
    """What the bytes ``head`` (the first :data:`SNIFF_BYTES` of a file, or more) hold: ``"text"`` to decode
    with ``encoding``, or ``"gzip"`` to decompress first (then sniff what comes out).

    Anything else raises :class:`~credscore.errors.InputError`: "``where`` looks like a PDF file; credscore
    reads text: extract its text first, e.g. pdftotext ...". Never "try another encoding" for binary data:
    latin-1 decodes any bytes. An encoding to pass is named as the parameter, ``encoding='utf-16'`` (the
    command line shows its flag instead); ``fixes`` replaces the advice for a signature (by its
    :attr:`Magic.name`), e.g. score-file's "name it .parquet" for a Parquet file read as CSV.

    >>> sniff(b"Officials said so.", where="a.txt")
    'text'
    >>> sniff(b"\\x1f\\x8b\\x08\\x00", where="a.txt.gz")
    'gzip'
    >>> try:
    ...     sniff(b"%PDF-1.7", where="a.pdf")
    ... except InputError as exc:
    ...     print(exc)  # doctest: +NORMALIZE_WHITESPACE
    a.pdf looks like a PDF file; credscore reads text:
    extract its text first, e.g. pdftotext a.pdf out.txt
    """
    head = head[:SNIFF_BYTES]
    file = where if where != "standard input" else "FILE"
    m = _magic(head)
    if m is not None:
        if m.name == "a gzip file":
            return "gzip"
        fix = (fixes or {}).get(m.name, m.fix)
        raise InputError(f"{where} looks like {m.name}; credscore reads text: {fix.format(file=file)}")
    if _is_utf16_or_32(encoding):
        return "text"  # NUL bytes are part of every ASCII character in these encodings
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if head.startswith(bom):
            raise InputError(
                f"{where} is {name.upper()} text (it starts with a {name.upper()} byte-order mark), not {encoding}; "
                f"pass its encoding, encoding={name!r}"
            )
    nul = head.find(b"\x00")
    if nul >= 0:
        utf16 = _utf16_without_bom(head)
        if utf16:
            raise InputError(
                f"{where} looks like {utf16.upper()} text without a byte-order mark (every other byte is NUL); "
                f"pass its encoding, encoding={utf16!r}"
            )
        raise InputError(
            f"{where} looks like binary data, not text (a NUL byte at byte {nul:,}); credscore reads text: if it "
            f"is a document or an archive, extract its text first; if it is text with stray NUL bytes, remove "
            f"them first, e.g. tr -d '\\000' < {file} > clean.txt"
        )
    odd = sum(head.count(b) for b in _ODD_BYTES)
    if head and odd > ODD_SHARE * len(head):
        raise InputError(
            f"{where} looks like binary data, not text ({odd:,} of its first {len(head):,} bytes are control "
            f"characters); credscore reads text: if it is a document or an archive, extract its text first"
        )
    return "text"


def _utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the NULs of ``head`` fall (nearly) all on odd or all on even
    bytes and make up about half of it: ASCII text in UTF-16, where every other byte is NUL."""
    n = len(head) - len(head) % 2
    if n < 4:
        return None
    even, odd = head[0:n:2].count(0), head[1:n:2].count(0)
    half = n // 2
    # Nine in ten of the characters ASCII (a NUL byte), none of the other bytes NUL.
    if odd >= 0.9 * half and even == 0:
        return "utf-16-le"
    if even >= 0.9 * half and odd == 0:
        return "utf-16-be"
    return None


def read_text_bytes(data: bytes, *, where: str, encoding: str = "utf-8", fixes: Mapping[str, str] | None = None) -> str:
    """A whole file's bytes as text: :func:`sniff` first (a gzip file is decompressed, and what comes out
    sniffed again), then decoded with ``encoding``; raises :class:`~credscore.errors.InputError` with what
    is wrong and how to fix it.
    """
    import gzip
    import zlib

    kind = sniff(data[:SNIFF_BYTES], where=where, encoding=encoding, fixes=fixes)
    if kind == "gzip":
        try:
            data = gzip.decompress(data)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise InputError(f"{where} starts like a gzip file but is not a valid one ({exc}); check it") from None
        inner = f"{where} (decompressed)"
        if sniff(data[:SNIFF_BYTES], where=inner, encoding=encoding, fixes=fixes) == "gzip":
            raise InputError(f"{where} is gzip-compressed twice; decompress it once first, e.g. gunzip -k {where}")
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}; pass one Python knows, e.g. encoding='latin-1'") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where} is not valid {encoding} (byte {exc.start:,}); pass its encoding, e.g. encoding='latin-1' "
            "(or cp1252 for Windows text)"
        ) from None


def text_problem(text: str) -> str | None:
    """Why ``text`` is not text, or None: more than :data:`ODD_SHARE` of its characters are NUL or other
    control characters (binary data decoded as text, e.g. with latin-1). The one rule :func:`credscore.score`
    (an :class:`~credscore.errors.InputError`) and :func:`credscore.score_frame` (status ``not_text``) apply.

    A few stray control characters in an article are no problem; only a text that is mostly made of them is.

    >>> text_problem("Officials said so.") is None
    True
    >>> print(text_problem("\\x00" * 5000))  # doctest: +NORMALIZE_WHITESPACE
    the text looks like binary data, not text: 5,000 of its 5,000 characters are NUL or other control
    characters; decode the right file, or extract its text first
    """
    if text.isascii():
        raw = text.encode("ascii")
        if len(raw.translate(None, _ODD_BYTES)) == len(raw):  # no control character: the usual case
            return None
    elif not _ODD.search(text):  # one pass in C
        return None
    odd = len(text) - len(_ODD.sub("", text))
    if odd <= ODD_SHARE * len(text):
        return None
    return (
        f"the text looks like binary data, not text: {odd:,} of its {len(text):,} characters are NUL or other "
        "control characters; decode the right file, or extract its text first"
    )
