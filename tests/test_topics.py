"""Topic models: table shapes and invariants per engine, determinism per engine and thread
count, stability, coherence and FREX/lift against hand-computed values, seeded topics (NMF and
LDA), select_k in parallel and on a sample, covariate effects recovering a planted effect, the
out-of-core path, and clear errors for impossible inputs."""

from __future__ import annotations

import math
import shutil
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from arcorpus.corpus import load_corpus
from arcorpus.text import ArabicAnalyzer
from arcorpus.topics import (
    SmallCorpusWarning,
    TopicModelError,
    coherence_npmi,
    coherence_umass,
    fit_topics,
    fit_topics_online,
    frex,
    iter_text_batches,
    lift,
    representative_html,
    representative_units,
    select_k,
    stability,
    time_covariates,
    topic_effects,
    topic_prevalence,
    topic_term_table,
)

from conftest import CORPUS, SEED

# the seed's 12 paragraphs are too few for meaningful topics: said once, in its own test
pytestmark = pytest.mark.filterwarnings("ignore::arcorpus.topics.SmallCorpusWarning")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


ENGINES = [("lda", "tomotopy"), ("lda", "sklearn"), ("nmf", "sklearn")]


@pytest.mark.parametrize(("method", "engine"), ENGINES)
def test_tables_and_invariants(corpus, method, engine):
    model = fit_topics(corpus, k=3, method=method, engine=engine, min_df=1, top_n=8)
    assert model.engine == engine
    assert model.counts.shape[0] == 12  # the seed's 12 paragraphs are the documents
    assert list(model.topic_terms.columns) == ["topic", "rank", "term", "weight", "frex", "lift"]
    assert len(model.topic_terms) == 3 * 8
    assert model.topic_terms.groupby("topic")["rank"].apply(list).tolist() == [
        list(range(1, 9))] * 3
    assert model.topic_terms["frex"].between(0, 1).all() and (model.topic_terms["lift"] > 0).all()
    assert list(model.doc_topics.columns) == ["doc_id", "para_id", "topic", "share"]
    assert len(model.doc_topics) == 12 * 3
    sums = model.doc_topics.groupby(["doc_id", "para_id"])["share"].sum()
    assert np.allclose(sums, 1.0) and np.allclose(model.shares.sum(axis=1), 1.0)
    assert (model.doc_topics["share"] >= 0).all()
    assert set(model.topic_terms["term"]) <= set(model.vocabulary)
    components = np.asarray(model.model.components_)
    assert components.shape == (3, len(model.vocabulary))
    if method == "lda":  # a posterior to draw topic shares from, consistent with the shares
        assert model.posterior.shape == (12, 3) and (model.posterior > 0).all()
        assert np.allclose(model.posterior / model.posterior.sum(axis=1, keepdims=True),
                           model.shares)
    else:
        assert model.posterior is None


@pytest.mark.parametrize(("method", "engine", "n_jobs"),
                         [*[(m, e, 1) for m, e in ENGINES], ("lda", "tomotopy", 2)])
def test_same_seed_and_threads_same_tables(corpus, method, engine, n_jobs):
    init = "random" if method == "nmf" else None  # NMF's default start ignores the seed

    def fit(seed):  # few iterations: threads wait for each other on a busy machine
        return fit_topics(corpus, k=3, method=method, engine=engine, min_df=1,
                          random_state=seed, n_jobs=n_jobs, init=init, max_iter=30)

    a, b, other = fit(7), fit(7), fit(8)
    pd.testing.assert_frame_equal(a.topic_terms, b.topic_terms)
    pd.testing.assert_frame_equal(a.doc_topics, b.doc_topics)
    assert not np.array_equal(a.shares, other.shares)  # the seed matters


def test_tomotopy_thread_count_is_part_of_the_seed():
    # the documented limit: tomotopy's chain depends on the number of threads
    texts = [f"قصف درعا {i % 7} اشتباكات ريف" if i % 2 else f"مفاوضات جنيف {i % 5} حل سياسي"
             for i in range(80)]
    one, two, again = (fit_topics(texts, k=2, min_df=1, n_jobs=n) for n in (1, 2, 2))
    assert one.n_jobs == 1 and two.n_jobs == 2
    assert np.array_equal(two.shares, again.shares)  # same threads: the same chain
    assert not np.array_equal(one.shares, two.shares)  # other threads: another chain
    # ... which finds the same two topics (maybe numbered otherwise)
    assert sorted(map(sorted, one.top_terms(3).values())) == \
        sorted(map(sorted, two.top_terms(3).values()))


