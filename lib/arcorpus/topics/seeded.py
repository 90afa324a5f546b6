"""Seeded (guided) topics: topics steered by seed word lists, the rest left free.

In the spirit of R's seededlda (Watanabe & Baturo 2023), which has no maintained Python
counterpart: here the steering is done through NMF's starting point. The initial topic-word
matrix H0 gives each seeded topic a high weight on its seed words (``weight`` times the mean
weight), the free topics a small random one, and the document-topic matrix W0 starts from how
much of each document's TF-IDF falls on each topic's seeds. NMF then fits as usual: seeds pull
a topic towards their neighbourhood but do not fix it, so a seed list that the data do not
support drifts away (the notebook shows both cases).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..text import ArabicAnalyzer


def seeded_init(weighted: sp.csr_matrix, vocabulary: np.ndarray, k: int,
                seeds: dict[int, list[str]], *, analyzer: ArabicAnalyzer, weight: float = 10.0,
                random_state: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Starting matrices ``(W0, H0)`` for ``NMF(init="custom")`` with seeded topics.

    Seed words are run through ``analyzer`` (so «الاشتباكات» seeds the term اشتباكات); a seed
    list none of whose words is in the vocabulary raises ``ValueError``.
    """
    rng = np.random.default_rng(random_state)
    n_terms = weighted.shape[1]
    scale = float(np.sqrt(weighted.mean() / k)) or 1e-3
    h0 = rng.uniform(0, scale, size=(k, n_terms))
    index = {term: j for j, term in enumerate(vocabulary)}
    for topic, words in seeds.items():
        if not 0 <= topic < k:
            raise ValueError(f"seeded topic {topic} is outside 0..{k - 1}")
        columns = sorted({index[t] for w in words for t in analyzer(w) if t in index})
        if not columns:
            raise ValueError(f"none of the seed words of topic {topic} ({words}) is in the "
                             "vocabulary after analysis and filtering")
        h0[topic, columns] = scale * weight
    w0 = np.asarray(weighted @ h0.T) / max(weight, 1.0)
    w0 = np.maximum(w0, 1e-6)
    return w0, h0
