"""``load_corpus``: any folder or file of Arabic articles -> a :class:`Corpus` of tidy tables."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from ..progress import progress_bar
from .boilerplate import BOILERPLATE_RULES, Boilerplate, BoilerplateMatcher, BoilerplateRules
from .columns import RESERVED_COLUMNS, rename_notice_detail, renamed_column
from .dates import parse_dates
from .documents import (
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    Document,
    decode_file,
    documents_from_frame,
    read_csv_text,
    read_table_file,
    read_text_file,
)
from .errors import CorpusError, ErrorHandler, Notice
from .files import Symlinks, list_files, single_file
from .segment import ABBREVIATIONS
from .surrogates import escape_surrogates, has_surrogates
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

    def unit_spans(self, unit: Unit, rows: np.ndarray | None = None) -> pd.DataFrame:
        """The units without their text: ``doc`` (row of ``articles``), ids, ``start``, ``end``,
        sorted by article then offset. Cheap: use it to count or locate units.

        ``rows`` (sorted, distinct rows of ``articles``): only the units of those articles.
        Sentences not split yet are then split for those articles alone and not kept, which
        is what locating a few offsets needs (e.g. the mentions of a corpus where most
        articles name no actor).

        >>> corpus.unit_spans("sentences").groupby("doc").size()  # doctest: +SKIP
        """
        unit = check_unit(unit)
        if rows is not None:
            rows = np.asarray(rows, dtype=np.int64)
            if unit == "sentences" and unit not in self._spans:
                para = self._spans["paragraphs"]
                para = para[np.isin(para["doc"].to_numpy(), rows)]
                para = para.assign(doc=np.searchsorted(rows, para["doc"].to_numpy()))
                spans = sentence_spans(self.articles["text"].take(rows), para,
                                       abbreviations=self._abbreviations)
                return spans.assign(doc=rows[spans["doc"].to_numpy()])
            spans = self.unit_spans(unit)
            return spans[np.isin(spans["doc"].to_numpy(), rows)].reset_index(drop=True)
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
    boilerplate: Boilerplate = BOILERPLATE_RULES,
    abbreviations: Iterable[str] = ABBREVIATIONS,
    errors: Errors = "raise",
    drop_duplicates: Duplicates | tuple[Duplicates, ...] | None = None,
    progress: bool | None = None,
    dayfirst: bool | None = None,
    symlinks: Symlinks = "inside",
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
            url``). ``"auto"`` reads ``metadata.csv`` at the top of a folder when present. Its
            values replace the articles' own metadata of the same name (reported); a column
            named like a kit column is kept as ``meta_<name>`` (reported).
        encoding: ``"auto"`` detects UTF-8 (with or without BOM), UTF-16 and Windows-1256 and
            records the choice in ``articles.encoding``; bytes that read two ways are decoded
            as UTF-8 and reported (kind ``ambiguous_encoding``); or name a codec.
        boilerplate: rules (name -> regex matched at the start of a paragraph) for paragraphs
            set aside from the analysis text (with the shipped tail rules), a
            :class:`~arcorpus.corpus.BoilerplateRules` (paragraph and tail rules, e.g. from
            :func:`~arcorpus.corpus.boilerplate_rules`), ``"auto"`` (the shipped rules and the
            ones :func:`~arcorpus.corpus.detect_boilerplate` proposes, found in a first pass
            over the documents; each adopted rule is a ``boilerplate_rule`` row of the report),
            or ``None`` to keep every paragraph.
        abbreviations: tokens that end with a period without ending a sentence.
        errors: ``"raise"`` stops at the first bad file, row or line with a
            :class:`CorpusError` naming it; ``"skip"`` leaves it out and lists it in the report.
        drop_duplicates: ``"text"``, ``"url"`` or both: drop later copies (always reported,
            dropped only when asked).
        progress: progress bar: ``None`` shows one when loading takes more than a couple of
            seconds, ``True`` always, ``False`` never.
        dayfirst: how to read numeric dates such as ``07/08/2015`` in a ``date`` column:
            ``True`` day/month/year, ``False`` month/day/year; ``None`` (default) reads only
            the unambiguous ones (``25/07/2015``) and reports the others (kind
            ``ambiguous_date``, kept as NaT with ``errors="skip"``).
        symlinks: ``"inside"`` (default) reads nothing outside the folder: links pointing out
            of it are skipped and reported; ``"follow"`` follows every link (each real file
            and folder once). See :mod:`arcorpus.corpus.files`.
        to_parquet: a folder (or a :class:`~arcorpus.corpus.partitioned.ParquetTarget`): stream
            the articles into a partitioned Parquet corpus there (never holding the corpus in
            memory) and return it, read lazily.

    Every report row has a ``kind``: ``skipped`` (a bad file, row or line, with
    ``errors="skip"``), ``encoding``, ``ambiguous_encoding``, ``ambiguous_date`` and
    ``invalid_date`` (date kept as NaT), ``file_name`` and ``invalid_unicode`` (escaped),
    ``symlink`` (not followed), ``renamed_column``, ``metadata_replaced``, ``boilerplate``,
    ``empty_after_boilerplate``, ``duplicate_text``, ``duplicate_url``,
    ``metadata_without_article``, ``article_without_metadata``.

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
                          on_error=on_error, progress=progress, dayfirst=dayfirst,
                          symlinks=symlinks)

    return assemble_corpus(
        documents,
        label="<DataFrame>" if root is None else str(source),
        metadata=lambda on_error: _sidecar(metadata, root, encoding, dayfirst, on_error),
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
    metadata: Callable[[ErrorHandler], pd.DataFrame | None] = lambda on_error: None,
    boilerplate: Boilerplate = BOILERPLATE_RULES,
    abbreviations: Iterable[str] = ABBREVIATIONS,
    errors: Errors = "raise",
    drop_duplicates: Duplicates | tuple[Duplicates, ...] | None = None,
    to_parquet: str | os.PathLike | ParquetTarget | None = None,
    protect: str | os.PathLike | None = None,
) -> Corpus:
    """Build a :class:`Corpus` from a reader: the one path every input format goes through.

    ``documents`` is called with the error handler that implements ``errors=`` and yields
    :class:`~arcorpus.corpus.documents.Document` records; so is ``metadata``, which returns the
    sidecar table (or None). Format readers (:func:`~arcorpus.corpus.formats.load_saudinewsnet`,
    ...) are built on it. Every document passes the same checks: ids, paths and metadata that
    are not valid Unicode are escaped, metadata named like a kit column is renamed (see
    :mod:`arcorpus.corpus.columns`), and a ``date`` column ends up as UTC timestamps.
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
    sidecar = metadata(on_error)
    source_of = _sources(sidecar)
    boilerplate = resolve_boilerplate(boilerplate, documents, source_of, log)
    builder = TableBuilder(BoilerplateMatcher(boilerplate), log)
    for doc in _accepted_documents(documents(on_error), on_error, log):
        builder.add(doc, source_of(doc))
    articles, paragraph_spans = builder.finish()

    if sidecar is not None:
        articles = _join_metadata(articles, sidecar, on_error)
    if "date" in articles.columns:
        articles["date"] = _article_dates(articles, on_error)
    keep = _find_duplicates(articles, builder.text_duplicates, log, drop_duplicates)
    corpus = Corpus(articles, log.frame(), label, paragraph_spans=paragraph_spans,
                    abbreviations=abbreviations)
    return corpus if keep is None else corpus.subset(keep)


