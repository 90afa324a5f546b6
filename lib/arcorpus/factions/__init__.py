"""Actors of the wars in Syria, Yemen, Iraq and Libya: the gazetteer, mention extraction and
its evaluation, co-occurrence, typed (signed) edges, and gazetteer induction."""

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
from .induction import add_actors, induction_recall, suggest_actors
from .mentions import MentionFinder, find_mentions
from .relations import RELATIONS, classify_pair, load_cues, relations, typed_edges

__all__ = [
    "MEASURES",
    "RELATIONS",
    "Gazetteer",
    "MentionFinder",
    "actor_graph",
    "add_actors",
    "classify_pair",
    "cooccurrence",
    "cooccurrence_evidence",
    "cooccurrence_matrix",
    "evaluate_mentions",
    "evidence_html",
    "export_graph",
    "find_mentions",
    "induction_recall",
    "load_cues",
    "load_gazetteer",
    "load_gold",
    "mentions_by_paragraph",
    "mentions_html",
    "relations",
    "suggest_actors",
    "typed_edges",
]
