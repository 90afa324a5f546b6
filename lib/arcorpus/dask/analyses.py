"""The kit's analyses over the partitions of a corpus, on a Dask cluster.

Each function has the name, arguments and tidy output of its in-memory namesake and returns
exactly what that returns on the same corpus (tested). The work per partition is the in-memory
code itself, run on a partition (a run of whole articles, so no unit is ever split); what the
partitions give is then added up on the workers, in a tree, where a sum is needed:

- ``find_mentions``, ``kwic``: the partitions' rows, in corpus order.
- ``term_frequencies``: :class:`~arcorpus.terms.frequencies.GroupTermCounts` (groups x terms
  counts, document frequencies, terms counted) per partition, merged onto the union of the
  partitions' vocabularies, then the in-memory ``frequency_table``.
- ``keyness``: each side's term sums per partition, merged, then ``keyness_table``.
- ``document_term_matrix``: each partition counted once (its own vocabulary); a vocabulary
  pass (union of the partitions' vocabularies, reduced on the workers) then maps each
  partition's columns onto it, so the blocks stacked are the in-memory matrix.
- ``cooccurrence``: per partition the sparse XᵀX of its units x actors incidence (or its
  window pairs), summed, then the in-memory edge measures.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..corpus import Corpus
from ..corpus.units import Unit, check_unit, resolve_unit
from ..factions import Gazetteer
from ..factions import find_mentions as _find_mentions
from ..factions.cooccurrence import (
    _edges_from_pairs,
    _mention_groups,
    _pair_counts,
    _rescored,
    _sorted,
    _unit_incidence,
    _window_edges_from_pairs,
    _window_pairs,
)
from ..factions.cooccurrence import _group_table as _group_edges
from ..terms import kwic as _kwic
from ..terms.frequencies import GroupTermCounts, frequency_table, group_term_counts
from ..terms.keyness import Direction, check_filters, keyness_table
from ..terms.kwic import CONTEXT_COLUMNS, sort_lines
from ..terms.matrix import COUNT_DTYPE, _count_chunk
from ..text import ArabicAnalyzer
from .cluster import ClientLike, get_client, map_partitions, tree_reduce, watch
from .partitions import Partition, Selection, partitions_of

CorpusLike = Corpus | Selection | str | os.PathLike


def _rows(client, futures, *, desc: str, progress: bool | None) -> pd.DataFrame:
    """The partitions' tables, concatenated in corpus order (empty ones only when all are)."""
    watch(futures, desc=desc, progress=progress)
    tables = client.gather(futures)
    found = [t for t in tables if len(t)]
    if not found:
        return tables[0]
    return found[0] if len(found) == 1 else pd.concat(found, ignore_index=True)


# --- mentions and concordances -------------------------------------------------------------


def _mentions_of(partition: Partition, gazetteer: Gazetteer | None) -> pd.DataFrame:
    return _find_mentions(partition.load(), gazetteer=gazetteer)


def find_mentions(corpus: CorpusLike, *, gazetteer: Gazetteer | None = None,
                  client: ClientLike = None, progress: bool | None = None) -> pd.DataFrame:
    """:func:`arcorpus.factions.find_mentions` on the cluster: the same table.

    >>> mentions = find_mentions("news.parquet")  # doctest: +SKIP
    """
    client = get_client(client)
    futures = map_partitions(client, _mentions_of, partitions_of(corpus), gazetteer,
                             step="mentions")
    return _rows(client, futures, desc="mentions", progress=progress)


def _mention_counts_of(partition: Partition, gazetteer: Gazetteer | None) -> pd.Series:
    return _find_mentions(partition.load(), gazetteer=gazetteer)["actor_id"].value_counts()


def _add_series(a: pd.Series, b: pd.Series) -> pd.Series:
    return a.add(b, fill_value=0).astype(np.int64)


def mention_counts(corpus: CorpusLike, *, gazetteer: Gazetteer | None = None,
                   client: ClientLike = None, progress: bool | None = None) -> pd.Series:
    """Mentions per actor (``actor_id -> count``, most named first, ties by id), without
    gathering the mentions: ``find_mentions(corpus)["actor_id"].value_counts()``. Takes the
    place of the mentions table in :func:`~arcorpus.factions.actor_graph`.
    """
    client = get_client(client)
    futures = map_partitions(client, _mention_counts_of, partitions_of(corpus), gazetteer,
                             step="mention-counts")
    total = tree_reduce(client, futures, _add_series, step="mention-counts-sum")
    watch(futures, desc="mentions", progress=progress)
    counts = total.result()
    frame = counts.rename_axis("actor_id").reset_index(name="count")
    frame = frame.sort_values(["count", "actor_id"], ascending=[False, True])
    return pd.Series(frame["count"].to_numpy(dtype=np.int64), index=pd.Index(
        frame["actor_id"].to_numpy(), name="actor_id"), name="count")


