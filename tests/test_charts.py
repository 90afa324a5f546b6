"""Every chart helper draws its Arabic labels through the one display decision (so the
pixel-level proof of tests/test_rendering.py covers them) with no missing glyph. Runs in both
matplotlib environments (marker: rendering)."""

from __future__ import annotations

import io
import re

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


def shown(text: str) -> str:
    """How the kit shows ``text`` as a label of an Arabic (right-to-left) figure."""
    return display_text(text, rtl=True)


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
    assert labels == [shown(w) for w in ["نصرة", "درعا", "فصائل"]]  # largest on top
    assert ax.get_title() == shown("أكثر الكلمات تكراراً")
    assert ax.xaxis_inverted() and ax.yaxis.get_ticks_position() == "right"
    assert not missing_glyphs(fig)
    plt.close(fig)


def test_heatmap_arabic_ticks_on_both_axes():
    matrix = pd.DataFrame([[0, 3, 1, 2], [3, 0, 0, 1], [1, 0, 0, 4], [2, 1, 4, 0]],
                          index=ACTORS, columns=ACTORS)
    fig, ax = heatmap(matrix, title="التواجد المشترك", colorbar_label="عدد الفقرات")
    assert [t.get_text() for t in ax.get_xticklabels()] == [shown(a) for a in ACTORS]
    assert [t.get_text() for t in ax.get_yticklabels()] == [shown(a) for a in ACTORS]
    assert {shown("التواجد المشترك"), shown("عدد الفقرات"), "4"} <= texts_of(fig)
    assert not missing_glyphs(fig)
    plt.close(fig)


def test_network_arabic_node_labels_sizes_and_legend():
    graph = nx.Graph()
    kinds = ["jihadist", "armed_opposition", "jihadist", "state_forces"]
    for actor, kind, mentions in zip(ACTORS, kinds, [6, 3, 5, 2], strict=True):
        graph.add_node(actor, mentions=mentions, type=kind)
    graph.add_edge(ACTORS[0], ACTORS[1], weight=3)
    graph.add_edge(ACTORS[0], ACTORS[2], weight=1)
    graph.add_edge(ACTORS[2], ACTORS[3], weight=2)
    fig, _ = network(graph, title="شبكة الفصائل")
    on_figure = texts_of(fig)
    assert {shown(a) for a in ACTORS} <= on_figure
    # the legend names the gazetteer's types in the figure's language, never their ids
    assert {shown(w) for w in ["تنظيم جهادي", "معارضة مسلحة", "قوات حكومية",
                                      "نوع الفاعل"]} <= on_figure
    assert not on_figure & {"jihadist", "armed_opposition", "state_forces"}
    assert not missing_glyphs(fig)
    english, _ = network(graph, lang="en")
    assert {"Jihadist", "Armed opposition", "State forces", "Actor type"} <= texts_of(english)
    plt.close(english)
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
    assert axes[0, 0].get_title() == shown("Topic 0: معارك")
    assert [t.get_text() for t in axes[0, 1].get_yticklabels()] == [
        shown(w) for w in ["سياسي", "معارضة", "ائتلاف"]]
    plt.close(fig)


def test_topic_grid_of_a_model_shows_frex_lift_and_a_document():
    from arcorpus.topics import fit_topics, representative_units

    texts = ["قصف الطيران مدينة درعا وريفها", "قصف مدفعي على ريف درعا الشرقي",
             "مفاوضات جنيف والحل السياسي للأزمة", "الحل السياسي في مفاوضات جنيف المقبلة"] * 6
    model = fit_topics(texts, k=2, method="nmf", min_df=1, warn_small=False)
    fig, axes = topic_grid(model, n_cols=2, top_n=4)
    caption = axes[0, 0].get_xlabel().split("\n")
    frex = model.term_table(top_n=5, by="frex").query("topic == 0")["term"].tolist()
    assert caption[0] == shown("FREX: " + "، ".join(frex))
    lift = model.term_table(top_n=5, by="lift").query("topic == 0")["term"].tolist()
    assert caption[1] == shown("الرفع: " + "، ".join(lift))  # lift, in Arabic
    first = representative_units(model, n=1).query("topic == 0")["text"].iloc[0]
    assert shown(f"«{first}»") in caption[2:]
    plt.close(fig)


