"""Keyness by group: each source (or period, or any article column) against the rest of the
corpus, in one long table, by :func:`~arcorpus.terms.keyness` itself."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..corpus.units import TextData, Unit, unit_table
from ..progress import progress_bar
from ..text import ArabicAnalyzer
from .keyness import keyness
from .units import group_labels

_SEPARATOR = "\x1f"  # between a unit's analysed terms (no analyzer term holds it)


@dataclass(frozen=True)
class _Analysed:
    """An analyzer for text that was analysed already: the terms, split at the separator."""

    def __call__(self, doc: str) -> list[str]:
        return doc.split(_SEPARATOR) if doc else []


def keyness_by(
    data: TextData,
    by: str | pd.Series,
    *,
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    progress: bool | None = None,
    **options,
) -> pd.DataFrame:
    """Keyness of each group against the rest of the corpus (one against all), in one tidy
    long table: for every value ``g`` of ``by``, :func:`~arcorpus.terms.keyness` of the units
    of ``g`` (the target) against all the other units (the reference).

    The text is analysed once; each comparison then only counts the analysed terms, so the
    table is exactly what ``keyness(group, rest)`` gives for each group, in time linear in the
    text times the number of groups (meant for a handful of sources or periods).

    Args:
        data: Corpus, DataFrame with ``text``, or texts.
        by: an article column (``"source"``, a period column) or a Series aligned with the
            units.
        unit: the units to group (default: the input's own unit, articles for a corpus).
        analyzer: the pipeline (default :class:`~arcorpus.text.ArabicAnalyzer`()).
        progress: progress bar (see :mod:`arcorpus.progress`).
        **options: passed to :func:`~arcorpus.terms.keyness` for each group (``min_count``,
            ``top_n`` ...).

    Returns:
        :func:`~arcorpus.terms.keyness`'s columns with the group first (named after ``by``),
        the groups in sorted order; ``..._target`` is the group and ``..._reference`` the
        rest. A group that is the whole corpus has no reference and is left out.

    Example:
        >>> frame = pd.DataFrame({"text": ["داعش داعش هجوم", "الفصائل هجوم", "الفصائل درعا"],
        ...                       "source": ["a", "b", "b"]})
        >>> table = keyness_by(frame, "source", min_count=1)
        >>> table[table["term"] == "داعش"][["source", "count_target", "log_ratio"]].values.tolist()
        [['a', 2, 2.415], ['b', 0, -2.415]]
    """
    analyzer = analyzer or ArabicAnalyzer()
    units = unit_table(data, unit)
    labels = group_labels(units, by)
    if labels.isna().any():
        raise ValueError("the grouping column has missing values; fill or drop them first")
    name = labels.name if labels.name is not None else "group"
    texts = [_SEPARATOR.join(analyzer(text)) for text in progress_bar(
        units["text"].tolist(), desc="terms", unit="unit", total=len(units), enabled=progress)]
    analysed = pd.DataFrame({"text": texts})
    frames = []
    for group in progress_bar(sorted(labels.unique()), desc="keyness", unit="group",
                              enabled=progress):
        inside = (labels == group).to_numpy()
        if inside.all():
            continue
        table = keyness(analysed[inside], analysed[~inside], analyzer=_Analysed(), **options)
        table.insert(0, name, group)
        frames.append(table)
    if not frames:
        raise ValueError(f"{name!r} has a single group: nothing to compare it with")
    return pd.concat(frames, ignore_index=True)
