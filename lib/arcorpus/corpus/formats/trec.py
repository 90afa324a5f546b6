"""TREC-style pseudo-XML articles, as in the ANT Arabic news corpora.

A file looks like::

    <DOC>
    <DOCNO>..</DOCNO><URL>..</URL><SRC>..</SRC><CAT>..</CAT><TITLE>..</TITLE>
    <TIME>Sun, 15 Jul 2018 21:56:56 +0400</TIME><AUTHOR>..</AUTHOR><ABSTRACT>..</ABSTRACT>
    <TEXT>
    one paragraph a line
    </TEXT>
    </DOC>

in ``<Source>/<category>/<DOCNO>.txt`` folders (one ``<DOC>`` a file; a file with several is
read as several articles). It is *not* well-formed XML: raw ``&``, ``<`` and quotes appear in the
text, so an XML parser rejects real files. How a file is read:

- Every ``<DOC>`` is its own article: it runs to the last ``</DOC>`` before the next ``<DOC>``
  (or the end of the file).
- The body runs from the first ``<TEXT>`` to the last ``</TEXT>`` of the document: tags inside
  the body (``</TEXT>``, ``</DOC>``, ``<P>``, ``<المعارك>``) are text; only ``<DOC>`` itself
  starts a new document.
- Outside the body, the fields ``DOCNO URL SRC CAT TITLE TIME AUTHOR ABSTRACT`` are read (the
  first of each). Whatever else is there (an unknown or unclosed tag, a repeated field, stray
  text, text between documents) is reported (kind ``unplaced``, action ``ignored``), never
  dropped silently.

Why hand-written: the format is a fixed list of tags, so a tolerant scanner is both simpler and
more robust than forcing an XML or HTML parser through it. It is linear in the file size.
Entities are not decoded (the text is kept as published).
"""

from __future__ import annotations

import hashlib
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath

import pandas as pd

from ...progress import progress_bar
from ..boilerplate import BOILERPLATE_RULES
from ..documents import Document, ErrorHandler, decode_file, sha256_text
from ..errors import CorpusError, Notice
from ..files import Symlinks, list_files, single_file
from ..loader import Corpus, Duplicates, Errors, assemble_corpus
from ..partitioned import ParquetTarget

FIELDS = {"DOCNO": "docno", "URL": "url", "SRC": "source", "CAT": "category",
          "TITLE": "title", "TIME": "date", "AUTHOR": "author", "ABSTRACT": "abstract"}
_OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9_.-]*)>")
_CLOSE_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9_.-]*)>")


@dataclass
class TrecDocument:
    """One ``<DOC>``: where it starts (1-based line; None when it is the file's only one), its
    body, its fields, and the pieces the parser could not place, as ``(line, description)``."""

    line: int | None
    text: str
    fields: dict[str, str]
    unplaced: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class TrecFile:
    """A parsed file: its documents in order (a :class:`CorpusError` naming the file and line
    in place of one that cannot be read) and the text found outside every ``<DOC>``."""

    documents: list[TrecDocument | CorpusError]
    unplaced: list[tuple[int, str]]


class _Lines:
    """Offset -> 1-based line number, by bisection over the newline offsets."""

    def __init__(self, text: str) -> None:
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> int:
        return bisect_right(self.newlines, offset - 1) + 1


def parse_trec(text: str, label: str) -> TrecFile:
    """Split the text of one file into its documents.

    >>> [d.fields["docno"] for d in parse_trec(
    ...     "<DOC><DOCNO>a</DOCNO><TEXT>x</TEXT></DOC>\\n<DOC><DOCNO>b</DOCNO><TEXT>y</TEXT></DOC>",
    ...     "two.txt").documents]
    ['a', 'b']
    """
    if "<DOC>" not in text:
        raise CorpusError(label, "not a TREC-style article: no <DOC> tag")
    lines = _Lines(text)
    parsed = TrecFile([], [])
    start = text.find("<DOC>")
    _note_stray(text[:start], 0, lines, parsed.unplaced)
    while start >= 0:
        following = text.find("<DOC>", start + len("<DOC>"))
        limit = len(text) if following < 0 else following
        end = text.rfind("</DOC>", start, limit)
        end, after = (limit, limit) if end < 0 else (end, end + len("</DOC>"))
        parsed.documents.append(_parse_document(text, start + len("<DOC>"), end, lines(start),
                                                lines, label))
        _note_stray(text[after:limit], after, lines, parsed.unplaced)
        start = following
    if len(parsed.documents) == 1:  # the file is the article: no line to name
        only = parsed.documents[0]
        if isinstance(only, CorpusError):
            parsed.documents[0] = CorpusError(label, only.reason)
        else:
            only.line = None
    return parsed


