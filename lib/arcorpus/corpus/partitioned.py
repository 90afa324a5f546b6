"""A corpus on disk in partitions: a Parquet dataset that no process has to hold whole.

Layout of a partitioned corpus folder (written atomically: into a temporary folder beside it,
then renamed)::

    manifest.json                  format, versions, fingerprint, counts, report summary,
                                   partitions, column dtypes, loading options
    articles/part-000000.parquet   the articles table, one file per partition (pyarrow.dataset)
    paragraphs/part-000000.parquet on request: doc_id, para_id, start, end (spans, no text)
    sentences/part-000000.parquet  on request: doc_id, para_id, sent_id, start, end
    report.parquet                 the load report (kind, path, line, doc_id, detail, action)

A partition is a run of whole articles, in corpus order, of about ``partition_bytes`` of text,
so every per-unit analysis can run partition by partition and give what it gives on the whole
corpus. Paragraph spans not stored are recomputed from the article text (paragraphs are its
lines); sentence spans not stored are split on first use, as in memory.

:func:`load_corpus` recognises such a folder and returns a :class:`PartitionedCorpus`: a
:class:`~arcorpus.corpus.Corpus` whose tables are read only when asked for, and whose
partitions :meth:`PartitionedCorpus.partition` reads one at a time (what :mod:`arcorpus.dask`
sends to its workers). Write one with :meth:`Corpus.to_parquet`, or stream any reader into one
without holding the corpus: ``load_corpus(folder, to_parquet="out/")``,
``load_saudinewsnet(path, to_parquet="out/")`` (:func:`write_parquet_corpus`).

Example:
    >>> corpus = load_corpus("corpus/")  # doctest: +SKIP
    >>> corpus.to_parquet("build/corpus.parquet", units=["sentences"])  # doctest: +SKIP
    >>> lazy = load_corpus("build/corpus.parquet")  # doctest: +SKIP
    >>> lazy.partition(0).articles  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from ..io import write_json
from ..progress import progress_bar
from .boilerplate import (
    BOILERPLATE_RULES,
    BOILERPLATE_TAILS,
    Boilerplate,
    BoilerplateMatcher,
    BoilerplateRules,
)
from .documents import Document, ErrorHandler
from .errors import CorpusError, Notice
from .loader import (
    Corpus,
    Duplicates,
    Errors,
    _accepted_documents,
    _article_dates,
    _error_handler,
    _join_metadata,
    _sources,
    resolve_boilerplate,
)
from .segment import ABBREVIATIONS
from .tables import REPORT_COLUMNS, SOURCE_COLUMNS, ReportLog, TableBuilder
from .units import UNIT_KEYS, Unit, check_unit

FORMAT = "arcorpus-partitioned-corpus"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
#: UTF-8 bytes of article text per partition: ~32 MB keeps a worker's per-partition memory
#: (text, Python strings, sparse counts) in the low hundreds of MB
PARTITION_BYTES = 32_000_000
_SPAN_UNITS = ("paragraphs", "sentences")


@dataclass(frozen=True)
class ParquetTarget:
    """Where and how a reader streams a partitioned corpus: pass one as ``to_parquet=`` when
    a plain folder is not enough.

    >>> ParquetTarget("big.parquet", units=("sentences",), partition_bytes=64_000_000).units
    ('sentences',)
    """

    folder: str | os.PathLike
    units: tuple[Unit, ...] = ()
    partition_bytes: int = PARTITION_BYTES

    @classmethod
    def of(cls, target: str | os.PathLike | ParquetTarget) -> ParquetTarget:
        return target if isinstance(target, ParquetTarget) else cls(target)


def is_parquet_corpus(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a folder written by :meth:`Corpus.to_parquet` (it has the manifest).

    >>> is_parquet_corpus("corpus/")
    False
    """
    manifest = Path(path) / MANIFEST
    if not manifest.is_file():
        return False
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("format") == FORMAT
    except (OSError, ValueError):
        return False


def _check_units(units: Iterable[str]) -> tuple[str, ...]:
    if isinstance(units, str):
        units = (units,)
    checked = {check_unit(u) for u in units}
    return tuple(u for u in _SPAN_UNITS if u in checked)


# --- writing -----------------------------------------------------------------------------------


