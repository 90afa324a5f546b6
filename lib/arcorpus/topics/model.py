"""Fit topic models (scikit-learn LDA and NMF) on the kit's document-term matrix and read them
as tidy tables."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from ..corpus.units import TextData, Unit, resolve_unit, unit_keys, unit_table
from ..text import ArabicAnalyzer

Method = Literal["lda", "nmf"]


class TopicModelError(ValueError):
    """A topic model cannot be fitted on this input; the message says why and what to do."""


class SmallCorpusWarning(UserWarning):
    """The model was fitted, but on too few documents for its topics to mean much."""


#: Below this many documents per topic, a fit is reported as exploratory only. Rough guide from
#: the stability measured in notebook 04: with fewer, top terms change from seed to seed.
MIN_DOCS_PER_TOPIC = 20


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
        model: the fitted scikit-learn estimator.
        vocabulary: term of each column of ``counts``.
        counts: document-term counts (scipy CSR), rows as in ``units``.
        units: the documents (``doc_id``, and ``para_id`` for paragraphs).
        topic_terms: ``topic, rank, term, weight`` (top terms; weights sum to 1 per topic).
        doc_topics: ``doc_id[, para_id], topic, share`` (shares of a document sum to 1).
        random_state: the seed it was fitted with.
        shares: documents x topics array of ``doc_topics`` (rows sum to 1).
    """

    method: Method
    k: int
    model: LatentDirichletAllocation | NMF
    vocabulary: np.ndarray
    counts: sp.csr_matrix
    units: pd.DataFrame
    topic_terms: pd.DataFrame
    doc_topics: pd.DataFrame
    random_state: int
    shares: np.ndarray  # documents x topics, rows sum to 1

    def top_terms(self, n: int = 10) -> dict[int, list[str]]:
        """topic -> its ``n`` top terms, best first."""
        table = self.topic_terms[self.topic_terms["rank"] <= n]
        return {t: list(g["term"]) for t, g in table.groupby("topic", sort=True)}


def check_method(method: str) -> None:
    """Raise ``ValueError`` for a method other than ``"lda"`` or ``"nmf"`` (before any work)."""
    if method not in ("lda", "nmf"):
        raise ValueError(f"method must be 'lda' or 'nmf', got {method!r}")


