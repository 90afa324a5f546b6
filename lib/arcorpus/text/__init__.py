"""Arabic text processing: normalise, tokenise (with offsets), split proclitics, stop words,
light stemming, and the scikit-learn analyzer that ties them together."""

from .analyzer import ArabicAnalyzer
from .clitics import CliticSegmenter
from .normalize import NormalizeOptions, normalize
from .stem import LightStemmer
from .stopwords import stopwords
from .tokenize import Token, tokenize


def segment_clitics(word: str, *, keep=()) -> tuple[str, ...]:
    """Split the proclitics off one word (see :class:`CliticSegmenter` for the rules).

    >>> segment_clitics("وبالتنسيق")
    ('و', 'ب', 'ال', 'تنسيق')
    """
    from .clitics import SEGMENTATION_OPTIONS
    from .normalize import normalize_with

    return CliticSegmenter(keep=keep)(normalize_with(word, SEGMENTATION_OPTIONS))


__all__ = [
    "ArabicAnalyzer",
    "CliticSegmenter",
    "LightStemmer",
    "NormalizeOptions",
    "Token",
    "normalize",
    "segment_clitics",
    "stopwords",
    "tokenize",
]
