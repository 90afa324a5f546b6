"""Automatic checks for the notebooks' exercises: a student computes an answer, the kit
recomputes it and says whether it agrees, and if not, what was expected.

    from arcorpus.exercises import check, exercises
    exercises()                                        # every exercise, and the answer it takes
    check("02.3", ["جبهة نصرة", "سرايا جهاد", "عمل عسكري"], corpus=corpus)

A check never stores a result: it recomputes the answer with the kit on the corpus (and the
other inputs) it is given, so it works on the seed, on SaudiNewsNet or on any corpus. Ties are
allowed wherever a "top n" is asked for (any term whose count equals the n-th passes).
``check`` returns a :class:`CheckResult` (true when passed, shown as one line); with
``strict=True`` a failed check raises :class:`ExerciseError` (the solution notebooks use it, so
that the tests that run them fail when an answer is wrong). The exercise ids are
``"<notebook>.<number>"`` (``"05.4"``: notebook 05, exercise 4); the course's solution
notebooks (``course/solutions/``) solve and check every exercise.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["CheckResult", "ExerciseError", "check", "exercises"]


class ExerciseError(AssertionError):
    """A check that failed with ``strict=True``; the message says what was expected."""


@dataclass(frozen=True)
class CheckResult:
    """The verdict of :func:`check`: true when the answer is right; prints as one line."""

    exercise: str
    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return f"{'PASS' if self.passed else 'FAIL'} {self.exercise}: {self.message}"

    def _repr_markdown_(self) -> str:
        return f"{'✅' if self.passed else '❌'} **{self.exercise}**: {self.message}"


class _Fail(Exception):
    """Raised inside a check to fail with a message."""


@dataclass(frozen=True)
class _Exercise:
    exercise_id: str
    answer: str
    needs: tuple[str, ...]
    run: Callable[..., str]


_REGISTRY: dict[str, _Exercise] = {}


def _exercise(exercise_id: str, answer: str, needs: tuple[str, ...] = ("corpus",)):
    def register(function: Callable[..., str]) -> Callable[..., str]:
        _REGISTRY[exercise_id] = _Exercise(exercise_id, answer, needs, function)
        return function
    return register


def exercises() -> pd.DataFrame:
    """The exercises that have an automatic check: ``exercise, notebook, answer, needs``.

    >>> exercises().set_index("exercise").loc["02.3", "needs"]
    'corpus'
    """
    rows = [{"exercise": e.exercise_id, "notebook": e.exercise_id.split(".")[0],
             "answer": e.answer, "needs": ", ".join(e.needs)} for e in _REGISTRY.values()]
    return pd.DataFrame(rows).sort_values("exercise", key=lambda s: s.map(_order),
                                          ignore_index=True)


def _order(exercise_id: str) -> tuple[int, int]:
    notebook, number = exercise_id.split(".")
    return int(notebook), int(number)


def check(exercise_id: str, answer, *, strict: bool = False, **context) -> CheckResult:
    """Check ``answer`` to exercise ``exercise_id`` by recomputing it with the kit.

    Args:
        exercise_id: ``"NN.M"``, notebook and exercise number (see :func:`exercises`).
        answer: what the exercise asks for, in the form :func:`exercises` lists.
        strict: raise :class:`ExerciseError` when the check fails.
        **context: what the recomputation needs: ``corpus`` (a Corpus, a path or
            ``"saudinewsnet"``) for most, and the parameters the exercise names.

    >>> check("99.1", None)
    Traceback (most recent call last):
    ...
    ValueError: no exercise '99.1' has a check; known: 00.1, 00.2, ...
    """
    exercise = _REGISTRY.get(str(exercise_id))
    if exercise is None:
        known = sorted(_REGISTRY, key=_order)
        raise ValueError(f"no exercise {exercise_id!r} has a check; known: "
                         f"{', '.join(known[:2])}, ... ({len(known)} in all: see exercises())")
    missing = [name for name in exercise.needs if name not in context]
    if missing:
        raise TypeError(f"check({exercise_id!r}, ...) needs {', '.join(missing)}= "
                        f"(the answer: {exercise.answer})")
    if "corpus" in context:
        context["corpus"] = _open(context["corpus"])
    try:
        result = CheckResult(exercise.exercise_id, True, exercise.run(answer, **context))
    except _Fail as failure:
        result = CheckResult(exercise.exercise_id, False, str(failure))
    if strict and not result.passed:
        raise ExerciseError(str(result))
    return result


# ---------------------------------------------------------------- helpers


def _open(corpus):
    from .course import open_corpus
    return open_corpus(corpus)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise _Fail(message)


def _terms(answer, what: str) -> list[str]:
    _require(isinstance(answer, Iterable) and not isinstance(answer, str | Mapping),
             f"{what}: expected a list of terms, got {type(answer).__name__}")
    terms = [str(t) for t in answer]
    _require(len(set(terms)) == len(terms), f"{what}: a term is listed twice: {terms}")
    return terms


def _top(answer, table: pd.DataFrame, value: str, n: int, what: str,
         key: str = "term") -> list[str]:
    """The top-``n`` rows of ``table`` by ``value``, ties allowed: ``answer`` must list
    ``min(n, len(table))`` distinct keys, each at least as high as the n-th value."""
    terms = _terms(answer, what)
    expected = min(n, len(table))
    ordered = table.sort_values(value, ascending=False)
    _require(len(terms) == expected, f"{what}: expected {expected} terms, got {len(terms)}; "
             f"the top ones are {ordered[key].head(expected).tolist()}")
    values = ordered.set_index(key)[value]
    unknown = [t for t in terms if t not in values.index]
    _require(not unknown, f"{what}: {unknown} not in the recomputed table (are they in the form "
             f"the kit counts? the top ones are {ordered[key].head(expected).tolist()})")
    if expected:
        threshold = ordered[value].iloc[expected - 1]
        low = [t for t in terms if values[t] < threshold]
        _require(not low, f"{what}: {low} are not among the top {expected} (the {expected}th "
                 f"has {value} {threshold}); expected {ordered[key].head(expected).tolist()}")
    return terms


def _pairs(answer, what: str) -> set[frozenset]:
    _require(isinstance(answer, Iterable) and not isinstance(answer, str | Mapping),
             f"{what}: expected a list of (actor_a, actor_b) pairs")
    pairs = set()
    for pair in answer:
        _require(isinstance(pair, tuple | list) and len(pair) == 2,
                 f"{what}: {pair!r} is not a pair of actor ids")
        pairs.add(frozenset(map(str, pair)))
    return pairs


def _edge_pairs(edges: pd.DataFrame) -> set[frozenset]:
    return {frozenset(p) for p in zip(edges["actor_a"], edges["actor_b"], strict=True)}


def _show(pairs: Iterable[frozenset]) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(p)) for p in pairs)


def _mapping(answer, keys: Iterable[str], what: str) -> Mapping:
    keys = list(keys)
    _require(isinstance(answer, Mapping), f"{what}: expected a dict with keys {keys}, got "
             f"{type(answer).__name__}")
    missing = [k for k in keys if k not in answer]
    _require(not missing, f"{what}: the dict lacks {missing} (expected keys {keys})")
    return answer


def _dated(corpus, freq: str | None):
    """The dated articles of ``corpus`` with a ``period`` column (freq: choose_period's)."""
    from .corpus.periods import choose_period, period_starts

    dates = corpus.articles["date"]
    spans_days = dates.notna().sum() >= 2 and (dates.max() - dates.min()).days >= 1
    freq = (freq or choose_period(dates)) if spans_days else None
    _require(freq is not None, "this corpus has no dates spanning two days: the exercise needs "
             "a corpus with dates (e.g. --corpus saudinewsnet)")
    dated = corpus.subset(dates.notna().to_numpy())
    dated.articles["period"] = period_starts(dated.articles["date"], freq)
    return dated, freq


def _same_lines(answer: pd.DataFrame, lines: pd.DataFrame, has: str, unsorted: str) -> int:
    """Fail unless ``answer`` holds the concordance ``lines`` (by doc_id and start), in order."""
    expected = list(zip(lines["doc_id"], lines["start"], strict=True))
    given = list(zip(answer["doc_id"], answer["start"], strict=True))
    _require(set(given) == set(expected), f"{has} {len(expected)} lines; you have {len(given)}")
    _require(given == expected, unsorted)
    return len(expected)


def _trends(change: pd.DataFrame, q: float = 0.05) -> dict[str, set[str]]:
    found = change[change["q_value"] < q]
    return {trend: set(found.loc[found["trend"] == trend, "term"])
            for trend in ("rising", "falling")}


# ---------------------------------------------------------------- 00 Arabic in plots


@_exercise("00.1", "dict {'kit': str, 'reshape+bidi': str, 'logical': str, 'right': recipe}: "
           "the strings handed to matplotlib for «لا للحرب» and the recipe that is right here",
           needs=())
def _check_00_1(answer, text: str = "لا للحرب") -> str:
    from .plotting import rendering_variants
    from .plotting.verify import render_matplotlib, render_reference, similarity

    recipes = rendering_variants(text)
    answer = _mapping(answer, [*recipes, "right"], "00.1")
    for recipe, string in recipes.items():
        _require(answer[recipe] == string, f"00.1: the '{recipe}' string is {answer[recipe]!r}; "
                 f"the recipe gives {string!r}")
    reference = render_reference(text)
    scores = {r: similarity(render_matplotlib(s), reference) for r, s in recipes.items()}
    right = {r for r, s in scores.items() if s >= 0.85}
    _require(answer["right"] in right, f"00.1: '{answer['right']}' is not right on this "
             f"matplotlib (similarity to the reference: "
             f"{', '.join(f'{r} {s:.2f}' for r, s in scores.items())}; right: {sorted(right)})")
    return (f"the strings are what the recipes give, and '{answer['right']}' is right here "
            f"(similarity {scores[answer['right']]:.2f})")


@_exercise("00.2", "dict {'typed': the label as typed, 'drawn': the legend text of the figure}",
           needs=())
def _check_00_2(answer) -> str:
    from .plotting import display_text

    answer = _mapping(answer, ["typed", "drawn"], "00.2")
    expected = display_text(answer["typed"])
    _require(answer["drawn"] == expected, f"00.2: the legend holds {answer['drawn']!r}, but "
             f"display_text({answer['typed']!r}) is {expected!r}: pass labels through "
             "display_text()")
    return "the legend text is display_text() of the label, so it is drawn in logical order"


@_exercise("00.3", "the list of paths save_figure(..., formats=('pdf',)) returned", needs=())
def _check_00_3(answer) -> str:
    paths = [Path(p) for p in _terms(answer, "00.3")]
    pdfs = [p for p in paths if p.suffix == ".pdf"]
    _require(pdfs, f"00.3: no .pdf among {[p.name for p in paths]}: pass formats=('pdf',)")
    for pdf in pdfs:
        _require(pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-",
                 f"00.3: {pdf} is missing or not a PDF file")
        manifest = pdf.with_name(pdf.stem + ".manifest.json")
        _require(manifest.is_file(), f"00.3: {manifest.name} (the figure's manifest) is missing")
    return f"{pdfs[0].name} is a PDF with its manifest"


# ---------------------------------------------------------------- 01 loading


@_exercise("01.1", "the path of your copy of the corpus folder, with one or more articles added")
def _check_01_1(answer, corpus) -> str:
    from .corpus import load_corpus

    folder = Path(answer)
    _require(folder.is_dir(), f"01.1: {folder} is not a folder")
    mine = load_corpus(folder)
    old = corpus.articles.set_index("doc_id")["text"]
    new = mine.articles.set_index("doc_id")["text"]
    lost = sorted(set(old.index) - set(new.index))
    _require(not lost, f"01.1: articles of the original corpus are missing: {lost[:3]}")
    changed = [d for d in old.index if new[d] != old[d]]
    _require(not changed, f"01.1: the text of {changed[:3]} differs from the original")
    added = sorted(set(new.index) - set(old.index))
    _require(added, "01.1: no article was added (put a .txt file in articles/)")
    meta = mine.articles.set_index("doc_id").loc[added]
    no_source = [d for d in added if pd.isna(meta.loc[d, "source"])]
    _require(not no_source, f"01.1: {no_source} have no row (or no source) in metadata.csv")
    before, after = corpus.summary(), mine.summary()
    moved = {k: (before[k], after[k]) for k in ("articles", "paragraphs", "sentences", "words")}
    return ", ".join(f"{k} {a:,} -> {b:,}" for k, (a, b) in moved.items())


@_exercise("01.2", "a dict {name: regex} of boilerplate rules to add to BOILERPLATE_RULES",
           needs=())
def _check_01_2(answer) -> str:
    from .corpus import BOILERPLATE_RULES, load_corpus

    _require(isinstance(answer, Mapping) and answer, "01.2: expected a dict {name: regex}")
    article = ("اشتبكت الفصائل مع التنظيم في ريف درعا.\n"
               "المصدر: وكالة الأنباء\n"
               "وقال المصدر: إن المعارك مستمرة.\n")
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "a.txt").write_text(article, encoding="utf-8")
        loaded = load_corpus(tmp, boilerplate={**BOILERPLATE_RULES, **answer})
    text = loaded.articles["text"].iloc[0]
    _require("المصدر: وكالة" not in text, "01.2: a paragraph starting with «المصدر:» was not "
             "set aside (a rule is matched at the start of each paragraph: 'المصدر\\s*:')")
    _require("وقال المصدر" in text and "اشتبكت" in text, "01.2: the rule also removed "
             "paragraphs that do not start with «المصدر:» (a rule starting with .* matches "
             "anywhere)")
    kinds = loaded.report[loaded.report["kind"] == "boilerplate"]
    _require(len(kinds) == 1, "01.2: the report should list exactly one boilerplate paragraph")
    return "«المصدر: ...» is set aside and reported; «وقال المصدر: ...» is kept"


