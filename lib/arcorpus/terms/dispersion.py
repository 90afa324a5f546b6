"""Dispersion: where in the corpus a term occurs (every position, for a dispersion plot as
quanteda's ``textplot_xray`` draws it) and how evenly it is spread over the corpus's parts
(Juilland's D, Gries' DP), for terms that a frequency alone would make look alike."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..corpus.units import TextData
from ..progress import progress_bar
from ..text import ArabicAnalyzer
from .stream import TermStream, as_stream


def juilland_d(counts, sizes) -> np.ndarray:
    """Juilland's D (Juilland & Chang-Rodríguez 1964) over parts (last axis): 1 − V / √(n − 1),
    with V the coefficient of variation (population standard deviation over the mean) of the
    term's relative frequencies ``counts / sizes`` in the n parts, as Gries (2008) adapts it to
    parts of unequal size. 1: perfectly even; 0: all in one part. NaN with fewer than two
    parts or no occurrence. Parts of size 0 are left out. Rounded to 4 decimals.

    Juilland, A. & Chang-Rodríguez, E. (1964). *Frequency Dictionary of Spanish Words*. Mouton.

    >>> sizes = [100, 100, 100]
    >>> juilland_d([5, 5, 5], sizes).item(), juilland_d([15, 0, 0], sizes).item()
    (1.0, 0.0)
    """
    counts, sizes = (np.asarray(x, dtype=float) for x in (counts, sizes))
    counts, sizes = np.broadcast_arrays(counts, sizes)
    present = sizes > 0
    parts = present.sum(axis=-1)
    rates = np.where(present, counts / np.where(present, sizes, 1), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = rates.sum(axis=-1) / parts
        spread = np.sqrt(np.where(present, (rates - mean[..., None]) ** 2, 0).sum(axis=-1)
                         / parts)
        d = 1 - spread / mean / np.sqrt(parts - 1)
    return np.round(np.where((parts > 1) & (mean > 0), d, np.nan), 4)


def gries_dp(counts, sizes, *, normalised: bool = False) -> np.ndarray:
    """Gries' DP, *deviation of proportions* (Gries 2008), over parts (last axis):
    ½ Σ |vᵢ − sᵢ|, with vᵢ the share of the term's occurrences in part i and sᵢ the part's
    share of the corpus. 0: spread exactly as the parts' sizes; near 1: all in one small part.
    With ``normalised``, DP / (1 − min sᵢ), which reaches 1 (Lijffijt & Gries 2012). NaN when
    the term does not occur. Rounded to 4 decimals.

    Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora. *International
    Journal of Corpus Linguistics* 13(4), 403–437. Lijffijt, J. & Gries, S. Th. (2012).
    Correction to Stefan Th. Gries' "Dispersions and adjusted frequencies in corpora".
    *International Journal of Corpus Linguistics* 17(1), 147–149.

    >>> sizes = [100, 100, 100]
    >>> gries_dp([5, 5, 5], sizes).item(), gries_dp([15, 0, 0], sizes).item()
    (0.0, 0.6667)
    >>> gries_dp([15, 0, 0], [100, 100, 100], normalised=True).item()
    1.0
    """
    counts, sizes = (np.asarray(x, dtype=float) for x in (counts, sizes))
    counts, sizes = np.broadcast_arrays(counts, sizes)
    total = counts.sum(axis=-1, keepdims=True)
    share = sizes / sizes.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        dp = 0.5 * np.abs(counts / total - share).sum(axis=-1)
        if normalised:
            dp = dp / (1 - share.min(axis=-1))
    return np.round(np.where(total[..., 0] > 0, dp, np.nan), 4)


def _article_offsets(stream: TermStream) -> tuple[np.ndarray, np.ndarray]:
    """Per unit: the position of its article's first word in ``codes``, and the article's
    length in words (the units of an article must be consecutive, as the kit makes them)."""
    article = pd.factorize(stream.units["doc_id"])[0]
    first_unit = np.flatnonzero(np.r_[True, article[1:] != article[:-1]])
    if len(first_unit) != article.max(initial=-1) + 1:
        raise ValueError("the stream's units are not grouped by article")
    begins = stream.bounds[first_unit]
    ends = np.r_[begins[1:], stream.bounds[-1]]
    return begins[article], (ends - begins)[article]


def term_positions(
    data: TextData | TermStream,
    terms: str | Sequence[str],
    *,
    analyzer: ArabicAnalyzer | None = None,
    metadata: Sequence[str] | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Every occurrence of each term (a word or a phrase), with its position in its article:
    what a dispersion plot (:func:`arcorpus.plotting.dispersion_plot`) draws.

    Positions count the analyzer's running terms (stop words kept), across the article's
    paragraphs; terms match on normalised, clitic-free forms as in :func:`~arcorpus.terms.kwic`.

    Args:
        data: Corpus, DataFrame with ``text``, texts, or a :class:`~arcorpus.terms.TermStream`
            (its units in article order, as the kit makes them).
        terms: one term or several.
        analyzer: the pipeline.
        metadata: article columns to carry (``["source", "date"]`` by default, those present).
        progress: progress bar (see :mod:`arcorpus.progress`).

    Returns:
        Columns ``term, doc_id, [metadata,] word, n_words, position``: ``word`` is the
        occurrence's index among the article's ``n_words`` running words and ``position``
        = word / n_words, from 0 (the start of the article) to below 1 (its end); in text
        order for each term. Time and memory are linear in the text.

    Example:
        >>> term_positions(["قال التحالف إن طيران التحالف قصف", "لا شيء"], "التحالف")
              term  doc_id  word  n_words  position
        0  التحالف       0     1        6    0.1667
        1  التحالف       0     4        6    0.6667
    """
    terms = [terms] if isinstance(terms, str) else list(terms)
    stream = as_stream(data, unit=None, default="articles", analyzer=analyzer,
                       progress=progress)
    begin, length = _article_offsets(stream)
    carry = [c for c in (metadata if metadata is not None else ("source", "date"))
             if c in stream.units.columns]
    frames = []
    for term in progress_bar(terms, desc="positions", unit="term", enabled=progress):
        starts = stream.find(term)
        rows = stream.unit_of(starts)
        found = stream.units[["doc_id", *carry]].take(rows).reset_index(drop=True)
        word = starts - begin[rows]
        found.insert(0, "term", term)
        found["word"] = word
        found["n_words"] = length[rows]
        found["position"] = np.round(word / np.maximum(length[rows], 1), 4)
        frames.append(found)
    return pd.concat(frames, ignore_index=True)


