"""Publication-grade layout: every chart helper, drawn on the seed article and on a realistic
larger input (20 actors with the gazetteer's longest names, 15 topics, 12 sources), in Arabic
and in English, has no text that collides with other text, runs into a data area, covers a
node's marker or is cut off at the figure's edge (:func:`arcorpus.plotting.layout_problems`,
measured at the resolution figures are saved at). Every committed figure carries the same check
in its manifest, and tests/test_notebooks.py proves the manifests current byte for byte.

The check itself is tested first, on figures made to fail, so that it cannot pass vacuously.
The check and the Arabic figures run in both matplotlib environments (marker: rendering: 3.10
shapes Arabic by reshape + bidi, with other text widths); the English figures, the language and
the committed manifests once."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from arcorpus.plotting import (
    bar_terms,
    dispersion_plot,
    display_text,
    heatmap,
    histogram,
    layout_problems,
    model_selection,
    network,
    prevalence_plot,
    time_series,
    topic_grid,
)
from arcorpus.plotting.charts import TYPE_COLORS, category_color
from arcorpus.plotting.labels import ACTOR_TYPES, MEASURES, RELATIONS, WORDS

from conftest import CORPUS, ROOT

rendering = pytest.mark.rendering

DPI = 150  # save_figure's resolution


# --- the check, on figures made to fail -------------------------------------------------------

@rendering
def test_layout_problems_finds_overlapping_tick_labels():
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.set_xticks(range(6), ["الجيش السوري الحر"] * 6)  # six long labels on a 2-inch axis
    kinds = {p["problem"] for p in layout_problems(fig, dpi=DPI)}
    assert "overlap" in kinds
    plt.close(fig)


@rendering
def test_layout_problems_finds_text_on_the_data_area_on_a_marker_and_outside():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.scatter([0, 1], [0, 1], s=900)
    ax.annotate("داعش", xy=(0, 0), xytext=(1, 1), ha="center", va="center")  # on the other node
    ax.set_ylabel("عدد " * 30)  # longer than the figure is high
    ax.xaxis.set_tick_params(pad=-20)  # tick labels drawn inside the plot
    problems = layout_problems(fig, dpi=DPI)
    kinds = {p["problem"] for p in problems}
    assert {"on marker", "outside figure", "on data area"} <= kinds
    assert all(p["depth_pt"] > 0 for p in problems)
    plt.close(fig)


@rendering
def test_layout_problems_measures_slanted_labels_as_they_are_drawn():
    """Parallel slanted labels whose upright boxes overlap but whose rotated outlines do not
    are fine; the same labels laid flat collide."""
    fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
    ax.plot(range(8), range(8))
    ax.set_xticks(range(8), ["قوات سوريا الديمقراطية"] * 8, rotation=45, ha="right",
                  rotation_mode="anchor")
    assert not [p for p in layout_problems(fig, dpi=DPI) if p["problem"] == "overlap"]
    for text in ax.get_xticklabels():
        text.set_rotation(0)
    assert [p for p in layout_problems(fig, dpi=DPI) if p["problem"] == "overlap"]
    plt.close(fig)


@rendering
def test_layout_problems_is_clean_on_a_plain_figure():
    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    ax.plot([1, 2, 3], [3, 1, 2], "o")
    ax.set_title("عنوان")
    assert layout_problems(fig, dpi=DPI) == []
    plt.close(fig)


# --- inputs ------------------------------------------------------------------------------------

SOURCES = ["الرياض", "عكاظ", "الوطن", "الجزيرة", "سبق", "اليوم", "المدينة", "الشرق الأوسط",
           "الاقتصادية", "الحياة", "مكة", "البلاد"]
SOURCES_EN = ["Alriyadh", "Okaz", "Alwatan", "Aljazirah", "Sabq", "Alyaum", "Almadina",
              "Asharq Al-Awsat", "Aleqtisadiah", "Alhayat", "Makkah", "Albilad"]


@cache
def seed():
    """What the notebooks compute on the seed article."""
    from arcorpus.course import open_corpus
    from arcorpus.factions import (
        actor_graph,
        cooccurrence,
        cooccurrence_matrix,
        find_mentions,
        load_gazetteer,
        relations,
    )
    from arcorpus.terms import term_frequencies
    from arcorpus.topics import fit_topics

    corpus = open_corpus(CORPUS)
    gazetteer = load_gazetteer()
    mentions = find_mentions(corpus, gazetteer=gazetteer)
    edges = cooccurrence(mentions, unit="paragraphs", corpus=corpus)
    top = mentions["actor_id"].value_counts().index[:8].tolist()
    matrix = cooccurrence_matrix(edges, actors=top)
    typed = relations(corpus, mentions)
    sentences = cooccurrence(mentions, unit="sentences", corpus=corpus)
    paragraphs = corpus.unit_table("paragraphs")
    model = fit_topics(paragraphs["text"].tolist(), k=3, method="nmf", min_df=1,
                       random_state=0, warn_small=False)
    return {
        "gazetteer": gazetteer.actors.set_index("actor_id"),
        "terms": term_frequencies(corpus),
        "matrix": matrix, "top": top,
        "graph": actor_graph(edges, mentions, weight="count", gazetteer=gazetteer),
        "signed": actor_graph(sentences, mentions, weight="count", gazetteer=gazetteer,
                              relations=typed),
        "lengths": paragraphs.assign(words=paragraphs["text"].str.split().str.len()),
        "model": model,
    }


@cache
def large():
    """A realistic larger input: the 20 actors of the gazetteer with the longest Arabic names
    (all actor types), 15 topics, 12 sources, a year of weeks."""
    from arcorpus.factions import load_gazetteer

    actors = load_gazetteer().actors
    actors = actors.assign(n=actors["name_ar"].str.len()).sort_values(
        ["n", "actor_id"], ascending=[False, True]).head(20).set_index("actor_id")
    rng = np.random.default_rng(0)
    graph = nx.Graph()
    for actor, row in actors.iterrows():
        graph.add_node(actor, mentions=int(rng.integers(2, 300)), type=row["type"],
                       label=row["name_ar"], name_en=row["name_en"])
    ids = actors.index.tolist()
    for a in range(len(ids)):
        for b in range(a + 1, len(ids)):
            if rng.random() < 0.2:
                graph.add_edge(ids[a], ids[b], weight=int(rng.integers(1, 60)),
                               relation=str(rng.choice(["conflict", "cooperation", "neither"])))
    counts = rng.integers(0, 120, (20, 20))
    counts = np.triu(counts, 1) + np.triu(counts, 1).T
    words = ["الائتلاف", "المعارضة", "الاشتباكات", "التحالف", "الإرهاب", "الحكومة", "المفاوضات",
             "القوات", "الطيران", "المدنيين", "اللاجئين", "الحدود", "الانتخابات", "الاقتصاد",
             "الاستثمار", "الوزارة", "المملكة", "الأمير", "المنطقة", "العاصمة", "المحافظة",
             "الاستقرار", "الإصلاحات"]
    topics = pd.DataFrame([{"topic": t, "term": words[(5 * t + j) % len(words)],
                            "weight": float(rng.random() / (j + 1))}
                           for t in range(15) for j in range(8)])
    weeks = pd.date_range("2015-01-04", periods=52, freq="W")
    return {
        "actors": actors, "graph": graph, "counts": counts, "topics": topics, "weeks": weeks,
        "terms": pd.DataFrame({"term": words, "count": rng.integers(50, 5000, len(words))}),
        "lengths": pd.DataFrame({"words": rng.gamma(2.0, 25.0, 6000).round() + 1,
                                 "source": rng.choice(SOURCES, 6000)}),
    }


def _sources(lang: str) -> list[str]:
    return SOURCES if lang == "ar" else SOURCES_EN


def _selection(n: int) -> pd.DataFrame:
    k = np.arange(2, 2 + n)
    return pd.DataFrame({"k": k, "coherence_npmi": 0.1 + 0.02 * np.sin(k),
                         "coherence_umass": -1.5 - 0.1 * np.cos(k),
                         "perplexity": 900.0 - 10 * k, "stability": 0.9 - 0.02 * k})


def _prevalence(days, sources, topics) -> pd.DataFrame:
    rows = [{"date": day, "source": s, "topic": t, "estimate": 0.05 + 0.01 * ((i + j + t) % 7),
             "lower": 0.02, "upper": 0.12}
            for t in topics for j, s in enumerate(sources) for i, day in enumerate(days)]
    return pd.DataFrame(rows)


def _positions(rows, terms, n: int, dates=None) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    table = pd.DataFrame({"term": rng.choice(terms, n), "row": rng.choice(rows, n),
                          "position": rng.random(n)})
    if dates is not None:
        table["date"] = rng.choice(dates, n)
    return table


def _weekly(series: list[str], weeks, counts: bool) -> pd.DataFrame:
    rng = np.random.default_rng(4)
    frame = pd.DataFrame([{"date": w, "series": s} for s in series for w in weeks])
    value = rng.poisson(30, len(frame)).astype(float)
    frame["value"] = value if counts else value / 10
    frame["low"], frame["high"] = frame["value"] * 0.7, frame["value"] * 1.3
    return frame


# one entry per chart helper and input: (lang) -> figure
FIGURES: dict[str, Callable[[str], Figure]] = {
    "bar_terms/seed": lambda lang: bar_terms(seed()["terms"], top_n=15, lang=lang)[0],
    "bar_terms/large": lambda lang: bar_terms(large()["terms"], top_n=20, lang=lang)[0],
    "heatmap/seed": lambda lang: heatmap(_named(seed()["matrix"], seed()["gazetteer"], lang),
                                         lang=lang)[0],
    "heatmap/large": lambda lang: heatmap(pd.DataFrame(
        large()["counts"], index=_names(large()["actors"], lang),
        columns=_names(large()["actors"], lang)), lang=lang)[0],
    "network/seed": lambda lang: network(seed()["graph"], lang=lang)[0],
    "network/seed signed": lambda lang: network(seed()["signed"], edge_color="relation",
                                                lang=lang)[0],
    "network/large": lambda lang: network(large()["graph"], lang=lang)[0],
    "network/large signed": lambda lang: network(large()["graph"], edge_color="relation",
                                                 lang=lang)[0],
    "histogram/seed": lambda lang: histogram(seed()["lengths"], "words", lang=lang)[0],
    "histogram/large": lambda lang: histogram(
        large()["lengths"].assign(source=lambda t: t["source"].map(
            dict(zip(SOURCES, _sources(lang), strict=True)))), "words", by="source",
        lang=lang)[0],
    "topic_grid/seed": lambda lang: topic_grid(seed()["model"], top_n=6, n_cols=3,
                                               lang=lang)[0],
    "topic_grid/large": lambda lang: topic_grid(large()["topics"], top_n=8, n_cols=4,
                                                lang=lang)[0],
    "prevalence_plot/small": lambda lang: prevalence_plot(_prevalence(
        pd.date_range("2015-07-01", periods=25), _sources(lang)[:4], [0, 3, 7]), lang=lang)[0],
    "prevalence_plot/large": lambda lang: prevalence_plot(_prevalence(
        large()["weeks"], _sources(lang), list(range(6))), lang=lang)[0],
    "time_series/small": lambda lang: time_series(
        _weekly(_names(large()["actors"], lang)[:2], large()["weeks"][:8], True),
        lower="low", upper="high", lang=lang)[0],
    "time_series/large": lambda lang: time_series(
        _weekly(_sources(lang)[:8], large()["weeks"], False), lower="low", upper="high",
        lang=lang)[0],
    "dispersion_plot/seed": lambda lang: dispersion_plot(
        _positions(["000_0eee5cfdabd81abf"], ["النصرة", "داعش"], 12), row="row", lang=lang)[0],
    "dispersion_plot/large": lambda lang: dispersion_plot(
        _positions(_sources(lang), ["النصرة", "داعش", "التحالف"], 600,
                   dates=large()["weeks"]), row="row", x="date", lang=lang)[0],
    "model_selection/seed": lambda lang: model_selection(_selection(4), lang=lang)[0],
    "model_selection/large": lambda lang: model_selection(_selection(12), lang=lang)[0],
}


def _names(actors: pd.DataFrame, lang: str) -> list[str]:
    return actors["name_ar" if lang == "ar" else "name_en"].tolist()


def _named(matrix: pd.DataFrame, gazetteer: pd.DataFrame, lang: str) -> pd.DataFrame:
    names = gazetteer["name_ar" if lang == "ar" else "name_en"]
    return matrix.set_axis([names[a] for a in matrix.index], axis=0).set_axis(
        [names[a] for a in matrix.columns], axis=1)


@pytest.mark.parametrize("lang", [pytest.param("ar", marks=rendering), "en"])
@pytest.mark.parametrize("case", sorted(FIGURES))
def test_chart_helpers_lay_out_their_text_without_collisions(case, lang):
    fig = FIGURES[case](lang)
    try:
        problems = layout_problems(fig, dpi=DPI)
        assert problems == [], f"{case} ({lang}): " + "; ".join(
            f"{p['problem']}: {p['a']} / {p['b']} ({p['depth_pt']} pt)" for p in problems[:5])
        assert not _other_language(fig, lang), f"{case} ({lang}): {_other_language(fig, lang)}"
    finally:
        plt.close(fig)


#: Latin words an Arabic figure may show: names of measures that have no Arabic form
LATIN_IN_ARABIC = {"FREX", "TF", "IDF", "NPMI", "UMass", "PMI", "K"}


def _other_language(fig: Figure, lang: str) -> list[str]:
    """Words of the other language the figure shows: in an Arabic figure, any Latin word but
    the measures' names; in an English one, any word the helpers write in Arabic (the data,
    such as Arabic terms, may stay Arabic)."""
    texts = [t.get_text() for t in fig.findobj(plt.Text) if t.get_text()]
    if lang == "ar":
        words = {w for t in texts for w in re.findall(r"[A-Za-z0-9_]+", t)
                 if re.search("[A-Za-z]", w) and not re.search("[0-9]", w)}  # ids are data
        return sorted(words - LATIN_IN_ARABIC)
    own = {re.sub(r"\{[^}]*\}", "", names["ar"]).strip(" ():؛")
           for table in (MEASURES, ACTOR_TYPES, RELATIONS, WORDS)
           for names in table.values()}
    own = {display_text(w) for w in own if re.search("[\u0600-\u06ff]", w)}
    return sorted({w for w in own for t in texts if w in t})


# --- language, colours, counts -----------------------------------------------------------------

@rendering
def test_network_speaks_the_figure_language_with_gazetteer_names():
    graph = seed()["signed"]
    for lang, column in (("ar", "name_ar"), ("en", "name_en")):
        fig, ax = network(graph, edge_color="relation", lang=lang)
        texts = {t.get_text().replace("\n", " ") for t in fig.findobj(plt.Text)}
        for actor in graph.nodes:
            name = seed()["gazetteer"].loc[actor, column]
            # each word as drawn (reshaped and reordered on matplotlib 3.10), wrapped or not
            assert all(any(display_text(w) in t for t in texts) for w in name.split()), \
                (lang, name)
        legends = [t.get_text() for c in ax.get_children()
                   if isinstance(c, plt.matplotlib.legend.Legend) for t in c.get_texts()]
        assert legends and all(("_" not in t) for t in legends)  # no snake_case ids
        plt.close(fig)


def test_actor_types_have_stable_named_colours():
    for kind in ACTOR_TYPES:
        if kind:
            assert category_color(kind) == TYPE_COLORS[kind]
    assert len(set(TYPE_COLORS.values())) == len(TYPE_COLORS)


def test_heatmap_of_counts_has_whole_number_colour_bar_ticks():
    for counts in (large()["counts"][:6, :6], np.array([[0, 1], [1, 0]]),
                   np.array([[0, 3, 1], [3, 0, 2], [1, 2, 0]])):
        names = [f"a{i}" for i in range(len(counts))]
        fig, _ = heatmap(pd.DataFrame(counts, index=names, columns=names), lang="en")
        fig.canvas.draw()
        bar = fig.axes[-1]
        ticks = [t for t in bar.get_yticks() if bar.get_ylim()[0] <= t <= bar.get_ylim()[1]]
        assert ticks and all(float(t).is_integer() for t in ticks), ticks
        plt.close(fig)


# --- the committed figures ---------------------------------------------------------------------

MANIFESTS = sorted((ROOT / "figures").rglob("*.manifest.json"))


@pytest.mark.parametrize("manifest", MANIFESTS, ids=[m.name for m in MANIFESTS])
def test_every_committed_figure_passed_the_layout_check(manifest):
    layout = json.loads(manifest.read_text(encoding="utf-8")).get("layout")
    assert layout is not None, f"{manifest.name}: saved before the layout check existed"
    assert layout["problems"] == [], f"{manifest.name}: {layout['problems'][:3]}"
