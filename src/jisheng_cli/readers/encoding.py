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
    _not_text(sample, path)
    if b"\x00" in sample:
        raise InputError("nul_bytes", path=path)
    if _decodes(sample, "utf-8"):
        return "utf-8"
    if _decodes(sample, "gb18030"):
        return "gb18030"
    raise InputError("encoding_unknown", path=path)


def _not_text(sample: bytes, path: str) -> None:
    """Files that are not text exports but sometimes arrive renamed as .csv, by signature.
    Workbooks never get here (readers.inputs.open_input reads them); these are what is
    left: a zip that is not a workbook, an OLE2 file that is not one (the workbook reader
    raises `not_csv_xls` for those), Parquet (read by its own reader) and PDF."""
    if sample.startswith(b"PK\x03\x04"):
        raise InputError("not_csv_zip", path=path)
    if sample.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("not_csv_xls", path=path)
    if sample.startswith(b"PAR1"):
        raise InputError("not_csv_parquet", path=path)
    if sample.startswith(b"%PDF"):
        raise InputError("not_csv_pdf", path=path)


def check_encoding_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        from jisheng_cli.errors import UsageError

        raise UsageError("unknown_encoding", value=name) from None
