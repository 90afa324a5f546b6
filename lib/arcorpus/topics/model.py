"""Fit topic models (LDA with tomotopy or scikit-learn, NMF with scikit-learn) on the kit's
document-term matrix and read them as tidy tables."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from joblib import effective_n_jobs
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import TfidfTransformer
from threadpoolctl import threadpool_limits

from ..corpus.units import TextData, Unit, resolve_unit, unit_keys, unit_table
from ..terms.matrix import COUNT_DTYPE, document_term_matrix
from ..text import ArabicAnalyzer
from .engines import DEFAULT_ITER, TomotopyLDA, check_engine, fit_tomotopy_lda
from .labels import frex, lift

Method = Literal["lda", "nmf"]


class TopicModelError(ValueError):
    """A topic model cannot be fitted on this input; the message says why and what to do."""


class SmallCorpusWarning(UserWarning):
    """The model was fitted, but on too few documents for its topics to mean much."""


#: Below this many documents per topic, a fit is reported as exploratory only. Rough guide from
#: the stability measured in notebook 04: with fewer, top terms change from seed to seed.
MIN_DOCS_PER_TOPIC = 20
#: counting runs in ``n_jobs`` processes from this many documents on (below, starting the
#: processes costs more than it saves)
PARALLEL_COUNTING = 10_000


def warn_if_small(n_docs: int, n_terms: int, k: int) -> None:
    """Say plainly what a fit on few documents cannot support (a :class:`SmallCorpusWarning`)."""
    if n_docs < MIN_DOCS_PER_TOPIC * k:
        warnings.warn(SmallCorpusWarning(
            f"{k} topics fitted on {n_docs} documents and {n_terms} terms: fewer than "
            f"{MIN_DOCS_PER_TOPIC} documents per topic. The model runs, but its topics are not "
            "evidence of themes in the corpus: top terms change with the seed (measure it with "
            "select_k or stability), coherence rests on a handful of co-occurrences, and "
            "held-out perplexity on so few documents is noise. Read it as a demonstration, "
            "or add documents."), stacklevel=3)


@dataclass
class TopicModel:
    """A fitted topic model and its tables.

    Attributes:
        method: ``"lda"`` or ``"nmf"``.
        k: number of topics.
        model: the fitted estimator: scikit-learn's, or a :class:`~arcorpus.topics.engines.
            TomotopyLDA` (tomotopy's model read as scikit-learn's attributes).
        vocabulary: term of each column of ``counts``.
        counts: document-term counts (scipy CSR), rows as in ``units``.
        units: the documents (``doc_id``, ``para_id`` for paragraphs, and the metadata).
        topic_terms: ``topic, rank, term, weight, frex, lift``: the top terms by probability
            (``weight``; a topic's weights sum to 1 over the vocabulary), with their FREX score
            and lift (:mod:`arcorpus.topics.labels`).
        doc_topics: ``doc_id[, para_id], topic, share`` (shares of a document sum to 1; a
            property, built from ``shares`` on first use).
        random_state: the seed it was fitted with.
        shares: documents x topics array of ``doc_topics`` (rows sum to 1).
        engine: ``"tomotopy"`` or ``"sklearn"``.
        posterior: LDA only: documents x topics, the Dirichlet parameters of each document's
            approximate posterior over its topic shares (tomotopy: ``alpha`` + the document's
            topic counts in the final Gibbs state; scikit-learn: the variational ``gamma``).
            :func:`~arcorpus.topics.topic_effects` draws from it. ``None`` for NMF.
        n_jobs: threads the engine used (tomotopy results depend on it; see
            :mod:`arcorpus.topics.engines`).
    """

    method: Method
    k: int
    model: LatentDirichletAllocation | NMF | TomotopyLDA
    vocabulary: np.ndarray
    counts: sp.csr_matrix
    units: pd.DataFrame
    topic_terms: pd.DataFrame
    random_state: int
    shares: np.ndarray  # documents x topics, rows sum to 1
    engine: str = "sklearn"
    posterior: np.ndarray | None = None
    n_jobs: int = 1

    @cached_property
    def doc_topics(self) -> pd.DataFrame:
        """``doc_id[, para_id], topic, share``: :attr:`shares` as a long table, built on first
        use (at a million paragraphs and 20 topics it is 20 million rows)."""
        keys = unit_keys(self.units)
        table = pd.DataFrame({"topic": np.tile(np.arange(self.k), len(self.units)),
                              "share": self.shares.ravel()})
        for key in reversed(keys):
            table.insert(0, key, np.repeat(self.units[key].to_numpy(), self.k))
        return table

    def top_terms(self, n: int = 10, *, by: str = "weight") -> dict[int, list[str]]:
        """topic -> its ``n`` top terms, best first, ranked by ``by``: ``"weight"``
        (probability), ``"frex"`` or ``"lift"``."""
        if by == "weight" and n <= int(self.topic_terms["rank"].max()):
            table = self.topic_terms[self.topic_terms["rank"] <= n]
        else:
            table = self.term_table(top_n=n, by=by)
        return {t: list(g["term"]) for t, g in table.groupby("topic", sort=True)}

    def term_table(self, *, top_n: int = 10, by: str = "weight",
                   frex_weight: float = 0.5) -> pd.DataFrame:
        """``topic_terms`` again, with ``top_n`` terms ranked by ``by`` (``"weight"``,
        ``"frex"`` or ``"lift"``), FREX computed with ``frex_weight``
        (:func:`topic_term_table`)."""
        return topic_term_table(self.model, self.vocabulary, top_n=top_n, by=by,
                                word_counts=self.word_counts, frex_weight=frex_weight)

    @property
    def word_counts(self) -> np.ndarray:
        """Corpus count of each term of ``vocabulary`` (the column sums of ``counts``)."""
        return np.asarray(self.counts.sum(axis=0)).ravel()


def check_method(method: str) -> None:
    """Raise ``ValueError`` for a method other than ``"lda"`` or ``"nmf"`` (before any work)."""
    if method not in ("lda", "nmf"):
        raise ValueError(f"method must be 'lda' or 'nmf', got {method!r}")


def document_term_counts(texts: Iterable[str], analyzer: ArabicAnalyzer, *, min_df,
                         max_df, n_jobs: int = 1,
                         progress: bool | None = None) -> tuple[sp.csr_matrix, np.ndarray]:
    """Counts for topic modelling of ``texts`` (any iterable: a unit table's ``text`` column, or
    a generator over files, which is never held as a DataFrame): the kit's document-term matrix
    (:func:`~arcorpus.terms.document_term_matrix`, in ``n_jobs`` processes from
    :data:`PARALLEL_COUNTING` documents on), then terms kept by document frequency as
    scikit-learn's ``CountVectorizer(min_df=, max_df=)`` keeps them (an int is a number of
    documents, a float a share of them)."""
    texts = texts if isinstance(texts, list) else list(texts)
    n_docs = len(texts)
    low = min_df if isinstance(min_df, int | np.integer) else min_df * n_docs
    high = max_df if isinstance(max_df, int | np.integer) else max_df * n_docs
    if high < low:
        raise TopicModelError(f"no term is left after filtering: max_df={max_df} allows "
                              f"fewer documents than min_df={min_df} requires")
    # starting processes costs seconds: worth it for large corpora only
    n_jobs = n_jobs if n_docs >= PARALLEL_COUNTING else 1
    try:
        matrix, vocabulary = document_term_matrix(texts, analyzer, n_jobs=n_jobs,
                                                  progress=progress)
    except ValueError as exc:
        if "empty vocabulary" not in str(exc):
            raise
        matrix, vocabulary = sp.csr_matrix((n_docs, 0), dtype=COUNT_DTYPE), np.array([], dtype=str)
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    keep = np.flatnonzero((df >= low) & (df <= high))
    if not len(keep):
        raise TopicModelError(
            f"no term is left after filtering (min_df={min_df}, max_df={max_df}, stop "
            f"words): lower min_df, raise max_df, or pass more text")
    return matrix[:, keep].tocsr(), vocabulary[keep]  # int32 counts (COUNT_DTYPE) already


def check_fit_input(n_docs: int, n_terms: int, k: int) -> None:
    """Raise :class:`TopicModelError` for inputs no topic model can be fitted on."""
    if n_docs < 2:
        raise TopicModelError(f"a topic model needs at least 2 documents, got {n_docs} "
                              "(use unit='paragraphs' to model the paragraphs of one article)")
    if k < 1:
        raise TopicModelError(f"k must be at least 1, got {k}")
    if k > n_docs:
        raise TopicModelError(f"k={k} topics cannot be estimated from {n_docs} documents: "
                              f"use k <= {n_docs} (and far fewer to learn anything)")
    if n_terms == 0:
        raise TopicModelError("no term is left after filtering")


def fit_topics(
    data: TextData,
    *,
    k: int,
    method: Method = "lda",
    engine: str | None = None,
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    min_df: int | float = 2,
    max_df: int | float = 0.95,
    random_state: int = 0,
    max_iter: int | None = None,
    top_n: int = 10,
    seeds: dict[int, list[str]] | None = None,
    seed_weight: float = 0.05,
    counts: tuple[sp.csr_matrix, np.ndarray] | None = None,
    init: str | None = None,
    n_jobs: int = 1,
    warn_small: bool = True,
    progress: bool | None = None,
) -> TopicModel:
    """Fit LDA (on term counts) or NMF (on TF-IDF) with a fixed seed.

    Args:
        data: Corpus, DataFrame with ``text``, or texts.
        k: number of topics.
        method: ``"lda"`` (Blei, Ng & Jordan 2003) or ``"nmf"`` (Lee & Seung 1999, on TF-IDF;
            Frobenius loss, scikit-learn).
        engine: for LDA, ``"tomotopy"`` (collapsed Gibbs sampling; the default: faster and
            more coherent in ``benchmarks/bench_topics.py``) or ``"sklearn"`` (variational
            batch EM). See :mod:`arcorpus.topics.engines`.
        unit: what a document is: ``"articles"``, ``"paragraphs"`` (the default, or the
            table's own unit when finer) or ``"sentences"``.
        analyzer: the text pipeline (default: :class:`~arcorpus.text.ArabicAnalyzer`()).
        min_df, max_df: drop rare and ubiquitous terms (as in scikit-learn).
        random_state: the seed; the same seed (and ``n_jobs``) gives identical results.
        max_iter: Gibbs sweeps (tomotopy), EM passes (scikit-learn LDA) or at most this many
            NMF iterations; ``None``: the engine's default (``engines.DEFAULT_ITER``).
        seeds: guided topics: ``{topic: [seed words]}``; the other topics stay free. NMF ties
            a pseudo-document of seed words to its topic (:mod:`arcorpus.topics.seeded`); LDA
            (tomotopy) raises the topic-word prior of the seed words in their topic.
        seed_weight: how hard seeds steer: each seed list weighs as much as this share of the
            corpus (of its documents for NMF, of its tokens for LDA, as R's ``seededlda``).
        counts: a precomputed ``(counts, vocabulary)`` to skip counting (model selection).
        init: NMF's initialisation (scikit-learn's ``init``). The default ``"nndsvda"`` is
            deterministic: every seed gives the same NMF. ``"random"`` makes the seed matter,
            which is what :func:`~arcorpus.topics.select_k` uses to measure NMF's stability.
        n_jobs: processes for counting and tomotopy's threads (``-1``: every core). Results
            are identical for the same ``n_jobs``, not across different ones.
        warn_small: warn (:class:`SmallCorpusWarning`) when there are fewer than
            ``MIN_DOCS_PER_TOPIC`` documents per topic.
        progress: progress bars (see :mod:`arcorpus.progress`).

    Example:
        >>> texts = ["قصف الطيران مدينة درعا", "قصف مدفعي على ريف درعا",
        ...          "مفاوضات جنيف والحل السياسي", "الحل السياسي في مفاوضات جنيف"]
        >>> model = fit_topics(texts, k=2, method="nmf", min_df=1, warn_small=False)
        >>> model.top_terms(3)
        {0: ['جنيف', 'حل', 'سياسي'], 1: ['درعا', 'قصف', 'طيران']}
        >>> model.doc_topics.query("topic == 1")["share"].round(2).tolist()
        [1.0, 1.0, 0.0, 0.0]

    Returns:
        A :class:`TopicModel`.
    """
    check_method(method)
    engine = check_engine(method, engine)
    analyzer = analyzer or ArabicAnalyzer()
    units = unit_table(data, resolve_unit(data, unit, "paragraphs")).reset_index(drop=True)
    if counts is None:
        check_fit_input(len(units), 1, k)  # before counting
        counts = document_term_counts(units["text"].tolist(), analyzer, min_df=min_df,
                                      max_df=max_df, n_jobs=n_jobs, progress=progress)
    if warn_small:
        warn_if_small(counts[0].shape[0], counts[0].shape[1], k)
    return fit_counts(units, *counts, k=k, method=method, engine=engine, analyzer=analyzer,
                      random_state=random_state, max_iter=max_iter, top_n=top_n, seeds=seeds,
                      seed_weight=seed_weight, init=init, n_jobs=n_jobs, progress=progress)


def fit_counts(units: pd.DataFrame, matrix: sp.csr_matrix, vocabulary: np.ndarray, *, k: int,
               method: Method, analyzer: ArabicAnalyzer, random_state: int,
               max_iter: int | None, top_n: int, engine: str | None = None,
               seeds: dict[int, list[str]] | None = None, seed_weight: float = 0.05,
               init: str | None = None, n_jobs: int = 1,
               progress: bool | None = None) -> TopicModel:
    """The fit behind :func:`fit_topics`, on counts already made for ``units`` (one row each);
    :func:`~arcorpus.topics.select_k` calls it for every K and seed on the same counts.

    The fit runs with the BLAS thread pool limited to ``n_jobs`` threads: by default BLAS
    takes every core, which makes results depend on the machine (sums in another order) and,
    measured on a shared 2-core machine, costs 3.4 times the CPU for NMF (10k paragraphs,
    K = 20: 10.7 CPU s on one thread, 36.1 on two, spinning)."""
    with threadpool_limits(limits=effective_n_jobs(n_jobs), user_api="blas"):
        return _fit_counts(units, matrix, vocabulary, k=k, method=method, analyzer=analyzer,
                           random_state=random_state, max_iter=max_iter, top_n=top_n,
                           engine=engine, seeds=seeds, seed_weight=seed_weight, init=init,
                           n_jobs=n_jobs, progress=progress)


def _fit_counts(units: pd.DataFrame, matrix: sp.csr_matrix, vocabulary: np.ndarray, *, k: int,
                method: Method, analyzer: ArabicAnalyzer, random_state: int,
                max_iter: int | None, top_n: int, engine: str | None,
                seeds: dict[int, list[str]] | None, seed_weight: float, init: str | None,
                n_jobs: int, progress: bool | None) -> TopicModel:
    check_fit_input(matrix.shape[0], matrix.shape[1], k)
    engine = check_engine(method, engine)
    max_iter = max_iter or DEFAULT_ITER[method, engine]
    posterior = None
    if method == "lda" and engine == "tomotopy":
        priors = None
        if seeds:
            from .seeded import seed_priors

            priors = seed_priors(matrix, vocabulary, k, seeds, analyzer=analyzer,
                                 weight=seed_weight)
        estimator, shares, posterior = fit_tomotopy_lda(
            matrix, vocabulary, k, random_state=random_state, max_iter=max_iter,
            n_jobs=n_jobs, word_priors=priors, progress=progress)
    elif method == "lda":
        if seeds:
            raise TopicModelError("seeded LDA needs engine='tomotopy' (scikit-learn's "
                                  "topic_word_prior is one number for every word), or use "
                                  "method='nmf'")
        estimator = LatentDirichletAllocation(n_components=k, learning_method="batch",
                                              max_iter=max_iter, random_state=random_state,
                                              n_jobs=n_jobs)
        estimator.fit(matrix)
        posterior = estimator.transform(matrix, normalize=False)  # variational gamma
        shares = posterior
    else:
        weighted = TfidfTransformer().fit_transform(matrix)
        if seeds:
            from .seeded import fit_seeded_nmf

            estimator, shares = fit_seeded_nmf(
                weighted, vocabulary, k, seeds, analyzer=analyzer, weight=seed_weight,
                random_state=random_state, max_iter=max_iter)
        else:
            estimator = NMF(n_components=k, init=init or "nndsvda", max_iter=max_iter,
                            random_state=random_state)
            shares = estimator.fit_transform(weighted)
    totals = shares.sum(axis=1, keepdims=True)
    shares = np.divide(shares, totals, out=np.full_like(shares, 1.0 / k), where=totals > 0)
    word_counts = np.asarray(matrix.sum(axis=0)).ravel()
    topic_terms = topic_term_table(estimator, vocabulary, top_n=top_n, word_counts=word_counts)
    return TopicModel(method, k, estimator, vocabulary, matrix, units, topic_terms,
                      random_state, shares, engine, posterior, n_jobs)


#: what topic terms can be ranked by
RANKINGS = ("weight", "frex", "lift")


def topic_term_table(estimator, vocabulary: np.ndarray, *, top_n: int = 10,
                     by: str = "weight", word_counts: np.ndarray | None = None,
                     frex_weight: float = 0.5) -> pd.DataFrame:
    """``topic, rank, term, weight, frex, lift`` for any fitted topic model with
    ``components_`` (scikit-learn's, or one from :func:`~arcorpus.topics.fit_topics_online`):
    the ``top_n`` terms of each topic ranked by ``by`` (``"weight"``: probability, ``"frex"`` or
    ``"lift"``; ties broken by term). ``weight`` is normalised to sum to 1 over the vocabulary;
    ``frex`` and ``lift`` are as in R's ``stm`` (:mod:`arcorpus.topics.labels`) and need the
    corpus count of each term, ``word_counts`` (without it lift is NaN and FREX's exclusivity is
    not shrunk).

    >>> class Fitted:
    ...     components_ = np.array([[3.0, 1.0, 0.0], [0.0, 1.0, 1.0]])
    >>> topic_term_table(Fitted(), np.array(["قصف", "درعا", "جنيف"]), top_n=2,
    ...                  word_counts=np.array([3, 2, 1]))
       topic  rank  term  weight      frex  lift
    0      0     1   قصف    0.75  1.000000  1.50
    1      0     2  درعا    0.25  0.571429  0.75
    2      1     1  جنيف    0.50  0.833333  3.00
    3      1     2  درعا    0.50  0.833333  1.50
    """
    if by not in RANKINGS:
        raise ValueError(f"by must be one of {', '.join(map(repr, RANKINGS))}; got {by!r}")
    components = np.asarray(estimator.components_, dtype=float)
    weights = components / components.sum(axis=1, keepdims=True)
    scores = {"weight": weights, "frex": frex(weights, word_counts, weight=frex_weight),
              "lift": (lift(weights, word_counts) if word_counts is not None
                       else np.full_like(weights, np.nan))}
    ranking = scores[by]
    k = components.shape[0]
    top_n = min(top_n, len(vocabulary))
    order = np.empty((k, top_n), dtype=np.int64)
    for topic in range(k):
        order[topic] = np.lexsort((vocabulary, -ranking[topic]))[:top_n]
    topics = np.repeat(np.arange(k), top_n)
    columns = order.ravel()
    return pd.DataFrame({"topic": topics, "rank": np.tile(np.arange(1, top_n + 1), k),
                         "term": vocabulary[columns],
                         **{name: values[topics, columns] for name, values in scores.items()}})
