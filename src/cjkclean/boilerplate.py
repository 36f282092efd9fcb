"""Boilerplate and spam stripping, per document and across a corpus.

Per document
------------
:func:`strip_boilerplate` removes whole *lines* that are web chrome rather than article text:
image placeholders (``打开网易新闻 查看精彩图片``), captions (``图源:南京日报``), share/print
chrome (``【加入收藏】 【打印此文】 【关闭】``), navigation, contact and promotion footers,
repost notices, letter-spaced promo lines (``歡|迎|聯|系``) and SEO spam blocks
(``主站蜘蛛池模板: ...``, removed from the marker to the end of its line).

How a line is judged, in order:

1. **Rules as data** (``data/boilerplate_rules.tsv``, built by
   ``scripts/build_boilerplate_rules.py``). A rule's regex must match the *whole* folded line:
   the line converted to Simplified with OpenCC ``t2s``, pinyin notes such as ``(chuàng)``,
   markdown emphasis and outer ``|``/``丨`` removed, width-folded. One rule therefore covers
   both scripts, and a phrase inside a sentence never triggers it. Rules are not tried one by
   one: the build derives for every rule the literals one of which any matching line must
   contain (its *triggers*); a line's own characters select the trigger words to look up
   (a first-character index with substring tests, Aho–Corasick in spirit), and only the few
   rules they name are verified, in priority order. Lexicons are one compiled regex each.
2. **Structural signals**: separator-only lines, single characters separated by separators,
   navigation bars (short segments with navigation words), separator-dense spam lists with
   porn/gambling lexicon hits, phone / e-mail lines.
3. **Position**: rules of scope ``tail`` (addresses, contact persons, ...) and contact signals
   count only inside the *tail block*, the longest run of non-content lines at the end of the
   document. A short ambiguous line there (``服务时间``, ``Cooperative Alliance``) goes with
   its neighbours when both are boilerplate (justext-style smoothing); so do markup-only lines
   (image embeds, rules) and markdown link lines (a related-articles list) sitting between
   boilerplate lines. So a tail after ``责任编辑`` is cut only when everything after it is
   boilerplate-like. Links right under a ``相关阅读`` heading go with it anywhere. A title
   repeated within the first lines (a duplicated header) is dropped once. A horizontal rule
   (``---``, ``* * *``) in the trailing block opens a footer: the short lines under it go with
   the boilerplate below them. A heading of scope ``block`` (``征稿``) takes the short lines after
   it, however many, up to the next boilerplate line.
4. **Footer notices written as sentences** (rules of kind ``notice``: ``版权归原作者…``,
   ``NGOCN是一个非营利的自媒体…``, ``請加入成為…月費訂戶``): searched in the line, not matched
   whole, and only walking up from the end of the document, each content line in turn, until one
   does not hold a notice; so the same phrase in the body of an article is never looked at. An
   author's bio found this way (``【子亮・跑足全程】…``) is a credit, and the walk goes on past it.
5. **Footer lines by their words** (third session): the same walk counts footer words
   (``lex.footer.*`` lexicon rules: strong ones such as 点赞, 公众号, 转载, 扫码, 文末, 全文完,
   weak ones such as 关注, 分享, 本文, 版权), so a line of at most 60 words holding two distinct
   ones, one strong, is a footer line whatever its wording (``全文完，…随手点个赞和“在看”吧。``);
   its step names the rule of its first strong word. The walk steps over up to two short
   sentences isolated between non-content lines (an account's own footer sentence) and goes on
   to the footer lines above them; those sentences stay. Rules and words are matched on a view
   without markup (image embeds dropped, markdown links reduced to their text, URLs to ``url``),
   so an image pasted after a footer line does not hide it. Below the last footer line, links,
   layout and up to eight short lines go with it; two or more links to WeChat articles in the
   trailing block are a related-articles list. Captions in brackets (``（图片来源：…）``) are
   matched without the brackets, contact lines may carry several labels (``商业合作：… 投稿：…``).
6. **Follow calls at the head**: before the article's first sentence, among its first eight
   lines (the title aside), a line that is a footer line by its words goes
   (``关注公众号，阅读优质漏洞挖掘文章``); so does a disclaimer paragraph under a ``免责声明``
   heading or opening with ``声明：`` when all its clauses are disclaimer notices. The walk from
   the end also extends the trailing block up to the topmost line a rule marked as boilerplate
   (``代码卫士试用地址：``) before it stops.

Credits (``本文来源``, ``责任编辑:``, ``来源 | 南京发布``, bylines) are their own category and
are kept unless ``keep_credits=False``. Every removed line is one :class:`~cjkclean.pipeline.Step`
whose ``before`` is the line with its newline, ``after`` is ``""``, ``rule`` the rule id or
signal name and ``detail["category"]`` its category. Blank lines left doubled by a removal are
removed too (rule ``collapse-blank``). Precision over recall: lines with sentence punctuation
or longer than a short heading are never removed by a signal, only by an exact-line rule or a
``notice`` rule at the end of the document (``tests/test_content_signal.py`` checks this over
the labelled corpus through ``clean()``).

>>> strip_boilerplate("打開網易新聞 查看精彩圖片\\n深化央地合作\\n正文。\\n")
'深化央地合作\\n正文。\\n'

Across a corpus
---------------
Lines repeated in many files of one corpus are its templates (the CCNet idea). Two passes,
bounded memory, mergeable across processes or shards::

    counter = LineCounter()                      # pass 1, one per worker
    for text in documents:
        counter.add_document(text)
    counter.merge(other_worker_counter)          # combine shards (or LineCounter.from_dict)
    templates = counter.templates(min_files=5, min_fraction=0.01)
    for text in documents:                       # pass 2
        cleaned, steps = strip_corpus_lines(text, templates)

Lines are normalised before hashing (:func:`normalise_line`: Simplified, NFKC, lower case,
digit runs to ``0``, punctuation and whitespace removed); a line is counted once per file.
Very short lines (fewer than 6 characters after normalisation) and headings such as ``一、`` or
``第一章`` are never counted, so never removed. :class:`LineCounter` keeps at most
``capacity`` hashes: when full it drops the rarest (lossy counting), so counts can only be
*under*-estimated and a line is never flagged as a template by the bound.
:meth:`LineCounter.to_dict` / :meth:`LineCounter.from_dict` give a JSON-able state.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .pipeline import Options, Step

__all__ = [
    "CATEGORIES",
    "LineCounter",
    "Rule",
    "boilerplate_stage",
    "fold_line",
    "load_rules",
    "normalise_line",
    "strip_boilerplate",
    "strip_boilerplate_and_explain",
    "strip_corpus_lines",
]

STAGE = "boilerplate"
CORPUS_STAGE = "corpus-boilerplate"  # its own stage name, so a plan that runs it before the
# pipeline replays as two stages even when nothing happens in between

CATEGORIES = (
    "image-placeholder",
    "caption-credit",
    "share-print-chrome",
    "navigation",
    "contact-footer",
    "promotion",
    "repost-notice",
    "seo-spam",
    "credit",
)
"""Every rule belongs to one of these; ``credit`` lines are kept when ``keep_credits``."""

KINDS = ("line", "block", "lexicon", "notice")
SCOPES = ("any", "tail", "block", "section")


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule as stored in ``data/boilerplate_rules.tsv``.

    >>> next(r for r in load_rules() if r.id == "img.netease").category
    'image-placeholder'
    """

    id: str
    category: str
    kind: str
    scope: str
    pattern: str
    example: str
    seen: str
    triggers: str = ""  # derived by the build: "|"-joined literals a matching line must contain


def parse_rules(rows: Iterable[str]) -> tuple[Rule, ...]:
    """Parse rule TSV lines (``#`` comments and the header row skipped); validate fields.

    >>> parse_rules(["id\\tcategory\\tkind\\tscope\\tpattern\\texample\\tseen",
    ...              "x\\tpromotion\\tline\\tany\\t广告\\t广告\\there"])[0].pattern
    '广告'
    """
    rules: list[Rule] = []
    lines = (row for row in rows if row.strip() and not row.startswith("#"))
    for fields in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if fields and fields[0] == "id":
            continue
        if len(fields) not in (7, 8):
            raise ValueError(f"boilerplate rule needs 7 tab-separated fields: {fields!r}")
        rule = Rule(*fields)
        if rule.category not in CATEGORIES:
            raise ValueError(f"rule {rule.id}: unknown category {rule.category!r}")
        if rule.kind not in KINDS or rule.scope not in SCOPES:
            raise ValueError(f"rule {rule.id}: bad kind/scope {rule.kind!r}/{rule.scope!r}")
        rules.append(rule)
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate boilerplate rule ids")
    return tuple(rules)


@functools.lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """The shipped rules (read once).

    >>> len(load_rules()) > 50
    True
    """
    text = resources.files("cjkclean").joinpath("data/boilerplate_rules.tsv").read_text("utf-8")
    return parse_rules(text.splitlines())


# --------------------------------------------------------------------------- folding


