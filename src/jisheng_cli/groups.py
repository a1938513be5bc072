"""The villages seen in a run and the hierarchy above them (township, county, total).

With village codes, a village's township and county are prefixes of its code (levels).
Files without codes but with township and village names are grouped by the names (no
county level).
A group's name is its most frequent name in the data; ties go to the first seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from jisheng_cli.levels import COUNTY, TOWNSHIP, VILLAGE, code_prefix


@dataclass
class _Tally:
    # (group, name) → [rows, first row ref]; a village's group is its index, a township's
    # its key.
    counts: dict[tuple[int | str, str], list[int]] = field(default_factory=dict)

    def add(self, key: int | str, name: str, count: int, first: int) -> None:
        self.add_all([key], [name], [count], [first])

    def add_all(self, keys: list[Any], names: list[str], counts: list[int],
                firsts: list[int]) -> None:
        """`add` of many pairs: one loop without a call per pair (a batch's thousands)."""
        tally = self.counts
        for key, name, count, first in zip(keys, names, counts, firsts, strict=True):
            slot = tally.get((key, name))
            if slot is None:
                tally[(key, name)] = [count, first]
            else:
                slot[0] += count
                if first < slot[1]:
                    slot[1] = first

    def names(self) -> dict[int | str, str]:
        best: dict[int | str, tuple[int, int, str]] = {}
        for (key, name), (count, first) in self.counts.items():
            cand = (-count, first, name)
            if key not in best or cand < best[key]:
                best[key] = cand
        return {key: v[2] for key, v in best.items()}


@dataclass(frozen=True)
class Coded:
    """A column as entry ids of a file's compiled dictionary (kernel.dictionary): equal
    ids are equal values, so rows are grouped by integers instead of hashing strings."""

    ids: np.ndarray  # each row's entry (int32)
    values: np.ndarray  # object: each entry's value
    # Stands for the dictionary's numbering: another object once the dictionary restarts
    # (at MEMO_LIMIT), when entry ids are given to other values.
    table: Any


class GroupTable:
    def __init__(self, by_code: bool) -> None:
        self.by_code = by_code
        self.keys: list[str] = []
        self.township_keys: list[str] = []
        self._index: dict[str, int] = {}
        # Each village's township as a small integer, so that townships are tallied with
        # integer arithmetic: township key → number, and the numbers by village index.
        self._township_number: dict[str, int] = {}
        self._townships: list[str] = []
        self._village_township: list[int] = []
        self._township_array = np.zeros(0, dtype=np.int64)
        self._first_name: dict[int, str] = {}
        self._village_names = _Tally()
        self._township_names = _Tally()
        self._level_cache: dict[str, np.ndarray] = {}
        self._names: tuple[dict[int | str, str], dict[int | str, str]] | None = None
        # Village codes' entry → village index (−1 not seen yet), for the dictionary
        # `_entry_table`; a restarted dictionary starts the cache again.
        self._entry_table: Any = None
        self._entry_gid = np.zeros(0, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, codes: np.ndarray | Coded, villages: np.ndarray | Coded,
               townships: np.ndarray | Coded) -> np.ndarray:
        """Global village index per row; new villages are appended in order of appearance."""
        import pandas as pd

        if self.by_code and isinstance(codes, Coded):
            return self._lookup_entries(codes)
        codes, villages, townships = (values_of(c) for c in (codes, villages, townships))
        if self.by_code:
            local, uniques = pd.factorize(codes)
            keys = list(uniques)
        else:
            # The key of a (township, village) pair is built once per distinct pair, not per
            # row; an absent name reads "None", as it did when every row was formatted.
            local, keys = _name_pairs(townships, villages)
        ids = np.empty(len(keys), dtype=np.int64)
        index = self._index
        for i, key in enumerate(keys):
            gid = index.get(key)
            if gid is None:
                gid = self._append(key, code_prefix(key, TOWNSHIP) if self.by_code
                                   else key.split("\x1f")[0])
            ids[i] = gid
        return ids[local]

    def _lookup_entries(self, codes: Coded) -> np.ndarray:
        """`lookup` of codes given as entries: a gather of the cached gid per entry; the
        entries not seen yet are looked up by value, in order of their first row."""
        if codes.table is not self._entry_table:
            self._entry_table = codes.table
            self._entry_gid = np.zeros(0, dtype=np.int64)
        if len(self._entry_gid) < len(codes.values):
            grown = np.full(max(len(codes.values), 2 * len(self._entry_gid)), -1,
                            dtype=np.int64)
            grown[: len(self._entry_gid)] = self._entry_gid
            self._entry_gid = grown
        cache = self._entry_gid
        gid = cache[codes.ids]
        unseen = np.flatnonzero(gid < 0)
        if len(unseen):
            entries, first = np.unique(codes.ids[unseen], return_index=True)
            index = self._index
            for entry in entries[np.argsort(first, kind="stable")].tolist():
                key = codes.values[entry]
                found = index.get(key)
                cache[entry] = (self._append(key, code_prefix(key, TOWNSHIP))
                                if found is None else found)
            gid = cache[codes.ids]
        return gid

    def _append(self, key: str, township_key: str) -> int:
        gid = self._index[key] = len(self.keys)
        self.keys.append(key)
        self.township_keys.append(township_key)
        number = self._township_number.get(township_key)
        if number is None:
            number = self._township_number[township_key] = len(self._townships)
            self._townships.append(township_key)
        self._village_township.append(number)
        return gid

    def tally_names(
        self, gid: np.ndarray, villages: np.ndarray | Coded, townships: np.ndarray | Coded,
        order: np.ndarray
    ) -> np.ndarray:
        """Count names for choosing each group's name; True where a row's village name
        differs from the first name seen for its code (a warning). Rows come in file order,
        so a pair's first row in the batch is its earliest."""
        self._names = None
        mismatch = np.zeros(len(gid), dtype=bool)
        if len(gid) == 0:
            return mismatch
        found = count_pairs(gid, villages, order)
        if found is not None:
            first_name = self._first_name
            keys, names, counts, firsts = found.columns()
            self._village_names.add_all(keys, names, counts, firsts)
            for key, name in zip(keys, names, strict=True):
                first_name.setdefault(key, name)
            if self.by_code:
                # Compared once per distinct (village, name) pair, then spread to the rows.
                differs = np.array([first_name[k] != n for k, n in zip(keys, names,
                                                                      strict=True)], dtype=bool)
                present = found.pair_of_row >= 0
                mismatch[present] = differs[found.pair_of_row[present]]
        found = count_pairs(self._township_numbers()[gid], townships, order)
        if found is not None:
            keys, names, counts, firsts = found.columns()
            towns = self._townships
            self._township_names.add_all([towns[k] for k in keys], names, counts, firsts)
        return mismatch

    def _township_numbers(self) -> np.ndarray:
        if len(self._township_array) != len(self._village_township):
            self._township_array = np.array(self._village_township, dtype=np.int64)
        return self._township_array

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
                gid = self._append(key, part.township_keys[lg])
            gmap[lg] = gid
        for (local, name), (count, first) in part._village_names.counts.items():
            self._village_names.add(int(gmap[int(local)]), name, count, first + ref_offset)
        for (town, name), (count, first) in part._township_names.counts.items():
            self._township_names.add(town, name, count, first + ref_offset)
        for lg, name in part._first_name.items():
            self._first_name.setdefault(int(gmap[lg]), name)
        return gmap

    def first_name(self, gid: int) -> str | None:
        return self._first_name.get(gid)

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
            name = names.get(gid)
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


@dataclass(frozen=True)
class Pairs:
    """The distinct (key, name) pairs of a batch, in order of first appearance."""

    keys: np.ndarray  # int64
    names: list[str]
    counts: np.ndarray  # rows of each pair
    firsts: np.ndarray  # `order` of each pair's first row
    pair_of_row: np.ndarray  # each row's pair, −1 where the name is absent

    def columns(self) -> tuple[list[int], list[str], list[int], list[int]]:
        return self.keys.tolist(), self.names, self.counts.tolist(), self.firsts.tolist()


def count_pairs(keys: np.ndarray, names: np.ndarray | Coded, order: np.ndarray
                ) -> Pairs | None:
    """The (integer key, name) pairs of rows with a name; None when no row has one.

    Names are hashed once (pandas.factorize), or come as dictionary entries; the pairs
    are then integers, factorized in order of first appearance, so a pair's first row is
    where its number first occurs. Two entries of one name make two pairs of one
    (key, name): the tallies add them up, and the first of them holds the first row."""
    import pandas as pd

    if isinstance(names, Coded):
        # An absent name's entry is −1, as pandas.factorize codes it.
        name_codes = np.where(pd.isna(names.values), -1, np.arange(len(names.values))
                              )[names.ids]
        uniques = names.values
    else:
        name_codes, uniques = pd.factorize(names)
    present = name_codes >= 0
    if not present.any():
        return None
    all_present = bool(present.all())
    width = len(uniques)
    pair = keys.astype(np.int64) * width + name_codes
    ids, seen = pd.factorize(pair if all_present else pair[present])
    ids = ids.astype(np.int64, copy=False)
    running = np.maximum.accumulate(ids)
    is_first = np.empty(len(ids), dtype=bool)
    is_first[0] = True
    np.greater(ids[1:], running[:-1], out=is_first[1:])
    first_at = np.flatnonzero(is_first)
    orders = order if all_present else order[present]
    if all_present:
        pair_of_row = ids
    else:
        pair_of_row = np.full(len(keys), -1, dtype=np.int64)
        pair_of_row[present] = ids
    seen = np.asarray(seen, dtype=np.int64)
    return Pairs(keys=seen // width, names=[str(n) for n in uniques[seen % width]],
                 counts=np.bincount(ids, minlength=len(seen)), firsts=orders[first_at],
                 pair_of_row=pair_of_row)


def values_of(column: np.ndarray | Coded) -> np.ndarray:
    """Each row's value of a column given either way."""
    return column.values[column.ids] if isinstance(column, Coded) else column


def _name_pairs(townships: np.ndarray, villages: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Each row's distinct (township, village) pair and the pairs' keys "township\x1fvillage"
    (an absent name as "None"), in order of first appearance."""
    import pandas as pd

    t_codes, t_uniques = pd.factorize(townships)
    v_codes, v_uniques = pd.factorize(villages)
    # Code −1 (absent) indexes the None appended last.
    towns, names = [*t_uniques.tolist(), None], [*v_uniques.tolist(), None]
    pair = (t_codes.astype(np.int64) + 1) * (len(names) + 1) + (v_codes + 1)
    local, seen = pd.factorize(pair)
    keys = [f"{towns[p // (len(names) + 1) - 1]}\x1f{names[p % (len(names) + 1) - 1]}"
            for p in np.asarray(seen).tolist()]
    return local, keys
