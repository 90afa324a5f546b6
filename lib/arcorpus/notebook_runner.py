"""Run notebooks headless, top to bottom, each in a fresh kernel (the README's main job).

    python -m arcorpus.notebook_runner notebooks --out build/notebooks

Each notebook runs with its own folder as the working directory (as in JupyterLab), so the
relative paths in the notebooks (``../corpus``, ``../figures``) mean the same in both places.
Executed copies go to ``--out``; the notebooks in the repository stay without outputs.
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


def execute_notebook(path: str | Path, *, timeout: int = 600,
                     kernel_name: str = "python3") -> nbformat.NotebookNode:
    """Execute ``path`` in a fresh kernel and return the executed notebook (raises on error).

    >>> nb = execute_notebook("notebooks/01_load_and_explore.ipynb")  # doctest: +SKIP
    """
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def run_all(folder: Path, out: Path | None) -> int:
    notebooks = sorted(folder.glob("*.ipynb"))
    if not notebooks:
        print(f"no notebooks in {folder}", file=sys.stderr)
        return 1
    failed = 0
    for path in notebooks:
        started = time.perf_counter()
        try:
            executed = execute_notebook(path)
        except (CellExecutionError, CellTimeoutError) as exc:  # a timeout is a failed cell
            failed += 1
            print(f"FAILED {path}:\n{exc}", file=sys.stderr)
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
    args = parser.parse_args(argv)
    return run_all(args.folder, args.out)


if __name__ == "__main__":
    sys.exit(main())