@_exercise("01.3", "the text of the longest sentence (in whitespace words)")
def _check_01_3(answer, corpus) -> str:
    sentences = corpus.sentences
    words = sentences["text"].str.split().str.len()
    longest = sentences.loc[words == words.max(), "text"].tolist()
    _require(str(answer).strip() in longest, f"01.3: that sentence has "
             f"{len(str(answer).split())} words; the longest has {words.max()}: "
             f"«{longest[0][:60]}…»")
    return f"the longest sentence has {words.max()} words"


@_exercise("01.4", "the report (DataFrame) of load_corpus(..., errors='skip') on a one-line CSV "
           "whose text is empty", needs=())
def _check_01_4(answer) -> str:
    _require(isinstance(answer, pd.DataFrame) and {"kind", "detail", "action"} <= set(answer),
             "01.4: expected the corpus.report DataFrame")
    skipped = answer[answer["action"] == "skipped"]
    _require(len(skipped), "01.4: the report lists nothing skipped: was the text really empty, "
             "and did you load with errors='skip'?")
    _require(skipped["detail"].str.contains("empty or missing text").any(),
             f"01.4: the skipped row says {skipped['detail'].iloc[0]!r}, not that the text is "
             "empty")
    return f"the report says: {skipped['detail'].iloc[0]}"


