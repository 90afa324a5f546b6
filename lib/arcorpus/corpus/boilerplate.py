"""Rules that set boilerplate paragraphs aside (kept in their own column, never analysed).

A rule is a regular expression matched at the start of a paragraph (after leading white space).
The defaults cover the "read also" / "see also" lines and social-media footers that Arabic news
sites append to articles. Override them per call::

    load_corpus("corpus/", boilerplate=None)                        # keep everything
    load_corpus("corpus/", boilerplate={**BOILERPLATE_RULES,
                                        "source_line": r"المصدر\\s*:"})  # add a rule
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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


class BoilerplateMatcher:
    """Classify paragraphs: ``matcher.rule_for(paragraph)`` -> rule name or ``None``, and cut
    glued tails off an article's last paragraph (:meth:`split_tail`).

    >>> BoilerplateMatcher(BOILERPLATE_RULES).rule_for("اقرأ أيضاً: معارك الشمال")
    'read_also'
    >>> BoilerplateMatcher(BOILERPLATE_RULES).split_tail("نجحت الخطة. سمات تبوك جامعة")
    ('نجحت الخطة.', 'سمات تبوك جامعة', 'tag_list')
    """

    def __init__(self, rules: Mapping[str, str] | None,
                 tails: Mapping[str, str] | None = None) -> None:
        self.rules = dict(rules or {})
        if tails is None:
            tails = BOILERPLATE_TAILS if self.rules else {}
        self.tails = {name: re.compile(pattern) for name, pattern in tails.items()}
        if not self.rules:
            self._pattern = None
            return
        for name in self.rules:
            if not name.isidentifier():
                raise ValueError(f"boilerplate rule names must be identifiers, got {name!r}")
        alternatives = "|".join(f"(?P<{name}>{pattern})" for name, pattern in self.rules.items())
        self._pattern = re.compile(rf"\s*(?:{alternatives})")

    def rule_for(self, paragraph: str) -> str | None:
        if self._pattern is None:
            return None
        match = self._pattern.match(paragraph)
        return match.lastgroup if match else None

    def split_tail(self, paragraph: str) -> tuple[str, str, str] | None:
        """``(kept, tail, rule)`` when a tail rule matches the end of ``paragraph``, else None.
        ``kept`` is the paragraph before the tail, stripped; it may be empty."""
        for name, pattern in self.tails.items():
            match = pattern.search(paragraph)
            if match:
                return paragraph[: match.start()].rstrip(), match.group().strip(), name
        return None
