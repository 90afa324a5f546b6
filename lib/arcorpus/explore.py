"""Interactive explorers for notebooks: a concordance, terms, actors and topics, each a few
widgets (ipywidgets) over the kit's own functions, with no analysis of their own.

    from arcorpus.explore import (ConcordanceExplorer, TermsExplorer, ActorsExplorer,
                                  TopicsExplorer)
    ConcordanceExplorer(corpus, "النصرة")        # type a word, sort, filter, click a line
    TermsExplorer(corpus, by="source")           # a group, a measure, top N; click a term
    ActorsExplorer(corpus)                       # unit, measure, minimum count; pick a pair
    TopicsExplorer(fit_topics(corpus, k=8))      # a topic: its terms, texts and prevalence

Each explorer keeps its state and its callbacks (``search``, ``set_window``, ``select`` ...)
apart from the widgets, so that they can be used and tested without a browser: the callbacks
change the state and return what the view shows; :meth:`Explorer.widget` only wires widgets to
them. Displayed in a notebook, an explorer is its widget where a widget front end runs
(JupyterLab, Voilà) and a static snapshot of its current state (HTML, with figures as PNG)
everywhere else: headless runs, GitHub, nbconvert. The tables are
:func:`~arcorpus.display.rtl_table` (escaped, right to left).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd

from .corpus import Corpus
from .display import HTML, Marked, rtl_table
from .factions import (
    actor_graph,
    cooccurrence,
    cooccurrence_evidence,
    evidence_html,
    find_mentions,
    load_gazetteer,
)
from .factions.cooccurrence import MEASURES as EDGE_MEASURES
from .plotting import bar_terms, network, time_series
from .plotting.save import figure_bytes
from .terms import keyness, kwic, kwic_html, term_frequencies, top_tfidf_terms
from .terms.kwic import CONTEXT_COLUMNS
from .topics import representative_html, representative_units, topic_prevalence

#: CSS of the explorers' widgets (an ipywidgets HTML holding a <style>; each explorer's box has
#: the class ``arcorpus-explorer``): right-to-left grids, concordance lines kept on one line
STYLE = """<style>
.arcorpus-explorer .arcorpus-rtl { direction: rtl; }
.arcorpus-explorer .arcorpus-lines { direction: rtl; align-items: baseline; }
.arcorpus-explorer .arcorpus-lines .widget-html-content { white-space: nowrap; overflow: hidden; }
.arcorpus-explorer .arcorpus-lines .widget-html { margin: 0 4px; min-width: 0; }
.arcorpus-explorer .arcorpus-terms button { direction: rtl; text-align: right; }
.arcorpus-explorer .arcorpus-pairs select { direction: rtl; }
.arcorpus-explorer .widget-html-content table { margin: 0; }
</style>"""


def _png(fig) -> bytes:
    """A figure as PNG bytes (the figure is closed)."""
    try:
        return figure_bytes(fig, "png", dpi=100)
    finally:
        plt.close(fig)


def _img(png: bytes | None, alt: str) -> str:
    if not png:
        return ""
    data = base64.b64encode(png).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"/>'


def _note(text: str) -> str:
    return f'<p dir="auto" style="color:#555">{html.escape(text)}</p>'


class Explorer:
    """What every explorer shares: a widget built on first display, and a static snapshot
    (:meth:`snapshot`, HTML) shown where no widget front end runs."""

    title = "explorer"

    def __init__(self) -> None:
        self._widget = None
        self._quiet = False  # True while the view itself sets widget values
        self._refresh = None  # the view's refresh, once built
        self.controls: dict[str, Any] = {}

    # -- the view --------------------------------------------------------------------------
    def snapshot(self) -> str:
        """HTML of the current state (for headless runs, GitHub, nbconvert)."""
        raise NotImplementedError

    def _build(self):
        raise NotImplementedError

    def widget(self):
        """The explorer's ipywidgets box (built once; its controls are in ``controls``)."""
        if self._widget is None:
            import ipywidgets as widgets

            style = widgets.HTML(STYLE, layout=widgets.Layout(display="none"))
            box = widgets.VBox([style, *self._build()])
            box.add_class("arcorpus-explorer")
            box.add_class(f"arcorpus-{self.title}")
            self._widget = box
        return self._widget

    def _wire(self, widget, callback) -> None:
        """Call ``callback(new value)`` when the user changes the widget's value."""
        widget.observe(lambda change: None if self._quiet else callback(change["new"]),
                       names="value")

    def _set(self, widget, **values) -> None:
        """Set widget traits from the state without calling the callbacks back."""
        quiet, self._quiet = self._quiet, True
        try:
            for name, value in values.items():
                setattr(widget, name, value)
        finally:
            self._quiet = quiet

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        snapshot = (f'<div class="arcorpus-snapshot arcorpus-{self.title}">'
                    f"{self.snapshot()}</div>")
        bundle = {"text/plain": repr(self), "text/html": snapshot}
        try:
            view = self.widget()._repr_mimebundle_()
        except ImportError:  # pragma: no cover - ipywidgets comes with the lab extra
            return bundle
        bundle.update({k: v for k, v in view.items() if k != "text/plain"})
        return bundle

    def _repr_html_(self) -> str:
        return self.snapshot()


