"""Shipped boilerplate rules for Arabic news sources and agencies, and tails glued to the last
paragraph: set aside into the boilerplate column and the report, offsets still honest."""

from __future__ import annotations

import pandas as pd
import pytest

from arcorpus.corpus import BOILERPLATE_RULES, load_corpus
from arcorpus.corpus.boilerplate import BoilerplateMatcher


@pytest.mark.parametrize(("line", "rule"), [
    ("// انتهى //", "agency_signoff"),
    ("//انتهى//", "agency_signoff"),
    ("الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس", "spa_dateline"),
    ("للتواصل مع الكاتب ارسل رسالة SMS", "sms_footer"),
    ("737221 - Zain", "sms_footer"),
    ("عين اليوم – متابعات", "byline"),
    ("عمر إبراهيم – عين اليوم", "byline"),
    ("فرانس24/ أ ف ب", "agency_byline"),
    ("(أ. ف. ب)", "agency_byline"),
    ("حمّل تطبيق القناة على هاتفك", "app_footer"),
    ("المقالات المنشورة تعبر عن رأي كتابها ولا تعبر عن رأي الموقع", "opinion_disclaimer"),
    ("*نقلاً عن صحيفة الحياة", "quoted_from"),
    ("...المزيد", "more_link"),
    ("-------------", "separator"),
])
def test_shipped_rules(line, rule):
    assert BoilerplateMatcher(BOILERPLATE_RULES).rule_for(line) == rule


@pytest.mark.parametrize("paragraph", [
    "قالت وكالة أ ف ب إن الاجتماع انتهى مساء أمس",   # a byline inside a sentence is text
    "وقال المتحدث إن العمل انتهى",
    "تطبيق القانون على الجميع",
    "عين اليوم على الحدث في الرياض منذ الصباح الباكر",
])
def test_news_sentences_are_not_boilerplate(paragraph):
    matcher = BoilerplateMatcher(BOILERPLATE_RULES)
    assert matcher.rule_for(paragraph) is None
    assert matcher.split_tail(paragraph) is None


def test_glued_tails_are_cut_off_with_honest_offsets():
    text = ("عين اليوم – الرياض\nافتتح الأمير المعرض أمس.\n"
            "وشهد الحفل حضورا كبيرا. سمات الرياض معرض الكتاب")
    corpus = load_corpus(pd.DataFrame({"doc_id": ["a"], "text": [text]}), id_column="doc_id")
    article = corpus.articles.iloc[0]
    assert article["text"] == "افتتح الأمير المعرض أمس.\nوشهد الحفل حضورا كبيرا."
    assert article["boilerplate"] == "عين اليوم – الرياض\nسمات الرياض معرض الكتاب"
    for row in corpus.paragraphs.itertuples():
        assert article["text"][row.start:row.end] == row.text
    details = corpus.report.loc[corpus.report["kind"] == "boilerplate", "detail"].tolist()
    assert details == ["rule byline: عين اليوم – الرياض", "tail tag_list: سمات الرياض معرض الكتاب"]
    # boilerplate=None keeps everything, tails included
    raw = load_corpus(pd.DataFrame({"doc_id": ["a"], "text": [text]}), id_column="doc_id",
                      boilerplate=None)
    assert raw.articles.iloc[0]["text"] == text
