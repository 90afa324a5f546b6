"""Run notebooks headless, top to bottom, each in a fresh kernel (the README's main job).

    python -m arcorpus.notebook_runner notebooks --out build/notebooks [--corpus PATH|NAME]
                                                 [--figures DIR]

Each notebook runs with its own folder as the working directory (as in JupyterLab), so the
relative paths in the notebooks (``../corpus``, ``../figures``) mean the same in both places.
``--corpus`` and ``--figures`` set the notebooks' parameters (see :mod:`arcorpus.course`): a cell
tagged ``injected-parameters`` is added after the cell tagged ``parameters``. Executed copies go
to ``--out``; the notebooks in the repository stay without outputs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from .io import atomic_write


def inject_parameters(notebook: nbformat.NotebookNode, values: dict) -> nbformat.NotebookNode:
    """Add a cell setting ``values`` after the cell tagged ``parameters`` (papermill's
    convention); a notebook without one gets it first. Values are written as Python literals.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("CORPUS = 1")])
    >>> nb.cells[0].metadata["tags"] = ["parameters"]
    >>> inject_parameters(nb, {"CORPUS": "x"}).cells[1].source
    "CORPUS = 'x'"
    """
    if not values:
        return notebook
    cell = nbformat.v4.new_code_cell("\n".join(f"{k} = {v!r}" for k, v in values.items()))
    cell.metadata["tags"] = ["injected-parameters"]
    tagged = [i for i, c in enumerate(notebook.cells)
              if "parameters" in c.get("metadata", {}).get("tags", [])]
    notebook.cells.insert(tagged[0] + 1 if tagged else 0, cell)
    return notebook


def execute_notebook(path: str | Path, *, timeout: int = 600, kernel_name: str = "python3",
                     parameters: dict | None = None) -> nbformat.NotebookNode:
    """Execute ``path`` in a fresh kernel and return the executed notebook (raises on error).

    >>> nb = execute_notebook("notebooks/01_load_and_explore.ipynb")  # doctest: +SKIP
    """
    path = Path(path)
    notebook = inject_parameters(nbformat.read(path, as_version=4), parameters or {})
    client = NotebookClient(notebook, timeout=timeout, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def run_all(folder: Path, out: Path | None, parameters: dict | None = None,
            timeout: int = 600) -> int:
    notebooks = sorted(folder.glob("*.ipynb"))
    if not notebooks:
        print(f"no notebooks in {folder}", file=sys.stderr)
        return 1
    failed = 0
    for path in notebooks:
        started = time.perf_counter()
        try:
            executed = execute_notebook(path, parameters=parameters, timeout=timeout)
        except (CellExecutionError, CellTimeoutError) as exc:  # a timeout is a failed cell
            failed += 1
            print(f"FAILED {path}: {type(exc).__name__}\n{exc}", file=sys.stderr)
            continue
        if out is not None:
            with atomic_write(out / path.name, "w") as handle:
                nbformat.write(executed, handle)
        print(f"ok     {path} ({time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("notebooks"))
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the executed copies (default: nowhere)")
    parser.add_argument("--corpus", default=None,
                        help="a corpus folder or file, or a named corpus (saudinewsnet)")
    parser.add_argument("--figures", default=None, help="where the notebooks write figures")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    args = parser.parse_args(argv)
    parameters = {}
    if args.corpus is not None:  # paths are given from where the command runs
        named = args.corpus in ("saudinewsnet",)
        parameters["CORPUS"] = args.corpus if named else str(Path(args.corpus).resolve())
    if args.figures is not None:
        parameters["OUT"] = str(Path(args.figures).resolve())
    return run_all(args.folder, args.out, parameters, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
