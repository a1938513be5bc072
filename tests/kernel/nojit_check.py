"""Run by test_nojit.py in a subprocess with NUMBA_DISABLE_JIT=1: the kernels as plain
Python give the reference's answers (exit status 0, "ok" on stdout)."""

from __future__ import annotations

import sys

import numpy as np
import pyarrow as pa

from jisheng_cli.kernel.dictionary import Dictionary
from jisheng_cli.kernel.ids import parse_ids_kernel
from jisheng_cli.kernel.jit import numba
from jisheng_cli.records.vector import parse_ids
from tests.kernel.helpers import compare_file

VALUES = ["11010519491231002X", " 110105 19491231 002x\u3000",
          "１１０１０５１９４９１２３１００２ｘ", "110105491231002", "110105194912310021",
          "110105194913310020", "110105194912310000",
          "110105194912310011", "", "4.20525E+17", "abc", "\u00a0110105194912310011"]


def main() -> None:
    assert numba.config.DISABLE_JIT
    got, want = parse_ids_kernel(pa.array(VALUES)), parse_ids(pa.array(VALUES))
    for name in ("id17", "check", "birth_days", "sex", "err"):
        assert getattr(got, name).tolist() == getattr(want, name).tolist(), name
    assert (got.codes, got.variants) == (want.codes, want.variants)

    d = Dictionary(str.upper, object, None)
    first = d.ids(pa.array(["b", "a", "b", "", "中"]))
    second = d.ids(pa.array(["a", "c", "中", "b"]))
    assert first.tolist() == [0, 1, 0, 2, 3] and second.tolist() == [1, 4, 3, 0]
    assert d.values[: d.n].tolist() == ["B", "A", "", "中", "C"]

    compare_file(__import__("pathlib").Path(sys.argv[1]), 1 << 11)
    print("ok", np.__version__)


if __name__ == "__main__":
    main()