# ---------------------------------------------------------------- 02 term frequencies


@_exercise("02.1", "dict {'keep': top-10 terms, 'strip': top-10 terms} by term_frequencies")
def _check_02_1(answer, corpus, n: int = 10) -> str:
    from .terms import term_frequencies
    from .text import ArabicAnalyzer

    answer = _mapping(answer, ["keep", "strip"], "02.1")
    for clitics in ("keep", "strip"):
        table = term_frequencies(corpus, analyzer=ArabicAnalyzer(clitics=clitics))
        _top(answer[clitics], table, "count", n, f"02.1 ({clitics})")
    moved = set(answer["keep"]) ^ set(answer["strip"])
    return f"both top-{n} lists are right; {len(moved)} terms are in one list only"


@_exercise("02.2", "an ArabicAnalyzer whose stop words add «مصدر» and «المصدر»", needs=())
def _check_02_2(answer) -> str:
    from .text import ArabicAnalyzer

    _require(isinstance(answer, ArabicAnalyzer), "02.2: expected an ArabicAnalyzer")
    left = answer("المصدر مصدر ومصدر")
    _require(not left, f"02.2: «مصدر» still comes out as a term: {left}")
    _require(not answer("في من على"), "02.2: the default stop words (في، من، على) are gone: "
             "build the list with stopwords(add=[...]), which keeps them")
    _require(answer("والفصائل") == ["فصائل"], "02.2: the analyzer no longer counts والفصائل "
             "as فصائل")
    return "«مصدر» is a stop word now, and the default ones still are"


