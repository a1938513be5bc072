"""Every text the tool says to a person, in Chinese and English, defined once.

- `findings`: the finding-code catalogue: each row-level code with its severity, the
  kinds and columns it applies to, and its message (zh, en; some with named variants).
- `errors`: the one-line errors (exit codes 2 and 3) and the CLI's own lines.
- `summary`: the stderr summary items and the `validate` table's words.

`--lang zh` (the default, as for labels) and `--lang en` pick a language; any other
language (`id`, the stable ids of the labels) falls back to English, since a message has
no id form. Templates use `str.format` fields; a value shown in a message is never a
cell's content (personal data), only counts, row numbers, paths and column names.
"""

from __future__ import annotations

LANGS: tuple[str, ...] = ("zh", "en", "id")
MESSAGE_LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"


def message_lang(lang: str | None) -> str:
    """The language messages are written in: zh or en (id and anything else: en)."""
    if lang is None:
        return DEFAULT_LANG
    return lang if lang in MESSAGE_LANGS else "en"


def pick(texts: tuple[str, str], lang: str | None) -> str:
    """(zh, en) → the text in `lang`'s message language."""
    return texts[0] if message_lang(lang) == "zh" else texts[1]
