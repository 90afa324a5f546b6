"""Benchmark: actor mention extraction (paragraphs/s) and paragraph-level co-occurrence
(seconds) on N synthetic paragraphs, with the kit's gazetteer and with one grown to 5,000+
aliases (extraction must stay flat: an Aho-Corasick automaton is linear in the text).

    python benchmarks/bench_factions.py            # 1,000,000 paragraphs
    python benchmarks/bench_factions.py -n 200000

Paragraphs are resampled (fixed seed) from the seed article's twelve paragraphs: news text as
dense in actor names as it gets, so the worst case for extraction. One core.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

import pandas as pd

import arcorpus
from arcorpus.factions import Gazetteer, MentionFinder, cooccurrence, load_gazetteer
from arcorpus.factions.gazetteer import MATCH_OPTIONS
from arcorpus.text.normalize import normalize_with

ROOT = Path(__file__).resolve().parents[1]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def grown_gazetteer(base: Gazetteer, extra: int, seed: int = 0) -> Gazetteer:
    """The kit's gazetteer plus ``extra`` made-up actors with two-word names."""
    rng = random.Random(seed)
    actors = [f"synthetic_{i}" for i in range(extra)]
    names = {" ".join("".join(rng.choices(LETTERS, k=rng.randint(3, 6))) for _ in range(2))
             for _ in range(extra * 2)}
    names = sorted(names - set(base.aliases["key"]))[:extra]
    new_actors = pd.DataFrame({"actor_id": actors, "name_ar": names, "name_en": actors,
                               "type": "armed_opposition", "affiliations": ""})
    new_aliases = pd.DataFrame({"actor_id": actors, "alias": names, "from_year": "",
                                "to_year": "", "rule": "",
                                "key": [normalize_with(n, MATCH_OPTIONS) for n in names]})
    return Gazetteer(pd.concat([base.actors, new_actors], ignore_index=True),
                     pd.concat([base.aliases, new_aliases], ignore_index=True))


def extract(finder: MentionFinder, paragraphs: list[str]) -> tuple[pd.DataFrame, float]:
    started = time.perf_counter()
    rows = []
    for index, text in enumerate(paragraphs):
        for start, end, alias in finder.find(text):
            rows.append((index, start, end, alias))
    seconds = time.perf_counter() - started
    table = pd.DataFrame(rows, columns=["para_index", "start", "end", "alias"])
    return table, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="paragraphs")
    args = parser.parse_args()
    seed = arcorpus.load_corpus(ROOT / "corpus")
    rng = random.Random(0)
    paragraphs = rng.choices(seed.paragraphs["text"].tolist(), k=args.n)
    size = sum(len(p.encode("utf-8")) for p in paragraphs) / 1e6
    print(f"{args.n:,} paragraphs, {size:,.0f} MB, resampled from the seed article\n")

    base = load_gazetteer()
    results = {}
    for label, gazetteer in [("kit gazetteer", base),
                             ("grown gazetteer", grown_gazetteer(base, 5_000))]:
        finder = MentionFinder(gazetteer)
        table, seconds = extract(finder, paragraphs)
        results[label] = (table, seconds)
        print(f"extraction, {label} ({len(gazetteer.aliases):,} aliases): {len(table):,} mentions "
              f"in {seconds:.1f} s = {args.n / seconds:,.0f} paragraphs/s   target >= 20,000")

    table, _ = results["kit gazetteer"]
    actor_of = MentionFinder(base)._actor
    mentions = pd.DataFrame({"doc_id": 0, "para_id": table["para_index"], "sent_id": 0,
                             "actor_id": [actor_of[i] for i in table["alias"]]})
    started = time.perf_counter()
    edges = cooccurrence(mentions, unit="paragraphs")
    seconds = time.perf_counter() - started
    print(f"\nparagraph co-occurrence of {len(mentions):,} mentions in {args.n:,} paragraphs: "
          f"{seconds:.1f} s, {len(edges)} pairs   target < 30 s")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:,.0f} MB")


if __name__ == "__main__":
    main()
