"""The kernels also run as plain Python (NUMBA_DISABLE_JIT=1): slow, but the same answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT


def test_kernels_without_jit(tmp_path: Path) -> None:
    small = tmp_path / "births.csv"  # the sample's first 60 lines: title, header, records
    small.write_bytes(b"".join((ROOT / "sample_data" / "births.csv").read_bytes()
                               .splitlines(keepends=True)[:60]))
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    proc = subprocess.run([sys.executable, str(Path(__file__).parent / "nojit_check.py"),
                           str(small)], capture_output=True, text=True, env=env,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok"), proc.stdout
