"""Labelling topics by more than probability: FREX and lift, as R's ``stm`` computes them.

A topic's most probable terms are often the corpus's most frequent ones (قال، مملكة، سعودي in
every topic). Two measures correct for that, and ``stm::labelTopics`` shows both:

* **FREX** (Bischof & Airoldi 2012; Roberts, Stewart & Tingley's ``stm``): the weighted harmonic
  mean of a term's rank in the topic by *frequency* (its probability in the topic) and by
  *exclusivity* (its probability in the topic over the sum of its probabilities in all topics),
  each rank taken as an empirical CDF in ``(0, 1]`` over the vocabulary::

      FREX(k, v) = 1 / (w / ECDF_freq(k, v) + (1 - w) / ECDF_excl(k, v)),   w = 0.5

  As in ``stm``'s ``calcfrex``, when the corpus counts of the terms are known the exclusivity of a
  term is first shrunk towards uniform over topics (a James-Stein estimate whose strength grows
  as the term is rarer), so that a term seen twice is not "exclusive" by chance. Ties take
  their average rank (``data.table::frank``'s default).
* **Lift** (Taddy 2012; ``stm``'s ``calclift``): the term's probability in the topic over its
  share of all the corpus's tokens. It favours rare terms: read it beside the others.

Example:
    >>> beta = np.array([[0.5, 0.3, 0.2], [0.1, 0.1, 0.8]])
    >>> frex(beta).round(3).tolist()
    [[1.0, 0.667, 0.333], [0.4, 0.571, 1.0]]
    >>> lift(beta, np.array([30, 20, 50])).round(2).tolist()
    [[1.67, 1.5, 0.4], [0.33, 0.5, 1.6]]
"""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata


def shrink_exclusivity(exclusivity: np.ndarray, word_counts: np.ndarray) -> np.ndarray:
    """``stm``'s ``js.estimate`` for every term at once: each column of ``exclusivity`` (topics
    x terms, columns sum to 1) moved towards uniform by ``lambda = sum(p(1-p)/(n-1)) /
    sum((p - 1/K)^2)``, clipped to [0, 1]; a term counted at most once becomes uniform."""
    k = exclusivity.shape[0]
    counts = np.asarray(word_counts, dtype=float)
    uniform = 1.0 / k
    with np.errstate(divide="ignore", invalid="ignore"):
        variance = (exclusivity * (1 - exclusivity)).sum(axis=0) / (counts - 1)
        deviation = ((exclusivity - uniform) ** 2).sum(axis=0)
        lam = np.clip(variance / deviation, 0.0, 1.0)
    lam = np.where(deviation == 0, 0.0, lam)  # already uniform: nothing to shrink
    lam = np.where(np.isnan(lam) | (counts <= 1), 1.0, lam)
    return (1 - lam) * exclusivity + lam * uniform


def frex(beta: np.ndarray, word_counts: np.ndarray | None = None, *,
         weight: float = 0.5) -> np.ndarray:
    """FREX score of every term in every topic (topics x terms), from the topic-word
    distributions ``beta`` (rows sum to 1); ``word_counts`` (the corpus count of each term)
    turns on ``stm``'s shrinkage of exclusivity. ``weight`` is the weight of frequency (``stm``'s
    ``frexw``): 1 ranks by probability alone, 0 by exclusivity alone.

    >>> frex(np.array([[0.5, 0.3, 0.2], [0.1, 0.1, 0.8]]), weight=1.0).round(3).tolist()
    [[1.0, 0.667, 0.333], [0.5, 0.5, 1.0]]
    """
    if not 0 <= weight <= 1:
        raise ValueError(f"the FREX weight must be between 0 and 1, got {weight}")
    beta = np.asarray(beta, dtype=float)
    n_terms = beta.shape[1]
    totals = beta.sum(axis=0, keepdims=True)  # 0 for a term no topic uses (NMF): uniform
    exclusivity = np.divide(beta, totals, out=np.full_like(beta, 1 / beta.shape[0]),
                            where=totals > 0)
    if word_counts is not None:
        exclusivity = shrink_exclusivity(exclusivity, word_counts)
    frequency_rank = rankdata(beta, axis=1) / n_terms
    exclusivity_rank = rankdata(exclusivity, axis=1) / n_terms
    return 1.0 / (weight / frequency_rank + (1 - weight) / exclusivity_rank)


def lift(beta: np.ndarray, word_counts: np.ndarray) -> np.ndarray:
    """Lift of every term in every topic: ``beta[k, v] / (count[v] / total count)``."""
    counts = np.asarray(word_counts, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(beta, dtype=float) / (counts / counts.sum())