# ---- concordance ------------------------------------------------------------------------------

class ConcordanceExplorer(Explorer):
    """Keyword in context over a corpus (:func:`~arcorpus.terms.kwic`): a query (matched on
    normalised, clitic-free forms), the context width, a sort by context words (L3..R3, as
    AntConc), filters by source and date, and the whole paragraph of a line with the hit
    highlighted.

    Example:
        >>> concordance = ConcordanceExplorer(corpus, "النصرة")  # doctest: +SKIP
        >>> concordance.set_sort(["R1"]); concordance.select(0)  # doctest: +SKIP
    """

    title = "concordance"

    def __init__(self, corpus: Corpus, query: str = "", *, window: int = 6,
                 sort: Sequence[str] = (), max_lines: int = 20) -> None:
        super().__init__()
        if not isinstance(corpus, Corpus):
            raise TypeError("the concordance explorer reads paragraphs from a Corpus "
                            f"(arcorpus.load_corpus), not {type(corpus).__name__}")
        self.corpus = corpus
        self.max_lines = max_lines
        self.window = window
        self.sort: list[str] = []
        self.set_sort(sort)
        self.source: str | None = None
        self.dates: tuple[str, str] | None = None
        self.selected: int | None = None
        self.message = ""
        self._cache: dict[tuple, pd.DataFrame] = {}
        self.query = ""
        self.search(query)

    def __repr__(self) -> str:
        return f"ConcordanceExplorer(query={self.query!r}, {len(self.lines)} lines)"

    # -- what can be chosen ---------------------------------------------------------------
    @property
    def sources(self) -> list[str]:
        """The sources of the corpus (empty when it has no ``source`` column)."""
        if "source" not in self.corpus.articles.columns:
            return []
        return sorted(self.corpus.articles["source"].dropna().astype(str).unique())

    @property
    def days(self) -> list[str]:
        """The publication days of the corpus, ``YYYY-MM-DD`` (empty without dates)."""
        if "date" not in self.corpus.articles.columns:
            return []
        dates = pd.to_datetime(self.corpus.articles["date"], utc=True, errors="coerce")
        return sorted(dates.dropna().dt.strftime("%Y-%m-%d").unique())

    # -- callbacks ------------------------------------------------------------------------
    def search(self, query: str) -> pd.DataFrame:
        """Look ``query`` up; the first line is selected. Returns the lines shown."""
        self.query = query.strip()
        self.selected = 0 if len(self.lines) else None
        return self.lines

    def set_window(self, window: int) -> pd.DataFrame:
        """Words of context on each side."""
        self.window = int(window)
        return self.lines

    def set_sort(self, keys: Sequence[str] | str | None) -> pd.DataFrame | None:
        """Sort by context positions (``["R1", "L1"]``; empty: text order)."""
        keys = [keys] if isinstance(keys, str) else [k for k in (keys or ()) if k]
        unknown = set(keys) - set(CONTEXT_COLUMNS)
        if unknown:
            raise ValueError(f"sort by context positions {CONTEXT_COLUMNS}, not {sorted(unknown)}")
        self.sort = list(dict.fromkeys(keys))
        return self.lines if hasattr(self, "_cache") else None

    def set_source(self, source: str | None) -> pd.DataFrame:
        """Only lines from one source (None: all)."""
        if source is not None and source not in self.sources:
            raise ValueError(f"no source {source!r}; sources: {self.sources}")
        self.source = source
        self.selected = 0 if len(self.lines) else None
        return self.lines

    def set_dates(self, first: str | None, last: str | None = None) -> pd.DataFrame:
        """Only lines from articles published from ``first`` to ``last`` (days, inclusive;
        None: no limit)."""
        self.dates = None if first is None and last is None else \
            (first or "0001-01-01", last or "9999-12-31")
        self.selected = 0 if len(self.lines) else None
        return self.lines

    def select(self, line: int) -> HTML:
        """Read line ``line`` (0: the first shown): its whole paragraph, the hit marked."""
        if not 0 <= line < len(self.lines):
            raise IndexError(f"line {line} of {len(self.lines)}")
        self.selected = line
        return self.paragraph(line)

    # -- state ----------------------------------------------------------------------------
    @property
    def all_lines(self) -> pd.DataFrame:
        """Every line of the query (:func:`~arcorpus.terms.kwic`, cached), before filters."""
        if not self.query:
            self.message = "Type a word or a phrase."
            return pd.DataFrame(columns=["doc_id", "para_id", "left", "keyword", "right",
                                         "start", "end"])
        key = (self.query, self.window, tuple(self.sort))
        if key not in self._cache:
            try:
                self._cache[key] = kwic(self.corpus, self.query, window=self.window,
                                        unit="paragraphs", sort=self.sort or None)
            except ValueError as error:  # a query with no word in it
                self.message = str(error)
                return pd.DataFrame(columns=["doc_id", "para_id", "left", "keyword", "right",
                                             "start", "end"])
        self.message = ""
        return self._cache[key]

    @property
    def lines(self) -> pd.DataFrame:
        """The lines after the source and date filters."""
        lines = self.all_lines
        if self.source is not None and "source" in lines.columns:
            lines = lines[lines["source"].astype(str) == self.source]
        if self.dates is not None and "date" in lines.columns and len(lines):
            days = pd.to_datetime(lines["date"], utc=True, errors="coerce").dt.strftime(
                "%Y-%m-%d")
            lines = lines[(days >= self.dates[0]) & (days <= self.dates[1])]
        return lines.reset_index(drop=True)

    def summary(self) -> str:
        """One line saying what is shown."""
        if self.message:
            return self.message
        n, total = len(self.lines), len(self.all_lines)
        shown = f" (the first {self.max_lines} shown)" if n > self.max_lines else ""
        filtered = f" of {total}" if n != total else ""
        return f"{n}{filtered} lines for «{self.query}»{shown}"

    def paragraph(self, line: int) -> HTML:
        """The paragraph of a line with its hit marked (:func:`~arcorpus.display.rtl_table`)."""
        row = self.lines.iloc[line]
        paragraphs = self.corpus.subset([row["doc_id"]]).unit_table("paragraphs")
        para = paragraphs[paragraphs["para_id"] == row["para_id"]].iloc[0]
        start, end = int(row["start"]) - int(para["start"]), int(row["end"]) - int(para["start"])
        table = pd.DataFrame({"unit": [f"{row['doc_id']}:{row['para_id']}"],
                              "text": [Marked(para["text"], [(start, end)])]})
        return rtl_table(table, labels={"unit": "doc:paragraph", "text": "الفقرة"},
                         css_class="arcorpus-paragraph")

    def show(self) -> None:
        """Bring the widgets (when built) in line with the state after calls from code."""
        if self._refresh is not None:
            self._refresh()

    def lines_html(self) -> HTML:
        return kwic_html(self.lines, max_rows=self.max_lines)

    def snapshot(self) -> str:
        parts = [_note(self.summary())]
        if len(self.lines):
            parts.append(str(self.lines_html()))
        if self.selected is not None:
            parts.append(str(self.paragraph(self.selected)))
        return "\n".join(parts)

    # -- widgets --------------------------------------------------------------------------
    def _build(self):
        import ipywidgets as widgets

        query = widgets.Text(value=self.query, placeholder="كلمة أو عبارة",
                             description="query", continuous_update=False)
        query.add_class("arcorpus-query")
        query.add_class("arcorpus-rtl")
        window = widgets.IntSlider(value=self.window, min=1, max=15, description="context")
        positions = [("text order", ""), *[(c, c) for c in CONTEXT_COLUMNS]]
        first = widgets.Dropdown(options=positions, value=[*self.sort, ""][0],
                                 description="sort by", layout=widgets.Layout(width="200px"))
        then = widgets.Dropdown(options=positions, value=[*self.sort, "", ""][1],
                                description="then", layout=widgets.Layout(width="200px"))
        # "" stands for "all" (a Dropdown shows no label for the value None)
        source = widgets.Dropdown(options=[("all sources", ""), *[(s, s) for s in
                                                                    self.sources]],
                                  value=self.source or "", description="source")
        days = self.days
        dates = widgets.SelectionRangeSlider(options=days or ["-"], index=(0, max(0, len(days)
                                                                                - 1)),
                                             description="dates",
                                             layout=widgets.Layout(width="500px"))
        dates.layout.display = None if len(days) > 1 else "none"
        status = widgets.HTML()
        status.add_class("arcorpus-status")
        reading = widgets.HTML()
        reading.add_class("arcorpus-reading")
        rows = []
        for i in range(self.max_lines):
            button = widgets.Button(description=str(i + 1), tooltip="read the paragraph",
                                    layout=widgets.Layout(width="44px"))
            button.on_click(lambda _, i=i: show(i))
            cells = [widgets.HTML(layout=widgets.Layout(overflow="hidden")) for _ in range(3)]
            rows.append([button, *cells])
        grid = widgets.GridBox([w for row in rows for w in row], layout=widgets.Layout(
            grid_template_columns="auto minmax(0, 1fr) auto minmax(0, 1fr)", width="100%"))
        grid.add_class("arcorpus-lines")
        self.controls.update(query=query, window=window, sort=first, then=then, source=source,
                             dates=dates, status=status, reading=reading, lines=grid, rows=rows)

        def refresh() -> None:  # the status last: it says the lines are up to date
            lines = self.lines
            for i, (button, left, keyword, right) in enumerate(rows):
                visible = i < len(lines)
                for w in (button, left, keyword, right):
                    w.layout.display = None if visible else "none"
                if visible:
                    line = lines.iloc[i]
                    left.value = (f'<div dir="rtl" class="arcorpus-left" style="text-align:left">'
                                  f"{html.escape(line['left'])}</div>")
                    keyword.value = (f'<div dir="rtl" class="arcorpus-keyword"><mark>'
                                     f"{html.escape(line['keyword'])}</mark></div>")
                    right.value = (f'<div dir="rtl" class="arcorpus-right" '
                                   f'style="text-align:right">{html.escape(line["right"])}</div>')
                    button.button_style = "info" if i == self.selected else ""
            reading.value = "" if self.selected is None else str(self.paragraph(self.selected))
            status.value = _note(self.summary())

        def show(i: int) -> None:
            self.select(i)
            refresh()

        def sync() -> None:  # after a call from elsewhere (the terms explorer)
            self._set(query, value=self.query)
            self._set(source, value=self.source or "")
            refresh()

        self._refresh = sync

        self._wire(query, lambda v: (self.search(v), refresh()))
        self._wire(window, lambda v: (self.set_window(v), refresh()))
        self._wire(first, lambda v: (self.set_sort([v, then.value]), refresh()))
        self._wire(then, lambda v: (self.set_sort([first.value, v]), refresh()))
        self._wire(source, lambda v: (self.set_source(v or None), refresh()))
        self._wire(dates, lambda v: (self.set_dates(*v) if len(days) > 1 else None, refresh()))
        refresh()
        filters = widgets.HBox([source, dates])
        return [widgets.HBox([query, window]), widgets.HBox([first, then]), filters, status,
                grid, reading]


