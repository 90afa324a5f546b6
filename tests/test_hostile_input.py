"""Hostile input: every case ends in one exact outcome: loaded with the right values, a clean
CorpusError naming the item, or skipped/noticed with the right report row. Never a crash of
another type, a hang, unbounded memory, or a silent change.

Inputs are built in tmp_path at test time (tests/hostile_fixtures.py).
"""

from __future__ import annotations

import json
import os
import sys
import tracemalloc
import warnings
import xml.etree.ElementTree as ET
import zipfile

import networkx as nx
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from arcorpus.corpus import CorpusError, load_corpus, load_saudinewsnet, load_trec
from arcorpus.corpus.formats import parse_trec_document
from arcorpus.factions import evidence_html, export_graph, find_mentions
from arcorpus.terms import kwic, kwic_html, term_frequencies
from arcorpus.topics.reading import representative_html

from hostile_fixtures import (
    CP1256_NAME,
    GOOD,
    OTHER,
    article,
    bomb_zip,
    corrupt_deflate_zip,
    encrypted_zip,
    invalid_utf8_parquet,
    lying_size_zip,
    snn_zip,
    trec,
    trec_doc,
    unsupported_method_zip,
    write,
)

UTC = "UTC"
MEMBER = "2015-07-21.zip:2015-07-21.json"


def rows(corpus, kind: str) -> list[tuple]:
    """``(path, line, doc_id, detail, action)`` of the report rows of one kind."""
    table = corpus.report[corpus.report["kind"] == kind]
    return [(p, None if pd.isna(line) else int(line), None if pd.isna(d) else d, detail, a)
            for p, line, d, detail, a in table[["path", "line", "doc_id", "detail",
                                                "action"]].itertuples(index=False)]


def texts(corpus) -> dict[str, str]:
    return dict(zip(corpus.articles["doc_id"], corpus.articles["text"], strict=True))


# --- 1. encodings and bytes ---------------------------------------------------------------

def test_short_cp1256_text_that_is_valid_utf8_is_reported_as_ambiguous(tmp_path):
    write(tmp_path / "news", "fa.txt", "شک سگ رگ".encode("cp1256"))
    corpus = load_corpus(tmp_path / "news")
    assert texts(corpus) == {"fa": "Ԙ Ӑ ѐ"}  # decoded as UTF-8, as the rule says ...
    assert corpus.articles["encoding"].tolist() == ["utf-8"]
    assert rows(corpus, "ambiguous_encoding") == [(  # ... and not silently
        "fa.txt", None, None, "valid UTF-8 that reads 'Ԙ Ӑ ѐ', but also Windows-1256 Arabic "
        "that reads 'شک سگ رگ'; decoded as UTF-8 (pass encoding='cp1256' if that reading is "
        "right)", "decoded as utf-8")]


def test_ambiguous_text_read_with_the_encoding_named(tmp_path):
    write(tmp_path / "news", "fa.txt", "شک سگ رگ".encode("cp1256"))
    corpus = load_corpus(tmp_path / "news", encoding="cp1256")
    assert texts(corpus) == {"fa": "شک سگ رگ"}
    assert rows(corpus, "ambiguous_encoding") == []


def test_real_utf8_arabic_and_cyrillic_are_not_called_ambiguous(tmp_path):
    write(tmp_path / "news", "ar.txt", GOOD.encode())
    write(tmp_path / "news", "ru.txt", "Сирийская оппозиция".encode())
    corpus = load_corpus(tmp_path / "news")
    assert texts(corpus) == {"ar": GOOD, "ru": "Сирийская оппозиция"}
    assert corpus.report["kind"].tolist() == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("سطر".encode() + b"\xd8", "cut.txt: line 1: not valid UTF-8 (byte 0xd8 at offset 6)"),
        (b"\xef\xbb\xbf", "cut.txt: file holds only white space (in utf-8-sig)"),
        (b"\xff\xfe \x00\n\x00", "cut.txt: file holds only white space (in utf-16)"),
        (b"\xff\xfe\x00\xd8", "cut.txt: starts with a utf-16 byte-order mark but is not valid"),
        (b"PK\x03\x04" + b"\x00" * 40, "cut.txt: binary file (NUL bytes): not a text article"),
    ],
    ids=["truncated-utf8", "bom-only", "utf16-bom-blank", "utf16-lone-surrogate", "zip-as-txt"],
)
def test_broken_bytes_raise_naming_the_file(tmp_path, data, message):
    write(tmp_path / "news", "cut.txt", data)
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path / "news")
    assert str(info.value).startswith(message)
    write(tmp_path / "news", "ok.txt", GOOD)
    corpus = load_corpus(tmp_path / "news", errors="skip")
    assert texts(corpus) == {"ok": GOOD}
    [(path, line, _, detail, action)] = rows(corpus, "skipped")
    assert (path, action) == ("cut.txt", "skipped")
    assert str(info.value) == f"{path}: " + (f"line {line}: " if line else "") + detail


def test_control_characters_and_bidi_marks_in_text_are_kept(tmp_path):
    body = "داعش\x1b[31m في \u202eدرعا\u202c\x07"
    write(tmp_path / "news", "ctl.txt", body)
    corpus = load_corpus(tmp_path / "news")
    assert texts(corpus) == {"ctl": body}
    assert corpus.report["kind"].tolist() == []


# --- 2. file names, links and special files -----------------------------------------------

def test_windows_1256_file_name_loads_under_an_escaped_id(tmp_path):
    write(tmp_path / "news", CP1256_NAME, GOOD)
    write(tmp_path / "news", "ok.txt", OTHER)
    corpus = load_corpus(tmp_path / "news")  # errors="raise": a name is not an error
    assert texts(corpus) == {"\\xd3\\xe1\\xc7\\xe3": GOOD, "ok": OTHER}
    assert corpus.articles["path"].tolist() == ["\\xd3\\xe1\\xc7\\xe3.txt", "ok.txt"]
    assert rows(corpus, "file_name") == [(
        "\\xd3\\xe1\\xc7\\xe3.txt", None, None, "the file name is not valid UTF-8; read as "
        "'\\xd3\\xe1\\xc7\\xe3.txt' (in Windows-1256 it would read 'سلام.txt')", "escaped")]
    corpus.fingerprint()  # ids can be hashed and stored


def test_file_given_by_itself_with_a_non_utf8_name(tmp_path):
    path = write(tmp_path, CP1256_NAME, GOOD)
    corpus = load_corpus(path)
    assert corpus.articles["doc_id"].tolist() == ["\\xd3\\xe1\\xc7\\xe3"]
    assert [r[4] for r in rows(corpus, "file_name")] == ["escaped"]


