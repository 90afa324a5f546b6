"""Plots of Arabic text analyses, saved reproducibly."""

from .save import figure_manifest, save_figure

__all__ = ["figure_manifest", "save_figure"]
