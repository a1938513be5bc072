from __future__ import annotations

import pytest

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
