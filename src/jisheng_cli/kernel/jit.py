"""numba, configured once: its on-disk cache in the user's cache directory.

Importing this module imports numba (about 0.2 s), so only kernel modules import it.
The cache directory must be known before numba is imported (numba reads its
configuration then): $JISHENG_CACHE_DIR, else $XDG_CACHE_HOME/jisheng, else
~/.cache/jisheng, each with a `numba` folder. When none can be written (a read-only
home in a container), kernels compile in memory on every run instead.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path


def cache_root() -> Path:
    explicit = os.environ.get("JISHENG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "jisheng" if xdg else Path.home() / ".cache" / "jisheng"


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        return False
    return True


@cache  # read once a process: the cache folder and the ready stamp both need it
def sources_digest() -> str:
    """The kernels' sources and numba's version, hashed: the name of their cache folder.
    numba checks a cached kernel against its own file's time stamp only, not against the
    modules whose functions it inlines (ids, words), so an edited or upgraded kernel module
    would otherwise load stale machine code."""
    from importlib.metadata import version

    digest = hashlib.blake2b(version("numba").encode(), digest_size=8)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _configure() -> bool:
    """Point numba's cache at ours unless the user set NUMBA_CACHE_DIR; True if writable."""
    if "NUMBA_CACHE_DIR" in os.environ:
        return _writable(Path(os.environ["NUMBA_CACHE_DIR"]))
    folder = cache_root() / "numba" / sources_digest()
    if not _writable(folder):
        return False
    os.environ["NUMBA_CACHE_DIR"] = str(folder)
    return True


# libgomp's idle threads spin by default, taking the second core from the reader thread
# and the Python work between two parallel passes (docs/kernel.md, "Threads").
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
CACHE = _configure()

import numba  # noqa: E402  (after the cache directory is set)
from numba import prange  # noqa: E402


def _threadsafe_layer() -> None:
    """OpenMP when it loads: numba's fallback (workqueue) aborts the process when two
    threads launch parallel kernels at once (a reader thread transcoding beside the checks)."""
    if "NUMBA_THREADING_LAYER" in os.environ:
        return
    try:
        from numba.np.ufunc import omppool  # type: ignore[attr-defined]  # noqa: F401
    except ImportError:
        return
    numba.config.THREADING_LAYER = "omp"  # type: ignore[attr-defined]


_threadsafe_layer()

__all__ = ["CACHE", "njit", "numba", "prange", "stamp_path"]


def njit(*args, **kwargs):  # type: ignore[no-untyped-def]
    """numba.njit with the cache when there is one, and the GIL released: the reader's
    threads go on parsing the next block while a kernel runs."""
    kwargs.setdefault("cache", CACHE)
    kwargs.setdefault("nogil", True)
    return numba.njit(*args, **kwargs)


def stamp_path() -> Path:
    """A file saying the kernels of these sources are cached: without it, the run shows
    that it is preparing the fast path (a first compile)."""
    return Path(os.environ["NUMBA_CACHE_DIR"]) / f"jisheng-ready-{sources_digest()}"
