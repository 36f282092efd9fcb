"""Footer notices written as sentences, dividers that open a footer, and ``block`` headings.

These are the three mechanisms added for WeChat promotion blurbs and repost notices (issue 5):
each is checked where it must act (the end of a document) and where it must not (the body).
"""

from __future__ import annotations

import opencc
from hypothesis import given, settings
from hypothesis import strategies as st

from cjkclean.boilerplate import load_rules, strip_boilerplate, strip_boilerplate_and_explain
from cjkclean.pipeline import apply_steps

BODY = "第一段正文，讲的是一件事。\n\n第二段正文，又讲了另一件事。\n"
NOTICES = [r for r in load_rules() if r.kind == "notice"]


def _removed_rules(text: str) -> list[str]:
    return [s.rule for s in strip_boilerplate_and_explain(text)[1] if s.rule != "collapse-blank"]


def test_every_notice_rule_removes_its_example_at_the_end() -> None:
    assert len(NOTICES) >= 8
    for rule in NOTICES:
        text = BODY + "\n" + rule.example + "\n"
        if rule.category == "credit":  # an author's bio: kept unless keep_credits=False
            assert strip_boilerplate(text) == text, rule.id
            assert strip_boilerplate(text, keep_credits=False) == BODY, rule.id
        else:
            assert strip_boilerplate(text) == BODY, rule.id  # by this rule or a line rule


def test_author_bio_lets_the_walk_reach_the_footer_above() -> None:
    appeal = "請加入成為眾新聞的月費訂戶，長期支持我們的工作。"
    bio = "【子亮・跑足全程】傳媒自由人、體育公關。跑步與睇足球，不少都市人最愛。"
    text = BODY + f"\n---\n\n{appeal}\n\n---\n\n**博客 | 子亮**\n\n{bio}\n"
    out = strip_boilerplate(text)
    assert appeal not in out and bio in out


def test_notice_inside_the_body_is_content() -> None:
    for rule in NOTICES:
        text = BODY + "\n" + rule.example + "\n\n" + "最后一段正文，文章到这里才结束。\n"
        assert strip_boilerplate(text) == text, rule.id


def test_notices_in_traditional() -> None:
    to_trad = opencc.OpenCC("s2hk")
    for rule in NOTICES:
        text = to_trad.convert(BODY + "\n" + rule.example + "\n")
        assert strip_boilerplate(text, keep_credits=False) == to_trad.convert(BODY), rule.id


def test_notice_walk_stops_at_the_first_plain_sentence() -> None:
    notice, blurb = "本文版权归原作者所有，未经许可禁止转载。", "NGOCN是一个非营利的自媒体。"
    text = BODY + f"\n{notice}\n\n{blurb}\n\n长按二维码关注我们\n"
    assert strip_boilerplate(text) == BODY
    # a sentence between two notices keeps the upper one: the walk stops at the sentence
    text2 = (
        BODY + "\n本文版权归原作者所有。\n\n我们明天再见，故事还没有讲完。\n\n长按二维码关注我们\n"
    )
    assert (
        strip_boilerplate(text2)
        == BODY + "\n本文版权归原作者所有。\n\n我们明天再见，故事还没有讲完。\n"
    )


def test_divider_opens_a_footer_of_short_lines() -> None:
    card = ["经济观察报书评", "eeobook", "阅读有难度的文章", "合作及投稿邮箱：eeobook@sina.com"]
    footer = "* * *\n\n" + "\n\n".join(card) + "\n"
    out = strip_boilerplate(BODY + "\n" + footer)
    assert out == BODY + "\n* * *\n"
    # without boilerplate after them, the short lines under a divider are content
    kept = BODY + "\n---\n\n参考书目\n\n《新学记》\n"
    assert strip_boilerplate(kept) == kept


def test_block_heading_takes_its_short_lines() -> None:
    themes = "".join(f"主题{n}：新三届人的故事\n\n" for n in "一二三四五六七八九")
    text = BODY + "\n**征 稿**\n\n" + themes + "投稿邮箱：someone@qq.com\n"
    assert strip_boilerplate(text) == BODY
    # the same heading and lines in the body of an article stay
    body_text = "**征 稿**\n\n" + themes + BODY
    assert strip_boilerplate(body_text) == body_text


def test_linked_image_is_layout() -> None:
    image = '[![](https://a.example/x.jpg "尾标")](https://b.example/y)'
    text = BODY + f"\n商务合作请加微信：abc12345\n\n{image}\n\n长按二维码关注\n"
    out, steps = strip_boilerplate_and_explain(text)
    assert apply_steps(text, steps) == out
    assert out == BODY


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from([r.example for r in NOTICES] + ["正文句子。", "短行", "---", ""]),
        max_size=8,
    )
)
def test_notice_documents_replay_and_are_idempotent(lines: list[str]) -> None:
    text = BODY + "\n" + "\n".join(lines) + "\n"
    out, steps = strip_boilerplate_and_explain(text)
    assert apply_steps(text, steps) == out
    assert strip_boilerplate(out) == out
    assert out.startswith(BODY.rstrip("\n"))
