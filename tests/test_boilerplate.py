"""Tests of the boilerplate stage: labelled real pages, unit cases, properties, corpus API."""

from __future__ import annotations

import bisect
import importlib.util
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cjkclean
from cjkclean.boilerplate import (
    LineCounter,
    boilerplate_stage,
    line_hash,
    load_rules,
    normalise_line,
    strip_boilerplate,
    strip_boilerplate_and_explain,
    strip_corpus_lines,
)
from cjkclean.pipeline import STAGES, Options, apply_steps

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "corpora" / "seeds", ROOT / "corpora" / "pages")

# Boilerplate lines the stage does not remove yet, with the reason. Each is an xfail (strict):
# when a change starts removing one, the test says so and the entry must go.
_SET4 = (
    "held-out set 4: head slogans and disclaimers, a paid-community ad written as a list of"
    " sentences, blocks above the source links that the walk from the end does not reach"
)
_SET5 = (
    "held-out set 5, measured untouched: a slogan or a disclaimer without footer words, a"
    " company profile, a title repeated with other spacing, a link to the author's column"
)
KNOWN_MISSES: dict[str, tuple[str, list[int]]] = {
    # the misses of the first session (WeChat promotion blurbs, repost notices written as
    # sentences, a long call for submissions) are handled by the ``notice`` rules, the divider
    # that opens a footer and the ``block`` scope; what is left, with its reason:
    "2019-03-28-you-you-lu-ming": (
        "an account's list of awards in a quotation block, written as a sentence: no phrase a"
        " maintainer would call boilerplate anywhere (held-out set 2)",
        [90],
    ),
    # held-out set 3 (third session): what the structural signals still miss, with the reason
    "lazy13-dashu-jiyan": (
        "`关注达叔，一起慢慢变富。`: one weak footer word only (held-out set 3)",
        [313],
    ),
    "lazy13-knowyourself-bu-yuanliang": (
        "a like-and-share appeal above the comment prompt, and a search appeal with weak "
        "footer words only: the walk from the end stops at the references (held-out set 3)",
        [390, 445],
    ),
    # held-out set 4: gathered and labelled after the third session's changes and measured
    # untouched (21 of 81 drop lines); what is still missed after the mechanisms then fitted to
    # it (WeChat article-link runs, more short lines below the last footer line, the walk
    # stepping over two short content lines):
    "wxvuln-ms-patch-tuesday": (_SET4, [6, 105]),
    "wxvuln-tms-getdatabase": (_SET4, [56]),
    # held-out set 5: gathered and labelled after all of the third session's changes and
    # measured untouched (20 of 31 drop lines): its misses as measured
    "2019-06-07-dai-zi-geng": (_SET5, [30]),
    "hkcnews-article-14156": (_SET5, [60]),
    "wxvuln-logic-bugs-2300": (_SET5, [121]),  # its head call 4 goes since the head walk
    "wxvuln-ofbiz-cve-2024-38856": (_SET5, [44, 46, 55]),
    # held-out set 6: 22 pages of three repositories no rule had seen, measured untouched
    # (21 of 36 drop lines removed, 0 of 947 content lines lost, also with every rule of the
    # fifth session written before its misses were read); what is left after the rules then
    # fitted to it (reading time, © credits, `•  END  •`, a labelled copyright card, ...):
    "cdt-houdai-sulian-jieti": (
        "held-out set 6: a bookshop's sales pitch written as a long sentence (识别下图二维码)",
        [99],
    ),
    "cdt-kuqiang-0618": (
        "held-out set 6: the archive's collection link `CDS档案｜新冠病毒事件总汇` as the last"
        " line, no footer word",
        [81],
    ),
    "pincong-indiechina": (
        "held-out set 6: the account's copyright disclaimer written as a long `编后：` paragraph"
        " above images",
        [52],
    ),
    # held-out set 7: 24 pages of five more repositories no rule had seen (sina/chinanews
    # scrapes, PTT posts, two WeChat accounts' sources, Evernote clippings of news sites),
    # measured untouched on main 1d6e313: 21 of 87 drop lines removed, 0 of 880 content lines
    # lost. Its misses as measured:
    # After the figure was taken, fitted to (runs of link lines to one site, share-target
    # links, rows of links, PTT stamps, 关联阅读, a paragraph under a 风险提示 heading): left,
    "ever-guancha-alphazero": (
        "held-out set 7: the app's name above its download call at the head (`观察者App`) and"
        " a topic list of two links, too short for a run",
        [6, 160, 161],
    ),
    # held-out set 9 (helper heldout9): 22 pages of four repositories no rule had seen (a
    # CommonCrawl 2021-43 sample after CCNet line dedup, two Obsidian clipping vaults, a 光明网
    # crawl), measured untouched on main af4563d: 25 of 135 drop lines removed, 0 of 676
    # content lines lost. Then fitted to (gambling-lottery lines, headlines with view or like
    # counters, headlines under 上一篇/下一篇, betting caution and exclusive-copy notices, with
    # ASCII commas): 76 of 135. What is left, with the reason each was missed when measured:
    "ccwt-19-hdlgedu": (
        "held-out set 9: a gambling SEO page (澳洲幸运8/秒速赛车/极速飞艇 lottery keywords as lines"
        " and glued to stolen company blurbs: the glued ones stay), a line of"
        " phone numbers, a ranked list and a `|` row of company names, a footer without ©/ICP",
        [2, 5, 7, 48, 50, 51, 52],
    ),
    "ccwt-28-fa-xx": (
        "held-out set 9: a listing page's `列表` label and a cloud of truncated title stubs",
        [1, 90],
    ),
    "ccwt-45-orobanks": (
        "held-out set 9: a betting-tips page: a head list of match headlines with view/like"
        " counts (`358人气`, `968赞`), a betting disclaimer, an exclusive-copy notice, a tipping"
        " and paid-subscription block, tail stubs (bare numbers, `...` teasers)",
        [*range(37, 47)],
    ),
    "ccwt-67-sxsaj": (
        "held-out set 9: a section label at the head and a related list of question titles"
        " below 上一篇/下一篇, no heading",
        [1],
    ),
    "ccwt-75-163-dy": (
        "held-out set 9: NetEase's related headlines under the article, no heading, no links",
        list(range(15, 26)),
    ),
    "ccwt-76-474441": (
        "held-out set 9: `列表`, a `…:相关图片` heading, the page's own percent-encoded URL",
        [2, 13, 14],
    ),
    "ccwt-dirty-6-people-hm": ("held-out set 9: a `本文访问地址：URL` permalink line", [9]),
    "obclip-wechat-doris-storage": (
        "held-out set 9: an account's link block under 相关链接 (bold labels, bare URLs); only"
        " its first and last lines go",
        [257, 259, 261, 263, 265],
    ),
    # held-out set 8 (helper heldout8): 11 more records of the same CommonCrawl 2021-43 sample
    # (none shared with set 9) and 4 Traditional 中國時報 articles, measured untouched on main
    # 42c0f43 (after set 9 was fitted): 4 of 57 drop lines removed, 0 of 121 content lines lost.
    # Then fitted to (runs of time stamps and timed headlines, sign-up form prompts,
    # NAME的其他文章, 点击图片查看…, 相关标签): 28 of 57. What is left, with the reason each was
    # missed when measured:
    "ccweb-25-bkzhishi": (
        "held-out set 8: a related list of 14 question titles under a Q&A article, no heading,"
        " no links, no dates or counters",
        list(range(7, 21)),
    ),
    "ccweb-90-chuyiworld": (
        "held-out set 8: a sign-up form's slogans, field prompts"
        " (`*您的真实姓名，请使用中文 姓名：`, `填写电子邮箱，会收到详细资料 邮箱：`)"
        " and quick-message choices at the head of the page; after fitting, the slogans and the"
        " quick-message questions are left",
        [2, 3, 9, 10, 11, 12],
    ),
    "ccweb-33-jiankang2000": (
        "held-out set 8: one stray related-link title after the article's last paragraph",
        [19],
    ),
    "ccweb-03-cdbox3d": (
        "held-out set 8: a product page's site-name line, `销售部联系电话：NUMBER 欢迎咨询`,"
        " a `相关标签：` tags line and a `热门城市：` keyword line",
        [1, 7, 8, 9],
    ),
    "ccweb-17-tech": (
        "held-out set 8: a 2008 portal page: `点击图片查看…详细资料`, a dealer's bare phone"
        " numbers, a ticker of bare times (`28 16:39`), dated related headlines,"
        " `NAME的其他文章` and the author's dated headlines",
        [9],
    ),
    "ccweb-87-517xw": (
        "held-out set 8: a neighbour article's headline above the title and two related"
        " headlines after the article, no heading, no links",
        [1, 8, 9],
    ),
    "tw-clip-ig-algorithm-trad": (
        "held-out set 9 (Traditional): a `## 目錄` heading with no list, linked ad banners"
        " (`[![解除IG限流方案 — …](…webp)](…)`), a boxed service pitch (✅ list, `3天見效 ｜`,"
        " `👉 立即了解…`) and the vendor's product headings and blurbs at the end",
        [13, 17, 368, 370, 372, 374, 375, 376, 377, 379, 381, 383, 628, 634, *range(638, 647, 2)],
    ),
    # held-out set 10 (helper heldout10): 15 more records of the CommonCrawl 2021-43 sample that
    # sets 8-9 did not take, measured untouched on main 2c3cb1e: 7 of 38 drop lines removed,
    # 0 of 212 content lines lost. The misses, with the reason each was missed:
    "cc10-14-uc554": (
        "held-out set 10: a keyword-farm page's lone keyword lines (`闸把`, `袋鼠皮革`, `绿板`):"
        " no phrase, no number (its `Phone : 来电显示器` template is caught since, by"
        " contact.label-en)",
        [1, 11, 12],
    ),
    "cc10-49-ocj": (
        "held-out set 10: two recommended product names under a `BRAND 热卖商品` heading, in the"
        " middle of the page (the heading and the review counters are caught since)",
        [9, 10],
    ),
    "cc10-78-bullion-rates": (
        "held-out set 10: a run of eight link titles to the site's other price pages"
        " (`2022年五月铂金的DOP价格`, `前30天铂金的DOP图表`): repeated templates, no list mark",
        list(range(4, 12)),
    ),
    "cc10-dirty-4-sciencetimes": (
        "held-out set 10: a blog home page's own URL without the scheme (`//www.blog…/u/Bobby`):"
        " a bare URL is left alone, links are often content (its counters are caught since)",
        [1],
    ),
    "cc10-dirty-5-aisixiang": (
        "held-out set 10: a related list of eight headlines cut short (`刘兆佳：香港的新选举制度"
        "与新政治文化`, `美方就涉港问`) after the essay, no heading, no links",
        list(range(16, 24)),
    ),
}


