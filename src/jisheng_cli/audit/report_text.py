"""A report's text as paragraphs, each with its page and line: a .txt file (UTF-8 or
GB18030; a form feed starts a new page; each line is a paragraph) or a .docx (body
paragraphs and table cells in document order; the line is the paragraph's number, the page
counts explicit page breaks). Anything else cannot be read (extract_unreadable)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jisheng_cli.errors import InputError

TEXT_SUFFIXES = (".txt", ".text")
DOCX_SUFFIXES = (".docx",)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the report as written: `line` is 1-based (the text file's line,
    the document's paragraph number); `page` is None when the report marks no pages."""

    text: str
    line: int
    page: int | None


def paragraphs_of_text(text: str) -> list[Paragraph]:
    """The lines of a text file. Pages are numbered only when the text holds a form
    feed: a file without one says nothing about where its pages end."""
    paged = "\f" in text
    page = 1
    found = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"),
                                  start=1):
        page += line.count("\f")
        found.append(Paragraph(line.replace("\f", ""), number, page if paged else None))
    return found


def read_paragraphs(file: str) -> list[Paragraph]:
    """The paragraphs of the report at `file` (.txt or .docx, by its name)."""
    path = Path(file)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + DOCX_SUFFIXES:
        raise InputError("extract_unreadable", path=file,
                         detail=f"{suffix or 'a file without a suffix'} is not a report "
                                "jisheng reads; save it as .docx or as plain text (.txt)")
    from jisheng_cli.readers.encoding import decode_all
    from jisheng_cli.readers.sources import Source
    from jisheng_cli.readers.streams import read_all

    data = read_all(Source(file))
    if suffix in DOCX_SUFFIXES:
        return _docx_paragraphs(data, file)
    return paragraphs_of_text(decode_all(data, file))


# ---- .docx -----------------------------------------------------------------------------
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_paragraphs(data: bytes, file: str) -> list[Paragraph]:
    import io
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError("extract_unreadable", path=file,
                         detail=f"not a Word document (.docx) this tool can open: {e}") from None
    elements = list(_paragraph_elements(document.element.body))
    paged = any(sum(_breaks(p)) for p in elements)
    found = []
    page = 1
    for number, p in enumerate(elements, start=1):
        before, after = _breaks(p)
        page += before
        found.append(Paragraph(_text(p), number, page if paged else None))
        page += after
    return found


def _paragraph_elements(body: Any) -> Any:
    """w:p elements in document order, those of table cells included (a merged cell is
    one w:tc in the XML, so it is read once)."""
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            yield child
        elif child.tag == f"{_W}tbl":
            for tc in child.iter(f"{_W}tc"):
                yield from (p for p in tc.iterchildren() if p.tag == f"{_W}p")
        elif child.tag == f"{_W}sdt":  # a content control holds paragraphs of its own
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _paragraph_elements(content)


def _breaks(p: Any) -> tuple[int, int]:
    """Explicit page breaks of a paragraph: (before its text, after it). A break before
    any text (or pageBreakBefore) starts the paragraph's page; one after its text starts
    the next paragraph's."""
    before = after = 0
    ppr = p.find(f"{_W}pPr")
    if ppr is not None and ppr.find(f"{_W}pageBreakBefore") is not None:
        before += 1
    seen_text = False
    for el in p.iter(f"{_W}t", f"{_W}br"):
        if el.tag == f"{_W}t" and (el.text or "").strip():
            seen_text = True
        elif el.tag == f"{_W}br" and el.get(f"{_W}type") == "page":
            if seen_text:
                after += 1
            else:
                before += 1
    return before, after


def _text(p: Any) -> str:
    """The paragraph's text, a line break as a line end and a tab as a space."""
    parts = []
    for el in p.iter(f"{_W}t", f"{_W}br", f"{_W}cr", f"{_W}tab"):
        if el.tag == f"{_W}t":
            parts.append(el.text or "")
        elif el.tag == f"{_W}tab":
            parts.append(" ")
        elif el.get(f"{_W}type") in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)
