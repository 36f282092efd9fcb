"""A ``?`` left by a Windows decoder also stands for the ASCII character after the lost byte.

.NET and PowerShell read UTF-8 with code page 936 byte by byte; the last byte of a character,
taken as a lead byte, swallows an ASCII byte below 0x40 (a space, a digit, a quote, ``<``) into
one ``?``. ``swallowed_character`` guesses what was taken from what is left; the fill puts it
back after the lost byte. Real cases from ``corpora/mojibake/wild.json`` (each with its source),
real lines of ``corpora/pages`` damaged by the simulated .NET decoder, and generated text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojibake_cases
from chinese_text import chinese
from cjkclean import fix_mojibake, fix_mojibake_and_explain
from cjkclean.mojibake.codecs import swallowed_character
from cjkclean.mojibake.simulate import corrupt

PAGES = Path(__file__).resolve().parent.parent / "corpora" / "pages"
DOTNET = ["utf-8", "gbk-question"]

# Wild cases whose ? took a space (016, 023, 035, 041) or the closing quote (028).
SWALLOWED_WILD = ("u8-gbk-016", "u8-gbk-023", "u8-gbk-028", "u8-gbk-035", "u8-gbk-041")


@pytest.mark.parametrize("case_id", SWALLOWED_WILD)
def test_wild_cases_get_their_swallowed_character_back(case_id: str) -> None:
    case = next(c for c in mojibake_cases.wild_cases() if c["id"] == case_id)
    assert fix_mojibake(case["input"]) == case["expected"]


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("鍚?audio", 1, " "),  # a letter is a trail byte: what was taken is not a letter
        ('"绠€鍗?Agent",', 4, " "),  # the quote is closed later in the line
        ('query = "浣犲ソ銆?', 13, '"'),  # an opened quote, nothing after it
        ("name: '縺ゅ↑縺・,", 11, "'"),  # code page 932 leaves ・
        ("**鐨勩€?*", 5, "*"),  # one * of a closing ** taken
        ("鐨?/strong>", 1, "<"),
        ("鍚?，", 1, ""),  # before full-width punctuation: unknown
        ("縺・", 1, ""),  # at the end: maybe nothing was there to take
        ("仅1580元 浠?580鍏", 8, ""),  # the text writes digits right after Chinese
        ("发\ufffd布", 1, ""),  # U+FFFD never takes a character
    ],
)
def test_what_a_mark_swallowed(text: str, index: int, expected: str) -> None:
    assert swallowed_character(text, index) == expected


def _page_lines() -> list[str]:
    """Real lines with Chinese next to a Latin word or a number (spaced or not)."""
    pattern = re.compile("[\u4e00-\u9fff] ?[A-Za-z0-9]|[A-Za-z0-9] ?[\u4e00-\u9fff]")
    return [
        line.strip()
        for path in sorted(PAGES.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if pattern.search(line) and 10 <= len(line.strip()) <= 120
    ][::4]


def test_real_lines_damaged_by_dotnet_are_restored_more_often() -> None:
    lines = _page_lines()
    assert len(lines) >= 400
    damaged = [corrupt(line, DOTNET) for line in lines]
    took = sum(bool(re.search(r"\?[A-Za-z0-9 *<]", d)) for d in damaged)
    assert took >= 100  # the damage under test is there
    exact = sum(fix_mojibake(d) == line for d, line in zip(damaged, lines, strict=True))
    # Measured 905 of 2,059 lines (all of them) exact, against 779 before swallowed characters
    # were put back; every fourth line is checked here.
    assert exact / len(lines) >= 0.40


def test_a_swallowed_character_is_reported_as_a_lossy_repair() -> None:
    damaged = corrupt("包含 audio 的 dict", DOTNET)
    assert "?" in damaged
    fixed, steps = fix_mojibake_and_explain(damaged)
    assert fixed == "包含 audio 的 dict"
    assert steps and all(step.detail["lossy"] for step in steps if "?" in step.before)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    words=st.lists(
        st.tuples(chinese(1, 3), st.sampled_from(["API", "HEAD", "dict", "Range", "GitHub"])),
        min_size=1,
        max_size=3,
    )
)
def test_spaced_latin_words_keep_their_spaces(words: list[tuple[str, str]]) -> None:
    text = "".join(f"{han} {latin} " for han, latin in words).strip()
    fixed = fix_mojibake(corrupt(text, DOTNET))
    # Never more spaces than written, whatever the fill guessed; and a repair is settled.
    assert fixed.count(" ") <= text.count(" ")
    assert fix_mojibake(fixed) == fixed
