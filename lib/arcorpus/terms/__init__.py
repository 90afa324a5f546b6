"""Term-frequency analyses: frequency tables, TF-IDF, keyness (also by group), collocations and
window collocates, concordances, clusters, dispersion, and change over time.
All take a Corpus, a DataFrame with a ``text`` column, or a list of texts, and return tidy
pandas tables."""

from .change import term_change, term_periods
from .clusters import clusters
from .collocates import collocates, log_dice, t_score
from .collocations import collocations, contingency_g2, pmi
from .dispersion import dispersion, gries_dp, juilland_d, term_positions
from .frequencies import term_frequencies, top_tfidf_terms
from .groups import keyness_by
from .keyness import keyness, log_likelihood_g2, log_ratio
from .kwic import kwic, kwic_html
from .matrix import document_term_matrix
from .stream import TermStream, term_stream

__all__ = [
    "TermStream",
    "clusters",
    "collocates",
    "collocations",
    "contingency_g2",
    "dispersion",
    "document_term_matrix",
    "gries_dp",
    "juilland_d",
    "keyness",
    "keyness_by",
    "kwic",
    "kwic_html",
    "log_dice",
    "log_likelihood_g2",
    "log_ratio",
    "pmi",
    "t_score",
    "term_change",
    "term_frequencies",
    "term_periods",
    "term_positions",
    "term_stream",
    "top_tfidf_terms",
]
