"""The report's one HTML page, written from a Document: no script, no external resource,
deterministic bytes (no clock, no random id; everything in the document's order)."""

from __future__ import annotations

from html import escape
from typing import BinaryIO

from jisheng_cli import figures
from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.levels import level_label
from jisheng_cli.messages.report import label
from jisheng_cli.report.document import Document, FunnelSection, TrendSection
from jisheng_cli.report.markup import _t, table
from jisheng_cli.report.style import CSS
from jisheng_cli.report.svg import funnel_svg, off_scale, trend_svg
from jisheng_cli.report.text import exact_text, value_text
from jisheng_cli.report.yoy import yoy_section


def write_html(doc: Document, stream: BinaryIO) -> None:
    stream.write(render_html(doc).encode("utf-8"))


def render_html(doc: Document) -> str:
    lang = doc.lang
    html_lang = "zh-CN" if lang == "zh" else "en"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>\n{CSS}</style>",
        "</head>",
        "<body>",
        *_header(doc),
        *_headline(doc),
        *_funnels(doc),
        *_trends(doc),
        *yoy_section(doc),
        *_quality(doc),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _header(doc: Document) -> list[str]:
    lang = doc.lang
    items = [("period", doc.period), ("as_of", doc.as_of), ("version", doc.version),
             ("definitions", "; ".join(doc.definitions) or label("definitions_none", lang))]
    out = ["<header>", f"<h1>{escape(doc.title)}</h1>", "<dl>"]
    out += [f"<dt>{_t(k, lang)}</dt><dd>{escape(v)}</dd>" for k, v in items]
    return [*out, "</dl>", "</header>"]


def _headline(doc: Document) -> list[str]:
    lang = doc.lang
    out = ['<section id="headline">', f"<h2>{_t('headline', lang)}</h2>"]
    caption = (label("headline_year", lang, year=doc.year) if doc.year is not None
               else label("headline_pooled", lang))
    out.append(f'<p class="note">{escape(caption)}</p>')
    if not doc.headline:
        return [*out, f'<p class="note">{_t("no_rows", lang)}</p>', "</section>"]
    keys = ("col_indicator", "col_value", "col_interval", "col_target", "col_source",
            "col_status", "col_gap", "col_change")
    rows = [(h.label, f"{h.value} {h.markers}".strip(), h.interval, h.target, h.source,
             h.status, h.gap, h.change) for h in doc.headline]
    out += table([label(k, lang) for k in keys], rows, {1, 2, 3, 6, 7},
                 [h.status_id for h in doc.headline])
    if doc.legend:
        out.append(f'<p class="legend">{escape(doc.legend)}</p>')
    return [*out, "</section>"]


def _funnels(doc: Document) -> list[str]:
    lang = doc.lang
    out = ['<section id="funnels">', f"<h2>{_t('funnels', lang)}</h2>"]
    for s in doc.funnels:
        out += _funnel(s, doc)
    return [*out, "</section>"]


def _funnel(s: FunnelSection, doc: Document) -> list[str]:
    lang, f = doc.lang, s.chart
    # Inside a sentence: "villages", not the table's "Village" (zh has no case).
    level = level_label(s.level, lang).lower()
    if isinstance(f, figures.NoFunnel):
        why = _t("no_funnel_" + f.reason, lang, indicator=s.label, level=level,
                 min=exact_text(doc.min_trials))
        return [f'<p class="note no-funnel" data-indicator="{escape(s.indicator)}" '
                f'data-level="{escape(s.level)}" data-reason="{escape(f.reason)}">{why}</p>']
    ind = REGISTRY[s.indicator]
    heading = label("funnel_heading", lang, indicator=s.label, level=level, year=doc.year)
    year = "" if f.year is None else str(f.year)
    out = [f"<h3>{escape(heading)}</h3>",
           f'<figure class="chart" data-chart="funnel" data-indicator="{escape(s.indicator)}" '
           f'data-level="{escape(s.level)}" data-year="{year}">',
           funnel_svg(f, heading, label("funnel_x", lang)),
           f"<figcaption>{escape(funnel_caption(f, lang))}</figcaption>", "</figure>"]
    flagged = sorted(f.flagged, key=lambda u: (u.code or "", u.name or ""))
    if not flagged:
        return [*out, f'<p class="note">{_t("flagged_none", lang)}</p>']
    out.append(f"<p>{_t('flagged', lang)}</p>")
    rows = [(u.name or u.code or "", value_text(u.value, ind), exact_text(u.n),
             label("side_low" if u.outside998 < 0 else "side_high", lang)) for u in flagged]
    heads = [label(k, lang) for k in ("col_unit_name", "col_value", "col_n", "col_side")]
    return out + table(heads, rows, {1, 2})


