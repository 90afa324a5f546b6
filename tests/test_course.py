"""The course material: every exercise of every notebook has a solution, the solution notebooks
run top to bottom in a fresh kernel (on the seed, and on a small dated corpus of two sources so
that the cells about time and sources run too), and the exercise checks pass a right answer and
fail a wrong one with a message that says what was expected."""

from __future__ import annotations

import importlib
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from course_corpus import class_corpus

from arcorpus.corpus import load_corpus
from arcorpus.course import open_corpus
from arcorpus.exercises import CheckResult, ExerciseError, check, exercises
from arcorpus.notebook_runner import execute_notebook

from conftest import CORPUS, ROOT, tree_hash

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "course" / "solutions").glob("*.ipynb"))


def _exercise_numbers(path: Path) -> list[int]:
    """The numbered items of a notebook's Exercises section."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("## Exercises"):
            return [int(n) for n in re.findall(r"^(\d+)\. ", cell.source, flags=re.M)]
    return []


def _solved_numbers(path: Path) -> set[int]:
    """The exercises a solution notebook has a section for (## Exercise 2, ## Exercises 3 and 4)."""
    numbers: set[int] = set()
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for heading in re.findall(r"^## Exercises? ([\d, and]+)", cell.source, flags=re.M):
                numbers |= {int(n) for n in re.findall(r"\d+", heading)}
    return numbers


def _solution_for(notebook: Path) -> Path:
    return ROOT / "course" / "solutions" / f"{notebook.stem}_solutions.ipynb"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_every_exercise_has_a_solution(notebook):
    numbers = _exercise_numbers(notebook)
    assert numbers, f"{notebook.name} has no Exercises section"
    solution = _solution_for(notebook)
    assert solution.exists(), f"no solution notebook for {notebook.name}"
    assert _solved_numbers(solution) == set(numbers), (
        f"{solution.name} solves {sorted(_solved_numbers(solution))}, the notebook asks "
        f"{numbers}")


def test_solutions_are_stored_without_outputs_and_parameterised():
    assert len(SOLUTIONS) == len(NOTEBOOKS)
    for path in SOLUTIONS:
        notebook = nbformat.read(path, as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), path.name
        assert "parameters" in code[0].metadata.get("tags", []), path.name
        assert "CORPUS =" in code[0].source and "OUT =" in code[0].source, path.name
        assert "check(" in "".join(c.source for c in code), f"{path.name} checks nothing"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """course/solutions and corpus/ copied, so that running the solutions never touches the
    repository (they write under build/ of the sandbox)."""
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "course" / "solutions", root / "course" / "solutions")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    return root


@pytest.fixture(scope="module")
def class_file(tmp_path_factory) -> Path:
    return class_corpus(tmp_path_factory.mktemp("class"))


def _run(path: Path, parameters: dict | None = None) -> list[str]:
    """Execute a solution; return its text outputs (a failed strict check is an error)."""
    executed = execute_notebook(path, parameters=parameters)
    texts = []
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output
            texts.append(output.get("text", "") + output.get("data", {}).get("text/markdown", ""))
    return texts


@pytest.mark.notebooks
@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.name)
def test_solution_runs_on_the_seed(sandbox, solution):
    before = tree_hash(sandbox / "corpus")
    texts = _run(sandbox / "course" / "solutions" / solution.name)
    assert tree_hash(sandbox / "corpus") == before, "a solution wrote into corpus/"
    assert not (sandbox / "figures").exists(), "a solution wrote figures/"
    passed = [t for t in texts if "✅" in t]
    if not solution.name.startswith("05_"):  # the seed has no dates: 05 skips, saying so
        assert passed, f"{solution.name}: no check passed on the seed"


@pytest.mark.notebooks
@pytest.mark.parametrize("solution", [p for p in SOLUTIONS if p.name[:2] in {"02", "04", "05",
                                                                             "06"}],
                         ids=lambda p: p.name)
