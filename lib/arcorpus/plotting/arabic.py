"""How Arabic text reaches a renderer: the one place in the kit that decides about shaping and
bidi, by what the installed renderer can do.

Data stays in logical order everywhere. Matplotlib >= 3.11 shapes text itself (HarfBuzz through
libraqm) and must get the logical string: the classic ``get_display(reshape(s))`` recipe then
draws it *reversed*. Older matplotlib lays out one glyph per character, left to right, and needs
the string reshaped (contextual letter forms) and reordered (bidi) first. :func:`native_shaping`
finds out which by laying out a probe word, and :func:`display_text` applies the answer;
Pillow (word clouds, images) goes through :func:`display_text` with ``renderer="pillow"``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Literal

import fontpkg_noto_sans_arabic
import matplotlib
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

#: the kit's Arabic font (from PyPI: fontpkg-noto-sans-arabic, SIL OFL); it has Latin too
ARABIC_FONT = fontpkg_noto_sans_arabic.FAMILY
#: used for characters the Arabic font lacks
FALLBACK_FONT = "DejaVu Sans"
_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_PROBE = "باب"  # a joining word: shaped, it is not one glyph per letter laid out left to right

Renderer = Literal["matplotlib", "pillow"]


def font_path() -> Path:
    """The kit's Arabic font file."""
    return next(Path(fontpkg_noto_sans_arabic.ROOT, "files").glob("*.ttf"))


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the kit's Arabic font with matplotlib (once); return its family name."""
    font_manager.fontManager.addfont(str(font_path()))
    return ARABIC_FONT


@lru_cache(maxsize=4)
def native_shaping(renderer: Renderer = "matplotlib") -> bool:
    """Does ``renderer`` shape Arabic and order it right to left by itself?

    For matplotlib this lays out a probe word with the font engine matplotlib draws with
    (``FT2Font.set_text``): a shaping engine yields contextual glyphs in right-to-left
    positions, a plain one yields one glyph per letter at increasing x. For Pillow it asks
    whether the raqm layout engine is available.
    """
    if renderer == "pillow":
        from PIL import features

        return bool(features.check("raqm"))
    if renderer != "matplotlib":
        raise ValueError(f"renderer must be 'matplotlib' or 'pillow', got {renderer!r}")
    font = FT2Font(str(font_path()))
    font.set_size(12, 72)
    positions = [float(x) for x, _ in font.set_text(_PROBE, 0.0)]
    naive = len(positions) == len(_PROBE) and positions == sorted(positions)
    return not naive


def display_text(text: str, renderer: Renderer = "matplotlib", *, rtl: bool = False) -> str:
    """The string to hand to ``renderer`` so that ``text`` (logical order) reads correctly.

    ``rtl``: the text is a label of a right-to-left (Arabic) figure, so each of its lines is a
    right-to-left paragraph. Without it a line takes its direction from its first strong
    letter (the Unicode bidi rule P2/P3, which raqm applies): ``FREX: درعا، نصرة`` would be laid
    out left to right, ``FREX:`` at the left end, where an Arabic reader meets it last. With
    it, a line that holds right-to-left characters but begins with a left-to-right letter is
    laid out right to left: with native shaping it is prefixed with U+200F RIGHT-TO-LEFT MARK
    (a strong right-to-left character, zero width in the kit's font: rule P2 then makes the
    paragraph right to left), otherwise it is reordered with base direction R. Lines that
    already read right to left and text without right-to-left characters are not changed.

    Text without right-to-left characters is returned unchanged.

    >>> display_text("Topic 3") == display_text("Topic 3", rtl=True) == "Topic 3"
    True
    >>> display_text("FREX: درعا", rtl=True) != display_text("FREX: درعا")
    True
    """
    if not text or not _RTL_CHARS.search(text):
        return text
    native = native_shaping(renderer)
    if "\n" in text:  # each line is a paragraph of its own (python-bidi mixes them up)
        return "\n".join(display_text(line, renderer, rtl=rtl) for line in text.split("\n"))
    marked = rtl and _needs_rtl_mark(text)
    if native:
        return RLM + text if marked else text
    return _visual_order(text, base_dir="R" if marked else None)


#: U+200F RIGHT-TO-LEFT MARK: what :func:`display_text` puts before a right-to-left line that
#: begins with a left-to-right letter, for renderers that shape and order text themselves
RLM = "\u200f"


def _needs_rtl_mark(line: str) -> bool:
    """Does ``line`` hold right-to-left characters and yet get a left-to-right paragraph
    direction by rule P2/P3 (its first strong letter is left to right, or it has none)?"""
    from bidi import get_base_level

    return bool(_RTL_CHARS.search(line)) and get_base_level(line) == 0


def rendering_variants(text: str) -> dict[str, str]:
    """What three recipes hand to matplotlib, for teaching and for negative controls:

    - ``"kit"``: :func:`display_text` (right for the installed matplotlib);
    - ``"reshape+bidi"``: the classic ``get_display(arabic_reshaper.reshape(s))`` recipe
      (right for matplotlib 3.10 and before, reversed for 3.11 and after);
    - ``"logical"``: the string untouched (right for 3.11, unjoined and reversed before).
    """
    import arabic_reshaper
    from bidi import get_display

    return {"kit": display_text(text),
            "reshape+bidi": get_display(arabic_reshaper.reshape(text)),
            "logical": text}


