"""The explorers' state and callbacks, without a browser: each callback is called directly and
through its widget (ipywidgets run without a front end), and compared with the kit's functions."""

from __future__ import annotations

import warnings
from dataclasses import replace

import pandas as pd
import pytest

from arcorpus import load_corpus
from arcorpus.explore import (
    ActorsExplorer,
    ConcordanceExplorer,
    TermsExplorer,
    TopicsExplorer,
)
from arcorpus.factions import cooccurrence, cooccurrence_evidence, evidence_html, find_mentions
from arcorpus.terms import keyness, kwic, term_frequencies
from arcorpus.topics import fit_topics

from conftest import CORPUS

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def seed():
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def two_sources(seed):
    """The seed's paragraphs as twelve articles from two sources over two months."""
    paragraphs = seed.paragraphs
    return load_corpus(pd.DataFrame({
        "doc_id": [f"p{i:02d}" for i in range(len(paragraphs))],
        "text": paragraphs["text"].tolist(),
        "source": ["alpha" if i % 2 else "beta" for i in range(len(paragraphs))],
        "date": ["2015-07-20" if i < 6 else "2015-08-03" for i in range(len(paragraphs))],
    }))


@pytest.fixture(scope="module")
def model(seed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fit_topics(seed, k=3, min_df=1, random_state=0)


def test_concordance_callbacks(seed):
    explorer = ConcordanceExplorer(seed, "النصرة", window=3)
    expected = kwic(seed, "النصرة", window=3, unit="paragraphs")
    assert explorer.lines[["doc_id", "para_id", "keyword", "left", "right"]].equals(
        expected[["doc_id", "para_id", "keyword", "left", "right"]])
    assert explorer.summary() == f"{len(expected)} lines for «النصرة»"
    assert len(explorer.search("النُّصرة")) == len(expected)  # normalised matching
    assert len(explorer.set_window(8)["left"].iloc[-1].split()) > \
        len(expected["left"].iloc[-1].split())
    ordered = explorer.set_sort(["R1", "L1"])
    assert ordered["R1"].tolist() == sorted(ordered["R1"])
    assert ordered.equals(kwic(seed, "النُّصرة", window=8, unit="paragraphs",
                               sort=["R1", "L1"]))
    with pytest.raises(ValueError, match="context positions"):
        explorer.set_sort(["R4"])
    paragraph = str(explorer.select(2))
    line = explorer.lines.iloc[2]
    text = seed.paragraphs.set_index("para_id").loc[line["para_id"], "text"]
    assert f"<mark>{line['keyword']}</mark>" in paragraph and explorer.selected == 2
    assert paragraph.count("<mark>") == 1 and text.split()[0] in paragraph
    with pytest.raises(IndexError):
        explorer.select(len(explorer.lines))
    assert explorer.search("   ").empty and explorer.summary() == "Type a word or a phrase."
    assert explorer.search("«»").empty and "no word" in explorer.summary()


def test_concordance_filters_by_source_and_date(two_sources):
    explorer = ConcordanceExplorer(two_sources, "داعش")
    every = explorer.lines
    assert set(every["source"]) == {"alpha", "beta"} and explorer.sources == ["alpha", "beta"]
    alpha = explorer.set_source("alpha")
    assert len(alpha) == (every["source"] == "alpha").sum() and set(alpha["source"]) == {"alpha"}
    assert explorer.summary().startswith(f"{len(alpha)} of {len(every)} lines")
    with pytest.raises(ValueError, match="no source 'gamma'"):
        explorer.set_source("gamma")
    explorer.set_source(None)
    assert explorer.days == ["2015-07-20", "2015-08-03"]
    july = explorer.set_dates("2015-07-01", "2015-07-31")
    assert len(july) == (every["date"].dt.month == 7).sum() > 0
    assert explorer.set_dates("2015-09-01", None).empty and explorer.selected is None
    assert len(explorer.set_dates(None, None)) == len(every)


def test_concordance_widget_wiring(two_sources):
    explorer = ConcordanceExplorer(two_sources, "النصرة", max_lines=4)
    bundle = explorer._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and "arcorpus-kwic" in bundle["text/html"]
    assert "<mark>" in bundle["text/html"]  # the first line's paragraph is in the snapshot
    controls = explorer.controls
    before = [row[2].value for row in controls["rows"]]
    controls["query"].value = "داعش"
    assert explorer.query == "داعش" and controls["status"].value.count("داعش") == 1
    assert [row[2].value for row in controls["rows"]] != before
    shown = [row for row in controls["rows"] if row[0].layout.display != "none"]
    assert len(shown) == min(4, len(explorer.lines))
    shown[1][0].click()  # "read" the second line
    assert explorer.selected == 1 and controls["reading"].value == str(explorer.paragraph(1))
    controls["source"].value = "beta"
    assert set(explorer.lines["source"]) == {"beta"}
    controls["sort"].value = "L1"
    assert explorer.sort == ["L1"]
    controls["dates"].value = ("2015-08-03", "2015-08-03")
    assert explorer.dates == ("2015-08-03", "2015-08-03")
    assert (explorer.lines["date"].dt.month == 8).all()


def test_terms_measures_groups_and_click(two_sources):
    explorer = TermsExplorer(two_sources, by="source", top_n=5)
    whole = term_frequencies(two_sources, min_count=2).head(5)
    assert explorer.table()[["term", "count"]].equals(whole[["term", "count"]])
    alpha = explorer.set_group("alpha")
    grouped = term_frequencies(two_sources, by="source", min_count=2)
    assert alpha["term"].tolist() == grouped.query("source == 'alpha'")["term"].head(5).tolist()
    rates = explorer.set_measure("per 10k")
    assert rates["per_10k"].is_monotonic_decreasing
    key = explorer.set_measure("keyness")
    inside = (two_sources.articles["source"] == "alpha").to_numpy()
    reference = keyness(two_sources.subset(inside), two_sources.subset(~inside), min_count=2)
    assert key["term"].tolist() == reference.query("log_ratio > 0")["term"].head(5).tolist()
    assert (key["log_ratio"] > 0).all()
    assert len(explorer.set_measure("TF-IDF")) == 5 and "tfidf" in explorer.table().columns
    assert len(explorer.set_top_n(3)) == 3
    explorer.set_group(None)
    assert explorer.table().empty and "pick a group" in explorer.summary()
    with pytest.raises(ValueError, match="measure is one of"):
        explorer.set_measure("chi2")
    with pytest.raises(ValueError, match="no group"):
        explorer.set_group("gamma")
    with pytest.raises(ValueError, match="no articles column"):
        TermsExplorer(two_sources, by="section")
    single = TermsExplorer(load_corpus(CORPUS), measure="keyness")
    assert single.table().empty and "1 value(s)" in single.summary()


def test_terms_widget_opens_the_concordance(two_sources):
    explorer = TermsExplorer(two_sources, by="source", top_n=6)
    explorer.widget()
    controls = explorer.controls
    controls["group"].value = "beta"
    shown = [b for b in controls["buttons"] if b.layout.display != "none"]
    assert len(shown) == 6 and shown[0].tooltip == explorer.table()["term"][0]
    shown[0].click()
    concordance = explorer.concordance
    assert concordance.query == shown[0].tooltip and concordance.source == "beta"
    assert len(concordance.lines) > 0 and set(concordance.lines["source"]) == {"beta"}
    assert concordance.controls["query"].value == shown[0].tooltip
    assert shown[0].tooltip in concordance.controls["status"].value
    controls["top_n"].value = 8
    assert sum(b.layout.display != "none" for b in controls["buttons"]) == 8
    controls["measure"].value = "keyness"
    assert explorer.measure == "keyness" and controls["chart"].value  # a chart is drawn


def test_actors_callbacks_and_widget(seed):
    mentions = find_mentions(seed)
    explorer = ActorsExplorer(seed, mentions)
    edges = cooccurrence(mentions, unit="paragraphs", corpus=seed)
    assert len(explorer.edges) == len(edges) == explorer.graph.number_of_edges()
    fewer = explorer.set_min_count(2)
    assert len(fewer) == (edges["count"] >= 2).sum() < len(edges)
    assert explorer.set_measure("npmi")["npmi"].is_monotonic_decreasing
    assert set(explorer.measures) >= {"count", "log_dice", "npmi", "g2"}
    with pytest.raises(ValueError, match="measure is one of"):
        explorer.set_measure("weight")
    with pytest.raises(ValueError):
        explorer.set_unit("chapters")
    assert str(explorer.pick("fsa", "nusra")) == str(evidence_html(
        cooccurrence_evidence(seed, mentions, "fsa", "nusra", unit="paragraphs"), max_rows=5))
    explorer.set_measure("count")
    explorer.set_min_count(1)
    explorer.widget()
    controls = explorer.controls
    before = controls["status"].value
    controls["min_count"].value = 2
    assert controls["status"].value != before and f"{len(fewer)} edges" in \
        controls["status"].value
    assert len(controls["pairs"].options) == len(fewer)
    controls["pairs"].value = controls["pairs"].options[0][1]
    assert "<mark" in controls["evidence"].value
    controls["unit"].value = "sentences"
    assert explorer.unit == "sentences" and controls["min_count"].max >= 2
    assert len(explorer.edges) == (cooccurrence(mentions, unit="sentences", corpus=seed)
                                   ["count"] >= 2).sum()
    bundle = explorer._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and "data:image/png;base64," in bundle["text/html"]


def test_topics_callbacks_and_extra_columns(seed, model):
    explorer = TopicsExplorer(model)
    assert explorer.terms()["term"].tolist() == model.top_terms(10)[0]
    assert explorer.set_topic(2)["term"].tolist() == model.top_terms(10)[2]
    assert "<mark" not in str(explorer.documents()) and "topic" in str(explorer.documents())
    assert explorer.prevalence("month") is None  # the seed has no date: no month panel
    assert explorer.prevalence("source")["source"].unique().tolist() == ["Al-Araby Al-Jadeed"]
    with pytest.raises(ValueError, match=r"topic is 0\.\.2"):
        explorer.set_topic(3)
    assert explorer.orders == ["weight", "frex"]  # the kit's models carry FREX (issue 15)
    plain = TopicsExplorer(replace(model, topic_terms=model.topic_terms.drop(
        columns=["frex", "lift"])))  # e.g. a table built elsewhere, with weights only
    assert plain.orders == ["weight"]
    with pytest.raises(ValueError, match="order terms by"):
        plain.set_order("frex")
    # FREX that orders the terms otherwise than their weights, and another extra column
    terms = model.topic_terms.assign(frex=lambda t: 1.0 / t["rank"], lift=1.0)
    terms.loc[terms["rank"] == 10, "frex"] = 2.0
    richer = TopicsExplorer(replace(model, topic_terms=terms))
    assert richer.orders == ["weight", "frex"]
    ranked = richer.set_order("frex")
    assert ranked["rank"].iloc[0] == 10 and {"frex", "lift"} <= set(ranked.columns)
    richer.widget()
    richer.controls["topic"].value = 1
    assert "frex" in richer.controls["terms"].value and richer.topic == 1
    assert bytes(richer.controls["prevalence"].value).startswith(b"\x89PNG")
    bundle = richer._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and "lift" in bundle["text/html"]
    with pytest.raises(TypeError, match="fitted TopicModel"):
        TopicsExplorer(model.topic_terms)


def test_topics_prevalence_by_month_and_source(two_sources):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = fit_topics(two_sources, k=2, min_df=1, random_state=0)
    explorer = TopicsExplorer(model, topic=1)
    month = explorer.prevalence("month")
    assert month["month"].unique().tolist() == ["2015-07", "2015-08"]
    assert month.groupby("month")["share"].sum().round(3).tolist() == [1.0, 1.0]
    assert explorer.prevalence("source")["source"].unique().tolist() == ["alpha", "beta"]
    assert explorer.picture().startswith(b"\x89PNG")
