"""Who is mentioned with whom: actor co-occurrence at document, paragraph, sentence or
±k-token window level, with association measures, as a tidy edge list or a square matrix.

Counting is sparse matrix algebra: a binary units x actors incidence matrix X gives all pair
counts at once as XᵀX (no Python loop over pairs), and memory grows with the number of units
plus actors², never units x units.

Measures, for a pair (a, b): n_ab units with both, n_a and n_b units with each, N units in all:

- Jaccard = n_ab / (n_a + n_b - n_ab); Dice = 2 n_ab / (n_a + n_b)
- logDice = 14 + log₂ Dice (Rychlý 2008): comparable across corpora of any size, max 14
- PMI = log₂(n_ab N / (n_a n_b)) (Church & Hanks 1990); NPMI = PMI / -log₂(n_ab / N) (Bouma 2009)
- G², log-likelihood of the 2x2 table (Dunning 1993)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..corpus import Corpus
from ..corpus.spans import locate
from ..corpus.units import UNIT_KEYS, Unit, check_unit
from ..terms.collocations import contingency_g2, pmi
from ..text import tokenize

MEASURES = ("count", "jaccard", "dice", "log_dice", "pmi", "npmi", "g2")


def _unit_codes(mentions: pd.DataFrame, unit: Unit) -> np.ndarray:
    """An integer per distinct unit (vectorised: no per-row Python)."""
    return mentions.groupby(list(UNIT_KEYS[unit]), sort=False).ngroup().to_numpy()


def _measures(n_ab, n_a, n_b, total) -> dict[str, np.ndarray]:
    n_ab, n_a, n_b = (np.asarray(x, dtype=float) for x in (n_ab, n_a, n_b))
    dice = 2 * n_ab / (n_a + n_b)
    values = pmi(n_ab, n_a, n_b, total)
    with np.errstate(divide="ignore", invalid="ignore"):
        npmi = np.where(n_ab < total, values / -np.log2(n_ab / total), 1.0)
    return {
        "jaccard": n_ab / (n_a + n_b - n_ab),
        "dice": dice,
        "log_dice": 14 + np.log2(dice),
        "pmi": values,
        "npmi": npmi,
        "g2": contingency_g2(n_ab, n_a, n_b, total),
    }


def _edges_from_incidence(incidence: sp.csr_matrix, actors: np.ndarray, total: int,
                          min_count: int) -> pd.DataFrame:
    return _edges_from_pairs(*_pair_counts(incidence), actors, total, min_count)


def _pair_counts(incidence: sp.csr_matrix) -> tuple[sp.coo_matrix, np.ndarray]:
    """XᵀX (units naming both actors) and the column sums (units naming each): sums over any
    split of the units, which is how :mod:`arcorpus.dask` adds up partitions."""
    return (incidence.T @ incidence).tocoo(), np.asarray(incidence.sum(axis=0)).ravel()


def _unit_incidence(mentions: pd.DataFrame, unit: Unit) -> tuple[sp.csr_matrix, np.ndarray]:
    """The binary units x actors matrix of the units that name an actor, and the actors."""
    actors, codes = np.unique(mentions["actor_id"].to_numpy(dtype=str), return_inverse=True)
    rows = _unit_codes(mentions, unit)
    n_named = int(rows.max()) + 1 if len(rows) else 0
    # binary: several mentions of one actor in a unit count once
    incidence = (sp.csr_matrix((np.ones(len(rows)), (rows, codes)),
                               shape=(n_named, len(actors))) > 0).astype(np.float64).tocsr()
    return incidence, actors


def _edges_from_pairs(pairs: sp.coo_matrix, per_actor: np.ndarray, actors: np.ndarray,
                      total: int, min_count: int) -> pd.DataFrame:
    pairs = pairs.tocoo()
    keep = (pairs.row < pairs.col) & (pairs.data >= min_count)
    a, b, n_ab = pairs.row[keep], pairs.col[keep], pairs.data[keep]
    edges = pd.DataFrame({"actor_a": actors[a], "actor_b": actors[b], "count": n_ab.astype(int),
                          "count_a": per_actor[a].astype(int),
                          "count_b": per_actor[b].astype(int), "n_units": total})
    for name, values in _measures(n_ab, per_actor[a], per_actor[b], total).items():
        edges[name] = np.round(values, 4)
    return edges


def cooccurrence(
    mentions: pd.DataFrame,
    *,
    unit: Unit = "paragraphs",
    window: int | None = None,
    corpus: Corpus | None = None,
    by: str | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Co-occurrence edges between actors, with association measures.

    Args:
        mentions: :func:`~arcorpus.factions.find_mentions` output.
        unit: ``"articles"``, ``"paragraphs"`` or ``"sentences"``: two actors co-occur when
            both are named in the same unit (counted once per unit).
        window: instead of units, count pairs of mentions at most ``window`` tokens apart in
            the same article, each pair once (needs ``corpus`` for token positions). For the
            measures, n_a and n_b are the actors' mention counts, N all mentions, and n_ab is
            capped at min(n_a, n_b) so that Jaccard and Dice stay in [0, 1].
        corpus: gives N, the number of units (including those naming no actor), which PMI,
            NPMI and G² need; without it N is the number of units that name an actor.
        by: a column of ``corpus.articles`` (``"source"``, a month column) to count each
            group separately (N per group).
        min_count: drop pairs seen together fewer times.

    Returns:
        Columns ``[by,] actor_a, actor_b, count, count_a, count_b, n_units, jaccard, dice,
        log_dice, pmi, npmi, g2``, sorted by count (then G²); ``actor_a < actor_b``.
    """
    unit = check_unit(unit)
    if by is not None:
        return _edges_by_group(mentions, unit, window, corpus, by, min_count)
    if window is not None:
        return _window_edges(mentions, window, corpus, min_count)
    incidence, actors = _unit_incidence(mentions, unit)
    n_named = incidence.shape[0]
    total = n_named if corpus is None else len(corpus.unit_spans(unit))
    edges = _edges_from_incidence(incidence, actors, total, min_count)
    return _sorted(edges)


