"""Word-frequency evidence for clitic segmentation: how often a word form is used, on the Zipf
scale (log10 of occurrences per billion words; 0 for a form never seen).

The default evidence is the Arabic "large" list of `wordfreq <https://pypi.org/project/wordfreq/>`_
(620,701 forms with Zipf >= 1, from Wikipedia, OpenSubtitles, NewsCrawl/GlobalVoices, OSCAR web
text and Twitter). It is read at run time from the installed package's data file
(``wordfreq/data/large_ar.msgpack.gz``); nothing of it is copied into the kit. wordfreq's code is
Apache-2.0 and its data CC BY-SA 4.0: the kit only looks frequencies up, the way a program reads
a dictionary it depends on, so the kit stays MIT and the data keeps its own licence (see README).

The file is read directly (gzip + msgpack, the format wordfreq documents as "cBpack": a header,
then one list of words per centibel of frequency), not through ``import wordfreq``, which
spends ~0.6 s importing ftfy and langcodes that the kit does not need here.

A corpus can be its own evidence (:meth:`WordEvidence.from_texts`), alone or combined with the
default one (:meth:`WordEvidence.combine`).

>>> evidence = WordEvidence.from_counts({"فصائل": 30, "الفصائل": 50}, total=1_000_000)
>>> round(evidence.zipf("الفصائل"), 2), evidence.zipf("يسبوك")
(4.7, 0.0)
"""

from __future__ import annotations

import gzip
import importlib.util
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import msgpack
import platformdirs

from ..io import atomic_write
from .normalize import NormalizeOptions, normalize_with

#: how forms are spelled for lookups: the clitic segmenter's normalisation (tashkeel and tatweel
#: removed, hamza kept, ى written ي)
EVIDENCE_OPTIONS = NormalizeOptions(alef=False, digits=False)
_ARABIC_FORM = re.compile("[\u0621-\u063a\u0641-\u064a]+")


class WordEvidence:
    """Zipf frequencies of word forms (spelled as :data:`EVIDENCE_OPTIONS` gives them).

    Args:
        zipf: form -> Zipf value (log10 of occurrences per 10⁹ words).
        name: where the figures come from (shown in reports and ``repr``).
    """

    def __init__(self, zipf: Mapping[str, float], name: str = "custom") -> None:
        self._zipf = dict(zipf)
        self.name = name
        self.zipf = self._lookup  # bound once: the segmenter calls it for every new form

    def _lookup(self, form: str) -> float:
        return self._zipf.get(form, 0.0)

    def __len__(self) -> int:
        return len(self._zipf)

    def __contains__(self, form: str) -> bool:
        return form in self._zipf

    def __repr__(self) -> str:
        return f"WordEvidence({self.name!r}, {len(self):,} forms)"

    def __reduce__(self):  # pickle the figures, not the bound method
        return (WordEvidence, (self._zipf, self.name))

    @classmethod
    def from_counts(cls, counts: Mapping[str, int], *, total: int | None = None,
                    name: str = "counts") -> WordEvidence:
        """Evidence from raw counts of forms (already normalised with :data:`EVIDENCE_OPTIONS`).

        ``total`` is the number of running words the counts come from (default: their sum).
        """
        total = total or sum(counts.values())
        if total <= 0:
            raise ValueError("counts are empty: no evidence to build")
        scale = 1e9 / total
        return cls({form: math.log10(n * scale) for form, n in counts.items() if n > 0}, name)

    @classmethod
    def from_texts(cls, texts: Iterable[str], *, min_count: int = 2,
                   name: str = "corpus") -> WordEvidence:
        """Evidence from a corpus itself: every Arabic word form seen ``min_count`` times or more.

        >>> ev = WordEvidence.from_texts(["الفصائل في درعا", "والفصائل في درعا"], min_count=1)
        >>> ev.zipf("درعا") > ev.zipf("والفصائل") > 0
        True
        """
        from .tokenize import word_forms  # tokenize imports nothing from here; kept local

        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(word_forms(normalize_with(text, EVIDENCE_OPTIONS)))
        total = sum(counts.values())
        kept = {form: n for form, n in counts.items() if n >= min_count and form[0].isalpha()}
        return cls.from_counts(kept, total=total or 1, name=name)

    def combine(self, other: WordEvidence) -> WordEvidence:
        """Both sources: a form's Zipf value is the larger of the two."""
        merged = dict(self._zipf)
        for form, value in other._zipf.items():
            if value > merged.get(form, 0.0):
                merged[form] = value
        return WordEvidence(merged, f"{self.name}+{other.name}")


