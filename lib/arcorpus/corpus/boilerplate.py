"""Rules that set boilerplate paragraphs aside (kept in their own column, never analysed).

A rule is a regular expression matched at the start of a paragraph (after leading white space);
a tail rule is matched at the end of an article's last paragraph. The defaults cover the "read
also" / "see also" lines, social-media footers, agency sign-offs and datelines and the footers of
SaudiNewsNet's sources. Override them per call::

    load_corpus("corpus/", boilerplate=None)                        # keep everything
    load_corpus("corpus/", boilerplate={**BOILERPLATE_RULES,
                                        "source_line": r"المصدر\\s*:"})  # add a rule
    load_corpus("corpus/", boilerplate="auto")   # also what each source repeats (detected)

Rules a source repeats are found by :mod:`arcorpus.corpus.boilerplate_detection`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

#: name -> pattern; a paragraph whose beginning matches is boilerplate.
BOILERPLATE_RULES: dict[str, str] = {
    # "اقرأ أيضاً: ..." with every common spelling of hamza and tanween
    "read_also": r"[اأإ]قر[أا]\s+[أا]يض(?:اً|ًا|ا)",
    # "شاهد أيضاً" / "طالع أيضاً" / "اقرأ المزيد": links to other articles or videos
    "see_also": r"(?:شاهد|طالع|تابع)\s+[أا]يض(?:اً|ًا|ا)|[اأإ]قر[أا]\s+المزيد",
    # "تابعونا على تويتر / فيسبوك ..." social footers
    "follow_us": r"تابعونا\s+(?:على|عبر)\s+",
    # agency sign-offs on a line of their own: // انتهى //, // يتبع // (Saudi Press Agency)
    "agency_signoff": r"/{1,2}\s*(?:انتهى|انتهي|يتبع)\s*/{1,2}\s*$",
    # Saudi Press Agency datelines: الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس
    "spa_dateline": r"[^\d\n]{0,40}\d{1,2}\s+\S+\s+14\d\d\s*هـ?\s*الموافق"
                    r"\s+\d{1,2}\s+\S+\s+20\d\d\s*م?\s*واس\s*$",
    # SMS-subscription footers: للتواصل مع الكاتب ارسل رسالة SMS / 737221 - Zain
    "sms_footer": r"(?:للتواصل\s+مع\s+الكاتب|ل?لاشتراك\s+(?:في|ب)\s*خدمة).{0,60}(?:SMS|رسالة)"
                  r"|\d{4,7}\s*[-–]\s*(?:Zain|Mobily|Stc|STC|زين|موبايلي|الاتصالات)\s*$",
    # bylines alone on a line: عين اليوم – متابعات, عمر إبراهيم – عين اليوم, الرياضي ـ جدة
    "byline": r"(?:عين\s+اليوم\s*[–ـ-]\s*\S+(?:\s+\S+)?|(?:\S+\s+){1,3}[–ـ-]\s*عين\s+اليوم"
              r"|الرياضي\s*[–ـ-]\s*\S+)\s*$",
    # agency bylines: (أ ف ب), فرانس24/ أ ف ب, (رويترز), (د ب أ)
    "agency_byline": r"[(«]?\s*(?:فرانس\s*24\s*/\s*)?(?:[أا]\s*\.?\s*ف\s*\.?\s*ب|رويترز"
                     r"|د\s*ب\s*[أا]|[أا]\s*ش\s*[أا]|واس)\s*[)»]?\s*(?:[-–]\s*\S+\s*)?$",
    # app footers: حمّل تطبيق ... / لتحميل تطبيق ...
    "app_footer": r"(?:حمل|حمّل|نزل|نزّل|لتحميل|لتنزيل|تابع\s+آخر\s+الأخبار\s+عبر)\s+تطبيق",
    # opinion-page disclaimers: المقالات المنشورة تعبر عن رأي كتابها ...
    "opinion_disclaimer": r".{0,30}(?:تعبر|يعبر)\s+عن\s+(?:رأي|آراء|وجهة\s+نظر)"
                          r"\s+(?:كاتب|كتاب|أصحاب)",
    # source lines: *نقلاً عن صحيفة ..., * خدمة «نيويورك تايمز»
    "quoted_from": r"\*\s*(?:نقل[اًا]*\s+عن|خدمة\s)",
    # "...المزيد" teaser links
    "more_link": r"\.{2,}\s*المزيد\s*$",
    # separator lines: ----, ****, ____ , ....
    "separator": r"[-_=*ـ.•~·]{3,}\s*$",
}

#: name -> pattern matched at the end of an article's *last* paragraph: a tail glued to it (tag
#: lists, "link to the story" lines, lists of the writer's other articles) is cut off into the
#: boilerplate column, and the article text keeps what comes before it.
BOILERPLATE_TAILS: dict[str, str] = {
    # عين اليوم: tag lists after the last sentence: "... الثانوية العامة. سمات تبوك جامعة"
    "tag_list": r"(?<=[.!؟:»\")”])\s*سمات(?:\s+[^\s.!؟]+){1,15}\s*$",
    # الوئام: "رابط الخبر بصحيفة الوئام: <title>"
    "story_link": r"\s*رابط\s+الخبر\s+بصحيفة\s+\S+\s*:.*$",
    # الجزيرة: "مقالات أخرى للكاتب..." with the titles run together
    "more_by_writer": r"\s*مقالات\s+أخرى\s+للكاتب.*$",
}


@dataclass(frozen=True)
class BoilerplateRules:
    """A rule set: ``lines`` (name -> pattern matched at the start of a paragraph), ``tails``
    (name -> pattern matched at the end of the last paragraph) and ``sources`` (name -> the
    one source a rule applies to; rules not named there apply to every article).
    ``load_corpus(boilerplate=...)`` takes one; a plain mapping is taken as ``lines`` with the
    shipped tails."""

    lines: Mapping[str, str]
    tails: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)


#: what ``load_corpus(boilerplate=...)`` takes
Boilerplate = Mapping[str, str] | BoilerplateRules | Literal["auto"] | None


def shipped_rules() -> BoilerplateRules:
    """The shipped rules: :data:`BOILERPLATE_RULES` and :data:`BOILERPLATE_TAILS`."""
    return BoilerplateRules(dict(BOILERPLATE_RULES), dict(BOILERPLATE_TAILS))


class BoilerplateMatcher:
    """Classify paragraphs: ``matcher.rule_for(paragraph)`` -> rule name or ``None``, and cut
    glued tails off an article's last paragraph (:meth:`split_tail`). Pass the article's
    ``source`` where rules are limited to one source.

    >>> BoilerplateMatcher(BOILERPLATE_RULES).rule_for("اقرأ أيضاً: معارك الشمال")
    'read_also'
    >>> BoilerplateMatcher(BOILERPLATE_RULES).split_tail("نجحت الخطة. سمات تبوك جامعة")
    ('نجحت الخطة.', 'سمات تبوك جامعة', 'tag_list')
    """

    def __init__(self, rules: Mapping[str, str] | BoilerplateRules | None,
                 tails: Mapping[str, str] | None = None) -> None:
        self.sources: dict[str, str] = {}
        if isinstance(rules, BoilerplateRules):
            rules, tails, self.sources = rules.lines, rules.tails, dict(rules.sources)
        self.rules = dict(rules or {})
        if tails is None:
            tails = BOILERPLATE_TAILS if self.rules else {}
        self.tails = {name: re.compile(pattern) for name, pattern in tails.items()}
        for name in self.rules:
            if not name.isidentifier():
                raise ValueError(f"boilerplate rule names must be identifiers, got {name!r}")
        self._patterns: dict[str | None, re.Pattern | None] = {}

    def _pattern(self, source: str | None) -> re.Pattern | None:
        """One alternation of the paragraph rules that apply to ``source`` (built once)."""
        if source not in self._patterns:
            names = [n for n in self.rules if self.sources.get(n, source) == source]
            alternatives = "|".join(f"(?P<{n}>{self.rules[n]})" for n in names)
            self._patterns[source] = re.compile(rf"\s*(?:{alternatives})") if names else None
        return self._patterns[source]

    def rule_for(self, paragraph: str, source: str | None = None) -> str | None:
        pattern = self._pattern(source)
        match = pattern.match(paragraph) if pattern is not None else None
        return match.lastgroup if match else None

    def split_tail(self, paragraph: str,
                   source: str | None = None) -> tuple[str, str, str] | None:
        """``(kept, tail, rule)`` when a tail rule matches the end of ``paragraph``, else None.
        ``kept`` is the paragraph before the tail, stripped; it may be empty."""
        for name, pattern in self.tails.items():
            if self.sources.get(name, source) != source:
                continue
            match = pattern.search(paragraph)
            if match:
                return paragraph[: match.start()].rstrip(), match.group().strip(), name
        return None

    def split_document(self, text: str, source: str | None = None,
                       ) -> tuple[list[str], list[tuple[str, str, str]]]:
        """An article's paragraphs (its non-empty lines, stripped) split into ``kept`` and
        ``set_aside``: ``(how, rule, text)`` with ``how`` ``"rule"`` for a paragraph and
        ``"tail"`` for a tail cut off the last kept paragraph."""
        kept: list[str] = []
        set_aside: list[tuple[str, str, str]] = []
        for line in text.split("\n"):
            paragraph = line.strip()
            if not paragraph:
                continue
            rule = self.rule_for(paragraph, source)
            if rule is None:
                kept.append(paragraph)
            else:
                set_aside.append(("rule", rule, paragraph))
        split = self.split_tail(kept[-1], source) if kept and self.tails else None
        if split is not None:  # a tag list or link line glued to the last paragraph
            kept[-1], tail, rule = split
            set_aside.append(("tail", rule, tail))
            if not kept[-1]:
                kept.pop()
        return kept, set_aside
