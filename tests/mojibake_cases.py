"""Loader and codec-chain helpers for the mojibake test corpus in ``corpora/mojibake/``.

The corpus files are described in ``corpora/mojibake/README.md``.  This module only reads them and
knows how to replay a *codec chain*; it never imports ``cjkclean``, so the corpus can be validated
independently of the engine.

A chain is a list ``[true_encoding, wrong_decoder_1, wrong_decoder_2, ...]``: the text was encoded
with ``true_encoding``, decoded with ``wrong_decoder_1``; for each further layer the wrongly decoded
text was stored as UTF-8 and decoded again with the next wrong decoder.

>>> corrupt("我们", ["utf-8", "gbk"])
'鎴戜滑'
>>> reverse("鎴戜滑", ["utf-8", "gbk"])
'我们'
>>> reverse("æ‰€æœ‰", ["utf-8", "windows-1252"])
'所有'

Usage from a test (the ``tests`` folder is not a package)::

    import mojibake_cases            # with tests/ on sys.path
    for case in mojibake_cases.wild_cases():
        ...
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252" and friends)

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpora" / "mojibake"

Case = dict[str, Any]

#: Characters a lossy decoder leaves where bytes were lost: U+FFFD (Python, Java, browsers),
#: ``?`` (Windows ``MultiByteToWideChar`` / .NET / PowerShell) and ``・`` (Windows CP932).
LOSS_MARKS = "\ufffd?\u30fb"

# Codecs decoded two bytes at a time, whose real-world (Windows / Java) decoders swallow the byte
# after an invalid lead byte, unlike Python's, which re-reads it.
_DBCS = {
    "windows-936",
    "gbk",
    "gb2312",
    "gb18030",
    "big5",
    "cp950",
    "big5hkscs",
    "shift_jis",
    "cp932",
    "euc_jp",
    "euc_kr",
    "cp949",
}


# --- the one codec Python does not have --------------------------------------------------------


def _decode_windows_936(data: bytes, errors: str = "strict") -> str:
    """Decode like Windows code page 936: GBK, plus 0x80 = € and the user-defined areas as PUA.

    >>> _decode_windows_936(b"\\xe6\\x89\\x80")
    '鎵€'
    >>> _decode_windows_936(b"\\xaa\\xa1")
    '\\ue000'
    """
    out: list[str] = []
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if b == 0x80:
            out.append("\u20ac")
            i += 1
            continue
        pair = data[i : i + 2]
        if len(pair) == 2 and b != 0xFF:
            for codec in ("gbk", "gb18030"):
                try:
                    ch = pair.decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(ch) == 1:
                    out.append(ch)
                    break
            else:
                ch = ""
            if ch:
                i += 2
                continue
        if errors == "strict":
            raise UnicodeDecodeError("windows-936", data, i, i + 1, "invalid CP936 sequence")
        out.append("\ufffd")
        i += 1
    return "".join(out)


def _encode_windows_936(text: str, errors: str = "strict") -> bytes:
    """Encode like Windows code page 936 (see :func:`_decode_windows_936`).

    >>> _encode_windows_936("所€")
    b'\\xcb\\xf9\\x80'
    """
    out = bytearray()
    for pos, ch in enumerate(text):
        if ch == "\u20ac":
            out.append(0x80)
            continue
        try:
            out += ch.encode("gbk")
            continue
        except UnicodeEncodeError:
            pass
        try:
            enc = ch.encode("gb18030")
        except UnicodeEncodeError:
            enc = b""
        if len(enc) == 2:
            out += enc
        elif errors == "strict":
            raise UnicodeEncodeError("windows-936", text, pos, pos + 1, "not in CP936")
        else:
            out += b"?"
    return bytes(out)


_CUSTOM_DECODERS: dict[str, Callable[[bytes, str], str]] = {"windows-936": _decode_windows_936}
_CUSTOM_ENCODERS: dict[str, Callable[[str, str], bytes]] = {"windows-936": _encode_windows_936}


def codec_name(name: str) -> str:
    """Normalise a codec name from a chain (custom names are kept as they are).

    >>> codec_name("CP936"), codec_name("windows-936"), codec_name("latin1")
    ('gbk', 'windows-936', 'iso8859-1')
    """
    key = name.lower()
    if key in _CUSTOM_DECODERS:
        return key
    return codecs.lookup(key).name


def decode(data: bytes, codec: str, errors: str = "strict") -> str:
    """Decode ``data`` with a chain codec (Python codecs, ftfy's sloppy ones, ``windows-936``).

    >>> decode(b"\\xd6\\xd0", "latin-1")
    'ÖÐ'
    """
    key = codec.lower()
    if key in _CUSTOM_DECODERS:
        return _CUSTOM_DECODERS[key](data, errors)
    return data.decode(key, errors)


def encode(text: str, codec: str, errors: str = "strict") -> bytes:
    """Encode ``text`` with a chain codec.

    >>> encode("ÖÐ", "latin-1")
    b'\\xd6\\xd0'
    """
    key = codec.lower()
    if key in _CUSTOM_ENCODERS:
        return _CUSTOM_ENCODERS[key](text, errors)
    return text.encode(key, errors)


@cache
def _is_lead_byte(byte: int, codec: str) -> bool:
    """Whether ``byte`` starts some two-byte character of ``codec``.

    >>> _is_lead_byte(0x83, "gbk"), _is_lead_byte(0x80, "cp949")
    (True, False)
    """
    for trail in range(0x40, 0xFF):
        try:
            decode(bytes((byte, trail)), codec)
        except UnicodeDecodeError:
            continue
        return True
    return False


def decode_like_windows(data: bytes, codec: str, mark: str = "?") -> str:
    """Lossy decode the way Windows/.NET double-byte decoders do: an undecodable lead byte and the
    byte after it (even ASCII such as a quote or a newline) become one ``mark``.

    >>> decode_like_windows(b"\\xe5\\xb8\\x83 |", "gbk")
    '甯?|'
    """
    out: list[str] = []
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        decoded = False
        for size in (1, 2, 3, 4):
            chunk = data[i : i + size]
            if len(chunk) < size:
                break
            try:
                out.append(decode(chunk, codec))
            except UnicodeDecodeError:
                continue
            i += size
            decoded = True
            break
        if not decoded:
            # A lead byte takes the next byte with it; a byte that starts no character goes alone.
            out.append(mark)
            i += 2 if _is_lead_byte(b, codec) else 1
    return "".join(out)


#: The codec *family* of each chain codec name, as the engine names layers (``utf-8>gbk`` etc.).
FAMILIES = {
    "utf-8": "utf-8",
    "windows-936": "gbk",
    "gbk": "gbk",
    "gb2312": "gbk",
    "gb18030": "gbk",
    "big5": "big5",
    "cp950": "big5",
    "big5hkscs": "big5",
    "shift_jis": "shift_jis",
    "cp932": "shift_jis",
    "euc_jp": "euc-jp",
    "euc_kr": "euc-kr",
    "cp949": "euc-kr",
    "iso8859-1": "windows-1252",
    "cp1252": "windows-1252",
    "sloppy-windows-1252": "windows-1252",
}


def family_chain(chain: Sequence[str]) -> list[str]:
    """Map a chain's exact codecs to codec families (unknown codecs are kept as they are).

    >>> family_chain(["utf-8", "windows-936", "sloppy-windows-1252"])
    ['utf-8', 'gbk', 'windows-1252']
    >>> family_chain(["euc_kr", "latin-1"])
    ['euc-kr', 'windows-1252']
    """
    out = []
    for codec in chain:
        try:
            name = codec_name(codec)
        except LookupError:
            name = codec
        out.append(FAMILIES.get(name, name))
    return out


# --- chains ------------------------------------------------------------------------------------


def corrupt(text: str, chain: Sequence[str], errors: str = "strict", windows: bool = False) -> str:
    """Apply a chain to clean ``text``: the mojibake a reader of the last layer would see.

    ``errors="replace"`` simulates lossy decoders; with ``windows=True`` double-byte decoders
    behave like Windows (see :func:`decode_like_windows`).

    >>> corrupt("我们", ["utf-8", "gbk", "gbk"], errors="replace")
    '閹存垳婊�'
    >>> corrupt("你好！", ["utf-8", "gbk"], errors="replace", windows=True)
    '浣犲ソ锛?'
    """
    if len(chain) < 2:
        raise ValueError(f"a chain needs a true encoding and at least one decoder: {chain!r}")
    data = encode(text, chain[0])
    out = ""
    for layer, wrong in enumerate(chain[1:]):
        if layer:
            data = out.encode("utf-8")
        if errors != "strict" and windows and codec_name(wrong) in _DBCS | {"windows-936"}:
            mark = "\u30fb" if codec_name(wrong) in ("cp932", "shift_jis") else "?"
            out = decode_like_windows(data, wrong, mark)
        else:
            out = decode(data, wrong, errors)
    return out


def reverse(text: str, chain: Sequence[str], errors: str = "strict") -> str:
    """Undo a chain: re-encode with each wrong decoder, outermost first, and decode correctly.

    >>> reverse("ÎÒÃÇ", ["gbk", "latin-1"])
    '我们'
    """
    if len(chain) < 2:
        raise ValueError(f"a chain needs a true encoding and at least one decoder: {chain!r}")
    out = text
    for wrong in reversed(chain[2:]):
        out = encode(out, wrong, errors).decode("utf-8", errors)
    return decode(encode(out, chain[1], errors), chain[0], errors)


def _marks_to_pattern(corrupted: str) -> re.Pattern[str]:
    """A regex matching ``corrupted`` where each run of loss marks may be any run of marks, and
    the character after it may have been swallowed."""
    parts: list[str] = []
    i, n = 0, len(corrupted)
    mark_class = "[" + re.escape(LOSS_MARKS) + "]"
    while i < n:
        if corrupted[i] in LOSS_MARKS:
            while i < n and corrupted[i] in LOSS_MARKS:
                i += 1
            parts.append(mark_class + "*")
            if i < n:
                parts.append("(?:" + re.escape(corrupted[i]) + ")?")
                i += 1
            continue
        parts.append(re.escape(corrupted[i]))
        i += 1
    return re.compile("".join(parts), re.DOTALL)


_C1_DELETE = dict.fromkeys(range(0x80, 0xA0))


def lossy_consistent(garbled: str, expected: str, chain: Sequence[str]) -> bool:
    """True when corrupting ``expected`` through ``chain`` with a lossy decoder gives ``garbled``,
    allowing for the different loss marks and for one swallowed character after each loss.

    >>> lossy_consistent("浣犲ソ锛?);", '你好！");', ["utf-8", "windows-936"])
    True
    >>> lossy_consistent("浣犲ソ锛?);", '你坏！");', ["utf-8", "windows-936"])
    False
    >>> lossy_consistent("å¾çè´¨é", "图片质量", ["utf-8", "latin-1"])  # C1 controls stripped
    True
    """
    for windows in (True, False):
        try:
            forward = corrupt(expected, chain, errors="replace", windows=windows)
        except (UnicodeError, LookupError):
            continue
        # Java's GBK decoder loses 0x80 where Windows CP936 gives a euro sign; many tools strip
        # the C1 controls a Latin-1 decoder makes of bytes 0x80-0x9F.
        variants = {
            forward,
            forward.replace("\u20ac", "\ufffd"),
            forward.translate(_C1_DELETE),
        }
        for variant in variants:
            if _marks_to_pattern(variant).fullmatch(garbled):
                return True
    return False


# --- loading -----------------------------------------------------------------------------------


@cache
def _load_payload(name: str) -> dict[str, Any]:
    """The whole JSON document of a corpus file (a bare list becomes ``{"cases": [...]}``)."""
    path = CORPUS_DIR / name
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if isinstance(data, list):
        return {"cases": data}
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise ValueError(f"{path}: expected a list of cases or an object with 'cases'")
    return data


def _load(name: str) -> tuple[Case, ...]:
    return tuple(_load_payload(name)["cases"])


def load_cases(name: str) -> list[Case]:
    """All cases of one corpus file (``wild.json``, ``synthetic.json``, ...), as fresh dicts.

    >>> len(load_cases("wild.json")) > 0
    True
    """
    return [dict(case) for case in _load(name)]


def wild_cases(include_unverified: bool = False) -> list[Case]:
    """Real mojibake found in public material; unverified ones (``expected`` null) are skipped
    unless asked for.

    >>> all(c["expected"] is not None for c in wild_cases())
    True
    """
    return [c for c in load_cases("wild.json") if include_unverified or c["expected"] is not None]


def synthetic_cases(chain: Sequence[str] | None = None, lossy: bool | None = None) -> list[Case]:
    """Generated cases, optionally only one chain and/or only (non-)lossy ones.

    >>> all(c["chain"] == ["utf-8", "gbk"] for c in synthetic_cases(["utf-8", "gbk"]))
    True
    """
    return [
        c
        for c in load_cases("synthetic.json")
        if (chain is None or c["chain"] == list(chain)) and (lossy is None or c["lossy"] == lossy)
    ]


def known_failure(case: Case) -> str | None:
    """The reason a case is a known failure of the engine (``"known_failure"`` field), or None.

    Tests should mark such cases ``pytest.mark.xfail(reason=..., strict=True)``.

    >>> known_failure({"id": "x", "known_failure": "needs a bigger model"})
    'needs a bigger model'
    >>> known_failure({"id": "y"}) is None
    True
    """
    reason = case.get("known_failure")
    return str(reason) if reason else None


def negative_lines() -> list[str]:
    """Clean lines that a mojibake fixer must leave exactly as they are.

    >>> "café 咖啡" in negative_lines()
    True
    """
    return [c["text"] for c in load_cases("negative.json")]


def negative_cases() -> list[Case]:
    """Clean lines with their ids, kinds and sources (see :func:`negative_lines`)."""
    return load_cases("negative.json")


def latin_cases() -> list[Case]:
    """Latin-script mojibake that must be repaired as Latin, never into CJK.

    >>> any(c["expected"] == "Español" for c in latin_cases())
    True
    """
    return load_cases("latin.json")


def ftfy_cases(only_fix_encoding_passes: bool = False) -> list[Case]:
    """ftfy's own test cases (Apache-2.0 data, see the README), optionally only those that
    ``ftfy.fix_encoding`` itself repairs exactly.

    >>> len(ftfy_cases()) > 100
    True
    """
    cases = load_cases("ftfy_cases.json")
    if only_fix_encoding_passes:
        cases = [c for c in cases if c.get("ftfy_fix_encoding_passes")]
    return cases
