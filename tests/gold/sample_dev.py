"""Draw the development set of issue 14 (actor mentions and relation pairs) from SaudiNewsNet.

Same frame and procedure as ``sample_actors.py`` (the held-out draw), with another seed and
without any article of the held-out files, so that the development set can be studied freely:

    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER relations
    # a further fresh sample (other seed and size; articles of every earlier draw left out):
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261128 50
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261129 100
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261130 50
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261201 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261202 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261203 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261204 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261205 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261206 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261207 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261208 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261209 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261210 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261211 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261212 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261213 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261214 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261215 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261216 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261217 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261218 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261219 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261220 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261221 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261223 60
    # beyond the frame (its Syria half ran out at the tenth draw): articles on both wars that
    # lean to Syria (see near_syria)
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions-near \
        20261222 60

    # the frame's own Syria articles again: another paragraph of those drawn for development
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions-second \
        20261224 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions-second \
        20261225 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261226 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions-second \
        20261227 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261228 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions-second \
        20261229 60
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20261230 60
    # (later draws: the dev README gives each one's command)
    # the frame's Yemen half runs out at the forty-third draw (16 articles were left); another
    # paragraph of its development articles, drawn first so that its rebuild does not see them
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER \
        mentions-second-yemen 20270107 44
    python tests/gold/sample_dev.py ../shared/corpora/saudinewsnet OUT_FOLDER mentions 20270108 60

``mentions``: ``N_PARAGRAPHS`` articles per theatre and one random paragraph in each;
``mentions-near``: the same from the articles just outside the frame on the Syria side
(:func:`near_syria`); ``mentions-second``: another paragraph of the Syria frame's
development articles (:func:`second_paragraphs`); ``mentions-second-yemen``: the same for
the Yemen frame's.
``relations``: sentences of the other frame articles (neither held-out nor drawn for mentions)
where the kit's finder *at the time of drawing* sees two actors; ``N_PAIRS`` (sentence, pair)
items, at most one per article, drawn per theatre in proportion to the frame.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np

import arcorpus
from arcorpus.factions import find_mentions

# the held-out draw's frame, unchanged (loaded from the script beside this one)
_spec = importlib.util.spec_from_file_location(
    "sample_actors", Path(__file__).resolve().parent / "sample_actors.py")
_sample_actors = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_sample_actors)
theatres = _sample_actors.theatres

SEED = 20261126
N_PARAGRAPHS = 120
N_PAIRS = 100
FIRST_FRESH_SEED = 20261128
# item id prefixes: the first draw (d...), the first fresh draw (f...), the third (g...), the
# fourth (h...), the fifth (k...), the sixth (m...), the seventh (n...), the eighth (p...), the
# ninth (q...), the tenth (r...), the eleventh (s...), the twelfth (t...), the thirteenth
# (u...), the fourteenth (v...), the fifteenth (w...), the sixteenth (x...), the
# seventeenth (y...), the eighteenth (z...), the nineteenth (b...), the twentieth (c...), the
# twenty-first (e...), the twenty-second (j...), the twenty-third (l...), the twenty-fourth
# (o...), the twenty-fifth (i...), the twenty-sixth (a..., beyond the frame); the letters then
# ran out: the twenty-seventh (A...), the twenty-eighth (B..., another paragraph of the frame's
# Syria articles), the twenty-ninth (C..., the same), the thirtieth (D...), the thirty-first
# (E..., the same as the twenty-eighth), the thirty-second (F...), the thirty-third (G..., the
# same as the twenty-eighth), the thirty-fourth (H...); a later draw takes "A" unless given its
# own
PREFIXES = {SEED: "d", FIRST_FRESH_SEED: "f", 20261129: "g", 20261130: "h", 20261201: "k",
            20261202: "m", 20261203: "n", 20261204: "p", 20261205: "q", 20261206: "r",
            20261207: "s", 20261208: "t", 20261209: "u",
            20261210: "v", 20261211: "w", 20261212: "x",
            20261213: "y", 20261214: "z", 20261215: "b", 20261216: "c",
            20261217: "e", 20261218: "j", 20261219: "l", 20261220: "o",
            20261221: "i", 20261222: "a", 20261223: "A", 20261224: "B",
            20261225: "C", 20261226: "D", 20261227: "E", 20261228: "F",
            20261229: "G", 20261230: "H", 20261231: "I", 20270101: "J",
            20270102: "K", 20270103: "L", 20270104: "M", 20270105: "N",
            20270106: "O", 20270107: "P", 20270108: "Q",
            20270109: "R", 20270110: "S",
            20270111: "T", 20270112: "U",
            20270113: "V", 20270114: "W",
            20270115: "X", 20270116: "Y"}
#: the development files of the fresh draws, by seed: a draw leaves out every earlier one's articles
FRESH_FILES = {20261129: "actors_fresh3.json", 20261130: "actors_fresh4.json",
               20261201: "actors_fresh5.json", 20261202: "actors_fresh6.json",
               20261203: "actors_fresh7.json", 20261204: "actors_fresh8.json",
               20261205: "actors_fresh9.json", 20261206: "actors_fresh10.json",
               20261207: "actors_fresh11.json", 20261208: "actors_fresh12.json",
               20261209: "actors_fresh13.json", 20261210: "actors_fresh14.json",
               20261211: "actors_fresh15.json", 20261212: "actors_fresh16.json",
               20261213: "actors_fresh17.json", 20261214: "actors_fresh18.json",
               20261215: "actors_fresh19.json", 20261216: "actors_fresh20.json",
               20261217: "actors_fresh21.json", 20261218: "actors_fresh22.json",
               20261219: "actors_fresh23.json", 20261220: "actors_fresh24.json",
               20261221: "actors_fresh25.json", 20261222: "actors_fresh26.json",
               20261223: "actors_fresh27.json", 20261224: "actors_fresh28.json",
               20261225: "actors_fresh29.json", 20261226: "actors_fresh30.json",
               20261227: "actors_fresh31.json", 20261228: "actors_fresh32.json",
               20261229: "actors_fresh33.json", 20261230: "actors_fresh34.json",
               20261231: "actors_fresh35.json", 20270101: "actors_fresh36.json",
               20270102: "actors_fresh37.json", 20270103: "actors_fresh38.json",
               20270104: "actors_fresh39.json", 20270105: "actors_fresh40.json",
               20270106: "actors_fresh41.json", 20270107: "actors_fresh42.json",
               20270108: "actors_fresh43.json", 20270109: "actors_fresh44.json",
               20270110: "actors_fresh45.json", 20270111: "actors_fresh46.json",
               20270112: "actors_fresh47.json", 20270113: "actors_fresh48.json",
               20270114: "actors_fresh49.json", 20270115: "actors_fresh50.json",
               20270116: "actors_fresh51.json"}
HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "heldout"
DEV = Path(__file__).resolve().parents[1] / "fixtures" / "dev"


def excluded(seed: int = SEED) -> set[str]:
    """doc_ids of every held-out item (mentions and relations); with another seed than the
    first draw's, of the development items as well (and of the first fresh draw's, for a later
    fresh draw)."""
    ids = set()
    names = [HELDOUT / "actors_heldout.json", HELDOUT / "relations_heldout.json"]
    if seed != SEED:
        names += [DEV / "actors_dev.json", DEV / "relations_dev.json"]
    if seed not in (SEED, FIRST_FRESH_SEED):
        names += [DEV / "actors_fresh.json"]
    names += [DEV / name for earlier, name in FRESH_FILES.items() if earlier < seed]
    for name in names:
        data = json.loads(name.read_text(encoding="utf-8"))
        ids |= {item["doc_id"] for item in data["items"]}
    return ids


def draw_mentions(corpus, articles, frame, rng, *, seed: int = SEED,
                  n_paragraphs: int = N_PARAGRAPHS) -> list[dict]:
    skip = excluded(seed)
    paragraphs = corpus.paragraphs.set_index(["doc_id", "para_id"])
    items = []
    for theatre, rows in frame.items():
        rows = [r for r in rows if articles.iloc[r]["doc_id"] not in skip]
        # the Syria frame runs out at the tenth draw (21 articles were left): take what is left
        for row in sorted(rng.choice(rows, size=min(n_paragraphs, len(rows)), replace=False)):
            art = articles.iloc[row]
            para = int(rng.integers(art["n_paragraphs"]))
            items.append(_item(art, para, theatre, f"{PREFIXES.get(seed, 'A')}{theatre[0]}"
                               f"{len(items) + 1:04d}", paragraphs))
    return items


def _item(art, para: int, theatre: str, item: str, paragraphs) -> dict:
    """One drawn paragraph as the annotators' packets and the gold files take it."""
    return {"item": item, "theatre": theatre, "doc_id": art["doc_id"], "para_id": para,
            "source": art["source"], "title": art["title"],
            "paragraph": paragraphs.loc[(art["doc_id"], para), "text"]}