# ---- terms ------------------------------------------------------------------------------------

#: the measures of the terms explorer: label -> (how it is computed, the value column)
TERM_MEASURES = {
    "count": "count",
    "per 10k": "per_10k",
    "TF-IDF": "tfidf",
    "keyness": "g2",
}


#: the most terms the terms explorer's widget lists (one button each)
MAX_TERMS = 30


class TermsExplorer(Explorer):
    """The terms of a corpus or of one group of it (a source, a month...): counts and rates
    (:func:`~arcorpus.terms.term_frequencies`), TF-IDF (:func:`~arcorpus.terms.top_tfidf_terms`,
    the groups as documents) or keyness against the rest of the corpus
    (:func:`~arcorpus.terms.keyness`, over-used terms); a term opens its concordance.

    Example:
        >>> terms = TermsExplorer(corpus, by="source")  # doctest: +SKIP
        >>> terms.set_measure("keyness"); terms.open(terms.table()["term"][0])  # doctest: +SKIP
    """

    title = "terms"

    def __init__(self, corpus: Corpus, *, by: str | None = "source", group: str | None = None,
                 measure: str = "count", top_n: int = 20, min_count: int = 2,
                 concordance: ConcordanceExplorer | None = None) -> None:
        super().__init__()
        if not isinstance(corpus, Corpus):
            raise TypeError(f"the terms explorer takes a Corpus, not {type(corpus).__name__}")
        if by is not None and by not in corpus.articles.columns:
            raise ValueError(f"no articles column {by!r} to group by; columns: "
                             f"{list(corpus.articles.columns)}")
        self.corpus, self.by = corpus, by
        self.min_count = min_count
        self.concordance = concordance or ConcordanceExplorer(corpus, max_lines=10)
        self._cache: dict[tuple, pd.DataFrame] = {}
        self.top_n, self.message = top_n, ""
        self.group = self._checked_group(group)  # nothing is counted until it is shown
        self.measure = self._checked_measure(measure)

    def __repr__(self) -> str:
        return (f"TermsExplorer(by={self.by!r}, group={self.group!r}, "
                f"measure={self.measure!r}, top_n={self.top_n})")

    @property
    def groups(self) -> list[str]:
        if self.by is None:
            return []
        return sorted(self.corpus.articles[self.by].dropna().astype(str).unique())

    # -- callbacks ------------------------------------------------------------------------
    def _checked_group(self, group: str | None) -> str | None:
        if group is not None and group not in self.groups:
            raise ValueError(f"no group {group!r} in {self.by!r}; groups: {self.groups}")
        return group

    def _checked_measure(self, measure: str) -> str:
        if measure not in TERM_MEASURES:
            raise ValueError(f"measure is one of {list(TERM_MEASURES)}, not {measure!r}")
        return measure

    def set_group(self, group: str | None) -> pd.DataFrame:
        """One group (a value of ``by``), or None for the whole corpus."""
        self.group = self._checked_group(group)
        return self.table()

    def set_measure(self, measure: str) -> pd.DataFrame:
        """``"count"``, ``"per 10k"``, ``"TF-IDF"`` or ``"keyness"``."""
        self.measure = self._checked_measure(measure)
        return self.table()

    def set_top_n(self, top_n: int) -> pd.DataFrame:
        self.top_n = int(top_n)
        return self.table()

    def open(self, term: str) -> ConcordanceExplorer:
        """Show ``term`` in the concordance (limited to the group shown)."""
        self.concordance.set_source(self.group if self.by == "source" else None)
        self.concordance.search(term)
        return self.concordance

    # -- state ----------------------------------------------------------------------------
    @property
    def column(self) -> str:
        """The value column of the current measure."""
        return TERM_MEASURES[self.measure]

    def _computed(self, key: tuple, compute) -> pd.DataFrame:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def _full(self) -> pd.DataFrame | None:
        """The kit's table behind the current measure and group (cached); None when the
        measure cannot be computed here, with the reason in ``message``."""
        corpus, by, group, column = self.corpus, self.by, self.group, self.column
        if column in ("count", "per_10k"):
            if group is None:
                return self._computed(("frequencies",), lambda: term_frequencies(
                    corpus, min_count=self.min_count))
            return self._computed(("frequencies", by), lambda: term_frequencies(
                corpus, by=by, min_count=self.min_count))
        if by is None or len(self.groups) < 2:
            self.message = (f"{self.measure} compares groups, and this corpus has "
                            f"{len(self.groups)} value(s) of {by!r}.")
            return None
        if group is None:
            self.message = f"{self.measure}: pick a group ({by})."
            return None
        if column == "tfidf":
            return self._computed(("tfidf", by), lambda: top_tfidf_terms(
                corpus, by=by, top_n=50, min_count=self.min_count))
        inside = (corpus.articles[by].astype(str) == group).to_numpy()
        table = self._computed(("keyness", by, group), lambda: keyness(
            corpus.subset(inside), corpus.subset(~inside), min_count=max(self.min_count, 1)))
        return table[table["log_ratio"] > 0]  # the terms over-used in the group

    def table(self) -> pd.DataFrame:
        """The top terms of the group by the measure: ``term``, the measure's column and
        whatever else the kit's table has."""
        self.message = ""
        table = self._full()
        if table is None:
            return pd.DataFrame(columns=["term", self.column])
        if self.group is not None and self.by in table.columns:
            table = table[table[self.by].astype(str) == self.group]
        table = table.sort_values([self.column, "term"], ascending=[False, True], kind="stable")
        return table.head(self.top_n).reset_index(drop=True)

    def chart(self) -> bytes | None:
        """The bar chart of :meth:`table` (PNG), None when empty."""
        table = self.table()
        if not len(table):
            return None
        where = f"{self.by} = {self.group}" if self.group is not None else "corpus"
        fig, _ = bar_terms(table, value=self.column, top_n=self.top_n,
                           xlabel=f"{self.measure} ({where})")
        return _png(fig)

    def summary(self) -> str:
        where = f"{self.by} = {self.group}" if self.group is not None else "the whole corpus"
        return self.message or f"top {len(self.table())} terms of {where} by {self.measure}"

    def snapshot(self) -> str:
        table = self.table()
        parts = [_note(self.summary())]
        if len(table):
            parts.append(_img(self.chart(), f"top terms by {self.measure}"))
        return "\n".join(parts)

    # -- widgets --------------------------------------------------------------------------
    def _build(self):
        import ipywidgets as widgets

        group = widgets.Dropdown(options=[("whole corpus", ""), *[(g, g) for g in
                                                                 self.groups]],
                                 value=self.group or "", description=self.by or "group")
        measure = widgets.ToggleButtons(options=list(TERM_MEASURES), value=self.measure)
        top_n = widgets.IntSlider(value=min(self.top_n, MAX_TERMS), min=5, max=MAX_TERMS,
                                  description="top N")
        status = widgets.HTML()
        status.add_class("arcorpus-status")
        chart = widgets.Image(format="png", layout=widgets.Layout(max_width="520px"))
        buttons = []
        for _ in range(MAX_TERMS):
            button = widgets.Button(layout=widgets.Layout(width="auto"))
            button.add_class("arcorpus-term")
            button.on_click(lambda b: (self.open(b.tooltip), self.concordance.show()))
            buttons.append(button)
        terms = widgets.Box(buttons, layout=widgets.Layout(
            flex_flow="row wrap", align_content="flex-start", max_width="420px"))
        terms.add_class("arcorpus-terms")
        terms.add_class("arcorpus-rtl")
        concordance = self.concordance.widget()
        self.controls.update(group=group, measure=measure, top_n=top_n, status=status,
                             chart=chart, terms=terms, buttons=buttons)

        def refresh() -> None:  # the status last: it says the view is up to date
            table = self.table()
            chart.value = self.chart() or b""
            chart.layout.display = None if len(table) else "none"
            for i, button in enumerate(buttons):
                visible = i < len(table)
                button.layout.display = None if visible else "none"
                if visible:
                    term, value = table["term"].iloc[i], table[self.column].iloc[i]
                    button.tooltip = term
                    button.description = f"{term} ({value:.4g})"
            status.value = _note(self.summary())

        self._wire(group, lambda v: (self.set_group(v or None), refresh()))
        self._wire(measure, lambda v: (self.set_measure(v), refresh()))
        self._wire(top_n, lambda v: (self.set_top_n(v), refresh()))
        refresh()
        return [widgets.HBox([group, top_n]), measure, status,
                widgets.HBox([chart, terms]), widgets.HTML("<b>concordance</b>"), concordance]


