"""Codecs as real decoders behave, and the layers of damage they cause.

A :class:`Layer` is one wrong decoding: bytes written in ``true`` were read with ``wrong``. To undo
it we need the bytes back from the wrongly decoded text, which means encoding with ``wrong`` the way
the *tool that did the damage* decoded, not only the way Python's codec does:

* Windows code page 936 maps byte 0x80 to ``€`` and its user-defined areas to private-use
  characters; Python's ``gbk`` rejects both (its ``gb18030`` knows the private-use ones).
* Browsers decode "windows-1252" with the five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) as C1
  controls, so every byte survives; the strict codec turns them into U+FFFD.
* A byte the wrong decoder could not map became U+FFFD (or ``?``): a *wildcard*, one lost byte that
  the repair may be able to infer.

>>> LAYERS_BY_NAME["utf-8>gbk"].reverse("鍙戝竷")
'发布'
>>> LAYERS_BY_NAME["gbk>windows-1252"].reverse("ÖÐÎÄ")
'中文'
"""

from __future__ import annotations

import bisect
import codecs
import functools
import heapq
import itertools
import re
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .model import context_log_probability, log_probability, off_script, script_leaning

__all__ = [
    "LAYERS",
    "LAYERS_BY_NAME",
    "WILDCARD",
    "Candidate",
    "Layer",
    "common_affixes",
    "extra_clues",
]

WILDCARD = -1
"""Stands, in an encoded byte list, for one byte the wrong decoder lost (U+FFFD or ``?``)."""

# How each wrongly-decoding tool is undone: Python codecs tried in order for one character.
_WRONG_ENCODERS: dict[str, tuple[str, ...]] = {
    "gbk": ("gbk", "gb18030"),
    "big5": ("cp950", "big5hkscs"),
    "shift_jis": ("cp932", "shift_jis"),
    "euc-jp": ("euc_jp",),
    "euc-kr": ("cp949",),
    # Windows-1254 (Turkish) differs from Windows-1252 in six letters only (Ğ İ Ş ğ ı ş for
    # Ð Ý Þ ð ý þ): a Turkish Windows reads Shift_JIS as ``ƒtƒ@ƒCƒ‹‚ğ``, undone by the same layer.
    "windows-1252": ("cp1252", "latin-1", "cp1254"),
}
# Extra characters real decoders produce that Python's codecs do not encode back.
_WRONG_EXTRAS: dict[str, dict[str, bytes]] = {
    "gbk": {"€": b"\x80"},
}
# How the true encoding is decoded once its bytes are back (supersets first).
_TRUE_DECODERS: dict[str, tuple[str, ...]] = {
    "utf-8": ("utf-8",),
    "gbk": ("gb18030",),
    "big5": ("cp950", "big5hkscs"),
    "shift_jis": ("cp932",),
    "euc-jp": ("euc_jp",),
    "euc-kr": ("cp949",),
}

_BARRIER = 0xFF

# Stretches of bytes that look like text in each true encoding: at least one multi-byte sequence,
# then any mix of ASCII and multi-byte sequences. The strict decode afterwards is the judge.
_MULTIBYTE: dict[str, bytes] = {
    "utf-8": rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}",
    "gbk": rb"[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe][\x40-\x7e\x80-\xfe]",
    "big5": rb"[\x81-\xfe][\x40-\x7e\xa1-\xfe]",
    "shift_jis": rb"[\x81-\x9f\xe0-\xfc][\x40-\x7e\x80-\xfc]|[\xa1-\xdf]",
    "euc-jp": rb"\x8f[\xa1-\xfe]{2}|\x8e[\xa1-\xdf]|[\xa1-\xfe]{2}",
    "euc-kr": rb"[\x81-\xfe][\x41-\x5a\x61-\x7a\x81-\xfe]",
}
# Characters each wrong decoder makes out of non-ASCII bytes (a superset is fine: it only skips).
_SINGLE_BYTE_OUTPUT = (
    "[\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\ufffd"
    "\u011e\u011f\u0130\u0131\u015e\u015f]"
)
_PRODUCED: dict[str, re.Pattern[str]] = {
    name: re.compile(_SINGLE_BYTE_OUTPUT if name == "windows-1252" else "[^\x00-\x7f]")
    for name in _WRONG_ENCODERS
}
_STRETCH: dict[str, re.Pattern[bytes]] = {
    name: re.compile(rb"(?:%s)(?:[\x00-\x7f]|%s)*" % (pattern, pattern))
    for name, pattern in _MULTIBYTE.items()
}
_errors = threading.local()


