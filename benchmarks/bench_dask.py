"""Benchmark: the pipeline on a Dask LocalCluster of 1 and of 2 workers, on a corpus of N
paragraphs resampled from the seed article (synthetic variation: 15% of words replaced from a
Zipf lexicon of 50,000 made-up words), stored as a partitioned Parquet corpus.

    python benchmarks/bench_dask.py                        # 5,000,000 paragraphs, 1 and 2 workers
    python benchmarks/bench_dask.py -n 500000 --workers 2 --all
    python benchmarks/bench_dask.py --workers 1 --steps mention paragraphs frequencies

The corpus is generated once, streaming (never held: the writer's peak memory is printed), into
benchmarks/_data/ (git-ignored), with sentence spans stored. Each run starts a fresh cluster in
a fresh process (one thread per worker, a 3 GiB memory limit so that the nanny never interferes
with the measurement; ``--memory-limit 2GB`` for the kit's default, under which Dask spills kept
results to disk) and prints, per step: wall time, CPU seconds of the workers and of the
client, the peak resident memory of each worker so far (the kernel's ru_maxrss of the worker
process), the client's resident memory, the bytes the workers sent each other, and the size of
the result the client received. Steps: mention counts, co-occurrence (paragraphs; sentences),
term frequencies by source, the document-term matrix of the paragraphs kept on the workers;
with --all also keyness (one source against the rest), kwic and an online NMF (K = 20) fed
from the workers. Worker imports are warmed up first and not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "_data"


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def corpus_folder(n: int) -> Path:
    return DATA / f"resampled-{n}.parquet"


def generate(n: int) -> None:
    """In a child process: stream N resampled paragraphs into a partitioned corpus."""
    from arcorpus.corpus import is_parquet_corpus, write_parquet_corpus
    from arcorpus.datasets import resampled_documents

    folder = corpus_folder(n)
    if is_parquet_corpus(folder):
        return
    started, cpu = time.perf_counter(), time.process_time()
    write_parquet_corpus(lambda on_error: resampled_documents(n, random_state=0), folder,
                         label=f"resampled-{n}", units=("sentences",))
    print(json.dumps({"step": "generate + write", "wall": time.perf_counter() - started,
                      "client_cpu": time.process_time() - cpu, "client_peak": _peak_rss()}))


def _worker_cpu() -> float:
    return time.process_time()


def _worker_peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _worker_sent(dask_worker) -> int:
    return dask_worker.transfer_outgoing_bytes_total


def _warm() -> None:
    import arcorpus.dask
    import arcorpus.factions
    import arcorpus.terms  # noqa: F401


def run(n: int, workers: int, everything: bool, only: list[str],
        memory_limit: str = "3GiB") -> None:
    """In a child process: one cluster, the pipeline, one JSON line per step."""
    import dask
    from dask.distributed import Client, LocalCluster

    import arcorpus
    import arcorpus.dask as ad

    # a loaded, shared machine can take minutes to start a worker: wait rather than fail
    dask.config.set({"distributed.comm.timeouts.connect": "300s"})
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           memory_limit=memory_limit, dashboard_address=":0")
    client = Client(cluster)
    client.run(_warm)
    corpus = arcorpus.load_corpus(corpus_folder(n))
    print(json.dumps({"step": "cluster", "workers": workers, "partitions": corpus.n_partitions,
                      "paragraphs": corpus.manifest["counts"]["paragraphs"],
                      "sentences": corpus.manifest["counts"]["sentences"],
                      "text_bytes": corpus.manifest["counts"]["text_bytes"],
                      "dashboard": client.dashboard_link}), flush=True)

    def dtm_on_workers():
        blocks, vocabulary = ad.document_term_matrix(corpus, unit="paragraphs", compute=False,
                                                     progress=False)
        nnz = sum(client.gather(client.map(lambda block: block.nnz, blocks)))
        del blocks
        return {"nnz": nnz, "terms": len(vocabulary)}

    steps = [
        ("mention counts", lambda: ad.mention_counts(corpus, progress=False)),
        ("co-occurrence, paragraphs", lambda: ad.cooccurrence(corpus, unit="paragraphs",
                                                              progress=False)),
        ("co-occurrence, sentences", lambda: ad.cooccurrence(corpus, unit="sentences",
                                                             progress=False)),
        ("term frequencies by source", lambda: ad.term_frequencies(
            corpus, by="source", unit="paragraphs", top_n=100, progress=False)),
        ("document-term matrix (kept on the workers)", dtm_on_workers),
    ]
    if everything:
        steps += [
            ("keyness, Sabq vs the rest", lambda: ad.keyness(
                ad.select(corpus, {"source": "Sabq"}),
                ad.select(corpus, lambda a: a["source"] != "Sabq"), top_n=200,
                progress=False)),
            ("kwic النقيب سامر", lambda: ad.kwic(corpus, "النقيب سامر", progress=False)),
            ("online NMF, K=20", lambda: ad.fit_topics_online(corpus, k=20, method="nmf",
                                                              progress=False)),
        ]
    if only:
        steps = [(name, step) for name, step in steps if any(o in name for o in only)]
    for name, step in steps:
        cpu_before = client.run(_worker_cpu)
        sent_before = client.run(_worker_sent)
        started, client_cpu = time.perf_counter(), time.process_time()
        result = step()
        wall = time.perf_counter() - started
        client_cpu = time.process_time() - client_cpu
        cpu_after = client.run(_worker_cpu)
        sent_after = client.run(_worker_sent)
        peaks = client.run(_worker_peak)
        print(json.dumps({
            "step": name, "wall": wall, "client_cpu": client_cpu,
            "worker_cpu": sum(cpu_after[w] - cpu_before.get(w, 0.0) for w in cpu_after),
            "worker_peak": sorted(peaks.values()), "client_rss": _rss(),
            "client_peak": _peak_rss(),
            "sent_between_workers": sum(sent_after[w] - sent_before.get(w, 0)
                                        for w in sent_after),
            "result_bytes": len(pickle.dumps(result)),
            "result_rows": len(result) if hasattr(result, "__len__") else None,
        }), flush=True)
        del result
    client.close()
    cluster.close()


def _child(args: list[str], show=None) -> list[dict]:
    """Run this script in a child process; its JSON lines, each shown as it comes."""
    errors = DATA / f"bench_dask-{'_'.join(a.lstrip('-') for a in args)}.err"
    with open(errors, "w") as stderr:  # kept: why a child failed
        process = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE,
                                   stderr=stderr, text=True,
                                   env={**os.environ, "PYTHONWARNINGS": "ignore"})
    rows = []
    for line in process.stdout:
        if line.startswith("{"):
            rows.append(json.loads(line))
            if show is not None:
                show(rows[-1])
    if process.wait() != 0:
        raise SystemExit(f"child {args} failed (exit {process.returncode}); see {errors}")
    return rows


def _show(row: dict) -> None:
    if row["step"] == "cluster":
        print(f"\n{row['workers']} worker(s), {row['partitions']} partitions of "
              f"{row['paragraphs']:,} paragraphs, {row['sentences']:,} sentences, "
              f"{_mb(row['text_bytes'])} of text; dashboard {row['dashboard']}")
        print(f"{'step':44} {'wall s':>8} {'worker CPU s':>12} {'client CPU s':>12} "
              f"{'worker peak':>22} {'client RSS':>10} {'sent w->w':>10} {'result':>10}",
              flush=True)
        return
    peaks = ", ".join(_mb(p) for p in row["worker_peak"])
    print(f"{row['step']:44} {row['wall']:8.1f} {row['worker_cpu']:12.1f} "
          f"{row['client_cpu']:12.1f} {peaks:>22} {_mb(row['client_rss']):>10} "
          f"{_mb(row['sent_between_workers']):>10} {_mb(row['result_bytes']):>10}", flush=True)


def _mb(value: float) -> str:
    return f"{value / 1e6:,.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5_000_000, help="paragraphs")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--all", action="store_true", help="also keyness, kwic, online NMF")
    parser.add_argument("--memory-limit", default="3GiB",
                        help="each worker's limit (the kit's default is 2GB: Dask spills kept "
                             "results to disk past 60-70%% of it)")
    parser.add_argument("--steps", nargs="+", default=[],
                        help="only the steps whose names contain one of these words")
    parser.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.n)
        return
    if args.run:
        run(args.n, args.run, args.all, args.steps, args.memory_limit)
        return
    DATA.mkdir(parents=True, exist_ok=True)
    for row in _child(["-n", str(args.n), "--generate"]):
        print(f"generated {args.n:,} paragraphs streaming into {corpus_folder(args.n)}: "
              f"{row['wall']:,.0f} s wall, {row['client_cpu']:,.0f} s CPU, writer peak "
              f"{_mb(row['client_peak'])}")
    results = {}
    for workers in args.workers:
        options = (["--all"] if args.all else []) + (["--steps", *args.steps] if args.steps
                                                     else [])
        rows = _child(["-n", str(args.n), "--run", str(workers), "--memory-limit",
                       args.memory_limit, *options], _show)
        results[workers] = rows
        total = sum(r["wall"] for r in rows[1:])
        print(f"{'total':44} {total:8.1f}   client peak {_mb(rows[-1]['client_peak'])}",
              flush=True)
    out = DATA / f"bench_dask-{args.n}.json"
    out.write_text(json.dumps(results, indent=1))
    print(f"\nper-step figures: {out}")


if __name__ == "__main__":
    main()
