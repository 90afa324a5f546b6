"""Build the development gold of issue 14 (tests/fixtures/dev/actors_dev.json) from the drawn
items and the annotations written by hand.

    python tests/gold/build_dev.py

Procedure (see tests/fixtures/dev/README.md): ``sample_dev.py`` drew 120 articles per theatre
(seed 20261126, held-out articles excluded) and a random paragraph of each; 60 per theatre
(numpy ``default_rng(7)``) were annotated by the developer following
``tests/fixtures/heldout/actors_guidelines.md``, in ``annotations/a*.txt``, one line per item:

    ds0011: regime=قوات النظام السوري; ?regime=سوريا; us=البنتاجون|باسم البنتاجون

``actor=surface`` is a required mention, ``?actor=surface`` an optional one, in text order;
``|context`` (optional) is a longer string around the surface that picks the right occurrence.
The surface is looked for after the previous mention (then anywhere not yet taken).

Country names and capitals (``places.csv``: kinds country and capital) that no annotation
covers are added as optional spans with the state's id: the guidelines make a country named as
a place optional and a state acting required, so only the required ones are written by hand.
السعودية right after a definite word is the adjective and is left out.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from arcorpus.factions.gazetteer import MATCH_OPTIONS
from arcorpus.text.normalize import OffsetMap, normalize_with

DEV = Path(__file__).resolve().parents[1] / "fixtures" / "dev"
PLACES = Path(__file__).resolve().parents[2] / "lib" / "arcorpus" / "data" / "gazetteer" / \
    "places.csv"
LINE = re.compile(r"^(d[sy]\d{4}):(.*)$")


def parse(folder: Path) -> dict[str, list[tuple[str, str, str, bool]]]:
    notes = {}
    for path in sorted(folder.glob("a*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = LINE.match(line.strip())
            if not match:
                continue
            entries = []
            for part in match.group(2).split(";"):
                part = part.strip()
                if not part:
                    continue
                actor, _, surface = part.partition("=")
                optional = actor.startswith("?")
                surface, _, context = surface.partition("|")
                entries.append((actor.lstrip("?").strip(), surface, context, optional))
            notes[match.group(1)] = entries
    return notes


def _is_word(paragraph: str, start: int, end: int) -> bool:
    """Not inside a longer word: a letter may precede only as a proclitic (و ف ب ك ل)."""
    after = end >= len(paragraph) or not paragraph[end].isalpha()
    before = start == 0 or not paragraph[start - 1].isalpha() or (
        paragraph[start - 1] in "وفبكل" and (start == 1 or not paragraph[start - 2].isalpha()
                                          or paragraph[start - 2] in "وفبكل"))
    return after and before


def locate(paragraph: str, entries, item: str):
    taken: list[tuple[int, int]] = []
    spans = []
    cursor = 0
    for actor, surface, context, optional in entries:
        found = None
        for start_from in (cursor, 0):
            if context:
                at = paragraph.find(context, start_from)
                while at >= 0:
                    inner = paragraph.find(surface, at, at + len(context))
                    if inner >= 0 and _is_word(paragraph, inner, inner + len(surface)) and \
                            not any(inner < e and s < inner + len(surface) for s, e in taken):
                        found = inner
                        break
                    at = paragraph.find(context, at + 1)
            else:
                at = paragraph.find(surface, start_from)
                while at >= 0 and (any(at < e and s < at + len(surface) for s, e in taken)
                                   or not _is_word(paragraph, at, at + len(surface))):
                    at = paragraph.find(surface, at + 1)
                found = at if at >= 0 else None
            if found is not None:
                break
        if found is None:
            raise SystemExit(f"{item}: {surface!r} ({context!r}) not found")
        taken.append((found, found + len(surface)))
        cursor = found + len(surface)
        spans.append({"start": found, "end": found + len(surface), "surface": surface,
                      "actor_id": actor, "optional": optional})
    return spans


def place_spans(paragraph: str, taken, places):
    normal = normalize_with(paragraph, MATCH_OPTIONS)
    offsets = OffsetMap(paragraph, MATCH_OPTIONS)
    spans = []
    for key, actor in places:
        pattern = re.compile(r"(?:^|(?<=[^\w])|(?<=[^\w][وفبلك])|(?<=[^\w][وف][بلك]))"
                             + re.escape(key) + r"(?!\w)")
        forms = [pattern]
        if key.startswith("ال"):
            forms.append(re.compile(r"(?:^|(?<=[^\w])|(?<=[^\w][وف]))ل" + re.escape(key[1:])
                                    + r"(?!\w)"))
        for form in forms:
            for match in form.finditer(normal):
                start, end = offsets.span(*match.span())
                if key == normalize_with("السعودية", MATCH_OPTIONS):
                    before = normal[:match.start()].split()
                    if before and before[-1].startswith("ال") and before[-1] != \
                            normalize_with("العربية", MATCH_OPTIONS):
                        continue
                if any(start < e and s < end for s, e in taken):
                    continue
                taken.append((start, end))
                spans.append({"start": start, "end": end, "surface": paragraph[start:end],
                              "actor_id": actor, "optional": True})
    return spans


def main() -> None:
    items = json.loads((DEV / "items_drawn.json").read_text(encoding="utf-8"))
    notes = parse(DEV / "annotations")
    with PLACES.open(encoding="utf-8") as handle:
        places = [(normalize_with(r["place"], MATCH_OPTIONS), r["country"])
                  for r in csv.DictReader(handle) if r["kind"] in ("country", "capital")]
    places.sort(key=lambda p: -len(p[0]))  # longest first: المملكة العربية السعودية whole
    out, actors = [], set()
    for item in items:
        if item["item"] not in notes:
            raise SystemExit(f"{item['item']}: not annotated")
        spans = locate(item["paragraph"], notes[item["item"]], item["item"])
        taken = [(s["start"], s["end"]) for s in spans]
        spans += place_spans(item["paragraph"], taken, places)
        spans.sort(key=lambda s: s["start"])
        actors |= {s["actor_id"] for s in spans}
        out.append({"item": item["item"], "theatre": item["theatre"], "doc_id": item["doc_id"],
                    "para_id": item["para_id"], "source": item["source"],
                    "paragraph": item["paragraph"],
                    "mentions": [{k: s[k] for k in ("start", "end", "surface", "actor_id")}
                                 for s in spans if not s["optional"]],
                    "optional": [{k: s[k] for k in ("start", "end", "surface", "actor_id")}
                                 for s in spans if s["optional"]]})
    gold = {"description": "Development actor-mention gold for issue 14: 120 SaudiNewsNet "
                           "paragraphs (60 Syria, 60 Yemen), annotated by the developer; "
                           "see README.md. Study its errors freely.",
            "units": "start/end: 0-based character offsets within `paragraph`",
            "scoring": "as actors_heldout.json", "actors": {}, "items": out}
    (DEV / "actors_dev.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1),
                                         encoding="utf-8")
    required = sum(len(i["mentions"]) for i in out)
    optional = sum(len(i["optional"]) for i in out)
    print(f"{len(out)} items, {required} required and {optional} optional mentions, "
          f"{len(actors)} actors")


if __name__ == "__main__":
    main()
