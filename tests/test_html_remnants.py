"""Tests for the "html" stage: entities, stray tags, tag fragments, empty Markdown images."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjkclean.artifacts_html import fix_html
from cjkclean.pipeline import STAGES, Options, Step, apply_steps

CASES = json.loads(
    (Path(__file__).resolve().parents[1] / "corpora" / "typography" / "cases.json").read_text(
        encoding="utf-8"
    )
)


def run(text: str) -> tuple[str, list[Step]]:
    out, steps = fix_html(text, Options())
    assert apply_steps(text, steps) == out
    return out, steps


FIRES = [
    # (input, expected, rules)
    ("南京&nbsp;日报", "南京\u00a0日报", {"entity"}),
    ("双链融合&#183;智汇江宁", "双链融合·智汇江宁", {"entity"}),
    ("&#x4e2d;&#X6587;", "中文", {"entity"}),
    ("研发&amp;生产", "研发&生产", {"entity"}),
    ("&lt;3 &gt; &quot;引&quot;", '<3 > "引"', {"entity"}),
    ("&amp;nbsp;双重转义", "\u00a0双重转义", {"entity"}),
    ("粗体</strong>结束", "粗体结束", {"tag"}),
    ("<strong>标题</strong>", "标题", {"tag"}),
    ("<span class=\"a\" style='x'>中</span>", "中", {"tag"}),
    ("第一行<br/>第二行", "第一行\n第二行", {"tag"}),
    ("第一行<BR>第二行", "第一行\n第二行", {"tag"}),
    ("段一</p><p>段二", "段一\n\n段二", {"tag"}),
    ("<p>段落</p>", "段落", {"tag"}),
    ("a<b>粗</b>c", "a粗c", {"tag"}),
    ("前<!-- 注释 -->后", "前后", {"tag"}),
    ("共同體?!?/strong>", "共同體?!?", {"tag-fragment"}),
    ("创新沃土/span>", "创新沃土", {"tag-fragment"}),
    ("![]() 微信公众号", "微信公众号", {"empty-image"}),
    ("文 ![]() 字", "文 字", {"empty-image"}),
    ("结尾 ![]( )", "结尾", {"empty-image"}),
    ("&lt;strong&gt;粗&lt;/strong&gt;", "粗", {"entity+tag"}),
]

UNTOUCHED = [
    "a<b",
    "if a<b and b>c then",
    "a<b>c",  # a bare one-letter tag without its closing tag is not evidently a tag
    "<3 我爱你",
    "x < y > z",
    "AT&T 和 a & b",
    "&nbsp 没有分号",
    "&unknownentity; 不是实体",
    "a/b>c",
    "路径 src/strong>",  # ASCII before the fragment: could be anything
    "`<br/>` 和 `&amp;` 是代码",
    "```\n<div>代码块</div>\n```",
    "![图](a.png) 和 [](x)",
    "<泛型>和<T>参数",
    "1 -> 2 => 3",
]


@pytest.mark.parametrize(("text", "expected", "rules"), FIRES)
def test_fires(text: str, expected: str, rules: set[str]) -> None:
    out, steps = run(text)
    assert out == expected
    assert {s.rule for s in steps} == rules
    assert run(out) == (out, [])


@pytest.mark.parametrize("text", UNTOUCHED)
def test_untouched(text: str) -> None:
    assert run(text) == (text, [])


def test_fragment_step_says_what_was_swallowed() -> None:
    (step,) = run("共同體?!?/strong>")[1]
    assert step.detail == {"swallowed": "<"}


@pytest.mark.parametrize("case", [c for c in CASES if c["stage"] == "html"], ids=lambda c: c["id"])
def test_seed_lines(case: dict[str, object]) -> None:
    out, _ = run(str(case["input"]))
    assert out == case["expected"]


def test_stage_order() -> None:
    names = [s.name for s in STAGES]
    assert names.index("html") < names.index("unicode") < names.index("typography")
    if "mojibake" in names:
        assert names.index("mojibake") < names.index("html")


def test_html_option_off() -> None:
    import cjkclean

    assert "&amp;" in cjkclean.clean("研发&amp;生产", html=False, boilerplate=False)


_PIECES = st.sampled_from(
    ["<", ">", "/", "b", "br", "p", "strong", "&", "amp", ";", "#183", "nbsp", "!", "[", "]", "(",
     ")", "中", "文", "?", " ", "\n", "`", "=", '"', "x", "-"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_idempotent_and_replayable(text: str) -> None:
    out, _ = run(text)
    assert run(out)[0] == out


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文南京，。a1 \n()[]/=?")), max_size=50))
def test_text_without_markup_is_untouched(text: str) -> None:
    assert run(text) == (text, [])
