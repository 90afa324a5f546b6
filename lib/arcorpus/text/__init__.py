"""Arabic text processing: normalise, tokenise (with offsets), split proclitics, stop words,
light stemming, and the scikit-learn analyzer that ties them together."""

from .analyzer import ArabicAnalyzer
from .clitics import CliticSegmenter, segment_clitics
from .normalize import NormalizeOptions, normalize
from .stem import LightStemmer
from .stopwords import stopwords
from .tokenize import Token, tokenize

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
