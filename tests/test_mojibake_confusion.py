"""Two double-byte code pages confused (GBK read as Big5 and back): where the reading starts
and ends, repeats, digits. Texts are written for these tests; damage by ``simulate.corrupt``."""

from __future__ import annotations

import functools
from pathlib import Path

import jieba
import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjkclean.mojibake import fix_mojibake
from cjkclean.mojibake.engine import fix_mojibake_and_explain
from cjkclean.mojibake.simulate import corrupt
from cjkclean.pipeline import apply_steps

_TO_TRADITIONAL = opencc.OpenCC("s2tw")


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        # First and last characters are common both ways (散/床, 疑/好): a whole text read
        # with the wrong code page begins and ends with damage.
        ("床发出声音，早餐非常好", "gbk>big5"),
        ("偏高.地理位置还好.", "gbk>big5"),
        ("僅是一種日常生活瑣事", "big5>gbk"),
        ("圖為唐先生在醫院", "big5>gbk"),
        # After ASCII: 宽屏 reads as Big5 遵そ, which the model likes as much; the damage still
        # starts where the non-ASCII run starts.
        ("2 LED宽屏，看起来不错", "gbk>big5"),
        # Full-width digits in GBK are bopomofo in Big5: digits are letters of evidence.
        ("。１９９８年", "gbk>big5"),
    ],
)
def test_confused_code_pages_read_to_the_edges(text: str, chain: str) -> None:
    damaged = corrupt(text, chain.split(">"))
    fixed, steps = fix_mojibake_and_explain(damaged)
    assert fixed == text
    assert apply_steps(damaged, steps) == fixed


@pytest.mark.parametrize(
    "text", ["嗯嗯 啊啊啊", "哎哎哎哎哎", "啊啊啊啊啊啊", "好ㄉ", "我ㄉ天啊", "角度 45°30′15″"]
)
def test_repeats_and_symbols_unchanged(text: str) -> None:
    """A repeated interjection counts once as evidence; bopomofo and symbols stay."""
    assert fix_mojibake(text) == text


_INTERJECTIONS = "啊哎嗯哈呵嘿哦噢呀哇喔唉"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_INTERJECTIONS), st.integers(2, 6)), min_size=1, max_size=4),
    st.sampled_from(["", " ", "，", "！"]),
)
def test_repeated_interjections_unchanged(runs: list[tuple[str, int]], gap: str) -> None:
    """Interjections in a sentence. (Alone, 嗯嗯噢噢 still reads as Big5 垛垛揪揪: the model,
    built from a word list, barely knows 嗯, 噢 and 喔; see benchmarks/README.md.)"""
    text = "他说：" + gap.join(char * count for char, count in runs) + "，然后走了。"
    assert fix_mojibake(text) == text


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        # GBK keeps kana in EUC-JP's rows, and reads 講義 as 怪盗 (a Japanese word too): a run
        # of kana is Japanese text, which is seldom written in GBK.
        ("ビリティの講義", "euc-jp>latin-1"),
        ("セキュリティの講義を受ける", "euc-jp>latin-1"),
        # A Japanese title quoted in Chinese stays GBK.
        ("中文的アニメ《となりのトトロ》很好看", "gbk>latin-1"),
        ("我喜欢の东西", "gbk>latin-1"),
    ],
)
def test_kana_rich_readings(text: str, chain: str) -> None:
    assert fix_mojibake(corrupt(text, chain.split(">"))) == text


@pytest.mark.parametrize("text", ["请输入中文", "不可以输入中文字，请检查！"])
def test_gbk_read_by_a_big5_hkscs_decoder(text: str) -> None:
    """Browsers' and Java's Big5 is Big5-HKSCS, which puts kana at other pairs than CP950: 请
    reads as ワ, not ③. 入 reads as ⻌, which only HKSCS has, and tells which decoder it was."""
    damaged = text.encode("gbk").decode("big5hkscs")
    assert fix_mojibake(damaged) == text


@pytest.mark.parametrize(
    ("text", "chain"),
    [("还不错", "gbk>big5"), ("本报记者", "gbk>big5"), ("发展的", "gbk>big5")],
)
def test_short_text_without_a_clue(text: str, chain: str) -> None:
    """GBK's common characters read as Big5 are common Traditional ones (还不错 = 遜祥渣): a
    short text of them holds no clue, and is read whole."""
    damaged = corrupt(text, chain.split(">"))
    fixed, steps = fix_mojibake_and_explain(damaged)
    assert fixed == text
    assert apply_steps(damaged, steps) == fixed


@functools.cache
def _dictionary_words() -> list[str]:
    """Every eighth word of jieba's dictionary (MIT) of two to four characters."""
    path = Path(jieba.__file__).parent / "dict.txt"
    words = [line.split()[0] for line in path.read_text(encoding="utf-8").splitlines()]
    return [word for word in words[::8] if 2 <= len(word) <= 4]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_short_clean_words_unchanged(data: st.DataObject) -> None:
    """A word alone (a menu item, a title, a cell), Simplified or Traditional, rare or not."""
    word = data.draw(st.sampled_from(_dictionary_words()))
    for text in (word, _TO_TRADITIONAL.convert(word)):
        assert fix_mojibake(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ÇÇ 中文", "ÇÇ 中文"),  # not 피 (EUC-KR): a lone syllable beside Chinese
        ("ÇÖ 中文", "ÇÖ 中文"),  # not 侵 (GBK): Turkish letters between spaces
        ("AÖĞ 中文", "AÖĞ 中文"),
        ("4ÔÂ23日至24日", "4月23日至24日"),  # a damaged character among Chinese and digits
    ],
)
def test_two_latin_letters_beside_clean_cjk(text: str, expected: str) -> None:
    """Found by the explore profile of test_turkish_text_untouched."""
    assert fix_mojibake(text) == expected
