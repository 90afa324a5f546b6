"""Build the tidy tables (articles, paragraphs, sentences, report) from documents.

This is the only place that decides what a paragraph, a sentence and boilerplate are, so every
reader (folders, CSV, JSONL, Parquet, SaudiNewsNet, TREC) gives the same tables.

The *article text* (``articles.text``) is the document's non-empty paragraphs that are not
boilerplate, each trimmed of surrounding white space and joined by ``"\\n"``. Characters inside a
paragraph are never changed (no normalisation, diacritics kept). Paragraph and sentence
``start``/``end`` are offsets into that text: ``text[start:end] == unit``.

Memory: article texts are moved into Arrow arrays every few thousand documents, and paragraphs
and sentences are kept as integer spans; their text columns are sliced out of the article texts
when the tables are first asked for (:func:`units_table`). A loaded corpus therefore holds its
text once, not three times.
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from .boilerplate import BoilerplateMatcher
from .documents import Document
from .segment import ABBREVIATIONS, split_sentences
from .spans import locate

ARTICLE_COLUMNS = ["doc_id", "text", "boilerplate", "n_paragraphs", "n_words", "n_chars"]
SOURCE_COLUMNS = ["path", "encoding", "sha256"]
REPORT_COLUMNS = ["kind", "path", "line", "doc_id", "detail", "action"]
PARAGRAPH_SPANS = ("doc", "para_id", "start", "end")
CHUNK = 4096  # documents per Arrow chunk


def string_column(values) -> pd.Series:
    """A column of text in pandas' ``str`` dtype from a list or a (chunked) Arrow array.

    Arrow UTF-8 storage takes about 2 bytes an Arabic character, against Python objects'
    2 bytes plus ~60 bytes of overhead per string.
    """
    if not isinstance(values, pa.Array | pa.ChunkedArray):
        values = pa.array(values, type=pa.large_string())
    return pd.Series(values, dtype="str")


@dataclass
class ReportLog:
    """Rows of the load report, collected while loading."""

    rows: list[tuple] = field(default_factory=list)

    def add(self, kind: str, path: str | None, line: int | None, doc_id: str | None,
            detail: str, action: str) -> None:
        self.rows.append((kind, path, line, doc_id, detail, action))

    def frame(self) -> pd.DataFrame:
        report = pd.DataFrame(self.rows, columns=REPORT_COLUMNS)
        report["line"] = report["line"].astype("Int64")
        return report


class _ChunkedStrings:
    """Append Python strings; every CHUNK of them is moved into an Arrow array."""

    def __init__(self) -> None:
        self.pending: list[str | None] = []
        self.chunks: list[pa.Array] = []

    def append(self, value: str | None) -> None:
        self.pending.append(value)
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.chunks.append(pa.array(self.pending, type=pa.large_string()))
            self.pending = []

    def series(self) -> pd.Series:
        self.flush()
        return string_column(pa.chunked_array(self.chunks, type=pa.large_string()))


class TableBuilder:
    """Accumulate documents; :meth:`finish` returns the articles table and the unit spans."""

    def __init__(self, matcher: BoilerplateMatcher, log: ReportLog) -> None:
        self.matcher = matcher
        self.log = log
        self.strings = {name: _ChunkedStrings() for name in ("doc_id", "text", "boilerplate",
                                                              "path", "encoding", "sha256")}
        self.counts = {name: array("q") for name in ARTICLE_COLUMNS[3:]}
        self.metadata: list[dict] = []
        self.paragraph_spans = {name: array("q") for name in PARAGRAPH_SPANS}
        self.n_docs = 0
        # duplicate texts, found by a 16-byte digest of each analysis text (holding or hashing
        # the texts themselves at the end would need a second copy of the corpus in memory)
        self._first_with_digest: dict[bytes, str] = {}
        self.text_duplicates: list[tuple[int, str]] = []  # (row, doc_id of the first copy)

    def add(self, doc: Document, source: str | None = None) -> None:
        """Add one document; ``source`` picks the boilerplate rules limited to one source."""
        kept, set_aside = self.matcher.split_document(doc.text, source)
        boiler = [text for _, _, text in set_aside]
        for how, rule, paragraph in set_aside:  # how: "rule" (a paragraph) or "tail"
            self.log.add("boilerplate", doc.path, doc.line, doc.doc_id,
                         f"{how} {rule}: {paragraph[:60]}",
                         "set aside" if how == "rule" else "cut off the last paragraph")
        text = "\n".join(kept)
        if not kept:
            self.log.add("empty_after_boilerplate", doc.path, doc.line, doc.doc_id,
                         "every paragraph is boilerplate; the article has no analysis text",
                         "kept")
        index = self.n_docs
        self.n_docs += 1
        if text:
            digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
            first = self._first_with_digest.setdefault(digest, doc.doc_id)
            if first != doc.doc_id:
                self.text_duplicates.append((index, first))

        starts: list[int] = []
        ends: list[int] = []
        position = 0
        for paragraph in kept:
            starts.append(position)
            position += len(paragraph)
            ends.append(position)
            position += 1
        spans = self.paragraph_spans
        spans["doc"].extend([index] * len(kept))
        spans["para_id"].extend(range(len(kept)))
        spans["start"].extend(starts)
        spans["end"].extend(ends)

        strings, counts = self.strings, self.counts
        strings["doc_id"].append(doc.doc_id)
        strings["text"].append(text)
        strings["boilerplate"].append("\n".join(boiler))
        strings["path"].append(doc.path)
        strings["encoding"].append(doc.encoding)
        strings["sha256"].append(doc.sha256)
        counts["n_paragraphs"].append(len(kept))
        counts["n_words"].append(len(text.split()))
        counts["n_chars"].append(len(text))
        self.metadata.append(doc.metadata)

    def finish(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Return ``(articles, paragraph_spans)``; spans refer to articles by row position
        (column ``doc``). Sentences are split later, on first use (:func:`sentence_spans`)."""
        columns = {name: self.strings[name].series() for name in ("doc_id", "text",
                                                                  "boilerplate")}
        columns.update({name: np.frombuffer(self.counts[name], dtype=np.int64)
                        for name in ARTICLE_COLUMNS[3:]})
        articles = pd.DataFrame(columns)
        if any(self.metadata):
            meta = pd.DataFrame.from_records(self.metadata, index=articles.index)
            meta = meta[[c for c in meta.columns if c not in articles.columns]]
            for column in meta.columns:
                if meta[column].map(lambda v: isinstance(v, str) or v is None).all():
                    meta[column] = meta[column].astype("str")
            articles = pd.concat([articles, meta], axis=1)
        for name in SOURCE_COLUMNS:
            articles[name] = self.strings[name].series()
        return articles, _spans_frame(self.paragraph_spans)


