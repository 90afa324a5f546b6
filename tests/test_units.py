"""The unit model (issue 11): one vocabulary, one validation and one table for every input, and
offsets mapped to paragraph and sentence ids in one vectorised step."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import arcorpus.corpus.spans as spans_module
from arcorpus import load_corpus
from arcorpus.corpus import UNITS, check_unit, locate, unit_ids_at, unit_table
from arcorpus.factions import (
    cooccurrence,
    cooccurrence_evidence,
    evaluate_mentions,
    find_mentions,
    load_gold,
)
from arcorpus.factions.evaluate import mentions_by_paragraph
from arcorpus.terms import collocations, keyness, kwic, term_frequencies, top_tfidf_terms
from arcorpus.topics import fit_topics, iter_text_batches, select_k

from conftest import CORPUS, FIXTURES

MENTION_KEYS = ["doc_id", "para_id", "sent_id", "start", "end", "surface", "actor_id"]


@pytest.fixture(scope="module")
def seed():
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def several(seed):
    """Four articles: the seed twice under other ids, a short one with three paragraphs and a
    sentence break, and one whose every line is empty."""
    text = seed.articles.loc[0, "text"]
    frame = pd.DataFrame({
        "doc_id": ["b", "a", "short", "c"],
        "text": [text, "تمهيد.\n" + text, "قالت جبهة النصرة. وردت داعش\n\nقصفت قوات النظام درعا",
                 text.replace("\n", "\n\n")],
        "source": ["x", "y", "x", "y"],
    })
    return load_corpus(frame, id_column="doc_id")


ENTRY_POINTS = {
    "unit_table": lambda c, u: unit_table(c, u),
    "Corpus.unit_table": lambda c, u: c.unit_table(u),
    "Corpus.unit_spans": lambda c, u: c.unit_spans(u),
    "term_frequencies": lambda c, u: term_frequencies(c, unit=u),
    "top_tfidf_terms": lambda c, u: top_tfidf_terms(c, unit=u),
    "keyness": lambda c, u: keyness(c, c, unit=u),
    "collocations": lambda c, u: collocations(c, unit=u),
    "kwic": lambda c, u: kwic(c, "النصرة", unit=u),
    "cooccurrence": lambda c, u: cooccurrence(find_mentions(c), unit=u, corpus=c),
    "cooccurrence_evidence": lambda c, u: cooccurrence_evidence(c, find_mentions(c), "fsa",
                                                                "nusra", unit=u),
    "fit_topics": lambda c, u: fit_topics(c, k=2, unit=u),
    "select_k": lambda c, u: select_k(c, ks=[2], unit=u),
}


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
@pytest.mark.parametrize("bad", ["paragraph", "document", "bogus", "", 3])
def test_every_entry_point_rejects_an_unknown_unit(seed, name, bad):
    with pytest.raises(ValueError, match="unit must be one of 'articles', 'paragraphs', "
                                         "'sentences'"):
        ENTRY_POINTS[name](seed, bad)


def test_unknown_unit_of_a_list_or_folder_is_rejected_before_any_work(tmp_path):
    with pytest.raises(ValueError, match="unit must be one of"):
        unit_table(["a b"], "bogus")  # used to return silently
    with pytest.raises(ValueError, match="did you mean 'sentences'"):
        iter_text_batches(tmp_path, unit="sentence")
    assert [check_unit(u) for u in UNITS] == list(UNITS)


@pytest.mark.parametrize("unit", UNITS)
def test_unit_tables_agree_for_a_corpus_and_its_tables(several, unit):
    """The same units, ids, texts and offsets whether the corpus, its articles table or (when
    finer) its paragraphs table is given."""
    keys = ["doc_id", "para_id", "sent_id"][:UNITS.index(unit) + 1]
    columns = [*keys, "text", "start", "end"]
    from_corpus = unit_table(several, unit)[columns]
    from_articles = unit_table(several.articles, unit)[columns]
    pd.testing.assert_frame_equal(from_corpus, from_articles, check_dtype=False)
    if unit != "articles":
        from_paragraphs = unit_table(several.paragraphs, unit)[columns]
        pd.testing.assert_frame_equal(from_corpus, from_paragraphs, check_dtype=False)
    texts = several.articles.set_index("doc_id")["text"]
    assert all(texts[r.doc_id][r.start:r.end] == r.text for r in from_corpus.itertuples())
    assert "source" in unit_table(several, unit).columns  # the article's metadata comes along


def test_a_table_is_read_at_its_own_unit_by_default(several):
    paragraphs = several.paragraphs
    assert term_frequencies(paragraphs).equals(term_frequencies(several, unit="paragraphs"))
    halves = keyness(paragraphs[paragraphs["para_id"] < 3], paragraphs[paragraphs["para_id"] >= 3],
                     min_count=1)
    assert len(halves)


def test_a_table_is_never_read_as_a_coarser_unit(several):
    with pytest.raises(ValueError, match="holds paragraphs"):
        unit_table(several.paragraphs, "articles")
    repeated = pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]})
    with pytest.raises(ValueError, match="repeat"):
        unit_table(repeated, "articles")


@pytest.mark.parametrize("which", ["seed", "several"])
def test_mention_ids_equal_the_corpus_tables(request, which):
    corpus = request.getfixturevalue(which)
    mentions = find_mentions(corpus)
    assert len(mentions) and (mentions[["para_id", "sent_id"]] >= 0).all().all()
    sentences = corpus.sentences
    for row in mentions.itertuples():
        holder = sentences[(sentences["doc_id"] == row.doc_id) & (sentences["start"] <= row.start)
                           & (sentences["end"] >= row.end)]
        assert holder[["para_id", "sent_id"]].values.tolist() == [[row.para_id, row.sent_id]]
    texts = corpus.articles.set_index("doc_id")["text"]
    assert all(texts[r.doc_id][r.start:r.end] == r.surface for r in mentions.itertuples())


@pytest.mark.parametrize("table", ["paragraphs", "sentences", "articles"])
def test_a_table_keeps_its_ids_and_offsets(several, table):
    """find_mentions(corpus.paragraphs) used to give para_id 0 to every mention."""
    from_corpus = find_mentions(several)[MENTION_KEYS]
    from_table = find_mentions(getattr(several, table))[MENTION_KEYS]
    if table == "articles":
        pd.testing.assert_frame_equal(from_corpus, from_table, check_dtype=False)
    else:  # the discourse rule sees one unit at a time: compare what both found
        merged = from_table.merge(from_corpus, how="left", indicator=True)
        assert (merged["_merge"] == "both").all()
        assert set(from_table["para_id"]) == set(from_corpus["para_id"]) and \
            from_table["para_id"].nunique() > 1


def test_repeated_texts_keep_their_own_ids():
    """The DataFrame branch used to look texts up by doc_id once per mention and took the first
    text of a repeated one."""
    frame = pd.DataFrame({"doc_id": ["x", "y"],
                          "text": ["لا شيء هنا", "قالت جبهة النصرة"]})
    mentions = find_mentions(frame)
    assert mentions[["doc_id", "surface"]].values.tolist() == [["y", "جبهة النصرة"]]


def test_the_seed_gold_still_scores_perfectly(seed):
    gold, optional = load_gold(FIXTURES / "seed_factions_gold.json")
    predicted = mentions_by_paragraph(find_mentions(seed), seed, seed.articles.loc[0, "doc_id"])
    result = evaluate_mentions(predicted, gold, optional)
    assert (result["precision"], result["recall"]) == (1.0, 1.0)


def test_unit_assignment_is_one_vectorised_step(several, monkeypatch):
    """However many articles and mentions, find_mentions and the lazy sentence split locate
    units with one call of the shared locate() each: no loop over articles or units."""
    calls = []
    real = spans_module.locate

    def counting(*args):
        calls.append(len(np.asarray(args[2])))
        return real(*args)

    for module in ("arcorpus.corpus.spans", "arcorpus.corpus.tables", "arcorpus.corpus.units"):
        monkeypatch.setattr(f"{module}.locate", counting)
    for size in (1, 40):
        frame = pd.concat([several.articles[["doc_id", "text"]]] * size, ignore_index=True)
        frame["doc_id"] = [f"d{i}" for i in range(len(frame))]
        corpus = load_corpus(frame, id_column="doc_id")
        calls.clear()
        mentions = find_mentions(corpus)
        assert len(calls) == 2, calls  # sentence spans (para ids) + mentions, never per article
        assert calls[1] == len(mentions)


def test_locate_is_right_at_the_edges():
    span_doc, span_start = [0, 0, 2, 2, 2], [0, 5, 0, 3, 9]
    assert locate(span_doc, span_start, [0, 0, 0, 1, 2, 2, 2, 3], [0, 4, 5, 0, 2, 3, 100, 0]
                  ).tolist() == [0, 0, 1, -1, 2, 3, 4, -1]
    assert unit_ids_at(["سطر أول. ثم\nسطر"], [0, 0], [9, 12]).values.tolist() == [[0, 1], [1, 2]]


def test_subset_keeps_ids_offsets_and_sentences(several):
    assert len(several.sentences)  # split before subsetting: the subset carries the split
    part = several.subset(["short", "c"])
    assert part.articles["doc_id"].tolist() == ["short", "c"]
    full = several.sentences
    expected = full[full["doc_id"].isin(["short", "c"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(part.sentences, expected)
    by_mask = several.subset(several.articles["source"] == "x")
    assert by_mask.articles["doc_id"].tolist() == ["b", "short"]
    assert len(by_mask.paragraphs) == len(several.paragraphs.query("doc_id in ['b', 'short']"))


def test_cooccurrence_by_group_counts_each_groups_units(several):
    mentions = find_mentions(several)
    edges = cooccurrence(mentions, corpus=several, by="source")
    spans = several.unit_spans("paragraphs")
    sources = several.articles["source"].to_numpy()[spans["doc"].to_numpy()]
    for source, group in edges.groupby("source"):
        assert set(group["n_units"]) == {int((sources == source).sum())}
        alone = cooccurrence(mentions[mentions["doc_id"].isin(
            several.articles.query("source == @source")["doc_id"])], corpus=several.subset(
            several.articles["source"] == source))
        pd.testing.assert_frame_equal(group.drop(columns="source").reset_index(drop=True),
                                      alone, check_dtype=False)


def test_notebook_parameters_are_injected_after_the_tagged_cell():
    import nbformat

    from arcorpus.course import corpus_name, figures_folder
    from arcorpus.notebook_runner import inject_parameters

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# t"),
                                               nbformat.v4.new_code_cell("CORPUS = 1"),
                                               nbformat.v4.new_code_cell("print(CORPUS)")])
    notebook.cells[1].metadata["tags"] = ["parameters"]
    inject_parameters(notebook, {"CORPUS": "saudinewsnet", "OUT": None})
    assert notebook.cells[2].source == "CORPUS = 'saudinewsnet'\nOUT = None"
    assert notebook.cells[2].metadata["tags"] == ["injected-parameters"]
    # figures of a corpus that is not a course corpus never go to the committed folders
    assert str(figures_folder("/somewhere/my_news.csv")) == "../build/figures/my_news"
    assert str(figures_folder("saudinewsnet")) == "../figures/saudinewsnet"
    assert str(figures_folder("x", "/tmp/figs")) == "/tmp/figs"
    assert corpus_name("/data/folder/") == "folder"


def test_spans_of_some_articles_equal_those_of_the_whole_corpus(several):
    """Locating a few offsets splits only their articles' sentences (not kept); the spans are
    the ones the whole corpus gives, before and after the whole split is cached."""
    fresh = load_corpus(several.articles[["doc_id", "text", "source"]], id_column="doc_id")
    rows = np.array([0, 2])
    some = fresh.unit_spans("sentences", rows=rows)
    assert "sentences" not in fresh._spans  # nothing cached from a partial split
    whole = fresh.unit_spans("sentences")
    expected = whole[whole["doc"].isin(rows)].reset_index(drop=True)
    pd.testing.assert_frame_equal(some.reset_index(drop=True), expected)
    pd.testing.assert_frame_equal(fresh.unit_spans("sentences", rows=rows), expected)
    for unit in ("paragraphs", "articles"):
        spans = fresh.unit_spans(unit)
        pd.testing.assert_frame_equal(fresh.unit_spans(unit, rows=rows),
                                      spans[spans["doc"].isin(rows)].reset_index(drop=True))
