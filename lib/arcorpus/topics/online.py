"""Topic models for corpora that do not fit in memory: online LDA (``partial_fit``) and
MiniBatchNMF, fed with batches of texts (for instance from :func:`iter_text_batches`).

Two passes over the batches: the first fixes the vocabulary (document frequencies, then
``min_df``/``max_df``), the second updates the model batch by batch. Only one batch of text and
its sparse counts are in memory at a time.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np
from sklearn.decomposition import LatentDirichletAllocation, MiniBatchNMF
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from ..corpus import assemble_corpus
from ..corpus.documents import read_text_file
from ..corpus.units import Unit, check_unit
from ..text import ArabicAnalyzer
from .model import Method, check_fit_input, check_method


def iter_text_batches(folder: str | os.PathLike, *, batch_size: int = 2000,
                      pattern: str = "*.txt", unit: Unit = "paragraphs") -> Iterator[list[str]]:
    """Paragraph (article, sentence) texts of a folder of ``.txt`` articles, ``batch_size``
    files at a time, through the kit's loader (same boilerplate rules and segmentation)."""
    return _text_batches(Path(folder), batch_size, pattern, check_unit(unit))


def _text_batches(folder: Path, batch_size: int, pattern: str,
                  unit: Unit) -> Iterator[list[str]]:
    files = sorted(folder.rglob(pattern))
    for first in range(0, len(files), batch_size):
        batch = files[first:first + batch_size]
        corpus = assemble_corpus(
            lambda on_error, batch=batch, first=first: (
                read_text_file(f, f.name, f"{first + i}") for i, f in enumerate(batch)),
            label=str(folder))
        yield getattr(corpus, unit)["text"].tolist()


def fit_topics_online(
    batches: Callable[[], Iterable[list[str]]],
    *,
    k: int,
    method: Method = "lda",
    analyzer: ArabicAnalyzer | None = None,
    min_df: int = 2,
    max_df: float = 0.95,
    random_state: int = 0,
    passes: int = 1,
) -> tuple[LatentDirichletAllocation | MiniBatchNMF, np.ndarray]:
    """Fit online LDA or MiniBatchNMF over batches; return ``(model, vocabulary)``.

    ``batches`` is called once per pass (it must give the same batches each time), e.g.
    ``lambda: iter_text_batches("corpus/articles/")``.
    """
    check_method(method)  # before a pass over the whole corpus
    analyzer = analyzer or ArabicAnalyzer()
    document_frequency: Counter[str] = Counter()
    n_docs = 0
    for texts in batches():
        for text in texts:
            document_frequency.update(set(analyzer(text)))
        n_docs += len(texts)
    online = OnlineFit(document_frequency, n_docs, k=k, method=method, min_df=min_df,
                       max_df=max_df, random_state=random_state)
    vectorizer = CountVectorizer(analyzer=analyzer, vocabulary=online.vocabulary)
    for _ in range(passes):
        for texts in batches():
            online.update(vectorizer.transform(texts))
    return online.model, online.vocabulary


class OnlineFit:
    """The second pass of :func:`fit_topics_online`, given the first pass's document
    frequencies: the vocabulary, the model, and :meth:`update` with each batch's counts
    (wherever they were counted: :mod:`arcorpus.dask` counts them on its workers)."""

    def __init__(self, document_frequency: Counter[str], n_docs: int, *, k: int,
                 method: Method, min_df: int, max_df: float, random_state: int) -> None:
        max_count = max_df * n_docs if isinstance(max_df, float) else max_df
        self.vocabulary = np.array(sorted(t for t, df in document_frequency.items()
                                          if min_df <= df <= max_count))
        check_fit_input(n_docs, len(self.vocabulary), k)
        self.method = method
        if method == "lda":
            self.model = LatentDirichletAllocation(n_components=k, learning_method="online",
                                                   total_samples=n_docs,
                                                   random_state=random_state)
        else:
            self.model = MiniBatchNMF(n_components=k, random_state=random_state,
                                      init="nndsvda")
            # TfidfTransformer's smooth idf, from the first pass's document frequencies: no
            # in-memory matrix exists to fit it on
            idf = np.log((1 + n_docs) / (1 + np.array([document_frequency[t]
                                                       for t in self.vocabulary])))
            self.tfidf = TfidfTransformer()
            self.tfidf.idf_ = idf + 1

    def update(self, counts) -> None:
        """One ``partial_fit`` on a batch's counts (columns: :attr:`vocabulary`)."""
        self.model.partial_fit(counts if self.method == "lda" else self.tfidf.transform(counts))