def _labelled() -> list[tuple[str, str, dict[int, tuple[str, str]]]]:
    docs = []
    for folder in FOLDERS:
        for path in sorted((folder / "labels").glob("*.labels.tsv")):
            name = path.name.removesuffix(".labels.tsv")
            labels = {}
            for row in path.read_text("utf-8").splitlines():
                if row.startswith("#") or not row.strip():
                    continue
                number, label, category = row.split("\t")[:3]
                labels[int(number)] = (label, category)
            docs.append((name, (folder / f"{name}.txt").read_text("utf-8"), labels))
    return docs


DOCS = _labelled()
DOC_IDS = [name for name, _, _ in DOCS]


def _removed(text: str, keep_credits: bool = True) -> set[int]:
    """1-based numbers of the lines the stage removes (whole or in part)."""
    _, steps = strip_boilerplate_and_explain(text, keep_credits=keep_credits)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return {bisect.bisect_right(starts, s.start) for s in steps if s.rule != "collapse-blank"}


def test_labelled_set_is_big_enough() -> None:
    pages = [d for d in DOCS if (ROOT / "corpora" / "pages" / f"{d[0]}.txt").exists()]
    assert len(pages) >= 30
    labels = [label for _, _, lab in DOCS for label, _ in lab.values()]
    assert labels.count("drop") >= 150 and labels.count("keep") >= 1000
    assert set(labels) <= {"keep", "drop", "either"}