def _sorted(edges: pd.DataFrame) -> pd.DataFrame:
    return edges.sort_values(["count", "g2", "actor_a", "actor_b"],
                             ascending=[False, False, True, True]).reset_index(drop=True)


def _edges_by_group(mentions, unit, window, corpus, by, min_count) -> pd.DataFrame:
    """One edge list per value of ``corpus.articles[by]``: the mentions are split by their
    article's group once, and each group's N is counted from the unit spans (no sub-corpus)."""
    if corpus is None or by not in corpus.articles.columns:
        raise ValueError(f"`by` needs a corpus with an articles column {by!r}")
    labels = corpus.articles[by]
    mention_group, n_units = _mention_groups(mentions, corpus, unit, by)

    def edges_of(value) -> pd.DataFrame:
        part = mentions[mention_group == value]
        if window is not None:
            return _window_edges(part, window, corpus, min_count)
        edges = cooccurrence(part, unit=unit, min_count=min_count)
        return _sorted(_rescored(edges, int(n_units.get(value, 0))))  # N: the group's units

    return _group_table(sorted(pd.unique(labels.dropna())), edges_of, by)


def _mention_groups(mentions: pd.DataFrame, corpus: Corpus, unit: Unit,
                    by: str) -> tuple[np.ndarray, pd.Series]:
    """Each mention's group (its article's ``by``) and the number of units in each group."""
    labels = corpus.articles[by]
    group_of = pd.Series(labels.to_numpy(), index=corpus.articles["doc_id"].to_numpy())
    mention_group = group_of.reindex(mentions["doc_id"].to_numpy()).to_numpy()
    spans = corpus.unit_spans(unit)
    n_units = pd.Series(labels.to_numpy()[spans["doc"].to_numpy()]).value_counts()
    return mention_group, n_units


def _group_table(values, edges_of, by: str) -> pd.DataFrame:
    """The groups' edge lists, one after the other, with the group in the first column."""
    frames = [edges_of(value).assign(**{by: value}) for value in values]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return table[[by, *[c for c in table.columns if c != by]]] if len(table) else table


def _rescored(edges: pd.DataFrame, total: int) -> pd.DataFrame:
    """The same edges with N = ``total`` units (the measures that depend on N recomputed)."""
    if not len(edges):
        return edges
    edges = edges.assign(n_units=total)
    for name, values in _measures(edges["count"], edges["count_a"], edges["count_b"],
                                  total).items():
        edges[name] = np.round(values, 4)
    return edges


def _window_edges(mentions, window, corpus, min_count) -> pd.DataFrame:
    if corpus is None:
        raise ValueError("window co-occurrence needs the corpus (token positions)")
    return _window_edges_from_pairs(*_window_pairs(mentions, window, corpus), min_count)


