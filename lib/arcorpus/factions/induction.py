"""Gazetteer induction: candidate actor names the gazetteer lacks, found in the corpus itself,
for a person to review; and the kit writing the reviewed rows into a copy of the gazetteer.

Where candidates come from (all matched on normalised text, reported as written):

- an organisational head noun (جبهة، لواء، ألوية، كتائب، كتيبة، فرقة، حركة، جيش، تنظيم، قوات،
  هيئة، فيلق، جماعة، ميليشيا، حزب، تجمع، سرايا، مجلس) and the words that follow it, up to four,
  stopping at punctuation, a preposition, a relative pronoun, a number or a verb-like word
  (``STOP_WORDS``); of the nested phrases (جيش، جيش الفتح، جيش الفتح في) the longest that keeps
  most of the shorter one's occurrences is kept (a C-value-like choice);
- a quoted name right after a head noun (لواء «فرسان الحق»);
- a Latin acronym in brackets after Arabic words (``(YPG)``), with the Arabic words before it.

A candidate is dropped when the gazetteer already finds an actor over most of it. The rest are
grouped by their matching key and the gazetteer's spelling variants (the variants that would
merge are listed), and ranked by the number of articles they occur in (dispersion), then by
frequency.
"""

from __future__ import annotations

import math
import os
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

import pandas as pd

from ..corpus import Corpus
from ..io import atomic_write
from ..progress import progress_bar
from ..text.normalize import OffsetMap, normalize_with
from .gazetteer import (
    ACTOR_COLUMNS,
    ACTOR_OPTIONAL,
    ALIAS_COLUMNS,
    ALIAS_OPTIONAL,
    MATCH_OPTIONS,
    Gazetteer,
    _variant_pairs,
    _variants,
    load_gazetteer,
)
from .mentions import MentionFinder, as_finder

HEAD_NOUNS = ("جبهة", "لواء", "ألوية", "كتائب", "كتيبة", "فرقة", "حركة", "جيش", "تنظيم", "قوات",
              "هيئة", "فيلق", "جماعة", "ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "حزب", "تجمع",
              "سرايا")
#: actor types whose presence makes an article one about armed conflict
ARMED_TYPES = frozenset({"state_forces", "pro_government_militia", "foreign_militia", "jihadist",
                         "islamist_armed", "armed_opposition", "kurdish_forces"})
_STOP_LIST = """
في من على إلى الى عن مع ضد منذ بين حتى خلال عبر لدى نحو بعد قبل عند دون أن ان إن قد لم لن
لا ما التي الذي الذين اللذين اللتين هو هي هم هذا هذه ذلك تلك كل بعض أي أو ثم كما حيث بينما
أمس اليوم قال قالت أعلن أعلنت أكد أكدت أشار أشارت أفاد أفادت وقال وقالت وأعلن وأعلنت كان
كانت يكون تكون عناصر مقاتلي مسلحي قائد قيادة زعيم عضو أعضاء المعارضة المسلحة الإرهابي
الإرهابية المتطرف المتطرفة الموالية الموالي المدعومة المدعوم التابعة التابع المقربة المقرب
السابق السابقة الجديد الجديدة مؤخرا أيضا فقط وهو وهي بما بأن لأن وفي ومن وعلى وإلى الرئيس
وزير الوزير الدكتور بن رقم العام العامة
"""
#: words that end a name after a head noun (prepositions, pronouns, common verbs and nouns of
#: reporting that follow a name but are not part of it)
STOP_WORDS = frozenset(normalize_with(w, MATCH_OPTIONS) for w in _STOP_LIST.split())
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u064b-\u0652\u0640])*")
_QUOTED = re.compile(r"[«\"“]\s*([^«»\"“”\n]{3,60}?)\s*[»\"”]")
_ACRONYM = re.compile(r"\(\s*([A-Z][A-Z\-]{1,7})\s*\)")
SUGGESTION_COLUMNS = ["candidate", "key", "head", "kind", "count", "n_docs", "n_sources",
                      "dispersion", "conflict_share", "conflict_docs", "variants", "examples"]


