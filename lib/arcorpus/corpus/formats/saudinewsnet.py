"""SaudiNewsNet: 31,030 Saudi news articles (July-August 2015), zip files of JSON arrays.

Each ``YYYY-MM-DD.zip`` holds ``YYYY-MM-DD.json``: a JSON array of objects with ``source, url,
date_extracted, title, author, content``; ``content`` separates paragraphs with blank lines.
Known quirks (documented by the dataset): ``date_extracted`` is the crawl time, not the
publication date; 354 articles have empty content; some URLs repeat. Licence: CC BY-NC-SA 4.0,
research only.
"""

from __future__ import annotations

import json
import lzma
import os
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath

from ..boilerplate import BOILERPLATE_RULES
from ..dates import parse_dates
from ..documents import Document, ErrorHandler, sha256_text
from ..errors import CorpusError, Notice
from ..files import list_files, single_file
from ..loader import Corpus, Duplicates, Errors, assemble_corpus
from ..partitioned import ParquetTarget
from ..surrogates import unicode_problem

#: the largest a zip member may expand to (the published members are 4-13 MB): a member that
#: would expand further (a "zip bomb") is skipped and reported, read no further than this
MAX_MEMBER_BYTES = 256 * 2**20
_CHUNK = 2**20  # bytes decompressed at a time
_FIELDS = ("source", "url", "title", "author")
#: what zipfile raises for one damaged, encrypted or oddly compressed member
_MEMBER_ERRORS = (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error,
                  lzma.LZMAError, EOFError, OSError, ValueError)


