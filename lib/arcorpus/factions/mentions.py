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
from array import array
from collections.abc import Iterable

import ahocorasick
import numpy as np
import pandas as pd

from ..corpus import Corpus
from ..corpus.units import table_unit, unit_ids_at, unit_keys, unit_table
from ..progress import progress_bar
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
    progress: bool | None = None,
) -> pd.DataFrame:
    """Actor mentions: ``doc_id, para_id, sent_id, start, end, surface, actor_id, alias``.

    ``data`` is a Corpus, a DataFrame with ``text`` (articles, or a paragraphs or sentences
    table, whose ids are kept), or texts. Offsets are into the article text for a corpus and for
    tables taken from one (they carry ``start``); otherwise into the row's own text; always
    ``text[start - row_start:end - row_start] == surface``. Paragraph and sentence ids come from
    the same unit model as ``corpus.paragraphs`` and ``corpus.sentences``, located in one
    vectorised step. Time and memory are linear in the text and the mentions.

    Example:
        >>> find_mentions(['قال مصدر في "جبهة النصرة" إن قوات النظام قصفت'])[
        ...     ["surface", "actor_id"]].values.tolist()
        [['جبهة النصرة', 'nusra'], ['قوات النظام', 'regime']]
    """
    finder = gazetteer if isinstance(gazetteer, MentionFinder) else MentionFinder(gazetteer)
    if isinstance(data, Corpus):
        rows = data.articles[["doc_id", "text"]]
        keys = ["doc_id"]
    else:
        rows = unit_table(data if isinstance(data, pd.DataFrame) else list(data),
                          table_unit(data) if isinstance(data, pd.DataFrame) else "articles")
        keys = unit_keys(rows)
    texts = rows["text"].tolist()
    found_row, found_start, found_end, found_alias = array("q"), array("q"), array("q"), \
        array("q")
    for row, text in enumerate(progress_bar(texts, desc="mentions", unit="text",
                                            enabled=progress)):
        for start, end, index in finder.find(text):
            found_row.append(row)
            found_start.append(start)
            found_end.append(end)
            found_alias.append(index)
    row = np.frombuffer(found_row, dtype=np.int64) if found_row else np.zeros(0, np.int64)
    local = np.frombuffer(found_start, dtype=np.int64) if found_row else row
    local_end = np.frombuffer(found_end, dtype=np.int64) if found_row else row
    alias = np.frombuffer(found_alias, dtype=np.int64) if found_row else row
    base = rows["start"].to_numpy(dtype=np.int64)[row] if "start" in rows.columns else 0
    where = rows[keys].take(row).reset_index(drop=True)
    table = where[["doc_id"]].copy()
    located = unit_ids_at(data if isinstance(data, Corpus) else rows, where, local + base)
    for key in ("para_id", "sent_id"):
        table[key] = where[key].to_numpy() if key in where.columns else located[key].to_numpy()
    table["start"] = local + base
    table["end"] = local_end + base
    table["surface"] = [texts[r][s:e] for r, s, e in zip(row.tolist(), local.tolist(),
                                                         local_end.tolist(), strict=True)]
    table["actor_id"] = np.asarray(finder._actor, dtype=object)[alias]
    table["alias"] = np.asarray(finder._alias, dtype=object)[alias]
    return table
