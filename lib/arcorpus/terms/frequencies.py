"""Term frequency tables (raw count, per 10,000 counted terms, document frequency), per corpus or
per group, TF-IDF top terms, and n-grams.

``per_10k`` has one definition in the whole kit (here and in :func:`~arcorpus.terms.keyness`):
occurrences per 10,000 *counted terms*, i.e. the tokens the analyzer keeps (after stop words,
term hygiene and clitic handling) in the same group, before ``min_count`` or ``top_n`` filter
the table. It is the relative frequency that the keyness statistics are computed from, so a
table's ``per_10k`` and a keyness row always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer

from ..corpus.units import TextData, Unit, unit_table
from ..text import ArabicAnalyzer
from .matrix import document_term_matrix
from .units import group_labels


def _indicator(labels: pd.Series) -> tuple[sp.csr_matrix, pd.Index]:
    """Sparse groups x units matrix with a 1 where a unit belongs to a group."""
    codes, groups = pd.factorize(labels, sort=True)
    if (codes < 0).any():
        raise ValueError("the grouping column has missing values; fill or drop them first")
    rows = np.arange(len(codes))
    return sp.csr_matrix((np.ones(len(codes)), (codes, rows)),
                         shape=(len(groups), len(codes))), pd.Index(groups, name=labels.name)


def term_frequencies(
    data: TextData,
    *,
    by: str | pd.Series | None = None,
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    ngram_range: tuple[int, int] | None = None,
    min_count: int = 1,
    top_n: int | None = None,
    n_jobs: int = 1,
    progress: bool | None = None,
) -> pd.DataFrame:
    """How often each term occurs, overall or per group: a long, tidy table.

    Args:
        data: a :class:`~arcorpus.corpus.Corpus`, a DataFrame with a ``text`` column, or texts.
        by: a metadata column (``"source"``, a month column, ``"doc_id"``) or a Series aligned
            with the units: one block of rows per group.
        unit: what a "document" is for document frequency: articles, paragraphs or sentences
            (default: the input's own unit, articles for a corpus).
        analyzer: the text pipeline (default :class:`~arcorpus.text.ArabicAnalyzer`()).
        ngram_range: count n-grams instead, e.g. ``(2, 2)`` for bigrams.
        min_count: drop terms seen fewer times (in the group).
        top_n: keep the most frequent ``top_n`` terms per group.
        n_jobs: processes for counting large corpora.
        progress: progress bar (see :mod:`arcorpus.progress`).

    Returns:
        Columns ``[by,] term, count, per_10k, doc_freq, rank``: ``per_10k`` is the count per
        10,000 terms counted in the group (the analyzer's kept tokens, or n-grams with
        ``ngram_range``), ``doc_freq`` the number of units containing the term, ``rank`` 1 for
        the most frequent (ties by term).

    Example:
        >>> term_frequencies(["الفصائل في درعا", "والفصائل في القنيطرة"]).head(2)
            term  count  per_10k  doc_freq  rank
        0  فصائل      2   5000.0         2     1
        1   درعا      1   2500.0         1     2
    """
    counts = group_term_counts(data, by=by, unit=unit, analyzer=analyzer,
                               ngram_range=ngram_range, n_jobs=n_jobs, progress=progress)
    return frequency_table(counts, min_count=min_count, top_n=top_n)


@dataclass
class GroupTermCounts:
    """What a frequency table is made of: per group (rows, ``groups``; one row and ``None``
    without groups) and term (columns, ``vocabulary``, sorted), the term ``counts``, the
    units that hold the term (``present``), and the terms counted (``totals``, the
    denominator of ``per_10k``). Counts of disjoint sets of units add up (:meth:`add`): how
    :mod:`arcorpus.dask` sums partitions."""

    counts: sp.csr_matrix
    present: sp.csr_matrix
    totals: np.ndarray
    vocabulary: np.ndarray
    groups: pd.Index | None

    def add(self, other: GroupTermCounts) -> GroupTermCounts:
        """The counts of both (the union of groups and terms)."""
        if (self.groups is None) != (other.groups is None):
            raise ValueError("cannot add grouped and ungrouped counts")
        vocabulary = np.union1d(self.vocabulary, other.vocabulary)
        groups = None if self.groups is None else \
            self.groups.union(other.groups, sort=True).rename(self.groups.name)
        shape = (1 if groups is None else len(groups), len(vocabulary))
        totals = np.zeros(shape[0])
        merged = {"counts": sp.csr_matrix(shape), "present": sp.csr_matrix(shape)}
        for part in (self, other):
            rows = np.zeros(1, np.int64) if groups is None else groups.get_indexer(part.groups)
            columns = np.searchsorted(vocabulary, part.vocabulary)
            totals[rows] += part.totals
            for name in merged:
                coo = getattr(part, name).tocoo()
                merged[name] = merged[name] + sp.csr_matrix(
                    (coo.data, (rows[coo.row], columns[coo.col])), shape=shape)
        return GroupTermCounts(merged["counts"], merged["present"], totals, vocabulary, groups)


def group_term_counts(
    data: TextData,
    *,
    by: str | pd.Series | None = None,
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    ngram_range: tuple[int, int] | None = None,
    n_jobs: int = 1,
    progress: bool | None = None,
) -> GroupTermCounts:
    """Term counts per group of units (see :func:`term_frequencies` for the arguments)."""
    analyzer = analyzer or ArabicAnalyzer()
    if ngram_range is not None:
        analyzer = replace(analyzer, ngram_range=ngram_range)
    units = unit_table(data, unit)
    matrix, vocabulary = document_term_matrix(units["text"].tolist(), analyzer, n_jobs=n_jobs,
                                              progress=progress)
    terms_per_unit = np.asarray(matrix.sum(axis=1)).ravel()
    labels = group_labels(units, by)
    if labels is None:
        indicator, groups = sp.csr_matrix(np.ones((1, matrix.shape[0]))), None
    else:
        indicator, groups = _indicator(labels)
    return GroupTermCounts(counts=(indicator @ matrix).tocsr(),
                           present=(indicator @ (matrix > 0).astype(np.int64)).tocsr(),
                           totals=indicator @ terms_per_unit, vocabulary=vocabulary, groups=groups)


def _entries(matrix: sp.spmatrix) -> sp.coo_matrix:
    """``matrix``'s entries in row-major order, duplicates summed (its canonical COO)."""
    matrix = matrix.tocsr(copy=True)
    matrix.sum_duplicates()  # sorts the column indices of each row
    return matrix.tocoo()


def frequency_table(counts: GroupTermCounts, *, min_count: int = 1,
                    top_n: int | None = None) -> pd.DataFrame:
    """The tidy table of :func:`term_frequencies` from its counts."""
    vocabulary, groups, totals = counts.vocabulary, counts.groups, counts.totals
    present = _entries(counts.present)
    counts = counts.counts.tocoo()
    # doc_freq of each count entry, looked up by sorted (row, column) keys: scipy's
    # present[rows, cols] on a product's unsorted indices scans the row for each lookup,
    # quadratic for one group (measured: 7.4 of 13 CPU s for 5,000 SaudiNewsNet articles)
    width = np.int64(len(vocabulary))
    keys = counts.row.astype(np.int64) * width + counts.col
    present_keys = present.row.astype(np.int64) * width + present.col
    at = np.minimum(np.searchsorted(present_keys, keys), max(len(present_keys) - 1, 0))
    doc_freq = np.where(present_keys[at] == keys, present.data[at], 0) if len(present_keys) \
        else np.zeros(len(keys))
    table = pd.DataFrame({
        "_group": counts.row,
        "term": vocabulary[counts.col],
        "count": counts.data.astype(np.int64),
        "doc_freq": doc_freq.astype(np.int64),
    })
    table["per_10k"] = (table["count"] / np.maximum(totals[table["_group"]], 1)
                        * 10_000).round(1)
    table = table[table["count"] >= min_count]
    table = table.sort_values(["_group", "count", "term"], ascending=[True, False, True])
    table["rank"] = table.groupby("_group").cumcount() + 1
    if top_n is not None:
        table = table[table["rank"] <= top_n]
    columns = ["term", "count", "per_10k", "doc_freq", "rank"]
    if groups is not None:
        table.insert(0, groups.name or "group", groups[table["_group"].to_numpy()])
        columns.insert(0, groups.name or "group")
    return table[columns].reset_index(drop=True)


def top_tfidf_terms(
    data: TextData,
    *,
    by: str | pd.Series = "doc_id",
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    top_n: int = 10,
    min_count: int = 1,
    n_jobs: int = 1,
    progress: bool | None = None,
) -> pd.DataFrame:
    """The terms that characterise each document or group, by TF-IDF.

    Counts are summed per group (``by``; each document by default), and scikit-learn's
    ``TfidfTransformer`` (smoothed idf, l2-normalised rows) weighs them with the groups as the
    documents, so a term scores high in a group when it is frequent there and rare elsewhere.

    Returns:
        Columns ``by, rank, term, tfidf, count``.

    Example:
        >>> top_tfidf_terms(pd.DataFrame({"doc_id": ["a", "b"], "text": [  # doctest: +SKIP
        ...     "درعا درعا الفصائل", "القنيطرة الفصائل"]}), top_n=1)
    """
    analyzer = analyzer or ArabicAnalyzer()
    units = unit_table(data, unit)
    labels = group_labels(units, by)
    matrix, vocabulary = document_term_matrix(units["text"].tolist(), analyzer, n_jobs=n_jobs,
                                              progress=progress)
    indicator, groups = _indicator(labels)
    grouped = (indicator @ matrix).tocsr()
    grouped.data[grouped.data < min_count] = 0
    grouped.eliminate_zeros()
    weights = TfidfTransformer().fit_transform(grouped).tocsr()
    rows = []
    for g in range(weights.shape[0]):
        start, end = weights.indptr[g], weights.indptr[g + 1]
        cols, vals = weights.indices[start:end], weights.data[start:end]
        order = np.lexsort((vocabulary[cols], -vals))[:top_n]
        for rank, k in enumerate(order, start=1):
            rows.append((groups[g], rank, vocabulary[cols[k]], round(float(vals[k]), 4),
                         int(grouped[g, cols[k]])))
    return pd.DataFrame(rows, columns=[groups.name or "group", "rank", "term", "tfidf", "count"])
