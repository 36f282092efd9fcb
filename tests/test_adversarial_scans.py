"""The linear scans that replace slow ones on hostile input find exactly what the plain forms find.

* ``typography._md_links`` against ``typography._MD_LINK_RE`` (Markdown links and images);
* ``_spans.Protected`` against ``_spans._PROTECTED_RE`` (code, URLs, addresses, entities and link
  targets), on texts rich in ``[``, ``](`` and ``)`` and with link parts near their length bounds;
* the punctuation rule decided run by run against the same rule decided mark by mark
  (``_punctuation_pass(text, by_runs=False)``), alone and inside the whole typography stage.

The inputs are built from the pieces each scan cares about, with the shapes of
``benchmarks/adversarial.py`` ("[a](" repeated, a run of "!" before "?") among them.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from cjkclean import _spans, typography
from cjkclean._spans import run_passes
from cjkclean.pipeline import Options, Step, apply_steps

LONG = {
    f"x*{n}": "x" * n
    for n in (299, 300, 301, 2047, 2048, 2049)
}  # fmt: skip
LINK_PIECES = st.sampled_from(
    [
        "[", "]", "(", ")", "![", "](", "[a](", "[a](b)", "!", "\n", " ", "\t", "\u3000", "a",
        "中", "x", "`", "```", "http://", "www.", "a@b.cn", "&amp;", "&#1;", ".", "-",
        *LONG.values(),
    ]
)  # fmt: skip
LINK_TEXTS = st.one_of(
    st.lists(LINK_PIECES, max_size=30).map("".join),
    st.tuples(st.sampled_from(["[a](", "](", "[", "!["]), st.integers(1, 700), LINK_PIECES).map(
        lambda t: t[0] * t[1] + t[2]
    ),
)


@settings(max_examples=400, deadline=None)
@given(LINK_TEXTS)
def test_md_links_finds_what_the_link_pattern_finds(text: str) -> None:
    expected = [m.span() for m in typography._MD_LINK_RE.finditer(text)]
    assert typography._md_links(text) == expected


@settings(max_examples=400, deadline=None)
@given(LINK_TEXTS)
def test_protected_spans_are_the_protected_pattern_s_matches(text: str) -> None:
    expected = [m.span() for m in _spans._PROTECTED_RE.finditer(text)]
    protected = _spans.Protected(text)
    assert list(zip(protected._starts, protected._ends, strict=True)) == expected


@settings(max_examples=200, deadline=None)
@given(LINK_TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_guard_covers_and_overlaps_agree_with_the_spans(text: str, a: int, b: int) -> None:
    guard = typography._Guard(text)
    links = [m.span() for m in typography._MD_LINK_RE.finditer(text)]
    protected = [m.span() for m in _spans._PROTECTED_RE.finditer(text)]
    spans = links + protected
    for i in range(min(len(text), 60)):
        assert guard.covers(i) == any(s <= i < e for s, e in spans)
    start, end = min(a, b), max(a, b) + 1
    assert guard.overlaps(start, end) == any(s < end and start < e for s, e in spans)


MARK_PIECES = st.sampled_from(
    [
        "中", "文", "，", "。", "a", "Z", "1", "3", " ", "\t", "\n", ",", ":", ";", "?", "!", "??",
        "?!?", "!!!!!!", ",,,,", "(", ")", "（", "“", "”", '"', "'", "%", ".", "http://a.cn/",
        "`", "[a](b)", "[a](", "Yahoo", "北京", "Have you been to ", "한", "か",
    ]
)  # fmt: skip
MARK_TEXTS = st.one_of(
    st.lists(MARK_PIECES, max_size=40).map("".join),
    st.tuples(MARK_PIECES, st.text("!?,:;", min_size=1, max_size=200), MARK_PIECES).map("".join),
)


def _changes(steps: list[Step]) -> list[Step]:
    return [s for s in steps if s.before != s.after]


def _check_plan(text: str, steps: list[Step]) -> None:
    spans = sorted((s.start, s.end) for s in steps)
    assert all(e1 <= s2 for (_, e1), (s2, _) in itertools.pairwise(spans))
    assert all(text[s.start : s.end] == s.before for s in steps)


@settings(max_examples=400, deadline=None)
@given(MARK_TEXTS)
def test_marks_decided_by_runs_as_one_by_one(text: str) -> None:
    by_runs = typography._punctuation_pass(text)
    one_by_one = typography._punctuation_pass(text, by_runs=False)
    _check_plan(text, by_runs)
    assert apply_steps(text, by_runs) == apply_steps(text, one_by_one)
    reports = sorted((s.start, s.end, s.rule) for s in by_runs if s.before == s.after)
    assert reports == sorted((s.start, s.end, s.rule) for s in one_by_one if s.before == s.after)
    # Joining only merges touching changes: never more steps than one per mark.
    assert len(_changes(by_runs)) <= len(_changes(one_by_one))


@settings(max_examples=150, deadline=None)
@given(MARK_TEXTS, st.sampled_from(["compact", "spaced"]))
def test_typography_stage_same_text_by_runs(text: str, spacing: str) -> None:
    out, steps = typography.fix_typography(text, Options(spacing=spacing))
    plain = [
        typography._whitespace_pass,
        typography._quotes_pass,
        lambda t: typography._punctuation_pass(t, by_runs=False),
        typography._compact_pass if spacing == "compact" else typography._spaced_pass,
    ]
    assert out == run_passes(text, plain)[0]
    assert apply_steps(text, steps) == out


def test_a_run_of_marks_is_one_step() -> None:
    # The benchmark's "run of ! before ?": one step for the run, not one per mark.
    text = "中文" + "!" * 5000 + "?"
    steps = typography._punctuation_pass(text)
    assert [(s.start, s.end) for s in steps] == [(2, len(text))]
    assert steps[0].after == "！" * 5000 + "？"
    # Marks after a letter: only , : ; change, between the run's ? and ! left as they are.
    text = "Yahoo" + "!," * 300 + "中"
    steps = typography._punctuation_pass(text)
    assert apply_steps(text, steps) == "Yahoo" + "!，" * 300 + "中"
    assert len(steps) <= 3  # the first mark, the marks between, the last mark


def test_link_scans_on_the_benchmark_shapes() -> None:
    for text in ("中文," + "[a](" * 3000 + ",中文", "[" * 3000 + "]](x)", "](" * 3000 + ")"):
        assert typography._md_links(text) == [
            m.span() for m in typography._MD_LINK_RE.finditer(text)
        ]
        protected = _spans.Protected(text)
        expected = [m.span() for m in _spans._PROTECTED_RE.finditer(text)]
        assert list(zip(protected._starts, protected._ends, strict=True)) == expected


def _plain_bracket_pairs(line: str) -> list[tuple[int, int]]:
    """The bracket rule as first written: each pair's content searched for Chinese."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(line):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            o = stack.pop()
            english = (
                o >= 2 and line[o - 1] == " " and line[o - 2].isascii() and line[o - 2].isalpha()
            )
            if typography._HAS_CJK_RE.search(line[o + 1 : i]) and not english:
                pairs.append((o, i))
    return pairs


