"""The charts of concordance and time: the dispersion plot (right to left for positions in an
article, time left to right) and time series with interval bands. Runs in both matplotlib
environments (marker: rendering)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from arcorpus.plotting import dispersion_plot, display_text, save_figure, time_series

pytestmark = pytest.mark.rendering


def positions_table() -> pd.DataFrame:
    return pd.DataFrame({
        "term": ["داعش"] * 4 + ["إيران"] * 2,
        "source": ["سبق", "عكاظ", "سبق", "الرياض", "سبق", "عكاظ"],
        "position": [0.1, 0.5, 0.9, 0.3, 0.2, 0.8],
        "date": pd.to_datetime(["2015-07-21", "2015-07-25", "2015-08-01", "2015-08-03",
                                "2015-07-22", "2015-08-10"]),
    })


def test_dispersion_plot_reads_right_to_left(tmp_path):
    table = positions_table()
    fig, axes = dispersion_plot(table, row="source", xlabel="موقع الكلمة في المقال",
                                title="التشتت")
    assert len(axes) == 2
    assert [a.get_title() for a in axes] == [display_text("داعش (4)"), display_text("إيران (2)")]
    assert axes[0].get_xlim() == (1.0, 0.0)  # the start of the article on the right
    assert axes[0].yaxis.get_ticks_position() == "right"
    labels = [t.get_text() for t in axes[0].get_yticklabels()]
    assert labels == [display_text(s) for s in sorted({"سبق", "عكاظ", "الرياض"})]
    # every occurrence is one tick on its row
    ticks = axes[0].collections[0].get_offsets()
    assert len(ticks) == 4 and sorted(np.asarray(ticks)[:, 0].tolist()) == [0.1, 0.3, 0.5, 0.9]
    written = save_figure(fig, tmp_path / "dispersion", formats=("png",))
    assert written[0].stat().st_size > 0
    plt.close(fig)


def test_dispersion_plot_by_date_and_row_limit():
    table = positions_table()
    fig, axes = dispersion_plot(table, row="source", x="date", max_rows=2)
    assert not axes[0].xaxis_inverted()  # time runs left to right
    labels = [t.get_text() for t in axes[0].get_yticklabels()]
    assert labels == [display_text("سبق"), display_text("عكاظ")]  # the two with most hits
    fig.canvas.draw()
    assert all(t.get_text()[:2] in {"07", "08"} for t in axes[-1].get_xticklabels()
               if t.get_text())  # numbers only: no English month names
    plt.close(fig)
    with pytest.raises(ValueError, match="empty"):
        dispersion_plot(table.iloc[:0])
    with pytest.raises(ValueError, match="columns"):
        dispersion_plot(table, row="outlet")


def test_time_series_bands_and_integer_ticks():
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2015-07-20", "2015-07-27", "2015-08-03"] * 2),
        "series": ["داعش"] * 3 + ["إيران"] * 3,
        "value": [3, 5, 4, 8, 2, 1], "low": [1, 2, 2, 5, 0, 0], "high": [6, 9, 7, 12, 5, 4]})
    fig, ax = time_series(frame, lower="low", upper="high", integer=True,
                          ylabel="عدد المقالات", xlabel="الأسبوع")
    assert len(ax.collections) == 2  # one band per series
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        display_text("إيران"), display_text("داعش")]
    fig.canvas.draw()
    ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
    assert all(float(t).is_integer() for t in ticks)
    assert ax.get_ylabel() == display_text("عدد المقالات")
    plt.close(fig)
    one, ax = time_series(frame[frame["series"] == "داعش"])
    assert ax.get_legend() is None and not ax.collections  # one series: no legend, no band
    plt.close(one)
    with pytest.raises(ValueError, match="both lower and upper"):
        time_series(frame, lower="low")