@_exercise("02.3", "the top-10 bigrams of term_frequencies(corpus, ngram_range=(2, 2))")
def _check_02_3(answer, corpus, n: int = 10) -> str:
    from .terms import term_frequencies

    table = term_frequencies(corpus, ngram_range=(2, 2))
    _top(answer, table, "count", n, "02.3")
    return f"these are the {min(n, len(table))} most frequent bigrams"


@_exercise("02.4", "dict {query: number of KWIC lines} for «داعش» and «تنظيم الدولة»")
def _check_02_4(answer, corpus) -> str:
    from .terms import kwic

    answer = _mapping(answer, ["داعش", "تنظيم الدولة"], "02.4")
    found = {}
    for query, lines in answer.items():
        found[query] = len(kwic(corpus, query))
        _require(int(lines) == found[query], f"02.4: «{query}» has {found[query]} lines, "
                 f"not {lines}")
    return ", ".join(f"«{q}» {n} lines" for q, n in found.items())


def _keyness_by_source(answer, corpus, n: int, min_count: int, exercise: str) -> str:
    from .terms import keyness_by

    sources = corpus.articles["source"].dropna().unique() if "source" in corpus.articles else []
    _require(len(sources) >= 2, f"{exercise}: the corpus has {len(sources)} source(s): keyness "
             "between newspapers needs two or more")
    _require(isinstance(answer, Mapping), f"{exercise}: expected a dict {{source: terms}}")
    table = keyness_by(corpus, "source", min_count=min_count, direction="target")
    for source, terms in answer.items():
        rows = table[table["source"] == source]
        _require(source in set(sources), f"{exercise}: {source!r} is not a source of the corpus")
        _top(terms, rows, "g2", n, f"{exercise} ({source})")
    return f"the {n} strongest over-used terms of {len(answer)} source(s) are right"


@_exercise("02.5", "dict {source: its 5 most key terms (over-used, by G²)} from "
           "keyness_by(corpus, 'source', min_count=5)")
def _check_02_5(answer, corpus, n: int = 5, min_count: int = 5) -> str:
    return _keyness_by_source(answer, corpus, n, min_count, "02.5")


# ---------------------------------------------------------------- 03 factions