def test_folder_with_a_non_utf8_name(tmp_path):
    write(tmp_path / "news" / os.fsdecode(b"\xc7\xe1\xda\xd1\xc8\xed"), "a.txt", GOOD)
    corpus = load_corpus(tmp_path / "news", id_from="path")
    assert corpus.articles["doc_id"].tolist() == ["\\xc7\\xe1\\xda\\xd1\\xc8\\xed/a"]
    assert len(rows(corpus, "file_name")) == 1


def test_control_characters_in_file_names(tmp_path):
    write(tmp_path / "news", "a\nb\x1b.txt", GOOD)
    corpus = load_corpus(tmp_path / "news")
    assert texts(corpus) == {"a\nb\x1b": GOOD}
    assert corpus.articles["path"].tolist() == ["a\nb\x1b.txt"]


def test_fifo_matching_the_pattern_is_refused_not_read(tmp_path):
    write(tmp_path / "news", "ok.txt", GOOD)
    os.mkfifo(tmp_path / "news" / "pipe.txt")
    with pytest.raises(CorpusError, match=r"^pipe\.txt: not a regular file \(a FIFO, socket or "
                                          r"device\); not read$"):
        load_corpus(tmp_path / "news")
    corpus = load_corpus(tmp_path / "news", errors="skip")
    assert texts(corpus) == {"ok": GOOD}
    assert [r[0] for r in rows(corpus, "skipped")] == ["pipe.txt"]
    with pytest.raises(CorpusError, match=r"^pipe\.txt: not a regular file"):
        load_corpus(tmp_path / "news" / "pipe.txt")


def test_folders_nested_deeper_than_pythons_recursion_limit(tmp_path):
    folders = [tmp_path / "news"]
    for _ in range(1_100):  # past Python's default recursion limit of 1,000
        folders.append(folders[-1] / "d")
    try:
        for folder in folders:
            folder.mkdir()  # (os.makedirs recurses)
        write(folders[-1], "a.txt", GOOD)
        corpus = load_corpus(tmp_path / "news")
        assert texts(corpus) == {"a": GOOD}
        assert corpus.articles["path"].tolist() == ["d/" * 1_100 + "a.txt"]
    finally:  # pytest's clean-up (shutil.rmtree) recurses as well
        (folders[-1] / "a.txt").unlink(missing_ok=True)
        for folder in reversed(folders):
            if folder.exists():
                folder.rmdir()


def test_folder_named_like_an_article_is_a_folder(tmp_path):
    write(tmp_path / "news" / "odd.txt", "inner.txt", GOOD)
    corpus = load_corpus(tmp_path / "news")
    assert corpus.articles["path"].tolist() == ["odd.txt/inner.txt"]


@pytest.fixture
def linked(tmp_path):
    """news/ with links of every kind; outside/ beside it."""
    news, outside = tmp_path / "news", tmp_path / "outside"
    write(news / "sub", "a.txt", GOOD)
    write(news / "data", "note.md", "ملاحظة داخلية")
    write(outside, "secret.txt", "نص من خارج المجلد")
    (news / "secret.txt").symlink_to(outside / "secret.txt")
    (news / "outdir").symlink_to(outside)
    (news / "again").symlink_to(news / "sub")
    (news / "sub" / "up").symlink_to(news)
    (news / "copy.txt").symlink_to(news / "sub" / "a.txt")
    (news / "note.txt").symlink_to(news / "data" / "note.md")
    return news


def test_links_inside_policy(linked):
    corpus = load_corpus(linked)
    assert texts(corpus) == {"a": GOOD, "note": "ملاحظة داخلية"}
    assert corpus.articles["path"].tolist() == ["note.txt", "sub/a.txt"]
    outside = os.path.realpath(linked.parent / "outside")
    assert sorted((r[0], r[3]) for r in rows(corpus, "symlink")) == [
        ("again", "link to a folder read already as 'sub'; not followed"),
        ("copy.txt", "link to a file read already as 'sub/a.txt'; not read"),
        ("outdir", f"link to a folder outside the corpus ({outside}); not followed "
                   "(symlinks='follow' follows it)"),
        ("secret.txt", f"link to a file outside the corpus ({outside}/secret.txt); not read "
                       "(symlinks='follow' reads it)"),
        ("sub/up", "link to a folder read already as '.'; not followed")]
    assert {r[4] for r in rows(corpus, "symlink")} == {"skipped"}


def test_links_follow_policy_reads_outside_once_and_ends_loops(linked):
    corpus = load_corpus(linked, symlinks="follow")
    assert texts(corpus) == {"a": GOOD, "note": "ملاحظة داخلية", "secret": "نص من خارج المجلد"}
    assert corpus.articles["path"].tolist() == ["note.txt", "secret.txt", "sub/a.txt"]
    assert sorted(r[0] for r in rows(corpus, "symlink")) == [
        "again", "copy.txt", "outdir/secret.txt", "sub/up"]


def test_looping_and_dangling_file_links(tmp_path):
    news = tmp_path / "news"
    write(news, "ok.txt", GOOD)
    (news / "loop1.txt").symlink_to(news / "loop2.txt")
    (news / "loop2.txt").symlink_to(news / "loop1.txt")
    (news / "gone.txt").symlink_to(news / "missing.txt")
    with pytest.raises(CorpusError, match=r"^gone\.txt: symbolic link that points to nothing"):
        load_corpus(news)
    corpus = load_corpus(news, errors="skip")
    assert texts(corpus) == {"ok": GOOD}
    assert [(r[0], r[3]) for r in rows(corpus, "skipped")] == [
        ("gone.txt", f"symbolic link that points to nothing ({str(news / 'missing.txt')!r}); "
                     "not read"),
        ("loop1.txt", f"symbolic link that loops ({str(news / 'loop2.txt')!r}); not read"),
        ("loop2.txt", f"symbolic link that loops ({str(news / 'loop1.txt')!r}); not read")]


def test_folder_of_outside_links_only_says_why_nothing_loads(tmp_path):
    write(tmp_path / "outside", "a.txt", GOOD)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").symlink_to(tmp_path / "outside" / "a.txt")
    with pytest.raises(CorpusError, match=r"no files match '\*\.txt' \(recursively\); 1 "
                                          r"symbolic link\(s\) not followed, e\.g\. a\.txt: link"):
        load_corpus(tmp_path / "news")
    with pytest.raises(ValueError, match="symlinks must be 'inside' or 'follow'"):
        load_corpus(tmp_path / "news", symlinks="all")


# --- 3. tables: CSV, TSV, JSON, JSONL, Parquet, DataFrame ---------------------------------

