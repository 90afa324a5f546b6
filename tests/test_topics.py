"""Topic models: table shapes and invariants, seeds, stability, coherence against hand-computed
values, seeded topics, the out-of-core path, and clear errors for impossible inputs."""

from __future__ import annotations

import math
import shutil
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from arcorpus.corpus import load_corpus
from arcorpus.topics import (
    SmallCorpusWarning,
    TopicModelError,
    coherence_npmi,
    coherence_umass,
    fit_topics,
    fit_topics_online,
    iter_text_batches,
    representative_html,
    representative_units,
    select_k,
    stability,
    topic_prevalence,
    topic_term_table,
)

from conftest import CORPUS, SEED

# the seed's 12 paragraphs are too few for meaningful topics: said once, in its own test
pytestmark = pytest.mark.filterwarnings("ignore::arcorpus.topics.SmallCorpusWarning")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


@pytest.mark.parametrize("method", ["lda", "nmf"])
def test_tables_and_invariants(corpus, method):
    model = fit_topics(corpus, k=3, method=method, min_df=1, top_n=8)
    assert model.counts.shape[0] == 12  # the seed's 12 paragraphs are the documents
    assert list(model.topic_terms.columns) == ["topic", "rank", "term", "weight"]
    assert len(model.topic_terms) == 3 * 8
    assert model.topic_terms.groupby("topic")["rank"].apply(list).tolist() == [
        list(range(1, 9))] * 3
    assert list(model.doc_topics.columns) == ["doc_id", "para_id", "topic", "share"]
    assert len(model.doc_topics) == 12 * 3
    sums = model.doc_topics.groupby(["doc_id", "para_id"])["share"].sum()
    assert np.allclose(sums, 1.0) and np.allclose(model.shares.sum(axis=1), 1.0)
    assert (model.doc_topics["share"] >= 0).all()
    assert set(model.topic_terms["term"]) <= set(model.vocabulary)


def test_same_seed_same_model_and_seeds_measured(corpus):
    a = fit_topics(corpus, k=3, min_df=1, random_state=7)
    b = fit_topics(corpus, k=3, min_df=1, random_state=7)
    pd.testing.assert_frame_equal(a.topic_terms, b.topic_terms)
    pd.testing.assert_frame_equal(a.doc_topics, b.doc_topics)
    assert stability([a.top_terms(), b.top_terms()]) == 1.0
    runs = [fit_topics(corpus, k=3, min_df=1, random_state=s).top_terms() for s in range(4)]
    measured = stability(runs)
    print(f"\nstability of LDA k=3 on the seed over 4 seeds: {measured}")
    assert 0 < measured < 1  # 12 paragraphs do not pin three topics down


def test_coherence_against_hand_computation():
    # 5 documents over terms a, b, c: a in d0-d3, b in d0 d1 d4, c in d2 only
    X = sp.csr_matrix([[1, 1, 0], [2, 1, 0], [1, 0, 1], [1, 0, 0], [0, 3, 0]])
    vocab = np.array(["a", "b", "c"])
    # UMass over (a, b, c): pairs (b|a), (c|a), (c|b): log((D(b,a)+1)/D(a)) ...
    umass = np.mean([math.log((2 + 1) / 4), math.log((1 + 1) / 4), math.log((0 + 1) / 3)])
    assert coherence_umass(X, vocab, ["a", "b", "c"]) == pytest.approx(umass)
    # NPMI: (a,b) P=2/5, P(a)=4/5, P(b)=3/5; (a,c) P=1/5, P(c)=1/5; (b,c) never: -1
    def npmi(p_ij, p_i, p_j):
        return math.log(p_ij / (p_i * p_j)) / -math.log(p_ij)
    expected = np.mean([npmi(2 / 5, 4 / 5, 3 / 5), npmi(1 / 5, 4 / 5, 1 / 5), -1.0])
    assert coherence_npmi(X, vocab, ["a", "b", "c"]) == pytest.approx(expected)


def test_impossible_inputs_raise_clear_errors(corpus):
    with pytest.raises(TopicModelError, match=r"k=13 topics cannot be estimated from 12 doc"):
        fit_topics(corpus, k=13, min_df=1)
    with pytest.raises(TopicModelError, match="at least 2 documents, got 1"):
        fit_topics(corpus, k=2, unit="articles", min_df=1)
    with pytest.raises(TopicModelError, match="no term is left after filtering"):
        fit_topics(corpus, k=2, min_df=13)
    with pytest.raises(TopicModelError, match="no term is left"):
        fit_topics(["في من على", "إلى عن في"], k=1, min_df=1)
    with pytest.raises(ValueError, match="method must be 'lda' or 'nmf'"):
        fit_topics(corpus, k=2, method="lsa", min_df=1)


def test_seeded_topics_pull_their_seed_words_in(corpus):
    seeds = {0: ["اشتباكات", "معارك"], 1: ["الائتلاف", "حل"]}
    model = fit_topics(corpus, k=3, method="nmf", min_df=1, seeds=seeds, top_n=10)
    tops = model.top_terms(10)
    assert tops[0][0] == "اشتباكات" and tops[1][:2] == ["ائتلاف", "حل"]
    assert np.allclose(model.shares.sum(axis=1), 1) and model.shares.shape == (12, 3)
    free = fit_topics(corpus, k=3, method="nmf", min_df=1, top_n=10).top_terms(10)
    assert tops != free


