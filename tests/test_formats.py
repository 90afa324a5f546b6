"""Readers for public corpora: TREC-style pseudo-XML (own fixtures) and SaudiNewsNet (a small
zip made here; the real copy in ../shared in the extended tests)."""

from __future__ import annotations

import json
import zipfile

import pandas as pd
import pytest

from arcorpus.corpus import CorpusError, load_saudinewsnet, load_trec
from arcorpus.corpus.formats import parse_trec_document

from conftest import FIXTURES, SHARED_CORPORA, tree_hash

ARTICLE_KEYS = ["source", "url", "date", "title"]


def test_trec_fixtures_load_with_metadata_and_hashtags_kept():
    before = tree_hash(FIXTURES / "trec")
    corpus = load_trec(FIXTURES / "trec")
    assert tree_hash(FIXTURES / "trec") == before
    arts = corpus.articles.set_index("doc_id")
    assert list(arts.index) == ["AMY_0042", "SNA_0001", "SNA_0002"]
    first = arts.loc["SNA_0001"]
    assert first["source"] == "SkyNewsArabia" and first["category"] == "politics"
    assert first["date"] == pd.Timestamp("2018-07-15 17:56:56", tz="UTC")
    assert first["author"] == "أبوظبي - سكاي نيوز عربية"
    # raw & and < and the hashtag are kept as published
    assert "#داعش_الإرهابي في ريف درعا الغربي & القنيطرة." in first["text"]
    assert "< الرقم الرسمي" in first["text"]
    assert first["n_paragraphs"] == 2
    # source and category fall back to the folder names when tags are missing
    amy = arts.loc["AMY_0042"]
    assert (amy["source"], amy["category"]) == ("AlMasryAlYoum", "middle-east")
    assert "<المعارك>" in amy["text"]
    assert isinstance(corpus.articles["date"].dtype, pd.DatetimeTZDtype)
    # the read-also line of SNA_0002 is boilerplate; its URL repeats SNA_0001's
    assert arts.loc["SNA_0002", "boilerplate"] == "اقرأ أيضاً: خريطة السيطرة في الجنوب السوري"
    dup = corpus.report[corpus.report["kind"] == "duplicate_url"]
    assert dup[["doc_id", "detail"]].values.tolist() == [["SNA_0002", "same url as SNA_0001"]]
    assert load_trec(FIXTURES / "trec", drop_duplicates="url").articles["doc_id"].tolist() == [
        "AMY_0042", "SNA_0001"]


def test_trec_sentences_keep_decimals_and_abbreviations():
    corpus = load_trec(FIXTURES / "trec")
    sentences = corpus.sentences.query("doc_id == 'AMY_0042'")["text"].tolist()
    assert sentences == ['أعلنت "هيئة تحرير الشام" (جبهة النصرة سابقاً) سيطرتها على مواقع جديدة؛',
                         "وقال د. أحمد إن <المعارك> لن تتوقف."]
    sna = corpus.sentences.query("doc_id == 'SNA_0001'")["text"].tolist()
    assert any("3.5 ضعف" in s for s in sna)


def test_trec_broken_file_names_itself():
    with pytest.raises(CorpusError, match=r"BAD_0001\.txt: <TEXT> is not closed by </TEXT>"):
        load_trec(FIXTURES / "trec_broken")
    skipped = load_trec(FIXTURES / "trec_broken", errors="skip")
    assert skipped.report["path"].tolist() == ["BAD_0001.txt"]
    with pytest.raises(CorpusError, match=r"x\.txt: not a TREC-style article"):
        parse_trec_document("plain text", "x.txt")


def make_saudinewsnet_zip(folder, date="2015-07-21"):
    items = [
        {"source": "sabq", "url": "http://sabq.org/1", "date_extracted": f"{date} 02:51:32",
         "title": "عنوان", "author": "الرياض", "content": "فقرة أولى.\n\n فقرة ثانية؟ نعم"},
        {"source": "okaz", "url": "http://okaz.com/2", "date_extracted": f"{date} 03:00:00",
         "title": "فارغ", "author": "", "content": ""},
        {"source": "sabq", "url": "http://sabq.org/1", "date_extracted": f"{date} 04:00:00",
         "title": "مكرر", "author": "", "content": "نص آخر للرابط نفسه"},
    ]
    path = folder / f"{date}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{date}.json", json.dumps(items, ensure_ascii=False))
    return path


def test_saudinewsnet_reader(tmp_path):
    make_saudinewsnet_zip(tmp_path)
    corpus = load_saudinewsnet(tmp_path)
    arts = corpus.articles
    assert arts["doc_id"].tolist() == ["2015-07-21-00000", "2015-07-21-00002"]
    assert arts.iloc[0]["text"] == "فقرة أولى.\nفقرة ثانية؟ نعم"
    assert arts.iloc[0]["n_paragraphs"] == 2
    assert (corpus.sentences["doc_id"] == "2015-07-21-00000").sum() == 3
    assert arts.iloc[0]["date"] == pd.Timestamp("2015-07-20 23:51:32", tz="UTC")
    assert list(arts.columns[:6]) == ["doc_id", "text", "boilerplate", "n_paragraphs",
                                      "n_words", "n_chars"]
    assert {*ARTICLE_KEYS, "author"} <= set(arts.columns)
    report = corpus.report.set_index("kind")
    assert report.loc["skipped", "detail"] == "item 2: empty content (http://okaz.com/2)"
    assert report.loc["duplicate_url", "doc_id"] == "2015-07-21-00002"
    with pytest.raises(CorpusError, match=r"21\.zip:2015-07-21\.json: item 2: empty content"):
        load_saudinewsnet(tmp_path, errors="raise")


def test_saudinewsnet_bad_zip(tmp_path):
    (tmp_path / "2015-07-21.zip").write_bytes(b"not a zip")
    with pytest.raises(CorpusError, match=r"2015-07-21\.zip: not a readable zip file"):
        load_saudinewsnet(tmp_path, errors="raise")


@pytest.mark.extended
@pytest.mark.skipif(not (SHARED_CORPORA / "saudinewsnet").exists(),
                    reason="../shared/corpora/saudinewsnet is not here (fresh clone)")
def test_real_saudinewsnet():
    corpus = load_saudinewsnet(SHARED_CORPORA / "saudinewsnet")
    assert len(corpus.articles) + (corpus.report["kind"] == "skipped").sum() == 31030
    assert (corpus.report["kind"] == "skipped").sum() == 354
    assert corpus.articles["doc_id"].is_unique
    assert corpus.articles["source"].nunique() >= 11
    text = corpus.articles.set_index("doc_id")["text"]
    sample = corpus.sentences.sample(2000, random_state=0)
    for doc_id, start, end, unit in sample[["doc_id", "start", "end", "text"]].itertuples(
            index=False):
        assert text[doc_id][start:end] == unit
    assert corpus.articles["text"].str.contains("داعش").sum() >= 1700
