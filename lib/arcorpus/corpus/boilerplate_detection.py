"""Find boilerplate a source repeats across its articles, and propose the rules that set it aside.

Shipped rules (:mod:`arcorpus.corpus.boilerplate`) know the common patterns; every site also
has its own: a footer line, a byline shape, a tag list or a "contact the writer" block glued to
the end of the last paragraph. :func:`detect_boilerplate` counts, within each source (the
``by`` column), four kinds of repetition and returns one row per proposed rule, with its counts,
an example and the regular expression it would add:

``line``        a short paragraph (up to 400 characters) repeated in many articles, digits
                aside (``12:41 ت م`` and ``09:15 ت م`` are one line)
``line_start``  the first words shared by many short paragraphs (up to 12 words) that are rare
                at the start of longer ones (``Next Previous ...``)
``line_end``    the last words shared by many short paragraphs, likewise (``... – عين اليوم``)
``tail``        words that begin a tail of the last paragraph (its last 40 words) in many
                articles and are rare anywhere else in the source's articles (a tag list
                ``سمات ...``, a "contact the writer" footer glued to an e-mail address)

A proposal needs ``min_docs`` articles and ``min_share`` of its source's articles, and, for
the last three kinds, ``min_precision``: the share of the words' occurrences (at paragraph starts
or ends, or anywhere for tails) that are the repetition itself. Run it on a corpus loaded with
the shipped rules to see what they miss; review the table; turn the rows you accept into rules
with :func:`boilerplate_rules` and load again. ``load_corpus(..., boilerplate="auto")`` does
both passes with every proposal accepted.

>>> corpus = load_corpus("corpus/")          # doctest: +SKIP
>>> proposals = detect_boilerplate(corpus)   # doctest: +SKIP
>>> rules = boilerplate_rules(proposals[proposals["n_docs"] >= 50])  # doctest: +SKIP
>>> corpus = load_corpus("corpus/", boilerplate=rules)  # doctest: +SKIP

Why hand-written: boilerplate removers (jusText, trafilatura's) work on HTML pages one at a
time; these corpora are plain text, and what marks a line as boilerplate is its repetition
across the articles of one source.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..progress import progress_bar
from .boilerplate import BoilerplateMatcher, BoilerplateRules, shipped_rules
from .documents import Document
from .tables import ReportLog
from .units import unit_table

PROPOSAL_COLUMNS = ["source", "kind", "name", "pattern", "n_docs", "share", "precision",
                    "edge_share", "example", "example_doc_id"]
MAX_LINE_CHARS = 400
MAX_SHORT_WORDS = 12
TAIL_WORDS = 40
#: a line is at an edge of its article when it is one of the first two or the last three
#: paragraphs (footers run over a few lines)
EDGE_FIRST, EDGE_LAST = 2, 3
#: shared first or last words must be at an edge in this share of their articles (numbered
#: lists and interview questions repeat their first words in the middle of articles)
MIN_EDGE_SHARE = 0.5
#: a tail must end its paragraph without a sentence end in this share of its articles (closing
#: formulas of announcements and police news end with a full stop; tag lists and footers not)
MIN_OPEN_SHARE = 0.8
_DIGITS = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]+")
_ARABIC = "\u0621-\u063a\u0641-\u064a"
# words of a tail: runs of Arabic letters, and runs of anything else that is not a space, so
# that a footer glued to an e-mail address (name@site.comللتواصل) starts a word of its own
_TAIL_WORD = re.compile(f"[{_ARABIC}]+|[^\\s{_ARABIC}]+")
_ARABIC_WORD = re.compile(f"[{_ARABIC}]+")
_SENTENCE_END = tuple(".!؟?»\"”)")
_LETTER = re.compile(r"[^\W\d_]")


def _key(paragraph: str) -> str:
    """A paragraph as compared: white space collapsed, every run of digits written 0."""
    return " ".join(_DIGITS.sub("0", paragraph).split())


def _words_pattern(words: Sequence[str], between: str) -> str:
    """A regular expression for words as keyed (a 0 stands for any digits), ``between`` them."""
    return between.join(r"\d+".join(re.escape(piece) for piece in word.split("0"))
                        for word in words)


@dataclass
class _Group:
    """Counts for the articles of one source."""

    n_docs: int = 0
    lines: Counter = field(default_factory=Counter)  # key -> articles
    edges: Counter = field(default_factory=Counter)  # key -> articles where first or last
    starts: Counter = field(default_factory=Counter)  # first two words -> articles (any length)
    ends: Counter = field(default_factory=Counter)  # last two words -> articles (any length)
    words: Counter = field(default_factory=Counter)  # Arabic word -> articles
    tail_words: Counter = field(default_factory=Counter)  # Arabic word -> articles (tails)
    #: (doc_id, tail words, last paragraph key, whether it ends without a sentence end)
    tails: list = field(default_factory=list)
    examples: dict = field(default_factory=dict)  # line key -> (paragraph, doc_id)


class BoilerplateDetector:
    """Collect articles one by one (:meth:`add`), then :meth:`proposals`.

    :func:`detect_boilerplate` feeds it from a corpus; ``load_corpus(boilerplate="auto")`` feeds
    it while reading, before the tables are built.
    """

    def __init__(self, *, min_docs: int = 10, min_share: float = 0.004,
                 min_precision: float = 0.9) -> None:
        if min_docs < 2:
            raise ValueError(f"min_docs must be at least 2, got {min_docs}")
        if not 0 <= min_share <= 1 or not 0 < min_precision <= 1:
            raise ValueError("min_share must be in [0, 1] and min_precision in (0, 1]")
        self.min_docs, self.min_share, self.min_precision = min_docs, min_share, min_precision
        self.groups: dict[str, _Group] = defaultdict(_Group)
        self._seen: set[bytes] = set()

    def add(self, source: str, doc_id: str, paragraphs: Sequence[str]) -> None:
        """Count one article (its paragraphs, stripped and non-empty) of ``source``. Articles
        whose text was seen before are counted once."""
        digest = hashlib.blake2b("\n".join(paragraphs).encode(), digest_size=16).digest()
        if not paragraphs or digest in self._seen:
            return
        self._seen.add(digest)
        group = self.groups[source]
        group.n_docs += 1
        lines, starts, ends = set(), set(), set()
        last = len(paragraphs) - 1
        for position, paragraph in enumerate(paragraphs):
            words = _key(paragraph).split()
            starts.add(" ".join(words[:2]))
            ends.add(" ".join(words[-2:]))
            if len(paragraph) <= MAX_LINE_CHARS:
                key = " ".join(words)
                if key not in lines:
                    lines.add(key)
                    group.lines[key] += 1
                    group.examples.setdefault(key, (paragraph, doc_id))
                    if position < EDGE_FIRST or position > last - EDGE_LAST:
                        group.edges[key] += 1
        group.starts.update(starts)
        group.ends.update(ends)
        group.words.update(set(_ARABIC_WORD.findall("\n".join(paragraphs))))
        tail = _TAIL_WORD.findall(_DIGITS.sub("0", paragraphs[-1]))[-TAIL_WORDS:]
        group.tail_words.update({w for w in tail if _ARABIC_WORD.fullmatch(w)})
        is_open = not paragraphs[-1].endswith(_SENTENCE_END)
        group.tails.append((doc_id, tail, " ".join(words), is_open))  # words: the last paragraph

    def proposals(self) -> pd.DataFrame:
        """One row per proposed rule: ``source, kind, name, pattern, n_docs, share,
        precision, edge_share, example, example_doc_id``."""
        rows: list[dict] = []
        for source in sorted(self.groups):
            group = self.groups[source]
            needed = max(self.min_docs, self.min_share * group.n_docs)
            lines = self._lines(group, needed)
            taken = {row["key"] for row in lines}
            found = [*lines, *self._line_edges(group, needed, taken),
                     *self._tails(group, needed, taken)]
            for row in found:
                row.update(source=source, share=row["n_docs"] / group.n_docs,
                           name=_rule_name(source, row["kind"], len(rows)))
                rows.append(row)
        return pd.DataFrame(rows, columns=PROPOSAL_COLUMNS)

    # the four kinds -------------------------------------------------------------------------

    def _lines(self, group: _Group, needed: float) -> list[dict]:
        rows = []
        for key, n in group.lines.most_common():
            if n < needed:
                break
            example, doc_id = group.examples[key]
            rows.append({"kind": "line", "key": key,
                         "pattern": _words_pattern(key.split(), r"\s+") + r"\s*$",
                         "n_docs": n, "precision": 1.0, "edge_share": group.edges[key] / n,
                         "example": example, "example_doc_id": doc_id})
        return rows

    def _line_edges(self, group: _Group, needed: float, taken: set[str]) -> list[dict]:
        """Shared first or last words of short paragraphs, from the line counts."""
        rows = []
        for kind, everywhere, side in (("line_start", group.starts, 1),
                                       ("line_end", group.ends, -1)):
            shared: dict[str, Counter] = defaultdict(Counter)
            for key, n in group.lines.items():
                words = key.split()
                if 2 < len(words) <= MAX_SHORT_WORDS and key not in taken:
                    shared[" ".join(words[:2] if side == 1 else words[-2:])][key] += n
            for edge, keys in shared.items():
                n = sum(keys.values())
                precision = min(1.0, n / everywhere[edge])
                edge_share = sum(group.edges[k] * c / group.lines[k] for k, c in keys.items()) / n
                if (n < needed or precision < self.min_precision or edge_share < MIN_EDGE_SHARE
                        or not _LETTER.search(edge)):
                    continue
                words = _common_words([k.split() for k in keys.elements()], side)
                example, doc_id = group.examples[keys.most_common(1)[0][0]]
                body = _words_pattern(words, r"\s+")
                longest = max(len(k) for k in keys) + 40
                rows.append({
                    "kind": kind, "key": " ".join(words),
                    "pattern": (f"{body}(?=.{{0,{longest}}}$)" if side == 1
                                else f".{{0,{longest}}}{body}\\s*$"),
                    "n_docs": n, "precision": precision, "edge_share": edge_share,
                    "example": example, "example_doc_id": doc_id})
        return sorted(rows, key=lambda r: (r["kind"], -r["n_docs"]))

    def _tails(self, group: _Group, needed: float, taken: set[str]) -> list[dict]:
        candidates = {w for w, n in group.tail_words.items()
                      if n >= needed and n / group.words[w] >= self.min_precision}
        # each article's tail starts at its first candidate word; a proposal is a word that
        # starts the tails of enough articles, with the words that nearly always follow it
        starts: dict[str, list[tuple[str, list[str], bool]]] = defaultdict(list)
        for doc_id, tail, last, is_open in group.tails if candidates else ():
            if last in taken:
                continue  # a repeated line, set aside whole by its line rule
            for i, word in enumerate(tail):
                if word in candidates:
                    starts[word].append((doc_id, tail[i:], is_open))
                    break
        rows = []
        for word, found in starts.items():
            if len(found) < needed or sum(o for *_, o in found) < MIN_OPEN_SHARE * len(found):
                continue
            words = _common_words([t for _, t, _ in found], 1)
            longest = max(len(t) for _, t, _ in found) + 10
            doc_id, example, _ = found[0]
            head = _words_pattern(words, r"\s*")
            rows.append({
                "kind": "tail", "key": " ".join(words),
                # at a word's start, the head, then at most `longest` words to the end
                "pattern": f"(?<![{_ARABIC}]){head}\\S*(?:\\s+\\S+){{0,{longest}}}\\s*$",
                "n_docs": len(found),
                "precision": group.tail_words[word] / group.words[word], "edge_share": 1.0,
                "example": " ".join(example), "example_doc_id": doc_id})
        return sorted(rows, key=lambda r: -r["n_docs"])


def _common_words(sequences: list[list[str]], side: int, coverage: float = 0.9) -> list[str]:
    """The longest run of words (from the start, or from the end with ``side=-1``) that at
    least ``coverage`` of the sequences share, at most 6 words."""
    if side == -1:
        return _common_words([s[::-1] for s in sequences], 1, coverage)[::-1]
    words: list[str] = []
    for i in range(6):
        counts = Counter(s[i] for s in sequences if len(s) > i and s[:i] == words)
        if not counts:
            break
        word, n = counts.most_common(1)[0]
        if n < coverage * len(sequences):
            break
        words.append(word)
    return words or [sequences[0][0] if side == 1 else sequences[0][-1]]


def _rule_name(source: str, kind: str, index: int) -> str:
    safe = re.sub(r"\W", "_", str(source), flags=re.ASCII).strip("_") or "corpus"
    return f"auto_{safe}_{kind}_{index}"


def detect_boilerplate(
    data,
    *,
    by: str | None = "source",
    min_docs: int = 10,
    min_share: float = 0.004,
    min_precision: float = 0.9,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Propose boilerplate rules from what the articles of each source repeat.

    Args:
        data: a :class:`~arcorpus.corpus.Corpus`, a DataFrame with ``text`` (and ``doc_id``,
            ``by``), or texts; paragraphs are the lines of each text.
        by: the column that names the source (without a ``source`` column, and with
            ``None``, all articles are one source).
        min_docs, min_share: a proposal needs at least this many articles and this share of
            its source's articles.
        min_precision: for ``line_start``, ``line_end`` and ``tail``: the share of the words'
            occurrences that are the repetition (see the module docstring).
        progress: progress bar (see :mod:`arcorpus.progress`).

    Returns:
        ``source, kind, name, pattern, n_docs, share, precision, edge_share, example,
        example_doc_id``: one row per proposed rule, by source and kind. ``edge_share`` is the
        share of a line's articles where it is the first or the last paragraph.

    Example:
        >>> news = ["هطلت أمطار غزيرة", "ارتفع سعر النفط", "فاز الفريق", "اجتمع الوزراء",
        ...         "افتتح مستشفى جديد", "بدأ العام الدراسي"]  # each 5 times: not repeated enough
        >>> texts = [f"{news[i % 6]}.\\nللتواصل أرسل SMS إلى {i}" for i in range(30)]
        >>> detect_boilerplate(texts)[["kind", "n_docs", "pattern"]].values.tolist()
        [['line', 30, 'للتواصل\\\\s+أرسل\\\\s+SMS\\\\s+إلى\\\\s+\\\\d+\\\\s*$']]
    """
    table = unit_table(data, "articles")
    if by == "source" and by not in table.columns:
        by = None  # texts, or a corpus without sources: one source
    if by is not None and by not in table.columns:
        raise ValueError(f"no column {by!r} to tell the sources apart; columns: "
                         f"{list(table.columns)} (by=None treats the articles as one source)")
    detector = BoilerplateDetector(min_docs=min_docs, min_share=min_share,
                                   min_precision=min_precision)
    sources = table[by].astype(str) if by is not None else [""] * len(table)
    rows = zip(sources, table["doc_id"].astype(str), table["text"], strict=True)
    for source, doc_id, text in progress_bar(rows, desc="boilerplate", unit="article",
                                             total=len(table), enabled=progress):
        detector.add(source, doc_id, [p.strip() for p in text.split("\n") if p.strip()])
    return detector.proposals()


