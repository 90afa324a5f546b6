"""The evidence behind an edge: the units in which two actors are named together, as a table
and as an escaped, right-to-left, highlighted display; and graph export for Gephi."""

from __future__ import annotations

import os

import networkx as nx
import pandas as pd

from ..corpus import Corpus
from ..corpus.units import Unit, check_unit
from ..display import HTML, Marked, rtl_table
from ..io import atomic_write
from ..markup import SafeText
from .gazetteer import Gazetteer, load_gazetteer
from .relations import typed_edges

#: the colour of each relation in displays (conflict red, cooperation green, neither grey)
_RELATION_COLOURS = {"conflict": "#c0392b", "cooperation": "#1e8449", "neither": "#888888"}


def cooccurrence_evidence(corpus: Corpus, mentions: pd.DataFrame, actor_a: str, actor_b: str,
                          *, unit: Unit = "sentences",
                          relations: pd.DataFrame | None = None) -> pd.DataFrame:
    """The units (sentences, paragraphs or articles) naming both actors: ``doc_id, unit_id,
    start, end, text`` (offsets into the article text) and the two actors' mentions inside.
    With ``relations`` (from :func:`~arcorpus.factions.relations`, same unit), each unit also
    gets its ``relation``, ``cue``, ``cue_start`` and ``cue_end``, and the evidence display
    shows the cue.

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
    table = _with_mentions(table, inside)
    if relations is not None:
        pair = relations[(relations["actor_a"] == min(actor_a, actor_b))
                         & (relations["actor_b"] == max(actor_a, actor_b))]
        table = table.merge(pair[["doc_id", "unit_id", "relation", "cue", "cue_start",
                                  "cue_end"]], on=["doc_id", "unit_id"], how="left")
        table["relation"] = table["relation"].fillna("neither")
        table["cue"] = table["cue"].fillna("")
        table[["cue_start", "cue_end"]] = table[["cue_start", "cue_end"]].fillna(-1).astype(int)
    return table


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


def _evidence_rows(evidence: pd.DataFrame) -> pd.DataFrame:
    """``unit`` ("doc_id:unit_id"), ``relation`` when the evidence is typed, and ``text`` (a
    :class:`Marked` with the mentions, and the cue of a typed relation underlined) per row."""
    spans = [[(s - start, e - start, actor) for s, e, actor in mentions]
             for start, mentions in zip(evidence["start"], evidence["mentions"], strict=True)]
    rows = {"unit": [f"{d}:{u}" for d, u in zip(evidence["doc_id"], evidence["unit_id"],
                                                 strict=True)]}
    if "cue_start" in evidence.columns:
        rows["relation"] = list(evidence["relation"])
        for marks, start, cue_start, cue_end, relation in zip(
                spans, evidence["start"], evidence["cue_start"], evidence["cue_end"],
                evidence["relation"], strict=True):
            cue = (cue_start - start, cue_end - start)
            if cue_start >= 0 and not any(s < cue[1] and cue[0] < e for s, e, _ in marks):
                marks.append((*cue, relation, _RELATION_COLOURS.get(relation, "#555555")))
    rows["text"] = [Marked(text, marks) for text, marks in zip(evidence["text"], spans,
                                                               strict=True)]
    return pd.DataFrame(rows, dtype=object)


def evidence_html(evidence: pd.DataFrame, *, max_rows: int = 30) -> HTML:
    """Show evidence units right to left (:func:`~arcorpus.display.rtl_table`) with the two
    actors' mentions highlighted (their actor id as the mark's title) and, when the evidence is
    typed (``relation``, ``cue_start``, ``cue_end`` columns), the relation in its own column and
    the cue underlined in the relation's colour; all text is HTML-escaped (control characters
    shown as escapes, with a warning)."""
    labels = {"unit": "doc:unit", "relation": "relation", "text": "النص"}
    return rtl_table(_evidence_rows(evidence), labels=labels, max_rows=max_rows,
                     css_class="arcorpus-evidence", name="evidence_html")


def mentions_html(corpus: Corpus, mentions: pd.DataFrame, *, max_rows: int = 30) -> HTML:
    """Every paragraph that names an actor (the first ``max_rows``), right to left, mentions
    highlighted (escaped)."""
    named = mentions.rename(columns={"para_id": "unit_id"})
    shown = named[["doc_id", "unit_id"]].drop_duplicates().head(max_rows)
    table = shown.merge(_units(corpus, "paragraphs", shown["doc_id"]), on=["doc_id", "unit_id"])
    table = _with_mentions(table, named.merge(shown, on=["doc_id", "unit_id"]))
    total = len(named[["doc_id", "unit_id"]].drop_duplicates())
    return rtl_table(_evidence_rows(table), labels={"unit": "doc:unit", "text": "النص"},
                     max_rows=max_rows, total=total, css_class="arcorpus-evidence",
                     name="mentions_html")


def actor_graph(edges: pd.DataFrame, mentions: pd.DataFrame | pd.Series, *,
                weight: str = "count", gazetteer: Gazetteer | None = None,
                isolates: bool = False, relations: pd.DataFrame | None = None,
                top_n: int | None = None) -> nx.Graph:
    """A networkx graph: nodes are actors (``mentions``, ``type``, ``label`` = Arabic name,
    ``name_en``), edges carry every measure of ``edges`` and ``weight``. Actors named with
    no other actor are left out unless ``isolates``. ``mentions``: the mentions table, or the
    mentions per actor (a Series indexed by ``actor_id``, as ``arcorpus.dask.mention_counts``
    gives without gathering the mentions). ``top_n``: only the ``top_n`` actors with the most
    mentions (ties by id) and the edges among them, for a figure a reader can read (a real
    corpus names 150 actors or more); the edges table keeps them all.

    With ``relations`` (:func:`~arcorpus.factions.relations` output), the network is signed:
    every edge also carries ``conflict``, ``cooperation`` and ``neither`` (sentences typed so),
    ``sign`` ((cooperation - conflict) / typed sentences, in [-1, 1]) and ``relation`` (the
    prevailing one); pairs never typed get zeros and ``neither``.

    Example:
        >>> typed = relations(corpus, mentions)  # doctest: +SKIP
        >>> graph = actor_graph(edges, mentions, relations=typed)  # doctest: +SKIP
    """
    gazetteer = gazetteer or load_gazetteer()
    if relations is not None:
        signed = typed_edges(relations)
        edges = edges.merge(signed, on=["actor_a", "actor_b"], how="left")
        for column in ("conflict", "cooperation", "neither"):
            edges[column] = edges[column].fillna(0).astype(int)
        edges["sign"] = edges["sign"].fillna(0.0)
        edges["relation"] = edges["relation"].fillna("neither")
    info = gazetteer.actors.set_index("actor_id")
    graph = nx.Graph()
    counts = mentions if isinstance(mentions, pd.Series) else \
        mentions["actor_id"].value_counts()
    if top_n is not None:
        if top_n < 1:
            raise ValueError(f"top_n must be at least 1, got {top_n}")
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        kept = {actor for actor, _ in ranked[:top_n]}
        edges = edges[edges["actor_a"].isin(kept) & edges["actor_b"].isin(kept)]
        counts = counts[counts.index.isin(kept)]
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
    """Write ``graph`` for Gephi: ``.gexf`` or ``.graphml`` (by suffix), atomically, UTF-8.

    The XML is always well-formed: characters XML forbids (control characters, lone
    surrogates) in names and attributes are written as ``\\x..`` escapes, with a warning.
    """
    suffix = os.fspath(path).rsplit(".", 1)[-1].lower()
    writers = {"gexf": nx.write_gexf, "graphml": nx.write_graphml}
    if suffix not in writers:
        raise ValueError(f"export to .gexf or .graphml, not .{suffix}")
    safe = SafeText()
    clean = _xml_safe_graph(graph, safe)
    with atomic_write(path) as handle:
        writers[suffix](clean, handle)
    safe.warn(os.fspath(path))


def _xml_safe_graph(graph: nx.Graph, safe: SafeText) -> nx.Graph:
    """A copy of ``graph`` whose string names, keys and values XML can hold."""
    def value(v):
        return safe.text(v) if isinstance(v, str) else v

    def attributes(data: dict) -> dict:
        return {value(k): value(v) for k, v in data.items()}

    names = {node: value(node) for node in graph.nodes}
    if len(set(names.values())) < len(names):
        raise ValueError("two actors' names differ only by control characters; rename them "
                         "before exporting")
    clean = graph.__class__()
    clean.graph.update(attributes(graph.graph))
    clean.add_nodes_from((names[n], attributes(d)) for n, d in graph.nodes(data=True))
    clean.add_edges_from((names[a], names[b], attributes(d))
                         for a, b, d in graph.edges(data=True))
    return clean
