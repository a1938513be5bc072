"""assemble: the villages of each key, and the collector pause around the result rows."""

from __future__ import annotations

import gc

import numpy as np
import pytest

from jisheng_cli.assemble import _collector_paused, _members


def test_members_are_each_keys_villages_ascending() -> None:
    # (village, year) rows: village 5 in 2011 and 2012, 2 and 9 once; keys by township.
    keys = np.array(["t1", "t2", "t1", "t1"], dtype=object)
    gids = np.array([5, 9, 2, 5], dtype=np.int64)
    assert _members(keys, gids) == {"t1": (2, 5), "t2": (9,)}


def test_collector_is_restored_as_it_was() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError), _collector_paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with _collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own pause is left alone
    finally:
        gc.enable()
