"""Find actor mentions: a tidy table of who is named where, with offsets into the text.

Matching runs on normalised text (alef forms, tashkeel and tatweel do not matter) with an
Aho-Corasick automaton over every alias (pyahocorasick), so the time is linear in the text
whatever the size of the gazetteer. A match must stand as a word: preceded by a non-letter or by
proclitics (و ف ب ك ل, as in و"الجيش الحر"، لـ"النصرة"، للنصرة) and followed by a non-letter,
so a name is never found inside a longer word. Overlapping matches keep the leftmost-longest
(جبهة النصرة rather than النصرة). Ambiguous short aliases count only where their rule holds
(see :mod:`arcorpus.factions.gazetteer`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick
import numpy as np
import pandas as pd

from ..corpus import Corpus
from ..text.normalize import normalize_with, offset_map
from .gazetteer import MATCH_OPTIONS, Gazetteer, load_gazetteer

_LETTER = re.compile(r"[^\W\d_]")
_PROCLITICS = re.compile(r"(?:^|[^\w])[وف]?[بكل]?$")
_QUOTES_OPEN = "\"'«“‘(["
_QUOTES_CLOSE = "\"'»”’)]"
_TANZIM = re.compile(r"(?:^|[^\w])[وفبكل]{0,2}تنظيم[\s\"'«“‘(]*$")


class MentionFinder:
    """A compiled gazetteer: call :meth:`find` on texts. Built once, reused for a corpus."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        aliases = self.gazetteer.aliases
        self._actor = aliases["actor_id"].tolist()
        self._alias = aliases["alias"].tolist()
        self._rules = [frozenset(r.split("|")) - {""} for r in aliases["rule"]]
        automaton = ahocorasick.Automaton()
        for index, key in enumerate(aliases["key"]):
            automaton.add_word(key, (index, 0, len(key)))
            if key.startswith("ال") and len(key) > 2:
                # ل + ال elides the alef: للنصرة = ل + النصرة; the mention starts after the ل
                automaton.add_word("ل" + key[1:], (index, 1, len(key)))
        automaton.make_automaton()
        self._automaton = automaton

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """``(start, end, alias_index)`` of the mentions in ``text`` (offsets into ``text``)."""
        normal = normalize_with(text, MATCH_OPTIONS)
        candidates = []
        for last, (index, skip, length) in self._automaton.iter(normal):
            start, end = last - length + 1, last + 1
            if end < len(normal) and _LETTER.match(normal[end]):
                continue  # inside a longer word
            if start > 0 and _LETTER.match(normal[start - 1]) and not _PROCLITICS.search(
                    normal[max(0, start - 3):start]):
                continue
            candidates.append((start + skip, end, index))
        anchors = {self._actor[i] for s, e, i in candidates if not self._rules[i]}
        kept = [c for c in candidates if self._allowed(c, normal, anchors)]
        chosen = _leftmost_longest(kept)
        offsets = offset_map(text, normal, MATCH_OPTIONS)
        if offsets is None:  # nothing deleted or expanded: offsets are the same
            return chosen
        return [(*offsets.span(s, e), i) for s, e, i in chosen]

    def _allowed(self, candidate, normal: str, anchors: set[str]) -> bool:
        start, end, index = candidate
        rules = self._rules[index]
        if not rules:
            return True
        if "quoted" in rules and start > 0 and end < len(normal) and \
                normal[start - 1] in _QUOTES_OPEN and normal[end] in _QUOTES_CLOSE:
            return True
        if "after_tanzim" in rules and _TANZIM.search(normal[max(0, start - 20):start]):
            return True
        return "discourse" in rules and self._actor[index] in anchors


def _leftmost_longest(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    chosen: list[tuple[int, int, int]] = []
    for start, end, index in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        if chosen and start < chosen[-1][1]:
            continue
        chosen.append((start, end, index))
    return chosen


def find_mentions(
    data: Corpus | pd.DataFrame | Iterable[str],
    *,
    gazetteer: Gazetteer | MentionFinder | None = None,
) -> pd.DataFrame:
    """Actor mentions in a corpus: ``doc_id, para_id, sent_id, start, end, surface, actor_id,
    alias``, offsets into the article text (``text[start:end] == surface``).

    ``data`` is a Corpus (paragraph and sentence ids filled in), a DataFrame with ``doc_id``
    and ``text``, or texts.

    Example:
        >>> find_mentions(['قال مصدر في "جبهة النصرة" إن قوات النظام قصفت'])[
        ...     ["surface", "actor_id"]].values.tolist()
        [['جبهة النصرة', 'nusra'], ['قوات النظام', 'regime']]
    """
    finder = gazetteer if isinstance(gazetteer, MentionFinder) else MentionFinder(gazetteer)
    if isinstance(data, Corpus):
        articles = data.articles
        ids, texts = articles["doc_id"].tolist(), articles["text"].tolist()
    elif isinstance(data, pd.DataFrame):
        ids = data["doc_id"].tolist() if "doc_id" in data.columns else list(range(len(data)))
        texts = data["text"].tolist()
    else:
        texts = list(data)
        ids = list(range(len(texts)))
    rows = []
    for doc_id, text in zip(ids, texts, strict=True):
        for start, end, index in finder.find(text):
            rows.append((doc_id, start, end, text[start:end], finder._actor[index],
                         finder._alias[index]))
    table = pd.DataFrame(rows, columns=["doc_id", "start", "end", "surface", "actor_id", "alias"])
    table.insert(1, "para_id", -1)
    table.insert(2, "sent_id", -1)
    if isinstance(data, Corpus) and len(table):
        _add_unit_ids(table, data)
    elif len(table):
        for i, (doc_id, start) in enumerate(zip(table["doc_id"], table["start"], strict=True)):
            text = texts[ids.index(doc_id)]
            table.iat[i, 1] = text.count("\n", 0, start)
        table["sent_id"] = table["sent_id"].astype("int64")
    return table


def _add_unit_ids(table: pd.DataFrame, corpus: Corpus) -> None:
    """Fill ``para_id`` and ``sent_id`` from the corpus's unit spans."""
    for column, units in (("para_id", corpus.paragraphs), ("sent_id", corpus.sentences)):
        key = "para_id" if column == "para_id" else "sent_id"
        ids = np.full(len(table), -1)
        for doc_id, rows in table.groupby("doc_id").groups.items():
            spans = units[units["doc_id"] == doc_id]
            starts = spans["start"].to_numpy()
            position = np.searchsorted(starts, table.loc[rows, "start"].to_numpy(),
                                       side="right") - 1
            ids[np.asarray(rows)] = spans[key].to_numpy()[position]
        table[column] = ids
