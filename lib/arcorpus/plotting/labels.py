"""The words the chart helpers write by themselves, in each figure language: measures (axis
labels), actor types and relations (legends), default titles.

A figure speaks one language: Arabic by default (``lang="ar"``), English with ``lang="en"``.
Names the kit does not know (a column of your own) are shown as given.

>>> label("count"), label("count", "en")
('التكرار', 'Count')
>>> type_name("jihadist", "en"), type_name("my_type")
('Jihadist', 'my_type')
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["ar", "en"]
LANGS = ("ar", "en")

#: the kit's measures and the columns its tables plot, as axis labels
MEASURES: dict[str, dict[str, str]] = {
    "count": {"ar": "التكرار", "en": "Count"},
    "per_10k": {"ar": "لكل 10 آلاف كلمة", "en": "Per 10,000 words"},
    "tfidf": {"ar": "وزن TF-IDF", "en": "TF-IDF weight"},
    "share": {"ar": "الحصة", "en": "Share"},
    "weight": {"ar": "الوزن", "en": "Weight"},
    "value": {"ar": "القيمة", "en": "Value"},
    "mentions": {"ar": "الإشارات", "en": "Mentions"},
    "documents": {"ar": "عدد الوثائق", "en": "Documents"},
    "articles": {"ar": "عدد المقالات", "en": "Articles"},
    "paragraphs": {"ar": "عدد الفقرات", "en": "Paragraphs"},
    "sentences": {"ar": "عدد الجمل", "en": "Sentences"},
    "words": {"ar": "عدد الكلمات", "en": "Words"},
    "g2": {"ar": "G²", "en": "G²"},
    "log_ratio": {"ar": "لوغاريتم النسبة", "en": "Log ratio"},
    "pmi": {"ar": "PMI", "en": "PMI"},
    "npmi": {"ar": "NPMI", "en": "NPMI"},
    "date": {"ar": "التاريخ", "en": "Date"},
    "month": {"ar": "الشهر", "en": "Month"},
    "period": {"ar": "الفترة", "en": "Period"},
    "rate": {"ar": "المعدل", "en": "Rate"},
    "position": {"ar": "الموقع في المقال (من البداية إلى النهاية)",
                 "en": "Position in the article (start to end)"},
    "expected_share": {"ar": "الحصة المتوقعة للموضوع", "en": "Expected topic share"},
}

#: the actor types of the gazetteer (arcorpus/data/gazetteer/actors.csv), for legends
ACTOR_TYPES: dict[str, dict[str, str]] = {
    "state_forces": {"ar": "قوات حكومية", "en": "State forces"},
    "pro_government_militia": {"ar": "ميليشيا موالية للحكومة", "en": "Pro-government militia"},
    "foreign_state": {"ar": "دولة أجنبية", "en": "Foreign state"},
    "foreign_militia": {"ar": "ميليشيا أجنبية", "en": "Foreign militia"},
    "jihadist": {"ar": "تنظيم جهادي", "en": "Jihadist"},
    "islamist_armed": {"ar": "فصيل إسلامي مسلح", "en": "Armed Islamist faction"},
    "armed_opposition": {"ar": "معارضة مسلحة", "en": "Armed opposition"},
    "kurdish_forces": {"ar": "قوات كردية", "en": "Kurdish forces"},
    "political_body": {"ar": "هيئة سياسية", "en": "Political body"},
    "judicial_body": {"ar": "هيئة قضائية", "en": "Judicial body"},
    "civil_body": {"ar": "هيئة مدنية", "en": "Civil body"},
    "international_body": {"ar": "هيئة دولية", "en": "International body"},
    "": {"ar": "غير مصنّف", "en": "Unclassified"},
}

#: the relation of a typed edge (conflict / cooperation / neither)
RELATIONS: dict[str, dict[str, str]] = {
    "conflict": {"ar": "صراع", "en": "Conflict"},
    "cooperation": {"ar": "تعاون", "en": "Cooperation"},
    "neither": {"ar": "لا صراع ولا تعاون", "en": "Neither"},
}

#: other words the helpers write
WORDS: dict[str, dict[str, str]] = {
    "topic": {"ar": "الموضوع {key}", "en": "Topic {key}"},
    "actor_type": {"ar": "نوع الفاعل", "en": "Actor type"},
    "relation": {"ar": "العلاقة", "en": "Relation"},
    "last_bin": {"ar": "{label} (العمود الأخير: {top} فأكثر)",
                 "en": "{label} (last bar: {top} or more)"},
    "k_axis": {"ar": "عدد الموضوعات K؛ {better}", "en": "K (topics); {better}"},
    "higher": {"ar": "الأعلى أفضل", "en": "higher is better"},
    "lower": {"ar": "الأدنى أفضل", "en": "lower is better"},
    "coherence_npmi": {"ar": "الترابط (NPMI)", "en": "Coherence (NPMI)"},
    "coherence_umass": {"ar": "الترابط (UMass)", "en": "Coherence (UMass)"},
    "perplexity": {"ar": "الحيرة على نصوص محجوزة", "en": "Held-out perplexity"},
    "stability": {"ar": "الثبات عبر البذور", "en": "Stability across seeds"},
    "frex": {"ar": "FREX", "en": "FREX"},
    "lift": {"ar": "الرفع", "en": "Lift"},
}


def check_lang(lang: str) -> Lang:
    """``lang`` if the helpers speak it, else a ValueError saying which they do."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return lang  # type: ignore[return-value]


def label(name: str, lang: Lang = "ar") -> str:
    """The axis label of a measure or column ``name`` in ``lang`` (``name`` itself when the kit
    does not know it)."""
    return MEASURES.get(name, {}).get(check_lang(lang), name)


def type_name(kind: str, lang: Lang = "ar") -> str:
    """An actor type of the gazetteer as a reader says it in ``lang``."""
    return ACTOR_TYPES.get(kind, {}).get(check_lang(lang), kind)


def relation_name(relation: str, lang: Lang = "ar") -> str:
    """A typed edge's relation (conflict, cooperation, neither) in ``lang``."""
    return RELATIONS.get(relation, {}).get(check_lang(lang), relation)


def word(name: str, lang: Lang = "ar", **fields) -> str:
    """One of :data:`WORDS` in ``lang``, with ``fields`` filled in."""
    return WORDS[name][check_lang(lang)].format(**fields)