def pdf_text(text: str, *, rtl: bool = False) -> str:
    """The string for matplotlib's PDF backend, where it differs from :func:`display_text`.

    With native shaping (matplotlib 3.11), the PDF backend misplaces the spaces of shaped
    right-to-left runs (measured: "الاتحاد الإسلامي" comes out as "الاتحادالإسلامي" with the
    space moved). There, each line is given in visual order, in presentation forms, inside a
    left-to-right override (U+202D ... U+202C), which every PDF viewer draws as is. Without
    native shaping, :func:`display_text` already gives visual order.

    A line's visual order follows its paragraph direction: right to left when it begins with
    :data:`RLM` (what :func:`display_text` gives a label of a right-to-left figure, with
    ``rtl=True``) or when ``rtl`` is given, else from its first strong letter. Bidi marks are
    left out of the visual string (inside an override they would be drawn as glyphs).

    The override starts at the first right-to-left character when the text before it holds a
    left-to-right letter ("Topic 3: جبهة النصرة"): that text is then laid out as given
    anyway, and the backend shifts the glyph after a control character by the control
    character's width when that glyph comes from another font subset (measured: "Topic 3"
    drawn 7 pt too far left at 28 pt, the label scoring 0.83 against the reference, 0.99 with
    the override moved).

    >>> pdf_text("Topic 3") == "Topic 3"
    True
    """
    if not text or not _RTL_CHARS.search(text) or not native_shaping():
        return text
    if "\n" in text:  # matplotlib lays out each line apart: each needs its own override
        return "\n".join(pdf_text(line, rtl=rtl) for line in text.split("\n"))
    marked = text.startswith(RLM) or (rtl and _needs_rtl_mark(text))
    visual = _BIDI_MARKS.sub("", _visual_order(text, base_dir="R" if marked else None))
    start = _RTL_CHARS.search(visual).start()
    head = visual[:start]
    classes = {unicodedata.bidirectional(char) for char in head}
    if "L" in classes and classes.isdisjoint(_RIGHT_TO_LEFT_OR_EXPLICIT):
        return f"{head}\u202d{visual[start:]}\u202c"
    return f"\u202d{visual}\u202c"


#: the bidi marks and explicit formatting characters (they have done their work once the text
#: is in visual order)
_BIDI_MARKS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# bidi classes that would make a left-to-right head be laid out other than as given
_RIGHT_TO_LEFT_OR_EXPLICIT = frozenset(
    {"R", "AL", "AN", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


_MIRROR_PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "‹": "›", "<": ">"}
_MIRROR = {**_MIRROR_PAIRS, **{v: k for k, v in _MIRROR_PAIRS.items()}}


@lru_cache(maxsize=1)
def _reshaper():
    # imported here: only renderers without shaping need them (python-bidi is LGPL)
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(configuration={
        "delete_harakat": False,  # keep tanween, shadda: the text is shown as written
        "shift_harakat_position": False,
    })


def _visual_order(text: str, base_dir: Literal["L", "R"] | None = None) -> str:
    """Contextual letter forms (arabic-reshaper), then the Unicode bidi algorithm
    (python-bidi; ``base_dir`` the paragraph direction, by default that of the first strong
    letter), then rule L4 of that algorithm, which python-bidi leaves to the renderer:
    brackets at a right-to-left level take their mirrored glyph. Both brackets of a pair get
    the same level (rule N0), and a right-to-left pair comes out of reordering back to front
    (``)…(``), so mirroring the pairs that come out reversed applies L4."""
    from bidi import get_display

    visual = list(get_display(_reshaper().reshape(text), base_dir=base_dir))
    stack: list[int] = []
    for i, char in enumerate(visual):
        if char not in _MIRROR:
            continue
        if stack and visual[stack[-1]] == _MIRROR[char]:
            j = stack.pop()
            if char in _MIRROR_PAIRS:  # closing-looking char first: the pair is reversed
                visual[i], visual[j] = visual[j], visual[i]
        else:
            stack.append(i)
    return "".join(visual)


def rc_params(font: str | None = None) -> dict:
    """matplotlib settings for Arabic figures: the Arabic font first, a Latin fallback."""
    family = font or register_fonts()
    # pdf.fonttype 42 (TrueType): Type 3 fonts come out blank for Arabic presentation forms
    return {"font.family": [family, FALLBACK_FONT], "axes.unicode_minus": False,
            "pdf.fonttype": 42}


def use_arabic(font: str | None = None) -> str:
    """Make the kit's Arabic font (or ``font``) matplotlib's default, with a Latin fallback.

    Call once at the top of a notebook. Returns the family name.

    >>> use_arabic()  # doctest: +SKIP
    'Noto Sans Arabic'
    """
    register_fonts()
    matplotlib.rcParams.update(rc_params(font))
    return font or ARABIC_FONT


@contextmanager
def arabic_style(font: str | None = None) -> Iterator[None]:
    """The same settings as :func:`use_arabic`, only inside a ``with`` block."""
    register_fonts()
    with matplotlib.rc_context(rc_params(font)):
        yield
