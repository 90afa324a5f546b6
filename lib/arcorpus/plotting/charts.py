"""Chart helpers for Arabic analyses; each returns the matplotlib Figure and Axes so that the
caller can style further. Every string is passed through :func:`display_text`, with
``rtl=True`` in a right-to-left figure (each label then reads as a right-to-left paragraph, even
one that begins with a Latin word, such as "FREX: درعا، نصرة").

Every helper takes ``lang``: ``"ar"`` (the default) writes the labels it makes itself (axis
labels of the kit's measures, legends, default titles) in Arabic and lays the chart out right to
left; ``"en"`` writes them in English, left to right (see :mod:`arcorpus.plotting.labels`).
Counts get whole-number ticks. Each helper lays out its text so that
:func:`arcorpus.plotting.layout_problems` finds nothing on the seed and the course corpus.
"""

from __future__ import annotations

import hashlib
import textwrap

import matplotlib.colors
import matplotlib.dates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

from .arabic import arabic_style, display_text
from .labels import MEASURES, Lang, check_lang, label, relation_name, type_name, word


def _is_rtl(lang: Lang, rtl: bool | None) -> bool:
    """Right to left when asked, else when the figure is Arabic."""
    return check_lang(lang) == "ar" if rtl is None else rtl


def _whole(values) -> bool:
    """Are all finite ``values`` whole numbers (counts)?"""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    return bool(len(values)) and bool(np.all(values == np.round(values)))


def _legend(owner, handles, *, rtl: bool, title: str | None = None, **options):
    """A legend whose labels read in the figure's direction: right to left, the marker stands
    to the right of its label and the labels are right-aligned."""
    return owner.legend(handles=handles, markerfirst=not rtl,
                        alignment="right" if rtl else "left",
                        title=display_text(title, rtl=rtl) if title else None, **options)


def _bars(ax: Axes, labels, values, *, rtl: bool, color: str) -> None:
    """Horizontal bars with text labels; right to left (labels on the right, bars growing
    leftward) when ``rtl``. Whole-number values (counts) get whole-number ticks."""
    positions = list(range(len(values)))
    ax.barh(positions, values, color=color)
    ax.set_yticks(positions, [display_text(str(name), rtl=rtl) for name in labels])
    if _whole(values):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if rtl:
        ax.invert_xaxis()
        ax.yaxis.tick_right()
        ax.spines[["left", "top"]].set_visible(False)
    else:
        ax.spines[["right", "top"]].set_visible(False)


def bar_terms(
    table: pd.DataFrame,
    *,
    term: str = "term",
    value: str = "count",
    top_n: int = 20,
    rtl: bool | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    color: str = "#4c72b0",
    lang: Lang = "ar",
) -> tuple[Figure, Axes]:
    """Horizontal bar chart of terms, the largest on top.

    Right to left (``rtl``, by default when ``lang="ar"``): the Arabic labels stand on the
    right and the bars grow leftward, as an Arabic reader expects. The x label defaults to the
    name of ``value`` in ``lang`` (``count`` -> التكرار / Count).

    Example:
        >>> fig, ax = bar_terms(term_frequencies(corpus), top_n=15)  # doctest: +SKIP
    """
    rtl = _is_rtl(lang, rtl)
    rows = table.nlargest(top_n, value).iloc[::-1] if len(table) else table
    with arabic_style():
        if ax is None:
            fig, ax = plt.subplots(figsize=(6.5, 0.32 * max(len(rows), 3) + 1.2))
        else:
            fig = ax.figure
        _bars(ax, rows[term], rows[value].to_numpy(), rtl=rtl, color=color)
        ax.set_xlabel(display_text(xlabel if xlabel is not None else label(value, lang),
                                   rtl=rtl))
        if title:
            ax.set_title(display_text(title, rtl=rtl))
        fig.tight_layout()
    return fig, ax


