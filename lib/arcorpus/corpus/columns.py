"""Reserved column names: the kit's own columns are never replaced by metadata.

The kit's columns (:data:`RESERVED_COLUMNS`: ``doc_id``, ``text``, ``boilerplate``, the counts,
``path``, ``encoding``, ``sha256``, and the unit tables' ``para_id``, ``sent_id``, ``start``,
``end``) always hold the kit's values. A metadata column with such a
name (from a sidecar, a table file or a DataFrame) is kept as ``meta_<name>`` (``meta_meta_<name>``
if that is taken too), and a report row (kind ``renamed_column``) says so, once per file.
"""

from __future__ import annotations

from .tables import ARTICLE_COLUMNS, SOURCE_COLUMNS

#: the unit tables' own columns (:func:`arcorpus.corpus.unit_table`), which carry the metadata
UNIT_COLUMNS = ("para_id", "sent_id", "start", "end")
RESERVED_COLUMNS = frozenset(ARTICLE_COLUMNS) | frozenset(SOURCE_COLUMNS) | frozenset(UNIT_COLUMNS)
RENAME_PREFIX = "meta_"


def renamed_column(name: str, taken: set) -> str:
    """The name a metadata column called like a kit column is kept under.

    >>> renamed_column("text", {"text", "meta_text"})
    'meta_meta_text'
    """
    new = RENAME_PREFIX + name
    while new in taken:
        new = RENAME_PREFIX + new
    return new


def rename_notice_detail(name: str, new: str) -> str:
    return (f"column {name!r} has the name of a kit column; kept as {new!r}"
            + (" (pass id_column='doc_id' to use it as the id)" if name == "doc_id" else ""))
