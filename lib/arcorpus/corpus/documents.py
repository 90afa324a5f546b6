"""Readers: each turns one input file into :class:`Document` records (text + metadata).

Readers never change the text beyond decoding; the paragraph/sentence structure is built later,
in one place (:mod:`arcorpus.corpus.tables`), the same way for every format.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .decoding import decode_bytes
from .errors import CorpusError

#: Called with every bad item; raises (errors="raise") or records it (errors="skip").
ErrorHandler = Callable[[CorpusError], None]

TEXT_SUFFIXES = frozenset({".txt"})
# Lone surrogates cannot come from decoded files, but can from a user's DataFrame (e.g. text
# decoded with errors="surrogateescape"); they cannot be stored as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet"})


@dataclass
class Document:
    """One article as read from its source, before segmentation."""

    doc_id: str
    text: str
    path: str
    encoding: str | None = None
    sha256: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    line: int | None = None  # row/line of the source file for table formats


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_text_file(path: Path, label: str, doc_id: str, *, encoding: str = "auto") -> Document:
    """Read one ``.txt`` article (one paragraph a line)."""
    data = path.read_bytes()
    text, used = decode_bytes(data, label, encoding)
    return Document(doc_id=doc_id, text=text, path=label, encoding=used,
                    sha256=hashlib.sha256(data).hexdigest())


def read_table_file(
    path: Path,
    label: str,
    *,
    text_column: str,
    id_column: str | None,
    encoding: str,
    on_error: ErrorHandler,
) -> Iterator[Document]:
    """Read a CSV/TSV/JSONL/JSON/Parquet file: one article a row, extra columns as metadata."""
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        rows, row_lines, used = _read_jsonl(path, label, encoding, on_error)
        frame = pd.DataFrame.from_records(rows)
    elif suffix == ".parquet":
        used, row_lines = None, None
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several types for broken files
            raise CorpusError(label, f"not a readable Parquet file ({exc})") from None
    else:
        row_lines = None
        text, used = decode_bytes(path.read_bytes(), label, encoding)
        try:
            if suffix == ".json":
                frame = pd.DataFrame.from_records(_json_array(text, label))
            else:
                frame = pd.read_csv(io.StringIO(text), sep="\t" if suffix == ".tsv" else ",",
                                    dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, ValueError) as exc:
            if isinstance(exc, CorpusError):
                raise
            raise CorpusError(label, f"not a readable {suffix[1:].upper()} table ({exc})") from None
    yield from documents_from_frame(frame, label, text_column=text_column, id_column=id_column,
                                    encoding=used, on_error=on_error, row_lines=row_lines)


def documents_from_frame(
    frame: pd.DataFrame,
    label: str,
    *,
    text_column: str,
    id_column: str | None,
    encoding: str | None = None,
    on_error: ErrorHandler,
    row_lines: list[int] | None = None,
) -> Iterator[Document]:
    """Documents from a DataFrame: ``text_column`` is the text, other columns are metadata.

    Errors name the row (1-based, header excluded), or the file line when ``row_lines`` gives
    each row's line (JSONL).
    """
    required = [text_column] + ([id_column] if id_column else [])
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise CorpusError(label, f"missing column(s) {missing}; the table has "
                                 f"{list(map(str, frame.columns))} (set text_column=/id_column=)")
    stem = Path(label).stem
    meta_columns = [c for c in frame.columns if c not in required]
    texts = frame[text_column].tolist()
    ids = frame[id_column].tolist() if id_column else None
    metas = frame[meta_columns].to_dict("records") if meta_columns else [{}] * len(frame)
    def bad(row: int, reason: str) -> CorpusError:
        if row_lines is not None:
            return CorpusError(label, reason, line=row_lines[row])
        return CorpusError(label, f"row {row + 1}: {reason}")

    for row, (text, meta) in enumerate(zip(texts, metas, strict=True)):
        line = row_lines[row] if row_lines is not None else row + 1
        if not isinstance(text, str) or not text.strip():
            on_error(bad(row, f"empty or missing text in column {text_column!r}"))
            continue
        if surrogate := _SURROGATE.search(text):
            on_error(bad(row, f"text is not valid Unicode: lone surrogate "
                              f"U+{ord(surrogate.group()):04X} at character {surrogate.start()}"))
            continue
        if ids is not None:
            raw_id = ids[row]
            if raw_id is None or (isinstance(raw_id, float) and raw_id != raw_id) or raw_id == "":
                on_error(bad(row, f"empty id in column {id_column!r}"))
                continue
            doc_id = str(raw_id)
        else:
            doc_id = f"{stem}-{row:06d}"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        yield Document(doc_id=doc_id, text=text, path=label, encoding=encoding,
                       sha256=sha256_text(text), metadata=meta, line=line)


def _read_jsonl(path: Path, label: str, encoding: str,
                on_error: ErrorHandler) -> tuple[list[dict], list[int], str]:
    text, used = decode_bytes(path.read_bytes(), label, encoding)
    rows: list[dict] = []
    lines: list[int] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            on_error(CorpusError(label, f"malformed JSON ({exc.msg} at column {exc.colno})",
                                 line=number))
            continue
        if not isinstance(obj, dict):
            on_error(CorpusError(label, f"expected a JSON object, got {type(obj).__name__}",
                                 line=number))
            continue
        rows.append(obj)
        lines.append(number)
    return rows, lines, used


def _json_array(text: str, label: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(label, f"malformed JSON ({exc.msg})", line=exc.lineno) from None
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise CorpusError(label, "expected a JSON array of objects (or use .jsonl, one a line)")
    return data