def _error_handler(errors: Errors, log: ReportLog) -> ErrorHandler:
    """What ``errors=`` means: raise the error, or record it in the report and go on; a
    :class:`~arcorpus.corpus.errors.Notice` is always recorded."""
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', got {errors!r}")

    def on_error(item: CorpusError | Notice) -> None:
        if isinstance(item, Notice):
            log.add(item.kind, item.path, item.line, item.doc_id, item.detail, item.action)
            return
        if errors == "raise":
            raise item
        log.add(item.kind, item.path, item.line, item.doc_id, item.reason, item.action)

    return on_error


def resolve_boilerplate(boilerplate: Boilerplate,
                        documents: Callable[[ErrorHandler], Iterable[Document]],
                        source_of: Callable[[Document], str | None],
                        log: ReportLog) -> Mapping[str, str] | BoilerplateRules | None:
    """The rules to apply: ``"auto"`` is a first pass over the documents that finds what each
    source repeats (each adopted rule logged); anything else as given."""
    if isinstance(boilerplate, str):
        from .boilerplate_detection import auto_rules

        return auto_rules(boilerplate, lambda: documents(lambda error: None), source_of, log)
    return boilerplate


def _accepted_documents(documents: Iterable[Document], on_error: ErrorHandler,
                        log: ReportLog) -> Iterator[Document]:
    """The documents in order, each through :func:`_check_document`, without repeated ids (an
    error each); other encodings than UTF-8 are reported."""
    seen_ids: dict[str, str] = {}
    renamed: set[tuple[str, str]] = set()
    for doc in documents:
        _check_document(doc, on_error, renamed)
        if doc.doc_id in seen_ids:
            on_error(CorpusError(doc.path, f"duplicate doc_id {doc.doc_id!r} (first in "
                                           f"{seen_ids[doc.doc_id]})", line=doc.line))
            continue
        seen_ids[doc.doc_id] = _where(doc)
        if doc.encoding not in (None, "utf-8"):
            log.add("encoding", doc.path, None, doc.doc_id, f"decoded as {doc.encoding}", "kept")
        yield doc


