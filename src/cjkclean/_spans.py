"""Private helpers shared by the text stages (html, unicode, typography).

Three things live here:

* character classes (what counts as Han, as CJK punctuation...);
* *protected spans*: code, URLs, e-mail addresses and HTML entities, where no
  typographic rule may fire;
* :func:`run_passes`, which runs a stage as a sequence of small passes and
  composes their steps into one list of non-overlapping steps in the stage's
  input coordinates, so that ``apply_steps(input, steps) == output`` still holds.

>>> is_han("中"), is_han("A")
(True, False)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .pipeline import Step, apply_steps

__all__ = [
    "HAN_CLASS",
    "Pass",
    "Protected",
    "compose",
    "is_cjk",
    "is_han",
    "run_passes",
]

# Han ideographs: radicals, Extension A, the URO, compatibility ideographs and
# the supplementary ideographic planes (Extensions B to H).
HAN_CLASS = (
    "\u2e80-\u2eff\u2f00-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
_HAN_RE = re.compile(f"[{HAN_CLASS}]")
# Han plus kana (Japanese shares the full-width punctuation conventions).
_KANA_CLASS = "\u3040-\u30ff\u31f0-\u31ff"
# CJK punctuation: CJK Symbols and Punctuation (minus the ideographic space and
# combining tone marks) and the full-width punctuation of the Halfwidth and
# Fullwidth Forms block.
_CJK_PUNCT_CLASS = (
    "\u3001-\u3004\u3008-\u3020\u3030-\u3037\u303c-\u303f"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
_CJK_RE = re.compile(f"[{HAN_CLASS}{_KANA_CLASS}{_CJK_PUNCT_CLASS}]")


def is_han(char: str) -> bool:
    """True for a Han ideograph (or radical).

    >>> is_han("𠮷"), is_han("，")
    (True, False)
    """
    return _HAN_RE.match(char) is not None


def is_cjk(char: str) -> bool:
    """True for Han, kana and CJK (full-width) punctuation: a Chinese/Japanese context.

    >>> is_cjk("，"), is_cjk("か"), is_cjk(","), is_cjk("한")
    (True, True, False, False)
    """
    return _CJK_RE.match(char) is not None


# --------------------------------------------------------------------------- protected spans

# Code, URLs, e-mail addresses and entities: every alternative but the Markdown link target.
_PROTECTED_CORE = (
    r"```.*?(?:```|\Z)"  # fenced code block (to the end if unterminated)
    r"|`[^`\n]+`"  # inline code span
    # URL: ASCII only (scraped text glues Chinese right after a URL), without the
    # punctuation that usually ends the sentence around it.
    # Scheme, local part and domain labels have bounded lengths (32, RFC 5321's 64, RFC 1035's 63)
    # so that a long run of letters without '://' or '@' costs linear, not quadratic, time.
    r"|(?:[A-Za-z][A-Za-z0-9+.-]{0,31}://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+=%,;]*[A-Za-z0-9\-_~/#=%&+]"
    r"|[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+"  # e-mail address
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"  # entity
)
_LINK_TARGET_MAX = 2048  # a Markdown link target is bounded, as URLs are in practice
# What is protected, as one pattern: the definition that :class:`Protected` follows (and that the
# tests compare it with). Protected does not scan with it: its link-target branch looks up to
# 2,048 characters ahead for the ')' from every '](' (text made of '[a](' cost 2,048 steps per 4
# characters); :class:`_LinkTargets` finds the same targets in one pass.
_PROTECTED_RE = re.compile(
    _PROTECTED_CORE + rf"|\]\([^)\s]{{0,{_LINK_TARGET_MAX}}}\)",  # Markdown link target
    re.DOTALL,
)
_CODE_RE = re.compile(r"```.*?(?:```|\Z)|`[^`\n]+`", re.DOTALL)
# Every match of the two patterns holds one of these (a necessary condition, tested cheaply).
_PROTECTED_TRIGGERS = ("`", "://", "www.", "@", "&", "](")
_CODE_TRIGGERS = ("`",)
# _PROTECTED_CORE with the first characters its alternatives can start with tested first: the same
# matches, but a Han character is passed over with one test instead of one per alternative.
_PROTECTED_SCAN_RE = re.compile(r"(?=[`A-Za-z0-9._%+\-&])(?:" + _PROTECTED_CORE + ")", re.DOTALL)
_TARGET_STOP_RE = re.compile(r"[)\s]")


class _LinkTargets:
    """The link targets ``](…)`` of one text, found left to right in linear time.

    ``next(pos)`` is the span of the first match of ``\\]\\([^)\\s]{0,2048}\\)`` starting at or
    after ``pos``; calls must come with ``pos`` never decreasing. The first ``)`` or blank after a
    ``](`` is remembered, so the ``](`` that follow it up to there cost one comparison each.

    >>> targets = _LinkTargets("[a](b) [c](d e)")
    >>> targets.next(0), targets.next(6)
    ((2, 6), None)
    """

    __slots__ = ("_stop", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._stop = -1  # index of the first ')' or blank at or after the last target start

    def next(self, pos: int) -> tuple[int, int] | None:
        text = self._text
        p = text.find("](", pos)
        while p >= 0:
            body = p + 2
            if self._stop < body:
                m = _TARGET_STOP_RE.search(text, body)
                self._stop = m.start() if m else len(text)
            stop = self._stop
            if stop < len(text) and text[stop] == ")" and stop - body <= _LINK_TARGET_MAX:
                return p, stop + 1
            p = text.find("](", p + 1)
        return None


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``_PROTECTED_RE.finditer(text)``, in time linear in the text.

    No other branch of the pattern can start at a ']' and the link target's can start nowhere
    else, so at every position at most one kind matches: the leftmost of the next link target and
    the next other match is the pattern's next match.

    >>> _protected_spans("[x](a)b `c`")
    [(2, 6), (8, 11)]
    """
    if "](" not in text:
        return [m.span() for m in _PROTECTED_SCAN_RE.finditer(text)]
    none = len(text) + 1
    spans: list[tuple[int, int]] = []
    targets = _LinkTargets(text)
    other = link = (-1, -1)  # next match of each kind from ``pos`` on; (none, none) when none left
    pos = 0
    while True:
        if other[0] < pos:
            m = _PROTECTED_SCAN_RE.search(text, pos)
            other = m.span() if m else (none, none)
        if link[0] < pos:
            link = targets.next(pos) or (none, none)
        span = min(other, link)
        if span[0] == none:
            return spans
        spans.append(span)
        pos = span[1]


class Protected:
    """Sorted, non-overlapping spans where rules must not fire.

    >>> p = Protected("see https://a.cn/x,y 好")
    >>> p.covers(17), p.covers(21), p.overlaps(0, 5), p.overlaps(0, 4)
    (True, False, True, False)
    >>> Protected("`a,b` c", code_only=True).covers(2)
    True
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, text: str, *, code_only: bool = False) -> None:
        triggers = _CODE_TRIGGERS if code_only else _PROTECTED_TRIGGERS
        # Most text holds no code, URL, address or entity: a substring test is far cheaper
        # than the regex's alternatives tried at every position.
        if not any(t in text for t in triggers):
            spans: list[tuple[int, int]] = []
        elif code_only:
            spans = [m.span() for m in _CODE_RE.finditer(text)]
        else:
            spans = _protected_spans(text)
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def covers(self, index: int) -> bool:
        """True when ``text[index]`` lies inside a protected span."""
        k = bisect.bisect_right(self._starts, index) - 1
        return k >= 0 and index < self._ends[k]

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` shares a character with a protected span."""
        k = bisect.bisect_right(self._starts, max(start, end - 1)) - 1
        while k >= 0 and self._ends[k] > start:
            if self._starts[k] < end:
                return True
            k -= 1
        return False

    def __bool__(self) -> bool:
        return bool(self._starts)


# --------------------------------------------------------------------------- composing passes

Pass = Callable[[str], list[Step]]
"""A pass maps its input text to non-overlapping steps on that text."""


def _is_report(step: Step) -> bool:
    return step.before == step.after


def _unchanged(length: int, changes: Sequence[Step]) -> list[tuple[int, int, int]]:
    """Unchanged runs as ``(out_start, length, in_start)`` for changes applied to a text."""
    runs: list[tuple[int, int, int]] = []
    pos_in = pos_out = 0
    for step in sorted(changes, key=lambda s: (s.start, s.end)):
        if step.start > pos_in:
            runs.append((pos_out, step.start - pos_in, pos_in))
            pos_out += step.start - pos_in
        pos_out += len(step.after)
        pos_in = step.end
    if length > pos_in:
        runs.append((pos_out, length - pos_in, pos_in))
    return runs


def _merge(stage: str, parts: list[Step], start: int, end: int, before: str, after: str) -> Step:
    if not parts:  # cannot happen: every gap comes from some change
        return Step(stage, "composite", start, end, before, after)
    if len(parts) == 1:
        rule, detail = parts[0].rule, dict(parts[0].detail)
    else:
        rule = "+".join(dict.fromkeys(p.rule for p in parts))
        detail = {"parts": [{"rule": p.rule, "detail": dict(p.detail)} for p in parts]}
    return Step(stage, rule, start, end, before, after, detail)


def compose(text0: str, first: Sequence[Step], text1: str, second: Sequence[Step]) -> list[Step]:
    """Steps on *text0* equivalent to applying *first* (on text0) then *second* (on text1).

    Where steps of the two passes touch, they are merged into one step whose
    rule names both (``"a+b"``) and whose detail lists the parts. Report steps
    (``before == after``) are kept when nothing changes their span.

    >>> a = [Step("s", "x", 1, 2, "\\u200b", "")]
    >>> b = [Step("s", "nfc", 0, 2, "e\\u0301", "é")]
    >>> [(s.rule, s.start, s.end, s.after) for s in compose("e\\u200b\\u0301", a, "e\\u0301", b)]
    [('x+nfc', 0, 3, 'é')]
    """
    a_changes = [s for s in first if not _is_report(s)]
    b_changes = [s for s in second if not _is_report(s)]
    text2 = apply_steps(text1, b_changes)
    a_runs = _unchanged(len(text0), a_changes)  # text1 start, len, text0 start
    b_runs = _unchanged(len(text1), b_changes)  # text2 start, len, text1 start
    # Intersect: runs unchanged by both, as (t0, t1, t2, length).
    both: list[tuple[int, int, int, int]] = []
    i = 0
    for t2, length, t1 in b_runs:
        lo, hi = t1, t1 + length
        while i < len(a_runs) and a_runs[i][0] + a_runs[i][1] <= lo:
            i += 1
        j = i
        while j < len(a_runs) and a_runs[j][0] < hi:
            a1, alen, a0 = a_runs[j]
            s, e = max(lo, a1), min(hi, a1 + alen)
            if s < e:
                both.append((a0 + s - a1, s, t2 + s - lo, e - s))
            j += 1
    # Gaps between unchanged runs are the composed steps.
    stage = (first[0] if first else second[0]).stage if (first or second) else ""
    a_sorted = sorted(a_changes, key=lambda s: (s.start, s.end))
    b_sorted = sorted(b_changes, key=lambda s: (s.start, s.end))
    a_starts = [s.start for s in a_sorted]
    b_starts = [s.start for s in b_sorted]
    result: list[Step] = []
    prev = (0, 0, 0)
    sentinel = (len(text0), len(text1), len(text2), 0)
    for t0, t1, t2, length in [*both, sentinel]:
        p0, p1, p2 = prev
        if p0 < t0 or p2 < t2:
            lo, hi = bisect.bisect_left(a_starts, p0), bisect.bisect_right(a_starts, t0)
            parts = [s for s in a_sorted[lo:hi] if s.end <= t0]
            lo, hi = bisect.bisect_left(b_starts, p1), bisect.bisect_right(b_starts, t1)
            parts += [s for s in b_sorted[lo:hi] if s.end <= t1]
            before, after = text0[p0:t0], text2[p2:t2]
            if before != after:
                result.append(_merge(stage, parts, p0, t0, before, after))
        prev = (t0 + length, t1 + length, t2 + length)
    # Reports: keep those whose span no change touches.
    starts = [s.start for s in result]

    def touched(start: int, end: int) -> bool:
        # Changes are sorted and disjoint: only the last one starting before *end* can overlap.
        k = bisect.bisect_left(starts, end)
        return k > 0 and result[k - 1].end > start

    for rep in first:
        if _is_report(rep) and not touched(rep.start, rep.end):
            result.append(rep)
    both_t1 = [t1 for _, t1, _, _ in both]
    for rep in second:
        if not _is_report(rep):
            continue
        k = bisect.bisect_right(both_t1, rep.start) - 1
        if k < 0:
            continue
        t0, t1, _t2, length = both[k]
        if rep.end <= t1 + length:
            start0 = rep.start - t1 + t0
            if not touched(start0, start0 + len(rep.before)):
                result.append(
                    Step(rep.stage, rep.rule, start0, start0 + len(rep.before), rep.before,
                         rep.after, rep.detail)
                )  # fmt: skip
    return _sorted_unique(result)


def _sorted_unique(steps: Iterable[Step]) -> list[Step]:
    seen: set[tuple[int, int, str, str]] = set()
    out: list[Step] = []
    for s in sorted(steps, key=lambda s: (s.start, s.end, s.before != s.after)):
        key = (s.start, s.end, s.rule, s.after)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def run_passes(text: str, passes: Sequence[Pass], max_rounds: int = 3) -> tuple[str, list[Step]]:
    """Run *passes* in order, repeating until nothing changes (at most *max_rounds*).

    Repeating makes a stage idempotent when one pass creates work for an
    earlier one. The returned steps are in the coordinates of *text*.

    >>> upper: Pass = lambda t: [Step("s", "up", 0, 1, t[0], "A")] if t[:1] == "a" else []
    >>> run_passes("abc", [upper])[0]
    'Abc'
    """
    current = text
    steps: list[Step] = []
    for _ in range(max_rounds):
        changed = False
        for run in passes:
            new_steps = run(current)
            if not new_steps:
                continue
            if any(not _is_report(s) for s in new_steps):
                changed = True
            nxt = apply_steps(current, new_steps)
            steps = compose(text, steps, current, new_steps) if steps else list(new_steps)
            current = nxt
        if not changed:
            break
    return current, steps


def detail(**kwargs: Any) -> dict[str, Any]:
    """A step's detail mapping (a small readability helper).

    >>> detail(lossy=True)
    {'lossy': True}
    """
    return dict(kwargs)
