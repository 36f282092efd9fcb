"""Build ``corpora/mojibake/wild.json`` from the transcribed in-the-wild cases below.

Every input was copied from public material found with the search tool's ``find_string`` (the
index returns an id, an offset and the text, but not always the repository) or from a GitHub issue
(``url``).  For each case the chain is replayed: lossless cases must reverse exactly
(``expected`` is *computed* by reversing the chain when not given); lossy cases must be consistent
with corrupting ``expected`` through the chain with a lossy decoder; ``expected=None`` marks cases
whose repair cannot be verified (the note says why).  Private-use characters (GBK user-defined
area, invisible in most displays) that the transcription dropped are restored by aligning with
the replayed chain, and such cases say so in their note.

Run: ``python corpora/mojibake/tools/build_wild.py``.
"""

# ruff: noqa: E501  (the data lines are transcriptions and stay on one line each)

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "tests"))
import mojibake_cases as m  # noqa: E402


def S(
    idx: str,
    at: int,
    q: str,
    repo: str | None = None,
    path: str | None = None,
    commit: str | None = None,
) -> dict[str, Any]:
    """A source found with find_string: index id, offset, query (and repo/path when known)."""
    d: dict[str, Any] = {"index_id": idx, "match_at": at, "found_with": f"find_string {q!r}"}
    if repo:
        d.update(repo=repo, path=path, commit=commit)
    return d


U8G = ["utf-8", "windows-936"]
CASES: list[dict[str, Any]] = []


