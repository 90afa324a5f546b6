"""The files of a corpus folder: a pattern, sub-folders, odd names and symbolic links, by one
policy that every folder reader (:func:`load_corpus`, :func:`load_trec`,
:func:`load_saudinewsnet`) shares.

- *Order.* Files are listed by their path relative to the folder, so a load is reproducible.
- *Names that are not UTF-8* (an old archive unzipped on Linux keeps Windows-1256 bytes) are
  read, under a label (and id) with the bytes written as ``\\xd3`` escapes; each is reported
  (kind ``file_name``).
- *Symbolic links*, with ``symlinks="inside"`` (the default): nothing outside the corpus
  folder is read. A link to a file inside the folder is read under the link's name unless that
  file is read already under its own; links to folders are not followed (their target is either
  inside the folder, hence read already, or outside it). With ``symlinks="follow"`` links are
  followed wherever they point, each real file and folder read once (so loops end). Every link
  not read is reported (kind ``symlink``, action ``skipped``); a broken or looping link matching
  the pattern is a bad file (:class:`CorpusError`).
- *Anything else matching the pattern* that is not a regular file (a FIFO, a device) is a bad
  file: reading it could block for ever.

Why hand-written: ``Path.rglob`` neither follows folder links nor says it skipped one, and a
file link is read wherever it points.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from .errors import CorpusError, ErrorHandler, Notice
from .surrogates import escape_surrogates, has_surrogates

Symlinks = Literal["inside", "follow"]


def display_name(name: str) -> str:
    """A file name as shown in labels and ids: undecodable bytes as ``\\xNN`` escapes."""
    return escape_surrogates(name) if has_surrogates(name) else name


def name_notice(label: str, raw: str) -> Notice:
    """The report row for a file whose path is not valid UTF-8."""
    detail = f"the file name is not valid UTF-8; read as '{label}'"
    try:
        legacy = os.fsencode(raw).decode("cp1256")
    except UnicodeDecodeError:
        legacy = ""
    if legacy and any("\u0621" <= c <= "\u064a" for c in legacy):
        detail += f" (in Windows-1256 it would read {legacy!r})"
    return Notice("file_name", label, detail, "escaped")


@dataclass
class _Walk:
    root: Path
    pattern: str
    recursive: bool
    symlinks: Symlinks
    report: ErrorHandler
    exclude: frozenset[str]
    real_root: str = ""
    found: list[tuple[Path, str, str]] = field(default_factory=list)  # path, label, real path
    real_dirs: dict[str, str] = field(default_factory=dict)  # real folder -> label
    links: deque[tuple[Path, str]] = field(default_factory=deque)
    read: dict[str, str] | None = None  # real path -> label, once links are being followed

    def __post_init__(self) -> None:
        self.real_root = os.path.realpath(self.root)
        self.real_dirs[self.real_root] = "."
        self.depth = None if self.recursive else self.pattern.count("/")

    def matches(self, label: str, name: str) -> bool:
        if label in self.exclude:
            return False
        if "/" not in self.pattern:
            return fnmatch.fnmatchcase(name, self.pattern)
        return PurePosixPath(label).match(self.pattern)

    def descends(self, prefix: str) -> bool:
        return self.depth is None or prefix.count("/") < self.depth

    def inside(self, real: str) -> bool:
        return real == self.real_root or real.startswith(self.real_root.rstrip(os.sep) + os.sep)

    def folder(self, folder: Path, real: str, prefix: str) -> None:
        """List a folder and its sub-folders (a stack, not recursion: a hostile tree can be
        thousands deep): files and folders now, links after the whole real tree."""
        stack = [(folder, real, prefix)]
        while stack:
            folder, real, prefix = stack.pop()
            self.real_dirs.setdefault(real, prefix.rstrip("/") or ".")
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name, reverse=True)
            except OSError as exc:
                self.report(CorpusError(prefix.rstrip("/") or ".",
                                        f"cannot list this folder ({exc.strerror or exc})"))
                continue
            for entry in entries:
                label = prefix + display_name(entry.name)
                try:
                    if entry.is_symlink():
                        self.links.append((Path(entry.path), label))
                    elif entry.is_dir(follow_symlinks=False):
                        if self.descends(prefix):
                            stack.append((Path(entry.path), os.path.join(real, entry.name),
                                          label + "/"))
                    elif self.matches(label, entry.name):
                        self.file(Path(entry.path), label, os.path.join(real, entry.name),
                                  entry.is_file(follow_symlinks=False))
                except OSError as exc:
                    self.report(CorpusError(label, f"cannot read ({exc.strerror or exc})"))

    def file(self, path: Path, label: str, real: str, regular: bool) -> None:
        if not regular:
            self.report(CorpusError(label, "not a regular file (a FIFO, socket or device); "
                                           "not read"))
            return
        if self.read is not None:  # reached through a followed folder link
            if real in self.read:
                self.skip(label, f"the same file as {self.read[real]!r}, read already; not read")
                return
            self.read[real] = label
        if path.relative_to(self.root).as_posix() != label:  # escaped: not valid UTF-8
            self.report(name_notice(label, path.name))
        self.found.append((path, label, real))

    def link(self, path: Path, label: str) -> None:
        """Follow one link, or report why not."""
        is_candidate = self.matches(label, path.name)
        try:
            info = os.stat(path)
        except OSError as exc:
            if is_candidate:
                why = "loops" if exc.errno == errno.ELOOP else "points to nothing"
                self.report(CorpusError(label, f"symbolic link that {why} "
                                               f"({os.readlink(path)!r}); not read"))
            elif self.recursive:
                self.report(Notice("symlink", label, "broken symbolic link; not followed",
                                   "skipped"))
            return
        real = os.path.realpath(path)
        if stat.S_ISDIR(info.st_mode):
            if self.descends(label[:label.rfind("/") + 1]):
                self.linked_folder(path, label, real)
        elif is_candidate:
            self.linked_file(path, label, real, stat.S_ISREG(info.st_mode))

    def linked_folder(self, path: Path, label: str, real: str) -> None:
        if self.symlinks == "inside" and not self.inside(real):
            self.skip(label, f"link to a folder outside the corpus ({real}); not followed "
                             "(symlinks='follow' follows it)")
        elif real in self.real_dirs:
            self.skip(label, f"link to a folder read already as {self.real_dirs[real]!r}; "
                             "not followed")
        else:
            self.real_dirs[real] = label
            self.folder(path, real, label + "/")

    def linked_file(self, path: Path, label: str, real: str, regular: bool) -> None:
        if self.symlinks == "inside" and not self.inside(real):
            self.skip(label, f"link to a file outside the corpus ({real}); not read "
                             "(symlinks='follow' reads it)")
        elif real in self.read:
            self.skip(label, f"link to a file read already as {self.read[real]!r}; not read")
        else:
            self.file(path, label, real, regular)

    def skip(self, label: str, detail: str) -> None:
        self.report(Notice("symlink", label, detail, "skipped"))

    def run(self) -> list[tuple[Path, str]]:
        self.folder(self.root, self.real_root, "")
        if self.links:  # every real file is listed before the first link is followed
            self.read = {real: label for _, label, real in self.found}
        while self.links:
            # file links before folder links: a file is read under its own link's name rather
            # than under a folder link's
            batch = sorted(self.links, key=lambda link: (os.path.isdir(link[0]), link[1]))
            self.links.clear()
            for link in batch:
                self.link(*link)
        return [(path, label) for path, label, _ in sorted(self.found, key=lambda f: f[1])]


def list_files(root: Path, pattern: str, *, recursive: bool = True,
               symlinks: Symlinks = "inside", report: ErrorHandler,
               exclude: Iterable[str] = ()) -> list[tuple[Path, str]]:
    """``(path, label)`` of the files under ``root`` matching ``pattern``, by the policy in the
    module docstring; ``label`` is the path relative to ``root`` (``/``-separated, escaped),
    ``exclude`` labels to leave out (``metadata.csv``).

    >>> list_files(Path("corpus"), "*.txt", report=print)  # doctest: +SKIP
    [(PosixPath('corpus/articles/000_0eee5cfdabd81abf.txt'), 'articles/000_0eee5cfdabd81abf.txt')]
    """
    if symlinks not in ("inside", "follow"):
        raise ValueError(f"symlinks must be 'inside' or 'follow', got {symlinks!r}")
    return _Walk(root, pattern, recursive, symlinks, report, frozenset(exclude)).run()


def single_file(path: Path, report: ErrorHandler) -> tuple[Path, str]:
    """A file given by itself: its label is its (escaped) name; anything but a regular file is
    refused (a FIFO would block the reader for ever)."""
    label = display_name(path.name)
    if not path.is_file():
        raise CorpusError(label, "no such file" if not path.exists() else
                          "a folder, not a file" if path.is_dir() else
                          "not a regular file (a FIFO, socket or device); not read")
    if label != path.name:
        report(name_notice(label, path.name))
    return path, label
