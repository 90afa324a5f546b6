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
    once; a prediction that matches no gold mention but overlaps an ``optional`` span is
    ignored (one that matches a gold mention is a hit even if an optional span overlaps it:
    المملكة marked optional inside التحالف بقيادة المملكة).

    Returns:
        ``{"precision", "recall", "f1", "per_actor": DataFrame, "misses": DataFrame,
        "false_hits": DataFrame}``.
    """
    optional = optional if optional is not None else gold.iloc[0:0]

    def overlaps(a, b) -> bool:
        return a.paragraph == b.paragraph and a.start < b.end and b.start < a.end

    used: set[int] = set()
    hits = []
    false_hits = []
    scored = []
    for p in predicted.itertuples(index=False):
        match = next((i for i, g in enumerate(gold.itertuples(index=False))
                      if i not in used and g.actor_id == p.actor_id and overlaps(p, g)), None)
        if match is not None:  # a hit, even where an optional span overlaps it too
            used.add(match)
            hits.append(p.actor_id)
            scored.append(p)
        elif not any(overlaps(p, o) for o in optional.itertuples(index=False)):
            false_hits.append(p)
            scored.append(p)
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


def load_gold_items(path: str | os.PathLike) -> dict:
    """Read an item gold file (the format of ``tests/fixtures/heldout/actors_heldout.json``):
    ``{"items": DataFrame (item, theatre, doc_id, para_id, paragraph), "mentions": DataFrame,
    "optional": DataFrame (item, start, end, surface, actor_id; offsets in the paragraph),
    "actors": DataFrame (actor_id, name_ar, name_en, type, theatre)}``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    items = pd.DataFrame([{k: v for k, v in i.items() if k not in ("mentions", "optional")}
                          for i in data["items"]])

    def spans(kind: str) -> pd.DataFrame:
        rows = [{"item": i["item"], **m} for i in data["items"] for m in i.get(kind, [])]
        return pd.DataFrame(rows, columns=["item", "start", "end", "surface", "actor_id"])

    actors = pd.DataFrame([{"actor_id": k, **v} for k, v in data.get("actors", {}).items()],
                          columns=["actor_id", "name_ar", "name_en", "type", "theatre"])
    return {"items": items, "mentions": spans("mentions"), "optional": spans("optional"),
            "actors": actors}


def align_actor_ids(gold_actors: pd.DataFrame, gazetteer) -> dict[str, str]:
    """Map the ids a gold file invented for actors the annotators' inventory lacked onto the
    gazetteer's ids, blind: a gold actor whose Arabic name is an alias of one gazetteer actor
    takes that actor's id (its quotes deleted, as the finder reads names: مجموعة "سوريا
    الجديدة"). Ids the gazetteer already has are kept as they are."""
    from ..text.normalize import normalize_with
    from .gazetteer import MATCH_OPTIONS
    from .mentions import QUOTES

    unquoted = str.maketrans("", "", QUOTES)

    known = set(gazetteer.actors["actor_id"])
    by_key = dict(zip(gazetteer.aliases["key"], gazetteer.aliases["actor_id"], strict=True))
    mapping = {}
    for row in gold_actors.itertuples(index=False):
        if row.actor_id in known:
            continue
        name = " ".join(str(row.name_ar or "").translate(unquoted).split())
        key = normalize_with(name, MATCH_OPTIONS)
        if key in by_key:
            mapping[row.actor_id] = by_key[key]
    return mapping