@pytest.mark.parametrize(("name", "text", "labels"), DOCS, ids=DOC_IDS)
def test_no_content_line_lost(name: str, text: str, labels: dict[int, tuple[str, str]]) -> None:
    removed = _removed(text)
    lost = [n for n, (label, _) in labels.items() if label == "keep" and n in removed]
    assert lost == [], f"{name}: content lines removed: {lost}"


@pytest.mark.parametrize(("name", "text", "labels"), DOCS, ids=DOC_IDS)
def test_boilerplate_lines_removed(
    name: str, text: str, labels: dict[int, tuple[str, str]]
) -> None:
    removed = _removed(text)
    known = set(KNOWN_MISSES.get(name, ("", []))[1])
    missed = [n for n, (label, _) in labels.items() if label == "drop" and n not in removed | known]
    assert missed == [], f"{name}: boilerplate lines kept: {missed}"


@pytest.mark.parametrize(
    ("name", "line"),
    [
        pytest.param(name, line, marks=pytest.mark.xfail(reason=reason, strict=True))
        for name, (reason, lines) in KNOWN_MISSES.items()
        for line in lines
    ],
)
def test_known_misses(name: str, line: int) -> None:
    text, labels = next((t, lab) for n, t, lab in DOCS if n == name)
    assert labels[line][0] == "drop"
    assert line in _removed(text)


