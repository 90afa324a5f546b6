"""The whole analysis through the documented entry points, on a real corpus and on resampled
corpora of 10k, 100k and 1M paragraphs: CPU seconds, wall seconds and peak memory per step, and
how each step grows with the corpus (the exponent b of time ~ size^b).

    python benchmarks/bench_pipeline.py                   # SaudiNewsNet (if ../shared has it)
                                                          # + 10k, 100k, 1M paragraphs
    python benchmarks/bench_pipeline.py --sizes 10000 100000 --skip-real
    python benchmarks/bench_pipeline.py --max-exponent 1.15   # exit 1 if a step grows faster

Steps: load_corpus / load_saudinewsnet, term_frequencies(by="source"), keyness (one source
against the rest), kwic, find_mentions(corpus), cooccurrence(unit="paragraphs"), fit_topics
(NMF, K=20, articles) and select_k (5 Ks x 3 seeds). Each corpus runs in a fresh process, so
that peak memory (VmHWM, reset before every step) belongs to that corpus alone; CPU seconds
include the worker processes of steps that use ``n_jobs``.

Resampled corpora: articles of 5 paragraphs drawn with replacement from SaudiNewsNet's
paragraphs (or from the seed's when ../shared is absent), each article with a source and a date
drawn from the real ones, written as JSONL files under benchmarks/_data/ (gitignored) and read
back with load_corpus, like a user's own corpus.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "_data" / "pipeline"
SHARED = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
SIZES = (10_000, 100_000, 1_000_000)
PARAGRAPHS_PER_ARTICLE = 5
#: the issue's budgets on the 30,676 SaudiNewsNet articles (CPU seconds; select_k: wall, 2 cores)
BUDGETS = {"load": 10, "term_frequencies": 30, "keyness": 30, "find_mentions": 10,
           "cooccurrence": 5, "fit_topics": 90, "select_k": 600}


def _cpu() -> float:
    """CPU seconds of this process and of its live children (joblib/loky workers)."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += sum(child.cpu_times()[:2])
    return total


def _reset_peak() -> None:
    with contextlib.suppress(OSError):  # Linux: writing 5 to clear_refs resets VmHWM
        Path("/proc/self/clear_refs").write_text("5")


def _peak_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return psutil.Process().memory_info().rss / 2**20


def _supported(function, **options) -> dict:
    """The options ``function`` takes (select_k gained n_jobs/sample over time)."""
    names = inspect.signature(function).parameters
    return {k: v for k, v in options.items() if k in names}


def run_steps(label: str, loader) -> list[dict]:
    """Run every step once on one corpus; return one row per step."""
    from arcorpus.factions import cooccurrence, find_mentions
    from arcorpus.terms import keyness, kwic, term_frequencies
    from arcorpus.topics import fit_topics, select_k

    rows = []
    state: dict = {}

    def step(name, action):
        _reset_peak()
        cpu, wall = _cpu(), time.perf_counter()
        result = action()
        rows.append({"corpus": label, "step": name, "cpu_s": round(_cpu() - cpu, 2),
                     "wall_s": round(time.perf_counter() - wall, 2),
                     "peak_mb": round(_peak_mb())})
        print(json.dumps(rows[-1]), flush=True)
        return result

    corpus = step("load", loader)
    state["paragraphs"] = len(corpus.unit_spans("paragraphs"))
    sources = corpus.articles["source"].value_counts()
    first = sources.index[0]
    step("term_frequencies", lambda: term_frequencies(corpus, by="source", progress=False))
    target = corpus.articles["source"] == first
    step("keyness", lambda: keyness(corpus.subset(target), corpus.subset(~target),
                                    progress=False))
    step("kwic", lambda: kwic(corpus, "داعش", progress=False))
    mentions = step("find_mentions", lambda: find_mentions(corpus, progress=False))
    step("cooccurrence", lambda: cooccurrence(mentions, unit="paragraphs", corpus=corpus))
    step("fit_topics", lambda: fit_topics(corpus, k=20, method="nmf", unit="articles",
                                          warn_small=False))
    options = _supported(select_k, n_seeds=3, n_jobs=2, method="nmf", unit="articles",
                         sample=5000, progress=False)
    step("select_k", lambda: select_k(corpus, ks=[10, 15, 20, 25, 30], **options))
    for row in rows:
        row["paragraphs"] = state["paragraphs"]
    return rows


