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

from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..corpus import Corpus
from ..terms.collocations import contingency_g2, pmi
from ..text import tokenize

Unit = Literal["document", "paragraph", "sentence"]
MEASURES = ("count", "jaccard", "dice", "log_dice", "pmi", "npmi", "g2")


def _unit_codes(mentions: pd.DataFrame, unit: Unit) -> np.ndarray:
    """An integer per distinct unit (vectorised: no per-row Python)."""
    columns = {"document": ["doc_id"], "paragraph": ["doc_id", "para_id"],
               "sentence": ["doc_id", "sent_id"]}[unit]
    return mentions.groupby(columns, sort=False).ngroup().to_numpy()


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
    pairs = (incidence.T @ incidence).tocoo()
    per_actor = np.asarray(incidence.sum(axis=0)).ravel()
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
    unit: Unit = "paragraph",
    window: int | None = None,
    corpus: Corpus | None = None,
    by: str | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Co-occurrence edges between actors, with association measures.

    Args:
        mentions: :func:`~arcorpus.factions.find_mentions` output.
        unit: ``"document"``, ``"paragraph"`` or ``"sentence"``: two actors co-occur when both
            are named in the same unit (counted once per unit).
        window: instead of units, count pairs of mentions at most ``window`` tokens apart in
            the same article, each pair once (needs ``corpus`` for token positions). For the
            measures, n_a and n_b are the actors' mention counts, N all mentions, and n_ab is
            capped at min(n_a, n_b) so that Jaccard and Dice stay in [0, 1].
        corpus: gives N, the number of units (including those naming no actor), which PMI,
            NPMI and G² need; without it N is the number of units that name an actor.
        by: a column of ``corpus.articles`` (``"source"``, a month column) to count each
            group separately.
        min_count: drop pairs seen together fewer times.

    Returns:
        Columns ``[by,] actor_a, actor_b, count, count_a, count_b, n_units, jaccard, dice,
        log_dice, pmi, npmi, g2``, sorted by count (then G²); ``actor_a < actor_b``.
    """
    if by is not None:
        if corpus is None or by not in corpus.articles.columns:
            raise ValueError(f"`by` needs a corpus with an articles column {by!r}")
        groups = corpus.articles.set_index("doc_id")[by]
        frames = []
        for value, doc_ids in groups.groupby(groups, sort=True).groups.items():
            part = mentions[mentions["doc_id"].isin(doc_ids)]
            sub = _subset(corpus, set(doc_ids))
            edges = cooccurrence(part, unit=unit, window=window, corpus=sub, min_count=min_count)
            frames.append(edges.assign(**{by: value}))
        table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        return table[[by, *[c for c in table.columns if c != by]]] if len(table) else table
    actors, codes = np.unique(mentions["actor_id"].to_numpy(dtype=str), return_inverse=True)
    if window is not None:
        return _window_edges(mentions, actors, codes, window, corpus, min_count)
    rows = _unit_codes(mentions, unit)
    n_named = int(rows.max()) + 1 if len(rows) else 0
    # binary: several mentions of one actor in a unit count once
    incidence = (sp.csr_matrix((np.ones(len(rows)), (rows, codes)),
                               shape=(n_named, len(actors))) > 0).astype(np.float64).tocsr()
    total = n_named if corpus is None else {
        "document": len(corpus.articles), "paragraph": len(corpus.paragraphs),
        "sentence": len(corpus.sentences)}[unit]
    edges = _edges_from_incidence(incidence, actors, total, min_count)
    return edges.sort_values(["count", "g2", "actor_a", "actor_b"],
                             ascending=[False, False, True, True]).reset_index(drop=True)


def _subset(corpus: Corpus, doc_ids: set) -> Corpus:
    keep = corpus.articles["doc_id"].isin(doc_ids).to_numpy()
    position = np.cumsum(keep) - 1
    spans = [s[keep[s["doc"]]].assign(doc=lambda t: position[t["doc"]])
             for s in (corpus._paragraph_spans, corpus._sentence_spans)]
    return Corpus(corpus.articles[keep].reset_index(drop=True), corpus.report, corpus.source,
                  paragraph_spans=spans[0].reset_index(drop=True),
                  sentence_spans=spans[1].reset_index(drop=True))


def _window_edges(mentions, actors, codes, window, corpus, min_count) -> pd.DataFrame:
    if corpus is None:
        raise ValueError("window co-occurrence needs the corpus (token positions)")
    texts = corpus.articles.set_index("doc_id")["text"]
    token_index = np.empty(len(mentions), dtype=np.int64)
    for doc_id, rows in mentions.groupby("doc_id").groups.items():
        starts = np.array([t.start for t in tokenize(texts[doc_id])])
        token_index[mentions.index.get_indexer(rows)] = np.searchsorted(
            starts, mentions.loc[rows, "start"].to_numpy(), side="right") - 1
    order = np.lexsort((token_index, mentions["doc_id"].to_numpy(dtype=str)))
    docs = mentions["doc_id"].to_numpy(dtype=str)[order]
    positions, ids = token_index[order], codes[order]
    # A: each mention's own actor; W: the actors of the mentions at most `window` tokens after
    # it in the same article. (AᵀW + WᵀA)[a, b] counts each pair of mentions once.
    later_rows, later_cols = [], []
    for i in range(len(order)):
        j = i + 1
        while j < len(order) and docs[j] == docs[i] and positions[j] - positions[i] <= window:
            later_rows.append(i)
            later_cols.append(ids[j])
            j += 1
    shape = (len(order), len(actors))
    anchor = sp.csr_matrix((np.ones(len(order)), (np.arange(len(order)), ids)), shape=shape)
    later = sp.csr_matrix((np.ones(len(later_rows)), (later_rows, later_cols)), shape=shape)
    pairs = (anchor.T @ later + later.T @ anchor).tocoo()
    per_actor = np.bincount(ids, minlength=len(actors))
    keep = (pairs.row < pairs.col) & (pairs.data >= min_count)
    a, b, n_ab = pairs.row[keep], pairs.col[keep], pairs.data[keep]
    total = len(order)
    edges = pd.DataFrame({"actor_a": actors[a], "actor_b": actors[b], "count": n_ab.astype(int),
                          "count_a": per_actor[a], "count_b": per_actor[b], "n_units": total})
    for name, values in _measures(np.minimum(n_ab, np.minimum(per_actor[a], per_actor[b])),
                                  per_actor[a], per_actor[b], total).items():
        edges[name] = np.round(values, 4)
    return edges.sort_values(["count", "g2", "actor_a", "actor_b"],
                             ascending=[False, False, True, True]).reset_index(drop=True)


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
