"""Arabic stop words: a maintained list (stopwords-iso, MIT), normalised with the kit's own
normaliser, extended with clitic-attached forms; news-reporting words as an optional list."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files

import stopwordsiso

from .normalize import NormalizeOptions, normalize_with

#: proclitic combinations attached to function words (وفي، بأن، فإن، ولم، لأن ...)
CLITIC_PREFIXES = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")


@lru_cache(maxsize=8)
def _base(options: NormalizeOptions) -> frozenset[str]:
    return frozenset(normalize_with(w, options) for w in stopwordsiso.stopwords("ar"))


@lru_cache(maxsize=8)
def _news(options: NormalizeOptions) -> frozenset[str]:
    text = files("arcorpus").joinpath("data/news_stopwords.txt").read_text(encoding="utf-8")
    return frozenset(normalize_with(line.strip(), options) for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def stopwords(
    *,
    clitics: bool = True,
    news: bool = False,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    options: NormalizeOptions | None = None,
) -> frozenset[str]:
    """The stop-word set, normalised as the text will be.

    Args:
        clitics: add clitic-attached forms of the short function words (وفي، بأن، فإن، ولم).
        news: add the optional list of news-reporting words (قال، أضاف، مصدر، وكالة ...).
        add, remove: your own words (normalised the same way).
        options: normalisation; must match the one used on the text.

    Example:
        >>> "وفي" in stopwords() and "في" in stopwords() and "قال" in stopwords(news=True)
        True
    """
    options = options or NormalizeOptions()
    words = set(_base(options))
    if clitics:
        short = [w for w in words if 1 < len(w) <= 3]
        words |= {prefix + w for prefix in CLITIC_PREFIXES for w in short}
    if news:
        words |= _news(options)
    words |= {normalize_with(w, options) for w in add}
    words -= {normalize_with(w, options) for w in remove}
    return frozenset(words)
