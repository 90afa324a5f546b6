"""The kit's analyses on a Dask cluster, for corpora larger than one machine's memory.

Same names, same arguments, same tidy tables as in memory, and the same results, exactly
(tested against the in-memory functions); each function also takes ``client=`` (a
``dask.distributed.Client``, a scheduler address, or ``None``: the client connected last, or a
new ``LocalCluster``) and ``progress=``::

    import arcorpus.dask as ad

    client = ad.connect()                                   # LocalCluster; or ad.connect("tcp://...")
    corpus = ad.load_corpus("news/", "news.parquet")        # many files, read on the workers
    mentions = ad.find_mentions(corpus)
    edges = ad.cooccurrence(corpus, unit="paragraphs")      # per-partition XᵀX, summed
    terms = ad.term_frequencies(corpus, by="source", top_n=20)
    keys = ad.keyness(ad.select(corpus, {"source": "sabq"}),
                      ad.select(corpus, lambda a: a["source"] != "sabq"))
    hits = ad.kwic(corpus, "جبهة النصرة")
    X, vocabulary = ad.document_term_matrix(corpus, unit="paragraphs")
    lda, vocabulary = ad.fit_topics_online(corpus, k=20)

A corpus is a partitioned corpus on disk (:meth:`Corpus.to_parquet`, ``to_parquet=`` of the
readers, or :func:`load_corpus` here): each task reads its own partition, so no process holds
the corpus and nothing passes through the client but results. An in-memory corpus works too
(it is cut into partitions that travel with the tasks): for teaching and tests.

Needs the optional dependencies: ``pip install "arcorpus[dask]"`` (or ``uv sync --extra dask``).
"""

try:
    import dask.distributed  # noqa: F401
except ImportError as error:  # pragma: no cover - the extra is installed in the kit's envs
    raise ImportError("arcorpus.dask needs Dask: pip install 'arcorpus[dask]' (dask[distributed]"
                      " and bokeh for the dashboard)") from error

from .analyses import (
    cooccurrence,
    document_term_matrix,
    find_mentions,
    keyness,
    kwic,
    mention_counts,
    term_frequencies,
)
from .cluster import connect, get_client
from .loading import load_corpus
from .partitions import partitions_of, select
from .topics import fit_topics_online, unit_batches

__all__ = [
    "connect",
    "cooccurrence",
    "document_term_matrix",
    "find_mentions",
    "fit_topics_online",
    "get_client",
    "keyness",
    "kwic",
    "load_corpus",
    "mention_counts",
    "partitions_of",
    "select",
    "term_frequencies",
    "unit_batches",
]
