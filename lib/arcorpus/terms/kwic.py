"""Keyword in context: every occurrence of a word or phrase, matched on normalised forms and
shown as written, with an escaped right-to-left display for notebooks."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from ..corpus.units import TextData, Unit, resolve_unit, unit_keys, unit_table
from ..display import HTML, Marked, rtl_table
from ..progress import progress_bar
from ..text import ArabicAnalyzer, tokenize
from ..text.normalize import normalize_with


def _keys(text: str, analyzer: ArabicAnalyzer):
    """(token, key) pairs: the key is the token's stem after clitics, normalised."""
    for token in tokenize(text, options=analyzer._token_options):
        terms = analyzer.terms_of(token.form)
        yield token, (terms[-1] if terms else None)


#: context positions of a concordance line, as AntConc names them (L1: the word before)
CONTEXT_COLUMNS = ("L3", "L2", "L1", "R1", "R2", "R3")
#: characters of text tokenised at a time inside one long paragraph (cut at white space, which
#: no token crosses), so that memory stays bounded whatever the paragraph length
_PIECE = 100_000


def _token_spans(text: str, analyzer: ArabicAnalyzer, codes: dict[str, int]):
    """Arrays of token starts, ends and key codes (-1: no key) of one paragraph, tokenised piece
    by piece."""
    starts, ends, keys = array("q"), array("q"), array("q")
    position = 0
    while position < len(text):
        cut = len(text) if len(text) - position <= _PIECE else \
            max(text.rfind(" ", position, position + _PIECE), position + 1)
        for token, key in _keys(text[position:cut], analyzer):
            starts.append(position + token.start)
            ends.append(position + token.end)
            keys.append(-1 if key is None else codes.setdefault(key, len(codes)))
        position = cut
    return (np.frombuffer(starts, dtype=np.int64) if starts else np.zeros(0, np.int64),
            np.frombuffer(ends, dtype=np.int64) if ends else np.zeros(0, np.int64),
            np.frombuffer(keys, dtype=np.int64) if keys else np.zeros(0, np.int64))


