"""Right-to-left HTML displays: one helper (arcorpus.display.rtl_table) behind every HTML display
of the kit. The markup is parsed (html.parser) to check that each element has one style and one
dir, that Arabic cells are right to left and aligned, and that text never becomes markup."""

from __future__ import annotations

import warnings
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arcorpus import load_corpus
from arcorpus.display import (
    Marked,
    arabic_columns,
    disable_rtl_tables,
    enable_rtl_tables,
    rtl_table,
)
from arcorpus.factions import cooccurrence_evidence, evidence_html, find_mentions, mentions_html
from arcorpus.markup import escape_controls
from arcorpus.terms import kwic, kwic_html
from arcorpus.topics import fit_topics, representative_html, representative_units

from conftest import CORPUS

HOSTILE = 'قال <script>alert("x")</script> داعش <img src=x onerror=alert(1)> &amp; هنا'


class Parsed(HTMLParser):
    """Start tags with their attribute lists (duplicates kept), cells' text, marks' text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.cells: list[dict] = []
        self.marks: list[str] = []
        self._cell: dict | None = None
        self._mark: list[str] | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag in ("td", "th"):
            self._cell = {"tag": tag, "attrs": dict(attrs), "text": ""}
            self.cells.append(self._cell)
        if tag == "mark":
            self._mark = []

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None
        if tag == "mark" and self._mark is not None:
            self.marks.append("".join(self._mark))
            self._mark = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        if self._mark is not None:
            self._mark.append(data)

    def style(self, cell: dict) -> dict[str, str]:
        return dict(part.split(":", 1) for part in cell["attrs"].get("style", "").split(";")
                    if part)


def check_markup(markup: str) -> Parsed:
    """Every element has each attribute once; only the table's own tags appear."""
    parsed = Parsed(markup)
    for tag, attrs in parsed.tags:
        names = [name for name, _ in attrs]
        assert len(names) == len(set(names)), f"<{tag}> repeats an attribute: {names}"
        assert tag in {"table", "caption", "thead", "tbody", "tr", "th", "td", "mark"}, tag
    assert parsed.tags[0][0] == "table" and dict(parsed.tags[0][1])["dir"] == "rtl"
    return parsed


@pytest.fixture(scope="module")
def seed():
    corpus = load_corpus(CORPUS)
    return corpus, find_mentions(corpus)


def test_rtl_table_directions_alignment_and_numbers():
    table = pd.DataFrame({"doc_id": ["a1", "b2"], "term": ["درعا", "<النصرة>"],
                          "count": [12, 3], "per_10k": [3333.3, 12.25],
                          "date": pd.to_datetime(["2015-07-21", None], utc=True)})
    parsed = check_markup(str(rtl_table(table)))
    header, cells = parsed.cells[:5], parsed.cells[5:]
    assert [c["text"] for c in header] == ["doc_id", "term", "count", "per_10k", "date"]
    by_column = {name: cells[k::5] for k, name in enumerate(table.columns)}
    for cell in by_column["term"]:
        assert cell["attrs"]["dir"] == "rtl" and parsed.style(cell)["text-align"] == "right"
    for name in ("doc_id", "count", "per_10k", "date"):
        assert all(c["attrs"]["dir"] == "ltr" for c in by_column[name]), name
    assert [parsed.style(c)["text-align"] for c in by_column["count"]] == ["right", "right"]
    assert [parsed.style(c)["text-align"] for c in by_column["doc_id"]] == ["left", "left"]
    assert [c["text"] for c in by_column["term"]] == ["درعا", "<النصرة>"]  # escaped, read back
    assert [c["text"] for c in by_column["per_10k"]] == ["3333.30", "12.25"]  # lined up
    assert [c["text"] for c in by_column["date"]] == ["2015-07-21 00:00:00+00:00", ""]
    assert arabic_columns(table) == ["term"]


def test_rtl_table_options_and_errors():
    table = pd.DataFrame({"term": [f"كلمة{i}" for i in range(5)], "n": range(5)},
                         index=list("abcde"))
    parsed = check_markup(str(rtl_table(table, columns=["term"], labels={"term": "المصطلح"},
                                        align={"term": "center"}, max_rows=2, caption="<cap>")))
    texts = [c["text"] for c in parsed.cells]
    assert texts == ["المصطلح", "كلمة0", "كلمة1", "… 3 more"]
    assert parsed.style(parsed.cells[1])["text-align"] == "center"
    assert ("caption", [("dir", "auto")]) in parsed.tags
    indexed = check_markup(str(rtl_table(table, index=True, header=False, total=9)))
    assert [c["text"] for c in indexed.cells[:3]] == ["a", "كلمة0", "0"]
    assert indexed.cells[-1]["text"] == "… 4 more"
    with pytest.raises(ValueError, match="no column 'x'"):
        rtl_table(table, columns=["x"])
    with pytest.raises(ValueError, match="align each column"):
        rtl_table(table, align={"term": "middle"})
    with pytest.raises(TypeError, match="DataFrame"):
        rtl_table(["not", "a", "table"])


