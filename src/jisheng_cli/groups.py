"""The villages seen in a run and the hierarchy above them (township, county, total).

With village codes, a village's township and county are prefixes of its code (levels).
Files without codes but with township and village names are grouped by the names (no
county level).
A group's name is its most frequent name in the data; ties go to the first seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from jisheng_cli.levels import COUNTY, TOWNSHIP, VILLAGE, code_prefix


@dataclass
class _Tally:
    counts: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # → [count, first]

    def add(self, key: str, name: str, count: int, first: int) -> None:
        slot = self.counts.get((key, name))
        if slot is None:
            self.counts[(key, name)] = [count, first]
        else:
            slot[0] += count
            slot[1] = min(slot[1], first)

    def names(self) -> dict[str, str]:
        best: dict[str, tuple[int, int, str]] = {}
        for (key, name), (count, first) in self.counts.items():
            cand = (-count, first, name)
            if key not in best or cand < best[key]:
                best[key] = cand
        return {key: v[2] for key, v in best.items()}


class GroupTable:
    def __init__(self, by_code: bool) -> None:
        self.by_code = by_code
        self.keys: list[str] = []
        self.township_keys: list[str] = []
        self._index: dict[str, int] = {}
        self._first_name: dict[int, str] = {}
        self._village_names = _Tally()
        self._township_names = _Tally()
        self._level_cache: dict[str, np.ndarray] = {}
        self._names: tuple[dict[str, str], dict[str, str]] | None = None

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, codes: np.ndarray, villages: np.ndarray, townships: np.ndarray) -> np.ndarray:
        """Global village index per row; new villages are appended in order of appearance."""
        import pandas as pd

        if self.by_code:
            keys = codes
        else:
            keys = np.array(
                [f"{t}\x1f{v}" for t, v in zip(townships, villages, strict=True)], dtype=object
            )
        local, uniques = pd.factorize(keys)
        ids = np.empty(len(uniques), dtype=np.int64)
        for i, key in enumerate(uniques):
            gid = self._index.get(key)
            if gid is None:
                gid = self._index[key] = len(self.keys)
                self.keys.append(key)
                self.township_keys.append(
                    code_prefix(key, TOWNSHIP) if self.by_code else key.split("\x1f")[0])
            ids[i] = gid
        return ids[local]

    def tally_names(
        self, gid: np.ndarray, villages: np.ndarray, townships: np.ndarray, order: np.ndarray
    ) -> np.ndarray:
        """Count names for choosing each group's name; True where a row's village name
        differs from the first name seen for its code (a warning). Rows come in file order,
        so a pair's first row in the batch is its earliest."""
        self._names = None
        mismatch = np.zeros(len(gid), dtype=bool)
        if len(gid) == 0:
            return mismatch
        for names, is_village in ((villages, True), (townships, False)):
            keys = gid if is_village else self._township_index(gid)
            found = _count_pairs(keys, names, order)
            if found is None:
                continue
            tally = self._village_names if is_village else self._township_names
            for key, name, count, first_row in found:
                tally.add(str(key), name, count, first_row)
                if is_village:
                    self._first_name.setdefault(int(str(key)), name)
            if is_village and self.by_code:
                unique, inverse = np.unique(gid, return_inverse=True)
                firsts = np.array([self._first_name.get(int(g)) for g in unique], dtype=object)
                has = np.array([v is not None for v in names], dtype=bool)
                mismatch = has & (names != firsts[inverse.ravel()])
        return mismatch

    def merge(self, part: GroupTable, ref_offset: int) -> np.ndarray:
        """Fold in the table of one Dask partition, read after everything folded in so far.

        Returns the partition's village index → this table's. New villages get indexes in
        the partition's order of appearance and each village keeps the first name seen in
        processing order, exactly as if the partition's rows had been looked up here.
        `ref_offset` turns the partition's row refs (file index 0) into global ones."""
        self._names = None
        gmap = np.empty(len(part.keys), dtype=np.int64)
        for lg, key in enumerate(part.keys):
            gid = self._index.get(key)
            if gid is None:
                gid = self._index[key] = len(self.keys)
                self.keys.append(key)
                self.township_keys.append(part.township_keys[lg])
            gmap[lg] = gid
        for (key, name), (count, first) in part._village_names.counts.items():
            self._village_names.add(str(gmap[int(key)]), name, count, first + ref_offset)
        for (key, name), (count, first) in part._township_names.counts.items():
            self._township_names.add(key, name, count, first + ref_offset)
        for lg, name in part._first_name.items():
            self._first_name.setdefault(int(gmap[lg]), name)
        return gmap

    def first_name(self, gid: int) -> str | None:
        return self._first_name.get(gid)

    def _township_index(self, gid: np.ndarray) -> np.ndarray:
        return np.array(self.township_keys, dtype=object)[gid]

    def level_key(self, level: str) -> np.ndarray:
        """Each village's key at a level, as an object array aligned with the village index."""
        cached = self._level_cache.get(level)
        if cached is not None and len(cached) == len(self.keys):
            return cached
        self._level_cache[level] = self._level_key(level)
        return self._level_cache[level]

    def _level_key(self, level: str) -> np.ndarray:
        keys = np.array(self.keys, dtype=object)
        if level == VILLAGE:
            return keys
        if level == TOWNSHIP:
            return np.array(self.township_keys, dtype=object)
        if level == COUNTY:
            return np.array([code_prefix(k, COUNTY) for k in self.keys], dtype=object)
        return np.full(len(keys), "", dtype=object)

    def describe(self, level: str, key: str) -> tuple[str | None, str | None]:
        """(group_code, group_name) for a level key. Call after all rows are tallied."""
        if self._names is None:
            self._names = (self._village_names.names(), self._township_names.names())
        village_names, township_names = self._names
        if level == "village":
            names = village_names
            gid = self._index[key]
            name = names.get(str(gid))
            if self.by_code:
                return key, name
            return None, key.split("\x1f")[1]
        if level == "township":
            if self.by_code:
                return key, township_names.get(key)
            return None, key
        if level == "county":
            return key, county_name(key)
        return None, None


@lru_cache(maxsize=256)
def county_name(code: str) -> str | None:
    """The county's current name from python-stdnum's area-code table, else None."""
    try:
        from stdnum import numdb

        info = numdb.get("cn/loc").info(code)
    except Exception:
        return None
    if len(info) < 2 or not info[-1][0] or len(code) != 6:
        return None
    names = [n.strip() for n in str(info[-1][1].get("county", "")).split(",") if n.strip()]
    if not names:
        return None
    latest = names[-1]
    return latest.split("]", 1)[-1] if latest.startswith("[") else latest


def _count_pairs(
    keys: np.ndarray, names: np.ndarray, order: np.ndarray
) -> list[tuple[object, str, int, int]] | None:
    """(key, name, rows, first order) for each distinct pair, in order of first appearance."""
    import pandas as pd

    name_codes, uniques = pd.factorize(names, use_na_sentinel=True)
    present = name_codes >= 0
    if not present.any():
        return None
    key_codes, key_uniques = pd.factorize(keys)
    pair = key_codes[present].astype(np.int64) * len(uniques) + name_codes[present]
    seen, first, counts = np.unique(pair, return_index=True, return_counts=True)
    by_first = np.argsort(first, kind="stable")
    orders = order[present]
    return [
        (key_uniques[seen[i] // len(uniques)], str(uniques[seen[i] % len(uniques)]),
         int(counts[i]), int(orders[first[i]]))
        for i in by_first
    ]
