"""Draw the word types of the clitic-segmentation gold from SaudiNewsNet (issue 13).

Run once, before any change to the segmenter; the drawn files are annotated blind (by people who
never see the kit's code or output) and then frozen in tests/fixtures/heldout/.

    python tests/gold/sample_segmentation.py ../shared/corpora/saudinewsnet OUT_FOLDER
    # a fresh development sample, disjoint from the frozen sets:
    python tests/gold/sample_segmentation.py CORPUS OUT --seed 7 --n 600 --name dev2 \
        --exclude tests/fixtures/heldout/segmentation_heldout.tsv \
        --exclude tests/fixtures/heldout/segmentation_dev.tsv

Population: every distinct Arabic word form of the 30,676 loaded SaudiNewsNet articles, as the
kit's segmenter sees it (tashkeel and tatweel removed, hamza kept, alef maqsura as ya, i.e.
``SEGMENTATION_OPTIONS``), seen at least twice in the corpus (a form seen once is often a typo or
a run-together pair). Sample: a uniform random permutation of that population (numpy
``default_rng(SEED)``, the forms sorted first so that the draw depends only on the data and the
seed); the first ``N_HELDOUT`` forms are the held-out set, the next ``N_DEV`` the development
set (disjoint). Each form comes with two contexts drawn at random from its occurrences.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

import arcorpus
from arcorpus.text.clitics import SEGMENTATION_OPTIONS
from arcorpus.text.normalize import normalize_with

SEED = 20261125
N_HELDOUT = 2000
N_DEV = 600
ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a]+")


def main(source: str, out: str, *, seed: int = SEED, samples: dict[str, int] | None = None,
         exclude: tuple[str, ...] = ()) -> None:
    samples = samples or {"heldout": N_HELDOUT, "dev": N_DEV}
    excluded: set[str] = set()
    for path in exclude:
        with open(path, encoding="utf-8", newline="") as handle:
            excluded |= {row["word"] for row in csv.DictReader(handle, delimiter="\t")}
    corpus = arcorpus.load_saudinewsnet(source)
    counts: Counter[str] = Counter()
    where: dict[str, list[tuple[int, int]]] = defaultdict(list)
    texts = corpus.articles["text"].tolist()
    for row, text in enumerate(texts):
        normal = normalize_with(text, SEGMENTATION_OPTIONS)
        for match in ARABIC_WORD.finditer(normal):
            form = match.group()
            counts[form] += 1
            if len(where[form]) < 50:
                where[form].append((row, match.start()))
    population = sorted(f for f, n in counts.items() if n >= 2 and f not in excluded)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(population))
    drawn = [population[i] for i in order[:sum(samples.values())]]
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    first = 0
    for name, size in samples.items():
        forms = drawn[first:first + size]
        first += size
        with open(folder / f"segmentation_{name}_to_annotate.tsv", "w", encoding="utf-8",
                  newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(["id", "word", "count", "context_1", "context_2"])
            for number, form in enumerate(forms, start=1):
                places = where[form]
                picks = rng.choice(len(places), size=min(2, len(places)), replace=False)
                contexts = []
                for p in picks:
                    row, start = places[p]
                    normal = normalize_with(texts[row], SEGMENTATION_OPTIONS)
                    left = normal[:start].split()[-8:]
                    right = normal[start + len(form):].split()[:8]
                    contexts.append(" ".join(left) + " [[" + form + "]] " + " ".join(right))
                contexts += [""] * (2 - len(contexts))
                writer.writerow([f"{name[0]}{number:04d}", form, counts[form],
                                 *[c.replace("\t", " ").replace("\n", " / ") for c in contexts]])
    print(f"population: {len(population)} forms seen twice or more "
          f"(of {len(counts)} distinct forms, {sum(counts.values())} tokens)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--n", type=int, help="one sample of this size (with --name)")
    parser.add_argument("--name", default="dev2")
    parser.add_argument("--exclude", action="append", default=[],
                        help="a gold TSV whose words are left out of the population")
    args = parser.parse_args()
    main(args.source, args.out, seed=args.seed,
         samples={args.name: args.n} if args.n else None, exclude=tuple(args.exclude))
