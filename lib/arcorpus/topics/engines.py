"""The engines behind :func:`~arcorpus.topics.fit_topics`: which library fits which method.

============  ==========  ================================================================
method        engine      what runs
============  ==========  ================================================================
``"lda"``     tomotopy    collapsed Gibbs sampling (tomotopy's ``LDAModel``; C++, SIMD,
                          multi-threaded); asymmetric ``alpha`` re-estimated every 10 sweeps
``"lda"``     sklearn     scikit-learn's batch variational EM (``LatentDirichletAllocation``)
``"nmf"``     sklearn     scikit-learn's ``NMF`` on TF-IDF
============  ==========  ================================================================

The default engine of LDA and the iteration counts were chosen with
``benchmarks/bench_topics.py`` (README: "Topic model engines").

Reproducibility: the same seed and the same ``n_jobs`` give identical tables with every engine.
tomotopy's samplers with several threads partition the vocabulary (``ParallelScheme.PARTITION``),
which is deterministic for a given number of threads; its other scheme (``COPY_MERGE``) is not, and
the kit never uses it. A different ``n_jobs`` gives a different (equally valid) chain, so
``n_jobs=-1`` makes results depend on the machine's core count: the default is one thread.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp
from joblib import effective_n_jobs

from ..progress import progress_bar

Engine = Literal["tomotopy", "sklearn"]
ENGINES: dict[str, tuple[str, ...]] = {"lda": ("tomotopy", "sklearn"), "nmf": ("sklearn",)}
#: the engine used when ``engine=None`` (chosen by benchmark: README, "Topic model engines")
DEFAULT_ENGINE: dict[str, str] = {"lda": "tomotopy", "nmf": "sklearn"}
#: iterations when ``max_iter=None``: Gibbs sweeps (tomotopy), EM passes (scikit-learn LDA),
#: at most this many NMF iterations (it stops when converged). tomotopy's 200: on the
#: SaudiNewsNet articles NPMI 0.264 (100 sweeps: 0.258; scikit-learn, 10 passes: 0.221), and on
#: the synthetic corpus of the planted-effect test the chain has not converged at 100 sweeps
#: (log-likelihood per word -4.40 and -4.53 on two seeds, -4.27 and -4.26 at 200 and 400) and
#: topic_effects misses the planted slope (0.54, 0.62 for 0.5); at 200 it recovers it.
DEFAULT_ITER: dict[tuple[str, str], int] = {("lda", "tomotopy"): 200, ("lda", "sklearn"): 50,
                                            ("nmf", "sklearn"): 400}
#: iterations of each fit of :func:`~arcorpus.topics.select_k` when ``max_iter=None``: on the
#: SaudiNewsNet articles tomotopy's top terms are as coherent after 50 sweeps as after 100 (NPMI
#: 0.258 both), and comparing K takes 15 fits or more
SELECT_K_ITER: dict[tuple[str, str], int] = {("lda", "tomotopy"): 50}
#: tomotopy's priors, its own defaults: ``alpha`` the initial symmetric document-topic prior
#: (re-estimated, asymmetric, every ``OPTIM_INTERVAL`` sweeps), ``eta`` the topic-word prior
TOMOTOPY_ALPHA, TOMOTOPY_ETA, OPTIM_INTERVAL = 0.1, 0.01, 10
#: sweeps per call to tomotopy's ``train``: the progress bar moves at this step (the chain is
#: the same whatever the step: tested)
STEP = 10


def check_engine(method: str, engine: str | None) -> str:
    """The engine to use for ``method`` (its default for ``None``); a ``ValueError`` naming
    the engines of that method otherwise."""
    if engine is None:
        return DEFAULT_ENGINE[method]
    if engine not in ENGINES[method]:
        raise ValueError(f"engine for method={method!r} must be one of "
                         f"{', '.join(map(repr, ENGINES[method]))}; got {engine!r}")
    return engine


@dataclass
class TomotopyLDA:
    """A fitted tomotopy LDA, read in the kit's vocabulary order (scikit-learn's attributes).

    Attributes:
        components_: topics x terms: topic-word counts plus their prior (``eta``, and a
            seed word's own prior in its topic), so that normalised rows are the posterior
            mean of each topic's word distribution.
        doc_topic_counts_: documents x topics: words of each document assigned to each topic
            in the final state of the chain.
        alpha_: the document-topic prior (re-estimated).
        n_iter_: Gibbs sweeps run.
        model: the ``tomotopy.LDAModel`` itself (its documents are the rows with words;
            ``rows_`` gives their row numbers).
        rows_: row of the count matrix of each tomotopy document.
    """

    components_: np.ndarray
    doc_topic_counts_: np.ndarray
    alpha_: np.ndarray
    n_iter_: int
    model: object
    rows_: np.ndarray


def _documents(matrix: sp.csr_matrix, vocabulary: np.ndarray):
    """Each row of the counts as a list of its terms, each repeated as often as counted."""
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    for row in range(matrix.shape[0]):
        first, last = indptr[row], indptr[row + 1]
        yield row, np.repeat(vocabulary[indices[first:last]], data[first:last]).tolist()


def fit_tomotopy_lda(matrix: sp.csr_matrix, vocabulary: np.ndarray, k: int, *,
                     random_state: int, max_iter: int, n_jobs: int = 1,
                     word_priors: dict[int, dict[int, float]] | None = None,
                     progress: bool | None = None) -> tuple[TomotopyLDA, np.ndarray, np.ndarray]:
    """Fit tomotopy's LDA on a document-term count matrix.

    ``word_priors``: column -> {topic: prior}, the topic-word prior of those terms in those topics
    (``eta`` elsewhere); how seeded LDA steers topics.

    Returns:
        ``(fitted, shares, posterior)``: shares of each document (rows sum to 1; a document with
        no term gets the prior mean) and the Dirichlet parameters of each document's posterior
        over topic shares given the chain's state (``alpha + topic counts``).
    """
    import tomotopy as tp

    model = tp.LDAModel(k=k, alpha=TOMOTOPY_ALPHA, eta=TOMOTOPY_ETA, seed=int(random_state))
    model.optim_interval = OPTIM_INTERVAL
    rows = []
    for row, words in progress_bar(_documents(matrix, vocabulary), desc="LDA: documents",
                                   unit="doc", total=matrix.shape[0], enabled=progress):
        if words:
            model.add_doc(words)
            rows.append(row)
    if not rows:
        from .model import TopicModelError

        raise TopicModelError("every document is empty after filtering: no term to model")
    for column, priors in (word_priors or {}).items():
        model.set_word_prior(str(vocabulary[column]), {t: float(p) for t, p in priors.items()})
    workers = effective_n_jobs(n_jobs)
    with warnings.catch_warnings():
        # tomotopy warns that several workers may change results; with PARTITION they do not
        # for a fixed number of workers (tests/test_topics.py), which is the kit's promise
        warnings.filterwarnings("ignore", message="The training result may differ")
        for done in progress_bar(range(0, max_iter, STEP), desc=f"LDA K={k}: Gibbs sweeps",
                                 unit=f"x{STEP} sweeps", enabled=progress):
            model.train(min(STEP, max_iter - done), workers=workers,
                        parallel=tp.ParallelScheme.PARTITION)
    rows = np.asarray(rows, dtype=np.int64)
    # tomotopy numbers words by first appearance: map its ids onto the kit's columns
    position = {term: j for j, term in enumerate(vocabulary)}
    columns = np.array([position[w] for w in model.used_vocabs], dtype=np.int64)
    counts = np.zeros((k, len(vocabulary)))
    counts[:, columns] = np.array([model.get_topic_word_dist(t, normalize=False)
                                   for t in range(k)])
    for column, priors in (word_priors or {}).items():
        # tomotopy reports topics with the scalar eta; the posterior mean under the prior the
        # chain ran with counts the seed words' own prior (as R's seededlda reports them)
        for topic, prior in priors.items():
            counts[topic, column] += prior - TOMOTOPY_ETA
    alpha = np.asarray(model.alpha, dtype=float)
    posterior = np.tile(alpha, (matrix.shape[0], 1))  # documents without a term: the prior
    # a document's raw topic distribution is alpha + its words' topic counts
    posterior[rows] = [doc.get_topic_dist(normalize=False) for doc in model.docs]
    shares = posterior / posterior.sum(axis=1, keepdims=True)
    fitted = TomotopyLDA(counts, posterior - alpha, alpha, int(model.global_step), model, rows)
    return fitted, shares, posterior


def tomotopy_perplexity(fitted: TomotopyLDA, matrix: sp.csr_matrix, vocabulary: np.ndarray, *,
                        iterations: int = 50) -> float:
    """Held-out perplexity of unseen documents (rows of ``matrix``): ``exp(-log-likelihood /
    words)``, each document's topic shares inferred by Gibbs sampling with the topics fixed
    (tomotopy's ``infer``); terms the model has not seen are left out."""
    known = set(fitted.model.used_vocabs)
    docs, n_words = [], 0
    for _, words in _documents(matrix, vocabulary):
        words = [w for w in words if w in known]
        if words:
            docs.append(fitted.model.make_doc(words))
            n_words += len(words)
    if not docs:
        return float("nan")
    _, log_likelihood = fitted.model.infer(docs, iterations=iterations, workers=1)
    return float(np.exp(-np.sum(log_likelihood) / n_words))
