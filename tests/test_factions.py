"""Actor gazetteer, mention extraction measured against the gold file, and the hard rules."""

from __future__ import annotations

import shutil
from importlib.resources import files

import pandas as pd
import pytest

from arcorpus.corpus import load_corpus
from arcorpus.factions import (
    MentionFinder,
    evaluate_mentions,
    find_mentions,
    load_gazetteer,
    load_gold,
    mentions_by_paragraph,
)

from conftest import CORPUS, FIXTURES

GOLD = FIXTURES / "seed_factions_gold.json"


@pytest.fixture(scope="module")
def finder():
    return MentionFinder()


def test_gazetteer_covers_the_war_and_its_aliases_do_not_collide():
    g = load_gazetteer()
    assert len(g.actors) >= 60
    types = set(g.actors["type"])
    assert {"state_forces", "foreign_state", "foreign_militia", "jihadist", "islamist_armed",
            "armed_opposition", "kurdish_forces", "political_body", "judicial_body"} <= types
    for actor in ["regime", "russia", "iran", "hezbollah", "turkey", "coalition", "sdf", "ypg",
                  "isis", "nusra"]:
        assert actor in set(g.actors["actor_id"])
    # every normalised alias names one actor
    assert g.aliases.groupby("key")["actor_id"].nunique().max() == 1
    nusra = g.aliases[g.aliases["actor_id"] == "nusra"].set_index("alias")
    assert nusra.loc["جبهة فتح الشام", "from_year"] == "2016"
    assert nusra.loc["هيئة تحرير الشام", "from_year"] == "2017"


def copy_gazetteer(tmp_path):
    folder = tmp_path / "gaz"
    shutil.copytree(str(files("arcorpus").joinpath("data/gazetteer")), folder)
    return folder


def test_a_users_gazetteer_is_validated(tmp_path):
    folder = copy_gazetteer(tmp_path)
    with (folder / "aliases.csv").open("a", encoding="utf-8") as handle:
        handle.write("fsa,جبهة النصرة,,,\n")
    with pytest.raises(ValueError, match=r"alias\(es\) given to more than one actor"):
        load_gazetteer(folder)
    folder = copy_gazetteer(tmp_path / "b")
    with (folder / "aliases.csv").open("a", encoding="utf-8") as handle:
        handle.write("ghost,شبح,,,\n")
    with pytest.raises(ValueError, match=r"aliases of unknown actors \['ghost'\]"):
        load_gazetteer(folder)
    folder = copy_gazetteer(tmp_path / "c")
    with (folder / "aliases.csv").open("a", encoding="utf-8") as handle:
        handle.write("fsa,الحر,,,maybe\n")
    with pytest.raises(ValueError, match=r"unknown rule\(s\) \['maybe'\]"):
        load_gazetteer(folder)
    folder = copy_gazetteer(tmp_path / "d")
    with (folder / "aliases.csv").open("a", encoding="utf-8") as handle:
        handle.write("fsa,ثوار الجنوب,,,\n")  # an alias of the user's own
    assert find_mentions(["قال ثوار الجنوب"], gazetteer=load_gazetteer(folder))[
        "actor_id"].tolist() == ["fsa"]


def test_seed_mentions_against_the_gold_file():
    corpus = load_corpus(CORPUS)
    mentions = find_mentions(corpus)
    text = corpus.articles["text"][0]
    for row in mentions.itertuples():
        assert text[row.start:row.end] == row.surface
    gold, optional = load_gold(GOLD)
    assert len(gold) == 28 and len(optional) == 2 and gold["actor_id"].nunique() == 12
    result = evaluate_mentions(mentions_by_paragraph(mentions, corpus, "000_0eee5cfdabd81abf"),
                               gold, optional)
    print(f"\nseed: precision {result['precision']:.3f} recall {result['recall']:.3f} "
          f"F1 {result['f1']:.3f}")
    assert result["recall"] == 1.0, result["misses"]
    assert result["precision"] >= 0.95, result["false_hits"]
    assert result["per_actor"].set_index("actor_id").loc["nusra", "hits"] == 6
    # sentence and paragraph ids come from the corpus
    assert mentions["para_id"].between(0, 11).all() and (mentions["sent_id"] >= 0).all()