def test_solution_runs_on_a_dated_corpus_of_two_sources(sandbox, class_file, solution):
    texts = _run(sandbox / "course" / "solutions" / solution.name,
                 {"CORPUS": str(class_file), "OUT": str(sandbox / "build" / "class")})
    skipped = [t for t in texts if t.startswith("skipped")]
    assert not skipped, f"{solution.name} skipped a cell on a dated corpus: {skipped}"
    calls = "".join(c.source for c in nbformat.read(solution, as_version=4).cells
                    if c.cell_type == "code").count('check("')
    assert sum(t.count("✅") for t in texts) == calls, "not every check ran and passed"


# ---------------------------------------------------------------- the checks


@pytest.fixture(scope="module")
def seed():
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def dated(class_file):
    return open_corpus(class_file)


def _fails(exercise, answer, pattern, **context) -> CheckResult:
    result = check(exercise, answer, **context)
    assert not result and re.search(pattern, result.message), result
    with pytest.raises(ExerciseError, match=re.escape(exercise)):
        check(exercise, answer, strict=True, **context)
    return result


def test_the_list_of_exercises_and_bad_ids():
    table = exercises()
    assert list(table.columns) == ["exercise", "notebook", "answer", "needs"]
    assert {"00.1", "02.5", "05.6", "06.4"} <= set(table["exercise"])
    with pytest.raises(ValueError, match=r"no exercise '9\.9'"):
        check("9.9", None)
    with pytest.raises(TypeError, match="needs corpus="):
        check("02.3", [])
    assert str(CheckResult("01.3", True, "ok")) == "PASS 01.3: ok"


def test_check_00_rendering(tmp_path):
    from arcorpus.plotting import display_text, rendering_variants

    variants = rendering_variants("لا للحرب")
    assert check("00.1", {**variants, "right": "kit"})
    _fails("00.1", {**variants, "right": "reshape+bidi" if display_text("ب") == "ب" else
                    "logical"}, "is not right on this matplotlib")
    _fails("00.1", {**variants, "kit": "x", "right": "kit"}, "the recipe gives")
    assert check("00.2", {"typed": "ISIS / داعش", "drawn": display_text("ISIS / داعش")})
    _fails("00.2", {"typed": "ISIS / داعش", "drawn": "ISIS / شعاد"}, "display_text")
    _fails("00.3", [tmp_path / "a.png"], "no .pdf")


