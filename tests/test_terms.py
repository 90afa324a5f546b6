"""arcorpus.terms: frequency tables, TF-IDF, keyness and collocations checked against hand-
computed values and an independent implementation (scipy), and KWIC matching and escaping."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, chi2_contingency

from arcorpus.corpus import load_corpus
from arcorpus.terms import (
    collocations,
    contingency_g2,
    document_term_matrix,
    keyness,
    kwic,
    kwic_html,
    log_likelihood_g2,
    log_ratio,
    term_frequencies,
    top_tfidf_terms,
)
from arcorpus.text import ArabicAnalyzer

from conftest import CORPUS


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


def test_term_frequencies_of_the_seed(corpus):
    table = term_frequencies(corpus)
    assert list(table.columns) == ["term", "count", "per_10k", "doc_freq", "rank"]
    # counts are exactly the analyzer's counts over the article text
    expected = Counter(ArabicAnalyzer()(corpus.articles["text"][0]))
    assert dict(zip(table["term"], table["count"], strict=True)) == dict(expected)
    top = table.iloc[0]
    # الفصائل x9 and وفصائل once (a plain regex over the file finds the same 10)
    assert (top["term"], top["count"], top["rank"]) == ("فصائل", 10, 1)
    # per 10,000 counted terms (the analyzer's kept tokens), the kit's one denominator
    assert top["per_10k"] == round(10 / table["count"].sum() * 10_000, 1)
    # one article: every term's document frequency is 1; by paragraph it is not
    assert set(table["doc_freq"]) == {1}
    by_paragraph = term_frequencies(corpus, unit="paragraphs").set_index("term")
    assert by_paragraph.loc["فصائل", "doc_freq"] == 6
    assert by_paragraph.loc["فصائل", "count"] == 10


def test_grouped_frequencies_and_top_n():
    frame = pd.DataFrame({"text": ["الفصائل في درعا", "الفصائل في القنيطرة", "داعش في درعا"],
                          "source": ["a", "a", "b"]})
    table = term_frequencies(frame, by="source", top_n=2)
    assert table.to_dict("records") == [
        {"source": "a", "term": "فصائل", "count": 2, "per_10k": 5000.0, "doc_freq": 2, "rank": 1},
        {"source": "a", "term": "درعا", "count": 1, "per_10k": 2500.0, "doc_freq": 1, "rank": 2},
        {"source": "b", "term": "داعش", "count": 1, "per_10k": 5000.0, "doc_freq": 1, "rank": 1},
        {"source": "b", "term": "درعا", "count": 1, "per_10k": 5000.0, "doc_freq": 1, "rank": 2},
    ]
    months = pd.Series(["2015-07", "2015-08", "2015-08"])
    assert set(term_frequencies(frame, by=months)["group"]) == {"2015-07", "2015-08"}
    with pytest.raises(ValueError, match="no column 'month'"):
        term_frequencies(frame, by="month")


def test_ngrams(corpus):
    bigrams = term_frequencies(corpus, ngram_range=(2, 2), min_count=2)
    assert bigrams.set_index("term").loc["جبهة نصرة", "count"] == 3  # as in the gold file
    assert (bigrams["count"] >= 2).all()
    assert bigrams["term"].str.count(" ").eq(1).all()


def test_tfidf_top_terms_by_hand():
    frame = pd.DataFrame({"doc_id": ["a", "b"], "text": ["درعا درعا الفصائل", "القنيطرة الفصائل"]})
    table = top_tfidf_terms(frame, top_n=2)
    # smoothed idf: ln((1+n)/(1+df)) + 1 -> درعا 1+ln(3/2), فصائل 1; rows l2-normalised
    idf_rare = 1 + math.log(3 / 2)
    w_daraa, w_fasail = 2 * idf_rare, 1.0
    norm = math.hypot(w_daraa, w_fasail)
    a = table[table["doc_id"] == "a"]
    assert a["term"].tolist() == ["درعا", "فصائل"]
    assert a["tfidf"].tolist() == [round(w_daraa / norm, 4), round(w_fasail / norm, 4)]
    assert a["count"].tolist() == [2, 1]
    b = table[table["doc_id"] == "b"]
    assert b["term"].tolist() == ["قنيطرة", "فصائل"]


def test_log_likelihood_and_log_ratio_by_hand():
    # a=10 of c=1000 vs b=2 of d=1000: E1=E2=6
    by_hand = 2 * (10 * math.log(10 / 6) + 2 * math.log(2 / 6))
    assert log_likelihood_g2(10, 2, 1000, 1000) == pytest.approx(by_hand)
    assert log_likelihood_g2(0, 5, 1000, 1000) == pytest.approx(2 * 5 * math.log(5 / 2.5))
    assert log_ratio(10, 2, 1000, 1000) == pytest.approx(math.log2(5))
    assert log_ratio(4, 0, 1000, 1000) == pytest.approx(math.log2(4 / 0.5))


def test_keyness_on_a_small_example():
    target = ["داعش داعش داعش الفصائل", "داعش هجوم"]
    reference = ["الفصائل الفصائل هجوم", "الفصائل مفاوضات"]
    table = keyness(target, reference, min_count=1).set_index("term")
    # target terms: داعش 4, فصائل 1, هجوم 1 (c=6); reference: فصائل 3, هجوم 1, مفاوضات 1 (d=5)
    row = table.loc["داعش"]
    assert (row["count_target"], row["count_reference"]) == (4, 0)
    e1 = 6 * 4 / 11
    assert row["g2"] == pytest.approx(2 * 4 * math.log(4 / e1), abs=1e-4)
    assert row["log_ratio"] == pytest.approx(math.log2((4 / 6) / (0.5 / 5)), abs=1e-4)
    assert row["per_10k_target"] == pytest.approx(4 / 6 * 10_000, abs=0.01)
    assert table.loc["فصائل", "log_ratio"] < 0 < table.loc["داعش", "log_ratio"]
    assert table.index[0] == "داعش"  # sorted by signed G²: over-used first
    assert row["direction"] == "target" and row["g2"] > 0
    assert table.loc["فصائل", "direction"] == "reference" and table.loc["فصائل", "g2"] < 0
    assert table.loc["فصائل", "p_value"] == pytest.approx(abs=1e-4, expected=
        float(chi2.sf(abs(table.loc["فصائل", "g2"]), df=1)))
    assert 0 < row["p_value"] < 0.05
    assert "مفاوضات" not in keyness(target, reference, min_count=2)["term"].tolist()


def test_keyness_filters_by_direction_effect_size_and_significance():
    target = ["داعش " * 30 + "هجوم " * 10 + "الفصائل " * 5]
    reference = ["الفصائل " * 30 + "هجوم " * 11 + "داعش " * 2]
    full = keyness(target, reference, min_count=1)
    assert full["g2"].is_monotonic_decreasing
    assert set(full["direction"]) == {"target", "reference"}
    over = keyness(target, reference, min_count=1, direction="target")
    assert set(over["direction"]) == {"target"} and "داعش" in over["term"].tolist()
    big = keyness(target, reference, min_count=1, min_log_ratio=1)
    assert "هجوم" not in big["term"].tolist()  # about as frequent on both sides
    assert (big["log_ratio"].abs() >= 1).all()
    significant = keyness(target, reference, min_count=1, max_p_value=0.001)
    assert (significant["p_value"] <= 0.001).all() and len(significant) == 2
    both = keyness(target, reference, min_count=1, top_n=1)
    assert both["term"].tolist() == ["داعش", "فصائل"]
    with pytest.raises(ValueError, match="direction"):
        keyness(target, reference, direction="up")


def test_contingency_g2_matches_scipy():
    for joint, first, second, total in [(10, 20, 20, 400), (3, 7, 5, 50), (1, 1, 1, 9)]:
        table = [[joint, first - joint], [second - joint, total - first - second + joint]]
        g2, *_ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
        assert contingency_g2(joint, first, second, total) == pytest.approx(g2)


def test_collocations_on_a_small_example():
    texts = ["جبهة النصرة هاجمت", "جبهة النصرة انسحبت", "جبهة النصرة وجيش الإسلام",
             "الجيش الحر هاجم", "جيش الإسلام هاجم"]
    table = collocations(texts, min_count=2).set_index("ngram")
    # bigrams over terms: جبهة نصرة x3, نصرة هاجمت, نصرة انسحبت, نصرة جيش, جيش اسلام x2,
    # جيش حر, حر هاجم, اسلام هاجم -> N = 11; R1(جبهة _) = 3, C1(_ نصرة) = 3
    row = table.loc["جبهة نصرة"]
    assert row["count"] == 3
    assert row["pmi"] == pytest.approx(math.log2(3 * 11 / (3 * 3)), abs=1e-4)
    g2, *_ = chi2_contingency([[3, 0], [0, 8]], correction=False, lambda_="log-likelihood")
    assert row["g2"] == pytest.approx(g2, abs=1e-4)
    assert set(table.index) == {"جبهة نصرة", "جيش اسلام"}
    # trigrams: 6 in all; ("جبهة نصرة", هاجمت): joint 1, head 3, tail 1 -> PMI log2(6/3) = 1
    trigrams = collocations(texts, n=3, min_count=1).set_index("ngram")
    assert len(trigrams) == 6
    assert trigrams.loc["جبهة نصرة هاجمت", "pmi"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="n must be 2 or 3"):
        collocations(texts, n=4)


def test_document_term_matrix_parallel_equals_serial(corpus):
    paragraphs = corpus.paragraphs["text"].tolist() * 3
    serial, vocab = document_term_matrix(paragraphs)
    parallel, vocab2 = document_term_matrix(paragraphs, n_jobs=2, chunk_size=7)
    assert (vocab == vocab2).all()
    assert (serial != parallel).nnz == 0
    # int32 counts (a third less memory than int64), summed as int64
    assert serial.dtype == parallel.dtype == np.int32
    assert serial.sum(axis=0).dtype == np.int64


def test_kwic_matches_variants_and_shows_the_original(corpus):
    table = kwic(corpus, "النصرة", window=3)
    assert len(table) == 6  # every النصرة (the gold file's 6), with جبهة, لـ" or quotes
    text = corpus.articles["text"][0]
    for row in table.itertuples():
        assert text[row.start:row.end] == row.keyword
    assert set(table["keyword"]) == {"النصرة"}
    phrase = kwic(corpus, "جبهة النصرة")
    assert len(phrase) == 3 and set(phrase["keyword"]) == {"جبهة النصرة"}
    # context never leaves the paragraph
    first = kwic(corpus, "وأوضحت")
    assert first["left"].tolist() == [""]
    tashkeel = kwic(["قالت الفصائلُ والفصـائل"], "الفصائل")
    assert tashkeel["keyword"].tolist() == ["الفصائلُ", "والفصـائل"]


def test_kwic_html_escapes_text_and_renders_rtl():
    hostile = ['قال <script>alert("x")</script> داعش <img src=x onerror=alert(1)> &amp; هنا']
    table = kwic(hostile, "داعش", window=10)
    assert "<script>" in table["left"][0]  # the data keeps the text as written
    markup = str(kwic_html(table))
    assert "<script" not in markup and "<img" not in markup and "</script" not in markup
    assert "&lt;script&gt;" in markup and "&lt;img" in markup and "&amp;amp;" in markup
    assert markup.startswith('<table dir="rtl"') and "<mark>داعش</mark>" in markup
    assert kwic_html(table)._repr_html_() == markup


def test_analysis_errors_are_clear():
    with pytest.raises(ValueError, match="no word to look for"):
        kwic(["نص"], "،")
    with pytest.raises(ValueError, match="needs a 'text' column"):
        term_frequencies(pd.DataFrame({"body": ["نص"]}))
    with pytest.raises(TypeError, match="not a single string"):
        term_frequencies("نص واحد")
    with pytest.raises(ValueError, match="no terms after analysis"):
        keyness(["في"], ["درعا"])
    assert np.isfinite(log_ratio(0, 0, 1, 1))
