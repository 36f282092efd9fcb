"""The indexed answer of ``_likeliest_characters`` equals trying every byte value.

Lost-byte filling asks, for a pattern of known and unknown UTF-8 bytes, which 64 characters are
likeliest. Trying every value of a lost lead byte with its continuation bytes means up to 20,000
decodes a question; the index of likely characters answers the same, faster. These tests hold the
two to the same answer, and check the bound the index relies on.
"""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from cjkclean.mojibake.codecs import (
    _CONTINUATION,
    _LEADS,
    _UNLIKELY,
    _enumerate_characters,
    _likeliest_characters,
    _likely_characters,
)
from cjkclean.mojibake.model import char_cost

CONTINUATION = (_CONTINUATION.start, _CONTINUATION.stop)


@st.composite
def lost_lead_patterns(draw: st.DrawFn) -> tuple[bytes, tuple[tuple[int, int], ...], bytes]:
    """A lost lead byte, some lost continuation bytes, and the continuation bytes seen after."""
    length = draw(st.sampled_from(sorted(_LEADS)))
    leads = _LEADS[length]
    # At least one continuation byte seen when the lead is a 4-byte one: trying every value of
    # a lead and three continuation bytes (1.3 million) is too slow for the reference.
    waiting = draw(st.integers(1 if length == 4 else 0, length - 1))
    tail = bytes(draw(st.lists(st.integers(0x80, 0xBF), min_size=waiting, max_size=waiting)))
    shape = ((leads.start, leads.stop), *[CONTINUATION] * (length - 1 - waiting))
    return b"", shape, tail


@st.composite
def lost_continuation_patterns(
    draw: st.DrawFn,
) -> tuple[bytes, tuple[tuple[int, int], ...], bytes]:
    """A seen lead byte (and maybe a continuation byte) whose last bytes were lost."""
    length = draw(st.sampled_from(sorted(_LEADS)))
    lead = draw(st.integers(_LEADS[length].start, _LEADS[length].stop - 1))
    seen = draw(st.integers(0, length - 2))
    head = bytes([lead, *draw(st.lists(st.integers(0x80, 0xBF), min_size=seen, max_size=seen))])
    return head, tuple([CONTINUATION] * (length - 1 - seen)), b""


@settings(max_examples=60, deadline=None, derandomize=True)
@given(pattern=st.one_of(lost_lead_patterns(), lost_continuation_patterns()))
def test_index_answers_as_enumeration(
    pattern: tuple[bytes, tuple[tuple[int, int], ...], bytes],
) -> None:
    head, shape, tail = pattern
    assert list(_likeliest_characters(head, shape, tail)) == _enumerate_characters(
        head, shape, tail, 64
    )


def test_the_whole_lead_range_of_four_byte_characters() -> None:
    shape = ((0xF0, 0xF5), CONTINUATION, CONTINUATION)
    for tail in (b"\x80", b"\x9f", b"\xbf"):
        assert list(_likeliest_characters(b"", shape, tail)) == _enumerate_characters(
            b"", shape, tail, 64
        )


def test_no_character_outside_the_index_is_likelier_than_the_bound() -> None:
    indexed = {char for entries in _likely_characters().values() for *_, char in entries}
    cost = char_cost.__wrapped__
    worst = max(
        cost(chr(point))
        for point in range(0x80, sys.maxunicode + 1)
        if not 0xD800 <= point < 0xE000 and chr(point) not in indexed
    )
    assert worst <= _UNLIKELY


def test_patterns_in_the_unassigned_and_private_planes() -> None:
    # Nothing likely lives there: the answer comes from the blocks' ceilings (-10 everywhere).
    for head, shape, tail in [
        (b"\xf4", (CONTINUATION,) * 3, b""),
        (b"\xf2", (CONTINUATION,) * 2, b"\xa9"),
        (b"", ((0xF1, 0xF4), CONTINUATION), b"\x80\x80"),
    ]:
        assert list(_likeliest_characters(head, shape, tail)) == _enumerate_characters(
            head, shape, tail, 64
        )
