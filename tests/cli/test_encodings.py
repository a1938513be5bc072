"""Input encodings (GB18030, UTF-8 with BOM, UTF-16 with BOM) and standard input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .helpers import AS_OF, CONFIG, SAMPLE, run_cli, sample_text

ARGS = ("--year", "2012", "--by", "township", "--format", "json", "--config", CONFIG, *AS_OF)


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("utf8_bom.csv", b"\xef\xbb\xbf" + sample_text().encode("utf-8"), "utf8"),
        ("utf16.csv", sample_text().encode("utf-16"), "utf16"),
    ],
)
def test_same_rows_in_another_encoding(
    work: Path, contract: dict[str, Any], name: str, data: bytes, encoding: str
) -> None:
    if encoding == "utf16":
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    (work / name).write_bytes(data)
    run = run_cli(("indicators", name, *ARGS), work)
    assert run.code == 0, str(run)
    report = run.json()
    assert report["rows"] == contract["rows"]
    (inp,) = report["inputs"]
    assert inp["path"] == name
    assert encoding in inp["encoding"].lower().replace("-", "").replace("_", "")
    counts = {k: v for k, v in inp.items() if k.startswith("rows_")}
    assert counts == {k: v for k, v in contract["inputs"][0].items() if k.startswith("rows_")}
    assert contract["inputs"][0]["encoding"] == "gb18030"


def test_standard_input(work: Path, contract: dict[str, Any]) -> None:
    run = run_cli(("indicators", "-", *ARGS), work, stdin=(work / SAMPLE).read_bytes())
    assert run.code == 0, str(run)
    report = run.json()
    assert report["rows"] == contract["rows"]
    (inp,) = report["inputs"]
    assert inp["encoding"] == "gb18030"
    assert inp["rows_used"] == 1562
