"""Plots of Arabic text analyses: the kit's Arabic font, the one shaping/bidi decision, chart
helpers, and reproducible saving."""

from .arabic import (
    ARABIC_FONT,
    arabic_style,
    display_text,
    font_path,
    native_shaping,
    pdf_text,
    register_fonts,
    rendering_variants,
    use_arabic,
)
from .charts import (
    bar_terms,
    category_color,
    dispersion_plot,
    heatmap,
    histogram,
    model_selection,
    network,
    prevalence_plot,
    time_series,
    topic_grid,
)
from .save import figure_manifest, save_figure

__all__ = [
    "ARABIC_FONT",
    "arabic_style",
    "bar_terms",
    "category_color",
    "dispersion_plot",
    "display_text",
    "figure_manifest",
    "font_path",
    "heatmap",
    "histogram",
    "model_selection",
    "native_shaping",
    "network",
    "pdf_text",
    "prevalence_plot",
    "register_fonts",
    "rendering_variants",
    "save_figure",
    "time_series",
    "topic_grid",
    "use_arabic",
]
