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

def _shared_corpus() -> Path:
    """SaudiNewsNet: ``$ARCORPUS_SAUDINEWSNET`` when set, else ``shared/corpora/saudinewsnet``
    next to the project or next to the folder of worktrees it sits in."""
    if os.environ.get("ARCORPUS_SAUDINEWSNET"):
        return Path(os.environ["ARCORPUS_SAUDINEWSNET"])
    candidates = [up / "shared" / "corpora" / "saudinewsnet" for up in ROOT.parents[:2]]
    return next((path for path in candidates if path.is_dir()), candidates[0])


SHARED = _shared_corpus()
RESULTS = DATA / "results"
SIZES = (10_000, 100_000, 1_000_000)
PARAGRAPHS_PER_ARTICLE = 5
#: the issue's budgets on the 30,676 SaudiNewsNet articles (CPU seconds; select_k: wall, 2 cores)
BUDGETS = {"load": 10, "term_frequencies": 30, "keyness": 30, "find_mentions": 10,
           "cooccurrence": 5, "fit_topics": 90, "select_k": 600}


def _cpu() -> float:
    """CPU seconds of this process (``time.process_time``), of its finished children
    (``os.times``) and of its live children (joblib/loky workers, through psutil)."""
    finished = os.times()
    total = time.process_time() + finished.children_user + finished.children_system
    for child in psutil.Process().children(recursive=True):
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


def run_steps(label: str, loader, *, repeat: int = 1, select_k_sample=None,
              skip: tuple[str, ...] = ()) -> list[dict]:
    """Run every step on one corpus; return one row per step.

    The quick steps run ``repeat`` times (the row gives the min and the median); fit_topics
    and select_k run once. CPU seconds include the children (select_k's workers).
    """
    from arcorpus.factions import cooccurrence, find_mentions
    from arcorpus.terms import keyness, kwic, term_frequencies
    from arcorpus.topics import fit_topics, select_k

    rows = []
    state: dict = {}

    def step(name, action, runs=repeat):
        if name in skip:
            return None
        cpus, walls, peaks = [], [], []
        for _ in range(runs):
            _reset_peak()
            cpu, wall = _cpu(), time.perf_counter()
            result = action()
            cpus.append(_cpu() - cpu)
            walls.append(time.perf_counter() - wall)
            peaks.append(_peak_mb())
        rows.append({"corpus": label, "step": name, "runs": runs,
                     "cpu_s": round(min(cpus), 2),
                     "cpu_median_s": round(float(np.median(cpus)), 2),
                     "wall_s": round(min(walls), 2),
                     "wall_median_s": round(float(np.median(walls)), 2),
                     "peak_mb": round(max(peaks)), **state.pop("extra", {})})
        print(json.dumps(rows[-1]), flush=True)
        save()
        return result

    def save():  # after every step, so that a run stopped before its end keeps what finished
        for row in rows:
            row.update(paragraphs=state.get("paragraphs"), articles=state.get("articles"))
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{label}.json").write_text(json.dumps(rows, indent=1))

    corpus = step("load", loader)
    state["paragraphs"] = len(corpus.unit_spans("paragraphs"))
    state["articles"] = len(corpus.articles)
    print(json.dumps({"corpus": label, **state}), flush=True)
    save()
    sources = corpus.articles["source"].value_counts()
    first = sources.index[0]
    step("term_frequencies", lambda: term_frequencies(corpus, by="source", progress=False))
    target = corpus.articles["source"] == first
    step("keyness", lambda: keyness(corpus.subset(target), corpus.subset(~target),
                                    progress=False))
    step("kwic", lambda: kwic(corpus, "داعش", progress=False))
    mentions = step("find_mentions", lambda: find_mentions(corpus, progress=False))
    if mentions is not None:
        step("cooccurrence", lambda: cooccurrence(mentions, unit="paragraphs", corpus=corpus))
    step("fit_topics", lambda: fit_topics(corpus, k=20, method="nmf", unit="articles",
                                          warn_small=False, progress=False), runs=1)
    # select_k as documented: its default method and engine (tomotopy LDA), on articles,
    # 5 Ks x 3 seeds on both cores; on every article unless a sample is asked for
    if isinstance(select_k_sample, int) and select_k_sample >= state["articles"]:
        select_k_sample = None  # a sample as large as the corpus is the corpus
    options = _supported(select_k, n_seeds=3, n_jobs=2, unit="articles",
                         sample=select_k_sample, progress=False)

    def choose_k():
        table = select_k(corpus, ks=[10, 15, 20, 25, 30], **options)
        state["extra"] = {"n_docs": int(table["n_docs"].iloc[0])} if "n_docs" in table else {}
        return table

    step("select_k", choose_k, runs=1)
    save()
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


def child(spec: str, *, repeat: int, select_k_sample, skip: tuple[str, ...]) -> None:
    """Run the steps on one corpus (in this fresh process) and print JSON rows (also saved
    under benchmarks/_data/pipeline/results/ after every step)."""
    import arcorpus

    options = {"repeat": repeat, "select_k_sample": select_k_sample, "skip": skip}
    if spec == "saudinewsnet":
        rows = run_steps("saudinewsnet", lambda: arcorpus.load_saudinewsnet(SHARED), **options)
    else:
        folder = make_resampled(int(spec))
        rows = run_steps(spec, lambda: arcorpus.load_corpus(folder, pattern="*.jsonl",
                                                            id_column="doc_id", progress=False),
                         **options)
    print("RESULT " + json.dumps(rows), flush=True)


