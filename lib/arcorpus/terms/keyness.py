"""Keyness: which terms are over- or under-represented in one sub-corpus against another, with
the direction of the difference (signed G², as quanteda's ``textstat_keyness`` reports it) and
filters on effect size (log ratio) as well as significance."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from scipy.stats import chi2

from ..corpus.units import TextData, Unit, unit_table
from ..text import ArabicAnalyzer
from .matrix import document_term_matrix


def log_likelihood_g2(a, b, c, d) -> np.ndarray:
    """Log-likelihood G² for a term seen ``a`` times in a target of ``c`` tokens and ``b`` times
    in a reference of ``d`` tokens (Dunning 1993; the two-cell form of Rayson & Garside 2000).

    G² = 2 Σ O ln(O / E), with E₁ = c (a + b) / (c + d), E₂ = d (a + b) / (c + d), and 0 ln 0 = 0.

    >>> round(float(log_likelihood_g2(10, 2, 1000, 1000)), 3)
    5.822
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2 * (t1 + t2)


def log_ratio(a, b, c, d) -> np.ndarray:
    """Effect size: log₂ of the ratio of relative frequencies (Hardie 2014), with a zero count
    replaced by 0.5 so that terms absent from one side get a finite value. +1 means twice as
    frequent in the target.

    >>> float(log_ratio(20, 10, 1000, 1000))
    1.0
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    return np.log2((np.where(a == 0, 0.5, a) / c) / (np.where(b == 0, 0.5, b) / d))


Direction = Literal["both", "target", "reference"]


def keyness(
    target: TextData,
    reference: TextData,
    *,
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    min_count: int = 5,
    min_log_ratio: float = 0.0,
    max_p_value: float | None = None,
    direction: Direction = "both",
    top_n: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Keyness of every term of ``target`` against ``reference``: signed G², p-value, log ratio.

    Both sides are counted by the same analyzer; the totals (``c``, ``d``) are the terms the
    analyzer keeps, the same denominator as ``per_10k`` everywhere in the kit.

    Args:
        min_count: drop terms seen fewer times on the two sides together.
        min_log_ratio: effect-size filter: keep terms whose ``|log_ratio|`` (log₂ of the ratio of
            relative frequencies) is at least this (1 = twice as frequent on one side).
        max_p_value: significance filter (χ², one degree of freedom): keep terms with
            ``p_value <= max_p_value``. With thousands of terms tested, correct for multiple
            comparisons yourself (Bonferroni: ``0.05 / len(table)``).
        direction: ``"target"`` keeps the over-used terms (key in the target), ``"reference"``
            the under-used ones, ``"both"`` all.
        top_n: keep the ``top_n`` strongest terms of each direction.

    Returns:
        Columns ``term, count_target, count_reference, per_10k_target, per_10k_reference, g2,
        p_value, log_ratio, direction``. ``g2`` is signed as in quanteda: positive when the term
        is more frequent in the target than expected (``direction == "target"``), negative
        when it is less frequent (``"reference"``). Sorted by signed G², so the table reads from
        the most over-used term down to the most under-used. ``p_value`` is from χ² with one
        degree of freedom (|G²| 3.84 ≈ p 0.05, 6.63 ≈ 0.01, 10.83 ≈ 0.001).

    Example:
        >>> keyness(["داعش داعش هجوم"], ["الفصائل هجوم"], min_count=1)[["term", "direction"]]
            term  direction
        0   داعش     target
        1   هجوم  reference
        2  فصائل  reference
    """
    check_filters(min_log_ratio=min_log_ratio, direction=direction)
    analyzer = analyzer or ArabicAnalyzer()
    left = unit_table(target, unit)["text"].tolist()
    right = unit_table(reference, unit)["text"].tolist()
    matrix, vocabulary = document_term_matrix(left + right, analyzer, progress=progress)
    a = np.asarray(matrix[: len(left)].sum(axis=0)).ravel()
    b = np.asarray(matrix[len(left):].sum(axis=0)).ravel()
    return keyness_table(a, b, vocabulary, min_count=min_count, min_log_ratio=min_log_ratio,
                         max_p_value=max_p_value, direction=direction, top_n=top_n)


def check_filters(*, min_log_ratio: float, direction: str) -> None:
    """Validate :func:`keyness`'s filters (at the public boundary, in memory or on Dask)."""
    if direction not in ("both", "target", "reference"):
        raise ValueError(f"direction must be 'both', 'target' or 'reference', got {direction!r}")
    if min_log_ratio < 0:
        raise ValueError(f"min_log_ratio is a magnitude (>= 0), got {min_log_ratio}")


def keyness_table(a: np.ndarray, b: np.ndarray, vocabulary: np.ndarray, *, min_count: int = 5,
                  min_log_ratio: float = 0.0, max_p_value: float | None = None,
                  direction: Direction = "both", top_n: int | None = None) -> pd.DataFrame:
    """The table of :func:`keyness` from each term's count in the target (``a``) and the
    reference (``b``), aligned with ``vocabulary`` (so counts summed over partitions give the
    same table)."""
    c, d = a.sum(), b.sum()
    if c == 0 or d == 0:
        raise ValueError("one side has no terms after analysis: nothing to compare")
    keep = (a + b) >= min_count
    a, b, terms = a[keep], b[keep], vocabulary[keep]
    g2 = log_likelihood_g2(a, b, c, d)
    over = a / c >= b / d
    g2 = np.where(over, g2, -g2)
    table = pd.DataFrame({
        "term": terms,
        "count_target": a.astype(np.int64),
        "count_reference": b.astype(np.int64),
        "per_10k_target": (a / c * 10_000).round(2),
        "per_10k_reference": (b / d * 10_000).round(2),
        "g2": g2.round(4),
        "p_value": chi2.sf(np.abs(g2), df=1),
        "log_ratio": log_ratio(a, b, c, d).round(4),
        "direction": np.where(over, "target", "reference"),
    })
    table = table[table["log_ratio"].abs() >= min_log_ratio]
    if max_p_value is not None:
        table = table[table["p_value"] <= max_p_value]
    if direction != "both":
        table = table[table["direction"] == direction]
    table = table.sort_values(["g2", "term"], ascending=[False, True])
    if top_n is not None:
        table = pd.concat([table[table["direction"] == "target"].head(top_n),
                           table[table["direction"] == "reference"].tail(top_n)])
    return table.reset_index(drop=True)
