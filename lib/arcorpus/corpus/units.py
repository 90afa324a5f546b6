"""Text units: what an analysis counts as one document (an article, a paragraph or a
sentence), for every kind of input, decided in one place.

One vocabulary: ``unit`` is always ``"articles"``, ``"paragraphs"`` or ``"sentences"``, checked by
:func:`check_unit` at every public entry point of the kit. One table: :func:`unit_table` turns a
:class:`~arcorpus.corpus.Corpus`, a DataFrame with a ``text`` column or a list of texts into
rows of that unit with the same columns:

========================  ====================================================================
``doc_id``                the article (a DataFrame's own ids are kept; texts get 0, 1, ...)
``para_id``, ``sent_id``  for paragraphs and sentences, numbered from 0 in each article
``text``                  the unit's text, as written
``start``, ``end``        offsets of the unit in its article's text
metadata                  the article's other columns (``source``, ``date`` ...)
========================  ====================================================================

A DataFrame is taken at the unit its id columns say (``sent_id``: sentences, ``para_id``:
paragraphs, otherwise articles) and can be split into finer units (paragraphs are lines,
sentences follow :func:`~arcorpus.corpus.iter_sentence_spans`), never merged into coarser ones.
A DataFrame that has ``start`` (a table taken from a corpus) keeps offsets into the article.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, Union, get_args

import numpy as np
import pandas as pd

from .segment import split_sentences
from .spans import locate

if TYPE_CHECKING:
    from .loader import Corpus

Unit = Literal["articles", "paragraphs", "sentences"]
UNITS: tuple[str, ...] = get_args(Unit)
#: the id columns of each unit's rows, coarse to fine
UNIT_KEYS: dict[str, tuple[str, ...]] = {"articles": ("doc_id",),
                                         "paragraphs": ("doc_id", "para_id"),
                                         "sentences": ("doc_id", "para_id", "sent_id")}
#: columns of ``Corpus.articles`` that describe the loading, not the article: left out of the
#: metadata that unit tables carry
DERIVED_COLUMNS = ("boilerplate", "n_paragraphs", "n_words", "n_chars", "path", "encoding",
                   "sha256")
#: what every analysis accepts: a corpus, a DataFrame with a ``text`` column, or texts
TextData = Union["Corpus", pd.DataFrame, Sequence[str]]
_SINGULAR = {"article": "articles", "document": "articles", "documents": "articles",
             "paragraph": "paragraphs", "sentence": "sentences"}


def check_unit(unit: object) -> Unit:
    """Return ``unit`` if it is one of :data:`UNITS`; raise a ``ValueError`` that names the
    valid units otherwise.

    >>> check_unit("paragraphs")
    'paragraphs'
    >>> check_unit("paragraph")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: unit must be one of ... got 'paragraph' (did you mean 'paragraphs'?)
    """
    if isinstance(unit, str) and unit in UNITS:
        return unit  # type: ignore[return-value]
    hint = f" (did you mean {_SINGULAR[unit]!r}?)" if isinstance(unit, str) and \
        unit in _SINGULAR else ""
    raise ValueError(f"unit must be one of {', '.join(map(repr, UNITS))}; got {unit!r}{hint}")


def unit_keys(table: pd.DataFrame) -> list[str]:
    """The id columns a units table has, coarse to fine (``doc_id``, ``para_id``, ``sent_id``).

    >>> unit_keys(pd.DataFrame(columns=["text", "sent_id", "doc_id", "para_id"]))
    ['doc_id', 'para_id', 'sent_id']
    """
    return [c for c in UNIT_KEYS["sentences"] if c in table.columns]


def table_unit(frame: pd.DataFrame) -> Unit:
    """The unit a DataFrame's rows are, read from its id columns.

    >>> table_unit(pd.DataFrame(columns=["doc_id", "para_id", "text"]))
    'paragraphs'
    """
    if "sent_id" in frame.columns:
        return "sentences"
    return "paragraphs" if "para_id" in frame.columns else "articles"


def native_unit(data: Corpus | pd.DataFrame | Sequence[str]) -> Unit:
    """The unit of the input as given: a table's own unit, articles for a corpus or texts."""
    return table_unit(data) if isinstance(data, pd.DataFrame) else "articles"


