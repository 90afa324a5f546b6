"""Typed edges: is a sentence that names two actors about conflict between them, cooperation,
or neither? Decided from cue words between and around the pair (``cues.csv``: data, not
code), with the cue kept as evidence.

The rule, for two mentions in one sentence (other actors' names are masked out):

1. cues are looked for between the two names and in the ``window`` words before the first
   and after the second (a proclitic and the article on a word are ignored: والاشتباكات
   matches اشتباك*); a cue right after a negation (لا، لم، لن، ليس، عدم، دون، غير، نفى ...)
   does not count;
2. when the two names are merely coordinated (only و or a comma between them: الحوثيين وقوات
   صالح), a cue outside concerns both against a third party, so the pair is *neither* unless
   the cue governs بين (اشتباكات بين مسلحي الحوثي والمقاومة: conflict);
3. otherwise a cue between the names weighs 2, one around them 1; the relation with the larger
   weight wins (ties: the cue nearest the pair), no cue: *neither*.

This follows ``tests/fixtures/heldout/relations_guidelines.md``; its accuracy against the held-out
and development labels is in the README.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus import Corpus
from ..corpus.units import Unit, check_unit
from ..text.normalize import normalize_with
from .gazetteer import MATCH_OPTIONS

RELATIONS = ("conflict", "cooperation", "neither")
_TOKEN = re.compile(r"[^\s.,،؛;:!?؟()\[\]«»\"'“”‘’„‟\-–—/|…]+")
_NEGATIONS = frozenset(normalize_with(w, MATCH_OPTIONS) for w in (
    "لا", "لم", "لن", "ليس", "ليست", "عدم", "دون", "بدون", "غير", "نفى", "نفت", "ينفي", "تنفي",
    "ولا", "ولم", "ولن"))
_AND = frozenset({"و", "،", ","})
_BETWEEN = normalize_with("بين", MATCH_OPTIONS)
_PREPOSITIONS = frozenset(normalize_with(w, MATCH_OPTIONS) for w in (
    "من", "مع", "على", "عن", "الى", "إلى", "في", "ضد", "لصالح"))


@dataclass(frozen=True)
class Cues:
    """A cue lexicon compiled for matching: ``table`` (``cue, relation, note``) and, per
    first word, the cues that start with it."""

    table: pd.DataFrame
    exact: dict
    prefixes: tuple

    def __len__(self) -> int:
        return len(self.table)


def _bare(word: str) -> str:
    """A normalised word without the article: الاشتباكات -> اشتباكات."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def load_cues(path: str | Path | None = None) -> Cues:
    """The cue lexicon (``cues.csv``: ``cue, relation, note``; ``*`` ends a prefix; several
    words for a phrase). Default: the kit's own.

    >>> cues = load_cues()
    >>> sorted(set(cues.table["relation"]))
    ['conflict', 'cooperation']
    """
    path = Path(path) if path is not None else Path(str(files("arcorpus").joinpath(
        "data/gazetteer/cues.csv")))
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for column in ("cue", "relation"):
        if column not in table.columns:
            raise ValueError(f"{path}: missing column {column!r}; expected cue, relation, note")
    bad = sorted(set(table["relation"]) - {"conflict", "cooperation"})
    if bad:
        raise ValueError(f"{path}: unknown relation(s) {bad}; use conflict or cooperation")
    exact: dict[str, list] = {}
    prefixes = []
    for cue, relation in zip(table["cue"], table["relation"], strict=True):
        words = [_bare(normalize_with(w, MATCH_OPTIONS)) for w in cue.split()]
        first = words[0]
        entry = (tuple(words), relation, cue)
        if first.endswith("*"):
            prefixes.append((first[:-1], entry))
        else:
            exact.setdefault(first, []).append(entry)
    return Cues(table, exact, tuple(prefixes))


def _forms(word: str) -> set[str]:
    """A normalised token without proclitics and article: والاشتباكات -> اشتباكات."""
    forms = {word, _bare(word)}
    if word.startswith("لل") and len(word) > 3:
        forms.add(word[2:])
    for cut in (1, 2):
        head, rest = word[:cut], word[cut:]
        if len(rest) >= 2 and all(c in "وفبكل" for c in head):
            forms.update({rest, _bare(rest)})
    return forms


def _word_fits(pattern: str, forms: set[str]) -> bool:
    if pattern.endswith("*"):
        return any(f.startswith(pattern[:-1]) for f in forms)
    return pattern in forms


