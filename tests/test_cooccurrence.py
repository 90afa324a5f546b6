"""Co-occurrence: counts from sparse algebra equal brute-force pair counting, measures equal
hand computation, windows, groups, evidence and export."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import networkx as nx
import pandas as pd
import pytest

from arcorpus.corpus import load_corpus
from arcorpus.factions import (
    actor_graph,
    cooccurrence,
    cooccurrence_evidence,
    cooccurrence_matrix,
    evidence_html,
    export_graph,
    find_mentions,
)

from conftest import CORPUS


@pytest.fixture(scope="module")
def seed():
    corpus = load_corpus(CORPUS)
    return corpus, find_mentions(corpus)


def brute_force(mentions, key):
    units = mentions.groupby(key)["actor_id"].apply(lambda s: sorted(set(s)))
    return Counter(pair for actors in units for pair in itertools.combinations(actors, 2))


@pytest.mark.parametrize(("unit", "key"), [("paragraphs", ["doc_id", "para_id"]),
                                           ("sentences", ["doc_id", "sent_id"]),
                                           ("articles", ["doc_id"])])
def test_counts_equal_brute_force_pair_counting(seed, unit, key):
    corpus, mentions = seed
    edges = cooccurrence(mentions, unit=unit, corpus=corpus)
    ours = {(a, b): n for a, b, n in zip(edges["actor_a"], edges["actor_b"], edges["count"],
                                         strict=True)}
    assert ours == dict(brute_force(mentions, key))
    assert (edges["actor_a"] < edges["actor_b"]).all()


def test_measures_by_hand():
    # 10 paragraphs; a in 4, b in 5, both in 3
    rows = [("d", p, "a") for p in (0, 1, 2, 3)] + [("d", p, "b") for p in (1, 2, 3, 4, 5)]
    mentions = pd.DataFrame(rows, columns=["doc_id", "para_id", "actor_id"]).assign(sent_id=0)
    edge = cooccurrence(mentions).iloc[0]
    assert (edge["count"], edge["count_a"], edge["count_b"], edge["n_units"]) == (3, 4, 5, 6)
    n_ab, n_a, n_b, n = 3, 4, 5, 6  # without a corpus, N = units naming an actor
    assert edge["jaccard"] == pytest.approx(n_ab / (n_a + n_b - n_ab), abs=1e-4)
    assert edge["dice"] == pytest.approx(2 * n_ab / (n_a + n_b), abs=1e-4)
    assert edge["log_dice"] == pytest.approx(14 + math.log2(2 * n_ab / (n_a + n_b)), abs=1e-4)
    p = math.log2(n_ab * n / (n_a * n_b))
    assert edge["pmi"] == pytest.approx(p, abs=1e-4)
    assert edge["npmi"] == pytest.approx(p / -math.log2(n_ab / n), abs=1e-4)
    # G² of [[3, 1], [2, 0]] by hand
    cells = [(3, 4 * 5 / 6), (1, 4 * 1 / 6), (2, 2 * 5 / 6)]
    assert edge["g2"] == pytest.approx(2 * sum(o * math.log(o / e) for o, e in cells), abs=1e-4)


def test_min_count_matrix_and_corpus_totals(seed):
    corpus, mentions = seed
    edges = cooccurrence(mentions, corpus=corpus)
    assert set(edges["n_units"]) == {12}  # all 12 paragraphs, not only those naming actors
    strong = cooccurrence(mentions, corpus=corpus, min_count=2)
    assert (strong["count"] >= 2).all() and len(strong) < len(edges)
    matrix = cooccurrence_matrix(edges)
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()
    assert matrix.loc["fsa", "nusra"] == matrix.loc["nusra", "fsa"] == 2
    with pytest.raises(ValueError, match="value must be one of"):
        cooccurrence_matrix(edges, value="cosine")


def test_window_and_groups(seed):
    corpus, mentions = seed
    near = cooccurrence(mentions, window=3, corpus=corpus)
    wide = cooccurrence(mentions, window=60, corpus=corpus)
    assert near["count"].sum() < wide["count"].sum()
    assert set(near["n_units"]) == {len(mentions)}
    near = near.set_index(["actor_a", "actor_b"])
    assert near.loc[("fsa", "nusra"), "count"] == 2  # و"الجيش الحر" و"جبهة النصرة", twice
    # "جيش الإسلام" و"أحرار الشام" stand side by side once: one pair, counted once
    assert near.loc[("ahrar_al_sham", "jaysh_al_islam"), "count"] == 1
    assert (near[["jaccard", "dice"]] <= 1).all().all()
    with pytest.raises(ValueError, match="needs the corpus"):
        cooccurrence(mentions, window=3)
    grouped = cooccurrence(mentions, corpus=corpus, by="source")
    assert list(grouped.columns[:3]) == ["source", "actor_a", "actor_b"]
    assert set(grouped["source"]) == {"Al-Araby Al-Jadeed"}
    assert grouped.drop(columns="source").equals(cooccurrence(mentions, corpus=corpus))


def test_evidence_table_and_escaped_display(seed):
    corpus, mentions = seed
    evidence = cooccurrence_evidence(corpus, mentions, "fsa", "nusra", unit="sentences")
    text = corpus.articles["text"][0]
    assert len(evidence) == 2
    for row in evidence.itertuples():
        assert text[row.start:row.end] == row.text
        assert {actor for _, _, actor in row.mentions} == {"fsa", "nusra"}
    markup = str(evidence_html(evidence))
    assert markup.startswith('<table dir="rtl"') and '<mark title="fsa">الجيش الحر</mark>' in markup
    assert '&quot;الدولة&quot;' in markup  # quotes in the text are escaped
    hostile = evidence.assign(text=evidence["text"].str.replace("الغربي", "<script>x</script>"))
    assert "<script>" not in str(evidence_html(hostile))


def test_actor_graph_keeps_the_most_named_actors_on_request(seed):
    corpus, mentions = seed
    edges = cooccurrence(mentions, corpus=corpus)
    whole = actor_graph(edges, mentions)
    counts = mentions["actor_id"].value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    top = actor_graph(edges, mentions, top_n=3)
    kept = {actor for actor, _ in ranked[:3]}
    assert set(top.nodes) <= kept and top.number_of_nodes() >= 2
    assert all(a in kept and b in kept for a, b in top.edges)
    assert all(top.edges[a, b] == whole.edges[a, b] for a, b in top.edges)
    same = actor_graph(edges, mentions, top_n=len(counts))  # a cap above the count: no change
    assert list(same.nodes) == list(whole.nodes) and list(same.edges) == list(whole.edges)
    with pytest.raises(ValueError, match="top_n must be at least 1"):
        actor_graph(edges, mentions, top_n=0)


def test_graph_export_for_gephi(seed, tmp_path):
    corpus, mentions = seed
    graph = actor_graph(cooccurrence(mentions, corpus=corpus), mentions, weight="log_dice")
    assert graph.nodes["nusra"]["label"] == "جبهة النصرة"
    assert graph.nodes["nusra"]["mentions"] == 6 and graph.nodes["regime"]["type"] == "state_forces"
    for name in ("net.gexf", "net.graphml"):
        export_graph(graph, tmp_path / name)
        back = (nx.read_gexf if name.endswith("gexf") else nx.read_graphml)(tmp_path / name)
        assert back.number_of_edges() == graph.number_of_edges()
        assert back.nodes["nusra"]["label"] == "جبهة النصرة"
    with pytest.raises(ValueError, match=r"gexf or \.graphml"):
        export_graph(graph, tmp_path / "net.json")
