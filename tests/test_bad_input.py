"""Bad input: a clear error naming the file (and line) and the reason; errors="skip" reports
every skipped item; duplicates are reported, and dropped only when asked."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from arcorpus.corpus import CorpusError, load_corpus

from conftest import SEED, tree_hash

GOOD = "قالت الفصائل إنها سيطرت على البلدة.\nوأضافت أن المعارك مستمرة."


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "news"
    (root / "2015" / "07").mkdir(parents=True)
    (root / "2015" / "07" / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "seed.txt").write_bytes(SEED.read_bytes())
    return root


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty.txt: empty file"),
        ("blank.txt", b"  \n\n \t\n", "blank.txt: file holds only white space"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "image.txt: binary file"),
        ("mixed.txt", "سطر سليم\n".encode() + b"\xff\xfe broken \xc3\x28",
         "mixed.txt: line 2: not valid UTF-8 (byte 0xff at offset 16)"),
    ],
)
def test_bad_text_files_raise_naming_file_line_and_reason(folder, name, data, reason):
    (folder / name).write_bytes(data)
    with pytest.raises(CorpusError) as info:
        load_corpus(folder)
    assert str(info.value).startswith(reason)


def test_skip_reports_every_bad_item_and_keeps_the_good_ones(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    before = tree_hash(folder)
    corpus = load_corpus(folder, errors="skip")
    assert tree_hash(folder) == before  # nothing written into the user's folder
    assert sorted(corpus.articles["doc_id"]) == ["good", "seed"]
    skipped = corpus.report[corpus.report["kind"] == "skipped"].sort_values("path")
    assert skipped["path"].tolist() == ["empty.txt", "image.txt"]
    assert skipped["detail"].tolist() == ["empty file",
                                          "binary file (NUL bytes): not a text article"]
    assert (skipped["action"] == "skipped").all()


def test_recursive_and_glob_filter(folder):
    flat = load_corpus(folder, recursive=False)
    assert flat.articles["doc_id"].tolist() == ["seed"]
    deep = load_corpus(folder)
    assert set(deep.articles["path"]) == {"2015/07/good.txt", "seed.txt"}
    only = load_corpus(folder, pattern="good*.txt")
    assert only.articles["doc_id"].tolist() == ["good"]
    with pytest.raises(CorpusError, match="no files match"):
        load_corpus(folder, pattern="*.xml")


def test_duplicate_ids_raise_naming_both_files(folder):
    (folder / "2015" / "good.txt").write_text("نص آخر مختلف", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(folder)
    assert str(info.value) == ("2015/good.txt: duplicate doc_id 'good' (first in 2015/07/good.txt)")
    by_path = load_corpus(folder, id_from="path")
    assert sorted(by_path.articles["doc_id"]) == ["2015/07/good", "2015/good", "seed"]
    skipped = load_corpus(folder, errors="skip")
    assert skipped.report.query("kind == 'skipped'")["path"].tolist() == ["2015/good.txt"]


def test_duplicate_texts_are_reported_and_dropped_only_when_asked(folder):
    (folder / "copy.txt").write_text(GOOD, encoding="utf-8")
    corpus = load_corpus(folder)
    assert len(corpus.articles) == 3
    dup = corpus.report[corpus.report["kind"] == "duplicate_text"]
    # files are read in path order: 2015/07/good.txt comes first, copy.txt is the duplicate
    assert dup[["doc_id", "path", "detail", "action"]].values.tolist() == [
        ["copy", "copy.txt", "same text as good", "kept"]]
    dropped = load_corpus(folder, drop_duplicates="text")
    assert sorted(dropped.articles["doc_id"]) == ["good", "seed"]
    assert "copy" not in set(dropped.paragraphs["doc_id"]) | set(dropped.sentences["doc_id"])
    assert dropped.report.query("kind == 'duplicate_text'")["action"].tolist() == ["dropped"]


def test_duplicate_urls_are_reported(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"id": ["a", "b", "c"], "text": ["نص أول", "نص ثان", "نص ثالث"],
                  "url": ["http://x/1", "http://x/1", ""]}).to_csv(path, index=False)
    corpus = load_corpus(path, id_column="id")
    dup = corpus.report[corpus.report["kind"] == "duplicate_url"]
    assert dup[["doc_id", "detail"]].values.tolist() == [["b", "same url as a"]]
    assert load_corpus(path, id_column="id", drop_duplicates="url").articles["doc_id"].tolist() \
        == ["a", "c"]


def test_missing_columns_name_the_file_and_the_columns(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"body": ["نص"], "id": [1]}).to_csv(path, index=False)
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    assert str(info.value) == ("news.csv: missing column(s) ['text']; the table has "
                               "['body', 'id'] (set text_column=/id_column=)")
    corpus = load_corpus(path, text_column="body", id_column="id")
    assert corpus.articles["doc_id"].tolist() == ["1"]


def test_malformed_jsonl_lines_name_the_line(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": "a", "text": "نص أول"}, ensure_ascii=False),
             '{"id": "b", "text": "نص مقطوع',
             json.dumps(["not", "an", "object"]),
             "",
             json.dumps({"id": "c", "text": "نص ثالث", "source": "x"}, ensure_ascii=False)]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(path, id_column="id")
    assert str(info.value).startswith("news.jsonl: line 2: malformed JSON (Unterminated string")
    corpus = load_corpus(path, id_column="id", errors="skip")
    assert corpus.articles["doc_id"].tolist() == ["a", "c"]
    skipped = corpus.report[corpus.report["kind"] == "skipped"]
    assert skipped["line"].tolist() == [2, 3]
    assert skipped["detail"].iloc[1] == "expected a JSON object, got list"


def test_empty_rows_and_ids_in_tables(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"id": ["a", "", "c"], "text": ["نص", "نص آخر", "  "]}).to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"news.csv: row 2: empty id in column 'id'"):
        load_corpus(path, id_column="id")
    corpus = load_corpus(path, id_column="id", errors="skip")
    assert corpus.report.query("kind == 'skipped'")["detail"].tolist() == [
        "row 2: empty id in column 'id'", "row 3: empty or missing text in column 'text'"]


def test_broken_parquet_and_unknown_errors_value(tmp_path):
    path = tmp_path / "news.parquet"
    path.write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(CorpusError, match=r"news\.parquet: not a readable Parquet file"):
        load_corpus(path)
    with pytest.raises(ValueError, match="errors must be 'raise' or 'skip'"):
        load_corpus(SEED, errors="ignore")
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "missing")


def test_bad_metadata_sidecar(folder):
    (folder / "metadata.csv").write_text("doc_id,date\ngood,2015-07-21\ngood,2015-07-22\n")
    with pytest.raises(CorpusError, match=r"metadata.csv: row 2: duplicate doc_id 'good' in "
                                          r"metadata \(first in row 1\)"):
        load_corpus(folder)
    (folder / "metadata.csv").write_text("doc_id,date\ngood,not a date\n")
    with pytest.raises(CorpusError, match=r"metadata\.csv: row 1: not a date: 'not a date'"):
        load_corpus(folder)
    (folder / "metadata.csv").write_text("id,date\ngood,2015-07-21\n")
    with pytest.raises(CorpusError, match="metadata needs a 'doc_id' column"):
        load_corpus(folder)
    (folder / "metadata.csv").write_text("doc_id,source,date\ngood,Sabq,2015-07-21\nghost,x,\n")
    corpus = load_corpus(folder)
    row = corpus.articles.set_index("doc_id").loc["good"]
    assert row["source"] == "Sabq" and row["date"] == pd.Timestamp("2015-07-21", tz="UTC")
    kinds = corpus.report["kind"].value_counts()
    assert kinds["metadata_without_article"] == 1 and kinds["article_without_metadata"] == 1


def test_lone_surrogates_in_a_dataframe_are_reported():
    # pandas 3 string columns cannot hold lone surrogates; object columns (old code) can
    frame = pd.DataFrame({"text": ["نص سليم", "نص \ud800 مكسور"]}, dtype=object)
    with pytest.raises(CorpusError, match=r"<DataFrame>: row 2: text is not valid Unicode: "
                                          r"lone surrogate U\+D800 at character 3"):
        load_corpus(frame)
    assert load_corpus(frame, errors="skip").articles["text"].tolist() == ["نص سليم"]
