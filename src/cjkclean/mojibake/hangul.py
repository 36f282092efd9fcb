"""Korean text in EUC-KR, read with another double-byte code page.

EUC-KR writes its 2,350 Hangul syllables as byte pairs B0A1-C8FE. The same pairs are valid
characters in GBK (GB2312 rows 16-40: level-1 Han, the commonest Chinese characters), in Big5
(common Han) and in EUC-JP (JIS level-1 kanji), so Korean read with those code pages looks like
ordinary CJK text. This module knows that *shadow* of the Hangul rows in each code page, which
the engine uses to notice a reading that may be Korean in disguise.

>>> "狼" in shadow("gbk"), "是" in shadow("gbk")
(True, False)
"""

from __future__ import annotations

import functools
import itertools
import re

from ..pipeline import Step
from .codecs import LAYERS_BY_NAME, common_affixes
from .model import _HAN_SPACE_HAN, _tables, codec_characters, log_probability

__all__ = ["disguised_korean", "may_be_korean", "merge_steps", "shadow"]

_HANGUL_LEADS = range(0xB0, 0xC9)
_CODEC = {"gbk": ("gb2312",), "big5": ("cp950", "big5hkscs"), "euc-jp": ("euc_jp",)}
"""The decoders whose characters make each shadow: Big5 text is read with CP950, and with
Big5-HKSCS where CP950 fails (:data:`~cjkclean.mojibake.codecs._TRUE_DECODERS`), and HKSCS
fills the rows CP950 leaves empty (C6A1-C8FE, where EUC-KR keeps 250 syllables)."""
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_HAN_OR_KANA = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff]")
"""Han, kana and Hangul: only Han of the shadow may be in a word that Korean could have made."""
_SPACED_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff] +(?=[\u3400-\u9fff\uf900-\ufaff])")
"""Where the model charges Chinese for spaces between Han characters (one or more spaces)."""
_TOKEN = re.compile(r"[^ \t\r\n\u3000]+")


@functools.cache
def shadow(code_page: str) -> frozenset[str]:
    """The characters *code_page* makes of the byte pairs EUC-KR uses for Hangul (empty for a
    code page without such a shadow).

    >>> len(shadow("gbk")), len(shadow("utf-8"))
    (2350, 0)
    """
    codecs = _CODEC.get(code_page, ())
    return frozenset().union(*(codec_characters(codec, _HANGUL_LEADS) for codec in codecs))


def may_be_korean(text: str, code_page: str) -> bool:
    """Whether *text*, a reading in *code_page*, may be Korean bytes read that way: three in four
    of its Han characters lie in the code page's shadow of the Hangul rows (Chinese text has
    about 60%), or it holds none (EUC-KR's symbols read as other symbols).

    >>> may_be_korean("狼窍咯", "gbk"), may_be_korean("的是", "gbk"), may_be_korean("我的人", "gbk")
    (True, False, False)
    >>> may_be_korean("≯  ’", "gbk"), may_be_korean("狼窍咯", "utf-8")
    (True, False)
    """
    chars = shadow(code_page)
    if not chars:
        return False
    han = _HAN.findall(text)
    return 4 * sum(c in chars for c in han) >= 3 * len(han)


