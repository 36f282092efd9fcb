"""Stage "typography": punctuation, quotes, spacing and whitespace in Chinese text.

Each rule has its own option (all on by default) and its own rule name:

``whitespace`` (option ``whitespace``)
    Runs of NBSP / ideographic / other exotic spaces inside a line become one
    space (a single ideographic space between words is kept); an indent made
    of them is removed; trailing whitespace is removed. Line breaks are never
    touched.
``quotes`` (option ``quotes``)
    ASCII double quotes paired on one line around Chinese text, often padded by
    a converter (``以 " 新春第一会 " 的``), become “” without the padding
    (``以“新春第一会”的``). A line with an odd number of ASCII quotes is not
    guessed at: each of its quotes is reported (``unbalanced-quote``, a step
    with ``before == after``); so are “ and ” that do not pair on their line.
``punctuation`` (option ``punctuation``)
    ``,:;?!`` become ``，：；？！`` where the nearest letters around them are
    Chinese, and ``()`` become ``（）`` when they enclose Chinese text (the
    AutoCorrect "fullwidth" and zhlint "mixed brackets" conventions), with the
    spaces around the new full-width mark removed. Never between two digits
    (``3,000``, ``9:00``), before an English word set off by a space, inside
    URLs, e-mail addresses, HTML entities, Markdown links and code, nor in a
    mostly-English line (``Have you been to 北京?``) unless Chinese is on both
    sides. Korean keeps its ASCII punctuation: a line with Hangul is left as it is, hanja
    and all (``第44條(休職) ① 敎育公務員이``). A run of ``?``/``!`` holding two
    ``?`` or more (``共同體?!?``) may be what a lossy decode left: it is reported
    (``question-mark-run``, ``detail["possibly_lossy"]``) and left as it is.
``spacing`` (option ``spacing``)
    ``"compact"`` (default) removes the single spaces a converter put between
    Han and plain numbers (``2 月 19 日`` → ``2月19日``) when the text shows that
    pattern at least twice (one ``2023 稿件`` is more likely a field separator);
    dates, times, ``5G`` and double spaces are left alone. ``"spaced"`` gives the
    pangu / AutoCorrect house style instead (a space between Han and Latin
    letters or digits); ``"keep"`` leaves spacing alone.

>>> from cjkclean.pipeline import Options
>>> fix_typography('2 月 19 日,南京以 " 新春第一会 " 的姿态(来源:现代快报)', Options())[0]
'2月19日，南京以“新春第一会”的姿态（来源：现代快报）'
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ._spans import HAN_CLASS, Pass, Protected, is_cjk, run_passes
from .pipeline import Options, Step

__all__ = ["SPACING_STYLES", "fix_typography"]

STAGE = "typography"
SPACING_STYLES = ("compact", "spaced", "keep")

_EXOTIC = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_BLANK = f" \t{_EXOTIC}"
# Whole runs of blanks, judged afterwards (trailing? exotic?): a pattern such as
# ``[ ]+(?=\n)`` would rescan a long run from each of its positions (quadratic time).
_BLANK_RUN_RE = re.compile(f"[{_BLANK}]+")
_HAN_OR_KANA = f"{HAN_CLASS}\u3040-\u30ff\u31f0-\u31ff"
_HAS_CJK_RE = re.compile(f"[{_HAN_OR_KANA}]")
_HANGUL_RE = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
"""Hangul: Korean writes ASCII punctuation, also around the hanja of legal text (第44條(休職),
다만, 第1號), so a line with Hangul keeps its marks."""
_CODE_LIKE_RE = re.compile(r"\"\s*:\s*[\"\[{\d]|[{\[]\s*\"|=\s*\"")

_PUNCT = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_PUNCT_RE = re.compile(r"[,:;?!]")
# Looking left, numbers are transparent too: a number ends a Chinese clause ("达到80%;").
_SKIP_LEFT = " \t,:;?!)）”’」』》】\"'0123456789%‰℃°."
_SKIP_RIGHT = " \t,:;?!(（“‘「『《【\"'"
# Link text and target of bounded length (300 and 2048 characters): unbounded, a long run of
# '[' or of '[a](' without its ')' was rescanned from each '['. Still, this pattern looks up to
# 2,048 characters ahead from every '[': it is the definition, ``_md_links`` finds its matches in
# one pass.
_MD_LINK_TEXT_MAX = 300
_MD_LINK_TARGET_MAX = 2048
_MD_LINK_RE = re.compile(
    rf"!?\[[^\]\n]{{0,{_MD_LINK_TEXT_MAX}}}\]\([^)\n]{{0,{_MD_LINK_TARGET_MAX}}}\)"
)
_LINK_TEXT_STOP_RE = re.compile(r"[\]\n]")
_LINK_TARGET_STOP_RE = re.compile(r"[)\n]")

_COMPACT_RE = re.compile(f" (?:(?<=[{HAN_CLASS}] )(?=[0-9])|(?<=[0-9%‰℃°] )(?=[{HAN_CLASS}]))")
_SPACED_RE = re.compile(
    f"(?<=[{_HAN_OR_KANA}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])(?=[{_HAN_OR_KANA}])"
)
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _lines(text: str, having: str) -> Iterator[tuple[int, str]]:
    r"""Start offset and text (without its line break) of each line containing a *having* char.

    >>> list(_lines("a\nb,c\n,", ","))
    [(2, 'b,c'), (6, ',')]
    """
    pattern = re.compile(f"[{re.escape(having)}]")  # cached by re
    m = pattern.search(text)
    while m is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        yield start, text[start:end]
        m = pattern.search(text, end)  # the next line with a hit, past this one's other hits


def _md_links(text: str) -> list[tuple[int, int]]:
    """The spans of ``_MD_LINK_RE.finditer(text)``, in time linear in the text.

    A match from a '[' ends at the first ']' or line break after it (which must be a ']' at most
    300 characters on, followed by '('), then at the first ')' or line break after that (a ')'
    at most 2,048 characters on); the regex's backtracking cannot end either part anywhere else.
    Both "first ... after" lookups only move forwards, so each is remembered until passed.

    >>> _md_links("见[文](a) ![图](b.png) [x](")
    [(1, 7), (8, 19)]
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    close = stop = -1  # the last ']'/line break and ')'/line break found (n: none left)
    pos = 0  # end of the last match: a '!' before a '[' belongs to the match from there on
    k = text.find("[")
    while k >= 0:
        if close <= k:
            m = _LINK_TEXT_STOP_RE.search(text, k + 1)
            close = m.start() if m else n
        if (
            close < n - 1
            and text[close] == "]"
            and close - k - 1 <= _MD_LINK_TEXT_MAX
            and text[close + 1] == "("
        ):
            body = close + 2
            if stop < body:
                m = _LINK_TARGET_STOP_RE.search(text, body)
                stop = m.start() if m else n
            if stop < n and text[stop] == ")" and stop - body <= _MD_LINK_TARGET_MAX:
                spans.append((k - 1 if k > pos and text[k - 1] == "!" else k, stop + 1))
                pos = stop + 1
                k = text.find("[", pos)
                continue
        k = text.find("[", k + 1)
    return spans