@pytest.mark.parametrize(("name", "text", "labels"), DOCS, ids=DOC_IDS)
def test_steps_replay_and_explain(name: str, text: str, labels: dict[int, tuple[str, str]]) -> None:
    out, steps = strip_boilerplate_and_explain(text)
    assert apply_steps(text, steps) == out
    for step in steps:
        assert step.stage == "boilerplate" and step.after == "" and step.rule
        assert step.detail["category"]
        whole_line = step.start == 0 or text[step.start - 1] == "\n"
        assert whole_line or step.rule.startswith("seo."), step  # only spam blocks cut mid-line
    ids = {r.id for r in load_rules()}
    signals = {
        "separator-only", "spaced-letters", "spam-lexicon", "separator-dense", "navigation-bar",
        "contact-line", "tail-neighbours", "tail-links", "related-links", "duplicate-header",
        "collapse-blank", "divider", "link-run", "link-row", "share-link",
        "img.empty-md", "dated-headlines", "headline-list", "breadcrumb",
    }  # fmt: skip
    assert {s.rule for s in steps} <= ids | signals


@pytest.mark.parametrize("config", ["s2t", "s2tw"])
def test_same_lines_removed_in_traditional(config: str) -> None:
    import opencc

    converter = opencc.OpenCC(config)
    for name, text, _ in DOCS:
        traditional = converter.convert(text)
        assert traditional.count("\n") == text.count("\n")
        assert _removed(traditional) == _removed(text), name


def test_credits_follow_keep_credits() -> None:
    seed = (ROOT / "corpora" / "seeds" / "002_a1addce401b9a3fb.txt").read_text("utf-8")
    assert "责任编辑:陈学科" in strip_boilerplate(seed)
    assert "责任编辑:陈学科" not in strip_boilerplate(seed, keep_credits=False)
    seed = (ROOT / "corpora" / "seeds" / "001_294742a1ebf44ce5.txt").read_text("utf-8")
    out = strip_boilerplate(seed, keep_credits=False)
    for line in ("来源 | 南京发布", "编辑 | 徐雅莹", "审核 | 王馨"):
        assert line in seed and line not in out


