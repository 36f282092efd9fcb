"""Bytes to text: BOMs, strict UTF-8, UTF-16/32, the CJK legacy codecs, mixed files.

The order of the checks is the order of the evidence's strength:

1. a byte-order mark names the encoding outright;
2. data that is valid UTF-8 is UTF-8 (legacy CJK text is almost never valid UTF-8 by chance);
3. UTF-32 and UTF-16 without a BOM are recognised by their NUL-byte patterns;
4. otherwise every legacy CJK codec family that decodes the bytes *strictly* is a candidate, and
   the candidates are ranked by how plausible their text is under a character language model
   (:func:`cjkclean.mojibake.model.plausibility`), plus small codec priors; charset-normalizer
   only breaks near ties and rescues non-CJK single-byte files;
5. files whose lines disagree (some UTF-8, some GBK, as after a careless ``cat``) are decoded line
   by line and reported as mixed.

The result says whether the decoding is lossless: re-encoding the text with the reported codec(s)
must give back the original bytes, otherwise ``lossy`` is true and a careful caller (the CLI) leaves
the file alone.

>>> decode("中文".encode("gbk")).text
'中文'
>>> decode("中文".encode("big5")).encoding
'big5'
>>> decode(b"\\xef\\xbb\\xbfhi").encoding
'utf-8-sig'
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Decoded", "decode", "is_binary"]

# Codec families, narrowest member first: the reported encoding is the narrowest member that
# decodes the bytes strictly, so a GBK file is called gbk and not gb18030, a Big5 file big5.
# (GB2312 text is reported as gbk: Python's gb2312 codec maps A1AA to U+2015, not the em dash.)
_FAMILIES: dict[str, tuple[str, ...]] = {
    "gb": ("gbk", "gb18030"),
    "big5": ("big5", "cp950", "big5hkscs"),
    "sjis": ("shift_jis", "cp932", "shift_jis_2004"),
    "eucjp": ("euc_jp", "euc_jis_2004"),
    "euckr": ("euc_kr", "cp949"),
}

# Priors in log10 probability per character, added to the model's score. They only matter when
# two readings are nearly equally plausible: Chinese corpora are the main use, so GB and Big5 get
# the benefit of the doubt, in that order.
_PRIORS: dict[str, float] = {
    "gb": 0.0,
    "big5": -0.02,
    "euckr": -0.25,
    "sjis": -0.15,
    "eucjp": -0.1,
    "utf-16": -0.5,
}

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\x84\x31\x95\x33", "gb18030", "gb18030"),
)
BOMS: tuple[bytes, ...] = tuple(bom for bom, _, _ in _BOMS)
"""The byte order marks :func:`decode` recognises, longest first where one begins another."""

# How much text the scorer reads per candidate: enough to decide, cheap on big files.
_SAMPLE_CHARS = 4000
# Below this mean plausibility (log10 per char) a CJK reading is treated as noise, and a
# non-CJK codec proposed by charset-normalizer may win instead.
_NOISE_LEVEL = -5.0
# A margin (log10 per character) under which the ranking is a near tie.
_NEAR_TIE = 0.15

_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"\xff\xd8\xff",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x00asm",
    b"SQLite format 3",
)


@dataclass(frozen=True)
class Decoded:
    """The text read from some bytes, with how it was read.

    ``encoding`` is a Python codec name (``"mixed"`` when lines differ, then ``line_encodings``
    gives one codec per line, ``"ascii"`` for a line with nothing to decide). ``confidence`` is
    the probability the ranking gives the chosen reading (1.0 for BOMs and valid UTF-8).
    ``lossy`` means re-encoding ``text`` does not give the original bytes back.

    >>> d = decode("你好".encode("utf-8"))
    >>> (d.text, d.encoding, d.confidence, d.lossy)
    ('你好', 'utf-8', 1.0, False)
    """

    text: str
    encoding: str
    confidence: float
    lossy: bool = False
    bom: bool = False
    mixed: bool = False
    line_encodings: tuple[str, ...] = ()
    candidates: tuple[tuple[str, float], ...] = field(default=(), compare=False)

    @property
    def encodings(self) -> tuple[str, ...]:
        """The distinct codecs used, most lines first (one item unless mixed).

        >>> decode("中文\\n".encode() + "中文\\n".encode("gbk")).encodings
        ('utf-8', 'gbk')
        """
        if not self.mixed:
            return (self.encoding,)
        counts: dict[str, int] = {}
        for name in self.line_encodings:
            if name != "ascii":
                counts[name] = counts.get(name, 0) + 1
        return tuple(sorted(counts, key=lambda n: -counts[n]))


# ---------------------------------------------------------------------------------------------
# Scoring


@functools.lru_cache(maxsize=1)
def _model() -> Callable[[str], float] | None:
    """The mojibake engine's plausibility model, if it is installed."""
    try:
        module: Any = importlib.import_module("cjkclean.mojibake.model")
        func: Callable[[str], float] = module.plausibility
        func("中文")  # the model may exist without its data tables yet
    except Exception:  # any failure means: use the fallback scorer
        return None
    return func