def _sources(sidecar: pd.DataFrame | None) -> Callable[[Document], str | None]:
    """A document's source: the metadata sidecar's ``source``, else the document's own."""
    named = (dict(zip(sidecar["doc_id"], sidecar["source"].astype(str), strict=True))
             if sidecar is not None and "source" in sidecar.columns else {})
    return lambda doc: named.get(doc.doc_id, doc.metadata.get("source"))


def _where(doc: Document) -> str:
    return f"{doc.path}:{doc.line}" if doc.line is not None else doc.path


def _documents(source, *, pattern, recursive, text_column, id_column, id_from, encoding,
               on_error, progress, dayfirst, symlinks) -> Iterator[Document]:
    if isinstance(source, pd.DataFrame):
        yield from documents_from_frame(source, "<DataFrame>", text_column=text_column,
                                        id_column=id_column, on_error=on_error,
                                        dayfirst=dayfirst)
        return
    root = Path(source)
    files = _source_files(root, pattern, recursive, symlinks, on_error)
    for path, label in progress_bar(files, desc="loading", unit="file", enabled=progress):
        yield from _file_documents(path, label, in_folder=root.is_dir(),
                                   text_column=text_column, id_column=id_column,
                                   id_from=id_from, encoding=encoding, dayfirst=dayfirst,
                                   on_error=on_error)


def _source_files(root: Path, pattern: str, recursive: bool, symlinks: Symlinks,
                  on_error: ErrorHandler) -> list[tuple[Path, str]]:
    """The files of a source, sorted, each with its label (path relative to the folder);
    links not followed and names that are not UTF-8 are reported to ``on_error``."""
    if not root.exists():
        raise FileNotFoundError(f"{root}: no such file or folder")
    if not root.is_dir():
        return [single_file(root, on_error)]
    links: list[Notice] = []

    def report(item: CorpusError | Notice) -> None:
        if isinstance(item, Notice) and item.kind == "symlink":
            links.append(item)
        on_error(item)

    files = list_files(root, pattern, recursive=recursive, symlinks=symlinks, report=report,
                       exclude={METADATA_FILE})
    if not files:
        raise CorpusError(root, f"no files match {pattern!r}"
                                f"{' (recursively)' if recursive else ''}"
                                + (f"; {len(links)} symbolic link(s) not followed, e.g. "
                                   f"{links[0].path}: {links[0].detail}" if links else ""))
    return files


def _file_documents(path: Path, label: str, *, in_folder: bool, text_column, id_column,
                    id_from, encoding, dayfirst, on_error: ErrorHandler) -> Iterator[Document]:
    """The documents of one file of a source; bad input goes to ``on_error``."""
    suffix = path.suffix.lower()
    try:
        if suffix in TABLE_SUFFIXES:
            yield from read_table_file(path, label, text_column=text_column,
                                       id_column=id_column, encoding=encoding,
                                       on_error=on_error, dayfirst=dayfirst)
        elif suffix in TEXT_SUFFIXES or in_folder:
            name = PurePosixPath(label)
            doc_id = name.stem if id_from == "stem" else name.with_suffix("").as_posix()
            yield read_text_file(path, label, doc_id, encoding=encoding, on_error=on_error)
        else:
            raise CorpusError(label, f"unsupported file type {suffix!r}; expected .txt or "
                                     f"one of {sorted(TABLE_SUFFIXES)}")
    except CorpusError as error:
        on_error(error)
    except OSError as exc:
        on_error(CorpusError(label, f"cannot read ({exc.strerror or exc})"))


