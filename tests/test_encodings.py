"""Every encoding Arabic news archives come in gives the same article as the UTF-8 seed."""

from __future__ import annotations

import pytest

from arcorpus.corpus import CorpusError, load_corpus

from conftest import SEED

REFERENCE = load_corpus(SEED).articles.iloc[0]


def write(tmp_path, data: bytes, name: str = "a.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("label", "encode", "detected"),
    [
        ("utf-8", lambda s: s.encode("utf-8"), "utf-8"),
        ("utf-8 with BOM", lambda s: s.encode("utf-8-sig"), "utf-8-sig"),
        ("CRLF", lambda s: s.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        ("CR only", lambda s: s.replace("\n", "\r").encode("utf-8"), "utf-8"),
        ("BOM + CRLF", lambda s: s.replace("\n", "\r\n").encode("utf-8-sig"), "utf-8-sig"),
        ("UTF-16 with BOM", lambda s: s.encode("utf-16"), "utf-16"),
        ("UTF-16-LE no BOM", lambda s: s.encode("utf-16-le"), "utf-16-le"),
        ("UTF-16-BE no BOM", lambda s: s.encode("utf-16-be"), "utf-16-be"),
        ("Windows-1256", lambda s: s.encode("cp1256"), "cp1256"),
        ("Windows-1256 + CRLF", lambda s: s.replace("\n", "\r\n").encode("cp1256"), "cp1256"),
    ],
)
def test_detected_encodings_give_the_same_article(tmp_path, seed_text, label, encode, detected):
    path = write(tmp_path, encode(seed_text))
    corpus = load_corpus(path)
    row = corpus.articles.iloc[0]
    assert row["encoding"] == detected, label
    assert row["text"] == REFERENCE["text"]
    assert row["boilerplate"] == REFERENCE["boilerplate"]
    assert row["n_words"] == 467
    if detected != "utf-8":
        event = corpus.report[corpus.report["kind"] == "encoding"]
        assert event["detail"].tolist() == [f"decoded as {detected}"]


def test_explicit_encoding_is_used(tmp_path, seed_text):
    path = write(tmp_path, seed_text.encode("cp1256"))
    corpus = load_corpus(path, encoding="cp1256")
    assert corpus.articles.iloc[0]["text"] == REFERENCE["text"]
    assert corpus.articles.iloc[0]["encoding"] == "cp1256"


def test_explicit_wrong_encoding_names_file_line_and_byte(tmp_path, seed_text):
    data = seed_text.encode("cp1256")
    path = write(tmp_path, data, "legacy.txt")
    with pytest.raises(CorpusError) as info:
        load_corpus(path, encoding="utf-8")
    message = str(info.value)
    assert message.startswith("legacy.txt: line 1: cannot decode as utf-8: byte 0x")
    assert info.value.path == "legacy.txt" and info.value.line == 1


def test_cp1256_is_not_guessed_for_latin_text(tmp_path):
    path = write(tmp_path, "Les factions de l'opposition syrienne à Deraa, été 2015".encode(
        "latin-1"), "french.txt")
    with pytest.raises(CorpusError, match=r"french\.txt: line 1: not valid UTF-8 .* Windows-1256"):
        load_corpus(path)