@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("dup.csv", "text,text\nنص,آخر\n", "dup.csv: the header repeats the column name(s) "
                                           "['text']"),
        ("quote.csv", 'id,text\na,"نص لم يغلق\n', "quote.csv: not a readable CSV table"),
        ("wide.csv", "id,text\na,نص,زائد,أكثر\n", "wide.csv: not a readable CSV table (Error "
                                                 "tokenizing data. C error: Expected 2 fields "
                                                 "in line 2, saw 4)"),
        ("dup.tsv", "text\ttext\nنص\tآخر\n", "dup.tsv: the header repeats the column name(s)"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "deep.json: malformed JSON (nested too "
                                                      "deeply)"),
        ("object.json", '{"text": "نص"}', "object.json: expected a JSON array of objects"),
        ("empty.parquet", b"", "empty.parquet: empty file"),
        ("zero.parquet", b"PAR1\x00\x00\x00\x00PAR1", "zero.parquet: not a readable Parquet"),
    ],
)
def test_unreadable_tables_raise_naming_the_file(tmp_path, name, data, message):
    path = write(tmp_path, name, data)
    with pytest.raises(CorpusError) as info:
        load_corpus(path, id_column="id" if "id," in str(data) else None)
    assert str(info.value).startswith(message)


def test_empty_parquet_file_is_reported_in_a_folder(tmp_path):
    write(tmp_path / "news", "empty.parquet", b"")
    write(tmp_path / "news", "ok.jsonl", json.dumps({"text": GOOD}, ensure_ascii=False))
    corpus = load_corpus(tmp_path / "news", pattern="*.*", errors="skip")
    assert texts(corpus) == {"ok-000000": GOOD}
    assert rows(corpus, "skipped") == [("empty.parquet", None, None, "empty file", "skipped")]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "' + "1" * 10 + '", "n": ' + "9" * 5000 + "}",
         "malformed JSON (Exceeds the limit (4300 digits) for integer string conversion"),
        ('{"text": ' + "[" * 50_000 + "]" * 50_000 + "}", "malformed JSON (nested too deeply)"),
        ('{"text": "نص \\ud800 مكسور"}',
         "text is not valid Unicode: lone surrogate U+D800 at character 3"),
        ('{"text": 42}', "the text in column 'text' is not a string (int)"),
        ('{"text": ["نص"]}', "the text in column 'text' is not a string (list)"),
        ('{"text": null}', "empty or missing text in column 'text'"),
    ],
    ids=["huge-int", "deep", "surrogate-text", "number-text", "list-text", "null-text"],
)
def test_bad_jsonl_lines_are_skipped_naming_the_line(tmp_path, line, reason):
    path = write(tmp_path, "news.jsonl", "\n".join(
        [json.dumps({"text": GOOD}, ensure_ascii=False), line,
         json.dumps({"text": OTHER}, ensure_ascii=False)]))
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    assert str(info.value).startswith(f"news.jsonl: line 2: {reason}")
    corpus = load_corpus(path, errors="skip")
    assert texts(corpus) == {"news-000000": GOOD, "news-000002": OTHER}  # ids follow lines
    assert [(r[1], r[3][:len(reason)]) for r in rows(corpus, "skipped")] == [(2, reason)]


def test_lone_surrogates_in_ids_and_metadata_are_escaped_and_reported(tmp_path):
    path = write(tmp_path, "news.jsonl", "\n".join([
        '{"id": "a\\ud800", "text": "نص أول", "author": "كاتب\\udcff"}',
        '{"id": "b", "text": "نص ثان", "\\udcd3": "x"}']))
    corpus = load_corpus(path, id_column="id")
    assert texts(corpus) == {"a\\ud800": "نص أول", "b": "نص ثان"}
    assert corpus.articles["author"].tolist()[0] == "كاتب\\xff"
    assert "\\xd3" in corpus.articles.columns
    assert [(r[1], r[2], r[3]) for r in rows(corpus, "invalid_unicode")] == [
        (1, "a\\ud800", "doc_id 'a\\\\ud800' is not valid Unicode; kept with escapes"),
        (1, "a\\ud800", "author 'كاتب\\\\xff' is not valid Unicode; kept with escapes"),
        (1, "a\\ud800", "column name '\\\\xd3' is not valid Unicode; kept with escapes")]


def test_dataframe_with_surrogates_everywhere(tmp_path):
    frame = pd.DataFrame([["a\udcd3", "نص", "x"], ["b", "نص \ud83d", "y"], ["c", "نص ثالث", "z"]],
                         dtype=object)
    frame.columns = pd.Index(["id", "text", "\ud800col"], dtype=object)
    corpus = load_corpus(frame, id_column="id", errors="skip")
    assert texts(corpus) == {"a\\xd3": "نص", "c": "نص ثالث"}
    assert corpus.articles["\\ud800col"].tolist() == ["x", "z"]
    assert rows(corpus, "skipped") == [("<DataFrame>", None, None, "row 2: text is not valid "
                                        "Unicode: lone surrogate U+D83D at character 3",
                                        "skipped")]
    assert len(rows(corpus, "invalid_unicode")) == 2  # the id, and the column name once


def test_parquet_with_invalid_utf8_strings(tmp_path):
    path = invalid_utf8_parquet(tmp_path / "news.parquet")
    with pytest.raises(CorpusError, match=r"^news\.parquet: row 2: text is not valid Unicode: "
                                          r"undecodable byte 0xff at character 0$"):
        load_corpus(path, id_column="id")
    corpus = load_corpus(path, id_column="id", errors="skip")
    assert texts(corpus) == {"a": GOOD, "c": OTHER}
    assert corpus.articles["author"].tolist() == ["a", "\\xd3\\xe1\\xc7\\xe3"]
    assert [(r[2], r[3]) for r in rows(corpus, "invalid_unicode")] == [
        ("c", "author '\\\\xd3\\\\xe1\\\\xc7\\\\xe3' is not valid Unicode; kept with escapes")]


def test_parquet_and_dataframe_with_repeated_column_names(tmp_path):
    table = pa.Table.from_arrays([pa.array(["نص"]), pa.array(["آخر"])], names=["text", "text"])
    pq.write_table(table, tmp_path / "dup.parquet")
    with pytest.raises(CorpusError, match=r"dup\.parquet: not a readable Parquet file \("
                                          r"Multiple matches for FieldRef\.Name\(text\)"):
        load_corpus(tmp_path / "dup.parquet")
    frame = pd.DataFrame([["نص", "آخر"]], columns=["text", "text"])
    with pytest.raises(CorpusError, match=r"<DataFrame>: the table repeats the column name"):
        load_corpus(frame)


