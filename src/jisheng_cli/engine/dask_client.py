"""The Dask client a run works with: the scheduler the user named, or a local cluster of
one single-threaded worker process per core."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from jisheng_cli.errors import InputError, UsageError

if TYPE_CHECKING:
    from distributed import Client


@contextmanager
def dask_client(address: str | None) -> Iterator[Client]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - an install without the extra
        raise UsageError("dask_missing") from e
    if address:
        try:
            client = Client(address, timeout="10s")
        except (OSError, TimeoutError) as e:
            raise InputError("dask_unreachable", address=address, detail=str(e)) from e
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            # The scheduler serves HTTP anyway, on 8787 unless told otherwise; a busy 8787
            # (another cluster) would print a UserWarning on our stderr. Any free port on
            # loopback instead.
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