def _head_keys() -> dict[str, str]:
    return {normalize_with(h, MATCH_OPTIONS): h for h in HEAD_NOUNS}


def _strip_proclitic(word: str, heads: dict[str, str]) -> str | None:
    """The head noun a written word stands for (وجيش، لجبهة، بقوات), or None."""
    if word in heads:
        return word
    for cut in (1, 2):
        if len(word) > cut + 2 and all(c in "وفبلك" for c in word[:cut]) and \
                word[cut:] in heads and word[:2] != "لل":  # لل = ل + ال: a definite noun
            return word[cut:]
    return None


def _phrases(normal: str, heads: dict[str, str], longest: int):
    """``(start, end, n_words)`` of each head noun + 1..``longest`` following words."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(normal)]
    for i, (start, end, word) in enumerate(words):
        head = _strip_proclitic(word, heads)
        if head is None:
            continue
        start = end - len(head)
        previous_end = end
        for k in range(1, longest + 1):
            if i + k >= len(words):
                break
            w_start, w_end, following = words[i + k]
            between = normal[previous_end:w_start]
            if between.strip(" \"'«»“”") != "" or following in STOP_WORDS or \
                    following in heads or (k > 1 and following[0] in "بل" and
                                           following[1:3] != "ال" and len(following) > 4):
                break  # punctuation, a stop word, another head or a preposition (بمنطقة)
            if k == 1 and not following.startswith("ال") and following.endswith(
                    ("ي", "يه", "ية")):
                break  # an indefinite adjective (جماعة إرهابية): a description, not a name
            previous_end = w_end
            yield start, w_end, k + 1


def suggest_actors(
    data: Corpus | pd.DataFrame | Iterable[str],
    *,
    gazetteer: Gazetteer | MentionFinder | None = None,
    min_count: int = 3,
    min_docs: int = 2,
    min_share: float = 0.5,
    top_n: int | None = 100,
    n_examples: int = 3,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Candidate actor names the gazetteer lacks, ranked for review.

    Args:
        data: a Corpus, a DataFrame with ``text`` (and ``doc_id``, ``source`` if it has them),
            or texts.
        gazetteer: what is already known (default: the kit's gazetteer).
        min_count, min_docs: keep candidates seen at least this often, in this many articles.
        min_share: keep candidates at least this share of whose articles are about armed
            conflict (they name a place of the four theatres or an armed actor the gazetteer
            knows): this sets cabinets, councils and traffic (حركة المرور) aside.
        top_n: how many to return (``None``: all).
        n_examples: example contexts per candidate (from different articles).

    Returns:
        Columns ``candidate`` (the most frequent spelling), ``key`` (normalised), ``head``
        (the head noun, or ``quoted`` / ``acronym``), ``kind``, ``count``, ``n_docs``,
        ``n_sources``, ``dispersion`` (``n_docs / count``: 1 when every occurrence is in another
        article), ``conflict_share`` (share of its articles about armed conflict),
        ``variants`` (the spellings that would merge, with their counts) and ``examples``
        (``doc_id: …context…``), sorted by the number of its articles about armed conflict,
        then ``count``.

    Example:
        >>> table = suggest_actors(corpus, min_count=5)  # doctest: +SKIP
        >>> table[["candidate", "count", "n_docs"]].head()  # doctest: +SKIP
    """
    finder = as_finder(gazetteer)
    if isinstance(data, Corpus):
        frame = data.articles
    elif isinstance(data, pd.DataFrame):
        if "text" not in data.columns:
            raise ValueError("suggest_actors needs a 'text' column")
        frame = data
    else:
        frame = pd.DataFrame({"text": list(data)})
    texts = frame["text"].astype(str).tolist()
    doc_ids = frame["doc_id"].astype(str).tolist() if "doc_id" in frame.columns else \
        [str(i) for i in range(len(texts))]
    sources = frame["source"].astype(str).tolist() if "source" in frame.columns else \
        [""] * len(texts)
    heads = _head_keys()
    type_of = dict(zip(finder.gazetteer.actors["actor_id"], finder.gazetteer.actors["type"],
                       strict=True))
    armed = {i for i, actor in enumerate(finder._actor) if type_of.get(actor) in ARMED_TYPES}
    relevant = []
    seen: dict[str, list] = defaultdict(list)  # key -> [(doc, start, end, kind, n_words)]
    for row, text in enumerate(progress_bar(texts, desc="candidates", unit="text",
                                            enabled=progress)):
        normal = normalize_with(text, MATCH_OPTIONS)  # offsets: mapped back when shown
        found, places, _, _ = finder._candidates(normal)
        relevant.append(bool(places) or any(i in armed for _, _, slot in found
                                            for i in finder._slot_rows[slot]))
        for start, end, n in _phrases(normal, heads, 4):
            key = " ".join(_WORD.findall(normal[start:end]))
            seen[key].append((row, start, end, "head_noun", n))
        for match in _QUOTED.finditer(normal):
            before = normal[max(0, match.start() - 12):match.start()].split()
            if before and _strip_proclitic(before[-1], heads) is not None:
                key = " ".join(_WORD.findall(match.group(1)))
                if key and len(key.split()) <= 5:
                    seen[key].append((row, match.start(1), match.end(1), "quoted", 0))
        for match in _ACRONYM.finditer(normal):
            seen[match.group(1)].append((row, match.start(1), match.end(1), "acronym", 0))
    maps: dict[int, OffsetMap] = {}

    def written_span(row: int, start: int, end: int) -> tuple[int, int]:
        if row not in maps:
            maps[row] = OffsetMap(texts[row], MATCH_OPTIONS)
        return maps[row].span(start, end)

    # spellings that differ only by the gazetteer's variants count as one name
    variant_pairs = _variant_pairs(_read_variants())
    merged: dict[str, list] = defaultdict(list)
    for key, hits in seen.items():
        merged[min(_variants(key, variant_pairs))].extend(hits)
    counts = {key: len(hits) for key, hits in merged.items()}
    keep = _maximal(counts, min_count)
    rows = []
    for canonical in sorted(keep, key=lambda k: -counts[k]):
        members = [canonical]
        hits = merged[canonical]
        docs = {h[0] for h in hits}
        share = sum(relevant[d] for d in docs) / len(docs)
        if len(hits) < min_count or len(docs) < min_docs or share < min_share:
            continue
        hits = [(row, *written_span(row, start, end), kind, n)
                for row, start, end, kind, n in hits]
        written = Counter(texts[row][start:end] for row, start, end, _, _ in hits)
        candidate = written.most_common(1)[0][0]
        if _known(finder, candidate):
            continue
        kind = Counter(h[3] for h in hits).most_common(1)[0][0]
        first_word = members[0].split()[0]
        head = heads.get(first_word, first_word) if kind == "head_noun" else kind
        examples, used = [], set()
        for row, start, end, _, _ in hits:
            if row in used:
                continue
            used.add(row)
            left = texts[row][max(0, start - 40):start].replace("\n", " ")
            right = texts[row][end:end + 40].replace("\n", " ")
            examples.append(f"{doc_ids[row]}: …{left}[{texts[row][start:end]}]{right}…")
            if len(examples) == n_examples:
                break
        rows.append({"candidate": candidate, "key": members[0], "head": head, "kind": kind,
                     "count": len(hits), "n_docs": len(docs),
                     "n_sources": len({sources[d] for d in docs}),
                     "dispersion": round(len(docs) / len(hits), 3),
                     "conflict_share": round(share, 3),
                     "conflict_docs": sum(relevant[d] for d in docs),
                     "variants": [f"{w} ({n})" for w, n in written.most_common()],
                     "examples": examples})
    table = pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)
    table = table.sort_values(["conflict_docs", "count", "candidate"],
                              ascending=[False, False, True]).reset_index(drop=True)
    return table.head(top_n) if top_n is not None else table