class _Guard:
    """Protected spans plus Markdown links/images for one pass's input (found on first use)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.protected: Protected | None = None
        self.link_starts: list[int] = []
        self.link_ends: list[int] = []

    def _find(self) -> Protected:
        if self.protected is None:
            self.protected = Protected(self.text)
            if "](" in self.text:
                links = _md_links(self.text)
                self.link_starts = [s for s, _ in links]
                self.link_ends = [e for _, e in links]
        return self.protected

    def covers(self, i: int) -> bool:
        """Is ``text[i]`` protected or inside a Markdown link (links never overlap)?"""
        if self._find().covers(i):
            return True
        k = bisect.bisect_right(self.link_starts, i) - 1
        return k >= 0 and i < self.link_ends[k]

    def overlaps(self, start: int, end: int) -> bool:
        """Does ``text[start:end]`` share a character with a protected span or a link?"""
        if self._find().overlaps(start, end):
            return True
        k = bisect.bisect_left(self.link_starts, end) - 1
        return k >= 0 and self.link_ends[k] > start


# --------------------------------------------------------------------------- whitespace


_EXOTIC_RE = re.compile(f"[{_EXOTIC}]")
_TRAILING_QUICK_RE = re.compile(f"[{_BLANK}]\\r?(?:\\n|\\Z)")


def _whitespace_pass(text: str) -> list[Step]:
    if _EXOTIC_RE.search(text) is None and _TRAILING_QUICK_RE.search(text) is None:
        return []
    steps: list[Step] = []
    n = len(text)
    for m in _BLANK_RUN_RE.finditer(text):
        s, e = m.span()
        run = m.group()
        nxt = e + 1 if e < n and text[e] == "\r" else e
        if nxt == n or text[nxt] == "\n":
            steps.append(Step(STAGE, "trailing-whitespace", s, e, run, ""))
        elif _EXOTIC_RE.search(run) is None:
            continue
        elif s == 0 or text[s - 1] == "\n":
            steps.append(Step(STAGE, "indent", s, e, run, ""))
        elif run != " " and run != "\u3000":
            steps.append(Step(STAGE, "space-run", s, e, run, " "))
    return steps


# --------------------------------------------------------------------------- quotes and brackets


def _space_run_left(line: str, i: int) -> int:
    """Start of the run of spaces/tabs ending just before ``line[i]``."""
    j = i
    while j > 0 and line[j - 1] in " \t":
        j -= 1
    return j


def _space_run_right(line: str, i: int) -> int:
    """End of the run of spaces/tabs starting at ``line[i]``."""
    j = i
    while j < len(line) and line[j] in " \t":
        j += 1
    return j


def _pair_steps(
    line: str,
    base: int,
    o: int,
    c: int,
    marks: tuple[str, str],
    rule: str,
    converted: set[int],
) -> list[Step]:
    """Steps turning ``line[o]`` / ``line[c]`` into *marks*, without inner padding,
    and without outer spaces on a side where Chinese text (or another converted
    mark) follows."""
    inner_l = _space_run_right(line, o + 1)
    inner_r = _space_run_left(line, c)
    outer_l = _space_run_left(line, o)
    outer_r = _space_run_right(line, c + 1)
    left_c = line[outer_l - 1] if outer_l else ""
    right_c = line[outer_r] if outer_r < len(line) else ""
    start = outer_l if outer_l < o and left_c and is_cjk(left_c) else o
    chinese_right = bool(right_c) and (is_cjk(right_c) or outer_r in converted)
    end = outer_r if outer_r > c + 1 and chinese_right else c + 1
    return [
        Step(STAGE, rule, base + start, base + inner_l, line[start:inner_l], marks[0]),
        Step(STAGE, rule, base + inner_r, base + end, line[inner_r:end], marks[1]),
    ]


def _quotes_pass(text: str) -> list[Step]:
    if '"' not in text and "“" not in text and "”" not in text:
        return []
    guard = _Guard(text)
    steps: list[Step] = []
    for base, line in _lines(text, '"“”'):
        if not _HAS_CJK_RE.search(line):
            continue
        if '"' in line and not _CODE_LIKE_RE.search(line):
            steps += _ascii_quotes(line, base, guard)
        if "“" in line or "”" in line:
            steps += _curly_report(line, base, guard)
    return sorted(steps, key=lambda st: st.start)


def _outside(line: str, o: int, c: int) -> tuple[str, str]:
    """The nearest characters before ``line[o]`` and after ``line[c]``, past spaces and tabs.

    Read in place: slicing the line around each pair (``line[:o].rstrip()``) copied a line of
    thousands of quotes once per pair, in quadratic time.

    >>> _outside('说 "好" 的', 2, 4), _outside('"好"', 0, 2)
    (('说', '的'), ('', ''))
    """
    j, k = _space_run_left(line, o), _space_run_right(line, c + 1)
    return (line[j - 1] if j else ""), line[k : k + 1]


def _ascii_quotes(line: str, base: int, guard: _Guard) -> list[Step]:
    quotes = [i for i, ch in enumerate(line) if ch == '"' and not guard.covers(base + i)]
    if len(quotes) % 2:
        return [
            Step(
                STAGE,
                "unbalanced-quote",
                base + i,
                base + i + 1,
                '"',
                '"',
                {"quotes_on_line": len(quotes)},
            )
            for i in quotes
        ]
    pairs = []
    english = _english_line(line)
    for o, c in zip(quotes[::2], quotes[1::2], strict=True):
        content = line[o + 1 : c]
        if not content.strip():
            continue
        left, right = _outside(line, o, c)
        around = is_cjk(left or "。") and is_cjk(right or "。")
        if around or (_HAS_CJK_RE.search(content) and not english):
            pairs.append((o, c))
    converted = {o for o, _ in pairs}
    steps: list[Step] = []
    for o, c in pairs:
        steps += _pair_steps(line, base, o, c, ("“", "”"), "quotes", converted)
    return steps


_CURLY_RE = re.compile("[“”]")
_HAN_OR_KANA_RE = re.compile(f"[{_HAN_OR_KANA}]")
_ASCII_WORD_RE = re.compile("[A-Za-z]+")
# URLs and e-mail addresses: printable-ASCII runs holding ://, @ or www. (whole runs found first,
# then tested: [!-~]*(?:://|@)[!-~]* would rescan a long run from each of its positions).
_URLISH_RE = re.compile(r"[!-~]+")


def _drop_urlish(m: re.Match[str]) -> str:
    run = m.group()
    return " " if "://" in run or "@" in run or "www." in run else run


def _english_line(line: str) -> bool:
    """Is the line mostly English (a few Chinese words quoted in an English sentence)?

    >>> _english_line("Have you been to 北京?"), _english_line("使用Python,效率高")
    (True, False)
    >>> _english_line("邮箱:secretariat@citsa.org.cn")
    False
    """
    words = len(_ASCII_WORD_RE.findall(_URLISH_RE.sub(_drop_urlish, line)))
    return words >= 3 and words >= len(_HAN_OR_KANA_RE.findall(line))


def _curly_report(line: str, base: int, guard: _Guard) -> list[Step]:
    open_at: list[int] = []
    bad: list[tuple[int, str]] = []
    for m in _CURLY_RE.finditer(line):
        i = m.start()
        if m.group() == "“":
            open_at.append(i)
        elif open_at:
            open_at.pop()
        else:
            bad.append((i, "no opening “"))
    bad += [(i, "no closing ”") for i in open_at]
    if bad and any(guard.covers(base + m.start()) for m in _CURLY_RE.finditer(line)):
        # Quotes inside code or URLs: recount without them.
        kept = "".join(" " if guard.covers(base + i) else c for i, c in enumerate(line))
        return _curly_report(kept, base, _Guard(""))
    return [
        Step(STAGE, "unbalanced-quote", base + i, base + i + 1, line[i], line[i], {"problem": why})
        for i, why in sorted(bad)
    ]


# --------------------------------------------------------------------------- punctuation


def _context(
    line: str, i: int, step: int, skip: str, memo: dict[tuple[int, int], str] | None = None
) -> str:
    """The first character from ``line[i]`` in direction ``step`` that is not in ``skip``.

    ``memo`` (one per line and ``skip``) remembers the answer for every skipped position, so
    a run of thousands of punctuation marks costs linear, not quadratic, time.

    >>> _context("中?!?a", 1, +1, "?!"), _context("中?!?a", 3, -1, "?!")
    ('a', '中')
    """
    j = i + step
    passed: list[int] = []
    found: str | None = None
    while 0 <= j < len(line) and line[j] in skip:
        if memo is not None and (j, step) in memo:
            found = memo[(j, step)]
            break
        passed.append(j)
        j += step
    if found is None:
        found = line[j] if 0 <= j < len(line) else ""
    if memo is not None:
        for k in passed:
            memo[(k, step)] = found
    return found


_PAREN_RE = re.compile("[()]")
_LAST_CJK_RE = re.compile(f".*[{_HAN_OR_KANA}]", re.DOTALL)  # up to the last Han/kana character


def _brackets(line: str, base: int, guard: _Guard) -> list[Step]:
    if "(" not in line or ")" not in line:
        return []
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    # A pair encloses Chinese when the last Chinese character before its ')' comes after its
    # '(': found by scanning the line once, left to right (searching each pair's content was
    # quadratic on deeply nested brackets: 80,000 levels took 28 s).
    scanned, last_cjk = 0, -1
    for m in _PAREN_RE.finditer(line):
        i, ch = m.start(), m.group()
        if ch == "(" and not guard.covers(base + i):
            stack.append(i)
        elif ch == ")" and stack and not guard.covers(base + i):
            o = stack.pop()
            found = _LAST_CJK_RE.match(line, scanned, i)
            last_cjk = found.end() - 1 if found else last_cjk
            scanned = i
            english = o >= 2 and line[o - 1] == " " and line[o - 2] in _ASCII_LETTERS
            if last_cjk > o and not english:
                pairs.append((o, i))
    steps: list[Step] = []
    for o, c in pairs:
        steps += _pair_steps(line, base, o, c, ("（", "）"), "brackets", set())
    return steps


def _punct_mark(
    line: str,
    base: int,
    i: int,
    english: bool,
    memo: dict[tuple[int, int], str] | None = None,
    run: tuple[int, int] | None = None,
) -> Step | None:
    """The step converting the mark ``line[i]``, or None where it stays ASCII.

    ``run``: the span of the run of marks holding ``line[i]``, when known; its marks are
    passed over at once when looking for the letters around (they are all skipped).

    >>> _punct_mark("好!!", 0, 1, False, run=(1, 3)).after, _punct_mark("a!中", 0, 1, False)
    ('！', None)
    """
    ch = line[i]
    left = line[i - 1] if i else ""
    right = line[i + 1] if i + 1 < len(line) else ""
    if ch in ",:;" and left.isdigit() and right.isdigit():
        return None  # 3,000 / 9:00 / 1;2
    a, b = run or (i, i + 1)
    lc = _context(line, a, -1, _SKIP_LEFT, memo)
    rc = _context(line, b - 1, +1, _SKIP_RIGHT, memo)
    if right in " \t" and right and rc in _ASCII_LETTERS:
        return None  # an English word follows, set off by a space
    if ch in "?!" and lc in _ASCII_ALNUM:
        return None  # "what?中文", "Yahoo!"
    if english:
        if not (lc and is_cjk(lc) and rc and is_cjk(rc)):
            return None  # an English sentence quoting a Chinese word: "been to 北京?"
    elif not ((lc and is_cjk(lc)) or (rc and is_cjk(rc))):
        return None
    s = _space_run_left(line, i)
    e = _space_run_right(line, i + 1)
    return Step(STAGE, "fullwidth-punctuation", base + s, base + e, line[s:e], _PUNCT[ch])


# A run of ?/! with at least two ?: what a lossy decode leaves for the bytes of "。”"
# and the like (seed 000: 共同體?!?). Reported, never converted: the mojibake stage,
# not typography, may know what they were (an emphatic 吗?? stays ASCII too). Whole runs are
# found and counted after: a pattern such as [?!]*\?[?!]*\? backtracks polynomially on a long
# run with a single "?".
_SUSPECT_RE = re.compile(r"[?!]+")


_PUNCT_RUN_RE = re.compile(r"[,:;?!]+")
_TO_FULLWIDTH = str.maketrans(_PUNCT)


def _inner_marks(
    line: str,
    base: int,
    lo: int,
    hi: int,
    english: bool,
    skipped: set[int],
    guard: _Guard,
    memo: dict[tuple[int, int], str],
) -> list[Step]:
    """Steps for ``line[lo:hi]``, the marks of a run but its first and its last.

    Each of them has marks on both sides, so :func:`_punct_mark` would find, for every one, the
    same context on the left (that of the run's second mark) and on the right (that of the
    last but one), no digit and no space beside it, and a step of one character: the run's
    marks differ only in being ``?``/``!`` or not, and in being protected or part of a suspect
    run (``skipped``). They are decided together, and each stretch between skipped marks
    becomes one step (1 MB of ``!`` was a million steps).

    >>> steps = _inner_marks("中!!,?!", 0, 2, 5, False, set(), _Guard(""), {})
    >>> [(s.start, s.end, s.after) for s in steps]
    [(2, 5, '！，？')]
    """
    lc = _context(line, lo, -1, _SKIP_LEFT, memo)
    rc = _context(line, hi - 1, +1, _SKIP_RIGHT, memo)
    left_cjk, right_cjk = bool(lc) and is_cjk(lc), bool(rc) and is_cjk(rc)
    if not ((left_cjk and right_cjk) if english else (left_cjk or right_cjk)):
        return []
    # After a letter or digit, ? and ! stay ASCII ("Yahoo!"); , : ; still convert.
    exclaim = lc not in _ASCII_ALNUM
    if skipped.isdisjoint(range(lo, hi)) and not guard.overlaps(base + lo, base + hi):
        stretches = [(lo, hi)]
    else:
        stretches, start = [], None
        for i in range(lo, hi + 1):
            free = i < hi and i not in skipped and not guard.covers(base + i)
            if free and start is None:
                start = i
            elif not free and start is not None:
                stretches.append((start, i))
                start = None
    steps: list[Step] = []
    for s, e in stretches:
        if not exclaim:
            # Only , : ; change: the step runs from the first of them to the last.
            while s < e and line[s] in "?!":
                s += 1
            while e > s and line[e - 1] in "?!":
                e -= 1
            if s == e:
                continue
            after = "".join(_PUNCT[c] if c in ",:;" else c for c in line[s:e])
        else:
            after = line[s:e].translate(_TO_FULLWIDTH)
        steps.append(Step(STAGE, "fullwidth-punctuation", base + s, base + e, line[s:e], after))
    return steps


def _joined(steps: list[Step]) -> list[Step]:
    """Touching steps of one run of marks as one step (``?!`` -> ``？！`` in one piece).

    >>> [(s.start, s.end, s.after) for s in _joined([
    ...     Step(STAGE, "fullwidth-punctuation", 1, 3, " ?", "？"),
    ...     Step(STAGE, "fullwidth-punctuation", 3, 4, "!", "！")])]
    [(1, 4, '？！')]
    """
    out: list[Step] = []
    for step in steps:
        if out and out[-1].end == step.start:
            last = out[-1]
            step = Step(
                STAGE, last.rule, last.start, step.end, last.before + step.before,
                last.after + step.after,
            )  # fmt: skip
            out[-1] = step
        else:
            out.append(step)
    return out


def _punctuation_pass(text: str, by_runs: bool = True) -> list[Step]:
    """Steps of the ``punctuation`` rule (brackets, marks, suspect runs) on ``text``.

    Marks are decided run by run (``by_runs``, the default: the first and last mark of a run
    one by one, those between together, touching steps joined); ``by_runs=False`` decides
    every mark on its own, the plain form the tests compare the runs with.

    >>> from cjkclean.pipeline import apply_steps
    >>> [apply_steps(t, _punctuation_pass(t, r)) for t in ("好!!!?", "Yahoo!!!中") for r in (1, 0)]
    ['好！！！？', '好！！！？', 'Yahoo!!!中', 'Yahoo!!!中']
    """
    if _PUNCT_RE.search(text) is None and "(" not in text:
        return []
    guard = _Guard(text)
    steps: list[Step] = []
    for base, line in _lines(text, ",:;?!("):
        if _mostly_marks(line):
            first = _MARK_OR_BRACKET_RE.search(line)
            assert first is not None
            mark, at = first.group(), base + first.start()
            detail = {"marks": len(_MARK_OR_BRACKET_RE.findall(line)), "length": len(line)}
            steps.append(Step(STAGE, "punctuation-line", at, at + 1, mark, mark, detail))
        elif _HAS_CJK_RE.search(line) and not _HANGUL_RE.search(line):
            steps += _punctuation_line(line, base, guard, by_runs)
    return sorted(steps, key=lambda st: st.start)


_MARK_OR_BRACKET_RE = re.compile(r"[,:;?!()]")
_DENSE_LINE = 10_000
"""Characters of a line from which it is left alone when marks and brackets make most of it."""


def _mostly_marks(line: str) -> bool:
    """Whether *line* is long and made mostly of ``,:;?!()``: not text but a separator, noise or
    an attack (``??,`` or ``! `` repeated, brackets nested 100,000 deep), whose marks are left as
    they are and reported once (``punctuation-line``), so its cost stays that of clean text. A
    whole book on one line is text: its marks are a tenth of it.

    >>> _mostly_marks("中" + "??," * 5000), _mostly_marks("中文，" * 5000 + "中文," * 5000)
    (True, False)
    """
    if len(line) < _DENSE_LINE:
        return False
    return 2 * len(_MARK_OR_BRACKET_RE.findall(line)) > len(line) - line.count(" ")


def _punctuation_line(line: str, base: int, guard: _Guard, by_runs: bool) -> list[Step]:
    english = _english_line(line)
    line_steps = [] if english else _brackets(line, base, guard)
    taken = {k for st in line_steps for k in range(st.start, st.end)}
    suspect: set[int] = set()
    if "??" in line or "?!?" in line:
        for m in _SUSPECT_RE.finditer(line):
            if m.group().count("?") < 2 or guard.covers(base + m.start()):
                continue
            suspect.update(range(m.start(), m.end()))
            s, e, run = base + m.start(), base + m.end(), m.group()
            detail = {"possibly_lossy": True}
            line_steps.append(Step(STAGE, "question-mark-run", s, e, run, run, detail))
    last_end = -1
    memo: dict[tuple[int, int], str] = {}  # keys by direction: -1 left, +1 right

    def one_mark(i: int, run: tuple[int, int] | None = None) -> Step | None:
        """The step for ``line[i]`` decided on its own, if it converts."""
        nonlocal last_end
        if i in suspect or guard.covers(base + i):
            return None
        step = _punct_mark(line, base, i, english, memo, run)
        if (
            step is None
            or step.start < last_end
            or not taken.isdisjoint(range(step.start, step.end))
        ):
            return None
        last_end = step.end
        return step

    if not by_runs:
        marks = (one_mark(m.start()) for m in _PUNCT_RE.finditer(line))
        return line_steps + [step for step in marks if step is not None]
    for m in _PUNCT_RUN_RE.finditer(line):
        a, b = m.span()
        first = one_mark(a, (a, b))
        run_steps = [] if first is None else [first]
        if b - a > 2:
            # The marks between: neither last_end nor the brackets' steps (brackets and
            # blanks) can reach them.
            run_steps += _inner_marks(line, base, a + 1, b - 1, english, suspect, guard, memo)
        if b - a > 1:
            last = one_mark(b - 1, (a, b))
            run_steps += [] if last is None else [last]
        line_steps += _joined(run_steps)
    return line_steps


# --------------------------------------------------------------------------- spacing


_NUMBER_RE = re.compile(r"[0-9][0-9.,]*[%‰℃°]?")


def _free(char: str) -> bool:
    """A number's neighbour that leaves it a plain number: nothing, a space, or non-ASCII."""
    return not char or char.isspace() or not char.isascii()


