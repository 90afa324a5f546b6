"""Term-frequency analyses: frequency tables, TF-IDF, keyness, collocations, concordances.
All take a Corpus, a DataFrame with a ``text`` column, or a list of texts, and return tidy
pandas tables."""

from .collocations import collocations, contingency_g2, pmi
from .frequencies import term_frequencies, top_tfidf_terms
from .keyness import keyness, log_likelihood_g2, log_ratio
from .kwic import kwic, kwic_html
from .matrix import document_term_matrix

__all__ = [
    "collocations",
    "contingency_g2",
    "document_term_matrix",
    "keyness",
    "kwic",
    "kwic_html",
    "log_likelihood_g2",
    "log_ratio",
    "pmi",
    "term_frequencies",
    "top_tfidf_terms",
]
