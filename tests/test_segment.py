"""Sentence splitting: Arabic terminators, decimals, dates, abbreviations, and offsets for any
text (property-tested)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arcorpus.corpus import iter_sentence_spans, load_corpus
from arcorpus.corpus.segment import split_sentences


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in iter_sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل ثلاثة. وأصيب آخرون", ["قتل ثلاثة.", "وأصيب آخرون"]),
        ("هل انتهت المعارك؟ لا", ["هل انتهت المعارك؟", "لا"]),
        ("يا للهول! انتهى", ["يا للهول!", "انتهى"]),
        ("أولاً؛ ثانياً", ["أولاً؛", "ثانياً"]),
        ("ارتفعت النسبة إلى 3.5 بالمئة أمس", ["ارتفعت النسبة إلى 3.5 بالمئة أمس"]),
        ("في 21.7.2015 وقع الهجوم. ثم", ["في 21.7.2015 وقع الهجوم.", "ثم"]),
        ("قال د. محمد إنه وصل", ["قال د. محمد إنه وصل"]),
        ("نقلت وكالة أ.ف.ب. الخبر", ["نقلت وكالة أ.ف.ب. الخبر"]),
        ("ولد عام 1950 م. في دمشق", ["ولد عام 1950 م. في دمشق"]),
        ('وأضاف: "انتهى الأمر." ثم غادر', ['وأضاف: "انتهى الأمر."', "ثم غادر"]),
        ("وقال «لن نتراجع»! وأكمل", ["وقال «لن نتراجع»!", "وأكمل"]),
        ("ماذا بعد؟! لا أحد يعرف", ["ماذا بعد؟!", "لا أحد يعرف"]),
        ("معارك الشمال السوري... تحوّلات", ["معارك الشمال السوري...", "تحوّلات"]),
        ("زوروا www.example.com للمزيد", ["زوروا www.example.com للمزيد"]),
        ("مُقاتِلين تحوّلات.", ["مُقاتِلين تحوّلات."]),
    ],
)
def test_sentence_rules(text, expected):
    assert split(text) == expected


def test_custom_abbreviations_extend_the_list():
    text = "وصل اللواء. ركن إلى الراحة"
    assert len(split(text)) == 2
    spans = list(iter_sentence_spans(text, abbreviations=frozenset({"اللواء"})))
    assert len(spans) == 1


def test_line_ends_always_end_sentences():
    corpus = load_corpus(__import__("pandas").DataFrame(
        {"text": ["سطر بلا نقطة\nسطر ثان بلا نقطة أيضا"]}))
    assert corpus.sentences["text"].tolist() == ["سطر بلا نقطة", "سطر ثان بلا نقطة أيضا"]
    assert corpus.sentences["para_id"].tolist() == [0, 1]


def test_an_abbreviation_opening_a_later_text_is_kept_whole():
    # texts are split joined; the token before a period must not reach back into earlier texts
    spans = split_sentences(["قال أحمد كلاما", "د. الصالح يكتب", "س. م. – الخبر."])
    assert spans["doc"].tolist() == [0, 1, 2]


arabic_or_any = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهوية ءأإآؤئىًٌٍَُِّْـ.!?؟؛،\"«»() \n\t0123456789")),
        st.characters(),
    ),
    max_size=300,
)


@given(arabic_or_any)
def test_sentence_spans_round_trip_for_any_text(text):
    spans = list(iter_sentence_spans(text))
    previous_end = 0
    for start, end in spans:
        assert 0 <= previous_end <= start < end <= len(text)
        unit = text[start:end]
        assert unit == unit.strip() and unit
        previous_end = end
    # nothing but white space is lost between sentences
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())


@given(st.lists(arabic_or_any, min_size=1, max_size=4))
def test_texts_split_together_as_each_alone(texts):
    spans = split_sentences(texts)
    together = list(zip(spans["doc"].tolist(), spans["start"].tolist(), spans["end"].tolist(),
                        strict=True))
    alone = [(d, s, e) for d, text in enumerate(texts) for s, e in iter_sentence_spans(text)]
    assert together == alone


@given(st.lists(arabic_or_any, min_size=1, max_size=4))
def test_loader_offsets_round_trip_for_any_text(texts):
    import pandas as pd

    frame = pd.DataFrame({"text": texts}, dtype=object)  # object: may hold any str
    corpus = load_corpus(frame, errors="skip")
    by_id = dict(zip(corpus.articles["doc_id"], corpus.articles["text"], strict=True))
    for table in (corpus.paragraphs, corpus.sentences):
        for doc_id, start, end, unit in zip(table["doc_id"], table["start"], table["end"],
                                            table["text"], strict=True):
            assert by_id[doc_id][start:end] == unit
    # every row is either loaded or reported
    skipped = (corpus.report["kind"] == "skipped").sum()
    assert len(corpus.articles) + skipped == len(texts)