def _spans_frame(columns: dict[str, array]) -> pd.DataFrame:
    return pd.DataFrame({name: np.frombuffer(values, dtype=np.int64) if len(values) else
                         np.zeros(0, dtype=np.int64) for name, values in columns.items()})


def sentence_spans(texts: pd.Series, paragraph_spans: pd.DataFrame, *,
                   abbreviations: frozenset[str] = ABBREVIATIONS) -> pd.DataFrame:
    """Sentence spans (``doc, para_id, sent_id, start, end``) of the article ``texts``, split
    :data:`CHUNK` articles at a time; ``para_id`` from the paragraph spans (a sentence never
    crosses a line end, so it lies inside one paragraph)."""
    parts = []
    for first in range(0, len(texts), CHUNK):
        spans = split_sentences(texts.iloc[first:first + CHUNK].tolist(),
                                abbreviations=abbreviations)
        spans["doc"] = spans["doc"] + first
        parts.append(spans)
    columns = {name: np.concatenate([p[name] for p in parts]) if parts else
               np.zeros(0, dtype=np.int64) for name in ("doc", "sent_id", "start", "end")}
    para = paragraph_spans
    position = locate(para["doc"], para["start"], columns["doc"], columns["start"])
    return pd.DataFrame({"doc": columns["doc"], "para_id": para["para_id"].to_numpy()[position],
                         "sent_id": columns["sent_id"], "start": columns["start"],
                         "end": columns["end"]})


def units_table(articles: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """Materialise a paragraph or sentence table from spans: ``doc_id``, ids, ``text``,
    ``start``, ``end``. Text is sliced article by article in chunks, so the transient memory
    is bounded whatever the corpus size."""
    doc = spans["doc"].to_numpy()
    starts, ends = spans["start"].to_numpy(), spans["end"].to_numpy()
    texts = articles["text"]
    chunks = []
    for first in range(0, len(articles), CHUNK):
        last = min(first + CHUNK, len(articles))
        lo, hi = np.searchsorted(doc, [first, last])
        block = texts.iloc[first:last].tolist()
        chunks.append(pa.array(
            [block[d - first][s:e] for d, s, e in zip(doc[lo:hi].tolist(), starts[lo:hi].tolist(),
                                                      ends[lo:hi].tolist(), strict=True)],
            type=pa.large_string()))
    table = pd.DataFrame({"doc_id": articles["doc_id"].take(doc).reset_index(drop=True)})
    for name in spans.columns:
        if name not in ("doc", "start", "end"):
            table[name] = spans[name].to_numpy()
    table["text"] = string_column(pa.chunked_array(chunks, type=pa.large_string()))
    table["start"] = starts
    table["end"] = ends
    return table
