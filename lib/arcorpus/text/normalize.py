"""Arabic orthographic normalisation: documented steps, each switchable, never touching Latin.

Every step either deletes a character or replaces one character by one other, so offsets in the
normalised text map back to the original (see :func:`deleted_positions`), which is what lets
:func:`arcorpus.text.tokenize` report tokens as written.

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
========================  ===================================================================

Why hand-written: pyarabic and tashaphyne do this but are GPL (the kit is MIT); camel-tools'
normaliser is MIT but pulls a 6 GB install. The steps are a few character tables.
"""

from __future__ import annotations

import re
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


@dataclass(frozen=True)
class _Plan:
    deleted: re.Pattern | None  # characters deleted
    replacements: tuple[tuple[str, str], ...]  # letters replaced one by one
    compose: tuple[tuple[str, str], ...]  # seat + combining hamza/madda
    digits: bool
    work: re.Pattern | None  # any character that needs more than the letter replacements


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
    return _Plan(
        deleted=re.compile(f"[{deleted}]") if deleted else None,
        replacements=tuple(mapping.items()),
        compose=tuple(_COMPOSE.items()) if options.tashkeel else (),
        digits=options.digits,
        work=re.compile(f"[{deleted}{digits}]") if deleted or digits else None,
    )


_ANY_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_COMBINING_HAMZA = re.compile("[\u0653-\u0655]")


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
) -> str:
    """Normalise Arabic spelling for matching and counting (the data itself is never changed).

    Idempotent, and characters outside the Arabic block are left as they are.

    >>> normalize("تحوّلاتٌ لـ«الفصائل» في إدلب ٢٠١٥")
    'تحولات ل«الفصائل» في ادلب 2015'
    >>> normalize("مدرسة", taa_marbuta=True)
    'مدرسه'
    """
    return normalize_with(text, NormalizeOptions(tashkeel, tatweel, alef, alef_maqsura,
                                                 taa_marbuta, hamza_seats, digits))


def normalize_with(text: str, options: NormalizeOptions) -> str:
    """:func:`normalize` with the switches as one :class:`NormalizeOptions` value."""
    plan = _plan(options)
    # One scan decides whether the rarer steps are needed: two thirds of news paragraphs have
    # no diacritic, tatweel or Arabic-Indic digit, and then only the letter replacements run.
    if plan.work is not None and plan.work.search(text):
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


def deleted_positions(text: str, options: NormalizeOptions) -> list[int]:
    """Positions in ``text`` of the characters that :func:`normalize_with` deletes.

    Every other character maps one to one, so the i-th character of the normalised text is
    the i-th character of ``text`` that is not listed here.
    """
    pattern = _plan(options).deleted
    return [] if pattern is None else [m.start() for m in pattern.finditer(text)]


class OffsetMap:
    """Map spans of ``normalize_with(text, options)`` back to spans of ``text``.

    Trailing characters that normalisation deleted (tashkeel, tatweel) belong to the span as
    written: the normalised ``ل`` of ``لـ`` maps back to ``لـ``.

    >>> text = "قالَ لـ"
    >>> OffsetMap(text, NormalizeOptions()).span(4, 5)
    (5, 7)
    """

    def __init__(self, text: str, options: NormalizeOptions) -> None:
        deleted = deleted_positions(text, options)
        # the k-th deletion happened at normalised index deleted[k] - k
        self._shifted = [position - k for k, position in enumerate(deleted)]
        self._deleted = set(deleted)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``[start, end)``."""
        if not self._shifted:
            return start, end
        original_start = start + bisect_right(self._shifted, start)
        original_end = end - 1 + bisect_right(self._shifted, end - 1) + 1
        while original_end in self._deleted:
            original_end += 1
        return original_start, original_end
