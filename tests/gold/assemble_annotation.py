"""Turn blind annotators' output (the format of ``tests/fixtures/heldout/actors_guidelines.md``:
``surface`` + ``occurrence`` per mention) into an item gold file (offsets in the paragraph), the
format :func:`arcorpus.factions.evaluate.load_gold_items` reads.

    python tests/gold/assemble_annotation.py DRAWN.json ANNOTATION.json [ANNOTATION.json ...] \
        --out GOLD.json --description "..."

``DRAWN.json``: the items as drawn (``sample_dev.py``: item, theatre, doc_id, para_id, source,
title, paragraph). Every drawn item must be annotated exactly once; a surface that is not in its
paragraph, or an occurrence beyond its count, is an error (the file is not written).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def locate(paragraph: str, surface: str, occurrence: int) -> int:
    """Offset of the ``occurrence``-th (1-based) plain substring occurrence of ``surface``."""
    position = -1
    for _ in range(occurrence):
        position = paragraph.find(surface, position + 1)
        if position < 0:
            raise ValueError(f"{surface!r}: occurrence {occurrence} is not in the paragraph")
    return position


def assemble(drawn: list[dict], annotations: list[dict], description: str) -> dict:
    by_item = {}
    actors = {}
    for annotation in annotations:
        for record in annotation["items"]:
            if record["item"] in by_item:
                raise ValueError(f"{record['item']} is annotated twice")
            by_item[record["item"]] = record
        for actor in annotation.get("new_actors", []):
            actors[actor["actor_id"]] = {k: actor.get(k, "") for k in
                                         ("name_ar", "name_en", "type", "theatre")}
    missing = [i["item"] for i in drawn if i["item"] not in by_item]
    if missing:
        raise ValueError(f"not annotated: {missing}")
    items = []
    for item in drawn:
        record = by_item[item["item"]]
        out = {k: item[k] for k in ("item", "theatre", "doc_id", "para_id", "source",
                                    "paragraph")}
        out["mentions"], out["optional"] = [], []
        for mention in record["mentions"]:
            start = locate(item["paragraph"], mention["surface"], int(mention["occurrence"]))
            span = {"start": start, "end": start + len(mention["surface"]),
                    "surface": mention["surface"], "actor_id": mention["actor"]}
            out["optional" if mention.get("optional") else "mentions"].append(span)
        if record.get("comment"):
            out["comment"] = record["comment"]
        items.append(out)
    return {"description": description,
            "units": "start/end: 0-based character offsets within `paragraph`",
            "scoring": "as actors_heldout.json", "actors": actors, "items": items}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drawn")
    parser.add_argument("annotations", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--description", default="")
    args = parser.parse_args()
    drawn = json.loads(Path(args.drawn).read_text(encoding="utf-8"))
    annotations = [json.loads(Path(p).read_text(encoding="utf-8")) for p in args.annotations]
    gold = assemble(drawn, annotations, args.description)
    Path(args.out).write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")
    n = sum(len(i["mentions"]) for i in gold["items"])
    o = sum(len(i["optional"]) for i in gold["items"])
    print(f"{len(gold['items'])} items, {n} required and {o} optional mentions -> {args.out}")


if __name__ == "__main__":
    main()
