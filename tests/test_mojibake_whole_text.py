"""Damage that hits whole texts: Japanese code pages read the wrong way, and Chinese code pages
read as each other, where short windows alone hold too little evidence.

Japanese text is real: Natsume Sōseki's opening paragraphs (``corpora/aozora``, public domain) and
the Japanese lines of ``corpora/mojibake/negative.json``. Chinese text is generated from the
model's own words (``chinese_text``).
"""

from __future__ import annotations

import json
import pathlib
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chinese_text import chinese, to_taiwan
from cjkclean.mojibake import fix_mojibake, fix_mojibake_and_explain
from cjkclean.mojibake.model import japanese_log_probability, log_probability
from cjkclean.mojibake.simulate import corrupt, is_lossless
from cjkclean.pipeline import apply_steps

CORPORA = pathlib.Path(__file__).resolve().parent.parent / "corpora"
_KANA = re.compile("[\u3041-\u30ff]")


def _japanese_lines() -> list[str]:
    lines = (CORPORA / "aozora" / "wagahai.txt").read_text(encoding="utf-8").splitlines()
    cases = json.loads((CORPORA / "mojibake" / "negative.json").read_text(encoding="utf-8"))
    lines += [case["text"] for case in cases["cases"] if _KANA.search(case["text"])]
    return [line for line in lines if len(line) >= 9]


JAPANESE = _japanese_lines()


@st.composite
def japanese_span(draw: st.DrawFn, low: int = 9, high: int = 60) -> str:
    """A stretch of real Japanese text, cut anywhere, holding kana."""
    line = draw(st.sampled_from(JAPANESE))
    size = draw(st.integers(min(low, len(line)), min(high, len(line))))
    start = draw(st.integers(0, len(line) - size))
    span = line[start : start + size]
    return span if _KANA.search(span) else line


_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.mark.parametrize(
    "chain",
    [["euc-jp", "latin-1"], ["euc-jp", "windows-1252"], ["shift_jis", "gbk"]],
    ids=">".join,
)
@_SETTINGS
@given(text=japanese_span())
def test_japanese_round_trip(chain: list[str], text: str) -> None:
    if not is_lossless(text, chain):
        return
    assert fix_mojibake(corrupt(text, chain)) == text


@pytest.mark.parametrize(
    "chain", [["gbk", "big5"], ["big5", "gbk"], ["gbk", "latin-1", "gbk"]], ids=">".join
)
@_SETTINGS
@given(words=st.lists(chinese(2, 6), min_size=2, max_size=5))
def test_chinese_whole_line_round_trip(chain: list[str], words: list[str]) -> None:
    # Punctuation between the words: a lone ， read the wrong way is the commonest leftover.
    text = "，".join(words) + "。"
    if chain[0] == "big5":
        text = to_taiwan().convert(text)
    if not is_lossless(text, chain):
        return
    damaged = corrupt(text, chain)
    fixed, steps = fix_mojibake_and_explain(damaged)
    assert fixed == text
    assert apply_steps(damaged, steps) == fixed


@_SETTINGS
@given(text=japanese_span(2, 80))
def test_clean_japanese_untouched(text: str) -> None:
    assert fix_mojibake(text) == text


def test_japanese_reading_judged_as_japanese() -> None:
    # EUC-JP read as Latin-1 and then read as GBK: the kana come out right, the kanji wrong.
    assert log_probability("検索する") > log_probability("浮瑚する")
    # The Japanese reading never lowers a text's score: Chinese with a stray kana keeps its own.
    text = "我の朋友"
    assert log_probability(text) >= japanese_log_probability(text)


def test_leftovers_take_the_line_damage() -> None:
    # Shift_JIS read as GBK: は alone between ASCII has no evidence of its own.
    damaged = corrupt("は www.example.com などのドメイン", ["shift_jis", "gbk"])
    fixed, steps = fix_mojibake_and_explain(damaged)
    assert fixed == "は www.example.com などのドメイン"
    assert {tuple(step.detail["chain"]) for step in steps} == {("shift_jis", "gbk")}
    # GBK read as Latin-1 then as GBK: the last ， of the line is two common characters.
    text = "加起来总共才282GB，"
    assert fix_mojibake(corrupt(text, ["gbk", "latin-1", "gbk"])) == text


def test_line_damage_does_not_spread_to_other_lines() -> None:
    damaged = corrupt("加起来总共才", ["gbk", "big5"]) + "\n隸書很美"
    assert fix_mojibake(damaged).endswith("\n隸書很美")


def test_utf8_damage_does_not_rewrite_the_line() -> None:
    # UTF-8 read as GBK damages words, not whole files: rare clean characters nearby stay.
    text = "文件名：鍙戝竷.txt 璞玉珺珹"
    assert fix_mojibake(text) == "文件名：发布.txt 璞玉珺珹"


@pytest.mark.parametrize("text", ["财税金融、经济生活", "美金和白银", "合金价格上涨"])
def test_code_page_932_duplicates_read_back(text: str) -> None:
    # 金 (E9 87 91) read as Shift_JIS after a byte that pairs with E9: 87 91 is ≡, which code
    # page 932 also makes of 81 DF, and encodes back that way.
    damaged = corrupt(text, ["utf-8", "shift_jis"])
    assert "≡" in damaged
    assert fix_mojibake(damaged) == text


@pytest.mark.parametrize(
    "chain", [["shift_jis", "gbk"], ["euc-jp", "latin-1"], ["gbk", "latin-1"]], ids=">".join
)
@_SETTINGS
@given(before=chinese(1, 6), quoted=japanese_span(4, 16), after=chinese(1, 6))
def test_clean_text_beside_a_damaged_quote_stays(
    chain: list[str], before: str, quoted: str, after: str
) -> None:
    # A line's damage is read into what is left of the line only where it reads better; the
    # clean Chinese around a damaged quote (and the brackets) must come out as they went in.
    if chain[0] == "gbk":
        quoted = after  # GBK text in a GBK quote
    if not is_lossless(quoted, chain):
        return
    text = f"{before}「{corrupt(quoted, chain)}」{after}"
    fixed = fix_mojibake(text)
    assert fixed.startswith(before + "「")
    assert fixed.endswith("」" + after)


@pytest.mark.parametrize("text", ["価格は税込み1,080円", "価格は1080円", "送料は500円です"])
def test_a_yen_after_a_price_is_read_as_japanese(text: str) -> None:
    """Shift_JIS 円 read as Windows-1252 is ``‰~``; alone after digits it is judged with the
    Japanese model once the line is known to be Japanese damage (it read as Chinese before, and
    円 is rare in Chinese)."""
    damaged = corrupt(text, ["shift_jis", "windows-1252"])
    assert fix_mojibake(damaged) == text
