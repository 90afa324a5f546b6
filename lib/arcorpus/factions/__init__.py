"""Actors of the Syrian war: the gazetteer, mention extraction and its evaluation."""

from .evaluate import evaluate_mentions, load_gold, mentions_by_paragraph
from .gazetteer import Gazetteer, load_gazetteer
from .mentions import MentionFinder, find_mentions

__all__ = [
    "Gazetteer",
    "MentionFinder",
    "evaluate_mentions",
    "find_mentions",
    "load_gazetteer",
    "load_gold",
    "mentions_by_paragraph",
]