def test_topic_grid_captions_fit_their_panel():
    """A hashtag of social-media text as a top term is cut with an ellipsis, and a caption line
    keeps the terms that fit in CAPTION_CHARS (it ran into the next panel on SaudiNewsNet)."""
    from arcorpus.plotting.charts import CAPTION_CHARS

    table = pd.DataFrame({"topic": [0, 0], "term": ["درعا", "ريف"], "weight": [0.3, 0.2]})
    long = ["#ان_لم_تتغير_عاداتك_فلن_تتغير_فوائدك", "@9abdullah1418", "#ثمان_واربعون_قانونا",
            "سياسة", "اقتصاد"]
    lift = pd.DataFrame({"topic": 0, "rank": range(1, 6), "term": long})
    fig, axes = topic_grid(table, n_cols=1, labels={"lift": lift})
    line = axes[0, 0].get_xlabel().split("\n")[0]
    expected = f"lift: {long[0][:15]}…، @9abdullah1418"  # the third term would not fit
    assert line == shown(expected) and len(expected) <= CAPTION_CHARS
    assert len(expected + "، " + long[2]) > CAPTION_CHARS
    plt.close(fig)


def test_prevalence_plot_lines_and_bands_per_source():
    from arcorpus.plotting import prevalence_plot

    days = pd.date_range("2015-07-01", periods=5)
    table = pd.DataFrame({"date": list(days) * 4, "source": (["عكاظ"] * 5 + ["سبق"] * 5) * 2,
                          "topic": [0] * 10 + [3] * 10, "estimate": 0.2, "lower": 0.1,
                          "upper": 0.3})
    fig, axes = prevalence_plot(table, titles={3: "معارك"})
    assert [ax.get_title() for ax in axes.flat] == [shown("الموضوع 0"),
                                                    shown("معارك")]
    assert len(axes[0, 0].lines) == 2 and len(axes[0, 0].collections) == 2  # lines, bands
    assert sorted(t.get_text() for t in fig.legends[0].get_texts()) == sorted(
        shown(s) for s in ["عكاظ", "سبق"])
    plt.close(fig)


def test_time_series_arabic_legend(tmp_path):
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2015-07-01", "2015-08-01"] * 2),
        "series": ["داعش", "داعش", "جبهة النصرة", "جبهة النصرة"],
        "value": [4, 6, 2, 3],
    })
    fig, ax = time_series(frame, title="الإشارات شهرياً", ylabel="عدد الإشارات")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [shown("جبهة النصرة"), shown("داعش")]
    assert ax.get_ylabel() == shown("عدد الإشارات")
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
    fig, axes = model_selection(table, labels={"stability": "Stability (3 seeds)"}, lang="en")
    assert [ax.get_title() for ax in axes] == [
        "Coherence (NPMI)", "Coherence (UMass)", "Held-out perplexity", "Stability (3 seeds)"]
    # the ringed point of each panel is its best K (max, max, min, max)
    rings = [ax.get_lines()[1].get_xdata()[0] for ax in axes]
    assert rings == [3, 2, 2, 2]
    assert list(axes[0].get_lines()[0].get_xdata()) == [2, 3, 4]
    assert [ax.get_xlabel().split("; ")[1] for ax in axes] == [
        "higher is better", "higher is better", "lower is better", "higher is better"]
    assert not missing_glyphs(fig)
    plt.close(fig)
    nmf = table.assign(perplexity=float("nan"))
    fig, axes = model_selection(nmf)  # Arabic by default
    assert len(axes) == 3 and shown("الحيرة على نصوص محجوزة") not in [
        ax.get_title() for ax in axes]
    assert [ax.get_title() for ax in axes][-1] == shown("الثبات عبر البذور")
    assert axes[0].get_xlabel() == shown("عدد الموضوعات K؛ الأعلى أفضل")
    assert not missing_glyphs(fig)
    plt.close(fig)
    with pytest.raises(ValueError, match="no criterion to plot"):
        model_selection(table[["k"]])


