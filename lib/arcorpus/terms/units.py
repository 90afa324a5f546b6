"""Turn what the user passes (a Corpus, a DataFrame with a ``text`` column, or a list of
strings) into one table of text units, with the metadata needed for grouping."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pandas as pd

from ..corpus import Corpus

Unit = Literal["articles", "paragraphs", "sentences"]
TextData = Corpus | pd.DataFrame | Sequence[str]


def text_units(data: TextData, unit: Unit = "articles") -> pd.DataFrame:
    """A DataFrame with a ``text`` column (and ``doc_id`` and metadata where known).

    For a Corpus, paragraph and sentence units carry their article's metadata columns, so they
    can be grouped by source or date as well.
    """
    if isinstance(data, Corpus):
        if unit not in ("articles", "paragraphs", "sentences"):
            raise ValueError(f"unit must be 'articles', 'paragraphs' or 'sentences', got {unit!r}")
        if unit == "articles":
            return data.articles
        table = getattr(data, unit)
        meta = data.articles.drop(columns=["text", "boilerplate", "n_paragraphs", "n_sentences",
                                           "n_words", "n_chars", "path", "encoding", "sha256"])
        return table.merge(meta, on="doc_id", how="left")
    if isinstance(data, pd.DataFrame):
        if "text" not in data.columns:
            raise ValueError(f"the DataFrame needs a 'text' column; it has {list(data.columns)}")
        return data
    if isinstance(data, str):
        raise TypeError("pass a list of texts, not a single string")
    return pd.DataFrame({"text": list(data)})


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

