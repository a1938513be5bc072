from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.records.text import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  男 ", "男"),
        ("\u3000女\u3000", "女"),
        ("\u00a01\u00a0", "1"),
        ("\ufeff政策内", "政策内"),
        (" \ufeff 1 ", "1"),
        ("１２３４５", "12345"),
        ("１２，３４５．６０", "12,345.60"),
        ("（万元）", "(万元)"),
        ("\t2023-01-05\r\n", "2023-01-05"),
        ("", ""),
        (None, ""),
        (float("nan"), ""),
        (12, "12"),
    ],
)
def test_normalize(raw: object, expected: str) -> None:
    assert normalize(raw) == expected


def _nfkc_stripped(text: str) -> str:
    """normalize's definition, step by step: NFKC, then strip white space and the
    invisible marks until neither is left."""
    text = unicodedata.normalize("NFKC", text)
    while text != (text := text.strip().strip("\ufeff\u200b\u200c\u200d\u2060")):
        pass
    return text


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_shortcut_is_the_definition(text: str) -> None:
    assert normalize(text) == _nfkc_stripped(text)


@given(st.text(alphabet=" \t\u3000\u00a0\ufeff\u200b１a男Ⅻ"))
def test_definition(text: str) -> None:
    assert normalize(text) == _nfkc_stripped(text)