def near_syria(articles) -> dict[str, list[int]]:
    """Rows of the articles just outside the frame on the Syria side: at least ``MIN_HITS``
    matches of ``SYRIA``, more than of ``YEMEN`` but fewer than twice as many (articles on both
    wars that lean to Syria, which the frame's rule leaves to neither theatre). The frame's
    Syria half ran out at the tenth draw; these give Syria paragraphs no draw has seen."""
    full = (articles["title"].fillna("") + "\n" + articles["text"]).tolist()
    s = np.array([len(_sample_actors.SYRIA.findall(t)) for t in full])
    y = np.array([len(_sample_actors.YEMEN.findall(t)) for t in full])
    return {"syria": np.flatnonzero((s >= _sample_actors.MIN_HITS) & (y < s) & (s < 2 * y))
            .tolist()}


def second_paragraphs(corpus, articles, rng, *, seed: int, n_paragraphs: int,
                       theatre: str = "syria") -> list[dict]:
    """Another paragraph of the Syria frame's development articles (``mentions-second``; of
    the Yemen frame's with ``theatre="yemen"``, ``mentions-second-yemen``: that half ran out
    at the forty-third draw).

    The frame's Syria half ran out at the tenth draw, but its development articles (drawn for
    mentions or for relations, never held-out) have paragraphs no one has annotated: the
    frame's own distribution, which the paragraphs just outside it (:func:`near_syria`) are
    not. ``n_paragraphs`` such articles, and in each one paragraph drawn from those no earlier
    mentions draw took."""
    held = excluded()  # the held-out files' articles (the first draw's seed adds no others)
    taken: dict[str, set[int]] = {}
    earlier = ["actors_dev.json", "actors_fresh.json"] + [
        name for s, name in FRESH_FILES.items() if s < seed]
    for name in earlier:
        for item in json.loads((DEV / name).read_text("utf-8"))["items"]:
            taken.setdefault(item["doc_id"], set()).add(item["para_id"])
    relations = {i["doc_id"] for i in json.loads((DEV / "relations_dev.json").read_text(
        "utf-8"))["items"]}
    paragraphs = corpus.paragraphs.set_index(["doc_id", "para_id"])
    ids, sizes = articles["doc_id"].tolist(), articles["n_paragraphs"].tolist()
    rows = [r for r in theatres(articles)[theatre]
            if ids[r] not in held and (ids[r] in taken or ids[r] in relations)
            and sizes[r] > len(taken.get(ids[r], ()))]
    items = []
    for row in sorted(rng.choice(rows, size=min(n_paragraphs, len(rows)), replace=False)):
        art = articles.iloc[row]
        free = [p for p in range(art["n_paragraphs"]) if p not in taken.get(art["doc_id"], ())]
        para = int(free[int(rng.integers(len(free)))])
        items.append(_item(art, para, theatre,
                           f"{PREFIXES.get(seed, 'A')}{theatre[0]}{len(items) + 1:04d}",
                           paragraphs))
    return items


