"""Turn a file's bytes into text, saying which encoding was used, or fail naming the reason.

Detection order (when ``encoding="auto"``):

1. a byte-order mark: UTF-8 (``utf-8-sig``), UTF-16 LE/BE;
2. strict UTF-8;
3. UTF-16 without a BOM, recognised by NUL bytes in every other position of mostly-ASCII or
   mostly-Arabic text;
4. legacy Windows-1256 (common in Arabic news archives), accepted only when the decoded text is
   mostly Arabic letters and has no control characters, and the bytes are not mostly UTF-8
   Arabic pairs (``D8-DB`` + ``80-BF``): a French Latin-1 file, random bytes, or a UTF-8 file
   with one corrupt byte are rejected rather than silently turned into mojibake.

Why hand-written: general detectors (chardet, charset-normalizer) guess among dozens of codecs,
confuse Windows-1256 with other single-byte code pages on short texts, and cannot explain their
choice. Arabic news archives need exactly these four cases, decided by rules a user can read.
"""

from __future__ import annotations

import codecs
import re

from .errors import CorpusError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
_LATIN_OR_ARABIC_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F\u0621-\u064A\u0671-\u06D3]")
_CONTROL = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]")
_UTF8_ARABIC_PAIR = re.compile(rb"[\xD8-\xDB][\x80-\xBF]")
_HIGH_BYTE = re.compile(rb"[\x80-\xFF]")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even_nul = data[0::2].count(0) / (len(data) / 2)
    odd_nul = data[1::2].count(0) / (len(data) / 2)
    for codec, share in (("utf-16-le", odd_nul), ("utf-16-be", even_nul)):
        if share > 0.3 or _looks_like_utf16_arabic(data, codec):
            try:
                return codec if not _CONTROL.search(data.decode(codec)) else None
            except UnicodeDecodeError:
                return None
    return None


def _looks_like_utf16_arabic(data: bytes, codec: str) -> bool:
    # Arabic code points U+06xx: the high byte 0x06 in every other position.
    high = data[1::2] if codec == "utf-16-le" else data[0::2]
    return high.count(6) / max(1, len(high)) > 0.5


def _looks_like_cp1256_arabic(text: str) -> bool:
    if _CONTROL.search(text):
        return False
    letters = _LATIN_OR_ARABIC_LETTER.findall(text)
    if not letters:
        return False
    return len(_ARABIC_LETTER.findall(text)) / len(letters) >= 0.5


def decode_bytes(data: bytes, path: object, encoding: str = "auto") -> tuple[str, str]:
    """Decode ``data`` read from ``path``; return ``(text, encoding_used)``.

    Line ends are unified to ``\\n`` (CRLF and CR). Raises :class:`CorpusError` naming the file,
    the line and the reason for empty, binary or undecodable input.

    >>> decode_bytes("سلام\\r\\n".encode("cp1256"), "a.txt")
    ('سلام\\n', 'cp1256')
    """
    if not data.strip():
        raise CorpusError(path, "empty file" if not data else "file holds only white space")
    if encoding != "auto":
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise CorpusError(
                path,
                f"cannot decode as {encoding}: byte 0x{data[exc.start]:02x} at offset {exc.start}"
                " (pass another encoding=, or encoding='auto' to detect)",
                line=_line_of(data, exc.start),
            ) from None
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None
        return _unify_newlines(text.removeprefix("\ufeff")), encoding

    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _unify_newlines(data.decode(codec).removeprefix("\ufeff")), codec
            except UnicodeDecodeError as exc:
                raise CorpusError(path, f"starts with a {codec} byte-order mark but is not valid "
                                        f"{codec} (offset {exc.start})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        if "\x00" in text:
            codec = _utf16_without_bom(data)
            if codec:
                return _unify_newlines(data.decode(codec)), codec
            raise CorpusError(path, "binary file (NUL bytes): not a text article")
        return _unify_newlines(text), "utf-8"

    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec:
            return _unify_newlines(data.decode(codec)), codec
        raise CorpusError(path, "binary file (NUL bytes): not a text article")
    try:
        legacy = data.decode("cp1256")
    except UnicodeDecodeError:
        legacy = ""
    mostly_utf8 = (2 * len(_UTF8_ARABIC_PAIR.findall(data))
                   > 0.5 * len(_HIGH_BYTE.findall(data)))
    if legacy and not mostly_utf8 and _looks_like_cp1256_arabic(legacy):
        return _unify_newlines(legacy), "cp1256"
    bad = utf8_error.start
    raise CorpusError(
        path,
        f"not valid UTF-8 (byte 0x{data[bad]:02x} at offset {bad}) and not recognisable as "
        "UTF-16 or Windows-1256 Arabic text; pass encoding= if you know it",
        line=_line_of(data, bad),
    )


def _unify_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
