"""Tests of the artifacts stage: converter pinyin notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjkclean.artifacts import (
    artifacts_stage,
    canonical_syllable,
    converter_notes,
    find_pinyin_notes,
    readings,
    remove_pinyin_notes,
)
from cjkclean.pipeline import Options, apply_steps

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CASES = json.loads((ROOT / "corpora" / "artifacts" / "cases.json").read_text(encoding="utf-8"))[
    "cases"
]


def _seed(case: dict[str, object]) -> Path:
    path = ROOT.parent / str(case["seed"])
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{Path(c['seed']).name[:3]}:{c['line']}")
def test_seed_line_in_its_document(case: dict[str, object]) -> None:
    text = _seed(case).read_text(encoding="utf-8")
    assert text.splitlines()[int(str(case["line"])) - 1] == case["input"]
    out, steps = artifacts_stage(text, Options())
    assert apply_steps(text, steps) == out
    assert out.splitlines()[int(str(case["line"])) - 1] == case["expected"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{Path(c['seed']).name[:3]}:{c['line']}")
def test_seed_line_alone(case: dict[str, object]) -> None:
    line = str(case["input"])
    if len(find_pinyin_notes(line)) < 2:
        assert remove_pinyin_notes(line) == line  # one note alone is never enough evidence
    else:
        assert remove_pinyin_notes(line) == case["expected"]


def test_seed_documents_lose_every_note() -> None:
    for name in ("000_26e5d56e0ba9f094.txt", "004_19b2de67074b4ac7.txt"):
        path = SEEDS / name
        if not path.exists():
            pytest.skip("seeds not available")
        text = path.read_text(encoding="utf-8")
        out, steps = artifacts_stage(text, Options())
        assert find_pinyin_notes(out) == []
        assert all(s.after == "" and s.before.startswith("(") for s in steps)
        assert len(steps) == len(find_pinyin_notes(text)) > 100


def test_seed_documents_without_notes_untouched() -> None:
    for path in sorted(SEEDS.glob("00[123]_*.txt")):
        text = path.read_text(encoding="utf-8")
        assert artifacts_stage(text, Options()) == (text, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("科創(chuàng)企業(yè)", "科創企業"),
        ("科創(chuang4)企業(ye4)", "科創企業"),  # tone numbers
        ("科創（chuàng）企業（yè）", "科創企業"),  # full-width parentheses
        ("綠(lǜ)色發(fā)展", "綠色發展"),
        ("綠(lv4)色發(fa1)展", "綠色發展"),
        ("綠(lu:4)色發(fa1)展", "綠色發展"),
        ("這麼(me)說發(fā)展", "這麼說發展"),  # neutral tone, no mark
        ("創(chuàng)(chuàng)業(yè)", "創業"),  # doubled note removed at once
    ],
)
def test_converter_notes_removed(text: str, expected: str) -> None:
    assert remove_pinyin_notes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "這個字讀作行(háng),不讀行(xíng)。",  # polyphone note on a character both scripts share
        "銀行的行讀作行(háng)。",  # a single note
        "長(zhǎng)大的長,長(cháng)度的長。",  # one character, two readings: a lesson
        "我(wǒ)們(men)愛(ài)山(shān)水(shuǐ)",  # every character glossed (textbook)
        "床(chuáng)前(qián)明(míng)月(yuè)光(guāng),疑(yí)是(shì)地(dì)上(shàng)霜(shuāng)",
        "科創(yè)企業(chuàng)",  # syllables that are not readings of the character
        "科創(chuang)企業(ye)",  # no tone: not accepted for toned readings
        "軟通動力信息技術(集團)股份有限公司與科技(江蘇)有限公司",
        "見附錄(see above)與圖表(fig)",
    ],
)
def test_legitimate_parentheses_kept(text: str) -> None:
    assert remove_pinyin_notes(text) == text


def test_canonical_syllable_rejects_non_pinyin() -> None:
    assert canonical_syllable("x1y") is None
    assert canonical_syllable("ǎà") is None  # two tones
    assert canonical_syllable("chuàng") == canonical_syllable("CHUANG4")


def test_readings_table() -> None:
    assert {"xing2", "hang2"} <= readings("行")
    assert readings("A") == frozenset()
    assert converter_notes("") == []


_SYLLABLES = ["chuàng", "yè", "fā", "háng", "xíng", "de", "ye4", "zhǎng", "cháng", "lǜ", "see"]
_PIECES = st.one_of(
    st.sampled_from(list("創業發行長的綠科企我山中國 ,。(")),
    st.sampled_from(_SYLLABLES).map(lambda s: f"({s})"),
    st.text(alphabet="abc)(（） \n", max_size=3),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_stage_properties(text: str) -> None:
    out, steps = artifacts_stage(text, Options())
    assert apply_steps(text, steps) == out
    assert artifacts_stage(out, Options()) == (out, [])  # idempotent
    assert len(out) <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="(（")))
def test_text_without_parentheses_unchanged(text: str) -> None:
    assert artifacts_stage(text, Options()) == (text, [])


def test_readings_loaded_lazily_and_pypinyin_never_imported() -> None:
    import subprocess
    import sys

    code = (
        "import sys, cjkclean, cjkclean.artifacts as a\n"
        "cjkclean.clean('沒有括號的文字')\n"
        "print(a._table.cache_info().currsize)\n"
        "cjkclean.clean('科創(chuàng)企業(yè)')\n"
        "print(a._table.cache_info().currsize, 'pypinyin' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0", "1", "False"]