def test_check_01_loading(seed, tmp_path):
    mine = tmp_path / "mine"
    shutil.copytree(CORPUS, mine)
    _fails("01.1", mine, "no article was added", corpus=seed)
    (mine / "articles" / "extra.txt").write_text("اشتبكت الفصائل في درعا.\n", encoding="utf-8")
    _fails("01.1", mine, "no row", corpus=seed)
    with open(mine / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write("extra,mine,,,\n")
    assert check("01.1", mine, corpus=seed).message.startswith("articles 1 -> 2")
    assert check("01.2", {"source": r"المصدر\s*:"})
    _fails("01.2", {"source": r".*المصدر:"}, "also removed")
    _fails("01.2", {"source": r"^مصدر:"}, "was not set aside")
    words = seed.sentences["text"].str.split().str.len()
    assert check("01.3", seed.sentences.loc[words.idxmax(), "text"], corpus=seed)
    _fails("01.3", seed.sentences.loc[words.idxmin(), "text"], "the longest has", corpus=seed)
    report = pd.DataFrame([{"kind": "skipped", "detail": "row 1: empty or missing text in "
                            "column 'body'", "action": "skipped"}])
    assert check("01.4", report)
    _fails("01.4", report.iloc[:0], "nothing skipped")


def test_check_02_terms(seed, dated):
    from arcorpus.terms import keyness_by, kwic, term_frequencies
    from arcorpus.text import ArabicAnalyzer, stopwords

    keep = term_frequencies(seed, analyzer=ArabicAnalyzer(clitics="keep")).head(10)["term"]
    strip = term_frequencies(seed).head(10)["term"]
    assert check("02.1", {"keep": keep.tolist(), "strip": strip.tolist()}, corpus=seed)
    _fails("02.1", {"keep": strip.tolist(), "strip": strip.tolist()}, r"02.1 \(keep\)",
           corpus=seed)
    assert check("02.2", ArabicAnalyzer(stopwords=stopwords(add=["مصدر", "المصدر"])))
    _fails("02.2", ArabicAnalyzer(stopwords=["مصدر"]), "default stop words")
    _fails("02.2", ArabicAnalyzer(), "still comes out")
    bigrams = term_frequencies(seed, ngram_range=(2, 2)).head(10)["term"].tolist()
    assert check("02.3", bigrams, corpus=seed)
    _fails("02.3", bigrams[:9], "expected 10 terms", corpus=seed)
    _fails("02.3", [*bigrams[:9], "جبهة"], "not in the recomputed table", corpus=seed)
    lines = {"داعش": len(kwic(seed, "داعش")), "تنظيم الدولة": len(kwic(seed, "تنظيم الدولة"))}
    assert check("02.4", lines, corpus=seed)
    _fails("02.4", {**lines, "داعش": 99}, "not 99", corpus=seed)
    _fails("02.5", {}, "1 source", corpus=seed)
    key = keyness_by(dated, "source", min_count=5, direction="target")
    answer = {s: key[key["source"] == s].head(5)["term"].tolist() for s in ("okaz", "sabq")}
    assert check("02.5", answer, corpus=dated)
    _fails("02.5", {"okaz": answer["sabq"]}, r"02.5 \(okaz\)", corpus=dated)
    key20 = keyness_by(dated, "source", min_count=20, direction="target")
    assert check("05.4", {"okaz": key20[key20["source"] == "okaz"].head(5)["term"].tolist()},
                 corpus=dated)


def test_check_03_factions(seed, tmp_path):
    from importlib.resources import files

    from arcorpus.factions import cooccurrence, find_mentions

    folder = tmp_path / "gaz"
    shutil.copytree(Path(str(files("arcorpus").joinpath("data/gazetteer"))), folder)
    answer = {"folder": folder, "alias": "شهداء اليرموك", "actor_id": "yarmouk_martyrs_brigade"}
    _fails("03.1", answer, "no more aliases")
    with open(folder / "aliases.csv", "a", encoding="utf-8") as handle:
        handle.write("yarmouk_martyrs_brigade,شهداء اليرموك,,,,\n")
    assert check("03.1", answer)
    _fails("03.1", {**answer, "actor_id": "nusra"}, "no row gives")
    mentions = find_mentions(seed)
    paragraphs = cooccurrence(mentions, corpus=seed)
    window = cooccurrence(mentions, window=2, corpus=seed)
    lost = {(a, b) for a, b in zip(paragraphs["actor_a"], paragraphs["actor_b"], strict=True)} \
        - {(a, b) for a, b in zip(window["actor_a"], window["actor_b"], strict=True)}
    assert check("03.2", {"sentences": [], "window=2": sorted(lost)}, corpus=seed)
    _fails("03.2", {"sentences": [], "window=2": sorted(lost)[1:]}, "missing", corpus=seed)
    ranks = paragraphs[["count", "npmi"]].rank(ascending=False, method="min")
    moved = (ranks["count"] - ranks["npmi"]).abs()
    top = paragraphs.loc[moved.idxmax(), ["actor_a", "actor_b"]].tolist()
    low = paragraphs.loc[moved.idxmin(), ["actor_a", "actor_b"]].tolist()
    assert check("03.3", [tuple(top)], corpus=seed)
    _fails("03.3", [tuple(low)], "largest change", corpus=seed)
    table = cooccurrence(mentions, corpus=seed, by="source")
    assert check("03.4", table, corpus=seed)
    _fails("03.4", table.assign(count=table["count"] + 1), "differ", corpus=seed)


@pytest.fixture(scope="module")
def topic_model(dated):
    from arcorpus.topics import fit_topics

    return fit_topics(dated, k=3, unit="articles", random_state=0)


def test_check_04_topics(seed, dated, topic_model):
    import warnings

    from arcorpus.topics import SmallCorpusWarning, fit_topics, topic_effects

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallCorpusWarning)
        labels = {engine: fit_topics(seed, k=2, unit="paragraphs", random_state=0,
                                     engine=engine).top_terms(6, by="frex")
                  for engine in ("tomotopy", "sklearn")}
    assert check("04.1", labels, corpus=seed, k=2, unit="paragraphs")
    _fails("04.1", {"tomotopy": labels["sklearn"], "sklearn": labels["sklearn"]},
           r"04.1 \(tomotopy\)", corpus=seed, k=2, unit="paragraphs")
    table = topic_model.term_table(top_n=6, by="frex", frex_weight=0.2)
    assert check("04.2", table, model=topic_model)
    if not table.equals(topic_model.term_table(top_n=6, by="frex")):
        _fails("04.2", topic_model.term_table(top_n=6, by="frex"), "default weight",
               model=topic_model)
    units = topic_model.units
    found = {}
    for variable in ("month", "week"):
        rows = topic_effects(topic_model, formula=f"~ source * {variable}", data=units,
                             random_state=0).table
        rows = rows[rows["term"].str.contains(variable)]
        found[variable] = set(rows.loc[(rows["lower"] > 0) | (rows["upper"] < 0), "topic"])
    assert check("04.3", found, model=topic_model, data=units)
    _fails("04.3", {"month": found["month"] ^ {0}, "week": found["week"]}, "excludes 0",
           model=topic_model, data=units)
    widths = {}
    for name, options in {"composition": {}, "bootstrap": {"uncertainty": "bootstrap"},
                          "prior=model": {"prior": "model"}}.items():
        effects = topic_effects(topic_model, by=["source", "month"], data=units,
                                random_state=0, **options).table
        widths[name] = float((effects["upper"] - effects["lower"]).mean())
    assert check("04.4", widths, model=topic_model, data=units, by=["source", "month"])
    _fails("04.4", {**widths, "bootstrap": widths["composition"]}, "bootstrap",
           model=topic_model, data=units, by=["source", "month"])
    seeds = {0: ["الحوثي", "اليمن", "عدن"]}
    seeded = fit_topics(dated, k=3, unit="articles", seeds=seeds, random_state=0)
    assert check("04.5", seeded, seeds=seeds)
    free_words = set(topic_model.top_terms(10)[0])
    if not free_words & {"حوثي", "يمن", "عدن"}:
        _fails("04.5", topic_model, "none of the seed words", seeds=seeds)