def funnel_caption(f: figures.Funnel, lang: str) -> str:
    """What the limits are (method, coverage), where the centre is, and over-dispersion."""
    ind = REGISTRY[f.indicator]
    centre = value_text(f.centre, ind)
    if f.centre_rule == "target_midpoint" and f.band:
        where = label("centre_target_midpoint", lang, centre=centre,
                      low=value_text(f.band[0], ind), high=value_text(f.band[1], ind))
    else:
        where = label("centre_" + f.centre_rule, lang, centre=centre)
    text = label("funnel_caption", lang, method=label("method_" + f.method, lang), centre=where)
    if f.dispersion is not None:
        d = f.dispersion
        fields = {"phi": f"{d.phi:.3f}", "tau2": f"{d.tau2:.3g}",
                  "winsor": exact_text(round(d.winsor * 100, 6))}
        text += " " + label("dispersion" if d.overdispersed else "dispersion_none", lang,
                            **fields)
    if f.unit == "女=100":
        text += " " + label("sex_ratio_note", lang)
    above = len(off_scale(f))
    if above:
        text += " " + label("off_scale_one" if above == 1 else "off_scale", lang, count=above)
    return text


def _trends(doc: Document) -> list[str]:
    lang = doc.lang
    out = ['<section id="trends">', f"<h2>{_t('trends', lang)}</h2>"]
    if not doc.trends:
        return [*out, f'<p class="note">{_t("trends_none", lang)}</p>', "</section>"]
    for s in doc.trends:
        out += _trend(s, lang)
    return [*out, "</section>"]


def _trend(s: TrendSection, lang: str) -> list[str]:
    t = s.trend
    ind = REGISTRY[s.indicator]
    last = t.points[-1].year
    band = ""
    if t.target_min is not None or t.target_max is not None:
        lo = "" if t.target_min is None else exact_text(t.target_min)
        hi = "" if t.target_max is None else exact_text(t.target_max)
        target = f"{lo}–{hi}" if lo and hi else (f"≥ {lo}" if lo else f"≤ {hi}")
        band = label("trend_band", lang, target=target)
    rows = [(str(p.year), value_text(p.value, ind),
             f"[{value_text(p.ci_low, ind)}, {value_text(p.ci_high, ind)}]"
             if p.ci_low is not None and p.ci_high is not None else "") for p in t.points]
    heads = [label(k, lang) for k in ("col_year", "col_value", "col_interval")]
    return [f"<h3>{escape(s.label)}</h3>",
            f'<figure class="chart" data-chart="trend" data-indicator="{escape(s.indicator)}" '
            f'data-level="{escape(t.group_level)}" data-year="{last}">',
            trend_svg(t, s.label, label("col_year", lang)),
            f"<figcaption>{_t('trend_caption', lang, band=band)}</figcaption>", "</figure>",
            *table(heads, rows, {0, 1, 2})]


def _quality(doc: Document) -> list[str]:
    lang = doc.lang
    out = ['<section id="quality">', f"<h2>{_t('quality', lang)}</h2>"]
    keys = ("col_file", "col_kind", "col_read", "col_used", "col_rejected", "col_duplicate",
            "col_out_of_period", "col_blank", "col_span")
    rows = [(q.path, q.kind, *q.counts, q.span) for q in doc.quality]
    out += table([label(k, lang) for k in keys], rows, {2, 3, 4, 5, 6, 7})
    for q in doc.quality:
        out.append(f"<h3>{_t('findings_heading', lang, path=q.path)}</h3>")
        if not q.findings:
            out.append(f'<p class="note">{_t("findings_none", lang)}</p>')
            continue
        heads = [label(k, lang) for k in ("col_code", "col_count", "col_message")]
        out += table(heads, [(f.code, exact_text(f.count), f.message) for f in q.findings], {1})
    return [*out, "</section>"]
