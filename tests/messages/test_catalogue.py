"""The message catalogue: complete, bilingual, and in the reports' words (docs/glossary.md)."""

from __future__ import annotations

import re

import pytest

from jisheng_cli.kinds import KINDS
from jisheng_cli.messages import message_lang, pick
from jisheng_cli.messages.errors import ERRORS, error_line, error_message
from jisheng_cli.messages.findings import CODES, finding_message, where
from jisheng_cli.messages.summary import FINDING_HEADERS, NO_FINDINGS, SEVERITY_WORDS
from tests.helpers import ROOT
from tests.helpers import template_fields as fields

GLOSSARY_ROW = re.compile(r"^\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|")


def glossary() -> list[tuple[re.Pattern[str], list[str]]]:
    """(English term as a whole-word, plural-tolerant pattern, Chinese alternatives)."""
    terms = []
    for line in (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").splitlines():
        m = GLOSSARY_ROW.match(line)
        if not m or m.group(1) in ("English term", "---"):
            continue
        en, zh = m.group(1), m.group(2)
        # Case matters only for the first letter: FILE is a metavar, not the word "file".
        first = f"[{en[0].lower()}{en[0].upper()}]" if en[0].isalpha() else re.escape(en[0])
        pattern = re.compile(r"(?<![\w-])" + first + re.escape(en[1:]) + r"s?(?![\w-])")
        terms.append((pattern, [t.strip() for t in zh.split("/")]))
    return terms


def all_texts() -> list[tuple[str, str, str]]:
    """(where, zh, en) for every message of every catalogue."""
    out = [(f"finding {c.code}", c.zh, c.en) for c in CODES.values()]
    out += [(f"finding {c.code}/{v}", zh, en)
            for c in CODES.values() for v, (zh, en) in c.variants.items()]
    out += [(f"error {k}", zh, en) for k, (zh, en) in ERRORS.items()]
    out += [(f"word {k}", zh, en) for k, (zh, en) in {**SEVERITY_WORDS, **FINDING_HEADERS}.items()]
    from jisheng_cli.messages import summary

    for name in ("_INPUT", "_HINT", "_SPAN", "_INCOMPLETE", "_DESCRIBE", "_DESCRIBE_DATES",
                 "_NONE"):
        zh, en = getattr(summary, name)
        out.append((f"summary {name}", zh, en))
    out.append(("summary NO_FINDINGS", *NO_FINDINGS))
    return out


# Placeholders, options, code values and names that stay as they are in Chinese text.
_KEPT = re.compile(
    r"\{[^}]*\}|--?[a-z-]+(?: (?:wide|dask|county|gb18030|FILE))?|`[^`]*`|\[[a-z_.]+\]|"
    r"[a-z]+_[a-z_]+|[a-z]+:(?:FILE)?|'[^']*'|"
    r"\b(?:jisheng|validate|list|pip|install|in|out|yes|no|CSV|TOML|UTF-8|UTF-16|GB18030|"
    r"GBK|NUL|Excel|xlsx|xls|zip|Parquet|PDF|Dask|dask|distributed|YYYY-MM-DD|E|X|M|F)\b"
)


def test_every_code_has_both_languages_and_the_same_fields() -> None:
    for name, zh, en in all_texts():
        assert zh.strip() and en.strip(), name
        # English alone needs a plural: "1 warning", "2 warnings".
        assert fields(zh) == fields(en) - {"warning_word"}, f"{name}: {fields(zh)} vs {fields(en)}"


def test_chinese_messages_use_the_glossary_terms() -> None:
    terms = glossary()
    assert len(terms) > 20
    for name, zh, en in all_texts():
        bare = re.sub(r"\{[^}]*\}|--[a-z-]+|`[^`]*`", "", en)
        for pattern, alternatives in terms:
            if pattern.search(bare):
                assert any(a in zh for a in alternatives), (
                    f"{name}: {en!r} says {pattern.pattern!r}, so {zh!r} must use "
                    f"{' or '.join(alternatives)} (docs/glossary.md)")


def test_chinese_messages_are_chinese() -> None:
    for name, zh, _en in all_texts():
        rest = _KEPT.sub("", zh)
        words = re.findall(r"[A-Za-z]{2,}", rest)
        assert not words, f"{name}: English left in the Chinese text {zh!r}: {words}"


def test_severities_and_kinds_are_known() -> None:
    kinds = set(KINDS)
    for c in CODES.values():
        assert c.severity in SEVERITY_WORDS, c.code
        assert c.kinds and set(c.kinds) <= kinds, c.code
        # A kind of its own severity is one of the code's kinds, with a known severity.
        assert set(c.severity_by_kind) <= set(c.kinds), c.code
        assert set(c.severity_by_kind.values()) <= set(SEVERITY_WORDS), c.code
        assert re.fullmatch(r"[a-z][a-z0-9_]*", c.code), c.code


def test_language_fallback() -> None:
    assert message_lang("zh") == "zh" and message_lang(None) == "zh"
    assert message_lang("en") == "en"
    # `id` names labels by their stable ids; a message has no id form, so English.
    assert message_lang("id") == "en"
    assert pick(("中", "en"), "id") == "en"


def test_duplicate_points_at_the_kept_row_in_each_language() -> None:
    assert where("zh", 12) == "第 12 行"
    assert where("en", 5, "b.csv") == "b.csv row 5"
    assert finding_message("duplicate", "zh", "birth", dup_row=12) == (
        "与第 12 行重报:母亲身份证号、出生日期和孩次相同")
    assert finding_message("duplicate", "en", "case", dup_row=3, dup_file="b.csv") == (
        "duplicate of b.csv row 3: the same case id")
    assert finding_message("ragged_row", "en", cells=13, expected=12) == (
        "row has 13 cells but the header has 12")


def test_error_lines() -> None:
    assert error_line(error_message("file_empty", "zh"), "zh") == "jisheng: 错误: 文件为空"
    assert error_line(error_message("file_empty", "en"), "en") == "jisheng: error: file is empty"
    assert error_message("file_empty", "id") == "file is empty"


@pytest.mark.parametrize("code", sorted(CODES))
def test_each_finding_code_formats(code: str) -> None:
    entry = CODES[code]
    for variant in ("", *entry.variants):
        for lang in ("zh", "en"):
            en = entry.text(variant)[1]
            params: dict[str, object] = {f: 1 for f in fields(en) if f != "where"}
            if "where" in fields(en):
                params["dup_row"] = 7
            text = finding_message(code, lang, variant, **params)
            assert "{" not in text and text