@functools.lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified with OpenCC ``t2s`` (the matching view only).

    >>> to_simplified("返回頂部")
    '返回顶部'
    """
    try:
        return str(_t2s().convert(text))
    except UnicodeEncodeError:  # lone surrogates (text decoded with surrogateescape)
        return str(_t2s().convert(text.encode("utf-8", "replace").decode("utf-8")))


_PINYIN_NOTE = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*\)")
_MD_NOISE = re.compile(r"\*\*|__|~~|\\(?=[-*_#>!\[\]()`|])")
_EMPTY_IMAGE = re.compile(r"!\[\]\(\s*\)")
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\s]*\)")  # an image embed with a target: not text
_LINK_TARGET = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")  # [text](target) -> text
_LINK_REMNANT = re.compile(r"\]\([^()\s]+\)")  # the end of a link broken over two lines
_URL = re.compile(r"(?:https?|ftp)://[^\s<>()\[\]{}\"'，。；！？）]+", re.IGNORECASE)
# width folding for the matching view: full-width letters and digits and the ideographic
# space (full-width punctuation is left: the rules accept both widths, e.g. [:：] [,，])
_WIDTH = {
    cp: cp - 0xFEE0
    for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
} | {0x3000: 0x20}
_WIDE_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_BRACKETS = {"(": ")", "（": "）", "[": "]", "【": "】"}
_HEADING_MARK = re.compile(r"\A#{1,6}(?:[ \t]+|\Z)")  # not ``#话题#``: a hashtag is text
_OUTER = " \t\u3000\u00a0|丨｜"
_MARKUP_ONLY = re.compile(
    r"(?:\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?|</?[a-z][^<>]*>|\s)+", re.IGNORECASE
)  # image embeds, linked images ([![alt](img)](link)) and tags


def fold_line(line: str) -> str:
    """The view rules are matched on: Simplified, no pinyin notes, width-folded, trimmed; image
    embeds dropped, markdown links reduced to their text and bare URLs to the token ``url``
    (markup is not text: a footer line with an image pasted after it is still a footer line).

    >>> fold_line("  責(zé)任編輯:費(fèi)菲  ")
    '责任编辑:费菲'
    >>> fold_line("**\\\\-扫码赞赏，支持我们-**")
    '-扫码赞赏，支持我们-'
    >>> fold_line("“点赞”“在看”![](https://a.cn/x.gif) [往期](https://a.cn/s?id=1)")
    '“点赞”“在看” 往期'
    >>> fold_line("（图片来源：http://www.example.com/about.html）")
    '（图片来源：url）'
    """
    return to_simplified(_prefold(line)).strip(_OUTER)


def _prefold(line: str) -> str:
    """Everything :func:`fold_line` does except the script conversion (batched by callers)."""
    s = line.strip()
    if "](" in s:
        s = _LINK_TARGET.sub(r"\1", _IMAGE.sub("", s))
        s = _LINK_REMNANT.sub("", s)
    if "://" in s:
        s = _URL.sub("url", s)
    if "(" in s:
        s = _PINYIN_NOTE.sub("", s)
    if _WIDE_ALNUM.search(s):
        s = s.translate(_WIDTH)
    if "*" in s or "_" in s or "~" in s or "\\" in s:
        s = _MD_NOISE.sub("", s)
    if "![" in s:
        s = _EMPTY_IMAGE.sub("", s)
    if "<" in s:
        s = _TAG.sub("", s)
    if s.startswith("#"):
        s = _HEADING_MARK.sub("", s, count=1)  # ``# 防走失：…``: a heading's marks are markup
    return s.replace("\n", " ")


def _fold_many(lines: list[str]) -> list[str]:
    """:func:`fold_line` for many lines with one OpenCC call (a call per line costs more)."""
    if not lines:
        return []
    pre = [_prefold(line) for line in lines]
    converted = to_simplified("\n".join(pre)).split("\n")
    if len(converted) != len(pre):  # never expected: OpenCC keeps newlines
        converted = [to_simplified(p) for p in pre]
    return [c.strip(_OUTER) for c in converted]


# --------------------------------------------------------------------------- matchers


_REPEAT_TAIL_RE = re.compile(r"\)\{([0-9]+),([0-9]+)\}\Z")  # "){low,high}" ending a rule


def _plain_group(body: str) -> bool:
    """Is ``(?:body)`` one group (not ``(?:a)|(?:b`` closed early) that needs no context (no
    anchor, lookaround or back reference outside a character class)?

    >>> _plain_group("a|b[)^]"), _plain_group("a)|(?:b"), _plain_group("a$"), _plain_group("(?=a)")
    (True, False, False, False)
    """
    depth, i, in_class = 0, 0, False
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            if not in_class and body[i + 1 : i + 2] in tuple("bBAZ123456789"):
                return False
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            i += 2 if body[i + 1 : i + 2] == "^" else 1
            i += 1 if body[i : i + 1] == "]" else 0  # a ']' first in a class is a literal
            in_class = True
            continue
        elif ch in "^$" or body.startswith(("(?=", "(?!", "(?<", "(?P="), i):
            return False
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0 and not in_class


class _RepeatedFields:
    """``fullmatch`` of a rule ``(?:FIELD){low,high}`` without the regex's backtracking.

    A line of metadata fields (``发布时间:… 作者:…``) where a field's value may hold what the
    next field starts with is ambiguous: the regex tried every way to cut the line, exponential
    in the number of fields (one line of 190 characters ran for minutes). The line matches
    exactly when it can be cut into ``low`` to ``high`` pieces that each match FIELD: the cuts
    are found left to right, a position at a time (a field can only start where FIELD matches a
    prefix), in polynomial time.

    >>> rule = _RepeatedFields.of(r"(?:[ab]+:[^:]*){2,3}", 0)
    >>> [bool(rule.fullmatch(t)) for t in ("a:1b:2", "a:1", "a:1b:2a:3b:4", "a:1 b:")]
    [True, False, False, True]
    """

    __slots__ = ("field", "high", "low", "pattern")

    def __init__(self, field: re.Pattern[str], low: int, high: int, pattern: str) -> None:
        self.field, self.low, self.high, self.pattern = field, low, high, pattern

    @classmethod
    def of(cls, pattern: str, flags: int) -> _RepeatedFields | None:
        """The matcher for ``pattern`` if it has the shape ``(?:FIELD){low,high}`` with a FIELD
        that needs no context (no anchors, lookarounds or back references) and never matches
        the empty string; else None."""
        m = _REPEAT_TAIL_RE.search(pattern)
        if m is None or not pattern.startswith("(?:") or not _plain_group(pattern[3 : m.start()]):
            return None
        body, low, high = pattern[3 : m.start()], int(m[1]), int(m[2])
        if low > high or high == 0:
            return None
        try:
            field = re.compile(body, flags)
        except re.error:
            return None
        if field.fullmatch("") is not None or field.groups:
            return None
        return cls(field, low, high, pattern)

    def fullmatch(self, text: str) -> bool:
        n = len(text)
        starts = [i for i in range(n) if self.field.match(text, i)]
        ends = {*starts, n}
        counts: dict[int, set[int]] = {0: {0}}  # position -> numbers of fields reaching it
        for s in starts:
            going = {c for c in counts.get(s, ()) if c < self.high}
            if not going:
                continue
            for e in sorted(e for e in ends if e > s):
                if self.field.fullmatch(text, s, e):
                    if e == n and any(self.low <= c + 1 for c in going):
                        return True  # cut into low..high fields (c + 1 <= high: c < high)
                    counts.setdefault(e, set()).update(c + 1 for c in going)
        return any(self.low <= c <= self.high for c in counts.get(n, ()))


def _line_matcher(pattern: str) -> _RepeatedFields | re.Pattern[str]:
    """A line rule's matcher (used with ``fullmatch``): the regex, or :class:`_RepeatedFields`
    for a rule made of repeated fields."""
    return _RepeatedFields.of(pattern, re.IGNORECASE) or re.compile(pattern, re.IGNORECASE)


class _Matchers:
    """All rules compiled: a trigger index for line rules, one regex per block/lexicon group."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        line_rules = [r for r in rules if r.kind == "line"]
        # A line can fully match a rule only if it contains one of the rule's trigger literals
        # (derived by the build). The trigger words a line contains name the candidate rules;
        # only those are tried, in priority order.
        self.ordered = (
            [r for r in line_rules if r.scope == "any" and r.category != "credit"]
            + [r for r in line_rules if r.scope in ("tail", "block", "section")]
            + [r for r in line_rules if r.scope == "any" and r.category == "credit"]
        )
        self.compiled = [_line_matcher(r.pattern) for r in self.ordered]
        owners: dict[str, set[int]] = {}
        self.untriggered = [i for i, r in enumerate(self.ordered) if not r.triggers]
        for i, r in enumerate(self.ordered):
            for w in filter(None, r.triggers.lower().split("|")):
                owners.setdefault(w, set()).add(i)
        # trigger words by first character: a line's own characters select the few to test
        self.by_first: dict[str, list[tuple[str, list[int]]]] = {}
        for w, idx in owners.items():
            self.by_first.setdefault(w[0], []).append((w, sorted(idx)))
        self.first_chars = frozenset(self.by_first)
        blocks = [r for r in rules if r.kind == "block"]
        self.block = (
            re.compile("|".join(f"(?:{r.pattern})" for r in blocks), re.IGNORECASE)
            if blocks
            else None
        )
        self.block_rule = blocks[0] if blocks else None
        self.nav_words = self._lexicon(
            [r for r in rules if r.kind == "lexicon" and r.category == "navigation"]
        )
        self.spam_words = self._lexicon(
            [r for r in rules if r.kind == "lexicon" and r.category == "seo-spam"]
        )
        # footer notices written as sentences: searched, tried only at the end of a document
        # each with its trigger literals, indexed by first character like the line rules: the
        # regex runs only on a line holding one of them
        self.notices = [r for r in rules if r.kind == "notice"]
        self.notice_res = [re.compile(r.pattern, re.IGNORECASE) for r in self.notices]
        self.notice_untriggered = [i for i, r in enumerate(self.notices) if not r.triggers]
        self.notice_by_first: dict[str, list[tuple[str, int]]] = {}
        for i, r in enumerate(self.notices):
            for w in filter(None, r.triggers.lower().split("|")):
                self.notice_by_first.setdefault(w[0], []).append((w, i))
        self.notice_first = frozenset(self.notice_by_first)
        self.openers = frozenset(r.id for r in line_rules if r.scope == "block")
        self.sections = frozenset(r.id for r in line_rules if r.scope == "section")
        # footer words (``lex.footer.strong.*`` / ``lex.footer.weak.*``): counted, not matched
        # whole; a short line near the end holding two of them, one strong, is a footer line
        footer = [r for r in rules if r.kind == "lexicon" and r.id.startswith("lex.footer.")]
        self.footer_rule = {r.pattern.lower(): r for r in footer}
        self.footer_strong = frozenset(
            r.pattern.lower() for r in footer if r.id.startswith("lex.footer.strong.")
        )
        self.footer_words = self._lexicon(footer)
        raw = {  # strong words in both scripts: a line without one is never a footer line
            w
            for r in footer
            if r.id.startswith("lex.footer.strong.")
            for w in (r.triggers or r.pattern).lower().split("|")
            if w
        }
        self.footer_raw = (
            re.compile("|".join(map(re.escape, sorted(raw, key=len, reverse=True))), re.I)
            if raw
            else None
        )

    def footer_terms(self, view: str) -> tuple[int, Rule | None]:
        """``(score, rule)`` of a folded line: the number of distinct footer words it holds (0
        unless one of them is strong) and the lexicon rule of its first strong one.

        >>> score, rule = _matchers().footer_terms("全文完，如果觉得不错，随手点个赞和“在看”吧")
        >>> score, rule.id if rule else None
        (4, 'lex.footer.strong.quanwenwan')
        >>> _matchers().footer_terms("很多网友关注并转发了这条消息")
        (0, None)
        >>> _matchers().footer_terms("可能包括研究所在微信公众号里的征集")[0]  # one compound word
        1
        >>> _matchers().footer_terms("相关文章的民间档案。【PDF下载见文末】")[0]  # points ahead
        0
        """
        if self.footer_words is None:
            return 0, None
        view = _POINTER_AHEAD.sub(" ", view)
        found = list(dict.fromkeys(_joined_words(self.footer_words, self.footer_strong, view)))
        strong = [w for parts in found for w in parts if w in self.footer_strong]
        if not strong:
            return 0, None
        return len(found), self.footer_rule[strong[0]]

    def _notice_candidates(self, text: str) -> set[int]:
        lower = text.lower()
        candidates = set(self.notice_untriggered)
        for ch in self.notice_first.intersection(lower):
            for word, i in self.notice_by_first[ch]:
                if word in lower:
                    candidates.add(i)
        return candidates

    def may_hold_notice(self, line: str) -> bool:
        """Whether the raw line holds a trigger literal of some ``notice`` rule or a footer word
        (the build lists them in both scripts), or is very short, i.e. whether it is worth
        folding when the walk from the end of a document reaches it."""
        return (
            len(line) <= _TINY_MAX
            or bool(self._notice_candidates(line))
            or (self.footer_raw is not None and self.footer_raw.search(line) is not None)
        )

    def notice_rule(self, line: str, folded: str | None = None) -> Rule | None:
        """The first ``notice`` rule found anywhere in the line (*folded*: its folded view, made
        here when not given, and only when the raw line may hold a notice)."""
        if folded is None:
            if not self._notice_candidates(line):
                return None
            folded = fold_line(line)
        candidates = self._notice_candidates(folded)
        for i in sorted(candidates):
            if self.notice_res[i].search(folded):
                return self.notices[i]
        return None

    def notice_share(self, folded: str) -> int:
        """Characters of the folded line left in clauses (split at ``，。！？；``) that hold no
        notice and no footer word: the article text around a notice. ``每日经济新闻（微信号：
        nbdnews）记者还发现，……`` is a news sentence that names its source, not a footer.

        >>> _matchers().notice_share("版权归原作者所有，仅供学习，如有侵权请联系删除。")
        4
        """
        marked: list[tuple[int, int]] = []
        for i in sorted(self._notice_candidates(folded)):
            marked.extend(match.span() for match in self.notice_res[i].finditer(folded))
        if self.footer_words is not None:
            marked.extend(match.span() for match in self.footer_words.finditer(folded))
        rest = 0
        for clause in _CLAUSE.finditer(folded):
            start, end = clause.span()
            if not any(a < end and b > start for a, b in marked):
                rest += _text_len(clause.group().strip())
        return rest

    @staticmethod
    def _lexicon(rules: list[Rule]) -> re.Pattern[str] | None:
        if not rules:
            return None
        words = sorted({r.pattern.lower() for r in rules}, key=len, reverse=True)
        alts = [
            rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w) for w in words
        ]
        return re.compile("|".join(alts), re.IGNORECASE)

    def line_rule(self, folded: str) -> Rule | None:
        """The first rule, in priority order, that matches the whole folded line."""
        candidates = set(self.untriggered)
        lower = folded.lower()
        for ch in self.first_chars.intersection(lower):
            for word, owners in self.by_first[ch]:
                if word in lower:
                    candidates.update(owners)
        for i in sorted(candidates):
            if self.compiled[i].fullmatch(folded):
                return self.ordered[i]
        return None