_LAYER = "euc-kr>gbk"
_LAYER_COST = 4.0
"""What the chain costs a priori: the evidence must outweigh it. Lower than the engine's 5.0 for
the same layer, because a text only gets here with the shape of Korean (every Han character in
the shadow, no common Chinese pair); on 34,000 short cuts of clean Chinese web text (corpora/
pages) the best Korean reading of a two-Han text beat the Chinese one by 3.1 at most, against
the 4.0 + 1.5 needed."""
_MIN_GAIN = 1.5
_MIN_GAIN_PER_HAN = 0.4
"""How much more plausible (log10) the Korean reading must be, per Han character read."""
_SHORT_TEXT = 24
"""A text this short is judged whole, without the spaced shape (a file name, a title, a word)."""
_NEAR = 16
"""Characters looked at on each side of a spaced pair before its line is read."""
_TRIES = 2
"""Spaced pairs with a Han character outside the shadow nearby tried on one line."""
_FOREIGN_SHARE = 0.1
"""Most Han characters of a line of Korean read as GBK lie in the shadow: a line where more
than this share of them (per shadow character) lie outside it is not read (hanja are rare in
Korean text; Chinese has about 40% outside)."""


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(spaced, shadow, foreign): a shadow Han character, spaces and a shadow Han character
    (Korean writes spaces between words; Chinese seldom does), with a little ASCII or a symbol
    on either side of the spaces; one shadow Han character; one Han character outside the
    shadow, or kana."""
    chars = shadow("gbk")
    body = "".join(sorted(chars))
    ranges = []
    for block in (range(0x3400, 0xA000), range(0xF900, 0xFB00)):
        start = None
        for point in [*block, block.stop]:
            inside = point < block.stop and chr(point) not in chars
            if inside and start is None:
                start = point
            elif not inside and start is not None:
                ranges.append(f"{chr(start)}-{chr(point - 1)}")
                start = None
    outside = f"\u3040-\u30ff{''.join(ranges)}\U00020000-\U0003ffff"
    between = "[^\\s\u3400-\u9fff]{0,4}"
    spaced = re.compile(f"[{body}]{between} +{between}[{body}]")
    return spaced, re.compile(f"[{body}]"), re.compile(f"[{outside}]")


_PAIR_REACH = 5
"""Characters a spaced pair reaches on each side of its spaces: a shadow character and up to
four others that are neither space nor Han (see :func:`_patterns`)."""


def _spaced_pair(spaced: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    """``spaced.search(text, pos)``, looked for only around the runs of spaces: the same first
    match (a pair cannot hold spaces but its own, so pairs come in the order of their runs), without
    the regex engine trying every Han character of a long text. Text dense with spaces is
    searched whole after :data:`_RUNS_LOOKED_AT` runs.

    >>> spaced, _, _ = _patterns()
    >>> _spaced_pair(spaced, "中文 力1亲俊 蝶弗", 0).span()
    (6, 9)
    """
    for _ in range(_RUNS_LOOKED_AT):
        space = text.find(" ", pos)
        if space < 0:
            return None
        end = space + 1
        while end < len(text) and text[end] == " ":
            end += 1
        found = spaced.search(text, max(pos, space - _PAIR_REACH), end + _PAIR_REACH)
        if found is not None:
            return found
        pos = end
    return spaced.search(text, pos)  # spaces everywhere (``! ! !``): the regex is as quick


_RUNS_LOOKED_AT = 64
"""Runs of spaces looked at one by one before the rest of the text is searched in one go."""


def _mostly_shadow(line: str) -> bool:
    """Whether *line* holds at least two shadow Han characters and few others (see
    :data:`_FOREIGN_SHARE`).

    >>> _mostly_shadow("力1亲俊 蝶弗"), _mostly_shadow("我们 的 工作"), _mostly_shadow("力")
    (True, False, False)
    >>> _mostly_shadow("炼硅槛\ue77b冠篮荐")  # private use (CP936's reading of ㆍ) is no Han
    True
    """
    _, in_shadow, foreign = _patterns()
    inside = len(in_shadow.findall(line))
    return inside >= 2 and len(foreign.findall(line)) <= _FOREIGN_SHARE * inside


def _korean_words(text: str) -> list[tuple[int, int]]:
    """Runs of whole space-separated words of *text* that Korean read as GBK could be: every Han
    character lies in GBK's shadow of the Hangul rows, and none is kana or Hangul (symbols and
    ASCII are EUC-KR's too). (start, end) of each run; :func:`_judge` wants two Han in one."""
    chars = shadow("gbk")
    runs: list[tuple[int, int]] = []
    for token in _TOKEN.finditer(text):
        if not all(c in chars for c in _HAN_OR_KANA.findall(token.group())):
            continue
        if runs and text[runs[-1][1] : token.start()].strip(" ") == "":
            runs[-1] = (runs[-1][0], token.end())
        else:
            runs.append(token.span())
    return runs


def disguised_korean(text: str) -> list[Step]:
    """Steps that read back Korean which was written in EUC-KR and read as GBK.

    Such text has no clue of damage: every Hangul syllable became a common Chinese character.
    What gives it away is the shape of Korean: words between spaces, every Han character of
    them in GBK's shadow of the Hangul rows (:func:`shadow`, 2,350 of GB2312's 6,763), and a
    Korean reading far more plausible than the Chinese one (the Hangul model knows which
    syllables follow which; the Chinese reading is common characters in no common order). A
    text without the spaced shape is only judged when it is short (a file name, a title).

    >>> [(s.before, s.after) for s in disguised_korean("力1亲俊 蝶弗 痹沥")]
    [('力1亲俊 蝶弗 痹沥', '제1항에 따른 규정')]
    >>> disguised_korean("我们 的 工作 很 好")
    []
    """
    spaces = " " in text
    if not spaces and len(text) > _SHORT_TEXT:
        return []  # the common case: one cheap test
    spaced, in_shadow, foreign = _patterns()
    spans: list[tuple[int, int]] = []
    if len(text) <= _SHORT_TEXT and not foreign.search(text):
        if in_shadow.search(text) and _mostly_shadow(text):
            spans = _korean_words(text)
    elif spaces:
        found = _spaced_pair(spaced, text, 0)
        tries = 0
        while found is not None:
            # Around a spaced pair, Chinese soon shows a Han character outside the shadow; after
            # a few such pairs the rest of the line is passed over.
            line_start = text.rfind("\n", 0, found.start()) + 1
            line_end = text.find("\n", found.start())
            if line_end < 0:
                line_end = len(text)
            low = max(line_start, found.start() - _NEAR)
            outside = foreign.search(text, low, min(line_end, found.end() + _NEAR))
            if outside is not None:
                tries += 1
                resume = outside.end() + _NEAR if tries < _TRIES else line_end
                found = _spaced_pair(spaced, text, resume)
                if found is not None and found.start() > line_end:
                    tries = 0
                continue
            line = text[line_start:line_end]
            if _mostly_shadow(line):
                spans.extend(
                    (line_start + low, line_start + high) for low, high in _korean_words(line)
                )
            found = _spaced_pair(spaced, text, line_end)
            tries = 0
    steps = []
    for start, end in spans:
        step = _judge(text, start, end)
        if step is not None:
            steps.append(step)
    return steps


