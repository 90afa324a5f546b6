"""Chart helpers for Arabic analyses; each returns the matplotlib Figure and Axes so that the
caller can style further. Every string is passed through :func:`display_text`."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .arabic import arabic_style, display_text


def bar_terms(
    table: pd.DataFrame,
    *,
    term: str = "term",
    value: str = "count",
    top_n: int = 20,
    rtl: bool = True,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    color: str = "#4c72b0",
) -> tuple[Figure, Axes]:
    """Horizontal bar chart of terms, the largest on top.

    With ``rtl=True`` the Arabic labels stand on the right and the bars grow leftward, as an
    Arabic reader expects.

    Example:
        >>> fig, ax = bar_terms(term_frequencies(corpus), top_n=15)  # doctest: +SKIP
    """
    rows = table.nlargest(top_n, value).iloc[::-1] if len(table) else table
    with arabic_style():
        if ax is None:
            fig, ax = plt.subplots(figsize=(6.5, 0.32 * max(len(rows), 3) + 1.2))
        else:
            fig = ax.figure
        positions = range(len(rows))
        ax.barh(list(positions), rows[value].to_numpy(), color=color)
        ax.set_yticks(list(positions), [display_text(str(t)) for t in rows[term]])
        if rtl:
            ax.invert_xaxis()
            ax.yaxis.tick_right()
            ax.spines[["left", "top"]].set_visible(False)
        else:
            ax.spines[["right", "top"]].set_visible(False)
        ax.set_xlabel(display_text(xlabel if xlabel is not None else value))
        if title:
            ax.set_title(display_text(title))
        fig.tight_layout()
    return fig, ax