def _count_levels(values: np.ndarray, max_levels: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Colour levels for whole counts: one level per count when there are few (boundaries
    halfway between counts, ticks on the counts), else whole-number bins (ticks on their
    edges). Returns (boundaries, ticks)."""
    finite = values[np.isfinite(values)]
    low, high = (int(finite.min()), int(finite.max())) if len(finite) else (0, 1)
    if high - low + 1 <= max_levels:
        ticks = np.arange(low, high + 1)
        return np.arange(low, high + 2) - 0.5, ticks
    edges = MaxNLocator(nbins=max_levels - 3, steps=[1, 2, 5, 10],
                        integer=True).tick_values(low, high)
    if edges[-1] <= high:  # the largest count inside the last bin
        edges = np.append(edges, edges[-1] + (edges[-1] - edges[-2]))
    return edges, edges


def _text_widths(fig: Figure, strings: list[str], fontsize: float | None = None) -> list[float]:
    """How wide each string is drawn, in inches."""
    renderer = fig.canvas.get_renderer()
    widths = []
    for string in strings:
        text = fig.text(0, 0, string, fontsize=fontsize)
        widths.append(text.get_window_extent(renderer).width / fig.dpi)
        text.remove()
    return widths


def heatmap(
    matrix: pd.DataFrame,
    *,
    ax: Axes | None = None,
    cmap: str = "Blues",
    annotate: bool = True,
    fmt: str = "{:g}",
    rtl: bool | None = None,
    title: str | None = None,
    colorbar_label: str | None = None,
    lang: Lang = "ar",
    mask_diagonal: bool | None = None,
    rotation: float = 45,
) -> tuple[Figure, Axes]:
    """Heatmap of a matrix (e.g. actor co-occurrence) with Arabic tick labels on both axes.

    Column labels stand on top, slanted by ``rotation`` degrees away from the cells; the figure
    is sized to the labels (when ``ax`` is not given). Right to left (``rtl``, by default when
    ``lang="ar"``), the first column stands on the right, the row labels on the right and the
    colour bar on the left; column labels then slant up to the left, so that each begins at its
    column. Whole counts get discrete colour levels and whole-number colour-bar ticks. The
    diagonal of a square matrix with the same labels on both axes (an actor with itself) is
    left blank unless ``mask_diagonal=False``.

    Example:
        >>> fig, ax = heatmap(cooccurrence_matrix(edges), colorbar_label="فقرات")  # doctest: +SKIP
    """
    rtl = _is_rtl(lang, rtl)
    labels_x = [display_text(str(c), rtl=rtl) for c in matrix.columns]
    labels_y = [display_text(str(i), rtl=rtl) for i in matrix.index]
    values = matrix.to_numpy(dtype=float).copy()
    if mask_diagonal is None:
        mask_diagonal = list(matrix.index) == list(matrix.columns)
    if mask_diagonal:
        np.fill_diagonal(values, np.nan)
    counts = _whole(values)
    colours = plt.get_cmap(cmap).with_extremes(bad="#f2f2f2")
    if counts:
        boundaries, ticks = _count_levels(values)
        norm = matplotlib.colors.BoundaryNorm(boundaries, colours.N)
    else:
        norm, ticks = None, None
    with arabic_style():
        if ax is None:
            fig = plt.figure(layout="constrained")
            fig.get_layout_engine().set(w_pad=0.1, h_pad=0.1)
            ax = fig.add_subplot()
            # sized to its text: cells wide enough for the numbers, room for the labels
            cell = max(0.42, max(_text_widths(fig, [fmt.format(v) for v in values.flat
                                                    if np.isfinite(v)] or ["0"], 8)) + 0.16)
            slant = np.sin(np.deg2rad(abs(rotation))) if rotation % 180 else 1.0
            longest_x = max(_text_widths(fig, labels_x), default=0.0)
            longest_y = max(_text_widths(fig, labels_y), default=0.0)
            width = 1.3 + longest_y + cell * len(labels_x) + longest_x * np.cos(
                np.deg2rad(rotation)) * 0.8
            height = 0.7 + (0.4 if title else 0) + longest_x * slant + 0.3 + cell * 0.8 * len(
                labels_y)
            fig.set_size_inches(max(width, 4.0), max(height, 3.0))
        else:
            fig = ax.figure
        image = ax.imshow(values, cmap=colours, norm=norm, aspect="auto",
                          interpolation="nearest")
        ax.xaxis.tick_top()
        angle = rotation if not rtl else -rotation
        ax.set_xticks(range(len(labels_x)), labels_x, rotation=angle,
                      ha="right" if rtl else "left", va="bottom", rotation_mode="anchor")
        ax.set_yticks(range(len(labels_y)), labels_y)
        ax.tick_params(length=0)
        if annotate:
            middle = norm.vmin + (norm.vmax - norm.vmin) / 2 if norm is not None else \
                np.nanmin(values) + (np.nanmax(values) - np.nanmin(values)) / 2 \
                if np.isfinite(values).any() else 0
            for (i, j), value in np.ndenumerate(values):
                if np.isfinite(value):
                    ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=8,
                            color="white" if value > middle else "black")
        if rtl:
            ax.invert_xaxis()
            ax.yaxis.tick_right()
        ax.spines[:].set_visible(False)
        bar = fig.colorbar(image, ax=ax, location="left" if rtl else "right", shrink=0.8,
                           ticks=ticks, spacing="proportional", aspect=25)
        if counts:
            bar.ax.yaxis.set_major_formatter(StrMethodFormatter("{x:.0f}"))
        bar.ax.minorticks_off()
        bar.outline.set_visible(False)
        if colorbar_label:
            bar.set_label(display_text(colorbar_label, rtl=rtl))
        if title:
            ax.set_title(display_text(title, rtl=rtl))
    return fig, ax


#: one fixed colour per actor type of the gazetteer (colour-blind-safe tab20 hues), so a type
#: has the same colour in every figure, whatever the other types present
TYPE_COLORS = {
    "state_forces": "#1f77b4", "pro_government_militia": "#aec7e8", "foreign_state": "#ff7f0e",
    "foreign_militia": "#ffbb78", "jihadist": "#d62728", "islamist_armed": "#2ca02c",
    "armed_opposition": "#98df8a", "kurdish_forces": "#9467bd", "political_body": "#8c564b",
    "judicial_body": "#c49c94", "civil_body": "#17becf", "international_body": "#7f7f7f",
}


def category_color(name: str) -> str:
    """A stable colour for a category: :data:`TYPE_COLORS` for the known actor types, and for
    any other name a colour picked by a hash of the name (the same on every run and machine).

    >>> category_color("jihadist"), category_color("jihadist") == category_color("jihadist")
    ('#d62728', True)
    """
    if name in TYPE_COLORS:
        return TYPE_COLORS[name]
    spare = plt.get_cmap("tab20b").colors + plt.get_cmap("tab20c").colors
    index = int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % len(spare)
    return matplotlib.colors.to_hex(spare[index])


#: the colour of a typed edge's relation (conflict red, cooperation green, neither grey)
RELATION_COLORS = {"conflict": "#c0392b", "cooperation": "#1e8449", "neither": "#999999"}


def _separate(points: np.ndarray, radii: np.ndarray, low: np.ndarray, high: np.ndarray, *,
              gap: float, iterations: int = 300) -> np.ndarray:
    """Move markers (display pixels) apart until no two are closer than their radii plus
    ``gap``, keeping each inside [low, high]: pairwise push along the line between them,
    deterministic. Written here because networkx's layouts place points, not discs."""
    points = points.copy()
    n = len(points)
    if n < 2:
        return points
    # coincident points part along a fixed direction per pair
    fallback = np.stack([np.cos(np.arange(n)), np.sin(np.arange(n))], axis=1)
    for _ in range(iterations):
        diff = points[:, None, :] - points[None, :, :]
        dist = np.hypot(diff[..., 0], diff[..., 1])
        need = radii[:, None] + radii[None, :] + gap
        short = np.where(np.eye(n, dtype=bool), 0.0, np.maximum(0.0, need - dist))
        if short.max() <= 0.5:
            break
        unit = np.where(dist[..., None] > 1e-9, diff / np.maximum(dist, 1e-9)[..., None],
                        fallback[:, None, :] - fallback[None, :, :])
        points += (unit * (short / 2)[..., None]).sum(axis=1) * 0.5
        points = np.clip(points, low + radii[:, None], high - radii[:, None])
    return points


def _wrapped(text: str, width: int = 28, *, rtl: bool) -> str:
    """A long name on two or more lines (at spaces), each line through :func:`display_text`."""
    lines = textwrap.wrap(text, width, break_on_hyphens=False) or [text]
    return "\n".join(display_text(line, rtl=rtl) for line in lines)


def _label_spots(node: np.ndarray, radius: float, size: np.ndarray, *, rtl: bool,
                 rings: tuple[float, ...]) -> list[tuple[float, np.ndarray]]:
    """Candidate centres for a label of ``size`` (w, h) around a marker, each with a cost of
    its own: the nearer ring first, then beside the marker (left of it first in a right-to-left
    figure, where a label starts next to its node), then diagonals, then above and below."""
    spots = []
    start = np.pi if rtl else 0.0
    for ring_index, ring in enumerate(rings):
        for step in range(24):
            turn = (step + 1) // 2 * (1 if step % 2 else -1)  # 0, +1, -1, +2, -2, ...
            angle = start + turn * np.pi / 12
            unit = np.array([np.cos(angle), np.sin(angle)])
            # the label's edge, not its centre, at radius + ring from the node
            reach = np.abs(unit) * size / 2
            centre = node + unit * (radius + ring) + np.sign(np.round(unit, 6)) * reach
            spots.append((ring_index * 100 + abs(turn), centre))
    return spots


def _place_labels(boxes_wh: np.ndarray, centres: np.ndarray, radii: np.ndarray,
                  frame: tuple[np.ndarray, np.ndarray], *, rtl: bool, pad: float,
                  order: list[int]) -> tuple[np.ndarray, np.ndarray, bool]:
    """Greedy label placement (display pixels): each node in ``order`` takes the first of its
    candidate spots that touches no marker, no label already placed and stays in ``frame``;
    if none is free, the one that covers least. Returns label centres, their ring index, and
    whether some label found no free spot (``crowded``).
    Written here (a few lines) rather than taken from adjustText, whose iterative repulsion
    does not promise a free spot and moves labels by a different amount on each platform's
    text metrics."""
    low, high = frame
    placed = np.zeros((0, 4))  # (x0, y0, x1, y1) of the labels placed so far
    result = np.zeros_like(centres)
    ring_of = np.zeros(len(centres), dtype=int)
    crowded = False
    rings = tuple(pad * k * k for k in range(1, 8))
    for i in order:
        size = boxes_wh[i]
        best = None
        for cost, centre in _label_spots(centres[i], radii[i], size, rtl=rtl, rings=rings):
            box = np.concatenate([centre - size / 2, centre + size / 2])
            nearest = np.clip(centres, box[:2], box[2:])
            clash = np.maximum(0.0, radii + pad - np.hypot(*(centres - nearest).T)).sum()
            w = np.minimum(box[2], placed[:, 2]) - np.maximum(box[0], placed[:, 0]) + pad
            h = np.minimum(box[3], placed[:, 3]) - np.maximum(box[1], placed[:, 1]) + pad
            clash += np.where((w > 0) & (h > 0), np.minimum(w, h), 0.0).sum()
            clash += np.maximum(0.0, low - box[:2]).sum() + np.maximum(0.0, box[2:] - high).sum()
            score = (clash > 0, clash, cost)
            if best is None or score < best[0]:
                best = (score, centre, box, cost // 100)
            if clash == 0:
                break
        score, centre, box, ring = best
        crowded = crowded or score[0]
        placed = np.vstack([placed, box])
        result[i], ring_of[i] = centre, ring
    return result, ring_of, crowded


def network(
    graph: nx.Graph,
    *,
    ax: Axes | None = None,
    size: str | None = "mentions",
    width: str | None = "weight",
    color: str | None = "type",
    label: str | None = None,
    edge_color: str | None = None,
    random_state: int = 0,
    title: str | None = None,
    lang: Lang = "ar",
) -> tuple[Figure, Axes]:
    """Draw a network with Arabic (or English) node labels that touch neither the other
    nodes nor each other.

    Node size follows the node attribute ``size``, edge width the edge attribute ``width``,
    node colour the categorical node attribute ``color`` (with a legend naming the gazetteer's
    actor types in ``lang``, each type in its own stable colour: :func:`category_color`), and
    labels the attribute ``label`` (default: ``label``, the Arabic name, for ``lang="ar"``;
    ``name_en`` for ``lang="en"``; the node id when missing). ``edge_color="relation"`` colours
    the edges of a signed network (:func:`arcorpus.factions.actor_graph` with ``relations=``):
    conflict red, cooperation green, neither grey, with a second legend. The layout is a spring
    layout with a fixed ``random_state``, so the same graph is drawn the same way every time;
    nodes are then moved apart until their discs do not touch, and each label is put beside its
    node in the first free spot (a thin line joins a label set further out to its node). When
    some label finds no free spot, a figure the function made itself is enlarged (15 % at a
    time, up to three times) and laid out again; on an ``ax`` given, the least covered spot is
    taken.

    Example:
        >>> fig, ax = network(actor_graph(edges, mentions), lang="en")  # doctest: +SKIP
    """
    rtl = check_lang(lang) == "ar"
    names = [label] if label else (["label"] if lang == "ar" else ["name_en", "label"])
    nodes = list(graph.nodes)
    n = len(nodes)
    spread = 2.0 / max(1, n) ** 0.5  # more room between nodes than the default
    positions = nx.spring_layout(graph, seed=random_state, weight=width, k=spread)
    grow = float(np.clip((n / 16) ** 0.5, 1.0, 1.8))  # a larger canvas for a larger graph
    sizes = np.array([float(graph.nodes[v].get(size, 1)) if size else 1.0 for v in nodes])
    top = 1700 / grow ** 2
    sizes = (top / 6 + top * 5 / 6 * sizes / sizes.max() if n and sizes.max() > 0
             else np.full(n, top / 2))
    edges = list(graph.edges(data=True))
    widths = np.array([float(d.get(width, 1)) if width else 1.0 for _, _, d in edges])
    # measured from the lowest weight when some are negative (PMI, NPMI), so widths stay >= 0.5
    low = min(0.0, widths.min()) if len(widths) else 0.0
    widths = (0.5 + 5 * (widths - low) / (widths.max() - low)
              if len(widths) and widths.max() > low else 1.0)
    kinds = [str(graph.nodes[v].get(color, "")) if color else "" for v in nodes]
    palette = {kind: category_color(kind) for kind in sorted(set(kinds))}
    relations = ([str(d.get(edge_color) or "neither") for _, _, d in edges]
                 if edge_color else None)
    texts = [_wrapped(str(next((graph.nodes[v][k] for k in names
                                 if graph.nodes[v].get(k) not in (None, "")), v)), rtl=rtl)
             for v in nodes]
    with arabic_style():
        made = ax is None
        if made:
            fig, ax = plt.subplots(figsize=(8 * grow, 6.5 * grow))
        else:
            fig = ax.figure
        side = {"loc": "upper right", "bbox_to_anchor": (0.0, 1.0)} if rtl else \
            {"loc": "upper left", "bbox_to_anchor": (1.0, 1.0)}
        if color and len(palette) > 1:
            handles = [plt.Line2D([], [], marker="o", ls="", color=c,
                                  label=display_text(type_name(k, lang), rtl=rtl))
                       for k, c in palette.items()]
            types = _legend(ax, handles, rtl=rtl, title=word("actor_type", lang), fontsize=8,
                            frameon=False, **side)
            ax.add_artist(types)  # kept when the relation legend is added
            types.set_clip_on(False)  # an added artist is clipped to the axes otherwise
        if relations:
            shown = [r for r in RELATION_COLORS if r in relations] + sorted(
                set(relations) - set(RELATION_COLORS))
            handles = [plt.Line2D([], [], color=RELATION_COLORS.get(r, "#555555"), lw=2.5,
                                  label=display_text(relation_name(r, lang), rtl=rtl))
                       for r in shown]
            _legend(ax, handles, rtl=rtl, title=word("relation", lang), fontsize=8,
                    frameon=False, loc="lower right" if rtl else "lower left",
                    bbox_to_anchor=(0.0, 0.0) if rtl else (1.0, 0.0))
        if title:
            ax.set_title(display_text(title, rtl=rtl))
        ax.set_axis_off()
        xy = np.array([positions[v] for v in nodes]) if n else np.zeros((0, 2))
        ax.set_xlim(-1.08, 1.08)
        ax.set_ylim(-1.08, 1.08)
        renderer = fig.canvas.get_renderer()
        probe = [ax.text(0, 0, t, fontsize=9, linespacing=0.85) for t in texts]
        pad = 3 * fig.dpi / 72
        boxes = np.array([[e.width, e.height] for e in
                          (t.get_window_extent(renderer) for t in probe)]).reshape(-1, 2) \
            + 2 * pad
        for t in probe:
            t.remove()
        radii = np.sqrt(sizes) / 2 * fig.dpi / 72
        # nodes apart by a label's height at least, so that a label fits between two
        line_height = float(np.median(boxes[:, 1])) if n else 0.0
        order = sorted(range(n), key=lambda i: (-sizes[i], texts[i]))
        for attempt in range(4):
            if made:
                fig.tight_layout()
            # in display pixels from here on: the axes' frame is fixed
            to_px = ax.transData
            frame = ax.get_window_extent()
            low, high = np.array([frame.x0, frame.y0]), np.array([frame.x1, frame.y1])
            px = _separate(to_px.transform(xy), radii, low + pad, high - pad,
                           gap=max(2 * pad, 2.5 * line_height)) if n else xy
            spots, rings, crowded = _place_labels(boxes, px, radii, (low, high), rtl=rtl,
                                                  pad=pad, order=order)
            if not crowded or not made or attempt == 3:
                break
            # some label found no free spot: a larger canvas for the same text (a figure
            # whose labels all fit is drawn as before)
            fig.set_size_inches(fig.get_size_inches() * 1.15)
        xy = to_px.inverted().transform(px) if n else xy
        positions = {v: tuple(p) for v, p in zip(nodes, xy, strict=True)}
        nx.draw_networkx_edges(graph, positions, ax=ax, width=widths,
                               alpha=0.6 if relations else 0.45,
                               edge_color=[RELATION_COLORS.get(r, "#555555") for r in relations]
                               if relations else "#555555")
        nx.draw_networkx_nodes(graph, positions, ax=ax, node_size=sizes,
                               node_color=[palette[k] for k in kinds], alpha=0.9)
        ax.set_axis_off()
        points = 72 / fig.dpi
        for i, v in enumerate(nodes):
            offset = (spots[i] - px[i]) * points
            line = {"arrowstyle": "-", "color": palette[kinds[i]], "lw": 0.9, "ls": ":",
                    "shrinkA": 0, "shrinkB": radii[i] * points} if rings[i] > 0 else None
            ax.annotate(texts[i], xy=positions[v], xytext=tuple(offset),
                        textcoords="offset points", ha="center", va="center", fontsize=9,
                        linespacing=0.85, arrowprops=line,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "alpha": 0.75,
                              "lw": 0})
    return fig, ax


def histogram(
    table: pd.DataFrame,
    column: str,
    *,
    by: str | None = None,
    bins: int | str = "auto",
    max_bins: int = 40,
    clip: float | None = 0.99,
    n_cols: int = 4,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    color: str = "#4c72b0",
    lang: Lang = "ar",
) -> tuple[Figure, np.ndarray]:
    """The distribution of a numeric column: one histogram, or one panel per value of ``by``
    (small multiples on the same bins and axes, panels ordered by size), whatever the number of
    rows: 12 paragraphs or 200,000. Counts get whole-number ticks. Values above the ``clip``
    quantile are counted in the last bar (the x label says from where), so that a long tail does
    not squash the rest; ``clip=None`` draws the whole range. Axis labels default to the names
    of ``column`` and of a count in ``lang``.

    >>> fig, axes = histogram(pd.DataFrame({"words": [3, 5, 8, 8]}), "words")
    >>> axes.shape
    (1, 1)
    """
    rtl = _is_rtl(lang, None)
    xlabel = xlabel or label(column, lang)
    ylabel = ylabel if ylabel is not None else label("count", lang)
    values = table[column].to_numpy(dtype=float)
    # a tail is clipped only when there is one to speak of (a few hundred values or more)
    top = float(np.ceil(np.quantile(values, clip))) if clip is not None and \
        len(values) >= 200 else None
    if top is not None and top < values.max():
        values = np.minimum(values, top)
        table = table.assign(**{column: values})
        xlabel = word("last_bin", lang, label=xlabel, top=f"{top:g}")
    edges = np.histogram_bin_edges(values, bins=bins) if len(values) else np.array([0.0, 1.0])
    if len(edges) - 1 > max_bins:
        edges = np.linspace(edges[0], edges[-1], max_bins + 1)
    groups = ([(None, values)] if by is None else
              [(name, table.loc[rows.index, column].to_numpy(dtype=float))
               for name, rows in sorted(table.groupby(by), key=lambda g: (-len(g[1]), str(g[0])))])
    cols = min(n_cols, len(groups))
    n_rows = -(-len(groups) // cols)
    size = (5.5, 3.2) if len(groups) == 1 else (2.6 * cols + 1.2, 2.1 * n_rows + 0.9)
    with arabic_style():
        fig, axes = plt.subplots(n_rows, cols, figsize=size, squeeze=False, sharex=True)
        for ax, (name, part) in zip(axes.flat, groups, strict=False):
            ax.hist(part, bins=edges, color=color)
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
            ax.spines[["right", "top"]].set_visible(False)
            if name is not None:
                ax.set_title(display_text(f"{name} ({len(part):,})", rtl=rtl), fontsize=9)
        for ax in list(axes.flat)[len(groups):]:
            ax.set_axis_off()
        if len(groups) == 1:  # one panel: its own axis labels and title
            axes[0, 0].set_xlabel(display_text(xlabel, rtl=rtl))
            axes[0, 0].set_ylabel(display_text(ylabel, rtl=rtl))
            if title:
                axes[0, 0].set_title(display_text(title, rtl=rtl))
        else:
            fig.supxlabel(display_text(xlabel, rtl=rtl), fontsize=10)
            if ylabel:
                fig.supylabel(display_text(ylabel, rtl=rtl), fontsize=10)
            if title:
                fig.suptitle(display_text(title, rtl=rtl))
        fig.tight_layout()
    return fig, axes


#: the widest caption line under a topic's bars (characters), as the document's lines
CAPTION_CHARS = 48
_TERM_CHARS = 16


def _short(word: str) -> str:
    """A term cut to :data:`_TERM_CHARS` characters with an ellipsis (hashtags such as
    #ان_لم_تتغير_عاداتك_فلن_تتغير_فوائدك are terms of social-media text)."""
    return word if len(word) <= _TERM_CHARS else word[:_TERM_CHARS - 1] + "…"


def _caption(labels: dict[str, pd.DataFrame], documents: pd.DataFrame | None, key, *,
             topic: str, term: str, n_label_terms: int, doc_chars: int,
             rtl: bool) -> list[str]:
    """Lines under a topic's bars: its top terms by each other measure, and the opening of its
    most representative document (each line through :func:`display_text`, a right-to-left
    paragraph when ``rtl``: "FREX: درعا، نصرة" then starts at the right)."""
    lines = []
    for caption, frame in labels.items():
        rows = frame[frame[topic] == key]
        if "rank" in rows.columns:
            rows = rows.sort_values("rank")
        words = [_short(w) for w in rows[term].head(n_label_terms).astype(str)]
        while len(words) > 1 and len(f"{caption}: " + "، ".join(words)) > CAPTION_CHARS:
            words.pop()  # a line wider than its panel runs into the next one
        lines.append(display_text(f"{caption}: " + "، ".join(words), rtl=rtl))
    if documents is not None:
        rows = documents[documents[topic] == key]
        if len(rows):
            text = " ".join(str(rows.sort_values("share", ascending=False)["text"].iloc[0])
                            .split())
            text = text if len(text) <= doc_chars else text[:doc_chars].rsplit(" ", 1)[0] + " …"
            lines += [display_text(line, rtl=rtl) for line in textwrap.wrap(f"«{text}»",
                                                                          CAPTION_CHARS)]
    return lines


def topic_grid(
    table,
    *,
    topic: str = "topic",
    term: str = "term",
    weight: str = "weight",
    top_n: int = 8,
    n_cols: int = 3,
    titles: dict | None = None,
    labels: dict[str, pd.DataFrame] | None = None,
    documents: pd.DataFrame | None = None,
    n_label_terms: int = 5,
    doc_chars: int = 110,
    lang: Lang = "ar",
) -> tuple[Figure, np.ndarray]:
    """Small multiples: the top terms of each topic as bar charts (right to left when
    ``lang="ar"``), and under the bars its top terms by other measures and its most
    representative document.

    ``table`` is long: one row per (topic, term) with a weight; ``titles`` maps a topic to a
    label (a topic without one is called الموضوع N, or Topic N with ``lang="en"``). ``labels``
    maps a caption to a term table ranked by another measure (e.g. ``{"FREX":
    model.term_table(by="frex")}``), shown as a line of its top ``n_label_terms`` terms;
    ``documents`` (:func:`~arcorpus.topics.representative_units`) adds the opening of each
    topic's first document.

    Given a fitted :class:`~arcorpus.topics.TopicModel`, the grid shows all three: probability
    (bars), FREX and lift (lines, captioned in ``lang``), and each topic's most representative
    unit.

    Example:
        >>> fig, axes = topic_grid(model)  # doctest: +SKIP
    """
    if hasattr(table, "topic_terms"):  # a fitted TopicModel
        from ..topics import representative_units

        model = table
        table = model.topic_terms
        if labels is None:
            labels = {word("frex", lang): model.term_table(top_n=n_label_terms, by="frex"),
                      word("lift", lang): model.term_table(top_n=n_label_terms, by="lift")}
        if documents is None:
            documents = representative_units(model, n=1)
    labels = labels or {}
    rtl = _is_rtl(lang, None)
    topics = list(dict.fromkeys(table[topic]))
    n_rows = max(1, -(-len(topics) // n_cols))
    captions = {key: _caption(labels, documents, key, topic=topic, term=term,
                              n_label_terms=n_label_terms, doc_chars=doc_chars, rtl=rtl)
                for key in topics}
    extra = max((len(c) for c in captions.values()), default=0)
    with arabic_style():
        fig, axes = plt.subplots(n_rows, n_cols, squeeze=False, figsize=(
            3.4 * n_cols, (0.32 * top_n + 0.17 * extra + 0.9) * n_rows + 0.2))
        for ax, key in zip(axes.flat, topics, strict=False):
            rows = table[table[topic] == key].nlargest(top_n, weight).iloc[::-1]
            _bars(ax, rows[term], rows[weight].to_numpy(), rtl=rtl, color="#4c72b0")
            ax.tick_params(axis="x", labelsize=7)
            name = (titles or {}).get(key, word("topic", lang, key=key))
            ax.set_title(display_text(str(name), rtl=rtl), fontsize=10)
            if captions[key]:
                ax.set_xlabel("\n".join(captions[key]), fontsize=7,
                              loc="right" if rtl else "left")
        for ax in list(axes.flat)[len(topics):]:
            ax.set_axis_off()
        fig.tight_layout()
    return fig, axes


def prevalence_plot(
    table: pd.DataFrame,
    *,
    x: str = "date",
    series: str | None = "source",
    topic: str = "topic",
    estimate: str = "estimate",
    lower: str = "lower",
    upper: str = "upper",
    titles: dict | None = None,
    n_cols: int = 3,
    ylabel: str | None = None,
    lang: Lang = "ar",
) -> tuple[Figure, np.ndarray]:
    """Topic prevalence against ``x`` (e.g. time), one line per ``series`` (e.g. source) with its
    interval as a band, one panel per topic: the predictions of
    :meth:`arcorpus.topics.TopicEffects.predict`. The y label defaults to "expected topic
    share" in ``lang``, a topic without a title is called الموضوع N (Topic N), and the legend of
    the series reads right to left when ``lang="ar"``. Dates are labelled with numbers only.

    Example:
        >>> effects = topic_effects(model, formula="~ source * bs(day, df=4)")  # doctest: +SKIP
        >>> fig, axes = prevalence_plot(effects.predict(topics=[3, 7]))  # doctest: +SKIP
    """
    rtl = _is_rtl(lang, None)
    ylabel = ylabel if ylabel is not None else label("expected_share", lang)
    topics = list(dict.fromkeys(table[topic]))
    n_cols = min(n_cols, max(1, len(topics)))
    n_rows = max(1, -(-len(topics) // n_cols))
    groups = sorted(table[series].unique(), key=str) if series else [None]
    colors = {g: plt.get_cmap("tab10")(i % 10) for i, g in enumerate(groups)}
    with arabic_style():
        fig, axes = plt.subplots(n_rows, n_cols, figsize=(4.2 * n_cols, 3.0 * n_rows + 0.3),
                                 squeeze=False, sharex=True, layout="constrained")
        for ax, key in zip(axes.flat, topics, strict=False):
            rows = table[table[topic] == key]
            for group in groups:
                part = rows if group is None else rows[rows[series] == group]
                part = part.sort_values(x)
                name = None if group is None else display_text(str(group), rtl=rtl)
                ax.plot(part[x], part[estimate], color=colors[group], label=name, lw=1.5)
                if lower in part.columns and upper in part.columns:
                    ax.fill_between(part[x], part[lower], part[upper], color=colors[group],
                                    alpha=0.18, lw=0)
            ax.set_title(display_text(str((titles or {}).get(
                key, word("topic", lang, key=key))), rtl=rtl), fontsize=10)
            ax.set_ylabel(display_text(ylabel, rtl=rtl), fontsize=8)
            ax.spines[["right", "top"]].set_visible(False)
            ax.tick_params(labelsize=7)
        for ax in list(axes.flat)[len(topics):]:
            ax.set_axis_off()
        if series and len(groups) > 1:
            handles, names = axes.flat[0].get_legend_handles_labels()
            columns = min(len(groups), 6)
            if rtl:
                handles, names = _rtl_order(handles, columns), _rtl_order(names, columns)
            # above the panels, in the room the layout engine makes for it
            fig.legend(handles, names, loc="outside upper center", ncols=columns,
                       fontsize=8, frameon=False, markerfirst=not rtl)
        if pd.api.types.is_datetime64_any_dtype(table[x]):
            _date_axis(axes.flat[0], table[x])
        fig.autofmt_xdate()
    return fig, axes


def _rtl_order(items: list, columns: int) -> list:
    """``items`` reordered so that a legend of ``columns`` columns reads right to left: the
    first items in the rightmost column. (A legend fills its columns top to bottom, left to
    right, in blocks of ``numpy.array_split`` sizes.)"""
    sizes = [len(block) for block in np.array_split(np.arange(len(items)), columns)]
    blocks, start = [], 0
    for size in reversed(sizes):  # reading order: the rightmost column first
        blocks.append(items[start:start + size])
        start += size
    return [item for block in reversed(blocks) for item in block]


def _date_axis(ax: Axes, values: pd.Series) -> None:
    """Dates on ``ax``'s x axis as numbers only (no month names: one language per figure):
    month-day within a year, year-month over longer spans."""
    span = (values.max() - values.min()) if len(values) else pd.Timedelta(0)
    ax.xaxis.set_major_locator(matplotlib.dates.AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter(
        "%Y-%m" if span > pd.Timedelta(days=300) else "%m-%d"))


def time_series(
    frame: pd.DataFrame,
    *,
    x: str = "date",
    y: str = "value",
    series: str = "series",
    lower: str | None = None,
    upper: str | None = None,
    integer: bool | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    lang: Lang = "ar",
) -> tuple[Figure, Axes]:
    """Lines over time, one per ``series`` (e.g. an actor), with a legend beside the axes (read
    right to left when ``lang="ar"``), and a shaded band from ``lower`` to ``upper`` around each
    line when given (a confidence interval: a period with few articles shows a wide band).

    Time runs left to right; dates are labelled with numbers only (``07-21``, or ``2015-07``
    over long spans), so an Arabic figure has no English month names. The y label defaults to
    the name of ``y`` in ``lang``. Whole-number values (counts) get whole-number ticks on the y
    axis (``integer=True`` forces them, ``False`` never). The legend is left out for a single
    series.

    Example:
        >>> frame = pd.DataFrame({"date": pd.to_datetime(["2015-07-20", "2015-07-27"] * 2),
        ...                       "series": ["داعش"] * 2 + ["إيران"] * 2,
        ...                       "value": [3, 5, 8, 2], "low": [1, 2, 5, 0],
        ...                       "high": [6, 9, 12, 5]})
        >>> fig, ax = time_series(frame, lower="low", upper="high", integer=True)
        >>> len(ax.collections), len(ax.get_legend().get_texts())
        (2, 2)
        >>> plt.close(fig)
    """
    if (lower is None) != (upper is None):
        raise ValueError("give both lower and upper (the band's edges), or neither")
    rtl = _is_rtl(lang, None)
    with arabic_style():
        if ax is None:
            fig, ax = plt.subplots(figsize=(7, 3.5))
        else:
            fig = ax.figure
        groups = list(frame.sort_values(x).groupby(series, sort=True))
        for name, rows in groups:
            (line,) = ax.plot(rows[x], rows[y], marker="o", markersize=3.5,
                              label=display_text(str(name), rtl=rtl))
            if lower is not None:
                ax.fill_between(rows[x], rows[lower], rows[upper], color=line.get_color(),
                                alpha=0.18, linewidth=0)
        if len(groups) > 1:  # beside the axes: inside, the legend hid lines and bands (even
            # at loc="best": four series with bands leave it no free corner on SaudiNewsNet)
            ax.legend(frameon=False, fontsize=8 if len(groups) > 4 else 9,
                      markerfirst=not rtl, alignment="right" if rtl else "left",
                      loc="upper left", bbox_to_anchor=(1.01, 1.0))
        if pd.api.types.is_datetime64_any_dtype(frame[x]):
            _date_axis(ax, frame[x])
        if integer or (integer is None and _whole(frame[y])):
            ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))
        if xlabel:
            ax.set_xlabel(display_text(xlabel, rtl=rtl))
        ax.set_ylabel(display_text(ylabel if ylabel is not None else label(y, lang), rtl=rtl))
        if title:
            ax.set_title(display_text(title, rtl=rtl))
        ax.spines[["right", "top"]].set_visible(False)
        fig.autofmt_xdate()
        fig.tight_layout()
    return fig, ax


def dispersion_plot(
    positions: pd.DataFrame,
    *,
    row: str = "doc_id",
    x: str = "position",
    term: str = "term",
    max_rows: int = 30,
    rtl: bool | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    color: str = "#4c72b0",
    lang: Lang = "ar",
) -> tuple[Figure, np.ndarray]:
    """A dispersion plot (quanteda's ``textplot_xray``): one tick for every occurrence of a
    term, one line per ``row`` (an article, a source, a period), one panel per term.

    ``positions`` is :func:`arcorpus.terms.term_positions` output (or any table with ``term``,
    ``row`` and ``x`` columns). With ``x="position"`` (0 = the start of the article, 1 = its
    end) and ``rtl`` (by default when ``lang="ar"``) the axis runs right to left, as the text
    does, and the row labels stand on the right; with ``x="date"`` time runs left to right.
    The x label defaults to the name of ``x`` in ``lang``. When there are more rows
    than ``max_rows``, the ``max_rows`` with the most occurrences are drawn (the caller should
    say so); rows are in sorted order.

    Example:
        >>> table = pd.DataFrame({"term": ["داعش", "داعش", "إيران"], "doc_id": ["a", "b", "a"],
        ...                       "position": [0.1, 0.5, 0.9]})
        >>> fig, axes = dispersion_plot(table)
        >>> axes.shape, bool(axes[0].xaxis_inverted())
        ((2,), True)
        >>> plt.close(fig)
    """
    rtl = _is_rtl(lang, rtl)
    if positions.empty:
        raise ValueError("no occurrence to plot: the table of positions is empty")
    missing = {term, row, x} - set(positions.columns)
    if missing:
        raise ValueError(f"positions needs the columns {sorted(missing)}; it has "
                         f"{list(positions.columns)}")
    if isinstance(positions[x].dtype, pd.DatetimeTZDtype):  # matplotlib wants naive dates
        positions = positions.assign(**{x: positions[x].dt.tz_convert("UTC").dt.tz_localize(None)})
    terms = list(dict.fromkeys(positions[term]))
    counts = positions[row].value_counts()
    rows = sorted(counts.sort_index(kind="stable").sort_values(
        ascending=False, kind="stable").index[:max_rows])
    where = {value: k for k, value in enumerate(rows)}
    is_date = pd.api.types.is_datetime64_any_dtype(positions[x])
    with arabic_style():
        # a row as tall as a label (0.24 in), the panel's title and the axis below on top
        fig, axes = plt.subplots(len(terms), 1, squeeze=False, sharex=True, layout="constrained",
                                 figsize=(7, 0.8 + 0.35 * bool(title) + len(terms) * (
                                     0.4 + 0.24 * len(rows))))
        axes = axes[:, 0]
        for ax, name in zip(axes, terms, strict=True):
            part = positions[(positions[term] == name) & positions[row].isin(where)]
            ax.scatter(part[x], part[row].map(where), marker="|", s=90, color=color,
                       alpha=0.7, linewidths=1.2)
            ax.set_yticks(range(len(rows)), [display_text(str(r), rtl=rtl) for r in rows],
                          fontsize=8)
            ax.set_ylim(len(rows) - 0.5, -0.5)
            ax.set_title(display_text(f"{name} ({len(positions[positions[term] == name]):,})",
                                      rtl=rtl), fontsize=10)
            if rtl:
                ax.yaxis.tick_right()
            ax.spines[["left" if rtl else "right", "top"]].set_visible(False)
        if is_date:
            _date_axis(axes[-1], positions[x])
            fig.autofmt_xdate()
        elif x == "position":
            axes[-1].set_xlim(*((1, 0) if rtl else (0, 1)))
        elif rtl:
            axes[-1].invert_xaxis()
        xlabel = xlabel if xlabel is not None else label(x, lang) if x in MEASURES else None
        if xlabel:
            axes[-1].set_xlabel(display_text(xlabel, rtl=rtl))
        if title:
            fig.suptitle(display_text(title, rtl=rtl))
    return fig, axes


#: How each model-selection criterion reads: its English label and whether higher is better
#: (labels in every language: :data:`arcorpus.plotting.labels.WORDS`).
SELECTION_CRITERIA = {
    "coherence_npmi": ("Coherence (NPMI)", True),
    "coherence_umass": ("Coherence (UMass)", True),
    "perplexity": ("Held-out perplexity", False),
    "stability": ("Stability across seeds", True),
}


def model_selection(
    table: pd.DataFrame,
    *,
    k: str = "k",
    criteria: list[str] | None = None,
    labels: dict[str, str] | None = None,
    lang: Lang = "ar",
) -> tuple[Figure, np.ndarray]:
    """The criteria of :func:`arcorpus.topics.select_k` against K, one panel each, with the
    direction that is better written in the panel and the best K ringed.

    ``criteria`` defaults to the columns of ``SELECTION_CRITERIA`` present with any value (an
    NMF table has no perplexity); panel titles and axis labels are in ``lang``; ``labels``
    overrides panel titles.

    Example:
        >>> table = pd.DataFrame({"k": [2, 3], "coherence_npmi": [0.1, 0.2],
        ...                       "stability": [0.9, 0.7]})
        >>> fig, axes = model_selection(table, lang="en")
        >>> [ax.get_title() for ax in axes]
        ['Coherence (NPMI)', 'Stability across seeds']
        >>> plt.close(fig)
    """
    if criteria is None:
        criteria = [c for c in SELECTION_CRITERIA
                    if c in table.columns and table[c].notna().any()]
    if not criteria:
        raise ValueError(f"no criterion to plot: the table has columns {list(table.columns)}")
    rtl = _is_rtl(lang, None)
    rows = table.sort_values(k)
    with arabic_style():
        fig, axes = plt.subplots(1, len(criteria), figsize=(2.9 * len(criteria), 2.8),
                                 squeeze=False)
        axes = axes[0]
        for ax, column in zip(axes, criteria, strict=True):
            title, higher = SELECTION_CRITERIA.get(column, (column, True))
            if column in SELECTION_CRITERIA:
                title = word(column, lang)
            title = (labels or {}).get(column, title)
            values = rows[column].to_numpy(dtype=float)
            ax.plot(rows[k], values, marker="o", color="#4c72b0")
            if np.isfinite(values).any():
                best = int(np.nanargmax(values) if higher else np.nanargmin(values))
                ax.plot(rows[k].iloc[best], values[best], marker="o", markersize=12,
                        markerfacecolor="none", markeredgecolor="#c44e52", markeredgewidth=1.5)
            ax.set_title(display_text(title, rtl=rtl), fontsize=10)
            better = word("higher" if higher else "lower", lang)
            ax.set_xlabel(display_text(word("k_axis", lang, better=better), rtl=rtl))
            ax.set_xticks(rows[k].tolist())
            ax.spines[["right", "top"]].set_visible(False)
        fig.tight_layout()
    return fig, axes