def _known_pairs(text: str) -> bool:
    """Whether at least half the pairs of adjacent Han characters of *text* are known Chinese
    bigrams: a cheap sign of Chinese (Korean read as GBK makes common characters in no common
    order), which spares the full judgement.

    >>> _known_pairs("抵达家门"), _known_pairs("版厚"), _known_pairs("蝶弗 痹沥")
    (True, False, False)
    """
    bigram = _tables()[1]
    pairs = known = 0
    for a, b in itertools.pairwise(text):
        if a >= "\u3400" and b >= "\u3400" and _HAN.match(a) and _HAN.match(b):
            pairs += 1
            known += a + b in bigram
    return pairs > 0 and 2 * known >= pairs


_REPEATED_HAN = re.compile("([\u3400-\u9fff\uf900-\ufaff])\\1+")


def _without_repeats(text: str) -> str:
    """*text* with every run of one Han character repeated cut to one: Chinese repeats
    interjections (哎哎哎, 啊啊啊啊) and each repeat would count again as evidence for a Korean
    reading (갈갈갈), so a repeated character is judged once.

    >>> _without_repeats("哎哎哎 啊啊好")
    '哎 啊好'
    """
    return _REPEATED_HAN.sub(r"\1", text)


def _judge(text: str, start: int, end: int) -> Step | None:
    """The step reading ``text[start:end]`` as Korean, if that is clearly more plausible."""
    damaged = text[start:end]
    judged = _without_repeats(damaged)
    han = len(_HAN.findall(judged))
    if han < 2 or _known_pairs(damaged):
        return None  # one character is no evidence either way; Chinese words are Chinese
    layer = LAYERS_BY_NAME[_LAYER]
    repaired = layer.reverse(damaged)
    if repaired is None or repaired == damaged:
        return None
    korean = repaired if judged == damaged else layer.reverse(judged)
    if korean is None:
        return None
    left = text[start - 1 : start]
    right = text[end : end + 1]
    # The model makes Chinese pay for a space between two Han characters; here the spaces are
    # what made the text a suspect, so they are not counted against the Chinese reading again.
    chinese = log_probability(left + judged + right)
    chinese -= _HAN_SPACE_HAN * len(_SPACED_HAN.findall(left + judged + right))
    gain = log_probability(left + korean + right) - chinese - _LAYER_COST
    if gain < _MIN_GAIN or gain < _MIN_GAIN_PER_HAN * han:
        return None
    head, tail = common_affixes(damaged, repaired)
    return Step(
        stage="mojibake",
        rule=_LAYER,
        start=start + head,
        end=end - tail,
        before=damaged[head : len(damaged) - tail],
        after=repaired[head : len(repaired) - tail],
        detail={"chain": ["euc-kr", "gbk"], "lossy": False, "gain": round(gain, 2)},
    )


def merge_steps(steps: list[Step], extra: list[Step]) -> list[Step]:
    """*steps* with those of *extra* that overlap none of them, in order. An *extra* step that
    overlaps only steps of its own chain lying inside it replaces them (the engine may have read
    a few words of a Korean line, those with a clue; the line's reading covers them all).

    >>> a = Step("mojibake", "x", 0, 2, "ab", "c", {})
    >>> b = Step("mojibake", "y", 1, 3, "bc", "d", {})
    >>> c = Step("mojibake", "z", 4, 5, "e", "f", {})
    >>> [s.rule for s in merge_steps([a], [b, c])]
    ['x', 'z']
    >>> [s.rule for s in merge_steps([a], [Step("mojibake", "x", 0, 3, "abc", "cd", {})])]
    ['x']
    """
    if not extra:
        return steps
    kept = list(steps)
    for step in extra:
        overlapping = [s for s in kept if s.start < step.end and step.start < s.end]
        if all(
            s.rule == step.rule and step.start <= s.start and s.end <= step.end for s in overlapping
        ):
            kept = [s for s in kept if s not in overlapping]
            kept.append(step)
    return sorted(kept, key=lambda step: step.start)
