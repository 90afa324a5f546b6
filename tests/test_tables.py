"""CSV, TSV, JSONL, JSON and Parquet give the same tables as a folder of text files."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from arcorpus.corpus import load_corpus

from conftest import SEED

TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture
def frame():
    return pd.DataFrame({"doc_id": ["seed", "short"],
                         "body": [TEXT, "سطر أول.\r\n\r\nسطر ثان؟ نعم"],
                         "source": ["Al-Araby Al-Jadeed", "test"],
                         "date": ["2015-07-20", "2015-07-21T10:00:00+03:00"]})


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".json", ".parquet", "frame"])
def test_table_formats_agree(tmp_path, frame, suffix):
    path = tmp_path / f"news{suffix}"
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".tsv":
        # TSV cannot hold raw newlines in a cell without quoting; pandas quotes them
        frame.to_csv(path, index=False, sep="\t")
    elif suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False)
                                  for r in frame.to_dict("records")), encoding="utf-8")
    elif suffix == ".json":
        path.write_text(json.dumps(frame.to_dict("records"), ensure_ascii=False), encoding="utf-8")
    elif suffix == ".parquet":
        frame.to_parquet(path)
    source = frame if suffix == "frame" else path
    corpus = load_corpus(source, text_column="body", id_column="doc_id")
    arts = corpus.articles.set_index("doc_id")
    seed_folder = load_corpus(SEED).articles.iloc[0]
    assert arts.loc["seed", "text"] == seed_folder["text"]
    assert arts.loc["seed", "boilerplate"] == seed_folder["boilerplate"]
    assert arts.loc["short", "text"] == "سطر أول.\nسطر ثان؟ نعم"
    assert (corpus.sentences["doc_id"] == "short").sum() == 3
    assert arts.loc["seed", "source"] == "Al-Araby Al-Jadeed"
    assert arts["date"].tolist() == [pd.Timestamp("2015-07-20", tz="UTC"),
                                     pd.Timestamp("2015-07-21 07:00", tz="UTC")]
    short = corpus.paragraphs.query("doc_id == 'short'")
    assert list(short["text"]) == ["سطر أول.", "سطر ثان؟ نعم"]


def test_ids_default_to_file_stem_and_row(tmp_path, frame):
    path = tmp_path / "news.csv"
    frame.drop(columns="doc_id").to_csv(path, index=False)
    corpus = load_corpus(path, text_column="body")
    assert corpus.articles["doc_id"].tolist() == ["news-000000", "news-000001"]


def test_folder_of_jsonl_files(tmp_path, frame):
    for i, row in frame.iterrows():
        (tmp_path / f"part{i}.jsonl").write_text(json.dumps(row.to_dict(), ensure_ascii=False),
                                                  encoding="utf-8")
    corpus = load_corpus(tmp_path, pattern="*.jsonl", text_column="body", id_column="doc_id")
    assert corpus.articles["doc_id"].tolist() == ["seed", "short"]
    assert corpus.articles["path"].tolist() == ["part0.jsonl", "part1.jsonl"]