def predict_items(items: pd.DataFrame, *, corpus: Corpus | None = None, finder=None) \
        -> pd.DataFrame:
    """Run the finder on each gold item and give its mentions in the item's coordinates
    (``item, start, end, surface, actor_id``). With ``corpus``, each item's whole article is
    read (the context the rules use) and the mentions inside the item's paragraph are kept; the
    corpus's paragraph must be the item's, letter for letter, or a part of it (boilerplate set
    aside at its edges by the loader)."""
    from .mentions import MentionFinder, find_mentions

    finder = finder if finder is not None else MentionFinder()
    if corpus is None:
        found = find_mentions(items["paragraph"].tolist(), gazetteer=finder)
        found = found.assign(item=items["item"].to_numpy()[found["doc_id"].to_numpy(int)])
        return found[["item", "start", "end", "surface", "actor_id"]]
    part = corpus.subset(items["doc_id"])
    found = find_mentions(part, gazetteer=finder)
    paragraphs = part.paragraphs.set_index(["doc_id", "para_id"])
    report = part.report
    trimmed = set(report.loc[report["kind"] == "boilerplate", "doc_id"]) if len(report) else set()
    rows = []
    for item in items.itertuples(index=False):
        para, offset = _corpus_paragraph(paragraphs.loc[item.doc_id], item,
                                         item.doc_id in trimmed)
        if para is None:  # the loader set the whole paragraph aside: nothing is found in it
            continue
        inside = found[(found["doc_id"] == item.doc_id) & (found["para_id"] == para.name)]
        for m in inside.itertuples(index=False):
            rows.append((item.item, m.start - para["start"] + offset,
                         m.end - para["start"] + offset, m.surface, m.actor_id))
    return pd.DataFrame(rows, columns=["item", "start", "end", "surface", "actor_id"])


def _corpus_paragraph(paragraphs: pd.DataFrame, item, trimmed: bool) \
        -> tuple[pd.Series | None, int]:
    """The corpus's paragraph of a gold item (``paragraphs``: one article's, by ``para_id``;
    ``trimmed``: whether the loader set boilerplate of its article aside) and where its text
    starts in the item's. The gold's paragraphs were drawn before later boilerplate rules: the
    corpus's paragraph may be the item's without boilerplate set aside at its edges (a tag list
    cut off its end), and its ``para_id`` smaller when a whole paragraph before it was set aside
    (a byline). Both are in the corpus's report. ``None`` when the whole paragraph was set aside
    (a link line that repeats the headline): the kit finds nothing there, and the gold's
    mentions in it count as missed."""
    order = [item.para_id] + [p for p in paragraphs.index if p != item.para_id]
    for para_id in order:
        if para_id not in paragraphs.index:
            continue
        text = paragraphs.loc[para_id, "text"]
        offset = item.paragraph.find(text) if text else -1
        if offset >= 0 and (len(text) >= 20 or text == item.paragraph):
            return paragraphs.loc[para_id], offset
    if trimmed:  # the loader set boilerplate of this article aside (its report says so)
        return None, 0
    raise ValueError(f"item {item.item}: paragraph differs from the corpus's")