def kwic(
    data: TextData,
    keyword: str,
    *,
    window: int = 6,
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    sort: str | Sequence[str] | None = None,
    metadata: Sequence[str] | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Find ``keyword`` (a word or a phrase) in context.

    Matching compares each token's analysed form (normalised, proclitics removed, no stop-word
    filter) with the keyword's, so "النصرة" finds النصرة، لـ"النصرة، والنصرة and النصرةُ; the
    table shows the text exactly as written. Context stays inside the unit.

    Time and memory are linear in the text: units that cannot hold the keyword are skipped by
    one substring test on their normalised text, and a long unit is tokenised piece by piece.

    Args:
        data: Corpus, DataFrame with ``text`` (and ids), or texts.
        keyword: one or more words.
        window: tokens of context on each side.
        unit: the unit context stays in: ``"paragraphs"`` (the default, or the table's own
            unit when finer) or ``"sentences"`` (``"articles"``: across paragraph breaks).
        analyzer: pipeline for matching (its stop words are ignored here).
        sort: sort the lines as AntConc does, by the words at context positions: ``"R1"`` (the
            first word after the keyword), ``["L1", "R1"]``, ... (positions L3-L1 and R1-R3,
            compared on normalised, clitic-free forms); by default lines stay in text order.
        metadata: article columns to carry (``["source", "date"]`` by default, those present),
            so that the lines can be filtered: ``table.query("source == 'sabq'")``.
        progress: progress bar (see :mod:`arcorpus.progress`).

    Returns:
        Columns ``doc_id, [para_id, sent_id,] [metadata,] left, keyword, right, start, end,
        L3, L2, L1, R1, R2, R3``: ``left`` is the text *before* the keyword in reading order
        (shown on the right in an RTL display), ``start``/``end`` the keyword's offsets in the
        article text (in the row's own text for tables without ``start``), ``L1``... the
        normalised words around it ("" past the edge of the unit).

    Example:
        >>> lines = kwic(["قال مصدر من جبهة النصرة إن المعارك مستمرة"], "جبهة النصرة", window=2)
        >>> lines[["left", "keyword", "right", "start", "end", "L1", "R1"]]
              left      keyword       right  start  end  L1  R1
        0  مصدر من  جبهة النصرة  إن المعارك     12   23  من  ان
    """
    analyzer = replace(analyzer or ArabicAnalyzer(), stopwords=None, ngram_range=(1, 1),
                       stem=False)
    codes: dict[str, int] = {}
    query = [key for _, key in _keys(keyword, analyzer) if key is not None]
    if not query:
        raise ValueError(f"the keyword {keyword!r} has no word to look for")
    wanted = np.array([codes.setdefault(key, len(codes)) for key in query], dtype=np.int64)
    units = unit_table(data, resolve_unit(data, unit, "paragraphs"))
    ids = unit_keys(units) + [c for c in (metadata if metadata is not None else
                                          ("source", "date")) if c in units.columns]
    texts = units["text"].tolist()
    bases = units["start"].to_numpy(dtype=np.int64)
    rows, hits, context = [], [], []
    for row in progress_bar(range(len(texts)), desc="kwic", unit="unit", enabled=progress):
        text = texts[row]
        # a unit can hold the keyword only if its normalised text contains the first key
        if query[0] not in normalize_with(text, analyzer.normalize).lower():
            continue
        starts, ends, keys = _token_spans(text, analyzer, codes)
        n = len(keys) - len(wanted) + 1
        if n <= 0:
            continue
        found = np.flatnonzero(keys[:n] == wanted[0])
        for shift in range(1, len(wanted)):
            found = found[keys[found + shift] == wanted[shift]]
        for i in found.tolist():
            j = i + len(wanted) - 1
            left = text[starts[max(0, i - window)]:starts[i]].strip() if i else ""
            right = text[ends[j]:ends[min(len(keys) - 1, j + window)]].strip()
            rows.append(row)
            hits.append((left, text[starts[i]:ends[j]], right, int(starts[i]), int(ends[j])))
            context.append([keys[k] if 0 <= k < len(keys) else -1
                            for k in (*range(i - 3, i), *range(j + 1, j + 4))])
    table = units[ids].take(rows).reset_index(drop=True)
    columns = pd.DataFrame(hits, columns=["left", "keyword", "right", "start", "end"])
    columns["start"] += bases[rows] if rows else 0
    columns["end"] += bases[rows] if rows else 0
    words = np.array([*sorted(codes, key=codes.get), ""], dtype=object)  # code -1: ""
    positions = np.asarray(context, dtype=np.int64).reshape(-1, 6)
    for k, name in enumerate(CONTEXT_COLUMNS):
        columns[name] = words[positions[:, k]]
    return sort_lines(pd.concat([table, columns], axis=1), sort)


def sort_lines(table: pd.DataFrame, sort: str | Sequence[str] | None) -> pd.DataFrame:
    """Concordance lines sorted by context positions (stable: ties stay in text order)."""
    if sort is None:
        return table
    order = [sort] if isinstance(sort, str) else list(sort)
    unknown = set(order) - set(CONTEXT_COLUMNS)
    if unknown:
        raise ValueError(f"sort by context positions {CONTEXT_COLUMNS}, not {sorted(unknown)}")
    return table.sort_values(order, kind="stable").reset_index(drop=True)


def kwic_html(table: pd.DataFrame, *, max_rows: int = 50) -> HTML:
    """Render a :func:`kwic` table for a notebook (:func:`~arcorpus.display.rtl_table`): right
    to left, lined up on the keyword (the text before it aligned towards it on its right, the
    text after it on its left), keyword highlighted, and every piece of article text
    HTML-escaped (text from the web must never inject markup or script into a notebook);
    control characters are shown as escapes, with a warning.

    >>> str(kwic_html(pd.DataFrame({"doc_id": ["a"], "left": ["<b>"], "keyword": ["داعش"],
    ...                             "right": ["&"], "start": [0], "end": [4]})))[:40]
    '<table dir="rtl" class="arcorpus-table a'
    """
    lines = pd.DataFrame({  # object columns: text that no string dtype could hold stays as is
        "doc": table["doc_id"].astype(object).map(str),
        "left": table["left"].astype(object),
        "keyword": [Marked(k, [(0, len(k))]) for k in table["keyword"]],
        "right": table["right"].astype(object),
    }, dtype=object)
    return rtl_table(lines, labels={"doc": "doc", "left": "قبل", "keyword": "الكلمة",
                                    "right": "بعد"},
                     align={"left": "left", "keyword": "center", "right": "right"},
                     nowrap=("doc", "left", "keyword", "right"), max_rows=max_rows,
                     css_class="arcorpus-kwic", name="kwic_html")
