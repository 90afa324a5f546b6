"""``load_corpus``: any folder or file of Arabic articles -> a :class:`Corpus` of tidy tables."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from ..progress import progress_bar
from .boilerplate import BOILERPLATE_RULES, BoilerplateMatcher
from .decoding import decode_bytes
from .documents import (
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    Document,
    ErrorHandler,
    documents_from_frame,
    read_table_file,
    read_text_file,
)
from .errors import CorpusError
from .segment import ABBREVIATIONS
from .tables import ReportLog, TableBuilder, sentence_spans, units_table
from .units import DERIVED_COLUMNS, Unit, check_unit

if TYPE_CHECKING:
    from .partitioned import ParquetTarget

Errors = Literal["raise", "skip"]
Duplicates = Literal["text", "url"]
METADATA_FILE = "metadata.csv"


class Corpus:
    """The result of loading: tidy tables of articles, paragraphs and sentences, and a report of
    everything set aside.

    Attributes:
        articles: one row per article: ``doc_id``, ``text`` (analysis text), ``boilerplate``,
            counts (``n_paragraphs``, ``n_words``, ``n_chars``), metadata columns (``source``,
            ``date``, ``title``, ``url``, ...), ``path``, ``encoding``, ``sha256`` (of the file's
            bytes, or of the row's text for table formats).
        paragraphs: ``doc_id, para_id, text, start, end``.
        sentences: ``doc_id, para_id, sent_id, text, start, end`` (``sent_id`` counts the
            sentences of the article from 0).
        report: one row per event: ``kind`` (skipped, boilerplate, duplicate_text,
            duplicate_url, encoding, empty_after_boilerplate, metadata_without_article,
            article_without_metadata), ``path``, ``line``, ``doc_id``, ``detail``, ``action``.
        source: what was loaded, as given.

    A loaded corpus holds its text once: paragraphs are kept as integer spans into the article
    texts and sentences are split the first time they are needed; the ``paragraphs`` and
    ``sentences`` tables are built on first use and then kept. :meth:`unit_table` gives any unit
    with its article's metadata, :meth:`unit_spans` the spans without text, :meth:`subset` a
    smaller corpus.
    """

    def __init__(self, articles: pd.DataFrame, report: pd.DataFrame, source: str, *,
                 paragraph_spans: pd.DataFrame, sentence_spans: pd.DataFrame | None = None,
                 abbreviations: Iterable[str] = ABBREVIATIONS) -> None:
        self.articles = articles
        self.report = report
        self.source = source
        self._spans = {"paragraphs": paragraph_spans}
        if sentence_spans is not None:
            self._spans["sentences"] = sentence_spans
        self._abbreviations = frozenset(abbreviations)

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """``doc_id, para_id, text, start, end``: one row per analysis paragraph."""
        return units_table(self.articles, self.unit_spans("paragraphs"))

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """``doc_id, para_id, sent_id, text, start, end``: one row per sentence."""
        return units_table(self.articles, self.unit_spans("sentences"))

    def unit_spans(self, unit: Unit) -> pd.DataFrame:
        """The units without their text: ``doc`` (row of ``articles``), ids, ``start``, ``end``,
        sorted by article then offset. Cheap: use it to count or locate units.

        >>> corpus.unit_spans("sentences").groupby("doc").size()  # doctest: +SKIP
        """
        unit = check_unit(unit)
        if unit == "articles":
            return pd.DataFrame({"doc": np.arange(len(self.articles), dtype=np.int64),
                                 "start": np.zeros(len(self.articles), dtype=np.int64),
                                 "end": self.articles["n_chars"].to_numpy(dtype=np.int64)})
        if unit not in self._spans:
            self._spans[unit] = sentence_spans(self.articles["text"], self._spans["paragraphs"],
                                               abbreviations=self._abbreviations)
        return self._spans[unit]

    def unit_table(self, unit: Unit = "articles") -> pd.DataFrame:
        """One row per article, paragraph or sentence: its ids, ``text``, ``start``/``end``
        (offsets into the article text) and its article's metadata (``source``, ``date`` ...),
        so that any unit can be grouped by what describes its article.

        >>> corpus.unit_table("paragraphs").groupby("source").size()  # doctest: +SKIP
        """
        unit = check_unit(unit)
        meta = self.articles.drop(columns=[c for c in DERIVED_COLUMNS
                                           if c in self.articles.columns])
        if unit == "articles":
            spans = self.unit_spans("articles")
            table = meta.assign(start=spans["start"].to_numpy(), end=spans["end"].to_numpy())
            return table[["doc_id", "text", "start", "end",
                          *[c for c in meta.columns if c not in ("doc_id", "text")]]]
        table = self.paragraphs if unit == "paragraphs" else self.sentences
        doc = self.unit_spans(unit)["doc"].to_numpy()
        extra = meta.drop(columns=["doc_id", "text"]).take(doc).reset_index(drop=True)
        return pd.concat([table, extra], axis=1)

    def subset(self, keep: Iterable[str] | pd.Series | np.ndarray) -> Corpus:
        """A corpus of some of the articles, in their order here: ``keep`` is a boolean mask
        aligned with ``articles`` or an iterable of ``doc_id`` values. Paragraph and sentence
        ids, offsets and the report are unchanged.

        >>> corpus.subset(corpus.articles["source"] == "sabq")  # doctest: +SKIP
        """
        mask = np.asarray(keep, dtype=bool) if _is_mask(keep, len(self.articles)) else \
            self.articles["doc_id"].isin(set(keep)).to_numpy()
        position = np.cumsum(mask) - 1  # old row -> new row
        spans = {unit: table[mask[table["doc"].to_numpy()]].assign(
                     doc=lambda t: position[t["doc"].to_numpy()]).reset_index(drop=True)
                 for unit, table in self._spans.items()}
        return Corpus(self.articles[mask].reset_index(drop=True), self.report, self.source,
                      paragraph_spans=spans["paragraphs"], sentence_spans=spans.get("sentences"),
                      abbreviations=self._abbreviations)

    def to_parquet(self, folder: str | os.PathLike, *, units: Iterable[Unit] = (),
                   partition_bytes: int | None = None, progress: bool | None = None) -> Path:
        """Write the corpus as a partitioned Parquet dataset with a manifest (fingerprint,
        versions, report), atomically; ``units``: also store ``"paragraphs"`` and/or
        ``"sentences"`` spans. ``load_corpus(folder)`` reads it back lazily. See
        :mod:`arcorpus.corpus.partitioned`.

        >>> corpus.to_parquet("build/corpus.parquet", units=["sentences"])  # doctest: +SKIP
        """
        from .partitioned import PARTITION_BYTES, write_corpus_parquet

        return write_corpus_parquet(self, folder, units=units,
                                    partition_bytes=partition_bytes or PARTITION_BYTES,
                                    progress=progress)

    def summary(self) -> pd.Series:
        """Corpus statistics and report counts, as one labelled Series.

        >>> corpus.summary()["articles"]  # doctest: +SKIP
        1
        """
        counts = {
            "articles": len(self.articles),
            "paragraphs": len(self.unit_spans("paragraphs")),
            "sentences": len(self.unit_spans("sentences")),
            "words": int(self.articles["n_words"].sum()),
            "characters": int(self.articles["n_chars"].sum()),
        }
        for kind, n in self.report["kind"].value_counts().sort_index().items():
            counts[f"report: {kind}"] = int(n)
        return pd.Series(counts, name="value")

    def fingerprint(self) -> str:
        """A SHA-256 over the doc ids and analysis texts: what figure manifests record so that
        a figure can be traced to the exact corpus it was computed from."""
        digest = hashlib.sha256()
        for doc_id, text in zip(self.articles["doc_id"], self.articles["text"], strict=True):
            digest.update(f"{doc_id}\0{text}\0".encode())
        return digest.hexdigest()

    def __len__(self) -> int:
        return len(self.articles)

    def __repr__(self) -> str:
        n_words = int(self.articles["n_words"].sum())
        return (f"Corpus({self.source!r}: {len(self.articles)} articles, "
                f"{len(self._spans['paragraphs'])} paragraphs, {n_words} words; report: "
                f"{len(self.report)} rows)")


def _is_mask(keep, length: int) -> bool:
    if isinstance(keep, pd.Series | np.ndarray | list) and len(keep) == length:
        return pd.api.types.is_bool_dtype(np.asarray(keep).dtype)
    return False


def load_corpus(
    source: str | os.PathLike | pd.DataFrame,
    *,
    pattern: str = "*.txt",
    recursive: bool = True,
    text_column: str = "text",
    id_column: str | None = None,
    id_from: Literal["stem", "path"] = "stem",
    metadata: str | os.PathLike | pd.DataFrame | Literal["auto"] | None = "auto",
    encoding: str = "auto",
    boilerplate: Mapping[str, str] | None = BOILERPLATE_RULES,
    abbreviations: Iterable[str] = ABBREVIATIONS,
    errors: Errors = "raise",
    drop_duplicates: Duplicates | tuple[Duplicates, ...] | None = None,
    progress: bool | None = None,
    to_parquet: str | os.PathLike | ParquetTarget | None = None,
) -> Corpus:
    """Load Arabic articles into tidy DataFrames.

    Args:
        source: a folder of ``.txt`` articles (one paragraph a line), a single ``.txt``,
            ``.csv``, ``.tsv``, ``.jsonl``, ``.json`` or ``.parquet`` file, or a DataFrame.
        pattern: file-name glob for folders (``"*.txt"``; ``"*.jsonl"`` for a folder of JSONL).
        recursive: look in sub-folders too.
        text_column, id_column: columns of table formats; without ``id_column`` the ids are
            ``<file stem>-<row>``.
        id_from: for text files, the id is the file stem (``"stem"``) or the path relative to
            the folder without suffix (``"path"``, for folders that repeat file names).
        metadata: sidecar table joined on ``doc_id`` (columns such as ``source, date, title,
            url``). ``"auto"`` reads ``metadata.csv`` at the top of a folder when present.
        encoding: ``"auto"`` detects UTF-8 (with or without BOM), UTF-16 and Windows-1256 and
            records the choice in ``articles.encoding``; or name a codec.
        boilerplate: rules (name -> regex matched at the start of a paragraph) for paragraphs
            set aside from the analysis text; ``None`` keeps every paragraph.
        abbreviations: tokens that end with a period without ending a sentence.
        errors: ``"raise"`` stops at the first bad file, row or line with a
            :class:`CorpusError` naming it; ``"skip"`` leaves it out and lists it in the report.
        drop_duplicates: ``"text"``, ``"url"`` or both: drop later copies (always reported,
            dropped only when asked).
        progress: progress bar: ``None`` shows one when loading takes more than a couple of
            seconds, ``True`` always, ``False`` never.
        to_parquet: a folder (or a :class:`~arcorpus.corpus.partitioned.ParquetTarget`): stream
            the articles into a partitioned Parquet corpus there (never holding the corpus in
            memory) and return it, read lazily.

    A folder written by :meth:`Corpus.to_parquet` is recognised and opened lazily as a
    :class:`~arcorpus.corpus.partitioned.PartitionedCorpus` (the other arguments were fixed
    when it was written).

    Returns:
        A :class:`Corpus` with ``articles``, ``paragraphs``, ``sentences`` and ``report``.

    Example:
        >>> corpus = load_corpus("corpus/")  # doctest: +SKIP
        >>> corpus.articles[["doc_id", "source", "n_paragraphs"]]  # doctest: +SKIP
    """
    root = None if isinstance(source, pd.DataFrame) else Path(source)
    if root is not None and to_parquet is None:
        from .partitioned import is_parquet_corpus, read_parquet_corpus

        if is_parquet_corpus(root):
            return read_parquet_corpus(root)

    def documents(on_error: ErrorHandler) -> Iterator[Document]:
        return _documents(source, pattern=pattern, recursive=recursive, text_column=text_column,
                          id_column=id_column, id_from=id_from, encoding=encoding,
                          on_error=on_error, progress=progress)

    return assemble_corpus(
        documents,
        label="<DataFrame>" if root is None else str(source),
        metadata=lambda: _sidecar(metadata, root, encoding),
        boilerplate=boilerplate,
        abbreviations=abbreviations,
        errors=errors,
        drop_duplicates=drop_duplicates,
        to_parquet=to_parquet,
        protect=root,
    )


def assemble_corpus(
    documents: Callable[[ErrorHandler], Iterable[Document]],
    *,
    label: str,
    metadata: Callable[[], pd.DataFrame | None] = lambda: None,
    boilerplate: Mapping[str, str] | None = BOILERPLATE_RULES,
    abbreviations: Iterable[str] = ABBREVIATIONS,
    errors: Errors = "raise",
    drop_duplicates: Duplicates | tuple[Duplicates, ...] | None = None,
    to_parquet: str | os.PathLike | ParquetTarget | None = None,
    protect: str | os.PathLike | None = None,
) -> Corpus:
    """Build a :class:`Corpus` from a reader: the one path every input format goes through.

    ``documents`` is called with the error handler that implements ``errors=`` and yields
    :class:`~arcorpus.corpus.documents.Document` records. Format readers
    (:func:`~arcorpus.corpus.formats.load_saudinewsnet`, ...) are built on it.
    With ``to_parquet`` the documents are streamed, partition by partition, into a partitioned
    corpus in that folder (never inside ``protect``, the source folder), and that corpus is
    returned, read lazily (:mod:`arcorpus.corpus.partitioned`).
    """
    if to_parquet is not None:
        from .partitioned import ParquetTarget, read_parquet_corpus, write_parquet_corpus

        target = ParquetTarget.of(to_parquet)
        return read_parquet_corpus(write_parquet_corpus(
            documents, target.folder, label=label, metadata=metadata, boilerplate=boilerplate,
            abbreviations=abbreviations, errors=errors, drop_duplicates=drop_duplicates,
            units=target.units, partition_bytes=target.partition_bytes, protect=protect))
    log = ReportLog()
    on_error = _error_handler(errors, log)
    builder = TableBuilder(BoilerplateMatcher(boilerplate), log)
    for doc in _accepted_documents(documents(on_error), on_error, log):
        builder.add(doc)
    articles, paragraph_spans = builder.finish()

    sidecar = metadata()
    if sidecar is not None:
        articles = _join_metadata(articles, sidecar, log)
    if "date" in articles.columns and not isinstance(articles["date"].dtype, pd.DatetimeTZDtype):
        articles["date"] = parse_dates(articles["date"].astype(object), label)
    keep = _find_duplicates(articles, builder.text_duplicates, log, drop_duplicates)
    corpus = Corpus(articles, log.frame(), label, paragraph_spans=paragraph_spans,
                    abbreviations=abbreviations)
    return corpus if keep is None else corpus.subset(keep)


def _error_handler(errors: Errors, log: ReportLog) -> ErrorHandler:
    """What ``errors=`` means: raise the error, or record it in the report and go on."""
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', got {errors!r}")

    def on_error(error: CorpusError) -> None:
        if errors == "raise":
            raise error
        log.add("skipped", error.path, error.line, None, error.reason, "skipped")

    return on_error


def _accepted_documents(documents: Iterable[Document], on_error: ErrorHandler,
                        log: ReportLog) -> Iterator[Document]:
    """The documents in order, without repeated ids (an error each); other encodings than
    UTF-8 are reported."""
    seen_ids: dict[str, str] = {}
    for doc in documents:
        if doc.doc_id in seen_ids:
            on_error(CorpusError(doc.path, f"duplicate doc_id {doc.doc_id!r} (first in "
                                           f"{seen_ids[doc.doc_id]})", line=doc.line))
            continue
        seen_ids[doc.doc_id] = _where(doc)
        if doc.encoding not in (None, "utf-8"):
            log.add("encoding", doc.path, None, doc.doc_id, f"decoded as {doc.encoding}", "kept")
        yield doc


def _where(doc: Document) -> str:
    return f"{doc.path}:{doc.line}" if doc.line is not None else doc.path


def _documents(source, *, pattern, recursive, text_column, id_column, id_from, encoding,
               on_error, progress) -> Iterator[Document]:
    if isinstance(source, pd.DataFrame):
        yield from documents_from_frame(source, "<DataFrame>", text_column=text_column,
                                        id_column=id_column, on_error=on_error)
        return
    root = Path(source)
    files = _source_files(root, pattern, recursive)
    for path, label in progress_bar(files, desc="loading", unit="file", enabled=progress):
        yield from _file_documents(path, label, in_folder=root.is_dir(),
                                   text_column=text_column, id_column=id_column,
                                   id_from=id_from, encoding=encoding, on_error=on_error)


def _source_files(root: Path, pattern: str, recursive: bool) -> list[tuple[Path, str]]:
    """The files of a source, sorted, each with its label (path relative to the folder)."""
    if not root.exists():
        raise FileNotFoundError(f"{root}: no such file or folder")
    if root.is_file():
        return [(root, root.name)]
    glob = root.rglob if recursive else root.glob
    files = sorted(
        ((p, p.relative_to(root).as_posix()) for p in glob(pattern)
         if p.is_file() and not (p.parent == root and p.name == METADATA_FILE)),
        key=lambda item: item[1],
    )
    if not files:
        raise CorpusError(root, f"no files match {pattern!r}"
                                f"{' (recursively)' if recursive else ''}")
    return files


def _file_documents(path: Path, label: str, *, in_folder: bool, text_column, id_column,
                    id_from, encoding, on_error: ErrorHandler) -> Iterator[Document]:
    """The documents of one file of a source; bad input goes to ``on_error``."""
    suffix = path.suffix.lower()
    try:
        if suffix in TABLE_SUFFIXES:
            yield from read_table_file(path, label, text_column=text_column,
                                       id_column=id_column, encoding=encoding,
                                       on_error=on_error)
        elif suffix in TEXT_SUFFIXES or in_folder:
            doc_id = path.stem if id_from == "stem" else label.rsplit(".", 1)[0]
            yield read_text_file(path, label, doc_id, encoding=encoding)
        else:
            raise CorpusError(label, f"unsupported file type {suffix!r}; expected .txt or "
                                     f"one of {sorted(TABLE_SUFFIXES)}")
    except CorpusError as error:
        on_error(error)
    except OSError as exc:
        on_error(CorpusError(label, f"cannot read ({exc.strerror or exc})"))


def _sidecar(metadata, root: Path | None, encoding: str) -> pd.DataFrame | None:
    if metadata is None:
        return None
    if isinstance(metadata, pd.DataFrame):
        frame, label = metadata.copy(), "<metadata DataFrame>"
    else:
        if metadata == "auto":
            if root is None or not root.is_dir() or not (root / METADATA_FILE).is_file():
                return None
            path = root / METADATA_FILE
        else:
            path = Path(metadata)
        label = str(path)
        text, _ = decode_bytes(path.read_bytes(), label, encoding)
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except pd.errors.ParserError as exc:
            raise CorpusError(label, f"not a readable CSV table ({exc})") from None
    if "doc_id" not in frame.columns:
        raise CorpusError(label, f"metadata needs a 'doc_id' column; it has {list(frame.columns)}")
    duplicated = frame["doc_id"][frame["doc_id"].duplicated()]
    if len(duplicated):
        raise CorpusError(label, f"duplicate doc_id(s) in metadata: {sorted(set(duplicated))[:5]}")
    frame.attrs["label"] = label
    if "date" in frame.columns:
        frame["date"] = parse_dates(frame["date"], label)
    return frame


def parse_dates(values: pd.Series, label: str) -> pd.Series:
    """Parse a column of dates to timezone-aware UTC timestamps; empty cells become NaT.

    A date without a time zone is taken as UTC. A value that is not a date raises a
    :class:`CorpusError` naming the row.
    """
    values = values.replace("", None)
    try:
        return pd.to_datetime(values, utc=True, format="mixed")
    except (ValueError, TypeError):
        for row, value in enumerate(values, start=1):
            if value is None:
                continue
            try:
                pd.to_datetime(value, utc=True)
            except (ValueError, TypeError):
                raise CorpusError(label, f"row {row}: not a date: {value!r}") from None
        raise


def _join_metadata(articles: pd.DataFrame, sidecar: pd.DataFrame, log: ReportLog) -> pd.DataFrame:
    label = sidecar.attrs.get("label", "metadata")
    known = set(articles["doc_id"])
    for doc_id in sidecar["doc_id"]:
        if doc_id not in known:
            log.add("metadata_without_article", label, None, doc_id,
                    "metadata row has no article", "ignored")
    described = set(sidecar["doc_id"])
    for doc_id in articles["doc_id"]:
        if doc_id not in described:
            log.add("article_without_metadata", label, None, doc_id,
                    "article has no metadata row", "kept")
    overlap = [c for c in sidecar.columns if c != "doc_id" and c in articles.columns]
    base = articles.drop(columns=overlap)  # the sidecar's values win over in-file columns
    sidecar = sidecar.astype({"doc_id": "str"})
    merged = base.merge(sidecar, on="doc_id", how="left", validate="one_to_one")
    tail = ["path", "encoding", "sha256"]
    order = [c for c in merged.columns if c not in tail] + tail
    return merged[order]


def _find_duplicates(articles: pd.DataFrame, text_duplicates: list[tuple[int, str]],
                     log: ReportLog, drop) -> np.ndarray | None:
    """Report repeated texts (found while building) and URLs; return a keep-mask when some
    are to be dropped."""
    drop = {drop} if isinstance(drop, str) else set(drop or ())
    unknown = drop - {"text", "url"}
    if unknown:
        raise ValueError(f"drop_duplicates takes 'text' and/or 'url', got {sorted(unknown)}")
    found = {"text": text_duplicates}
    if "url" in articles.columns:
        urls = articles["url"]
        repeated = (urls.duplicated(keep="first") & urls.notna() & (urls != "")).to_numpy()
        first = dict(zip(urls[~repeated], articles["doc_id"][~repeated], strict=True))
        found["url"] = [(row, first[urls.iloc[row]]) for row in np.flatnonzero(repeated)]
    keep = np.ones(len(articles), dtype=bool)
    doc_ids, paths = articles["doc_id"], articles["path"]
    for kind, rows in found.items():
        action = "dropped" if kind in drop else "kept"
        for row, first_id in rows:
            log.add(f"duplicate_{kind}", paths.iloc[row], None, doc_ids.iloc[row],
                    f"same {kind} as {first_id}", action)
            if kind in drop:
                keep[row] = False
    return None if keep.all() else keep
