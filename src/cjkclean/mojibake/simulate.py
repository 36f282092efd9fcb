"""Make mojibake on purpose, the way real tools make it (for tests and benchmarks).

A chain is written as in the explanations: the true encoding, then each wrong decoder in order;
between two layers the wrongly decoded text was stored as UTF-8.

>>> corrupt("发布", ["utf-8", "gbk"])
'鍙戝竷'
>>> corrupt("中文", ["gbk", "latin-1"])
'ÖÐÎÄ'
>>> corrupt("发布", ["utf-8", "gbk", "windows-1252"]).startswith("é")
True
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence

__all__ = ["CHAINS", "STRICT_CHAINS", "WRONG_DECODERS", "corrupt", "is_lossless"]

# How a tool decodes with each wrong codec: (Python codec, what an undecodable byte becomes).
WRONG_DECODERS: dict[str, str] = {
    "gbk": "cp936",  # Windows: 0x80 is €, user-defined pairs private use, other bytes U+FFFD
    "gbk-strict": "gbk",  # Python's gbk codec: every byte it rejects becomes U+FFFD
    # .NET and PowerShell: "?" for what they reject, and a lead byte takes the ASCII byte after it
    "gbk-question": "cp936-question",
    "gb18030": "gb18030",
    "big5": "cp950",
    "shift_jis": "cp932",
    "euc-jp": "euc_jp",
    "euc-kr": "cp949",
    "latin-1": "latin-1",
    "windows-1252": "browser-1252",  # the five undefined bytes become C1 controls
    "windows-1252-strict": "cp1252",  # undefined bytes become U+FFFD
}
_TRUE_ENCODERS: dict[str, str] = {
    "utf-8": "utf-8",
    "gbk": "gbk",
    "gb18030": "gb18030",
    "big5": "cp950",
    "shift_jis": "cp932",
    "euc-jp": "euc_jp",
    "euc-kr": "cp949",
}

CHAINS: tuple[tuple[str, ...], ...] = (
    ("utf-8", "gbk"),
    ("utf-8", "gb18030"),
    ("utf-8", "big5"),
    ("utf-8", "shift_jis"),
    ("utf-8", "euc-jp"),
    ("utf-8", "euc-kr"),
    ("utf-8", "latin-1"),
    ("utf-8", "windows-1252"),
    ("gbk", "latin-1"),
    ("gbk", "windows-1252"),
    ("big5", "latin-1"),
    ("big5", "windows-1252"),
    ("shift_jis", "windows-1252"),
    ("euc-jp", "latin-1"),
    ("euc-kr", "windows-1252"),
    ("gbk", "big5"),
    ("big5", "gbk"),
    ("shift_jis", "gbk"),
    ("euc-kr", "gbk"),
    ("utf-8", "gbk", "windows-1252"),
    ("utf-8", "gbk", "gbk"),
    ("utf-8", "windows-1252", "windows-1252"),
    ("gbk", "latin-1", "gbk"),
    ("utf-8", "gbk", "gbk", "windows-1252"),
)
"""The chains the benchmarks and property tests exercise."""

STRICT_CHAINS: tuple[tuple[str, ...], ...] = (
    ("utf-8", "gbk-strict"),
    ("big5", "gbk-strict"),
)
"""The same damage by Python's strict gbk codec (U+FFFD where Windows and browsers give private-use
characters): more bytes are lost."""


def _decode(data: bytes, wrong: str) -> str:
    codec = WRONG_DECODERS[wrong]
    if codec == "browser-1252":
        return "".join(
            bytes([b]).decode("cp1252", "strict")
            if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
            else chr(b)
            for b in data
        )
    if codec == "cp936":
        return data.decode("gbk", "cjkclean-cp936")
    if codec == "cp936-question":
        return data.decode("gbk", "cjkclean-cp936-question")
    return data.decode(codec, "replace")


def _cp936_errors(exc: UnicodeError) -> tuple[str, int]:
    """Windows code page 936 reads a lone 0x80 as the euro sign, and the pairs of its three
    user-defined areas (AAA1-AFFE, F8A1-FEFE, A140-A7A0) as private-use characters, as browsers'
    GBK decoder does too; Python's gbk rejects both (its gb18030 has the same private-use map)."""
    assert isinstance(exc, UnicodeDecodeError)
    data = exc.object
    if data[exc.start] == 0x80:
        return ("€", exc.start + 1)
    pair = data[exc.start : exc.start + 2]
    if len(pair) == 2 and 0x81 <= pair[0] <= 0xFE and pair[1] >= 0x40 and pair[1] != 0x7F:
        try:
            char = pair.decode("gb18030")
        except UnicodeDecodeError:
            char = ""
        if len(char) == 1 and 0xE000 <= ord(char) <= 0xF8FF:
            return (char, exc.start + 2)
    return ("\ufffd", exc.start + 1)


codecs.register_error("cjkclean-cp936", _cp936_errors)


def _cp936_question_errors(exc: UnicodeError) -> tuple[str, int]:
    """Code page 936 as .NET and PowerShell decode it: a lead byte followed by an ASCII byte
    that is no trail byte (below 0x40, or 0x7F) is one undecodable pair, which becomes one ``?``
    (the ASCII character is lost with it); any other byte it rejects becomes ``?`` alone."""
    assert isinstance(exc, UnicodeDecodeError)
    data = exc.object
    char, end = _cp936_errors(exc)
    if char != "\ufffd":
        return char, end
    pair = data[exc.start : exc.start + 2]
    if len(pair) == 2 and 0x81 <= pair[0] <= 0xFE and (pair[1] < 0x40 or pair[1] == 0x7F):
        return "?", exc.start + 2
    return "?", exc.start + 1


codecs.register_error("cjkclean-cp936-question", _cp936_question_errors)


def corrupt(text: str, chain: Sequence[str]) -> str:
    """Encode *text* in ``chain[0]`` and decode it with every later codec in turn.

    >>> corrupt("的 dict", ["utf-8", "gbk-question"])
    '鐨?dict'

    >>> corrupt("한국어", ["euc-kr", "windows-1252"])
    'ÇÑ±¹¾î'
    """
    if len(chain) < 2:
        raise ValueError("a chain names the true encoding and at least one wrong decoder")
    data = text.encode(_TRUE_ENCODERS[chain[0]])
    result = _decode(data, chain[1])
    for wrong in chain[2:]:
        result = _decode(result.encode("utf-8"), wrong)
    return result


def is_lossless(text: str, chain: Sequence[str]) -> bool:
    """Whether *text* survives *chain* with every byte recoverable (no U+FFFD appeared).

    >>> is_lossless("中", ["utf-8", "gbk"])
    False
    >>> is_lossless("中文", ["utf-8", "gbk"]), is_lossless("中文", ["utf-8", "gbk-strict"])
    (True, False)
    >>> is_lossless("发布", ["utf-8", "gbk"])
    True
    """
    try:
        text.encode(_TRUE_ENCODERS[chain[0]])
    except UnicodeEncodeError:
        return False
    if "\ufffd" in text:
        return False
    result = _decode(text.encode(_TRUE_ENCODERS[chain[0]]), chain[1])
    for wrong in chain[2:]:
        if "\ufffd" in result:
            return False
        result = _decode(result.encode("utf-8"), wrong)
    return "\ufffd" not in result