def _window_pairs(mentions: pd.DataFrame, window: int,
                  corpus: Corpus) -> tuple[sp.coo_matrix, np.ndarray, np.ndarray, int]:
    """Pairs of mentions at most ``window`` tokens apart: ``(pairs, per_actor, actors,
    n_mentions)``, sums over any split of the articles."""
    actors, codes = np.unique(mentions["actor_id"].to_numpy(dtype=str), return_inverse=True)
    token_index = _token_positions(mentions, corpus)
    docs = mentions["doc_id"].to_numpy(dtype=str)
    order = np.lexsort((token_index, docs))
    docs, positions, ids = docs[order], token_index[order], codes[order]
    # A: each mention's own actor; W: the actors of the mentions at most `window` tokens after
    # it in the same article. (AᵀW + WᵀA)[a, b] counts each pair of mentions once. Mentions are
    # sorted, so the pairs are found by shifting: mention i with i + 1, i + 2, ... while the
    # next one is in the same article and close enough (vectorised per shift).
    later_rows, later_cols = [], []
    shift = 1
    while shift < len(order):
        near = (docs[shift:] == docs[:-shift]) & (positions[shift:] - positions[:-shift]
                                                   <= window)
        if not near.any():
            break
        rows = np.flatnonzero(near)
        later_rows.append(rows)
        later_cols.append(ids[rows + shift])
        shift += 1
    later_rows = np.concatenate(later_rows) if later_rows else np.zeros(0, dtype=np.int64)
    later_cols = np.concatenate(later_cols) if later_cols else np.zeros(0, dtype=np.int64)
    shape = (len(order), len(actors))
    anchor = sp.csr_matrix((np.ones(len(order)), (np.arange(len(order)), ids)), shape=shape)
    later = sp.csr_matrix((np.ones(len(later_rows)), (later_rows, later_cols)), shape=shape)
    pairs = (anchor.T @ later + later.T @ anchor).tocoo()
    return pairs, np.bincount(ids, minlength=len(actors)), actors, len(order)


def _window_edges_from_pairs(pairs: sp.coo_matrix, per_actor: np.ndarray, actors: np.ndarray,
                             total: int, min_count: int) -> pd.DataFrame:
    pairs = pairs.tocoo()
    keep = (pairs.row < pairs.col) & (pairs.data >= min_count)
    a, b, n_ab = pairs.row[keep], pairs.col[keep], pairs.data[keep]
    edges = pd.DataFrame({"actor_a": actors[a], "actor_b": actors[b], "count": n_ab.astype(int),
                          "count_a": per_actor[a], "count_b": per_actor[b], "n_units": total})
    for name, values in _measures(np.minimum(n_ab, np.minimum(per_actor[a], per_actor[b])),
                                  per_actor[a], per_actor[b], total).items():
        edges[name] = np.round(values, 4)
    return _sorted(edges)


def _token_positions(mentions: pd.DataFrame, corpus: Corpus) -> np.ndarray:
    """Index of the token each mention starts in, counted from the start of its article: the
    articles that name an actor are tokenised once, then one vectorised lookup."""
    doc_ids = pd.unique(mentions["doc_id"])
    texts = corpus.articles.set_index("doc_id")["text"].reindex(doc_ids).tolist()
    token_doc, token_start = [], []
    for position, text in enumerate(texts):
        starts = [t.start for t in tokenize(text)]
        token_doc.append(np.full(len(starts), position, dtype=np.int64))
        token_start.append(np.asarray(starts, dtype=np.int64))
    token_doc = np.concatenate(token_doc) if token_doc else np.zeros(0, dtype=np.int64)
    token_start = np.concatenate(token_start) if token_start else np.zeros(0, dtype=np.int64)
    first_token = np.searchsorted(token_doc, np.arange(len(doc_ids)))
    doc = pd.Index(doc_ids).get_indexer(mentions["doc_id"])
    found = locate(token_doc, token_start, doc, mentions["start"].to_numpy())
    return np.where(found >= 0, found - first_token[doc], 0)


def cooccurrence_matrix(edges: pd.DataFrame, value: str = "count",
                        actors: list[str] | None = None) -> pd.DataFrame:
    """The edge list as a square, symmetric actors x actors DataFrame of ``value``."""
    if value not in MEASURES:
        raise ValueError(f"value must be one of {MEASURES}, got {value!r}")
    names = actors or sorted(set(edges["actor_a"]) | set(edges["actor_b"]))
    matrix = pd.DataFrame(0.0, index=names, columns=names)
    for a, b, v in zip(edges["actor_a"], edges["actor_b"], edges[value], strict=True):
        if a in matrix.index and b in matrix.index:
            matrix.loc[a, b] = matrix.loc[b, a] = v
    return matrix
