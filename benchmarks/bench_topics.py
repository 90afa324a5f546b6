"""Benchmark: topic model engines side by side (time, memory, coherence), K = 20.

    python benchmarks/bench_topics.py                          # everything below
    python benchmarks/bench_topics.py --parts articles         # SaudiNewsNet articles only
    python benchmarks/bench_topics.py --parts paragraphs -n 10000 100000
    python benchmarks/bench_topics.py --configs tomotopy:100 sklearn:10

Two parts, every fit in a fresh process so that its peak memory is its own:

* ``articles``: the 30,676 SaudiNewsNet articles (from ../shared/corpora; skipped with a message
  when absent), counted once (``min_df=2, max_df=0.95``, the kit's defaults); every engine is
  then fitted on that same document-term matrix, on one core. This is the comparison the
  default engine and its iteration count were chosen from.
* ``paragraphs``: 10k, 100k and 1M paragraphs resampled (fixed seed) from SaudiNewsNet (else
  from the seed article), end to end from the text files: streamed into the counts on one core
  (``document_term_counts``, the texts are never held in a DataFrame: 1M paragraphs of text
  alone take ~1.1 GB as a pandas column), then fitted (``fit_counts``) with ``--jobs``
  threads/processes (default 2: the machine's cores). Configurations too slow
  to run at a size are skipped by ``--max-docs ENGINE:N``.

Columns: CPU s is ``time.process_time()`` of the fit process plus the CPU of its worker
processes (joblib's, for counting), wall the elapsed time, peak MB the peak resident memory
of the fit process plus that of its workers, NPMI the mean NPMI coherence (documents as the
window, :func:`arcorpus.topics.coherence_npmi`) of every topic's top 10 terms, measured on the
fitted documents after the clock stops. A configuration is ``ENGINE:ITERATIONS`` (tomotopy
Gibbs sweeps, scikit-learn LDA EM passes, NMF at most this many iterations).
"""

from __future__ import annotations

import argparse
import json
import os
import random
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
ARTICLE_CONFIGS = ["sklearn:10", "sklearn:50", "tomotopy:50", "tomotopy:100", "tomotopy:200",
                   "tomotopy:400", "nmf:400"]
PARAGRAPH_CONFIGS = ["tomotopy:200", "sklearn:10", "nmf:400"]
MAX_DOCS = {"sklearn": 100_000, "nmf": 100_000}  # scikit-learn LDA at 1M: 1,389 s, 4.8 GB


def peak_mb(pid: str | int = "self") -> float:
    """Peak resident memory (VmHWM) of a process, in MB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def workers_usage() -> tuple[float, float]:
    """CPU seconds and peak MB of this process's live child processes (joblib's workers)."""
    import psutil

    cpu = mb = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
            cpu += times.user + times.system
            mb += peak_mb(child.pid)
        except (psutil.Error, OSError):
            continue
    return cpu, mb


def snn_articles_matrix() -> Path:
    """The SaudiNewsNet articles' document-term matrix, counted once and kept under _data/."""
    path = DATA / "snn_articles_k.npz"
    if not path.exists():
        import numpy as np
        import scipy.sparse as sp

        import arcorpus
        from arcorpus.text import ArabicAnalyzer
        from arcorpus.topics.model import document_term_counts

        corpus = arcorpus.load_saudinewsnet(SAUDINEWSNET)
        counts, vocabulary = document_term_counts(corpus.unit_table("articles")["text"],
                                                  ArabicAnalyzer(), min_df=2, max_df=0.95,
                                                  n_jobs=2)
        DATA.mkdir(parents=True, exist_ok=True)
        sp.save_npz(path, counts)
        np.save(path.with_suffix(".vocab.npy"), vocabulary)
    return path


def paragraph_folder(n: int) -> Path:
    """``n`` resampled paragraphs in chunk files (written once, reused)."""
    source = "snn" if SAUDINEWSNET.exists() else "seed"
    folder = DATA / f"topics_{source}_{n}"
    if not (folder / "done").exists():
        import arcorpus

        corpus = (arcorpus.load_saudinewsnet(SAUDINEWSNET) if SAUDINEWSNET.exists()
                  else arcorpus.load_corpus(ROOT / "corpus"))
        pool = [p.replace("\n", " ") for p in corpus.paragraphs["text"]]
        rng = random.Random(n)
        folder.mkdir(parents=True, exist_ok=True)
        for first in range(0, n, CHUNK):
            texts = rng.choices(pool, k=min(CHUNK, n - first))
            (folder / f"chunk_{first // CHUNK:05d}.txt").write_text(
                "\n".join(texts) + "\n", encoding="utf-8")
        (folder / "done").write_text("")
    return folder


