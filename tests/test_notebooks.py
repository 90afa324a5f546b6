"""Every notebook runs top to bottom in a fresh kernel, and the figures it writes are
byte-identical to the committed ones in figures/ (the reproducibility promise); with
../shared/corpora present, the course run on SaudiNewsNet reproduces figures/saudinewsnet/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from arcorpus.notebook_runner import execute_notebook

from conftest import ROOT, SHARED_CORPORA, tree_hash

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks_and_they_are_stored_without_outputs():
    import nbformat

    assert NOTEBOOKS, "no notebooks found"
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """A copy of notebooks/, corpus/ and tests/fixtures/ with an empty figures/, so that
    running the notebooks in the tests never touches the repository."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    shutil.copytree(ROOT / "tests" / "fixtures", root / "tests" / "fixtures")  # gold files
    (root / "figures").mkdir()
    return root


@pytest.mark.notebooks
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_and_reproduces_its_figures(sandbox, notebook):
    before = tree_hash(sandbox / "corpus")
    made_before = set((sandbox / "figures").iterdir())
    executed = execute_notebook(sandbox / "notebooks" / notebook.name)
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs
              if o.get("output_type") == "error"]
    assert not errors
    assert tree_hash(sandbox / "corpus") == before, "a notebook wrote into corpus/"
    prefix = notebook.name.split("_", 1)[0] + "_"
    made = sorted(p for p in set((sandbox / "figures").iterdir()) - made_before)
    committed = sorted((ROOT / "figures").glob(prefix + "*"))
    assert [p.name for p in made] == [p.name for p in committed], (
        "figures/ is out of date: run the README's first command and commit figures/")
    for new, old in zip(made, committed, strict=True):
        assert new.read_bytes() == old.read_bytes(), f"{new.name} differs from figures/"


SAUDINEWSNET = SHARED_CORPORA / "saudinewsnet"
COURSE_FIGURES = ROOT / "figures" / "saudinewsnet"


@pytest.fixture(scope="module")
def course_sandbox(tmp_path_factory) -> Path:
    """Like ``sandbox``, for the course corpus: the notebooks write figures/saudinewsnet/."""
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    shutil.copytree(ROOT / "tests" / "fixtures", root / "tests" / "fixtures")
    (root / "figures" / "saudinewsnet").mkdir(parents=True)
    return root


@pytest.mark.extended
@pytest.mark.notebooks
@pytest.mark.skipif(not SAUDINEWSNET.exists(), reason=f"{SAUDINEWSNET} is absent")
@pytest.mark.skipif(os.environ.get("ARCORPUS_COURSE_RUN") != "1",
                    reason="the course run takes about 20 CPU-minutes and its figure set is not "
                           "committed yet: set ARCORPUS_COURSE_RUN=1 to run it")
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_reproduces_the_saudinewsnet_figures(course_sandbox, notebook, monkeypatch):
    """The course run (``python3 tasks.py main --corpus saudinewsnet``) regenerates the
    committed figures/saudinewsnet/ byte for byte."""
    monkeypatch.setenv("ARCORPUS_SAUDINEWSNET", str(SAUDINEWSNET))  # the kernel inherits both
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    figures = course_sandbox / "figures" / "saudinewsnet"
    made_before = set(figures.iterdir())
    executed = execute_notebook(course_sandbox / "notebooks" / notebook.name, timeout=1800,
                                parameters={"CORPUS": "saudinewsnet"})
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs
              if o.get("output_type") == "error"]
    assert not errors
    prefix = notebook.name.split("_", 1)[0] + "_"
    made = sorted(p for p in set(figures.iterdir()) - made_before)
    committed = sorted(COURSE_FIGURES.glob(prefix + "*"))
    assert [p.name for p in made] == [p.name for p in committed], (
        "figures/saudinewsnet/ is out of date: run `python3 tasks.py main --corpus "
        "saudinewsnet` and commit it")
    for new, old in zip(made, committed, strict=True):
        assert new.read_bytes() == old.read_bytes(), f"{new.name} differs from {COURSE_FIGURES}"
