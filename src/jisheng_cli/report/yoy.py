"""The 同比 section: each indicator's change from the previous statistical year, with its
interval, whether it is more than chance, and the sentence a work report writes."""

from __future__ import annotations

from html import escape

from jisheng_cli.messages.report import label
from jisheng_cli.report.document import Document
from jisheng_cli.report.markup import _t, table


def yoy_section(doc: Document) -> list[str]:
    lang = doc.lang
    out = ['<section id="yoy">', f"<h2>{_t('yoy', lang)}</h2>"]
    if not doc.yoy or doc.year is None:
        why = "yoy_none" if doc.compared else "yoy_not_compared"
        return [*out, f'<p class="note">{_t(why, lang)}</p>', "</section>"]
    out.append(f'<p class="note">{_t("yoy_heading", lang, year=doc.year, previous=doc.year - 1)}'
               "</p>")
    keys = ("col_indicator", "col_current", "col_previous", "col_change_value",
            "col_change_interval", "col_significant")
    rows = [(y.label, y.current, y.previous, y.change, y.interval, y.significant)
            for y in doc.yoy]
    out += table([label(k, lang) for k in keys], rows, {1, 2, 3, 4})
    out.append('<ul class="sentences">')
    out += [f'<li data-indicator="{escape(y.indicator)}">{escape(y.sentence)}</li>'
            for y in doc.yoy]
    return [*out, "</ul>", "</section>"]
