"""Shared paths and fixtures. The core suite needs only this repository; tests marked
``extended`` use ../shared/corpora when it exists and skip otherwise."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")  # tests draw off screen, whatever MPLBACKEND says

# Property tests: no per-example deadline (first calls warm caches); in CI the examples are
# derandomised so that a run is reproducible, locally they vary and keep exploring.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, max_examples=200)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED = CORPUS / "articles" / "000_0eee5cfdabd81abf.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# ../shared/corpora beside the clone (CI); ARCORPUS_SHARED_CORPORA points elsewhere (worktrees)
SHARED_CORPORA = Path(os.environ.get("ARCORPUS_SHARED_CORPORA",
                                     str(ROOT.parent / "shared" / "corpora")))


def tree_hash(folder: Path) -> str:
    """Hash of every file name and byte under ``folder`` (to prove nothing was written)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def write_folder(folder: Path, documents, *, metadata: bool = True) -> Path:
    """Documents as a folder of .txt articles in sub-folders with a metadata.csv (some rows
    missing, one extra, some URLs repeated): the kit's usual input, for multi-article tests."""
    import pandas as pd

    folder.mkdir(parents=True)
    rows = []
    for i, doc in enumerate(documents):
        sub = folder / f"{i // 100:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
        if i % 17:  # some articles without metadata
            url = doc.metadata["url"] if i % 23 else "https://example.org/repeated"
            rows.append({"doc_id": doc.doc_id, **doc.metadata, "url": url})
    if metadata:
        rows.append({"doc_id": "no-such-article", "source": "x", "date": "2015-01-01",
                     "title": "", "url": ""})
        pd.DataFrame(rows).to_csv(folder / "metadata.csv", index=False)
    return folder


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()