def test_dataframe_text_of_other_types(tmp_path):
    frame = pd.DataFrame({"text": [b"\xd9\x86\xd8\xb5", 3.5, "نص"]}, dtype=object)
    corpus = load_corpus(frame, errors="skip")
    assert texts(corpus) == {"<DataFrame>-000002": "نص"}
    assert [r[3] for r in rows(corpus, "skipped")] == [
        "row 1: the text in column 'text' is not a string (bytes)",
        "row 2: the text in column 'text' is not a string (float)"]


# --- 4. reserved column names and metadata ------------------------------------------------

def test_metadata_sidecar_named_like_kit_columns_never_replaces_them(tmp_path):
    news = tmp_path / "news"
    write(news, "good.txt", GOOD)
    write(news, "metadata.csv", "doc_id,text,path,sha256,source\n"
                                "good,نص مزيف,/etc/passwd,0000,Sabq\n")
    corpus = load_corpus(news)
    row = corpus.articles.iloc[0]
    assert (row["text"], row["path"], row["source"]) == (GOOD, "good.txt", "Sabq")
    assert len(row["sha256"]) == 64 and row["sha256"] != "0000"
    assert (row["meta_text"], row["meta_path"], row["meta_sha256"]) == (
        "نص مزيف", "/etc/passwd", "0000")
    assert [r[3] for r in rows(corpus, "renamed_column")] == [
        "column 'text' has the name of a kit column; kept as 'meta_text'",
        "column 'path' has the name of a kit column; kept as 'meta_path'",
        "column 'sha256' has the name of a kit column; kept as 'meta_sha256'"]
    assert {r[0] for r in rows(corpus, "renamed_column")} == {str(news / "metadata.csv")}


def test_csv_columns_named_like_kit_columns_are_renamed_once_per_file(tmp_path):
    path = write(tmp_path, "news.csv", "doc_id,text,path,n_words,encoding,meta_doc_id\n"
                                       f"x1,{GOOD.splitlines()[0]},/etc/passwd,999,latin-1,old\n"
                                       f"x2,{OTHER},/etc/shadow,5,ascii,older\n")
    corpus = load_corpus(path)
    arts = corpus.articles
    assert arts["doc_id"].tolist() == ["news-000000", "news-000001"]
    assert arts["path"].tolist() == ["news.csv", "news.csv"]
    assert arts["n_words"].tolist() == [6, 7]
    assert arts["encoding"].tolist() == ["utf-8", "utf-8"]
    assert arts["meta_meta_doc_id"].tolist() == ["x1", "x2"]
    assert arts["meta_doc_id"].tolist() == ["old", "older"]
    assert arts["meta_path"].tolist() == ["/etc/passwd", "/etc/shadow"]
    assert [r[3] for r in rows(corpus, "renamed_column")] == [
        "column 'doc_id' has the name of a kit column; kept as 'meta_meta_doc_id' (pass "
        "id_column='doc_id' to use it as the id)",
        "column 'encoding' has the name of a kit column; kept as 'meta_encoding'",
        "column 'n_words' has the name of a kit column; kept as 'meta_n_words'",
        "column 'path' has the name of a kit column; kept as 'meta_path'"]


def test_text_column_elsewhere_keeps_a_text_column_as_metadata(tmp_path):
    frame = pd.DataFrame({"body": [GOOD], "text": ["ملخص"], "boilerplate": ["x"]})
    corpus = load_corpus(frame, text_column="body")
    row = corpus.articles.iloc[0]
    assert (row["text"], row["meta_text"], row["boilerplate"], row["meta_boilerplate"]) == (
        GOOD, "ملخص", "", "x")
    assert len(rows(corpus, "renamed_column")) == 2


def test_sidecar_replacing_in_file_metadata_is_reported(tmp_path):
    news = tmp_path / "news"
    write(news, "a.csv", f"id,text,source\na,{OTHER},inline\n")
    write(news, "metadata.csv", "doc_id,source\na,sidecar\n")
    corpus = load_corpus(news, pattern="*.csv", id_column="id")
    assert corpus.articles["source"].tolist() == ["sidecar"]
    assert rows(corpus, "metadata_replaced") == [(
        str(news / "metadata.csv"), None, None,
        "column 'source' of the metadata replaces the articles' own values", "replaced")]


def test_sidecar_duplicates_and_missing_doc_id_column_in_skip_mode(tmp_path):
    news = tmp_path / "news"
    write(news, "good.txt", GOOD)
    write(news, "metadata.csv", "doc_id,source\ngood,first\ngood,second\n")
    corpus = load_corpus(news, errors="skip")
    assert corpus.articles["source"].tolist() == ["first"]
    assert rows(corpus, "skipped") == [(
        str(news / "metadata.csv"), None, "good",
        "row 2: duplicate doc_id 'good' in metadata (first in row 1)", "skipped")]
    write(news, "metadata.csv", "id,source\ngood,x\n")
    corpus = load_corpus(news, errors="skip")
    assert "source" not in corpus.articles.columns
    assert [r[3] for r in rows(corpus, "skipped")] == [
        "metadata needs a 'doc_id' column; it has ['id', 'source']"]


def test_sidecar_problems_name_the_file(tmp_path):
    news = tmp_path / "news"
    write(news, "good.txt", GOOD)
    with pytest.raises(CorpusError, match=r"nowhere\.csv: cannot read \(No such file"):
        load_corpus(news, metadata=tmp_path / "nowhere.csv")
    write(news, "metadata.csv", "doc_id,source,source\ngood,a,b\n")
    with pytest.raises(CorpusError, match=r"metadata\.csv: the header repeats the column name"):
        load_corpus(news)


def test_sidecar_dataframe_with_mixed_id_types_and_surrogates(tmp_path):
    frame = pd.DataFrame({"doc_id": [1, "1", "good"], "source": ["a", "b", "ج\udcff"]},
                         dtype=object)
    news = tmp_path / "news"
    write(news, "good.txt", GOOD)
    write(news, "1.txt", OTHER)
    with pytest.raises(CorpusError, match=r"<metadata DataFrame>: row 2: duplicate doc_id '1'"):
        load_corpus(news, metadata=frame)
    corpus = load_corpus(news, metadata=frame, errors="skip")
    assert dict(zip(corpus.articles["doc_id"], corpus.articles["source"], strict=True)) == {
        "1": "a", "good": "ج\\xff"}
    assert [r[3] for r in rows(corpus, "invalid_unicode")] == [
        "row 3: source 'ج\\\\xff' is not valid Unicode; kept with escapes"]


