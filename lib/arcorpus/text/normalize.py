"""Arabic orthographic normalisation: documented steps, each switchable, never touching Latin.

Every step deletes a character, replaces one character by one other, or (presentation forms
only) expands one character into a few letters (the lam-alef ligature ﻻ is two letters, لا), and
none makes or removes white space; so offsets in the normalised text map back to the original
(:class:`OffsetMap`), which is what lets :func:`arcorpus.text.tokenize` report tokens as written.

Steps (defaults in brackets):

========================  ===================================================================
``tashkeel`` [on]         delete harakat (fatha, damma, kasra, sukun), tanween, shadda, dagger
                          alef (U+0670), Quranic annotation marks; a hamza or madda written as a
                          combining mark is first composed with its seat (ا + ٔ -> أ)
``tatweel`` [on]          delete tatweel / kashida (ـ, U+0640)
``alef`` [on]             أ إ آ ٱ -> ا
``alef_maqsura`` [on]     ى -> ي
``taa_marbuta`` [off]     ة -> ه
``hamza_seats`` [off]     ؤ -> و, ئ -> ي
``digits`` [on]           Arabic-Indic (٠-٩) and Persian (۰-۹) digits -> 0-9
``presentation`` [on]     Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF: the glyph
                          codes of text extracted from old PDFs) -> the letters they show, by
                          their Unicode compatibility decomposition (NFKC) where it is safe: a
                          ligature becomes its two or three letters (ﻻ -> لا, ﷲ -> الله), an
                          isolated mark form its mark (then deleted with tashkeel); the forms
                          that decompose into several words (ﷺ, ﷻ) or not at all (﷽) are kept
``persian`` [on]          Persian and Urdu letter variants -> Arabic letters: ک ڪ -> ك, ی -> ي
                          (ى at the end of a word), ې ے -> ي, ۓ -> ئ, ە ہ ھ ۀ -> ه, ۃ -> ة
                          (گ پ چ ژ ڤ are letters of their own in Arabic loanwords and are kept)
========================  ===================================================================

Why hand-written: pyarabic and tashaphyne do this but are GPL (the kit is MIT); camel-tools'
normaliser is MIT but pulls a 6 GB install. The steps are a few character tables.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

#: Combining marks deleted by ``tashkeel=True``.
TASHKEEL = (
    "\u0610-\u061a"  # Quranic honorifics and small high letters
    "\u064b-\u065f"  # tanween, harakat, shadda, sukun, madda/hamza above/below, other marks
    "\u0670"  # dagger (superscript) alef
    "\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"  # Quranic annotation marks
)
TATWEEL = "\u0640"
ALEF_FORMS = "أإآٱ"
DIGITS = {**{chr(0x0660 + i): str(i) for i in range(10)},
          **{chr(0x06F0 + i): str(i) for i in range(10)}}
#: Persian and Urdu letters folded one to one by ``persian=True`` (ی is positional: see _YEH_FINAL)
PERSIAN_LETTERS = {"ک": "ك", "ڪ": "ك", "ې": "ي", "ے": "ي", "ۓ": "ئ", "ە": "ه", "ہ": "ه",
                   "ھ": "ه", "ۀ": "ه", "ۃ": "ة"}
FARSI_YEH = "\u06cc"
PRESENTATION_RANGES = "\ufb50-\ufdff\ufe70-\ufeff"
#: Arabic letters, and what may follow a letter inside a word (marks, tatweel): the word
#: characters of :mod:`arcorpus.text.tokenize`
AR_LETTERS = ("\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef"
              "\u06fa-\u06fc\u06ff")
AR_INNER = (AR_LETTERS + "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8"
            "\u06ea-\u06ed\u0640")
# ی is ى at the end of a word (علی), ي elsewhere (ایران): where no letter or mark follows
_YEH_FINAL = re.compile(f"{FARSI_YEH}(?![{AR_INNER}])")
# A hamza or madda typed as a combining mark after its seat: composed before marks go.
_COMPOSE = {"ا\u0653": "آ", "ا\u0654": "أ", "ا\u0655": "إ", "و\u0654": "ؤ", "ي\u0654": "ئ",
            "ى\u0654": "ئ"}


@dataclass(frozen=True)
class NormalizeOptions:
    """The switches of :func:`normalize`, as one hashable value."""

    tashkeel: bool = True
    tatweel: bool = True
    alef: bool = True
    alef_maqsura: bool = True
    taa_marbuta: bool = False
    hamza_seats: bool = False
    digits: bool = True
    presentation: bool = True
    persian: bool = True


@dataclass(frozen=True)
class _Plan:
    deleted: re.Pattern | None  # characters deleted
    replacements: tuple[tuple[str, str], ...]  # letters replaced one by one
    compose: tuple[tuple[str, str], ...]  # seat + combining hamza/madda
    digits: bool
    work: re.Pattern | None  # any character that needs more than the letter replacements
    fold: dict[int, str] | None  # presentation forms and Persian letters (str.translate table)
    folded: re.Pattern | None  # the characters of ``fold`` (and ی)
    expanding: re.Pattern | None  # the characters ``fold`` makes into several
    farsi_yeh: bool
    folded_chars: frozenset[str]  # the characters ``folded`` matches
    replaced: dict[str, str]  # deleted character -> '', Arabic-Indic digit -> ASCII digit


@cache
def presentation_forms() -> dict[str, str]:
    """Presentation form -> the letters it stands for (see the module's table of steps).

    >>> presentation_forms()["\ufefb"], presentation_forms()["\ufdf2"]
    ('لا', 'الله')
    """
    table = {}
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)):
        char = chr(code)
        decomposed = unicodedata.normalize("NFKC", char)
        if decomposed == char:
            continue  # unassigned, or no decomposition (﷽, ornate parentheses, U+FEFF)
        if " " in decomposed:
            if not all(unicodedata.category(c) == "Mn" for c in decomposed.replace(" ", "")):
                continue  # several words (ﷺ): a space inside a word would move word limits
            decomposed = decomposed.replace(" ", "")  # an isolated mark: the mark itself
        table[char] = decomposed
    return table


@cache
def _plan(options: NormalizeOptions) -> _Plan:
    deleted = (TASHKEEL if options.tashkeel else "") + (TATWEEL if options.tatweel else "")
    mapping: dict[str, str] = {}
    if options.alef:
        mapping.update(dict.fromkeys(ALEF_FORMS, "ا"))
    if options.alef_maqsura:
        mapping["ى"] = "ي"
    if options.taa_marbuta:
        mapping["ة"] = "ه"
    if options.hamza_seats:
        mapping.update({"ؤ": "و", "ئ": "ي"})
    digits = "\u0660-\u0669\u06f0-\u06f9" if options.digits else ""
    letters = dict(PERSIAN_LETTERS) if options.persian else {}
    fold = {char: "".join(letters.get(c, c) for c in letters_of)
            for char, letters_of in presentation_forms().items()} if options.presentation else {}
    fold.update(letters)
    folded = "".join(map(re.escape, sorted(fold))) + (FARSI_YEH if options.persian else "")
    expanding = "".join(re.escape(c) for c, value in sorted(fold.items()) if len(value) > 1)
    work = deleted + digits + folded
    return _Plan(
        deleted=re.compile(f"[{deleted}]") if deleted else None,
        replacements=tuple(mapping.items()),
        compose=tuple(_COMPOSE.items()) if options.tashkeel else (),
        digits=options.digits,
        work=re.compile(f"[{work}]") if work else None,
        fold=str.maketrans(fold) if fold else None,
        folded=re.compile(f"[{folded}]") if folded else None,
        expanding=re.compile(f"[{expanding}]") if expanding else None,
        farsi_yeh=options.persian,
        folded_chars=frozenset(fold) | ({FARSI_YEH} if options.persian else set()),
        replaced={**dict.fromkeys(_matching(f"[{deleted}]") if deleted else (), ""),
                  **(DIGITS if options.digits else {})},
    )


def _matching(pattern: str) -> list[str]:
    """The characters of the Arabic block (where TASHKEEL and TATWEEL lie) that the class
    matches."""
    compiled = re.compile(pattern)
    return [chr(code) for code in range(0x0600, 0x0700) if compiled.fullmatch(chr(code))]


_ANY_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_COMBINING_HAMZA = re.compile("[\u0653-\u0655]")
_HAMZA_MARKS = frozenset("\u0653\u0654\u0655")


def normalize(
    text: str,
    *,
    tashkeel: bool = True,
    tatweel: bool = True,
    alef: bool = True,
    alef_maqsura: bool = True,
    taa_marbuta: bool = False,
    hamza_seats: bool = False,
    digits: bool = True,
    presentation: bool = True,
    persian: bool = True,
) -> str:
    """Normalise Arabic spelling for matching and counting (the data itself is never changed).

    Idempotent, and characters outside the Arabic block are left as they are.

    >>> normalize("تحوّلاتٌ لـ«الفصائل» في إدلب ٢٠١٥")
    'تحولات ل«الفصائل» في ادلب 2015'
    >>> normalize("مدرسة", taa_marbuta=True)
    'مدرسه'
    >>> normalize("ﺍﻟﺠﻴﺶ ﻻ ﻳﻨﺴﺤﺐ"), normalize("کتاب علی")
    ('الجيش لا ينسحب', 'كتاب علي')
    """
    return normalize_with(text, NormalizeOptions(tashkeel, tatweel, alef, alef_maqsura,
                                                 taa_marbuta, hamza_seats, digits, presentation,
                                                 persian))


def normalize_with(text: str, options: NormalizeOptions) -> str:
    """:func:`normalize` with the switches as one :class:`NormalizeOptions` value."""
    plan = _plan(options)
    # One scan finds which of the rarer characters occur (most news text has one or two kinds
    # of diacritic, or none); each is then deleted or replaced with str.replace (memchr speed),
    # where a regex substitution per step cost as much again.
    present = set(plan.work.findall(text)) if plan.work is not None else ()
    return _normalized(text, plan, present)


def normalize_mapped(text: str, options: NormalizeOptions) -> tuple[str, OffsetMap | None]:
    """``normalize_with(text, options)`` and ``offset_map(text, normal, options)`` from one
    scan for the rarer characters, instead of one each (the positions of the deleted ones
    come from the scan that finds which occur): what a matcher that maps its matches back
    calls for every text.

    >>> normal, mapping = normalize_mapped("قالَ لـ", NormalizeOptions())
    >>> normal, mapping.span(4, 5)
    ('قال ل', (5, 7))
    >>> normalize_mapped("قال", NormalizeOptions())
    ('قال', None)
    """
    plan = _plan(options)
    if plan.work is None:
        return _normalized(text, plan, ()), None
    found = [(match.start(), match.group()) for match in plan.work.finditer(text)]
    present = {char for _, char in found}
    normal = _normalized(text, plan, present)
    if not plan.folded_chars.isdisjoint(present):  # folded (perhaps expanded) characters
        return normal, offset_map(text, normal, options)
    deleted = [position for position, char in found if not plan.replaced.get(char, "x")]
    return normal, OffsetMap.from_deletions(deleted) if deleted else None


def _normalized(text: str, plan: _Plan, present) -> str:
    """The steps of :func:`normalize_with`, given the set of its rarer characters that
    ``text`` holds."""
    if present and plan.folded_chars.isdisjoint(present):
        if plan.compose and not _HAMZA_MARKS.isdisjoint(present):
            for pair, composed in plan.compose:
                text = text.replace(pair, composed + pair[1])  # the seat takes the hamza
        for char in present:
            text = text.replace(char, plan.replaced[char])
    elif present:  # presentation forms or Persian letters, which may expand into marks
        text = _fold(text, plan)
        if plan.compose and _COMBINING_HAMZA.search(text):
            for pair, composed in plan.compose:
                text = text.replace(pair, composed + pair[1])  # the seat takes the hamza
        if plan.deleted is not None:
            text = plan.deleted.sub("", text)
        if plan.digits and _ANY_DIGIT.search(text):
            text = text.translate(_DIGIT_TABLE)
    # str.replace per letter runs at memchr speed; str.translate is ~15x slower here
    for source, target in plan.replacements:
        text = text.replace(source, target)
    return text


_DIGIT_TABLE = str.maketrans(DIGITS)


def _fold(text: str, plan: _Plan) -> str:
    """The presentation-form and Persian-letter steps (the only ones that may expand)."""
    if plan.folded is None or not plan.folded.search(text):
        return text
    if plan.fold is not None:
        text = text.translate(plan.fold)
    if plan.farsi_yeh and FARSI_YEH in text:
        text = _YEH_FINAL.sub("ى", text).replace(FARSI_YEH, "ي")
    return text


def deleted_positions(text: str, options: NormalizeOptions) -> list[int]:
    """Positions in ``text`` of the characters that :func:`normalize_with` deletes.

    For text without presentation-form ligatures every other character maps one to one, so
    the i-th character of the normalised text is the i-th character of ``text`` that is not
    listed here. (:class:`OffsetMap` maps any text.)
    """
    plan = _plan(options)
    if plan.deleted is None:
        return []
    return _deletions(text, plan)[0]


def _deletions(text: str, plan: _Plan) -> tuple[list[int], bool]:
    """Positions of the characters deleted, and whether ``text`` holds presentation forms or
    Persian letters, from one scan for the rarer characters (the ``work`` class, whose
    character-class prefix the regex engine skips to). A text with folded characters is
    folded first, which may bring marks."""
    deleted = []
    if plan.work is None:
        return deleted, False
    for match in plan.work.finditer(text):
        char = match.group()
        if char in plan.folded_chars:
            if plan.deleted is None:
                return [], True
            return [m.start() for m in plan.deleted.finditer(_fold(text, plan))], True
        if not plan.replaced.get(char, "x"):
            deleted.append(match.start())
    return deleted, False


def offset_map(text: str, normal: str, options: NormalizeOptions) -> OffsetMap | None:
    """An :class:`OffsetMap` for ``text`` and its normalisation ``normal``, or ``None`` when
    positions in ``normal`` are positions in ``text`` (nothing deleted or expanded), which is
    the case of most news text; then no map needs building.

    >>> offset_map("قال", "قال", NormalizeOptions()) is None
    True
    """
    if len(normal) == len(text):
        expanding = _plan(options).expanding
        if expanding is None or not expanding.search(text):
            return None  # no expansion, so nothing was deleted either
    return OffsetMap(text, options)


class OffsetMap:
    """Map spans of ``normalize_with(text, options)`` back to spans of ``text``.

    Trailing characters that normalisation deleted (tashkeel, tatweel) belong to the span as
    written: the normalised ``ل`` of ``لـ`` maps back to ``لـ``. A span that covers part of a
    ligature's letters maps back to the whole ligature (``لا`` of ``ﻻ``: one character).

    >>> text = "قالَ لـ"
    >>> OffsetMap(text, NormalizeOptions()).span(4, 5)
    (5, 7)
    >>> OffsetMap("ﻻ بد", NormalizeOptions()).span(3, 5)
    (2, 4)
    """

    def __init__(self, text: str, options: NormalizeOptions) -> None:
        plan = _plan(options)
        deleted, folded = _deletions(text, plan)
        self._set_expansions(text, plan if folded else None)
        self._set_deletions(deleted)

    @classmethod
    def from_deletions(cls, deleted: list[int]) -> OffsetMap:
        """The map of a text that normalisation only deleted characters from (it held no
        folded character), at ``deleted`` (ascending positions in the text): no scan of the
        text, which :func:`normalize_mapped` has already made.

        >>> OffsetMap.from_deletions([3, 6]).span(4, 5)  # "قالَ لـ"
        (5, 7)
        """
        mapping = cls.__new__(cls)
        mapping._set_expansions()
        mapping._set_deletions(deleted)
        return mapping

    def _set_expansions(self, text: str = "", plan: _Plan | None = None) -> None:
        """1. ligatures (``plan``: of a text with folded characters, else none): where each
        expansion starts in the folded text, its length and the extra characters it adds up
        to and including itself."""
        self._starts: list[int] = []
        self._lengths: list[int] = []
        self._extra: list[int] = []
        self._origins: list[int] = []
        if plan is not None and plan.expanding is not None and plan.fold is not None:
            extra = 0
            for match in plan.expanding.finditer(text):
                length = len(plan.fold[ord(match.group())])
                self._origins.append(match.start())
                self._starts.append(match.start() + extra)
                self._lengths.append(length)
                extra += length - 1
                self._extra.append(extra)

    def _set_deletions(self, deleted: list[int]) -> None:
        """2. deletions, in the folded text: the k-th happened at normalised index
        ``deleted[k] - k``."""
        self._shifted = [position - k for k, position in enumerate(deleted)]
        self._deleted = set(deleted)
        self.identity = not deleted and not self._starts
        """True when normalised positions are positions in ``text``."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``[start, end)``."""
        if self._shifted:
            start = start + bisect_right(self._shifted, start)
            last = end - 1 + bisect_right(self._shifted, end - 1) + 1
            while last in self._deleted:
                last += 1
            end = last
        if not self._starts:
            return start, end
        return self._original(start), self._original(end - 1) + 1

    def _original(self, position: int) -> int:
        """The original position of a position of the folded text."""
        k = bisect_right(self._starts, position) - 1
        if k < 0:
            return position
        if position < self._starts[k] + self._lengths[k]:
            return self._origins[k]  # inside a ligature: the ligature itself
        return position - self._extra[k]
