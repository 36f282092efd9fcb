"""Boilerplate line rules made of repeated fields are matched without exponential backtracking.

``credit.meta`` (``(?:LABEL\\s*[:：]\\s*VALUE\\s*){2,6}``) ran for minutes on one line of 190
characters of repeated ``发布时间：中中中中`` (every way to cut the line into fields was tried).
``boilerplate._RepeatedFields`` decides the same ``fullmatch`` by cutting the line left to
right; these tests compare it with the rule's own regex on lines short enough for the regex.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjkclean import boilerplate

MATCHERS = boilerplate._matchers()
REPEATED = {
    rule.id: (rule, matcher)
    for rule, matcher in zip(MATCHERS.ordered, MATCHERS.compiled, strict=True)
    if isinstance(matcher, boilerplate._RepeatedFields)
}
PIECES = st.sampled_from(
    [
        "发布时间", "作者", "时间", "来源", "编辑", "打印本页", "关闭窗口", ":", "：", " ", "  ",
        "\u3000", "|", "丨", "中", "中中中中", "a", "17", "。", "!", "？", "x" * 29, "y" * 31,
    ]
)  # fmt: skip


def test_the_repeated_field_rules_are_found() -> None:
    assert "credit.meta" in REPEATED


@pytest.mark.parametrize("rule_id", sorted(REPEATED))
@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(PIECES, max_size=9))
def test_repeated_fields_match_as_the_regex(rule_id: str, pieces: list[str]) -> None:
    rule, matcher = REPEATED[rule_id]
    line = "".join(pieces)
    regex = re.compile(rule.pattern, re.IGNORECASE)
    assert bool(matcher.fullmatch(line)) == bool(regex.fullmatch(line))


@pytest.mark.parametrize("rule_id", sorted(REPEATED))
def test_rule_examples_still_match(rule_id: str) -> None:
    rule, matcher = REPEATED[rule_id]
    assert matcher.fullmatch(boilerplate.fold_line(rule.example))


def test_the_hostile_metadata_line_is_judged() -> None:
    # Minutes before. Six fields of up to 65 characters can cover it (a value may hold spaces
    # and the next label): a metadata line, as the same line cut to 140 characters is by the
    # regex itself.
    line = ("发布时间：中中中中  " * 40)[:188] + "17"
    assert re.compile(REPEATED["credit.meta"][0].pattern).fullmatch(line[:140])
    assert REPEATED["credit.meta"][1].fullmatch(boilerplate.fold_line(line))
    out = boilerplate.strip_boilerplate("正文第一段。\n" + line + "\n")
    assert out.startswith("正文第一段。")


def test_other_shapes_keep_the_regex() -> None:
    assert boilerplate._RepeatedFields.of(r"(?:a)|(?:b){2,3}", 0) is None
    assert boilerplate._RepeatedFields.of(r"(?:^a){2,3}", 0) is None
    assert boilerplate._RepeatedFields.of(r"(?:a*){2,3}", 0) is None  # matches ""
    assert boilerplate._RepeatedFields.of(r"(?:a[)]){2,3}", 0) is not None