def document_term_counts(units: pd.DataFrame, analyzer: ArabicAnalyzer, *, min_df,
                         max_df) -> tuple[sp.csr_matrix, np.ndarray]:
    """Counts for topic modelling: scikit-learn's CountVectorizer with the kit's analyzer."""
    vectorizer = CountVectorizer(analyzer=analyzer, min_df=min_df, max_df=max_df)
    try:
        counts = vectorizer.fit_transform(units["text"].tolist())
    except ValueError as exc:
        if "empty vocabulary" in str(exc) or "max_df corresponds to < documents than min_df" \
                in str(exc) or "no terms remain" in str(exc):
            raise TopicModelError(
                f"no term is left after filtering (min_df={min_df}, max_df={max_df}, stop "
                f"words): lower min_df, raise max_df, or pass more text") from None
        raise
    return counts.tocsr(), vectorizer.get_feature_names_out()


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
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    min_df: int | float = 2,
    max_df: int | float = 0.95,
    random_state: int = 0,
    max_iter: int = 50,
    top_n: int = 10,
    seeds: dict[int, list[str]] | None = None,
    seed_weight: float = 0.05,
    counts: tuple[sp.csr_matrix, np.ndarray] | None = None,
    init: str | None = None,
    warn_small: bool = True,
) -> TopicModel:
    """Fit LDA (on term counts) or NMF (on TF-IDF) with a fixed seed.

    Args:
        data: Corpus, DataFrame with ``text``, or texts.
        k: number of topics.
        method: ``"lda"`` (Blei, Ng & Jordan 2003; scikit-learn's variational batch EM) or
            ``"nmf"`` (Lee & Seung 1999, on TF-IDF; Frobenius loss).
        unit: what a document is: ``"articles"``, ``"paragraphs"`` (the default, or the
            table's own unit when finer) or ``"sentences"``.
        analyzer: the text pipeline (default: :class:`~arcorpus.text.ArabicAnalyzer`()).
        min_df, max_df: drop rare and ubiquitous terms (as in scikit-learn).
        random_state: the seed; the same seed gives identical results.
        seeds: guided topics, NMF only: ``{topic: [seed words]}``; the other topics stay
            free (see :mod:`arcorpus.topics.seeded` for how seeds steer the fit).
        seed_weight: how hard seeds steer: each seed list weighs as much as this share of
            the documents.
        counts: a precomputed ``(counts, vocabulary)`` to skip counting (model selection).
        init: NMF's initialisation (scikit-learn's ``init``). The default ``"nndsvda"`` is
            deterministic: every seed gives the same NMF. ``"random"`` makes the seed matter,
            which is what :func:`~arcorpus.topics.select_k` uses to measure NMF's stability.
        warn_small: warn (:class:`SmallCorpusWarning`) when there are fewer than
            ``MIN_DOCS_PER_TOPIC`` documents per topic.

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
    analyzer = analyzer or ArabicAnalyzer()
    units = unit_table(data, resolve_unit(data, unit, "paragraphs")).reset_index(drop=True)
    if counts is None:
        check_fit_input(len(units), 1, k)  # before counting
        counts = document_term_counts(units, analyzer, min_df=min_df, max_df=max_df)
    if warn_small:
        warn_if_small(counts[0].shape[0], counts[0].shape[1], k)
    return fit_counts(units, *counts, k=k, method=method, analyzer=analyzer,
                      random_state=random_state, max_iter=max_iter, top_n=top_n, seeds=seeds,
                      seed_weight=seed_weight, init=init)


def fit_counts(units: pd.DataFrame, matrix: sp.csr_matrix, vocabulary: np.ndarray, *, k: int,
               method: Method, analyzer: ArabicAnalyzer, random_state: int, max_iter: int,
               top_n: int, seeds: dict[int, list[str]] | None = None, seed_weight: float = 0.05,
               init: str | None = None) -> TopicModel:
    """The fit behind :func:`fit_topics`, on counts already made for ``units`` (one row each);
    :func:`~arcorpus.topics.select_k` calls it for every K and seed on the same counts."""
    check_fit_input(matrix.shape[0], matrix.shape[1], k)
    if method == "lda":
        if seeds:
            raise TopicModelError("seeded topics are fitted with method='nmf'")
        estimator = LatentDirichletAllocation(n_components=k, learning_method="batch",
                                              max_iter=max_iter, random_state=random_state)
        shares = estimator.fit_transform(matrix)
    else:
        weighted = TfidfTransformer().fit_transform(matrix)
        if seeds:
            from .seeded import fit_seeded_nmf

            estimator, shares = fit_seeded_nmf(
                weighted, vocabulary, k, seeds, analyzer=analyzer, weight=seed_weight,
                random_state=random_state, max_iter=max(max_iter, 400))
        else:
            estimator = NMF(n_components=k, init=init or "nndsvda", max_iter=max(max_iter, 400),
                            random_state=random_state)
            shares = estimator.fit_transform(weighted)
    return _tables(method, k, estimator, shares, matrix, vocabulary, units, random_state, top_n)


def topic_term_table(estimator, vocabulary: np.ndarray, *, top_n: int = 10) -> pd.DataFrame:
    """``topic, rank, term, weight`` for any fitted scikit-learn topic model (``components_``),
    e.g. one from :func:`~arcorpus.topics.fit_topics_online`; a topic's weights are normalised
    to sum to 1 over the whole vocabulary, ties broken by term.

    >>> class Fitted:
    ...     components_ = np.array([[3.0, 1.0, 0.0], [0.0, 1.0, 1.0]])
    >>> topic_term_table(Fitted(), np.array(["قصف", "درعا", "جنيف"]), top_n=2)
       topic  rank  term  weight
    0      0     1   قصف    0.75
    1      0     2  درعا    0.25
    2      1     1  جنيف    0.50
    3      1     2  درعا    0.50
    """
    components = np.asarray(estimator.components_, dtype=float)
    weights = components / components.sum(axis=1, keepdims=True)
    rows = []
    for topic in range(components.shape[0]):
        order = np.lexsort((vocabulary, -weights[topic]))[:top_n]
        rows += [(topic, rank, vocabulary[j], float(weights[topic, j]))
                 for rank, j in enumerate(order, start=1)]
    return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])


def _tables(method, k, estimator, shares, matrix, vocabulary, units, random_state, top_n):
    totals = shares.sum(axis=1, keepdims=True)
    shares = np.divide(shares, totals, out=np.full_like(shares, 1.0 / k), where=totals > 0)
    topic_terms = topic_term_table(estimator, vocabulary, top_n=top_n)
    keys = unit_keys(units)
    doc_topics = pd.DataFrame({
        "topic": np.tile(np.arange(k), len(units)),
        "share": shares.ravel(),
    })
    for key in reversed(keys):
        doc_topics.insert(0, key, np.repeat(units[key].to_numpy(), k))
    return TopicModel(method, k, estimator, vocabulary, matrix, units, topic_terms, doc_topics,
                      random_state, shares)