def _wordfreq_file(wordlist: str) -> Path:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the default segmentation evidence needs the 'wordfreq' "
                                  "package (pip install wordfreq)")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / f"{wordlist}_ar.msgpack.gz"


def cache_folder() -> Path:
    """Where the kit keeps files it derives from installed packages: ``$ARCORPUS_CACHE``, else
    the user's cache folder (``~/.cache/arcorpus`` on Linux, as platformdirs gives it)."""
    folder = os.environ.get("ARCORPUS_CACHE")
    return Path(folder).expanduser() if folder else Path(platformdirs.user_cache_dir("arcorpus"))


def _read_wordfreq(path: Path) -> dict[float, list[str]]:
    """Zipf value -> the Arabic-letter forms of wordfreq's list with that value (ى folded to ي:
    a form seen with both spellings keeps the larger figure)."""
    with gzip.open(path, "rb") as handle:
        buckets = msgpack.unpackb(handle.read(), raw=False)
    header = buckets[0]
    if not (isinstance(header, dict) and header.get("format") == "cB"):
        raise ValueError(f"{path}: not a wordfreq cBpack file")
    # bucket i holds the words of frequency 10^(-i/100); Zipf = log10(f * 1e9) = 9 - i/100.
    # Most frequent first, so that the first spelling met keeps its (larger) figure.
    seen: set[str] = set()
    by_value: dict[float, list[str]] = {}
    for index in range(1, len(buckets)):
        kept = []
        for form in buckets[index]:
            form = form.replace("ى", "ي")
            if form not in seen and _ARABIC_FORM.fullmatch(form):
                seen.add(form)
                kept.append(form)
        if kept:
            by_value[round(9 - index / 100, 2)] = kept
    return by_value


def _cache_name(path: Path) -> str:
    stat = path.stat()
    return f"wordfreq-{path.name.split('.')[0]}-{stat.st_size}-{int(stat.st_mtime)}.v1.txt"


@lru_cache(maxsize=2)
def wordfreq_evidence(wordlist: str = "large") -> WordEvidence:
    """The Arabic word list of the installed wordfreq package, read once per process.

    The first use converts wordfreq's file into a plain lookup file in :func:`cache_folder`
    (one line per Zipf value: the value, a tab, the forms), which later processes read in a
    fraction of the time; it is rebuilt when the installed file changes, and when the cache
    folder cannot be written the package's file is read every time. Only forms written in
    Arabic letters are kept (the segmenter looks up nothing else), with ى folded to ي.
    """
    path = _wordfreq_file(wordlist)
    cached = cache_folder() / _cache_name(path)
    name = f"wordfreq {wordlist} (ar)"
    try:
        text = cached.read_text(encoding="utf-8")
    except OSError:
        text = None
    if text is not None and text.endswith("\n# end\n"):
        zipf: dict[str, float] = {}
        for line in text.splitlines()[:-1]:
            value, forms = line.split("\t")
            zipf.update(dict.fromkeys(forms.split(" "), float(value)))
        return WordEvidence(zipf, name)
    by_value = _read_wordfreq(path)
    try:
        with atomic_write(cached, "w") as handle:
            handle.writelines(f"{value:.2f}\t{' '.join(forms)}\n"
                              for value, forms in by_value.items())
            handle.write("# end\n")
    except OSError:
        pass  # a read-only home: the next process reads wordfreq's file again
    zipf = {}
    for value, forms in by_value.items():
        zipf.update(dict.fromkeys(forms, value))
    return WordEvidence(zipf, name)


def default_evidence() -> WordEvidence:
    """The evidence :class:`~arcorpus.text.CliticSegmenter` uses unless told otherwise."""
    return wordfreq_evidence("large")