def test_short_headings_survive() -> None:
    seed = (ROOT / "corpora" / "seeds" / "001_294742a1ebf44ce5.txt").read_text("utf-8")
    out = strip_boilerplate(seed).split("\n")
    for line in (
        "向“新”而行、提“质”奋进",
        "努力交出",
        "“因地制宜发展新质生产力”",
        "的南京答卷",
        "01",
    ):
        assert line in out
    assert "深化央地合作" in strip_boilerplate(
        (ROOT / "corpora" / "seeds" / "000_26e5d56e0ba9f094.txt").read_text("utf-8")
    )


def test_both_scripts_and_pinyin_notes() -> None:
    text = "正文第一段。\n責(zé)任編輯:費(fèi)菲\n返回首頁\n相關(guān)新聞\n返回頂部\n"
    assert strip_boilerplate(text) == "正文第一段。\n責(zé)任編輯:費(fèi)菲\n"
    assert strip_boilerplate(text, keep_credits=False) == "正文第一段。\n"


def test_spam_block_inside_a_line() -> None:
    text = "正文。\n结尾一句。 主站蜘蛛池模板: 成人精品在线观看 | 国产毛片 | 欧美激情\n"
    out, steps = strip_boilerplate_and_explain(text)
    assert out == "正文。\n结尾一句。\n"
    assert [s.rule for s in steps] == ["seo.spider-pool"]


def test_phrase_inside_a_sentence_is_content() -> None:
    text = "李继耐把该书的责任编辑马成翼召到办公室，宣布隔离反省。\n转载请注明来源，这是他的原话\n"
    out = strip_boilerplate(text)
    assert out.startswith("李继耐把该书的责任编辑马成翼召到办公室")


def test_tail_cut_only_when_everything_after_is_boilerplate() -> None:
    body = "第一段正文。\n责任编辑:某某\n"
    assert strip_boilerplate(body + "联系人:梁先生\n邮箱:a@b.cn\n") == body
    mixed = body + "联系人:梁先生\n第二段正文，仍是文章的一部分。\n"
    assert strip_boilerplate(mixed) == mixed


def test_letter_spaced_and_separator_lines() -> None:
    text = "正文。\n歡|迎|聯|系\n江丨蘇丨創(chuàng)丨投丨圈\n丨 丨 丨 | | |\n"
    assert strip_boilerplate(text) == "正文。\n"
    assert strip_boilerplate("正文。\nA/B/C/D\n") == "正文。\nA/B/C/D\n"
    table = "正文。\n| 项目 | 数量 |\n| 数据中心 | 新闻频道 | 100 | 200 |\n"
    assert strip_boilerplate(table) == table
    assert strip_boilerplate("正文。\n首页 | 新闻中心 | 关于我们 | 联系我们\n") == "正文。\n"


def test_repeated_sentences_survive() -> None:
    text = "今天天气很好，我们去公园散步吧。\n" * 5 + "打开网易新闻 查看精彩图片\n完。\n"
    assert strip_boilerplate(text) == "今天天气很好，我们去公园散步吧。\n" * 5 + "完。\n"
    header = "南京召开新春第一会\n2024-02-19\n南京召开新春第一会\n正文。\n"
    assert strip_boilerplate(header) == "南京召开新春第一会\n2024-02-19\n正文。\n"


def test_blank_lines_are_not_doubled() -> None:
    text = "第一段。\n\n打开网易新闻 查看精彩图片\n\n第二段。\n"
    assert strip_boilerplate(text) == "第一段。\n\n第二段。\n"


def test_pipeline_stage_is_last_and_switchable() -> None:
    assert STAGES[-1].name == "boilerplate"
    text = "正文。\n返回顶部\n"
    assert boilerplate_stage(text, Options())[0] == "正文。\n"
    assert cjkclean.clean(text, boilerplate=False).endswith("返回顶部\n")
    assert cjkclean.strip_boilerplate is strip_boilerplate


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="str"):
        strip_boilerplate(b"bytes")  # type: ignore[arg-type]