def _maximal(counts: dict[str, int], min_count: int) -> set[str]:
    """Of nested phrases, keep a phrase unless a one-word-longer one keeps at least 60% of
    its occurrences (then the longer name is the name: جيش الفتح, not جيش)."""
    frequent = {k for k, n in counts.items() if n >= min_count}
    longer: dict[str, int] = defaultdict(int)
    for key in frequent:
        words = key.split()
        if len(words) > 1:
            shorter = " ".join(words[:-1])
            longer[shorter] = max(longer[shorter], counts[key])
    kept = set()
    for key in frequent:
        if len(key.split()) < 2 and not key.isascii():
            continue  # a bare head noun is not a name
        if longer.get(key, 0) >= 0.6 * counts[key]:
            continue
        kept.add(key)
    return kept


def _known(finder: MentionFinder, candidate: str) -> bool:
    """Does the gazetteer already find an actor over most of ``candidate``?"""
    found = finder.find(candidate)
    covered = sum(end - start for start, end, _ in found)
    return covered >= 0.6 * len(candidate.strip())


def _read_variants() -> pd.DataFrame:
    path = Path(str(files("arcorpus").joinpath("data/gazetteer/variants.csv")))
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def add_actors(reviewed: pd.DataFrame, folder: str | os.PathLike, *,
               base: str | os.PathLike | None = None) -> Gazetteer:
    """Write reviewed suggestions into a copy of the gazetteer and load it.

    Args:
        reviewed: one row per accepted name: ``actor_id`` and ``alias`` (or ``candidate``),
            and for a new actor ``name_en``, ``type`` and optionally ``theatres``,
            ``name_ar`` (default: the alias), ``affiliations``; ``variants`` (as in
            :func:`suggest_actors`) become aliases too. A row whose ``actor_id`` exists adds
            aliases to that actor.
        folder: where the copy goes (created if needed; the kit's own data is never written).
        base: the gazetteer to copy (default: the kit's; if ``folder`` already holds one, it is
            extended in place).

    Returns:
        The new gazetteer, loaded (so an alias given to two actors is an error before anything
        is written: the files are written only if the result loads).

    Example:
        >>> picks = suggest_actors(corpus).head(3).assign(  # doctest: +SKIP
        ...     actor_id=["liwa_x", "jaysh_y", "harakat_z"], name_en=[...], type="armed_opposition")
        >>> gazetteer = add_actors(picks, "my_gazetteer/")  # doctest: +SKIP
    """
    folder = Path(folder)
    kit = Path(str(files("arcorpus").joinpath("data/gazetteer"))).resolve()
    if folder.resolve() == kit:
        raise ValueError("add_actors writes a copy: choose a folder other than the kit's")
    source = Path(base) if base is not None else (
        folder if (folder / "actors.csv").exists() else kit)
    if "alias" not in reviewed.columns:
        if "candidate" not in reviewed.columns:
            raise ValueError("reviewed suggestions need an 'alias' or 'candidate' column")
        reviewed = reviewed.assign(alias=reviewed["candidate"])
    if "actor_id" not in reviewed.columns:
        raise ValueError("reviewed suggestions need an 'actor_id' column")
    actors = pd.read_csv(source / "actors.csv", dtype=str, keep_default_na=False)
    aliases = pd.read_csv(source / "aliases.csv", dtype=str, keep_default_na=False)
    known = set(actors["actor_id"])
    new_actors, new_aliases = [], []
    for row in reviewed.to_dict("records"):
        actor = str(row["actor_id"]).strip()
        if not re.fullmatch(r"[a-z][a-z0-9_]*", actor):
            raise ValueError(f"actor_id {actor!r}: use lower-case snake_case")
        if actor not in known:
            missing = [c for c in ("name_en", "type") if not str(row.get(c) or "").strip()]
            if missing:
                raise ValueError(f"new actor {actor!r} needs {missing}")
            theatres = str(row.get("theatres") or "")
            new_actors.append({"actor_id": actor,
                               "name_ar": str(row.get("name_ar") or row["alias"]),
                               "name_en": row["name_en"], "type": row["type"],
                               "theatres": theatres, "adjective": "",
                               "affiliations": str(row.get("affiliations") or "")})
            known.add(actor)
        spellings = [str(row["alias"])]
        for variant in row.get("variants") or []:
            spellings.append(re.sub(r"\s*\(\d+\)$", "", str(variant)))
        for alias in dict.fromkeys(s.strip() for s in spellings if s.strip()):
            new_aliases.append({"actor_id": actor, "alias": alias, "from_year": "",
                                "to_year": "", "rule": "", "theatres": ""})
    for frame, columns in ((actors, ACTOR_COLUMNS + ACTOR_OPTIONAL),
                           (aliases, ALIAS_COLUMNS + ALIAS_OPTIONAL)):
        for column in columns:
            if column not in frame.columns:
                frame[column] = ""
    actors = pd.concat([actors, pd.DataFrame(new_actors)], ignore_index=True)[
        [*ACTOR_COLUMNS[:4], "theatres", "adjective", "affiliations"]]
    aliases = pd.concat([aliases, pd.DataFrame(new_aliases)], ignore_index=True)
    aliases = aliases.drop_duplicates(["actor_id", "alias"])[ALIAS_COLUMNS + ALIAS_OPTIONAL]
    staging = folder.parent / f".{folder.name}.staging"
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(source, staging)
    actors.to_csv(staging / "actors.csv", index=False)
    aliases.to_csv(staging / "aliases.csv", index=False)
    try:
        load_gazetteer(folder=staging)  # validate before anything is written in `folder`
    except ValueError:
        shutil.rmtree(staging)
        raise
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(staging.iterdir()):
        with atomic_write(folder / path.name, "wb") as handle:
            handle.write(path.read_bytes())
    shutil.rmtree(staging)
    return load_gazetteer(folder=folder)