class _Staging:
    """A temporary folder beside ``folder`` that becomes ``folder`` on :meth:`commit`."""

    def __init__(self, folder: str | os.PathLike, *, protect: str | os.PathLike | None) -> None:
        self.folder = Path(folder).resolve()
        if protect is not None and Path(protect).exists():
            source = Path(protect).resolve()
            inside = self.folder == source or source in self.folder.parents
            if inside and source.is_dir():
                raise ValueError(f"{folder}: will not write into the corpus folder {protect}; "
                                 "choose a folder outside it")
        if self.folder.exists() and not is_parquet_corpus(self.folder):
            raise ValueError(f"{folder} exists and is not a partitioned arcorpus corpus; "
                             "give a new folder (an existing corpus is replaced)")
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.folder.name}.", suffix=".tmp",
                                          dir=self.folder.parent))
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(self.path, 0o777 & ~mask)  # mkdtemp makes 0700; give the usual permissions

    def commit(self) -> Path:
        old = None
        if self.folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.folder.name}.", suffix=".old",
                                        dir=self.folder.parent))
            os.replace(self.folder, old / "corpus")
        os.replace(self.path, self.folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return self.folder

    def abort(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def write_partition(staging: str | os.PathLike, index: int, corpus: Corpus,
                    units: tuple[str, ...]) -> dict:
    """Write one partition (an in-memory corpus of whole articles) as ``part-<index>`` files
    under ``staging``; return its entry for the manifest. Used by every writer, serial or on
    Dask workers."""
    staging = Path(staging)
    name = f"part-{index:06d}.parquet"
    articles = corpus.articles
    (staging / "articles").mkdir(exist_ok=True)
    pq.write_table(pa.Table.from_pandas(articles, preserve_index=False),
                   staging / "articles" / name)
    entry = {"file": name, "articles": len(articles),
             "text_bytes": int(pa.compute.sum(pa.compute.binary_length(
                 pa.array(articles["text"], type=pa.large_string()))).as_py() or 0),
             "dtypes": {c: str(t) for c, t in articles.dtypes.items()}}
    for unit in units:
        spans = corpus.unit_spans(unit)
        table = {"doc_id": articles["doc_id"].take(spans["doc"].to_numpy()).reset_index(
                     drop=True)}
        table.update({c: spans[c].to_numpy() for c in spans.columns if c != "doc"})
        (staging / unit).mkdir(exist_ok=True)
        pq.write_table(pa.Table.from_pandas(pd.DataFrame(table), preserve_index=False),
                       staging / unit / name)
        entry[unit] = len(spans)
    entry["paragraphs"] = int(articles["n_paragraphs"].sum())
    return entry


def _finish(staging: _Staging, *, label: str, entries: list[dict], report: pd.DataFrame,
            fingerprint: str, units: tuple[str, ...], boilerplate, abbreviations,
            columns: list[str], dtypes: Mapping[str, str]) -> Path:
    pq.write_table(pa.Table.from_pandas(report, preserve_index=False),
                   staging.path / "report.parquet")
    counts = {"articles": sum(e["articles"] for e in entries),
              "paragraphs": sum(e["paragraphs"] for e in entries),
              "text_bytes": sum(e["text_bytes"] for e in entries)}
    for unit in units:
        counts[unit] = sum(e[unit] for e in entries)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "source": label,
        "fingerprint": fingerprint,
        "versions": _versions(),
        "units": ["articles", *units],
        "options": {"boilerplate": boilerplate,
                    "abbreviations": sorted(abbreviations)},
        "counts": counts,
        "report": {str(k): int(v) for k, v in
                   report["kind"].value_counts().sort_index().items()},
        "columns": columns,
        "dtypes": dict(dtypes),
        "partitions": [{k: v for k, v in e.items() if k != "dtypes"} for e in entries],
    }
    write_json(staging.path / MANIFEST, manifest)
    return staging.commit()


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for name in ("arcorpus", "pandas", "pyarrow"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "unknown"
    return found


def _unified(entries: list[dict],
             joined: Iterable[str] = ()) -> tuple[list[str], dict[str, str]]:
    """Column order and dtypes of the whole articles table from the partitions' own: a column
    that only some partitions have is missing (NA) in the others, a timestamp column takes the
    finest unit seen, and UTC when the zones differ (as parsing the whole column at once
    would). The order is the in-memory load's: the documents' columns as first seen, then the
    metadata sidecar's (``joined``, in its order), then the source columns."""
    frames = [pd.DataFrame({c: pd.Series(dtype=t) for c, t in e["dtypes"].items()})
              for e in entries]
    empty = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    joined = [c for c in joined if c in empty.columns and c not in SOURCE_COLUMNS]
    columns = [c for c in empty.columns if c not in SOURCE_COLUMNS and c not in joined] + \
        joined + [c for c in SOURCE_COLUMNS if c in empty.columns]
    dtypes = {}
    for column in columns:
        seen = [pd.api.types.pandas_dtype(e["dtypes"][column]) for e in entries
                if column in e["dtypes"]]
        if len({str(t) for t in seen}) == 1:
            dtypes[column] = str(seen[0])
        elif all(isinstance(t, pd.DatetimeTZDtype) for t in seen):
            # zones that differ between partitions differ in the whole column, which the
            # loader parses to UTC
            unit = max((t.unit for t in seen), key=["s", "ms", "us", "ns"].index)
            zones = {str(t.tz) for t in seen}
            dtypes[column] = str(pd.DatetimeTZDtype(unit, zones.pop() if len(zones) == 1
                                                    else "UTC"))
        else:
            dtypes[column] = str(empty[column].dtype)
    return columns, dtypes


def write_corpus_parquet(corpus: Corpus, folder: str | os.PathLike, *,
                         units: Iterable[Unit] = (), partition_bytes: int = PARTITION_BYTES,
                         progress: bool | None = None) -> Path:
    """Write an in-memory corpus as a partitioned corpus (see :meth:`Corpus.to_parquet`)."""
    units = _check_units(units)
    staging = _Staging(folder, protect=corpus.source)
    try:
        texts = corpus.articles["text"]
        sizes = texts.str.len().fillna(0).to_numpy(dtype=np.int64) * 2  # Arabic: 2 bytes a char
        bounds = _partition_bounds(sizes, partition_bytes)
        entries = []
        for index, (first, last) in enumerate(progress_bar(bounds, desc="writing",
                                                           unit="partition", enabled=progress)):
            mask = np.zeros(len(corpus), dtype=bool)
            mask[first:last] = True
            part = corpus.subset(mask)
            entries.append(write_partition(staging.path, index, part, units))
        columns, dtypes = _unified(entries) if entries else (list(corpus.articles.columns), {
            c: str(t) for c, t in corpus.articles.dtypes.items()})
        return _finish(staging, label=corpus.source, entries=entries, report=corpus.report,
                       fingerprint=corpus.fingerprint(), units=units,
                       boilerplate="not recorded", abbreviations=corpus._abbreviations,
                       columns=columns, dtypes=dtypes)
    except BaseException:
        staging.abort()
        raise


def _partition_bounds(sizes: np.ndarray, limit: int) -> list[tuple[int, int]]:
    """Cut rows into runs of at most ``limit`` (at least one row each)."""
    bounds, first, total = [], 0, 0
    for row, size in enumerate(sizes.tolist()):
        if total and total + size > limit:
            bounds.append((first, row))
            first, total = row, 0
        total += size
    if first < len(sizes):
        bounds.append((first, len(sizes)))
    return bounds


class _DuplicateTracker:
    """Repeated texts and URLs across partitions, in corpus order: the streaming form of the
    loader's duplicate report (same rows, same order, same drop decisions)."""

    def __init__(self, drop: Duplicates | tuple[Duplicates, ...] | None) -> None:
        drop = {drop} if isinstance(drop, str) else set(drop or ())
        unknown = drop - {"text", "url"}
        if unknown:
            raise ValueError(f"drop_duplicates takes 'text' and/or 'url', got {sorted(unknown)}")
        self.drop = drop
        self.first_url: dict[str, str] = {}
        self.rows: dict[str, list[tuple]] = {"text": [], "url": []}

    def keep(self, articles: pd.DataFrame, text_duplicates: list[tuple[int, str]]) -> np.ndarray:
        keep = np.ones(len(articles), dtype=bool)
        found = {"text": text_duplicates, "url": []}
        if "url" in articles.columns:
            for row, (url, doc_id) in enumerate(zip(articles["url"], articles["doc_id"],
                                                    strict=True)):
                if isinstance(url, str) and url:
                    first = self.first_url.setdefault(url, doc_id)
                    if first != doc_id:
                        found["url"].append((row, first))
        paths, doc_ids = articles["path"], articles["doc_id"]
        for kind, rows in found.items():
            action = "dropped" if kind in self.drop else "kept"
            for row, first_id in rows:
                self.rows[kind].append((f"duplicate_{kind}", paths.iloc[row], None,
                                        doc_ids.iloc[row], f"same {kind} as {first_id}", action))
                if kind in self.drop:
                    keep[row] = False
        return keep


def write_parquet_corpus(
    documents: Callable[[ErrorHandler], Iterable[Document]],
    folder: str | os.PathLike,
    *,
    label: str,
    metadata: Callable[[ErrorHandler], pd.DataFrame | None] = lambda on_error: None,
    boilerplate: Boilerplate = BOILERPLATE_RULES,
    abbreviations: Iterable[str] = ABBREVIATIONS,
    errors: Errors = "raise",
    drop_duplicates: Duplicates | tuple[Duplicates, ...] | None = None,
    units: Iterable[Unit] = (),
    partition_bytes: int = PARTITION_BYTES,
    protect: str | os.PathLike | None = None,
) -> Path:
    """Stream a reader's documents into a partitioned corpus at ``folder``: the counterpart of
    :func:`~arcorpus.corpus.assemble_corpus` that never holds more than one partition.

    The sidecar is read with the same error handler first, ``boilerplate="auto"`` makes the
    same first pass over the documents, and documents go through the same checks
    (``_check_document``: Unicode escapes, renamed reserved columns; repeated ids; encodings),
    the same :class:`~arcorpus.corpus.tables.TableBuilder` (boilerplate, paragraphs), the same
    metadata join and date parsing, partition by partition; repeated texts and URLs are
    tracked across partitions by digest. The report has the in-memory rows in the in-memory
    order, and reading the folder back gives the tables :func:`load_corpus` gives in memory.
    ``protect``: the source folder, which the output may not be inside.

    Example:
        >>> load_corpus("big_folder/", to_parquet="big.parquet")  # doctest: +SKIP
    """
    units = _check_units(units)
    abbreviations = frozenset(abbreviations)
    tracker = _DuplicateTracker(drop_duplicates)
    log = ReportLog()
    on_error = _error_handler(errors, log)
    sidecar = metadata(on_error)
    source_of = _sources(sidecar)
    rules = resolve_boilerplate(boilerplate, documents, source_of, log)
    staging = _Staging(folder, protect=protect)
    try:
        matcher = BoilerplateMatcher(rules)
        digests: dict[bytes, str] = {}
        fingerprint = hashlib.sha256()
        described: set[str] = set()
        # report rows the in-memory loader writes after reading every document, in its order:
        # articles without metadata, replaced columns (once each), dates
        without_metadata, dates = ReportLog(), ReportLog()
        replaced: dict[str, tuple] = {}
        entries: list[dict] = []

        def flush(builder: TableBuilder) -> None:
            if not builder.n_docs:
                return
            articles, spans = builder.finish()
            if sidecar is not None:
                rows = sidecar[sidecar["doc_id"].isin(articles["doc_id"])]
                rows.attrs.update(sidecar.attrs)
                described.update(rows["doc_id"])
                overlap = [c for c in sidecar.columns if c != "doc_id" and c in articles.columns]
                chunk = ReportLog()
                articles = _join_metadata(articles, rows, _error_handler(errors, chunk))
                notices = iter(r for r in chunk.rows if r[0] == "metadata_replaced")
                for column, row in zip(overlap, notices, strict=True):
                    replaced.setdefault(column, row)
                without_metadata.rows.extend(r for r in chunk.rows
                                             if r[0] != "metadata_replaced")
            if "date" in articles.columns:
                # with errors="raise" a bad date stops the load here, at its partition
                articles["date"] = _article_dates(articles, _error_handler(errors, dates))
            keep = tracker.keep(articles, builder.text_duplicates)
            part = Corpus(articles, log.frame().iloc[:0], label, paragraph_spans=spans,
                          abbreviations=abbreviations)
            if not keep.all():
                part = part.subset(keep)
            if not len(part):
                return
            for doc_id, text in zip(part.articles["doc_id"], part.articles["text"],
                                    strict=True):
                fingerprint.update(f"{doc_id}\0{text}\0".encode())
            entries.append(write_partition(staging.path, len(entries), part, units))

        def new_builder() -> TableBuilder:
            builder = TableBuilder(matcher, log)
            builder._first_with_digest = digests  # repeated texts across partitions
            return builder

        builder, size = new_builder(), 0
        for doc in _accepted_documents(documents(on_error), on_error, log):
            builder.add(doc, source_of(doc))
            size += len(doc.text) * 2
            if size >= partition_bytes:
                flush(builder)
                builder, size = new_builder(), 0
        flush(builder)
        if sidecar is not None:
            source = sidecar.attrs.get("label", "metadata")
            for doc_id in sidecar["doc_id"]:
                if doc_id not in described:
                    on_error(Notice("metadata_without_article", source,
                                    "metadata row has no article", "ignored", doc_id=doc_id))
            log.rows.extend(without_metadata.rows)
            log.rows.extend(replaced[c] for c in sidecar.columns if c in replaced)
        log.rows.extend(dates.rows)
        log.rows.extend(tracker.rows["text"] + tracker.rows["url"])
        joined = [] if sidecar is None else [c for c in sidecar.columns if c != "doc_id"]
        columns, dtypes = _unified(entries, joined) if entries else ([], {})
        return _finish(staging, label=label, entries=entries, report=log.frame(),
                       fingerprint=fingerprint.hexdigest(), units=units,
                       boilerplate=_rules_option(rules), abbreviations=abbreviations,
                       columns=columns, dtypes=dtypes)
    except BaseException:
        staging.abort()
        raise


def _rules_option(rules) -> dict | str | None:
    """The boilerplate rules applied, as the manifest records them."""
    if rules is None or isinstance(rules, str):
        return rules
    if not isinstance(rules, BoilerplateRules):  # a mapping: paragraph rules, shipped tails
        rules = BoilerplateRules(dict(rules), dict(BOILERPLATE_TAILS))
    return {"lines": dict(rules.lines), "tails": dict(rules.tails),
            "sources": dict(rules.sources)}


# --- reading -----------------------------------------------------------------------------------


def paragraph_spans_of(texts: Iterable[str]) -> pd.DataFrame:
    """Paragraph spans (``doc, para_id, start, end``) of article texts: their lines, which is
    what the loader makes an article text of (non-empty paragraphs joined by ``\\n``).

    >>> paragraph_spans_of(["أ\\nبب", ""]).values.tolist()
    [[0, 0, 0, 1], [0, 1, 2, 4]]
    """
    doc, para, start, end = [], [], [], []
    for row, text in enumerate(texts):
        if not text:
            continue
        position = 0
        for number, line in enumerate(text.split("\n")):
            doc.append(row)
            para.append(number)
            start.append(position)
            position += len(line)
            end.append(position)
            position += 1
    return pd.DataFrame({name: np.asarray(values, dtype=np.int64) for name, values in
                         (("doc", doc), ("para_id", para), ("start", start), ("end", end))})


def _read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CorpusError(folder / MANIFEST, f"not a readable manifest ({exc})") from None
    if manifest.get("format") != FORMAT:
        raise CorpusError(folder / MANIFEST, f"not a partitioned arcorpus corpus (format "
                                             f"{manifest.get('format')!r})")
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise CorpusError(folder / MANIFEST, f"written by a newer arcorpus (format version "
                                             f"{manifest['format_version']}); upgrade arcorpus")
    return manifest


class PartitionedCorpus(Corpus):
    """A corpus stored as a partitioned Parquet dataset, read lazily.

    It is a :class:`~arcorpus.corpus.Corpus`: every in-memory analysis accepts it, and its
    ``articles``, ``paragraphs``, ``sentences`` and ``report`` are read from disk on first use
    (memory-mapped Parquet, then kept). What needs no text comes from the manifest without
    reading anything: ``len``, :meth:`summary`, :meth:`fingerprint`. :meth:`partition` reads one
    partition as an in-memory corpus of its own, which is how :mod:`arcorpus.dask` works on a
    corpus that no process holds whole.

    Example:
        >>> lazy = load_corpus("corpus.parquet/")  # doctest: +SKIP
        >>> len(lazy), lazy.n_partitions  # doctest: +SKIP
        >>> sum(len(part.paragraphs) for part in lazy.iter_partitions())  # doctest: +SKIP
    """

    def __init__(self, folder: str | os.PathLike) -> None:
        # Corpus.__init__ is not called: the tables it takes are read on first use
        self.folder = Path(folder)
        self.manifest = _read_manifest(self.folder)
        self.source = str(folder)
        self._abbreviations = frozenset(self.manifest["options"]["abbreviations"])

    @property
    def n_partitions(self) -> int:
        """How many partitions the corpus has."""
        return len(self.manifest["partitions"])

    @property
    def stored_units(self) -> tuple[str, ...]:
        """The units whose spans are stored (always ``"articles"``)."""
        return tuple(self.manifest["units"])

    def dataset(self, unit: Unit = "articles") -> ds.Dataset:
        """The stored table of ``unit`` as a ``pyarrow.dataset`` (for Arrow, DuckDB, Polars or
        ``dask.dataframe.read_parquet``).

        >>> lazy.dataset().to_table(columns=["doc_id", "source"])  # doctest: +SKIP
        """
        unit = check_unit(unit)
        if unit not in self.stored_units:
            raise ValueError(f"{unit} spans are not stored here (stored: "
                             f"{', '.join(self.stored_units)}); write with units=(...)")
        return ds.dataset([str(self.folder / unit / p["file"])
                           for p in self.manifest["partitions"]], format="parquet")

    def read_articles(self, index: int, columns: list[str] | None = None) -> pd.DataFrame:
        """The articles of partition ``index``, with the corpus's columns and dtypes (a column
        another partition has is NA here)."""
        path = self.folder / "articles" / self.manifest["partitions"][index]["file"]
        wanted = self.manifest["columns"] if columns is None else columns
        names = set(pq.read_schema(path).names)
        frame = pq.read_table(path, columns=[c for c in wanted if c in names],
                              memory_map=True).to_pandas()
        dtypes = self.manifest["dtypes"]
        for column in wanted:
            if column not in frame.columns:
                # the dtype's own missing value (NaN, NaT, NA), as concatenation gives
                frame[column] = pd.Series(index=frame.index, dtype=dtypes[column])
            elif str(frame[column].dtype) != dtypes[column]:
                frame[column] = frame[column].astype(dtypes[column])
        return frame[wanted]

    def partition(self, index: int) -> Corpus:
        """Partition ``index`` as an in-memory :class:`~arcorpus.corpus.Corpus` (its report is
        empty: the report is the whole corpus's, :attr:`report`).

        >>> lazy.partition(0).unit_table("paragraphs")  # doctest: +SKIP
        """
        if not 0 <= index < self.n_partitions:
            raise IndexError(f"partition {index} of {self.n_partitions}")
        articles = self.read_articles(index)
        spans = {unit: self._read_spans(index, unit, articles) for unit in _SPAN_UNITS
                 if unit in self.stored_units}
        paragraphs = spans.get("paragraphs")
        if paragraphs is None:
            paragraphs = paragraph_spans_of(articles["text"].tolist())
        return Corpus(articles, pd.DataFrame(columns=REPORT_COLUMNS), self.source,
                      paragraph_spans=paragraphs, sentence_spans=spans.get("sentences"),
                      abbreviations=self._abbreviations)

    def _read_spans(self, index: int, unit: str, articles: pd.DataFrame) -> pd.DataFrame:
        path = self.folder / unit / self.manifest["partitions"][index]["file"]
        table = pq.read_table(path, memory_map=True).to_pandas()
        doc = pd.Index(articles["doc_id"]).get_indexer(table["doc_id"])
        columns = {"doc": doc.astype(np.int64)}
        columns.update({k: table[k].to_numpy(dtype=np.int64)
                        for k in (*UNIT_KEYS[unit][1:], "start", "end")})
        return pd.DataFrame(columns)

    def iter_partitions(self, *, progress: bool | None = None) -> Iterator[Corpus]:
        """Each partition in turn, as an in-memory corpus (one at a time in memory)."""
        for index in progress_bar(range(self.n_partitions), desc="partitions",
                                  unit="partition", enabled=progress):
            yield self.partition(index)

    @cached_property
    def _whole(self) -> Corpus:
        parts = list(self.iter_partitions())
        if not parts:
            dtypes = self.manifest["dtypes"]
            articles = pd.DataFrame({c: pd.Series(dtype=dtypes[c])
                                     for c in self.manifest["columns"]})
            return Corpus(articles, self.report, self.source,
                          paragraph_spans=paragraph_spans_of([]),
                          abbreviations=self._abbreviations)
        offsets = np.cumsum([0] + [len(p) for p in parts[:-1]])
        spans = {}
        for unit in ("paragraphs", *(["sentences"] if "sentences" in self.stored_units
                                     else [])):
            spans[unit] = pd.concat([p.unit_spans(unit).assign(doc=lambda t, o=o: t["doc"] + o)
                                     for p, o in zip(parts, offsets, strict=True)],
                                    ignore_index=True)
        articles = pd.concat([p.articles for p in parts], ignore_index=True)
        return Corpus(articles, self.report, self.source, paragraph_spans=spans["paragraphs"],
                      sentence_spans=spans.get("sentences"), abbreviations=self._abbreviations)

    def to_corpus(self) -> Corpus:
        """The whole corpus in memory (an ordinary :class:`~arcorpus.corpus.Corpus`)."""
        whole = self._whole
        return Corpus(whole.articles, whole.report, self.source,
                      paragraph_spans=whole.unit_spans("paragraphs"),
                      sentence_spans=whole._spans.get("sentences"),
                      abbreviations=self._abbreviations)

    @cached_property
    def articles(self) -> pd.DataFrame:  # type: ignore[override]
        """The whole articles table (read on first use)."""
        return self._whole.articles

    @cached_property
    def _spans(self) -> dict[str, pd.DataFrame]:  # type: ignore[override]
        return self._whole._spans

    @cached_property
    def report(self) -> pd.DataFrame:  # type: ignore[override]
        """The load report (read on first use)."""
        report = pq.read_table(self.folder / "report.parquet").to_pandas()
        report["line"] = report["line"].astype("Int64")
        return report

    def fingerprint(self) -> str:
        """The corpus fingerprint, recorded when it was written (equal to the in-memory
        corpus's :meth:`~arcorpus.corpus.Corpus.fingerprint`)."""
        return self.manifest["fingerprint"]

    def summary(self) -> pd.Series:
        """Counts from the manifest (sentences are counted here when not stored)."""
        counts = self.manifest["counts"]
        sentences = counts.get("sentences")
        if sentences is None:
            sentences = sum(len(p.unit_spans("sentences")) for p in self.iter_partitions())
        values = {"articles": counts["articles"], "paragraphs": counts["paragraphs"],
                  "sentences": sentences,
                  "words": None, "characters": None}
        if "articles" in self.__dict__:
            values["words"] = int(self.articles["n_words"].sum())
            values["characters"] = int(self.articles["n_chars"].sum())
        else:
            stats = self.dataset().to_table(columns=["n_words", "n_chars"])
            values["words"] = int(pa.compute.sum(stats["n_words"]).as_py() or 0)
            values["characters"] = int(pa.compute.sum(stats["n_chars"]).as_py() or 0)
        for kind, n in sorted(self.manifest["report"].items()):
            values[f"report: {kind}"] = int(n)
        return pd.Series(values, name="value")

    def __len__(self) -> int:
        return int(self.manifest["counts"]["articles"])

    def __repr__(self) -> str:
        counts = self.manifest["counts"]
        return (f"PartitionedCorpus({self.source!r}: {counts['articles']} articles, "
                f"{counts['paragraphs']} paragraphs in {self.n_partitions} partitions; "
                f"stored units: {', '.join(self.stored_units)})")


def read_parquet_corpus(folder: str | os.PathLike) -> PartitionedCorpus:
    """Open a partitioned corpus folder (what :func:`load_corpus` does when given one)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    return PartitionedCorpus(folder)
