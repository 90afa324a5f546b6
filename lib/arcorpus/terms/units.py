"""Grouping labels and word counts for term tables (the units themselves come from
:func:`arcorpus.corpus.unit_table`)."""

from __future__ import annotations

import pandas as pd


def group_labels(units: pd.DataFrame, by: str | pd.Series | None) -> pd.Series | None:
    """The grouping column for ``by`` (a column name or a Series aligned with the units)."""
    if by is None:
        return None
    if isinstance(by, pd.Series):
        if len(by) != len(units):
            raise ValueError(f"`by` has {len(by)} values for {len(units)} text units")
        return by.reset_index(drop=True)
    if by not in units.columns:
        raise ValueError(f"no column {by!r} to group by; columns: {list(units.columns)}")
    return units[by].reset_index(drop=True)

