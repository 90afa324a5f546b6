"""Chart helpers for Arabic analyses; each returns the matplotlib Figure and Axes so that the
caller can style further. Every string is passed through :func:`display_text`."""

from __future__ import annotations

import hashlib

import matplotlib.colors
import matplotlib.dates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .arabic import arabic_style, display_text


def _bars(ax: Axes, labels, values, *, rtl: bool, color: str) -> None:
    """Horizontal bars with text labels; right to left (labels on the right, bars growing
    leftward) when ``rtl``."""
    positions = list(range(len(values)))
    ax.barh(positions, values, color=color)
    ax.set_yticks(positions, [display_text(str(label)) for label in labels])
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
    rtl: bool = True,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    color: str = "#4c72b0",
) -> tuple[Figure, Axes]:
    """Horizontal bar chart of terms, the largest on top.

    With ``rtl=True`` the Arabic labels stand on the right and the bars grow leftward, as an
    Arabic reader expects.

    Example:
        >>> fig, ax = bar_terms(term_frequencies(corpus), top_n=15)  # doctest: +SKIP
    """
    rows = table.nlargest(top_n, value).iloc[::-1] if len(table) else table
    with arabic_style():
        if ax is None:
            fig, ax = plt.subplots(figsize=(6.5, 0.32 * max(len(rows), 3) + 1.2))
        else:
            fig = ax.figure
        _bars(ax, rows[term], rows[value].to_numpy(), rtl=rtl, color=color)
        ax.set_xlabel(display_text(xlabel if xlabel is not None else value))
        if title:
            ax.set_title(display_text(title))
        fig.tight_layout()
    return fig, ax


def heatmap(
    matrix: pd.DataFrame,
    *,
    ax: Axes | None = None,
    cmap: str = "Blues",
    annotate: bool = True,
    fmt: str = "{:g}",
    rtl: bool = True,
    title: str | None = None,
    colorbar_label: str | None = None,
) -> tuple[Figure, Axes]:
    """Heatmap of a matrix (e.g. actor co-occurrence) with Arabic tick labels on both axes.

    With ``rtl=True`` the first column stands on the right and the row labels on the right.
    """
    labels_x = [display_text(str(c)) for c in matrix.columns]
    labels_y = [display_text(str(i)) for i in matrix.index]
    values = matrix.to_numpy(dtype=float)
    with arabic_style():
        if ax is None:
            fig, ax = plt.subplots(figsize=(1.0 + 0.6 * len(labels_x), 0.8 + 0.45 * len(labels_y)))
        else:
            fig = ax.figure
        image = ax.imshow(values, cmap=cmap, aspect="auto")
        ax.set_xticks(range(len(labels_x)), labels_x, rotation=45,
                      ha="left" if rtl else "right", rotation_mode="anchor")
        ax.set_yticks(range(len(labels_y)), labels_y)
        if annotate:
            top = values.max() if values.size else 0
            for (i, j), value in np.ndenumerate(values):
                ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=8,
                        color="white" if top and value > top / 2 else "black")
        if rtl:
            ax.invert_xaxis()
            ax.yaxis.tick_right()
        bar = fig.colorbar(image, ax=ax, location="left" if rtl else "right", shrink=0.8)
        if colorbar_label:
            bar.set_label(display_text(colorbar_label))
        if title:
            ax.set_title(display_text(title))
        fig.tight_layout()
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


#: edge colours and Arabic legend labels of a signed network's relations
RELATION_COLORS = {"conflict": "#c0392b", "cooperation": "#1e8449", "neither": "#999999"}
RELATION_LABELS = {"conflict": "صراع", "cooperation": "تعاون", "neither": "دون علاقة"}