def resolve_unit(data: Corpus | pd.DataFrame | Sequence[str], unit: object,
                 default: Unit = "articles") -> Unit:
    """The unit an analysis works on: ``unit`` when given (checked), else ``default`` or the
    input's own unit, whichever is finer (a paragraphs table is analysed as paragraphs even
    where the default is articles).

    >>> resolve_unit(pd.DataFrame(columns=["doc_id", "para_id", "text"]), None)
    'paragraphs'
    >>> resolve_unit(["a text"], None, "paragraphs")
    'paragraphs'
    """
    if unit is not None:
        return check_unit(unit)
    return max(native_unit(data), default, key=UNITS.index)  # type: ignore[return-value]


def unit_table(data: Corpus | pd.DataFrame | Sequence[str], unit: Unit | None = None) -> \
        pd.DataFrame:
    """Rows of ``unit`` from any input the kit accepts, with ids, ``text``, ``start``, ``end`` and
    metadata (see the module docs). ``unit=None``: the input's own unit (:func:`native_unit`).

    >>> unit_table(["جملة أولى. جملة ثانية", "فقرة\\nفقرة أخرى"], "sentences")
       doc_id  para_id  sent_id        text  start  end
    0       0        0        0  جملة أولى.      0   10
    1       0        0        1  جملة ثانية     11   21
    2       1        0        0        فقرة      0    4
    3       1        1        1   فقرة أخرى      5   14
    """
    from .loader import Corpus

    if isinstance(data, str):
        raise TypeError("pass a list of texts, not a single string")
    unit = resolve_unit(data, unit)
    if isinstance(data, Corpus):
        return data.unit_table(unit)
    if isinstance(data, str):
        raise TypeError("pass a list of texts, not a single string")
    frame = data if isinstance(data, pd.DataFrame) else pd.DataFrame({"text": list(data)})
    if "text" not in frame.columns:
        raise ValueError(f"the DataFrame needs a 'text' column; it has {list(frame.columns)}")
    frame = _with_ids(frame)
    have = table_unit(frame)
    if UNITS.index(unit) < UNITS.index(have):
        raise ValueError(f"this table holds {have} (it has {', '.join(unit_keys(frame))}); "
                         f"it cannot be read as {unit}: pass the corpus or the {unit} table")
    if unit == have:
        return frame
    return _split(frame, have, unit)


