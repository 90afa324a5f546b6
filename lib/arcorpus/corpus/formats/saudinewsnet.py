"""SaudiNewsNet: 31,030 Saudi news articles (July-August 2015), zip files of JSON arrays.

Each ``YYYY-MM-DD.zip`` holds ``YYYY-MM-DD.json``: a JSON array of objects with ``source, url,
date_extracted, title, author, content``; ``content`` separates paragraphs with blank lines.
Known quirks (documented by the dataset): ``date_extracted`` is the crawl time, not the
publication date; 354 articles have empty content; some URLs repeat. Licence: CC BY-NC-SA 4.0,
research only.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pandas as pd

from ..boilerplate import BOILERPLATE_RULES
from ..documents import Document, ErrorHandler, sha256_text
from ..errors import CorpusError
from ..loader import Corpus, Duplicates, Errors, assemble_corpus
from ..partitioned import ParquetTarget


def load_saudinewsnet(
    path: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    errors: Errors = "skip",
    drop_duplicates: Duplicates | tuple[Duplicates, ...] | None = None,
    boilerplate: Mapping[str, str] | None = BOILERPLATE_RULES,
    timezone: str = "Asia/Riyadh",
    to_parquet: str | os.PathLike | ParquetTarget | None = None,
) -> Corpus:
    """Load SaudiNewsNet from a folder of its zip files, one zip, or one extracted ``.json``.

    Args:
        path: folder with ``YYYY-MM-DD.zip`` files (as published), a zip, a ``.json`` file,
            or a list of zip/json files.
        errors: ``"skip"`` by default because the dataset is known to hold 354 articles with
            empty content: they are listed in ``corpus.report`` (kind ``skipped``), not dropped
            silently. ``"raise"`` stops at the first one.
        drop_duplicates: ``"url"`` drops repeated URLs (always reported).
        timezone: the crawl times carry no zone; they are read in this one (the crawler ran
            on Saudi sites) and stored as timezone-aware UTC timestamps. An unreadable crawl
            time becomes NaT.
        to_parquet: a folder: stream the articles into a partitioned Parquet corpus there
            and return it, read lazily (see :mod:`arcorpus.corpus.partitioned`).

    Returns:
        A :class:`~arcorpus.corpus.Corpus`; ``articles`` has ``source, url, date, title,
        author``. ``doc_id`` is ``<file date>-<position>``, e.g. ``2015-07-21-00042``.

    Example:
        >>> corpus = load_saudinewsnet("../shared/corpora/saudinewsnet")  # doctest: +SKIP
    """
    if isinstance(path, str | os.PathLike):
        root = Path(path)
        if not root.exists():
            raise FileNotFoundError(f"{root}: no such file or folder")
        files = sorted(root.glob("*.zip")) + sorted(root.glob("*.json")) if root.is_dir() else [
            root]
        if not files:
            raise CorpusError(root, "no SaudiNewsNet .zip or .json files here")
        label = str(path)
    else:
        files = [Path(p) for p in path]
        label = ", ".join(p.name for p in files)

    def documents(on_error: ErrorHandler) -> Iterator[Document]:
        for file in files:
            try:
                yield from _read_file(file, on_error, timezone)
            except CorpusError as error:
                on_error(error)

    return assemble_corpus(documents, label=label, errors=errors,
                           drop_duplicates=drop_duplicates, boilerplate=boilerplate,
                           to_parquet=to_parquet,
                           protect=path if isinstance(path, str | os.PathLike) else None)


def _read_file(file: Path, on_error: ErrorHandler, timezone: str) -> Iterator[Document]:
    if file.suffix == ".zip":
        try:
            archive = zipfile.ZipFile(file)
        except zipfile.BadZipFile:
            raise CorpusError(file.name, "not a readable zip file") from None
        with archive:
            for member in sorted(archive.namelist()):
                if member.endswith(".json"):
                    label = f"{file.name}:{member}"
                    yield from _read_array(archive.read(member), label, Path(member).stem,
                                           on_error, timezone)
    else:
        yield from _read_array(file.read_bytes(), file.name, file.stem, on_error, timezone)


def _crawl_time(value: object, timezone: str) -> pd.Timestamp | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return pd.Timestamp(value).tz_localize(timezone)
    except ValueError:
        return None


def _read_array(data: bytes, label: str, stem: str, on_error: ErrorHandler,
                timezone: str) -> Iterator[Document]:
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(label, f"not a UTF-8 JSON array ({exc})") from None
    if not isinstance(items, list):
        raise CorpusError(label, "expected a JSON array of articles")
    for index, item in enumerate(items):
        where = index + 1
        if not isinstance(item, dict):
            on_error(CorpusError(label, f"item {where}: not a JSON object"))
            continue
        content = item.get("content")
        if not isinstance(content, str) or not content.strip():
            on_error(CorpusError(label, f"item {where}: empty content "
                                        f"({item.get('url', 'no url')})"))
            continue
        yield Document(
            doc_id=f"{stem}-{index:05d}",
            text=content,
            path=label,
            encoding="utf-8",
            sha256=sha256_text(content),
            metadata={
                "source": item.get("source") or "",
                "url": item.get("url") or "",
                "date": _crawl_time(item.get("date_extracted"), timezone),
                "title": item.get("title") or "",
                "author": item.get("author") or "",
            },
            line=where,
        )
