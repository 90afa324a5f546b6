"""arcorpus.dask on a LocalCluster of 2 worker processes (one thread, a small memory limit
each): every distributed path returns exactly what the in-memory function returns on the same
corpus (the seed, a multi-article folder, TREC files, a resampled corpus of 50k paragraphs),
and a worker killed in the middle of a job is replaced without losing or doubling a partition.

The comparisons are with the in-memory functions, never with numbers written here, so they hold
as those functions change."""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass

import cloudpickle
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from pandas.testing import assert_frame_equal, assert_series_equal

import arcorpus
import arcorpus.dask as ad
from arcorpus.corpus import ParquetTarget, assemble_corpus
from arcorpus.datasets import resampled_documents
from arcorpus.factions import actor_graph, cooccurrence, find_mentions
from arcorpus.terms import document_term_matrix, keyness, kwic, term_frequencies
from arcorpus.text import ArabicAnalyzer
from arcorpus.topics import fit_topics_online

from conftest import CORPUS, FIXTURES, tree_hash, write_folder
from hostile_fixtures import hostile_folder

pytestmark = pytest.mark.dask

# the killing analyzer below is defined here: send it to the workers by value
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                           memory_limit="1GiB", dashboard_address=":0")
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def seed():
    return arcorpus.load_corpus(CORPUS)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_folder(tmp_path_factory.mktemp("dask-src") / "articles",
                        resampled_documents(1_200, random_state=11))


@pytest.fixture(scope="module")
def several(folder):
    """A multi-article corpus in memory, with sources, dates and a duplicate URL report
    (the articles without a metadata row get a source and a date, to be grouped by)."""
    corpus = arcorpus.load_corpus(folder)
    articles = corpus.articles
    articles["source"] = articles["source"].fillna("unknown")
    articles["date"] = articles["date"].fillna(pd.Timestamp("2015-06-01", tz="UTC"))
    return corpus


@pytest.fixture(scope="module")
def stored(several, tmp_path_factory):
    """The same corpus on disk in 6+ partitions, sentences stored."""
    folder = several.to_parquet(tmp_path_factory.mktemp("dask-out") / "several.parquet",
                                units=["sentences"], partition_bytes=60_000)
    return arcorpus.load_corpus(folder)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """50,000 paragraphs resampled from the seed with synthetic variation, streamed to disk
    in partitions (never held whole by the writer); and the same corpus in memory."""
    def documents(on_error):
        return resampled_documents(50_000, random_state=7)

    lazy = assemble_corpus(documents, label="resampled-50k", to_parquet=ParquetTarget(
        tmp_path_factory.mktemp("dask-large") / "large.parquet", units=("sentences",),
        partition_bytes=3_000_000))
    return lazy, assemble_corpus(documents, label="resampled-50k")


def test_the_stored_corpus_has_partitions(stored, several, large):
    assert stored.n_partitions >= 6
    assert large[0].n_partitions >= 6
    assert large[0].manifest["counts"]["paragraphs"] == 50_000 == \
        len(large[1].unit_spans("paragraphs"))


def test_connect_takes_a_client_or_an_address_and_shows_the_dashboard(client, capsys):
    assert ad.connect(client) is client
    other = ad.connect(client.scheduler.address)
    try:
        assert "Dask dashboard: http" in capsys.readouterr().out
        assert other.scheduler.address == client.scheduler.address
    finally:
        other.close()


@pytest.mark.parametrize("which", ["seed", "stored", "trec"])
def test_find_mentions_and_kwic(client, request, which, seed):
    data = seed if which == "seed" else request.getfixturevalue("stored") if \
        which == "stored" else arcorpus.load_trec(FIXTURES / "trec")
    memory = data.to_corpus() if which == "stored" else data
    assert_frame_equal(ad.find_mentions(data, client=client), find_mentions(memory))
    for keyword, unit, sort in [("الفصائل", None, None), ("جبهة النصرة", "sentences", "R1"),
                                ("لا يوجد", None, ["L1", "R2"])]:
        assert_frame_equal(ad.kwic(data, keyword, unit=unit, window=4, sort=sort,
                                   client=client),
                           kwic(memory, keyword, unit=unit, window=4, sort=sort))


