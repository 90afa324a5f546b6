"""The actor gazetteer: editable tables of actors, their aliases, the places that tell an
article's theatre, and the context rules that decide what an ambiguous alias means.

CSV files in ``arcorpus/data/gazetteer/`` (or your own folder, same columns; only the first two
are required, the others default to empty):

``actors.csv``: ``actor_id, name_ar, name_en, type, theatres, adjective, affiliations``
    ``type``: state_forces, pro_government_militia, foreign_state, foreign_militia, jihadist,
    islamist_armed, armed_opposition, kurdish_forces, political_body, judicial_body,
    civil_body, international_body. ``theatres``: where the actor belongs, ``|``-separated:
    ``syria``, ``yemen``, ``iraq``, ``libya``, or ``regional`` / ``international`` (the states
    and bodies the theatres share; loaded with any selection). ``adjective``: for a state, its
    definite masculine adjective (التركي): ``templates.csv`` turns it into aliases (الحكومة
    التركية، الجيش التركي ...). ``affiliations``: ``relation:actor_id[(years)]`` items separated
    by ``;`` (part_of, allied_with, pledged_allegiance, merged_into, led_by).

``aliases.csv``: ``actor_id, alias, from_year, to_year, rule, theatres``
    one row per spelling, short form, older or newer name. Years: when the name was used; they
    limit an *ambiguous* alias (one with a rule or theatres) to articles of those years, and
    document the others (a name is still quoted after it changed). ``rule`` limits where an
    ambiguous alias counts (blank: everywhere): ``after_tanzim`` right after تنظيم; ``quoted``
    inside quotes or brackets; ``discourse`` only in an article that names the same actor
    unambiguously elsewhere (one sense per discourse, Gale, Church & Yarowsky 1992); several:
    any of them, ``a|b``. ``theatres``: the alias reads as this actor only in an article (or
    paragraph) about these theatres: الحرس الجمهوري is the regime's in Syria and Saleh's in
    Yemen; التحالف is the US-led coalition by default and the Saudi-led one in Yemen. One
    alias may name several actors only through different ``theatres``.

``variants.csv``: ``find, replace, where, note``: spelling alternations applied to every alias
    in both directions (سوريا/سورية، ديمقراطية/ديموقراطية، ميليشيات/مليشيات ...), so that
    variants are generated, not listed. ``where``: ``anywhere``, ``word`` (a whole word) or
    ``word_end``. Hamza seats,
    alef forms, ta marbuta and alef maqsura need no rows: matching normalises them (see
    ``MATCH_OPTIONS``); quotes and spaces inside a name are the matcher's business.

``templates.csv``: ``template, note, home, anaphora``: organs of a state, ``{m}``/``{f}``
    standing for its masculine/feminine adjective (``الحكومة {f}``, ``الجيش {m}``), ``{fi}``
    for the feminine without the article, after an indefinite noun (``مقاتلات {fi}``:
    مقاتلات تركية). ``home`` =
    ``yes``: the organ named bare (وزارة الداخلية، القوات المسلحة) is the outlet's own state in
    its own press, used with ``load_gazetteer(home=...)``. ``anaphora`` = ``yes``: the organ
    named bare refers back to the state whose organ the article last named in full (الحكومة
    after الحكومة البريطانية is Britain's; the matcher's business, see
    :class:`~arcorpus.factions.MentionFinder`); not for organs whose bare name is also a common
    word (الإدارة، القوة) or an adjective (الداخلية).

``loyalty.csv``: ``phrase, kind, actor_id, theatres, note``: forces named by whom they are
    loyal to. A ``force`` row is a head with its participle (القوات الموالية، وحدات من الجيش
    موالية، المسلحين الموالين); a ``patron`` row names a person or body and the actor whose
    forces are loyal to it (هادي and الشرعية: yemen_government; المخلوع: saleh_forces), with
    ``theatres`` where the patron reads so (الحكومة is each theatre's government). Every head
    joined to every patron by ل is an alias (القوات الموالية لهادي، قوات الجيش الموالية
    للشرعية، القوات الموالية للرئيس المخلوع): generated, not listed. A ``force`` row with an
    ``actor_id`` of its own is that actor whoever it is loyal to (المقاومة الموالية للشرعية is
    the popular resistance, not the government), joined only to patrons read in its
    ``theatres``.

``places.csv``: ``place, country, theatre, kind``: country names, capitals, cities and
    demonyms; the places of the four theatres tell an article's theatre, and country names and
    capitals can be marked as used as a place (``role``). ``kind``: country, capital, city,
    region, demonym; ``seat`` (a town that stands for a government: أربيل) and ``homograph`` (a
    town that is also a common word: تدمر، الباب) are towns that do not make a country listed
    beside them a place; ``formal`` (a state's formal name: جمهورية مصر العربية، المملكة
    العربية السعودية) is the state even where a country's short name would be a place (وزير
    خارجية جمهورية مصر العربية). A city or region of a foreign state (نجران، جازان for Saudi
    Arabia: its own press names its towns, not itself) counts as a mention of that state when a
    bare organ (حرس الحدود، وزارة الداخلية) is read as the state the article names most.

``rules.csv``: ``alias, actor_id, condition, value, except, effect, note, example_positive,
    example_negative``: context rules (see :mod:`arcorpus.factions.rules`), each with an example
    where it applies and one where it does not (the tests run them).

Listed aliases win over generated ones; a generated alias that would name two actors is dropped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import pandas as pd

from ..text.normalize import NormalizeOptions, normalize_with
from .rules import Rule, legacy_rules, read_rules

RULES = frozenset({"after_tanzim", "quoted", "discourse"})
THEATRES = ("syria", "yemen", "iraq", "libya")
SHARED = ("regional", "international")
ACTOR_COLUMNS = ["actor_id", "name_ar", "name_en", "type", "affiliations"]
ACTOR_OPTIONAL = ["theatres", "adjective"]
ALIAS_COLUMNS = ["actor_id", "alias", "from_year", "to_year", "rule"]
ALIAS_OPTIONAL = ["theatres"]
#: how aliases are normalised for matching (the text is normalised the same way): alef forms,
#: alef maqsura, ta marbuta and hamza seats are folded, so أ/ا، ى/ي، ة/ه، ئ/ي، ؤ/و do not matter
MATCH_OPTIONS = NormalizeOptions(taa_marbuta=True, hamza_seats=True)
#: how many spellings one alias may generate through variants.csv
MAX_VARIANTS = 16


@dataclass(frozen=True)
class Gazetteer:
    """Actors, aliases, places and rules as DataFrames and :class:`Rule` objects.

    ``aliases`` has a ``key`` column (the normalised alias the matcher looks for), a
    ``source`` column (``listed``, ``name`` (the actor's ``name_ar``), ``template`` or
    ``variant``) and an ``organ`` column (for a state's organ named in full by an ``anaphora``
    template, the key of the organ named bare: ``الحكومة`` for الحكومة البريطانية; else
    empty); ``theatres`` is the selection
    the gazetteer was loaded with (``None``: all).
    """

    actors: pd.DataFrame
    aliases: pd.DataFrame
    places: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["place", "country", "theatre", "kind", "key"]))
    rules: tuple[Rule, ...] = ()
    theatres: tuple[str, ...] | None = None

    def __len__(self) -> int:
        return len(self.actors)


def _read(path: Path, columns: list[str], optional: Sequence[str] = (),
          required: bool = True) -> pd.DataFrame:
    if not path.exists():
        if required:
            raise ValueError(f"{path}: file not found (a gazetteer folder needs it)")
        return pd.DataFrame(columns=columns + list(optional))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8").fillna("")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected {columns}")
    for column in optional:
        if column not in frame.columns:
            frame[column] = ""
    return frame[columns + list(optional)]


def _key(text: str) -> str:
    return normalize_with(" ".join(text.split()), MATCH_OPTIONS)


def _feminine(adjective: str) -> str:
    """التركي -> التركية; الكوري الجنوبي -> الكورية الجنوبية."""
    return " ".join(w + "ة" if w.endswith("ي") else w for w in adjective.split())


def _indefinite(adjective: str) -> str:
    """التركية -> تركية; الكورية الجنوبية -> كورية جنوبية."""
    return " ".join(w[2:] if w.startswith("ال") else w for w in adjective.split())


def _variants(key: str, pairs: list[tuple[re.Pattern, str]]) -> list[str]:
    """Every spelling reachable from ``key`` by the alternations (both ways), at most
    ``MAX_VARIANTS``, ``key`` first."""
    seen = [key]
    frontier = [key]
    while frontier and len(seen) < MAX_VARIANTS:
        new = []
        for form in frontier:
            for pattern, replacement in pairs:
                changed = pattern.sub(replacement, form)
                if changed != form and changed not in seen:
                    seen.append(changed)
                    new.append(changed)
        frontier = new
    return seen[:MAX_VARIANTS]


def _variant_pairs(table: pd.DataFrame) -> list[tuple[re.Pattern, str]]:
    pairs = []
    for row in table.itertuples(index=False):
        a, b = _key(row.find), _key(row.replace)
        if row.where not in ("anywhere", "word_end", "word"):
            raise ValueError(f"variants.csv: where must be anywhere, word or word_end, not "
                             f"{row.where!r}")
        end = r"(?=\s|$)" if row.where in ("word_end", "word") else ""
        begin = r"(?:^|(?<=\s))" if row.where == "word" else ""
        pairs.append((re.compile(begin + re.escape(a) + end), b))
        pairs.append((re.compile(begin + re.escape(b) + end), a))
    return pairs


def _split(value: str) -> list[str]:
    return [v.strip() for v in str(value).split("|") if v.strip()]


def _selection(theatres) -> tuple[str, ...] | None:
    if theatres is None:
        return None
    chosen = (theatres,) if isinstance(theatres, str) else tuple(theatres)
    unknown = sorted(set(chosen) - set(THEATRES) - set(SHARED))
    if unknown:
        raise ValueError(f"unknown theatre(s) {unknown}; choose among {list(THEATRES)}")
    return chosen


def _is_folder(value) -> bool:
    return isinstance(value, os.PathLike) or (isinstance(value, str) and (
        os.sep in value or "/" in value or Path(value).is_dir()))


def load_gazetteer(
    theatres: str | Iterable[str] | os.PathLike | None = None,
    *,
    folder: str | os.PathLike | None = None,
    home: str | None = None,
) -> Gazetteer:
    """Load the gazetteer, all of it or the actors of some theatres.

    Args:
        theatres: ``None`` (every actor), a theatre or a list of them (``"syria"``,
            ``"yemen"``, ``"iraq"``, ``"libya"``): those theatres' actors plus the regional
            and international ones they share. A folder path here is taken as ``folder``
            (``load_gazetteer("my_folder/")``).
        folder: a folder with ``actors.csv`` and ``aliases.csv`` (and optionally the other
            files) to load instead of the kit's own.
        home: the actor id of the state whose press the corpus is (``"saudi_arabia"`` for
            SaudiNewsNet): a paper names its own state's organs bare (وزارة الداخلية،
            القوات المسلحة، مجلس الوزراء), so these become aliases of that state (the
            ``home`` organs of ``templates.csv``), except before a definite modifier (وزارة
            الداخلية العراقية is another state's). ``None`` (default): no bare organ counts.

    Raises ``ValueError`` naming the file and the problem for unknown actors, rules, theatres
    or conditions, duplicate actor ids, or one alias given to two actors in the same theatre.

    >>> g = load_gazetteer(["syria", "yemen"])
    >>> "houthis" in set(g.actors["actor_id"]), "peshmerga" in set(g.actors["actor_id"])
    (True, False)
    >>> load_gazetteer().actors.set_index("actor_id").loc["nusra", "name_en"][:15]
    'Jabhat al-Nusra'
    """
    if theatres is not None and _is_folder(theatres):
        folder, theatres = theatres, None
    chosen = _selection(theatres)
    root = Path(folder) if folder is not None else Path(str(files("arcorpus").joinpath(
        "data/gazetteer")))
    actors = _read(root / "actors.csv", ACTOR_COLUMNS, ACTOR_OPTIONAL)
    aliases = _read(root / "aliases.csv", ALIAS_COLUMNS, ALIAS_OPTIONAL)
    duplicated = actors["actor_id"][actors["actor_id"].duplicated()]
    if len(duplicated):
        raise ValueError(f"{root / 'actors.csv'}: duplicate actor_id {sorted(set(duplicated))}")
    unknown = set(aliases["actor_id"]) - set(actors["actor_id"])
    if unknown:
        raise ValueError(f"{root / 'aliases.csv'}: aliases of unknown actors {sorted(unknown)}")
    for rule in aliases["rule"]:
        bad = set(_split(rule)) - RULES
        if bad:
            raise ValueError(f"{root / 'aliases.csv'}: unknown rule(s) {sorted(bad)}; "
                             f"use {sorted(RULES)}")
    for where, column in ((actors, "actors.csv"), (aliases, "aliases.csv")):
        bad = {t for value in where["theatres"] for t in _split(value)} - set(THEATRES) - \
            set(SHARED)
        if bad:
            raise ValueError(f"{root / column}: unknown theatre(s) {sorted(bad)}; use "
                             f"{list(THEATRES) + list(SHARED)}")
    all_ids = set(actors["actor_id"])
    if chosen is not None:
        keep = [not _split(t) or bool(set(_split(t)) & (set(chosen) | set(SHARED)))
                for t in actors["theatres"]]
        actors = actors[keep]
        aliases = aliases[aliases["actor_id"].isin(set(actors["actor_id"]))]
        aliases = aliases[[not _split(t) or bool(set(_split(t)) & set(chosen))
                           for t in aliases["theatres"]]]
    # every actor's Arabic name is an alias too (a listed row of the same name wins)
    aliases = pd.concat([aliases.assign(source="listed"), pd.DataFrame({
        "actor_id": actors["actor_id"], "alias": actors["name_ar"], "from_year": "",
        "to_year": "", "rule": "", "theatres": "", "source": "name"})], ignore_index=True)
    aliases = aliases.drop_duplicates(["actor_id", "alias"]).reset_index(drop=True)
    templates = _read(root / "templates.csv", ["template"], ["home", "anaphora"],
                      required=False)
    if home is not None and home not in set(actors["actor_id"]):
        raise ValueError(f"home={home!r} is not an actor of the gazetteer "
                         f"({root / 'actors.csv'})")
    loyalty = _read(root / "loyalty.csv", ["phrase", "kind", "actor_id"], ["theatres"],
                    required=False)
    _check_loyalty(loyalty, all_ids, root / "loyalty.csv")
    if chosen is not None:
        loyalty = loyalty[((loyalty["kind"] == "force") & (loyalty["actor_id"] == ""))
                          | loyalty["actor_id"].isin(set(actors["actor_id"]))]
    aliases = _expand(aliases, actors, templates,
                      _read(root / "variants.csv", ["find", "replace", "where"],
                            required=False), home=home, loyalty=loyalty)
    _check_clashes(aliases, root)
    places = _read(root / "places.csv", ["place", "country", "theatre", "kind"],
                   required=False)
    places = places.assign(key=[_key(p) for p in places["place"]])
    loaded = set(actors["actor_id"])
    rules = tuple(r for r in read_rules(root / "rules.csv", all_ids, _key)
                  if r.actor_id in ("*", "@place") or r.actor_id in loaded) + \
        tuple(legacy_rules(aliases, _key)) + tuple(_home_rules(aliases, home))
    return Gazetteer(actors.reset_index(drop=True), aliases.reset_index(drop=True), places,
                     rules, chosen)


#: words after a bare home organ that do not make it another state's (a day, a relative)
_NOT_MODIFIERS = ("الذي|التي|الذين|اليوم|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|"
                  "الجمعة|السبت|الرشيدة|الموقرة|الموقر|الحالية|الحالي|الموافقة")


#: posts before a bare home organ: the organ is part of a person's title
_POSTS = "رئيس|نائب|وزير|عضو|أعضاء|الأعلى|مستشار|أمين|مساعد|وكيل|متحدث|المتحدث|ناطق|الناطق"


def _home_rules(aliases: pd.DataFrame, home: str | None) -> list[Rule]:
    """A bare home organ is not the home state before a definite word (another state's
    organ or a longer name: وزارة الداخلية العراقية) nor after a post (a person's title:
    نائب رئيس مجلس الوزراء)."""
    if home is None:
        return []
    keys = sorted(set(aliases.loc[aliases["source"] == "home", "key"]))
    exceptions = tuple((_key(w),) for w in _NOT_MODIFIERS.split("|"))
    posts = tuple((_key(w),) for w in _POSTS.split("|"))
    return [rule for key in keys for rule in (
        Rule(alias=key, actor_id=home, condition="next_word", patterns=(("ال*",),),
             exceptions=exceptions, effect="block",
             note="a bare home organ before a definite modifier is another state's"),
        Rule(alias=key, actor_id=home, condition="prev_word", patterns=posts, exceptions=(),
             effect="block", note="part of a person's title (نائب رئيس مجلس الوزراء)"))]


def _check_loyalty(loyalty: pd.DataFrame, actor_ids: set[str], path: Path) -> None:
    bad_kind = sorted(set(loyalty["kind"]) - {"force", "follower", "patron"})
    if bad_kind:
        raise ValueError(f"{path}: kind must be force, follower or patron, not {bad_kind}")
    patrons = loyalty[loyalty["kind"] == "patron"]
    unknown = sorted(set(patrons["actor_id"]) - actor_ids)
    if unknown:
        raise ValueError(f"{path}: patrons of unknown actors {unknown}")
    named = loyalty[(loyalty["kind"] != "patron") & (loyalty["actor_id"] != "")]
    unknown = sorted(set(named["actor_id"]) - actor_ids)
    if unknown:
        raise ValueError(f"{path}: forces of unknown actors {unknown}")
    bad = {t for value in loyalty["theatres"] for t in _split(value)} - set(THEATRES)
    if bad:
        raise ValueError(f"{path}: unknown theatre(s) {sorted(bad)}; use {list(THEATRES)}")


def _to(patron: str) -> str:
    """The preposition ل joined to a patron: الرئيس -> للرئيس, هادي -> لهادي."""
    return "لل" + patron[2:] if patron.startswith("ال") else "ل" + patron


def _loyal_aliases(loyalty: pd.DataFrame) -> pd.DataFrame:
    """Alias rows for every ``force`` of ``loyalty.csv`` joined to every ``patron`` by ل,
    and every ``follower`` joined to every patron directly (a noun in construct: أنصار صالح).
    An alias is read in the patron's theatres and names the patron's actor; a force or
    follower with theatres of its own is joined only to patrons that may be read there, and
    its aliases only there; one with an actor of its own names that actor.

    >>> table = pd.DataFrame({"phrase": ["القوات الموالية", "أنصار", "هادي", "المخلوع", "الأسد"],
    ...                       "kind": ["force", "follower", "patron", "patron", "patron"],
    ...                       "actor_id": ["", "", "yemen_government", "saleh_forces", "regime"],
    ...                       "theatres": ["", "yemen", "", "yemen", "syria"]})
    >>> made = _loyal_aliases(table)
    >>> made["alias"].tolist()[:3]
    ['القوات الموالية لهادي', 'القوات الموالية للمخلوع', 'القوات الموالية للأسد']
    >>> made["alias"].tolist()[3:]
    ['أنصار هادي', 'أنصار المخلوع']
    >>> made["theatres"].tolist()
    ['', 'yemen', 'syria', 'yemen', 'yemen']
    >>> resistance = pd.DataFrame({"phrase": ["المقاومة الموالية"], "kind": ["force"],
    ...                            "actor_id": ["popular_resistance"], "theatres": ["yemen"]})
    >>> made = _loyal_aliases(pd.concat([table, resistance]))
    >>> own = made[made["alias"].str.startswith("المقاومة")]
    >>> dict(zip(own["alias"], own["actor_id"], strict=True))  # doctest: +NORMALIZE_WHITESPACE
    {'المقاومة الموالية لهادي': 'popular_resistance',
     'المقاومة الموالية للمخلوع': 'popular_resistance'}
    """
    patrons = loyalty[loyalty["kind"] == "patron"]
    rows = []
    for phrase, kind, own, own_actor in zip(loyalty["phrase"], loyalty["kind"],
                                            loyalty["theatres"], loyalty["actor_id"],
                                            strict=True):
        if kind not in ("force", "follower"):
            continue
        own_theatres = set(_split(own))
        for patron, actor, theatres in zip(patrons["phrase"], patrons["actor_id"],
                                           patrons["theatres"], strict=True):
            where = set(_split(theatres))
            if own_theatres:
                if where and not where & own_theatres:
                    continue
                where = where & own_theatres if where else own_theatres
            alias = f"{phrase} {_to(patron)}" if kind == "force" else f"{phrase} {patron}"
            rows.append({"actor_id": own_actor or actor, "alias": alias, "from_year": "",
                         "to_year": "", "rule": "", "theatres": "|".join(sorted(where)),
                         "source": "loyalty"})
    return pd.DataFrame(rows, columns=[*ALIAS_COLUMNS, "theatres", "source"])


def _expand(listed: pd.DataFrame, actors: pd.DataFrame, templates: pd.DataFrame,
            variants: pd.DataFrame, *, home: str | None = None,
            loyalty: pd.DataFrame | None = None) -> pd.DataFrame:
    """Listed aliases, plus the organs of each state (templates), plus the forces named by
    their patron (loyalty), plus every spelling variant; keys normalised; listed rows first, a
    generated key never overriding a listed one (in the same theatres, for loyalty). With a
    ``home`` state, its organs named bare (the ``home`` templates without the adjective)."""
    rows = listed.assign(key=[_key(a) for a in listed["alias"]])
    generated = []
    if home is not None:
        for template, bare in zip(templates["template"], templates["home"], strict=True):
            if bare == "yes":
                alias = " ".join(w for w in template.split() if w not in ("{m}", "{f}"))
                generated.append({"actor_id": home, "alias": alias, "from_year": "",
                                  "to_year": "", "rule": "", "theatres": "", "source": "home"})
    organs = {template: _key(template.replace("{m}", "").replace("{f}", ""))
              for template, anaphora in zip(templates["template"], templates["anaphora"],
                                            strict=True) if anaphora == "yes"}
    for actor in actors.itertuples(index=False):
        if not actor.adjective:
            continue
        for template in templates["template"]:
            feminine = _feminine(actor.adjective)
            alias = template.format(m=actor.adjective, f=feminine, fi=_indefinite(feminine))
            generated.append({"actor_id": actor.actor_id, "alias": alias, "from_year": "",
                              "to_year": "", "rule": "", "theatres": "", "source": "template",
                              "organ": organs.get(template, "")})
    rows = rows.assign(organ="")
    if generated:
        made = pd.DataFrame(generated)
        made = made.assign(key=[_key(a) for a in made["alias"]])
        # a listed alias that is also a template's form (الحكومة اليمنية) names the organ too
        organ_of = {(k, a): o for k, a, o in zip(made["key"], made["actor_id"], made["organ"],
                                                 strict=True) if o}
        rows["organ"] = [organ_of.get((k, a), "") for k, a in
                         zip(rows["key"], rows["actor_id"], strict=True)]
        rows = pd.concat([rows, made[~made["key"].isin(set(rows["key"]))]], ignore_index=True)
    rows["organ"] = rows["organ"].fillna("")
    if loyalty is not None and len(loyalty):
        loyal = _loyal_aliases(loyalty)
        loyal = loyal.assign(key=[_key(a) for a in loyal["alias"]], organ="")
        taken = set(zip(rows["key"], rows["theatres"], strict=True))
        loyal = loyal[[(k, t) not in taken for k, t in zip(loyal["key"], loyal["theatres"],
                                                           strict=True)]]
        rows = pd.concat([rows, loyal], ignore_index=True)
    pairs = _variant_pairs(variants)
    if pairs:
        extra = []
        for row in rows.to_dict("records"):
            for form in _variants(row["key"], pairs)[1:]:
                extra.append({**row, "alias": form, "key": form, "source": "variant"})
        if extra:
            extra = pd.DataFrame(extra)
            extra = extra[~extra["key"].isin(set(rows["key"]))]
            rows = pd.concat([rows, extra], ignore_index=True)
    rows = rows.drop_duplicates(["actor_id", "key", "theatres"]).reset_index(drop=True)
    # a generated key that names two actors in the same theatre is dropped (ambiguous)
    generated = ~rows["source"].isin(["listed", "name"])
    clash = rows[generated].groupby(["key", "theatres"])["actor_id"].transform("nunique") > 1
    return rows.drop(index=clash[clash].index).reset_index(drop=True)


def _check_clashes(aliases: pd.DataFrame, root: Path) -> None:
    counts = aliases.groupby(["key", "theatres"])["actor_id"].nunique()
    if (counts > 1).any():
        keys = sorted({k for k, _ in counts[counts > 1].index})
        raise ValueError(f"{root / 'aliases.csv'}: alias(es) given to more than one actor in "
                         f"the same theatre: {keys}")