def test_same_seed_same_model_and_seeds_measured(corpus):
    a = fit_topics(corpus, k=3, min_df=1, random_state=7)
    b = fit_topics(corpus, k=3, min_df=1, random_state=7)
    assert stability([a.top_terms(), b.top_terms()]) == 1.0
    runs = [fit_topics(corpus, k=3, min_df=1, random_state=s).top_terms() for s in range(4)]
    measured = stability(runs)
    print(f"\nstability of LDA k=3 on the seed over 4 seeds: {measured}")
    assert 0 < measured < 1  # 12 paragraphs do not pin three topics down


def test_unknown_engine_is_refused_before_any_work(corpus):
    with pytest.raises(ValueError, match="engine for method='nmf' must be one of 'sklearn'"):
        fit_topics(corpus, k=2, method="nmf", engine="tomotopy")
    with pytest.raises(ValueError, match="'tomotopy', 'sklearn'; got 'gensim'"):
        select_k(corpus, [2], engine="gensim")


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
    with pytest.raises(TopicModelError, match="seeded LDA needs engine='tomotopy'"):
        fit_topics(corpus, k=3, min_df=1, engine="sklearn", seeds={0: ["داعش"]})
    with pytest.raises(ValueError, match="none of the seed words of topic 0"):
        fit_topics(corpus, k=3, min_df=1, seeds={0: ["كرة القدم"]})  # LDA checks them too


def test_seeded_lda_pulls_its_seed_words_in_as_hard_as_asked(corpus):
    seeds = {0: ["اشتباكات", "معارك"], 1: ["الائتلاف", "حل"]}
    free = fit_topics(corpus, k=3, min_df=1).top_terms(4)
    weak, strong = (fit_topics(corpus, k=3, min_df=1, seeds=seeds, seed_weight=w)
                    for w in (0.01, 0.05))
    assert strong.top_terms(2) == {0: ["اشتباكات", "معارك"], 1: ["ائتلاف", "حل"],
                                   2: strong.top_terms(2)[2]}
    assert weak.top_terms(2)[1] != ["ائتلاف", "حل"] and free[1][:2] != ["ائتلاف", "حل"]
    # the seeds steer the fit, not only the table: seed words' tokens go to their topic
    docs = strong.model.model.docs
    seeded = [t for doc in docs for w, t in zip(doc.words, doc.topics, strict=True)
              if strong.model.model.vocabs[w] == "اشتباكات"]
    assert seeded and set(seeded) == {0}


def test_select_k_reports_the_three_criteria(corpus):
    table = select_k(corpus, [2, 3], min_df=1, n_seeds=2)
    assert list(table.columns) == ["k", "coherence_npmi", "coherence_umass", "perplexity",
                                   "stability", "n_docs"]
    assert table["k"].tolist() == [2, 3] and table["n_docs"].tolist() == [12, 12]
    assert table["coherence_npmi"].between(-1, 1).all()
    assert (table["coherence_umass"] <= 0.5).all()
    assert (table["perplexity"] > 0).all() and table["stability"].between(0, 1).all()
    sk = select_k(corpus, [2], min_df=1, n_seeds=2, engine="sklearn", max_iter=10)
    assert (sk["perplexity"] > 0).all()
    nmf = select_k(corpus, [2, 6], method="nmf", min_df=2, n_seeds=3)
    assert nmf["perplexity"].isna().all()
    # NMF's stability is measured from random starts: at K=6 on 12 paragraphs they disagree
    assert nmf.set_index("k")["stability"][6] < 1
    # whereas its default (NNDSVD) start ignores the seed, which would fake a perfect score
    a, b = (fit_topics(corpus, k=6, method="nmf", random_state=s).top_terms() for s in (0, 1))
    assert stability([a, b]) == 1.0


def test_select_k_in_parallel_and_on_a_sample_gives_the_same_table():
    texts = [f"قصف درعا {i % 7} اشتباكات ريف" if i % 3 else f"مفاوضات جنيف {i % 5} حل سياسي"
             for i in range(120)]
    one = select_k(texts, [2, 3], min_df=1, n_seeds=2, n_jobs=1)
    two = select_k(texts, [2, 3], min_df=1, n_seeds=2, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)  # each fit on one thread, whatever n_jobs
    sampled = select_k(texts, [2], min_df=1, n_seeds=2, sample=50, n_jobs=2)
    assert sampled["n_docs"].tolist() == [50]
    assert select_k(texts, [2], min_df=1, n_seeds=1, sample=0.25)["n_docs"].tolist() == [30]
    with pytest.raises(ValueError, match="sample=500 asks for 500 of 120 documents"):
        select_k(texts, [2], sample=500)


