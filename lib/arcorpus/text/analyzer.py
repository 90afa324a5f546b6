"""``ArabicAnalyzer``: the kit's text pipeline as a scikit-learn analyzer.

    CountVectorizer(analyzer=ArabicAnalyzer())     # or TfidfVectorizer(analyzer=...)

normalise -> tokenise -> split proclitics -> drop stop words -> (light stem) -> n-grams, the same
steps (and the same code) that every count in :mod:`arcorpus.terms` uses, so a matrix built by
scikit-learn and a table built by the kit always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from itertools import chain
from typing import Literal

from .clitics import CLITIC_INITIALS, CliticSegmenter
from .evidence import WordEvidence
from .normalize import ALEF_FORMS, NormalizeOptions, normalize_with
from .stem import LightStemmer
from .stopwords import stopwords as stopword_set
from .tokenize import word_forms

Clitics = Literal["keep", "split", "strip"]

#: Forms that are nothing but proclitics (و ف, then ب ك ل): the tokenizer yields them when a
#: clitic is joined to a quoted name with tatweel (لـ"النصرة", ولـ"الجيش"). Not words on their
#: own, so clitics="strip" drops them as it drops attached proclitics. (كل and بل are words.)
BARE_PROCLITICS = frozenset({"و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"})

#: Date markers left out of terms unless ``dates=True``: the Hijri and Gregorian era letters
#: (1436هـ، 2015م: the tokenizer splits them off the year) and the words that name the calendar.
DATE_MARKERS = frozenset({"ه", "هـ", "م", "هجري", "هجرية", "هجريا", "ميلادي", "ميلادية",
                          "ميلاديا", "للهجرة", "هجرة", "الموافق", "موافق"})
_LATIN_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         + "".join(map(chr, range(0xC0, 0x250))))


@lru_cache(maxsize=1)
def spelling_variants() -> dict[str, str]:
    """The shipped variant list (``data/spelling_variants.txt``): variant -> the form counted.

    >>> spelling_variants()["مائة"]
    'مئة'
    """
    text = files("arcorpus").joinpath("data/spelling_variants.txt").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {variant.strip(): form.strip() for variant, form in pairs}


@dataclass
class ArabicAnalyzer:
    """Turn a document into a list of terms; picklable, so joblib can run it in parallel.

    Args:
        normalize: normalisation switches (:class:`~arcorpus.text.NormalizeOptions`).
        clitics: ``"strip"`` counts والفصائل، للفصائل، الفصائل as فصائل (proclitics and the
            article removed); ``"split"`` emits them as terms of their own (و، ال، فصائل),
            ``"keep"`` leaves words whole.
        stopwords: ``"default"`` (stopwords-iso + clitic-attached forms), ``"news"`` (also
            news-reporting words such as قال، مصدر), ``None``, or your own iterable of words.
        stem: light-stem each term with ARLSTem (see :mod:`arcorpus.text.stem`).
        protect: words never stemmed (e.g. actor names).
        keep: extra words the clitic splitter must keep whole (added to its lexicon).
        evidence: the word frequencies that decide clitic splits (``"wordfreq"``, or a
            :class:`~arcorpus.text.WordEvidence`, e.g. built from the corpus itself).
        ngram_range: like scikit-learn's: ``(1, 2)`` adds bigrams ("جبهة نصرة").
        numbers, latin, letters, dates: term hygiene: number tokens (2015، ٣٠), Latin-script
            words, URLs and e-mails, single letters (what is left of و، ب، ه once proclitics
            and the article go) and date markers (هـ، م، هجري، ميلادي: :data:`DATE_MARKERS`)
            are left out of the terms unless switched on.
        variants: fold spelling variants into one term (مائة -> مئة, مسئول -> مسؤول,
            أميركي -> أمريكي: ``data/spelling_variants.txt``); ``False`` keeps them apart, or
            pass your own ``{variant: form}`` mapping (normalised like the terms).
        lowercase: lower-case Latin-script terms.
        min_length: drop terms shorter than this (in characters).

    Example:
        >>> analyzer = ArabicAnalyzer()
        >>> analyzer("وأوضحت الفصائلُ المعارضة في البيان أنّ للفصائل مقرات")
        ['اوضحت', 'فصائل', 'معارضة', 'بيان', 'فصائل', 'مقرات']
        >>> analyzer("مائة مقاتل في 2015م و ISIS"), ArabicAnalyzer(numbers=True)("في 2015م")
        (['مئة', 'مقاتل'], ['2015'])
    """

    normalize: NormalizeOptions = field(default_factory=NormalizeOptions)
    clitics: Clitics = "strip"
    stopwords: Literal["default", "news"] | Iterable[str] | None = "default"
    stem: bool = False
    protect: Iterable[str] = ()
    keep: Iterable[str] = ()
    evidence: WordEvidence | str = "wordfreq"
    ngram_range: tuple[int, int] = (1, 1)
    numbers: bool = False
    latin: bool = False
    letters: bool = False
    dates: bool = False
    variants: bool | Mapping[str, str] = True
    lowercase: bool = True
    min_length: int = 1

    def __post_init__(self) -> None:
        if self.clitics not in ("keep", "split", "strip"):
            raise ValueError(f"clitics must be 'keep', 'split' or 'strip', got {self.clitics!r}")
        low, high = self.ngram_range
        if not 1 <= low <= high:
            raise ValueError(f"ngram_range must be (min_n, max_n) with 1 <= min_n <= max_n, "
                             f"got {self.ngram_range!r}")
        self.protect = tuple(self.protect)
        self.keep = tuple(self.keep)
        if self.stopwords is not None and not isinstance(self.stopwords, str):
            self.stopwords = tuple(self.stopwords)
        self._reset()

    def _reset(self) -> None:
        # Segmentation needs hamza (إلغاء is not ال + غاء), so words are found in text
        # normalised without alef unification, which is applied to each segment afterwards.
        self._token_options = (replace(self.normalize, alef=False) if self.clitics != "keep"
                               else self.normalize)
        # what the token options left out (alef unification), applied to each segment
        self._finish = ALEF_FORMS if self._token_options != self.normalize else None
        self._segmenter = (CliticSegmenter(keep=self.keep, evidence=self.evidence)
                           if self.clitics != "keep" else None)
        if self.stopwords is None:
            self._stop: frozenset[str] = frozenset()
        elif isinstance(self.stopwords, str):
            if self.stopwords not in ("default", "news"):
                raise ValueError("stopwords must be 'default', 'news', None or a list of words")
            self._stop = stopword_set(news=self.stopwords == "news", options=self.normalize)
        else:
            self._stop = frozenset(normalize_with(w, self.normalize) for w in self.stopwords)
        if self.variants is True:
            variants = spelling_variants()
        else:
            variants = dict(self.variants) if self.variants else {}
        self._variants = {normalize_with(k, self.normalize): normalize_with(v, self.normalize)
                          for k, v in variants.items()}
        self._dates = frozenset() if self.dates else frozenset(
            normalize_with(w, self.normalize) for w in DATE_MARKERS)
        protect = {normalize_with(w, self.normalize) for w in self.protect}
        self._stemmer = LightStemmer(protect=protect) if self.stem else None
        # Two caches, so that a document costs one str.split() and one C-level map:
        # _cache: whitespace-separated chunk as written -> its terms (normalisation, tokens and
        # analysis happen once per distinct chunk: no token and no normalisation step crosses
        # whitespace, see _chunk_value); _forms: normalised word form -> its terms, shared by
        # the chunks (و"الجيش and الجيش، analyse الجيش once). Plain dicts: a dict subclass with
        # __missing__ halves the lookup speed. With clitics "strip" or "keep" a chunk's value is
        # its term, "" for none, or a tuple when it holds several words (2015م, و"الجيش"؛); the
        # tuples' chunks are in _multi. With "split" every value is a tuple.
        self._single = self.clitics != "split"
        self._cache: dict[str, str | tuple[str, ...]] = {}
        self._forms: dict[str, str | tuple[str, ...]] = {}
        self._multi: set[str] = set()

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._reset()

    @property
    def stopword_set(self) -> frozenset[str]:
        """The normalised stop words this analyzer drops."""
        return self._stop

    # the pipeline -------------------------------------------------------------------------

    def terms_of(self, form: str) -> tuple[str, ...]:
        """The terms one word form contributes (cached: each distinct form is analysed once).

        >>> ArabicAnalyzer().terms_of("والفصائل")
        ('فصائل',)
        """
        value = self._form_value(form)
        return (value,) if isinstance(value, str) and value else value or ()

    def _form_value(self, form: str) -> str | tuple[str, ...]:
        value = self._forms.get(form)
        if value is None:
            value = self._forms[form] = self._cached_value(form)
        return value

    def _cached_value(self, form: str) -> str | tuple[str, ...]:
        """A form's cache value: its term ("" for none) with clitics "strip" or "keep", which
        give at most one; the tuple of :meth:`_analyse_form` with "split"."""
        if not self._single:
            return self._analyse_form(form)
        if self._excluded_kind(form):
            return ""
        if self.clitics == "strip":
            if form in BARE_PROCLITICS:
                return ""  # لـ of لـ"النصرة": a proclitic written apart with tatweel
            if form[0] in CLITIC_INITIALS and len(form) > 2:  # else there is no proclitic
                form = self._segmenter.segment_uncached(form)[-1]
        return self._finish_term(form)

    def _analyse_form(self, form: str) -> tuple[str, ...]:
        """The terms of one word form, for any clitics setting."""
        if self._excluded_kind(form):
            return ()
        parts = self._segmenter(form) if self._segmenter is not None else (form,)
        if form in BARE_PROCLITICS and self.clitics != "keep":
            # لـ of لـ"النصرة": a proclitic written apart, a clitic term with "split" only
            return () if self.clitics == "strip" else tuple(
                filter(None, map(self._clitic_term, parts)))
        if self.clitics == "strip":
            parts = parts[-1:]
        # the proclitics that "split" emits are single letters by nature: only the word itself
        # is subject to letters=False
        *clitics, word = parts
        return tuple(filter(None, (*map(self._clitic_term, clitics), self._finish_term(word))))

    def _excluded_kind(self, form: str) -> bool:
        """Term hygiene by token kind: numbers, Latin script (and URLs, e-mails)."""
        first = form[0]
        if first.isdigit():
            return not self.numbers
        if first in "#@" and len(form) > 1:
            first = form[1]
        return not self.latin and first in _LATIN_START

    def _clitic_term(self, part: str) -> str:
        if self._finish is not None:
            for alef in self._finish:
                part = part.replace(alef, "ا")
        return "" if part in self._stop or len(part) < self.min_length else part

    def _finish_term(self, part: str) -> str:
        """Alef unification, lower case, spelling variants, stop words, single letters, date
        markers and length, stemming ("" when dropped)."""
        if self._finish is not None:
            for alef in self._finish:  # str.replace: ~10x faster than translate on Arabic
                part = part.replace(alef, "ا")
        if self.lowercase:
            part = part.lower()
        part = self._variants.get(part, part)
        if (part in self._stop or len(part) < self.min_length or part in self._dates
                or (len(part) == 1 and not self.letters)):
            return ""
        return self._stemmer(part) if self._stemmer is not None else part

    def unigrams(self, doc: str) -> list[str]:
        """Terms of ``doc`` in text order (no n-grams)."""
        chunks = doc.split()
        cache = self._cache
        try:
            found = self._lookup(cache, chunks)
        except KeyError:  # chunks not seen yet: analyse each once, then look up again
            for chunk in set(chunks).difference(cache):
                cache[chunk] = self._chunk_value(chunk)
            found = self._lookup(cache, chunks)
        if self._single and self._multi and not self._multi.isdisjoint(chunks):
            return [t for v in found for t in ((v,) if isinstance(v, str) else v)]
        return found

    def _lookup(self, cache: dict, chunks: list[str]) -> list:
        if self._single:
            return list(filter(None, map(cache.__getitem__, chunks)))
        return list(chain.from_iterable(map(cache.__getitem__, chunks)))

    def _chunk_value(self, chunk: str) -> str | tuple[str, ...]:
        # Equal to running the pipeline on the whole text: normalisation deletes or replaces
        # single non-space characters and never makes or removes whitespace, and no token
        # pattern matches whitespace (tests/test_text.py checks the identity on any text).
        forms = word_forms(normalize_with(chunk, self._token_options))
        if self._single and len(forms) == 1:  # most chunks: one word
            return self._form_value(forms[0])
        terms = tuple(t for form in forms for t in self.terms_of(form))
        if not self._single:
            return terms
        if len(terms) > 1:
            self._multi.add(chunk)
            return terms
        return terms[0] if terms else ""

    def reference_unigrams(self, doc: str) -> list[str]:
        """The pipeline step by step on the whole text (what :meth:`unigrams` computes per
        chunk, with caches): normalise, find the word forms, analyse each."""
        forms = word_forms(normalize_with(doc, self._token_options))
        return [t for form in forms for t in self.terms_of(form)]

    def __call__(self, doc: str) -> list[str]:
        terms = self.unigrams(doc)
        low, high = self.ngram_range
        if high == 1:
            return terms
        grams = list(terms) if low == 1 else []
        for n in range(max(low, 2), high + 1):
            grams.extend(" ".join(terms[i:i + n]) for i in range(len(terms) - n + 1))
        return grams
