"""Shared helpers: run the library on small CSV texts written in tmp directories."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from jisheng_cli.config import Config, Definitions
from jisheng_cli.periods import Period, period_from_options
from jisheng_cli.pipeline import Outcome, run
from jisheng_cli.readers.sources import parse_source
from jisheng_cli.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SAMPLE = ROOT / "sample_data" / "births.csv"
AS_OF = date(2026, 11, 22)


def compute(
    paths: list[str | Path],
    *,
    year: str | None = None,
    period: Period | None = None,
    by: list[str] | None = None,
    definitions: dict[str, object] | None = None,
    targets: dict[str, object] | None = None,
    block_bytes: int = 4 << 20,
    as_of: date = AS_OF,
    show_personal_data: bool = False,
    compute: bool = True,
    engine: str = "pandas",
    scheduler: str | None = None,
    partition_bytes: int = 64 << 20,
) -> Outcome:
    config = Config.model_validate(
        {"definitions": Definitions.model_validate(definitions or {}).model_dump(),
         "targets": targets or {}}
    )
    settings = Settings(
        as_of=as_of,
        period=period or period_from_options(year, None, None),
        by=by or ["total"],
        config=config,
        block_bytes=block_bytes,
        show_personal_data=show_personal_data,
        compute=compute,
        engine=engine,
        scheduler=scheduler,
        partition_bytes=partition_bytes,
    )
    return run([parse_source(str(p)) for p in paths], settings)


def row(outcome: Outcome, indicator: str, level: str = "total", code: str | None = None,
        year: int | None = None) -> dict[str, object]:
    found = [
        r.to_dict() for r in outcome.report.rows
        if r.indicator == indicator and r.group_level == level
        and (code is None or r.group_code == code) and r.year == year
    ]
    assert len(found) == 1, (indicator, level, code, year, len(found))
    return found[0]


HEADER = "统计用区划代码,乡镇,村名,母亲姓名,母亲身份证号,出生日期,性别,孩次,政策属性"


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write lines (header added unless given) as a UTF-8 file and return its path."""
    counter = iter(range(1000))

    def write(lines: list[str], header: str | None = HEADER, encoding: str = "utf-8",
              name: str | None = None) -> Path:
        path = tmp_path / (name or f"f{next(counter)}.csv")
        body = ([header] if header is not None else []) + lines
        path.write_bytes(("\n".join(body) + "\n").encode(encoding))
        return path

    return write
