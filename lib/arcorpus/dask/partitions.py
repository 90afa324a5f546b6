"""What a task receives: a handle that loads one partition of a corpus on the worker.

A partitioned corpus on disk (:class:`~arcorpus.corpus.PartitionedCorpus`, or its folder) is
split along its stored partitions, and each task reads its own from the shared file system:
nothing passes through the client. An in-memory corpus (small ones: teaching, tests) is cut into
runs of whole articles the same way :meth:`Corpus.to_parquet` cuts it, and each run travels
inside its task. :func:`select` narrows any of them to some articles, applied on the workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..corpus import Corpus, PartitionedCorpus, is_parquet_corpus, read_parquet_corpus
from ..corpus.partitioned import PARTITION_BYTES, _partition_bounds

Where = Callable[[pd.DataFrame], Any] | Mapping[str, Any] | None


@dataclass(frozen=True)
class Selection:
    """A corpus narrowed to the articles ``where`` keeps (see :func:`select`)."""

    corpus: Corpus | str
    where: Where


def select(corpus: Corpus | str | os.PathLike, where: Where) -> Selection:
    """Some of a corpus's articles, chosen on the workers: ``where`` is a function of a
    partition's ``articles`` table returning a boolean mask, or ``{column: value}`` /
    ``{column: [values]}``.

    >>> sabq = select("news.parquet", {"source": "sabq"})                     # doctest: +SKIP
    >>> july = select(corpus, lambda a: a["date"].dt.month == 7)              # doctest: +SKIP
    >>> keyness(sabq, select("news.parquet", {"source": ["okaz", "riyadh"]}))  # doctest: +SKIP
    """
    if isinstance(corpus, str | os.PathLike) and not isinstance(corpus, Corpus):
        corpus = str(Path(corpus).resolve())
    if not (callable(where) or isinstance(where, Mapping)):
        raise TypeError("where must be a function of the articles table or {column: values}")
    return Selection(corpus, where)


def _mask(articles: pd.DataFrame, where: Where) -> np.ndarray:
    if callable(where):
        return np.asarray(where(articles), dtype=bool)
    mask = np.ones(len(articles), dtype=bool)
    for column, wanted in where.items():
        if column not in articles.columns:
            raise ValueError(f"no column {column!r} to select on; columns: "
                             f"{list(articles.columns)}")
        values = wanted if isinstance(wanted, list | tuple | set | frozenset) else [wanted]
        mask &= articles[column].isin(list(values)).to_numpy()
    return mask


@dataclass(frozen=True)
class StoredPartition:
    """Partition ``index`` of the partitioned corpus in ``folder`` (read on the worker)."""

    folder: str
    index: int
    where: Where = None

    def load(self) -> Corpus:
        part = PartitionedCorpus(self.folder).partition(self.index)
        return part if self.where is None else part.subset(_mask(part.articles, self.where))


@dataclass(frozen=True)
class MemoryPartition:
    """A run of whole articles of an in-memory corpus, carried by the task itself."""

    corpus: Corpus
    where: Where = None

    def load(self) -> Corpus:
        part = self.corpus
        return part if self.where is None else part.subset(_mask(part.articles, self.where))


Partition = StoredPartition | MemoryPartition


def partitions_of(data: Corpus | Selection | str | os.PathLike, *,
                  partition_bytes: int = PARTITION_BYTES) -> list[Partition]:
    """The partitions of a corpus, a selection, or a partitioned corpus folder, in order."""
    where = None
    if isinstance(data, Selection):
        data, where = data.corpus, data.where
    if isinstance(data, str | os.PathLike) and not isinstance(data, Corpus):
        if not is_parquet_corpus(data):
            raise ValueError(f"{data} is not a partitioned corpus folder: write one with "
                             "corpus.to_parquet(folder) or arcorpus.dask.load_corpus(..., "
                             "to_parquet=folder)")
        data = read_parquet_corpus(data)
    if isinstance(data, PartitionedCorpus):
        folder = str(data.folder.resolve())
        return [StoredPartition(folder, index, where) for index in range(data.n_partitions)]
    if isinstance(data, Corpus):
        sizes = data.articles["text"].str.len().fillna(0).to_numpy(dtype=np.int64) * 2
        parts = []
        for first, last in _partition_bounds(sizes, partition_bytes) or [(0, 0)]:
            mask = np.zeros(len(data), dtype=bool)
            mask[first:last] = True
            parts.append(MemoryPartition(data.subset(mask), where))
        return parts
    raise TypeError(f"expected a Corpus, a partitioned corpus folder or a selection, got "
                    f"{type(data).__name__} (DataFrames and lists of texts: use the in-memory "
                    "functions, or load_corpus(frame).to_parquet(folder) first)")


def iter_loaded(data: Corpus | Selection | str | os.PathLike, *,
                partition_bytes: int = PARTITION_BYTES) -> Iterator[Corpus]:
    """The partitions loaded one at a time, here (what the workers see, for in-memory use)."""
    for partition in partitions_of(data, partition_bytes=partition_bytes):
        yield partition.load()