def _kwic_of(partition: Partition, keyword: str, options: dict) -> pd.DataFrame:
    return _kwic(partition.load(), keyword, **options)


def kwic(corpus: CorpusLike, keyword: str, *, window: int = 6, unit: Unit | None = None,
         analyzer: ArabicAnalyzer | None = None, sort: str | Sequence[str] | None = None,
         metadata: Sequence[str] | None = None, client: ClientLike = None,
         progress: bool | None = None) -> pd.DataFrame:
    """:func:`arcorpus.terms.kwic` on the cluster: every occurrence in corpus order, then
    sorted (``sort=``) as in memory."""
    if unit is not None:
        check_unit(unit)
    sort_lines(pd.DataFrame(columns=CONTEXT_COLUMNS), sort)  # a bad sort fails before the work
    client = get_client(client)
    options = {"window": window, "unit": unit, "analyzer": analyzer, "metadata": metadata}
    futures = map_partitions(client, _kwic_of, partitions_of(corpus), keyword, options,
                             step="kwic")
    return sort_lines(_rows(client, futures, desc="kwic", progress=progress), sort)


# --- term counts -------------------------------------------------------------------------


def _group_counts_of(partition: Partition, options: dict) -> GroupTermCounts:
    return group_term_counts(partition.load(), **options)


