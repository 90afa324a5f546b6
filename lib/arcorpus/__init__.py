"""arcorpus: Arabic news corpus analysis for Jupyter.

Data flows one way: files -> :mod:`arcorpus.corpus` (DataFrames) -> analyses -> plots.

>>> import arcorpus
>>> corpus = arcorpus.load_corpus("corpus/")  # doctest: +SKIP
"""

from importlib.metadata import PackageNotFoundError, version

from .corpus import Corpus, CorpusError, load_corpus, load_saudinewsnet, load_trec

try:
    __version__ = version("arcorpus")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

_SUBMODULES = {"corpus", "dask", "datasets", "factions", "io", "plotting", "terms", "text",
               "topics"}


def __getattr__(name: str):
    """Import submodules on first use (``arcorpus.plotting``), so ``import arcorpus`` stays
    light and does not load matplotlib until a plot is made."""
    if name in _SUBMODULES:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Corpus", "CorpusError", "__version__", "load_corpus", "load_saudinewsnet",
           "load_trec"]
