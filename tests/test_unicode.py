"""Tests for the "unicode" stage: every rule with counter-examples, the radicals table against
its Unicode source, and hypothesis properties."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjkclean.pipeline import Options, Step, apply_steps
from cjkclean.unicode import fix_unicode, radical_table

ROOT = Path(__file__).resolve().parents[1]
REAL_UNIFIED = [0xFA0E, 0xFA0F, 0xFA11, 0xFA13, 0xFA14, 0xFA1F, 0xFA21, 0xFA23, 0xFA24, 0xFA27,
                0xFA28, 0xFA29]  # fmt: skip


def run(text: str) -> tuple[str, list[Step]]:
    out, steps = fix_unicode(text, Options())
    assert apply_steps(text, steps) == out
    return out, steps


def fixed(text: str) -> str:
    return run(text)[0]


RULES = [
    # (input, expected, rule)
    ("南\u200b京", "南京", "zero-width-space"),
    ("南\u2060京", "南京", "word-joiner"),
    ("\ufeff南京", "南京", "bom"),
    ("南\ufeff京", "南京", "zero-width-no-break-space"),
    ("infor\u00admation", "information", "soft-hyphen"),
    ("南\u200d京", "南京", "zero-width-joiner"),
    ("葛\U000e0100城", "葛城", "variation-selector"),
    ("辻\ufe00", "辻", "variation-selector"),
    ("⼀⼆⼈", "一二人", "radical"),  # Kangxi radicals
    ("⺅⻌⻣", "亻辶骨", "radical"),  # CJK Radicals Supplement, mostly outside NFKC
    ("\uf900\uf9dc", "豈隆", "compat-ideograph"),
    ("\U0002f800", "丽", "compat-ideograph"),
    ("ＡＢＣ１２３ｘｙｚ", "ABC123xyz", "fullwidth-alnum"),
    ("a\x00b\x07c\x1bd\x7fe\x9bf", "abcdef", "control"),
    ("第一页\x0c第二页", "第一页\n第二页", "control"),
    ("e\u0301", "é", "nfc"),
    ("\u1100\u1161", "가", "nfc"),
    ("か\u3099", "が", "nfc"),
    ("e\u0301\ufa0e", "é\ufa0e", "nfc"),  # next to a real unified ideograph of the compat block
]


@pytest.mark.parametrize(("text", "expected", "rule"), RULES)
def test_rule_fires(text: str, expected: str, rule: str) -> None:
    out, steps = run(text)
    assert out == expected
    assert {s.rule for s in steps} == {rule}
    assert run(out) == (out, [])


UNTOUCHED = [
    "全角标点，：；？！（）【】《》“”",  # full-width Chinese punctuation is kept
    "①②③ ㈱ ㎏ ﬁ",  # what NFKC would flatten
    "\ufa0e\ufa0f\ufa11\ufa13\ufa14\ufa1f\ufa21\ufa23\ufa24\ufa27\ufa28\ufa29",  # real unified
    "👨\u200d👩\u200d👧 ❤\ufe0f\u200d🔥 🏳\ufe0f\u200d🌈",  # emoji ZWJ sequences
    "क\u094d\u200dष",  # Devanagari half form
    "❤\ufe0f ☺\ufe0e",  # emoji/text presentation after non-Han
    "tab\tnewline\ncr\r\n",
    "\u3000ideographic space and ｶﾀｶﾅ",  # not this stage's business
    "“引号” ‘单引号’ — …",
]


@pytest.mark.parametrize("text", UNTOUCHED)
def test_untouched(text: str) -> None:
    assert run(text) == (text, [])


def test_replacement_character_is_reported_not_changed() -> None:
    text = "回答了记者提问\ufffd\ufffd。"
    out, steps = run(text)
    assert out == text
    (step,) = steps
    assert (step.rule, step.start, step.end) == ("replacement-character", 7, 9)
    assert step.before == step.after and step.detail["lossy"] is True


def test_replacement_report_with_other_changes_still_replays() -> None:
    text = "\u200b\ufffd Ａ\u200be\u0301"
    out, steps = run(text)
    assert out == "\ufffd Aé"
    assert [s.rule for s in steps if s.before == s.after] == ["replacement-character"]


def test_real_unified_ideographs_have_no_decomposition() -> None:
    for cp in REAL_UNIFIED:
        assert unicodedata.decomposition(chr(cp)) == ""
    assert "CJK COMPATIBILITY IDEOGRAPH" in unicodedata.name("\ufa0e")


def test_every_compat_ideograph_with_a_mapping_is_fixed() -> None:
    blocks = [*range(0xF900, 0xFB00), *range(0x2F800, 0x2FA20)]
    text = "".join(chr(cp) for cp in blocks if unicodedata.category(chr(cp)) == "Lo")
    out = fixed(text)
    assert out == "".join(
        c if ord(c) in REAL_UNIFIED else unicodedata.normalize("NFC", c) for c in text
    )
    assert all(s.rule == "compat-ideograph" for s in run(text)[1])


def test_radical_table_matches_its_source() -> None:
    table = radical_table()
    source = (ROOT / "scripts" / "sources" / "EquivalentUnifiedIdeograph-15.0.0.txt").read_text(
        encoding="utf-8"
    )
    expected: dict[str, str] = {}
    for raw in source.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            src, dst = (f.strip() for f in line.split(";"))
            lo, _, hi = src.partition("..")
            for cp in range(int(lo, 16), int(hi or lo, 16) + 1):
                if 0x2E80 <= cp <= 0x2FDF:
                    expected[chr(cp)] = chr(int(dst, 16))
    assert table == expected
    kangxi = [chr(cp) for cp in range(0x2F00, 0x2FD6)]
    assert all(table[c] == unicodedata.normalize("NFKC", c) for c in kangxi)
    supplement = [c for c in table if ord(c) < 0x2F00]
    assert len(supplement) > 100


def test_all_radicals_map() -> None:
    text = "".join(radical_table())
    assert fixed(text) == "".join(radical_table().values())


# --------------------------------------------------------------------------- properties

_ODD = st.sampled_from(
    ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u200d", "\ufe00", "\ufe0f", "\U000e0100", "⼀",
     "⺅", "\uf900", "\ufa0e", "Ａ", "１", "\x00", "\x0c", "\x85", "\ufffd", "\u0301", "\u3099",
     "\u1100", "\u1161", "👨", "e", "か", "中", "文", " ", "\n", "，"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_ODD, max_size=30).map("".join))
def test_idempotent_and_replayable(text: str) -> None:
    out, _ = run(text)
    again, steps = run(out)
    assert again == out
    assert all(s.before == s.after for s in steps)
    assert unicodedata.is_normalized("NFC", out)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文南京，。、“”（）abc 123\n\t")), max_size=50))
def test_clean_text_is_untouched(text: str) -> None:
    assert run(text) == (text, [])
