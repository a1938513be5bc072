"""--header-row N and --skip-rows N as the readers see them (ReadOptions): the header's
row given or the search moved down, row numbers still a spreadsheet's, a given row that
is no header refused with what it holds (masked)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jisheng_cli.errors import InputError
from jisheng_cli.readers.headers import find_header, rows_needed
from jisheng_cli.readers.inputs import ReadOptions, open_input
from jisheng_cli.readers.sources import Source
from tests.helpers import HEADER, birth, mid

TITLES = [f"远安县出生登记表（第{i}页说明）,,,,,,,," for i in range(1, 30)]


def _file(tmp_path: Path, titles: int, records: int = 3, trailing: str = "") -> Path:
    lines = [*TITLES[:titles], HEADER,
             *(birth("420525100201", mid(i), "2012-03-05") + trailing for i in range(records))]
    path = tmp_path / "r.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(path: Path, **options: object) -> list[int]:
    f = open_input(Source(str(path)), ReadOptions(**options))  # type: ignore[arg-type]
    try:
        return [r for b in f.batches() for r in b.rows.tolist()]
    finally:
        f.close()


def test_the_search_window() -> None:
    # The first 10 lines by default; after N skipped lines, the next 10; a given row and
    # the 9 after it (they show whether data rows end in extra empty cells).
    assert rows_needed() == 10
    assert rows_needed(skip_rows=5) == 15
    assert rows_needed(header_row=30) == 39


def test_a_header_on_row_30(tmp_path: Path) -> None:
    """29 title lines: the search (first 10 lines) misses the header; --header-row 30
    reads it there, and the records keep their spreadsheet rows 31–33. The sample parsed
    reaches row 39, so the trailing empty cells of the data rows are still seen."""
    path = _file(tmp_path, 29, trailing=",")
    with pytest.raises(InputError) as e:
        open_input(Source(str(path)))
    assert e.value.code == "unknown_kind"
    f = open_input(Source(str(path)), ReadOptions(header_row=30))
    assert (f.header_row, f.kind) == (30, "births")
    assert [r for b in f.batches() for r in b.rows.tolist()] == [31, 32, 33]
    f.close()


def test_skip_rows_moves_the_search_down(tmp_path: Path) -> None:
    # Header on row 16: the search covers rows 7–16 after 6 skipped lines, 6–15 after 5.
    path = _file(tmp_path, 15)
    assert _rows(path, skip_rows=6) == [17, 18, 19]
    with pytest.raises(InputError) as e:
        _rows(path, skip_rows=5)
    assert e.value.code == "unknown_kind"


def test_a_given_row_wins_over_the_search() -> None:
    """Row 1 names three births columns too, but the header is given as row 2."""
    rows = [["统计用区划代码", "母亲身份证号", "出生日期"], HEADER.split(",")]
    assert find_header(rows, None, {}).row_index == 0
    assert find_header(rows, None, {}, header_row=2).row_index == 1


def test_a_given_row_that_is_no_header(tmp_path: Path) -> None:
    path = _file(tmp_path, 2)
    path.write_text("负责人,张丽,420525199001010029\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    with pytest.raises(InputError) as e:
        open_input(Source(str(path)), ReadOptions(header_row=1))
    assert e.value.code == "header_row_not_header"
    # What row 1 holds, masked: name-like words (负责人 too) and the ID number.
    assert e.value.params == {"row": 1, "seen": "负**, 张*, 420525********0029"}
    assert e.value.message == ("--header-row 1: row 1 is not a header (too few known columns); "
                               "it holds: 负**, 张*, 420525********0029")
    with pytest.raises(InputError) as e:
        open_input(Source(str(path)), ReadOptions(header_row=40))
    # 1 + 2 title lines + header + 3 records.
    assert (e.value.code, e.value.params) == ("header_row_past_end", {"row": 40, "lines": 7})


def test_parquet_ignores_both(tmp_path: Path) -> None:
    """A Parquet file's column names are its header: the options, given for every FILE
    of a run, do not apply to it."""
    names = HEADER.split(",")
    rec = birth("420525100201", mid(1), "2012-03-05").split(",")
    path = tmp_path / "r.parquet"
    pq.write_table(pa.table({n: [rec[i]] for i, n in enumerate(names)}), path)
    assert _rows(path, header_row=5) == [2]
    assert _rows(path, skip_rows=3) == [2]