@functools.lru_cache(maxsize=65536)
def _fallback_cost(char: str) -> float:
    """Cost of one character when the language model is unavailable.

    The codecs themselves know which characters are common: the first levels of GB2312,
    Big5 and JIS X 0208 and the 2,350 Hangul syllables of KS X 1001 were chosen by frequency.
    """
    code = ord(char)
    if code < 0x80:
        return -1.5 if char.isprintable() or char in "\t\n\r" else -8.0
    for codec, lo, hi in (("gb2312", 0xB0A1, 0xD7FE), ("big5", 0xA440, 0xC67E)):
        try:
            raw = char.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(raw) == 2 and lo <= int.from_bytes(raw, "big") <= hi:
            return -3.5
    try:
        raw = char.encode("euc_kr")
        if len(raw) == 2 and 0xB0 <= raw[0] <= 0xC8:
            return -3.5
    except UnicodeEncodeError:
        pass
    try:
        raw = char.encode("shift_jis")
        code2 = int.from_bytes(raw, "big")
        if len(raw) == 2 and (0x829F <= code2 <= 0x8396 or 0x889F <= code2 <= 0x9872):
            return -3.6
    except UnicodeEncodeError:
        pass
    if char in "，。、；：？！“”‘’（）《》「」『』…—　":
        return -2.5
    if 0x4E00 <= code <= 0x9FFF:
        return -6.0
    return -7.0


def _fallback_plausibility(text: str) -> float:
    if not text:
        return 0.0
    return sum(_fallback_cost(c) for c in text) / len(text)


def _plausibility(text: str) -> float:
    """Mean log10 probability per character of ``text`` (higher is more plausible)."""
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return 0.0
    model = _model()
    if model is None:
        return _fallback_plausibility(sample)
    return float(model(sample))


def _run_plausibility(text: str) -> float:
    """Plausibility of the non-ASCII runs alone, weighted by length.

    ASCII reads the same in every candidate and would hide noise in a mostly-Latin text:
    ``français`` read as GBK is ``fran鏰is``, plausible on average but not in its one Han run.

    >>> _run_plausibility("fran鏰is") < _run_plausibility("发布新闻 and more")
    True
    """
    runs = re.findall(r"[^\x00-\x7f]+", text[: _SAMPLE_CHARS * 2])
    total = sum(len(r) for r in runs)
    if not total:
        return 0.0
    return sum(_plausibility(r) * len(r) for r in runs) / total


def _non_ascii_sample(text: str) -> str:
    """The part of the text that differs between candidate readings: lines with non-ASCII."""
    if text.isascii():
        return text
    lines = [line for line in text[: _SAMPLE_CHARS * 4].splitlines() if not line.isascii()]
    return "\n".join(lines)[:_SAMPLE_CHARS]


# ---------------------------------------------------------------------------------------------
# Candidates


@dataclass
class _Candidate:
    family: str
    codec: str
    text: str
    score: float = 0.0


def _decode_family(data: bytes, family: str) -> _Candidate | None:
    for codec in _FAMILIES[family]:
        try:
            return _Candidate(family, codec, data.decode(codec))
        except UnicodeDecodeError:
            continue
    return None


@functools.lru_cache(maxsize=65536)
def _is_jis_han(char: str) -> bool:
    try:
        return len(char.encode("cp932")) == 2
    except UnicodeEncodeError:
        return False


