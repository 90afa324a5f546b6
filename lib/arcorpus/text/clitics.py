"""Proclitic segmentation: و ف (conjunctions), ب ك ل (prepositions), س (future) and the
article ال, split off a word without breaking words that merely begin with those letters.

Rules, applied to a form with tashkeel removed and hamza kept (أ إ are not ا here, so the
article ال is not confused with إلغاء or ألف):

1. Words of two letters or less, function words (from the stop-word list, e.g. بعض بين كما لكن)
   and words in the lexicon (``data/clitic_lexicon.txt``: وزير، فصائل، بيان، لبنان، سياسة ...,
   each also with one common suffix) stay whole.
2. A conjunction و or ف is split off when what follows is a function word (وقد، فإن) or has
   three letters or more, unless the whole word is in the lexicon.
3. After it: ``لل`` + stem is ل + ال + stem (للتنظيم), or ل + word when ل + stem is a lexicon
   word (للحاق = ل + لحاق); ب ك ل + ال + stem (بالتنسيق، كالعادة); ال + stem of two letters or
   more (الحر); ب or ل + stem of three letters or more, not starting with a bare ا
   (لتنظيم، بمجموعة; but لافتة، لاحقا stay); س + a verb in the imperfect (ستشهد، سيكون).
   ك is split only before ال: كبير، كمين، كانت stay whole.

Measured on 314 hand-checked word types of the seed article (tests/fixtures/clitic_eval.tsv).

Why hand-written: no permissively licensed Python library segments Arabic proclitics (see
../shared/notes/arabic-nlp-deps.md: none of the tokenizers tried splits them; the analysers
that do are GPL or need a 6 GB install and a data download).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files

import stopwordsiso

from .normalize import NormalizeOptions, normalize_with

SEGMENTATION_OPTIONS = NormalizeOptions(alef=False, digits=False)
SUFFIXES = ("ة", "ه", "ها", "هم", "هما", "ا", "ات", "ان", "ين", "ون", "ي", "ية")
_SUFFIX_SET = frozenset(SUFFIXES)
CLITIC_INITIALS = frozenset("وفبكلسا")  # ا for the article ال
_IMPERFECT = "يتنأ"


def _lexicon_file() -> set[str]:
    text = files("arcorpus").joinpath("data/clitic_lexicon.txt").read_text(encoding="utf-8")
    return {line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"}


@lru_cache(maxsize=1)
def _stopword_forms() -> frozenset[str]:
    return frozenset(normalize_with(w, SEGMENTATION_OPTIONS) for w in stopwordsiso.stopwords("ar"))


@lru_cache(maxsize=1)
def _blocking_function_words() -> frozenset[str]:
    """Closed-class words from the stop-word list that begin with a clitic letter but are not
    clitic + word (بعض، فيما، لدي), so they are never split. وقد (و + قد) and بما (ب + ما) are
    not among them."""
    stop = _stopword_forms()
    return frozenset(
        w for w in stop
        if len(w) >= 3 and w[0] in "وفبكلس"
        and not (w[0] in "وف" and w[1:] in stop)
        and not (w[0] in "بكل" and (w[1:3] == "ال" or w[1:] in stop))
    )


@lru_cache(maxsize=1)
def default_lexicon() -> frozenset[str]:
    """The shipped no-split lexicon (see ``data/clitic_lexicon.txt``)."""
    return frozenset(_lexicon_file())


class CliticSegmenter:
    """Split proclitics off word forms; results are cached per form.

    >>> seg = CliticSegmenter()
    >>> seg("والفصائل"), seg("للتنظيم"), seg("وزير"), seg("فصائل"), seg("سيكون")
    (('و', 'ال', 'فصائل'), ('ل', 'ال', 'تنظيم'), ('وزير',), ('فصائل',), ('س', 'يكون'))
    """

    def __init__(self, keep: Iterable[str] = (), *, lexicon: Iterable[str] | None = None):
        base = default_lexicon() if lexicon is None else frozenset(lexicon)
        self.lexicon = base | {normalize_with(w, SEGMENTATION_OPTIONS) for w in keep}
        self.stopwords = _stopword_forms()
        self.blocking = _blocking_function_words()
        self._cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, form: str) -> tuple[str, ...]:
        cached = self._cache.get(form)
        if cached is None:
            cached = self._cache[form] = self._segment(form)
        return cached

    def segment_uncached(self, form: str) -> tuple[str, ...]:
        """Like calling the segmenter, without its cache (for callers that cache results)."""
        return self._segment(form)

    def _whole(self, word: str) -> bool:
        if word in self.lexicon:
            return True
        for length in (1, 2, 3):  # the suffixes have 1 to 3 letters
            if len(word) - length < 2:
                break
            if word[-length:] in _SUFFIX_SET:
                base = word[:-length]
                # وزارته: the ة of وزارة is written ت before a suffix
                if base in self.lexicon or (base[-1] == "ت" and base[:-1] + "ة" in self.lexicon):
                    return True
        return False

    def _segment(self, word: str) -> tuple[str, ...]:
        if word[:1] not in CLITIC_INITIALS or len(word) <= 2:  # no proclitic can be there
            return (word,)
        if word in self.blocking or self._whole(word):
            return (word,)
        if word[0] in "وف":
            rest = word[1:]
            if rest in self.stopwords or len(rest) >= 3:
                return (word[0], *self._after_conjunction(rest))
        return self._split_prefix(word)  # the checks of _after_conjunction are done above

    def _after_conjunction(self, word: str) -> tuple[str, ...]:
        if len(word) <= 2 or word in self.blocking or self._whole(word):
            return (word,)
        return self._split_prefix(word)

    def _split_prefix(self, word: str) -> tuple[str, ...]:
        """ل ب ك + ال, ال, ب ل, س: for a word of three letters or more that is neither a
        function word nor whole."""
        if word.startswith("لل") and len(word) >= 4:
            if self._whole(word[1:]):
                return ("ل", word[1:])
            return ("ل", "ال", word[2:])
        if word[0] in "بكل" and word[1:3] == "ال" and len(word) >= 5:
            return (word[0], "ال", word[3:])
        if word.startswith("ال") and len(word) >= 4:
            return ("ال", word[2:])
        if word[0] in "بل" and len(word) >= 4 and word[1] != "ا":
            return (word[0], word[1:])
        if word[0] == "س" and len(word) >= 4 and word[1] in _IMPERFECT:
            return ("س", word[1:])
        return (word,)


def segment_clitics(word: str, *, keep: Iterable[str] = ()) -> tuple[str, ...]:
    """Split the proclitics off one word as written (see :class:`CliticSegmenter` for the rules;
    for many words, make one segmenter and call it, so that its cache is reused).

    >>> segment_clitics("وبالتنسيق")
    ('و', 'ب', 'ال', 'تنسيق')
    """
    return CliticSegmenter(keep=keep)(normalize_with(word, SEGMENTATION_OPTIONS))