def _with_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with ``doc_id`` (0, 1, ... when absent), ``start`` and ``end``, keys checked."""
    added = {}
    if "doc_id" not in frame.columns:
        added["doc_id"] = np.arange(len(frame))
    if "start" not in frame.columns:
        added["start"] = np.zeros(len(frame), dtype=np.int64)
    if "end" not in frame.columns:
        added["end"] = (np.asarray(added.get("start", frame.get("start", 0)))
                        + frame["text"].fillna("").str.len().to_numpy(dtype=np.int64))
    if added:
        frame = frame.assign(**added)
        first = [c for c in ("doc_id",) if c in added]
        frame = frame[first + [c for c in frame.columns if c not in first]]
    keys = unit_keys(frame)
    if keys and frame.duplicated(keys).any():
        repeated = frame.loc[frame.duplicated(keys, keep=False), keys].head(3)
        raise ValueError(f"the ids {keys} repeat (e.g. {repeated.to_dict('records')}): each row "
                         "must be one unit; make them unique or drop the id columns")
    return frame


def _split(frame: pd.DataFrame, have: Unit, unit: Unit) -> pd.DataFrame:
    """Split articles into paragraphs (non-empty lines, trimmed) or sentences, or paragraphs
    into sentences; ids are numbered in each article in the order of the rows."""
    texts = frame["text"].fillna("").tolist()
    if have == "articles":  # paragraphs first
        rows, starts, ends = [], [], []
        for row, text in enumerate(texts):
            position = 0
            for line in text.split("\n"):
                kept = line.strip()
                if kept:
                    first = position + len(line) - len(line.lstrip())
                    rows.append(row)
                    starts.append(first)
                    ends.append(first + len(kept))
                position += len(line) + 1
        rows = np.asarray(rows, dtype=np.int64)
        parent = frame.take(rows).reset_index(drop=True)
        local = np.asarray(starts, dtype=np.int64)
        pieces = [texts[r][s:e] for r, s, e in zip(rows.tolist(), starts, ends, strict=True)]
        base = parent["start"].to_numpy(dtype=np.int64)
        parent = parent.assign(text=pieces, start=base + local,
                               end=base + np.asarray(ends, dtype=np.int64))
        parent.insert(1, "para_id", parent.groupby("doc_id", sort=False).cumcount())
        if unit == "paragraphs":
            return parent
        frame, texts = parent, pieces
    spans = split_sentences(texts)
    parent = frame.take(spans["doc"]).reset_index(drop=True)
    base = parent["start"].to_numpy(dtype=np.int64)
    pieces = [texts[d][s:e] for d, s, e in zip(spans["doc"].tolist(), spans["start"].tolist(),
                                                spans["end"].tolist(), strict=True)]
    parent = parent.assign(text=pieces, start=base + spans["start"], end=base + spans["end"])
    parent.insert(2, "sent_id", parent.groupby("doc_id", sort=False).cumcount())
    return parent


def unit_ids_at(data: Corpus | pd.DataFrame | Sequence[str], where: pd.DataFrame | Sequence,
                offsets) -> pd.DataFrame:
    """``para_id`` and ``sent_id`` of the character at ``offsets[i]`` of the unit named by row
    ``i`` of ``where``, for any input, in one vectorised step
    (:func:`~arcorpus.corpus.spans.locate`); -1 where no sentence holds it.

    ``where`` holds the id columns of the rows the offsets refer to: ``doc_id`` alone (offsets into
    the article, as for a corpus), or the ids of a table's own rows (``doc_id, para_id`` for a
    paragraphs table). A sequence is taken as ``doc_id`` values.

    >>> unit_ids_at(["قال. ثم\\nسطر", "د"], [0, 0, 1], [5, 9, 0])
       para_id  sent_id
    0        0        1
    1        1        2
    2        0        0
    """
    from .loader import Corpus

    where = where if isinstance(where, pd.DataFrame) else pd.DataFrame({"doc_id": list(where)})
    keys = list(where.columns)
    offsets = np.asarray(offsets, dtype=np.int64)
    if isinstance(data, Corpus):
        if keys != ["doc_id"]:
            raise ValueError(f"offsets into a corpus are located by doc_id alone, not {keys}")
        query_group = pd.Index(data.articles["doc_id"]).get_indexer(where["doc_id"])
        spans = data.unit_spans("sentences", rows=np.unique(query_group[query_group >= 0]))
        span_group = spans["doc"].to_numpy()
    else:
        spans = unit_table(data, "sentences")
        both = pd.concat([spans[keys], where[keys]], ignore_index=True)
        codes = both.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
        span_group, query_group = codes[:len(spans)], codes[len(spans):]
        order = np.lexsort((spans["start"].to_numpy(), span_group))
        spans, span_group = spans.iloc[order].reset_index(drop=True), span_group[order]
    position = locate(span_group, spans["start"].to_numpy(), query_group, offsets)
    found = position >= 0
    ids = {}
    for key in ("para_id", "sent_id"):
        values = np.full(len(position), -1, dtype=np.int64)
        values[found] = spans[key].to_numpy()[position[found]]
        ids[key] = values
    return pd.DataFrame(ids)
