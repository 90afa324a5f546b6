"""Clusters: the n-grams that contain a search term, with their frequency and range (AntConc's
Clusters/N-Grams tool): what the term's recurring phrases are, and how widely each is used."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ..corpus.units import TextData, Unit
from ..text import ArabicAnalyzer
from .stream import TermStream, as_stream

Position = Literal["any", "left", "right"]


def clusters(
    data: TextData | TermStream,
    term: str,
    *,
    n: int | tuple[int, int] = (2, 4),
    position: Position = "any",
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    min_count: int = 2,
    min_range: int = 1,
    top_n: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """The n-grams (clusters) of ``n`` words that contain ``term`` (a word or a phrase).

    Words are the analyzer's running terms with stop words kept (normalised, clitic-free, as
    :func:`~arcorpus.terms.kwic` matches), and a cluster never crosses a unit boundary. Each
    stretch of text counts once per cluster, even when the term occurs in it twice.

    Args:
        data: Corpus, DataFrame with ``text``, texts, or a :class:`~arcorpus.terms.TermStream`.
        term: the search term.
        n: cluster size in words, or ``(min, max)`` (AntConc's cluster size).
        position: where the term stands in the cluster: ``"left"`` (the cluster starts with
            it: what follows the term), ``"right"`` (it ends with it: what precedes the term),
            or ``"any"``.
        unit: clusters stay inside ``"paragraphs"`` (default) or ``"sentences"``.
        analyzer: the pipeline (stop words are kept whatever its setting).
        min_count: leave out clusters seen fewer times (AntConc's minimum frequency).
        min_range: leave out clusters found in fewer articles (AntConc's minimum range).
        top_n: keep the first ``top_n`` rows.
        progress: progress bar (see :mod:`arcorpus.progress`).

    Returns:
        Columns ``cluster, n, count, range``: the cluster's words separated by spaces (in
        normalised, clitic-free form), its size, how often it occurs and in how many articles
        (``range``, AntConc's name), sorted by count, then range, then cluster. Time and
        memory are linear in the text.

    Example:
        >>> texts = ["قال التحالف العربي إن الغارات مستمرة", "طيران التحالف العربي يقصف",
        ...          "قوات التحالف الدولي"]
        >>> clusters(texts, "التحالف", n=2, position="left", min_count=1)
                cluster  n  count  range
        0  تحالف عربي  2      2      2
        1  تحالف دولي  2      1      1
    """
    low, high = (n, n) if isinstance(n, int) else n
    if not 1 <= low <= high:
        raise ValueError(f"n is a cluster size or (min, max) with 1 <= min <= max, got {n!r}")
    if position not in ("any", "left", "right"):
        raise ValueError(f"position must be 'any', 'left' or 'right', got {position!r}")
    stream = as_stream(data, unit=unit, default="paragraphs", analyzer=analyzer,
                       progress=progress)
    starts, size, first, last = stream.occurrences(term)
    docs = pd.factorize(stream.units["doc_id"])[0]
    frames = []
    for length in range(max(low, size), high + 1):
        shifts = {"any": np.arange(length - size + 1), "left": np.zeros(1, np.int64),
                  "right": np.full(1, length - size)}[position]
        begin = starts[:, None] - shifts[None, :]  # where each cluster would start
        inside = (begin >= first[:, None]) & (begin + length <= last[:, None])
        begin = np.unique(begin[inside])
        if not len(begin):
            continue
        words = stream.codes[begin[:, None] + np.arange(length)[None, :]]
        grams, which = np.unique(words, axis=0, return_inverse=True)
        which = which.ravel()
        count = np.bincount(which, minlength=len(grams))
        article = docs[stream.unit_of(begin)]
        pairs = np.unique(np.stack([which, article]), axis=1)
        spread = np.bincount(pairs[0], minlength=len(grams))
        frames.append(pd.DataFrame({
            "cluster": [" ".join(row) for row in stream.vocabulary[grams]],
            "n": length, "count": count, "range": spread}))
    columns = ["cluster", "n", "count", "range"]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        {c: pd.Series(dtype=object if c == "cluster" else np.int64) for c in columns})
    table = table[(table["count"] >= min_count) & (table["range"] >= min_range)]
    table = table.sort_values(["count", "range", "cluster"], ascending=[False, False, True])
    table = table.reset_index(drop=True)
    return table if top_n is None else table.head(top_n)
