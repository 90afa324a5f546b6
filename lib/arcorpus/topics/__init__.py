"""Topic models with honest model selection: LDA and NMF from scikit-learn, coherence,
held-out perplexity and stability across seeds, seeded topics, and an out-of-core path."""

from .model import (
    SmallCorpusWarning,
    TopicModel,
    TopicModelError,
    fit_topics,
    topic_term_table,
)
from .online import fit_topics_online, iter_text_batches
from .quality import coherence_npmi, coherence_umass, select_k, stability
from .reading import representative_html, representative_units, topic_prevalence
from .seeded import fit_seeded_nmf, seed_columns

__all__ = [
    "SmallCorpusWarning",
    "TopicModel",
    "TopicModelError",
    "coherence_npmi",
    "coherence_umass",
    "fit_seeded_nmf",
    "fit_topics",
    "fit_topics_online",
    "iter_text_batches",
    "representative_html",
    "representative_units",
    "seed_columns",
    "select_k",
    "stability",
    "topic_prevalence",
    "topic_term_table",
]
