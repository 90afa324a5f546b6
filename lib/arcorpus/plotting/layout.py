"""A layout check a machine can run: does any text of a figure collide with other text, run
into a plot's data area, sit on another node's marker, or get cut off at the figure's edge?

:func:`layout_problems` draws the figure and measures what a reader sees: the outline of every
tick label, axis label, title, suptitle, legend and text placed on the axes (node labels, cell
annotations). Rotated text is measured as the rotated rectangle it is, not as the upright box
around it, so that parallel slanted labels that do not touch are not reported. Markers of
scatter-like collections (networkx nodes) are measured as circles of their size.

:func:`~arcorpus.plotting.save_figure` runs it and records the result in the figure's manifest.

The geometry (separating-axis test for two convex outlines, circle against outline) is written
here by hand: it is twenty lines, and matplotlib offers only upright boxes.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Annotation, Text

#: how far two outlines may overlap, in points, before it counts (antialiasing, rounding)
TOLERANCE_PT = 1.0


class LayoutWarning(UserWarning):
    """A figure has text that collides (see :func:`layout_problems`)."""


@dataclass
class _Item:
    """One piece of text as drawn: what it is, where, and its outline in pixels."""

    role: str            # "x tick label", "title", "legend", "text", ...
    text: str
    axes: Axes | None    # the axes it belongs to (None: the figure's own)
    outline: np.ndarray  # corners (4 x 2), display pixels
    avoids_data: bool    # must stay off every axes' data area (ticks, labels, titles)
    anchor: np.ndarray | None = None  # the point it labels (texts on axes)

    def describe(self, names: dict) -> str:
        where = names.get(self.axes, "figure")
        return f"{self.role} {self.text!r} ({where})"


def layout_problems(fig: Figure, *, tolerance: float = TOLERANCE_PT,
                    dpi: float | None = None) -> list[dict]:
    """What collides in ``fig``, as a list of problems (empty when the layout is clean).

    Each problem is a dict: ``problem`` (``"overlap"``: two texts overlap; ``"on data
    area"``: a tick label, axis label, title or legend runs into an axes' plotting area, or a
    text into another axes' area; ``"on marker"``: a text covers a marker other than the one
    it labels; ``"outside figure"``: a text is cut off at the figure's edge), ``a`` and ``b``
    (what, e.g. ``"x tick label 'داعش' (axes 0)"``) and ``depth_pt`` (how far they overlap,
    in points). Overlaps up to ``tolerance`` points are ignored. ``dpi`` measures the figure
    at that resolution (as it is saved); default: the figure's own.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.text(0.5, 0.5, "one"), ax.text(0.5, 0.5, "two")
    >>> [p["problem"] for p in layout_problems(fig)]
    ['overlap']
    >>> plt.close(fig)
    """
    with _at_dpi(fig, dpi):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        names = {ax: f"axes {i}" for i, ax in enumerate(fig.axes)}
        tol = tolerance * fig.dpi / 72
        items = _items(fig, renderer)
        areas = [(ax, _corners(ax.get_window_extent(renderer))) for ax in fig.axes
                 if ax.get_visible() and _has_data(ax)]
        markers = _markers(fig)
        figure_box = _corners(fig.bbox)
        problems: list[dict] = []

        def add(kind: str, a: str, b: str, depth: float) -> None:
            problems.append({"problem": kind, "a": a, "b": b,
                             "depth_pt": round(float(depth) * 72 / fig.dpi, 1)})

        boxes = np.array([[*item.outline.min(0), *item.outline.max(0)] for item in items]) \
            if items else np.zeros((0, 4))
        close = ((boxes[:, None, 0] < boxes[None, :, 2] - tol)
                 & (boxes[None, :, 0] < boxes[:, None, 2] - tol)
                 & (boxes[:, None, 1] < boxes[None, :, 3] - tol)
                 & (boxes[None, :, 1] < boxes[:, None, 3] - tol))
        for i, j in zip(*np.nonzero(np.triu(close, 1)), strict=True):
            depth = _overlap(items[i].outline, items[j].outline)
            if depth > tol:
                add("overlap", items[i].describe(names), items[j].describe(names), depth)
        for item in items:
            for ax, area in areas:
                if not item.avoids_data and ax is item.axes:
                    continue  # a legend or a label placed inside its own axes
                if item.role == "legend" and ax is item.axes:
                    continue
                depth = _overlap(item.outline, area)
                if depth > tol:
                    add("on data area", item.describe(names), f"data area ({names[ax]})", depth)
            outside = _outside(item.outline, figure_box)
            if outside > tol:
                add("outside figure", item.describe(names), "figure edge", outside)
            for ax, centre, radius in markers:
                if item.anchor is not None and ax is item.axes and \
                        np.hypot(*(item.anchor - centre)) <= radius + tol:
                    continue  # the marker this text labels
                depth = _circle_overlap(centre, radius, item.outline)
                if depth > tol:
                    add("on marker", item.describe(names),
                        f"marker at {tuple(np.round(centre).astype(int).tolist())} "
                        f"({names[ax]})", depth)
        return problems


def warn_layout(problems: list[dict], where: str = "figure") -> None:
    """Warn (:class:`LayoutWarning`) about ``problems``, naming the first few."""
    if problems:
        shown = "; ".join(f"{p['problem']}: {p['a']} / {p['b']}" for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        warnings.warn(f"{where}: {len(problems)} layout problem(s): {shown}{more}",
                      LayoutWarning, stacklevel=3)


@contextmanager
def _at_dpi(fig: Figure, dpi: float | None) -> Iterator[None]:
    original = fig.dpi
    if dpi is not None and dpi != original:
        fig.set_dpi(dpi)
    try:
        yield
    finally:
        if fig.dpi != original:
            fig.set_dpi(original)


def _items(fig: Figure, renderer) -> list[_Item]:
    items: list[_Item] = []

    def add(text: Text, role: str, axes: Axes | None, avoids_data: bool,
            anchor: np.ndarray | None = None) -> None:
        if text is None or not text.get_visible() or not text.get_text().strip():
            return
        items.append(_Item(role, text.get_text(), axes, _text_outline(text, renderer),
                           avoids_data, anchor))

    for ax in fig.axes:
        if not ax.get_visible():
            continue
        if ax.axison:
            for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
                for text in _tick_labels(axis):
                    add(text, f"{name} tick label", ax, True)
                add(axis.label, f"{name} axis label", ax, True)
                add(axis.get_offset_text(), f"{name} offset text", ax, True)
        for attribute in ("title", "_left_title", "_right_title"):
            add(getattr(ax, attribute, None), "title", ax, True)
        for text in ax.texts:
            add(text, "text", ax, False, _anchor(text))
        legend = ax.get_legend()
        if legend is not None:
            items.append(_legend_item(legend, ax, renderer))
    for text in fig.texts:
        add(text, "figure text", None, True)
    for legend in fig.legends:
        items.append(_legend_item(legend, None, renderer))
    return [item for item in items if item is not None]


def _anchor(text: Text) -> np.ndarray:
    """The point a text labels: where an annotation in data coordinates points, else where
    the text stands."""
    if isinstance(text, Annotation) and text.xycoords == "data" and text.axes is not None:
        return np.asarray(text.axes.transData.transform(text.xy), dtype=float)
    return np.asarray(text.get_transform().transform(text.get_position()), dtype=float)


def _legend_item(legend: Legend, ax: Axes | None, renderer) -> _Item | None:
    if not legend.get_visible():
        return None
    words = " | ".join(t.get_text() for t in legend.get_texts())
    return _Item("legend", words, ax, _corners(legend.get_window_extent(renderer)),
                 ax is None)


def _tick_labels(axis) -> list[Text]:
    """The tick labels the axis draws: visible, non-empty, at ticks inside the view."""
    low, high = sorted(axis.get_view_interval())
    slack = (high - low) * 1e-6
    labels = []
    for ticks, locs in ((axis.get_major_ticks(), axis.get_majorticklocs()),
                        (axis.get_minor_ticks(), axis.get_minorticklocs())):
        for tick, loc in zip(ticks, locs, strict=False):
            if low - slack <= loc <= high + slack and tick.get_visible():
                labels += [tick.label1, tick.label2]
    return labels


def _has_data(ax: Axes) -> bool:
    """Does ``ax`` show anything (an axes switched off and left empty is blank paper)?"""
    return ax.axison or bool(ax.collections or ax.lines or ax.images or ax.patches)


def _markers(fig: Figure) -> list[tuple[Axes, np.ndarray, float]]:
    """Centres and radii (pixels) of the markers of scatter-like collections."""
    found = []
    for ax in fig.axes:
        for collection in ax.collections:
            if not isinstance(collection, PathCollection) or not collection.get_visible():
                continue
            offsets = np.asarray(collection.get_offsets(), dtype=float)
            sizes = np.asarray(collection.get_sizes(), dtype=float)
            if not len(offsets) or not len(sizes):
                continue
            centres = collection.get_offset_transform().transform(offsets)
            radii = np.sqrt(np.resize(sizes, len(offsets))) * fig.dpi / 72 / 2
            found += [(ax, centre, float(radius))
                      for centre, radius in zip(centres, radii, strict=True)]
    return found


def _corners(bbox) -> np.ndarray:
    return np.array([[bbox.x0, bbox.y0], [bbox.x1, bbox.y0], [bbox.x1, bbox.y1],
                     [bbox.x0, bbox.y1]], dtype=float)


def _text_outline(text: Text, renderer) -> np.ndarray:
    """The rotated rectangle ``text`` occupies: its upright shape, rotated, moved to where the
    box around the rotated text is drawn."""
    box = Text.get_window_extent(text, renderer)  # an annotation's text, not its arrow
    angle = text.get_rotation() % 360
    if angle % 90 == 0:
        return _corners(box)
    text.set_rotation(0)
    try:
        upright = Text.get_window_extent(text, renderer)
    finally:
        text.set_rotation(angle)
    theta = np.deg2rad(angle)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    corners = _corners(upright) @ rotation.T
    return corners + (np.array([box.x0, box.y0]) - corners.min(0))


def _overlap(a: np.ndarray, b: np.ndarray) -> float:
    """How far two convex outlines overlap: the smallest overlap of their projections on
    the edge normals (separating-axis theorem); 0 when apart."""
    depth = np.inf
    for polygon in (a, b):
        edges = np.roll(polygon, -1, axis=0) - polygon
        for edge in edges:
            length = np.hypot(*edge)
            if length == 0:
                continue
            normal = np.array([-edge[1], edge[0]]) / length
            pa, pb = a @ normal, b @ normal
            depth = min(depth, min(pa.max(), pb.max()) - max(pa.min(), pb.min()))
            if depth <= 0:
                return 0.0
    return float(depth) if np.isfinite(depth) else 0.0


def _outside(outline: np.ndarray, frame: np.ndarray) -> float:
    """How far ``outline`` reaches beyond the upright rectangle ``frame``."""
    low, high = frame.min(0), frame.max(0)
    return float(max(0.0, *(low - outline.min(0)), *(outline.max(0) - high)))


def _circle_overlap(centre: np.ndarray, radius: float, outline: np.ndarray) -> float:
    """How far a circle reaches into a convex outline (0 when apart)."""
    sides = list(zip(outline, np.roll(outline, -1, axis=0), strict=True))
    turns = [(b - a)[0] * (centre - a)[1] - (b - a)[1] * (centre - a)[0] for a, b in sides]
    inside = all(t >= 0 for t in turns) or all(t <= 0 for t in turns)
    distance = min(_point_segment(centre, a, b) for a, b in sides)
    return float(radius + distance) if inside else float(max(0.0, radius - distance))


def _point_segment(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    ab = b - a
    t = 0.0 if not ab.any() else float(np.clip((p - a) @ ab / (ab @ ab), 0, 1))
    return float(np.hypot(*(p - (a + t * ab))))
