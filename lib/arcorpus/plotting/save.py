"""``save_figure``: byte-identical figure files with a manifest that says how they were made."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.text import Text

from ..io import atomic_write, write_json
from .arabic import font_path, pdf_text
from .layout import layout_problems, warn_layout

# Metadata that would differ between runs (dates, tool versions in free text) is fixed or left
# out, per format, so that a figure saved twice from the same lock is the same bytes.
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def figure_manifest(
    *,
    params: Mapping[str, Any] | None = None,
    seeds: Mapping[str, int] | None = None,
    corpus_fingerprint: str | None = None,
    fonts: Iterable[str] = (),  # font files the figure's text was drawn with
    files: Iterable[str] = (),
    layout: list[dict] | None = None,
) -> dict[str, Any]:
    """The manifest written beside a figure: what made it, with no timestamps, and what the
    layout check (:func:`~arcorpus.plotting.layout_problems`) found, when it was run.

    >>> figure_manifest(params={"top_n": 20})["params"]
    {'top_n': 20}
    """
    manifest = {
        "params": dict(params or {}),
        "seeds": dict(seeds or {}),
        "corpus_fingerprint": corpus_fingerprint,
        "fonts": sorted(fonts),
        "files": sorted(files),
        "versions": {
            "arcorpus": _version("arcorpus"),
            "matplotlib": matplotlib.__version__,
            "pandas": _version("pandas"),
            "numpy": _version("numpy"),
            "fontpkg-noto-sans-arabic": _version("fontpkg-noto-sans-arabic"),
        },
        "arabic_font_file": font_path().name,
    }
    if layout is not None:
        manifest["layout"] = {"checked": "text outlines vs text, data areas, markers, edges",
                              "problems": layout}
    return manifest


def figure_bytes(fig: Figure, fmt: str, *, dpi: int = 150) -> bytes:
    """``fig`` saved as ``fmt`` with fixed metadata (what :func:`save_figure` writes).

    For PDF, right-to-left text is handed to the backend as :func:`~arcorpus.plotting.pdf_text`
    gives it for the duration of the save (matplotlib 3.11's PDF backend misplaces spaces in
    shaped Arabic), and fonts are embedded as TrueType.
    """
    buffer = io.BytesIO()
    swapped: list[tuple[Text, str]] = []
    if fmt == "pdf":
        for text in fig.findobj(Text):
            original = text.get_text()
            replacement = pdf_text(original)
            if replacement != original:
                swapped.append((text, original))
                text.set_text(replacement)
    try:
        with matplotlib.rc_context({"svg.hashsalt": "arcorpus", "pdf.compression": 6,
                                    "pdf.fonttype": 42}):
            fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    finally:
        for text, original in swapped:
            text.set_text(original)
    return buffer.getvalue()


def save_figure(
    fig: Figure,
    path: str | os.PathLike,
    *,
    formats: Iterable[str] = ("png", "svg"),
    params: Mapping[str, Any] | None = None,
    seeds: Mapping[str, int] | None = None,
    corpus_fingerprint: str | None = None,
    dpi: int = 150,
    check_layout: bool = True,
) -> list[Path]:
    """Save ``fig`` as ``path`` with each suffix in ``formats``, plus ``<path>.manifest.json``.

    Files are written atomically and are byte-identical when the same figure is saved again
    with the same locked environment (fixed metadata, fixed SVG id salt). The layout is checked
    at ``dpi`` (:func:`~arcorpus.plotting.layout_problems`: colliding, clipped or misplaced
    text); what it finds is recorded in the manifest under ``layout`` and reported as a
    :class:`~arcorpus.plotting.layout.LayoutWarning` (``check_layout=False`` skips it).

    Args:
        fig: the matplotlib figure.
        path: target without suffix (``figures/02_top_terms``); a suffix given is replaced.
        formats: any of ``"png"``, ``"svg"``, ``"pdf"``.
        params, seeds, corpus_fingerprint: recorded in the manifest, so that a reader can tell
            what the figure was computed from (``corpus.fingerprint()``).
        dpi: resolution of raster output.

    Returns:
        The paths written, manifest last.

    Example:
        >>> save_figure(fig, "figures/01_lengths", params={"unit": "paragraph"})  # doctest: +SKIP
    """
    base = Path(path)
    base = base.with_suffix("") if base.suffix in {".png", ".svg", ".pdf"} else base
    formats = list(formats)
    for fmt in formats:
        if fmt not in _METADATA:
            raise ValueError(f"unsupported format {fmt!r}; use png, svg or pdf")
    written: list[Path] = []
    fonts: set[str] = set()
    for fmt in formats:
        target = base.with_name(f"{base.name}.{fmt}")
        with atomic_write(target) as handle:
            handle.write(figure_bytes(fig, fmt, dpi=dpi))
        written.append(target)
    for text in fig.findobj(Text):
        if text.get_text():
            fonts.add(Path(font_manager.findfont(text.get_fontproperties())).name)
    problems = layout_problems(fig, dpi=dpi) if check_layout else None
    warn_layout(problems or [], where=base.name)
    manifest = base.with_name(f"{base.name}.manifest.json")
    write_json(manifest, figure_manifest(params=params, seeds=seeds,
                                         corpus_fingerprint=corpus_fingerprint, fonts=fonts,
                                         files=[p.name for p in written], layout=problems))
    written.append(manifest)
    return written