def test_check_05_time(seed, dated):
    from arcorpus.corpus.periods import period_starts
    from arcorpus.terms import kwic, term_change

    _fails("05.1", {"rising": [], "falling": []}, "no dates", corpus=seed)
    weekly = dated.subset(dated.articles["doc_id"])
    weekly.articles["period"] = period_starts(weekly.articles["date"], "W")
    change = term_change(weekly, by="period")
    found = change[change["q_value"] < 0.05]
    answer = {t: found.loc[found["trend"] == t, "term"].tolist() for t in ("rising", "falling")}
    assert "هدنة" in answer["rising"] and "حصار" in answer["falling"]  # the planted trends
    assert check("05.1", answer, corpus=dated)
    _fails("05.1", {**answer, "rising": answer["rising"][1:]}, r"05.1 \(rising\)", corpus=dated)
    strict = term_change(weekly, by="period", min_count=100)
    rising = strict.loc[(strict["q_value"] < 0.05) & (strict["trend"] == "rising"), "term"]
    assert check("05.3", {"tested": len(strict), "rising": rising.tolist()}, corpus=dated)
    _fails("05.3", {"tested": len(change), "rising": []}, "words are tested", corpus=dated)
    first = weekly.articles["period"].min()
    ids = set(weekly.articles.loc[weekly.articles["period"] == first, "doc_id"])
    lines = kwic(weekly, "حصار", sort="R1")
    lines = lines[lines["doc_id"].isin(ids)]
    assert len(lines) and check("05.5", lines, corpus=dated, word="حصار")
    _fails("05.5", lines.iloc[::-1], "not sorted by R1" if len(lines) > 1 else "lines",
           corpus=dated, word="حصار")
    drawn = sorted(dated.articles["doc_id"].sample(60, random_state=0))
    small = dated.subset(drawn)
    small.articles["period"] = period_starts(small.articles["date"], "W")
    n = int((term_change(small, by="period")["q_value"] < 0.05).sum())
    assert check("05.6", {"doc_ids": drawn, "trends": n}, corpus=dated)
    _fails("05.6", {"doc_ids": drawn, "trends": n + 1}, "have q < 0.05", corpus=dated)


