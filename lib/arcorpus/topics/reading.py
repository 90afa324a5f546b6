"""Reading topics: their most representative texts and their prevalence across groups."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..corpus.units import unit_keys
from ..display import HTML, rtl_table
from .model import TopicModel, fit_topics  # noqa: F401 (fit_topics: examples)


def representative_units(model: TopicModel, *, n: int = 3) -> pd.DataFrame:
    """The ``n`` documents (paragraphs, articles) with the highest share of each topic:
    ``topic, rank, <ids>, share, text``.

    >>> texts = ["قصف الطيران مدينة درعا", "مفاوضات جنيف والحل السياسي", "قصف على ريف درعا",
    ...          "الحل السياسي في جنيف"]
    >>> model = fit_topics(texts, k=2, method="nmf", min_df=1, warn_small=False)
    >>> representative_units(model, n=1)[["topic", "doc_id", "text"]]
       topic  doc_id                        text
    0      0       1  مفاوضات جنيف والحل السياسي
    1      1       0      قصف الطيران مدينة درعا
    """
    keys = unit_keys(model.units)
    rows = []
    for topic in range(model.k):
        order = np.argsort(-model.shares[:, topic], kind="stable")[:n]
        for rank, row in enumerate(order, start=1):
            unit = model.units.iloc[row]
            rows.append({"topic": topic, "rank": rank, **{k: unit[k] for k in keys},
                         "share": round(float(model.shares[row, topic]), 4),
                         "text": unit["text"]})
    return pd.DataFrame(rows)


def representative_html(table: pd.DataFrame, *, max_chars: int = 300,
                        max_rows: int | None = None) -> HTML:
    """Show :func:`representative_units` right to left (:func:`~arcorpus.display.rtl_table`),
    escaped, by topic: topic, share and the text (cut after ``max_chars`` characters)."""
    rows = table.sort_values(["topic", "rank"], kind="stable")
    shown = pd.DataFrame({
        "topic": rows["topic"].astype(int).to_numpy(),
        "share": rows["share"].astype(float).round(2).to_numpy(),
        "text": pd.Series([t if len(t) <= max_chars else t[:max_chars] + " …"
                           for t in rows["text"]], dtype=object),
    })
    return rtl_table(shown, labels={"topic": "topic", "share": "share", "text": "النص"},
                     align={"topic": "center"}, max_rows=max_rows, css_class="arcorpus-topics",
                     name="representative_html")


def topic_prevalence(model: TopicModel, by: str | pd.Series) -> pd.DataFrame:
    """Mean topic share per group (a column of the model's units, e.g. ``source`` or a month
    column, or a Series aligned with them): ``group, topic, share, n_docs``.

    Example, with time slices:
        >>> texts = ["قصف الطيران مدينة درعا", "قصف مدفعي على ريف درعا",
        ...          "مفاوضات جنيف والحل السياسي", "الحل السياسي في مفاوضات جنيف"]
        >>> model = fit_topics(texts, k=2, method="nmf", min_df=1, warn_small=False)
        >>> month = pd.Series(["2015-06", "2015-07", "2015-07", "2015-07"], name="month")
        >>> topic_prevalence(model, by=month)
             month  topic   share  n_docs
        0  2015-06      0  0.0000       1
        1  2015-06      1  1.0000       1
        2  2015-07      0  0.6667       3
        3  2015-07      1  0.3333       3

    On a corpus, ``by=model.units["date"].dt.strftime("%Y-%m").rename("month")``.
    """
    labels = model.units[by] if isinstance(by, str) else pd.Series(by).reset_index(drop=True)
    name = by if isinstance(by, str) else (labels.name or "group")
    frame = pd.DataFrame(model.shares, columns=range(model.k)).assign(**{name: labels.values})
    long = frame.melt(id_vars=name, var_name="topic", value_name="share")
    table = long.groupby([name, "topic"], sort=True).agg(
        share=("share", "mean"), n_docs=("share", "size")).reset_index()
    table["share"] = table["share"].round(4)
    return table