def test_evaluation_counts_misses_false_hits_and_ignores_optional_spans():
    gold = pd.DataFrame({"paragraph": [0, 0, 1], "start": [0, 10, 5], "end": [4, 15, 9],
                         "surface": ["a", "b", "c"], "actor_id": ["isis", "nusra", "fsa"]})
    optional = pd.DataFrame({"paragraph": [1], "start": [20], "end": [27], "surface": ["x"],
                             "actor_id": ["isis"]})
    predicted = pd.DataFrame({
        "paragraph": [0, 0, 1, 1, 1],
        "start": [1, 12, 5, 21, 30],
        "end": [3, 14, 9, 26, 33],
        "surface": ["a", "b", "c", "x", "y"],
        "actor_id": ["isis", "fsa", "fsa", "isis", "regime"],
    })
    result = evaluate_mentions(predicted, gold, optional)
    # 4 scored predictions (the optional one is ignored): 2 hits -> P 0.5; 2 of 3 gold -> R 2/3
    assert result["precision"] == 0.5 and result["recall"] == pytest.approx(2 / 3)
    assert result["misses"]["surface"].tolist() == ["b"]
    assert sorted(result["false_hits"]["surface"]) == ["b", "y"]
    per = result["per_actor"].set_index("actor_id")
    assert per.loc["fsa", "hits"] == 1 and per.loc["fsa", "predicted"] == 2


CASES = [
    # clitics, quotes and brackets around names
    ('و"الجيش الحر" يتقدم', [("الجيش الحر", "fsa")]),
    ('قال لـ"النصرة" إن', [("النصرة", "nusra")]),
    ("بيان للنصرة", [("لنصرة", "nusra")]),
    ("هجوم بالنصرة", [("النصرة", "nusra")]),
    ("وجبهة النصرة وداعش", [("جبهة النصرة", "nusra"), ("داعش", "isis")]),
    ("فالجيش الحر انسحب", [("الجيش الحر", "fsa")]),
    ("مقرات (داعش) في الريف", [("داعش", "isis")]),
    ("عناصر «داعش» فروا", [("داعش", "isis")]),
    ("قصف بروسيا وإيران", [("روسيا", "russia"), ("إيران", "iran")]),
    # spelling: diacritics, tatweel, hamza
    ("جَبهةُ النُّصرة", [("جَبهةُ النُّصرة", "nusra")]),
    ("النـصرة", [("النـصرة", "nusra")]),
    ("احرار الشام", [("احرار الشام", "ahrar_al_sham")]),
    # longest match first
    ("الجيش السوري الحر", [("الجيش السوري الحر", "fsa")]),
    ("الجيش السوري قصف", [("الجيش السوري", "regime")]),
    ("حركة أحرار الشام الإسلامية", [("حركة أحرار الشام الإسلامية", "ahrar_al_sham")]),
    ("هيئة تحرير الشام", [("هيئة تحرير الشام", "nusra")]),
    # never inside a longer word
    ("الداعشيون", []),
    ("النصرةي", []),
    ("الإيرانيون والتركيات", []),
    ("جيش الإسلاميين", []),
    # ambiguous short aliases, each rule
    ("مؤسسات الدولة السورية", []),
    ('لتنظيم "الدولة" الإرهابي', [("الدولة", "isis")]),
    ("تنظيم الدولة الإسلامية", [("تنظيم الدولة الإسلامية", "isis")]),
    ("عناصر «الدولة» انسحبوا", [("الدولة", "isis")]),
    ("تطوير النظام الغذائي", []),
    ("قوات النظام قصفت، واعتبر أن النظام يكذب", [("قوات النظام", "regime"),
                                                 ("النظام", "regime")]),
    ("القاعدة العسكرية الروسية", []),
    ("تنظيم القاعدة والقاعدة الجوية", [("تنظيم القاعدة", "al_qaeda")]),
    ('وتنظيم "القاعدة"', [("القاعدة", "al_qaeda")]),
    ("التحالف بين الأحزاب", []),
    ("غارات «التحالف»", [("التحالف", "coalition")]),
    ("غارات التحالف الدولي", [("التحالف الدولي", "coalition")]),
    ("الائتلاف الحكومي في العراق", []),
    ("الائتلاف الوطني السوري رحب، وقال الائتلاف", [("الائتلاف الوطني السوري", "national_coalition"),
                                                   ("الائتلاف", "national_coalition")]),
    ("التنظيم أعلن", []),  # anaphora is not guessed
    ("مدينة البعث في القنيطرة", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_hard_mention_rules(text, expected, finder):
    table = find_mentions([text], gazetteer=finder)
    assert list(zip(table["surface"], table["actor_id"], strict=True)) == expected
    for row in table.itertuples():
        assert text[row.start:row.end] == row.surface