def child(part: str, where: str, config: str, jobs: int) -> dict:
    """One fit in this process; returns its measurements."""
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp

    from arcorpus.text import ArabicAnalyzer
    from arcorpus.topics import SmallCorpusWarning, coherence_npmi
    from arcorpus.topics.model import document_term_counts, fit_counts

    warnings.simplefilter("ignore", SmallCorpusWarning)
    engine, iterations = config.split(":")
    method, engine = ("nmf", "sklearn") if engine == "nmf" else ("lda", engine)
    if part == "articles":
        counts = sp.load_npz(where).tocsr()
        vocabulary = np.load(Path(where).with_suffix(".vocab.npy"), allow_pickle=True)
        units = pd.DataFrame({"doc_id": np.arange(counts.shape[0])})
        cpu, started = time.process_time(), time.perf_counter()
        model = fit_counts(units, counts, vocabulary, k=K, method=method, engine=engine,
                           analyzer=ArabicAnalyzer(), random_state=0, max_iter=int(iterations),
                           top_n=10, n_jobs=jobs)
    else:
        # streamed from the chunk files into the counts (never held as a DataFrame of text),
        # counted on one core (a second process would hold a second copy of the texts), then
        # fitted with ``jobs`` threads (tomotopy) or processes (scikit-learn LDA)
        def texts():
            for path in sorted(Path(where).glob("chunk_*.txt")):
                yield from path.read_text(encoding="utf-8").splitlines()

        cpu, started = time.process_time(), time.perf_counter()
        counts, vocabulary = document_term_counts(texts(), ArabicAnalyzer(), min_df=2,
                                                  max_df=0.95)
        units = pd.DataFrame({"doc_id": np.arange(counts.shape[0])})
        model = fit_counts(units, counts, vocabulary, k=K, method=method, engine=engine,
                           analyzer=ArabicAnalyzer(), random_state=0, max_iter=int(iterations),
                           top_n=10, n_jobs=jobs)
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - started
    workers_cpu, workers_mb = workers_usage()
    npmi = float(np.mean([coherence_npmi(model.counts, model.vocabulary, terms)
                          for terms in model.top_terms(10).values()]))
    return {"cpu": cpu + workers_cpu, "wall": wall, "peak_mb": peak_mb() + workers_mb,
            "npmi": npmi, "docs": model.counts.shape[0], "terms": len(model.vocabulary),
            "tokens": int(model.counts.sum())}


def run(part: str, where: Path, config: str, jobs: int) -> dict | str:
    threads = {name: str(jobs) for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                            "MKL_NUM_THREADS")}
    result = subprocess.run([sys.executable, __file__, "--child", part, str(where), config,
                             str(jobs)], capture_output=True, text=True, check=False,
                            env={**os.environ, **threads})
    if result.returncode != 0:
        return "failed: " + result.stderr.strip().splitlines()[-1][:200]
    return json.loads(result.stdout.strip().splitlines()[-1])


def row(label: str, config: str, jobs: int, r: dict | str) -> str:
    if isinstance(r, str):
        return f"| {label} | {config} | {jobs} | {r} | | | |"
    return (f"| {label} | {config} | {jobs} | {r['cpu']:,.0f} | {r['wall']:,.0f} | "
            f"{r['peak_mb']:,.0f} | {r['npmi']:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", nargs="+", default=["articles", "paragraphs"])
    parser.add_argument("-n", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--configs", nargs="+", default=None,
                        help="ENGINE:ITERATIONS (engines: tomotopy, sklearn, nmf)")
    parser.add_argument("--jobs", type=int, default=2, help="processes/threads, paragraphs part")
    parser.add_argument("--max-docs", nargs="*", default=[],
                        help="ENGINE:N skips ENGINE above N paragraphs (defaults: sklearn and "
                             "nmf 100000)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        part, where, config, jobs = args.child
        print(json.dumps(child(part, where, config, int(jobs))))
        return
    limits = dict(MAX_DOCS, **{e: int(n) for e, n in (m.split(":") for m in args.max_docs)})
    print(f"K = {K}; CPU s = process_time of the fit (+ its workers); NPMI of the top 10 terms\n")
    print("| documents | engine:iterations | jobs | CPU s | wall s | peak MB | NPMI |")
    print("|---|---|---|---|---|---|---|")
    if "articles" in args.parts:
        if not SAUDINEWSNET.exists():
            print(f"| SaudiNewsNet articles | skipped: {SAUDINEWSNET} is absent | | | | | |")
        else:
            matrix = snn_articles_matrix()
            for config in args.configs or ARTICLE_CONFIGS:
                print(row("30,676 SaudiNewsNet articles", config, 1,
                          run("articles", matrix, config, 1)), flush=True)
    if "paragraphs" in args.parts:
        for n in args.n:
            folder = paragraph_folder(n)
            for config in args.configs or PARAGRAPH_CONFIGS:
                engine = config.split(":")[0]
                if n > limits.get(engine, n):
                    print(row(f"{n:,} paragraphs", config, args.jobs,
                              f"skipped (--max-docs {engine}:{limits[engine]})"))
                    continue
                print(row(f"{n:,} paragraphs", config, args.jobs,
                          run("paragraphs", folder, config, args.jobs)), flush=True)


if __name__ == "__main__":
    main()