@_exercise("03.1", "dict {'folder': your gazetteer copy, 'alias': the alias added, "
           "'actor_id': its actor}", needs=())
def _check_03_1(answer) -> str:
    from .factions import find_mentions, load_gazetteer

    answer = _mapping(answer, ["folder", "alias", "actor_id"], "03.1")
    try:
        mine = load_gazetteer(answer["folder"])
    except (OSError, ValueError) as error:
        raise _Fail(f"03.1: the copy does not load: {error}") from error
    _require(len(mine.aliases) > len(load_gazetteer().aliases),
             "03.1: the copy has no more aliases than the kit's own")
    rows = mine.aliases[(mine.aliases["alias"] == answer["alias"])
                        & (mine.aliases["actor_id"] == answer["actor_id"])]
    _require(len(rows), f"03.1: no row gives «{answer['alias']}» to {answer['actor_id']}")
    sentence = f"وقال بيان صادر عن «{answer['alias']}» إن المعارك مستمرة."
    found = find_mentions([sentence], gazetteer=mine)
    _require(answer["actor_id"] in set(found["actor_id"]),
             f"03.1: «{answer['alias']}» is not found in a test sentence: check its rule and "
             "years")
    return f"the copy loads and finds «{answer['alias']}» as {answer['actor_id']}"


@_exercise("03.2", "dict {'sentences': pairs lost against paragraphs, 'window=2': pairs lost "
           "against paragraphs}")
def _check_03_2(answer, corpus) -> str:
    from .factions import cooccurrence, find_mentions

    answer = _mapping(answer, ["sentences", "window=2"], "03.2")
    mentions = find_mentions(corpus)
    paragraphs = _edge_pairs(cooccurrence(mentions, unit="paragraphs", corpus=corpus))
    views = {"sentences": cooccurrence(mentions, unit="sentences", corpus=corpus),
             "window=2": cooccurrence(mentions, window=2, corpus=corpus)}
    for name, edges in views.items():
        lost = paragraphs - _edge_pairs(edges)
        given = _pairs(answer[name], f"03.2 ({name})")
        _require(given == lost, f"03.2 ({name}): {len(lost)} pairs disappear, you listed "
                 f"{len(given)}; missing {_show(lost - given)[:5]}, not lost "
                 f"{_show(given - lost)[:5]}")
    return (f"{len(paragraphs - _edge_pairs(views['sentences']))} pairs disappear with sentences "
            f"and {len(paragraphs - _edge_pairs(views['window=2']))} with a ±2-word window")


@_exercise("03.3", "the pair(s) (actor_a, actor_b) whose rank changes most between npmi and "
           "count (paragraphs; rank method 'min', highest first)")
def _check_03_3(answer, corpus) -> str:
    from .factions import cooccurrence, find_mentions

    edges = cooccurrence(find_mentions(corpus), unit="paragraphs", corpus=corpus)
    _require(len(edges), "03.3: no pair of actors is named together in this corpus")
    ranks = edges[["count", "npmi"]].rank(ascending=False, method="min")
    change = (ranks["count"] - ranks["npmi"]).abs()
    most = _edge_pairs(edges[change == change.max()])
    answer = [answer] if isinstance(answer, tuple) else answer
    given = _pairs(answer, "03.3")
    _require(given and given <= most, f"03.3: the largest change is {int(change.max())} "
             f"places, for {_show(most)[:5]}")
    return f"these pairs move {int(change.max())} places between count and npmi"


@_exercise("03.4", "the table cooccurrence(mentions, unit='paragraphs', corpus=corpus, "
           "by='source')")
def _check_03_4(answer, corpus) -> str:
    from .factions import cooccurrence, find_mentions

    needed = ["source", "actor_a", "actor_b", "count"]
    _require(isinstance(answer, pd.DataFrame) and set(needed) <= set(answer),
             f"03.4: expected a DataFrame with columns {needed}")
    expected = cooccurrence(find_mentions(corpus), unit="paragraphs", corpus=corpus,
                            by="source")
    mine = answer.set_index(needed[:3])["count"].sort_index()
    theirs = expected.set_index(needed[:3])["count"].sort_index()
    _require(mine.index.equals(theirs.index) and (mine == theirs).all(),
             f"03.4: the counts differ from the recomputed ones ({len(theirs)} pairs by source; "
             f"you have {len(mine)})")
    shared = expected.groupby(["actor_a", "actor_b"])["source"].nunique()
    return (f"{len(theirs)} (source, pair) rows; {int((shared > 1).sum())} pairs are named "
            "together in more than one source")


# ---------------------------------------------------------------- 04 topic models


def _topic_words(answer, what: str) -> dict[int, list[str]]:
    _require(isinstance(answer, Mapping), f"{what}: expected {{topic: [words]}}")
    return {int(t): [str(w) for w in words] for t, words in answer.items()}