def term_frequencies(
    corpus: CorpusLike,
    *,
    by: str | None = None,
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    ngram_range: tuple[int, int] | None = None,
    min_count: int = 1,
    top_n: int | None = None,
    client: ClientLike = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`arcorpus.terms.term_frequencies` on the cluster (``by`` names an articles
    column): the same table, from counts summed over the partitions on the workers.

    >>> term_frequencies("news.parquet", by="source", unit="paragraphs", top_n=20)  # doctest: +SKIP
    """
    if by is not None and not isinstance(by, str):
        raise TypeError("on a cluster, by= names a column of the articles (a Series aligned "
                        "with the units cannot be sent to the partitions)")
    if unit is not None:
        check_unit(unit)
    client = get_client(client)
    options = {"by": by, "unit": unit, "analyzer": analyzer, "ngram_range": ngram_range}
    futures = map_partitions(client, _group_counts_of, partitions_of(corpus), options,
                             step="term-counts")
    total = tree_reduce(client, futures, GroupTermCounts.add, step="term-counts-sum")
    watch(futures, desc="counting", progress=progress)
    return frequency_table(total.result(), min_count=min_count, top_n=top_n)


@dataclass
class TermSums:
    """Each term's count over some units (``vocabulary`` sorted, ``counts`` aligned)."""

    vocabulary: np.ndarray
    counts: np.ndarray

    def add(self, other: TermSums) -> TermSums:
        vocabulary = np.union1d(self.vocabulary, other.vocabulary)
        counts = np.zeros(len(vocabulary), dtype=np.int64)
        for part in (self, other):
            counts[np.searchsorted(vocabulary, part.vocabulary)] += part.counts
        return TermSums(vocabulary, counts)

    def on(self, vocabulary: np.ndarray) -> np.ndarray:
        """The counts aligned with a larger ``vocabulary`` (0 for terms not seen here)."""
        counts = np.zeros(len(vocabulary), dtype=np.int64)
        counts[np.searchsorted(vocabulary, self.vocabulary)] = self.counts
        return counts


def _term_sums_of(partition: Partition, unit: Unit | None,
                  analyzer: ArabicAnalyzer) -> TermSums:
    matrix, vocabulary = _partition_matrix(partition.load(), unit, analyzer)
    return TermSums(np.asarray(vocabulary, dtype=str),
                    np.asarray(matrix.sum(axis=0), dtype=np.int64).ravel())


def keyness(
    target: CorpusLike,
    reference: CorpusLike,
    *,
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    min_count: int = 5,
    min_log_ratio: float = 0.0,
    max_p_value: float | None = None,
    direction: Direction = "both",
    top_n: int | None = None,
    client: ClientLike = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`arcorpus.terms.keyness` on the cluster; ``target`` and ``reference`` are
    corpora, partitioned corpus folders or :func:`~arcorpus.dask.select` selections.

    >>> keyness(select("news.parquet", {"source": "sabq"}),                    # doctest: +SKIP
    ...         select("news.parquet", lambda a: a["source"] != "sabq"))
    """
    if unit is not None:
        check_unit(unit)
    check_filters(min_log_ratio=min_log_ratio, direction=direction)
    client = get_client(client)
    analyzer = analyzer or ArabicAnalyzer()
    sides, waiting = [], []
    for name, data in (("target", target), ("reference", reference)):
        futures = map_partitions(client, _term_sums_of, partitions_of(data), unit, analyzer,
                                 step=f"keyness-{name}")
        sides.append(tree_reduce(client, futures, TermSums.add, step=f"keyness-{name}-sum"))
        waiting += futures
    watch(waiting, desc="keyness", progress=progress)
    left, right = client.gather(sides)
    vocabulary = np.union1d(left.vocabulary, right.vocabulary)
    return keyness_table(left.on(vocabulary), right.on(vocabulary), vocabulary,
                         min_count=min_count, min_log_ratio=min_log_ratio,
                         max_p_value=max_p_value, direction=direction, top_n=top_n)


# --- document-term matrices ----------------------------------------------------------------


def _partition_matrix(corpus: Corpus, unit: Unit | None,
                      analyzer: ArabicAnalyzer) -> tuple[sp.csr_matrix, np.ndarray]:
    """One partition's counts on its own vocabulary (CountVectorizer, as in memory); a
    partition without any term has no columns (in memory only a corpus without any term
    is an error)."""
    texts = corpus.unit_table(resolve_unit(corpus, unit))["text"].tolist()
    try:
        matrix, vocabulary = _count_chunk(texts, analyzer)
    except ValueError:  # scikit-learn: "empty vocabulary"
        return sp.csr_matrix((len(texts), 0), dtype=COUNT_DTYPE), np.zeros(0, dtype=str)
    return matrix.tocsr(), np.asarray(vocabulary, dtype=str)


def _matrix_of(partition: Partition, unit: Unit | None, analyzer: ArabicAnalyzer):
    return _partition_matrix(partition.load(), unit, analyzer)


def _vocabulary_of(counted) -> np.ndarray:
    return counted[1]


def _on_vocabulary(counted, vocabulary: np.ndarray) -> sp.csr_matrix:
    """A partition's matrix with its columns mapped onto the whole ``vocabulary``."""
    matrix, own = counted
    coo = matrix.tocoo()
    columns = np.searchsorted(vocabulary, own)
    return sp.csr_matrix((coo.data, (coo.row, columns[coo.col])),
                         shape=(matrix.shape[0], len(vocabulary)), dtype=matrix.dtype)


def document_term_matrix(
    corpus: CorpusLike,
    analyzer: ArabicAnalyzer | None = None,
    *,
    unit: Unit | None = None,
    compute: bool = True,
    client: ClientLike = None,
    progress: bool | None = None,
) -> tuple[sp.csr_matrix | list[Any], np.ndarray]:
    """:func:`arcorpus.terms.document_term_matrix` of a corpus's units (``unit``: default
    articles) on the cluster: ``(matrix, vocabulary)``, rows in the order of
    ``corpus.unit_table(unit)``, identical to the in-memory matrix.

    Each partition is counted once on its own vocabulary; a vocabulary pass takes the union of
    the partitions' vocabularies (on the workers), and each partition maps its columns onto it.
    With ``compute=False`` the row blocks stay on the workers: ``(futures, vocabulary)``, one
    future of a ``scipy.sparse`` block per partition, for work that goes on there.
    """
    if unit is not None:
        check_unit(unit)
    client = get_client(client)
    analyzer = analyzer or ArabicAnalyzer()
    counted = map_partitions(client, _matrix_of, partitions_of(corpus), unit, analyzer,
                             step="dtm-count")
    vocabularies = map_partitions(client, _vocabulary_of, counted, step="dtm-vocabulary")
    union = tree_reduce(client, vocabularies, np.union1d, step="dtm-union")
    watch(counted, desc="counting", progress=progress)
    vocabulary = union.result()
    if not len(vocabulary):
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    blocks = map_partitions(client, _on_vocabulary, counted, union, step="dtm-blocks")
    # the client lets go of the partitions' own-vocabulary counts: each is freed on its worker
    # as soon as its block is mapped, so that a worker never holds the matrix twice
    del counted, vocabularies, union
    if not compute:
        return blocks, vocabulary.astype(object)
    watch(blocks, desc="vocabulary", progress=progress)
    return sp.vstack(client.gather(blocks), format="csr"), vocabulary.astype(object)


# --- co-occurrence -------------------------------------------------------------------------


@dataclass
class PairCounts:
    """Sufficient statistics of co-occurrence over some units: ``pairs`` (actors x actors,
    XᵀX or window pairs), ``per_actor`` (units, or mentions, with each actor), ``actors``
    (sorted), ``total`` (units, or mentions) and ``named`` (units naming an actor)."""

    actors: np.ndarray
    pairs: sp.csr_matrix
    per_actor: np.ndarray
    total: int
    named: int = 0

    def add(self, other: PairCounts) -> PairCounts:
        actors = np.union1d(self.actors, other.actors)
        pairs = sp.csr_matrix((len(actors), len(actors)))
        per_actor = np.zeros(len(actors), dtype=np.result_type(self.per_actor,
                                                               other.per_actor))
        for part in (self, other):
            index = np.searchsorted(actors, part.actors)
            coo = part.pairs.tocoo()
            pairs = pairs + sp.csr_matrix((coo.data, (index[coo.row], index[coo.col])),
                                          shape=pairs.shape)
            per_actor[index] += part.per_actor
        return PairCounts(actors, pairs, per_actor, self.total + other.total,
                          self.named + other.named)


def _pair_counts_of(mentions: pd.DataFrame, unit: Unit, window: int | None,
                    corpus: Corpus, total: int) -> PairCounts:
    if window is not None:
        pairs, per_actor, actors, n_mentions = _window_pairs(mentions, window, corpus)
        return PairCounts(actors, pairs.tocsr(), per_actor, n_mentions)
    incidence, actors = _unit_incidence(mentions, unit)
    pairs, per_actor = _pair_counts(incidence)
    return PairCounts(actors, pairs.tocsr(), per_actor, total, incidence.shape[0])


def _cooccurrence_of(partition: Partition, gazetteer: Gazetteer | None, unit: Unit,
                     window: int | None, by: str | None) -> dict:
    corpus = partition.load()
    mentions = _find_mentions(corpus, gazetteer=gazetteer)
    if by is None:
        return {None: _pair_counts_of(mentions, unit, window, corpus,
                                      len(corpus.unit_spans(unit)))}
    if by not in corpus.articles.columns:
        raise ValueError(f"`by` needs a corpus with an articles column {by!r}")
    mention_group, n_units = _mention_groups(mentions, corpus, unit, by)
    return {value: _pair_counts_of(mentions[mention_group == value], unit, window, corpus,
                                   int(n_units.get(value, 0)))
            for value in pd.unique(corpus.articles[by].dropna())}


def _add_groups(a: dict, b: dict) -> dict:
    merged = dict(a)
    for value, counts in b.items():
        merged[value] = merged[value].add(counts) if value in merged else counts
    return merged


def cooccurrence(
    corpus: CorpusLike,
    *,
    unit: Unit = "paragraphs",
    window: int | None = None,
    by: str | None = None,
    min_count: int = 1,
    gazetteer: Gazetteer | None = None,
    client: ClientLike = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Actor co-occurrence on the cluster, from the text: the table of
    ``cooccurrence(find_mentions(corpus, gazetteer=gazetteer), unit=unit, window=window,
    corpus=corpus, by=by, min_count=min_count)``, without gathering the mentions: each
    partition finds its mentions and sums its units x actors incidence XᵀX (or its window
    pairs); the sums are added on the workers.

    >>> edges = cooccurrence("news.parquet", unit="sentences", min_count=5)  # doctest: +SKIP
    """
    unit = check_unit(unit)
    client = get_client(client)
    futures = map_partitions(client, _cooccurrence_of, partitions_of(corpus), gazetteer, unit,
                             window, by, step="cooccurrence")
    total = tree_reduce(client, futures, _add_groups, step="cooccurrence-sum")
    watch(futures, desc="co-occurrence", progress=progress)
    groups = total.result()
    if by is None:
        return _edges(groups[None], window, min_count, rescore=False)
    return _group_edges(sorted(groups), lambda value: _edges(groups[value], window, min_count,
                                                              rescore=True), by)


def _edges(counts: PairCounts, window: int | None, min_count: int, *,
           rescore: bool) -> pd.DataFrame:
    """The in-memory edge list from summed counts (the same steps, in the same order)."""
    if window is not None:
        return _window_edges_from_pairs(counts.pairs, counts.per_actor, counts.actors,
                                        counts.total, min_count)
    if not rescore:
        return _sorted(_edges_from_pairs(counts.pairs, counts.per_actor, counts.actors,
                                         counts.total, min_count))
    # per group, in memory: edges over the units that name an actor, rescored with N
    edges = _sorted(_edges_from_pairs(counts.pairs, counts.per_actor, counts.actors,
                                      counts.named, min_count))
    return _sorted(_rescored(edges, counts.total))
