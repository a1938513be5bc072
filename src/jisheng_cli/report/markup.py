"""Small pieces of the report's HTML: a label escaped, a table of formatted texts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from jisheng_cli.messages.report import label


def _t(key: str, lang: str, **fields: object) -> str:
    return escape(label(key, lang, **fields))


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: set[int],
          row_classes: Sequence[str] | None = None) -> list[str]:
    """A table of already formatted texts (escaped here); `numeric`: right-aligned columns."""
    def cell(tag: str, i: int, text: str) -> str:
        cls = ' class="num"' if i in numeric else ""
        return f"<{tag}{cls}>{escape(text)}</{tag}>"

    out = ["<table>", "<thead><tr>" + "".join(cell("th", i, h) for i, h in enumerate(headers))
           + "</tr></thead>", "<tbody>"]
    for n, r in enumerate(rows):
        cls = f' class="{escape(row_classes[n])}"' if row_classes and row_classes[n] else ""
        out.append(f"<tr{cls}>" + "".join(cell("td", i, t) for i, t in enumerate(r)) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out
