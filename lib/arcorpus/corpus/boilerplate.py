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
}


class BoilerplateMatcher:
    """Classify paragraphs: ``matcher.rule_for(paragraph)`` -> rule name or ``None``.

    >>> BoilerplateMatcher(BOILERPLATE_RULES).rule_for("اقرأ أيضاً: معارك الشمال")
    'read_also'
    """

    def __init__(self, rules: Mapping[str, str] | None) -> None:
        self.rules = dict(rules or {})
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
