"""Encoding detection for village exports: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030."""

from __future__ import annotations

import codecs

from jisheng_cli.errors import InputError

SAMPLE_BYTES = 1 << 16

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of files that are not text exports but sometimes arrive renamed as .csv.
_SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zip archive, not CSV text"),
    (b"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls), not CSV text"),
    (b"PAR1", "a Parquet file, not CSV text"),
    (b"%PDF", "a PDF document, not CSV text"),
)


def _decodes(sample: bytes, encoding: str) -> bool:
    # The sample may end inside a multi-byte character: an incremental decoder without
    # `final` accepts that, but rejects any invalid byte before it.
    try:
        codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(sample: bytes, path: str) -> str:
    """The encoding of a file from its first bytes; raises InputError for binary files."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    for signature, what in _SIGNATURES:
        if sample.startswith(signature):
            raise InputError(f"this is {what}; export the sheet as CSV", path=path)
    if b"\x00" in sample:
        raise InputError(
            "contains NUL bytes: a binary file, or UTF-16 without a byte-order mark "
            "(save as UTF-8 or pass --encoding)",
            path=path,
        )
    if _decodes(sample, "utf-8"):
        return "utf-8"
    if _decodes(sample, "gb18030"):
        return "gb18030"
    raise InputError(
        "cannot tell the encoding (not UTF-8, UTF-16 or GB18030); pass --encoding", path=path
    )


def check_encoding_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        from jisheng_cli.errors import UsageError

        raise UsageError(f"--encoding {name!r}: unknown encoding") from None
