"""The AntConc-style tools of arcorpus.terms: window collocates, clusters, dispersion and
keyness by group, each checked against a naive implementation written here from the
definitions (or against scipy), on small texts and on the seed."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import chi2_contingency

from arcorpus.corpus import load_corpus
from arcorpus.terms import (
    clusters,
    collocates,
    dispersion,
    gries_dp,
    juilland_d,
    keyness,
    keyness_by,
    kwic,
    log_dice,
    t_score,
    term_positions,
    term_stream,
)
from arcorpus.text import ArabicAnalyzer

from conftest import CORPUS

TEXTS = [
    "قصف طيران التحالف مواقع الحوثيين في صنعاء وقال التحالف إن الغارات مستمرة",
    "استهدف طيران التحالف مواقع الحوثيين في عدن",
    "قال المتحدث باسم التحالف العربي إن قوات التحالف تقدمت",
    "أعلن الحوثيون وقف إطلاق النار",
]
RUNNING = ArabicAnalyzer(stopwords=None)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


def naive_windows(texts, node, left, right):
    """Collocate counts by definition: every word within the span of an occurrence of the
    node, each position once, node positions excluded; also the span size and N."""
    units = [RUNNING(t) for t in texts]
    key = RUNNING(node)
    inside, left_side, right_side, total = Counter(), Counter(), Counter(), 0
    n_spans, node_count = 0, 0
    for words in units:
        total += len(words)
        starts = [i for i in range(len(words) - len(key) + 1) if words[i:i + len(key)] == key]
        node_count += len(starts)
        covered = {i + k for i in starts for k in range(len(key))}
        lefts = {p for i in starts for p in range(i - left, i) if p >= 0} - covered
        rights = {p for i in starts for p in range(i + len(key), i + len(key) + right)
                  if p < len(words)} - covered
        for p in lefts:
            left_side[words[p]] += 1
        for p in rights:
            right_side[words[p]] += 1
        for p in lefts | rights:
            inside[words[p]] += 1
        n_spans += len(lefts | rights)
    frequency = Counter(w for words in units for w in words)
    return inside, left_side, right_side, n_spans, total, node_count, frequency


@pytest.mark.parametrize(("left", "right"), [(5, 5), (1, 0), (0, 2), (3, 1)])
def test_collocates_count_as_the_definition_says(left, right):
    table = collocates(TEXTS, "التحالف", left=left, right=right, min_count=1,
                       drop_stopwords=False).set_index("collocate")
    inside, lefts, rights, spans, total, nodes, frequency = naive_windows(
        TEXTS, "التحالف", left, right)
    assert dict(table["count"]) == dict(inside)
    assert {w: n for w, n in table["left"].items() if n} == dict(lefts)
    assert {w: n for w, n in table["right"].items() if n} == dict(rights)
    for word, row in table.iterrows():
        o11, c1 = inside[word], frequency[word]
        assert row["frequency"] == c1
        expected = spans * c1 / total
        assert row["expected"] == pytest.approx(expected, abs=1e-4)
        assert row["mi"] == pytest.approx(math.log2(o11 / expected), abs=1e-4)
        assert row["t_score"] == pytest.approx((o11 - expected) / math.sqrt(o11), abs=1e-4)
        assert row["log_dice"] == pytest.approx(14 + math.log2(2 * o11 / (nodes + c1)),
                                                abs=1e-4)
        observed = np.array([[o11, spans - o11], [c1 - o11, total - spans - c1 + o11]])
        g2 = chi2_contingency(observed, correction=False, lambda_="log-likelihood")[0]
        assert abs(row["g2"]) == pytest.approx(g2, abs=1e-3)
        assert (row["g2"] >= 0) == (o11 >= expected)


def test_collocates_options_and_errors():
    table = collocates(TEXTS, "التحالف", min_count=1)
    assert list(table.columns) == ["collocate", "count", "left", "right", "frequency",
                                   "expected", "mi", "t_score", "log_dice", "g2"]
    assert not set(table["collocate"]) & ArabicAnalyzer().stopword_set  # في، إن dropped
    assert list(table["g2"]) == sorted(table["g2"], reverse=True)
    by_dice = collocates(TEXTS, "التحالف", min_count=1, sort="log_dice", top_n=3)
    assert len(by_dice) == 3 and by_dice["log_dice"].is_monotonic_decreasing
    # a phrase as the node; its own words are never its collocates
    phrase = collocates(TEXTS, "طيران التحالف", min_count=1, drop_stopwords=False)
    assert set(phrase["collocate"]) == {"قصف", "مواقع", "حوثيين", "في", "صنعاء", "قال",
                                        "استهدف", "عدن"}
    assert collocates(TEXTS, "موسكو").empty  # never occurs: an empty table, same columns
    assert list(collocates(TEXTS, "موسكو").columns) == list(table.columns)
    with pytest.raises(ValueError, match="left and right"):
        collocates(TEXTS, "التحالف", left=0, right=0)
    with pytest.raises(ValueError, match="sort must be"):
        collocates(TEXTS, "التحالف", sort="dice")
    with pytest.raises(ValueError, match="no word"):
        collocates(TEXTS, "؟!")


def test_collocates_stay_inside_units(corpus):
    paragraphs = collocates(corpus, "النصرة", left=30, right=30, min_count=1,
                            drop_stopwords=False)
    articles = collocates(corpus, "النصرة", left=30, right=30, min_count=1,
                          drop_stopwords=False, unit="articles")
    assert paragraphs["count"].sum() < articles["count"].sum()  # spans cut at paragraph ends
    # the seed's concordance agrees: kwic's R1 words are the right collocates at span 1
    # (kwic leaves R1 empty where a bare proclitic stands, as in و"الاتحاد; the stream skips it)
    lines = kwic(corpus, "النصرة")
    right = collocates(corpus, "النصرة", left=0, right=1, min_count=1, drop_stopwords=False)
    assert right["count"].sum() == len(lines)
    found = dict(zip(right["collocate"], right["right"], strict=True))
    assert all(found[w] >= n for w, n in Counter(w for w in lines["R1"] if w).items())


def test_measures_by_hand():
    assert float(log_dice(10, 20, 20)) == 13.0
    assert float(log_dice(20, 20, 20)) == 14.0  # the maximum: always together
    assert float(t_score(16, 4)) == 3.0
    assert np.isnan(t_score(0, 4))


def naive_clusters(texts, term, sizes, position):
    words_of = [RUNNING(t) for t in texts]
    key = RUNNING(term)
    found: dict[tuple, list] = {}
    for doc, words in enumerate(words_of):
        seen = set()
        for i in range(len(words) - len(key) + 1):
            if words[i:i + len(key)] != key:
                continue
            for n in sizes:
                shifts = {"any": range(n - len(key) + 1), "left": [0],
                          "right": [n - len(key)]}[position]
                for shift in shifts:
                    start = i - shift
                    if start >= 0 and start + n <= len(words) and (start, n) not in seen:
                        seen.add((start, n))
                        found.setdefault(tuple(words[start:start + n]), []).append(doc)
    return {" ".join(g): (len(docs), len(set(docs))) for g, docs in found.items()}


@pytest.mark.parametrize("position", ["any", "left", "right"])
def test_clusters_match_a_naive_enumeration(position):
    table = clusters(TEXTS, "التحالف", n=(1, 3), position=position, min_count=1)
    got = {row.cluster: (row.count, row.range) for row in table.itertuples()}
    assert got == naive_clusters(TEXTS, "التحالف", [1, 2, 3], position)
    assert list(table.columns) == ["cluster", "n", "count", "range"]
    assert (table["n"] == table["cluster"].str.count(" ") + 1).all()


def test_clusters_filters_and_phrase():
    table = clusters(TEXTS, "التحالف", n=2, min_count=2)
    assert table.to_dict("records") == [
        {"cluster": "تحالف مواقع", "n": 2, "count": 2, "range": 2},  # ties: by cluster
        {"cluster": "طيران تحالف", "n": 2, "count": 2, "range": 2}]
    assert clusters(TEXTS, "التحالف", n=2, min_count=1, min_range=2)["range"].min() == 2
    phrase = clusters(TEXTS, "طيران التحالف", n=3, position="left", min_count=1)
    assert set(phrase["cluster"]) == {"طيران تحالف مواقع"}
    assert clusters(TEXTS, "موسكو").empty
    with pytest.raises(ValueError, match="cluster size"):
        clusters(TEXTS, "التحالف", n=(3, 2))


def test_a_stream_answers_like_the_text(corpus):
    stream = term_stream(corpus, unit="paragraphs")
    assert stream.sizes.sum() == len(stream.codes) == sum(
        len(RUNNING(t)) for t in corpus.paragraphs["text"])
    pd.testing.assert_frame_equal(collocates(stream, "الفصائل"), collocates(corpus, "الفصائل"))
    pd.testing.assert_frame_equal(clusters(stream, "الفصائل"), clusters(corpus, "الفصائل"))
    with pytest.raises(ValueError, match="units are fixed"):
        collocates(stream, "الفصائل", unit="sentences")


def test_positions_and_dispersion_on_the_seed(corpus):
    lines = kwic(corpus, "النصرة", unit="articles")
    positions = term_positions(corpus, ["النصرة", "داعش"])
    nusra = positions[positions["term"] == "النصرة"]
    assert len(nusra) == len(lines)
    words = RUNNING(corpus.articles["text"][0])
    assert (nusra["n_words"] == len(words)).all()
    assert all(words[w] == "نصرة" for w in nusra["word"])
    assert nusra["position"].between(0, 1).all() and nusra["word"].is_monotonic_increasing
    assert {"source", "date"} <= set(positions.columns)
    # a paragraph stream gives the same positions in the article
    by_paragraph = term_positions(term_stream(corpus, unit="paragraphs"), ["النصرة", "داعش"])
    pd.testing.assert_frame_equal(positions, by_paragraph)
    table = dispersion(corpus, ["النصرة", "الفصائل"])
    assert table["parts"].tolist() == [1, 1] and table["juilland_d"].isna().all()
    assert table["count"].tolist() == [len(lines), 10]


def test_dispersion_by_group_against_the_formulas():
    frame = pd.DataFrame({"text": ["التحالف يقصف التحالف", "التحالف", "قال المتحدث",
                                   "المتحدث باسم التحالف"], "source": ["a", "a", "b", "c"]})
    table = dispersion(frame, ["التحالف", "المتحدث", "موسكو"], by="source").set_index("term")
    sizes = np.array([4, 2, 3])  # running words of a, b, c
    counts = {"التحالف": [3, 0, 1], "المتحدث": [0, 1, 1]}
    for term, part in counts.items():
        v, s = np.array(part) / sum(part), sizes / sizes.sum()
        assert table.loc[term, "dp"] == round(0.5 * np.abs(v - s).sum(), 4)
        assert table.loc[term, "dp_norm"] == round(0.5 * np.abs(v - s).sum() / (1 - s.min()), 4)
        rates = np.array(part) / sizes
        d = 1 - rates.std() / rates.mean() / math.sqrt(len(rates) - 1)
        assert table.loc[term, "juilland_d"] == round(d, 4)
        assert table.loc[term, "range"] == sum(1 for c in part if c)
    assert table.loc["موسكو", "count"] == 0 and np.isnan(table.loc["موسكو", "dp"])
    with pytest.raises(ValueError, match="no column"):
        dispersion(frame, "التحالف", by="month")


@given(st.lists(st.integers(0, 50), min_size=2, max_size=12),
       st.lists(st.integers(1, 500), min_size=12, max_size=12))
def test_dispersion_measures_stay_in_range(counts, sizes):
    sizes = sizes[:len(counts)]
    dp, d = gries_dp(counts, sizes).item(), juilland_d(counts, sizes).item()
    if sum(counts) == 0:
        assert np.isnan(dp) and np.isnan(d)
        return
    assert 0 <= dp < 1
    assert 0 <= gries_dp(counts, sizes, normalised=True).item() <= 1 + 1e-9
    assert -1e-9 <= d <= 1 + 1e-9


def test_keyness_by_is_keyness_of_each_group_against_the_rest():
    frame = pd.DataFrame({"text": TEXTS * 2, "source": ["a", "b", "c", "a", "b", "c", "a", "b"]})
    table = keyness_by(frame, "source", min_count=1)
    assert list(table.columns[:2]) == ["source", "term"]
    assert sorted(table["source"].unique()) == ["a", "b", "c"]
    for group in "abc":
        inside = frame["source"] == group
        expected = keyness(frame[inside], frame[~inside], min_count=1)
        got = table[table["source"] == group].drop(columns="source").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected)
    # options reach keyness; a grouping Series works too
    top = keyness_by(frame, frame["source"].rename("outlet"), min_count=1, top_n=2)
    assert top.groupby("outlet").size().max() <= 4
    with pytest.raises(ValueError, match="single group"):
        keyness_by(frame.assign(source="a"), "source")
