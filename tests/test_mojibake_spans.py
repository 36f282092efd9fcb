"""Short mojibake inside clean text: the damaged span is repaired, its clean neighbours are not.

The clean context is real text: the lines of the reviewed golden outputs of the seed articles
(``corpora/seeds/expected/``). A span of 2-8 characters is damaged in place, the way one phrase
pasted through a wrong decoder ends up in an otherwise clean line.

A stretch of bytes that reads validly often runs on into the clean characters next to the damage
(也 is GBK D2 B2, and D2 B2 is valid UTF-8 for Ҳ); such neighbours must be given back.
"""

from __future__ import annotations

import functools
import pathlib
import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cjkclean.mojibake import fix_mojibake
from cjkclean.mojibake.simulate import corrupt, is_lossless

EXPECTED = pathlib.Path(__file__).resolve().parent.parent / "corpora" / "seeds" / "expected"


@functools.lru_cache(maxsize=1)
def _lines() -> list[str]:
    """Lines of the golden seed outputs with at least 12 characters."""
    lines = []
    for path in sorted(EXPECTED.glob("*.txt")):
        lines.extend(
            line for line in path.read_text(encoding="utf-8").splitlines() if len(line) >= 12
        )
    return lines


def _damage(line: str, start: int, length: int, chain: list[str]) -> str | None:
    """*line* with ``line[start:start + length]`` sent through *chain*, or None if lossy."""
    span = line[start : start + length]
    if not is_lossless(span, chain):
        return None
    damaged = corrupt(span, chain)
    if damaged == span:
        return None
    return line[:start] + damaged + line[start + length :]


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        # Observed before the fix: the neighbour read as UTF-8 too (也 → Ҳ, 一 → һ, 司 → ˾).
        ("环境也涓嶅ソ，房间大", "环境也不好，房间大"),
        ("是周围所有酒店里唯一夜间没有", "是周围所有酒店里唯一夜间没有"),
        ("用多久，公司前面已经买", "用多久，公司前面已经买"),
        ("用多久锛屽叕司前面", "用多久，公司前面"),
    ],
)
def test_neighbours_of_a_damaged_span_are_left_alone(damaged: str, expected: str) -> None:
    assert fix_mojibake(damaged) == expected


SPAN_CHAINS = [["utf-8", "gbk"], ["gbk", "windows-1252"], ["utf-8", "windows-1252"]]


@pytest.mark.parametrize("chain", SPAN_CHAINS, ids=">".join)
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_short_span_in_clean_line_round_trips(chain: list[str], data: st.DataObject) -> None:
    line = data.draw(st.sampled_from(_lines()))
    length = data.draw(st.integers(2, 8))
    start = data.draw(st.integers(0, len(line) - length))
    damaged = _damage(line, start, length, chain)
    assume(damaged is not None)
    assert fix_mojibake(damaged) == line


def test_short_spans_in_clean_lines_floor() -> None:
    """A statistical floor over more chains, including the weaker Shift_JIS one."""
    rng = random.Random(11)
    lines = _lines()
    chains = [*SPAN_CHAINS, ["utf-8", "shift_jis"]]
    total = right = 0
    for _ in range(400):
        line = rng.choice(lines)
        length = rng.randint(2, 8)
        start = rng.randrange(0, len(line) - length + 1)
        damaged = _damage(line, start, length, rng.choice(chains))
        if damaged is None:
            continue
        total += 1
        right += fix_mojibake(damaged) == line
    assert total >= 150
    assert right / total >= 0.97


# --- weak clues standing alone ----------------------------------------------------------------


def test_a_lone_weak_clue_is_not_searched() -> None:
    """A rare character of a name in plain text (王璞, 张琛) opens no search window; a lone strong
    clue still does, and its damage is repaired (涓板勾 = 丰年)."""
    from cjkclean.mojibake.engine import _clue_pattern, _weak_clues, _windows

    clue = _clue_pattern()
    for text in ("我们的朋友小莉今天来了", "记者王璞报道", "新华社记者张琛报道"):
        name = next(c for c in text if clue.match(c))
        assert name in _weak_clues()
        assert _windows(text, 0, len(text), clue) == []
        assert fix_mojibake(text) == text
    damaged = "我们今天涓板勾都很好。"
    assert _windows(damaged, 0, len(damaged), clue)
    assert fix_mojibake(damaged) == "我们今天丰年都很好。"


@pytest.mark.parametrize("word", ["丰年", "为主", "丹麦", "临潼", "为了", "主控"])
def test_lone_strong_clues_of_two_character_words_are_repaired(word: str) -> None:
    """Damage of a two-character word whose mojibake holds one clue among common characters
    (``涓轰富`` = 为主: the clue stands alone in plain text) is still found, because that clue is
    strong. These repairs needed the narrow search of lone clues (measured over 6,000 words)."""
    damaged = corrupt(word, ["utf-8", "gbk"])
    assert fix_mojibake("我们今天" + damaged + "都很好。") == "我们今天" + word + "都很好。"


@pytest.mark.parametrize(
    "chain", [["gbk", "big5"], ["big5", "gbk"], ["shift_jis", "gbk"]], ids=">".join
)
def test_a_whole_line_of_double_byte_confusion_among_clean_lines(chain: list[str]) -> None:
    """A line read with the wrong double-byte code page, among clean lines, is repaired: its
    window is dense with clues, so the sparse-window shortcut (no double-byte readings where
    clues are fewer than one per ten Han characters) does not apply to it."""
    from cjkclean.mojibake.engine import _HAN_CHARACTER, _SPARSE, _clue_pattern

    clean = [line for line in _lines() if len(line) >= 20][:3]
    source = {"big5": "這是一個用繁體中文寫成的句子，說明檔案的內容與用途。"}
    source["shift_jis"] = "これは日本語で書かれた説明の文章です。"
    line = source.get(chain[0], "这是一个用简体中文写成的句子，说明文件的用途。")
    assert is_lossless(line, chain)
    damaged = corrupt(line, chain)
    clue = _clue_pattern()
    assert len(clue.findall(damaged)) >= _SPARSE * len(_HAN_CHARACTER.findall(damaged))
    text = "\n".join([clean[0], damaged, *clean[1:]])
    assert fix_mojibake(text) == "\n".join([clean[0], line, *clean[1:]])