def add(
    prefix: str,
    inp: str,
    chain: list[str],
    expected: Any = ...,
    lossy: bool = False,
    src: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    """Record one case; ``expected=...`` means: compute it by reversing the chain."""
    CASES.append(
        dict(
            prefix=prefix,
            input=inp,
            chain=chain,
            expected=expected,
            lossy=lossy,
            source=src,
            note=note,
        )
    )


# ---------------- UTF-8 read as GBK / CP936 -----------------
s1 = S(
    "5992718724",
    1117,
    "鍙戝竷",
    "wuzezhou123/wuzezhou_cms",
    "src/main/java/com/wzz/cms/domain/Article.java",
    "12349d13aca65ddc44d7d30fcd6bb5b313d3d324",
)
add(
    "u8-gbk",
    "鏂囩珷鍙戝竷浜篒D",
    U8G,
    src=s1,
    note="ASCII 'I' is the second byte of a GBK pair (篒 = BA 49): 人 = E4 BA BA, then 'ID'",
)
add(
    "u8-gbk",
    "鏂囩珷鐨勬爣棰樺浘鐗�",
    U8G,
    "文章的标题图片",
    True,
    s1,
    "last byte of 片 lost, shown as U+FFFD (Java's GBK decoder)",
)
add(
    "u8-gbk",
    "鎵�灞炴爮鐩甀D",
    U8G,
    "所属栏目ID",
    True,
    s1,
    "0x80 (3rd byte of 所) decoded as U+FFFD by Java's GBK, where Windows CP936 gives €",
)
add("u8-gbk", "鐐瑰嚮閲�", U8G, "点击量", True, s1, "last byte lost")
add(
    "u8-gbk",
    "鏄惁鐑棬鏂囩珷 1锛氱儹闂� 0 锛氫竴鑸枃绔�",
    U8G,
    "是否热门文章 1：热门 0 ：一般文章",
    True,
    s1,
    "two dangling bytes before spaces",
)
add(
    "u8-gbk",
    "2020骞�3鏈�3鏃� 涓婂崍11:25:22",
    U8G,
    "2020年3月3日 上午11:25:22",
    True,
    s1,
    "Java-style loss: digits after a dangling lead byte are kept",
)
s2 = S("59729043969", 9690, "鍙戝竷")
add(
    "u8-gbk",
    "| 04-18 22:00 | 鍒涘缓TOE_MASTER_FRAMEWORK.md | 鎬荤翰鍙戝竷 |",
    U8G,
    src=s2,
    note="markdown table row",
)
add(
    "u8-gbk",
    "鏇挎崲鎵€鏈",
    U8G,
    "替换所有",
    True,
    s2,
    "CP936 € from 0x80 (所 = E6 89 80); span cut inside the next character",
)
s3 = S("56324695599", 1715, "鍙戝竷")
add("u8-gbk", "console.error('鍙戝竷鐩茬洅澶辫触:', error);", U8G, src=s3)
add("u8-gbk", "return { success: false, message: '鍙戝竷澶辫触: ' + error.message };", U8G, src=s3)
add(
    "u8-gbk",
    "鍙戝竷甯栧瓙",
    U8G,
    src=S("55538390799", 13124, "鍙戝竷"),
    note="button label in HTML",
)
s4 = S("7601076381", 1670, "鎴戜滑")
add("u8-gbk", "/* 闃叉姘村钩婊氬姩鏉� */", U8G, "/* 防止水平滚动条 */", True, s4)
add(
    "u8-gbk",
    "/* IE 6 涓嶆敮鎸� max-height",
    U8G,
    "/* IE 6 不支持 max-height",
    True,
    s4,
    "jQuery UI autocomplete demo comment",
)
add(
    "u8-gbk",
    "鎴戜滑浣跨敤 height 浠ｆ浛锛屼絾鏄繖浼氬己鍒惰彍鍗曟�绘槸鏄剧ず涓洪偅涓珮搴�",
    U8G,
    "我们使用 height 代替，但是这会强制菜单总是显示为那个高度",
    True,
    s4,
)
add(
    "u8-gbk",
    "// TODO: 瀹屽杽mailbox鏈哄埗锛屼娇鎴戜滑鑳藉涓诲姩璋冨害mailbox",
    U8G,
    "// TODO: 完善mailbox机制，使我们能够主动调度mailbox",
    False,
    src=S("52906571886", 25921, "鎴戜滑"),
)
s5 = S("15376436346", 14297, "鎴戜滑")
add(
    "u8-gbk",
    "# 涓轰簡鏂逛究锛岃繖閲岀洿鎺ユ妸 feedback 瀛楁鏀瑰啓鎴愬寘鍚?audio 鐨?dict",
    U8G,
    "# 为了方便，这里直接把 feedback 字段改写成包含 audio 的 dict",
    True,
    s5,
    "PowerShell-style loss: '?' and the following space swallowed",
)
s6 = S("59890672686", 7221, "鎴戜滑")
add(
    "u8-gbk",
    "鏀寔鐨勬爣鍑嗗彲鑳界浉浜掗噸鍙狅紝鎴戜滑闇€瑕佷竴涓槑纭殑闆嗗悎鏉ユ煡鎵剧敱 VIDIOC_G_STD",
    U8G,
    "支持的标准可能相互重叠，我们需要一个明确的集合来查找由 VIDIOC_G_STD",
    False,
    src=s6,
    note="Linux media docs translation; CP936 € in 需",
)
add(
    "u8-gbk",
    "璇ヨ緭鍏ユ垨杈撳嚭涓嶆敮鎸佹爣鍑嗚棰戞椂搴忋€?",
    U8G,
    "该输入或输出不支持标准视频时序。",
    True,
    s6,
    "the final byte of 。 and the newline became '?'",
)
add(
    "u8-gbk",
    "# 纭繚鎴戜滑鍦ㄤ竴涓敮鎸佺殑鎿嶄綔绯荤粺涓婅繍琛�",
    U8G,
    "# 确保我们在一个支持的操作系统上运行",
    True,
    S("48998549946", 72287, "鎴戜滑"),
)
add(
    "u8-gbk",
    "// 楂樺痉 API 鍧愭爣绯讳负 gcj02锛屼笌鎴戜滑鐨勫潗鏍囦竴鑷?",
    U8G,
    "// 高德 API 坐标系为 gcj02，与我们的坐标一致",
    True,
    S("68726590671", 21152, "鎴戜滑"),
)
add("u8-gbk", " * Title: 缁熶竴鍝嶅簲缁撴瀯 ", U8G, src=S("368014386", 101, "鎴戜滑"))
s7 = S("1262322697", 14712, "浣犲ソ")
add(
    "u8-gbk",
    "<璇█> <澶�><缁撴潫澶�> <韬綋>浣犲ソ锛屼笘鐣�<缁撴潫韬綋> <缁撴潫璇█>",
    U8G,
    "<语言> <头><结束头> <身体>你好，世界<结束身体> <结束语言>",
    True,
    s7,
    "the document shows the clean text right above the garbled one",
)
add(
    "u8-gbk",
    '"description": "绠€鍗?Agent",',
    U8G,
    '"description": "简单 Agent",',
    True,
    S("70910062492", 60359, "浣犲ソ"),
)
add(
    "u8-gbk",
    'String response = assistant.chat("浣犲ソ锛?);',
    U8G,
    None,
    True,
    S("52379809132", 431, "浣犲ソ"),
    "the lost byte and the closing quote could be ！ or ， (EF BC 81 / EF BC 8C): not decidable",
)
s8 = S("8477067757", 2629, "浣犲ソ")
add(
    "u8-gbk",
    "浣犲ソ鍛€",
    U8G,
    src=s8,
    note="labelled as a mojibake example in the source; 呀 = E5 91 80 gives CP936 €",
)
add("u8-gbk", "鎴戞槸浣犵殑鏅鸿兘鍔╂墜", U8G, src=s8)
add(
    "u8-gbk",
    '"浣犲ソ锛佹垜鏄綘鐨勬紨绀虹鏅鸿兘鍔╂墜銆傝鍛婅瘔鎴戜綘鎯冲埗浣滀粈涔堜富棰樼殑婕旂ず绋匡紵",',
    U8G,
    None,
    False,
    src=S("55585409242", 34763, "浣犲ソ"),
    note="the repair is 你好！我是你的演示稿智能助手。请告诉我你想制作什么主题的演示稿？ but the source holds characters the index shows blank (after 鏄 and 虹: GBK user-defined/PUA), so the exact input could not be transcribed",
)
add(
    "u8-gbk",
    'query = "浣犲ソ锛岃浣犱粙缁嶄竴涓嬩綘鑷繁銆?',
    U8G,
    'query = "你好，请你介绍一下你自己。"',
    True,
    S("66503806762", 2472, "浣犲ソ"),
    "closing quote swallowed by the dangling byte of 。",
)
s9 = S("37671228922", 1284, "浣犲ソ")
add(
    "u8-gbk",
    'update.message.reply_text("浣犲ソ锛佹杩庝娇鐢═GBot锛岃緭鍏?help鏌ョ湅鍛戒护鍒楄〃銆?)',
    U8G,
    None,
    True,
    s9,
    "the byte swallowed after 入 is probably '/' (/help) but could be a space: not decidable",
)
add(
    "u8-gbk",
    'logger.info("鐢ㄦ埛鍚姩浜咮ot")',
    U8G,
    'logger.info("用户启动了Bot")',
    False,
    src=s9,
    note="'B' is the trail byte of 咮 (86 42)",
)
add(
    "u8-gbk",
    "{id:6,name:浣犲ソ鍚?price:300,iconid:2}",
    U8G,
    "{id:6,name:你好吗,price:300,iconid:2}",
    True,
    S("19171403257", 22657, "浣犲ソ"),
    "the comma is pinned by the JSON-like syntax",
)
s10 = S("56490859649", 1676, "涓枃")
add(
    "u8-gbk",
    "('IANA鏃跺尯ID锛屽涓 \"Asia/Shanghai\"'",
    U8G,
    None,
    True,
    s10,
    "a repair script pairs this with a clean string, but the garbled side is not byte-exact (hand-typed or re-processed): no chain replays it",
)
add(
    "u8-gbk",
    "('涓枃鍚嶏紝?\"涓捣\"'",
    U8G,
    None,
    True,
    s10,
    "a repair script pairs this with a clean string, but the garbled side is not byte-exact (hand-typed or re-processed): no chain replays it",
)
add(
    "u8-gbk",
    "('鑻辨枃鍚嶏紝?\"Shanghai\"'",
    U8G,
    None,
    True,
    s10,
    "a repair script pairs this with a clean string, but the garbled side is not byte-exact (hand-typed or re-processed): no chain replays it",
)
add(
    "u8-gbk",
    "# 鐢?HEAD 璇锋眰鎺㈡祴鏂囦欢澶у皬鍜?Range 鏀寔锛堥伩鍏嶄笅杞芥暣涓枃浠讹級",
    U8G,
    "# 用 HEAD 请求探测文件大小和 Range 支持（避免下载整个文件）",
    True,
    S("53840369909", 7665, "涓枃"),
)
add(
    "u8-gbk",
    "`涓枃`",
    U8G,
    "`中文`",
    True,
    S("67001654369", 748, "涓枃"),
    "an agent-instructions file citing the PowerShell Set-Content mojibake",
)
add(
    "u8-gbk",
    "杩琛￠】",
    U8G,
    None,
    True,
    {"repo": "matomo-org/matomo", "url": "https://github.com/matomo-org/matomo/issues/12732"},
    "Sogou search terms; too much lost to know the query",
)
# ---------------- GBK read as Latin-1 -----------------
GL = ["gbk", "latin-1"]
add(
    "gbk-latin1",
    "DEFAULT_LANGUAGE=[¼òÌåÖÐÎÄ]",
    GL,
    src=S("69495920202", 104, "ÖÐÎÄ"),
    note="SQL Server script",
)
add("gbk-latin1", 'resp.getWriter().write("ÖÐÎÄ2");', GL, src=S("44448872322", 1210, "ÖÐÎÄ"))
s12 = S("14955106377", 388, "ÖÐÎÄ")
add("gbk-latin1", "//¹¦ÄÜµÄËõÐ´×ÖÄ¸£¬Òª´óÐ´", GL, src=s12)
add("gbk-latin1", "//¹¦ÄÜµÄÖÐÎÄÃû³Æ", GL, src=s12)
add("gbk-latin1", '_log.Info("²âÊÔÖÐÎÄ");', GL, src=S("9914505132", 2782, "ÖÐÎÄ"))
add(
    "gbk-latin1",
    "// Qt5ÖÐÎÄÂÒÂë",
    GL,
    src=S("5350703142", 180, "ÖÐÎÄ"),
    note="the comment is about mojibake, and is mojibake",
)
add(
    "gbk-latin1",
    'prints("Ó¢ÎÄÃû³Æ:     %s\\n", bp->filename);',
    GL,
    src=S("37831834857", 15478, "ÖÐÎÄ"),
    note="BBS source; \\n is a C escape (backslash, n)",
)
add("gbk-latin1", "| English | [¼òÌåÖÐÎÄ](README_CH.md) |", GL, src=S("243903207", 17, "ÖÐÎÄ"))
add("gbk-latin1", "urlencode(city_name);//¶ÔÖÐÎÄ±àÂë", GL, src=S("41674768797", 2134, "ÖÐÎÄ"))
add(
    "gbk-latin1",
    "%ÀýÌâ8_2Ö÷³ÌÐò£ºeg8_2.m",
    GL,
    src=S("5365585733", 25, "³ÌÐò"),
    note="MATLAB comment",
)
add("gbk-latin1", "* @brief: ×ÅÉ«Æ÷³ÌÐò", GL, src=S("2282039078", 57, "³ÌÐò"))
add(
    "gbk-latin1",
    "/////////////////ÇåÆÁ×Ó³ÌÐò//////////////////////////",
    GL,
    src=S("46799413538", 6494, "³ÌÐò"),
)
add("gbk-latin1", "//KPIÖÐ¶Ï·þÎñ×Ó³ÌÐò", GL, src=S("37254434648", 15, "³ÌÐò"))
add("gbk-latin1", " * ·þÎñÆ÷³ÌÐò", GL, src=S("16328070968", 185, "³ÌÐò"))
add(
    "gbk-latin1",
    ";ÎÄ¼þËµÃ÷£º±£»¤Ä£Ê½Î¢ÐÍºËÐÄ³ÌÐò ",
    GL,
    src=S("26777985143", 90, "³ÌÐò"),
    note="x86 assembly book listing",
)
add("gbk-latin1", "/* PGSERR=1,±à³ÌÐòÁÐ´íÎó */", GL, src=S("66744103703", 747, "³ÌÐò"))
add("gbk-latin1", "//¹Ø±Õ³ÌÐò", GL, src=S("134580713", 369, "³ÌÐò"))
s13 = S("32095923818", 4675, "³ÌÐò")
add("gbk-latin1", "TR0=1;\t\t\t//¿ªÆô¼ÆÊý", GL, src=s13)
add(
    "gbk-latin1",
    "while(RX);\t\t//µ±RXÃ»ÓÐ½ÓÊÕµ½·µ»Ø²¨£¬´Ëwhile³ÉÁ¢£¬³ÌÐòÍ£ÔÚÕâÀïÒ»Ö±ÅÐ¶ÏRX×´Ì¬¡£",
    GL,
    src=s13,
    note="long line, ASCII words between GBK pairs",
)
add(
    "gbk-latin1",
    "Ä¿¡¡¡¡Â¼",
    GL,
    src={
        "repo": "yfedoseev/pdf_oxide",
        "url": "https://github.com/yfedoseev/pdf_oxide/issues/1273",
    },
    note="poppler's text of a GBK PDF; A1A1 is the ideographic space",
)
# ---------------- Big5 read as Latin-1 -----------------
BL = ["big5", "latin-1"]
add("big5-latin1", '"tc"=>"ÁcÅé¤¤¤å",', BL, src=S("45384398117", 5855, "¤¤¤å"))
s14 = S("7922950128", 48722, "¤¤¤å")
add("big5-latin1", "(¥Ø«e¬°¤¤¤å)", BL, src=s14, note="Windows batch file menu")
add("big5-latin1", "»y¨¥³]©w", BL, src=s14)
add("big5-latin1", "//¦r²Å¬O¤¤¤å ", BL, src=S("21929317083", 3213, "¤¤¤å"))
add(
    "big5-latin1",
    '"§A¥Ø«e¨S¦³¤¤¤å¦W¦r¡M§AÁÙ¦³$i¦¸§ï¦W¦rªº¾÷·|¡C"',
    BL,
    src=S("43871812762", 77155, "¤¤¤å"),
    note="MUD source; A14D is the full-width comma",
)
add("big5-latin1", 'choice->appendItem( "ÁcÅé¤¤¤å" );', BL, src=S("12325451374", 4373, "¤¤¤å"))
s15 = S("121358087", 1243, "¤¤¤å")
add("big5-latin1", "###      Chinese/¤¤¤åÁcÅé", BL, src=s15)
add(
    "big5-latin1",
    "###      => Tate Chen ³¯¥@°¶ <tate@joy-tech.com.tw>",
    BL,
    src=s15,
    note="a person's name",
)
s16 = S("26411955141", 23390, "¤¤¤å")
add("big5-latin1", '"¯u¹ê©m¦W(½Ð¥Î¤¤¤å): "', BL, src=s16)
add("big5-latin1", '"½Ð½T¹ê¶ñ¼g¯u¹ê¤¤¤å©m¦W"', BL, src=s16)
add("big5-latin1", 'name = $"¤¤¤å´ú¸Õ, {DateTime.Now}"', BL, src=S("34150123549", 937, "¤¤¤å"))
add(
    "big5-latin1",
    "¦p±ý¾\\Åª¤¤¤å¤¶²Ð¡A½Ð¨ì³Ì³»",
    BL,
    src=S("48581126030", 32027, "¤¤¤å"),
    note="閱 = BE 5C: the backslash is a Big5 trail byte",
)
# ---------------- Big5 read as GBK -----------------
BG = ["big5", "gbk"]
add("big5-gbk", "// 癸Postいゅ把计秈︽秆絏", BG, src=S("16712648738", 1374, "いゅ"))
add("big5-gbk", 'System.out.print("\\nいゅ计:");', BG, src=S("19609789372", 841, "いゅ"))
add("big5-gbk", 'f.writeLine("いゅ代刚");', BG, src=S("21635865005", 2170, "いゅ"))
add("big5-gbk", " * 眔いゅ肂俱计场だ", BG, src=S("46315030640", 1972, "いゅ"))
add("big5-gbk", "'计锣いゅ(Traditional Chinese)", BG, src=S("35061778269", 1434, "いゅ"))
s17 = S("9320531002", 378, "いゅ")
add(
    "big5-gbk",
    '{"いゅ(羉砰)",950},//Trad. Chs.',
    BG,
    src=s17,
    note="same file has Shift_JIS read as GBK for Japanese",
)
add(
    "big5-gbk",
    "羉砰いゅ代刚",
    BG,
    src=S("70233029737", 1380, "いゅ"),
    note="quoted in a changelog as a preview that was garbled",
)
# ---------------- GBK read as Big5 -----------------
GB = ["gbk", "big5"]
add("gbk-big5", "English | [笢恅](README_ZH.md)", GB, src=S("15227590502", 31, "笢恅"))
add(
    "gbk-big5",
    'chineseTheme.name = "笢恅0";',
    GB,
    src=S("63625399", 4429, "笢恅"),
    note="Mozilla test file: possibly deliberate test data",
)
s18 = S("11928888230", 9236, "笢恅")
add("gbk-big5", "//汜傖蹈腔笢恅勤茼桶", GB, src=s18)
add("gbk-big5", 'nameList.Add("ADID", "嫘豢晤鎢");', GB, src=s18)
add(
    "gbk-big5",
    "char string2[] = {0xBC,0xF2,0xCC,0xE5,0xD6,0xD0,0xCE,0xC4,stringEnd};//潠极笢恅  //BG2312",
    GB,
    src=S("29493849732", 689, "笢恅"),
    note="the byte values of the GBK text are written out in the same line",
)
add("gbk-big5", "// 揭爵笢恅恀枙", GB, src=S("35051217239", 40028, "笢恅"))
add(
    "gbk-big5",
    'l_strMessage="祥褫眕怀⻌笢恅趼,ワ潰脤!";',
    ["gbk", "big5hkscs"],
    src=S("49179257275", 6873, "笢恅"),
    note="⻌ and ワ come from HKSCS/ETEN rows: the reader was Big5-HKSCS (or CP950 with extensions)",
)
# ---------------- UTF-8 read as Big5 / CP950 -----------------
U8B = ["utf-8", "cp950"]
add(
    "u8-big5",
    "銝剜",
    U8B,
    "中文",
    True,
    S("7414430208", 48, "銝剜"),
    "blog post title pairs the mojibake with 中文 (truncated: bytes of 文 lost)",
)
add(
    "u8-big5",
    "「蝜��銝剜�」",
    U8B,
    None,
    True,
    S("70149672980", 15083, "銝剜"),
    "the same sentence names the clean text (繁體中文), but this decoder (Apple's) emits one U+FFFD per invalid run, a loss pattern the corpus check cannot replay",
)
add(
    "u8-big5",
    'traditionalChinese: "蝜?銝剜?",',
    U8B,
    'traditionalChinese: "繁體中文",',
    True,
    S("55396316825", 1024, "銝剜"),
)
# ---------------- UTF-8 read as CP932 (Japanese) -----------------
U8J = ["utf-8", "cp932"]
s19 = S("41211189703", 1015, "縺ゅ")
add(
    "u8-sjis",
    "螟ｧ譁・ｭ怜ｰ乗枚蟄励ｒ蛹ｺ蛻･縺励↑縺・",
    U8J,
    "大文字小文字を区別しない\n",
    True,
    s19,
    ".vimrc comment; the last '・' swallowed the newline",
)
add(
    "u8-sjis",
    "讀懃ｴ｢譁・ｭ励↓螟ｧ譁・ｭ励′縺ゅｋ蝣ｴ蜷医・螟ｧ譁・ｭ怜ｰ乗枚蟄励ｒ蛹ｺ蛻･",
    U8J,
    "検索文字に大文字がある場合は大文字小文字を区別",
    True,
    s19,
)
add("u8-sjis", "繧､繝ｳ繧ｯ繝ｪ繝｡繝ｳ繧ｿ繝ｫ繧ｵ繝ｼ繝・", U8J, "インクリメンタルサーチ\n", True, s19)
add(
    "u8-sjis",
    "'繝｡繝ｼ繝ｫ繧｢繝峨Ξ繧ｹ縺ｾ縺溘・繝代せ繝ｯ繝ｼ繝峨′豁｣縺励￥縺ゅｊ縺ｾ縺帙ｓ'",
    U8J,
    "'メールアドレスまたはパスワードが正しくありません'",
    True,
    S("52448096683", 6356, "縺ゅ"),
)
add(
    "u8-sjis",
    "// 繝｡繧ｿ繝・・繧ｿ繝舌Μ繧｢繝ｳ繝医′縺ゅｋ蝣ｴ蜷医・蜷・ヰ繝ｪ繧｢繝ｳ繝医・繝｢繝・Ν繧ら函謌・",
    U8J,
    "// メタデータバリアントがある場合は各バリアントのモデルも生成\n",
    True,
    S("56830806073", 82293, "縺ゅ"),
)
add(
    "u8-sjis",
    "name: '縺ゅ↑縺・,",
    U8J,
    "name: 'あなた',",
    True,
    S("60856477228", 10551, "縺ゅ"),
    "the closing quote was swallowed",
)
add("u8-sjis", "// MainView繧定｡ｨ遉ｺ", U8J, src=S("154013811", 1803, "繧"))
add("u8-sjis", "//   豌ｴ霍ｯ繝ｩ繧､繝ｳ繧貞炎髯､", U8J, src=S("18764108421", 1676, "繧"))
add(
    "u8-sjis",
    "// 螳夂ｾｩ蝓溘メ繧ｧ繝・け",
    U8J,
    "// 定義域チェック",
    True,
    S("38253563241", 609, "繧"),
)
add(
    "u8-sjis",
    'Play("繧｢繝ｼ繝槭メ繝･繧｢Action", true, false);',
    U8J,
    src=S("9977566146", 2192, "繧"),
)
add(
    "u8-sjis",
    "// 1. 繝ｫ繝ｼ繝医す繧ｰ繝阪メ繝｣菴懈・",
    U8J,
    "// 1. ルートシグネチャ作成\n",
    True,
    S("71159454411", 444, "繧"),
)
add(
    "u8-sjis",
    "// 繝励Ο繧ｸ繧ｧ繧ｯ繝亥・",
    U8J,
    "// プロジェクト内\n",
    True,
    S("47529894201", 73, "繧"),
)
add(
    "u8-sjis",
    "「縺ゅ>縺・∴縺」",
    U8J,
    None,
    True,
    S("13496413213", 8227, "縺ゅ"),
    "a bug report quoting CSV mojibake by hand; the '>' cannot come from CP932, so the quote is inexact",
)
# ---------------- Shift_JIS read as GBK -----------------
SG = ["shift_jis", "gbk"]
add("sjis-gbk", '{"擔杮岅",932},//Japanese', SG, src=s17)
s20 = S("38282979842", 33381, "偵偮偄偰")
add(
    "sjis-gbk",
    "媄弍偵偮偄偰偺徻嵶忣曬偼丄乽CPatch 拞崙岅壔愱栧宖帵斅乿偱妋擣偡傞帠偑弌棃傑偡丅",
    ["cp932", "gbk"],
    src=s20,
    note="NSIS installer strings",
)
add("sjis-gbk", "// 儌乕僪偺愝掕偵幐攕", ["cp932", "gbk"], src=S("40927714250", 10798, "偵偮偄偰"))
add(
    "sjis-gbk",
    "// X幉丄Y幉偺偦傟偧傟偵偮偄偰丄僆僽僕僃僋僩偑曬崘壜擻側抣偺斖埻傪僙僢僩偡傞丅",
    ["cp932", "gbk"],
    src=S("40927714250", 10798, "偵偮偄偰"),
)
add(
    "sjis-gbk",
    "//偁傞曽岦偵偮偄偰庤偺惓偟偝傪敾掕",
    ["cp932", "gbk"],
    src=S("17128980144", 49641, "偵偮偄偰"),
)
add(
    "sjis-gbk",
    "// 偙偺僋儔僗偺幚憰偵偮偄偰偼丄X-Monitor.cpp 傪嶲徠偟偰偔偩偝偄丅",
    ["cp932", "gbk"],
    src=S("4762216981", 2908, "偵偮偄偰"),
)
add(
    "sjis-gbk",
    "Perl 僼傽僀儖堦婥撉傒屻偺惓婯昞尰偵偮偄偰",
    ["cp932", "gbk"],
    src=S("42392150294", 2337, "偵偮偄偰"),
)
# ---------------- EUC-JP read as Latin-1 -----------------
JL = ["euc_jp", "latin-1"]
add(
    "eucjp-latin1",
    " * »ØÄê¤µ¤ì¤¿¥Õ¥¡¥¤¥ë¥Ï¥ó¥É¥ë¤Ë¤Ä¤¤¤Æ¡¢",
    JL,
    src=S("21127585351", 13269, "¤Ë¤Ä¤¤¤Æ"),
)
add(
    "eucjp-latin1",
    "¤³¤ÎÊ¸½ñ¤Ç¤ÏRubyCocoa 0.4.2¤ò¥½¡¼¥¹¤«¤é¹½ÃÛ¡¦¥¤¥ó¥¹¥È¡¼¥ë¤¹¤ëÊýË¡¤Ë¤Ä¤¤¤Æ",
    JL,
    src=S("3543599548", 123, "¤Ë¤Ä¤¤¤Æ"),
)
add("eucjp-latin1", "/* ¤¹¤Ù¤Æ¤Î»Ò¶¡¤Ë¤Ä¤¤¤Æ */", JL, src=S("8924427436", 7984, "¤Ë¤Ä¤¤¤Æ"))
add(
    "eucjp-latin1",
    'e->status = 0; /* ¥â¡¼¥É¤Ë¤Ä¤¤¤Æ"½èÍýÃæ"¤Î¥¹¥Æ¡¼¥¿¥¹¤ò´ûÄêÃÍ¤È¤¹¤ë */',
    JL,
    src=S("2869024535", 30562, "¤Ë¤Ä¤¤¤Æ"),
)
add(
    "eucjp-latin1",
    '"ja"=>"ÆüËÜ",',
    JL,
    src=S("45384398117", 5855, "¤¤¤å"),
    note="same language list as the Big5 'tc' entry: each label in its own legacy encoding",
)
# ---------------- EUC-KR read as Latin-1 / cp1254 / Mac Roman -----------------
KL = ["euc_kr", "latin-1"]
add("euckr-latin1", 'new Text("ÇÑ±¹¾î");', KL, src=S("23668978419", 389, "ÇÑ±¹¾î"))
add(
    "euckr-latin1",
    "' 3) ÇÑ±¹¾î ¿äÀÏ ¹ÝÈ¯",
    KL,
    src=S("46240898319", 12293, "ÇÑ±¹¾î"),
    note="VBA comment",
)
add(
    "euckr-latin1",
    "ImeName = 'ÇÑ±¹¾î(ÇÑ±Û)'",
    KL,
    src=S("30170738393", 2632, "ÇÑ±¹¾î"),
    note="Delphi form file",
)
add(
    "euckr-latin1",
    'm_lblLanguage.SetWindowText(" »ç¿ë ¾ð¾î");',
    KL,
    src=S("65733045174", 7150, "ÇÑ±¹¾î"),
)
add(
    "euckr-latin1",
    '" ÀÏº»¾î¿Í ÇÑ±¹¾î Åä±Û',
    KL,
    src=S("4057031035", 11411, "ÇÑ±¹¾î"),
    note=".vimrc comment",
)
add("euckr-latin1", 'Debug.Log("½½·ÔÀÌ °¡µæ Â÷ ÀÖ½À´Ï´Ù.");', KL, src=S("12088912087", 1348, "°¡"))
add("euckr-latin1", "//¾À Ãß°¡ ", KL, src=S("18747029377", 276, "°¡"))
add("euckr-latin1", "if (i % 2 == 1) { // ÀÎµ¦½º°¡ Â¦¼öÀÎ °Í", KL, src=S("47571957487", 323, "°¡"))
add(
    "euckr-latin1", 'cout << species << "°¡ ¿òÁ÷ÀÌ´Ù" << endl;', KL, src=S("23780123857", 407, "°¡")
)
add(
    "euckr-latin1",
    'Debug.Log("ºû Ä³¸¯ÅÍ°¡ Àüµî ¹üÀ§¸¦ ¹þ¾î³ª »ç¸Á");',
    KL,
    src=S("93911572", 489, "°¡"),
)
s21 = S("40470642459", 19399, "ÇÑ±¹¾î")
add(
    "euckr-cp1254",
    'ko: "ÇÑ±¹¾î", ja: "ìíÜâåŞ", zh: "ñéÙş"',
    ["euc_kr", "cp1254"],
    src=s21,
    note="Ş/ş (DE/FE) show the reader was Windows-1254 (Turkish); Japanese and Chinese labels written in Hanja",
)
add(
    "euckr-latin1",
    "'zh-cn': '??ñéÙþ',",
    KL,
    None,
    True,
    S("7222366677", 314, "ÇÑ±¹¾î"),
    "简体 cannot be encoded in EUC-KR and became '??' before the mojibake: not recoverable",
)
add(
    "euckr-macroman",
    "/* ƒÌ≈∞ø°º≠ ¿Ã∏ß∞˙ E-mail¿ª ∞°¡Æø» */",
    ["euc_kr", "mac_roman"],
    src=S("36286302907", 1154, "°¡"),
    note="EUC-KR read as Mac OS Roman",
)
# ---------------- EUC-KR read as GBK -----------------
KG = ["euc_kr", "gbk"]
add(
    "euckr-gbk",
    "// 泅 备泅 惑 荤侩 啊瓷茄 葛电 胶懦烙. ActiveSkill 狼 版快 厘馒 咯何甫 蝶廉具 茄促搁 眠啊秦具.",
    KG,
    src=S("25033370109", 12296, "荤侩"),
)
add(
    "euckr-gbk",
    "// 秦寸 拌凯俊辑 荤侩且荐乐绰 公扁拌凯 辆幅(酒捞袍 抛捞喉 辆幅)",
    KG,
    src=S("34066680548", 8504, "荤侩"),
)
add("euckr-gbk", "//SpeedHaker 荤侩磊甫 辑滚俊 烹焊茄促.", KG, src=S("10097486395", 17963, "荤侩"))
add(
    "euckr-gbk",
    "// 牢亥配府 救狼 酒捞袍阑 荤侩且 锭, 努扼捞攫飘啊 X, Y 棺 ObjectID甫",
    KG,
    src=S("22473264084", 176, "荤侩"),
)
add(
    "euckr-gbk",
    "//ShowDialog甫 荤侩窍咯 汽阑 钎矫茄 版快, Dispose甫 龋免窍咯 汽狼 葛电 牧飘费阑 啊厚瘤 荐笼贸府.",
    KG,
    src=S("70471801824", 5801, "荤侩"),
)
add(
    "euckr-gbk",
    "// Override 啊 绝阑 版快 荤侩且 努贰胶 叼弃飘 ",
    KG,
    src=S("25082434735", 7860, "荤侩"),
)
# ---------------- UTF-8 read as Windows-1252 -----------------
U8W = ["utf-8", "windows-1252"]
s22 = S("59842558984", 5227, "å¤§")
add(
    "u8-cp1252",
    "ja: 'å¤§ç«œå·»',",
    U8W,
    src=s22,
    note="game-data translation table: every language garbled the same way",
)
add("u8-cp1252", "cn: 'æ—‹é£Ž',", U8W, src=s22)
add("u8-cp1252", "ko: 'íšŒì˜¤ë¦¬',", U8W, src=s22)
add("u8-cp1252", "tc: 'æ—‹é¢¨',", U8W, src=s22)
add(
    "u8-cp1252",
    "de: 'WirbelstÃ¼rme',",
    U8W,
    src=s22,
    note="Latin text in the same table: must be repaired as Latin",
)
add(
    "u8-cp1252-2x",
    "Ã¨Â¢â€¹Ã¨Â¢âdcx€¹Ã¤Â¸Å½Ã¦Å“â€¹Ã¥Ââ€¹Ã¤Â»Â¬Ã§â€ÂµÃ¥ÂÂÃ¥â€¢â€",
    ["utf-8", "windows-1252", "windows-1252"],
    None,
    True,
    {"repo": "rspeer/python-ftfy", "url": "https://github.com/rspeer/python-ftfy/issues/34"},
    "double UTF-8→cp1252 with bytes dropped and 'dcx' inserted; begins 袋…与朋友们… but the rest is damaged",
)
# ---------------- 锟斤拷 family: text decoded as UTF-8 with U+FFFD, re-read -----------------
FFG = ["gbk", "utf-8", "gbk"]
add(
    "kunkao",
    "锟斤拷ISO8859-1锟街凤拷转锟斤拷GBK锟街凤拷",
    FFG,
    None,
    True,
    S("44847829078", 6204, "锟斤拷"),
    "GBK comment decoded as UTF-8 with replacement: 字符 is inferable (锟街凤拷 = FFFD U+05B7 FFFD) but the other characters are lost",
)
add(
    "kunkao",
    "图片锟叫割工锟斤拷锟斤拷 ",
    FFG,
    None,
    True,
    S("7891713088", 230, "锟斤拷"),
    "partial survivors (割工); the rest lost",
)
add(
    "kunkao",
    "锟斤拷锟缴德ｏ拷锟叫癸拷锟斤拷营锟斤拷锟斤拷",
    FFG,
    None,
    True,
    S("21727156048", 6055, "锟斤拷"),
    "a bold HTML heading; almost every character lost, only 德 and 营 survive",
)
add(
    "kunkao",
    "//应锟矫革拷为Alarm(AlarmColor alarmcolor)锟斤拷锟斤拷式锟斤拷通锟斤拷&Mask锟叫讹拷FLag锟斤拷值",
    FFG,
    None,
    True,
    S("30252370903", 2172, "锟斤拷"),
    "a C++ comment; surviving pieces (应, 为, 式, 通, 值) do not pin the lost characters",
)
add(
    "kunkao",
    "浠伙拷?锟斤拷??锟�?锟�?",
    ["utf-8", "windows-936"],
    None,
    True,
    S("525269608", 70, "锟斤拷"),
    "mixed: UTF-8 read as GBK with '?' losses, then 锟斤拷",
)
add(
    "kunkao-2x",
    "Created on: 2019閿熸枻鎷�4閿熸枻鎷�2閿熸枻鎷�",
    ["gbk", "utf-8", "windows-936", "windows-936"],
    "Created on: 2019年4月2日",
    True,
    S("66889455534", 45, "閿熸枻鎷"),
    "Eclipse's 'Created on' header: 锟斤拷 read as GBK once more (two layers on top of the lossy one)",
)
add(
    "kunkao-2x",
    "Created on: 2019閿熸枻鎷�12閿熸枻鎷�5閿熸枻鎷�",
    ["gbk", "utf-8", "windows-936", "windows-936"],
    "Created on: 2019年12月5日",
    True,
    S("3497652504", 38, "閿熸枻鎷"),
)
add(
    "kunkao-2x",
    "Created on: 2024閿熸枻鎷�5閿熸枻鎷�22閿熸枻鎷�",
    ["gbk", "utf-8", "windows-936", "windows-936"],
    "Created on: 2024年5月22日",
    True,
    S("70277442669", 38, "閿熸枻鎷"),
)
add(
    "kunkao-2x",
    "// 閿熸枻鎷烽敓鍔尅鎷烽敓鏂ゆ嫹",
    ["gbk", "utf-8", "windows-936", "windows-936"],
    None,
    True,
    S("40665816459", 2840, "閿熸枻鎷"),
    "锟斤拷 read as GBK once more; the comment itself is lost",
)
FFK = ["cp949", "utf-8", "cp949"]
add(
    "jeomsseuk",
    "// 占쏙옙체 占쌉시뱄옙 占쏙옙 占쏙옙占쏙옙占쏙옙占쏙옙 占쌉시깍옙",
    FFK,
    None,
    True,
    S("28520139598", 489, "占쏙옙"),
    "Korean 锟斤拷: EUC-KR text decoded as UTF-8 with U+FFFD, re-read as CP949",
)
add(
    "jeomsseuk",
    'placeholder="占쏙옙占싱듸옙 占쌉뤄옙占싹쇽옙占쏙옙"',
    FFK,
    None,
    True,
    S("185698393", 884, "占쏙옙"),
    "the label above reads 아이디 (ID); the placeholder was most likely 아이디를 입력하세요 but only fragments survive",
)
add(
    "jeomsseuk",
    "//占쌉쏙옙占쏙옙",
    FFK,
    None,
    True,
    S("34469576323", 759, "占쏙옙"),
    "a comment above a board-list controller; probably 게시판 but nothing survives to confirm it",
)
FFB = ["big5", "utf-8", "big5"]
add(
    "nieqie",
    'StringBuffer strbuf=new StringBuffer("JSP嚙褊態嚙踝蕭嚙踝蕭嚙稽嚙緘");',
    FFB,
    None,
    True,
    S("11346525725", 322, "嚙踝蕭"),
    "Big5 锟斤拷: EF BF BD read as Big5 is 嚙踝蕭",
)
add(
    "nieqie",
    "SCON = 0x50;  // mode 1, 嚙褕踝蕭嚙踝蕭",
    FFB,
    None,
    True,
    S("2708052934", 985, "嚙踝蕭"),
    "8051 UART setup comment; the Big5 text is lost",
)
add(
    "tang",
    "//abc烫烫烫烫蘦ello word",
    ["gbk", "gbk"],
    None,
    True,
    S("19214881099", 1714, "烫烫烫"),
    "not mojibake of text: uninitialised MSVC stack bytes (0xCC) printed as GBK; 蘦 = CC 68 swallowed the 'h'",
)

# ---------------- added: UTF-8 read as GBK twice -----------------
U8GG = ["utf-8", "windows-936", "windows-936"]
add(
    "u8-gbk-2x",
    "| docs/RELEASE_PRECHECK_REPORT.md | 閸欐垵绔锋０鍕梾閹躲儱鎲?/ Release precheck report |",
    U8GG,
    "| docs/RELEASE_PRECHECK_REPORT.md | 发布预检报告 / Release precheck report |",
    True,
    S("53293154471", 5668, "閸欐垵绔"),
    "bilingual table: the English column gives the meaning",
)
add(
    "u8-gbk-2x",
    "//閸欐垵绔烽妴浣瑰复閸欐牔鎹㈤崝锛勬祲閸忥拷",
    U8GG,
    "//发布、接取任务相关",
    True,
    S("25353877442", 5370, "閸欐垵绔"),
)
add(
    "u8-gbk-2x",
    "#閸欐垵绔烽弮鍫曟？",
    U8GG,
    "#发布时间",
    True,
    S("4153546017", 880, "閸欐垵绔"),
    "Django model comment above publish = DateTimeField",
)
add(
    "u8-gbk-2x",
    "const publishedLabel = '閸欐垵绔风€瑰本鍨?'",
    U8GG,
    "const publishedLabel = '发布完成'",
    True,
    S("52635619195", 34337, "閸欐垵绔"),
)
add(
    "u8-gbk-2x",
    "- 閸欐垵绔锋稉搴ょ讣缁夋槒顕╅弰搴窗`backend/docs/BACKEND_RELEASE_MIGRATION_RUNBOOK.md`",
    U8GG,
    "- 发布与迁移说明：`backend/docs/BACKEND_RELEASE_MIGRATION_RUNBOOK.md`",
    True,
    S("52113645433", 261, "閸欐垵绔"),
)
# ---------------- added: UTF-8 read as GBK (加载) -----------------
add(
    "u8-gbk",
    "# ==================== 鏁版嵁鍔犺浇 ====================",
    U8G,
    src=S("55651667074", 1821, "鍔犺浇"),
)
add(
    "u8-gbk",
    "// 閲嶆柊鍔犺浇閰嶇�?",
    U8G,
    None,
    True,
    S("70902567169", 10588, "鍔犺浇"),
    "重新加载配… then the rest of 配置 is lost in a second, different corruption ('�?'): not replayable",
)
add(
    "u8-gbk",
    "title: error.message || '鍖哄幙鍔犺浇澶辫触',",
    U8G,
    src=S("52376389414", 6138, "鍔犺浇"),
)
add(
    "u8-gbk",
    "<!-- 鏁版嵁鍔犺浇鐘舵€?-->",
    U8G,
    "<!-- 数据加载状态 -->",
    True,
    S("62906399134", 1127, "鍔犺浇"),
    "the last byte of 态 swallowed the space before -->",
)
add("u8-gbk", "// 2. 鍔犺浇鍘嗗彶娑堟伅", U8G, src=S("53491548319", 6850, "鍔犺浇"))
add("u8-gbk", "waiting = waiting || '姝ｅ湪鍔犺浇...';", U8G, src=S("412875619", 17607, "鍔犺浇"))
s23 = S("38695875289", 1631, "鍔犺浇")
add(
    "u8-gbk",
    "澶辫触",
    U8G,
    "失败",
    False,
    s23,
    "from a repair script's line content.replace(/澶辫触/g, '失败'): its replacement is the expected repair",
)
add(
    "u8-gbk",
    "鍐呭",
    U8G,
    "内容",
    False,
    s23,
    "from the same repair script: content.replace(/鍐呭/g, '内容')",
)
# ---------------- added: UTF-8 read as Windows-1252 (请输入) -----------------
add(
    "u8-cp1252",
    'throw new Error("è¯·è¾“å…¥ä¸ªäººèµ„æ–™å†…å®¹");',
    U8W,
    src=S("55560817605", 1227, "è¯·è¾“å…¥"),
)
add("u8-cp1252", 'printf("è¯·è¾“å…¥\\n");', U8W, src=S("9822747497", 352, "è¯·è¾“å…¥"))
add(
    "u8-cp1252",
    "String get settings_nodeNameHint => 'è¯·è¾“å…¥èŠ‚ç‚¹åç§°';",
    ["utf-8", "sloppy-windows-1252"],
    "String get settings_nodeNameHint => '请输入节点名称';",
    False,
    S("52290640969", 4635, "è¯·è¾“å…¥"),
    "browser-style Windows-1252: bytes 0x90 0x8D of 名 are invisible C1 controls in the source (find_string without them finds nothing)",
)
add(
    "u8-cp1252",
    "disp('åˆ›å»ºå¯¹è±¡å¤±è´¥ï¼Œè¯·è¾“å…¥è‡³å°‘ä¸€ä¸ªå‚æ•°ï¼');",
    ["utf-8", "sloppy-windows-1252"],
    "disp('创建对象失败，请输入至少一个参数！');",
    False,
    S("41224728273", 2845, "è¯·è¾“å…¥"),
    "browser-style Windows-1252: 0x8F (参) and 0x81 (！) are invisible C1 controls in the source",
)
# ---------------- added: UTF-8 read as CP949 (Korean) -----------------
U8K = ["utf-8", "cp949"]
add(
    "u8-cp949",
    'throw new MallException("JdbcUserDao.read(String id) �떎�뻾 以� �삁�쇅諛쒖깮", e);',
    U8K,
    'throw new MallException("JdbcUserDao.read(String id) 실행 중 예외발생", e);',
    True,
    S("11991452733", 1991, "諛쒖깮"),
    "Java/Eclipse style: each undecodable byte became U+FFFD",
)
add(
    "u8-cp949",
    'console.error("濡쒓렇??以??ㅻ쪟 諛쒖깮:", error);',
    U8K,
    'console.error("로그인 중 오류 발생:", error);',
    True,
    S("54173689623", 2525, "諛쒖깮"),
    "Windows style: '?' for lost bytes, each swallowing the next",
)
add(
    "u8-cp949",
    "deselectError.value = err?.message || '?쒕룞 ?댁젣 以??ㅻ쪟媛 諛쒖깮?덉뒿?덈떎.';",
    U8K,
    "deselectError.value = err?.message || '활동 해제 중 오류가 발생했습니다.';",
    True,
    S("51875336133", 8635, "諛쒖깮"),
)
add(
    "u8-cp949",
    'return NextResponse.json({ error: "?ㅻ쪟媛 諛쒖깮?덉뒿?덈떎." }, { status: 500 });',
    U8K,
    'return NextResponse.json({ error: "오류가 발생했습니다." }, { status: 500 });',
    True,
    S("53081825553", 1058, "諛쒖깮"),
)
add(
    "u8-cp949",
    '//////System.out.println("�뿉�윭 諛쒖깮 �떆媛� : " +new Timestamp(startTime));',
    U8K,
    '//////System.out.println("에러 발생 시간 : " +new Timestamp(startTime));',
    True,
    S("1009501173", 80510, "諛쒖깮"),
)
add(
    "u8-cp949",
    "// ?먮윭 諛쒖깮 媛?ν븳 肄붾뱶",
    U8K,
    "// 에러 발생 가능한 코드",
    True,
    S("22395002598", 8409, "諛쒖깮"),
)
add(
    "u8-cp949",
    "// 臾몄젣媛� �깮湲곕㈃ RuntimeException 諛쒖깮�븷嫄곕땲源� �씠�젃寃뚮쭔 �뜥�룄 �맖",
    U8K,
    "// 문제가 생기면 RuntimeException 발생할거니까 이렇게만 써도 됨",
    True,
    S("43175599848", 661, "諛쒖깮"),
)

# ---------------- added: UTF-8 read as Latin-1 (C1 controls invisible in the excerpts) -------
U8L = ["utf-8", "latin-1"]
add(
    "u8-latin1",
    "å¾çè´¨é 0-100",
    U8L,
    "图片质量 0-100",
    False,
    S("22868336794", 32335, "å¤§"),
    "a diff of API docs (screenshot quality); bytes 0x80–0x9F are C1 controls the excerpt does not show (find_string without them finds nothing)",
)
add(
    "u8-latin1",
    "ç¼©æ¾æ¯ä¾,ç±»åä¸ºfloat,å¼è¶å¤§è¶æ¸æ°",
    U8L,
    "缩放比例,类型为float,值越大越清晰",
    False,
    S("22868336794", 32335, "å¤§"),
    "same file: device_scale_factor",
)
add(
    "u8-latin1",
    "æ¥æ¬æå¤§ã®ããã°ãµã¼ãã¹",
    U8L,
    "日本最大のブログサービス",
    False,
    S("19148453644", 339, "å¤§"),
    "Japanese news feed text; C1 controls and a soft hyphen are invisible in the excerpt (find_string without them finds nothing)",
)

# ---------------- added: Shift_JIS read as Windows-1252 / Windows-1254 -----------------
SJW = ["shift_jis", "sloppy-windows-1252"]
SJT = ["shift_jis", "sloppy-windows-1254"]
add(
    "sjis-cp1254",
    "void Load(string filename);//CSVƒtƒ@ƒCƒ‹‚Ì“Ç‚İ‚İ",
    SJT,
    "void Load(string filename);//CSVファイルの読み込み",
    False,
    S("67368936291", 132, "ƒtƒ@ƒCƒ‹"),
    "İ (DD) and ğ (F0) show a Turkish Windows-1254 reader; 込 = 8D 9E became invisible C1 controls",
)
add(
    "sjis-cp1254",
    "// ƒtƒ@ƒCƒ‹‚ğ“Ç‚İ‚İ",
    SJT,
    "// ファイルを読み込み",
    False,
    S("12923428056", 180, "ƒtƒ@ƒCƒ‹"),
)
add(
    "sjis-cp1254",
    " * ƒtƒ@ƒCƒ‹‚ğ“Ç‚İ‚Ş",
    SJT,
    " * ファイルを読み込む",
    False,
    S("23411411421", 134, "ƒtƒ@ƒCƒ‹"),
)
add(
    "sjis-cp1254",
    "//“G‚ğ‘€ì‚·‚éŠÖ”‚ğ‘‚¢‚½ƒtƒ@ƒCƒ‹",
    SJT,
    "//敵を操作する関数を書いたファイル",
    False,
    S("31426152981", 26, "ƒtƒ@ƒCƒ‹"),
)
add(
    "sjis-cp1252",
    "//\t\tƒtƒ@ƒCƒ‹–¼:OparationScene.h".replace("\\t", "\t"),
    SJW,
    "//\t\tファイル名:OparationScene.h".replace("\\t", "\t"),
    False,
    S("45400376886", 7, "ƒtƒ@ƒCƒ‹"),
)
add(
    "sjis-cp1252",
    "// GRBLcOption.cpp : ŽÀ‘•ƒtƒ@ƒCƒ‹",
    SJW,
    "// GRBLcOption.cpp : 実装ファイル",
    False,
    S("48095467521", 25, "ƒtƒ@ƒCƒ‹"),
    "Visual Studio's generated header comment",
)
add(
    "sjis-cp1252",
    "// MoveData‚Æ“¯‚¶ƒtƒ@ƒCƒ‹‚Å—Ç‚‚È‚¢...?",
    SJW,
    "// MoveDataと同じファイルで良くない...?",
    False,
    S("5724993291", 97, "ƒtƒ@ƒCƒ‹"),
    "く = 82 AD: the soft hyphen is invisible",
)
add(
    "sjis-cp1252",
    ";2010/11/12@ƒtƒ@ƒCƒ‹–¼C³i‚‹´j",
    SJW,
    ";2010/11/12　ファイル名修正（高橋）",
    False,
    S("37537981206", 115, "ƒtƒ@ƒCƒ‹"),
    "ASCII '@', 'i', 'j' are the trail bytes of 　（）(81 40, 81 69, 81 6A); 修正 and 高 hold invisible C1 controls",
)


def is_pua(ch: str) -> bool:
    """Characters that displays (and so transcriptions) drop: PUA, soft hyphen, C1 controls."""
    return 0xE000 <= ord(ch) <= 0xF8FF or ch == "\u00ad" or 0x80 <= ord(ch) <= 0x9F


def restore(garbled: str, expected: str, chain: list[str]) -> str | None:
    """Put back invisible characters the transcription dropped, when the chain explains them."""
    for windows in (True, False):
        try:
            forward = m.corrupt(expected, chain, errors="replace", windows=windows)
        except UnicodeError:
            continue
        for variant in (forward, forward.replace("\u20ac", "\ufffd")):
            matcher = difflib.SequenceMatcher(None, garbled, variant, autojunk=False)
            pieces = []
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                pieces.append(garbled[i1:i2])
                if op == "insert" and all(is_pua(x) for x in variant[j1:j2]):
                    pieces.append(variant[j1:j2])
            candidate = "".join(pieces)
            if candidate == garbled:
                continue
            if m.lossy_consistent(candidate, expected, chain):
                return candidate
            try:
                if m.reverse(candidate, chain) == expected:
                    return candidate
            except UnicodeError:
                pass
    return None


def replays(case: dict[str, Any], text: str, expected: str) -> bool:
    if case["lossy"]:
        return m.lossy_consistent(text, expected, case["chain"])
    try:
        return bool(m.reverse(text, case["chain"]) == expected)
    except UnicodeError:
        return False


def verify(case: dict[str, Any]) -> bool:
    """Fill in and check ``expected``; fix the lossy flag; restore hidden PUA characters."""
    if case["expected"] is ...:
        try:
            case["expected"] = m.reverse(case["input"], case["chain"])
        except UnicodeError:
            case["expected"] = None
            return False
        return True
    if case["expected"] is None:
        return True
    expected = case["expected"]
    if not replays(case, case["input"], expected):
        fixed = restore(case["input"], expected, case["chain"])
        if fixed is None:
            return False
        case["input"] = fixed
        hidden = sorted({f"U+{ord(a):04X}" for a in fixed if is_pua(a)})
        extra = f"input holds characters most displays hide ({', '.join(hidden)}), restored"
        case["note"] = f"{case['note']}; {extra}" if case["note"] else extra
    if case["lossy"]:
        try:
            if m.corrupt(expected, case["chain"]) == case["input"]:
                case["lossy"] = False
        except UnicodeError:
            pass
    return True


def main() -> int:
    out = []
    counters: dict[str, int] = {}
    bad = []
    for case in CASES:
        if not verify(case):
            bad.append(case["input"])
        counters[case["prefix"]] = counters.get(case["prefix"], 0) + 1
        out.append(
            {
                "id": f"{case['prefix']}-{counters[case['prefix']]:03d}",
                "input": case["input"],
                "expected": case["expected"],
                "chain": case["chain"],
                "lossy": case["lossy"],
                "source": case["source"],
                "note": case["note"],
            }
        )
    if bad:
        print(f"error: {len(bad)} cases do not replay: {bad}", file=sys.stderr)
        return 1
    payload = {"about": "Real CJK mojibake found in public material; see README.md.", "cases": out}
    target = HERE.parent / "wild.json"
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(target)
    verified = sum(1 for c in out if c["expected"] is not None)
    print(f"wrote {len(out)} cases ({verified} verified) to {target.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
