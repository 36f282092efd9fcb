"""Tests for cjkclean.decode: BOMs, UTF-8, UTF-16/32, legacy CJK codecs, mixed files, loss."""

from __future__ import annotations

import importlib
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cjkclean
from cjkclean.decoding import decode, is_binary

# ``cjkclean.decode`` is the function (exported by the package); this is its module.
decode_module = importlib.import_module("cjkclean.decoding")

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SAMPLES = CORPORA / "charset-normalizer-samples"

# What charset-normalizer's own tests/test_full_detection.py expects for its sample files.
PEER_EXPECTED = {
    "sample-arabic-1.txt": "cp1256",
    "sample-french-1.txt": "cp1252",
    "sample-arabic.txt": "utf_8",
    "sample-russian-3.txt": "utf_8",
    "sample-french.txt": "utf_8",
    "sample-chinese.txt": "big5",
    "sample-greek.txt": "cp1253",
    "sample-greek-2.txt": "cp1253",
    "sample-hebrew-2.txt": "cp1255",
    "sample-hebrew-3.txt": "cp1255",
    "sample-bulgarian.txt": "utf_8",
    "sample-english.bom.txt": "utf_8_sig",
    "sample-spanish.txt": "utf_8",
    "sample-korean.txt": "cp949",
    "sample-turkish.txt": "cp1254",
    "sample-russian-2.txt": "utf_8",
    "sample-russian.txt": "mac_cyrillic",
    "sample-polish.txt": "utf_8",
}

HAS_MODEL = decode_module._model() is not None
needs_model = pytest.mark.skipif(
    not HAS_MODEL, reason="cjkclean.mojibake.model.plausibility (the language model) not available"
)


def _chinese_text() -> str:
    """Real modern Chinese from the repository's corpora (and the peer's classical sample)."""
    parts = [(SAMPLES / "sample-chinese.txt").read_bytes().decode("big5")]
    for path in sorted(CORPORA.glob("*/*.txt")):
        if "charset-normalizer" in path.parts[-2]:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
        if han > len(text) // 2:
            parts.append(text)
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        parts.extend(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    return "\n".join(parts)


def _lines(text: str, min_len: int) -> list[str]:
    """Lines of at least ``min_len`` characters, half of them CJK (no markup or URLs)."""
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        cjk = sum(1 for c in line if "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7a3")
        if len(line) >= min_len and cjk * 2 >= len(line):
            out.append(line)
    return out


@pytest.fixture(scope="module")
def simplified_lines() -> list[str]:
    from cjkclean.script import convert

    return _lines(convert(_chinese_text(), "t2s"), 60)


@pytest.fixture(scope="module")
def traditional_lines() -> list[str]:
    from cjkclean.script import convert

    return _lines(convert(convert(_chinese_text(), "t2s"), "s2t"), 60)


# --- BOMs and Unicode encodings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
        (b"\x84\x31\x95\x33", "gb18030", "gb18030"),
    ],
)
def test_bom_names_the_encoding(bom: bytes, codec: str, name: str) -> None:
    text = "中文 text, 한국어, 日本語\n"
    result = decode(bom + text.encode(codec))
    assert (result.text, result.encoding, result.bom, result.lossy) == (text, name, True, False)


def test_strict_utf8_first() -> None:
    text = "鍙戝竷 is mojibake but valid UTF-8; the decoder must not touch it"
    result = decode(text.encode("utf-8"))
    assert (result.text, result.encoding, result.confidence) == (text, "utf-8", 1.0)
    assert decode(b"plain").encoding == "ascii"
    assert decode(b"").text == ""


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_utf32_without_bom(codec: str) -> None:
    text = "Chapter 1: 中文文本，第一行。\nline two\n"
    result = decode(text.encode(codec))
    assert (result.text, result.encoding) == (text, codec)


@needs_model
def test_utf16_without_bom_or_ascii() -> None:
    text = "今天天气很好我们去公园散步吧"
    assert decode(text.encode("utf-16-le")).text == text


# --- Legacy codecs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "family"),
    [
        ("gbk", {"gbk", "gb18030"}),
        ("gb2312", {"gbk", "gb18030"}),
        ("gb18030", {"gbk", "gb18030"}),
        ("big5", {"big5", "cp950", "big5hkscs"}),
        ("cp950", {"big5", "cp950", "big5hkscs"}),
        ("big5hkscs", {"big5", "cp950", "big5hkscs"}),
    ],
)
def test_chinese_paragraphs(
    codec: str, family: set[str], simplified_lines: list[str], traditional_lines: list[str]
) -> None:
    source = traditional_lines if codec.startswith(("big5", "cp950")) else simplified_lines
    tested = 0
    for line in source[:40]:
        try:
            data = line.encode(codec)
        except UnicodeEncodeError:
            continue
        result = decode(data)
        assert result.text == line
        assert result.encoding in family
        assert not result.lossy
        tested += 1
    assert tested >= 3


def test_gb18030_four_byte_characters() -> None:
    text = "𠀀字与𪚥字都在扩展区，也能写进 GB18030 文件。"
    result = decode(text.encode("gb18030"))
    assert (result.text, result.encoding) == (text, "gb18030")


def test_peer_chinese_and_korean_samples() -> None:
    chinese = (SAMPLES / "sample-chinese.txt").read_bytes()
    assert decode(chinese).text == chinese.decode("big5")
    korean = (SAMPLES / "sample-korean.txt").read_bytes()
    result = decode(korean)
    assert result.text == korean.decode("cp949")
    assert result.encoding in ("euc_kr", "cp949")


