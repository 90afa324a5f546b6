"""Benchmark: actor mention extraction through ``find_mentions(corpus)`` (paragraphs per CPU
second), with the kit's gazetteer and with one grown by 5,000 made-up actors (extraction must
stay flat: one Aho-Corasick automaton is linear in the text), and paragraph co-occurrence.

    python benchmarks/bench_factions.py              # 200,000 paragraphs, 3 repeats
    python benchmarks/bench_factions.py -n 50000 -r 5

The corpus: articles of 8 paragraphs resampled (fixed seed) from the seed article's twelve
paragraphs, news text as dense in actor names as it gets, so the worst case for extraction;
it is loaded with ``load_corpus`` like any user's corpus, and ``find_mentions(corpus)`` (the
documented entry point: theatre, dates, rules, paragraph and sentence ids included) is timed.
CPU seconds (``time.process_time``, one core) are reported as min/median over the repeats,
beside wall time; the machine is shared, so CPU time is the figure to compare.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
from pathlib import Path

import pandas as pd

import arcorpus
from arcorpus.factions import Gazetteer, MentionFinder, cooccurrence, find_mentions, load_gazetteer
from arcorpus.factions.gazetteer import MATCH_OPTIONS
from arcorpus.text.normalize import normalize_with

ROOT = Path(__file__).resolve().parents[1]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
PER_ARTICLE = 8


def grown_gazetteer(base: Gazetteer, extra: int, seed: int = 0) -> Gazetteer:
    """The kit's gazetteer plus ``extra`` made-up actors with two-word names."""
    rng = random.Random(seed)
    actors = [f"synthetic_{i}" for i in range(extra)]
    names = {" ".join("".join(rng.choices(LETTERS, k=rng.randint(3, 6))) for _ in range(2))
             for _ in range(extra * 2)}
    names = sorted(names - set(base.aliases["key"]))[:extra]
    new_actors = pd.DataFrame({"actor_id": actors, "name_ar": names, "name_en": actors,
                               "type": "armed_opposition", "theatres": "syria",
                               "adjective": "", "affiliations": ""})
    new_aliases = pd.DataFrame({"actor_id": actors, "alias": names, "from_year": "",
                                "to_year": "", "rule": "", "theatres": "", "source": "listed",
                                "key": [normalize_with(n, MATCH_OPTIONS) for n in names]})
    return Gazetteer(pd.concat([base.actors, new_actors], ignore_index=True),
                     pd.concat([base.aliases, new_aliases], ignore_index=True),
                     base.places, base.rules, base.theatres)


def synthetic_corpus(n_paragraphs: int) -> arcorpus.Corpus:
    seed = arcorpus.load_corpus(ROOT / "corpus")
    rng = random.Random(0)
    paragraphs = rng.choices(seed.paragraphs["text"].tolist(), k=n_paragraphs)
    texts = ["\n".join(paragraphs[i:i + PER_ARTICLE])
             for i in range(0, n_paragraphs, PER_ARTICLE)]
    frame = pd.DataFrame({"doc_id": [f"a{i:07d}" for i in range(len(texts))], "text": texts,
                          "date": "2015-08-01"})
    return arcorpus.load_corpus(frame, id_column="doc_id", progress=False)


def timed(function, repeats: int):
    cpu, wall, result = [], [], None
    for _ in range(repeats):
        started, started_wall = time.process_time(), time.perf_counter()
        result = function()
        cpu.append(time.process_time() - started)
        wall.append(time.perf_counter() - started_wall)
    return result, cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200_000, help="paragraphs")
    parser.add_argument("-r", type=int, default=3, help="repeats")
    args = parser.parse_args()
    corpus = synthetic_corpus(args.n)
    n_paragraphs = len(corpus.unit_spans("paragraphs"))
    size = corpus.articles["text"].str.len().sum() / 1e6
    print(f"{len(corpus):,} articles, {n_paragraphs:,} paragraphs, {size:,.0f} M characters, "
          f"resampled from the seed article; {args.r} runs each\n")
    corpus.unit_spans("sentences")  # the unit model splits sentences once per corpus
    base = load_gazetteer()
    results = {}
    for label, gazetteer in [("kit gazetteer", base),
                             ("grown gazetteer", grown_gazetteer(base, 5_000))]:
        finder = MentionFinder(gazetteer)
        table, cpu, wall = timed(lambda f=finder: find_mentions(corpus, gazetteer=f,
                                                                progress=False), args.r)
        results[label] = table
        print(f"find_mentions(corpus), {label} ({len(gazetteer.actors):,} actors, "
              f"{len(gazetteer.aliases):,} aliases): {len(table):,} mentions; CPU "
              f"min {min(cpu):.2f} s / median {statistics.median(cpu):.2f} s = "
              f"{n_paragraphs / min(cpu):,.0f} / {n_paragraphs / statistics.median(cpu):,.0f} "
              f"paragraphs/s (wall median {statistics.median(wall):.2f} s)   "
              f"target >= 20,000")
    table = results["kit gazetteer"]
    edges, cpu, wall = timed(lambda: cooccurrence(table, unit="paragraphs"), args.r)
    print(f"\nparagraph co-occurrence of {len(table):,} mentions: CPU min {min(cpu):.2f} s, "
          f"median {statistics.median(cpu):.2f} s (wall {statistics.median(wall):.2f} s), "
          f"{len(edges)} pairs   target < 30 s")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:,.0f} MB")


if __name__ == "__main__":
    main()
