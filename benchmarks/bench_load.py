"""Benchmark: load a folder of N synthetic Arabic articles; print articles/s and peak memory.

    python benchmarks/bench_load.py                 # 100,000 articles (about 550 MB of text)
    python benchmarks/bench_load.py -n 20000 --keep

Articles are made by resampling the real paragraphs of the seed article (7-15 paragraphs each,
a read-also line on a third of them), written once into a temporary folder (so the page cache
is warm), then loaded by ``arcorpus.load_corpus`` in a fresh child process. Peak memory is the
child's maximum resident set size; the baseline (Python + pandas + arcorpus imported, nothing
loaded) is printed too, so the memory the corpus itself takes can be read off.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import arcorpus


def seed_paragraphs() -> tuple[list[str], str]:
    root = Path(__file__).resolve().parents[1] / "corpus" / "articles"
    lines = (root / "000_0eee5cfdabd81abf.txt").read_text(encoding="utf-8").split("\n")
    return lines[:-1], lines[-1]


def build(folder: Path, n: int, seed: int = 0) -> int:
    paragraphs, read_also = seed_paragraphs()
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        sub = folder / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        body = rng.choices(paragraphs, k=rng.randint(7, 15))
        if rng.random() < 1 / 3:
            body.append(read_also)
        data = "\n".join(body).encode("utf-8")
        (sub / f"{i:07d}.txt").write_bytes(data)
        total += len(data)
    return total


def load_only(folder: Path) -> None:
    """Run in the child: import, measure the baseline, load, print one JSON line."""
    def peak() -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    baseline = peak()
    started = time.perf_counter()
    corpus = arcorpus.load_corpus(folder, progress=False)
    seconds = time.perf_counter() - started
    load_peak = peak()
    started = time.perf_counter()
    n_paragraphs, n_sentences = len(corpus.paragraphs), len(corpus.sentences)
    tables_seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "articles": len(corpus.articles),
                      "paragraphs": n_paragraphs, "sentences": n_sentences,
                      "tables_seconds": tables_seconds, "baseline_rss": baseline,
                      "peak_rss": load_peak, "tables_peak_rss": peak()}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="number of articles")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic folder")
    parser.add_argument("--load-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_only:
        load_only(args.load_only)
        return

    folder = Path(tempfile.mkdtemp(prefix="arcorpus-bench-load-"))
    try:
        started = time.perf_counter()
        size = build(folder, args.n)
        print(f"built {args.n:,} articles, {size / 1e6:,.1f} MB of UTF-8 text "
              f"in {time.perf_counter() - started:.1f} s ({folder})")
        # one core: the loader is single-threaded; taskset pins the child where available
        cmd = [sys.executable, __file__, "--load-only", str(folder)]
        if shutil.which("taskset"):
            cmd = ["taskset", "-c", "0", *cmd]
        result = json.loads(subprocess.run(cmd, check=True, capture_output=True,
                                           text=True).stdout.strip().splitlines()[-1])
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    rate = result["articles"] / result["seconds"]
    corpus_rss = result["peak_rss"] - result["baseline_rss"]
    print(f"loaded {result['articles']:,} articles, {result['paragraphs']:,} paragraphs, "
          f"{result['sentences']:,} sentences in {result['seconds']:.1f} s on one core")
    print(f"throughput: {rate:,.0f} articles/s ({size / 1e6 / result['seconds']:.1f} MB/s)"
          "   target >= 5,000 articles/s")
    print(f"peak RSS of the load: {result['peak_rss'] / 1e6:,.0f} MB = "
          f"{result['peak_rss'] / size:.2f}x the text; above the "
          f"{result['baseline_rss'] / 1e6:,.0f} MB import baseline: {corpus_rss / 1e6:,.0f} MB = "
          f"{corpus_rss / size:.2f}x   target <= 3x")
    tables_rss = result["tables_peak_rss"]
    print(f"then building the paragraph and sentence tables: {result['tables_seconds']:.1f} s, "
          f"peak RSS {tables_rss / 1e6:,.0f} MB = {tables_rss / size:.2f}x the text")


if __name__ == "__main__":
    main()
