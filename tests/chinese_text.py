"""Generated Chinese text for the mojibake tests: real words of the model's own tables."""

from __future__ import annotations

import functools

import opencc
from hypothesis import strategies as st

from cjkclean.mojibake.model import _tables


@functools.lru_cache(maxsize=1)
def known_words() -> list[str]:
    """Two-character words known to the model: generated text is made of them."""
    _, bigram = _tables()
    return sorted(k for k in bigram if len(k) == 2)


@functools.lru_cache(maxsize=1)
def to_taiwan() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")


def chinese(min_words: int, max_words: int) -> st.SearchStrategy[str]:
    """Simplified Chinese made of real words."""
    return st.lists(st.sampled_from(known_words()), min_size=min_words, max_size=max_words).map(
        "".join
    )


@functools.lru_cache(maxsize=1)
def korean_syllable_pairs() -> list[str]:
    """The 2,000 commonest pairs of KS X 1001 syllables in the Hangul model (EUC-KR has them)."""
    from cjkclean.mojibake.model import _common_hangul, _hangul_bigram

    bigram = _hangul_bigram()
    common = _common_hangul()
    return [pair for pair in bigram if all(c in common for c in pair)][:2000]


def korean(min_words: int, max_words: int) -> st.SearchStrategy[str]:
    """Korean words of two or four syllables between spaces, made of the model's common pairs."""
    word = st.lists(st.sampled_from(korean_syllable_pairs()), min_size=1, max_size=2).map("".join)
    return st.lists(word, min_size=min_words, max_size=max_words).map(" ".join)