def _check_document(doc: Document, on_error: ErrorHandler, renamed: set) -> None:
    """The checks every document passes, whatever its reader: ids, paths and metadata that are
    not valid Unicode are escaped, metadata named like a kit column is renamed; each reported
    (a column name once per file: ``renamed`` holds the ``(path, name)`` pairs reported).
    """
    meta = doc.metadata
    if not _valid_unicode([doc.doc_id, doc.path, *meta, *[v for v in meta.values()
                                                          if type(v) is str]]):
        _escape_document(doc, on_error, renamed)
    if RESERVED_COLUMNS.isdisjoint(doc.metadata):
        return
    for name in sorted(RESERVED_COLUMNS.intersection(doc.metadata)):
        new = renamed_column(name, set(doc.metadata))
        doc.metadata[new] = doc.metadata.pop(name)
        if (doc.path, name) not in renamed:
            renamed.add((doc.path, name))
            on_error(Notice("renamed_column", doc.path, rename_notice_detail(name, new),
                            "renamed"))


def _valid_unicode(strings: list) -> bool:
    """One encode of everything: the cheap test that nearly always passes."""
    try:
        "".join(s for s in strings if type(s) is str).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _escape_document(doc: Document, on_error: ErrorHandler, renamed: set) -> None:
    if has_surrogates(doc.doc_id) or has_surrogates(doc.path):
        escaped_id, doc.path = escape_surrogates(doc.doc_id), escape_surrogates(doc.path)
        on_error(Notice("invalid_unicode", doc.path, f"doc_id {escaped_id!r} is not valid "
                        "Unicode; kept with escapes", "escaped", doc.line, escaped_id))
        doc.doc_id = escaped_id
    doc.metadata = _escaped_metadata(doc, on_error, renamed)


def _escaped_metadata(doc: Document, on_error: ErrorHandler, renamed: set) -> dict:
    cleaned = {}
    for key, value in doc.metadata.items():
        if isinstance(key, str) and has_surrogates(key):
            key = escape_surrogates(key)
            if (doc.path, key) not in renamed:
                renamed.add((doc.path, key))
                on_error(Notice("invalid_unicode", doc.path, f"column name {key!r} is not "
                                "valid Unicode; kept with escapes", "escaped", doc.line,
                                doc.doc_id))
        if isinstance(value, str) and has_surrogates(value):
            value = escape_surrogates(value)
            on_error(Notice("invalid_unicode", doc.path, f"{key} {value!r} is not valid "
                            "Unicode; kept with escapes", "escaped", doc.line, doc.doc_id))
        cleaned[key] = value
    return cleaned


def _sidecar(metadata, root: Path | None, encoding: str, dayfirst: bool | None,
             on_error: ErrorHandler) -> pd.DataFrame | None:
    """The metadata table, checked; None when there is none (or, with errors="skip", when it
    cannot be used at all, which is reported)."""
    if metadata is None:
        return None
    if isinstance(metadata, pd.DataFrame):
        label = "<metadata DataFrame>"
    elif metadata == "auto":
        if root is None or not root.is_dir() or not (root / METADATA_FILE).is_file():
            return None
        label = str(root / METADATA_FILE)
    else:
        label = str(metadata)
    try:
        frame = _sidecar_frame(metadata, root, label, encoding, on_error)
    except CorpusError as error:
        on_error(error)
        return None
    frame = _unique_sidecar_rows(frame, label, on_error)
    frame = _sidecar_names(frame, label, on_error)
    if "date" in frame.columns:
        dates, problems = parse_dates(frame["date"], dayfirst=dayfirst)
        frame["date"] = dates.set_axis(frame.index)
        for problem in problems:
            on_error(CorpusError(label, f"row {frame.index[problem.position] + 1}: "
                                        f"{problem.reason}", kind=problem.kind,
                                 action="set to NaT",
                                 doc_id=frame["doc_id"].iloc[problem.position]))
    frame.attrs["label"] = label
    return frame.reset_index(drop=True)


def _sidecar_frame(metadata, root: Path | None, label: str, encoding: str,
                   on_error: ErrorHandler) -> pd.DataFrame:
    """The sidecar as read, doc_ids as text; its index is the 0-based data row, which the
    messages name (``row <index + 1>``) whatever rows are left out later."""
    if isinstance(metadata, pd.DataFrame):
        frame = metadata.copy()
        repeated = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
        if repeated:
            raise CorpusError(label, f"the table repeats the column name(s) {repeated}")
    else:
        path = root / METADATA_FILE if metadata == "auto" else Path(metadata)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CorpusError(label, f"cannot read ({exc.strerror or exc})") from None
        frame = read_csv_text(decode_file(data, label, encoding, on_error).text, label)
    if "doc_id" not in frame.columns:
        raise CorpusError(label, f"metadata needs a 'doc_id' column; it has "
                                 f"{list(map(str, frame.columns))}")
    ids = frame["doc_id"]
    frame["doc_id"] = [None if v is None or (isinstance(v, float) and v != v) else str(v)
                       for v in ids.tolist()]
    return frame.reset_index(drop=True)


