"""The actor gazetteer: editable tables of actors and their aliases.

Two CSV files (in ``arcorpus/data/gazetteer/``, or your own, same columns):

``actors.csv``: ``actor_id, name_ar, name_en, type, affiliations``
    ``type``: state_forces, pro_government_militia, foreign_state, foreign_militia, jihadist,
    islamist_armed, armed_opposition, kurdish_forces, political_body, judicial_body,
    civil_body, international_body. ``affiliations``: ``relation:actor_id[(years)]`` items
    separated by ``;`` (part_of, allied_with, pledged_allegiance, merged_into, led_by).

``aliases.csv``: ``actor_id, alias, from_year, to_year, rule``
    one row per spelling, short form or older or newer name, with the years it was used (blank:
    open). ``rule`` limits where an ambiguous alias counts (blank: everywhere):
    ``after_tanzim`` right after تنظيم (تنظيم "الدولة"); ``quoted`` inside quotes or brackets;
    ``discourse`` only in an article that names the same actor unambiguously elsewhere (one
    sense per discourse, Gale, Church & Yarowsky 1992). Several rules: any of them, ``a|b``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pandas as pd

from ..text.normalize import NormalizeOptions, normalize_with

RULES = frozenset({"after_tanzim", "quoted", "discourse"})
ACTOR_COLUMNS = ["actor_id", "name_ar", "name_en", "type", "affiliations"]
ALIAS_COLUMNS = ["actor_id", "alias", "from_year", "to_year", "rule"]
#: how aliases are normalised for matching (the text is normalised the same way)
MATCH_OPTIONS = NormalizeOptions()


@dataclass(frozen=True)
class Gazetteer:
    """Actors and aliases as two DataFrames; ``aliases`` has a ``key`` column, the normalised
    alias the matcher looks for."""

    actors: pd.DataFrame
    aliases: pd.DataFrame

    def __len__(self) -> int:
        return len(self.actors)


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected {columns}")
    return frame[columns]


def load_gazetteer(folder: str | os.PathLike | None = None) -> Gazetteer:
    """Load ``actors.csv`` and ``aliases.csv`` from ``folder`` (default: the kit's own).

    Raises ``ValueError`` naming the problem for unknown actors, unknown rules, duplicate
    actor ids, or one alias given to two actors.

    >>> g = load_gazetteer()
    >>> len(g) >= 60, g.actors.set_index("actor_id").loc["nusra", "name_en"][:15]
    (True, 'Jabhat al-Nusra')
    """
    root = Path(folder) if folder is not None else Path(str(files("arcorpus").joinpath(
        "data/gazetteer")))
    actors = _read(root / "actors.csv", ACTOR_COLUMNS)
    aliases = _read(root / "aliases.csv", ALIAS_COLUMNS)
    duplicated = actors["actor_id"][actors["actor_id"].duplicated()]
    if len(duplicated):
        raise ValueError(f"{root / 'actors.csv'}: duplicate actor_id {sorted(set(duplicated))}")
    unknown = set(aliases["actor_id"]) - set(actors["actor_id"])
    if unknown:
        raise ValueError(f"{root / 'aliases.csv'}: aliases of unknown actors {sorted(unknown)}")
    for rule in aliases["rule"]:
        bad = {r for r in rule.split("|") if r} - RULES
        if bad:
            raise ValueError(f"{root / 'aliases.csv'}: unknown rule(s) {sorted(bad)}; "
                             f"use {sorted(RULES)}")
    aliases = aliases.assign(key=[normalize_with(a.strip(), MATCH_OPTIONS)
                                  for a in aliases["alias"]])
    clash = aliases.groupby("key")["actor_id"].nunique()
    if (clash > 1).any():
        keys = clash[clash > 1].index.tolist()
        raise ValueError(f"alias(es) given to more than one actor: {keys}")
    aliases = aliases.drop_duplicates(["actor_id", "key"]).reset_index(drop=True)
    return Gazetteer(actors.reset_index(drop=True), aliases)
