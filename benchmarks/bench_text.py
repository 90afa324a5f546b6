"""Benchmark: MB/s per core of normalise + tokenise and of building the document-term matrix
through the kit's scikit-learn analyzer, against CountVectorizer() defaults and str.split().

    python benchmarks/bench_text.py              # 50 MB resampled from real paragraphs
    python benchmarks/bench_text.py --mb 100 --source seed

Paragraphs are resampled (with a fixed seed) from SaudiNewsNet when ../shared/corpora is there
(real vocabulary: 30,000 articles, so the analyzer's per-word cache is not flattered), else from
the seed article in corpus/. Each measurement runs on one core except the last, which uses
joblib on every core. Peak memory is the process's maximum resident set size at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from pathlib import Path

from sklearn.feature_extraction.text import CountVectorizer

import arcorpus
from arcorpus.terms import document_term_matrix
from arcorpus.text import ArabicAnalyzer, tokenize
from arcorpus.text.normalize import NormalizeOptions, normalize_with
from arcorpus.text.tokenize import word_forms

ROOT = Path(__file__).resolve().parents[1]
SAUDINEWSNET = ROOT.parent / "shared" / "corpora" / "saudinewsnet"


def real_paragraphs(source: str) -> tuple[list[str], str]:
    if source in ("auto", "saudinewsnet") and SAUDINEWSNET.exists():
        corpus = arcorpus.load_saudinewsnet(SAUDINEWSNET)
        return corpus.paragraphs["text"].tolist(), "SaudiNewsNet paragraphs"
    if source == "saudinewsnet":
        raise SystemExit(f"{SAUDINEWSNET} not found")
    corpus = arcorpus.load_corpus(ROOT / "corpus")
    return corpus.paragraphs["text"].tolist(), "seed article paragraphs"


def resample(paragraphs: list[str], megabytes: float, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    target, size, out = megabytes * 1e6, 0, []
    while size < target:
        paragraph = rng.choice(paragraphs)
        out.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
    return out


def each(func):
    """Run ``func`` on every text, keeping nothing: throughput, not the cost of holding
    millions of results (the DTM measurements keep their matrix, as a user would)."""
    def run(texts: list[str]) -> None:
        for text in texts:
            func(text)
    return run


def measure(label: str, size_mb: float, func, cores: int = 1) -> float:
    started = time.perf_counter()
    func()
    seconds = time.perf_counter() - started
    rate = size_mb / seconds
    print(f"{label:58s} {seconds:7.2f} s {rate:8.1f} MB/s" + (
        f" ({rate / cores:.1f} MB/s per core)" if cores > 1 else ""), flush=True)
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50, help="megabytes of text (UTF-8)")
    parser.add_argument("--source", choices=["auto", "saudinewsnet", "seed"], default="auto")
    args = parser.parse_args()

    paragraphs, origin = real_paragraphs(args.source)
    texts = resample(paragraphs, args.mb)
    size = sum(len(t.encode("utf-8")) + 1 for t in texts) / 1e6
    cores = os.cpu_count() or 1
    print(f"{size:.1f} MB in {len(texts):,} paragraphs resampled from {len(paragraphs):,} "
          f"{origin}; {cores} cores\n")

    options = NormalizeOptions()
    floor = measure("str.split() (the floor)", size, lambda: each(str.split)(texts))
    measure("normalize() only", size, lambda: each(lambda t: normalize_with(t, options))(texts))
    fast = measure("normalize + tokenize (counting path: words, no offsets)", size,
                   lambda: each(lambda t: word_forms(normalize_with(t, options)))(texts))
    measure("tokenize() with offsets into the original", size,
            lambda: each(tokenize)(texts))
    sklearn = measure("CountVectorizer() defaults (wrong for Arabic)", size,
                      lambda: CountVectorizer().fit_transform(texts))
    ours = measure("CountVectorizer(analyzer=ArabicAnalyzer()): full DTM", size,
                   lambda: CountVectorizer(analyzer=ArabicAnalyzer()).fit_transform(texts))
    # Where the full count's time goes: the analyzer's first pass (each distinct whitespace
    # chunk analysed once), a second pass with every chunk cached, and CountVectorizer's own
    # counting loop fed the finished term lists. Warm pass + loop is the most any per-chunk
    # cache can reach through scikit-learn's analyzer interface.
    analyzer = ArabicAnalyzer()
    analysed: list[list[str]] = []
    measure("  breakdown: analyzer, first pass (cold cache)", size,
            lambda: analysed.extend(map(analyzer, texts)))
    warm = measure("  breakdown: analyzer, second pass (warm cache)", size,
                   lambda: each(analyzer)(texts))
    loop = measure("  breakdown: CountVectorizer counting loop alone", size,
                   lambda: CountVectorizer(analyzer=analysed.__getitem__).fit_transform(
                       range(len(texts))))
    analysed.clear()
    print(f"  distinct chunks {len(analyzer._cache):,}, distinct word forms "
          f"{len(analyzer._forms):,}; warm pass + loop = {1 / (1 / warm + 1 / loop):.1f} MB/s "
          f"(the ceiling of a per-chunk cache)")
    measure("  same, with light stemming (ARLSTem)", size,
            lambda: CountVectorizer(analyzer=ArabicAnalyzer(stem=True)).fit_transform(texts))
    measure(f"document_term_matrix(n_jobs={cores}): cold (workers start)", size,
            lambda: document_term_matrix(texts, n_jobs=cores, progress=False), cores=cores)
    parallel = measure(f"document_term_matrix(n_jobs={cores}): warm (workers reused)", size,
                       lambda: document_term_matrix(texts, n_jobs=cores, progress=False),
                       cores=cores)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(f"\npeak RSS: {peak:,.0f} MB")
    print(f"normalize+tokenize: {fast:.1f} MB/s per core (target >= 30; floor {floor:.0f}, "
          f"{floor / fast:.1f}x slower than the floor; stretch target: within 3x)")
    print(f"full count: {ours:.1f} MB/s vs CountVectorizer() defaults {sklearn:.1f} MB/s "
          f"({ours / sklearn:.2f}x); parallel: {parallel:.1f} MB/s on {cores} cores")


if __name__ == "__main__":
    main()
