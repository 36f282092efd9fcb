"""Korean in the mojibake engine: EUC-KR read as Windows-1252 and as GBK, and clean text kept.

EUC-KR's Hangul byte pairs are valid GBK (common Chinese characters, no clue of damage), so the
GBK case is found from the shape of Korean (:func:`cjkclean.mojibake.hangul.disguised_korean`);
these tests hold it to real cases, generated round trips, and clean Chinese and Korean unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mojibake_cases as mc
from chinese_text import chinese, known_words, korean
from cjkclean.mojibake import fix_mojibake
from cjkclean.mojibake.engine import fix_mojibake_and_explain
from cjkclean.mojibake.hangul import disguised_korean, shadow
from cjkclean.mojibake.simulate import corrupt
from cjkclean.pipeline import apply_steps

jieba.setLogLevel(60)


def _wild_cases(chain: list[str]) -> list[tuple[str, str, str]]:
    return [
        (case["id"], case["input"], case["expected"])
        for case in mc.load_cases("wild.json")
        if case["chain"] == chain and not case["lossy"] and case.get("expected")
    ]


@pytest.mark.parametrize(("case_id", "damaged", "expected"), _wild_cases(["euc_kr", "gbk"]))
def test_wild_euc_kr_read_as_gbk(case_id: str, damaged: str, expected: str) -> None:
    """Comments in public code: Korean source files saved in EUC-KR, shown as GBK."""
    assert fix_mojibake(damaged) == expected, case_id


@pytest.mark.parametrize(("case_id", "damaged", "expected"), _wild_cases(["euc_kr", "latin-1"]))
def test_wild_euc_kr_read_as_latin1(case_id: str, damaged: str, expected: str) -> None:
    assert fix_mojibake(damaged) == expected, case_id


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("ÀÇÇÏ¿©", "의하여"),  # was read as EUC-JP (税馬食)
        ("½Å¼³ Á¶Ç×", "신설 조항"),
        ("ÇÑ´Ù. ´Ù¸¸, ¿¹°í", "한다. 다만, 예고"),
        ("º¸¸¦ ", "보를 "),  # was read as Big5 (爾蒂)
    ],
)
def test_euc_kr_read_as_windows_1252(damaged: str, expected: str) -> None:
    assert fix_mojibake(damaged) == expected


def test_disguised_steps_replay() -> None:
    text = "目录\n力1亲俊 蝶弗 痹沥\n中文 内容"
    fixed, steps = fix_mojibake_and_explain(text)
    assert fixed == "目录\n제1항에 따른 규정\n中文 内容"
    assert apply_steps(text, steps) == fixed
    assert [step.detail["chain"] for step in steps] == [["euc-kr", "gbk"]]


@settings(max_examples=60, deadline=None)
@given(korean(4, 10))
def test_euc_kr_read_as_gbk_round_trip(text: str) -> None:
    assert fix_mojibake(corrupt(text, ["euc-kr", "gbk"])) == text


@settings(max_examples=60, deadline=None)
@given(korean(2, 10))
def test_euc_kr_read_as_windows_1252_round_trip(text: str) -> None:
    assert fix_mojibake(corrupt(text, ["euc-kr", "windows-1252"])) == text


@settings(max_examples=60, deadline=None)
@given(korean(1, 12))
def test_clean_korean_unchanged(text: str) -> None:
    assert fix_mojibake(text) == text


@settings(max_examples=80, deadline=None)
@given(chinese(1, 12), st.sampled_from([" ", "  ", ""]))
def test_clean_chinese_unchanged_even_with_spaces(text: str, gap: str) -> None:
    """Chinese written word by word (tokenised corpora) must never be read as Korean."""
    spaced = gap.join(jieba.cut(text)) if gap else text
    assert fix_mojibake(spaced) == spaced


def _shadow_words() -> list[str]:
    return [word for word in known_words() if set(word) <= shadow("gbk")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_shadow_words()), min_size=2, max_size=8))
def test_chinese_words_in_the_shadow_unchanged(words: list[str]) -> None:
    """Real Chinese words made only of the characters Korean bytes read as GBK give, between
    spaces: the worst case for the disguised-Korean reading."""
    text = " ".join(words)
    assert disguised_korean(text) == []
    assert fix_mojibake(text) == text


@settings(max_examples=40, deadline=None)
@given(korean(4, 10))
def test_repair_is_idempotent(text: str) -> None:
    once = fix_mojibake(corrupt(text, ["euc-kr", "gbk"]))
    assert fix_mojibake(once) == once


@pytest.mark.parametrize(
    "korean_text",
    [
        "가격  비교",  # one-syllable words and runs of spaces: no CJK pair in the reading
        "(참  고)",
        "제3조 (목적) 또는 제4조",
        "---- ㆍ제2호 또는 제3호-",  # ㆍ reads as Big5 王; the rows after C6 only HKSCS fills
        "第4條第1項의 사유로",  # laws mix hanja in: a third of Hangul is Korean enough
    ],
)
def test_spaced_korean_read_as_windows_1252(korean_text: str) -> None:
    """Korean read as Windows-1252 in a line with no other CJK text: the reading is spaced
    one-syllable words, which the Latin-line rule must not take for lone characters."""
    assert fix_mojibake(corrupt(korean_text, ["euc-kr", "windows-1252"])) == korean_text


@pytest.mark.parametrize("korean_text", ["한다", "으로", "다만, 이", "제3조 제2항, 제7조"])
def test_short_korean_read_as_gbk(korean_text: str) -> None:
    """Two or three syllables read as GBK: common Han characters, no common Chinese pair."""
    assert fix_mojibake(corrupt(korean_text, ["euc-kr", "gbk"])) == korean_text


@pytest.mark.parametrize("text", ["哎哎哎哎哎", "啊啊啊啊啊啊", "哎哎哎 哎哎", "嗯嗯 啊啊啊"])
def test_repeated_interjections_unchanged(text: str) -> None:
    """A repeated Chinese interjection is evidence once, not once per repeat, for Korean."""
    assert fix_mojibake(text) == text


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="力亲俊蝶弗痹沥我们的工作中文 1a,。\n", max_size=300),
    st.integers(0, 300),
)
def test_spaced_pairs_are_found_as_the_regex_finds_them(text: str, pos: int) -> None:
    """The search around runs of spaces finds the regex's own first match, from any start."""
    from cjkclean.mojibake.hangul import _patterns, _spaced_pair

    spaced, _, _ = _patterns()
    fast = _spaced_pair(spaced, text, pos)
    slow = spaced.search(text, pos)
    assert (fast and fast.span()) == (slow and slow.span())
