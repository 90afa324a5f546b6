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

*Ambiguity.* Bytes can be valid UTF-8 and also read as Windows-1256 Arabic: a short Persian or
Urdu text (``شک سگ رگ``) in Windows-1256 happens to be valid UTF-8 that reads as Cyrillic
(``Ԙ Ӑ ѐ``). Such a file is decoded as UTF-8 (the order above: UTF-8 is what a valid UTF-8
file most often is) and :attr:`Decoded.ambiguity` says so, showing both readings, so that the
loader reports it (kind ``ambiguous_encoding``) instead of guessing silently. It applies when
the UTF-8 reading has no Arabic letter and the Windows-1256 reading is Arabic text without the
symbols (€ ¸ ² µ ...) that Windows-1256 makes of UTF-8 Cyrillic, Greek or Hebrew.

Why hand-written: general detectors (chardet, charset-normalizer) guess among dozens of codecs,
confuse Windows-1256 with other single-byte code pages on short texts, and cannot explain their
choice. Arabic news archives need exactly these four cases, decided by rules a user can read.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

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
# Windows-1256 characters of the bytes 0x80-0xBF (UTF-8's continuation bytes) that Arabic text
# does not use: symbols such as € ¸ ² µ, which the Windows-1256 reading of UTF-8 Cyrillic,
# Greek or Hebrew is full of. Arabic-script letters and common punctuation are left out.
_COMMON_PUNCTUATION = ("\u00a0\u00ab\u00bb\u060c\u061b\u061f\u200c\u200d"  # NBSP « » ، ؛ ؟ ZWNJ ZWJ
                       "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026")  # – — ‘ ’ “ ” • …
_UNUSED_IN_ARABIC = re.compile("[" + re.escape("".join(
    c for c in bytes(range(0x80, 0xC0)).decode("cp1256")
    if not ("\u0600" <= c <= "\u06ff" or c in _COMMON_PUNCTUATION))) + "]")
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


class Decoded(NamedTuple):
    """A decoded file: the text, the codec used and, when the bytes also read as another
    plausible text, a sentence saying so (for the report)."""

    text: str
    encoding: str
    ambiguity: str | None = None


def decode_bytes(data: bytes, path: object, encoding: str = "auto") -> Decoded:
    """Decode ``data`` read from ``path``; return ``(text, encoding_used, ambiguity)``.

    Line ends are unified to ``\\n`` (CRLF and CR). Raises :class:`CorpusError` naming the file,
    the line and the reason for empty, binary or undecodable input.

    >>> decode_bytes("سلام\\r\\n".encode("cp1256"), "a.txt")
    Decoded(text='سلام\\n', encoding='cp1256', ambiguity=None)
    >>> decode_bytes("شک سگ رگ".encode("cp1256"), "b.txt").ambiguity[:82]
    "valid UTF-8 that reads 'Ԙ Ӑ ѐ', but also Windows-1256 Arabic that reads 'شک سگ رگ'"
    """
    if not data.strip():
        raise CorpusError(path, "empty file" if not data else "file holds only white space")
    decoded = _decode(data, path, encoding)
    if not decoded.text.strip():
        raise CorpusError(path, f"file holds only white space (in {decoded.encoding})")
    return decoded


def _decode(data: bytes, path: object, encoding: str) -> Decoded:
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
        return Decoded(_unify_newlines(text.removeprefix("\ufeff")), encoding)

    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_unify_newlines(data.decode(codec).removeprefix("\ufeff")), codec)
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
                return Decoded(_unify_newlines(data.decode(codec)), codec)
            raise CorpusError(path, "binary file (NUL bytes): not a text article")
        return Decoded(_unify_newlines(text), "utf-8", _utf8_ambiguity(data, text))

    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec:
            return Decoded(_unify_newlines(data.decode(codec)), codec)
        raise CorpusError(path, "binary file (NUL bytes): not a text article")
    try:
        legacy = data.decode("cp1256")
    except UnicodeDecodeError:
        legacy = ""
    mostly_utf8 = (2 * len(_UTF8_ARABIC_PAIR.findall(data))
                   > 0.5 * len(_HIGH_BYTE.findall(data)))
    if legacy and not mostly_utf8 and _looks_like_cp1256_arabic(legacy):
        return Decoded(_unify_newlines(legacy), "cp1256")
    bad = utf8_error.start
    raise CorpusError(
        path,
        f"not valid UTF-8 (byte 0x{data[bad]:02x} at offset {bad}) and not recognisable as "
        "UTF-16 or Windows-1256 Arabic text; pass encoding= if you know it",
        line=_line_of(data, bad),
    )


def _utf8_ambiguity(data: bytes, text: str) -> str | None:
    """Why valid UTF-8 ``data`` might rather be Windows-1256 Arabic, or None."""
    if data.isascii() or _ARABIC_LETTER.search(text):
        return None
    try:
        legacy = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    if not _looks_like_cp1256_arabic(legacy) or _UNUSED_IN_ARABIC.search(legacy):
        return None
    return (f"valid UTF-8 that reads {_excerpt(text)!r}, but also Windows-1256 Arabic that reads "
            f"{_excerpt(legacy)!r}; decoded as UTF-8 (pass encoding='cp1256' if that reading "
            "is right)")


def _excerpt(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size] + "…"


def _unify_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
