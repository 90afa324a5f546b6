"""Window collocates of a node word: the words found within a span to its left and right more
often than chance predicts (AntConc's Collocates tool, quanteda's ``textstat_collocations``
around a target, the Sketch Engine's logDice)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..corpus.units import TextData, Unit
from ..text import ArabicAnalyzer
from .collocations import contingency_g2, pmi
from .stream import TermStream, as_stream

#: the measures :func:`collocates` reports, any of which it can sort by
MEASURES = ("count", "mi", "t_score", "log_dice", "g2")


def log_dice(joint, first, second) -> np.ndarray:
    """logDice (Rychlý 2008): 14 + log₂(2 f_xy / (f_x + f_y)), the Dice coefficient on a
    log scale whose maximum is 14; it does not depend on the corpus size, so scores compare
    across corpora. 0 when the pair is as rare as 1/16,384 of the words' frequencies.

    Rychlý, P. (2008). A lexicographer-friendly association score. *Proceedings of Recent
    Advances in Slavonic Natural Language Processing (RASLAN)*, 6–9.

    >>> float(log_dice(10, 20, 20))
    13.0
    """
    joint, first, second = (np.asarray(x, dtype=float) for x in (joint, first, second))
    with np.errstate(divide="ignore"):
        return 14 + np.log2(2 * joint / (first + second))


def t_score(joint, expected) -> np.ndarray:
    """t-score (Church, Gale, Hanks & Hindle 1991): (O₁₁ − E₁₁) / √O₁₁. It grows with the
    count, so it favours frequent collocates (often grammatical ones) where MI favours rare,
    exclusive ones; about 2 or more is the usual threshold.

    Church, K., Gale, W., Hanks, P. & Hindle, D. (1991). Using statistics in lexical analysis.
    In U. Zernik (ed.), *Lexical Acquisition*, 115–164. Lawrence Erlbaum.

    >>> float(t_score(16, 4))
    3.0
    """
    joint, expected = (np.asarray(x, dtype=float) for x in (joint, expected))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(joint > 0, (joint - expected) / np.sqrt(joint), np.nan)


def _spans(starts: np.ndarray, offsets: np.ndarray, low: np.ndarray, high: np.ndarray) -> \
        np.ndarray:
    """Positions ``starts + offset`` for every offset, kept inside ``[low, high)``."""
    if not len(starts) or not len(offsets):
        return np.zeros(0, np.int64)
    positions = starts[:, None] + offsets[None, :]
    inside = (positions >= low[:, None]) & (positions < high[:, None])
    return positions[inside]


def collocates(
    data: TextData | TermStream,
    node: str,
    *,
    left: int = 5,
    right: int = 5,
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    min_count: int = 3,
    drop_stopwords: bool = True,
    sort: str = "g2",
    top_n: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """The collocates of ``node`` (a word or a phrase) within ``left`` words before it and
    ``right`` words after it, inside each unit, with their frequencies and four association
    measures.

    The text is read as the analyzer's running terms with stop words kept (normalised,
    clitic-free, so والنصرة is نصرة), as :func:`~arcorpus.terms.kwic` matches. The counts form
    the span-based contingency table of Evert (2008): O₁₁ the collocate's occurrences inside
    the node's spans, R₁ the words inside the spans, C₁ the collocate's frequency in the
    corpus, N the corpus's running words, E₁₁ = R₁ C₁ / N. A word inside the spans of two
    nearby occurrences of the node counts once, and the node's own words are never in a span.

    Args:
        data: Corpus, DataFrame with ``text``, texts, or a :class:`~arcorpus.terms.TermStream`
            (analyse a large corpus once, then ask about many nodes).
        node: one or more words.
        left, right: span, in words, on each side (AntConc's L and R; 0 for one side only).
        unit: spans stay inside a unit: ``"paragraphs"`` (the default) or ``"sentences"``
            (``"articles"``: across paragraph breaks).
        analyzer: the pipeline (its stop words only filter the table, see ``drop_stopwords``).
        min_count: leave out collocates seen fewer times in the spans.
        drop_stopwords: leave stop words out of the table (they still count as words).
        sort: the column to sort by, highest first: one of :data:`MEASURES`.
        top_n: keep the first ``top_n`` rows.
        progress: progress bar (see :mod:`arcorpus.progress`).

    Returns:
        Columns ``collocate, count, left, right, frequency, expected, mi, t_score, log_dice,
        g2``: ``count`` is O₁₁ (``left`` and ``right`` the occurrences in each span),
        ``frequency`` C₁, ``expected`` E₁₁; ``mi`` is log₂(O₁₁/E₁₁) (:func:`pmi` on the
        table, Church & Hanks 1990), ``t_score`` :func:`t_score`, ``log_dice``
        :func:`log_dice` of O₁₁ and the node's and collocate's frequencies, ``g2`` the
        log-likelihood of the 2×2 table (:func:`contingency_g2`, Dunning 1993), signed
        negative when the collocate is rarer near the node than expected. Empty (with these
        columns) when the node never occurs. Time and memory are linear in the text.

    Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (eds.), *Corpus
    Linguistics. An International Handbook*, vol. 2, 1212–1248. Mouton de Gruyter.

    Example:
        >>> texts = ["قصف طيران التحالف مواقع الحوثيين في صنعاء",
        ...          "استهدف طيران التحالف مواقع الحوثيين", "قال التحالف إن الغارات مستمرة"]
        >>> collocates(texts, "التحالف", left=1, right=1, min_count=2)[
        ...     ["collocate", "count", "left", "right", "frequency", "log_dice"]]
          collocate  count  left  right  frequency  log_dice
        0     طيران      2     2      0          2   13.6781
        1     مواقع      2     0      2          2   13.6781
    """
    if left < 0 or right < 0 or left + right == 0:
        raise ValueError(f"left and right are spans in words (>= 0, not both 0); got "
                         f"left={left}, right={right}")
    if sort not in MEASURES:
        raise ValueError(f"sort must be one of {MEASURES}, got {sort!r}")
    stream = as_stream(data, unit=unit, default="paragraphs", analyzer=analyzer,
                       progress=progress)
    starts, size, low, high = stream.occurrences(node)
    in_left = np.unique(_spans(starts, np.arange(-left, 0), low, high))
    in_right = np.unique(_spans(starts, np.arange(size, size + right), low, high))
    node_words = (starts[:, None] + np.arange(size)[None, :]).ravel()
    in_left = in_left[~np.isin(in_left, node_words)]
    in_right = in_right[~np.isin(in_right, node_words)]
    in_spans = np.union1d(in_left, in_right)
    n_words = len(stream.vocabulary)
    count = np.bincount(stream.codes[in_spans], minlength=n_words)
    frequency = stream.frequencies()
    table = pd.DataFrame({
        "collocate": stream.vocabulary,
        "count": count,
        "left": np.bincount(stream.codes[in_left], minlength=n_words),
        "right": np.bincount(stream.codes[in_right], minlength=n_words),
        "frequency": frequency,
    })
    table = table[table["count"] >= max(min_count, 1)]
    if drop_stopwords:
        stopwords = (analyzer or ArabicAnalyzer()).stopword_set
        table = table[~table["collocate"].isin(stopwords)]
    spans, total = len(in_spans), len(stream.codes)
    joint, second = table["count"].to_numpy(), table["frequency"].to_numpy()
    expected = spans * second / total if total else np.zeros(len(table))
    g2 = contingency_g2(joint, spans, second, total) if len(table) else np.zeros(0)
    table = table.assign(
        expected=np.round(expected, 4),
        mi=np.round(pmi(joint, spans, second, total), 4) if len(table) else np.zeros(0),
        t_score=np.round(t_score(joint, expected), 4),
        log_dice=np.round(log_dice(joint, len(starts), second), 4),
        g2=np.round(np.where(joint >= expected, g2, -g2), 4),
    )
    table = table.sort_values([sort, "collocate"], ascending=[False, True])
    table = table.reset_index(drop=True)
    return table if top_n is None else table.head(top_n)
