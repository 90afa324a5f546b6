"""The text as one array of term codes, unit after unit: what window collocates, clusters and
dispersion walk. Terms are the analyzer's, with stop words *kept* (neighbours are real
neighbours) and no n-grams; a phrase is found as a run of codes inside one unit."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import chain

import numpy as np
import pandas as pd

from ..corpus.units import TextData, Unit, resolve_unit, unit_table
from ..progress import progress_bar
from ..text import ArabicAnalyzer


def running_analyzer(analyzer: ArabicAnalyzer | None) -> ArabicAnalyzer:
    """``analyzer`` (default :class:`~arcorpus.text.ArabicAnalyzer`) with stop words kept and
    single terms: the running text as the other settings (clitics, stemming) analyse it."""
    base = analyzer or ArabicAnalyzer()
    if base.stopwords is None and base.ngram_range == (1, 1):
        return base  # keep its caches
    return replace(base, stopwords=None, ngram_range=(1, 1))


@dataclass(frozen=True)
class TermStream:
    """Every running term of a text collection as integer codes.

    Attributes:
        units: the unit table without its text (ids and metadata), one row per unit.
        codes: the term codes, the units one after another.
        bounds: ``len(units) + 1`` offsets: unit ``u`` holds ``codes[bounds[u]:bounds[u + 1]]``.
        vocabulary: code -> term, sorted.
        analyzer: the running analyzer that made the terms (stop words kept).
    """

    units: pd.DataFrame
    codes: np.ndarray
    bounds: np.ndarray
    vocabulary: np.ndarray
    analyzer: ArabicAnalyzer

    @property
    def sizes(self) -> np.ndarray:
        """Running terms per unit."""
        return np.diff(self.bounds)

    def unit_of(self, positions: np.ndarray) -> np.ndarray:
        """The unit (row of ``units``) of each position in ``codes``."""
        return np.searchsorted(self.bounds, positions, side="right") - 1

    def frequencies(self) -> np.ndarray:
        """How often each code occurs (indexed by code)."""
        return np.bincount(self.codes, minlength=len(self.vocabulary))

    def query(self, phrase: str) -> np.ndarray | None:
        """The codes of ``phrase``'s terms (a word or several), or ``None`` when a term never
        occurs; ``ValueError`` when the phrase has no term at all."""
        terms = self.analyzer.unigrams(phrase)
        if not terms:
            raise ValueError(f"{phrase!r} has no word to look for")
        where = np.searchsorted(self.vocabulary, terms)
        if (where >= len(self.vocabulary)).any() or \
                (self.vocabulary[np.minimum(where, len(self.vocabulary) - 1)] != terms).any():
            return None
        return where.astype(np.int64)

    def find(self, phrase: str) -> np.ndarray:
        """Start positions of ``phrase`` in ``codes``, never across a unit boundary.

        >>> stream = term_stream(["قال قائد في جبهة النصرة", "جبهة", "النصرة"])
        >>> stream.find("جبهة النصرة").tolist(), stream.find("النصرة").tolist()
        ([3], [4, 6])
        """
        wanted = self.query(phrase)
        if wanted is None or len(self.codes) < len(wanted):
            return np.zeros(0, np.int64)
        found = np.flatnonzero(self.codes[: len(self.codes) - len(wanted) + 1] == wanted[0])
        for shift in range(1, len(wanted)):
            found = found[self.codes[found + shift] == wanted[shift]]
        if len(wanted) > 1:  # the whole phrase inside one unit
            found = found[self.unit_of(found) == self.unit_of(found + len(wanted) - 1)]
        return found

    def occurrences(self, phrase: str) -> tuple[np.ndarray, int, np.ndarray, np.ndarray]:
        """Where ``phrase`` occurs, for the measures that look around it (collocates, clusters):
        its start positions (:meth:`find`), its length in terms, and the first and one-past-last
        positions of the unit each occurrence is in.

        >>> stream = term_stream(["قال قائد في جبهة النصرة", "جبهة"])
        >>> starts, size, first, last = stream.occurrences("جبهة النصرة")
        >>> starts.tolist(), size, first.tolist(), last.tolist()
        ([3], 2, [0], [5])
        """
        starts = self.find(phrase)
        rows = self.unit_of(starts)
        return starts, len(self.analyzer.unigrams(phrase)), self.bounds[rows], self.bounds[rows + 1]


def term_stream(
    data: TextData,
    *,
    unit: Unit | None = None,
    analyzer: ArabicAnalyzer | None = None,
    progress: bool | None = None,
) -> TermStream:
    """Analyse every unit once into a :class:`TermStream` (stop words kept, see
    :func:`running_analyzer`). Time and memory are linear in the text.

    :func:`~arcorpus.terms.collocates`, :func:`~arcorpus.terms.clusters`,
    :func:`~arcorpus.terms.term_positions` and :func:`~arcorpus.terms.dispersion` take a stream
    in place of the text: on a large corpus, analyse it once and ask many questions.

    >>> stream = term_stream(["الفصائل في درعا", "درعا"])
    >>> stream.vocabulary.tolist(), stream.codes.tolist(), stream.bounds.tolist()
    (['درعا', 'فصائل', 'في'], [1, 2, 0, 0], [0, 3, 4])
    """
    running = running_analyzer(analyzer)
    units = unit_table(data, unit)
    terms = [running.unigrams(text) for text in progress_bar(
        units["text"].tolist(), desc="terms", unit="unit", total=len(units), enabled=progress)]
    sizes = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
    flat = np.fromiter(chain.from_iterable(terms), dtype=object, count=int(sizes.sum()))
    codes, vocabulary = pd.factorize(flat, sort=True)
    return TermStream(units=units.drop(columns="text"), codes=codes.astype(np.int64),
                      bounds=np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
                      vocabulary=np.asarray(vocabulary, dtype=object), analyzer=running)


def as_stream(data: TextData | TermStream, *, unit: Unit | None, default: Unit,
              analyzer: ArabicAnalyzer | None, progress: bool | None) -> TermStream:
    """``data`` itself when it is a stream (then ``unit`` must be left out: the stream's units
    are fixed), else its stream of ``unit`` (``default`` or the input's own finer unit)."""
    if isinstance(data, TermStream):
        if unit is not None:
            raise ValueError("a TermStream's units are fixed when it is made: leave out unit")
        return data
    return term_stream(data, unit=resolve_unit(data, unit, default), analyzer=analyzer,
                       progress=progress)