def _kana_coherence(text: str) -> float:
    """Penalty for Japanese-looking text whose Han characters Japanese codecs cannot write.

    Kana sit at the same code positions in GB2312 and JIS X 0208, so EUC-JP text read as GBK
    keeps its kana and turns its kanji into Chinese characters, often simplified-only ones (祸 for
    禍) that no Japanese text contains. Text with hiragana pays for each such character.

    >>> _kana_coherence("事だけは記") == 0.0 and _kana_coherence("祸だけは淡") < 0.0
    True
    """
    if not any("\u3041" <= c <= "\u309f" for c in text):
        return 0.0
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    foreign = sum(1 for c in han if not _is_jis_han(c))
    return -3.0 * foreign / len(text)


def _script_coherence(text: str, family: str) -> float:
    """Penalties for readings at odds with how their language is written.

    Chinese text has no runs of hiragana, and neither Chinese nor Japanese puts spaces between
    words, while Korean does: Korean read as GBK turns into Han characters separated by spaces.

    >>> _script_coherence("刀背 楷备家", "gb") < _script_coherence("刀背 楷备家", "euckr") == 0.0
    True
    """
    if not text:
        return 0.0
    penalty = 0.0
    if family != "euckr":
        spaced = sum(
            1
            for i in range(1, len(text) - 1)
            if text[i] == " "
            and "\u4e00" <= text[i - 1] <= "\u9fff"
            and "\u4e00" <= text[i + 1] <= "\u9fff"
        )
        penalty -= 3.0 * spaced / len(text)
    if family in ("gb", "big5", "euckr"):
        hiragana = sum(1 for c in text if "\u3041" <= c <= "\u309f")
        penalty -= 1.5 * hiragana / len(text)
    return penalty


def _rank(cands: list[_Candidate]) -> list[_Candidate]:
    for cand in cands:
        sample = _non_ascii_sample(cand.text)
        cand.score = (
            _plausibility(sample)
            + _PRIORS.get(cand.family, 0.0)
            + _kana_coherence(sample)
            + _script_coherence(sample, cand.family)
        )
    return sorted(cands, key=lambda c: -c.score)


def _confidence(ranked: Sequence[_Candidate]) -> float:
    """Softmax of total log-likelihoods (score x characters), as a probability of the best."""
    if not ranked:
        return 0.0
    if len(ranked) == 1:
        return 1.0
    n = max(1, min(len(_non_ascii_sample(ranked[0].text)), 200))
    best = ranked[0].score
    total = sum(10 ** max(-50.0, (c.score - best) * n) for c in ranked)
    return round(1.0 / total, 6)


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        import charset_normalizer
    except ImportError:  # pragma: no cover - it is a dependency
        return None
    best = charset_normalizer.from_bytes(data[: 64 * 1024]).best()
    if best is None:
        return None
    return str(best.encoding)


def _non_cjk_fallback(data: bytes) -> Decoded | None:
    """A single-byte (or other non-CJK) reading proposed by charset-normalizer."""
    guess = _charset_normalizer_guess(data)
    if guess is None or _family_of(guess) is not None or guess.startswith("utf"):
        return None
    try:
        text = data.decode(guess)
    except (UnicodeDecodeError, LookupError):
        return None
    return Decoded(text, guess, 0.5, lossy=text.encode(guess) != data)


def _family_of(codec: str) -> str | None:
    norm = codec.lower().replace("-", "_")
    aliases = {
        "gb18030": "gb",
        "gbk": "gb",
        "gb2312": "gb",
        "hz": "gb",
        "big5": "big5",
        "cp950": "big5",
        "big5hkscs": "big5",
        "shift_jis": "sjis",
        "cp932": "sjis",
        "shift_jis_2004": "sjis",
        "shift_jisx0213": "sjis",
        "euc_jp": "eucjp",
        "euc_jis_2004": "eucjp",
        "euc_jisx0213": "eucjp",
        "euc_kr": "euckr",
        "cp949": "euckr",
        "johab": "euckr",
    }
    return aliases.get(norm)


def _utf32_like(data: bytes) -> str | None:
    """``utf-32-le``/``-be`` when every 4-byte unit looks like a code point."""
    if len(data) < 4 or len(data) % 4:
        return None
    le = all(data[i + 3] == 0 and data[i + 2] <= 0x10 for i in range(0, min(len(data), 4096), 4))
    be = all(data[i] == 0 and data[i + 1] <= 0x10 for i in range(0, min(len(data), 4096), 4))
    for ok, codec in ((le, "utf-32-le"), (be, "utf-32-be")):
        if ok:
            try:
                data.decode(codec)
            except UnicodeDecodeError:
                continue
            return codec
    return None


