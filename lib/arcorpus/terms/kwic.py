"""Keyword in context: every occurrence of a word or phrase, matched on normalised forms and
shown as written, with an escaped right-to-left display for notebooks."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..markup import SafeText
from ..text import ArabicAnalyzer, tokenize
from .units import TextData, Unit, text_units


class HTML:
    """Minimal rich-display object: notebooks render ``_repr_html_`` (no IPython import)."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def _keys(text: str, analyzer: ArabicAnalyzer):
    """(token, key) pairs: the key is the token's stem after clitics, normalised."""
    for token in tokenize(text, options=analyzer._token_options):
        terms = analyzer.terms_of(token.form)
        yield token, (terms[-1] if terms else None)


def kwic(
    data: TextData,
    keyword: str,
    *,
    window: int = 6,
    unit: Unit = "articles",
    analyzer: ArabicAnalyzer | None = None,
) -> pd.DataFrame:
    """Find ``keyword`` (a word or a phrase) in context.

    Matching compares each token's analysed form (normalised, proclitics removed, no stop-word
    filter) with the keyword's, so "النصرة" finds النصرة، لـ"النصرة، والنصرة and النصرةُ; the
    table shows the text exactly as written. Context stays inside the paragraph.

    Args:
        data: Corpus, DataFrame with ``text`` (and ``doc_id``), or texts.
        keyword: one or more words.
        window: tokens of context on each side.
        unit: the text unit the offsets refer to (articles: offsets into the article text).
        analyzer: pipeline for matching (its stop words are ignored here).

    Returns:
        Columns ``doc_id, left, keyword, right, start, end``: ``left`` is the text *before*
        the keyword in reading order (shown on the right in an RTL display), ``start``/``end``
        the keyword's offsets in the unit's text.

    Example:
        >>> kwic(["قال مصدر من جبهة النصرة إن المعارك مستمرة"], "جبهة النصرة", window=2)
          doc_id     left      keyword     right  start  end
        0      0  مصدر من  جبهة النصرة  إن المعارك     12   23
    """
    analyzer = replace(analyzer or ArabicAnalyzer(), stopwords=None, ngram_range=(1, 1),
                       stem=False)
    query = [key for _, key in _keys(keyword, analyzer) if key is not None]
    if not query:
        raise ValueError(f"the keyword {keyword!r} has no word to look for")
    units = text_units(data, unit)
    ids = units["doc_id"] if "doc_id" in units.columns else pd.Series(range(len(units)))
    rows = []
    for doc_id, text in zip(ids, units["text"], strict=True):
        tokens = list(_keys(text, analyzer))
        keys = [key for _, key in tokens]
        for i in range(len(tokens) - len(query) + 1):
            if keys[i:i + len(query)] != query:
                continue
            first, last = tokens[i][0], tokens[i + len(query) - 1][0]
            para_start = text.rfind("\n", 0, first.start) + 1
            para_end = text.find("\n", last.end)
            para_end = len(text) if para_end < 0 else para_end
            before = [t for t, _ in tokens[max(0, i - window):i] if t.start >= para_start]
            after = [t for t, _ in tokens[i + len(query):i + len(query) + window]
                     if t.end <= para_end]
            left = text[before[0].start:first.start].strip() if before else ""
            right = text[last.end:after[-1].end].strip() if after else ""
            rows.append((doc_id, left, text[first.start:last.end], right, first.start,
                         last.end))
    return pd.DataFrame(rows, columns=["doc_id", "left", "keyword", "right", "start", "end"])


def kwic_html(table: pd.DataFrame, *, max_rows: int = 50) -> HTML:
    """Render a :func:`kwic` table for a notebook: right to left, keyword highlighted, and
    every piece of article text HTML-escaped (text from the web must never inject markup or
    script into a notebook); control characters are shown as escapes, with a warning.

    >>> str(kwic_html(pd.DataFrame({"doc_id": ["a"], "left": ["<b>"], "keyword": ["داعش"],
    ...                             "right": ["&"], "start": [0], "end": [4]})))[:40]
    '<table dir="rtl" class="arcorpus-kwic" s'
    """
    cell = 'style="padding:2px 8px;white-space:nowrap'  # one style attribute per cell
    lines = ['<table dir="rtl" class="arcorpus-kwic" style="font-size:110%">',
             f'<tr><th {cell}">doc</th><th {cell}">قبل</th><th {cell}">الكلمة</th>'
             f'<th {cell}">بعد</th></tr>']
    safe = SafeText()
    for row in table.head(max_rows).itertuples(index=False):
        lines.append(
            f'<tr><td {cell}" dir="ltr">{safe.html(row.doc_id)}</td>'
            f'<td {cell};text-align:left">{safe.html(row.left)}</td>'
            f'<td {cell}"><mark>{safe.html(row.keyword)}</mark></td>'
            f'<td {cell};text-align:right">{safe.html(row.right)}</td></tr>')
    safe.warn("kwic_html")
    if len(table) > max_rows:
        lines.append(f'<tr><td colspan="4">… {len(table) - max_rows} more</td></tr>')
    lines.append("</table>")
    return HTML("\n".join(lines))