@given(st.text(max_size=60), st.text(max_size=60))
def test_any_text_stays_text(text, other):
    """Whatever the text (markup, entities, quotes, bidi marks), the cells read back exactly as
    the text (control characters as their escapes), and no tag but the table's own appears."""
    spans = [(0, len(text) // 2, 'a"<b>'), (len(text) // 2, len(text))]
    table = pd.DataFrame({"plain": [text], "marked": [Marked(text + other, spans)]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # control characters: shown as escapes, with a warning
        parsed = check_markup(str(rtl_table(table, header=False)))
    shown = escape_controls(text)[0]
    assert [c["text"] for c in parsed.cells] == [shown, shown + escape_controls(other)[0]]
    assert "".join(parsed.marks) == shown


def test_marked_spans_overlapping_or_outside_are_clipped():
    cell = Marked("جبهة النصرة", [(0, 4), (2, 8, "x"), (20, 30)])
    parsed = check_markup(str(rtl_table(pd.DataFrame({"t": [cell]}), header=False)))
    assert parsed.marks == ["جبهة", " الن"] and parsed.cells[0]["text"] == "جبهة النصرة"


def test_kwic_html_lines_up_on_the_keyword_with_one_style_per_cell():
    table = kwic([HOSTILE, "قال مصدر من جبهة النصرة إن داعش انسحب من المنطقة"], "داعش",
                 window=4)
    markup = str(kwic_html(table))
    parsed = check_markup(markup)
    assert "<script" not in markup and "<img" not in markup
    body = parsed.cells[4:]
    left, keyword, right = body[1::4], body[2::4], body[3::4]
    assert [c["text"] for c in left] == table["left"].tolist()  # the script is text
    assert all(parsed.style(c)["text-align"] == "left" for c in left)  # towards the keyword
    assert all(parsed.style(c)["text-align"] == "right" for c in right)
    assert all(parsed.style(c)["white-space"] == "nowrap" for c in left + right)
    assert all(c["attrs"]["dir"] == "rtl" for c in left + keyword + right)
    assert parsed.marks == ["داعش", "داعش"]


def test_every_display_of_the_kit_is_an_escaped_rtl_table(seed):
    corpus, mentions = seed
    evidence = cooccurrence_evidence(corpus, mentions, "fsa", "nusra", unit="paragraphs")
    hostile = evidence.assign(text=evidence["text"].str.replace("الغربي", "<script>x</script>"))
    model = fit_topics(corpus, k=2, min_df=1, warn_small=False)
    representative = representative_units(model, n=2).assign(text=HOSTILE)
    displays = {
        "evidence": evidence_html(hostile),
        "mentions": mentions_html(corpus, mentions, max_rows=3),
        "representative": representative_html(representative),
        "kwic": kwic_html(kwic(corpus, "النصرة")),
    }
    for name, display in displays.items():
        markup = display._repr_html_()
        parsed = check_markup(markup)
        assert "<script" not in markup, name
        arabic = [c for c in parsed.cells if c["tag"] == "td"
                  and any("\u0600" <= ch <= "\u06ff" for ch in c["text"])]
        assert arabic, name
        for cell in arabic:
            assert cell["attrs"]["dir"] == "rtl", (name, cell)
            assert parsed.style(cell)["text-align"] in ("right", "left", "center"), name
    assert any("<script>x</script>" in c["text"] for c in Parsed(str(displays["evidence"])).cells)
    assert Parsed(str(displays["mentions"])).cells[-1]["text"].startswith("… ")
    evidence_marks = Parsed(str(displays["evidence"])).marks
    assert "الجيش الحر" in evidence_marks or "الجيش السوري الحر" in evidence_marks


def test_enable_rtl_tables_formats_arabic_frames_only():
    from IPython.core.interactiveshell import InteractiveShell

    with pytest.raises(RuntimeError, match="inside IPython"):
        enable_rtl_tables()
    shell = InteractiveShell.instance()
    try:
        arabic = pd.DataFrame({"term": ["<درعا>", "قصف"], "count": [3, 2]}, index=[5, 7])
        latin = pd.DataFrame({"x": [1, 2]})
        enable_rtl_tables()
        markup = shell.display_formatter.format(arabic)[0]["text/html"]
        parsed = check_markup(markup)
        assert [c["text"] for c in parsed.cells] == ["index", "term", "count",
                                                     "5", "<درعا>", "3", "7", "قصف", "2"]
        assert shell.display_formatter.format(latin)[0]["text/html"] == latin._repr_html_()
        disable_rtl_tables()
        assert shell.display_formatter.format(arabic)[0]["text/html"] == arabic._repr_html_()
    finally:
        disable_rtl_tables()
        InteractiveShell.clear_instance()
