"""Encoding detection for village exports: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030."""

from __future__ import annotations

import codecs

from jisheng_cli.errors import InputError

SAMPLE_BYTES = 1 << 16
# NUL bytes in a few rows of a text export (a damaged copy) reject those rows; in more
# than this many rows, or in this share of the rows or more, the file is refused.
NUL_ROWS_MAX = 10
NUL_ROWS_SHARE = 0.01

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
        sample = _nul_lines_removed(sample, path)
    if _decodes(sample, "utf-8"):
        return "utf-8"
    if _decodes(sample, "gb18030"):
        return "gb18030"
    raise InputError("encoding_unknown", path=path)


def decode_all(data: bytes, path: str) -> str:
    """A small input read whole, as text in the encoding its first bytes show, without a
    byte-order mark; a later part that does not decode is `mixed_encodings`, as in a
    register."""
    encoding = detect_encoding(data[:1 << 16], path)
    try:
        return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError:
        raise InputError("mixed_encodings", path=path, encoding=encoding) from None


def _looks_utf16(sample: bytes) -> bool:
    """UTF-16 without a byte-order mark: NUL in a fifth or more of the even or the odd
    bytes (every ASCII character has one, and a register is half digits and commas); a
    text export with NUL in a few rows has them nowhere near so often."""
    nuls = max(sample[0::2].count(0), sample[1::2].count(0))
    return nuls >= 8 and nuls > 0.2 * (len(sample) // 2)


def _nul_lines_removed(sample: bytes, path: str) -> bytes:
    """The sample without its lines holding NUL bytes, when they are few in an otherwise
    textual sample (the reader then rejects those rows, code nul_bytes); else the
    file-level error that says what the file is and what to do."""
    if _looks_utf16(sample):
        raise InputError("utf16_no_bom", path=path)
    lines = sample.splitlines(keepends=True)
    if len(sample) == SAMPLE_BYTES and lines:
        lines = lines[:-1]  # the last line may go on past the sample
    hit = [i for i, line in enumerate(lines) if b"\x00" in line]
    rest = b"".join(line for line in lines if b"\x00" not in line)
    if not hit or not rest.strip() or not (_decodes(rest, "utf-8") or _decodes(rest, "gb18030")):
        raise InputError("nul_bytes", path=path)
    row = hit[0] + 1  # a line; a quoted line break would shift it, which text exports lack
    if len(hit) > NUL_ROWS_MAX:
        raise InputError("nul_bytes_row", path=path, row=row)
    # The whole file is in the sample: the share is known now (the header line counts
    # among the rows here; the reader's own count, over records only, decides otherwise).
    if len(sample) < SAMPLE_BYTES and len(hit) >= NUL_ROWS_SHARE * len(lines):
        raise InputError("nul_bytes_share", path=path, count=len(hit), rows=len(lines), row=row)
    return rest


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
    from jisheng_cli.readers.sniff import is_tar

    if is_tar(sample):
        raise InputError("tar_archive", path=path)


def check_encoding_name(name: str) -> str:
    """The codec's own name for `--encoding NAME` (`UTF-16`, `utf16` → `utf-16`)."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        from jisheng_cli.errors import UsageError

        raise UsageError("unknown_encoding", value=name) from None


def declared_encoding(name: str, sample: bytes) -> str:
    """The codec to read with for `--encoding NAME`: plain UTF-16 without a byte-order mark
    is little-endian, as Windows writes it (Python's codec would read it big-endian); with
    a mark, the mark decides."""
    if codecs.lookup(name).name == "utf-16" and not sample.startswith(
            (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16-le"
    return name
