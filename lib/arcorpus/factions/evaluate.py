"""Measure mention extraction against a hand annotation (a gold file)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from ..corpus import Corpus

GOLD_COLUMNS = ["paragraph", "start", "end", "surface", "actor_id"]


def load_gold(path: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a gold file in the format of ``seed_factions_gold.json``: ``(mentions, optional)``,
    each with ``paragraph, start, end, surface, actor_id`` (offsets within the paragraph)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))

    def frame(items):
        table = pd.DataFrame(items or [], columns=["paragraph", "start", "end", "surface",
                                                   "faction"])
        return table.rename(columns={"faction": "actor_id"})[GOLD_COLUMNS]

    return frame(data.get("mentions")), frame(data.get("optional"))


def mentions_by_paragraph(mentions: pd.DataFrame, corpus: Corpus, doc_id: str) -> pd.DataFrame:
    """Turn :func:`find_mentions` rows of one article into the gold file's coordinates
    (``paragraph`` index, offsets within that paragraph)."""
    rows = mentions[mentions["doc_id"] == doc_id]
    starts = corpus.paragraphs.query("doc_id == @doc_id").set_index("para_id")["start"]
    offset = starts.reindex(rows["para_id"]).to_numpy()
    return pd.DataFrame({"paragraph": rows["para_id"].to_numpy(),
                         "start": rows["start"].to_numpy() - offset,
                         "end": rows["end"].to_numpy() - offset,
                         "surface": rows["surface"].to_numpy(),
                         "actor_id": rows["actor_id"].to_numpy()})


def evaluate_mentions(
    predicted: pd.DataFrame,
    gold: pd.DataFrame,
    optional: pd.DataFrame | None = None,
) -> dict:
    """Precision, recall and F1 of ``predicted`` against ``gold`` (both with ``paragraph, start,
    end, actor_id``), overall and per actor, with the misses and false hits listed.

    Scoring (the gold file's rule): a prediction matches a gold mention when both are in the
    same paragraph, name the same actor and their spans overlap; each gold mention is matched
    once; predictions that overlap an ``optional`` span are ignored.

    Returns:
        ``{"precision", "recall", "f1", "per_actor": DataFrame, "misses": DataFrame,
        "false_hits": DataFrame}``.
    """
    optional = optional if optional is not None else gold.iloc[0:0]

    def overlaps(a, b) -> bool:
        return a.paragraph == b.paragraph and a.start < b.end and b.start < a.end

    scored = [p for p in predicted.itertuples(index=False)
              if not any(overlaps(p, o) for o in optional.itertuples(index=False))]
    used: set[int] = set()
    hits = []
    false_hits = []
    for p in scored:
        match = next((i for i, g in enumerate(gold.itertuples(index=False))
                      if i not in used and g.actor_id == p.actor_id and overlaps(p, g)), None)
        if match is None:
            false_hits.append(p)
        else:
            used.add(match)
            hits.append(p.actor_id)
    misses = gold.iloc[[i for i in range(len(gold)) if i not in used]]
    tp = len(hits)
    precision = tp / len(scored) if scored else 1.0
    recall = tp / len(gold) if len(gold) else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    false_frame = pd.DataFrame(false_hits, columns=predicted.columns) if false_hits else \
        predicted.iloc[0:0]
    actors = sorted(set(gold["actor_id"]) | {p.actor_id for p in scored})
    per_actor = pd.DataFrame({
        "actor_id": actors,
        "gold": [int((gold["actor_id"] == a).sum()) for a in actors],
        "predicted": [sum(p.actor_id == a for p in scored) for a in actors],
        "hits": [hits.count(a) for a in actors],
    })
    per_actor["precision"] = (per_actor["hits"] / per_actor["predicted"].where(
        per_actor["predicted"] > 0)).fillna(1.0).round(3)
    per_actor["recall"] = (per_actor["hits"] / per_actor["gold"].where(
        per_actor["gold"] > 0)).fillna(1.0).round(3)
    return {"precision": precision, "recall": recall, "f1": f1, "per_actor": per_actor,
            "misses": misses.reset_index(drop=True), "false_hits": false_frame}
