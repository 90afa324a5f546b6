"""The document-term matrix every analysis starts from: scikit-learn's ``CountVectorizer`` with
the kit's :class:`~arcorpus.text.ArabicAnalyzer`, optionally in parallel over chunks."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed, effective_n_jobs
from sklearn.feature_extraction.text import CountVectorizer
from tqdm.auto import tqdm

from ..text import ArabicAnalyzer


def _count_chunk(texts: Sequence[str], analyzer: ArabicAnalyzer):
    vectorizer = CountVectorizer(analyzer=analyzer)
    matrix = vectorizer.fit_transform(texts)
    return matrix, vectorizer.get_feature_names_out()


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
    identical to a single ``CountVectorizer(analyzer=analyzer).fit_transform``.

    Example:
        >>> X, vocab = document_term_matrix(["جبهة النصرة", "النصرة والجيش الحر"])
        >>> X.toarray().tolist(), list(vocab)
        ([[1, 0, 0, 1], [0, 1, 1, 1]], ['جبهة', 'جيش', 'حر', 'نصرة'])
    """
    analyzer = analyzer or ArabicAnalyzer()
    texts = list(texts)
    workers = effective_n_jobs(n_jobs)
    if workers == 1 or len(texts) < 2 * workers:
        matrix, vocabulary = _count_chunk(texts, analyzer)
        return matrix.tocsr(), vocabulary
    # by default one chunk per worker: each worker's word cache then serves its whole share
    size = chunk_size or -(-len(texts) // workers)
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    show = progress if progress is not None else len(texts) >= 50_000
    parts = Parallel(n_jobs=n_jobs)(
        delayed(_count_chunk)(chunk, analyzer)
        for chunk in tqdm(chunks, desc="counting", unit="chunk", disable=not show))
    vocabulary = np.unique(np.concatenate([vocab for _, vocab in parts]))
    blocks = []
    for matrix, vocab in parts:
        columns = np.searchsorted(vocabulary, vocab)  # chunk column -> global column
        coo = matrix.tocoo()
        blocks.append(sp.csr_matrix((coo.data, (coo.row, columns[coo.col])),
                                    shape=(matrix.shape[0], len(vocabulary))))
    return sp.vstack(blocks, format="csr"), vocabulary
