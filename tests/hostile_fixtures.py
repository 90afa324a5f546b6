"""Builders for hostile inputs, written into a test's tmp_path at test time (no binary junk in
the repository): broken zips, zip bombs, Parquet with invalid UTF-8, odd file names, TREC files.
"""

from __future__ import annotations

import json
import os
import struct
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

GOOD = "قالت الفصائل إنها سيطرت على البلدة.\nوأضافت أن المعارك مستمرة."
OTHER = "نص آخر عن جبهة النصرة في درعا."

# a file name in Windows-1256 bytes, as an old archive unzipped on Linux leaves it: سلام.txt
CP1256_NAME = "سلام".encode("cp1256") + b".txt"


def write(folder: Path, name: str | bytes, data: bytes | str) -> Path:
    """Write a file (``name`` may be raw bytes: a name that is not UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(name, bytes):
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
    else:
        path = folder / name
    path.write_bytes(raw)
    return path


def article(url: str = "http://sabq.org/1", content: str = GOOD, **extra) -> dict:
    """One SaudiNewsNet item."""
    return {"source": "sabq", "url": url, "date_extracted": "2015-07-21 02:51:32",
            "title": "عنوان", "author": "الرياض", "content": content, **extra}


def snn_zip(folder: Path, members: dict[str, bytes | list], name: str = "2015-07-21.zip",
            compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A SaudiNewsNet-like zip; a list member is written as its JSON."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for member, data in members.items():
            if isinstance(data, list):
                data = json.dumps(data).encode()  # \u escapes: lone surrogates can be written
            archive.writestr(member, data)
    return path


def _patch_headers(path: Path, member: str, *, flag: int | None = None,
                   method: int | None = None, size: int | None = None) -> None:
    """Rewrite the general-purpose flag, the compression method or the uncompressed size of a
    member in both its local header and the central directory (what a hostile zip can say)."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    data = bytearray(path.read_bytes())
    local = info.header_offset
    end_record = data.rfind(b"PK\x05\x06")
    central = struct.unpack_from("<I", data, end_record + 16)[0]  # the only member's entry
    for offset, flag_at, method_at, size_at in ((local, 6, 8, 22), (central, 8, 10, 24)):
        if flag is not None:
            struct.pack_into("<H", data, offset + flag_at, flag)
        if method is not None:
            struct.pack_into("<H", data, offset + method_at, method)
        if size is not None:
            struct.pack_into("<I", data, offset + size_at, size)
    path.write_bytes(bytes(data))


def encrypted_zip(folder: Path) -> Path:
    """A member flagged as encrypted (zipfile asks for a password)."""
    path = snn_zip(folder, {"2015-07-21.json": [article()]})
    _patch_headers(path, "2015-07-21.json", flag=0x1)
    return path


def unsupported_method_zip(folder: Path) -> Path:
    """A member compressed with 'implode' (method 6), which Python cannot read."""
    path = snn_zip(folder, {"2015-07-21.json": [article()]}, compression=zipfile.ZIP_STORED)
    _patch_headers(path, "2015-07-21.json", method=6)
    return path


def corrupt_deflate_zip(folder: Path) -> Path:
    """A deflated member whose compressed bytes are garbage (zlib.error when read)."""
    path = snn_zip(folder, {"2015-07-21.json": [article()] * 50})
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("2015-07-21.json")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start:start + info.compress_size] = b"\xff" * info.compress_size
    path.write_bytes(bytes(data))
    return path


def lying_size_zip(folder: Path) -> Path:
    """A member whose headers claim 100 bytes but which expands to about 4 MB."""
    path = snn_zip(folder, {"2015-07-21.json": b"[" + b" " * (4 * 2**20) + b"]"})
    _patch_headers(path, "2015-07-21.json", size=100)
    return path


def bomb_zip(folder: Path, expanded: int, name: str = "2015-07-21.zip") -> Path:
    """A small zip whose one member expands to ``expanded`` bytes (of JSON white space)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive, \
            archive.open("2015-07-21.json", "w", force_zip64=True) as member:
        member.write(b"[")
        block = b" " * 2**20
        for _ in range(expanded // len(block)):
            member.write(block)
        member.write(b"]")
    return path


def invalid_utf8_parquet(path: Path) -> Path:
    """A Parquet file whose string pages hold bytes that are not UTF-8 (Arrow does not check
    them when writing from buffers, and another tool may have written them)."""
    texts = pa.array([GOOD.encode(), b"\xff\xfe broken", OTHER.encode()], type=pa.binary())
    authors = pa.array([b"a", b"b", b"\xd3\xe1\xc7\xe3"], type=pa.binary())
    table = pa.table({
        "id": ["a", "b", "c"],
        "text": pa.Array.from_buffers(pa.string(), 3, texts.buffers()),
        "author": pa.Array.from_buffers(pa.string(), 3, authors.buffers()),
    })
    pq.write_table(table, path)
    return path


def trec(*docs: str, before: str = "", between: str = "\n", after: str = "\n") -> str:
    """A TREC file holding ``docs`` (each the inside of a <DOC>)."""
    return before + between.join(f"<DOC>\n{d}\n</DOC>" for d in docs) + after


def trec_doc(docno: str, body: str, **fields: str) -> str:
    tags = "".join(f"<{k}>{v}</{k}>\n" for k, v in fields.items())
    return f"<DOCNO>{docno}</DOCNO>\n{tags}<TEXT>\n{body}\n</TEXT>"


def hostile_folder(folder: Path, outside: Path) -> Path:
    """A folder that exercises every check the loader applies, whichever path it streams
    through: a repeated doc_id, a Windows-1256 file, a file name that is not UTF-8, symbolic
    links out of the folder, a JSONL table with a column named like a kit column and a
    ``source`` the sidecar replaces, and a metadata.csv with a reserved column name, an
    ambiguous and an invalid date, a repeated row and a row without an article; enough
    articles of one source repeating a footer for ``boilerplate="auto"`` to adopt a rule."""
    write(folder / "a", "x.txt", GOOD)
    write(folder / "b", "x.txt", OTHER)  # the same doc_id (stem) again
    write(folder / "c", "old.txt", OTHER.encode("cp1256"))
    write(folder, CP1256_NAME, GOOD)
    write(outside, "secret.txt", GOOD)
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    rows = [{"text": f"{OTHER} {i}", "n_words": i, "source": "table"} for i in range(3)]
    write(folder, "t.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    from arcorpus.datasets import resampled_documents

    footer = "نشرة الشمال المسائية خدمة الأخبار المحلية"
    for i, doc in enumerate(resampled_documents(240, random_state=5)):
        if i == 30:
            break
        write(folder / "news", f"n{i:02d}.txt", f"{doc.text}\n{footer}")
    lines = ["doc_id,source,date,n_chars,url",
             "x,sabq,07/08/2015,1,http://a/1",
             "old,okaz,not a date,2,http://a/2",
             "old,okaz,2015-01-01,3,http://a/3",
             "t-000001,spa,2015-07-21,4,http://a/1",
             "nowhere,sabq,2015-07-21,5,http://a/5"]
    lines += [f"n{i:02d},news,2015-07-{1 + i % 28:02d},{i},http://n/{i}" for i in range(30)]
    write(folder, "metadata.csv", "\n".join(lines) + "\n")
    return folder
