"""Speed-only shortcuts in the stages find exactly what the plain patterns find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cjkclean import _spans, unicode

# Characters each pattern cares about, the characters around them, and a little of everything.
PIECES = st.sampled_from(
    [
        "中文", "，", "a", "Z", "0", " ", "\n", "`", "```", "://", "http", "www.", "@", "&", ";",
        "#", "x", "](", ")", "amp", ".cn", "-", "_", "%", "+", "b@c.d", "\u200b", "\u200d",
        "\ufeff", "\ufe0f", "\u2f00",
        "\uf900", "１２", "ａ", "\x07", "\x85", "\ufffd", "\U0002f800", "\U000e0100", "😀",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=80))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_char_scan_finds_what_char_re_finds(text: str) -> None:
    fast = [(m.span(), m.group()) for m in unicode._CHAR_SCAN_RE.finditer(text)]
    assert fast == [(m.span(), m.group()) for m in unicode._CHAR_RE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.booleans())
def test_protected_prefilter_keeps_every_span(text: str, code_only: bool) -> None:
    pattern = _spans._CODE_RE if code_only else _spans._PROTECTED_RE
    spans = [m.span() for m in pattern.finditer(text)]
    protected = _spans.Protected(text, code_only=code_only)
    assert list(zip(protected._starts, protected._ends, strict=True)) == spans


# ftfy's badness test cut at runs of CJK characters answers as on the whole line.
BADNESS_PIECES = st.sampled_from(
    [
        "中", "文", "中文", "日本語", "한국어", "かな", "\u3000", " ", "a", "Z", ".", "?", "\n",
        "Ã", "Â", "©", "±", "×", "·", "∶", "€", "œ", "Œ", "ГўВЂВ", "ð", "Ÿ", "\xa0", "¡", "µ",
        "é", "Ä", "─", "│", "ł", "ś", "™", "”", "‚", "•", "˝", "¶", "Ž", "ª",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(BADNESS_PIECES, max_size=30).map("".join))
def test_badness_cut_at_cjk_runs_is_ftfys(line: str) -> None:
    from ftfy.badness import is_bad

    from cjkclean.mojibake.engine import _looks_bad

    assert _looks_bad.__wrapped__(line) == is_bad(line)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            [chr(c) for c in range(32, 127)]
            + list("\n\t中文かなカナ한국")
            + [chr(c) for c in range(0x3000, 0x3040)]
            + [chr(c) for c in range(0xFF00, 0xFFF0)]
        ),
        max_size=20,
    )
)
def test_ascii_and_cjk_letters_are_never_bad_for_ftfy(text: str) -> None:
    """What lets the badness test skip pieces of ASCII, kana, Han, Hangul, CJK punctuation and
    full-width forms only."""
    from ftfy.badness import is_bad

    assert not is_bad(text)
