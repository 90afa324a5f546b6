"""Choosing the number of topics honestly: coherence, held-out perplexity and stability."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.decomposition import LatentDirichletAllocation

from ..corpus.units import TextData, Unit, resolve_unit, unit_table
from ..text import ArabicAnalyzer
from .model import (
    Method,
    check_method,
    document_term_counts,
    fit_counts,
    warn_if_small,
)


def _document_frequencies(counts: sp.csr_matrix, vocabulary: np.ndarray,
                          top_terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Document frequency of each of ``top_terms`` (in order; terms not in the vocabulary
    left out) and of each pair, from the documents x terms ``counts``."""
    index = {t: j for j, t in enumerate(vocabulary)}
    columns = [index[t] for t in top_terms if t in index]
    present = (counts[:, columns] > 0).astype(np.float64).tocsc()
    joint = (present.T @ present).toarray()
    return np.diag(joint).copy(), joint


def coherence_umass(counts: sp.csr_matrix, vocabulary: np.ndarray,
                    top_terms: Sequence[str]) -> float:
    """UMass coherence (Mimno et al. 2011) of a topic's top terms, from document frequencies
    of the corpus itself: Σ over m > l of log((D(w_m, w_l) + 1) / D(w_l)), with the terms in
    the order given (best first), averaged over the pairs. Higher (closer to 0) is better.

    >>> X = sp.csr_matrix([[1, 1, 0], [1, 0, 1], [1, 1, 1], [0, 0, 1]])
    >>> round(coherence_umass(X, np.array(["a", "b", "c"]), ["a", "b"]), 4)
    0.0
    """
    single, joint = _document_frequencies(counts, vocabulary, top_terms)
    scores = [np.log((joint[later, earlier] + 1) / single[earlier])
              for later in range(1, len(single)) for earlier in range(later)]
    return float(np.mean(scores)) if scores else float("nan")


def coherence_npmi(counts: sp.csr_matrix, vocabulary: np.ndarray,
                   top_terms: Sequence[str]) -> float:
    """NPMI coherence (Bouma 2009; Aletras & Stevenson 2013; Röder et al. 2015 with documents
    as the co-occurrence window), from document frequencies of the corpus itself: the mean over
    pairs of log(P(wi, wj) / (P(wi) P(wj))) / -log P(wi, wj); a pair that never co-occurs scores
    -1. Between -1 and 1; higher is better.

    >>> X = sp.csr_matrix([[1, 1, 0], [1, 0, 1], [1, 1, 1], [0, 0, 1]])
    >>> round(coherence_npmi(X, np.array(["a", "b", "c"]), ["a", "b"]), 4)
    0.415
    """
    single, joint = _document_frequencies(counts, vocabulary, top_terms)
    n = counts.shape[0]
    scores = []
    for i, j in itertools.combinations(range(len(single)), 2):
        p_ij = joint[i, j] / n
        if p_ij == 0:
            scores.append(-1.0)
            continue
        if p_ij == 1:
            scores.append(1.0)
            continue
        pmi = np.log(p_ij / ((single[i] / n) * (single[j] / n)))
        scores.append(pmi / -np.log(p_ij))
    return float(np.mean(scores)) if scores else float("nan")


def stability(runs: Iterable[dict[int, list[str]]]) -> float:
    """Mean best-match Jaccard of top terms between runs (Greene, O'Callaghan & Cunningham
    2014, with best match instead of an assignment): for each pair of runs and each topic of
    the first, the highest Jaccard similarity with a topic of the second; averaged. 1 means the
    same topics every time.

    >>> stability([{0: ["a", "b"], 1: ["c", "d"]}, {0: ["c", "d"], 1: ["a", "e"]}])
    0.6667
    """
    runs = [list(map(set, run.values())) for run in runs]
    scores = []
    for first, second in itertools.permutations(runs, 2):
        scores += [max(len(a & b) / len(a | b) for b in second) for a in first]
    return round(float(np.mean(scores)), 4) if scores else float("nan")


def select_k(
    data: TextData,
    ks: Iterable[int],
    *,
    method: Method = "lda",
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    min_df: int | float = 2,
    max_df: int | float = 0.95,
    n_seeds: int = 3,
    top_n: int = 10,
    held_out: float = 0.2,
    random_state: int = 0,
    max_iter: int = 50,
) -> pd.DataFrame:
    """Fit a model for every K with ``n_seeds`` seeds and report, per K: NPMI and UMass
    coherence (mean over the topics of the model fitted with ``random_state``), held-out
    perplexity (LDA only: fitted on ``1 - held_out`` of the documents, scored on the rest) and
    stability across seeds (:func:`stability` of the top ``top_n`` terms; NMF from random
    starts, since its default start does not depend on the seed).

    Returns:
        ``k, coherence_npmi, coherence_umass, perplexity, stability``.
    """
    check_method(method)
    analyzer = analyzer or ArabicAnalyzer()
    units = unit_table(data, resolve_unit(data, unit, "paragraphs")).reset_index(drop=True)
    counts, vocabulary = document_term_counts(units, analyzer, min_df=min_df, max_df=max_df)
    rng = np.random.default_rng(random_state)
    order = rng.permutation(counts.shape[0])
    cut = max(1, round(counts.shape[0] * (1 - held_out)))
    train, test = counts[order[:cut]], counts[order[cut:]]
    ks = list(ks)
    warn_if_small(counts.shape[0], counts.shape[1], max(ks))
    rows = []
    for k in ks:
        def fit(seed: int, init: str | None = None, k: int = k):
            return fit_counts(units, counts, vocabulary, k=k, method=method, analyzer=analyzer,
                              random_state=seed, max_iter=max_iter, top_n=top_n, init=init)

        tops = fit(random_state).top_terms(top_n)
        if method == "nmf":
            # NMF's default start (NNDSVD) ignores the seed: its stability is measured from
            # random starts, otherwise it would be 1 by construction
            runs = [fit(random_state + s, "random").top_terms(top_n) for s in range(n_seeds)]
        else:  # the first LDA run is the one already fitted
            runs = [tops] + [fit(random_state + s).top_terms(top_n) for s in range(1, n_seeds)]
        perplexity = float("nan")
        if method == "lda" and test.shape[0] and k <= train.shape[0]:
            model = LatentDirichletAllocation(n_components=k, max_iter=max_iter,
                                              random_state=random_state).fit(train)
            perplexity = float(model.perplexity(test))
        rows.append({
            "k": k,
            "coherence_npmi": round(float(np.mean([coherence_npmi(counts, vocabulary, t)
                                                   for t in tops.values()])), 4),
            "coherence_umass": round(float(np.mean([coherence_umass(counts, vocabulary, t)
                                                    for t in tops.values()])), 4),
            "perplexity": round(perplexity, 2),
            "stability": stability(runs),
        })
    return pd.DataFrame(rows)