def boilerplate_rules(proposals: pd.DataFrame, *, base: BoilerplateRules | None = None,
                      per_source: bool = True) -> BoilerplateRules:
    """Rules for :func:`~arcorpus.corpus.load_corpus` from accepted proposals (the rows of
    :func:`detect_boilerplate` you keep), added to ``base`` (default: the shipped rules). With
    ``per_source`` a rule applies only to the articles of the source it was found in (the
    ``source`` column); a word that is a site's tag marker may be content elsewhere.

    >>> rules = boilerplate_rules(pd.DataFrame({"name": ["auto_x_line_0"], "kind": ["line"],
    ...                                         "pattern": [r"\\*\\s+\\*\\s*$"]}))
    >>> rules.lines["auto_x_line_0"], len(rules.tails) == len(shipped_rules().tails)
    ('\\\\*\\\\s+\\\\*\\\\s*$', True)
    """
    missing = {"name", "kind", "pattern"} - set(proposals.columns)
    if missing:
        raise ValueError(f"proposals need the columns name, kind and pattern; missing "
                         f"{sorted(missing)}")
    base = base if base is not None else shipped_rules()
    lines, tails, sources = dict(base.lines), dict(base.tails), dict(base.sources)
    scoped = per_source and "source" in proposals.columns
    for row in proposals.itertuples():
        re.compile(row.pattern)  # a hand-edited pattern fails here, with its message
        (tails if row.kind == "tail" else lines)[row.name] = row.pattern
        if scoped and row.source:
            sources[row.name] = row.source
    return BoilerplateRules(lines, tails, sources)


def auto_rules(mode: str, documents: Callable[[], Iterable[Document]],
               source_of: Callable[[Document], str | None], log: ReportLog) -> BoilerplateRules:
    """``boilerplate="auto"``: the shipped rules and every proposal found in a first pass over
    ``documents`` (after the shipped rules), each limited to its source and logged in the
    report."""
    if mode != "auto":
        raise ValueError(f"boilerplate must be rules, 'auto' or None, got {mode!r}")
    base = shipped_rules()
    matcher = BoilerplateMatcher(base)
    detector = BoilerplateDetector()
    for doc in documents():
        source = source_of(doc)
        detector.add(str(source or ""), doc.doc_id, matcher.split_document(doc.text, source)[0])
    proposals = detector.proposals()
    for row in proposals.itertuples():
        log.add("boilerplate_rule", None, None, row.example_doc_id,
                f"{row.name}: {row.kind} in {row.n_docs} articles of {row.source or 'the corpus'}"
                f" ({row.share:.1%}), e.g. {row.example[:60]!r}; pattern {row.pattern}",
                "adopted")
    return boilerplate_rules(proposals, base=base)
