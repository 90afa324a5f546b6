"""Right-to-left HTML for notebooks: the one place where the kit turns tables and texts into HTML.

Every HTML display of the kit (:func:`~arcorpus.terms.kwic_html`,
:func:`~arcorpus.factions.evidence_html`, :func:`~arcorpus.factions.mentions_html`,
:func:`~arcorpus.topics.representative_html`, the explorers of :mod:`arcorpus.explore`) is a
:func:`rtl_table`: the table runs right to left, Arabic text columns are right-aligned and
``dir="rtl"``, ids, dates and numbers stay left to right, highlighted spans are ``<mark>``, and
every piece of text is HTML-escaped (text from the web must never inject markup or script into a
notebook), control characters shown as escapes with a warning (:mod:`arcorpus.markup`), so that
the markup is always well-formed. Each element carries at most one ``style`` and one ``dir``
attribute.

``enable_rtl_tables()`` opts a notebook in: from then on, pandas DataFrames that hold Arabic
text display through :func:`rtl_table` too (other frames display as pandas draws them).

The table is written here rather than with pandas' ``Styler``: the Styler needs jinja2 (not a
run-time dependency of the kit), puts alignment in a ``<style>`` block with random ids (not
reproducible, and dropped by renderers that strip style blocks), and cannot mark spans inside an
escaped cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .markup import SafeText

#: Arabic letters (the Arabic blocks and presentation forms)
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
#: how many values of a column are looked at to decide whether it holds Arabic text
_SAMPLE = 50
_ALIGN = ("left", "right", "center")


class HTML:
    """Minimal rich-display object: notebooks render ``_repr_html_`` (no IPython import).

    >>> HTML("<b>x</b>")._repr_html_()
    '<b>x</b>'
    """

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


@dataclass(frozen=True)
class Marked:
    """A text with spans to highlight, for a cell of :func:`rtl_table`: ``spans`` are
    ``(start, end)`` or ``(start, end, title)`` offsets into ``text``, highlighted with
    ``<mark>``, or ``(start, end, title, colour)``, underlined in that CSS colour (e.g. the cue
    of a typed relation).

    >>> marked_html(Marked("قال <مصدر> في النصرة", [(14, 20, "nusra")]))
    'قال &lt;مصدر&gt; في <mark title="nusra">النصرة</mark>'
    """

    text: str
    spans: Sequence[tuple] = ()


def marked_html(value: Marked, safe: SafeText | None = None) -> str:
    """The escaped text of ``value`` with each span inside ``<mark>`` (overlaps: the first
    span wins; spans outside the text are clipped)."""
    safe = safe or SafeText()
    text, pieces, cursor = value.text, [], 0
    for span in sorted(value.spans, key=lambda s: (s[0], s[1])):
        start, end = max(int(span[0]), cursor), min(int(span[1]), len(text))
        if end <= start:
            continue
        title = f' title="{safe.html(span[2])}"' if len(span) > 2 else ""
        pieces.append(safe.html(text[cursor:start]))
        if len(span) > 3:
            style = f"text-decoration:underline 2px {safe.html(span[3])}"
            pieces.append(f'<u class="cue"{title} style="{style}">{safe.html(text[start:end])}</u>')
        else:
            pieces.append(f"<mark{title}>{safe.html(text[start:end])}</mark>")
        cursor = end
    pieces.append(safe.html(text[cursor:]))
    return "".join(pieces)


def has_arabic(value: object) -> bool:
    """Whether a value (a string or a :class:`Marked`) contains an Arabic letter.

    >>> has_arabic("قال"), has_arabic("doc_1"), has_arabic(3)
    (True, False, False)
    """
    text = value.text if isinstance(value, Marked) else value
    return isinstance(text, str) and ARABIC_LETTER.search(text) is not None


def arabic_columns(table: pd.DataFrame) -> list:
    """The text columns of ``table`` holding Arabic (judged on their first non-missing values).

    >>> arabic_columns(pd.DataFrame({"doc_id": ["a"], "term": ["درعا"], "count": [3]}))
    ['term']
    """
    found = []
    for name in table.columns:
        column = table[name]
        if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_datetime64_any_dtype(column):
            continue
        if any(has_arabic(v) for v in column.dropna().head(_SAMPLE)):
            found.append(name)
    return found


def _decimals(values: np.ndarray, precision: int) -> int:
    """The fewest decimals (at most ``precision``) that show every value as rounded to
    ``precision`` decimals, so that a column's numbers line up."""
    finite = values[np.isfinite(values)]
    target = np.round(finite, precision)
    for decimals in range(precision + 1):
        if np.array_equal(np.round(finite, decimals), target):
            return decimals
    return precision


def _cells(column: pd.Series, safe: SafeText) -> list[str]:
    """The escaped HTML of each value of a column."""
    if pd.api.types.is_float_dtype(column):
        values = column.to_numpy(dtype=float)
        decimals = _decimals(values, int(pd.get_option("display.precision")))
        return ["" if np.isnan(v) else f"{v:.{decimals}f}" for v in values]
    cells = []
    for value in column.tolist():
        if isinstance(value, Marked):
            cells.append(marked_html(value, safe))
        elif value is None or (np.ndim(value) == 0 and pd.isna(value)):
            cells.append("")
        else:
            cells.append(safe.html(value))
    return cells


def _attributes(direction: str | None, style: str) -> str:
    """One ``dir`` and one ``style`` attribute (a browser keeps only the first of two)."""
    return (f' dir="{direction}"' if direction else "") + (f' style="{style}"' if style else "")