def network(
    graph: nx.Graph,
    *,
    ax: Axes | None = None,
    size: str | None = "mentions",
    width: str | None = "weight",
    color: str | None = "type",
    label: str | None = "label",
    edge_color: str | None = None,
    random_state: int = 0,
    title: str | None = None,
) -> tuple[Figure, Axes]:
    """Draw a network with Arabic node labels.

    Node size follows the node attribute ``size``, edge width the edge attribute ``width``,
    node colour the categorical node attribute ``color`` (with a legend), and labels the
    attribute ``label`` (the node id when missing). ``edge_color="relation"`` colours the edges
    of a signed network (:func:`arcorpus.factions.actor_graph` with ``relations=``): conflict
    red, cooperation green, neither grey, with a legend. The layout is a spring layout with a
    fixed ``random_state``, so the same graph is drawn the same way every time.
    """
    nodes = list(graph.nodes)
    spread = 2.0 / max(1, len(nodes)) ** 0.5  # more room between nodes than the default
    positions = nx.spring_layout(graph, seed=random_state, weight=width, k=spread)
    sizes = np.array([float(graph.nodes[n].get(size, 1)) if size else 1.0 for n in nodes])
    sizes = 300 + 1700 * sizes / sizes.max() if len(sizes) and sizes.max() > 0 else 600
    widths = np.array([float(d.get(width, 1)) if width else 1.0
                       for _, _, d in graph.edges(data=True)])
    # measured from the lowest weight when some are negative (PMI, NPMI), so widths stay >= 0.5
    low = min(0.0, widths.min()) if len(widths) else 0.0
    widths = (0.5 + 5 * (widths - low) / (widths.max() - low)
              if len(widths) and widths.max() > low else 1.0)
    kinds = [str(graph.nodes[n].get(color, "")) if color else "" for n in nodes]
    palette = {kind: category_color(kind) for kind in sorted(set(kinds))}
    with arabic_style():
        if ax is None:
            fig, ax = plt.subplots(figsize=(8, 6.5))
        else:
            fig = ax.figure
        relations = [str(d.get(edge_color, "neither")) for _, _, d in graph.edges(data=True)] \
            if edge_color else []
        nx.draw_networkx_edges(graph, positions, ax=ax, width=widths,
                               alpha=0.7 if edge_color else 0.45,
                               edge_color=[RELATION_COLORS.get(r, "#555555") for r in relations]
                               if edge_color else "#555555")
        nx.draw_networkx_nodes(graph, positions, ax=ax, node_size=sizes,
                               node_color=[palette[k] for k in kinds], alpha=0.9)
        for node in nodes:
            x, y = positions[node]
            text = str(graph.nodes[node].get(label, node)) if label else str(node)
            ax.text(x, y, display_text(text), ha="center", va="center", fontsize=9,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "alpha": 0.7, "lw": 0})
        several_kinds = bool(color) and len(palette) > 1
        if several_kinds or edge_color:
            handles = [plt.Line2D([], [], marker="o", ls="", color=c, label=display_text(k))
                       for k, c in palette.items()] if several_kinds else []
            handles += [plt.Line2D([], [], color=RELATION_COLORS[r], lw=2,
                                   label=display_text(RELATION_LABELS[r]))
                        for r in RELATION_COLORS if r in set(relations)]
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8,
                      frameon=False)
        if title:
            ax.set_title(display_text(title))
        ax.set_axis_off()
        ax.margins(0.12)  # keep labels of outer nodes inside the axes
        fig.tight_layout()
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
) -> tuple[Figure, np.ndarray]:
    """The distribution of a numeric column: one histogram, or one panel per value of ``by``
    (small multiples on the same bins and axes, panels ordered by size), whatever the number of
    rows: 12 paragraphs or 200,000. Counts get whole-number ticks. Values above the ``clip``
    quantile are counted in the last bar (the x label says from where), so that a long tail does
    not squash the rest; ``clip=None`` draws the whole range.

    >>> fig, axes = histogram(pd.DataFrame({"words": [3, 5, 8, 8]}), "words")
    >>> axes.shape
    (1, 1)
    """
    values = table[column].to_numpy(dtype=float)
    # a tail is clipped only when there is one to speak of (a few hundred values or more)
    top = float(np.ceil(np.quantile(values, clip))) if clip is not None and \
        len(values) >= 200 else None
    if top is not None and top < values.max():
        values = np.minimum(values, top)
        table = table.assign(**{column: values})
        xlabel = f"{xlabel or column} (العمود الأخير: {top:g} فأكثر)"
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
                ax.set_title(display_text(f"{name} ({len(part):,})"), fontsize=9)
        for ax in list(axes.flat)[len(groups):]:
            ax.set_axis_off()
        if len(groups) == 1:  # one panel: its own axis labels and title
            axes[0, 0].set_xlabel(display_text(xlabel or column))
            axes[0, 0].set_ylabel(display_text(ylabel or ""))
            if title:
                axes[0, 0].set_title(display_text(title))
        else:
            fig.supxlabel(display_text(xlabel or column), fontsize=10)
            if ylabel:
                fig.supylabel(display_text(ylabel), fontsize=10)
            if title:
                fig.suptitle(display_text(title))
        fig.tight_layout()
    return fig, axes


