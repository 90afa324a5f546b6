"""Text into markup (HTML displays, GEXF/GraphML exports) that is always well-formed.

Article text can hold characters that XML 1.0 forbids and HTML treats as parse errors: C0
control characters other than tab and line ends (``\\x01``, ``\\x1b``), DEL and C1 controls,
lone surrogates (not valid Unicode) and the non-characters U+FFFE/U+FFFF. They are written as
visible escapes (``\\x1b``, ``\\ud800``) and a warning says how many, so that no output is
broken and no change is silent. Everything else, Arabic, bidi marks included, is kept.

>>> text, count = escape_controls("داعش\\x1b[31m")
>>> text, count
('داعش\\\\x1b[31m', 1)
"""

from __future__ import annotations

import html
import re
import warnings

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str) -> tuple[str, int]:
    """``text`` with every character unsafe in markup written as an escape, and their count."""
    return _UNSAFE.subn(_escape, text)


class SafeText:
    """Escapes text for markup and counts what it had to change, to warn once per output.

    >>> safe = SafeText()
    >>> safe.html("<b>\\x00</b>")
    '&lt;b&gt;\\\\x00&lt;/b&gt;'
    >>> safe.count
    1
    """

    def __init__(self) -> None:
        self.count = 0

    def text(self, value: str) -> str:
        """For XML writers, which escape ``<``/``&`` themselves."""
        value, count = escape_controls(value)
        self.count += count
        return value

    def html(self, value: object) -> str:
        """For HTML: control characters escaped, then ``< > & " '``."""
        return html.escape(self.text(str(value)))

    def warn(self, output: str, stacklevel: int = 3) -> None:
        if self.count:
            warnings.warn(f"{output}: {self.count} control or invalid character(s) written as "
                          "\\x.. escapes so that the markup stays well-formed",
                          UserWarning, stacklevel=stacklevel)