def test_check_05_2_shares(dated):
    from arcorpus.corpus.periods import period_starts
    from arcorpus.factions import find_mentions

    periods = period_starts(dated.articles["date"], "W")
    per_period = periods.value_counts()
    named = find_mentions(dated)[["doc_id", "actor_id"]].drop_duplicates()
    named = named[named["actor_id"].isin(["hezbollah", "russia"])].merge(
        dated.articles[["doc_id"]].assign(period=periods))
    counts = named.groupby(["period", "actor_id"]).size().rename("naming").reset_index()
    counts["articles"] = counts["period"].map(per_period)
    assert len(counts) and check("05.2", counts, corpus=dated)
    _fails("05.2", counts.assign(naming=counts["naming"] + 1), "is named in", corpus=dated)


def test_check_06_explorers(seed, dated, topic_model):
    from arcorpus.factions import cooccurrence, find_mentions
    from arcorpus.terms import keyness_by, kwic, term_frequencies
    from arcorpus.topics import fit_topics

    lines = kwic(seed, "النصرة", sort=["L1", "R1"])
    assert check("06.1", lines, corpus=seed, query="النصرة")
    _fails("06.1", kwic(seed, "النصرة", sort=["R1"]), "not sorted by L1", corpus=seed,
           query="النصرة")
    okaz = dated.subset((dated.articles["source"] == "okaz").to_numpy())
    key = keyness_by(dated, "source", direction="target")
    answer = {"count": term_frequencies(okaz).head(10)["term"].tolist(),
              "keyness": key[key["source"] == "okaz"].head(10)["term"].tolist()}
    assert check("06.2", answer, corpus=dated, group="okaz")
    _fails("06.2", {**answer, "keyness": answer["count"]}, r"06.2 \(keyness\)", corpus=dated,
           group="okaz")
    edges = cooccurrence(find_mentions(seed), unit="sentences", corpus=seed)
    kept = edges[edges["count"] >= 2]
    pairs = list(zip(kept["actor_a"], kept["actor_b"], strict=True))
    assert check("06.3", {"min_count": 2, "pairs": pairs}, corpus=seed)
    _fails("06.3", {"min_count": 3, "pairs": pairs}, "fewer than 10 edges is 2", corpus=seed)
    other = fit_topics(dated, k=4, unit="articles", random_state=0)
    first, second = topic_model.top_terms(10), other.top_terms(10)
    best = {t: max(second, key=lambda u, w=w: len(set(w) & set(second[u]))
                   / len(set(w) | set(second[u]))) for t, w in first.items()}
    assert check("06.4", best, model_a=topic_model, model_b=other)
    wrong = {t: (u + 1) % 4 for t, u in best.items()}
    _fails("06.4", wrong, "best match", model_a=topic_model, model_b=other)


def test_the_glossary_names_functions_that_exist():
    """Every `arcorpus....` name in the course's Markdown files resolves."""
    names = set()
    for path in (ROOT / "course").glob("*.md"):
        names |= set(re.findall(r"`(arcorpus(?:\.\w+)+)", path.read_text(encoding="utf-8")))
    assert names, "the course documents name no kit function"
    for name in sorted(names):
        parts = name.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                target = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            for attribute in parts[cut:]:
                assert hasattr(target, attribute), f"{name} does not exist"
                target = getattr(target, attribute)
            break
        else:
            pytest.fail(f"{name} does not import")
