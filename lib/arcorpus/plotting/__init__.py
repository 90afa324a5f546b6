"""Plots of Arabic text analyses: the kit's Arabic font, the one shaping/bidi decision, chart
helpers, and reproducible saving."""

from .arabic import (
    ARABIC_FONT,
    arabic_style,
    display_text,
    font_path,
    native_shaping,
    register_fonts,
    use_arabic,
)
from .charts import bar_terms
from .save import figure_manifest, save_figure

__all__ = [
    "ARABIC_FONT",
    "arabic_style",
    "bar_terms",
    "display_text",
    "figure_manifest",
    "font_path",
    "native_shaping",
    "register_fonts",
    "save_figure",
    "use_arabic",
]
