"""Context rules: when an ambiguous alias counts, read from ``rules.csv`` (data, not code).

A rule row: ``alias, actor_id, condition, value, except, effect, note, example_positive,
example_negative``.

- ``alias``: the alias it concerns as written (matched after normalisation), ``*`` (every
  alias of the actor), or a pattern with ``*`` (``الخارجية *``: every alias that starts so;
  ``أم*كا``: أمريكا and أميركا).
- ``actor_id``: the actor, ``*`` (any actor with that alias), or ``@place`` (every alias that
  is a country or capital in ``places.csv``).
- ``condition`` and ``value``:

  ============== ==============================================================================
  ``prev_word``  the word(s) right before the alias (a proclitic on the alias itself and
                 quotes are skipped; punctuation in between means no word). ``value``: ``|``
                 -separated patterns, each one word or several (``الحدود مع``), ``*`` a
                 wildcard at the start or end (``ال*``: any definite word, which إلى and
                 إلا are not although they are written الي، الا once normalised; ``*ة``:
                 any word ending in ta marbuta) or inside (``ال*ة``: a definite word in ta
                 marbuta, the modifier a feminine noun takes); ``*`` alone: any word. A
                 proclitic (و ف ب ك ل) on the previous word is ignored (ومسلحي = مسلحي).
  ``next_word``  likewise, the word(s) right after it, as written (والمعارضة is not a
                 definite modifier).
  ``proclitic``  the alias carries one of the proclitics in ``value`` (``ب|وب``: باليمن),
                 the word before it not being one of ``except`` (أشاد بالمملكة: the verb
                 takes its object with ب).
  ``after_definite`` the alias follows a definite word with nothing glued to it, as an
                 adjective does (الأراضي السعودية، للأراضي السعودية: a proclitic on the word
                 counts not; والسعودية، للسعودية are no adjectives), the previous word not
                 being one of ``except`` (``value`` empty).
  ``after_accusative`` the alias follows, with nothing glued to it, an indefinite word in
                 the accusative with tanween (ends in ا, no ال, no pronoun suffix, not a
                 verb in وا): the alias is then an adjective (جنديا تركيا: a Turkish
                 soldier; لاجئا سوريا), unless that word is one of ``except`` (``value``
                 empty).
  ``quoted``     the alias stands inside quotes or brackets (``value`` empty).
  ``article_names`` the article names one of ``value`` (actor ids; ``self``: the alias's
                 own actor) by an alias that needs no rule.
  ``beside_dash`` a dash joins the alias to the word before it (الدمام - الرياض: a route or
                 a range) or, at the start of a line, to the word after it (الرياض – واس: a
                 dateline); ``value`` empty.
  ``after_number`` a number stands right before the alias (12 سوريا: twelve Syrians, a
                 nationality in the accusative after a count); ``value`` empty.
  ============== ==============================================================================

  ``except``: patterns that keep a ``*`` pattern from applying (``الذي`` is not a modifier).
- ``effect``: ``block`` (the alias is not this actor here; any block wins), ``allow`` (an
  alias with allow rules counts only where one of them holds), ``place`` (kept, with
  ``role = "place"``: a country named as a place, not as an actor).

The ``rule`` column of ``aliases.csv`` is shorthand for allow rules: ``after_tanzim`` =
``prev_word تنظيم``; ``quoted``; ``discourse`` = ``article_names self``.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

CONDITIONS = ("prev_word", "next_word", "proclitic", "after_definite", "after_accusative",
              "quoted", "article_names", "beside_dash", "after_number")
#: endings that keep a word in ا from being an indefinite accusative noun: a verb (قالوا), a
#: word in ما (بينما، عندما), a pronoun suffix (تأمينها، لدينا، كلاهما)
NOT_ACCUSATIVE_ENDINGS = ("وا", "ما", "ها", "نا")
EFFECTS = ("block", "allow", "place")
#: function words that begin with ال once normalised for matching (إلى -> الي، إلا -> الا)
#: but are not definite words: ``ال*`` does not match them (النظام إلى is no modifier)
NOT_DEFINITE = frozenset({"الي", "الا", "الان", "اليه", "اليها", "اليهم", "اليهما", "الينا",
                          "اليك", "اليكم"})
RULE_COLUMNS = ["alias", "actor_id", "condition", "value", "except", "effect", "note",
                "example_positive", "example_negative"]


@dataclass(frozen=True)
class Rule:
    """One context rule; ``alias`` is a normalised key or ``*``; ``patterns`` and
    ``exceptions`` are tuples of word tuples (normalised); ``actors`` for article_names."""

    alias: str
    actor_id: str
    condition: str
    patterns: tuple[tuple[str, ...], ...]
    exceptions: tuple[tuple[str, ...], ...]
    effect: str
    note: str = ""
    example_positive: str = ""
    example_negative: str = ""

    @property
    def compiled(self) -> tuple[Patterns, Patterns]:
        """The patterns and exceptions compiled for matching (built once per rule)."""
        cached = self.__dict__.get("_compiled")
        if cached is None:
            cached = (Patterns(self.patterns), Patterns(self.exceptions))
            object.__setattr__(self, "_compiled", cached)
        return cached

    def applies_to(self, key: str, actor_id: str, is_place: bool) -> bool:
        if self.alias != "*" and self.alias != key and not (
                "*" in self.alias and fnmatch.fnmatchcase(key, self.alias)):
            return False
        if self.actor_id == "@place":
            return is_place
        return self.actor_id in ("*", actor_id)


def _patterns(value: str, key: Callable[[str], str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(key(w) for w in part.split()) for part in str(value).split("|")
                 if part.strip())


def read_rules(path: Path, actor_ids: set[str], key: Callable[[str], str]) -> list[Rule]:
    """The rules of ``rules.csv`` (none if the file is absent), validated."""
    if not path.exists():
        return []
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in RULE_COLUMNS[:6] if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected {RULE_COLUMNS}")
    for column in RULE_COLUMNS[6:]:
        if column not in table.columns:
            table[column] = ""
    rules = []
    for line, record in enumerate(table.to_dict("records"), start=2):
        row = _Row(record)
        if row.condition not in CONDITIONS:
            raise ValueError(f"{path}, line {line}: unknown condition {row.condition!r}; use "
                             f"{list(CONDITIONS)}")
        if row.effect not in EFFECTS:
            raise ValueError(f"{path}, line {line}: unknown effect {row.effect!r}; use "
                             f"{list(EFFECTS)}")
        if row.actor_id not in ("*", "@place") and row.actor_id not in actor_ids:
            raise ValueError(f"{path}, line {line}: unknown actor {row.actor_id!r}")
        values = row.value
        if row.condition == "article_names":
            bad = {a for a in values.split("|") if a and a != "self"} - actor_ids
            if bad:
                raise ValueError(f"{path}, line {line}: unknown actor(s) {sorted(bad)}")
            patterns = tuple((a,) for a in values.split("|") if a)
        else:
            patterns = _patterns(values, key)
        rules.append(Rule(alias="*" if row.alias == "*" else key(row.alias),
                          actor_id=row.actor_id, condition=row.condition, patterns=patterns,
                          exceptions=_patterns(record["except"], key), effect=row.effect,
                          note=row.note, example_positive=row.example_positive,
                          example_negative=row.example_negative))
    return rules


class _Row:
    def __init__(self, record: dict) -> None:
        self.__dict__.update(record)


def legacy_rules(aliases: pd.DataFrame, key: Callable[[str], str]) -> list[Rule]:
    """The ``rule`` column of ``aliases.csv`` as allow rules (one per alias row and token)."""
    made = {"after_tanzim": ("prev_word", ((key("تنظيم"),),)),
            "quoted": ("quoted", ()),
            "discourse": ("article_names", (("self",),))}
    rules = []
    for row in aliases[aliases["rule"] != ""].itertuples(index=False):
        for token in row.rule.split("|"):
            if token:
                condition, patterns = made[token]
                rules.append(Rule(row.key, row.actor_id, condition, patterns, (), "allow",
                                  note=f"aliases.csv rule {token}"))
    return sorted(set(rules), key=lambda r: (r.alias, r.actor_id, r.condition))


class Patterns:
    """Word patterns compiled for matching: exact single words in a set, single-word
    prefixes (``ال*``) in a tuple, several-word patterns apart."""

    __slots__ = ("_nearest", "any_word", "infixes", "multi", "prefixes", "suffixes", "words")

    def __init__(self, patterns: tuple[tuple[str, ...], ...]) -> None:
        single = [p[0] for p in patterns if len(p) == 1]
        self.words = frozenset(w for w in single if "*" not in w)
        self.any_word = "*" in single  # ``*`` alone: any word at all
        self.prefixes = tuple(w[:-1] for w in single if w.endswith("*") and len(w) > 1)
        self.suffixes = tuple(w[1:] for w in single if w.startswith("*") and len(w) > 1)
        # ال*ة: a beginning and an end (a definite word in ta marbuta: a feminine modifier)
        self.infixes = tuple(tuple(w.split("*", 1)) for w in single
                             if "*" in w[1:-1] and not w.startswith("*") and not w.endswith("*"))
        self.multi = tuple(p for p in patterns if len(p) > 1)
        # the several-word patterns by the word nearest the alias (its last word before the
        # alias, its first after), so a match only tries those whose nearest word is there;
        # key '*' holds the patterns whose nearest word is itself a pattern (ال*)
        self._nearest: dict[bool, dict[str, list]] = {True: {}, False: {}}
        for pattern in self.multi:
            for before, near in ((True, pattern[-1]), (False, pattern[0])):
                key = "*" if "*" in near else near
                self._nearest[before].setdefault(key, []).append(pattern)

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes or self.suffixes or self.infixes or self.multi
                    or self.any_word)

    def _one(self, pattern: str, forms: tuple[str, ...]) -> bool:
        if pattern.endswith("*"):
            return any(_prefixed(f, (pattern[:-1],)) for f in forms)
        if pattern.startswith("*"):
            return any(f.endswith(pattern[1:]) and len(f) >= len(pattern) for f in forms)
        if "*" in pattern:
            return any(_framed(f, *pattern.split("*", 1)) for f in forms)
        return pattern in forms

    def match(self, words: list[tuple[str, ...]], *, before: bool) -> bool:
        """``words``: the forms of each neighbouring word, nearest first."""
        if not words:
            return False
        if self.any_word:
            return True
        first = words[0]
        prefixes, suffixes = self.prefixes, self.suffixes
        for form in first:  # the cheap tests first: most words match nothing
            if form in self.words or (prefixes and form.startswith(prefixes) and _prefixed(
                    form, prefixes)) or (suffixes and form.endswith(suffixes) and _affixed(
                    form, suffixes, str.endswith)) or (self.infixes and any(
                    _framed(form, head, tail) for head, tail in self.infixes)):
                return True
        if not self.multi:
            return False
        nearest = self._nearest[before]
        tried = [p for form in first for p in nearest.get(form, ())]
        for pattern in (*tried, *nearest.get("*", ())):
            n = len(pattern)
            if len(words) < n:
                continue
            near = words[:n][::-1] if before else words[:n]  # reading order
            if all(self._one(p, forms) for p, forms in zip(pattern, near, strict=True)):
                return True
        return False


def is_definite(form: str) -> bool:
    """A word with the article (الفدرالي), not إلى or إلا written الي، الا."""
    return form.startswith("ال") and form not in NOT_DEFINITE


def _prefixed(form: str, prefixes: tuple[str, ...]) -> bool:
    """``form`` begins with one of ``prefixes`` and is longer; ``ال*`` only for a definite
    word (:func:`is_definite`)."""
    return _affixed(form, prefixes, str.startswith) and form not in NOT_DEFINITE


def _framed(form: str, head: str, tail: str) -> bool:
    """``form`` begins with ``head``, ends with ``tail`` and has a letter in between."""
    return len(form) > len(head) + len(tail) and form.startswith(head) and form.endswith(tail)


def _affixed(form: str, affixes: tuple[str, ...], test) -> bool:
    """``form`` begins (``test=str.startswith``) or ends (``str.endswith``) with one of
    ``affixes`` and is longer than it. The whole tuple is tested in one C call; lengths are
    checked one by one only when the form is itself one of the affixes."""
    return bool(affixes) and test(form, affixes) and (
        form not in affixes or any(test(form, a) and len(form) > len(a) for a in affixes))


def word_forms(words: list[str], *, before: bool) -> list[tuple[str, ...]]:
    """Each word with, before the alias, its forms without a proclitic (ومسلحي -> مسلحي,
    للنظام -> النظام); after the alias, as written.

    >>> word_forms(["للنظام", "قال"], before=True)
    [('للنظام', 'النظام', 'لنظام'), ('قال',)]
    """
    if not before:
        return [(w,) for w in words]
    return [_forms_before(word) for word in words]


@lru_cache(maxsize=1 << 16)
def _forms_before(word: str) -> tuple[str, ...]:
    """The forms of a word before an alias (cached: the words before names repeat, and a
    matcher asks for them at every ambiguous alias)."""
    variants = [word]
    if word.startswith("لل") and len(word) > 3:
        variants.append("ال" + word[2:])
    if len(word) > 3 and word[0] in "وفبكل":
        variants.append(word[1:])
        if word[0] in "وف" and word[1] in "بكل" and len(word) > 4:
            variants.append(word[2:])
    return tuple(variants)
