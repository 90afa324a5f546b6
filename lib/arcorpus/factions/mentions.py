"""Find actor mentions: a tidy table of who is named where, with offsets into the text.

Matching runs on normalised text (alef forms, hamza seats, ta marbuta, tashkeel and tatweel do
not matter; see ``MATCH_OPTIONS``) with one Aho-Corasick automaton over every alias and place
name (pyahocorasick), so the time is linear in the text whatever the size of the gazetteer.
Quotes inside a name and spaces padding them are skipped (تنظيم "الدولة الإسلامية" and
``" تحرير الشام "`` are found whole). A match must stand as a word: preceded by a non-letter
or by proclitics (و ف ب ك ل, as in و"الجيش الحر"، لـ"النصرة"، للنصرة) and followed by a
non-letter, so a name is never found inside a longer word. Overlapping matches keep the
leftmost-longest (جبهة النصرة rather than النصرة; قوات النظام السوري whole).

An article is read as a whole: its theatre (Syria, Yemen, Iraq, Libya) is inferred from the
places it names (``places.csv``) and from actors that belong to one theatre, weighted towards
the paragraph at hand; its year comes from its date; the words around each alias are checked
against the context rules (:mod:`arcorpus.factions.rules`). Ambiguous aliases count only where
their rules hold.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import NamedTuple

import ahocorasick
import numpy as np
import pandas as pd
from joblib import Parallel, delayed, effective_n_jobs

from ..corpus import Corpus
from ..corpus.units import table_unit, unit_ids_at, unit_keys, unit_table
from ..progress import progress_bar
from ..text.normalize import normalize_mapped, normalize_with
from .gazetteer import _NOT_MODIFIERS, _POSTS, MATCH_OPTIONS, THEATRES, Gazetteer, load_gazetteer
from .rules import NOT_ACCUSATIVE_ENDINGS, Patterns, is_definite, word_forms

_LETTER = re.compile(r"[^\W\d_]")
#: a bare organ is not read back before a definite word (another organ, a longer name: الحكومة
#: الجديدة) other than a day or a relative, nor after a post (رئيس الحكومة، وزير الداخلية) or
#: in a committee's name (لجنة القوات المسلحة في مجلس الشيوخ)
_DEFINITE = Patterns((("ال*",),))
_NOT_MODIFIER = Patterns(tuple((normalize_with(w, MATCH_OPTIONS),)
                               for w in _NOT_MODIFIERS.split("|")))
_POST = Patterns(tuple((normalize_with(w, MATCH_OPTIONS),)
                       for w in (_POSTS + "|رئيسة|تشكيل|تشكل|وزراء|لجنة|لجان").split("|")))
QUOTES = "\"'«»“”‘’„‟‹›"
#: invisible format characters (zero-width space, joiners, direction marks): deleted in the
#: view like quotes, so that they hide no word boundary (الشركة \u200bالسعودية)
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
#: bare organs (normalised) that a following "في <country>" attributes to that country
_CIVIL_ORGANS = tuple(normalize_with(w, MATCH_OPTIONS) for w in ("وزارة", "الحكومة", "حكومة"))
#: a ministry, and the sovereign ones: the towns an article names make a bare ministry their
#: state's only if it is sovereign (see focus in MentionFinder._organs_read_back)
_SERVICE_MINISTRY = normalize_with("وزارة", MATCH_OPTIONS)
_SOVEREIGN_MINISTRIES = {normalize_with(f"وزارة {w}", MATCH_OPTIONS)
                         for w in ("الداخلية", "الدفاع", "الخارجية")}
#: bare organs read as the state an article is about when it names none of them in full
#: (وزارة الداخلية، مجلس الوزراء، حرس الحدود in an article about Saudi Arabia, or one that names
#: its towns: نجران، جازان); not a police, parliament, government or security services, which
#: news names bare of any state in passing
_FOCUS_ORGANS = tuple(normalize_with(w, MATCH_OPTIONS) for w in ("وزارة", "مجلس", "قوات", "قوة",
                                                                  "القوات", "القوى الجوية",
                                                                  "هيئة", "حرس"))
#: words of a paragraph about sport: a country named there is a team or a place (_in_sports)
_SPORTS_WORDS = tuple(normalize_with(w, MATCH_OPTIONS) for w in (
    "منتخبي", "منتخبات", "مباراة", "مباريات", "لكرة القدم", "المونديال"))
# (not منتخب, also "elected", nor تصفيات, also "liquidations")
#: fewer, shorter strings every sports word contains, looked for first
_SPORTS_STEMS = tuple(normalize_with(w, MATCH_OPTIONS) for w in (
    "مبار", "منتخب", "لكرة القدم", "المونديال"))
_SPORTS = re.compile("(?:" + "|".join(_SPORTS_WORDS) + ")(?![^\\W\\d_])")
#: what a state's own press calls its government (الحكومة الرشيدة، الحكومة الموقرة): the
#: state the article is about, like the organs above
_PRAISED = Patterns(tuple((normalize_with(w, MATCH_OPTIONS),) for w in ("الرشيدة", "الموقرة")))
_PRAISABLE = (normalize_with("الحكومة", MATCH_OPTIONS),)
#: the accusative's tanween (سورياً): a one-word name never takes it (see _scan)
_TANWEEN_FATH = "\u064b"
_PUNCTUATION = "-–—.,،؛:!?؟()[]"
_BRACKETS_OPEN = "(["
_BRACKETS_CLOSE = ")]"


class Mention(NamedTuple):
    """One mention found by :meth:`MentionFinder.scan` (offsets into the text)."""

    start: int
    end: int
    alias: int  # row of ``gazetteer.aliases``
    theatre: str  # the theatre the context gave ('' when none)
    role: str  # 'actor', or 'place' for a country or capital named as a place


class _View:
    """The normalised text with every quote (and invisible format character) deleted and a
    space that would follow another space deleted (so تنظيم "الدولة" reads تنظيم الدولة,
    ``" تحرير الشام "`` reads `` تحرير الشام ``; a quote glued between two words reads as the
    space it stands for: "فيلق الرحمن"صباحا), and the way back: the view only deletes
    characters (or puts a space in a quote's place), so view index i is normal index i plus
    the number of deletions up to it
    (``bisect`` on the deletions, as in :class:`~arcorpus.text.normalize.OffsetMap`). The view
    is made with ``str.replace`` (memchr speed; translate is far slower); the deletions are
    listed only when a mention is mapped back, since most texts with a quote have no mention
    to map."""

    __slots__ = ("_glued", "_quotes", "_shifted", "normal", "text")

    def __init__(self, normal: str) -> None:
        self.normal = normal
        self._shifted = None
        self._glued = ()
        self.text = normal
        self._quotes = [quote for quote in QUOTES + _INVISIBLE if quote in normal]
        if not self._quotes and "  " not in normal:
            return
        text = normal
        glued = [m.start() for m in _GLUED.finditer(normal)] if self._quotes else None
        if glued:
            # a quote glued between two words is their boundary: a space, not a deletion
            self._glued = glued
            text = _GLUED.sub(" ", text)
        for quote in self._quotes:
            text = text.replace(quote, "")
        if "  " in text:
            text = _SPACES.sub(" ", text)
        self.text = text

    def _deletions(self) -> list[int]:
        """``d - k`` for the k-th deleted position d of the normal text: every quote, and every
        space whose previous character other than a quote is a space (in a run of spaces and
        quotes, every space but the first). When only quotes were deleted (the view is
        shorter by their number, the common case) they are listed with ``str.find``;
        otherwise with numpy over the code points (a lookup table gives each character's
        class). A Python loop over the runs cost four times as much, and quote-heavy news has
        dozens of runs per article."""
        if self._shifted is None:
            normal = self.normal
            quotes = []
            for quote in self._quotes:
                i = normal.find(quote)
                while i >= 0:
                    quotes.append(i)
                    i = normal.find(quote, i + 1)
            if self._glued:
                glued = set(self._glued)
                quotes = [position for position in quotes if position not in glued]
            if len(self._quotes) > 1:
                quotes.sort()
            if len(normal) - len(quotes) == len(self.text):  # no run of spaces was collapsed
                self._shifted = [position - k for k, position in enumerate(quotes)]
                return self._shifted
            codes = np.frombuffer(normal.encode("utf-32-le"), dtype="<u4")
            kind = _RUN_KIND.take(codes, mode="clip")  # 0 other, 1 space, 2 quote
            if self._glued:
                kind[self._glued] = 1  # (read as spaces)
            deleted = kind == 2
            kept = np.flatnonzero(~deleted)
            space = kind[kept] == 1
            deleted[kept[1:][space[1:] & space[:-1]]] = True
            positions = np.flatnonzero(deleted)
            positions -= np.arange(len(positions))
            self._shifted = positions.tolist()
        return self._shifted

    def to_normal(self, start: int, end: int) -> tuple[int, int]:
        if self.text is self.normal:
            return start, end
        shifted = self._deletions()
        last = end - 1
        return start + bisect_right(shifted, start), last + bisect_right(shifted, last) + 1


_SPACES = re.compile("  +")
#: a double quote or guillemet glued between two words (الرحمن"صباحا، تقرير"ساما، داعش»على):
#: the view reads it as a space, or the two words would run together; not one after a
#: proclitic of one or two letters or a tatweel (لـ"داعش، ب"النصرة), which belongs to the
#: name. (Apostrophes are left alone: Latin words carry them.) The quote comes first in the
#: pattern, the letters before it in a lookbehind: a pattern that began with the lookbehind
#: tried it at every character and cost a third of the matcher's time on quote-heavy text.
_GLUED = re.compile("[\"«»“”„‟‹›](?<=[^\\W\\d_\u0640]{3}.)(?=[^\\W\\d_\u0640])")
#: the class of each code point of the basic plane for :meth:`_View._deletions`: 1 a space,
#: 2 a quote or an invisible character, 0 any other (code points above it are clipped to
#: U+FFFF, an other)
_RUN_KIND = np.zeros(0x10000, dtype=np.uint8)
_RUN_KIND[ord(" ")] = 1
_RUN_KIND[[ord(q) for q in QUOTES + _INVISIBLE]] = 2


def _previous_words(text: str, start: int, n: int = 3) -> list[str]:
    """Up to ``n`` words before ``start`` (nearest first); none across punctuation."""
    before = text[max(0, start - 60):start].rstrip("وفبكل")  # a proclitic glued to the alias
    if not before or not before[-1].isspace():
        return []
    return _words_outward(reversed(before.rsplit(None, n)[-n:]), inner=-1, n=n)


def _next_words(text: str, end: int, n: int = 3) -> list[str]:
    """Up to ``n`` words after ``end``; none across punctuation."""
    after = text[end:end + 60]
    if not after or not after[0].isspace():
        return []
    return _words_outward(after.split(), inner=0, n=n)


def _words_outward(tokens, *, inner: int, n: int) -> list[str]:
    """Tokens read away from the alias (nearest first): stop at one whose side facing the alias
    (``inner``: -1 its last character, 0 its first) is not a letter, and after one with
    punctuation on its far side."""
    words = []
    for token in tokens:
        if not token[inner].isalpha():
            break
        word = token.lstrip(_PUNCTUATION) if inner == -1 else token.rstrip(_PUNCTUATION)
        words.append(word)
        if word != token or len(words) == n:
            break
    return words


def _quoted(normal: str, start: int, end: int) -> bool:
    i = start - 1
    while i >= 0 and normal[i] == " ":
        i -= 1
    j = end
    while j < len(normal) and normal[j] == " ":
        j += 1
    return (i >= 0 and j < len(normal) and (normal[i] in QUOTES or normal[i] in _BRACKETS_OPEN)
            and (normal[j] in QUOTES or normal[j] in _BRACKETS_CLOSE))


_DASHES = "-–—"


def _dash_joins(text: str, i: int, step: int) -> bool:
    """Reading from ``text[i]`` away from a match (``step`` -1: backwards, 1: forwards): a dash
    and then a word, a space allowed on either side of the dash (الدمام - الرياض، الرياض –
    واس)? Character by character: this runs for every country or capital found."""
    i = _past_space(text, i, step)
    if not 0 <= i < len(text) or text[i] not in _DASHES:
        return False
    i = _past_space(text, i + step, step)
    return 0 <= i < len(text) and text[i].isalnum()


def _past_space(text: str, i: int, step: int) -> int:
    return i + step if 0 <= i < len(text) and text[i] == " " else i


#: the words of a name that introduce its leader (normalised as the keys: ة is ه)
#: (also the ally or sponsor a name ends with: الجماعة المتحالفة مع إيران names Iran too)
_LEADS = re.compile(r"(?:^| )(?:بقياده|تقوده|يقوده|تقودها|يقودها|المتحالفه مع|المدعومه من) "
                    r"(.+)$")

#: what a key of the automaton is (see MentionFinder._candidates): a name with alias rows, a
#: town or region, a bare organ, or a place name alone
_CANDIDATE, _TOWN, _ORGAN, _PLACE_ONLY = range(4)
#: و and a definite word after a state's organ: a second state's adjective, its head left
#: out (القوات الروسيه والسوريه; see MentionFinder._elided_organs)
_ELIDED = re.compile(r" و(ال[^\W\d_]+)(?![^\W\d_])")
_LIST_GAP = re.compile(r"\s*(?:،|,)?\s*(?:و|او|أو)?\s*")
#: a gap between a town and a country or capital in one list: و or أو without a comma (a
#: comma begins a clause: في حلب، ودمشق ترفض، مجلس محافظة الأنبار، الولايات المتحدة); the
#: first ends where the country starts
_TOWN_GAP_BEFORE = re.compile(r"\s*(?:و|او|أو)\s*$")
_TOWN_GAP = re.compile(r"\s*(?:و|او|أو)\s*")


def _after_proclitic(text: str, start: int) -> bool:
    """Is ``text[:start]`` ending with proclitics (و ف، ب ك ل، or و/ف + ب/ك/ل) that begin a
    word? (The regex ``(?:^|\\W)[وف]?[بكل]?$``, inlined: it runs for every glued match.)"""
    last = text[start - 1]
    if last in "بكل":
        if start == 1 or not text[start - 2].isalpha():
            return True
        return text[start - 2] in "وف" and (start == 2 or not text[start - 3].isalpha())
    return last in "وف" and (start == 1 or not text[start - 2].isalpha())


def _unbalanced(span: str) -> bool:
    return span.count("\"") % 2 == 1 or (span.count("«") + span.count("»")) % 2 == 1 or (
        span.count("“") + span.count("”")) % 2 == 1


def _year(date) -> int | None:
    if date is None or isinstance(date, int):
        return date  # no date, or the year already
    year = getattr(date, "year", None)  # a Timestamp or datetime (NaT has no int year)
    if isinstance(year, int):
        return year
    if isinstance(date, str) and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    if not isinstance(date, str) and pd.isna(date):
        return None
    try:
        return int(pd.Timestamp(date).year)
    except (ValueError, TypeError):
        return None


class _Context:
    """The words around a match, computed when a rule first asks for them."""

    __slots__ = ("_end", "_next", "_previous", "_start", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end
        self._previous = self._next = None

    @property
    def previous(self) -> list[tuple[str, ...]]:
        if self._previous is None:
            self._previous = word_forms(_previous_words(self._text, self._start), before=True)
        return self._previous

    @property
    def next(self) -> list[tuple[str, ...]]:
        if self._next is None:
            self._next = word_forms(_next_words(self._text, self._end), before=False)
        return self._next


class _Row(NamedTuple):
    actor: str
    theatres: frozenset
    years: tuple[int | None, int | None]
    ambiguous: bool
    blocks: tuple
    allows: tuple
    places: tuple
    # rules without exceptions merged into one lookup each (``_merged``): the block rules on
    # the previous word, those on the next word, and the place rules on the previous word
    prev_block: Patterns | None
    next_block: Patterns | None
    prev_place: Patterns | None
    waits: bool  # an allow rule waits for the discourse pass (article_names)


def _merged(rules: list, condition: str = "prev_word") -> tuple[Patterns | None, tuple]:
    """Rules on the previous (or next) word without exceptions merged into one pattern set
    (one lookup instead of one per rule); the other rules as they are."""
    plain = [r for r in rules if r.condition == condition and not r.exceptions]
    rest = tuple(r for r in rules if r not in plain)
    if not plain:
        return None, rest
    return Patterns(tuple(p for r in plain for p in r.patterns)), rest


class MentionFinder:
    """A compiled gazetteer: call :meth:`scan` (or :meth:`find`) on texts. Built once, reused
    for a corpus."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        aliases = self.gazetteer.aliases
        self._actor = aliases["actor_id"].tolist()
        self._alias = aliases["alias"].tolist()
        places = self.gazetteer.places
        place_keys = set(places.loc[~places["kind"].isin(["demonym", "formal"]), "key"])
        single = {}
        for actor, theatres in zip(self.gazetteer.actors["actor_id"],
                                   self.gazetteer.actors.get("theatres", ""), strict=True):
            own = [t for t in str(theatres).split("|") if t in THEATRES]
            if len(own) == 1:
                single[actor] = own[0]
        self._rows = []
        for row in aliases.itertuples(index=False):
            is_place = row.key in place_keys
            rules = [r for r in self.gazetteer.rules if r.applies_to(row.key, row.actor_id,
                                                                   is_place)]
            theatres = frozenset(t for t in str(row.theatres).split("|") if t)
            allows = tuple(r for r in rules if r.effect == "allow")
            prev_block, blocks = _merged([r for r in rules if r.effect == "block"])
            next_block, blocks = _merged(list(blocks), "next_word")
            prev_place, places_rules = _merged([r for r in rules if r.effect == "place"])
            self._rows.append(_Row(
                row.actor_id, theatres,
                (int(row.from_year) if row.from_year else None,
                 int(row.to_year) if row.to_year else None),
                bool(allows or theatres), blocks, allows, places_rules, prev_block,
                next_block, prev_place, any(r.condition == "article_names" for r in allows)))
        # rows that need no check at all, when they are the only reading of their key
        self._simple = [not (r.theatres or r.blocks or r.allows or r.places or r.prev_block
                             or r.next_block or r.prev_place) for r in self._rows]
        # the actor a mention gives evidence of a theatre for (unambiguous rows only)
        self._evidence = [single.get(r.actor) if not r.ambiguous else None
                          for r in self._rows]
        # one automaton entry per distinct key: the alias rows (theatre-specific first) and
        # the theatre the key names as a place
        slots: dict[str, list[int]] = {}
        for index, key in enumerate(aliases["key"]):
            slots.setdefault(key, []).append(index)
        place_theatre = {k: t for k, t in zip(places["key"], places["theatre"], strict=True)
                         if t in THEATRES}
        # a state's organ named in full (الحكومة البريطانية) -> the key of the organ named bare
        organ_column = aliases["organ"] if "organ" in aliases else pd.Series("", aliases.index)
        self._row_organ = [o if isinstance(o, str) and o else None for o in organ_column]
        bare_organs = {o for o in self._row_organ if o}
        towns = set(places.loc[places["kind"].isin(["city", "region"]), "key"]) - set(slots)
        # the foreign state a town is in (نجران، جازان: Saudi Arabia), counted as a mention of
        # that state when a bare organ looks for the state an article is about (``focus`` in
        # _organs_read_back): a paper's domestic news names its towns, not its state
        actors = self.gazetteer.actors
        foreign = set(actors.loc[actors["type"] == "foreign_state", "actor_id"])
        town_state = {k: c for k, c in zip(places["key"], places["country"], strict=True)
                      if k in towns and c in foreign}
        keys = list(dict.fromkeys([*slots, *place_theatre, *town_state, *sorted(bare_organs)]))
        self._slot_rows = [tuple(sorted(slots.get(k, []),
                                        key=lambda i: not self._rows[i].theatres))
                           for k in keys]
        self._slot_place = [place_theatre.get(k) for k in keys]
        # towns and regions that name no actor: a country or capital listed beside one is a
        # place too (مدينتي حلب ودمشق، في ديالى أو بغداد); not a town of kind ``seat``, which
        # stands for a government (بين بغداد وأربيل), nor ``homograph``, also a common word
        # (تدمر: is destroyed, الباب: the door)
        self._slot_town = [k in towns for k in keys]
        self._slot_town_state = [town_state.get(k) for k in keys]
        # the organ a key names bare (الحكومة), read back to the state last named in full
        self._slot_organ = [k if k in bare_organs else None for k in keys]
        # the bare organs that may be read as the state an article is about (_FOCUS_ORGANS, and
        # the government a state's press praises)
        self._slot_focus = [k is not None and k.startswith(_FOCUS_ORGANS + _PRAISABLE)
                            for k in self._slot_organ]
        self._row_bare = [k if k in bare_organs else None for k in aliases["key"]]
        # each state's organ in full, by (state, bare organ): where an article names no organ
        # in full, a bare one goes to the state the article is about (see _organs_read_back)
        # (a foreign state's only: a theatre's own government is the bare organ's own reading)
        self._organ_row: dict[tuple[str, str], int] = {}
        # and the theatres' own governments' organs: one named as often as the foreign state
        # keeps a bare organ with no reading of its own unread (see focus in _organs_read_back)
        self._home_governments: set[tuple[str, str]] = set()
        for index, organ in enumerate(self._row_organ):
            if organ is not None and self._actor[index] in foreign:
                self._organ_row.setdefault((self._actor[index], organ), index)
            elif organ is not None:
                self._home_governments.add((self._actor[index], organ))
        # the theatres a key can be read in at all, when each of its rows is limited to some
        # (None: anywhere): a match elsewhere is dropped before its context is read
        self._slot_theatres = [frozenset().union(*(self._rows[i].theatres for i in rows))
                               if rows and all(self._rows[i].theatres for i in rows) else None
                               for rows in self._slot_rows]
        # whether a key has a reading that waits for the discourse pass (article_names)
        self._slot_waits = [any(self._rows[i].waits for i in rows) for rows in self._slot_rows]
        # the theatre a key is evidence of (one reading, of an actor of one theatre)
        self._slot_evidence = [self._evidence[rows[0]] if len(rows) == 1 else None
                               for rows in self._slot_rows]
        # each key's entry carries what _candidates does with a match, so that its loop (run
        # for every match) looks nothing up: the place's theatre and the kind of match
        automaton = ahocorasick.Automaton()
        for slot, key in enumerate(keys):
            kind = (_CANDIDATE if self._slot_rows[slot] else _TOWN if self._slot_town[slot]
                    else _ORGAN if self._slot_organ[slot] is not None else _PLACE_ONLY)
            place, evidence = self._slot_place[slot], self._slot_evidence[slot]
            if kind == _TOWN:
                evidence = self._slot_town_state[slot]  # (a town is no theatre's evidence)
            automaton.add_word(key, (slot, 0, len(key), place, evidence, kind))
            if key.startswith("ال") and len(key) > 2 and ("ل" + key[1:]) not in slots:
                # ل + ال elides the alef: للنصرة = ل + النصرة; the mention starts after the ل
                automaton.add_word("ل" + key[1:], (slot, 1, len(key), place, evidence, kind))
            if key.startswith("الل") and key[1:] not in slots:
                # and before a word that starts with ل, the article's lam merges into it: للجان
                # الشعبية = ل + اللجان الشعبية (the mention starts after the first ل)
                automaton.add_word(key[1:], (slot, 1, len(key) - 1, place, evidence, kind))
        automaton.make_automaton()
        self._automaton = automaton
        # a name that says who leads the actor (التحالف بقيادة السعودية، التحالف الذي تقوده
        # الولايات المتحدة) also mentions the leader: alias row -> (leader's alias row, length)
        slot_of = {key: slot for slot, key in enumerate(keys)}
        # a state's organ named in full, by key (القوات الامريكيه), for a second state's
        # adjective after و with the head left out (المقاتلات التركيه والامريكيه): the
        # unconditional organ rows only
        states = set(actors.loc[actors["adjective"].fillna("").astype(str) != "", "actor_id"])
        self._organ_key_row = {key: rows[0] for key, slot in slot_of.items()
                               for rows in (self._slot_rows[slot],)
                               if " " in key and len(rows) == 1 and self._simple[rows[0]]
                               and self._actor[rows[0]] in states}
        self._leader: list[tuple[int, int] | None] = []
        for index, key in enumerate(aliases["key"]):
            found = _LEADS.search(key)
            tail = found.group(1) if found else ""
            rows = self._slot_rows[slot_of[tail]] if tail in slot_of else ()
            leader = next((r for r in rows if self._actor[r] != self._actor[index]), None)
            self._leader.append(None if leader is None else (leader, len(tail)))

    def find(self, text: str, *, date=None, context: str = "") -> list[tuple[int, int, int]]:
        """``(start, end, alias_index)`` of the mentions in ``text`` (offsets into ``text``)."""
        return [(m.start, m.end, m.alias) for m in self.scan(text, date=date, context=context)]

    def scan(self, text: str, *, date=None, context: str = "") -> list[Mention]:
        """The mentions in ``text`` read as one article: ``date`` (its publication date, or
        its year) and ``context`` (its title, say) inform the rules; offsets are into
        ``text``."""
        return [Mention(*found) for found in self._scan(text, date, context)]

    def _scan(self, text: str, date, context: str) -> list[tuple[int, int, int, str, str]]:
        """:meth:`scan` as plain tuples (what :func:`find_mentions` reads: a named tuple per
        mention cost a few per cent of its time)."""
        normal, offsets = normalize_mapped(text, MATCH_OPTIONS)
        view = _View(normal)
        hits: list[tuple[int, str]] = []
        candidates, _, towns, organs = self._candidates(view.text, hits)
        if not candidates and not (organs and any(town[2] for town in towns)):
            return []  # (bare organs alone are read only as the state whose towns are named)
        theatre = _Theatre(self, view.text, hits, context)
        year = _year(date)
        chosen, pending = [], []
        anchors: set[str] = set()
        simple, slot_theatres, slot_waits = self._simple, self._slot_theatres, self._slot_waits
        slot_organ = self._slot_organ
        for start, end, slot in candidates:
            rows = self._slot_rows[slot]
            if simple[rows[0]]:  # one unconditional reading: no rule to check
                chosen.append((start, end, rows[0], None, "actor"))
                anchors.add(self._actor[rows[0]])
                continue
            if slot_theatres[slot] is not None and theatre.at(start) not in slot_theatres[slot]:
                if slot_organ[slot] is not None:
                    organs.append((start, end, slot))
                continue  # read only in other theatres (الجيش beside the resistance in Yemen)
            context = _Context(view.text, start, end)
            decided = self._decide(view, start, end, slot, theatre, year, None, context)
            if decided is None:
                if slot_waits[slot]:
                    pending.append((start, end, slot, context))
                elif slot_organ[slot] is not None:
                    organs.append((start, end, slot))
                continue
            chosen.append((start, end, *decided))
            if not self._rows[decided[0]].allows:
                anchors.add(self._rows[decided[0]].actor)
        for start, end, slot, context in pending:  # one sense per discourse: the anchors known
            decided = self._decide(view, start, end, slot, theatre, year, anchors, context)
            if decided is not None:
                chosen.append((start, end, *decided))
            elif slot_organ[slot] is not None:
                organs.append((start, end, slot))
        if organs or any(self._row_bare[c[2]] is not None for c in chosen):
            chosen = self._organs_read_back(view.text, chosen, organs, towns)
        found = []
        if not chosen:
            return found
        chosen = _leftmost_longest(chosen, self._actor, self._leader)
        for k in range(1, len(chosen)):  # a list of places: في لبنان أو سوريا أو العراق
            if chosen[k - 1][4] == "place" and self._rows[chosen[k][2]].prev_place is not None \
                    and _LIST_GAP.fullmatch(view.text[chosen[k - 1][1]:chosen[k][0]]):
                chosen[k] = (*chosen[k][:4], "place")
        if " و" in view.text:
            chosen = self._elided_organs(view.text, chosen)
        if towns:
            chosen = self._beside_towns(view.text, chosen, towns)
        rows = self._rows
        if any(c[4] == "actor" and rows[c[2]].prev_place is not None for c in chosen) and \
                any(stem in view.text for stem in _SPORTS_STEMS):  # (str.find: faster than re)
            chosen = self._in_sports(view.text, chosen)
        # view.to_normal and offsets.span inlined (they run for every mention)
        shifted = view._deletions() if view.text is not normal else None
        span = offsets.span if offsets is not None else None
        leaders, size = self._leader, len(normal)
        article = None  # the article's theatre, asked for once
        for view_start, view_end, index, where, role in chosen:
            start, end = view_start, view_end
            if shifted:
                start += bisect_right(shifted, view_start)
                end += bisect_right(shifted, view_end - 1)
                if end - start != view_end - view_start and end < size and \
                        normal[end] in QUOTES and _unbalanced(normal[start:end]):
                    end += 1  # a name that opens a quote inside closes it: keep the quote
            if span is not None:
                start, end = span(start, end)
                # سورياً، روسياً: a one-word name with tanween is an adverb or adjective (a
                # longer name may end in an adverb: الحكومة المعترف بها دولياً)
                if _TANWEEN_FATH in text[end - 2:end] and " " not in text[start:end]:
                    continue
            if where is None:
                if article is None:
                    article = theatre.article() or ""
                where = article
            found.append((start, end, index, where or "", role))
            leader = leaders[index] if role == "actor" else None
            if leader is not None:
                first, last = view.to_normal(view_end - leader[1], view_end)
                if offsets is not None:
                    first, last = offsets.span(first, last)
                found.append((first, last, leader[0], where or "", "actor"))
        return found

    def _organs_read_back(self, view: str, chosen: list[tuple],
                          organs: list[tuple[int, int, int]],
                          towns: list[tuple[int, int, str | None]] = ()) -> list[tuple]:
        """An organ named bare (الحكومة، وزارة الداخلية، الشرطة) is read back to the state
        whose organ the article last named in full before it (الحكومة البريطانية ...
        الحكومة), else to the one state whose organ it names in full at all; a bare organ
        with a reading of its own (الحكومة: the theatre's government) and no organ in full to
        go back to is the foreign state's that the article names most, when it names that
        state more often than the reading's actor (see ``focus``; ``towns``: the towns the
        article names, a foreign state's counting as naming it). Resolved here,
        after every other mention is known. A bare organ that is an alias of its own
        (الحكومة in Yemen, a ``home`` organ) keeps its reading where no state is found; one
        before a definite word (another organ or a longer name) or after a post (رئيس
        الحكومة) is not read back. Written by hand: anaphora of this kind is no library's."""
        row_organ, row_bare, actor = self._row_organ, self._row_bare, self._actor
        named: dict[str, list[tuple[int, int]]] = {}  # bare organ -> (start, row) in full
        for start, end, index, _, role in chosen:
            if role == "actor" and row_organ[index] is not None and not _POST.match(
                    _Context(view, start, end).previous, before=True):
                # (not a person's title: رئيس مجلس الوزراء القطري names no cabinet to go back to)
                named.setdefault(row_organ[index], []).append((start, index))
        # the countries named as places, by start, for the bare organs with no reading of
        # their own: a ministry or government followed by في or ب and a country is that
        # country's (وزارة الحج في المملكة، الحكومة باليمن); not an army or forces, which may
        # be a foreign one's there (القوات في سوريا)
        place_at = {start: actor[index] for start, _, index, _, role in chosen
                    if role == "place"} if organs else {}
        if not named and not place_at and not any(self._slot_focus[o[2]] for o in organs) \
                and not any(
                row_bare[c[2]] is not None and c[4] == "actor" for c in chosen):
            return chosen
        named_counts: dict[str, int] = {}  # mentions of each actor (as actor or place)
        for _, _, index, _, _ in chosen:
            named_counts[actor[index]] = named_counts.get(actor[index], 0) + 1
        with_towns = named_counts  # and a town of a foreign state (نجران: Saudi Arabia)
        for _, _, state in towns:
            if state is not None:
                if with_towns is named_counts:
                    with_towns = dict(named_counts)
                with_towns[state] = with_towns.get(state, 0) + 1

        def focus(bare: str, current: str | None) -> int | None:
            """The organ of the foreign state the article names most (at least twice), when
            that is more often than the actor the bare organ reads as (``current``): الحكومة
            in an article about France that names Syria in passing is France's. The towns
            count for the state's forces, cabinet and sovereign ministries; a service ministry
            (health, Hajj, media), which local news names in passing, is not read as the state
            of the towns, nor as a state they outnumber."""
            if with_towns is named_counts or not bare.startswith(_SERVICE_MINISTRY) or \
                    bare in _SOVEREIGN_MINISTRIES:
                return most_named(bare, current, with_towns)
            found = most_named(bare, current, named_counts)
            if found is not None and most_named(bare, current, with_towns) != found:
                return None
            return found

        def most_named(bare: str, current: str | None, counts: dict[str, int]) -> int | None:
            best = max(((n, a) for a, n in counts.items() if (a, bare) in self._organ_row),
                       default=None)
            if best is None or best[0] < 2 or best[0] <= counts.get(current, 0):
                return None
            if current is None and any(n >= best[0] for a, n in counts.items()
                                       if (a, bare) in self._home_governments):
                return None
            return self._organ_row[(best[1], bare)]

        def state_named_after(bare: str, end: int) -> int | None:
            if not bare.startswith(_CIVIL_ORGANS):
                return None
            for gap in (" في ", " ب"):
                state = place_at.get(end + len(gap))
                if state is not None and view.startswith(gap, end):
                    return self._organ_row.get((state, bare))
            return None

        def antecedent(bare: str, start: int, end: int, current: str | None = None) \
                -> int | None:
            if place_at and current is None:  # (one with a reading of its own keeps it:
                # الحكومة في الرياض in Yemen is the government in exile)
                inside = state_named_after(bare, end)
                if inside is not None:
                    return inside
            full = named.get(bare)
            context = None
            if not full and current is None and not bare.startswith(_FOCUS_ORGANS):
                if not bare.startswith(_PRAISABLE):
                    return None  # (a police or parliament named bare stays unread)
                context = _Context(view, start, end)
                if not _PRAISED.match(context.next, before=False):
                    return None
            context = context or _Context(view, start, end)
            following = context.next
            if (_DEFINITE.match(following, before=False)
                    and not _NOT_MODIFIER.match(following, before=False)) \
                    or _POST.match(context.previous, before=True):
                return None
            if not full:
                return focus(bare, current)
            before = [(at, index) for at, index in full if at < start]
            if before:
                return max(before)[1]
            return full[0][1] if len({actor[i] for _, i in full}) == 1 else None

        out = []
        for start, end, index, where, role in chosen:
            bare = row_bare[index]
            found = antecedent(bare, start, end, actor[index]) \
                if bare is not None and role == "actor" else None
            out.append((start, end, index, where, role) if found is None else
                       (start, end, found, None, "actor"))
        for start, end, slot in organs:
            found = antecedent(self._slot_organ[slot], start, end)
            if found is not None:
                out.append((start, end, found, None, "actor"))
        out.sort(key=lambda c: (c[0], -c[1]))
        return out

    def _elided_organs(self, view: str, chosen: list[tuple]) -> list[tuple]:
        """A state's organ named in full and then, after و, a second state's adjective with the
        head left out (المقاتلات التركية والأميركية، القوات الروسية والسورية): the adjective
        names the second state's organ (the key the head and the adjective make, when it is an
        unconditional organ alias), and so on along the list. Written by hand: the elided
        head is Arabic syntax no matcher library reads."""
        added = []
        organ_rows, actor = self._organ_key_row, self._actor
        for start, end, index, _, role in chosen:
            if role != "actor" or not view.startswith(" و", end) or \
                    organ_rows.get(view[start:end]) != index:
                continue
            head = view[start:end].rsplit(" ", 1)[0]  # (every key of organ_rows has a space)
            seen = {actor[index]}
            found = _ELIDED.match(view, end)
            while found is not None:
                row = organ_rows.get(f"{head} {found.group(1)}")
                if row is None or actor[row] in seen:
                    break
                seen.add(actor[row])
                added.append((found.start(1), found.end(1), row, None, "actor"))
                found = _ELIDED.match(view, found.end())
        if not added:
            return chosen
        taken = {c[0] for c in chosen}
        return sorted(chosen + [a for a in added if a[0] not in taken],
                      key=lambda c: (c[0], -c[1]))

    def _in_sports(self, view: str, chosen: list[tuple]) -> list[tuple]:
        """A country or capital named in a paragraph about a match or a national team is a
        place or a team, not the state (منتخب سوريا للفوز على أفغانستان، مباراة بين السعودية
        وكوريا): read as a place. Longer names (الحكومة السورية) are not touched."""
        paragraphs = []
        for cue in _SPORTS.finditer(view):
            if cue.start() and _LETTER.match(view, cue.start() - 1):
                continue  # inside a word (the pattern begins with the word: a lookbehind
                # first would be tried at every character of every text)
            first = view.rfind("\n", 0, cue.start()) + 1
            last = view.find("\n", cue.end())
            paragraphs.append((first, last if last >= 0 else len(view)))
        rows = self._rows
        for k, (start, end, index, where, role) in enumerate(chosen):
            if role == "actor" and rows[index].prev_place is not None and \
                    any(first <= start and end <= last for first, last in paragraphs):
                chosen[k] = (start, end, index, where, "place")
        return chosen

    def _beside_towns(self, view: str, chosen: list[tuple],
                      towns: list[tuple[int, int, str | None]]) -> list[tuple]:
        """A country or capital listed beside a town or region is a place (حلب ودمشق، دمشق
        وحلب، في ديالى أو بغداد): the list rule above, anchored on a town instead of a country."""
        ends = sorted(end for _, end, _ in towns)
        starts = sorted(start for start, _, _ in towns)
        end_set, start_set = set(ends), set(starts)
        rows, size = self._rows, len(view)
        for k, (start, end, index, where, role) in enumerate(chosen):
            if role != "actor" or rows[index].prev_place is None:
                continue
            # a town within a few characters on either side (bisect first: most are far)
            i = bisect_left(ends, start - 8)
            before = i < len(ends) and ends[i] <= start
            j = bisect_right(starts, end)
            after = j < len(starts) and starts[j] <= end + 8
            if not (before or after):
                continue
            gap = _TOWN_GAP_BEFORE.search(view, max(0, start - 8), start) if before else None
            follow = _TOWN_GAP.match(view, end, min(size, end + 8)) if after else None
            if (gap is not None and gap.start() in end_set) or \
                    (follow is not None and follow.end() in start_set):
                chosen[k] = (start, end, index, where, "place")
        return chosen

    def _candidates(self, view: str, hits: list[tuple[int, str]] | None = None):
        """The matches in ``view`` that stand as words: ``(start, end, slot)`` of the names
        with alias rows, ``(start, theatre)`` of the place names, ``(start, end, state)`` of
        the towns (``state``: the foreign state a town is in, or None), ``(start, end, slot)``
        of the bare organs. ``hits``, when given, receives
        ``(start, theatre)`` of the places (instead of the list returned) and of the names of
        one theatre's actors: the evidence of :class:`_Theatre`, gathered in the same loop."""
        candidates, places, towns, organs = [], [], [], []
        size = len(view)
        for last, (slot, skip, length, place, evidence, kind) in self._automaton.iter(view):
            end = last + 1
            if end < size and view[end].isalpha():
                continue  # inside a longer word
            start = end - length
            if start > 0 and view[start - 1].isalpha() and not _after_proclitic(view, start):
                continue
            start += skip
            if place is not None:
                (places if hits is None else hits).append((start, place))
            if kind == _CANDIDATE:
                candidates.append((start, end, slot))
                if evidence is not None and hits is not None:
                    hits.append((start, evidence))
            elif kind == _TOWN:
                towns.append((start, end, evidence))
            elif kind == _ORGAN:
                organs.append((start, end, slot))
        return candidates, places, towns, organs

    def _decide(self, view: _View, start: int, end: int, slot: int, theatre: _Theatre,
                year: int | None, anchors: set[str] | None, context: _Context):
        """``(alias_index, theatre, role)`` of the first alias row of ``slot`` that counts
        here, or ``None``. With ``anchors=None`` the discourse condition is left undecided.
        ``context``: the words around the match (kept for the second pass)."""
        holds = self._holds
        for index in self._slot_rows[slot]:
            row = self._rows[index]
            where = None
            if row.theatres:
                where = theatre.at(start)
                if where not in row.theatres:
                    continue
            if row.ambiguous and year is not None and (
                    (row.years[0] is not None and year < row.years[0])
                    or (row.years[1] is not None and year > row.years[1])):
                continue
            if row.prev_block is not None and row.prev_block.match(context.previous,
                                                                    before=True):
                continue
            if row.next_block is not None and row.next_block.match(context.next, before=False):
                continue
            # loops rather than any(generator): this runs for every ambiguous match
            blocked = False
            for rule in row.blocks:
                if holds(rule, view, start, end, context, row.actor, anchors):
                    blocked = True
                    break
            if blocked:
                continue
            if row.allows:
                allowed = False
                for rule in row.allows:
                    if holds(rule, view, start, end, context, row.actor, anchors):
                        allowed = True
                        break
                if not allowed:
                    if anchors is None and row.waits:
                        return None  # decided in the second pass
                    continue
            role = "actor"
            if row.prev_place is not None and row.prev_place.match(context.previous,
                                                                    before=True):
                role = "place"
            else:
                for rule in row.places:
                    if holds(rule, view, start, end, context, row.actor, anchors):
                        role = "place"
                        break
            return index, where, role
        return None

    @staticmethod
    def _holds(rule, view: _View, start, end, context, actor, anchors) -> bool:
        if rule.condition == "prev_word":
            prev = context.previous
            patterns, exceptions = rule.compiled
            return patterns.match(prev, before=True) and not exceptions.match(prev,
                                                                                before=True)
        if rule.condition == "next_word":
            nxt = context.next
            patterns, exceptions = rule.compiled
            return patterns.match(nxt, before=False) and not exceptions.match(nxt,
                                                                                before=False)
        if rule.condition == "proclitic":
            glued = view.text[max(0, start - 2):start]
            return bool(glued) and glued[-1].isalpha() and any(
                glued.endswith(p) and (len(glued) == len(p) or not glued[-len(p) - 1].isalpha())
                for (p,) in rule.patterns) and not (
                rule.exceptions and rule.compiled[1].match(context.previous, before=True))
        if rule.condition == "after_definite":
            prev = context.previous
            glued = start > 0 and _LETTER.match(view.text[start - 1]) is not None
            # any form of the word: للوجود and بالأراضي are definite after their proclitic
            return not glued and bool(prev) and any(is_definite(f) for f in prev[0]) and not \
                rule.compiled[1].match(prev, before=True)
        if rule.condition == "after_accusative":
            prev = context.previous
            if not prev or (start > 0 and _LETTER.match(view.text[start - 1]) is not None):
                return False  # nothing before, or a proclitic glued: وبريطانيا is no adjective
            word = prev[0][0]
            return (len(word) >= 3 and word.endswith("ا") and not word.startswith("ال")
                    and not word.endswith(NOT_ACCUSATIVE_ENDINGS)
                    and not rule.compiled[1].match(prev, before=True))
        if rule.condition == "quoted":
            return _quoted(view.normal, *view.to_normal(start, end))
        if rule.condition == "after_number":
            # digits (Arabic-Indic too) then spaces right before: the rules' words are letters
            before = view.text[max(0, start - 4):start]
            number = before.rstrip(" ")
            return number != before and number[-1:].isdigit()
        if rule.condition == "beside_dash":
            # after the match only at a line start (a dateline): mid-sentence, a dash after a
            # name opens an aside (قالت إيران - في بيان - إن)
            return _dash_joins(view.text, start - 1, -1) or (
                (start == 0 or view.text[start - 1] == "\n") and _dash_joins(view.text, end, 1))
        if rule.condition == "article_names":
            if anchors is None:
                return False
            return any((actor if a == "self" else a) in anchors for (a,) in rule.patterns)
        return False


class _Theatre:
    """An article's theatre scores (places it names, actors of one theatre), with a
    paragraph's own scores weighted three times: the theatre at an offset."""

    def __init__(self, finder: MentionFinder, view: str, hits: list[tuple[int, str]],
                 context: str) -> None:
        self._view = view
        self._finder = finder
        self._hits = hits  # (offset, theatre) of the places and one theatre's actors, in order
        self._context = context
        self._article: dict[str, int] | None = None
        self._best: str | bool | None = False
        self._memo: dict[int, str | None] = {}
        self._offsets: list[int] | None = None
        self._hit_counts: dict[str, int] | None = None

    def _counts(self) -> dict[str, int]:
        """The hits of each theatre in the whole article (counted once; callers copy it)."""
        if self._hit_counts is None:
            counts = self._hit_counts = dict.fromkeys(THEATRES, 0)
            for _, where in self._hits:
                counts[where] += 1
        return self._hit_counts

    def article(self) -> str | None:
        """The article's theatre (places and actors of the whole article)."""
        if self._best is False:
            counts = self._counts()
            best = max(counts, key=counts.get)
            self._best = best if counts[best] > 0 else None
        return self._best

    def at(self, offset: int) -> str | None:
        """The theatre at ``offset``: the article's scores (the title's places too) plus three
        times its paragraph's. A paragraph's hits are a slice of the hits (in order of their
        offsets), counted when a rule first asks for its theatre: most paragraphs are never
        asked about."""
        view = self._view
        first = view.rfind("\n", 0, offset + 1)  # the paragraph's line break (-1: the first)
        best = self._memo.get(first, False)
        if best is not False:
            return best
        if self._article is None:
            article = self._article = self._counts().copy()
            if self._context:
                _, title_places, _, _ = self._finder._candidates(_View(normalize_with(
                    self._context, MATCH_OPTIONS)).text)
                for _, where in title_places:
                    article[where] += 1
            self._hits.sort()  # found in the order of their ends: by their starts here
            self._offsets = [start for start, _ in self._hits]
        last = view.find("\n", offset + 1)
        offsets = self._offsets
        scores = self._article.copy()
        for k in range(bisect_left(offsets, first),
                       bisect_left(offsets, len(view) if last < 0 else last)):
            scores[self._hits[k][1]] += 3
        best = max(scores, key=scores.get)  # the first of a tie, in THEATRES order
        best = self._memo[first] = best if scores[best] > 0 else None
        return best


def _leftmost_longest(candidates: list[tuple], actor_of: list[str],
                      leads: list | None = None) -> list[tuple]:
    """Leftmost-longest; two overlapping names of one actor make one span (غارات التحالف +
    التحالف الدولي = غارات التحالف الدولي), which keeps the second name's alias when that
    one names a leader (``leads``: مقاتلات التحالف + التحالف بقيادة السعودية)."""
    chosen: list[tuple] = []
    for candidate in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        if chosen and candidate[0] < chosen[-1][1]:
            last = chosen[-1]
            if candidate[1] > last[1] and actor_of[candidate[2]] == actor_of[last[2]]:
                index = candidate[2] if leads is not None and leads[candidate[2]] else last[2]
                chosen[-1] = (last[0], candidate[1], index, *last[3:])
            continue
        chosen.append(candidate)
    return chosen


@lru_cache(maxsize=1)
def default_finder() -> MentionFinder:
    """The kit's own gazetteer (every theatre), compiled once per process: it is packaged
    data, and compiling it costs half a second per call of :func:`find_mentions`."""
    return MentionFinder()


def as_finder(gazetteer: Gazetteer | MentionFinder | None) -> MentionFinder:
    """A compiled finder for the ``gazetteer=`` argument of the functions that find mentions:
    the finder itself, the default one (None), or a new one for a Gazetteer.

    >>> as_finder(None) is as_finder(None) is default_finder()
    True
    """
    if isinstance(gazetteer, MentionFinder):
        return gazetteer
    return default_finder() if gazetteer is None else MentionFinder(gazetteer)


#: find_mentions reads texts in ``n_jobs`` processes from this many texts on
PARALLEL_MENTIONS = 2000


class _Found(NamedTuple):
    row: np.ndarray  # position of the text
    start: np.ndarray
    end: np.ndarray
    alias: np.ndarray
    theatres: list[str]
    roles: list[str]

    @staticmethod
    def joined(parts: list[_Found], firsts: Iterable[int]) -> _Found:
        """The parts of consecutive chunks of texts (starting at rows ``firsts``) as one."""
        firsts = list(firsts)
        return _Found(np.concatenate([p.row + first for p, first in zip(parts, firsts,
                                                                         strict=True)]),
                      *(np.concatenate([getattr(p, name) for p in parts])
                        for name in ("start", "end", "alias")),
                      [t for p in parts for t in p.theatres], [r for p in parts for r in p.roles])


def _years(dates: pd.Series) -> list:
    """The year of each date, vectorised for a datetime column (None where there is none);
    other columns as they are (:func:`_year` reads them one by one)."""
    if not pd.api.types.is_datetime64_any_dtype(dates):
        return dates.tolist()
    years = dates.dt.year
    return [None if missing else int(year) for year, missing in
            zip(years.fillna(0).to_numpy(dtype=np.int64).tolist(), years.isna().tolist(),
                strict=True)]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, then as it was.

    A scan allocates millions of small tuples and lists, none in a reference cycle (reference
    counting frees them all); the collector, started by allocation counts, walks the ones
    still alive again and again. Pausing it gave about 5 to 8 % at 200,000 and 400,000
    paragraphs (``benchmarks/bench_factions.py``'s corpus, interleaved runs). Python offers no
    per-call switch, hence this one."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _scan_texts(finder: MentionFinder, texts: list[str], dates: list, titles: list[str],
                places: bool, progress: bool | None) -> _Found:
    """The mentions of ``texts`` (one article each), as arrays: what a worker returns."""
    with _collector_paused():
        return _scan_all(finder, texts, dates, titles, places, progress)


def _scan_all(finder: MentionFinder, texts: list[str], dates: list, titles: list[str],
              places: bool, progress: bool | None) -> _Found:
    found_row, found_start, found_end, found_alias = (array("q") for _ in range(4))
    theatres, roles = [], []
    for row, text in enumerate(progress_bar(texts, desc="mentions", unit="text",
                                            enabled=progress)):
        found = finder._scan(text, dates[row], titles[row])
        if not places:
            found = [mention for mention in found if mention[4] != "place"]
        if not found:
            continue
        starts, ends, aliases, found_theatres, found_roles = zip(*found, strict=True)
        found_row.extend([row] * len(found))
        found_start.extend(starts)
        found_end.extend(ends)
        found_alias.extend(aliases)
        theatres.extend(found_theatres)
        roles.extend(found_roles)
    arrays = [np.frombuffer(a, dtype=np.int64) if len(a) else np.zeros(0, np.int64)
              for a in (found_row, found_start, found_end, found_alias)]
    return _Found(*arrays, theatres, roles)


#: compiled finders a worker process has unpickled, by the digest of their pickle (see
#: _scan_pickled): a cache of immutable data, as default_finder is in the calling process
_WORKER_FINDERS: dict[bytes, MentionFinder] = {}


def _scan_pickled(blob: bytes, digest: bytes, texts: list[str], dates: list, titles: list[str],
                  places: bool) -> _Found:
    """:func:`_scan_texts` in a worker, given the finder pickled once by the caller: a worker
    unpickles it at its first chunk only. (Passing the finder itself, joblib pickled it again
    for every chunk, in the calling process: 0.14 s each, most of what a second core gained.)"""
    finder = _WORKER_FINDERS.get(digest)
    if finder is None:
        _WORKER_FINDERS.clear()  # one finder at a time: a worker serves one call's chunks
        finder = _WORKER_FINDERS[digest] = pickle.loads(blob)
    return _scan_texts(finder, texts, dates, titles, places, False)


def find_mentions(
    data: Corpus | pd.DataFrame | Iterable[str],
    *,
    gazetteer: Gazetteer | MentionFinder | None = None,
    places: bool = False,
    n_jobs: int = 1,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Actor mentions: ``doc_id, para_id, sent_id, start, end, surface, actor_id, alias,
    theatre, role``.

    ``data`` is a Corpus, a DataFrame with ``text`` (articles, or a paragraphs or sentences
    table, whose ids are kept), or texts. Each text is read whole (for a corpus: each article,
    with its ``date`` and ``title`` as context for the rules). Offsets are into the article
    text for a corpus and for tables taken from one (they carry ``start``); otherwise into the
    row's own text; always ``text[start - row_start:end - row_start] == surface``. Paragraph
    and sentence ids come from the same unit model as ``corpus.paragraphs`` and
    ``corpus.sentences``, located in one vectorised step. ``theatre`` is the theatre the
    context gave the mention ('' when none). A country or capital named as a place (في
    سوريا، باليمن، الحدود مع تركيا: ``rules.csv``, effect ``place``) is not an actor mention
    and is left out, unless ``places=True`` (then ``role`` is ``place`` for it and ``actor``
    for the others). Time and memory are linear in the text and the mentions. ``n_jobs``:
    processes (joblib; ``-1``: every core) that read the texts in chunks (from
    :data:`PARALLEL_MENTIONS` texts on); the table is the same for any ``n_jobs``.

    Example:
        >>> find_mentions(['قال مصدر في "جبهة النصرة" إن قوات النظام قصفت'])[
        ...     ["surface", "actor_id"]].values.tolist()
        [['جبهة النصرة', 'nusra'], ['قوات النظام', 'regime']]
    """
    finder = as_finder(gazetteer)
    if isinstance(data, Corpus):
        rows = data.articles
        keys = ["doc_id"]
    else:
        rows = unit_table(data if isinstance(data, pd.DataFrame) else list(data),
                          table_unit(data) if isinstance(data, pd.DataFrame) else "articles")
        keys = unit_keys(rows)
    texts = rows["text"].tolist()
    dates = _years(rows["date"]) if "date" in rows.columns else [None] * len(texts)
    titles = rows["title"].fillna("").astype(str).tolist() if "title" in rows.columns and \
        isinstance(data, Corpus) else [""] * len(texts)
    workers = effective_n_jobs(n_jobs)
    if workers == 1 or len(texts) < PARALLEL_MENTIONS:
        found = _scan_texts(finder, texts, dates, titles, places, progress)
    else:
        # chunks of at most a tenth of a worker's share: the progress bar moves, and a slow
        # chunk (long articles) does not leave the other workers idle at the end
        size = max(500, -(-len(texts) // (10 * workers)))
        chunks = range(0, len(texts), size)
        blob = pickle.dumps(finder, protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.blake2b(blob, digest_size=16).digest()
        parts = Parallel(n_jobs=n_jobs, return_as="generator")(
            delayed(_scan_pickled)(blob, digest, texts[i:i + size], dates[i:i + size],
                                   titles[i:i + size], places) for i in chunks)
        parts = list(progress_bar(parts, desc="mentions", unit="chunk", total=len(chunks),
                                  enabled=progress))
        found = _Found.joined(parts, chunks)
    row, local, local_end, alias = found.row, found.start, found.end, found.alias
    theatres, roles = found.theatres, found.roles
    base = rows["start"].to_numpy(dtype=np.int64)[row] if "start" in rows.columns else 0
    where = rows[keys].take(row).reset_index(drop=True)
    table = where[["doc_id"]].copy()
    located = unit_ids_at(data if isinstance(data, Corpus) else rows, where, local + base)
    for key in ("para_id", "sent_id"):
        table[key] = where[key].to_numpy() if key in where.columns else located[key].to_numpy()
    table["start"] = local + base
    table["end"] = local_end + base
    table["surface"] = [texts[r][s:e] for r, s, e in zip(row.tolist(), local.tolist(),
                                                         local_end.tolist(), strict=True)]
    table["actor_id"] = np.asarray(finder._actor, dtype=object)[alias]
    table["alias"] = np.asarray(finder._alias, dtype=object)[alias]
    table["theatre"] = theatres
    table["role"] = roles
    return table
