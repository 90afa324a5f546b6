"""Every chart helper draws its Arabic labels through the one display decision (so the
pixel-level proof of tests/test_rendering.py covers them) with no missing glyph. Runs in both
matplotlib environments (marker: rendering)."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
import pytest
from matplotlib.font_manager import findfont
from matplotlib.ft2font import FT2Font
from PIL import Image

from arcorpus.plotting import (
    bar_terms,
    display_text,
    heatmap,
    model_selection,
    network,
    save_figure,
    time_series,
    topic_grid,
)
from arcorpus.plotting.arabic import font_path

pytestmark = pytest.mark.rendering

ACTORS = ["جبهة النصرة", "الجيش الحر", "داعش", "قوات النظام"]


def texts_of(fig) -> set[str]:
    fig.canvas.draw()
    return {t.get_text() for t in fig.findobj(plt.Text) if t.get_text()}


def drawn(fig) -> Image.Image:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return Image.open(buffer).convert("L")


def missing_glyphs(fig) -> set[str]:
    """Characters of the figure's text that neither the Arabic font nor the fallback has
    (they would be drawn as empty boxes)."""
    fonts = [FT2Font(str(font_path())), FT2Font(findfont("DejaVu Sans"))]
    return {c for text in texts_of(fig) for c in text
            if not c.isspace() and ord(c) not in (0x202D, 0x202C)
            and not any(f.get_char_index(ord(c)) for f in fonts)}


def test_bar_terms_rtl_labels_and_title():
    table = pd.DataFrame({"term": ["فصائل", "درعا", "نصرة"], "count": [10, 6, 5]})
    fig, ax = bar_terms(table, title="أكثر الكلمات تكراراً", xlabel="count")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [display_text(w) for w in ["نصرة", "درعا", "فصائل"]]  # largest on top
    assert ax.get_title() == display_text("أكثر الكلمات تكراراً")
    assert ax.xaxis_inverted() and ax.yaxis.get_ticks_position() == "right"
    assert not missing_glyphs(fig)
    plt.close(fig)


def test_heatmap_arabic_ticks_on_both_axes():
    matrix = pd.DataFrame([[0, 3, 1, 2], [3, 0, 0, 1], [1, 0, 0, 4], [2, 1, 4, 0]],
                          index=ACTORS, columns=ACTORS)
    fig, ax = heatmap(matrix, title="التواجد المشترك", colorbar_label="عدد الفقرات")
    assert [t.get_text() for t in ax.get_xticklabels()] == [display_text(a) for a in ACTORS]
    assert [t.get_text() for t in ax.get_yticklabels()] == [display_text(a) for a in ACTORS]
    assert {display_text("التواجد المشترك"), display_text("عدد الفقرات"), "4"} <= texts_of(fig)
    assert not missing_glyphs(fig)
    plt.close(fig)


def test_network_arabic_node_labels_sizes_and_legend():
    graph = nx.Graph()
    kinds = ["jihadist", "opposition", "jihadist", "state"]
    for actor, kind, mentions in zip(ACTORS, kinds, [6, 3, 5, 2], strict=True):
        graph.add_node(actor, mentions=mentions, type=kind)
    graph.add_edge(ACTORS[0], ACTORS[1], weight=3)
    graph.add_edge(ACTORS[0], ACTORS[2], weight=1)
    graph.add_edge(ACTORS[2], ACTORS[3], weight=2)
    fig, _ = network(graph, title="شبكة الفصائل")
    shown = texts_of(fig)
    assert {display_text(a) for a in ACTORS} <= shown
    assert {"jihadist", "opposition", "state"} <= shown  # legend by type
    assert not missing_glyphs(fig)
    # the same graph, the same drawing
    first = drawn(fig).tobytes()
    fig2, _ = network(graph, title="شبكة الفصائل")
    assert drawn(fig2).tobytes() == first
    plt.close(fig)
    plt.close(fig2)


def test_topic_grid_small_multiples():
    table = pd.DataFrame({
        "topic": [0, 0, 0, 1, 1, 1],
        "term": ["اشتباكات", "ريف", "درعا", "ائتلاف", "معارضة", "سياسي"],
        "weight": [0.3, 0.2, 0.1, 0.4, 0.3, 0.1],
    })
    fig, axes = topic_grid(table, n_cols=2, titles={0: "Topic 0: معارك", 1: "Topic 1: سياسة"})
    assert axes.shape == (1, 2)
    assert axes[0, 0].get_title() == display_text("Topic 0: معارك")
    assert [t.get_text() for t in axes[0, 1].get_yticklabels()] == [
        display_text(w) for w in ["سياسي", "معارضة", "ائتلاف"]]
    plt.close(fig)


def test_topic_grid_of_a_model_shows_frex_lift_and_a_document():
    from arcorpus.topics import fit_topics, representative_units

    texts = ["قصف الطيران مدينة درعا وريفها", "قصف مدفعي على ريف درعا الشرقي",
             "مفاوضات جنيف والحل السياسي للأزمة", "الحل السياسي في مفاوضات جنيف المقبلة"] * 6
    model = fit_topics(texts, k=2, method="nmf", min_df=1, warn_small=False)
    fig, axes = topic_grid(model, n_cols=2, top_n=4)
    caption = axes[0, 0].get_xlabel().split("\n")
    frex = model.term_table(top_n=5, by="frex").query("topic == 0")["term"].tolist()
    assert caption[0] == display_text("FREX: " + "، ".join(frex))
    lift = model.term_table(top_n=5, by="lift").query("topic == 0")["term"].tolist()
    assert caption[1] == display_text("Lift: " + "، ".join(lift))
    first = representative_units(model, n=1).query("topic == 0")["text"].iloc[0]
    assert display_text(f"«{first}»") in caption[2:]
    plt.close(fig)


def test_prevalence_plot_lines_and_bands_per_source():
    from arcorpus.plotting import prevalence_plot

    days = pd.date_range("2015-07-01", periods=5)
    table = pd.DataFrame({"date": list(days) * 4, "source": (["عكاظ"] * 5 + ["سبق"] * 5) * 2,
                          "topic": [0] * 10 + [3] * 10, "estimate": 0.2, "lower": 0.1,
                          "upper": 0.3})
    fig, axes = prevalence_plot(table, titles={3: "معارك"})
    assert [ax.get_title() for ax in axes.flat] == ["Topic 0", display_text("معارك")]
    assert len(axes[0, 0].lines) == 2 and len(axes[0, 0].collections) == 2  # lines, bands
    assert sorted(t.get_text() for t in fig.legends[0].get_texts()) == sorted(
        display_text(s) for s in ["عكاظ", "سبق"])
    plt.close(fig)


def test_time_series_arabic_legend(tmp_path):
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2015-07-01", "2015-08-01"] * 2),
        "series": ["داعش", "داعش", "جبهة النصرة", "جبهة النصرة"],
        "value": [4, 6, 2, 3],
    })
    fig, ax = time_series(frame, title="الإشارات شهرياً", ylabel="عدد الإشارات")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [display_text("جبهة النصرة"), display_text("داعش")]
    assert ax.get_ylabel() == display_text("عدد الإشارات")
    # saved twice: the same bytes
    a = save_figure(fig, tmp_path / "a" / "series")
    b = save_figure(fig, tmp_path / "b" / "series")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    plt.close(fig)


def test_model_selection_panels_and_best_k():
    table = pd.DataFrame({
        "k": [4, 2, 3],
        "coherence_npmi": [0.05, 0.12, 0.20],
        "coherence_umass": [-2.0, -1.0, -1.5],
        "perplexity": [900.0, 700.0, 800.0],
        "stability": [0.5, 0.9, 0.7],
    })
    fig, axes = model_selection(table, labels={"stability": "الثبات عبر البذور"})
    assert [ax.get_title() for ax in axes] == [
        "Coherence (NPMI)", "Coherence (UMass)", "Held-out perplexity",
        display_text("الثبات عبر البذور")]
    # the ringed point of each panel is its best K (max, max, min, max)
    rings = [ax.get_lines()[1].get_xdata()[0] for ax in axes]
    assert rings == [3, 2, 2, 2]
    assert list(axes[0].get_lines()[0].get_xdata()) == [2, 3, 4]
    assert [ax.get_xlabel().split("; ")[1] for ax in axes] == [
        "higher is better", "higher is better", "lower is better", "higher is better"]
    assert not missing_glyphs(fig)
    plt.close(fig)
    nmf = table.assign(perplexity=float("nan"))
    fig, axes = model_selection(nmf)
    assert len(axes) == 3 and "Held-out perplexity" not in [ax.get_title() for ax in axes]
    plt.close(fig)
    with pytest.raises(ValueError, match="no criterion to plot"):
        model_selection(table[["k"]])
