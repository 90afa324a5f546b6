"""The seed article loads exactly as the issue describes, and loading writes nothing."""

from __future__ import annotations

import pandas as pd
import pytest

import arcorpus
from arcorpus.corpus import load_corpus

from conftest import CORPUS, SEED, tree_hash

SEED_ID = "000_0eee5cfdabd81abf"


@pytest.fixture(scope="module")
def corpus() -> arcorpus.Corpus:
    return load_corpus(CORPUS)


def test_seed_file_is_the_users_file_byte_for_byte():
    shared = CORPUS.parents[0].parent / "shared" / "seeds" / SEED.name
    data = SEED.read_bytes()
    assert len(data) == 5181
    assert data.count(b"\n") == 12  # 13 lines, no trailing newline
    if shared.exists():
        assert shared.read_bytes() == data


def test_seed_loads_as_one_article_with_12_paragraphs_and_one_boilerplate_line(corpus):
    arts = corpus.articles
    assert list(arts["doc_id"]) == [SEED_ID]
    row = arts.iloc[0]
    assert row["n_paragraphs"] == 12
    assert len(corpus.paragraphs) == 12
    assert row["boilerplate"] == (
        "اقرأ أيضاً: معارك الشمال السوري... تحوّلات استراتيجية لمصلحة المعارضة")
    assert "اقرأ أيضاً" not in row["text"]
    boiler = corpus.report[corpus.report["kind"] == "boilerplate"]
    assert len(boiler) == 1 and boiler.iloc[0]["doc_id"] == SEED_ID
    assert "read_also" in boiler.iloc[0]["detail"]


def test_word_counts_add_up_to_the_476_words_of_the_raw_file(corpus, seed_text):
    assert len(seed_text.split()) == 476
    row = corpus.articles.iloc[0]
    assert row["n_words"] + len(row["boilerplate"].split()) == 476
    assert row["n_words"] == 467
    assert row["n_chars"] == len(row["text"])


def test_analysis_text_is_the_first_12_lines_untouched(corpus, seed_text):
    lines = seed_text.split("\n")
    assert corpus.articles.iloc[0]["text"] == "\n".join(lines[:12])
    assert list(corpus.paragraphs["text"]) == lines[:12]


def test_offsets_round_trip_for_paragraphs_and_sentences(corpus):
    text = corpus.articles.iloc[0]["text"]
    for table in (corpus.paragraphs, corpus.sentences):
        for start, end, unit in zip(table["start"], table["end"], table["text"], strict=True):
            assert text[start:end] == unit
    assert corpus.sentences["sent_id"].tolist() == list(range(len(corpus.sentences)))
    # every sentence lies inside its paragraph
    merged = corpus.sentences.merge(corpus.paragraphs, on=["doc_id", "para_id"],
                                    suffixes=("", "_para"))
    assert ((merged["start"] >= merged["start_para"]) & (merged["end"] <= merged["end_para"])).all()


def test_paragraph_offsets_map_the_gold_annotation(corpus):
    """Gold offsets are per line: paragraph start + offset is the article offset."""
    import json

    from conftest import FIXTURES

    gold = json.loads((FIXTURES / "seed_factions_gold.json").read_text(encoding="utf-8"))
    text = corpus.articles.iloc[0]["text"]
    starts = corpus.paragraphs.set_index("para_id")["start"]
    for mention in gold["mentions"]:
        offset = starts[mention["paragraph"]]
        assert text[offset + mention["start"]:offset + mention["end"]] == mention["surface"]


def test_metadata_sidecar_is_joined(corpus):
    row = corpus.articles.iloc[0]
    assert row["source"] == "Al-Araby Al-Jadeed"
    assert pd.isna(row["date"]) and row["title"] == "" and row["url"] == ""
    assert isinstance(corpus.articles["date"].dtype, pd.DatetimeTZDtype)
    assert row["path"] == f"articles/{SEED_ID}.txt"
    assert row["encoding"] == "utf-8"
    import hashlib

    assert row["sha256"] == hashlib.sha256(SEED.read_bytes()).hexdigest()


def test_ids_and_fingerprint_are_stable(corpus):
    again = load_corpus(CORPUS)
    pd.testing.assert_frame_equal(again.sentences, corpus.sentences)
    assert again.fingerprint() == corpus.fingerprint()
    assert len(corpus.fingerprint()) == 64


def test_summary_counts(corpus):
    summary = corpus.summary()
    assert summary["articles"] == 1
    assert summary["paragraphs"] == 12
    assert summary["words"] == 467
    assert summary["report: boilerplate"] == 1
    assert summary["sentences"] == len(corpus.sentences) >= 12
    assert "12 paragraphs" in repr(corpus)


def test_loading_never_writes_into_the_corpus_folder():
    before = tree_hash(CORPUS)
    load_corpus(CORPUS)
    load_corpus(SEED)
    assert tree_hash(CORPUS) == before


def test_single_file_and_boilerplate_override(seed_text):
    whole = load_corpus(SEED, boilerplate=None)
    assert whole.articles.iloc[0]["n_paragraphs"] == 13
    assert whole.articles.iloc[0]["boilerplate"] == ""
    assert whole.articles.iloc[0]["text"] == seed_text
    custom = load_corpus(SEED, boilerplate={"opposition_coalition": r"من جانبه،"})
    assert custom.articles.iloc[0]["n_paragraphs"] == 12  # the read-also line is now kept
    assert custom.articles.iloc[0]["boilerplate"].startswith("من جانبه،")