def draw_relations(corpus, articles, frame, rng) -> list[dict]:
    skip = excluded()
    mentions_file = DEV / "actors_dev.json"
    if mentions_file.exists():
        skip |= {i["doc_id"] for i in json.loads(mentions_file.read_text("utf-8"))["items"]}
    total = sum(len(r) for r in frame.values())
    chosen = []
    for theatre, rows in frame.items():
        ids = sorted(articles.iloc[r]["doc_id"] for r in rows
                     if articles.iloc[r]["doc_id"] not in skip)
        part = corpus.subset(ids)
        mentions = find_mentions(part)
        sentences = part.sentences
        candidates_by_doc = []
        for doc_id, group in mentions.groupby("doc_id", sort=True):
            pairs = []
            for sent_id, inside in group.groupby("sent_id", sort=True):
                actors = sorted(set(inside["actor_id"]))
                for i, a in enumerate(actors):
                    for b in actors[i + 1:]:
                        pairs.append((sent_id, a, b,
                                      inside[inside["actor_id"] == a].iloc[0]["surface"],
                                      inside[inside["actor_id"] == b].iloc[0]["surface"]))
            if pairs:
                candidates_by_doc.append((doc_id, pairs))
        n = round(N_PAIRS * len(rows) / total)
        for k in sorted(rng.permutation(len(candidates_by_doc))[:n]):
            doc_id, pairs = candidates_by_doc[k]
            sent_id, a, b, sa, sb = pairs[int(rng.integers(len(pairs)))]
            text = sentences[(sentences["doc_id"] == doc_id)
                             & (sentences["sent_id"] == sent_id)]["text"].iloc[0]
            chosen.append({"item": f"dr{len(chosen) + 1:04d}", "theatre": theatre,
                           "doc_id": doc_id, "sent_id": int(sent_id), "sentence": text,
                           "actor_a_surface": sa, "actor_b_surface": sb,
                           "actor_a": a, "actor_b": b})
    return chosen


def main(source: str, out: str, what: str, seed: str | None = None,
         n_paragraphs: str | None = None) -> None:
    corpus = arcorpus.load_saudinewsnet(source)
    articles = corpus.articles.sort_values("doc_id").reset_index(drop=True)
    frame = near_syria(articles) if what == "mentions-near" else theatres(articles)
    seed = int(seed) if seed else SEED
    rng = np.random.default_rng(seed if what.startswith("mentions") else seed + 1)
    if what.startswith("mentions-second"):
        items = second_paragraphs(corpus, articles, rng, seed=seed,
                                  n_paragraphs=int(n_paragraphs) if n_paragraphs else 60,
                                  theatre="yemen" if what.endswith("-yemen") else "syria")
    elif what.startswith("mentions"):
        items = draw_mentions(corpus, articles, frame, rng, seed=seed,
                              n_paragraphs=int(n_paragraphs) if n_paragraphs else N_PARAGRAPHS)
    else:
        items = draw_relations(corpus, articles, frame, rng)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{what}_to_annotate.json").write_text(
        json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    print(len(items), what)


if __name__ == "__main__":
    main(*sys.argv[1:6])