def test_select_k_scores_perplexity_on_a_capped_subset_of_the_held_out_documents():
    texts = [f"قصف درعا {i % 7} اشتباكات ريف" if i % 3 else f"مفاوضات جنيف {i % 5} حل سياسي"
             for i in range(120)]  # 24 held-out documents
    every = select_k(texts, [2, 3], min_df=1, n_seeds=2, perplexity_docs=None)
    capped = select_k(texts, [2, 3], min_df=1, n_seeds=2, perplexity_docs=10)
    high = select_k(texts, [2, 3], min_df=1, n_seeds=2, perplexity_docs=24)
    # the fits are the same: only the perplexity (on 10 of the 24 documents) differs
    same = ["k", "coherence_npmi", "coherence_umass", "stability", "n_docs"]
    pd.testing.assert_frame_equal(every[same], capped[same])
    assert (capped["perplexity"] > 0).all()
    assert not np.allclose(capped["perplexity"], every["perplexity"])
    pd.testing.assert_frame_equal(every, high)  # a cap above the held-out count changes nothing


def test_frex_and_lift_against_hand_computation():
    beta = np.array([[0.5, 0.2, 0.2, 0.1], [0.1, 0.1, 0.2, 0.6]])
    # exclusivity (beta over its column sum): topic 0 (.833, .667, .5, .143), topic 1 the rest;
    # ECDF ranks over the 4 terms, ties averaged: frequency in topic 0 (1, .625, .625, .25),
    # exclusivity (1, .75, .5, .25); FREX = 1 / (.5 / freq + .5 / excl)
    hand = [[1.0, 1 / (0.5 / 0.625 + 0.5 / 0.75), 1 / (0.5 / 0.625 + 0.5 / 0.5), 0.25],
            [1 / (0.5 / 0.375 + 0.5 / 0.25), 1 / (0.5 / 0.375 + 0.5 / 0.5), 0.75, 1.0]]
    assert frex(beta) == pytest.approx(np.array(hand))
    assert frex(beta, weight=1.0)[0] == pytest.approx([1.0, 0.625, 0.625, 0.25])  # frequency
    # with corpus counts, exclusivity is shrunk (stm's js.estimate): terms counted once or twice
    # become uniform over topics (lambda = 1); counts 100 and 50 barely move (lambda .013, .020)
    counts = np.array([100, 2, 1, 50])
    shrunk = [[1.0, 0.625, 0.625, 0.25],
              [1 / (0.5 / 0.375 + 0.5 / 0.25), 1 / (0.5 / 0.375 + 0.5 / 0.625),
               1 / (0.5 / 0.75 + 0.5 / 0.625), 1.0]]
    assert frex(beta, counts) == pytest.approx(np.array(shrunk))
    assert lift(beta, counts) == pytest.approx(beta / (counts / 153))
    with pytest.raises(ValueError, match="FREX weight must be between 0 and 1"):
        frex(beta, weight=2)
    # in the model's table, and ranking by it
    class Fitted:
        components_ = beta * 10
    vocab = np.array(["a", "b", "c", "d"])
    table = topic_term_table(Fitted(), vocab, top_n=4, word_counts=counts, by="frex")
    assert table.query("topic == 1")["term"].tolist() == ["d", "c", "b", "a"]
    assert table.query("topic == 1")["frex"].tolist() == pytest.approx(sorted(shrunk[1])[::-1])
    by_lift = topic_term_table(Fitted(), vocab, top_n=1, word_counts=counts, by="lift")
    assert by_lift["term"].tolist() == ["c", "c"]  # seen once: lift favours rare terms


def test_model_labels_by_each_measure(corpus):
    model = fit_topics(corpus, k=3, min_df=1)
    assert model.top_terms(3, by="weight") == model.top_terms(3)
    by_frex = model.term_table(top_n=5, by="frex")
    assert by_frex.groupby("topic")["frex"].apply(lambda s: s.is_monotonic_decreasing).all()
    with pytest.raises(ValueError, match="by must be one of 'weight', 'frex', 'lift'"):
        model.term_table(by="prob")


#: the planted words are Latin (alpha3, beta17): counted only when asked, as term hygiene
#: leaves Latin script out by default
PLANTED = ArabicAnalyzer(latin=True, numbers=True)


def planted_corpus(n_docs=400, length=60, slope=0.5, seed=0):
    """Three topics with their own words; topic "alpha"'s share is 0.1 + slope * x, x ~ U(0, 1);
    the rest is split between "beta" and "gamma" at random (so that they are told apart)."""
    rng = np.random.default_rng(seed)
    words = {t: [f"{name}{i}" for i in range(25)] for t, name in enumerate(["alpha", "beta",
                                                                          "gamma"])}
    x = rng.uniform(0, 1, n_docs)
    texts = []
    for value in x:
        share, split = 0.1 + slope * value, rng.beta(2, 2)
        topics = rng.choice(3, size=length, p=[share, (1 - share) * split,
                                               (1 - share) * (1 - split)])
        texts.append(" ".join(words[t][rng.integers(25)] for t in topics))
    return pd.DataFrame({"text": texts, "x": x,
                         "source": np.where(rng.uniform(size=n_docs) < 0.5, "a", "b")})


