"""Proclitic segmentation measured on frozen gold sets: the held-out SaudiNewsNet sample that
nobody tuned to (the target: at least 98.5% of its word types), the development sample, and the
seed article's hand-checked types.

The held-out test reports one number and never lists its errors (looking at them would turn the
set into development data); the development sets print their errors freely.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from arcorpus.text.clitics import CLITIC_INITIALS, CliticSegmenter

from conftest import FIXTURES

HELDOUT = FIXTURES / "heldout"
#: development data drawn later, disjoint from both frozen sets (tests/fixtures/dev/README.md)
FRESH = FIXTURES / "dev" / "segmentation_fresh.tsv"
#: a second fresh sample, annotated blind (two annotators, one half each) like the held-out set
FRESH2 = FIXTURES / "dev" / "segmentation_fresh2.tsv"
#: a third, drawn and annotated blind the same way
FRESH3 = FIXTURES / "dev" / "segmentation_fresh3.tsv"
#: checksums of the frozen files (tests/fixtures/heldout/README.md)
FROZEN = {
    "segmentation_heldout.tsv": "c3ff11a152af784d9c1f82789e605acec03d9a45e9d725556ab5730ddd603a2c",
    "segmentation_dev.tsv": "36d513ab5f5ccb9ebec857645feb9187c9c247dd82886b52f5b47b78b379d0f9",
}
HELDOUT_TARGET = 0.985


def read_gold(path: Path) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(row["word"], row["segmentation"]) for row in rows]


def score(rows: list[tuple[str, str]], segmenter: CliticSegmenter) -> dict:
    wrong = [(word, gold, "+".join(segmenter(word))) for word, gold in rows
             if "+".join(segmenter(word)) != gold]
    initial = [word for word, _ in rows if word[0] in CLITIC_INITIALS]
    wrong_initial = [w for w in wrong if w[0][0] in CLITIC_INITIALS]
    return {
        "n": len(rows), "correct": len(rows) - len(wrong),
        "accuracy": 1 - len(wrong) / len(rows),
        "n_initial": len(initial), "correct_initial": len(initial) - len(wrong_initial),
        "accuracy_initial": 1 - len(wrong_initial) / len(initial),
        "wrong": wrong,
    }


def describe(name: str, result: dict) -> str:
    return (f"{name}: {result['correct']}/{result['n']} = {result['accuracy']:.2%} "
            f"(clitic-initial {result['correct_initial']}/{result['n_initial']} = "
            f"{result['accuracy_initial']:.2%})")


@pytest.fixture(scope="module")
def segmenter() -> CliticSegmenter:
    return CliticSegmenter()


@pytest.mark.parametrize("name", sorted(FROZEN))
def test_gold_files_are_frozen(name):
    digest = hashlib.sha256((HELDOUT / name).read_bytes()).hexdigest()
    assert digest == FROZEN[name], f"{name} changed: the gold sets are frozen"


#: the held-out accuracy last measured (1,970 of 2,000 types, 2026-11-26, its seventh
#: measurement): a regression floor
HELDOUT_MEASURED = 1970 / 2000


def heldout_result(segmenter: CliticSegmenter) -> dict:
    rows = read_gold(HELDOUT / "segmentation_heldout.tsv")
    assert len(rows) == 2000
    return score(rows, segmenter)


def test_heldout_accuracy_does_not_fall(segmenter):
    result = heldout_result(segmenter)
    print("\n" + describe("held-out", result))
    # one number only: the held-out errors are never listed
    assert result["accuracy"] >= HELDOUT_MEASURED, describe("held-out", result)


def test_heldout_accuracy_reaches_the_target(segmenter):
    result = heldout_result(segmenter)
    assert result["accuracy"] >= HELDOUT_TARGET, describe("held-out", result)


#: the development sets (errors listed freely): file, number of types, accuracy floor
DEVELOPMENT = {
    "development": (HELDOUT / "segmentation_dev.tsv", 600, 0.98),
    "fresh development": (FRESH, 800, 0.975),
    "second fresh development": (FRESH2, 1000, 0.98),
    "third fresh development": (FRESH3, 1000, 0.98),
}


@pytest.mark.parametrize("name", sorted(DEVELOPMENT))
def test_development_accuracy(segmenter, name):
    path, size, floor = DEVELOPMENT[name]
    rows = read_gold(path)
    assert len(rows) == size
    result = score(rows, segmenter)
    print("\n" + describe(name, result) + f"; errors: {result['wrong']}")
    assert result["accuracy"] >= floor, result["wrong"]
