"""Which unit holds a character: the one vectorised step that maps offsets to paragraph,
sentence or token positions, shared by every part of the kit that needs it."""

from __future__ import annotations

import numpy as np


def locate(span_doc, span_start, doc, offset) -> np.ndarray:
    """For each ``(doc[i], offset[i])``, the index of the last span of that document starting at
    or before ``offset[i]``; -1 when the document has no such span.

    Spans must be sorted by document, then start (as the kit's unit tables are). Documents and
    offsets are combined into one sortable integer key, so the whole lookup is a single
    ``numpy.searchsorted``: O((spans + queries) log spans), whatever the number of documents.

    >>> locate([0, 0, 1], [0, 10, 0], [0, 0, 1, 1], [3, 12, 0, 99]).tolist()
    [0, 1, 2, 2]
    >>> locate([1], [5], [0, 1], [7, 2]).tolist()
    [-1, -1]
    """
    span_doc, span_start = np.asarray(span_doc, np.int64), np.asarray(span_start, np.int64)
    doc, offset = np.asarray(doc, np.int64), np.asarray(offset, np.int64)
    if len(doc) == 0:
        return np.zeros(0, dtype=np.int64)
    highest = max(int(span_start.max(initial=0)), int(offset.max(initial=0)))
    stride = highest + 1
    if (max(int(span_doc.max(initial=0)), int(doc.max(initial=0))) + 1) * stride >= 2**62:
        raise OverflowError("too many documents x characters for one integer key")
    keys = span_doc * stride + span_start
    position = np.searchsorted(keys, doc * stride + offset, side="right") - 1
    found = position >= 0
    found[found] = span_doc[position[found]] == doc[found]
    return np.where(found, position, -1)
