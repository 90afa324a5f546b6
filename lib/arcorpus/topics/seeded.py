"""Seeded (guided) topics: topics steered by seed word lists, the rest left free.

LDA (tomotopy engine): as R's seededlda does, the seed words get pseudo-counts in their topic
through the topic-word prior (tomotopy's ``set_word_prior``), which stays for the whole fit: a
topic's seed words together weigh ``weight`` times the corpus's tokens (seededlda's ``weight``),
shared equally, on top of ``eta``. scikit-learn's LDA cannot do this (its ``topic_word_prior``
is one number for every word and topic).

NMF: in the spirit of R's seededlda (Watanabe & Baturo 2023), which has no maintained Python
counterpart. seededlda adds pseudo-counts of each topic's seed words to that topic's word
distribution, and they stay there for the whole fit. Here the same is done for scikit-learn's
NMF, without a hand-written solver: the TF-IDF matrix gets one *pseudo-document* per seeded
topic, made of that topic's seed words, and the pseudo-document is tied to its topic (its row
of W is zero for every other topic; multiplicative updates keep zeros at zero). Every
iteration must then explain the seed words by the seeded topic, so the seeds steer it for the
whole fit, while the words that come with them are learnt from the data. The free topics
take up what the seeds do not cover.

``weight`` is the pseudo-document's share of the corpus: 0.05 makes each one weigh as much as
5% of the documents (TF-IDF rows have unit length). Small weights let the data override a
seed list it does not support; large ones force the topic onto its seeds.

Example:
    >>> from arcorpus.text import ArabicAnalyzer
    >>> seed_columns(np.array(["اشتباكات", "قصف", "مفاوضات"]), {0: ["الاشتباكات", "القصف"]},
    ...              analyzer=ArabicAnalyzer())
    {0: [0, 1]}
"""

from __future__ import annotations

import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import NMF

from ..text import ArabicAnalyzer


def seed_columns(vocabulary: np.ndarray, seeds: dict[int, list[str]], *,
                 analyzer: ArabicAnalyzer, k: int | None = None) -> dict[int, list[int]]:
    """Vocabulary columns of each topic's seed words, after running them through ``analyzer``
    (so «الاشتباكات» seeds the term اشتباكات).

    Raises ``ValueError`` for a topic outside ``0..k-1`` or a seed list none of whose words is
    in the vocabulary; warns about the single words that are not.
    """
    index = {term: j for j, term in enumerate(vocabulary)}
    columns: dict[int, list[int]] = {}
    for topic, words in seeds.items():
        if k is not None and not 0 <= topic < k:
            raise ValueError(f"seeded topic {topic} is outside 0..{k - 1}")
        found, missing = set(), []
        for word in words:
            terms = [t for t in analyzer(word) if t in index]
            found.update(index[t] for t in terms)
            if not terms:
                missing.append(word)
        if not found:
            raise ValueError(f"none of the seed words of topic {topic} ({words}) is in the "
                             "vocabulary after analysis and filtering")
        if missing:
            warnings.warn(f"seed words of topic {topic} not in the vocabulary (too rare for "
                          f"min_df, stop words, or absent): {missing}", stacklevel=3)
        columns[topic] = sorted(found)
    return columns


def seed_priors(counts: sp.csr_matrix, vocabulary: np.ndarray, k: int,
                seeds: dict[int, list[str]], *, analyzer: ArabicAnalyzer,
                weight: float = 0.05) -> dict[int, dict[int, float]]:
    """Topic-word priors of seeded LDA: column -> {topic: prior} (see the module docs).

    >>> X = sp.csr_matrix(np.array([[3, 1, 0], [1, 0, 4]]))
    >>> seed_priors(X, np.array(["اشتباكات", "قصف", "مفاوضات"]), 2, {1: ["القصف", "الاشتباكات"]},
    ...             analyzer=ArabicAnalyzer(), weight=0.1)
    {0: {1: 0.46}, 1: {1: 0.46}}
    """
    from .engines import TOMOTOPY_ETA

    if weight <= 0:
        raise ValueError(f"seed_weight must be positive, got {weight}")
    columns = seed_columns(vocabulary, seeds, analyzer=analyzer, k=k)
    pseudo = weight * float(counts.sum())
    priors: dict[int, dict[int, float]] = {}
    for topic, cols in columns.items():
        for column in cols:
            priors.setdefault(column, {})[topic] = TOMOTOPY_ETA + pseudo / len(cols)
    return priors


def fit_seeded_nmf(weighted: sp.csr_matrix, vocabulary: np.ndarray, k: int,
                   seeds: dict[int, list[str]], *, analyzer: ArabicAnalyzer,
                   weight: float = 0.05, random_state: int = 0,
                   max_iter: int = 400) -> tuple[NMF, np.ndarray]:
    """Fit NMF with seeded topics on a TF-IDF matrix; return the estimator and the document
    shares of the real documents (``W`` without the pseudo-documents)."""
    if weight <= 0:
        raise ValueError(f"seed_weight must be positive, got {weight}")
    columns = seed_columns(vocabulary, seeds, analyzer=analyzer, k=k)
    n_docs, n_terms = weighted.shape
    # one pseudo-document per seeded topic: its seed words, with squared length weight * n_docs
    pseudo = sp.lil_matrix((len(columns), n_terms))
    for row, cols in enumerate(columns.values()):
        pseudo[row, cols] = np.sqrt(weight * n_docs / len(cols))
    augmented = sp.vstack([weighted, pseudo.tocsr()]).tocsr()

    rng = np.random.default_rng(random_state)
    scale = float(np.sqrt(weighted.mean() / k)) or 1e-3
    h0 = rng.uniform(0.5 * scale, scale, size=(k, n_terms))
    for topic, cols in columns.items():
        h0[topic, cols] = scale * 10
    w0 = np.maximum(np.asarray(weighted @ h0.T) / (scale * 10 * n_terms) * k, 1e-6)
    tied = np.zeros((len(columns), k))
    for row, topic in enumerate(columns):
        tied[row, topic] = 1.0
    w0 = np.vstack([w0, tied])

    estimator = NMF(n_components=k, init="custom", solver="mu", max_iter=max_iter,
                    random_state=random_state, tol=1e-5)
    shares = estimator.fit_transform(augmented, W=w0, H=h0)
    return estimator, shares[:n_docs]
