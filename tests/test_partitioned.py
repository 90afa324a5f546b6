"""Partitioned corpora on disk: Corpus.to_parquet, streaming readers (to_parquet=), and reading
back lazily give exactly the in-memory tables, partition by partition or whole."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import arcorpus
from arcorpus.corpus import (
    CorpusError,
    ParquetTarget,
    PartitionedCorpus,
    assemble_corpus,
    is_parquet_corpus,
)
from arcorpus.corpus.partitioned import paragraph_spans_of
from arcorpus.datasets import resampled_documents

from conftest import CORPUS, FIXTURES, tree_hash, write_folder
from hostile_fixtures import hostile_folder

UNITS = ("articles", "paragraphs", "sentences")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    docs = list(resampled_documents(1_500, random_state=3))
    docs.insert(40, docs[10].__class__(**{**docs[10].__dict__, "doc_id": "copy-of-10"}))
    return write_folder(tmp_path_factory.mktemp("src") / "articles", docs)


@pytest.fixture(scope="module")
def in_memory(folder):
    return arcorpus.load_corpus(folder, drop_duplicates="url")


def assert_same_corpus(lazy, corpus, units=UNITS):
    assert_frame_equal(lazy.articles, corpus.articles)
    assert_frame_equal(lazy.report, corpus.report)
    for unit in units:
        assert_frame_equal(lazy.unit_table(unit), corpus.unit_table(unit))
    assert lazy.fingerprint() == corpus.fingerprint()
    assert len(lazy) == len(corpus)


def test_seed_round_trip(tmp_path):
    corpus = arcorpus.load_corpus(CORPUS)
    folder = corpus.to_parquet(tmp_path / "seed.parquet", units=["sentences"])
    assert is_parquet_corpus(folder) and not is_parquet_corpus(CORPUS)
    lazy = arcorpus.load_corpus(folder)
    assert isinstance(lazy, PartitionedCorpus)
    assert_same_corpus(lazy, corpus)
    pd.testing.assert_series_equal(lazy.summary(), corpus.summary())


def test_streamed_folder_equals_the_in_memory_load(folder, in_memory, tmp_path):
    before = tree_hash(folder)
    target = ParquetTarget(tmp_path / "out.parquet", units=("paragraphs", "sentences"),
                           partition_bytes=100_000)
    lazy = arcorpus.load_corpus(folder, drop_duplicates="url", to_parquet=target)
    assert tree_hash(folder) == before  # nothing written into the source
    assert lazy.n_partitions > 5
    assert set(in_memory.report["kind"]) >= {"boilerplate", "duplicate_text", "duplicate_url",
                                             "metadata_without_article",
                                             "article_without_metadata"}
    assert_same_corpus(lazy, in_memory)
    # partition by partition: whole articles, in order, nothing lost or doubled
    parts = list(lazy.iter_partitions())
    assert_frame_equal(pd.concat([p.articles for p in parts], ignore_index=True),
                       in_memory.articles)
    for unit in ("paragraphs", "sentences"):
        assert sum(len(p.unit_spans(unit)) for p in parts) == len(in_memory.unit_spans(unit))
    manifest = json.loads((target.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["fingerprint"] == in_memory.fingerprint()
    assert manifest["counts"]["sentences"] == len(in_memory.unit_spans("sentences"))
    assert {"arcorpus", "pandas", "pyarrow", "python"} <= set(manifest["versions"])
    assert manifest["report"]["duplicate_url"] == (in_memory.report["kind"]
                                                   == "duplicate_url").sum()


def test_to_parquet_of_a_loaded_corpus_in_partitions(in_memory, tmp_path):
    folder = in_memory.to_parquet(tmp_path / "p", partition_bytes=100_000)
    lazy = arcorpus.load_corpus(folder)
    assert lazy.n_partitions > 5
    assert lazy.stored_units == ("articles",)  # paragraphs recomputed from the text
    assert_same_corpus(lazy, in_memory)
    assert lazy.dataset().count_rows() == len(in_memory)


def test_paragraph_spans_from_text_equal_the_builders(in_memory):
    assert_frame_equal(paragraph_spans_of(in_memory.articles["text"].tolist()),
                       in_memory.unit_spans("paragraphs"))


def test_formats_stream_the_same_tables(tmp_path):
    trec = arcorpus.load_trec(FIXTURES / "trec")
    lazy = arcorpus.load_trec(FIXTURES / "trec", to_parquet=ParquetTarget(
        tmp_path / "trec", partition_bytes=1))  # one article per partition
    assert lazy.n_partitions == len(trec) > 1
    assert_same_corpus(lazy, trec)


def test_documents_stream_without_a_folder(tmp_path):
    def documents(on_error):
        return resampled_documents(2_000, random_state=5)

    corpus = assemble_corpus(documents, label="resampled")
    lazy = assemble_corpus(documents, label="resampled", to_parquet=ParquetTarget(
        tmp_path / "r", units=("sentences",), partition_bytes=300_000))
    assert_same_corpus(lazy, corpus)


def test_the_output_is_never_written_into_the_source(folder):
    before = tree_hash(folder)
    with pytest.raises(ValueError, match="will not write into the corpus folder"):
        arcorpus.load_corpus(folder, to_parquet=folder / "out")
    assert tree_hash(folder) == before


def test_a_failed_write_leaves_nothing_and_an_existing_folder_is_kept(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_text("نص", encoding="utf-8")
    (bad / "b.txt").write_bytes(b"\x00\x01binary")
    with pytest.raises(CorpusError):
        arcorpus.load_corpus(bad, to_parquet=tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad"]  # no folder, no temp files
    (tmp_path / "mine").mkdir()
    with pytest.raises(ValueError, match="not a partitioned arcorpus corpus"):
        arcorpus.load_corpus(CORPUS).to_parquet(tmp_path / "mine")


def test_an_existing_partitioned_corpus_is_replaced_whole(tmp_path):
    corpus = arcorpus.load_corpus(CORPUS)
    corpus.to_parquet(tmp_path / "c", units=["sentences"])
    corpus.subset([]).to_parquet(tmp_path / "c")
    lazy = arcorpus.load_corpus(tmp_path / "c")
    assert len(lazy) == 0 and lazy.stored_units == ("articles",)
    assert lazy.articles.columns.tolist() == corpus.articles.columns.tolist()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]


def test_a_lazy_corpus_reads_nothing_until_asked(in_memory, tmp_path):
    lazy = arcorpus.load_corpus(in_memory.to_parquet(tmp_path / "p", partition_bytes=100_000))
    assert len(lazy) == len(in_memory) and lazy.fingerprint() == in_memory.fingerprint()
    assert "articles" not in lazy.__dict__
    assert repr(lazy).startswith("PartitionedCorpus(")
    # in-memory analyses take it as a corpus
    from arcorpus.factions import find_mentions

    assert_frame_equal(find_mentions(lazy.partition(0)),
                       find_mentions(in_memory.subset(lazy.partition(0).articles["doc_id"])))


def test_streaming_applies_every_check_of_the_loader(tmp_path):
    """to_parquet= streams through the loader's own checks: the same report rows, in the same
    order, and the same tables as the in-memory load of a hostile folder."""
    folder = hostile_folder(tmp_path / "news", tmp_path / "outside")
    options = {"pattern": "*", "errors": "skip", "boilerplate": "auto",
               "drop_duplicates": "url", "progress": False}
    memory = arcorpus.load_corpus(folder, **options)
    kinds = set(memory.report["kind"])
    assert kinds >= {"skipped", "encoding", "file_name", "symlink", "renamed_column",
                     "metadata_replaced", "ambiguous_date", "invalid_date",
                     "metadata_without_article", "article_without_metadata",
                     "boilerplate_rule", "boilerplate", "duplicate_url"}, kinds
    lazy = arcorpus.load_corpus(folder, to_parquet=ParquetTarget(
        tmp_path / "out.parquet", units=("sentences",), partition_bytes=400), **options)
    assert lazy.n_partitions > 3
    assert_same_corpus(lazy, memory)
    manifest = json.loads((tmp_path / "out.parquet" / "manifest.json").read_text("utf-8"))
    assert manifest["options"]["boilerplate"]["sources"]  # the adopted rules, by source
    with pytest.raises(CorpusError) as streamed:
        arcorpus.load_corpus(folder, pattern="*", to_parquet=tmp_path / "raise.parquet")
    with pytest.raises(CorpusError) as in_memory:
        arcorpus.load_corpus(folder, pattern="*")
    assert str(streamed.value) == str(in_memory.value)
    assert not (tmp_path / "raise.parquet").exists()
