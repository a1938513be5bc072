"""Whole runs give the same report and findings with the compiled duplicate index as with
KeyIndex; and the index's kernels run as plain Python under NUMBA_DISABLE_JIT=1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import jisheng_cli
from jisheng_cli import kernel
from jisheng_cli.kernel.dedupe import HashKeyIndex
from tests.helpers import SAMPLE, compute


@pytest.mark.parametrize("basis", ["birth_date", "report_date"])  # 4- and 8-byte aux
def test_sample_twice_same_run_on_both_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, basis: str
) -> None:
    # The register again under another name (so duplicates cross files), its totals line
    # replaced by two births of row 1's mother (born 2011-10-08, a girl, order 1): a boy
    # the same day given the same order (twins: same_order_multiple_birth), and a birth
    # 92 days later (short_birth_interval). Every other valid row repeats the first file.
    lines = SAMPLE.read_bytes().decode("gb18030").splitlines(keepends=True)
    assert lines[-1].startswith("合计")
    twin_row = len(lines)  # spreadsheet rows are line numbers: the totals line's, and next
    mother = "420525100001,鸣凤镇,凤阳社区,丁洁翠,420525197812307126"
    lines[-1:] = [f"1717,{mother},2011-10-08,男,1,政策内,2011-11-13,常住\n",
                  f"1718,{mother},2012-01-08,女,2,政策内,2012-01-20,常住\n"]
    again = tmp_path / "births_again.csv"
    again.write_bytes("".join(lines).encode("gb18030"))
    kernel.prepare()  # its warm-up adds keys of its own: done before counting
    adds: list[int] = []
    real_add = HashKeyIndex.add

    def counted(self: HashKeyIndex, keys: np.ndarray, ref: np.ndarray, aux: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        adds.append(len(keys))
        return real_add(self, keys, ref, aux)

    monkeypatch.setattr(HashKeyIndex, "add", counted)
    outcomes = {}
    for mode in ("never", "always"):
        monkeypatch.setenv("JISHENG_KERNEL", mode)
        outcomes[mode] = compute([SAMPLE, again], by=["village", "year"],
                                 definitions={"period_basis": basis})
        if mode == "never":
            assert adds == []
    never, always = outcomes["never"], outcomes["always"]
    # Both files' valid rows went through the compiled index.
    assert sum(adds) == sum(i.valid_rows for i in always.report.inputs)
    first, second = always.report.inputs
    assert second.rows_duplicate == second.valid_rows - 2 > 0
    assert first.rows_duplicate < first.valid_rows
    assert always.report.to_dict() == never.report.to_dict()
    assert always.findings == never.findings
    added = [(f.row, f.code) for f in always.findings
             if f.file == str(again) and f.code != "duplicate"]
    assert (twin_row, "same_order_multiple_birth") in added
    assert (twin_row + 1, "short_birth_interval") in added


def test_field_check_same_run_on_both_indexes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The survey's duplicates go through the index too (its aux is the row ref, int64)."""
    data = SAMPLE.parent
    paths: list[str | Path] = [SAMPLE, f"survey:{data / 'survey.csv'}",
                               f"checked:{data / 'checked.csv'}"]
    aux_types: list[str] = []
    real_add = HashKeyIndex.add

    def spied(self: HashKeyIndex, keys: np.ndarray, ref: np.ndarray, aux: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        aux_types.append(aux.dtype.name)
        return real_add(self, keys, ref, aux)

    monkeypatch.setattr(HashKeyIndex, "add", spied)
    outcomes = {}
    for mode in ("never", "always"):
        monkeypatch.setenv("JISHENG_KERNEL", mode)
        outcomes[mode] = compute(paths, by=["village"])
    assert set(aux_types) == {"int32", "int64"}  # the register's villages, the survey's refs
    assert outcomes["always"].report.to_dict() == outcomes["never"].report.to_dict()
    assert outcomes["always"].findings == outcomes["never"].findings


_PURE = """
import numpy as np
import jisheng_cli.kernel.dedupe as d
from jisheng_cli.duplicates import KeyIndex, cross_row_warnings, pack_keys
assert not hasattr(d._insert, "py_func"), "numba compiled the kernel"
rng = np.random.default_rng(5)
n = 400
keys = pack_keys(rng.integers(0, 30, n) + 10**16, rng.integers(15000, 15300, n),
                 rng.integers(1, 3, n), rng.integers(0, 2, n))
ref = np.arange(n, dtype=np.int64)
for aux in (ref.astype(np.int32) % 9, ref * 3):
    a, b = KeyIndex(), d.HashKeyIndex()
    for s in range(0, n, 70):
        want = a.add(keys[s:s + 70], ref[s:s + 70], aux[s:s + 70])
        got = b.add(keys[s:s + 70], ref[s:s + 70], aux[s:s + 70])
        assert [g.tolist() for g in got] == [w.tolist() for w in want]
    w = [x.tolist() for x in cross_row_warnings(a)]
    assert w == [x.tolist() for x in cross_row_warnings(b)] and w[0]
d.warm()
print("ok", len(a))
"""


def test_kernels_run_as_python_without_the_jit() -> None:
    src = str(Path(jisheng_cli.__file__).resolve().parents[1])
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1",
           "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([sys.executable, "-W", "error", "-c", _PURE], capture_output=True,
                          text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok ")
