"""Collocations: word pairs (and triples) that occur together more than chance predicts."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from ..corpus.units import TextData, Unit, resolve_unit, unit_table
from ..text import ArabicAnalyzer
from .matrix import document_term_matrix


def pmi(joint, first, second, total) -> np.ndarray:
    """Pointwise mutual information, log₂ (Church & Hanks 1990): log₂(O₁₁ N / (R₁ C₁)).

    >>> float(pmi(10, 20, 20, 400))
    3.321928094887362
    """
    joint, first, second, total = (np.asarray(x, dtype=float) for x in (joint, first, second,
                                                                         total))
    return np.log2(joint * total / (first * second))


def contingency_g2(joint, first, second, total) -> np.ndarray:
    """G² of the 2×2 table of a pair (Dunning 1993): O₁₁ = joint, O₁₂ = R₁ − O₁₁,
    O₂₁ = C₁ − O₁₁, O₂₂ = N − R₁ − C₁ + O₁₁, against E_ij = R_i C_j / N.

    >>> round(float(contingency_g2(10, 20, 20, 400)), 3)
    38.6
    """
    o11, r1, c1, n = (np.asarray(x, dtype=float) for x in (joint, first, second, total))
    cells = [(o11, r1, c1), (r1 - o11, r1, n - c1), (c1 - o11, n - r1, c1),
             (n - r1 - c1 + o11, n - r1, n - c1)]
    g2 = np.zeros(np.broadcast(o11, r1, c1, n).shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        for observed, row, col in cells:
            expected = row * col / n
            g2 = g2 + np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2 * g2


def collocations(
    data: TextData,
    *,
    n: int = 2,
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    min_count: int = 3,
    drop_stopwords: bool = True,
    top_n: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Bigram (``n=2``) or trigram (``n=3``) collocations with PMI and G².

    N-grams are counted within each unit (never across paragraph or article boundaries) over
    the analyzer's terms with stop words *kept*, so that neighbours are real neighbours; with
    ``drop_stopwords`` the n-grams that contain a stop word are then left out of the table.

    For a bigram (w₁ w₂): O₁₁ its count, R₁ the bigrams starting with w₁, C₁ those ending with
    w₂, N all bigrams. A trigram (w₁ w₂ w₃) is scored as the pair ((w₁ w₂), w₃) the same way.

    Returns:
        Columns ``ngram, count, pmi, g2``, sorted by G² (highest first).
    """
    if n not in (2, 3):
        raise ValueError(f"n must be 2 or 3, got {n}")
    base = analyzer or ArabicAnalyzer()
    counting = replace(base, stopwords=None, ngram_range=(n, n))
    texts = unit_table(data, resolve_unit(data, unit, "paragraphs"))["text"].tolist()
    matrix, grams = document_term_matrix(texts, counting, progress=progress)
    counts = np.asarray(matrix.sum(axis=0)).ravel()
    parts = pd.Series(grams).str.rsplit(" ", n=1, expand=True)
    table = pd.DataFrame({"ngram": grams, "head": parts[0], "tail": parts[1], "count": counts})
    total = counts.sum()
    first = table.groupby("head")["count"].transform("sum")
    second = table.groupby("tail")["count"].transform("sum")
    table["pmi"] = pmi(table["count"], first, second, total).round(4)
    table["g2"] = contingency_g2(table["count"], first, second, total).round(4)
    table = table[table["count"] >= min_count]
    if drop_stopwords and base.stopword_set:
        words = table["ngram"].str.split(" ")
        table = table[~words.map(lambda ws: any(w in base.stopword_set for w in ws))]
    table = table.sort_values(["g2", "ngram"], ascending=[False, True])
    table = table[["ngram", "count", "pmi", "g2"]].reset_index(drop=True)
    return table if top_n is None else table.head(top_n)
