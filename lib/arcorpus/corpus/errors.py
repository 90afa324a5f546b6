"""The one exception the loader raises for bad input, naming the file, the line and the reason."""

from __future__ import annotations


class CorpusError(ValueError):
    """Bad input found while loading a corpus.

    The message always starts with the file (and line or row, when there is one) so that a user
    with thousands of files knows which one to open::

        corpus/articles/017.txt: line 3: not valid UTF-8 (byte 0xd3 at offset 211); ...

    Attributes:
        path: the file at fault (as the user gave it, or relative to the corpus folder).
        line: 1-based line (text files, JSONL) or data row (CSV/TSV), when it applies.
        reason: what is wrong, in words.
    """

    def __init__(self, path: object, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}: line {line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")
