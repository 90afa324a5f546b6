"""Which Dask cluster the kit runs on, and how its tasks are sent, reduced and watched.

``connect()`` starts a ``LocalCluster`` (one single-threaded worker process per core), or
connects to a scheduler address, or takes your ``Client``; every function of
:mod:`arcorpus.dask` takes ``client=`` the same way and otherwise uses the client you connected
last. The dashboard link is printed when a cluster is started or joined, and each step shows a
progress bar over its partitions (:func:`arcorpus.progress.progress_bar`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from dask.distributed import Client, Future, LocalCluster, as_completed, default_client

from ..progress import progress_bar

ClientLike = Client | str | None


def connect(client: ClientLike = None, *, n_workers: int | None = None,
            threads_per_worker: int = 1, memory_limit: str | int = "2GB",
            processes: bool = True, dashboard_address: str | None = ":8787",
            **cluster_options: Any) -> Client:
    """A Dask client: ``client`` itself, a client of the scheduler at ``client`` (an address
    such as ``"tcp://10.0.0.5:8786"``), or, with ``None``, a new ``LocalCluster`` of
    ``n_workers`` processes (default: one per core) with ``threads_per_worker`` threads and
    ``memory_limit`` each (the kit's per-partition work is pure Python: one thread a process).
    Prints the dashboard link.

    >>> client = connect()                              # doctest: +SKIP
    Dask dashboard: http://127.0.0.1:8787/status (2 workers)
    >>> client = connect("tcp://scheduler:8786")        # doctest: +SKIP
    """
    if isinstance(client, Client):
        return client
    if isinstance(client, str):
        client = Client(client)
    else:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=threads_per_worker,
                               memory_limit=memory_limit, processes=processes,
                               dashboard_address=dashboard_address, **cluster_options)
        client = Client(cluster)
    workers = len(client.scheduler_info(n_workers=-1).get("workers", {}))
    print(f"Dask dashboard: {client.dashboard_link} ({workers} workers)")
    return client


def get_client(client: ClientLike = None) -> Client:
    """The client to use: the one given, the one connected last, or a new local cluster."""
    if client is not None:
        return connect(client)
    try:
        return default_client()
    except ValueError:
        return connect()


def new_key(step: str) -> str:
    """A unique task-key prefix for one call (its partitions are ``<prefix>-<index>``)."""
    return f"arcorpus-{step}-{uuid.uuid4().hex[:12]}"


def map_partitions(client: Client, function: Callable, items: Sequence, *args: Any,
                   step: str, **kwargs: Any) -> list[Future]:
    """``function(item, *args, **kwargs)`` for each item, one task each, in order. Tasks are
    pure: a task lost with its worker is run again, and each partition has one key, so a
    partition is never counted twice."""
    prefix = new_key(step)
    return [client.submit(function, item, *args, key=f"{prefix}-{index}", **kwargs)
            for index, item in enumerate(items)]


def watch(futures: Sequence[Future], *, desc: str, progress: bool | None) -> None:
    """Wait for the futures with a progress bar (partitions done / all); raise the first
    error."""
    for future in progress_bar(as_completed(futures), desc=desc, unit="partition",
                               total=len(futures), enabled=progress):
        if future.status == "error":
            future.result()  # raises the task's exception here


def tree_reduce(client: Client, futures: Sequence[Future], combine: Callable, *,
                step: str, fan_in: int = 8) -> Future:
    """Combine partition results on the workers, ``fan_in`` at a time, in order, until one is
    left: the client never holds the partitions' results."""
    if not futures:
        raise ValueError("nothing to combine")
    prefix = new_key(step)
    level = list(futures)
    depth = 0
    while len(level) > 1:
        level = [client.submit(_combine_all, combine, *level[i:i + fan_in],
                               key=f"{prefix}-{depth}-{i}")
                 for i in range(0, len(level), fan_in)]
        depth += 1
    return level[0]


def _combine_all(combine: Callable, first, *rest):
    for other in rest:
        first = combine(first, other)
    return first
