"""Tokenise Arabic news text, with character offsets into the original text.

Tokens are found by one regular expression run on the *normalised* text; because normalisation
only deletes characters, replaces one by one or expands a presentation-form ligature into its
letters (:mod:`arcorpus.text.normalize`), each token's offsets map back to the original, and the
token is reported as written (``surface``) and as counted (``form``). The counting path
(:class:`~arcorpus.text.ArabicAnalyzer`) runs the same expression on the same normalised text,
so counts and token lists always agree.

Token kinds: ``url``, ``email``, ``hashtag`` (also @mentions), ``number``, ``arabic``,
``latin``, ``other`` (words in other scripts) and ``punct`` (any other visible character).
Tatweel-joined clitics split at the quote that follows them: لـ"العربي → لـ + " + العربي.

Why hand-written: scikit-learn's default ``token_pattern`` splits words at shadda and keeps
tatweel; spaCy, pyarabic and camel-tools either leave و" and لـ" attached, lack offsets, or are
GPL / very large (see ../shared/notes/arabic-nlp-deps.md).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .normalize import AR_INNER, AR_LETTERS, NormalizeOptions, normalize_mapped

# Marks and tatweel may sit inside an Arabic word when normalisation keeps them (AR_INNER).
DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"

TOKEN_PATTERNS = {
    "url": r"(?:https?://|www\.)[^\s<>\"'«»]*[^\s<>\"'«».,;:!?؟،؛)\]]",
    "email": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    "hashtag": rf"[#@][\w{AR_INNER}]+",
    "number": rf"[{DIGIT}]+(?:[.,٫٬][{DIGIT}]+)*",
    "arabic": rf"[{AR_LETTERS}][{AR_INNER}]*",
    "latin": rf"[{LATIN}](?:[{LATIN}0-9\u0300-\u036f]|['’-](?=[{LATIN}]))*",
    "other": r"[^\W\d_]+",
}
#: kinds that are words for counting (everything but punctuation)
WORD_KINDS = frozenset(TOKEN_PATTERNS)
TOKEN_RE = re.compile("|".join(f"(?P<{k}>{p})" for k, p in TOKEN_PATTERNS.items())
                      + r"|(?P<punct>\S)")
#: the same without punctuation and without group names: what the counting path uses
WORD_RE = re.compile("|".join(f"(?:{p})" for p in TOKEN_PATTERNS.values()))
# Text with none of @ # : w cannot hold a URL, e-mail or hashtag; there the word branches alone
# give the same tokens (they are told apart by their first character, so their order does not
# matter), and putting the common Arabic branch first makes matching ~1.5x faster.
_PLAIN_KINDS = ("arabic", "number", "latin", "other")
_PLAIN_WORD_RE = re.compile("|".join(f"(?:{TOKEN_PATTERNS[k]})" for k in _PLAIN_KINDS))
_PLAIN_TOKEN_RE = re.compile("|".join(f"(?P<{k}>{TOKEN_PATTERNS[k]})" for k in _PLAIN_KINDS)
                             + r"|(?P<punct>\S)")


def _is_plain(text: str) -> bool:
    return not ("@" in text or "#" in text or ":" in text or "www" in text)


class Token(NamedTuple):
    """One token: as written (``surface``, ``start``, ``end`` in the original text) and as
    counted (``form``, normalised)."""

    surface: str
    form: str
    start: int
    end: int
    kind: str


def tokenize(
    text: str,
    *,
    options: NormalizeOptions | None = None,
    punct: bool = False,
) -> list[Token]:
    """Split ``text`` into tokens with offsets into ``text`` itself.

    Args:
        text: original text (never altered).
        options: normalisation used for ``form`` (defaults: :class:`NormalizeOptions`()).
        punct: also return punctuation tokens.

    >>> [(t.surface, t.form) for t in tokenize('قال لـ"العربي" إنّ ٣')]
    [('قال', 'قال'), ('لـ', 'ل'), ('العربي', 'العربي'), ('إنّ', 'ان'), ('٣', '3')]
    """
    options = options or NormalizeOptions()
    normal, offsets = normalize_mapped(text, options)
    pattern = _PLAIN_TOKEN_RE if _is_plain(normal) else TOKEN_RE
    if offsets is None:  # nothing deleted or expanded: offsets are the same
        return [Token(text[m.start():m.end()], m.group(), m.start(), m.end(), m.lastgroup)
                for m in pattern.finditer(normal) if punct or m.lastgroup != "punct"]
    tokens = []
    for match in pattern.finditer(normal):
        if not punct and match.lastgroup == "punct":
            continue
        start, end = offsets.span(*match.span())
        tokens.append(Token(text[start:end], match.group(), start, end, match.lastgroup))
    return tokens


def word_forms(normalized_text: str) -> list[str]:
    """The word forms of already-normalised text (the fast counting path)."""
    return (_PLAIN_WORD_RE if _is_plain(normalized_text) else WORD_RE).findall(normalized_text)