# ---- actors -----------------------------------------------------------------------------------

class ActorsExplorer(Explorer):
    """Who is named with whom (:func:`~arcorpus.factions.cooccurrence`): the unit, the measure,
    a minimum count, the network redrawn (:func:`~arcorpus.plotting.network`), and the evidence
    of a pair (:func:`~arcorpus.factions.cooccurrence_evidence`).

    Example:
        >>> actors = ActorsExplorer(corpus)  # doctest: +SKIP
        >>> actors.set_min_count(2); actors.pick("fsa", "nusra")  # doctest: +SKIP
    """

    title = "actors"

    def __init__(self, corpus: Corpus, mentions: pd.DataFrame | None = None, *,
                 unit: str = "paragraphs", measure: str = "count", min_count: int = 1,
                 gazetteer=None, max_evidence: int = 5) -> None:
        super().__init__()
        self.max_evidence = max_evidence
        if not isinstance(corpus, Corpus):
            raise TypeError(f"the actors explorer takes a Corpus, not {type(corpus).__name__}")
        self.corpus = corpus
        self.gazetteer = gazetteer or load_gazetteer()
        self.mentions = find_mentions(corpus, gazetteer=self.gazetteer) if mentions is None \
            else mentions
        self._cache: dict[tuple, pd.DataFrame] = {}
        self._pictures: dict[tuple, bytes | None] = {}
        self.unit, self.measure, self.min_count = "paragraphs", "count", 1
        self.pair: tuple[str, str] | None = None
        self.set_unit(unit)
        self.set_measure(measure)
        self.set_min_count(min_count)

    def __repr__(self) -> str:
        return (f"ActorsExplorer(unit={self.unit!r}, measure={self.measure!r}, "
                f"min_count={self.min_count}: {self.summary()})")

    @property
    def measures(self) -> list[str]:
        """The measures of the edge table (those :func:`cooccurrence` computes)."""
        columns = self._edges(self.unit, 1).columns
        return [m for m in EDGE_MEASURES if m in columns]

    # -- callbacks ------------------------------------------------------------------------
    def set_unit(self, unit: str) -> pd.DataFrame:
        """``"articles"``, ``"paragraphs"`` or ``"sentences"``."""
        self._edges(unit, 1)  # checks the unit
        self.unit = unit
        return self.edges

    def set_measure(self, measure: str) -> pd.DataFrame:
        if measure not in self.measures:
            raise ValueError(f"measure is one of {self.measures}, not {measure!r}")
        self.measure = measure
        return self.edges

    def set_min_count(self, min_count: int) -> pd.DataFrame:
        """Keep pairs named together in at least ``min_count`` units."""
        self.min_count = int(min_count)
        return self.edges

    def pick(self, actor_a: str, actor_b: str) -> HTML:
        """The evidence of a pair: the units naming both, mentions marked."""
        self.pair = (actor_a, actor_b)
        return self.evidence()

    # -- state ----------------------------------------------------------------------------
    def _edges(self, unit: str, min_count: int) -> pd.DataFrame:
        key = (unit, min_count)
        if key not in self._cache:
            self._cache[key] = cooccurrence(self.mentions, unit=unit, corpus=self.corpus,
                                            min_count=min_count)
        return self._cache[key]

    @property
    def edges(self) -> pd.DataFrame:
        """The edges at the current unit and minimum count, strongest first by the measure."""
        edges = self._edges(self.unit, self.min_count)
        return edges.sort_values([self.measure, "actor_a", "actor_b"],
                                 ascending=[False, True, True]).reset_index(drop=True)

    @property
    def max_count(self) -> int:
        """The highest pair count at this unit (the slider's end)."""
        counts = self._edges(self.unit, 1)["count"]
        return int(counts.max()) if len(counts) else 1

    @property
    def graph(self):
        return actor_graph(self.edges, self.mentions, weight=self.measure,
                           gazetteer=self.gazetteer)

    def names(self) -> dict[str, str]:
        actors = self.gazetteer.actors
        return dict(zip(actors["actor_id"], actors["name_ar"], strict=True))

    def pairs(self) -> list[tuple[str, tuple[str, str]]]:
        """``(label, (actor_a, actor_b))`` of each edge, strongest first."""
        names, measure = self.names(), self.measure
        return [(f"{names.get(a, a)} — {names.get(b, b)} ({measure} {value:g})", (a, b))
                for a, b, value in self.edges[["actor_a", "actor_b", measure]].itertuples(
                    index=False)]

    def summary(self) -> str:
        graph = self.graph
        return (f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} edges "
                f"({self.unit}, {self.measure}, named together at least {self.min_count}×)")

    def picture(self) -> bytes | None:
        """The network (PNG), None when there is no edge."""
        key = (self.unit, self.measure, self.min_count)
        if key not in self._pictures:
            graph = self.graph
            self._pictures[key] = None if graph.number_of_edges() == 0 else _png(
                network(graph, width="weight")[0])
        return self._pictures[key]

    def evidence(self) -> HTML:
        if self.pair is None:
            return HTML("")
        table = cooccurrence_evidence(self.corpus, self.mentions, *self.pair, unit=self.unit)
        return evidence_html(table, max_rows=self.max_evidence)

    def snapshot(self) -> str:
        parts = [_note(self.summary()), _img(self.picture(), "actor network")]
        if self.pair is None and len(self.edges):
            self.pair = tuple(self.edges[["actor_a", "actor_b"]].iloc[0])
        if self.pair is not None:
            parts += [_note("evidence: " + " — ".join(self.pair)), str(self.evidence())]
        return "\n".join(parts)

    # -- widgets --------------------------------------------------------------------------
    def _build(self):
        import ipywidgets as widgets

        unit = widgets.Dropdown(options=["articles", "paragraphs", "sentences"],
                                value=self.unit, description="unit")
        measure = widgets.Dropdown(options=self.measures, value=self.measure,
                                   description="measure")
        min_count = widgets.IntSlider(value=self.min_count, min=1, max=max(self.max_count, 2),
                                      description="min count")
        min_count.add_class("arcorpus-min-count")
        status = widgets.HTML()
        status.add_class("arcorpus-status")
        picture = widgets.Image(format="png", layout=widgets.Layout(max_width="720px"))
        pairs = widgets.Select(rows=8, description="pair", layout=widgets.Layout(width="520px"))
        pairs.add_class("arcorpus-pairs")
        evidence = widgets.HTML()
        evidence.add_class("arcorpus-evidence-view")
        self.controls.update(unit=unit, measure=measure, min_count=min_count, status=status,
                             network=picture, pairs=pairs, evidence=evidence)

        def refresh() -> None:  # the status last: it says the view is up to date
            picture.value = self.picture() or b""
            picture.layout.display = None if self.picture() else "none"
            options = self.pairs()
            current = self.pair if self.pair in [p for _, p in options] else None
            self._set(pairs, options=options, value=current)
            evidence.value = str(self.evidence()) if current else ""
            status.value = _note(self.summary())

        def change_unit(value: str) -> None:
            self.set_unit(value)
            min_count.max = max(self.max_count, 2)
            refresh()

        self._wire(unit, change_unit)
        self._wire(measure, lambda v: (self.set_measure(v), refresh()))
        self._wire(min_count, lambda v: (self.set_min_count(v), refresh()))
        self._wire(pairs, lambda v: setattr(evidence, "value", str(self.pick(*v))) if v
                   else None)
        refresh()
        return [widgets.HBox([unit, measure, min_count]), status, picture, pairs, evidence]


