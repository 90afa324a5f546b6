"""Change over time: how often terms occur in each period, with the interval a small period
deserves, and which terms rise or fall across the periods, with the uncertainty of the trend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.stats import false_discovery_control
from scipy.stats import t as student_t

from ..corpus.units import TextData, Unit, unit_table
from ..intervals import poisson_interval
from ..text import ArabicAnalyzer
from .frequencies import _indicator
from .matrix import document_term_matrix
from .units import group_labels


def _counts_by_group(data: TextData, by: str | pd.Series, unit: Unit | None,
                     analyzer: ArabicAnalyzer, progress: bool | None):
    """(groups x terms counts, vocabulary, groups, terms counted per group)."""
    units = unit_table(data, unit)
    labels = group_labels(units, by)
    if labels is None or labels.isna().any():
        raise ValueError("every unit needs a period: drop the rows without one first "
                         "(e.g. articles without a date)")
    matrix, vocabulary = document_term_matrix(units["text"].tolist(), analyzer,
                                              progress=progress)
    indicator, groups = _indicator(labels)
    counts = (indicator @ matrix).tocsc()
    return counts, vocabulary, groups, np.asarray(counts.sum(axis=1)).ravel()


def term_periods(
    data: TextData,
    terms: str | Sequence[str] | None = None,
    *,
    by: str | pd.Series = "period",
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    top_n: int = 10,
    level: float = 0.95,
    progress: bool | None = None,
) -> pd.DataFrame:
    """How often each term occurs in each period, per 10,000 counted terms, with an exact
    Poisson interval (:func:`~arcorpus.intervals.poisson_interval`): the rate of a small period
    comes with the wide interval it deserves, and a period without the term is 0 with an upper
    limit above 0.

    Args:
        data: Corpus, DataFrame with ``text``, or texts.
        terms: the terms to follow, words or phrases (each analysed as the text is, so
            «الحوثيين» follows حوثيين); ``None``: the ``top_n`` most frequent terms.
        by: the period column of the units (e.g. from
            :func:`~arcorpus.corpus.periods.period_starts`) or a Series aligned with them; any
            sortable labels.
        unit: the units to count in (default: the input's own).
        analyzer: the pipeline (default :class:`~arcorpus.text.ArabicAnalyzer`()).
        top_n: how many terms when ``terms`` is ``None``.
        level: confidence level of the intervals.
        progress: progress bar (see :mod:`arcorpus.progress`).

    Returns:
        Columns ``[by,] term, count, total, per_10k, per_10k_low, per_10k_high``, one row per
        period and term (zeros included), periods in order: ``total`` is the terms counted in
        the period, the denominator of ``per_10k``.

    Example:
        >>> frame = pd.DataFrame({"text": ["هدنة في اليمن", "هدنة", "قصف في اليمن"],
        ...                       "month": [7, 7, 8]})
        >>> term_periods(frame, ["الهدنة"], by="month")
           month    term  count  total  per_10k  per_10k_low  per_10k_high
        0      7  الهدنة      2      3   6666.7        807.4       24082.3
        1      8  الهدنة      0      2      0.0          0.0       18444.4
    """
    analyzer = analyzer or ArabicAnalyzer()
    wanted = [terms] if isinstance(terms, str) else None if terms is None else list(terms)
    keys = [" ".join(analyzer.unigrams(term)) for term in wanted] if wanted else []
    if any(not key for key in keys):
        empty = [t for t, k in zip(wanted, keys, strict=True) if not k]
        raise ValueError(f"no term to count in {empty} (stop words only?)")
    longest = max((key.count(" ") + 1 for key in keys), default=1)
    if longest > analyzer.ngram_range[1]:
        analyzer = replace(analyzer, ngram_range=(analyzer.ngram_range[0], longest))
    counts, vocabulary, groups, totals = _counts_by_group(data, by, unit, analyzer, progress)
    if wanted is None:
        overall = np.asarray(counts.sum(axis=0)).ravel()
        top = np.lexsort((vocabulary, -overall))[:top_n]
        keys = wanted = vocabulary[top].tolist()
    where = {term: k for k, term in enumerate(vocabulary)}
    columns = [where.get(key, -1) for key in keys]
    present = [c for c in columns if c >= 0]
    chosen = counts[:, present].toarray() if present else np.zeros((len(groups), 0))
    table = np.zeros((len(groups), len(keys)))
    table[:, [k for k, c in enumerate(columns) if c >= 0]] = chosen
    name = groups.name or "group"
    frame = pd.DataFrame({
        name: np.repeat(groups.to_numpy(), len(keys)),
        "term": np.tile(np.asarray(wanted, dtype=object), len(groups)),
        "count": table.ravel().astype(np.int64),
        "total": np.repeat(totals, len(keys)).astype(np.int64),
    })
    exposure = np.maximum(frame["total"].to_numpy(), 1) / 10_000
    low, high = poisson_interval(frame["count"], exposure, level=level)
    frame["per_10k"] = (frame["count"] / exposure).round(1)
    frame["per_10k_low"], frame["per_10k_high"] = low.round(1), high.round(1)
    return frame


def _period_positions(groups: pd.Index) -> np.ndarray:
    """Where each period stands on the time axis, in periods from the first: elapsed time over
    the median gap for dates (days missing from a daily corpus leave a gap), else the rank."""
    values = groups.to_numpy()
    if pd.api.types.is_datetime64_any_dtype(values):
        elapsed = (pd.DatetimeIndex(values) - pd.Timestamp(values[0])).total_seconds().to_numpy()
        step = np.median(np.diff(elapsed)) if len(values) > 1 else 1.0
        return elapsed / (step or 1.0)
    return np.arange(len(values), dtype=float)


def _poisson_trends(y: np.ndarray, totals: np.ndarray, x: np.ndarray, iterations: int = 50):
    """Log-linear Poisson fit of each row of ``y`` (terms x periods): y ~ Poisson(totals ·
    exp(a + b x)), by Newton's method on all terms at once; returns b, its variance, fitted
    means. Written with numpy because one 2-parameter fit per term (tens of thousands of
    terms) is far faster vectorised than through a per-term GLM library call."""
    x = x - x.mean()
    span = max(float(x.max() - x.min()), 1.0)
    a = np.log(y.sum(axis=1) / totals.sum())
    b = np.zeros(len(y))
    for _ in range(iterations):
        mu = totals[None, :] * np.exp(a[:, None] + b[:, None] * x[None, :])
        residual = y - mu
        ua, ub = residual.sum(axis=1), (residual * x).sum(axis=1)
        iaa, iab, ibb = mu.sum(axis=1), (mu * x).sum(axis=1), (mu * x * x).sum(axis=1)
        det = iaa * ibb - iab * iab
        step_b = (iaa * ub - iab * ua) / det
        step_a = (ibb * ua - iab * ub) / det
        # damped: a step never changes the rate ratio across the span more than e^2 times, so
        # a term seen only at one end (no finite optimum) drifts instead of overflowing
        limit = np.minimum(1.0, 2.0 / np.maximum(np.abs(step_b) * span, 1e-12))
        a, b = a + limit * step_a, b + limit * step_b
        if np.abs(step_b).max(initial=0) * span < 1e-8:
            break
    mu = totals[None, :] * np.exp(a[:, None] + b[:, None] * x[None, :])
    iaa, iab, ibb = mu.sum(axis=1), (mu * x).sum(axis=1), (mu * x * x).sum(axis=1)
    return b, iaa / (iaa * ibb - iab * iab), mu


def term_change(
    data: TextData,
    *,
    by: str | pd.Series = "period",
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    min_count: int = 20,
    level: float = 0.95,
    top_n: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Which terms rise and which fall across the periods: a log-linear trend per term, with a
    confidence interval that allows for news counts being burstier than Poisson.

    For each term, its count in period t is modelled as Poisson with mean
    ``total_t · exp(a + b·x_t)`` (``total_t`` the terms counted in the period, ``x_t`` its place
    in time): a steady rise or fall in the term's share, fitted by maximum likelihood (a
    log-linear model, McCullagh & Nelder 1989). A term that bursts on one day fits a trend
    badly; the quasi-Poisson dispersion φ = Pearson χ² / (periods − 2) (Wedderburn 1974; never
    below 1) widens its interval accordingly, and the interval uses Student's t with
    periods − 2 degrees of freedom, so few periods give wide intervals.

    McCullagh, P. & Nelder, J. A. (1989). *Generalized Linear Models*, 2nd ed. Chapman & Hall.
    Wedderburn, R. W. M. (1974). Quasi-likelihood functions, generalized linear models, and the
    Gauss–Newton method. *Biometrika* 61(3), 439–447. Benjamini, Y. & Hochberg, Y. (1995).
    Controlling the false discovery rate. *Journal of the Royal Statistical Society B* 57(1),
    289–300.

    Args:
        data: Corpus, DataFrame with ``text``, or texts.
        by: the period column (dates or any sortable labels; at least three periods) or a
            Series aligned with the units. Dates are placed on a true time axis (a missing
            day leaves a gap); other labels are taken as equally spaced.
        unit: the units to count in (default: the input's own).
        analyzer: the pipeline (default :class:`~arcorpus.text.ArabicAnalyzer`()).
        min_count: leave out terms seen fewer times in all (their trend cannot be read).
        level: confidence level of the interval.
        top_n: keep the ``top_n`` strongest rising and ``top_n`` strongest falling terms.
        progress: progress bar (see :mod:`arcorpus.progress`).

    Returns:
        Columns ``term, count, periods, per_10k_first, per_10k_last, log2_change, ci_low,
        ci_high, p_value, q_value, dispersion, trend``: ``periods`` is the number of periods
        the term occurs in, ``per_10k_first`` and ``per_10k_last`` the fitted rates at the first and
        last period, ``log2_change`` log₂ of their ratio (+1: the share doubled over the span)
        with its interval (``ci_low``, ``ci_high``), ``p_value`` the test of no trend,
        ``q_value`` the p-value adjusted for testing every term (Benjamini & Hochberg 1995:
        keep the terms with ``q_value < 0.05`` and expect 5% of them to be false
        discoveries), ``dispersion`` φ, and ``trend`` "rising" or "falling" when the interval
        excludes 0, else "uncertain". Sorted from the clearest rise (by t statistic) to the
        clearest fall. With thousands of terms tested, some intervals exclude 0 by chance:
        read ``trend`` together with ``q_value``.

    Example:
        >>> frame = pd.DataFrame({"text": ["هدنة قصف قصف قصف", "هدنة هدنة قصف قصف",
        ...                                "هدنة هدنة هدنة قصف"], "day": [1, 2, 3]})
        >>> term_change(frame, by="day", min_count=1)[["term", "count", "log2_change"]]
           term  count  log2_change
        0  هدنة      6       1.5074
        1   قصف      6      -1.5074
    """
    analyzer = analyzer or ArabicAnalyzer()
    counts, vocabulary, groups, totals = _counts_by_group(data, by, unit, analyzer, progress)
    if len(groups) < 3:
        raise ValueError(f"a trend needs at least 3 periods; {groups.name or 'by'!r} has "
                         f"{len(groups)}")
    overall = np.asarray(counts.sum(axis=0)).ravel()
    keep = np.flatnonzero(overall >= max(min_count, 1))
    y = sp.csc_matrix(counts[:, keep]).toarray().T.astype(float)
    x = _period_positions(groups)
    used = totals > 0
    y, x, totals = y[:, used], x[used], totals[used].astype(float)
    slope, variance, mu = _poisson_trends(y, totals, x)
    degrees = max(len(x) - 2, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.maximum(((y - mu) ** 2 / mu).sum(axis=1) / degrees, 1.0)
    se = np.sqrt(phi * variance)
    span = float(x.max() - x.min())
    quantile = student_t.ppf(0.5 + level / 2, degrees)
    to_log2 = span / np.log(2)
    stat = slope / se
    centred = x - x.mean()
    rate = mu / totals[None, :] * 10_000
    table = pd.DataFrame({
        "term": vocabulary[keep],
        "count": overall[keep].astype(np.int64),
        "periods": (y > 0).sum(axis=1),
        "per_10k_first": rate[:, np.argmin(centred)].round(2) if len(keep) else [],
        "per_10k_last": rate[:, np.argmax(centred)].round(2) if len(keep) else [],
        "log2_change": (slope * to_log2).round(4),
        "ci_low": ((slope - quantile * se) * to_log2).round(4),
        "ci_high": ((slope + quantile * se) * to_log2).round(4),
        "p_value": 2 * student_t.sf(np.abs(stat), degrees),
        "q_value": false_discovery_control(2 * student_t.sf(np.abs(stat), degrees))
        if len(keep) else [],
        "dispersion": phi.round(2),
        "_stat": stat,
    })
    table["trend"] = np.select([table["ci_low"] > 0, table["ci_high"] < 0],
                               ["rising", "falling"], "uncertain")
    table = table.sort_values(["_stat", "term"], ascending=[False, True])
    if top_n is not None:
        table = pd.concat([table[table["_stat"] > 0].head(top_n),
                           table[table["_stat"] < 0].tail(top_n)])
    return table.drop(columns="_stat").reset_index(drop=True)