def _plain_number_after(text: str, i: int) -> bool:
    """Does a plain number (not a date, time, URL part or 5G) start at ``text[i]``?

    >>> _plain_number_after("约 160 位", 2), _plain_number_after("周五 9:00", 3)
    (True, False)
    """
    m = _NUMBER_RE.match(text, i)
    return m is not None and _free(text[m.end() : m.end() + 1])


def _plain_number_before(text: str, i: int) -> bool:
    """Does a plain number end just before ``text[i]``?

    >>> _plain_number_before("90% 和", 3), _plain_number_before("2023-12-08 稿", 10)
    (True, False)
    """
    j = i
    while j > 0 and text[j - 1] in "0123456789.,%‰℃°":
        j -= 1
    return _NUMBER_RE.fullmatch(text, j, i) is not None and _free(text[j - 1 : j])


def _compact_pass(text: str) -> list[Step]:
    if " " not in text:
        return []
    guard: _Guard | None = None
    steps = []
    for m in _COMPACT_RE.finditer(text):
        s = m.start()
        # Only a single space: a run of spaces is more likely a column separator.
        if (s and text[s - 1] == " ") or text[s + 1 : s + 2] == " ":
            continue
        if text[s + 1].isdigit():
            if not _plain_number_after(text, s + 1):
                continue
        elif not _plain_number_before(text, s):
            continue
        guard = guard or _Guard(text)
        if guard.covers(s):
            continue
        steps.append(Step(STAGE, "spacing-compact", s, s + 1, " ", ""))
    # One isolated "2023 稿件" is more likely a field separator than the converter's
    # pattern, which spaces numbers on both sides ("约 160 位") and throughout.
    return steps if len(steps) >= 2 else []


