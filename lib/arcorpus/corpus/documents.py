"""Readers: each turns one input file into :class:`Document` records (text + metadata).

Readers never change the text beyond decoding; the paragraph/sentence structure is built later,
in one place (:mod:`arcorpus.corpus.tables`), the same way for every format. Every problem with
one row or line goes to the error handler (a :class:`CorpusError` naming the file and the row
or line); a problem with the whole file is raised as a :class:`CorpusError` naming the file.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .dates import parse_dates
from .decoding import Decoded, decode_bytes
from .errors import CorpusError, ErrorHandler, Notice
from .surrogates import unicode_problem

__all__ = ["TABLE_SUFFIXES", "TEXT_SUFFIXES", "Document", "ErrorHandler", "documents_from_frame",
           "read_table_file", "read_text_file", "sha256_text"]

TEXT_SUFFIXES = frozenset({".txt"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet"})
#: what json.loads raises: JSONDecodeError, ValueError (an integer of over 4,300 digits) and
#: RecursionError (arrays nested thousands deep)
_JSON_ERRORS = (ValueError, RecursionError)


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


def decode_file(data: bytes, label: str, encoding: str, on_error: ErrorHandler) -> Decoded:
    """:func:`decode_bytes`, reporting an ambiguous encoding (kind ``ambiguous_encoding``)."""
    decoded = decode_bytes(data, label, encoding)
    if decoded.ambiguity:
        on_error(Notice("ambiguous_encoding", label, decoded.ambiguity, "decoded as utf-8"))
    return decoded


def read_text_file(path: Path, label: str, doc_id: str, *, encoding: str = "auto",
                   on_error: ErrorHandler | None = None) -> Document:
    """Read one ``.txt`` article (one paragraph a line)."""
    data = path.read_bytes()
    if on_error is None:
        text, used, _ = decode_bytes(data, label, encoding)
    else:
        text, used, _ = decode_file(data, label, encoding, on_error)
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
    dayfirst: bool | None = None,
) -> Iterator[Document]:
    """Read a CSV/TSV/JSONL/JSON/Parquet file: one article a row, extra columns as metadata."""
    suffix = path.suffix.lower()
    row_lines = None
    if suffix in {".jsonl", ".ndjson"}:
        rows, row_lines, used = _read_jsonl(path, label, encoding, on_error)
        frame = frame_of_records(rows)
    elif suffix == ".parquet":
        used, frame = None, _read_parquet(path, label)
    else:
        text, used, _ = decode_file(path.read_bytes(), label, encoding, on_error)
        if suffix == ".json":
            frame = frame_of_records(_json_array(text, label))
        else:
            frame = read_csv_text(text, label, sep="\t" if suffix == ".tsv" else ",")
    yield from documents_from_frame(frame, label, text_column=text_column, id_column=id_column,
                                    encoding=used, on_error=on_error, row_lines=row_lines,
                                    dayfirst=dayfirst)


def read_csv_text(text: str, label: str, *, sep: str = ",") -> pd.DataFrame:
    """A CSV/TSV table of strings (empty cells stay ``""``).

    A header that repeats a column name is an error (pandas would rename the copy ``name.1``),
    and so is a row with more fields than the header: pandas would silently turn the extra
    leading fields into an index and shift every value into the wrong column. (A row with fewer
    fields reads its missing cells as empty, as CSV readers do.)
    """
    kind = "TSV" if sep == "\t" else "CSV"
    try:
        raw = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str,
                          keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise CorpusError(label, f"not a readable {kind} table ({str(exc).strip()})") from None
    names = raw.iloc[0].tolist()
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise CorpusError(label, f"the header repeats the column name(s) {repeated}")
    frame = raw.iloc[1:].reset_index(drop=True)
    frame.columns = names
    return frame


def frame_of_records(rows: list[dict]) -> pd.DataFrame:
    """JSON objects as a table of Python objects: pandas' string columns would refuse the lone
    surrogates a JSON ``\\ud800`` escape makes, before the loader can report them."""
    keys = list(dict.fromkeys(key for row in rows for key in row))
    frame = pd.DataFrame({i: pd.Series([row.get(key) for row in rows], dtype=object)
                          for i, key in enumerate(keys)}, index=range(len(rows)))
    frame.columns = pd.Index(keys, dtype=object)
    return frame


def documents_from_frame(
    frame: pd.DataFrame,
    label: str,
    *,
    text_column: str,
    id_column: str | None,
    encoding: str | None = None,
    on_error: ErrorHandler,
    row_lines: list[int] | None = None,
    dayfirst: bool | None = None,
) -> Iterator[Document]:
    """Documents from a DataFrame: ``text_column`` is the text, other columns are metadata.

    Errors name the row (1-based, header excluded), or the file line when ``row_lines`` gives
    each row's line (JSONL). A ``date`` column is parsed (see :mod:`arcorpus.corpus.dates`);
    a date that cannot be read is reported and kept as NaT.
    """
    repeated = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
    if repeated:
        raise CorpusError(label, f"the table repeats the column name(s) {repeated}")
    required = [text_column] + ([id_column] if id_column else [])
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise CorpusError(label, f"missing column(s) {missing}; the table has "
                                 f"{list(map(str, frame.columns))} (set text_column=/id_column=)")
    stem = Path(label).stem
    meta_positions = [i for i, c in enumerate(frame.columns) if c not in required]
    meta_columns = [frame.columns[i] for i in meta_positions]
    date_problems = {}
    if "date" in meta_columns:
        dates, problems = parse_dates(frame["date"], dayfirst=dayfirst)
        frame = frame.assign(date=dates.set_axis(frame.index))
        date_problems = {p.position: p for p in problems}
    texts = frame[text_column].tolist()
    ids = frame[id_column].tolist() if id_column else None
    # by position: a column name pandas cannot index (a lone surrogate) is still read, and
    # reported by the loader
    values = zip(*(frame.iloc[:, i].tolist() for i in meta_positions), strict=True)
    metas = ([dict(zip(meta_columns, row, strict=True)) for row in values] if meta_columns
             else [{}] * len(frame))

    def bad(row: int, reason: str, **how: str) -> CorpusError:
        if row_lines is not None:
            return CorpusError(label, reason, line=row_lines[row], **how)
        return CorpusError(label, f"row {row + 1}: {reason}", **how)

    for row, (text, meta) in enumerate(zip(texts, metas, strict=True)):
        line = row_lines[row] if row_lines is not None else row + 1
        reason = _text_problem(text, text_column)
        if reason:
            on_error(bad(row, reason))
            continue
        if ids is not None:
            raw_id = ids[row]
            if raw_id is None or (isinstance(raw_id, float) and raw_id != raw_id) or raw_id == "":
                on_error(bad(row, f"empty id in column {id_column!r}"))
                continue
            doc_id = str(raw_id)
        else:  # the data row, or the 0-based line of JSONL: ids do not move when a line is bad
            doc_id = f"{stem}-{line - 1:06d}"
        if row in date_problems:
            on_error(bad(row, date_problems[row].reason, kind=date_problems[row].kind,
                         action="set to NaT", doc_id=doc_id))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        yield Document(doc_id=doc_id, text=text, path=label, encoding=encoding,
                       sha256=sha256_text(text), metadata=meta, line=line)


def _text_problem(text: object, column: str) -> str | None:
    """Why a cell cannot be an article text, or None."""
    if text is None or (isinstance(text, float) and text != text):
        return f"empty or missing text in column {column!r}"
    if not isinstance(text, str):
        return f"the text in column {column!r} is not a string ({type(text).__name__})"
    if not text.strip():
        return f"empty or missing text in column {column!r}"
    problem = unicode_problem(text)
    return f"text is not valid Unicode: {problem}" if problem else None


def _read_jsonl(path: Path, label: str, encoding: str,
                on_error: ErrorHandler) -> tuple[list[dict], list[int], str]:
    text, used, _ = decode_file(path.read_bytes(), label, encoding, on_error)
    rows: list[dict] = []
    lines: list[int] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except _JSON_ERRORS as exc:
            on_error(CorpusError(label, f"malformed JSON ({_json_reason(exc)})", line=number))
            continue
        if not isinstance(obj, dict):
            on_error(CorpusError(label, f"expected a JSON object, got {type(obj).__name__}",
                                 line=number))
            continue
        rows.append(obj)
        lines.append(number)
    return rows, lines, used


def _json_reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)


def _json_array(text: str, label: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(label, f"malformed JSON ({exc.msg})", line=exc.lineno) from None
    except _JSON_ERRORS as exc:
        raise CorpusError(label, f"malformed JSON ({_json_reason(exc)})") from None
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise CorpusError(label, "expected a JSON array of objects (or use .jsonl, one a line)")
    return data


def _read_parquet(path: Path, label: str) -> pd.DataFrame:
    """A Parquet file as a DataFrame. Strings that are not valid UTF-8 (Arrow does not check
    them when reading) are decoded with their bad bytes as lone surrogates, so that the rows
    holding them are reported like any text that is not valid Unicode."""
    if path.stat().st_size == 0:
        raise CorpusError(label, "empty file")
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError, ValueError, TypeError) as exc:
        # pyarrow raises several types for broken files and unsupported types
        raise CorpusError(label, f"not a readable Parquet file ({exc})") from None
    names = table.column_names
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise CorpusError(label, f"the table repeats the column name(s) {repeated}")
    try:
        return pd.DataFrame({name: _valid_strings(table.column(name)) for name in names})
    except (pa.ArrowException, ValueError, TypeError) as exc:
        raise CorpusError(label, f"Parquet data that pandas cannot hold ({exc})") from None


def _valid_strings(column: pa.ChunkedArray) -> pd.Series:
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return column.to_pandas()
    try:
        column.validate(full=True)
    except pa.ArrowInvalid:
        raw = column.cast(pa.large_binary() if pa.types.is_large_string(column.type)
                          else pa.binary())
        return pd.Series([None if v is None else v.decode("utf-8", "surrogateescape")
                          for v in raw.to_pylist()], dtype=object)
    return column.to_pandas()
