"""Draw the paragraphs and sentence pairs of the actor-mention gold from SaudiNewsNet (issue 14).

Run once, before any change to the gazetteer or the matcher; the drawn items are annotated blind
and then frozen in tests/fixtures/heldout/.

    python tests/gold/sample_actors.py ../shared/corpora/saudinewsnet OUT_FOLDER

Sampling frame. An article (title + analysis text) is *about Syria* when it has at least
``MIN_HITS`` matches of ``SYRIA`` and at least twice as many as of ``YEMEN``; *about Yemen*
likewise the other way round (place names, demonyms and a few leaders' names; no actor names,
so that the frame does not depend on the gazetteer).

Mentions: for each theatre, ``N_PARAGRAPHS`` articles drawn at random (numpy
``default_rng(SEED)``, articles sorted by doc_id first), and one paragraph drawn at random in
each. Every paragraph is annotated whole, including those that name no actor.

Relations: sentences of the remaining theatre articles (not those drawn for mentions) in which
the kit's finder *before tuning* (gazetteer and matcher as of the commit that adds this script)
sees two different actors; ``N_PAIRS`` (sentence, pair) items drawn at random, at most one per
article. The finder only proposes the pair; annotators label the relation from the text.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

import arcorpus
from arcorpus.factions import find_mentions

SEED = 20261125
MIN_HITS = 3
N_PARAGRAPHS = 180
N_PAIRS = 200
SYRIA = re.compile(r"سوري|دمشق|حلب|إدلب|ادلب|درعا|حمص|حماة|الرقة|دير الزور|القنيطرة|الأسد|"
                   r"اللاذقية|الغوطة|الزبداني")
YEMEN = re.compile(r"اليمن|يمني|صنعاء|عدن|الحوثي|حوثي|تعز|مأرب|الحديدة|لحج|أبين|شبوة|الضالع|"
                   r"عبدربه|المخلافي")


def theatres(articles) -> dict[str, list[int]]:
    full = (articles["title"].fillna("") + "\n" + articles["text"]).tolist()
    s = np.array([len(SYRIA.findall(t)) for t in full])
    y = np.array([len(YEMEN.findall(t)) for t in full])
    return {"syria": np.flatnonzero((s >= MIN_HITS) & (s >= 2 * y)).tolist(),
            "yemen": np.flatnonzero((y >= MIN_HITS) & (y >= 2 * s)).tolist()}


def main(source: str, out: str) -> None:
    corpus = arcorpus.load_saudinewsnet(source)
    articles = corpus.articles.sort_values("doc_id").reset_index(drop=True)
    rng = np.random.default_rng(SEED)
    frame = theatres(articles)
    paragraphs = corpus.paragraphs.set_index(["doc_id", "para_id"])
    items, used = [], set()
    for theatre, rows in frame.items():
        picked = rng.choice(rows, size=N_PARAGRAPHS, replace=False)
        for row in sorted(picked):
            art = articles.iloc[row]
            para = int(rng.integers(art["n_paragraphs"]))
            text = paragraphs.loc[(art["doc_id"], para), "text"]
            items.append({"item": f"{theatre[0]}{len(items) + 1:04d}", "theatre": theatre,
                          "doc_id": art["doc_id"], "para_id": para,
                          "source": art["source"], "title": art["title"],
                          "paragraph": text, "article": art["text"]})
            used.add(art["doc_id"])
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mentions_to_annotate.json").write_text(
        json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")

    pairs = []
    for theatre, rows in frame.items():
        ids = [articles.iloc[r]["doc_id"] for r in rows
               if articles.iloc[r]["doc_id"] not in used]
        subset = corpus.articles[corpus.articles["doc_id"].isin(ids)]
        mentions = find_mentions(subset)  # texts only: sentence ids are added below
        sentences = corpus.sentences[corpus.sentences["doc_id"].isin(ids)]
        for doc_id, group in mentions.groupby("doc_id", sort=True):
            sents = sentences[sentences["doc_id"] == doc_id]
            candidates = []
            for sent in sents.itertuples():
                inside = group[(group["start"] >= sent.start) & (group["end"] <= sent.end)]
                actors = sorted(set(inside["actor_id"]))
                for i, a in enumerate(actors):
                    for b in actors[i + 1:]:
                        first = {x: inside[inside["actor_id"] == x].iloc[0] for x in (a, b)}
                        candidates.append((sent, a, b, first))
            if candidates:
                pairs.append((theatre, doc_id, candidates))
    order = rng.permutation(len(pairs))[:N_PAIRS]
    chosen = []
    for k in sorted(order):
        theatre, doc_id, candidates = pairs[k]
        sent, a, b, first = candidates[int(rng.integers(len(candidates)))]
        chosen.append({"item": f"r{len(chosen) + 1:04d}", "theatre": theatre, "doc_id": doc_id,
                       "sent_id": int(sent.sent_id), "sentence": sent.text,
                       "actor_a_surface": first[a]["surface"],
                       "actor_b_surface": first[b]["surface"],
                       "proposed_actor_a": a, "proposed_actor_b": b})
    (folder / "relations_to_annotate.json").write_text(
        json.dumps(chosen, ensure_ascii=False, indent=1), encoding="utf-8")
    print({t: len(r) for t, r in frame.items()}, "articles in the frame;",
          len(items), "paragraphs;", len(chosen), "sentence pairs of", len(pairs), "articles")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