def test_cp1256_sidecar_is_decoded(tmp_path):
    news = tmp_path / "news"
    write(news, "good.txt", GOOD)
    write(news, "metadata.csv", "doc_id,source\r\ngood,صحيفة سبق الإلكترونية\r\n".encode("cp1256"))
    corpus = load_corpus(news)
    assert corpus.articles["source"].tolist() == ["صحيفة سبق الإلكترونية"]


# --- 5. dates -----------------------------------------------------------------------------

@pytest.fixture
def dated(tmp_path):
    news = tmp_path / "news"
    write(news, "a.txt", GOOD)
    write(news, "b.txt", OTHER)
    write(news, "metadata.csv", "doc_id,date\na,07/08/2015\nb,25/07/2015 10:00\n")
    return news


def test_ambiguous_date_raises_naming_row_and_both_readings(dated):
    with pytest.raises(CorpusError) as info:
        load_corpus(dated)
    assert str(info.value) == (
        f"{dated / 'metadata.csv'}: row 1: ambiguous date '07/08/2015': 7 August 2015 (day "
        "first) or 8 July 2015 (month first); pass dayfirst=True or dayfirst=False")


def test_ambiguous_date_skip_mode_keeps_nat_and_reports(dated):
    corpus = load_corpus(dated, errors="skip")
    dates = dict(zip(corpus.articles["doc_id"], corpus.articles["date"], strict=True))
    assert pd.isna(dates["a"]) and dates["b"] == pd.Timestamp("2015-07-25 10:00", tz=UTC)
    assert [(r[2], r[4]) for r in rows(corpus, "ambiguous_date")] == [("a", "set to NaT")]


@pytest.mark.parametrize(("dayfirst", "expected"), [(True, "2015-08-07"), (False, "2015-07-08")])
def test_dayfirst_choice(dated, dayfirst, expected):
    write(dated, "metadata.csv", "doc_id,date\na,07/08/2015\nb,2015-07-08\n")
    corpus = load_corpus(dated, dayfirst=dayfirst)
    assert corpus.articles["date"].tolist() == [pd.Timestamp(expected, tz=UTC),
                                                pd.Timestamp("2015-07-08", tz=UTC)]
    assert corpus.report["kind"].tolist() == []


@pytest.mark.parametrize(
    ("value", "dayfirst", "reason"),
    [
        ("07/25/2015", True, "not a date in day/month/year (dayfirst=True): '07/25/2015'"),
        ("25/07/2015", False, "not a date in month/day/year (dayfirst=False): '25/07/2015'"),
        ("now", None, "not a date: 'now' (no four-digit year)"),
        ("10:00", None, "not a date: '10:00' (no four-digit year)"),
        ("31/02/2015", None, "not a date: '31/02/2015'"),
        ("2015-13-45", None, "not a date: '2015-13-45'"),
    ],
)
def test_dates_that_cannot_be_read(dated, value, dayfirst, reason):
    write(dated, "metadata.csv", f"doc_id,date\na,{value}\nb,2015-07-20\n")
    with pytest.raises(CorpusError, match=f"^{dated / 'metadata.csv'}: row 1: "
                                          f"{reason.replace('(', '[(]').replace(')', '[)]')}$"):
        load_corpus(dated, dayfirst=dayfirst)
    corpus = load_corpus(dated, dayfirst=dayfirst, errors="skip")
    assert [(r[2], r[3], r[4]) for r in rows(corpus, "invalid_date")] == [
        ("a", f"row 1: {reason}", "set to NaT")]


def test_zoned_dates_are_converted_to_utc(dated):
    write(dated, "metadata.csv", "doc_id,date\na,2015-07-21T02:51:32+03:00\n"
                                 "b,\"Sun, 15 Jul 2018 21:56:56 +0400\"\n")
    corpus = load_corpus(dated)
    assert corpus.articles["date"].tolist() == [pd.Timestamp("2015-07-20 23:51:32", tz=UTC),
                                                pd.Timestamp("2018-07-15 17:56:56", tz=UTC)]


def test_dates_inside_table_files_name_their_row(tmp_path):
    path = write(tmp_path, "news.csv", f"id,text,date\na,{OTHER},2015-07-20\nb,{OTHER}!,"
                                       "03/04/2015\n")
    with pytest.raises(CorpusError, match=r"^news\.csv: row 2: ambiguous date '03/04/2015'"):
        load_corpus(path, id_column="id")
    corpus = load_corpus(path, id_column="id", dayfirst=True)
    assert corpus.articles["date"].tolist() == [pd.Timestamp("2015-07-20", tz=UTC),
                                                pd.Timestamp("2015-04-03", tz=UTC)]
    jsonl = write(tmp_path, "news.jsonl", '{"text": "نص", "date": 20150721}')
    skipped = load_corpus(jsonl, errors="skip")
    assert rows(skipped, "invalid_date") == [("news.jsonl", 1, "news-000000", "not a date: "
                                              "20150721 (int, not text)", "set to NaT")]


def test_parquet_timestamps_naive_and_zoned(tmp_path):
    frame = pd.DataFrame({"text": [GOOD, OTHER],
                          "date": pd.to_datetime(["2015-07-20 10:00", "2015-07-21 11:00"])})
    frame.to_parquet(tmp_path / "naive.parquet")
    corpus = load_corpus(tmp_path / "naive.parquet")
    assert corpus.articles["date"].tolist() == [pd.Timestamp("2015-07-20 10:00", tz=UTC),
                                                pd.Timestamp("2015-07-21 11:00", tz=UTC)]
    frame["date"] = frame["date"].dt.tz_localize("Asia/Riyadh")
    frame.to_parquet(tmp_path / "zoned.parquet")
    corpus = load_corpus(tmp_path / "zoned.parquet")
    assert str(corpus.articles["date"].dtype) == "datetime64[us, UTC]"
    assert corpus.articles["date"].tolist()[0] == pd.Timestamp("2015-07-20 07:00", tz=UTC)


# --- 6. SaudiNewsNet zips -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (encrypted_zip, "encrypted (a password is needed); not read"),
        (unsupported_method_zip, "compressed with a method Python cannot read (That compression "
                                 "method is not supported); not read"),
        (corrupt_deflate_zip, "corrupt compressed data (Error -3 while decompressing data: "
                              "invalid block type); not read"),
        (lying_size_zip, "damaged (BadZipFile: Bad CRC-32 for file '2015-07-21.json'); not read"),
    ],
    ids=["encrypted", "unsupported-method", "corrupt-deflate", "lying-size"],
)
def test_damaged_zip_members_are_reported_in_both_modes(tmp_path, build, reason):
    build(tmp_path)
    snn_zip(tmp_path, {"2015-07-22.json": [article()]}, name="2015-07-22.zip")
    corpus = load_saudinewsnet(tmp_path)  # errors="skip" by default
    assert corpus.articles["doc_id"].tolist() == ["2015-07-22-00000"]
    assert rows(corpus, "skipped") == [(MEMBER, None, None, reason, "skipped")]
    with pytest.raises(CorpusError) as info:
        load_saudinewsnet(tmp_path, errors="raise")
    assert str(info.value) == f"{MEMBER}: {reason}"