def test_mention_counts_and_the_network(client, stored):
    memory = stored.to_corpus()
    mentions = find_mentions(memory)
    expected = mentions["actor_id"].value_counts()
    counts = ad.mention_counts(stored, client=client)
    assert_series_equal(counts, expected.rename_axis("actor_id").rename("count")
                        .reset_index().sort_values(["count", "actor_id"],
                                                   ascending=[False, True])
                        .set_index("actor_id")["count"])
    edges = ad.cooccurrence(stored, client=client)
    graph = actor_graph(edges, counts, weight="npmi")
    expected_graph = actor_graph(cooccurrence(mentions, corpus=memory), mentions, weight="npmi")
    assert dict(graph.nodes(data=True)) == dict(expected_graph.nodes(data=True))
    assert sorted(graph.edges(data=True)) == sorted(expected_graph.edges(data=True))


@pytest.mark.parametrize("options", [{}, {"by": "source", "unit": "paragraphs"},
                                     {"unit": "sentences", "min_count": 3, "top_n": 40},
                                     {"ngram_range": (2, 2), "by": "date", "min_count": 2}])
def test_term_frequencies(client, stored, options):
    assert_frame_equal(ad.term_frequencies(stored, client=client, **options),
                       term_frequencies(stored.to_corpus(), **options))


def test_term_frequencies_of_the_seed_in_memory(client, seed):
    assert_frame_equal(ad.term_frequencies(seed, unit="sentences", client=client),
                       term_frequencies(seed, unit="sentences"))


def test_keyness_of_selections(client, stored):
    memory = stored.to_corpus()
    target = ad.select(stored, {"source": ["Sabq", "Enab Baladi"]})
    reference = ad.select(stored, lambda a: ~a["source"].isin(["Sabq", "Enab Baladi"]))
    in_target = memory.articles["source"].isin(["Sabq", "Enab Baladi"]).to_numpy()
    for unit in (None, "paragraphs"):
        assert_frame_equal(ad.keyness(target, reference, unit=unit, min_count=3, client=client),
                           keyness(memory.subset(in_target), memory.subset(~in_target),
                                   unit=unit, min_count=3))


@pytest.mark.parametrize("unit", ["articles", "sentences"])
def test_document_term_matrix(client, stored, unit):
    matrix, vocabulary = ad.document_term_matrix(stored, unit=unit, client=client)
    expected, expected_vocabulary = document_term_matrix(
        stored.to_corpus().unit_table(unit)["text"].tolist())
    assert matrix.shape == expected.shape and matrix.dtype == expected.dtype
    assert (matrix != expected).nnz == 0
    assert vocabulary.dtype == expected_vocabulary.dtype
    assert vocabulary.tolist() == expected_vocabulary.tolist()
    blocks, _ = ad.document_term_matrix(stored, unit=unit, compute=False, client=client)
    assert len(blocks) == stored.n_partitions
    assert (sp.vstack(client.gather(blocks)) != expected).nnz == 0


@pytest.mark.parametrize("options", [{"unit": "paragraphs"}, {"unit": "sentences"},
                                     {"unit": "articles", "min_count": 2},
                                     {"window": 5}, {"unit": "paragraphs", "by": "source"},
                                     {"window": 8, "by": "source"}])
def test_cooccurrence(client, stored, options):
    memory = stored.to_corpus()
    expected = cooccurrence(find_mentions(memory), corpus=memory, **options)
    assert_frame_equal(ad.cooccurrence(stored, client=client, **options), expected)


@pytest.mark.parametrize("method", ["lda", "nmf"])
def test_online_topics_fed_from_the_workers(client, stored, method):
    model, vocabulary = ad.fit_topics_online(stored, k=4, method=method, batch_size=300,
                                             client=client)
    expected, expected_vocabulary = fit_topics_online(
        lambda: ad.unit_batches(stored, batch_size=300), k=4, method=method)
    assert vocabulary.tolist() == expected_vocabulary.tolist()
    np.testing.assert_array_equal(model.components_, expected.components_)


def test_loading_many_files_on_the_workers(client, folder, several, tmp_path):
    before = tree_hash(folder)
    lazy = ad.load_corpus(folder, tmp_path / "loaded.parquet", units=["sentences"],
                          partition_bytes=150_000, drop_duplicates="url", client=client)
    expected = arcorpus.load_corpus(folder, drop_duplicates="url")
    assert tree_hash(folder) == before
    assert lazy.n_partitions > 1
    assert_frame_equal(lazy.articles, expected.articles)
    assert_frame_equal(lazy.report, expected.report)
    assert_frame_equal(lazy.unit_table("sentences"), expected.unit_table("sentences"))
    assert lazy.fingerprint() == expected.fingerprint()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loaded.parquet"]  # no scratch left


