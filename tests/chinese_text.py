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
