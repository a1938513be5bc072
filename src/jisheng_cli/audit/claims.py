"""The claims file (docs/audit.md "The claims file"): one printed figure a row, as CSV
(UTF-8 or GB18030, any of , ; | tab), XLSX/XLS/ODS (the first visible sheet) or TOML
(`[[claim]]` tables). Headers are the English column names or their Chinese names; a
column the audit does not know is an error, so a misspelt `denominatr` is not ignored."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

from jisheng_cli.audit.model import CLAIM_FIELDS, Claim
from jisheng_cli.errors import InputError
from jisheng_cli.readers.headers import normalize_header

#: Each column's Chinese headers (a claims file may use either language).
CLAIM_HEADERS: dict[str, tuple[str, ...]] = {
    "indicator": ("指标", "指标名称", "项目"),
    "printed": ("报告值", "数值", "印刷值", "指标值"),
    "group": ("单位", "地区", "分组"),
    "period": ("时期", "统计期", "年度"),
    "numerator": ("分子",),
    "denominator": ("分母",),
    "target": ("目标", "责任指标", "目标值"),
    "gap": ("差距",),
    "previous": ("上年", "上年值", "上年数"),
    "change": ("增减", "变化", "同比"),
    "page": ("页", "页码"),
    "line": ("行", "行号"),
    "source_text": ("原文", "来源文字"),
}
REQUIRED = ("indicator", "printed")
CLAIMS_FORMATS = ("csv", "xlsx", "toml")
_WORKBOOK = (".xlsx", ".xlsm", ".xls", ".ods")


def _key(header: str) -> str:
    """A header compared as the registers' are: NFKC, no spaces, a bracketed unit off."""
    return normalize_header(header)[0]


_HEADER_INDEX = {_key(name): name for name in CLAIM_FIELDS} | {
    _key(alias): name for name, aliases in CLAIM_HEADERS.items() for alias in aliases}


def _columns(headers: Sequence[str], path: str) -> list[str | None]:
    """Each header's column name (None for a blank header over an empty column)."""
    names: list[str | None] = []
    for header in headers:
        if not header.strip():
            names.append(None)
            continue
        name = _HEADER_INDEX.get(_key(header))
        if name is None:
            raise InputError("claims_unknown_column", path=path, column=header,
                             columns=", ".join(CLAIM_FIELDS))
        if name in names:
            raise InputError("claims_column_twice", path=path, column=name)
        names.append(name)
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise InputError("claims_missing_column", path=path, columns=", ".join(missing))
    return names


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _claims(rows: Iterable[tuple[int, Sequence[Any]]], names: list[str | None],
            path: str) -> list[Claim]:
    claims = []
    for number, row in rows:
        cells = {name: _cell(v) for name, v in zip(names, row, strict=False) if name}
        if not any(cells.values()):
            continue  # a blank line between groups of claims
        if not cells.get("indicator") or not cells.get("printed"):
            raise InputError("claims_row_incomplete", path=path, row=number,
                             column="indicator" if not cells.get("indicator") else "printed")
        claims.append(Claim(row=number, **cells))  # type: ignore[arg-type]
    if not claims:
        raise InputError("claims_empty", path=path)
    return claims


def _delimited(data: bytes, path: str) -> list[Claim]:
    from jisheng_cli.readers.dialect import delimiter_order
    from jisheng_cli.readers.encoding import decode_all

    text = decode_all(data, path)
    delimiter = delimiter_order(text[:1 << 14], path)[0]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise InputError("claims_empty", path=path)
    names = _columns(rows[0], path)
    return _claims(((n, r) for n, r in enumerate(rows[1:], start=2)), names, path)


def _workbook(file: str, data: bytes, path: str) -> list[Claim]:
    if file.lower().endswith((".xlsx", ".xlsm")):
        rows = _xlsx_rows(data, path)
    else:  # .xls, .ods: calamine gives values without their number formats
        from jisheng_cli.readers.sheets import open_book, visible_sheets

        book = open_book(file, path, data)
        rows = book.get_sheet_by_name(visible_sheets(book)[0]).to_python(
            skip_empty_area=False)
    if not rows:
        raise InputError("claims_empty", path=path)
    names = _columns([str(_cell(c) or "") for c in rows[0]], path)
    return _claims(((n, r) for n, r in enumerate(rows[1:], start=2)), names, path)


def _xlsx_rows(data: bytes, path: str) -> list[list[Any]]:
    """The first sheet's cells as the spreadsheet shows them: Excel stores a typed
    "99.17%" as 0.9917 formatted 0.00%, and "99.10%" keeps its second decimal only in
    that format, so a number is written back through its format's decimals."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # a damaged or encrypted file: openpyxl's words name the damage
        raise InputError("workbook_unreadable", path=path, detail=type(e).__name__) from None
    sheet = next((ws for ws in book.worksheets if ws.sheet_state == "visible"), book.worksheets[0])
    rows = [[_shown(c.value, getattr(c, "number_format", None)) for c in row]
            for row in sheet.iter_rows()]
    book.close()
    return rows


def _shown(value: Any, number_format: str | None) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    from decimal import Decimal

    fmt = (number_format or "General").split(";")[0]
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if fmt == "General":
        return format(number.normalize(), "f") if number != number.to_integral() else \
            str(int(number))
    percent = "%" in fmt
    decimals = len(fmt.split(".")[1].split("%")[0].rstrip("_)\\ ").replace("#", "0")) \
        if "." in fmt else 0
    shown = (number * 100 if percent else number).quantize(Decimal(1).scaleb(-decimals))
    return format(shown, "f") + ("%" if percent else "")


def _toml(data: bytes, path: str) -> list[Claim]:
    import tomllib

    try:
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError("claims_toml", path=path, detail=str(e)) from None
    tables = doc.get("claim", [])
    if set(doc) - {"claim"} or not isinstance(tables, list):
        raise InputError("claims_toml", path=path, detail="expected [[claim]] tables only")
    seen: list[str] = []
    for table in tables:
        seen += [k for k in table if k not in seen]
    names = _columns(seen, path) if tables else []
    return _claims(((n, [t.get(k) for k in seen]) for n, t in enumerate(tables, start=1)),
                   names, path)


def read_claims(file: str) -> list[Claim]:
    """The claims of `file` ("-": standard input, CSV or TOML by content)."""
    from jisheng_cli.readers.sources import Source
    from jisheng_cli.readers.streams import read_all

    path = "<stdin>" if file == "-" else file
    data = read_all(Source(file))
    if file.lower().endswith(_WORKBOOK):
        return _workbook(file, data, path)
    if file.lower().endswith(".toml") or (file == "-" and data.lstrip().startswith(b"[[")):
        return _toml(data, path)
    return _delimited(data, path)


def write_claims(claims: Sequence[Claim], stream: BinaryIO, fmt: str = "csv",
                 bom: bool = False) -> None:
    """A claims file the audit reads back (what --extract proposes): every column, in
    CLAIM_FIELDS order, CSV or TOML."""
    if fmt == "toml":
        for claim in claims:
            stream.write(b"[[claim]]\n")
            for name in CLAIM_FIELDS:
                value = getattr(claim, name)
                if value is not None:
                    stream.write(f"{name} = {_toml_string(value)}\n".encode())
            stream.write(b"\n")
        return
    from jisheng_cli.render.delimited import RowWriter
    from jisheng_cli.render.safety import safe_text

    writer = RowWriter(stream, ",", bom)
    writer.writerow(CLAIM_FIELDS)
    for claim in claims:
        writer.writerow(safe_text(getattr(claim, n) or "") for n in CLAIM_FIELDS)


def _toml_string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