def load_saudinewsnet(
    path: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    errors: Errors = "skip",
    drop_duplicates: Duplicates | tuple[Duplicates, ...] | None = None,
    boilerplate: Mapping[str, str] | None = BOILERPLATE_RULES,
    timezone: str = "Asia/Riyadh",
    max_member_bytes: int = MAX_MEMBER_BYTES,
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
        timezone: crawl times without a zone are read in this one (the crawler ran on Saudi
            sites); a time with a zone or offset keeps it. Both are stored as timezone-aware
            UTC timestamps. A crawl time that cannot be read is reported (kind
            ``invalid_date``) and kept as NaT.
        max_member_bytes: a zip member that expands beyond this many bytes (256 MB; the
            published ones are 4-13 MB) is skipped and reported; it is read in 1 MB pieces,
            so a "zip bomb" costs no more memory than this.
        to_parquet: a folder: stream the articles into a partitioned Parquet corpus there
            and return it, read lazily (see :mod:`arcorpus.corpus.partitioned`).

    Returns:
        A :class:`~arcorpus.corpus.Corpus`; ``articles`` has ``source, url, date, title,
        author``. ``doc_id`` is ``<file date>-<position>``, e.g. ``2015-07-21-00042``.

    Every damaged, encrypted or oddly compressed zip member, JSON that is not an array of
    articles, and item that is not an article is reported (or raised with ``errors="raise"``)
    naming the file, the member and the item; members that are not ``.json`` are reported
    and ignored.

    Example:
        >>> corpus = load_saudinewsnet("../shared/corpora/saudinewsnet")  # doctest: +SKIP
    """
    if isinstance(path, str | os.PathLike):
        root = Path(path)
        if not root.exists():
            raise FileNotFoundError(f"{root}: no such file or folder")
        label = str(path)
        paths = None
    else:
        root, paths = None, [Path(p) for p in path]
        label = ", ".join(p.name for p in paths)

    def documents(on_error: ErrorHandler) -> Iterator[Document]:
        for file, name in _files(root, paths, on_error):
            try:
                if file.suffix == ".zip":
                    yield from _read_zip(file, name, on_error, timezone, max_member_bytes)
                else:
                    yield from _read_array(file.read_bytes(), name, PurePosixPath(name).stem,
                                           on_error, timezone)
            except CorpusError as error:
                on_error(error)
            except OSError as exc:
                on_error(CorpusError(name, f"cannot read ({exc.strerror or exc})"))

    return assemble_corpus(documents, label=label, errors=errors,
                           drop_duplicates=drop_duplicates, boilerplate=boilerplate,
                           to_parquet=to_parquet,
                           protect=path if isinstance(path, str | os.PathLike) else None)


def _files(root: Path | None, paths: list[Path] | None,
           on_error: ErrorHandler) -> list[tuple[Path, str]]:
    if root is None:  # a list: each file is one item
        files = []
        for path in paths:
            try:
                files.append(single_file(path, on_error))
            except CorpusError as error:
                on_error(error)
        return files
    if not root.is_dir():
        return [single_file(root, on_error)]
    files = [found for pattern in ("*.zip", "*.json")
             for found in list_files(root, pattern, recursive=False, report=on_error)]
    if not files:
        raise CorpusError(root, "no SaudiNewsNet .zip or .json files here")
    return files


def _read_zip(file: Path, name: str, on_error: ErrorHandler, timezone: str,
              limit: int) -> Iterator[Document]:
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        # ValueError: a member name flagged UTF-8 that is not
        raise CorpusError(name, f"not a readable zip file ({exc})") from None
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            where = f"{name}:{info.filename}"
            if info.is_dir():
                continue
            if not info.filename.endswith(".json"):
                on_error(Notice("ignored_member", where, "not a .json member", "ignored"))
                continue
            try:
                data = _read_member(archive, info, where, limit)
                yield from _read_array(data, where, PurePosixPath(info.filename).stem, on_error,
                                       timezone)
            except CorpusError as error:
                on_error(error)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str,
                 limit: int) -> bytearray:
    """The member's bytes, decompressed a piece at a time, never more than ``limit``."""
    too_big = (f"expands to more than {limit:,} bytes (max_member_bytes); "
               "not read (a damaged file or a zip bomb)")
    if info.file_size > limit:
        raise CorpusError(where, too_big)
    data = bytearray()
    try:
        # zipfile stops at the size the headers give; counting again costs nothing and holds
        # whatever a future zipfile (or a data descriptor) does
        with archive.open(info) as stream:
            while piece := stream.read(_CHUNK):
                data += piece
                if len(data) > limit:
                    raise CorpusError(where, too_big)
    except _MEMBER_ERRORS as exc:
        if isinstance(exc, CorpusError):
            raise
        raise CorpusError(where, _member_reason(exc)) from None
    return data


def _member_reason(exc: BaseException) -> str:
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "encrypted (a password is needed); not read"
    if isinstance(exc, NotImplementedError):
        return f"compressed with a method Python cannot read ({exc}); not read"
    if isinstance(exc, EOFError):
        return "truncated: the compressed data ends early; not read"
    if isinstance(exc, zlib.error | lzma.LZMAError):
        return f"corrupt compressed data ({exc}); not read"
    return f"damaged ({type(exc).__name__}: {exc}); not read"


def _read_array(data: bytes | bytearray, label: str, stem: str, on_error: ErrorHandler,
                timezone: str) -> Iterator[Document]:
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise CorpusError(label, f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                                 f"{exc.start})") from None
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise CorpusError(label, f"not a JSON array ({reason})") from None
    del data
    if not isinstance(items, list):
        raise CorpusError(label, "expected a JSON array of articles")
    kept = [(index, item) for index, item in enumerate(items)
            if _is_article(item, index + 1, label, on_error)]
    dates, problems = parse_dates([item.get("date_extracted") for _, item in kept],
                                  timezone=timezone)
    date_problems = {p.position: p for p in problems}
    for position, ((index, item), date) in enumerate(zip(kept, dates.tolist(), strict=True)):
        where, doc_id = index + 1, f"{stem}-{index:05d}"
        if position in date_problems:
            on_error(CorpusError(label, f"item {where}: date_extracted: "
                                        f"{date_problems[position].reason}",
                                 kind=date_problems[position].kind, action="set to NaT",
                                 doc_id=doc_id))
        content = item["content"]
        yield Document(
            doc_id=doc_id,
            text=content,
            path=label,
            encoding="utf-8",
            sha256=sha256_text(content),
            metadata={**_fields(item, where, label, doc_id, on_error), "date": date},
            line=where,
        )


def _is_article(item: object, where: int, label: str, on_error: ErrorHandler) -> bool:
    if not isinstance(item, dict):
        on_error(CorpusError(label, f"item {where}: not a JSON object"))
        return False
    content = item.get("content")
    if not isinstance(content, str) or not content.strip():
        on_error(CorpusError(label, f"item {where}: empty content ({_url(item)})"))
        return False
    problem = unicode_problem(content)
    if problem:
        on_error(CorpusError(label, f"item {where}: content is not valid Unicode: {problem}"))
        return False
    return True


def _url(item: dict) -> str:
    url = item.get("url")
    return url if isinstance(url, str) and url else "no url"


def _fields(item: dict, where: int, label: str, doc_id: str,
            on_error: ErrorHandler) -> dict[str, str]:
    """The text fields; a value that is not text is kept as its JSON and reported."""
    fields = {}
    for name in _FIELDS:
        value = item.get(name)
        if value is None or isinstance(value, str):
            fields[name] = value or ""
            continue
        try:
            fields[name] = json.dumps(value, ensure_ascii=False)
        except (ValueError, RecursionError):  # nested too deeply to write back
            fields[name] = f"<{type(value).__name__} nested too deeply>"
        on_error(Notice("invalid_field", label, f"item {where}: {name} is not text "
                        f"({type(value).__name__}); kept as JSON {fields[name][:60]!r}",
                        "kept as JSON", doc_id=doc_id))
    return fields
