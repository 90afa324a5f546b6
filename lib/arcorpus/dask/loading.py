"""Loading a folder of many files on the cluster, into a partitioned corpus on disk.

Two steps. 1: the workers read, decode and parse groups of files in parallel (each group with
the loader's own per-file code), and write what they found, documents and errors in file
order, to a scratch folder beside the output. 2: one worker streams those records, in order,
through :func:`~arcorpus.corpus.write_parquet_corpus`: the same TableBuilder, repeated-id
check, metadata join, date parsing, duplicate report and segmentation as
:func:`~arcorpus.load_corpus`, so the result is the in-memory load exactly, report included.
Step 2 is sequential by design (repeated ids and texts are decided in corpus order); it is the
cheap part: reading and decoding is what takes the time.

On a real cluster the source, the output and its scratch folder must be on a file system every
worker sees (NFS, Lustre, a shared volume).
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import pandas as pd

from ..corpus import BOILERPLATE_RULES, CorpusError, PartitionedCorpus, read_parquet_corpus
from ..corpus.boilerplate import Boilerplate
from ..corpus.documents import Document
from ..corpus.errors import Notice
from ..corpus.files import Symlinks
from ..corpus.loader import (
    Duplicates,
    Errors,
    _file_documents,
    _sidecar,
    _source_files,
)
from ..corpus.partitioned import PARTITION_BYTES, write_parquet_corpus
from ..corpus.segment import ABBREVIATIONS
from ..corpus.units import Unit
from ..io import atomic_write
from .cluster import ClientLike, get_client, map_partitions, watch


def _groups(files: list[tuple[Path, str]], limit: int) -> list[list[tuple[str, str]]]:
    """Runs of files in order, about ``limit`` bytes each (a large file is a run alone)."""
    groups: list[list[tuple[str, str]]] = []
    size = 0
    for path, label in files:
        bytes_ = path.stat().st_size
        if not groups or (size and size + bytes_ > limit):
            groups.append([])
            size = 0
        groups[-1].append((str(path), label))
        size += bytes_
    return groups


def _record(item: CorpusError | Notice) -> tuple:
    """An error or notice as a picklable record (an exception with keyword arguments does
    not survive pickling)."""
    if isinstance(item, Notice):
        return ("notice", item)
    return ("error", (item.path, item.reason, item.line, item.kind, item.action, item.doc_id))


def _replay(record: tuple, on_error) -> Document | None:
    """The document of a record, or None once its error or notice has gone to ``on_error``."""
    kind, item = record
    if kind == "doc":
        return item
    if kind == "notice":
        on_error(item)
    else:
        path, reason, line, error_kind, action, doc_id = item
        on_error(CorpusError(path, reason, line, kind=error_kind, action=action,
                             doc_id=doc_id))
    return None


def _read_group(group: tuple[list[tuple[str, str]], str], in_folder: bool,
                options: dict) -> int:
    """Read a group of files; write its records (documents, errors and notices, in order) to
    the group's scratch file, to be raised or reported in step 2 exactly where the in-memory
    loader meets them."""
    files, out = group
    records: list[tuple] = []

    def on_error(item: CorpusError | Notice) -> None:
        records.append(_record(item))

    for path, label in files:
        for doc in _file_documents(Path(path), label, in_folder=in_folder, on_error=on_error,
                                   **options):
            records.append(("doc", doc))
    with atomic_write(out) as handle:  # a task run twice writes the same file once
        pickle.dump(records, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return len(records)


def _assemble(scratch: list[str], listing: list[tuple], folder: str, *, label: str, metadata,
              root: str | None, encoding: str, dayfirst: bool | None, **options) -> str:
    """Step 2, on one worker: what listing the files reported, then the records in order,
    through the streaming writer."""
    def documents(on_error):
        for record in listing:
            _replay(record, on_error)
        for path in scratch:
            with open(path, "rb") as handle:
                records = pickle.load(handle)
            for record in records:
                doc = _replay(record, on_error)
                if doc is not None:
                    yield doc

    return str(write_parquet_corpus(
        documents, folder, label=label,
        metadata=lambda on_error: _sidecar(metadata, None if root is None else Path(root),
                                           encoding, dayfirst, on_error),
        protect=root, **options))


def load_corpus(
    source: str | os.PathLike,
    to_parquet: str | os.PathLike,
    *,
    pattern: str = "*.txt",
    recursive: bool = True,
    text_column: str = "text",
    id_column: str | None = None,
    id_from: Literal["stem", "path"] = "stem",
    metadata: str | os.PathLike | pd.DataFrame | Literal["auto"] | None = "auto",
    encoding: str = "auto",
    boilerplate: Boilerplate = BOILERPLATE_RULES,
    abbreviations: Iterable[str] = ABBREVIATIONS,
    errors: Errors = "raise",
    drop_duplicates: Duplicates | tuple[Duplicates, ...] | None = None,
    dayfirst: bool | None = None,
    symlinks: Symlinks = "inside",
    units: Iterable[Unit] = (),
    partition_bytes: int = PARTITION_BYTES,
    client: ClientLike = None,
    progress: bool | None = None,
) -> PartitionedCorpus:
    """:func:`arcorpus.load_corpus` of a folder of many files, read on the cluster, written
    as a partitioned corpus at ``to_parquet`` (atomically; never inside ``source``) and
    returned, read lazily. The arguments are :func:`~arcorpus.load_corpus`'s; ``units`` and
    ``partition_bytes`` as in :class:`~arcorpus.corpus.ParquetTarget`.

    >>> corpus = load_corpus("news/", "news.parquet", units=["sentences"])  # doctest: +SKIP
    """
    client = get_client(client)
    root = Path(source)
    listing: list[tuple] = []  # links not followed, names escaped: replayed first in step 2
    files = _source_files(root, pattern, recursive, symlinks,
                          lambda item: listing.append(_record(item)))
    target = Path(to_parquet).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".documents",
                                    dir=target.parent))
    try:
        groups = _groups(files, partition_bytes)
        outputs = [str(scratch / f"group-{i:06d}.pickle") for i in range(len(groups))]
        options = {"text_column": text_column, "id_column": id_column, "id_from": id_from,
                   "encoding": encoding, "dayfirst": dayfirst}
        read = map_partitions(client, _read_group, list(zip(groups, outputs, strict=True)),
                              root.is_dir(), options, step="load-read")
        watch(read, desc="reading", progress=progress)
        assembled = client.submit(
            _assemble, outputs, listing, str(target), label=str(source),
            metadata=metadata, root=str(root.resolve()), encoding=encoding, dayfirst=dayfirst,
            boilerplate=boilerplate, abbreviations=frozenset(abbreviations), errors=errors,
            drop_duplicates=drop_duplicates, units=tuple(units),
            partition_bytes=partition_bytes, pure=False)
        return read_parquet_corpus(assembled.result())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