def induction_recall(corpus: Corpus, held_out: Iterable[str], *, top_n: int = 200,
                     min_count: int = 3) -> pd.DataFrame:
    """How well :func:`suggest_actors` surfaces factions the gazetteer lacks: the kit's
    gazetteer without the ``held_out`` actors is given to it, and each held-out actor that the
    full gazetteer finds in ``corpus`` is looked for among the ``top_n`` suggestions (found when
    a suggestion's spelling is one of its aliases). Columns ``actor_id, mentions, rank``
    (``NaN``: not surfaced)."""
    full = load_gazetteer()
    held_out = list(held_out)
    unknown = sorted(set(held_out) - set(full.actors["actor_id"]))
    if unknown:
        raise ValueError(f"unknown actor(s) {unknown}")
    reduced = Gazetteer(full.actors[~full.actors["actor_id"].isin(held_out)],
                        full.aliases[~full.aliases["actor_id"].isin(held_out)],
                        full.places, tuple(r for r in full.rules if r.actor_id not in held_out),
                        full.theatres)
    from .mentions import find_mentions

    found = find_mentions(corpus, gazetteer=MentionFinder(full), progress=False)
    counts = found["actor_id"].value_counts()
    suggestions = suggest_actors(corpus, gazetteer=reduced, min_count=min_count, top_n=top_n,
                                 progress=False)
    keys_by_actor = full.aliases.groupby("actor_id")["key"].apply(set)
    rows = []
    for actor in held_out:
        keys = keys_by_actor.get(actor, set())
        rank = math.nan
        for position, row in enumerate(suggestions.itertuples(index=False), start=1):
            spellings = {normalize_with(re.sub(r"\s*\(\d+\)$", "", v), MATCH_OPTIONS)
                         for v in row.variants} | {row.key}
            if spellings & keys:
                rank = position
                break
        rows.append({"actor_id": actor, "mentions": int(counts.get(actor, 0)), "rank": rank})
    return pd.DataFrame(rows)