def _spaced_pass(text: str) -> list[Step]:
    guard: _Guard | None = None
    steps = []
    for m in _SPACED_RE.finditer(text):
        s = m.start()
        guard = guard or _Guard(text)
        if s and guard.covers(s - 1) and guard.covers(s):
            continue
        steps.append(Step(STAGE, "spacing-spaced", s, s, "", " "))
    return steps


def fix_typography(text: str, options: Options) -> tuple[str, list[Step]]:
    """The "typography" stage (see the module docstring for its rules and options).

    >>> from cjkclean.pipeline import Options
    >>> fix_typography("在2024年用Python,共3,000 次", Options(spacing="spaced"))[0]
    '在 2024 年用 Python，共 3,000 次'
    """
    if options.spacing not in SPACING_STYLES:
        raise ValueError(
            f"spacing must be one of {', '.join(SPACING_STYLES)}, not {options.spacing!r}"
        )
    passes: list[Pass] = []
    if options.whitespace:
        passes.append(_whitespace_pass)
    if options.quotes:
        passes.append(_quotes_pass)
    if options.punctuation:
        passes.append(_punctuation_pass)
    if options.spacing == "compact":
        passes.append(_compact_pass)
    elif options.spacing == "spaced":
        passes.append(_spaced_pass)
    if not passes:
        return text, []
    return run_passes(text, passes)