def dispersion(
    data: TextData | TermStream,
    terms: str | Sequence[str],
    *,
    by: str | None = None,
    analyzer: ArabicAnalyzer | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """How evenly each term is spread over the parts of the corpus: its articles (the
    default) or the groups of an article column (``by="source"``, a period column).

    Args:
        data: Corpus, DataFrame with ``text``, texts, or a :class:`~arcorpus.terms.TermStream`.
        terms: one term or several (words or phrases).
        by: an article column whose values are the parts; ``None``: each article is a part.
        analyzer: the pipeline.
        progress: progress bar (see :mod:`arcorpus.progress`).

    Returns:
        One row per term: ``term, count, parts, range, juilland_d, dp, dp_norm``: ``count``
        its occurrences, ``parts`` the number of parts, ``range`` the parts it occurs in,
        :func:`juilland_d`, :func:`gries_dp` and its normalised form. Part sizes are their
        running words (stop words included). Time and memory are linear in the text.

    Example:
        >>> frame = pd.DataFrame({"text": ["التحالف يقصف", "التحالف يقصف", "قال المتحدث"],
        ...                       "source": ["a", "b", "b"]})
        >>> dispersion(frame, ["التحالف", "المتحدث"], by="source")
              term  count  parts  range  juilland_d   dp  dp_norm
        0  التحالف      2      2      2      0.6667  0.1667     0.25
        1  المتحدث      1      2      1      0.0000  0.3333     0.50
    """
    terms = [terms] if isinstance(terms, str) else list(terms)
    stream = as_stream(data, unit=None, default="articles", analyzer=analyzer,
                       progress=progress)
    if by is None:
        labels = stream.units["doc_id"]
    elif by in stream.units.columns:
        labels = stream.units[by]
    else:
        raise ValueError(f"no column {by!r} to take parts from; columns: "
                         f"{list(stream.units.columns)}")
    if labels.isna().any():
        raise ValueError(f"the column {by!r} has missing values; fill or drop them first")
    part_of_unit, parts = pd.factorize(labels, sort=True)
    sizes = np.bincount(part_of_unit, weights=stream.sizes, minlength=len(parts))
    counts = np.zeros((len(terms), len(parts)))
    for k, term in enumerate(progress_bar(terms, desc="dispersion", unit="term",
                                          enabled=progress)):
        starts = stream.find(term)
        counts[k] = np.bincount(part_of_unit[stream.unit_of(starts)], minlength=len(parts))
    return pd.DataFrame({
        "term": terms,
        "count": counts.sum(axis=1).astype(np.int64),
        "parts": len(parts),
        "range": (counts > 0).sum(axis=1),
        "juilland_d": juilland_d(counts, sizes),
        "dp": gries_dp(counts, sizes),
        "dp_norm": gries_dp(counts, sizes, normalised=True),
    })