@pytest.mark.parametrize("name", sorted(PEER_EXPECTED))
def test_charset_normalizer_samples_as_expected_or_better(name: str) -> None:
    data = (SAMPLES / name).read_bytes()
    expected = data.decode(PEER_EXPECTED[name])
    result = decode(data)
    assert result.text == expected
    assert not result.lossy


@pytest.mark.parametrize("codec", ["shift_jis", "cp932", "euc_jp"])
def test_japanese(codec: str) -> None:
    text = (CORPORA / "aozora" / "wagahai.txt").read_text(encoding="utf-8")
    assert decode(text.encode(codec)).text == text
    for sentence in re.findall(r"[^。\n]+。", text):
        assert decode(sentence.encode(codec)).text == sentence


@pytest.mark.parametrize("codec", ["euc_kr", "cp949"])
def test_korean_lines(codec: str) -> None:
    text = (SAMPLES / "sample-korean.txt").read_bytes().decode("cp949")
    for line in _lines(text, 20)[:20]:
        try:
            data = line.encode(codec)
        except UnicodeEncodeError:
            continue
        assert decode(data).text == line


def _accuracy(lines: list[str], codec: str, length: int, trials: int) -> float:
    rng = random.Random(length * 7919 + len(codec))
    ok = total = 0
    while total < trials:
        line = rng.choice(lines)
        start = rng.randrange(0, len(line) - length)
        piece = line[start : start + length]
        try:
            data = piece.encode(codec)
        except UnicodeEncodeError:
            continue
        total += 1
        ok += decode(data).text == piece
    return ok / total


@needs_model
@pytest.mark.parametrize("codec", ["gbk", "big5"])
def test_ten_characters_are_enough(
    codec: str, simplified_lines: list[str], traditional_lines: list[str]
) -> None:
    """The issue's target: >= 99 % right at 10 characters for GBK and Big5."""
    lines = traditional_lines if codec == "big5" else simplified_lines
    assert _accuracy(lines, codec, 10, 400) >= 0.99


@needs_model
def test_model_beats_charset_normalizer_tie_break() -> None:
    # charset-normalizer alone reads these GBK bytes as Big5 (ties broken alphabetically).
    assert decode("中文".encode("gbk")).text == "中文"
    assert decode("发布".encode("gbk")).text == "发布"


# --- Mixed files and loss -----------------------------------------------------------------------


def test_mixed_utf8_and_gbk_lines() -> None:
    lines = ["第一行是 UTF-8 文本\n", "第二行是 GBK 编码的文字\n", "ascii\n", "第四行又是 UTF-8\n"]
    data = (
        lines[0].encode("utf-8")
        + lines[1].encode("gbk")
        + lines[2].encode()
        + lines[3].encode("utf-8")
    )
    result = decode(data)
    assert result.text == "".join(lines)
    assert result.mixed and result.encoding == "mixed"
    assert result.line_encodings == ("utf-8", "gbk", "ascii", "utf-8")
    assert result.encodings == ("utf-8", "gbk")
    assert not result.lossy


def test_bom_then_gbk_lines() -> None:
    data = b"\xef\xbb\xbf" + "标题\n".encode() + "正文用的是国标码。\n".encode("gbk")
    result = decode(data)
    assert result.text == "标题\n正文用的是国标码。\n"
    assert result.bom and result.mixed


def test_lossy_is_flagged() -> None:
    result = decode("中文内容".encode("gbk") + b"\xff")
    assert result.lossy
    assert result.text.startswith("中文内容") and "\ufffd" in result.text


@needs_model
def test_single_byte_scripts_are_not_read_as_cjk() -> None:
    text = "Ceci est un texte français, écrit en Windows-1252 — rien de chinois ici."
    assert decode(text.encode("cp1252")).text == text


def test_wrong_type_is_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match="already decoded"):
        decode("中文")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="int"):
        decode(3)  # type: ignore[arg-type]
    assert decode(bytearray("中文".encode("gbk"))).text == "中文"


def test_exported() -> None:
    result = cjkclean.decode(b"abc")
    assert result.text == "abc" and isinstance(result, cjkclean.Decoded)
    assert cjkclean.decode is decode_module.decode


def test_is_binary() -> None:
    assert is_binary(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert is_binary(bytes(range(256)) * 4)
    assert not is_binary("中文\n".encode("gbk"))
    assert not is_binary("中文\n".encode("utf-16"))
    assert not is_binary("ascii text\n".encode("utf-16-le"))


# --- Properties ---------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_without_error(data: bytes) -> None:
    result = decode(data)
    assert isinstance(result.text, str)
    assert 0.0 <= result.confidence <= 1.0
    if not result.lossy and not result.mixed and not result.bom:
        assert result.text.encode(result.encoding) == data


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_utf8_is_identity(text: str) -> None:
    assert decode(text.encode("utf-8")).text == text


# The first rows of GB2312 level 1: common Han characters, read off the codec.
_HAN = "".join(
    bytes([lead, trail]).decode("gb2312")
    for lead in range(0xB0, 0xB8)
    for trail in range(0xA1, 0xFF)
)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=_HAN + "，。", min_size=12, max_size=60))
def test_gbk_round_trip_is_lossless(text: str) -> None:
    data = text.encode("gbk")
    result = decode(data)
    assert not result.lossy
    assert result.text.encode(result.encoding) == data


def test_gbk_line_that_is_valid_utf8_follows_the_majority() -> None:
    # 茅 is C3 A9 in GBK, which is also "é" in UTF-8.
    lines = ["今天天气很好。\n", "我们去公园。\n", "茅\n", "第四行。\n"]
    result = decode(b"".join(line.encode("gbk") for line in lines))
    assert result.text == "".join(lines)
    assert not result.mixed
