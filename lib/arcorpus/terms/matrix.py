"""The document-term matrix every analysis starts from: scikit-learn's ``CountVectorizer`` with
the kit's :class:`~arcorpus.text.ArabicAnalyzer`, optionally in parallel over chunks."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed, effective_n_jobs
from sklearn.feature_extraction.text import CountVectorizer

from ..progress import progress_bar
from ..text import ArabicAnalyzer

#: the dtype of every count matrix: a term is never counted 2**31 times in one document, and
#: int32 counts take a third less memory than scikit-learn's default int64 (4 + 4 bytes per
#: stored count, value and column, instead of 8 + 4: what decides whether the matrix of
#: millions of paragraphs fits on a worker). Sums over a matrix are int64 all the same (scipy
#: widens integer sums).
COUNT_DTYPE = np.int32


def _count_chunk(texts: Sequence[str], analyzer: ArabicAnalyzer, progress: bool | None = False):
    vectorizer = CountVectorizer(analyzer=analyzer)
    matrix = vectorizer.fit_transform(progress_bar(texts, desc="counting", unit="text",
                                                   total=len(texts), enabled=progress))
    # cast after counting rather than CountVectorizer(dtype=): the same values and the same
    # order of terms within each row (which a Gibbs sampler's chain depends on)
    return matrix.astype(COUNT_DTYPE), vectorizer.get_feature_names_out()


def document_term_matrix(
    texts: Sequence[str],
    analyzer: ArabicAnalyzer | None = None,
    *,
    n_jobs: int = 1,
    chunk_size: int | None = None,
    progress: bool | None = None,
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Count terms: ``(matrix, vocabulary)``, rows in the order of ``texts``, columns sorted.

    With ``n_jobs > 1`` (``-1``: every core) the texts are counted in chunks in parallel
    (joblib processes; one chunk per worker unless ``chunk_size`` is given), each by its own
    ``CountVectorizer``, and the chunk matrices are merged onto one vocabulary; the result is
    identical to a single ``CountVectorizer(analyzer=analyzer).fit_transform`` (in
    :data:`COUNT_DTYPE`, int32). ``progress``:
    see :mod:`arcorpus.progress`.

    Example:
        >>> X, vocab = document_term_matrix(["جبهة النصرة", "النصرة والجيش الحر"])
        >>> X.toarray().tolist(), list(vocab)
        ([[1, 0, 0, 1], [0, 1, 1, 1]], ['جبهة', 'جيش', 'حر', 'نصرة'])
    """
    analyzer = analyzer or ArabicAnalyzer()
    texts = list(texts)
    workers = effective_n_jobs(n_jobs)
    if workers == 1 or len(texts) < 2 * workers:
        matrix, vocabulary = _count_chunk(texts, analyzer, progress)
        return matrix.tocsr(), vocabulary
    # by default one chunk per worker: each worker's word cache then serves its whole share
    size = chunk_size or -(-len(texts) // workers)
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    parts = Parallel(n_jobs=n_jobs)(
        delayed(_count_chunk)(chunk, analyzer)
        for chunk in progress_bar(chunks, desc="counting", unit="chunk", enabled=progress))
    vocabulary = np.unique(np.concatenate([vocab for _, vocab in parts]))
    blocks = []
    for matrix, vocab in parts:
        columns = np.searchsorted(vocabulary, vocab)  # chunk column -> global column
        coo = matrix.tocoo()
        blocks.append(sp.csr_matrix((coo.data, (coo.row, columns[coo.col])),
                                    shape=(matrix.shape[0], len(vocabulary)),
                                    dtype=COUNT_DTYPE))
    return sp.vstack(blocks, format="csr"), vocabulary
