"""The registry's indicator a printed label names: its id, Chinese or English label, or
one of the other names reports print (Indicator.aliases). Labels are compared after NFKC,
without spaces and case-blind; traditional characters are read as simplified (計劃生育率
is 计划生育率) by the extraction, which writes simplified labels."""

from __future__ import annotations

import functools
import unicodedata

from jisheng_cli.indicators.model import Indicator
from jisheng_cli.indicators.registry import REGISTRY

# 出生人流比 is printed two ways: 0.22 (abortions per birth) or 1:4.54 (births per abortion).
_BY_UNIT = {("出生人流比", "1:x"): "births_per_abortion"}


def label_key(label: str) -> str:
    s = unicodedata.normalize("NFKC", label)
    return "".join(s.split()).casefold()


@functools.cache
def _index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for indicator in REGISTRY.values():
        for name in indicator.names:
            ids = index.setdefault(label_key(name), [])
            if indicator.id not in ids:
                ids.append(indicator.id)
    return {k: tuple(v) for k, v in index.items()}


def resolve(label: str, printed_unit: str | None = None) -> Indicator | None:
    """The indicator `label` names, or None for a label jisheng does not compute (免费婚检率).
    A name two indicators share is told apart by the printed unit (`_BY_UNIT`)."""
    key = label_key(label)
    ids = _index().get(key, ())
    if not ids:
        return None
    if len(ids) > 1:
        by_unit = {label_key(n): i for (n, u), i in _BY_UNIT.items() if u == printed_unit}
        chosen = by_unit.get(key)
        return REGISTRY[chosen] if chosen else REGISTRY[ids[0]]
    return REGISTRY[ids[0]]


def names_longest_first() -> list[tuple[str, str]]:
    """(name, id) of every Chinese label and alias, longest first: what the extraction
    looks for in a sentence (出生政策符合率 before 政策符合率)."""
    pairs = {(name, i.id) for i in REGISTRY.values() for name in (i.zh, *i.aliases)}
    return sorted(pairs, key=lambda p: (-len(p[0]), p[0], p[1]))
