"""Light stemming through a maintained library: NLTK's ARLSTem (Apache-2.0), which strips
suffixes and prefixes without reducing words to roots (اشتباكات -> اشتباك, مقراتهم -> مقر,
but معارك -> معار and درعا -> درع: the trade-off notebook 02 shows). Applied to each distinct
word once and cached, never to protected words (actor names, for instance)."""

from __future__ import annotations

from collections.abc import Callable, Iterable


class LightStemmer:
    """Stem word forms with ARLSTem, caching the result; ``protect`` words are left as they are.

    >>> stem = LightStemmer(protect=["درعا"])
    >>> stem("اشتباكات"), stem("مقراتهم"), stem("درعا")
    ('اشتباك', 'مقر', 'درعا')
    """

    def __init__(self, protect: Iterable[str] = (), stemmer: Callable[[str], str] | None = None):
        self.protect = frozenset(protect)
        if stemmer is None:
            # imported here: importing nltk loads scipy.stats (~1.4 s), which every process
            # that only counts (a joblib worker, for one) would pay for nothing
            from nltk.stem.arlstem import ARLSTem

            stemmer = ARLSTem().stem
        self._stem = stemmer
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self._cache.get(word)
        if stem is None:
            stem = word if word in self.protect or not word.isalpha() else self._stem(word)
            self._cache[word] = stem
        return stem

    def __getstate__(self) -> dict:  # pickle (joblib) without the cache
        return {"protect": self.protect, "_stem": self._stem, "_cache": {}}
