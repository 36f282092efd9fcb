"""Tests for the "typography" stage: table-driven rules with counter-examples, seed lines,
and hypothesis properties (idempotence, untouched clean text, replayable steps)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cjkclean
from cjkclean.pipeline import Options, Step, apply_steps
from cjkclean.typography import fix_typography

CASES = json.loads(
    (Path(__file__).resolve().parents[1] / "corpora" / "typography" / "cases.json").read_text(
        encoding="utf-8"
    )
)


def run(text: str, **options: object) -> tuple[str, list[Step]]:
    out, steps = fix_typography(text, Options.from_kwargs(**options))
    assert apply_steps(text, steps) == out
    return out, steps


def fixed(text: str, **options: object) -> str:
    return run(text, **options)[0]


# --------------------------------------------------------------------------- punctuation

PUNCTUATION = [
    # (input, expected) — the rule fires
    ("4月23日至24日,江蘇", "4月23日至24日，江蘇"),
    ("兩個月前,2月24日", "兩個月前，2月24日"),
    ("兩個月前, 2月24日", "兩個月前，2月24日"),
    ("聚焦:约", "聚焦：约"),
    ("发布时间:2023-12-08", "发布时间：2023-12-08"),
    ("友情链接 :", "友情链接："),
    ("全面;关注", "全面；关注"),
    ("大局?", "大局？"),
    ("真的吗?!", "真的吗？！"),
    ("好!", "好！"),
    ("25%,重点", "25%，重点"),
    ("使用Python,效率高", "使用Python，效率高"),
    ("达到80%;", "达到80%；"),
    ("共1, 2, 3个", "共1，2，3个"),
    ("これは本当?テスト(試験)です", "これは本当？テスト（試験）です"),
    ("技术(装备)攻关", "技术（装备）攻关"),
    ("江苏 ( 南京 ) 发布", "江苏（南京）发布"),
    ("(来源:现代快报)", "（来源：现代快报）"),
    ("行动计划(2024 — 2026年)", "行动计划（2024 — 2026年）"),
    ("邮箱:secretariat@citsa.org.cn", "邮箱：secretariat@citsa.org.cn"),
    ("网址:https://example.cn/a", "网址：https://example.cn/a"),
    ("详见https://example.cn/a,谢谢", "详见https://example.cn/a，谢谢"),  # URL ends before ,
    ("访问www.example.com获取,谢谢", "访问www.example.com获取，谢谢"),
]

NO_PUNCTUATION = [
    # the contexts where the rule must not fire
    "共 3,000 人",
    "周一到周五9:00-18:00",
    "2024-02-19 19:51:28",
    "比分 3:2",
    "Hello, world! How are you?",
    "I love 北京, Shanghai and Tokyo.",
    "见 https://example.cn/path?a=1,b=2;c=3 中文",
    "联系 user.name+tag@mail.example.com 中文",
    "代码 `a, b = f(x); print(a?b)` 中文",
    "```\n配置 = {a: 1, b: 2}\n```",
    "算力 6000P FLOPS(FP16)",
    "科創(chuàng)企業",
    "Nanjing (南京) is a city",
    "중국어, 한국어",
    "what?中文",
    "Chapter 3, 4 and 5",
    "Have you been to 北京?",
    "The company 华为, founded in 1987, is based in 深圳.",
    "안녕하세요, 세계!",
    "文本&nbsp;内容",
    "图片 ![说明,图](a.png) 和 [链接](https://a.cn/x,y)",
]


@pytest.mark.parametrize(("text", "expected"), PUNCTUATION)
def test_punctuation_fires(text: str, expected: str) -> None:
    assert fixed(text) == expected


@pytest.mark.parametrize("text", NO_PUNCTUATION)
def test_punctuation_does_not_fire(text: str) -> None:
    out, steps = run(text, spacing="keep")
    assert out == text
    assert steps == []


def test_punctuation_option_off() -> None:
    assert fixed("大局?聚焦:约", punctuation=False) == "大局?聚焦:约"


# --------------------------------------------------------------------------- quotes

QUOTES = [
    ('以 " 新春第一会 " 的奋进姿态', "以“新春第一会”的奋进姿态"),
    ('确定的 "3610" 目标任务', "确定的“3610”目标任务"),
    ('他问"为什么"然后', "他问“为什么”然后"),
    ('贡献 " 实力榜 ";关注', "贡献“实力榜”；关注"),
    ('设置 " 五力 " " 榜单 " 升级', "设置“五力”“榜单”升级"),
    ('用 Python " 教程 " 学', "用 Python “教程”学"),  # the space before a Latin word stays
]

NO_QUOTES = [
    'He said "hello" and left.',
    'JSON {"名字": "张三"}',
    'He said "你好" to me.',
    'html <a title="中文">',
    '尺寸 5" 屏幕 " " 测试',
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quotes_fire(text: str, expected: str) -> None:
    assert fixed(text, spacing="keep") == expected


@pytest.mark.parametrize("text", NO_QUOTES)
def test_quotes_do_not_change(text: str) -> None:
    out, steps = run(text, punctuation=False, spacing="keep")
    assert out == text
    assert all(s.before == s.after for s in steps)


@pytest.mark.parametrize("text", ["共同體?!?", "真的吗??", "你好，真的???谢谢"])
def test_question_mark_runs_are_reported_not_converted(text: str) -> None:
    out, steps = run(text)
    assert out == text
    (step,) = steps
    assert step.rule == "question-mark-run" and step.before == step.after
    assert step.before.count("?") >= 2 and step.detail == {"possibly_lossy": True}


def test_unbalanced_ascii_quotes_are_reported_not_guessed() -> None:
    text = '还有国家 " 数字领航 " 企业和 " 小巨人'
    out, steps = run(text, punctuation=False, spacing="keep")
    assert out == text
    reports = [s for s in steps if s.rule == "unbalanced-quote"]
    assert [s.start for s in reports] == [i for i, c in enumerate(text) if c == '"']
    assert all(s.before == s.after == '"' and s.detail["quotes_on_line"] == 3 for s in reports)


def test_unbalanced_curly_quotes_are_reported() -> None:
    text = "推广在谈即保障”“签约即预审”“建成即投产"
    out, steps = run(text)
    assert out == text
    problems = {(s.before, s.detail["problem"]) for s in steps if s.rule == "unbalanced-quote"}
    assert problems == {("”", "no opening “"), ("“", "no closing ”")}


def test_balanced_curly_quotes_are_not_reported() -> None:
    assert run("他说“好”，然后“走”。") == ("他说“好”，然后“走”。", [])


# --------------------------------------------------------------------------- spacing

COMPACT = [
    ("2 月 19 日", "2月19日"),
    ("约 160 位企业家", "约160位企业家"),
    ("分别达到 75%、90% 和 95%", "分别达到75%、90%和95%"),
    ("到 2026 年", "到2026年"),
    ("第 1.5 倍", "第1.5倍"),
]

NO_COMPACT = [
    "发布时间：2023 稿件",  # one isolated occurrence: a separator, not the converter's pattern
    "稳坐 C 位",
    "含 5G 工厂",
    "周五 9:00 开始",
    "发布时间 2023-12-08 稿件",
    "北京  100  上海",
    "访问 https://a.cn/1 中文",
    "版本 v2 发布",
]


@pytest.mark.parametrize(("text", "expected"), COMPACT)
def test_compact_spacing(text: str, expected: str) -> None:
    assert fixed(text) == expected


@pytest.mark.parametrize("text", NO_COMPACT)
def test_compact_spacing_does_not_fire(text: str) -> None:
    assert fixed(text) == text


SPACED = [
    ("于3月10日开始", "于 3 月 10 日开始"),
    ("长桥LongBridge App下载", "长桥 LongBridge App 下载"),
    ("增长75%的", "增长 75% 的"),
    ("本番環境でGoを使用", "本番環境で Go を使用"),
]


@pytest.mark.parametrize(("text", "expected"), SPACED)
def test_spaced_style(text: str, expected: str) -> None:
    assert fixed(text, spacing="spaced") == expected


def test_spaced_style_leaves_urls_alone() -> None:
    text = "见https://a.cn/中文页面"
    assert fixed(text, spacing="spaced") == "见 https://a.cn/中文页面"


def test_keep_spacing() -> None:
    assert fixed("2 月 19 日", spacing="keep") == "2 月 19 日"


def test_bad_spacing_value_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="spacing must be one of"):
        fixed("x", spacing="wide")


# --------------------------------------------------------------------------- whitespace

WHITESPACE = [
    ("时间:2023\u00a0\u00a0\u00a0\u00a0 稿件", "时间：2023 稿件"),
    ("南京\u3000\u3000日报", "南京 日报"),
    ("南京\u3000日报", "南京\u3000日报"),  # a single ideographic space is a legitimate separator
    ("南京\u00a0日报", "南京 日报"),
    ("\u3000\u3000段落缩进", "段落缩进"),
    ("行尾  \n下一行\u3000\n", "行尾\n下一行\n"),
    ("windows  \r\nline", "windows\r\nline"),
    ("    缩进保留", "    缩进保留"),  # ASCII indentation is not ours to judge
    ("\n\n\n", "\n\n\n"),
]


@pytest.mark.parametrize(("text", "expected"), WHITESPACE)
def test_whitespace(text: str, expected: str) -> None:
    assert fixed(text) == expected


def test_whitespace_option_off() -> None:
    assert fixed("行尾  \n", whitespace=False) == "行尾  \n"


# --------------------------------------------------------------------------- seed lines


@pytest.mark.parametrize(
    "case", [c for c in CASES if c["stage"] == "typography"], ids=lambda c: c["id"]
)
def test_seed_lines(case: dict[str, object]) -> None:
    out, steps = run(str(case["input"]))
    assert out == case["expected"]
    assert sorted({s.rule for s in steps if s.before == s.after}) == case["reports"]
    assert fixed(out) == out


def test_typography_in_the_pipeline_keeps_line_count() -> None:
    text = "第一行,内容  \n\n第二行 ( 括号 )\u00a0\u00a0\n"
    assert cjkclean.clean(text, boilerplate=False).count("\n") == text.count("\n")


# --------------------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    [
        *'中文南京的年月日一二 ,:;?!()"“”0123456789abcXYZ%.-/@\n\t\u00a0\u3000`&#;',
        *["https://a.cn/x", "&nbsp;", "，", "。", "（", "）"],
    ]
)
_TEXT = st.lists(_ALPHABET, max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.sampled_from(["compact", "spaced", "keep"]))
def test_idempotent_and_replayable(text: str, spacing: str) -> None:
    out, _ = run(text, spacing=spacing)
    again, steps2 = run(out, spacing=spacing)
    assert again == out
    assert all(s.before == s.after for s in steps2)


_CLEAN = st.lists(
    st.sampled_from([*"中文南京的年月日一二，。：；？！（）“”、", "0", "12", "\n"]), max_size=40
).map("".join)


@settings(max_examples=100, deadline=None)
@given(_CLEAN)
def test_clean_chinese_text_is_untouched(text: str) -> None:
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    quotes = text.count("“") + text.count("”")
    out, steps = run(text)
    assert out == text
    if not quotes:
        assert steps == []


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=60))
def test_ascii_text_is_untouched_by_punctuation_and_quotes(text: str) -> None:
    assert fixed(text, whitespace=False, spacing="keep") == text


@pytest.mark.parametrize(
    "line",
    [
        "第44條(休職) ① 敎育公務員이 다음 각 호의 1에 해당할 때",  # konlpy's kolaw
        "할 수 있다. 다만, 第1號 내지 第4號 및",
        "中國(중국)에서 왔다: 北京, 上海",
    ],
)
def test_a_line_with_hangul_keeps_its_ascii_punctuation(line: str) -> None:
    """Korean writes ASCII punctuation, also around hanja; it once became 第44條（休職）."""
    assert cjkclean.clean(line) == line


def test_a_long_line_made_mostly_of_marks_is_left_alone_and_reported() -> None:
    """``??,`` or ``! `` repeated, or brackets nested deep, over a whole long line: not text; its
    marks stay as they are, one report says so, and the cost stays that of clean text."""
    for line in ("中" + "??," * 5000, "中" + "! " * 8000, "(" * 6000 + "中" + ")" * 6000):
        out, steps = cjkclean.clean_and_explain(line)
        typography = [s for s in steps if s.stage == "typography" and s.before != s.after]
        assert all(s.rule == "trailing-whitespace" for s in typography), typography
        assert any(s.rule == "punctuation-line" for s in steps)
        assert out.rstrip() == line.rstrip()


def test_a_book_on_one_line_still_has_its_punctuation_made_full_width() -> None:
    line = "他说,今天天气很好;我们去公园散步吧!" * 800  # marks are a tenth of it
    assert len(line) > 10_000
    assert cjkclean.clean(line) == "他说，今天天气很好；我们去公园散步吧！" * 800