def exponents(table: pd.DataFrame) -> pd.DataFrame:
    """Per step: the least-squares slope of log(CPU s) on log(paragraphs) over every size, and
    the slope between each pair of successive sizes (10k->100k, 100k->1M)."""
    out = {}
    for name, rows in table.groupby("step", sort=False):
        rows = rows[rows["cpu_s"] > 0].sort_values("paragraphs")
        if len(rows) < 2:
            continue
        x = np.log(rows["paragraphs"].to_numpy(dtype=float))
        y = np.log(rows["cpu_s"].to_numpy(dtype=float))
        slopes = {"exponent": round(float(np.polyfit(x, y, 1)[0]), 2)}
        sizes = rows["paragraphs"].to_numpy()
        for i in range(1, len(rows)):
            key = f"b {_short(sizes[i - 1])}->{_short(sizes[i])}"
            slopes[key] = round(float((y[i] - y[i - 1]) / (x[i] - x[i - 1])), 2)
        out[name] = slopes
    return pd.DataFrame.from_dict(out, orient="index")


def _short(n: int) -> str:
    return f"{n / 1e6:g}M" if n >= 1e6 else f"{n / 1e3:g}k"


def report(rows: list[dict], max_exponent: float) -> int:
    """Print the tables (per corpus, budgets, exponents); 1 if a step grows too fast."""
    table = pd.DataFrame(rows)
    pd.set_option("display.width", 200)
    columns = ["cpu_s", "cpu_median_s", "wall_s", "wall_median_s", "peak_mb"]
    for label, part in table.groupby("corpus", sort=False):
        print(f"\n{label}: {part['articles'].iloc[0]:,} articles, "
              f"{part['paragraphs'].iloc[0]:,} paragraphs")
        print(part.set_index("step")[["runs", *[c for c in columns if c in part]]].to_string())
    real = table[table["corpus"] == "saudinewsnet"].set_index("step")
    if len(real):
        print("\nbudgets on SaudiNewsNet (CPU s; select_k: wall s on 2 cores):")
        for name, budget in BUDGETS.items():
            if name not in real.index:
                continue
            measured = real.loc[name, "wall_s" if name == "select_k" else "cpu_s"]
            print(f"  {name:17s} {measured:8.1f} / {budget:4d}  "
                  f"{'ok' if measured <= budget else 'OVER'}")
    resampled = table[table["corpus"] != "saudinewsnet"]
    if "n_docs" in resampled:  # select_k on a fixed-size sample does not grow with the corpus
        sampled = (resampled["step"] == "select_k") & (resampled["n_docs"] < resampled["articles"])
        if sampled.any():
            print("\n(select_k ran on a sample in " + ", ".join(resampled.loc[sampled, "corpus"])
                  + ": left out of the growth exponents)")
            resampled = resampled[~((resampled["step"] == "select_k")
                                    & resampled["corpus"].isin(resampled.loc[sampled, "corpus"]))]
    if resampled["corpus"].nunique() >= 2:
        slopes = exponents(resampled)
        print("\ngrowth exponents (min CPU s ~ paragraphs^b):")
        print(slopes.to_string())
        worst = slopes["exponent"].max()
        if not math.isnan(worst) and worst > max_exponent:
            print(f"FAIL: a step grows faster than paragraphs^{max_exponent}: "
                  + ", ".join(slopes.index[slopes["exponent"] > max_exponent]))
            return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--max-exponent", type=float, default=1.15)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each quick step (min and median reported)")
    parser.add_argument("--repeat-max", type=int, default=200_000,
                        help="resampled corpora above this many paragraphs run each step once")
    parser.add_argument("--select-k-sample", type=float, default=None,
                        help="select_k on a sample (int: documents; <1: share); default all")
    parser.add_argument("--skip", nargs="*", default=[], help="steps to leave out")
    parser.add_argument("--report", action="store_true",
                        help="only print the tables from the saved results of these corpora")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sample = args.select_k_sample
    if sample is not None and sample >= 1:
        sample = int(sample)
    if args.child:
        child(args.child, repeat=args.repeat, select_k_sample=sample, skip=tuple(args.skip))
        return 0
    specs = [] if args.skip_real else (["saudinewsnet"] if SHARED.is_dir() else [])
    if not args.skip_real and not SHARED.is_dir():
        print(f"(no real corpus: {SHARED} is absent; resampling the seed)")
    specs += [str(size) for size in args.sizes]
    rows = []
    for spec in specs:
        if args.report:
            saved = RESULTS / f"{spec}.json"
            if saved.exists():
                rows += json.loads(saved.read_text())
            else:
                print(f"(no saved results for {spec})")
            continue
        repeat = args.repeat if spec == "saudinewsnet" or int(spec) <= args.repeat_max else 1
        command = [sys.executable, __file__, "--child", spec, "--repeat", str(repeat),
                   *(["--select-k-sample", str(sample)] if sample is not None else []),
                   *(["--skip", *args.skip] if args.skip else [])]
        print(f"== {spec} ({repeat} run(s) of the quick steps)", flush=True)
        # the child's rows are printed as they come, so that a long run shows its progress
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONHASHSEED": "0"}) as process:
            result = []
            for line in process.stdout:
                if line.startswith("RESULT "):
                    result.append(line)
                else:
                    print(line, end="", flush=True)
        if process.returncode or not result:
            print(f"the run on {spec} failed (exit {process.returncode})", file=sys.stderr)
            return process.returncode or 1
        rows += json.loads(result[0][len("RESULT "):])
    if not rows:
        return 0
    return report(rows, args.max_exponent)


if __name__ == "__main__":
    sys.exit(main())