def _note_stray(piece: str, offset: int, lines: _Lines, into: list) -> None:
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        into.append((lines(offset + lead), f"text {_excerpt(piece)!r}"))


def _excerpt(piece: str, size: int = 60) -> str:
    piece = " ".join(piece.split())
    return piece if len(piece) <= size else piece[:size] + "…"


def _parse_document(text: str, begin: int, end: int, line: int, lines: _Lines,
                    label: str) -> TrecDocument | CorpusError:
    body_open = text.find("<TEXT>", begin, end)
    if body_open < 0:
        return CorpusError(label, "no <TEXT> in this <DOC>", line=line)
    body_close = text.rfind("</TEXT>", body_open, end)
    if body_close < 0:
        return CorpusError(label, "<TEXT> is not closed by </TEXT>", line=line)
    doc = TrecDocument(line, text[body_open + len("<TEXT>"):body_close], {})
    _read_fields(text, begin, body_open, lines, doc)
    _read_fields(text, body_close + len("</TEXT>"), end, lines, doc)
    return doc


def _read_fields(text: str, begin: int, end: int, lines: _Lines, doc: TrecDocument) -> None:
    """Fields between ``begin`` and ``end``; anything else goes to ``doc.unplaced``. Linear:
    every close tag is found once and looked up by bisection."""
    piece = text[begin:end]
    closes: dict[str, list[int]] = {}
    for match in _CLOSE_TAG.finditer(piece):
        closes.setdefault(match.group(1), []).append(match.start())
    position = 0
    for opened in _OPEN_TAG.finditer(piece):
        if opened.start() < position:
            continue  # inside the value of the previous field
        _note_stray(piece[position:opened.start()], begin + position, lines, doc.unplaced)
        tag = opened.group(1)
        candidates = closes.get(tag, [])
        index = bisect_left(candidates, opened.end())
        where = lines(begin + opened.start())
        if index == len(candidates):
            doc.unplaced.append((where, f"<{tag}> is not closed"))
            position = opened.end()
            continue
        value = piece[opened.end():candidates[index]]
        position = candidates[index] + len(tag) + 3
        name = FIELDS.get(tag)
        if name is None:
            doc.unplaced.append((where, f"unknown tag <{tag}>: {_excerpt(value)!r}"))
        elif name in doc.fields:
            doc.unplaced.append((where, f"repeated <{tag}> (the first is kept): "
                                        f"{_excerpt(value)!r}"))
        else:
            doc.fields[name] = value.strip()
    _note_stray(piece[position:], begin + position, lines, doc.unplaced)


def parse_trec_document(text: str, label: str) -> tuple[str, dict[str, str]]:
    """Split a text holding one pseudo-XML article into ``(text, fields)``; raise CorpusError
    if it is malformed or holds several (use :func:`parse_trec` for those).

    >>> body, fields = parse_trec_document(
    ...     "<DOC><DOCNO>a1</DOCNO><TEXT>\\nسطر & آخر\\n</TEXT></DOC>", "a1.txt")
    >>> body.strip(), fields["docno"]
    ('سطر & آخر', 'a1')
    """
    documents = parse_trec(text, label).documents
    if len(documents) != 1:
        raise CorpusError(label, f"holds {len(documents)} <DOC>s; use parse_trec")
    if isinstance(documents[0], CorpusError):
        raise documents[0]
    return documents[0].text, documents[0].fields


