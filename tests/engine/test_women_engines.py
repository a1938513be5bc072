"""The women's kinds on Dask give the pandas engine's rows, findings and counts, with the
register split over several partitions and files (women keyed by woman_id across them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import compute
from tests.women_helpers import ID, WOMEN_HEADER, sources, write_village


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("women_dask")
    paths = write_village(folder)
    # W2 again in a second file, with a later record date: it must win on both engines.
    later = folder / "women_later.csv"
    later.write_text(WOMEN_HEADER + ",信息截止日期\n"
                     f"{ID['W2']},妇女W2,420525100001,鸣凤镇,凤阳社区,20,避孕套,,2012-02-01,,"
                     "常住,,,,2012-06-10,2012-09-01\n", encoding="utf-8")
    return [*sources(paths), f"women:{later}"]


@pytest.mark.parametrize("by", [["total"], ["total", "village", "year"]])
def test_dask_equals_pandas(village: list[str], by: list[str]) -> None:
    a = compute(village, year="2012", by=by, block_bytes=256)
    b = compute(village, year="2012", by=by, engine="dask", partition_bytes=512)
    assert [r.to_dict() for r in b.report.rows] == [r.to_dict() for r in a.report.rows]
    assert b.findings == a.findings
    assert b.report.inputs == a.report.inputs
    # The later record of W2 (避孕套) replaced her 上环: one long-acting user fewer.
    long_acting = next(r for r in a.report.rows
                       if r.indicator == "long_acting_rate" and r.group_level == "total"
                       and r.year is None)
    assert (long_acting.numerator, long_acting.denominator) == (3, 8)
    dup = [f for f in a.findings if f.code == "duplicate"]
    assert [(Path(f.file).name, f.row) for f in dup] == [("women.csv", 3)]


def test_dask_equals_pandas_on_the_sample_county() -> None:
    """The sample's four registers by village and year, the women's split in ranges."""
    from tests.helpers import ROOT

    files = [ROOT / "sample_data" / n for n in ("births.csv", "women.csv", "procedures.csv")]
    files.append(f"women_survey:{ROOT / 'sample_data' / 'women_survey.csv'}")
    by = ["total", "township", "village", "year"]
    a = compute(files, year="2012", by=by)
    b = compute(files, year="2012", by=by, engine="dask", partition_bytes=1 << 20)
    assert [r.to_dict() for r in b.report.rows] == [r.to_dict() for r in a.report.rows]
    assert b.findings == a.findings
    assert b.report.inputs == a.report.inputs
