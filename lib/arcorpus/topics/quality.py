"""Choosing the number of topics honestly: coherence, held-out perplexity and stability."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from joblib import Parallel, delayed

from ..corpus.units import TextData, Unit, resolve_unit, unit_keys, unit_table
from ..progress import progress_bar
from ..text import ArabicAnalyzer
from .engines import SELECT_K_ITER, check_engine, tomotopy_perplexity
from .model import (
    Method,
    check_fit_input,
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


def _fit_for_selection(units: pd.DataFrame, train: sp.csr_matrix, test: sp.csr_matrix | None,
                       vocabulary: np.ndarray, *, k: int, seed: int, method: str, engine: str,
                       analyzer: ArabicAnalyzer, max_iter: int | None, top_n: int,
                       init: str | None) -> tuple[int, int, dict[int, list[str]], float]:
    """One fit of :func:`select_k` (run in a worker): its top terms and held-out perplexity."""
    model = fit_counts(units, train, vocabulary, k=k, method=method, engine=engine,
                       analyzer=analyzer, random_state=seed, max_iter=max_iter, top_n=top_n,
                       init=init, n_jobs=1, progress=False)
    perplexity = float("nan")
    if test is not None and test.shape[0]:
        if engine == "tomotopy":
            perplexity = tomotopy_perplexity(model.model, test, vocabulary)
        else:
            perplexity = float(model.model.perplexity(test))
    return k, seed, model.top_terms(top_n), perplexity


def sample_rows(n_rows: int, sample: int | float | None, random_state: int) -> np.ndarray:
    """Rows of a random sample (sorted): ``sample`` documents (an int) or that share of them
    (a float in (0, 1]); every row for ``None``.

    >>> sample_rows(10, 0.3, 0)
    array([5, 6, 9])
    """
    if sample is None:
        return np.arange(n_rows)
    size = sample if isinstance(sample, int | np.integer) else round(sample * n_rows)
    if isinstance(sample, float) and not 0 < sample <= 1:
        raise ValueError(f"a sample share must be in (0, 1], got {sample}")
    if not 1 <= size <= n_rows:
        raise ValueError(f"sample={sample} asks for {size} of {n_rows} documents")
    return np.sort(np.random.default_rng(random_state).choice(n_rows, size, replace=False))


#: :func:`select_k` scores held-out perplexity on at most this many documents
PERPLEXITY_DOCS = 2000


def select_k(
    data: TextData,
    ks: Iterable[int],
    *,
    method: Method = "lda",
    engine: str | None = None,
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    min_df: int | float = 2,
    max_df: int | float = 0.95,
    n_seeds: int = 3,
    top_n: int = 10,
    held_out: float = 0.2,
    random_state: int = 0,
    max_iter: int | None = None,
    sample: int | float | None = None,
    perplexity_docs: int | None = PERPLEXITY_DOCS,
    n_jobs: int = 1,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Fit a model for every K with ``n_seeds`` seeds and report, per K: NPMI and UMass
    coherence (mean over the topics of the model fitted with ``random_state``, measured on all
    the documents), held-out perplexity (LDA: every seed's model is fitted on ``1 - held_out``
    of the documents and scored on the rest; the mean over seeds) and stability across seeds
    (:func:`stability` of the top ``top_n`` terms; NMF from random starts, since its default
    start does not depend on the seed).

    The ``len(ks) * n_seeds`` fits run in ``n_jobs`` processes (joblib; ``-1``: every core),
    each on one thread, so the table is the same for any ``n_jobs``. ``sample``: fit on a random
    sample of the documents (an int: that many; a float: that share), for a first look at a
    large corpus; the table's ``n_docs`` says how many documents were used.
    ``perplexity_docs``: the held-out perplexity is scored on at most this many of the held-out
    documents (one random subset, the same for every K and seed; ``None``: all of them).
    Inferring a document costs tomotopy a copy of the model, so on SaudiNewsNet's 6,135
    held-out articles scoring took longer than fitting; 2,000 documents give the perplexity
    within 3% of all of them (K = 10 and 30, measured) at a third of the cost.

    ``max_iter=None``: 50 Gibbs sweeps per tomotopy fit (``engines.SELECT_K_ITER``: as coherent
    as 100 on the SaudiNewsNet benchmark), the engine's default otherwise.
    Perplexities are comparable across K, not across engines (tomotopy's is inferred by Gibbs
    sampling, scikit-learn's is a variational bound).

    Returns:
        ``k, coherence_npmi, coherence_umass, perplexity, stability, n_docs``.
    """
    check_method(method)
    engine = check_engine(method, engine)
    analyzer = analyzer or ArabicAnalyzer()
    units = unit_table(data, resolve_unit(data, unit, "paragraphs")).reset_index(drop=True)
    units = units.iloc[sample_rows(len(units), sample, random_state)].reset_index(drop=True)
    counts, vocabulary = document_term_counts(units["text"].tolist(), analyzer, min_df=min_df,
                                              max_df=max_df, n_jobs=n_jobs, progress=progress)
    ks = list(ks)
    warn_if_small(counts.shape[0], counts.shape[1], max(ks))
    ids = units[unit_keys(units)]
    train, test, train_ids = counts, None, ids
    if method == "lda" and held_out > 0:
        order = np.random.default_rng(random_state).permutation(counts.shape[0])
        cut = max(1, round(counts.shape[0] * (1 - held_out)))
        train, test = counts[np.sort(order[:cut])], counts[np.sort(order[cut:])]
        train_ids = ids.iloc[np.sort(order[:cut])].reset_index(drop=True)
        if perplexity_docs is not None and test.shape[0] > perplexity_docs:
            test = test[sample_rows(test.shape[0], int(perplexity_docs), random_state)]
    # NMF's default start (NNDSVD) ignores the seed: its stability is measured from random
    # starts, otherwise it would be 1 by construction (the first seed's terms give coherence)
    init = "random" if method == "nmf" else None
    max_iter = max_iter or SELECT_K_ITER.get((method, engine))
    jobs = [(k, random_state + s) for k in ks for s in range(n_seeds)]
    for k, _ in jobs:
        check_fit_input(train.shape[0], train.shape[1], k)
    run = Parallel(n_jobs=n_jobs, return_as="generator")(
        delayed(_fit_for_selection)(train_ids, train, test, vocabulary, k=k, seed=seed,
                                    method=method, engine=engine, analyzer=analyzer,
                                    max_iter=max_iter, top_n=top_n, init=init)
        for k, seed in jobs)
    results = {}
    for k, seed, tops, perplexity in progress_bar(run, desc="select_k: fits", unit="fit",
                                                  total=len(jobs), enabled=progress):
        results[k, seed] = (tops, perplexity)
    rows = []
    for k in ks:
        runs = [results[k, random_state + s][0] for s in range(n_seeds)]
        perplexities = [results[k, random_state + s][1] for s in range(n_seeds)]
        rows.append({
            "k": k,
            "coherence_npmi": round(float(np.mean([coherence_npmi(counts, vocabulary, t)
                                                   for t in runs[0].values()])), 4),
            "coherence_umass": round(float(np.mean([coherence_umass(counts, vocabulary, t)
                                                    for t in runs[0].values()])), 4),
            "perplexity": (round(float(np.mean(perplexities)), 2)
                           if method == "lda" and test is not None else float("nan")),
            "stability": stability(runs) if n_seeds > 1 else float("nan"),
            "n_docs": counts.shape[0],
        })
    return pd.DataFrame(rows)