def test_lone_surrogates_do_not_crash() -> None:
    text = "正文\udcff。\n返回頂部\udc80\n返回顶部\n"
    out, steps = strip_boilerplate_and_explain(text)
    assert apply_steps(text, steps) == out == "正文\udcff。\n返回頂部\udc80\n"
    assert normalise_line("本站所有文章\udcff均来自网络") is not None


def test_rules_data_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_boilerplate_rules", ROOT / "scripts" / "build_boilerplate_rules.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0


# --------------------------------------------------------------------------- properties

# Content lines of the labelled pages that the stage removes when they end a document (a bug,
# reported, not relabelled): kept out of the generated documents below and tested on their own
# as strict xfails, so the day the stage keeps them the test says so.
KNOWN_LOSSES: dict[str, str] = {
    # keep lines the stage removes when placed last in a document, as strict xfails; the one
    # set 6 brought (``…我已经通过微信后台投诉并提交了声明。``, a sentence naming 微信后台) is
    # fixed: a line that tells of someone is no footer line (``_reported``)
    # set 7's (``ssh mac@192.168.0.150`` read as an e-mail address) is fixed too: an address
    # ends in a top-level domain of letters
}
_CONTENT = sorted(
    {
        text.split("\n")[n - 1]
        for _, text, labels in DOCS
        for n, (label, _) in labels.items()
        if label == "keep"
    }
    - set(KNOWN_LOSSES)
)
_BOILER = sorted(
    {
        text.split("\n")[n - 1]
        for _, text, labels in DOCS
        for n, (label, _) in labels.items()
        if label == "drop"
    }
)
_PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPS
@given(st.lists(st.sampled_from(_CONTENT), min_size=1, max_size=25, unique=True))
def test_text_without_boilerplate_is_unchanged(lines: list[str]) -> None:
    text = "\n\n".join(lines) + "\n"
    assert strip_boilerplate(text) == text


def test_every_content_line_is_kept_at_the_end_of_any_document() -> None:
    """Every labelled keep line, alone and as the last line after 1, 3 and 8 other keep lines
    (a notice named in a news sentence, a line pointing to the end of the text, ``微信公众号``
    counted as two footer words: each once removed a content line here)."""
    rng = random.Random(20261122)
    lost: list[str] = []
    for line in _CONTENT:
        for size in (0, 1, 3, 8):
            before = rng.sample(_CONTENT, size)
            text = "\n\n".join([*(b for b in before if b != line), line]) + "\n"
            if strip_boilerplate(text) != text:
                lost.append(line)
    assert lost == []


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(line, marks=pytest.mark.xfail(reason=reason, strict=True))
        for line, reason in KNOWN_LOSSES.items()
    ],
)
def test_known_losses(line: str) -> None:
    assert any(line in text.split("\n") for _, text, _ in DOCS)
    for before in ([], _CONTENT[:1], _CONTENT[:3]):
        text = "\n\n".join([*before, line]) + "\n"
        assert strip_boilerplate(text) == text


@_PROPS
@given(
    st.lists(st.sampled_from(_CONTENT + _BOILER + [""]), min_size=1, max_size=30),
    st.booleans(),
)
def test_idempotent(lines: list[str], keep_credits: bool) -> None:
    text = "\n".join(lines) + "\n"
    once, steps = strip_boilerplate_and_explain(text, keep_credits=keep_credits)
    assert apply_steps(text, steps) == once
    assert strip_boilerplate(once, keep_credits=keep_credits) == once


@_PROPS
@given(st.text(max_size=200))
def test_any_text_replays(text: str) -> None:
    out, steps = strip_boilerplate_and_explain(text)
    assert apply_steps(text, steps) == out


# --------------------------------------------------------------------------- corpus level


def _corpus(seed: int, n: int = 40) -> list[str]:
    rng = random.Random(seed)
    footer = "本站所有文章均来自互联网，如有侵权请联系删除"
    docs = []
    for _ in range(n):
        body = rng.sample(_CONTENT, 6)
        docs.append("\n".join(["一、", *body, "01", footer]) + "\n")
    return docs


