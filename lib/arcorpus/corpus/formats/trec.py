"""TREC-style pseudo-XML articles, one file per article, as in the ANT Arabic news corpora.

A file looks like::

    <DOC>
    <DOCNO>..</DOCNO><URL>..</URL><SRC>..</SRC><CAT>..</CAT><TITLE>..</TITLE>
    <TIME>Sun, 15 Jul 2018 21:56:56 +0400</TIME><AUTHOR>..</AUTHOR><ABSTRACT>..</ABSTRACT>
    <TEXT>
    one paragraph a line
    </TEXT>
    </DOC>

in ``<Source>/<category>/<DOCNO>.txt`` folders. It is *not* well-formed XML: raw ``&``, ``<``
and quotes appear in the text, so an XML parser rejects real files. Why hand-written: the format
is a fixed list of tags, each used once, so a tolerant tag scanner is both simpler and more
robust than forcing an XML or HTML parser through it. Entities are not decoded (the text is
kept as published).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from email.utils import parsedate_to_datetime
from pathlib import Path

from ..boilerplate import BOILERPLATE_RULES
from ..decoding import decode_bytes
from ..documents import Document, ErrorHandler
from ..errors import CorpusError
from ..loader import Corpus, Duplicates, Errors, assemble_corpus
from ..partitioned import ParquetTarget

FIELDS = {"DOCNO": "docno", "URL": "url", "SRC": "source", "CAT": "category",
          "TITLE": "title", "TIME": "date", "AUTHOR": "author", "ABSTRACT": "abstract"}
_TAG = re.compile(r"<(DOCNO|URL|SRC|CAT|TITLE|TIME|AUTHOR|ABSTRACT|TEXT)>(.*?)</\1>", re.S)


def parse_trec_document(text: str, label: str) -> tuple[str, dict[str, str]]:
    """Split one pseudo-XML article into ``(text, fields)``; raise CorpusError if malformed.

    >>> body, fields = parse_trec_document(
    ...     "<DOC><DOCNO>a1</DOCNO><TEXT>\\nسطر & آخر\\n</TEXT></DOC>", "a1.txt")
    >>> body.strip(), fields["docno"]
    ('سطر & آخر', 'a1')
    """
    if "<DOC>" not in text:
        raise CorpusError(label, "not a TREC-style article: no <DOC> tag")
    fields: dict[str, str] = {}
    body = None
    for match in _TAG.finditer(text):
        tag, value = match.groups()
        if tag == "TEXT":
            body = value if body is None else body + "\n" + value
        else:
            fields.setdefault(FIELDS[tag], value.strip())
    if body is None:
        opened = "<TEXT>" in text
        raise CorpusError(label, "<TEXT> is not closed by </TEXT>" if opened else "no <TEXT>")
    return body, fields


def load_trec(
    path: str | os.PathLike,
    *,
    pattern: str = "*.txt",
    encoding: str = "auto",
    errors: Errors = "raise",
    drop_duplicates: Duplicates | tuple[Duplicates, ...] | None = None,
    boilerplate: Mapping[str, str] | None = BOILERPLATE_RULES,
    to_parquet: str | os.PathLike | ParquetTarget | None = None,
) -> Corpus:
    """Load a folder of TREC-style pseudo-XML articles (``<Source>/<category>/<DOCNO>.txt``).

    ``source`` and ``category`` come from ``<SRC>``/``<CAT>``, or from the two folder levels
    when a tag is missing; ``date`` is ``<TIME>`` parsed to a timezone-aware UTC timestamp;
    ``doc_id`` is ``<DOCNO>`` (the file stem when absent). Repeated URLs are reported (kind
    ``duplicate_url``) and dropped with ``drop_duplicates="url"``. With ``to_parquet=folder``
    the articles are streamed into a partitioned Parquet corpus there, returned read lazily.

    Example:
        >>> corpus = load_trec("ANT/")  # doctest: +SKIP
    """
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"{root}: no such file or folder")

    def documents(on_error: ErrorHandler) -> Iterator[Document]:
        files = [root] if root.is_file() else sorted(p for p in root.rglob(pattern) if p.is_file())
        for file in files:
            label = file.name if root.is_file() else file.relative_to(root).as_posix()
            try:
                yield _read_one(file, label, encoding)
            except CorpusError as error:
                on_error(error)

    return assemble_corpus(documents, label=str(path), errors=errors,
                           drop_duplicates=drop_duplicates, boilerplate=boilerplate,
                           to_parquet=to_parquet, protect=root)


def _read_one(file: Path, label: str, encoding: str) -> Document:
    data = file.read_bytes()
    text, used = decode_bytes(data, label, encoding)
    body, fields = parse_trec_document(text, label)
    parts = Path(label).parts
    if not fields.get("source") and len(parts) >= 3:
        fields["source"] = parts[-3]
    if not fields.get("category") and len(parts) >= 2:
        fields["category"] = parts[-2]
    if fields.get("date"):
        try:
            fields["date"] = parsedate_to_datetime(fields["date"])
        except (TypeError, ValueError):
            raise CorpusError(label,
                              f"<TIME> is not an RFC 2822 date: {fields['date']!r}") from None
    return Document(
        doc_id=fields.pop("docno", "") or file.stem,
        text=body,
        path=label,
        encoding=used,
        sha256=hashlib.sha256(data).hexdigest(),
        metadata={k: fields.get(k) for k in ("source", "category", "url", "date", "title",
                                            "author", "abstract")},
    )
