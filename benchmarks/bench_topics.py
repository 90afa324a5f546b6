"""Benchmark: fit time and peak memory of LDA and NMF at K = 20 on 10k, 100k and 1M synthetic
paragraphs, in memory (``fit_topics``) and out of core (``fit_topics_online``), as a table.

    python benchmarks/bench_topics.py                    # 10k, 100k, 1M paragraphs
    python benchmarks/bench_topics.py -n 10000 100000    # smaller sizes only
    python benchmarks/bench_topics.py --max-batch 100000 # skip in-memory fits above 100k

Paragraphs are resampled (fixed seed) from SaudiNewsNet when ../shared/corpora is there (a
real vocabulary), else from the seed article. They are written to disk in chunks of 20,000
under benchmarks/_data/ (git-ignored); every fit then runs in a fresh process on one core, so
that its peak resident memory is its own:

* batch: ``fit_topics(texts, k=20, max_iter=10)``: all texts and the count matrix in memory,
  counting included; LDA is scikit-learn's batch variational EM (10 passes), NMF its
  coordinate descent on TF-IDF (until converged, at most 400 iterations).
* online: ``fit_topics_online(chunks, k=20)``: one chunk of text at a time, two passes (the
  vocabulary, then one pass of online LDA ``partial_fit`` or ``MiniBatchNMF``).

Times are wall clock, end to end from text; "iters" counts the model's passes over the data
(NMF's until convergence); "above start" is peak RSS minus the RSS of the process after its
imports.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAUDINEWSNET = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
DATA = ROOT / "benchmarks" / "_data"
CHUNK = 20_000
K = 20


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss
    over from the parent across fork and exec, so a child of a big parent would report the
    parent's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def prepare(sizes: list[int]) -> tuple[dict[int, Path], str]:
    """Write the resampled paragraphs of each size in chunk files; reuse them if present."""
    import arcorpus

    pool, label = None, "SaudiNewsNet paragraphs" if SAUDINEWSNET.exists() else "seed article"
    folders = {}
    for n in sizes:
        folder = DATA / f"topics_{'snn' if SAUDINEWSNET.exists() else 'seed'}_{n}"
        folders[n] = folder
        if (folder / "done").exists():
            continue
        if pool is None:
            corpus = (arcorpus.load_saudinewsnet(SAUDINEWSNET) if SAUDINEWSNET.exists()
                      else arcorpus.load_corpus(ROOT / "corpus"))
            pool = [p.replace("\n", " ") for p in corpus.paragraphs["text"]]
        rng = random.Random(n)
        folder.mkdir(parents=True, exist_ok=True)
        for first in range(0, n, CHUNK):
            texts = rng.choices(pool, k=min(CHUNK, n - first))
            (folder / f"chunk_{first // CHUNK:05d}.txt").write_text("\n".join(texts) + "\n",
                                                                     encoding="utf-8")
        (folder / "done").write_text("")
    return folders, label


def chunks(folder: Path):
    for path in sorted(folder.glob("chunk_*.txt")):
        yield path.read_text(encoding="utf-8").splitlines()


def child(folder: Path, method: str, mode: str) -> dict:
    """One fit, in this process; returns the measurements."""
    from arcorpus.topics import SmallCorpusWarning, fit_topics, fit_topics_online

    warnings.simplefilter("ignore", SmallCorpusWarning)
    start_mb = current_mb()
    started = time.perf_counter()
    if mode == "batch":
        texts = [t for chunk in chunks(folder) for t in chunk]
        model = fit_topics(texts, k=K, method=method, max_iter=10, random_state=0)
        n_terms, iterations = len(model.vocabulary), model.model.n_iter_
    else:
        _, vocabulary = fit_topics_online(lambda: chunks(folder), k=K, method=method,
                                          random_state=0)
        n_terms, iterations = len(vocabulary), 1  # one pass over the chunks
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": peak_mb(), "start_mb": start_mb,
            "n_terms": n_terms, "iterations": int(iterations)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--max-batch", type=int, default=None,
                        help="skip in-memory fits above this many paragraphs")
    parser.add_argument("--child", nargs=3, metavar=("FOLDER", "METHOD", "MODE"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, method, mode = args.child
        print(json.dumps(child(Path(folder), method, mode)))
        return

    folders, label = prepare(args.n)
    print(f"K = {K}; paragraphs resampled from {label}; one core per fit\n")
    header = (f"{'paragraphs':>10}  {'method':<6} {'mode':<7} {'terms':>7} {'iters':>5} "
              f"{'fit s':>8} {'para/s':>9} {'peak MB':>8} {'above start':>11}")
    print(header)
    print("-" * len(header))
    for n in args.n:
        for method in ("lda", "nmf"):
            for mode in ("batch", "online"):
                if mode == "batch" and args.max_batch and n > args.max_batch:
                    print(f"{n:>10,}  {method:<6} {mode:<7} {'skipped (--max-batch)':>30}")
                    continue
                result = subprocess.run(
                    [sys.executable, __file__, "--child", str(folders[n]), method, mode],
                    capture_output=True, text=True, check=False)
                if result.returncode != 0:
                    print(f"{n:>10,}  {method:<6} {mode:<7} failed:\n{result.stderr[-2000:]}")
                    continue
                r = json.loads(result.stdout.strip().splitlines()[-1])
                print(f"{n:>10,}  {method:<6} {mode:<7} {r['n_terms']:>7,} {r['iterations']:>5} "
                      f"{r['seconds']:>8.1f} {n / r['seconds']:>9,.0f} {r['peak_mb']:>8,.0f} "
                      f"{r['peak_mb'] - r['start_mb']:>11,.0f}", flush=True)


if __name__ == "__main__":
    main()
