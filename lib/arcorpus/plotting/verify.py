"""Checking that Arabic text is rendered correctly, against a reference renderer.

The reference is Pillow with the raqm layout engine (HarfBuzz shaping + FriBiDi bidi), the
same engines browsers and text editors use, drawing the *logical* string in the same font and
size. A rendering is compared with it by :func:`similarity`; :data:`THRESHOLD` separates the
correct renderings from the wrong ones (text reversed, letters unjoined) by a measured margin.
"""

from __future__ import annotations

import io
from typing import Literal

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .arabic import arabic_style, display_text, font_path
from .save import figure_bytes

SIZE_PT = 28
DPI = 100
_PIXELS = SIZE_PT * DPI / 72


def render_reference(text: str, direction: Literal["rtl", "ltr"] | None = None) -> Image.Image:
    """``text`` (logical order) drawn by Pillow + raqm in the kit's font; greyscale, ink dark.

    ``direction`` is the paragraph direction raqm is given (``"rtl"``: a label of an Arabic
    figure); by default raqm takes it from the first strong letter (bidi rule P2/P3)."""
    from PIL import features

    if not features.check("raqm"):
        raise RuntimeError("Pillow was built without raqm: no reference renderer available")
    font = ImageFont.truetype(str(font_path()), size=round(_PIXELS),
                              layout_engine=ImageFont.Layout.RAQM)
    left, top, right, bottom = font.getbbox(text, direction=direction)
    image = Image.new("L", (right - left + 20, bottom - top + 20), 255)
    ImageDraw.Draw(image).text((10 - left, 10 - top), text, font=font, fill=0,
                               direction=direction)
    return image


def render_matplotlib(drawn: str, *, fmt: Literal["png", "svg", "pdf"] = "png") -> Image.Image:
    """``drawn`` exactly as given, drawn by matplotlib in the kit's font (no display
    processing: pass :func:`display_text` output to test the kit's path). ``fmt`` other than
    png saves to that format and rasterises it back (resvg for SVG, PDFium for PDF)."""
    import matplotlib.pyplot as plt

    with arabic_style():
        fig = plt.figure(figsize=(len(drawn) * 0.35 + 2, 1.2), dpi=DPI)
        fig.text(0.5, 0.5, drawn, fontsize=SIZE_PT, ha="center", va="center")
        data = figure_bytes(fig, fmt, dpi=DPI)  # the same bytes save_figure writes
        plt.close(fig)
    if fmt == "png":
        return Image.open(io.BytesIO(data)).convert("L")
    if fmt == "svg":
        import resvg_py

        png = bytes(resvg_py.svg_to_bytes(svg_string=data.decode("utf-8"), dpi=DPI))
        return _flatten(Image.open(io.BytesIO(png)))
    import pypdfium2

    page = pypdfium2.PdfDocument(data)[0]
    return page.render(scale=DPI / 72).to_pil().convert("L")


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent background -> white."""
    if image.mode in ("RGBA", "LA"):
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        background.alpha_composite(image.convert("RGBA"))
        image = background
    return image.convert("L")


#: similarity at or above which a rendering counts as matching the reference. Measured on
#: the rendering tests' strings in both matplotlib generations: correct renderings score
#: >= 0.96, reversed and unjoined ones <= 0.69 (see tests/test_rendering.py).
THRESHOLD = 0.85
BLUR = 5.0


def _ink_band(image: Image.Image, height: int | None = None) -> tuple[np.ndarray, int]:
    """Ink as a float array (ink bright), cropped to the inked columns, and a band of rows of
    ``height`` (default: what holds all the ink) centred on the ink's centre of mass.

    Centring on the mass rather than cropping to the ink keeps diacritics (which sit a little
    higher or lower depending on the renderer's mark positioning) from shifting everything."""
    ink = 255.0 - np.asarray(image.convert("L"), dtype=float)
    columns = np.flatnonzero(ink.max(axis=0) > 40)
    rows = np.flatnonzero(ink.max(axis=1) > 40)
    if len(columns) == 0:
        return np.zeros((height or 1, 1)), height or 1
    ink = ink[:, columns[0]:columns[-1] + 1]
    weights = ink.sum(axis=1)
    centre = round(float((weights * np.arange(len(weights))).sum() / weights.sum()))
    if height is None:
        height = 2 * max(centre - rows[0], rows[-1] - centre) + 1
    half = height // 2
    padded = np.pad(ink, ((half, half), (0, 0)))
    return padded[centre:centre + 2 * half + 1], height


def _blurred(array: np.ndarray, size: tuple[int, int] | None = None) -> np.ndarray:
    image = Image.fromarray(np.clip(array, 0, 255).astype(np.uint8))
    if size is not None:
        image = image.resize(size, Image.Resampling.BILINEAR)
    return np.asarray(image.filter(ImageFilter.GaussianBlur(BLUR)), dtype=float)


def _ncc(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a - a.mean(), b - b.mean()
    denominator = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / denominator) if denominator else 0.0


def similarity(image: Image.Image, reference: Image.Image) -> float:
    """How closely ``image`` matches ``reference`` (two renderings of the same text), -1..1.

    Both are cut to their inked columns and a band of rows centred on the ink, ``image`` is
    scaled to the reference's size and both are blurred (5 px, so that hinting and
    antialiasing do not count); the score is the lower of the normalised cross-correlations
    of the two images and of their column ink profiles. Letters in the wrong order, or
    unjoined, put ink in other columns and score low on both."""
    ref, height = _ink_band(reference)
    img, _ = _ink_band(image, height)
    a = _blurred(ref)
    b = _blurred(img, (ref.shape[1], ref.shape[0]))
    return min(_ncc(a, b), _ncc(a.sum(axis=0), b.sum(axis=0)))


def check_rendering(text: str, fmt: Literal["png", "svg", "pdf"] = "png", *,
                    rtl: bool = False) -> float:
    """Similarity of the kit's matplotlib rendering of ``text`` to the reference rendering;
    ``rtl``: as a label of a right-to-left figure (``display_text(text, rtl=True)``), against
    the reference laid out as a right-to-left paragraph."""
    return similarity(render_matplotlib(display_text(text, rtl=rtl), fmt=fmt),
                      render_reference(text, "rtl" if rtl else None))