def _unique_sidecar_rows(frame: pd.DataFrame, label: str, on_error: ErrorHandler) -> pd.DataFrame:
    """A doc_id described twice: an error (raise), or the later rows skipped and reported."""
    ids = frame["doc_id"]
    repeated = ids.duplicated(keep="first") & ids.notna()
    if not repeated.any():
        return frame
    first_row: dict[str, int] = {}
    for row, doc_id in zip(frame.index, ids.tolist(), strict=True):
        first = first_row.setdefault(doc_id, row)
        if first != row and doc_id is not None:
            on_error(CorpusError(label, f"row {row + 1}: duplicate doc_id {doc_id!r} in "
                                        f"metadata (first in row {first + 1})", doc_id=doc_id))
    return frame[~repeated]


def _sidecar_names(frame: pd.DataFrame, label: str, on_error: ErrorHandler) -> pd.DataFrame:
    """Column names and string values that are not valid Unicode escaped; columns named like a
    kit column renamed; each reported."""
    names = {}
    for column in frame.columns:
        new = column
        if isinstance(column, str) and has_surrogates(column):
            new = escape_surrogates(column)
            on_error(Notice("invalid_unicode", label, f"column name {new!r} is not valid "
                            "Unicode; kept with escapes", "escaped"))
        if new in RESERVED_COLUMNS and new != "doc_id":
            renamed = renamed_column(new, set(frame.columns) | set(names.values()))
            on_error(Notice("renamed_column", label, rename_notice_detail(new, renamed),
                            "renamed"))
            new = renamed
        names[column] = new
    frame = frame.set_axis(pd.Index([names[c] for c in frame.columns], dtype=object), axis=1)
    for position, column in enumerate(frame.columns):
        values = frame.iloc[:, position]
        if values.dtype != object:
            continue
        for row, value in enumerate(values.tolist()):
            if not (isinstance(value, str) and has_surrogates(value)):
                continue
            value = escape_surrogates(value)
            on_error(Notice("invalid_unicode", label, f"row {frame.index[row] + 1}: {column} "
                            f"{value!r} is not valid Unicode; kept with escapes", "escaped",
                            doc_id=escape_surrogates(str(frame["doc_id"].iloc[row]))))
            frame.iloc[row, position] = value
    return frame


def _article_dates(articles: pd.DataFrame, on_error: ErrorHandler) -> pd.Series:
    """The ``date`` column as UTC timestamps. Readers give timestamps already; text from a
    custom reader is parsed here, each problem naming the article's file."""
    dates, problems = parse_dates(articles["date"])
    for problem in problems:
        row = problem.position
        on_error(CorpusError(articles["path"].iloc[row],
                             f"article {articles['doc_id'].iloc[row]}: {problem.reason}",
                             kind=problem.kind, action="set to NaT",
                             doc_id=articles["doc_id"].iloc[row]))
    return dates.set_axis(articles.index)


def _join_metadata(articles: pd.DataFrame, sidecar: pd.DataFrame,
                   on_error: ErrorHandler) -> pd.DataFrame:
    label = sidecar.attrs.get("label", "metadata")
    known = set(articles["doc_id"])
    for doc_id in sidecar["doc_id"]:
        if doc_id not in known:
            on_error(Notice("metadata_without_article", label, "metadata row has no article",
                            "ignored", doc_id=doc_id))
    described = set(sidecar["doc_id"])
    for doc_id in articles["doc_id"]:
        if doc_id not in described:
            on_error(Notice("article_without_metadata", label, "article has no metadata row",
                            "kept", doc_id=doc_id))
    overlap = [c for c in sidecar.columns if c != "doc_id" and c in articles.columns]
    for column in overlap:
        on_error(Notice("metadata_replaced", label, f"column {column!r} of the metadata "
                        "replaces the articles' own values", "replaced"))
    base = articles.drop(columns=overlap)  # the sidecar's values win over in-file columns
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