def load_trec(
    path: str | os.PathLike,
    *,
    pattern: str = "*.txt",
    encoding: str = "auto",
    errors: Errors = "raise",
    drop_duplicates: Duplicates | tuple[Duplicates, ...] | None = None,
    boilerplate: Mapping[str, str] | None = BOILERPLATE_RULES,
    progress: bool | None = None,
    symlinks: Symlinks = "inside",
    to_parquet: str | os.PathLike | ParquetTarget | None = None,
) -> Corpus:
    """Load a folder (or one file) of TREC-style pseudo-XML articles
    (``<Source>/<category>/<DOCNO>.txt``).

    ``source`` and ``category`` come from ``<SRC>``/``<CAT>``, or from the two folder levels
    when a tag is missing; ``date`` is ``<TIME>`` (RFC 2822) as a timezone-aware UTC timestamp
    (one that cannot be read is reported and kept as NaT with ``errors="skip"``); ``doc_id`` is
    ``<DOCNO>`` (else the file stem, ``<stem>-<n>`` in a file of several documents). Repeated
    URLs are reported (kind ``duplicate_url``) and dropped with ``drop_duplicates="url"``.
    ``progress`` shows a progress bar (by default for 2,000+ files); ``symlinks`` as in
    :func:`~arcorpus.corpus.load_corpus`. With ``to_parquet=folder`` the articles are streamed
    into a partitioned Parquet corpus there, returned read lazily.

    Example:
        >>> corpus = load_trec("ANT/")  # doctest: +SKIP
    """
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"{root}: no such file or folder")

    def documents(on_error: ErrorHandler) -> Iterator[Document]:
        files = (list_files(root, pattern, symlinks=symlinks, report=on_error)
                 if root.is_dir() else [single_file(root, on_error)])
        for file, label in progress_bar(files, desc="loading", unit="file", enabled=progress):
            try:
                yield from _read_file(file, label, encoding, on_error)
            except CorpusError as error:
                on_error(error)
            except OSError as exc:
                on_error(CorpusError(label, f"cannot read ({exc.strerror or exc})"))

    return assemble_corpus(documents, label=str(path), errors=errors,
                           drop_duplicates=drop_duplicates, boilerplate=boilerplate,
                           to_parquet=to_parquet, protect=root)


def _read_file(file: Path, label: str, encoding: str,
               on_error: ErrorHandler) -> Iterator[Document]:
    data = file.read_bytes()
    text, used, _ = decode_file(data, label, encoding, on_error)
    parsed = parse_trec(text, label)
    for line, what in parsed.unplaced:
        on_error(Notice("unplaced", label, f"outside any <DOC>: {what}", "ignored", line))
    several = len(parsed.documents) > 1
    stem = PurePosixPath(label).stem
    for number, doc in enumerate(parsed.documents, start=1):
        if isinstance(doc, CorpusError):
            on_error(doc)
            continue
        fields = doc.fields
        doc_id = fields.pop("docno", "") or (f"{stem}-{number}" if several else stem)
        for line, what in doc.unplaced:
            on_error(Notice("unplaced", label, f"not placed: {what}", "ignored", line, doc_id))
        _folder_fields(fields, label)
        date = _date(fields.get("date"), label, doc.line, doc_id, on_error)
        yield Document(
            doc_id=doc_id,
            text=doc.text,
            path=label,
            encoding=used,
            sha256=sha256_text(doc.text) if several else hashlib.sha256(data).hexdigest(),
            metadata={**{k: fields.get(k) for k in ("source", "category", "url")},
                      "date": date,
                      **{k: fields.get(k) for k in ("title", "author", "abstract")}},
            line=doc.line,
        )


def _folder_fields(fields: dict[str, str], label: str) -> None:
    """``source`` and ``category`` from the folders when the tags are missing."""
    parts = PurePosixPath(label).parts
    if not fields.get("source") and len(parts) >= 3:
        fields["source"] = parts[-3]
    if not fields.get("category") and len(parts) >= 2:
        fields["category"] = parts[-2]


def _date(value: str | None, label: str, line: int | None, doc_id: str,
          on_error: ErrorHandler) -> pd.Timestamp | None:
    """``<TIME>`` as a UTC timestamp (a date without zone, RFC 2822's ``-0000``, as UTC)."""
    if not value:
        return None
    try:
        stamp = pd.Timestamp(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        on_error(CorpusError(label, f"<TIME> is not an RFC 2822 date: {value!r}", line=line,
                             kind="invalid_date", action="set to NaT", doc_id=doc_id))
        return None
    return stamp.tz_convert("UTC") if stamp.tzinfo else stamp.tz_localize("UTC")
