"""Topic models a social scientist can publish: LDA (tomotopy or scikit-learn) and NMF, honest
model selection (coherence, held-out perplexity, stability across seeds), labels by probability,
FREX and lift, seeded topics, covariate effects on prevalence with intervals (stm's method of
composition), and an out-of-core path."""

from .effects import TopicEffects, time_covariates, topic_effects
from .engines import ENGINES, TomotopyLDA
from .labels import frex, lift
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
    "ENGINES",
    "SmallCorpusWarning",
    "TomotopyLDA",
    "TopicEffects",
    "TopicModel",
    "TopicModelError",
    "coherence_npmi",
    "coherence_umass",
    "fit_seeded_nmf",
    "fit_topics",
    "fit_topics_online",
    "frex",
    "iter_text_batches",
    "lift",
    "representative_html",
    "representative_units",
    "seed_columns",
    "select_k",
    "stability",
    "time_covariates",
    "topic_effects",
    "topic_prevalence",
    "topic_term_table",
]
