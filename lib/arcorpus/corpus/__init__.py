"""Loading Arabic articles into tidy DataFrames (``load_corpus`` and the format readers), and
the text units every analysis works on (:mod:`arcorpus.corpus.units`)."""

from .boilerplate import BOILERPLATE_RULES, BOILERPLATE_TAILS, BoilerplateRules, shipped_rules
from .boilerplate_detection import boilerplate_rules, detect_boilerplate
from .errors import CorpusError
from .formats import load_saudinewsnet, load_trec
from .loader import Corpus, assemble_corpus, load_corpus
from .partitioned import (
    ParquetTarget,
    PartitionedCorpus,
    is_parquet_corpus,
    read_parquet_corpus,
    write_parquet_corpus,
)
from .segment import ABBREVIATIONS, iter_sentence_spans, split_sentences
from .spans import locate
from .units import (
    UNITS,
    TextData,
    Unit,
    check_unit,
    table_unit,
    unit_ids_at,
    unit_keys,
    unit_table,
)

__all__ = [
    "ABBREVIATIONS",
    "BOILERPLATE_RULES",
    "BOILERPLATE_TAILS",
    "UNITS",
    "BoilerplateRules",
    "Corpus",
    "CorpusError",
    "ParquetTarget",
    "PartitionedCorpus",
    "TextData",
    "Unit",
    "assemble_corpus",
    "boilerplate_rules",
    "check_unit",
    "detect_boilerplate",
    "is_parquet_corpus",
    "iter_sentence_spans",
    "load_corpus",
    "load_saudinewsnet",
    "load_trec",
    "locate",
    "read_parquet_corpus",
    "shipped_rules",
    "split_sentences",
    "table_unit",
    "unit_ids_at",
    "unit_keys",
    "unit_table",
    "write_parquet_corpus",
]
