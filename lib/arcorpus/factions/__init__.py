"""Actors of the Syrian war: the gazetteer, mention extraction and its evaluation."""

from .cooccurrence import MEASURES, cooccurrence, cooccurrence_matrix
from .evaluate import evaluate_mentions, load_gold, mentions_by_paragraph
from .evidence import (
    actor_graph,
    cooccurrence_evidence,
    evidence_html,
    export_graph,
    mentions_html,
)
from .gazetteer import Gazetteer, load_gazetteer
from .mentions import MentionFinder, find_mentions

__all__ = [
    "MEASURES",
    "Gazetteer",
    "MentionFinder",
    "actor_graph",
    "cooccurrence",
    "cooccurrence_evidence",
    "cooccurrence_matrix",
    "evaluate_mentions",
    "evidence_html",
    "export_graph",
    "find_mentions",
    "load_gazetteer",
    "load_gold",
    "mentions_by_paragraph",
    "mentions_html",
]