# Labels that begin with a Latin word, as a user's data or a caption of the kit may: in an Arabic
# figure each must read as a right-to-left paragraph (README, issue 16).
LATIN_FIRST = ["ISIS (داعش)", "SPA واس", "Topic 3: جبهة النصرة", "AFP فرانس برس"]


def _arabic_figures():
    """Every chart helper in an Arabic figure, fed the labels of LATIN_FIRST wherever it takes
    a text (terms, names, series, rows, titles, axis labels)."""
    from arcorpus.plotting import dispersion_plot, histogram, prevalence_plot
    from arcorpus.topics import fit_topics

    a, b, c, d = LATIN_FIRST
    yield bar_terms(pd.DataFrame({"term": [a, b], "count": [3, 2]}), title=c, xlabel=d)[0]
    yield heatmap(pd.DataFrame([[0, 2], [2, 0]], index=[a, b], columns=[a, b]), title=c,
                  colorbar_label=d)[0]
    graph = nx.Graph()
    graph.add_node(a, mentions=3, type="jihadist")
    graph.add_node(b, label=f"{b} {b} {b} {b}", mentions=1, type="state_forces")  # wrapped
    graph.add_edge(a, b, weight=2)
    yield network(graph, title=c)[0]
    yield histogram(pd.DataFrame({"words": [3, 5, 8, 8], "source": [a, a, b, b]}), "words",
                    by="source", title=c, xlabel=d, ylabel=d)[0]
    yield histogram(pd.DataFrame({"words": [3, 5, 8, 8]}), "words", title=c, xlabel=d,
                    ylabel=d)[0]
    texts = ["قصف الطيران مدينة درعا وريفها", "قصف مدفعي على ريف درعا الشرقي",
             "مفاوضات جنيف والحل السياسي للأزمة", "الحل السياسي في مفاوضات جنيف المقبلة"] * 6
    model = fit_topics(texts, k=2, method="nmf", min_df=1, warn_small=False)
    yield topic_grid(model, n_cols=2, top_n=4, titles={0: c})[0]  # FREX: ... captions
    days = pd.date_range("2015-07-01", periods=3)
    yield prevalence_plot(pd.DataFrame({"date": list(days) * 2, "source": [a] * 3 + [b] * 3,
                                        "topic": 0, "estimate": 0.2}),
                          titles={0: c}, ylabel=d)[0]
    yield time_series(pd.DataFrame({"date": list(days) * 2, "series": [a] * 3 + [b] * 3,
                                    "value": [1, 2, 3, 3, 2, 1]}), title=c, xlabel=d,
                      ylabel=d)[0]
    yield dispersion_plot(pd.DataFrame({"term": [a, c], "doc_id": [b, d],
                                        "position": [0.2, 0.7]}), title=c, xlabel=d)[0]
    yield model_selection(pd.DataFrame({"k": [2, 3], "stability": [0.9, 0.7]}),
                          labels={"stability": c})[0]


def test_every_label_of_an_arabic_figure_reads_right_to_left():
    """Each helper hands matplotlib display_text(label, rtl=True) for the labels it is given,
    never the left-to-right paragraph of the old way; with native shaping, every line of every
    text holding Arabic (the kit's own captions too, e.g. "FREX: ...") has a right-to-left
    paragraph direction by the bidi rule P2/P3 that raqm applies."""
    from bidi import get_base_level

    from arcorpus.plotting import native_shaping

    everywhere: set[str] = set()
    for fig in _arabic_figures():
        lines = {line for text in texts_of(fig) for line in text.split("\n")}
        for label in LATIN_FIRST:
            assert display_text(label) not in lines, f"{label!r} laid out left to right"
        if native_shaping():
            arabic = [line for line in lines if re.search("[\u0600-\u06ff]", line)]
            assert arabic
            assert [line for line in arabic if get_base_level(line) != 1] == []
        assert not missing_glyphs(fig)
        everywhere |= lines
        plt.close(fig)
    for label in LATIN_FIRST:
        assert shown(label) != display_text(label)  # a label that needs the decision
        assert shown(label) in everywhere, label