def rtl_table(
    table: pd.DataFrame,
    *,
    columns: Sequence | None = None,
    labels: Mapping | None = None,
    align: Mapping | None = None,
    nowrap: Iterable = (),
    max_rows: int | None = 50,
    total: int | None = None,
    index: bool = False,
    header: bool = True,
    caption: str | None = None,
    css_class: str = "",
    name: str = "rtl_table",
) -> HTML:
    """An escaped, right-to-left HTML table of ``table`` for a notebook.

    The first column stands on the right. Columns holding Arabic text (see
    :func:`arabic_columns`) are ``dir="rtl"`` and right-aligned; numbers are left to right and
    right-aligned (so that digits line up); other text (ids, dates, Latin) is left to right.
    A cell may be a :class:`Marked` text, whose spans are highlighted.

    Args:
        table: the rows to show.
        columns: which columns, in reading order (default: all).
        labels: header text per column (default: the column name).
        align: ``"left"``, ``"right"`` or ``"center"`` per column, overriding the default.
        nowrap: columns kept on one line (concordance contexts).
        max_rows: rows shown (None: all); a last row says how many more there are.
        total: the number of rows in all, when ``table`` is already a part of them.
        index: show the index as the first columns.
        header: show the header row.
        caption: a caption above the table.
        css_class: extra class of the ``<table>`` (the class ``arcorpus-table`` is always set).
        name: what the warning about control characters names (the display's function).

    Example:
        >>> str(rtl_table(pd.DataFrame({"term": ["<درعا>"], "count": [3]})))[:60]
        '<table dir="rtl" class="arcorpus-table" style="font-size:110'
        >>> "&lt;درعا&gt;" in str(rtl_table(pd.DataFrame({"term": ["<درعا>"]})))
        True
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"rtl_table takes a DataFrame, got {type(table).__name__}")
    frame = table.reset_index() if index else table
    names = list(frame.columns if columns is None else columns)
    missing = [n for n in names if n not in frame.columns]
    if missing:
        raise ValueError(f"no column {missing[0]!r} to show; columns: {list(frame.columns)}")
    unknown = {a for a in (align or {}).values() if a not in _ALIGN}
    if unknown:
        raise ValueError(f"align each column {_ALIGN}, not {sorted(unknown)}")
    shown = frame[names].head(max_rows) if max_rows is not None else frame[names]
    arabic = set(arabic_columns(shown))
    nowrap = set(nowrap)
    specs = []  # (direction, style) per column
    for column in names:
        numeric = pd.api.types.is_numeric_dtype(shown[column]) and \
            not pd.api.types.is_bool_dtype(shown[column])
        direction = "rtl" if column in arabic else "ltr"
        side = (align or {}).get(column, "right" if column in arabic or numeric else "left")
        style = f"text-align:{side};padding:2px 8px;vertical-align:top"
        if column in nowrap:
            style += ";white-space:nowrap"
        specs.append((direction, style))
    safe = SafeText()
    classes = " ".join(["arcorpus-table", *css_class.split()])
    lines = [f'<table dir="rtl" class="{safe.html(classes)}" '
             'style="font-size:110%;border-collapse:collapse;table-layout:auto;margin:0">']
    if caption:
        lines.append(f'<caption dir="auto">{safe.html(caption)}</caption>')
    if header:
        heads = [safe.html((labels or {}).get(n, n)) for n in names]
        lines.append("<thead><tr>" + "".join(
            f"<th{_attributes('auto', style)}>{head}</th>"
            for head, (_, style) in zip(heads, specs, strict=True)) + "</tr></thead>")
    lines.append("<tbody>")
    cells = [_cells(shown[column], safe) for column in names]
    for row in range(len(shown)):
        lines.append("<tr>" + "".join(
            f"<td{_attributes(direction, style)}>{cells[k][row]}</td>"
            for k, (direction, style) in enumerate(specs)) + "</tr>")
    more = (len(frame) if total is None else total) - len(shown)
    if more > 0:
        lines.append(f'<tr><td colspan="{len(names)}"{_attributes("ltr", "color:#888")}>'
                     f"… {more} more</td></tr>")
    lines.append("</tbody></table>")
    safe.warn(name, stacklevel=4)
    return HTML("\n".join(lines))


# ---- opt-in: pandas DataFrames with Arabic text display right to left -------------------------

def _frame_html(frame: pd.DataFrame) -> str | None:
    """The notebook HTML of a DataFrame: :func:`rtl_table` when it holds Arabic text, else what
    pandas itself shows."""
    if not arabic_columns(frame.head(_SAMPLE)):
        return frame._repr_html_()
    plain = isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0 and \
        frame.index.step == 1
    return str(rtl_table(frame, index=not plain, max_rows=pd.get_option("display.max_rows")))


def _html_formatter():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the lab extra
        get_ipython = None
    shell = get_ipython() if get_ipython is not None else None
    if shell is None:
        raise RuntimeError("enable_rtl_tables() works inside IPython or Jupyter; elsewhere call "
                           "rtl_table(frame) yourself")
    return shell.display_formatter.formatters["text/html"]


def enable_rtl_tables() -> None:
    """Opt in: in this notebook, DataFrames holding Arabic text display right to left (through
    :func:`rtl_table`, escaped, the index shown when it is not 0..n-1); other DataFrames display
    as pandas draws them. Undo with :func:`disable_rtl_tables`.

    >>> enable_rtl_tables()  # doctest: +SKIP
    """
    _html_formatter().for_type(pd.DataFrame, _frame_html)


def disable_rtl_tables() -> None:
    """Undo :func:`enable_rtl_tables`: DataFrames display as pandas draws them again."""
    _html_formatter().pop(pd.DataFrame, None)