@pytest.mark.parametrize("seed", [0, 1])
def test_topic_effects_recover_a_planted_effect_inside_the_interval(seed):
    frame = planted_corpus(seed=seed)
    model = fit_topics(frame, k=3, unit="articles", min_df=1, random_state=seed,
                       analyzer=PLANTED)
    alpha = next(t for t, terms in model.top_terms(1).items() if terms[0].startswith("alpha"))
    effects = topic_effects(model, formula="~ x + source", n_sims=100, random_state=seed)
    table = effects.table
    row = table[(table["topic"] == alpha) & (table["term"] == "x")].iloc[0]
    print(f"\nplanted slope 0.5 (seed {seed}): estimate {row.estimate:.3f}, 95% interval "
          f"[{row.lower:.3f}, {row.upper:.3f}]")
    assert row.lower < 0.5 < row.upper and row.upper - row.lower < 0.15
    # source has no effect: its intervals hold 0
    nothing = effects.table.query("term == 'source[T.b]'")
    assert ((nothing["lower"] < 0) & (nothing["upper"] > 0)).all()
    # a document's shares sum to 1, so the effects of x over the topics sum to 0 (up to the
    # sampling noise each draw adds, topic by topic)
    assert effects.table.query("term == 'x'")["estimate"].sum() == pytest.approx(0, abs=0.03)
    # stm's recipe with LDA's corpus-wide prior shrinks the effect towards zero
    shrunk = topic_effects(model, formula="~ x", prior="model", random_state=seed).table
    assert shrunk[(shrunk["topic"] == alpha) & (shrunk["term"] == "x")]["estimate"].iloc[0] \
        < row.estimate
    # the same seed, the same table
    again = topic_effects(model, formula="~ x + source", n_sims=100, random_state=seed)
    pd.testing.assert_frame_equal(effects.table, again.table)


def test_topic_effects_by_source_and_month_and_predictions():
    frame = planted_corpus(n_docs=240, seed=3)
    frame["date"] = pd.Timestamp("2015-07-20") + pd.to_timedelta(frame["x"] * 30, unit="D")
    model = fit_topics(frame, k=3, unit="articles", min_df=1, analyzer=PLANTED)
    by = topic_effects(model, by=["source", "month"], n_sims=20)
    assert by.formula == "~ source + month"
    assert list(by.table.columns) == ["topic", "term", "estimate", "std_error", "lower", "upper"]
    assert by.table["term"].unique().tolist() == ["Intercept", "source[T.b]", "month[T.2015-08]"]
    assert (by.table["lower"] <= by.table["estimate"]).all()
    assert (by.table["estimate"] <= by.table["upper"]).all()
    both = topic_effects(model, formula="~ source * bs(day, df=3)", n_sims=20)
    predicted = both.predict(n_points=5)
    assert len(predicted) == 3 * 2 * 5  # topics x sources x days
    assert {"source", "day", "date", "topic", "estimate", "lower", "upper"} <= set(predicted)
    assert predicted["date"].min() == pd.Timestamp("2015-07-20")
    assert ((predicted["lower"] <= predicted["estimate"])
            & (predicted["estimate"] <= predicted["upper"])).all()
    nmf = fit_topics(frame, k=3, method="nmf", unit="articles", min_df=1, analyzer=PLANTED)
    with pytest.raises(ValueError, match=r"NMF model has no posterior.*uncertainty='bootstrap'"):
        topic_effects(nmf, by="source")
    boot = topic_effects(nmf, by="source", uncertainty="bootstrap", n_sims=20)
    assert len(boot.table) == 3 * 2
    with pytest.raises(ValueError, match=r"either by=.* or formula="):
        topic_effects(model, by="source", formula="~ x")
    with pytest.raises(ValueError, match=r"names \['region'\], not columns of the data"):
        topic_effects(model, formula="~ region")
    with pytest.raises(ValueError, match="covariates \\['x'\\] have missing values"):
        topic_effects(model, formula="~ x", data=frame.assign(x=np.nan))
    with pytest.raises(ValueError, match="data has 3 rows, the model 240 documents"):
        topic_effects(model, formula="~ x", data=frame.head(3))


def test_time_covariates_from_crawl_dates():
    table, origin = time_covariates(pd.Series(pd.to_datetime(
        ["2015-07-31 10:00", "2015-08-02 12:00"]).tz_localize("Asia/Riyadh")))
    assert table["month"].tolist() == ["2015-07", "2015-08"]
    assert table["week"].tolist() == ["2015-07-27", "2015-07-27"]
    assert table["day"].tolist() == [0.0, 2.08] and origin == pd.Timestamp("2015-07-31")


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
