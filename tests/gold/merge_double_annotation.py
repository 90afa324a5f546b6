"""Merge two blind annotations of the same items (``assemble_annotation.py`` output each) into
one gold file, as the held-out set was made: mentions both annotators marked required (spans
overlapping, same actor) are required; a mention either marked optional is optional; every
other required mention of either (the other said optional, nothing, or another actor) is a
*case* for a third blind annotator, whose decisions (required, optional, none; "no" is read as
none) complete the file.

    # 1. the cases to adjudicate (with each item's paragraph and article, for the adjudicator)
    python tests/gold/merge_double_annotation.py A.json B.json --same B_ID=A_ID ... \
        --cases CASES.json [--corpus ../shared/corpora/saudinewsnet]
    # 2. the gold file, once the cases are decided
    python tests/gold/merge_double_annotation.py A.json B.json --same B_ID=A_ID ... \
        --decisions DECISIONS.json --out GOLD.json --description "..."

``--same``: ids the two annotators invented for one actor the inventory lacked (B's id, then
A's), and ids either invented for an actor of the inventory. ``DECISIONS.json``: a list of
``{"case", "item", "start", "surface", "actor", "decision", "reason"}`` in the cases' order
(``tests/fixtures/dev/annotations/fresh6_adjudication.json``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def _overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _renamed(spans: list[dict], same: dict[str, str]) -> list[dict]:
    return [dict(m, actor_id=same.get(m["actor_id"], m["actor_id"])) for m in spans]


def merge(a: dict, b: dict, same: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """``(items, cases)``: the items with the agreed required and the optional mentions, and
    the disagreements (``item`` and ``span``), A's first, item by item."""
    by_item = {i["item"]: i for i in b["items"]}
    items, cases = [], []
    for item_a in a["items"]:
        item_b = by_item[item_a["item"]]
        req_a, opt_a = _renamed(item_a["mentions"], same), _renamed(item_a["optional"], same)
        req_b, opt_b = _renamed(item_b["mentions"], same), _renamed(item_b["optional"], same)
        required, optional, used = [], [], set()
        for m in req_a:
            k = next((j for j, n in enumerate(req_b) if j not in used and _overlap(m, n)
                      and n["actor_id"] == m["actor_id"]), None)
            if k is None:
                cases.append({"item": item_a["item"], "span": m})
            else:
                used.add(k)
                required.append(m)
        cases += [{"item": item_a["item"], "span": n} for j, n in enumerate(req_b)
                  if j not in used]
        for m in opt_a + opt_b:
            if not any(_overlap(m, r) for r in required) and not any(
                    _overlap(m, o) and m["actor_id"] == o["actor_id"] for o in optional):
                optional.append(m)
        items.append({**{k: v for k, v in item_a.items()
                         if k not in ("mentions", "optional", "comment")},
                      "mentions": required, "optional": optional})
    return items, cases


def decide(items: list[dict], cases: list[dict], decisions: list[dict]) -> list[dict]:
    """The items with each case's decision applied (required, optional, or dropped)."""
    if len(decisions) != len(cases):
        raise ValueError(f"{len(cases)} cases but {len(decisions)} decisions")
    by_item = {i["item"]: i for i in items}
    for case, decision in zip(cases, decisions, strict=True):
        span = {k: case["span"][k] for k in ("start", "end", "surface", "actor_id")}
        if (decision["item"], decision["start"], decision["surface"], decision["actor"]) != \
                (case["item"], span["start"], span["surface"], span["actor_id"]):
            # the adjudicator may mend the span (a proclitic left in: للجامعة -> لجامعة), a
            # span of the same item and actor that overlaps the case's, and inside its text
            mended = {"start": decision["start"],
                      "end": decision["start"] + len(decision["surface"]),
                      "surface": decision["surface"], "actor_id": decision["actor"]}
            paragraph = by_item[case["item"]]["paragraph"]
            if (decision["item"] != case["item"] or decision["actor"] != span["actor_id"]
                    or not _overlap(mended, span)
                    or paragraph[mended["start"]:mended["end"]] != mended["surface"]):
                raise ValueError(f"decision {decision['case']} is not case {case}")
            span = mended
        item = by_item[case["item"]]
        if decision["decision"] not in ("required", "optional", "none", "no"):
            raise ValueError(f"decision {decision['case']}: {decision['decision']!r} is not "
                             "required, optional or none")
        if decision["decision"] in ("none", "no"):
            continue
        item["optional"] = [o for o in item["optional"]
                            if not (_overlap(o, span) and o["actor_id"] == span["actor_id"])]
        item["mentions" if decision["decision"] == "required" else "optional"].append(span)
    for item in items:
        item["mentions"].sort(key=lambda m: m["start"])
        item["optional"].sort(key=lambda m: m["start"])
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--same", nargs="*", default=[], metavar="B_ID=A_ID")
    parser.add_argument("--cases")
    parser.add_argument("--corpus", help="SaudiNewsNet folder, to give the cases' articles")
    parser.add_argument("--decisions")
    parser.add_argument("--out")
    parser.add_argument("--description", default="")
    args = parser.parse_args()
    a = json.loads(Path(args.a).read_text(encoding="utf-8"))
    b = json.loads(Path(args.b).read_text(encoding="utf-8"))
    same = dict(pair.split("=", 1) for pair in args.same)
    items, cases = merge(a, b, same)
    if args.cases:
        articles = {}
        if args.corpus:
            from arcorpus import load_saudinewsnet

            corpus = load_saudinewsnet(args.corpus)
            wanted = {i["doc_id"] for i in items}
            paragraphs = corpus.paragraphs[corpus.paragraphs["doc_id"].isin(wanted)]
            articles = {d: "\n\n".join(g.sort_values("para_id")["text"])
                        for d, g in paragraphs.groupby("doc_id")}
        by_item = {i["item"]: i for i in items}
        out = []
        for n, case in enumerate(cases, 1):
            item, span = by_item[case["item"]], case["span"]
            text = item["paragraph"]
            out.append({"case": n, "item": case["item"], "paragraph": text,
                        "article": articles.get(item["doc_id"], ""),
                        "surface": span["surface"], "start": span["start"],
                        "in_context": text[max(0, span["start"] - 80):span["start"]] + "[["
                        + span["surface"] + "]]" + text[span["end"]:span["end"] + 80],
                        "actor": span["actor_id"]})
        Path(args.cases).write_text(json.dumps(out, ensure_ascii=False, indent=1),
                                    encoding="utf-8")
        print(f"{len(cases)} cases -> {args.cases}")
    if args.decisions:
        decisions = json.loads(Path(args.decisions).read_text(encoding="utf-8"))
        items = decide(items, cases, decisions)
        gold = {"description": args.description, "units": a["units"], "scoring": a["scoring"],
                "actors": {**a["actors"], **b["actors"]}, "items": items}
        Path(args.out).write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                  encoding="utf-8")
        n = sum(len(i["mentions"]) for i in items)
        o = sum(len(i["optional"]) for i in items)
        print(f"{len(items)} items, {n} required and {o} optional mentions -> {args.out}")


if __name__ == "__main__":
    main()
