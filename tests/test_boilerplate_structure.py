"""Structural footer signals of the third session (issue 5): footer words, markup-free views,
trailing links and short lines below the last footer line, contact lines with labels.

Each is checked where it must act (the end of a document) and where it must not (the body, a
caption, a line without a strong footer word), plus idempotence and "text without the targeted
artifact is unchanged" properties on generated Chinese text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chinese_text import chinese, to_taiwan
from cjkclean.boilerplate import (
    _matchers,
    fold_line,
    load_rules,
    strip_boilerplate,
    strip_boilerplate_and_explain,
)
from cjkclean.pipeline import apply_steps

BODY = "第一段正文，讲的是一件事。\n\n第二段正文，又讲了另一件事。\n"
FOOTER_RULES = [r for r in load_rules() if r.id.startswith("lex.footer.")]
STRONG = sorted(r.pattern for r in FOOTER_RULES if r.id.startswith("lex.footer.strong."))
WEAK = sorted(r.pattern for r in FOOTER_RULES if r.id.startswith("lex.footer.weak."))


def _rules(text: str) -> list[str]:
    return [s.rule for s in strip_boilerplate_and_explain(text)[1] if s.rule != "collapse-blank"]


def test_footer_words_are_data_with_provenance() -> None:
    assert len(STRONG) >= 20 and len(WEAK) >= 10
    for rule in FOOTER_RULES:
        assert rule.kind == "lexicon" and rule.seen and rule.example
        assert rule.pattern in rule.example  # the example shows the word in a real line


def test_footer_sentence_at_the_end_goes_and_names_its_word() -> None:
    text = BODY + "\n全文完，既然看到这里了，如果觉得不错，随手点个赞吧。\n"
    out, steps = strip_boilerplate_and_explain(text)
    assert out == BODY
    assert [s.rule for s in steps if s.rule != "collapse-blank"] == ["lex.footer.strong.quanwenwan"]


def test_footer_sentence_in_the_body_stays() -> None:
    text = "全文完，既然看到这里了，如果觉得不错，随手点个赞吧。\n\n" + BODY
    assert strip_boilerplate(text) == text


def test_one_strong_word_or_weak_words_only_are_not_enough() -> None:
    for last in ("我们一起点赞这位老人。", "很多网友关注并转发了这条消息，也有人留言支持。"):
        text = BODY + "\n" + last + "\n"
        assert strip_boilerplate(text) == text, last


def test_traditional_footer_line_goes_too() -> None:
    text = BODY + "\n如果轉載本文，文末務必註明：「轉自微信公眾號：九邊」。\n"
    assert strip_boilerplate(text) == BODY


def test_image_after_a_footer_line_does_not_hide_it() -> None:
    gif = "![](https://mmbiz.qpic.cn/mmbiz_gif/abc/640?wx_fmt=gif&from=appmsg)"
    assert fold_line("“点赞”“在看”，让更多人看到" + gif) == "“点赞”“在看”，让更多人看到"
    text = BODY + "\n“点赞”“在看”，让更多人看到" + gif + "\n"
    assert strip_boilerplate(text) == BODY


def test_related_links_below_the_footer_go_with_it() -> None:
    text = (
        BODY
        + "\n如果转载本文，文末务必注明：“转自微信公众号：九边”。\n"
        + "**往期阅读：[为啥法家没有好下场](http://mp.weixin.qq.com/s?id=1)**\n"
        + "**[随便聊几句房地产](http://mp.weixin.qq.com/s?id=2)**\n"
    )
    assert strip_boilerplate(text) == BODY


def test_links_and_short_lines_after_a_caption_stay() -> None:
    text = BODY + "\n![](a.jpg)\n年轻时的邓世平  龚菁琦 摄\n（应受访者要求，文中人物为化名）\n"
    out = strip_boilerplate(text)
    assert "（应受访者要求，文中人物为化名）" in out and "龚菁琦 摄" not in out


def test_links_at_the_end_without_a_footer_stay() -> None:
    text = BODY + "\n[参考文献一](https://example.org/a)\n[参考文献二](https://example.org/b)\n"
    assert strip_boilerplate(text) == text


def test_caption_in_brackets_and_contact_line_with_labels() -> None:
    text = BODY + "\n（图片来源：http://www.example.com/about.html）\n"
    assert _rules(text) == ["cap.source"]
    contact = "**商业合作** ：bd@example.com.cn **投稿或其他事宜** ：tougao@example.com.cn"
    assert strip_boilerplate(BODY + "\n" + contact + "\n") == BODY


def test_row_of_linked_images_is_layout_not_text() -> None:
    img = (
        "[![](https://mmbiz.qpic.cn/mmbiz_jpg/"
        + "x" * 120
        + "/640)](http://mp.weixin.qq.com/s?id=1)"
    )
    assert fold_line(img + img) == ""
    text = BODY + "\n本文为原创内容，版权归本号所有。欢迎文末分享、点赞！\n\n" + img + img + "\n"
    assert strip_boilerplate(text) == BODY


def test_wechat_article_links_at_the_end_are_a_related_list() -> None:
    links = "".join(
        f"[第{i}篇往期文章](https://mp.weixin.qq.com/s?__biz=Mz&mid={i})\n\n" for i in range(3)
    )
    assert strip_boilerplate(BODY + "\n" + links) == BODY
    one = "[第一篇往期文章](https://mp.weixin.qq.com/s?__biz=Mz&mid=1)\n"
    assert strip_boilerplate(BODY + "\n" + one) == BODY + "\n" + one  # one link is no list
    middle = "[甲](https://mp.weixin.qq.com/s?id=1)\n[乙](https://mp.weixin.qq.com/s?id=2)\n"
    text = middle + "\n" + BODY
    assert strip_boilerplate(text) == text  # only in the trailing block


def test_walk_steps_over_short_content_to_a_footer_line() -> None:
    footer = "槽边往事 【微信号】 Bitsea 个人转载内容至朋友圈和群聊天，无需特别申请版权许可。"
    tail = "**禅定时刻**\n\n南派，这张《灌水》送给你。\n\n**专营店营业中**\n"
    out = strip_boilerplate(BODY + "\n" + footer + "\n\n" + tail)
    assert footer not in out and "禅定时刻" not in out and "专营店" not in out
    assert "南派，这张《灌水》送给你。" in out  # a stepped-over sentence is never removed
    long = "这是一段很长的正文，" * 8 + "它说完了。"
    text = BODY + "\n" + footer + "\n\n" + long + "\n\n" + long + "\n\n" + long + "\n"
    assert strip_boilerplate(text) == text  # three long paragraphs below: the walk stops


def test_follow_calls_at_the_head_go_titles_and_body_stay() -> None:
    head = "# 漏洞分享\n\n关注公众号，阅读优质漏洞挖掘文章\n\n"
    assert strip_boilerplate(head + BODY) == "# 漏洞分享\n\n" + BODY
    title = "如何运营公众号：关注这三点，文章阅读量翻倍\n\n"
    assert strip_boilerplate(title + BODY) == title + BODY  # the first line is the title
    late = (
        BODY * 2 + "\n" + "这是一段很长的正文，" * 8 + "。\n\n关注公众号，阅读优质文章\n\n" + BODY
    )
    assert strip_boilerplate(late) == late  # below the first long paragraph: body text


def test_a_short_post_keeps_its_one_sentence() -> None:
    text = "# 标题\n\n关注公众号，阅读优质漏洞挖掘文章\n\n正文。\n"
    assert strip_boilerplate(text) == "# 标题\n\n正文。\n"


def test_footer_words_are_counted_on_the_folded_view() -> None:
    m = _matchers()
    assert m.footer_terms("转载请在后台留言")[0] == 3
    assert m.footer_terms("我们应该关注这个问题")[0] == 0  # no strong word


# --------------------------------------------------------------------------- properties

_PROPS = settings(max_examples=40, deadline=None)
_SENTENCE = chinese(4, 12).map(lambda s: s + "。")


@_PROPS
@given(st.lists(_SENTENCE, min_size=1, max_size=8), st.booleans())
def test_text_without_footer_words_is_unchanged(sentences: list[str], taiwan: bool) -> None:
    text = "\n\n".join(sentences) + "\n"
    if taiwan:
        text = to_taiwan().convert(text)
    m = _matchers()
    if any(m.footer_terms(fold_line(s))[1] is not None for s in text.split("\n")):
        return  # generated words happened to hold a strong footer word
    assert strip_boilerplate(text) == text


@_PROPS
@given(
    st.lists(_SENTENCE, min_size=1, max_size=6),
    st.lists(
        st.tuples(st.sampled_from(STRONG), st.sampled_from(WEAK), chinese(0, 3)).map(
            lambda t: "".join(t) + "。"
        ),
        min_size=0,
        max_size=4,
    ),
    st.booleans(),
)
def test_footer_removal_is_idempotent_and_replays(
    body: list[str], footer: list[str], keep_credits: bool
) -> None:
    text = "\n\n".join(body + footer) + "\n"
    once, steps = strip_boilerplate_and_explain(text, keep_credits=keep_credits)
    assert apply_steps(text, steps) == once
    assert strip_boilerplate(once, keep_credits=keep_credits) == once
    assert body[0] in once  # the first paragraph is never the footer