def test_corpus_templates_removed_and_short_lines_protected() -> None:
    docs = _corpus(1)
    counter = LineCounter()
    for doc in docs:
        counter.add_document(doc)
    templates = counter.templates(min_files=5, min_fraction=0.5)
    assert (
        line_hash(normalise_line("本站所有文章均來自互聯網，如有侵權請聯繫刪除") or "") in templates
    )
    for doc in docs:
        out, steps = strip_corpus_lines(doc, templates)
        assert apply_steps(doc, steps) == out
        assert "本站所有文章" not in out
        assert out.startswith("一、\n") and "\n01\n" in out
        assert len(out.splitlines()) == len(doc.splitlines()) - 1


def test_corpus_pass_then_pipeline_replays() -> None:
    doc = "正文第一句。\n本站所有文章均来自互联网，如有侵权请联系删除\n返回顶部\n"
    templates = {line_hash(normalise_line("本站所有文章均来自互联网，如有侵权请联系删除") or "")}
    first, corpus_steps = strip_corpus_lines(doc, templates)
    out, steps = cjkclean.clean_and_explain(first)
    assert {s.stage for s in corpus_steps} == {"corpus-boilerplate"}
    assert cjkclean.replay(doc, corpus_steps + steps) == out == "正文第一句。\n"


# Content lines the corpus pass removes from the labelled set (a bug, reported, not relabelled),
# as strict xfails: held-out set 7 brought fifteen scraped pages stored as XML, whose
# ``<?xml version='1.0' encoding='utf-8'?>`` line makes the declaration a template (15 of 138
# files), and a technical article quotes the same declaration in its code as content.
KNOWN_CORPUS_LOSSES: dict[tuple[str, int], str] = {
    # set 7's XML declaration, a template of its crawler's pages, was removed from a code block
    # of another page; lines between code fences are no longer templates
}


def _corpus_pass_lost() -> set[tuple[str, int]]:
    """(page, line) of every keep line the corpus pass removes from the labelled set."""
    counter = LineCounter()
    for _, text, _ in DOCS:
        counter.add_document(text)
    templates = counter.templates(min_files=3, min_fraction=0.05)
    assert templates  # the NGOCN repost footer is on several pages
    lost = set()
    for name, text, labels in DOCS:
        _, steps = strip_corpus_lines(text, templates)
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        for step in steps:
            line = bisect.bisect_right(starts, step.start)
            if step.rule != "collapse-blank" and labels[line][0] == "keep":
                lost.add((name, line))
    return lost


def test_corpus_pass_on_labelled_set_keeps_content() -> None:
    assert _corpus_pass_lost() - set(KNOWN_CORPUS_LOSSES) == set()


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(key, marks=pytest.mark.xfail(reason=reason, strict=True))
        for key, reason in KNOWN_CORPUS_LOSSES.items()
    ],
)
def test_known_corpus_losses(key: tuple[str, int]) -> None:
    assert key not in _corpus_pass_lost()


def test_line_counter_merges_like_one_pass() -> None:
    docs = _corpus(2, 30)
    whole = LineCounter()
    for doc in docs:
        whole.add_document(doc)
    a, b = LineCounter(), LineCounter()
    for i, doc in enumerate(docs):
        (a if i % 2 else b).add_document(doc)
    merged = LineCounter.from_dict(a.to_dict()).merge(LineCounter.from_dict(b.to_dict()))
    assert merged.counts == whole.counts and merged.documents == whole.documents
    assert merged.templates() == whole.templates()


def test_line_counter_bound_never_overcounts() -> None:
    docs = _corpus(3, 60)
    exact = LineCounter()
    small = LineCounter(capacity=64)
    for doc in docs:
        exact.add_document(doc)
        small.add_document(doc)
    assert len(small.counts) <= 64
    assert all(c <= exact.counts[h] for h, c in small.counts.items())
    assert small.templates(min_files=5, min_fraction=0.5) <= exact.templates(5, 0.5)


def test_line_counter_rejects_bad_capacity() -> None:
    with pytest.raises(ValueError):
        LineCounter(capacity=0)
