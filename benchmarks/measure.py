"""Measuring one benchmark contender: a whole process, its wall time, peak memory and CPU.

Beside run.py, which imports it (python benchmarks/run.py puts this folder on the path).
"""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = "/usr/bin/time"


class RunFailed(RuntimeError):
    """A measured process exited with an error (a finding to report, not a crash)."""


@dataclass
class Run:
    wall: float
    rss: int  # bytes
    stdout: str
    cpu: float = 0.0  # user + system seconds of the process and every descendant it waited for

    @property
    def cpu_percent(self) -> float:
        """CPU time ÷ wall, as top shows it: 200% is two cores busy all along."""
        return 100.0 * self.cpu / self.wall if self.wall else 0.0


def measure(argv: list[str], label: str = "") -> Run:
    """Run one process; wall time, CPU and the peak resident set of that process alone.

    Peak memory comes from GNU time's %M. The kernel's own rusage of our direct child
    would be wrong: a child started by fork/vfork + exec keeps the parent's high-water
    RSS as its maxrss, so every contender would report at least this script's peak.
    GNU time is a small process, so what its child inherits from it is negligible.
    """
    use_time = os.access(GNU_TIME, os.X_OK)
    with tempfile.TemporaryDirectory() as tmp:
        rss_file = Path(tmp) / "maxrss"
        command = [GNU_TIME, "-f", "%M", "-o", str(rss_file), *argv] if use_time else argv
        wall, stdout, _, cpu = _run(command, label or argv[0], Path(tmp))
        if use_time:
            # The last line is %M in KiB (GNU time may put a status line before it).
            rss_kib = int(rss_file.read_text().split()[-1])
        else:
            # Without GNU time: the maximum over all children so far, an upper bound.
            rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return Run(wall, rss_kib * 1024, stdout, cpu)


def measure_tree(argv: list[str], label: str = "") -> Run:
    """Like `measure`, for a command that starts other processes (jisheng's local Dask
    cluster): peak memory is the largest sum of the RSS of the whole process tree, sampled
    every 0.1 s."""
    with tempfile.TemporaryDirectory() as tmp:
        wall, stdout, peak, cpu = _run(argv, label or argv[0], Path(tmp), sample_tree=True)
    return Run(wall, peak, stdout, cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command: list[str], label: str, tmp: Path, sample_tree: bool = False
         ) -> tuple[float, str, int, float]:
    """(wall seconds, stdout, peak summed RSS of the process tree or 0, CPU seconds) of one
    process, its output going to files in `tmp`; RunFailed with the end of stderr on failure.

    CPU is the growth of RUSAGE_CHILDREN across the run: the kernel adds a child's user and
    system time, its own waited-for descendants' included, when it is reaped. Processes run
    one at a time, so the growth is this process tree's alone. A grandchild left running
    after its parent exits would be missed; the Dask cluster's workers are reaped by their
    nanny, and it by jisheng, before jisheng exits.
    """
    with open(tmp / "out", "w+b") as out, open(tmp / "err", "w+b") as err:
        cpu_before = _children_cpu()
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err)
        peak = _sample_tree(proc) if sample_tree else 0
        proc.wait()
        wall = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RunFailed(f"{label} exited {proc.returncode}: {stderr.strip()[-2000:]}")
    return wall, stdout, peak, cpu


def _sample_tree(proc: subprocess.Popen[bytes]) -> int:
    """Largest sum of the RSS of `proc` and its descendants, every 0.1 s until it ends."""
    import psutil  # comes with distributed

    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.1)
    return peak
