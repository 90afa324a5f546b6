"""Readers for public Arabic news corpora, giving the same tables as :func:`load_corpus`."""

from .saudinewsnet import load_saudinewsnet
from .trec import load_trec, parse_trec_document

__all__ = ["load_saudinewsnet", "load_trec", "parse_trec_document"]