def score_items(predicted: pd.DataFrame, gold: dict, *, types: dict[str, str] | None = None,
                id_map: dict[str, str] | None = None) -> pd.DataFrame:
    """Precision, recall and F1 of ``predicted`` (``item, start, end, actor_id``) against an
    item gold (:func:`load_gold_items`), overall, per theatre and per actor type: columns
    ``group, value, gold, predicted, hits, precision, recall, f1``. The scoring rule is
    :func:`evaluate_mentions`'s, item by item. ``types`` gives each actor id its type (gold ids
    the gazetteer lacks take the gold file's type); ``id_map`` renames gold ids."""
    id_map = id_map or {}
    types = {**dict(zip(gold["actors"]["actor_id"], gold["actors"]["type"], strict=True)),
             **(types or {})}
    theatre = dict(zip(gold["items"]["item"], gold["items"]["theatre"], strict=True))
    rows = []
    for kind in ("mentions", "optional"):
        gold[kind] = gold[kind].assign(actor_id=gold[kind]["actor_id"].replace(id_map))
    def spans(frame: pd.DataFrame) -> dict[str, list[tuple[int, int, str]]]:
        out: dict[str, list[tuple[int, int, str]]] = {}
        for item, start, end, actor in zip(frame["item"], frame["start"], frame["end"],
                                           frame["actor_id"], strict=True):
            out.setdefault(item, []).append((int(start), int(end), actor))
        return out

    # evaluate_mentions's rule, item by item, on plain tuples (no DataFrame per item)
    predicted_by, gold_by, optional_by = (spans(predicted), spans(gold["mentions"]),
                                          spans(gold["optional"]))
    counts: dict[tuple[str, str], list[int]] = {}
    for item in gold["items"]["item"]:
        optional = optional_by.get(item, [])
        wanted = gold_by.get(item, [])
        used: set[int] = set()
        for start, end, actor in predicted_by.get(item, []):
            match = next((i for i, g in enumerate(wanted) if i not in used and g[2] == actor
                          and start < g[1] and g[0] < end), None)
            if match is None and any(start < o[1] and o[0] < end for o in optional):
                continue  # no hit, but inside an optional span: not counted
            counts.setdefault((theatre[item], actor), [0, 0, 0])[1] += 1
            if match is not None:
                used.add(match)
                counts[(theatre[item], actor)][2] += 1
        for _, _, actor in wanted:
            counts.setdefault((theatre[item], actor), [0, 0, 0])[0] += 1
    rows = [(where, types.get(actor, "?"), *values) for (where, actor), values in counts.items()]
    table = pd.DataFrame(rows, columns=["theatre", "type", "gold", "predicted", "hits"])
    out = []
    for group, keys in (("all", None), ("theatre", "theatre"), ("type", "type")):
        sums = (table[["gold", "predicted", "hits"]].sum().to_frame().T.assign(value="all")
                if keys is None else
                table.groupby(keys)[["gold", "predicted", "hits"]].sum().reset_index()
                .rename(columns={keys: "value"}))
        out.append(sums.assign(group=group))
    scores = pd.concat(out, ignore_index=True)[["group", "value", "gold", "predicted", "hits"]]
    scores["precision"] = (scores["hits"] / scores["predicted"].where(scores["predicted"] > 0)
                           ).fillna(1.0).round(3)
    scores["recall"] = (scores["hits"] / scores["gold"].where(scores["gold"] > 0)
                        ).fillna(1.0).round(3)
    total = scores["precision"] + scores["recall"]
    scores["f1"] = (2 * scores["precision"] * scores["recall"] / total.where(total > 0)
                    ).fillna(0.0).round(3)
    return scores


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    found, at = [], text.find(surface)
    while at >= 0:
        found.append((at, at + len(surface)))
        at = text.find(surface, at + 1)
    return found


def evaluate_relations(path: str | os.PathLike, *, finder=None, cues=None) -> dict:
    """Accuracy of :func:`~arcorpus.factions.classify_pair` on a relation gold file (the format
    of ``tests/fixtures/heldout/relations_heldout.json``: ``sentence``, ``actor_a_surface``,
    ``actor_b_surface``, ``label``), against the majority-label baseline.

    Each item's two names are located in the sentence (the closest pair of occurrences), the
    other actors found there are masked, and a country named as a place makes the pair
    *neither*, as :func:`~arcorpus.factions.relations` does.

    Returns ``{"accuracy", "majority", "majority_label", "n", "confusion": DataFrame (gold x
    predicted)}``.
    """
    from .mentions import MentionFinder
    from .relations import RELATIONS, classify_pair, load_cues

    finder = finder if finder is not None else MentionFinder()
    cues = cues if cues is not None else load_cues()
    items = json.loads(Path(path).read_text(encoding="utf-8"))["items"]
    gold, predicted = [], []
    for item in items:
        sentence = item["sentence"]

        pairs = [(a, b) for a in _occurrences(sentence, item["actor_a_surface"])
                 for b in _occurrences(sentence, item["actor_b_surface"])
                 if not (a[0] < b[1] and b[0] < a[1])]
        label = "neither"
        if pairs:
            a, b = min(pairs, key=lambda p: abs(p[0][0] - p[1][0]))
            others, place = [], [False, False]
            for start, end, _, _, role in finder.scan(sentence):
                for k, span in enumerate((a, b)):
                    if start < span[1] and span[0] < end:
                        place[k] = place[k] or role == "place"
                        break
                else:
                    others.append((start, end))
            label = classify_pair(sentence, a, b, masked=others, cues=cues,
                                  places=tuple(place))[0]
        gold.append(item["label"])
        predicted.append(label)
    table = pd.crosstab(pd.Series(gold, name="gold"), pd.Series(predicted, name="predicted"))
    table = table.reindex(index=list(RELATIONS), columns=list(RELATIONS), fill_value=0)
    counts = pd.Series(gold).value_counts()
    right = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {"accuracy": right / len(gold), "majority": counts.iloc[0] / len(gold),
            "majority_label": counts.index[0], "n": len(gold), "confusion": table}