def test_loading_reports_bad_files_as_the_loader_does(client, tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    for i in range(6):
        (source / f"{i}.txt").write_text(f"نص رقم {i}\nاقرأ أيضاً: شيء", encoding="utf-8")
    (source / "3.txt").write_bytes(b"\x00\x01\x02 binary")
    with pytest.raises(arcorpus.CorpusError, match=r"3\.txt") as raised:
        ad.load_corpus(source, tmp_path / "out", client=client)
    with pytest.raises(arcorpus.CorpusError) as expected:
        arcorpus.load_corpus(source)
    assert str(raised.value) == str(expected.value)
    lazy = ad.load_corpus(source, tmp_path / "out", errors="skip", partition_bytes=10,
                          client=client)
    memory = arcorpus.load_corpus(source, errors="skip")
    assert_frame_equal(lazy.report, memory.report)
    assert_frame_equal(lazy.articles, memory.articles)



def test_loading_a_hostile_folder_as_the_loader_does(client, tmp_path):
    """Read on the workers, the files pass every check of the loader (links, names, encodings,
    repeated ids, reserved and replaced columns, dates, boilerplate='auto'), report included."""
    folder = hostile_folder(tmp_path / "news", tmp_path / "outside")
    options = {"pattern": "*", "errors": "skip", "boilerplate": "auto",
               "drop_duplicates": "url", "progress": False}
    lazy = ad.load_corpus(folder, tmp_path / "out.parquet", partition_bytes=2_000,
                          client=client, **options)
    memory = arcorpus.load_corpus(folder, **options)
    assert {"symlink", "file_name", "renamed_column", "boilerplate_rule"} <= set(
        memory.report["kind"])
    assert_frame_equal(lazy.report, memory.report)
    assert_frame_equal(lazy.articles, memory.articles)
    assert lazy.fingerprint() == memory.fingerprint()

@pytest.mark.slow
def test_a_resampled_corpus_of_50k_paragraphs(client, large):
    lazy, memory = large
    assert_frame_equal(ad.find_mentions(lazy, client=client), find_mentions(memory))
    assert_frame_equal(ad.term_frequencies(lazy, by="source", unit="paragraphs",
                                           client=client),
                       term_frequencies(memory, by="source", unit="paragraphs"))
    mentions = find_mentions(memory)
    for options in ({"unit": "paragraphs"}, {"unit": "sentences", "by": "source"}):
        assert_frame_equal(ad.cooccurrence(lazy, client=client, **options),
                           cooccurrence(mentions, corpus=memory, **options))
    assert_frame_equal(ad.kwic(lazy, "النقيب سامر", client=client),
                       kwic(memory, "النقيب سامر"))
    matrix, vocabulary = ad.document_term_matrix(lazy, unit="paragraphs", client=client)
    expected, expected_vocabulary = document_term_matrix(
        memory.unit_table("paragraphs")["text"].tolist())
    assert (matrix != expected).nnz == 0 and vocabulary.tolist() == expected_vocabulary.tolist()
    model, _ = ad.fit_topics_online(lazy, k=3, method="nmf", batch_size=5_000, client=client)
    expected_model, _ = fit_topics_online(lambda: ad.unit_batches(lazy, batch_size=5_000), k=3,
                                          method="nmf")
    np.testing.assert_array_equal(model.components_, expected_model.components_)


@dataclass
class KillingAnalyzer(ArabicAnalyzer):
    """The kit's analyzer, except that the first time a worker process uses it it creates
    ``marker`` and kills its own process (SIGKILL: no clean-up, as when a node is lost)."""

    marker: str = ""
    parent: int = 0

    def __call__(self, doc):
        if not self.__dict__.get("_checked_marker"):
            self._checked_marker = True
            if os.getpid() != self.parent and not os.path.exists(self.marker):
                with open(self.marker, "w") as handle:
                    handle.write(str(os.getpid()))
                os.kill(os.getpid(), signal.SIGKILL)
        return super().__call__(doc)


def test_a_killed_worker_is_replaced_without_losing_or_doubling_a_partition(client, stored,
                                                                           tmp_path):
    marker = tmp_path / "killed"
    workers_before = set(client.scheduler_info()["workers"])
    analyzer = KillingAnalyzer(marker=str(marker), parent=os.getpid())
    table = ad.term_frequencies(stored, by="source", analyzer=analyzer, client=client)
    assert marker.exists()  # a worker did die, in the middle of the job
    assert int(marker.read_text()) not in client.run(os.getpid).values()
    assert_frame_equal(table, term_frequencies(stored.to_corpus(), by="source"))
    client.wait_for_workers(2, timeout=120)
    assert set(client.scheduler_info()["workers"]) != workers_before