# ---- topics -----------------------------------------------------------------------------------

class TopicsExplorer(Explorer):
    """A fitted topic model (:class:`~arcorpus.topics.TopicModel`), one topic at a time: its
    top terms (probability, and FREX or other columns when the model's ``topic_terms`` has
    them), its representative documents (:func:`~arcorpus.topics.representative_units`) and its
    prevalence by month and by source (:func:`~arcorpus.topics.topic_prevalence`).

    Example:
        >>> topics = TopicsExplorer(fit_topics(corpus, k=8))  # doctest: +SKIP
        >>> topics.set_topic(3); topics.terms()  # doctest: +SKIP
    """

    title = "topics"

    def __init__(self, model, *, topic: int = 0, n_docs: int = 3, order: str = "weight") -> None:
        super().__init__()
        if not hasattr(model, "topic_terms") or not hasattr(model, "shares"):
            raise TypeError(f"the topics explorer takes a fitted TopicModel (fit_topics), not "
                            f"{type(model).__name__}")
        self.model, self.n_docs = model, n_docs
        self._representative = representative_units(model, n=n_docs)
        self._prevalence: dict[str, pd.DataFrame | None] = {}
        self._pictures: dict[int, bytes | None] = {}
        self.topic, self.order = 0, "weight"
        self.set_topic(topic)
        self.set_order(order)

    def __repr__(self) -> str:
        return f"TopicsExplorer(k={self.model.k}, topic={self.topic}, order={self.order!r})"

    @property
    def orders(self) -> list[str]:
        """How terms can be ranked: ``weight`` (probability) and ``frex`` when present."""
        return [c for c in ("weight", "frex") if c in self.model.topic_terms.columns]

    def label(self, topic: int, n: int = 4) -> str:
        terms = self.model.topic_terms.query("topic == @topic").sort_values("rank")["term"]
        return f"{topic}: " + "، ".join(terms.head(n))

    # -- callbacks ------------------------------------------------------------------------
    def set_topic(self, topic: int) -> pd.DataFrame:
        if not 0 <= int(topic) < self.model.k:
            raise ValueError(f"topic is 0..{self.model.k - 1}, not {topic}")
        self.topic = int(topic)
        return self.terms()

    def set_order(self, order: str) -> pd.DataFrame:
        if order not in self.orders:
            raise ValueError(f"order terms by one of {self.orders}, not {order!r}")
        self.order = order
        return self.terms()

    # -- state ----------------------------------------------------------------------------
    def terms(self) -> pd.DataFrame:
        """The topic's top terms, every column of ``topic_terms`` but ``topic``."""
        table = self.model.topic_terms
        table = table[table["topic"] == self.topic].drop(columns="topic")
        return table.sort_values(self.order, ascending=False, kind="stable").reset_index(
            drop=True)

    def documents(self) -> HTML:
        table = self._representative
        return representative_html(table[table["topic"] == self.topic], max_chars=400)

    def prevalence(self, by: str) -> pd.DataFrame | None:
        """Mean share of every topic by ``"month"`` or ``"source"`` (None when the documents
        have no dates, or no source)."""
        if by not in self._prevalence:
            units = self.model.units
            if by == "month":
                dates = pd.to_datetime(units["date"], utc=True, errors="coerce") \
                    if "date" in units.columns else pd.Series(dtype="datetime64[ns, UTC]")
                table = None if dates.isna().all() else topic_prevalence(
                    self.model, by=dates.dt.strftime("%Y-%m").fillna("?").rename("month"))
            else:
                table = topic_prevalence(self.model, by="source") \
                    if "source" in units.columns and units["source"].notna().any() else None
            self._prevalence[by] = table
        return self._prevalence[by]

    def picture(self) -> bytes | None:
        """The topic's prevalence by month and by source (PNG), None without either."""
        if self.topic not in self._pictures:
            month, source = self.prevalence("month"), self.prevalence("source")
            if month is None and source is None:
                self._pictures[self.topic] = None
                return None
            fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
            if month is not None:
                rows = month[month["topic"] == self.topic].assign(series=f"topic {self.topic}")
                time_series(rows, x="month", y="share", ax=axes[0], ylabel="mean share",
                            title="by month")
            else:
                axes[0].text(0.5, 0.5, "no dates", ha="center", va="center", color="#888")
                axes[0].set_axis_off()
            if source is not None:
                rows = source[source["topic"] == self.topic]
                bar_terms(rows, term="source", value="share", top_n=len(rows), rtl=False,
                          ax=axes[1], title="by source", xlabel="mean share")
            else:
                axes[1].text(0.5, 0.5, "no sources", ha="center", va="center", color="#888")
                axes[1].set_axis_off()
            fig.tight_layout()
            self._pictures[self.topic] = _png(fig)
        return self._pictures[self.topic]

    def snapshot(self) -> str:
        columns = [c for c in self.terms().columns if c not in ("topic",)]
        parts = [_note(f"topic {self.label(self.topic)} (of {self.model.k})"),
                 str(rtl_table(self.terms(), columns=columns, max_rows=None)),
                 str(self.documents()), _img(self.picture(), "topic prevalence")]
        return "\n".join(parts)

    # -- widgets --------------------------------------------------------------------------
    def _build(self):
        import ipywidgets as widgets

        topic = widgets.Dropdown(options=[(self.label(t), t) for t in range(self.model.k)],
                                 value=self.topic, description="topic",
                                 layout=widgets.Layout(width="420px"))
        topic.add_class("arcorpus-rtl")
        order = widgets.ToggleButtons(options=self.orders, value=self.order,
                                      description="rank by")
        order.layout.display = None if len(self.orders) > 1 else "none"
        terms, documents = widgets.HTML(), widgets.HTML()
        terms.add_class("arcorpus-topic-terms")
        picture = widgets.Image(format="png", layout=widgets.Layout(max_width="900px"))
        self.controls.update(topic=topic, order=order, terms=terms, documents=documents,
                             prevalence=picture)

        def refresh() -> None:
            columns = [c for c in self.terms().columns if c != "topic"]
            terms.value = str(rtl_table(self.terms(), columns=columns, max_rows=None))
            documents.value = str(self.documents())
            picture.value = self.picture() or b""
            picture.layout.display = None if self.picture() else "none"

        self._wire(topic, lambda v: (self.set_topic(v), refresh()))
        self._wire(order, lambda v: (self.set_order(v), refresh()))
        refresh()
        return [widgets.HBox([topic, order]), widgets.HBox([terms, documents]), picture]


__all__ = ["ActorsExplorer", "ConcordanceExplorer", "Explorer", "TermsExplorer",
           "TopicsExplorer"]
