"""News-site and platform chrome added in the fifth session, and the content it must not take.

The footer lines below are real: they were read in public HTML and scraper code on GitHub
(NetEase Cloud Music and Xiaomi page footers, Eastday and people.cn footers, Sohu / 36Kr /
woshipm / cnblogs platform statements, government pages' ``扫一扫在手机打开当前页``), found with
the project's code search in the fifth session. The article lines around them come from the
labelled corpus (``corpora/pages``), so the tests judge real text on both sides.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjkclean.boilerplate import strip_boilerplate, strip_boilerplate_and_explain

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_boilerplate import _CONTENT

SITE_FOOTER = [
    "违法和不良信息举报电话：0571-89853516 举报邮箱：ncm5990@163.com",
    "网易公司版权所有©1997-2020  杭州乐读科技有限公司运营：浙网文[2018]3506-263号",
    "©mi.com 京ICP证110507号 京ICP备10046444号 京公网安备11010802020134号",
    "增值电信业务经营许可证（ICP）：沪B2-20050088号　互联网新闻信息服务许可证:3112006001",
    "扫一扫在手机打开当前页",
    "该文观点仅代表作者本人，36氪平台仅提供信息存储空间服务。",
]
PLATFORM_TAIL = [
    "返回搜狐，查看更多",
    "平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。",
]
DISCLAIMER_HEAD = [
    "0x01 免责声明",
    "请勿利用文章内的相关技术从事非法测试，由于传播、利用此文所提供的信息而造成的任何直接或者"
    "间接的后果及损失，均由使用者本人负责，作者不为此承担任何责任。",
]
# sentences that name the same things inside article text: never removed, even when last
NEWS_SENTENCES = [
    "网信办公布了上月违法和不良信息举报受理情况。",
    "法院认为，被告不承担任何法律责任。",
    "他在朋友圈分享了这篇文章，很快引来关注。",
    "这家公司去年拿到了互联网新闻信息服务许可证。",
    "以下内容，只代表个人观点，不一定对，随便看看。",
    "网友纷纷在评论区留言，表示支持。",
    "这篇文章在朋友圈被大量转发。",
    "对此，平台方表示不承担任何责任。",
    "版权所有者有权要求删除。",
    "他表示，未经许可禁止使用该商标。",
    "她在公众号上分享了这篇文章。",
]


# Paragraphs of the labelled corpus: long ones, since a short line next to chrome at the end of a
# document goes with it by design (neighbour smoothing), plain ones (a list of links at the end
# of a document goes as its link list) that end a sentence (a line without sentence punctuation
# next to chrome is judged by its neighbours).
_PARAGRAPHS = [
    line
    for line in _CONTENT
    if len(line) >= 30
    and "http" not in line
    and line.lstrip()[:1] not in "*-#|!>[→"
    and line.rstrip()[-1:] in "。！？”」"
]


def _article(rng: random.Random, size: int = 4) -> list[str]:
    return rng.sample(_PARAGRAPHS, size)


@pytest.mark.parametrize("footer", [SITE_FOOTER, PLATFORM_TAIL])
def test_site_footer_lines_go_and_the_article_stays(footer: list[str]) -> None:
    article = _article(random.Random(5))
    text = "\n\n".join(article + footer) + "\n"
    out, steps = strip_boilerplate_and_explain(text)
    assert out == "\n\n".join(article) + "\n"
    assert {s.before.strip() for s in steps if s.rule != "collapse-blank"} == set(footer)


def test_a_disclaimer_under_its_heading_goes_at_the_head() -> None:
    article = _article(random.Random(6))
    text = "\n\n".join(["# 标题", *DISCLAIMER_HEAD, *article]) + "\n"
    assert strip_boilerplate(text) == "\n\n".join(["# 标题", *article]) + "\n"


def test_a_disclaimer_without_its_heading_stays_at_the_head() -> None:
    """The same notice clauses in the first paragraph of an article are not enough."""
    article = _article(random.Random(7))
    text = "\n\n".join(["# 标题", DISCLAIMER_HEAD[1], *article]) + "\n"
    assert strip_boilerplate(text) == text


@pytest.mark.parametrize("sentence", NEWS_SENTENCES)
def test_the_same_words_in_a_last_sentence_stay(sentence: str) -> None:
    for size in (0, 1, 3):
        text = "\n\n".join([*_article(random.Random(size), size), sentence]) + "\n"
        assert strip_boilerplate(text) == text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_CONTENT), min_size=1, max_size=8, unique=True),
    st.lists(st.sampled_from(SITE_FOOTER), min_size=1, max_size=6, unique=True),
)
def test_any_site_footer_after_any_article_goes(article: list[str], footer: list[str]) -> None:
    """Idempotent too: the cleaned text is left as it is."""
    text = "\n".join(article + footer) + "\n"
    out = strip_boilerplate(text)
    assert out == "\n".join(article) + "\n"
    assert strip_boilerplate(out) == out


# Chrome of portal and WeChat pages as scrapers commonly keep it, written out from the pages'
# interface strings (generated cases: not each one checked against a stored page).
PORTAL_CHROME = [
    "本文约3000字，建议阅读8分钟",
    "预计阅读时间：5分钟",
    "视频 小程序 赞 ，轻点两下取消赞 在看 ，轻点两下取消在看",
    "微信扫一扫可打开此内容，使用完整服务",
    "喜欢此内容的人还喜欢",
    "写下你的留言",
    "海量资讯、精准解读，尽在新浪财经APP",
    "文章关键词：两会",
    "我要举报",
    "阅读 (123)",
    "澎湃新闻报料：021-962866",
    "看更多相關新聞",
    "訂閱電子報",
    "點我看更多",
    "往期精彩回顾",
    "戳“阅读原文”，查看更多",
    "文章来源于网络，版权归原作者所有",
    "本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。",
    "特別聲明：以上內容僅代表作者本人觀點，不代表本網立場。",
    "免责声明：本文所用视频、图片、文字如涉及作品版权问题，请第一时间告知，我们将根据您提供的"
    "证明材料确认版权并按国家标准支付稿酬或立即删除内容！",
]


@pytest.mark.parametrize("line", PORTAL_CHROME)
def test_portal_chrome_goes_at_the_end_of_an_article(line: str) -> None:
    article = _article(random.Random(len(line)))
    text = "\n\n".join([*article, line]) + "\n"
    assert strip_boilerplate(text) == "\n\n".join(article) + "\n"


# Blog and Q&A site chrome (CSDN, Zhihu, Jianshu) as commonly scraped: generated cases.
BLOG_CHROME = [
    "登录后复制",
    "本文链接：https://blog.csdn.net/abc/article/details/123456",
    "分类专栏：Python",
    "著作权归作者所有,转载或内容合作请联系作者",
    "推荐阅读更多精彩内容",
    "赞同 1234",
    "添加评论",
    "知乎 发现更大的世界 打开",
    "- 完 -",
    "APP内打开",
    "Copyright © 2021 XX. All rights reserved.",
    "著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。",
]


@pytest.mark.parametrize("line", BLOG_CHROME)
def test_blog_chrome_goes_at_the_end_of_an_article(line: str) -> None:
    article = _article(random.Random(len(line) + 1))
    text = "\n\n".join([*article, line]) + "\n"
    out = strip_boilerplate_and_explain(text, keep_credits=False)[0]
    assert out == "\n\n".join(article) + "\n"


def test_app_banner_goes_at_the_head() -> None:
    article = _article(random.Random(11))
    text = "\n\n".join(["# 标题", "打开APP阅读", *article]) + "\n"
    assert strip_boilerplate(text) == "\n\n".join(["# 标题", *article]) + "\n"


# Web and app chrome of mainland and Taiwan/HK news pages (sixth session, written before held-out
# set 8 was gathered; generated cases from the pages' interface strings): comment boxes, login
# links, share and app banners. Each goes at the end of an article and, where the rule's scope is
# ``any``, between two paragraphs as well.
APP_AND_COMMENT_CHROME = [
    "分享此文",
    "分享到 LINE",
    "複製連結",
    "收藏本文",
    "關閉",
    "登入",
    "會員中心",
    "上一則",
    "下一則：某某市長出席活動",
    "你可能也喜歡",
    "小編推薦",
    "熱門新聞",
    "更多新聞",
    "網友回應",
    "Facebook 留言",
    "【我来说两句】",
    "共有条评论",
    "顶一下",
    "验证码：",
    "用户名：",
    "请继续往下阅读...",
    "不用抽 不用搶 現在用APP看新聞 保證天天中獎",
    "★ 快點加入我們的LINE好友",
    "手机看新闻",
    "新浪新闻客户端",
    "微信扫一扫，使用小程序",
    "打开微信，点击底部的“发现”，使用“扫一扫”即可将网页分享至朋友圈。",
    "本文經授權轉載自：某某網站",
    "本文未经许可不得转载",
    "（图片来自网络，侵删）",
    "点击：56",
    "▼",
    "↓↓↓",
    "跟贴 0 参与 0",
    "分享让更多人看到",
    "打开腾讯新闻，查看更多图片 >",
    "打开今日头条查看图片详情",
    "打开搜狐新闻客户端查看更多",
    "查看原图",
    "长按保存图片",
    "举报/反馈",
    "+关注",
    "作者最新文章",
    "说点什么...",
]
# only at the end of an article (scope ``tail``)
TAIL_ONLY_CHROME = ["（完）", "技术支持：某某科技有限公司"]
# article sentences that hold the same words: they stay wherever they are
APP_NEAR_CONTENT = [
    "登入系统后，用户可以在会员中心查看账单。",
    "他点击了关闭按钮，页面随即消失。",
    "更多新闻发布会的细节尚未公布。",
    "他在Facebook留言表示支持这项政策。",
    "继续阅读这本书，让他收获很多。",
    "她说，上一则消息并不准确。",
    "验证码：用户需在六十秒内输入短信中的数字。",
    "网友纷纷在评论区留言，为他顶一下。",
    "这家公司为该网站提供技术支持，双方合作多年。",
    "警方提醒，不要轻易把验证码告诉他人。",
    "记者查看原图后发现，照片经过了修改。",
    "打开今日头条查看图片详情的人越来越多。",
    "他在热搜上看到了这条消息。",
]


@pytest.mark.parametrize("line", APP_AND_COMMENT_CHROME + TAIL_ONLY_CHROME)
def test_app_and_comment_chrome_goes_at_the_end(line: str) -> None:
    article = _article(random.Random(len(line) + 2))
    text = "\n\n".join([*article, line]) + "\n"
    assert strip_boilerplate(text) == "\n\n".join(article) + "\n"


@pytest.mark.parametrize("line", APP_AND_COMMENT_CHROME)
def test_app_and_comment_chrome_goes_between_paragraphs(line: str) -> None:
    article = _article(random.Random(len(line) + 3))
    text = "\n\n".join([*article[:2], line, *article[2:]]) + "\n"
    assert strip_boilerplate(text) == "\n\n".join(article) + "\n"


@pytest.mark.parametrize("line", TAIL_ONLY_CHROME)
def test_tail_only_chrome_stays_between_paragraphs(line: str) -> None:
    article = _article(random.Random(len(line) + 4))
    text = "\n\n".join([*article[:2], line, *article[2:]]) + "\n"
    assert strip_boilerplate(text) == text


@pytest.mark.parametrize("sentence", APP_NEAR_CONTENT)
def test_sentences_with_the_chrome_words_stay(sentence: str) -> None:
    for size in (0, 2, 4):
        article = _article(random.Random(size + 40), size)
        for text in (
            "\n\n".join([*article, sentence]) + "\n",
            "\n\n".join([sentence, *article]) + "\n",
        ):
            assert strip_boilerplate(text) == text


# A line of parts, each chrome on its own, and breadcrumbs naming the site or ending in 正文.
COMPOSITE_CHROME = [
    "字号：大 中 小 | 打印 | 关闭",
    "分享到 · 返回顶部",
    "【打印本页】 | 【关闭窗口】",
    "某某网 > 新闻频道 > 正文",
    "人民网 >> 教育 >> 高考",
    "首頁 › 國際 › 亞洲",
]
# paths and comparisons that are article text
COMPOSITE_CONTENT = [
    "设置 > 通用 > 关于本机",
    "返回顶部 | 春节期间照常营业",
    "甲 > 乙 > 丙",
    "文件 → 新建 → 项目",
    "北京 · 上海 · 广州",
]


# Discuz!/Tieba forum chrome, pagers and video players as commonly scraped (generated cases from
# the interfaces' strings, written before held-out set 8 was gathered).
FORUM_CHROME = [
    "本帖最后由 zhangsan 于 2021-1-1 10:20 编辑",
    "楼主| 发表于 2021-1-1 10:20:30 | 只看该作者 |倒序浏览 |阅读模式",
    "发表于 1 小时前 | 只看该作者",
    "只看该作者",
    "使用道具 举报",
    "显示全部楼层",
    "收藏0 分享0 支持0 反对0",
    "回复 1# zhangsan",
    "来自Android客户端",
    "收起回复",
    "积分 1234",
    "注册时间 2020-1-1",
    "马上注册，结交更多好友，享用更多功能，让你轻松玩转社区。",
    "第1页 共10页",
    "共3页: 上一页 1 2 3 下一页",
    "1 2 3 4 5 下一页",
    "首页 上一页 下一页 尾页",
    "您的浏览器不支持video标签",
    "00:00 / 02:35",
    "加入购物车",
]
# headings and rows that share a word with that chrome: a news page's 点评, a Q&A page's 回复, a
# furniture article's 沙发, a row of numbers
FORUM_NEAR_CONTENT = ["点评", "回复", "评分", "沙发", "地板", "1 2 3 4 5", "第1页", "主题"]


# Government and institutional site chrome (generated cases from the sites' interface strings,
# written before held-out sets 8 and 9 were gathered). The document metadata (索引号, 发文字号)
# is a credit: kept by default, gone with keep_credits=False.
GOV_CHROME = [
    "设为首页 | 加入收藏",
    "无障碍浏览",
    "长者模式",
    "简体 | 繁體 | English",
    "今天是：2021年1月1日 星期五",
    "您是第12345位访客",
    "欢迎访问某某市人民政府网站",
    "政府网站标识码：3100000001",
    "为了更好的体验，请使用最新版浏览器",
    "您的浏览器版本过低，请升级",
    "建议使用1920*1080分辨率浏览本站",
]
GOV_META = ["索引号：11310000MB2D37423T/2021-00001", "发文字号：沪府办〔2021〕1号", "主题分类："]
GOV_NEAR_CONTENT = [
    "政务公开",
    "主办单位：某某市人民政府办公厅",
    "请使用Chrome浏览器打开下载页面",
    "欢迎访问者在留言区提出建议。",
    "今天是2021年1月1日，新年的第一天。",
]


@pytest.mark.parametrize("line", GOV_META)
def test_government_document_metadata_is_a_credit(line: str) -> None:
    article = random.Random(len(line) + 10).sample(_PARAGRAPHS, 3)
    text = "\n\n".join([line, *article]) + "\n"
    assert strip_boilerplate(text) == text
    bare = strip_boilerplate_and_explain(text, keep_credits=False)[0]
    assert bare == "\n\n".join(article) + "\n"


# Novel-site, Q&A-site and blog chrome (generated cases from the sites' interface strings,
# written before held-out sets 8 and 9 were gathered).
READER_CHROME = [
    "上一章 目录 下一章",
    "上一章 | 目录 | 下一章",
    "加入书签",
    "投推荐票",
    "求月票！",
    "本章未完，请点击下一页继续阅读",
    "天才一秒记住本站地址：www.biquge.com",
    "一秒记住【笔趣阁 www.biquge.com】，精彩小说无弹窗免费阅读！",
    "最快更新重生之都市修仙最新章节！",
    "章节错误,点此举报(免注册)",
    "（本章完）",
    "展开全部",
    "其他类似问题",
    "采纳率：95%",
    "本回答由提问者推荐",
    "你对这个回答的评价是？",
    "1234 人赞同了该回答",
    "查看全部 12 个回答",
    "posted @ 2021-01-01 10:20 zhangsan 阅读(123) 评论(0) 编辑 收藏 举报",
    "阅读(123) 评论(0) 推荐(1)",
]
# a book's or report's table of contents heading, a section on related questions
READER_NEAR_CONTENT = ["目录", "相关问题", "第一章 总则", "他一秒记住了这个号码。"]


# English interface strings of blog themes (WordPress) on Chinese blogs, and English lines that
# share their words.
ENGLISH_CHROME = [
    "Share this:",
    "Read more »",
    "Leave a Reply",
    "Cancel reply",
    "Posted in 未分类",
    "Powered by WordPress",
    "Skip to content",
    "Related Posts",
    "Loading...",
    "Next Post",
]
ENGLISH_NEAR_CONTENT = [
    "Share the love.",
    "Next, we tested the model on new data.",
    "Read more books, he said.",
    "Search engines index the page.",
]


def _around(line: str, at: int) -> tuple[str, str]:
    """Four paragraphs with *line* after the first *at* of them, and the four paragraphs alone."""
    article = random.Random(len(line) * 7 + at).sample(_PARAGRAPHS, 4)
    text = "\n\n".join([*article[:at], line, *article[at:]]) + "\n"
    return text, "\n\n".join(article) + "\n"


@pytest.mark.parametrize("at", [0, 2, 4])
@pytest.mark.parametrize(
    "line", COMPOSITE_CHROME + FORUM_CHROME + GOV_CHROME + READER_CHROME + ENGLISH_CHROME
)
def test_chrome_goes_at_the_head_between_paragraphs_and_at_the_end(line: str, at: int) -> None:
    text, article = _around(line, at)
    assert strip_boilerplate(text) == article


@pytest.mark.parametrize("at", [0, 2, 4])
@pytest.mark.parametrize(
    "line",
    COMPOSITE_CONTENT
    + FORUM_NEAR_CONTENT
    + GOV_NEAR_CONTENT
    + READER_NEAR_CONTENT
    + ENGLISH_NEAR_CONTENT,
)
def test_lines_that_share_words_with_chrome_stay_anywhere(line: str, at: int) -> None:
    text, _ = _around(line, at)
    assert strip_boilerplate(text) == text


# Lists of other articles flattened by a scraper: headlines with list marks or links, each ending
# in a date in digits (generated cases; written before held-out sets 8 and 9 were gathered).
DATED_SIDEBAR = [
    [
        "·关于做好2021年春节期间值班工作的通知 01-15",
        "·市政府召开第十二次常务会议 01-12",
        "·全市安全生产工作会议召开 01-08",
    ],
    [
        "* [我市召开防汛工作会议](http://www.a.gov.cn/1.html) 2021-06-01",
        "* [市领导检查防汛工作](http://www.a.gov.cn/2.html) 2021-05-28",
        "* [防汛物资储备到位](http://www.a.gov.cn/3.html) 2021-05-20",
    ],
    [
        "■ 新学期开学典礼举行 [2021-09-01]",
        "■ 我校学子获省级大赛一等奖 [2021-08-20]",
        "■ 暑期社会实践总结会召开 [2021-08-15]",
    ],
]
# what stays: an index of essays in a newspaper (no list marks), a chronology with dates in words
DATED_CONTENT = [
    [
        "西藏血脉：灵魂铺就的天路 党益民 09-03",
        "绿水青山带笑颜 辛祥利 09-21",
        "绿魂矫健 10-08",
        "拉萨河的色彩 王宗仁 10-22",
    ],
    [
        "· 中华人民共和国成立 1949年10月1日",
        "· 第一个五年计划开始 1953年1月1日",
        "· 改革开放 1978年12月18日",
    ],
    ["· 关于做好值班工作的通知 01-15", "· 市政府召开常务会议 01-12"],
]

# Fitted to held-out set 9 after its honest figure was taken (generated cases in its pages'
# shapes): lottery spam lines, headline lists with view or like counters, headlines under
# 下一篇, betting caution notices.
SET9_CHROME = [
    ["秒速赛车开奖结果网址"],
    ["极速飞艇三期计划"],
    [
        "沙勒罗瓦vs梅赫伦 客队继续沉沦 358人气",
        "斯佩齐亚vs克雷莫纳 克雷莫纳客战可期 757人气",
        "国米让2追4逆转米兰 力压尤文登顶榜首 冠军已唾手可得？ 946赞",
    ],
    ["请大家理性买彩,谨慎跟单。"],
    ["某某网独家稿件,未经许可严禁转载。"],
]
SET9_NEAR_CONTENT = [
    ["警方捣毁一个极速赛车网络赌博平台"],
    ["他在文章末尾写道，这篇文章的阅读量已经超过3000阅读"],
    ["北京赛车场今天开放"],
]


# Fitted to held-out set 8 after its honest figure was taken (generated cases in its pages'
# shapes): a ticker of time stamps and timed headlines, an author's other articles, sign-up form
# prompts, an image link.
SET8_CHROME = [
    ["28 16:39", "28 16:31", "28 15:22"],
    [
        "陈亮的其他文章",
        "五一出游好选择 热门卡片式数码相机推荐 2008-04-28 05:21",
        "全画幅单反 佳能1Ds MarkIII售53800 2008-04-28 05:20",
        "双卡双电多媒体卡片机 三星i8仅1580元 2008-04-28 05:20",
    ],
    [
        "*您的真实姓名，请使用中文 姓名：",
        "填写电子邮箱，会收到详细资料 邮箱：",
        "您可以选择下列快捷留言！",
    ],
    ["点击图片查看尼康D80详细资料"],
]
SET8_NEAR_CONTENT = [
    ["会议于2008-04-28 07:50开始，持续两个小时。"],
    ["申请人姓名：", "联系电话："],
]

# Fitted to held-out set 10 after its honest figure was taken (generated cases in its pages'
# shapes): counters of a blog or a shop, a shop's recommendation heading, a forum attachment.
SET10_CHROME = [
    ["图片数: 96", "博文：2210", "已有 1234567 人来访过"],
    ["87条评价"],
    ["商品评价（87）"],
    ["某某(BRAND) 热卖商品"],
    ["看了又看"],
    ["IMG_2024.jpg (1.2 MB, 下载次数: 15)"],
]
SET10_NEAR_CONTENT = [
    ["这篇博文发表后，已有上百人来访过他的小店。"],
    ["这家店的商品评价一向很好。"],
    ["截至目前，平台累计收到评价87条，好评率超过九成。"],
    ["附件：2024年工作要点.pdf"],
]


@pytest.mark.parametrize("at", [0, 2, 4])
@pytest.mark.parametrize("rows", DATED_SIDEBAR + SET9_CHROME + SET8_CHROME + SET10_CHROME)
def test_dated_headline_lists_and_held_out_chrome_go_anywhere(rows: list[str], at: int) -> None:
    text, article = _around("\n".join(rows), at)
    assert strip_boilerplate(text) == article


@pytest.mark.parametrize("at", [0, 2])
@pytest.mark.parametrize(
    "rows", DATED_CONTENT + SET9_NEAR_CONTENT + SET8_NEAR_CONTENT + SET10_NEAR_CONTENT
)
def test_dated_lines_without_marks_or_too_few_and_look_alikes_stay(
    rows: list[str], at: int
) -> None:
    text, _ = _around("\n".join(rows), at)
    assert strip_boilerplate(text) == text


def test_headlines_under_next_article_go_at_the_end_only() -> None:
    titles = [
        "盘扣式脚手架的搭建效率怎么样？",
        "当今时代为什么越来越多工程项目租赁盘扣脚手架？",
        "陕西盘扣脚手架的拆除注意事项，你了解吗？",
    ]
    text, article = _around("\n".join(["下一篇：陕西盘扣脚手架公司分享优势特点", *titles]), 4)
    assert strip_boilerplate(text) == article
    # without 上一篇/下一篇 above them, short lines ending a document stay
    text, _ = _around("\n".join(titles), 4)
    assert all(title in strip_boilerplate(text) for title in titles)


def test_english_contact_labels_go_at_the_end_only() -> None:
    footer = "Phone : 来电显示器\nEmail : 库存医药用品"
    text, article = _around(footer, 4)
    assert strip_boilerplate(text) == article
    text, _ = _around(footer, 2)  # between paragraphs: an article may quote a contact line
    assert strip_boilerplate(text) == text
