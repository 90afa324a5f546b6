"""Shipped boilerplate rules for Arabic news sources and agencies, and tails glued to the last
paragraph: set aside into the boilerplate column and the report, offsets still honest."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest

from arcorpus.corpus import BOILERPLATE_RULES, boilerplate_rules, detect_boilerplate, load_corpus
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


# --- detection: what a source repeats ------------------------------------------------------

def _news(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)) + "."


def synthetic_sources(seed_text: str) -> pd.DataFrame:
    """Three sources of 40 articles written from the seed's words, each with its own
    boilerplate: a footer line (a), a tag list glued to the last paragraph (b), bylines whose
    names vary (c), and in c a numbered list and a closing sentence that are content."""
    rng = random.Random(0)
    words = [w for w in seed_text.split() if w.isalpha()]
    rows = []
    for source in "abc":
        for i in range(40):
            paragraphs = [_news(rng, words, rng.randint(15, 40)) for _ in range(rng.randint(2, 5))]
            if source == "a" and i < 30:
                paragraphs.append(f"للتواصل أرسل SMS إلى {rng.randint(1000, 99999)}")
            if source == "a" and i == 39:
                paragraphs[-1] += " وسوم الحملة"  # the tag marker of b is a word in a
            if source == "b" and i < 32:
                tags = " ".join(rng.sample(words, rng.randint(2, 8)))
                paragraphs[-1] += f" وسوم {tags}"
            if source == "c":
                paragraphs.insert(0, f"{rng.choice(words)} {rng.choice(words)} – مراسلنا")
                if i < 20:
                    paragraphs[2:2] = [f"{k} - {_news(rng, words, 6)}" for k in (1, 2, 3)]
                paragraphs[-1] += " والله الموفق."
            rows.append((f"{source}{i:02d}", source, "\n".join(paragraphs)))
    return pd.DataFrame(rows, columns=["doc_id", "source", "text"])


def test_detect_boilerplate_finds_what_each_source_repeats(seed_text):
    data = synthetic_sources(seed_text)
    proposals = detect_boilerplate(data, min_docs=10, min_share=0.2)
    found = {(r.source, r.kind, r.n_docs) for r in proposals.itertuples()}
    assert found == {("a", "line", 30), ("b", "tail", 32), ("c", "line_end", 40)}, proposals
    rows = proposals.set_index("source")
    assert rows.loc["b", "example"].startswith("وسوم")
    assert rows.loc["c", "edge_share"] == 1.0 and rows.loc["c", "precision"] == 1.0
    assert all(name.isidentifier() for name in proposals["name"])

    rules = boilerplate_rules(proposals)
    corpus = load_corpus(data, id_column="doc_id", boilerplate=rules)
    articles = corpus.articles.set_index("doc_id")
    assert not articles["text"].str.contains("للتواصل|وسوم|مراسلنا").loc[
        lambda s: s.index != "a39"].any()
    assert articles.loc["a39", "text"].endswith("وسوم الحملة")  # b's rule stays in b
    assert articles.loc["c05", "text"].count("\n1 - ") == 1  # the numbered list is content
    assert articles.loc["b00", "boilerplate"].startswith("وسوم")
    for row in corpus.paragraphs.itertuples():
        assert articles.loc[row.doc_id, "text"][row.start:row.end] == row.text
    report = corpus.report[corpus.report["kind"] == "boilerplate"]
    assert len(report) == 30 + 32 + 40
    assert report["detail"].str.match(r"(rule|tail) auto_[abc]_").all()

    # "auto" finds the same three with its default thresholds and applies them in one call
    auto = load_corpus(data, id_column="doc_id", boilerplate="auto")
    assert auto.articles["text"].equals(corpus.articles["text"])
    adopted = auto.report[auto.report["kind"] == "boilerplate_rule"]
    assert adopted["action"].eq("adopted").all() and len(adopted) == 3
    assert adopted["detail"].str.contains("in 32 articles of b").sum() == 1


def test_detection_needs_enough_articles_and_checks_its_input(seed_text):
    data = synthetic_sources(seed_text)
    assert detect_boilerplate(data, min_docs=35, min_share=0).pipe(len) == 1  # c's bylines
    assert detect_boilerplate(data["text"].tolist(), min_share=0.05).pipe(
        lambda p: set(p["source"])) == {""}  # texts: one source
    with pytest.raises(ValueError, match="no column 'site'"):
        detect_boilerplate(data, by="site")
    with pytest.raises(ValueError, match="min_docs"):
        detect_boilerplate(data, min_docs=1)
    with pytest.raises(ValueError, match="columns name, kind and pattern"):
        boilerplate_rules(pd.DataFrame({"name": ["x"]}))
    with pytest.raises(re.error):
        boilerplate_rules(pd.DataFrame({"name": ["x"], "kind": ["line"], "pattern": ["(("]}))
    with pytest.raises(ValueError, match="'auto' or None"):
        load_corpus(data, id_column="doc_id", boilerplate="automatic")
