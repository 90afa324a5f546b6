"""Term lists on real news (issue 13): the top 50 terms of every SaudiNewsNet source, with the
kit's defaults, hold no boilerplate of the patterns found in that corpus and no token of a kind
that term hygiene leaves out. Needs ../shared/corpora (extended)."""

from __future__ import annotations

import pytest

from arcorpus.corpus import load_saudinewsnet
from arcorpus.terms import term_frequencies
from arcorpus.text.analyzer import DATE_MARKERS

from conftest import SHARED_CORPORA

pytestmark = [
    pytest.mark.extended,
    pytest.mark.skipif(not (SHARED_CORPORA / "saudinewsnet").exists(),
                       reason="../shared/corpora/saudinewsnet is not here (fresh clone)"),
]

#: terms that only the boilerplate of the issue gives (normalised as counted): agency sign-offs
#: (// انتهى //، يتبع), the Saudi Press Agency's datelines and bylines (واس), tag lists (سمات),
#: bylines (عين اليوم – متابعات), story links (رابط الخبر بصحيفة الوئام), SMS footers (تبدأ
#: بالرمز ... ثم مسافة), *نقلاً عن lines, agency bylines (فرانس24/ أ ف ب), opinion disclaimers
#: (المقالات المنشورة تعبر عن رأي كتابها) and app footers (حمّل تطبيق)
BOILERPLATE_TERMS = {"انتهي", "يتبع", "واس", "سمات", "متابعات", "رابط", "وئام", "رمز", "مسافة",
                     "نقلا", "فرانس", "منشورة", "حمل"}


@pytest.fixture(scope="module")
def corpus():
    return load_saudinewsnet(SHARED_CORPORA / "saudinewsnet")


def test_top_50_terms_of_every_source_are_free_of_boilerplate_and_excluded_kinds(corpus):
    top = term_frequencies(corpus, by="source", top_n=50, progress=False)
    assert top["source"].nunique() == corpus.articles["source"].nunique() == 14
    assert (top.groupby("source").size() == 50).all()
    leaked = top[top["term"].isin(BOILERPLATE_TERMS)]
    assert leaked.empty, leaked
    terms = top["term"]
    assert not terms.str.match(r"[0-9]").any(), "numbers"
    assert not terms.str.contains(r"[A-Za-z]").any(), "Latin script"
    assert (terms.str.len() > 1).all(), "single letters"
    assert not terms.isin(DATE_MARKERS).any(), "date markers"
    # the patterns are in the corpus: the rules set them aside, they were not absent
    boilerplate = corpus.articles.groupby("source")["boilerplate"].agg("\n".join)
    assert boilerplate["3alyoum"].count("سمات") >= 1500
    assert boilerplate["was"].count("انتهى") >= 300
    assert boilerplate["alweeam"].count("رابط الخبر بصحيفة الوئام") >= 1000
    assert boilerplate["almadina"].count("للتواصل مع الكاتب") >= 100
