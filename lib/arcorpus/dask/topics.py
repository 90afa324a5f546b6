"""Online topic models fed from the workers: they analyse and count the text, the model
learns here, one batch at a time.

An online model (LDA's ``partial_fit``, ``MiniBatchNMF``) is a sequence of updates, one batch
after the other, so it lives in one process; what costs is turning text into counts, and that
is what the workers do. Pass 1: each partition's document frequencies, summed on the workers,
fix the vocabulary (:class:`~arcorpus.topics.online.OnlineFit`). Pass 2: the workers count
their batches on that vocabulary, a few partitions ahead of the model, and the model is updated
with each batch in corpus order. The client holds the model and one partition's sparse counts.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterator

from sklearn.decomposition import LatentDirichletAllocation, MiniBatchNMF
from sklearn.feature_extraction.text import CountVectorizer

from ..corpus.units import Unit, check_unit
from ..progress import progress_bar
from ..text import ArabicAnalyzer
from ..topics.model import Method, check_method
from ..topics.online import OnlineFit
from .analyses import CorpusLike
from .cluster import ClientLike, get_client, map_partitions, new_key, tree_reduce, watch
from .partitions import Partition, iter_loaded, partitions_of


def _batches(corpus, unit: Unit, batch_size: int) -> Iterator[list[str]]:
    texts = corpus.unit_table(unit)["text"].tolist()
    for first in range(0, len(texts), batch_size):
        yield texts[first:first + batch_size]


def unit_batches(corpus: CorpusLike, *, unit: Unit = "paragraphs",
                 batch_size: int = 2000) -> Iterator[list[str]]:
    """The batches :func:`fit_topics_online` feeds, read here, one partition at a time: the
    texts of each partition's units, ``batch_size`` at a time. With the in-memory
    :func:`arcorpus.topics.fit_topics_online` they give the same model, without a cluster.

    >>> fit_topics_online_in_memory(lambda: unit_batches("news.parquet"), k=20)  # doctest: +SKIP
    """
    unit = check_unit(unit)
    for corpus_part in iter_loaded(corpus):
        yield from _batches(corpus_part, unit, batch_size)


def _frequencies_of(partition: Partition, unit: Unit, batch_size: int,
                    analyzer: ArabicAnalyzer) -> tuple[Counter, int]:
    frequency: Counter[str] = Counter()
    n_docs = 0
    for texts in _batches(partition.load(), unit, batch_size):
        for text in texts:
            frequency.update(set(analyzer(text)))
        n_docs += len(texts)
    return frequency, n_docs


def _add_frequencies(a: tuple[Counter, int], b: tuple[Counter, int]) -> tuple[Counter, int]:
    return a[0] + b[0], a[1] + b[1]


def _counts_of(partition: Partition, *, unit: Unit, batch_size: int,
               analyzer: ArabicAnalyzer, vocabulary) -> list:
    vectorizer = CountVectorizer(analyzer=analyzer, vocabulary=vocabulary)
    return [vectorizer.transform(texts)
            for texts in _batches(partition.load(), unit, batch_size)]


def fit_topics_online(
    corpus: CorpusLike,
    *,
    k: int,
    method: Method = "lda",
    unit: Unit = "paragraphs",
    analyzer: ArabicAnalyzer | None = None,
    min_df: int = 2,
    max_df: float = 0.95,
    random_state: int = 0,
    passes: int = 1,
    batch_size: int = 2000,
    client: ClientLike = None,
    progress: bool | None = None,
) -> tuple[LatentDirichletAllocation | MiniBatchNMF, object]:
    """:func:`arcorpus.topics.fit_topics_online` with the text analysed on the cluster:
    ``(model, vocabulary)``, identical to the in-memory fit on
    ``lambda: unit_batches(corpus, unit=unit, batch_size=batch_size)``.

    >>> lda, vocabulary = fit_topics_online("news.parquet", k=20)  # doctest: +SKIP
    >>> topic_term_table(lda, vocabulary)                          # doctest: +SKIP
    """
    check_method(method)
    unit = check_unit(unit)
    client = get_client(client)
    analyzer = analyzer or ArabicAnalyzer()
    partitions = partitions_of(corpus)
    counted = map_partitions(client, _frequencies_of, partitions, unit, batch_size, analyzer,
                             step="topics-df")
    total = tree_reduce(client, counted, _add_frequencies, step="topics-df-sum")
    watch(counted, desc="vocabulary", progress=progress)
    document_frequency, n_docs = total.result()
    del counted, total
    online = OnlineFit(document_frequency, n_docs, k=k, method=method, min_df=min_df,
                       max_df=max_df, random_state=random_state)
    del document_frequency
    [vocabulary] = client.scatter([online.vocabulary], broadcast=True, hash=False)
    ahead = max(2, len(client.scheduler_info(n_workers=-1).get("workers", {})) + 1)
    for _ in range(passes):
        _feed(client, online, partitions, ahead, progress, unit=unit, batch_size=batch_size,
              analyzer=analyzer, vocabulary=vocabulary)
    return online.model, online.vocabulary


def _feed(client, online: OnlineFit, partitions: list[Partition], ahead: int,
          progress: bool | None, **options) -> None:
    """One pass: the workers count partitions ``ahead`` of the model; the model takes their
    batches in corpus order; each partition's counts are dropped once used."""
    prefix = new_key("topics-counts")
    queue: deque = deque()
    waiting = iter(enumerate(partitions))

    def submit_next() -> None:
        for index, partition in waiting:
            queue.append(client.submit(_counts_of, partition, key=f"{prefix}-{index}",
                                       **options))
            return

    for _ in range(ahead):
        submit_next()
    for _ in progress_bar(range(len(partitions)), desc="fitting", unit="partition",
                          enabled=progress):
        future = queue.popleft()
        submit_next()
        for counts in future.result():
            online.update(counts)
        del future