def test_seed_weight_sets_how_hard_seeds_steer(corpus):
    # a seed list about ISIS: the share of topic 0's weight on its seed words grows with weight
    seeds = {0: ["داعش", "تنظيم"]}

    def seed_mass(weight):
        model = fit_topics(corpus, k=3, method="nmf", seeds=seeds, seed_weight=weight)
        row = model.model.components_[0] / model.model.components_[0].sum()
        columns = [list(model.vocabulary).index(t) for t in ("داعش", "تنظيم")]
        return row[columns].sum(), model.top_terms(2)[0]

    masses = [seed_mass(w) for w in (0.01, 0.05, 0.2)]
    assert masses[0][0] < masses[1][0] < masses[2][0]
    assert masses[1][1] == ["داعش", "تنظيم"]


def test_seed_errors_and_warnings(corpus):
    with pytest.warns(UserWarning, match=r"seed words of topic 0 not in the vocabulary.*قصف"):
        fit_topics(corpus, k=3, method="nmf", seeds={0: ["اشتباكات", "قصف"]})
    with pytest.raises(ValueError, match="none of the seed words of topic 0"):
        fit_topics(corpus, k=3, method="nmf", min_df=1, seeds={0: ["كرة القدم"]})
    with pytest.raises(ValueError, match=r"seeded topic 3 is outside 0\.\.2"):
        fit_topics(corpus, k=3, method="nmf", seeds={3: ["داعش"]})
    with pytest.raises(ValueError, match="seed_weight must be positive"):
        fit_topics(corpus, k=3, method="nmf", seeds={0: ["داعش"]}, seed_weight=0)
    with pytest.raises(TopicModelError, match="seeded topics are fitted with method='nmf'"):
        fit_topics(corpus, k=3, min_df=1, seeds={0: ["داعش"]})


def test_select_k_reports_the_three_criteria(corpus):
    table = select_k(corpus, [2, 3], min_df=1, n_seeds=2)
    assert list(table.columns) == ["k", "coherence_npmi", "coherence_umass", "perplexity",
                                   "stability"]
    assert table["k"].tolist() == [2, 3]
    assert table["coherence_npmi"].between(-1, 1).all()
    assert (table["coherence_umass"] <= 0.5).all()
    assert (table["perplexity"] > 0).all() and table["stability"].between(0, 1).all()
    nmf = select_k(corpus, [2, 6], method="nmf", min_df=2, n_seeds=3)
    assert nmf["perplexity"].isna().all()
    # NMF's stability is measured from random starts: at K=6 on 12 paragraphs they disagree
    assert nmf.set_index("k")["stability"][6] < 1
    # whereas its default (NNDSVD) start ignores the seed, which would fake a perfect score
    a, b = (fit_topics(corpus, k=6, method="nmf", random_state=s).top_terms() for s in (0, 1))
    assert stability([a, b]) == 1.0


def test_reading_representative_units_and_prevalence(corpus):
    model = fit_topics(corpus, k=2, min_df=1)
    table = representative_units(model, n=2)
    assert table.groupby("topic").size().tolist() == [2, 2]
    assert table.groupby("topic")["share"].apply(lambda s: s.is_monotonic_decreasing).all()
    hostile = table.assign(text="<script>alert(1)</script> نص")
    markup = str(representative_html(hostile))
    assert "<script>" not in markup and markup.startswith('<table dir="rtl"')
    halves = (model.units["para_id"] < 6).rename("first_half")
    prevalence = topic_prevalence(model, by=halves)
    assert list(prevalence.columns) == ["first_half", "topic", "share", "n_docs"]
    assert prevalence.groupby("first_half")["share"].sum().round(3).tolist() == [1.0, 1.0]
    assert prevalence["n_docs"].tolist() == [6, 6, 6, 6]


@pytest.mark.parametrize("method", ["lda", "nmf"])
def test_online_fit_in_batches_from_a_folder(tmp_path, method):
    for i in range(6):
        shutil.copy(SEED, tmp_path / f"a{i}.txt")
    batches = list(iter_text_batches(tmp_path, batch_size=2))
    assert [len(b) for b in batches] == [24, 24, 24]  # 2 articles x 12 paragraphs
    model, vocabulary = fit_topics_online(lambda: iter_text_batches(tmp_path, batch_size=2),
                                          k=3, method=method, min_df=2, passes=2)
    assert model.components_.shape == (3, len(vocabulary))
    assert len(vocabulary) > 50
    table = topic_term_table(model, vocabulary, top_n=5)
    assert table.groupby("topic").size().tolist() == [5, 5, 5]
    assert set(table["term"]) <= set(vocabulary)


def test_text_batches_in_each_unit(tmp_path, corpus):
    for i in range(3):
        shutil.copy(SEED, tmp_path / f"a{i}.txt")
    for unit, table in [("articles", corpus.articles), ("paragraphs", corpus.paragraphs),
                        ("sentences", corpus.sentences)]:
        batches = list(iter_text_batches(tmp_path, batch_size=2, unit=unit))
        assert [len(b) for b in batches] == [2 * len(table), len(table)], unit
        assert batches[1] == table["text"].tolist(), unit
    with pytest.raises(ValueError, match="unit must be"):
        iter_text_batches(tmp_path, unit="sentence")  # raised at the call, before any file


def test_small_corpus_is_said_plainly(corpus):
    with pytest.warns(SmallCorpusWarning, match=r"3 topics fitted on 12 documents.*not "
                                                 r"evidence of themes"):
        fit_topics(corpus, k=3, min_df=1)
    with pytest.warns(SmallCorpusWarning, match="fitted on 12 documents"):
        select_k(corpus, [2], min_df=1, n_seeds=1)
    many = [f"قصف درعا {i} اشتباكات" if i % 2 else f"مفاوضات جنيف {i} سياسي" for i in range(60)]
    with warnings.catch_warnings():
        warnings.simplefilter("error", SmallCorpusWarning)
        fit_topics(many, k=2, min_df=1)  # 30 documents per topic: no warning
