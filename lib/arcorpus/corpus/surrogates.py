"""Text that is not valid Unicode: lone surrogates.

A lone surrogate comes from a file name that is not UTF-8 (Python shows its bytes as
U+DC80-U+DCFF), from ``errors="surrogateescape"`` decoding or from a JSON ``"\\ud800"`` escape; it
cannot be stored as UTF-8 (pyarrow, and so pandas' string columns, refuse it). The loader's rule:
article text holding one is an error (text is never altered); an id, file name, column name or
metadata value holding one is kept with the character written as an escape (``\\xd3`` for an
undecodable byte, ``\\ud800`` otherwise), and a report row says so.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_one(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def escape_surrogates(text: str) -> str:
    """Write lone surrogates as visible escapes.

    >>> escape_surrogates("\\udcd3\\udce1.txt"), escape_surrogates("a\\ud800")
    ('\\\\xd3\\\\xe1.txt', 'a\\\\ud800')
    """
    return _SURROGATE.sub(_escape_one, text)


def unicode_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored as UTF-8, or None when it can."""
    found = _SURROGATE.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"undecodable byte 0x{code - 0xDC00:02x} at character {found.start()}"
    return f"lone surrogate U+{code:04X} at character {found.start()}"
