"""The evidence behind an edge: the units in which two actors are named together, as a table
and as an escaped, right-to-left, highlighted display; and graph export for Gephi."""

from __future__ import annotations

import html
import os

import networkx as nx
import pandas as pd

from ..corpus import Corpus
from ..corpus.units import Unit, check_unit
from ..io import atomic_write
from ..terms.kwic import HTML
from .gazetteer import Gazetteer, load_gazetteer


def cooccurrence_evidence(corpus: Corpus, mentions: pd.DataFrame, actor_a: str, actor_b: str,
                          *, unit: Unit = "sentences") -> pd.DataFrame:
    """The units (sentences, paragraphs or articles) naming both actors: ``doc_id, unit_id,
    start, end, text`` (offsets into the article text) and the two actors' mentions inside.

    Example:
        >>> cooccurrence_evidence(corpus, mentions, "fsa", "nusra")  # doctest: +SKIP
    """
    unit = check_unit(unit)
    key = {"articles": None, "paragraphs": "para_id", "sentences": "sent_id"}[unit]
    unit_of = mentions.assign(unit_id=0 if key is None else mentions[key])
    both = (unit_of[unit_of["actor_id"] == actor_a][["doc_id", "unit_id"]]
            .merge(unit_of[unit_of["actor_id"] == actor_b][["doc_id", "unit_id"]])
            .drop_duplicates())
    units = _units(corpus, unit, both["doc_id"])
    table = both.merge(units, on=["doc_id", "unit_id"])
    inside = unit_of[unit_of["actor_id"].isin([actor_a, actor_b])]
    return _with_mentions(table, inside)


def _units(corpus: Corpus, unit: Unit, doc_ids) -> pd.DataFrame:
    """``doc_id, unit_id, start, end, text`` of the units of some articles."""
    part = corpus.subset(pd.unique(doc_ids))
    key = {"articles": None, "paragraphs": "para_id", "sentences": "sent_id"}[unit]
    table = part.unit_table(unit)
    table = table.assign(unit_id=0) if key is None else table.rename(columns={key: "unit_id"})
    return table[["doc_id", "unit_id", "start", "end", "text"]]


def _with_mentions(table: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """``table`` (``doc_id, unit_id`` ...) with a ``mentions`` column: the ``(start, end,
    actor_id)`` of the mentions in each unit (one grouping pass, not one filter per row)."""
    grouped = {key: list(zip(g["start"].tolist(), g["end"].tolist(), g["actor_id"].tolist(),
                             strict=True))
               for key, g in mentions.groupby(["doc_id", "unit_id"], sort=False)}
    table = table.reset_index(drop=True)
    table["mentions"] = [grouped.get((d, u), []) for d, u in
                         zip(table["doc_id"], table["unit_id"], strict=True)]
    return table


def evidence_html(evidence: pd.DataFrame, *, max_rows: int = 30) -> HTML:
    """Show evidence units right to left with the two actors' mentions highlighted; all text
    is HTML-escaped."""
    lines = ['<div dir="rtl" class="arcorpus-evidence" style="font-size:110%;line-height:1.8">']
    for row in evidence.head(max_rows).itertuples(index=False):
        pieces, cursor = [], row.start
        for start, end, actor in sorted(row.mentions):
            pieces.append(html.escape(row.text[cursor - row.start:start - row.start]))
            pieces.append(f'<mark title="{html.escape(actor)}">'
                          f"{html.escape(row.text[start - row.start:end - row.start])}</mark>")
            cursor = end
        pieces.append(html.escape(row.text[cursor - row.start:]))
        lines.append(f'<p><span dir="ltr" style="color:#888">[{html.escape(str(row.doc_id))}:'
                     f'{row.unit_id}]</span> {"".join(pieces)}</p>')
    if len(evidence) > max_rows:
        lines.append(f"<p>… {len(evidence) - max_rows} more</p>")
    lines.append("</div>")
    return HTML("\n".join(lines))


def mentions_html(corpus: Corpus, mentions: pd.DataFrame, *, max_rows: int = 30) -> HTML:
    """Every paragraph that names an actor (the first ``max_rows``), right to left, mentions
    highlighted (escaped)."""
    named = mentions.rename(columns={"para_id": "unit_id"})
    shown = named[["doc_id", "unit_id"]].drop_duplicates().head(max_rows + 1)
    table = shown.merge(_units(corpus, "paragraphs", shown["doc_id"]), on=["doc_id", "unit_id"])
    table = _with_mentions(table, named.merge(shown, on=["doc_id", "unit_id"]))
    html_table = evidence_html(table, max_rows=max_rows)
    total = len(named[["doc_id", "unit_id"]].drop_duplicates())
    if total > max_rows:  # say how many there are in all, not just one more than shown
        html_table.markup = html_table.markup.replace(
            f"<p>… {len(table) - max_rows} more</p>", f"<p>… {total - max_rows} more</p>")
    return html_table


def actor_graph(edges: pd.DataFrame, mentions: pd.DataFrame | pd.Series, *,
                weight: str = "count", gazetteer: Gazetteer | None = None,
                isolates: bool = False) -> nx.Graph:
    """A networkx graph: nodes are actors (``mentions``, ``type``, ``label`` = Arabic name,
    ``name_en``), edges carry every measure of ``edges`` and ``weight``. Actors named with
    no other actor are left out unless ``isolates``. ``mentions``: the mentions table, or the
    mentions per actor (a Series indexed by ``actor_id``, as ``arcorpus.dask.mention_counts``
    gives without gathering the mentions)."""
    gazetteer = gazetteer or load_gazetteer()
    info = gazetteer.actors.set_index("actor_id")
    graph = nx.Graph()
    counts = mentions if isinstance(mentions, pd.Series) else \
        mentions["actor_id"].value_counts()
    connected = set(edges["actor_a"]) | set(edges["actor_b"])
    for actor in sorted(connected | (set(counts.index) if isolates else set())):
        graph.add_node(actor, mentions=int(counts.get(actor, 0)),
                       type=str(info.loc[actor, "type"]) if actor in info.index else "",
                       label=str(info.loc[actor, "name_ar"]) if actor in info.index else actor,
                       name_en=str(info.loc[actor, "name_en"]) if actor in info.index else actor)
    for row in edges.to_dict("records"):
        attributes = {k: (float(v) if isinstance(v, float) else int(v) if not isinstance(v, str)
                          else v) for k, v in row.items() if k not in ("actor_a", "actor_b")}
        graph.add_edge(row["actor_a"], row["actor_b"], weight=float(row[weight]), **attributes)
    return graph


def export_graph(graph: nx.Graph, path: str | os.PathLike) -> None:
    """Write ``graph`` for Gephi: ``.gexf`` or ``.graphml`` (by suffix), atomically, UTF-8."""
    suffix = os.fspath(path).rsplit(".", 1)[-1].lower()
    writers = {"gexf": nx.write_gexf, "graphml": nx.write_graphml}
    if suffix not in writers:
        raise ValueError(f"export to .gexf or .graphml, not .{suffix}")
    with atomic_write(path) as handle:
        writers[suffix](graph, handle)