def _caption(labels: dict[str, pd.DataFrame], documents: pd.DataFrame | None, key, *,
             topic: str, term: str, n_label_terms: int, doc_chars: int) -> list[str]:
    """Lines under a topic's bars: its top terms by each other measure, and the opening of its
    most representative document (each line through :func:`display_text`)."""
    import textwrap

    lines = []
    for caption, frame in labels.items():
        rows = frame[frame[topic] == key]
        if "rank" in rows.columns:
            rows = rows.sort_values("rank")
        words = rows[term].head(n_label_terms).astype(str).tolist()
        lines.append(display_text(f"{caption}: " + "، ".join(words)))
    if documents is not None:
        rows = documents[documents[topic] == key]
        if len(rows):
            text = " ".join(str(rows.sort_values("share", ascending=False)["text"].iloc[0])
                            .split())
            text = text if len(text) <= doc_chars else text[:doc_chars].rsplit(" ", 1)[0] + " …"
            lines += [display_text(line) for line in textwrap.wrap(f"«{text}»", 48)]
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
) -> tuple[Figure, np.ndarray]:
    """Small multiples: the top terms of each topic as right-to-left bar charts, and under the
    bars its top terms by other measures and its most representative document.

    ``table`` is long: one row per (topic, term) with a weight; ``titles`` maps a topic to a
    label (Arabic, English or both). ``labels`` maps a caption to a term table ranked by another
    measure (e.g. ``{"FREX": model.term_table(by="frex")}``), shown as a line of its top
    ``n_label_terms`` terms; ``documents`` (:func:`~arcorpus.topics.representative_units`) adds
    the opening of each topic's first document.

    Given a fitted :class:`~arcorpus.topics.TopicModel`, the grid shows all three: probability
    (bars), FREX and lift (lines), and each topic's most representative unit.

    Example:
        >>> fig, axes = topic_grid(model)  # doctest: +SKIP
    """
    if hasattr(table, "topic_terms"):  # a fitted TopicModel
        from ..topics import representative_units

        model = table
        table = model.topic_terms
        if labels is None:
            labels = {"FREX": model.term_table(top_n=n_label_terms, by="frex"),
                      "Lift": model.term_table(top_n=n_label_terms, by="lift")}
        if documents is None:
            documents = representative_units(model, n=1)
    labels = labels or {}
    topics = list(dict.fromkeys(table[topic]))
    n_rows = max(1, -(-len(topics) // n_cols))
    captions = {key: _caption(labels, documents, key, topic=topic, term=term,
                              n_label_terms=n_label_terms, doc_chars=doc_chars)
                for key in topics}
    extra = max((len(c) for c in captions.values()), default=0)
    with arabic_style():
        fig, axes = plt.subplots(n_rows, n_cols, squeeze=False, figsize=(
            3.4 * n_cols, (0.28 * top_n + 0.17 * extra + 1) * n_rows + 0.2))
        for ax, key in zip(axes.flat, topics, strict=False):
            rows = table[table[topic] == key].nlargest(top_n, weight).iloc[::-1]
            _bars(ax, rows[term], rows[weight].to_numpy(), rtl=True, color="#4c72b0")
            ax.tick_params(axis="x", labelsize=7)
            label = (titles or {}).get(key, f"Topic {key}")
            ax.set_title(display_text(str(label)), fontsize=10)
            if captions[key]:
                ax.set_xlabel("\n".join(captions[key]), fontsize=7, loc="right")
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
    ylabel: str = "Expected topic share",
) -> tuple[Figure, np.ndarray]:
    """Topic prevalence against ``x`` (e.g. time), one line per ``series`` (e.g. source) with its
    interval as a band, one panel per topic: the predictions of
    :meth:`arcorpus.topics.TopicEffects.predict`.

    Example:
        >>> effects = topic_effects(model, formula="~ source * bs(day, df=4)")  # doctest: +SKIP
        >>> fig, axes = prevalence_plot(effects.predict(topics=[3, 7]))  # doctest: +SKIP
    """
    topics = list(dict.fromkeys(table[topic]))
    n_cols = min(n_cols, max(1, len(topics)))
    n_rows = max(1, -(-len(topics) // n_cols))
    groups = sorted(table[series].unique(), key=str) if series else [None]
    colors = {g: plt.get_cmap("tab10")(i % 10) for i, g in enumerate(groups)}
    with arabic_style():
        fig, axes = plt.subplots(n_rows, n_cols, figsize=(4.2 * n_cols, 3.0 * n_rows),
                                 squeeze=False, sharex=True)
        for ax, key in zip(axes.flat, topics, strict=False):
            rows = table[table[topic] == key]
            for group in groups:
                part = rows if group is None else rows[rows[series] == group]
                part = part.sort_values(x)
                label = None if group is None else display_text(str(group))
                ax.plot(part[x], part[estimate], color=colors[group], label=label, lw=1.5)
                if lower in part.columns and upper in part.columns:
                    ax.fill_between(part[x], part[lower], part[upper], color=colors[group],
                                    alpha=0.18, lw=0)
            ax.set_title(display_text(str((titles or {}).get(key, f"Topic {key}"))),
                         fontsize=10)
            ax.set_ylabel(display_text(ylabel), fontsize=8)
            ax.spines[["right", "top"]].set_visible(False)
            ax.tick_params(labelsize=7)
        for ax in list(axes.flat)[len(topics):]:
            ax.set_axis_off()
        if series and len(groups) > 1:
            handles, names = axes.flat[0].get_legend_handles_labels()
            fig.legend(handles, names, loc="upper center", ncols=min(len(groups), 7),
                       fontsize=8, frameon=False, bbox_to_anchor=(0.5, 1.0))
            fig.tight_layout(rect=(0, 0, 1, 1 - 0.05 * -(-len(groups) // 7) / n_rows))
        else:
            fig.tight_layout()
        fig.autofmt_xdate()
    return fig, axes


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
    integer: bool = False,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
) -> tuple[Figure, Axes]:
    """Lines over time, one per ``series`` (e.g. an actor), with an Arabic legend, and a
    shaded band from ``lower`` to ``upper`` around each line when given (a confidence
    interval: a period with few articles shows a wide band).

    Time runs left to right; dates are labelled with numbers only (``07-21``, or ``2015-07``
    over long spans), so an Arabic figure has no English month names; ``integer=True`` puts
    whole-number ticks on the y axis (for counts). The legend is left out for a single series.

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
    with arabic_style():
        if ax is None:
            fig, ax = plt.subplots(figsize=(7, 3.5))
        else:
            fig = ax.figure
        groups = list(frame.sort_values(x).groupby(series, sort=True))
        for name, rows in groups:
            (line,) = ax.plot(rows[x], rows[y], marker="o", markersize=3.5,
                              label=display_text(str(name)))
            if lower is not None:
                ax.fill_between(rows[x], rows[lower], rows[upper], color=line.get_color(),
                                alpha=0.18, linewidth=0)
        if len(groups) > 1:
            ax.legend(frameon=False, fontsize=9)
        if pd.api.types.is_datetime64_any_dtype(frame[x]):
            _date_axis(ax, frame[x])
        if integer:
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        if xlabel:
            ax.set_xlabel(display_text(xlabel))
        ax.set_ylabel(display_text(ylabel if ylabel is not None else y))
        if title:
            ax.set_title(display_text(title))
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
    rtl: bool = True,
    title: str | None = None,
    xlabel: str | None = None,
    color: str = "#4c72b0",
) -> tuple[Figure, np.ndarray]:
    """A dispersion plot (quanteda's ``textplot_xray``): one tick for every occurrence of a
    term, one line per ``row`` (an article, a source, a period), one panel per term.

    ``positions`` is :func:`arcorpus.terms.term_positions` output (or any table with ``term``,
    ``row`` and ``x`` columns). With ``x="position"`` (0 = the start of the article, 1 = its
    end) and ``rtl=True`` the axis runs right to left, as the text does, and the row labels
    stand on the right; with ``x="date"`` time runs left to right. When there are more rows
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
        fig, axes = plt.subplots(len(terms), 1, squeeze=False, sharex=True,
                                 figsize=(7, 0.9 + len(terms) * (0.45 + 0.22 * len(rows))))
        axes = axes[:, 0]
        for ax, name in zip(axes, terms, strict=True):
            part = positions[(positions[term] == name) & positions[row].isin(where)]
            ax.scatter(part[x], part[row].map(where), marker="|", s=90, color=color,
                       alpha=0.7, linewidths=1.2)
            ax.set_yticks(range(len(rows)), [display_text(str(r)) for r in rows], fontsize=8)
            ax.set_ylim(len(rows) - 0.5, -0.5)
            ax.set_title(display_text(f"{name} ({len(positions[positions[term] == name]):,})"),
                         fontsize=10)
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
        if xlabel:
            axes[-1].set_xlabel(display_text(xlabel))
        if title:
            fig.suptitle(display_text(title))
        fig.tight_layout()
    return fig, axes


#: How each model-selection criterion reads: its label and whether higher is better.
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
) -> tuple[Figure, np.ndarray]:
    """The criteria of :func:`arcorpus.topics.select_k` against K, one panel each, with the
    direction that is better written in the panel and the best K ringed.

    ``criteria`` defaults to the columns of ``SELECTION_CRITERIA`` present with any value (an
    NMF table has no perplexity); ``labels`` overrides panel titles (Arabic is fine).

    Example:
        >>> table = pd.DataFrame({"k": [2, 3], "coherence_npmi": [0.1, 0.2],
        ...                       "stability": [0.9, 0.7]})
        >>> fig, axes = model_selection(table)
        >>> [ax.get_title() for ax in axes]
        ['Coherence (NPMI)', 'Stability across seeds']
        >>> plt.close(fig)
    """
    if criteria is None:
        criteria = [c for c in SELECTION_CRITERIA
                    if c in table.columns and table[c].notna().any()]
    if not criteria:
        raise ValueError(f"no criterion to plot: the table has columns {list(table.columns)}")
    rows = table.sort_values(k)
    with arabic_style():
        fig, axes = plt.subplots(1, len(criteria), figsize=(2.9 * len(criteria), 2.8),
                                 squeeze=False)
        axes = axes[0]
        for ax, column in zip(axes, criteria, strict=True):
            title, higher = SELECTION_CRITERIA.get(column, (column, True))
            title = (labels or {}).get(column, title)
            values = rows[column].to_numpy(dtype=float)
            ax.plot(rows[k], values, marker="o", color="#4c72b0")
            if np.isfinite(values).any():
                best = int(np.nanargmax(values) if higher else np.nanargmin(values))
                ax.plot(rows[k].iloc[best], values[best], marker="o", markersize=12,
                        markerfacecolor="none", markeredgecolor="#c44e52", markeredgewidth=1.5)
            ax.set_title(display_text(title), fontsize=10)
            ax.set_xlabel(f"K (topics); {'higher' if higher else 'lower'} is better")
            ax.set_xticks(rows[k].tolist())
            ax.spines[["right", "top"]].set_visible(False)
        fig.tight_layout()
    return fig, axes
