"""What the teaching notebooks share: which corpus to open and where its figures go.

Every notebook starts with a cell tagged ``parameters``::

    CORPUS = "../corpus"   # a folder or file of articles, or a named corpus ("saudinewsnet")
    OUT = None             # where figures go (None: see figures_folder)

``python3 tasks.py main --corpus PATH|saudinewsnet [--out DIR]`` runs the notebooks with other
values (the runner adds a cell tagged ``injected-parameters`` after that one, as papermill
does). Figures of the two course corpora are committed (the seed in ``figures/``, SaudiNewsNet in
``figures/saudinewsnet/``); any other corpus writes to ``build/figures/<name>/``, so running the
notebooks on your own corpus never overwrites the committed figures.
"""

from __future__ import annotations

import os
from pathlib import Path

from .corpus import Corpus, load_corpus

#: corpora known by name (besides paths): name -> description
NAMED_CORPORA = {
    "saudinewsnet": "SaudiNewsNet: 31,030 Saudi news articles, July-August 2015 "
                    "(CC BY-NC-SA 4.0, research only)",
}
#: figure folders of the course corpora, relative to the notebooks' folder
COURSE_FIGURES = {"../corpus": "../figures", "saudinewsnet": "../figures/saudinewsnet"}
#: environment variable naming a local copy of SaudiNewsNet's zip files (set by tasks.py when
#: the project's shared data folder is present); otherwise the cache of fetch_saudinewsnet
SAUDINEWSNET_ENV = "ARCORPUS_SAUDINEWSNET"


def open_corpus(spec: str | os.PathLike | Corpus, **options) -> Corpus:
    """Open a corpus given as a path (folder or file, see :func:`~arcorpus.load_corpus`) or by
    name (``"saudinewsnet"``: read from ``$ARCORPUS_SAUDINEWSNET`` when set, else fetched once
    into the cache by :func:`~arcorpus.datasets.fetch_saudinewsnet`).

    >>> corpus = open_corpus("../corpus")  # doctest: +SKIP
    """
    if isinstance(spec, Corpus):
        return spec
    if str(spec) == "saudinewsnet":
        from .corpus import load_saudinewsnet
        from .datasets import fetch_saudinewsnet

        local = os.environ.get(SAUDINEWSNET_ENV)
        if local:
            return load_saudinewsnet(local, **options)
        return fetch_saudinewsnet(**options)
    return load_corpus(spec, **options)


def corpus_name(spec: str | os.PathLike) -> str:
    """A short name for a corpus: the named corpus, or the folder or file name.

    >>> corpus_name("saudinewsnet"), corpus_name("../corpus"), corpus_name("/data/news.csv")
    ('saudinewsnet', 'corpus', 'news')
    """
    text = str(spec)
    if text in NAMED_CORPORA:
        return text
    path = Path(text)
    return path.stem if path.suffix else path.name or "corpus"


def figures_folder(corpus: str | os.PathLike, out: str | os.PathLike | None = None) -> Path:
    """Where a notebook writes its figures: ``out`` when given; the committed folder of a course
    corpus (``../figures``, ``../figures/saudinewsnet``); else ``../build/figures/<name>``.

    >>> figures_folder("../corpus"), figures_folder("/data/my news")
    (PosixPath('../figures'), PosixPath('../build/figures/my news'))
    """
    if out is not None:
        return Path(out)
    for course, folder in COURSE_FIGURES.items():
        if str(corpus) == course or (course not in NAMED_CORPORA and str(corpus) not in
                                     NAMED_CORPORA and Path(corpus).resolve() ==
                                     Path(course).resolve()):
            return Path(folder)
    return Path("../build/figures") / corpus_name(corpus)