def _record_error(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _errors.spans.append((exc.start, exc.end))
    return ("\ufffd", exc.end)


codecs.register_error("cjkclean-record", _record_error)


@functools.cache
def _encoder_cache(wrong: str) -> dict[str, tuple[int, ...] | None]:
    return {}


def _encode_char(wrong: str, char: str) -> tuple[int, ...] | None:
    """The bytes *wrong* turned into *char*, or None when it never produces it."""
    cache = _encoder_cache(wrong)
    try:
        return cache[char]
    except KeyError:
        pass
    result: tuple[int, ...] | None = None
    if char == "\ufffd":
        result = (WILDCARD,)
    elif char in _WRONG_EXTRAS.get(wrong, {}):
        result = tuple(_WRONG_EXTRAS[wrong][char])
    else:
        for name in _WRONG_ENCODERS[wrong]:
            try:
                result = tuple(char.encode(name))
                break
            except UnicodeEncodeError:
                continue
    cache[char] = result
    return result


@functools.cache
def _undo_tables(wrong: str) -> tuple[dict[str, bytes], dict[str, int]]:
    return {}, {}


@functools.lru_cache(maxsize=64)
def _undo(wrong: str, text: str) -> tuple[bytes, list[int]]:
    """The bytes *wrong* made *text* from, and where each character starts in them (the total
    at the end).

    A character the wrong decoder never makes, or makes only from a lost byte, becomes a barrier
    byte that no true encoding accepts, and counts as one byte. Each character is looked up once
    per process, so a text costs one dictionary lookup per character; the layers with the same
    wrong decoder share the result (cached: the caller must not change the list).

    >>> raw, offsets = _undo("gbk", "a鍙戝")
    >>> raw.hex(" "), offsets
    ('61 e5 8f 91 e5', [0, 1, 3, 5])
    """
    raw_table, length_table = _undo_tables(wrong)
    try:
        raw = b"".join(map(raw_table.__getitem__, text))
    except KeyError:
        for char in set(text).difference(raw_table):
            got = _encode_char(wrong, char)
            try:
                raw_table[char] = char.encode(_WRONG_ENCODERS[wrong][0])
            except UnicodeEncodeError:
                barrier = got is None or WILDCARD in got
                raw_table[char] = bytes((_BARRIER,)) if barrier else bytes(got or ())
            length_table[char] = 1 if got is None else len(got)
        raw = b"".join(map(raw_table.__getitem__, text))
    offsets = list(itertools.accumulate(map(length_table.__getitem__, text), initial=0))
    return raw, offsets


@functools.cache
def _duplicates(wrong: str) -> dict[str, tuple[bytes, ...]]:
    """Characters the wrong decoder makes from more than one pair of bytes, with every pair.

    Code page 932 holds NEC's row 13 symbols twice (≡ is 81 DF and 87 91) and IBM's kanji twice;
    encoding gives back one pair only, and the other may be what was written.

    >>> _duplicates("shift_jis")["≡"]
    (b'\\x81\\xdf', b'\\x87\\x91')
    """
    codec = _WRONG_ENCODERS[wrong][0]
    pairs: dict[str, list[bytes]] = {}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            data = bytes((lead, trail))
            try:
                char = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if len(char) == 1:
                pairs.setdefault(char, []).append(data)
    return {char: tuple(found) for char, found in pairs.items() if len(found) > 1}


def _utf8_alternatives(
    wrong: str, text: str, raw: bytes, boundaries: list[int] | None = None
) -> bytes:
    """*raw* (the bytes *wrong* made *text* from), where a character the wrong decoder makes from
    two pairs of bytes takes the pair that reads as UTF-8 with the fewest errors around it.

    UTF-8 ``金`` is E9 87 91; read as Shift_JIS after a byte that pairs with E9, 87 91 is ``≡``,
    which encodes back as 81 DF. Same-length pairs only, so the character offsets hold.

    >>> _utf8_alternatives("shift_jis", "朱≡", bytes.fromhex("8ee981df")).hex(" ")
    '8e e9 87 91'
    """
    duplicates = _duplicates(wrong) if wrong in ("shift_jis", "big5") else {}
    if not duplicates or duplicates.keys().isdisjoint(text):
        return raw
    if boundaries is None:
        boundaries = [0]
        for char in text:
            got = _encode_char(wrong, char)
            boundaries.append(boundaries[-1] + (1 if got is None else len(got)))
    data = bytearray(raw)
    for index, char in enumerate(text):
        options = duplicates.get(char)
        start = boundaries[index]
        if options is None or bytes(data[start : start + 2]) not in options:
            continue
        low, high = max(0, start - 3), start + 5

        def errors(pair: bytes, start: int = start, low: int = low, high: int = high) -> int:
            window = bytes(data[low:start]) + pair + bytes(data[start + 2 : high])
            return window.decode("utf-8", "replace").count("\ufffd")

        best = min(options, key=errors)
        if errors(best) < errors(bytes(data[start : start + 2])):
            data[start : start + 2] = best
    return bytes(data)


@functools.cache
def _hkscs_pairs() -> tuple[dict[str, bytes], frozenset[str]]:
    """The characters Big5-HKSCS writes with another pair than CP950 does, with its pair (259:
    kana and Cyrillic in rows C6-C7, a few symbols in rows A1-A2); and the characters of the
    Basic Multilingual Plane that only Big5-HKSCS has.

    >>> pairs, only = _hkscs_pairs()
    >>> pairs["ワ"].hex(), "ワ".encode("cp950").hex(), "⻌" in only, "中" in only
    ('c7eb', 'c7a9', True, False)
    """
    pairs = {}
    only = set()
    for lead in range(0x81, 0xFF):
        for trail in itertools.chain(range(0x40, 0x7F), range(0xA1, 0xFF)):
            try:
                char = bytes((lead, trail)).decode("big5hkscs")
            except UnicodeDecodeError:
                continue
            if len(char) != 1 or char.isascii() or ord(char) > 0xFFFF:
                continue
            try:
                ours = char.encode("cp950")
            except UnicodeEncodeError:
                only.add(char)
                continue
            theirs = char.encode("big5hkscs")
            if ours != theirs:
                pairs[char] = theirs
    return pairs, frozenset(only)


@dataclass(frozen=True)
class Candidate:
    """A reading of ``text[start:end]`` as bytes of the true encoding."""

    start: int
    end: int
    repaired: str
    lossy: bool
    words: tuple[Candidate, ...] = ()
    """The same reading cut at spaces, word by word (empty when it has no spaces)."""


@dataclass(frozen=True)
class Layer:
    """Bytes in ``true`` encoding that were decoded as ``wrong``.

    >>> Layer("utf-8", "windows-1252").reverse("ä¸­æ–‡")
    '中文'
    """

    true: str
    wrong: str

    @property
    def name(self) -> str:
        return f"{self.true}>{self.wrong}"

    def may_have_produced(self, text: str) -> bool:
        """A cheap test: does *text* hold characters the wrong decoder makes from high bytes?

        >>> Layer("gbk", "windows-1252").may_have_produced("鍙戝竷")
        False
        """
        return _PRODUCED[self.wrong].search(text) is not None

    def decode_true(self, data: bytes) -> str:
        """Decode *data* strictly in the true encoding (``UnicodeDecodeError`` if it cannot)."""
        error: UnicodeDecodeError | None = None
        for name in _TRUE_DECODERS[self.true]:
            try:
                return data.decode(name)
            except UnicodeDecodeError as exc:
                error = exc
        assert error is not None
        raise error

    def reverse(self, text: str) -> str | None:
        """Undo this layer on the whole of *text*; None if *text* cannot be its output.

        >>> Layer("utf-8", "gbk").reverse("中文") is None
        True
        """
        encoded: list[int] = []
        for char in text:
            got = _encode_char(self.wrong, char)
            if got is None or WILDCARD in got:
                return None
            encoded.extend(got)
        data = bytes(encoded)
        if self.true == "utf-8":
            data = _utf8_alternatives(self.wrong, text, data)
        try:
            return self._other_big5(text, self.decode_true(data))
        except UnicodeDecodeError:
            return None

    def _other_big5(self, damaged: str, repaired: str) -> str:
        """*repaired*, or, when *damaged* was read by a Big5-HKSCS decoder, its reading with the
        pairs Big5-HKSCS gives the characters CP950 writes otherwise.

        CP950 (Windows, Python) and Big5-HKSCS (browsers' "Big5", Java) put the kana and the
        Cyrillic letters of rows C6-C7 at different pairs, which are common Han in GBK: GBK's
        请 (C7 EB) read by an HKSCS decoder is ワ, which CP950 writes C7 A9 (签). The model
        cannot tell 请 from 签; the decoder can: a text that holds a character only HKSCS makes
        (⻌, GBK's 入 read that way) was read by HKSCS, and its other characters were too.

        >>> LAYERS_BY_NAME["gbk>big5"].reverse("怀⻌ワ潰脤")
        '输入请检查'
        >>> LAYERS_BY_NAME["gbk>big5"].reverse("ワ彶")
        '签收'
        """
        if self.wrong != "big5" or self.true == "utf-8" or "\ufffd" in damaged:
            return repaired  # (a lost byte was guessed by a reading of CP950's pairs)
        pairs, only = _hkscs_pairs()
        if pairs.keys().isdisjoint(damaged) or only.isdisjoint(damaged):
            return repaired
        data = b"".join(
            pairs.get(char) or bytes(_encode_char("big5", char) or ()) for char in damaged
        )
        try:
            return self.decode_true(data)
        except UnicodeDecodeError:
            return repaired

    def candidates(
        self, text: str, min_bytes: int = 0, touching: re.Pattern[str] | None = None
    ) -> Iterator[Candidate]:
        """Every maximal span of *text* that reads as valid bytes of the true encoding.

        Spans start and end on character boundaries of *text*; a span whose repair equals the
        original is not yielded. Wildcards (lost bytes) are filled in by :func:`_fill_wildcards`.
        With *min_bytes*, a stretch of fewer bytes is not read (unless bytes were lost): the
        short search of text that looks damaged everywhere. With *touching*, a stretch where the
        pattern finds nothing is not read (the caller only wants readings that change a clue).

        >>> [c.repaired for c in Layer("utf-8", "gbk").candidates("文件鍙戝竷了")]
        ['发布']
        >>> [c.repaired for c in Layer("utf-8", "gbk").candidates("文件鍙戝竷了", min_bytes=9)]
        []
        """
        if any(self._fillable(text, m.start()) for m in _MARK.finditer(text)):
            yield from self._candidates_with_wildcards(text)
            return
        # Fast path: the bytes from a table lookup per character, and one bytes regex for
        # stretches of multi-byte sequences.
        raw, boundaries = _undo(self.wrong, text)
        if self.true == "utf-8":
            raw = _utf8_alternatives(self.wrong, text, raw, boundaries)
        intervals = [m.span() for m in _STRETCH[self.true].finditer(raw) if len(m[0]) >= min_bytes]
        for low, high in intervals:
            if touching is not None and not touching.search(
                text, bisect.bisect_left(boundaries, low), bisect.bisect_right(boundaries, high)
            ):
                continue
            yield from self._span(text, 0, raw, boundaries, low, high, False)

    def _fillable(self, text: str, index: int) -> bool:
        """Whether the loss mark at *index* may be bytes this layer's wrong decoder lost: a
        neighbour must be a character it produces from a multi-byte or high byte."""
        if (self.true, self.wrong) not in _FILLED_LAYERS or not is_loss_mark(text, index):
            return False
        for near in (text[index - 1 : index], text[index + 1 : index + 2]):
            if near and near not in LOSS_MARKS:
                got = _encode_char(self.wrong, near)
                if got is not None and max(got) >= 0x80:
                    return True
        return False

    def _candidates_with_wildcards(self, text: str) -> Iterator[Candidate]:
        chunks: list[bytes | None] = []
        marks = [index for index in range(len(text)) if is_loss_mark(text, index)]
        swallowed: dict[int, bytes] = {}
        if self.wrong in _SWALLOWING_DECODERS and len(marks) <= MAX_LOSSES:
            for index in marks:
                character = swallowed_character(text, index)
                if character:
                    swallowed[index] = character.encode()
        lost = set(marks)
        for index, char in enumerate(text):
            if index in lost:
                chunks.append(None)
                continue
            got = _encode_char(self.wrong, char)
            chunks.append(bytes((_BARRIER,)) if got is None else bytes(got))
        lossy = True
        marked_with = "".join(sorted({text[index] for index in marks}))
        decoders = losing_decoders(self.wrong, text, marked_with)
        if self.true == "utf-8":
            filled = _fill_utf8(chunks, swallowed, decoders)
        else:
            filled = _fill_double_byte(chunks, self.true, decoders)
        if filled is None:
            # Cannot infer the lost bytes: 0xFF is invalid in every true encoding here, so the
            # loss splits the text and the readings around it are still tried.
            filled = [bytes((_BARRIER,)) if c is None else c for c in chunks]
            lossy = False
        boundaries = [0]
        for chunk in filled:
            boundaries.append(boundaries[-1] + len(chunk))
        raw = b"".join(filled)
        bad = _decode_errors(raw, _TRUE_DECODERS[self.true][0])
        for low, high in _valid_intervals(raw, bad):
            yield from self._span(text, 0, raw, boundaries, low, high, lossy)

    def _span(
        self,
        text: str,
        first: int,
        raw: bytes,
        boundaries: list[int],
        low: int,
        high: int,
        lossy: bool,
    ) -> Iterator[Candidate]:
        # Snap [low, high) inward to character boundaries of the wrongly decoded text.
        start = bisect.bisect_left(boundaries, low)
        end = bisect.bisect_right(boundaries, high) - 1
        if end <= start:
            return
        chunk = raw[boundaries[start] : boundaries[end]]
        if chunk.isascii():
            return
        try:
            repaired = self._other_big5(text[first + start : first + end], self.decode_true(chunk))
        except UnicodeDecodeError:
            # The stretch looked right but holds an undefined sequence: read its valid parts.
            offset = boundaries[start]
            for sub_low, sub_high in _valid_intervals(
                chunk, _decode_errors(chunk, _TRUE_DECODERS[self.true][0])
            ):
                if (sub_low, sub_high) != (0, len(chunk)):
                    yield from self._span(
                        text, first, raw, boundaries, offset + sub_low, offset + sub_high, lossy
                    )
            return
        original = text[first + start : first + end]
        if repaired == original:
            return
        # Trim what the repair leaves as it was, so a step covers only what changed.
        head, tail = common_affixes(original, repaired)
        before = original[head : len(original) - tail]
        after = repaired[head : len(repaired) - tail]
        offset = first + start + head
        before_words = before.split(" ")
        after_words = after.split(" ")
        parts: list[Candidate] = []
        if 1 < len(before_words) == len(after_words):
            # Words between spaces can also be judged one by one: two damages in one stretch
            # need not be the same damage ("EspaÃ±ol ÖÐÎÄ").
            position = offset
            for old_word, new_word in zip(before_words, after_words, strict=True):
                if old_word != new_word:
                    parts.append(Candidate(position, position + len(old_word), new_word, lossy))
                position += len(old_word) + 1
        yield Candidate(offset, offset + len(before), after, lossy, tuple(parts))


def common_affixes(before: str, after: str) -> tuple[int, int]:
    """Lengths of the common prefix and (non-overlapping) common suffix of two strings.

    >>> common_affixes("a鍙戝竷b", "a发布b")
    (1, 1)
    """
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return head, tail


def _decode_errors(raw: bytes, codec: str) -> list[tuple[int, int]]:
    """Byte ranges of *raw* that *codec* cannot decode."""
    _errors.spans = []
    try:
        raw.decode(codec, "cjkclean-record")
        return list(_errors.spans)
    finally:
        _errors.spans = []


def _valid_intervals(raw: bytes, bad: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The decodable stretches between errors that hold at least one non-ASCII byte."""
    intervals = []
    low = 0
    for bad_start, bad_end in [*bad, (len(raw), len(raw))]:
        if bad_start - low >= 2 and not raw[low:bad_start].isascii():
            intervals.append((low, bad_start))
        low = bad_end
    return intervals


_SWALLOWING_DECODERS = frozenset({"gbk", "gb18030", "big5", "shift_jis", "euc-kr"})
"""Double-byte code pages whose Windows decoder takes a lead byte and the ASCII byte after it
(which is no trail byte there) as one undecodable pair, and leaves one ``?`` (``・`` in code page
932) for both."""

_TAG_END = re.compile(r"/[A-Za-z][A-Za-z0-9]*>")
_SPACED_BEFORE = frozenset("-/<([{#=+&|~@$%")
"""ASCII signs that follow a space more often than a letter does (``状态 -->``, ``报告 /``)."""


def swallowed_character(text: str, index: int) -> str:
    r"""The ASCII character a ``?`` or ``・`` at *index* most likely swallowed, or "".

    Windows reads UTF-8 with a double-byte code page byte by byte: the last byte of a character
    is taken as a lead byte, and when the byte after it is ASCII below 0x40 (a space, a quote, a
    digit, a newline, ``<``; a letter would be a valid trail byte and make a pair), the two
    become one ``?``. Which character was taken is guessed from what is left: a quote or ``*``
    opened before it that the line does not close (when no word follows), ``<`` before
    ``/tag>``, a space before a letter or a digit unless the text writes Chinese right next to
    Latin words and digits (then the lost character was a digit or a sign, which cannot be
    known). At the end of a text (where nothing may have been taken) nothing is guessed.

    >>> line = 'query = "浣犲ソ銆?'
    >>> swallowed_character(line, len(line) - 1), swallowed_character("鍚?audio", 1)
    ('"', ' ')
    >>> swallowed_character("縺・", 1), swallowed_character("浠?580鍏 有1个", 1)
    ('', '')
    """
    if text[index] not in "?\u30fb" or (index + 1 < len(text) and text[index + 1] in LOSS_MARKS):
        return ""
    start = text.rfind("\n", 0, index) + 1
    stop = text.find("\n", index)
    before, rest = text[start:index], text[index + 1 : len(text) if stop < 0 else stop]
    if not any(char.isalnum() for char in rest):  # a quote is closed before punctuation
        for mark in "\"'*":
            if (before.count(mark) + rest.count(mark)) % 2 and mark not in rest.lstrip(mark):
                return mark
    after = text[index + 1 : index + 2]
    if after == "/" and _TAG_END.match(text, index + 1):
        return "<"
    if not after.isascii() or not (after.isalnum() or after in _SPACED_BEFORE):
        return ""
    spaced = len(_SPACED_LATIN.findall(text))
    tight = len(_TIGHT_LATIN.findall(text))
    return "" if tight > spaced else " "


_SPACED_LATIN = re.compile("[\u3400-\u9fff] [A-Za-z0-9]|[A-Za-z0-9] [\u3400-\u9fff]")
_TIGHT_LATIN = re.compile("[\u3400-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u3400-\u9fff]")
"""Chinese next to a Latin word or a number, with a space between them and without: how a text
writes them says whether a lost character between them was a space."""


_MARK = re.compile("[\ufffd?\u30fb]")
LOSS_MARKS = "\ufffd?\u30fb"
"""What a lossy decoder leaves for bytes it could not map: U+FFFD (Python, Java, browsers), ``?``
(Windows, .NET, PowerShell) and ``・`` (Windows code page 932)."""


def is_loss_mark(text: str, index: int) -> bool:
    """Whether ``text[index]`` stands for lost bytes: U+FFFD always; ``?`` and ``・`` only right
    after a non-ASCII character (elsewhere they are far more often real punctuation).

    >>> is_loss_mark("纭?畾", 1), is_loss_mark("why?", 3)
    (True, False)
    """
    char = text[index]
    if char == "\ufffd":
        return True
    if char in "?\u30fb" and index > 0:
        before = text[index - 1]
        # Not after a Latin, Greek or Cyrillic letter: "não é?" is a question.
        return ord(before) >= 0x530 and before not in LOSS_MARKS
    return False


def _utf8_length(lead: int) -> int:
    """Length of the UTF-8 sequence a lead byte starts (0 for a continuation or invalid byte)."""
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


_CONTINUATION = range(0x80, 0xC0)
_LEADS = {2: range(0xC2, 0xE0), 3: range(0xE0, 0xF0), 4: range(0xF0, 0xF5)}


def _fill_utf8(
    chunks: list[bytes | None],
    swallowed: dict[int, bytes] | None = None,
    decoders: tuple[str, ...] = (),
) -> list[bytes] | None:
    r"""Fill each run of lost-byte marks (None) with the bytes that make the most plausible text.

    A decoder that lost bytes left one mark for one or two of them (Python and browsers: one
    U+FFFD per byte; Windows drops an undecodable lead byte together with the byte after it). UTF-8
    says what is missing around a run of k marks (k to 2k bytes): continuation bytes that finish
    the sequence before it, maybe whole characters (which stay U+FFFD: they cannot be known), and a
    lead byte for continuation bytes that follow it. Each run proposes its likeliest fills
    (:func:`_utf8_fills`); runs close together are chosen together (:func:`_fill_group`), judged
    by the word model on what they make with their neighbours (``鏈�鎶ヨ�拌€�``: 记 and 者 are
    chosen together, as the word 记者). The result is marked lossy wherever it is used.
    *swallowed*: for a mark (by its index) that also stands for an ASCII character the wrong
    decoder took with the lost byte, that character (:func:`swallowed_character`). *decoders*:
    the decoders that may have lost the bytes; a fill each of them would have read as
    characters is ruled out (:func:`losing_decoders`).

    >>> b"".join(_fill_utf8([b"\xe6\x9c", None, b"\xe6\x8a\xa5"])).decode()
    '本报'
    """
    if sum(chunk is None for chunk in chunks) > MAX_LOSSES:
        return None

    # A text is written in one script: a guess in the other one pays (本會 in Simplified text).
    known = b"".join(chunk for chunk in chunks if chunk is not None).decode("utf-8", "ignore")
    leaning = script_leaning(known)
    seen = frozenset(
        known[i : i + 2] for i in range(len(known) - 1) if _HAN_PAIR.fullmatch(known[i : i + 2])
    )
    chunks = _bar_implausible_runs(chunks)
    if None not in chunks:
        return None
    out: list[bytes] = []
    written = bytearray()  # the bytes of *out*
    counted = 0  # how much of *written* the bracket balance has seen
    balance = tuple(0 for _ in _OPENER_OF)
    index = 0
    while index < len(chunks):
        chunk = chunks[index]
        if chunk is not None:
            out.append(chunk)
            written.extend(chunk)
            index += 1
            continue
        end = _group_end(chunks, index)
        # The context a group is judged with starts on a character boundary: what comes before
        # it only counts as brackets left open.
        cut = max(counted, len(written) - _CONTEXT_BYTES)
        while cut < len(written) and 0x80 <= written[cut] < 0xC0 and cut > counted:
            cut += 1
        balance = _bracket_balance(balance, written[counted:cut].decode("utf-8", "ignore"))
        counted = cut
        following = bytearray()
        for later in chunks[end:]:
            if later is None or len(following) >= _CONTEXT_BYTES:
                break
            following.extend(later)
        taken = tuple(
            (position - index, character)
            for position, character in sorted((swallowed or {}).items())
            if index <= position < end
        )
        fills = _fill_group(
            bytes(written[cut:]),
            tuple(chunks[index:end]),
            bytes(following),
            leaning,
            balance,
            taken,
            _seen_near(seen, bytes(written[cut:]), chunks[index:end], bytes(following)),
            decoders,
        )
        if fills is None:
            return None
        out.extend(fills)
        for fill in fills:
            written.extend(fill)
        index = end
    return out


_FILLED_LAYERS = frozenset(
    [("utf-8", wrong) for wrong in ("gbk", "big5", "shift_jis", "euc-jp", "euc-kr", "windows-1252")]
    + [("gbk", "big5"), ("big5", "gbk")]
)
"""The layers whose lost bytes are guessed: UTF-8 read with any code page, and GBK and Big5 read
as each other (each loses a lead byte here and there, and its trail byte stays)."""

_DOUBLE_BYTE_CONTEXT = 8
"""Known bytes on each side a guess for a double-byte text is read with."""


def _fill_double_byte(
    chunks: list[bytes | None], true: str, decoders: tuple[str, ...]
) -> list[bytes] | None:
    r"""Fill each run of one or two lost-byte marks in text of a double-byte code page (GBK,
    Big5) that another one read: the byte or pair that reads best in the true encoding, among
    those *decoders* cannot read (:func:`_read_by_all`).

    Python's decoders lose one byte a mark: Big5's 一 (A4 40) read as GBK is ``�@`` (GBK
    leaves the pairs A140-A7A0 to its users), so the mark is a lead byte and the trail byte is
    the character after it; GBK's 人 (C8 CB) read as Big5 loses C8, and CB pairs with the next
    byte. A byte is tried in every value; a pair (two marks) among the likely characters of the
    true encoding. Runs are filled from left to right, each read with the fills before it.

    >>> b"".join(_fill_double_byte([None, b"@", "個".encode("big5")], "big5", ("gbk",)))
    b'\xa4@\xad\xd3'
    """
    runs = list(_mark_runs(chunks))
    if len(runs) > MAX_LOSSES or any(end - start > 2 for start, end in runs):
        return None
    codec = _TRUE_DECODERS[true][0]
    out: list[bytes | None] = list(chunks)
    for start, end in runs:
        before = bytearray()
        aligned = True  # the bytes before begin where a character of the true encoding does
        for chunk in reversed(out[:start]):
            if chunk is None:
                break
            if len(before) >= 3 * _DOUBLE_BYTE_CONTEXT:
                aligned = False
                break
            before[:0] = chunk
        if not aligned:
            before = bytearray(_aligned_tail(bytes(before), codec))
        after = bytearray()
        for chunk in out[end:]:
            if chunk is None or len(after) >= _DOUBLE_BYTE_CONTEXT:
                break
            after.extend(chunk)
        guesses = _double_byte_guesses(true, end - start)
        fill = _best_double_byte(bytes(before), bytes(after), guesses, codec, decoders)
        if fill is None:
            return None
        out[start:end] = [fill] + [b""] * (end - start - 1)
    return [chunk or b"" for chunk in out]


def _aligned_tail(data: bytes, codec: str) -> bytes:
    """The last :data:`_DOUBLE_BYTE_CONTEXT` bytes or so of *data*, starting on a character of
    *codec*: read from its first byte and from its second, the reading with fewer errors and
    then the likelier one is right (a double-byte text pairs its bytes one way only)."""
    readings = []
    for skip in (0, 1):
        text = data[skip:].decode(codec, "replace")
        readings.append((text.count("\ufffd"), -_fill_score(text[-8:]), skip))
    skip = min(readings)[2]
    text = data[skip:].decode(codec, "replace")
    kept = text[-(_DOUBLE_BYTE_CONTEXT // 2) :]
    return kept.encode(codec, "replace")


@functools.lru_cache(maxsize=8)
def _double_byte_guesses(true: str, marks: int) -> tuple[bytes, ...]:
    """What *marks* lost bytes of *true* text can be: any byte for one mark; for two, the
    pairs of the likely characters of the encoding (by the character model)."""
    if marks == 1:
        return tuple(bytes((value,)) for value in range(0x40, 0xFF) if value != 0x7F)
    from .model import char_cost

    pairs: list[tuple[float, bytes]] = []
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            pair = bytes((lead, trail))
            try:
                char = pair.decode(_TRUE_DECODERS[true][0])
            except UnicodeDecodeError:
                continue
            cost = char_cost(char)
            if cost > _UNLIKELY:
                pairs.append((cost, pair))
    pairs.sort(key=lambda item: item[0], reverse=True)
    return tuple(pair for _, pair in pairs)


@functools.lru_cache(maxsize=16384)
def _best_double_byte(
    before: bytes, after: bytes, guesses: tuple[bytes, ...], codec: str, decoders: tuple[str, ...]
) -> bytes | None:
    """The guess that reads best between *before* and *after* in *codec*: it must not add a
    character the codec cannot decode, and each of *decoders* must fail to read it."""
    scored: list[tuple[int, float, bytes]] = []
    for guess in guesses:
        if _read_by_all(guess, after[:1], decoders):
            continue
        text = (before + guess + after).decode(codec, "replace")
        scored.append((text.count("\ufffd"), _fill_score(text), guess))
    if not scored:
        return None
    fewest = min(errors for errors, _, _ in scored)
    best = max((item for item in scored if item[0] == fewest), key=lambda item: item[1])
    return best[2]


def _bar_implausible_runs(chunks: list[bytes | None]) -> list[bytes | None]:
    r"""*chunks* with each run of marks that cannot be bytes lost from UTF-8 made a barrier.

    Bytes lost from valid UTF-8 leave valid UTF-8 on both sides: the bytes before the loss end a
    character or begin one, the bytes after it finish one or start one. A run with invalid
    bytes on one side is only filled when the other side holds part of a character the fill
    would complete (clean text next to a damaged stretch whose first lead byte was lost). A layer
    that reads the text with the wrong code page sees invalid bytes around nearly every mark,
    and is spared a search per mark for a reading that cannot be valid.

    >>> _bar_implausible_runs([b"\xe6\x9c", None, "报".encode()])[1] is None
    True
    >>> _bar_implausible_runs([b"\x8f\xb0\xf7", None, b"\x8f\xc1\xe4"])[1]
    b'\xff'
    """
    barred = list(chunks)
    for index, end in _mark_runs(chunks):
        before = bytearray()
        for chunk in reversed(chunks[:index]):
            if chunk is None or len(before) >= _LOCAL_BYTES:
                break
            before[:0] = chunk
        after = bytearray()
        for chunk in chunks[end:]:
            if chunk is None or len(after) >= _LOCAL_BYTES:
                break
            after.extend(chunk)
        before_valid, before_open = _utf8_ending(bytes(before[-_LOCAL_BYTES:]))
        after_valid, after_open = _utf8_opening(bytes(after[:_LOCAL_BYTES]))
        if not (
            (before_valid and after_valid)
            or (before_valid and before_open)
            or (after_valid and after_open)
        ):
            barred[index:end] = [bytes((_BARRIER,))] * (end - index)
    return barred


def _mark_runs(chunks: list[bytes | None]) -> Iterator[tuple[int, int]]:
    """The (start, end) of each run of marks (None) in *chunks*.

    >>> list(_mark_runs([b"a", None, None, b"b", None]))
    [(1, 3), (4, 5)]
    """
    index = 0
    while index < len(chunks):
        if chunks[index] is not None:
            index += 1
            continue
        end = index
        while end < len(chunks) and chunks[end] is None:
            end += 1
        yield index, end
        index = end


def _utf8_ending(data: bytes) -> tuple[bool, bool]:
    r"""Whether *data*, cut anywhere on its left, is valid UTF-8 up to its end, and whether it
    ends inside a character (a lead byte still waiting for continuation bytes).

    >>> _utf8_ending("报".encode()[1:] + "本".encode()[:2]), _utf8_ending(b"\xd6\xd0")
    ((True, True), (False, False))
    """
    skip = 0
    while skip < min(3, len(data)) and 0x80 <= data[skip] < 0xC0:
        skip += 1
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(data[skip:], final=False)
    except UnicodeDecodeError:
        return False, False
    return True, bool(decoder.getstate()[0])


def _utf8_opening(data: bytes) -> tuple[bool, bool]:
    r"""Whether *data*, cut anywhere on its right, is valid UTF-8 after at most three
    continuation bytes that open it, and whether it opens with such bytes (the end of a
    character whose lead byte was lost).

    >>> _utf8_opening("报".encode()[1:] + b"24"), _utf8_opening(b"\x8f\xc1\xe4\xc9")
    ((True, True), (False, False))
    """
    skip = 0
    while skip < len(data) and 0x80 <= data[skip] < 0xC0:
        skip += 1
    if skip > 3:
        return False, False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[skip:], final=False)
    except UnicodeDecodeError:
        return False, False
    return True, skip > 0


def _group_end(chunks: list[bytes | None], index: int) -> int:
    """Where the group of mark runs that starts at *index* ends: the runs are chosen together
    while fewer than :data:`_CONTEXT_BYTES` known bytes separate one from the next (the fill of
    one is then context of the next); farther apart, their choices cannot affect each other."""
    end = index
    while True:
        while end < len(chunks) and chunks[end] is None:
            end += 1
        gap = 0
        after = end
        while after < len(chunks) and chunks[after] is not None and gap < _CONTEXT_BYTES:
            gap += len(chunks[after] or b"")
            after += 1
        if after < len(chunks) and chunks[after] is None and gap < _CONTEXT_BYTES:
            end = after
            continue
        return end


@functools.lru_cache(maxsize=16384)
def _fill_group(
    before: bytes,
    group: tuple[bytes | None, ...],
    following: bytes,
    leaning: int,
    balance: tuple[int, ...],
    swallowed: tuple[tuple[int, bytes], ...] = (),
    seen: frozenset[str] = frozenset(),
    decoders: tuple[str, ...] = (),
) -> tuple[bytes, ...] | None:
    """The best fills of the runs of marks in *group* (see :func:`_fill_utf8`), between the
    bytes *before* and *following* it, as the group's chunks with each run's fill on its first
    mark (the other marks empty). A small beam keeps the fills of earlier runs open while later
    runs are chosen. *balance*: brackets left open before *before* (:func:`_bracket_balance`).
    *swallowed*: (position in the group, character) of lone marks that also took an ASCII
    character; where the mark ends a character, its fill is that byte and the character.
    *decoders*: see :func:`losing_decoders`. Cached: the layers and the beam of
    :func:`~cjkclean.mojibake.engine._repair_region` read the same damaged line several times,
    with the same marks between the same neighbours.
    """
    # A beam state: (score, bytes so far, chunks so far).
    beam: list[tuple[float, bytes, list[bytes]]] = [(0.0, before, [])]
    index = 0
    while index < len(group):
        chunk = group[index]
        if chunk is not None:
            beam = [(score, data + chunk, [*out, chunk]) for score, data, out in beam]
            index += 1
            continue
        end = index
        while end < len(group) and group[end] is None:
            end += 1
        following_run = bytearray()
        more = False  # whether another run of marks follows right after *following_run*
        for later in (*group[end:], following):
            if later is None or len(following_run) >= _CONTEXT_BYTES:
                more = later is None
                break
            following_run.extend(later)
        more = more and len(following_run) <= _LOCAL_BYTES
        taken = dict(swallowed).get(index, b"") if end - index == 1 else b""
        extended: list[tuple[float, bytes, list[bytes]]] = []
        for score, data, out in beam:
            window = data[-_CONTEXT_BYTES:]
            text_before = window.decode("utf-8", "ignore")
            context = text_before[-_CONTEXT_CHARS - 1 :]
            base = _fill_score(context) if context else 0.0
            fills = _utf8_fills(
                window[-_LOCAL_BYTES:],
                bytes(following_run[:_LOCAL_BYTES]),
                end - index,
                more,
                decoders,
            )
            if taken:
                fills = _fills_with_taken(window, bytes(following_run), taken, more) or fills
            for fill in fills:
                # What the fill adds to the text, with the characters after it up to the next
                # mark: the same bytes for every state, so only the fill's neighbourhood differs.
                added = (window + fill + following_run).decode("utf-8", "ignore")[
                    len(text_before) :
                ]
                gain = _fill_score(context + added) - base
                gain -= _OFF_SCRIPT * off_script(added, leaning)
                if seen:
                    near = context[-1:] + added[:2]
                    gain += _SEEN * sum(near[i : i + 2] in seen for i in range(len(near) - 1))
                if any(char in _OPENER_OF for char in added):
                    opened = _bracket_balance(balance, data.decode("utf-8", "ignore"))
                    gain += _PAIRED * _closes_a_bracket(opened, added)
                # The whole fill goes with the first mark; the other marks become empty.
                extended.append(
                    (score + gain, data + fill, [*out, fill, *(b"" for _ in range(index + 1, end))])
                )
        if not extended:
            return None
        extended.sort(key=lambda state: state[0], reverse=True)
        beam = extended[:_FILL_BEAM]
        index = end
    return tuple(beam[0][2])


def _fills_with_taken(
    window: bytes, following: bytes, taken: bytes, more: bool
) -> tuple[bytes, ...]:
    """Fills of a lone mark that was the last byte of the character *window* ends with and the
    ASCII character *taken* after it (:func:`swallowed_character`): the byte, then *taken*; a
    space is not put after full-width punctuation, where what was taken is not known. Empty
    when *window* does not end one byte short of a character.

    >>> _fills_with_taken("的".encode()[:2], b"dict", b" ", False)[0]
    b'\\x84 '
    """
    need, head = _pending(window[-_LOCAL_BYTES:])
    if need != 1:
        return ()
    fills = _utf8_fills(window[-_LOCAL_BYTES:], (taken + following)[:_LOCAL_BYTES], 1, more)
    return tuple(
        fill + (b"" if taken == b" " and _wide_punctuation(head + fill) else taken)
        for fill in fills
        if len(fill) == 1
    )


def _wide_punctuation(data: bytes) -> bool:
    """Whether *data* is one full-width or CJK punctuation mark in UTF-8 (``。``, ``，``, ``」``).

    >>> _wide_punctuation("。".encode()), _wide_punctuation("的".encode())
    (True, False)
    """
    char = data.decode("utf-8", "ignore")
    return len(char) == 1 and ord(char) >= 0x2000 and unicodedata.category(char).startswith("P")


def _seen_near(
    seen: frozenset[str], before: bytes, group: list[bytes | None], following: bytes
) -> frozenset[str]:
    """The pairs of *seen* that a fill of *group* can make with its neighbours: those sharing a
    character with the text around it (a small key for :func:`_fill_group`'s cache).

    >>> sorted(_seen_near(frozenset({"热门", "文章"}), "热".encode(), [None], b""))
    ['热门']
    """
    if not seen:
        return seen
    around = (before + b"".join(chunk for chunk in group if chunk) + following).decode(
        "utf-8", "ignore"
    )
    return frozenset(pair for pair in seen if pair[0] in around or pair[1] in around)


_HAN_PAIR = re.compile("[\u3400-\u9fff]{2}")
_SEEN = 1.0
"""Bonus (log10) for each pair of Han characters a fill makes that the rest of the window holds:
a text repeats its words (``热门`` read whole in one place and damaged in another)."""

_BRACKET_LIMIT = 8
"""How far a bracket balance is counted either way (a few brackets are ever guessed at once)."""


def _bracket_balance(balance: tuple[int, ...], text: str) -> tuple[int, ...]:
    """*balance* (for each pair of :data:`_OPENER_OF`, openers less closers, within
    ±:data:`_BRACKET_LIMIT`) after *text*.

    >>> _bracket_balance(tuple(0 for _ in _OPENER_OF), "（附图片")[:2]
    (1, 0)
    """
    counts = list(balance)
    for position, (closer, opener) in enumerate(_OPENER_OF.items()):
        if closer in text or opener in text:
            counts[position] += text.count(opener) - text.count(closer)
            counts[position] = max(-_BRACKET_LIMIT, min(_BRACKET_LIMIT, counts[position]))
    return tuple(counts)


def _closes_a_bracket(balance: tuple[int, ...], added: str) -> int:
    """How many closing brackets in *added* close one the text before it left open (*balance*,
    see :func:`_bracket_balance`): brackets come in pairs, so a guess that closes one is likelier.

    >>> opened = _bracket_balance(tuple(0 for _ in _OPENER_OF), "（附图片")
    >>> _closes_a_bracket(opened, "）"), _closes_a_bracket(tuple(0 for _ in _OPENER_OF), "）")
    (1, 0)
    """
    counts = list(balance)
    closers = list(_OPENER_OF)
    openers = list(_OPENER_OF.values())
    count = 0
    for char in added:
        if char in _OPENER_OF:
            position = closers.index(char)
            if counts[position] > 0:
                count += 1
            counts[position] -= 1
        elif char in openers:
            counts[openers.index(char)] += 1
    return count


@functools.lru_cache(maxsize=65536)
def _fill_score(text: str) -> float:
    """How plausible a filled stretch reads: the character bigram model, plus half the word model
    (:func:`~cjkclean.mojibake.model.context_log_probability`), which knows that a word goes on.

    >>> _fill_score("本报记者") > _fill_score("本报走而")
    True
    """
    score = log_probability(text) + _WORD_WEIGHT * context_log_probability(text)
    return score + _marker_bonus(text) + _DATE_BONUS * len(_DATE_PART.findall(text))


def _marker_bonus(text: str) -> float:
    """Bonus (log10) for the pairs of ``锟斤拷`` in *text*: two U+FFFD in UTF-8 (``EF BF BD EF
    BF BD``) read as GBK, the commonest sequence in damaged Chinese text, which the character
    model does not know. A fill that continues it is the likeliest: ``閿熸枻鎷�`` (its last byte
    lost once more) is ``锟斤拷``, not ``锟斤拉``.

    >>> _marker_bonus("年锟斤拷"), _marker_bonus("锟斤拉")
    (8.0, 4.0)
    """
    if "斤" not in text and "锟" not in text:
        return 0.0
    return _MARKER_BONUS * sum(text.count(pair) for pair in _MARKER_PAIRS)


_DATE_PART = re.compile("(?<=[年月])[0-9０-９]{1,2}[月日号]")
"""The day or month after a year or month (2020年3月3日): the commonest place a lost byte cuts
a date, where the model, which does not see across the digits, prefers 时 to 日."""
_DATE_BONUS = 2.0

_MARKER_PAIRS = ("锟斤", "斤拷", "拷锟")
_MARKER_BONUS = 4.0


def _marked_log_probability(text: str) -> float:
    """The character model's log10 probability of *text*, with :func:`_marker_bonus`."""
    return log_probability(text) + _marker_bonus(text)


_WORD_WEIGHT = 0.5
_OPENER_OF = {
    "）": "（",
    ")": "(",
    "》": "《",
    "」": "「",
    "』": "『",
    "】": "【",
    "”": "“",
    "〉": "〈",
}
_PAIRED = 2.0
"""Bonus (log10) of a guessed closing bracket the rest of the window leaves open."""
_OFF_SCRIPT = 2.0
"""Cost (log10) of a guessed character of the other script than the rest of the window."""
_LOCAL_BYTES = 8
"""Bytes of context on each side with which a run of marks ranks its own fills."""
_PART_CANDIDATES = 6
"""Finishing characters and starting characters combined when one run holds both."""

_CONTEXT_CHARS = 3
"""Characters of context on each side that judge a fill (a word of up to four characters)."""
_CONTEXT_BYTES = 4 * (_CONTEXT_CHARS + 1)
_FILL_BEAM = 6
"""Fills of earlier runs kept open while later runs are chosen."""
_FILL_CANDIDATES = 10
"""Fills each run of marks proposes to the beam."""
_LIKELY_WHEN_RULED = 64
"""Characters a run inside one character weighs when the decoder rules some out (all the
likely ones: :func:`_likeliest_characters`)."""

MAX_LOSSES = 64
"""Most lost-byte marks one window may hold and still be inferred (each costs a search)."""

_UNKNOWN_CHARACTER = "\ufffd".encode()


_LOSING_FAMILIES: dict[str, tuple[str, ...]] = {
    "gbk": ("gb2312", "gbk"),
    "big5": ("big5", "cp950", "big5hkscs"),
    "shift_jis": ("shift_jis", "cp932"),
    "euc-jp": ("euc_jp", "euc_jis_2004"),
    "euc-kr": ("euc_kr", "cp949"),
    "windows-1252": ("cp1252", "cp1254"),
}
"""The strict decoders (Python's) each wrong decoder may have been. Each later one of a family
reads every pair an earlier one reads (checked over all pairs), and real decoders (Windows,
browsers) read at least as much as Python's: what Python's decoder reads, they read too."""


def losing_decoders(wrong: str, damaged: str, marked_with: str = "") -> tuple[str, ...]:
    """The decoders of *wrong*'s family (:data:`_LOSING_FAMILIES`) that could have made every
    character of *damaged*, the text they left; the largest one if none could (a Windows code
    page makes characters Python's does not, and reads all Python's reads).

    A decoder only loses bytes it cannot read: bytes for a mark that every candidate decoder
    would have read as a character were not lost there. Text read by strict GB2312 (Python's
    ``gb2312``, which ``requests`` uses for pages that declare it) loses many more pairs than
    text read by GBK; a text holding a character outside GB2312 was not read by it.

    >>> losing_decoders("gbk", "鍙戝竷"), losing_decoders("gbk", "中文")
    (('gbk',), ('gb2312', 'gbk'))
    >>> losing_decoders("latin-1", "é")
    ()
    """
    family = _LOSING_FAMILIES.get(wrong, ())
    if not family:
        return ()
    if wrong == "shift_jis" and marked_with == "\u30fb":
        return ("cp932",)
    characters = {char for char in damaged if ord(char) >= 0x80 and char not in LOSS_MARKS}
    able = tuple(name for name in family if all(_can_make(name, char) for char in characters))
    return able or family[-1:]


@functools.lru_cache(maxsize=65536)
def _can_make(decoder: str, char: str) -> bool:
    """Whether *decoder* ever makes *char* (it encodes back)."""
    try:
        char.encode(decoder)
    except UnicodeEncodeError:
        return False
    return True


def _read_by_all(fill: bytes, after: bytes, decoders: tuple[str, ...]) -> bool:
    r"""Whether each of *decoders* reads *fill* as characters, the first byte *after* it
    included when *fill* ends with a lead byte: a decoder that did would have left characters,
    not loss marks, and the byte after the marks would not begin a character of its own. A fill
    holding a guessed unknown character proves nothing.

    >>> _read_by_all("い".encode()[1:], b"", ("shift_jis", "cp932"))  # 81 84: ＞
    True
    >>> _read_by_all("は".encode()[1:], b"", ("shift_jis", "cp932"))  # 81 AF: undefined
    False
    >>> _read_by_all(b"\xe6", b"\x9c", ("gbk",)), _read_by_all(b"\xa1", b"\x9c", ("gbk",))
    (True, False)
    """
    if _UNKNOWN_CHARACTER in fill:
        return False
    return all(_reads(name, fill, after) for name in decoders)


@functools.lru_cache(maxsize=65536)
def _reads(decoder: str, fill: bytes, after: bytes) -> bool:
    """Whether *decoder* reads *fill* whole, or all of it but a last lead byte, which it
    reads together with *after* as one character."""
    try:
        fill.decode(decoder)
        return True
    except UnicodeDecodeError:
        pass
    if not after or len(fill) < 1:
        return False
    try:
        fill[:-1].decode(decoder)
        return len((fill[-1:] + after).decode(decoder)) == 1
    except UnicodeDecodeError:
        return False


def _pending(prefix: bytes) -> tuple[int, bytes]:
    """How many continuation bytes the last sequence of *prefix* still needs, and that
    unfinished sequence (empty when it is complete).

    >>> _pending("本".encode()[:2]), _pending("本".encode())
    ((1, b'\\xe6\\x9c'), (0, b''))
    """
    for back in range(1, min(4, len(prefix)) + 1):
        length = _utf8_length(prefix[-back])
        if length == 0:
            continue
        need = max(0, length - back)
        return need, prefix[-back:] if need else b""
    return 0, b""


@functools.lru_cache(maxsize=4096)
def _utf8_fills(
    prefix: bytes,
    suffix: bytes,
    marks: int,
    more: bool = False,
    decoders: tuple[str, ...] = (),
) -> tuple[bytes, ...]:
    """The likeliest bytes for *marks* adjacent loss marks between *prefix* and *suffix*, best
    first (at most :data:`_FILL_CANDIDATES`), judged with a few characters of context. *more*:
    another run of marks follows the suffix, so a character begun here may end there. Bytes
    that each of *decoders* reads as characters are not a fill: they were not lost
    (:func:`losing_decoders`)."""
    score = _marked_log_probability
    need, head = _pending(prefix)
    context = prefix[: len(prefix) - len(head)].decode("utf-8", "ignore")[-1:]
    # How many continuation bytes open the suffix, waiting for a lead.
    waiting = 0
    while waiting < min(3, len(suffix)) and 0x80 <= suffix[waiting] <= 0xBF:
        waiting += 1
    after = suffix[waiting:].decode("utf-8", "ignore")[:1]

    # Where the decoder rules guesses out, more are drawn so that enough are left.
    keep = _LIKELY_WHEN_RULED if decoders else _FILL_CANDIDATES
    part = _PART_CANDIDATES
    finishes = _best_bytes(head, [_CONTINUATION] * need, b"", context, "", score, part)
    if not need:
        finishes = [(0.0, b"", "")]
    found: dict[bytes, float] = {}
    for lost in range(marks, 2 * marks + 1):
        if lost <= need:
            # The loss is inside one character, finished by the continuation bytes that follow.
            if waiting != need - lost:
                continue
            for value, fill, _ in _best_bytes(
                head, [_CONTINUATION] * lost, suffix[:waiting], context, after, score, keep
            ):
                found[fill] = max(value, found.get(fill, value))
            continue
        rest = lost - need
        tails: list[tuple[float, bytes, str]] = [(0.0, b"", "")] if waiting == 0 else []
        for length, leads in _LEADS.items():
            own = length - 1 - waiting
            if waiting and own >= 0 and 1 + own <= rest:
                tails.extend(
                    _best_bytes(
                        b"",
                        [leads] + [_CONTINUATION] * own,
                        suffix[:waiting],
                        "",
                        after,
                        score,
                        part,
                    )
                )
        if more and waiting and waiting == len(suffix):
            # A lead byte lost, the continuation bytes after it seen, and the last one lost in
            # the next run: full-width forms read as Shift_JIS at a line's end ("）" = EF BC 89
            # as "�ｼ�"). Only the lead is filled here; the next run finishes the character.
            for length, leads in _LEADS.items():
                if length - 2 == waiting:
                    tails.extend(_open_leads(suffix, leads, part))
        for _, tail, tail_char in tails:
            middle = rest - len(tail)
            if middle < 0 or middle == 1:
                continue  # one lone byte cannot be a whole UTF-8 character here
            unknown = 0 if middle == 0 else max(1, middle // 3)
            for _, finish, finish_char in finishes:
                # Judge the finished character and the new one together, in context.
                value = score(context + finish_char + "\ufffd" * unknown + tail_char + after)
                fill = finish + _UNKNOWN_CHARACTER * unknown + tail
                found[fill] = max(value, found.get(fill, value))
    ranked = sorted(found, key=lambda fill: found[fill], reverse=True)
    if decoders:
        ranked = [fill for fill in ranked if not _read_by_all(fill, suffix[:1], decoders)]
    return tuple(ranked[:_FILL_CANDIDATES])


@functools.lru_cache(maxsize=1024)
def _open_leads(seen: bytes, leads: range, keep: int) -> list[tuple[float, bytes, str]]:
    """Lead bytes for continuation bytes *seen* of a character whose last byte is lost, each with
    its likeliest completion: (score, lead, character), best first."""
    from .model import char_cost

    found: list[tuple[float, bytes, str]] = []
    for lead in leads:
        best: tuple[float, str] | None = None
        for last in _CONTINUATION:
            try:
                char = (bytes((lead,)) + seen + bytes((last,))).decode("utf-8")
            except UnicodeDecodeError:
                continue
            cost = char_cost(char)
            if best is None or cost > best[0]:
                best = (cost, char)
        if best is not None:
            found.append((best[0], bytes((lead,)), best[1]))
    found.sort(key=lambda item: item[0], reverse=True)
    return found[:keep]


def _best_bytes(
    head: bytes,
    pattern: list[range],
    tail: bytes,
    before: str,
    after: str,
    score: Callable[[str], float],
    keep: int = 1,
) -> list[tuple[float, bytes, str]]:
    """The *keep* best values for *pattern* that make ``head + values + tail`` one valid
    character, scored between *before* and *after*: (score, values, character), best first."""
    if not pattern:
        return []
    shape = tuple((values.start, values.stop) for values in pattern)
    if score is _marked_log_probability:  # the common scorer: the same question recurs
        return list(_best_marked_bytes(head, shape, tail, before, after, keep))
    return _judge_characters(head, shape, tail, before, after, score, keep)


def _judge_characters(
    head: bytes,
    shape: tuple[tuple[int, int], ...],
    tail: bytes,
    before: str,
    after: str,
    score: Callable[[str], float],
    keep: int,
) -> list[tuple[float, bytes, str]]:
    found = [
        (score(before + char + after), values, char)
        for values, char in _likeliest_characters(head, shape, tail)
    ]
    found.sort(key=lambda item: item[0], reverse=True)
    return found[:keep]


@functools.lru_cache(maxsize=16384)
def _best_marked_bytes(
    head: bytes,
    shape: tuple[tuple[int, int], ...],
    tail: bytes,
    before: str,
    after: str,
    keep: int,
) -> tuple[tuple[float, bytes, str], ...]:
    """:func:`_best_bytes` with :func:`_marked_log_probability`, cached: the lines of a damaged
    file ask it again for the same bytes between the same neighbours (a third of the calls)."""
    found = _judge_characters(head, shape, tail, before, after, _marked_log_probability, keep)
    return tuple(found)


@functools.lru_cache(maxsize=16384)
def _likeliest_characters(
    head: bytes, shape: tuple[tuple[int, int], ...], tail: bytes
) -> tuple[tuple[bytes, str], ...]:
    r"""The 64 characters ``head + values + tail`` can be that are likeliest on their own, best
    first (ties in code point order): ``(values, character)``.

    Small patterns are enumerated. Large ones (a lost lead byte with its continuation bytes can
    be any of 20,000 characters) are answered from :func:`_likely_characters`, every character
    likelier than :data:`_UNLIKELY`, indexed by its lead byte; below that line, characters are
    taken in code point order until the answer is full.

    >>> [char for _, char in _likeliest_characters(b"\xe4\xb8", ((0x80, 0xC0),), b"")][:3]
    ['一', '不', '中']
    """
    pattern = [(byte, byte + 1) for byte in head] + list(shape)
    pattern += [(byte, byte + 1) for byte in tail]
    size = 1
    for start, stop in shape:
        size *= stop - start
    if size <= _ENUMERATE_UP_TO:
        return tuple(_enumerate_characters(head, shape, tail, 64))
    found: list[tuple[bytes, str]] = []
    index = _likely_characters()
    lists = [index.get(lead, []) for lead in range(*pattern[0])]
    for *_, raw, char in heapq.merge(*lists):
        if len(raw) == len(pattern) and all(
            low <= byte < high for byte, (low, high) in zip(raw, pattern, strict=True)
        ):
            found.append((raw[len(head) : len(raw) - len(tail)], char))
            if len(found) == 64:
                return tuple(found)
    # Fewer likely characters than asked: the others of the blocks the pattern reaches cost at
    # most their ceiling, so the first ones at the ceiling in code point order end the search.
    seen = {char for _, char in found}
    ceiling = max((_block_ceiling(block) for block in _blocks(pattern)), default=_UNLIKELY)
    rest = _enumerate_characters(head, shape, tail, 64 - len(found), seen, ceiling)
    return tuple(found + rest)


def _blocks(pattern: list[tuple[int, int]]) -> set[int]:
    """The blocks of 4,096 code points (``point >> 12``) a UTF-8 byte pattern can reach."""
    (lead_low, lead_high), *rest = pattern
    if len(pattern) <= 2:
        return {0}
    if len(pattern) == 3:
        return {lead & 0x0F for lead in range(lead_low, lead_high)}
    second_low, second_high = rest[0]
    blocks = {
        (lead & 0x07) << 6 | (second & 0x3F)
        for lead in range(lead_low, lead_high)
        for second in range(second_low, second_high)
    }
    return {block for block in blocks if block <= _LAST_BLOCK}


_LAST_BLOCK = sys.maxunicode >> 12


@functools.cache
def _block_ceiling(block: int) -> float:
    """The highest cost of a character of the block that is not in :func:`_likely_characters`
    (the planes beyond Han hold mostly unassigned and private-use points, at -10)."""
    from .model import char_cost

    cost_of = char_cost.__wrapped__
    indexed = _indexed_points()
    points = [
        point
        for point in range(max(0x80, block << 12), (block + 1) << 12)
        if not 0xD800 <= point < 0xE000 and point not in indexed
    ]
    if block >= 0x40:
        # Planes 4 and up: one cost for every unassigned or private-use point (the model's
        # classes stop at plane 3), so only the few assigned ones are costed one by one.
        unassigned = [p for p in points if unicodedata.category(chr(p)) in ("Cn", "Co")]
        assigned = [p for p in points if unicodedata.category(chr(p)) not in ("Cn", "Co")]
        points = assigned + unassigned[:1]
    elif 0x20 <= block < 0x40:
        # Planes 2 and 3: the Han extensions, one cost for those the model does not know.
        from .model import _tables

        known = {ord(c) for c in _tables()[0] if len(c) == 1}
        points = [p for p in points if p in known] + [p for p in points if p not in known][:1]
    return max((cost_of(chr(point)) for point in points), default=_UNLIKELY)


@functools.cache
def _indexed_points() -> frozenset[int]:
    index = _likely_characters()
    return frozenset(point for entries in index.values() for _, _, point, _, _ in entries)


_ENUMERATE_UP_TO = 64
_UNLIKELY = -6.0
"""No character outside :func:`_likely_characters` costs more than this (checked in the tests)."""


@functools.cache
def _likely_characters() -> dict[int, list[tuple[float, float, int, bytes, str]]]:
    """Every non-ASCII character likelier than :data:`_UNLIKELY` (the Basic Multilingual Plane,
    the emoji blocks and the Han characters of the model beyond it), as ``(-cost, -Japanese
    cost, code point, UTF-8, character)`` lists by lead byte, likeliest first. The character
    model gives every kana one cost; the Japanese model orders them (は before ば)."""
    from .model import _tables, char_cost

    cost_of = char_cost.__wrapped__  # not through its cache: 70,000 characters seen once
    unigram, _ = _tables()
    points = set(range(0x80, 0xD800)) | set(range(0xE000, 0x10000))
    points |= set(range(0x1F000, 0x1FB00)) | {ord(c) for c in unigram if ord(c) >= 0x10000}
    index: dict[int, list[tuple[float, float, int, bytes, str]]] = {}
    for point in points:
        char = chr(point)
        cost = cost_of(char)
        if cost > _UNLIKELY:
            raw = char.encode("utf-8")
            index.setdefault(raw[0], []).append((-cost, -_kana_order(char), point, raw, char))
    for entries in index.values():
        entries.sort()
    return index


def _enumerate_characters(
    head: bytes,
    shape: tuple[tuple[int, int], ...],
    tail: bytes,
    keep: int,
    skip: frozenset[str] | set[str] = frozenset(),
    ceiling: float | None = None,
) -> list[tuple[bytes, str]]:
    """The *keep* likeliest characters of the pattern but *skip*, by trying every value in
    order; when no character can cost more than *ceiling*, *keep* of them at the ceiling end it."""
    from .model import char_cost

    chars: list[tuple[float, float, bytes, str]] = []
    at_ceiling = 0
    for values in _product([range(start, stop) for start, stop in shape]):
        try:
            char = (head + values + tail).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if char in skip:
            continue
        cost = char_cost(char)
        chars.append((cost, _kana_order(char), values, char))
        if ceiling is not None and cost >= ceiling:
            at_ceiling += 1
            if at_ceiling == keep:
                break
    chars.sort(key=lambda item: item[:2], reverse=True)
    return [(values, char) for _, _, values, char in chars[:keep]]


def _kana_order(char: str) -> float:
    """How ties of the character model are broken among kana (it gives every kana one cost):
    by the Japanese model's log10 probability of the kana (し before ぁ); 0 for other characters.

    >>> _kana_order("し") > _kana_order("ぁ"), _kana_order("中")
    (True, 0.0)
    """
    if not "\u3041" <= char <= "\u30ff":
        return 0.0
    from .model import _japanese_tables

    return _japanese_tables()[0].get(char, _UNLIKELY)


def _product(pattern: list[range]) -> Iterator[bytes]:
    if not pattern:
        yield b""
        return
    for head in pattern[0]:
        for rest in _product(pattern[1:]):
            yield bytes((head,)) + rest


_LAYER_PAIRS = [
    ("utf-8", "gbk"),
    ("utf-8", "big5"),
    ("utf-8", "shift_jis"),
    ("utf-8", "euc-jp"),
    ("utf-8", "euc-kr"),
    ("utf-8", "windows-1252"),
    ("gbk", "windows-1252"),
    ("big5", "windows-1252"),
    ("shift_jis", "windows-1252"),
    ("euc-jp", "windows-1252"),
    ("euc-kr", "windows-1252"),
    ("gbk", "big5"),
    ("big5", "gbk"),
    ("shift_jis", "gbk"),
    ("euc-kr", "gbk"),
]

LAYERS: tuple[Layer, ...] = tuple(Layer(true, wrong) for true, wrong in _LAYER_PAIRS)
"""Every single layer of damage the engine can undo; chains are compositions of these."""

LAYERS_BY_NAME: dict[str, Layer] = {layer.name: layer for layer in LAYERS}


@functools.cache
def extra_clues() -> str:
    """Clue characters the generated list (single layers only) misses, as a regex class body:

    * the private-use characters Windows code page 936 and browsers' GBK decoder make of pairs in
      GBK's user-defined areas (A140-A7A0 holds Big5's commonest characters);
    * the rare Han characters GBK makes of UTF-8 Latin-1 letters and C1 controls (bytes C2/C3
      then 80-A0): GBK text read as Latin-1 and then as GBK is made of them (脰脨脦脛 = 中文);
    * 拢 (C2 A3, UTF-8 ``£``): GBK keeps its full-width punctuation and digits in row A3, so the
      same text has 拢 at every comma (拢卢 = ，), colon, bracket and digit, and short stretches
      of it hold no other clue. Clean text uses 拢 seldom, mostly in words (靠拢) that explain it.
    * the rare Hangul syllables (outside KS X 1001, and rare in the Hangul model) that CP949's
      UHC extension makes of UTF-8 bytes: Korean in UTF-8 read as CP949 is full of them
      (``寃쎈퉬`` = 경비), and the generated list, built on Chinese text for that chain, has
      few of them.

    >>> import re
    >>> clue = re.compile(f"[{extra_clues()}]")
    >>> bool(clue.search("脰脨脦脛")), bool(clue.search("中文")), bool(clue.search("拢卢"))
    (True, False, True)
    >>> bool(clue.search("寃쎈퉬")), bool(clue.search("경비"))
    (True, False)
    """
    from .model import _common_hangul, char_cost

    rare = set()
    for lead in (0xC2, 0xC3):
        for trail in range(0x80, 0xA1):
            char = bytes((lead, trail)).decode("gbk", "replace")
            if char != "\ufffd" and char_cost(char) <= _RARE_HAN:
                rare.add(char)
    rare.add("拢")
    common = _common_hangul()
    rare.update(
        char
        for char in map(chr, range(0xAC00, 0xD7A4))
        if char not in common and char_cost(char) <= _RARE_HAN
    )
    return "\ue000-\ue765" + "".join(sorted(rare))


_RARE_HAN = -6.0