def make_resampled(size: int, seed: int = 0) -> Path:
    """Write (once) a corpus of ``size`` paragraphs resampled from the real ones."""
    folder = DATA / f"resampled_{size}"
    if (folder / "done").exists():
        return folder
    import arcorpus

    if SHARED.is_dir():
        real = arcorpus.load_saudinewsnet(SHARED)
    else:
        real = arcorpus.load_corpus(ROOT / "corpus")
    paragraphs = real.unit_table("paragraphs")
    rng = np.random.default_rng(seed)
    n_articles = -(-size // PARAGRAPHS_PER_ARTICLE)
    folder.mkdir(parents=True, exist_ok=True)
    per_file = 20_000
    texts = paragraphs["text"].to_numpy()
    sources = paragraphs["source"].astype(str).to_numpy()
    dates = paragraphs["date"].astype(str).to_numpy() if "date" in paragraphs else None
    for part, first in enumerate(range(0, n_articles, per_file)):
        count = min(per_file, n_articles - first)
        picks = rng.integers(len(texts), size=(count, PARAGRAPHS_PER_ARTICLE))
        frame = pd.DataFrame({
            "doc_id": [f"r{first + i:07d}" for i in range(count)],
            "text": ["\n".join(texts[row]) for row in picks],
            "source": sources[picks[:, 0]],
        })
        if dates is not None:
            frame["date"] = dates[picks[:, 0]]
        frame.to_json(folder / f"part{part:04d}.jsonl", orient="records", lines=True,
                      force_ascii=False)
    (folder / "done").write_text(str(size))
    return folder


def child(spec: str) -> None:
    """Run the steps on one corpus (in this fresh process) and print JSON rows."""
    import arcorpus

    if spec == "saudinewsnet":
        rows = run_steps("saudinewsnet", lambda: arcorpus.load_saudinewsnet(SHARED))
    else:
        folder = make_resampled(int(spec))
        rows = run_steps(spec, lambda: arcorpus.load_corpus(folder, pattern="*.jsonl",
                                                            id_column="doc_id", progress=False))
    print("RESULT " + json.dumps(rows), flush=True)


def exponents(table: pd.DataFrame) -> pd.Series:
    """Least-squares slope of log(CPU s) on log(paragraphs) for each step."""
    slopes = {}
    for name, rows in table.groupby("step", sort=False):
        rows = rows[rows["cpu_s"] > 0]
        if len(rows) >= 2:
            x = np.log(rows["paragraphs"].to_numpy(dtype=float))
            y = np.log(rows["cpu_s"].to_numpy(dtype=float))
            slopes[name] = round(float(np.polyfit(x, y, 1)[0]), 2)
    return pd.Series(slopes, name="exponent")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--max-exponent", type=float, default=1.15)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    specs = [] if args.skip_real else (["saudinewsnet"] if SHARED.is_dir() else [])
    if not args.skip_real and not SHARED.is_dir():
        print(f"(no real corpus: {SHARED} is absent; resampling the seed)")
    specs += [str(size) for size in args.sizes]
    rows = []
    for spec in specs:
        done = subprocess.run([sys.executable, __file__, "--child", spec], capture_output=True,
                              text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        result = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
        if done.returncode or not result:
            print(done.stdout[-2000:], done.stderr[-4000:], file=sys.stderr)
            return done.returncode or 1
        rows += json.loads(result[0][len("RESULT "):])
    table = pd.DataFrame(rows)
    pd.set_option("display.width", 160)
    print(table.pivot(index="step", columns="corpus", values=["cpu_s", "peak_mb"]).to_string())
    real = table[table["corpus"] == "saudinewsnet"].set_index("step")
    if len(real):
        print("\nbudgets on SaudiNewsNet (CPU s; select_k: wall s on 2 cores):")
        for name, budget in BUDGETS.items():
            measured = real.loc[name, "wall_s" if name == "select_k" else "cpu_s"]
            print(f"  {name:17s} {measured:8.1f} / {budget:4d}  "
                  f"{'ok' if measured <= budget else 'OVER'}")
    resampled = table[table["corpus"] != "saudinewsnet"]
    if resampled["corpus"].nunique() >= 2:
        slopes = exponents(resampled)
        print("\ngrowth exponents (CPU s ~ paragraphs^b):")
        print(slopes.to_string())
        worst = slopes.max()
        if not math.isnan(worst) and worst > args.max_exponent:
            print(f"FAIL: a step grows faster than paragraphs^{args.max_exponent}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