def _cues_at(tokens, i: int, cues: Cues):
    """The cues starting at token ``i``: ``(n_tokens, relation, cue)``."""
    forms = tokens[i][3]
    found = []
    candidates = [e for f in forms for e in cues.exact.get(f, ())]
    candidates += [e for prefix, e in cues.prefixes if any(f.startswith(prefix) for f in forms)]
    for words, relation, cue in candidates:
        if i + len(words) > len(tokens):
            continue
        if all(_word_fits(w, tokens[i + k][3]) for k, w in enumerate(words)):
            found.append((len(words), relation, cue))
    return found


def _tokens(text: str):
    """``(start, end, normalised, forms)`` of each word of ``text``."""
    out = []
    for match in _TOKEN.finditer(text):
        word = normalize_with(match.group(), MATCH_OPTIONS)
        out.append((match.start(), match.end(), word, _forms(word)))
    return out


def _about_third_party(text: str, end: int, masked) -> bool:
    """Is the word after a cue (past one preposition) another actor's name? Then the cue
    relates that actor, not the pair (طائرات التحالف بقيادة المملكة ...)."""
    rest = text[end:end + 40]
    skipped = len(rest) - len(rest.lstrip())
    word = _TOKEN.match(rest, skipped)
    starts = [skipped]
    if word and normalize_with(word.group(), MATCH_OPTIONS) in _PREPOSITIONS:
        after = rest[word.end():]
        starts.append(word.end() + len(after) - len(after.lstrip()))
    return any(start <= end + offset < stop + 1 and end + offset <= stop
               for offset in starts for start, stop in masked
               if start - 2 <= end + offset <= start + 2)


def classify_pair(text: str, span_a: tuple[int, int], span_b: tuple[int, int], *,
                  masked: list[tuple[int, int]] | tuple = (), cues: Cues | None = None,
                  window: int = 4, places: tuple[bool, bool] = (False, False)) \
        -> tuple[str, str, int, int]:
    """The relation the sentence ``text`` states between the actors named at ``span_a`` and
    ``span_b`` (offsets into ``text``): ``(relation, cue as written, cue_start, cue_end)``;
    ``("neither", "", -1, -1)`` without a cue. ``masked``: other actors' spans, never cues;
    a cue whose object is one of them concerns that actor, not the pair. ``places``: whether
    each name is a country named as a place (``role == "place"``): then no relation is read.

    >>> text = "اشتباكات عنيفة بين الحوثيين والمقاومة الشعبية في تعز"
    >>> classify_pair(text, (19, 27), (29, 46))[:2]
    ('conflict', 'اشتباكات')
    >>> classify_pair("قوات النظام مدعومة بميليشيات حزب الله", (0, 11), (20, 37))[:2]
    ('cooperation', 'مدعومة')
    """
    cues = cues or load_cues()
    if any(places):
        return "neither", "", -1, -1
    first, second = sorted([tuple(span_a), tuple(span_b)])
    spans = [first, second, *masked]
    tokens = [t for t in _tokens(text)
              if not any(t[0] < end and start < t[1] for start, end in spans)]
    before = [i for i, t in enumerate(tokens) if t[1] <= first[0]][-window:]
    between = [i for i, t in enumerate(tokens) if t[0] >= first[1] and t[1] <= second[0]]
    if len(between) > 3 * window:  # far apart: only the words near either name count
        between = between[:window] + between[-window:]
    after = [i for i, t in enumerate(tokens) if t[0] >= second[1]][:window]
    gap = re.sub(r"[\s\"'«»“”‘’„‟()]", "", text[first[1]:second[0]])
    coordinated = not between and (gap in ("", "و", "،", ",", "و،") or (
        gap.startswith(("و", "،", ",")) and len(gap) <= 2))
    if not between and text[second[0]:second[0] + 1] == "و":
        coordinated = True
    found = []
    for region, indices in (("before", before), ("between", between), ("after", after)):
        for i in indices:
            if i > 0 and tokens[i - 1][2] in _NEGATIONS:
                continue
            for n, relation, _ in _cues_at(tokens, i, cues):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                if masked and _about_third_party(text, end, masked):
                    continue
                distance = 0 if region == "between" else (
                    first[0] - end if region == "before" else start - second[1])
                found.append((region, relation, start, end, distance, i))
    if coordinated:
        # a cue outside concerns both against a third party, unless it governs بين
        governing = [f for f in found if f[0] == "before" and any(
            tokens[j][2] == _BETWEEN for j in range(f[5] + 1, min(f[5] + 4, len(tokens)))
            if tokens[j][1] <= first[0])]
        if not governing:
            return "neither", "", -1, -1
        found = governing
    if not found:
        return "neither", "", -1, -1
    weight = {"conflict": 0, "cooperation": 0}
    for region, relation, *_ in found:
        weight[relation] += 2 if region == "between" else 1
    if weight["conflict"] == weight["cooperation"]:
        best = min(found, key=lambda f: (f[4], f[0] != "between"))
        relation = best[1]
    else:
        relation = max(weight, key=weight.get)
        best = min((f for f in found if f[1] == relation),
                   key=lambda f: (f[0] != "between", f[4]))
    return relation, text[best[2]:best[3]], best[2], best[3]


