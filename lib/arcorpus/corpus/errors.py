"""What readers tell the loader: a :class:`CorpusError` for a bad item (raised with
``errors="raise"``, a report row with ``errors="skip"``) and a :class:`Notice` for something
noticed and handled the same way in both modes (always a report row)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .surrogates import escape_surrogates


class CorpusError(ValueError):
    """Bad input found while loading a corpus.

    The message always starts with the file (and line or row, when there is one) so that a user
    with thousands of files knows which one to open::

        corpus/articles/017.txt: line 3: not valid UTF-8 (byte 0xd3 at offset 211); ...

    Attributes:
        path: the file at fault (as the user gave it, or relative to the corpus folder; a zip
            member is ``archive.zip:member.json``).
        line: 1-based line (text files, JSONL) or data row (CSV/TSV), when it applies.
        reason: what is wrong, in words.
        kind, action: the report row written instead when ``errors="skip"``: by default the
            item is left out (``skipped``/``skipped``); a bad date is kept as NaT
            (``invalid_date``/``set to NaT``).
        doc_id: the article concerned, when it is known.
    """

    def __init__(self, path: object, reason: str, line: int | None = None, *,
                 kind: str = "skipped", action: str = "skipped",
                 doc_id: str | None = None) -> None:
        # a message may quote a name or value that is not valid Unicode: escaped, so that it
        # can be printed and stored
        self.path = escape_surrogates(str(path))
        self.line = line
        self.reason = escape_surrogates(reason)
        self.kind = kind
        self.action = action
        self.doc_id = None if doc_id is None else escape_surrogates(doc_id)
        where = f"{self.path}: line {line}" if line is not None else self.path
        super().__init__(f"{where}: {self.reason}")


@dataclass(frozen=True)
class Notice:
    """Something a reader noticed and handled by a documented rule (a file name escaped, a
    symbolic link not followed, a column renamed): one report row, whatever ``errors=`` is."""

    kind: str
    path: str
    detail: str
    action: str
    line: int | None = None
    doc_id: str | None = None

    def __post_init__(self) -> None:  # printable and storable, like CorpusError's message
        for name in ("path", "detail", "doc_id"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, escape_surrogates(value))


#: Readers call it with every bad item and every notice: a CorpusError raises
#: (errors="raise") or becomes a report row (errors="skip"); a Notice is always a report row.
ErrorHandler = Callable[[CorpusError | Notice], None]
