"""`[reading] date_order` moves records between statistical years as it should, in every
kind and in both engines (a Dask worker reads the setting from the Settings it is sent)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from jisheng_cli.pipeline import Outcome
from tests.helpers import HEADER, ROOT, birth, chinese_date, compute, mid, row

SAMPLE = ROOT / "sample_data"
V = "420525100201"
ISO = re.compile(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b")
KINDS = ["births.csv", "fees.csv", "survey:survey.csv", "checked:checked.csv",
         "population.csv"]
DATED = ("births.csv", "fees.csv", "survey.csv")  # GB18030, as a county's exports are


def register(tmp_path: Path, *dates: str) -> Path:
    path = tmp_path / "births.csv"
    lines = [HEADER, *(birth(V, mid(n), d) for n, d in enumerate(dates))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def births_2012(out: Outcome) -> int:
    value = row(out, "births_total")["value"]
    assert isinstance(value, int)
    return value


def test_10_1_2012_moves_between_statistical_years(tmp_path: Path) -> None:
    # Statistical year 2012 runs from 2011-10-01 to 2012-09-30. 10/1/2012 day-first is
    # 10 January 2012 (year 2012); month-first it is 1 October 2012 (year 2013).
    path = register(tmp_path, "10/1/2012", "2012-05-05")
    dmy = compute([path], year="2012", reading={"date_order": "dmy"})
    mdy = compute([path], year="2012", reading={"date_order": "mdy"})
    assert births_2012(dmy) == 2 and dmy.report.inputs[0].rows_out_of_period == 0
    assert births_2012(mdy) == 1 and mdy.report.inputs[0].rows_out_of_period == 1
    assert births_2012(compute([path], year="2013", reading={"date_order": "mdy"})) == 1
    # Without the setting the row is rejected, never guessed.
    none = compute([path], year="2012")
    assert births_2012(none) == 1 and none.report.inputs[0].rows_rejected == 1
    assert [(f.row, f.code) for f in none.findings] == [(2, "ambiguous_date")]


def rewrite(text: str, style: str) -> str:
    def one(m: re.Match[str]) -> str:
        y, mo, d = (int(g) for g in m.groups())
        try:
            date(y, mo, d)
        except ValueError:  # the sample's deliberate 2012-02-30 stays as it is
            return m.group(0)
        return {"dmy": f"{d}/{mo}/{y}", "mdy": f"{mo}/{d}/{y}",
                "chinese": chinese_date(date(y, mo, d), "○", "日", True)}[style]

    return ISO.sub(one, text)


def sample_copy(directory: Path, style: str | None) -> list[str]:
    """The sample data (every kind), its ISO dates rewritten in `style`."""
    directory.mkdir()
    for name in KINDS:
        file = name.split(":")[-1]
        data = (SAMPLE / file).read_bytes()
        if style and file in DATED:  # the others hold no date
            data = rewrite(data.decode("gb18030"), style).encode("gb18030")
        (directory / file).write_bytes(data)
    return [f"{n.split(':')[0]}:{directory / n.split(':')[-1]}" if ":" in n
            else str(directory / n) for n in KINDS]


def without_paths(out: Outcome) -> dict[str, Any]:
    d = out.report.to_dict()
    for summary in d["inputs"]:
        summary["path"] = Path(summary["path"]).name
    return d


@pytest.mark.parametrize(("style", "order"), [("dmy", "dmy"), ("mdy", "mdy"),
                                              ("chinese", None)])
def test_the_sample_data_in_other_date_styles(tmp_path: Path, style: str,
                                              order: str | None) -> None:
    """Birth, report, decision, payment and survey dates all read the setting: the
    rewritten sample gives the sample's JSON, row for row and count for count."""
    original = sample_copy(tmp_path / "iso", None)
    rewritten = sample_copy(tmp_path / style, style)
    assert (tmp_path / style / "fees.csv").read_text(encoding="gb18030") != (
        tmp_path / "iso" / "fees.csv").read_text(encoding="gb18030")
    reading = {"date_order": order} if order else {}
    expected = compute(original, year="2012", by=["township"])
    got = compute(rewritten, year="2012", by=["township"], reading=reading)
    assert without_paths(got) == without_paths(expected)
    assert [(Path(f.file).name, f.row, f.column, f.code, f.variant) for f in got.findings] == [
        (Path(f.file).name, f.row, f.column, f.code, f.variant) for f in expected.findings]
    assert births_2012(got) > 0
    if order:  # without the setting the same files lose every year-last date
        unread = compute(rewritten, year="2012", by=["township"])
        assert {f.code for f in unread.findings} >= {"ambiguous_date"}
        assert births_2012(unread) < births_2012(got)


def test_dask_workers_read_the_order(tmp_path: Path, scheduler: str) -> None:
    path = register(tmp_path, "10/1/2012", "2012-05-05", "13/1/2012")
    for order, in_2012, rejected in (("dmy", 3, 0), ("mdy", 1, 1)):
        # mdy: 1 October 2012 is out of 2012, 13/1/2012 has no month 13
        dask = compute([path], year="2012", engine="dask", scheduler=scheduler,
                       reading={"date_order": order})
        pandas = compute([path], year="2012", reading={"date_order": order})
        assert births_2012(dask) == in_2012
        assert dask.report.inputs[0].rows_rejected == rejected
        assert dask.report.to_dict() == pandas.report.to_dict()
        assert dask.findings == pandas.findings
