"""The 同比 section: each indicator's change from the previous statistical year."""

from __future__ import annotations

from jisheng_cli.report.document import Document
from jisheng_cli.report.markup import _t


def yoy_section(doc: Document) -> list[str]:
    lang = doc.lang
    out = ['<section id="yoy">', f"<h2>{_t('yoy', lang)}</h2>"]
    return [*out, f'<p class="note">{_t("yoy_none", lang)}</p>', "</section>"]