def _utf16_nul_evidence(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit on one parity only (ASCII-bearing UTF-16)."""
    if len(data) < 2 or len(data) % 2:
        return None
    sample = data[:8192]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    units = len(sample) // 2
    if odd >= max(1, units // 10) and even <= odd // 20:
        return "utf-16-le"
    if even >= max(1, units // 10) and odd <= even // 20:
        return "utf-16-be"
    return None


def is_binary(data: bytes) -> bool:
    """Guess whether ``data`` is a binary file (not text in any encoding we read).

    >>> is_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    True
    >>> is_binary("中文".encode("utf-16"))
    False
    >>> is_binary(b"")
    False
    """
    sample = data[:8192]
    if any(sample.startswith(bom) for bom, _, _ in _BOMS):
        return False
    if any(sample.startswith(magic) for magic in _MAGIC):
        return True
    if b"\x00" in sample:
        return _utf32_like(sample[: len(sample) - len(sample) % 4]) is None and (
            _utf16_nul_evidence(sample[: len(sample) - len(sample) % 2]) is None
        )
    controls = sum(1 for b in sample if b < 0x20 and b not in b"\t\n\r\x0c\x0b\x1b")
    return controls > len(sample) // 10


# ---------------------------------------------------------------------------------------------
# The decoder


def decode(data: bytes) -> Decoded:
    """Decode ``data`` to text, choosing the encoding; never raises on bad bytes.

    >>> decode("發布新聞".encode("big5")).text
    '發布新聞'
    >>> decode("中文".encode("gbk") + b"\\xff").lossy
    True
    >>> decode("こんにちは、世界".encode("shift_jis")).encoding
    'shift_jis'
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise TypeError(
            f"decode() takes bytes, not {type(data).__name__}"
            + ("; the text is already decoded" if isinstance(data, str) else "")
        )
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _decode_after_bom(data, bom, codec, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Decoded(text, "ascii" if data.isascii() else "utf-8", 1.0)
    utf32 = _utf32_like(data)
    if utf32 is not None:
        return Decoded(data.decode(utf32), utf32, 1.0)
    utf16 = _utf16_nul_evidence(data)
    if utf16 is not None:
        try:
            return Decoded(data.decode(utf16), utf16, 1.0)
        except UnicodeDecodeError:
            pass
    return _decode_legacy(data)


def _decode_after_bom(data: bytes, bom: bytes, codec: str, name: str) -> Decoded:
    body = data[len(bom) :]
    try:
        return Decoded(body.decode(codec), name, 1.0, bom=True)
    except UnicodeDecodeError:
        pass
    if codec == "utf-8":
        # A BOM on a file some of whose lines are in another codec: decode the body line by line.
        return dataclasses.replace(_decode_legacy(body), bom=True)
    return Decoded(body.decode(codec, errors="replace"), name, 1.0, lossy=True, bom=True)


def _legacy_candidates(sample: bytes, data: bytes, utf8_lines: int) -> list[_Candidate]:
    """Legacy readings of ``sample``; UTF-16 readings of the whole ``data`` (no NUL evidence)."""
    cands = [c for fam in _FAMILIES if (c := _decode_family(sample, fam)) is not None]
    if len(data) % 2 == 0 and len(data) >= 4 and not utf8_lines:
        for codec in ("utf-16-le", "utf-16-be"):
            with contextlib.suppress(UnicodeDecodeError):
                cands.append(_Candidate("utf-16", codec, data.decode(codec)))
    return cands


def _choose(data: bytes, cands: list[_Candidate]) -> tuple[list[_Candidate], float]:
    """Rank candidates; consult charset-normalizer on near ties. Returns (ranked, confidence)."""
    ranked = _rank(cands)
    if len(ranked) >= 2 and ranked[0].score - ranked[1].score < _NEAR_TIE:
        guess = _charset_normalizer_guess(data)
        family = _family_of(guess) if guess else None
        if family is not None:
            for cand in ranked:
                if cand.family == family:
                    cand.score += _NEAR_TIE
            ranked.sort(key=lambda c: -c.score)
    return ranked, _confidence(ranked)


def _decode_legacy(data: bytes) -> Decoded:
    lines = data.splitlines(keepends=True)
    utf8_lines = 0
    legacy_parts: list[bytes] = []
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            legacy_parts.append(line)
        else:
            utf8_lines += 1
    legacy_bytes = b"".join(legacy_parts)
    sample = legacy_bytes[: _SAMPLE_CHARS * 2]
    # Cut the sample at a line end so that no codec fails on a split character.
    cut = sample.rfind(b"\n")
    if cut > 0 and len(legacy_bytes) > len(sample):
        sample = sample[: cut + 1]
    ranked, confidence = _choose(sample, _legacy_candidates(sample, data, utf8_lines))
    scores = tuple((c.codec, round(c.score, 4)) for c in ranked)
    if not ranked or _run_plausibility(ranked[0].text) < _NOISE_LEVEL:
        # No codec gives a plausible reading without error. In order: a CJK reading with a few
        # undecodable bytes; a non-CJK codec (charset-normalizer's guess); the least bad reading.
        lossy_ranked = _rank(
            [
                _Candidate(fam, codecs[-1], sample.decode(codecs[-1], errors="replace"))
                for fam, codecs in _FAMILIES.items()
            ]
        )
        result = _decode_lines(lines, [lossy_ranked[0].family], 0.0, scores)
        damaged = result.text.count("\ufffd")
        plausible = _run_plausibility(lossy_ranked[0].text.replace("\ufffd", "")) >= _NOISE_LEVEL
        if plausible and damaged <= max(2, len(result.text) // 100):
            return dataclasses.replace(result, confidence=_confidence(lossy_ranked))
        fallback = _non_cjk_fallback(data)
        if fallback is not None:
            return fallback
        if not ranked:
            return result
        confidence = min(confidence, 0.1)
    if utf8_lines == 0:
        if ranked[0].family == "utf-16":
            best = ranked[0]
            return Decoded(best.text, best.codec, confidence, candidates=scores)
        for cand in ranked:
            if cand.family == "utf-16":
                continue
            whole = _decode_family(data, cand.family)
            if whole is not None:
                lossy = whole.text.encode(whole.codec) != data
                conf = confidence if cand is ranked[0] else confidence / 2
                return Decoded(whole.text, whole.codec, conf, lossy, candidates=scores)
            break  # the best family fails on some line: go line by line
    families = [c.family for c in ranked if c.family != "utf-16"] or list(_FAMILIES)
    return _decode_lines(lines, families, confidence, scores)


def _decode_lines(
    lines: list[bytes],
    families: list[str],
    confidence: float,
    scores: tuple[tuple[str, float], ...],
) -> Decoded:
    """Decode line by line: UTF-8 or the best legacy codec, whichever reads more plausibly.

    A line both codecs read (short GBK lines can be valid UTF-8) goes to the codec of the
    majority of the unambiguous lines, unless the other reading is clearly more plausible.
    """
    per_line: list[list[_Candidate]] = []
    utf8_only = legacy_only = 0
    for line in lines:
        options: list[_Candidate] = []
        if not line.isascii():
            with contextlib.suppress(UnicodeDecodeError):
                options.append(_Candidate("utf-8", "utf-8", line.decode("utf-8")))
            for family in families:
                cand = _decode_family(line, family)
                if cand is not None:
                    options.append(cand)
                    break
            if len(options) == 1:
                utf8_only += options[0].codec == "utf-8"
                legacy_only += options[0].codec != "utf-8"
        per_line.append(options)
    texts: list[str] = []
    codecs_used: list[str] = []
    lossy = False
    for line, options in zip(lines, per_line, strict=True):
        if line.isascii():
            texts.append(line.decode("ascii"))
            codecs_used.append("ascii")
            continue
        if not options:
            codec = _FAMILIES[families[0]][-1]
            texts.append(line.decode(codec, errors="replace"))
            codecs_used.append(codec)
            lossy = True
            continue
        chosen = options[0]
        if len(options) > 1:
            utf8, legacy = options
            margin = _plausibility(legacy.text) - _plausibility(utf8.text)
            chosen = legacy if margin > (-0.3 if legacy_only > utf8_only else 0.3) else utf8
        texts.append(chosen.text)
        codecs_used.append(chosen.codec)
        if chosen.codec != "utf-8" and chosen.text.encode(chosen.codec) != line:
            lossy = True
    distinct = {c for c in codecs_used if c != "ascii"}
    text = "".join(texts)
    if len(distinct) <= 1:
        codec = distinct.pop() if distinct else "ascii"
        return Decoded(text, codec, confidence, lossy, candidates=scores)
    return Decoded(
        text,
        "mixed",
        confidence,
        lossy,
        mixed=True,
        line_encodings=tuple(codecs_used),
        candidates=scores,
    )
