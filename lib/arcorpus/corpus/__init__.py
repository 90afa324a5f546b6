"""Loading Arabic articles into tidy DataFrames: ``load_corpus`` and the format readers."""

from .boilerplate import BOILERPLATE_RULES
from .errors import CorpusError
from .formats import load_saudinewsnet, load_trec
from .loader import Corpus, assemble_corpus, load_corpus
from .segment import ABBREVIATIONS, iter_sentence_spans

__all__ = [
    "ABBREVIATIONS",
    "BOILERPLATE_RULES",
    "Corpus",
    "CorpusError",
    "assemble_corpus",
    "iter_sentence_spans",
    "load_corpus",
    "load_saudinewsnet",
    "load_trec",
]