@functools.lru_cache(maxsize=1)
def _matchers() -> _Matchers:
    return _Matchers(load_rules())


# --------------------------------------------------------------------------- line classes

BLANK, CONTENT, SHORT, CREDIT, BOILER, WEAK, LAYOUT, LINK = range(8)
# SHORT: a short line without sentence punctuation (a heading? a footer label?);
# LAYOUT: markup only (image embed, horizontal rule, arrows); LINK: a markdown link and nothing
# else. All three are decided by their neighbours at the end of the document, content elsewhere.

_SENTENCE_END = re.compile(r"[。！？；]|[!?;](?=\s|$)|\.\s")
_SEPARATORS = "|丨｜"
_SEPARATORS_AND_SPACE = "|丨｜ \t\r\u3000\u00a0\u2002\u2003"
_FINAL_MARKS = "。！？!?；;~～ \t\u3000"
_SEP_SPLIT = re.compile(r"\s*[|丨｜]+\s*")
_SPACED = re.compile(r"(?:[^\s|丨｜/_]\s*[|丨｜/_]\s*){3,}[^\s|丨｜/_]?")
_WEIGHT = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z]+|\d+")
_PHONE = re.compile(
    r"(?:\+?86[-\s]?)?1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}[-\s]?\d{7,8}(?!\d)|400[-\s]?\d{3}[-\s]?\d{4}"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")  # not user@192.168.0.1
_DIGIT = re.compile(r"\d")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LABELS = re.compile(r"(?:[^:：\s]{1,12}\s{0,3})?[:：]\s{0,8}")  # bounded: linear scans
_NAV_HOME = {"首页", "网站首页", "主页", "home", "首頁"}
_SHORT_MAX = 24
_LINK_LINE = re.compile(  # a markdown link and nothing else, after a list number or a label
    r"(?:[-*+]\s+)?"  # a list item's marker
    r"(?:\d{1,2}[.、)）]\s*|\**[^\[\]()：:。！？]{1,12}[:：]\s*)?\**\[[^\[\]]+\]\([^()\s]+\)\**"
)
_LINK_ROW = re.compile(  # matched on the stripped line; each blank run has one owner
    r"(?:[·|｜丨•/]\s*)?\[[^\[\]]{1,30}\]\([^()\s]+\)"
    r"(?:\s*(?:[·|｜丨•/]\s*)?\[[^\[\]]{1,30}\]\([^()\s]+\))*"
)
"""A row of short links with at most a separator between them: a bar of site or share links."""
_BROKEN_LINK = re.compile(r"[^\s\[\]()][^\[\]()]{0,79}\]\((?:https?:)?//[^()\s]+\)")
"""An indented line (matched stripped) that ends a list item's link begun on the line above
(``* [![](img)``)."""


def _joined_words(
    words: re.Pattern[str], strong: frozenset[str] | set[str], view: str
) -> list[tuple[str, ...]]:
    """The footer words found in *view*, lower-cased; a weak word right before a strong one
    qualifies it and is counted with it: ``微信公众号`` is one name, not the two footer words
    ``微信`` and ``公众号``, while ``后台留言`` (strong, then weak) stays two.

    >>> _joined_words(re.compile("微信|公众号|后台|留言"), {"公众号", "后台"}, "微信公众号后台留言")
    [('微信', '公众号'), ('后台',), ('留言',)]
    """
    joined: list[tuple[str, ...]] = []
    end = -1
    for match in words.finditer(view):
        word = match.group().lower()
        if match.start() == end and joined and joined[-1][-1] not in strong and word in strong:
            joined[-1] += (word,)
        else:
            joined.append((word,))
        end = match.end()
    return joined


_RULE_MAX = 200
_TINY_MAX = 12  # characters: a raw line this short is folded when the walk from the end meets it
_TINY_WEIGHT = 4  # words: a sentence this short at the end is a sign-off, judged by neighbours
_FOOTER_WEIGHT = 60  # words: longer lines are never footer lines by their words alone
# ``下载见文末``, ``文末附``: a line that points to the end of the text is written above it
_POINTER_AHEAD = re.compile(r"(?:[详参请]?见|看)文末|文末(?:附|有)")
_NOTICE_SHARE = 100  # characters of article text (outside notice clauses) a notice line may hold
_CLAUSE = re.compile(r"[^，,。！？!?；;]+")
_TRAILING_SHORT = 8  # short lines below the last footer line that go with it
_PASS_MAX = 2  # content lines in a row the walk from the end may step over
_PASS_LEN = 60  # characters (markup aside): longer content lines stop the walk
_NARRATIVE = re.compile(  # third persons, crowds, speech verbs: footers speak to the reader
    r"(?<![其吉])他|她|纷纷|表示(?!鼓励|支持|感谢|谢意)|声称|指出|我已经|"
    r"被(?:大量|广泛|疯狂|疯)?(?:转发|转载|分享|传播|删除)"
)
_NOTICE_LABEL_HINTS = ("声明", "聲明", "说明", "說明", "免责", "免責", "风险提示", "風險提示")
"""Words one of which a document holding a labelled notice holds (substring tests are twice as
fast as one regex over a whole document)."""
_NOTICE_LABEL_RAW = re.compile(  # raw line, markdown marks aside, both scripts
    r"[\s*#>【\[]{0,8}(?:版[权權]|免[责責]|法律|特别|特別|郑重|鄭重)(?:说明|說明|声明|聲明)"
    r"\s*[*】\]]{0,4}\s*[:：]"
)
_DISCLAIMER_HEAD = "repost.disclaimer-head"  # the rule of a ``免责声明`` heading line
_DISCLAIMER_LABEL = re.compile(r"(?:免责|版权|法律|特别|郑重)?声明\s*[:：]")
_HEAD_DISCLAIMER_MAX = 600  # characters: a disclaimer paragraph above the article is no longer
_SECTION_LINE = 80  # characters: a footer section under its heading has only short lines
_SECTION_LINES = 30  # non-blank lines: and not many of them
_SECTION_GAP = 4  # short lines between two footer lines of one section
_LINK_TEXT = re.compile(r"\[([^\[\]]*)\]\(")
_LINK_HOST = re.compile(r"\]\((?:https?:)?//([^/()\s]+)")
_SHARE_TARGETS = frozenset(
    {"微信", "朋友圈", "微信朋友圈", "微信好友", "新浪微博", "微博", "腾讯微博", "QQ", "QQ空间"}
    | {"QQ好友", "豆瓣", "人人网", "收藏", "复制链接", "Facebook", "Twitter", "LINE", "Line"}
)
_MENU_ANCHOR = 8  # characters: a menu's entries are short
_HEADLINE_RUN = 5  # link lines to one site in a row, late in a page: a list of headlines
_HEAD_LINES = 8  # non-blank lines at the top where follow calls are looked for
_SENTENCE_RULE_MAX = 36  # characters: a longer folded sentence is never matched by a line rule
_FOLD_SHRINKS = re.compile(r"[*_~\\<(\[|丨｜]|://")  # markup the fold removes or shortens
_IN_TEXT = frozenset({"caption-credit", "image-placeholder"})  # found inside articles too
_QUIET = frozenset({"nav.ptt-stamp"})
"""Rules whose lines go without taking their neighbours: a forum's stamp sits among replies."""
_DIVIDER = re.compile(r"(?:\\?[-*_]\s*){3,}")  # ---, ***, * * *, \* \* \*, ___


@dataclass
class _Verdict:
    cls: int
    rule: str = ""
    category: str = ""


_CONTENT_VERDICT = _Verdict(CONTENT)  # shared: CONTENT and BLANK verdicts are never mutated
_BLANK_VERDICT = _Verdict(BLANK)


def _weight(s: str) -> int:
    return len(_WEIGHT.findall(s))


def _classify(line: str, m: _Matchers) -> _Verdict:
    """Judge one line (without its newline) in isolation.

    >>> _classify("返回頂部", _matchers()).rule
    'nav.home'
    """
    first = _first_look(line)
    if isinstance(first, _Verdict):
        return first
    return _second_look(first, fold_line(first[1]), m)


def _first_look(line: str) -> _Verdict | tuple[str, str, bool]:
    """The verdicts that need no folding; else ``(raw, core, has_sentence)`` for the fold."""
    raw = line.strip()
    if not raw:
        return _BLANK_VERDICT
    if raw.count("](") >= 4 and _LINK_ROW.fullmatch(raw):
        return _Verdict(BOILER, "link-row", "navigation")  # [原文链接](…) · [查看评论](…) · …
    if "](" in raw and (
        _LINK_LINE.fullmatch(raw) or (line[:1].isspace() and _BROKEN_LINK.fullmatch(raw))
    ):
        anchor = _LINK_TEXT.search(raw)
        if anchor is not None and anchor[1].strip("* ") in _SHARE_TARGETS:
            return _Verdict(BOILER, "share-link", "share-print-chrome")  # * [QQ空间](...)
        if "mp.weixin.qq.com/s" in raw:  # a link to another WeChat article
            return _Verdict(LINK, "related-links", "navigation")
        return _Verdict(LINK, "tail-links", "navigation")
    if len(raw) > _RULE_MAX and _text_len(raw) > _RULE_MAX:
        if raw[0] in "![" and _MARKUP_ONLY.fullmatch(raw):
            return _Verdict(LAYOUT)  # a row of linked images: long, but no text
        return _CONTENT_VERDICT
    core = raw.rstrip(_FINAL_MARKS)
    if ("。" in core or "！" in core or "？" in core) and raw[0] not in "(（":
        return _CONTENT_VERDICT  # fast path: a sentence ends inside the line
    has_sentence = _SENTENCE_END.search(raw) is not None
    core = core or raw
    if has_sentence and raw[0] not in "(（" and _SENTENCE_END.search(core):
        return _CONTENT_VERDICT
    if has_sentence and len(raw) > _SENTENCE_RULE_MAX + 8 and not _FOLD_SHRINKS.search(raw):
        return _CONTENT_VERDICT  # a long sentence without markup: its fold is as long (see below)
    if not raw.strip(_SEPARATORS_AND_SPACE) and ("|" in raw or "丨" in raw or "｜" in raw):
        return _Verdict(BOILER, "separator-only", "promotion")
    return raw, core, has_sentence


def _second_look(first: tuple[str, str, bool], folded: str, m: _Matchers) -> _Verdict:
    """Rules and signals on the folded view of a line that passed :func:`_first_look`."""
    raw, _, has_sentence = first
    if not folded:
        if _EMPTY_IMAGE.search(raw):
            return _Verdict(BOILER, "img.empty-md", "image-placeholder")
        return _Verdict(LAYOUT)  # markdown rules and emphasis marks only: layout, not text
    if "![" in folded and _MARKUP_ONLY.fullmatch(folded):
        return _Verdict(LAYOUT)  # an image embed: neither text nor chrome
    if has_sentence and len(folded) > _SENTENCE_RULE_MAX:
        return _CONTENT_VERDICT  # chrome is short: a long sentence is left to the walk from the end
    rule = m.line_rule(folded)
    if rule is None and _BRACKETS.get(folded[0]) == folded[-1]:
        rule = m.line_rule(folded[1:-1].strip())  # in brackets: （图片来源：…）, [责任编辑：…]
    if rule is not None:
        cls = CREDIT if rule.category == "credit" else BOILER if rule.scope == "any" else WEAK
        return _Verdict(cls, rule.id, rule.category)
    if has_sentence:
        return _Verdict(CONTENT)
    signal = _signals(folded, m, table=raw.startswith("|") and raw.endswith("|"))
    if signal is not None:
        return signal
    if len(folded) <= _SHORT_MAX or _weight(folded) <= _SHORT_MAX:
        if _WEIGHT.search(folded):
            return _Verdict(SHORT)
        if _DIVIDER.fullmatch(raw):
            return _Verdict(LAYOUT, "divider")  # a horizontal rule: may open a footer block
        return _Verdict(LAYOUT)
    return _Verdict(CONTENT)


def _signals(folded: str, m: _Matchers, table: bool = False) -> _Verdict | None:
    """Structural signals on a folded line without sentence punctuation (``table``: the raw
    line is a markdown table row, whose cells are not a navigation bar)."""
    seps = sum(map(folded.count, "|丨｜"))
    if (
        seps + folded.count("/") + folded.count("_") >= 3
        and _SPACED.fullmatch(folded)
        and len(_HAN.findall(folded)) >= 3  # 歡|迎|聯|系, not 1/2/3/4 or A/B/C/D
    ):
        return _Verdict(BOILER, "spaced-letters", "promotion")
    pieces = [p for p in _SEP_SPLIT.split(folded) if p] if seps >= 3 else []
    if len(pieces) >= 4:
        if m.spam_words is not None:
            hits = sum(1 for p in pieces if m.spam_words.search(p))
            if hits >= 3 and hits * 10 >= len(pieces) * 3:
                return _Verdict(BOILER, "spam-lexicon", "seo-spam")
        if not table and all(_weight(p) <= 10 for p in pieces):
            nav = m.nav_words is not None and sum(map(bool, map(m.nav_words.search, pieces))) >= 2
            return _Verdict(BOILER if nav else WEAK, "separator-dense", "navigation")
    if seps or "·" in folded or "•" in folded:
        parts = _chrome_parts(folded, m)
        if parts is not None:
            return parts
    if ">" in folded or "»" in folded or "›" in folded or "＞" in folded:
        crumbs = [p.strip() for p in _CRUMB_SPLIT.split(folded) if p.strip()]
        if (
            len(crumbs) >= 3
            and all(_weight(p) <= 12 for p in crumbs)
            and (
                crumbs[0].lower() in _NAV_HOME
                or crumbs[-1] in _CRUMB_LAST
                or _SITE_NAME.fullmatch(crumbs[0])
            )
        ):
            return _Verdict(BOILER, "breadcrumb", "navigation")
    words = folded.split() if folded.count(" ") >= 3 else []
    if len(words) >= 4 and all(len(w) <= 6 for w in words):
        nav_hits = sum(1 for w in words if m.nav_words is not None and m.nav_words.search(w))
        if words[0].lower() in _NAV_HOME or nav_hits >= 3:
            return _Verdict(BOILER, "navigation-bar", "navigation")
    if len(folded) <= 120 and ("@" in folded or _DIGIT.search(folded)):
        # phone numbers and e-mail addresses; a bare URL is left alone (links are often content)
        rest = _EMAIL.sub("", _PHONE.sub("", folded))
        if rest != folded:
            rest = _LABELS.sub("", rest.strip())  # 商业合作：a@b.cn 投稿：c@d.cn
            if _weight(rest) <= 1:
                return _Verdict(WEAK, "contact-line", "contact-footer")
    return None


_PART_SPLIT = re.compile(r"[|丨｜·•]+")
_CRUMB_SPLIT = re.compile(r"(?:->|→|[>»›＞])+")
_CRUMB_LAST = {"正文", "详情", "文章正文", "内容", "阅读文章", "文章"}
_SITE_NAME = re.compile(r"[^\s]{1,8}(?:网|网站|站|新闻网|日报|晚报|论坛|社区|频道)")
"""A breadcrumb's first part that names a site: ``某某网 > 新闻频道 > 正文``."""


def _chrome_parts(folded: str, m: _Matchers) -> _Verdict | None:
    """A line cut by separators whose every part is chrome on its own (``字号：大 中 小 | 打印 |
    关闭``): the verdict of its first part, any-scope rules only, credits never.

    >>> _chrome_parts("分享到 · 返回顶部", _matchers()).rule
    'share.to'
    >>> _chrome_parts("返回顶部 | 春节期间照常营业", _matchers()) is None
    True
    """
    parts = [p.strip() for p in _PART_SPLIT.split(folded) if p.strip()]
    if len(parts) < 2 or len(parts) > 12:
        return None
    first: Rule | None = None
    for part in parts:
        rule = m.line_rule(part)
        if rule is None or rule.scope != "any" or rule.category == "credit":
            return None
        first = first or rule
    assert first is not None
    return _Verdict(BOILER, first.id, first.category)


# --------------------------------------------------------------------------- per document


def _lines(text: str) -> list[tuple[int, str, str]]:
    """``(start, line_with_newline, line_without_newline)`` for every line of *text*."""
    if not text:
        return []
    parts = text.split("\n")
    out = []
    pos = 0
    for line in parts[:-1]:
        out.append((pos, line + "\n", line))
        pos += len(line) + 1
    if parts[-1]:
        out.append((pos, parts[-1], parts[-1]))
    return out


def _tail_notices(
    spans: list[tuple[int, str, str]],
    verdicts: list[_Verdict],
    m: _Matchers,
    views: dict[int, str] | None = None,
) -> int:
    """Footer notices written as sentences (``版权归原作者…``, ``NGOCN是一个非营利的自媒体…``).

    Walk up from the end of the document: short lines, credits and the last content line are
    tried against the ``notice`` rules; when one is found in a content line, the line joins the
    trailing block (as WEAK, dropped by :func:`_smooth_tail`) and the walk goes on upwards, until
    a content line does not match. Only these lines are looked at, so the cost does not depend
    on the length of the article, and a notice phrase inside its body is never seen. *views*
    holds the folded views already made (by line index); the others are folded in batches of
    doubling size.

    Footer lines are also found by their words (:func:`_footer_line`). The walk may step over
    up to ``_PASS_MAX`` short content lines that are neither, each isolated between non-content
    lines (a footer's own sentence, ``南派，这张《灌水》送给你。``, between two short lines):
    they stay content, and the walk stops there unless a footer line is found above them.
    Returns the index of the topmost footer line found (the length of the document when none):
    the trailing block the smoothing looks at starts there.
    """
    top = len(verdicts)
    if not m.notices:
        return top
    views = {} if views is None else views
    passed = 0  # content lines stepped over since the last footer line
    batch = 1  # lines folded per OpenCC call, doubled each time: most walks stop at once
    i = len(verdicts)
    while i > 0:
        i -= 1
        v = verdicts[i]
        if v.cls not in (CONTENT, SHORT, CREDIT):
            if v.cls in (BOILER, WEAK):
                top = i  # a footer line by a rule (``代码卫士试用地址：``): the block reaches it
            continue
        line = spans[i][2]
        if _text_len(line) > _RULE_MAX or not m.may_hold_notice(line):
            rule = None
        else:
            if i not in views:
                _fold_ahead(spans, verdicts, m, views, i, batch)
                batch = min(2 * batch, 256)
            rule = m.notice_rule(line, views[i])
            if (
                rule is not None
                and rule.category != "credit"
                and (m.notice_share(views[i]) > _NOTICE_SHARE or _reported(views[i]))
            ):
                rule = None  # a notice named inside a paragraph of the article, or reported
        if rule is not None and not (v.cls == CREDIT and rule.category == "credit"):
            # a credit (an author's bio) is kept unless keep_credits=False; a line shaped like
            # a credit (``记者 | 活动策划执行 | BD``) that holds a notice is the notice
            cls = CREDIT if rule.category == "credit" else WEAK
            verdicts[i] = _Verdict(cls, rule.id, rule.category)
            if cls == WEAK:
                top, passed = i, 0
            continue
        view = views.get(i)
        footer = None
        if (
            view is not None
            and v.cls != CREDIT
            and m.footer_raw is not None
            and m.footer_raw.search(line) is not None
        ):
            footer = _footer_line(view, m)
        if footer is not None:
            verdicts[i] = _Verdict(WEAK, footer.id, footer.category)
            top, passed = i, 0
        elif v.cls != CONTENT:
            continue
        elif view is not None and len(line) <= _TINY_MAX and _weight(view) <= _TINY_WEIGHT:
            verdicts[i] = _Verdict(SHORT, "sign-off")  # ``感谢。``: judged by its neighbours
        elif passed < _PASS_MAX and _text_len(line) <= _PASS_LEN and _isolated(verdicts, i):
            passed += 1  # stepped over, left as content
        else:
            break
    return top


def _head_calls(spans: list[tuple[int, str, str]], verdicts: list[_Verdict], m: _Matchers) -> None:
    """Follow calls and account slogans above the article (``关注公众号，阅读优质漏洞挖掘文章``,
    ``戳蓝字 “九边” 关注我。``): among the first ``_HEAD_LINES`` non-blank lines, before the first
    sentence of the article, a line that is a footer line by its words (:func:`_footer_line`)
    goes, and so does a line of a ``tail`` rule (``打开APP阅读``: the head is chrome's place
    too). The first line (the title) and markdown headings never do.

    >>> strip_boilerplate("# 标题\\n\\n关注公众号，阅读优质漏洞挖掘文章\\n\\n正文。\\n")
    '# 标题\\n\\n正文。\\n'
    """
    if m.footer_raw is None:
        return
    seen = 0
    after_heading = False  # the line above was a disclaimer heading (``0x01 免责声明``)
    for i, (_, _, line) in enumerate(spans):
        v = verdicts[i]
        if v.cls == BLANK:
            continue
        seen += 1
        if seen > _HEAD_LINES:
            return
        below_heading, after_heading = after_heading, v.rule == _DISCLAIMER_HEAD
        if seen == 1 and v.cls == CONTENT and line.rstrip()[-1:] in "。！？":
            return  # the text opens with a sentence, not a title: no head above the article
        if v.cls == WEAK and seen > 1 and v.category != "credit":
            verdicts[i] = _Verdict(BOILER, v.rule, v.category)  # 打开APP阅读 above the article
            continue
        if seen == 1 or v.cls not in (CONTENT, SHORT) or line.lstrip().startswith("#"):
            continue
        rule = None
        if _text_len(line) <= _PASS_LEN and m.footer_raw.search(line) is not None:
            rule = _footer_line(fold_line(line), m)
        if rule is None and v.cls == CONTENT:
            rule = _head_disclaimer(line, below_heading, m)
        if rule is not None:
            verdicts[i] = _Verdict(BOILER, rule.id, rule.category)
        elif v.cls == CONTENT:
            return  # the article has begun


def _labelled_notices(
    spans: list[tuple[int, str, str]], verdicts: list[_Verdict], m: _Matchers
) -> None:
    """A paragraph that names itself a copyright or disclaimer statement (``版权说明：``,
    ``免责声明：``), or stands under a disclaimer heading, and holds nothing but notice clauses
    goes wherever it is (an archive's card above the article, a platform's statement in the
    middle of a page).

    >>> strip_boilerplate("**版权说明：** 该作品版权归原作者所有。本站仅存档。\\n正文。\\n")
    '正文。\\n'
    """
    heading = False  # the non-blank line above is a disclaimer heading (``风险提示及免责条款``)
    for i, v in enumerate(verdicts):
        below, heading = heading, v.rule == _DISCLAIMER_HEAD or (heading and v.cls == BLANK)
        if v.cls != CONTENT:
            continue
        line = spans[i][2]
        labelled = below or _NOTICE_LABEL_RAW.match(line) is not None
        if not labelled or len(line) > 8 * _HEAD_DISCLAIMER_MAX:
            continue
        view = fold_line(line)
        if len(view) > _HEAD_DISCLAIMER_MAX or _reported(view):
            continue
        rule = m.notice_rule(line, view)
        if (
            rule is not None
            and rule.category == "repost-notice"
            and m.notice_share(view) <= _NOTICE_SHARE
        ):
            verdicts[i] = _Verdict(BOILER, rule.id, rule.category)


def _head_disclaimer(line: str, below_heading: bool, m: _Matchers) -> Rule | None:
    """The notice rule of a disclaimer above the article: a paragraph under a disclaimer
    heading, or one that opens with ``声明：``, made of disclaimer clauses only.

    >>> _head_disclaimer("声明：本文仅供安全研究与教学之用，作者不承担任何法律责任。", False,
    ...                  _matchers()).id
    'notice.disclaimer'
    >>> _head_disclaimer("法院认为，被告不承担任何法律责任。", False, _matchers()) is None
    True
    """
    if len(line) > 8 * _HEAD_DISCLAIMER_MAX or not m.may_hold_notice(line):
        return None  # (a table cell's markup may be most of the raw line: the view decides)
    view = fold_line(line)
    if len(view) > _HEAD_DISCLAIMER_MAX or not (below_heading or _DISCLAIMER_LABEL.match(view)):
        return None
    rule = m.notice_rule(line, view)
    if rule is None or rule.category != "repost-notice":
        return None
    if m.notice_share(view) > _NOTICE_SHARE:
        return None  # an article paragraph that names a disclaimer
    return rule


def _isolated(verdicts: list[_Verdict], i: int) -> bool:
    """Whether the nearest lines above and below line *i* (blank lines and layout aside) are
    both there and neither is content: a sentence among footer lines, not the article's end."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(verdicts) and verdicts[j].cls in (BLANK, LAYOUT):
            j += step
        if not 0 <= j < len(verdicts) or verdicts[j].cls == CONTENT:
            return False
    return True


def _text_len(line: str) -> int:
    """Length of a line without its image embeds and link targets (markup is not text)."""
    if "](" not in line:
        return len(line)
    return len(_LINK_REMNANT.sub("", _LINK_TARGET.sub(r"\1", _IMAGE.sub("", line))))


def _footer_line(view: str, m: _Matchers) -> Rule | None:
    """The rule of the first strong footer word when the folded line is a footer line by its
    words (two distinct footer words, one strong, in a line of at most ``_FOOTER_WEIGHT``
    words), else ``None``. The step that removes the line names that rule.

    >>> _footer_line("如果转载本文，文末务必注明：“转自微信公众号：九边”", _matchers()).category
    'repost-notice'
    >>> _footer_line("他在朋友圈分享了这篇文章，很快引来关注。", _matchers()) is None
    True
    """
    score, rule = m.footer_terms(view)
    if rule is not None and score >= 2 and _weight(view) <= _FOOTER_WEIGHT:
        if _reported(view):
            return None  # ``他在朋友圈分享了这篇文章``: a sentence about someone, not to the reader
        return rule
    return None


def _reported(view: str) -> bool:
    """Whether a folded line tells of someone (a third person, a crowd, a speech verb, a
    passive spread) rather than speaking to the reader as footers do.

    >>> _reported("对此，平台方表示不承担任何责任。"), _reported("作者不承担任何责任。")
    (True, False)
    """
    return _NARRATIVE.search(view) is not None


def _fold_ahead(
    spans: list[tuple[int, str, str]],
    verdicts: list[_Verdict],
    m: _Matchers,
    views: dict[int, str],
    i: int,
    batch: int,
) -> None:
    """Fold line *i* and up to *batch* - 1 candidate lines above it with one OpenCC call (a
    long run of notices at the end would otherwise cost one call per line)."""
    todo: list[int] = []
    j = i
    while j >= 0 and len(todo) < batch:
        line = spans[j][2]
        if (
            j not in views
            and verdicts[j].cls in (CONTENT, SHORT, CREDIT)
            and _text_len(line) <= _RULE_MAX
            and m.may_hold_notice(line)
        ):
            todo.append(j)
        j -= 1
    for j, view in zip(todo, _fold_many([spans[j][2] for j in todo]), strict=True):
        views[j] = view


def _smooth_tail(
    verdicts: list[_Verdict], openers: frozenset[str] = frozenset(), top: int | None = None
) -> None:
    """Resolve the context-dependent classes: they are dropped only inside the trailing block
    of non-content lines, and then only when their neighbours are boilerplate (justext-style).

    A WEAK line there is dropped. A SHORT or LAYOUT line is dropped when the nearest labelled
    lines on both sides are boilerplate or credits and at most four short lines are between
    them; a horizontal rule (``---``, ``* * *``) counts as boilerplate on the upper side, since
    it opens a footer as often as not. A LINK line is dropped when its neighbours are
    boilerplate on both sides (a related-articles list inside a footer). Below the last
    boilerplate line, links, layout and up to two short lines go with it (``往期阅读：[…](…)``,
    ``新人优惠券：``, a sign-off) when no credit or content line follows. After a heading of
    scope ``block`` (``征稿``), the short lines up to the next boilerplate line go with it
    however many they are (the themes of a call for submissions). Everywhere else all three are
    content.
    """
    start = len(verdicts)
    while start > 0 and verdicts[start - 1].cls != CONTENT:
        start -= 1
    if top is not None:
        start = min(start, top)  # the walk from the end found footer lines above content
    tail = range(start, len(verdicts))
    _article_link_runs(verdicts, tail)
    strong = [
        i for i in tail if verdicts[i].cls in (BOILER, WEAK) and verdicts[i].rule not in _QUIET
    ]
    anchors = [
        i
        for i in tail
        if verdicts[i].cls in (BOILER, WEAK, CREDIT) and verdicts[i].rule not in _QUIET
    ]
    dividers = [i for i in tail if verdicts[i].cls == LAYOUT and verdicts[i].rule == "divider"]
    last_strong = strong[-1] if strong else None
    if last_strong is not None and verdicts[last_strong].category in _IN_TEXT:
        last_strong = None  # a caption or an image placeholder is no footer: what follows stays
    trailing_short = sum(
        1 for i in tail if last_strong is not None and i > last_strong and verdicts[i].cls == SHORT
    )
    opened = ""
    for i in tail:
        v = verdicts[i]
        if v.cls in (BOILER, WEAK, CREDIT):
            opened = v.rule if v.rule in openers else ""
        elif opened and v.cls in (SHORT, LAYOUT):
            v.cls, v.rule, v.category = BOILER, opened, "promotion"
    going_on = [i for i in tail if _article_goes_on(verdicts, i)]  # before any line changes
    for i in tail:
        v = verdicts[i]
        if v.cls == WEAK:
            v.cls = BOILER
        elif v.cls in (SHORT, LAYOUT, LINK) and strong:
            after = next((j for j in anchors if j > i), None)
            before = next((j for j in reversed(anchors) if j < i), None)
            if v.cls == SHORT and before is None:
                before = next((j for j in reversed(dividers) if j < i), None)
            if before is not None and any(before < j < i for j in going_on):
                continue  # the article goes on in between: the footer line does not reach here
            if after is None and before is not None and before == last_strong:
                # below the last footer line: links, layout and a few short lines (not a
                # sentence: a short one may be the whole text of a short post)
                if trailing_short <= _TRAILING_SHORT and v.rule != "sign-off":
                    v.cls = BOILER
                    v.rule = v.rule or "tail-neighbours"
                    v.category = v.category or verdicts[before].category
                continue
            if after is None or before is None or verdicts[after].cls not in (BOILER, WEAK):
                continue
            if v.cls == LINK:
                if verdicts[before].cls in (BOILER, WEAK):
                    v.cls = BOILER
                continue
            between = [j for j in range(before + 1, after) if verdicts[j].cls == SHORT]
            if len(between) <= 4:
                v.cls, v.rule = BOILER, "tail-neighbours"
                v.category = verdicts[after].category
    for v in verdicts[:start]:
        if v.cls == WEAK:
            v.cls = CONTENT


def _article_goes_on(verdicts: list[_Verdict], index: int) -> bool:
    """Whether the line at *index* is content that continues the article: a content line whose
    nearest non-blank line above is not a short or layout line. A footer's own sentence sits
    among the footer's short lines (an account's name above ``国内首个专注于…的产品线。``); a
    sentence right under a chrome line (``【我来说两句】``) or under a paragraph is the article
    going on, and a short line below it is the article's too.
    """
    if verdicts[index].cls != CONTENT:
        return False
    above = index - 1
    while above >= 0 and verdicts[above].cls == BLANK:
        above -= 1
    return above < 0 or verdicts[above].cls not in (SHORT, LAYOUT)


def _article_link_runs(verdicts: list[_Verdict], tail: range) -> None:
    """Two or more links to WeChat articles in the trailing block, with only layout and short
    lines (headings, list numbers) between them, are a list of related articles."""
    run = [i for i in tail if verdicts[i].cls == LINK and verdicts[i].rule == "related-links"]
    groups: list[list[int]] = []
    for i in run:
        if groups and all(
            verdicts[j].cls in (BLANK, LAYOUT, SHORT) for j in range(groups[-1][-1] + 1, i)
        ):
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        if len(group) >= 2:
            for i in group:
                verdicts[i].cls = BOILER


def _footer_sections(
    spans: list[tuple[int, str, str]], verdicts: list[_Verdict], m: _Matchers
) -> None:
    """A footer section under its heading (rules of scope ``section``: ``加入我们``,
    ``今日互动``), wherever it is in the document. Below the heading, only short lines (at most
    ``_SECTION_LINE`` characters, markup aside) are looked at, at most ``_SECTION_LINES``; the
    section reaches the last footer line among them (a line a rule marked, or a footer line by
    its words) with at most ``_SECTION_GAP`` other lines between two of them; when the lines
    run to the end of the document, up to ``_TRAILING_SHORT`` short lines (no sentence) with Han
    characters below it go too (a list of the perks on offer). Without a footer line below it
    the heading alone is judged, as a ``tail`` line.

    >>> text = ("正文。\\n\\n今日互动\\n\\n你怎么看？\\n\\n来评论区聊聊，点赞~\\n\\n"
    ...         "附记：旧文重发，略有删节。\\n")
    >>> strip_boilerplate(text)
    '正文。\\n\\n附记：旧文重发，略有删节。\\n'
    """
    if not m.sections:
        return
    headings = [i for i, v in enumerate(verdicts) if v.rule in m.sections and v.cls == WEAK]
    done = -1
    for i in headings:
        if i <= done:
            continue  # inside a section already taken
        last_footer = None
        after: list[int] = []  # short lines below the last footer line so far
        j = i + 1
        while j < len(verdicts) and j - i <= 2 * _SECTION_LINES:
            w = verdicts[j]
            line = spans[j][2]
            if w.cls in (BLANK, LAYOUT, LINK):
                j += 1
                continue
            if _text_len(line) > _SECTION_LINE or w.cls == CREDIT:
                break
            footer = w.cls in (BOILER, WEAK) or (
                m.footer_raw is not None
                and m.footer_raw.search(line) is not None
                and _footer_line(fold_line(line), m) is not None
            )
            if footer and len(after) > _SECTION_GAP:
                break  # a footer line further down, below more text: not this section's
            if footer:
                last_footer, after = j, []
            elif len(after) == _TRAILING_SHORT:
                break
            else:
                after.append(j)
            j += 1
        if last_footer is None:
            continue
        end = last_footer + 1
        at_end = all(verdicts[k].cls in (BLANK, LAYOUT, LINK) for k in range(j, len(verdicts)))
        if (
            at_end
            and len(after) <= _TRAILING_SHORT
            and all(verdicts[k].cls == SHORT and _HAN.search(spans[k][2]) for k in after)
        ):
            end = len(verdicts)
        for k in range(i, end):
            if verdicts[k].cls in (CONTENT, SHORT, WEAK, LAYOUT, LINK):
                verdicts[k] = _Verdict(BOILER, verdicts[i].rule, verdicts[i].category)
        done = end - 1


def _link_runs(spans: list[tuple[int, str, str]], verdicts: list[_Verdict]) -> None:
    """Runs of lines that are each one link to the same site, wherever they are: a section
    menu (three or more, each anchor at most ``_MENU_ANCHOR`` characters: ``[政治](…/politics)``)
    anywhere, a list of headlines (``_HEADLINE_RUN`` or more) in the last third of a document.
    Image embeds and blank lines between them do not break a run.

    >>> menu = [f"* [{w}](http://m.a.cn/{i})" for i, w in enumerate(["首页", "政治", "国际"])]
    >>> strip_boilerplate("\\n".join(menu) + "\\n\\n正文。\\n")
    '正文。\\n'
    """
    run: list[int] = []
    for i in [*range(len(verdicts)), len(verdicts)]:
        v = verdicts[i] if i < len(verdicts) else None
        if v is not None and v.cls in (BLANK, LAYOUT):
            continue
        if v is not None and v.cls == LINK:
            run.append(i)
            continue
        if len(run) >= 3:
            hosts = {_host(spans[j][2]) for j in run}
            if len(hosts) == 1 and "" not in hosts:
                menu = all(len(_anchor(spans[j][2])) <= _MENU_ANCHOR for j in run)
                late = len(run) >= _HEADLINE_RUN and run[0] * 3 >= len(verdicts) * 2
                if menu or late:
                    for j in run:
                        verdicts[j] = _Verdict(BOILER, "link-run", "navigation")
        run = []


_DATE_END = re.compile(r"[0-9]{1,2}[-/.][0-9]{1,2}[)\]）】]?[ \t]*$", re.MULTILINE)
_DATED_HEADLINE = re.compile(
    r"(?P<mark>[·•■□▪◆◇●○►▶*-]\s*)?"
    r"(?:\[[^\[\]]{4,40}\]\([^()\s]*\)|[^。！？!?\s][^。！？!?]{3,40}?)"
    r"\s*[(\[（【]?(?:[0-9]{4}[-/.])?[0-9]{1,2}[-/.][0-9]{1,2}[)\]）】]?"
)
"""A headline of a list with its date at the end in digits (``·关于做好春节期间值班工作的通知
01-15``); a date in words (``1949年10月1日``) is a chronology's, not a sidebar's."""
_DATED_RUN = 3  # such lines in a row, each with a list mark or a link: a sidebar list
_TIMESTAMP = re.compile(r"(?:[0-9]{4}-[0-9]{1,2}-)?[0-9]{1,2}\s+[0-9]{1,2}:[0-9]{2}")
_TIME_END = re.compile(r"[0-9]:[0-9]{2}[ \t]*$", re.MULTILINE)
_TIMED_HEADLINE = re.compile(
    r"[^。！？!?\s][^。！？!?]{3,40}?\s+[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
)
"""A list entry's time stamp: ``2008-04-28 08:03`` after a headline, or ``28 16:39`` alone (a
ticker whose headlines the scraper lost). A time of day marks a list entry as a list mark does:
an index of articles in a newspaper carries dates, not times."""
_COUNTED_HEADLINE = re.compile(
    r"[^。\s][^。]{3,60}?\s*(?<![0-9])[0-9]{1,9}\s*"
    r"(?:人[气氣]|人[阅閱][读讀]|[赞讚贊]|[阅閱][读讀]|[浏瀏][览覽]|次[浏瀏][览覽]|次[阅閱][读讀]|条评论|條評論|[评評][论論])"
)
"""A headline with its counter of views or likes (``诺丁汉森林vs查尔顿 …不怵强敌 606人气``):
the counter marks it as a list entry as a list mark does."""
_COUNTER_WORDS = "人[气氣]|人[阅閱][读讀]|[赞讚贊]|[阅閱][读讀]|[浏瀏][览覽]|[评評][论論]"
_COUNTER_END = re.compile(rf"[0-9]\s*(?:{_COUNTER_WORDS})[ \t]*$", re.MULTILINE)


def _dated_headline_runs(spans: list[tuple[int, str, str]], verdicts: list[_Verdict]) -> None:
    """Runs of headlines each ending in a date or a counter of views or likes, wherever they are:
    a page's lists of other articles (``最新公告``, ``相关新闻``, ``热门推荐``) as scrapers flatten
    them: three in a row, each with a list mark, a link or a counter (plain dated lines can be an
    index of articles, which is content).

    >>> rows = [f"·关于开展第{n}批检查工作的通知 2021-0{n}-15" for n in (1, 2, 3)]
    >>> strip_boilerplate("正文第一段。\\n" + "\\n".join(rows) + "\\n正文第二段。\\n")
    '正文第一段。\\n正文第二段。\\n'
    """
    run: list[tuple[int, bool]] = []
    for i in [*range(len(verdicts)), len(verdicts)]:
        v = verdicts[i] if i < len(verdicts) else None
        if v is not None and v.cls in (BLANK, LAYOUT):
            continue
        found = None
        if v is not None and v.cls != BOILER:
            line = spans[i][2].strip()
            found = _DATED_HEADLINE.fullmatch(line)
            if found is None and (
                _COUNTED_HEADLINE.fullmatch(line) is not None or _timestamped(line)
            ):
                run.append((i, True))
                continue
        if found is not None:
            run.append((i, found["mark"] is not None or "](" in found[0]))
            continue
        if len(run) >= _DATED_RUN and all(marked for _, marked in run):
            for j, _ in run:
                verdicts[j] = _Verdict(BOILER, "dated-headlines", "navigation")
        run = []


_HEADLINE_SHAPE = re.compile(r"[^\s0-9#*>|\-\[!(（【][^。；;\n]{8,39}[^。；;：:，,、\s]")
"""A line shaped like a headline: 10 to 41 characters, no full stop or semicolon inside, not
ending in a comma or colon, not opened by a list number or markup."""
_HEADLINE_TAIL = 3  # headlines in a row ending a document under 上一篇/下一篇 or 相关阅读


def _headline_tail(spans: list[tuple[int, str, str]], verdicts: list[_Verdict]) -> None:
    """The list of other articles that ends a page when a scraper has dropped its links: from
    the end (past footer and layout lines), three or more headline-shaped lines in a row right
    under a ``上一篇``/``下一篇`` or related-reading line. Without such a line, a run of short lines
    at the end is as often a table, a list of points or a reader's comments (People's Daily and
    its reviews hold many): it stays.

    >>> titles = [f"第{n}季度盘扣式脚手架的搭建效率怎么样？" for n in "一二三"]
    >>> strip_boilerplate("正文结束了。\\n下一篇：别的文章\\n" + "\\n".join(titles) + "\\n")
    '正文结束了。\\n'
    """
    i = len(verdicts) - 1
    while i >= 0 and verdicts[i].cls in (BLANK, LAYOUT, BOILER, WEAK):
        i -= 1
    run: list[int] = []
    while i >= 0:
        v = verdicts[i]
        if v.cls in (BLANK, LAYOUT):
            i -= 1
            continue
        line = spans[i][2].strip()
        if v.cls not in (CONTENT, SHORT) or not _HEADLINE_SHAPE.fullmatch(line):
            break
        if not _HAN.search(line):
            break
        run.append(i)
        i -= 1
    headed = i >= 0 and verdicts[i].rule in ("nav.prev-next", "nav.related")
    if headed and len(run) >= _HEADLINE_TAIL:
        for j in run:
            verdicts[j] = _Verdict(BOILER, "headline-list", "navigation")


_LIST_ENTRY_END = re.compile(
    rf"[0-9](?:[0-9]?[-/.][0-9]{{1,2}}[)\]）】]?|:[0-9]{{2}}|\s*(?:{_COUNTER_WORDS}))[ \t]*$",
    re.MULTILINE,
)
"""A line that ends in a date, a counter or a time (:data:`_DATE_END`, :data:`_TIME_END`,
:data:`_COUNTER_END`): one scan decides whether lists are sought. Written as one pattern that
opens with a digit, which the regex engine scans for quickly (an alternation of the three is
three times slower on a long text)."""


def _timestamped(line: str) -> bool:
    """Whether *line* is a time stamp alone or a headline ending in a date and a time of day.

    >>> _timestamped("28 16:39"), _timestamped("单反市场硝烟正浓 尼康D60仅4670 2008-04-28 07:50")
    (True, True)
    >>> _timestamped("会议于2008-04-28 07:50开始")
    False
    """
    return _TIMESTAMP.fullmatch(line) is not None or _TIMED_HEADLINE.fullmatch(line) is not None


def _host(line: str) -> str:
    found = _LINK_HOST.search(line)
    return found[1].lower() if found else ""


def _anchor(line: str) -> str:
    found = _LINK_TEXT.search(line)
    return (found[1] if found else line).strip("* ")


def _related_links(verdicts: list[_Verdict]) -> None:
    """Links listed right under a 'related reading' heading go with it, wherever they are."""
    heading = False
    for v in verdicts:
        if v.cls == BOILER and v.rule == "nav.related":
            heading = True
        elif heading and v.cls == LINK:
            v.cls, v.rule = BOILER, "related-links"
        elif v.cls not in (BLANK, LAYOUT):
            heading = False


def strip_boilerplate_and_explain(text: str, keep_credits: bool = True) -> tuple[str, list[Step]]:
    """Remove boilerplate lines and say why, one :class:`Step` per removed span.

    >>> out, steps = strip_boilerplate_and_explain("正文。\\n\\n返回顶部\\n")
    >>> out, [(s.rule, s.detail["category"]) for s in steps]
    ('正文。\\n', [('collapse-blank', 'layout'), ('nav.home', 'navigation')])
    """
    if not isinstance(text, str):
        raise TypeError(f"strip_boilerplate works on str, not {type(text).__name__}")
    m = _matchers()
    spans = list(_lines(text))
    verdicts: list[_Verdict] = []
    partial: dict[int, int] = {}
    spam = "蜘蛛" in text
    pending: list[tuple[int, tuple[str, str, bool]]] = []
    for idx, (_, _, line) in enumerate(spans):
        cut = _spam_block(line, m) if spam else None
        if cut is not None and not line[:cut].strip():
            rule = m.block_rule
            verdicts.append(_Verdict(BOILER, rule.id if rule else "spam-block", "seo-spam"))
            continue
        if cut is not None:
            partial[idx] = cut
            line = line[:cut]
        first = _first_look(line)
        if isinstance(first, _Verdict):
            verdicts.append(first)
        else:
            verdicts.append(_CONTENT_VERDICT)  # placeholder, judged after the batched fold
            pending.append((idx, first))
    folded = _fold_many([first[1] for _, first in pending])
    for (idx, first), view in zip(pending, folded, strict=True):
        verdicts[idx] = _second_look(first, view, m)
    # the walk from the end reuses the views of the last lines already folded
    views = {idx: view for (idx, _), view in zip(pending[-32:], folded[-32:], strict=True)}
    top = _tail_notices(spans, verdicts, m, views)
    _head_calls(spans, verdicts, m)
    if any(hint in text for hint in _NOTICE_LABEL_HINTS):  # 声明/说明/免责 somewhere: rarely
        _labelled_notices(spans, verdicts, m)
    _footer_sections(spans, verdicts, m)
    _link_runs(spans, verdicts)
    if _LIST_ENTRY_END.search(text) is not None:
        _dated_headline_runs(spans, verdicts)
    _related_links(verdicts)
    _headline_tail(spans, verdicts)
    _smooth_tail(verdicts, m.openers, top)
    for v in verdicts:
        if v.cls == CREDIT and not keep_credits:
            v.cls = BOILER
        elif v.cls in (SHORT, CREDIT, WEAK, LAYOUT, LINK):
            v.cls = CONTENT
    _drop_duplicate_header(spans, verdicts)
    return _emit(text, spans, verdicts, partial)


def _spam_block(line: str, m: _Matchers) -> int | None:
    """Offset where an inline spam block starts, trailing spaces before it included."""
    if m.block is None or "蜘蛛" not in line:
        return None
    found = m.block.search(line)
    if found is None:
        return None
    start = found.start()
    while start > 0 and line[start - 1] in " \t\u3000\u00a0":
        start -= 1
    return start


def _drop_duplicate_header(spans: list[tuple[int, str, str]], verdicts: list[_Verdict]) -> None:
    kept = [i for i, v in enumerate(verdicts) if v.cls == CONTENT]
    if not kept:
        return
    first = spans[kept[0]][2].strip()
    heading = _HEADING_MARK.match(first) is not None
    if _weight(first) < 4 or (
        not heading  # a markdown heading is a title even when it ends with ！ or ？
        and (_SENTENCE_END.search(first.rstrip(_FINAL_MARKS)) or first[-1] in "。！？")
    ):
        return  # only a title is repeated as a header; repeated sentences are the text's own
    title = " ".join(first.split())
    others = 0  # copies of the first line are dropped until three other lines have been seen
    for i in kept[1:]:
        if others >= 3:
            break
        if " ".join(spans[i][2].split()) == title:
            verdicts[i] = _Verdict(BOILER, "duplicate-header", "navigation")
        else:
            others += 1


def _emit(
    text: str,
    spans: list[tuple[int, str, str]],
    verdicts: list[_Verdict],
    partial: dict[int, int],
    stage: str = STAGE,
) -> tuple[str, list[Step]]:
    steps: list[Step] = []
    removed = [v.cls == BOILER for v in verdicts]
    if not partial and not any(removed):
        return text, []  # the common case: nothing to remove
    drop_blank = _blank_collapse(verdicts, removed)
    out: list[str] = []
    for idx, (start, piece, line) in enumerate(spans):
        v = verdicts[idx]
        if removed[idx]:
            steps.append(
                Step(stage, v.rule, start, start + len(piece), piece, "", {"category": v.category})
            )
        elif idx in drop_blank:
            steps.append(
                Step(
                    stage,
                    "collapse-blank",
                    start,
                    start + len(piece),
                    piece,
                    "",
                    {"category": "layout"},
                )
            )
        elif idx in partial:
            cut = partial[idx]
            rule = _matchers().block_rule
            steps.append(
                Step(
                    stage,
                    rule.id if rule else "spam-block",
                    start + cut,
                    start + len(line),
                    line[cut:],
                    "",
                    {"category": "seo-spam"},
                )
            )
            out.append(line[:cut] + piece[len(line) :])
        else:
            out.append(piece)
    if not steps:
        return text, []
    return "".join(out), steps


def _blank_collapse(verdicts: list[_Verdict], removed: list[bool]) -> set[int]:
    """Blank lines to drop so that a removal never leaves a doubled gap.

    Between two surviving non-blank lines, a run that lost lines keeps as many blank lines as
    its longest uninterrupted blank stretch; at the start or end of the text it keeps none.
    """
    drop: set[int] = set()
    n = len(verdicts)
    i = 0
    while i < n:
        if not (verdicts[i].cls == BLANK or removed[i]):
            i += 1
            continue
        j = i
        while j < n and (verdicts[j].cls == BLANK or removed[j]):
            j += 1
        run = range(i, j)
        if any(removed[k] for k in run):
            blanks = [k for k in run if not removed[k]]
            keep = 0
            if i > 0 and j < n:
                stretch = best = 0
                for k in run:
                    stretch = stretch + 1 if not removed[k] else 0
                    best = max(best, stretch)
                keep = best
            drop.update(blanks[keep:])
        i = j
    return drop


def strip_boilerplate(text: str, keep_credits: bool = True) -> str:
    """Return *text* without its boilerplate lines (see the module docstring).

    >>> strip_boilerplate("正文第一段。\\n责任编辑:陈学科\\n【加入收藏】 【打印此文】 【关闭】\\n")
    '正文第一段。\\n责任编辑:陈学科\\n'
    >>> strip_boilerplate("正文第一段。\\n责任编辑:陈学科\\n", keep_credits=False)
    '正文第一段。\\n'
    """
    return strip_boilerplate_and_explain(text, keep_credits=keep_credits)[0]


def boilerplate_stage(text: str, options: Options) -> tuple[str, list[Step]]:
    """The pipeline stage ``boilerplate`` (switched by ``Options.boilerplate``).

    >>> boilerplate_stage("正文。\\n返回顶部\\n", Options())[0]
    '正文。\\n'
    """
    return strip_boilerplate_and_explain(text, keep_credits=options.keep_credits)


# --------------------------------------------------------------------------- corpus level

_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十百零〇]+[、.．]|[(（][一二三四五六七八九十0-9]+[)）]|"
    r"第[一二三四五六七八九十百零〇0-9]+[章节部分条篇回讲课]|\d{1,3}[、.．])"
)
_DIGITS = re.compile(r"\d+(?:\s*[-/.:：~至年月日号]\s*\d+)*")
MIN_KEY_CHARS = 6


def normalise_line(line: str) -> str | None:
    """The key a line is counted under, or ``None`` for a protected line.

    >>> normalise_line("版權所有 © 2019-2024 南京日報")
    '版权所有0南京日报'
    >>> normalise_line("一、总体要求") is None, normalise_line("01") is None
    (True, True)
    """
    raw = line.strip()
    if not raw or _HEADING.match(raw):
        return None
    s = to_simplified(unicodedata.normalize("NFKC", raw)).lower()
    s = _DIGITS.sub("0", s)
    key = "".join(ch for ch in s if unicodedata.category(ch)[0] not in "PSZC")
    if len(key) < MIN_KEY_CHARS:
        return None
    return key


def line_hash(key: str) -> int:
    """Stable 64-bit hash of a normalised line (the same in every process).

    >>> line_hash("版权所有0南京日报") == line_hash("版权所有0南京日报")
    True
    """
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def _document_hashes(text: str) -> set[int]:
    hashes: set[int] = set()
    for _, _, line in _lines(text):
        key = normalise_line(line)
        if key is not None:
            hashes.add(line_hash(key))
    return hashes


class LineCounter:
    """Count, per normalised line, the number of documents it occurs in.

    Bounded memory: at most ``capacity`` hashes are kept; past that the rarest are dropped
    (lossy counting), so a count is never over-estimated. Mergeable across shards.

    >>> a, b = LineCounter(), LineCounter()
    >>> for i in range(3):
    ...     a.add_document(f"第{i}篇正文，内容各不相同。\\n本站所有文章均来自网络")
    ...     b.add_document(f"另一篇{i}。\\n本站所有文章均来自网络")
    >>> a.merge(b).documents
    6
    >>> templates = a.templates(min_files=5, min_fraction=0.5)
    >>> strip_corpus_lines("正文。\\n本站所有文章均來自網絡\\n", templates)[0]
    '正文。\\n'
    """

    def __init__(self, capacity: int = 1 << 21) -> None:
        if capacity < 1:
            raise ValueError("LineCounter capacity must be positive")
        self.capacity = capacity
        self.counts: dict[int, int] = {}
        self.documents = 0
        self.floor = 0  # counts at or below this may have been dropped

    def add_document(self, text: str) -> None:
        """Count each distinct normalised line of *text* once."""
        counts = self.counts
        for h in _document_hashes(text):
            counts[h] = counts.get(h, 0) + 1
        self.documents += 1
        if len(counts) > self.capacity:
            self._prune()

    def merge(self, other: LineCounter) -> LineCounter:
        """Add *other*'s counts to this counter (in place) and return it."""
        counts = self.counts
        for h, c in other.counts.items():
            counts[h] = counts.get(h, 0) + c
        self.documents += other.documents
        self.floor = max(self.floor, other.floor)
        if len(counts) > self.capacity:
            self._prune()
        return self

    def _prune(self) -> None:
        while len(self.counts) > self.capacity // 2:
            self.floor += 1
            floor = self.floor
            self.counts = {h: c for h, c in self.counts.items() if c > floor}

    def threshold(self, min_files: int = 5, min_fraction: float = 0.01) -> int:
        """Number of documents a line must occur in to be a template.

        >>> LineCounter().threshold(5, 0.01)
        5
        """
        return max(min_files, math.ceil(min_fraction * self.documents), 2)

    def templates(self, min_files: int = 5, min_fraction: float = 0.01) -> frozenset[int]:
        """Hashes of lines found in at least ``min_files`` files and ``min_fraction`` of all."""
        need = self.threshold(min_files, min_fraction)
        return frozenset(h for h, c in self.counts.items() if c >= need)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able state (hash keys as strings), for shards written to disk."""
        return {
            "documents": self.documents,
            "capacity": self.capacity,
            "floor": self.floor,
            "counts": {str(h): c for h, c in self.counts.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineCounter:
        """Inverse of :meth:`to_dict`.

        >>> LineCounter.from_dict(LineCounter().to_dict()).documents
        0
        """
        counter = cls(int(data.get("capacity", 1 << 21)))
        counter.documents = int(data["documents"])
        counter.floor = int(data.get("floor", 0))
        counter.counts = {int(h): int(c) for h, c in dict(data["counts"]).items()}
        return counter


def strip_corpus_lines(text: str, templates: frozenset[int] | set[int]) -> tuple[str, list[Step]]:
    """Remove lines whose normalised hash is a corpus template (rule ``corpus-template``).

    Its steps carry the stage name ``corpus-boilerplate``: the pass runs before the pipeline.
    Lines inside a markdown code block (between fences) are never removed: an XML declaration
    may be a template of a crawler's pages and a line of code in an article.

    >>> key = normalise_line("本站所有文章均来自网络")
    >>> strip_corpus_lines("正文。\\n本站所有文章均来自网络\\n", {line_hash(key or "")})[0]
    '正文。\\n'
    """
    if not templates:
        return text, []
    spans = list(_lines(text))
    verdicts: list[_Verdict] = []
    fenced = False  # inside a markdown code block: code is content, however often it recurs
    for _, _, line in spans:
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            verdicts.append(_Verdict(CONTENT))
            continue
        if not line.strip():
            verdicts.append(_Verdict(BLANK))
            continue
        key = normalise_line(line)
        if not fenced and key is not None and line_hash(key) in templates:
            verdicts.append(_Verdict(BOILER, "corpus-template", "corpus-template"))
        else:
            verdicts.append(_Verdict(CONTENT))
    return _emit(text, spans, verdicts, {}, stage=CORPUS_STAGE)