def test_zip_bomb_is_skipped_with_bounded_memory(tmp_path):
    expanded = 300 * 2**20  # over the 256 MB default limit; the zip itself is about 300 KB
    bomb_zip(tmp_path, expanded)
    assert (tmp_path / "2015-07-21.zip").stat().st_size < 2**20
    tracemalloc.start()
    try:
        corpus = load_saudinewsnet(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 32 * 2**20, peak  # well below the expanded size
    assert rows(corpus, "skipped") == [(MEMBER, None, None, "expands to more than 268,435,456 "
                                        "bytes (max_member_bytes); not read (a damaged file or "
                                        "a zip bomb)", "skipped")]


def test_member_size_limit_is_a_parameter(tmp_path):
    bomb_zip(tmp_path, 8 * 2**20)
    tracemalloc.start()
    try:
        corpus = load_saudinewsnet(tmp_path, max_member_bytes=2**20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 2**20, peak
    assert rows(corpus, "skipped")[0][3].startswith("expands to more than 1,048,576 bytes")
    corpus = load_saudinewsnet(tmp_path, max_member_bytes=16 * 2**20)  # an empty array
    assert len(corpus.articles) == 0 and corpus.report.empty


def test_zoned_naive_and_broken_crawl_times(tmp_path):
    snn_zip(tmp_path, {"2015-07-21.json": [
        article("http://x/1", date_extracted="2015-07-21 02:51:32"),
        article("http://x/2", OTHER, date_extracted="2015-07-21T02:51:32+00:00"),
        article("http://x/3", GOOD + "!", date_extracted="yesterday"),
        article("http://x/4", OTHER + "!", date_extracted=None)]})
    corpus = load_saudinewsnet(tmp_path)
    assert str(corpus.articles["date"].dtype) == "datetime64[us, UTC]"
    dates = corpus.articles["date"].tolist()
    assert dates[:2] == [pd.Timestamp("2015-07-20 23:51:32", tz=UTC),
                         pd.Timestamp("2015-07-21 02:51:32", tz=UTC)]
    assert pd.isna(dates[2]) and pd.isna(dates[3])
    assert rows(corpus, "invalid_date") == [(MEMBER, None, "2015-07-21-00002", "item 3: "
                                             "date_extracted: not a date: 'yesterday' (no "
                                             "four-digit year)", "set to NaT")]
    with pytest.raises(CorpusError, match=r"21\.json: item 3: date_extracted: not a date"):
        load_saudinewsnet(tmp_path, errors="raise")


@pytest.mark.parametrize(
    ("member", "data", "reason"),
    [
        ("2015-07-21.json", b'{"content": "x"}', "expected a JSON array of articles"),
        ("2015-07-21.json", "[]".encode("utf-16"), "not UTF-8 (byte 0xff at offset 0)"),
        ("2015-07-21.json", b"[" * 100_000, "not a JSON array (nested too deeply)"),
        ("2015-07-21.json", b"[{]", "not a JSON array (Expecting property name enclosed in "
                                    "double quotes: line 1 column 3 (char 2))"),
    ],
    ids=["object", "utf16", "deep", "malformed"],
)
def test_member_that_is_not_an_article_array(tmp_path, member, data, reason):
    snn_zip(tmp_path, {member: data})
    corpus = load_saudinewsnet(tmp_path)
    assert rows(corpus, "skipped") == [(MEMBER, None, None, reason, "skipped")]


def test_items_that_are_not_articles_and_odd_fields(tmp_path):
    snn_zip(tmp_path, {"2015-07-21.json": [
        "just a string",
        article("http://x/1", "نص \ud800 مكسور"),
        article("http://x/2", GOOD, title=5, author={"name": "س"}),
        article("http://x/3", OTHER, title="عنوان \udcff")],
        "README.txt": b"not an article", "2015-07-21/": b""})
    corpus = load_saudinewsnet(tmp_path)
    arts = corpus.articles.set_index("doc_id")
    assert list(arts.index) == ["2015-07-21-00002", "2015-07-21-00003"]
    assert arts.loc["2015-07-21-00002", ["title", "author"]].tolist() == ["5", '{"name": "س"}']
    assert arts.loc["2015-07-21-00003", "title"] == "عنوان \\xff"
    assert [r[3] for r in rows(corpus, "skipped")] == [
        "item 1: not a JSON object",
        "item 2: content is not valid Unicode: lone surrogate U+D800 at character 3"]
    assert [r[3] for r in rows(corpus, "invalid_field")] == [
        "item 3: title is not text (int); kept as JSON '5'",
        "item 3: author is not text (dict); kept as JSON '{\"name\": \"س\"}'"]
    assert rows(corpus, "ignored_member") == [("2015-07-21.zip:README.txt", None, None,
                                               "not a .json member", "ignored")]
    assert len(rows(corpus, "invalid_unicode")) == 1


def test_zip_with_a_member_name_flagged_utf8_that_is_not(tmp_path):
    path = snn_zip(tmp_path, {"XXXX.json": [article()]})
    data = path.read_bytes().replace(b"XXXX.json", b"\xd3\xe1\xc7\xe3.json")
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:  # cp437 when unflagged: readable
        assert len(archive.namelist()) == 1
    flagged = bytearray(data)
    for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        offset = flagged.find(signature)
        flagged[offset + at + 1] |= 0x08  # bit 11 of the flags: names are UTF-8
    path.write_bytes(bytes(flagged))
    with pytest.raises(CorpusError, match=r"^2015-07-21\.zip: not a readable zip file \("):
        load_saudinewsnet(tmp_path, errors="raise")


def test_list_of_files_with_a_missing_one_and_a_folder(tmp_path):
    path = snn_zip(tmp_path, {"2015-07-21.json": [article()]})
    corpus = load_saudinewsnet([path, tmp_path / "2015-07-22.zip", tmp_path])
    assert corpus.articles["doc_id"].tolist() == ["2015-07-21-00000"]
    assert [(r[0], r[3]) for r in rows(corpus, "skipped")] == [
        ("2015-07-22.zip", "no such file"), (tmp_path.name, "a folder, not a file")]
    with pytest.raises(CorpusError, match=r"^2015-07-22\.zip: no such file$"):
        load_saudinewsnet([path, tmp_path / "2015-07-22.zip"], errors="raise")


def test_json_file_with_a_non_utf8_name(tmp_path):
    write(tmp_path, b"\xd3\xe1.json", json.dumps([article()]).encode())
    corpus = load_saudinewsnet(tmp_path)
    assert corpus.articles["doc_id"].tolist() == ["\\xd3\\xe1-00000"]
    assert corpus.articles["path"].tolist() == ["\\xd3\\xe1.json"]


# --- 7. TREC ------------------------------------------------------------------------------

def test_every_doc_of_a_file_is_an_article(tmp_path):
    write(tmp_path / "ant", "many.txt", trec(trec_doc("A1", GOOD), trec_doc("A2", OTHER),
                                             trec_doc("A3", "ثالث")))
    corpus = load_trec(tmp_path / "ant")
    assert texts(corpus) == {"A1": GOOD, "A2": OTHER, "A3": "ثالث"}
    assert corpus.report.empty
    assert corpus.articles["sha256"].nunique() == 3


def test_docs_without_docno_get_numbered_ids(tmp_path):
    write(tmp_path / "ant", "many.txt", trec("<TEXT>\nأول\n</TEXT>", "<TEXT>\nثان\n</TEXT>"))
    write(tmp_path / "ant", "one.txt", trec("<TEXT>\nوحيد\n</TEXT>"))
    corpus = load_trec(tmp_path / "ant")
    assert texts(corpus) == {"many-1": "أول", "many-2": "ثان", "one": "وحيد"}


def test_closing_text_tag_inside_the_body_is_text(tmp_path):
    body = "أول سطر </TEXT> يكمل\n<P>فقرة</P> و</DOC> في النص\nآخر سطر"
    write(tmp_path / "ant", "a.txt", trec(trec_doc("A1", body)))
    corpus = load_trec(tmp_path / "ant")
    assert texts(corpus) == {"A1": body}
    assert corpus.report.empty


def test_unplaced_pieces_are_reported(tmp_path):
    first = ("<DOCNO>A1</DOCNO>\n<HEADLINE>عنوان آخر</HEADLINE>\n<TITLE>أول</TITLE>"
             "<TITLE>ثان</TITLE>\nنص شارد\n<AUTHOR>بلا نهاية\n<TEXT>\nنص\n</TEXT>")
    write(tmp_path / "ant", "a.txt", trec(first, trec_doc("A2", OTHER), before="رأس الملف\n",
                                          between="\nبين الوثيقتين\n"))
    corpus = load_trec(tmp_path / "ant")  # errors="raise": these are reported, not errors
    assert texts(corpus) == {"A1": "نص", "A2": OTHER}
    assert corpus.articles["title"].tolist()[0] == "أول"
    assert pd.isna(corpus.articles["title"].tolist()[1])
    assert [(r[1], r[2], r[3]) for r in rows(corpus, "unplaced")] == [
        (1, None, "outside any <DOC>: text 'رأس الملف'"),
        (12, None, "outside any <DOC>: text 'بين الوثيقتين'"),
        (4, "A1", "not placed: unknown tag <HEADLINE>: 'عنوان آخر'"),
        (5, "A1", "not placed: repeated <TITLE> (the first is kept): 'ثان'"),
        (6, "A1", "not placed: text 'نص شارد'"),
        (7, "A1", "not placed: <AUTHOR> is not closed"),
        (7, "A1", "not placed: text 'بلا نهاية'")]
    assert {r[4] for r in rows(corpus, "unplaced")} == {"ignored"}


def test_broken_doc_in_a_file_of_several(tmp_path):
    write(tmp_path / "ant", "a.txt", trec(trec_doc("A1", GOOD), "<DOCNO>A2</DOCNO>\nلا نص",
                                          trec_doc("A3", OTHER)))
    with pytest.raises(CorpusError, match=r"^a\.txt: line 8: no <TEXT> in this <DOC>$"):
        load_trec(tmp_path / "ant")
    corpus = load_trec(tmp_path / "ant", errors="skip")
    assert texts(corpus) == {"A1": GOOD, "A3": OTHER}
    assert rows(corpus, "skipped") == [("a.txt", 8, None, "no <TEXT> in this <DOC>", "skipped")]


def test_bad_time_keeps_the_article(tmp_path):
    write(tmp_path / "ant", "a.txt", trec(trec_doc("A1", GOOD, TIME="الأحد 15 يوليو")))
    with pytest.raises(CorpusError, match=r"^a\.txt: <TIME> is not an RFC 2822 date"):
        load_trec(tmp_path / "ant")
    corpus = load_trec(tmp_path / "ant", errors="skip")
    assert texts(corpus) == {"A1": GOOD} and pd.isna(corpus.articles["date"].iloc[0])
    assert rows(corpus, "invalid_date") == [("a.txt", None, "A1", "<TIME> is not an RFC 2822 "
                                             "date: 'الأحد 15 يوليو'", "set to NaT")]


def test_time_without_zone_is_utc_and_progress_works(tmp_path):
    write(tmp_path / "ant", "a.txt", trec(trec_doc("A1", GOOD, TIME="Sun, 15 Jul 2018 21:56:56 "
                                                                      "-0000")))
    for progress in (True, False, None):
        corpus = load_trec(tmp_path / "ant", progress=progress)
        assert corpus.articles["date"].tolist() == [pd.Timestamp("2018-07-15 21:56:56", tz=UTC)]


def test_header_of_many_unclosed_tags_is_read_in_linear_time(tmp_path):
    header = "<A>x" * 20_000
    write(tmp_path / "ant", "a.txt", trec(f"<DOCNO>A1</DOCNO>{header}<TEXT>\nنص\n</TEXT>"))
    corpus = load_trec(tmp_path / "ant")
    unplaced = rows(corpus, "unplaced")
    assert len(unplaced) == 40_000  # each unclosed <A> and each stray x
    assert texts(corpus) == {"A1": "نص"}


def test_parse_trec_document_refuses_several(tmp_path):
    with pytest.raises(CorpusError, match=r"^x\.txt: holds 2 <DOC>s; use parse_trec$"):
        parse_trec_document(trec(trec_doc("A", "نص"), trec_doc("B", "نص")), "x.txt")


# --- 8. exports ---------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["gexf", "graphml"])
def test_graph_exports_are_well_formed_xml(tmp_path, suffix):
    graph = nx.Graph()
    graph.add_node("isis\x01", label="داعش\x1b[31m", type="group\ud800")
    graph.add_edge("isis\x01", "nusra", weight=1.0, note="\x0b<&>")
    path = tmp_path / f"actors.{suffix}"
    with pytest.warns(UserWarning, match=r"actors\.\w+: 4 control or invalid character"):
        export_graph(graph, path)
    root = ET.parse(path).getroot()  # raises if not well-formed
    text = ET.tostring(root, encoding="unicode")
    assert "isis\\x01" in text and "داعش\\x1b[31m" in text and "group\\ud800" in text
    assert "\\x0b&lt;&amp;&gt;" in text


def test_graph_export_refuses_names_that_escaping_would_merge(tmp_path):
    graph = nx.Graph([("a\x01", "b"), ("a\\x01", "b")])
    with pytest.raises(ValueError, match="differ only by control characters"):
        export_graph(graph, tmp_path / "g.gexf")
    assert not (tmp_path / "g.gexf").exists()


def test_clean_graph_export_has_no_warning(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        export_graph(nx.Graph([("داعش", "النصرة")]), tmp_path / "g.graphml")
    assert ET.parse(tmp_path / "g.graphml").getroot() is not None


def _xml(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def test_html_displays_are_well_formed_with_hostile_text():
    payload = '<script>alert("x")</script>\x00\x1b&'
    table = pd.DataFrame({"doc_id": ["a\x07"], "left": [payload], "keyword": ["داعش"],
                          "right": ["\ud800"], "start": [0], "end": [4]}, dtype=object)
    with pytest.warns(UserWarning, match="kwic_html: 4 control"):
        root = _xml(kwic_html(table))
    assert "<script>" not in ET.tostring(root, encoding="unicode")
    assert root.findall(".//mark")[0].text == "داعش"
    evidence = pd.DataFrame({"doc_id": ["a"], "unit_id": [0], "start": [0], "end": [12],
                             "text": ["داعش\x00 و<b>ب"], "mentions": [[(0, 4, "isis\x1b")]]})
    with pytest.warns(UserWarning, match="evidence_html: 2 control"):
        root = _xml(evidence_html(evidence))
    assert root.find(".//mark").get("title") == "isis\\x1b"
    topics = pd.DataFrame({"topic": [0], "rank": [1], "doc_id": ["a"], "share": [0.5],
                           "text": ["نص\x0c<i>"]})
    with pytest.warns(UserWarning, match="representative_html: 1 control"):
        root = _xml(representative_html(topics))
    assert "نص\\x0c<i>" in [td.text for td in root.iter("td")]


def test_csv_export_of_hostile_articles_round_trips(tmp_path):
    news = tmp_path / "news"
    body = 'قال: "نعم، لا"\tو\x1b,\'\x0bو'
    write(news, "q.txt", body)
    write(news, "metadata.csv", 'doc_id,title\nq,"عنوان ""مقتبس""\nبسطرين"\n')
    corpus = load_corpus(news)
    corpus.articles.to_csv(tmp_path / "out.csv", index=False)
    back = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert back.loc[0, "text"] == body and back.loc[0, "title"] == 'عنوان "مقتبس"\nبسطرين'


# --- 9. size: long paragraphs, linear work ------------------------------------------------

class CountingStr(str):
    """A str that counts the characters its search methods scan (what a quadratic loop over
    one long text spends its time on)."""

    scanned = 0

    def _count(self, start, end, found, forward) -> None:
        start = 0 if start is None else start
        end = len(self) if end is None else end
        if found < 0:
            CountingStr.scanned += max(0, end - start)
        else:
            CountingStr.scanned += (found - start) if forward else (end - found)

    def find(self, sub, start=None, end=None):
        found = str.find(self, sub, start, end)
        self._count(start, end, found, True)
        return found

    def rfind(self, sub, start=None, end=None):
        found = str.rfind(self, sub, start, end)
        self._count(start, end, found, False)
        return found

    def count(self, sub, start=None, end=None):
        self._count(start, end, -1, True)
        return str.count(self, sub, start, end)


def long_paragraph(n_words: int) -> str:
    words = ["قالت", "مصادر", "إن", "جبهة", "النصرة", "سيطرت", "على", "مواقع", "في", "ريف",
             "درعا", "الغربي"]
    return " ".join(words[i % len(words)] for i in range(n_words))


def operation_counts(run, n_words: int) -> dict[str, int]:
    """Calls (Python and C), characters scanned by str searches, and peak traced memory."""
    text = CountingStr(long_paragraph(n_words))
    calls = 0

    def profile(frame, event, arg):
        nonlocal calls
        calls += 1

    CountingStr.scanned = 0
    tracemalloc.start()
    sys.setprofile(profile)
    try:
        run(text)
    finally:
        sys.setprofile(None)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {"calls": calls, "scanned": CountingStr.scanned, "memory": peak}


def assert_linear(run, small: int = 2_000, factor: int = 8) -> None:
    """Work on ``factor`` times the words grows at most ``1.5 * factor`` times (a quadratic
    step would grow ``factor ** 2`` times)."""
    run(CountingStr(long_paragraph(200)))  # warm caches and imports
    low, high = operation_counts(run, small), operation_counts(run, small * factor)
    for key in low:
        assert high[key] <= 1.5 * factor * max(low[key], 1), (key, low[key], high[key])


def test_one_long_paragraph_term_frequencies_is_linear():
    assert_linear(lambda text: term_frequencies(pd.DataFrame({"text": pd.Series(
        [text], dtype=object)})))


def test_one_long_paragraph_find_mentions_is_linear():
    def run(text):
        corpus = load_corpus(pd.DataFrame({"text": [str(text)]}))
        assert len(find_mentions(corpus)) == str.count(text, "النصرة")
    assert_linear(run)


def test_one_long_paragraph_find_mentions_of_a_dataframe_is_linear():
    # the DataFrame branch used to count the newlines before every mention from the start
    def run(text):
        mentions = find_mentions(pd.DataFrame({"text": pd.Series([text], dtype=object)}))
        assert len(mentions) == str.count(text, "النصرة")
    assert_linear(run)


def test_one_long_paragraph_kwic_is_linear():
    def run(text):
        table = kwic(pd.DataFrame({"doc_id": ["a"], "text": pd.Series([text], dtype=object)}),
                     "جبهة النصرة", window=3)
        assert len(table) == str.count(text, "جبهة النصرة")
    assert_linear(run)


def test_one_long_paragraph_loads_as_one_paragraph(tmp_path):
    text = long_paragraph(100_000)
    write(tmp_path / "news", "long.txt", text)
    corpus = load_corpus(tmp_path / "news")
    row = corpus.articles.iloc[0]
    assert (row["n_paragraphs"], row["n_words"], row["n_chars"]) == (1, 100_000, len(text))
    assert corpus.paragraphs["text"].tolist() == [text]