BRACKET_TEXTS = st.lists(
    st.sampled_from(["(", ")", "中", "か", "a", " ", "，", "x y"]), max_size=40
)


@settings(max_examples=400, deadline=None)
@given(BRACKET_TEXTS.map("".join))
def test_brackets_enclosing_chinese_found_in_one_scan(line: str) -> None:
    guard = typography._Guard("")
    expected: list[Step] = []
    for o, c in _plain_bracket_pairs(line):
        expected += typography._pair_steps(line, 0, o, c, ("（", "）"), "brackets", set())
    assert typography._brackets(line, 0, guard) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(' \t中a"', max_size=30), st.data())
def test_outside_reads_past_blanks_like_strip(line: str, data: st.DataObject) -> None:
    if len(line) < 2:
        return
    o = data.draw(st.integers(0, len(line) - 2))
    c = data.draw(st.integers(o + 1, len(line) - 1))
    expected = (line[:o].rstrip(" \t")[-1:], line[c + 1 :].lstrip(" \t")[:1])
    assert typography._outside(line, o, c) == expected


def test_deep_brackets_and_many_quotes_convert() -> None:
    text = "(" * 3000 + "中" + ")" * 3000
    out, _ = typography.fix_typography(text, Options())
    assert out == "（" * 3000 + "中" + "）" * 3000
    text = '说"中"' * 3000
    out, _ = typography.fix_typography(text, Options())
    assert out == "说“中”" * 3000