@_exercise("04.1", "dict {'tomotopy': {topic: FREX words}, 'sklearn': {topic: FREX words}} of "
           "fit_topics(corpus, k=k, unit=unit, random_state=0, engine=...)",
           needs=("corpus", "k", "unit"))
def _check_04_1(answer, corpus, k: int, unit: str, n: int = 6) -> str:
    import warnings

    from .topics import fit_topics

    answer = _mapping(answer, ["tomotopy", "sklearn"], "04.1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for engine in ("tomotopy", "sklearn"):
            model = fit_topics(corpus, k=k, unit=unit, random_state=0, engine=engine)
            expected = model.top_terms(n, by="frex")
            given = _topic_words(answer[engine], f"04.1 ({engine})")
            _require(given == expected, f"04.1 ({engine}): the FREX words differ; topic 0 "
                     f"should be {expected[0]} (k={k}, unit={unit!r}, random_state=0, top {n})")
    return f"the FREX labels of both engines are right (k={k})"


@_exercise("04.2", "model.term_table(by='frex', frex_weight=0.2) (a DataFrame)", needs=("model",))
def _check_04_2(answer, model, frex_weight: float = 0.2) -> str:
    _require(isinstance(answer, pd.DataFrame) and {"topic", "rank", "term"} <= set(answer),
             "04.2: expected the DataFrame of model.term_table(...)")
    top_n = int(answer["rank"].max()) + (1 if answer["rank"].min() == 0 else 0)
    expected = model.term_table(top_n=top_n, by="frex", frex_weight=frex_weight)
    half = model.term_table(top_n=top_n, by="frex")
    key = ["topic", "rank", "term"]
    mine = answer[key].sort_values(key[:2]).reset_index(drop=True)
    theirs = expected[key].sort_values(key[:2]).reset_index(drop=True)
    _require(mine.equals(theirs), "04.2: the table differs from term_table(by='frex', "
             f"frex_weight={frex_weight})" + (" (it is the default weight 0.5)" if mine.equals(
                 half[key].sort_values(key[:2]).reset_index(drop=True)) else ""))
    moved = (theirs["term"] != half[key].sort_values(key[:2]).reset_index(drop=True)["term"])
    return f"right; {int(moved.sum())} of {len(theirs)} places differ from the default weight"


def _excluding_zero(effects, variable: str) -> set[int]:
    rows = effects.table[effects.table["term"].str.contains(variable, regex=False)]
    return set(rows.loc[(rows["lower"] > 0) | (rows["upper"] < 0), "topic"].astype(int))


@_exercise("04.3", "dict {'month': topics, 'week': topics} whose interval for a time term "
           "excludes 0, with formula '~ source * month' / '~ source * week'",
           needs=("model", "data"))
def _check_04_3(answer, model, data) -> str:
    from .topics import topic_effects

    answer = _mapping(answer, ["month", "week"], "04.3")
    said = []
    for variable in ("month", "week"):
        effects = topic_effects(model, formula=f"~ source * {variable}", data=data,
                                random_state=0)
        expected = _excluding_zero(effects, variable)
        given = {int(t) for t in answer[variable]}
        _require(given == expected, f"04.3 ({variable}): the topics with an interval that "
                 f"excludes 0 are {sorted(expected)}, not {sorted(given)}")
        said.append(f"{variable}: {sorted(expected)}")
    return "; ".join(said)


@_exercise("04.4", "dict {'composition', 'bootstrap', 'prior=model': mean interval width "
           "(upper - lower) of topic_effects(model, by=by, data=data, ...)}",
           needs=("model", "data", "by"))
def _check_04_4(answer, model, data, by) -> str:
    from .topics import topic_effects

    answer = _mapping(answer, ["composition", "bootstrap", "prior=model"], "04.4")
    settings = {"composition": {}, "bootstrap": {"uncertainty": "bootstrap"},
                "prior=model": {"prior": "model"}}
    widths = {}
    for name, options in settings.items():
        table = topic_effects(model, by=by, data=data, random_state=0, **options).table
        widths[name] = float((table["upper"] - table["lower"]).mean())
        _require(np.isclose(float(answer[name]), widths[name], rtol=1e-6, atol=1e-9),
                 f"04.4 ({name}): the mean width is {widths[name]:.4g}, not {answer[name]}")
    return ", ".join(f"{k} {v:.4g}" for k, v in widths.items())


@_exercise("04.5", "the seeded TopicModel (fit_topics(..., seeds={topic: words}))",
           needs=("seeds",))
def _check_04_5(answer, seeds: Mapping[int, list[str]], n: int = 10, analyzer=None) -> str:
    from .text import ArabicAnalyzer
    from .topics import TopicModel

    _require(isinstance(answer, TopicModel), "04.5: expected a fitted TopicModel")
    tops = answer.top_terms(n)
    for topic, words in seeds.items():
        analysed = {t for w in words for t in (analyzer or ArabicAnalyzer())(w)}
        _require(analysed & set(tops[int(topic)]), f"04.5: none of the seed words {words} is "
                 f"among topic {topic}'s top {n} ({tops[int(topic)]}): was it fitted with "
                 "seeds=?")
    return f"every seeded topic has a seed word among its top {n} words"


# ---------------------------------------------------------------- 05 time


@_exercise("05.1", "dict {'rising': terms, 'falling': terms} with q_value < 0.05 by week "
           "(term_change(..., min_count=20) on weekly periods)")
def _check_05_1(answer, corpus, freq: str = "W", min_count: int = 20) -> str:
    from .terms import term_change

    answer = _mapping(answer, ["rising", "falling"], "05.1")
    dated, _ = _dated(corpus, freq)
    expected = _trends(term_change(dated, by="period", min_count=min_count))
    for trend, terms in expected.items():
        given = set(_terms(answer[trend], f"05.1 ({trend})"))
        _require(given == terms, f"05.1 ({trend}): expected {len(terms)} terms "
                 f"({sorted(terms)[:5]}…), got {len(given)}")
    return f"{len(expected['rising'])} rising and {len(expected['falling'])} falling by {freq}"


@_exercise("05.2", "a DataFrame period, actor_id, naming (articles naming the actor), "
           "articles (dated articles in the period) for your actors")
def _check_05_2(answer, corpus, freq: str | None = None) -> str:
    from .factions import find_mentions

    needed = ["period", "actor_id", "naming", "articles"]
    _require(isinstance(answer, pd.DataFrame) and set(needed) <= set(answer),
             f"05.2: expected a DataFrame with columns {needed}")
    dated, freq = _dated(corpus, freq)
    actors = sorted(set(answer["actor_id"]))
    named = find_mentions(dated)[["doc_id", "actor_id"]].drop_duplicates()
    named = named[named["actor_id"].isin(actors)].merge(dated.articles[["doc_id", "period"]])
    naming = named.groupby(["period", "actor_id"]).size()
    per_period = dated.articles.groupby("period").size()
    for row in answer.dropna(subset=["articles"]).itertuples():
        period = pd.Timestamp(row.period)
        count = int(naming.get((period, row.actor_id), 0))
        _require(int(row.naming) == count, f"05.2: {row.actor_id} is named in {count} articles "
                 f"of the period {period:%Y-%m-%d}, not {row.naming}")
        _require(int(row.articles) == int(per_period.get(period, 0)),
                 f"05.2: the period {period:%Y-%m-%d} has {per_period.get(period, 0)} dated "
                 f"articles, not {row.articles}")
    return f"the counts of {', '.join(actors)} in {answer['period'].nunique()} periods are right"


@_exercise("05.3", "dict {'tested': words tested with min_count=100, 'rising': terms with "
           "q_value < 0.05 and trend 'rising'}")
def _check_05_3(answer, corpus, freq: str | None = None, min_count: int = 100) -> str:
    from .terms import term_change

    answer = _mapping(answer, ["tested", "rising"], "05.3")
    dated, _ = _dated(corpus, freq)
    change = term_change(dated, by="period", min_count=min_count)
    _require(int(answer["tested"]) == len(change), f"05.3: {len(change)} words are tested with "
             f"min_count={min_count}, not {answer['tested']}")
    rising = _trends(change)["rising"]
    given = set(_terms(answer["rising"], "05.3 (rising)"))
    _require(given == rising, f"05.3: {len(rising)} words rise with q < 0.05 "
             f"({sorted(rising)[:5]}…), you listed {len(given)}")
    return f"{len(change)} words tested, {len(rising)} rising"


@_exercise("05.4", "dict {source: its 5 most key terms} from keyness_by(corpus, 'source', "
           "min_count=20)")
def _check_05_4(answer, corpus, n: int = 5, min_count: int = 20) -> str:
    return _keyness_by_source(answer, corpus, n, min_count, "05.4")


@_exercise("05.5", "the KWIC lines (DataFrame) of a word in the first period, sorted by R1",
           needs=("corpus", "word"))
def _check_05_5(answer, corpus, word: str, freq: str | None = None) -> str:
    from .terms import kwic

    _require(isinstance(answer, pd.DataFrame) and {"doc_id", "start"} <= set(answer),
             "05.5: expected the DataFrame kwic() returns, filtered")
    dated, _ = _dated(corpus, freq)
    first = dated.articles["period"].min()
    ids = set(dated.articles.loc[dated.articles["period"] == first, "doc_id"])
    lines = kwic(dated, word, sort="R1")
    lines = lines[lines["doc_id"].isin(ids)]
    n = _same_lines(answer, lines, f"05.5: the first period ({first:%Y-%m-%d}) has",
                    "05.5: the right lines, but not sorted by R1 (sort='R1')")
    return f"{n} lines of «{word}» in the period from {first:%Y-%m-%d}, sorted by R1"


@_exercise("05.6", "dict {'doc_ids': the sampled articles, 'trends': number of words with "
           "q_value < 0.05 in term_change on them}")
def _check_05_6(answer, corpus, freq: str | None = None, min_count: int = 20) -> str:
    from .terms import term_change

    answer = _mapping(answer, ["doc_ids", "trends"], "05.6")
    ids = list(answer["doc_ids"])
    _require(len(set(ids)) == len(ids) and set(ids) <= set(corpus.articles["doc_id"]),
             "05.6: doc_ids must be distinct articles of the corpus")
    dated, _ = _dated(corpus.subset(ids), freq)
    change = term_change(dated, by="period", min_count=min_count)
    found = int((change["q_value"] < 0.05).sum()) if len(change) else 0
    _require(int(answer["trends"]) == found, f"05.6: on these {len(ids)} articles {found} words "
             f"have q < 0.05, not {answer['trends']}")
    return f"{found} trend(s) on {len(ids)} articles ({len(change)} words tested)"


# ---------------------------------------------------------------- 06 explorers


@_exercise("06.1", "the concordance lines of a query sorted by L1 then R1 (a DataFrame)",
           needs=("corpus", "query"))
def _check_06_1(answer, corpus, query: str) -> str:
    from .terms import kwic

    _require(isinstance(answer, pd.DataFrame) and {"doc_id", "start", "L1", "R1"} <= set(answer),
             "06.1: expected the DataFrame of kwic(...) or ConcordanceExplorer(...).lines")
    lines = kwic(corpus, query, sort=["L1", "R1"])
    n = _same_lines(answer, lines, f"06.1: «{query}» has",
                    "06.1: the right lines, but not sorted by L1 and then R1")
    return f"{n} lines, sorted by L1 then R1"


@_exercise("06.2", "dict {'count': top terms of the group, 'keyness': its top key terms}",
           needs=("corpus", "group"))
def _check_06_2(answer, corpus, group: str, by: str = "source", n: int = 10) -> str:
    from .terms import keyness_by, term_frequencies

    answer = _mapping(answer, ["count", "keyness"], "06.2")
    part = corpus.subset((corpus.articles[by] == group).to_numpy())
    _require(len(part.articles), f"06.2: no article has {by} == {group!r}")
    _top(answer["count"], term_frequencies(part), "count", n, "06.2 (count)")
    key = keyness_by(corpus, by, direction="target")
    _top(answer["keyness"], key[key[by] == group], "g2", n, "06.2 (keyness)")
    both = set(answer["count"]) & set(answer["keyness"])
    return f"both lists are right; {len(both)} term(s) are in both"


@_exercise("06.3", "dict {'min_count': the smallest minimum count leaving fewer than 10 sentence "
           "edges, 'pairs': those edges}")
def _check_06_3(answer, corpus, limit: int = 10) -> str:
    from .factions import cooccurrence, find_mentions

    answer = _mapping(answer, ["min_count", "pairs"], "06.3")
    edges = cooccurrence(find_mentions(corpus), unit="sentences", corpus=corpus)
    needed = 1
    while (edges["count"] >= needed).sum() >= limit:
        needed += 1
    _require(int(answer["min_count"]) == needed, f"06.3: the smallest minimum count leaving "
             f"fewer than {limit} edges is {needed}, not {answer['min_count']}")
    kept = _edge_pairs(edges[edges["count"] >= needed])
    given = _pairs(answer["pairs"], "06.3")
    _require(given == kept, f"06.3: at min_count={needed} the edges are {_show(kept)}")
    return f"min_count={needed} keeps {len(kept)} pair(s)"


@_exercise("06.4", "dict {topic of model A: its best match in model B} by the Jaccard "
           "similarity of their top-10 words", needs=("model_a", "model_b"))
def _check_06_4(answer, model_a, model_b, n: int = 10) -> str:
    _require(isinstance(answer, Mapping), "06.4: expected a dict {topic: topic}")
    first, second = model_a.top_terms(n), model_b.top_terms(n)
    for topic, words in first.items():
        scores = {other: len(set(words) & set(w)) / len(set(words) | set(w))
                  for other, w in second.items()}
        best = max(scores.values())
        choice = answer.get(topic, answer.get(str(topic)))
        _require(choice is not None and scores.get(int(choice)) == best,
                 f"06.4: topic {topic}'s best match is "
                 f"{[t for t, s in scores.items() if s == best]} (Jaccard {best:.2f})")
    return f"the best matches of {len(first)} topics are right"