def relations(data: Corpus | pd.DataFrame, mentions: pd.DataFrame, *,
              unit: Unit = "sentences", cues: Cues | None = None,
              window: int = 4) -> pd.DataFrame:
    """Every pair of actors named in the same sentence (or paragraph), typed: ``doc_id,
    unit_id, actor_a, actor_b, relation, cue, cue_start, cue_end, start_a, end_a, start_b,
    end_b`` (offsets into the article, as in ``mentions``; ``actor_a < actor_b``; of the
    mentions of the two actors in the unit, the closest two are classified).

    ``data`` is the corpus (or a table of its units with ``doc_id``, the unit's id column,
    ``start`` and ``text``) that ``mentions`` came from.

    Example:
        >>> typed = relations(corpus, find_mentions(corpus))  # doctest: +SKIP
        >>> typed.groupby("relation").size()  # doctest: +SKIP
    """
    unit = check_unit(unit)
    if unit == "articles":
        raise ValueError("relations are typed within sentences or paragraphs, not articles")
    key = "sent_id" if unit == "sentences" else "para_id"
    cues = cues or load_cues()
    columns = ["doc_id", "unit_id", "actor_a", "actor_b", "relation", "cue", "cue_start",
               "cue_end", "start_a", "end_a", "start_b", "end_b"]
    named = mentions.drop_duplicates(["doc_id", key, "actor_id"])
    counts = named.groupby(["doc_id", key]).size()
    shared = counts[counts > 1].index
    if not len(shared):
        return pd.DataFrame(columns=columns)
    table = data.subset(pd.unique(shared.get_level_values(0))).unit_table(unit) \
        if isinstance(data, Corpus) else data
    table = table.set_index(["doc_id", key])
    rows = []
    inside = mentions.set_index(["doc_id", key]).sort_index()
    for doc_id, unit_id in shared:
        text = table.loc[(doc_id, unit_id), "text"]
        offset = int(table.loc[(doc_id, unit_id), "start"])
        here = inside.loc[[(doc_id, unit_id)]]
        spans = list(zip(here["start"] - offset, here["end"] - offset, strict=True))
        by_actor = {actor: group.to_dict("records")
                    for actor, group in here.groupby("actor_id", sort=True)}
        actors = sorted(by_actor)
        for i, actor_a in enumerate(actors):
            for actor_b in actors[i + 1:]:
                a, b = min(((x, y) for x in by_actor[actor_a] for y in by_actor[actor_b]),
                           key=lambda p: abs(p[0]["start"] - p[1]["start"]))
                span_a = (a["start"] - offset, a["end"] - offset)
                span_b = (b["start"] - offset, b["end"] - offset)
                others = [s for s in spans if s not in (span_a, span_b)]
                places = (a.get("role") == "place", b.get("role") == "place")
                relation, cue, start, end = classify_pair(text, span_a, span_b, masked=others,
                                                          cues=cues, window=window,
                                                          places=places)
                rows.append((doc_id, unit_id, a["actor_id"], b["actor_id"], relation, cue,
                             start + offset if start >= 0 else -1,
                             end + offset if end >= 0 else -1,
                             a["start"], a["end"], b["start"], b["end"]))
    return pd.DataFrame(rows, columns=columns)


def typed_edges(typed: pd.DataFrame) -> pd.DataFrame:
    """Per pair of actors: ``conflict, cooperation, neither`` counts, ``sign`` ((cooperation -
    conflict) / typed sentences, in [-1, 1]; 0 when none is typed) and ``relation`` (the more
    frequent of conflict and cooperation, or neither)."""
    counts = (typed.groupby(["actor_a", "actor_b", "relation"]).size().unstack(fill_value=0)
              .reindex(columns=list(RELATIONS), fill_value=0).reset_index())
    typed_n = counts["conflict"] + counts["cooperation"]
    counts["sign"] = np.where(typed_n > 0, (counts["cooperation"] - counts["conflict"])
                              / typed_n.where(typed_n > 0, 1), 0.0).round(4)
    counts["relation"] = np.select(
        [counts["conflict"] > counts["cooperation"],
         counts["cooperation"] > counts["conflict"]], ["conflict", "cooperation"], "neither")
    counts.columns.name = None
    return counts
